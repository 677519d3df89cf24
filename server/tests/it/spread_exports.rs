//! The leaders' downloads and lists over HTTP on the demo kabupaten: the table as CSV (rows =
//! the table's rows, a header and a total) and XLSX (the same cells, counts as numbers), the
//! desa table and family points as GeoJSON, the family list paged with NIKs masked by role,
//! the likely targeting errors matching the index's counts, every download audited, and the
//! scope and role refusals.

use crate::helpers::{TestApp, error_code, spawn_app};
use serde_json::Value;
use tepat_protocol::routes as r;
use tepat_server::store::{AuditAction, Store};

async fn download(app: &TestApp, client: &reqwest::Client, path: &str) -> (String, Vec<u8>) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let disposition = response
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.bytes().await.unwrap().to_vec();
    assert_eq!(
        status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
    );
    (disposition, bytes)
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    tepat_domain::national::csv::read(bytes).unwrap()
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[tokio::test]
async fn the_table_downloads_as_csv_and_xlsx_with_the_same_rows_and_a_total() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let table = app
        .get_json(&dinsos, &format!("{}?level=kecamatan", r::SPREAD_REGIONS))
        .await;
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 18);

    let (disposition, bytes) = download(
        &app,
        &dinsos,
        &format!("{}?level=kecamatan&format=csv", r::SPREAD_REGIONS),
    )
    .await;
    assert!(
        disposition.contains("tepat-rekap-kecamatan-3526-2026-"),
        "{disposition}"
    );
    let csv = csv_rows(&bytes);
    assert_eq!(csv.len(), rows.len() + 2, "header, rows, total");
    let header = &csv[0];
    let (name, families, pinned, share) = (
        column(header, "Kecamatan"),
        column(header, "Keluarga"),
        column(header, "Berpin"),
        column(header, "% berpin"),
    );
    for (line, row) in csv[1..=rows.len()].iter().zip(rows) {
        assert_eq!(line[0], row["code"].as_str().unwrap());
        assert_eq!(line[name], row["name"].as_str().unwrap());
        assert_eq!(line[families], row["families"].to_string());
        assert_eq!(line[pinned], row["pinned"].to_string());
        let (p, f) = (
            row["pinned"].as_f64().unwrap(),
            row["families"].as_f64().unwrap(),
        );
        let expected = if f == 0.0 {
            0.0
        } else {
            (p * 1000.0 / f).round() / 10.0
        };
        assert_eq!(line[share], format!("{expected:.1}").replace('.', ","));
    }
    let total = csv.last().unwrap();
    assert_eq!(total[name], "Jumlah");
    assert_eq!(total[families], table["total"]["families"].to_string());
    assert_eq!(total[families], "500");
    let loci = column(header, "Lokus");
    assert_eq!(csv.iter().filter(|l| l[loci] == "Ya").count(), 5);
    assert_eq!(total[loci], "", "the total is no locus");

    let (disposition, bytes) = download(
        &app,
        &dinsos,
        &format!("{}?level=kecamatan&format=xlsx", r::SPREAD_REGIONS),
    )
    .await;
    assert!(disposition.ends_with(".xlsx\""), "{disposition}");
    let sheet = tepat_server::xlsx::read(&bytes).unwrap();
    assert_eq!(sheet.len(), csv.len());
    for (x, c) in sheet.iter().zip(&csv) {
        assert_eq!(x[..families + 1], c[..families + 1]);
        assert_eq!(x[pinned], c[pinned]);
        // Percentages are numbers in the workbook, written with a decimal comma in the CSV.
        assert_eq!(x[share].replace('.', ","), c[share].replace(",0", ""));
    }

    let exports: Vec<_> = app
        .store
        .recent_audit(20)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::SpreadExported)
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(exports.iter().all(|e| e.actor == "dinsos"));
    assert!(
        exports
            .iter()
            .any(|e| e.detail.contains("18 baris wilayah") && e.detail.contains(".xlsx")),
        "{exports:?}"
    );
}

