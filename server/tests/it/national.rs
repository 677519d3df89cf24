//! Submission to the national system over HTTP: only the Dinas operator sees the batch; the
//! export holds exactly the ratified proposals with one row per active member and full NIK, and
//! is audited; marking sent takes exactly the ids given; a result file applies Final or Returned
//! with the national reason, and a file with any row not understood changes nothing.
//!
//! Proposals are put in state `Ratified` straight into the store (the chain up to ratification
//! is tested in proposals.rs), so these tests do not depend on how the musdes step is taken.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use tepat_domain::national::{csv, layout};
use tepat_domain::workflow::{ProposalKind, ProposalState, Step, StepRecord};
use tepat_domain::{Family, Role};
use tepat_protocol::routes as r;
use tepat_server::store::{AuditAction, ProposalRecord, Store};

fn families_of(desa: &str) -> Vec<Family> {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .collect()
}

/// A proposal of `family` ratified by the Bupati at `at`, saved into the store.
pub fn seed_ratified(app: &TestApp, family: &Family, kind: ProposalKind, at: &str) -> uuid::Uuid {
    let at: jiff::Timestamp = at.parse().unwrap();
    let id = uuid::Uuid::now_v7();
    let proposal = ProposalRecord {
        id,
        family: family.id,
        desa: family.desa.clone(),
        kind,
        state: ProposalState::Ratified,
        score: 17,
        created_at: at,
        created_by: "op.uji".into(),
        steps: vec![StepRecord {
            step: Step::Ratify,
            by: "bupati".into(),
            role: Some(Role::Bupati),
            at,
            device: None,
            from: ProposalState::BupatiRatification,
            to: ProposalState::Ratified,
        }],
    };
    app.store
        .save_proposals(&[proposal], &[], &[], None)
        .unwrap();
    id
}

fn state_of(app: &TestApp, id: uuid::Uuid) -> ProposalRecord {
    app.store.proposal(id).unwrap().unwrap()
}

