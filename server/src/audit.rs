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
            "alamat {} RT {}/RW {}",
            f.address.dusun, f.address.rt, f.address.rw
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
    let mut part = |changed: bool, show: &dyn Fn(&Family) -> String| {
        if changed {
            old.push(show(before));
            new.push(show(after));
        }
    };
    part(before.kk != after.kk, &|f| format!("KK {}", f.kk.masked()));
    part(before.desa != after.desa, &|f| format!("desa {}", f.desa));
    part(before.address != after.address, &address);
    part(before.members != after.members, &members);
    part(before.events != after.events, &|f| {
        format!("{} peristiwa", f.events.len())
    });
    part(before.location != after.location, &pin);
    part(before.photos != after.photos, &photos);
    part(before.instrument != after.instrument, &|f| {
        let (answered, total) = f.instrument.completeness();
        format!("instrumen {answered}/{total} terjawab")
    });
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
