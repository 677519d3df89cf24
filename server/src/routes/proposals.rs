//! Proposals: the list in scope, a new draft, one proposal, and its workflow steps.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::proposals;
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::extract::{Path, Query, State};
use tepat_protocol::{NewProposal, ProposalList, ProposalView, TakeStep};

const READ: &str = "membuka usulan";

fn parse_id(text: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(text).map_err(|_| AppError::BadRequest("ID usulan tidak sah.".into()))
}

/// GET proposals?region=CODE.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<super::RegionQuery>,
) -> Result<Reply<ProposalList>, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let region = current.asked_region(&state, query.region()).await?;
    let role = current.user.role;
    let proposals = state
        .blocking(move |s| {
            let mut records = s.proposals_in(&region)?;
            records.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
            records
                .iter()
                .map(|p| proposals::view(s, p, role))
                .collect()
        })
        .await?;
    Ok(format.reply(ProposalList { proposals }))
}

/// POST proposals: a new draft.
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<NewProposal>,
) -> Result<Reply<ProposalView>, AppError> {
    Ok(format.reply(proposals::create(&state, &current, request).await?))
}

/// GET proposals/{id}.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<ProposalView>, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let id = parse_id(&id)?;
    let proposal = state
        .blocking(move |s| s.proposal(id))
        .await?
        .ok_or(AppError::NotFound("Usulan"))?;
    current.require_scope(&state, &proposal.desa).await?;
    let role = current.user.role;
    let view = state
        .blocking(move |s| proposals::view(s, &proposal, role))
        .await?;
    Ok(format.reply(view))
}

/// POST proposals/{id}/steps.
pub async fn step(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
    Body(request): Body<TakeStep>,
) -> Result<Reply<ProposalView>, AppError> {
    current.require(current.user.role.reads_families(), "mengubah usulan")?;
    let id = parse_id(&id)?;
    let view = proposals::take_step(&state, &current, id, request.step, request.device).await?;
    Ok(format.reply(view))
}
