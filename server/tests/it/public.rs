//! The residents' public pages over real HTTP: the status check's answers, its audit trail, a
//! sanggah filed and followed by its code, the security headers, and a musdes draft hidden
//! from anyone outside the desa's scope.

use crate::helpers::spawn_app;
use tepat_domain::{Family, RegionCode};
use tepat_server::store::{AuditAction, Store};

const NEUTRAL: &str = "Data tidak ditemukan untuk NIK dan nama ini di desa yang dipilih.";

fn first_family_in(store: &dyn Store, desa: &str) -> Family {
    let desa = RegionCode::parse(desa).unwrap();
    store.families_in(&desa).unwrap().remove(0)
}

async fn check(
    client: &reqwest::Client,
    base: &str,
    nik: &str,
    nama: &str,
    desa: &str,
) -> (u16, String) {
    let response = client
        .post(format!("{base}/publik/cek"))
        .form(&[("nik", nik), ("nama", nama), ("desa", desa)])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The answer box of a check page.
fn answer(page: &str) -> &str {
    let start = page.find(r#"data-testid="cek-answer""#).expect("an answer");
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

#[tokio::test]
async fn a_check_answers_only_a_matching_nik_and_name_in_its_desa_and_logs_no_full_nik() {
    let app = spawn_app().await;
    let home = first_family_in(app.store.as_ref(), "35.26.15.2012");
    let away = first_family_in(app.store.as_ref(), "35.26.15.2004");
    let head = home.head().unwrap();
    let other = away.head().unwrap();
    let client = app.client();
    let base = app.base.clone();

    let started = std::time::Instant::now();
    let (status, found) = check(
        &client,
        &base,
        head.nik.as_str(),
        &head.name,
        "35.26.15.2012",
    )
    .await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(700),
        "held to the floor"
    );
    assert_eq!(status, 200);
    assert!(answer(&found).contains("Terdaftar"), "{found}");
    assert!(answer(&found).contains("Desa Lombang Dajah"));
    let other_members: Vec<&str> = home
        .members
        .iter()
        .skip(1)
        .map(|m| m.name.as_str())
        .collect();
    for name in other_members {
        assert!(!found.contains(name), "no other member is named: {name}");
    }
    assert!(!found.contains(&home.address.street), "no address");

    let misses = [
        check(
            &client,
            &base,
            head.nik.as_str(),
            "Nama Yang Salah",
            "35.26.15.2012",
        )
        .await,
        check(
            &client,
            &base,
            "3526151201900099",
            &head.name,
            "35.26.15.2012",
        )
        .await,
        check(
            &client,
            &base,
            other.nik.as_str(),
            &other.name,
            "35.26.15.2012",
        )
        .await,
    ];
    for (status, page) in &misses {
        assert_eq!(*status, 200);
        assert!(answer(page).contains(NEUTRAL), "{page}");
        assert_eq!(answer(page), answer(&misses[0].1), "one neutral answer");
    }

    // A malformed NIK is a form error beside the field, the typed text kept.
    let (status, page) = check(&client, &base, "12345", &head.name, "35.26.15.2012").await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-testid="error-nik""#) && page.contains(r#"value="12345""#));
    assert!(!page.contains(r#"data-testid="cek-answer""#));

    let checks: Vec<_> = app
        .store
        .recent_audit(50)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::PublicCheck)
        .collect();
    assert_eq!(checks.len(), 4, "every check, not the form error");
    for entry in &checks {
        assert_eq!(entry.actor, "warga");
        assert!(
            entry
                .device
                .as_deref()
                .is_some_and(|d| d.contains("127.0.0.1"))
        );
        for nik in [head.nik.as_str(), other.nik.as_str(), "3526151201900099"] {
            assert!(!entry.detail.contains(nik), "full NIK in {}", entry.detail);
        }
        assert!(
            !entry.detail.contains(&head.name),
            "typed name in {}",
            entry.detail
        );
    }
    let details: Vec<&str> = checks.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details.iter().filter(|d| d.ends_with(": cocok")).count(),
        1,
        "{details:?}"
    );
    assert_eq!(
        details
            .iter()
            .filter(|d| d.ends_with(": tidak cocok"))
            .count(),
        3
    );
    assert!(details.iter().any(|d| d.contains(&head.nik.masked())));
}

#[tokio::test]
async fn a_sanggah_becomes_a_case_its_reporter_follows_by_code_without_their_phone() {
    let app = spawn_app().await;
    let target = first_family_in(app.store.as_ref(), "35.26.15.2012");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url("/publik/sanggah"))
        .form(&[
            ("desa", "35.26.15.2012"),
            ("nama", target.head_name()),
            ("dusun", target.address.dusun.as_str()),
            ("alasan", "mobil"),
            ("keterangan", "Punya mobil baru dan rumah dua lantai."),
            ("telepon", "0812-3456-7890"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/publik/kasus/SGH-") && location.ends_with("?baru=1"),
        "{location}"
    );
    let code = location
        .trim_start_matches("/publik/kasus/")
        .trim_end_matches("?baru=1");
    let stored = app
        .store
        .case_by_code(&tepat_domain::cases::CaseCode::parse(code).unwrap())
        .unwrap()
        .expect("the case is saved");
    assert_eq!(stored.phone.as_deref(), Some("081234567890"));
    assert!(
        stored.matches.contains(&target.id),
        "the named family is flagged"
    );
    let filed = app.store.recent_audit(5).unwrap();
    let entry = filed
        .iter()
        .find(|e| e.action == AuditAction::CaseFiled)
        .unwrap();
    assert!(entry.detail.contains(code) && !entry.detail.contains(target.head_name()));

    let response = client.get(app.url(&location)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(response.headers()[name], value, "{name}");
    }
    let page = response.text().await.unwrap();
    assert!(page.contains("Simpan kode ini") && page.contains(code));
    assert!(page.contains("Diterima, menunggu kunjungan"));
    for secret in ["0812", "081234567890", target.head_name()] {
        assert!(!page.contains(secret), "{secret} on the case page");
    }

    // A sanggah missing its reason and detail: errors beside the fields, the name kept.
    let response = client
        .post(app.url("/publik/sanggah"))
        .form(&[
            ("desa", "35.26.15.2012"),
            ("nama", "Budi <Santoso>"),
            ("dusun", "Barat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"data-testid="error-alasan""#)
            && page.contains(r#"data-testid="error-keterangan""#)
    );
    assert!(page.contains(r#"value="Budi &lt;Santoso&gt;""#));

    let unknown = client
        .get(app.url("/publik/kasus/SGH-2222-2222"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("Kode kasus tidak ditemukan")
    );
}

#[tokio::test]
async fn a_musdes_not_yet_closed_is_shown_only_inside_its_desa_scope_as_a_draft() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let id = uuid::Uuid::now_v7();
    let response = operator
        .post(app.url("/api/v1/musdes"))
        .json(&serde_json::json!({ "id": id, "schedule": { "date": "2026-11-23", "time": "09:00:00", "place": "Balai Desa", "chair": "Ketua BPD" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let path = format!("/publik/musdes/35.26.15.2012/{id}");
    let page = operator.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("DRAF — untuk dicetak"));
    for outsider in [app.client(), app.login("op.alasraja").await] {
        let page = outsider.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 404);
    }
    let list = app
        .client()
        .get(app.url("/publik/musdes/35.26.15.2012"))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    assert!(
        !list.text().await.unwrap().contains("DRAF"),
        "the desa's page lists closed meetings only"
    );
}

/// A multipart body of text fields and an optional photo, with its content type.
fn multipart(fields: &[(&str, &str)], photo: Option<&[u8]>) -> (String, Vec<u8>) {
    let boundary = "----tepat-uji-7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some(bytes) = photo {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"rumah.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_usul_keeps_its_photo_whole_flags_the_same_nik_and_refuses_a_photo_that_is_not_one() {
    let app = spawn_app().await;
    let registered = first_family_in(app.store.as_ref(), "35.26.15.2012");
    let nik = registered.head().unwrap().nik.to_string();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let fields = [
        ("desa", "35.26.15.2012"),
        ("nama", "Sumiati"),
        ("nik", nik.as_str()),
        ("alamat", "Gang Mawar 3"),
        ("dusun", "Barat"),
        ("rt", "2"),
        ("rw", "1"),
        ("alasan", "Janda dengan tiga anak, rumah hampir roboh."),
        ("telepon", "+62 812 3456 7890"),
    ];
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(7u8, 4000));
    let (kind, body) = multipart(&fields, Some(&png));
    let response = client
        .post(app.url("/publik/usul"))
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let code = location
        .trim_start_matches("/publik/kasus/")
        .trim_end_matches("?baru=1");
    let case = app
        .store
        .case_by_code(&tepat_domain::cases::CaseCode::parse(code).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(case.phone.as_deref(), Some("081234567890"));
    assert!(
        case.matches.contains(&registered.id),
        "the same NIK is flagged"
    );
    let tepat_domain::cases::CaseSubject::Usul(usul) = &case.subject else {
        panic!("an usul");
    };
    let hash = tepat_server::blobs::BlobHash(usul.photo.expect("the photo"));
    let blobs = tepat_server::blobs::FileBlobStore::new(app.store_dir().join("blobs"));
    assert_eq!(
        blobs.read(&hash).unwrap().as_deref(),
        Some(png.as_slice()),
        "stored whole"
    );

    let (kind, body) = multipart(&fields, Some(b"GIF89a not a photo"));
    let response = client
        .post(app.url("/publik/usul"))
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Foto harus berupa gambar JPEG atau PNG."));
    assert!(
        page.contains(r#"value="Sumiati""#),
        "the typed name is kept"
    );
}

#[tokio::test]
async fn a_registered_family_reads_its_latest_proposal_in_words_and_an_oversized_usul_is_refused_clearly()
 {
    let app = spawn_app().await;
    let family = first_family_in(app.store.as_ref(), "35.26.15.2012");
    let head = family.head().unwrap();
    let operator = app.login("op.lombangdajah").await;
    let response = operator
        .post(app.url("/api/v1/proposals"))
        .json(&serde_json::json!({ "family": family.id, "kind": "NewFamily" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let (status, page) = check(
        &app.client(),
        &app.base,
        head.nik.as_str(),
        &head.name,
        "35.26.15.2012",
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        answer(&page).contains("Usulan baru — Draf"),
        "{}",
        answer(&page)
    );

    let mut photo = vec![0xFF, 0xD8, 0xFF];
    photo.resize(7 * 1024 * 1024, 0);
    let (kind, body) = multipart(&[("desa", "35.26.15.2012"), ("nama", "Budi")], Some(&photo));
    let response = app
        .client()
        .post(app.url("/publik/usul"))
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Foto terlalu besar")
    );
}