async fn upload(app: &TestApp, client: &reqwest::Client, bytes: Vec<u8>) -> (u16, Value) {
    let response = client
        .post(app.url(r::NATIONAL_RESULT))
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn mark_sent(app: &TestApp, client: &reqwest::Client, ids: &[uuid::Uuid]) -> (u16, Value) {
    let response = client
        .post(app.url(r::NATIONAL_SENT))
        .json(&json!({ "proposals": ids }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn result_csv(lines: &[&[&str]]) -> Vec<u8> {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.iter().map(|c| c.to_string()).collect())
        .collect();
    csv::write(&rows)
}

#[tokio::test]
async fn only_the_dinas_operator_reaches_the_national_routes() {
    let app = spawn_app().await;
    for user in [
        "op.lombangdajah",
        "tksk.blega",
        "kec.blega",
        "kadinsos",
        "bupati",
        "admin",
    ] {
        let client = app.login(user).await;
        for path in [
            r::NATIONAL_BATCH.to_owned(),
            format!("{}?format=csv", r::NATIONAL_EXPORT),
        ] {
            let response = client.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), 403, "{user} {path}");
        }
        assert_eq!(mark_sent(&app, &client, &[]).await.0, 403, "{user}");
        assert_eq!(upload(&app, &client, b"x".to_vec()).await.0, 403, "{user}");
    }
    let dinsos = app.login("dinsos").await;
    let batch = app.get_json(&dinsos, r::NATIONAL_BATCH).await;
    assert_eq!(batch["proposals"], json!([]));
    assert_eq!(batch["rows"], 0);
}

#[tokio::test]
async fn the_export_holds_each_ratified_member_with_full_nik_and_is_audited() {
    let app = spawn_app().await;
    let lombang = families_of("35.26.15.2012");
    let alas = families_of("35.26.15.2004");
    let a = seed_ratified(
        &app,
        &lombang[0],
        ProposalKind::NewFamily,
        "2026-11-20T03:00:00Z",
    );
    let b = seed_ratified(
        &app,
        &lombang[1],
        ProposalKind::BansosPkh,
        "2026-11-20T04:00:00Z",
    );
    let c = seed_ratified(
        &app,
        &alas[0],
        ProposalKind::Correction,
        "2026-11-21T03:00:00Z",
    );
    // A draft is not part of the batch.
    let desa = app.login("op.lombangdajah").await;
    let draft = desa
        .post(app.url(r::PROPOSALS))
        .json(&json!({ "family": lombang[2].id, "kind": "NewFamily" }))
        .send()
        .await
        .unwrap();
    assert_eq!(draft.status(), 200);

    let dinsos = app.login("dinsos").await;
    let batch = app.get_json(&dinsos, r::NATIONAL_BATCH).await;
    let members = |f: &Family| f.active_members().count();
    let expected_rows = members(&lombang[0]) + members(&lombang[1]) + members(&alas[0]);
    assert_eq!(batch["rows"], expected_rows);
    let mut ids: Vec<String> = serde_json::from_value(batch["proposals"].clone()).unwrap();
    ids.sort();
    let mut want = vec![a.to_string(), b.to_string(), c.to_string()];
    want.sort();
    assert_eq!(ids, want);
    assert_eq!(batch["desa"][0]["desa"]["code"], "35.26.15.2004");
    assert_eq!(batch["desa"][0]["proposals"], 1);
    assert_eq!(batch["desa"][1]["desa"]["name"], "Lombang Dajah");
    assert_eq!(batch["desa"][1]["proposals"], 2);
    assert_eq!(
        batch["desa"][1]["members"],
        members(&lombang[0]) + members(&lombang[1])
    );

    let response = dinsos
        .get(app.url(&format!("{}?format=csv", r::NATIONAL_EXPORT)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"tepat-usulan-pusat-3526-2026-11-23.csv\""
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let bytes = response.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with("\u{feff}ID USULAN;".as_bytes()));
    let rows = csv::read(&bytes).unwrap();
    assert_eq!(rows[0], layout::header());
    assert_eq!(rows.len(), 1 + expected_rows);
    let col = |h: &str| layout::COLUMNS.iter().position(|c| c.header == h).unwrap();
    let a_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == a.to_string()).collect();
    assert_eq!(a_rows.len(), members(&lombang[0]));
    let head = lombang[0].head().unwrap();
    assert_eq!(a_rows[0][col("NIK")], head.nik.as_str());
    assert_eq!(a_rows[0][col("NAMA")], head.name);
    assert_eq!(a_rows[0][col("NOKK")], lombang[0].kk.as_str());
    assert_eq!(a_rows[0][col("KODE DESA/KELURAHAN")], "3526152012");
    assert_eq!(a_rows[0][col("KECAMATAN")], "Blega");
    assert_eq!(a_rows[0][col("PROVINSI")], "Jawa Timur");
    assert_eq!(a_rows[0][col("JENIS USULAN")], "Usulan baru");
    assert_eq!(a_rows[0][col("SKOR")], "17");
    assert!(
        !a_rows[0][col("DESIL")].is_empty(),
        "demo families are ranked"
    );

    // The XLSX holds the same cells.
    let response = dinsos
        .get(app.url(&format!("{}?format=xlsx", r::NATIONAL_EXPORT)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with("2026-11-23.xlsx\"")
    );
    let xlsx = tepat_server::xlsx::read(&response.bytes().await.unwrap()).unwrap();
    // A sheet's rows end at their last filled cell.
    let trimmed: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let filled = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            row[..filled].to_vec()
        })
        .collect();
    assert_eq!(xlsx, trimmed);

    let bad = dinsos
        .get(app.url(&format!("{}?format=pdf", r::NATIONAL_EXPORT)))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);

    let audit = app.store.recent_audit(50).unwrap();
    let exports: Vec<_> = audit
        .iter()
        .filter(|e| e.action == AuditAction::NationalExported)
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(exports.iter().all(|e| e.actor == "dinsos"));
    assert!(
        exports
            .iter()
            .any(|e| e.detail.contains(".csv: 3 usulan") && e.detail.contains("NIK utuh")),
        "{exports:?}"
    );
}

