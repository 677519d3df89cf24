//! Saving a family: the one path every write of a family record takes (the JSON/postcard API
//! now, sync batches later). It checks role, scope and input limits, runs the domain checks,
//! finds NIK ganda across the kabupaten and tells both desa, and writes the family, the
//! notifications and the audit entry in one transaction. A saved record with errors is kept
//! (nothing typed is lost); errors block proposals, not saving.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, Notification, NotificationKind, Store, StoreResult};
use tepat_domain::checks::check_family;
use tepat_domain::checks::person_key;
use tepat_domain::{Family, FamilyId, RegionLevel};
use tepat_protocol::sync::changed_writes;
use tepat_protocol::{LikelyDuplicateView, NikClashView, RegionRef, SaveFamilyResult};
use tepat_sync::{Change, ChangeId};

/// The most members one KK may list.
pub const MAX_MEMBERS: usize = 40;
/// The longest text field accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most life events kept on one family record.
pub const MAX_EVENTS: usize = 500;

/// Refuses input no real family has, with a message that says what to fix.
fn check_limits(family: &Family) -> Result<(), AppError> {
    check_limits_message(family).map_err(AppError::BadRequest)
}

/// [`check_limits`] as a plain message, for the sync path.
pub fn check_limits_message(family: &Family) -> Result<(), String> {
    let bad = |m: String| Err(m);
    if family.members.len() > MAX_MEMBERS {
        return bad(format!("Satu KK paling banyak {MAX_MEMBERS} anggota."));
    }
    if family.events.len() > MAX_EVENTS {
        return bad(format!(
            "Riwayat peristiwa paling banyak {MAX_EVENTS} baris."
        ));
    }
    let address = &family.address;
    let texts = [&address.street, &address.dusun, &address.rt, &address.rw]
        .into_iter()
        .chain(
            family
                .members
                .iter()
                .flat_map(|m| [&m.name, &m.birth_place, &m.mother_name]),
        )
        .chain(family.events.iter().map(|e| &e.note));
    if texts
        .into_iter()
        .any(|t| t.chars().count() > MAX_TEXT_CHARS)
    {
        return bad(format!(
            "Isian teks paling panjang {MAX_TEXT_CHARS} karakter."
        ));
    }
    if let Some(location) = family.location {
        let in_indonesia =
            (-11.5..=6.5).contains(&location.lat) && (94.0..=141.5).contains(&location.lon);
        if !in_indonesia {
            return bad(
                "Titik rumah berada di luar wilayah Indonesia: periksa lintang dan bujur.".into(),
            );
        }
    }
    Ok(())
}

/// Saves `family` (sent to the path of `id`) for `current`.
pub async fn save(
    state: &AppState,
    current: &CurrentUser,
    id: FamilyId,
    mut family: Family,
) -> Result<SaveFamilyResult, AppError> {
    current.require(current.user.role.edits_families(), "mengubah data keluarga")?;
    if family.id != id {
        return Err(AppError::BadRequest(
            "ID keluarga di alamat dan di isian berbeda.".into(),
        ));
    }
    check_limits(&family)?;
    current.require_scope(state, &family.desa).await?;
    let existing = state.blocking(move |s| s.family(id)).await?;
    if let Some(existing) = &existing {
        // Moving a family out of a desa needs scope over that desa too.
        current.require_scope(state, &existing.desa).await?;
    }
    // Only the server marks demo data.
    family.demo = existing.as_ref().is_some_and(|e| e.demo);

    let now = state.clock.now();
    // "Today" is the kabupaten's day, in the zone of its window policy.
    let today = state
        .blocking(crate::policy::windows)
        .await?
        .zone
        .local_date(now);
    let user = current.user.clone();
    let server_clock = state.server_clock.clone();
    // One writer of family records at a time: saves and sync pushes read, merge and write.
    let _guard = state.workflow_lock.lock().await;
    state
        .blocking(move |store| {
            let Some(desa) = store
                .region(&family.desa)?
                .filter(|r| r.level == RegionLevel::Desa)
            else {
                return Ok(Err(AppError::BadRequest(format!(
                    "Desa {} tidak dikenal di kabupaten ini.",
                    family.desa
                ))));
            };
            let findings = check_family(&family, today);
            let (nik_clashes, mut notifications) =
                find_clashes(store, &family, existing.as_ref(), &desa, now)?;
            let (likely_duplicates, more) =
                find_likely_duplicates(store, &family, existing.as_ref(), &desa, now)?;
            notifications.extend(more);
            notifications.extend(crate::photo_likeness::find_shared_photos(
                store,
                &family,
                existing.as_ref(),
                &desa,
                now,
            )?);
            // The write is a change like a tablet's, so tablets pull it and later edits merge
            // with it field by field.
            let (record, stored) = crate::sync::prior(store, family.id)?;
            // The form showed the stored family, so each write replaces what is stored now.
            let writes = record.based(changed_writes(stored.as_ref(), &family));
            if !writes.is_empty() {
                let change = Change {
                    id: ChangeId(uuid::Uuid::now_v7()),
                    device: crate::sync::SERVER_DEVICE,
                    user: user.username.clone(),
                    stamp: server_clock
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .tick(now.as_millisecond().max(0) as u64),
                    record: family.id.0,
                    writes,
                };
                match crate::sync::accept_change(store, &user, &change, &record, stored.as_ref())? {
                    Ok(entry) => {
                        let (before, after) =
                            crate::audit::family_change(stored.as_ref(), &entry.family);
                        let audit = AuditEntry::by(
                            now,
                            &user,
                            AuditAction::FamilySaved,
                            format!(
                                "keluarga {} (KK {}) di {}",
                                family.id,
                                family.kk.masked(),
                                desa.name
                            ),
                        )
                        .family(family.id)
                        .device(Some("web daring".into()))
                        .change(before, after);
                        store.commit_changes(&[entry], &notifications, &[audit])?;
                    }
                    Err(reason) => return Ok(Err(AppError::BadRequest(reason))),
                }
            }
            Ok(Ok(SaveFamilyResult {
                findings,
                nik_clashes,
                likely_duplicates,
            }))
        })
        .await?
}

