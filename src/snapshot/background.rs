//! The background pre-hook protocol: a command holds a lock through the cut by running `${WAIT_CMD}`
//! where it must wait, as Stork's rules do (contract §4.3).
//!
//! [`BackgroundHook::prepare`] writes a small wait script into a directory the hook's process can reach
//! (e.g. the task's sandbox) and gives its invocation as `${WAIT_CMD}`. The script
//! 1. creates a *ready* marker, which tells the orchestrator the lock is held
//!    ([`BackgroundHook::wait_until_holding`]), then
//! 2. waits until a *release* marker exists ([`BackgroundHook::release`]), polling every 50 ms, and
//!    returns so the command after `${WAIT_CMD}` (e.g. the unlock) runs.
//!
//! Files rather than a fifo: a release must never block or fail because the hook died or has not yet
//! reached its wait, and the markers survive an orchestrator restart. A lost orchestrator cannot keep a
//! database locked forever: the script gives up after `max_hold` and exits with status 3.
//!
//! `${WAIT_CMD}` is a plain path invocation with no quotes or spaces, so it can sit inside a quoted
//! string (`mysql -e '... system ${WAIT_CMD}; ...'`); [`BackgroundHook::prepare`] refuses directories
//! whose path would break that.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The placeholder a background hook command must contain.
pub const WAIT_CMD: &str = "${WAIT_CMD}";

/// How often the wait script looks for the release marker.
const POLL_MS: u64 = 50;

/// A background hook that cannot be set up or did not reach its wait.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    #[error(
        "directory `{0}` cannot hold a background hook's wait script: its path must use only letters, digits and / . _ - + @ % : , ="
    )]
    UnsafeDirectory(String),
    #[error(
        "background hook id `{0}` must be 1-100 letters, digits, `.`, `_` or `-` (it names the marker files)"
    )]
    BadId(String),
    #[error("background hook command `{0}` does not contain {WAIT_CMD}, so it would never hold")]
    NoWaitCmd(String),
    #[error("background hook `{id}`: {context}: {source}")]
    Io {
        id: String,
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "background hook `{id}` did not reach {WAIT_CMD} within {waited_ms} ms; check the command (it must take its lock, then run {WAIT_CMD})"
    )]
    NotHolding { id: String, waited_ms: u128 },
    #[error("background hook `{id}` ended before reaching {WAIT_CMD}: {status}")]
    Exited { id: String, status: String },
}

/// One background hook's wait script and markers.
#[derive(Debug)]
pub struct BackgroundHook {
    id: String,
    script: PathBuf,
    ready: PathBuf,
    release: PathBuf,
    cleaned: bool,
}

fn is_safe_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/._-+@%:,=".contains(c)
}

