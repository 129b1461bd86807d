//! Every real package loads from the fixture repositories (JSON and zip) and from repositories
//! built at test time from the package folders, and renders to a Marathon app with default and
//! non-default options; labels decode back to the options and the definition.

use pxfw::universe::build::{build_entry, repository_json, substitute};
use pxfw::universe::render::{
    LABEL_DEFINITION, LABEL_NAME, LABEL_OPTIONS, LABEL_SOURCE, LABEL_VERSION, decode_definition,
    decode_options,
};
use pxfw::universe::repo::{MEDIA_TYPE_V4, decode_response, decode_sniffed};
use pxfw::universe::{Index, OptionsError, Package, PackagingVersion, RenderError, Repository};
use serde_json::{Map, Value, json};
use sha2::Digest;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

/// (package folder, package name, version as build_repo.py assigns it, count option, env var).
const PACKAGES: [(&str, &str, &str, &str, &str); 4] = [
    (
        "packages/cassandra",
        "portworx-cassandra",
        "1.3-3.0.16",
        "nodes",
        "NODES",
    ),
    (
        "packages/hdfs",
        "portworx-hdfs",
        "1.3-2.1.0-2.6.0-cdh5.11.0",
        "data_node",
        "DATA_COUNT",
    ),
    (
        "packages/helloworld",
        "hello-world",
        "1.3-0.40.5",
        "hello",
        "HELLO_COUNT",
    ),
    (
        "packages-upstream/cassandra",
        "cassandra",
        "2.10.0-3.11.6",
        "nodes",
        "NODES",
    ),
];

fn fixture(rel: &str) -> PathBuf {
    Path::new(FIXTURES).join(rel)
}

