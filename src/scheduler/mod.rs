//! The embedded scheduler: what runs where, and the record of every decision.
//!
//! `plan` and `placement` are the pure core (no I/O; see README.md in this directory). `store` is the
//! crash-safe record, `state` the documents kept in it, and `engine` the loop that reads a snapshot, asks the
//! core what to do, writes the decision ahead, and then acts.

pub mod agents;
pub mod engine;
pub mod placement;
pub mod plan;
pub mod reconcile;
pub mod service;
pub mod state;
pub mod storage_health;
pub mod store;
