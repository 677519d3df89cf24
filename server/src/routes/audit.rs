//! The audit trail of one family or one user for the dinas (operator, kepala dinas, admin),
//! within their scope, newest first and paged; read through the store's subject index.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::AuditSubject;
use crate::wire::{Format, Reply};
use axum::extract::{Query, State};
use tepat_domain::{FamilyId, Role};
use tepat_protocol::AuditPage;

/// Lines per page unless `?limit=` asks for fewer or more.
const DEFAULT_LIMIT: usize = 50;
/// The most lines one page carries.
const MAX_LIMIT: usize = 200;

/// `?family=ID` or `?user=NAME`, with `&before=SEQ&limit=N`.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct AuditQuery {
    family: Option<String>,
    user: Option<String>,
    before: Option<u64>,
    limit: Option<usize>,
}

/// Whether `role` reads the audit trail.
pub fn reads_audit(role: Role) -> bool {
    matches!(role, Role::OperatorDinas | Role::KepalaDinas | Role::Admin)
}

/// GET audit.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<AuditQuery>,
) -> Result<Reply<AuditPage>, AppError> {
    current.require(reads_audit(current.user.role), "membuka jejak audit")?;
    let subject = match (query.family.as_deref(), query.user.as_deref()) {
        (Some(family), None) => {
            let id = uuid::Uuid::parse_str(family)
                .map(FamilyId)
                .map_err(|_| AppError::BadRequest(format!("\"{family}\" bukan ID keluarga.")))?;
            let found = state.blocking(move |s| s.family(id)).await?;
            let family = found.ok_or(AppError::NotFound("Keluarga"))?;
            current.require_scope(&state, &family.desa).await?;
            AuditSubject::Family(id)
        }
        (None, Some(username)) => {
            let username = username.trim().to_lowercase();
            let lookup = username.clone();
            let found = state.blocking(move |s| s.user(&lookup)).await?;
            let user = found.ok_or(AppError::NotFound("Pengguna"))?;
            current.require_scope(&state, &user.region).await?;
            AuditSubject::User(username)
        }
        _ => {
            return Err(AppError::BadRequest(
                "Pilih satu: jejak audit satu keluarga (?family=ID) atau satu pengguna (?user=NAMA)."
                    .into(),
            ));
        }
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let before = query.before;
    let mut rows = state
        .blocking(move |s| s.audit_of(&subject, before, limit + 1))
        .await?;
    let older = (rows.len() > limit).then(|| rows[limit - 1].0);
    rows.truncate(limit);
    Ok(format.reply(AuditPage {
        lines: rows
            .into_iter()
            .map(|(seq, entry)| crate::audit::line(seq, entry))
            .collect(),
        older,
    }))
}
