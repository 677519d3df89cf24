//! Notifications for the desa in the user's scope (NIK ganda and, later, workflow news).

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::NotificationKind;
use crate::wire::{Format, Reply};
use axum::extract::State;
use tepat_protocol::{NotificationList, NotificationView, RegionRef};

/// How many notifications one answer carries.
const LIMIT: usize = 200;

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
    let scope = current.user.region.clone();
    let notifications = state
        .blocking(move |s| {
            let mut out = Vec::new();
            for n in s.notifications_in(&scope, LIMIT)? {
                let desa = s.region(&n.desa)?.unwrap_or_else(|| RegionRef {
                    code: n.desa.clone(),
                    name: n.desa.to_string(),
                    level: n.desa.level(),
                });
                let family = match n.kind {
                    NotificationKind::NikGanda { family, .. }
                    | NotificationKind::LikelyDuplicate { family, .. }
                    | NotificationKind::SharedHousePhoto { family, .. } => Some(family),
                };
                out.push(NotificationView {
                    at: n.at,
                    desa,
                    family,
                    message: n.message,
                });
            }
            Ok(out)
        })
        .await?;
    Ok(format.reply(NotificationList { notifications }))
}
