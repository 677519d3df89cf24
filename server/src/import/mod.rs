//! Imports for the Dinas operator (`docs/imports.md`): a file uploaded in chunks (a blob of
//! kind `Import`, named by its SHA-256) is read (CSV or XLSX) and *checked* against the
//! register, or *applied*: in one transaction, all or nothing, refused with the report while
//! anything is wrong or a desa name still needs its choice. Applying the same file again
//! answers the earlier result and writes nothing. Three kinds, one module each:
//! [`families`] (new families through the sync log, like any server-side write, so desa
//! tablets pull them; each audited), [`poor`] (the BPS poor population into both programmes'
//! quota settings) and [`loci`] (a typed list of desa as the kabupaten's loci desa).

pub mod families;
pub mod loci;
pub mod poor;
pub mod progress;

use crate::auth::CurrentUser;
use crate::blobs::BlobHash;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Store, StoreResult, UserRecord, decode_value, encode_value};
use std::collections::HashMap;
use tepat_domain::import::Problem;
use tepat_domain::import::families::PlaceText;
use tepat_domain::import::names::{NameMatch, NameMatcher, Place};
use tepat_domain::national::csv;
use tepat_domain::{RegionCode, RegionLevel, Role};
use tepat_protocol::{
    Candidate, ImportKind, ImportPhase, ImportProblem, ImportReport, ImportRequest, ImportResult,
    MAX_PROBLEMS_SHOWN, NameQuestion, RegionRef,
};

pub use loci::loci_desa;

/// What the Dinas operator may not do otherwise.
pub const WHAT: &str = "mengimpor data (hanya operator Dinas Sosial)";

/// Only the Dinas operator imports, for its kabupaten.
pub fn require_dinas(current: &CurrentUser) -> Result<(), AppError> {
    current.require(
        current.user.role == Role::OperatorDinas
            && current.user.region.level() == RegionLevel::Kabupaten,
        WHAT,
    )
}

/// The settings key under which an applied file's result is kept.
fn record_key(kind: ImportKind, hash: &BlobHash) -> String {
    format!("import/{kind:?}/{}", hash.hex())
}

