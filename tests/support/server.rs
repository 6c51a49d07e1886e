//! The one HTTP/1.1 server of the tests: it listens on 127.0.0.1 (plain or TLS),
//! records every request byte for byte, and answers with a handler the test
//! supplies, or with [`routes`], a small httpbin-like set of endpoints.
//!
//! It reads requests itself instead of going through an HTTP library, so tests
//! see exactly what went over the wire: header names in the case they were
//! written, duplicate headers, chunked framing, the raw request line. Replies
//! can also misbehave on purpose (hang, reset, drip, raw bytes) for fault tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server received it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in the case they were sent, in order, duplicates kept.
    pub headers: Vec<(String, String)>,
    /// The body after de-chunking.
    pub body: Vec<u8>,
    /// The request exactly as it arrived: request line, headers and body framing.
    pub raw: Vec<u8>,
    /// Which connection of the server it came on, from 0.
    pub connection: usize,
}

impl Received {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
    pub fn query(&self) -> &str {
        self.target.split_once('?').map(|(_, q)| q).unwrap_or("")
    }
    /// Decoded query pairs.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query().as_bytes())
            .into_owned()
            .collect()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// How the server answers one request.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub behaviour: Behaviour,
}

/// Ways of answering, most of them wrong on purpose.
#[derive(Debug, Clone, Default)]
pub enum Behaviour {
    /// A well-formed response with `Content-Length`.
    #[default]
    Normal,
    /// These bytes instead of a response, then the connection is closed.
    Raw(Vec<u8>),
    /// Nothing at all: the connection stays open until the server is dropped.
    Hang,
    /// The connection is closed without an answer.
    Close,
    /// The connection is reset (RST) without an answer.
    Reset,
    /// The response, `chunk` bytes at a time with `pause` between them.
    Drip { chunk: usize, pause: Duration },
    /// The status line and headers, then a body that never ends.
    Endless,
    /// The head, then a pause, then the body, in two writes (as slow servers do).
    Split { pause: Duration },
    /// The head and the first `body_bytes` bytes of the body, then nothing more
    /// until the server is dropped.
    Stall { body_bytes: usize },
}

impl Reply {
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            behaviour: Behaviour::Normal,
        }
    }
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply::bytes(status, "application/json", body.to_string().into_bytes())
    }
    pub fn text(status: u16, body: &str) -> Reply {
        Reply::bytes(status, "text/plain", body.as_bytes().to_vec())
    }
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
            behaviour: Behaviour::Normal,
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn behave(mut self, b: Behaviour) -> Reply {
        self.behaviour = b;
        self
    }
    pub fn raw(bytes: &[u8]) -> Reply {
        Reply::new(0).behave(Behaviour::Raw(bytes.to_vec()))
    }
    pub fn hang() -> Reply {
        Reply::new(0).behave(Behaviour::Hang)
    }

    fn head(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        let has = |n: &str| self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        if !matches!(self.behaviour, Behaviour::Endless) && !has("content-length") {
            out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        out.push_str("\r\n");
        out.into_bytes()
    }
}

pub fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        418 => "I'm a Teapot",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

pub type Handler = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

/// TLS identity of a server: certificate chain and key, PEM.
pub struct Identity {
    pub cert_pem: Vec<u8>,
    pub key_pem: Vec<u8>,
}

