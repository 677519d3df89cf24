//! The scoring scheme (read by everyone who reads families, replaced by the Dinas) and one
//! family's score with its breakdown, rank, local decile and earlier versions' results.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::policy;
use crate::scoring::replace_scheme;
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry};
use crate::wire::{Body, Format, Reply};
use axum::extract::{Path, State};
use tepat_domain::scoring::ScoringScheme;
use tepat_domain::{FamilyId, Role};
use tepat_protocol::{RankedScore, SchemeSaved, ScoreView};

/// GET policy/scoring.
pub async fn get_scheme(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Reply<ScoringScheme>, AppError> {
    current.require(
        current.user.role.reads_families() || current.user.role == Role::Admin,
        "membuka skema skor",
    )?;
    Ok(format.reply(state.blocking(policy::scoring).await?))
}

/// PUT policy/scoring: a new version of the scheme; everything is re-scored and re-ranked.
pub async fn put_scheme(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(scheme): Body<ScoringScheme>,
) -> Result<Reply<SchemeSaved>, AppError> {
    current.require(
        matches!(current.user.role, Role::OperatorDinas | Role::Admin),
        "mengubah skema skor",
    )?;
    if let Err(errors) = scheme.validate() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Err(AppError::BadRequest(format!(
            "Skema skor tidak sah: {}.",
            list.join("; ")
        )));
    }
    let kabupaten = state.config.kabupaten.clone();
    let audit = AuditEntry::by(
        state.clock.now(),
        &current.user,
        AuditAction::SettingChanged,
        format!("skema skor \"{}\"", scheme.name),
    )
    .change(
        format!("versi {}", scheme.version.saturating_sub(1)),
        format!("versi {}", scheme.version),
    );
    let _guard = state.workflow_lock.lock().await;
    let saved = state
        .blocking(move |s| {
            let current = policy::scoring(s)?;
            if scheme.version != current.version + 1 {
                return Ok(Err(AppError::BadRequest(format!(
                    "Versi skema baru harus {} (versi yang berlaku {}).",
                    current.version + 1,
                    current.version
                ))));
            }
            let count = replace_scheme(s, &kabupaten, &scheme, &audit)?;
            Ok(Ok(SchemeSaved {
                version: scheme.version,
                families_rescored: count,
            }))
        })
        .await??;
    Ok(format.reply(saved))
}

/// GET families/{id}/score.
pub async fn family_score(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(id): Path<String>,
) -> Result<Reply<ScoreView>, AppError> {
    current.require(current.user.role.reads_families(), "membuka skor keluarga")?;
    let id = uuid::Uuid::parse_str(&id)
        .map(FamilyId)
        .map_err(|_| AppError::BadRequest("ID keluarga tidak sah.".into()))?;
    let family = state
        .blocking(move |s| s.family(id))
        .await?
        .ok_or(AppError::NotFound("Keluarga"))?;
    current.require_scope(&state, &family.desa).await?;
    let view = state
        .blocking(move |s| {
            let scheme = policy::scoring(s)?;
            let stored = s.scores_of(family.id)?;
            let ranked = stored
                .iter()
                .find(|r| r.result.scheme_version == scheme.version);
            let current = RankedScore {
                result: family.score(&scheme),
                rank: ranked.and_then(|r| r.rank),
                local_decile: ranked.and_then(|r| r.local_decile),
                ranked_among: ranked.map(|r| r.ranked_among).unwrap_or(0),
            };
            let earlier = stored
                .into_iter()
                .filter(|r| r.result.scheme_version < scheme.version)
                .collect();
            Ok(ScoreView { current, earlier })
        })
        .await?;
    Ok(format.reply(view))
}
