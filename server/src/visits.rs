//! Verifiers' visits on the server: a pendamping/TKSK records what they found at a house of
//! their kecamatan, and the desa operator answers the disputes. Both arrive as sync commands
//! (`tepat_protocol::sync::VisitCommand`) and are decided here with the domain's rules
//! ([`tepat_domain::visit`]) plus who may do what where; each is saved with its audit entry.

use crate::store::{AuditAction, AuditEntry, Store, StoreResult, UserRecord};
use tepat_domain::Role;
use tepat_domain::text::sentence;
use tepat_domain::visit::{NewVisit, Visit};

/// A decided command: the visit to save and its audit line, or the reason it is refused.
pub type Decided = Result<(Visit, AuditEntry), String>;

/// A pendamping records visit `id` to a family of their region.
pub fn decide_record(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    visit: &NewVisit,
    now: jiff::Timestamp,
) -> StoreResult<Decided> {
    if user.role != Role::Pendamping {
        return Ok(Err(
            "Hanya pendamping/TKSK yang mencatat kunjungan verifikasi.".into(),
        ));
    }
    let Some(family) = store.family(visit.family)? else {
        return Ok(Err("Keluarga yang dikunjungi tidak ada di server.".into()));
    };
    if !user.region.contains(&family.desa) {
        return Ok(Err("Keluarga ini berada di luar wilayah kerja Anda.".into()));
    }
    if store.visit(id)?.is_some() {
        return Ok(Err("Kunjungan dengan nomor ini sudah tercatat.".into()));
    }
    if let Err(e) = visit.validate() {
        return Ok(Err(sentence(&e.to_string())));
    }
    let disputes = visit.disputes().count();
    let audit = AuditEntry::by(
        now,
        user,
        AuditAction::VisitRecorded,
        format!(
            "kunjungan {id} ke keluarga {} di {}",
            family.id, family.desa
        ),
    )
    .family(family.id)
    .change(
        "",
        format!(
            "{} bagian dinilai, {disputes} tidak sesuai",
            visit.checks.len()
        ),
    );
    Ok(Ok((
        Visit {
            id,
            desa: family.desa,
            by: user.username.clone(),
            at: now,
            visit: visit.clone(),
            resolution: None,
        },
        audit,
    )))
}

/// The desa operator answers the disputes of visit `id`.
pub fn decide_answer(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    note: &str,
    now: jiff::Timestamp,
) -> StoreResult<Decided> {
    let Some(mut visit) = store.visit(id)? else {
        return Ok(Err("Kunjungan ini tidak ada di server.".into()));
    };
    if user.role != Role::OperatorDesa || !user.region.contains(&visit.desa) {
        return Ok(Err(
            "Temuan kunjungan dijawab oleh operator desa keluarga itu.".into(),
        ));
    }
    if let Err(e) = visit.answer(&user.username, now, note) {
        return Ok(Err(sentence(&e.to_string())));
    }
    let audit = AuditEntry::by(
        now,
        user,
        AuditAction::VisitAnswered,
        format!(
            "jawaban atas kunjungan {id} (keluarga {})",
            visit.visit.family
        ),
    )
    .family(visit.visit.family)
    .change("temuan belum dijawab", "temuan dijawab");
    Ok(Ok((visit, audit)))
}
