//! Test support: the local server ([`server`]), a raw client ([`client`]), a stand-in
//! Identity Cloud tenant ([`fake_tenant`]), the sandbox driven in-process ([`sandbox`]),
//! the `postie` command, and the one way to find material and tools that a user's fresh clone may not have.
//!
//! Material from `../shared` (the official ForgeRock collection, the Postman
//! schema examples) and optional tools (node, newman, HTTPie, other shells) are
//! looked up only through [`shared`] and [`tool`]. When one is missing the test
//! prints a visible `skipped: …` line and returns; with `POSTIE_REQUIRE_SHARED=1`
//! (set by `.ci/run`) a missing one fails the test instead, so CI runs them all.
#![allow(dead_code)]

pub mod client;
pub mod export_case;
pub mod fake_tenant;
pub mod fixtures;
pub mod golden;
pub mod report;
pub mod run;
pub mod sandbox;
pub mod server;
pub mod wire;

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder of shared material: `$POSTIE_SHARED`, else `../shared` beside the checkout.
pub fn shared_dir() -> PathBuf {
    shared_dir_from(std::env::var_os("POSTIE_SHARED"))
}

/// Where shared material is looked for when `POSTIE_SHARED` is not set: a folder
/// named `shared` next to the checkout, as CI lays it out.
pub fn beside_the_checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the checkout has a parent folder")
        .join("shared")
}

/// [`shared_dir`] for a given value of `POSTIE_SHARED` (an empty one counts as unset).
pub fn shared_dir_from(var: Option<std::ffi::OsString>) -> PathBuf {
    match var {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => beside_the_checkout(),
    }
}

/// Whether a missing prerequisite fails the test (CI) rather than skipping it.
pub fn required() -> bool {
    required_from(std::env::var("POSTIE_REQUIRE_SHARED").ok().as_deref())
}

/// [`required`] for a given value of `POSTIE_REQUIRE_SHARED`: only `1` requires.
pub fn required_from(var: Option<&str>) -> bool {
    var == Some("1")
}

/// What looking for a prerequisite came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(PathBuf),
    /// Missing, and the test is skipped with this line.
    Skip(String),
    /// Missing under `POSTIE_REQUIRE_SHARED=1`: the test fails with this message.
    Fail(String),
}

/// The decision for a prerequisite `what` of the test named `test`, found at
/// `found` or not, with `hint` telling the reader how to provide it.
pub fn lookup(
    found: Option<PathBuf>,
    what: &str,
    hint: &str,
    test: &str,
    required: bool,
) -> Lookup {
    match found {
        Some(path) => Lookup::Found(path),
        None => {
            let line = format!("skipped: {what} not found ({hint}): {test}");
            if required {
                Lookup::Fail(format!(
                    "{line}; POSTIE_REQUIRE_SHARED=1 makes this a failure"
                ))
            } else {
                Lookup::Skip(line)
            }
        }
    }
}

/// Acts on a [`Lookup`]: the path, or `None` after printing the skip line on the
/// real stderr (not the captured one, so that `cargo test` shows it even when
/// the test passes), or a panic that fails the test.
pub fn settle(lookup: Lookup) -> Option<PathBuf> {
    settle_to(lookup, &mut std::io::stderr().lock())
}

/// [`settle`], printing the skip line to `out`.
pub fn settle_to(lookup: Lookup, out: &mut impl Write) -> Option<PathBuf> {
    match lookup {
        Lookup::Found(path) => Some(path),
        Lookup::Skip(line) => {
            // One write, starting on a line of its own: the test harness may be
            // half-way through its own line ("test name ... ") on stdout.
            let _ = out.write_all(format!("\n{line}\n").as_bytes());
            None
        }
        Lookup::Fail(message) => panic!("{message}"),
    }
}

/// Says that a test cannot run here, for a prerequisite found some other way than
/// [`shared`] or [`tool`]: the skip line, or a failure under `POSTIE_REQUIRE_SHARED=1`.
pub fn skip(what: &str, hint: &str) {
    settle(lookup(None, what, hint, &current_test(), required()));
}

/// A file or folder of shared material, e.g. `forgerock/Express APIs.postman_collection.json`;
/// `None` (after printing the skip line) when it is not there.
pub fn shared(rel: &str, what: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    let found = path.exists().then_some(path);
    settle(lookup(
        found,
        what,
        "set POSTIE_SHARED",
        &current_test(),
        required(),
    ))
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
    settle(lookup(
        find_on_path(name),
        name,
        ".ci/run installs it",
        &current_test(),
        required(),
    ))
}

/// The running test as `binary::test`: cargo names a test binary `NAME-HASH`,
/// and the test harness names each test's thread after the test.
fn current_test() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|stem| match stem.rsplit_once('-') {
            Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => name.to_string(),
            _ => stem,
        })
        .unwrap_or_default();
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    format!("{binary}::{test}")
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A collection loaded as the mock and the exporters take it, with scopes holding
/// its environment and collection variables.
pub fn load_with_scopes(
    collection: &Path,
    environment: &Path,
) -> (postie::collection::Collection, postie::vars::Scopes) {
    use postie::collection::{load_collection, load_variable_file};
    use postie::vars::{Scopes, VariableScope};
    let collection = load_collection(collection)
        .unwrap_or_else(|e| panic!("{e}"))
        .collection;
    let env = load_variable_file(environment, "environment").unwrap_or_else(|e| panic!("{e}"));
    let scopes = Scopes {
        environment: VariableScope::from_file(env),
        collection: VariableScope::from_variables(collection.variable.clone()),
        ..Default::default()
    };
    (collection, scopes)
}

/// The project's own ForgeRock collection and environment (always present).
pub fn project_forgerock() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    (
        root.join("collections/forgerock-identity-cloud.postman_collection.json"),
        root.join("environments/forgerock-identity-cloud.postman_environment.json"),
    )
}

/// Proxy settings of the caller's environment: tests talk only to their own
/// local servers, so no child process may inherit them.
const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

/// Removes the caller's proxy settings from a child's environment.
pub fn without_proxies(c: &mut std::process::Command) -> &mut std::process::Command {
    for proxy in PROXY_VARS {
        c.env_remove(proxy);
    }
    c
}

pub fn postie() -> assert_cmd::Command {
    assert_cmd::Command::from_std(postie_process())
}

/// `postie` as a plain process, for tests that signal it or pipe its output:
/// the same environment as [`postie`].
pub fn postie_process() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_postie"));
    without_proxies(&mut c).env("NO_COLOR", "1");
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
/// `ca.pem`, `server.pem` (leaf then CA) and `server.key`. `None` (after the skip
/// line) where openssl is not installed.
pub fn make_certs(dir: &Path, days: i32) -> Option<server::Identity> {
    let openssl = tool("openssl")?;
    let run = |args: &[&str]| {
        let out = std::process::Command::new(&openssl)
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
    Some(server::Identity {
        cert_pem: chain,
        key_pem: std::fs::read(dir.join("server.key")).unwrap(),
    })
}