impl BackgroundHook {
    /// Writes the wait script for hook `id` into `dir` (created if needed). `max_hold` bounds how long
    /// the hook can hold its lock if nobody releases it.
    pub fn prepare(dir: &Path, id: &str, max_hold: Duration) -> Result<Self, HookError> {
        let dir_text = dir.to_str().unwrap_or("");
        if !dir.is_absolute() || dir_text.is_empty() || !dir_text.chars().all(is_safe_path_char) {
            return Err(HookError::UnsafeDirectory(dir.display().to_string()));
        }
        let id_ok = !id.is_empty()
            && id.len() <= 100
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            && !id.starts_with('.');
        if !id_ok {
            return Err(HookError::BadId(id.to_owned()));
        }
        let io = |context: &str| {
            let id = id.to_owned();
            let context = context.to_owned();
            move |source| HookError::Io {
                id,
                context,
                source,
            }
        };
        fs::create_dir_all(dir).map_err(io("cannot create its directory"))?;
        let hook = BackgroundHook {
            id: id.to_owned(),
            script: dir.join(format!("pxfw-wait-{id}.sh")),
            ready: dir.join(format!("pxfw-holding-{id}")),
            release: dir.join(format!("pxfw-release-{id}")),
            cleaned: false,
        };
        for stale in [&hook.ready, &hook.release] {
            match fs::remove_file(stale) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io("cannot clear an old marker")(e));
                }
                _ => {}
            }
        }
        let max_polls = (max_hold.as_millis() / u128::from(POLL_MS)).max(1);
        let script = format!(
            "#!/bin/sh\n\
             # pxfw background hook {id}: holds until {release} exists, at most {ms} ms.\n\
             : > {ready} || exit 2\n\
             polls=0\n\
             while [ ! -e {release} ]; do\n\
             \x20 polls=$((polls + 1))\n\
             \x20 if [ \"$polls\" -gt {max_polls} ]; then\n\
             \x20   echo \"pxfw: background hook {id} not released within {ms} ms; letting go\" >&2\n\
             \x20   exit 3\n\
             \x20 fi\n\
             \x20 sleep 0.{poll:02}\n\
             done\n",
            ready = hook.ready.display(),
            release = hook.release.display(),
            ms = max_hold.as_millis(),
            poll = POLL_MS / 10,
        );
        fs::write(&hook.script, script).map_err(io("cannot write its wait script"))?;
        Ok(hook)
    }

    /// What `${WAIT_CMD}` stands for.
    pub fn wait_cmd(&self) -> String {
        format!("/bin/sh {}", self.script.display())
    }

    /// `template` with every `${WAIT_CMD}` replaced; refused when it has none.
    pub fn command_line(&self, template: &str) -> Result<String, HookError> {
        if !template.contains(WAIT_CMD) {
            return Err(HookError::NoWaitCmd(template.to_owned()));
        }
        Ok(template.replace(WAIT_CMD, &self.wait_cmd()))
    }

    /// Whether the hook has reached `${WAIT_CMD}` (its lock is held).
    pub fn is_holding(&self) -> bool {
        self.ready.exists()
    }

    /// Waits until the hook holds, checking `exited` (e.g. `child.try_wait()`) so a hook that died is
    /// reported at once instead of after `timeout`. Returns how long it took.
    pub async fn wait_until_holding(
        &self,
        timeout: Duration,
        mut exited: impl FnMut() -> Option<String>,
    ) -> Result<Duration, HookError> {
        let start = Instant::now();
        loop {
            if self.is_holding() {
                return Ok(start.elapsed());
            }
            if let Some(status) = exited() {
                // It may have reached the wait and been released by its own timeout in between.
                if self.is_holding() {
                    return Ok(start.elapsed());
                }
                return Err(HookError::Exited {
                    id: self.id.clone(),
                    status,
                });
            }
            if start.elapsed() >= timeout {
                return Err(HookError::NotHolding {
                    id: self.id.clone(),
                    waited_ms: start.elapsed().as_millis(),
                });
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Lets the hook go on past `${WAIT_CMD}`. Idempotent; harmless when the hook already ended.
    pub fn release(&self) -> Result<(), HookError> {
        fs::write(&self.release, b"").map_err(|source| HookError::Io {
            id: self.id.clone(),
            context: "cannot write the release marker".into(),
            source,
        })
    }

    /// Removes the script and markers; call once the hook's process has ended.
    pub fn cleanup(mut self) {
        for f in [&self.script, &self.ready, &self.release] {
            let _ = fs::remove_file(f);
        }
        self.cleaned = true;
    }
}

impl Drop for BackgroundHook {
    /// Never leave a lock held because the orchestrator bailed out: dropping releases.
    fn drop(&mut self) {
        if !self.cleaned {
            let _ = self.release();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_directories_and_ids_are_refused() {
        let d = Duration::from_secs(1);
        for dir in [
            "relative/dir",
            "/tmp/with space",
            "/tmp/q'uote",
            "/tmp/$HOME",
        ] {
            assert!(
                matches!(
                    BackgroundHook::prepare(Path::new(dir), "a", d),
                    Err(HookError::UnsafeDirectory(_))
                ),
                "{dir}"
            );
        }
        let tmp = tempfile::tempdir().unwrap();
        for id in ["", "../x", "a b", ".hidden"] {
            assert!(
                matches!(
                    BackgroundHook::prepare(tmp.path(), id, d),
                    Err(HookError::BadId(_))
                ),
                "{id}"
            );
        }
    }

    #[test]
    fn the_command_line_substitutes_every_wait_cmd() {
        let tmp = tempfile::tempdir().unwrap();
        let hook = BackgroundHook::prepare(tmp.path(), "pod-0", Duration::from_secs(5)).unwrap();
        let line = hook
            .command_line("mysql -e 'lock; system ${WAIT_CMD}; unlock'")
            .unwrap();
        assert_eq!(
            line,
            format!("mysql -e 'lock; system {}; unlock'", hook.wait_cmd())
        );
        let w = hook.wait_cmd();
        assert!(
            w.starts_with("/bin/sh /") && w.matches(' ').count() == 1,
            "{w}"
        );
        assert!(!w.contains(['\'', '"', '$']), "{w}");
        assert!(matches!(
            hook.command_line("no wait"),
            Err(HookError::NoWaitCmd(_))
        ));
        hook.cleanup();
    }
}