pub struct TestServer {
    /// `http://127.0.0.1:PORT` (or `https://…`).
    pub base: String,
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    stopping: Arc<AtomicBool>,
    /// Requests the test expects, checked when the server is dropped.
    expected: Option<usize>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// A plain HTTP server answering with `handler`.
    pub fn start(handler: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> TestServer {
        TestServer::spawn(Arc::new(handler), None)
    }

    /// A server that does not read HTTP: to whatever arrives on a connection it
    /// answers `bytes` and closes, as a plain HTTP server answers a TLS hello
    /// with a 400. Nothing is recorded.
    pub fn answering_anything(bytes: &[u8]) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        let bytes = bytes.to_vec();
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let bytes = bytes.clone();
                std::thread::spawn(move || {
                    let mut first = [0u8; 4096];
                    if stream.read(&mut first).is_ok_and(|n| n > 0) {
                        let _ = stream.write_all(&bytes).and_then(|_| stream.flush());
                    }
                });
            }
        });
        TestServer {
            base: format!("http://127.0.0.1:{port}"),
            port,
            received: Arc::new(Mutex::new(Vec::new())),
            stopping,
            expected: None,
            accept: Some(accept),
        }
    }

    /// A server answering with [`routes`].
    pub fn routes() -> TestServer {
        TestServer::start(routes)
    }

    /// An HTTPS server with the given certificate.
    pub fn start_tls(
        identity: &Identity,
        handler: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(&identity.cert_pem)
                .collect::<Result<_, _>>()
                .expect("certificate PEM");
        let key = PrivateKeyDer::from_pem_slice(&identity.key_pem).expect("key PEM");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server certificate");
        TestServer::spawn(Arc::new(handler), Some(Arc::new(config)))
    }

    fn spawn(handler: Handler, tls: Option<Arc<rustls::ServerConfig>>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let stopping = Arc::new(AtomicBool::new(false));
        let (rec, stop) = (received.clone(), stopping.clone());
        let scheme = if tls.is_some() { "https" } else { "http" };
        let accept = std::thread::spawn(move || {
            let mut connection = 0;
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, rec, stop, tls) =
                    (handler.clone(), rec.clone(), stop.clone(), tls.clone());
                let id = connection;
                connection += 1;
                std::thread::spawn(move || {
                    let _ = stream.set_nodelay(true);
                    match tls {
                        None => serve(stream.try_clone().ok(), stream, id, &handler, &rec, &stop),
                        Some(config) => {
                            let Ok(conn) = rustls::ServerConnection::new(config) else {
                                return;
                            };
                            let tcp = stream.try_clone().ok();
                            let tls = rustls::StreamOwned::new(conn, stream);
                            serve(tcp, tls, id, &handler, &rec, &stop)
                        }
                    }
                });
            }
        });
        TestServer {
            base: format!("{scheme}://127.0.0.1:{port}"),
            port,
            received,
            stopping,
            expected: None,
            accept: Some(accept),
        }
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Fails the test, when the server is dropped, unless exactly `n` requests
    /// arrived: a test cannot pass by never reaching its server.
    pub fn expect(mut self, n: usize) -> TestServer {
        self.expected = Some(n);
        self
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        if let Some(n) = self.expected {
            let got = self.received.lock().unwrap().len();
            if got != n && !std::thread::panicking() {
                panic!("the test server expected {n} requests and received {got}");
            }
        }
    }
}

/// The longest head the server reads before giving up on a request.
const MAX_HEAD: usize = 1 << 20;

fn serve<S: Read + Write>(
    tcp: Option<TcpStream>,
    stream: S,
    connection: usize,
    handler: &Handler,
    rec: &Mutex<Vec<Received>>,
    stop: &AtomicBool,
) {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut reader, connection) else {
            return;
        };
        if stop.load(Ordering::SeqCst) {
            return;
        }
        // Recorded as it arrives, before the handler runs: a request whose answer
        // is slow (or never comes) still counts as received.
        rec.lock().unwrap().push(request.clone());
        let reply = handler(&request);
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let out = reader.get_mut();
        match &reply.behaviour {
            Behaviour::Normal => {
                let mut bytes = reply.head();
                bytes.extend_from_slice(&reply.body);
                if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
                    return;
                }
            }
            Behaviour::Raw(bytes) => {
                let _ = out.write_all(bytes).and_then(|_| out.flush());
                return;
            }
            Behaviour::Hang => {
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return;
            }
            Behaviour::Close => {
                if let Some(t) = &tcp {
                    let _ = t.shutdown(Shutdown::Both);
                }
                return;
            }
            Behaviour::Reset => {
                if let Some(t) = &tcp {
                    let _ = socket_linger_zero(t);
                }
                return;
            }
            Behaviour::Drip { chunk, pause } => {
                let mut bytes = reply.head();
                bytes.extend_from_slice(&reply.body);
                for piece in bytes.chunks((*chunk).max(1)) {
                    if stop.load(Ordering::SeqCst)
                        || out.write_all(piece).and_then(|_| out.flush()).is_err()
                    {
                        return;
                    }
                    std::thread::sleep(*pause);
                }
            }
            Behaviour::Endless => {
                if out.write_all(&reply.head()).is_err() {
                    return;
                }
                let block = vec![b'x'; 64 * 1024];
                while !stop.load(Ordering::SeqCst) {
                    if out.write_all(&block).is_err() {
                        return;
                    }
                }
                return;
            }
            Behaviour::Stall { body_bytes } => {
                let mut bytes = reply.head();
                bytes.extend_from_slice(&reply.body[..(*body_bytes).min(reply.body.len())]);
                if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
                    return;
                }
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return;
            }
            Behaviour::Split { pause } => {
                if out
                    .write_all(&reply.head())
                    .and_then(|_| out.flush())
                    .is_err()
                {
                    return;
                }
                std::thread::sleep(*pause);
                if out
                    .write_all(&reply.body)
                    .and_then(|_| out.flush())
                    .is_err()
                {
                    return;
                }
            }
        }
        if close {
            return;
        }
    }
}

