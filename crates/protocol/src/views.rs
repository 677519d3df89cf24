//! From a family record to what a user may see: a list line or map pin, and the full view with
//! identity numbers masked by role. The server answers with these, and a tablet working offline
//! builds the very same views from its local copy.

use crate::{FamilyDetail, FamilySummary, MemberView};
use tepat_domain::{Family, Role};

/// A family as a list line or map pin (KK always masked, members counted while they live in
/// it); `nik_ganda` when one of its NIKs is also held in another family. The proposal status
/// and the decile are known apart from the record: the caller sets them.
pub fn family_summary(family: &Family, nik_ganda: bool) -> FamilySummary {
    FamilySummary {
        id: family.id,
        kk_masked: family.kk.masked(),
        head_name: family.head_name().to_owned(),
        member_count: family.active_members().count().min(u16::MAX as usize) as u16,
        desa: family.desa.clone(),
        dusun: family.address.dusun.clone(),
        rt: family.address.rt.clone(),
        rw: family.address.rw.clone(),
        location: family.location,
        demo: family.demo,
        nik_ganda,
        status: None,
        local_decile: None,
    }
}

/// A family in full, identity numbers whole only for roles that need them.
pub fn family_detail(family: &Family, role: Role, nik_ganda: bool) -> FamilyDetail {
    let full = role.sees_full_identity();
    FamilyDetail {
        summary: family_summary(family, nik_ganda),
        record: role.edits_families().then(|| family.clone()),
        photos: family.photos,
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
                status: m.status.clone(),
            })
            .collect(),
    }
}
