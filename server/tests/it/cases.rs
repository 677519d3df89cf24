//! Citizens' cases for operators over HTTP: the inbox in scope (another desa's operator sees
//! none and gets 404 for one), the Dinas reads but cannot act, visit → link → decide with audit
//! entries and no phone in them, and each refusal leaving the case as it was: deciding before a
//! visit, a file not uploaded whole, a family of another desa, a proposal of another family,
//! deciding twice.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tepat_protocol::routes as r;
use tepat_server::demo_cases::demo_case;
use tepat_server::store::{AuditSubject, Store};

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hash(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let response = client.post(app.url(path)).json(&body).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, Value) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Uploads `bytes` as a file of case `id` in `chunks` pieces, stopping after `send` of them.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    id: &uuid::Uuid,
    bytes: &[u8],
    send: usize,
) -> u16 {
    let half = bytes.len() / 2;
    let pieces = [(0, &bytes[..half]), (half, &bytes[half..])];
    let mut status = 0;
    for (offset, piece) in pieces.into_iter().take(send) {
        let path = format!(
            "{}?offset={offset}&total={}",
            r::case_file_path(id, &hex(bytes)),
            bytes.len()
        );
        status = client
            .put(app.url(&path))
            .body(piece.to_vec())
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    status
}

fn jpeg(n: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, n];
    bytes.extend(std::iter::repeat_n(n, 3000));
    bytes
}

fn today(app: &TestApp) -> String {
    tepat_server::clock::Clock::now(app.clock.as_ref())
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(7)))
        .date()
        .to_string()
}

