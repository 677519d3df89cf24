//! Importing the BPS poor population per desa: each desa resolved (one line per desa), the
//! numbers merged into both programmes' quota settings (`poor_by_desa`; desa not in the file
//! keep theirs, the kabupaten's places are left as they are), written with their audit entries
//! in one transaction.

use super::{Plan, Resolved, Resolver, Write, problems, report};
use crate::blobs::BlobHash;
use crate::error::AppError;
use crate::policy;
use crate::store::{AuditAction, AuditEntry, Store, StoreResult, UserRecord, encode_value};
use std::collections::BTreeMap;
use tepat_domain::RegionCode;
use tepat_domain::import::Problem;
use tepat_domain::import::columns::Column;
use tepat_domain::workflow::ProposalKind;
use tepat_protocol::{ImportLine, ImportRequest, QuotaSettings};

/// The programmes whose quota is split by the poor population.
pub const PROGRAMMES: [ProposalKind; 2] = [ProposalKind::BansosPkh, ProposalKind::BansosBpnt];

/// Checks the rows of a poor-population file.
pub(crate) fn plan(
    store: &dyn Store,
    user: &UserRecord,
    request: &ImportRequest,
    hash: &BlobHash,
    rows: &[Vec<String>],
    now: jiff::Timestamp,
) -> StoreResult<Result<Plan, AppError>> {
    let read = match tepat_domain::import::poor::read(rows) {
        Ok(read) => read,
        Err(message) => return Ok(Err(AppError::BadRequest(message))),
    };
    let column = if read.header.has(Column::Desa) {
        Column::Desa
    } else {
        Column::DesaCode
    };
    let mut all: Vec<Problem> = read.problems.clone();
    let mut resolver = Resolver::new(store, &user.region, &request.choices)?;
    let mut numbers: BTreeMap<RegionCode, (u32, u32)> = BTreeMap::new();
    for line in &read.lines {
        match resolver.resolve(&line.place, line.row) {
            Resolved::Desa(code) => {
                if let Some((row, _)) = numbers.get(&code) {
                    all.push(Problem::new(
                        line.row,
                        read.header.label(column),
                        format!(
                            "Desa {} sudah ada di baris {row}: satu desa satu baris.",
                            resolver.region(&code).name
                        ),
                    ));
                } else {
                    numbers.insert(code, (line.row, line.poor));
                }
            }
            Resolved::Unsure => {}
            Resolved::NotFound(message) => {
                all.push(Problem::new(line.row, read.header.label(column), message))
            }
        }
    }
    let mut report = report(request.kind, hash);
    report.rows = read.rows;
    report.lines = numbers
        .iter()
        .map(|(code, (_, poor))| ImportLine {
            desa: resolver.region(code),
            count: *poor,
        })
        .collect();
    let (shown, total) = problems(all);
    report.problems = shown;
    report.problems_total = total;
    report.ready = total == 0 && resolver.all_answered() && !numbers.is_empty();
    if read.rows == 0 {
        return Ok(Err(AppError::BadRequest(
            "File tidak berisi satu baris data pun di bawah baris judul.".into(),
        )));
    }
    report.questions = resolver.questions;

    let mut settings = Vec::new();
    let mut audit = Vec::new();
    for programme in PROGRAMMES {
        let current = policy::quota(store, programme)?;
        let mut merged: BTreeMap<RegionCode, u32> = current
            .as_ref()
            .map(|q| q.poor_by_desa.iter().cloned().collect())
            .unwrap_or_default();
        for (code, (_, poor)) in &numbers {
            merged.insert(code.clone(), *poor);
        }
        let updated = QuotaSettings {
            kabupaten_quota: current.as_ref().map(|q| q.kabupaten_quota).unwrap_or(0),
            poor_by_desa: merged.into_iter().collect(),
        };
        let describe = |q: &QuotaSettings| {
            format!(
                "{} tempat; penduduk miskin {} jiwa di {} desa",
                q.kabupaten_quota,
                q.poor_by_desa
                    .iter()
                    .map(|(_, n)| u64::from(*n))
                    .sum::<u64>(),
                q.poor_by_desa.len()
            )
        };
        audit.push(
            AuditEntry::by(
                now,
                user,
                AuditAction::SettingChanged,
                format!(
                    "kuota {}: penduduk miskin BPS diimpor dari file {} untuk {} desa",
                    policy::programme_code(programme),
                    request.file_name.chars().take(80).collect::<String>(),
                    numbers.len()
                ),
            )
            .change(
                current.as_ref().map(describe).unwrap_or_default(),
                describe(&updated),
            ),
        );
        settings.push((policy::quota_key(programme), encode_value(&updated)));
    }
    Ok(Ok(Plan {
        report,
        write: Write::Settings(settings, audit),
    }))
}
