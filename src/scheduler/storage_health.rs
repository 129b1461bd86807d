//! Telling "storage down" from "host down" before moving anything (anchors, pain point 9: storage health
//! monitors that kill healthy pods).
//!
//! The agent's lease says whether a *host* is up; only a lost lease moves pods as a host failure. What the
//! storage backend says of a node whose host is up is judged here, per pod, from the node's storage state
//! and the health of the pod's volumes:
//!
//! | node storage | pod's volumes | verdict |
//! |---|---|---|
//! | up, degraded | any | keep, nothing to say |
//! | pools down, daemon up | served by replicas elsewhere | keep: I/O still flows through other replicas |
//! | pools down | one has no serving replica | keep: no node could serve it, moving would not help |
//! | daemon offline | all usable elsewhere | **move**: attachments on that node cannot do I/O |
//! | daemon offline | one has no serving replica | keep: moving would not help |
//!
//! A move is a permanent recovery through the recovery plan, like `pod replace`: the tasks are killed by
//! their (live) agent first, only then is the attachment taken away (forced, as the node's storage daemon
//! cannot answer), so there are never two writers.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::volume::{NodeId, NodeStorage, VolumeHealth};

/// What to do with a pod on a node whose host is up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing is wrong with its storage.
    Healthy,
    /// Its node's storage is not healthy but the pod stays; the reason says why.
    Keep(String),
    /// Its volumes cannot do I/O on its node but can elsewhere: re-place it.
    Move(String),
}

/// Judges one pod on `node` (whose host is up) from the node's storage state and its volumes' health.
pub fn judge(node: &str, storage: NodeStorage, volumes: &[(String, VolumeHealth)]) -> Verdict {
    let down: Vec<&str> = volumes
        .iter()
        .filter(|(_, h)| *h == VolumeHealth::Down)
        .map(|(v, _)| v.as_str())
        .collect();
    let names = || {
        volumes
            .iter()
            .map(|(v, _)| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match storage {
        NodeStorage::Up | NodeStorage::Degraded => Verdict::Healthy,
        _ if volumes.is_empty() => Verdict::Healthy,
        _ if !down.is_empty() => Verdict::Keep(format!(
            "storage on {node} is {}, and volume(s) {} have no replica that can serve them: no node could run the pod, so it stays",
            describe(storage),
            down.join(", ")
        )),
        NodeStorage::StorageDown => Verdict::Keep(format!(
            "storage pools on {node} are down but its host and storage daemon are up: volume(s) {} are served by replicas on other nodes, so the pod stays",
            names()
        )),
        NodeStorage::Offline => Verdict::Move(format!(
            "the storage daemon on {node} is offline while the host is up: volume(s) {} cannot do I/O there but are usable from other nodes, so the pod moves",
            names()
        )),
    }
}

fn describe(s: NodeStorage) -> &'static str {
    match s {
        NodeStorage::Up => "up",
        NodeStorage::Degraded => "degraded",
        NodeStorage::StorageDown => "down (pools)",
        NodeStorage::Offline => "offline",
    }
}

/// The engine's view of node storage: read from the driver at most every `every`, remembered in between,
/// with the last verdict given per pod so each change is recorded once.
#[derive(Debug)]
pub struct StorageWatch {
    every: Duration,
    state: Mutex<WatchState>,
}

#[derive(Debug, Default)]
struct WatchState {
    last_read: Option<Instant>,
    nodes: BTreeMap<NodeId, NodeStorage>,
    /// "service/pod" → the last verdict's text.
    noted: BTreeMap<String, String>,
}

impl StorageWatch {
    pub fn new(every: Duration) -> Self {
        StorageWatch {
            every,
            state: Mutex::new(WatchState::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WatchState> {
        // The state is a cache: a panic while holding it leaves nothing half-updated that matters.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a new read of the driver is due (and, if so, marks it as taken now).
    pub fn due(&self) -> bool {
        let mut s = self.lock();
        let due = s.last_read.is_none_or(|t| t.elapsed() >= self.every);
        if due {
            s.last_read = Some(Instant::now());
        }
        due
    }

    pub fn set_nodes(&self, nodes: BTreeMap<NodeId, NodeStorage>) {
        self.lock().nodes = nodes;
    }

    /// The last known storage state of `node` (up when the backend did not say).
    pub fn node(&self, node: &str) -> NodeStorage {
        self.lock()
            .nodes
            .get(node)
            .copied()
            .unwrap_or(NodeStorage::Up)
    }

    /// Records `text` as the verdict for `pod`; true when it differs from the last one (worth an event).
    pub fn note(&self, pod: &str, text: Option<&str>) -> bool {
        let mut s = self.lock();
        match text {
            Some(t) => s.noted.insert(pod.to_owned(), t.to_owned()).as_deref() != Some(t),
            None => s.noted.remove(pod).is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vols(h: &[VolumeHealth]) -> Vec<(String, VolumeHealth)> {
        h.iter()
            .enumerate()
            .map(|(i, h)| (format!("v-{i}"), *h))
            .collect()
    }

    #[test]
    fn only_an_offline_daemon_with_usable_volumes_moves_a_pod() {
        use NodeStorage::*;
        use VolumeHealth as H;
        assert_eq!(judge("n", Up, &vols(&[H::Down])), Verdict::Healthy);
        assert_eq!(judge("n", Degraded, &vols(&[H::Up])), Verdict::Healthy);
        assert!(matches!(
            judge("n", StorageDown, &vols(&[H::Degraded, H::Up])),
            Verdict::Keep(why) if why.contains("served by replicas on other nodes")
        ));
        assert!(matches!(
            judge("n", StorageDown, &vols(&[H::Down])),
            Verdict::Keep(why) if why.contains("v-0 have no replica")
        ));
        assert!(matches!(
            judge("n", Offline, &vols(&[H::Degraded, H::Up])),
            Verdict::Move(why) if why.contains("v-0, v-1 cannot do I/O")
        ));
        assert!(matches!(
            judge("n", Offline, &vols(&[H::Up, H::Down])),
            Verdict::Keep(why) if why.contains("moving") || why.contains("no node could")
        ));
        assert_eq!(judge("n", Offline, &[]), Verdict::Healthy);
    }

    #[test]
    fn a_verdict_is_noted_once_until_it_changes() {
        let w = StorageWatch::new(Duration::from_secs(60));
        assert!(w.due());
        assert!(!w.due());
        assert!(w.note("s/p-0", Some("kept")));
        assert!(!w.note("s/p-0", Some("kept")));
        assert!(w.note("s/p-0", Some("moved")));
        assert!(w.note("s/p-0", None));
        assert!(!w.note("s/p-0", None));
        assert_eq!(w.node("x"), NodeStorage::Up);
        w.set_nodes(BTreeMap::from([("x".to_owned(), NodeStorage::Offline)]));
        assert_eq!(w.node("x"), NodeStorage::Offline);
    }
}
