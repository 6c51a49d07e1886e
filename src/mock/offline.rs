//! How `postie run --mock` keeps a run on this machine.
//!
//! Pointing the collection's base-URL variables at the mock is not enough: a
//! request may name its host literally, a saved example may redirect elsewhere
//! (`Location: https://example.com/callback?code=…`), and a script may build a
//! URL for `pm.sendRequest` from the environment's real values. So the run's
//! HTTP client gets one setting, a [`Divert`]: every request it sends, each
//! redirect hop and each `pm.sendRequest` included, connects to the mock's
//! address instead of the host in its URL, over plain HTTP, with no DNS lookup
//! and no proxy. The URL itself is left alone (reports, scripts and the cookie
//! jar see the real one) and its host travels in the `Host` header, which the
//! mock uses to prefer examples saved for that host.
//!
//! Which URLs the mock answers is decided here, before anything is sent: those
//! whose host is the mock's own or one the collection sends requests to (a
//! literal host in a request's or an example's URL, or the host of a base-URL
//! variable's value; see [`RouteTable::has_host`]). Any other request is
//! refused with an error naming it and the host; a redirect to any other host
//! is not followed, and the saved 3xx is the response (as `--ignore-redirects`
//! gives), which is what a test script reading `Location` expects.

use super::routes::RouteTable;
use crate::http::Divert;
use std::net::SocketAddr;
use std::sync::Arc;

/// The divert setting for a run against a mock listening at `to`.
pub(crate) fn divert(table: Arc<RouteTable>, to: SocketAddr) -> Divert {
    Divert {
        to,
        allows: Arc::new(move |url: &url::Url| allows(&table, to, url)),
    }
}

/// `Ok` when the mock answers `url`; otherwise why it is not sent.
pub fn allows(table: &RouteTable, mock: SocketAddr, url: &url::Url) -> Result<(), String> {
    let host = url.host_str().unwrap_or("");
    let own = host.trim_start_matches('[').trim_end_matches(']') == mock.ip().to_string()
        && url.port_or_known_default() == Some(mock.port());
    if own || table.has_host(host) {
        return Ok(());
    }
    Err(format!(
        "its host {host} is not in the collection, and a run against the mock sends nothing off this machine"
    ))
}
