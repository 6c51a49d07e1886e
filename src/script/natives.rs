//! Host functions behind the sandbox libraries (`__native` in scripts).
//!
//! These are plain Rust functions; the script engine binds them to the
//! global `__native` object, converting bytes to and from lowercase hex.
//! The JS modules in `src/script/js/` (crypto-js, xml2js, tv4, ajv, uuid)
//! are written against them.

use aes::cipher::block_padding::{NoPadding, Pkcs7};
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit};
use hmac::{Hmac, Mac};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rand::RngCore;
use serde_json::{json, Map, Value};
use sha2::Digest;

/// Why a hash, HMAC, PBKDF2 or AES call failed; the script gets the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("unsupported hash algorithm: {0}")]
    UnknownHash(String),
    #[error("{0}")]
    HmacKey(String),
    #[error("pbkdf2: iterations must be at least 1")]
    NoIterations,
    #[error("pbkdf2: {0}")]
    Pbkdf2Key(String),
    #[error("pbkdf2: derived key too long")]
    KeyTooLong,
    /// The script's deadline ended the derivation.
    #[error("pbkdf2: {}", super::native_api::STOPPED)]
    Stopped,
    #[error("invalid AES key length: {0} bytes (expected 16, 24 or 32)")]
    AesKeyLength(usize),
    #[error("invalid AES iv length: {0} bytes (expected 16)")]
    AesIvLength(usize),
    #[error("data length {0} is not a multiple of the AES block size without padding")]
    Unpadded(usize),
    #[error("invalid ciphertext length")]
    CiphertextLength,
    #[error("invalid key or iv: {0}")]
    KeyOrIv(String),
    #[error("bad decrypt: invalid padding")]
    BadPadding,
    #[error("unsupported AES mode: {0}")]
    AesMode(String),
}

/// Why XML could not be read; the script (xml2js) gets the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("bad options: {0}")]
    Options(String),
    #[error("XML parse error at position {position}: {reason}")]
    Syntax { position: u64, reason: String },
    #[error("XML parse error at position {position}: elements nested deeper than {MAX_XML_DEPTH} levels")]
    TooDeep { position: u64 },
    #[error("XML parse error in <{element}>: {reason}")]
    Attribute { element: String, reason: String },
    #[error("XML parse error: unexpected close tag")]
    UnexpectedClose,
    #[error("XML parse error: unclosed tag <{0}>")]
    Unclosed(String),
    #[error("XML parse error: more than one root element")]
    SecondRoot,
    #[error("XML parse error: text data outside of root node")]
    TextOutsideRoot,
}

/// Why a schema validation could not run; the script (tv4, ajv) gets the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error("invalid schema JSON: {0}")]
    SchemaJson(String),
    #[error("invalid data JSON: {0}")]
    DataJson(String),
    #[error("invalid schema: {0}")]
    Schema(String),
}

/// Runs `$body` with `$h` bound to the hash type named by `$alg`.
macro_rules! with_hash {
    ($alg:expr, $h:ident => $body:expr) => {
        match $alg.to_ascii_lowercase().replace('-', "").as_str() {
            "md5" => {
                type $h = md5::Md5;
                $body
            }
            "sha1" => {
                type $h = sha1::Sha1;
                $body
            }
            "sha224" => {
                type $h = sha2::Sha224;
                $body
            }
            "sha256" => {
                type $h = sha2::Sha256;
                $body
            }
            "sha384" => {
                type $h = sha2::Sha384;
                $body
            }
            "sha512" => {
                type $h = sha2::Sha512;
                $body
            }
            other => Err(CryptoError::UnknownHash(other.to_string())),
        }
    };
}

/// Hashes `data` with `alg` (md5, sha1, sha224, sha256, sha384, sha512).
pub fn digest(alg: &str, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    with_hash!(alg, H => Ok(H::digest(data).to_vec()))
}

/// HMAC of `data` under `key` with hash `alg`.
pub fn hmac(alg: &str, key: &[u8], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    with_hash!(alg, H => {
        let mut mac = <Hmac<H> as Mac>::new_from_slice(key).map_err(|e| CryptoError::HmacKey(e.to_string()))?;
        mac.update(data);
        Ok(mac.finalize().into_bytes().to_vec())
    })
}

