//! Quoting command-line words for POSIX shells (bash, zsh), PowerShell and cmd.exe.
//!
//! A [`Word`] is literal text mixed with references to environment variables (the
//! placeholders `--redact` writes). Each shell gets the one spelling that passes
//! the literal bytes through unchanged and expands the references.

use serde::Serialize;

/// The shell a script is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    /// bash and zsh (POSIX quoting, `$'…'` for control characters).
    #[default]
    Posix,
    /// PowerShell 7.3+ calling `curl.exe`.
    Pwsh,
    /// cmd.exe batch files.
    Cmd,
}

impl Shell {
    /// Could this literal text be passed as an argument at all?
    /// (No shell passes a NUL byte; cmd.exe passes no line break or control character.)
    pub fn can_pass(self, text: &str) -> bool {
        match self {
            Shell::Posix | Shell::Pwsh => !text.contains('\0'),
            Shell::Cmd => !text.chars().any(|c| c.is_control()),
        }
    }

    /// A reference to an environment variable, as this shell spells it in a word.
    pub fn var(self, name: &str) -> String {
        match self {
            Shell::Posix => format!("${name}"),
            Shell::Pwsh => format!("$env:{name}"),
            Shell::Cmd => format!("%{name}%"),
        }
    }
}

/// A piece of a command-line word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Lit(String),
    /// An environment variable expanded by the shell.
    Var(String),
}

/// One command-line argument.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word(pub Vec<Seg>);

impl Word {
    pub fn lit(s: impl Into<String>) -> Word {
        Word(vec![Seg::Lit(s.into())])
    }

    pub fn push_lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Seg::Lit(last)) = self.0.last_mut() {
            last.push_str(s);
        } else {
            self.0.push(Seg::Lit(s.to_string()));
        }
    }

    pub fn push_var(&mut self, name: &str) {
        self.0.push(Seg::Var(name.to_string()));
    }

    pub fn append(&mut self, other: Word) {
        for s in other.0 {
            match s {
                Seg::Lit(l) => self.push_lit(&l),
                Seg::Var(v) => self.0.push(Seg::Var(v)),
            }
        }
    }

    /// The literal text, if the word has no variable.
    pub fn as_lit(&self) -> Option<String> {
        let mut out = String::new();
        for s in &self.0 {
            match s {
                Seg::Lit(l) => out.push_str(l),
                Seg::Var(_) => return None,
            }
        }
        Some(out)
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        match self.0.first() {
            Some(Seg::Lit(l)) => l.starts_with(prefix),
            _ => false,
        }
    }

    /// The literal parts joined, variables shown as `$NAME` (for checks and messages).
    pub fn display(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Seg::Lit(l) => l.clone(),
                Seg::Var(v) => format!("${v}"),
            })
            .collect()
    }

    pub fn quote(&self, shell: Shell) -> String {
        match shell {
            Shell::Posix => posix(self),
            Shell::Pwsh => pwsh(self),
            Shell::Cmd => cmd(self),
        }
    }
}

impl From<&str> for Word {
    fn from(s: &str) -> Word {
        Word::lit(s)
    }
}

impl From<String> for Word {
    fn from(s: String) -> Word {
        Word::lit(s)
    }
}

// ---------------------------------------------------------------- POSIX

fn posix_bare(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.,/:@%+=".contains(&b))
}

