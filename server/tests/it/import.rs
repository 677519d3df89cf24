//! Imports over HTTP: a file is uploaded in chunks, checked (a report, nothing written) and
//! applied all or nothing. A file with bad rows reports each and changes nothing; a good one
//! adds its families (with members, reaching the desa's tablets through the sync log) once
//! however often it is applied; only the Dinas operator imports; misspelt desa names are asked
//! about; the BPS numbers reach the quota split; a desa list sets the loci desa.

use crate::helpers::{TestApp, sha256_hex, spawn_app};
use serde_json::{Value, json};
use tepat_protocol::routes as r;
use tepat_server::store::Store;

fn request(kind: &str, hash: &str, choices: Value) -> Value {
    json!({ "kind": kind, "file": hash, "file_name": "uji.csv", "choices": choices })
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, body: &Value) -> (u16, Value) {
    let response = client.post(app.url(path)).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Everything an import could change, to compare before and after: family count, audit
/// rows, both quota settings and the loci desa.
type Fingerprint = (u64, Option<u64>, Vec<Option<Vec<u8>>>);

fn fingerprint(app: &TestApp) -> Fingerprint {
    (
        app.store.family_count().unwrap(),
        app.store.audit_head().unwrap().map(|h| h.rows),
        ["quota/PKH", "quota/BPNT", "loci_desa"]
            .iter()
            .map(|key| app.store.setting(key).unwrap())
            .collect(),
    )
}

const HEADER: &str = "NO_KK;NIK;NAMA_LGKP;JENIS_KLMIN;TMPT_LHR;TGL_LHR;STAT_HBKEL;ALAMAT;DUSUN;NO_RT;NO_RW;KEL_NAME;KEC_NAME;NAMA_LGKP_IBU";

/// Two families in Lombang Dajah (Blega) and one in "Banyoning Laok" (officially Banyoneng
/// Laok, Geger), with NIKs no demo family has (serials 9xxx).
fn good_file() -> String {
    [
        HEADER,
        "3526151501209001;3526151203809001;MOH. HASAN;1;BANGKALAN;12-03-1980;1;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;SITI",
        "3526151501209001;3526155408859002;SITI AMINAH;2;BANGKALAN;14-08-1985;3;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;HALIMAH",
        "3526151501209001;3526150101109003;ROSYID;1;BANGKALAN;2010-01-01;4;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;SITI AMINAH",
        "3526151501209002;3526151505709004;SUKARDI;L;SAMPANG;15/05/1970;KEPALA KELUARGA;;BARAT;003;001;LOMBANG DAJAH;BLEGA;MARWIYAH",
        "3526061501209003;3526061006759005;ABDUL MALIK;1;BANGKALAN;27555;1;;LAOK;002;001;BANYONING LAOK;GEGER;FATIMAH",
    ]
    .join("\n")
}

#[tokio::test]
async fn bad_rows_are_each_reported_and_nothing_changes() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let demo_nik = tepat_server::demo::families()[0].members[0].nik.clone();
    let file = [
        HEADER,
        "3526151501209001;3526151203809001;MOH. HASAN;1;BANGKALAN;12-03-1980;1;;;;;LOMBANG DAJAH;BLEGA;SITI",
        "3526151501209001;35261554088590;SITI AMINAH;2;BANGKALAN;14-08-1985;3;;;;;LOMBANG DAJAH;BLEGA;HALIMAH",
        "3526151501209002;3526151505709004;SUKARDI;X;SAMPANG;31-02-1970;1;;;;;LOMBANG DAJAH;BLEGA;MARWIYAH",
        &format!("3526151501209004;{};ORANG LAIN;1;BANGKALAN;12-03-1980;1;;;;;LOMBANG DAJAH;BLEGA;SITI", demo_nik.as_str()),
        "3526151501209005;3526151203809006;TAK BERDESA;1;BANGKALAN;12-03-1980;1;;;;;SURABAYA;;SITI",
    ]
    .join("\n");
    let before = fingerprint(&app);
    let hash = app.upload_import_file(&dinsos, file.as_bytes()).await;
    let body = request("Families", &hash, json!([]));
    let (status, report) = post(&app, &dinsos, r::IMPORT_CHECK, &body).await;
    assert_eq!(status, 200, "{report}");
    let problems: Vec<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (3, "NIK".to_owned()),
            (4, "JENIS_KLMIN".to_owned()),
            (4, "TGL_LHR".to_owned()),
            (5, "NIK".to_owned()),
            (6, "KEL_NAME".to_owned()),
        ],
        "{report}"
    );
    assert!(
        report["problems"][3]["message"]
            .as_str()
            .unwrap()
            .starts_with("NIK ganda")
    );
    assert!(
        report["problems"][4]["message"]
            .as_str()
            .unwrap()
            .contains("SURABAYA")
    );
    assert_eq!(report["problems_total"], 5);
    assert_eq!(report["ready"], false);
    assert_eq!(report["rows"], 5);

    // Applying refuses with the same report and writes nothing.
    let (status, applied) = post(&app, &dinsos, r::IMPORT_APPLY, &body).await;
    assert_eq!(status, 200);
    assert_eq!(applied["applied"], Value::Null);
    assert_eq!(applied["problems"], report["problems"]);
    assert_eq!(fingerprint(&app), before);
}