/// NIK ganda between `family` and the rest of the kabupaten, and the notifications for the ones
/// that are new with this save (both desa are told once, not on every save).
pub(crate) fn find_clashes(
    store: &dyn Store,
    family: &Family,
    existing: Option<&Family>,
    desa: &RegionRef,
    now: jiff::Timestamp,
) -> StoreResult<(Vec<NikClashView>, Vec<Notification>)> {
    let mut clashes = Vec::new();
    let mut notifications = Vec::new();
    for member in family.active_members().filter(|m| !m.nik.is_temporary()) {
        let known_before =
            existing.is_some_and(|e| e.active_members().any(|m| m.nik == member.nik));
        for other_id in store.families_with_nik(&member.nik)? {
            if other_id == family.id {
                continue;
            }
            let Some(other) = store.family(other_id)? else {
                continue;
            };
            let Some(other_member) = other.active_members().find(|m| m.nik == member.nik) else {
                continue;
            };
            let other_desa = store.region(&other.desa)?.unwrap_or_else(|| RegionRef {
                code: other.desa.clone(),
                name: other.desa.to_string(),
                level: RegionLevel::Desa,
            });
            let nik_masked = member.nik.masked();
            if !known_before {
                let kind = |family, other| NotificationKind::NikGanda {
                    nik: member.nik.clone(),
                    family,
                    other,
                };
                notifications.push(Notification {
                    at: now,
                    desa: family.desa.clone(),
                    kind: kind(family.id, other.id),
                    message: format!(
                        "NIK ganda: NIK {nik_masked} ({}) juga tercatat di Desa {}. Satu NIK hanya untuk \
                         satu orang: periksa KK dan hubungi operator Desa {}.",
                        member.name, other_desa.name, other_desa.name
                    ),
                });
                notifications.push(Notification {
                    at: now,
                    desa: other.desa.clone(),
                    kind: kind(other.id, family.id),
                    message: format!(
                        "NIK ganda: NIK {nik_masked} ({}) di desa Anda baru saja juga didaftarkan di Desa {}. \
                         Periksa KK dan hubungi operator Desa {}.",
                        other_member.name, desa.name, desa.name
                    ),
                });
            }
            clashes.push(NikClashView {
                nik_masked,
                member_name: member.name.clone(),
                other_desa,
            });
        }
    }
    Ok((clashes, notifications))
}

/// Members likely the same person as a member of another family, one of the two without a real
/// NIK (same normalised name, birth date, birth place and sex), and the notifications for the
/// ones new with this save.
pub(crate) fn find_likely_duplicates(
    store: &dyn Store,
    family: &Family,
    existing: Option<&Family>,
    desa: &RegionRef,
    now: jiff::Timestamp,
) -> StoreResult<(Vec<LikelyDuplicateView>, Vec<Notification>)> {
    let mut found = Vec::new();
    let mut notifications = Vec::new();
    for member in family.active_members() {
        let key = person_key(member);
        let known_before =
            existing.is_some_and(|e| e.active_members().any(|m| person_key(m) == key));
        for other_id in store.families_with_person(&key)? {
            if other_id == family.id {
                continue;
            }
            let Some(other) = store.family(other_id)? else {
                continue;
            };
            let Some(other_member) = other.active_members().find(|m| person_key(m) == key) else {
                continue;
            };
            if !member.nik.is_temporary() && !other_member.nik.is_temporary() {
                // Two real NIKs: different people, or a NIK ganda reported as such.
                continue;
            }
            let other_desa = store.region(&other.desa)?.unwrap_or_else(|| RegionRef {
                code: other.desa.clone(),
                name: other.desa.to_string(),
                level: RegionLevel::Desa,
            });
            if !known_before {
                let born = tepat_domain::text::format_date_id(member.birth_date);
                let kind = |family, other| NotificationKind::LikelyDuplicate { family, other };
                notifications.push(Notification {
                    at: now,
                    desa: family.desa.clone(),
                    kind: kind(family.id, other.id),
                    message: format!(
                        "Kemungkinan data ganda: {} (lahir {born}) juga tercatat di Desa {}, dan salah satunya \
                         belum ber-NIK. Periksa apakah orang yang sama.",
                        member.name, other_desa.name
                    ),
                });
                notifications.push(Notification {
                    at: now,
                    desa: other.desa.clone(),
                    kind: kind(other.id, family.id),
                    message: format!(
                        "Kemungkinan data ganda: {} (lahir {born}) di desa Anda juga baru didaftarkan di Desa {}. \
                         Periksa apakah orang yang sama.",
                        other_member.name, desa.name
                    ),
                });
            }
            found.push(LikelyDuplicateView {
                member_name: member.name.clone(),
                other_desa,
            });
        }
    }
    Ok((found, notifications))
}
