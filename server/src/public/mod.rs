//! The residents' public pages under `/publik`: server-rendered HTML, no login, no script, light
//! enough for a cheap phone. A resident checks whether a family is in the register
//! ([`cek`]), proposes a family ([`usul`]), objects to a recipient ([`sanggah`]), follows a
//! case by its code ([`kasus`]) and reads the published musdes results ([`musdes`]). Every
//! answer carries strict security headers; checks, filings and look-ups are rate-limited per
//! client address ([`limiter`]). The client address is the socket peer, or what a trusted reverse proxy
//! reports (`crate::client_address`).

pub mod cek;
pub mod filing;
pub mod home;
pub mod html;
pub mod kasus;
pub mod limiter;
pub mod musdes;
pub mod sanggah;
pub mod usul;

use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, Store, StoreResult};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;
use tepat_domain::{RegionCode, RegionLevel};
use tepat_protocol::RegionRef;

/// The actor of every audit entry a resident causes.
pub const ACTOR: &str = "warga";
/// The largest usul form accepted (a 5 MB photo and the text).
pub const MAX_USUL_BYTES: usize = 6 * 1024 * 1024;

const CSS: &str = include_str!("gaya.css");
pub(crate) const CSP: &str =
    "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

/// What the public pages share besides the app state: their rate limits.
pub type Shared = axum::Extension<Arc<limiter::Limits>>;

/// Whether `path` is one of the residents' pages (`/publik` and below), which answer in their
/// own HTML with their own headers even when the router itself refuses a request.
pub fn owns(path: &str) -> bool {
    path == "/publik" || path.starts_with("/publik/")
}

/// The public pages' routes, to merge into the app before the SPA's fallback.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/publik", get(home::page))
        .route("/publik/", get(home::page))
        .route("/publik/gaya.css", get(stylesheet))
        .route("/publik/cek", get(cek::form).post(cek::check))
        .route(
            "/publik/usul",
            get(usul::form)
                .post(usul::file)
                .layer(DefaultBodyLimit::max(MAX_USUL_BYTES)),
        )
        .route("/publik/sanggah", get(sanggah::form).post(sanggah::file))
        .route("/publik/kasus", get(kasus::lookup))
        .route("/publik/kasus/{code}", get(kasus::show))
        .route("/publik/musdes", get(musdes::index))
        .route("/publik/musdes/{desa}", get(musdes::desa))
        .route("/publik/musdes/{desa}/{id}", get(musdes::one))
        .route("/publik/{*rest}", get(not_found))
        .layer(axum::Extension(Arc::new(limiter::Limits::default())))
        .layer(axum::middleware::from_fn(security_headers))
}

/// Strict headers on every public answer; answers are not cached (the stylesheet may be).
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

async fn not_found() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "Halaman tidak ditemukan",
        "Halaman ini tidak ada. Kembali ke beranda layanan warga.",
    )
}

/// The client's address the limits count by (see `crate::client_address`).
pub use crate::client_address::ClientAddress as Client;

/// A page with `status`.
pub fn respond(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// A page of one heading and one sentence.
pub fn message(status: StatusCode, title: &str, sentence: &str) -> Response {
    let body = format!(
        r#"<section class="card notice" data-testid="message"><h1>{}</h1><p>{}</p><p><a class="button secondary" href="/publik">Kembali ke beranda</a></p></section>"#,
        html::esc(title),
        html::esc(sentence)
    );
    respond(status, html::page(title, &body))
}

/// The 429 page.
pub fn too_many(sentence: &str) -> Response {
    message(
        StatusCode::TOO_MANY_REQUESTS,
        "Terlalu banyak permintaan",
        sentence,
    )
}

/// The page when the server fails (never for bad input).
pub fn trouble(error: impl std::fmt::Display) -> Response {
    tracing::error!("public page: {error}");
    message(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Terjadi gangguan",
        "Maaf, layanan sedang terganggu. Coba lagi beberapa saat lagi.",
    )
}

/// Runs store work off the async runtime; a failure becomes the trouble page.
pub async fn blocking<R: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&dyn Store) -> StoreResult<R> + Send + 'static,
) -> Result<R, Response> {
    state.blocking(work).await.map_err(trouble)
}

/// The kabupaten's kecamatan, each with its desa, by name, read off the async runtime (the
/// desa list of every form).
pub async fn kabupaten_tree(
    state: &AppState,
) -> Result<Vec<(RegionRef, Vec<RegionRef>)>, Response> {
    let kabupaten = state.config.kabupaten.clone();
    blocking(state, move |s| region_tree(s, &kabupaten)).await
}

/// The kabupaten's kecamatan, each with its desa, by name.
fn region_tree(
    store: &dyn Store,
    kabupaten: &RegionCode,
) -> StoreResult<Vec<(RegionRef, Vec<RegionRef>)>> {
    let mut tree = Vec::new();
    let mut kecamatan = store.region_children(kabupaten)?;
    kecamatan.sort_by(|a, b| a.name.cmp(&b.name));
    for k in kecamatan {
        let mut desa = store.region_children(&k.code)?;
        desa.sort_by(|a, b| a.name.cmp(&b.name));
        tree.push((k, desa));
    }
    Ok(tree)
}

/// The desa `typed` names, when it is a desa of this kabupaten.
pub fn desa_of(
    store: &dyn Store,
    kabupaten: &RegionCode,
    typed: &str,
) -> StoreResult<Option<RegionRef>> {
    let Ok(code) = RegionCode::parse(typed.trim()) else {
        return Ok(None);
    };
    if !kabupaten.contains(&code) {
        return Ok(None);
    }
    Ok(store
        .region(&code)?
        .filter(|r| r.level == RegionLevel::Desa))
}

/// The day of `at` in the instance's time zone.
pub fn local_date(store: &dyn Store, at: jiff::Timestamp) -> StoreResult<jiff::civil::Date> {
    Ok(crate::policy::windows(store)?.zone.local_date(at))
}

/// An audit entry by a resident from `client`.
pub fn audit(
    at: jiff::Timestamp,
    action: AuditAction,
    client: &str,
    detail: impl Into<String>,
) -> AuditEntry {
    AuditEntry::new(at, ACTOR, action, detail).device(Some(format!("IP {client}")))
}
