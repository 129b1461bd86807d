//! Service specs: templating, parsing, validation, summarising and count mapping must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::spec::{Env, count_mapping, load, load_rendered, summarize};

fuzz_target!(|text: &str| {
    if let Ok(loaded) = load_rendered(text) {
        let _ = summarize(&loaded.spec);
    }
    let env = Env::from([("NODES".to_owned(), "3".to_owned())]);
    let _ = load(text, &env);
    let _ = count_mapping(text, r#"{"env": {"NODES": "{{nodes.count}}"}}"#);
});
