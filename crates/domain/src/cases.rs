//! Citizens' cases: what a resident files on the public pages without an account, and what the
//! desa does with it. An **usul** proposes a family (the resident's own or a neighbour's) that
//! the register misses; a **sanggah** objects to a family receiving aid. Both become a [`Case`]
//! with a [`CaseCode`] (the reporter's only handle: no accounts), are visited on the spot,
//! decided with evidence, and may be linked to a proposal (a new family, a correction, a
//! deactivation). The reporter's phone is for the desa only: no page shows it to anyone else.

use crate::family::{Address, FamilyId};
use crate::identity::Nik;
use crate::import::names::{jaro_winkler, normalise};
use crate::region::RegionCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The longest free text kept (a reason, a note).
pub const MAX_TEXT_CHARS: usize = 600;
/// The longest name kept.
pub const MAX_NAME_CHARS: usize = 80;
/// The shortest note a visit or a decision needs: a few words saying what was seen.
pub const MIN_NOTE_CHARS: usize = 10;
/// Names at least this similar (Jaro–Winkler of the normalised names) are flagged as possibly
/// the same family head.
pub const SAME_NAME_SIMILARITY: f64 = 0.92;

/// The alphabet of case codes: no 0/O, 1/I/L, so a code read aloud or over the phone survives.
const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Usul or sanggah. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum CaseKind {
    /// A family proposed for the register.
    Usul,
    /// An objection to a family receiving aid.
    Sanggah,
}

impl CaseKind {
    /// The code's prefix: `USL`, `SGH`.
    pub fn prefix(self) -> &'static str {
        match self {
            CaseKind::Usul => "USL",
            CaseKind::Sanggah => "SGH",
        }
    }

    /// The Indonesian name.
    pub fn label_id(self) -> &'static str {
        match self {
            CaseKind::Usul => "Usul",
            CaseKind::Sanggah => "Sanggah",
        }
    }
}

/// A case's public handle: `SGH-7K3M-Q9XZ` (kind, eight characters of the no-confusion
/// alphabet: about 40 bits, so codes cannot be guessed to read other cases).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseCode(String);

impl CaseCode {
    /// A code of `kind` from eight random bytes (the caller's randomness: the domain has none).
    pub fn from_random(kind: CaseKind, random: [u8; 8]) -> CaseCode {
        let body: String = random
            .iter()
            .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
            .collect();
        CaseCode(format!("{}-{}-{}", kind.prefix(), &body[..4], &body[4..]))
    }

    /// Reads a code as a person types it: any case, spaces or dashes anywhere, O for 0 and I/L
    /// for 1 forgiven. `None` when it cannot be a code.
    pub fn parse(typed: &str) -> Option<CaseCode> {
        let cleaned: String = typed
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.len() != 11 {
            return None;
        }
        let (prefix, body) = cleaned.split_at(3);
        if prefix != CaseKind::Usul.prefix() && prefix != CaseKind::Sanggah.prefix() {
            return None;
        }
        if !body.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
            return None;
        }
        Some(CaseCode(format!("{prefix}-{}-{}", &body[..4], &body[4..])))
    }

    /// The kind the code names.
    pub fn kind(&self) -> CaseKind {
        if self.0.starts_with(CaseKind::Usul.prefix()) {
            CaseKind::Usul
        } else {
            CaseKind::Sanggah
        }
    }

    /// The code as printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a resident objects. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ObjectionReason {
    /// Owns a car.
    OwnsCar,
    /// A fixed income as a civil servant, soldier or police officer.
    CivilServant,
    /// Otherwise well-off (a good house, a business, land).
    WellOff,
    /// Moved away.
    MovedAway,
    /// Died (the whole family, or its only member).
    Died,
    /// Another reason, in the detail.
    Other,
}

