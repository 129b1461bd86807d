//! Distribution: the DC/OS CLI plugin zip installed and run the way the DC/OS CLI does it, the shell
//! completions loaded by bash, and the checked-in completions and man pages kept up to date.
//!
//! The DC/OS CLI side (contracts/dcos-cosmos-marathon-cli.md §3) is re-enacted step by step: content
//! sniffing, extraction into `env/` with each entry's Unix mode, the plugin name taken from `plugin.toml`,
//! the `clusters/<id>/subcommands/<name>/` layout, and the invocation `<abs exe> <command> ARGS…` with the
//! environment the CLI builds from the attached cluster's `dcos.toml`.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::Run;
use crate::support::mock::{Expect, Mock};
use serde_json::Value;
use sha2::{Digest, Sha256};

const PXFW: &str = env!("CARGO_BIN_EXE_pxfw");
const REPO: &str = env!("CARGO_MANIFEST_DIR");
const CLUSTER_ID: &str = "79893270-f9f1-4293-9225-e6e3900043a9";
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.plugin-test.sig";
const SERVICE: &str = "data/cassandra-prod";
const URL_BASE: &str = "https://downloads.example.com/pxfw/0.1.0";

/// Runs the standalone binary with a clean environment.
fn pxfw(args: &[&str], home: &Path) -> Run {
    let out = Command::new(PXFW)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("run pxfw");
    Run::from_output(out)
}

