//! Whether terminal output is coloured, as other command-line tools decide it.
//!
//! `--color on|off` settles it. Under `auto` (the default): `FORCE_COLOR` turns
//! colour on (off when it is `0` or `false`, as Node's tools read it), else a
//! non-empty `NO_COLOR` turns it off (no-color.org), else `TERM=dumb` turns it off,
//! else colour is on when the output is a terminal.

/// What `--color` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Decides from the choice, an environment reader and whether the output is a terminal.
pub fn use_color(
    choice: ColorChoice,
    env: impl Fn(&str) -> Option<String>,
    is_terminal: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if let Some(force) = env("FORCE_COLOR") {
                return !matches!(force.trim(), "0" | "false");
            }
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                return false;
            }
            if env("TERM").is_some_and(|t| t == "dumb") {
                return false;
            }
            is_terminal
        }
    }
}

/// [`use_color`] with the process's environment.
pub fn use_color_here(choice: ColorChoice, is_terminal: bool) -> bool {
    use_color(choice, |k| std::env::var(k).ok(), is_terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(choice: ColorChoice, vars: &[(&str, &str)], tty: bool) -> bool {
        use_color(
            choice,
            |k| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            },
            tty,
        )
    }

    #[test]
    fn flags_settle_it() {
        assert!(decide(ColorChoice::Always, &[("NO_COLOR", "1")], false));
        assert!(!decide(ColorChoice::Never, &[("FORCE_COLOR", "1")], true));
    }

    #[test]
    fn auto_reads_the_environment_then_the_terminal() {
        use ColorChoice::Auto;
        assert!(decide(Auto, &[], true));
        assert!(!decide(Auto, &[], false));
        assert!(decide(Auto, &[("FORCE_COLOR", "1")], false));
        assert!(decide(Auto, &[("FORCE_COLOR", "")], false));
        assert!(!decide(Auto, &[("FORCE_COLOR", "0")], true));
        assert!(!decide(Auto, &[("FORCE_COLOR", "false")], true));
        assert!(decide(
            Auto,
            &[("FORCE_COLOR", "3"), ("NO_COLOR", "1")],
            false
        ));
        assert!(!decide(Auto, &[("NO_COLOR", "1")], true));
        assert!(decide(Auto, &[("NO_COLOR", "")], true));
        assert!(!decide(Auto, &[("TERM", "dumb")], true));
        assert!(decide(Auto, &[("TERM", "xterm-256color")], true));
    }
}
