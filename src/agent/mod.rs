//! The node runtime behind `pxfw agent`: runs the tasks the server assigns to this node.
//!
//! `executor` supervises task processes; `fetch` brings their URIs into the sandbox; `sandbox`
//! prepares the sandbox and starts processes in it; `checks` runs health and readiness checks.

pub mod checks;
pub mod executor;
pub mod fence;
pub mod fetch;
pub mod peer;
pub mod runtime;
pub mod sandbox;
