//! The region tree. Region names and codes are public (Kemendagri publishes them), so any
//! logged-in user may browse the whole instance's tree; families are what scope protects.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::extract::{Query, State};
use tepat_domain::RegionCode;
use tepat_protocol::{RegionList, RegionQuery};

/// GET regions?parent=CODE: the children of a region of this instance.
pub async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
    format: Format,
    Query(query): Query<RegionQuery>,
) -> Result<Reply<RegionList>, AppError> {
    let parent = match query.parent.as_deref() {
        None | Some("") => state.config.kabupaten.clone(),
        Some(text) => RegionCode::parse(text).map_err(|e| AppError::BadRequest(e.to_string()))?,
    };
    let kabupaten = &state.config.kabupaten;
    if !(kabupaten.contains(&parent) || parent.contains(kabupaten)) {
        return Err(AppError::NotFound("Wilayah"));
    }
    let regions = state
        .blocking(move |s| {
            s.region(&parent)?
                .map(|_| s.region_children(&parent))
                .transpose()
        })
        .await?
        .ok_or(AppError::NotFound("Wilayah"))?;
    Ok(format.reply(RegionList { regions }))
}
