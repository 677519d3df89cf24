//! Acknowledged means durable, under heavy ingest: four tablets (two desa, two devices each)
//! push batches of 100 new families (some with house photos) at once; the server process is
//! killed with SIGKILL in the middle, restarted on the same database, and every tablet retries
//! everything. Every change acknowledged before the kill is there with its sequence number,
//! nothing is there twice, the photos are whole, and the audit chain verifies.

use crate::process::{
    changes_of, download_photo, kill, login, new_families, photo, pulled_changes_of, push, run,
    start, upload_photo,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::sync::{Arc, Mutex};
use tepat_sync::{Change, ChangeId};

/// (user, desa, device) of the four tablets.
const TABLETS: [(&str, &str, u128); 4] = [
    ("op.lombangdajah", "35.26.15.2012", 0xC4A5_0001),
    ("op.lombangdajah", "35.26.15.2012", 0xC4A5_0002),
    ("op.alasraja", "35.26.15.2004", 0xC4A5_0003),
    ("op.alasraja", "35.26.15.2004", 0xC4A5_0004),
];
/// Families per tablet.
const PER_TABLET: usize = 300;
const BATCH: usize = 100;

#[tokio::test]
async fn acknowledged_changes_survive_a_sigkill_during_heavy_ingest_and_retries_double_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start(dir.path());
    let photos: Vec<Vec<u8>> = (1..=2).map(|seed| photo(300_000, seed)).collect();
    let mut hashes = Vec::new();
    for bytes in &photos {
        let client = login(&url, "op.lombangdajah").await;
        hashes.push(upload_photo(&client, &url, bytes).await);
    }
    // Each desa's families split between its two tablets; every tenth with a photo.
    let mut work: Vec<Vec<Change>> = Vec::new();
    for (desa_index, desa) in ["35.26.15.2012", "35.26.15.2004"].into_iter().enumerate() {
        let mut families = new_families(desa, 2 * PER_TABLET, 40 + desa_index as u64);
        for family in families.iter_mut().step_by(10) {
            family.photos.front = Some(tepat_domain::family::PhotoRef(hashes[desa_index].0));
        }
        for (half, tablet) in families.chunks(PER_TABLET).zip(
            TABLETS
                .iter()
                .filter(|(_, d, _)| *d == desa)
                .collect::<Vec<_>>(),
        ) {
            work.push(changes_of(half, tablet.0, tablet.2));
        }
    }

    // All four push at once; SIGKILL once 400 changes are acknowledged (batches in flight).
    let acknowledged: Arc<Mutex<BTreeMap<ChangeId, u64>>> = Arc::default();
    let pid = server.id().to_string();
    let killed = Arc::new(std::sync::Once::new());
    let mut tasks = Vec::new();
    for (changes, tablet) in work.iter().cloned().zip(TABLETS) {
        let (acknowledged, killed, pid, url) = (
            acknowledged.clone(),
            killed.clone(),
            pid.clone(),
            url.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let client = login(&url, tablet.0).await;
            for batch in changes.chunks(BATCH) {
                let Some((accepted, other)) = push(&client, &url, batch).await else {
                    return;
                };
                assert!(other.is_empty(), "{other:?}");
                let mut acked = acknowledged.lock().unwrap();
                acked.extend(accepted);
                if acked.len() >= 400 {
                    let pid = pid.clone();
                    killed.call_once(move || {
                        std::process::Command::new("kill")
                            .args(["-9", &pid])
                            .status()
                            .unwrap();
                    });
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    kill(server);
    let acknowledged = acknowledged.lock().unwrap().clone();
    let total = TABLETS.len() * PER_TABLET;
    assert!(acknowledged.len() >= 400, "{}", acknowledged.len());
    assert!(
        acknowledged.len() < total,
        "the kill interrupted the ingest ({} of {total} acknowledged)",
        acknowledged.len()
    );
    eprintln!(
        "crash: {} of {total} changes acknowledged before SIGKILL",
        acknowledged.len()
    );

    // Restart on the same file; each tablet retries everything it has.
    let (server, url) = start(dir.path());
    for (changes, tablet) in work.iter().zip(TABLETS) {
        let client = login(&url, tablet.0).await;
        for batch in changes.chunks(BATCH) {
            let (accepted, other) = push(&client, &url, batch)
                .await
                .expect("the restarted server answers");
            for (id, _) in &accepted {
                assert!(
                    !acknowledged.contains_key(id),
                    "acknowledged before the kill, yet taken as new: {id:?}"
                );
            }
            for ack in &other {
                let id: ChangeId = serde_json::from_value(ack["change"].clone()).unwrap();
                if let Some(seq) = acknowledged.get(&id) {
                    // Acknowledged before the kill: durable, now a duplicate with the same number.
                    assert_eq!(ack["outcome"], json!({ "Duplicate": { "seq": seq } }));
                } else {
                    assert!(ack["outcome"]["Duplicate"].is_object(), "{ack}");
                }
            }
        }
    }

    // Every change exactly once in each desa's log; the photos whole.
    for (user, desa_index) in [("op.lombangdajah", 0), ("op.alasraja", 1)] {
        let client = login(&url, user).await;
        let seen = pulled_changes_of(&client, &url, user).await;
        let distinct: BTreeSet<ChangeId> = seen.iter().copied().collect();
        assert_eq!(seen.len(), 2 * PER_TABLET, "{user}: no change is doubled");
        assert_eq!(
            distinct.len(),
            2 * PER_TABLET,
            "{user}: every change is there"
        );
        assert_eq!(
            download_photo(&client, &url, &hashes[desa_index])
                .await
                .as_deref(),
            Ok(photos[desa_index].as_slice())
        );
    }
    kill(server);
    let (ok, out) = run(
        &[
            OsStr::new("audit"),
            OsStr::new("verify"),
            OsStr::new("--data-dir"),
            dir.path().as_os_str(),
        ],
        &[],
    );
    assert!(ok && out.contains("Jejak audit utuh"), "{out}");
}