#[tokio::test]
async fn the_desa_table_as_geojson_has_a_point_per_pinned_desa() {
    let app = spawn_app().await;
    let kec = app.login("kec.blega").await;
    let table = app
        .get_json(&kec, &format!("{}?level=desa", r::SPREAD_REGIONS))
        .await;
    let rows = table["rows"].as_array().unwrap();
    let with_pins = rows.iter().filter(|r| r["pinned"] != 0).count();
    assert!(with_pins >= 1);
    let (disposition, bytes) = download(
        &app,
        &kec,
        &format!("{}?level=desa&format=geojson", r::SPREAD_REGIONS),
    )
    .await;
    assert!(disposition.contains("rekap-desa-352615"), "{disposition}");
    let geo: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), with_pins);
    assert_eq!(geo["unpinned_desa"], (rows.len() - with_pins) as u64);
    let lombang = features
        .iter()
        .find(|f| f["properties"]["Kode"] == "35.26.15.2012")
        .unwrap();
    assert_eq!(lombang["properties"]["Keluarga"], 20);
    let [lon, lat] = [
        lombang["geometry"]["coordinates"][0].as_f64().unwrap(),
        lombang["geometry"]["coordinates"][1].as_f64().unwrap(),
    ];
    assert!((112.0..114.0).contains(&lon) && (-8.0..-6.0).contains(&lat));

    // GeoJSON is a desa-level download only.
    let response = kec
        .get(app.url(&format!("{}?format=geojson", r::SPREAD_REGIONS)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn the_family_list_is_paged_in_desa_then_decile_order_with_nik_masked_by_role() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let first = app.get_json(&dinsos, r::SPREAD_FAMILIES).await;
    assert_eq!(first["total"], 500);
    assert_eq!(first["page_size"], 100);
    let lines = first["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 100);
    let key = |l: &Value| {
        let decile = l["decile"].as_u64();
        (
            l["desa"].as_str().unwrap().to_owned(),
            decile.is_none(),
            decile.unwrap_or(0),
        )
    };
    assert!(lines.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    let last = app
        .get_json(&dinsos, &format!("{}?page=4", r::SPREAD_FAMILIES))
        .await;
    assert_eq!(last["lines"].as_array().unwrap().len(), 100);
    let beyond = app
        .get_json(&dinsos, &format!("{}?page=5", r::SPREAD_FAMILIES))
        .await;
    assert!(beyond["lines"].as_array().unwrap().is_empty());

    // The Dinas operator sees NIKs whole; the Bupati and the kecamatan see them masked.
    assert_eq!(first["nik_masked"], false);
    let nik = first["lines"][0]["head_nik"].as_str().unwrap().to_owned();
    assert!(
        nik.len() == 16 && nik.chars().all(|c| c.is_ascii_digit()),
        "{nik}"
    );
    for user in ["bupati", "kec.blega", "kadinsos"] {
        let client = app.login(user).await;
        let page = app.get_json(&client, r::SPREAD_FAMILIES).await;
        assert_eq!(page["nik_masked"], true, "{user}");
        for line in page["lines"].as_array().unwrap() {
            let nik = line["head_nik"].as_str().unwrap();
            assert!(nik.contains('•'), "{user}: {nik}");
        }
        let (_, bytes) =
            download(&app, &client, &format!("{}?format=csv", r::SPREAD_FAMILIES)).await;
        let csv = csv_rows(&bytes);
        let column = column(&csv[0], "NIK kepala (disamarkan)");
        assert!(csv[1..].iter().all(|l| l[column].contains('•')), "{user}");
    }
    let blega = app.login("kec.blega").await;
    let page = app.get_json(&blega, r::SPREAD_FAMILIES).await;
    assert!(
        page["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["desa"].as_str().unwrap().starts_with("35.26.15."))
    );
}

#[tokio::test]
async fn targeting_error_lists_match_the_table_and_download_whole() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let table = app
        .get_json(&dinsos, &format!("{}?level=desa", r::SPREAD_REGIONS))
        .await;
    for (error, column_name) in [
        ("inclusion", "inclusion_errors"),
        ("exclusion", "exclusion_errors"),
    ] {
        let expected = table["total"][column_name].as_u64().unwrap();
        let page = app
            .get_json(&dinsos, &format!("{}?error={error}", r::SPREAD_FAMILIES))
            .await;
        assert_eq!(page["total"].as_u64().unwrap(), expected, "{error}");
        let lines = page["lines"].as_array().unwrap();
        assert!(lines.iter().all(|l| l["error"] == error), "{error}");
        // Per desa, as the desa table counts them.
        for row in table["rows"].as_array().unwrap() {
            let count = row[column_name].as_u64().unwrap();
            if count == 0 {
                continue;
            }
            let code = row["code"].as_str().unwrap();
            let page = app
                .get_json(
                    &dinsos,
                    &format!("{}?error={error}&region={code}", r::SPREAD_FAMILIES),
                )
                .await;
            assert_eq!(page["total"].as_u64().unwrap(), count, "{error} in {code}");
            break;
        }
        let (_, bytes) = download(
            &app,
            &dinsos,
            &format!("{}?error={error}&format=csv", r::SPREAD_FAMILIES),
        )
        .await;
        let csv = csv_rows(&bytes);
        assert_eq!(csv.len() as u64, expected + 1, "{error}: header and rows");
        let (_, bytes) = download(
            &app,
            &dinsos,
            &format!("{}?error={error}&format=xlsx", r::SPREAD_FAMILIES),
        )
        .await;
        assert_eq!(tepat_server::xlsx::read(&bytes).unwrap(), csv);
    }
    // The demo has poor families without a programme.
    assert!(table["total"]["exclusion_errors"].as_u64().unwrap() > 0);

    let (_, bytes) = download(
        &app,
        &dinsos,
        &format!("{}?format=geojson", r::SPREAD_FAMILIES),
    )
    .await;
    let geo: Value = serde_json::from_slice(&bytes).unwrap();
    let pinned = tepat_server::demo::families()
        .iter()
        .filter(|f| f.location.is_some())
        .count();
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), pinned);
    assert_eq!(geo["unpinned"].as_u64().unwrap() as usize, 500 - pinned);
    let text = String::from_utf8(bytes).unwrap();
    let someone = tepat_server::demo::families()[0].clone();
    assert!(!text.contains(someone.head_name()), "no names in GeoJSON");
    assert!(!text.contains(someone.members[0].nik.as_str()), "no NIK");
    let audit = app.store.recent_audit(20).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::SpreadExported
        && e.detail.contains(&format!("{pinned} titik keluarga"))));
}

