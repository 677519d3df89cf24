//! The same routes in postcard (the web app) and JSON (integrations), and bad bytes refused
//! with a clear error in the client's own format.

use crate::helpers::{PASSWORD, spawn_app};
use tepat_protocol::routes as r;
use tepat_protocol::{
    ApiError, CONTENT_TYPE_POSTCARD, ErrorCode, FamilyList, LoginRequest, SessionInfo,
};

fn postcard_post(client: &reqwest::Client, url: String, body: Vec<u8>) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header("content-type", CONTENT_TYPE_POSTCARD)
        .header("accept", CONTENT_TYPE_POSTCARD)
        .body(body)
}

#[tokio::test]
async fn the_web_app_speaks_postcard_end_to_end() {
    let app = spawn_app().await;
    let client = app.client();
    let login = LoginRequest {
        username: "op.lombangdajah".into(),
        password: PASSWORD.into(),
    };
    let response = postcard_post(&client, app.url(r::LOGIN), tepat_protocol::encode(&login))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], CONTENT_TYPE_POSTCARD);
    let info: SessionInfo = tepat_protocol::decode(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(info.region.name, "Lombang Dajah");

    let response = client
        .get(app.url(r::FAMILIES))
        .header("accept", CONTENT_TYPE_POSTCARD)
        .send()
        .await
        .unwrap();
    let list: FamilyList = tepat_protocol::decode(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(list.families.len(), 20);
}

#[tokio::test]
async fn malformed_and_future_messages_get_clear_errors_in_postcard() {
    let app = spawn_app().await;
    let client = app.client();
    let response = postcard_post(&client, app.url(r::LOGIN), vec![1, 0xff, 0xff, 0xff])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: ApiError = tepat_protocol::decode(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(error.code, ErrorCode::BadRequest);
    assert!(
        error.message.contains("tidak dapat dibaca"),
        "{}",
        error.message
    );

    let mut future = tepat_protocol::encode(&LoginRequest {
        username: "a".into(),
        password: "b".into(),
    });
    future[0] = 42;
    let response = postcard_post(&client, app.url(r::LOGIN), future)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: ApiError = tepat_protocol::decode(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(error.code, ErrorCode::UnsupportedVersion);
    assert!(error.message.contains("perbarui aplikasi"));
}

#[tokio::test]
async fn json_errors_for_integrations_and_refusals_of_odd_bodies() {
    let app = spawn_app().await;
    let client = app.client();
    let response = client
        .post(app.url(r::LOGIN))
        .header("content-type", "text/plain")
        .body("hi")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Jenis isi tidak didukung")
    );

    let response = client
        .post(app.url(r::LOGIN))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    let huge = vec![b'a'; 200 * 1024];
    let response = client
        .post(app.url(r::LOGIN))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "TooLarge");
}

#[tokio::test]
async fn bad_input_changes_nothing() {
    let app = spawn_app().await;
    use tepat_server::store::Store;
    let before = (
        app.store.users().unwrap(),
        app.store.family_count().unwrap(),
    );
    let client = app.client();
    for body in [vec![], vec![0u8; 10], vec![1, 2, 3]] {
        postcard_post(&client, app.url(r::LOGIN), body)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(
        (
            app.store.users().unwrap(),
            app.store.family_count().unwrap()
        ),
        before
    );
}
