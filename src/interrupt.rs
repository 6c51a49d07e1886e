//! Why a run stops before its end: a signal (Ctrl-C, SIGTERM) or the run's
//! deadline (`--timeout`). One [`Interrupt`] is shared by everything that can
//! wait a long time (the HTTP client, the script sandbox, delays between
//! requests, retries), so whatever is in progress is abandoned at once and the
//! runner can still finish its reports.

use crate::setting::Setting;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::Poll;
use std::time::{Duration, Instant};

/// A signal that asks the run to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM.
    Terminate,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
        }
    }

    /// The shell's code for a process ended by this signal (128 + its number).
    pub fn exit_code(self) -> i32 {
        match self {
            Signal::Interrupt => 130,
            Signal::Terminate => 143,
        }
    }
}

/// What stopped the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Signal(Signal),
    /// The run's deadline passed; the limit it was given (`--timeout`).
    Deadline(Duration),
}

impl Cause {
    /// What stopped the run, without the setting that set a deadline: for the
    /// scripts and requests it cut short, whose lines sit above the run's own
    /// error, which names the setting once.
    pub fn what(&self) -> String {
        match self {
            Cause::Signal(s) => format!("interrupted by {}", s.name()),
            Cause::Deadline(limit) => {
                format!("the run timed out after {} ms", limit.as_millis())
            }
        }
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cause::Signal(s) => write!(f, "interrupted by {}", s.name()),
            Cause::Deadline(limit) => write!(
                f,
                "the run timed out after {} ms ({})",
                limit.as_millis(),
                Setting::RunTimeout
            ),
        }
    }
}

const NONE: u8 = 0;
const SIGINT: u8 = 1;
const SIGTERM: u8 = 2;
const DEADLINE: u8 = 3;
const NO_DEADLINE: u64 = u64::MAX;

struct Inner {
    cause: AtomicU8,
    /// Reference point of `deadline_ns`.
    base: Instant,
    deadline_ns: AtomicU64,
    limit_ms: AtomicU64,
    /// Wakes threads sleeping in [`Interrupt::sleep`].
    sleepers: (Mutex<()>, Condvar),
    /// Wakes futures waiting in [`Interrupt::wait`].
    notify: tokio::sync::Notify,
}

/// The shared stop signal of a run. Cloning shares it. Checking it is two
/// atomic loads (and a clock read when a deadline is set), cheap enough for
/// QuickJS's interrupt handler.
#[derive(Clone)]
pub struct Interrupt {
    inner: Arc<Inner>,
}

impl Default for Interrupt {
    fn default() -> Self {
        Interrupt {
            inner: Arc::new(Inner {
                cause: AtomicU8::new(NONE),
                base: Instant::now(),
                deadline_ns: AtomicU64::new(NO_DEADLINE),
                limit_ms: AtomicU64::new(0),
                sleepers: (Mutex::new(()), Condvar::new()),
                notify: tokio::sync::Notify::new(),
            }),
        }
    }
}

impl std::fmt::Debug for Interrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interrupt")
            .field("cause", &self.cause())
            .finish()
    }
}

