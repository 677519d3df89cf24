//! Citizens' cases for operators: the inbox in scope, one case, an action on it, and its files
//! (chunked upload by those who work the case; download only within the case's scope and only
//! of a file the case refers to, 404 otherwise). The logic is in `crate::cases`.

use crate::auth::CurrentUser;
use crate::blobs::{BlobHash, BlobKind, UploadStatus};
use crate::cases::{self, CaseFilter};
use crate::error::AppError;
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tepat_protocol::cases::{CaseAction, CaseList, CaseView, kind_from_code, state_from_code};

const READ: &str = "membuka kasus warga";
const UPLOAD: &str = "mengunggah berkas kasus (hanya operator desa, pendamping dan kecamatan)";

/// `?region=&state=&kind=`.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct CasesQuery {
    region: Option<String>,
    state: Option<String>,
    kind: Option<String>,
}

fn parse_id(text: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(text).map_err(|_| AppError::BadRequest("ID kasus tidak sah.".into()))
}

fn parse_hash(text: &str) -> Result<BlobHash, AppError> {
    BlobHash::parse(text).ok_or_else(|| {
        AppError::BadRequest("Sidik berkas harus 64 angka heksadesimal (SHA-256).".into())
    })
}

/// GET cases: the inbox.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<CasesQuery>,
) -> Result<Reply<CaseList>, AppError> {
    current.require(cases::reads_cases(current.user.role), READ)?;
    let filter = CaseFilter {
        state: match query.state.as_deref() {
            None | Some("") => None,
            Some(code) => Some(state_from_code(code).ok_or_else(|| {
                AppError::BadRequest(
                    "Status kasus harus salah satu dari: baru, dikunjungi, selesai.".into(),
                )
            })?),
        },
        kind: match query.kind.as_deref() {
            None | Some("") => None,
            Some(code) => Some(kind_from_code(code).ok_or_else(|| {
                AppError::BadRequest("Jenis kasus harus usul atau sanggah.".into())
            })?),
        },
    };
    let region = current
        .asked_region(&state, query.region.as_deref())
        .await?;
    let list = state
        .blocking(move |s| cases::list(s, &region, filter))
        .await?;
    Ok(format.reply(list))
}

/// GET cases/{id}.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<CaseView>, AppError> {
    current.require(cases::reads_cases(current.user.role), READ)?;
    let id = parse_id(&id)?;
    let user = current.user.clone();
    let view = state
        .blocking(move |s| match cases::in_scope(s, id, &user)? {
            Some(case) => Ok(Some(cases::view(s, &case, &user)?)),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound("Kasus"))?;
    Ok(format.reply(view))
}

/// POST cases/{id}: a visit, a link or the decision.
pub async fn act(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
    Body(action): Body<CaseAction>,
) -> Result<Reply<CaseView>, AppError> {
    let id = parse_id(&id)?;
    let view = cases::act(&state, &current, id, action).await?;
    Ok(format.reply(view))
}

/// Refuses unless the case is in the user's scope (404 otherwise).
async fn require_case(
    state: &AppState,
    current: &CurrentUser,
    id: uuid::Uuid,
) -> Result<tepat_domain::cases::Case, AppError> {
    let user = current.user.clone();
    state
        .blocking(move |s| cases::in_scope(s, id, &user))
        .await?
        .ok_or(AppError::NotFound("Kasus"))
}

/// PUT cases/{id}/files/{hash}?offset=N&total=T: one chunk of a visit photo or evidence.
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path((id, hash)): Path<(String, String)>,
    Query(query): Query<super::photos::ChunkQuery>,
    chunk: Bytes,
) -> Result<Reply<UploadStatus>, AppError> {
    current.require(current.user.role.visits_cases(), UPLOAD)?;
    let (id, hash) = (parse_id(&id)?, parse_hash(&hash)?);
    require_case(&state, &current, id).await?;
    let status =
        super::photos::append_chunk(&state, BlobKind::Evidence, hash, query, chunk).await?;
    Ok(format.reply(status))
}

/// GET cases/{id}/files/{hash}/status.
pub async fn status(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path((id, hash)): Path<(String, String)>,
) -> Result<Reply<UploadStatus>, AppError> {
    current.require(current.user.role.visits_cases(), UPLOAD)?;
    let (id, hash) = (parse_id(&id)?, parse_hash(&hash)?);
    require_case(&state, &current, id).await?;
    Ok(format.reply(super::photos::upload_status(&state, hash).await?))
}

/// GET cases/{id}/files/{hash}: a file the case refers to, within the case's scope.
pub async fn download(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, hash)): Path<(String, String)>,
) -> Result<Response, AppError> {
    current.require(cases::reads_cases(current.user.role), READ)?;
    let (id, hash) = (parse_id(&id)?, parse_hash(&hash)?);
    let case = require_case(&state, &current, id).await?;
    if !cases::refers_to(&case, &hash.0) {
        return Err(AppError::NotFound("Berkas kasus"));
    }
    let bytes = super::photos::read_blob(&state, hash, "Berkas kasus").await?;
    let mime = match bytes.get(..4) {
        Some([0x89, b'P', b'N', b'G']) => "image/png",
        Some([b'%', b'P', b'D', b'F']) => "application/pdf",
        _ => "image/jpeg",
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
        ],
        bytes,
    )
        .into_response())
}
