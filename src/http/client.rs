//! The HTTP client: one connection pool for the run, a cookie jar, redirects
//! followed by hand (so per-request settings and the jar apply to every hop).

use super::divert::Divert;
use super::fault::{self, Phase};
use super::jar::CookieJar;
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
    verified: reqwest::Client,
    /// Built on first use: only requests with `strictSSL: false` need it.
    unverified: Option<reqwest::Client>,
    options: ClientOptions,
    /// Set by [`HttpClient::divert`]: every request goes to one local address.
    divert: Option<(Divert, reqwest::Client)>,
    pub jar: CookieJar,
    /// Abandons a request in flight when the run must stop.
    interrupt: crate::interrupt::Interrupt,
}

fn builder(options: &ClientOptions, verify: bool) -> Result<reqwest::Client, ClientError> {
    let mut b = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .http1_title_case_headers()
        .use_rustls_tls()
        .pool_idle_timeout(Duration::from_secs(30));
    if !verify {
        b = b.danger_accept_invalid_certs(true);
    }
    if let Some(path) = &options.extra_ca_certs {
        let pem = std::fs::read(path).map_err(|e| ClientError::Certificate {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let certs =
            reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| ClientError::Certificate {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        for c in certs {
            b = b.add_root_certificate(c);
        }
    }
    if let Some(cert) = &options.client_cert {
        let mut pem = std::fs::read(cert).map_err(|e| ClientError::Certificate {
            path: cert.display().to_string(),
            reason: e.to_string(),
        })?;
        if let Some(key) = &options.client_key {
            let key_pem = std::fs::read(key).map_err(|e| ClientError::Certificate {
                path: key.display().to_string(),
                reason: e.to_string(),
            })?;
            pem.push(b'\n');
            pem.extend_from_slice(&key_pem);
        }
        let id = reqwest::Identity::from_pem(&pem).map_err(|e| ClientError::Certificate {
            path: cert.display().to_string(),
            reason: e.to_string(),
        })?;
        b = b.identity(id);
    }
    b.build().map_err(|e| ClientError::Setup(e.to_string()))
}

impl HttpClient {
    pub fn new(options: ClientOptions) -> Result<Self, ClientError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ClientError::Setup(e.to_string()))?;
        let verified = builder(&options, !options.insecure)?;
        Ok(HttpClient {
            runtime,
            verified,
            unverified: None,
            options,
            divert: None,
            jar: CookieJar::default(),
            interrupt: Default::default(),
        })
    }

    /// From now on, sends every request (each redirect hop included) to
    /// `divert.to` instead of its own host; see [`Divert`].
    pub fn divert(&mut self, divert: Divert) -> Result<(), ClientError> {
        // No proxy: a proxy from the environment would take requests off the machine.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .http1_title_case_headers()
            .no_proxy()
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| ClientError::Setup(e.to_string()))?;
        self.divert = Some((divert, client));
        Ok(())
    }

    fn refusal(&self, method: &str, url: &reqwest::Url) -> Option<RequestError> {
        let (divert, _) = self.divert.as_ref()?;
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

    fn client(&mut self, strict_ssl: bool) -> Result<reqwest::Client, RequestError> {
        if strict_ssl || self.options.insecure {
            return Ok(self.verified.clone());
        }
        if self.unverified.is_none() {
            self.unverified = Some(
                builder(&self.options, false).map_err(|e| RequestError::Other(e.to_string()))?,
            );
        }
        Ok(self
            .unverified
            .clone()
            .unwrap_or_else(|| self.verified.clone()))
    }

    /// Sends a request, following redirects as its settings say.
    pub fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, RequestError> {
        let started = Instant::now();
        let client = self.client(request.settings.strict_ssl)?;
        let mut method = request.method.clone();
        let mut url = parse_url(&request.url)?;
        if let Some(refused) = self.refusal(&method, &url) {
            return Err(refused);
        }
        let mut headers = request.headers.clone();
        let mut body = request.body.clone();
        let mut hops = 0u32;
        loop {
            let mut sent_headers = headers.clone();
            if !request.settings.disable_cookies {
                // Cookies from the jar join an explicit Cookie header, as newman merges them.
                let from_jar = self.jar.header_for(&url);
                if !from_jar.is_empty() {
                    match sent_headers
                        .iter_mut()
                        .find(|(k, _)| k.eq_ignore_ascii_case("cookie"))
                    {
                        Some((_, v)) => {
                            let explicit: Vec<&str> = v
                                .split(';')
                                .map(|c| c.trim().split('=').next().unwrap_or(""))
                                .collect();
                            let extra: Vec<String> = from_jar
                                .into_iter()
                                .filter(|(n, _)| !explicit.contains(&n.as_str()))
                                .map(|(n, v)| format!("{n}={v}"))
                                .collect();
                            if !extra.is_empty() {
                                *v = format!(
                                    "{}; {}",
                                    v.trim_end_matches([';', ' ']),
                                    extra.join("; ")
                                );
                            }
                        }
                        None => sent_headers.push((
                            "Cookie".into(),
                            from_jar
                                .into_iter()
                                .map(|(n, v)| format!("{n}={v}"))
                                .collect::<Vec<_>>()
                                .join("; "),
                        )),
                    }
                }
            }
            let response = self.exchange(
                &client,
                &method,
                &url,
                &sent_headers,
                body.clone(),
                request.settings.timeout,
            )?;
            if !request.settings.disable_cookies {
                for (k, v) in &response.headers {
                    if k.eq_ignore_ascii_case("set-cookie") {
                        self.jar.store(v, &url);
                    }
                }
            }
            let location = response.header("location").map(str::to_string);
            let redirect = matches!(response.code, 301 | 302 | 303 | 307 | 308);
            // A diverted client does not follow a redirect its divert refuses.
            let stays = || {
                location
                    .as_deref()
                    .and_then(|l| url.join(l).ok())
                    .is_some_and(|next| self.refusal(&method, &next).is_none())
            };
            if !(redirect && request.settings.follow_redirects) || location.is_none() || !stays() {
                let mut response = response;
                // Whole milliseconds as Postman reports them, rounded up: a response is never instant.
                response.time_ms = started.elapsed().as_micros().div_ceil(1000) as u64;
                response.url = url.to_string();
                return Ok(response);
            }
            hops += 1;
            if hops > request.settings.max_redirects {
                return Err(RequestError::TooManyRedirects(
                    request.settings.max_redirects,
                ));
            }
            let next = url.join(location.as_deref().unwrap_or("")).map_err(|e| {
                RequestError::InvalidUrl {
                    url: location.clone().unwrap_or_default(),
                    reason: e.to_string(),
                }
            })?;
            let to_get = response.code == 303 && method != "HEAD"
                || matches!(response.code, 301 | 302)
                    && method == "POST"
                    && !request.settings.follow_original_method;
            if to_get {
                method = "GET".into();
                body = None;
                headers.retain(|(k, _)| {
                    !k.eq_ignore_ascii_case("content-type")
                        && !k.eq_ignore_ascii_case("content-length")
                });
            }
            // Credentials and explicit cookies do not follow a redirect to another host.
            if next.host_str() != url.host_str() {
                headers.retain(|(k, _)| {
                    !k.eq_ignore_ascii_case("authorization") && !k.eq_ignore_ascii_case("cookie")
                });
            }
            // The Host the request got for its URL names the new one.
            let (old_host, new_host) = (host_header(&url), host_header(&next));
            for (k, v) in headers.iter_mut() {
                if k.eq_ignore_ascii_case("host") && *v == old_host {
                    v.clone_from(&new_host);
                }
            }
            url = next;
        }
    }

    fn exchange(
        &self,
        client: &reqwest::Client,
        method: &str,
        url: &reqwest::Url,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, RequestError> {
        check::method(method).map_err(|e| RequestError::Other(e.to_string()))?;
        let m = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| RequestError::Other(format!("invalid method '{method}'")))?;
        let mut rb = match &self.divert {
            // The URL stays the real one (reports and cookies see it); only the
            // connection goes to the diverted address, with the real host in `Host`.
            Some((divert, diverted)) => diverted.request(m, divert.target(url)),
            None => client.request(m, url.clone()),
        };
        for (k, v) in one_per_name(headers) {
            let (name, value) = header_pair(k, v)?;
            rb = rb.header(name, value);
        }
        if let Some(b) = body {
            rb = rb.body(b);
        }
        // Errors name where the connection actually went.
        let (host, port) = match &self.divert {
            Some((divert, _)) => (divert.to.ip().to_string(), divert.to.port()),
            None => (
                url.host_str().unwrap_or("").to_string(),
                url.port_or_known_default().unwrap_or(0),
            ),
        };
        let max_bytes = self.options.max_response_size;
        let exchange = async move {
            // --timeout-request bounds each wait (for the response, then for more of
            // its body), as newman's socket timeout does, not the exchange as a whole.
            let sent = match timeout {
                Some(t) => tokio::time::timeout(t, rb.send())
                    .await
                    .map_err(|_| fault::timed_out(&host, port, t, Phase::Head))?,
                None => rb.send().await,
            };
            let mut resp = sent.map_err(|e| fault::classify(&e, &host, port, Phase::Head))?;
            super::quickack::acknowledge(&resp);
            let code = resp.status().as_u16();
            let status = resp.status().canonical_reason().unwrap_or("").to_string();
            let headers: Vec<(String, String)> = resp
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        title_case(k.as_str()),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let limits = super::body::Limits {
                max_bytes,
                idle: timeout,
            };
            let body = super::body::read(&mut resp, limits, &host, port).await?;
            let encoding = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
                .map(|(_, v)| v.as_str());
            let body = match encoding {
                Some(e) if !matches!(code, 204 | 304) => super::decode::decode(e, body, max_bytes)
                    .map_err(|e| RequestError::Other(e.to_string()))?,
                _ => body,
            };
            let cookies = headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
                .filter_map(|(_, v)| super::jar::parse_set_cookie(v))
                .collect();
            Ok(HttpResponse {
                code,
                status,
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

/// The headers as Node writes them: one line per name (in any case), at the
/// place of its first one, with the name and value of its last one.
fn one_per_name(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (k, v) in headers {
        match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(k)) {
            Some(slot) => *slot = (k.as_str(), v.as_str()),
            None => out.push((k.as_str(), v.as_str())),
        }
    }
    out
}

/// The `Host` value for a URL: the port only when it is not the scheme's default.
pub(crate) fn host_header(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

fn header_pair(
    k: &str,
    v: &str,
) -> Result<(reqwest::header::HeaderName, reqwest::header::HeaderValue), RequestError> {
    check::header(k, v).map_err(|e| RequestError::Other(e.to_string()))?;
    let name = reqwest::header::HeaderName::from_bytes(k.as_bytes())
        .map_err(|_| RequestError::Other(format!("invalid header name '{k}'")))?;
    // Latin-1, as Node writes header strings (the check refuses anything wider).
    let latin1: Vec<u8> = v.chars().map(|c| c as u32 as u8).collect();
    let value = reqwest::header::HeaderValue::from_bytes(&latin1)
        .map_err(|_| RequestError::Other(format!("invalid value for header '{k}'")))?;
    Ok((name, value))
}

/// The URL as the client reads it, or why it cannot send to it.
pub fn parse_url(text: &str) -> Result<reqwest::Url, RequestError> {
    crate::request::url::parse(text).map_err(|e| RequestError::InvalidUrl {
        url: e.url,
        reason: e.reason,
    })
}

/// `content-type` → `Content-Type`: hyper lowercases names, reports read better as sent.
pub(crate) fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}
