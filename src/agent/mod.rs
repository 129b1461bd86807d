//! The node runtime behind `pxfw agent`: runs the tasks the server assigns to this node.
//!
//! `executor` supervises task processes; `fetch` brings their URIs into the sandbox; `sandbox`
//! prepares the sandbox and starts processes in it; `checks` runs health and readiness checks; `shim`
//! is the per-task parent process that lets tasks outlive the agent; `fence` is the lease watchdog;
//! `datadir` keeps one agent per data directory and its instance id; `runtime` is the main loop.

pub mod checks;
pub mod datadir;
pub mod executor;
pub mod fence;
pub mod fetch;
pub mod peer;
pub mod runtime;
pub mod sandbox;
pub mod shim;
