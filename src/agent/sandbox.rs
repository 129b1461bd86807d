//! The sandbox a task runs in: its directory, the volume links and rendered config files inside
//! it, and how shell processes are started there.
//!
//! Why one module: the executor and the health/readiness checks must start their shells the same
//! way (same working directory, same controlled environment, each in its own process group so a
//! kill reaches every descendant), and every path a launch spec names must be confined to the
//! sandbox by the same rule. Keeping both here means there is exactly one place that decides what
//! a task can see.

use crate::spec::mustache::{self, Mode, TemplateError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

/// Name of the file that receives the task's standard output, inside its sandbox.
pub const STDOUT_FILE: &str = "stdout";
/// Name of the file that receives the task's standard error, inside its sandbox.
pub const STDERR_FILE: &str = "stderr";
/// Name of the no-op `bootstrap` written when the fetched URIs provide none.
pub const BOOTSTRAP_FILE: &str = "bootstrap";

/// Variables passed through from the agent's own environment; everything else a task sees comes
/// from its launch spec. A clean environment keeps tasks reproducible across agents (an agent
/// started from a developer shell must not leak its variables into services), while `PATH` and
/// friends are needed for `sh -c` to find anything at all.
pub const INHERITED_ENV: &[&str] = &["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER"];

/// `PATH` used when the agent itself has none.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

use crate::api::agent::{ConfigFile, VolumeMount};

/// Why a sandbox could not be prepared. Each message names the offending input and what to do.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// A path from the launch spec that would escape the sandbox.
    #[error(
        "{what} `{path}` must be a relative path inside the sandbox without `..` components; \
         fix the service spec"
    )]
    PathEscapes { what: &'static str, path: String },
    /// The volume directory the driver returned does not exist on this node.
    #[error(
        "volume for `{container_path}`: host path {} does not exist on this node; \
         the volume is not mounted here",
        host_path.display()
    )]
    MissingVolume {
        container_path: String,
        host_path: PathBuf,
    },
    /// A config template that does not render with the task's environment.
    #[error("config `{name}` (dest `{dest}`): {source}; set the missing values in the task env")]
    Template {
        name: String,
        dest: String,
        #[source]
        source: TemplateError,
    },
    /// A filesystem operation inside the sandbox failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl SandboxError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SandboxError {
        let path = path.to_path_buf();
        move |source| SandboxError::Io {
            action,
            path,
            source,
        }
    }
}

/// Joins a spec-provided relative path onto the sandbox, refusing absolute paths, `..` and empty
/// paths so nothing a spec says can write outside the sandbox.
pub fn confine(sandbox: &Path, what: &'static str, path: &str) -> Result<PathBuf, SandboxError> {
    let escapes = || SandboxError::PathEscapes {
        what,
        path: path.to_string(),
    };
    let relative = Path::new(path);
    let mut joined = sandbox.to_path_buf();
    let mut any = false;
    for component in relative.components() {
        match component {
            Component::Normal(part) => {
                joined.push(part);
                any = true;
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(escapes());
            }
        }
    }
    if any { Ok(joined) } else { Err(escapes()) }
}

/// Creates `<sandbox>/<container_path>` as a symlink to each volume's host path, creating parent
/// directories. A link that already points at the right place is kept, so preparing a sandbox
/// twice is harmless.
pub fn link_volumes(sandbox: &Path, volumes: &[VolumeMount]) -> Result<(), SandboxError> {
    for volume in volumes {
        let link = confine(sandbox, "volume container path", &volume.container_path)?;
        if !volume.host_path.is_dir() {
            return Err(SandboxError::MissingVolume {
                container_path: volume.container_path.clone(),
                host_path: volume.host_path.clone(),
            });
        }
        if let Some(parent) = link.parent() {
            std::fs::create_dir_all(parent)
                .map_err(SandboxError::io("cannot create the directory", parent))?;
        }
        if std::fs::read_link(&link).is_ok_and(|target| target == volume.host_path) {
            continue;
        }
        std::os::unix::fs::symlink(&volume.host_path, &link)
            .map_err(SandboxError::io("cannot create the volume link", &link))?;
    }
    Ok(())
}

