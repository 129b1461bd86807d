//! The integration tests, as one test binary: every file of `tests/` is a module of it, so the whole crate
//! is linked once and `support` is compiled once (Cargo.toml sets `autotests = false`; see ripgrep's
//! `tests/tests.rs`). One file's tests: `cargo test --test tests failover::`.
//!
//! Every test here may share the process with every other: none changes the process's environment,
//! working directory, signal dispositions or limits (children it starts may, e.g. `support::cluster`
//! limits a server's file size), and the measurements that want a quiet machine are `#[ignore]`d and run
//! on their own (`executor_kill_all_timing`, `snapshot_timing`).

mod support;
mod volume_contract;

mod agent_restart;
mod clean_exit;
mod cleanup;
mod cluster_config;
mod dcos_lifecycle;
mod dist;
mod embedded_cleanup;
mod embedded_dcos;
mod embedded_e2e;
mod executor_kill_all_timing;
mod executor_tasks;
mod failover;
mod node_drain;
mod offline_package;
mod openstorage_driver;
mod partition;
mod peer_fencing;
mod quickstart;
mod scheduler_fixtures;
mod sdk_cli;
mod snapshot_dcos;
mod snapshot_e2e;
mod snapshot_hooks;
mod snapshot_local;
mod snapshot_portworx;
mod snapshot_timing;
mod spec_cli;
mod spec_errors;
mod spec_fixtures;
mod spec_proptest;
mod two_targets;
mod universe_fetch;
mod universe_fixtures;
mod universe_proptest;
mod volume_local;
