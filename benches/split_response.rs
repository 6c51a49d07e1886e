//! Requests on a reused connection to a server that writes each response's
//! head and body in two sends, with Nagle's algorithm on (as Python's
//! `http.server` does): `cargo bench --bench split_response [-- REQUESTS]`.
//!
//! Prints the median and mean time per request. Before the client
//! acknowledged response heads at once it was about 40 ms (the delayed-ACK
//! timer); now it is the server's own time. A median near 40 ms means the
//! stall is back (see docs/performance.md). Also prints a server that sends
//! each response in one write, for comparison.

use postie::http::{ClientOptions, HttpClient, HttpRequest};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Serves keep-alive GETs; `split` writes head and body in two sends.
fn serve(split: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, split));
        }
    });
    format!("http://{addr}/")
}

fn answer(stream: TcpStream, split: bool) {
    let _ = stream.set_nodelay(false);
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut out = stream;
    loop {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let payload = b"{\"ok\":true}";
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        );
        let sent = if split {
            out.write_all(head.as_bytes())
                .and_then(|_| out.write_all(payload))
        } else {
            out.write_all(&[head.as_bytes(), payload].concat())
        };
        if sent.is_err() {
            return;
        }
    }
}

fn measure(url: &str, requests: usize) -> (Duration, Duration) {
    let mut client = HttpClient::new(ClientOptions::default()).expect("client");
    let request = HttpRequest {
        method: "GET".into(),
        url: url.into(),
        ..Default::default()
    };
    // The first request opens the connection; the rest reuse it.
    client.send(&request).expect("first request");
    let mut times = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        let response = client.send(&request).expect("request");
        assert_eq!(response.code, 200);
        times.push(started.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / requests as u32;
    (times[requests / 2], mean)
}

fn main() {
    let requests: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    for (name, split) in [("head and body in two sends", true), ("one send", false)] {
        let (median, mean) = measure(&serve(split), requests);
        println!(
            "{name:<28} {requests} requests: median {:.2} ms, mean {:.2} ms",
            median.as_secs_f64() * 1000.0,
            mean.as_secs_f64() * 1000.0
        );
    }
}
