//! Repository loading and template rendering costs.
//!
//! * `load_json_1000` / `load_zip_1000`: decode a synthetic repository of 1,000 packages shaped
//!   like the real ones (config schema, base64 template, resource), as JSON and as a legacy zip.
//! * `index_and_search_1000`: build the index over it and run a substring search.
//! * `render_hdfs_template`: the mustache step alone on the largest real template (portworx-hdfs,
//!   36 KB) with its default options.
//! * `render_hdfs_app`: the whole Cosmos render (defaults, merge, draft-04 validation, mustache,
//!   JSON parse, labels with the gzip'd definition), and its two costly parts alone
//!   (`resolve_hdfs_options`, `encode_hdfs_definition`).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pxfw::spec::mustache::{self, Mode};
use pxfw::universe::repo::{MEDIA_TYPE_V4, RepoFormat, decode, decode_response};
use pxfw::universe::{Index, Package, render};
use serde_json::{Value, json};
use std::hint::black_box;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

fn hdfs() -> Package {
    let body = std::fs::read(format!("{FIXTURES}/repo/repo.json")).expect("fixture repo.json");
    let repo = decode_response("bench", &body, Some(MEDIA_TYPE_V4), None).expect("fixture decodes");
    repo.packages
        .into_iter()
        .find(|p| p.name == "portworx-hdfs")
        .expect("portworx-hdfs in fixture")
}

/// 1,000 packages (250 names x 4 versions) cloned from the real hello-world entry.
fn synthetic_repository() -> Vec<Package> {
    let body = std::fs::read(format!("{FIXTURES}/repo/repo.json")).expect("fixture repo.json");
    let repo = decode_response("bench", &body, Some(MEDIA_TYPE_V4), None).expect("fixture decodes");
    let template = repo
        .packages
        .iter()
        .find(|p| p.name == "hello-world")
        .expect("hello-world")
        .clone();
    (0..1000)
        .map(|i| {
            let mut p = template.clone();
            p.name = format!("service-{:03}", i / 4);
            p.version = format!("1.{}.0", i % 4);
            p.release_version = (i % 4) as u64;
            p.description = format!("synthetic service number {i}");
            p
        })
        .collect()
}

fn bench_repository(c: &mut Criterion) {
    let packages = synthetic_repository();
    let json_body = serde_json::to_vec(&json!({ "packages": packages })).expect("serialise");
    let zip_body = pxfw::universe::zip::write("universe", &packages).expect("zip");
    eprintln!(
        "synthetic repository: {} packages, JSON {} KiB, zip {} KiB",
        packages.len(),
        json_body.len() / 1024,
        zip_body.len() / 1024
    );
    c.bench_function("load_json_1000", |b| {
        b.iter(|| decode("bench", black_box(&json_body), RepoFormat::JsonV4).expect("decodes"))
    });
    c.bench_function("load_zip_1000", |b| {
        b.iter(|| decode("bench", black_box(&zip_body), RepoFormat::Zip).expect("decodes"))
    });
    let repo = decode("bench", &json_body, RepoFormat::JsonV4).expect("decodes");
    c.bench_function("index_and_search_1000", |b| {
        b.iter_batched(
            || vec![repo.clone()],
            |repos| Index::new(repos).search(Some("number 99")),
            BatchSize::LargeInput,
        )
    });
    let index = Index::new(vec![repo]);
    c.bench_function("search_1000", |b| {
        b.iter(|| index.search(black_box(Some("number 99"))))
    });
    c.bench_function("resolve_latest_1000", |b| {
        b.iter(|| {
            index
                .latest(black_box("service-123"))
                .expect("present")
                .package
                .release_version
        })
    });
}

fn bench_render(c: &mut Criterion) {
    let p = hdfs();
    let text = p
        .marathon_template()
        .expect("template")
        .expect("has template");
    let options =
        pxfw::universe::options::resolve(p.config.as_ref(), None).expect("defaults valid");
    let context = Value::Object(render::template_context(&p, &options));
    let parsed = mustache::parse(&text).expect("parses");
    c.bench_function("render_hdfs_template", |b| {
        b.iter(|| mustache::render(black_box(&text), &context, &Mode::Cosmos).expect("renders"))
    });
    c.bench_function("render_hdfs_template_preparsed", |b| {
        b.iter(|| {
            parsed
                .render(black_box(&context), &Mode::Cosmos)
                .expect("renders")
        })
    });
    c.bench_function("resolve_hdfs_options", |b| {
        b.iter(|| {
            pxfw::universe::options::resolve(black_box(p.config.as_ref()), None).expect("valid")
        })
    });
    c.bench_function("encode_hdfs_definition", |b| {
        b.iter(|| render::encode_definition(black_box(&p)).expect("encodes"))
    });
    c.bench_function("render_hdfs_app", |b| {
        b.iter(|| render::render_marathon_app(black_box(&p), "bench", None, None).expect("renders"))
    });
}

criterion_group!(benches, bench_repository, bench_render);
criterion_main!(benches);
