//! The `postie` binary: thin wiring over the library.

mod cli;

use clap::Parser;
use cli::args::{Cli, Command};
use std::io::Write;

/// Stack of the thread a command runs on. Folders nest up to 1,000 deep and
/// loading, selection, variable scopes and reports walk them recursively; the
/// main thread's 8 MiB is not enough for that. Only the pages used are ever
/// allocated.
const STACK: usize = 512 * 1024 * 1024;

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
        // stderr may be a closed pipe: a failed write must not panic again.
        let _ = writeln!(
            std::io::stderr(),
            "postie: internal error{at}: {} (please report this)",
            postie::output::clip_message(&msg, postie::output::MAX_ECHO)
        );
        postie::output::remove_temporary_files();
        std::process::exit(cli::exit::INTERNAL);
    }));
    postie::setting::name_with(cli::flag);
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
    // A machine that cannot reserve that much address space still runs postie,
    // with less room for deep collections.
    let mut command = Some(parsed.command);
    for stack in [STACK, STACK / 8] {
        let slot = std::sync::Arc::new(std::sync::Mutex::new(command.take()));
        let mine = slot.clone();
        let spawned = std::thread::Builder::new()
            .name("postie".into())
            .stack_size(stack)
            .spawn(move || {
                let taken = mine.lock().ok().and_then(|mut c| c.take());
                taken.map(run)
            });
        match spawned {
            // A panic never gets here: the hook exits the process.
            Ok(thread) => match thread.join() {
                Ok(Some(code)) => std::process::exit(code),
                _ => std::process::exit(cli::exit::INTERNAL),
            },
            Err(_) => command = slot.lock().ok().and_then(|mut c| c.take()),
        }
    }
    match command {
        Some(c) => std::process::exit(run(c)),
        None => std::process::exit(cli::exit::INTERNAL),
    }
}

fn run(command: Command) -> i32 {
    let result = match command {
        Command::Run(a) => cli::run::run(*a),
        Command::Mock(a) => cli::mock::run(a),
        Command::MergeReports(a) => cli::merge::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Lint(a) => cli::lint::run(a),
        Command::Ls(a) => cli::ls::run(a),
        Command::Diff(a) => cli::diff::run(a),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            let message = postie::output::clip_message(&f.message, postie::output::MAX_ECHO);
            let _ = writeln!(std::io::stderr(), "postie: {message}");
            f.code
        }
    }
}
