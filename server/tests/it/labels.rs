//! Labelling recipient houses over sync: only the desa's own operator, only a PKH/BPNT family,
//! not a future day, only with the photo whole on the server; an accepted label is audited,
//! listed for the desa's tablets and counted in the leaders' table beside the cases.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use tepat_domain::cases::{
    Case, CaseCode, CaseKind, CaseSubject, Labelling, ObjectionReason, Sanggah,
};
use tepat_domain::{Family, FamilyId};
use tepat_protocol::labels::{LabelCommand, label_command};
use tepat_protocol::routes as r;
use tepat_server::blobs::BlobHash;
use tepat_server::store::{AuditAction, AuditEntry, AuditSubject, Store};
use tepat_sync::{Change, ChangeId, DeviceId, Hlc};

const LOMBANG: &str = "35.26.15.2012";

fn recipient(desa: &str, receives: bool) -> Family {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .find(|f| tepat_server::labels::receives_bansos_answer(f) == receives)
        .unwrap()
}

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
    bytes.extend((0..5_000).map(|i| (i * 7 % 251) as u8));
    bytes
}

async fn upload(app: &TestApp, client: &reqwest::Client, photo: &[u8]) {
    let path = format!(
        "{}?offset=0&total={}",
        r::PHOTO.replace("{hash}", &BlobHash::of(photo).hex()),
        photo.len()
    );
    let response = client
        .put(app.url(&path))
        .header("content-type", "application/octet-stream")
        .header("accept", "application/json")
        .body(photo.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn label(n: u128, user: &str, family: FamilyId, on: jiff::civil::Date, photo: &[u8]) -> Change {
    let device = DeviceId(uuid::Uuid::from_u128(77));
    Change {
        id: ChangeId(uuid::Uuid::from_u128(0x0001_abe1_0000 + n)),
        device,
        user: user.into(),
        stamp: Hlc {
            wall_ms: 1_000 * n as u64,
            counter: 0,
            device,
        },
        record: family.0,
        writes: vec![label_command(&LabelCommand::Record {
            on,
            photo: BlobHash::of(photo).0,
        })],
    }
}

/// Pushes one change; the refusal reason, or none when accepted.
async fn push(app: &TestApp, client: &reqwest::Client, change: Change) -> Option<String> {
    let body: Value = client
        .post(app.url(r::SYNC_PUSH))
        .json(&json!({ "changes": [change] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let outcome = &body["acks"][0]["outcome"];
    if outcome.get("Accepted").is_some() {
        return None;
    }
    Some(
        outcome["Refused"]["reason"]
            .as_str()
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned(),
    )
}

#[tokio::test]
async fn only_the_desa_operator_labels_a_recipient_house_with_its_photo() {
    let app = spawn_app().await;
    let today = jiff::civil::date(2026, 11, 23);
    let house = recipient(LOMBANG, true);
    let photo = jpeg();
    let lombang = app.login("op.lombangdajah").await;
    let alasraja = app.login("op.alasraja").await;

    let missing = push(
        &app,
        &lombang,
        label(1, "op.lombangdajah", house.id, today, &photo),
    )
    .await
    .expect("refused without the photo");
    assert!(missing.contains("Foto"), "{missing}");
    upload(&app, &lombang, &photo).await;

    let foreign = push(
        &app,
        &alasraja,
        label(2, "op.alasraja", house.id, today, &photo),
    )
    .await
    .expect("another desa's operator is refused");
    assert!(foreign.contains("luar desa Anda"), "{foreign}");
    let not_recipient = recipient(LOMBANG, false);
    let refused = push(
        &app,
        &lombang,
        label(3, "op.lombangdajah", not_recipient.id, today, &photo),
    )
    .await
    .expect("a non-recipient is refused");
    assert!(refused.contains("tidak tercatat menerima PKH"), "{refused}");
    let future = push(
        &app,
        &lombang,
        label(
            4,
            "op.lombangdajah",
            house.id,
            today.tomorrow().unwrap(),
            &photo,
        ),
    )
    .await
    .expect("a future day is refused");
    assert!(future.contains("setelah hari ini"), "{future}");
    assert!(app.store.labelling(house.id).unwrap().is_none());

    assert_eq!(
        push(
            &app,
            &lombang,
            label(5, "op.lombangdajah", house.id, today, &photo)
        )
        .await,
        None
    );
    let saved = app.store.labelling(house.id).unwrap().unwrap();
    assert_eq!((saved.on, saved.by.as_str()), (today, "op.lombangdajah"));
    let trail = app
        .store
        .audit_of(&AuditSubject::Family(house.id), None, 10)
        .unwrap();
    let (_, entry) = trail
        .iter()
        .find(|(_, e)| e.action == AuditAction::HouseLabelled)
        .expect("audited");
    assert_eq!(entry.actor, "op.lombangdajah");
    assert_eq!(entry.before.as_deref(), Some("belum dilabel"));
    assert_eq!(entry.after.as_deref(), Some("dilabel 23 Nov 2026"));

    // The photo is served within the desa's scope (the kecamatan's too), not to another desa.
    let photo_path = r::PHOTO.replace("{hash}", &BlobHash::of(&photo).hex());
    let kecamatan = app.login("kec.blega").await;
    let served = kecamatan.get(app.url(&photo_path)).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.bytes().await.unwrap().as_ref(), photo.as_slice());
    let foreign = alasraja.get(app.url(&photo_path)).send().await.unwrap();
    assert_eq!(foreign.status(), 404);

    // The desa's tablets list it; another desa's operator does not see it.
    let listed = app
        .get_json(&lombang, &format!("{}?region={LOMBANG}", r::LABELS))
        .await;
    assert_eq!(listed["labellings"].as_array().unwrap().len(), 1);
    let elsewhere = app.get_json(&alasraja, r::LABELS).await;
    assert!(elsewhere["labellings"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_table_counts_recipients_labelled_and_cases_per_desa() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let recipients = tepat_server::demo::families()
        .iter()
        .filter(|f| f.desa.as_str() == LOMBANG && tepat_server::labels::receives_bansos_answer(f))
        .count();
    assert!(recipients >= 2, "the demo has recipients in Lombang Dajah");
    let house = recipient(LOMBANG, true);
    let at: jiff::Timestamp = "2026-11-23T03:00:00Z".parse().unwrap();
    let entry = AuditEntry::new(at, "sistem", AuditAction::HouseLabelled, "uji");
    app.store
        .save_labelling(
            &Labelling {
                family: house.id,
                desa: house.desa.clone(),
                on: jiff::civil::date(2026, 11, 20),
                photo: [1; 32],
                by: "op.lombangdajah".into(),
                recorded_at: at,
            },
            &entry,
            None,
        )
        .unwrap();
    // The demo's own cases are counted too: the two below come on top of them.
    let count = |region: &str| {
        let cases = app.store.cases_in(&region.parse().unwrap()).unwrap();
        let of = |kind: CaseKind| {
            let all: Vec<_> = cases.iter().filter(|c| c.kind() == kind).collect();
            let open = all
                .iter()
                .filter(|c| c.state() != tepat_domain::cases::CaseState::Decided)
                .count() as u64;
            (open, all.len() as u64)
        };
        (of(CaseKind::Sanggah), of(CaseKind::Usul))
    };
    let ((sanggah_open, sanggah_total), (usul_open, usul_total)) = count(LOMBANG);
    let ((_, blega_sanggah), _) = count("35.26.15");
    for (n, decided) in [(1u8, false), (2, true)] {
        let mut case = Case {
            id: uuid::Uuid::from_u128(u128::from(n)),
            code: CaseCode::from_random(CaseKind::Sanggah, [n, 2, 3, 4, 5, 6, 7, 8]),
            desa: house.desa.clone(),
            filed_at: at,
            subject: CaseSubject::Sanggah(Sanggah {
                named: "Moh. Hasan".into(),
                dusun: "Dajah".into(),
                reason: ObjectionReason::OwnsCar,
                detail: "Punya mobil Avanza hitam.".into(),
            }),
            phone: None,
            matches: vec![],
            family: None,
            visit: None,
            decision: None,
        };
        if decided {
            case.record_visit(
                tepat_domain::cases::CaseVisit {
                    on: jiff::civil::date(2026, 11, 20),
                    by: "op.lombangdajah".into(),
                    note: "Mobil milik anak di Surabaya.".into(),
                    photo: None,
                    recorded_at: at,
                },
                jiff::civil::date(2026, 11, 23),
            )
            .unwrap();
            case.link_family(Some(house.id)).unwrap();
            case.decide(tepat_domain::cases::CaseDecision {
                outcome: tepat_domain::cases::Outcome::NotConfirmed,
                note: "Mobil milik anak yang tinggal di Surabaya.".into(),
                evidence: None,
                proposal: None,
                by: "op.lombangdajah".into(),
                at,
            })
            .unwrap();
        }
        app.store
            .save_case(&case, std::slice::from_ref(&entry), &[])
            .unwrap();
    }

    let table = app
        .get_json(
            &dinsos,
            &format!("{}?level=desa&within=35.26.15", r::SPREAD_REGIONS),
        )
        .await;
    let row = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["code"] == LOMBANG)
        .unwrap()
        .clone();
    assert_eq!(row["recipients"], recipients as u64);
    assert_eq!(row["labelled"], 1);
    assert_eq!(
        (row["sanggah_open"].clone(), row["sanggah_total"].clone()),
        (json!(sanggah_open + 1), json!(sanggah_total + 2))
    );
    assert_eq!(
        (row["usul_open"].clone(), row["usul_total"].clone()),
        (json!(usul_open), json!(usul_total))
    );
    assert_eq!(table["total"]["labelled"], 1);
    let kecamatan = app
        .get_json(&dinsos, &format!("{}?level=kecamatan", r::SPREAD_REGIONS))
        .await;
    let blega = kecamatan["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["code"] == "35.26.15")
        .unwrap()
        .clone();
    assert_eq!(blega["sanggah_total"], blega_sanggah + 2);
    assert!(blega["recipients"].as_u64().unwrap() > recipients as u64);
}
