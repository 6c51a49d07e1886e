//! TLS: certificates are verified by default; `-k`, `strictSSL: false` and
//! `--ssl-extra-ca-certs` are the ways to accept a private CA or self-signed server.

mod support;

use serde_json::json;
use std::path::{Path, PathBuf};
use support::postie;
use support::server::{Reply, TestServer};

fn collection(dir: &Path, base: &str, strict: Option<bool>) -> PathBuf {
    let mut item =
        json!({"name": "secure", "request": {"method": "GET", "url": format!("{base}/x")}});
    if let Some(s) = strict {
        item["protocolProfileBehavior"] = json!({"strictSSL": s});
    }
    let p = dir.join(format!(
        "c-{}.json",
        strict.map_or("none", |s| if s { "on" } else { "off" })
    ));
    std::fs::write(
        &p,
        json!({"info": {"name": "tls"}, "item": [item]}).to_string(),
    )
    .unwrap();
    p
}

fn run(c: &Path, extra: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = postie().arg("run").arg(c).args(extra).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn secure() -> impl Fn(&support::server::Received) -> Reply {
    |_| Reply::json(200, json!({"secure": true}))
}

#[test]
fn certificates_are_verified_unless_the_user_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let Some(identity) = support::make_certs(dir.path(), 2) else {
        return;
    };
    // Refused once, then accepted by -k, by the extra CA and by strictSSL: false.
    let server = TestServer::start_tls(&identity, secure()).expect(3);
    let plain = collection(dir.path(), &server.base, None);
    let ca = dir.path().join("ca.pem");

    let (code, stdout, _) = run(&plain, &[]);
    assert_eq!(code, 1, "an unknown CA is refused: {stdout}");
    assert!(
        stdout.contains("untrusted certificate from 127.0.0.1:")
            && stdout.contains("(UnknownIssuer)"),
        "the reason is named: {stdout}"
    );
    assert!(
        server.requests().is_empty(),
        "nothing sent before the TLS check"
    );

    let (code, stdout, _) = run(&plain, &["-k".as_ref()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("200 OK"), "{stdout}");

    let (code, stdout, _) = run(&plain, &["--ssl-extra-ca-certs".as_ref(), ca.as_os_str()]);
    assert_eq!(code, 0, "{stdout}");

    let relaxed = collection(dir.path(), &server.base, Some(false));
    let (code, stdout, _) = run(&relaxed, &[]);
    assert_eq!(code, 0, "strictSSL: false: {stdout}");
    assert_eq!(server.requests().len(), 3);
    assert!(server.requests().iter().all(|r| r.target == "/x"));

    let missing = dir.path().join("missing.pem");
    let (code, _, stderr) = run(
        &plain,
        &["--ssl-extra-ca-certs".as_ref(), missing.as_os_str()],
    );
    assert_eq!(code, 3);
    assert!(stderr.contains("missing.pem"), "{stderr}");
}

#[test]
fn an_expired_certificate_is_refused_even_from_a_known_ca() {
    let dir = tempfile::tempdir().unwrap();
    let Some(identity) = support::make_certs(dir.path(), -1) else {
        return;
    };
    // Only -k gets through.
    let server = TestServer::start_tls(&identity, secure()).expect(1);
    let plain = collection(dir.path(), &server.base, None);
    let ca = dir.path().join("ca.pem");

    let (code, stdout, _) = run(&plain, &["--ssl-extra-ca-certs".as_ref(), ca.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("expired (Expired); skip the check with -k"),
        "the reason is named: {stdout}"
    );

    let (code, stdout, _) = run(&plain, &["-k".as_ref()]);
    assert_eq!(code, 0, "{stdout}");
}
