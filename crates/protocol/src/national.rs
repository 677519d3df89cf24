//! The exchange with the national system as the Dinas operator's page sees it: the ratified
//! batch waiting to be sent, marking exactly that batch sent, and the report of an uploaded
//! national result. The file layouts themselves are `tepat_domain::national` (and
//! `docs/national-exchange.md`).

use crate::RegionRef;
use serde::{Deserialize, Serialize};

/// The ratified proposals of the kabupaten waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NationalBatch {
    /// When the batch was taken: pass it as `until` to the export so the file holds exactly
    /// these proposals, even if another is ratified meanwhile.
    pub as_of: jiff::Timestamp,
    /// The proposals' ids, to mark sent once the file is uploaded.
    pub proposals: Vec<uuid::Uuid>,
    /// Per desa, by code.
    pub desa: Vec<BatchDesa>,
    /// Rows the file will have (one per active member).
    pub rows: u32,
}

/// One desa's part of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BatchDesa {
    /// The desa.
    pub desa: RegionRef,
    /// Proposals waiting.
    pub proposals: u32,
    /// Their active members (rows in the file).
    pub members: u32,
}

/// Mark these proposals sent to the national system (the ids of the batch that was exported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MarkSent {
    /// The proposals.
    pub proposals: Vec<uuid::Uuid>,
}

/// How many proposals were marked sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MarkedSent {
    /// Now "Dikirim ke pusat".
    pub sent: u32,
}

/// A row of the result file that was not understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResultProblem {
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    /// Why, in Indonesian, saying what to fix.
    pub reason: String,
}

/// What uploading a national result did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NationalResultReport {
    /// False when nothing was applied because some rows were not understood (all or nothing).
    pub applied: bool,
    /// Proposals accepted: now in the register (Final).
    pub accepted: u32,
    /// Proposals rejected: returned to the desa with the national reason.
    pub rejected: u32,
    /// Answers already applied by an earlier upload of the same result.
    pub already: u32,
    /// Rows with an empty HASIL (no answer yet), skipped.
    pub pending: u32,
    /// Rows not understood, by row number.
    pub problems: Vec<ResultProblem>,
}
