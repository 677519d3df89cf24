//! Dukcapil code lists used on a member's record (status kawin, pendidikan, pekerjaan,
//! asuransi), the nine functional-difficulty items and chronic illnesses, with the official codes
//! so imports and exports map one to one. Enums are wire-stable: variants only appended.

use serde::{Deserialize, Serialize};

/// Marital status (Dukcapil `status_kawin` 1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum MaritalStatus {
    /// 1 Belum kawin.
    BelumKawin,
    /// 2 Kawin.
    Kawin,
    /// 3 Cerai hidup.
    CeraiHidup,
    /// 4 Cerai mati.
    CeraiMati,
}

impl MaritalStatus {
    /// Every status, in code order.
    pub const ALL: [MaritalStatus; 4] = [
        Self::BelumKawin,
        Self::Kawin,
        Self::CeraiHidup,
        Self::CeraiMati,
    ];

    /// The Dukcapil code.
    pub fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::BelumKawin => "Belum kawin",
            Self::Kawin => "Kawin",
            Self::CeraiHidup => "Cerai hidup",
            Self::CeraiMati => "Cerai mati",
        }
    }
}

/// Last schooling completed, as on the KK (Dukcapil `pendidikan_kk_id` 1–10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Schooling {
    /// 1 Tidak/belum sekolah.
    TidakSekolah,
    /// 2 Belum tamat SD.
    BelumTamatSd,
    /// 3 Tamat SD.
    Sd,
    /// 4 SLTP.
    Sltp,
    /// 5 SLTA.
    Slta,
    /// 6 Diploma I/II.
    Diploma12,
    /// 7 Akademi/Diploma III.
    Diploma3,
    /// 8 Diploma IV/Strata I.
    Strata1,
    /// 9 Strata II.
    Strata2,
    /// 10 Strata III.
    Strata3,
}

impl Schooling {
    /// Every level, in code order.
    pub const ALL: [Schooling; 10] = [
        Self::TidakSekolah,
        Self::BelumTamatSd,
        Self::Sd,
        Self::Sltp,
        Self::Slta,
        Self::Diploma12,
        Self::Diploma3,
        Self::Strata1,
        Self::Strata2,
        Self::Strata3,
    ];

    /// The Dukcapil code.
    pub fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::TidakSekolah => "Tidak/belum sekolah",
            Self::BelumTamatSd => "Belum tamat SD/sederajat",
            Self::Sd => "Tamat SD/sederajat",
            Self::Sltp => "SLTP/sederajat",
            Self::Slta => "SLTA/sederajat",
            Self::Diploma12 => "Diploma I/II",
            Self::Diploma3 => "Akademi/Diploma III",
            Self::Strata1 => "Diploma IV/Strata I",
            Self::Strata2 => "Strata II",
            Self::Strata3 => "Strata III",
        }
    }
}

/// Work, by Dukcapil `pekerjaan_id` (1–89); the list is long and official, so it is a code with
/// a label table rather than an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WorkCode(u8);

const WORK_LABELS: [&str; 89] = [
    "BELUM/TIDAK BEKERJA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "PENSIUNAN",
    "PEGAWAI NEGERI SIPIL (PNS)",
    "TENTARA NASIONAL INDONESIA (TNI)",
    "KEPOLISIAN RI (POLRI)",
    "PERDAGANGAN",
    "PETANI/PEKEBUN",
    "PETERNAK",
    "NELAYAN/PERIKANAN",
    "INDUSTRI",
    "KONSTRUKSI",
    "TRANSPORTASI",
    "KARYAWAN SWASTA",
    "KARYAWAN BUMN",
    "KARYAWAN BUMD",
    "KARYAWAN HONORER",
    "BURUH HARIAN LEPAS",
    "BURUH TANI/PERKEBUNAN",
    "BURUH NELAYAN/PERIKANAN",
    "BURUH PETERNAKAN",
    "PEMBANTU RUMAH TANGGA",
    "TUKANG CUKUR",
    "TUKANG LISTRIK",
    "TUKANG BATU",
    "TUKANG KAYU",
    "TUKANG SOL SEPATU",
    "TUKANG LAS/PANDAI BESI",
    "TUKANG JAHIT",
    "TUKANG GIGI",
    "PENATA RIAS",
    "PENATA BUSANA",
    "PENATA RAMBUT",
    "MEKANIK",
    "SENIMAN",
    "TABIB",
    "PARAJI",
    "PERANCANG BUSANA",
    "PENTERJEMAH",
    "IMAM MASJID",
    "PENDETA",
    "PASTOR",
    "WARTAWAN",
    "USTADZ/MUBALIGH",
    "JURU MASAK",
    "PROMOTOR ACARA",
    "ANGGOTA DPR-RI",
    "ANGGOTA DPD",
    "ANGGOTA BPK",
    "PRESIDEN",
    "WAKIL PRESIDEN",
    "ANGGOTA MAHKAMAH KONSTITUSI",
    "ANGGOTA KABINET KEMENTERIAN",
    "DUTA BESAR",
    "GUBERNUR",
    "WAKIL GUBERNUR",
    "BUPATI",
    "WAKIL BUPATI",
    "WALIKOTA",
    "WAKIL WALIKOTA",
    "ANGGOTA DPRD PROVINSI",
    "ANGGOTA DPRD KABUPATEN/KOTA",
    "DOSEN",
    "GURU",
    "PILOT",
    "PENGACARA",
    "NOTARIS",
    "ARSITEK",
    "AKUNTAN",
    "KONSULTAN",
    "DOKTER",
    "BIDAN",
    "PERAWAT",
    "APOTEKER",
    "PSIKIATER/PSIKOLOG",
    "PENYIAR TELEVISI",
    "PENYIAR RADIO",
    "PELAUT",
    "PENELITI",
    "SOPIR",
    "PIALANG",
    "PARANORMAL",
    "PEDAGANG",
    "PERANGKAT DESA",
    "KEPALA DESA",
    "BIARAWATI",
    "WIRASWASTA",
    "LAINNYA",
];

