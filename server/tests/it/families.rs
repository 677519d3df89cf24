//! Saving families over HTTP: scope and role, the domain checks in the answer, NIK ganda told to
//! both desa, and bad input refused without changing anything.

use crate::helpers::spawn_app;
use serde_json::{Value, json};
use tepat_domain::Family;
use tepat_protocol::routes as r;
use tepat_server::store::Store;

fn demo_family(desa: &str) -> Family {
    tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == desa)
        .unwrap()
}

fn as_json(family: &Family) -> Value {
    serde_json::to_value(family).unwrap()
}

async fn put(
    client: &reqwest::Client,
    app: &crate::helpers::TestApp,
    id: &str,
    body: &Value,
) -> (u16, Value) {
    let response = client
        .put(app.url(&r::FAMILY.replace("{id}", id)))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn an_operator_corrects_a_family_of_their_desa_and_sees_the_checks() {
    let app = spawn_app().await;
    let client = app.login("op.lombangdajah").await;
    let mut family = demo_family("35.26.15.2012");
    family.address.street = "Jl. Raya Blega No. 7".into();
    family.members[0].mother_name = String::new();
    let id = family.id.to_string();
    let (status, body) = put(&client, &app, &id, &as_json(&family)).await;
    assert_eq!(status, 200, "{body}");
    let findings = body["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{body}");
    assert_eq!(findings[0]["severity"], "Error");
    assert_eq!(findings[0]["field"], "MotherName");
    assert_eq!(findings[0]["member"], 0);
    // Saved even with an error: nothing typed is lost.
    let stored = app.store.family(family.id).unwrap().unwrap();
    assert_eq!(stored.address.street, "Jl. Raya Blega No. 7");
    assert!(stored.demo, "the server keeps the demo mark");
    let audit = app.store.recent_audit(1).unwrap();
    assert_eq!(audit[0].actor, "op.lombangdajah");
    assert_eq!(
        audit[0].action,
        tepat_server::store::AuditAction::FamilySaved
    );
    // With the role, the device, the family, and the changed parts before and after.
    assert_eq!(audit[0].role, Some(tepat_domain::Role::OperatorDesa));
    assert_eq!(audit[0].device.as_deref(), Some("web daring"));
    assert_eq!(audit[0].family, Some(family.id));
    let before = audit[0].before.as_deref().unwrap();
    let after = audit[0].after.as_deref().unwrap();
    assert!(!before.contains("Jl. Raya Blega No. 7"), "{before}");
    assert!(after.contains("alamat Jl. Raya Blega No. 7"), "{after}");
    assert!(
        after.contains(&format!("(diubah: {})", family.members[0].name)),
        "{after}"
    );
    assert!(!after.contains("pin"), "the pin did not change: {after}");
}

#[tokio::test]
async fn nik_ganda_is_told_to_both_desa_once() {
    let app = spawn_app().await;
    let lombang = demo_family("35.26.15.2012");
    let mut newcomer = demo_family("35.26.15.2004");
    newcomer.id = tepat_domain::FamilyId(uuid::Uuid::now_v7());
    newcomer.members.truncate(1);
    newcomer.members[0] = lombang.members[0].clone();
    let alas = app.login("op.alasraja").await;
    let (status, body) = put(&alas, &app, &newcomer.id.to_string(), &as_json(&newcomer)).await;
    assert_eq!(status, 200, "{body}");
    let clashes = body["nik_clashes"].as_array().unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0]["other_desa"]["name"], "Lombang Dajah");
    assert!(clashes[0]["nik_masked"].as_str().unwrap().contains('•'));

    let notifications = |client: reqwest::Client| {
        let app = &app;
        async move {
            let list: Value = app.get_json(&client, r::NOTIFICATIONS).await;
            // About families (the computed ones, e.g. an overdue musdes, name none).
            list["notifications"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| !n["family"].is_null())
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    let told_lombang = notifications(app.login("op.lombangdajah").await).await;
    assert_eq!(told_lombang.len(), 1);
    assert!(
        told_lombang[0]["message"]
            .as_str()
            .unwrap()
            .contains("Desa Alas Rajah")
    );
    assert_eq!(notifications(alas.clone()).await.len(), 1);
    // The kecamatan sees both; another kecamatan's operator nothing.
    assert_eq!(notifications(app.login("kec.blega").await).await.len(), 2);

    // Both records are flagged in the lists of their desa.
    let flagged = |client: reqwest::Client, region: &'static str| {
        let app = &app;
        async move {
            let list: Value = app
                .get_json(&client, &format!("{}?region={region}", r::FAMILIES))
                .await;
            list["families"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["nik_ganda"] == true)
                .map(|f| f["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        flagged(app.login("op.lombangdajah").await, "35.26.15.2012").await,
        [lombang.id.to_string()]
    );
    assert_eq!(
        flagged(alas.clone(), "35.26.15.2004").await,
        [newcomer.id.to_string()]
    );

    // Saving again reports the clash but does not notify twice.
    let (_, body) = put(&alas, &app, &newcomer.id.to_string(), &as_json(&newcomer)).await;
    assert_eq!(body["nik_clashes"].as_array().unwrap().len(), 1);
    assert_eq!(notifications(alas).await.len(), 1);
}

#[tokio::test]
async fn writes_outside_scope_or_role_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let lombang = demo_family("35.26.15.2012");
    let id = lombang.id.to_string();
    let before = app.store.family(lombang.id).unwrap();

    // Another desa's operator, moving it into their own desa or not.
    let alas = app.login("op.alasraja").await;
    let (status, body) = put(&alas, &app, &id, &as_json(&lombang)).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("OutOfScope")));
    let mut moved = lombang.clone();
    moved.desa = tepat_domain::RegionCode::parse("35.26.15.2004").unwrap();
    let (status, _) = put(&alas, &app, &id, &as_json(&moved)).await;
    assert_eq!(
        status, 403,
        "taking a family from another desa needs scope there"
    );
    // Leaders read, they do not edit.
    let (status, body) = put(&app.login("bupati").await, &app, &id, &as_json(&lombang)).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("Forbidden")));

    // Bad input from an operator who may edit.
    let op = app.login("op.lombangdajah").await;
    let mut bad_nik = as_json(&lombang);
    bad_nik["members"][0]["nik"] = json!("3526153002000003");
    let mut far_away = lombang.clone();
    far_away.location.as_mut().unwrap().lat = 48.85;
    let mut crowded = lombang.clone();
    crowded.members = vec![lombang.members[0].clone(); 41];
    let mut other_id = lombang.clone();
    other_id.id = tepat_domain::FamilyId(uuid::Uuid::now_v7());
    let cases = [
        (bad_nik, "JSON tidak dapat dibaca"),
        (as_json(&far_away), "di luar wilayah Indonesia"),
        (as_json(&crowded), "paling banyak 40 anggota"),
        (
            as_json(&other_id),
            "ID keluarga di alamat dan di isian berbeda",
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = put(&op, &app, &id, &body).await;
        assert_eq!(status, 400, "{answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(expected),
            "{answer}"
        );
    }
    // A desa that does not exist, by a kabupaten operator.
    let mut nowhere = lombang.clone();
    nowhere.desa = tepat_domain::RegionCode::parse("35.26.15.2099").unwrap();
    let (status, answer) = put(&app.login("dinsos").await, &app, &id, &as_json(&nowhere)).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("tidak dikenal"),
        "{answer}"
    );

    assert_eq!(app.store.family(lombang.id).unwrap(), before);
}

