//! Inputs the fuzz targets (fuzz/, docs/reliability.md "Fuzzing") found, each
//! kept in fuzz/regressions/ and replayed here through the binary or the
//! library entry point the target calls.

mod support;

use std::path::{Path, PathBuf};
use support::postie;

fn regression(target: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target)
        .join(name)
}

/// `collection` target: a non-ASCII character before the first `/` of a URL
/// (here a BOM inside `{{bas…}}`) panicked while the URL was split into parts
/// (`start byte index 6 is not a char boundary`), so `run`, `export` and `mock`
/// died with exit 70. The host is not a valid one, so the request is reported as
/// not exportable, naming the URL, and the export goes on.
#[test]
fn collection_with_non_ascii_before_the_path_exports() {
    let file = regression("collection", "non-ascii-before-path.json");
    let out = postie()
        .args(["export", "curl"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("char boundary"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("request 'r': cannot be exported: invalid URL"),
        "{stderr}"
    );
}

/// `url` target: the same panic with a non-ASCII host in raw URL text.
#[test]

fn url_with_non_ascii_host_splits_into_parts() {
    let raw = std::fs::read_to_string(regression("url", "non-ascii-host")).unwrap();
    let url = postie::collection::Url::parse(&raw);
    assert_eq!(url.host, Some(vec!["hé".to_string()]));
    assert_eq!(url.path, Some(vec!["p".to_string()]));
}

/// A `substitute` input as the target reads it: `name=value` assignments, then
/// the template, NUL-separated (here all in the environment).
fn substitute_input(name: &str) -> (postie::vars::Scopes, String) {
    let data = std::fs::read(regression("substitute", name)).unwrap();
    let text = String::from_utf8_lossy(&data);
    let parts: Vec<&str> = text.split('\0').collect();
    let mut scopes = postie::vars::Scopes::default();
    for a in &parts[..parts.len() - 1] {
        if let Some((k, v)) = postie::vars::parse_assignment(a) {
            scopes.environment.set(&k, serde_json::Value::String(v));
        }
    }
    (scopes, parts[parts.len() - 1].to_string())
}

/// `substitute` target: 68 bytes whose variable refers to itself twice double
/// at every pass up to the 32 MiB cap (`MAX_RESOLVED_BYTES`). Bounded by design;
/// kept as the input that shows what one reference can cost.
#[test]
fn doubling_self_reference_stops_at_the_cap() {
    let (scopes, template) = substitute_input("doubling-self-reference");
    let resolved = scopes.resolve(&template);
    assert!(resolved.text.len() <= postie::vars::substitute::MAX_RESOLVED_BYTES);
    assert!(
        resolved.unresolved.contains(&"b".to_string()),
        "{:?}",
        resolved.unresolved
    );
}

/// `substitute` target: with `b` = `{{{b}}` (a value wrapping its own reference
/// in one more brace), `{{a{{b}}}}` resolved whole grew for nineteen passes, but a
/// request's text, resolved reference by reference, stopped after one: the
/// reference finder skipped a `{{` followed by a brace instead of trying the next
/// character, so `{{{b}}` seemed to hold no reference. newman grows it nineteen
/// times; both ways now agree with it, and with each other.
#[test]
fn a_value_wrapping_its_own_reference_resolves_the_same_whole_and_by_parts() {
    let (scopes, template) = substitute_input("resolve-text-disagrees");
    let template = template.as_str();
    let whole = scopes.resolve(template);
    assert_eq!(scopes.resolve_text(template).value(), whole.text);
    assert!(
        whole
            .text
            .ends_with(&format!("{{{{a{}b}}}}}}}}", "{".repeat(21))),
        "{}",
        whole.text
    );
}

/// `script_convert` target, seeded with what issue 11 reported: `xml2Json` on
/// XML nested 60,000 deep builds the tree without recursion, but turning it
/// into JSON text recursed (serde_json) until the stack overflowed, aborting
/// the process. It must be a script error instead.
#[test]
fn xml_nested_60000_deep_is_refused() {
    let xml = format!("{}{}", "<a>".repeat(60_000), "</a>".repeat(60_000));
    let result = postie::script::natives::xml_to_json(&xml, "{}");
    let error = result.expect_err("deep XML is refused");
    assert!(
        matches!(error, postie::script::natives::XmlError::TooDeep { .. }),
        "{error}"
    );
}

/// `url` target: 181 bytes (a URL whose variable `h` holds `{{h}}` three
/// times) took 144 s and 1.1 GiB under the fuzzer. Each part of a URL (host,
/// every path segment, every query key and value, the hash) is resolved on its
/// own, and each may grow to the 32 MiB substitution limit, so the URL as a
/// whole was not bounded by it. Here with five parts: they now share one limit,
/// so the URL is at most the limit before encoding, three times it after (each
/// byte becomes at most `%XX`).
#[test]
fn self_referencing_variable_in_every_url_part_stays_within_the_limit() {
    let url = postie::collection::Url::parse("{{h}}/{{h}}?{{h}}={{h}}#{{h}}");
    let mut scopes = postie::vars::Scopes::default();
    scopes
        .environment
        .set("h", serde_json::Value::String("{{h}}{{h}}".to_string()));
    let built = postie::request::url::build_url(&url, &scopes, true);
    let len = built.text.value().len();
    assert!(
        len <= 3 * postie::vars::substitute::MAX_RESOLVED_BYTES,
        "{len} bytes"
    );
}
