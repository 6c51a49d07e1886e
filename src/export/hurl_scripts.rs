//! Test scripts turned into Hurl: statically recognisable statements (status
//! checks, `pm.environment.set(x, json.a.b)` captures, simple
//! `pm.expect(…).to.eql(…)`) become `HTTP n`, `[Captures]` and `[Asserts]`; every
//! other line is listed as not translated.

use super::prepare::Prepared;

/// A Hurl string in double quotes.
pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// What the scripts of a request turned into.
#[derive(Debug, Default)]
pub(crate) struct Translated {
    pub status: Option<u16>,
    pub captures: Vec<String>,
    pub asserts: Vec<String>,
    /// Lines that were not translated, with where they come from.
    pub untranslated: Vec<String>,
}

/// `json.a.b[0]["c d"]` after the alias → `$.a.b[0]['c d']`.
fn jsonpath(access: &str) -> Option<String> {
    let mut out = String::from("$");
    let mut rest = access.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push('.');
            out.push_str(&r[..end]);
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = r[..end].trim();
            if inner.bytes().all(|b| b.is_ascii_digit()) && !inner.is_empty() {
                out.push_str(&format!("[{inner}]"));
            } else if let Some(k) = js_string(inner) {
                out.push_str(&format!("['{}']", k.replace('\'', "\\'")));
            } else {
                return None;
            }
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// A JavaScript string literal's text.
fn js_string(s: &str) -> Option<String> {
    let s = s.trim();
    let q = s.chars().next()?;
    if !(q == '"' || q == '\'' || q == '`') || !s.ends_with(q) || s.len() < 2 {
        return None;
    }
    let inner = &s[1..s.len() - 1];
    if inner.contains(q) || inner.contains('\\') || (q == '`' && inner.contains("${")) {
        return None;
    }
    Some(inner.to_string())
}

/// A JavaScript literal as a Hurl predicate value.
fn js_literal(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(t) = js_string(s) {
        return Some(quoted(&t));
    }
    match s {
        "true" | "false" | "null" => return Some(s.to_string()),
        _ => {}
    }
    if s.parse::<f64>().is_ok() && !s.starts_with('+') {
        return Some(s.to_string());
    }
    None
}

/// Splits `f(a, b)` arguments at top-level commas.
fn args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c)
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'' | '`') => {
                quote = Some(c);
                cur.push(c)
            }
            (None, '(' | '[' | '{') => {
                depth += 1;
                cur.push(c)
            }
            (None, ')' | ']' | '}') => {
                depth -= 1;
                cur.push(c)
            }
            (None, ',') if depth == 0 => out.push(std::mem::take(&mut cur)),
            (None, c) => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|a| a.trim().to_string()).collect()
}

/// `name(inner)` → inner, when the whole statement is that call.
fn call<'s>(stmt: &'s str, name: &str) -> Option<&'s str> {
    stmt.strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// The JSON access path of an expression over the parsed body (`json.a.b`,
/// `pm.response.json().a`), as a jsonpath.
fn body_path(expr: &str, aliases: &[String]) -> Option<String> {
    let expr = expr.trim();
    for direct in ["pm.response.json()", "JSON.parse(responseBody)"] {
        if let Some(rest) = expr.strip_prefix(direct) {
            return jsonpath(rest);
        }
    }
    for a in aliases {
        if let Some(rest) = expr.strip_prefix(a.as_str()) {
            if rest.is_empty() || rest.starts_with(['.', '[']) {
                return jsonpath(rest);
            }
        }
    }
    None
}

