//! House photos: chunked, resumable upload by SHA-256, and download only by users whose scope
//! holds a family that refers to the photo (or a visit's or a house label's photo in scope).

use crate::auth::CurrentUser;
use crate::blobs::{BlobError, BlobHash, MAX_CHUNK_BYTES, UploadStatus};
use crate::error::AppError;
use crate::photo_likeness::difference_hash;
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

fn parse_hash(text: &str) -> Result<BlobHash, AppError> {
    BlobHash::parse(text).ok_or_else(|| {
        AppError::BadRequest("Sidik foto harus 64 angka heksadesimal (SHA-256).".into())
    })
}

impl From<BlobError> for AppError {
    fn from(e: BlobError) -> AppError {
        match e {
            BlobError::TooLarge => AppError::TooLarge,
            e @ BlobError::ImportTooLarge => AppError::FileTooLarge(e.to_string()),
            BlobError::Io(io) => AppError::from(crate::store::StoreError::from(io)),
            other @ (BlobError::Offset { .. }
            | BlobError::HashMismatch
            | BlobError::NotJpeg
            | BlobError::EvidenceTooLarge
            | BlobError::NotEvidence
            | BlobError::NotImport) => AppError::BadRequest(other.to_string()),
        }
    }
}

/// Where a chunk goes.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct ChunkQuery {
    pub(super) offset: u64,
    pub(super) total: u64,
}

/// Appends one chunk of a blob of `kind` (photos and musdes evidence share this).
pub(super) async fn append_chunk(
    state: &AppState,
    kind: crate::blobs::BlobKind,
    hash: BlobHash,
    query: ChunkQuery,
    chunk: Bytes,
) -> Result<UploadStatus, AppError> {
    if chunk.len() > MAX_CHUNK_BYTES {
        return Err(AppError::TooLarge);
    }
    let blobs = state.blobs.clone();
    tokio::task::spawn_blocking(move || {
        blobs.append_as(kind, &hash, query.offset, query.total, &chunk)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::from)
}

/// How much of a blob has arrived.
pub(super) async fn upload_status(
    state: &AppState,
    hash: BlobHash,
) -> Result<UploadStatus, AppError> {
    let blobs = state.blobs.clone();
    tokio::task::spawn_blocking(move || blobs.status(&hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// A whole blob's bytes; `what` names it in the 404.
pub(super) async fn read_blob(
    state: &AppState,
    hash: BlobHash,
    what: &'static str,
) -> Result<Vec<u8>, AppError> {
    let blobs = state.blobs.clone();
    tokio::task::spawn_blocking(move || blobs.read(&hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?
        .ok_or(AppError::NotFound(what))
}

/// PUT photos/{hash}?offset=N&total=T: one chunk.
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
    Query(query): Query<ChunkQuery>,
    chunk: Bytes,
) -> Result<Reply<UploadStatus>, AppError> {
    current.require(current.user.role.edits_families(), "mengunggah foto")?;
    let hash = parse_hash(&hash)?;
    let status = append_chunk(&state, crate::blobs::BlobKind::Photo, hash, query, chunk).await?;
    if status.complete {
        // The photo's look, so the same house photographed for two families is found.
        let blobs = state.blobs.clone();
        let look = tokio::task::spawn_blocking(move || {
            blobs
                .read(&hash)
                .ok()
                .flatten()
                .and_then(|bytes| difference_hash(&bytes))
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
        if let Some(look) = look {
            state
                .blocking(move |s| s.put_photo_hash(&hash.0, look))
                .await?;
        }
    }
    Ok(format.reply(status))
}

/// GET photos/{hash}/status.
pub async fn status(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
) -> Result<Reply<UploadStatus>, AppError> {
    current.require(current.user.role.edits_families(), "mengunggah foto")?;
    let hash = parse_hash(&hash)?;
    Ok(format.reply(upload_status(&state, hash).await?))
}

/// GET photos/{hash}: the JPEG, for a user whose scope holds a family (or a verifier's visit)
/// that refers to it.
pub async fn download(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(hash): Path<String>,
) -> Result<Response, AppError> {
    current.require(current.user.role.reads_families(), "membuka foto keluarga")?;
    let hash = parse_hash(&hash)?;
    let scope = current.user.region.clone();
    let families = state
        .blocking(move |s| {
            let mut desa = Vec::new();
            for id in s.families_with_photo(&hash.0)? {
                if let Some(family) = s.family(id)? {
                    desa.push(family.desa);
                }
            }
            if desa.is_empty() {
                // A photo taken at a verifier's visit belongs to the visit's desa.
                desa.extend(
                    s.visits_in(&scope)?
                        .into_iter()
                        .filter(|v| v.visit.photo.is_some_and(|p| p.0 == hash.0))
                        .map(|v| v.desa),
                );
            }
            if desa.is_empty() {
                // A photo of a labelled recipient house belongs to the house's desa.
                desa.extend(
                    s.labellings_in(&scope)?
                        .into_iter()
                        .filter(|l| l.photo == hash.0)
                        .map(|l| l.desa),
                );
            }
            Ok(desa)
        })
        .await?;
    let Some(first) = families.first() else {
        return Err(AppError::NotFound("Foto"));
    };
    if !families.iter().any(|d| current.user.region.contains(d)) {
        current.require_scope(&state, first).await?;
    }
    let bytes = read_blob(&state, hash, "Foto").await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
        ],
        bytes,
    )
        .into_response())
}
