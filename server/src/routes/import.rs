//! Imports, for the Operator Dinas Sosial only (its kabupaten): the file's chunked upload (like
//! photos), the check (a report, nothing written) and the apply (all or nothing), and the loci
//! desa list. See `crate::import`.

use crate::auth::CurrentUser;
use crate::blobs::{BlobHash, BlobKind, UploadStatus};
use crate::error::AppError;
use crate::import;
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use tepat_protocol::{ImportProgress, ImportReport, ImportRequest, RegionList};

fn parse_hash(text: &str) -> Result<BlobHash, AppError> {
    BlobHash::parse(text).ok_or(AppError::NotFound("File impor"))
}

/// PUT imports/files/{hash}?offset=N&total=T: one chunk of an import file.
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
    Query(query): Query<super::photos::ChunkQuery>,
    chunk: Bytes,
) -> Result<Reply<UploadStatus>, AppError> {
    import::require_dinas(&current)?;
    let hash = parse_hash(&hash)?;
    let status = super::photos::append_chunk(&state, BlobKind::Import, hash, query, chunk).await?;
    Ok(format.reply(status))
}

/// GET imports/files/{hash}/status.
pub async fn status(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
) -> Result<Reply<UploadStatus>, AppError> {
    import::require_dinas(&current)?;
    let hash = parse_hash(&hash)?;
    Ok(format.reply(super::photos::upload_status(&state, hash).await?))
}

/// GET imports/progress/{hash}: how far the file's check or apply has come.
pub async fn progress(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(hash): Path<String>,
) -> Result<Reply<ImportProgress>, AppError> {
    import::require_dinas(&current)?;
    let hash = parse_hash(&hash)?;
    Ok(format.reply(state.imports.get(&hash.hex())))
}

/// POST imports/check.
pub async fn check(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<ImportRequest>,
) -> Result<Reply<ImportReport>, AppError> {
    Ok(format.reply(import::check(&state, &current, request).await?))
}

/// POST imports/apply.
pub async fn apply(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<ImportRequest>,
) -> Result<Reply<ImportReport>, AppError> {
    Ok(format.reply(import::apply(&state, &current, request).await?))
}

/// GET imports/loci-desa: the kabupaten's loci desa (for everyone at kabupaten level and the
/// Dinas; others see the ones in their region).
pub async fn loci(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Reply<RegionList>, AppError> {
    let region = current.user.region.clone();
    let regions = state
        .blocking(move |s| {
            let mut out = Vec::new();
            for code in import::loci_desa(s)? {
                if region.contains(&code) {
                    out.push(s.region_or_code(&code)?);
                }
            }
            Ok(out)
        })
        .await?;
    Ok(format.reply(RegionList { regions }))
}
