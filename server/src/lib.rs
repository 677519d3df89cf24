//! The Tepat server as a library: [`app`] builds the router over an [`AppState`], [`serve`] runs
//! it on a listener until shutdown, [`bootstrap::prepare`] readies a database. The `tepat`
//! binary (`main.rs`) is a thin CLI over these; tests bind port 0 and call the same functions.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod blobs;
pub mod bootstrap;
pub mod cases;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod demo;
pub mod demo_cases;
pub mod error;
pub mod family_save;
pub mod import;
pub mod labels;
pub mod musdes;
pub mod national;
pub mod openapi;
pub mod photo_likeness;
pub mod policy;
pub mod proposals;
pub mod public;
pub mod queue;
pub mod regions;
pub mod rejection;
pub mod routes;
pub mod scoring;
pub mod security_headers;
pub mod space;
pub mod spread;
pub mod state;
pub mod store;
pub mod sync;
pub mod synth;
pub mod views;
pub mod visits;
pub mod wire;
pub mod xlsx;

pub use config::ServerConfig;
pub use routes::app;
pub use state::AppState;

use std::future::Future;
use std::net::SocketAddr;

/// Serves the app on `listener` until `shutdown` completes, then finishes open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
