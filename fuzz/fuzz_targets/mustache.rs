//! Templates: parsing, listing variables and rendering in every mode must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::spec::mustache::{self, Mode};

fuzz_target!(|template: &str| {
    let ctx = serde_json::json!({"a": {"b": [1, "x", {"c": true}]}, "x": "TRUE", "n": 0.5, "z": 0});
    if mustache::variables(template).is_ok() {
        for mode in [Mode::Cosmos, Mode::sdk(), Mode::sdk_strict()] {
            let _ = mustache::render(template, &ctx, &mode);
        }
    }
});
