//! Content negotiation: the web app speaks postcard envelopes, integrations speak JSON, on the
//! same routes. [`Format`] reads `Accept`, [`Body`] reads a request by its `Content-Type`,
//! [`Reply`] answers in the asked format, and [`negotiate_errors`] makes errors follow suit.

use crate::error::AppError;
use axum::body::{Body as AxumBody, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, HeaderValue, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Serialize, de::DeserializeOwned};
use tepat_protocol::{ApiError, CONTENT_TYPE_POSTCARD};

/// The largest API request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The encoding a client wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Postcard in a versioned envelope (the web app).
    Postcard,
    /// JSON (integrations, the default).
    Json,
}

impl Format {
    fn from_accept(headers: &HeaderMap) -> Format {
        let wants_postcard = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(CONTENT_TYPE_POSTCARD));
        if wants_postcard {
            Format::Postcard
        } else {
            Format::Json
        }
    }

    /// Answers `body` in this format.
    pub fn reply<T: Serialize>(self, body: T) -> Reply<T> {
        Reply { format: self, body }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Format {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Format::from_accept(&parts.headers))
    }
}

/// A response body in the client's format.
pub struct Reply<T> {
    format: Format,
    body: T,
}

impl<T: Serialize> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        match self.format {
            Format::Json => axum::Json(self.body).into_response(),
            Format::Postcard => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(CONTENT_TYPE_POSTCARD),
                )],
                tepat_protocol::encode(&self.body),
            )
                .into_response(),
        }
    }
}

/// A request body decoded by its `Content-Type` (postcard envelope or JSON).
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::TooLarge)?;
        decode_body(&content_type, &bytes).map(Body)
    }
}

/// Decodes a request body of `content_type` (postcard envelope or JSON): what [`Body`] does
/// with the bytes, public so the fuzz targets (`fuzz/`) feed it exactly as the server does.
pub fn decode_body<T: DeserializeOwned>(content_type: &str, bytes: &[u8]) -> Result<T, AppError> {
    if content_type.starts_with(CONTENT_TYPE_POSTCARD) {
        Ok(tepat_protocol::decode(bytes)?)
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice(bytes).map_err(|e| {
            AppError::BadRequest(format!("JSON tidak dapat dibaca: periksa isian ({e})."))
        })
    } else {
        Err(AppError::BadRequest(format!(
            "Jenis isi tidak didukung: kirim application/json atau {CONTENT_TYPE_POSTCARD}."
        )))
    }
}

/// Middleware: an error response carries its [`ApiError`] (axum's own refusals get one from
/// [`crate::rejection::explain`]); re-encode it as a postcard envelope when the client asked
/// for postcard.
pub async fn negotiate_errors(request: Request, next: Next) -> Response {
    let format = Format::from_accept(request.headers());
    let (path, method) = (request.uri().path().to_owned(), request.method().clone());
    // axum's own refusals (query, path, form, body limit, method) as the route's error body.
    let mut response = crate::rejection::explain(&path, &method, next.run(request).await).await;
    if format == Format::Postcard
        && let Some(error) = response.extensions_mut().remove::<ApiError>()
    {
        let status = response.status();
        let mut replaced = format.reply(error).into_response();
        *replaced.status_mut() = status;
        return replaced;
    }
    response
}

/// An empty 204 answer.
pub fn no_content() -> Response {
    (axum::http::StatusCode::NO_CONTENT, AxumBody::empty()).into_response()
}
