//! `postie mock` as users start it: it prints where it listens, logs each request,
//! and stops cleanly on SIGTERM (how containers and process managers stop servers).

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn serves_logs_and_stops_on_sigterm() {
    let (collection, environment) = support::project_forgerock();
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
    let base = banner
        .split(" at ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{banner}");
    assert_eq!(
        banner.trim_end(),
        format!(
            "postie mock: serving 40 saved examples of 'ForgeRock Identity Cloud (postie)' at {base} (Ctrl-C to stop)"
        )
    );

    let reply = support::client::get(&base, "/apps");
    assert_eq!((reply.status, reply.example()), (200, Some("List apps")));
    let mut log = String::new();
    out.read_line(&mut log).unwrap();
    assert_eq!(log.trim(), "GET /apps → List apps (200)");

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
