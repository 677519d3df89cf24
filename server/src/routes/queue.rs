//! The approval queue of the chain roles: what waits for the user (with the quota of the desa
//! in scope), and one step taken on a selection.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::queue::{self, QueueQuery};
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::extract::{Query, State};
use tepat_protocol::{BulkStep, BulkStepResult, KIND_CODES, QueueView};

const QUEUE: &str = "membuka antrean persetujuan (hanya kecamatan, Dinas Sosial dan Bupati)";

/// `?desa=CODE&kind=CODE`.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub(crate) struct Params {
    desa: Option<String>,
    kind: Option<String>,
}

/// GET queue.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(params): Query<Params>,
) -> Result<Reply<QueueView>, AppError> {
    current.require(queue::has_queue(current.user.role), QUEUE)?;
    let region = current.asked_region(&state, params.desa.as_deref()).await?;
    let kind = match params.kind.as_deref() {
        None | Some("") => None,
        Some(code) if KIND_CODES.contains(&code) => Some(code.to_owned()),
        Some(code) => {
            return Err(AppError::BadRequest(format!(
                "Jenis usulan \"{code}\" tidak dikenal: pakai salah satu dari {}.",
                KIND_CODES.join(", ")
            )));
        }
    };
    let role = current.user.role;
    let now = state.clock.now();
    let query = QueueQuery { region, kind };
    let view = state
        .blocking(move |s| queue::queue_view(s, role, &query, now))
        .await?;
    Ok(format.reply(view))
}

/// POST queue/steps.
pub async fn bulk_step(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<BulkStep>,
) -> Result<Reply<BulkStepResult>, AppError> {
    current.require(queue::has_queue(current.user.role), QUEUE)?;
    Ok(format.reply(queue::take_bulk(&state, &current, request).await?))
}
