//! Imports as the Dinas operator's page "Impor data" sees them: a file (uploaded in chunks like
//! photos, named by its SHA-256) is first *checked* (a report: rows read, what would be added,
//! every bad row, the desa names needing a choice; nothing written) and then *applied* with the
//! choices made (all or nothing; the same file applied again answers the earlier result). The
//! layouts are `tepat_domain::import` (and `docs/imports.md`).

use crate::RegionRef;
use serde::{Deserialize, Serialize};
use tepat_domain::RegionCode;

/// What a file holds. Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ImportKind {
    /// Families from a Dukcapil (SIAK) or DTKS list, one row per person.
    Families,
    /// The BPS poor population per desa (sets the quota split).
    PoorPopulation,
    /// A list of desa typed by hand (the kabupaten's loci desa).
    DesaList,
}

/// The answer to one unsure desa name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NameChoice {
    /// The name as the report asked it ([`NameQuestion::asked`]).
    pub asked: String,
    /// The desa meant.
    pub chosen: RegionCode,
}

/// Check or apply a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportRequest {
    /// What the file holds.
    pub kind: ImportKind,
    /// The uploaded file's SHA-256 (64 hex digits).
    pub file: String,
    /// The file's name as chosen (shown in the audit trail).
    pub file_name: String,
    /// The choices made for unsure names.
    pub choices: Vec<NameChoice>,
}

/// One bad cell or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportProblem {
    /// Row number as the spreadsheet shows it (1 is the first line).
    pub row: u32,
    /// The column's header as written in the file (empty: the row as a whole).
    pub column: String,
    /// What is wrong and what to fix (Indonesian).
    pub message: String,
}

/// A desa name not matched exactly: choose which desa is meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NameQuestion {
    /// The name as written (with its kecamatan when the file gives it): the key of the answer.
    pub asked: String,
    /// The first row it is written on.
    pub row: u32,
    /// How many rows (or families) use it.
    pub uses: u32,
    /// The candidate the matcher finds clearly closest (pre-selected), if one is.
    pub likely: Option<RegionCode>,
    /// The candidates, best first.
    pub candidates: Vec<Candidate>,
}

/// A desa a typed name may mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Candidate {
    /// The desa.
    pub desa: RegionRef,
    /// Its kecamatan's name (two desa may share a name).
    pub kecamatan: String,
}

/// A KK of the file already in the register: reported, not overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct KnownKk {
    /// The family's first row in the file.
    pub row: u32,
    /// The KK, masked.
    pub kk_masked: String,
    /// Where the register has it.
    pub desa: RegionRef,
}

/// One desa's part of a file: families added, poor population, or listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportLine {
    /// The desa.
    pub desa: RegionRef,
    /// Families to add (families), persons (poor population), 1 (desa list).
    pub count: u32,
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportResult {
    /// When it was applied.
    pub at: jiff::Timestamp,
    /// By whom (username).
    pub by: String,
    /// Families added.
    pub families: u32,
    /// Their members.
    pub members: u32,
    /// KK already in the register, left as they were.
    pub known: u32,
    /// Desa whose numbers or listing were set.
    pub desa: u32,
    /// True when this answer is the earlier application of the same file (nothing done again).
    pub repeated: bool,
}

/// The report on a file: what it holds, everything wrong with it, the questions to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportReport {
    /// What the file holds.
    pub kind: ImportKind,
    /// The file's SHA-256.
    pub file: String,
    /// Data rows read.
    pub rows: u32,
    /// New families in the file (families).
    pub families: u32,
    /// Their members.
    pub members: u32,
    /// Per desa, by code.
    pub lines: Vec<ImportLine>,
    /// KK already in the register (families): not overwritten.
    pub known: Vec<KnownKk>,
    /// Bad rows, by row (at most [`MAX_PROBLEMS_SHOWN`]).
    pub problems: Vec<ImportProblem>,
    /// How many problems there are in all.
    pub problems_total: u32,
    /// Names needing a choice.
    pub questions: Vec<NameQuestion>,
    /// True when nothing is wrong and every question has its answer: "Terapkan" may go.
    pub ready: bool,
    /// Set when the file was applied (now, or earlier for a repeated apply).
    pub applied: Option<ImportResult>,
}

/// The most problems a report lists (the total is always given).
pub const MAX_PROBLEMS_SHOWN: usize = 1000;

/// What an import is doing now. Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ImportPhase {
    /// Nothing is running for this file.
    Idle,
    /// Reading the file's rows.
    Reading,
    /// Checking its families against the rules and the register.
    Checking,
    /// Writing everything in one transaction.
    Writing,
}

/// How far a check or an apply of one file has come (GET imports/progress/{hash}).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportProgress {
    /// What it is doing.
    pub phase: ImportPhase,
    /// Done so far (families checked).
    pub done: u32,
    /// Of how many (0 while unknown).
    pub total: u32,
}
