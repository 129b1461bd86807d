//! Issue 6 end to end: failover without two writers, and a control plane that survives its own crash.
//! Real `pxfw server` / `pxfw agent` processes on 127.0.0.1 with a short lease (500 ms heartbeat, 2 s lease,
//! 1 s grace) so detection is quick; every wait is bounded.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support::cluster::{Cluster, SHORT_LEASE};
use serde_json::Value;

const KV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/kv.yml");
/// Lease + grace + the 2 s the issue allows, plus room for a loaded CI machine.
const RECOVERY_BOUND: Duration = Duration::from_secs(2 + 1 + 2 + 10);

fn add_kv(c: &Cluster, name: &str, count: u32) {
    let r = c.pxfw(&[
        "service",
        "add",
        name,
        "--spec",
        KV,
        "--env",
        &format!("SERVICE_NAME={name}"),
        "--env",
        &format!("STORE_COUNT={count}"),
        "--env",
        r#"STORE_PLACEMENT=[["hostname","MAX_PER","1"]]"#,
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
}

fn wait_deploy(c: &Cluster, name: &str) {
    let r = c.wait_plan(name, "deploy", "120s");
    assert_eq!(
        r.code,
        0,
        "deploy of {name}: {}\n{}\n{}",
        r.stdout,
        r.stderr,
        c.server_log()
    );
}

fn running_on(c: &Cluster, svc: &str, pod: &str) -> Option<String> {
    let out = c.pxfw(&["pod", "info", pod, "--name", svc]);
    let v: Value = serde_json::from_str(&out.stdout).ok()?;
    let t = &v[0];
    (t["status"]["state"] == "TASK_RUNNING").then(|| {
        t["info"]["slaveId"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    })
}

fn ms(ts: &str) -> i64 {
    // RFC 3339 with milliseconds, UTC: compare as text-derived milliseconds of the day plus the date.
    let (date, time) = ts.trim_end_matches('Z').split_once('T').unwrap();
    let (h, rest) = time.split_once(':').unwrap();
    let (m, s) = rest.split_once(':').unwrap();
    let secs: f64 = s.parse().unwrap();
    let day: i64 = date.replace('-', "").parse().unwrap();
    day * 86_400_000
        + h.parse::<i64>().unwrap() * 3_600_000
        + m.parse::<i64>().unwrap() * 60_000
        + (secs * 1000.0).round() as i64
}

fn epoch_ms_to_day_ms(epoch: i64) -> i64 {
    // Converts Unix ms to the same scale `ms()` uses (YYYYMMDD * day + ms of day), via the civil date.
    let days = epoch.div_euclid(86_400_000);
    let rem = epoch.rem_euclid(86_400_000);
    let (y, mth, d) = civil_from_days(days);
    (y * 10_000 + mth * 100 + d) * 86_400_000 + rem
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The attach history of a volume as (action, node, ms).
fn history(c: &Cluster, volume: &str) -> Vec<(String, String, i64)> {
    c.volume_meta(volume)["attach_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["node"].as_str().unwrap().to_string(),
                ms(e["at"].as_str().unwrap()),
            )
        })
        .collect()
}

/// No two attachments of one volume overlap: every attach after the first follows a detach of the previous node.
fn assert_no_overlap(h: &[(String, String, i64)]) {
    let mut holder: Option<&str> = None;
    for (action, node, _) in h {
        match action.as_str() {
            "attach" => {
                assert!(
                    holder.is_none() || holder == Some(node.as_str()),
                    "attached on {node} while held by {holder:?}: {h:?}"
                );
                holder = Some(node);
            }
            _ => {
                if holder == Some(node.as_str()) {
                    holder = None;
                }
            }
        }
    }
}

fn fence_times(c: &Cluster, node: &str) -> Vec<i64> {
    std::fs::read_to_string(c.agent_dir(node).join("fence.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.contains("agent start"))
        .filter_map(|l| l.split_once(' ').and_then(|(t, _)| t.parse::<i64>().ok()))
        .map(epoch_ms_to_day_ms)
        .collect()
}

fn data(c: &Cluster, volume: &str, file: &str) -> String {
    std::fs::read_to_string(c.volumes_dir().join(volume).join("data").join(file))
        .unwrap_or_default()
}

#[test]
fn kill_9_of_an_agent_moves_its_pod_with_the_data_and_fences_the_old_task() {
    let mut c = Cluster::three_racks(SHORT_LEASE);
    add_kv(&c, "kv", 2);
    wait_deploy(&c, "kv");
    let victim = running_on(&c, "kv", "store-0").expect("store-0 running");
    std::thread::sleep(Duration::from_millis(1500));
    let before = data(&c, "kv-data-0", "ticks");
    assert!(!before.is_empty());

    let killed_at = Instant::now();
    c.kill9_agent(&victim);
    let deadline = killed_at + RECOVERY_BOUND;
    let new_node = loop {
        if let Some(n) = running_on(&c, "kv", "store-0").filter(|n| *n != victim) {
            break n;
        }
        assert!(
            Instant::now() < deadline,
            "store-0 not running elsewhere after {:?}\n{}",
            RECOVERY_BOUND,
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    eprintln!(
        "failover of store-0 from {victim} to {new_node}: {:?} after kill -9",
        killed_at.elapsed()
    );

    // The data written before the kill is intact: the new writer appended to it.
    let after = data(&c, "kv-data-0", "ticks");
    assert!(after.starts_with(&before), "ticks were rewritten");
    assert_eq!(data(&c, "kv-data-0", "log").lines().count(), 2);

    // The old task was fenced by the node's watchdog before the volume moved, and nothing overlaps.
    let h = history(&c, "kv-data-0");
    assert_no_overlap(&h);
    let moved = h
        .iter()
        .find(|(a, n, _)| a == "force-detach" && *n == victim)
        .expect("force-detach from the lost node")
        .2;
    let fenced = *fence_times(&c, &victim)
        .first()
        .expect("the watchdog fenced the lost node");
    assert!(
        fenced < moved,
        "fenced at {fenced}, volume taken at {moved}"
    );
    let recovery = c
        .pxfw(&["plan", "status", "recovery", "--name", "kv"])
        .ok()
        .stdout;
    assert!(recovery.contains("store-0:[server]"), "{recovery}");
    // Exactly one live task per pod across the machine: the killed agent's task is gone.
    let sandboxes: BTreeSet<PathBuf> = c.task_processes().into_iter().map(|(_, cwd)| cwd).collect();
    assert_eq!(sandboxes.len(), 2, "{sandboxes:?}");
}

#[test]
fn a_frozen_agent_is_fenced_by_its_watchdog_and_kills_its_old_task_when_it_thaws() {
    let c = Cluster::three_racks(SHORT_LEASE);
    add_kv(&c, "kv", 1);
    wait_deploy(&c, "kv");
    let victim = running_on(&c, "kv", "store-0").expect("store-0 running");
    c.signal_agent(&victim, libc::SIGSTOP);
    let deadline = Instant::now() + RECOVERY_BOUND;
    let new_node = loop {
        if let Some(n) = running_on(&c, "kv", "store-0").filter(|n| *n != victim) {
            break n;
        }
        assert!(
            Instant::now() < deadline,
            "no failover while {victim} is frozen\n{}",
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    c.signal_agent(&victim, libc::SIGCONT);
    // The thawed agent learns it was declared lost, re-registers, and runs nothing of its old life.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let st = c.status();
        let back = st["agents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["node_id"] == victim.as_str() && a["status"] == "ACTIVE");
        if back {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{victim} did not come back: {st}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let h = history(&c, "kv-data-0");
    assert_no_overlap(&h);
    let taken = h
        .iter()
        .find(|(a, n, _)| a == "force-detach" && *n == victim)
        .expect("force-detach")
        .2;
    let fenced = *fence_times(&c, &victim)
        .first()
        .expect("fenced while frozen");
    assert!(
        fenced < taken,
        "the old task died ({fenced}) before the volume moved ({taken})"
    );
    let sandboxes: BTreeSet<PathBuf> = c.task_processes().into_iter().map(|(_, cwd)| cwd).collect();
    assert_eq!(sandboxes.len(), 1, "only the new task runs: {sandboxes:?}");
    assert!(
        sandboxes
            .iter()
            .next()
            .unwrap()
            .starts_with(c.agent_dir(&new_node))
    );
}

/// `kill -9` of the server at many points while it deploys, scales and replaces; after each restart it must
/// converge with no duplicate task, no stray process and no volume lost or leaked.
#[test]
fn the_server_survives_kill_9_at_random_points() {
    let mut c = Cluster::three_racks(SHORT_LEASE);
    // A fixed pseudo-random sequence of kill delays (ms), so a failure can be replayed.
    let mut seed: u64 = std::env::var("PXFW_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe);
    let mut next_delay = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        20 + seed % 700
    };
    let mut trials = 0;
    let mut crash_during = |c: &mut Cluster, action: &dyn Fn(&Cluster)| {
        action(c);
        std::thread::sleep(Duration::from_millis(next_delay()));
        c.kill9_server();
        c.restart_server();
        trials += 1;
    };
    for round in 0..4 {
        let name = format!("s{round}");
        // deploy
        crash_during(&mut c, &|c| add_kv(c, &name, 2));
        crash_during(&mut c, &|_| {});
        wait_deploy(&c, &name);
        // scale
        crash_during(&mut c, &|c| {
            let r = c.pxfw(&["service", "update", &name, "--env", "STORE_COUNT=3"]);
            assert_eq!(r.code, 0, "{}", r.stderr);
        });
        wait_deploy(&c, &name);
        // replace
        crash_during(&mut c, &|c| {
            c.pxfw(&["pod", "restart", "store-1", "--name", &name]).ok();
        });
        crash_during(&mut c, &|_| {});
        let deadline = Instant::now() + Duration::from_secs(60);
        while !c
            .pxfw(&["plan", "status", "recovery", "--name", &name])
            .stdout
            .starts_with("recovery (parallel strategy) (COMPLETE)")
        {
            assert!(
                Instant::now() < deadline,
                "recovery of {name} did not complete\n{}",
                c.server_log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    assert!(trials >= 20, "{trials} crash trials");

    // Invariants after all the crashes.
    let mut all_ids = BTreeSet::new();
    let mut tasks = 0;
    for round in 0..4 {
        let name = format!("s{round}");
        for i in 0..3 {
            let info: Value = serde_json::from_str(
                &c.pxfw(&["pod", "info", &format!("store-{i}"), "--name", &name])
                    .ok()
                    .stdout,
            )
            .unwrap();
            for t in info.as_array().unwrap() {
                assert_eq!(
                    t["status"]["state"], "TASK_RUNNING",
                    "{name} store-{i}: {t}"
                );
                assert!(
                    all_ids.insert(t["info"]["taskId"]["value"].as_str().unwrap().to_string()),
                    "duplicate task id"
                );
                tasks += 1;
            }
        }
        let vols: BTreeSet<String> = std::fs::read_dir(c.volumes_dir())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!("{name}-data-")))
            .collect();
        assert_eq!(
            vols.len(),
            3,
            "{name}: exactly 3 volumes, none lost or leaked: {vols:?}"
        );
    }
    let sandboxes: BTreeSet<PathBuf> = c.task_processes().into_iter().map(|(_, cwd)| cwd).collect();
    assert_eq!(
        sandboxes.len(),
        tasks,
        "one live process tree per task in the state, none outside it"
    );
}

/// The events of one kind the server recorded (`/pxfw/v1/events?kind=`).
fn events(c: &Cluster, rt: &tokio::runtime::Runtime, kind: &str) -> Vec<Value> {
    let url = format!("{}/pxfw/v1/events?kind={kind}", c.url);
    rt.block_on(async {
        let resp = reqwest::get(&url).await.ok()?;
        resp.json::<Vec<Value>>().await.ok()
    })
    .unwrap_or_default()
}

fn task_id(c: &Cluster, svc: &str, pod: &str) -> String {
    let out = c.pxfw(&["pod", "info", pod, "--name", svc]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    v[0]["info"]["taskId"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Storage down is not host down (pain point 9): with the Portworx driver, a node whose pools are down
/// but whose host is up keeps its pod (replicas elsewhere serve the volume); a node whose storage daemon
/// is offline cannot do I/O for the pod's volume, so the pod moves — killed by its live agent first, the
/// attachment forced away only then, the data with it.
#[test]
fn storage_down_keeps_the_pod_and_an_offline_storage_daemon_moves_it() {
    use crate::support::portworx_fake::{FakeConfig, FakeNode, FakeOpenStorage};
    use pxfw::portworx::types::Status;

    let rt = tokio::runtime::Runtime::new().unwrap();
    let px_dir = tempfile::tempdir().unwrap();
    let fake = rt
        .block_on(FakeOpenStorage::start(FakeConfig {
            nodes: ["n1", "n2", "n3"]
                .iter()
                .enumerate()
                .map(|(i, n)| FakeNode::new(*n).rack(format!("r{}", i + 1)))
                .collect(),
            token: None,
            data_dir: Some(px_dir.path().join("data")),
        }))
        .unwrap();
    let endpoint = fake.endpoint().to_string();
    let mounts = px_dir.path().join("mounts").display().to_string();
    let mut args = SHORT_LEASE.to_vec();
    args.extend([
        "--volume-driver",
        "portworx",
        "--px-endpoint",
        &endpoint,
        "--px-mount-root",
        &mounts,
        "--storage-check-ms",
        "300",
    ]);
    let c = Cluster::three_racks(&args);
    add_kv(&c, "pxkv", 1);
    wait_deploy(&c, "pxkv");
    let first = running_on(&c, "pxkv", "store-0").expect("store-0 runs");
    let first_task = task_id(&c, "pxkv", "store-0");
    let volume = fake
        .volume("pxkv-data-0")
        .expect("the volume is in Portworx");
    let log = fake.data_path(&volume.id).unwrap().join("log");

    // Pools down on the pod's node, host up: the pod stays where it is, and the reason is recorded.
    assert!(fake.set_node_status(&format!("px-{first}"), Status::StorageDown));
    let deadline = Instant::now() + Duration::from_secs(20);
    let kept = loop {
        let kept = events(&c, &rt, "storage-pod-kept");
        if !kept.is_empty() {
            break kept;
        }
        assert!(Instant::now() < deadline, "{}", c.server_log());
        std::thread::sleep(Duration::from_millis(200));
    };
    let reason = kept[0].to_string();
    assert!(
        reason.contains("served by replicas on other nodes"),
        "{reason}"
    );
    let status = c.status();
    let storage: Vec<&str> = status["agents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["node_id"] == first.as_str())
        .filter_map(|a| a["storage"].as_str())
        .collect();
    assert_eq!(storage, ["storage-down"], "{status}");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        running_on(&c, "pxkv", "store-0").as_deref(),
        Some(first.as_str())
    );
    assert_eq!(
        task_id(&c, "pxkv", "store-0"),
        first_task,
        "the task was not touched"
    );
    assert!(events(&c, &rt, "pod-storage-failover").is_empty());

    // The storage daemon goes offline while the host stays up: the pod moves, with its data.
    fake.clear_requests();
    assert!(fake.set_node_status(&format!("px-{first}"), Status::Offline));
    let offline_at = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(40);
    let second = loop {
        if let Some(n) = running_on(&c, "pxkv", "store-0").filter(|n| *n != first) {
            break n;
        }
        assert!(
            Instant::now() < deadline,
            "store-0 did not move off {first}\n{}",
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    // A figure for the issue note (storage check every 300 ms here; 5 s by default), not an assertion.
    eprintln!(
        "storage offline -> store-0 RUNNING on {second}: {:?}",
        offline_at.elapsed()
    );
    let moved = events(&c, &rt, "pod-storage-failover");
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(moved[0].to_string().contains("offline"), "{moved:?}");
    // The attachment was forced away (the offline daemon cannot detach), before the new attach.
    let reqs = fake.requests();
    let forced = reqs.iter().position(|r| {
        r.path == "/v1/mountattach/detach"
            && r.body
                .as_ref()
                .is_some_and(|b| b["options"]["force"] == true)
    });
    let attached = reqs.iter().position(|r| r.path == "/v1/mountattach/attach");
    assert!(
        forced.is_some() && forced < attached,
        "force detach {forced:?} before attach {attached:?}: {reqs:?}"
    );
    // One process tree for the service, on the new node; the log shows both starts on one volume.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.matches("started store-0-server").count() >= 2 {
            break;
        }
        assert!(Instant::now() < deadline, "log: {text}");
        std::thread::sleep(Duration::from_millis(200));
    }
    let ticks_dirs: BTreeSet<PathBuf> = c
        .task_processes()
        .into_iter()
        .map(|(_, cwd)| cwd)
        .filter(|cwd| cwd.to_string_lossy().contains("store-0"))
        .collect();
    assert!(
        ticks_dirs
            .iter()
            .all(|d| d.starts_with(c.agent_dir(&second))),
        "only the new node runs store-0: {ticks_dirs:?}"
    );
}

/// A server unreachable for less than the lease (frozen with SIGSTOP, then SIGCONT) costs nothing: no node
/// is declared lost, no task is fenced or relaunched.
#[test]
fn a_server_away_for_less_than_the_lease_changes_nothing() {
    let c = Cluster::three_racks(SHORT_LEASE);
    add_kv(&c, "short", 3);
    wait_deploy(&c, "short");
    let before: Vec<String> = (0..3)
        .map(|i| task_id(&c, "short", &format!("store-{i}")))
        .collect();
    let processes = c.task_processes().len();
    for _ in 0..3 {
        c.signal_server(libc::SIGSTOP);
        std::thread::sleep(Duration::from_millis(1200)); // the lease is 2 s
        c.signal_server(libc::SIGCONT);
        std::thread::sleep(Duration::from_millis(1500));
    }
    let after: Vec<String> = (0..3)
        .map(|i| task_id(&c, "short", &format!("store-{i}")))
        .collect();
    assert_eq!(before, after, "no task was relaunched");
    assert_eq!(c.task_processes().len(), processes);
    for id in ["n1", "n2", "n3"] {
        let log = std::fs::read_to_string(c.agent_dir(id).join("fence.log")).unwrap_or_default();
        // The start-up sweep logs a line too; a fence of live tasks says why it happened.
        assert!(
            !log.contains("lease not renewed") && !log.contains("agent died"),
            "{id} fenced: {log}"
        );
    }
    let status = c.status();
    assert!(
        status["agents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "ACTIVE"),
        "{status}"
    );
    let log = c.server_log();
    assert!(
        !log.contains("agent-lost") && !log.contains("was lost"),
        "{log}"
    );
}

/// A full disk under the store: changes are refused with the reason and nothing is acted on, running tasks
/// keep running, and once space is back the same change goes through; the store still opens after a crash.
#[test]
fn a_full_store_disk_refuses_changes_keeps_tasks_and_recovers() {
    let mut c = Cluster::three_racks(SHORT_LEASE);
    add_kv(&c, "steady", 1);
    wait_deploy(&c, "steady");
    let task = task_id(&c, "steady", "store-0");

    let add_later = |c: &Cluster| {
        c.pxfw(&[
            "service",
            "add",
            "later",
            "--spec",
            KV,
            "--env",
            "SERVICE_NAME=later",
            "--env",
            "STORE_COUNT=1",
            "--env",
            "STORE_PLACEMENT=[]",
        ])
    };
    c.limit_server_files(Some(0));
    let r = add_later(&c);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("disk full"), "{}", r.stderr);
    std::thread::sleep(Duration::from_secs(3)); // longer than the lease
    assert_eq!(
        task_id(&c, "steady", "store-0"),
        task,
        "the running task is untouched"
    );
    assert!(running_on(&c, "steady", "store-0").is_some());
    let listed = c.pxfw(&["service", "list", "--json"]).stdout;
    assert!(!listed.contains("later"), "nothing half-written: {listed}");

    c.limit_server_files(None);
    let r = add_later(&c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    wait_deploy(&c, "later");
    c.kill9_server();
    c.restart_server();
    let listed = c.pxfw(&["service", "list", "--json"]).stdout;
    assert!(
        listed.contains("later") && listed.contains("steady"),
        "{listed}"
    );
    assert_eq!(task_id(&c, "steady", "store-0"), task);
}
