//! `{{variable}}` substitution. The input is `name=value` assignments and a
//! template, NUL-separated (the template last); the assignments are spread over
//! the five scopes. What is left unresolved must be exactly the references left.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::vars::{parse_assignment, references, ScopeKind, Scopes};
use serde_json::Value;

const KINDS: [ScopeKind; 5] = [
    ScopeKind::Local,
    ScopeKind::Data,
    ScopeKind::Environment,
    ScopeKind::Collection,
    ScopeKind::Globals,
];

fuzz_target!(|data: &[u8]| {
    let parts = postie_fuzz::parts(data, 16);
    let (template, assignments) = parts.split_last().expect("splitn yields one part");
    let mut scopes = Scopes::default();
    for (i, a) in assignments.iter().enumerate() {
        if let Some((k, v)) = parse_assignment(a) {
            scopes.scope_mut(KINDS[i % 5]).set(&k, Value::String(v));
        }
    }
    let resolved = scopes.resolve(template);
    let mut left: Vec<&str> = references(&resolved.text)
        .into_iter()
        .map(|(_, _, n)| n)
        .collect();
    left.sort_unstable();
    left.dedup();
    let mut unresolved: Vec<&str> = resolved.unresolved.iter().map(String::as_str).collect();
    unresolved.sort_unstable();
    assert_eq!(
        left, unresolved,
        "unresolved names are the references left in {:?}",
        resolved.text
    );
    // Exports resolve piece by piece (to remember which variable gave what);
    // what they send must be what a run sends. Dynamic variables differ per use.
    let text = scopes.resolve_text(template);
    if !data.contains(&b'$') {
        assert_eq!(
            text.value(),
            resolved.text,
            "resolve_text agrees with resolve"
        );
    }
});
