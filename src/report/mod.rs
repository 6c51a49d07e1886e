//! Reporters: they consume the runner's events as a stream.

pub mod cli;
pub mod json;
pub mod junit;
pub mod output;
pub mod progress;

use crate::runner::events::Event;
use output::{Masker, MASK};
use std::borrow::Cow;

pub use cli::{CliOptions, CliReporter};
pub use json::JsonReporter;
pub use junit::JunitReporter;
pub use progress::ProgressReporter;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write to the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Anything that turns a run's events into output.
pub trait Reporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ReportError>;
}

/// A byte count as newman prints it (`filesize` with no spacer, base 10):
/// `512B`, `1.2kB`, `3.45MB`.
pub(crate) fn filesize(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes}B");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    // Rounding can carry into the next unit (999_999 B is "1MB", not "1000kB").
    if (value * 100.0).round() / 100.0 >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{}{}", trim_decimals(value, 2), UNITS[unit])
}

/// A duration as newman prints it: `850µs`, `35ms` below two seconds, then
/// `2.3s`, `1m 5.2s`, `1h 2m 3s`.
pub(crate) fn pretty_ms(ms: f64, unicode: bool) -> String {
    let ms = if ms.is_finite() && ms > 0.0 { ms } else { 0.0 };
    if ms < 1.0 {
        let micro = if unicode { "µs" } else { "us" };
        return format!("{}{micro}", (ms * 1000.0) as u64);
    }
    if ms < 1998.0 {
        return format!("{}ms", ms as u64);
    }
    let total_s = ms / 1000.0;
    let hours = (total_s / 3600.0).floor();
    let minutes = ((total_s - hours * 3600.0) / 60.0).floor();
    let seconds = total_s - hours * 3600.0 - minutes * 60.0;
    let mut parts = Vec::new();
    if hours > 0.0 {
        parts.push(format!("{hours}h"));
    }
    if minutes > 0.0 {
        parts.push(format!("{minutes}m"));
    }
    // Truncated (not rounded) to one decimal, as pretty-ms does, so 59.99s never shows as 60s.
    let tenths = (seconds * 10.0).floor() / 10.0;
    if tenths > 0.0 || parts.is_empty() {
        parts.push(format!("{}s", trim_decimals(tenths, 1)));
    }
    parts.join(" ")
}

/// `value` with at most `places` decimals and no trailing zeros.
pub(crate) fn trim_decimals(value: f64, places: usize) -> String {
    let s = format!("{value:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Headers whose values are credentials: reports show the scheme and hide the rest.
const CREDENTIAL_HEADERS: [&str; 2] = ["authorization", "proxy-authorization"];

/// A header value as reports show it: credentials in `Authorization` and
/// `Proxy-Authorization` are replaced by the mask (the scheme stays visible, so
/// "Bearer ********" still tells which auth was used), then known secrets are masked.
pub(crate) fn shown_header<'a>(name: &str, value: &'a str, masker: &Masker) -> Cow<'a, str> {
    if CREDENTIAL_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name.trim()))
        && !value.trim().is_empty()
    {
        let value = value.trim();
        return match value.split_once(char::is_whitespace) {
            Some((scheme, rest)) if !rest.trim().is_empty() => {
                Cow::Owned(format!("{scheme} {MASK}"))
            }
            _ => Cow::Borrowed(MASK),
        };
    }
    masker.mask(value)
}

/// Masks secrets inside raw bytes: every valid UTF-8 run is masked as text and
/// invalid bytes are kept, so binary bodies keep their shape but never carry a
/// secret that appears in them as text.
pub(crate) fn mask_bytes<'a>(bytes: &'a [u8], masker: &Masker) -> Cow<'a, [u8]> {
    if masker.is_empty() {
        return Cow::Borrowed(bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return match masker.mask(text) {
            Cow::Borrowed(_) => Cow::Borrowed(bytes),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        };
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut changed = false;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        match masker.mask(valid) {
            Cow::Borrowed(s) => out.extend_from_slice(s.as_bytes()),
            Cow::Owned(s) => {
                changed = true;
                out.extend_from_slice(s.as_bytes());
            }
        }
        out.extend_from_slice(chunk.invalid());
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(bytes)
    }
}

