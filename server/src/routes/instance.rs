//! Public routes about the instance itself: health and settings.

use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::extract::State;
use tepat_protocol::{InstanceConfig, PROTOCOL_VERSION};

/// GET /healthz: 200 once the database answers.
pub async fn healthz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    state.blocking(|s| s.meta("kabupaten")).await?;
    Ok("ok")
}

/// GET config: the kabupaten, basemap and demo flag. Public: the login page shows them.
pub async fn config(
    State(state): State<AppState>,
    format: Format,
) -> Result<Reply<InstanceConfig>, AppError> {
    let code = state.config.kabupaten.clone();
    let (kabupaten, demo) = state
        .blocking(move |s| Ok((s.region(&code)?, s.meta("demo")?)))
        .await?;
    let kabupaten = kabupaten.ok_or_else(|| AppError::Internal("kabupaten not loaded".into()))?;
    Ok(format.reply(InstanceConfig {
        kabupaten,
        tile_url: state.config.tile_url.clone(),
        tile_attribution: state.config.tile_attribution.clone(),
        demo: demo.as_deref() == Some("1"),
        protocol_version: PROTOCOL_VERSION,
        offline_days: state.config.offline_days,
        sync_interval_secs: state.config.sync_interval_secs,
        gps_max_accuracy_m: state.config.gps_max_accuracy_m,
    }))
}
