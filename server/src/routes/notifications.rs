//! Notifications for the user's scope: the stored ones of the desa in it (NIK ganda, likely
//! duplicates, shared house photos, a proposal returned to the desa), then the ones computed at
//! read time from the clock (a window the user's role works in opening soon).

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::policy;
use crate::state::AppState;
use crate::store::{NotificationKind, Store, StoreResult, UserRecord};
use crate::wire::{Format, Reply};
use axum::extract::State;
use tepat_domain::Role;
use tepat_domain::windows::{WindowKind, WindowStatus};
use tepat_domain::workflow::{Actor, ProposalKind, ProposalState, allowed_steps, window_for};
use tepat_protocol::{NotificationList, NotificationView};

/// How many notifications one answer carries.
const LIMIT: usize = 200;

/// A window opening within this many days is announced.
const OPENING_SOON_DAYS: i32 = 3;

/// GET notifications.
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Reply<NotificationList>, AppError> {
    current.require(
        current.user.role.reads_families(),
        "membuka pemberitahuan data keluarga",
    )?;
    let user = current.user.clone();
    let now = state.clock.now();
    let notifications = state
        .blocking(move |s| {
            // Computed first: they concern today, the stored ones follow newest first.
            let mut out = windows_opening_soon(s, &user, now)?;
            out.extend(crate::musdes::overdue_notifications(s, &user, now)?);
            for n in s.notifications_in(&user.region, LIMIT)? {
                let family = match n.kind {
                    NotificationKind::NikGanda { family, .. }
                    | NotificationKind::LikelyDuplicate { family, .. }
                    | NotificationKind::SharedHousePhoto { family, .. }
                    | NotificationKind::ProposalReturned { family, .. } => Some(family),
                    NotificationKind::CaseFiled { .. } => None,
                };
                out.push(NotificationView {
                    at: n.at,
                    desa: s.region_or_code(&n.desa)?,
                    family,
                    message: n.message,
                });
            }
            Ok(out)
        })
        .await?;
    Ok(format.reply(NotificationList { notifications }))
}

/// Whether `role` takes a step gated by window `kind` (e.g. the desa sends bansos proposals up,
/// the dinas verifies, the bupati ratifies).
pub fn concerns(kind: WindowKind, role: Role) -> bool {
    ProposalState::ALL.iter().any(|state| {
        allowed_steps(*state, Actor::User(role))
            .into_iter()
            .any(|step| {
                [
                    ProposalKind::BansosPkh,
                    ProposalKind::BansosBpnt,
                    ProposalKind::PbiJk,
                ]
                .into_iter()
                .any(|p| window_for(p, step) == Some(kind))
            })
    })
}

/// The windows `user`'s role works in that are closed today and open within
/// [`OPENING_SOON_DAYS`] days, as notifications on the user's region.
fn windows_opening_soon(
    store: &dyn Store,
    user: &UserRecord,
    now: jiff::Timestamp,
) -> StoreResult<Vec<NotificationView>> {
    let windows = policy::windows(store)?;
    let today = windows.zone.local_date(now);
    let mut out = Vec::new();
    for kind in [
        WindowKind::Verification,
        WindowKind::Ratification,
        WindowKind::BansosProposal,
        WindowKind::PbiJkProposal,
    ] {
        let WindowStatus::Closed { opens_on } = windows.status(kind, now) else {
            continue;
        };
        let days = (opens_on - today).get_days();
        if days > OPENING_SOON_DAYS || !concerns(kind, user.role) {
            continue;
        }
        let when = match days {
            1 => "besok".to_owned(),
            n => format!("{n} hari lagi"),
        };
        out.push(NotificationView {
            at: now,
            desa: store.region_or_code(&user.region)?,
            family: None,
            message: format!(
                "{} dibuka {when}, {}; jadwalnya {}.",
                kind.label_id(),
                tepat_domain::text::format_date_id(opens_on),
                windows.rule(kind).describe()
            ),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_concerns_the_roles_whose_steps_it_gates() {
        assert!(concerns(WindowKind::BansosProposal, Role::OperatorDesa));
        assert!(!concerns(WindowKind::BansosProposal, Role::Bupati));
        assert!(concerns(WindowKind::Ratification, Role::Bupati));
        assert!(!concerns(WindowKind::Ratification, Role::OperatorDesa));
    }
}
