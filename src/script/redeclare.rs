//! Newman runs a script as the body of a function whose parameters are the
//! sandbox's globals, so a top-level `const _ = require('lodash')` is a
//! SyntaxError there ("Identifier '_' has already been declared") and the
//! script does not run. postie's scripts see the same globals as properties,
//! where such a declaration is allowed; this check gives the same error.

use super::modules;
use rquickjs::Ctx;

/// The names newman's script function declares, in every script.
const ALWAYS: &[&str] = &[
    "pm",
    "_",
    "tests",
    "console",
    "Buffer",
    "setTimeout",
    "setInterval",
    "clearTimeout",
    "setImmediate",
    "clearImmediate",
    "clearInterval",
    "xml2Json",
    "postman",
    "globals",
    "environment",
    "data",
    "iteration",
    "request",
    "CryptoJS",
    "tv4",
    "atob",
    "btoa",
    "cheerio",
    "Backbone",
    "JSON",
    "Math",
    "Date",
    "Object",
    "Array",
    "String",
    "Number",
    "Promise",
    "escape",
    "unescape",
    "encodeURIComponent",
    "isNaN",
    "parseInt",
    "Error",
    "Symbol",
    "Map",
    "Set",
    "Reflect",
    "Proxy",
    "ArrayBuffer",
    "Uint8Array",
    "DataView",
    "WeakMap",
    "undefined",
    "NaN",
    "Infinity",
    "Function",
    "RegExp",
    "BigInt",
    "Boolean",
    "decodeURIComponent",
    "encodeURI",
    "decodeURI",
    "parseFloat",
    "isFinite",
    "Atomics",
    "SharedArrayBuffer",
];

/// The ones only test scripts get.
const TEST_ONLY: &[&str] = &[
    "responseBody",
    "responseCode",
    "responseHeaders",
    "responseTime",
    "responseCookies",
];

/// The global a top-level `const`, `let` or `class` of `source` declares again,
/// as newman would refuse it. `source` already compiles on its own.
pub(crate) fn redeclared_global(ctx: &Ctx<'_>, source: &str, test: bool) -> Option<&'static str> {
    candidates(source, test).find(|name| {
        // Compiling the script as the body of a function with that parameter
        // fails only when the declaration is at the top level.
        let wrapped = format!("(function ({name}) {{\n{source}\n}})");
        let refused = modules::eval_at_line(ctx, &wrapped, "postie:redeclare", 0).is_err();
        if refused {
            drop(ctx.catch());
        }
        refused
    })
}

/// Reserved names that follow a `const`, `let` or `class` keyword anywhere in the source.
fn candidates(source: &str, test: bool) -> impl Iterator<Item = &'static str> + '_ {
    let words = source
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| !w.is_empty());
    let mut found: Vec<&'static str> = Vec::new();
    let mut previous = "";
    for w in words {
        if matches!(previous, "const" | "let" | "class") {
            if let Some(name) = ALWAYS
                .iter()
                .chain(if test { TEST_ONLY } else { &[] })
                .find(|n| **n == w)
            {
                if !found.contains(name) {
                    found.push(name);
                }
            }
        }
        previous = w;
    }
    found.into_iter()
}