#[tokio::test]
async fn marking_sent_takes_exactly_the_batch_that_was_downloaded() {
    let app = spawn_app().await;
    let lombang = families_of("35.26.15.2012");
    let a = seed_ratified(
        &app,
        &lombang[0],
        ProposalKind::NewFamily,
        "2026-11-20T03:00:00Z",
    );
    let b = seed_ratified(
        &app,
        &lombang[1],
        ProposalKind::NewFamily,
        "2026-11-20T04:00:00Z",
    );
    let dinsos = app.login("dinsos").await;
    let batch = app.get_json(&dinsos, r::NATIONAL_BATCH).await;
    let as_of = batch["as_of"].as_str().unwrap().to_owned();
    // Ratified after the batch was taken: not in the file, not marked.
    app.clock.set("2026-11-23T05:00:00Z".parse().unwrap());
    let late = seed_ratified(
        &app,
        &lombang[2],
        ProposalKind::NewFamily,
        "2026-11-23T04:00:00Z",
    );
    let response = dinsos
        .get(app.url(&format!("{}?format=csv&until={as_of}", r::NATIONAL_EXPORT)))
        .send()
        .await
        .unwrap();
    let rows = csv::read(&response.bytes().await.unwrap()).unwrap();
    assert!(rows.iter().all(|r| r[0] != late.to_string()));
    assert!(rows.iter().any(|r| r[0] == a.to_string()));

    // One id that is not ratified spoils the request: nothing is marked.
    let (status, body) = mark_sent(&app, &dinsos, &[a, uuid::Uuid::now_v7()]).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Tidak ada yang ditandai")
    );
    assert_eq!(state_of(&app, a).state, ProposalState::Ratified);

    let ids: Vec<uuid::Uuid> = serde_json::from_value(batch["proposals"].clone()).unwrap();
    let (status, body) = mark_sent(&app, &dinsos, &ids).await;
    assert_eq!((status, body["sent"].as_u64()), (200, Some(2)), "{body}");
    for id in [a, b] {
        let record = state_of(&app, id);
        assert_eq!(record.state, ProposalState::SentToNational);
        let last = record.steps.last().unwrap();
        assert_eq!(
            (last.by.as_str(), &last.step),
            ("dinsos", &Step::SendToNational)
        );
    }
    assert_eq!(state_of(&app, late).state, ProposalState::Ratified);
    // Marking again is refused by the workflow: they are no longer ratified.
    assert_eq!(mark_sent(&app, &dinsos, &[a]).await.0, 409);
    let batch = app.get_json(&dinsos, r::NATIONAL_BATCH).await;
    assert_eq!(batch["proposals"], json!([late.to_string()]));
}

async fn sent_pair(app: &TestApp) -> (uuid::Uuid, uuid::Uuid, Vec<Family>) {
    let lombang = families_of("35.26.15.2012");
    let a = seed_ratified(
        app,
        &lombang[0],
        ProposalKind::NewFamily,
        "2026-11-20T03:00:00Z",
    );
    let b = seed_ratified(
        app,
        &lombang[1],
        ProposalKind::BansosPkh,
        "2026-11-20T04:00:00Z",
    );
    let dinsos = app.login("dinsos").await;
    assert_eq!(mark_sent(app, &dinsos, &[a, b]).await.0, 200);
    (a, b, lombang)
}

