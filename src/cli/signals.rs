//! Ctrl-C and SIGTERM during `postie run`. The first one stops the run: the
//! request or script in progress is abandoned and the reports and exports are
//! finished, marked as interrupted. A second one exits at once, removing the
//! temporary files of reports still being written.

use postie::interrupt::{Cause, Interrupt, Signal};
use std::io::Write;

/// Listens for signals on a thread of its own from now on, telling `interrupt`.
pub fn watch(interrupt: Interrupt) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Installed here, before the run starts: from now on a signal no longer kills.
    let mut signals = runtime.block_on(async { Signals::install() })?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            runtime.block_on(async move {
                let first = signals.next().await;
                interrupt.trigger(Cause::Signal(first));
                let _ = writeln!(
                    std::io::stderr(),
                    "\npostie: {} received: stopping and finishing the reports (press Ctrl-C again to quit at once)",
                    first.name()
                );
                let second = signals.next().await;
                postie::output::remove_temporary_files();
                let _ = writeln!(std::io::stderr(), "\npostie: {}: quitting", second.name());
                std::process::exit(second.exit_code());
            })
        })?;
    Ok(())
}

#[cfg(unix)]
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    async fn next(&mut self) -> Signal {
        std::future::poll_fn(|cx| {
            if self.int.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(Signal::Interrupt);
            }
            if self.term.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(Signal::Terminate);
            }
            std::task::Poll::Pending
        })
        .await
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn install() -> std::io::Result<Self> {
        Ok(Signals)
    }

    async fn next(&mut self) -> Signal {
        let _ = tokio::signal::ctrl_c().await;
        Signal::Interrupt
    }
}
