//! The one error type of the HTTP layer. Its status mapping is an exhaustive match; the client
//! gets a stable code and an Indonesian message, the log gets the cause.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tepat_protocol::{ApiError, ErrorCode, WireError};

/// An error answered to a client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Wrong username or password.
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed logins; retry after this many minutes.
    #[error("rate limited for {minutes} min")]
    RateLimited {
        /// Minutes until the next attempt is allowed.
        minutes: i64,
    },
    /// The role may not do this; the text names what was refused.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The region is outside the user's scope.
    #[error("out of scope: {region} for user bound to {scope}")]
    OutOfScope {
        /// Name of the region asked for.
        region: String,
        /// Name of the user's region.
        scope: String,
    },
    /// No such thing; the text names what.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// Invalid input; the text (Indonesian) says what to fix.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Unreadable or wrong-version message.
    #[error("wire: {0}")]
    Wire(#[from] WireError),
    /// The body is too large.
    #[error("body too large")]
    TooLarge,
    /// A workflow step refused; the text (Indonesian) says why and what is possible.
    #[error("step refused: {0}")]
    StepRefused(String),
    /// A failure inside the server; the cause is logged, never sent.
    #[error("internal: {0}")]
    Internal(String),
    /// A file too large to take; the text (Indonesian) says the limit and what to do.
    #[error("file too large: {0}")]
    FileTooLarge(String),
    /// The disk of the data folder is full: the write did not happen (the cause is logged).
    #[error("storage full: {0}")]
    StorageFull(String),
    /// The data folder became read-only: the write did not happen (the cause is logged).
    #[error("storage read-only: {0}")]
    StorageReadOnly(String),
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Full(cause) => AppError::StorageFull(cause),
            crate::store::StoreError::ReadOnly(cause) => AppError::StorageReadOnly(cause),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    /// The status, code and Indonesian message of this error.
    pub fn parts(&self) -> (StatusCode, ErrorCode, String) {
        use AppError::*;
        match self {
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                "Sesi Anda berakhir atau belum masuk. Silakan masuk lagi.".into(),
            ),
            BadCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::BadCredentials,
                "Nama pengguna atau kata sandi salah.".into(),
            ),
            RateLimited { minutes } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                format!("Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit."),
            ),
            Forbidden(what) => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                format!("Peran Anda tidak berhak {what}."),
            ),
            OutOfScope { region, scope } => (
                StatusCode::FORBIDDEN,
                ErrorCode::OutOfScope,
                format!("{region} berada di luar wilayah kerja Anda ({scope}). Akses ditolak."),
            ),
            NotFound(what) => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                format!("{what} tidak ditemukan."),
            ),
            BadRequest(message) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                message.clone(),
            ),
            Wire(e @ WireError::UnsupportedVersion { .. }) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::UnsupportedVersion,
                e.to_string(),
            ),
            Wire(e @ WireError::Malformed) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                e.to_string(),
            ),
            StepRefused(message) => (
                StatusCode::CONFLICT,
                ErrorCode::StepRefused,
                message.clone(),
            ),
            TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::TooLarge,
                "Data yang dikirim terlalu besar.".into(),
            ),
            FileTooLarge(message) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::TooLarge,
                message.clone(),
            ),
            StorageFull(_) => (
                StatusCode::INSUFFICIENT_STORAGE,
                ErrorCode::StorageFull,
                "Penyimpanan server penuh: perubahan ini belum tersimpan. Data yang ada aman dan \
                 tetap bisa dibaca; coba lagi nanti dan beri tahu admin agar ruang disk ditambah."
                    .into(),
            ),
            StorageReadOnly(_) => (
                StatusCode::INSUFFICIENT_STORAGE,
                ErrorCode::StorageFull,
                "Penyimpanan server tidak bisa ditulisi (hanya-baca): perubahan ini belum \
                 tersimpan. Data yang ada tetap bisa dibaca; beri tahu admin."
                    .into(),
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "Terjadi kesalahan di server. Coba lagi nanti; bila berulang, hubungi admin."
                    .into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(cause) => tracing::error!(%cause, "internal error"),
            AppError::StorageFull(cause) | AppError::StorageReadOnly(cause) => {
                tracing::error!(%cause, "storage refused a write")
            }
            _ => {}
        }
        let (status, code, message) = self.parts();
        // JSON here; `wire::negotiate_errors` re-encodes as postcard for clients that asked.
        let body = ApiError { code, message };
        let mut response = (status, axum::Json(&body)).into_response();
        response.extensions_mut().insert(body);
        response
    }
}