fn translate_statement(stmt: &str, aliases: &mut Vec<String>, out: &mut Translated) -> bool {
    let stmt = stmt.trim().trim_end_matches(';').trim();
    // Structure that carries nothing by itself.
    if stmt.is_empty()
        || stmt.starts_with("//")
        || matches!(stmt, "}" | "})" | "});" | "{")
        || (stmt.starts_with("pm.test(")
            && (stmt.ends_with("function () {")
                || stmt.ends_with("function() {")
                || stmt.ends_with("=> {")))
    {
        return true;
    }
    // var json = JSON.parse(responseBody) / pm.response.json()
    for decl in ["var ", "let ", "const "] {
        if let Some(rest) = stmt.strip_prefix(decl) {
            if let Some((name, value)) = rest.split_once('=') {
                let value = value.trim();
                if matches!(value, "JSON.parse(responseBody)" | "pm.response.json()") {
                    aliases.push(name.trim().to_string());
                    return true;
                }
            }
        }
    }
    for setter in [
        "pm.environment.set",
        "pm.collectionVariables.set",
        "pm.globals.set",
        "pm.variables.set",
        "postman.setEnvironmentVariable",
        "postman.setGlobalVariable",
    ] {
        if let Some(inner) = call(stmt, setter) {
            let a = args(inner);
            if a.len() == 2 {
                if let (Some(name), Some(path)) = (js_string(&a[0]), body_path(&a[1], aliases)) {
                    if name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        out.captures
                            .push(format!("{name}: jsonpath {}", quoted(&path)));
                        return true;
                    }
                }
            }
            return false;
        }
    }
    if let Some(inner) = call(stmt, "pm.response.to.have.status") {
        if let Ok(n) = inner.trim().parse::<u16>() {
            out.status = Some(n);
            return true;
        }
        return false;
    }
    // pm.expect(X).to.eql(V) / .to.equal(V) / .to.eq(V)
    if let Some(rest) = stmt.strip_prefix("pm.expect(") {
        for m in [").to.eql(", ").to.equal(", ").to.eq(", ").to.be.eql("] {
            if let Some((subject, value)) = rest.split_once(m) {
                let Some(value) = value.strip_suffix(')') else {
                    return false;
                };
                let subject = subject.trim();
                if matches!(subject, "pm.response.code" | "responseCode.code") {
                    if let Ok(n) = value.trim().parse::<u16>() {
                        out.status = Some(n);
                        return true;
                    }
                    return false;
                }
                if let (Some(path), Some(v)) = (body_path(subject, aliases), js_literal(value)) {
                    out.asserts
                        .push(format!("jsonpath {} == {v}", quoted(&path)));
                    return true;
                }
                return false;
            }
        }
    }
    false
}

/// Translates the test scripts of a request; prerequest scripts have no Hurl form.
pub(crate) fn translate(p: &Prepared) -> Translated {
    let mut out = Translated::default();
    for (origin, lines) in &p.prerequest {
        for (i, line) in lines.iter().enumerate() {
            if !line.trim().is_empty() && !line.trim().starts_with("//") {
                out.untranslated
                    .push(format!("{origin}, line {}: {}", i + 1, line.trim()));
            }
        }
    }
    for (origin, lines) in &p.tests {
        let mut aliases = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let stmts: Vec<&str> = if line.contains("; ") {
                line.split("; ").collect()
            } else {
                vec![line.as_str()]
            };
            let ok = stmts
                .iter()
                .all(|s| translate_statement(s, &mut aliases, &mut out));
            if !ok {
                out.untranslated
                    .push(format!("{origin}, line {}: {}", i + 1, line.trim()));
            }
        }
    }
    out
}

/// Names the collection's scripts set (`pm.environment.set("token", …)` and the
/// like): variables a run has by the time a later request uses them.
pub(crate) fn names_set_by_scripts(collection: &crate::collection::Collection) -> Vec<String> {
    fn events(items: &[crate::collection::Item], out: &mut Vec<String>) {
        for i in items {
            for e in &i.event {
                if let Some(s) = &e.script {
                    out.extend(s.exec.iter().cloned());
                }
            }
            if let Some(children) = &i.item {
                events(children, out);
            }
        }
    }
    let mut lines = Vec::new();
    for e in &collection.event {
        if let Some(s) = &e.script {
            lines.extend(s.exec.iter().cloned());
        }
    }
    events(&collection.item, &mut lines);
    let mut names = Vec::new();
    for line in &lines {
        for setter in [
            "environment.set(",
            "collectionVariables.set(",
            "globals.set(",
            "variables.set(",
            "setEnvironmentVariable(",
            "setGlobalVariable(",
        ] {
            for (i, _) in line.match_indices(setter) {
                let rest = line[i + setter.len()..].trim_start();
                let Some(q) = rest.chars().next().filter(|c| "\"'`".contains(*c)) else {
                    continue;
                };
                if let Some(end) = rest[1..].find(q) {
                    let name = rest[1..1 + end].to_string();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
    }
    names
}
