//! The kabupaten's loci desa (the desa of extreme poverty it works in first): a list typed by
//! hand, imported with each name matched to a desa, stored as the setting [`LOCI_KEY`]; until
//! one is imported, the Bangkalan 25 of `demo::LOCI_DESA`. [`loci_desa`] is what the leaders'
//! dashboard reads.

use super::{Plan, Resolved, Resolver, Write, problems, report};
use crate::blobs::BlobHash;
use crate::error::AppError;
use crate::store::{
    AuditAction, AuditEntry, Store, StoreResult, UserRecord, decode_value, encode_value,
};
use std::collections::BTreeSet;
use tepat_domain::RegionCode;
use tepat_domain::import::Problem;
use tepat_protocol::{ImportLine, ImportRequest};

/// Settings key of the loci desa list (`Vec<RegionCode>`).
pub const LOCI_KEY: &str = "loci_desa";

/// The kabupaten's loci desa, by code: as imported, or the 25 Bangkalan loci by default.
pub fn loci_desa(store: &dyn Store) -> StoreResult<Vec<RegionCode>> {
    if let Some(list) = store
        .setting(LOCI_KEY)?
        .and_then(|bytes| decode_value::<Vec<RegionCode>>(&bytes))
    {
        return Ok(list);
    }
    let mut codes: Vec<RegionCode> = crate::demo::LOCI_DESA
        .iter()
        .filter_map(|(code, ..)| RegionCode::parse(code).ok())
        .collect();
    codes.sort();
    Ok(codes)
}

/// Checks a list of desa.
pub(crate) fn plan(
    store: &dyn Store,
    user: &UserRecord,
    request: &ImportRequest,
    hash: &BlobHash,
    rows: &[Vec<String>],
    now: jiff::Timestamp,
) -> StoreResult<Result<Plan, AppError>> {
    let (listed, mut all) = tepat_domain::import::desa_list::read(rows);
    if listed.is_empty() {
        return Ok(Err(AppError::BadRequest(
            "Daftar desa kosong: tulis satu nama desa per baris (boleh dengan kecamatan setelah koma), atau satu kolom berjudul DESA."
                .into(),
        )));
    }
    let mut resolver = Resolver::new(store, &user.region, &request.choices)?;
    let mut chosen: BTreeSet<RegionCode> = BTreeSet::new();
    for line in &listed {
        match resolver.resolve(&line.place, line.row) {
            Resolved::Desa(code) => {
                chosen.insert(code);
            }
            Resolved::Unsure => {}
            Resolved::NotFound(message) => all.push(Problem::new(line.row, "DESA", message)),
        }
    }
    let mut report = report(request.kind, hash);
    report.rows = listed.len() as u32;
    report.lines = chosen
        .iter()
        .map(|code| ImportLine {
            desa: resolver.region(code),
            count: 1,
        })
        .collect();
    let (shown, total) = problems(all);
    report.problems = shown;
    report.problems_total = total;
    report.ready = total == 0 && resolver.all_answered();
    report.questions = resolver.questions;
    let before = loci_desa(store)?;
    let list: Vec<RegionCode> = chosen.into_iter().collect();
    let audit = AuditEntry::by(
        now,
        user,
        AuditAction::SettingChanged,
        format!(
            "desa lokus diimpor dari file {}",
            request.file_name.chars().take(80).collect::<String>()
        ),
    )
    .change(
        format!("{} desa", before.len()),
        format!(
            "{} desa: {}",
            list.len(),
            list.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    Ok(Ok(Plan {
        report,
        write: Write::Settings(
            vec![(LOCI_KEY.to_owned(), encode_value(&list))],
            vec![audit],
        ),
    }))
}
