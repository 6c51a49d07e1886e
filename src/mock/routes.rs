//! Routes: one per saved example, with the method, path pattern, query, headers
//! and body the example was saved for, and the response it serves; and the hosts
//! the collection's requests go to.

use super::body::BodyShape;
use super::pattern::Pattern;
use crate::collection::{walk_requests, Collection, Item, Request, Response, Url};
use crate::vars::{references, Scopes};
use percent_encoding::percent_decode_str;

/// One saved example as the mock serves it.
#[derive(Debug, Clone)]
pub struct Route {
    /// Upper-case method the example was saved for.
    pub method: String,
    /// The path template matched against, e.g. `/apps/{{clientId}}`.
    pub path: String,
    /// Name of the request item the example belongs to.
    pub item: String,
    /// Name of the example (what `x-mock-response-name` selects).
    pub example: String,
    /// Id of the example, when the file has one (what `x-mock-response-id` selects).
    pub example_id: Option<String>,
    /// Status code served (the example's code, 200 when it has none or an odd one).
    pub status: u16,
    pub(crate) segments: Vec<Pattern>,
    /// Path of the base-URL variable's value (`/v1` for `https://host/v1`): a request
    /// may include it before the route's own path.
    pub(crate) prefix: Vec<String>,
    pub(crate) query: Vec<(Pattern, Pattern)>,
    pub(crate) body: BodyShape,
    /// Headers of the example's request, for `x-mock-match-request-headers`.
    pub(crate) request_headers: Vec<(String, Pattern)>,
    /// The literal host the example's request went to (`None` for a base-URL variable).
    pub(crate) host: Option<Pattern>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) content: String,
    /// Position in collection order, for ties.
    pub(crate) order: usize,
}

impl Route {
    /// Number of path segments that are literal text (no variable in them).
    pub(crate) fn literal_segments(&self) -> usize {
        self.segments.iter().filter(|s| s.is_literal()).count()
    }

    /// The headers and body served, as stored in the example.
    pub fn response_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn response_body(&self) -> &str {
        &self.content
    }
}

/// Every saved example of a collection, in collection order, with the
/// variables that fill `{{references}}` in the examples and the hosts the
/// collection's requests go to.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    pub(crate) routes: Vec<Route>,
    pub(crate) scopes: Scopes,
    pub(crate) hosts: Vec<Pattern>,
}

impl RouteTable {
    /// Builds a route from every example of every request item. Variables in the
    /// base URL are resolved with `scopes` only to learn the base path (see
    /// [`super::base_url_variables`]); variables in the path, query and body stay
    /// wildcards.
    pub fn from_collection(collection: &Collection, scopes: &Scopes) -> RouteTable {
        let mut routes = Vec::new();
        let mut hosts: Vec<Pattern> = Vec::new();
        let mut add_host = |url: &Url| {
            if let Some(h) = url_host(url, scopes) {
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
        };
        walk_requests(&collection.item, &mut |item: &Item, _parents: &[&Item]| {
            let Some(request) = &item.request else {
                return;
            };
            add_host(&request.url);
            for example in &item.response {
                if let Some(original) = &example.original_request {
                    add_host(&original.url);
                }
                let order = routes.len();
                routes.push(route(item, request, example, scopes, order));
            }
        });
        RouteTable {
            routes,
            scopes: scopes.clone(),
            hosts,
        }
    }

    /// Whether a request to `host` goes somewhere the collection sends requests:
    /// a literal host of one of its URLs, or the host of a base-URL variable's value.
    pub fn has_host(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.hosts.iter().any(|h| h.matches_ignoring_case(host))
    }

    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    pub fn len(&self) -> usize {
        self.routes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }
}

fn has_url(url: &Url) -> bool {
    url.host.is_some() || url.path.is_some() || url.raw.as_deref().is_some_and(|r| !r.is_empty())
}

fn route(
    item: &Item,
    request: &Request,
    example: &Response,
    scopes: &Scopes,
    order: usize,
) -> Route {
    // The example's own request when it names a URL, else the item's request.
    let source = example
        .original_request
        .as_ref()
        .filter(|r| has_url(&r.url))
        .unwrap_or(request);
    let url = &source.url;
    let templates: Vec<&str> = url
        .path
        .iter()
        .flatten()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let segments = templates.iter().map(|s| segment_pattern(s)).collect();
    let path = format!("/{}", templates.join("/"));
    let query = url
        .query
        .iter()
        .filter(|q| !q.disabled)
        .filter_map(|q| {
            let key = q.key.as_deref().filter(|k| !k.is_empty())?;
            // A `{{variable}}` key matches any parameter name, as variables do elsewhere.
            let key = Pattern::compile(key, true);
            let value = Pattern::compile(q.value.as_deref().unwrap_or(""), true);
            Some((key, value))
        })
        .collect();
    let request_headers = source
        .header
        .iter()
        .filter(|h| !h.disabled && !h.key.trim().is_empty())
        .map(|h| {
            (
                h.key.trim().to_string(),
                Pattern::compile(h.value.trim(), false),
            )
        })
        .collect();
    let host = match base_variable(url, scopes) {
        Some(_) => None,
        None => url_host(url, scopes),
    };
    let status = example
        .code
        // 1xx codes are not final responses: serve those examples as 200.
        .filter(|c| (200..=999).contains(c))
        .unwrap_or(200);
    Route {
        method: source.method.to_ascii_uppercase(),
        path,
        item: item.name.clone(),
        example: example.name.clone(),
        example_id: example.id.clone(),
        status,
        segments,
        prefix: base_prefix(url, scopes),
        query,
        body: BodyShape::of(source.body.as_ref()),
        request_headers,
        host,
        headers: served_headers(example),
        content: example.body.clone().unwrap_or_default(),
        order,
    }
}

/// `:name` (a Postman path variable) matches any segment; `{{var}}` parts match any text.
fn segment_pattern(template: &str) -> Pattern {
    if template.len() > 1 && template.starts_with(':') {
        return Pattern::any(&template[1..]);
    }
    Pattern::compile(template, true)
}

/// The example's headers; a `Content-Type` from Postman's preview language when
/// the example has a body but no such header.
fn served_headers(example: &Response) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = example
        .header
        .iter()
        .filter(|h| !h.disabled && !h.key.trim().is_empty())
        .map(|h| (h.key.trim().to_string(), h.value.clone()))
        .collect();
    let has_type = headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    let has_body = example.body.as_deref().is_some_and(|b| !b.is_empty());
    if !has_type && has_body {
        let language = example
            .preview_language
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let guessed = match language {
            "json" => Some("application/json; charset=utf-8"),
            "html" => Some("text/html; charset=utf-8"),
            "xml" => Some("application/xml; charset=utf-8"),
            "text" => Some("text/plain; charset=utf-8"),
            _ => None,
        };
        if let Some(t) = guessed {
            headers.push(("Content-Type".into(), t.into()));
        }
    }
    headers
}

