//! Turning a collection request into the exact request that is sent: variables,
//! auth inheritance, body, URL encoding and per-request settings.

pub mod auth;
pub mod body;
pub mod url;

use crate::collection::{Collection, Header, Item, Request};
use crate::http::{HttpRequest, RequestSettings};
use crate::runner::events::Unresolved;
use crate::vars::Scopes;
use serde_json::{Map, Value};

pub use auth::AuthEffect;
pub use body::{BodyError, FileAccess};

/// Methods whose body Postman drops unless `disableBodyPruning` is set.
const METHODS_WITHOUT_BODY: &[&str] = &["GET", "HEAD", "COPY", "PURGE", "UNLOCK"];
/// Methods Node sends without any body when none is given (no `Content-Length`).
const METHODS_WITHOUT_EMPTY_BODY: &[&str] =
    &["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

pub fn user_agent() -> String {
    format!("postie/{}", env!("CARGO_PKG_VERSION"))
}

/// Everything around a request that decides how it is built.
pub struct BuildContext<'a> {
    pub collection: &'a Collection,
    /// Folders above the item, outermost first.
    pub parents: &'a [&'a Item],
    pub scopes: &'a Scopes,
    pub files: &'a FileAccess,
    /// The run's defaults, before `protocolProfileBehavior`.
    pub settings: &'a RequestSettings,
}

/// A request ready to send, and what did not resolve while building it.
#[derive(Debug, Clone)]
pub struct Built {
    pub request: HttpRequest,
    pub unresolved: Vec<Unresolved>,
    /// Digest credentials, answered when the server sends its challenge.
    pub digest: Option<(String, String)>,
    /// Things the user should know (an auth type postie cannot compute, …).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Body(#[from] BodyError),
}

/// `protocolProfileBehavior` of the collection, its folders and the item, the
/// innermost winning.
pub fn behavior(ctx_collection: &Collection, parents: &[&Item], item: &Item) -> Map<String, Value> {
    let mut merged = Map::new();
    let layers = std::iter::once(ctx_collection.protocol_profile_behavior.as_ref())
        .chain(parents.iter().map(|p| p.protocol_profile_behavior.as_ref()))
        .chain(std::iter::once(item.protocol_profile_behavior.as_ref()));
    for layer in layers.flatten() {
        for (k, v) in layer {
            merged.insert(k.clone(), v.clone());
        }
    }
    merged
}

fn flag(b: &Map<String, Value>, key: &str) -> Option<bool> {
    match b.get(key)? {
        Value::Bool(v) => Some(*v),
        Value::Number(n) => Some(n.as_i64() != Some(0)),
        Value::String(s) => Some(s == "true"),
        _ => None,
    }
}

pub fn settings_for(base: &RequestSettings, b: &Map<String, Value>) -> RequestSettings {
    let mut s = base.clone();
    if let Some(v) = flag(b, "followRedirects") {
        s.follow_redirects = v;
    }
    if let Some(v) = b.get("maxRedirects").and_then(Value::as_u64) {
        s.max_redirects = v as u32;
    }
    // strictSSL can only turn verification off for a request; `--insecure` already
    // turns it off for all of them.
    if flag(b, "strictSSL") == Some(false) {
        s.strict_ssl = false;
    }
    if let Some(v) = flag(b, "disableCookies") {
        s.disable_cookies = v;
    }
    if let Some(v) = flag(b, "followOriginalHttpMethod") {
        s.follow_original_method = v;
    }
    s
}

fn random_boundary() -> String {
    use rand::Rng;
    let mut r = rand::thread_rng();
    let digits: String = (0..24)
        .map(|_| char::from(b'0' + r.gen_range(0..10)))
        .collect();
    format!("--------------------------{digits}")
}

