//! HTTP: the client, its cookie jar, redirects and TLS.

pub mod types;

pub use types::*;
