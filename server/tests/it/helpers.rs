//! `spawn_app`: a real server on 127.0.0.1:0 over a fresh redb file with demo data, and a clock
//! the test can move.

use std::sync::Arc;
use tepat_domain::RegionCode;
use tepat_server::bootstrap::prepare;
use tepat_server::clock::FixedClock;
use tepat_server::store::{RedbStore, Store};
use tepat_server::{AppState, ServerConfig, serve};
use tokio::sync::oneshot;

pub const PASSWORD: &str = tepat_server::demo::DEMO_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub clock: Arc<FixedClock>,
    pub store: Arc<RedbStore>,
    shutdown: oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    dir: tempfile::TempDir,
}

pub fn start_time() -> jiff::Timestamp {
    "2026-11-23T02:00:00Z".parse().unwrap()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// [`spawn_app`] with its configuration changed by `tweak` first.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut ServerConfig)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(RedbStore::open(&dir.path().join("tepat.redb")).unwrap());
    let kabupaten = RegionCode::parse("35.26").unwrap();
    let clock = Arc::new(FixedClock::new(start_time()));
    let prep_store = store.clone();
    let prep_kab = kabupaten.clone();
    tokio::task::spawn_blocking(move || {
        prepare(prep_store.as_ref(), &prep_kab, true, start_time()).unwrap()
    })
    .await
    .unwrap();
    let mut config = ServerConfig::new(kabupaten);
    config.blob_dir = dir.path().join("blobs");
    tweak(&mut config);
    let state = AppState::new(store.clone() as Arc<dyn Store>, clock.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, state, async {
        let _ = rx.await;
    }));
    TestApp {
        base,
        clock,
        store,
        shutdown: tx,
        server,
        dir,
    }
}

/// The SHA-256 of `bytes` in lower-case hex: the name an uploaded file goes by.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl TestApp {
    /// Uploads an import file as `client` in chunks of 1000 bytes, each answered 200; its hash.
    pub async fn upload_import_file(&self, client: &reqwest::Client, bytes: &[u8]) -> String {
        let hash = sha256_hex(bytes);
        let file = self.url(&tepat_protocol::routes::import_file_path(&hash));
        upload_in_chunks(client, &file, bytes, 1000).await;
        hash
    }

    /// Stops the server and closes its database (drop the test's clients first); the folder
    /// holding `tepat.redb`, for commands run on it as with the server stopped.
    pub async fn stop(self) -> tempfile::TempDir {
        let _ = self.shutdown.send(());
        self.server.await.unwrap().unwrap();
        drop(self.store);
        self.dir
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path` with `client` and read the JSON answer (whatever its status).
    pub async fn get_json(&self, client: &reqwest::Client, path: &str) -> serde_json::Value {
        client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A client with a cookie jar, not logged in.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    /// A client logged in as `username` (JSON).
    pub async fn login(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let response = client
            .post(self.url(tepat_protocol::routes::LOGIN))
            .json(&serde_json::json!({ "username": username, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "login as {username}");
        client
    }

    /// The server's data folder (the database and `blobs/`).
    pub fn store_dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

/// The `code` field of a JSON error answer.
pub async fn error_code(response: reqwest::Response) -> String {
    let body: serde_json::Value = response.json().await.unwrap();
    body["code"].as_str().unwrap_or_default().to_owned()
}

/// PUTs `bytes` to the resumable upload at `url` in chunks of `chunk` bytes (`?offset=&total=`,
/// as tablets upload photos and files). Panics unless the server takes every chunk.
pub async fn upload_in_chunks(client: &reqwest::Client, url: &str, bytes: &[u8], chunk: usize) {
    let mut offset = 0;
    for part in bytes.chunks(chunk) {
        let response = client
            .put(format!("{url}?offset={offset}&total={}", bytes.len()))
            .header("content-type", "application/octet-stream")
            .body(part.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        offset += part.len();
    }
}
