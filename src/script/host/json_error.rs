//! `P.host.jsonError`: why a body is not JSON, in Postman's words
//! (`pm.response.json()` on text that is not JSON).

use rquickjs::{Ctx, Function, Object};

pub(super) fn install<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set(
        "jsonError",
        Function::new(ctx.clone(), |text: String| json_error_message(&text))?,
    )
}

/// The message postman-collection's JSON parser gives for text that is not JSON.
pub(crate) fn json_error_message(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return "No data, empty input at 1:1\n\n^".into();
    }
    let err = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => return "Unexpected token at 1:1".into(),
        Err(e) => e,
    };
    let line_no = err.line().max(1);
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let chars: Vec<char> = line.chars().collect();
    // serde points at the offending character (1-based); at the end of input it
    // points one past the last one.
    let mut col = err.column().max(1);
    if col > chars.len() && !chars.is_empty() {
        col = chars.len();
    }
    let msg = err.to_string();
    // serde stops after a misspelt literal (`tru}`); point at its start.
    if msg.starts_with("expected ident") || msg.starts_with("expected value") {
        while col > 1 && chars.get(col - 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            col -= 1;
        }
    }
    let at = chars.get(col - 1).copied();
    let before = chars[..(col - 1).min(chars.len())]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .copied();
    let what = match at {
        Some(c @ ('}' | ']')) if before == Some(',') => format!(
            "Trailing comma in {}",
            if c == '}' { "object" } else { "array" }
        ),
        _ if msg.starts_with("EOF") => "Unexpected end of JSON input".to_string(),
        Some(c) => format!("Unexpected token '{c}'"),
        None => "Unexpected end of JSON input".to_string(),
    };
    format!(
        "{what} at {line_no}:{col}\n{line}\n{}^",
        " ".repeat(col - 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_read_like_postman() {
        assert_eq!(
            json_error_message("<html>"),
            "Unexpected token '<' at 1:1\n<html>\n^"
        );
        assert_eq!(json_error_message(""), "No data, empty input at 1:1\n\n^");
        assert_eq!(
            json_error_message("[1,2,]"),
            "Trailing comma in array at 1:6\n[1,2,]\n     ^"
        );
        assert_eq!(
            json_error_message("{\"a\":1}\n\nxyz"),
            "Unexpected token 'x' at 3:1\nxyz\n^"
        );
        assert_eq!(
            json_error_message("{\"a\": tru}"),
            "Unexpected token 't' at 1:7\n{\"a\": tru}\n      ^"
        );
    }
}
