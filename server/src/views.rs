//! From stored records to what a user may see: identity numbers masked by role, regions named.

use crate::error::AppError;
use crate::state::AppState;
use crate::store::UserRecord;
use tepat_domain::{Family, Role};
use tepat_protocol::{FamilyDetail, FamilySummary, MemberView, RegionRef, SessionInfo, UserView};

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

/// A family as a list line or map pin (KK always masked); `nik_ganda` when one of its NIKs is
/// also held in another family.
pub fn family_summary(family: &Family, nik_ganda: bool) -> FamilySummary {
    FamilySummary {
        id: family.id,
        kk_masked: family.kk.masked(),
        head_name: family.head_name().to_owned(),
        member_count: family.members.len().min(u16::MAX as usize) as u16,
        desa: family.desa.clone(),
        dusun: family.address.dusun.clone(),
        rt: family.address.rt.clone(),
        rw: family.address.rw.clone(),
        location: family.location,
        demo: family.demo,
        nik_ganda,
    }
}

/// A family in full, identity numbers whole only for roles that need them.
pub fn family_detail(family: &Family, role: Role, nik_ganda: bool) -> FamilyDetail {
    let full = role.sees_full_identity();
    FamilyDetail {
        summary: family_summary(family, nik_ganda),
        record: role.edits_families().then(|| family.clone()),
        kk: if full {
            family.kk.to_string()
        } else {
            family.kk.masked()
        },
        street: family.address.street.clone(),
        members: family
            .members
            .iter()
            .map(|m| MemberView {
                nik: if full {
                    m.nik.to_string()
                } else {
                    m.nik.masked()
                },
                name: m.name.clone(),
                sex: m.sex,
                birth_place: m.birth_place.clone(),
                birth_date: m.birth_date,
                relation: m.relation,
            })
            .collect(),
    }
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
