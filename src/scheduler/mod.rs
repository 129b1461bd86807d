//! The embedded scheduler: what runs where, and the record of every decision.
//!
//! `reconcile`, `plan` and `placement` are the pure core (no I/O; see README.md in this directory).
//! `store` is the crash-safe record, `state` and `service` the documents kept in it, `agents` the
//! registry of nodes and their leases, and `engine` the loop that reads a snapshot, asks the core what
//! to do, writes the decision ahead, and then acts. Nothing here speaks HTTP: `src/server` does.

pub mod agents;
pub mod engine;
pub mod placement;
pub mod plan;
pub mod reconcile;
pub mod service;
pub mod state;
pub mod storage_health;
pub mod store;
