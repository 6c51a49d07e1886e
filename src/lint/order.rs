//! Variables in run order, auth types, and sandbox APIs.
//!
//! The run is laid out as the runner executes it: for each request, the
//! collection's, its folders' and its own pre-request scripts, the request, then
//! the test scripts in the same order. A variable is fine where it is used if it
//! is defined up front or an earlier step sets it.

use super::script::ScriptFacts;
use super::unsupported::reached;
use super::{Code, Entry, Findings, Owner, Severity};
use crate::collection::{script_of, Collection, Request};
use crate::http::RequestSettings;
use crate::request::{self, auth, AuthSpec, BuildContext, FileAccess, Text};
use crate::vars::{ScopeKind, Scopes};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

const LISTENS: [&str; 2] = ["prerequest", "test"];

/// A script of the run, read once however many requests it runs for.
pub(crate) struct ScriptRef<'c> {
    pub owner: Owner<'c>,
    pub listen: &'static str,
    pub facts: ScriptFacts,
}

impl ScriptRef<'_> {
    pub fn at(&self, line: usize) -> String {
        let kind = if self.listen == "test" {
            "test"
        } else {
            "pre-request"
        };
        format!("{kind} script line {line}")
    }

    /// "the test script of 'A / B' (line 3)", for messages about a setter.
    fn describe(&self, line: usize, outline: &super::Outline<'_>) -> String {
        let kind = if self.listen == "test" {
            "test"
        } else {
            "pre-request"
        };
        match self.owner {
            Owner::Collection => format!("the collection's {kind} script (line {line})"),
            Owner::Item(i) => format!("the {kind} script of '{}' (line {line})", outline.path(i)),
        }
    }
}

/// Every script that runs for the selected requests.
pub(crate) struct ScriptIndex<'c> {
    pub scripts: Vec<ScriptRef<'c>>,
    by_owner: HashMap<(usize, &'static str), usize>,
}

impl<'c> ScriptIndex<'c> {
    pub fn new(collection: &'c Collection, entries: &[Entry<'c>]) -> Self {
        let mut index = ScriptIndex {
            scripts: Vec::new(),
            by_owner: HashMap::new(),
        };
        for listen in LISTENS {
            index.add(
                Owner::Collection,
                listen,
                script_of(&collection.event, listen),
            );
        }
        for e in entries {
            for p in &e.parents {
                for listen in LISTENS {
                    index.add(Owner::Item(p), listen, p.script(listen));
                }
            }
            for listen in LISTENS {
                index.add(Owner::Item(e.item), listen, e.item.script(listen));
            }
        }
        index
    }

    fn add(
        &mut self,
        owner: Owner<'c>,
        listen: &'static str,
        script: Option<&'c crate::collection::Script>,
    ) {
        let Some(script) = script else { return };
        let key = (owner.key(), listen);
        if self.by_owner.contains_key(&key) {
            return;
        }
        self.by_owner.insert(key, self.scripts.len());
        self.scripts.push(ScriptRef {
            owner,
            listen,
            facts: ScriptFacts::of(&script.source()),
        });
    }

    fn find(&self, owner: Owner<'_>, listen: &str) -> Option<usize> {
        LISTENS
            .iter()
            .find(|l| **l == listen)
            .and_then(|l| self.by_owner.get(&(owner.key(), *l)).copied())
    }

    /// The scripts of one kind around a request, in the order they run.
    fn around(&self, entry: &Entry<'_>, listen: &str) -> Vec<usize> {
        std::iter::once(Owner::Collection)
            .chain(entry.parents.iter().map(|p| Owner::Item(p)))
            .chain(std::iter::once(Owner::Item(entry.item)))
            .filter_map(|o| self.find(o, listen))
            .collect()
    }
}

enum Step {
    Script(usize),
    Request(usize),
}

fn steps(index: &ScriptIndex<'_>, entries: &[Entry<'_>]) -> Vec<Step> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        out.extend(index.around(e, "prerequest").into_iter().map(Step::Script));
        out.push(Step::Request(i));
        out.extend(index.around(e, "test").into_iter().map(Step::Script));
    }
    out
}

