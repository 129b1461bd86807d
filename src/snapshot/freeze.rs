//! Freezes a service's tasks around the cut on the local driver: SIGSTOP to each task's process group,
//! then SIGCONT, with the window measured.
//!
//! Why signals: the local pool has no block layer to quiesce, but a stopped process cannot write, so
//! while every task of the service is stopped, copying its volumes one after the other gives the same
//! result as cutting them all at one instant (crash consistency across volumes).
//!
//! `kill` returns before the target has actually stopped (a process in the middle of a `write` stops
//! when the call returns), so [`freeze`] waits until every process of every group shows as stopped in
//! `/proc` before returning; only then may the cut begin. Groups that are gone are reported, not fatal:
//! a task that ended has nothing left to write. [`Frozen`] thaws when dropped, so an error path can
//! never leave a service stopped.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Serialize;

/// A process group that cannot be frozen.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FreezeError {
    #[error("process group {0} is not a task's group (groups 0 and 1 are never frozen)")]
    InvalidGroup(i32),
    #[error("process group {0} is pxfw's own; freezing it would stop pxfw itself")]
    OwnGroup(i32),
    #[error("cannot stop process group {pgid}: {message}")]
    Signal { pgid: i32, message: String },
}

/// What happened to one process group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum GroupState {
    /// Every process of the group was seen stopped.
    Frozen { processes: usize },
    /// SIGSTOP was sent, but these processes were not seen stopped before the confirmation timeout.
    Unconfirmed { running: Vec<i32> },
    /// The group no longer existed when the freeze began.
    Vanished,
    /// The group ended while frozen (it was killed); SIGCONT found nothing.
    VanishedWhileFrozen,
}

/// One group and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupStatus {
    pub pgid: i32,
    #[serde(flatten)]
    pub state: GroupState,
}

/// Process groups held stopped. Thaw with [`Frozen::thaw`]; dropping thaws too.
#[derive(Debug)]
pub struct Frozen {
    groups: Vec<GroupStatus>,
    started: Instant,
    confirmed_after: Duration,
    thawed: bool,
}

/// The measured freeze.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreezeReport {
    /// From the first SIGSTOP to the last SIGCONT: how long the service could not write.
    #[serde(serialize_with = "micros")]
    pub window: Duration,
    /// From the first SIGSTOP until every process was seen stopped.
    #[serde(serialize_with = "micros")]
    pub stop_latency: Duration,
    pub groups: Vec<GroupStatus>,
}

fn micros<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