/// PBKDF2 with HMAC-`alg`, producing `key_len` bytes.
pub fn pbkdf2(
    alg: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    key_len: usize,
    stop: &dyn Fn() -> bool,
) -> Result<Vec<u8>, CryptoError> {
    if iterations == 0 {
        return Err(CryptoError::NoIterations);
    }
    with_hash!(alg, H => pbkdf2_with::<Hmac<H>>(password, salt, iterations, key_len, stop))
}

/// PBKDF2 (RFC 8018) block by block, asking `stop` now and then so a script's
/// deadline ends a long derivation.
fn pbkdf2_with<M>(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    key_len: usize,
    stop: &dyn Fn() -> bool,
) -> Result<Vec<u8>, CryptoError>
where
    M: Mac + KeyInit + Clone,
{
    let keyed = <M as KeyInit>::new_from_slice(password)
        .map_err(|e| CryptoError::Pbkdf2Key(e.to_string()))?;
    let mut out = Vec::with_capacity(key_len);
    let mut block = 1u32;
    let mut work = 0u32;
    while out.len() < key_len {
        let mut mac = keyed.clone();
        mac.update(salt);
        mac.update(&block.to_be_bytes());
        let mut u = mac.finalize().into_bytes();
        let mut t = u.clone();
        for _ in 1..iterations {
            work += 1;
            if work.is_multiple_of(4096) && stop() {
                return Err(CryptoError::Stopped);
            }
            let mut mac = keyed.clone();
            mac.update(&u);
            u = mac.finalize().into_bytes();
            t.iter_mut().zip(u.iter()).for_each(|(a, b)| *a ^= b);
        }
        let take = (key_len - out.len()).min(t.len());
        out.extend_from_slice(&t[..take]);
        block = block.checked_add(1).ok_or(CryptoError::KeyTooLong)?;
        work += 1;
        if work.is_multiple_of(4096) && stop() {
            return Err(CryptoError::Stopped);
        }
    }
    Ok(out)
}

/// AES in `mode` ("cbc" or "ecb"), key of 16, 24 or 32 bytes.
///
/// CBC needs a 16-byte `iv` (ignored for ECB). With `pkcs7` false the data
/// must be a whole number of 16-byte blocks.
pub fn aes(
    encrypt: bool,
    mode: &str,
    key: &[u8],
    iv: &[u8],
    data: &[u8],
    pkcs7: bool,
) -> Result<Vec<u8>, CryptoError> {
    match key.len() {
        16 => aes_with::<aes::Aes128>(encrypt, mode, key, iv, data, pkcs7),
        24 => aes_with::<aes::Aes192>(encrypt, mode, key, iv, data, pkcs7),
        32 => aes_with::<aes::Aes256>(encrypt, mode, key, iv, data, pkcs7),
        n => Err(CryptoError::AesKeyLength(n)),
    }
}

fn aes_with<C>(
    encrypt: bool,
    mode: &str,
    key: &[u8],
    iv: &[u8],
    data: &[u8],
    pkcs7: bool,
) -> Result<Vec<u8>, CryptoError>
where
    C: aes::cipher::BlockCipher
        + aes::cipher::BlockEncrypt
        + aes::cipher::BlockDecrypt
        + KeyInit
        + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>,
{
    if !pkcs7 && !data.len().is_multiple_of(16) {
        return Err(CryptoError::Unpadded(data.len()));
    }
    if !encrypt && !data.len().is_multiple_of(16) {
        return Err(CryptoError::CiphertextLength);
    }
    let bad_key = |e: aes::cipher::InvalidLength| CryptoError::KeyOrIv(e.to_string());
    let bad_pad = |_| CryptoError::BadPadding;
    match mode.to_ascii_lowercase().as_str() {
        "cbc" => {
            if iv.len() != 16 {
                return Err(CryptoError::AesIvLength(iv.len()));
            }
            if encrypt {
                let enc = cbc::Encryptor::<C>::new_from_slices(key, iv).map_err(bad_key)?;
                Ok(if pkcs7 {
                    enc.encrypt_padded_vec_mut::<Pkcs7>(data)
                } else {
                    enc.encrypt_padded_vec_mut::<NoPadding>(data)
                })
            } else {
                let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(bad_key)?;
                if pkcs7 {
                    dec.decrypt_padded_vec_mut::<Pkcs7>(data).map_err(bad_pad)
                } else {
                    dec.decrypt_padded_vec_mut::<NoPadding>(data)
                        .map_err(bad_pad)
                }
            }
        }
        "ecb" => {
            if encrypt {
                let enc = ecb::Encryptor::<C>::new_from_slice(key).map_err(bad_key)?;
                Ok(if pkcs7 {
                    enc.encrypt_padded_vec_mut::<Pkcs7>(data)
                } else {
                    enc.encrypt_padded_vec_mut::<NoPadding>(data)
                })
            } else {
                let dec = ecb::Decryptor::<C>::new_from_slice(key).map_err(bad_key)?;
                if pkcs7 {
                    dec.decrypt_padded_vec_mut::<Pkcs7>(data).map_err(bad_pad)
                } else {
                    dec.decrypt_padded_vec_mut::<NoPadding>(data)
                        .map_err(bad_pad)
                }
            }
        }
        other => Err(CryptoError::AesMode(other.to_string())),
    }
}

