//! The poverty instrument of one family: the Kepmensos 262/HUK/2022 questions and the
//! Regsosek 2022-style housing, utility and asset questions. Every answer is optional (a form is
//! filled over several visits); criteria that follow from other answers are derived, never asked
//! twice: Kepmensos (e)–(h) from the house, (c) from the spending, (a) from the head's work.
//! Lighting folds the Regsosek's source (307a) and installed power (307b) into one answer.
//! Enums are wire-stable: variants only appended, never reordered or removed (postcard encodes a
//! variant by its position); `ALL` lists them in that order.

use serde::{Deserialize, Serialize};

macro_rules! answer_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every answer, in the order the form lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The answer's stable code (the variant name), used by scoring rules.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),+ }
            }

            /// The answer's Indonesian label.
            pub fn label_id(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

answer_enum!(
    /// Main floor material.
    Floor {
        /// Marmer/granit.
        Marble => "Marmer/granit",
        /// Keramik.
        Ceramic => "Keramik",
        /// Parket/vinil/karpet.
        Parquet => "Parket/vinil/karpet",
        /// Ubin/tegel/teraso.
        Tiles => "Ubin/tegel/teraso",
        /// Kayu/papan.
        Wood => "Kayu/papan",
        /// Semen/plesteran.
        CementPlaster => "Semen/plesteran",
        /// Bambu.
        Bamboo => "Bambu",
        /// Tanah.
        Earth => "Tanah",
        /// Lainnya.
        Other => "Lainnya",
    }
);

answer_enum!(
    /// Main wall material.
    Wall {
        /// Tembok diplester.
        PlasteredMasonry => "Tembok (diplester)",
        /// Tembok tanpa plester (bata merah).
        UnplasteredBrick => "Tembok tanpa plester",
        /// Plesteran anyaman bambu/kawat.
        PlasteredBambooWire => "Plesteran anyaman bambu/kawat",
        /// Kayu/papan.
        Board => "Kayu/papan",
        /// Anyaman bambu.
        Bamboo => "Anyaman bambu",
        /// Terpal.
        Tarpaulin => "Terpal",
        /// Kardus.
        Cardboard => "Kardus",
        /// Rumbia/ijuk.
        Thatch => "Rumbia/ijuk",
        /// Seng.
        Zinc => "Seng",
        /// Lainnya.
        Other => "Lainnya",
    }
);

answer_enum!(
    /// Main roof material.
    Roof {
        /// Beton.
        Concrete => "Beton",
        /// Genteng.
        ClayTile => "Genteng",
        /// Asbes.
        Asbestos => "Asbes",
        /// Seng.
        Zinc => "Seng",
        /// Sirap/kayu.
        Wood => "Sirap/kayu",
        /// Bambu.
        Bamboo => "Bambu",
        /// Jerami/ijuk/daun/rumbia.
        Thatch => "Jerami/ijuk/daun/rumbia",
        /// Lainnya.
        Other => "Lainnya",
    }
);

answer_enum!(
    /// Main source of drinking water.
    Water {
        /// Air kemasan/isi ulang.
        Bottled => "Air kemasan/isi ulang",
        /// Leding (PDAM).
        Piped => "Leding",
        /// Sumur bor/pompa.
        Borehole => "Sumur bor/pompa",
        /// Sumur terlindung.
        ProtectedWell => "Sumur terlindung",
        /// Sumur tak terlindung.
        UnprotectedWell => "Sumur tak terlindung",
        /// Mata air terlindung.
        ProtectedSpring => "Mata air terlindung",
        /// Mata air tak terlindung.
        UnprotectedSpring => "Mata air tak terlindung",
        /// Sungai/danau/waduk.
        Surface => "Air permukaan (sungai/danau)",
        /// Air hujan.
        Rain => "Air hujan",
        /// Lainnya.
        Other => "Lainnya",
    }
);

answer_enum!(
    /// Main source of lighting, with the PLN connection's power.
    Lighting {
        /// PLN 450 VA.
        Pln450 => "Listrik PLN 450 VA",
        /// PLN 900 VA.
        Pln900 => "Listrik PLN 900 VA",
        /// PLN 1.300 VA.
        Pln1300 => "Listrik PLN 1.300 VA",
        /// PLN 2.200 VA.
        Pln2200 => "Listrik PLN 2.200 VA",
        /// PLN above 2.200 VA.
        PlnAbove2200 => "Listrik PLN > 2.200 VA",
        /// PLN without a meter (tapping a neighbour).
        PlnNoMeter => "Listrik PLN tanpa meteran",
        /// Non-PLN electricity (generator, solar).
        NonPln => "Listrik non-PLN",
        /// No electricity.
        NotElectric => "Bukan listrik",
    }
);

answer_enum!(
    /// Main cooking fuel.
    CookingFuel {
        /// Listrik.
        Electricity => "Listrik",
        /// Elpiji 5,5 kg atau lebih / gas kota.
        LpgLarge => "Elpiji ≥ 5,5 kg / gas kota",
        /// Elpiji 3 kg.
        Lpg3kg => "Elpiji 3 kg",
        /// Minyak tanah.
        Kerosene => "Minyak tanah",
        /// Arang/briket.
        Charcoal => "Arang/briket",
        /// Kayu bakar.
        Firewood => "Kayu bakar",
        /// Tidak memasak di rumah.
        NoCooking => "Tidak memasak di rumah",
    }
);

answer_enum!(
    /// Access to a toilet.
    ToiletAccess {
        /// Milik sendiri.
        Own => "Milik sendiri",
        /// Bersama rumah tangga tertentu.
        Shared => "Bersama rumah tangga lain",
        /// MCK umum/komunal.
        Communal => "MCK umum",
        /// Tidak ada.
        None => "Tidak ada",
    }
);

answer_enum!(
    /// Assets the Regsosek asks about; owned ones are listed.
    Asset {
        /// Tabung gas 5,5 kg atau lebih.
        GasCylinderLarge => "Tabung gas ≥ 5,5 kg",
        /// Lemari es.
        Fridge => "Lemari es",
        /// AC.
        AirConditioner => "AC",
        /// Pemanas air.
        WaterHeater => "Pemanas air",
        /// Telepon rumah.
        Landline => "Telepon rumah",
        /// Televisi ≥ 30 inci.
        LargeTv => "Televisi ≥ 30 inci",
        /// Emas/perhiasan ≥ 10 gram.
        Gold => "Emas/perhiasan ≥ 10 gram",
        /// Komputer/laptop.
        Computer => "Komputer/laptop",
        /// Sepeda.
        Bicycle => "Sepeda",
        /// Sepeda motor.
        Motorcycle => "Sepeda motor",
        /// Mobil.
        Car => "Mobil",
        /// Perahu.
        Boat => "Perahu",
        /// Perahu motor.
        Motorboat => "Perahu motor",
        /// Telepon seluler (smartphone).
        Smartphone => "Smartphone",
        /// Rumah di tempat lain.
        OtherHouse => "Rumah di tempat lain",
        /// Rekening bank.
        BankAccount => "Rekening bank",
        /// Sapi/kerbau/kuda.
        LargeLivestock => "Sapi/kerbau/kuda",
        /// Kambing/domba/babi.
        SmallLivestock => "Kambing/domba/babi",
    }
);

answer_enum!(
    /// Programmes the family already receives.
    Programme {
        /// PKH.
        Pkh => "PKH",
        /// BPNT/sembako.
        Bpnt => "BPNT/sembako",
        /// PBI-JK.
        PbiJk => "PBI-JK",
        /// BLT.
        Blt => "BLT",
        /// PIP/KIP.
        Pip => "PIP/KIP",
    }
);

/// Monthly household spending, in rupiah.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Spending {
    /// Everything, per month.
    pub total: u64,
    /// Food, per month.
    pub food: u64,
}

