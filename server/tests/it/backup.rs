//! `tepat backup` of a RUNNING server under writes, and `tepat restore` into a new folder: the
//! restored server has every change acknowledged before the backup began, nothing torn (the
//! audit chain verifies), and the photos with identical bytes. A damaged archive or a folder
//! that is not empty is refused before anything is written.

use crate::process::{
    changes_of, download_photo, kill, login, new_families, photo, pulled_changes_of, push, run,
    start, upload_photo,
};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::sync::{Arc, Mutex};
use tepat_protocol::routes as r;
use tepat_sync::ChangeId;

#[tokio::test]
async fn a_running_server_under_writes_is_backed_up_and_restored_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, url) = start(&data);
    let operator = login(&url, "op.lombangdajah").await;

    // Three photos, each the front of some of the families pushed below.
    let photos: Vec<Vec<u8>> = (1..=3).map(|seed| photo(400_000, seed)).collect();
    let mut hashes = Vec::new();
    for bytes in &photos {
        hashes.push(upload_photo(&operator, &url, bytes).await);
    }
    let mut families = new_families("35.26.15.2012", 3_000, 9);
    for (i, family) in families.iter_mut().enumerate().take(30) {
        family.photos.front = Some(tepat_domain::family::PhotoRef(hashes[i % 3].0));
    }
    let all = changes_of(&families, "op.lombangdajah", 0xBAC);

    // A tablet pushes batches of 50 in a loop while the backup runs.
    let acknowledged: Arc<Mutex<Vec<ChangeId>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (acknowledged, stop, url, operator) = (
            acknowledged.clone(),
            stop.clone(),
            url.clone(),
            operator.clone(),
        );
        tokio::spawn(async move {
            for batch in all.chunks(50) {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let (accepted, other) = push(&operator, &url, batch).await.expect("answered");
                assert!(other.is_empty(), "{other:?}");
                let mut acked = acknowledged.lock().unwrap();
                acked.extend(accepted.into_iter().map(|(id, _)| id));
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: BTreeSet<ChangeId> = acknowledged.lock().unwrap().iter().copied().collect();

    let archive = dir.path().join("cadangan.tar");
    let (ok, out) = {
        let (url, archive) = (url.clone(), archive.clone());
        tokio::task::spawn_blocking(move || {
            run(
                &[
                    OsStr::new("backup"),
                    OsStr::new("--url"),
                    OsStr::new(&url),
                    OsStr::new("--user"),
                    OsStr::new("admin"),
                    OsStr::new("--out"),
                    archive.as_os_str(),
                ],
                &[("TEPAT_PASSWORD", tepat_server::demo::DEMO_PASSWORD)],
            )
        })
        .await
        .unwrap()
    };
    assert!(ok, "{out}");
    assert!(out.contains("Cadangan tersimpan"), "{out}");
    let during_backup = acknowledged.lock().unwrap().len();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.await.unwrap();
    let after = acknowledged.lock().unwrap().len();
    assert!(
        after > before.len(),
        "the tablet kept writing while the backup was made ({} then {after})",
        before.len()
    );
    eprintln!(
        "backup: {} changes acknowledged before it began, {during_backup} when it ended; {out}",
        before.len()
    );

    // A wrong password and a role other than admin get a clear refusal, and no file.
    let refused = dir.path().join("tidak.tar");
    let (ok, out) = run(
        &[
            OsStr::new("backup"),
            OsStr::new("--url"),
            OsStr::new(&url),
            OsStr::new("--user"),
            OsStr::new("dinsos"),
            OsStr::new("--out"),
            refused.as_os_str(),
        ],
        &[("TEPAT_PASSWORD", tepat_server::demo::DEMO_PASSWORD)],
    );
    assert!(!ok && out.contains("tidak berhak"), "{out}");
    assert!(!refused.exists() && !refused.with_extension("part").exists());
    kill(server);

    // Restoring over a folder that holds data is refused, and so is a damaged archive.
    let (ok, out) = run(
        &[
            OsStr::new("restore"),
            OsStr::new("--from"),
            archive.as_os_str(),
            OsStr::new("--data-dir"),
            data.as_os_str(),
        ],
        &[],
    );
    assert!(!ok && out.contains("tidak kosong"), "{out}");
    let mut damaged = std::fs::read(&archive).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    let damaged_path = dir.path().join("rusak.tar");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let nowhere = dir.path().join("tidak-dipulihkan");
    let (ok, out) = run(
        &[
            OsStr::new("restore"),
            OsStr::new("--from"),
            damaged_path.as_os_str(),
            OsStr::new("--data-dir"),
            nowhere.as_os_str(),
        ],
        &[],
    );
    assert!(!ok && out.contains("rusak"), "{out}");
    assert!(!nowhere.exists(), "nothing written for a damaged archive");

    let restored = dir.path().join("pulihan");
    let (ok, out) = run(
        &[
            OsStr::new("restore"),
            OsStr::new("--from"),
            archive.as_os_str(),
            OsStr::new("--data-dir"),
            restored.as_os_str(),
        ],
        &[],
    );
    assert!(ok && out.contains("Dipulihkan"), "{out}");
    let (ok, out) = run(
        &[
            OsStr::new("audit"),
            OsStr::new("verify"),
            OsStr::new("--data-dir"),
            restored.as_os_str(),
        ],
        &[],
    );
    assert!(ok && out.contains("Jejak audit utuh"), "{out}");

    // The restored server has every change acknowledged before the backup, each once.
    let (server, url) = start(&restored);
    let operator = login(&url, "op.lombangdajah").await;
    let pulled = pulled_changes_of(&operator, &url, "op.lombangdajah").await;
    let distinct: BTreeSet<ChangeId> = pulled.iter().copied().collect();
    assert_eq!(distinct.len(), pulled.len(), "no change doubled");
    let missing: Vec<_> = before.difference(&distinct).collect();
    assert!(missing.is_empty(), "lost: {missing:?}");
    assert!(
        pulled.len() <= after,
        "nothing but acknowledged or in-flight changes"
    );
    for (bytes, hash) in photos.iter().zip(&hashes) {
        assert_eq!(
            download_photo(&operator, &url, hash).await.as_deref(),
            Ok(bytes.as_slice()),
            "photo {} restored byte for byte",
            hash.hex()
        );
    }
    // The backup is in the trail it carries, by whom.
    let admin = login(&url, "admin").await;
    let trail: serde_json::Value = admin
        .get(format!("{url}{}?user=admin", r::AUDIT))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        trail["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|line| line["action"] == "BackupMade"),
        "{trail}"
    );
    kill(server);
}