/// The SDK builder's mapping (universe-repo-format.md §4.2/§4.5) with deterministic values.
fn build_vars(dir: &str, name: &str, version: &str) -> BTreeMap<String, String> {
    let artifact_dir = "https://example.invalid/px/artifacts";
    let upstream = dir.starts_with("packages-upstream");
    let mut vars: BTreeMap<String, String> = [
        ("package-name", name.to_string()),
        ("package-version", version.to_string()),
        ("package-build-time-epoch-ms", "1599848231000".to_string()),
        (
            "package-build-time-str",
            "Fri Sep 11 2020 18:17:11 +0000".to_string(),
        ),
        ("upgrades-from", "*".to_string()),
        ("downgrades-to", "*".to_string()),
        ("artifact-dir", artifact_dir.to_string()),
        (
            "documentation-path",
            format!("https://docs.mesosphere.com/service-docs/{name}/v{version}/"),
        ),
        (
            "issues-path",
            "https://docs.mesosphere.com/support/".to_string(),
        ),
        (
            "jre-url",
            "https://downloads.mesosphere.com/java/server-jre-8u162-linux-x64.tar.gz".to_string(),
        ),
        (
            "scheduler-jre-url",
            "https://downloads.mesosphere.com/java/openjdk-jre-11.0.3.7-hotspot-linux-x64.tar.gz"
                .to_string(),
        ),
        (
            "libmesos-bundle-url",
            "https://downloads.mesosphere.com/libmesos-bundle/libmesos-bundle-1.14-beta.tar.gz"
                .to_string(),
        ),
        (
            "dcos-sdk-version",
            if upstream {
                "0.58.0"
            } else {
                "0.40.0-SNAPSHOT"
            }
            .to_string(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for file in [
        "dcos-service-cli-linux",
        "dcos-service-cli-darwin",
        "dcos-service-cli.exe",
    ] {
        let digest = sha2::Sha256::digest(format!("{artifact_dir}/{file}"));
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        vars.insert(format!("sha256:{file}"), hex);
    }
    vars
}

fn fixture_json_repo() -> Repository {
    let body = std::fs::read(fixture("repo/repo.json")).unwrap();
    let content_type = std::fs::read_to_string(fixture("repo/repo.content_type")).unwrap();
    decode_response(
        "https://example.invalid/repo.json",
        &body,
        Some(content_type.trim()),
        None,
    )
    .unwrap()
}

fn fixture_zip_repo() -> Repository {
    let body = std::fs::read(fixture("repo/repo.zip")).unwrap();
    decode_response(
        "https://example.invalid/repo.zip",
        &body,
        Some("application/zip"),
        None,
    )
    .unwrap()
}

fn built_json_repo() -> Repository {
    let entries = PACKAGES
        .iter()
        .map(|(dir, name, version, ..)| {
            build_entry(&fixture(dir), &build_vars(dir, name, version)).unwrap()
        })
        .collect();
    let body = serde_json::to_vec(&repository_json(entries)).unwrap();
    decode_response(
        "https://example.invalid/built.json",
        &body,
        Some(MEDIA_TYPE_V4),
        None,
    )
    .unwrap()
}

/// A legacy zip written straight from the substituted universe files.
fn built_zip_repo() -> Repository {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("universe/repo/meta/index.json", opts).unwrap();
    w.write_all(br#"{"version": "2.0.0", "packages": []}"#)
        .unwrap();
    for (dir, name, version, ..) in PACKAGES {
        let vars = build_vars(dir, name, version);
        let letter = name[..1].to_uppercase();
        for file in pxfw::universe::build::UNIVERSE_FILES {
            let text = std::fs::read_to_string(fixture(dir).join(file)).unwrap();
            w.start_file(
                format!("universe/repo/packages/{letter}/{name}/0/{file}"),
                opts,
            )
            .unwrap();
            w.write_all(substitute(&text, &vars).as_bytes()).unwrap();
        }
    }
    let body = w.finish().unwrap().into_inner();
    decode_sniffed("file:///built.zip", &body).unwrap()
}

fn all_repos() -> Vec<(&'static str, Repository)> {
    vec![
        ("fixture repo.json", fixture_json_repo()),
        ("fixture repo.zip", fixture_zip_repo()),
        ("built json", built_json_repo()),
        ("built zip", built_zip_repo()),
    ]
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

#[test]
fn every_package_loads_from_every_repository() {
    for (label, repo) in all_repos() {
        assert!(repo.broken.is_empty(), "{label}: {:?}", repo.broken);
        let mut names: Vec<&str> = repo.packages.iter().map(|p| p.name.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "cassandra",
                "hello-world",
                "portworx-cassandra",
                "portworx-hdfs"
            ],
            "{label}"
        );
        for (_, name, version, ..) in PACKAGES {
            let p = repo.packages.iter().find(|p| p.name == name).unwrap();
            assert_eq!(p.version, version, "{label} {name}");
            let template = p.marathon_template().unwrap().unwrap();
            assert!(
                !template.contains("{{package-"),
                "{label} {name}: build-time placeholder left"
            );
            let expected = if label.contains("zip") {
                PackagingVersion::V2
            } else {
                PackagingVersion::V4
            };
            assert_eq!(p.packaging_version, expected, "{label} {name}");
        }
    }
}

#[test]
fn built_json_repository_matches_the_fixture_one() {
    let fixture = fixture_json_repo();
    let built = built_json_repo();
    for p in &fixture.packages {
        let b = built.packages.iter().find(|b| b.name == p.name).unwrap();
        assert_eq!(b.version, p.version, "{}", p.name);
        assert!(b.config == p.config, "{}: config differs", p.name);
        // Artifact URLs depend on builder constants; the set of assets must not.
        let uri_keys = |p: &Package| {
            let uris = p
                .resource
                .as_ref()
                .and_then(|r| r.assets.as_ref())
                .and_then(|a| a.uris.clone());
            uris.unwrap_or_default().into_keys().collect::<Vec<_>>()
        };
        assert_eq!(uri_keys(b), uri_keys(p), "{}", p.name);
    }
}

#[test]
fn every_package_renders_with_default_and_custom_options() {
    for (label, repo) in all_repos() {
        let source = repo.uri.clone();
        let index = Index::new(vec![repo]);
        for (_, name, version, count_key, env) in PACKAGES {
            let found = index.resolve(name, Some(version)).unwrap();
            let p: &Package = found.package;
            assert_eq!(found.source, source);
            let config = p.config.as_ref().unwrap();
            let default_count = &config["properties"][count_key]["properties"]["count"]["default"];

            let app = pxfw::universe::render_marathon_app(p, &source, None, None)
                .unwrap_or_else(|e| panic!("{label} {name}: {e}"));
            assert_eq!(
                app["env"][env],
                Value::String(default_count.to_string()),
                "{label} {name}"
            );
            let labels = app["labels"].as_object().unwrap();
            assert_eq!(labels[LABEL_NAME], name);
            assert_eq!(labels[LABEL_VERSION], version);
            assert_eq!(labels[LABEL_SOURCE], source.as_str());
            assert_eq!(
                decode_options(labels[LABEL_OPTIONS].as_str().unwrap()).unwrap(),
                Map::new()
            );
            assert_eq!(
                &decode_definition(labels[LABEL_DEFINITION].as_str().unwrap()).unwrap(),
                p
            );

            let user = obj(json!({"service": {"name": "my-svc"}, count_key: {"count": 5}}));
            let app = pxfw::universe::render_marathon_app(p, &source, Some(&user), Some("my-svc"))
                .unwrap_or_else(|e| panic!("{label} {name}: {e}"));
            assert_eq!(app["env"][env], "5", "{label} {name}");
            assert_eq!(app["id"], "/my-svc");
            let labels = app["labels"].as_object().unwrap();
            assert_eq!(
                labels["DCOS_SERVICE_NAME"], "my-svc",
                "{label} {name}: template label rendered"
            );
            assert_eq!(
                decode_options(labels[LABEL_OPTIONS].as_str().unwrap()).unwrap(),
                user
            );
            assert_eq!(
                &decode_definition(labels[LABEL_DEFINITION].as_str().unwrap()).unwrap(),
                p
            );
        }
    }
}

#[test]
fn hello_world_zero_grace_period_is_truthy_like_mustache_java() {
    let index = Index::new(vec![fixture_json_repo()]);
    let p = index.latest("hello-world").unwrap().package;
    let app = pxfw::universe::render_marathon_app(p, "s", None, None).unwrap();
    assert_eq!(app["env"]["HELLO_KILL_GRACE_PERIOD"], "0");
}

#[test]
fn violating_options_file_reports_pointer_expected_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("options.json");
    std::fs::write(
        &path,
        r#"{"nodes": {"count": "three", "cpus": 0.5}, "service": {"name": 7}}"#,
    )
    .unwrap();
    let user: Map<String, Value> = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let index = Index::new(vec![fixture_json_repo()]);
    let p = index.latest("portworx-cassandra").unwrap().package;
    let err = pxfw::universe::render_marathon_app(p, "s", Some(&user), None).unwrap_err();
    let RenderError::Options(OptionsError::Mismatch(violations)) = err else {
        panic!("{err}")
    };
    let count = violations
        .iter()
        .find(|v| v.pointer() == "/nodes/count")
        .unwrap();
    assert_eq!(count.keyword, "type");
    assert_eq!(count.expected(), Some(&json!(["integer"])));
    assert_eq!(count.found(), Some(&json!("string")));
    let name = violations
        .iter()
        .find(|v| v.pointer() == "/service/name")
        .unwrap();
    assert_eq!(name.found(), Some(&json!("integer")));
    // The Cosmos `JsonSchemaMismatch` data shape.
    let data = json!({ "errors": violations });
    assert_eq!(data["errors"][0]["level"], "error");
    assert!(data["errors"].as_array().unwrap().iter().all(
        |e| e["instance"]["pointer"].is_string()
            && e["schema"]["pointer"].is_string()
            && e["keyword"].is_string()
            && e["message"].is_string()
    ));

    let low = obj(json!({"nodes": {"count": 1}}));
    let err = pxfw::universe::render_marathon_app(p, "s", Some(&low), None).unwrap_err();
    let RenderError::Options(OptionsError::Mismatch(v)) = err else {
        panic!("{err}")
    };
    assert_eq!(
        (v[0].pointer(), v[0].keyword.as_str()),
        ("/nodes/count", "minimum")
    );
    assert_eq!(
        (v[0].expected(), v[0].found()),
        (Some(&json!(3)), Some(&json!(1)))
    );
}

#[test]
fn search_describe_and_versions_over_the_fixtures() {
    let index = Index::new(vec![fixture_json_repo(), fixture_zip_repo()]);
    let results = index.search(Some("cassandra"));
    let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["cassandra", "portworx-cassandra"]);
    let described = index.resolve("portworx-hdfs", None).unwrap();
    assert_eq!(
        described.source, "https://example.invalid/repo.json",
        "lowest-index repository wins"
    );
    let body = described.package.describe_json();
    assert_eq!(body["package"]["name"], "portworx-hdfs");
    assert_eq!(body["package"]["packagingVersion"], "4.0");
    assert!(body["package"]["marathon"]["v2AppMustacheTemplate"].is_string());
    assert_eq!(
        index.list_versions("hello-world").unwrap(),
        BTreeMap::from([("1.3-0.40.5".to_string(), 0)])
    );
    let render = pxfw::universe::package_render(
        &index,
        &pxfw::universe::RenderRequest {
            package_name: "hello-world".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(render["marathonJson"]["id"], "hello-world");
}

#[test]
fn file_locations_load() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let opts = pxfw::universe::RepoFetchOptions::default();
    let zip_path = fixture("repo/repo.zip");
    let by_path = rt
        .block_on(pxfw::universe::load(zip_path.to_str().unwrap(), &opts))
        .unwrap();
    assert_eq!(by_path.packages.len(), 4);
    assert!(by_path.uri.starts_with("file:///"));
    let url = url::Url::from_file_path(fixture("repo/repo.json")).unwrap();
    let by_url = rt
        .block_on(pxfw::universe::load(url.as_str(), &opts))
        .unwrap();
    assert_eq!(by_url.packages.len(), 4);
    let missing = rt
        .block_on(pxfw::universe::load("/nonexistent/repo.json", &opts))
        .unwrap_err();
    assert!(
        missing.to_string().contains("/nonexistent/repo.json"),
        "{missing}"
    );
}
