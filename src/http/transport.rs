//! HTTP/1.1 over our own sockets: the request head goes out exactly as
//! [`super::HttpRequest`] holds it (names in their case, lines in their order),
//! which no HTTP library lets a client do. The response head is parsed by
//! httparse; its body is framed here (length, chunked, or up to the close).
//!
//! Connections are kept alive and reused per origin (and per TLS policy and
//! proxy); TLS is rustls; proxies come from the environment as curl and
//! newman read them (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`).
//!
//! Every wait (connecting, the handshake, writing, each read) is bounded by
//! `--timeout-request`, as newman's socket timeout bounds them, so a body that
//! keeps arriving is not cut off; bodies are read as they arrive and refused
//! once longer than `--max-response-size`. What goes wrong is a
//! [`fault::Cause`] worded by [`super::fault`].

use super::fault::{self, Cause, Phase, Progress};
use super::types::RequestError;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
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
    /// Where a read lands before it joins `buf`: on the heap, once per
    /// connection, so no future holding a read carries (and moves, and zeroes)
    /// 16 kB on every request.
    chunk: Box<[u8]>,
    /// `--timeout-request`: the longest wait for the next bytes.
    idle: Option<Duration>,
}

/// Bytes one read takes from the stream at most.
const CHUNK: usize = 16 * 1024;

/// Bytes allocated up front at most, whatever `Content-Length` claims.
const FIRST_ALLOCATION: usize = 1 << 20;

impl Conn {
    fn new(stream: Stream, idle: Option<Duration>) -> Conn {
        Conn {
            stream,
            buf: Vec::new(),
            chunk: vec![0; CHUNK].into_boxed_slice(),
            idle,
        }
    }

    /// Reads more bytes into the buffer; 0 at the end of the stream.
    async fn fill(&mut self) -> Result<usize, Cause> {
        let n = bounded(self.idle, self.stream.read(&mut self.chunk))
            .await?
            .map_err(io_cause)?;
        self.buf.extend_from_slice(&self.chunk[..n]);
        Ok(n)
    }

    /// The next response head: status, reason, headers as sent, and the HTTP
    /// minor version. `Ok(None)` when the stream ended before any byte of it.
    async fn head(&mut self) -> Result<Option<Head>, Cause> {
        loop {
            // Parsed as bytes arrive, so that what is not HTTP is said at once.
            if let Some((head, end)) = parse_head(&self.buf)? {
                self.buf.drain(..end);
                return Ok(Some(head));
            }
            if self.buf.len() > MAX_HEAD {
                return Err(Cause::NotHttp("message head is too large".into()));
            }
            let empty = self.buf.is_empty();
            if self.fill().await? == 0 {
                // A head cut short is as unanswered as none (Node: socket hang up).
                return if empty { Ok(None) } else { Err(Cause::Closed) };
            }
        }
    }

    /// Moves the next `n` body bytes into `body`.
    async fn exactly(&mut self, mut n: usize, body: &mut Vec<u8>) -> Result<(), Cause> {
        loop {
            let take = n.min(self.buf.len());
            body.extend(self.buf.drain(..take));
            n -= take;
            if n == 0 {
                return Ok(());
            }
            if self.fill().await? == 0 {
                return Err(Cause::Closed);
            }
        }
    }