#[tokio::test]
async fn a_good_file_is_applied_once_with_the_desa_chosen() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let families_before = app.store.family_count().unwrap();
    let hash = app
        .upload_import_file(&dinsos, good_file().as_bytes())
        .await;

    // "Banyoning Laok" is asked about, its likely desa offered.
    let (_, report) = post(
        &app,
        &dinsos,
        r::IMPORT_CHECK,
        &request("Families", &hash, json!([])),
    )
    .await;
    assert_eq!(report["problems_total"], 0, "{report}");
    assert_eq!(report["families"], 3);
    assert_eq!(report["members"], 5);
    assert_eq!(report["ready"], false);
    let question = &report["questions"][0];
    assert_eq!(question["asked"], "BANYONING LAOK (Kec. GEGER)");
    assert_eq!(question["likely"], "35.26.06.2002");
    assert_eq!(question["candidates"][0]["desa"]["name"], "Banyoneng Laok");
    assert_eq!(question["candidates"][0]["kecamatan"], "Geger");
    // Without the choice nothing is applied.
    let (_, refused) = post(
        &app,
        &dinsos,
        r::IMPORT_APPLY,
        &request("Families", &hash, json!([])),
    )
    .await;
    assert_eq!(refused["applied"], Value::Null);
    assert_eq!(app.store.family_count().unwrap(), families_before);

    let choices = json!([{ "asked": "BANYONING LAOK (Kec. GEGER)", "chosen": "35.26.06.2002" }]);
    let body = request("Families", &hash, choices);
    let (status, applied) = post(&app, &dinsos, r::IMPORT_APPLY, &body).await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!(applied["applied"]["families"], 3, "{applied}");
    assert_eq!(applied["applied"]["members"], 5);
    assert_eq!(applied["applied"]["repeated"], false);
    assert_eq!(app.store.family_count().unwrap(), families_before + 3);
    let lombang = tepat_domain::RegionCode::parse("35.26.15.2012").unwrap();
    let hasan = app
        .store
        .families_in(&lombang)
        .unwrap()
        .into_iter()
        .find(|f| f.kk.as_str() == "3526151501209001")
        .expect("imported family in its desa");
    assert_eq!(hasan.members.len(), 3);
    assert_eq!(hasan.head_name(), "MOH. HASAN");
    assert_eq!(hasan.address.rt, "001");
    let banyoneng = tepat_domain::RegionCode::parse("35.26.06.2002").unwrap();
    let malik = app
        .store
        .families_in(&banyoneng)
        .unwrap()
        .into_iter()
        .find(|f| f.kk.as_str() == "3526061501209003")
        .expect("the chosen desa");
    // 27555 is the Excel serial of 10 Jun 1975.
    assert_eq!(malik.members[0].birth_date, jiff::civil::date(1975, 6, 10));

    // The desa operator's tablet pulls them.
    let operator = app.login("op.lombangdajah").await;
    let pulled = app
        .get_json(&operator, &format!("{}?after=0", r::SYNC_PULL))
        .await;
    let records: Vec<&str> = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"]["record"].as_str().unwrap_or_default())
        .collect();
    assert!(
        records.contains(&hasan.id.to_string().as_str()),
        "{records:?}"
    );
    // And they are audited.
    let trail = app
        .get_json(&dinsos, &format!("{}?family={}", r::AUDIT, hasan.id))
        .await;
    assert!(
        trail["lines"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("diimpor")
    );

    // Applied again: the earlier result, nothing doubled.
    let audit_rows = app.store.audit_head().unwrap().unwrap().rows;
    let (_, again) = post(&app, &dinsos, r::IMPORT_APPLY, &body).await;
    assert_eq!(again["applied"]["families"], 3);
    assert_eq!(again["applied"]["repeated"], true);
    assert_eq!(app.store.family_count().unwrap(), families_before + 3);
    assert_eq!(app.store.audit_head().unwrap().unwrap().rows, audit_rows);

    // The same families in another file: reported as known, not overwritten.
    let other = format!("{}\n", good_file());
    let other_hash = app.upload_import_file(&dinsos, other.as_bytes()).await;
    let (_, known) = post(
        &app,
        &dinsos,
        r::IMPORT_CHECK,
        &request("Families", &other_hash, json!([])),
    )
    .await;
    assert_eq!(known["families"], 0, "{known}");
    assert_eq!(known["known"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn only_the_dinas_operator_imports() {
    let app = spawn_app().await;
    let bytes = good_file().into_bytes();
    let hash = sha256_hex(&bytes);
    for username in [
        "op.lombangdajah",
        "kec.blega",
        "kadinsos",
        "bupati",
        "admin",
    ] {
        let client = app.login(username).await;
        let response = client
            .put(app.url(&format!(
                "{}?offset=0&total={}",
                r::import_file_path(&hash),
                bytes.len()
            )))
            .body(bytes.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{username}");
        let (status, _) = post(
            &app,
            &client,
            r::IMPORT_APPLY,
            &request("Families", &hash, json!([])),
        )
        .await;
        assert_eq!(status, 403, "{username}");
    }
}

#[tokio::test]
async fn a_file_too_large_is_refused_with_the_limit() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let response = dinsos
        .put(app.url(&format!(
            "{}?offset=0&total={}",
            r::import_file_path(&"ab".repeat(32)),
            30 * 1024 * 1024
        )))
        .body(vec![b'a'; 100])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("20 MB"),
        "{body}"
    );
}

#[tokio::test]
async fn bps_poor_population_reaches_the_quota_split() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let quota = json!({ "kabupaten_quota": 10, "poor_by_desa": [] });
    let response = dinsos
        .put(app.url(&r::QUOTA.replace("{programme}", "PKH")))
        .json(&quota)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let file = "KECAMATAN;DESA;PENDUDUK MISKIN\nBlega;Lombang Dajah;400\nBlega;Alas Raja;100\n";
    let hash = app.upload_import_file(&dinsos, file.as_bytes()).await;
    let (_, report) = post(
        &app,
        &dinsos,
        r::IMPORT_CHECK,
        &request("PoorPopulation", &hash, json!([])),
    )
    .await;
    assert_eq!(
        report["questions"][0]["asked"], "Alas Raja (Kec. Blega)",
        "{report}"
    );
    let choices = json!([{ "asked": "Alas Raja (Kec. Blega)", "chosen": "35.26.15.2004" }]);
    let (_, applied) = post(
        &app,
        &dinsos,
        r::IMPORT_APPLY,
        &request("PoorPopulation", &hash, choices),
    )
    .await;
    assert_eq!(applied["applied"]["desa"], 2, "{applied}");
    let view = app
        .get_json(&dinsos, &r::QUOTA.replace("{programme}", "PKH"))
        .await;
    let share = |code: &str| {
        view["desa"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["desa"]["code"] == code)
            .map(|d| d["share"].as_u64().unwrap())
    };
    assert_eq!(share("35.26.15.2012"), Some(8), "{view}");
    assert_eq!(share("35.26.15.2004"), Some(2));
    // BPNT got the same numbers (no places yet).
    assert!(app.store.setting("quota/BPNT").unwrap().is_some());
}

#[tokio::test]
async fn a_typed_desa_list_becomes_the_loci_desa() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let default = app.get_json(&dinsos, r::LOCI_DESA).await;
    assert_eq!(default["regions"].as_array().unwrap().len(), 25);
    let file = "Banyoning Laok, Geger\nLombang Dajah\nCampor\nKota Antah\n";
    let hash = app.upload_import_file(&dinsos, file.as_bytes()).await;
    let (_, report) = post(
        &app,
        &dinsos,
        r::IMPORT_CHECK,
        &request("DesaList", &hash, json!([])),
    )
    .await;
    assert_eq!(report["problems"][0]["row"], 4, "{report}");
    let asked: Vec<&str> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["asked"].as_str().unwrap())
        .collect();
    assert_eq!(asked, vec!["Banyoning Laok (Kec. Geger)", "Campor"]);
    // Campor is in Geger and in Konang: both offered, none pre-selected.
    assert_eq!(report["questions"][1]["likely"], Value::Null);
    assert_eq!(
        report["questions"][1]["candidates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let file = "Banyoning Laok, Geger\nLombang Dajah\nCampor\n";
    let hash = app.upload_import_file(&dinsos, file.as_bytes()).await;
    let choices = json!([
        { "asked": "Banyoning Laok (Kec. Geger)", "chosen": "35.26.06.2002" },
        { "asked": "Campor", "chosen": "35.26.17.2008" }
    ]);
    let (_, applied) = post(
        &app,
        &dinsos,
        r::IMPORT_APPLY,
        &request("DesaList", &hash, choices),
    )
    .await;
    assert_eq!(applied["applied"]["desa"], 3, "{applied}");
    let loci = app.get_json(&dinsos, r::LOCI_DESA).await;
    let codes: Vec<&str> = loci["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec!["35.26.06.2002", "35.26.15.2012", "35.26.17.2008"]
    );
    // The leaders' table marks the new loci at once (Lombang Dajah's Blega among the kecamatan).
    let table = app
        .get_json(&dinsos, &format!("{}?level=desa", r::SPREAD_REGIONS))
        .await;
    let mut loci: Vec<&str> = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["loci"] == true)
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    loci.sort();
    assert_eq!(loci, codes);
}

