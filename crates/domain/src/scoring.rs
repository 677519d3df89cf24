//! A local poverty score the operator can read line by line (like Sidaksos in Blitar): points
//! per answer, per owned asset, per land and spending band, per Kepmensos criterion met. The
//! weights are data (a [`ScoringScheme`] with a version) that the Dinas edits; every result
//! carries the version it was computed with, so re-scoring under a new scheme leaves the old
//! results comparable. Higher score = poorer. Families are then ranked within the kabupaten and
//! given a local decile (1 = poorest tenth).

use crate::instrument::{Asset, Instrument, Kepmensos, Question, kepmensos};
use crate::text::{format_number_id, format_rupiah};
use serde::{Deserialize, Serialize};

/// What a rule gives points for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleTarget {
    /// An answer to a multiple-choice question, by the answer's code (e.g. floor `Earth`).
    Answer(Question, String),
    /// Owning an asset.
    Owns(Asset),
    /// Land owned below this many m² (the smallest matching band counts).
    LandBelow(u32),
    /// Monthly spending per person below this many rupiah (the smallest matching band counts).
    PerCapitaBelow(u64),
    /// Each Kepmensos criterion met.
    KepmensosCriterionMet,
    /// No place to shelter.
    NoShelter,
}

impl RuleTarget {
    /// The target in Indonesian, as the Dinas reads it in the scheme editor and in messages.
    pub fn label_id(&self) -> String {
        match self {
            RuleTarget::Answer(question, code) => format!(
                "{}: {}",
                question.label_id(),
                answer_label(*question, code).unwrap_or(code)
            ),
            RuleTarget::Owns(asset) => {
                format!("{}: {}", Question::Assets.label_id(), asset.label_id())
            }
            RuleTarget::LandBelow(m2) => format!(
                "{} di bawah {} m²",
                Question::Land.label_id(),
                format_number_id((*m2).into())
            ),
            RuleTarget::PerCapitaBelow(rupiah) => {
                format!("{PER_CAPITA_LABEL} di bawah {}", format_rupiah(*rupiah))
            }
            RuleTarget::KepmensosCriterionMet => format!("Setiap {KEPMENSOS_LABEL}"),
            RuleTarget::NoShelter => Question::NoShelter.label_id().into(),
        }
    }
}

/// The breakdown line of the spending band.
const PER_CAPITA_LABEL: &str = "Pengeluaran per kapita per bulan";
/// The breakdown line of the Kepmensos criteria met.
const KEPMENSOS_LABEL: &str = "Kriteria Kepmensos 262/2022 terpenuhi";

/// The largest number of points one rule may give or take: keeps every total far from overflow
/// and catches a mistyped weight.
pub const MAX_RULE_POINTS: i32 = 1_000;

/// Points for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRule {
    /// What.
    pub target: RuleTarget,
    /// How many points (negative for signs of wealth).
    pub points: i32,
}

/// A scoring scheme: versioned data, set by the Dinas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringScheme {
    /// Version (1, 2, …); results carry it.
    pub version: u32,
    /// A name for people.
    pub name: String,
    /// From when it applies.
    pub effective_from: jiff::civil::Date,
    /// The rules.
    pub rules: Vec<ScoreRule>,
    /// The extreme-poverty line, rupiah per person per month.
    pub extreme_poverty_line: u64,
    /// Kepmensos criteria met that make a family fakir miskin.
    pub kepmensos_threshold: u8,
}

/// Why a scheme cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemeError {
    /// Version 0.
    #[error("versi skema harus 1 atau lebih")]
    Version,
    /// Two rules for one target (the target in Indonesian).
    #[error("aturan ganda untuk \"{0}\"")]
    DuplicateRule(String),
    /// A rule names an answer its question does not have.
    #[error("jawaban \"{1}\" tidak ada pada pertanyaan \"{0}\"")]
    UnknownAnswer(String, String),
    /// The extreme-poverty line is zero.
    #[error("garis kemiskinan ekstrem harus lebih dari Rp 0")]
    ExtremeLine,
    /// The Kepmensos threshold is outside 1–8.
    #[error("ambang kriteria Kepmensos harus 1 sampai 8")]
    Threshold,
    /// The scheme has no name.
    #[error("nama skema harus diisi")]
    NameMissing,
    /// A band's limit is 0, so no family is ever below it (the target in Indonesian).
    #[error("batas pada aturan \"{0}\" harus lebih dari 0")]
    EmptyBand(String),
    /// A rule gives more than [`MAX_RULE_POINTS`] points either way (the target in Indonesian).
    #[error("poin aturan \"{0}\" harus antara -1000 dan 1000, bukan {1}")]
    PointsOutOfRange(String, i32),
}

