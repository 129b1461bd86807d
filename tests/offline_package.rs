//! Issue 3 offline: `describe --repo` and `spec validate|render --package --repo` read a repository (JSON or
//! zip, a path or file:// URI) without any cluster, and show what an install would produce.

use crate::support::{Pxfw, fixture};
use serde_json::Value;

#[test]
fn describe_reads_json_and_zip_repositories_offline() {
    let px = Pxfw::new();
    for repo in ["repo/repo.json", "repo/repo.zip"] {
        let path = fixture(repo);
        let r = px
            .run(&[
                "describe",
                "portworx-cassandra",
                "--repo",
                path.to_str().unwrap(),
                "--config",
            ])
            .ok();
        let schema: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(
            schema["properties"]["nodes"]["properties"]["count"]["default"], 3,
            "{repo}"
        );
        let r = px
            .run(&[
                "describe",
                "portworx-cassandra",
                "--repo",
                path.to_str().unwrap(),
                "--render",
                "--set",
                "nodes.count=5",
            ])
            .ok();
        let app: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(app["env"]["NODES"], "5", "{repo}");
        assert_eq!(app["labels"]["DCOS_PACKAGE_NAME"], "portworx-cassandra");
    }
    let r = px
        .run(&[
            "describe",
            "no-such-package",
            "--repo",
            fixture("repo/repo.json").to_str().unwrap(),
        ])
        .expect_code(1);
    assert!(r.stderr.contains("no-such-package"), "{}", r.stderr);
    let r = px
        .run(&["describe", "x", "--repo", "/does/not/exist.json"])
        .expect_code(1);
    assert!(
        r.stderr.contains("cannot read the package repository"),
        "{}",
        r.stderr
    );
}

#[test]
fn spec_commands_take_the_spec_from_the_package_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let repo = pxfw::cli::quickstart::write_example_repository(dir.path()).unwrap();
    let px = Pxfw::new();
    let r = px
        .run(&[
            "spec",
            "validate",
            "--package",
            "hello-stateful",
            "--repo",
            repo.json.to_str().unwrap(),
        ])
        .ok();
    assert!(r.stdout.contains("valid service spec"), "{}", r.stdout);
    let r = px
        .run(&[
            "spec",
            "render",
            "--package",
            "hello-stateful",
            "--repo",
            repo.zip.to_str().unwrap(),
            "--set",
            "hello.count=4",
            "--json",
        ])
        .ok();
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    let pods = out["summary"]["pods"].as_array().unwrap();
    assert_eq!(
        pods[0]["count"], 4,
        "the option reaches the spec through the app env: {out}"
    );
    // A file and --package together are a usage error.
    px.run(&["spec", "validate", "x.yml", "--package", "p", "--repo", "r"])
        .expect_code(2);
}
