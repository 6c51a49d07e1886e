//! The user's settings, as messages name them.
//!
//! An error that a limit or a choice of the user's caused says which setting,
//! so the user knows what to change. The library knows the setting, not how a
//! front end spells it: the `postie` command names each by its flag
//! ([`name_with`], once at start); without that, a setting is named in words.

use std::fmt;
use std::sync::OnceLock;

/// A setting an error can point the user to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// How long a request may go without an answer.
    RequestTimeout,
    /// How long the whole run may take.
    RunTimeout,
    /// How long one script may run.
    ScriptTimeout,
    /// How much a script may hand over to postie.
    ScriptMemoryLimit,
    /// How large a response body may be.
    MaxResponseSize,
    /// Certificate authorities trusted besides the system's.
    ExtraCaCerts,
    /// Skipping the check of servers' certificates.
    Insecure,
    /// Reading body files outside the working directory.
    InsecureFileRead,
    /// Stopping after the first failure.
    Bail,
    /// Failing a request whose variables do not all resolve.
    StrictVars,
    /// Running only some folders or requests.
    Folder,
}

impl Setting {
    /// Every setting, for front ends that check they name each.
    pub const ALL: [Setting; 11] = [
        Setting::RequestTimeout,
        Setting::RunTimeout,
        Setting::ScriptTimeout,
        Setting::ScriptMemoryLimit,
        Setting::MaxResponseSize,
        Setting::ExtraCaCerts,
        Setting::Insecure,
        Setting::InsecureFileRead,
        Setting::Bail,
        Setting::StrictVars,
        Setting::Folder,
    ];
}

static NAMES: OnceLock<fn(Setting) -> &'static str> = OnceLock::new();

/// Names every setting with `names` from now on (the first call wins).
pub fn name_with(names: fn(Setting) -> &'static str) {
    let _ = NAMES.set(names);
}

impl Setting {
    /// The setting in words, for a library used without a front end.
    fn words(self) -> &'static str {
        match self {
            Setting::RequestTimeout => "request timeout",
            Setting::RunTimeout => "run timeout",
            Setting::ScriptTimeout => "script timeout",
            Setting::ScriptMemoryLimit => "script memory limit",
            Setting::MaxResponseSize => "maximum response size",
            Setting::ExtraCaCerts => "extra CA certificates",
            Setting::Insecure => "insecure setting",
            Setting::InsecureFileRead => "insecure file read setting",
            Setting::Bail => "bail setting",
            Setting::StrictVars => "strict variables setting",
            Setting::Folder => "folder selection",
        }
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = NAMES
            .get()
            .map_or_else(|| self.words(), |names| names(*self));
        f.write_str(name)
    }
}