/// The name `v` when the text is exactly `{{v}}`.
pub(crate) fn whole_reference(text: &str) -> Option<&str> {
    let text = text.trim();
    match references(text).as_slice() {
        [(0, end, name)] if *end == text.len() => Some(name),
        _ => None,
    }
}

/// The variable a URL uses as its base, if the URL has one (see [`super::base_url_variables`]).
pub(crate) fn base_variable<'a>(url: &'a Url, scopes: &Scopes) -> Option<&'a str> {
    if url.protocol.is_some() || url.port.is_some() {
        return None;
    }
    let host = url.host.as_deref()?;
    let [first] = host else {
        return None;
    };
    let name = whole_reference(first)?;
    if name.starts_with('$') {
        return None;
    }
    let resolved = scopes.resolve(first.trim());
    if !resolved.unresolved.is_empty() {
        // Undefined (or only partly defined): nothing else can be meant by it.
        return Some(name);
    }
    let value = resolved.text.trim();
    if value.is_empty() || is_absolute_url(value) || looks_like_host(value) {
        Some(name)
    } else {
        None
    }
}

/// `scheme://…` with a plain scheme.
pub(crate) fn is_absolute_url(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// A scheme-less `host[:port][/path]` such as `localhost:3000/api`.
fn looks_like_host(text: &str) -> bool {
    let host = text.split('/').next().unwrap_or("");
    !host.is_empty()
        && !text.chars().any(char::is_whitespace)
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._:[]".contains(c))
}

/// The host a URL sends to, with variables resolved (those no scope defines
/// match any text): the literal host, or the host of a base-URL variable's
/// value. `None` when there is none to know (an empty or undefined base).
fn url_host(url: &Url, scopes: &Scopes) -> Option<Pattern> {
    let parts = url.host.as_ref()?;
    let resolved = scopes.resolve(parts.join(".").trim());
    let is_base = base_variable(url, scopes).is_some();
    if is_base && !resolved.unresolved.is_empty() {
        // An undefined base: `run --mock` points it at the mock itself.
        return None;
    }
    let resolved = resolved.text;
    let text = if is_base {
        let after_scheme = resolved
            .split_once("://")
            .map_or(resolved.as_str(), |(_, r)| r);
        after_scheme
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .to_string()
    } else {
        resolved
    };
    let text = text.rsplit_once('@').map_or(text.as_str(), |(_, h)| h);
    // Drop a port: hosts are compared by name.
    let host = match text.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => text.split(':').next().unwrap_or(""),
    };
    let host = host.trim().to_ascii_lowercase();
    (!host.is_empty()).then(|| Pattern::compile(&host, false))
}

/// Path segments of the base variable's value (`["v1"]` for `https://h/v1`).
fn base_prefix(url: &Url, scopes: &Scopes) -> Vec<String> {
    let Some(first) = url.host.as_ref().and_then(|h| h.first()) else {
        return Vec::new();
    };
    if base_variable(url, scopes).is_none() {
        return Vec::new();
    }
    let resolved = scopes.resolve(first.trim());
    if !resolved.unresolved.is_empty() {
        return Vec::new();
    }
    let value = resolved.text.trim();
    let after_scheme = value.split_once("://").map_or(value, |(_, rest)| rest);
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split_once('/')
        .map_or("", |(_, p)| p);
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect()
}
