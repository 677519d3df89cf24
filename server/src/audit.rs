//! What the audit trail says about a change, compactly: the parts of a family a save changed,
//! with their values before and after; and an entry as the dinas reads it ([`line`]).

use crate::store::AuditEntry;
use tepat_domain::Family;
use tepat_protocol::AuditLine;

/// The parts of a family a save changed: (before, after), each like `anggota 3; dusun Barat RT 1/RW 2`.
/// A new family has no before.
pub fn family_change(before: Option<&Family>, after: &Family) -> (String, String) {
    let address = |f: &Family| {
        format!(
            "alamat {}, {} RT {}/RW {}",
            f.address.street, f.address.dusun, f.address.rt, f.address.rw
        )
    };
    let members = |f: &Family| format!("{} anggota", f.active_members().count());
    let pin = |f: &Family| match f.location {
        Some(l) => format!("pin {:.5},{:.5}", l.lat, l.lon),
        None => "tanpa pin".to_owned(),
    };
    let photos = |f: &Family| {
        let n = [f.photos.front, f.photos.inside].iter().flatten().count();
        format!("{n} foto rumah")
    };
    let Some(before) = before else {
        return (
            String::new(),
            [
                format!("baru: KK {}", after.kk.masked()),
                format!("desa {}", after.desa),
                members(after),
                address(after),
            ]
            .join("; "),
        );
    };
    let mut old = Vec::new();
    let mut new = Vec::new();
    let part = |old: &mut Vec<String>,
                new: &mut Vec<String>,
                changed: bool,
                show: &dyn Fn(&Family) -> String| {
        if changed {
            old.push(show(before));
            new.push(show(after));
        }
    };
    part(&mut old, &mut new, before.kk != after.kk, &|f| {
        format!("KK {}", f.kk.masked())
    });
    part(&mut old, &mut new, before.desa != after.desa, &|f| {
        format!("desa {}", f.desa)
    });
    part(
        &mut old,
        &mut new,
        before.address != after.address,
        &address,
    );
    // Members: the count, and by name those whose record changed.
    if before.members != after.members {
        let edited: Vec<&str> = after
            .members
            .iter()
            .filter(|m| before.members.iter().any(|old| old.id == m.id && old != *m))
            .map(|m| m.name.as_str())
            .collect();
        old.push(members(before));
        new.push(if edited.is_empty() {
            members(after)
        } else {
            format!("{} (diubah: {})", members(after), edited.join(", "))
        });
    }
    part(&mut old, &mut new, before.events != after.events, &|f| {
        format!("{} peristiwa", f.events.len())
    });
    part(&mut old, &mut new, before.location != after.location, &pin);
    part(&mut old, &mut new, before.photos != after.photos, &photos);
    part(
        &mut old,
        &mut new,
        before.instrument != after.instrument,
        &|f| {
            let (answered, total) = f.instrument.completeness();
            format!("instrumen {answered}/{total} terjawab")
        },
    );
    (old.join("; "), new.join("; "))
}

/// An entry, numbered `seq` in the chain, as the dinas reads it.
pub fn line(seq: u64, entry: AuditEntry) -> AuditLine {
    AuditLine {
        seq,
        at: entry.at,
        actor: entry.actor,
        role: entry.role,
        device: entry.device,
        action: entry.action,
        detail: entry.detail,
        family: entry.family,
        proposal: entry.proposal,
        before: entry.before,
        after: entry.after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_names_only_the_parts_it_changed_with_their_values() {
        let family = crate::demo::families().remove(0);
        let (before, after) = family_change(None, &family);
        assert_eq!(before, "");
        assert!(after.starts_with("baru: KK "), "{after}");
        assert!(after.contains(&format!("desa {}", family.desa)), "{after}");

        let mut moved = family.clone();
        moved.address.rt = "099".into();
        moved.location = None;
        let (before, after) = family_change(Some(&family), &moved);
        assert!(
            before.contains(&format!("RT {}/", family.address.rt)),
            "{before}"
        );
        assert!(after.contains("RT 099/"), "{after}");
        assert!(after.ends_with("tanpa pin"), "{after}");
        assert!(
            !after.contains("anggota"),
            "members did not change: {after}"
        );
        assert_eq!(
            family_change(Some(&family), &family),
            (String::new(), String::new())
        );
    }
}
