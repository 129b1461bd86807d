//! `pxfw spec validate|render` end to end: exit codes, human output, and the `--json` field names
//! scripts rely on.

use std::process::{Command, Output};

const HELLO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/packages/helloworld/svc.yml"
);

const HELLO_ENV: &str = "\
# hello-world defaults, as the rendered Marathon app would give them
FRAMEWORK_NAME=hello-world
SERVICE_PRINCIPAL=hello-world-principal
SERVICE_USER=nobody
HELLO_COUNT=2
HELLO_CPUS=0.1
HELLO_MEM=252
HELLO_DISK=25
HELLO_DOCKER_VOLUME_NAME=helloVolume
HELLO_DOCKER_DRIVER_OPTIONS=repl=2,io_priority=high
HELLO_PLACEMENT=[[\"hostname\", \"UNIQUE\"]]
WORLD_COUNT=3
WORLD_CPUS=0.2
WORLD_MEM=512
WORLD_DISK=50
WORLD_PLACEMENT=@zone:GROUP_BY:3
WORLD_KILL_GRACE_PERIOD=0
SLEEP_DURATION=1000
";

fn pxfw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pxfw"))
        .args(args)
        .env_remove("DCOS_URL")
        .output()
        .expect("pxfw runs")
}

fn env_file() -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), HELLO_ENV).unwrap();
    f
}

#[test]
fn validate_accepts_a_good_spec_and_rejects_a_bad_one() {
    let env = env_file();
    let path = env.path().to_str().unwrap();
    let ok = pxfw(&["spec", "validate", HELLO, "--env-file", path]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.contains("valid service spec `hello-world` (2 pod type(s), 1 plan(s))"),
        "{stdout}"
    );

    let bad = pxfw(&[
        "spec",
        "validate",
        HELLO,
        "--env-file",
        path,
        "--env",
        "HELLO_PLACEMENT=hostname:MAX_PER:x",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("pods.hello.placement: MAX_PER in `hostname:MAX_PER:x` needs a non-negative integer, found `x` (line 8)"),
        "{stderr}"
    );
}

#[test]
fn validate_json_lists_problems() {
    let out = pxfw(&["--json", "spec", "validate", HELLO, "-e", "HELLO_COUNT=abc"]);
    assert_eq!(out.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(body["valid"], false);
    let first = &body["problems"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["path"], "pods.hello.count");
    assert_eq!(first["line"], 7);
    assert_eq!(
        first["message"],
        "expected a non-negative integer, found \"abc\""
    );
}

#[test]
fn render_prints_the_spec_and_a_summary() {
    let env = env_file();
    let path = env.path().to_str().unwrap();
    let out = pxfw(&["spec", "render", HELLO, "--env-file", path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("    count: 2\n"), "{stdout}");
    assert!(
        stdout.contains("pod world: count 3 (world-0, world-1, world-2), can shrink"),
        "{stdout}"
    );
    assert!(
        stdout.contains("names: helloVolume-0, helloVolume-1"),
        "{stdout}"
    );
    assert!(stdout.contains("placement: @zone:GROUP_BY:3"), "{stdout}");

    let out = pxfw(&[
        "--json",
        "spec",
        "render",
        HELLO,
        "--env-file",
        path,
        "-e",
        "HELLO_COUNT=1",
    ]);
    assert!(out.status.success());
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hello = &body["summary"]["pods"][0];
    assert_eq!(hello["type"], "hello");
    assert_eq!(hello["count"], 1);
    assert_eq!(
        hello["placement_rules"][0],
        serde_json::json!({"field": "hostname", "operator": "UNIQUE", "value": null})
    );
    let vol = &hello["volumes"][0];
    assert_eq!(vol["names"], serde_json::json!(["helloVolume-0"]));
    assert_eq!(vol["size_mb"], 25);
    assert_eq!(
        vol["driver_options"],
        serde_json::json!({"repl": "2", "io_priority": "high"})
    );
    assert_eq!(
        vol["px_inline_specs"][0],
        "name=helloVolume-0;size=1;repl=2;io_priority=high;nodes=LocalNode"
    );
    assert_eq!(
        body["summary"]["plans"][0]["phases"][0]["steps"][0]["name"],
        "hello-0:[server]"
    );
    assert!(
        body["rendered"]
            .as_str()
            .unwrap()
            .starts_with("name: hello-world\n")
    );
}

#[test]
fn bad_env_argument_is_a_usage_error() {
    let out = pxfw(&["spec", "validate", HELLO, "--env", "NOEQUALS"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a KEY=VALUE assignment"));
}
