//! PowerShell and cmd.exe exports, checked as text: neither shell can be installed
//! here, so each has a small model of its documented rules, and the arguments
//! curl.exe would receive from every exported command must be the arguments curl
//! receives from the POSIX export (which export_shells proves byte for byte).
//!
//! The rules modelled:
//! - PowerShell (about_Quoting_Rules, about_Special_Characters, about_Parsing):
//!   a single-quoted string is verbatim, a quote inside doubled, and the
//!   typographic quotes ‘ ’ ‚ ‛ count as single quotes; in a double-quoted string
//!   `$` expands and the backtick escapes (`` `n `r `t `0 `u{…} `` …); with
//!   `$PSNativeCommandArgumentPassing = 'Standard'` (7.3+) each token reaches the
//!   program as one argument, exactly.
//! - cmd.exe batch files (`cmd /?`, `set /?`): `%%` is a `%`, `%NAME%` expands,
//!   `^` escapes the next character outside double quotes, an unescaped `"`
//!   toggles quoting, and `& | < > ( )` outside quotes are operators. curl.exe then
//!   splits its command line as the Microsoft C runtime does ("Parsing C++
//!   command-line arguments"): whitespace separates outside quotes; 2n backslashes
//!   before `"` give n and toggle quoting, 2n+1 give n and a literal `"`.

mod support;

use postie::export::quote::{Shell, Word};
use serde_json::json;
use std::collections::HashMap;

const PS_SINGLE: &[char] = &['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];
const PS_DOUBLE: &[char] = &['"', '\u{201c}', '\u{201d}', '\u{201e}'];

/// The arguments a PowerShell command line passes to a native program.
fn pwsh_args(line: &str, env: &HashMap<String, String>) -> Result<Vec<String>, String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut args = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\t' {
            i += 1;
            continue;
        }
        let mut arg = String::new();
        if PS_SINGLE.contains(&c) {
            i += 1;
            loop {
                let Some(&c) = chars.get(i) else {
                    return Err(format!("unterminated single quote in {line}"));
                };
                if PS_SINGLE.contains(&c) {
                    if chars.get(i + 1).is_some_and(|n| PS_SINGLE.contains(n)) {
                        arg.push(c);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                arg.push(c);
                i += 1;
            }
        } else if PS_DOUBLE.contains(&c) {
            i += 1;
            loop {
                let Some(&c) = chars.get(i) else {
                    return Err(format!("unterminated double quote in {line}"));
                };
                match c {
                    '`' => {
                        let n = *chars.get(i + 1).ok_or("trailing backtick")?;
                        i += 2;
                        match n {
                            '0' => arg.push('\0'),
                            'a' => arg.push('\u{7}'),
                            'b' => arg.push('\u{8}'),
                            'e' => arg.push('\u{1b}'),
                            'f' => arg.push('\u{c}'),
                            'n' => arg.push('\n'),
                            'r' => arg.push('\r'),
                            't' => arg.push('\t'),
                            'v' => arg.push('\u{b}'),
                            'u' => {
                                let rest: String = chars[i..].iter().collect();
                                let end = rest.find('}').ok_or("bad `u escape")?;
                                let hex = &rest[1..end];
                                let cp = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
                                arg.push(char::from_u32(cp).ok_or("bad code point")?);
                                i += end + 1;
                            }
                            other => arg.push(other),
                        }
                    }
                    '$' => {
                        let rest: String = chars[i..].iter().collect();
                        let Some(name) = rest
                            .strip_prefix("${env:")
                            .and_then(|r| r.split_once('}'))
                            .map(|(n, _)| n.to_string())
                        else {
                            return Err(format!("an unescaped $ would expand: {rest}"));
                        };
                        arg.push_str(env.get(&name).ok_or(format!("no {name}"))?);
                        i += "${env:}".len() + name.len();
                    }
                    c if PS_DOUBLE.contains(&c) => {
                        i += 1;
                        break;
                    }
                    c => {
                        arg.push(c);
                        i += 1;
                    }
                }
            }
        } else {
            while i < chars.len() && chars[i] != ' ' {
                let c = chars[i];
                let special = "'\"$`@(){};,|&<>#".contains(c)
                    || PS_SINGLE.contains(&c)
                    || PS_DOUBLE.contains(&c)
                    || c.is_control();
                if special {
                    return Err(format!("{c:?} in a bare word of {line}"));
                }
                arg.push(c);
                i += 1;
            }
            if arg == "--%" {
                return Err("stop-parsing token".into());
            }
        }
        if chars.get(i).is_some_and(|&c| c != ' ') {
            return Err(format!(
                "quoted and bare text run together at {i} in {line}"
            ));
        }
        args.push(arg);
    }
    Ok(args)
}