/// The answers of one family. `None` is "not asked yet".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Instrument {
    /// No place to shelter at all (Kepmensos: poor directly).
    pub no_shelter: Option<bool>,
    /// (b) Worried about food, or went without food, in the past year.
    pub food_insecure: Option<bool>,
    /// (d) No spending on clothes in the past year.
    pub no_clothes_spending: Option<bool>,
    /// Floor.
    pub floor: Option<Floor>,
    /// Walls.
    pub wall: Option<Wall>,
    /// Roof.
    pub roof: Option<Roof>,
    /// Drinking water.
    pub water: Option<Water>,
    /// Lighting.
    pub lighting: Option<Lighting>,
    /// Cooking fuel.
    pub cooking_fuel: Option<CookingFuel>,
    /// Toilet.
    pub toilet: Option<ToiletAccess>,
    /// Owned assets; `None` until the asset block is asked.
    pub assets: Option<Vec<Asset>>,
    /// Land owned, in m².
    pub land_m2: Option<u32>,
    /// Programmes received; `None` until asked.
    pub programmes: Option<Vec<Programme>>,
    /// Monthly spending.
    pub spending: Option<Spending>,
}

/// A question of the form, for "what still needs filling".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Question {
    /// No shelter.
    NoShelter,
    /// Food insecurity.
    FoodInsecure,
    /// Clothes.
    NoClothesSpending,
    /// Floor.
    Floor,
    /// Walls.
    Wall,
    /// Roof.
    Roof,
    /// Water.
    Water,
    /// Lighting.
    Lighting,
    /// Cooking fuel.
    CookingFuel,
    /// Toilet.
    Toilet,
    /// Assets.
    Assets,
    /// Land.
    Land,
    /// Programmes.
    Programmes,
    /// Spending.
    Spending,
}

