//! One redirect hop as postman-request (newman 6.2.2) takes it: where it goes,
//! with which method and body, and how the headers of the next request change.

use crate::request::url::{encode, FRAGMENT_SET, PATH_SET, QUERY_SET};
use crate::request::RequestSettings;

/// The next request of a redirect chain.
pub struct Hop {
    pub method: String,
    pub body: Option<Vec<u8>>,
    pub headers: Vec<(String, String)>,
}

/// Whether a response sends the request on: any 3xx with a `Location`, whatever
/// the method (newman sets `followAllRedirects` with `followRedirects`).
pub fn is_redirect(code: u16, location: Option<&str>) -> bool {
    (300..400).contains(&code) && location.is_some()
}

impl Hop {
    /// The request after a `code` response to this one, which went to `from`
    /// (`from_href` as newman writes it) and is redirected to `to`.
    pub fn redirected(
        self,
        code: u16,
        from: &url::Url,
        from_href: &str,
        to: &url::Url,
        settings: &RequestSettings,
    ) -> Hop {
        let Hop {
            mut method,
            mut body,
            mut headers,
        } = self;
        // postman-request takes `Host` off once the response is in and adds it back,
        // for the new URL and in the case first written, when the next request starts:
        // it then follows `Referer`.
        let host_name = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("host"))
            .map(|(k, _)| k.clone());
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case("host"));
        // Credentials and explicit cookies do not follow a redirect to another host
        // name (another port of the same host keeps them, as in postman-request).
        if from.host_str() != to.host_str() {
            headers.retain(|(k, _)| {
                let auth = k.eq_ignore_ascii_case("authorization");
                !(auth && !settings.follow_authorization_header || k.eq_ignore_ascii_case("cookie"))
            });
        }
        let keeps_method = settings.follow_original_method || matches!(code, 307 | 308);
        if !keeps_method {
            // HEAD stays HEAD, as in postman-request; every other method becomes GET.
            if method != "HEAD" {
                method = "GET".into();
            }
            body = None;
            headers.retain(|(k, _)| {
                !k.eq_ignore_ascii_case("content-type") && !k.eq_ignore_ascii_case("content-length")
            });
        }
        if !settings.remove_referer_header {
            // A `Referer` the request set itself is overwritten where it stands.
            match headers
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case("referer"))
            {
                Some((_, v)) => *v = from_href.to_string(),
                None => headers.push(("Referer".into(), from_href.to_string())),
            }
        }
        if let Some(name) = host_name {
            headers.push((name, super::client::host_header(to)));
        }
        Hop {
            method,
            body,
            headers,
        }
    }
}

/// The URL a `Location` leads to, from the URL that answered, resolved as
/// postman-url-encoder's `resolveNodeUrl` does: by joining text, without
/// removing `.` and `..` segments (the server gets `/a/b/../get`).
pub fn resolve(base: &str, location: &str) -> String {
    if location.starts_with("http:") || location.starts_with("https:") {
        return location.to_string();
    }
    let parts = Parts::of(base);
    let till_host = &base[..parts.path_at];
    let till_path = &base[..parts.query_at];
    let till_query = &base[..parts.hash_at];
    if location.is_empty() {
        return till_query.to_string();
    }
    if location.starts_with("//") || location.starts_with("\\\\") {
        let scheme = base.find(':').map_or("", |i| &base[..=i]);
        return format!("{scheme}{location}");
    }
    if location.starts_with('/') || location.starts_with('\\') {
        return format!("{till_host}{location}");
    }
    if location.starts_with('#') {
        return format!("{till_query}{location}");
    }
    if location.starts_with('?') {
        return format!("{till_path}{location}");
    }
    if has_scheme(location) {
        return location.to_string();
    }
    let path = &base[parts.path_at..parts.query_at];
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{till_host}{dir}{location}")
}

/// `scheme://` (or `scheme:\\`) and something after it.
fn has_scheme(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    let scheme = &text[..colon];
    let rest = &text[colon + 1..];
    !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        && (rest.starts_with("//") || rest.starts_with("\\\\"))
        && rest.len() > 2
}

/// Where the path, the query and the fragment of a URL's text start (each at
/// the text's end when absent).
struct Parts {
    path_at: usize,
    query_at: usize,
    hash_at: usize,
}

impl Parts {
    fn of(text: &str) -> Parts {
        let hash_at = text.find('#').unwrap_or(text.len());
        let query_at = text[..hash_at].find('?').unwrap_or(hash_at);
        let authority = text[..query_at].find("://").map_or(0, |i| i + 3);
        let path_at = text[authority..query_at]
            .find('/')
            .map_or(query_at, |i| authority + i);
        Parts {
            path_at,
            query_at,
            hash_at,
        }
    }
}

/// The redirected URL's text with its path, query and fragment encoded as
/// postman-url-encoder encodes them (`toNodeUrl`), and the request target
/// (path and query) written on the request line, dot segments kept.
pub fn encoded(text: &str) -> (String, String) {
    let p = Parts::of(text);
    let path = encode(&text[p.path_at..p.query_at], PATH_SET);
    let query = encode(&text[p.query_at..p.hash_at], QUERY_SET);
    let hash = encode(&text[p.hash_at..], FRAGMENT_SET);
    let href = format!("{}{path}{query}{hash}", &text[..p.path_at]);
    let path = if path.is_empty() { "/".into() } else { path };
    (href, format!("{path}{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_by_joining_text_as_postman_url_encoder_does() {
        let base = "http://h:1/a/b/redirect-to?url=x#frag";
        assert_eq!(resolve(base, "../get?q=1"), "http://h:1/a/b/../get?q=1");
        assert_eq!(resolve(base, "/get"), "http://h:1/get");
        assert_eq!(resolve(base, "?n=2"), "http://h:1/a/b/redirect-to?n=2");
        assert_eq!(
            resolve(base, "#top"),
            "http://h:1/a/b/redirect-to?url=x#top"
        );
        assert_eq!(resolve(base, ""), "http://h:1/a/b/redirect-to?url=x");
        assert_eq!(resolve(base, "//other/x"), "http://other/x");
        assert_eq!(resolve(base, "https://other/x"), "https://other/x");
        assert_eq!(resolve(base, "ftp://other/x"), "ftp://other/x");
        assert_eq!(resolve("http://h", "get"), "http://h/get");
    }

    #[test]
    fn the_target_keeps_dot_segments_and_encodes_as_newman() {
        let (href, target) = encoded("http://h:1/a/b/../g et?q=a b#f");
        assert_eq!(href, "http://h:1/a/b/../g%20et?q=a%20b#f");
        assert_eq!(target, "/a/b/../g%20et?q=a%20b");
        assert_eq!(encoded("http://h:1?x").1, "/?x");
    }
}
