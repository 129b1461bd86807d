//! Measures a group snapshot of 3, 10 and 30 volumes of 8 MB on the local pool, with reflinks (when the
//! pool's filesystem can) and with plain copies. Ignored by default; run it with
//! `cargo test --test tests snapshot_timing -- --ignored --nocapture`. `PXFW_SNAPSHOT_BENCH_DIR` puts the pool
//! on another filesystem (e.g. an XFS or Btrfs mount, to see reflinks).

use std::collections::BTreeMap;
use std::time::Instant;

use pxfw::volume::local::{LocalConfig, LocalDriver};
use pxfw::volume::{NodeTopology, ReplicaCandidates, VolumeDriver, VolumeRequest};

const MB: usize = 1024 * 1024;

#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn group_snapshot_time_for_3_10_and_30_volumes_of_8_mb() {
    let parent = std::env::var_os("PXFW_SNAPSHOT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let placement = ReplicaCandidates::new(vec![NodeTopology::new("node-1")]).preferring("node-1");
    // Incompressible-looking data, written once per volume as four 2 MB files.
    let chunk: Vec<u8> = (0..2 * MB)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for reflink in [true, false] {
        for count in [3usize, 10, 30] {
            let dir = tempfile::tempdir_in(&parent).unwrap();
            let d = LocalDriver::open(
                LocalConfig::new(dir.path().join("pool"))
                    .capacity_mb(100_000)
                    .reflink(reflink),
            )
            .unwrap();
            let names: Vec<String> = (0..count).map(|i| format!("v-{i}")).collect();
            for name in &names {
                d.create(&VolumeRequest::new(name, 16), &placement)
                    .await
                    .unwrap();
                let data = d.host_path(name).unwrap();
                for f in 0..4 {
                    std::fs::write(data.join(format!("f{f}")), &chunk).unwrap();
                }
            }
            let start = Instant::now();
            let snaps = d
                .snapshot_group(&names, "bench", &BTreeMap::new())
                .await
                .unwrap();
            let took = start.elapsed();
            println!(
                "reflink={reflink:<5} volumes={count:>2} x 8 MB: {:>8.1} ms  ({:.2} ms/volume, method {})",
                took.as_secs_f64() * 1000.0,
                took.as_secs_f64() * 1000.0 / count as f64,
                snaps[0].method
            );
        }
    }
}