fn bash(script: &str) -> Run {
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .output()
        .expect("run bash");
    Run::from_output(out)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// The DC/OS CLI, re-enacted
// ---------------------------------------------------------------------------------------------------------

/// A home directory with a DC/OS CLI configuration (`~/.dcos`) for one attached cluster.
struct DcosCli {
    home: tempfile::TempDir,
}

impl DcosCli {
    /// `dcos cluster setup` + `dcos config set px-cassandra.service_name …`: the cluster's `dcos.toml` with
    /// the URL (the CLI trims its trailing `/`), the token and the plugin's section, and the `attached` marker.
    fn with_cluster(url: &str) -> DcosCli {
        let cli = DcosCli {
            home: tempfile::tempdir().unwrap(),
        };
        let dir = cli.cluster_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let toml = format!(
            "[core]\ndcos_url = \"{url}/\"\ndcos_acs_token = \"{TOKEN}\"\n\n[cluster]\nname = \"test\"\n\n\
             [px-cassandra]\nservice_name = \"{SERVICE}\"\n"
        );
        let path = dir.join("dcos.toml");
        std::fs::write(&path, toml).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::write(dir.join("attached"), "").unwrap();
        cli
    }

    fn dcos_dir(&self) -> PathBuf {
        self.home.path().join(".dcos")
    }

    fn cluster_dir(&self) -> PathBuf {
        self.dcos_dir().join("clusters").join(CLUSTER_ID)
    }

    fn config(&self) -> toml::Table {
        toml::from_str(&std::fs::read_to_string(self.cluster_dir().join("dcos.toml")).unwrap())
            .unwrap()
    }

    /// `dcos plugin add <zip>`: sniff the content, extract every entry into a staging `env/` with its own
    /// mode (refusing paths that leave it), name the plugin after `plugin.toml`, then move it to
    /// `<cluster>/subcommands/<name>/`. Returns the plugin directory.
    fn plugin_add(&self, zip_path: &Path) -> PathBuf {
        let bytes = std::fs::read(zip_path).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04", "sniffed as application/zip");
        let staging = self.cluster_dir().join("tmp").join("staging");
        let env = staging.join("env");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let rel = entry
                .enclosed_name()
                .unwrap_or_else(|| panic!("illegal file path {:?}", entry.name()));
            let dest = env.join(rel);
            if entry.is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
                continue;
            }
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            std::fs::write(&dest, content).unwrap();
            let mode = entry.unix_mode().expect("Unix mode on every entry") & 0o777;
            std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let manifest: toml::Table =
            toml::from_str(&std::fs::read_to_string(env.join("plugin.toml")).unwrap()).unwrap();
        let name = manifest["name"].as_str().expect("plugin.toml name");
        let dest = self.cluster_dir().join("subcommands").join(name);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::rename(&staging, &dest).unwrap();
        dest
    }

    /// `dcos <command> ARGS…`: finds the plugin command in `plugin.toml`, then runs
    /// `<abs path> <command> ARGS…` (not through a shell) with the parent environment plus the variables
    /// of §3.3, derived from the attached cluster's configuration.
    fn run(&self, command: &str, args: &[&str]) -> Run {
        let (exe, env) = self.invocation(command);
        let out = Command::new(&exe)
            .arg(command)
            .args(args)
            .env_clear()
            .envs(env)
            .current_dir(self.home.path())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("exec {}: {e}", exe.display()));
        Run::from_output(out)
    }

    fn invocation(&self, command: &str) -> (PathBuf, BTreeMap<String, String>) {
        let plugins = self.cluster_dir().join("subcommands");
        let mut found = None;
        for entry in std::fs::read_dir(&plugins).unwrap() {
            let env = entry.unwrap().path().join("env");
            let manifest: toml::Table =
                toml::from_str(&std::fs::read_to_string(env.join("plugin.toml")).unwrap()).unwrap();
            for cmd in manifest["commands"].as_array().unwrap() {
                if cmd["name"].as_str() == Some(command) {
                    found = Some(env.join(cmd["path"].as_str().unwrap()));
                }
            }
        }
        let exe = found.unwrap_or_else(|| panic!("no plugin provides `{command}`"));
        let config = self.config();
        let core = config["core"].as_table().unwrap();
        let url = core["dcos_url"].as_str().unwrap().trim_end_matches('/');
        // The parent environment: what a user's shell has. DCOS_DIR is not exported (default ~/.dcos).
        let mut env = BTreeMap::from([
            (
                "PATH".to_string(),
                std::env::var("PATH").unwrap_or_default(),
            ),
            ("HOME".to_string(), self.home.path().display().to_string()),
        ]);
        env.insert(
            "DCOS_CLI_EXECUTABLE_PATH".into(),
            "/usr/local/bin/dcos".into(),
        );
        env.insert("DCOS_CLI_VERSION".into(), "1.2.0".into());
        env.insert("DCOS_URL".into(), url.to_string());
        env.insert(
            "DCOS_ACS_TOKEN".into(),
            core["dcos_acs_token"].as_str().unwrap().to_string(),
        );
        if url.starts_with("http://") {
            env.insert("DCOS_TLS_INSECURE".into(), "1".into());
        }
        if let Some(section) = config.get(command).and_then(|s| s.as_table()) {
            let prefix = format!("DCOS_{}", command.to_ascii_uppercase().replace('-', "_"));
            for (key, value) in section {
                let value = value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or(value.to_string());
                env.insert(format!("{prefix}_{}", key.to_ascii_uppercase()), value);
            }
        }
        (exe, env)
    }
}

/// A private copy of the test's own binary: the shared target directory may be rebuilt while a test runs,
/// and the test compares what it packed with what it installed.
fn own_binary(dir: &Path) -> PathBuf {
    let copy = dir.join("pxfw-under-test");
    std::fs::copy(PXFW, &copy).unwrap();
    copy
}

/// Builds the cassandra plugin zip from `binary` into `out`. Returns the zip and the printed JSON.
fn build_cassandra_plugin(out: &Path, binary: &Path) -> (PathBuf, Value) {
    let run = pxfw(
        &[
            "dist",
            "plugin",
            "--framework",
            "cassandra",
            "--binary",
            binary.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--url-base",
            URL_BASE,
        ],
        out,
    )
    .ok();
    let printed: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", run.stdout));
    let zip = out.join("dcos-px-cassandra-linux-x86-64.zip");
    assert!(
        run.stderr.contains(&zip.display().to_string()),
        "{}",
        run.stderr
    );
    (zip, printed)
}

