//! Iteration data files, CSV or JSON (the first byte picks the file name's
//! extension; the content decides too, as in a run): load and make scopes of the rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::load_iteration_data;
use postie::vars::VariableScope;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let name = if which & 1 == 0 {
        "fuzz.csv"
    } else {
        "fuzz.json"
    };
    let path = postie_fuzz::scratch_file(name, rest);
    match load_iteration_data(&path) {
        Ok(rows) => {
            for row in &rows {
                let _ = VariableScope::from_row(row);
            }
        }
        Err(e) => postie_fuzz::assert_one_line(&e.to_string()),
    }
});
