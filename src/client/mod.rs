//! Typed clients of the HTTP APIs pxfw serves itself. The DC/OS-shaped APIs (Cosmos, Marathon, the SDK
//! scheduler API) have their clients in `dcos/`, because DC/OS serves them too; what only a pxfw server
//! answers (`/pxfw/v1/…`) has its client here.
//!
//! Each client wraps the one [`HttpClient`](crate::cluster::http::HttpClient), builds the requests, and
//! turns statuses into typed replies or typed errors carrying the server's message, so the CLI above it
//! never sees a status code.

pub mod pxfw;

pub use pxfw::{PxfwClient, PxfwError};
