//! Arbitrary input never panics the repository reader (JSON and zip paths) or the mustache
//! parser and renderer.

use proptest::prelude::*;
use pxfw::spec::mustache::{self, Mode};
use pxfw::universe::repo::{MEDIA_TYPE_V4, RepoFormat, decode, decode_response, decode_sniffed};
use serde_json::json;
use std::io::Write;

/// A small valid zip repository, used as a seed that proptest then corrupts.
fn seed_zip() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let files = [
        ("u/repo/meta/index.json", r#"{"version": "2.0.0"}"#),
        (
            "u/repo/packages/H/hello/0/package.json",
            r#"{"packagingVersion": "2.0", "name": "hello", "version": "1", "maintainer": "m", "description": "d", "tags": []}"#,
        ),
        (
            "u/repo/packages/H/hello/0/marathon.json.mustache",
            r#"{"id": "{{service.name}}"}"#,
        ),
        (
            "u/repo/packages/H/hello/0/config.json",
            r#"{"type": "object"}"#,
        ),
    ];
    for (name, body) in files {
        w.start_file(name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const SEED_JSON: &str = r#"{"packages": [{"packagingVersion": "4.0", "name": "hello", "version": "1",
  "releaseVersion": 0, "maintainer": "m", "description": "d", "tags": ["a"],
  "marathon": {"v2AppMustacheTemplate": "e30="}, "config": {"type": "object"}}]}"#;

fn corrupt(seed: &[u8], edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for (pos, byte) in edits {
        if !bytes.is_empty() {
            let i = pos % bytes.len();
            bytes[i] = *byte;
        }
    }
    // Drop up to 63 trailing bytes: truncated archives are the common real-world corruption.
    let keep = bytes.len().saturating_sub(cut % 64);
    bytes.truncate(keep);
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode("u", &bytes, RepoFormat::JsonV4);
        let _ = decode("u", &bytes, RepoFormat::Zip);
        let _ = decode_sniffed("u", &bytes);
        let _ = decode_response("u", &bytes, Some(MEDIA_TYPE_V4), Some("gzip"));
    }

    #[test]
    fn corrupted_zip_repositories_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..16), cut in any::<usize>()) {
        let bytes = corrupt(&seed_zip(), &edits, cut);
        let _ = decode("u", &bytes, RepoFormat::Zip);
    }

    #[test]
    fn corrupted_json_repositories_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8), cut in any::<usize>()) {
        let bytes = corrupt(SEED_JSON.as_bytes(), &edits, cut);
        if let Ok(repo) = decode("u", &bytes, RepoFormat::JsonV4) {
            for p in &repo.packages {
                let _ = pxfw::universe::render_marathon_app(p, "u", None, None);
            }
        }
    }

    #[test]
    fn arbitrary_templates_never_panic(template in "(\\{\\{[#^/!&{]?[a-z. ]{0,6}\\}?\\}\\}|[a-z \\n\\r{}]){0,40}") {
        let ctx = json!({"a": {"b": [1, "x", {"c": true}]}, "x": "TRUE", "n": 0.5});
        if mustache::parse(&template).is_ok() {
            for mode in [Mode::Cosmos, Mode::sdk(), Mode::sdk_strict()] {
                let _ = mustache::render(&template, &ctx, &mode);
            }
            let _ = mustache::variables(&template);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic_the_parser(template in any::<String>()) {
        let _ = mustache::render(&template, &json!({}), &Mode::Cosmos);
    }
}