impl WorkCode {
    /// 1 Belum/tidak bekerja.
    pub const NOT_WORKING: WorkCode = WorkCode(1);
    /// 2 Mengurus rumah tangga.
    pub const HOUSEHOLD: WorkCode = WorkCode(2);
    /// 3 Pelajar/mahasiswa.
    pub const STUDENT: WorkCode = WorkCode(3);
    /// 4 Pensiunan.
    pub const RETIRED: WorkCode = WorkCode(4);
    /// 9 Petani/pekebun.
    pub const FARMER: WorkCode = WorkCode(9);
    /// 19 Buruh harian lepas.
    pub const DAY_LABOURER: WorkCode = WorkCode(19);
    /// 20 Buruh tani/perkebunan.
    pub const FARM_LABOURER: WorkCode = WorkCode(20);
    /// 88 Wiraswasta.
    pub const SELF_EMPLOYED: WorkCode = WorkCode(88);

    /// The work with Dukcapil code `code`, if it exists.
    pub fn from_code(code: u8) -> Option<WorkCode> {
        (1..=WORK_LABELS.len() as u8)
            .contains(&code)
            .then_some(WorkCode(code))
    }

    /// The Dukcapil code.
    pub fn code(self) -> u8 {
        self.0
    }

    /// The official label (upper case, as Dukcapil writes it).
    pub fn label(self) -> &'static str {
        WORK_LABELS[self.0 as usize - 1]
    }

    /// Whether this counts as working, for Kepmensos criterion (a) "head of family not working":
    /// not working, household, student and retired do not.
    pub fn is_working(self) -> bool {
        !matches!(self.0, 1..=4)
    }
}

/// Health insurance (Dukcapil `id_asuransi`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum HealthInsurance {
    /// 1 Tidak/belum punya.
    None,
    /// 2 BPJS penerima bantuan iuran (PBI-JK).
    BpjsPbi,
    /// 3 BPJS non-PBI (pays its own contribution).
    BpjsNonPbi,
    /// 4 BPJS bantuan daerah (paid by the kabupaten).
    BpjsDaerah,
    /// 99 Asuransi lainnya.
    Other,
}

impl HealthInsurance {
    /// Every kind, in code order.
    pub const ALL: [HealthInsurance; 5] = [
        Self::None,
        Self::BpjsPbi,
        Self::BpjsNonPbi,
        Self::BpjsDaerah,
        Self::Other,
    ];

    /// The Dukcapil code.
    pub fn code(self) -> u8 {
        match self {
            Self::None => 1,
            Self::BpjsPbi => 2,
            Self::BpjsNonPbi => 3,
            Self::BpjsDaerah => 4,
            Self::Other => 99,
        }
    }

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::None => "Tidak/belum punya",
            Self::BpjsPbi => "BPJS PBI (penerima bantuan iuran)",
            Self::BpjsNonPbi => "BPJS non-PBI",
            Self::BpjsDaerah => "BPJS bantuan daerah",
            Self::Other => "Asuransi lainnya",
        }
    }
}

