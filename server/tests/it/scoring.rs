//! Scores over HTTP: a family's explained score with its rank and local decile, a new scheme
//! version re-scoring everything while the old version's results stay visible, and refusals.

use crate::helpers::spawn_app;
use serde_json::Value;
use tepat_domain::instrument::{Floor, Question};
use tepat_domain::scoring::{RuleTarget, ScoringScheme};
use tepat_protocol::routes as r;

fn family_with_earth_floor(desa: &str) -> String {
    tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == desa && f.instrument.floor == Some(Floor::Earth))
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn a_family_score_is_explained_ranked_and_survives_a_scheme_change() {
    let app = spawn_app().await;
    let family = family_with_earth_floor("35.26.15.2012");
    let path = r::FAMILY_SCORE.replace("{id}", &family);
    let operator = app.login("op.lombangdajah").await;
    let before: Value = app.get_json(&operator, &path).await;
    let current = &before["current"];
    assert_eq!(current["result"]["scheme_version"], 1);
    assert_eq!(current["ranked_among"], 500);
    let decile = current["local_decile"].as_u64().unwrap();
    assert!((1..=10).contains(&decile));
    let lines = current["result"]["lines"].as_array().unwrap();
    let sum: i64 = lines.iter().map(|l| l["points"].as_i64().unwrap()).sum();
    assert_eq!(sum, current["result"]["total"].as_i64().unwrap());
    assert!(lines.iter().any(|l| l["question"] == "Jenis lantai terluas"
        && l["answer"] == "Tanah"
        && l["points"] == 10));
    assert_eq!(before["earlier"], Value::Array(vec![]));

    // The Dinas weighs earth floors more heavily: version 2.
    let mut scheme = ScoringScheme::default_v1();
    scheme.version = 2;
    scheme.name = "Bobot lantai tanah dinaikkan".into();
    for rule in &mut scheme.rules {
        if rule.target == RuleTarget::Answer(Question::Floor, "Earth".into()) {
            rule.points = 30;
        }
    }
    let dinsos = app.login("dinsos").await;
    let saved: Value = dinsos
        .put(app.url(r::SCORING))
        .json(&scheme)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["families_rescored"], 500);

    let after: Value = app.get_json(&operator, &path).await;
    assert_eq!(after["current"]["result"]["scheme_version"], 2);
    assert_eq!(
        after["current"]["result"]["total"].as_i64().unwrap(),
        current["result"]["total"].as_i64().unwrap() + 20
    );
    // The old version's result is still there to compare.
    assert_eq!(after["earlier"][0]["result"]["scheme_version"], 1);
    assert_eq!(
        after["earlier"][0]["result"]["total"],
        current["result"]["total"]
    );
    let in_force: Value = app.get_json(&operator, r::SCORING).await;
    assert_eq!(in_force["version"], 2);
}

#[tokio::test]
async fn scheme_changes_are_checked_and_reserved_to_the_dinas() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let mut skipping = ScoringScheme::default_v1();
    skipping.version = 3;
    let response = dinsos
        .put(app.url(r::SCORING))
        .json(&skipping)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Versi skema baru harus 2 (versi yang berlaku 1)."
    );

    let mut invalid = ScoringScheme::default_v1();
    invalid.version = 2;
    invalid.kepmensos_threshold = 9;
    let body: Value = dinsos
        .put(app.url(r::SCORING))
        .json(&invalid)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["message"],
        "Skema skor tidak sah: ambang kriteria Kepmensos harus 1 sampai 8."
    );

    let mut fine = ScoringScheme::default_v1();
    fine.version = 2;
    let response = app
        .login("bupati")
        .await
        .put(app.url(r::SCORING))
        .json(&fine)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // Nothing changed: version 1 is still in force.
    let scheme: Value = app.get_json(&dinsos, r::SCORING).await;
    assert_eq!(scheme["version"], 1);
}
