//! Photos over HTTP: a chunked upload that resumes after a broken connection, verified before it
//! is visible; served only within scope; bad uploads refused with reasons.

use crate::helpers::{TestApp, spawn_app};
use serde_json::Value;
use tepat_protocol::routes as r;
use tepat_server::blobs::BlobHash;

fn jpeg(len: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
    bytes.extend((0..len).map(|i| (i * 13 % 253) as u8));
    bytes
}

async fn put_chunk(
    app: &TestApp,
    client: &reqwest::Client,
    hash: &str,
    offset: usize,
    total: usize,
    chunk: &[u8],
) -> (u16, Value) {
    let path = format!(
        "{}?offset={offset}&total={total}",
        r::PHOTO.replace("{hash}", hash)
    );
    let response = client
        .put(app.url(&path))
        .header("content-type", "application/octet-stream")
        .header("accept", "application/json")
        .body(chunk.to_vec())
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// Saves a family as JSON (an integration's or the form's write) and expects it taken.
async fn save_family(app: &TestApp, client: &reqwest::Client, family: &tepat_domain::Family) {
    let saved = client
        .put(app.url(&r::family_path(&family.id)))
        .json(family)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
}

#[tokio::test]
async fn a_photo_arrives_in_chunks_resumes_and_is_served_within_scope() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let photo = jpeg(700_000);
    let hash = BlobHash::of(&photo).hex();
    let total = photo.len();
    let (status, body) = put_chunk(&app, &operator, &hash, 0, total, &photo[..300_000]).await;
    assert_eq!((status, body["received"].as_u64()), (200, Some(300_000)));
    // The connection broke: ask where to go on.
    let asked = app
        .get_json(&operator, &r::PHOTO_STATUS.replace("{hash}", &hash))
        .await;
    assert_eq!(asked["received"], 300_000);
    assert_eq!(asked["complete"], false);
    let (status, body) = put_chunk(&app, &operator, &hash, 0, total, &photo[..10]).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("mulai byte 300000"),
        "{body}"
    );
    let (_, body) = put_chunk(
        &app,
        &operator,
        &hash,
        300_000,
        total,
        &photo[300_000..600_000],
    )
    .await;
    assert_eq!(body["complete"], false);
    let (_, body) = put_chunk(&app, &operator, &hash, 600_000, total, &photo[600_000..]).await;
    assert_eq!(body["complete"], true);

    // Not served until a family refers to it.
    let photo_path = r::PHOTO.replace("{hash}", &hash);
    assert_eq!(
        operator
            .get(app.url(&photo_path))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let mut family = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == "35.26.15.2012")
        .unwrap();
    family.photos.front = Some(tepat_domain::family::PhotoRef(
        BlobHash::parse(&hash).unwrap().0,
    ));
    save_family(&app, &operator, &family).await;

    let served = operator.get(app.url(&photo_path)).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.bytes().await.unwrap().to_vec(), photo);
    assert_eq!(
        app.login("kec.blega")
            .await
            .get(app.url(&photo_path))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let other = app
        .login("op.alasraja")
        .await
        .get(app.url(&photo_path))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
}

#[tokio::test]
async fn bad_uploads_are_refused_with_reasons() {
    let app = spawn_app().await;
    let operator = app.login("op.lombangdajah").await;
    let photo = jpeg(1_000);
    let wrong = BlobHash::of(b"lain").hex();
    let (status, body) = put_chunk(&app, &operator, &wrong, 0, photo.len(), &photo).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("rusak"));
    let text = b"bukan foto".to_vec();
    let (status, body) = put_chunk(
        &app,
        &operator,
        &BlobHash::of(&text).hex(),
        0,
        text.len(),
        &text,
    )
    .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (400, Some("Berkas bukan foto JPEG."))
    );
    let (status, _) = put_chunk(
        &app,
        &operator,
        &BlobHash::of(&photo).hex(),
        0,
        4 * 1024 * 1024,
        &photo,
    )
    .await;
    assert_eq!(status, 413);
    let (status, _) = put_chunk(&app, &operator, "XYZ", 0, photo.len(), &photo).await;
    assert_eq!(status, 400);
    let (status, body) = put_chunk(
        &app,
        &app.login("bupati").await,
        &BlobHash::of(&photo).hex(),
        0,
        photo.len(),
        &photo,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("Forbidden")));
}

