//! Submission to the national system: the ratified batch of the kabupaten, the file the Dinas
//! uploads (layout: `tepat_domain::national::layout`, written as CSV or XLSX), marking exactly
//! an exported batch sent, and applying the national result. Every move is an ordinary workflow
//! step through `proposals::decide_step` under `AppState::workflow_lock`, so the workflow's
//! rules and the audit of a step hold; see `docs/national-exchange.md`.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::proposals::decide_step;
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, ProposalRecord, Store, StoreResult, UserRecord};
use std::collections::{BTreeMap, HashMap};
use tepat_domain::national::layout::{self, BatchEntry, NamedRegion, RegionNames};
use tepat_domain::national::result::{Outcome, ResultKey, RowProblem};
use tepat_domain::national::{csv, result};
use tepat_domain::workflow::{ProposalState, Step};
use tepat_domain::{Family, RegionCode, RegionLevel};
use tepat_protocol::{BatchDesa, MarkedSent, NationalBatch, NationalResultReport, ResultProblem};

/// The largest result file taken.
pub const MAX_RESULT_BYTES: usize = 5 * 1024 * 1024;

/// What the national system's rejection reads as on the proposal.
pub fn rejection_reason(national: &str) -> String {
    format!("Ditolak pusat: {national}")
}

/// The file formats of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// `;`-separated UTF-8 with BOM.
    Csv,
    /// Excel workbook.
    Xlsx,
}

