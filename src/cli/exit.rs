//! Exit codes and the error type that carries a non-default one.
//!
//! Every handler returns `anyhow::Result`. Most failures are "the operation failed" (exit 1); the few that
//! scripts must tell apart (usage errors, timeouts) travel as an [`Exit`] inside the `anyhow::Error`.

use std::fmt;

/// The operation failed (the default for any error).
pub const FAILED: i32 = 1;
/// The command line was wrong: bad flag, bad value, missing argument.
pub const USAGE: i32 = 2;
/// A `--wait`/`--timeout` ran out before the thing waited for happened (the `timeout(1)` convention).
pub const TIMEOUT: i32 = 124;

/// An error that ends the process with a specific exit code.
#[derive(Debug)]
pub struct Exit {
    pub code: i32,
    pub message: String,
}

impl Exit {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Exit {
            code,
            message: message.into(),
        }
    }

    /// A usage error: the user typed something pxfw cannot accept.
    pub fn usage(message: impl Into<String>) -> Self {
        Exit::new(USAGE, message)
    }

    /// A wait that ran out of time.
    pub fn timeout(message: impl Into<String>) -> Self {
        Exit::new(TIMEOUT, message)
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// The exit code an error should produce: the one carried by an [`Exit`] anywhere in the chain, else 1.
pub fn code_of(err: &anyhow::Error) -> i32 {
    err.chain()
        .find_map(|e| e.downcast_ref::<Exit>())
        .map(|e| e.code)
        .unwrap_or(FAILED)
}
