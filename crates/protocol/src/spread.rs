//! The leaders' view on the wire: the spread map's clusters for one viewport and zoom (counted
//! on the server over every family in scope, so the browser never receives a million points),
//! and the tables per kecamatan and per desa.

use serde::{Deserialize, Serialize};
use tepat_domain::FamilyId;

/// What a cluster's colours tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ColourBy {
    /// The family's most urgent proposal status (ui.md colours), or none.
    #[default]
    Status,
    /// The local decile (1 = poorest tenth), or unknown.
    Decile,
    /// The programme the family receives.
    Programme,
    /// Below the extreme-poverty line, or not, or unknown.
    Extreme,
}

impl ColourBy {
    /// Every colouring.
    pub const ALL: [ColourBy; 4] = [
        ColourBy::Status,
        ColourBy::Decile,
        ColourBy::Programme,
        ColourBy::Extreme,
    ];

    /// Its query-string word (as serde writes it): `status`, `decile`, `programme`, `extreme`.
    pub fn code(self) -> &'static str {
        match self {
            ColourBy::Status => "status",
            ColourBy::Decile => "decile",
            ColourBy::Programme => "programme",
            ColourBy::Extreme => "extreme",
        }
    }

    /// The colouring of a query-string word.
    pub fn from_code(code: &str) -> Option<ColourBy> {
        ColourBy::ALL.into_iter().find(|c| c.code() == code)
    }

    /// How many classes a cluster's `parts` has under this colouring.
    pub fn classes(self) -> usize {
        match self {
            ColourBy::Status => 7,
            ColourBy::Decile => 11,
            ColourBy::Programme => 5,
            ColourBy::Extreme => 3,
        }
    }
}

/// The classes of [`ColourBy::Programme`], in `parts` order: no programme, PKH, BPNT (without
/// PKH), PBI-JK only, another programme only (BLT, PIP).
pub const PROGRAMME_CLASSES: [&str; 5] = ["none", "pkh", "bpnt", "pbijk", "other"];

/// The classes of [`ColourBy::Status`], in `parts` order: no proposal, then the six status
/// categories (draft, waiting for musdes, in the chain, returned, final, closed).
pub const STATUS_CLASSES: [&str; 7] = [
    "none", "draft", "musdes", "chain", "returned", "final", "closed",
];

/// The classes of [`ColourBy::Extreme`], in `parts` order.
pub const EXTREME_CLASSES: [&str; 3] = ["unknown", "extreme", "not"];

/// A likely targeting error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TargetingError {
    /// Receives bansos but scores as well-off.
    Inclusion,
    /// Among the poorest by score, receives no programme.
    Exclusion,
}

impl TargetingError {
    /// Both kinds.
    pub const ALL: [TargetingError; 2] = [TargetingError::Inclusion, TargetingError::Exclusion];

    /// Its query-string word (as serde writes it): `inclusion`, `exclusion`.
    pub fn code(self) -> &'static str {
        match self {
            TargetingError::Inclusion => "inclusion",
            TargetingError::Exclusion => "exclusion",
        }
    }

    /// The kind of a query-string word.
    pub fn from_code(code: &str) -> Option<TargetingError> {
        TargetingError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// Which families count, as query parameters (every one optional; all given ones must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SpreadFilter {
    /// A kecamatan or desa code within the user's scope.
    pub region: Option<String>,
    /// A status class of [`STATUS_CLASSES`].
    pub status: Option<String>,
    /// Local decile at most this (1..=10).
    pub decile_max: Option<u8>,
    /// A programme class of [`PROGRAMME_CLASSES`] (`none`: receives nothing).
    pub programme: Option<String>,
    /// Only the extreme poor (`true`) or only the others (`false`).
    pub extreme: Option<bool>,
    /// Only likely targeting errors of this kind.
    pub error: Option<TargetingError>,
    /// Only families in the kabupaten's extreme-poverty loci desa.
    pub loci: Option<bool>,
}

/// GET spread/clusters: one viewport at one zoom. The filter's fields are query parameters
/// beside these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterQuery {
    /// Western edge, degrees.
    pub west: f64,
    /// Southern edge, degrees.
    pub south: f64,
    /// Eastern edge, degrees.
    pub east: f64,
    /// Northern edge, degrees.
    pub north: f64,
    /// The map's zoom (0..=20).
    pub zoom: u8,
    /// What the colours tell.
    #[serde(default)]
    pub colour: ColourBy,
}

/// A rectangle on the map, degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Bounds {
    /// Southern edge.
    pub south: f64,
    /// Western edge.
    pub west: f64,
    /// Northern edge.
    pub north: f64,
    /// Eastern edge.
    pub east: f64,
}

