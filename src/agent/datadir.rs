//! The agent's data directory: one agent process at a time, and a node instance id that survives
//! agent restarts.
//!
//! Why both: a restarted agent re-adopts the tasks its predecessor left running (`agent::shim`). It
//! must register again at once, not wait out the old lease, or the watchdog would fence those very
//! tasks; the server accepts a registration at once when it comes from the same instance, so the
//! instance id is kept here rather than made up per process. That is only safe if two agent processes
//! can never share a data directory (both would claim the same tasks and the same instance), hence the
//! exclusive lock, taken before anything else is touched.

use std::io::Write as _;
use std::os::fd::AsRawFd as _;
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::sandbox;

/// Held (flock) by the one agent process using the directory; holds its pid for the refusal message.
pub const LOCK_FILE: &str = "agent.lock";
/// The node instance id this directory's agent registers with (0600).
pub const INSTANCE_FILE: &str = "instance";

/// An agent data directory, locked for this process until dropped.
#[derive(Debug)]
pub struct DataDir {
    path: PathBuf,
    /// Open for as long as this process uses the directory: closing it releases the lock. Opened
    /// close-on-exec (Rust's default), so no task, shim or watchdog inherits it and keeps it held.
    _lock: std::fs::File,
}

impl DataDir {
    /// Creates the directory (0700: it holds the tasks' launch records) and takes its lock, or says
    /// which process holds it.
    pub fn open(path: &Path) -> anyhow::Result<DataDir> {
        std::fs::create_dir_all(path).with_context(|| {
            format!("cannot create the agent data directory {}", path.display())
        })?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot restrict {} to its owner", path.display()))?;
        let lock_path = path.join(LOCK_FILE);
        let mut lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        // SAFETY: flock only reads its integer arguments; the descriptor is ours and open.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
                let holder = std::fs::read_to_string(&lock_path).unwrap_or_default();
                let holder = match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (pid {pid})"),
                };
                bail!(
                    "another pxfw agent{holder} is already running on the data directory {}; only one \
                     agent may use a data directory: stop that one first, or give this one another \
                     --data-dir",
                    path.display()
                );
            }
            return Err(err).with_context(|| format!("cannot lock {}", lock_path.display()));
        }
        lock.set_len(0)
            .and_then(|()| writeln!(lock, "{}", std::process::id()))
            .with_context(|| format!("cannot write {}", lock_path.display()))?;
        Ok(DataDir {
            path: path.to_path_buf(),
            _lock: lock,
        })
    }

    /// The instance id every agent process on this directory registers with: read, or made once.
    pub fn instance(&self) -> anyhow::Result<String> {
        let path = self.path.join(INSTANCE_FILE);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let id = text.trim();
            if uuid::Uuid::parse_str(id).is_ok() {
                return Ok(id.to_string());
            }
            tracing::warn!(
                "{} does not hold an instance id; making a new one (the server may refuse this \
                 agent until the old instance's lease ends)",
                path.display()
            );
        }
        let id = uuid::Uuid::new_v4().to_string();
        sandbox::write_private(&path, format!("{id}\n").as_bytes())
            .with_context(|| format!("cannot record the instance id in {}", path.display()))?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_agent_per_directory_and_a_stable_instance() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataDir::open(dir.path()).unwrap();
        let err = DataDir::open(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("another pxfw agent")
                && err.contains(&format!("pid {}", std::process::id()))
                && err.contains("--data-dir"),
            "{err}"
        );
        let id = first.instance().unwrap();
        assert_eq!(first.instance().unwrap(), id);
        drop(first);
        let again = DataDir::open(dir.path()).unwrap();
        assert_eq!(again.instance().unwrap(), id, "the id survives the process");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join(INSTANCE_FILE)), 0o600);
        assert_eq!(mode(dir.path()), 0o700);
    }
}