/// Renders every config template with the task's environment (SDK mode, missing names are an
/// error) and writes it to its destination. All templates are rendered before any file is
/// written, so a bad template leaves no half-written configuration behind.
pub fn render_configs(
    sandbox: &Path,
    configs: &[ConfigFile],
    env: &BTreeMap<String, String>,
) -> Result<(), SandboxError> {
    let ctx = serde_json::Value::Object(
        env.iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
    );
    let mut rendered = Vec::with_capacity(configs.len());
    for config in configs {
        let dest = confine(sandbox, "config destination", &config.dest)?;
        let text =
            mustache::render(&config.template, &ctx, &Mode::sdk_strict()).map_err(|source| {
                SandboxError::Template {
                    name: config.name.clone(),
                    dest: config.dest.clone(),
                    source,
                }
            })?;
        rendered.push((dest, text));
    }
    for (dest, text) in rendered {
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .map_err(SandboxError::io("cannot create the directory", parent))?;
        }
        std::fs::write(&dest, text).map_err(SandboxError::io("cannot write the config", &dest))?;
    }
    Ok(())
}

/// Writes an executable no-op `bootstrap` unless the fetched URIs provided one.
///
/// Why: real service specs start their command with `./bootstrap`, the SDK helper that renders
/// `configs` and waits for DNS. The pxfw agent has already rendered the configs before the
/// command runs and there is no Mesos DNS to wait for, so a shim that succeeds lets those specs
/// run unchanged.
pub fn write_bootstrap_shim(sandbox: &Path) -> Result<(), SandboxError> {
    use std::os::unix::fs::PermissionsExt;
    let path = sandbox.join(BOOTSTRAP_FILE);
    if path.symlink_metadata().is_ok() {
        return Ok(());
    }
    let script =
        "#!/bin/sh\n# pxfw: configs were rendered by the agent before the task started.\nexit 0\n";
    std::fs::write(&path, script).map_err(SandboxError::io("cannot write", &path))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .map_err(SandboxError::io("cannot make executable", &path))
}

/// The environment a process in the sandbox starts with: the inherited allow-list
/// ([`INHERITED_ENV`]) overlaid with `task_env`.
pub fn process_env(task_env: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = INHERITED_ENV
        .iter()
        .filter_map(|name| std::env::var(name).ok().map(|v| (name.to_string(), v)))
        .collect();
    env.entry("PATH".to_string())
        .or_insert_with(|| DEFAULT_PATH.to_string());
    env.extend(task_env.iter().map(|(k, v)| (k.clone(), v.clone())));
    env
}

/// A `sh -c <script>` command in `sandbox` with exactly `env`, stdin closed, as the leader of a
/// new process group (so signalling the group reaches every descendant).
pub fn shell_command(
    script: &str,
    sandbox: &Path,
    env: &BTreeMap<String, String>,
) -> tokio::process::Command {
    tokio::process::Command::from(std_shell_command(script, sandbox, env))
}

