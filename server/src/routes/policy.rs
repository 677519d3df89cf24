//! Policy as the users see it: today's time windows (so the UI shows a closed window before the
//! user tries) and each programme's quota per desa, which the Dinas sets.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::policy::{self, programme_from_code, quota_key};
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, encode_value};
use crate::wire::{Body, Format, Reply};
use axum::extract::{Path, State};
use tepat_domain::Role;
use tepat_domain::quota::split_quota;
use tepat_domain::windows::WindowKind;
use tepat_protocol::{DesaQuotaView, QuotaSettings, QuotaView, WindowView, WindowsView};

/// GET windows.
pub async fn windows(
    State(state): State<AppState>,
    _current: CurrentUser,
    format: Format,
) -> Result<Reply<WindowsView>, AppError> {
    let policy = state.blocking(policy::windows).await?;
    let now = state.clock.now();
    let windows = [
        WindowKind::Verification,
        WindowKind::Ratification,
        WindowKind::BansosProposal,
        WindowKind::PbiJkProposal,
    ]
    .into_iter()
    .map(|kind| WindowView {
        kind,
        status: policy.status(kind, now),
        rule: policy.rule(kind).describe(),
    })
    .collect();
    Ok(format.reply(WindowsView {
        zone: policy.zone,
        today: policy.zone.local_date(now),
        windows,
    }))
}

fn programme(code: &str) -> Result<tepat_domain::workflow::ProposalKind, AppError> {
    programme_from_code(code).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Program \"{code}\" tidak dikenal: pakai PKH atau BPNT."
        ))
    })
}

/// GET quota/{programme}: shares, places taken and waiting, per desa in the user's scope.
pub async fn get_quota(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(code): Path<String>,
) -> Result<Reply<QuotaView>, AppError> {
    current.require(current.user.role.reads_families(), "membuka kuota")?;
    let programme = programme(&code)?;
    let scope = current.user.region.clone();
    let view = state
        .blocking(move |s| {
            let settings = policy::quota(s, programme)?;
            let shares = settings
                .as_ref()
                .map(|q| split_quota(q.kabupaten_quota, &q.poor_by_desa))
                .unwrap_or_default();
            let proposals: Vec<_> = s
                .proposals_in(&scope)?
                .into_iter()
                .filter(|p| p.kind == programme)
                .collect();
            let mut desa: std::collections::BTreeSet<_> = shares
                .keys()
                .filter(|d| scope.contains(d))
                .cloned()
                .collect();
            desa.extend(proposals.iter().map(|p| p.desa.clone()));
            let mut rows = Vec::new();
            for code in desa {
                let mine = proposals.iter().filter(|p| p.desa == code);
                let placed = mine
                    .clone()
                    .filter(|p| crate::proposals::holds_place(p.state))
                    .count() as u32;
                let waiting = mine
                    .filter(|p| p.state == tepat_domain::workflow::ProposalState::WaitingList)
                    .count() as u32;
                let region = s
                    .region(&code)?
                    .ok_or(crate::store::StoreError::Corrupt { table: "regions" })?;
                rows.push(DesaQuotaView {
                    desa: region,
                    share: shares.get(&code).copied().unwrap_or(0),
                    placed,
                    waiting,
                });
            }
            Ok(QuotaView {
                programme,
                kabupaten_quota: settings.map(|q| q.kabupaten_quota).unwrap_or(0),
                desa: rows,
            })
        })
        .await?;
    Ok(format.reply(view))
}

/// PUT quota/{programme}: the Dinas sets the kabupaten's places and the poor population per desa.
pub async fn put_quota(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Path(code): Path<String>,
    Body(settings): Body<QuotaSettings>,
) -> Result<Reply<QuotaView>, AppError> {
    current.require(
        matches!(current.user.role, Role::OperatorDinas | Role::Admin),
        "mengatur kuota",
    )?;
    let programme = programme(&code)?;
    let kabupaten = state.config.kabupaten.clone();
    let user = current.user.clone();
    let now = state.clock.now();
    let checked = state
        .blocking(move |s| {
            if let Err(message) = crate::proposals::check_quota_settings(s, &kabupaten, &settings)?
            {
                return Ok(Err(AppError::BadRequest(message)));
            }
            let before = policy::quota(s, programme)?
                .map(|q| {
                    format!(
                        "{} tempat untuk {} desa",
                        q.kabupaten_quota,
                        q.poor_by_desa.len()
                    )
                })
                .unwrap_or_default();
            let audit = AuditEntry::by(
                now,
                &user,
                AuditAction::SettingChanged,
                format!("kuota {}", policy::programme_code(programme)),
            )
            .change(
                before,
                format!(
                    "{} tempat untuk {} desa",
                    settings.kabupaten_quota,
                    settings.poor_by_desa.len()
                ),
            );
            s.put_setting(&quota_key(programme), &encode_value(&settings), &audit)?;
            Ok(Ok(()))
        })
        .await?;
    checked?;
    get_quota(State(state), current, format, Path(code)).await
}

/// GET policy/windows: the window policy in force.
pub async fn get_window_policy(
    State(state): State<AppState>,
    _current: CurrentUser,
    format: Format,
) -> Result<Reply<tepat_domain::windows::WindowPolicy>, AppError> {
    Ok(format.reply(state.blocking(policy::windows).await?))
}

/// PUT policy/windows: the Dinas puts a new version of the windows in force.
pub async fn put_window_policy(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Body(new): Body<tepat_domain::windows::WindowPolicy>,
) -> Result<Reply<tepat_domain::windows::WindowPolicy>, AppError> {
    current.require(
        matches!(current.user.role, Role::OperatorDinas | Role::Admin),
        "mengubah jadwal",
    )?;
    new.validate()
        .map_err(|e| AppError::BadRequest(format!("Kebijakan jadwal tidak sah: {e}.")))?;
    let audit = AuditEntry::by(
        state.clock.now(),
        &current.user,
        AuditAction::SettingChanged,
        "kebijakan jadwal",
    );
    let _guard = state.workflow_lock.lock().await;
    let saved = state
        .blocking(move |s| {
            let in_force = policy::windows(s)?;
            if new.version != in_force.version + 1 {
                return Ok(Err(AppError::BadRequest(format!(
                    "Versi kebijakan jadwal baru harus {} (versi yang berlaku {}).",
                    in_force.version + 1,
                    in_force.version
                ))));
            }
            let audit = audit.change(
                format!("versi {}", in_force.version),
                format!("versi {}", new.version),
            );
            s.put_setting(policy::WINDOWS_KEY, &encode_value(&new), &audit)?;
            Ok(Ok(new))
        })
        .await??;
    Ok(format.reply(saved))
}
