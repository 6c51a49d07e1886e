//! Which iterations a run takes: a shard's slice of them (`--shard K/N`) and,
//! in a parallel run, one worker's turns within it (`--parallel N`).

use crate::interrupt::Interrupt;
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// `--shard K/N`: the K-th of N contiguous slices of the iterations, so that
/// shards run in order and their reports join end to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// From 1.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parses `K/N` (1 ≤ K ≤ N).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("'{text}': expected K/N, such as 1/4"))?;
        let parse = |s: &str| s.trim().parse::<usize>().ok();
        match (parse(k), parse(n)) {
            (Some(index), Some(count)) if index >= 1 && index <= count => {
                Ok(Shard { index, count })
            }
            _ => Err(format!(
                "'{text}': expected K/N with 1 ≤ K ≤ N, such as 1/4"
            )),
        }
    }

    /// The shard's part of `0..total`; contiguous, sizes differing by one at most.
    pub fn slice(&self, total: usize) -> Range<usize> {
        let start = total * (self.index - 1) / self.count;
        let end = total * self.index / self.count;
        start..end
    }
}

/// The part of the iterations a run takes.
#[derive(Debug, Clone, Default)]
pub struct Share {
    pub shard: Option<Shard>,
    /// Set on each worker of a parallel run.
    pub worker: Option<Turn>,
}

impl Share {
    pub fn range(&self, total: usize) -> Range<usize> {
        match &self.shard {
            Some(s) => s.slice(total),
            None => 0..total,
        }
    }

    pub fn takes(&self, iteration: usize) -> bool {
        self.worker.as_ref().is_none_or(|w| w.owns(iteration))
    }

    /// Waits until `iteration` may start; false when the run ends before it.
    pub fn may_start(&self, iteration: usize, interrupt: &Interrupt) -> bool {
        self.worker
            .as_ref()
            .is_none_or(|w| w.turns.may_start(iteration, interrupt))
    }

    /// The run ended before `iteration` (a `--bail` elsewhere, a report that
    /// could not be written): the iteration's work would be thrown away.
    pub fn stopped(&self, iteration: usize) -> bool {
        self.worker
            .as_ref()
            .is_some_and(|w| w.turns.stopped(iteration))
    }
}

/// One worker's turns: iterations `index`, `index + count`, `index + 2·count`, …
#[derive(Debug, Clone)]
pub struct Turn {
    pub index: usize,
    pub count: usize,
    pub turns: Arc<Turns>,
}

impl Turn {
    fn owns(&self, iteration: usize) -> bool {
        iteration % self.count == self.index
    }
}

/// What the workers of a parallel run share: how far the reports have got, so
/// no worker runs far ahead of them (the iterations waiting to be reported are
/// held in memory), and where the run was stopped.
#[derive(Debug)]
pub struct Turns {
    state: Mutex<TurnState>,
    changed: Condvar,
    /// How many iterations past the one being reported may run.
    window: usize,
}

#[derive(Debug)]
struct TurnState {
    reported: usize,
    /// No iteration after this one is wanted.
    last: Option<usize>,
}

impl Turns {
    pub fn new(window: usize, first: usize) -> Self {
        Turns {
            state: Mutex::new(TurnState {
                reported: first,
                last: None,
            }),
            changed: Condvar::new(),
            window: window.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TurnState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The reports are now at `iteration`.
    pub fn reported(&self, iteration: usize) {
        self.lock().reported = iteration;
        self.changed.notify_all();
    }

    /// No iteration after `iteration` is wanted any more.
    pub fn stop_after(&self, iteration: usize) {
        let mut state = self.lock();
        state.last = Some(state.last.map_or(iteration, |l| l.min(iteration)));
        drop(state);
        self.changed.notify_all();
    }

    fn stopped(&self, iteration: usize) -> bool {
        self.lock().last.is_some_and(|l| iteration > l)
    }

    fn may_start(&self, iteration: usize, interrupt: &Interrupt) -> bool {
        let mut state = self.lock();
        loop {
            if state.last.is_some_and(|l| iteration > l) {
                return false;
            }
            // The runner itself sees the interrupt and says why it stopped.
            if iteration < state.reported + self.window || interrupt.is_set() {
                return true;
            }
            state = self
                .changed
                .wait_timeout(state, Duration::from_millis(50))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_iteration_once_in_order() {
        for total in [0, 1, 5, 10, 101] {
            for count in 1..=7 {
                let mut covered = Vec::new();
                for index in 1..=count {
                    covered.extend(Shard { index, count }.slice(total));
                }
                assert_eq!(
                    covered,
                    (0..total).collect::<Vec<_>>(),
                    "{total} in {count}"
                );
            }
        }
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert!(Shard::parse("3").is_err());
        assert!(Shard::parse("a/b").is_err());
    }
}
