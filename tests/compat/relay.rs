//! A TCP relay in front of each run's recording server, so that newman and postie
//! see the same base URL (`http://127.0.0.1:PORT` with the same PORT) while each
//! still gets a fresh server.
//!
//! Signatures (OAuth 1.0, Hawk, EdgeGrid, AWS) cover the host and port, so the two
//! runs of a case must use the same port for their requests to be comparable byte
//! for byte. A case keeps one relay, listening on a port no earlier case used, for
//! both of its runs: between them the relay closes every connection and turns to
//! the next run's server, so no kept-alive connection of one run can carry a
//! request of the next. The port is never let go between the runs: binding it again
//! could find it taken by a socket of another test (it is in the ephemeral range).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct Relay {
    pub port: u16,
    target: Arc<AtomicU16>,
    stopping: Arc<AtomicBool>,
    streams: Arc<Mutex<Vec<TcpStream>>>,
    accept: Option<JoinHandle<()>>,
}

static USED: Mutex<Option<HashSet<u16>>> = Mutex::new(None);

impl Relay {
    /// A relay on a port no earlier case used, with no server until `retarget`.
    pub fn fresh() -> Relay {
        loop {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
            let port = listener.local_addr().unwrap().port();
            let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
            if used.get_or_insert_with(HashSet::new).insert(port) {
                return Relay::spawn(listener);
            }
        }
    }

    /// Closes every connection of the run before and sends new ones to `target`.
    pub fn retarget(&self, target: u16) {
        self.target.store(target, Ordering::SeqCst);
        for s in self.streams.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn spawn(listener: TcpListener) -> Relay {
        let port = listener.local_addr().unwrap().port();
        let target = Arc::new(AtomicU16::new(0));
        let stopping = Arc::new(AtomicBool::new(false));
        let streams: Arc<Mutex<Vec<TcpStream>>> = Arc::new(Mutex::new(Vec::new()));
        let (to, stop, all) = (target.clone(), stopping.clone(), streams.clone());
        let accept = std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                // Connecting here, in accept order, keeps the server's connection
                // numbers in the order the tool opened them.
                let Ok(upstream) = TcpStream::connect(("127.0.0.1", to.load(Ordering::SeqCst)))
                else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = upstream.set_nodelay(true);
                {
                    let mut all = all.lock().unwrap();
                    for s in [&client, &upstream] {
                        if let Ok(c) = s.try_clone() {
                            all.push(c);
                        }
                    }
                }
                pipe(client.try_clone().unwrap(), upstream.try_clone().unwrap());
                pipe(upstream, client);
            }
        });
        Relay {
            port,
            target,
            stopping,
            streams,
            accept: Some(accept),
        }
    }
}

/// Copies `from` to `to` until `from` ends, then passes the end on.
fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        for s in self.streams.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}
