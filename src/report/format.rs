//! How reports write values: sizes and durations as newman prints them, and
//! header values with credentials hidden.

use crate::output::{Masker, MASK};
use std::borrow::Cow;

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
    if !masker.is_off()
        && CREDENTIAL_HEADERS
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
}
