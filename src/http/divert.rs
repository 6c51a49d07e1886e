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

impl Divert {
    /// The URL actually connected to: the divert address, with the original
    /// path and query.
    pub(crate) fn target(&self, url: &url::Url) -> String {
        let mut out = format!("http://{}{}", self.to, url.path());
        if let Some(q) = url.query() {
            out.push('?');
            out.push_str(q);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_path_and_query() {
        let d = Divert {
            to: "127.0.0.1:9".parse().unwrap(),
            allows: Arc::new(|_| Ok(())),
        };
        let u = url::Url::parse("https://Api.Example.com:8443/a/b%20c?x=1&y").unwrap();
        assert_eq!(d.target(&u), "http://127.0.0.1:9/a/b%20c?x=1&y");
        let u = url::Url::parse("https://example.com").unwrap();
        assert_eq!(d.target(&u), "http://127.0.0.1:9/");
    }
}
