//! The `postie` command: argument parsing, wiring, exit codes. The work is in the library.

pub mod args;
pub mod diff;
pub mod exit;
pub mod export;
pub mod lint;
pub mod ls;
pub mod merge;
pub mod mock;
pub mod reporters;
pub mod run;
pub mod share;
pub mod signals;

use postie::collection::SelectError;
use postie::output::{Masker, Output};
use postie::setting::Setting;

/// A failure that ends the command: its message and exit code.
#[derive(Debug)]
pub struct Fail {
    pub code: i32,
    pub message: String,
}

impl Fail {
    pub fn input(e: impl std::fmt::Display) -> Self {
        Fail {
            code: exit::INPUT,
            message: e.to_string(),
        }
    }
    pub fn output(e: impl std::fmt::Display) -> Self {
        Fail {
            code: exit::OUTPUT,
            message: e.to_string(),
        }
    }
    pub fn usage(e: impl std::fmt::Display) -> Self {
        Fail {
            code: exit::USAGE,
            message: e.to_string(),
        }
    }
}

pub fn assignments(list: &[String], flag: &str) -> Result<Vec<(String, String)>, Fail> {
    list.iter()
        .map(|s| {
            postie::vars::parse_assignment(s)
                .ok_or_else(|| Fail::usage(format!("{flag} '{s}': expected KEY=VALUE")))
        })
        .collect()
}

/// The flag that changes `setting`: how the library's messages name it here.
pub fn flag(setting: Setting) -> &'static str {
    match setting {
        Setting::RequestTimeout => "--timeout-request",
        Setting::RunTimeout => "--timeout",
        Setting::ScriptTimeout => "--timeout-script",
        Setting::ScriptMemoryLimit => "--script-memory-limit",
        Setting::MaxResponseSize => "--max-response-size",
        Setting::ExtraCaCerts => "--ssl-extra-ca-certs",
        Setting::Insecure => "-k",
        Setting::InsecureFileRead => "--insecure-file-read",
        Setting::Bail => "--bail",
        Setting::StrictVars => "--strict-vars",
        Setting::Folder => "--folder",
    }
}

/// A `--folder` or `--request` value the collection does not have, said with
/// the flag it was given with.
pub fn selection_error(e: &SelectError) -> Fail {
    let flag = match e {
        SelectError::FolderNotFound(_) => "--folder",
        SelectError::RequestNotFound(_) | SelectError::AmbiguousRequest { .. } => "--request",
    };
    Fail::input(format!("{flag} {e}"))
}

/// Messages for the user on stderr, masked like everything else.
pub fn stderr(masker: &Masker) -> Output {
    Output::stderr(masker.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_setting_is_named_by_a_flag_postie_run_has() {
        let cli = args::Cli::command();
        let run = cli.find_subcommand("run").expect("a run command");
        for setting in Setting::ALL {
            let name = flag(setting);
            let known = run.get_arguments().any(|a| {
                a.get_long().is_some_and(|l| name == format!("--{l}"))
                    || a.get_short().is_some_and(|c| name == format!("-{c}"))
            });
            assert!(
                known,
                "{setting:?} is named {name}, which `postie run` does not take"
            );
        }
    }
}
