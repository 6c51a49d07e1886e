//! One setting that sends every request of a client to a single local address
//! instead of the host in its URL (what `run --mock` uses to stay on the machine).
//!
//! A diverted request keeps its URL everywhere it is seen (reports, scripts,
//! the cookie jar, redirect resolution): only the connection changes. It is
//! sent over plain HTTP to [`Divert::to`], with no DNS lookup, no proxy and no
//! TLS, and its `Host` header names the URL's host, so the server there can
//! tell hosts apart. Before each hop, [`Divert::allows`] is asked about the
//! URL: a request it refuses is never sent (it ends with
//! [`RequestError::Refused`](super::RequestError::Refused)), and a redirect to
//! a URL it refuses is not followed (the 3xx is the response).

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

/// Decides whether a URL may be sent to the divert address; `Err` says why not.
pub type DivertPolicy = Arc<dyn Fn(&url::Url) -> Result<(), String> + Send + Sync>;

/// Where every request goes, and which URLs may go there.
#[derive(Clone)]
pub struct Divert {
    pub to: SocketAddr,
    pub allows: DivertPolicy,
}

impl fmt::Debug for Divert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Divert").field("to", &self.to).finish()
    }
}
