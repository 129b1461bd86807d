//! The wire contracts that both sides of pxfw's own HTTP APIs compile against: the agent protocol, node
//! topology, the admin requests of `/pxfw/v1`, the SDK plan and pod views, and snapshot records.
//!
//! Nothing here does I/O. The server, the agent, the scheduler and the typed clients all depend on these
//! types, so a change to a wire shape is made once and both ends see it at compile time.

pub mod admin;
pub mod agent;
pub mod names;
pub mod sdk;
pub mod snapshot;
pub mod topology;
