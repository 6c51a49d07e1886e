//! Choosing the example that answers a request.

use super::body::{Fit, IncomingBody};
use super::routes::{Route, RouteTable};
use percent_encoding::percent_decode_str;
use std::cmp::Reverse;

/// An incoming request, reduced to what matching looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Incoming<'a> {
    pub method: &'a str,
    /// The path as received (percent-encoded), without the query.
    pub path: &'a str,
    /// The query string as received, without `?`.
    pub query: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
    /// `x-mock-response-name`: the exact example name wanted.
    pub response_name: Option<&'a str>,
    /// `x-mock-response-id`: the example id wanted.
    pub response_id: Option<&'a str>,
    /// `x-mock-response-code`: the status code wanted.
    pub response_code: Option<&'a str>,
}

/// What the mock does with a request.
#[derive(Debug, Clone)]
pub enum Decision<'a> {
    /// Serve this example.
    Serve(&'a Route),
    /// No example matches: the closest ones, and why when a header ruled them out.
    NoMatch {
        closest: Vec<&'a Route>,
        hint: Option<String>,
    },
}

/// Most candidates named in a 404.
pub const MAX_CLOSEST: usize = 5;

impl RouteTable {
    /// Picks the example for a request:
    ///
    /// 1. the method must match (a `HEAD` falls back to `GET` examples) and every
    ///    path segment must match: literal segments exactly (after percent-decoding),
    ///    `{{variable}}` parts and `:pathVariables` any text. The path is compared
    ///    after the base URL, and may also include the base URL variable's own
    ///    path (`/v1/apps` as well as `/apps` for `{{tenantApiV1Url}}/apps`);
    /// 2. `x-mock-response-name`, `x-mock-response-id` and `x-mock-response-code`
    ///    keep only the examples with that name, id or status code;
    /// 3. among the rest, more literal path segments win, then a match that
    ///    needed no empty segment dropped (`/apps/` is `/apps/{{id}}` with an
    ///    empty id before it is `/apps`), then the better fit of query and body:
    ///    +1 per query parameter or body field of the example that the request
    ///    sends, +1 more when the value matches too (variables in the example
    ///    match any value, a `{{variable}}` query key any parameter name); on
    ///    equal fits, fewer of the example's parameters and fields missing from
    ///    the request; then the first in collection order.
    pub fn decide<'a>(&'a self, req: &Incoming<'_>) -> Decision<'a> {
        let path = RequestPath::parse(req.path);
        let method = req.method.to_ascii_uppercase();
        let on_path: Vec<(&Route, (usize, bool))> = self
            .routes
            .iter()
            .filter_map(|r| path_score(r, &path).map(|s| (r, s)))
            .collect();
        let mut candidates: Vec<(&Route, (usize, bool))> = on_path
            .iter()
            .copied()
            .filter(|(r, _)| r.method == method)
            .collect();
        if candidates.is_empty() && method == "HEAD" {
            candidates = on_path
                .iter()
                .copied()
                .filter(|(r, _)| r.method == "GET")
                .collect();
        }
        if candidates.is_empty() {
            return Decision::NoMatch {
                closest: closest(self, &method, &path),
                hint: None,
            };
        }
        let wanted = |r: &Route| {
            req.response_name
                .map_or(true, |n| r.example.trim() == n.trim())
                && req
                    .response_id
                    .map_or(true, |id| r.example_id.as_deref() == Some(id.trim()))
                && req
                    .response_code
                    .map_or(true, |c| c.trim().parse::<u16>().ok() == Some(r.status))
        };
        let filtered: Vec<(&Route, (usize, bool))> = candidates
            .iter()
            .copied()
            .filter(|(r, _)| wanted(r))
            .collect();
        if filtered.is_empty() {
            let mut asked = Vec::new();
            if let Some(n) = req.response_name {
                asked.push(format!("x-mock-response-name {:?}", n.trim()));
            }
            if let Some(id) = req.response_id {
                asked.push(format!("x-mock-response-id {:?}", id.trim()));
            }
            if let Some(c) = req.response_code {
                asked.push(format!("x-mock-response-code {}", c.trim()));
            }
            return Decision::NoMatch {
                closest: candidates
                    .iter()
                    .map(|(r, _)| *r)
                    .take(MAX_CLOSEST)
                    .collect(),
                hint: Some(format!(
                    "{} matches none of the {} example(s) for {} {}",
                    asked.join(" and "),
                    candidates.len(),
                    method,
                    req.path
                )),
            };
        }
        let query: Vec<(String, String)> = url::form_urlencoded::parse(req.query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let body = IncomingBody::parse(req.content_type, req.body);
        let best = filtered
            .into_iter()
            .max_by_key(|(r, (literal, kept))| {
                let fit = query_fit(r, &query).plus(r.body.score(&body));
                (
                    *literal,
                    *kept,
                    fit.hits,
                    Reverse(fit.missing),
                    Reverse(r.order),
                )
            })
            .map(|(r, _)| r);
        match best {
            Some(r) => Decision::Serve(r),
            None => Decision::NoMatch {
                closest: Vec::new(),
                hint: None,
            },
        }
    }
}

/// A request path split two ways: keeping empty segments (`/apps/` gives `apps`
/// and an empty one, which a variable segment matches, as when `{{clientId}}` is
/// empty) and without them (`/apps/` as `/apps`).
pub(crate) struct RequestPath {
    kept: Vec<String>,
    compact: Vec<String>,
}

impl RequestPath {
    pub(crate) fn parse(path: &str) -> RequestPath {
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let rest = path.strip_prefix('/').unwrap_or(path);
        let kept: Vec<String> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('/').map(decode).collect()
        };
        let compact = kept.iter().filter(|s| !s.is_empty()).cloned().collect();
        RequestPath { kept, compact }
    }
}