impl ObjectionReason {
    /// All, in the order the form lists them.
    pub const ALL: [ObjectionReason; 6] = [
        Self::OwnsCar,
        Self::CivilServant,
        Self::WellOff,
        Self::MovedAway,
        Self::Died,
        Self::Other,
    ];

    /// The form value.
    pub fn code(self) -> &'static str {
        match self {
            Self::OwnsCar => "mobil",
            Self::CivilServant => "asn",
            Self::WellOff => "mampu",
            Self::MovedAway => "pindah",
            Self::Died => "meninggal",
            Self::Other => "lainnya",
        }
    }

    /// From the form value.
    pub fn from_code(code: &str) -> Option<ObjectionReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Indonesian wording.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::OwnsCar => "Memiliki mobil",
            Self::CivilServant => "Berpenghasilan tetap sebagai ASN/TNI/Polri",
            Self::WellOff => "Mampu (rumah bagus, usaha, tanah luas)",
            Self::MovedAway => "Sudah pindah",
            Self::Died => "Sudah meninggal",
            Self::Other => "Alasan lain",
        }
    }

    /// The English wording.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::OwnsCar => "Owns a car",
            Self::CivilServant => "Fixed income as a civil servant/soldier/police",
            Self::WellOff => "Well-off (good house, business, much land)",
            Self::MovedAway => "Moved away",
            Self::Died => "Died",
            Self::Other => "Other reason",
        }
    }
}

/// A family proposed by a resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Usul {
    /// The head of the proposed family.
    pub head_name: String,
    /// The head's NIK, when the resident knows it.
    pub nik: Option<Nik>,
    /// Where the family lives in the desa.
    pub address: Address,
    /// Why the family needs help, in the resident's words.
    pub reason: String,
    /// True when the resident proposes their own family.
    pub own_family: bool,
    /// A photo of the house (SHA-256 of the stored blob).
    pub photo: Option<[u8; 32]>,
}

/// An objection to a family receiving aid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Sanggah {
    /// The name of the family head objected to, as the resident typed it.
    pub named: String,
    /// The dusun the resident says the family lives in.
    pub dusun: String,
    /// Why.
    pub reason: ObjectionReason,
    /// What the resident knows, in their words.
    pub detail: String,
}

/// What a case is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum CaseSubject {
    /// A family proposed.
    Usul(Usul),
    /// An objection.
    Sanggah(Sanggah),
}

impl CaseSubject {
    /// Usul or sanggah.
    pub fn kind(&self) -> CaseKind {
        match self {
            CaseSubject::Usul(_) => CaseKind::Usul,
            CaseSubject::Sanggah(_) => CaseKind::Sanggah,
        }
    }

    /// The family head's name as the resident gave it.
    pub fn named(&self) -> &str {
        match self {
            CaseSubject::Usul(u) => &u.head_name,
            CaseSubject::Sanggah(s) => &s.named,
        }
    }

    /// The dusun as the resident gave it.
    pub fn dusun(&self) -> &str {
        match self {
            CaseSubject::Usul(u) => &u.address.dusun,
            CaseSubject::Sanggah(s) => &s.dusun,
        }
    }
}

/// A problem with one field of a filed form, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The form field's name (`nama`, `telepon`, …).
    pub field: &'static str,
    /// The Indonesian sentence.
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field,
        message: message.into(),
    }
}

/// Trims a text and collapses runs of white space.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_name(field: &'static str, name: &str, out: &mut Vec<FieldProblem>) {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        out.push(problem(field, "Isi nama lengkap kepala keluarga."));
    } else if name.chars().count() > MAX_NAME_CHARS {
        out.push(problem(
            field,
            format!("Nama terlalu panjang (paling banyak {MAX_NAME_CHARS} huruf)."),
        ));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        out.push(problem(field, "Nama tidak boleh berisi angka."));
    }
}

