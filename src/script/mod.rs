//! The script sandbox: collection JavaScript on embedded QuickJS, with the `pm` API.
//!
//! One QuickJS runtime serves a [`Sandbox`]; every script run gets a fresh
//! context in it, set up from a prelude compiled to bytecode once per process.
//! Scripts reach nothing outside the context except through [`ScriptHost`]
//! (`pm.sendRequest`, the cookie jar): no files, processes, environment or
//! network of their own.

mod engine;
mod errors;
mod host;
mod modules;
mod native_api;
pub mod natives;
mod ops;
mod redeclare;
mod shapes;
pub mod types;

pub use types::*;

use std::rc::Rc;

/// Runs scripts. One sandbox serves a whole run; each script gets a fresh context.
pub struct Sandbox {
    engine: Result<engine::Engine, ScriptError>,
    modules: Rc<modules::ModuleSet>,
}

impl Sandbox {
    pub fn new(options: SandboxOptions) -> Sandbox {
        Sandbox {
            engine: engine::Engine::new(options),
            modules: Rc::new(modules::ModuleSet::default()),
        }
    }

    pub fn run(&mut self, run: ScriptRun<'_>) -> ScriptOutcome {
        match &mut self.engine {
            Ok(engine) => engine.run(run, &self.modules),
            Err(e) => ScriptOutcome {
                error: Some(e.clone()),
                ..Default::default()
            },
        }
    }

    /// Keeps one JavaScript context (and the libraries scripts required) from
    /// run to run instead of a fresh one per script, as newman does with its
    /// single sandbox context: several times cheaper per script, and changes a
    /// script makes to built-in prototypes carry over to later scripts (a
    /// pattern some collections rely on). Globals a script adds are removed
    /// after it. Off by default.
    pub fn reuse_context(&mut self, reuse: bool) {
        if let Ok(engine) = &mut self.engine {
            engine.set_reuse(reuse);
        }
    }

    /// The run's stop signal: when it fires (Ctrl-C, the run's `--timeout`), the
    /// script in progress ends as if its own time limit had passed.
    pub fn set_interrupt(&mut self, interrupt: crate::interrupt::Interrupt) {
        if let Ok(engine) = &mut self.engine {
            engine.set_interrupt(interrupt);
        }
    }

    /// Adds a module scripts can `require(name)`, or replaces a built-in one,
    /// from CommonJS source (`module.exports = ...`).
    pub fn define_module(&mut self, name: &str, source: &str) {
        self.modules
            .defined
            .borrow_mut()
            .insert(name.to_string(), (source.to_string(), None));
    }
}
