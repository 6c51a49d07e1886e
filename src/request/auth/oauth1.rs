//! OAuth 1.0a (RFC 5849) as postman-runtime signs it: HMAC-SHA1/256/512,
//! RSA-SHA1/256/512 and PLAINTEXT, an optional body hash, the parameters in the
//! `Authorization` header, the urlencoded body or the query.

use super::{Params, UrlParts};
use crate::request::spec::{BodySpec, RequestSpec};
use crate::request::text::Text;
use base64::Engine;

const OAUTH_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// RFC 3986 percent-encoding: everything but letters, digits and `-._~`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space); text that
/// does not decode stays as written.
fn decode_percent(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or(s)
}

/// Query pairs as `decodeForm` reads them: a name without `=` has no value.
fn decode_form(query: &str) -> Vec<(String, Option<String>)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_percent(k), Some(decode_percent(v))),
            None => (decode_percent(p), None),
        })
        .collect()
}

fn encode_pairs(pairs: &[(String, Option<String>)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", percent_encode(k), percent_encode(v)),
            None => percent_encode(k),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The signature base string: method, base URL and the sorted parameters.
pub fn base_string(method: &str, url: &UrlParts, params: &[(String, String)]) -> String {
    let drop_port = matches!(url.port.as_deref(), None | Some("80") | Some("443"));
    let host = if drop_port {
        url.hostname.to_lowercase()
    } else {
        url.host().to_lowercase()
    };
    let path = if url.path.is_empty() { "/" } else { &url.path };
    let base_url = format!("{}://{host}{path}", url.scheme);
    let mut all: Vec<(String, String)> = url
        .query
        .as_deref()
        .map(decode_form)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect();
    all.extend(params.iter().cloned());
    let mut sortable: Vec<(String, String, String)> = all
        .into_iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| {
            let (ek, ev) = (percent_encode(&k), percent_encode(&v));
            (format!("{ek} {ev}"), ek, ev)
        })
        .collect();
    sortable.sort_by(|a, b| a.0.cmp(&b.0));
    let normalized = sortable
        .iter()
        .map(|(_, k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        method,
        percent_encode(&base_url),
        percent_encode(&normalized)
    )
}

/// The signature of `base` by `method` (`HMAC-SHA1`, `RSA-SHA256`, `PLAINTEXT`, …).
pub fn signature(
    method: &str,
    base: &str,
    consumer_secret: &str,
    token_secret: &str,
    private_key: &str,
) -> Result<String, String> {
    use hmac::{Hmac, Mac};
    let key = format!(
        "{}&{}",
        percent_encode(consumer_secret),
        percent_encode(token_secret)
    );
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    macro_rules! hmac {
        ($d:ty) => {{
            let mut mac = Hmac::<$d>::new_from_slice(key.as_bytes()).expect("any key length");
            mac.update(base.as_bytes());
            Ok(b64(&mac.finalize().into_bytes()))
        }};
    }
    match method {
        "PLAINTEXT" => Ok(key),
        "HMAC-SHA1" => hmac!(sha1::Sha1),
        "HMAC-SHA256" => hmac!(sha2::Sha256),
        "HMAC-SHA512" => hmac!(sha2::Sha512),
        "RSA-SHA1" | "RSA-SHA256" | "RSA-SHA512" => {
            rsa_sign(&method[4..], private_key, base.as_bytes()).map(|s| b64(&s))
        }
        other => Err(format!("unsupported signature method '{other}'")),
    }
}

/// An RSASSA-PKCS1-v1_5 signature with a PEM key (PKCS#8 or PKCS#1).
pub(crate) fn rsa_sign(hash: &str, pem: &str, message: &[u8]) -> Result<Vec<u8>, String> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer};
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem.trim())
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(pem.trim()))
        .map_err(|e| format!("invalid RSA private key: {e}"))?;
    Ok(match hash.to_ascii_uppercase().as_str() {
        "SHA1" => rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(key)
            .sign(message)
            .to_vec(),
        "SHA256" => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key)
            .sign(message)
            .to_vec(),
        "SHA384" => rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new(key)
            .sign(message)
            .to_vec(),
        "SHA512" => rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(key)
            .sign(message)
            .to_vec(),
        other => return Err(format!("unsupported hash '{other}'")),
    })
}