#[tokio::test]
async fn an_xlsx_with_numbers_and_date_serials_is_read() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = [
        "NOKK",
        "NIK",
        "NAMA",
        "JENIS KELAMIN",
        "TANGGAL LAHIR",
        "HUB KELUARGA",
        "KECAMATAN",
        "DESA/KELURAHAN",
        "NAMA IBU KANDUNG",
        "BANSOS PKH",
    ];
    for (c, text) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *text).unwrap();
    }
    // Numbers typed into cells, a date cell (Excel keeps 27555 = 10 Jun 1975).
    sheet.write_number(1, 0, 3526151501209007.0).unwrap();
    sheet.write_number(1, 1, 3526151006759007.0).unwrap();
    sheet.write_string(1, 2, "SAMSUL").unwrap();
    sheet.write_number(1, 3, 1.0).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_number_with_format(1, 4, 27555.0, &date)
        .unwrap();
    sheet.write_string(1, 5, "KEPALA KELUARGA").unwrap();
    sheet.write_string(1, 6, "BLEGA").unwrap();
    sheet.write_string(1, 7, "ALAS RAJAH").unwrap();
    sheet.write_string(1, 8, "MUNAWAROH").unwrap();
    sheet.write_string(1, 9, "YA").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let hash = app.upload_import_file(&dinsos, &bytes).await;
    let body = request("Families", &hash, json!([]));
    let (_, report) = post(&app, &dinsos, r::IMPORT_CHECK, &body).await;
    assert_eq!(report["ready"], true, "{report}");
    let (_, applied) = post(&app, &dinsos, r::IMPORT_APPLY, &body).await;
    assert_eq!(applied["applied"]["families"], 1, "{applied}");
    let alas = tepat_domain::RegionCode::parse("35.26.15.2004").unwrap();
    let samsul = app
        .store
        .families_in(&alas)
        .unwrap()
        .into_iter()
        .find(|f| f.kk.as_str() == "3526151501209007")
        .unwrap();
    assert_eq!(samsul.members[0].birth_date, jiff::civil::date(1975, 6, 10));
    assert_eq!(
        samsul.instrument.programmes,
        Some(vec![tepat_domain::instrument::Programme::Pkh])
    );
}

