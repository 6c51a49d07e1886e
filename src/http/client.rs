//! The HTTP client: one connection pool for the run, a cookie jar, redirects
//! followed by hand (so per-request settings and the jar apply to every hop).

use super::divert::Divert;
use super::jar::CookieJar;
use super::redirect;
use super::types::*;
use crate::request::check;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// TLS and connection options of a run.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `--insecure`: do not verify certificates.
    pub insecure: bool,
    /// `--ssl-extra-ca-certs`: PEM file(s) of extra trusted roots.
    pub extra_ca_certs: Option<PathBuf>,
    /// `--ssl-client-cert` and `--ssl-client-key` (PEM).
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    /// `--max-response-size`: the most bytes of a response body kept, as
    /// received and once decompressed; `None`: no limit on what is received,
    /// and [`super::decode::MAX_DECODED_BYTES`] on what a compressed body decodes to.
    pub max_response_size: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{path}: cannot read certificate: {reason}")]
    Certificate { path: String, reason: String },
    #[error("cannot start the HTTP client: {0}")]
    Setup(String),
}

pub struct HttpClient {
    runtime: tokio::runtime::Runtime,
    transport: super::transport::Transport,
    insecure: bool,
    /// `--max-response-size`, for the body as received and as decoded.
    max_response_size: Option<u64>,
    /// Set by [`HttpClient::divert`]: every request goes to one local address.
    divert: Option<Divert>,
    pub jar: CookieJar,
    /// Abandons a request in flight when the run must stop.
    interrupt: crate::interrupt::Interrupt,
}

fn certificate_error(path: &std::path::Path, reason: impl ToString) -> ClientError {
    ClientError::Certificate {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// The run's TLS settings, their PEM files read.
fn tls(options: &ClientOptions) -> Result<super::transport::Tls, ClientError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let mut extra_roots = Vec::new();
    if let Some(path) = &options.extra_ca_certs {
        let pem = std::fs::read(path).map_err(|e| certificate_error(path, e))?;
        for c in CertificateDer::pem_slice_iter(&pem) {
            extra_roots.push(c.map_err(|e| certificate_error(path, e))?);
        }
        if extra_roots.is_empty() {
            return Err(certificate_error(path, "no PEM certificate in the file"));
        }
    }
    let mut identity = None;
    if let Some(cert) = &options.client_cert {
        let pem = std::fs::read(cert).map_err(|e| certificate_error(cert, e))?;
        let chain = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| certificate_error(cert, e))?;
        if chain.is_empty() {
            return Err(certificate_error(cert, "no PEM certificate in the file"));
        }
        // The key may sit in the certificate's file when no key file is given.
        let (key_path, key_pem) = match &options.client_key {
            Some(key) => (
                key,
                std::fs::read(key).map_err(|e| certificate_error(key, e))?,
            ),
            None => (cert, pem.clone()),
        };
        let key = PrivateKeyDer::from_pem_slice(&key_pem)
            .map_err(|e| certificate_error(key_path, format!("no usable PEM private key ({e})")))?;
        identity = Some((chain, key));
    }
    Ok(super::transport::Tls {
        extra_roots,
        identity,
        insecure: options.insecure,
    })
}

