//! The approval queue over HTTP: what waits for each chain role in its scope, oldest first and
//! filtered; a bulk step that takes each proposal on its own (one refused changes nothing
//! else), the window refusing a bulk ratification with its next opening; a return without a
//! reason refused; and the quota with each desa's waiting list in rank order.
//!
//! Proposals are written into the store in the state a test needs (a small helper), so these
//! tests do not depend on how a proposal gets through the musdes.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use tepat_domain::workflow::{ProposalKind, ProposalState, Step, StepRecord};
use tepat_domain::{Family, RegionCode, Role};
use tepat_protocol::routes as r;
use tepat_server::store::{ProposalRecord, Store};

const LOMBANG: &str = "35.26.15.2012";
const ALAS: &str = "35.26.15.2004";
const KOKOP: &str = "35.26.10.2010";

fn families(desa: &str) -> Vec<Family> {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .collect()
}

fn at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

/// What to seed: the family (desa and index), kind, state, score, and when it got there.
struct Seed {
    desa: &'static str,
    family: usize,
    kind: ProposalKind,
    state: ProposalState,
    score: i64,
    reached: &'static str,
}

fn seed(desa: &'static str, family: usize, state: ProposalState, reached: &'static str) -> Seed {
    Seed {
        desa,
        family,
        kind: ProposalKind::NewFamily,
        state,
        score: 10,
        reached,
    }
}

/// Writes proposals straight into the store, each with one step record bringing it to its
/// state at its time; answers their ids and head names, in order.
fn put(app: &TestApp, seeds: &[Seed]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut records = Vec::new();
    for seed in seeds {
        let family = families(seed.desa)[seed.family].clone();
        let reached = at(seed.reached);
        let id = uuid::Uuid::now_v7();
        records.push(ProposalRecord {
            id,
            family: family.id,
            desa: RegionCode::parse(seed.desa).unwrap(),
            kind: seed.kind,
            state: seed.state,
            score: seed.score,
            created_at: reached - jiff::SignedDuration::from_hours(24),
            created_by: "op.uji".into(),
            steps: vec![StepRecord {
                step: Step::SendUp,
                by: "op.uji".into(),
                role: Some(Role::OperatorDesa),
                at: reached,
                device: None,
                from: ProposalState::ReadyToSend,
                to: seed.state,
            }],
        });
        out.push((id.to_string(), family.head_name().to_owned()));
    }
    app.store.save_proposals(&records, &[], &[], None).unwrap();
    out
}

async fn queue(app: &TestApp, client: &reqwest::Client, query: &str) -> Value {
    let response = client
        .get(app.url(&format!("{}{query}", r::QUEUE)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "queue{query}");
    response.json().await.unwrap()
}

fn ids(view: &Value) -> Vec<String> {
    view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["proposal"].as_str().unwrap().to_owned())
        .collect()
}

