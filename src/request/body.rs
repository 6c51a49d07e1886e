//! Request bodies in every Postman mode, as parts of the structured request.

use super::spec::{BodySpec, FileRef, HeaderSpec, Part, PartContent};
use super::text::Text;
use crate::collection::{Body, FormParam};
use crate::setting::Setting;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BodyError {
    #[error("file '{path}': {reason}")]
    File { path: String, reason: String },
    #[error(
        "file '{path}' is outside the working directory and was not read ({} allows it)",
        Setting::InsecureFileRead
    )]
    Outside { path: String },
}

/// Where files named in bodies are read from.
#[derive(Debug, Clone, Default)]
pub struct FileAccess {
    pub working_dir: Option<PathBuf>,
    /// Refuse files outside the working directory.
    pub confined: bool,
}

impl FileAccess {
    /// Where a body's file `src` is read from, and the name a multipart part gives it.
    pub fn locate(&self, src: &Text) -> FileRef {
        let text = src.value();
        let path = crate::collection::load::under(self.working_dir.as_deref(), &text);
        let file_name = Path::new(&text)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        FileRef {
            src: src.clone(),
            path,
            file_name,
            contents: None,
        }
    }

    /// Reads the file, refusing one outside the working directory when confined.
    pub fn read(&self, file: &FileRef) -> Result<Vec<u8>, BodyError> {
        let path = &file.path;
        if self.confined {
            let base = self
                .working_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("."));
            let resolved = match path.canonicalize() {
                Ok(p) => p,
                // Nothing there to read: say so, not that it is outside.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(BodyError::File {
                        path: path.display().to_string(),
                        reason: "no such file".into(),
                    })
                }
                Err(_) => PathBuf::new(),
            };
            let inside = match base.canonicalize() {
                Ok(b) => !resolved.as_os_str().is_empty() && resolved.starts_with(b),
                Err(_) => false,
            };
            if !inside {
                return Err(BodyError::Outside {
                    path: file.src.value(),
                });
            }
        }
        // Capped like every input file: a body from `/dev/zero` must not fill the memory.
        let cap = crate::collection::limits::MAX_INPUT_BYTES;
        crate::collection::load::read_capped(path, cap).map_err(|e| BodyError::File {
            path: path.display().to_string(),
            reason: e.reason(),
        })
    }
}

/// The language a raw body is written in, when the collection says.
fn raw_language(body: &Body) -> Option<&str> {
    body.options
        .as_ref()
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(|l| l.as_str())
}

/// The content type newman sends for a raw body of a given language: text
/// when no language (or one it does not know) is given.
fn raw_content_type(body: &Body) -> Option<String> {
    Some(
        match raw_language(body).unwrap_or("text") {
            "json" => "application/json",
            "xml" => "application/xml",
            "javascript" => "application/javascript",
            "html" => "text/html",
            _ => "text/plain",
        }
        .into(),
    )
}

/// newman builds a raw body written as JSON before the auth runs (to strip its
/// comments), and so adds its content type before the auth's headers.
pub fn built_before_auth(body: &Body) -> bool {
    body.mode.as_deref().unwrap_or("raw") == "raw" && raw_language(body) == Some("json")
}

/// Are a raw body's comments stripped before sending? They are when it is
/// written as JSON, or, without a language, sent as JSON (`content_type`: the
/// request's own `Content-Type` header).
pub fn json_comments_apply(body: &Body, content_type: Option<&HeaderSpec>) -> bool {
    match raw_language(body) {
        Some(lang) => lang == "json",
        None => content_type.is_some_and(|h| is_json_type(&h.value.value())),
    }
}

/// `application/json`, `application/…+json` (newman's test: the start only).
fn is_json_type(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("application/") else {
        return false;
    };
    let subtype = rest.split(char::is_whitespace).next().unwrap_or("");
    // `(\S+\+)?json` at the start of the subtype.
    subtype.starts_with("json") || subtype.match_indices("+json").any(|(i, _)| i > 0)
}

