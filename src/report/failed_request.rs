//! What a failed request looked like, for `--reporter-cli-show-failed-requests`
//! and the CI reporters: the response's status, its telling headers, the start of
//! its body, and a curl command that sends the same request again.
//!
//! The command is built from the request as it was sent (after the pre-request
//! scripts changed it), quoted by the exporter's shell quoting, one line for bash
//! or zsh. Credentials never appear in it: credential headers, query parameters
//! and JSON fields become `$VARIABLES` (named as `postie export --redact` names
//! them) and secret values are masked.

use super::shown_header;
use crate::export::quote::{Shell, Word};
use crate::export::{env_name, is_credential};
use crate::http::{HttpRequest, HttpResponse};
use crate::output::Masker;

/// Bytes of a response body shown for a failed request.
pub const BODY_LIMIT: usize = 1024;
/// Request bodies longer than this are left out of the curl command.
const COMMAND_BODY_LIMIT: usize = 4096;

/// Response headers that explain a failure (where a redirect went, why auth was
/// refused, when to retry, which request id to quote to the server's owners).
pub fn key_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "content-type" | "location" | "www-authenticate" | "retry-after" | "content-length"
    ) || n.contains("request-id")
        || n.contains("correlation-id")
        || n.contains("trace-id")
}

/// `404 Not Found, 120ms, 1.2kB`
pub fn status_line(resp: &HttpResponse, unicode: bool) -> String {
    let status = format!("{} {}", resp.code, resp.status);
    format!(
        "{}, {}, {}",
        status.trim_end(),
        super::pretty_ms(resp.time_ms as f64, unicode),
        super::filesize(resp.size() as u64)
    )
}

/// The key headers as `Name: value`, credentials hidden.
pub fn key_headers(resp: &HttpResponse, masker: &Masker) -> Vec<String> {
    resp.headers
        .iter()
        .filter(|(k, _)| key_header(k))
        .map(|(k, v)| format!("{k}: {}", shown_header(k, v, masker)))
        .collect()
}

/// The start of a body as text (masked), and whether it was cut; `None` for an
/// empty body. Binary bodies are described, not shown.
pub fn body_preview(body: &[u8], limit: usize, masker: &Masker) -> Option<(String, bool)> {
    if body.is_empty() {
        return None;
    }
    let masked = masker.mask_bytes(body);
    let text = match std::str::from_utf8(&masked) {
        Ok(t) if !t.contains('\0') => t,
        Err(e) if e.valid_up_to() >= limit && e.error_len().is_some() => {
            // Valid as far as it is shown: the cut falls before the bad bytes.
            std::str::from_utf8(&masked[..e.valid_up_to()]).unwrap_or_default()
        }
        _ => return Some((format!("({} bytes of binary data)", body.len()), false)),
    };
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some((text[..end].to_string(), end < masked.len()))
}

/// A one-line curl command (bash/zsh quoting) that sends `req` again, with
/// credentials replaced by `$VARIABLES`. The second value lists the variables to
/// set first.
pub fn curl_command(req: &HttpRequest, masker: &Masker) -> (String, Vec<String>) {
    let mut words: Vec<Word> = vec![Word::lit("curl")];
    let mut vars: Vec<String> = Vec::new();
    let mut var = |name: &str| -> String {
        let v = env_name(name);
        if !vars.contains(&v) {
            vars.push(v.clone());
        }
        v
    };
    let has_body = req.body.as_ref().is_some_and(|b| !b.is_empty());
    if req.method != "GET" || has_body {
        words.push(Word::lit("-X"));
        words.push(Word::lit(masker.mask(&req.method).into_owned()));
    }
    words.push(url_word(&req.url, masker, &mut var));
    for (name, value) in &req.headers {
        // curl writes these itself from the URL and the body; `Postman-Token` is a
        // new random id for every request.
        if name.eq_ignore_ascii_case("host")
            || name.eq_ignore_ascii_case("content-length")
            || name.eq_ignore_ascii_case("postman-token")
        {
            continue;
        }
        let mut w = Word::lit(format!("{}: ", masker.mask(name)));
        if is_credential(name) && !value.trim().is_empty() {
            // Keep the scheme visible ("Bearer $AUTHORIZATION"): it says which auth was used.
            let v = value.trim();
            if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("proxy-authorization")
            {
                if let Some((scheme, rest)) = v.split_once(char::is_whitespace) {
                    if !rest.trim().is_empty() {
                        w.push_lit(&format!("{scheme} "));
                    }
                }
            }
            w.push_var(&var(name));
        } else {
            w.push_lit(&masker.mask(value));
        }
        words.push(Word::lit("-H"));
        words.push(w);
    }
    if let Some(body) = req.body.as_deref().filter(|b| !b.is_empty()) {
        match std::str::from_utf8(body) {
            Ok(text) if text.len() <= COMMAND_BODY_LIMIT && !text.contains('\0') => {
                words.push(Word::lit("--data-binary"));
                words.push(body_word(text, masker, &mut var));
            }
            _ => {
                words.push(Word::lit("--data-binary"));
                words.push(Word::lit("@body"));
                vars.push(format!("body (a file with the {} bytes sent)", body.len()));
            }
        }
    }
    if !req.settings.strict_ssl {
        words.push(Word::lit("-k"));
    }
    let text = words
        .iter()
        .map(|w| w.quote(Shell::Bash))
        .collect::<Vec<_>>()
        .join(" ");
    (text, vars)
}

