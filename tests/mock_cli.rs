//! `postie mock` as users start it: it prints where it listens, logs each request,
//! and stops cleanly on SIGTERM (how containers and process managers stop servers).

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn serves_logs_and_stops_on_sigterm() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("postie"))
        .arg("mock")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    out.read_line(&mut banner).unwrap();
    assert!(banner.contains("serving 60 saved examples"), "{banner}");
    let base = banner
        .split(" at ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let addr = base.trim_start_matches("http://").to_string();

    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .write_all(b"GET /apps HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let mut log = String::new();
    out.read_line(&mut log).unwrap();
    assert!(log.contains(" GET /apps → Get Apps (200) "), "{log}");

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "postie mock ignored SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}