fn check_text(
    field: &'static str,
    text: &str,
    min: usize,
    what: &str,
    out: &mut Vec<FieldProblem>,
) {
    let chars = text.chars().count();
    if chars < min {
        out.push(problem(
            field,
            format!("Tuliskan {what} (paling sedikit {min} huruf)."),
        ));
    } else if chars > MAX_TEXT_CHARS {
        out.push(problem(
            field,
            format!("Terlalu panjang (paling banyak {MAX_TEXT_CHARS} huruf)."),
        ));
    }
}

/// Reads an Indonesian phone number as typed (`0812-3456-7890`, `+62 812 3456 7890`) into the
/// `08…` form; `None` when it cannot be one (9 to 13 digits after the leading 0).
pub fn normalise_phone(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    let local = if let Some(rest) = digits.strip_prefix("62") {
        format!("0{rest}")
    } else {
        digits
    };
    (local.starts_with('0') && (10..=14).contains(&local.len())).then_some(local)
}

/// Checks an usul as filed; every problem by field.
pub fn check_usul(usul: &Usul) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_name("nama", &usul.head_name, &mut out);
    if usul.address.dusun.trim().is_empty() {
        out.push(problem("dusun", "Isi dusun tempat keluarga tinggal."));
    }
    check_text("alamat", &usul.address.street, 3, "alamat", &mut out);
    check_text(
        "alasan",
        &usul.reason,
        MIN_NOTE_CHARS,
        "mengapa keluarga ini perlu dibantu",
        &mut out,
    );
    out
}

/// Checks a sanggah as filed; every problem by field.
pub fn check_sanggah(sanggah: &Sanggah) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_name("nama", &sanggah.named, &mut out);
    if sanggah.dusun.trim().is_empty() {
        out.push(problem("dusun", "Isi dusun tempat keluarga itu tinggal."));
    }
    check_text(
        "keterangan",
        &sanggah.detail,
        MIN_NOTE_CHARS,
        "apa yang Anda ketahui",
        &mut out,
    );
    out
}

/// Whether two family heads' names are likely the same person (normalised equal, or very
/// similar): for flagging duplicates and finding the family a sanggah names, never for a
/// public answer.
pub fn likely_same_name(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    !a.is_empty() && (a == b || jaro_winkler(&a, &b) >= SAME_NAME_SIMILARITY)
}

/// Whether a typed name is the recorded one, strictly (normalised equal): the public status
/// check answers only on this.
pub fn exact_name(typed: &str, recorded: &str) -> bool {
    let typed = normalise(typed);
    !typed.is_empty() && typed == normalise(recorded)
}

/// The desa's visit to check a case on the spot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseVisit {
    /// The day of the visit.
    pub on: Date,
    /// Who visited (username).
    pub by: String,
    /// What was seen.
    pub note: String,
    /// A photo taken there (SHA-256 of the stored blob).
    pub photo: Option<[u8; 32]>,
    /// When it was recorded.
    pub recorded_at: jiff::Timestamp,
}

/// What the visit found. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Outcome {
    /// The usul is right (the family should be proposed) / the sanggah is right.
    Confirmed,
    /// The usul or the sanggah is not borne out.
    NotConfirmed,
}

impl Outcome {
    /// The decision as the reporter reads it, in Indonesian.
    pub fn label_id(self, kind: CaseKind) -> &'static str {
        match (kind, self) {
            (CaseKind::Usul, Outcome::Confirmed) => "Layak: keluarga diusulkan masuk DTSEN",
            (CaseKind::Usul, Outcome::NotConfirmed) => "Tidak diusulkan",
            (CaseKind::Sanggah, Outcome::Confirmed) => "Sanggahan terbukti",
            (CaseKind::Sanggah, Outcome::NotConfirmed) => "Sanggahan tidak terbukti",
        }
    }

    /// The same in English.
    pub fn label_en(self, kind: CaseKind) -> &'static str {
        match (kind, self) {
            (CaseKind::Usul, Outcome::Confirmed) => "Eligible: the family is proposed",
            (CaseKind::Usul, Outcome::NotConfirmed) => "Not proposed",
            (CaseKind::Sanggah, Outcome::Confirmed) => "Objection upheld",
            (CaseKind::Sanggah, Outcome::NotConfirmed) => "Objection not upheld",
        }
    }
}

