//! What a script obviously does with variables and the run, read from its tokens
//! without running it: literal variable names it reads and sets, literal
//! `setNextRequest` targets, and the dotted names it touches (for the sandbox
//! APIs postie lacks).
//!
//! Only literal arguments count: `pm.environment.set(key, v)` with a computed
//! key is invisible here, by design (lint reports what it can be sure of).

/// One token of JavaScript, as far as lint needs to tell them apart.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// A string literal (or a template literal without `${}`), decoded.
    Str(String),
    /// A template literal with substitutions: its value is not known.
    Template,
    Punct(char),
    /// Numbers, regular expressions: values that end an expression.
    Value,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

/// Words after which a `/` starts a regular expression rather than a division.
const REGEX_AFTER: &[&str] = &[
    "return",
    "typeof",
    "case",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "instanceof",
    "do",
    "else",
    "yield",
    "await",
];

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    out: Vec<Token>,
}

impl Lexer {
    fn new(src: &str) -> Self {
        Lexer {
            chars: src.chars().collect(),
            pos: 0,
            line: 1,
            out: Vec::new(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn push(&mut self, tok: Tok, line: usize) {
        self.out.push(Token { tok, line });
    }

    fn regex_allowed(&self) -> bool {
        match self.out.last().map(|t| &t.tok) {
            None => true,
            Some(Tok::Ident(w)) => REGEX_AFTER.contains(&w.as_str()),
            Some(Tok::Punct(c)) => !matches!(c, ')' | ']' | '}'),
            Some(_) => false,
        }
    }

    fn run(mut self) -> Vec<Token> {
        self.lex(false);
        self.out
    }

    /// Tokenizes up to the end, or (inside a template's `${`) up to its closing brace.
    fn lex(&mut self, in_substitution: bool) {
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            let line = self.line;
            match c {
                '{' => {
                    depth += 1;
                    self.bump();
                    self.push(Tok::Punct('{'), line);
                }
                '}' if in_substitution && depth == 0 => {
                    self.bump();
                    return;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    self.bump();
                    self.push(Tok::Punct('}'), line);
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                '/' if self.peek(1) == Some('/') => {
                    while let Some(c) = self.peek(0) {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                '/' if self.peek(1) == Some('*') => {
                    self.bump();
                    self.bump();
                    while self.peek(0).is_some()
                        && !(self.peek(0) == Some('*') && self.peek(1) == Some('/'))
                    {
                        self.bump();
                    }
                    self.bump();
                    self.bump();
                }
                '/' if self.regex_allowed() => {
                    self.regex();
                    self.push(Tok::Value, line);
                }
                '\'' | '"' => {
                    let s = self.string(c);
                    self.push(Tok::Str(s), line);
                }
                '`' => {
                    let t = self.template();
                    self.push(t, line);
                }
                c if c.is_ascii_digit() => {
                    while self
                        .peek(0)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                    {
                        self.bump();
                    }
                    self.push(Tok::Value, line);
                }
                c if c == '_' || c == '$' || c.is_alphabetic() => {
                    let mut w = String::new();
                    while let Some(c) = self.peek(0) {
                        if c == '_' || c == '$' || c.is_alphanumeric() {
                            w.push(c);
                            self.bump();
                        } else {
                            break;
                        }
                    }
                    self.push(Tok::Ident(w), line);
                }
                '?' if self.peek(1) == Some('.')
                    && !self.peek(2).is_some_and(|c| c.is_ascii_digit()) =>
                {
                    // Optional chaining reads like a member access.
                    self.bump();
                    self.bump();
                    self.push(Tok::Punct('.'), line);
                }
                _ => {
                    self.bump();
                    self.push(Tok::Punct(c), line);
                }
            }
        }
    }

    fn regex(&mut self) {
        self.bump();
        let mut class = false;
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '[' => class = true,
                ']' => class = false,
                '/' if !class => break,
                '\n' => break,
                _ => {}
            }
        }
        while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.bump();
        }
    }

    fn string(&mut self, quote: char) -> String {
        self.bump();
        let mut s = String::new();
        while let Some(c) = self.bump() {
            match c {
                c if c == quote => break,
                '\n' => break,
                '\\' => {
                    if let Some(e) = self.escape() {
                        s.push(e);
                    }
                }
                c => s.push(c),
            }
        }
        s
    }

    fn escape(&mut self) -> Option<char> {
        let c = self.bump()?;
        Some(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'v' => '\u{b}',
            '0' => '\0',
            'u' => {
                let mut hex = String::new();
                if self.peek(0) == Some('{') {
                    self.bump();
                    while let Some(c) = self.bump() {
                        if c == '}' {
                            break;
                        }
                        hex.push(c);
                    }
                } else {
                    for _ in 0..4 {
                        hex.extend(self.bump());
                    }
                }
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)?
            }
            'x' => {
                let hex: String = [self.bump(), self.bump()].into_iter().flatten().collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)?
            }
            '\n' => return None,
            other => other,
        })
    }

    /// A template literal. The code of its substitutions is tokenized in place
    /// (before the template's own token), so reads inside `${}` count.
    fn template(&mut self) -> Tok {
        self.bump();
        let mut s = String::new();
        let mut literal = true;
        while let Some(c) = self.bump() {
            match c {
                '`' => break,
                '\\' => {
                    if let Some(e) = self.escape() {
                        s.push(e);
                    }
                }
                '$' if self.peek(0) == Some('{') => {
                    literal = false;
                    self.bump();
                    self.lex(true);
                }
                c => s.push(c),
            }
        }
        if literal {
            Tok::Str(s)
        } else {
            Tok::Template
        }
    }
}

