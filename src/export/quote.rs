//! Quoting command-line words for POSIX shells, bash and zsh, PowerShell and cmd.exe.
//!
//! A [`Word`] is literal text mixed with references to environment variables (the
//! placeholders `--redact` writes). Each shell gets the one spelling that passes
//! the literal bytes through unchanged and expands the references, and nothing
//! else: no text from a collection is ever read as shell syntax.

use serde::Serialize;

/// The shell a script is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    /// Any POSIX shell (dash, busybox sh, bash, zsh, ksh): single quotes only, and
    /// `printf` for the characters that should not sit raw in a script.
    #[default]
    Posix,
    /// bash: as POSIX, but control characters are written as `$'…'`.
    Bash,
    /// zsh: as bash.
    Zsh,
    /// PowerShell 7.3+ calling `curl.exe`.
    Pwsh,
    /// cmd.exe batch files.
    Cmd,
}

impl Shell {
    /// Could this literal text be passed as an argument at all? No shell passes a NUL
    /// byte, cmd.exe no line break or control character; and arguments have a size
    /// limit (Linux refuses one over 128 KiB, Windows a command line over 32 KiB, cmd
    /// over 8 KiB), which quoting can double.
    pub fn can_pass(self, text: &str) -> bool {
        match self {
            Shell::Posix | Shell::Bash | Shell::Zsh => {
                !text.contains('\0') && text.len() <= 48 * 1024
            }
            Shell::Pwsh => !text.contains('\0') && text.len() <= 8 * 1024,
            Shell::Cmd => !text.chars().any(|c| c.is_control()) && text.len() <= 1024,
        }
    }

    /// A POSIX shell (sh, bash or zsh).
    pub fn is_posix(self) -> bool {
        matches!(self, Shell::Posix | Shell::Bash | Shell::Zsh)
    }

    /// A reference to an environment variable, as this shell spells it in a word.
    pub fn var(self, name: &str) -> String {
        match self {
            Shell::Posix | Shell::Bash | Shell::Zsh => format!("${name}"),
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
    /// A `{{name}}` kept as a template: literal text to a shell, a variable to Hurl.
    Tpl(String),
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

    pub fn push_tpl(&mut self, name: &str) {
        self.0.push(Seg::Tpl(name.to_string()));
    }

    pub fn append(&mut self, other: Word) {
        for s in other.0 {
            match s {
                Seg::Lit(l) => self.push_lit(&l),
                s => self.0.push(s),
            }
        }
    }

    /// The literal text, if the word has no variable or template.
    pub fn as_lit(&self) -> Option<String> {
        let mut out = String::new();
        for s in &self.0 {
            match s {
                Seg::Lit(l) => out.push_str(l),
                Seg::Var(_) | Seg::Tpl(_) => return None,
            }
        }
        Some(out)
    }

    /// Does the word refer to a placeholder (an environment variable)?
    pub fn has_var(&self) -> bool {
        self.0.iter().any(|s| matches!(s, Seg::Var(_)))
    }

    /// The word as a shell sees it: templates are literal `{{name}}` text.
    pub fn for_shell(&self) -> Word {
        let mut out = Word::default();
        for s in &self.0 {
            match s {
                Seg::Tpl(n) => out.push_lit(&format!("{{{{{n}}}}}")),
                s => out.append(Word(vec![s.clone()])),
            }
        }
        out
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
                Seg::Tpl(n) => format!("{{{{{n}}}}}"),
            })
            .collect()
    }