/// A cassandra plugin built and installed into a fresh DC/OS CLI home for a cluster at `url`. Returns the
/// CLI home, the plugin directory and the binary that was packed.
fn installed(url: &str) -> (DcosCli, PathBuf, PathBuf) {
    let cli = DcosCli::with_cluster(url);
    let binary = own_binary(cli.home.path());
    let (zip, _) = build_cassandra_plugin(&cli.home.path().join("dist"), &binary);
    let plugin_dir = cli.plugin_add(&zip);
    (cli, plugin_dir, binary)
}

// ---------------------------------------------------------------------------------------------------------
// The plugin
// ---------------------------------------------------------------------------------------------------------

#[test]
fn resource_json_block_names_the_zip_and_its_sha256() {
    let out = tempfile::tempdir().unwrap();
    let binary = own_binary(out.path());
    let (zip, printed) = build_cassandra_plugin(&out.path().join("a"), &binary);
    let hash = sha256_hex(&std::fs::read(&zip).unwrap());
    assert_eq!(
        printed,
        serde_json::json!({"portworx-cassandra": {"cli": {"binaries": {"linux": {"x86-64": {
            "kind": "zip",
            "url": format!("{URL_BASE}/dcos-px-cassandra-linux-x86-64.zip"),
            "contentHash": [{"algo": "sha256", "value": hash}]
        }}}}}})
    );
    // The same binary gives the same zip, so a package's hash stays valid when the step is re-run.
    let (zip2, _) = build_cassandra_plugin(&out.path().join("b"), &binary);
    assert_eq!(std::fs::read(zip2).unwrap(), std::fs::read(zip).unwrap());
}

#[test]
fn installed_plugin_has_the_dcos_cli_layout() {
    let (cli, plugin_dir, binary) = installed("http://127.0.0.1:9");
    assert_eq!(
        plugin_dir,
        cli.dcos_dir()
            .join(format!("clusters/{CLUSTER_ID}/subcommands/px-cassandra"))
    );
    let env = plugin_dir.join("env");
    // The zip root is env/ itself: no wrapping folder.
    let mut top: Vec<String> = std::fs::read_dir(&env)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["bin", "completion", "plugin.toml"]);

    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(env.join("plugin.toml")).unwrap()).unwrap();
    assert_eq!(manifest["name"].as_str(), Some("px-cassandra"));
    let commands = manifest["commands"].as_array().unwrap();
    assert_eq!(commands.len(), 1);
    assert_eq!(commands[0]["name"].as_str(), Some("px-cassandra"));
    assert_eq!(commands[0]["path"].as_str(), Some("bin/dcos-px-cassandra"));
    assert!(
        !commands[0]["description"].as_str().unwrap().is_empty(),
        "a description spares the CLI an --info call"
    );

    let exe = env.join("bin/dcos-px-cassandra");
    let mode = std::fs::metadata(&exe).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o751, "BIN plugin mode");
    assert_eq!(
        std::fs::read(&exe).unwrap(),
        std::fs::read(binary).unwrap(),
        "the packed binary is the one given"
    );
    assert!(env.join("completion/bash/px-cassandra.sh").is_file());
    assert!(env.join("completion/zsh/_dcos-px-cassandra").is_file());
}

#[test]
fn plan_status_through_the_installed_plugin_reaches_the_cluster_of_the_cli_env() {
    let mock = Mock::start();
    mock.expect(
        Expect::get(&format!("/service/{SERVICE}/v1/plans/deploy"))
            .token(TOKEN)
            .status(202)
            .reply(
                "application/json",
                &crate::support::read_fixture(
                    "responses/cli/queries/testdata/responses/scheduler/plan-status.json",
                ),
            ),
    );
    let (cli, _, _) = installed(&mock.url());
    let run = cli.run("px-cassandra", &["plan", "status", "deploy"]).ok();
    let golden =
        std::fs::read_to_string(Path::new(REPO).join("tests/golden/sdk/plan-status.tree")).unwrap();
    assert_eq!(run.stdout, golden);
    mock.verify();
}

