//! The `postie` binary: thin wiring over the library.

mod cli;

use clap::Parser;
use cli::args::{Cli, Command};

fn main() {
    // A panic is a bug: say so in one line and exit with a distinct code, never a backtrace dump.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("postie: internal error{at}: {msg} (please report this)");
        std::process::exit(cli::exit::INTERNAL);
    }));
    // newman ignores options of reporters it does not load; so does postie, saying so once.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let silent = argv.iter().any(|a| a == "--silent");
    let (argv, foreign) = cli::args::foreign_reporter_options(argv);
    if !foreign.is_empty() && !silent {
        eprintln!(
            "postie: ignoring {}: postie has no such reporter (it has {})",
            foreign.join(", "),
            cli::args::REPORTERS.join(", ")
        );
    }
    let parsed = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                cli::exit::USAGE
            } else {
                cli::exit::OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let result = match parsed.command {
        Command::Run(a) => cli::run::run(*a),
        Command::Mock(a) => cli::mock::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Lint(a) => cli::lint::run(a),
        Command::Ls(a) => cli::ls::run(a),
        Command::Diff(a) => cli::diff::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(f) => {
            eprintln!("postie: {}", f.message);
            std::process::exit(f.code);
        }
    }
}