impl FileFormat {
    /// From `?format=`.
    pub fn parse(text: &str) -> Option<FileFormat> {
        match text.to_ascii_lowercase().as_str() {
            "csv" => Some(FileFormat::Csv),
            "xlsx" => Some(FileFormat::Xlsx),
            _ => None,
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    /// The Content-Type.
    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// When a proposal was ratified (its last step into `Ratified`).
fn ratified_at(proposal: &ProposalRecord) -> Option<jiff::Timestamp> {
    proposal
        .steps
        .iter()
        .rev()
        .find(|s| s.to == ProposalState::Ratified)
        .map(|s| s.at)
}

/// The proposals of `region` waiting to be sent: ratified (at or before `until`, when given),
/// by desa then age.
pub fn batch(
    store: &dyn Store,
    region: &RegionCode,
    until: Option<jiff::Timestamp>,
) -> StoreResult<Vec<ProposalRecord>> {
    let mut waiting: Vec<ProposalRecord> = store
        .proposals_in(region)?
        .into_iter()
        .filter(|p| p.state == ProposalState::Ratified)
        .filter(|p| match (until, ratified_at(p)) {
            (Some(until), Some(at)) => at <= until,
            _ => true,
        })
        .collect();
    waiting.sort_by(|a, b| (&a.desa, a.created_at, a.id).cmp(&(&b.desa, b.created_at, b.id)));
    Ok(waiting)
}

/// The batch as the page shows it.
pub fn batch_view(
    store: &dyn Store,
    region: &RegionCode,
    now: jiff::Timestamp,
) -> StoreResult<NationalBatch> {
    let proposals = batch(store, region, Some(now))?;
    let mut per_desa: BTreeMap<RegionCode, (u32, u32)> = BTreeMap::new();
    let mut rows = 0;
    for proposal in &proposals {
        let members = store
            .family(proposal.family)?
            .map(|f| f.active_members().count() as u32)
            .unwrap_or(0);
        let entry = per_desa.entry(proposal.desa.clone()).or_default();
        entry.0 += 1;
        entry.1 += members;
        rows += members.max(1);
    }
    let mut desa = Vec::new();
    for (code, (count, members)) in per_desa {
        desa.push(BatchDesa {
            desa: store.region_or_code(&code)?,
            proposals: count,
            members,
        });
    }
    Ok(NationalBatch {
        as_of: now,
        proposals: proposals.iter().map(|p| p.id).collect(),
        desa,
        rows,
    })
}

fn named(store: &dyn Store, desa: &RegionCode, level: RegionLevel) -> StoreResult<NamedRegion> {
    let Some(code) = desa.ancestor_at(level) else {
        return Ok(NamedRegion::default());
    };
    Ok(NamedRegion {
        code: code.digits(),
        name: store.region_or_code(&code)?.name,
    })
}

fn region_names(store: &dyn Store, desa: &RegionCode) -> StoreResult<RegionNames> {
    Ok(RegionNames {
        provinsi: named(store, desa, RegionLevel::Provinsi)?,
        kabupaten: named(store, desa, RegionLevel::Kabupaten)?,
        kecamatan: named(store, desa, RegionLevel::Kecamatan)?,
        desa: named(store, desa, RegionLevel::Desa)?,
    })
}

/// The family's local decile under the newest scheme it was ranked by.
fn decile(store: &dyn Store, family: &Family) -> StoreResult<Option<u8>> {
    Ok(store
        .scores_of(family.id)?
        .into_iter()
        .max_by_key(|s| s.result.scheme_version)
        .and_then(|s| s.local_decile))
}

/// The whole sheet (header first) of `proposals`.
pub fn sheet(store: &dyn Store, proposals: &[ProposalRecord]) -> StoreResult<Vec<Vec<String>>> {
    let mut families = Vec::new();
    let mut names: HashMap<RegionCode, RegionNames> = HashMap::new();
    for proposal in proposals {
        let Some(family) = store.family(proposal.family)? else {
            tracing::error!(proposal = %proposal.id, "ratified proposal without its family");
            continue;
        };
        if !names.contains_key(&family.desa) {
            names.insert(family.desa.clone(), region_names(store, &family.desa)?);
        }
        let decile = decile(store, &family)?;
        families.push((proposal, family, decile));
    }
    let entries: Vec<BatchEntry<'_>> = families
        .iter()
        .map(|(proposal, family, decile)| BatchEntry {
            proposal: proposal.id,
            kind: proposal.kind,
            score: proposal.score,
            decile: *decile,
            family,
            regions: &names[&family.desa],
        })
        .collect();
    Ok(layout::sheet(&entries))
}

/// A downloaded file.
pub struct ExportFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// `tepat-usulan-pusat-3526-2026-11-29.csv`.
    pub filename: String,
}

/// Writes the batch of the user's kabupaten (ratified at or before `until`) as a file and
/// records the download in the audit trail.
pub fn export(
    store: &dyn Store,
    user: &UserRecord,
    format: FileFormat,
    until: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
) -> StoreResult<Result<ExportFile, AppError>> {
    let proposals = batch(store, &user.region, until)?;
    let sheet = sheet(store, &proposals)?;
    let bytes = match format {
        FileFormat::Csv => csv::write(&sheet),
        FileFormat::Xlsx => match crate::xlsx::write(&sheet) {
            Ok(bytes) => bytes,
            Err(e) => return Ok(Err(AppError::Internal(format!("xlsx: {e}")))),
        },
    };
    let date = now
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .date();
    let filename = format!(
        "tepat-usulan-pusat-{}-{date}.{}",
        user.region.digits(),
        format.extension()
    );
    store.append_audit(&AuditEntry::by(
        now,
        user,
        AuditAction::NationalExported,
        format!(
            "{filename}: {} usulan, {} baris, NIK utuh",
            proposals.len(),
            sheet.len().saturating_sub(1)
        ),
    ))?;
    Ok(Ok(ExportFile { bytes, filename }))
}

/// Marks exactly `ids` sent to the national system: each must be ratified and in scope, or
/// none is marked (one transaction).
pub async fn mark_sent(
    state: &AppState,
    current: &CurrentUser,
    ids: Vec<uuid::Uuid>,
) -> Result<MarkedSent, AppError> {
    let mut ids = ids;
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::BadRequest(
            "Tidak ada usulan yang ditandai: unduh file batch dulu, lalu tandai usulan di dalamnya."
                .into(),
        ));
    }
    let _guard = state.workflow_lock.lock().await;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            let mut changed = Vec::new();
            let mut audit = Vec::new();
            let mut refusals = Vec::new();
            for id in &ids {
                match decide_step(s, &user, *id, &Step::SendToNational, None, now)? {
                    Ok(decided) => {
                        changed.extend(decided.changed);
                        audit.extend(decided.audit);
                    }
                    Err(refusal) => refusals.push(format!("{id}: {}", refusal.parts().2)),
                }
            }
            if !refusals.is_empty() {
                const SHOWN: usize = 10;
                let more = match refusals.len().saturating_sub(SHOWN) {
                    0 => String::new(),
                    n => format!(" (dan {n} lainnya)"),
                };
                return Ok(Err(AppError::StepRefused(format!(
                    "Tidak ada yang ditandai, karena {} usulan tidak bisa dikirim ke pusat: {}{more}",
                    refusals.len(),
                    refusals[..refusals.len().min(SHOWN)].join(" ")
                ))));
            }
            s.save_proposals(&changed, &audit, &[], None)?;
            Ok(Ok(MarkedSent {
                sent: ids.len() as u32,
            }))
        })
        .await?
}