    async fn line(&mut self) -> Result<Vec<u8>, Cause> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n") {
                let line = self.buf.drain(..end + 2).take(end).collect();
                return Ok(line);
            }
            if self.buf.len() > MAX_HEAD {
                return Err(Cause::Framing("invalid chunked body".into()));
            }
            if self.fill().await? == 0 {
                return Err(Cause::Closed);
            }
        }
    }

    async fn chunked(&mut self, body: &mut Vec<u8>, max: Option<u64>) -> Result<(), Cause> {
        loop {
            let line = self.line().await?;
            let text = String::from_utf8_lossy(&line);
            let size = text.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| Cause::Framing(format!("invalid chunk size '{size}'")))?;
            if size == 0 {
                // Trailers, up to the empty line.
                while !self.line().await?.is_empty() {}
                return Ok(());
            }
            over(max, body.len() as u64 + size as u64)?;
            self.exactly(size, body).await?;
            if !self.line().await?.is_empty() {
                return Err(Cause::Framing("invalid chunked body".into()));
            }
        }
    }

    async fn until_close(&mut self, body: &mut Vec<u8>, max: Option<u64>) -> Result<(), Cause> {
        loop {
            body.append(&mut self.buf);
            over(max, body.len() as u64)?;
            match self.fill().await {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                // A TLS server that closes without close_notify has still ended the body.
                Err(Cause::Closed) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// Whether an idle connection can carry another request: the server has not
    /// closed or reset it, nor sent anything unasked (a late `408`, a stray
    /// byte) that would be read as the next answer. Looks without waiting, at
    /// the socket itself: the runtime may not have seen the close yet.
    fn open(&self) -> bool {
        if !self.buf.is_empty() {
            return false;
        }
        let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
        match socket2::SockRef::from(self.stream.tcp()).peek(&mut byte) {
            Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
            // The end of the stream (0), or bytes nobody asked for.
            Ok(_) => false,
        }
    }

    /// Sends what the kernel holds back: see [`super::quickack`].
    fn acknowledge(&self) {
        super::quickack::acknowledge(self.stream.tcp());
    }
}

/// Headers a response head may have (httparse refuses more).
const MAX_HEADERS: usize = 256;

/// The response head at the start of `buf` and its length, or `None` while it
/// is incomplete. Not async, so the headers' array lives on the stack for the
/// parse only (no future carries it), and uninitialised: nothing to allocate
/// or zero per response.
fn parse_head(buf: &[u8]) -> Result<Option<(Head, usize)>, Cause> {
    let mut headers =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
    let mut parsed = httparse::Response::new(&mut []);
    // The default configuration, as `Response::parse` uses.
    let config = httparse::ParserConfig::default();
    match config.parse_response_with_uninit_headers(&mut parsed, buf, &mut headers) {
        Ok(httparse::Status::Complete(end)) => Ok(Some((
            Head {
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
            },
            end,
        ))),
        Ok(httparse::Status::Partial) => Ok(None),
        Err(e) => Err(Cause::NotHttp(parse_error(e).into())),
    }
}

/// `--max-response-size` passed when the body would be `len` bytes.
fn over(max: Option<u64>, len: u64) -> Result<(), Cause> {
    match max {
        Some(limit) if len > limit => Err(Cause::TooLarge(limit)),
        _ => Ok(()),
    }
}

/// `what`, given up after `idle` with nothing done.
async fn bounded<T>(
    idle: Option<Duration>,
    what: impl std::future::Future<Output = T>,
) -> Result<T, Cause> {
    match idle {
        Some(t) => tokio::time::timeout(t, what)
            .await
            .map_err(|_| Cause::TimedOut(t)),
        None => Ok(what.await),
    }
}

/// An I/O error as a cause: the end of a TLS stream without its closing
/// message is an end like any other.
fn io_cause(e: std::io::Error) -> Cause {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        Cause::Closed
    } else {
        Cause::Io(e)
    }
}

/// httparse's complaint in hyper's words, as the fault table shows them.
fn parse_error(e: httparse::Error) -> &'static str {
    match e {
        httparse::Error::Version => "invalid HTTP version parsed",
        httparse::Error::Status => "invalid HTTP status-code parsed",
        httparse::Error::TooManyHeaders => "message head is too large",
        _ => "invalid HTTP header parsed",
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
    /// The request line's target when it is not the URL's own (a redirect's,
    /// which keeps the dot segments the URL type removes).
    pub target: Option<&'a str>,
    /// Connect here instead of the URL's host, over plain HTTP, without proxy.
    pub divert: Option<std::net::SocketAddr>,
    pub headers: &'a [(&'a str, &'a [u8])],
    pub body: Option<&'a [u8]>,
    pub verify: bool,
    /// `--timeout-request`: the longest wait for anything.
    pub idle: Option<Duration>,
    /// `--max-response-size`: the most body bytes read.
    pub max_bytes: Option<u64>,
}

pub struct Transport {
    tls: Tls,
    /// Built at the first TLS connection that verifies certificates: reading the
    /// system's certificate store costs a run that sends only plain HTTP a few
    /// percent of its time.
    verified: std::sync::OnceLock<Arc<rustls::ClientConfig>>,
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
        // What the user gave (extra CA certificates, a client identity) is checked
        // now, so a bad file fails the run before it starts.
        let unverified = Arc::new(config(&tls, false)?);
        let mut roots = rustls::RootCertStore::empty();
        for c in &tls.extra_roots {
            roots.add(c.clone()).map_err(|e| e.to_string())?;
        }
        Ok(Transport {
            tls,
            verified: std::sync::OnceLock::new(),
            unverified,
            proxies: Proxies::from_env(),
            idle: HashMap::new(),
        })
    }

    fn verified(&self) -> Result<Arc<rustls::ClientConfig>, RequestError> {
        if let Some(c) = self.verified.get() {
            return Ok(c.clone());
        }
        let c = Arc::new(config(&self.tls, !self.tls.insecure).map_err(RequestError::Tls)?);
        Ok(self.verified.get_or_init(|| c).clone())
    }

    /// Sends one request and reads its response, on an idle connection to the
    /// same origin when one is still open. A reused connection that the server
    /// closes before any byte of the answer is replaced, and the request sent
    /// again, only when sending it twice does no harm (an idempotent method).
    pub async fn exchange(&mut self, out: &Outgoing<'_>) -> Result<Response, RequestError> {
        let origin = self.origin(out)?;
        let bytes = request_bytes(out, &origin);
        // A request that says `Connection: close` may not be followed by another
        // on its connection (RFC 9112 9.6), and Node's agent, under newman, does
        // not pool it: a server that closes it after the answer would otherwise
        // race the next request onto a connection it is closing.
        let closes = out.headers.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case("connection")
                && v.split(|b| *b == b',')
                    .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"close"))
        });
        loop {
            let (mut conn, reused) = match self.reusable(&origin) {
                Some(c) => (c, true),
                // Boxed: connecting (TLS's handshake above all) takes kilobytes
                // of state, once per connection; inline, every request's future
                // would carry (and move) them.
                None => (Box::pin(self.connect(&origin, out)).await?, false),
            };
            // The wait this request allows, not the one of the request that opened it.
            conn.idle = out.idle;
            match send(&mut conn, &bytes, out).await {
                Ok((response, keep)) => {
                    if keep && !closes {
                        let idle = self.idle.entry(origin).or_default();
                        if idle.len() < IDLE_PER_ORIGIN {
                            idle.push(conn);
                        }
                    }
                    return Ok(response);
                }
                Err(Sent::Unanswered(_)) if reused && idempotent(out.method) => continue,
                Err(Sent::Unanswered(cause)) => {
                    return Err(fault::classify(
                        cause,
                        &origin.host,
                        origin.port,
                        Phase::Head,
                    ));
                }
                Err(Sent::Failed(cause, phase)) => {
                    return Err(fault::classify(cause, &origin.host, origin.port, phase));
                }
            }
        }
    }

    /// An idle connection to `origin` that is still open; those the server
    /// closed while they sat in the pool are dropped.
    fn reusable(&mut self, origin: &Origin) -> Option<Conn> {
        let idle = self.idle.get_mut(origin)?;
        while let Some(conn) = idle.pop() {
            if conn.open() {
                return Some(conn);
            }
        }
        None
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
        let connected = match out.divert {
            Some(to) => bounded(out.idle, TcpStream::connect(to)).await,
            None => bounded(out.idle, TcpStream::connect((host, port))).await,
        };
        let tcp = connected
            .and_then(|c| c.map_err(Cause::Io))
            .map_err(|cause| match cause {
                Cause::TimedOut(t) => fault::connect_timed_out(host, port, t),
                cause => fault::classify(cause, host, port, Phase::Head),
            })?;
        let _ = tcp.set_nodelay(true);
        let mut conn = Conn::new(Stream::Plain(tcp), out.idle);
        if !origin.tls {
            return Ok(conn);
        }
        if let Some(proxy) = &origin.proxy {
            tunnel(&mut conn, origin, proxy).await?;
        }
        let Stream::Plain(tcp) = conn.stream else {
            unreachable!("a connection is plain until TLS starts")
        };
        let config = if origin.verify {
            self.verified()?
        } else {
            self.unverified.clone()
        };
        let name = rustls::pki_types::ServerName::try_from(origin.host.clone()).map_err(|e| {
            RequestError::InvalidUrl {
                url: out.url.to_string(),
                reason: e.to_string(),
            }
        })?;
        let handshake = tokio_rustls::TlsConnector::from(config).connect(name, tcp);
        let tls = bounded(out.idle, handshake)
            .await
            .and_then(|t| t.map_err(Cause::Tls))
            .map_err(|cause| fault::classify(cause, &origin.host, origin.port, Phase::Head))?;
        Ok(Conn::new(Stream::Tls(Box::new(tls)), out.idle))
    }
}