/// The `Authorization: OAuth …` value: the realm, then each parameter with a value.
pub fn header(realm: &str, params: &[(String, String)], encode: bool) -> String {
    let enc = |s: &str| {
        if encode {
            percent_encode(s)
        } else {
            s.to_string()
        }
    };
    let mut parts = Vec::new();
    if !realm.trim().is_empty() {
        parts.push(format!("realm=\"{}\"", enc(realm)));
    }
    for (k, v) in params {
        if v.is_empty() || !k.starts_with("oauth_") {
            continue;
        }
        parts.push(format!("{}=\"{}\"", enc(k), enc(v.trim())));
    }
    format!("OAuth {}", parts.join(","))
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let method_name = p.get("signatureMethod");
    let (algo, hash) = match method_name.split_once('-') {
        Some((a, h)) => (a.to_ascii_uppercase(), h.to_string()),
        None => (method_name.to_ascii_uppercase(), String::new()),
    };
    let rsa = algo == "RSA";
    if p.get("consumerKey").is_empty()
        || (!rsa && p.get("consumerSecret").is_empty())
        || (rsa && p.get("privateKey").is_empty())
    {
        return Ok(());
    }
    let add_empty = p.flag("addEmptyParamsToSign");
    // Without `addEmptyParamsToSign`, blank parameters count as not given.
    let get = |k: &str| {
        let v = p.get(k);
        if !add_empty && v.trim().is_empty() {
            String::new()
        } else {
            v
        }
    };
    // newman removes the header by its exact name: an `authorization` the
    // request sets stays (and the signed header then takes its place).
    spec.headers.retain(|h| h.name.value() != "Authorization");
    let url = UrlParts::of(&spec.url.text.value());
    let query: Vec<(String, Option<String>)> = url
        .query
        .as_deref()
        .map(decode_form)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| !OAUTH_PARAMS.contains(&k.as_str()))
        .collect();
    let urlencoded = matches!(spec.body, BodySpec::UrlEncoded(_));
    if let BodySpec::UrlEncoded(pairs) = &mut spec.body {
        pairs.retain(|(k, _)| !OAUTH_PARAMS.contains(&k.value().as_str()));
    }
    let nonce = match get("nonce") {
        n if n.is_empty() => super::random_alphanumeric(11),
        n => n,
    };
    let timestamp = match get("timestamp") {
        t if t.is_empty() => super::now_seconds().to_string(),
        t => t,
    };
    let mut body_hash = String::new();
    if !urlencoded && p.flag("includeBodyHash") && !hash.is_empty() {
        if let Some(bytes) = super::body_bytes(spec) {
            body_hash = digest_base64(&hash, &bytes).unwrap_or_default();
        }
    }
    let mut signed: Vec<(String, String)> = vec![
        ("oauth_consumer_key".into(), get("consumerKey")),
        ("oauth_token".into(), get("token")),
        ("oauth_signature_method".into(), get("signatureMethod")),
        ("oauth_timestamp".into(), timestamp),
        ("oauth_nonce".into(), nonce),
        ("oauth_version".into(), get("version")),
    ];
    // Extensions are signed only when given, whatever `addEmptyParamsToSign` says.
    for (name, value) in [
        ("oauth_body_hash", body_hash),
        ("oauth_callback", get("callback")),
        ("oauth_verifier", get("verifier")),
    ] {
        if !value.is_empty() {
            signed.push((name.into(), value));
        }
    }
    signed.retain(|(_, v)| add_empty || !v.is_empty());

    let mut message = signed.clone();
    if let BodySpec::UrlEncoded(pairs) = &spec.body {
        message.extend(pairs.iter().map(|(k, v)| (k.value(), v.value())));
    }
    let signing_url = UrlParts {
        query: if query.is_empty() {
            None
        } else {
            Some(encode_pairs(&query))
        },
        ..url.clone()
    };
    let method = spec.method.value();
    let base = base_string(&method, &signing_url, &message);
    let sig = signature(
        &method_name,
        &base,
        &p.get("consumerSecret"),
        &p.get("tokenSecret"),
        &p.get("privateKey"),
    )?;
    signed.push(("oauth_signature".into(), sig));

    // Query parameters go out re-encoded as RFC 3986 says (as newman sends them).
    let mut query_text = if url.query.is_none() {
        None
    } else {
        Some(encode_pairs(&query)).filter(|q| !q.is_empty())
    };
    if p.flag("addParamsToHeader") {
        let value = header(&p.get("realm"), &signed, !p.flag("disableHeaderEncoding"));
        let own = spec
            .headers
            .iter_mut()
            .find(|h| h.name.value().eq_ignore_ascii_case("authorization"));
        match own {
            Some(h) => {
                h.name = Text::literal("Authorization");
                h.value = Text::literal(value);
                h.origin = super::HeaderOrigin::Auth;
            }
            None => super::add_header(spec, "Authorization", value),
        }
    } else if (method.contains("PUT") || method.contains("POST")) && urlencoded {
        if let BodySpec::UrlEncoded(pairs) = &mut spec.body {
            pairs.extend(
                signed
                    .iter()
                    .map(|(k, v)| (Text::literal(k), Text::literal(v))),
            );
        }
    } else {
        let added = signed
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        query_text = Some(match query_text {
            Some(q) => format!("{q}&{added}"),
            None => added,
        });
    }
    if query_text.as_deref() != url.query.as_deref() {
        super::set_query(spec, query_text.as_deref());
    }
    Ok(())
}

