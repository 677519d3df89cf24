//! A family (one Kartu Keluarga) as the register keeps it: its number, address, house pin and
//! members. DTSEN is family-based, so the family is the unit that is registered, pinned,
//! scored and proposed.

use crate::codes::{
    ChronicIllness, FunctionalDifficulties, HealthInsurance, MaritalStatus, Schooling, WorkCode,
};
use crate::identity::{Kk, Nik};
use crate::instrument::Instrument;
use crate::region::RegionCode;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The identity of a family record, generated where it is first created (UUIDv7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FamilyId(pub Uuid);

impl std::fmt::Display for FamilyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Sex as recorded by Dukcapil (code 1 and 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Sex {
    /// Laki-laki (1).
    Male,
    /// Perempuan (2).
    Female,
}

/// Relation to the head of family (SHDK, Dukcapil codes 1–11). Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Relation {
    /// 1 Kepala Keluarga.
    KepalaKeluarga,
    /// 2 Suami.
    Suami,
    /// 3 Istri.
    Istri,
    /// 4 Anak.
    Anak,
    /// 5 Menantu.
    Menantu,
    /// 6 Cucu.
    Cucu,
    /// 7 Orangtua.
    Orangtua,
    /// 8 Mertua.
    Mertua,
    /// 9 Famili lain.
    FamiliLain,
    /// 10 Pembantu.
    Pembantu,
    /// 11 Lainnya.
    Lainnya,
}

impl Relation {
    /// Every relation, in SHDK code order.
    pub const ALL: [Relation; 11] = [
        Relation::KepalaKeluarga,
        Relation::Suami,
        Relation::Istri,
        Relation::Anak,
        Relation::Menantu,
        Relation::Cucu,
        Relation::Orangtua,
        Relation::Mertua,
        Relation::FamiliLain,
        Relation::Pembantu,
        Relation::Lainnya,
    ];

    /// The Dukcapil SHDK code.
    pub fn shdk_code(self) -> u8 {
        self as u8 + 1
    }

    /// The relation of an SHDK code (1–11).
    pub fn from_shdk_code(code: u8) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.shdk_code() == code)
    }

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Relation::KepalaKeluarga => "Kepala keluarga",
            Relation::Suami => "Suami",
            Relation::Istri => "Istri",
            Relation::Anak => "Anak",
            Relation::Menantu => "Menantu",
            Relation::Cucu => "Cucu",
            Relation::Orangtua => "Orang tua",
            Relation::Mertua => "Mertua",
            Relation::FamiliLain => "Famili lain",
            Relation::Pembantu => "Pembantu",
            Relation::Lainnya => "Lainnya",
        }
    }
}

/// How a house pin was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum LocationSource {
    /// From the tablet's GPS, standing at the house.
    Gps,
    /// Placed by hand on the map.
    Manual,
    /// Taken from an imported file.
    Imported,
}

/// Where the house stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HouseLocation {
    /// Latitude in degrees (WGS84).
    pub lat: f64,
    /// Longitude in degrees (WGS84).
    pub lon: f64,
    /// Accuracy radius in metres, as the GPS reported it.
    pub accuracy_m: Option<f32>,
    /// How the pin was set.
    pub source: LocationSource,
}

/// The address of a family below the desa level.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Address {
    /// Street or free-text address line.
    pub street: String,
    /// Dusun (hamlet).
    pub dusun: String,
    /// Rukun warga number, as written (e.g. "003").
    pub rw: String,
    /// Rukun tetangga number, as written (e.g. "001").
    pub rt: String,
}

/// The identity of a member record, stable while the NIK changes (a temporary NIK replaced by
/// the real one) so that edits from two tablets merge on the same person. Tablets create members
/// with a fresh UUIDv7; [`Member::new`] derives one from the first NIK for records imported or
/// generated without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberId(pub Uuid);

impl MemberId {
    /// The id derived from the NIK a member was first recorded with.
    pub fn from_nik(nik: &Nik) -> MemberId {
        let digits: u64 = nik.as_str().parse().unwrap_or(0);
        MemberId(Uuid::from_u128(
            (0x7E9A_7000_0000_0000_u128 << 64) | u128::from(digits),
        ))
    }
}

impl std::fmt::Display for MemberId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Whether a member still lives in the family.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum MemberStatus {
    /// Lives in the family.
    #[default]
    Active,
    /// Died on this date.
    Died(jiff::civil::Date),
    /// Moved out on this date, to this desa when known.
    MovedOut(jiff::civil::Date, Option<RegionCode>),
    /// Left in a family split (pecah KK) into the KK number given.
    SplitOff(jiff::civil::Date, Kk),
}

/// One member of a family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Member {
    /// Record identity (stable across NIK corrections).
    pub id: MemberId,
    /// NIK, or a temporary NIK while Dukcapil has issued none.
    pub nik: Nik,
    /// Full name as on the KK.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Place of birth.
    pub birth_place: String,
    /// Date of birth.
    pub birth_date: jiff::civil::Date,
    /// Relation to the head of family.
    pub relation: Relation,
    /// Mother's maiden name (nama ibu kandung): the national system eliminates records without.
    pub mother_name: String,
    /// Marital status, once asked.
    pub marital_status: Option<MaritalStatus>,
    /// Last schooling completed, once asked.
    pub schooling: Option<Schooling>,
    /// Work, once asked.
    pub work: Option<WorkCode>,
    /// The nine functional-difficulty answers.
    pub difficulties: FunctionalDifficulties,
    /// Chronic illness, once asked.
    pub chronic_illness: Option<ChronicIllness>,
    /// Health insurance, once asked.
    pub health_insurance: Option<HealthInsurance>,
    /// Still in the family, or why not.
    pub status: MemberStatus,
}