/// The desa's decision on a case, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseDecision {
    /// What was found.
    pub outcome: Outcome,
    /// Why, in words the reporter may read (no one's personal data).
    pub note: String,
    /// Evidence: a photo or a scanned letter (SHA-256 of the stored blob).
    pub evidence: Option<[u8; 32]>,
    /// The proposal it led to (a new family, a correction, a deactivation).
    pub proposal: Option<Uuid>,
    /// Who decided (username).
    pub by: String,
    /// When.
    pub at: jiff::Timestamp,
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum CaseState {
    /// Filed, not yet visited.
    New,
    /// Visited, not yet decided.
    Visited,
    /// Decided.
    Decided,
}

impl CaseState {
    /// The Indonesian name.
    pub fn label_id(self) -> &'static str {
        match self {
            CaseState::New => "Diterima, menunggu kunjungan",
            CaseState::Visited => "Sudah dikunjungi, menunggu keputusan",
            CaseState::Decided => "Selesai",
        }
    }

    /// The English name.
    pub fn label_en(self) -> &'static str {
        match self {
            CaseState::New => "Received, awaiting a visit",
            CaseState::Visited => "Visited, awaiting a decision",
            CaseState::Decided => "Closed",
        }
    }
}

/// One case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Case {
    /// Identity.
    pub id: Uuid,
    /// The reporter's handle.
    pub code: CaseCode,
    /// The desa it belongs to.
    pub desa: RegionCode,
    /// When it was filed.
    pub filed_at: jiff::Timestamp,
    /// What it is about.
    pub subject: CaseSubject,
    /// The reporter's phone, for the desa to call back (never shown on a public page).
    pub phone: Option<String>,
    /// Families of the register it may be about, found when filed: for an usul the likely
    /// duplicates (same NIK, or a similar head's name in the desa), for a sanggah the families
    /// whose head has the name given.
    pub matches: Vec<FamilyId>,
    /// The family the desa settled it is about.
    pub family: Option<FamilyId>,
    /// The visit, once made.
    pub visit: Option<CaseVisit>,
    /// The decision, once made.
    pub decision: Option<CaseDecision>,
}

/// Why a step on a case is refused (Indonesian, for the operator).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CaseRefusal(pub String);

fn refuse<T>(message: impl Into<String>) -> Result<T, CaseRefusal> {
    Err(CaseRefusal(message.into()))
}

impl Case {
    /// Usul or sanggah.
    pub fn kind(&self) -> CaseKind {
        self.subject.kind()
    }

    /// Where it stands.
    pub fn state(&self) -> CaseState {
        match (&self.visit, &self.decision) {
            (_, Some(_)) => CaseState::Decided,
            (Some(_), None) => CaseState::Visited,
            (None, None) => CaseState::New,
        }
    }

    /// Records the visit (a second one replaces the first while undecided). Refused once
    /// decided, for a day after `today`, or with a note too short to say anything.
    pub fn record_visit(&mut self, visit: CaseVisit, today: Date) -> Result<(), CaseRefusal> {
        if self.decision.is_some() {
            return refuse("Kasus ini sudah diputuskan.");
        }
        if visit.on > today {
            return refuse("Tanggal kunjungan tidak boleh setelah hari ini.");
        }
        if visit.note.trim().chars().count() < MIN_NOTE_CHARS {
            return refuse(format!(
                "Tuliskan apa yang ditemukan saat kunjungan (paling sedikit {MIN_NOTE_CHARS} huruf)."
            ));
        }
        self.visit = Some(visit);
        Ok(())
    }