/// A dotted name the script uses (`pm.environment.set`), where, and its first
/// argument when it is called with a literal one.
#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    pub path: Vec<String>,
    pub line: usize,
    pub call: Option<Arg>,
}

/// The first argument of a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Literal(String),
    Null,
    /// Anything else (a variable, an expression, no argument).
    Other,
}

/// Every dotted name in a script, in order. A chain starts at an identifier not
/// preceded by `.`, so `a.pm.vault` is not `pm.vault`.
pub fn uses(source: &str) -> Vec<Use> {
    let toks = Lexer::new(source).run();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Ident(first) = &toks[i].tok else {
            i += 1;
            continue;
        };
        let after_dot = i > 0 && toks[i - 1].tok == Tok::Punct('.');
        if after_dot {
            i += 1;
            continue;
        }
        let line = toks[i].line;
        let mut path = vec![first.clone()];
        let mut j = i + 1;
        while j + 1 < toks.len() && toks[j].tok == Tok::Punct('.') {
            match &toks[j + 1].tok {
                Tok::Ident(n) => {
                    path.push(n.clone());
                    j += 2;
                }
                _ => break,
            }
        }
        let call = (toks.get(j).map(|t| &t.tok) == Some(&Tok::Punct('('))).then(|| {
            let arg = toks.get(j + 1).map(|t| &t.tok);
            let next = toks.get(j + 2).map(|t| &t.tok);
            let ends = matches!(next, Some(Tok::Punct(',')) | Some(Tok::Punct(')')));
            match arg {
                Some(Tok::Str(s)) if ends => Arg::Literal(s.clone()),
                Some(Tok::Ident(n)) if n == "null" && ends => Arg::Null,
                _ => Arg::Other,
            }
        });
        out.push(Use { path, line, call });
        i = j.max(i + 1);
    }
    out
}

/// What lint reads from one script.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScriptFacts {
    /// Variables read by literal name, with their line.
    pub reads: Vec<(String, usize)>,
    /// Variables set by literal name, with their line.
    pub sets: Vec<(String, usize)>,
    /// Literal `setNextRequest` targets.
    pub next_requests: Vec<(String, usize)>,
    /// Every dotted name and call, for the sandbox API check.
    pub uses: Vec<Use>,
}

const SCOPES: &[&str] = &[
    "variables",
    "environment",
    "collectionVariables",
    "globals",
    "iterationData",
];

