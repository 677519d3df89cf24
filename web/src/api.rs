//! Talking to the server: postcard envelopes in both directions, the session riding on the
//! HttpOnly cookie the server set. Every failure becomes an [`ApiFailure`] the UI can show in
//! the user's language.

use crate::i18n::{Lang, Text};
use gloo::net::http::{Request, RequestBuilder, Response};
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

/// The body of an answer that succeeded; an error answer becomes its [`ApiFailure`]. Not
/// generic: the network half of every call is compiled once, only the decoding per type.
async fn answer(response: Response) -> Result<Vec<u8>, ApiFailure> {
    let ok = response.ok();
    let bytes = response.binary().await.map_err(|_| ApiFailure::Network)?;
    if ok {
        Ok(bytes)
    } else {
        Err(tepat_protocol::decode::<ApiError>(&bytes)
            .map(ApiFailure::Server)
            .unwrap_or(ApiFailure::Unreadable))
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiFailure> {
    tepat_protocol::decode(bytes).map_err(|_| ApiFailure::Unreadable)
}

/// Sends `request` asking for postcard, with `body` (and its media type) if any; answers the
/// answer's body.
async fn send(
    request: RequestBuilder,
    body: Option<(&str, js_sys::Uint8Array)>,
) -> Result<Vec<u8>, ApiFailure> {
    let request = request.header("Accept", CONTENT_TYPE_POSTCARD);
    let request = match body {
        Some((content_type, bytes)) => request
            .header("Content-Type", content_type)
            .body(bytes)
            .map_err(|_| ApiFailure::Unreadable)?,
        None => request.build().map_err(|_| ApiFailure::Unreadable)?,
    };
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    answer(response).await
}

/// GET `path` and decode the answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    decode(&send(Request::get(path), None).await?)
}

/// POST `body` to `path` and decode the answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    let bytes = js_sys::Uint8Array::from(tepat_protocol::encode(body).as_slice());
    decode(&send(Request::post(path), Some((CONTENT_TYPE_POSTCARD, bytes))).await?)
}

/// PUT raw bytes (a photo chunk) to `path` and decode the answer.
pub async fn put_bytes<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, ApiFailure> {
    let bytes = js_sys::Uint8Array::from(bytes);
    decode(
        &send(
            Request::put(path),
            Some(("application/octet-stream", bytes)),
        )
        .await?,
    )
}

/// POST raw bytes (an uploaded file) to `path` and decode the answer.
pub async fn post_bytes<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, ApiFailure> {
    let bytes = js_sys::Uint8Array::from(bytes);
    decode(
        &send(
            Request::post(path),
            Some(("application/octet-stream", bytes)),
        )
        .await?,
    )
}

/// POST with no body and no answer body (logout).
pub async fn post_empty(path: &str) -> Result<(), ApiFailure> {
    send(Request::post(path), None).await.map(drop)
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