/// What cmd.exe hands the program from a batch-file line.
fn cmd_line(line: &str, env: &HashMap<String, String>) -> Result<String, String> {
    // Percent expansion comes first.
    let mut expanded = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('%') {
        expanded.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(a) = after.strip_prefix('%') {
            expanded.push('%');
            rest = a;
        } else {
            let end = after.find('%').ok_or(format!("lone % in {line}"))?;
            let name = &after[..end];
            expanded.push_str(env.get(name).ok_or(format!("no {name}"))?);
            rest = &after[end + 1..];
        }
    }
    expanded.push_str(rest);
    // Then carets and quotes.
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = expanded.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            '^' if !quoted => out.push(chars.next().ok_or("trailing caret")?),
            '&' | '|' | '<' | '>' | '(' | ')' if !quoted => {
                return Err(format!("unescaped {c} in {line}"));
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// How the Microsoft C runtime splits a command line into arguments.
fn crt_args(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let mut arg = String::new();
        let mut quoted = false;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                let n = chars[i..].iter().take_while(|&&c| c == '\\').count();
                if chars.get(i + n) == Some(&'"') {
                    arg.push_str(&"\\".repeat(n / 2));
                    if n % 2 == 1 {
                        arg.push('"');
                        i += n + 1;
                    } else {
                        i += n;
                    }
                } else {
                    arg.push_str(&"\\".repeat(n));
                    i += n;
                }
                continue;
            }
            if c == '"' {
                quoted = !quoted;
                i += 1;
                continue;
            }
            if !quoted && (c == ' ' || c == '\t') {
                break;
            }
            arg.push(c);
            i += 1;
        }
        args.push(arg);
    }
    args
}

fn cmd_args(line: &str, env: &HashMap<String, String>) -> Result<Vec<String>, String> {
    Ok(crt_args(&cmd_line(line, env)?))
}

fn words() -> Vec<Word> {
    let mut out: Vec<Word> = [
        "it's\n$(touch pwned)",
        "a'b",
        "\"double\" `x` $HOME ${env:PATH} $(1+1)",
        "back\\slash\\",
        "trailing backslash \\",
        "\\\"",
        "tab\there",
        "cr\r\nlf",
        "esc \u{1b}[0m",
        "ünïcødé ✓ 日本 🎉",
        "",
        "100% & | ; < > ( ) * ? [ ] { } ~ # ! ^ = ,",
        "%PATH% %%x !x!",
        "@splat",
        "-dash",
        "--%",
        "1.5",
        "12345678901",
        "curly ‘single’ “double” „low‟ ‚x‛",
        "'\"'\"'",
        "nul\0byte",
        "x",
    ]
    .iter()
    .map(|s| Word::lit(*s))
    .collect();
    let mut v = Word::lit("Bearer ");
    v.push_var("TOKEN");
    v.push_lit("'\"$x");
    out.push(v);
    out
}

