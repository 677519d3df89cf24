//! GET backup: the whole server as a tar archive, for the admin only (it holds every NIK whole
//! and every account's password hash). The request is audited first, so the backup carries its
//! own record; one backup at a time (a second is answered 409). The snapshot is taken before the
//! answer starts (a failure is an error answer, not a cut stream); the archive is then written by
//! a blocking thread into a socket pair whose other end is the response body, so nothing but the
//! snapshot touches the disk.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry};
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tepat_domain::Role;

/// GET backup.
pub async fn download(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    current.require(
        current.user.role == Role::Admin,
        "membuat cadangan basis data (hanya admin)",
    )?;
    // One backup at a time: the next would clear this one's snapshot folder.
    let running = state.backup_running.clone().try_lock_owned().map_err(|_| {
        AppError::StepRefused(
            "Cadangan lain sedang dibuat. Coba lagi setelah unduhan itu selesai.".into(),
        )
    })?;
    let now = state.clock.now();
    let entry = AuditEntry::by(
        now,
        &current.user,
        AuditAction::BackupMade,
        "cadangan lengkap: basis data dan berkas foto/dokumen",
    );
    state.blocking(move |s| s.append_audit(&entry)).await?;

    // Old snapshots of an interrupted backup go; this one is named by the moment.
    let folder = state
        .config
        .blob_dir
        .parent()
        .map(|p| p.join("cadangan-sementara"))
        .ok_or_else(|| AppError::Internal("data folder unknown".into()))?;
    let database = folder.join(format!("{}.redb", uuid::Uuid::now_v7()));
    let target = database.clone();
    let snapshot = state
        .blocking(move |s| {
            let _ = std::fs::remove_dir_all(&folder);
            std::fs::create_dir_all(&folder)?;
            s.snapshot_to(&target)
        })
        .await
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&database);
        })?;

    let (writer, reader) = std::os::unix::net::UnixStream::pair()
        .map_err(|e| AppError::Internal(format!("socket pair: {e}")))?;
    reader
        .set_nonblocking(true)
        .map_err(|e| AppError::Internal(format!("socket pair: {e}")))?;
    let reader = tokio::net::UnixStream::from_std(reader)
        .map_err(|e| AppError::Internal(format!("socket pair: {e}")))?;
    let blob_root = state.config.blob_dir.clone();
    let who = current.user.username.clone();
    tokio::task::spawn_blocking(move || {
        let out = std::io::BufWriter::with_capacity(256 * 1024, writer);
        let written =
            crate::backup::write_archive(out, &database, &snapshot, &blob_root, &who, now);
        let _ = std::fs::remove_file(&database);
        drop(running);
        match written {
            Ok(manifest) => tracing::info!(by = %who, files = manifest.files.len(), "backup sent"),
            // The reader sees the archive end without its manifest: `tepat backup` says so.
            Err(e) => tracing::warn!(by = %who, "backup cut: {e:#}"),
        }
    });
    let day = now.strftime("%Y%m%d-%H%M%S");
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-tar".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tepat-cadangan-{day}.tar\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(tokio_util::io::ReaderStream::with_capacity(
            reader,
            256 * 1024,
        )),
    )
        .into_response())
}
