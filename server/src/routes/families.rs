//! Families in the user's scope: the list (map pins and list lines) and one family in full.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{family_detail, family_summary, has_nik_ganda};
use crate::wire::Body;
use crate::wire::{Format, Reply};
use axum::extract::{Path, Query, State};
use tepat_domain::Family;
use tepat_domain::workflow::StatusCategory;
use tepat_domain::{FamilyId, RegionCode};
use tepat_protocol::{FamilyDetail, FamilyList, FamilyQuery, SaveFamilyResult};

const READ_FAMILIES: &str = "membuka data keluarga";

/// GET families?region=CODE&q=NAME.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<FamilyQuery>,
) -> Result<Reply<FamilyList>, AppError> {
    current.require(current.user.role.reads_families(), READ_FAMILIES)?;
    let region = current
        .asked_region(&state, query.region.as_deref())
        .await?;
    let name_query = query.q.unwrap_or_default();
    let lookup = region.clone();
    let (region, families) = state
        .blocking(move |s| {
            let mut families = s.families_in(&lookup)?;
            families.retain(|f| f.matches_name(&name_query));
            let statuses = family_statuses(s, &lookup)?;
            let scheme = crate::policy::scoring(s)?.version;
            let summaries = families
                .iter()
                .map(|f| {
                    let mut summary = family_summary(f, has_nik_ganda(s, f)?);
                    summary.status = statuses.get(&f.id).copied();
                    summary.local_decile = s
                        .scores_of(f.id)?
                        .into_iter()
                        .find(|r| r.result.scheme_version == scheme)
                        .and_then(|r| r.local_decile);
                    Ok(summary)
                })
                .collect::<crate::store::StoreResult<Vec<_>>>()?;
            Ok((s.region(&lookup)?, summaries))
        })
        .await?;
    let region = region.ok_or(AppError::NotFound("Wilayah"))?;
    let mut families = families;
    families.sort_by(|a, b| a.head_name.cmp(&b.head_name).then(a.id.cmp(&b.id)));
    Ok(format.reply(FamilyList { region, families }))
}

/// The status each family of `region` with a proposal shows (the most urgent of its proposals).
fn family_statuses(
    store: &dyn crate::store::Store,
    region: &RegionCode,
) -> crate::store::StoreResult<std::collections::HashMap<FamilyId, StatusCategory>> {
    let mut all: std::collections::HashMap<FamilyId, Vec<StatusCategory>> = Default::default();
    for proposal in store.proposals_in(region)? {
        all.entry(proposal.family)
            .or_default()
            .push(proposal.state.category());
    }
    Ok(all
        .into_iter()
        .filter_map(|(family, statuses)| StatusCategory::most_urgent(statuses).map(|c| (family, c)))
        .collect())
}

fn parse_id(text: &str) -> Result<FamilyId, AppError> {
    uuid::Uuid::parse_str(text)
        .map(FamilyId)
        .map_err(|_| AppError::BadRequest("ID keluarga tidak sah.".into()))
}

/// PUT families/{id}: create or replace a family; answers what the checks found.
pub async fn save(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
    Body(family): Body<Family>,
) -> Result<Reply<SaveFamilyResult>, AppError> {
    let id = parse_id(&id)?;
    let result = crate::family_save::save(&state, &current, id, family).await?;
    Ok(format.reply(result))
}

/// GET families/{id}.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<FamilyDetail>, AppError> {
    current.require(current.user.role.reads_families(), READ_FAMILIES)?;
    let id = parse_id(&id)?;
    let family = state
        .blocking(move |s| s.family(id))
        .await?
        .ok_or(AppError::NotFound("Keluarga"))?;
    current.require_scope(&state, &family.desa).await?;
    let role = current.user.role;
    let detail = state
        .blocking(move |s| Ok(family_detail(&family, role, has_nik_ganda(s, &family)?)))
        .await?;
    Ok(format.reply(detail))
}
