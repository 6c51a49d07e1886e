//! HTTP/1.1 over our own sockets: the request head goes out exactly as
//! [`super::HttpRequest`] holds it (names in their case, lines in their order),
//! which no HTTP library lets a client do. The response head is parsed by
//! httparse; its body is framed here (length, chunked, or up to the close).
//!
//! Connections are kept alive and reused per origin (and per TLS policy and
//! proxy); TLS is rustls; proxies come from the environment as curl and
//! newman read them (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`).

use super::types::RequestError;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

/// The most a response head may take (Node's limit is 16 KiB; servers that send
/// more are rare, but should not be read forever).
const MAX_HEAD: usize = 1024 * 1024;
/// Idle connections kept per origin.
const IDLE_PER_ORIGIN: usize = 8;

/// Where a connection goes and how, so that only a matching one is reused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Origin {
    tls: bool,
    host: String,
    port: u16,
    verify: bool,
    proxy: Option<Proxy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Proxy {
    host: String,
    port: u16,
    /// `Proxy-Authorization` value from the proxy URL's user and password.
    authorization: Option<String>,
    /// The proxy URL's scheme when it is not `http` (TLS or SOCKS to the proxy
    /// are not spoken): requests that would use it fail rather than go direct.
    unsupported: Option<String>,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_ref().0,
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => std::pin::Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => std::pin::Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => std::pin::Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => std::pin::Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// One connection and what has been read from it but not yet used.
struct Conn {
    stream: Stream,
    buf: Vec<u8>,
}

impl Conn {
    /// Reads more bytes into the buffer; 0 at the end of the stream.
    async fn fill(&mut self) -> std::io::Result<usize> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// The next response head: status, reason, headers as sent, and the HTTP
    /// minor version. `Ok(None)` when the stream ended before any byte of it.
    async fn head(&mut self) -> Result<Option<Head>, Failure> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let mut headers = vec![httparse::EMPTY_HEADER; 256];
                let mut parsed = httparse::Response::new(&mut headers);
                let status = parsed
                    .parse(&self.buf[..end + 4])
                    .map_err(|e| Failure::Protocol(format!("invalid response head: {e}")))?;
                if status.is_partial() {
                    return Err(Failure::Protocol("invalid response head".into()));
                }
                let head = Head {
                    code: parsed.code.unwrap_or(0),
                    reason: parsed.reason.unwrap_or("").to_string(),
                    minor: parsed.version.unwrap_or(1),
                    headers: parsed
                        .headers
                        .iter()
                        .map(|h| {
                            (
                                h.name.to_string(),
                                String::from_utf8_lossy(h.value).into_owned(),
                            )
                        })
                        .collect(),
                };
                self.buf.drain(..end + 4);
                return Ok(Some(head));
            }
            if self.buf.len() > MAX_HEAD {
                return Err(Failure::Protocol("response head too large".into()));
            }
            let empty = self.buf.is_empty();
            if self.fill().await.map_err(Failure::Io)? == 0 {
                return if empty {
                    Ok(None)
                } else {
                    Err(Failure::Protocol(
                        "connection closed in the middle of the response head".into(),
                    ))
                };
            }
        }
    }

    async fn exactly(&mut self, n: usize) -> Result<Vec<u8>, Failure> {
        while self.buf.len() < n {
            if self.fill().await.map_err(Failure::Io)? == 0 {
                return Err(Failure::Protocol(
                    "connection closed before the whole response body arrived".into(),
                ));
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    async fn line(&mut self) -> Result<Vec<u8>, Failure> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n") {
                let line = self.buf.drain(..end + 2).take(end).collect();
                return Ok(line);
            }
            if self.buf.len() > MAX_HEAD {
                return Err(Failure::Protocol("invalid chunked body".into()));
            }
            if self.fill().await.map_err(Failure::Io)? == 0 {
                return Err(Failure::Protocol(
                    "connection closed before the whole response body arrived".into(),
                ));
            }
        }
    }

    async fn chunked(&mut self) -> Result<Vec<u8>, Failure> {
        let mut body = Vec::new();
        loop {
            let line = self.line().await?;
            let text = String::from_utf8_lossy(&line);
            let size = text.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| Failure::Protocol(format!("invalid chunk size '{size}'")))?;
            if size == 0 {
                // Trailers, up to the empty line.
                while !self.line().await?.is_empty() {}
                return Ok(body);
            }
            body.extend(self.exactly(size).await?);
            if !self.line().await?.is_empty() {
                return Err(Failure::Protocol("invalid chunked body".into()));
            }
        }
    }

    async fn until_close(&mut self) -> Result<Vec<u8>, Failure> {
        while self.fill().await.map_err(Failure::Io)? > 0 {}
        Ok(std::mem::take(&mut self.buf))
    }

    /// Sends what the kernel holds back: see [`super::quickack`].
    fn acknowledge(&self) {
        super::quickack::acknowledge(self.stream.tcp());
    }
}

