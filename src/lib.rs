//! pxfw — the operator tool for stateful services on Portworx volumes.
//!
//! One crate, modules by responsibility (see `../shared/DESIGN.md` and `ARCHITECTURE` in README):
//! the CLI edge (`cli`, `output`) talks to typed clients (`dcos`, `portworx`) through one HTTP
//! client (`cluster`), and to the offline package and spec model (`universe`, `spec`).

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
