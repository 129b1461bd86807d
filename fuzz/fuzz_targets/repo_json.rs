//! JSON repository bodies: decoding and rendering every package that decodes must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::universe::repo::{RepoFormat, decode};

fuzz_target!(|data: &[u8]| {
    if let Ok(repo) = decode("fuzz", data, RepoFormat::JsonV4) {
        for package in &repo.packages {
            let _ = pxfw::universe::render_marathon_app(package, "fuzz", None, None);
        }
    }
});
