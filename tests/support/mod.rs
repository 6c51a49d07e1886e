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
