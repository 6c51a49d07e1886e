//! TLS: certificates are verified by default; `-k`, `strictSSL: false` and
//! `--ssl-extra-ca-certs` are the ways to accept a private CA or self-signed server.
//! A client certificate is presented when asked for; HTTPS goes through a proxy
//! from the environment by a CONNECT tunnel.

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

/// A proxy that only tunnels: reads one `CONNECT host:port` head, answers 200,
/// then copies bytes both ways. Returns its address and the targets it was asked for.
fn tunnel_proxy() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = asked.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut client = client;
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && client.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let line = String::from_utf8_lossy(&head)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                seen.lock().unwrap().push(line.clone());
                let target = line.split(' ').nth(1).unwrap_or("").to_string();
                let Ok(upstream) = TcpStream::connect(&target) else {
                    return;
                };
                let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                let (mut c2, mut u2) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c2, &mut u2);
                });
                let (mut u, mut c) = (upstream, client);
                let _ = std::io::copy(&mut u, &mut c);
            });
        }
    });
    (addr, asked)
}

#[test]
fn https_through_a_proxy_from_the_environment_goes_through_a_connect_tunnel() {
    let dir = tempfile::tempdir().unwrap();
    let Some(identity) = support::make_certs(dir.path(), 2) else {
        return;
    };
    let server = TestServer::start_tls(&identity, secure()).expect(1);
    let (proxy, asked) = tunnel_proxy();
    let plain = collection(dir.path(), &server.base, None);
    let out = postie()
        .arg("run")
        .arg(&plain)
        .arg("-k")
        .env("HTTPS_PROXY", format!("http://{proxy}"))
        .env("NO_PROXY", "")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let authority = server.base.trim_start_matches("https://").to_string();
    assert_eq!(
        *asked.lock().unwrap(),
        [format!("CONNECT {authority} HTTP/1.1")]
    );
    assert_eq!(server.requests()[0].target, "/x");
}

/// A TLS server that demands a client certificate signed by `ca_pem`, answers
/// every request 200 and counts the requests that got through.
fn client_cert_server(
    identity: &support::server::Identity,
    ca_pem: &[u8],
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::io::{Read, Write};
    use std::sync::Arc;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(ca_pem) {
        roots.add(c.unwrap()).unwrap();
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .unwrap();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&identity.cert_pem)
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(&identity.key_pem).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_client_cert_verifier(verifier)
            .with_single_cert(certs, key)
            .unwrap(),
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!(
        "https://127.0.0.1:{}",
        listener.local_addr().unwrap().port()
    );
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = served.clone();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match tls.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            if head.ends_with(b"\r\n\r\n") {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let _ = tls.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                );
                let _ = tls.flush();
            }
        }
    });
    (base, served)
}

#[test]
fn a_client_certificate_is_presented_when_the_server_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let Some(identity) = support::make_certs(dir.path(), 2) else {
        return;
    };
    let ca = std::fs::read(dir.path().join("ca.pem")).unwrap();
    let (base, served) = client_cert_server(&identity, &ca);
    let plain = collection(dir.path(), &base, None);
    let ca_path = dir.path().join("ca.pem");
    let extra: [&std::ffi::OsStr; 2] = ["--ssl-extra-ca-certs".as_ref(), ca_path.as_os_str()];

    let (code, stdout, _) = run(&plain, &extra);
    assert_eq!(code, 1, "no certificate, no request: {stdout}");
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 0);

    // The certificate chain, and its key in a file of its own.
    let (cert, key) = (dir.path().join("server.pem"), dir.path().join("server.key"));
    let mut with_key = extra.to_vec();
    with_key.extend(["--ssl-client-cert".as_ref(), cert.as_os_str()]);
    with_key.extend(["--ssl-client-key".as_ref(), key.as_os_str()]);
    let (code, stdout, _) = run(&plain, &with_key);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 1);
}
