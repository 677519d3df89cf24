//! Wire types of the village meeting (musdes): scheduling one, the meeting as every level sees it
//! (agenda without full NIK, decisions, evidence), the actions the desa takes on it, and each
//! desa's musdes standing (last held, next scheduled, overdue).

use crate::RegionRef;
use serde::{Deserialize, Serialize};
use tepat_domain::FamilyId;
use tepat_domain::meeting::{Closing, Decision, Evidence, MusdesSchedule};
use tepat_domain::musdes::MusdesDocument;
use tepat_domain::workflow::{ProposalKind, ProposalState};

/// Body of scheduling a musdes: the id is the client's (UUIDv7), so a retry is not a second one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewMusdes {
    /// Identity.
    pub id: uuid::Uuid,
    /// When, where, chaired by whom.
    pub schedule: MusdesSchedule,
}

/// One change to an open musdes. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum MusdesAction {
    /// Bring the agenda up to date with the proposals now waiting for a musdes.
    RefreshAgenda,
    /// Record the decision on one proposal of the agenda.
    Decide {
        /// The proposal.
        proposal: uuid::Uuid,
        /// Agreed or not, with the note.
        decision: Decision,
    },
    /// Attach an uploaded evidence file (uploaded first to the evidence route).
    Attach {
        /// Which document.
        document: MusdesDocument,
        /// The file's SHA-256, as 64 hex digits.
        file: String,
        /// The name to show.
        name: String,
    },
    /// Remove an evidence file.
    Detach {
        /// Which document.
        document: MusdesDocument,
        /// The file's SHA-256, as 64 hex digits.
        file: String,
    },
    /// Close the meeting: the decisions go to the proposals and the agreed ones up the chain.
    Close,
}

/// One proposal on the agenda, as shown and printed (no full NIK).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AgendaView {
    /// The proposal.
    pub proposal: uuid::Uuid,
    /// Its family.
    pub family: FamilyId,
    /// The head of family's name.
    pub head_name: String,
    /// The head's NIK, masked.
    pub nik_masked: String,
    /// The family's address.
    pub address: String,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where the proposal stands now.
    pub state: ProposalState,
    /// The family's score (higher = poorer).
    pub score: i64,
    /// The decision, once recorded.
    pub decision: Option<Decision>,
}

/// A musdes as a user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MusdesView {
    /// Identity.
    pub id: uuid::Uuid,
    /// The desa.
    pub desa: RegionRef,
    /// The kecamatan of the desa (for the printed heading).
    pub kecamatan: Option<RegionRef>,
    /// When, where, chaired by whom.
    pub schedule: MusdesSchedule,
    /// The agenda, in reading order.
    pub agenda: Vec<AgendaView>,
    /// The evidence uploaded.
    pub evidence: Vec<Evidence>,
    /// The documents still missing, in the form's order.
    pub missing: Vec<MusdesDocument>,
    /// Who scheduled it.
    pub created_by: String,
    /// Set once closed.
    pub closed: Option<Closing>,
    /// Whether this user may change it (the desa's operator, while open).
    pub editable: bool,
    /// After closing: what happened to each agreed proposal, in words.
    pub outcome: Vec<String>,
}

/// One musdes in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MusdesSummary {
    /// Identity.
    pub id: uuid::Uuid,
    /// The desa.
    pub desa: RegionRef,
    /// When, where, chaired by whom.
    pub schedule: MusdesSchedule,
    /// Proposals on the agenda.
    pub agenda: u32,
    /// Of which decided.
    pub decided: u32,
    /// Evidence documents still missing.
    pub missing: u32,
    /// Set once closed.
    pub closed: Option<Closing>,
}

/// A desa's musdes standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DesaMusdes {
    /// The desa.
    pub desa: RegionRef,
    /// The day of its last closed musdes.
    pub last_held: Option<jiff::civil::Date>,
    /// Its next scheduled (open) musdes.
    pub next: Option<MusdesSchedule>,
    /// When overdue: "terlambat sejak … (musdes terakhir …)".
    pub overdue: Option<String>,
    /// Proposals waiting for a musdes.
    pub waiting: u32,
}

/// The musdes in scope and each desa's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MusdesList {
    /// Newest first.
    pub meetings: Vec<MusdesSummary>,
    /// Every desa in scope, overdue first.
    pub desa: Vec<DesaMusdes>,
}

/// The musdes that decided a proposal, as the approval chain reads it: when and where, the
/// decision and the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProposalMusdes {
    /// The meeting.
    pub musdes: uuid::Uuid,
    /// When, where, chaired by whom.
    pub schedule: MusdesSchedule,
    /// Its decision on this proposal.
    pub decision: Option<Decision>,
    /// The meeting's evidence.
    pub evidence: Vec<Evidence>,
    /// When it was closed.
    pub closed: Option<Closing>,
}
