//! The HTTP surface: every API route (paths from `tepat_protocol::routes`), the SPA host, and
//! the middleware around them.

mod audit;
mod auth;
mod backup;
mod cases;
mod families;
mod import;
mod instance;
mod labels;
mod musdes;
mod national;
mod notifications;
mod openapi;
mod photos;
mod policy;
mod proposals;
mod queue;
mod regions;
mod scoring;
mod spread;
mod spread_exports;
mod sync;
mod users;
mod visits;

use crate::error::AppError;

/// The query of a list in the user's scope: `?region=CODE` (the user's own region when absent).
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub(crate) struct RegionQuery {
    region: Option<String>,
}

impl RegionQuery {
    /// The region asked for, if any.
    pub(crate) fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}
use crate::security_headers::{self, SecurityHeaders};
use crate::state::AppState;
use crate::wire::{MAX_BODY_BYTES, negotiate_errors};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tepat_protocol::routes as r;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The whole application: API, health check and (when configured) the web app.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route(r::HEALTHZ, get(instance::healthz))
        .route(r::CONFIG, get(instance::config))
        .route(r::LOGIN, post(auth::login))
        .route(r::LOGOUT, post(auth::logout))
        .route(r::ME, get(auth::me))
        .route(r::REGIONS, get(regions::list))
        .route(r::FAMILIES, get(families::list))
        .route(r::FAMILY, get(families::detail).put(families::save))
        .route(r::USERS, get(users::list))
        .route(r::NOTIFICATIONS, get(notifications::list))
        .route(r::PROPOSALS, get(proposals::list).post(proposals::create))
        .route(r::PROPOSAL, get(proposals::detail))
        .route(r::PROPOSAL_STEPS, post(proposals::step))
        .route(r::VISITS, get(visits::list))
        .route(r::WINDOWS, get(policy::windows))
        .route(r::QUOTA, get(policy::get_quota).put(policy::put_quota))
        .route(
            r::SCORING,
            get(scoring::get_scheme).put(scoring::put_scheme),
        )
        .route(r::FAMILY_SCORE, get(scoring::family_score))
        .route(r::QUEUE, get(queue::list))
        .route(r::QUEUE_STEPS, post(queue::bulk_step))
        .route(r::SPREAD_CLUSTERS, get(spread::clusters))
        .route(r::SPREAD_REGIONS, get(spread::regions))
        .route(r::SPREAD_FAMILIES, get(spread_exports::families))
        .route(
            r::WINDOW_POLICY,
            get(policy::get_window_policy).put(policy::put_window_policy),
        )
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .route(
            r::SYNC_PUSH,
            post(sync::push).layer(DefaultBodyLimit::max(sync::MAX_PUSH_BYTES)),
        )
        .route(r::SYNC_PULL, get(sync::pull))
        .route(
            r::PHOTO,
            get(photos::download)
                .put(photos::upload)
                .layer(DefaultBodyLimit::max(crate::blobs::MAX_CHUNK_BYTES + 1024)),
        )
        .route(r::PHOTO_STATUS, get(photos::status))
        .route(r::MUSDES_LIST, get(musdes::list).post(musdes::schedule))
        .route(r::MUSDES, get(musdes::detail).post(musdes::act))
        .route(
            r::EVIDENCE,
            get(musdes::download)
                .put(musdes::upload)
                .layer(DefaultBodyLimit::max(crate::blobs::MAX_CHUNK_BYTES + 1024)),
        )
        .route(r::EVIDENCE_STATUS, get(musdes::status))
        .route(r::PROPOSAL_MUSDES, get(musdes::of_proposal))
        .route(r::NATIONAL_BATCH, get(national::batch))
        .route(r::NATIONAL_EXPORT, get(national::export))
        .route(r::NATIONAL_SENT, post(national::sent))
        .route(
            r::NATIONAL_RESULT,
            post(national::result).layer(DefaultBodyLimit::max(crate::national::MAX_RESULT_BYTES)),
        )
        .route(r::AUDIT, get(audit::list))
        .route(
            r::IMPORT_FILE,
            axum::routing::put(import::upload)
                .layer(DefaultBodyLimit::max(crate::blobs::MAX_CHUNK_BYTES + 1024)),
        )
        .route(r::IMPORT_FILE_STATUS, get(import::status))
        .route(r::IMPORT_CHECK, post(import::check))
        .route(r::IMPORT_APPLY, post(import::apply))
        .route(r::LOCI_DESA, get(import::loci))
        .route(r::IMPORT_PROGRESS, get(import::progress))
        .route(r::LABELS, get(labels::list))
        .route(r::CASES, get(cases::list))
        .route(r::CASE, get(cases::detail).post(cases::act))
        .route(
            r::CASE_FILE,
            get(cases::download)
                .put(cases::upload)
                .layer(DefaultBodyLimit::max(crate::blobs::MAX_CHUNK_BYTES + 1024)),
        )
        .route(r::CASE_FILE_STATUS, get(cases::status))
        .route(r::BACKUP, get(backup::download))
        .route(r::OPENAPI, get(openapi::serve))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));

    // The residents' public pages (server-rendered, no login), before the SPA's fallback.
    let api = api.merge(crate::public::router());
    let router = match &state.config.web_dir {
        Some(dir) => {
            // Client-side routes (`/peta`, `/masuk`) are answered with the app's index.html. The
            // build leaves `.br` and `.gz` beside each file: sent as they are to a browser that
            // accepts them (the compression layer leaves an encoded answer alone).
            let spa = ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeFile::new(dir.join("index.html")));
            api.fallback_service(spa)
        }
        None => api,
    };
    let headers = std::sync::Arc::new(SecurityHeaders::new(&state.config));
    router
        .layer(axum::middleware::from_fn(negotiate_errors))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            headers,
            security_headers::add,
        ))
        .with_state(state)
}

async fn api_not_found() -> AppError {
    AppError::NotFound("Alamat API")
}
