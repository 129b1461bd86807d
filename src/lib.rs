//! pxfw — the operator tool for stateful services on Portworx volumes.
//!
//! One crate, modules by responsibility; every arrow points down (README "Layout"): `cli` turns arguments
//! into calls of `ops` workflows or typed clients (`client`, `dcos`, `portworx`) and prints through
//! `output`; `server` exposes the pure `scheduler` and the `agent` runtime over HTTP; `api` holds the wire
//! contracts that both ends compile against.

pub mod agent;
pub mod api;
pub mod cli;
pub mod client;
pub mod cluster;
pub mod dcos;
pub mod dist;
pub mod ops;
pub mod output;
pub mod plugin;
pub mod portworx;
pub mod scheduler;
pub mod server;
pub mod snapshot;
pub mod spec;
pub mod universe;
pub mod volume;

/// Runs pxfw with the process arguments and environment and returns the exit code.
pub fn run() -> i32 {
    cli::main()
}
