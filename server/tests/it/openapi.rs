//! The served OpenAPI document: public, OpenAPI 3.1, exactly the routes of `routes::ALL`, every
//! `$ref` resolving, and real answers of the running server valid against the schemas it
//! documents for them (a wrong schema is refused, so the check can fail).

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use tepat_protocol::routes as r;

async fn document(app: &TestApp) -> Value {
    let response = app.client().get(app.url(r::OPENAPI)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    response.json().await.unwrap()
}

/// A validator for `schema` (a part of `doc`) whose `#/components/...` references resolve.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    jsonschema::validator_for(&root).unwrap()
}

/// The JSON schema of `route`'s answer with `status` to `method`.
fn answer_schema<'a>(doc: &'a Value, method: &str, route: &str, status: u16) -> &'a Value {
    let schema = &doc["paths"][route][method.to_lowercase()]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "{method} {route} documents no JSON answer for {status}"
    );
    schema
}

fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                found.push(reference);
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_lists_exactly_the_routes_and_its_references_resolve() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let all: BTreeSet<(String, String)> = r::ALL
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented, all, "the document lists exactly routes::ALL");

    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 100, "the wire types are referenced by name");
    for reference in found {
        let pointer = reference.strip_prefix('#').unwrap();
        assert!(doc.pointer(pointer).is_some(), "{reference} resolves");
    }
    // The session cookie is the scheme; the public routes need none.
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["name"],
        r::SESSION_COOKIE
    );
    assert_eq!(doc["paths"][r::LOGIN]["post"]["security"], json!([]));
    assert!(doc["paths"][r::ME]["get"]["security"].is_null());
    // serde's shape, not Rust's: a tagged enum's variants and a renamed field.
    let error_code = &doc["components"]["schemas"]["ErrorCode"];
    assert!(
        error_code.to_string().contains("\"StepRefused\""),
        "{error_code}"
    );
}

#[tokio::test]
async fn real_answers_match_the_document() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let dinsos = app.login("dinsos").await;
    let desa = app.login("op.lombangdajah").await;
    let admin = app.login("admin").await;

    let families = app.get_json(&dinsos, r::FAMILIES).await;
    let family = families["families"][0]["id"].as_str().unwrap().to_owned();
    let cases = app.get_json(&dinsos, r::CASES).await;
    let case = cases["cases"][0]["id"].as_str().unwrap().to_owned();
    let family_path = r::FAMILY.replace("{id}", &family);
    let reads = [
        (&dinsos, r::ME, r::ME.to_owned()),
        (&dinsos, r::CONFIG, r::CONFIG.to_owned()),
        (&dinsos, r::REGIONS, r::REGIONS.to_owned()),
        (&dinsos, r::FAMILIES, r::FAMILIES.to_owned()),
        (&dinsos, r::FAMILY, family_path.clone()),
        (&dinsos, r::FAMILY_SCORE, format!("{family_path}/score")),
        (&dinsos, r::PROPOSALS, r::PROPOSALS.to_owned()),
        (&dinsos, r::WINDOWS, r::WINDOWS.to_owned()),
        (&dinsos, r::QUOTA, r::QUOTA.replace("{programme}", "PKH")),
        (&dinsos, r::SCORING, r::SCORING.to_owned()),
        (&dinsos, r::WINDOW_POLICY, r::WINDOW_POLICY.to_owned()),
        (&dinsos, r::MUSDES_LIST, r::MUSDES_LIST.to_owned()),
        (&dinsos, r::NATIONAL_BATCH, r::NATIONAL_BATCH.to_owned()),
        (&dinsos, r::QUEUE, r::QUEUE.to_owned()),
        (&dinsos, r::LABELS, r::LABELS.to_owned()),
        (&dinsos, r::CASES, r::CASES.to_owned()),
        (&dinsos, r::CASE, r::CASE.replace("{id}", &case)),
        (&dinsos, r::LOCI_DESA, r::LOCI_DESA.to_owned()),
        (&dinsos, r::AUDIT, format!("{}?family={family}", r::AUDIT)),
        (
            &dinsos,
            r::SPREAD_CLUSTERS,
            format!(
                "{}?west=112.6&south=-7.2&east=113.2&north=-6.8&zoom=11",
                r::SPREAD_CLUSTERS
            ),
        ),
        (
            &dinsos,
            r::SPREAD_REGIONS,
            format!("{}?level=kecamatan", r::SPREAD_REGIONS),
        ),
        (
            &dinsos,
            r::SPREAD_FAMILIES,
            format!("{}?page=0", r::SPREAD_FAMILIES),
        ),
        (&desa, r::NOTIFICATIONS, r::NOTIFICATIONS.to_owned()),
        (&desa, r::VISITS, r::VISITS.to_owned()),
        (&desa, r::SYNC_PULL, r::SYNC_PULL.to_owned()),
        (&admin, r::USERS, r::USERS.to_owned()),
    ];
    let mut failures = Vec::new();
    for (client, route, path) in reads {
        let response = client.get(app.url(&path)).send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        if status != 200 {
            failures.push(format!("GET {path}: {status} {body}"));
            continue;
        }
        let schema = answer_schema(&doc, "GET", route, 200);
        for error in validator(&doc, schema).iter_errors(&body) {
            failures.push(format!("GET {path}: {error} at {}", error.instance_path()));
        }
    }
    // An error answer has the documented ApiError shape.
    let refused = app.client().get(app.url(r::ME)).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    let body: Value = refused.json().await.unwrap();
    let schema = answer_schema(&doc, "GET", r::ME, 401);
    if let Err(error) = validator(&doc, schema).validate(&body) {
        failures.push(format!("401 of GET {}: {error}", r::ME));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The check can fail: a family list is not a session.
    let me = answer_schema(&doc, "GET", r::ME, 200);
    assert!(!validator(&doc, me).is_valid(&families));
}