    /// Settles which family of the register the case is about (or none). Refused once decided.
    pub fn link_family(&mut self, family: Option<FamilyId>) -> Result<(), CaseRefusal> {
        if self.decision.is_some() {
            return refuse("Kasus ini sudah diputuskan.");
        }
        self.family = family;
        Ok(())
    }

    /// Decides the case. Refused before a visit, twice, or without a reason; a confirmed
    /// sanggah needs the family it is about.
    pub fn decide(&mut self, decision: CaseDecision) -> Result<(), CaseRefusal> {
        if self.decision.is_some() {
            return refuse("Kasus ini sudah diputuskan.");
        }
        if self.visit.is_none() {
            return refuse("Kunjungi dan catat hasil kunjungan sebelum memutuskan.");
        }
        if decision.note.trim().chars().count() < MIN_NOTE_CHARS {
            return refuse(format!(
                "Tuliskan alasan keputusan (paling sedikit {MIN_NOTE_CHARS} huruf)."
            ));
        }
        if self.kind() == CaseKind::Sanggah
            && decision.outcome == Outcome::Confirmed
            && self.family.is_none()
        {
            return refuse("Pilih keluarga yang disanggah sebelum menyatakan sanggahan terbukti.");
        }
        self.decision = Some(decision);
        Ok(())
    }
}

/// Labelling of recipient houses: the text painted or stuck on the house.
pub const LABEL_TEXT: &str = "Keluarga Pra Sejahtera Penerima Bansos PKH/BPNT";

/// The desa's record that a recipient house was labelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Labelling {
    /// The family whose house it is.
    pub family: FamilyId,
    /// Its desa (for scope and counts).
    pub desa: RegionCode,
    /// The day the label went up.
    pub on: Date,
    /// The photo of the labelled house (SHA-256 of the stored blob).
    pub photo: [u8; 32],
    /// Who recorded it (username).
    pub by: String,
    /// When it was recorded.
    pub recorded_at: jiff::Timestamp,
}