impl Question {
    /// Every question.
    pub const ALL: [Question; 14] = [
        Self::NoShelter,
        Self::FoodInsecure,
        Self::NoClothesSpending,
        Self::Floor,
        Self::Wall,
        Self::Roof,
        Self::Water,
        Self::Lighting,
        Self::CookingFuel,
        Self::Toilet,
        Self::Assets,
        Self::Land,
        Self::Programmes,
        Self::Spending,
    ];

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::NoShelter => "Tidak punya tempat berteduh",
            Self::FoodInsecure => "Khawatir/tidak makan dalam setahun terakhir",
            Self::NoClothesSpending => "Tidak membeli pakaian dalam setahun terakhir",
            Self::Floor => "Jenis lantai terluas",
            Self::Wall => "Jenis dinding terluas",
            Self::Roof => "Jenis atap terluas",
            Self::Water => "Sumber air minum",
            Self::Lighting => "Sumber penerangan",
            Self::CookingFuel => "Bahan bakar memasak",
            Self::Toilet => "Fasilitas buang air besar",
            Self::Assets => "Kepemilikan aset",
            Self::Land => "Luas lahan dimiliki",
            Self::Programmes => "Program bantuan yang diterima",
            Self::Spending => "Pengeluaran per bulan",
        }
    }
}

impl Instrument {
    /// Whether a question has its answer.
    pub fn is_answered(&self, question: Question) -> bool {
        match question {
            Question::NoShelter => self.no_shelter.is_some(),
            Question::FoodInsecure => self.food_insecure.is_some(),
            Question::NoClothesSpending => self.no_clothes_spending.is_some(),
            Question::Floor => self.floor.is_some(),
            Question::Wall => self.wall.is_some(),
            Question::Roof => self.roof.is_some(),
            Question::Water => self.water.is_some(),
            Question::Lighting => self.lighting.is_some(),
            Question::CookingFuel => self.cooking_fuel.is_some(),
            Question::Toilet => self.toilet.is_some(),
            Question::Assets => self.assets.is_some(),
            Question::Land => self.land_m2.is_some(),
            Question::Programmes => self.programmes.is_some(),
            Question::Spending => self.spending.is_some(),
        }
    }

    /// The questions not answered yet.
    pub fn unanswered(&self) -> Vec<Question> {
        Question::ALL
            .into_iter()
            .filter(|q| !self.is_answered(*q))
            .collect()
    }

    /// (answered, total).
    pub fn completeness(&self) -> (usize, usize) {
        (
            Question::ALL.len() - self.unanswered().len(),
            Question::ALL.len(),
        )
    }

