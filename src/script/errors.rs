//! Errors thrown in scripts, read the way reports show them: name, message,
//! the script's own stack frames and the position of the first.

use super::types::ScriptError;
use rquickjs::Value;

/// Reads an error value the way reports show it, with the position of the
/// first stack frame inside the script.
pub(crate) fn error_from_value<'js>(value: &Value<'js>, file: &str) -> ScriptError {
    let text = |v: Value<'js>| -> Option<String> {
        if v.is_undefined() || v.is_null() {
            None
        } else {
            v.get::<rquickjs::convert::Coerced<String>>()
                .ok()
                .map(|c| c.0)
        }
    };
    let (name, message, stack) = match value.as_object() {
        Some(obj) if !value.is_function() || obj.contains_key("message").unwrap_or(false) => {
            let name = obj.get::<_, Value>("name").ok().and_then(&text);
            let message = obj.get::<_, Value>("message").ok().and_then(&text);
            let stack = obj.get::<_, Value>("stack").ok().and_then(&text);
            let message = message.unwrap_or_else(|| text(value.clone()).unwrap_or_default());
            (name.unwrap_or_else(|| "Error".into()), message, stack)
        }
        _ => (
            "Error".to_string(),
            text(value.clone()).unwrap_or_else(|| "undefined".into()),
            None,
        ),
    };
    build_error(name, message, stack.as_deref(), file)
}

pub(crate) fn build_error(
    name: String,
    message: String,
    stack: Option<&str>,
    file: &str,
) -> ScriptError {
    let (name, message) = classify(name, message);
    let frames: Vec<&str> = stack
        .unwrap_or("")
        .lines()
        .filter(|l| frame_position(l, file).is_some())
        .collect();
    let position = frames.first().and_then(|l| frame_position(l, file));
    let mut full = if message.is_empty() {
        name.clone()
    } else {
        format!("{name}: {message}")
    };
    for f in &frames {
        full.push('\n');
        full.push_str(f);
    }
    ScriptError {
        name,
        message,
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        stack: Some(full),
    }
}

/// QuickJS reports running out of memory as an internal error; and its
/// wording for the most common TypeErrors is put the way Node (newman) words
/// them, since that is what collection authors know from reports.
fn classify(name: String, message: String) -> (String, String) {
    if name == "InternalError" && message == "out of memory" {
        return (
            "MemoryError".into(),
            "out of memory: the script went over the sandbox's memory limit".into(),
        );
    }
    for (verb, ing) in [("read", "reading"), ("set", "setting")] {
        let prefix = format!("cannot {verb} property ");
        if let Some(rest) = message.strip_prefix(&prefix) {
            for target in ["undefined", "null"] {
                if let Some(prop) = rest.strip_suffix(&format!(" of {target}")) {
                    return (
                        name,
                        format!("Cannot {verb} properties of {target} ({ing} {prop})"),
                    );
                }
            }
        }
    }
    if message == "invalid array length" {
        return (name, "Invalid array length".into());
    }
    if name == "SyntaxError" {
        if let Some(token) = message
            .strip_prefix("unexpected token in expression: '")
            .and_then(|t| t.strip_suffix('\''))
        {
            return (name, unexpected_token(token));
        }
    }
    (name, message)
}

/// V8's words for a token the parser did not expect ("Unexpected token ';'",
/// "Unexpected identifier 'x'", "Unexpected number").
fn unexpected_token(token: &str) -> String {
    let first = token.chars().next().unwrap_or(' ');
    if matches!(first, '@' | '#' | '\\') || !first.is_ascii() {
        "Invalid or unexpected token".into()
    } else if first.is_ascii_digit() {
        "Unexpected number".into()
    } else if first == '"' || first == '\'' {
        "Unexpected string".into()
    } else if first.is_alphabetic() || first == '_' || first == '$' {
        format!("Unexpected identifier '{token}'")
    } else {
        format!("Unexpected token '{token}'")
    }
}

/// `    at f (test-script.js:3:9)` → (3, 9) when the frame is in `file`.
pub(crate) fn frame_position(line: &str, file: &str) -> Option<(u32, u32)> {
    let mut search = line;
    while let Some(i) = search.find(file) {
        let before = search[..i].chars().last();
        let rest = &search[i + file.len()..];
        if matches!(before, None | Some('(') | Some(' ')) {
            if let Some(rest) = rest.strip_prefix(':') {
                let (l, rest) = split_number(rest)?;
                let c = rest
                    .strip_prefix(':')
                    .and_then(split_number)
                    .map(|(c, _)| c);
                return Some((l, c.unwrap_or(0)));
            }
        }
        search = rest;
    }
    None
}

fn split_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..end].parse().ok().map(|n| (n, &s[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_positions_only_count_the_script() {
        let f = "test-script.js";
        assert_eq!(
            frame_position("    at f (test-script.js:3:9)", f),
            Some((3, 9))
        );
        assert_eq!(
            frame_position("    at test-script.js:12:1", f),
            Some((12, 1))
        );
        assert_eq!(frame_position("    at g (chai.js:10:2)", f), None);
        assert_eq!(frame_position("    at h (my-test-script.js:1:1)", f), None);
        assert_eq!(frame_position("    at <eval> (eval_script:1:1)", f), None);
    }

    #[test]
    fn errors_keep_script_frames_and_position() {
        let e = build_error(
            "TypeError".into(),
            "x is undefined".into(),
            Some("    at inner (postie:sandbox.js)\n    at <anonymous> (test-script.js:4:7)\n"),
            "test-script.js",
        );
        assert_eq!((e.line, e.column), (Some(4), Some(7)));
        assert_eq!(
            e.stack.as_deref(),
            Some("TypeError: x is undefined\n    at <anonymous> (test-script.js:4:7)")
        );
        let oom = build_error("InternalError".into(), "out of memory".into(), None, "x");
        assert_eq!(oom.name, "MemoryError");
        let read = build_error(
            "TypeError".into(),
            "cannot read property 'id' of undefined".into(),
            None,
            "x",
        );
        assert_eq!(
            read.message,
            "Cannot read properties of undefined (reading 'id')"
        );
        let set = build_error(
            "TypeError".into(),
            "cannot set property 'a' of null".into(),
            None,
            "x",
        );
        assert_eq!(set.message, "Cannot set properties of null (setting 'a')");
    }
}
