//! Reading collections, environments and globals from files (iteration data is
//! in `data.rs`).
//!
//! Every failure names the file and says where and what was expected, in one line.

use super::limits::{self, MAX_INPUT_BYTES, MAX_JSON_DEPTH};
use super::model::{Collection, Variable, VariableFile};
use super::v1;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {message}")]
    Read { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}{location}: {at}: {message}")]
    Shape {
        path: String,
        /// `:line:column` when known.
        location: String,
        at: String,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl LoadError {
    /// What went wrong, without the file's name.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Read { message, .. } => message.clone(),
            LoadError::Invalid { message, .. } => message.clone(),
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => format!("{line}:{column}: {message}"),
            LoadError::Shape { at, message, .. } => format!("{at}: {message}"),
        }
    }
}

/// A loaded collection, with notices worth telling the user (such as a v1 conversion).
#[derive(Debug, Clone)]
pub struct LoadedCollection {
    pub collection: Collection,
    pub notices: Vec<String>,
}

/// Reads a text file the way Postman exports come: UTF-8 with or without BOM, or UTF-16.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = read_capped(path, MAX_INPUT_BYTES)?;
    decode_text(&bytes).ok_or_else(|| LoadError::Invalid {
        path: shown(path),
        message: "not a text file (expected UTF-8 or UTF-16 text)".into(),
    })
}

/// The bytes of a file of at most `cap` bytes. Devices and pipes have no size
/// to check beforehand, so at most `cap + 1` bytes are ever read.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let fail = |e: std::io::Error| LoadError::Read {
        path: shown(path),
        message: io_message(&e),
    };
    let too_big = || LoadError::Invalid {
        path: shown(path),
        message: format!(
            "larger than {} MiB, the limit for input files",
            cap / (1024 * 1024)
        ),
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(LoadError::Read {
            path: shown(path),
            message: "is a directory, expected a file".into(),
        });
    }
    if meta.is_file() && meta.len() > cap {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    file.take(cap + 1).read_to_end(&mut bytes).map_err(fail)?;
    if bytes.len() as u64 > cap {
        return Err(too_big());
    }
    Ok(bytes)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(21) => "is a directory, expected a file".into(),
        _ => e.to_string(),
    }
}

pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).ok();
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<String> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // UTF-16 without a BOM: JSON starts with an ASCII character, so every other byte is zero.
    if bytes.len() >= 2 && bytes[1] == 0 && bytes[0] != 0 {
        return utf16(bytes, true);
    }
    if bytes.len() >= 2 && bytes[0] == 0 && bytes[1] != 0 {
        return utf16(bytes, false);
    }
    String::from_utf8(bytes.to_vec()).ok()
}

pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

pub(crate) fn parse_json(path: &Path, text: &str) -> Result<Value, LoadError> {
    check_depth(path, text)?;
    let mut de = deserializer(text);
    Value::deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| LoadError::Syntax {
            path: shown(path),
            line: e.line(),
            column: e.column(),
            message: format!("invalid JSON: {}", strip_position(&e.to_string())),
        })
}

/// Refuses JSON nested deeper than [`MAX_JSON_DEPTH`], before anything recurses into it.
fn check_depth(path: &Path, text: &str) -> Result<(), LoadError> {
    match limits::too_deep(text, MAX_JSON_DEPTH) {
        None => Ok(()),
        Some((line, column)) => Err(LoadError::Syntax {
            path: shown(path),
            line,
            column,
            message: format!(
                "JSON nested more than {MAX_JSON_DEPTH} levels deep, the limit for input files (folders may nest {} deep)",
                limits::MAX_FOLDER_DEPTH
            ),
        }),
    }
}

/// A JSON reader without serde_json's fixed limit of 128 levels: depth is
/// bounded by [`check_depth`] instead, so deeply nested folders load.
fn deserializer(text: &str) -> serde_json::Deserializer<serde_json::de::StrRead<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    de
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// serde says "invalid type: integer `5`, expected a string"; users read better
/// "expected a string, found integer 5".
fn reword(msg: &str) -> String {
    let msg = strip_position(msg);
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {expected}, found {}", found.replace('`', ""));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {expected}, found {}", found.replace('`', ""));
        }
    }
    msg.replace('`', "'")
}