fn segments_match(route: &Route, segments: &[String]) -> bool {
    route.segments.len() == segments.len()
        && route
            .segments
            .iter()
            .zip(segments)
            .all(|(p, s)| p.matches(s))
}

/// Some((literal segments matched, matched with empty segments kept)) when the
/// path matches the route, with or without the base variable's path in front.
fn path_score(route: &Route, path: &RequestPath) -> Option<(usize, bool)> {
    let one = |segments: &[String]| {
        let exact = segments_match(route, segments).then(|| route.literal_segments());
        let prefixed = strip_prefix(route, segments)
            .filter(|rest| segments_match(route, rest))
            .map(|_| route.literal_segments() + route.prefix.len());
        exact.max(prefixed)
    };
    let kept = one(&path.kept).map(|l| (l, true));
    let compact = if path.kept.len() == path.compact.len() {
        None
    } else {
        one(&path.compact).map(|l| (l, false))
    };
    kept.max(compact)
}

fn strip_prefix<'s>(route: &Route, segments: &'s [String]) -> Option<&'s [String]> {
    let p = route.prefix.len();
    (p > 0 && segments.len() >= p && segments[..p] == route.prefix[..]).then(|| &segments[p..])
}

fn query_fit(route: &Route, query: &[(String, String)]) -> Fit {
    let mut fit = Fit::default();
    for (key, pattern) in &route.query {
        let mut values = query.iter().filter(|(k, _)| key.matches(k)).peekable();
        let present = values.peek().is_some();
        fit.add(present, values.any(|(_, v)| pattern.matches(v)));
    }
    fit
}

/// How alike a request path is to a route's: +2 per literal segment equal at the
/// same position, +1 per variable segment or literal segment sharing a stem
/// (`email` and `email-server`), -1 per other literal segment, minus the
/// difference in length.
fn similarity(route: &Route, segments: &[String]) -> i64 {
    let score = |segs: &[String]| -> i64 {
        let common: i64 = route
            .segments
            .iter()
            .zip(segs)
            .map(|(p, s)| match (p.matches(s), p.is_literal()) {
                (true, true) => 2,
                (true, false) => 1,
                (false, true) if p.shares_stem(s) => 1,
                (false, true) => -1,
                _ => 0,
            })
            .sum();
        common - (route.segments.len() as i64 - segs.len() as i64).abs()
    };
    let stripped = strip_prefix(route, segments).map(score);
    score(segments).max(stripped.unwrap_or(i64::MIN))
}

/// Up to [`MAX_CLOSEST`] routes near a request that matched none: the same path
/// with another method first, then the most similar paths.
fn closest<'a>(table: &'a RouteTable, method: &str, path: &RequestPath) -> Vec<&'a Route> {
    let mut ranked: Vec<(bool, i64, bool, usize, &Route)> = table
        .routes
        .iter()
        .filter_map(|r| {
            let same_path = path_score(r, path).is_some();
            let sim = similarity(r, &path.compact);
            (same_path || sim > 0).then_some((same_path, sim, r.method == method, r.order, r))
        })
        .collect();
    ranked.sort_by_key(|(same_path, sim, same_method, order, _)| {
        (
            Reverse(*same_path),
            Reverse(*sim),
            Reverse(*same_method),
            *order,
        )
    });
    let mut out: Vec<&Route> = Vec::new();
    for (.., r) in ranked {
        let duplicate = out.iter().any(|o| {
            o.method == r.method && o.path == r.path && o.example == r.example && o.item == r.item
        });
        if !duplicate {
            out.push(r);
        }
        if out.len() == MAX_CLOSEST {
            break;
        }
    }
    out
}