/// The nine functional-difficulty items asked of every member (Washington Group style, as in
/// Regsosek 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum DifficultyItem {
    /// Melihat.
    Seeing,
    /// Mendengar.
    Hearing,
    /// Berjalan atau naik tangga.
    Walking,
    /// Menggunakan atau menggerakkan tangan/jari.
    HandsAndFingers,
    /// Mengingat atau berkonsentrasi.
    Remembering,
    /// Perilaku atau emosi.
    BehaviourAndEmotion,
    /// Berbicara atau berkomunikasi.
    Communicating,
    /// Mengurus diri sendiri (mandi, berpakaian).
    SelfCare,
    /// Kesulitan lain yang menghambat kegiatan sehari-hari.
    Other,
}

impl DifficultyItem {
    /// The nine items, in the order the form asks them.
    pub const ALL: [DifficultyItem; 9] = [
        Self::Seeing,
        Self::Hearing,
        Self::Walking,
        Self::HandsAndFingers,
        Self::Remembering,
        Self::BehaviourAndEmotion,
        Self::Communicating,
        Self::SelfCare,
        Self::Other,
    ];

    /// The Indonesian question label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Seeing => "Kesulitan melihat",
            Self::Hearing => "Kesulitan mendengar",
            Self::Walking => "Kesulitan berjalan/naik tangga",
            Self::HandsAndFingers => "Kesulitan menggunakan tangan/jari",
            Self::Remembering => "Kesulitan mengingat/berkonsentrasi",
            Self::BehaviourAndEmotion => "Gangguan perilaku/emosi",
            Self::Communicating => "Kesulitan berbicara/berkomunikasi",
            Self::SelfCare => "Kesulitan mengurus diri sendiri",
            Self::Other => "Kesulitan lainnya",
        }
    }
}

/// How much difficulty, per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum DifficultyLevel {
    /// Tidak ada kesulitan.
    #[default]
    None,
    /// Sedikit kesulitan.
    Some,
    /// Banyak kesulitan / tidak bisa sama sekali.
    Severe,
}

/// The answers to the nine items, in [`DifficultyItem::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FunctionalDifficulties(pub [DifficultyLevel; 9]);

impl FunctionalDifficulties {
    /// The level for one item.
    pub fn level(&self, item: DifficultyItem) -> DifficultyLevel {
        self.0[item as usize]
    }

    /// Whether any item is severe: the member counts as a person with a disability.
    pub fn has_disability(&self) -> bool {
        self.0.contains(&DifficultyLevel::Severe)
    }
}

/// A chronic illness (Regsosek 2022 list, shortened), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ChronicIllness {
    /// Tidak ada.
    None,
    /// Hipertensi.
    Hypertension,
    /// Rematik.
    Rheumatism,
    /// Asma.
    Asthma,
    /// Penyakit jantung.
    HeartDisease,
    /// Diabetes.
    Diabetes,
    /// TBC.
    Tuberculosis,
    /// Stroke.
    Stroke,
    /// Kanker.
    Cancer,
    /// Gagal ginjal.
    KidneyFailure,
    /// HIV/AIDS.
    HivAids,
    /// Lainnya.
    Other,
}

impl ChronicIllness {
    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::None => "Tidak ada",
            Self::Hypertension => "Hipertensi",
            Self::Rheumatism => "Rematik",
            Self::Asthma => "Asma",
            Self::HeartDisease => "Penyakit jantung",
            Self::Diabetes => "Diabetes",
            Self::Tuberculosis => "TBC",
            Self::Stroke => "Stroke",
            Self::Cancer => "Kanker",
            Self::KidneyFailure => "Gagal ginjal",
            Self::HivAids => "HIV/AIDS",
            Self::Other => "Lainnya",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_dukcapil() {
        assert_eq!(MaritalStatus::CeraiMati.code(), 4);
        assert_eq!(Schooling::Strata3.code(), 10);
        assert_eq!(HealthInsurance::Other.code(), 99);
        assert_eq!(
            WorkCode::from_code(19).unwrap().label(),
            "BURUH HARIAN LEPAS"
        );
        assert_eq!(WorkCode::from_code(89).unwrap().label(), "LAINNYA");
        assert_eq!(WorkCode::from_code(0), None);
        assert_eq!(WorkCode::from_code(90), None);
        assert_eq!(WorkCode::FARM_LABOURER.label(), "BURUH TANI/PERKEBUNAN");
    }

    #[test]
    fn working_and_disability_rules() {
        assert!(!WorkCode::NOT_WORKING.is_working());
        assert!(!WorkCode::RETIRED.is_working());
        assert!(WorkCode::DAY_LABOURER.is_working());
        let mut answers = FunctionalDifficulties::default();
        assert!(!answers.has_disability());
        answers.0[DifficultyItem::Walking as usize] = DifficultyLevel::Severe;
        assert!(answers.has_disability());
        assert_eq!(
            answers.level(DifficultyItem::Walking),
            DifficultyLevel::Severe
        );
    }
}
