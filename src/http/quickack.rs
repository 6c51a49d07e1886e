//! Acknowledging a response's head at once.
//!
//! Servers that write a response's head and body in two sends with Nagle's
//! algorithm on (Python's `http.server` among them) hold the body back until
//! the head is acknowledged. On a reused keep-alive connection Linux treats
//! the exchange as interactive and delays that acknowledgement, hoping to
//! carry it on data of its own; the client has none to send, so every such
//! response stalls for the delayed-ACK timer (about 40 ms). Setting
//! `TCP_QUICKACK` once the head has arrived sends the pending acknowledgement
//! now, and the body follows at once. See docs/performance.md.

/// Sends the acknowledgement the kernel is holding for `socket`, if any
/// (best effort: the body arrives either way).
#[cfg(target_os = "linux")]
pub fn acknowledge(socket: &tokio::net::TcpStream) {
    let _ = socket2::SockRef::from(socket).set_tcp_quickack(true);
}

#[cfg(not(target_os = "linux"))]
pub fn acknowledge(_: &tokio::net::TcpStream) {}
