//! Axum's own refusals, said in Indonesian in the body the route speaks. When an extractor
//! cannot read a request (a query string with a wrong value, a path with bad percent-encoding, a
//! form of the wrong content type, a body over its limit) or a route does not take the method,
//! axum answers a 4xx with an English plain-text line (or nothing). [`explain`] turns each such
//! answer into an [`ApiError`] for the API (JSON; `wire::negotiate_errors` re-encodes it as
//! postcard when asked) and into the message page for the residents' pages under `/publik`,
//! keeping the status. The English detail stays in the API message in parentheses (which
//! parameter and why), never on the residents' pages; answers that already carry an
//! [`ApiError`] or a page are left alone.

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tepat_protocol::{ApiError, ErrorCode};

/// The longest rejection text read (axum's are one line).
const MAX_DETAIL_BYTES: usize = 4096;

/// Explains `response` to a request of `method` on `path` when it is axum's own 4xx refusal.
pub async fn explain(path: &str, method: &Method, response: Response) -> Response {
    let status = response.status();
    if !status.is_client_error() || response.extensions().get::<ApiError>().is_some() {
        return response;
    }
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if !plain {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = axum::body::to_bytes(body, MAX_DETAIL_BYTES)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let allow = parts.headers.get(header::ALLOW).cloned();
    let mut answer = if crate::public::owns(path) {
        let (title, sentence) = page_words(status);
        crate::public::message(status, title, sentence)
    } else {
        let body = ApiError {
            code: code(status),
            message: sentence(status, method, &detail, allow.as_ref()),
        };
        let mut response = (status, axum::Json(&body)).into_response();
        response.extensions_mut().insert(body);
        response
    };
    if let Some(allow) = allow {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}

fn code(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        _ => ErrorCode::BadRequest,
    }
}

/// The API's sentence for a refusal; `detail` is axum's English line (`what: why`).
fn sentence(
    status: StatusCode,
    method: &Method,
    detail: &str,
    allow: Option<&HeaderValue>,
) -> String {
    // axum writes "<what failed>: <serde's or the parser's reason>".
    let reason = detail.split_once(": ").map(|(_, why)| why).unwrap_or("");
    let with = |text: &str| {
        if reason.is_empty() {
            format!("{text}.")
        } else {
            format!("{text} (rincian: {reason}).")
        }
    };
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = allow.and_then(|v| v.to_str().ok()).unwrap_or("");
            format!("Metode {method} tidak dipakai untuk alamat ini; yang dipakai: {allowed}.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => "Data yang dikirim terlalu besar.".into(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "Jenis isi (Content-Type) tidak didukung untuk alamat ini.".into()
        }
        StatusCode::NOT_FOUND => "Alamat tidak ditemukan.".into(),
        _ if detail.starts_with("Failed to deserialize query string") => {
            with("Parameter alamat (?…) tidak sah: periksa nama dan nilainya")
        }
        _ if detail.starts_with("Invalid URL") => {
            with("Alamat tidak sah: bagian alamat tidak dapat dibaca (periksa kode %)")
        }
        _ if detail.contains("multipart") || detail.contains("boundary") => {
            "Formulir tidak terbaca: kirim sebagai multipart/form-data.".into()
        }
        _ => with("Permintaan tidak dapat dibaca: periksa alamat, parameter dan isinya"),
    }
}

/// The residents' page words for a refusal (no technical detail).
fn page_words(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Kiriman terlalu besar",
            "Formulir atau foto terlalu besar. Perkecil foto lalu kirim lagi.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "Halaman tidak tersedia",
            "Halaman ini tidak dibuka dengan cara itu. Kembali ke beranda layanan warga.",
        ),
        StatusCode::NOT_FOUND => (
            "Halaman tidak ditemukan",
            "Halaman ini tidak ada. Kembali ke beranda layanan warga.",
        ),
        _ => (
            "Formulir tidak terbaca",
            "Formulir tidak terkirim dengan utuh. Muat ulang halaman dan coba lagi.",
        ),
    }
}
