//! Sync over HTTP: a pushed change applies at most once (replays and half-replayed batches
//! double nothing), pulls return only the scope's changes, bad changes are refused with reasons
//! and change nothing, and two tablets' offline edits merge field by field. Proposal commands
//! travel the same way: decided by the server in order, once, or refused with the reason.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use tepat_domain::workflow::{ProposalKind, ProposalState, Step};
use tepat_domain::{Family, FamilyId};
use tepat_protocol::NewProposal;
use tepat_protocol::routes as r;
use tepat_protocol::sync::{ProposalCommand, changed_writes, family_writes, proposal_command};
use tepat_server::store::Store;
use tepat_sync::{Change, ChangeId, DeviceId, HlcClock};

struct Tablet {
    clock: HlcClock,
    user: String,
    next: u128,
}

impl Tablet {
    fn new(device: u128, user: &str) -> Tablet {
        Tablet {
            clock: HlcClock::new(DeviceId(uuid::Uuid::from_u128(device))),
            user: user.into(),
            next: device << 32,
        }
    }

    fn change(
        &mut self,
        now_ms: u64,
        family: FamilyId,
        writes: Vec<tepat_sync::FieldWrite>,
    ) -> Change {
        self.next += 1;
        let stamp = self.clock.tick(now_ms);
        Change {
            id: ChangeId(uuid::Uuid::from_u128(self.next)),
            device: stamp.device,
            user: self.user.clone(),
            stamp,
            record: family.0,
            writes,
        }
    }
}

impl Tablet {
    /// A proposal command about proposal `proposal`.
    fn command(&mut self, now_ms: u64, proposal: uuid::Uuid, command: ProposalCommand) -> Change {
        self.change(now_ms, FamilyId(proposal), vec![proposal_command(&command)])
    }
}

fn demo(desa: &str, nth: usize) -> Family {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .nth(nth)
        .unwrap()
}

