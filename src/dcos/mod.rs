//! Typed clients of the DC/OS components pxfw drives: Cosmos (packages), Marathon (apps), Mesos (state),
//! and each service's SDK scheduler API. Each speaks its component's exact wire contract and turns its
//! error bodies into messages an operator can act on.

pub mod cosmos;
pub mod exhibitor;
pub mod janitor;
pub mod marathon;
pub mod mesos;
pub mod metadata;
pub mod sdk;
