//! The agent protocol: registration, heartbeat and its reply, task launch and status, volume mounts and config files.
