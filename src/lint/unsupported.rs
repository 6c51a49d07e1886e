//! Sandbox APIs that Postman offers and postie does not implement yet. This table
//! is the one list of them: lint reads scripts against it, and a test runs every
//! entry through `postie run` to prove each one really fails there.

use super::script::{Arg, Use};

/// How a script reaches an API.
#[derive(Debug, Clone, Copy)]
pub enum Reach {
    /// A member chain starting with these names (`pm.vault`, `pm.vault.get(…)`).
    Member(&'static [&'static str]),
    /// `require('name')`.
    Require(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Unsupported {
    /// What the finding names.
    pub api: &'static str,
    pub reach: Reach,
    /// A typical use, as a script would write it (the test runs it in postie).
    pub example: &'static str,
}

const fn member(
    api: &'static str,
    path: &'static [&'static str],
    example: &'static str,
) -> Unsupported {
    Unsupported {
        api,
        reach: Reach::Member(path),
        example,
    }
}

const fn module(name: &'static str, example: &'static str) -> Unsupported {
    Unsupported {
        api: name,
        reach: Reach::Require(name),
        example,
    }
}

/// Postman's sandbox has these; postie's does not (README, "Not available in scripts yet").
pub const UNSUPPORTED: &[Unsupported] = &[
    member("pm.vault", &["pm", "vault"], "pm.vault.get('apiKey')"),
    member(
        "pm.datasets",
        &["pm", "datasets"],
        "pm.datasets.get('users')",
    ),
    member(
        "pm.execution.runRequest",
        &["pm", "execution", "runRequest"],
        "pm.execution.runRequest('12345-abcd')",
    ),
    member(
        "pm.require",
        &["pm", "require"],
        "pm.require('npm:lodash@4.17.21')",
    ),
    member("cheerio", &["cheerio"], "cheerio.load('<p>x</p>')"),
    module("cheerio", "require('cheerio')"),
    member("Backbone", &["Backbone"], "Backbone.Model.extend({})"),
    module("backbone", "require('backbone')"),
    module("csv-parse/lib/sync", "require('csv-parse/lib/sync')"),
    module("stream", "require('stream')"),
    module("string_decoder", "require('string_decoder')"),
    module("punycode", "require('punycode')"),
    member(
        "CryptoJS.SHA3",
        &["CryptoJS", "SHA3"],
        "CryptoJS.SHA3('x').toString()",
    ),
    member(
        "CryptoJS.RIPEMD160",
        &["CryptoJS", "RIPEMD160"],
        "CryptoJS.RIPEMD160('x').toString()",
    ),
    member(
        "CryptoJS.DES",
        &["CryptoJS", "DES"],
        "CryptoJS.DES.encrypt('x', 'key').toString()",
    ),
    member(
        "CryptoJS.TripleDES",
        &["CryptoJS", "TripleDES"],
        "CryptoJS.TripleDES.encrypt('x', 'key').toString()",
    ),
    member(
        "CryptoJS.RC4",
        &["CryptoJS", "RC4"],
        "CryptoJS.RC4.encrypt('x', 'key').toString()",
    ),
    member(
        "CryptoJS.Rabbit",
        &["CryptoJS", "Rabbit"],
        "CryptoJS.Rabbit.encrypt('x', 'key').toString()",
    ),
];

/// The unsupported API a use reaches, if any.
pub fn reached(u: &Use) -> Option<&'static Unsupported> {
    UNSUPPORTED.iter().find(|api| match api.reach {
        Reach::Member(path) => {
            u.path.len() >= path.len() && u.path.iter().zip(path).all(|(a, b)| a == b)
        }
        Reach::Require(name) => {
            u.path.len() == 1
                && u.path[0] == "require"
                && u.call == Some(Arg::Literal(name.to_string()))
        }
    })
}
