//! HTTP: the client, its cookie jar, redirects and TLS.

pub mod client;
pub mod decode;
pub mod divert;
pub mod fault;
pub mod handshake;
pub mod jar;
mod quickack;
mod redirect;
mod transport;
pub mod types;
pub mod wire;

pub use client::{ClientError, ClientOptions, HttpClient};
pub use divert::{Divert, DivertPolicy};
pub use handshake::{Answered, RoundTrip};
pub use jar::CookieJar;
pub use types::*;
