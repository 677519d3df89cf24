//! Village meetings: the list and each desa's standing in scope, scheduling, one meeting, the
//! actions on it, and its evidence files (chunked resumable upload like house photos; download
//! only within the meeting's scope).

use crate::auth::CurrentUser;
use crate::blobs::{BlobHash, BlobKind, UploadStatus};
use crate::error::AppError;
use crate::musdes;
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tepat_domain::Role;
use tepat_protocol::musdes::{MusdesAction, MusdesList, MusdesView, NewMusdes};

const READ: &str = "membuka musdes";

fn parse_id(text: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(text).map_err(|_| AppError::BadRequest("ID musdes tidak sah.".into()))
}

/// Refuses anyone but a desa operator (the decisions check the desa itself).
fn require_desa_operator(current: &CurrentUser, what: &'static str) -> Result<(), AppError> {
    current.require(current.user.role == Role::OperatorDesa, what)
}

fn parse_hash(text: &str) -> Result<BlobHash, AppError> {
    BlobHash::parse(text).ok_or_else(|| {
        AppError::BadRequest("Sidik berkas harus 64 angka heksadesimal (SHA-256).".into())
    })
}

/// GET musdes?region=CODE: meetings and each desa's standing.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<super::RegionQuery>,
) -> Result<Reply<MusdesList>, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let region = current.asked_region(&state, query.region()).await?;
    let now = state.clock.now();
    let list = state
        .blocking(move |s| musdes::list(s, &region, now))
        .await?;
    Ok(format.reply(list))
}

/// POST musdes: schedule one.
pub async fn schedule(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<NewMusdes>,
) -> Result<Reply<MusdesView>, AppError> {
    require_desa_operator(&current, "menjadwalkan musdes (hanya operator desa)")?;
    let view = musdes::schedule(&state, current.user, request).await?;
    Ok(format.reply(view))
}

/// GET musdes/{id}.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<MusdesView>, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let id = parse_id(&id)?;
    let user = current.user.clone();
    let view = state
        .blocking(move |s| {
            let Some(meeting) = s.musdes(id)? else {
                return Ok(None);
            };
            if !user.region.contains(&meeting.desa) {
                return Ok(None);
            }
            Ok(Some(musdes::view(s, &meeting, &user, Vec::new())?))
        })
        .await?
        .ok_or(AppError::NotFound("Musdes"))?;
    Ok(format.reply(view))
}

/// POST musdes/{id}: an action on an open meeting.
pub async fn act(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
    Body(action): Body<MusdesAction>,
) -> Result<Reply<MusdesView>, AppError> {
    require_desa_operator(&current, "mengubah musdes (hanya operator desa)")?;
    let id = parse_id(&id)?;
    let view = musdes::act(&state, current.user, id, action).await?;
    Ok(format.reply(view))
}

/// PUT evidence/{hash}?offset=N&total=T: one chunk of an evidence file.
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
    Query(query): Query<super::photos::ChunkQuery>,
    chunk: Bytes,
) -> Result<Reply<UploadStatus>, AppError> {
    require_desa_operator(&current, "mengunggah bukti musdes (hanya operator desa)")?;
    let hash = parse_hash(&hash)?;
    let status =
        super::photos::append_chunk(&state, BlobKind::Evidence, hash, query, chunk).await?;
    Ok(format.reply(status))
}

/// GET evidence/{hash}/status.
pub async fn status(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
) -> Result<Reply<UploadStatus>, AppError> {
    require_desa_operator(&current, "mengunggah bukti musdes (hanya operator desa)")?;
    let hash = parse_hash(&hash)?;
    Ok(format.reply(super::photos::upload_status(&state, hash).await?))
}

/// GET evidence/{hash}: the file, for a user whose scope holds a meeting that refers to it
/// (404 to everyone else, so its existence is not revealed).
pub async fn download(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(hash): Path<String>,
) -> Result<Response, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let hash = parse_hash(&hash)?;
    let scope = current.user.region.clone();
    let known = state
        .blocking(move |s| {
            Ok(s.musdes_in(&scope)?.into_iter().find_map(|m| {
                m.evidence
                    .iter()
                    .find(|e| e.file == hash.0)
                    .map(|e| (e.media, e.name.clone()))
            }))
        })
        .await?;
    let Some((media, name)) = known else {
        return Err(AppError::NotFound("Berkas bukti"));
    };
    let bytes = super::photos::read_blob(&state, hash, "Berkas bukti").await?;
    let safe_name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, media.mime().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{safe_name}\""),
            ),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET proposals/{id}/musdes: the meeting that decided a proposal in scope (404 when none).
pub async fn of_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<tepat_protocol::musdes::ProposalMusdes>, AppError> {
    current.require(current.user.role.reads_families(), READ)?;
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| AppError::BadRequest("ID usulan tidak sah.".into()))?;
    let proposal = state
        .blocking(move |s| s.proposal(id))
        .await?
        .ok_or(AppError::NotFound("Usulan"))?;
    current.require_scope(&state, &proposal.desa).await?;
    let found = state
        .blocking(move |s| musdes::of_proposal(s, &proposal))
        .await?
        .ok_or(AppError::NotFound("Musdes usulan ini"))?;
    Ok(format.reply(found))
}