/// A copy of the request that names no files, so lint reads none.
fn without_files(request: &Request) -> Request {
    let mut r = request.clone();
    if let Some(body) = &mut r.body {
        for p in &mut body.formdata {
            if p.is_file() {
                p.src = Value::Null;
            }
        }
        if let Some(f) = &mut body.file {
            f.src = None;
        }
    }
    r
}

/// Where the auth a request uses is written.
fn auth_owner<'c>(
    collection: &'c Collection,
    entry: &Entry<'c>,
) -> Option<(Owner<'c>, &'c crate::collection::Auth)> {
    let request = entry.item.request.as_ref()?;
    let a = auth::effective(
        request.auth.as_ref(),
        &entry.parents,
        collection.auth.as_ref(),
    )?;
    let is = |x: Option<&crate::collection::Auth>| x.is_some_and(|x| std::ptr::eq(x, a));
    let owner = if is(request.auth.as_ref()) {
        Owner::Item(entry.item)
    } else if let Some(p) = entry.parents.iter().rev().find(|p| is(p.auth.as_ref())) {
        Owner::Item(p)
    } else {
        Owner::Collection
    };
    Some((owner, a))
}

/// A variable defined up front, whether only as an empty placeholder (an
/// environment template's `""` that a script fills in during the run).
enum Up {
    Missing,
    Empty,
    Valued,
}

fn up_front(defined: &Scopes, name: &str) -> Up {
    match defined.lookup_text(name) {
        None => Up::Missing,
        Some(v) if v.is_empty() => Up::Empty,
        Some(_) => Up::Valued,
    }
}

/// Scopes as they stand at one step: what is defined up front, plus what
/// earlier scripts set (their values are unknown; empty stands for them), minus
/// empty placeholders that only a later script fills.
fn scopes_at(defined: &Scopes, set_so_far: &HashSet<&str>, filled_later: &HashSet<&str>) -> Scopes {
    let mut scopes = defined.clone();
    for name in filled_later {
        if !set_so_far.contains(name) {
            for kind in [
                ScopeKind::Local,
                ScopeKind::Data,
                ScopeKind::Environment,
                ScopeKind::Collection,
                ScopeKind::Globals,
            ] {
                scopes.scope_mut(kind).unset(name);
            }
        }
    }
    for name in set_so_far {
        if defined.lookup(name).is_none() {
            scopes.local.set(name, Value::String(String::new()));
        }
    }
    scopes
}

