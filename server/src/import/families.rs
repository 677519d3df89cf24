//! Importing families: the domain reads the rows; here each family's desa is resolved, KK
//! already in the register are set aside (reported, never overwritten), NIK already in the
//! register are refused (NIK ganda), each new family is checked as a save checks it, and
//! applying writes them all through the change log in one transaction (`sync::record_created`:
//! tablets of the desa pull them like any change), each with its audit entry.

use super::{Plan, Resolved, Resolver, Write, problems, report};
use crate::blobs::BlobHash;
use crate::error::AppError;
use crate::store::{AuditAction, AuditEntry, Store, StoreResult, UserRecord};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use tepat_domain::import::Problem;
use tepat_domain::import::families::{self, ImportedFamily};
use tepat_domain::{Family, FamilyId, RegionCode};
use tepat_protocol::{ImportLine, ImportReport, ImportRequest, ImportResult, KnownKk};

/// The id of a family imported from the file `hash`: derived from the file and the KK, so a
/// repeated import names the same records.
fn family_id(hash: &BlobHash, kk: &str) -> FamilyId {
    let digest = Sha256::new()
        .chain_update(hash.0)
        .chain_update(kk.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    FamilyId(uuid::Uuid::from_bytes(bytes))
}

/// Checks the rows of a families file.
pub(crate) fn plan(
    store: &dyn Store,
    user: &UserRecord,
    request: &ImportRequest,
    hash: &BlobHash,
    rows: &[Vec<String>],
    today: jiff::civil::Date,
    tracker: &super::progress::Tracker,
) -> StoreResult<Result<Plan, AppError>> {
    let read = match families::read(rows) {
        Ok(read) => read,
        Err(message) => return Ok(Err(AppError::BadRequest(message))),
    };
    let mut all: Vec<Problem> = read.problems.clone();
    let mut resolver = Resolver::new(store, &user.region, &request.choices)?;
    let desa_label = |read: &families::FamiliesRead| {
        let column = if read.header.has(tepat_domain::import::columns::Column::Desa) {
            tepat_domain::import::columns::Column::Desa
        } else {
            tepat_domain::import::columns::Column::DesaCode
        };
        read.header.label(column)
    };
    // Each family's desa, in file order.
    let mut resolved: Vec<Option<RegionCode>> = Vec::with_capacity(read.families.len());
    let mut not_found: HashMap<families::PlaceText, ()> = HashMap::new();
    for family in &read.families {
        match resolver.resolve(&family.place, family.first_row()) {
            Resolved::Desa(code) => resolved.push(Some(code)),
            Resolved::Unsure => resolved.push(None),
            Resolved::NotFound(message) => {
                if not_found.insert(family.place.clone(), ()).is_none() {
                    all.push(Problem::new(family.first_row(), desa_label(&read), message));
                } else {
                    all.push(Problem::new(
                        family.first_row(),
                        desa_label(&read),
                        format!(
                            "Desa \"{}\" tidak ditemukan (lihat baris sebelumnya).",
                            family.place.label()
                        ),
                    ));
                }
                resolved.push(None);
            }
        }
    }
    // The register's KK numbers in the kabupaten.
    let mut known_kk: HashMap<String, RegionCode> = HashMap::new();
    for family in store.families_in(&user.region)? {
        known_kk.insert(family.kk.as_str().to_owned(), family.desa.clone());
    }
    let mut known = Vec::new();
    let mut new = Vec::new();
    let mut per_desa: BTreeMap<RegionCode, u32> = BTreeMap::new();
    let (mut adding, mut members) = (0u32, 0u32);
    let total = read.families.len() as u32;
    for (n, (imported, desa)) in read.families.iter().zip(&resolved).enumerate() {
        tracker.checked(n as u32 + 1, total);
        if let Some(there) = known_kk.get(imported.kk.as_str()) {
            known.push(KnownKk {
                row: imported.first_row(),
                kk_masked: imported.kk.masked(),
                desa: store.region_or_code(there)?,
            });
            continue;
        }
        all.extend(nik_ganda(store, imported)?);
        adding += 1;
        members += imported.members.len() as u32;
        let Some(desa) = desa else {
            continue;
        };
        let family = imported.to_family(family_id(hash, imported.kk.as_str()), desa.clone());
        all.extend(imported.check(&family, today, &read.header));
        if let Err(message) = crate::family_save::check_limits_message(&family) {
            all.push(Problem::new(
                imported.first_row(),
                String::new(),
                format!("KK {}: {message}", imported.kk),
            ));
        }
        *per_desa.entry(desa.clone()).or_default() += 1;
        new.push(family);
    }
    let mut report: ImportReport = report(request.kind, hash);
    report.rows = read.rows;
    report.families = adding;
    report.members = members;
    report.lines = per_desa
        .into_iter()
        .map(|(desa, count)| ImportLine {
            desa: resolver.region(&desa),
            count,
        })
        .collect();
    report.known = known;
    let (shown, total) = problems(all);
    report.problems = shown;
    report.problems_total = total;
    report.ready =
        total == 0 && resolver.all_answered() && (report.families > 0 || !report.known.is_empty());
    if total == 0 && report.families == 0 && report.known.is_empty() {
        return Ok(Err(AppError::BadRequest(
            "File tidak berisi satu baris data pun di bawah baris judul.".into(),
        )));
    }
    report.questions = resolver.questions;
    Ok(Ok(Plan {
        report,
        write: Write::Families(new),
    }))
}

/// NIK of `imported` already held by a family in the register: NIK ganda, refused.
fn nik_ganda(store: &dyn Store, imported: &ImportedFamily) -> StoreResult<Vec<Problem>> {
    let mut out = Vec::new();
    for (row, member) in &imported.members {
        if member.nik.is_temporary() {
            continue;
        }
        for other in store.families_with_nik(&member.nik)? {
            let Some(other) = store.family(other)? else {
                continue;
            };
            if !other.active_members().any(|m| m.nik == member.nik) {
                continue;
            }
            let desa = store.region_or_code(&other.desa)?;
            out.push(Problem::new(
                *row,
                "NIK",
                format!(
                    "NIK ganda: NIK {} sudah tercatat di Desa {} (KK {}). Satu NIK hanya untuk satu orang: periksa NIK ini, atau hapus barisnya bila orangnya memang sudah terdaftar.",
                    member.nik.masked(),
                    desa.name,
                    other.kk.masked()
                ),
            ));
            break;
        }
    }
    Ok(out)
}

/// Writes the new families in one transaction (change log, families, audit) and records the
/// result.
pub(crate) fn write(
    store: &dyn Store,
    user: &UserRecord,
    request: &ImportRequest,
    hash: &BlobHash,
    new: &[Family],
    report: &ImportReport,
    now: jiff::Timestamp,
) -> StoreResult<ImportResult> {
    let file = if request.file_name.trim().is_empty() {
        hash.hex()[..12].to_owned()
    } else {
        request.file_name.chars().take(80).collect()
    };
    let mut audit: Vec<AuditEntry> = new
        .iter()
        .map(|family| {
            AuditEntry::by(
                now,
                user,
                AuditAction::FamilySaved,
                format!(
                    "keluarga {} (KK {}) diimpor dari file {file}: {} anggota",
                    family.id,
                    family.kk.masked(),
                    family.members.len()
                ),
            )
            .family(family.id)
            .device(Some("impor".into()))
        })
        .collect();
    let result = ImportResult {
        at: now,
        by: user.username.clone(),
        families: new.len() as u32,
        members: new.iter().map(|f| f.members.len() as u32).sum(),
        known: report.known.len() as u32,
        desa: report.lines.len() as u32,
        repeated: false,
    };
    audit.push(
        AuditEntry::by(
            now,
            user,
            AuditAction::FamilySaved,
            format!(
                "impor keluarga dari file {file} (SHA-256 {}): {} keluarga, {} anggota ditambahkan; {} KK sudah ada, tidak ditimpa",
                &hash.hex()[..16],
                result.families,
                result.members,
                result.known
            ),
        )
        .device(Some("impor".into())),
    );
    crate::sync::record_created(store, new, &audit)?;
    super::record_meta(store, request.kind, hash, &result)?;
    Ok(result)
}
