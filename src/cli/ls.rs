//! `postie ls`.

use super::args::{LsArgs, OutputFormat};
use super::{exit, Fail};
use postie::collection::load_collection;
use postie::output::{Masker, Output};
use postie::tree;
use postie::vars::{Scopes, VariableScope};

pub fn run(args: LsArgs) -> Result<i32, Fail> {
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    // A URL may hold a secret collection variable's value written out.
    let scopes = Scopes {
        collection: VariableScope::from_variables(loaded.collection.variable.clone()),
        ..Default::default()
    };
    let masker = Masker::new(scopes.secret_values());
    let mut err = Output::stderr(masker.clone());
    for n in &loaded.notices {
        let _ = err.line(&format!("postie: {n}"));
    }
    let text = match args.format {
        OutputFormat::Human => tree::human(&loaded.collection, args.ids),
        OutputFormat::Json => {
            let mut t = serde_json::to_string_pretty(&tree::json(&loaded.collection))
                .map_err(Fail::output)?;
            t.push('\n');
            t
        }
    };
    let mut out = Output::stdout(masker);
    out.write_str(&text).map_err(Fail::output)?;
    let _ = out.flush();
    Ok(exit::OK)
}
