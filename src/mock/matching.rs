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
    /// The `Host` header without its port, when there is one.
    pub host: Option<&'a str>,
    /// Every header as received (the `x-mock-*` ones included).
    pub headers: &'a [(String, String)],
    pub content_type: &'a str,
    pub body: &'a [u8],
}

impl<'a> Incoming<'a> {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the mock does with a request.
#[derive(Debug, Clone)]
pub enum Decision<'a> {
    /// Serve this example; `captures` holds what the request sent where the
    /// example's path had `{{variables}}` or `:pathVariables`.
    Serve {
        route: &'a Route,
        captures: Vec<(String, String)>,
    },
    /// No example matches: the closest ones, and why when a header ruled them out.
    NoMatch {
        closest: Vec<&'a Route>,
        hint: Option<String>,
    },
}

/// Most candidates named in a 404.
pub const MAX_CLOSEST: usize = 5;

/// A route whose path matches, and how.
#[derive(Clone)]
struct OnPath<'a> {
    route: &'a Route,
    /// Literal segments matched (the base variable's path counts when included).
    literal: usize,
    /// Matched with empty segments kept (`/apps/` as `/apps/{{id}}`).
    kept: bool,
    /// Matched as sent, not only ignoring case.
    exact_case: bool,
    /// The request's segments the route's own segments were matched against.
    segments: Vec<String>,
}

