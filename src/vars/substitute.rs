//! `{{variable}}` substitution with Postman's rules: recursive, with a depth
//! limit, unresolved names left in place and reported.

use super::dynamic;
use super::scope::Scopes;

/// Postman stops substituting after this many passes, which ends reference cycles
/// (postman-collection's `VARS_SUBREPLACE_LIMIT`: `{{v0}}` in a chain of names
/// each naming the next ends as `{{v19}}`).
pub const MAX_DEPTH: usize = 19;

/// The longest text substitution may produce. A variable that refers to
/// itself more than once (`b` = `x{{b}}{{b}}`) doubles the text at every pass:
/// newman runs out of memory on it. Here the pass that would pass this size is
/// not made, and the references left are reported as unresolved.
pub const MAX_RESOLVED_BYTES: usize = 32 * 1024 * 1024;

/// The result of substituting one piece of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub text: String,
    /// Names that no scope defines, in order of first appearance.
    pub unresolved: Vec<String>,
}

/// Positions of `{{name}}` references in text, as (start, end, name).
pub fn references(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{") {
        let start = from + open;
        let inner_start = start + 2;
        // Postman's /\{\{([^{}]*?)}}/: the name runs to the first brace, which must
        // start `}}`; else the next `{{` is tried, one character on (so `{{{b}}`
        // holds `{{b}}`, and `{{a{{b}}}}` the inner `{{b}}`).
        let len = text[inner_start..]
            .find(['{', '}'])
            .unwrap_or(text.len() - inner_start);
        let end = inner_start + len;
        if !text[end..].starts_with("}}") {
            from = start + 1;
            continue;
        }
        // `{{}}` matches too, but names nothing: it is passed over, not reported.
        if len > 0 {
            out.push((start, end + 2, &text[inner_start..end]));
        }
        from = end + 2;
    }
    out
}

/// Does the text contain any `{{reference}}`?
pub fn has_references(text: &str) -> bool {
    !references(text).is_empty()
}

impl Scopes {
    /// Substitutes every `{{name}}` in `text`, recursively through values that
    /// contain references themselves. `{{$dynamic}}` names get a fresh value per use.
    pub fn resolve(&self, text: &str) -> Resolved {
        self.resolve_within(text, MAX_RESOLVED_BYTES)
    }

