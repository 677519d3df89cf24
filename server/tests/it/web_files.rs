//! The web app's files as the server sends them: the `.br` / `.gz` the build leaves beside each
//! file go to a browser that accepts them, with the original's content type; a client that
//! accepts neither gets the file itself; client-side routes get the app's index.html.

use crate::helpers::spawn_app_with;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};

/// A web folder with one wasm file in three forms, told apart by their bytes.
fn web_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", b"<!doctype html><title>Tepat</title>");
    write("app.wasm", b"\0asm plain bytes of the app");
    write("app.wasm.br", b"brotli bytes");
    write("app.wasm.gz", b"gzip bytes");
    dir
}

async fn fetch(base: &str, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.unwrap()
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_accept_them() {
    let web = web_folder();
    let dir = web.path().to_path_buf();
    let app = spawn_app_with(move |config| config.web_dir = Some(dir)).await;

    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"brotli bytes"[..],
        ),
        (Some("gzip, deflate"), Some("gzip"), &b"gzip bytes"[..]),
        (None, None, &b"\0asm plain bytes of the app"[..]),
    ] {
        let response = fetch(&app.base, "/app.wasm", accept).await;
        assert_eq!(response.status(), 200, "accept {accept:?}");
        assert_eq!(
            header(&response, CONTENT_TYPE).as_deref(),
            Some("application/wasm"),
            "the browser compiles wasm only with its own type (accept {accept:?})"
        );
        assert_eq!(header(&response, CONTENT_ENCODING).as_deref(), encoding);
        assert_eq!(&response.bytes().await.unwrap()[..], body);
    }

    let page = fetch(&app.base, "/peta", None).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<title>Tepat</title>"));
}