/// One cluster, or one family when `count` is 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SpreadCluster {
    /// Weighted centre, degrees.
    pub lat: f64,
    /// Weighted centre, degrees.
    pub lon: f64,
    /// Families in it.
    pub count: u32,
    /// The rectangle holding all of them (click: zoom to it).
    pub bounds: Bounds,
    /// Families per colour class ([`ColourBy::classes`] entries).
    pub parts: Vec<u32>,
    /// The family, when the cluster is one family.
    pub family: Option<FamilyId>,
}

/// A kecamatan's or desa's figures as a marker on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionMarker {
    /// Region code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Centre of its pinned houses.
    pub lat: f64,
    /// Centre of its pinned houses.
    pub lon: f64,
    /// The rectangle of its pinned houses.
    pub bounds: Bounds,
    /// Families in the register.
    pub families: u32,
    /// Of them below the extreme-poverty line.
    pub extreme: u32,
    /// One of the kabupaten's extreme-poverty loci (a desa, or a kecamatan holding one).
    pub loci: bool,
}

/// The answer to a [`ClusterQuery`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SpreadClusters {
    /// The zoom the clusters were made for.
    pub zoom: u8,
    /// The colouring of `parts`.
    pub colour: ColourBy,
    /// Clusters and single families in the viewport.
    pub clusters: Vec<SpreadCluster>,
    /// Kecamatan (zoomed out) or desa figures in the viewport; none when zoomed in far.
    pub regions: Vec<RegionMarker>,
    /// Families matching the filter drawn in the viewport (the clusters' counts added up).
    pub in_view: u32,
    /// Families matching the filter in scope, pinned or not.
    pub matching: u32,
    /// Of `matching`, families without a house pin (not on the map).
    pub unpinned: u32,
    /// When the figures were last brought up to date.
    pub as_of: jiff::Timestamp,
    /// The rectangle of every pinned house in scope (where the map first looks).
    pub scope: Option<Bounds>,
}

/// The level of a region table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TableLevel {
    /// One row per kecamatan.
    #[default]
    Kecamatan,
    /// One row per desa.
    Desa,
}

/// GET spread/regions: the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct RegionTableQuery {
    /// Rows per kecamatan or per desa.
    pub level: TableLevel,
    /// Only rows within this region (a kecamatan, for its desa).
    pub within: Option<String>,
    /// `csv` or `xlsx` for a download instead of the table.
    pub format: Option<String>,
}

/// Where a proposal waits, for the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum WaitLevel {
    /// Drafted or waiting for the desa's musdes.
    Desa,
    /// The kecamatan's check.
    Kecamatan,
    /// The Dinas Sosial's verification.
    Dinas,
    /// The Kepala Dinas's sign-off.
    KepalaDinas,
    /// The Bupati's ratification.
    Bupati,
    /// Ratified, to be sent or waiting for the national answer.
    Pusat,
}

impl WaitLevel {
    /// Every level, up the chain.
    pub const ALL: [WaitLevel; 6] = [
        WaitLevel::Desa,
        WaitLevel::Kecamatan,
        WaitLevel::Dinas,
        WaitLevel::KepalaDinas,
        WaitLevel::Bupati,
        WaitLevel::Pusat,
    ];
}

/// Proposals waiting at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Waiting {
    /// How many.
    pub count: u32,
    /// Days the longest-waiting one has waited.
    pub oldest_days: u32,
}

/// The bansos quota (PKH and BPNT together) of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuotaUse {
    /// Places given to the region by the quota split.
    pub share: u32,
    /// Places taken (proposals sent up or beyond).
    pub used: u32,
    /// Proposals on the waiting list.
    pub waiting_list: u32,
}

/// One row of the table: a kecamatan or a desa.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionRow {
    /// Region code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// The kecamatan's name, for a desa row.
    pub kecamatan: Option<String>,
    /// An extreme-poverty loci desa (or a kecamatan holding one).
    pub loci: bool,
    /// Families.
    pub families: u32,
    /// Active members.
    pub members: u32,
    /// Families with a house pin.
    pub pinned: u32,
    /// Families with a house photo.
    pub with_photo: u32,
    /// Families a verifier has visited.
    pub verified: u32,
    /// Families below the extreme-poverty line.
    pub extreme: u32,
    /// Families receiving a programme.
    pub receiving: u32,
    /// Likely inclusion errors.
    pub inclusion_errors: u32,
    /// Likely exclusion errors.
    pub exclusion_errors: u32,
    /// Proposals waiting, per [`WaitLevel::ALL`].
    pub waiting: Vec<Waiting>,
    /// The bansos quota.
    pub quota: QuotaUse,
    /// The last musdes held (for a kecamatan: the longest ago among its desa).
    pub last_musdes: Option<jiff::civil::Date>,
    /// Desa whose musdes is overdue (0 or 1 for a desa row).
    pub musdes_overdue: u32,
    /// Families receiving PKH or BPNT: the houses to label.
    pub recipients: u32,
    /// Recipient houses labelled.
    pub labelled: u32,
    /// Sanggah (inclusion signals: a recipient said not to need it) not yet decided.
    pub sanggah_open: u32,
    /// Sanggah filed.
    pub sanggah_total: u32,
    /// Usul (exclusion signals: a family said to be missing) not yet decided.
    pub usul_open: u32,
    /// Usul filed.
    pub usul_total: u32,
}