/// One line of the breakdown: which answer gave which points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// The question, in Indonesian.
    pub question: String,
    /// The answer, in Indonesian.
    pub answer: String,
    /// Points.
    pub points: i32,
}

/// A family's score under one scheme version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreResult {
    /// The scheme version used.
    pub scheme_version: u32,
    /// Sum of the lines.
    pub total: i64,
    /// The breakdown.
    pub lines: Vec<ScoreLine>,
    /// The Kepmensos assessment.
    pub kepmensos: Kepmensos,
    /// Spending per person per month, if known.
    pub per_capita_spending: Option<u64>,
    /// Below the extreme-poverty line (`None` while spending is unknown).
    pub extreme_poor: Option<bool>,
    /// Questions still unanswered (the score may change).
    pub unanswered: Vec<Question>,
}

/// The multiple-choice answers of an instrument: (question, code, label).
fn choices(instrument: &Instrument) -> Vec<(Question, &'static str, &'static str)> {
    let mut out = Vec::new();
    macro_rules! push {
        ($question:expr, $answer:expr) => {
            if let Some(a) = $answer {
                out.push(($question, a.code(), a.label_id()));
            }
        };
    }
    push!(Question::Floor, instrument.floor);
    push!(Question::Wall, instrument.wall);
    push!(Question::Roof, instrument.roof);
    push!(Question::Water, instrument.water);
    push!(Question::Lighting, instrument.lighting);
    push!(Question::CookingFuel, instrument.cooking_fuel);
    push!(Question::Toilet, instrument.toilet);
    out
}

/// The (code, label) of every answer a multiple-choice question has; empty for the others.
fn answers(question: Question) -> Vec<(&'static str, &'static str)> {
    use crate::instrument::*;
    macro_rules! pairs {
        ($answer:ty) => {
            <$answer>::ALL.iter().map(|a| (a.code(), a.label_id())).collect()
        };
    }
    match question {
        Question::Floor => pairs!(Floor),
        Question::Wall => pairs!(Wall),
        Question::Roof => pairs!(Roof),
        Question::Water => pairs!(Water),
        Question::Lighting => pairs!(Lighting),
        Question::CookingFuel => pairs!(CookingFuel),
        Question::Toilet => pairs!(ToiletAccess),
        Question::NoShelter
        | Question::FoodInsecure
        | Question::NoClothesSpending
        | Question::Assets
        | Question::Land
        | Question::Programmes
        | Question::Spending => Vec::new(),
    }
}

/// The Indonesian label of the answer `code` of `question`, if it has one.
fn answer_label(question: Question, code: &str) -> Option<&'static str> {
    answers(question)
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, label)| label)
}

impl ScoringScheme {
    fn points(&self, target: &RuleTarget) -> Option<i32> {
        self.rules
            .iter()
            .find(|r| &r.target == target)
            .map(|r| r.points)
    }

    /// The smallest band above `value` among the rules `band` selects.
    fn band<T: Ord + Copy>(
        &self,
        value: T,
        band: impl Fn(&RuleTarget) -> Option<T>,
    ) -> Option<(T, i32)> {
        self.rules
            .iter()
            .filter_map(|r| band(&r.target).map(|limit| (limit, r.points)))
            .filter(|(limit, _)| value < *limit)
            .min_by_key(|(limit, _)| *limit)
    }

