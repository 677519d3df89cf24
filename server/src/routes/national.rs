//! Submission to the national system, for the Operator Dinas Sosial only (the file carries full
//! NIK, and the workflow gives the send and confirm steps to that role): the batch waiting, its
//! download as CSV or XLSX, marking it sent, and uploading the national result.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::national::{self, FileFormat};
use crate::state::AppState;
use crate::wire::{Body, Format, Reply};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tepat_domain::Role;
use tepat_protocol::{MarkSent, MarkedSent, NationalBatch, NationalResultReport};

const WHAT: &str = "mengirim usulan ke pusat (hanya operator Dinas Sosial)";

fn require_dinas(current: &CurrentUser) -> Result<(), AppError> {
    current.require(current.user.role == Role::OperatorDinas, WHAT)
}

/// GET national/batch.
pub async fn batch(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Reply<NationalBatch>, AppError> {
    require_dinas(&current)?;
    let region = current.user.region.clone();
    let now = state.clock.now();
    let view = state
        .blocking(move |s| national::batch_view(s, &region, now))
        .await?;
    Ok(format.reply(view))
}

/// The export's query: `?format=csv|xlsx&until=TIMESTAMP`.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct ExportQuery {
    format: Option<String>,
    until: Option<String>,
}

/// GET national/export: the file, audited.
pub async fn export(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    require_dinas(&current)?;
    let format = FileFormat::parse(query.format.as_deref().unwrap_or("csv")).ok_or_else(|| {
        AppError::BadRequest("Format file harus csv atau xlsx (?format=csv).".into())
    })?;
    let until = match query.until.as_deref() {
        None | Some("") => None,
        Some(text) => Some(text.parse::<jiff::Timestamp>().map_err(|_| {
            AppError::BadRequest(
                "Waktu batch (?until=) tidak sah: pakai as_of dari daftar batch.".into(),
            )
        })?),
    };
    let user = current.user.clone();
    let now = state.clock.now();
    let file = state
        .blocking(move |s| national::export(s, &user, format, until, now))
        .await??;
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.filename),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response())
}

/// POST national/sent.
pub async fn sent(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(request): Body<MarkSent>,
) -> Result<Reply<MarkedSent>, AppError> {
    require_dinas(&current)?;
    let marked = national::mark_sent(&state, &current, request.proposals).await?;
    Ok(format.reply(marked))
}

/// POST national/result: the file's bytes (CSV or XLSX).
pub async fn result(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    bytes: Bytes,
) -> Result<Reply<NationalResultReport>, AppError> {
    require_dinas(&current)?;
    let report = national::apply_result(&state, &current, bytes.to_vec()).await?;
    Ok(format.reply(report))
}