async fn push(app: &TestApp, client: &reqwest::Client, changes: &[Change]) -> (u16, Value) {
    let response = client
        .post(app.url(r::SYNC_PUSH))
        .json(&json!({ "changes": changes }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// The changes made by people (not the server's creation of demo families) in a pull.
fn by_people(pull: &Value) -> Vec<Value> {
    pull["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"]["user"] != "sistem")
        .cloned()
        .collect()
}

fn outcomes(body: &Value) -> Vec<Value> {
    body["acks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].clone())
        .collect()
}

#[tokio::test]
async fn a_change_applies_at_most_once_and_pulls_stay_in_scope() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let mut tablet = Tablet::new(1, "op.lombangdajah");

    // A new family registered on the tablet, and a correction of an existing one.
    let mut newcomer = demo("35.26.15.2012", 0);
    newcomer.id = FamilyId(uuid::Uuid::now_v7());
    newcomer.kk = tepat_domain::Kk::parse("3526152211260001").unwrap();
    newcomer.demo = false;
    let before = demo("35.26.15.2012", 1);
    let mut after = before.clone();
    after.address.rt = "005".into();
    let batch = vec![
        tablet.change(1_000, newcomer.id, family_writes(&newcomer)),
        tablet.change(2_000, after.id, changed_writes(Some(&before), &after)),
    ];
    let (status, first) = push(&app, &operator, &batch).await;
    assert_eq!(status, 200, "{first}");
    let seqs: Vec<u64> = outcomes(&first)
        .iter()
        .map(|o| o["Accepted"]["seq"].as_u64().unwrap())
        .collect();
    assert!(seqs[0] < seqs[1]);
    // Both are in the audit trail with the tablet they came from and what they changed.
    let audit = app.store.recent_audit(2).unwrap();
    let tablet_name = format!("tablet {}", uuid::Uuid::from_u128(1));
    assert_eq!(audit[0].family, Some(after.id));
    assert_eq!(audit[0].device.as_deref(), Some(tablet_name.as_str()));
    assert_eq!(audit[0].role, Some(tepat_domain::Role::OperatorDesa));
    let (was, now) = (
        audit[0].before.clone().unwrap(),
        audit[0].after.clone().unwrap(),
    );
    assert!(was.contains(&format!("RT {}/", before.address.rt)), "{was}");
    assert!(now.contains("RT 005/"), "{now}");
    assert_eq!(audit[1].family, Some(newcomer.id));
    assert_eq!(audit[1].before, None);
    assert!(audit[1].after.as_deref().unwrap().starts_with("baru: KK "));

    // The same batch again (the answer was lost): nothing applied twice, same numbers.
    let (_, again) = push(&app, &operator, &batch).await;
    assert_eq!(
        outcomes(&again),
        seqs.iter()
            .map(|s| json!({ "Duplicate": { "seq": s } }))
            .collect::<Vec<_>>()
    );
    // A batch whose first half was accepted: only the new half is.
    let third = tablet.change(
        3_000,
        newcomer.id,
        vec![tepat_sync::FieldWrite {
            path: tepat_sync::FieldPath::new("address"),
            value: postcard::to_stdvec(&tepat_domain::family::Address {
                street: "Jl. Baru 1".into(),
                ..newcomer.address.clone()
            })
            .unwrap(),
            base: None,
        }],
    );
    let (_, half) = push(&app, &operator, &[batch[0].clone(), third.clone()]).await;
    let half = outcomes(&half);
    assert_eq!(half[0], json!({ "Duplicate": { "seq": seqs[0] } }));
    assert!(half[1]["Accepted"]["seq"].as_u64().unwrap() > seqs[1]);

    // Applied: the families are there as merged.
    let stored = app.store.family(newcomer.id).unwrap().unwrap();
    assert_eq!(stored.address.street, "Jl. Baru 1");
    assert_eq!(stored.members.len(), newcomer.members.len());
    assert_eq!(
        app.store.family(after.id).unwrap().unwrap().address.rt,
        "005"
    );

    // One row per change id in the log; pulls see only their scope.
    let pulled = app
        .get_json(&operator, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    assert_eq!(by_people(&pulled).len(), 3);
    assert_eq!(pulled["more"], false);
    let cursor = pulled["cursor"].as_u64().unwrap();
    assert!(
        app.get_json(&operator, &format!("{}?after={cursor}", r::SYNC_PULL))
            .await["changes"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Another desa receives its own 20 families and none of these changes; the kecamatan all.
    let other_desa = app.login("op.alasraja").await;
    let theirs = app
        .get_json(&other_desa, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    assert_eq!(theirs["changes"].as_array().unwrap().len(), 20);
    assert!(by_people(&theirs).is_empty());
    let kecamatan = app.login("kec.blega").await;
    let blega = app
        .get_json(&kecamatan, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    assert_eq!(by_people(&blega).len(), 3);
    assert_eq!(blega["changes"].as_array().unwrap().len(), 100 + 3);
}

#[tokio::test]
async fn a_first_pull_brings_the_whole_desa() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let pulled = app
        .get_json(&operator, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    let families: std::collections::BTreeSet<String> = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"]["record"].as_str().unwrap().to_owned())
        .collect();
    let expected: std::collections::BTreeSet<String> = tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == "35.26.15.2012")
        .map(|f| f.id.to_string())
        .collect();
    assert_eq!(families, expected);
}

#[tokio::test]
async fn bad_changes_are_refused_with_reasons_and_change_nothing() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let mut tablet = Tablet::new(2, "op.lombangdajah");
    let alas = demo("35.26.15.2004", 0);
    let mut moved = alas.clone();
    moved.address.rt = "009".into();
    let lombang = demo("35.26.15.2012", 2);
    let mut impostor = Tablet::new(3, "op.alasraja");
    let changes = vec![
        tablet.change(1, alas.id, changed_writes(Some(&alas), &moved)),
        impostor.change(
            2,
            lombang.id,
            vec![tepat_sync::FieldWrite {
                path: tepat_sync::FieldPath::new("kk"),
                value: vec![],
                base: None,
            }],
        ),
        tablet.change(
            3,
            lombang.id,
            vec![tepat_sync::FieldWrite {
                path: tepat_sync::FieldPath::new("rahasia"),
                value: vec![1],
                base: None,
            }],
        ),
        tablet.change(
            4,
            lombang.id,
            vec![tepat_sync::FieldWrite {
                path: tepat_sync::FieldPath::new("kk"),
                value: vec![0xff],
                base: None,
            }],
        ),
    ];
    let (status, body) = push(&app, &operator, &changes).await;
    assert_eq!(status, 200);
    let reasons: Vec<String> = outcomes(&body)
        .iter()
        .map(|o| o["Refused"]["reason"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        reasons[0],
        "Desa Alas Rajah berada di luar wilayah kerja Anda. Perubahan ditolak."
    );
    assert!(
        reasons[1].contains("atas nama pengguna lain"),
        "{}",
        reasons[1]
    );
    assert!(reasons[2].contains("tidak dikenal"), "{}", reasons[2]);
    assert!(reasons[3].contains("rusak"), "{}", reasons[3]);
    assert_eq!(app.store.family(alas.id).unwrap().unwrap(), alas);
    assert_eq!(app.store.family(lombang.id).unwrap().unwrap(), lombang);
    assert!(
        by_people(
            &app.get_json(&operator, &format!("{}?after=0", r::SYNC_PULL))
                .await
        )
        .is_empty()
    );

    let too_many: Vec<Change> = (0..501)
        .map(|i| tablet.change(10 + i, lombang.id, vec![]))
        .collect();
    let (status, body) = push(&app, &operator, &too_many).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("paling banyak 500")
    );
}

#[tokio::test]
async fn two_tablets_offline_merge_field_by_field_and_the_api_edit_too() {
    let app = spawn_app().await;
    let base = demo("35.26.15.2012", 3);
    // Two users of the kecamatan and desa edit the same family offline.
    let desa_client = app.login("op.lombangdajah").await;
    let tksk_client = app.login("tksk.blega").await;
    let mut desa_tablet = Tablet::new(4, "op.lombangdajah");
    let mut tksk_tablet = Tablet::new(5, "tksk.blega");
    let mut on_desa = base.clone();
    on_desa.address.dusun = "Dusun Timur".into();
    on_desa.members[0].mother_name = "Hj. Maimunah".into();
    let mut on_tksk = base.clone();
    on_tksk.location.as_mut().unwrap().lat -= 0.001;
    on_tksk.members[0].mother_name = "Maimunah binti Salim".into();
    let from_desa = desa_tablet.change(5_000, base.id, changed_writes(Some(&base), &on_desa));
    let from_tksk = tksk_tablet.change(6_000, base.id, changed_writes(Some(&base), &on_tksk));
    // The later edit arrives first.
    assert_eq!(push(&app, &tksk_client, &[from_tksk]).await.0, 200);
    assert_eq!(push(&app, &desa_client, &[from_desa]).await.0, 200);
    let merged = app.store.family(base.id).unwrap().unwrap();
    assert_eq!(merged.address.dusun, "Dusun Timur");
    assert_eq!(
        merged.location.unwrap().lat,
        base.location.unwrap().lat - 0.001
    );
    let head = merged
        .members
        .iter()
        .find(|m| m.id == base.members[0].id)
        .unwrap();
    assert_eq!(
        head.mother_name, "Maimunah binti Salim",
        "the later write wins the same field"
    );
    let record = app.store.sync_record(base.id).unwrap().unwrap();
    // The desa operator's losing value is kept, to be shown and restored.
    let head_path = tepat_sync::FieldPath::new(format!("members/{}", base.members[0].id));
    let lost: tepat_domain::Member = record
        .history()
        .iter()
        .find(|o| o.path == head_path && o.user == "op.lombangdajah")
        .map(|o| postcard::from_bytes(&o.value).unwrap())
        .unwrap();
    assert_eq!(lost.mother_name, "Hj. Maimunah");

    // An edit through the JSON API is a change too: a tablet's later edit of another field
    // keeps it.
    let mut via_api: Value = serde_json::to_value(&merged).unwrap();
    via_api["address"]["street"] = json!("Jl. Lewat API 3");
    let response = desa_client
        .put(app.url(&r::FAMILY.replace("{id}", &base.id.to_string())))
        .json(&via_api)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut later = merged.clone();
    later.members[1].name = "Nama Anak Diperbaiki".into();
    let member_only = desa_tablet.change(
        9_000_000_000_000,
        base.id,
        changed_writes(Some(&merged), &later),
    );
    assert_eq!(push(&app, &desa_client, &[member_only]).await.0, 200);
    let now = app.store.family(base.id).unwrap().unwrap();
    assert_eq!(now.address.street, "Jl. Lewat API 3");
    assert!(now.members.iter().any(|m| m.name == "Nama Anak Diperbaiki"));
    let pulled = app
        .get_json(&tksk_client, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    assert_eq!(
        by_people(&pulled).len(),
        4,
        "tablets pull the API's edit too"
    );
}

/// A family registered offline, its proposal and the step to the musdes, in one batch: the
/// server takes them in order, once; a replay doubles nothing.
#[tokio::test]
async fn a_proposal_made_offline_follows_its_new_family_and_applies_once() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let mut tablet = Tablet::new(3, "op.lombangdajah");
    let mut newcomer = demo("35.26.15.2012", 0);
    newcomer.id = FamilyId(uuid::Uuid::now_v7());
    newcomer.kk = tepat_domain::Kk::parse("3526152211260009").unwrap();
    newcomer.demo = false;
    let proposal = uuid::Uuid::now_v7();
    let batch = vec![
        tablet.change(1_000, newcomer.id, family_writes(&newcomer)),
        tablet.command(
            2_000,
            proposal,
            ProposalCommand::Create(NewProposal {
                family: newcomer.id,
                kind: ProposalKind::BansosPkh,
            }),
        ),
        tablet.command(3_000, proposal, ProposalCommand::Step(Step::SubmitToMusdes)),
    ];
    let (status, first) = push(&app, &operator, &batch).await;
    assert_eq!(status, 200, "{first}");
    let first = outcomes(&first);
    assert!(first[0]["Accepted"]["seq"].as_u64().unwrap() > 0);
    assert_eq!(first[1], json!({ "Accepted": { "seq": 0 } }));
    assert_eq!(first[2], json!({ "Accepted": { "seq": 0 } }));
    let stored = app.store.proposal(proposal).unwrap().unwrap();
    assert_eq!(stored.family, newcomer.id);
    assert_eq!(stored.state, ProposalState::AwaitingMusdes);
    assert_eq!(stored.steps.len(), 1);
    assert_eq!(
        stored.steps[0].device.as_deref(),
        Some(format!("tablet {}", uuid::Uuid::from_u128(3)).as_str())
    );

    let (_, again) = push(&app, &operator, &batch).await;
    let again = outcomes(&again);
    assert!(again[0]["Duplicate"].is_object());
    assert_eq!(again[1], json!({ "Duplicate": { "seq": 0 } }));
    assert_eq!(again[2], json!({ "Duplicate": { "seq": 0 } }));
    assert_eq!(
        app.store.proposal(proposal).unwrap().unwrap().steps.len(),
        1,
        "the replayed step is not taken twice"
    );
    // The pull carries families only: a command is not a change of anyone's record.
    let pull = app
        .get_json(&operator, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    assert!(pull["changes"].as_array().unwrap().iter().all(|c| {
        !c["change"]["writes"][0]["path"]
            .as_str()
            .unwrap()
            .starts_with('!')
    }));
}

/// A step made offline on a proposal that another device withdrew meanwhile is refused with the
/// server's reason; a command about another desa's proposal is refused by scope; neither changes
/// anything.
#[tokio::test]
async fn a_step_the_server_cannot_take_comes_back_with_its_reason() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let mut tablet = Tablet::new(4, "op.lombangdajah");
    let family = demo("35.26.15.2012", 2);
    let proposal = uuid::Uuid::now_v7();
    let create = tablet.command(
        1_000,
        proposal,
        ProposalCommand::Create(NewProposal {
            family: family.id,
            kind: ProposalKind::PbiJk,
        }),
    );
    let (_, created) = push(&app, &operator, &[create]).await;
    assert_eq!(outcomes(&created)[0], json!({ "Accepted": { "seq": 0 } }));
    // Another tablet withdraws it first.
    let mut other = Tablet::new(5, "op.lombangdajah");
    let withdraw = other.command(2_000, proposal, ProposalCommand::Step(Step::Withdraw));
    let (_, withdrawn) = push(&app, &operator, &[withdraw]).await;
    assert_eq!(outcomes(&withdrawn)[0], json!({ "Accepted": { "seq": 0 } }));

    let late = tablet.command(3_000, proposal, ProposalCommand::Step(Step::SubmitToMusdes));
    let (_, refused) = push(&app, &operator, &[late]).await;
    let reason = outcomes(&refused)[0]["Refused"]["reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.contains("Dibatalkan"), "{reason}");
    let stored = app.store.proposal(proposal).unwrap().unwrap();
    assert_eq!(stored.state, ProposalState::Withdrawn);
    assert_eq!(stored.steps.len(), 1);

    // Another desa's family: refused by scope, no proposal made.
    let elsewhere = demo("35.26.15.2004", 0);
    let foreign = uuid::Uuid::now_v7();
    let create = tablet.command(
        4_000,
        foreign,
        ProposalCommand::Create(NewProposal {
            family: elsewhere.id,
            kind: ProposalKind::PbiJk,
        }),
    );
    let (_, refused) = push(&app, &operator, &[create]).await;
    let reason = outcomes(&refused)[0]["Refused"]["reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.contains("di luar wilayah kerja"), "{reason}");
    assert!(app.store.proposal(foreign).unwrap().is_none());
}

#[tokio::test]
async fn a_verifier_disputes_a_pin_by_sync_and_only_the_desa_operator_answers() {
    use tepat_domain::visit::{NewVisit, Verdict, VisitItem};
    use tepat_protocol::sync::{VisitCommand, visit_command};
    let app = spawn_app().await;
    let family = demo("35.26.15.2012", 2);
    let visit_id = uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0a01);
    let visit = NewVisit {
        family: family.id,
        checks: vec![
            (VisitItem::Members, Verdict::Confirmed),
            (
                VisitItem::Pin,
                Verdict::Disputed("Rumahnya di seberang jalan, dekat masjid.".into()),
            ),
        ],
        note: String::new(),
        photo: None,
    };
    let as_command = |tablet: &mut Tablet, at: u64, record: uuid::Uuid, c: VisitCommand| {
        tablet.change(at, FamilyId(record), vec![visit_command(&c)])
    };

    // The desa operator may not record a visit; a dispute without a useful note is refused.
    let desa = app.login("op.lombangdajah").await;
    let mut op_tablet = Tablet::new(1, "op.lombangdajah");
    let wrong_role = as_command(
        &mut op_tablet,
        1_000,
        visit_id,
        VisitCommand::Record(visit.clone()),
    );
    let (_, refused) = push(&app, &desa, &[wrong_role]).await;
    assert!(
        outcomes(&refused)[0]["Refused"]["reason"]
            .as_str()
            .unwrap()
            .contains("pendamping")
    );
    let tksk = app.login("tksk.blega").await;
    let mut verifier = Tablet::new(2, "tksk.blega");
    let mut vague = visit.clone();
    vague.checks[1].1 = Verdict::Disputed("salah".into());
    let vague = as_command(&mut verifier, 2_000, visit_id, VisitCommand::Record(vague));
    let (_, refused) = push(&app, &tksk, &[vague]).await;
    assert!(
        outcomes(&refused)[0]["Refused"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("Tulis apa yang tidak sesuai")
    );

    // Recorded once, even when sent twice.
    let record = as_command(
        &mut verifier,
        3_000,
        visit_id,
        VisitCommand::Record(visit.clone()),
    );
    let (status, first) = push(&app, &tksk, std::slice::from_ref(&record)).await;
    assert_eq!(status, 200);
    assert_eq!(outcomes(&first)[0], json!({ "Accepted": { "seq": 0 } }));
    let (_, again) = push(&app, &tksk, &[record]).await;
    assert_eq!(outcomes(&again)[0], json!({ "Duplicate": { "seq": 0 } }));
    let listed: Value = app
        .get_json(&desa, &format!("{}?region=35.26.15.2012", r::VISITS))
        .await;
    let visits = listed["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0]["by"], "tksk.blega");
    assert!(visits[0]["resolution"].is_null());
    let other_desa: Value = app
        .get_json(&tksk, &format!("{}?region=35.26.15.2004", r::VISITS))
        .await;
    assert!(other_desa["visits"].as_array().unwrap().is_empty());

    // The verifier may not answer their own dispute; the desa operator does, with a reason.
    let self_answer = as_command(
        &mut verifier,
        4_000,
        visit_id,
        VisitCommand::Answer("Sudah saya perbaiki sendiri.".into()),
    );
    let (_, refused) = push(&app, &tksk, &[self_answer]).await;
    assert!(
        outcomes(&refused)[0]["Refused"]["reason"]
            .as_str()
            .unwrap()
            .contains("operator desa")
    );
    let answer = as_command(
        &mut op_tablet,
        5_000,
        visit_id,
        VisitCommand::Answer("Titik rumah sudah dipindah ke seberang jalan.".into()),
    );
    let (_, answered) = push(&app, &desa, &[answer]).await;
    assert_eq!(outcomes(&answered)[0], json!({ "Accepted": { "seq": 0 } }));
    let listed: Value = app
        .get_json(&tksk, &format!("{}?region=35.26.15", r::VISITS))
        .await;
    assert_eq!(listed["visits"][0]["resolution"]["by"], "op.lombangdajah");
}