/// `n` one-person families in Lombang Dajah with valid, unused KK and NIK.
fn many_families(n: usize) -> String {
    let mut lines = vec![HEADER.to_owned()];
    for i in 0..n {
        let (day, month, serial) = (1 + i % 28, 1 + (i / 28) % 12, 9100 + i / 336);
        lines.push(format!(
            "352615{day:02}{month:02}20{serial:04};352615{day:02}{month:02}80{serial:04};KEPALA {i};1;BANGKALAN;{day:02}-{month:02}-1980;1;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;IBU {i}"
        ));
    }
    lines.join("\n")
}

#[tokio::test]
async fn a_long_check_tells_how_far_it_has_come() {
    let app = spawn_app().await;
    let dinsos = app.login("dinsos").await;
    let hash = app
        .upload_import_file(&dinsos, many_families(3000).as_bytes())
        .await;
    let progress_path = app.url(&r::import_progress_path(&hash));
    let idle: Value = dinsos
        .get(&progress_path)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(idle["phase"], "Idle");

    let (checker, url, body) = (
        dinsos.clone(),
        app.url(r::IMPORT_CHECK),
        request("Families", &hash, json!([])),
    );
    let check = tokio::spawn(async move {
        let response = checker.post(url).json(&body).send().await.unwrap();
        response.json::<Value>().await.unwrap()
    });
    let mut seen = Vec::new();
    while !check.is_finished() {
        let progress: Value = dinsos
            .get(&progress_path)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if progress["phase"] == "Checking" {
            seen.push((
                progress["done"].as_u64().unwrap(),
                progress["total"].as_u64().unwrap(),
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let report = check.await.unwrap();
    assert_eq!(report["families"], 3000, "{}", report["problems"]);
    assert!(!seen.is_empty(), "the check was seen counting");
    assert!(
        seen.iter()
            .all(|(done, total)| *total == 3000 && *done <= 3000)
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "the count only grows"
    );
    let after: Value = dinsos
        .get(&progress_path)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after["phase"], "Idle");
}