/// `n` cryptographically random bytes.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut out);
    out
}

/// Parses XML into a generic element tree, returned as JSON.
///
/// The result is the document's root element, where an element is
/// `{"name": "a:b", "attrs": {"k": "v", ...}, "children": [...]}` and each
/// child is an element object, a string (character data, entities decoded,
/// whitespace kept) or `{"cdata": "..."}` for a CDATA section. Attribute
/// order and document order are kept; comments, processing instructions,
/// the XML declaration and the doctype are dropped. A document with no root
/// element gives `null`. `options_json` is reserved (an object or empty).
/// How deep elements may nest: the tree is walked recursively afterwards (to
/// text, and by xml2js in the script), so depth must stay well within a stack.
pub const MAX_XML_DEPTH: usize = 512;

pub fn xml_to_json(xml: &str, options_json: &str) -> Result<String, XmlError> {
    if !options_json.trim().is_empty() {
        serde_json::from_str::<Value>(options_json)
            .map_err(|e| XmlError::Options(e.to_string()))?;
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Value> = Vec::new();
    let mut root: Option<Value> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| XmlError::Syntax {
            position: pos,
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(XmlError::TooDeep { position: pos });
                }
                stack.push(xml_element(&e)?)
            }
            Event::Empty(e) => {
                let el = xml_element(&e)?;
                xml_attach(&mut stack, &mut root, el)?;
            }
            Event::End(_) => {
                let el = stack.pop().ok_or(XmlError::UnexpectedClose)?;
                xml_attach(&mut stack, &mut root, el)?;
            }
            Event::Text(t) => {
                let text = match t.unescape_with(xml_entity) {
                    Ok(s) => s.into_owned(),
                    Err(_) => String::from_utf8_lossy(t.as_ref()).into_owned(),
                };
                xml_text(&mut stack, Value::String(text))?;
            }
            Event::CData(c) => {
                let text = String::from_utf8_lossy(c.as_ref()).into_owned();
                xml_text(&mut stack, json!({ "cdata": text }))?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        let name = open["name"].as_str().unwrap_or("");
        return Err(XmlError::Unclosed(name.to_string()));
    }
    Ok(root.unwrap_or(Value::Null).to_string())
}

fn xml_entity(name: &str) -> Option<&'static str> {
    if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
        return Some(s);
    }
    match name {
        "nbsp" => Some("\u{a0}"),
        "copy" => Some("\u{a9}"),
        "reg" => Some("\u{ae}"),
        _ => None,
    }
}

fn xml_element(e: &BytesStart<'_>) -> Result<Value, XmlError> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut attrs = Map::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| XmlError::Attribute {
            element: name.clone(),
            reason: err.to_string(),
        })?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = match attr.unescape_value_with(xml_entity) {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&attr.value).into_owned(),
        };
        attrs.insert(key, Value::String(value));
    }
    Ok(json!({ "name": name, "attrs": attrs, "children": [] }))
}