impl Interrupt {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop. The first cause wins; returns whether this call set it.
    pub fn trigger(&self, cause: Cause) -> bool {
        let code = match cause {
            Cause::Signal(Signal::Interrupt) => SIGINT,
            Cause::Signal(Signal::Terminate) => SIGTERM,
            Cause::Deadline(limit) => {
                self.inner
                    .limit_ms
                    .store(limit.as_millis() as u64, Ordering::SeqCst);
                DEADLINE
            }
        };
        let first = self
            .inner
            .cause
            .compare_exchange(NONE, code, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok();
        self.wake();
        first
    }

    fn wake(&self) {
        let (lock, cv) = &self.inner.sleepers;
        drop(lock.lock());
        cv.notify_all();
        self.inner.notify.notify_waiters();
    }

    /// The run must end `limit` after `start` (`--timeout`).
    pub fn set_deadline(&self, start: Instant, limit: Duration) {
        let at = start + limit;
        let ns = at.saturating_duration_since(self.inner.base).as_nanos();
        self.inner
            .limit_ms
            .store(limit.as_millis() as u64, Ordering::SeqCst);
        self.inner
            .deadline_ns
            .store(ns.min(u128::from(NO_DEADLINE - 1)) as u64, Ordering::SeqCst);
        self.wake();
    }

    /// When the run must end, if it has a deadline.
    pub fn deadline(&self) -> Option<Instant> {
        match self.inner.deadline_ns.load(Ordering::Relaxed) {
            NO_DEADLINE => None,
            ns => Some(self.inner.base + Duration::from_nanos(ns)),
        }
    }

    /// Whether the run must stop now (a signal came or the deadline passed).
    pub fn is_set(&self) -> bool {
        self.cause().is_some()
    }

    /// Why the run must stop, if it must.
    pub fn cause(&self) -> Option<Cause> {
        let limit = || Duration::from_millis(self.inner.limit_ms.load(Ordering::Relaxed));
        match self.inner.cause.load(Ordering::Relaxed) {
            SIGINT => return Some(Cause::Signal(Signal::Interrupt)),
            SIGTERM => return Some(Cause::Signal(Signal::Terminate)),
            DEADLINE => return Some(Cause::Deadline(limit())),
            _ => {}
        }
        let deadline = self.deadline()?;
        if Instant::now() < deadline {
            return None;
        }
        // Recorded without waking anyone: whoever waits also watches the
        // deadline, and a sleeper may hold the lock `trigger` takes.
        let _ =
            self.inner
                .cause
                .compare_exchange(NONE, DEADLINE, Ordering::SeqCst, Ordering::SeqCst);
        // A signal may have won the race.
        self.cause()
    }

    /// Sleeps for `duration` unless the run must stop first; returns `false` then.
    pub fn sleep(&self, duration: Duration) -> bool {
        let until = Instant::now() + duration;
        let (lock, cv) = &self.inner.sleepers;
        let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if self.is_set() {
                return false;
            }
            let now = Instant::now();
            if now >= until {
                return true;
            }
            let mut wait = until - now;
            if let Some(d) = self.deadline() {
                wait = wait.min(d.saturating_duration_since(now) + Duration::from_millis(1));
            }
            guard = cv
                .wait_timeout(guard, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Resolves when the run must stop, with the cause. Needs a tokio runtime with time.
    pub async fn wait(&self) -> Cause {
        loop {
            let mut notified = pin!(self.inner.notify.notified());
            notified.as_mut().enable();
            if let Some(c) = self.cause() {
                return c;
            }
            match self.deadline() {
                Some(d) => {
                    let sleep = tokio::time::sleep_until(tokio::time::Instant::from_std(d));
                    first(notified, sleep).await;
                }
                None => notified.await,
            }
        }
    }

    /// Runs `work` unless the run must stop first: then `work` is dropped
    /// (abandoning a request in flight) and the cause is returned.
    pub async fn guard<F: Future>(&self, work: F) -> Result<F::Output, Cause> {
        if let Some(c) = self.cause() {
            return Err(c);
        }
        // `work` polled in place, not through futures of its own: each async
        // layer that takes a future and awaits it holds it twice, and the
        // whole (a request's exchange, kilobytes) is moved by `block_on` on
        // every request. `wait` starts when first polled: after `work` is pending.
        let mut work = pin!(work);
        let mut stop = pin!(self.wait());
        std::future::poll_fn(|cx| {
            if let Poll::Ready(v) = work.as_mut().poll(cx) {
                return Poll::Ready(Ok(v));
            }
            stop.as_mut().poll(cx).map(Err)
        })
        .await
    }
}

/// Whichever of two futures finishes first (`a` when both are ready).
async fn first<T>(a: impl Future<Output = T>, b: impl Future<Output = T>) -> T {
    let mut a = pin!(a);
    let mut b = pin!(b);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(v);
        }
        b.as_mut().poll(cx)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_cause_wins() {
        let i = Interrupt::new();
        assert_eq!(i.cause(), None);
        assert!(i.trigger(Cause::Signal(Signal::Terminate)));
        assert!(!i.trigger(Cause::Signal(Signal::Interrupt)));
        assert_eq!(i.cause(), Some(Cause::Signal(Signal::Terminate)));
        assert_eq!(Signal::Terminate.exit_code(), 143);
    }

    #[test]
    fn a_deadline_in_the_past_is_a_cause() {
        let i = Interrupt::new();
        i.set_deadline(
            Instant::now() - Duration::from_secs(1),
            Duration::from_millis(5),
        );
        assert_eq!(i.cause(), Some(Cause::Deadline(Duration::from_millis(5))));
        assert_eq!(
            i.cause().unwrap().to_string(),
            "the run timed out after 5 ms (run timeout)"
        );
    }

    #[test]
    fn sleep_ends_early_on_a_signal_from_another_thread() {
        let i = Interrupt::new();
        let j = i.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            j.trigger(Cause::Signal(Signal::Interrupt));
        });
        let started = Instant::now();
        assert!(!i.sleep(Duration::from_secs(30)));
        assert!(started.elapsed() < Duration::from_secs(10));
        t.join().unwrap();
        assert!(Interrupt::new().sleep(Duration::from_millis(1)));
    }

    #[test]
    fn guard_abandons_work_at_the_deadline() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let i = Interrupt::new();
        i.set_deadline(Instant::now(), Duration::from_millis(30));
        let r = rt.block_on(i.guard(std::future::pending::<()>()));
        assert_eq!(r, Err(Cause::Deadline(Duration::from_millis(30))));
        let free = Interrupt::new();
        assert_eq!(rt.block_on(free.guard(async { 7 })), Ok(7));
    }
}