/// The base64 digest of `bytes` by a hash named as Node names it (`sha256`, `SHA1`, …).
pub(crate) fn digest_base64(hash: &str, bytes: &[u8]) -> Option<String> {
    use sha2::Digest;
    let digest = match hash.to_ascii_lowercase().as_str() {
        "sha1" => sha1::Sha1::digest(bytes).to_vec(),
        "sha256" => sha2::Sha256::digest(bytes).to_vec(),
        "sha384" => sha2::Sha384::digest(bytes).to_vec(),
        "sha512" => sha2::Sha512::digest(bytes).to_vec(),
        _ => return None,
    };
    Some(base64::engine::general_purpose::STANDARD.encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 5849 section 3.4.1.1's example: base string and HMAC-SHA1 signature.
    #[test]
    fn rfc5849_example() {
        let url = UrlParts::of("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        let params: Vec<(String, String)> = [
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
            ("c2", ""),
            ("a3", "2 q"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let base = base_string("POST", &url, &params);
        assert_eq!(
            base,
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q\
             %26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_\
             key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m\
             ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk\
             9d7dh3k39sjv7"
        );
    }

    /// RFC 5849 section 1.2's example (the photos request): signature value.
    #[test]
    fn rfc5849_photos_signature() {
        let url = UrlParts::of("http://photos.example.net/photos?file=vacation.jpg&size=original");
        let params: Vec<(String, String)> = [
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_token", "nnch734d00sl2jdk"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131202"),
            ("oauth_nonce", "chapoH"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let base = base_string("GET", &url, &params);
        let sig = signature(
            "HMAC-SHA1",
            &base,
            "kd94hf93k423kf44",
            "pfkkdhi9sl3r4s00",
            "",
        )
        .unwrap();
        assert_eq!(sig, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    #[test]
    fn plaintext_is_the_encoded_key() {
        assert_eq!(
            signature("PLAINTEXT", "ignored", "c s", "t&s", "").unwrap(),
            "c%20s&t%26s"
        );
    }

    #[test]
    fn header_skips_empty_values_and_encodes() {
        let params = vec![
            ("oauth_consumer_key".to_string(), "c k".to_string()),
            ("oauth_token".to_string(), String::new()),
        ];
        assert_eq!(
            header("Photos", &params, true),
            "OAuth realm=\"Photos\",oauth_consumer_key=\"c%20k\""
        );
    }
}
