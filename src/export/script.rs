//! Shell scripts of commands (curl, HTTPie) for POSIX shells, PowerShell and cmd,
//! from the templates in `templates/`.

use super::quote::{self, Seg, Shell, Word};
use super::{Cx, ExportError};
use std::time::Duration;

/// Text that cannot be an argument (a NUL, or too long), written to a temporary
/// file by the script before the command that reads it.
#[derive(Debug, Clone)]
pub(crate) struct Spill {
    /// The shell variable holding the file's path.
    pub var: String,
    pub content: Word,
}

/// One command of a script: its comment, temporary files, and option groups (a
/// group is an option with its value: one line with `--multiline`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Command {
    pub title: String,
    pub spills: Vec<Spill>,
    pub groups: Vec<Vec<Word>>,
    /// Why the request could not be exported (written as a comment).
    pub skipped: Option<String>,
}

impl Command {
    pub fn group(&mut self, words: Vec<Word>) {
        self.groups.push(words);
    }
}

impl Cx<'_> {
    /// A temporary file holding `content`; returns the word `prefix` + its path.
    pub fn spill(&mut self, cmd: &mut Command, content: Word, prefix: &str) -> Word {
        self.spills += 1;
        let var = format!("POSTIE_BODY_{}", self.spills);
        if content.has_var() && !self.opts.shell.is_posix() {
            self.warnings.push(format!(
                "request '{}': a placeholder in a value written to a file is not expanded by {}; edit the file",
                cmd.title,
                if self.opts.shell == Shell::Cmd { "cmd" } else { "PowerShell" }
            ));
        }
        cmd.spills.push(Spill {
            var: var.clone(),
            content,
        });
        let mut w = Word::lit(prefix);
        w.push_var(&var);
        w
    }
}

/// A `printf` writing a word: literal bytes in the format, each placeholder as a
/// `%s` argument.
fn printf(w: &Word) -> String {
    let mut format = String::new();
    let mut args = String::new();
    for s in &w.for_shell().0 {
        match s {
            Seg::Lit(l) => format.push_str(&quote::printf_format(l.as_bytes())),
            Seg::Var(v) => {
                format.push_str("%s");
                args.push_str(&format!(" \"${{{v}}}\""));
            }
            Seg::Tpl(_) => {}
        }
    }
    format!("printf '{format}'{args}")
}

/// Renders commands as a script for the chosen shell (`templates/script-*.j2`).
pub(crate) fn render_script(
    cx: &Cx<'_>,
    tool: &str,
    commands: &[Command],
) -> Result<String, ExportError> {
    use base64::Engine;
    let shell = cx.opts.shell;
    let b64 = base64::engine::general_purpose::STANDARD;
    let cmds: Vec<minijinja::Value> = commands
        .iter()
        .map(|c| {
            let groups: Vec<String> = c
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|w| w.quote(shell))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let spills: Vec<minijinja::Value> = c
                .spills
                .iter()
                .map(|s| {
                    let text = b64.encode(s.content.display().as_bytes());
                    let lines: Vec<String> = text
                        .as_bytes()
                        .chunks(64)
                        .map(|l| String::from_utf8_lossy(l).into_owned())
                        .collect();
                    minijinja::context! {
                        var => s.var,
                        b64 => text,
                        lines => lines,
                        printf => printf(&s.content),
                    }
                })
                .collect();
            minijinja::context! {
                title => quote::comment_text(&c.title, shell),
                groups => groups,
                spills => spills,
                skipped => c.skipped.as_deref().map(|s| quote::comment_text(s, shell)),
            }
        })
        .collect();
    let placeholders: Vec<minijinja::Value> =
        cx.r.placeholders
            .used()
            .iter()
            .map(|p| {
                minijinja::context! {
                    env => p.env,
                    origin => quote::comment_text(&p.origin, shell),
                }
            })
            .collect();
    let (name, source) = match shell {
        Shell::Posix | Shell::Bash | Shell::Zsh => (
            "script-posix.sh.j2",
            include_str!("templates/script-posix.sh.j2"),
        ),
        Shell::Pwsh => (
            "script-pwsh.ps1.j2",
            include_str!("templates/script-pwsh.ps1.j2"),
        ),
        Shell::Cmd => (
            "script-cmd.bat.j2",
            include_str!("templates/script-cmd.bat.j2"),
        ),
    };
    render_template(
        name,
        source,
        minijinja::context! {
            tool => tool,
            interpreter => match shell {
                Shell::Bash => "/usr/bin/env bash",
                Shell::Zsh => "/usr/bin/env zsh",
                _ => "/bin/sh",
            },
            version => env!("CARGO_PKG_VERSION"),
            collection => quote::comment_text(&cx.collection.info.name, shell),
            single => cx.opts.request.is_some(),
            multiline => cx.opts.multiline,
            placeholders => placeholders,
            commands => cmds,
        },
    )
}

pub(crate) fn render_template(
    name: &str,
    source: &str,
    ctx: minijinja::Value,
) -> Result<String, ExportError> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    env.add_template(name, source)
        .map_err(|e| ExportError::Template(e.to_string()))?;
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| ExportError::Template(e.to_string()))
}

/// `1500 ms` → `1.5`.
pub(crate) fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        let s = format!("{:.3}", ms as f64 / 1000.0);
        s.trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_text() {
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
        assert_eq!(seconds(Duration::from_millis(2000)), "2");
        assert_eq!(seconds(Duration::from_millis(1)), "0.001");
    }

    #[test]
    fn printf_takes_placeholders_as_arguments() {
        let mut w = Word::lit("a%'\0");
        w.push_var("TOKEN");
        w.push_lit("\n");
        assert_eq!(printf(&w), r#"printf 'a\045\047\000%s\012' "${TOKEN}""#);
    }
}
