//! Collection files (v1 and v2, wrapped or not): load, then walk and re-serialise
//! what loaded. Errors must be one line; nothing may panic or recurse unbounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::{load_collection, request_items};

fuzz_target!(|data: &[u8]| {
    let path = postie_fuzz::scratch_file("fuzz.postman_collection.json", data);
    match load_collection(&path) {
        Ok(loaded) => {
            let _ = request_items(&loaded.collection);
            let text =
                serde_json::to_string(&loaded.collection).expect("a loaded collection serialises");
            let _: postie::collection::Collection =
                serde_json::from_str(&text).expect("a serialised collection loads again");
        }
        Err(e) => postie_fuzz::assert_one_line(&e.to_string()),
    }
});
