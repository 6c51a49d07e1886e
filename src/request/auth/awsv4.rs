//! AWS Signature Version 4 as postman-runtime signs it (through the `aws4`
//! package): in the headers (`Authorization`, `X-Amz-Date`, a body hash) or in
//! the query (`X-Amz-Signature`, …).

use super::{Params, UrlParts};
use crate::request::spec::{HeaderOrigin, RequestSpec};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Headers `aws4` leaves out of the signature.
const IGNORED: &[&str] = &[
    "authorization",
    "connection",
    "x-amzn-trace-id",
    "user-agent",
    "expect",
    "presigned-expires",
    "range",
];

/// The query parameters the auth writes (and so removes first).
const QUERY_PARAMS: &[&str] = &[
    "X-Amz-Security-Token",
    "X-Amz-Date",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
];

/// RFC 3986 percent-encoding (`encodeURIComponent` and `!'()*`).
fn pct(s: &str) -> String {
    super::oauth1::percent_encode(s)
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    m.update(data.as_bytes());
    m.finalize().into_bytes().to_vec()
}

/// What a signature covers, as `aws4` is given it.
pub struct Request<'a> {
    pub method: &'a str,
    /// Path as sent, `/` when empty.
    pub path: &'a str,
    /// Query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Lower-case names, in order.
    pub headers: Vec<(String, String)>,
    pub body_hash: &'a str,
    pub service: &'a str,
}

/// The canonical request and the names of the signed headers.
pub fn canonical(r: &Request<'_>) -> (String, String) {
    let s3 = r.service == "s3";
    let mut keys: Vec<String> = Vec::new();
    let mut values: Vec<Vec<String>> = Vec::new();
    for (k, v) in &r.query {
        if k.is_empty() {
            continue;
        }
        let k = pct(k);
        match keys.iter().position(|x| *x == k) {
            Some(i) => values[i].push(v.clone()),
            None => {
                keys.push(k);
                values.push(vec![v.clone()]);
            }
        }
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut pieces = Vec::new();
    for i in order {
        if s3 || values[i].len() == 1 {
            pieces.push(format!("{}={}", keys[i], pct(&values[i][0])));
        } else {
            let mut vs: Vec<String> = values[i].iter().map(|v| pct(v)).collect();
            vs.sort();
            pieces.extend(vs.into_iter().map(|v| format!("{}={v}", keys[i])));
        }
    }
    let mut path = r.path.to_string();
    if path != "/" {
        if !s3 {
            while path.contains("//") {
                path = path.replace("//", "/");
            }
        }
        let mut out: Vec<String> = Vec::new();
        for piece in path.split('/') {
            if !s3 && piece == ".." {
                out.pop();
            } else if s3 || piece != "." {
                let piece = if s3 {
                    percent_encoding::percent_decode_str(&piece.replace('+', " "))
                        .decode_utf8_lossy()
                        .into_owned()
                } else {
                    piece.to_string()
                };
                out.push(pct(&piece));
            }
        }
        path = out.join("/");
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if s3 {
            path = path.replace("%2F", "/");
        }
    }
    let mut headers: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(k, _)| !IGNORED.contains(&k.as_str()))
        .cloned()
        .collect();
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: Vec<String> = headers
        .iter()
        .map(|(k, v)| {
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            format!("{k}:{v}")
        })
        .collect();
    let signed = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let text = [
        r.method.to_string(),
        path,
        pieces.join("&"),
        canonical_headers.join("\n") + "\n",
        signed.clone(),
        r.body_hash.to_string(),
    ]
    .join("\n");
    (text, signed)
}

