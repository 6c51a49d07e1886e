//! Helpers shared by the mock server tests: a plain HTTP/1.1 client over
//! `std::net::TcpStream`, and loading the official ForgeRock collection.
#![allow(dead_code)]

use postie::collection::{load_collection, load_variable_file, Collection};
use postie::vars::{Scopes, VariableScope};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
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

    /// The example that answered (`X-Postie-Mock-Example`).
    pub fn example(&self) -> Option<&str> {
        self.header("x-postie-mock-example")
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends one request (`Connection: close`) and reads the whole reply.
pub fn send(base: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let authority = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).expect("connect to the mock");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
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
    let reply = Reply {
        status,
        headers,
        body: rest.to_string(),
    };
    // A HEAD reply announces the GET body's length without sending it.
    if let Some(len) = reply.header("content-length").filter(|_| method != "HEAD") {
        assert_eq!(
            len.parse::<usize>().unwrap(),
            reply.body.len(),
            "Content-Length must be the length of the body served"
        );
    }
    reply
}

pub fn get(base: &str, target: &str) -> Reply {
    send(base, "GET", target, &[], "")
}

/// `../shared/forgerock`, beside the checkout.
pub fn forgerock_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/forgerock")
}

/// The official collection, and scopes holding its environment and collection variables.
pub fn forgerock() -> (Collection, Scopes) {
    let dir = forgerock_dir();
    let collection = load_collection(&dir.join("Express APIs.postman_collection.json"))
        .expect("the official collection loads")
        .collection;
    let env = load_variable_file(
        &dir.join("Express Environment Variables.postman_environment.json"),
        "environment",
    )
    .expect("the official environment loads");
    let scopes = Scopes {
        environment: VariableScope::from_file(env),
        collection: VariableScope::from_variables(collection.variable.clone()),
        ..Default::default()
    };
    (collection, scopes)
}
