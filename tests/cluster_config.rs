//! The DC/OS CLI configuration trees recorded in the dcos-commons CLI test data, read by pxfw's config layer.

use std::path::PathBuf;

use pxfw::cluster::config::{ConfigDir, ConfigError, TlsMode};

fn tree(name: &str) -> ConfigDir {
    ConfigDir::at(
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/responses/cli/client/testdata/cliconfig"
        ))
        .join(name),
    )
}

const C1: &str = "e266cd62-5b75-4b17-87a6-7b29d8ec0df4";
const C2: &str = "12345678-1234-1234-1234-123456789012";

#[test]
fn new_layout_picks_the_attached_cluster() {
    let c = tree("new").current(None).unwrap();
    assert_eq!(c.id, C1);
    assert_eq!(c.name(), "cluster-1");
    assert_eq!(c.config.dcos_url().as_deref(), Some("http://cluster-1.com"));
    assert_eq!(c.config.token().as_deref(), Some("cluster-1-token"));
    assert_eq!(
        c.config.tls(),
        TlsMode::CaFile(format!("/path/to/.dcos/clusters/{C1}/dcos_ca.crt").into())
    );
    assert_eq!(
        c.config.get("package", "cosmos_url"),
        Some("https://cluster-1-cosmos")
    );
}

#[test]
fn dcos_cluster_selects_by_name_or_id() {
    let dir = tree("new");
    assert_eq!(dir.current(Some("cluster-2")).unwrap().id, C2);
    assert_eq!(dir.current(Some(C2)).unwrap().name(), "cluster-2");
    // An ID prefix is not accepted (the DC/OS CLI's rule).
    assert!(matches!(
        dir.current(Some("12345678")),
        Err(ConfigError::UnknownCluster(_))
    ));
}

#[test]
fn two_attached_is_an_error_that_says_what_to_do() {
    let err = tree("two-attached").current(None).unwrap_err();
    assert!(matches!(err, ConfigError::MultipleAttached(_)));
    assert!(err.to_string().contains("pxfw cluster attach"));
}

#[test]
fn old_single_file_layout_is_still_read() {
    let dir = tree("old");
    assert!(matches!(dir.current(None), Err(ConfigError::NoCluster)));
    let legacy = dir.legacy_config().unwrap().expect("legacy dcos.toml");
    assert_eq!(legacy.dcos_url().as_deref(), Some("http://old-cluster.com"));
    assert_eq!(legacy.tls(), TlsMode::Insecure);
    assert_eq!(legacy.token().as_deref(), Some("old-cluster-token"));
}

#[test]
fn both_layouts_prefer_the_per_cluster_config() {
    let dir = tree("both");
    assert_eq!(dir.clusters().unwrap().len(), 2);
    assert_eq!(dir.current(None).unwrap().id, C1);
}

#[test]
fn a_broken_toml_file_is_reported_with_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("clusters/x");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("dcos.toml"), "[core\ndcos_url = ").unwrap();
    let err = ConfigDir::at(tmp.path())
        .clusters()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("dcos.toml") && err.contains("not valid TOML"),
        "{err}"
    );
}