struct Head {
    code: u16,
    reason: String,
    minor: u8,
    headers: Vec<(String, String)>,
}

impl Head {
    fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Why an exchange failed, before it becomes the request's error.
#[derive(Debug)]
enum Failure {
    Io(std::io::Error),
    Protocol(String),
}

/// A response as it came: status line, headers as sent, the body un-framed
/// (still encoded).
pub struct Response {
    pub code: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What to send: the connection's target and the bytes of the request.
pub struct Outgoing<'a> {
    pub method: &'a str,
    pub url: &'a url::Url,
    /// Connect here instead of the URL's host, over plain HTTP, without proxy.
    pub divert: Option<std::net::SocketAddr>,
    pub headers: &'a [(&'a str, &'a [u8])],
    pub body: Option<&'a [u8]>,
    pub verify: bool,
}

pub struct Transport {
    verified: Arc<rustls::ClientConfig>,
    unverified: Arc<rustls::ClientConfig>,
    proxies: Proxies,
    idle: HashMap<Origin, Vec<Conn>>,
}

/// TLS settings of a run (see [`super::ClientOptions`]), already read.
pub struct Tls {
    pub extra_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
    pub identity: Option<(
        Vec<rustls::pki_types::CertificateDer<'static>>,
        rustls::pki_types::PrivateKeyDer<'static>,
    )>,
    pub insecure: bool,
}

impl Transport {
    pub fn new(tls: Tls) -> Result<Transport, String> {
        Ok(Transport {
            verified: Arc::new(config(&tls, !tls.insecure)?),
            unverified: Arc::new(config(&tls, false)?),
            proxies: Proxies::from_env(),
            idle: HashMap::new(),
        })
    }

    /// Sends one request and reads its response. A reused connection that turns
    /// out closed before answering is replaced once, as every client does.
    pub async fn exchange(&mut self, out: &Outgoing<'_>) -> Result<Response, RequestError> {
        let origin = self.origin(out)?;
        let head = request_head(out, &origin);
        loop {
            let (mut conn, reused) = match self.idle.get_mut(&origin).and_then(Vec::pop) {
                Some(c) => (c, true),
                None => (self.connect(&origin, out).await?, false),
            };
            match send(&mut conn, &head, out).await {
                Ok((response, keep)) => {
                    if keep {
                        let idle = self.idle.entry(origin).or_default();
                        if idle.len() < IDLE_PER_ORIGIN {
                            idle.push(conn);
                        }
                    }
                    return Ok(response);
                }
                Err(Sent::Unanswered(_)) if reused => continue,
                Err(Sent::Unanswered(f)) | Err(Sent::Failed(f)) => {
                    return Err(failure(f, &origin));
                }
            }
        }
    }