/// Opens (creating) a file of the sandbox for appending: a task's stdout and stderr accumulate across
/// relaunches and re-adoptions rather than being truncated.
pub fn open_append(sandbox: &Path, name: &str) -> Result<std::fs::File, String> {
    let path = sandbox.join(name);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// [`shell_command`] for synchronous callers: the task shim (`agent::shim`) starts the task's shell
/// exactly as the executor would.
pub fn std_shell_command(
    script: &str,
    sandbox: &Path,
    env: &BTreeMap<String, String>,
) -> std::process::Command {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(script)
        .current_dir(sandbox)
        .env_clear()
        .envs(env)
        .stdin(std::process::Stdio::null())
        .process_group(0);
    command
}

/// Sends `signal` to every process of group `pgid`. Returns `false` when the group no longer
/// exists, which is the normal outcome of signalling a task that already ended.
pub fn signal_group(pgid: i32, signal: i32) -> bool {
    if pgid <= 1 {
        // 0 and 1 would signal the agent's own group or every process; never valid task groups.
        return false;
    }
    // SAFETY: killpg only reads its two integer arguments.
    unsafe { libc::killpg(pgid, signal) == 0 }
}

/// SIGKILLs a process group when dropped unless disarmed: a check abandoned half-way (its task
/// ended, its future was dropped) must not leave its descendants running. `kill_on_drop` alone
/// would only reach the shell.
#[derive(Debug)]
pub struct GroupKillGuard {
    pgid: Option<i32>,
}

impl GroupKillGuard {
    pub fn new(pgid: i32) -> GroupKillGuard {
        GroupKillGuard { pgid: Some(pgid) }
    }

    /// The group was dealt with explicitly; dropping the guard does nothing.
    pub fn disarm(mut self) {
        self.pgid = None;
    }
}

impl Drop for GroupKillGuard {
    fn drop(&mut self) {
        if let Some(pgid) = self.pgid {
            signal_group(pgid, libc::SIGKILL);
        }
    }
}

/// Whether group `pgid` still has a member that is not a zombie (one full scan; see
/// [`GroupWatch`] for repeated polling).
pub fn group_has_live_members(pgid: i32) -> bool {
    GroupWatch::new(pgid).has_live_members()
}

/// Polls whether a process group still has live (non-zombie) members, cheaply.
///
/// Why not just `killpg(pgid, 0)`: orphaned descendants are re-parented to PID 1, and when PID 1
/// is not a reaping init (common in containers) their zombies stay in the group, which would make
/// every kill wait out its whole grace period. Reading `/proc` tells live members from zombies.
/// A full `/proc` scan per poll is too costly when dozens of tasks are killed at once, so the
/// members found by one scan are re-checked individually, and a full scan runs again only when
/// all of them are gone (to catch children they forked meanwhile). Without `/proc` the signal
/// probe is the fallback.
#[derive(Debug)]
pub struct GroupWatch {
    pgid: i32,
    /// Members found by the last full scan; `None` before the first one.
    known: Option<Vec<i32>>,
}

impl GroupWatch {
    pub fn new(pgid: i32) -> GroupWatch {
        GroupWatch { pgid, known: None }
    }

    pub fn has_live_members(&mut self) -> bool {
        if !self.exists() {
            return false;
        }
        let pgid = self.pgid;
        let live = |pid: &i32| ProcStat::of(*pid).is_some_and(|s| s.pgrp == pgid && s.is_live());
        if let Some(known) = &mut self.known {
            known.retain(live);
            if !known.is_empty() {
                return true;
            }
        }
        match Self::scan(pgid) {
            Some(members) => {
                let any_live = members.iter().any(live);
                self.known = Some(members);
                any_live
            }
            None => true,
        }
    }

    /// `killpg(pgid, 0)`: whether any member, zombies included, exists.
    fn exists(&self) -> bool {
        // SAFETY: signal 0 only probes for existence; killpg reads its integer arguments only.
        self.pgid > 1 && unsafe { libc::killpg(self.pgid, 0) == 0 }
    }

    /// Every process of the group, live or zombie; `None` without `/proc`.
    fn scan(pgid: i32) -> Option<Vec<i32>> {
        let entries = std::fs::read_dir("/proc").ok()?;
        Some(
            entries
                .flatten()
                .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
                .filter(|pid| ProcStat::of(*pid).is_some_and(|s| s.pgrp == pgid))
                .collect(),
        )
    }
}

/// The fields of `/proc/<pid>/stat` the executor needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ProcStat {
    state: char,
    pgrp: i32,
    /// Start time in clock ticks since boot: with the boot id, identifies a process across PID
    /// reuse.
    start_ticks: u64,
}

impl ProcStat {
    fn of(pid: i32) -> Option<ProcStat> {
        ProcStat::parse(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
    }

    /// The command name is parenthesised and may itself contain spaces and parentheses, so
    /// fields are counted after the last `)` (field 3, `state`, comes first).
    fn parse(stat: &str) -> Option<ProcStat> {
        let rest = &stat[stat.rfind(')')? + 1..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        Some(ProcStat {
            state: fields.first()?.chars().next()?,
            pgrp: fields.get(2)?.parse().ok()?,
            start_ticks: fields.get(19)?.parse().ok()?,
        })
    }

    fn is_live(&self) -> bool {
        self.state != 'Z' && self.state != 'X'
    }
}

/// The start time of process `pid` in clock ticks since boot (`/proc/<pid>/stat` field 22), if it
/// lives (zombies count as gone). With the boot id it names one process for good: a pid alone may
/// have been reused by the time another agent process reads it.
pub fn live_start_ticks(pid: i32) -> Option<u64> {
    ProcStat::of(pid)
        .filter(ProcStat::is_live)
        .map(|s| s.start_ticks)
}

/// This boot's id (`/proc/sys/kernel/random/boot_id`): process start times are only comparable
/// within one boot.
pub fn boot_id() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|id| id.trim().to_string())
}

