//! Logins, sessions, logout, rate limiting and the audit trail, over HTTP.

use crate::helpers::{PASSWORD, error_code, spawn_app};
use tepat_protocol::routes as r;
use tepat_server::store::{AuditAction, Store};

fn login_body(username: &str, password: &str) -> serde_json::Value {
    serde_json::json!({ "username": username, "password": password })
}

#[tokio::test]
async fn login_sets_a_strict_httponly_cookie_and_logout_ends_the_session() {
    let app = spawn_app().await;
    let client = app.client();
    let response = client
        .post(app.url(r::LOGIN))
        .json(&login_body("Op.LombangDajah", PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("tepat_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let token = cookie.split(';').next().unwrap().to_owned();

    let me: serde_json::Value = app.get_json(&client, r::ME).await;
    assert_eq!(me["username"], "op.lombangdajah");
    assert_eq!(me["region"]["name"], "Lombang Dajah");

    assert_eq!(
        client
            .post(app.url(r::LOGOUT))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    // The old token is dead on the server, not just forgotten by the browser.
    let replay = reqwest::Client::new()
        .get(app.url(r::ME))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
    assert_eq!(error_code(replay).await, "Unauthenticated");
}

#[tokio::test]
async fn wrong_password_is_refused_in_indonesian_and_audited() {
    let app = spawn_app().await;
    let response = app
        .client()
        .post(app.url(r::LOGIN))
        .json(&login_body("op.lombangdajah", "salah-sandi"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "BadCredentials");
    assert_eq!(body["message"], "Nama pengguna atau kata sandi salah.");
    // An unknown user gets the very same answer.
    let unknown = app
        .client()
        .post(app.url(r::LOGIN))
        .json(&login_body("siapa", "salah-sandi"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    let audit = app.store.recent_audit(5).unwrap();
    assert_eq!(audit[0].action, AuditAction::LoginFailed);
    assert_eq!(audit[0].actor, "siapa");
    assert_eq!(audit[1].actor, "op.lombangdajah");
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let client = app.client();
    for _ in 0..5 {
        let r = client
            .post(app.url(r::LOGIN))
            .json(&login_body("op.alasraja", "tebak-tebak"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    // Even the right password waits now.
    let locked = client
        .post(app.url(r::LOGIN))
        .json(&login_body("op.alasraja", PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(locked.status(), 429);
    let body: serde_json::Value = locked.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."
    );
    // Other accounts are not affected.
    app.login("op.lombangdajah").await;
    // After the period the right password works again.
    app.clock
        .set(crate::helpers::start_time() + jiff::SignedDuration::from_mins(15));
    let freed = client
        .post(app.url(r::LOGIN))
        .json(&login_body("op.alasraja", PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(freed.status(), 200);
}

/// Behind a reverse proxy every client arrives from the proxy's address. With the proxy named
/// (`--trusted-proxy`), failed logins count per forwarded client, so one client's guessing does
/// not lock out the next; without it a forwarded header is ignored and dodges nothing.
#[tokio::test]
async fn failed_logins_count_per_client_behind_a_trusted_proxy_and_a_forged_header_dodges_nothing()
{
    use tepat_server::auth::limiter::MAX_FAILURES_PER_ADDRESS;
    for trusted in [true, false] {
        let app = crate::helpers::spawn_app_with(|config| {
            if trusted {
                config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            }
        })
        .await;
        let client = app.client();
        let attempt = |username: &str, password: &str, from: &str| {
            client
                .post(app.url(r::LOGIN))
                .header("x-forwarded-for", from)
                .json(&login_body(username, password))
                .send()
        };
        for i in 0..MAX_FAILURES_PER_ADDRESS {
            let guess = attempt(&format!("tamu{i}"), "tebak-tebak", "203.0.113.7");
            assert_eq!(guess.await.unwrap().status(), 401);
        }
        let stopped = attempt("tamu-lagi", "tebak-tebak", "203.0.113.7");
        assert_eq!(stopped.await.unwrap().status(), 429, "trusted: {trusted}");
        let other = attempt("op.lombangdajah", PASSWORD, "203.0.113.8")
            .await
            .unwrap();
        assert_eq!(
            other.status(),
            if trusted { 200 } else { 429 },
            "trusted: {trusted}"
        );
    }
}

#[tokio::test]
async fn sessions_expire_after_twelve_hours() {
    let app = spawn_app().await;
    let client = app.login("bupati").await;
    app.clock
        .set(crate::helpers::start_time() + jiff::SignedDuration::from_mins(11 * 60 + 59));
    assert_eq!(
        client.get(app.url(r::ME)).send().await.unwrap().status(),
        200
    );
    app.clock
        .set(crate::helpers::start_time() + jiff::SignedDuration::from_hours(12));
    assert_eq!(
        client.get(app.url(r::ME)).send().await.unwrap().status(),
        401
    );
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_only() {
    let app = spawn_app().await;
    let user = app.store.user("admin").unwrap().unwrap();
    assert!(user.password_hash.starts_with("$argon2id$v=19$"));
    assert!(!user.password_hash.contains(PASSWORD));
}
