//! ASAP (Atlassian service-to-service auth) as postman-runtime makes it: a JWT
//! with `iss`, `sub`, `aud`, `jti`, `iat`, `exp` and the key id, as a bearer token.

use super::jwt::{self, Key};
use super::Params;
use crate::request::spec::RequestSpec;
use base64::Engine;
use serde_json::Value;

/// The RSA key from PEM text (its line breaks removed, as newman reads it), or
/// from a `data:application/pkcs8;kid=…;base64,…` URI naming the same key id.
fn private_key(kid: &str, text: &str) -> Result<rsa::RsaPrivateKey, String> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    let text = text.replace('\n', "");
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(&text);
    let text = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| "Failed to parse private key.")?
        .into_owned();
    let der_b64 = if let Some(uri) = text.strip_prefix("data:application/pkcs8;kid=") {
        let (id, data) = uri
            .split_once(";base64,")
            .ok_or("Failed to parse private key.")?;
        if id != kid {
            return Err("Failed to parse private key.".into());
        }
        data.to_string()
    } else {
        let body = text
            .split("-----")
            .filter(|p| !p.is_empty() && !p.starts_with("BEGIN") && !p.starts_with("END"))
            .collect::<String>();
        body.split_whitespace().collect()
    };
    let der = base64::engine::general_purpose::STANDARD
        .decode(der_b64.trim())
        .map_err(|_| "Failed to parse private key.")?;
    rsa::RsaPrivateKey::from_pkcs8_der(&der)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_der(&der))
        .map_err(|_| "Failed to sign request with key.".to_string())
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let mut claims = jwt::json_object(&p.get("claims"), "claims")
        .map_err(|_| "Failed to parse claims".to_string())?;
    let claim = |claims: &serde_json::Map<String, Value>, k: &str| match claims.get(k) {
        Some(Value::String(s)) if !s.is_empty() => Some(Value::String(s.clone())),
        Some(Value::Null) | Some(Value::Bool(false)) | None => None,
        Some(Value::String(_)) => None,
        Some(v) => Some(v.clone()),
    };
    let param = |k: &str| Some(p.get(k)).filter(|v| !v.is_empty()).map(Value::String);
    let issuer = claim(&claims, "iss").or_else(|| param("iss"));
    let subject = claim(&claims, "sub")
        .or_else(|| param("sub"))
        .or_else(|| issuer.clone());
    let audience = claim(&claims, "aud").or_else(|| param("aud"));
    let jti =
        claim(&claims, "jti").unwrap_or_else(|| Value::String(crate::uuid_v4::new().to_string()));
    let now = super::now_seconds();
    let issued_at = claim(&claims, "iat").unwrap_or_else(|| Value::from(now));
    let int = |v: Option<Value>| {
        v.and_then(|v| match v {
            Value::Number(n) => n.as_f64().map(|f| f as i64),
            Value::String(s) => s.trim().parse::<f64>().ok().map(|f| f as i64),
            _ => None,
        })
        .filter(|n| *n != 0)
    };
    let expiry = int(param("exp")).unwrap_or(3600);
    let expires = int(claim(&claims, "exp")).unwrap_or(now + expiry);
    let kid = claim(&claims, "kid").or_else(|| param("kid"));
    let key_text = p.get("privateKey");
    let (Some(kid), Some(issuer), Some(audience)) = (kid, issuer, audience) else {
        return Err("One or more of required claims missing".into());
    };
    if key_text.is_empty() {
        return Err("One or more of required claims missing".into());
    }
    let alg = Some(p.get("alg")).filter(|a| !a.is_empty());
    let alg = alg.unwrap_or_else(|| "RS256".into());
    const SUPPORTED: &[&str] = &[
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    ];
    if !SUPPORTED.contains(&alg.as_str()) {
        return Err("invalid algorithm".into());
    }
    let kid_text = match &kid {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let key = private_key(&kid_text, &key_text)?;
    if alg.starts_with("ES") {
        // An RSA key cannot sign ES*, and postie reads no EC keys yet.
        return Err("Failed to sign request with key.".into());
    }
    for (k, v) in [
        ("iat", issued_at),
        ("iss", issuer),
        ("sub", subject.unwrap_or(Value::Null)),
        ("jti", jti),
        ("aud", audience),
        ("exp", Value::from(expires)),
    ] {
        claims.insert(k.into(), v);
    }
    let mut header = serde_json::Map::new();
    header.insert("alg".into(), Value::String(alg.clone()));
    header.insert("kid".into(), kid);
    let token = jwt::token(
        &alg,
        header,
        &Value::Object(claims),
        Key::Rsa(Box::new(key)),
    )
    .map_err(|_| "Failed to sign request with key.".to_string())?;
    super::remove_header(spec, "Authorization");
    super::add_header(spec, "Authorization", format!("Bearer {token}"));
    Ok(())
}
