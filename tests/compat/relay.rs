//! A TCP relay in front of each run's recording server, so that newman and postie
//! see the same base URL (`http://127.0.0.1:PORT` with the same PORT) while each
//! still gets a fresh server.
//!
//! Signatures (OAuth 1.0, Hawk, EdgeGrid, AWS) cover the host and port, so the two
//! runs of a case must use the same port for their requests to be comparable byte
//! for byte. A case's newman run gets a relay on a free port; its postie run gets a
//! new relay on that same port. A relay closes every connection when it is dropped,
//! so no kept-alive connection of one run can carry a request of the next, and no
//! port is used by two cases.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct Relay {
    pub port: u16,
    stopping: Arc<AtomicBool>,
    streams: Arc<Mutex<Vec<TcpStream>>>,
    accept: Option<JoinHandle<()>>,
}

static USED: Mutex<Option<HashSet<u16>>> = Mutex::new(None);

impl Relay {
    /// A relay on a port no earlier case used.
    pub fn fresh(target: u16) -> Relay {
        loop {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
            let port = listener.local_addr().unwrap().port();
            let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
            if used.get_or_insert_with(HashSet::new).insert(port) {
                return Relay::spawn(listener, target);
            }
        }
    }

    /// A relay on `port` (the one the other tool's run used) to `target`.
    pub fn on(port: u16, target: u16) -> Relay {
        let mut tries = 0;
        loop {
            match TcpListener::bind(("127.0.0.1", port)) {
                Ok(listener) => return Relay::spawn(listener, target),
                Err(e) if tries < 100 => {
                    tries += 1;
                    let _ = e;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => panic!("bind 127.0.0.1:{port} again: {e}"),
            }
        }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn spawn(listener: TcpListener, target: u16) -> Relay {
        let port = listener.local_addr().unwrap().port();
        let stopping = Arc::new(AtomicBool::new(false));
        let streams: Arc<Mutex<Vec<TcpStream>>> = Arc::new(Mutex::new(Vec::new()));
        let (stop, all) = (stopping.clone(), streams.clone());
        let accept = std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                // Connecting here, in accept order, keeps the server's connection
                // numbers in the order the tool opened them.
                let Ok(upstream) = TcpStream::connect(("127.0.0.1", target)) else {
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
