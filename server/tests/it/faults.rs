//! A full disk and a read-only data folder, for real: a small tmpfs and a read-only bind mount
//! (the tests run as root, where file modes stop nothing). Starting on a read-only folder ends
//! with a message naming it; a disk that fills while tablets write answers each write 507 with
//! "Penyimpanan server penuh…", reads go on, the admin can still sign in inside the margin, and
//! once space is freed writes succeed again and the database is whole (audit verify, every
//! acknowledged change there). A file system the kernel turns read-only under the running server
//! (ext4 on a loop device, `errors=remount-ro`, an error triggered through sysfs, as a failing
//! disk does) answers writes 507 "…hanya-baca", keeps reads, and after a restart on the repaired
//! disk every acknowledged change is there.
//! Skipped, saying why, only where this machine cannot mount.

use crate::process::{
    changes_of, kill, login, new_families, photo, pulled_changes_of, push, run, start_with,
};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use tepat_protocol::routes as r;
use tepat_server::blobs::BlobHash;

/// A mount made for a test, undone on drop.
struct Mount(PathBuf);

impl Mount {
    /// Runs `mount args…`; `None` (with the reason printed) when it fails.
    fn new(at: &Path, args: &[&str]) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount").args(args).output();
        match out {
            Ok(out) if out.status.success() => Some(Mount(at.to_owned())),
            Ok(out) => {
                eprintln!(
                    "SKIPPED: this machine cannot mount ({}): `mount {}`",
                    String::from_utf8_lossy(&out.stderr).trim(),
                    args.join(" ")
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: no mount command here: {e}");
                None
            }
        }
    }

