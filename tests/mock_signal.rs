//! `MockServer::wait` (what `postie mock` blocks on) returns on Ctrl-C and
//! closes the port. Alone in its own test binary because it signals itself.

mod support;

use postie::collection::Collection;
use postie::mock::{MockOptions, MockServer};
use postie::vars::Scopes;
use serde_json::json;
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};
use support::client::get;

#[cfg(unix)]
#[test]
fn wait_returns_on_ctrl_c_and_closes_the_port() {
    // Install a SIGINT handler first, so a signal sent before `wait` listens
    // cannot end the test process (tokio keeps the handler for the process).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime
        .block_on(async {
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
        })
        .unwrap();

    let collection: Collection = serde_json::from_value(json!({
        "info": { "name": "c" },
        "item": [ { "name": "ping", "request": "{{base}}/ping",
                    "response": [ { "name": "Pong", "body": "pong" } ] } ]
    }))
    .unwrap();
    let server =
        MockServer::start(&collection, &Scopes::default(), MockOptions::default()).unwrap();
    let base = server.base_url();
    let addr = server.local_addr();
    assert_eq!(get(&base, "/ping").body, "pong");

    let waiter = std::thread::spawn(move || server.wait());
    let started = Instant::now();
    // `wait` may not listen yet when the first signal arrives: repeat until it returns.
    while !waiter.is_finished() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "wait() did not return on SIGINT"
        );
        let status = Command::new("kill")
            .args(["-INT", &std::process::id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(100));
    }
    waiter.join().unwrap().expect("wait() ends without error");
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening on {addr}"
    );
}
