//! Which requests an export covers: all, `--folder`s as `run --folder` selects
//! them, or one `--request` by id, name or folder path.

use super::ExportError;
use crate::collection::{walk_requests, Collection, Item};

/// A request item with the folders above it.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'c> {
    pub item: &'c Item,
    pub parents: Vec<&'c Item>,
}

impl Entry<'_> {
    /// `Folder / Sub folder / Request name`, as the export's comments name it.
    pub fn title(&self) -> String {
        let mut parts: Vec<&str> = self.parents.iter().map(|p| p.name.as_str()).collect();
        parts.push(&self.item.name);
        parts.join(" / ")
    }

    /// The folder path and name, each part as written.
    fn path(&self) -> Vec<&str> {
        let mut parts: Vec<&str> = self.parents.iter().map(|p| p.name.as_str()).collect();
        parts.push(&self.item.name);
        parts
    }
}

/// Does `wanted` name this request by its path: `Folder/Sub/Request` or, as the
/// export's comments print it, `Folder / Sub / Request`? A `/` inside a name is
/// written `\/`.
fn path_matches(wanted: &str, entry: &Entry<'_>) -> bool {
    let path = entry.path();
    if path.len() < 2 {
        return false;
    }
    if wanted == entry.title() {
        return true;
    }
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = wanted.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'/') => {
                cur.push('/');
                chars.next();
            }
            '/' => parts.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    parts.push(cur);
    parts.len() == path.len() && parts.iter().zip(&path).all(|(a, b)| a.trim() == b.trim())
}

pub(crate) fn select<'c>(
    collection: &'c Collection,
    folders: &[String],
    request: Option<&str>,
) -> Result<Vec<Entry<'c>>, ExportError> {
    let mut all = Vec::new();
    walk_requests(&collection.item, &mut |item, parents| {
        all.push(Entry {
            item,
            parents: parents.to_vec(),
        })
    });
    if let Some(wanted) = request {
        if let Some(e) = all.iter().find(|e| e.item.id.as_deref() == Some(wanted)) {
            return Ok(vec![e.clone()]);
        }
        let mut found: Vec<&Entry> = all.iter().filter(|e| e.item.name == wanted).collect();
        if found.is_empty() {
            found = all.iter().filter(|e| path_matches(wanted, e)).collect();
        }
        return match found.len() {
            0 => Err(ExportError::RequestNotFound(wanted.to_string())),
            1 => Ok(vec![found[0].clone()]),
            count => Err(ExportError::AmbiguousRequest {
                name: wanted.to_string(),
                count,
                paths: found.iter().map(|e| e.title()).collect(),
            }),
        };
    }
    if folders.is_empty() {
        return Ok(all);
    }
    // As `run --folder`: a folder (everything below it) or a single request.
    let mut keep = vec![false; all.len()];
    for wanted in folders {
        let matches = |i: &Item| i.id.as_deref() == Some(wanted.as_str()) || &i.name == wanted;
        let mut found = false;
        for (i, e) in all.iter().enumerate() {
            if matches(e.item) || e.parents.iter().any(|p| matches(p)) {
                keep[i] = true;
                found = true;
            }
        }
        if !found {
            return Err(ExportError::FolderNotFound(wanted.clone()));
        }
    }
    Ok(all
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e)
        .collect())
}