/// Builds the request of `item` as it will be sent.
pub fn build(request: &Request, item: &Item, ctx: &BuildContext<'_>) -> Result<Built, BuildError> {
    let mut unresolved: Vec<Unresolved> = Vec::new();
    let note_missing = |names: Vec<String>, part: &str, unresolved: &mut Vec<Unresolved>| {
        for name in names {
            if !unresolved.iter().any(|u| u.name == name && u.part == part) {
                unresolved.push(Unresolved {
                    name,
                    part: part.to_string(),
                });
            }
        }
    };
    let scopes = ctx.scopes;
    let behavior = behavior(ctx.collection, ctx.parents, item);
    let settings = settings_for(ctx.settings, &behavior);
    let mut notes = Vec::new();

    let (url_text, missing) = url::build_url(&request.url, scopes);
    note_missing(missing, "url", &mut unresolved);
    let mut url_text = url::with_default_protocol(&url_text);

    let mut headers: Vec<(String, String)> = Vec::new();
    for h in request
        .header
        .iter()
        .filter(|h: &&Header| !h.disabled && !h.key.trim().is_empty())
    {
        let k = scopes.resolve(&h.key);
        let v = scopes.resolve(&h.value);
        let part = format!("header {}", k.text);
        note_missing(k.unresolved, &part, &mut unresolved);
        note_missing(v.unresolved, &part, &mut unresolved);
        headers.push((k.text, v.text));
    }

    // Auth: an explicit Authorization header is sent as written, not doubled.
    let mut digest = None;
    if let Some(a) = auth::effective(
        request.auth.as_ref(),
        ctx.parents,
        ctx.collection.auth.as_ref(),
    ) {
        let part = format!("auth {}", a.kind);
        let mut missing = Vec::new();
        let effect = auth::apply(a, &mut |key: &str| {
            let r = scopes.resolve(&a.text(key));
            missing.extend(r.unresolved);
            r.text
        });
        note_missing(missing, &part, &mut unresolved);
        match effect {
            AuthEffect::Header(k, v) => {
                if !headers.iter().any(|(hk, _)| hk.eq_ignore_ascii_case(&k)) {
                    headers.push((k, v));
                }
            }
            AuthEffect::Query(k, v) => {
                let sep = if url_text.contains('?') { '&' } else { '?' };
                let (base, hash) = match url_text.find('#') {
                    Some(i) => (url_text[..i].to_string(), url_text[i..].to_string()),
                    None => (url_text.clone(), String::new()),
                };
                url_text = format!(
                    "{base}{sep}{}={}{hash}",
                    body::form_encode(&k),
                    body::form_encode(&v)
                );
            }
            AuthEffect::Digest { username, password } => digest = Some((username, password)),
            AuthEffect::Unsupported(kind) => notes.push(format!(
                "auth type '{kind}' is not supported yet; the request is sent without it"
            )),
            AuthEffect::Nothing => {}
        }
    }

    let method = {
        let r = scopes.resolve(&request.method);
        r.text.to_ascii_uppercase()
    };
    let mut body_bytes = None;
    if let Some(b) = &request.body {
        let prune = METHODS_WITHOUT_BODY.contains(&method.as_str())
            && flag(&behavior, "disableBodyPruning") != Some(true);
        if !prune {
            let mut missing = Vec::new();
            let built = body::build(b, ctx.files, &random_boundary(), &mut |t: &str| {
                let r = scopes.resolve(t);
                missing.extend(r.unresolved);
                r.text
            })?;
            note_missing(missing, "body", &mut unresolved);
            if let Some(built) = built {
                if let Some(ct) = built.content_type {
                    let explicit = headers
                        .iter_mut()
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"));
                    match explicit {
                        // A multipart boundary must match the body's, whatever the header said.
                        Some((_, v))
                            if ct.starts_with("multipart/") && v.starts_with("multipart/") =>
                        {
                            *v = ct
                        }
                        Some(_) => {}
                        None => headers.push(("Content-Type".into(), ct)),
                    }
                }
                body_bytes = Some(built.bytes);
            }
        }
    }

    // Node (and so newman) sends an empty body, with `Content-Length: 0`, for every
    // method but these.
    if body_bytes.is_none() && !METHODS_WITHOUT_EMPTY_BODY.contains(&method.as_str()) {
        body_bytes = Some(Vec::new());
    }

    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
    {
        headers.push(("User-Agent".into(), user_agent()));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("accept"))
    {
        headers.push(("Accept".into(), "*/*".into()));
    }
    // Said explicitly, so that every client an export is written for (HTTPie adds
    // `identity` when nothing is said) sends the same headers.
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("accept-encoding"))
    {
        headers.push(("Accept-Encoding".into(), "identity".into()));
    }

    Ok(Built {
        request: HttpRequest {
            method,
            url: url_text,
            headers,
            body: body_bytes,
            settings,
        },
        unresolved,
        digest,
        notes,
    })
}

/// The request as a test script sees it (`pm.request` after sending): the URL,
/// method and headers that were sent, the body as resolved.
pub fn as_sent(original: &Request, sent: &HttpRequest) -> Request {
    let mut r = original.clone();
    r.method = sent.method.clone();
    r.url = crate::collection::Url {
        was_string: false,
        ..crate::collection::Url::parse(&sent.url)
    };
    r.header = sent
        .headers
        .iter()
        .map(|(k, v)| Header {
            key: k.clone(),
            value: v.clone(),
            ..Default::default()
        })
        .collect();
    if let (Some(body), Some(bytes)) = (r.body.as_mut(), sent.body.as_ref()) {
        if body.mode.as_deref() == Some("raw") {
            body.raw = Some(String::from_utf8_lossy(bytes).into_owned());
        }
    }
    r
}