/// Masks every string in a JSON value (keys too). With `numbers`, a number whose
/// text is a secret becomes the mask as well; computed fields (times, sizes,
/// counts) are masked without it so a coincidence cannot change their type.
pub(crate) fn mask_json(value: &mut serde_json::Value, masker: &Masker, numbers: bool) {
    use serde_json::Value;
    if masker.is_empty() {
        return;
    }
    match value {
        Value::String(s) => {
            if let Cow::Owned(m) = masker.mask(s) {
                *s = m;
            }
        }
        Value::Number(n) if numbers => {
            let text = n.to_string();
            if let Cow::Owned(m) = masker.mask(&text) {
                *value = Value::String(m);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_json(v, masker, numbers)),
        Value::Object(map) => {
            let needs_key_change = map.keys().any(|k| matches!(masker.mask(k), Cow::Owned(_)));
            if needs_key_change {
                let old = std::mem::take(map);
                for (k, v) in old {
                    map.insert(masker.mask(&k).into_owned(), v);
                }
            }
            map.values_mut().for_each(|v| mask_json(v, masker, numbers));
        }
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filesize_matches_newman() {
        assert_eq!(filesize(0), "0B");
        assert_eq!(filesize(999), "999B");
        assert_eq!(filesize(1000), "1kB");
        assert_eq!(filesize(1234), "1.23kB");
        assert_eq!(filesize(1200), "1.2kB");
        assert_eq!(filesize(999_999), "1MB");
        assert_eq!(filesize(5_430_000), "5.43MB");
        assert_eq!(filesize(u64::MAX), "18446.74PB");
    }

    #[test]
    fn pretty_ms_matches_newman() {
        assert_eq!(pretty_ms(0.0, true), "0µs");
        assert_eq!(pretty_ms(0.5, true), "500µs");
        assert_eq!(pretty_ms(0.5, false), "500us");
        assert_eq!(pretty_ms(35.7, true), "35ms");
        assert_eq!(pretty_ms(1997.0, true), "1997ms");
        assert_eq!(pretty_ms(2345.0, true), "2.3s");
        assert_eq!(pretty_ms(2000.0, true), "2s");
        assert_eq!(pretty_ms(65_200.0, true), "1m 5.2s");
        assert_eq!(pretty_ms(3_723_000.0, true), "1h 2m 3s");
        assert_eq!(pretty_ms(f64::NAN, true), "0µs");
        assert_eq!(pretty_ms(-3.0, true), "0µs");
    }

    #[test]
    fn credential_headers_keep_only_the_scheme() {
        let m = Masker::default();
        assert_eq!(
            shown_header("Authorization", "Bearer abc.def", &m),
            "Bearer ********"
        );
        assert_eq!(shown_header("proxy-authorization", "xyz", &m), "********");
        assert_eq!(shown_header("Accept", "*/*", &m), "*/*");
        assert_eq!(shown_header("Authorization", "", &m), "");
    }

    #[test]
    fn masks_secrets_inside_binary_bytes() {
        let m = Masker::new(vec!["s3cr3t".to_string()]);
        let mut body = vec![0xff, 0xfe];
        body.extend_from_slice(b"key=s3cr3t;");
        body.push(0xc3);
        let masked = mask_bytes(&body, &m);
        let mut expected = vec![0xff, 0xfe];
        expected.extend_from_slice(b"key=********;");
        expected.push(0xc3);
        assert_eq!(masked.as_ref(), expected.as_slice());
        assert!(matches!(mask_bytes(b"plain", &m), Cow::Borrowed(_)));
    }

    #[test]
    fn masks_json_strings_keys_and_optionally_numbers() {
        let m = Masker::new(vec!["hunter2".to_string(), "123456".to_string()]);
        let mut v = serde_json::json!({
            "hunter2": "pw is hunter2",
            "n": 123456,
            "list": ["x", {"deep": "hunter2"}]
        });
        let mut computed = v.clone();
        mask_json(&mut v, &m, true);
        assert_eq!(
            v,
            serde_json::json!({
                "********": "pw is ********",
                "n": "********",
                "list": ["x", {"deep": "********"}]
            })
        );
        mask_json(&mut computed, &m, false);
        assert_eq!(computed["n"], 123456);
    }
}
