//! Legacy zip repository bodies must never panic the reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::universe::repo::{RepoFormat, decode};

fuzz_target!(|data: &[u8]| {
    let _ = decode("fuzz", data, RepoFormat::Zip);
});
