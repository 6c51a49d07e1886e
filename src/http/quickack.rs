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

/// Sends the acknowledgement the kernel is holding for the connection that
/// brought `response`, if any. Best effort: nothing happens where the
/// connection cannot be found.
#[cfg(target_os = "linux")]
pub fn acknowledge(response: &reqwest::Response) {
    use hyper_util::client::legacy::connect::HttpInfo;
    use std::os::fd::{BorrowedFd, RawFd};
    let Some(info) = response.extensions().get::<HttpInfo>() else {
        return;
    };
    // The client does not expose its sockets: find ours among the process's
    // descriptors by its two addresses, which name one TCP connection.
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return;
    };
    for entry in dir.flatten() {
        let Some(fd) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<RawFd>().ok())
        else {
            continue;
        };
        // SAFETY: the descriptor is only used for the calls below, while
        // this thread runs. Should another thread close it meanwhile, the calls
        // fail (or reach whatever took its number, which then does not have
        // both addresses and is left alone).
        let fd = unsafe { BorrowedFd::borrow_raw(fd) };
        let socket = socket2::SockRef::from(&fd);
        let ours = socket.local_addr().ok().and_then(|a| a.as_socket()) == Some(info.local_addr())
            && socket.peer_addr().ok().and_then(|a| a.as_socket()) == Some(info.remote_addr());
        if ours {
            let _ = socket.set_tcp_quickack(true);
            return;
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn acknowledge(_: &reqwest::Response) {}