/// The bytes of the request: request line, the headers as given, the body;
/// written once per request, however many connections it is tried on.
fn request_bytes(out: &Outgoing<'_>, origin: &Origin) -> Vec<u8> {
    let body = out.body.unwrap_or_default();
    let lines: usize = out.headers.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let mut head = Vec::with_capacity(out.url.as_str().len() + lines + body.len() + 64);
    head.extend_from_slice(out.method.as_bytes());
    head.push(b' ');
    if origin.proxy.is_some() && !origin.tls {
        // A plain request through a proxy names the whole URL (absolute form).
        let mut u = out.url.clone();
        u.set_fragment(None);
        head.extend_from_slice(u.as_str().as_bytes());
    } else if let Some(t) = out.target {
        head.extend_from_slice(t.as_bytes());
    } else {
        let path = out.url.path();
        head.extend_from_slice(if path.is_empty() { "/" } else { path }.as_bytes());
        if let Some(q) = out.url.query() {
            head.push(b'?');
            head.extend_from_slice(q.as_bytes());
        }
    }
    head.extend_from_slice(b" HTTP/1.1\r\n");
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
        head.extend_from_slice(b"Host: ");
        head.extend_from_slice(super::client::host_header(out.url).as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    if let (Some(proxy), false) = (&origin.proxy, origin.tls) {
        if let Some(auth) = &proxy.authorization {
            head.extend_from_slice(format!("Proxy-Authorization: {auth}\r\n").as_bytes());
        }
    }
    head.extend_from_slice(b"\r\n");
    head.extend_from_slice(body);
    head
}

/// Methods that can be sent twice with the effect of once (RFC 9110, 9.2.2),
/// so a request lost with a closed connection may be sent again.
fn idempotent(method: &str) -> bool {
    ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

enum Sent {
    /// Nothing came back: on a reused connection, the server had closed it.
    Unanswered(Cause),
    Failed(Cause, Phase),
}

/// Writes the request, reads its response; whether the connection can be reused.
async fn send(conn: &mut Conn, bytes: &[u8], out: &Outgoing<'_>) -> Result<(Response, bool), Sent> {
    match bounded(conn.idle, conn.stream.write_all(bytes)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(Sent::Unanswered(io_cause(e))),
        Err(timed_out) => return Err(Sent::Failed(timed_out, Phase::Head)),
    }
    let _ = conn.stream.flush().await;
    let mut head = loop {
        match conn.head().await {
            Ok(None) => return Err(Sent::Unanswered(Cause::Closed)),
            Err(e @ (Cause::Io(_) | Cause::Closed)) if conn.buf.is_empty() => {
                return Err(Sent::Unanswered(e))
            }
            Err(e) => return Err(Sent::Failed(e, Phase::Head)),
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
    let declared = match head.get("content-length") {
        Some(len) if !no_body => Some(len.trim().parse::<u64>().map_err(|_| {
            Sent::Failed(
                Cause::NotHttp("invalid content-length parsed".into()),
                Phase::Head,
            )
        })?),
        _ => None,
    };
    let chunked = head.has_token("transfer-encoding", "chunked");
    let mut body = Vec::new();
    let read = if no_body {
        Ok(())
    } else if chunked {
        conn.chunked(&mut body, out.max_bytes).await
    } else if let Some(len) = declared {
        // A body announced as too long is refused before any of it is read.
        match over(out.max_bytes, len) {
            Ok(()) => {
                body.reserve(len.min(FIRST_ALLOCATION as u64) as usize);
                conn.exactly(len as usize, &mut body).await
            }
            Err(e) => Err(e),
        }
    } else {
        keep = false;
        conn.until_close(&mut body, out.max_bytes).await
    };
    if let Err(cause) = read {
        let progress = Progress {
            received: body.len() as u64,
            declared: declared.filter(|_| !chunked),
        };
        return Err(Sent::Failed(cause, Phase::Body(progress)));
    }
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
    let failed =
        |cause: Cause| RequestError::Other(format!("proxy {}:{}: {cause}", proxy.host, proxy.port));
    bounded(conn.idle, conn.stream.write_all(head.as_bytes()))
        .await
        .and_then(|w| w.map_err(Cause::Io))
        .map_err(failed)?;
    match conn.head().await.map_err(failed)? {
        Some(h) if (200..300).contains(&h.code) => Ok(()),
        Some(h) => Err(RequestError::Other(format!(
            "proxy {}:{} refused the tunnel to {authority}: {} {}",
            proxy.host, proxy.port, h.code, h.reason
        ))),
        None => Err(failed(Cause::Closed)),
    }
}

fn bracket(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
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
