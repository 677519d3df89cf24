//! House labelling: the labellings in scope (recorded through the `!label` sync command), which
//! the desa's tablets keep to show on each family.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::extract::{Query, State};
use tepat_protocol::labels::LabelList;

/// GET labels?region=CODE: by desa then family.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<super::RegionQuery>,
) -> Result<Reply<LabelList>, AppError> {
    current.require(
        current.user.role.reads_families(),
        "membuka pelabelan rumah penerima",
    )?;
    let region = current.asked_region(&state, query.region()).await?;
    let labellings = state.blocking(move |s| s.labellings_in(&region)).await?;
    Ok(format.reply(LabelList { labellings }))
}