#[tokio::test]
async fn a_result_file_makes_final_or_returned_with_the_national_reason() {
    let app = spawn_app().await;
    let (a, b, _) = sent_pair(&app).await;
    let dinsos = app.login("dinsos").await;
    let file = result_csv(&[
        &["id usulan", "Hasil", "Alasan"],
        &[&a.to_string(), "diterima", ""],
        &[],
        &[
            &b.to_string(),
            "DITOLAK",
            "NIK kepala keluarga tidak padan Dukcapil",
        ],
    ]);
    let (status, report) = upload(&app, &dinsos, file.clone()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        report,
        json!({ "applied": true, "accepted": 1, "rejected": 1, "already": 0, "pending": 0, "problems": [] })
    );
    let accepted = state_of(&app, a);
    assert_eq!(accepted.state, ProposalState::Final);
    assert_eq!(accepted.steps.last().unwrap().step, Step::ConfirmFinal);
    let rejected = state_of(&app, b);
    assert_eq!(rejected.state, ProposalState::Returned);
    assert_eq!(
        rejected.steps.last().unwrap().step,
        Step::Return {
            reason: "Ditolak pusat: NIK kepala keluarga tidak padan Dukcapil".into()
        }
    );
    // The desa sees the reason on its proposal.
    let desa = app.login("op.lombangdajah").await;
    let view = app.get_json(&desa, &r::proposal_path(&b)).await;
    assert_eq!(view["state"], "Returned");
    assert_eq!(
        view["steps"].as_array().unwrap().last().unwrap()["step"]["Return"]["reason"],
        "Ditolak pusat: NIK kepala keluarga tidak padan Dukcapil"
    );
    // Uploading the same file again changes nothing and says so.
    let (status, again) = upload(&app, &dinsos, file).await;
    assert_eq!(status, 200);
    assert_eq!(
        (again["already"].as_u64(), again["accepted"].as_u64()),
        (Some(2), Some(0))
    );
    let audit = app.store.recent_audit(50).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == AuditAction::NationalResultImported
                && e.detail.contains("1 diterima, 1 ditolak"))
    );
}

#[tokio::test]
async fn the_exported_xlsx_filled_in_is_a_result_file_and_nokk_finds_the_proposal() {
    let app = spawn_app().await;
    let (a, b, lombang) = sent_pair(&app).await;
    let dinsos = app.login("dinsos").await;
    // The sheet as downloaded (now sent), with HASIL filled for every row of `a` only.
    let proposals = vec![state_of(&app, a), state_of(&app, b)];
    let mut sheet = tepat_server::national::sheet(app.store.as_ref(), &proposals).unwrap();
    let hasil = layout::COLUMNS
        .iter()
        .position(|c| c.header == "HASIL")
        .unwrap();
    for row in sheet.iter_mut().skip(1).filter(|r| r[0] == a.to_string()) {
        row[hasil] = "1".into();
    }
    let xlsx = tepat_server::xlsx::write(&sheet).unwrap();
    let (status, report) = upload(&app, &dinsos, xlsx).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["accepted"], 1);
    assert_eq!(report["pending"], lombang[1].active_members().count());
    assert_eq!(state_of(&app, a).state, ProposalState::Final);
    assert_eq!(state_of(&app, b).state, ProposalState::SentToNational);

    // By NOKK alone.
    let file = result_csv(&[
        &["NOKK", "HASIL", "KETERANGAN"],
        &[
            lombang[1].kk.as_str(),
            "tolak",
            "Sudah menerima bansos lain",
        ],
    ]);
    let (status, report) = upload(&app, &dinsos, file).await;
    assert_eq!(
        (status, report["rejected"].as_u64()),
        (200, Some(1)),
        "{report}"
    );
    assert_eq!(state_of(&app, b).state, ProposalState::Returned);
}