fn xml_attach(stack: &mut [Value], root: &mut Option<Value>, el: Value) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(children) = parent["children"].as_array_mut() {
                children.push(el);
            }
            Ok(())
        }
        None if root.is_none() => {
            *root = Some(el);
            Ok(())
        }
        None => Err(XmlError::SecondRoot),
    }
}

fn xml_text(stack: &mut [Value], text: Value) -> Result<(), XmlError> {
    let Some(parent) = stack.last_mut() else {
        let outside = text
            .as_str()
            .or_else(|| text["cdata"].as_str())
            .unwrap_or("");
        if outside.trim().is_empty() {
            return Ok(());
        }
        return Err(XmlError::TextOutsideRoot);
    };
    let Some(children) = parent["children"].as_array_mut() else {
        return Ok(());
    };
    // Merge adjacent plain text (split by comments or entity handling).
    if let (Value::String(add), Some(Value::String(prev))) = (&text, children.last_mut()) {
        prev.push_str(add);
        return Ok(());
    }
    children.push(text);
    Ok(())
}

/// Validates the JSON `data_json` against the JSON Schema `schema_json`.
///
/// The draft is taken from the schema's `$schema` (draft 4, 6, 7, 2019-09 or
/// 2020-12; 2020-12 when absent). Returns a JSON array of errors, empty when
/// valid. Each error is
/// `{"instancePath", "schemaPath", "keyword", "message", "params"}` where the
/// paths are JSON pointers (`""` for the root) and `params` follows Ajv's
/// naming (`type`, `missingProperty`, `additionalProperty`, `limit`, ...).
/// A schema that does not compile is an `Err`.
pub fn validate_schema(schema_json: &str, data_json: &str) -> Result<String, SchemaError> {
    let schema: Value =
        serde_json::from_str(schema_json).map_err(|e| SchemaError::SchemaJson(e.to_string()))?;
    let data: Value =
        serde_json::from_str(data_json).map_err(|e| SchemaError::DataJson(e.to_string()))?;
    let validator =
        jsonschema::validator_for(&schema).map_err(|e| SchemaError::Schema(e.to_string()))?;
    let mut out = Vec::new();
    for err in validator.iter_errors(&data) {
        let instance_path = err.instance_path().as_str().to_string();
        let schema_path = err.schema_path().as_str().to_string();
        let keyword = err.kind().keyword().to_string();
        let message = err.to_string();
        let base = |params: Value, instance_path: String, message: String| {
            json!({
                "instancePath": instance_path,
                "schemaPath": schema_path,
                "keyword": keyword,
                "message": message,
                "params": params,
            })
        };
        use jsonschema::error::{TypeKind, ValidationErrorKind as K};
        match err.kind() {
            // One entry per unexpected property, as Ajv reports them.
            K::AdditionalProperties { unexpected } => {
                for prop in unexpected {
                    out.push(base(
                        json!({ "additionalProperty": prop }),
                        instance_path.clone(),
                        format!("Additional property '{prop}' is not allowed"),
                    ));
                }
                continue;
            }
            kind => {
                let params = match kind {
                    K::Type { kind } => {
                        // Keep the order the schema lists the types in.
                        let listed = schema.pointer(&schema_path).and_then(Value::as_array);
                        let names: Vec<&str> = match (listed, kind) {
                            (Some(list), _) => list.iter().filter_map(Value::as_str).collect(),
                            (None, TypeKind::Single(t)) => vec![t.as_str()],
                            (None, TypeKind::Multiple(set)) => {
                                set.iter().map(|t| t.as_str()).collect()
                            }
                        };
                        json!({ "type": names.join(",") })
                    }
                    K::Required { property } => json!({ "missingProperty": property }),
                    K::Enum { options } => json!({ "allowedValues": options.as_ref() }),
                    K::Constant { expected_value } => {
                        json!({ "allowedValue": expected_value.as_ref() })
                    }
                    K::Minimum { limit } => json!({ "comparison": ">=", "limit": limit }),
                    K::Maximum { limit } => json!({ "comparison": "<=", "limit": limit }),
                    K::ExclusiveMinimum { limit } => json!({ "comparison": ">", "limit": limit }),
                    K::ExclusiveMaximum { limit } => json!({ "comparison": "<", "limit": limit }),
                    K::MinLength { limit }
                    | K::MaxLength { limit }
                    | K::MinItems { limit }
                    | K::MaxItems { limit }
                    | K::MinProperties { limit }
                    | K::MaxProperties { limit } => json!({ "limit": limit }),
                    K::AdditionalItems { limit } => json!({ "limit": limit }),
                    K::Pattern { pattern } => json!({ "pattern": pattern }),
                    K::Format { format } => json!({ "format": format }),
                    K::MultipleOf { multiple_of } => json!({ "multipleOf": multiple_of }),
                    K::OneOfMultipleValid { context } => {
                        let passing: Vec<usize> = context
                            .iter()
                            .enumerate()
                            .filter(|(_, errs)| errs.is_empty())
                            .map(|(i, _)| i)
                            .take(2)
                            .collect();
                        json!({ "passingSchemas": passing })
                    }
                    K::OneOfNotValid { .. } => json!({ "passingSchemas": null }),
                    K::PropertyNames { error } => {
                        json!({ "propertyName": error.instance().as_ref() })
                    }
                    K::UniqueItems => match duplicate_pair(err.instance()) {
                        Some((first, second)) => json!({ "i": second, "j": first }),
                        None => json!({}),
                    },
                    _ => json!({}),
                };
                out.push(base(params, instance_path, message));
            }
        }
    }
    Ok(Value::Array(out).to_string())
}

