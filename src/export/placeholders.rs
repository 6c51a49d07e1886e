//! Placeholders: the shell variables `--redact` writes in place of secrets, named
//! after what they hide (`{{accessToken}}` → `ACCESS_TOKEN`, a basic auth password
//! → `BASIC_AUTH_PASSWORD`), and listed at the top of the script.

/// Environment variables that shells and systems set themselves.
const TAKEN_NAMES: &[&str] = &[
    "USER",
    "USERNAME",
    "HOME",
    "PATH",
    "SHELL",
    "PWD",
    "OLDPWD",
    "TEMP",
    "TMP",
    "TMPDIR",
    "LANG",
    "TERM",
    "HOSTNAME",
    "LOGNAME",
    "OS",
    "PROMPT",
    "IFS",
    "PS1",
    "UID",
    "EUID",
    "RANDOM",
    "SECONDS",
    "USERPROFILE",
    "APPDATA",
    "COMPUTERNAME",
    "USERDOMAIN",
    "PATHEXT",
    "COMSPEC",
    "SYSTEMROOT",
    "WINDIR",
    "ERRORLEVEL",
    "CD",
    "DATE",
    "TIME",
];

/// `accessToken` → `ACCESS_TOKEN`, `client-secret` → `CLIENT_SECRET`.
pub fn env_name(var: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in var.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_uppercase());
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "VALUE".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else if TAKEN_NAMES.contains(&out.as_str()) {
        // The shell or the system already sets these.
        format!("{out}_VALUE")
    } else {
        out
    }
}

/// One placeholder: its name and what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placeholder {
    pub env: String,
    /// `{{accessToken}}, used by bearer auth`, for the script's header.
    pub origin: String,
    /// What it was made for: a variable's name, or the literal value it hides.
    key: Key,
}

#[derive(Debug, Clone, PartialEq)]
enum Key {
    Variable(String),
    Literal { base: String, value: String },
}

/// The placeholders of one export, in the order they are first used.
#[derive(Debug, Default)]
pub(crate) struct Placeholders {
    list: Vec<Placeholder>,
}

impl Placeholders {
    fn add(&mut self, base: &str, origin: String, key: Key) -> String {
        if let Some(p) = self.list.iter().find(|p| p.key == key) {
            return p.env.clone();
        }
        let mut env = base.to_string();
        let mut n = 2;
        while self.list.iter().any(|p| p.env == env) {
            env = format!("{base}_{n}");
            n += 1;
        }
        self.list.push(Placeholder {
            env: env.clone(),
            origin,
            key,
        });
        env
    }

    /// The placeholder of a variable (the same one wherever it is used).
    pub fn variable(&mut self, name: &str, origin: impl FnOnce() -> String) -> String {
        let key = Key::Variable(name.to_string());
        if let Some(p) = self.list.iter().find(|p| p.key == key) {
            return p.env.clone();
        }
        self.add(&env_name(name), origin(), key)
    }

    /// The placeholder of a literal secret (the same value under the same name
    /// gets the same one).
    pub fn literal(&mut self, base: &str, value: &str, origin: impl FnOnce() -> String) -> String {
        let key = Key::Literal {
            base: base.to_string(),
            value: value.to_string(),
        };
        if let Some(p) = self.list.iter().find(|p| p.key == key) {
            return p.env.clone();
        }
        self.add(base, origin(), key)
    }

    pub fn used(&self) -> &[Placeholder] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names() {
        assert_eq!(env_name("accessToken"), "ACCESS_TOKEN");
        assert_eq!(env_name("client-secret"), "CLIENT_SECRET");
        assert_eq!(env_name("m2mSecret"), "M2M_SECRET");
        assert_eq!(env_name("organization.name"), "ORGANIZATION_NAME");
        assert_eq!(env_name("1st"), "_1ST");
        assert_eq!(env_name("..."), "VALUE");
        assert_eq!(env_name("user"), "USER_VALUE");
    }

    #[test]
    fn one_placeholder_per_variable_and_per_secret_value() {
        let mut p = Placeholders::default();
        assert_eq!(p.variable("token", || "a".into()), "TOKEN");
        assert_eq!(p.variable("token", || "b".into()), "TOKEN");
        assert_eq!(p.literal("TOKEN", "x", || "c".into()), "TOKEN_2");
        assert_eq!(p.literal("TOKEN", "x", || "d".into()), "TOKEN_2");
        assert_eq!(p.literal("TOKEN", "y", || "e".into()), "TOKEN_3");
        assert_eq!(p.used().len(), 3);
    }
}
