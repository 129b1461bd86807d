//! Files of unknown format (gzip, zip or JSON, sniffed), and HTTP bodies with gzip encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::universe::repo::{MEDIA_TYPE_V4, decode_response, decode_sniffed};

fuzz_target!(|data: &[u8]| {
    let _ = decode_sniffed("fuzz", data);
    let _ = decode_response("fuzz", data, Some(MEDIA_TYPE_V4), Some("gzip"));
});
