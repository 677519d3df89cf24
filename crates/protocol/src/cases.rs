//! Wire types of citizens' cases as operators work them: the inbox line ([`CaseLine`]), the
//! whole case for the desk that visits and decides it ([`CaseView`]: the filing, the reporter's
//! phone for the desa and kecamatan only, the register's candidate families with masked NIK),
//! the actions ([`CaseAction`]) and the inbox with its counts ([`CaseList`]). The public pages
//! that file cases and answer the reporter by code use none of these.

use serde::{Deserialize, Serialize};
use tepat_domain::FamilyId;
use tepat_domain::cases::{
    CaseCode, CaseDecision, CaseKind, CaseState, CaseSubject, CaseVisit, ObjectionReason, Outcome,
};
use tepat_domain::workflow::{ProposalKind, ProposalState};

/// One case in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseLine {
    /// Identity.
    pub id: uuid::Uuid,
    /// The reporter's handle.
    pub code: CaseCode,
    /// Usul or sanggah.
    pub kind: CaseKind,
    /// The desa's code.
    pub desa: tepat_domain::RegionCode,
    /// The desa's name.
    pub desa_name: String,
    /// When filed.
    pub filed_at: jiff::Timestamp,
    /// Where it stands.
    pub state: CaseState,
    /// The family head's name as filed.
    pub named: String,
    /// The dusun as filed.
    pub dusun: String,
    /// The reason of a sanggah.
    pub reason: Option<ObjectionReason>,
    /// How many families of the register it may be about.
    pub matches: u32,
    /// An usul whose family may already be registered ("kemungkinan ganda").
    pub maybe_duplicate: bool,
    /// The usul came with a photo of the house.
    pub has_photo: bool,
    /// The decision, once made.
    pub outcome: Option<Outcome>,
}

/// A proposal of a candidate family, as the decision form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseProposal {
    /// Identity.
    pub id: uuid::Uuid,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where it stands.
    pub state: ProposalState,
}

/// A family of the register a case may be about, short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CandidateFamily {
    /// Identity.
    pub id: FamilyId,
    /// The head's name.
    pub head_name: String,
    /// The dusun.
    pub dusun: String,
    /// The head's NIK, always masked.
    pub nik_masked: Option<String>,
    /// Receives PKH.
    pub pkh: bool,
    /// Receives BPNT.
    pub bpnt: bool,
    /// Its local decile under the scheme in force, when ranked.
    pub decile: Option<u8>,
    /// Its proposals.
    pub proposals: Vec<CaseProposal>,
}

/// One case as the operator works it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseView {
    /// The inbox line.
    pub line: CaseLine,
    /// What was filed (an usul's NIK left out for roles that see NIKs masked).
    pub subject: CaseSubject,
    /// An usul's NIK, masked.
    pub nik_masked: Option<String>,
    /// The reporter's phone: only for the desa and kecamatan staff who call back.
    pub phone: Option<String>,
    /// The register's families it may be about (the matches found when filed).
    pub candidates: Vec<CandidateFamily>,
    /// The family it was settled to be about.
    pub family: Option<CandidateFamily>,
    /// The visit, once made.
    pub visit: Option<CaseVisit>,
    /// The decision, once made.
    pub decision: Option<CaseDecision>,
    /// The user may record a visit and link a family.
    pub may_visit: bool,
    /// The user may decide.
    pub may_decide: bool,
}

/// One step on a case. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum CaseAction {
    /// The visit on the spot.
    Visit {
        /// The day.
        on: jiff::civil::Date,
        /// What was seen.
        note: String,
        /// A photo (uploaded whole first to [`crate::routes::CASE_FILE`]).
        photo: Option<[u8; 32]>,
    },
    /// Settle which family of the desa it is about (or none).
    Link {
        /// The family.
        family: Option<FamilyId>,
    },
    /// The decision.
    Decide {
        /// What was found.
        outcome: Outcome,
        /// Why, in words the reporter reads.
        note: String,
        /// A photo or a scanned letter (uploaded whole first).
        evidence: Option<[u8; 32]>,
        /// A proposal of the linked family it led to.
        proposal: Option<uuid::Uuid>,
    },
}

/// The inbox: cases in scope (newest first) and the counts by state of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseList {
    /// The cases the filter keeps.
    pub cases: Vec<CaseLine>,
    /// Not yet visited (whatever the filter).
    pub new: u32,
    /// Visited, not decided.
    pub visited: u32,
    /// Decided.
    pub decided: u32,
}

/// The query word of a state (`?state=`): `baru`, `dikunjungi`, `selesai`.
pub fn state_code(state: CaseState) -> &'static str {
    match state {
        CaseState::New => "baru",
        CaseState::Visited => "dikunjungi",
        CaseState::Decided => "selesai",
    }
}

/// The state of a query word.
pub fn state_from_code(code: &str) -> Option<CaseState> {
    [CaseState::New, CaseState::Visited, CaseState::Decided]
        .into_iter()
        .find(|s| state_code(*s) == code)
}

/// The query word of a kind (`?kind=`): `usul`, `sanggah`.
pub fn kind_code(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Usul => "usul",
        CaseKind::Sanggah => "sanggah",
    }
}

/// The kind of a query word.
pub fn kind_from_code(code: &str) -> Option<CaseKind> {
    [CaseKind::Usul, CaseKind::Sanggah]
        .into_iter()
        .find(|k| kind_code(*k) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_round_trip() {
        for state in [CaseState::New, CaseState::Visited, CaseState::Decided] {
            assert_eq!(state_from_code(state_code(state)), Some(state));
        }
        for kind in [CaseKind::Usul, CaseKind::Sanggah] {
            assert_eq!(kind_from_code(kind_code(kind)), Some(kind));
        }
        assert_eq!(state_from_code("x"), None);
        assert_eq!(kind_from_code("Usul"), None);
    }
}
