//! The script sandbox: collection JavaScript on embedded QuickJS, with the `pm` API.

pub mod types;

pub use types::*;

/// Runs scripts. One sandbox serves a whole run; each script gets a fresh context.
pub struct Sandbox {
    #[allow(dead_code)]
    options: SandboxOptions,
}

impl Sandbox {
    pub fn new(options: SandboxOptions) -> Sandbox {
        Sandbox { options }
    }

    pub fn run(&mut self, run: ScriptRun<'_>) -> ScriptOutcome {
        let _ = run;
        ScriptOutcome {
            error: Some(ScriptError {
                name: "Error".into(),
                message: "script engine not available in this build".into(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}
