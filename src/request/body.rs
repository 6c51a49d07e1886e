//! Request bodies in every Postman mode, as parts of the structured request.

use super::spec::{BodySpec, FileRef, Part, PartContent};
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

/// The content type Postman sends for a raw body of a given language: text
/// when no language is given.
fn raw_content_type(body: &Body) -> Option<String> {
    let lang = body
        .options
        .as_ref()
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(|l| l.as_str())
        .unwrap_or("text");
    Some(
        match lang {
            "json" => "application/json",
            "xml" => "application/xml",
            "javascript" => "application/javascript",
            "html" => "text/html",
            "text" => "text/plain",
            _ => return None,
        }
        .into(),
    )
}

/// Encodes a form value the way postman-request does for urlencoded bodies.
pub fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
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
            let pairs: Vec<(Text, Text)> = enabled(&body.urlencoded)
                .map(|p| (text(&p.key), text(p.value.as_deref().unwrap_or(""))))
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
            (BodySpec::File(files.locate(&text(&src))), None)
        }
        "graphql" => {
            let g = body.graphql.clone().unwrap_or_default();
            let query = text(g.get("query").and_then(|v| v.as_str()).unwrap_or(""));
            let variables = match g.get("variables") {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                    let resolved = text(s).value();
                    serde_json::from_str(&resolved).unwrap_or(serde_json::Value::String(resolved))
                }
                Some(v @ serde_json::Value::Object(_)) => v.clone(),
                _ => serde_json::Value::Object(Default::default()),
            };
            let operation_name = g
                .get("operationName")
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(&mut *text);
            (
                BodySpec::GraphQl {
                    query,
                    variables,
                    operation_name,
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

pub fn guess_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "json" => "application/json",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "xml" => "application/xml",
        "html" | "htm" => "text/html",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