#[test]
fn info_config_schema_version_and_help_answer_through_the_installed_plugin() {
    let mock = Mock::start(); // no expectation: none of these may touch the cluster
    let (cli, plugin_dir, _) = installed(&mock.url());

    let info = cli.run("px-cassandra", &["--info"]).ok();
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(plugin_dir.join("env/plugin.toml")).unwrap())
            .unwrap();
    assert_eq!(
        info.stdout.trim(),
        manifest["commands"][0]["description"].as_str().unwrap(),
        "plugin.toml and --info describe the command alike"
    );
    assert!(info.stdout.contains("Cassandra"), "{}", info.stdout);

    let schema = cli.run("px-cassandra", &["--config-schema"]).ok();
    let schema: Value = serde_json::from_str(&schema.stdout).unwrap();
    assert_eq!(
        schema,
        serde_json::json!({
            "$schema": "http://json-schema.org/schema#",
            "additionalProperties": false,
            "properties": {"service_name": {"title": "Service name", "type": "string"}},
            "type": "object"
        })
    );

    let version = cli.run("px-cassandra", &["--version"]).ok();
    assert_version_text(&version.stdout);

    let help = cli.run("px-cassandra", &["--help"]).ok();
    assert!(help.stdout.contains("plan"), "{}", help.stdout);
    mock.verify();
}

#[test]
fn plugin_bash_completion_answers_the_dcos_cli_hook_and_the_binary() {
    let (_cli, plugin_dir, _) = installed("http://127.0.0.1:9");
    let script = plugin_dir.join("env/completion/bash/px-cassandra.sh");
    bash(&format!("bash -n '{}'", script.display())).ok();
    // `dcos px-cassandra pl<TAB>`: the DC/OS CLI's completion has parsed `dcos px-cassandra` and calls the
    // hook with its state in scope; it offers COMPREPLY as is, with `-o nospace`.
    let run = bash(&format!(
        r#"source '{}'
words=(dcos px-cassandra pl); cword=2; c=2; cur=pl; COMPREPLY=()
_dcos_px_cassandra
printf '[%s]\n' "${{COMPREPLY[@]}}""#,
        script.display()
    ))
    .ok();
    assert_eq!(run.stdout, "[plan ]\n");
    // `dcos-px-cassandra plan st<TAB>`: the binary run directly.
    let offered = complete(&script, &["dcos-px-cassandra", "plan", "st"]);
    for word in ["start", "status", "stop"] {
        assert!(offered.contains(&word.to_string()), "{word} in {offered:?}");
    }
}