    fn origin(&self, out: &Outgoing<'_>) -> Result<Origin, RequestError> {
        if let Some(to) = out.divert {
            return Ok(Origin {
                tls: false,
                host: to.ip().to_string(),
                port: to.port(),
                verify: true,
                proxy: None,
            });
        }
        let tls = match out.url.scheme() {
            "http" => false,
            "https" => true,
            other => {
                return Err(RequestError::InvalidUrl {
                    url: out.url.to_string(),
                    reason: format!("unsupported protocol '{other}:'"),
                })
            }
        };
        let host = out
            .url
            .host_str()
            .unwrap_or("")
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        Ok(Origin {
            tls,
            port: out.url.port_or_known_default().unwrap_or(80),
            proxy: self.proxies.for_url(out.url.scheme(), &host),
            host,
            verify: out.verify,
        })
    }

    async fn connect(&self, origin: &Origin, out: &Outgoing<'_>) -> Result<Conn, RequestError> {
        if let Some(scheme) = origin.proxy.as_ref().and_then(|p| p.unsupported.as_ref()) {
            return Err(RequestError::Other(format!(
                "only http:// proxies are supported; the environment names a {scheme}:// one"
            )));
        }
        let (host, port) = match &origin.proxy {
            Some(p) => (p.host.as_str(), p.port),
            None => (origin.host.as_str(), origin.port),
        };
        let tcp = match out.divert {
            Some(to) => TcpStream::connect(to).await,
            None => TcpStream::connect((host, port)).await,
        }
        .map_err(|e| connect_error(e, host, port))?;
        let _ = tcp.set_nodelay(true);
        if !origin.tls {
            return Ok(Conn {
                stream: Stream::Plain(tcp),
                buf: Vec::new(),
            });
        }
        let mut conn = Conn {
            stream: Stream::Plain(tcp),
            buf: Vec::new(),
        };
        if let Some(proxy) = &origin.proxy {
            tunnel(&mut conn, origin, proxy).await?;
        }
        let Stream::Plain(tcp) = conn.stream else {
            unreachable!("a connection is plain until TLS starts")
        };
        let config = if origin.verify {
            self.verified.clone()
        } else {
            self.unverified.clone()
        };
        let name = rustls::pki_types::ServerName::try_from(origin.host.clone()).map_err(|e| {
            RequestError::InvalidUrl {
                url: out.url.to_string(),
                reason: e.to_string(),
            }
        })?;
        let tls = tokio_rustls::TlsConnector::from(config)
            .connect(name, tcp)
            .await
            .map_err(|e| RequestError::Tls(tls_detail(&e)))?;
        Ok(Conn {
            stream: Stream::Tls(Box::new(tls)),
            buf: Vec::new(),
        })
    }
}

/// The head of the request: request line, then the headers as given.
fn request_head(out: &Outgoing<'_>, origin: &Origin) -> Vec<u8> {
    let mut target = out.url.path().to_string();
    if target.is_empty() {
        target.push('/');
    }
    if let Some(q) = out.url.query() {
        target.push('?');
        target.push_str(q);
    }
    // A plain request through a proxy names the whole URL (absolute form).
    if origin.proxy.is_some() && !origin.tls {
        let mut u = out.url.clone();
        u.set_fragment(None);
        target = u.to_string();
    }
    let mut head = format!("{} {target} HTTP/1.1\r\n", out.method).into_bytes();
    for (name, value) in out.headers {
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value);
        head.extend_from_slice(b"\r\n");
    }
    if !out
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("host"))
    {
        // Node adds the Host its options name when the request has none.
        let host = super::client::host_header(out.url);
        head.extend_from_slice(format!("Host: {host}\r\n").as_bytes());
    }
    if let (Some(proxy), false) = (&origin.proxy, origin.tls) {
        if let Some(auth) = &proxy.authorization {
            head.extend_from_slice(format!("Proxy-Authorization: {auth}\r\n").as_bytes());
        }
    }
    head.extend_from_slice(b"\r\n");
    head
}

