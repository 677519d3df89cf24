//! From stored records to what a user may see: identity numbers masked by role, regions named.

use crate::error::AppError;
use crate::state::AppState;
use crate::store::UserRecord;
use tepat_domain::Family;
pub use tepat_protocol::views::{family_detail, family_summary};
use tepat_protocol::{RegionRef, SessionInfo, UserView};

/// The session answer for `user`: their region and the path down to it.
pub async fn session_info(state: &AppState, user: UserRecord) -> Result<SessionInfo, AppError> {
    let code = user.region.clone();
    let path: Vec<RegionRef> = state
        .blocking(move |s| {
            let mut chain = vec![code.clone()];
            while let Some(parent) = chain.last().and_then(|c| c.parent()) {
                chain.push(parent);
            }
            chain.reverse();
            let mut path = Vec::new();
            for c in chain {
                if let Some(region) = s.region(&c)? {
                    path.push(region);
                }
            }
            Ok(path)
        })
        .await?;
    let region = path
        .last()
        .filter(|r| r.code == user.region)
        .cloned()
        .ok_or_else(|| {
            AppError::Internal(format!(
                "region {} of {} not loaded",
                user.region, user.username
            ))
        })?;
    Ok(SessionInfo {
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        region,
        region_path: path,
    })
}

/// Whether any active member's real NIK is held by an active member of another family.
pub fn has_nik_ganda(
    store: &dyn crate::store::Store,
    family: &Family,
) -> crate::store::StoreResult<bool> {
    for member in family.active_members().filter(|m| !m.nik.is_temporary()) {
        for other in store.families_with_nik(&member.nik)? {
            if other != family.id
                && store
                    .family(other)?
                    .is_some_and(|o| o.active_members().any(|m| m.nik == member.nik))
            {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// An account as the admin sees it.
pub fn user_view(user: &UserRecord, region: RegionRef) -> UserView {
    UserView {
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        region,
    }
}
