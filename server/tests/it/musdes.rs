//! Village meetings over HTTP: scheduling with its checks, the agenda, decisions, evidence
//! uploads (type and size checked), closing refused while evidence is missing, closing sending
//! the agreed proposals up, scope on reading and on the evidence files, and the musdes decision
//! refused as a step of its own. [`hold_musdes`] is the helper other tests use to get proposals
//! past the meeting.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tepat_protocol::routes as r;

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A small file of each accepted kind.
pub fn jpeg(n: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, n];
    bytes.extend(std::iter::repeat_n(n, 2000));
    bytes
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
}

/// The local date of the app's clock (WIB).
fn today(app: &TestApp) -> String {
    let offset = jiff::tz::Offset::constant(7);
    tepat_server::clock::Clock::now(app.clock.as_ref())
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .date()
        .to_string()
}

/// Uploads `bytes` as an evidence file in one chunk; the status code and answer.
pub async fn upload(app: &TestApp, client: &reqwest::Client, bytes: &[u8]) -> (u16, Value) {
    let path = format!(
        "{}?offset=0&total={}",
        r::EVIDENCE.replace("{hash}", &hex(bytes)),
        bytes.len()
    );
    let response = client
        .put(app.url(&path))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let response = client.post(app.url(path)).json(&body).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn schedule_body(date: &str) -> Value {
    json!({
        "id": uuid::Uuid::now_v7(),
        "schedule": { "date": date, "time": "09:00:00", "place": "Balai Desa Lombang Dajah", "chair": "H. Ahmad (Ketua BPD)" }
    })
}

/// Uploads and attaches one file per evidence document.
async fn attach_all(app: &TestApp, client: &reqwest::Client, musdes: &str, skip: Option<&str>) {
    let files = [
        ("BeritaAcara", pdf(), "berita-acara.pdf"),
        ("FotoRapat", jpeg(1), "rapat.jpg"),
        ("DaftarHadir", jpeg(2), "daftar-hadir.jpg"),
        ("FotoPengumuman", jpeg(3), "pengumuman.jpg"),
    ];
    for (document, bytes, name) in files {
        if Some(document) == skip {
            continue;
        }
        let (status, answer) = upload(app, client, &bytes).await;
        assert_eq!((status, answer["complete"].as_bool()), (200, Some(true)));
        let action =
            json!({ "Attach": { "document": document, "file": hex(&bytes), "name": name } });
        let (status, view) = post(app, client, &r::MUSDES.replace("{id}", musdes), action).await;
        assert_eq!(status, 200, "{view}");
    }
}

/// Holds a musdes today in the operator's desa over every proposal waiting for one, with the
/// given decision per proposal id (agreed when absent), the four documents, and closes it.
/// Returns the closed meeting's view.
pub async fn hold_musdes(app: &TestApp, desa: &reqwest::Client, rejected: &[&str]) -> Value {
    let (status, view) = post(app, desa, r::MUSDES_LIST, schedule_body(&today(app))).await;
    assert_eq!(status, 200, "{view}");
    let id = view["id"].as_str().unwrap().to_owned();
    for item in view["agenda"].as_array().unwrap() {
        let proposal = item["proposal"].as_str().unwrap();
        let decision = if rejected.contains(&proposal) {
            json!({ "accepted": false, "note": "Keluarga sudah mampu menurut warga" })
        } else {
            json!({ "accepted": true, "note": "" })
        };
        let action = json!({ "Decide": { "proposal": proposal, "decision": decision } });
        let (status, answer) = post(app, desa, &r::MUSDES.replace("{id}", &id), action).await;
        assert_eq!(status, 200, "{answer}");
    }
    attach_all(app, desa, &id, None).await;
    let (status, closed) = post(app, desa, &r::MUSDES.replace("{id}", &id), json!("Close")).await;
    assert_eq!(status, 200, "{closed}");
    closed
}

async fn proposal(app: &TestApp, desa: &reqwest::Client, family: &str) -> String {
    let response = desa
        .post(app.url(r::PROPOSALS))
        .json(&json!({ "family": family, "kind": "NewFamily" }))
        .send()
        .await
        .unwrap();
    let view: Value = response.json().await.unwrap();
    let id = view["id"].as_str().unwrap().to_owned();
    let (status, _) = post(
        app,
        desa,
        &r::PROPOSAL_STEPS.replace("{id}", &id),
        json!({ "step": "SubmitToMusdes" }),
    )
    .await;
    assert_eq!(status, 200);
    id
}

fn families_of(desa: &str) -> Vec<String> {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .map(|f| f.id.to_string())
        .collect()
}

#[tokio::test]
async fn a_musdes_is_scheduled_decided_evidenced_and_closed() {
    let app = spawn_app().await;
    let desa = app.login("op.lombangdajah").await;
    let families = families_of("35.26.15.2012");
    let agreed = proposal(&app, &desa, &families[0]).await;
    let rejected = proposal(&app, &desa, &families[1]).await;

    // The musdes decision is not a step of its own.
    let (status, body) = post(
        &app,
        &desa,
        &r::PROPOSAL_STEPS.replace("{id}", &agreed),
        json!({ "step": { "RecordMusdesDecision": { "accepted": true } } }),
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Keputusan musdes dicatat di halaman Musdes"),
        "{body}"
    );

    // Scheduling: a place, a chair, a date not past; only the desa operator.
    let mut bad = schedule_body(&today(&app));
    bad["schedule"]["place"] = json!(" ");
    let (status, body) = post(&app, &desa, r::MUSDES_LIST, bad).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (400, Some("Tulis tempat musdes (paling sedikit 3 huruf)."))
    );
    let (status, body) = post(&app, &desa, r::MUSDES_LIST, schedule_body("2026-11-01")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Tanggal musdes sudah lewat: pilih tanggal mulai 23 Nov 2026."
    );
    let kec = app.login("kec.blega").await;
    let (status, _) = post(&app, &kec, r::MUSDES_LIST, schedule_body(&today(&app))).await;
    assert_eq!(status, 403);

    let body = schedule_body(&today(&app));
    let (status, view) = post(&app, &desa, r::MUSDES_LIST, body.clone()).await;
    assert_eq!(status, 200, "{view}");
    let id = view["id"].as_str().unwrap().to_owned();
    let path = r::MUSDES.replace("{id}", &id);
    // The same request again answers the same meeting; another one is refused while it is open.
    let (status, again) = post(&app, &desa, r::MUSDES_LIST, body).await;
    assert_eq!((status, again["id"].as_str()), (200, Some(id.as_str())));
    let (status, body) = post(&app, &desa, r::MUSDES_LIST, schedule_body(&today(&app))).await;
    assert_eq!(status, 400);
    assert!(
        body["message"].as_str().unwrap().contains("belum ditutup"),
        "{body}"
    );
    // The agenda: the two proposals waiting, without full NIK.
    let agenda: Vec<&str> = view["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["proposal"].as_str().unwrap())
        .collect();
    assert_eq!(agenda, [agreed.as_str(), rejected.as_str()]);
    assert!(
        view["agenda"][0]["nik_masked"]
            .as_str()
            .unwrap()
            .contains('•')
    );
    assert_eq!(view["editable"], true);

    // Decisions: not agreed needs a reason.
    let vague = json!({ "Decide": { "proposal": rejected, "decision": { "accepted": false, "note": "tidak" } } });
    let (status, body) = post(&app, &desa, &path, vague).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Tulis alasan musdes")
    );
    for (proposal, decision) in [
        (&agreed, json!({ "accepted": true, "note": "" })),
        (
            &rejected,
            json!({ "accepted": false, "note": "Sudah menerima bantuan lain" }),
        ),
    ] {
        let action = json!({ "Decide": { "proposal": proposal, "decision": decision } });
        assert_eq!(post(&app, &desa, &path, action).await.0, 200);
    }

    // Evidence: not an image or PDF, or too big, is refused; closing names what is missing.
    let (status, body) = upload(&app, &desa, b"MZ\x90\x00 not a document").await;
    assert_eq!(
        (status, body["message"].as_str()),
        (400, Some("Berkas bukti harus foto (JPEG/PNG) atau PDF."))
    );
    let huge = format!(
        "{}?offset=0&total={}",
        r::EVIDENCE.replace("{hash}", &hex(b"x")),
        11 * 1024 * 1024
    );
    let response = desa.put(app.url(&huge)).body(jpeg(9)).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let unfinished =
        json!({ "Attach": { "document": "DaftarHadir", "file": hex(&jpeg(7)), "name": "x.jpg" } });
    let (status, body) = post(&app, &desa, &path, unfinished).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (
            400,
            Some("Berkas bukti belum selesai diunggah: unggah lagi.")
        )
    );
    attach_all(&app, &desa, &id, Some("DaftarHadir")).await;
    let (status, body) = post(&app, &desa, &path, json!("Close")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Hasil musdes belum lengkap: unggah daftar hadir."
    );
    // Others in scope read it and its files; another desa does not even see it.
    let seen: Value = app.get_json(&kec, &path).await;
    assert_eq!(
        (seen["editable"].as_bool(), seen["missing"].clone()),
        (Some(false), json!(["DaftarHadir"]))
    );
    let (status, _) = post(&app, &kec, &path, json!("Close")).await;
    assert_eq!(status, 403);
    let file = r::EVIDENCE.replace("{hash}", &hex(&pdf()));
    let response = kec.get(app.url(&file)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let other = app.login("op.alasraja").await;
    assert_eq!(
        other.get(app.url(&file)).send().await.unwrap().status(),
        404
    );
    assert_eq!(
        other.get(app.url(&path)).send().await.unwrap().status(),
        404
    );

    // Complete: closing records the decisions and sends the agreed one up.
    let bytes = jpeg(2);
    upload(&app, &desa, &bytes).await;
    let action = json!({ "Attach": { "document": "DaftarHadir", "file": hex(&bytes), "name": "hadir.jpg" } });
    assert_eq!(post(&app, &desa, &path, action).await.0, 200);
    let (status, closed) = post(&app, &desa, &path, json!("Close")).await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["editable"], false);
    assert_eq!(closed["closed"]["by"], "op.lombangdajah");
    assert_eq!(closed["agenda"][0]["state"], "KecamatanCheck");
    assert_eq!(closed["agenda"][1]["state"], "RejectedByMusdes");
    assert_eq!(closed["outcome"].as_array().unwrap().len(), 1);
    assert!(
        closed["outcome"][0]
            .as_str()
            .unwrap()
            .ends_with("dikirim ke kecamatan.")
    );
    let (status, body) = post(&app, &desa, &path, json!("RefreshAgenda")).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (
            400,
            Some("Musdes ini sudah ditutup; hasilnya tidak bisa diubah lagi.")
        )
    );
    let steps: Value = app
        .get_json(&desa, &r::PROPOSAL.replace("{id}", &agreed))
        .await;
    let kinds: Vec<Value> = steps["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].clone())
        .collect();
    assert_eq!(
        kinds,
        [
            json!("SubmitToMusdes"),
            json!({ "RecordMusdesDecision": { "accepted": true } }),
            json!("SendUp")
        ]
    );

    // The chain reads the meeting that decided a proposal, with its evidence.
    let decided: Value = app
        .get_json(&kec, &r::PROPOSAL_MUSDES.replace("{id}", &agreed))
        .await;
    assert_eq!(decided["musdes"], id.as_str());
    assert_eq!(decided["decision"]["accepted"], true);
    assert_eq!(decided["evidence"].as_array().unwrap().len(), 4);

    // Every level sees the desa's standing: held today, so not overdue; its neighbour is.
    let list: Value = app.get_json(&kec, r::MUSDES_LIST).await;
    let standing = |code: &str| {
        list["desa"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["desa"]["code"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(standing("35.26.15.2012")["last_held"], today(&app));
    assert_eq!(standing("35.26.15.2012")["overdue"], Value::Null);
    assert!(
        standing("35.26.15.2004")["overdue"]
            .as_str()
            .unwrap()
            .starts_with("terlambat sejak")
    );
    assert_eq!(list["meetings"][0]["decided"], 2);

    // Notifications: an overdue desa's operator is told; the kecamatan hears how many; a desa
    // that held its musdes today is not told.
    let messages = |list: Value| -> Vec<String> {
        list["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["message"].as_str().unwrap().to_owned())
            .collect()
    };
    let overdue_count = list["desa"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["overdue"].is_null())
        .count();
    let other_notes = messages(app.get_json(&other, r::NOTIFICATIONS).await);
    assert!(
        other_notes.contains(&"Musdes desa ini terlambat sejak 2 Apr 2024 (belum pernah musdes). Jadwalkan musdes di menu Musdes.".to_owned()),
        "{other_notes:?}"
    );
    let kec_notes = messages(app.get_json(&kec, r::NOTIFICATIONS).await);
    assert!(
        kec_notes.contains(&format!(
            "{overdue_count} desa terlambat musdes (lebih dari 3 bulan sejak musdes terakhir); lihat menu Musdes."
        )),
        "{kec_notes:?}"
    );
    let own_notes = messages(app.get_json(&desa, r::NOTIFICATIONS).await);
    assert!(
        !own_notes.iter().any(|m| m.contains("terlambat")),
        "{own_notes:?}"
    );
}