enum Sent {
    /// Nothing came back: on a reused connection, the server had closed it.
    Unanswered(Failure),
    Failed(Failure),
}

/// Writes the request, reads its response; whether the connection can be reused.
async fn send(conn: &mut Conn, head: &[u8], out: &Outgoing<'_>) -> Result<(Response, bool), Sent> {
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(out.body.unwrap_or_default());
    if let Err(e) = conn.stream.write_all(&bytes).await {
        return Err(Sent::Unanswered(Failure::Io(e)));
    }
    let _ = conn.stream.flush().await;
    let mut head = loop {
        match conn.head().await {
            Ok(None) => return Err(Sent::Unanswered(Failure::Protocol("socket hang up".into()))),
            Err(Failure::Io(e)) if conn.buf.is_empty() => {
                return Err(Sent::Unanswered(Failure::Io(e)))
            }
            Err(e) => return Err(Sent::Failed(e)),
            // Interim responses (100 Continue and the like) are passed over.
            Ok(Some(h)) if (100..200).contains(&h.code) && h.code != 101 => continue,
            Ok(Some(h)) => break h,
        }
    };
    conn.acknowledge();
    let no_body = out.method.eq_ignore_ascii_case("HEAD")
        || (100..200).contains(&head.code)
        || head.code == 204
        || head.code == 304;
    let mut keep = head.minor >= 1 || head.has_token("connection", "keep-alive");
    if head.has_token("connection", "close") {
        keep = false;
    }
    let body = if no_body {
        Vec::new()
    } else if head.has_token("transfer-encoding", "chunked") {
        conn.chunked().await.map_err(Sent::Failed)?
    } else if let Some(len) = head.get("content-length") {
        let len: usize = len.trim().parse().map_err(|_| {
            Sent::Failed(Failure::Protocol(format!("invalid Content-Length '{len}'")))
        })?;
        conn.exactly(len).await.map_err(Sent::Failed)?
    } else {
        keep = false;
        conn.until_close().await.map_err(Sent::Failed)?
    };
    if head.code == 101 {
        keep = false;
    }
    Ok((
        Response {
            code: head.code,
            reason: std::mem::take(&mut head.reason),
            headers: std::mem::take(&mut head.headers),
            body,
        },
        keep,
    ))
}

/// Opens a tunnel to the origin through the proxy (`CONNECT`).
async fn tunnel(conn: &mut Conn, origin: &Origin, proxy: &Proxy) -> Result<(), RequestError> {
    let authority = format!("{}:{}", bracket(&origin.host), origin.port);
    let mut head = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(auth) = &proxy.authorization {
        head.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    head.push_str("\r\n");
    let failed = |f: Failure| {
        RequestError::Other(format!(
            "proxy {}:{}: {}",
            proxy.host,
            proxy.port,
            describe(&f)
        ))
    };
    conn.stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| failed(Failure::Io(e)))?;
    match conn.head().await.map_err(failed)? {
        Some(h) if (200..300).contains(&h.code) => Ok(()),
        Some(h) => Err(RequestError::Other(format!(
            "proxy {}:{} refused the tunnel to {authority}: {} {}",
            proxy.host, proxy.port, h.code, h.reason
        ))),
        None => Err(failed(Failure::Protocol("socket hang up".into()))),
    }
}

fn bracket(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

fn describe(f: &Failure) -> String {
    match f {
        Failure::Io(e) => e.to_string(),
        Failure::Protocol(p) => p.clone(),
    }
}

fn failure(f: Failure, origin: &Origin) -> RequestError {
    match &f {
        Failure::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            RequestError::Tls(tls_detail(e))
        }
        Failure::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            RequestError::ConnectionRefused(format!("{}:{}", origin.host, origin.port))
        }
        _ => RequestError::Other(describe(&f)),
    }
}