#[tokio::test]
async fn lists_and_downloads_keep_to_scope_and_role() {
    let app = spawn_app().await;
    let kec = app.login("kec.blega").await;
    for path in [
        format!("{}?region=35.26.10", r::SPREAD_FAMILIES),
        format!("{}?region=35.26.10&format=xlsx", r::SPREAD_FAMILIES),
        format!("{}?within=35.26.10&format=csv", r::SPREAD_REGIONS),
    ] {
        let response = kec.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 403, "{path}");
        assert_eq!(error_code(response).await, "OutOfScope");
    }
    let admin = app.login("admin").await;
    for path in [
        format!("{}?format=csv", r::SPREAD_FAMILIES),
        format!("{}?format=csv", r::SPREAD_REGIONS),
    ] {
        let response = admin.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
    let dinsos = app.login("dinsos").await;
    let response = dinsos
        .get(app.url(&format!("{}?format=pdf", r::SPREAD_FAMILIES)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(
        app.store
            .recent_audit(50)
            .unwrap()
            .iter()
            .all(|e| e.action != AuditAction::SpreadExported),
        "nothing refused was audited as a download"
    );
}

#[tokio::test]
async fn a_well_off_family_given_pkh_becomes_an_inclusion_error_in_the_list_and_the_file() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let before = app
        .get_json(&dinsos, &format!("{}?error=inclusion", r::SPREAD_FAMILIES))
        .await;
    let mut well_off = None;
    for page in 0..5 {
        let answer = app
            .get_json(&dinsos, &format!("{}?page={page}", r::SPREAD_FAMILIES))
            .await;
        well_off = answer["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["decile"].as_u64().is_some_and(|d| d >= 7) && l["error"].is_null())
            .cloned();
        if well_off.is_some() {
            break;
        }
    }
    let line = well_off.expect("the demo has well-off families");
    let id: tepat_domain::FamilyId = serde_json::from_value(line["id"].clone()).unwrap();
    let mut family = app.store.family(id).unwrap().unwrap();
    family.instrument.programmes = Some(vec![tepat_domain::instrument::Programme::Pkh]);
    app.store.put_families(&[family]).unwrap();

    let after = app
        .get_json(&dinsos, &format!("{}?error=inclusion", r::SPREAD_FAMILIES))
        .await;
    assert_eq!(
        after["total"].as_u64().unwrap(),
        before["total"].as_u64().unwrap() + 1
    );
    let found = after["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == line["id"])
        .expect("the family is listed");
    assert_eq!(found["error"], "inclusion");
    assert_eq!(found["programmes"], serde_json::json!(["pkh"]));
    let desa = line["desa"].as_str().unwrap();
    let table = app
        .get_json(
            &dinsos,
            &format!("{}?level=desa&within={desa}", r::SPREAD_REGIONS),
        )
        .await;
    assert_eq!(table["rows"][0]["inclusion_errors"], 1);
    let (_, bytes) = download(
        &app,
        &dinsos,
        &format!(
            "{}?error=inclusion&region={desa}&format=csv",
            r::SPREAD_FAMILIES
        ),
    )
    .await;
    let csv = csv_rows(&bytes);
    assert_eq!(csv.len(), 2);
    let row = &csv[1];
    assert_eq!(
        row[column(&csv[0], "ID keluarga")],
        line["id"].as_str().unwrap()
    );
    assert_eq!(row[column(&csv[0], "Program diterima")], "PKH");
    assert_eq!(
        row[column(&csv[0], "Dugaan salah sasaran")],
        "Dugaan inklusi"
    );
}
