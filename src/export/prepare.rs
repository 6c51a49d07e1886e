//! Each selected request built once, as `run` builds it (files located, not read),
//! with what the user should know about it.

use super::select::Entry;
use crate::collection::{Collection, Item};
use crate::request::{
    self, BodySpec, BuildContext, FileAccess, FileRef, PartContent, RequestSettings, RequestSpec,
};
use crate::vars::Scopes;

/// A request ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// `Folder / Sub folder / Request`.
    pub title: String,
    /// `None` when it cannot be exported (see `failed`).
    pub spec: Option<RequestSpec>,
    pub failed: Option<String>,
    /// Test scripts that apply (collection, folders, item), for Hurl.
    pub tests: Vec<(String, Vec<String>)>,
    pub prerequest: Vec<(String, Vec<String>)>,
}

pub(crate) struct Preparer<'a> {
    pub collection: &'a Collection,
    pub scopes: &'a Scopes,
    pub files: FileAccess,
    pub settings: RequestSettings,
}

impl Preparer<'_> {
    pub fn prepare(&self, entry: &Entry<'_>, warnings: &mut Vec<String>) -> Prepared {
        let title = entry.title();
        let mut prepared = Prepared {
            title: title.clone(),
            spec: None,
            failed: None,
            tests: scripts_of(self.collection, &entry.parents, entry.item, "test"),
            prerequest: scripts_of(self.collection, &entry.parents, entry.item, "prerequest"),
        };
        let request = entry.item.request.clone().unwrap_or_default();
        let ctx = BuildContext {
            collection: self.collection,
            parents: &entry.parents,
            scopes: self.scopes,
            files: &self.files,
            settings: &self.settings,
        };
        let built = request::prepare(&request, entry.item, &ctx);
        // What `run` would refuse to send (a header holding a line break, a method
        // or URL that is not HTTP) is not exported either. A URL still holding
        // unresolved variables is exported: they are reported below.
        let url_unresolved = built.unresolved.iter().any(|u| u.part == "url");
        if let Err(e) = built.spec.check(!url_unresolved) {
            warnings.push(format!("request '{title}': cannot be exported: {e}"));
            prepared.failed = Some(e.to_string());
            return prepared;
        }
        for u in &built.unresolved {
            warnings.push(format!(
                "request '{title}': unresolved variable {{{{{}}}}} in {}",
                u.name, u.part
            ));
        }
        for n in &built.notes {
            warnings.push(format!("request '{title}': {}", n.text));
        }
        if let crate::request::AuthSpec::Signed { kind, .. } = &built.spec.auth {
            warnings.push(format!(
                "request '{title}': the {kind} auth is written as computed now (signature, nonce, time); a server may refuse it once it is stale"
            ));
        }
        for f in files_of(&built.spec.body) {
            if let Err(e) = std::fs::metadata(&f.path) {
                warnings.push(format!(
                    "request '{title}': cannot read file '{}' for the body: {e}; the command refers to the file anyway",
                    f.path.display()
                ));
            }
        }
        prepared.spec = Some(built.spec);
        prepared
    }
}

fn files_of(body: &BodySpec) -> Vec<&FileRef> {
    match body {
        BodySpec::File(f) => vec![f],
        BodySpec::Multipart(parts) => parts
            .iter()
            .filter_map(|p| match &p.content {
                PartContent::File(f) => Some(f),
                PartContent::Text(_) => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The scripts of one kind (`prerequest`, `test`) that apply to a request:
/// collection, folders, item, each with where it comes from.
fn scripts_of(
    collection: &Collection,
    parents: &[&Item],
    item: &Item,
    kind: &str,
) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    if let Some(s) = crate::collection::script_of(&collection.event, kind) {
        out.push((format!("collection {kind} script"), s.exec.clone()));
    }
    for p in parents {
        if let Some(s) = p.script(kind) {
            out.push((
                format!("{kind} script of folder '{}'", p.name),
                s.exec.clone(),
            ));
        }
    }
    if let Some(s) = item.script(kind) {
        out.push((format!("{kind} script"), s.exec.clone()));
    }
    out
}
