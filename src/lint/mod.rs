//! `postie lint`: problems a collection shows before it runs, found without
//! sending anything or running any script.
//!
//! Variables are followed in run order (collection, folder and request scripts
//! around each request, as the runner runs them), so a variable that only a
//! later request sets is told apart from one that nothing defines.

mod body;
mod names;
mod order;
pub mod render;
pub mod script;
pub mod unsupported;

use crate::collection::{walk_requests, Collection, Item};
use crate::vars::Scopes;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a finding is about. The names are stable: CI may filter on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Used, defined nowhere, and set by no script.
    UndefinedVariable,
    /// Used before the only scripts that set it have run.
    UsedBeforeSet,
    /// A `{{$name}}` that is not one of Postman's dynamic variables.
    UnknownDynamicVariable,
    /// A `setNextRequest` target that is no request of the run.
    UnknownNextRequest,
    /// Several items share a name, so selecting one by name is ambiguous.
    DuplicateName,
    /// A body declared JSON that is not JSON.
    InvalidJsonBody,
    /// A sandbox API postie does not implement yet.
    UnsupportedScriptApi,
    /// An auth type no handler exists for (every Postman type is implemented, so a typo or an
    /// unknown type): the request goes without auth, as in newman.
    UnsupportedAuth,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UndefinedVariable => "undefined-variable",
            Code::UsedBeforeSet => "used-before-set",
            Code::UnknownDynamicVariable => "unknown-dynamic-variable",
            Code::UnknownNextRequest => "unknown-next-request",
            Code::DuplicateName => "duplicate-name",
            Code::InvalidJsonBody => "invalid-json-body",
            Code::UnsupportedScriptApi => "unsupported-script-api",
            Code::UnsupportedAuth => "unsupported-auth",
        }
    }
}

/// One problem, on one item (or on the collection itself).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    /// `Folder / Sub / Request`; `None` for the collection's own scripts and auth.
    pub item: Option<String>,
    pub item_id: Option<String>,
    /// The part of the item: `url`, `header X`, `body`, `auth bearer`, `test script line 3`.
    #[serde(rename = "where")]
    pub location: String,
    /// The variable, request name or API the finding is about.
    pub subject: String,
    pub message: String,
}

/// Everything lint found, in collection order.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub collection: String,
    /// Requests checked (all of them, or those under `--folder`).
    pub requests: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error("'{0}': no folder or request of that name or id in the collection")]
    FolderNotFound(String),
}

/// What lint knows before anything runs.
#[derive(Debug, Clone, Default)]
pub struct LintInput {
    /// Variables defined up front: collection, environment, globals, iteration
    /// data (first row, with every column seen) and command-line overrides.
    pub scopes: Scopes,
    /// `--folder`: check only these folders or requests (by name or id).
    pub folders: Vec<String>,
}

/// Where a thing is written: on the collection or on an item.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner<'c> {
    Collection,
    Item(&'c Item),
}

impl Owner<'_> {
    fn key(&self) -> usize {
        match self {
            Owner::Collection => 0,
            Owner::Item(i) => *i as *const Item as usize,
        }
    }
}

/// Every item with its path and position, for naming findings and ordering them.
pub(crate) struct Outline<'c> {
    pub items: Vec<(&'c Item, Vec<&'c Item>)>,
}

impl<'c> Outline<'c> {
    fn new(collection: &'c Collection) -> Self {
        fn go<'c>(
            items: &'c [Item],
            stack: &mut Vec<&'c Item>,
            out: &mut Vec<(&'c Item, Vec<&'c Item>)>,
        ) {
            for item in items {
                out.push((item, stack.clone()));
                if item.request.is_none() {
                    stack.push(item);
                    go(item.children(), stack, out);
                    stack.pop();
                }
            }
        }
        let mut items = Vec::new();
        go(&collection.item, &mut Vec::new(), &mut items);
        Outline { items }
    }

    fn position(&self, item: &Item) -> usize {
        self.items
            .iter()
            .position(|(i, _)| std::ptr::eq(*i, item))
            .map_or(0, |p| p + 1)
    }

    pub fn path(&self, item: &Item) -> String {
        match self.items.iter().find(|(i, _)| std::ptr::eq(*i, item)) {
            Some((i, parents)) => path_of(parents, i),
            None => item.name.clone(),
        }
    }
}

