//! `pxfw quickstart` on a clean machine: PXFW_HOME and DCOS_DIR in a temporary directory, no network. It
//! must end with the example service RUNNING in its output, be idempotent, and `--down` must remove it all.

use crate::support::Pxfw;

#[test]
fn quickstart_runs_the_example_then_down_removes_it() {
    let mut px = Pxfw::new();
    let home = px.home.path().join("pxfw-home");
    px.env("PXFW_HOME", home.to_str().unwrap());
    let qs = home.join("quickstart");

    let r = px.run(&["quickstart", "--timeout", "3m"]);
    let log = std::fs::read_to_string(qs.join("server.log")).unwrap_or_default();
    assert_eq!(
        r.code, 0,
        "--- stdout:\n{}\n--- stderr:\n{}\n--- server log:\n{log}",
        r.stdout, r.stderr
    );
    assert!(
        r.stdout.contains("hello-stateful is RUNNING"),
        "{}",
        r.stdout
    );
    // The pod table: three pods RUNNING on three nodes on three racks, each with its own volume.
    for i in 0..3 {
        let row = r
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("hello-{i} ")))
            .unwrap_or_else(|| panic!("no row for hello-{i}:\n{}", r.stdout));
        assert!(row.contains("RUNNING"), "{row}");
        assert!(row.contains("rack-"), "{row}");
        assert!(row.contains(&format!("hello-stateful-data-{i}")), "{row}");
    }
    assert!(
        r.stdout.contains("pxfw quickstart --down"),
        "next commands: {}",
        r.stdout
    );
    assert!(
        qs.join("server/volumes/volumes/hello-stateful-data-0/data/counter")
            .exists()
    );

    // The cluster entry is usable by every other command.
    let listed = px.run(&["list"]).ok();
    assert!(
        listed.stdout.contains("hello-stateful"),
        "{}",
        listed.stdout
    );

    // A second run finds it running and only shows it.
    let again = px.run(&["quickstart"]).ok();
    assert!(again.stdout.contains("already running"), "{}", again.stdout);
    assert!(
        again.stdout.contains("already installed"),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("hello-stateful is RUNNING"),
        "{}",
        again.stdout
    );

    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(qs.join("state.json")).unwrap()).unwrap();
    let pid = state["pid"].as_u64().unwrap() as i32;
    let down = px.run(&["quickstart", "--down"]).ok();
    assert!(down.stdout.contains("Removed"), "{}", down.stdout);
    assert!(!qs.exists(), "the quickstart directory is removed");
    assert!(
        !px.dcos_dir()
            .join("clusters")
            .join(state["cluster_id"].as_str().unwrap())
            .exists()
    );
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    assert!(
        stat.is_empty()
            || stat
                .rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with('Z')),
        "server stopped"
    );
    let none = px.run(&["quickstart", "--down"]).ok();
    assert!(
        none.stdout.contains("No pxfw quickstart"),
        "{}",
        none.stdout
    );
}