impl HttpClient {
    pub fn new(options: ClientOptions) -> Result<Self, ClientError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ClientError::Setup(e.to_string()))?;
        let transport =
            super::transport::Transport::new(tls(&options)?).map_err(ClientError::Setup)?;
        Ok(HttpClient {
            runtime,
            transport,
            insecure: options.insecure,
            max_response_size: options.max_response_size,
            divert: None,
            jar: CookieJar::default(),
            interrupt: Default::default(),
        })
    }

    /// From now on, sends every request (each redirect hop included) to
    /// `divert.to` instead of its own host; see [`Divert`].
    pub fn divert(&mut self, divert: Divert) -> Result<(), ClientError> {
        self.divert = Some(divert);
        Ok(())
    }

    fn refusal(&self, method: &str, url: &url::Url) -> Option<RequestError> {
        let divert = self.divert.as_ref()?;
        (divert.allows)(url)
            .err()
            .map(|reason| RequestError::Refused {
                method: method.to_string(),
                url: url.to_string(),
                reason,
            })
    }

    /// Requests end at once, with an error, when this says the run must stop.
    pub fn set_interrupt(&mut self, interrupt: crate::interrupt::Interrupt) {
        self.interrupt = interrupt;
    }

    /// Sends a request, following redirects as its settings say.
    pub fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, RequestError> {
        use std::borrow::Cow;
        let started = Instant::now();
        let verify = request.settings.strict_ssl && !self.insecure;
        // The request's own parts until a redirect changes them: most requests
        // are not redirected, and need no copy of their headers and body.
        let mut method = Cow::Borrowed(request.method.as_str());
        let mut url = parse_url(&request.url)?;
        if let Some(refused) = self.refusal(&method, &url) {
            return Err(refused);
        }
        let mut headers = Cow::Borrowed(request.headers.as_slice());
        let mut body = Cow::Borrowed(&request.body);
        // After a redirect, the URL as newman has it (`Referer`, relative
        // locations) and the request line it writes: dot segments kept. Before
        // one, the URL's own text.
        let mut redirected: Option<(String, String)> = None;
        let mut hops = 0u32;
        loop {
            let jar = if request.settings.disable_cookies {
                Vec::new()
            } else {
                self.jar.header_for(&url)
            };
            let sent_headers = if jar.is_empty() {
                Cow::Borrowed(&*headers)
            } else {
                let mut sent = headers.to_vec();
                add_jar_cookies(
                    &mut sent,
                    &jar,
                    body.as_deref().is_some_and(|b| !b.is_empty()) && !request.streamed_body,
                );
                Cow::Owned(sent)
            };
            let response = self.exchange(
                verify,
                &method,
                (&url, redirected.as_ref().map(|(_, t)| t.as_str())),
                &sent_headers,
                body.as_deref(),
                request.settings.timeout,
            )?;
            if !request.settings.disable_cookies {
                for (k, v) in &response.headers {
                    if k.eq_ignore_ascii_case("set-cookie") {
                        self.jar.store(v, &url);
                    }
                }
            }
            let href = redirected
                .as_ref()
                .map_or(url.as_str(), |(h, _)| h.as_str());
            let location = response.header("location").map(str::to_string);
            let next = location.as_deref().map(|l| {
                let (next_href, next_target) = redirect::encoded(&redirect::resolve(href, l));
                (parse_url(&next_href), next_href, next_target)
            });
            // A diverted client does not follow a redirect its divert refuses.
            let stays = match &next {
                Some((Ok(next), ..)) => self.refusal(&method, next).is_none(),
                _ => true,
            };
            let follow = redirect::is_redirect(response.code, location.as_deref())
                && request.settings.follow_redirects
                && stays;
            let (next, next_href, next_target) = match next {
                Some(next) if follow => next,
                _ => {
                    let mut response = response;
                    // Whole milliseconds as Postman reports them, rounded up: a response is never instant.
                    response.time_ms = started.elapsed().as_micros().div_ceil(1000) as u64;
                    response.url = url.into();
                    return Ok(response);
                }
            };
            hops += 1;
            if hops > request.settings.max_redirects {
                return Err(RequestError::TooManyRedirects(href.to_string()));
            }
            let next = next?;
            let hop = redirect::Hop {
                method: method.into_owned(),
                body: body.into_owned(),
                headers: headers.into_owned(),
            }
            .redirected(response.code, &url, href, &next, &request.settings);
            (method, body, headers) = (
                Cow::Owned(hop.method),
                Cow::Owned(hop.body),
                Cow::Owned(hop.headers),
            );
            (url, redirected) = (next, Some((next_href, next_target)));
        }
    }

    fn exchange(
        &mut self,
        verify: bool,
        method: &str,
        (url, target): (&url::Url, Option<&str>),
        headers: &[(String, String)],
        body: Option<&[u8]>,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, RequestError> {
        check::method(method).map_err(|e| RequestError::Other(e.to_string()))?;
        let mut latin1: Vec<(&str, std::borrow::Cow<[u8]>)> = Vec::with_capacity(headers.len());
        for (k, v) in one_per_name(headers) {
            check::header(k, v).map_err(|e| RequestError::Other(e.to_string()))?;
            // Latin-1, as Node writes header strings (the check refuses anything
            // wider); ASCII is its own Latin-1, and needs no copy.
            let v = if v.is_ascii() {
                v.as_bytes().into()
            } else {
                v.chars()
                    .map(|c| c as u32 as u8)
                    .collect::<Vec<u8>>()
                    .into()
            };
            latin1.push((k, v));
        }
        let lines: Vec<(&str, &[u8])> = latin1.iter().map(|(k, v)| (*k, &**v)).collect();
        let out = super::transport::Outgoing {
            method,
            url,
            target,
            // The URL stays the real one (reports and cookies see it); only the
            // connection goes to the diverted address, with the real host in `Host`.
            divert: self.divert.as_ref().map(|d| d.to),
            headers: &lines,
            body,
            verify,
            // --timeout-request bounds each wait (connecting, for the response, for
            // more of its body), as newman's socket timeout does, not the exchange.
            idle: timeout,
            max_bytes: self.max_response_size,
        };
        let max_bytes = self.max_response_size;
        let transport = &mut self.transport;
        let exchange = async move {
            let response = transport.exchange(&out).await?;
            let code = response.code;
            let headers = response.headers;
            let encoding = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
                .map(|(_, v)| v.as_str());
            let body = match encoding {
                Some(e) if !matches!(code, 204 | 304) => {
                    super::decode::decode(e, response.body, max_bytes)
                        .map_err(|e| RequestError::Other(e.to_string()))?
                }
                _ => response.body,
            };
            let cookies = headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
                .filter_map(|(_, v)| super::jar::parse_set_cookie(v))
                .collect();
            Ok(HttpResponse {
                code,
                status: match response.reason.is_empty() {
                    false => response.reason,
                    true => reason(code).unwrap_or_default().to_string(),
                },
                headers,
                body,
                time_ms: 0,
                url: String::new(),
                cookies,
            })
        };
        self.runtime
            .block_on(self.interrupt.guard(exchange))
            .unwrap_or_else(|cause| Err(RequestError::Other(cause.to_string())))
    }
}

