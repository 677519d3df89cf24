//! The audit trail over HTTP and on disk: a returned proposal tells the desa and is recorded with
//! who, role, device and before → after; the dinas reads a family's and a user's trail, paged;
//! `tepat audit verify` passes on the server's file and names the row after one byte of it is
//! altered, a row deleted, or the tail cut off.

use crate::helpers::{TestApp, spawn_app};
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};
use tepat_protocol::routes as r;

const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

/// A family of Lombang Dajah with a correction proposal sent up to the kecamatan and returned
/// by it: (family id, proposal id).
async fn returned_proposal(app: &TestApp) -> (String, String) {
    let family = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == "35.26.15.2012")
        .unwrap()
        .id
        .to_string();
    let desa = app.login("op.lombangdajah").await;
    let created: Value = desa
        .post(app.url(r::PROPOSALS))
        .json(&json!({ "family": family, "kind": "Correction" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let path = r::PROPOSAL_STEPS.replace("{id}", &id);
    let kec = app.login("kec.blega").await;
    let submitted = desa
        .post(app.url(&path))
        .json(&json!({ "step": "SubmitToMusdes", "device": "tablet-uji" }))
        .send()
        .await
        .unwrap();
    assert_eq!(submitted.status(), 200);
    // The musdes agrees and sends it up; the kecamatan returns it.
    crate::musdes::hold_musdes(app, &desa, &[]).await;
    for (client, step) in [(
        &kec,
        json!({ "Return": { "reason": "Foto rumah belum ada" } }),
    )] {
        let response = client
            .post(app.url(&path))
            .json(&json!({ "step": step, "device": "tablet-uji" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{step}");
    }
    (family, id)
}

fn tepat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tepat"))
        .args(args)
        .output()
        .unwrap()
}

fn verify(dir: &Path) -> (bool, String) {
    let out = tepat(&["audit", "verify", "--data-dir", dir.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Rewrites the stored audit row `row` through `change`, with redb directly.
fn rewrite(dir: &Path, change: impl FnOnce(&mut redb::Table<u64, &[u8]>)) {
    let db = redb::Database::open(dir.join("tepat.redb")).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let mut table = txn.open_table(AUDIT).unwrap();
        change(&mut table);
    }
    txn.commit().unwrap();
}

fn stored(dir: &Path, row: u64) -> Vec<u8> {
    let db = redb::Database::open(dir.join("tepat.redb")).unwrap();
    let txn = db.begin_read().unwrap();
    let table = txn.open_table(AUDIT).unwrap();
    table.get(row).unwrap().unwrap().value().to_vec()
}

#[tokio::test]
async fn a_returned_proposal_tells_the_desa_and_the_dinas_reads_it_in_the_trail() {
    let app = spawn_app().await;
    let (family, proposal) = returned_proposal(&app).await;

    // The desa is told, with the reason and who returned it, linked to the family.
    let desa = app.login("op.lombangdajah").await;
    let notes = app.get_json(&desa, r::NOTIFICATIONS).await;
    let note = notes["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["message"].as_str().unwrap().contains("dikembalikan"))
        .unwrap_or_else(|| panic!("no return notification in {notes}"));
    let message = note["message"].as_str().unwrap();
    assert!(message.contains("kec.blega"), "{message}");
    assert!(message.contains("Foto rumah belum ada"), "{message}");
    assert_eq!(note["family"], family.as_str());
    // Another desa is not told.
    let other = app.login("op.alasraja").await;
    let theirs = app.get_json(&other, r::NOTIFICATIONS).await;
    assert!(!theirs.to_string().contains("dikembalikan"), "{theirs}");

    // The dinas reads the family's trail, newest first: the return with who, role, device and
    // the states before and after.
    let dinsos = app.login("dinsos").await;
    let page = app
        .get_json(&dinsos, &format!("{}?family={family}", r::AUDIT))
        .await;
    let lines = page["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 5, "created and four steps: {page}");
    let last = &lines[0];
    assert_eq!(last["action"], "ProposalStep");
    assert_eq!(last["actor"], "kec.blega");
    assert_eq!(last["role"], "PengelolaKecamatan");
    assert_eq!(last["device"], "tablet-uji");
    assert_eq!(last["proposal"], proposal.as_str());
    assert_eq!(last["before"], "Pemeriksaan kecamatan");
    assert_eq!(last["after"], "Dikembalikan");
    assert!(
        last["detail"]
            .as_str()
            .unwrap()
            .contains("Foto rumah belum ada")
    );
    assert_eq!(lines[4]["action"], "ProposalCreated");
    assert_eq!(lines[4]["role"], "OperatorDesa");
    let seqs: Vec<u64> = lines.iter().map(|l| l["seq"].as_u64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] > w[1]),
        "newest first: {seqs:?}"
    );
    assert_eq!(page["older"], Value::Null);

    // Paged: two lines, then the rest from `older`.
    let first = app
        .get_json(&dinsos, &format!("{}?family={family}&limit=2", r::AUDIT))
        .await;
    assert_eq!(first["lines"].as_array().unwrap().len(), 2);
    let older = first["older"].as_u64().unwrap();
    assert_eq!(older, seqs[1]);
    let rest = app
        .get_json(
            &dinsos,
            &format!("{}?family={family}&before={older}", r::AUDIT),
        )
        .await;
    let rest: Vec<u64> = rest["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(rest, seqs[2..]);

    // Per user: what kec.blega did, logins included.
    let by_user = app
        .get_json(&dinsos, &format!("{}?user=kec.blega", r::AUDIT))
        .await;
    let actions: Vec<&str> = by_user["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["ProposalStep", "Login"], "{by_user}");
}

#[tokio::test]
async fn audit_verify_passes_on_the_servers_file_and_names_a_row_with_one_byte_altered() {
    let app = spawn_app().await;
    returned_proposal(&app).await;
    let dir = app.stop().await;

    let (ok, text) = verify(dir.path());
    assert!(ok, "{text}");
    assert!(text.contains("Jejak audit utuh:"), "{text}");
    let rows: u64 = text
        .split("utuh: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!(rows >= 8, "{text}");

    // The row holding the return's reason, with one byte of the reason flipped.
    let needle = b"Foto rumah belum ada";
    let row = (1..=rows)
        .find(|row| {
            stored(dir.path(), *row)
                .windows(needle.len())
                .any(|w| w == needle)
        })
        .unwrap();
    let original = stored(dir.path(), row);
    let at = original
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let mut altered = original.clone();
    altered[at] ^= 0x01; // "Foto" → "Goto"
    rewrite(dir.path(), |t| {
        t.insert(row, altered.as_slice()).unwrap();
    });
    let (ok, text) = verify(dir.path());
    assert!(!ok, "an altered byte went unnoticed: {text}");
    assert!(text.contains(&format!("catatan {row} diubah")), "{text}");

    // Put back, it passes again; then a deleted row is named.
    rewrite(dir.path(), |t| {
        t.insert(row, original.as_slice()).unwrap();
    });
    assert!(verify(dir.path()).0);
    rewrite(dir.path(), |t| {
        t.remove(3).unwrap();
    });
    let (ok, text) = verify(dir.path());
    assert!(!ok, "a deleted row went unnoticed: {text}");
    assert!(text.contains("catatan 3 hilang"), "{text}");
}

#[tokio::test]
async fn a_cut_off_tail_of_the_trail_is_noticed() {
    let app = spawn_app().await;
    returned_proposal(&app).await;
    let dir = app.stop().await;
    let (ok, text) = verify(dir.path());
    assert!(ok, "{text}");
    let last = {
        let db = redb::Database::open(dir.path().join("tepat.redb")).unwrap();
        let txn = db.begin_read().unwrap();
        let table = txn.open_table(AUDIT).unwrap();
        table.last().unwrap().unwrap().0.value()
    };
    rewrite(dir.path(), |t| {
        t.remove(last).unwrap();
    });
    let (ok, text) = verify(dir.path());
    assert!(!ok, "a cut tail went unnoticed: {text}");
    assert!(
        text.contains(&format!("catatan {last} sampai {last} hilang dari ujung")),
        "{text}"
    );
    // A folder without a database is refused by name rather than created.
    let empty = tempfile::tempdir().unwrap();
    let (ok, text) = verify(&empty.path().join("tidak-ada"));
    assert!(!ok && text.contains("tidak ada"), "{text}");
}

#[tokio::test]
async fn a_window_opening_within_three_days_is_announced_to_the_roles_it_concerns() {
    let app = spawn_app().await;
    // 28 Nov 2026 in WIB: ratification (H-1 of the month's end) opens tomorrow, PBI-JK proposals
    // on the 1st, three days on; bansos proposals closed on the 24th and open on 15 Dec.
    app.clock.set("2026-11-28T03:00:00Z".parse().unwrap());
    let messages = |notes: Value| -> Vec<String> {
        notes["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["message"].as_str().unwrap().to_owned())
            .filter(|m| m.contains("; jadwalnya "))
            .collect()
    };
    let bupati = app.login("bupati").await;
    assert_eq!(
        messages(app.get_json(&bupati, r::NOTIFICATIONS).await),
        ["Pengesahan dibuka besok, 29 Nov 2026; jadwalnya pada H-1 akhir bulan."]
    );
    let desa = app.login("op.lombangdajah").await;
    let for_desa = messages(app.get_json(&desa, r::NOTIFICATIONS).await);
    assert_eq!(for_desa.len(), 1, "{for_desa:?}");
    assert!(
        for_desa[0]
            .starts_with("Usulan PBI-JK dibuka 3 hari lagi, 1 Des 2026; jadwalnya tanggal 1"),
        "{for_desa:?}"
    );
    // Four days before, nothing yet.
    app.clock.set("2026-11-27T03:00:00Z".parse().unwrap());
    let desa = app.login("op.lombangdajah").await;
    assert!(messages(app.get_json(&desa, r::NOTIFICATIONS).await).is_empty());
}