/// A house drawn as a JPEG: sky shading one way, a roof, a wall. `roof_at` moves the house (a
/// different one); `width` and `quality` change the file (the same house photographed again).
fn house(roof_at: f32, width: u16, quality: u8) -> Vec<u8> {
    let height = width * 3 / 4;
    let mut rgb = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
    for y in 0..height {
        for x in 0..width {
            let (xf, yf) = (
                f32::from(x) / f32::from(width),
                f32::from(y) / f32::from(height),
            );
            let roof = yf > 0.2 && yf < 0.5 && (xf - roof_at).abs() < (yf - 0.2) * 1.2;
            let wall = yf >= 0.5 && (xf - roof_at).abs() < 0.3;
            let pixel = if roof {
                [190, 50, 40]
            } else if wall {
                [120, 90, 60]
            } else {
                let shade = (xf * 150.0) as u8;
                [230 - shade, 235 - shade / 2, 245]
            };
            rgb.extend(pixel);
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(&rgb, width, height, jpeg_encoder::ColorType::Rgb)
        .expect("encodes");
    out
}

#[test]
fn the_same_house_reshot_looks_alike_and_another_house_does_not() {
    use tepat_server::photo_likeness::{MAX_DISTANCE, difference_hash};
    let original = difference_hash(&house(0.35, 640, 90)).expect("decodes");
    let reshot = difference_hash(&house(0.35, 480, 55)).expect("decodes");
    assert!(
        (original ^ reshot).count_ones() <= MAX_DISTANCE,
        "{original:064b}\n{reshot:064b}"
    );
    let other = difference_hash(&house(0.7, 640, 90)).expect("decodes");
    assert!(
        (original ^ other).count_ones() > MAX_DISTANCE,
        "{original:064b}\n{other:064b}"
    );
    assert_eq!(difference_hash(b"not a jpeg"), None);
}

/// Uploads a photo whole and answers its reference.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    photo: &[u8],
) -> tepat_domain::family::PhotoRef {
    let hash = BlobHash::of(photo);
    let (status, body) = put_chunk(app, client, &hash.hex(), 0, photo.len(), photo).await;
    assert_eq!(
        (status, &body["complete"]),
        (200, &Value::Bool(true)),
        "{body}"
    );
    tepat_domain::family::PhotoRef(hash.0)
}

#[tokio::test]
async fn the_same_house_photographed_for_two_families_is_told_to_both_desa() {
    let app = spawn_app().await;
    let lombang = app.login("op.lombangdajah").await;
    let alas = app.login("op.alasraja").await;
    let told = |client: reqwest::Client| {
        let app = &app;
        async move {
            let list: Value = app.get_json(&client, r::NOTIFICATIONS).await;
            list["notifications"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|n| n["message"].as_str().map(str::to_owned))
                .filter(|m| m.starts_with("Foto rumah"))
                .collect::<Vec<_>>()
        }
    };
    let demo = tepat_server::demo::families();
    let of = |desa: &str, nth: usize| {
        demo.iter()
            .filter(|f| f.desa.as_str() == desa)
            .nth(nth)
            .cloned()
            .unwrap()
    };

    let mut first = of("35.26.15.2012", 0);
    first.photos.front = Some(upload(&app, &lombang, &house(0.35, 640, 90)).await);
    save_family(&app, &lombang, &first).await;
    assert!(told(lombang.clone()).await.is_empty());

    // Another house in Alas Rajah: nothing to tell.
    let mut neighbour = of("35.26.15.2004", 1);
    neighbour.photos.front = Some(upload(&app, &alas, &house(0.7, 640, 90)).await);
    save_family(&app, &alas, &neighbour).await;
    assert!(told(alas.clone()).await.is_empty());

    // The first house photographed again, for a family of Alas Rajah: both desa are told.
    let mut second = of("35.26.15.2004", 0);
    second.photos.inside = Some(upload(&app, &alas, &house(0.35, 480, 55)).await);
    save_family(&app, &alas, &second).await;
    let alas_told = told(alas.clone()).await;
    assert_eq!(alas_told.len(), 1, "{alas_told:?}");
    assert!(alas_told[0].contains(first.head_name()), "{}", alas_told[0]);
    assert!(
        alas_told[0].contains("Desa Lombang Dajah"),
        "{}",
        alas_told[0]
    );
    let lombang_told = told(lombang.clone()).await;
    assert_eq!(lombang_told.len(), 1, "{lombang_told:?}");
    assert!(
        lombang_told[0].contains("Desa Alas Rajah"),
        "{}",
        lombang_told[0]
    );

    // Saving again with the same photo tells nobody twice.
    save_family(&app, &alas, &second).await;
    assert_eq!(told(alas).await.len(), 1);
}