/// Deserialises `T` from the file's text (so errors carry line:column) or, when the
/// document had to be unwrapped or converted, from the value (`prefix` names where it sat).
///
/// An object that repeats a key is read from the value, where the last one won
/// as in `JSON.parse` (newman's reader); serde would refuse the text.
fn typed<T: DeserializeOwned>(
    path: &Path,
    text: Option<&str>,
    value: &Value,
    prefix: &str,
) -> Result<T, LoadError> {
    let shape = |at: String, location: String, message: String| LoadError::Shape {
        path: shown(path),
        location,
        at: if at.is_empty() || at == "." {
            "top level".into()
        } else {
            format!("{prefix}{at}")
        },
        message,
    };
    match text {
        Some(text) => {
            let de = &mut deserializer(text);
            match serde_path_to_error::deserialize(de) {
                Ok(t) => Ok(t),
                Err(e) if e.inner().to_string().starts_with("duplicate field") => {
                    typed(path, None, value, prefix)
                }
                Err(e) => {
                    let inner = e.inner();
                    Err(shape(
                        e.path().to_string(),
                        format!(":{}:{}", inner.line(), inner.column()),
                        reword(&inner.to_string()),
                    ))
                }
            }
        }
        None => serde_path_to_error::deserialize(value).map_err(|e| {
            shape(
                e.path().to_string(),
                String::new(),
                reword(&e.inner().to_string()),
            )
        }),
    }
}

pub fn load_collection(path: &Path) -> Result<LoadedCollection, LoadError> {
    let text = read_text(path)?;
    let doc = parse_json(path, &text)?;
    let mut notices = Vec::new();
    let Value::Object(map) = &doc else {
        return Err(LoadError::Invalid {
            path: shown(path),
            message: format!(
                "expected a Postman collection (a JSON object), found {}",
                kind_of(&doc)
            ),
        });
    };
    // The Postman API wraps exports as {"collection": {...}}.
    if map.len() == 1 {
        if let Some(inner @ Value::Object(_)) = map.get("collection") {
            return from_value(path, inner.clone(), "collection.", notices);
        }
    }
    if v1::is_v1(&doc) {
        notices.push(format!(
            "{}: collection format v1 is deprecated; converted to v2.1 on load (re-export it from Postman to silence this)",
            shown(path)
        ));
        return from_value(path, v1::convert(&doc), "", notices);
    }
    if map.get("info").is_none() && map.get("item").is_none() {
        let hint = if map.contains_key("values") {
            " (this looks like an environment or globals file)"
        } else {
            ""
        };
        return Err(LoadError::Invalid {
            path: shown(path),
            message: format!("expected a Postman collection with 'info' and 'item'{hint}"),
        });
    }
    let collection: Collection = typed(path, Some(&text), &doc, "")?;
    drop(doc);
    check_folder_depth(path, &collection)?;
    notices.extend(check_schema(path, &collection));
    notices.extend(check_body_modes(path, &collection));
    Ok(LoadedCollection {
        collection,
        notices,
    })
}

fn from_value(
    path: &Path,
    doc: Value,
    prefix: &str,
    mut notices: Vec<String>,
) -> Result<LoadedCollection, LoadError> {
    let collection: Collection = typed(path, None, &doc, prefix)?;
    check_folder_depth(path, &collection)?;
    notices.extend(check_schema(path, &collection));
    notices.extend(check_body_modes(path, &collection));
    Ok(LoadedCollection {
        collection,
        notices,
    })
}