#[test]
fn every_word_reaches_curl_exe_intact_from_powershell_and_cmd() {
    // cmd expands `%TOKEN%` before it reads the line, so a placeholder's value must
    // not hold `" & | < > ^` there (the cmd script says so); anything else goes.
    let env: HashMap<String, String> =
        [("TOKEN".to_string(), "t'ok$en %x% !y! ${env:Z}".to_string())].into();
    let mut checked = 0;
    for w in words() {
        let expected = w.display().replace("$TOKEN", &env["TOKEN"]);
        if Shell::Pwsh.can_pass(&w.display()) {
            let quoted = w.quote(Shell::Pwsh);
            assert_eq!(
                pwsh_args(&quoted, &env),
                Ok(vec![expected.clone()]),
                "pwsh: {quoted}"
            );
            checked += 1;
        }
        if Shell::Cmd.can_pass(&w.display()) {
            let quoted = w.quote(Shell::Cmd);
            assert_eq!(
                cmd_args(&quoted, &env),
                Ok(vec![expected.clone()]),
                "cmd: {quoted}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 40, "words checked");
}

/// The arguments of every curl command of a POSIX export, read by running it with
/// bash and `curl` replaced by a function that prints them.
fn posix_argv(script: &std::path::Path, dir: &std::path::Path) -> Vec<Vec<String>> {
    let spills = dir.join("SPILLS");
    std::fs::create_dir_all(&spills).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"curl() { printf '%s\0' "$@"; printf '\1\0'; }; . "$1""#)
        .arg("bash")
        .arg(script)
        .env("TMPDIR", &spills)
        .current_dir(dir)
        .output()
        .unwrap();
    let data = out.stdout.strip_suffix(&[0]).unwrap_or(&out.stdout);
    let mut commands = vec![Vec::new()];
    for arg in data.split(|&b| b == 0) {
        if arg == b"\x01" {
            commands.push(Vec::new());
        } else {
            commands
                .last_mut()
                .unwrap()
                .push(String::from_utf8_lossy(arg).into_owned());
        }
    }
    commands.pop();
    commands
}

#[test]
fn powershell_and_cmd_exports_pass_curl_what_the_posix_export_passes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("up 'load'.txt"), "x").unwrap();
    let nasty = [
        "it's\n$(touch pwned)",
        "\"q\" `x` $HOME %PATH% !x! ^ & | < > ( )",
        "back\\slash\\",
        "ünï ✓",
        "",
        "@file",
        "-dash",
        "100%",
    ];
    let mut items = Vec::new();
    for (i, v) in nasty.iter().enumerate() {
        items.push(json!({"name": format!("r{i}"), "request": {"method": "POST",
            "url": {"raw": "{{base}}/r", "host": ["{{base}}"], "path": ["r", i.to_string()], "query": [{"key": "q", "value": v}]},
            // A header value cannot carry a character past U+00FF (Node, and so newman
            // and postie, refuse to send it): the check mark stays in the query and body.
            "header": [{"key": "X-V", "value": v.replace('\n', " ").replace('✓', "")}],
            "body": {"mode": "raw", "raw": v}}}));
    }
    items.push(
        json!({"name": "form", "request": {"method": "POST", "url": "{{base}}/f",
        "body": {"mode": "formdata", "formdata": [
            {"key": "a", "value": "it's \"x\" %y%", "type": "text"},
            {"key": "f", "type": "file", "src": "up 'load'.txt"}]}}}),
    );
    items.push(json!({"name": "basic", "request": {"method": "GET", "url": "{{base}}/b",
        "auth": {"type": "basic", "basic": [{"key": "username", "value": "u'\"%x%"}, {"key": "password", "value": "p w"}]}}}));
    let collection = dir.path().join("c.json");
    std::fs::write(
        &collection,
        json!({"info": {"name": "q"}, "item": items}).to_string(),
    )
    .unwrap();
    let export = |shell: &str, name: &str| {
        let out = support::postie()
            .args(["export", "curl"])
            .arg(&collection)
            .args(["--env-var", "base=http://127.0.0.1:9", "--working-dir"])
            .arg(dir.path())
            .args(["--shell", shell, "-o"])
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(dir.path().join(name)).unwrap()
    };
    export("posix", "x.sh");
    let posix = posix_argv(&dir.path().join("x.sh"), dir.path());
    assert_eq!(posix.len(), items.len());
    let env: HashMap<String, String> = (1..10)
        .map(|n| (format!("POSTIE_BODY_{n}"), format!("SPILLS/{n}")))
        .collect();
    type Parse = fn(&str, &HashMap<String, String>) -> Result<Vec<String>, String>;
    // cmd cannot pass a line break: a body holding one goes through a file.
    for (shell, parse, compared) in [
        ("pwsh", pwsh_args as Parse, 10),
        ("cmd", cmd_args as Parse, 9),
    ] {
        let text = export(shell, &format!("x.{shell}"));
        let commands: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("curl.exe "))
            .collect();
        assert_eq!(
            commands.len(),
            posix.len(),
            "{shell}: one command per request"
        );
        let mut same = 0;
        for (line, expected) in commands.iter().zip(&posix) {
            let args = parse(line, &env).unwrap_or_else(|e| panic!("{shell}: {e}"));
            assert_eq!(args[0], "curl.exe");
            // A value one shell writes to a file and another passes inline cannot compare.
            let spilled = args.iter().chain(expected).any(|a| a.contains("SPILLS"));
            if !spilled {
                assert_eq!(&args[1..], &expected[..], "{shell}: {line}");
                same += 1;
            }
        }
        assert_eq!(same, compared, "{shell}: commands compared");
    }
}