/// The proposals of `region` a result row may name, and the families' KK numbers.
struct Candidates {
    by_id: HashMap<uuid::Uuid, ProposalRecord>,
    /// KK → ids of proposals sent (or answered by the national system).
    by_kk: HashMap<String, Vec<uuid::Uuid>>,
}

fn answered_or_sent(proposal: &ProposalRecord) -> bool {
    proposal.state == ProposalState::SentToNational
        || proposal
            .steps
            .iter()
            .any(|s| s.from == ProposalState::SentToNational)
}

fn candidates(store: &dyn Store, region: &RegionCode, want_kk: bool) -> StoreResult<Candidates> {
    let mut by_id = HashMap::new();
    let mut by_kk: HashMap<String, Vec<uuid::Uuid>> = HashMap::new();
    for proposal in store.proposals_in(region)? {
        if want_kk
            && answered_or_sent(&proposal)
            && let Some(family) = store.family(proposal.family)?
        {
            by_kk
                .entry(family.kk.as_str().to_owned())
                .or_default()
                .push(proposal.id);
        }
        by_id.insert(proposal.id, proposal);
    }
    Ok(Candidates { by_id, by_kk })
}

/// Whether `proposal` already carries `outcome` from the national system (an upload repeated).
fn already_applied(proposal: &ProposalRecord, outcome: &Outcome) -> bool {
    let Some(last) = proposal.steps.last() else {
        return false;
    };
    if last.from != ProposalState::SentToNational || last.to != proposal.state {
        return false;
    }
    match (outcome, &last.step) {
        (Outcome::Accepted, Step::ConfirmFinal) => true,
        (Outcome::Rejected(reason), Step::Return { reason: given }) => {
            *given == rejection_reason(reason)
        }
        _ => false,
    }
}

fn step_of(outcome: &Outcome) -> Step {
    match outcome {
        Outcome::Accepted => Step::ConfirmFinal,
        Outcome::Rejected(reason) => Step::Return {
            reason: rejection_reason(reason),
        },
    }
}

/// Reads a result file's bytes into rows (XLSX by its content, else CSV).
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    if crate::xlsx::looks_like_xlsx(bytes) {
        crate::xlsx::read(bytes)
    } else {
        csv::read(bytes).map_err(|e| e.to_string())
    }
}

/// What a result file asks, checked against the store: the steps to take, the answers already
/// applied, and every row that cannot be applied.
struct Plan {
    steps: Vec<(uuid::Uuid, Step)>,
    accepted: u32,
    rejected: u32,
    already: u32,
    pending: u32,
    problems: Vec<RowProblem>,
}

