//! Names that select items: `setNextRequest` targets and duplicate item names.

use super::order::ScriptIndex;
use super::{Code, Entry, Findings, Outline, Owner, Severity};
use crate::setting::Setting;
use std::collections::HashMap;

/// `setNextRequest('X')` jumps to the request with id X, else the last one named
/// X, among the requests of the run; anything else ends the iteration.
pub(crate) fn next_requests<'c>(
    outline: &Outline<'c>,
    entries: &[Entry<'c>],
    index: &ScriptIndex<'c>,
    findings: &mut Findings<'_, 'c>,
) {
    let named = |target: &str, requests: bool| {
        outline.items.iter().any(|(i, _)| {
            (i.request.is_some() == requests)
                && (i.name == target || i.id.as_deref() == Some(target))
        })
    };
    for script in &index.scripts {
        for (target, line) in &script.facts.next_requests {
            let in_run = entries
                .iter()
                .any(|e| e.item.id.as_deref() == Some(target.as_str()) || e.item.name == *target);
            if in_run {
                continue;
            }
            let why = if named(target, true) {
                format!("is outside the requests selected with {}", Setting::Folder)
            } else if named(target, false) {
                "is a folder, and setNextRequest jumps to requests only".to_string()
            } else {
                "is the name or id of no request".to_string()
            };
            findings.add(
                script.owner,
                Severity::Error,
                Code::UnknownNextRequest,
                script.at(*line),
                target.clone(),
                format!("setNextRequest('{target}'): '{target}' {why}: the iteration ends there"),
            );
        }
    }
}

/// Items that share a name: `--folder NAME` picks all of them and
/// `setNextRequest(NAME)` the last, which is rarely what was meant.
pub(crate) fn duplicates<'c>(outline: &Outline<'c>, findings: &mut Findings<'_, 'c>) {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, (item, _)) in outline.items.iter().enumerate() {
        by_name.entry(item.name.as_str()).or_default().push(n);
    }
    for (n, (item, _)) in outline.items.iter().enumerate() {
        let same = &by_name[item.name.as_str()];
        if same.len() < 2 {
            continue;
        }
        let others: Vec<String> = same
            .iter()
            .filter(|m| **m != n)
            .map(|m| format!("'{}'", outline.path(outline.items[*m].0)))
            .collect();
        let choose = match &item.id {
            Some(id) => format!("select this one by its id {id}"),
            None => "rename one".to_string(),
        };
        findings.add(
            Owner::Item(item),
            Severity::Warning,
            Code::DuplicateName,
            "name",
            item.name.clone(),
            format!(
                "{} {} the same name: by name, {} runs {} and setNextRequest jumps to the last; {choose}",
                others.join(" and "),
                if others.len() == 1 { "has" } else { "have" },
                Setting::Folder,
                if others.len() == 1 { "both" } else { "all of them" },
            ),
        );
    }
}