/// Checks a labelling's day: not after `today`, not before 2020.
pub fn check_label_day(on: Date, today: Date) -> Result<(), CaseRefusal> {
    if on > today {
        return refuse("Tanggal pelabelan tidak boleh setelah hari ini.");
    }
    if on < jiff::civil::date(2020, 1, 1) {
        return refuse("Tanggal pelabelan terlalu lama (sebelum 2020).");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanggah_case() -> Case {
        Case {
            id: Uuid::nil(),
            code: CaseCode::from_random(CaseKind::Sanggah, [1, 2, 3, 4, 5, 6, 7, 250]),
            desa: "35.26.15.2012".parse().unwrap(),
            filed_at: jiff::Timestamp::UNIX_EPOCH,
            subject: CaseSubject::Sanggah(Sanggah {
                named: "Moh. Hasan".into(),
                dusun: "Dajah".into(),
                reason: ObjectionReason::OwnsCar,
                detail: "Punya mobil Avanza hitam.".into(),
            }),
            phone: None,
            matches: vec![],
            family: None,
            visit: None,
            decision: None,
        }
    }

    fn visit(on: Date, note: &str) -> CaseVisit {
        CaseVisit {
            on,
            by: "op".into(),
            note: note.into(),
            photo: None,
            recorded_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn decision(outcome: Outcome) -> CaseDecision {
        CaseDecision {
            outcome,
            note: "Mobil milik anak yang tinggal di Surabaya.".into(),
            evidence: None,
            proposal: None,
            by: "op".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn codes_read_back_as_typed() {
        let code = CaseCode::from_random(CaseKind::Sanggah, [0, 1, 2, 3, 30, 31, 32, 255]);
        assert_eq!(code.as_str().len(), 13);
        assert!(code.as_str().starts_with("SGH-"));
        assert_eq!(code.kind(), CaseKind::Sanggah);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(CaseCode::parse(&typed), Some(code.clone()));
        assert_eq!(
            CaseCode::parse("SGH-0000-0000"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(CaseCode::parse("ABC-2345-6789"), None);
        assert_eq!(CaseCode::parse("SGH-2345"), None);
        let usul = CaseCode::from_random(CaseKind::Usul, [9; 8]);
        assert_eq!(usul.kind(), CaseKind::Usul);
    }

    #[test]
    fn reasons_round_trip_their_form_values() {
        for reason in ObjectionReason::ALL {
            assert_eq!(ObjectionReason::from_code(reason.code()), Some(reason));
        }
        assert_eq!(ObjectionReason::from_code("x"), None);
    }

    #[test]
    fn phones_are_read_as_typed() {
        assert_eq!(
            normalise_phone("0812-3456-7890").as_deref(),
            Some("081234567890")
        );
        assert_eq!(
            normalise_phone("+62 812 3456 7890").as_deref(),
            Some("081234567890")
        );
        assert_eq!(normalise_phone("12345"), None);
        assert_eq!(normalise_phone("halo"), None);
    }

    #[test]
    fn forms_name_each_bad_field() {
        let bad = Sanggah {
            named: "7".into(),
            dusun: " ".into(),
            reason: ObjectionReason::Other,
            detail: "mobil".into(),
        };
        let fields: Vec<_> = check_sanggah(&bad).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["nama", "dusun", "keterangan"]);
        let good = Usul {
            head_name: "Siti Aminah".into(),
            nik: None,
            address: Address {
                street: "Jl. Raya Blega".into(),
                dusun: "Lombang".into(),
                rw: String::new(),
                rt: String::new(),
            },
            reason: "Janda, tinggal sendiri, rumah bambu.".into(),
            own_family: false,
            photo: None,
        };
        assert!(check_usul(&good).is_empty());
    }

    #[test]
    fn names_match_loosely_for_flags_and_strictly_for_answers() {
        assert!(likely_same_name("Moh. Hasan", "MOH HASAN"));
        assert!(likely_same_name("Mohammad Hasan", "Mohamad Hasan"));
        assert!(!likely_same_name("Siti Aminah", "Moh Hasan"));
        assert!(exact_name("  moh  hasan ", "Moh. Hasan"));
        assert!(!exact_name("Mohamad Hasan", "Mohammad Hasan"));
        assert!(!exact_name("", ""));
    }

    #[test]
    fn a_case_is_visited_then_decided_once() {
        let today = jiff::civil::date(2026, 11, 20);
        let mut case = sanggah_case();
        assert_eq!(case.state(), CaseState::New);
        assert!(
            case.decide(decision(Outcome::NotConfirmed)).is_err(),
            "not before a visit"
        );
        assert!(
            case.record_visit(
                visit(today.tomorrow().unwrap(), "Rumah dilihat langsung."),
                today
            )
            .is_err()
        );
        assert!(case.record_visit(visit(today, "pendek"), today).is_err());
        case.record_visit(visit(today, "Ada mobil di garasi rumah."), today)
            .unwrap();
        assert_eq!(case.state(), CaseState::Visited);
        let refused = case.decide(decision(Outcome::Confirmed)).unwrap_err();
        assert!(refused.0.contains("Pilih keluarga"), "{refused}");
        case.link_family(Some(FamilyId(Uuid::from_u128(7))))
            .unwrap();
        case.decide(decision(Outcome::Confirmed)).unwrap();
        assert_eq!(case.state(), CaseState::Decided);
        assert!(case.decide(decision(Outcome::NotConfirmed)).is_err());
        assert!(
            case.record_visit(visit(today, "Kunjungan kedua ke rumah."), today)
                .is_err()
        );
        assert!(case.link_family(None).is_err());
    }

    #[test]
    fn label_days_are_checked() {
        let today = jiff::civil::date(2026, 11, 20);
        assert!(check_label_day(today, today).is_ok());
        assert!(check_label_day(today.tomorrow().unwrap(), today).is_err());
        assert!(check_label_day(jiff::civil::date(2019, 12, 31), today).is_err());
    }
}