/// Name of the file in a sandbox that records which process group runs the task.
pub const PROCESS_MARKER: &str = ".pxfw-process.json";

/// Left in a sandbox whose task group was killed by [`kill_leftovers`] (the watchdog's fence, or an
/// agent's start), so a supervisor that sees its task die of that SIGKILL reports a fence, not a crash.
pub const FENCE_MARKER: &str = ".pxfw-fenced";

/// Identifies a task's process group durably, so an agent restarted after a crash can find and
/// kill the tasks its previous incarnation started (issue 6: no process may keep running outside
/// the state). Written when the task's shell starts, removed once it is terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessMarker {
    pub task_id: String,
    /// The group id, which is also the PID of the task's shell.
    pub pgid: i32,
    pub start_ticks: u64,
    pub boot_id: String,
}

impl ProcessMarker {
    /// The marker for a just-started group leader; `None` without `/proc`.
    pub fn for_leader(task_id: &str, pid: i32) -> Option<ProcessMarker> {
        Some(ProcessMarker {
            task_id: task_id.to_string(),
            pgid: pid,
            start_ticks: ProcStat::of(pid)?.start_ticks,
            boot_id: boot_id()?,
        })
    }

    pub fn write(&self, sandbox: &Path) -> Result<(), SandboxError> {
        let path = sandbox.join(PROCESS_MARKER);
        let json = serde_json::to_vec(self).map_err(|e| SandboxError::Io {
            action: "cannot encode",
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        std::fs::write(&path, json).map_err(SandboxError::io("cannot write", &path))
    }

    /// The marker in `sandbox`, if there is a readable one.
    pub fn read(sandbox: &Path) -> Option<ProcessMarker> {
        serde_json::from_slice(&std::fs::read(sandbox.join(PROCESS_MARKER)).ok()?).ok()
    }

    pub fn remove(sandbox: &Path) {
        // Already absent is the expected case after a clean shutdown.
        let _ = std::fs::remove_file(sandbox.join(PROCESS_MARKER));
    }

    /// Whether group `pgid` can still be this task's. Same boot, and either the leader is the
    /// very process that was recorded (same start time), or no process has the leader's PID: a
    /// group id stays allocated while any member lives, so members without a leader are the
    /// task's own descendants. A different process holding that PID means the group is gone and
    /// the number was reused; it is then left alone.
    pub fn group_is_ours(&self) -> bool {
        if boot_id().as_deref() != Some(self.boot_id.as_str()) {
            return false;
        }
        ProcStat::of(self.pgid).is_none_or(|leader| leader.start_ticks == self.start_ticks)
    }
}

/// SIGKILLs the process groups of tasks left running under `sandbox_root` by an earlier agent
/// (found through their [`ProcessMarker`]s) and removes the markers. Returns the ids of the tasks
/// that still had live processes. The fencing watchdog calls it when the lease runs out; an agent
/// starting calls [`kill_leftover`] for each sandbox it cannot re-adopt (no launch record): the
/// server's state, not leftovers, decides what runs on this node.
pub fn kill_leftovers(sandbox_root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(sandbox_root) else {
        return Vec::new();
    };
    let mut killed: Vec<String> = entries
        .flatten()
        .filter_map(|entry| kill_leftover(&entry.path()))
        .collect();
    killed.sort();
    killed
}

/// [`kill_leftovers`] for one sandbox: SIGKILLs its recorded task group if it still has live
/// members (returning the task id) and removes the marker.
pub fn kill_leftover(sandbox: &Path) -> Option<String> {
    let marker = ProcessMarker::read(sandbox)?;
    let mut killed = None;
    if marker.group_is_ours() && group_has_live_members(marker.pgid) {
        // Written before the kill, so it is there when the task's supervisor (if any) sees it die.
        let _ = std::fs::write(sandbox.join(FENCE_MARKER), b"");
        signal_group(marker.pgid, libc::SIGKILL);
        killed = Some(marker.task_id);
    }
    ProcessMarker::remove(sandbox);
    killed
}

/// Writes `bytes` to `path` readable by the owner only (0600), atomically (a temporary file in the
/// same directory, then a rename): the launch and exit records of a task may hold secrets from its
/// environment, and another process (the next agent, the shim) must never read half a file.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

/// The last `max_lines` lines of a file, at most `max_bytes` from its end, as lossy UTF-8 with
/// surrounding whitespace trimmed. Missing or unreadable files give an empty string: the tail is
/// a diagnostic, never a reason to fail.
pub fn file_tail(path: &Path, max_bytes: u64, max_lines: usize) -> String {
    let Ok(mut file) = std::fs::File::open(path) else {
        return String::new();
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(max_bytes);
    if file.seek(SeekFrom::Start(start)).is_err() {
        return String::new();
    }
    let mut bytes = Vec::new();
    if file.take(max_bytes).read_to_end(&mut bytes).is_err() {
        return String::new();
    }
    text_tail(&String::from_utf8_lossy(&bytes), max_lines)
}

/// The last `max_lines` non-empty-trimmed lines of `text`.
pub fn text_tail(text: &str, max_lines: usize) -> String {
    let trimmed = text.trim();
    let lines: Vec<&str> = trimmed.lines().collect();
    lines[lines.len().saturating_sub(max_lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confine_refuses_escapes() {
        let root = Path::new("/sb");
        assert_eq!(
            confine(root, "x", "data/a").unwrap(),
            PathBuf::from("/sb/data/a")
        );
        assert_eq!(confine(root, "x", "./a").unwrap(), PathBuf::from("/sb/a"));
        for bad in ["/etc", "../a", "a/../../b", "", ".", "a/.."] {
            assert!(confine(root, "x", bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn render_configs_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let env = BTreeMap::from([("A".to_string(), "1".to_string())]);
        let configs = vec![
            ConfigFile {
                name: "good".into(),
                template: "a={{A}}".into(),
                dest: "conf/good.yml".into(),
            },
            ConfigFile {
                name: "bad".into(),
                template: "b={{B}}".into(),
                dest: "bad.yml".into(),
            },
        ];
        let err = render_configs(dir.path(), &configs, &env).unwrap_err();
        assert!(err.to_string().contains("B (line 1)"), "{err}");
        assert!(!dir.path().join("conf/good.yml").exists());
        render_configs(dir.path(), &configs[..1], &env).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("conf/good.yml")).unwrap(),
            "a=1"
        );
    }

    #[test]
    fn stat_lines_with_odd_names_parse() {
        let line = "42 (a) b (c) S 1 4242 4242 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 987654 0";
        assert_eq!(
            ProcStat::parse(line),
            Some(ProcStat {
                state: 'S',
                pgrp: 4242,
                start_ticks: 987654
            })
        );
        assert_eq!(ProcStat::parse("garbage"), None);
    }

    #[test]
    fn markers_identify_live_groups_only() {
        let own = std::process::id() as i32;
        let marker = ProcessMarker::for_leader("t__1", own).unwrap();
        assert!(marker.group_is_ours());
        let reused = ProcessMarker {
            start_ticks: marker.start_ticks + 1,
            ..marker.clone()
        };
        assert!(!reused.group_is_ours(), "another process now holds the pid");
        let other_boot = ProcessMarker {
            boot_id: "not-this-boot".into(),
            ..marker
        };
        assert!(!other_boot.group_is_ours());
    }

    #[test]
    fn own_group_is_live_and_bogus_groups_are_not_signalled() {
        // SAFETY: getpgrp has no preconditions.
        let own = unsafe { libc::getpgrp() };
        assert!(group_has_live_members(own));
        assert!(!signal_group(0, 0));
        assert!(!signal_group(1, 0));
    }

    #[test]
    fn tails_keep_the_last_lines() {
        assert_eq!(text_tail("a\nb\nc\n\n", 2), "b\nc");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "0123456789\nlast\n").unwrap();
        assert_eq!(file_tail(&path, 6, 10), "last");
        assert_eq!(file_tail(&dir.path().join("missing"), 10, 10), "");
    }
}
