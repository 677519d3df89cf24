//! The `tepat` binary's account and region commands, run as a user would run them.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use tepat_server::store::{RedbStore, Store};

fn tepat(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tepat"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn accounts_are_added_listed_and_repassworded_with_clear_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    // Regions are loaded by the first start; without them, the command says what to do.
    let early = tepat(
        &[
            "user",
            "add",
            "ani",
            "--role",
            "admin",
            "--region",
            "35.26",
            "--name",
            "Ani",
            "--data-dir",
            data,
        ],
        "rahasia-123\n",
    );
    assert!(!early.status.success());
    assert!(
        text(&early).contains("jalankan `tepat serve` sekali dulu"),
        "{}",
        text(&early)
    );
    {
        let store = RedbStore::open(&dir.path().join("tepat.redb")).unwrap();
        let kabupaten = tepat_domain::RegionCode::parse("35.26").unwrap();
        tepat_server::bootstrap::prepare(&store, &kabupaten, false, jiff::Timestamp::UNIX_EPOCH)
            .unwrap();
    }

    let add = |args: &[&str], password: &str| {
        let mut all = vec!["user", "add"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data-dir", data]);
        tepat(&all, password)
    };
    let ok = add(
        &[
            "Ani",
            "--role",
            "operator-desa",
            "--region",
            "35.26.15.2012",
            "--name",
            "Ani",
        ],
        "rahasia-123\n",
    );
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(
        text(&ok).contains("Operator desa di Desa Lombang Dajah"),
        "{}",
        text(&ok)
    );

    let refusals = [
        (
            add(
                &["ani", "--role", "admin", "--region", "35.26", "--name", "A"],
                "rahasia-123\n",
            ),
            "sudah ada",
        ),
        (
            add(
                &["budi", "--role", "raja", "--region", "35.26", "--name", "B"],
                "rahasia-123\n",
            ),
            "peran 'raja' tidak dikenal",
        ),
        (
            add(
                &[
                    "budi",
                    "--role",
                    "operator-desa",
                    "--region",
                    "35.26.15",
                    "--name",
                    "B",
                ],
                "rahasia-123\n",
            ),
            "harus terikat pada desa",
        ),
        (
            add(
                &[
                    "budi", "--role", "admin", "--region", "35.26", "--name", "B",
                ],
                "pendek\n",
            ),
            "minimal 8 karakter",
        ),
        (
            add(
                &[
                    "bu di", "--role", "admin", "--region", "35.26", "--name", "B",
                ],
                "rahasia-123\n",
            ),
            "nama pengguna hanya boleh",
        ),
    ];
    for (output, expected) in refusals {
        assert!(!output.status.success());
        assert!(
            text(&output).contains(expected),
            "want '{expected}' in: {}",
            text(&output)
        );
    }

    let list = tepat(&["user", "list", "--data-dir", data], "");
    assert!(
        text(&list).contains("ani") && !text(&list).contains("budi"),
        "{}",
        text(&list)
    );

    let before = RedbStore::open(&dir.path().join("tepat.redb"))
        .unwrap()
        .user("ani")
        .unwrap()
        .unwrap();
    let passwd = tepat(
        &["user", "passwd", "ani", "--data-dir", data],
        "sandi-baru-456\n",
    );
    assert!(passwd.status.success(), "{}", text(&passwd));
    let store = RedbStore::open(&dir.path().join("tepat.redb")).unwrap();
    let after = store.user("ani").unwrap().unwrap();
    assert_ne!(before.password_hash, after.password_hash);
    assert!(tepat_server::auth::verify_password(
        &after.password_hash,
        "sandi-baru-456"
    ));
    let actions: Vec<_> = store
        .recent_audit(2)
        .unwrap()
        .into_iter()
        .map(|e| (e.actor, e.action))
        .collect();
    use tepat_server::store::AuditAction::*;
    assert_eq!(
        actions,
        [
            ("cli".to_string(), PasswordChanged),
            ("cli".to_string(), UserAdded)
        ]
    );
}

#[test]
fn kabupaten_codes_can_be_found_by_name() {
    let output = tepat(&["kabupaten", "bangkal"], "");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "35.26\tKabupaten Bangkalan"
    );
}

#[test]
fn a_disabled_account_loses_its_sessions_at_once_and_can_be_enabled_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let path = dir.path().join("tepat.redb");
    {
        let store = RedbStore::open(&path).unwrap();
        let kabupaten = tepat_domain::RegionCode::parse("35.26").unwrap();
        tepat_server::bootstrap::prepare(&store, &kabupaten, true, jiff::Timestamp::now()).unwrap();
        let session = tepat_server::store::SessionRecord {
            username: "op.lombangdajah".into(),
            created_at: jiff::Timestamp::now(),
            expires_at: jiff::Timestamp::now() + jiff::SignedDuration::from_hours(12),
        };
        store.put_session(&[9u8; 32], &session).unwrap();
    }
    let disable = tepat(
        &["user", "disable", "op.lombangdajah", "--data-dir", data],
        "",
    );
    assert!(disable.status.success(), "{}", text(&disable));
    assert!(
        text(&disable).contains("dinonaktifkan; 1 sesi diakhiri"),
        "{}",
        text(&disable)
    );
    {
        let store = RedbStore::open(&path).unwrap();
        assert!(store.user("op.lombangdajah").unwrap().unwrap().disabled);
        assert_eq!(store.session(&[9u8; 32]).unwrap(), None);
    }
    let list = tepat(&["user", "list", "--data-dir", data], "");
    assert!(text(&list).contains("(nonaktif)"), "{}", text(&list));
    let enable = tepat(
        &["user", "enable", "op.lombangdajah", "--data-dir", data],
        "",
    );
    assert!(enable.status.success());
    assert!(
        !RedbStore::open(&path)
            .unwrap()
            .user("op.lombangdajah")
            .unwrap()
            .unwrap()
            .disabled
    );
    let unknown = tepat(&["user", "disable", "siapa", "--data-dir", data], "");
    assert!(!unknown.status.success());
    assert!(text(&unknown).contains("pengguna siapa tidak ada"));
}