    /// Monthly spending per person, when spending and household size are known.
    pub fn per_capita_spending(&self, household_size: usize) -> Option<u64> {
        let size = u64::try_from(household_size).ok().filter(|n| *n > 0)?;
        self.spending.map(|s| s.total / size)
    }
}

/// One criterion's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Criterion {
    /// The family meets it.
    Met,
    /// It does not.
    NotMet,
    /// Not known yet.
    Unknown,
}

impl Criterion {
    /// The Indonesian label, as the form shows it beside the criterion.
    pub fn label_id(self) -> &'static str {
        match self {
            Criterion::Met => "Ya",
            Criterion::NotMet => "Tidak",
            Criterion::Unknown => "Belum diketahui",
        }
    }
}

impl From<Option<bool>> for Criterion {
    fn from(answer: Option<bool>) -> Criterion {
        match answer {
            Some(true) => Criterion::Met,
            Some(false) => Criterion::NotMet,
            None => Criterion::Unknown,
        }
    }
}

/// The letters and labels of the eight Kepmensos 262/HUK/2022 criteria.
pub const KEPMENSOS_CRITERIA: [(char, &str); 8] = [
    ('a', "Kepala keluarga tidak bekerja"),
    ('b', "Khawatir atau tidak makan dalam setahun terakhir"),
    ('c', "Pengeluaran makanan lebih dari separuh pengeluaran"),
    ('d', "Tidak ada pengeluaran pakaian dalam setahun terakhir"),
    ('e', "Lantai sebagian besar tanah atau plesteran"),
    (
        'f',
        "Dinding bambu/kawat/papan/terpal/kardus/tembok tanpa plester/rumbia/seng",
    ),
    ('g', "Tidak punya jamban sendiri atau jamban bersama"),
    ('h', "Penerangan listrik 450 VA atau bukan listrik"),
];

/// The verdict of the Kepmensos criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Verdict {
    /// No place to shelter: poor directly.
    PoorNoShelter,
    /// At least the threshold of criteria met.
    Poor,
    /// The family has a shelter and fewer than the threshold of criteria are met, and the
    /// unknown criteria cannot change that.
    NotPoor,
    /// Not enough answers to decide.
    Undecided,
}

impl Verdict {
    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Verdict::PoorNoShelter => "Fakir miskin (tidak punya tempat berteduh)",
            Verdict::Poor => "Fakir miskin",
            Verdict::NotPoor => "Tidak memenuhi kriteria fakir miskin",
            Verdict::Undecided => "Belum dapat ditentukan",
        }
    }

    /// Whether the family is fakir miskin: `None` while undecided.
    pub fn is_poor(self) -> Option<bool> {
        match self {
            Verdict::PoorNoShelter | Verdict::Poor => Some(true),
            Verdict::NotPoor => Some(false),
            Verdict::Undecided => None,
        }
    }
}

/// One Kepmensos criterion as the operator reads it: letter, label and the family's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CriterionResult {
    /// The criterion's letter, `a` to `h`.
    pub letter: char,
    /// The criterion, in Indonesian.
    pub label: String,
    /// Met, not met or unknown for this family.
    pub answer: Criterion,
}

/// The Kepmensos assessment of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Kepmensos {
    /// The eight criteria, in letter order.
    pub criteria: [Criterion; 8],
    /// How many are met.
    pub met: u8,
    /// The verdict at the threshold used.
    pub verdict: Verdict,
}

impl Kepmensos {
    /// The eight criteria with their letters and Indonesian labels, in letter order.
    pub fn criterion_results(&self) -> [CriterionResult; 8] {
        std::array::from_fn(|i| CriterionResult {
            letter: KEPMENSOS_CRITERIA[i].0,
            label: KEPMENSOS_CRITERIA[i].1.into(),
            answer: self.criteria[i],
        })
    }

    /// How many criteria are still unknown.
    pub fn unknown(&self) -> u8 {
        count(&self.criteria, Criterion::Unknown)
    }
}

fn count(criteria: &[Criterion; 8], which: Criterion) -> u8 {
    // At most 8: the cast cannot truncate.
    criteria.iter().filter(|c| **c == which).count() as u8
}

