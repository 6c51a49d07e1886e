//! URL building: a request's URL (raw text, or the structured JSON form when the
//! input starts with `{`) with NUL-separated `name=value` variables, resolved
//! and encoded as it is sent, then parsed as the client parses it (IDNA and all).
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::Url;
use postie::request::url::{build_url, encode, parse};
use postie::vars::{parse_assignment, Scopes};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let parts = postie_fuzz::parts(data, 8);
    let (first, assignments) = parts.split_first().expect("splitn yields one part");
    let mut scopes = Scopes::default();
    for a in assignments {
        if let Some((k, v)) = parse_assignment(a) {
            scopes.environment.set(&k, Value::String(v));
        }
    }
    let url: Url = if first.starts_with('{') {
        match serde_json::from_str(first) {
            Ok(u) => u,
            Err(_) => return,
        }
    } else {
        Url::parse(&postie_fuzz::ascii_url(first))
    };
    let _ = url.to_raw();
    let sent = build_url(&url, &scopes, true).text.value();
    if let Ok(parsed) = parse(&sent) {
        let _ = parsed.as_str();
    }
    for set in [&b" \"#<>?`{}"[..], b" \"#'<>&=+"] {
        let encoded = encode(&sent, set);
        assert!(encoded.is_ascii(), "encoded text is ASCII: {encoded:?}");
        assert_eq!(encode(&encoded, set), encoded, "encoding is idempotent");
    }
});