fn plan(
    store: &dyn Store,
    user: &UserRecord,
    parsed: result::ParsedResult,
    now: jiff::Timestamp,
) -> StoreResult<Plan> {
    let want_kk = parsed
        .answers
        .iter()
        .any(|a| matches!(a.key, ResultKey::Kk(_)));
    let candidates = candidates(store, &user.region, want_kk)?;
    let mut plan = Plan {
        steps: Vec::new(),
        accepted: 0,
        rejected: 0,
        already: 0,
        pending: parsed.pending,
        problems: parsed.problems,
    };
    let mut seen: HashMap<uuid::Uuid, (u32, Outcome)> = HashMap::new();
    for answer in parsed.answers {
        let problem = |reason: String| RowProblem {
            row: answer.row,
            reason,
        };
        let id = match &answer.key {
            ResultKey::Proposal(id) => *id,
            ResultKey::Kk(kk) => match candidates.by_kk.get(kk).map(Vec::as_slice) {
                Some([id]) => *id,
                Some(many) if many.len() > 1 => {
                    plan.problems.push(problem(format!(
                        "NOKK {kk} punya {} usulan yang dikirim ke pusat: isi kolom ID USULAN agar jelas usulan yang mana.",
                        many.len()
                    )));
                    continue;
                }
                _ => {
                    plan.problems.push(problem(format!(
                        "NOKK {kk} tidak punya usulan yang dikirim ke pusat di kabupaten ini."
                    )));
                    continue;
                }
            },
        };
        let Some(proposal) = candidates.by_id.get(&id) else {
            plan.problems.push(problem(format!(
                "Usulan {id} tidak ada di kabupaten ini: periksa ID USULAN (salin dari file ekspor Tepat)."
            )));
            continue;
        };
        match seen.get(&id) {
            Some((_, earlier)) if *earlier == answer.outcome => continue,
            Some((row, _)) => {
                plan.problems.push(problem(format!(
                    "Hasil untuk usulan {id} berbeda dengan baris {row}: satu usulan hanya punya satu hasil."
                )));
                continue;
            }
            None => {
                seen.insert(id, (answer.row, answer.outcome.clone()));
            }
        }
        if proposal.state != ProposalState::SentToNational {
            if already_applied(proposal, &answer.outcome) {
                plan.already += 1;
            } else {
                plan.problems.push(problem(format!(
                    "Usulan {id} berstatus \"{}\", bukan \"{}\": hanya usulan yang sudah ditandai terkirim yang menerima hasil pusat.",
                    proposal.state.label_id(),
                    ProposalState::SentToNational.label_id()
                )));
            }
            continue;
        }
        let step = step_of(&answer.outcome);
        // Dry run: the workflow decides now whether this user may take the step.
        if let Err(refusal) = decide_step(store, user, id, &step, None, now)? {
            plan.problems.push(problem(refusal.parts().2));
            continue;
        }
        match answer.outcome {
            Outcome::Accepted => plan.accepted += 1,
            Outcome::Rejected(_) => plan.rejected += 1,
        }
        plan.steps.push((id, step));
    }
    plan.problems.sort_by_key(|p| p.row);
    Ok(plan)
}

/// Applies a national result file: everything is checked first; if any row is not understood
/// nothing is applied (the report lists every such row). Otherwise each answer is taken as a
/// workflow step, under the workflow lock, each saved with its audit.
pub async fn apply_result(
    state: &AppState,
    current: &CurrentUser,
    bytes: Vec<u8>,
) -> Result<NationalResultReport, AppError> {
    if bytes.len() > MAX_RESULT_BYTES {
        return Err(AppError::TooLarge);
    }
    let rows = read_rows(&bytes).map_err(AppError::BadRequest)?;
    let parsed = result::parse(&rows).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let _guard = state.workflow_lock.lock().await;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            let plan = plan(s, &user, parsed, now)?;
            let problems: Vec<ResultProblem> = plan
                .problems
                .iter()
                .map(|p| ResultProblem {
                    row: p.row,
                    reason: p.reason.clone(),
                })
                .collect();
            let applied = problems.is_empty();
            if applied {
                for (id, step) in &plan.steps {
                    match decide_step(s, &user, *id, step, None, now)? {
                        Ok(decided) => s.save_proposals(
                            &decided.changed,
                            &decided.audit,
                            &decided.notifications,
                            None,
                        )?,
                        // Checked above under the same lock: cannot happen short of a bug.
                        Err(refusal) => {
                            return Ok(Err(AppError::Internal(format!(
                                "national result step refused after the check: {refusal}"
                            ))));
                        }
                    }
                }
            }
            let report = NationalResultReport {
                applied,
                accepted: if applied { plan.accepted } else { 0 },
                rejected: if applied { plan.rejected } else { 0 },
                already: plan.already,
                pending: plan.pending,
                problems,
            };
            s.append_audit(&AuditEntry::by(
                now,
                &user,
                AuditAction::NationalResultImported,
                if applied {
                    format!(
                        "hasil pusat: {} diterima, {} ditolak, {} sudah diterapkan, {} tanpa hasil",
                        report.accepted, report.rejected, report.already, report.pending
                    )
                } else {
                    format!(
                        "hasil pusat tidak diterapkan: {} baris tidak dipahami",
                        report.problems.len()
                    )
                },
            ))?;
            Ok(Ok(report))
        })
        .await?
}
