//! Export quoting. One POST request built from the input (NUL-separated: the
//! format, URL, a header value, the raw body) is exported as curl, HTTPie (POSIX
//! shell) or Hurl. The shell exports are split into words the way a POSIX shell
//! does (shell-words): the split must succeed and hand the tool the header as
//! one argument, exactly. The Hurl file must hold exactly one request line and
//! one line for the header, whatever the values hold.
//!
//! Control and bidirectional characters are replaced in the input: the POSIX
//! export writes those through `printf` command substitutions, which only a
//! shell runs (tests/export_shells.rs runs them through dash, bash and zsh).
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::Collection;
use postie::export::{export, ExportOptions, Format, Shell};
use postie::vars::Scopes;
use serde_json::json;

fn plain(s: &str) -> String {
    s.chars()
        .map(|c| {
            let hidden = c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if hidden { '?' } else { c }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let parts = postie_fuzz::parts(rest, 3);
    let [url, header, body] = [0, 1, 2].map(|i| plain(parts.get(i).map_or("", String::as_str)));
    // Header values are sent trimmed; a value made of only spaces is left out.
    let header = header.trim().to_string();
    let url = postie_fuzz::ascii_url(&url);
    let format = match which % 3 {
        0 => Format::Curl,
        1 => Format::Httpie,
        _ => Format::Hurl,
    };
    let doc = json!({
        "info": {"name": "fuzz", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "r", "request": {
            "method": "POST",
            "url": url,
            "header": [{"key": "X-Fuzz", "value": header}],
            "body": {"mode": "raw", "raw": body}
        }}]
    });
    let collection: Collection = serde_json::from_value(doc).expect("a collection");
    let opts = ExportOptions {
        format,
        shell: Shell::Posix,
        ..Default::default()
    };
    let out = match export(&collection, &Scopes::default(), &opts) {
        Ok(out) => out,
        Err(e) => panic!("export failed: {e}"),
    };
    // A request that cannot be sent (an invalid URL) is left out with a comment.
    if out.text.contains("# not exported:") {
        return;
    }
    match format {
        Format::Curl | Format::Httpie => {
            let words = match shell_words::split(&out.text) {
                Ok(w) => w,
                Err(e) => panic!("the export does not split into words ({e}):\n{}", out.text),
            };
            let (tool, expected) = match format {
                Format::Curl => ("curl", format!("X-Fuzz: {header}")),
                _ => ("http", format!("X-Fuzz:{header}")),
            };
            assert_eq!(
                words.iter().filter(|w| *w == tool).count(),
                1,
                "one command:\n{}\n{words:?}",
                out.text
            );
            if !header.is_empty() && !out.text.contains("printf") {
                // HTTPie's tokenizer: a backslash before a separator (`@`, `:`, `=`,
                // `;`) is an escape; any other backslash is kept together with the
                // character after it (so `\\` stays `\\`), and one at the end is kept.
                // The export writes an escape where HTTPie would otherwise read the
                // value as a file name or a different item, and leaves out a request
                // it cannot spell for HTTPie (checked with HTTPie itself in
                // tests/export_httpie.rs).
                let httpie_unescaped = |w: &String| {
                    let mut out = String::new();
                    let mut chars = w.chars();
                    while let Some(c) = chars.next() {
                        if c != '\\' {
                            out.push(c);
                            continue;
                        }
                        match chars.next() {
                            Some(n) if "@:=;".contains(n) => out.push(n),
                            Some(n) => {
                                out.push('\\');
                                out.push(n);
                            }
                            None => out.push('\\'),
                        }
                    }
                    out
                };
                assert!(
                    words.contains(&expected)
                        || (format == Format::Httpie
                            && words.iter().any(|w| httpie_unescaped(w) == expected)),
                    "the header reaches {tool} as one argument {expected:?}:\n{}\n{words:?}",
                    out.text
                );
            }
        }
        Format::Hurl => {
            let methods = out.text.lines().filter(|l| l.starts_with("POST ")).count();
            assert_eq!(methods, 1, "one request line:\n{}", out.text);
            let headers = out
                .text
                .lines()
                .filter(|l| l.starts_with("X-Fuzz:"))
                .count();
            assert!(headers <= 1, "one header line:\n{}", out.text);
        }
    }
});