    /// Checks the scheme before it is put in force; every problem is listed, in Indonesian.
    pub fn validate(&self) -> Result<(), Vec<SchemeError>> {
        let mut errors = Vec::new();
        if self.version == 0 {
            errors.push(SchemeError::Version);
        }
        if self.name.trim().is_empty() {
            errors.push(SchemeError::NameMissing);
        }
        if self.extreme_poverty_line == 0 {
            errors.push(SchemeError::ExtremeLine);
        }
        if !(1..=8).contains(&self.kepmensos_threshold) {
            errors.push(SchemeError::Threshold);
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if self.rules[..i].iter().any(|r| r.target == rule.target) {
                errors.push(SchemeError::DuplicateRule(rule.target.label_id()));
            }
            if !(-MAX_RULE_POINTS..=MAX_RULE_POINTS).contains(&rule.points) {
                errors.push(SchemeError::PointsOutOfRange(
                    rule.target.label_id(),
                    rule.points,
                ));
            }
            match &rule.target {
                RuleTarget::Answer(question, code) => {
                    if answer_label(*question, code).is_none() {
                        errors.push(SchemeError::UnknownAnswer(
                            question.label_id().into(),
                            code.clone(),
                        ));
                    }
                }
                RuleTarget::LandBelow(0) | RuleTarget::PerCapitaBelow(0) => {
                    errors.push(SchemeError::EmptyBand(rule.target.label_id()));
                }
                RuleTarget::Owns(_)
                | RuleTarget::LandBelow(_)
                | RuleTarget::PerCapitaBelow(_)
                | RuleTarget::KepmensosCriterionMet
                | RuleTarget::NoShelter => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Scores a family's answers.
    pub fn score(
        &self,
        instrument: &Instrument,
        household_size: usize,
        head_working: Option<bool>,
    ) -> ScoreResult {
        let mut lines = Vec::new();
        if instrument.no_shelter == Some(true)
            && let Some(points) = self.points(&RuleTarget::NoShelter)
        {
            lines.push(ScoreLine {
                question: Question::NoShelter.label_id().into(),
                answer: "Ya".into(),
                points,
            });
        }
        for (question, code, label) in choices(instrument) {
            let points = self
                .points(&RuleTarget::Answer(question, code.into()))
                .unwrap_or(0);
            lines.push(ScoreLine {
                question: question.label_id().into(),
                answer: label.into(),
                points,
            });
        }
        // In the form's order, each asset once: the order or repetition of the list changes
        // nothing.
        let owned = instrument.assets.as_deref().unwrap_or_default();
        for asset in Asset::ALL.iter().filter(|a| owned.contains(a)) {
            if let Some(points) = self.points(&RuleTarget::Owns(*asset)) {
                lines.push(ScoreLine {
                    question: Question::Assets.label_id().into(),
                    answer: asset.label_id().into(),
                    points,
                });
            }
        }
        if let Some(land) = instrument.land_m2
            && let Some((limit, points)) = self.band(land, |t| match t {
                RuleTarget::LandBelow(m2) => Some(*m2),
                _ => None,
            })
        {
            lines.push(ScoreLine {
                question: Question::Land.label_id().into(),
                answer: format!(
                    "{} m² (di bawah {} m²)",
                    format_number_id(land.into()),
                    format_number_id(limit.into())
                ),
                points,
            });
        }
        let per_capita = instrument.per_capita_spending(household_size);
        if let Some(spending) = per_capita
            && let Some((limit, points)) = self.band(spending, |t| match t {
                RuleTarget::PerCapitaBelow(rp) => Some(*rp),
                _ => None,
            })
        {
            lines.push(ScoreLine {
                question: PER_CAPITA_LABEL.into(),
                answer: format!(
                    "{} (di bawah {})",
                    format_rupiah(spending),
                    format_rupiah(limit)
                ),
                points,
            });
        }
        let assessment = kepmensos(instrument, head_working, self.kepmensos_threshold);
        if assessment.met > 0
            && let Some(each) = self.points(&RuleTarget::KepmensosCriterionMet)
        {
            lines.push(ScoreLine {
                question: KEPMENSOS_LABEL.into(),
                answer: format!("{} dari 8", assessment.met),
                points: each.saturating_mul(i32::from(assessment.met)),
            });
        }
        ScoreResult {
            scheme_version: self.version,
            total: lines.iter().map(|l| i64::from(l.points)).sum(),
            lines,
            kepmensos: assessment,
            per_capita_spending: per_capita,
            extreme_poor: per_capita.map(|p| p < self.extreme_poverty_line),
            unanswered: instrument.unanswered(),
        }
    }

    /// Tepat's starting weights (version 1). A starting point for the Dinas to adjust: the
    /// extreme-poverty line is BPS's 2022 line (Rp 10.739 per person per day, about Rp 322.170
    /// a month); the Kepmensos threshold of 5 of 8 criteria is a placeholder until the Dinas sets
    /// its own.
    pub fn default_v1() -> ScoringScheme {
        use crate::instrument::*;
        let mut rules = Vec::new();
        let mut answer = |q: Question, code: &str, points: i32| {
            rules.push(ScoreRule {
                target: RuleTarget::Answer(q, code.into()),
                points,
            })
        };
        for (f, p) in [
            (Floor::Earth, 10),
            (Floor::Bamboo, 8),
            (Floor::CementPlaster, 5),
            (Floor::Wood, 4),
            (Floor::Tiles, 1),
            (Floor::Parquet, -3),
            (Floor::Marble, -5),
        ] {
            answer(Question::Floor, f.code(), p);
        }
        for (w, p) in [
            (Wall::Tarpaulin, 10),
            (Wall::Cardboard, 10),
            (Wall::Thatch, 9),
            (Wall::Bamboo, 8),
            (Wall::Board, 6),
            (Wall::Zinc, 6),
            (Wall::PlasteredBambooWire, 6),
            (Wall::UnplasteredBrick, 4),
        ] {
            answer(Question::Wall, w.code(), p);
        }
        for (r, p) in [
            (Roof::Thatch, 8),
            (Roof::Bamboo, 7),
            (Roof::Zinc, 3),
            (Roof::Wood, 3),
            (Roof::Asbestos, 2),
            (Roof::ClayTile, 1),
            (Roof::Concrete, -2),
        ] {
            answer(Question::Roof, r.code(), p);
        }
        for (w, p) in [
            (Water::Surface, 8),
            (Water::UnprotectedSpring, 6),
            (Water::UnprotectedWell, 6),
            (Water::Rain, 5),
            (Water::ProtectedWell, 2),
            (Water::ProtectedSpring, 2),
            (Water::Borehole, 1),
            (Water::Bottled, -1),
        ] {
            answer(Question::Water, w.code(), p);
        }
        for (l, p) in [
            (Lighting::NotElectric, 10),
            (Lighting::PlnNoMeter, 8),
            (Lighting::NonPln, 7),
            (Lighting::Pln450, 6),
            (Lighting::Pln900, 2),
            (Lighting::Pln1300, -2),
            (Lighting::Pln2200, -5),
            (Lighting::PlnAbove2200, -8),
        ] {
            answer(Question::Lighting, l.code(), p);
        }
        for (c, p) in [
            (CookingFuel::Firewood, 8),
            (CookingFuel::Charcoal, 6),
            (CookingFuel::Kerosene, 5),
            (CookingFuel::Lpg3kg, 2),
            (CookingFuel::LpgLarge, -3),
            (CookingFuel::Electricity, -3),
        ] {
            answer(Question::CookingFuel, c.code(), p);
        }
        for (t, p) in [
            (ToiletAccess::None, 10),
            (ToiletAccess::Communal, 7),
            (ToiletAccess::Shared, 5),
        ] {
            answer(Question::Toilet, t.code(), p);
        }
        for (a, p) in [
            (Asset::Car, -20),
            (Asset::OtherHouse, -15),
            (Asset::AirConditioner, -10),
            (Asset::Gold, -8),
            (Asset::Motorboat, -8),
            (Asset::LargeLivestock, -8),
            (Asset::Computer, -6),
            (Asset::WaterHeater, -6),
            (Asset::Fridge, -4),
            (Asset::LargeTv, -4),
            (Asset::GasCylinderLarge, -4),
            (Asset::Motorcycle, -3),
            (Asset::Smartphone, -2),
            (Asset::BankAccount, -2),
            (Asset::SmallLivestock, -2),
            (Asset::Landline, -2),
            (Asset::Boat, -2),
        ] {
            rules.push(ScoreRule {
                target: RuleTarget::Owns(a),
                points: p,
            });
        }
        rules.push(ScoreRule {
            target: RuleTarget::LandBelow(100),
            points: 6,
        });
        rules.push(ScoreRule {
            target: RuleTarget::LandBelow(1_000),
            points: 3,
        });
        rules.push(ScoreRule {
            target: RuleTarget::PerCapitaBelow(322_170),
            points: 20,
        });
        rules.push(ScoreRule {
            target: RuleTarget::PerCapitaBelow(550_000),
            points: 12,
        });
        rules.push(ScoreRule {
            target: RuleTarget::PerCapitaBelow(800_000),
            points: 5,
        });
        rules.push(ScoreRule {
            target: RuleTarget::KepmensosCriterionMet,
            points: 4,
        });
        rules.push(ScoreRule {
            target: RuleTarget::NoShelter,
            points: 40,
        });
        ScoringScheme {
            version: 1,
            name: "Skema awal Tepat".into(),
            effective_from: jiff::civil::date(2026, 1, 1),
            rules,
            extreme_poverty_line: 322_170,
            kepmensos_threshold: 5,
        }
    }
}

/// A family's place in the kabupaten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked<Id> {
    /// The family.
    pub id: Id,
    /// 1 = poorest (highest score); ties broken by id.
    pub rank: usize,
    /// 1..=10; 1 = the poorest tenth: `ceil(rank × 10 / n)`.
    pub local_decile: u8,
}

/// Ranks families by score, poorest first.
pub fn rank<Id: Ord + Clone>(scores: &[(Id, i64)]) -> Vec<Ranked<Id>> {
    let mut order: Vec<&(Id, i64)> = scores.iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let n = order.len();
    order
        .into_iter()
        .enumerate()
        .map(|(i, (id, _))| {
            let rank = i + 1;
            Ranked {
                id: id.clone(),
                rank,
                local_decile: (rank * 10).div_ceil(n) as u8,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::*;
    use proptest::prelude::*;

    fn poor_house() -> Instrument {
        Instrument {
            no_shelter: Some(false),
            food_insecure: Some(true),
            no_clothes_spending: Some(true),
            floor: Some(Floor::Earth),
            wall: Some(Wall::Bamboo),
            roof: Some(Roof::Thatch),
            water: Some(Water::UnprotectedWell),
            lighting: Some(Lighting::Pln450),
            cooking_fuel: Some(CookingFuel::Firewood),
            toilet: Some(ToiletAccess::None),
            assets: Some(vec![Asset::Smartphone]),
            land_m2: Some(60),
            programmes: Some(vec![]),
            spending: Some(Spending {
                total: 1_000_000,
                food: 700_000,
            }),
        }
    }

    #[test]
    fn the_default_scheme_is_valid() {
        assert_eq!(ScoringScheme::default_v1().validate(), Ok(()));
    }

    #[test]
    fn the_breakdown_explains_the_total() {
        let scheme = ScoringScheme::default_v1();
        let result = scheme.score(&poor_house(), 4, Some(false));
        assert_eq!(
            result.total,
            result
                .lines
                .iter()
                .map(|l| i64::from(l.points))
                .sum::<i64>()
        );
        let line = |q: &str| {
            result
                .lines
                .iter()
                .find(|l| l.question == q)
                .unwrap()
                .clone()
        };
        assert_eq!(
            line("Jenis lantai terluas"),
            ScoreLine {
                question: "Jenis lantai terluas".into(),
                answer: "Tanah".into(),
                points: 10
            }
        );
        assert_eq!(
            line("Pengeluaran per kapita per bulan").answer,
            "Rp 250.000 (di bawah Rp 322.170)"
        );
        assert_eq!(line("Pengeluaran per kapita per bulan").points, 20);
        assert_eq!(line("Luas lahan dimiliki").points, 6);
        assert_eq!(
            line("Kriteria Kepmensos 262/2022 terpenuhi").answer,
            "8 dari 8"
        );
        assert_eq!(result.extreme_poor, Some(true));
        assert_eq!(result.kepmensos.verdict, Verdict::Poor);
        assert!(result.unanswered.is_empty());
        // Changing one answer changes exactly its line.
        let mut better_floor = poor_house();
        better_floor.floor = Some(Floor::Ceramic);
        let other = scheme.score(&better_floor, 4, Some(false));
        let diff: Vec<_> = result
            .lines
            .iter()
            .zip(&other.lines)
            .filter(|(a, b)| a != b)
            .collect();
        // The floor line, and the Kepmensos count (criterion e no longer met).
        assert_eq!(diff.len(), 2);
        assert_eq!(other.total, result.total - 10 - 4);
    }

    #[test]
    fn unknown_spending_leaves_the_extreme_flag_open() {
        let mut unknown = poor_house();
        unknown.spending = None;
        let result = ScoringScheme::default_v1().score(&unknown, 4, None);
        assert_eq!(result.extreme_poor, None);
        assert_eq!(result.unanswered, [Question::Spending]);
    }

    #[test]
    fn invalid_schemes_are_refused_with_reasons() {
        let mut scheme = ScoringScheme::default_v1();
        scheme.version = 0;
        scheme.kepmensos_threshold = 9;
        scheme.rules.push(scheme.rules[0].clone());
        scheme.rules.push(ScoreRule {
            target: RuleTarget::Answer(Question::Floor, "Lava".into()),
            points: 1,
        });
        let errors = scheme.validate().unwrap_err();
        assert_eq!(errors.len(), 4);
        assert!(errors.iter().any(|e| e.to_string()
            == "jawaban \"Lava\" tidak ada pada pertanyaan \"Jenis lantai terluas\""));
    }

    #[test]
    fn deciles_by_rank() {
        let ids = |n: u32| (0..n).map(|i| (i, -(i as i64))).collect::<Vec<_>>();
        let deciles = |n| {
            rank(&ids(n))
                .into_iter()
                .map(|r| r.local_decile)
                .collect::<Vec<_>>()
        };
        assert_eq!(deciles(1), [10]);
        assert_eq!(deciles(10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(deciles(9), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(deciles(11), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
        let big = deciles(1000);
        assert_eq!(big.iter().filter(|d| **d == 1).count(), 100);
        assert_eq!(big.iter().filter(|d| **d == 10).count(), 100);
    }

    fn any_instrument() -> impl Strategy<Value = Instrument> {
        (
            proptest::option::of(0..Floor::ALL.len()),
            proptest::option::of(0..Wall::ALL.len()),
            proptest::option::of(0..Lighting::ALL.len()),
            proptest::option::of(proptest::collection::vec(0..Asset::ALL.len(), 0..5)),
            proptest::option::of(0u32..5_000),
            proptest::option::of((0u64..10_000_000, 0u64..10_000_000)),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(
                |(floor, wall, lighting, assets, land, spending, food)| Instrument {
                    floor: floor.map(|i| Floor::ALL[i]),
                    wall: wall.map(|i| Wall::ALL[i]),
                    lighting: lighting.map(|i| Lighting::ALL[i]),
                    assets: assets.map(|v| v.into_iter().map(|i| Asset::ALL[i]).collect()),
                    land_m2: land,
                    spending: spending.map(|(total, food)| Spending { total, food }),
                    food_insecure: food,
                    ..Instrument::default()
                },
            )
    }

    proptest! {
        #[test]
        fn scoring_is_deterministic_and_explained(instrument in any_instrument(), size in 1usize..12) {
            let scheme = ScoringScheme::default_v1();
            let a = scheme.score(&instrument, size, None);
            prop_assert_eq!(&a, &scheme.score(&instrument, size, None));
            prop_assert_eq!(a.total, a.lines.iter().map(|l| i64::from(l.points)).sum::<i64>());
            prop_assert_eq!(a.scheme_version, 1);
        }

        #[test]
        fn ranks_are_a_permutation_and_deciles_follow_rank(scores in proptest::collection::vec(-100i64..200, 1..300)) {
            let input: Vec<(usize, i64)> = scores.iter().copied().enumerate().collect();
            let ranked = rank(&input);
            let mut ranks: Vec<usize> = ranked.iter().map(|r| r.rank).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=input.len()).collect::<Vec<_>>());
            prop_assert!(ranked.windows(2).all(|w| w[0].local_decile <= w[1].local_decile));
            prop_assert!(ranked.windows(2).all(|w| input[w[0].id].1 >= input[w[1].id].1));
            prop_assert!(ranked.iter().all(|r| (1..=10).contains(&r.local_decile)));
        }
    }
}