/// The result of an earlier application of this file, if it was applied.
pub(crate) fn earlier(
    store: &dyn Store,
    kind: ImportKind,
    hash: &BlobHash,
) -> StoreResult<Option<ImportResult>> {
    let key = record_key(kind, hash);
    if let Some(bytes) = store.setting(&key)? {
        return Ok(decode_value(&bytes));
    }
    Ok(store
        .meta(&key)?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

/// The result record as a setting (written in the import's own transaction).
pub(crate) fn record_setting(
    kind: ImportKind,
    hash: &BlobHash,
    result: &ImportResult,
) -> (String, Vec<u8>) {
    (record_key(kind, hash), encode_value(result))
}

/// Records a result outside the import's transaction (families: the change log's transaction
/// cannot hold a setting; a crash between the two leaves the families known by their KK, so a
/// repeat adds nothing).
pub(crate) fn record_meta(
    store: &dyn Store,
    kind: ImportKind,
    hash: &BlobHash,
    result: &ImportResult,
) -> StoreResult<()> {
    let json = serde_json::to_string(result).unwrap_or_default();
    store.set_meta(&record_key(kind, hash), &json)
}

/// Reads a file's rows: XLSX by its content, else CSV (`;`, `,`, tab or `|`).
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    let rows = if crate::xlsx::looks_like_xlsx(bytes) {
        crate::xlsx::read(bytes).map_err(AppError::BadRequest)?
    } else {
        match csv::read(bytes) {
            Ok(rows) => rows,
            Err(csv::CsvError::NotUtf8) => {
                return Err(AppError::BadRequest(
                    "File CSV tidak berkode UTF-8: di Excel pilih Simpan Sebagai \"CSV UTF-8\", atau unggah XLSX."
                        .into(),
                ));
            }
            Err(e) => {
                return Err(AppError::BadRequest(format!(
                    "File CSV tidak terbaca: {e}."
                )));
            }
        }
    };
    if rows.len() > tepat_domain::import::MAX_ROWS {
        return Err(AppError::FileTooLarge(format!(
            "File berisi {} baris; paling banyak {} baris sekali impor. Pecah file per kecamatan.",
            tepat_domain::text::format_number_id(rows.len() as u64),
            tepat_domain::text::format_number_id(tepat_domain::import::MAX_ROWS as u64)
        )));
    }
    Ok(rows)
}

/// Matches typed desa names to the desa of one kabupaten, with the user's choices, collecting
/// the questions to ask and the names not found.
pub(crate) struct Resolver {
    matcher: NameMatcher,
    regions: HashMap<RegionCode, RegionRef>,
    kecamatan: HashMap<RegionCode, String>,
    kabupaten_name: String,
    choices: HashMap<String, RegionCode>,
    asked: HashMap<String, usize>,
    /// Each distinct place's match, found once (a file repeats its desa on every row).
    found: HashMap<PlaceText, NameMatch>,
    /// Names needing a choice, in order of first row.
    pub questions: Vec<NameQuestion>,
}

/// How a place was resolved.
pub(crate) enum Resolved {
    /// To this desa (exact, or as chosen).
    Desa(RegionCode),
    /// Waiting for a choice (asked in `questions`).
    Unsure,
    /// Not a desa of the kabupaten: the problem to report.
    NotFound(String),
}

impl Resolver {
    /// A resolver over the desa of `kabupaten`.
    pub fn new(
        store: &dyn Store,
        kabupaten: &RegionCode,
        choices: &[tepat_protocol::NameChoice],
    ) -> StoreResult<Resolver> {
        let mut places = Vec::new();
        let mut regions = HashMap::new();
        let mut kecamatan_of = HashMap::new();
        for kecamatan in store.region_children(kabupaten)? {
            for desa in store.region_children(&kecamatan.code)? {
                kecamatan_of.insert(desa.code.clone(), kecamatan.name.clone());
                places.push(Place {
                    code: desa.code.clone(),
                    name: desa.name.clone(),
                    parent_name: kecamatan.name.clone(),
                });
                regions.insert(desa.code.clone(), desa);
            }
        }
        Ok(Resolver {
            matcher: NameMatcher::new(places),
            regions,
            kecamatan: kecamatan_of,
            kabupaten_name: store.region_or_code(kabupaten)?.display_name(),
            choices: choices
                .iter()
                .map(|c| (c.asked.clone(), c.chosen.clone()))
                .collect(),
            asked: HashMap::new(),
            found: HashMap::new(),
            questions: Vec::new(),
        })
    }

    /// The desa's reference.
    pub fn region(&self, code: &RegionCode) -> RegionRef {
        self.regions
            .get(code)
            .cloned()
            .unwrap_or_else(|| RegionRef {
                code: code.clone(),
                name: code.to_string(),
                level: code.level(),
            })
    }

    /// Resolves `place`, first written on `row`.
    pub fn resolve(&mut self, place: &PlaceText, row: u32) -> Resolved {
        let parent = (!place.kecamatan.is_empty()).then_some(place.kecamatan.as_str());
        let found = match self.found.get(place) {
            Some(found) => found.clone(),
            None => {
                let found = self.matcher.find(&place.desa, parent);
                self.found.insert(place.clone(), found.clone());
                found
            }
        };
        let (likely, candidates) = match found {
            NameMatch::Exact(code) => return Resolved::Desa(code),
            NameMatch::Likely(code) => (Some(code.clone()), vec![code]),
            NameMatch::Ambiguous(codes) => (None, codes),
            NameMatch::NotFound => {
                return Resolved::NotFound(format!(
                    "Desa \"{}\" tidak ditemukan di {}: periksa ejaannya, atau tulis kode desanya (misalnya 35.26.15.2012).",
                    place.label(),
                    self.kabupaten_name
                ));
            }
        };
        let asked = place.label();
        match self.asked.get(&asked) {
            Some(&i) => self.questions[i].uses += 1,
            None => {
                self.asked.insert(asked.clone(), self.questions.len());
                self.questions.push(NameQuestion {
                    asked: asked.clone(),
                    row,
                    uses: 1,
                    likely,
                    candidates: candidates
                        .iter()
                        .map(|c| Candidate {
                            desa: self.region(c),
                            kecamatan: self.kecamatan.get(c).cloned().unwrap_or_default(),
                        })
                        .collect(),
                });
            }
        }
        match self.choices.get(&asked) {
            Some(chosen) if self.regions.contains_key(chosen) => Resolved::Desa(chosen.clone()),
            _ => Resolved::Unsure,
        }
    }

    /// Whether every question has a valid answer.
    pub fn all_answered(&self) -> bool {
        self.questions.iter().all(|q| {
            self.choices
                .get(&q.asked)
                .is_some_and(|c| self.regions.contains_key(c))
        })
    }
}

/// A report's problems from the domain's, sorted, at most [`MAX_PROBLEMS_SHOWN`] kept.
pub(crate) fn problems(mut all: Vec<Problem>) -> (Vec<ImportProblem>, u32) {
    all.sort();
    all.dedup();
    let total = all.len() as u32;
    let shown = all
        .into_iter()
        .take(MAX_PROBLEMS_SHOWN)
        .map(|p| ImportProblem {
            row: p.row,
            column: p.column,
            message: p.message,
        })
        .collect();
    (shown, total)
}

/// An empty report of `kind` for `hash`.
pub(crate) fn report(kind: ImportKind, hash: &BlobHash) -> ImportReport {
    ImportReport {
        kind,
        file: hash.hex(),
        rows: 0,
        families: 0,
        members: 0,
        lines: Vec::new(),
        known: Vec::new(),
        problems: Vec::new(),
        problems_total: 0,
        questions: Vec::new(),
        ready: false,
        applied: None,
    }
}

/// What the checked file would write.
pub(crate) enum Write {
    /// New families.
    Families(Vec<tepat_domain::Family>),
    /// Settings (key, value) with the audit entries' details.
    Settings(Vec<(String, Vec<u8>)>, Vec<crate::store::AuditEntry>),
}

/// A checked file: its report and what applying it writes.
pub(crate) struct Plan {
    pub report: ImportReport,
    pub write: Write,
}

fn plan(
    store: &dyn Store,
    user: &UserRecord,
    request: &ImportRequest,
    hash: &BlobHash,
    rows: &[Vec<String>],
    (now, today): (jiff::Timestamp, jiff::civil::Date),
    tracker: &progress::Tracker,
) -> StoreResult<Result<Plan, AppError>> {
    match request.kind {
        ImportKind::Families => families::plan(store, user, request, hash, rows, today, tracker),
        ImportKind::PoorPopulation => poor::plan(store, user, request, hash, rows, now),
        ImportKind::DesaList => loci::plan(store, user, request, hash, rows, now),
    }
}

fn parse_hash(text: &str) -> Result<BlobHash, AppError> {
    BlobHash::parse(text).ok_or_else(|| {
        AppError::BadRequest(
            "Sidik file (SHA-256, 64 huruf hex) tidak sah: unggah file lagi.".into(),
        )
    })
}

/// Reads the uploaded file `hash`.
async fn file_rows(state: &AppState, hash: BlobHash) -> Result<Vec<Vec<String>>, AppError> {
    let blobs = state.blobs.clone();
    let bytes = tokio::task::spawn_blocking(move || blobs.read(&hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?
        .ok_or_else(|| {
            AppError::BadRequest(
                "File belum terunggah utuh: pilih file lagi untuk melanjutkan unggahan.".into(),
            )
        })?;
    tokio::task::spawn_blocking(move || read_rows(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

async fn today(state: &AppState) -> Result<jiff::civil::Date, AppError> {
    let now = state.clock.now();
    Ok(state
        .blocking(crate::policy::windows)
        .await?
        .zone
        .local_date(now))
}

/// Checks a file: the report, nothing written.
pub async fn check(
    state: &AppState,
    current: &CurrentUser,
    request: ImportRequest,
) -> Result<ImportReport, AppError> {
    require_dinas(current)?;
    let hash = parse_hash(&request.file)?;
    let tracker = state.imports.start(&hash.hex(), ImportPhase::Reading, 0);
    let rows = file_rows(state, hash).await?;
    let today = today(state).await?;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            let earlier = earlier(s, request.kind, &hash)?;
            Ok(
                plan(s, &user, &request, &hash, &rows, (now, today), &tracker)?.map(|plan| {
                    let mut report = plan.report;
                    report.applied = earlier.map(|r| ImportResult {
                        repeated: true,
                        ..r
                    });
                    report
                }),
            )
        })
        .await?
}

/// Applies a file with the choices made: all or nothing. Answers the report; `applied` is set
/// when it was applied (now, or earlier: then nothing is written again).
pub async fn apply(
    state: &AppState,
    current: &CurrentUser,
    request: ImportRequest,
) -> Result<ImportReport, AppError> {
    require_dinas(current)?;
    let hash = parse_hash(&request.file)?;
    let tracker = state.imports.start(&hash.hex(), ImportPhase::Reading, 0);
    let rows = file_rows(state, hash).await?;
    let today = today(state).await?;
    // One writer of families and settings at a time, as saves and sync pushes.
    let _guard = state.workflow_lock.lock().await;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            if let Some(done) = earlier(s, request.kind, &hash)? {
                let mut report = report(request.kind, &hash);
                report.applied = Some(ImportResult {
                    repeated: true,
                    ..done
                });
                return Ok(Ok(report));
            }
            let plan = match plan(s, &user, &request, &hash, &rows, (now, today), &tracker)? {
                Ok(plan) => plan,
                Err(e) => return Ok(Err(e)),
            };
            let mut report = plan.report;
            if !report.ready {
                return Ok(Ok(report));
            }
            tracker.set(ImportPhase::Writing, report.families, report.families);
            let result = match plan.write {
                Write::Families(new) => {
                    families::write(s, &user, &request, &hash, &new, &report, now)?
                }
                Write::Settings(mut settings, audit) => {
                    let result = ImportResult {
                        at: now,
                        by: user.username.clone(),
                        families: 0,
                        members: 0,
                        known: 0,
                        desa: report.lines.len() as u32,
                        repeated: false,
                    };
                    settings.push(record_setting(request.kind, &hash, &result));
                    s.put_settings(&settings, &audit)?;
                    result
                }
            };
            report.applied = Some(result);
            Ok(Ok(report))
        })
        .await?
}