fn codes(list: &Value) -> Vec<String> {
    list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_inbox_is_scoped_and_dinas_reads_without_acting() {
    let app = spawn_app().await;
    let (lombang_case, lombang_code) = demo_case(0);
    let (_, alas_code) = demo_case(5);
    let op = app.login("op.lombangdajah").await;
    let (status, list) = get(&app, &op, r::CASES).await;
    assert_eq!(status, 200);
    let seen = codes(&list);
    assert_eq!(seen.len(), 5, "Lombang Dajah's five: {seen:?}");
    assert!(seen.contains(&lombang_code.to_string()));
    assert!(!seen.contains(&alas_code.to_string()));
    assert_eq!(
        (
            list["new"].as_u64(),
            list["visited"].as_u64(),
            list["decided"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    let times: Vec<&str> = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["filed_at"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    let duplicates: Vec<bool> = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "Usul")
        .map(|c| c["maybe_duplicate"].as_bool().unwrap())
        .collect();
    assert_eq!(
        duplicates.iter().filter(|d| **d).count(),
        1,
        "one usul flagged"
    );
    let (_, sanggahs) = get(&app, &op, &format!("{}?kind=sanggah&state=baru", r::CASES)).await;
    assert_eq!(codes(&sanggahs), [lombang_code.to_string()]);
    let (status, _) = get(&app, &op, &format!("{}?state=x", r::CASES)).await;
    assert_eq!(status, 400);

    // Another desa's operator: none of these, 404 for one, 403 for the region.
    let alas = app.login("op.alasraja").await;
    let (_, list) = get(&app, &alas, r::CASES).await;
    assert_eq!(codes(&list), [alas_code.to_string()]);
    let (status, _) = get(&app, &alas, &r::case_path(&lombang_case)).await;
    assert_eq!(status, 404);
    let (status, _) = get(&app, &alas, &format!("{}?region=35.26.15.2012", r::CASES)).await;
    assert_eq!(status, 403);
    let visit = json!({ "Visit": { "on": today(&app), "note": "Rumah dikunjungi langsung.", "photo": null } });
    let (status, _) = post(&app, &alas, &r::case_path(&lombang_case), visit.clone()).await;
    assert_eq!(status, 404);

    // The kecamatan sees both desa; the Dinas reads, with no phone, and cannot act.
    let kec = app.login("kec.blega").await;
    let (_, list) = get(&app, &kec, r::CASES).await;
    assert_eq!(codes(&list).len(), 6);
    let (_, view) = get(&app, &kec, &r::case_path(&lombang_case)).await;
    assert!(view["phone"].is_string(), "the kecamatan calls back");
    let dinsos = app.login("dinsos").await;
    let (status, view) = get(&app, &dinsos, &r::case_path(&lombang_case)).await;
    assert_eq!(status, 200);
    assert!(view["phone"].is_null(), "the Dinas does not see the phone");
    assert_eq!(view["may_visit"], false);
    let (status, _) = post(&app, &dinsos, &r::case_path(&lombang_case), visit).await;
    assert_eq!(status, 403);
    let admin = app.login("admin").await;
    let (status, _) = get(&app, &admin, r::CASES).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_sanggah_is_visited_linked_and_decided_with_audit_and_refusals() {
    let app = spawn_app().await;
    let (id, code) = demo_case(0);
    let path = r::case_path(&id);
    let op = app.login("op.lombangdajah").await;
    let (_, view) = get(&app, &op, &path).await;
    assert_eq!(view["line"]["state"], "New");
    assert!(view["phone"].as_str().unwrap().starts_with("08"));
    let candidate = view["candidates"][0].clone();
    let family = candidate["id"].as_str().unwrap().to_owned();
    assert!(
        candidate["nik_masked"].as_str().unwrap().contains('•'),
        "candidates' NIK masked: {candidate}"
    );

    // Decide before a visit: refused, nothing changed.
    let decide = |proposal: Value, evidence: Value| {
        json!({ "Decide": {
            "outcome": "Confirmed",
            "note": "Mobil pikap atas nama kepala keluarga, dilihat di halaman.",
            "evidence": evidence,
            "proposal": proposal,
        } })
    };
    let (status, answer) = post(&app, &op, &path, decide(Value::Null, Value::Null)).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().contains("Kunjungi"),
        "{answer}"
    );

    // A visit photo only half uploaded: refused; whole: taken.
    let photo = jpeg(1);
    assert_eq!(upload(&app, &op, &id, &photo, 1).await, 200);
    let visit = json!({ "Visit": { "on": today(&app), "note": "Ada mobil pikap di halaman rumah.", "photo": hash(&photo) } });
    let (status, answer) = post(&app, &op, &path, visit.clone()).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().contains("utuh"),
        "{answer}"
    );
    assert_eq!(get(&app, &op, &path).await.1["line"]["state"], "New");
    // A Pendamping of the kecamatan may record the visit; a short note is refused.
    let tksk = app.login("tksk.blega").await;
    let short = json!({ "Visit": { "on": today(&app), "note": "ada", "photo": null } });
    assert_eq!(post(&app, &tksk, &path, short).await.0, 400);
    // The rest of the photo, then the visit.
    let rest = format!(
        "{}?offset={}&total={}",
        r::case_file_path(&id, &hex(&photo)),
        photo.len() / 2,
        photo.len()
    );
    let put = op
        .put(app.url(&rest))
        .body(photo[photo.len() / 2..].to_vec());
    assert_eq!(put.send().await.unwrap().status().as_u16(), 200);
    let (status, view) = post(&app, &op, &path, visit).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["line"]["state"], "Visited");
    // The photo is served within scope only.
    let file = r::case_file_path(&id, &hex(&photo));
    assert_eq!(op.get(app.url(&file)).send().await.unwrap().status(), 200);
    let alas = app.login("op.alasraja").await;
    assert_eq!(alas.get(app.url(&file)).send().await.unwrap().status(), 404);

    // A family of another desa: refused. The Pendamping links the candidate.
    let other = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == "35.26.15.2004")
        .unwrap();
    let (status, answer) = post(
        &app,
        &tksk,
        &path,
        json!({ "Link": { "family": other.id } }),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().contains("desa lain"),
        "{answer}"
    );
    let (status, view) = post(&app, &tksk, &path, json!({ "Link": { "family": family } })).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["family"]["id"], family.as_str());
    // The Pendamping may not decide.
    assert_eq!(
        post(&app, &tksk, &path, decide(Value::Null, Value::Null))
            .await
            .0,
        403
    );

    // A proposal of another family: refused. A deactivation proposal of the linked one: taken.
    let (_, someone) = post(
        &app,
        &op,
        r::PROPOSALS,
        json!({ "family": view["candidates"].as_array().unwrap().iter()
            .map(|c| c["id"].clone()).find(|c| c != family.as_str())
            .unwrap_or_else(|| json!(tepat_server::demo::families().into_iter()
                .find(|f| f.desa.as_str() == "35.26.15.2012" && f.id.to_string() != family)
                .unwrap().id)),
            "kind": "NewFamily" }),
    )
    .await;
    let wrong = someone["id"].clone();
    assert!(wrong.is_string(), "{someone}");
    let evidence = jpeg(2);
    assert_eq!(upload(&app, &op, &id, &evidence, 2).await, 200);
    let (status, answer) = post(&app, &op, &path, decide(wrong, json!(hash(&evidence)))).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().contains("bukan milik"),
        "{answer}"
    );
    let (status, created) = post(
        &app,
        &op,
        r::PROPOSALS,
        json!({ "family": family, "kind": { "Deactivation": "NotEligible" } }),
    )
    .await;
    assert!((200..300).contains(&status), "{created}");
    let (status, view) = post(
        &app,
        &op,
        &path,
        decide(created["id"].clone(), json!(hash(&evidence))),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["line"]["state"], "Decided");
    assert_eq!(view["decision"]["proposal"], created["id"]);
    assert_eq!(
        op.get(app.url(&r::case_file_path(&id, &hex(&evidence))))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Twice: refused.
    let (status, answer) = post(&app, &op, &path, decide(Value::Null, Value::Null)).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("sudah diputuskan")
    );

    // The trail: visit, link, decision, none with the reporter's phone.
    let phone = get(&app, &op, &path).await.1["phone"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut actions = Vec::new();
    for user in ["op.lombangdajah", "tksk.blega"] {
        for (_, entry) in app
            .store
            .audit_of(&AuditSubject::User(user.into()), None, 100)
            .unwrap()
        {
            if entry.detail.contains(code.as_str()) {
                assert!(!entry.detail.contains(&phone));
                actions.push(entry.action);
            }
        }
    }
    use tepat_protocol::AuditAction::*;
    for action in [CaseVisited, CaseLinked, CaseDecided] {
        assert!(actions.contains(&action), "{action:?} in {actions:?}");
    }
    let stored = app.store.case(id).unwrap().unwrap();
    assert_eq!(stored.family.unwrap().to_string(), family);
}