/// The jar's cookies for the URL, as postman-request adds them: after an explicit
/// `Cookie` header's value (nothing merged, so a cookie both in it and in the jar
/// goes twice), else as a `Cookie` header of their own. That one follows the
/// headers already set, and comes before `Content-Length` unless the length of
/// the body was known before the jar was asked (`length_first`).
fn add_jar_cookies(
    headers: &mut Vec<(String, String)>,
    jar: &[(String, String)],
    length_first: bool,
) {
    if jar.is_empty() {
        return;
    }
    let cookies = jar
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    if let Some((_, v)) = headers
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case("cookie"))
    {
        // An empty header counts as none (postman-request tests it for truth).
        *v = if v.is_empty() {
            cookies
        } else {
            format!("{v}; {cookies}")
        };
        return;
    }
    let at = match headers
        .iter()
        .rposition(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        Some(i) if !length_first => i,
        _ => headers.len(),
    };
    headers.insert(at, ("Cookie".into(), cookies));
}

/// The headers as Node writes them: one line per name (in any case), at the
/// place of its first one, with the name and value of its last one.
fn one_per_name(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::with_capacity(headers.len());
    for (k, v) in headers {
        match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(k)) {
            Some(slot) => *slot = (k.as_str(), v.as_str()),
            None => out.push((k.as_str(), v.as_str())),
        }
    }
    out
}

/// The `Host` value for a URL: the port only when it is not the scheme's default.
pub(crate) fn host_header(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// The standard reason phrase for a status code: newman reports the server's
/// own, and this one when the server wrote none.
fn reason(code: u16) -> Option<&'static str> {
    hyper::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
}

/// The URL as the client reads it, or why it cannot send to it.
pub fn parse_url(text: &str) -> Result<url::Url, RequestError> {
    crate::request::url::parse(text).map_err(|e| RequestError::InvalidUrl {
        url: e.url,
        reason: e.reason,
    })
}
