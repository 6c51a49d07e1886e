//! Hawk (hapijs/hawk, header scheme 1) as postman-request computes it: a MAC
//! over time, nonce, method, resource, host, port and an optional payload hash.

use super::{Params, UrlParts};
use crate::request::spec::{HeaderOrigin, RequestSpec};
use base64::Engine;

/// What the MAC covers.
pub struct Artifacts<'a> {
    pub ts: &'a str,
    pub nonce: &'a str,
    pub method: &'a str,
    /// Path and query.
    pub resource: &'a str,
    pub host: &'a str,
    pub port: &'a str,
    pub hash: &'a str,
    pub ext: &'a str,
    pub app: &'a str,
    pub dlg: &'a str,
}

fn mac_bytes(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    use hmac::{Hmac, Mac};
    Some(match algorithm {
        "sha1" => {
            let mut m = Hmac::<sha1::Sha1>::new_from_slice(key).ok()?;
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        "sha256" => {
            let mut m = Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        _ => return None,
    })
}

/// The base64 MAC of the normalized `hawk.1.header` string.
pub fn mac(algorithm: &str, key: &str, a: &Artifacts<'_>) -> Option<String> {
    let mut normalized = format!(
        "hawk.1.header\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
        a.ts,
        a.nonce,
        a.method.to_uppercase(),
        a.resource,
        a.host.to_lowercase(),
        a.port,
        a.hash
    );
    // As postman-request escapes it: the first backslash and line break only.
    normalized.push_str(&a.ext.replacen('\\', "\\\\", 1).replacen('\n', "\\n", 1));
    normalized.push('\n');
    if !a.app.is_empty() {
        normalized.push_str(&format!("{}\n{}\n", a.app, a.dlg));
    }
    let bytes = mac_bytes(algorithm, key.as_bytes(), normalized.as_bytes())?;
    Some(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// The payload hash: `hawk.1.payload`, the content type's essence, the body.
pub fn payload_hash(algorithm: &str, content_type: &str, body: &[u8]) -> Option<String> {
    use sha2::Digest;
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let mut data = format!("hawk.1.payload\n{essence}\n").into_bytes();
    data.extend_from_slice(body);
    data.push(b'\n');
    let digest = match algorithm {
        "sha1" => sha1::Sha1::digest(&data).to_vec(),
        "sha256" => sha2::Sha256::digest(&data).to_vec(),
        _ => return None,
    };
    Some(base64::engine::general_purpose::STANDARD.encode(digest))
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let (id, key, algorithm) = (p.get("authId"), p.get("authKey"), p.get("algorithm"));
    if id.is_empty() || key.is_empty() {
        return Ok(());
    }
    super::remove_header(spec, "Authorization");
    let nonce = match p.get("nonce") {
        n if n.is_empty() => super::random_alphanumeric(6),
        n => n,
    };
    let ts = match p.get("timestamp").trim().parse::<i64>() {
        Ok(t) if t != 0 => t.to_string(),
        _ => super::now_seconds().to_string(),
    };
    let mut hash = String::new();
    if p.flag("includePayloadHash") {
        // The content type the request states itself: the body's own is added
        // after the auth, as in newman.
        let content_type = spec
            .headers
            .iter()
            .find(|h| {
                h.origin == HeaderOrigin::Written
                    && h.name.value().eq_ignore_ascii_case("content-type")
            })
            .map(|h| h.value.value())
            .unwrap_or_default();
        if let Some(body) = super::body_bytes(spec).filter(|b| !b.is_empty()) {
            hash = payload_hash(&algorithm, &content_type, &body).unwrap_or_default();
        }
    }
    let url = UrlParts::of(&spec.url.text.value());
    let resource = format!(
        "{}{}",
        if url.path.is_empty() { "/" } else { &url.path },
        url.query
            .as_deref()
            .filter(|q| !q.is_empty())
            .map(|q| format!("?{q}"))
            .unwrap_or_default()
    );
    let (ext, app, dlg) = (p.get("extraData"), p.get("app"), p.get("delegation"));
    let method = spec.method.value();
    let port = url.port_or_default();
    let artifacts = Artifacts {
        ts: &ts,
        nonce: &nonce,
        method: &method,
        resource: &resource,
        host: &url.hostname,
        port: &port,
        hash: &hash,
        ext: &ext,
        app: &app,
        dlg: &dlg,
    };
    // postman-request sends an empty header for an algorithm it does not know.
    let value = match mac(&algorithm, &key, &artifacts) {
        None => String::new(),
        Some(mac) => {
            let mut v = format!("Hawk id=\"{id}\", ts=\"{ts}\", nonce=\"{nonce}\"");
            if !hash.is_empty() {
                v.push_str(&format!(", hash=\"{hash}\""));
            }
            if !ext.is_empty() {
                let escaped = ext.replace('\\', "\\\\").replace('"', "\\\"");
                v.push_str(&format!(", ext=\"{escaped}\""));
            }
            v.push_str(&format!(", mac=\"{mac}\""));
            if !app.is_empty() {
                v.push_str(&format!(", app=\"{app}\""));
                if !dlg.is_empty() {
                    v.push_str(&format!(", dlg=\"{dlg}\""));
                }
            }
            v
        }
    };
    super::add_header(spec, "Authorization", value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of hawk's README: id dh37fgj492je, key werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn.
    #[test]
    fn hawk_readme_example() {
        let a = Artifacts {
            ts: "1353832234",
            nonce: "j4h3g2",
            method: "GET",
            resource: "/resource/1?b=1&a=2",
            host: "example.com",
            port: "8000",
            hash: "",
            ext: "some-app-ext-data",
            app: "",
            dlg: "",
        };
        assert_eq!(
            mac("sha256", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn", &a).unwrap(),
            "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="
        );
    }

    /// hawk's README payload example: `Thank you for flying Hawk`, text/plain.
    #[test]
    fn hawk_readme_payload_hash() {
        assert_eq!(
            payload_hash("sha256", "text/plain", b"Thank you for flying Hawk").unwrap(),
            "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY="
        );
    }
}