#[tokio::test]
async fn a_file_with_any_row_not_understood_changes_nothing() {
    let app = spawn_app().await;
    let (a, b, _) = sent_pair(&app).await;
    let dinsos = app.login("dinsos").await;
    let unknown = uuid::Uuid::now_v7();
    let file = result_csv(&[
        &["ID USULAN", "HASIL", "ALASAN"],
        &[&a.to_string(), "DITERIMA", ""],
        &[&unknown.to_string(), "DITERIMA", ""],
        &[&b.to_string(), "DITOLAK", ""],
        &["bukan-id", "DITERIMA", ""],
    ]);
    let (status, report) = upload(&app, &dinsos, file).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], false);
    assert_eq!(report["accepted"], 0);
    let problems = report["problems"].as_array().unwrap();
    let rows: Vec<u64> = problems
        .iter()
        .map(|p| p["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, vec![3, 4, 5]);
    assert!(
        problems[0]["reason"]
            .as_str()
            .unwrap()
            .contains("tidak ada di kabupaten ini")
    );
    assert!(
        problems[1]["reason"]
            .as_str()
            .unwrap()
            .contains("tanpa ALASAN")
    );
    assert!(
        problems[2]["reason"]
            .as_str()
            .unwrap()
            .contains("tidak sah")
    );
    for id in [a, b] {
        assert_eq!(state_of(&app, id).state, ProposalState::SentToNational);
    }

    // A wrong header is one clear refusal.
    let (status, body) = upload(
        &app,
        &dinsos,
        result_csv(&[&["NAMA", "STATUS"], &["x", "1"]]),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Baris judul (baris 1) tidak punya kolom"),
        "{body}"
    );
    // Not a spreadsheet at all.
    let (status, body) = upload(&app, &dinsos, vec![0xff, 0xfe, 0x00, 0x41]).await;
    assert_eq!(status, 400);
    assert!(
        body["message"].as_str().unwrap().contains("UTF-8"),
        "{body}"
    );
    let (status, _) = upload(&app, &dinsos, b"PK\x03\x04broken".to_vec()).await;
    assert_eq!(status, 400);
    // A proposal that was not sent cannot take a result.
    let ratified = seed_ratified(
        &app,
        &families_of("35.26.15.2012")[3],
        ProposalKind::NewFamily,
        "2026-11-21T03:00:00Z",
    );
    let (_, report) = upload(
        &app,
        &dinsos,
        result_csv(&[
            &["ID USULAN", "HASIL", "ALASAN"],
            &[&ratified.to_string(), "DITERIMA", ""],
        ]),
    )
    .await;
    assert_eq!(report["applied"], false);
    assert!(
        report["problems"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("berstatus \"Disahkan\"")
    );
    assert_eq!(state_of(&app, ratified).state, ProposalState::Ratified);
    // Too large.
    let (status, _) = upload(&app, &dinsos, vec![b'a'; 6 * 1024 * 1024]).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn two_national_rejections_in_one_desa_each_free_a_place_for_the_next_waiting() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let settings = json!({ "kabupaten_quota": 2, "poor_by_desa": [["35.26.15.2012", 120]] });
    let response = dinsos
        .put(app.url(&r::QUOTA.replace("{programme}", "PKH")))
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let lombang = families_of("35.26.15.2012");
    // Both places are held by proposals ratified and sent; two more wait for a place.
    let a = seed_ratified(
        &app,
        &lombang[0],
        ProposalKind::BansosPkh,
        "2026-11-20T03:00:00Z",
    );
    let b = seed_ratified(
        &app,
        &lombang[1],
        ProposalKind::BansosPkh,
        "2026-11-20T04:00:00Z",
    );
    assert_eq!(mark_sent(&app, &dinsos, &[a, b]).await.0, 200);
    let mut waiting = Vec::new();
    for family in &lombang[2..4] {
        let mut record = state_of(&app, a);
        record.id = uuid::Uuid::now_v7();
        record.family = family.id;
        record.state = ProposalState::WaitingList;
        record.steps.clear();
        waiting.push(record.id);
        app.store.save_proposals(&[record], &[], &[], None).unwrap();
    }
    let file = result_csv(&[
        &["ID USULAN", "HASIL", "ALASAN"],
        &[&a.to_string(), "DITOLAK", "Tidak memenuhi syarat PKH"],
        &[&b.to_string(), "DITOLAK", "Tidak memenuhi syarat PKH"],
    ]);
    let (status, report) = upload(&app, &dinsos, file).await;
    assert_eq!(
        (status, report["rejected"].as_u64()),
        (200, Some(2)),
        "{report}"
    );
    // Each return saw the one before it: both waiting proposals moved on, none twice.
    for id in waiting {
        let record = state_of(&app, id);
        assert_eq!(record.state, ProposalState::KecamatanCheck, "{id}");
        assert_eq!(record.steps.len(), 1);
        assert_eq!(record.steps[0].step, Step::PromoteFromWaitingList);
    }
}