pub(crate) fn variables<'c>(
    collection: &'c Collection,
    entries: &[Entry<'c>],
    defined: &Scopes,
    index: &ScriptIndex<'c>,
    findings: &mut Findings<'_, 'c>,
) {
    let steps = steps(index, entries);
    // Which steps set each name, in order.
    let mut setters: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
    for (k, step) in steps.iter().enumerate() {
        if let Step::Script(s) = step {
            for (name, line) in &index.scripts[*s].facts.sets {
                setters.entry(name).or_default().push((k, *s, *line));
            }
        }
    }
    let filled_later: HashSet<&str> = setters
        .keys()
        .copied()
        .filter(|n| matches!(up_front(defined, n), Up::Empty))
        .collect();
    let outline = findings.outline;
    let later = |name: &str, k: usize| -> Option<String> {
        let (_, s, line) = setters.get(name)?.iter().find(|(at, _, _)| *at > k)?;
        Some(index.scripts[*s].describe(*line, outline))
    };
    let mut set_so_far: HashSet<&str> = HashSet::new();
    let files = FileAccess::default();
    let settings = RequestSettings::default();
    let mut pending = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        match step {
            Step::Script(s) => {
                let script = &index.scripts[*s];
                for (name, line) in &script.facts.reads {
                    let up = up_front(defined, name);
                    if matches!(up, Up::Valued)
                        || set_so_far.contains(name.as_str())
                        || script.facts.sets_name(name)
                    {
                        continue;
                    }
                    let (code, message) = match (later(name, k), up) {
                        (None, Up::Empty) => continue,
                        (Some(setter), Up::Empty) => (
                            Code::UsedBeforeSet,
                            format!("reads '{name}', which is empty until {setter} sets it"),
                        ),
                        (Some(setter), _) => (
                            Code::UsedBeforeSet,
                            format!("reads '{name}' before {setter} sets it: it reads undefined"),
                        ),
                        (None, _) => (
                            Code::UndefinedVariable,
                            format!("reads '{name}', defined nowhere and set by no script in the run: it reads undefined"),
                        ),
                    };
                    pending.push((
                        script.owner,
                        Severity::Warning,
                        code,
                        script.at(*line),
                        name.clone(),
                        message,
                    ));
                }
                for (name, _) in &script.facts.sets {
                    set_so_far.insert(name);
                }
            }
            Step::Request(e) => {
                let entry = &entries[*e];
                let Some(request) = &entry.item.request else {
                    continue;
                };
                let scopes = scopes_at(defined, &set_so_far, &filled_later);
                let ctx = BuildContext {
                    collection,
                    parents: &entry.parents,
                    scopes: &scopes,
                    files: &files,
                    settings: &settings,
                };
                let Ok(built) = request::build(&without_files(request), entry.item, &ctx) else {
                    continue;
                };
                for u in built.unresolved {
                    let owner = if u.part.starts_with("auth ") {
                        auth_owner(collection, entry).map_or(Owner::Item(entry.item), |(o, _)| o)
                    } else {
                        Owner::Item(entry.item)
                    };
                    // Inherited auth is reported where it is written, naming the request.
                    let first = match owner {
                        Owner::Item(i) if std::ptr::eq(i, entry.item) => String::new(),
                        _ => format!(
                            " (first in '{}')",
                            super::path_of(&entry.parents, entry.item)
                        ),
                    };
                    let name = &u.name;
                    let (severity, code, message) = if filled_later.contains(name.as_str()) {
                        let setter = later(name, k).unwrap_or_default();
                        (
                            Severity::Warning,
                            Code::UsedBeforeSet,
                            format!("{{{{{name}}}}} is empty until {setter} sets it; it is sent empty{first}"),
                        )
                    } else if name.starts_with('$') {
                        (
                            Severity::Error,
                            Code::UnknownDynamicVariable,
                            format!("{{{{{name}}}}} is not a Postman dynamic variable; it is sent as literal text{first}"),
                        )
                    } else if let Some(setter) = later(name, k) {
                        (
                            Severity::Error,
                            Code::UsedBeforeSet,
                            format!("{{{{{name}}}}} is set only later, by {setter}; it is sent unresolved{first}"),
                        )
                    } else {
                        (
                            Severity::Error,
                            Code::UndefinedVariable,
                            format!("{{{{{name}}}}} is defined nowhere and set by no script in the run; it is sent as literal text{first}"),
                        )
                    };
                    pending.push((owner, severity, code, u.part.clone(), name.clone(), message));
                }
            }
        }
    }
    for (owner, severity, code, location, subject, message) in pending {
        findings.add(owner, severity, code, location, subject, message);
    }
}

/// Auth types postie does not compute: whatever `request::auth` reports as
/// unsupported, so this list follows the library.
pub(crate) fn auth<'c>(
    collection: &'c Collection,
    entries: &[Entry<'c>],
    findings: &mut Findings<'_, 'c>,
) {
    for entry in entries {
        let Some((owner, a)) = auth_owner(collection, entry) else {
            continue;
        };
        if let AuthSpec::Unsupported { kind, .. } = auth::spec(a, &mut |_| Text::default()) {
            findings.add(
                owner,
                Severity::Warning,
                Code::UnsupportedAuth,
                format!("auth {kind}"),
                kind.clone(),
                // Every auth type newman 6.2.2 has a handler for is implemented, so what is left is
                // a type neither knows (a typo, an app-only type); newman too sends without it.
                format!("{kind} is an auth type neither postie nor newman has a handler for: requests using it are sent without auth"),
            );
        }
    }
}

/// Scripts reaching sandbox APIs postie lacks, once per API and script.
pub(crate) fn sandbox_apis<'c>(index: &ScriptIndex<'c>, findings: &mut Findings<'_, 'c>) {
    for script in &index.scripts {
        let mut seen = HashSet::new();
        for u in &script.facts.uses {
            let Some(api) = reached(u) else { continue };
            if !seen.insert(api.api) {
                continue;
            }
            findings.add(
                script.owner,
                Severity::Error,
                Code::UnsupportedScriptApi,
                script.at(u.line),
                api.api,
                format!("{} is not available in postie's script sandbox yet: the script throws when it gets there", api.api),
            );
        }
    }
}