/// The text with its `//` and `/* */` comments removed (outside strings), as
/// newman's strip-json-comments does without keeping whitespace: a line
/// comment ends before its line break (a `\r\n` loses its `\r`), an
/// unclosed comment runs to the end. The variables in the kept text stay known.
pub fn strip_json_comments(text: &Text) -> Text {
    let s = text.value();
    if !s.contains("//") && !s.contains("/*") {
        return text.clone();
    }
    let b = s.as_bytes();
    let escaped =
        |quote: usize| b[..quote].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
    #[derive(PartialEq)]
    enum In {
        Json,
        Line,
        Block,
    }
    let (mut state, mut in_string) = (In::Json, false);
    let mut kept = Vec::new();
    let mut offset = 0;
    let mut i = 0;
    while i < b.len() {
        let (c, next) = (b[i], b.get(i + 1).copied());
        if state == In::Json && c == b'"' && !escaped(i) {
            in_string = !in_string;
        }
        if in_string {
            i += 1;
            continue;
        }
        match (&state, c, next) {
            (In::Json, b'/', Some(b'/')) => {
                kept.push(offset..i);
                state = In::Line;
                i += 1;
            }
            (In::Line, b'\r', Some(b'\n')) => {
                i += 1;
                state = In::Json;
                offset = i;
            }
            (In::Line, b'\n', _) => {
                state = In::Json;
                offset = i;
            }
            (In::Json, b'/', Some(b'*')) => {
                kept.push(offset..i);
                state = In::Block;
                i += 1;
            }
            (In::Block, b'*', Some(b'/')) => {
                i += 1;
                state = In::Json;
                offset = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if state == In::Json {
        kept.push(offset..b.len());
    }
    Text::concat(
        kept.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| text.slice(r)),
    )
}

/// Encodes a form key or value the way postman-request does for urlencoded
/// bodies: Node's `querystring` escaping, then `!'()*` too (RFC 3986).
pub fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The body of a request and the content type it implies (sent when the request
/// gives none). `text` resolves variables in a piece of text. Files are located,
/// not read: see [`read_files`].
pub fn spec(
    body: &Body,
    files: &FileAccess,
    text: &mut dyn FnMut(&str) -> Text,
) -> (BodySpec, Option<String>) {
    if body.disabled {
        return (BodySpec::None, None);
    }
    let mode = body.mode.as_deref().unwrap_or_else(|| {
        if body.raw.is_some() {
            "raw"
        } else if !body.urlencoded.is_empty() {
            "urlencoded"
        } else if !body.formdata.is_empty() {
            "formdata"
        } else {
            ""
        }
    });
    match mode {
        "raw" => {
            let raw = body.raw.as_deref().unwrap_or("");
            if raw.is_empty() {
                return (BodySpec::None, None);
            }
            (BodySpec::Raw(text(raw)), raw_content_type(body))
        }
        "urlencoded" => {
            // A key without a name is sent too (`=value`), and the values of a
            // repeated key go together where the key first appears: newman
            // gathers the form into an object before encoding it.
            let mut pairs: Vec<(Text, Vec<Text>)> = Vec::new();
            for p in body.urlencoded.iter().filter(|p| !p.disabled) {
                let key = text(&p.key);
                let value = text(p.value.as_deref().unwrap_or(""));
                match pairs.iter_mut().find(|(k, _)| k.value() == key.value()) {
                    Some((_, values)) => values.push(value),
                    None => pairs.push((key, vec![value])),
                }
            }
            let pairs: Vec<(Text, Text)> = pairs
                .into_iter()
                .flat_map(|(k, values)| values.into_iter().map(move |v| (k.clone(), v)))
                .collect();
            if pairs.is_empty() {
                return (BodySpec::None, None);
            }
            (
                BodySpec::UrlEncoded(pairs),
                Some("application/x-www-form-urlencoded".into()),
            )
        }
        "formdata" => {
            let params: Vec<&FormParam> = enabled(&body.formdata).collect();
            if params.is_empty() {
                return (BodySpec::None, None);
            }
            let mut parts = Vec::new();
            for p in params {
                let name = text(&p.key);
                if p.is_file() {
                    for src in p.sources() {
                        let file = files.locate(&text(&src));
                        let ct = p
                            .content_type
                            .clone()
                            .unwrap_or_else(|| guess_type(&file.file_name).into());
                        parts.push(Part {
                            name: name.clone(),
                            content: PartContent::File(file),
                            content_type: Some(ct),
                        });
                    }
                } else {
                    parts.push(Part {
                        name,
                        content: PartContent::Text(text(p.value.as_deref().unwrap_or(""))),
                        content_type: p.content_type.clone(),
                    });
                }
            }
            (
                BodySpec::Multipart(parts),
                Some("multipart/form-data".into()),
            )
        }
        "file" => {
            let Some(src) = body
                .file
                .as_ref()
                .and_then(|f| f.src.clone())
                .filter(|s| !s.is_empty())
            else {
                let content = body.file.as_ref().and_then(|f| f.content.clone());
                return match content {
                    Some(c) => (BodySpec::Raw(Text::literal(c)), None),
                    None => (BodySpec::None, None),
                };
            };
            let file = files.locate(&text(&src));
            // The HTTP library names the type of a file it streams, from its name.
            let content_type = guess_type(&file.file_name).to_string();
            (BodySpec::File(file), Some(content_type))
        }
        "graphql" => {
            let g = body.graphql.clone().unwrap_or_default();
            let string = |key: &str| g.get(key).and_then(|v| v.as_str()).map(str::to_string);
            let query = string("query").map(|q| text(&q));
            let operation_name = string("operationName").map(|o| text(&o));
            // Sent as written, valid JSON or not; an empty text is no variables at all.
            let variables = match g.get("variables") {
                Some(serde_json::Value::String(s)) if !s.is_empty() => Some(text(s)),
                Some(serde_json::Value::String(_)) | None => None,
                Some(v) => Some(Text::literal(v.to_string())),
            };
            (
                BodySpec::GraphQl {
                    query,
                    operation_name,
                    variables,
                },
                Some("application/json".into()),
            )
        }
        _ => (BodySpec::None, None),
    }
}

/// Reads every file the body refers to.
pub fn read_files(body: &mut BodySpec, files: &FileAccess) -> Result<(), BodyError> {
    match body {
        BodySpec::File(f) => f.contents = Some(files.read(f)?),
        BodySpec::Multipart(parts) => {
            for p in parts {
                if let PartContent::File(f) = &mut p.content {
                    f.contents = Some(files.read(f)?);
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn enabled(params: &[FormParam]) -> impl Iterator<Item = &FormParam> {
    params.iter().filter(|p| !p.disabled && !p.key.is_empty())
}

/// The type newman's HTTP library (mime-types) names for a file, from its
/// extension: the common ones, as mime-types 2 answers; anything else is
/// `application/octet-stream`, newman's fallback.
pub fn guess_type(name: &str) -> &'static str {
    let Some((_, ext)) = name.rsplit_once('.') else {
        return "application/octet-stream";
    };
    match ext.to_ascii_lowercase().as_str() {
        "json" => "application/json",
        "txt" | "ini" | "log" => "text/plain",
        "csv" => "text/csv",
        "xml" => "application/xml",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "md" => "text/markdown",
        "yaml" | "yml" => "text/yaml",
        "ics" => "text/calendar",
        "js" | "mjs" => "application/javascript",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "ico" => "image/vnd.microsoft.icon",
        "heic" => "image/heic",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "tar" => "application/x-tar",
        "7z" => "application/x-7z-compressed",
        "bz2" => "application/x-bzip2",
        "xz" => "application/x-xz",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wave",
        "ogg" => "audio/ogg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "toml" => "application/toml",
        "sql" => "application/x-sql",
        "sh" => "application/x-sh",
        "rtf" => "application/rtf",
        "jsonld" => "application/ld+json",
        "geojson" => "application/geo+json",
        "pem" | "crt" => "application/x-x509-ca-cert",
        "p12" => "application/x-pkcs12",
        "eml" => "message/rfc822",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        strip_json_comments(&Text::literal(s)).value()
    }

    #[test]
    fn json_comments_go_as_newman_strips_them() {
        assert_eq!(
            strip("{\n  // c\n  \"a\": 1 /* x */}"),
            "{\n  \n  \"a\": 1 }"
        );
        // A `\r\n` after a line comment loses its `\r`.
        assert_eq!(strip("1 // c\r\n2"), "1 \n2");
        // Inside strings nothing is a comment, escaped quotes included.
        assert_eq!(
            strip(r#"{"u": "http://x/*y*/", "q": "a\"//b"} // end"#),
            r#"{"u": "http://x/*y*/", "q": "a\"//b"} "#
        );
        // An unclosed comment runs to the end.
        assert_eq!(strip("[1] /* open"), "[1] ");
        assert_eq!(strip("no comments"), "no comments");
    }

    #[test]
    fn form_values_are_encoded_as_rfc_3986() {
        assert_eq!(
            form_encode("a b!'()*~-_.ü"),
            "a%20b%21%27%28%29%2A~-_.%C3%BC"
        );
    }
}
