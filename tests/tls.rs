//! TLS: certificates are verified by default; `-k`, `strictSSL: false` and
//! `--ssl-extra-ca-certs` are the ways to accept a private CA or self-signed server.

mod support;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::json;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use support::postie;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A CA and a server certificate for 127.0.0.1, made with the openssl command.
fn make_certs(dir: &Path) {
    let run = |args: &[&str]| {
        let ok = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl is installed");
        assert!(
            ok.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&ok.stderr)
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
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    run(&[
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
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
}

/// An HTTPS server answering every request with 200 and a small JSON body.
fn serve(dir: &Path) -> u16 {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(stream).await else { return };
                    let mut buf = vec![0u8; 8192];
                    let _ = tls.read(&mut buf).await;
                    let body = r#"{"secure":true}"#;
                    let resp = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                    let _ = tls.write_all(resp.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
    });
    port
}

fn collection(dir: &Path, port: u16, strict: Option<bool>) -> std::path::PathBuf {
    let mut item = json!({"name": "secure", "request": {"method": "GET", "url": format!("https://127.0.0.1:{port}/x")}});
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

#[test]
fn certificates_are_verified_unless_the_user_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    make_certs(dir.path());
    let port = serve(dir.path());
    let plain = collection(dir.path(), port, None);

    let out = postie().arg("run").arg(&plain).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unknown CA is refused: {stdout}"
    );
    assert!(stdout.contains("TLS"), "{stdout}");

    let out = postie().arg("run").arg(&plain).arg("-k").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = postie()
        .arg("run")
        .arg(&plain)
        .arg("--ssl-extra-ca-certs")
        .arg(dir.path().join("ca.pem"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let relaxed = collection(dir.path(), port, Some(false));
    let out = postie().arg("run").arg(&relaxed).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "strictSSL: false: {}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = postie()
        .arg("run")
        .arg(&plain)
        .arg("--ssl-extra-ca-certs")
        .arg(dir.path().join("missing.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.pem"));
}
