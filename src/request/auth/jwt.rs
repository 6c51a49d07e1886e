//! JWT bearer auth as postman-runtime makes it (through `jose`): a token signed
//! with HS256/384/512, RS256/384/512 or PS256/384/512, sent in the
//! `Authorization` header or a query parameter.

use super::Params;
use crate::request::spec::RequestSpec;
use base64::Engine;
use serde_json::{Map, Value};

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The key a token is signed with.
pub enum Key<'a> {
    Secret(&'a [u8]),
    /// A PKCS#8 PEM private key.
    Pem(&'a str),
    Rsa(Box<rsa::RsaPrivateKey>),
}

/// `header.payload.signature`, each part base64url; the header gets `alg`.
pub fn token(
    algorithm: &str,
    header: Map<String, Value>,
    payload: &Value,
    key: Key<'_>,
) -> Result<String, String> {
    let mut header = header;
    header.insert("alg".into(), Value::String(algorithm.into()));
    let input = format!(
        "{}.{}",
        b64url(Value::Object(header).to_string().as_bytes()),
        b64url(payload.to_string().as_bytes())
    );
    let signature = sign_bytes(algorithm, key, input.as_bytes())?;
    Ok(format!("{input}.{}", b64url(&signature)))
}

fn sign_bytes(algorithm: &str, key: Key<'_>, data: &[u8]) -> Result<Vec<u8>, String> {
    use hmac::{Hmac, Mac};
    macro_rules! hmac {
        ($d:ty, $k:expr) => {{
            let mut m = Hmac::<$d>::new_from_slice($k).expect("any key length");
            m.update(data);
            Ok(m.finalize().into_bytes().to_vec())
        }};
    }
    macro_rules! rsa {
        ($scheme:ident, $d:ty, $k:expr) => {{
            use rsa::signature::{RandomizedSigner, SignatureEncoding};
            Ok(rsa::$scheme::SigningKey::<$d>::new($k)
                .sign_with_rng(&mut rand::thread_rng(), data)
                .to_vec())
        }};
    }
    let key = match key {
        Key::Secret(k) => {
            return match algorithm {
                "HS256" => hmac!(sha2::Sha256, k),
                "HS384" => hmac!(sha2::Sha384, k),
                "HS512" => hmac!(sha2::Sha512, k),
                other => Err(format!("unsupported algorithm '{other}'")),
            }
        }
        Key::Pem(pem) => rsa_key(pem)?,
        Key::Rsa(k) => *k,
    };
    match algorithm {
        "RS256" => rsa!(pkcs1v15, sha2::Sha256, key),
        "RS384" => rsa!(pkcs1v15, sha2::Sha384, key),
        "RS512" => rsa!(pkcs1v15, sha2::Sha512, key),
        "PS256" => rsa!(pss, sha2::Sha256, key),
        "PS384" => rsa!(pss, sha2::Sha384, key),
        "PS512" => rsa!(pss, sha2::Sha512, key),
        other => Err(format!("unsupported algorithm '{other}'")),
    }
}

/// A PKCS#8 RSA key, as `jose.importPKCS8` reads it.
fn rsa_key(pem: &str) -> Result<rsa::RsaPrivateKey, String> {
    use rsa::pkcs8::DecodePrivateKey;
    rsa::RsaPrivateKey::from_pkcs8_pem(pem.trim()).map_err(|e| format!("invalid private key: {e}"))
}

/// A JSON object parameter: blank is none, anything else must be an object.
pub(crate) fn json_object(text: &str, what: &str) -> Result<Map<String, Value>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(format!("the {what} is not a JSON object")),
        Err(e) => Err(format!("the {what} is not valid JSON: {e}")),
    }
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let algorithm = p.get("algorithm");
    const SUPPORTED: &[&str] = &[
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    ];
    if !SUPPORTED.contains(&algorithm.as_str()) {
        return Err("invalid algorithm".into());
    }
    let header = json_object(&p.get("header"), "header")?;
    let payload = Value::Object(json_object(&p.get("payload"), "payload")?);
    let secret_bytes;
    let private_key;
    let key = if algorithm.starts_with("HS") {
        let secret = p.get("secret");
        if secret.is_empty() {
            return Err("Invalid secret key. Enter a valid key.".into());
        }
        secret_bytes = if p.flag("isSecretBase64Encoded") {
            base64::engine::general_purpose::STANDARD
                .decode(secret.trim())
                .map_err(|e| format!("the secret is not base64: {e}"))?
        } else {
            secret.into_bytes()
        };
        Key::Secret(&secret_bytes)
    } else {
        private_key = p.get("privateKey");
        if private_key.is_empty() {
            return Err("Invalid private key. Enter a valid key.".into());
        }
        Key::Pem(&private_key)
    };
    let jwt = token(&algorithm, header, &payload, key)?;
    let to = Some(p.get("addTokenTo")).filter(|t| !t.is_empty());
    match to.as_deref().unwrap_or("header") {
        "header" => {
            super::remove_header(spec, "Authorization");
            let prefix = match p.raw("headerPrefix") {
                None => "Bearer ".to_string(),
                Some(s) if s.is_empty() => String::new(),
                Some(s) => format!("{s} "),
            };
            super::add_header(spec, "Authorization", format!("{prefix}{jwt}"));
        }
        "queryParam" => {
            let key = Some(p.get("queryParamKey")).filter(|k| !k.is_empty());
            let key = key.unwrap_or_else(|| "token".into());
            super::replace_query_param(spec, &key, &jwt);
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jwt.io's default example, secret "your-256-bit-secret".
    #[test]
    fn hs256_matches_a_known_token() {
        let header: Map<String, Value> =
            serde_json::from_str(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap();
        let payload: Value =
            serde_json::from_str(r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#)
                .unwrap();
        assert_eq!(
            token(
                "HS256",
                header,
                &payload,
                Key::Secret(b"your-256-bit-secret")
            )
            .unwrap(),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
             eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
             SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        );
    }

    #[test]
    fn a_payload_that_is_not_json_is_an_error() {
        assert!(json_object("{nope", "payload").is_err());
        assert!(json_object("[1]", "payload").is_err());
        assert!(json_object("  ", "payload").unwrap().is_empty());
    }
}