/// One month of progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MonthProgress {
    /// `2026-03`.
    pub month: String,
    /// Proposals created.
    pub proposed: u32,
    /// Proposals that reached the register.
    pub finalised: u32,
    /// Verification visits recorded.
    pub visits: u32,
}

/// The answer to a [`RegionTableQuery`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionTable {
    /// The level of the rows.
    pub level: TableLevel,
    /// Rows by region code.
    pub rows: Vec<RegionRow>,
    /// Everything in scope together.
    pub total: RegionRow,
    /// The last twelve months, oldest first.
    pub progress: Vec<MonthProgress>,
    /// When the figures were last brought up to date.
    pub as_of: jiff::Timestamp,
}

/// GET spread/families: the page (or, with `format`, the whole selection as a file). The
/// [`SpreadFilter`]'s fields are query parameters beside these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct FamilyListQuery {
    /// The page, from 0 ([`FAMILY_PAGE_SIZE`] families each).
    pub page: u32,
    /// `csv`, `xlsx` or `geojson` for a download of the whole selection instead of a page.
    pub format: Option<String>,
}

/// Families per page of [`SpreadFamilyPage`].
pub const FAMILY_PAGE_SIZE: u32 = 100;

/// The most families one download of spread/families holds.
pub const FAMILY_EXPORT_LIMIT: u32 = 200_000;

/// One family of the leaders' lists (e.g. the likely targeting errors of a desa).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SpreadFamilyLine {
    /// The family.
    pub id: FamilyId,
    /// Head of family's name (empty when none is recorded).
    pub head_name: String,
    /// The head's NIK, masked unless the role sees identity numbers whole.
    pub head_nik: Option<String>,
    /// Desa code.
    pub desa: String,
    /// Desa name.
    pub desa_name: String,
    /// Dusun.
    pub dusun: String,
    /// RT.
    pub rt: String,
    /// RW.
    pub rw: String,
    /// Active members.
    pub members: u16,
    /// Local decile (1 = poorest tenth), when scored.
    pub decile: Option<u8>,
    /// Below the extreme-poverty line, when known.
    pub extreme: Option<bool>,
    /// Programmes received, as [`PROGRAMME_CLASSES`] names without `none` (`pkh`, `bpnt`,
    /// `pbijk`, `other`).
    pub programmes: Vec<String>,
    /// The most urgent proposal status, as a [`STATUS_CLASSES`] name (`none` without one).
    pub status: String,
    /// A likely targeting error, when it is one.
    pub error: Option<TargetingError>,
}

/// A page of [`SpreadFamilyLine`]s: by desa code, then decile (poorest first, unscored last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SpreadFamilyPage {
    /// The lines of this page.
    pub lines: Vec<SpreadFamilyLine>,
    /// This page (from 0).
    pub page: u32,
    /// Lines per page.
    pub page_size: u32,
    /// Families the filter keeps in scope, on every page.
    pub total: u32,
    /// Whether NIKs are masked for this user.
    pub nik_masked: bool,
    /// When the figures were last brought up to date.
    pub as_of: jiff::Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_the_ones_serde_reads() {
        #[derive(Deserialize)]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        struct Q {
            colour: ColourBy,
            error: TargetingError,
        }
        for colour in ColourBy::ALL {
            for error in TargetingError::ALL {
                let q: Q = serde_json::from_str(&format!(
                    r#"{{"colour":"{}","error":"{}"}}"#,
                    colour.code(),
                    error.code()
                ))
                .unwrap();
                assert_eq!((q.colour, q.error), (colour, error));
                assert_eq!(ColourBy::from_code(colour.code()), Some(colour));
                assert_eq!(TargetingError::from_code(error.code()), Some(error));
            }
        }
        assert_eq!(ColourBy::from_code("warna"), None);
    }
}