fn connect_error(e: std::io::Error, host: &str, port: u16) -> RequestError {
    let text = e.to_string().to_ascii_lowercase();
    if e.kind() == std::io::ErrorKind::ConnectionRefused {
        RequestError::ConnectionRefused(format!("{host}:{port}"))
    } else if text.contains("lookup")
        || text.contains("name or service not known")
        || text.contains("no address associated")
        || text.contains("nodename nor servname")
    {
        RequestError::Dns(host.to_string())
    } else {
        RequestError::Other(format!("{host}:{port}: {e}"))
    }
}

/// The part of a TLS error that says what went wrong (`UnknownIssuer`, `Expired`).
fn tls_detail(e: &std::io::Error) -> String {
    let text = match e.get_ref() {
        Some(inner) => inner.to_string(),
        None => e.to_string(),
    };
    text.rsplit(": ").next().unwrap_or("").to_string()
}

fn config(tls: &Tls, verify: bool) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let builder = if verify {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for c in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(c);
        }
        for c in &tls.extra_roots {
            roots.add(c.clone()).map_err(|e| e.to_string())?;
        }
        builder.with_root_certificates(roots)
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
    };
    let mut config = match &tls.identity {
        Some((chain, key)) => builder
            .with_client_auth_cert(chain.clone(), key.clone_key())
            .map_err(|e| e.to_string())?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// `--insecure` and `strictSSL: false`: any certificate is accepted.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: &rustls::pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Proxies named by the environment.
#[derive(Debug, Default)]
struct Proxies {
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: Vec<String>,
}

impl Proxies {
    fn from_env() -> Proxies {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        let all = var(&["ALL_PROXY", "all_proxy"]);
        // Under CGI, HTTP_PROXY is a request header, not a setting (httpoxy).
        let http = if std::env::var_os("REQUEST_METHOD").is_some() {
            var(&["http_proxy"])
        } else {
            var(&["HTTP_PROXY", "http_proxy"])
        };
        let https = var(&["HTTPS_PROXY", "https_proxy"]);
        Proxies {
            http: http.or(all.clone()).and_then(|p| parse_proxy(&p)),
            https: https.or(all).and_then(|p| parse_proxy(&p)),
            no_proxy: var(&["NO_PROXY", "no_proxy"])
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    fn for_url(&self, scheme: &str, host: &str) -> Option<Proxy> {
        let host = host.to_ascii_lowercase();
        let bypass = self.no_proxy.iter().any(|entry| {
            let entry = entry.trim_start_matches("*.");
            entry == "*"
                || host == entry.trim_start_matches('.')
                || host.ends_with(&format!(".{}", entry.trim_start_matches('.')))
                || cidr_contains(entry, &host)
        });
        if bypass {
            return None;
        }
        match scheme {
            "https" => self.https.clone(),
            _ => self.http.clone(),
        }
    }
}

fn cidr_contains(entry: &str, host: &str) -> bool {
    let (Some((net, bits)), Ok(ip)) = (entry.split_once('/'), host.parse::<std::net::IpAddr>())
    else {
        return false;
    };
    let (Ok(net), Ok(bits)) = (net.parse::<std::net::IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (net, ip) {
        (std::net::IpAddr::V4(n), std::net::IpAddr::V4(i)) if bits <= 32 => {
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (std::net::IpAddr::V6(n), std::net::IpAddr::V6(i)) if bits <= 128 => {
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// `http://user:pass@host:port` (the scheme may be left out).
fn parse_proxy(text: &str) -> Option<Proxy> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    let authorization = (!url.username().is_empty()).then(|| {
        use base64::Engine;
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let pair = format!(
            "{}:{}",
            decode(url.username()),
            decode(url.password().unwrap_or(""))
        );
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    });
    Some(Proxy {
        host: url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string(),
        port: url.port_or_known_default().unwrap_or(80),
        authorization,
        unsupported: (url.scheme() != "http").then(|| url.scheme().to_string()),
    })
}