/// The hex signature of a canonical request, at `datetime` (`YYYYMMDDTHHMMSSZ`).
pub fn signature(
    secret: &str,
    datetime: &str,
    region: &str,
    service: &str,
    canonical: &str,
) -> String {
    let date = &datetime[..8.min(datetime.len())];
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date);
    let k_region = hmac(&k_date, region);
    let k_service = hmac(&k_region, service);
    let k_signing = hmac(&k_service, "aws4_request");
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{datetime}\n{date}/{region}/{service}/aws4_request\n{}",
        hex_sha256(canonical.as_bytes())
    );
    hex::encode(hmac(&k_signing, &to_sign))
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let service = Some(p.get("service")).filter(|s| !s.is_empty());
    let service = service.unwrap_or_else(|| "execute-api".into());
    let region = Some(p.get("region")).filter(|s| !s.is_empty());
    let region = region.unwrap_or_else(|| "us-east-1".into());
    let (access, secret, token) = (
        p.get("accessKey"),
        p.get("secretKey"),
        p.get("sessionToken"),
    );
    let in_query = p.flag("addAuthDataToQuery");
    let s3 = service == "s3";

    for h in [
        "Authorization",
        "X-Amz-Date",
        "X-Amz-Security-Token",
        "X-Amz-Content-Sha256",
    ] {
        super::remove_header(spec, h);
    }
    let url = UrlParts::of(&spec.url.text.value());
    let kept: Vec<&str> = url
        .query
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .filter(|part| {
            let k = part.split('=').next().unwrap_or_default();
            !part.is_empty() && !QUERY_PARAMS.contains(&decode(k).as_str())
        })
        .collect();
    let kept_query = kept.join("&");
    let mut query: Vec<(String, String)> = kept
        .iter()
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(part), String::new()),
        })
        .collect();

    let mut headers: Vec<(String, String)> = Vec::new();
    let set = |headers: &mut Vec<(String, String)>, k: &str, v: String| {
        let lower = k.to_ascii_lowercase();
        match headers.iter_mut().find(|(n, _)| *n == lower) {
            Some(h) => h.1 = v,
            None => headers.push((lower, v)),
        }
    };
    for h in spec
        .headers
        .iter()
        .filter(|h| h.origin == HeaderOrigin::Written)
    {
        set(&mut headers, &h.name.value(), h.value.value());
    }
    let mut added: Vec<(&str, String)> = Vec::new();
    let mut body_hash = String::new();
    if !in_query {
        if let Some(bytes) = super::body_bytes(spec).filter(|b| !b.is_empty()) {
            body_hash = hex_sha256(&bytes);
            added.push(("X-Amz-Content-Sha256", body_hash.clone()));
        }
    }
    if !headers.iter().any(|(k, _)| k == "host") {
        added.push(("Host", url.host().to_lowercase()));
    }
    let datetime = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let credential = format!(
        "{access}/{}/{region}/{service}/aws4_request",
        &datetime[..8]
    );
    let mut query_added: Vec<(&str, String)> = Vec::new();
    if in_query {
        if !token.is_empty() {
            query_added.push(("X-Amz-Security-Token", token.clone()));
        }
        if s3 && !query.iter().any(|(k, _)| k == "X-Amz-Expires") {
            query_added.push(("X-Amz-Expires", "86400".into()));
        }
        query_added.push(("X-Amz-Date", datetime.clone()));
        query_added.push(("X-Amz-Algorithm", "AWS4-HMAC-SHA256".into()));
        query_added.push(("X-Amz-Credential", credential.clone()));
    } else {
        if !token.is_empty() {
            added.push(("X-Amz-Security-Token", token.clone()));
        }
        if s3 && body_hash.is_empty() {
            body_hash = hex_sha256(b"");
            added.push(("X-Amz-Content-Sha256", body_hash.clone()));
        }
        added.push(("X-Amz-Date", datetime.clone()));
    }
    for (k, v) in &added {
        set(&mut headers, k, v.clone());
    }
    let signed_names: Vec<&str> = {
        let mut names: Vec<&str> = headers
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !IGNORED.contains(k))
            .collect();
        names.sort();
        names
    };
    if in_query {
        query_added.push(("X-Amz-SignedHeaders", signed_names.join(";")));
        query.extend(query_added.iter().map(|(k, v)| (k.to_string(), v.clone())));
    }
    let body_hash = if in_query && s3 {
        "UNSIGNED-PAYLOAD".to_string()
    } else if body_hash.is_empty() {
        hex_sha256(b"")
    } else {
        body_hash
    };
    let path = if url.path.is_empty() { "/" } else { &url.path };
    let method = spec.method.value();
    let (canonical, signed) = canonical(&Request {
        method: &method,
        path,
        query,
        headers,
        body_hash: &body_hash,
        service: &service,
    });
    let sig = signature(&secret, &datetime, &region, &service, &canonical);

    for (k, v) in added {
        super::upsert_header(spec, k, v);
    }
    if in_query {
        query_added.push(("X-Amz-Signature", sig));
        let mut q = kept_query;
        for (k, v) in query_added {
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str(&format!("{k}={}", pct(&v)));
        }
        super::set_query(spec, Some(&q));
    } else {
        if url.query.as_deref().is_some_and(|q| q != kept_query) {
            super::set_query(
                spec,
                Some(&kept_query)
                    .filter(|q| !q.is_empty())
                    .map(|q| q.as_str()),
            );
        }
        super::add_header(
            spec,
            "Authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders={signed}, Signature={sig}"
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AWS SigV4 test suite's `get-vanilla-query-order-key-case`.
    #[test]
    fn aws_test_suite_get_vanilla_query_order() {
        let r = Request {
            method: "GET",
            path: "/",
            query: vec![
                ("Param2".into(), "value2".into()),
                ("Param1".into(), "value1".into()),
            ],
            headers: vec![
                ("host".into(), "example.amazonaws.com".into()),
                ("x-amz-date".into(), "20150830T123600Z".into()),
            ],
            body_hash: &hex_sha256(b""),
            service: "service",
        };
        let (c, signed) = canonical(&r);
        assert_eq!(signed, "host;x-amz-date");
        assert_eq!(
            c,
            "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n\
             x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            signature(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "20150830T123600Z",
                "us-east-1",
                "service",
                &c
            ),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        );
    }

    /// The suite's `get-vanilla`: no query at all.
    #[test]
    fn aws_test_suite_get_vanilla() {
        let r = Request {
            method: "GET",
            path: "/",
            query: Vec::new(),
            headers: vec![
                ("host".into(), "example.amazonaws.com".into()),
                ("x-amz-date".into(), "20150830T123600Z".into()),
            ],
            body_hash: &hex_sha256(b""),
            service: "service",
        };
        let (c, _) = canonical(&r);
        assert_eq!(
            signature(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "20150830T123600Z",
                "us-east-1",
                "service",
                &c
            ),
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }
}
