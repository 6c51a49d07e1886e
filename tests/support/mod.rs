//! Test support: servers the tests start on 127.0.0.1, and helpers to run the binary.
#![allow(dead_code)]

pub mod fake_tenant;
pub mod server;

use std::path::PathBuf;

/// `../shared/`, read-only material beside the project (never copied into it).
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel)
}

pub fn postie() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("postie").expect("postie binary");
    c.env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy");
    c.env("NO_COLOR", "1");
    c
}

/// The value of `key` in an exported environment file.
pub fn env_value(env: &serde_json::Value, key: &str) -> Option<String> {
    env["values"]
        .as_array()?
        .iter()
        .find(|v| v["key"] == key)
        .and_then(|v| v["value"].as_str().map(str::to_string))
}