impl RouteTable {
    /// Picks the example for a request, following the steps of Postman's
    /// matching algorithm:
    ///
    /// 1. the method must match (a `HEAD` falls back to `GET` examples);
    /// 2. every path segment must match: literal segments exactly (after
    ///    percent-decoding), `{{variable}}` parts and `:pathVariables` any text.
    ///    The path is compared after the base URL, and may also include the base
    ///    URL variable's own path (`/v1/apps` as well as `/apps` for
    ///    `{{tenantApiV1Url}}/apps`). Only when no example of the method matches
    ///    this way are literal segments compared ignoring case;
    /// 3. `x-mock-response-code` keeps the examples with that status code;
    ///    `x-mock-response-id` (the example's id, or Postman's `owner-id` UID) and
    ///    `x-mock-response-name` keep the examples with that id or name, among
    ///    those on the path or, when none there has it, among every example of
    ///    the method, as Postman selects them;
    /// 4. `x-mock-match-request-headers: Name, Other` keeps the examples whose
    ///    request sent the same values for those headers (names and values
    ///    compared ignoring case); `x-mock-match-request-body: true` keeps those
    ///    whose request sent the same body (see `BodyShape::matches_exactly`);
    /// 5. among the rest: an example saved for the request's host first, then
    ///    more literal path segments, then a match that needed no empty segment
    ///    dropped (`/apps/` is `/apps/{{id}}` with an empty id before it is
    ///    `/apps`), then the better fit of query and body: +1 per query parameter
    ///    or body field of the example that the request sends, +1 more when the
    ///    value matches too (variables in the example match any value, a
    ///    `{{variable}}` query key any parameter name); on equal fits, fewer of
    ///    the example's parameters and fields missing from the request; then the
    ///    first in collection order.
    pub fn decide<'a>(&'a self, req: &Incoming<'_>) -> Decision<'a> {
        let path = RequestPath::parse(req.path);
        let method = req.method.to_ascii_uppercase();
        let of_method = |on: Vec<OnPath<'a>>| -> Vec<OnPath<'a>> {
            let same: Vec<OnPath> = on
                .iter()
                .filter(|c| c.route.method == method)
                .cloned()
                .collect();
            if same.is_empty() && method == "HEAD" {
                return on.into_iter().filter(|c| c.route.method == "GET").collect();
            }
            same
        };
        let mut candidates = of_method(self.on_path(&path, false));
        if candidates.is_empty() {
            candidates = of_method(self.on_path(&path, true));
        }

        let header = |name: &str| req.header(name).map(str::trim).filter(|v| !v.is_empty());
        // An empty name is a name: it picks an example saved without one.
        let name = req.header("x-mock-response-name").map(str::trim);
        let id = header("x-mock-response-id");
        let code = header("x-mock-response-code");
        let on_path_count = candidates.len();
        let mut asked = Vec::new();
        if let Some(c) = code {
            asked.push(format!("x-mock-response-code {c}"));
            candidates.retain(|c2| c.parse::<u16>().ok() == Some(c2.route.status));
        }
        if id.is_some() || name.is_some() {
            let wanted = |r: &Route| {
                name.is_none_or(|n| r.example.trim() == n)
                    && id.is_none_or(|id| same_id(r.example_id.as_deref(), id))
                    && code.is_none_or(|c| c.parse::<u16>().ok() == Some(r.status))
            };
            if let Some(n) = name {
                asked.push(format!("x-mock-response-name {n:?}"));
            }
            if let Some(i) = id {
                asked.push(format!("x-mock-response-id {i:?}"));
            }
            candidates.retain(|c| wanted(c.route));
            if candidates.is_empty() {
                let head_as_get = method == "HEAD";
                candidates = self
                    .routes
                    .iter()
                    .filter(|r| r.method == method || (head_as_get && r.method == "GET"))
                    .filter(|r| wanted(r))
                    .map(|r| OnPath {
                        route: r,
                        literal: 0,
                        kept: true,
                        exact_case: true,
                        segments: Vec::new(),
                    })
                    .collect();
            }
        }
        if candidates.is_empty() {
            if on_path_count == 0 && asked.is_empty() {
                return Decision::NoMatch {
                    closest: closest(self, &method, &path),
                    hint: None,
                };
            }
            let on_path: Vec<&Route> = of_method(self.on_path(&path, false))
                .into_iter()
                .map(|c| c.route)
                .collect();
            return Decision::NoMatch {
                closest: if on_path.is_empty() {
                    closest(self, &method, &path)
                } else {
                    on_path.into_iter().take(MAX_CLOSEST).collect()
                },
                hint: Some(format!(
                    "{} matches none of the {} example(s) for {} {}",
                    asked.join(" and "),
                    on_path_count,
                    method,
                    req.path
                )),
            };
        }

        let body = IncomingBody::parse(req.content_type, req.body);
        if let Some(names) = header("x-mock-match-request-headers") {
            let names: Vec<&str> = names
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("false"))
                .collect();
            if !names.is_empty() {
                let before = candidates.len();
                candidates.retain(|c| same_headers(c.route, req, &names));
                if candidates.is_empty() {
                    return Decision::NoMatch {
                        closest: Vec::new(),
                        hint: Some(format!(
                            "x-mock-match-request-headers: the request's {} match none of the {} example(s) for {} {}",
                            names.join(", "),
                            before,
                            method,
                            req.path
                        )),
                    };
                }
            }
        }
        if header("x-mock-match-request-body").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            let before = candidates.len();
            candidates.retain(|c| c.route.body.matches_exactly(&body));
            if candidates.is_empty() {
                return Decision::NoMatch {
                    closest: Vec::new(),
                    hint: Some(format!(
                        "x-mock-match-request-body: the body matches none of the {} example(s) for {} {}",
                        before, method, req.path
                    )),
                };
            }
        }

        let query: Vec<(String, String)> = url::form_urlencoded::parse(req.query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let host = req
            .host
            .map(|h| h.trim_start_matches('[').trim_end_matches(']'));
        let best = candidates.into_iter().max_by_key(|c| {
            let r = c.route;
            let fit = query_fit(r, &query).plus(r.body.score(&body));
            let same_host = match (&r.host, host) {
                (Some(p), Some(h)) => p.matches_ignoring_case(h),
                _ => false,
            };
            (
                same_host,
                c.literal,
                c.kept,
                fit.hits,
                Reverse(fit.missing),
                Reverse(r.order),
            )
        });
        match best {
            Some(c) => {
                let captures = c
                    .route
                    .segments
                    .iter()
                    .zip(&c.segments)
                    .filter_map(|(p, s)| p.captures(s, !c.exact_case))
                    .flatten()
                    .collect();
                Decision::Serve {
                    route: c.route,
                    captures,
                }
            }
            None => Decision::NoMatch {
                closest: Vec::new(),
                hint: None,
            },
        }
    }

    /// Routes whose path matches, literal text compared ignoring case when `fold` is set.
    fn on_path(&self, path: &RequestPath, fold: bool) -> Vec<OnPath<'_>> {
        self.routes
            .iter()
            .filter_map(|r| {
                path_match(r, path, fold).map(|(literal, kept, segments)| OnPath {
                    route: r,
                    literal,
                    kept,
                    exact_case: !fold,
                    segments,
                })
            })
            .collect()
    }
}