    /// A tmpfs of `mb` megabytes at `at`.
    fn tmpfs(at: &Path, mb: u32) -> Option<Mount> {
        Mount::new(
            at,
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={mb}m"),
                "tmpfs",
                at.to_str().unwrap(),
            ],
        )
    }

    /// An ext4 file system of `mb` megabytes in the file `image`, mounted at `at` through a loop
    /// device with `errors=remount-ro`; also the loop device's name (`loop3`).
    fn ext4(image: &Path, at: &Path, mb: u32) -> Option<(Mount, String)> {
        let file = std::fs::File::create(image).unwrap();
        file.set_len(u64::from(mb) << 20).unwrap();
        drop(file);
        let made = Command::new("mkfs.ext4").arg("-q").arg(image).output();
        if !made.as_ref().is_ok_and(|o| o.status.success()) {
            eprintln!("SKIPPED: mkfs.ext4 failed here: {made:?}");
            return None;
        }
        Mount::loop_ext4(image, at)
    }

    /// The ext4 file system in `image` mounted at `at` (see [`Mount::ext4`]).
    fn loop_ext4(image: &Path, at: &Path) -> Option<(Mount, String)> {
        let mount = Mount::new(
            at,
            &[
                "-o",
                "loop,errors=remount-ro",
                image.to_str().unwrap(),
                at.to_str().unwrap(),
            ],
        )?;
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
        let device = mounts
            .lines()
            .find(|l| l.split(' ').nth(1) == at.to_str())
            .and_then(|l| l.split(' ').next())
            .and_then(|d| d.rsplit('/').next())
            .expect("the loop mount is listed")
            .to_owned();
        Some((mount, device))
    }

    /// `from` seen read-only at `at`.
    fn read_only(from: &Path, at: &Path) -> Option<Mount> {
        let mount = Mount::new(
            at,
            &["--bind", from.to_str().unwrap(), at.to_str().unwrap()],
        )?;
        let out = Command::new("mount")
            .args(["-o", "remount,ro,bind", at.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        Some(mount)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_data_folder_is_refused_at_start_naming_the_folder() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("data");
    // A real database, made while the folder was writable.
    let (ok, out) = run(
        &[
            OsStr::new("user"),
            OsStr::new("list"),
            OsStr::new("--data-dir"),
            data.as_os_str(),
        ],
        &[],
    );
    assert!(ok, "{out}");
    let at = base.path().join("ro");
    let Some(_mount) = Mount::read_only(&data, &at) else {
        return;
    };
    assert!(
        std::fs::write(at.join("probe"), b"x").is_err(),
        "the bind mount is read-only, even for root"
    );
    for folder in [at.clone(), at.join("baru")] {
        let started = std::time::Instant::now();
        let (ok, out) = run(
            &[
                OsStr::new("serve"),
                OsStr::new("--port"),
                OsStr::new("0"),
                OsStr::new("--data-dir"),
                folder.as_os_str(),
            ],
            &[],
        );
        assert!(!ok, "{out}");
        assert!(
            out.contains("hanya-baca") && out.contains(folder.to_str().unwrap()),
            "{out}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
    // Nothing was changed: the database still verifies where it is.
    audit_verifies(&data);
}

/// Fills the disk of `dir` with a file until it refuses another byte; the file.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("pengisi");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![0x5Au8; 64 * 1024];
    loop {
        if file
            .write_all(&block)
            .and_then(|_| file.sync_all())
            .is_err()
        {
            break;
        }
    }
    // The last few bytes too.
    while file
        .write_all(&[0x5A])
        .and_then(|_| file.sync_all())
        .is_ok()
    {}
    path
}

/// With the margin (the default way): each write is refused before it starts.
#[tokio::test]
async fn a_full_disk_refuses_writes_with_507_keeps_reads_and_recovers_when_freed() {
    full_disk("8").await;
}

/// Without a margin, redb itself meets "no space left on device" in its commit: the write is
/// refused the same way, reads go on, and the store opens its file again once there is room.
#[tokio::test]
async fn a_disk_filling_inside_a_commit_is_survived_the_same_way() {
    full_disk("0").await;
}

async fn full_disk(margin_mb: &str) {
    let base = tempfile::tempdir().unwrap();
    let disk = base.path().join("disk");
    let Some(_mount) = Mount::tmpfs(&disk, 64) else {
        return;
    };
    let data = disk.join("data");
    let (server, url) = start_with(&data, &["--min-free-mb", margin_mb]);
    let operator = login(&url, "op.lombangdajah").await;
    let families = new_families("35.26.15.2012", 60, 5);
    let changes = changes_of(&families, "op.lombangdajah", 0xF011);
    let (accepted, _) = push(&operator, &url, &changes[..20]).await.unwrap();
    assert_eq!(accepted.len(), 20);

    let filler = fill(&disk);
    let margin = margin_mb.parse::<u64>().unwrap() << 20;
    if margin > 0 {
        // Half the margin free again: data writes are still refused, signing in is not.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&filler)
            .unwrap();
        let len = file.metadata().unwrap().len();
        file.set_len(len - margin / 2).unwrap();
        file.sync_all().unwrap();
    }
    // A write is refused with 507 and the Indonesian message; nothing of it is kept.
    let body = writes_refused(&operator, &url, &changes[20..40]).await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Penyimpanan server penuh"),
        "{body}"
    );
    reads_go_on(&operator, &url, 20).await;
    // The admin can sign in (to take a backup, to see what fills the disk) inside the margin; on a
    // disk full to its last byte signing in is refused as clearly as any write.
    let signed_in = reqwest::Client::new()
        .post(format!("{url}{}", r::LOGIN))
        .json(&serde_json::json!({ "username": "admin", "password": tepat_server::demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    if margin > 0 {
        assert_eq!(signed_in.status(), 200);
        let admin = login(&url, "admin").await;
        let users = admin
            .get(format!("{url}{}", r::USERS))
            .send()
            .await
            .unwrap();
        assert_eq!(users.status(), 200);
    } else {
        assert_eq!(signed_in.status(), 507);
        let body: serde_json::Value = signed_in.json().await.unwrap();
        assert_eq!(body["code"], "StorageFull", "{body}");
    }

    // Space freed: the same writes go through, and more.
    std::fs::remove_file(&filler).unwrap();
    let (accepted, other) = push(&operator, &url, &changes[20..]).await.unwrap();
    assert_eq!((accepted.len(), other.len()), (40, 0), "{other:?}");
    kill(server);

    audit_verifies(&data);
    // The default margin (64 MB) is more than this disk has free: the start says so.
    let (ok, out) = run(
        &[
            OsStr::new("serve"),
            OsStr::new("--port"),
            OsStr::new("0"),
            OsStr::new("--data-dir"),
            data.as_os_str(),
        ],
        &[],
    );
    assert!(
        !ok && out.contains("penuh") && out.contains("--min-free-mb"),
        "{out}"
    );
    let (server, url) = start_with(&data, &["--min-free-mb", "8"]);
    let operator = login(&url, "op.lombangdajah").await;
    let pulled = pulled_changes_of(&operator, &url, "op.lombangdajah").await;
    assert_eq!(pulled.len(), 60);
    kill(server);
}

/// Pushes `changes` and a photo: both refused 507 with `ErrorCode::StorageFull`; the push's
/// error body.
async fn writes_refused(
    operator: &reqwest::Client,
    url: &str,
    changes: &[tepat_sync::Change],
) -> serde_json::Value {
    let response = operator
        .post(format!("{url}{}", r::SYNC_PUSH))
        .json(&serde_json::json!({ "changes": changes }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 507);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "StorageFull", "{body}");
    let bytes = photo(200_000, 7);
    let upload = operator
        .put(format!(
            "{url}{}?offset=0&total={}",
            r::PHOTO.replace("{hash}", &BlobHash::of(&bytes).hex()),
            bytes.len()
        ))
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 507);
    body
}

/// Reads keep working: health, lists, and the operator's pull gives the `acknowledged` changes.
async fn reads_go_on(operator: &reqwest::Client, url: &str, acknowledged: usize) {
    for path in [r::HEALTHZ, r::FAMILIES, r::NOTIFICATIONS] {
        let read = operator.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(read.status(), 200, "{path}");
    }
    assert_eq!(
        pulled_changes_of(operator, url, "op.lombangdajah")
            .await
            .len(),
        acknowledged
    );
}

/// `tepat audit verify` finds the chain whole in `data`.
fn audit_verifies(data: &Path) {
    let (ok, out) = run(
        &[
            OsStr::new("audit"),
            OsStr::new("verify"),
            OsStr::new("--data-dir"),
            data.as_os_str(),
        ],
        &[],
    );
    assert!(ok && out.contains("Jejak audit utuh"), "{out}");
}

/// A disk error under the running server: ext4 turns itself read-only (`errors=remount-ro`),
/// as the kernel does when a disk fails. Writes are refused with 507 and the read-only message
/// (the store cannot even reopen its file), reads go on; after a restart on the repaired disk
/// every acknowledged change is there and the audit chain verifies.
#[tokio::test]
async fn a_file_system_turning_read_only_under_the_server_refuses_writes_and_loses_nothing() {
    let base = tempfile::tempdir().unwrap();
    let (image, disk) = (base.path().join("disk.img"), base.path().join("disk"));
    let Some((mount, device)) = Mount::ext4(&image, &disk, 128) else {
        return;
    };
    let data = disk.join("data");
    let (server, url) = start_with(&data, &["--min-free-mb", "8"]);
    let operator = login(&url, "op.lombangdajah").await;
    let families = new_families("35.26.15.2012", 60, 11);
    let changes = changes_of(&families, "op.lombangdajah", 0x0E40);
    let (accepted, _) = push(&operator, &url, &changes[..20]).await.unwrap();
    assert_eq!(accepted.len(), 20);

    std::fs::write(format!("/sys/fs/ext4/{device}/trigger_fs_error"), "1").unwrap();
    assert!(
        std::fs::write(data.join("probe"), b"x").is_err(),
        "the file system is read-only now"
    );
    for _ in 0..2 {
        // Twice: the first write meets the error in its commit, the second the reopen.
        let body = writes_refused(&operator, &url, &changes[20..40]).await;
        assert!(
            body["message"].as_str().unwrap().contains("hanya-baca"),
            "{body}"
        );
    }
    reads_go_on(&operator, &url, 20).await;
    kill(server);

    // The disk repaired (fsck) and mounted again: the server starts on what was acknowledged.
    drop(mount);
    let checked = Command::new("e2fsck")
        .args(["-f", "-y"])
        .arg(&image)
        .output()
        .unwrap();
    assert!(checked.status.code().is_some_and(|c| c <= 1), "{checked:?}");
    let Some((_mount, _)) = Mount::loop_ext4(&image, &disk) else {
        return;
    };
    audit_verifies(&data);
    let (server, url) = start_with(&data, &["--min-free-mb", "8"]);
    let operator = login(&url, "op.lombangdajah").await;
    assert_eq!(
        pulled_changes_of(&operator, &url, "op.lombangdajah")
            .await
            .len(),
        20
    );
    let (accepted, other) = push(&operator, &url, &changes[20..]).await.unwrap();
    assert_eq!((accepted.len(), other.len()), (40, 0), "{other:?}");
    kill(server);
}
