//! Talking to the server: postcard envelopes in both directions, the session riding on the
//! HttpOnly cookie the server set. Every failure becomes an [`ApiFailure`] the UI can show in
//! the user's language.

use crate::i18n::{Lang, Text};
use gloo::net::http::{Request, Response};
use serde::{Serialize, de::DeserializeOwned};
use tepat_protocol::{ApiError, CONTENT_TYPE_POSTCARD, ErrorCode};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error.
    Server(ApiError),
    /// The server could not be reached.
    Network,
    /// The answer could not be read (a server of another version).
    Unreadable,
}

impl ApiFailure {
    /// Whether the user must log in (again).
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiFailure::Server(e) if e.code == ErrorCode::Unauthenticated)
    }

    /// What to tell the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ApiFailure::Server(e), Lang::Id) => e.message.clone(),
            (ApiFailure::Server(e), Lang::En) => e.code.message_en().to_owned(),
            (ApiFailure::Network, _) => Text::NetworkError.get(lang).to_owned(),
            (ApiFailure::Unreadable, Lang::Id) => {
                "Jawaban server tidak dapat dibaca: muat ulang halaman untuk memperbarui aplikasi."
                    .into()
            }
            (ApiFailure::Unreadable, Lang::En) => {
                "The server's answer could not be read: reload the page to update the app.".into()
            }
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let ok = response.ok();
    let bytes = response.binary().await.map_err(|_| ApiFailure::Network)?;
    if ok {
        tepat_protocol::decode(&bytes).map_err(|_| ApiFailure::Unreadable)
    } else {
        Err(tepat_protocol::decode::<ApiError>(&bytes)
            .map(ApiFailure::Server)
            .unwrap_or(ApiFailure::Unreadable))
    }
}

/// GET `path` and decode the answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let response = Request::get(path)
        .header("Accept", CONTENT_TYPE_POSTCARD)
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

/// POST `body` to `path` and decode the answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    let response = Request::post(path)
        .header("Accept", CONTENT_TYPE_POSTCARD)
        .header("Content-Type", CONTENT_TYPE_POSTCARD)
        .body(tepat_protocol::encode(body))
        .map_err(|_| ApiFailure::Unreadable)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

/// Sends raw bytes with `request` (a PUT or POST builder) and decodes the answer.
async fn send_bytes<T: DeserializeOwned>(
    request: gloo::net::http::RequestBuilder,
    bytes: &[u8],
) -> Result<T, ApiFailure> {
    let response = request
        .header("Accept", CONTENT_TYPE_POSTCARD)
        .header("Content-Type", "application/octet-stream")
        .body(js_sys::Uint8Array::from(bytes))
        .map_err(|_| ApiFailure::Unreadable)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

/// PUT raw bytes (a photo chunk) to `path` and decode the answer.
pub async fn put_bytes<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, ApiFailure> {
    send_bytes(Request::put(path), bytes).await
}

/// POST raw bytes (an uploaded file) to `path` and decode the answer.
pub async fn post_bytes<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, ApiFailure> {
    send_bytes(Request::post(path), bytes).await
}

/// POST with no body and no answer body (logout).
pub async fn post_empty(path: &str) -> Result<(), ApiFailure> {
    let response = Request::post(path)
        .header("Accept", CONTENT_TYPE_POSTCARD)
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if response.ok() {
        Ok(())
    } else {
        read::<()>(response).await
    }
}

/// A path with query parameters, each value percent-encoded.
pub fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}
