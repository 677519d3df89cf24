//! Which families a leaders' query counts: the user's scope, then the filter's region, loci,
//! status, decile, programme, extreme poverty and targeting error, parsed once and checked per
//! point with bit tests.

use super::index::{FamilyPoint, SpreadIndex, flag};
use tepat_domain::RegionCode;
use tepat_protocol::spread::{PROGRAMME_CLASSES, STATUS_CLASSES, SpreadFilter, TargetingError};

/// A parsed filter over one index.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Per desa bucket: whether its families can count at all (scope, region, loci).
    pub desa: Vec<bool>,
    status: Option<u8>,
    decile_max: Option<u8>,
    programme: Option<u16>,
    extreme: Option<bool>,
    error: Option<TargetingError>,
}

/// Why a filter cannot be used, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// Unknown status class.
    #[error("Status \"{0}\" tidak dikenal.")]
    Status(String),
    /// Decile outside 1..=10.
    #[error("Desil harus 1 sampai 10.")]
    Decile,
    /// Unknown programme class.
    #[error("Program \"{0}\" tidak dikenal.")]
    Programme(String),
}

/// "No programme at all" in [`Selection::programme`].
const NO_PROGRAMME: u16 = 0;

/// The flag each of [`PROGRAMME_CLASSES`] filters on, in the same order.
const PROGRAMME_BITS: [u16; 5] = [
    NO_PROGRAMME,
    flag::PKH,
    flag::BPNT,
    flag::PBI_JK,
    flag::OTHER,
];

impl Selection {
    /// The families of `scope` (the user's region, or the filter's region already checked
    /// against it) that the rest of `filter` keeps.
    pub fn new(
        index: &SpreadIndex,
        scope: &RegionCode,
        filter: &SpreadFilter,
    ) -> Result<Selection, SelectionError> {
        let desa = index
            .desa
            .iter()
            .map(|d| scope.contains(&d.code) && filter.loci.is_none_or(|loci| d.loci == loci))
            .collect();
        let status = match &filter.status {
            Some(s) => Some(
                STATUS_CLASSES
                    .iter()
                    .position(|c| c == s)
                    .ok_or_else(|| SelectionError::Status(s.clone()))? as u8,
            ),
            None => None,
        };
        if filter.decile_max.is_some_and(|d| !(1..=10).contains(&d)) {
            return Err(SelectionError::Decile);
        }
        let programme = match &filter.programme {
            Some(p) => Some(
                PROGRAMME_CLASSES
                    .iter()
                    .position(|c| c == p)
                    .map(|at| PROGRAMME_BITS[at])
                    .ok_or_else(|| SelectionError::Programme(p.clone()))?,
            ),
            None => None,
        };
        Ok(Selection {
            desa,
            status,
            decile_max: filter.decile_max,
            programme,
            extreme: filter.extreme,
            error: filter.error,
        })
    }

    /// Whether a family of an allowed desa counts.
    pub fn matches(&self, p: &FamilyPoint) -> bool {
        if self.status.is_some_and(|s| p.status != s) {
            return false;
        }
        if self
            .decile_max
            .is_some_and(|max| p.decile == 0 || p.decile > max)
        {
            return false;
        }
        let receiving = flag::PKH | flag::BPNT | flag::PBI_JK | flag::OTHER;
        match self.programme {
            Some(NO_PROGRAMME) if p.flags & receiving != 0 => return false,
            Some(bit) if bit != NO_PROGRAMME && !p.has(bit) => return false,
            _ => {}
        }
        match self.extreme {
            Some(true) if !p.has(flag::EXTREME) => return false,
            Some(false) if !p.has(flag::EXTREME_KNOWN) || p.has(flag::EXTREME) => return false,
            _ => {}
        }
        self.error.is_none_or(|kind| p.is_error(kind))
    }
}