/// Closes `stream` so that the peer sees a reset rather than an orderly close.
fn socket_linger_zero(stream: &TcpStream) -> std::io::Result<()> {
    // SO_LINGER with a zero timeout turns close() into an RST.
    socket2::SockRef::from(stream).set_linger(Some(Duration::ZERO))
}

/// Reads one request, keeping its bytes; `None` at the end of the connection or
/// on input that is not HTTP.
fn read_request<R: Read>(reader: &mut BufReader<R>, connection: usize) -> Option<Received> {
    let mut raw = Vec::new();
    let mut line = Vec::new();
    // Request line, skipping stray empty lines between requests.
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        raw.extend_from_slice(&line);
        if line != b"\r\n" && line != b"\n" {
            break;
        }
        raw.clear();
    }
    let request_line = String::from_utf8_lossy(&line).trim_end().to_string();
    let mut parts = request_line.splitn(3, ' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        raw.extend_from_slice(&line);
        if raw.len() > MAX_HEAD {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        let (k, v) = text.split_once(':')?;
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let find = |n: &str| {
        headers
            .iter()
            .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if find("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        loop {
            line.clear();
            reader.read_until(b'\n', &mut line).ok()?;
            raw.extend_from_slice(&line);
            let size_text = String::from_utf8_lossy(&line);
            let size_text = size_text.trim().split(';').next().unwrap_or("");
            let size = usize::from_str_radix(size_text, 16).ok()?;
            if size == 0 {
                // Trailers, then the empty line.
                loop {
                    line.clear();
                    reader.read_until(b'\n', &mut line).ok()?;
                    raw.extend_from_slice(&line);
                    if line == b"\r\n" || line == b"\n" || line.is_empty() {
                        break;
                    }
                }
                break;
            }
            let mut chunk = vec![0; size];
            reader.read_exact(&mut chunk).ok()?;
            raw.extend_from_slice(&chunk);
            body.extend_from_slice(&chunk);
            line.clear();
            reader.read_until(b'\n', &mut line).ok()?;
            raw.extend_from_slice(&line);
        }
    } else if let Some(n) = find("content-length").and_then(|v| v.trim().parse::<usize>().ok()) {
        body = vec![0; n];
        reader.read_exact(&mut body).ok()?;
        raw.extend_from_slice(&body);
    }
    Some(Received {
        method,
        target,
        headers,
        body,
        raw,
        connection,
    })
}

/// A small httpbin-like set of endpoints, for tests that need an ordinary server:
///
/// | path | answer |
/// |---|---|
/// | `/status/N` | status N, JSON echo body |
/// | `/redirect-to?url=U&status_code=N` | a redirect (302 by default) to U |
/// | `/redirect/N` | N redirects in a row, then the echo |
/// | `/cookies/set?k=v&…` | `Set-Cookie: k=v; Path=/` for each pair, then the echo |
/// | `/response-headers?k=v&…` | each pair as a response header, then the echo |
/// | `/bytes/N` | N bytes `0..=255` repeating, `application/octet-stream` |
/// | `/text?body=T&type=CT` | the text T with content type CT |
/// | anything else | the echo |
///
/// The echo is JSON: `method`, `path`, `query` (decoded pairs as an object; a
/// repeated key gives an array), `headers` (`[[name, value], …]` as sent), `body`
/// (text, lossy), `cookies` (the `Cookie` header parsed).
pub fn routes(r: &Received) -> Reply {
    let path = r.path();
    let query = r.query_pairs();
    let q = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if let Some(code) = path.strip_prefix("/status/") {
        let code = code.parse().unwrap_or(500);
        return Reply::json(code, echo(r));
    }
    if path == "/redirect-to" {
        let status = q("status_code").and_then(|s| s.parse().ok()).unwrap_or(302);
        return Reply::new(status).header("Location", &q("url").unwrap_or_else(|| "/".into()));
    }
    if let Some(n) = path.strip_prefix("/redirect/") {
        let n: u32 = n.parse().unwrap_or(0);
        return if n <= 1 {
            Reply::new(302).header("Location", "/get")
        } else {
            Reply::new(302).header("Location", &format!("/redirect/{}", n - 1))
        };
    }
    if path == "/cookies/set" {
        let mut reply = Reply::json(200, echo(r));
        for (k, v) in &query {
            reply = reply.header("Set-Cookie", &format!("{k}={v}; Path=/"));
        }
        return reply;
    }
    if path == "/response-headers" {
        let mut reply = Reply::json(200, echo(r));
        for (k, v) in &query {
            reply = reply.header(k, v);
        }
        return reply;
    }
    if let Some(n) = path.strip_prefix("/bytes/") {
        let n: usize = n.parse().unwrap_or(0);
        let body = (0..n).map(|i| (i % 256) as u8).collect();
        return Reply::bytes(200, "application/octet-stream", body);
    }
    if path == "/text" {
        let ct = q("type").unwrap_or_else(|| "text/plain".into());
        return Reply::bytes(200, &ct, q("body").unwrap_or_default().into_bytes());
    }
    Reply::json(200, echo(r))
}

/// The JSON echo of a request (see [`routes`]).
pub fn echo(r: &Received) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut query = Map::new();
    for (k, v) in r.query_pairs() {
        match query.get_mut(&k) {
            None => {
                query.insert(k, Value::String(v));
            }
            Some(Value::Array(a)) => a.push(Value::String(v)),
            Some(prev) => *prev = Value::Array(vec![prev.clone(), Value::String(v)]),
        }
    }
    let mut cookies = Map::new();
    for c in r.headers_named("cookie") {
        for pair in c.split(';') {
            if let Some((k, v)) = pair.trim().split_once('=') {
                cookies.insert(k.to_string(), Value::String(v.to_string()));
            }
        }
    }
    json!({
        "method": r.method,
        "path": r.path(),
        "query": query,
        "headers": r.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "body": r.text(),
        "cookies": cookies,
    })
}

/// A listener that never accepts, its queue full: a connection to it is never
/// completed (the kernel drops the SYN), as to a host behind a firewall that
/// drops packets. Stops when dropped.
pub struct Unaccepting {
    pub port: u16,
    _listener: socket2::Socket,
    _queued: Vec<socket2::Socket>,
}

impl Unaccepting {
    pub fn start() -> Unaccepting {
        use socket2::{Domain, SockAddr, Socket, Type};
        let listener = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
        let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
        listener.bind(&SockAddr::from(any)).expect("bind 127.0.0.1");
        listener.listen(0).expect("listen");
        let addr = listener
            .local_addr()
            .expect("local address")
            .as_socket()
            .expect("an IP address");
        // Connections that fill the queue; the next one is never accepted.
        let queued = (0..8)
            .map(|_| {
                let s = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
                s.set_nonblocking(true).expect("non-blocking");
                let _ = s.connect(&SockAddr::from(addr));
                s
            })
            .collect();
        Unaccepting {
            port: addr.port(),
            _listener: listener,
            _queued: queued,
        }
    }
}