/// One literal for bash/zsh: bare when safe, `'…'` normally, `$'…'` when the text
/// holds control characters (so every command stays on one line).
pub fn posix_lit(s: &str) -> String {
    if posix_bare(s) {
        return s.to_string();
    }
    if s.chars().any(|c| c.is_control()) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                // C1 controls: their UTF-8 bytes, escaped one by one.
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn posix(w: &Word) -> String {
    if w.0.is_empty() {
        return "''".into();
    }
    let mut out = String::new();
    for s in &w.0 {
        match s {
            Seg::Lit(l) if l.is_empty() => {}
            Seg::Lit(l) => {
                // A bare literal right after `"${X}"` is fine; quote it anyway when it
                // could run into the next part.
                if posix_bare(l) && w.0.len() == 1 {
                    out.push_str(l);
                } else if posix_bare(l) {
                    out.push_str(&format!("'{l}'"));
                } else {
                    out.push_str(&posix_lit(l));
                }
            }
            Seg::Var(v) => out.push_str(&format!("\"${{{v}}}\"")),
        }
    }
    if out.is_empty() {
        "''".into()
    } else {
        out
    }
}

// ---------------------------------------------------------------- PowerShell

const PS_SINGLE: &[char] = &['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];
const PS_DOUBLE: &[char] = &['"', '\u{201c}', '\u{201d}', '\u{201e}'];

fn pwsh_bare(s: &str) -> bool {
    if !s.is_empty() && s.len() < 10 && s.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut chars = s.chars();
    // Starting with a letter or a dash keeps PowerShell from reading a number.
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '-')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:=".contains(&b))
        && s != "--%"
}

fn pwsh(w: &Word) -> String {
    if let Some(l) = w.as_lit() {
        if pwsh_bare(&l) {
            return l;
        }
        if !l.chars().any(|c| c.is_control()) {
            let mut out = String::from("'");
            for c in l.chars() {
                if PS_SINGLE.contains(&c) {
                    out.push(c);
                }
                out.push(c);
            }
            out.push('\'');
            return out;
        }
    }
    // Double quotes: needed for variables and control characters.
    let mut out = String::from("\"");
    for s in &w.0 {
        match s {
            Seg::Lit(l) => {
                for c in l.chars() {
                    match c {
                        '`' => out.push_str("``"),
                        '$' => out.push_str("`$"),
                        '\n' => out.push_str("`n"),
                        '\r' => out.push_str("`r"),
                        '\t' => out.push_str("`t"),
                        '\0' => out.push_str("`0"),
                        c if PS_DOUBLE.contains(&c) => {
                            out.push('`');
                            out.push(c);
                        }
                        c if c.is_control() => out.push_str(&format!("`u{{{:x}}}", c as u32)),
                        c => out.push(c),
                    }
                }
            }
            Seg::Var(v) => out.push_str(&format!("${{env:{v}}}")),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------- cmd.exe

/// How the C runtime of `curl.exe` splits its command line, applied in reverse:
/// the argument wrapped in quotes, `"` as `\"`, backslashes before a quote doubled.
fn crt_quote(w: &Word) -> String {
    let needs = match w.as_lit() {
        Some(l) => {
            l.is_empty()
                || l.chars()
                    .any(|c| c == ' ' || c == '\t' || c == '"' || c == '\\' && l.contains('"'))
                || !l
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-./:=@,+\\".contains(&b))
        }
        None => true,
    };
    let mut out = String::new();
    if needs {
        out.push('"');
    }
    let mut backslashes = 0usize;
    for s in &w.0 {
        match s {
            Seg::Lit(l) => {
                for c in l.chars() {
                    match c {
                        '\\' => {
                            backslashes += 1;
                            out.push('\\');
                        }
                        '"' => {
                            out.push_str(&"\\".repeat(backslashes));
                            out.push_str("\\\"");
                            backslashes = 0;
                        }
                        c => {
                            backslashes = 0;
                            out.push(c);
                        }
                    }
                }
            }
            Seg::Var(v) => {
                backslashes = 0;
                // Marked so the cmd pass leaves its percent signs alone.
                out.push('\u{1}');
                out.push_str(v);
                out.push('\u{1}');
            }
        }
    }
    if needs {
        out.push_str(&"\\".repeat(backslashes));
        out.push('"');
    }
    out
}

/// For a batch file: every cmd metacharacter escaped with `^`, `%` doubled, so cmd
/// hands `curl.exe` exactly the CRT-quoted text. (The script turns delayed
/// expansion off, so `!` needs nothing.)
fn cmd(w: &Word) -> String {
    let crt = crt_quote(w);
    let mut out = String::new();
    let mut in_var = false;
    for c in crt.chars() {
        match c {
            '\u{1}' => {
                out.push('%');
                in_var = !in_var;
            }
            _ if in_var => out.push(c),
            '%' => out.push_str("%%"),
            '^' | '"' | '&' | '|' | '<' | '>' | '(' | ')' => {
                out.push('^');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A comment line's text, safe in any of the shells (no line breaks; for cmd no
/// trailing caret and doubled percent signs).
pub fn comment_text(s: &str, shell: Shell) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match shell {
        Shell::Cmd => flat.replace('%', "%%").trim_end_matches('^').to_string(),
        _ => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Word {
        Word::lit(s)
    }

    #[test]
    fn posix_forms() {
        assert_eq!(w("abc").quote(Shell::Posix), "abc");
        assert_eq!(w("").quote(Shell::Posix), "''");
        assert_eq!(w("it's").quote(Shell::Posix), "'it'\\''s'");
        assert_eq!(w("a\nb'\\").quote(Shell::Posix), "$'a\\nb\\'\\\\'");
        assert_eq!(w("$(x) `y`").quote(Shell::Posix), "'$(x) `y`'");
        assert_eq!(w("~x").quote(Shell::Posix), "'~x'");
        let mut v = Word::lit("Bearer ");
        v.push_var("TOKEN");
        assert_eq!(v.quote(Shell::Posix), "'Bearer '\"${TOKEN}\"");
    }

    #[test]
    fn pwsh_forms() {
        assert_eq!(w("--header").quote(Shell::Pwsh), "--header");
        assert_eq!(w("it's").quote(Shell::Pwsh), "'it''s'");
        assert_eq!(w("a\u{2019}b").quote(Shell::Pwsh), "'a\u{2019}\u{2019}b'");
        assert_eq!(w("1.5").quote(Shell::Pwsh), "'1.5'");
        assert_eq!(w("@x").quote(Shell::Pwsh), "'@x'");
        assert_eq!(w("").quote(Shell::Pwsh), "''");
        assert_eq!(w("a\n\"$b`").quote(Shell::Pwsh), "\"a`n`\"`$b``\"");
        let mut v = Word::lit("Bearer ");
        v.push_var("TOKEN");
        assert_eq!(v.quote(Shell::Pwsh), "\"Bearer ${env:TOKEN}\"");
    }

    #[test]
    fn cmd_forms() {
        assert_eq!(w("abc").quote(Shell::Cmd), "abc");
        assert_eq!(w("").quote(Shell::Cmd), "^\"^\"");
        assert_eq!(w("a b").quote(Shell::Cmd), "^\"a b^\"");
        assert_eq!(
            w(r#"{"a":"b\"c"}"#).quote(Shell::Cmd),
            r#"^"{\^"a\^":\^"b\\\^"c\^"}^""#
        );
        assert_eq!(w("50% & <x>").quote(Shell::Cmd), "^\"50%% ^& ^<x^>^\"");
        assert_eq!(w(r"C:\dir\").quote(Shell::Cmd), r"C:\dir\");
        assert_eq!(w(r"a b\").quote(Shell::Cmd), r#"^"a b\\^""#);
        let mut v = Word::lit("Bearer ");
        v.push_var("TOKEN");
        assert_eq!(v.quote(Shell::Cmd), "^\"Bearer %TOKEN%^\"");
    }
}