#[tokio::test]
async fn a_person_without_nik_matching_someone_elsewhere_is_a_likely_duplicate() {
    let app = spawn_app().await;
    let lombang = demo_family("35.26.15.2012");
    // Alas Rajah registers a child of its own family with a temporary NIK, but with the name,
    // birth date, birth place and sex of a Lombang Dajah head ("Moh." written out).
    let mut alas_family = demo_family("35.26.15.2004");
    let mut copy = lombang.members[0].clone();
    copy.nik = tepat_domain::Nik::temporary(&alas_family.desa, 1).unwrap();
    copy.name = copy.name.replace("Moh.", "Mohammad");
    copy.relation = tepat_domain::Relation::Anak;
    alas_family.members.push(copy);
    let alas = app.login("op.alasraja").await;
    let (status, body) = put(
        &alas,
        &app,
        &alas_family.id.to_string(),
        &as_json(&alas_family),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let duplicates = body["likely_duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 1, "{body}");
    assert_eq!(duplicates[0]["other_desa"]["name"], "Lombang Dajah");
    assert_eq!(body["nik_clashes"], json!([]));
    let lombang_operator = app.login("op.lombangdajah").await;
    let list = app.get_json(&lombang_operator, r::NOTIFICATIONS).await;
    let messages: Vec<&str> = list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| !n["family"].is_null())
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].starts_with("Kemungkinan data ganda:"),
        "{messages:?}"
    );
    assert!(messages[0].contains("Desa Alas Rajah"));
}
