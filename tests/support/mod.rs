//! Shared test support: the scripted DC/OS mock, fakes of Mesos and of the Portworx (OpenStorage) API, a
//! real pxfw cluster, and a runner for the `pxfw` binary. Compiled once, into the one integration test
//! binary (`tests/tests.rs`), so nothing here needs `allow(dead_code)`: what no test uses is deleted.

pub mod cluster;
pub mod http_thread;
pub mod mesos_fake;
pub mod mock;
pub mod netns;
pub mod portworx_fake;
pub mod recording_proxy;
pub mod static_http;
pub mod target;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Real data from public repositories (read-only).
pub fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures"))
}

pub fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

pub fn read_fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// The result of one pxfw run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    /// Panics with both streams unless the exit code is `code`.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    pub fn ok(self) -> Run {
        self.expect_code(0)
    }
}

/// A `pxfw` invocation with a clean environment: its own DCOS_DIR, no keyring, no stdin.
pub struct Pxfw {
    pub home: tempfile::TempDir,
    envs: Vec<(String, String)>,
}

impl Pxfw {
    pub fn new() -> Pxfw {
        Pxfw {
            home: tempfile::tempdir().expect("tempdir"),
            envs: Vec::new(),
        }
    }

    /// Targets `url` the way the DC/OS CLI targets a plugin: DCOS_URL and DCOS_ACS_TOKEN.
    pub fn with_env_cluster(url: &str, token: &str) -> Pxfw {
        let mut p = Pxfw::new();
        p.env("DCOS_URL", url);
        p.env("DCOS_ACS_TOKEN", token);
        p
    }

    pub fn env(&mut self, k: &str, v: &str) -> &mut Self {
        self.envs.push((k.into(), v.into()));
        self
    }

    pub fn dcos_dir(&self) -> PathBuf {
        self.home.path().join("dcos")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pxfw"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("DCOS_DIR", self.dcos_dir())
            .env("PXFW_NO_KEYRING", "1")
            .stdin(Stdio::null());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from_output(self.command(args).output().expect("run pxfw"))
    }
}