/// Indices `(earlier, later)` of the first repeated item of an array.
fn duplicate_pair(value: &Value) -> Option<(usize, usize)> {
    let items = value.as_array()?;
    (1..items.len()).find_map(|later| {
        (0..later)
            .find(|&earlier| items[earlier] == items[later])
            .map(|earlier| (earlier, later))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(b: &[u8]) -> String {
        hex::encode(b)
    }

    #[test]
    fn digests_match_known_vectors() {
        assert_eq!(
            h(&digest("md5", b"abc").unwrap()),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            h(&digest("sha1", b"abc").unwrap()),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            h(&digest("sha224", b"abc").unwrap()),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"
        );
        assert_eq!(
            h(&digest("SHA256", b"abc").unwrap()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            h(&digest("sha384", b"abc").unwrap()),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
             8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            h(&digest("sha512", b"abc").unwrap()),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        assert_eq!(
            h(&digest("sha256", b"").unwrap()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(digest("sha3", b"abc").is_err());
    }

    #[test]
    fn hmac_matches_rfc4231_and_rfc2202() {
        // RFC 4231 test case 2.
        assert_eq!(
            h(&hmac("sha256", b"Jefe", b"what do ya want for nothing?").unwrap()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            h(&hmac("sha512", b"Jefe", b"what do ya want for nothing?").unwrap()),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
        // RFC 2202.
        assert_eq!(
            h(&hmac("md5", b"Jefe", b"what do ya want for nothing?").unwrap()),
            "750c783e6ab0b503eaa86e310a5db738"
        );
        assert_eq!(
            h(&hmac("sha1", b"Jefe", b"what do ya want for nothing?").unwrap()),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert!(hmac("nope", b"k", b"d").is_err());
    }

    #[test]
    fn pbkdf2_matches_rfc6070() {
        assert_eq!(
            h(&pbkdf2("sha1", b"password", b"salt", 1, 20, &|| false).unwrap()),
            "0c60c80f961f0e71f3a9b524af6012062fe037a6"
        );
        assert_eq!(
            h(&pbkdf2("sha1", b"password", b"salt", 4096, 20, &|| false).unwrap()),
            "4b007901b765489abead49d926f721d065a429c1"
        );
        assert_eq!(
            h(&pbkdf2("sha256", b"password", b"salt", 1, 32, &|| false).unwrap()),
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
        );
        assert!(pbkdf2("sha1", b"p", b"s", 0, 16, &|| false).is_err());
        assert!(pbkdf2("sha1", b"p", b"s", 1_000_000, 16, &|| true).is_err());
        assert_eq!(
            pbkdf2("sha1", b"p", b"s", 2, 45, &|| false).unwrap().len(),
            45
        );
    }

    #[test]
    fn aes_matches_fips197_and_sp800_38a() {
        // FIPS-197 appendix C.1, single block ECB without padding.
        let key = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
        let pt = hex::decode("00112233445566778899aabbccddeeff").unwrap();
        let ct = aes(true, "ecb", &key, &[], &pt, false).unwrap();
        assert_eq!(h(&ct), "69c4e0d86a7b0430d8cdb78070b4c55a");
        assert_eq!(aes(false, "ecb", &key, &[], &ct, false).unwrap(), pt);

        // SP 800-38A F.2.1 CBC-AES128 first block.
        let key = hex::decode("2b7e151628aed2a6abf7158809cf4f3c").unwrap();
        let iv = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
        let pt = hex::decode("6bc1bee22e409f96e93d7e117393172a").unwrap();
        let ct = aes(true, "cbc", &key, &iv, &pt, false).unwrap();
        assert_eq!(h(&ct), "7649abac8119b246cee98e9b12e9197d");

        // AES-256 ECB (FIPS-197 C.3).
        let key = hex::decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
            .unwrap();
        let pt = hex::decode("00112233445566778899aabbccddeeff").unwrap();
        let ct = aes(true, "ecb", &key, &[], &pt, false).unwrap();
        assert_eq!(h(&ct), "8ea2b7ca516745bfeafc49904b496089");
    }

    #[test]
    fn aes_pkcs7_round_trip_and_errors() {
        let key = [7u8; 24];
        let iv = [9u8; 16];
        let ct = aes(true, "cbc", &key, &iv, b"hello world", true).unwrap();
        assert_eq!(ct.len(), 16);
        assert_eq!(
            aes(false, "CBC", &key, &iv, &ct, true).unwrap(),
            b"hello world"
        );
        assert_eq!(aes(true, "ecb", &key, &iv, b"", true).unwrap().len(), 16);
        assert!(aes(true, "cbc", &[0u8; 10], &iv, b"x", true).is_err());
        assert!(aes(true, "cbc", &key, &[0u8; 8], b"x", true).is_err());
        assert!(aes(true, "ecb", &key, &[], b"not a block", false).is_err());
        assert!(aes(true, "ctr", &key, &iv, b"x", true).is_err());
        // Wrong key: the padding check fails (almost surely).
        let bad = aes(false, "cbc", &[8u8; 24], &iv, &ct, true);
        if let Ok(v) = bad {
            assert_ne!(v, b"hello world");
        }
        assert!(aes(false, "cbc", &key, &iv, &ct[..10], true).is_err());
    }

    #[test]
    fn random_bytes_has_length_and_varies() {
        assert_eq!(random_bytes(0).len(), 0);
        let a = random_bytes(32);
        let b = random_bytes(32);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn xml_tree_shape() {
        let xml = r#"<?xml version="1.0"?>
<!-- c -->
<root a="1" b="x &amp; y"><item id="7">one &lt; two</item><empty/>tail<![CDATA[<raw>]]></root>
"#;
        let out: Value = serde_json::from_str(&xml_to_json(xml, "{}").unwrap()).unwrap();
        assert_eq!(
            out,
            json!({
                "name": "root",
                "attrs": {"a": "1", "b": "x & y"},
                "children": [
                    {"name": "item", "attrs": {"id": "7"}, "children": ["one < two"]},
                    {"name": "empty", "attrs": {}, "children": []},
                    "tail",
                    {"cdata": "<raw>"}
                ]
            })
        );
        // Attribute order is kept.
        let out = xml_to_json(r#"<a z="1" y="2" x="3"/>"#, "").unwrap();
        assert_eq!(
            out,
            r#"{"name":"a","attrs":{"z":"1","y":"2","x":"3"},"children":[]}"#
        );
        // Namespaced names are kept as written; whitespace text is kept.
        let out: Value = serde_json::from_str(
            &xml_to_json("<s:E xmlns:s=\"u\">\n <s:B>1</s:B>\n</s:E>", "").unwrap(),
        )
        .unwrap();
        assert_eq!(out["name"], "s:E");
        assert_eq!(out["children"][0], "\n ");
        assert_eq!(out["children"][1]["name"], "s:B");
        assert_eq!(xml_to_json("  ", "").unwrap(), "null");
    }

    #[test]
    fn xml_errors() {
        assert!(xml_to_json("<a><b></a>", "").is_err());
        assert!(xml_to_json("<a>", "").is_err());
        assert!(xml_to_json("<a/><b/>", "").is_err());
        assert!(xml_to_json("text<a/>", "").is_err());
        assert!(xml_to_json("<a/>", "{bad").is_err());
    }

    #[test]
    fn schema_validation_errors() {
        let schema = r#"{
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "required": ["id", "name"],
            "additionalProperties": false,
            "properties": {
                "id": {"type": "integer", "minimum": 1},
                "name": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}}
            }
        }"#;
        assert_eq!(
            validate_schema(schema, r#"{"id": 3, "name": "x", "tags": ["a"]}"#).unwrap(),
            "[]"
        );
        let errs: Value = serde_json::from_str(
            &validate_schema(schema, r#"{"id": 0, "tags": ["a", 2], "extra": true}"#).unwrap(),
        )
        .unwrap();
        let errs = errs.as_array().unwrap();
        let find = |kw: &str| {
            errs.iter()
                .find(|e| e["keyword"] == kw)
                .unwrap_or_else(|| panic!("no {kw} error in {errs:?}"))
        };
        assert_eq!(find("required")["params"]["missingProperty"], "name");
        assert_eq!(find("required")["instancePath"], "");
        assert_eq!(find("minimum")["instancePath"], "/id");
        assert_eq!(find("minimum")["schemaPath"], "/properties/id/minimum");
        assert_eq!(find("minimum")["params"]["limit"], 1);
        assert_eq!(find("type")["instancePath"], "/tags/1");
        assert_eq!(find("type")["params"]["type"], "string");
        assert_eq!(
            find("additionalProperties")["params"]["additionalProperty"],
            "extra"
        );
        assert!(find("type")["message"].as_str().unwrap().contains("string"));
        assert_eq!(errs.len(), 4);
    }

    #[test]
    fn schema_validation_drafts_and_bad_input() {
        // Draft 4 boolean exclusiveMaximum.
        let d4 = r#"{"$schema": "http://json-schema.org/draft-04/schema#",
                     "type": "number", "maximum": 5, "exclusiveMaximum": true}"#;
        assert_eq!(validate_schema(d4, "4").unwrap(), "[]");
        assert_ne!(validate_schema(d4, "5").unwrap(), "[]");
        let multi = r#"{"type": ["string", "null"]}"#;
        let errs: Value = serde_json::from_str(&validate_schema(multi, "1").unwrap()).unwrap();
        assert_eq!(errs[0]["params"]["type"], "string,null");
        let one_of = r#"{"oneOf": [{"type": "integer"}, {"minimum": 0}, {"type": "string"}]}"#;
        let errs: Value = serde_json::from_str(&validate_schema(one_of, "3").unwrap()).unwrap();
        assert_eq!(errs[0]["keyword"], "oneOf");
        assert_eq!(errs[0]["params"]["passingSchemas"], json!([0, 1]));
        let errs: Value = serde_json::from_str(&validate_schema(one_of, "null").unwrap()).unwrap();
        assert_eq!(errs[0]["params"]["passingSchemas"], Value::Null);
        let unique = r#"{"uniqueItems": true}"#;
        let errs: Value =
            serde_json::from_str(&validate_schema(unique, r#"[1, "a", 2, "a"]"#).unwrap()).unwrap();
        assert_eq!(errs[0]["params"], json!({"i": 3, "j": 1}));
        let names = r#"{"propertyNames": {"pattern": "^a"}}"#;
        let errs: Value =
            serde_json::from_str(&validate_schema(names, r#"{"ab": 1, "b": 2}"#).unwrap()).unwrap();
        assert_eq!(errs[0]["keyword"], "propertyNames");
        assert_eq!(errs[0]["params"]["propertyName"], "b");
        assert!(validate_schema("{", "1").is_err());
        assert!(validate_schema("{}", "nope").is_err());
        assert!(validate_schema(r#"{"type": 12}"#, "1").is_err());
    }
}
