//! Digest access authentication (RFC 7616): the answer to a server's challenge.

/// The `Authorization` value answering a `WWW-Authenticate: Digest …` challenge
/// (RFC 7616 with MD5 or MD5-sess, `qop=auth`), or `None` if it is not a digest challenge.
pub fn digest_answer(
    challenge: &str,
    method: &str,
    uri: &str,
    username: &str,
    password: &str,
) -> Option<String> {
    use md5::{Digest, Md5};
    let rest = challenge.trim().strip_prefix("Digest")?.trim();
    let mut params = std::collections::HashMap::new();
    for part in split_params(rest) {
        if let Some((k, v)) = part.split_once('=') {
            params.insert(
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            );
        }
    }
    let realm = params.get("realm").cloned().unwrap_or_default();
    let nonce = params.get("nonce")?.clone();
    let algorithm = params
        .get("algorithm")
        .cloned()
        .unwrap_or_else(|| "MD5".into());
    let qop = params
        .get("qop")
        .map(|q| q.split(',').map(str::trim).any(|q| q == "auth"));
    let hex = |s: String| format!("{:x}", Md5::digest(s.as_bytes()));
    let cnonce = format!("{:016x}", rand::random::<u64>());
    let nc = "00000001";
    let mut ha1 = hex(format!("{username}:{realm}:{password}"));
    if algorithm.eq_ignore_ascii_case("MD5-sess") {
        ha1 = hex(format!("{ha1}:{nonce}:{cnonce}"));
    }
    let ha2 = hex(format!("{method}:{uri}"));
    let response = if qop == Some(true) {
        hex(format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
    } else {
        hex(format!("{ha1}:{nonce}:{ha2}"))
    };
    let mut out = format!(
        "Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, response=\"{response}\""
    );
    if qop == Some(true) {
        out.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
    }
    if let Some(o) = params.get("opaque") {
        out.push_str(&format!(", opaque=\"{o}\""));
    }
    Some(out)
}

/// Splits `a="x, y", b=z` on the commas outside quotes.
fn split_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}
