//! postie: run Postman collections headless and convert them.
//!
//! Data flows one way: [`collection`] (model and loading) → [`vars`] (scopes and
//! substitution) → [`request`] (auth, body, URL) → [`http`] (client, cookies,
//! redirects, TLS) → [`script`] (the sandbox) → [`runner`] (order, iterations,
//! events) → [`report`], [`export`] and [`mock`]. Whatever a human or CI reads
//! leaves through [`output`], where secrets are masked. [`interrupt`] is the
//! run's stop signal (Ctrl-C, SIGTERM, `--timeout`), shared by every layer that waits.

pub mod collection;
pub mod diff;
pub mod export;
pub mod http;
pub mod interrupt;
pub mod lint;
pub mod mock;
pub mod output;
pub mod report;
pub mod request;
pub mod runner;
pub mod script;
pub mod setting;
pub mod tree;
pub mod uuid_v4;
pub mod vars;
