//! The sync routes: push a batch of changes, pull the changes of the scope after a cursor.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::extract::{Query, State};
use tepat_protocol::sync::{PullResponse, PushRequest, PushResponse};

/// The largest push body accepted (500 changes of whole families fit comfortably).
pub const MAX_PUSH_BYTES: usize = 8 * 1024 * 1024;

/// POST sync/push.
pub async fn push(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<PushRequest>,
) -> Result<Reply<PushResponse>, AppError> {
    Ok(format.reply(crate::sync::push(&state, &current, request).await?))
}

/// Query of a pull.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct PullQuery {
    #[serde(default)]
    after: u64,
}

/// GET sync/pull?after=N.
pub async fn pull(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<PullQuery>,
) -> Result<Reply<PullResponse>, AppError> {
    Ok(format.reply(crate::sync::pull(&state, &current, query.after).await?))
}
