//! The leaders' spread map and table over HTTP on the demo kabupaten: clusters that add up to
//! the families in view whatever the zoom, single families when zoomed in, filters, scope (a
//! desa operator sees only the desa), refusals of bad viewports, a saved family showing at once,
//! and the table's rows adding up to its total.

use crate::helpers::{TestApp, spawn_app};
use serde_json::Value;
use tepat_protocol::routes as r;
use tepat_server::store::Store;

const KABUPATEN_VIEW: &str = "west=112.6&south=-7.35&east=113.3&north=-6.8";
const LOMBANG: &str = "35.26.15.2012";

async fn clusters(app: &TestApp, client: &reqwest::Client, query: &str) -> Value {
    let response = client
        .get(app.url(&format!("{}?{query}", r::SPREAD_CLUSTERS)))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "clusters?{query}: {body}");
    body
}

fn sum_counts(answer: &Value) -> u64 {
    answer["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum()
}

fn pinned_demo(desa: Option<&str>) -> u64 {
    tepat_server::demo::families()
        .iter()
        .filter(|f| f.location.is_some() && desa.is_none_or(|d| f.desa.as_str() == d))
        .count() as u64
}

#[tokio::test]
async fn clusters_add_up_at_every_zoom_and_split_into_families_when_zoomed_in() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let pinned = pinned_demo(None);
    assert!(pinned > 400, "the demo pins most houses");
    let mut previous = 0;
    for zoom in [9, 10, 12, 14] {
        let answer = clusters(&app, &dinsos, &format!("{KABUPATEN_VIEW}&zoom={zoom}")).await;
        assert_eq!(answer["matching"], 500);
        assert_eq!(answer["unpinned"].as_u64().unwrap(), 500 - pinned);
        assert_eq!(answer["in_view"].as_u64().unwrap(), pinned);
        assert_eq!(
            sum_counts(&answer),
            pinned,
            "zoom {zoom}: every family in one cluster"
        );
        let n = answer["clusters"].as_array().unwrap().len();
        assert!(
            n >= previous,
            "closer, more clusters ({previous} then {n} at {zoom})"
        );
        previous = n;
        for cluster in answer["clusters"].as_array().unwrap() {
            let parts: u64 = cluster["parts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_u64().unwrap())
                .sum();
            assert_eq!(parts, cluster["count"].as_u64().unwrap());
            assert_eq!(
                cluster["parts"].as_array().unwrap().len(),
                7,
                "status classes"
            );
        }
    }
    let zoomed_out = clusters(&app, &dinsos, &format!("{KABUPATEN_VIEW}&zoom=10")).await;
    let markers = zoomed_out["regions"].as_array().unwrap();
    assert_eq!(markers.len(), 5, "the five kecamatan of the 25 loci desa");
    assert!(markers.iter().all(|m| m["loci"] == true));
    let families: u64 = markers
        .iter()
        .map(|m| m["families"].as_u64().unwrap())
        .sum();
    assert_eq!(families, 500);

    // Zoomed in on one desa: every house on its own, with its family's id.
    let lombang: Vec<_> = tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == LOMBANG && f.location.is_some())
        .collect();
    let (mut s, mut w, mut n, mut e) = (90.0f64, 180.0f64, -90.0f64, -180.0f64);
    for f in &lombang {
        let pin = f.location.as_ref().unwrap();
        s = s.min(pin.lat);
        n = n.max(pin.lat);
        w = w.min(pin.lon);
        e = e.max(pin.lon);
    }
    let view = format!(
        "west={}&south={}&east={}&north={}&zoom=17&region={LOMBANG}",
        w - 0.0005,
        s - 0.0005,
        e + 0.0005,
        n + 0.0005
    );
    let close = clusters(&app, &dinsos, &view).await;
    let singles = close["clusters"].as_array().unwrap();
    assert_eq!(singles.len(), lombang.len());
    let mut ids: Vec<String> = singles
        .iter()
        .map(|c| {
            assert_eq!(c["count"], 1);
            c["family"].as_str().unwrap().to_owned()
        })
        .collect();
    ids.sort();
    let mut expected: Vec<String> = lombang.iter().map(|f| f.id.to_string()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(
        close["regions"].as_array().unwrap().is_empty(),
        "no markers this close"
    );
}

#[tokio::test]
async fn filters_count_what_they_say_and_scope_holds() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let families = tepat_server::demo::families();
    let scheme = tepat_server::policy::scoring(app.store.as_ref())
        .unwrap()
        .version;
    let extreme =
        families
            .iter()
            .filter(|f| {
                app.store.scores_of(f.id).unwrap().iter().any(|s| {
                    s.result.scheme_version == scheme && s.result.extreme_poor == Some(true)
                })
            })
            .count();
    assert!(extreme > 0);
    let answer = clusters(
        &app,
        &dinsos,
        &format!("{KABUPATEN_VIEW}&zoom=10&extreme=true"),
    )
    .await;
    assert_eq!(answer["matching"].as_u64().unwrap(), extreme as u64);
    let by_extreme = clusters(
        &app,
        &dinsos,
        &format!("{KABUPATEN_VIEW}&zoom=10&colour=extreme"),
    )
    .await;
    let extreme_in_parts: u64 = by_extreme["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["parts"][1].as_u64().unwrap())
        .sum();
    let extreme_pinned = clusters(
        &app,
        &dinsos,
        &format!("{KABUPATEN_VIEW}&zoom=10&extreme=true"),
    )
    .await["in_view"]
        .as_u64()
        .unwrap();
    assert_eq!(extreme_in_parts, extreme_pinned);

    // Deciles 1..=2 and below are fewer than all; a region filter narrows to one desa.
    let poorest = clusters(
        &app,
        &dinsos,
        &format!("{KABUPATEN_VIEW}&zoom=10&decile_max=2"),
    )
    .await;
    let n = poorest["matching"].as_u64().unwrap();
    assert!(n > 0 && n < 500, "{n}");
    let desa = clusters(
        &app,
        &dinsos,
        &format!("{KABUPATEN_VIEW}&zoom=10&region={LOMBANG}"),
    )
    .await;
    assert_eq!(desa["matching"], 20);

    // A desa operator sees its own desa only, and cannot ask for another.
    let operator = app.login("op.lombangdajah").await;
    let own = clusters(&app, &operator, &format!("{KABUPATEN_VIEW}&zoom=10")).await;
    assert_eq!(own["matching"], 20);
    assert_eq!(sum_counts(&own), pinned_demo(Some(LOMBANG)));
    let other = operator
        .get(app.url(&format!(
            "{}?{KABUPATEN_VIEW}&zoom=10&region=35.26.15.2004",
            r::SPREAD_CLUSTERS
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);

    // Bad viewports and filters are refused with words.
    for (query, words) in [
        ("west=113&south=-7&east=112&north=-6&zoom=10", "Batas peta"),
        ("west=112&south=-7&east=113&north=-6&zoom=25", "Zoom"),
        (
            "west=-180&south=-85&east=180&north=85&zoom=18",
            "terlalu besar",
        ),
        (
            "west=112&south=-7&east=113&north=-6&zoom=10&status=lost",
            "Status",
        ),
        (
            "west=112&south=-7&east=113&north=-6&zoom=10&decile_max=11",
            "Desil",
        ),
    ] {
        let response = dinsos
            .get(app.url(&format!("{}?{query}", r::SPREAD_CLUSTERS)))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert!(
            body["message"].as_str().unwrap().contains(words),
            "{query}: {body}"
        );
    }
    let anonymous = app
        .client()
        .get(app.url(&format!("{}?{KABUPATEN_VIEW}&zoom=10", r::SPREAD_CLUSTERS)))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_saved_family_shows_on_the_next_answer() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let before = clusters(&app, &dinsos, &format!("{KABUPATEN_VIEW}&zoom=10")).await;
    assert_eq!(before["matching"], 500);
    // A new family written through the store (as every write path does) is noted as touched.
    let mut family = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == LOMBANG)
        .unwrap();
    family.id = tepat_domain::FamilyId(uuid::Uuid::now_v7());
    family.location = None;
    app.store.put_families(&[family.clone()]).unwrap();
    let after = clusters(&app, &dinsos, &format!("{KABUPATEN_VIEW}&zoom=10")).await;
    assert_eq!(after["matching"], 501);
    assert_eq!(
        after["unpinned"].as_u64().unwrap(),
        before["unpinned"].as_u64().unwrap() + 1
    );
}

#[tokio::test]
async fn the_table_adds_up_per_kecamatan_and_per_desa() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let table = app
        .get_json(&dinsos, &format!("{}?level=kecamatan", r::SPREAD_REGIONS))
        .await;
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 18, "Bangkalan's 18 kecamatan");
    let families: u64 = rows.iter().map(|r| r["families"].as_u64().unwrap()).sum();
    assert_eq!(families, 500);
    assert_eq!(table["total"]["families"], 500);
    let members: u64 = rows.iter().map(|r| r["members"].as_u64().unwrap()).sum();
    assert_eq!(table["total"]["members"].as_u64().unwrap(), members);
    assert!(members > 1000);
    assert_eq!(
        table["total"]["pinned"].as_u64().unwrap(),
        pinned_demo(None)
    );
    assert_eq!(rows.iter().filter(|r| r["loci"] == true).count(), 5);
    assert_eq!(table["progress"].as_array().unwrap().len(), 12);
    assert_eq!(table["progress"][11]["month"], "2026-11");
    // Every demo desa has never held a musdes: all 281 overdue.
    assert_eq!(table["total"]["musdes_overdue"], 281);

    let blega = app
        .get_json(
            &dinsos,
            &format!("{}?level=desa&within=35.26.15", r::SPREAD_REGIONS),
        )
        .await;
    let desa = blega["rows"].as_array().unwrap();
    assert!(
        desa.iter()
            .all(|r| r["code"].as_str().unwrap().starts_with("35.26.15."))
    );
    let blega_row = rows.iter().find(|r| r["code"] == "35.26.15").unwrap();
    let in_desa: u64 = desa.iter().map(|r| r["families"].as_u64().unwrap()).sum();
    assert_eq!(in_desa, blega_row["families"].as_u64().unwrap());
    assert_eq!(blega["total"]["families"], blega_row["families"]);
    let lombang = desa.iter().find(|r| r["code"] == LOMBANG).unwrap();
    assert_eq!(lombang["families"], 20);
    assert_eq!(lombang["kecamatan"], "Blega");
    assert_eq!(lombang["loci"], true);
}
