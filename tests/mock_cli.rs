//! `postie mock` as users start it: it prints where it listens, logs each request,
//! and stops cleanly on SIGTERM (how containers and process managers stop servers).

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running `postie mock`, killed if the test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[cfg(unix)]
#[test]
fn serves_logs_and_stops_on_sigterm() {
    let (collection, environment) = support::project_forgerock();
    let mut child = Running(
        Command::new(assert_cmd::cargo::cargo_bin("postie"))
            .arg("mock")
            .arg(&collection)
            .arg("-e")
            .arg(&environment)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(child.0.stdout.take().unwrap());
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
    // Time received, request, example, status, time taken.
    let line = regex::Regex::new(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET /apps → List apps \(200\) \d+(\.\d+)? ms\n$",
    )
    .unwrap();
    assert!(line.is_match(&log), "{log:?}");

    Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.0.try_wait().unwrap() {
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
