//! The HTTP side: accepting connections, answering each request with the chosen
//! example (or a 404 that explains why none matched, or a CORS preflight),
//! and logging it.

use super::cors;
use super::log::{MockLog, MockLogLine};
use super::matching::{Decision, Incoming};
use super::routes::{Route, RouteTable};
use super::template::Fill;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::convert::Infallible;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Request bodies beyond this size are not read for matching.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// The header naming the example that answered.
pub const EXAMPLE_HEADER: &str = "x-postie-mock-example";

/// Headers the server sets itself, or that describe one connection only; an
/// example's copies of them are not served.
const NOT_SERVED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "content-encoding",
];

/// What every connection of one server shares.
pub(crate) struct Shared {
    /// Replaced whole on reload; a request in flight keeps the table it started with.
    pub table: RwLock<Arc<RouteTable>>,
    pub log: Option<Mutex<MockLog>>,
    pub delay: Duration,
    pub cors: bool,
}

impl Shared {
    pub(crate) fn table(&self) -> Arc<RouteTable> {
        self.table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub(crate) fn replace(&self, table: RouteTable) {
        *self
            .table
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(table);
    }
}

pub(crate) enum Either<A, B> {
    Left(A),
    Right(B),
}

/// Runs two futures until the first finishes.
pub(crate) async fn first<A: Future, B: Future>(a: A, b: B) -> Either<A::Output, B::Output> {
    let mut a = std::pin::pin!(a);
    let mut b = std::pin::pin!(b);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(v));
        }
        if let Poll::Ready(v) = b.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(v));
        }
        Poll::Pending
    })
    .await
}

/// Accepts connections until `stop` fires (or its sender is dropped).
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>, stop: oneshot::Receiver<()>) {
    let mut stop = stop;
    loop {
        match first(listener.accept(), &mut stop).await {
            Either::Left(Ok((stream, _))) => {
                let shared = shared.clone();
                tokio::spawn(async move {
                    let _ = stream.set_nodelay(true);
                    let service = service_fn(move |req| handle(req, shared.clone()));
                    // A client that goes away mid-request is not our error to report.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            // Out of file descriptors and the like: wait a little, keep serving.
            Either::Left(Err(_)) => tokio::time::sleep(Duration::from_millis(20)).await,
            Either::Right(_) => break,
        }
    }
}

async fn handle(
    req: Request<hyper::body::Incoming>,
    shared: Arc<Shared>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let time = chrono::Utc::now();
    let (parts, body) = req.into_parts();
    let bytes = Limited::new(body, MAX_BODY)
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let host = parts
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map(host_name);
    let incoming = Incoming {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        host,
        headers: &headers,
        content_type: &content_type,
        body: &bytes,
    };
    let mut line = MockLogLine {
        time,
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        status: 404,
        example: None,
        item: None,
        preflight: false,
        latency: Duration::ZERO,
    };
    let table = shared.table();
    let mut response = if shared.cors && cors::is_preflight(parts.method.as_str(), &parts.headers) {
        line.preflight = true;
        let mut response = Response::new(Full::new(Bytes::new()));
        *response.status_mut() = StatusCode::NO_CONTENT;
        cors::preflight_headers(&parts.headers, response.headers_mut());
        response
    } else {
        match table.decide(&incoming) {
            Decision::Serve { route, captures } => {
                line.example = Some(route.example.clone());
                line.item = Some(route.item.clone());
                let fill = Fill {
                    scopes: &table.scopes,
                    captures: &captures,
                    request: &incoming,
                };
                example_response(route, &fill)
            }
            Decision::NoMatch { closest, hint } => {
                no_match_response(parts.method.as_str(), parts.uri.path(), &closest, hint)
            }
        }
    };
    if shared.cors && !line.preflight {
        cors::response_headers(&parts.headers, response.headers_mut());
    }
    line.status = response.status().as_u16();
    if !shared.delay.is_zero() {
        tokio::time::sleep(shared.delay).await;
    }
    line.latency = started.elapsed();
    if let Some(log) = &shared.log {
        let mut log = log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (log)(&line);
    }
    Ok(response)
}

/// `example.com:8080` → `example.com`; `[::1]:80` → `[::1]`.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

/// The example's status, headers (less those the server manages) and body,
/// with `{{references}}` filled in.
fn example_response(route: &Route, fill: &Fill<'_>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(fill.apply(&route.content))));
    *response.status_mut() = StatusCode::from_u16(route.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (key, value) in &route.headers {
        if NOT_SERVED.iter().any(|h| key.eq_ignore_ascii_case(h)) {
            continue;
        }
        let value = fill.apply(value);
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(key.as_bytes()),
            HeaderValue::from_bytes(value.trim().as_bytes()),
        ) else {
            continue;
        };
        headers.append(name, value);
    }
    let example_name: String = route
        .example
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if let Ok(v) = HeaderValue::from_bytes(example_name.trim().as_bytes()) {
        headers.insert(HeaderName::from_static(EXAMPLE_HEADER), v);
    }
    response
}

fn no_match_response(
    method: &str,
    path: &str,
    closest: &[&Route],
    hint: Option<String>,
) -> Response<Full<Bytes>> {
    let mut body = json!({
        "error": "no saved example matches",
        "method": method,
        "path": path,
        "closest": closest
            .iter()
            .map(|r| json!({
                "method": r.method,
                "path": r.path,
                "example": r.example,
                "item": r.item,
            }))
            .collect::<Vec<_>>(),
    });
    if let (Some(hint), Some(obj)) = (hint, body.as_object_mut()) {
        obj.insert("hint".into(), hint.into());
    }
    let text = serde_json::to_string_pretty(&body).unwrap_or_default();
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}
