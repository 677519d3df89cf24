//! Verifiers' visits: the list in scope (recorded and answered through sync commands).

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::extract::{Query, State};
use tepat_protocol::VisitList;

/// GET visits?region=CODE: newest first.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<super::RegionQuery>,
) -> Result<Reply<VisitList>, AppError> {
    current.require(
        current.user.role.reads_families(),
        "membuka kunjungan verifikasi",
    )?;
    let region = current.asked_region(&state, query.region()).await?;
    let mut visits = state.blocking(move |s| s.visits_in(&region)).await?;
    visits.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    Ok(format.reply(VisitList { visits }))
}