fn check_folder_depth(path: &Path, c: &Collection) -> Result<(), LoadError> {
    let Some(names) = limits::folder_too_deep(&c.item) else {
        return Ok(());
    };
    let shown_names = match names.as_slice() {
        [a, b, .., z] => format!("{a} / {b} / … / {z}"),
        all => all.join(" / "),
    };
    Err(LoadError::Invalid {
        path: shown(path),
        message: format!(
            "folder '{}' is nested {} deep; folders may nest at most {} deep",
            crate::output::clip(&shown_names, 200),
            names.len(),
            limits::MAX_FOLDER_DEPTH
        ),
    })
}

/// Body modes postie (and Postman) can send.
const BODY_MODES: &[&str] = &["raw", "urlencoded", "formdata", "file", "graphql"];

/// Requests whose body has a mode nobody knows are sent without a body, as
/// newman does; unlike newman, say so (once per mode).
fn check_body_modes(path: &Path, c: &Collection) -> Vec<String> {
    let mut unknown: Vec<(String, usize, String)> = Vec::new();
    super::select::walk_requests(&c.item, &mut |item, parents| {
        let Some(mode) = item
            .request
            .as_ref()
            .and_then(|r| r.body.as_ref())
            .filter(|b| !b.disabled)
            .and_then(|b| b.mode.as_deref())
            .filter(|m| !m.is_empty() && !BODY_MODES.contains(m))
        else {
            return;
        };
        match unknown.iter_mut().find(|(m, ..)| m == mode) {
            Some((_, count, _)) => *count += 1,
            None => unknown.push((
                mode.to_string(),
                1,
                super::select::path_name(
                    parents
                        .iter()
                        .map(|p| p.name.as_str())
                        .chain([item.name.as_str()]),
                ),
            )),
        }
    });
    unknown
        .into_iter()
        .map(|(mode, count, first)| {
            let which = if count == 1 {
                format!("request '{}'", crate::output::clip(&first, 100))
            } else {
                format!(
                    "{count} requests (first '{}')",
                    crate::output::clip(&first, 100)
                )
            };
            format!(
                "{}: {which}: unknown body mode '{}' (expected {}); sent without a body",
                shown(path),
                crate::output::clip(&mode, 40),
                BODY_MODES.join(", ")
            )
        })
        .collect()
}

fn check_schema(path: &Path, c: &Collection) -> Option<String> {
    let schema = c.info.schema.as_deref()?;
    if schema.contains("/v2.0.") || schema.contains("/v2.1.") || schema.is_empty() {
        return None;
    }
    Some(format!(
        "{}: unknown collection schema '{schema}', loading it as v2.1",
        shown(path)
    ))
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Loads an environment or globals file. `kind` is "environment" or "globals",
/// the key under which the Postman API wraps it.
pub fn load_variable_file(path: &Path, kind: &str) -> Result<VariableFile, LoadError> {
    let text = read_text(path)?;
    let doc = parse_json(path, &text)?;
    match &doc {
        Value::Object(map) if map.len() == 1 && map.get(kind).is_some_and(Value::is_object) => {
            typed(path, None, &map[kind], &format!("{kind}."))
        }
        Value::Object(map) if map.contains_key("values") || map.contains_key("name") => {
            typed(path, Some(&text), &doc, "")
        }
        Value::Object(map) if map.contains_key("info") && map.contains_key("item") => {
            Err(LoadError::Invalid {
                path: shown(path),
                message: format!(
                    "expected a Postman {kind} file with 'values', found a collection"
                ),
            })
        }
        // Old globals exports are a bare list of variables.
        Value::Array(_) => {
            let values: Vec<Variable> = typed(path, Some(&text), &doc, "")?;
            Ok(VariableFile {
                values,
                ..Default::default()
            })
        }
        other => Err(LoadError::Invalid {
            path: shown(path),
            message: format!(
                "expected a Postman {kind} file (an object with 'values'), found {}",
                kind_of(other)
            ),
        }),
    }
}

/// Resolves a path the way `--working-dir` asks: relative paths are under `base`.
pub fn under(base: Option<&Path>, p: &str) -> PathBuf {
    let path = Path::new(p);
    match base {
        Some(b) if path.is_relative() => b.join(path),
        _ => path.to_path_buf(),
    }
}