/// The URL with credential query parameters (`api_key=…`, `token=…`) as variables.
fn url_word(url: &str, masker: &Masker, var: &mut dyn FnMut(&str) -> String) -> Word {
    let url = masker.mask(url);
    let Some((base, rest)) = url.split_once('?') else {
        return Word::lit(url.into_owned());
    };
    let (query, fragment) = match rest.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (rest, None),
    };
    let mut w = Word::lit(format!("{base}?"));
    for (i, pair) in query.split('&').enumerate() {
        if i > 0 {
            w.push_lit("&");
        }
        match pair.split_once('=') {
            Some((k, v)) if is_credential(&percent_decoded(k)) && !v.is_empty() => {
                w.push_lit(&format!("{k}="));
                w.push_var(&var(&percent_decoded(k)));
            }
            _ => w.push_lit(pair),
        }
    }
    if let Some(f) = fragment {
        w.push_lit(&format!("#{f}"));
    }
    w
}

/// A body with the values of credential JSON fields (`"password": "…"`) as variables.
fn body_word(text: &str, masker: &Masker, var: &mut dyn FnMut(&str) -> String) -> Word {
    let secrets = crate::export::redact::json_secrets(text);
    let mut w = Word::default();
    let mut at = 0;
    for s in secrets {
        if s.range.start < at || s.range.end > text.len() {
            continue;
        }
        w.push_lit(&masker.mask(&text[at..s.range.start]));
        w.push_var(&var(&s.field));
        at = s.range.end;
    }
    w.push_lit(&masker.mask(&text[at..]));
    if w.0.is_empty() {
        w.push_lit("");
    }
    w
}

fn percent_decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> HttpRequest {
        HttpRequest {
            method: "POST".into(),
            url: "https://api.example.com/login?api_key=k-123&q=it's".into(),
            headers: vec![
                ("Host".into(), "api.example.com".into()),
                ("Authorization".into(), "Bearer abc.def".into()),
                ("X-Trace".into(), "s3cr3t-value".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: Some(br#"{"user":"ann","password":"pw-1\n"}"#.to_vec()),
            ..Default::default()
        }
    }

    #[test]
    fn curl_hides_credentials_and_quotes_everything() {
        let masker = Masker::new(vec!["s3cr3t-value".to_string()]);
        let (cmd, vars) = curl_command(&request(), &masker);
        assert_eq!(
            cmd,
            "curl -X POST 'https://api.example.com/login?api_key='\"${API_KEY}\"'&q=it'\\''s' \
             -H 'Authorization: Bearer '\"${AUTHORIZATION}\" -H 'X-Trace: ********' \
             -H 'Content-Type: application/json' \
             --data-binary '{\"user\":\"ann\",\"password\":\"'\"${PASSWORD}\"'\"}'"
        );
        assert_eq!(vars, vec!["API_KEY", "AUTHORIZATION", "PASSWORD"]);
        assert!(!cmd.contains("abc.def") && !cmd.contains("k-123") && !cmd.contains("pw-1"));
    }

    #[test]
    fn get_without_body_has_no_method_and_big_bodies_stay_out() {
        let mut r = request();
        r.method = "GET".into();
        r.body = None;
        r.settings.strict_ssl = true;
        r.url = "http://127.0.0.1:9/x".into();
        r.headers.clear();
        assert_eq!(
            curl_command(&r, &Masker::default()).0,
            "curl http://127.0.0.1:9/x"
        );
        r.body = Some(vec![b'a'; 10_000]);
        let (cmd, vars) = curl_command(&r, &Masker::default());
        assert!(cmd.ends_with("--data-binary @body"), "{cmd}");
        assert_eq!(vars, vec!["body (a file with the 10000 bytes sent)"]);
    }

    #[test]
    fn previews_cut_bodies_and_describe_binary_ones() {
        let m = Masker::default();
        assert_eq!(body_preview(b"", 10, &m), None);
        assert_eq!(
            body_preview(b"hello", 10, &m),
            Some(("hello".into(), false))
        );
        assert_eq!(
            body_preview("ééé".as_bytes(), 3, &m),
            Some(("é".into(), true))
        );
        assert_eq!(
            body_preview(&[0, 1, 2], 10, &m),
            Some(("(3 bytes of binary data)".into(), false))
        );
        let mut long = b"a".repeat(20);
        long.push(0xff);
        assert_eq!(body_preview(&long, 10, &m), Some(("a".repeat(10), true)));
    }

    #[test]
    fn key_headers_are_the_telling_ones() {
        assert!(key_header("Content-Type"));
        assert!(key_header("X-Request-Id"));
        assert!(key_header("WWW-Authenticate"));
        assert!(!key_header("Date"));
    }
}