/// Assesses the Kepmensos criteria; `head_working` comes from the head's work, `threshold` is
/// the policy's number of criteria that makes a family fakir miskin (Tepat's default of 5 in
/// [`crate::scoring::ScoringScheme::default_v1`] is a placeholder the Dinas sets).
///
/// Derived, not asked: (a) from `head_working`; (c) from the spending when both totals are given
/// (food more than half of everything); (e) earth or cement/brick floor; (f) any wall except
/// plastered masonry and "other"; (g) any toilet access except one of the family's own; (h) PLN
/// 450 VA, non-PLN electricity or none (a PLN line without a meter has no known VA and does not
/// meet it). "Not poor" needs the no-shelter question answered: until then the family could still
/// be poor directly.
pub fn kepmensos(instrument: &Instrument, head_working: Option<bool>, threshold: u8) -> Kepmensos {
    let criteria = [
        head_working.map(|w| !w).into(),
        instrument.food_insecure.into(),
        instrument
            .spending
            .map(|s| s.food.saturating_mul(2) > s.total)
            .into(),
        instrument.no_clothes_spending.into(),
        instrument
            .floor
            .map(|f| matches!(f, Floor::Earth | Floor::CementPlaster))
            .into(),
        instrument
            .wall
            .map(|w| {
                matches!(
                    w,
                    Wall::Bamboo
                        | Wall::PlasteredBambooWire
                        | Wall::Board
                        | Wall::Tarpaulin
                        | Wall::Cardboard
                        | Wall::UnplasteredBrick
                        | Wall::Thatch
                        | Wall::Zinc
                )
            })
            .into(),
        instrument.toilet.map(|t| t != ToiletAccess::Own).into(),
        instrument
            .lighting
            .map(|l| {
                matches!(
                    l,
                    Lighting::Pln450 | Lighting::NonPln | Lighting::NotElectric
                )
            })
            .into(),
    ];
    let met = count(&criteria, Criterion::Met);
    let unknown = count(&criteria, Criterion::Unknown);
    let verdict = match instrument.no_shelter {
        Some(true) => Verdict::PoorNoShelter,
        _ if met >= threshold => Verdict::Poor,
        Some(false) if met + unknown < threshold => Verdict::NotPoor,
        Some(false) | None => Verdict::Undecided,
    };
    Kepmensos {
        criteria,
        met,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poor_house() -> Instrument {
        Instrument {
            no_shelter: Some(false),
            food_insecure: Some(true),
            no_clothes_spending: Some(false),
            floor: Some(Floor::Earth),
            wall: Some(Wall::Bamboo),
            roof: Some(Roof::Thatch),
            water: Some(Water::UnprotectedWell),
            lighting: Some(Lighting::Pln450),
            cooking_fuel: Some(CookingFuel::Firewood),
            toilet: Some(ToiletAccess::None),
            assets: Some(vec![]),
            land_m2: Some(0),
            programmes: Some(vec![]),
            spending: Some(Spending {
                total: 1_200_000,
                food: 800_000,
            }),
        }
    }

    #[test]
    fn criteria_are_derived_from_the_answers() {
        let result = kepmensos(&poor_house(), Some(false), 5);
        use Criterion::*;
        assert_eq!(result.criteria, [Met, Met, Met, NotMet, Met, Met, Met, Met]);
        assert_eq!((result.met, result.verdict), (7, Verdict::Poor));
    }

    #[test]
    fn verdicts_wait_for_answers_and_no_shelter_decides_alone() {
        let empty = Instrument::default();
        assert_eq!(kepmensos(&empty, None, 5).verdict, Verdict::Undecided);
        let shelterless = Instrument {
            no_shelter: Some(true),
            ..Instrument::default()
        };
        assert_eq!(
            kepmensos(&shelterless, None, 5).verdict,
            Verdict::PoorNoShelter
        );
        let mut comfortable = poor_house();
        comfortable.food_insecure = Some(false);
        comfortable.floor = Some(Floor::Ceramic);
        comfortable.wall = Some(Wall::PlasteredMasonry);
        comfortable.toilet = Some(ToiletAccess::Own);
        comfortable.lighting = Some(Lighting::Pln1300);
        comfortable.spending = Some(Spending {
            total: 4_000_000,
            food: 1_500_000,
        });
        let result = kepmensos(&comfortable, Some(true), 5);
        assert_eq!((result.met, result.verdict), (0, Verdict::NotPoor));
    }

    /// One criterion of `instrument`, by its letter (the head's work unknown).
    fn criterion(letter: char, instrument: &Instrument) -> Criterion {
        let index = KEPMENSOS_CRITERIA
            .iter()
            .position(|(l, _)| *l == letter)
            .unwrap();
        kepmensos(instrument, None, 5).criteria[index]
    }

    #[test]
    fn housing_answers_decide_criteria_e_to_h() {
        use Criterion::*;
        let cases: Vec<(char, Instrument, Criterion)> = vec![
            ('e', Instrument::default(), Unknown),
            ('e', with(|i| i.floor = Some(Floor::Earth)), Met),
            ('e', with(|i| i.floor = Some(Floor::CementPlaster)), Met),
            ('e', with(|i| i.floor = Some(Floor::Bamboo)), NotMet),
            ('e', with(|i| i.floor = Some(Floor::Ceramic)), NotMet),
            ('f', with(|i| i.wall = Some(Wall::UnplasteredBrick)), Met),
            ('f', with(|i| i.wall = Some(Wall::PlasteredBambooWire)), Met),
            ('f', with(|i| i.wall = Some(Wall::Zinc)), Met),
            ('f', with(|i| i.wall = Some(Wall::Cardboard)), Met),
            ('f', with(|i| i.wall = Some(Wall::PlasteredMasonry)), NotMet),
            ('f', with(|i| i.wall = Some(Wall::Other)), NotMet),
            ('g', with(|i| i.toilet = Some(ToiletAccess::Own)), NotMet),
            ('g', with(|i| i.toilet = Some(ToiletAccess::Shared)), Met),
            ('g', with(|i| i.toilet = Some(ToiletAccess::Communal)), Met),
            ('g', with(|i| i.toilet = Some(ToiletAccess::None)), Met),
            ('h', with(|i| i.lighting = Some(Lighting::Pln450)), Met),
            ('h', with(|i| i.lighting = Some(Lighting::NonPln)), Met),
            ('h', with(|i| i.lighting = Some(Lighting::NotElectric)), Met),
            ('h', with(|i| i.lighting = Some(Lighting::Pln900)), NotMet),
            (
                'h',
                with(|i| i.lighting = Some(Lighting::PlnNoMeter)),
                NotMet,
            ),
            (
                'c',
                with(|i| i.spending = spending(1_000_000, 500_001)),
                Met,
            ),
            (
                'c',
                with(|i| i.spending = spending(1_000_000, 500_000)),
                NotMet,
            ),
            ('c', with(|i| i.spending = spending(0, 0)), NotMet),
            ('b', with(|i| i.food_insecure = Some(true)), Met),
            ('d', with(|i| i.no_clothes_spending = Some(false)), NotMet),
        ];
        for (letter, instrument, expected) in cases {
            assert_eq!(
                criterion(letter, &instrument),
                expected,
                "({letter}) for {instrument:?}"
            );
        }
        let head = |working| kepmensos(&Instrument::default(), working, 5).criteria[0];
        assert_eq!(
            [head(Some(false)), head(Some(true)), head(None)],
            [Met, NotMet, Unknown]
        );
    }

    fn with(answer: impl FnOnce(&mut Instrument)) -> Instrument {
        let mut instrument = Instrument::default();
        answer(&mut instrument);
        instrument
    }

    fn spending(total: u64, food: u64) -> Option<Spending> {
        Some(Spending { total, food })
    }

    #[test]
    fn the_threshold_is_policy() {
        let house = poor_house();
        let verdicts: Vec<Verdict> = (1..=8)
            .map(|threshold| kepmensos(&house, Some(false), threshold).verdict)
            .collect();
        // Seven criteria met: poor at any threshold up to 7, not poor at 8.
        assert_eq!(verdicts[..7], [Verdict::Poor; 7]);
        assert_eq!(verdicts[7], Verdict::NotPoor);
    }

    #[test]
    fn not_poor_waits_for_the_shelter_question() {
        let mut house = poor_house();
        house.food_insecure = Some(false);
        house.floor = Some(Floor::Ceramic);
        house.wall = Some(Wall::PlasteredMasonry);
        house.toilet = Some(ToiletAccess::Own);
        house.lighting = Some(Lighting::Pln900);
        assert_eq!(kepmensos(&house, Some(true), 5).verdict, Verdict::NotPoor);
        house.no_shelter = None;
        assert_eq!(kepmensos(&house, Some(true), 5).verdict, Verdict::Undecided);
        assert_eq!(Verdict::Undecided.is_poor(), None);
        assert_eq!(Verdict::PoorNoShelter.is_poor(), Some(true));
    }

    #[test]
    fn criteria_read_with_letters_and_labels() {
        let result = kepmensos(&Instrument::default(), Some(false), 5);
        let lines = result.criterion_results();
        assert_eq!(
            lines.iter().map(|l| l.letter).collect::<String>(),
            "abcdefgh"
        );
        assert_eq!(lines[0].label, "Kepala keluarga tidak bekerja");
        assert_eq!(lines[0].answer.label_id(), "Ya");
        assert_eq!(lines[7].answer.label_id(), "Belum diketahui");
        assert_eq!((result.met, result.unknown()), (1, 7));
    }

    #[test]
    fn answers_keep_their_wire_positions() {
        // Postcard writes a variant's position: new answers go at the end, none ever moves.
        fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> String {
            all.iter().map(|a| code(*a)).collect::<Vec<_>>().join(" ")
        }
        let cases = [
            (
                codes(Floor::ALL, Floor::code),
                "Marble Ceramic Parquet Tiles Wood CementPlaster Bamboo Earth Other",
            ),
            (
                codes(Wall::ALL, Wall::code),
                "PlasteredMasonry UnplasteredBrick PlasteredBambooWire Board Bamboo Tarpaulin \
                 Cardboard Thatch Zinc Other",
            ),
            (
                codes(Roof::ALL, Roof::code),
                "Concrete ClayTile Asbestos Zinc Wood Bamboo Thatch Other",
            ),
            (
                codes(Water::ALL, Water::code),
                "Bottled Piped Borehole ProtectedWell UnprotectedWell ProtectedSpring \
                 UnprotectedSpring Surface Rain Other",
            ),
            (
                codes(Lighting::ALL, Lighting::code),
                "Pln450 Pln900 Pln1300 Pln2200 PlnAbove2200 PlnNoMeter NonPln NotElectric",
            ),
            (
                codes(CookingFuel::ALL, CookingFuel::code),
                "Electricity LpgLarge Lpg3kg Kerosene Charcoal Firewood NoCooking",
            ),
            (
                codes(ToiletAccess::ALL, ToiletAccess::code),
                "Own Shared Communal None",
            ),
            (
                codes(Asset::ALL, Asset::code),
                "GasCylinderLarge Fridge AirConditioner WaterHeater Landline LargeTv Gold \
                 Computer Bicycle Motorcycle Car Boat Motorboat Smartphone OtherHouse \
                 BankAccount LargeLivestock SmallLivestock",
            ),
            (
                codes(Programme::ALL, Programme::code),
                "Pkh Bpnt PbiJk Blt Pip",
            ),
        ];
        for (actual, pinned) in cases {
            assert_eq!(actual, pinned);
        }
    }

    #[test]
    fn completeness_lists_what_is_left() {
        let mut half = Instrument {
            floor: Some(Floor::Earth),
            ..Instrument::default()
        };
        assert_eq!(half.completeness(), (1, 14));
        assert!(half.unanswered().contains(&Question::Spending));
        half.spending = Some(Spending {
            total: 900_000,
            food: 500_000,
        });
        assert_eq!(half.per_capita_spending(3), Some(300_000));
        assert_eq!(half.per_capita_spending(0), None);
        assert_eq!(Floor::Earth.code(), "Earth");
        assert_eq!(Floor::Earth.label_id(), "Tanah");
        assert_eq!(Asset::ALL.len(), 18);
    }
}
