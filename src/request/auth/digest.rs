//! Digest access authentication (RFC 7616) as postman-runtime does it: with a
//! realm and nonce given, the first request carries the answer; without, the
//! server's 401 (or 403) challenge fills in what is missing and the request is
//! sent once more.

use sha2::Digest;

/// The parameters, by their names in the collection (`username`, `realm`,
/// `nonce`, `clientNonce`, `nonceCount`, `qop`, `opaque`, `algorithm`, …).
pub type DigestParams = Vec<(String, String)>;

fn get<'a>(p: &'a DigestParams, key: &str) -> &'a str {
    p.iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// Whether the first request can carry the answer (Postman's `pre` step).
pub fn given(p: &DigestParams) -> bool {
    !get(p, "nonce").is_empty() && !get(p, "realm").is_empty()
}

/// Sets a parameter the challenge gave, unless the collection gave it already.
fn fill(p: &mut DigestParams, key: &str, value: String) {
    match p.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) if v.is_empty() => *v = value,
        Some(_) => {}
        None => p.push((key.to_string(), value)),
    }
}

fn hash(algorithm: &str, data: &str) -> String {
    match algorithm {
        "sha256" => hex::encode(sha2::Sha256::digest(data.as_bytes())),
        "sha512-256" => hex::encode(sha2::Sha512_256::digest(data.as_bytes())),
        _ => format!("{:x}", md5::Md5::digest(data.as_bytes())),
    }
}

/// The `Authorization` value for `method` and `uri` (path and query), or `None`
/// without a username and realm; an error for an algorithm Postman does not know.
pub fn header(
    p: &DigestParams,
    method: &str,
    uri: &str,
    body: &[u8],
) -> Result<Option<String>, String> {
    let (username, realm) = (get(p, "username"), get(p, "realm"));
    if username.is_empty() || realm.is_empty() {
        return Ok(None);
    }
    let mut algorithm = get(p, "algorithm").to_string();
    let hash_algo = match algorithm.as_str() {
        "SHA-256" | "SHA-256-sess" => "sha256",
        "SHA-512-256" | "SHA-512-256-sess" => "sha512-256",
        "MD5" | "MD5-sess" | "" => {
            if algorithm.is_empty() {
                algorithm = "MD5".into();
            }
            "md5"
        }
        other => return Err(format!("Unsupported digest algorithm: {other}")),
    };
    let (password, nonce) = (get(p, "password"), get(p, "nonce"));
    let (nc, cnonce, qop, opaque) = (
        get(p, "nonceCount"),
        get(p, "clientNonce"),
        get(p, "qop"),
        get(p, "opaque"),
    );
    let a1 = if algorithm.ends_with("-sess") {
        let a0 = hash(hash_algo, &format!("{username}:{realm}:{password}"));
        format!("{a0}:{nonce}:{cnonce}")
    } else {
        format!("{username}:{realm}:{password}")
    };
    let a2 = if qop == "auth-int" {
        let body_hash = match hash_algo {
            "sha256" => hex::encode(sha2::Sha256::digest(body)),
            "sha512-256" => hex::encode(sha2::Sha512_256::digest(body)),
            _ => format!("{:x}", md5::Md5::digest(body)),
        };
        format!("{method}:{uri}:{body_hash}")
    } else {
        format!("{method}:{uri}")
    };
    let (ha1, ha2) = (hash(hash_algo, &a1), hash(hash_algo, &a2));
    let with_qop = qop == "auth" || qop == "auth-int";
    let response = if with_qop {
        hash(
            hash_algo,
            &format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"),
        )
    } else {
        hash(hash_algo, &format!("{ha1}:{nonce}:{ha2}"))
    };
    let mut parts = vec![
        format!("username=\"{username}\""),
        format!("realm=\"{realm}\""),
        format!("nonce=\"{nonce}\""),
        format!("uri=\"{uri}\""),
        format!("algorithm=\"{algorithm}\""),
    ];
    if with_qop {
        parts.push(format!("qop={qop}"));
    }
    if with_qop || algorithm == "MD5-sess" {
        if !nc.is_empty() {
            parts.push(format!("nc={nc}"));
        }
        parts.push(format!("cnonce=\"{cnonce}\""));
    }
    parts.push(format!("response=\"{response}\""));
    if !opaque.is_empty() {
        parts.push(format!("opaque=\"{opaque}\""));
    }
    Ok(Some(format!("Digest {}", parts.join(", "))))
}

/// `field="value"` of a challenge, case-insensitive name, as Postman reads it.
fn field(challenge: &str, name: &str) -> Option<String> {
    let lower = challenge.to_ascii_lowercase();
    let at = lower.find(&format!("{name}=\""))? + name.len() + 2;
    let rest = &challenge[at..];
    Some(rest[..rest.find('"')?].to_string())
}

/// Fills what a `WWW-Authenticate: Digest …` challenge says into `p`, as
/// Postman does before sending the request again: `false` when the challenge is
/// not a digest one, or says nothing the parameters do not already hold (the
/// request is then not sent again).
pub fn take_challenge(p: &mut DigestParams, challenge: &str) -> bool {
    if !challenge
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("digest ")
    {
        return false;
    }
    let mut given: Vec<(&str, String)> = vec![
        ("nonce", field(challenge, "nonce").unwrap_or_default()),
        ("realm", field(challenge, "realm").unwrap_or_default()),
    ];
    if let Some(o) = field(challenge, "opaque").filter(|o| !o.is_empty()) {
        given.push(("opaque", o));
    }
    let qop = field(challenge, "qop").filter(|q| !q.is_empty());
    if let Some(q) = &qop {
        given.push(("qop", q.clone()));
    }
    if qop.is_some() || !get(p, "qop").is_empty() {
        given.push(("clientNonce", super::random_alphanumeric(8)));
        given.push(("nonceCount", "00000001".into()));
    }
    if given.iter().all(|(k, _)| !get(p, k).is_empty()) {
        return false;
    }
    for (k, v) in given {
        fill(p, k, v);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> DigestParams {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// RFC 2617 section 3.5's example (Mufasa).
    #[test]
    fn rfc2617_example() {
        let p = params(&[
            ("username", "Mufasa"),
            ("password", "Circle Of Life"),
            ("realm", "testrealm@host.com"),
            ("nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093"),
            ("qop", "auth"),
            ("nonceCount", "00000001"),
            ("clientNonce", "0a4f113b"),
            ("opaque", "5ccc069c403ebaf9f0171e9517f40e41"),
        ]);
        let h = header(&p, "GET", "/dir/index.html", b"").unwrap().unwrap();
        assert!(
            h.contains("response=\"6629fae49393a05397450978507c4ef1\""),
            "{h}"
        );
        assert!(h.starts_with("Digest username=\"Mufasa\", realm=\"testrealm@host.com\""));
    }

    #[test]
    fn a_challenge_fills_only_what_is_missing() {
        let mut p = params(&[("username", "u"), ("clientNonce", "fixed")]);
        assert!(take_challenge(
            &mut p,
            "Digest realm=\"r\", nonce=\"n\", qop=\"auth\""
        ));
        assert_eq!(get(&p, "clientNonce"), "fixed");
        assert_eq!(get(&p, "nonceCount"), "00000001");
        assert_eq!(get(&p, "realm"), "r");
        // Nothing new: the request is not sent again.
        assert!(!take_challenge(
            &mut p,
            "Digest realm=\"r\", nonce=\"n\", qop=\"auth\""
        ));
        assert!(!take_challenge(&mut p, "Basic realm=\"r\""));
    }
}