    /// [`Scopes::resolve`] that stops substituting once the text would grow past
    /// `limit` bytes (never below the text's own length), leaving the rest as
    /// `{{name}}`. Several texts that make one value (the parts of a URL) share
    /// one limit this way.
    pub fn resolve_within(&self, text: &str, limit: usize) -> Resolved {
        let mut unresolved: Vec<String> = Vec::new();
        let mut current = text.to_string();
        let cap = limit.max(text.len());
        'passes: for _ in 0..MAX_DEPTH {
            let refs = references(&current);
            if refs.is_empty() {
                break;
            }
            let mut out = String::with_capacity(current.len());
            let mut last = 0;
            let mut changed = false;
            for (start, end, name) in refs {
                out.push_str(&current[last..start]);
                let value = self
                    .lookup_text(name)
                    .or_else(|| name.strip_prefix('$').and_then(dynamic::generate));
                match value {
                    Some(v) if out.len() + v.len() + (current.len() - end) > cap => {
                        break 'passes;
                    }
                    Some(v) => {
                        out.push_str(&v);
                        changed = true;
                    }
                    None => {
                        if !unresolved.iter().any(|u| u == name) {
                            unresolved.push(name.to_string());
                        }
                        out.push_str(&current[start..end]);
                    }
                }
                last = end;
            }
            out.push_str(&current[last..]);
            current = out;
            if !changed {
                break;
            }
        }
        // A name that resolved on a later pass is not unresolved after all.
        let remaining: Vec<&str> = references(&current)
            .into_iter()
            .map(|(_, _, n)| n)
            .collect();
        unresolved.retain(|u| remaining.contains(&u.as_str()));
        for n in remaining {
            if !unresolved.iter().any(|u| u == n) {
                unresolved.push(n.to_string());
            }
        }
        Resolved {
            text: current,
            unresolved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vars::VariableScope;
    use serde_json::json;

    fn scopes() -> Scopes {
        let mut s = Scopes::default();
        s.environment.set("tenant", json!("acme"));
        s.environment
            .set("base", json!("https://api-{{tenant}}.example.com/v1"));
        s.globals.set("tenant", json!("globex"));
        s.collection.set("n", json!(5));
        s.environment.set("a", json!("{{b}}"));
        s.environment.set("b", json!("{{a}}"));
        s
    }

    #[test]
    fn resolves_recursively_with_precedence() {
        let r = scopes().resolve("{{base}}/apps?n={{n}}");
        assert_eq!(r.text, "https://api-acme.example.com/v1/apps?n=5");
        assert!(r.unresolved.is_empty());
    }

    #[test]
    fn unresolved_names_stay_and_are_reported() {
        let r = scopes().resolve("x {{organization.name}} {{missing}} {{missing}}");
        assert_eq!(r.text, "x {{organization.name}} {{missing}} {{missing}}");
        assert_eq!(r.unresolved, vec!["organization.name", "missing"]);
    }

    #[test]
    fn cycles_stop_at_the_depth_limit() {
        // Nineteen passes, as newman makes: a, b, a, … ends on b.
        let r = scopes().resolve("{{a}}");
        assert_eq!(r.text, "{{b}}");
    }

    #[test]
    fn a_reference_can_start_after_a_stray_brace() {
        assert_eq!(references("{{{b}}"), vec![(1, 6, "b")]);
        assert_eq!(references("{{a{{b}}}}"), vec![(3, 8, "b")]);
        assert_eq!(references("{{}}{{ }}{{a}b}}"), vec![(4, 9, " ")]);
        assert_eq!(references("{{x"), vec![]);
    }

    #[test]
    fn a_value_that_wraps_its_own_reference_grows_for_nineteen_passes_as_in_newman() {
        // newman 6.2.2 sends `{{b}}` with b = `{{{b}}` as 21 `{` then `b}}`.
        let mut s = Scopes::default();
        s.environment.set("b", json!("{{{b}}"));
        let r = s.resolve("{{b}}");
        assert_eq!(r.text, format!("{}b}}}}", "{".repeat(21)));
        assert_eq!(s.resolve_text("{{b}}").value(), r.text);
    }

    #[test]
    fn chains_and_cycles_stop_after_nineteen_passes_as_in_newman() {
        let mut s = Scopes::default();
        for i in 0..25 {
            s.environment
                .set(&format!("v{i}"), json!(format!("{{{{v{}}}}}", i + 1)));
        }
        assert_eq!(s.resolve("{{v0}}").text, "{{v19}}");
        assert_eq!(s.resolve("{{v6}}").text, "{{v25}}");
        let mut c = Scopes::default();
        c.environment.set("a", json!("x{{b}}"));
        c.environment.set("b", json!("y{{a}}"));
        let r = c.resolve("{{a}}");
        assert_eq!(r.text, format!("{}x{{{{b}}}}", "xy".repeat(9)));
        assert_eq!(r.unresolved, ["b"]);
    }

    #[test]
    fn typed_values_are_written_as_newman_writes_them() {
        let mut s = Scopes::default();
        s.environment.set("z", json!(null));
        s.environment.set("o", json!({"x": 1}));
        s.environment.set("nul", json!("from the environment"));
        s.data.set("arr", json!([1, "two"]));
        s.data.set("nul", json!(null));
        let r = s.resolve("{{z}} {{o}} {{arr}} {{nul}}");
        assert_eq!(r.text, "null [object Object] 1,two {{nul}}");
        assert_eq!(r.unresolved, ["nul"]);
    }

    #[test]
    fn names_that_are_there_but_give_no_value_say_why() {
        let mut s = Scopes::default();
        s.environment.values.push(crate::collection::Variable {
            key: Some("off".into()),
            value: json!("v"),
            enabled: Some(false),
            ..Default::default()
        });
        s.data.set("nul", json!(null));
        assert_eq!(s.resolve("{{off}}").unresolved, ["off"]);
        assert_eq!(s.why_unresolved("off"), Some("disabled in the environment"));
        assert_eq!(s.why_unresolved("nul"), Some("null in the data file"));
        assert_eq!(s.why_unresolved("missing"), None);
    }

    #[test]
    fn self_references_that_multiply_stop_at_the_size_limit() {
        let mut s = Scopes::default();
        s.environment.set("b", json!("x{{b}}{{b}}{{b}}{{b}}"));
        let r = s.resolve("q={{b}}");
        assert!(r.text.len() <= MAX_RESOLVED_BYTES, "{}", r.text.len());
        assert!(r.text.len() > MAX_RESOLVED_BYTES / 8, "{}", r.text.len());
        assert_eq!(r.unresolved, ["b"]);
    }

    #[test]
    fn local_beats_data_beats_environment() {
        let mut s = scopes();
        s.data = VariableScope::from_variables(vec![]);
        s.data.set("tenant", json!("data"));
        assert_eq!(s.resolve("{{tenant}}").text, "data");
        s.local.set("tenant", json!("local"));
        assert_eq!(s.resolve("{{tenant}}").text, "local");
    }

    #[test]
    fn dynamic_variables_are_fresh() {
        let s = Scopes::default();
        let r = s.resolve("{{$guid}} {{$guid}}");
        let parts: Vec<&str> = r.text.split(' ').collect();
        assert_eq!(parts[0].len(), 36);
        assert_ne!(parts[0], parts[1]);
        assert!(s.resolve("{{$nope}}").unresolved == vec!["$nope"]);
    }
}