/// Postman identifies an example by its id or by `<owner>-<id>`.
fn same_id(example_id: Option<&str>, wanted: &str) -> bool {
    example_id.is_some_and(|id| {
        !id.is_empty()
            && (id == wanted
                || wanted
                    .strip_suffix(id)
                    .is_some_and(|owner| owner.ends_with('-')))
    })
}

/// The example's request sent the same value for each named header as this
/// request (both without it also counts as the same).
fn same_headers(route: &Route, req: &Incoming<'_>, names: &[&str]) -> bool {
    names.iter().all(|name| {
        let saved = route
            .request_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, p)| p);
        match (saved, req.header(name)) {
            (None, None) => true,
            (Some(p), Some(v)) => p.matches_ignoring_case(v.trim()),
            _ => false,
        }
    })
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

fn segments_match(route: &Route, segments: &[String], fold: bool) -> bool {
    route.segments.len() == segments.len()
        && route.segments.iter().zip(segments).all(|(p, s)| {
            if fold {
                p.matches_ignoring_case(s)
            } else {
                p.matches(s)
            }
        })
}

/// Some((literal segments matched, matched with empty segments kept, the
/// request segments matched against the route's own)) when the path matches
/// the route, with or without the base variable's path in front.
fn path_match(route: &Route, path: &RequestPath, fold: bool) -> Option<(usize, bool, Vec<String>)> {
    let one = |segments: &[String]| -> Option<(usize, Vec<String>)> {
        let exact = segments_match(route, segments, fold)
            .then(|| (route.literal_segments(), segments.to_vec()));
        let prefixed = strip_prefix(route, segments, fold)
            .filter(|rest| segments_match(route, rest, fold))
            .map(|rest| (route.literal_segments() + route.prefix.len(), rest.to_vec()));
        match (exact, prefixed) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    };
    let kept = one(&path.kept).map(|(l, s)| (l, true, s));
    let compact = if path.kept.len() == path.compact.len() {
        None
    } else {
        one(&path.compact).map(|(l, s)| (l, false, s))
    };
    match (kept, compact) {
        (Some(a), Some(b)) => Some(if (b.0, b.1) > (a.0, a.1) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn strip_prefix<'s>(route: &Route, segments: &'s [String], fold: bool) -> Option<&'s [String]> {
    let p = route.prefix.len();
    let same = |a: &String, b: &String| {
        if fold {
            a.to_lowercase() == b.to_lowercase()
        } else {
            a == b
        }
    };
    (p > 0
        && segments.len() >= p
        && segments[..p]
            .iter()
            .zip(&route.prefix)
            .all(|(a, b)| same(a, b)))
    .then(|| &segments[p..])
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
    let stripped = strip_prefix(route, segments, false).map(score);
    score(segments).max(stripped.unwrap_or(i64::MIN))
}

/// Up to [`MAX_CLOSEST`] routes near a request that matched none: the same path
/// with another method first, then the most similar paths.
fn closest<'a>(table: &'a RouteTable, method: &str, path: &RequestPath) -> Vec<&'a Route> {
    let mut ranked: Vec<(bool, i64, bool, usize, &Route)> = table
        .routes
        .iter()
        .filter_map(|r| {
            let same_path = path_match(r, path, false).is_some();
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
