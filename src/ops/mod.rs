//! The multi-step workflows behind the commands, as cargo's `ops` holds its: each takes typed clients
//! (never the CLI's flags), returns a typed result, and prints nothing; progress goes through a callback
//! so the CLI decides what a terminal, a log or `--json` sees.
//!
//! `cli/` parses arguments, calls one of these (or one typed client call) and prints the result; the
//! clients below (`client`, `dcos`, `portworx`) know the wire.

pub mod cleanup;
pub mod cluster;
pub mod node;
pub mod plan;
pub mod scale;
pub mod snapshot;
