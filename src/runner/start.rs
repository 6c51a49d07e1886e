//! Starting a run: on this thread, or over `--parallel` workers.

use super::events::{RunListener, Summary};
use super::parallel::ParallelRunner;
use super::run::{RunError, RunOptions, Runner};
use crate::collection::Collection;
use crate::http::HttpClient;
use crate::vars::Scopes;

/// A run of a collection, with one worker per HTTP client it was given.
pub enum Run<'c> {
    Sequential(Box<Runner<'c>>),
    Parallel(Box<ParallelRunner<'c>>),
}

impl<'c> Run<'c> {
    /// A run over `workers` workers (at least one), each with a client of its
    /// own made by `client`; every worker starts from `scopes`. One worker runs
    /// the iterations in order on this thread.
    pub fn new<E>(
        collection: &'c Collection,
        scopes: Scopes,
        options: RunOptions,
        workers: usize,
        mut client: impl FnMut() -> Result<HttpClient, E>,
    ) -> Result<Self, E> {
        Ok(if workers > 1 {
            let clients = (0..workers).map(|_| client()).collect::<Result<_, _>>()?;
            Run::Parallel(Box::new(ParallelRunner::new(
                collection, scopes, clients, options,
            )))
        } else {
            Run::Sequential(Box::new(Runner::new(
                collection,
                scopes,
                client()?,
                options,
            )))
        })
    }

    /// The values to hide from the start: reporters are made with them. The
    /// run announces later ones as [`super::Event::Secret`]; these it does not repeat.
    pub fn secrets_before_run(&mut self) -> Vec<String> {
        match self {
            Run::Sequential(r) => r.secrets_before_run(),
            Run::Parallel(r) => r.secrets_before_run(),
        }
    }

    /// Runs the collection, telling every listener what happens as it happens,
    /// in iteration order.
    pub fn run(
        self,
        listeners: &mut [Box<dyn RunListener + '_>],
    ) -> Result<(Summary, HttpClient), RunError> {
        match self {
            Run::Sequential(r) => r.run(listeners),
            Run::Parallel(r) => r.run(listeners),
        }
    }
}
