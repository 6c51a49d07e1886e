//! Request bodies in every Postman mode, as the bytes that are sent.

use crate::collection::{Body, FormParam};
use std::path::{Path, PathBuf};

/// A built body and the content type it implies (used when the request sets none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuiltBody {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BodyError {
    #[error("cannot read file '{path}' for the body: {reason}")]
    File { path: String, reason: String },
    #[error("file '{path}' is outside the working directory (--no-insecure-file-read)")]
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
    pub fn read(&self, src: &str) -> Result<(Vec<u8>, String), BodyError> {
        let path = crate::collection::load::under(self.working_dir.as_deref(), src);
        if self.confined {
            let base = self
                .working_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("."));
            let inside = match (path.canonicalize(), base.canonicalize()) {
                (Ok(p), Ok(b)) => p.starts_with(b),
                _ => false,
            };
            if !inside {
                return Err(BodyError::Outside { path: src.into() });
            }
        }
        let bytes = std::fs::read(&path).map_err(|e| BodyError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let name = Path::new(src)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((bytes, name))
    }
}

/// The content type Postman sends for a raw body of a given language.
fn raw_content_type(body: &Body) -> Option<String> {
    let lang = body
        .options
        .as_ref()?
        .get("raw")?
        .get("language")?
        .as_str()?;
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

/// Builds the body. `text` resolves variables in a piece of text.
pub fn build(
    body: &Body,
    files: &FileAccess,
    boundary: &str,
    text: &mut dyn FnMut(&str) -> String,
) -> Result<Option<BuiltBody>, BodyError> {
    if body.disabled {
        return Ok(None);
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
    Ok(match mode {
        "raw" => {
            let raw = body.raw.as_deref().unwrap_or("");
            if raw.is_empty() {
                return Ok(None);
            }
            Some(BuiltBody {
                bytes: text(raw).into_bytes(),
                content_type: raw_content_type(body),
            })
        }
        "urlencoded" => {
            let pairs: Vec<String> = enabled(&body.urlencoded)
                .map(|p| {
                    format!(
                        "{}={}",
                        form_encode(&text(&p.key)),
                        form_encode(&text(p.value.as_deref().unwrap_or("")))
                    )
                })
                .collect();
            if pairs.is_empty() {
                return Ok(None);
            }
            Some(BuiltBody {
                bytes: pairs.join("&").into_bytes(),
                content_type: Some("application/x-www-form-urlencoded".into()),
            })
        }
        "formdata" => {
            let params: Vec<&FormParam> = enabled(&body.formdata).collect();
            if params.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::new();
            for p in params {
                let name = text(&p.key);
                if p.is_file() {
                    for src in p.sources() {
                        let (bytes, file_name) = files.read(&text(&src))?;
                        let ct = p
                            .content_type
                            .clone()
                            .unwrap_or_else(|| guess_type(&file_name).into());
                        out.extend_from_slice(
                            format!(
                                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {ct}\r\n\r\n",
                                quote(&name),
                                quote(&file_name)
                            )
                            .as_bytes(),
                        );
                        out.extend_from_slice(&bytes);
                        out.extend_from_slice(b"\r\n");
                    }
                } else {
                    let value = text(p.value.as_deref().unwrap_or(""));
                    out.extend_from_slice(
                        format!(
                            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n",
                            quote(&name)
                        )
                        .as_bytes(),
                    );
                    if let Some(ct) = &p.content_type {
                        out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
                    }
                    out.extend_from_slice(b"\r\n");
                    out.extend_from_slice(value.as_bytes());
                    out.extend_from_slice(b"\r\n");
                }
            }
            out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            Some(BuiltBody {
                bytes: out,
                content_type: Some(format!("multipart/form-data; boundary={boundary}")),
            })
        }
        "file" => {
            let Some(src) = body
                .file
                .as_ref()
                .and_then(|f| f.src.clone())
                .filter(|s| !s.is_empty())
            else {
                return Ok(body
                    .file
                    .as_ref()
                    .and_then(|f| f.content.clone())
                    .map(|c| BuiltBody {
                        bytes: c.into_bytes(),
                        content_type: None,
                    }));
            };
            let (bytes, _) = files.read(&text(&src))?;
            Some(BuiltBody {
                bytes,
                content_type: None,
            })
        }
        "graphql" => {
            let g = body.graphql.clone().unwrap_or_default();
            let query = text(g.get("query").and_then(|v| v.as_str()).unwrap_or(""));
            let variables = match g.get("variables") {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                    let resolved = text(s);
                    serde_json::from_str(&resolved).unwrap_or(serde_json::Value::String(resolved))
                }
                Some(v @ serde_json::Value::Object(_)) => v.clone(),
                _ => serde_json::Value::Object(Default::default()),
            };
            let mut doc = serde_json::Map::new();
            doc.insert("query".into(), query.into());
            doc.insert("variables".into(), variables);
            if let Some(op) = g
                .get("operationName")
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
            {
                doc.insert("operationName".into(), text(op).into());
            }
            Some(BuiltBody {
                bytes: serde_json::Value::Object(doc).to_string().into_bytes(),
                content_type: Some("application/json".into()),
            })
        }
        _ => None,
    })
}

fn enabled(params: &[FormParam]) -> impl Iterator<Item = &FormParam> {
    params.iter().filter(|p| !p.disabled && !p.key.is_empty())
}

fn quote(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
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
