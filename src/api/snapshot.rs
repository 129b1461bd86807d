//! Snapshot records as `/pxfw/v1/snapshots` serves them.