/// What bash offers for the last word of `words` after sourcing `script`: calls the function `complete -F`
/// bound to `words[0]`, the way bash does on TAB (command, current word, previous word as arguments).
fn complete(script: &Path, words: &[&str]) -> Vec<String> {
    let run = bash(&format!(
        r#"source '{script}'
COMP_WORDS=({words}); COMP_CWORD={cword}
spec=$(complete -p {cmd}) || exit 3
fn=$(sed -E 's/.* -F ([^ ]+) .*/\1/' <<<"$spec")
"$fn" {cmd} "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script = script.display(),
        words = words.join(" "),
        cword = words.len() - 1,
        cmd = words[0],
    ))
    .ok();
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn a_bad_framework_name_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = pxfw(
        &[
            "dist",
            "plugin",
            "--framework",
            "cassandra",
            "--framework",
            "Bad Name",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(run.code, 2, "a usage error");
    assert!(
        run.stderr.contains("`Bad Name` is not a framework name"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "no zip for the good name either");
}

// ---------------------------------------------------------------------------------------------------------
// --version
// ---------------------------------------------------------------------------------------------------------

/// `pxfw <version> (commit <sha>; API generations: …)`, where the commit is one of this repository's.
fn assert_version_text(text: &str) {
    let re = regex::Regex::new(&format!(
        r"^pxfw {} \(commit ([0-9a-f]{{7,}}|unknown); API generations: [^)]*Cosmos[^)]*SDK[^)]*\)\n$",
        regex::escape(env!("CARGO_PKG_VERSION"))
    ))
    .unwrap();
    let caps = re
        .captures(text)
        .unwrap_or_else(|| panic!("version text {text:?}"));
    let commit = &caps[1];
    let in_checkout = Command::new("git")
        .args(["-C", REPO, "rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if in_checkout {
        let known = Command::new("git")
            .args([
                "-C",
                REPO,
                "cat-file",
                "-e",
                &format!("{commit}^{{commit}}"),
            ])
            .status()
            .is_ok_and(|s| s.success());
        assert!(known, "commit {commit} is not in this repository");
    }
}

#[test]
fn version_names_the_release_the_commit_and_the_api_generations() {
    let home = tempfile::tempdir().unwrap();
    assert_version_text(&pxfw(&["--version"], home.path()).ok().stdout);
}

// ---------------------------------------------------------------------------------------------------------
// Completions and man pages
// ---------------------------------------------------------------------------------------------------------

#[test]
fn checked_in_bash_completion_loads_and_completes_pxfw_pl() {
    let script = Path::new(REPO).join("completions/pxfw.bash");
    bash(&format!("bash -n '{}'", script.display())).ok();
    let offered = complete(&script, &["pxfw", "pl"]);
    assert!(
        offered.contains(&"plan".to_string()),
        "`pxfw pl<TAB>` offers plan: {offered:?}"
    );
    let offered = complete(&script, &["pxfw", "plan", "st"]);
    assert_eq!(offered, ["status", "start", "stop"], "`pxfw plan st<TAB>`");
}

/// zsh and fish are not on every machine (bash is): where they are, the scripts must parse, and fish (which
/// can complete a command line non-interactively) must offer `plan` for `pxfw pl`.
#[test]
fn checked_in_zsh_and_fish_completions_load_where_those_shells_exist() {
    let dir = Path::new(REPO).join("completions");
    let has = |shell: &str| {
        Command::new(shell)
            .args(["-c", "exit 0"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if has("zsh") {
        let run = Command::new("zsh")
            .arg("-n")
            .arg(dir.join("_pxfw"))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    } else {
        eprintln!("zsh not installed: _pxfw not checked");
    }
    if has("fish") {
        let script = format!(
            "source '{}'; complete -C 'pxfw pl'",
            dir.join("pxfw.fish").display()
        );
        let run = Command::new("fish").args(["-c", &script]).output().unwrap();
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(
            out.lines().any(|l| l.split('\t').next() == Some("plan")),
            "fish offers plan: {out:?} {}",
            String::from_utf8_lossy(&run.stderr)
        );
    } else {
        eprintln!("fish not installed: pxfw.fish not checked");
    }
}

/// Every file of `fresh` exists in `checked_in` with the same bytes, and `checked_in` has nothing else.
fn differences(fresh: &Path, checked_in: &Path) -> Vec<String> {
    let list = |dir: &Path| -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap())
                    .filter(|e| e.path().is_file())
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read(e.path()).unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (new, old) = (list(fresh), list(checked_in));
    let mut out = Vec::new();
    for (name, bytes) in &new {
        match old.get(name) {
            None => out.push(format!("missing {name}")),
            Some(b) if b != bytes => out.push(format!("outdated {name}")),
            Some(_) => {}
        }
    }
    for name in old.keys().filter(|n| !new.contains_key(*n)) {
        out.push(format!("stale {name}"));
    }
    out
}

#[test]
fn checked_in_completions_and_man_pages_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for (kind, dir) in [("completions", "completions"), ("man", "packaging/man")] {
        let fresh = tmp.path().join(kind);
        pxfw(&["dist", kind, fresh.to_str().unwrap()], tmp.path()).ok();
        for d in differences(&fresh, &Path::new(REPO).join(dir)) {
            problems.push(format!("{dir}/: {d}"));
        }
    }
    assert!(
        problems.is_empty(),
        "the checked-in completions/man pages differ from what this binary generates:\n  {}\n\
         Regenerate them from the repository root with `cargo run -q -- dist refresh` and commit \
         completions/ and packaging/man/.",
        problems.join("\n  ")
    );
}