async fn bulk(app: &TestApp, client: &reqwest::Client, proposals: &[&str], step: Value) -> Value {
    let response = client
        .post(app.url(r::QUEUE_STEPS))
        .json(&json!({ "proposals": proposals, "step": step, "device": "meja-kantor" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn proposal(app: &TestApp, client: &reqwest::Client, id: &str) -> Value {
    app.get_json(client, &r::PROPOSAL.replace("{id}", id)).await
}

#[tokio::test]
async fn each_chain_role_sees_what_waits_for_it_oldest_first_in_its_scope() {
    use ProposalState as S;
    let app = spawn_app().await;
    let mut pkh = seed(ALAS, 0, S::KecamatanCheck, "2026-11-22T03:00:00Z");
    pkh.kind = ProposalKind::BansosPkh;
    let seeded = put(
        &app,
        &[
            seed(LOMBANG, 0, S::KecamatanCheck, "2026-11-20T03:00:00Z"),
            seed(LOMBANG, 1, S::KecamatanCheck, "2026-11-18T03:00:00Z"),
            seed(LOMBANG, 2, S::DinasVerification, "2026-11-21T03:00:00Z"),
            pkh,
            seed(KOKOP, 0, S::KecamatanCheck, "2026-11-10T03:00:00Z"),
            seed(KOKOP, 1, S::KepalaDinasSignOff, "2026-11-19T03:00:00Z"),
            seed(LOMBANG, 3, S::BupatiRatification, "2026-11-22T03:00:00Z"),
            seed(LOMBANG, 4, S::WaitingList, "2026-11-01T03:00:00Z"),
            seed(LOMBANG, 5, S::Draft, "2026-11-01T03:00:00Z"),
        ],
    );
    let id = |i: usize| seeded[i].0.clone();

    // The kecamatan: its own desa only (not Kokop), oldest first.
    let kec = app.login("kec.blega").await;
    let view = queue(&app, &kec, "").await;
    assert_eq!(ids(&view), [id(1), id(0), id(3)]);
    let first = &view["items"][0];
    assert_eq!(first["head_name"], seeded[1].1.as_str());
    assert_eq!(first["desa"]["name"], "Lombang Dajah");
    assert_eq!(first["kind"], "NewFamily");
    assert_eq!(first["state"], "KecamatanCheck");
    assert_eq!(first["step"], "Approve");
    assert_eq!(first["since"], "2026-11-18T03:00:00Z");
    assert_eq!(first["waiting_days"], 5);
    assert_eq!(first["window"], "Always");
    assert!(
        first["decile"]
            .as_u64()
            .is_some_and(|d| (1..=10).contains(&d))
    );
    assert_eq!(view["today"], "2026-11-23");
    // Filters: a desa, a kind.
    assert_eq!(
        ids(&queue(&app, &kec, &format!("?desa={ALAS}")).await),
        [id(3)]
    );
    assert_eq!(ids(&queue(&app, &kec, "?kind=pkh").await), [id(3)]);
    assert_eq!(ids(&queue(&app, &kec, "?kind=baru").await), [id(1), id(0)]);

    // Each level of the Dinas and the Bupati sees its own step, kabupaten-wide.
    let dinsos = app.login("dinsos").await;
    let view = queue(&app, &dinsos, "").await;
    assert_eq!(
        ids(&view),
        [id(2)],
        "not the waiting list, which it could only return"
    );
    assert_eq!(view["items"][0]["step"], "Verify");
    assert_eq!(view["items"][0]["window"], "Always");
    let kadinsos = app.login("kadinsos").await;
    assert_eq!(ids(&queue(&app, &kadinsos, "").await), [id(5)]);
    let bupati = app.login("bupati").await;
    let view = queue(&app, &bupati, "").await;
    assert_eq!(ids(&view), [id(6)]);
    assert_eq!(view["items"][0]["step"], "Ratify");
    assert_eq!(
        view["items"][0]["window"],
        json!({ "Closed": { "opens_on": "2026-11-29" } })
    );
}

#[tokio::test]
async fn a_bulk_approval_takes_each_proposal_and_a_refused_one_changes_nothing() {
    use ProposalState as S;
    let app = spawn_app().await;
    let seeded = put(
        &app,
        &[
            seed(LOMBANG, 0, S::KecamatanCheck, "2026-11-20T03:00:00Z"),
            seed(LOMBANG, 1, S::DinasVerification, "2026-11-20T03:00:00Z"),
            seed(ALAS, 0, S::KecamatanCheck, "2026-11-21T03:00:00Z"),
            seed(KOKOP, 0, S::KecamatanCheck, "2026-11-21T03:00:00Z"),
        ],
    );
    let id = |i: usize| seeded[i].0.as_str();
    let kec = app.login("kec.blega").await;
    let answer = bulk(&app, &kec, &[id(0), id(1), id(2), id(3)], json!("Approve")).await;
    let outcomes = answer["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 4);
    assert_eq!(outcomes[0], json!([id(0), { "Done": "DinasVerification" }]));
    assert_eq!(
        outcomes[1],
        json!([id(1), { "Refused": "Usulan berstatus \"Verifikasi Dinas Sosial\" tidak dapat di-\"Setujui\". Langkah yang mungkin: Verifikasi, Kembalikan." }])
    );
    assert_eq!(outcomes[2], json!([id(2), { "Done": "DinasVerification" }]));
    let out_of_scope = outcomes[3][1]["Refused"].as_str().unwrap();
    assert!(
        out_of_scope
            .ends_with("berada di luar wilayah kerja Anda (Kecamatan Blega). Akses ditolak."),
        "{out_of_scope}"
    );
    // The refused ones are as they were; the approved carry the kecamatan's step.
    let dinsos = app.login("dinsos").await;
    let refused = proposal(&app, &dinsos, id(1)).await;
    assert_eq!(refused["state"], "DinasVerification");
    assert_eq!(refused["steps"].as_array().unwrap().len(), 1);
    let kokop = proposal(&app, &dinsos, id(3)).await;
    assert_eq!(kokop["state"], "KecamatanCheck");
    let approved = proposal(&app, &dinsos, id(0)).await;
    let last = approved["steps"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["by"], "kec.blega");
    assert_eq!(last["device"], "meja-kantor");
    assert_eq!(last["step"], "Approve");
    // Now they wait for the Dinas, and the kecamatan's queue is empty in its scope.
    assert_eq!(
        ids(&queue(&app, &dinsos, "").await),
        [id(1), id(0), id(2)],
        "oldest first: the one waiting since the 20th, then the two approved now"
    );
    assert!(ids(&queue(&app, &kec, "").await).is_empty());
}

#[tokio::test]
async fn a_bulk_ratification_outside_its_window_is_refused_with_the_next_opening() {
    use ProposalState as S;
    let app = spawn_app().await;
    let seeded = put(
        &app,
        &[
            seed(LOMBANG, 0, S::BupatiRatification, "2026-11-20T03:00:00Z"),
            seed(KOKOP, 0, S::BupatiRatification, "2026-11-21T03:00:00Z"),
        ],
    );
    let id = |i: usize| seeded[i].0.as_str();
    let bupati = app.login("bupati").await;
    let answer = bulk(&app, &bupati, &[id(0), id(1)], json!("Ratify")).await;
    let message = "Pengesahan hanya dibuka pada H-1 akhir bulan. Dibuka lagi 29 Nov 2026.";
    assert_eq!(
        answer["outcomes"],
        json!([[id(0), { "Refused": message }], [id(1), { "Refused": message }]])
    );
    assert_eq!(
        proposal(&app, &bupati, id(0)).await["state"],
        "BupatiRatification"
    );
    // A return is never taken in bulk: it needs its own reason.
    let response = bupati
        .post(app.url(r::QUEUE_STEPS))
        .json(&json!({ "proposals": [id(0)], "step": { "Return": { "reason": "Cek lagi" } }, "device": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    // On H-1 of the month's end the window is open.
    app.clock.set(at("2026-11-29T03:00:00Z"));
    let bupati = app.login("bupati").await;
    let view = queue(&app, &bupati, "").await;
    assert_eq!(
        view["items"][0]["window"],
        json!({ "Open": { "until": "2026-11-29" } })
    );
    assert_eq!(view["items"][0]["waiting_days"], 9);
    let answer = bulk(&app, &bupati, &[id(0), id(1)], json!("Ratify")).await;
    assert_eq!(
        answer["outcomes"],
        json!([[id(0), { "Done": "Ratified" }], [id(1), { "Done": "Ratified" }]])
    );
}

#[tokio::test]
async fn a_return_needs_its_reason_and_leaves_the_queue() {
    let app = spawn_app().await;
    let seeded = put(
        &app,
        &[seed(
            LOMBANG,
            0,
            ProposalState::KecamatanCheck,
            "2026-11-20T03:00:00Z",
        )],
    );
    let id = seeded[0].0.as_str();
    let kec = app.login("kec.blega").await;
    let path = r::PROPOSAL_STEPS.replace("{id}", id);
    let send = |reason: &'static str| {
        kec.post(app.url(&path))
            .json(&json!({ "step": { "Return": { "reason": reason } }, "device": null }))
            .send()
    };
    let response = send("   ").await.unwrap();
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Tuliskan alasan pengembalian agar desa tahu apa yang harus diperbaiki."
    );
    assert_eq!(ids(&queue(&app, &kec, "").await), [id]);
    let response = send("Foto rumah tidak jelas").await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(ids(&queue(&app, &kec, "").await).is_empty());
    let view = proposal(&app, &kec, id).await;
    assert_eq!(view["state"], "Returned");
    assert_eq!(
        view["steps"][1]["step"],
        json!({ "Return": { "reason": "Foto rumah tidak jelas" } })
    );
}

#[tokio::test]
async fn the_quota_shows_places_used_and_the_waiting_list_in_rank_order() {
    use ProposalState as S;
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    // PKH: two places, one each for Lombang Dajah and Alas Rajah; and one for Kokop in BPNT.
    for (programme, settings) in [
        (
            "PKH",
            json!({ "kabupaten_quota": 2, "poor_by_desa": [[LOMBANG, 120], [ALAS, 120]] }),
        ),
        (
            "BPNT",
            json!({ "kabupaten_quota": 1, "poor_by_desa": [[KOKOP, 50]] }),
        ),
    ] {
        let response = dinsos
            .put(app.url(&r::QUOTA.replace("{programme}", programme)))
            .json(&settings)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let pkh = |family: usize, state: ProposalState, score: i64, reached: &'static str| Seed {
        desa: LOMBANG,
        family,
        kind: ProposalKind::BansosPkh,
        state,
        score,
        reached,
    };
    let seeded = put(
        &app,
        &[
            pkh(0, S::DinasVerification, 50, "2026-11-16T03:00:00Z"),
            pkh(1, S::WaitingList, 10, "2026-11-17T03:00:00Z"),
            pkh(2, S::WaitingList, 30, "2026-11-18T03:00:00Z"),
            // Not in the quota: a draft.
            pkh(3, S::Draft, 90, "2026-11-18T03:00:00Z"),
        ],
    );
    let kec = app.login("kec.blega").await;
    let view = queue(&app, &kec, "").await;
    let quota = view["quota"].as_array().unwrap();
    // Kokop's BPNT lies outside the kecamatan.
    assert_eq!(quota.len(), 2, "{quota:?}");
    let lombang = &quota[1];
    assert_eq!(quota[0]["desa"]["code"], ALAS);
    assert_eq!(
        (
            &quota[0]["share"],
            &quota[0]["placed"],
            &quota[0]["waiting"]
        ),
        (&json!(1), &json!(0), &json!([]))
    );
    assert_eq!(lombang["programme"], "BansosPkh");
    assert_eq!(lombang["desa"]["code"], LOMBANG);
    assert_eq!(
        (&lombang["share"], &lombang["placed"]),
        (&json!(1), &json!(1))
    );
    // The poorer family (higher score) first, though it came later.
    assert_eq!(
        lombang["waiting"],
        json!([
            { "proposal": seeded[2].0, "family": families(LOMBANG)[2].id, "head_name": seeded[2].1, "score": 30 },
            { "proposal": seeded[1].0, "family": families(LOMBANG)[1].id, "head_name": seeded[1].1, "score": 10 },
        ])
    );
    // The Dinas sees the kabupaten: Kokop's BPNT too; a kind filter keeps its programme.
    let all = queue(&app, &dinsos, "").await;
    let programmes: Vec<(&str, &str)> = all["quota"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["programme"].as_str().unwrap(),
                q["desa"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        programmes,
        [
            ("BansosPkh", ALAS),
            ("BansosPkh", LOMBANG),
            ("BansosBpnt", KOKOP)
        ]
    );
    let bpnt = queue(&app, &dinsos, "?kind=bpnt").await;
    assert_eq!(bpnt["quota"].as_array().unwrap().len(), 1);
    assert_eq!(bpnt["quota"][0]["share"], 1);
}
