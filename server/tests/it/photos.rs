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
    let saved = operator
        .put(app.url(&r::family_path(&family.id)))
        .json(&family)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);

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