impl Member {
    /// A member with the identity fields filled and everything else not yet asked.
    pub fn new(
        nik: Nik,
        name: impl Into<String>,
        sex: Sex,
        birth_place: impl Into<String>,
        birth_date: jiff::civil::Date,
        relation: Relation,
    ) -> Member {
        Member {
            id: MemberId::from_nik(&nik),
            nik,
            name: name.into(),
            sex,
            birth_place: birth_place.into(),
            birth_date,
            relation,
            mother_name: String::new(),
            marital_status: None,
            schooling: None,
            work: None,
            difficulties: FunctionalDifficulties::default(),
            chronic_illness: None,
            health_insurance: None,
            status: MemberStatus::Active,
        }
    }

    /// The same member with another record id (a tablet's fresh UUIDv7).
    pub fn with_id(mut self, id: MemberId) -> Member {
        self.id = id;
        self
    }

    /// Whether the member still lives in the family.
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }
}

/// A photo, named by the SHA-256 of its bytes (content-addressed; uploaded apart from the record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PhotoRef(pub [u8; 32]);

/// The photos of the house.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HousePhotos {
    /// Front of the house.
    pub front: Option<PhotoRef>,
    /// Inside the house.
    pub inside: Option<PhotoRef>,
}

/// A change in the family's life, kept as history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum LifeEvent {
    /// A child was born and added (its NIK, possibly temporary).
    Birth(Nik),
    /// A member died.
    Death(Nik),
    /// A member moved out, to this desa when known.
    MoveOut(Nik, Option<RegionCode>),
    /// A member moved in, from this desa when known.
    MoveIn(Nik, Option<RegionCode>),
    /// Members left to form a new family with this KK (pecah KK).
    SplitKk(Kk, Vec<Nik>),
    /// The whole family moved in from another desa (keeping its history).
    FamilyMovedIn(RegionCode),
    /// The whole family moved out to another desa.
    FamilyMovedOut(RegionCode),
}

impl LifeEvent {
    /// The Indonesian name of the event.
    pub fn label_id(&self) -> &'static str {
        match self {
            LifeEvent::Birth(_) => "Kelahiran",
            LifeEvent::Death(_) => "Kematian",
            LifeEvent::MoveOut(..) => "Pindah keluar",
            LifeEvent::MoveIn(..) => "Pindah masuk",
            LifeEvent::SplitKk(..) => "Pecah KK",
            LifeEvent::FamilyMovedIn(_) => "Keluarga pindah masuk",
            LifeEvent::FamilyMovedOut(_) => "Keluarga pindah keluar",
        }
    }
}

/// A life event with its date and note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LifeEventRecord {
    /// What happened.
    pub event: LifeEvent,
    /// When it happened.
    pub date: jiff::civil::Date,
    /// The operator's note.
    pub note: String,
}

/// A family: one KK in one desa.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Family {
    /// Record identity.
    pub id: FamilyId,
    /// KK number.
    pub kk: Kk,
    /// The desa the family lives in.
    pub desa: RegionCode,
    /// Address within the desa.
    pub address: Address,
    /// The house pin, once set.
    pub location: Option<HouseLocation>,
    /// Members, head first.
    pub members: Vec<Member>,
    /// True for synthetic demonstration data, which must never be mistaken for real people.
    pub demo: bool,
    /// Photos of the house.
    pub photos: HousePhotos,
    /// Births, deaths, moves and splits, oldest first.
    pub events: Vec<LifeEventRecord>,
    /// The poverty instrument's answers so far.
    pub instrument: Instrument,
}

impl Family {
    /// The head of family, if one is recorded (and still in the family).
    pub fn head(&self) -> Option<&Member> {
        self.active_members()
            .find(|m| m.relation == Relation::KepalaKeluarga)
    }

    /// The members still living in the family.
    pub fn active_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_active())
    }

    /// Whether the head works, as Kepmensos criterion (a) needs it; unknown without a head or
    /// without an answer.
    pub fn head_working(&self) -> Option<bool> {
        self.head().and_then(|h| h.work).map(|w| w.is_working())
    }

    /// The family's score under `scheme`, counting the members still in the family.
    pub fn score(&self, scheme: &crate::scoring::ScoringScheme) -> crate::scoring::ScoreResult {
        scheme.score(
            &self.instrument,
            self.active_members().count(),
            self.head_working(),
        )
    }

    /// The head's name, or an empty string when no head is recorded yet.
    pub fn head_name(&self) -> &str {
        self.head().map(|m| m.name.as_str()).unwrap_or("")
    }

    /// Whether `query` (case-insensitive) appears in any member's name.
    pub fn matches_name(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self
                .members
                .iter()
                .any(|m| m.name.to_lowercase().contains(&query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shdk_codes_follow_dukcapil() {
        assert_eq!(Relation::KepalaKeluarga.shdk_code(), 1);
        assert_eq!(Relation::Istri.shdk_code(), 3);
        assert_eq!(Relation::Lainnya.shdk_code(), 11);
    }
}
