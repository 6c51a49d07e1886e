//! Environment and globals files (the first byte picks which): load, build the
//! scope, write it back and resolve each variable through it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::load_variable_file;
use postie::vars::{Scopes, VariableScope};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let kind = if which & 1 == 0 {
        "environment"
    } else {
        "globals"
    };
    let path = postie_fuzz::scratch_file("fuzz.postman_environment.json", rest);
    match load_variable_file(&path, kind) {
        Ok(file) => {
            let scope = VariableScope::from_file(file);
            let _ = serde_json::to_string(&scope.to_file()).expect("serialises");
            let keys: Vec<String> = scope.values.iter().filter_map(|v| v.key.clone()).collect();
            let scopes = Scopes {
                environment: scope,
                ..Default::default()
            };
            for k in keys.iter().take(64) {
                let _ = scopes.resolve(&format!("{{{{{k}}}}}"));
            }
            let _ = scopes.secret_values();
        }
        Err(e) => postie_fuzz::assert_one_line(&e.to_string()),
    }
});
