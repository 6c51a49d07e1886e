//! The tests' one raw HTTP/1.1 client, over `std::net::TcpStream`: one request
//! with `Connection: close`, the whole reply read back. Tests of servers postie
//! runs (the mock) use it to see exactly what those servers write.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A reply as it came over the wire.
pub struct Response {
    pub status: u16,
    /// Header names in the case they were sent, in order, duplicates kept.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The saved example that answered (`X-Postie-Mock-Example`).
    pub fn example(&self) -> Option<&str> {
        self.header("x-postie-mock-example")
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends one request to `base` (`http://HOST:PORT`) and reads the whole reply.
/// A reply whose `Content-Length` is not the length of its body fails the test.
pub fn send(
    base: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let authority = base.trim_start_matches("http://");
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    let raw = exchange(base, request.as_bytes());
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .expect("a complete response head");
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let response = Response {
        status,
        headers,
        body: rest.to_string(),
    };
    // A HEAD reply announces the GET body's length without sending it.
    if let Some(len) = response
        .header("content-length")
        .filter(|_| method != "HEAD")
    {
        assert_eq!(
            len.parse::<usize>().unwrap(),
            response.body.len(),
            "Content-Length must be the length of the body served"
        );
    }
    response
}

/// Writes `bytes` as they are on one connection to `base` and reads until the
/// server closes it: for requests no well-behaved client would send.
pub fn exchange(base: &str, bytes: &[u8]) -> Vec<u8> {
    let authority = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    reply
}

pub fn get(base: &str, target: &str) -> Response {
    send(base, "GET", target, &[], "")
}