pub fn path_of(parents: &[&Item], item: &Item) -> String {
    parents
        .iter()
        .map(|p| p.name.as_str())
        .chain(std::iter::once(item.name.as_str()))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Collects findings, once each, in the order they are found.
pub(crate) struct Findings<'o, 'c> {
    outline: &'o Outline<'c>,
    /// Items whose findings are kept (all, or those under `--folder`).
    in_scope: HashSet<usize>,
    seen: HashSet<(usize, String, Code, String)>,
    list: Vec<(usize, Finding)>,
}

impl<'c> Findings<'_, 'c> {
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        owner: Owner<'c>,
        severity: Severity,
        code: Code,
        location: impl Into<String>,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) {
        let location = location.into();
        let subject = subject.into();
        if let Owner::Item(_) = owner {
            if !self.in_scope.contains(&owner.key()) {
                return;
            }
        }
        if !self
            .seen
            .insert((owner.key(), location.clone(), code, subject.clone()))
        {
            return;
        }
        let (order, item, item_id) = match owner {
            Owner::Collection => (0, None, None),
            Owner::Item(i) => (
                self.outline.position(i),
                Some(self.outline.path(i)),
                i.id.clone(),
            ),
        };
        self.list.push((
            order,
            Finding {
                severity,
                code,
                item,
                item_id,
                location,
                subject,
                message: message.into(),
            },
        ));
    }
}

/// A request of the run with the folders above it.
pub(crate) struct Entry<'c> {
    pub item: &'c Item,
    pub parents: Vec<&'c Item>,
}

/// The requests a run covers, as the runner selects them for `--folder`.
fn select<'c>(collection: &'c Collection, folders: &[String]) -> Result<Vec<Entry<'c>>, LintError> {
    let mut all = Vec::new();
    walk_requests(&collection.item, &mut |item, parents| {
        all.push(Entry {
            item,
            parents: parents.to_vec(),
        })
    });
    if folders.is_empty() {
        return Ok(all);
    }
    for wanted in folders {
        let matches = |i: &Item| i.id.as_deref() == Some(wanted.as_str()) || &i.name == wanted;
        if !all
            .iter()
            .any(|e| matches(e.item) || e.parents.iter().any(|p| matches(p)))
        {
            return Err(LintError::FolderNotFound(wanted.clone()));
        }
    }
    all.retain(|e| {
        folders.iter().any(|wanted| {
            let matches = |i: &Item| i.id.as_deref() == Some(wanted.as_str()) || &i.name == wanted;
            matches(e.item) || e.parents.iter().any(|p| matches(p))
        })
    });
    Ok(all)
}

/// Checks a collection.
pub fn lint(collection: &Collection, input: &LintInput) -> Result<Report, LintError> {
    let outline = Outline::new(collection);
    let entries = select(collection, &input.folders)?;
    // Findings are kept for the requests of the run and the folders above them.
    let mut in_scope = HashSet::new();
    for e in &entries {
        in_scope.insert(Owner::Item(e.item).key());
        for p in &e.parents {
            in_scope.insert(Owner::Item(p).key());
        }
    }
    let mut findings = Findings {
        outline: &outline,
        in_scope,
        seen: HashSet::new(),
        list: Vec::new(),
    };
    let facts = order::ScriptIndex::new(collection, &entries);
    order::variables(collection, &entries, &input.scopes, &facts, &mut findings);
    order::auth(collection, &entries, &mut findings);
    body::json_bodies(&entries, &input.scopes, &facts, &mut findings);
    names::next_requests(&outline, &entries, &facts, &mut findings);
    names::duplicates(&outline, &mut findings);
    order::sandbox_apis(&facts, &mut findings);

    let mut list = findings.list;
    list.sort_by_key(|(order, _)| *order);
    let findings: Vec<Finding> = list.into_iter().map(|(_, f)| f).collect();
    Ok(Report {
        collection: collection.info.name.clone(),
        requests: entries.len(),
        errors: findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        findings,
    })
}
