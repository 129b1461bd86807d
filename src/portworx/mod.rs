//! Portworx through OpenStorage: wire types and a typed client of the SDK REST gateway
//! (contracts/portworx-openstorage.md §1). The in-process fake of that API lives with the tests
//! (`tests/support/portworx_fake.rs`).
//!
//! The legacy REST API (§2) is used only for what the SDK lacks, group snapshots; it has its own encoding
//! rules, so it has its own client and types ([`legacy`]).

pub mod client;
pub mod legacy;
pub mod types;

pub use client::OpenStorageClient;
pub use legacy::LegacyClient;
pub use types::GrpcCode;

use crate::cluster::http::HttpError;

/// A failed SDK call: the gateway's decoded error, or no usable answer at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenStorageError {
    #[error("Portworx {op} failed: {} (HTTP {status}) from {url}: {message}{}", code_name(*.code), hint(*.code))]
    Api {
        op: &'static str,
        url: String,
        status: u16,
        /// `None` when the body was not a gateway error (e.g. a plain-text 404 for an unknown route).
        code: Option<GrpcCode>,
        message: String,
    },
    #[error("Portworx {op}: unusable reply from {url}: {detail}")]
    Malformed {
        op: &'static str,
        url: String,
        detail: String,
    },
    /// A legacy REST failure: those answers are plain text (contract §2).
    #[error("Portworx {op} failed (HTTP {status}) from {url}: {message}")]
    Legacy {
        op: &'static str,
        url: String,
        status: u16,
        message: String,
    },
    #[error("Portworx {op}: {source}")]
    Http {
        op: &'static str,
        #[source]
        source: HttpError,
    },
}

impl OpenStorageError {
    /// The gRPC code of an API error.
    pub fn code(&self) -> Option<GrpcCode> {
        match self {
            OpenStorageError::Api { code, .. } => *code,
            _ => None,
        }
    }
}

fn code_name(code: Option<GrpcCode>) -> &'static str {
    code.map(GrpcCode::as_str).unwrap_or("error")
}

fn hint(code: Option<GrpcCode>) -> &'static str {
    match code {
        Some(GrpcCode::Unauthenticated) => {
            "\nThe token was refused: give a valid Portworx token (issued by a trusted issuer)."
        }
        Some(GrpcCode::PermissionDenied) => {
            "\nThe token (or its absence) does not allow this: use a token with a role that does."
        }
        Some(GrpcCode::Unavailable) => "\nThe Portworx node is not available; retry later.",
        None => "\nIs this the OpenStorage SDK REST gateway (port 9021 on Portworx, 9110 on osd)?",
        _ => "",
    }
}
