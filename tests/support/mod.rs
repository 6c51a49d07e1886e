//! Test support: the local server, the `postie` command, and the one way to find
//! material and tools that a user's fresh clone may not have.
//!
//! Material from `../shared` (the official ForgeRock collection, the Postman
//! schema examples) and optional tools (node, newman, HTTPie, other shells) are
//! looked up only through [`shared`] and [`tool`]. When one is missing the test
//! prints a visible `skipped: …` line and returns; with `POSTIE_REQUIRE_SHARED=1`
//! (set by `.ci/run`) a missing one fails the test instead, so CI runs them all.
#![allow(dead_code)]

pub mod export_case;
pub mod fake_tenant;
pub mod server;
pub mod wire;

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder of shared material: `$POSTIE_SHARED`, else `../shared` beside the checkout.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("POSTIE_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared"),
    }
}

/// Whether a missing prerequisite fails the test (CI) rather than skipping it.
pub fn required() -> bool {
    std::env::var("POSTIE_REQUIRE_SHARED").is_ok_and(|v| v == "1")
}

/// Says that a test cannot run here: a failure under `POSTIE_REQUIRE_SHARED=1`,
/// otherwise one line on the real stderr (not the captured one), so that
/// `cargo test` shows it even when the test passes.
pub fn skip(what: &str, hint: &str) {
    let line = format!("skipped: {what} not found ({hint})");
    if required() {
        panic!("{line}; POSTIE_REQUIRE_SHARED=1 makes this a failure");
    }
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A file or folder of shared material, e.g. `forgerock/Express APIs.postman_collection.json`;
/// `None` (after printing the skip line) when it is not there.
pub fn shared(rel: &str, what: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    if path.exists() {
        Some(path)
    } else {
        skip(what, "set POSTIE_SHARED");
        None
    }
}

/// The official ForgeRock collection and environment.
pub fn official_forgerock() -> Option<(PathBuf, PathBuf)> {
    let what = "official ForgeRock collection";
    let c = shared("forgerock/Express APIs.postman_collection.json", what)?;
    let e = shared(
        "forgerock/Express Environment Variables.postman_environment.json",
        what,
    )?;
    Some((c, e))
}

/// A program on `PATH`; `None` (after printing the skip line) when it is not installed.
pub fn tool(name: &str) -> Option<PathBuf> {
    match find_on_path(name) {
        Some(p) => Some(p),
        None => {
            skip(name, ".ci/run installs it");
            None
        }
    }
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The project's own ForgeRock collection and environment (always present).
pub fn project_forgerock() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    (
        root.join("collections/forgerock-identity-cloud.postman_collection.json"),
        root.join("environments/forgerock-identity-cloud.postman_environment.json"),
    )
}

pub fn postie() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("postie").expect("postie binary");
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        c.env_remove(proxy);
    }
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

/// A CA and a server certificate for 127.0.0.1 (valid for `days`; negative for an
/// expired one), made with the openssl command in `dir`:
/// `ca.pem`, `server.pem` (leaf then CA) and `server.key`.
pub fn make_certs(dir: &Path, days: i32) -> server::Identity {
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=postie test CA",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    let days_arg = days.to_string();
    // A negative number of days makes an already expired certificate.
    let args = [
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-extfile",
        "ext.cnf",
        "-days",
        &days_arg,
    ];
    run(&args);
    let mut chain = std::fs::read(dir.join("leaf.pem")).unwrap();
    chain.extend(std::fs::read(dir.join("ca.pem")).unwrap());
    std::fs::write(dir.join("server.pem"), &chain).unwrap();
    server::Identity {
        cert_pem: chain,
        key_pem: std::fs::read(dir.join("server.key")).unwrap(),
    }
}