impl ScriptFacts {
    pub fn of(source: &str) -> ScriptFacts {
        let mut facts = ScriptFacts::default();
        for u in uses(source) {
            let p: Vec<&str> = u.path.iter().map(String::as_str).collect();
            let Some(Arg::Literal(arg)) = &u.call else {
                facts.uses.push(u);
                continue;
            };
            let arg = arg.clone();
            match p.as_slice() {
                ["pm", scope, "get"] if SCOPES.contains(scope) => facts.reads.push((arg, u.line)),
                ["pm", scope, "set"] if SCOPES.contains(scope) && *scope != "iterationData" => {
                    facts.sets.push((arg, u.line))
                }
                ["pm", "variables", "replaceIn"] => {
                    for (_, _, name) in crate::vars::references(&arg) {
                        facts.reads.push((name.to_string(), u.line));
                    }
                }
                ["postman", "getEnvironmentVariable" | "getGlobalVariable"] => {
                    facts.reads.push((arg, u.line))
                }
                ["postman", "setEnvironmentVariable" | "setGlobalVariable"] => {
                    facts.sets.push((arg, u.line))
                }
                ["postman", "setNextRequest"] | ["pm", "execution", "setNextRequest"] => {
                    facts.next_requests.push((arg, u.line))
                }
                _ => {}
            }
            facts.uses.push(u);
        }
        facts
    }

    pub fn sets_name(&self, name: &str) -> bool {
        self.sets.iter().any(|(n, _)| n == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[(String, usize)]) -> Vec<(&str, usize)> {
        v.iter().map(|(n, l)| (n.as_str(), *l)).collect()
    }

    #[test]
    fn finds_literal_reads_and_sets() {
        let f = ScriptFacts::of(
            "var t = pm.environment.get('token');\n\
             pm.collectionVariables.set(\"id\", json.id);\n\
             postman.setEnvironmentVariable(`user`, x);\n\
             pm.globals.set(key, 1); // computed: not seen\n\
             pm.variables.replaceIn('{{a}}-{{b}}');\n\
             postman.getGlobalVariable('g')",
        );
        assert_eq!(
            names(&f.reads),
            vec![("token", 1), ("a", 5), ("b", 5), ("g", 6)]
        );
        assert_eq!(names(&f.sets), vec![("id", 2), ("user", 3)]);
    }

    #[test]
    fn comments_strings_and_regexes_hide_nothing_and_invent_nothing() {
        let f = ScriptFacts::of(
            "// pm.environment.set('commented', 1)\n\
             /* pm.environment.set('block', 1) */\n\
             var s = \"pm.environment.set('quoted', 1)\";\n\
             var r = /'/.test(s); pm.environment.set('after_regex', 1);\n\
             var d = a / b; pm.environment.set('after_division', 1);\n\
             var t = `x ${pm.environment.get('inner')} ${'}'}`; pm.environment.set('after_template', 2);",
        );
        assert_eq!(
            names(&f.sets),
            vec![
                ("after_regex", 4),
                ("after_division", 5),
                ("after_template", 6)
            ]
        );
        // Code inside a template's `${}` is read like any other.
        assert_eq!(names(&f.reads), vec![("inner", 6)]);
    }

    #[test]
    fn next_request_targets_are_literal_only() {
        let f = ScriptFacts::of(
            "postman.setNextRequest('Step 2');\n\
             pm.execution.setNextRequest(null);\n\
             pm.execution.setNextRequest(next);\n\
             pm.execution.setNextRequest('a' + b);",
        );
        assert_eq!(names(&f.next_requests), vec![("Step 2", 1)]);
    }

    #[test]
    fn chains_start_at_their_first_name() {
        let u = uses("x.pm.vault; pm.vault.get('k'); pm?.datasets");
        let paths: Vec<String> = u.iter().map(|u| u.path.join(".")).collect();
        assert_eq!(paths, vec!["x.pm.vault", "pm.vault.get", "pm.datasets"]);
        assert_eq!(u[1].call, Some(Arg::Literal("k".into())));
    }
}