    pub fn quote(&self, shell: Shell) -> String {
        let w = self.for_shell();
        let w = &w;
        match shell {
            Shell::Posix => posix(w, false),
            Shell::Bash | Shell::Zsh => posix(w, true),
            Shell::Pwsh => pwsh(w),
            Shell::Cmd => cmd(w),
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

/// The text of a literal or template segment (a template is literal to a shell).
fn literal(s: &Seg) -> String {
    match s {
        Seg::Lit(l) => l.clone(),
        Seg::Tpl(n) => format!("{{{{{n}}}}}"),
        Seg::Var(v) => format!("${v}"),
    }
}

// ---------------------------------------------------------------- POSIX

/// Characters written without quotes. `=` may not start a word (zsh would expand
/// `=cmd`), and nothing here is special to any POSIX shell.
fn posix_bare(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('=')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.,/:@%+=".contains(&b))
}

/// Characters that a shell would pass through single quotes but that should not sit
/// raw in a script a person reads: control characters (a terminal acts on them)
/// and the invisible marks that reorder text on screen. Line breaks and tabs stay.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `'…'`, a quote inside written `'\''`: the shell reads every other byte as it is.
fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A `printf` format that writes exactly `bytes`: printable ASCII as itself, the
/// rest (and `\`, `%`, `'`) as octal escapes, which every POSIX `printf` reads.
pub fn printf_format(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if (0x20..0x7f).contains(&b) && !matches!(b, b'\\' | b'%' | b'\'') {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\{b:03o}"));
        }
    }
    out
}

/// One literal for any POSIX shell: single quotes, with hidden characters made by
/// `printf` in a command substitution (none of them is a line break, so the
/// substitution keeps them all).
fn posix_lit(s: &str) -> String {
    let mut out = String::new();
    let mut plain = String::new();
    let mut special = String::new();
    for c in s.chars() {
        if hidden(c) {
            if !plain.is_empty() {
                out.push_str(&single_quoted(&std::mem::take(&mut plain)));
            }
            special.push(c);
        } else {
            if !special.is_empty() {
                let f = printf_format(std::mem::take(&mut special).as_bytes());
                out.push_str(&format!("\"$(printf '{f}')\""));
            }
            plain.push(c);
        }
    }
    if !special.is_empty() {
        out.push_str(&format!(
            "\"$(printf '{}')\"",
            printf_format(special.as_bytes())
        ));
    }
    if !plain.is_empty() || out.is_empty() {
        out.push_str(&single_quoted(&plain));
    }
    out
}

/// One literal for bash or zsh: `$'…'` when the text holds line breaks or hidden
/// characters, so that every command stays on one line.
fn ansi_lit(s: &str) -> String {
    if !s.chars().any(|c| hidden(c) || c == '\n' || c == '\t') {
        return single_quoted(s);
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn posix(w: &Word, ansi: bool) -> String {
    if let [Seg::Lit(l)] = w.0.as_slice() {
        if posix_bare(l) {
            return l.clone();
        }
    }
    let mut out = String::new();
    for s in &w.0 {
        match s {
            Seg::Lit(l) if l.is_empty() => {}
            Seg::Lit(l) if ansi => out.push_str(&ansi_lit(l)),
            Seg::Lit(l) => out.push_str(&posix_lit(l)),
            Seg::Var(v) => out.push_str(&format!("\"${{{v}}}\"")),
            Seg::Tpl(n) => out.push_str(&posix_lit(&format!("{{{{{n}}}}}"))),
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
            Seg::Lit(_) | Seg::Tpl(_) => {
                for c in literal(s).chars() {
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
            Seg::Lit(_) | Seg::Tpl(_) => {
                for c in literal(s).chars() {
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
        .map(|c| if c.is_control() || hidden(c) { ' ' } else { c })
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
        // Line breaks stay inside single quotes; no `$'…'`, which sh does not know.
        assert_eq!(w("a\nb'\\").quote(Shell::Posix), "'a\nb'\\''\\'");
        assert_eq!(w("a\nb'\\").quote(Shell::Bash), "$'a\\nb\\'\\\\'");
        assert_eq!(
            w("a\rb\u{1b}[0m%'").quote(Shell::Posix),
            r#"'a'"$(printf '\015')"'b'"$(printf '\033')"'[0m%'\'''"#
        );
        assert_eq!(w("\r").quote(Shell::Posix), r#""$(printf '\015')""#);
        assert_eq!(w("=cmd").quote(Shell::Zsh), "'=cmd'");
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