fn signal_group(pgid: i32, signal: libc::c_int) -> std::io::Result<()> {
    // SAFETY: killpg has no memory effects; `pgid` was checked to be > 1 and not our own group.
    if unsafe { libc::killpg(pgid, signal) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Stops every process group of `pgids` and waits (at most `confirm_timeout`) until all their processes
/// are seen stopped. The cut may begin when [`Frozen::all_stopped`] is true.
pub fn freeze(pgids: &[i32], confirm_timeout: Duration) -> Result<Frozen, FreezeError> {
    // SAFETY: getpgrp cannot fail and has no memory effects.
    let own = unsafe { libc::getpgrp() };
    let mut unique: Vec<i32> = Vec::with_capacity(pgids.len());
    for &pgid in pgids {
        if pgid <= 1 {
            return Err(FreezeError::InvalidGroup(pgid));
        }
        if pgid == own {
            return Err(FreezeError::OwnGroup(pgid));
        }
        if !unique.contains(&pgid) {
            unique.push(pgid);
        }
    }
    let started = Instant::now();
    let mut frozen = Frozen {
        groups: Vec::with_capacity(unique.len()),
        started,
        confirmed_after: Duration::ZERO,
        thawed: false,
    };
    for pgid in unique {
        let state = match signal_group(pgid, libc::SIGSTOP) {
            Ok(()) => GroupState::Unconfirmed {
                running: Vec::new(),
            },
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => GroupState::Vanished,
            Err(e) => {
                // Dropping `frozen` resumes the groups already stopped.
                return Err(FreezeError::Signal {
                    pgid,
                    message: e.to_string(),
                });
            }
        };
        frozen.groups.push(GroupStatus { pgid, state });
    }
    frozen.confirm(confirm_timeout);
    Ok(frozen)
}

impl Frozen {
    /// Polls `/proc` until every process of the signalled groups is stopped (or gone), or `timeout`.
    fn confirm(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let running = running_members(
                self.groups
                    .iter()
                    .filter(|g| !matches!(g.state, GroupState::Vanished))
                    .map(|g| g.pgid),
            );
            let done = running.values().all(|(_, r)| r.is_empty());
            if done || Instant::now() >= deadline {
                for g in &mut self.groups {
                    if matches!(g.state, GroupState::Vanished) {
                        continue;
                    }
                    let (count, still) = running.get(&g.pgid).cloned().unwrap_or_default();
                    g.state = if still.is_empty() {
                        GroupState::Frozen { processes: count }
                    } else {
                        GroupState::Unconfirmed { running: still }
                    };
                }
                self.confirmed_after = self.started.elapsed();
                return;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    /// True when every group that still exists is fully stopped.
    pub fn all_stopped(&self) -> bool {
        self.groups
            .iter()
            .all(|g| !matches!(g.state, GroupState::Unconfirmed { .. }))
    }

    pub fn groups(&self) -> &[GroupStatus] {
        &self.groups
    }

    /// Resumes every group and reports the window.
    pub fn thaw(mut self) -> FreezeReport {
        self.resume();
        FreezeReport {
            window: self.started.elapsed(),
            stop_latency: self.confirmed_after,
            groups: self.groups.clone(),
        }
    }

    fn resume(&mut self) {
        if self.thawed {
            return;
        }
        self.thawed = true;
        for g in &mut self.groups {
            if matches!(g.state, GroupState::Vanished) {
                continue;
            }
            match signal_group(g.pgid, libc::SIGCONT) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => {
                    g.state = GroupState::VanishedWhileFrozen;
                }
                Err(e) => tracing::error!("cannot resume process group {}: {e}", g.pgid),
            }
        }
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        self.resume();
    }
}

/// One process of a frozen group, as `/proc` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Member {
    pid: i32,
    ppid: i32,
    state: char,
}

impl Member {
    /// T: stopped, t: tracing stop, Z/X: exited.
    fn stopped(self) -> bool {
        matches!(self.state, 'T' | 't' | 'Z' | 'X')
    }
}

/// Whether `m` cannot run even though it is not stopped itself: a shell that `vfork`ed (dash does for
/// external commands) sleeps uninterruptibly in the kernel until its child execs or exits, so a SIGSTOP
/// that caught the child before its `exec` holds the parent too, until the SIGCONT. Its `wchan` names
/// the fork call (`kernel_clone`; `_do_fork` / `do_fork` on older kernels).
fn held_by_stopped_vfork_child(m: Member, group: &[Member], wchan: impl Fn(i32) -> String) -> bool {
    m.state == 'D'
        && group.iter().any(|c| c.ppid == m.pid && c.stopped())
        && matches!(wchan(m.pid).trim(), "kernel_clone" | "_do_fork" | "do_fork")
}

/// For each group: how many processes it has and which of them can still run, from `/proc`.
fn running_members(pgids: impl Iterator<Item = i32>) -> BTreeMap<i32, (usize, Vec<i32>)> {
    let mut groups: BTreeMap<i32, Vec<Member>> = pgids.map(|p| (p, Vec::new())).collect();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            // Gone between the listing and the read: it has nothing left to write.
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            let Some((state, ppid, pgrp)) = parse_stat(&stat) else {
                continue;
            };
            if let Some(members) = groups.get_mut(&pgrp) {
                members.push(Member { pid, ppid, state });
            }
        }
    }
    let wchan =
        |pid: i32| std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
    groups
        .into_iter()
        .map(|(pgid, members)| {
            let running = members
                .iter()
                .filter(|m| !m.stopped() && !held_by_stopped_vfork_child(**m, &members, wchan))
                .map(|m| m.pid)
                .collect();
            (pgid, (members.len(), running))
        })
        .collect()
}

/// State, parent and process group from `/proc/<pid>/stat` (`pid (comm) state ppid pgrp …`; comm may
/// contain spaces and parentheses, so fields are counted after the last `)`).
fn parse_stat(stat: &str) -> Option<(char, i32, i32)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let ppid = fields.next()?.parse().ok()?;
    let pgrp = fields.next()?.parse().ok()?;
    Some((state, ppid, pgrp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_odd_names_parse() {
        assert_eq!(
            parse_stat("42 (my (odd) name) T 1 4242 4242 0 -1"),
            Some(('T', 1, 4242))
        );
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn a_parent_in_vfork_under_a_stopped_child_is_held() {
        let m = |pid, ppid, state| Member { pid, ppid, state };
        let group = [m(10, 1, 'D'), m(11, 10, 'T')];
        let in_fork = |_| "kernel_clone".to_string();
        assert!(held_by_stopped_vfork_child(group[0], &group, in_fork));
        // Blocked elsewhere (e.g. on I/O), or with its child still running: it can still write.
        assert!(!held_by_stopped_vfork_child(group[0], &group, |_| {
            "io_schedule".to_string()
        }));
        let running_child = [m(10, 1, 'D'), m(11, 10, 'R')];
        assert!(!held_by_stopped_vfork_child(
            running_child[0],
            &running_child,
            in_fork
        ));
        assert!(!held_by_stopped_vfork_child(m(10, 1, 'S'), &group, in_fork));
    }

    #[test]
    fn groups_that_must_never_be_stopped_are_refused() {
        assert_eq!(
            freeze(&[0], Duration::ZERO).unwrap_err(),
            FreezeError::InvalidGroup(0)
        );
        assert_eq!(
            freeze(&[1], Duration::ZERO).unwrap_err(),
            FreezeError::InvalidGroup(1)
        );
        // SAFETY: no memory effects.
        let own = unsafe { libc::getpgrp() };
        assert_eq!(
            freeze(&[own], Duration::ZERO).unwrap_err(),
            FreezeError::OwnGroup(own)
        );
    }
}
