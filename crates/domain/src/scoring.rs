//! A local poverty score the operator can read line by line (like Sidaksos in Blitar): points
//! per answer, per owned asset, per land and spending band, per Kepmensos criterion met. The
//! weights are data (a [`ScoringScheme`] with a version) that the Dinas edits; every result
//! carries the version it was computed with, so re-scoring under a new scheme leaves the old
//! results comparable. Higher score = poorer. Families are then ranked within the kabupaten and
//! given a local decile (1 = poorest tenth) by rank position, ties broken by id.
//!
//! Rule targets are wire-stable: variants only appended.

use crate::instrument::{Asset, Instrument, Kepmensos, Question, kepmensos};
use crate::text::{format_number_id, format_rupiah};
use serde::{Deserialize, Serialize};

/// What a rule gives points for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
            RuleTarget::KepmensosCriterionMet => {
                "Setiap kriteria Kepmensos 262/2022 yang terpenuhi".into()
            }
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

/// Points as the Dinas writes them: `-5.000`, `12`.
fn format_points(points: i32) -> String {
    let sign = if points < 0 { "-" } else { "" };
    format!("{sign}{}", format_number_id(points.unsigned_abs().into()))
}

/// Points for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ScoreRule {
    /// What.
    pub target: RuleTarget,
    /// How many points (negative for signs of wealth).
    pub points: i32,
}

/// A scoring scheme: versioned data, set by the Dinas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    #[error(
        "poin aturan \"{0}\" harus antara -{max} dan {max}, bukan {points}",
        max = format_number_id(MAX_RULE_POINTS.unsigned_abs().into()),
        points = format_points(*.1)
    )]
    PointsOutOfRange(String, i32),
}

/// One line of the breakdown: which answer gave which points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
            <$answer>::ALL
                .iter()
                .map(|a| (a.code(), a.label_id()))
                .collect()
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

    /// Tepat's starting weights (version 1). A starting point for the Dinas to adjust, not a
    /// policy: the extreme-poverty line is the one used for 2021–2022 (Rp 10.739 per person per
    /// day, about Rp 322.170 a month); the Kepmensos threshold of 5 of 8 criteria is a placeholder until
    /// the Dinas sets its own.
    ///
    /// The reasoning, so that a change can be argued with:
    /// - Spending per person weighs most, because extreme poverty is judged on it: +20 below the
    ///   extreme line, +12 below Rp 550.000 (near BPS's national poverty line, about Rp 535.000 a month in late 2022), +5 below Rp 800.000.
    /// - Each house answer gives up to +10 for the worst material or service (earth floor,
    ///   tarpaulin or cardboard walls, no electricity, no toilet), falling as the material
    ///   improves; signs of a solid house (marble, concrete roof, PLN 1.300 VA and up, large LPG)
    ///   take a few points off.
    /// - Assets only take points off, by how far they are from a poor household's reach: a car
    ///   −20, another house −15, AC −10, gold, a motorboat or cattle −8, down to −2 for a
    ///   smartphone, a bank account or goats (common among the poor, so weak evidence).
    /// - Little land adds: +6 under 100 m², +3 under 1.000 m².
    /// - +4 for each Kepmensos criterion met (up to +32), so the national criteria count without
    ///   drowning the local answers; no place to shelter +40, enough to put such a family among
    ///   the poorest on its own.
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

    fn middle_house() -> Instrument {
        Instrument {
            no_shelter: Some(false),
            food_insecure: Some(false),
            no_clothes_spending: Some(false),
            floor: Some(Floor::CementPlaster),
            wall: Some(Wall::UnplasteredBrick),
            roof: Some(Roof::ClayTile),
            water: Some(Water::ProtectedWell),
            lighting: Some(Lighting::Pln900),
            cooking_fuel: Some(CookingFuel::Lpg3kg),
            toilet: Some(ToiletAccess::Own),
            assets: Some(vec![Asset::Motorcycle, Asset::Smartphone]),
            land_m2: Some(250),
            programmes: Some(vec![Programme::Pkh]),
            spending: Some(Spending {
                total: 1_800_000,
                food: 1_000_000,
            }),
        }
    }

    fn comfortable_house() -> Instrument {
        Instrument {
            no_shelter: Some(false),
            food_insecure: Some(false),
            no_clothes_spending: Some(false),
            floor: Some(Floor::Ceramic),
            wall: Some(Wall::PlasteredMasonry),
            roof: Some(Roof::Concrete),
            water: Some(Water::Bottled),
            lighting: Some(Lighting::Pln2200),
            cooking_fuel: Some(CookingFuel::LpgLarge),
            toilet: Some(ToiletAccess::Own),
            assets: Some(vec![
                Asset::Car,
                Asset::Fridge,
                Asset::AirConditioner,
                Asset::Smartphone,
                Asset::BankAccount,
            ]),
            land_m2: Some(2_000),
            programmes: Some(vec![]),
            spending: Some(Spending {
                total: 12_000_000,
                food: 4_000_000,
            }),
        }
    }

    fn sum_of_lines(result: &ScoreResult) -> i64 {
        result.lines.iter().map(|l| i64::from(l.points)).sum()
    }

    fn line<'a>(result: &'a ScoreResult, question: &str) -> &'a ScoreLine {
        result
            .lines
            .iter()
            .find(|l| l.question == question)
            .unwrap_or_else(|| panic!("no line for {question}"))
    }

    #[test]
    fn the_default_scheme_is_valid() {
        assert_eq!(ScoringScheme::default_v1().validate(), Ok(()));
    }

    #[test]
    fn families_score_as_the_default_weights_say() {
        struct Case {
            family: &'static str,
            instrument: Instrument,
            household_size: usize,
            head_working: Option<bool>,
            total: i64,
            lines: usize,
            verdict: Verdict,
            extreme_poor: Option<bool>,
            unanswered: usize,
        }
        let no_shelter = Instrument {
            no_shelter: Some(true),
            ..Instrument::default()
        };
        let cases = [
            // 10 floor + 8 wall + 8 roof + 6 water + 6 lighting + 8 fuel + 10 toilet
            // − 2 smartphone + 6 land + 20 spending + 8 × 4 Kepmensos.
            Case {
                family: "miskin",
                instrument: poor_house(),
                household_size: 4,
                head_working: Some(false),
                total: 112,
                lines: 11,
                verdict: Verdict::Poor,
                extreme_poor: Some(true),
                unanswered: 0,
            },
            // 5 + 4 + 1 + 2 + 2 + 2 + 0 (own toilet) − 3 motorcycle − 2 smartphone + 3 land
            // + 5 spending (Rp 600.000) + 3 × 4 Kepmensos (c, e, f).
            Case {
                family: "menengah",
                instrument: middle_house(),
                household_size: 3,
                head_working: Some(true),
                total: 31,
                lines: 12,
                verdict: Verdict::NotPoor,
                extreme_poor: Some(false),
                unanswered: 0,
            },
            // 0 + 0 − 2 − 1 − 5 − 3 + 0 − 20 car − 4 fridge − 10 AC − 2 − 2; no band, no
            // criterion met.
            Case {
                family: "mampu",
                instrument: comfortable_house(),
                household_size: 4,
                head_working: Some(true),
                total: -49,
                lines: 12,
                verdict: Verdict::NotPoor,
                extreme_poor: Some(false),
                unanswered: 0,
            },
            Case {
                family: "tanpa tempat berteduh",
                instrument: no_shelter,
                household_size: 2,
                head_working: None,
                total: 40,
                lines: 1,
                verdict: Verdict::PoorNoShelter,
                extreme_poor: None,
                unanswered: 13,
            },
            Case {
                family: "belum diisi",
                instrument: Instrument::default(),
                household_size: 5,
                head_working: None,
                total: 0,
                lines: 0,
                verdict: Verdict::Undecided,
                extreme_poor: None,
                unanswered: 14,
            },
        ];
        let scheme = ScoringScheme::default_v1();
        for case in cases {
            let result = scheme.score(&case.instrument, case.household_size, case.head_working);
            assert_eq!(
                result.total, case.total,
                "{}: {:#?}",
                case.family, result.lines
            );
            assert_eq!(result.total, sum_of_lines(&result), "{}", case.family);
            assert_eq!(result.lines.len(), case.lines, "{}", case.family);
            assert_eq!(result.kepmensos.verdict, case.verdict, "{}", case.family);
            assert_eq!(result.extreme_poor, case.extreme_poor, "{}", case.family);
            assert_eq!(result.unanswered.len(), case.unanswered, "{}", case.family);
            assert_eq!(result.scheme_version, 1);
        }
    }

    #[test]
    fn the_breakdown_names_each_answer_and_its_points() {
        let result = ScoringScheme::default_v1().score(&poor_house(), 4, Some(false));
        assert_eq!(
            line(&result, "Jenis lantai terluas"),
            &ScoreLine {
                question: "Jenis lantai terluas".into(),
                answer: "Tanah".into(),
                points: 10
            }
        );
        let spending = line(&result, "Pengeluaran per kapita per bulan");
        assert_eq!(spending.answer, "Rp 250.000 (di bawah Rp 322.170)");
        assert_eq!(spending.points, 20);
        assert_eq!(
            line(&result, "Luas lahan dimiliki").answer,
            "60 m² (di bawah 100 m²)"
        );
        assert_eq!(line(&result, "Kepemilikan aset").answer, "Smartphone");
        let kepmensos = line(&result, "Kriteria Kepmensos 262/2022 terpenuhi");
        assert_eq!(
            (kepmensos.answer.as_str(), kepmensos.points),
            ("8 dari 8", 32)
        );
        assert_eq!(result.per_capita_spending, Some(250_000));
    }

    #[test]
    fn changing_the_floor_changes_its_line_and_the_criterion_it_decides() {
        let scheme = ScoringScheme::default_v1();
        let before = scheme.score(&poor_house(), 4, Some(false));
        let mut better_floor = poor_house();
        better_floor.floor = Some(Floor::Ceramic);
        let after = scheme.score(&better_floor, 4, Some(false));
        let changed: Vec<&str> = before
            .lines
            .iter()
            .zip(&after.lines)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.question.as_str())
            .collect();
        // The floor line, and the Kepmensos count (criterion e no longer met).
        assert_eq!(
            changed,
            [
                "Jenis lantai terluas",
                "Kriteria Kepmensos 262/2022 terpenuhi"
            ]
        );
        assert_eq!(after.total, before.total - 10 - 4);
    }

    #[test]
    fn unknown_spending_leaves_the_extreme_flag_open() {
        let mut unknown = poor_house();
        unknown.spending = None;
        let result = ScoringScheme::default_v1().score(&unknown, 4, None);
        assert_eq!(result.extreme_poor, None);
        assert_eq!(result.per_capita_spending, None);
        assert_eq!(result.unanswered, [Question::Spending]);
        // No household members counted yet: no per-capita figure either.
        let nobody = ScoringScheme::default_v1().score(&poor_house(), 0, None);
        assert_eq!(nobody.extreme_poor, None);
    }

    #[test]
    fn an_asset_counts_once_whatever_the_order_of_the_list() {
        let scheme = ScoringScheme::default_v1();
        let mut listed = comfortable_house();
        let once = scheme.score(&listed, 4, Some(true));
        listed.assets = Some(vec![
            Asset::BankAccount,
            Asset::Car,
            Asset::Smartphone,
            Asset::Car,
            Asset::AirConditioner,
            Asset::Fridge,
        ]);
        assert_eq!(scheme.score(&listed, 4, Some(true)), once);
        let assets: Vec<&str> = once
            .lines
            .iter()
            .filter(|l| l.question == "Kepemilikan aset")
            .map(|l| l.answer.as_str())
            .collect();
        // In the form's order.
        assert_eq!(
            assets,
            ["Lemari es", "AC", "Mobil", "Smartphone", "Rekening bank"]
        );
    }

    #[test]
    fn a_new_scheme_version_leaves_old_results_comparable() {
        let v1 = ScoringScheme::default_v1();
        let mut v2 = v1.clone();
        v2.version = 2;
        v2.name = "Bobot lantai tanah dinaikkan".into();
        v2.effective_from = jiff::civil::date(2026, 7, 1);
        for rule in &mut v2.rules {
            if rule.target == RuleTarget::Answer(Question::Floor, Floor::Earth.code().into()) {
                rule.points = 30;
            }
        }
        assert_eq!(v2.validate(), Ok(()));
        let old = v1.score(&poor_house(), 4, Some(false));
        let new = v2.score(&poor_house(), 4, Some(false));
        assert_eq!((old.scheme_version, new.scheme_version), (1, 2));
        assert_eq!(new.total, old.total + 20);
        // The stored v1 result is still what v1 gives today, and keeps its version on the wire.
        assert_eq!(v1.score(&poor_house(), 4, Some(false)), old);
        let stored: ScoreResult =
            serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
        assert_eq!(stored, old);
        let scheme: ScoringScheme =
            serde_json::from_str(&serde_json::to_string(&v2).unwrap()).unwrap();
        assert_eq!(scheme, v2);
    }

    #[test]
    fn rule_targets_read_in_indonesian() {
        let cases = [
            (
                RuleTarget::Answer(Question::Floor, "Earth".into()),
                "Jenis lantai terluas: Tanah",
            ),
            (
                RuleTarget::Answer(Question::Floor, "Lava".into()),
                "Jenis lantai terluas: Lava",
            ),
            (RuleTarget::Owns(Asset::Car), "Kepemilikan aset: Mobil"),
            (
                RuleTarget::LandBelow(1_000),
                "Luas lahan dimiliki di bawah 1.000 m²",
            ),
            (
                RuleTarget::PerCapitaBelow(600_000),
                "Pengeluaran per kapita per bulan di bawah Rp 600.000",
            ),
            (
                RuleTarget::KepmensosCriterionMet,
                "Setiap kriteria Kepmensos 262/2022 yang terpenuhi",
            ),
            (RuleTarget::NoShelter, "Tidak punya tempat berteduh"),
        ];
        for (target, label) in cases {
            assert_eq!(target.label_id(), label);
        }
    }

    #[test]
    fn invalid_schemes_are_refused_with_reasons() {
        fn rule(target: RuleTarget, points: i32) -> ScoreRule {
            ScoreRule { target, points }
        }
        /// A change that breaks the default scheme.
        type Breakage = fn(&mut ScoringScheme);
        let cases: Vec<(&str, Breakage, Vec<SchemeError>)> = vec![
            ("versi 0", |s| s.version = 0, vec![SchemeError::Version]),
            (
                "tanpa nama",
                |s| s.name = "  ".into(),
                vec![SchemeError::NameMissing],
            ),
            (
                "garis nol",
                |s| s.extreme_poverty_line = 0,
                vec![SchemeError::ExtremeLine],
            ),
            (
                "ambang 0",
                |s| s.kepmensos_threshold = 0,
                vec![SchemeError::Threshold],
            ),
            (
                "ambang 9",
                |s| s.kepmensos_threshold = 9,
                vec![SchemeError::Threshold],
            ),
            (
                "aturan ganda",
                |s| {
                    s.rules
                        .push(rule(RuleTarget::Answer(Question::Floor, "Earth".into()), 3))
                },
                vec![SchemeError::DuplicateRule(
                    "Jenis lantai terluas: Tanah".into(),
                )],
            ),
            (
                "jawaban tak dikenal",
                |s| {
                    s.rules
                        .push(rule(RuleTarget::Answer(Question::Floor, "Lava".into()), 3))
                },
                vec![SchemeError::UnknownAnswer(
                    "Jenis lantai terluas".into(),
                    "Lava".into(),
                )],
            ),
            (
                "pertanyaan tanpa pilihan",
                |s| {
                    s.rules
                        .push(rule(RuleTarget::Answer(Question::Land, "Earth".into()), 3))
                },
                vec![SchemeError::UnknownAnswer(
                    "Luas lahan dimiliki".into(),
                    "Earth".into(),
                )],
            ),
            (
                "batas nol",
                |s| s.rules.push(rule(RuleTarget::PerCapitaBelow(0), 3)),
                vec![SchemeError::EmptyBand(
                    "Pengeluaran per kapita per bulan di bawah Rp 0".into(),
                )],
            ),
            (
                "poin terlalu besar",
                |s| s.rules.push(rule(RuleTarget::Owns(Asset::Bicycle), -5_000)),
                vec![SchemeError::PointsOutOfRange(
                    "Kepemilikan aset: Sepeda".into(),
                    -5_000,
                )],
            ),
        ];
        for (name, break_it, expected) in cases {
            let mut scheme = ScoringScheme::default_v1();
            break_it(&mut scheme);
            assert_eq!(scheme.validate(), Err(expected), "{name}");
        }
        assert_eq!(
            SchemeError::PointsOutOfRange("Kepemilikan aset: Sepeda".into(), -5_000).to_string(),
            "poin aturan \"Kepemilikan aset: Sepeda\" harus antara -1.000 dan 1.000, bukan -5.000"
        );
        let mut everything = ScoringScheme::default_v1();
        everything.version = 0;
        everything.kepmensos_threshold = 9;
        everything.rules.push(everything.rules[0].clone());
        let messages: Vec<String> = everything
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "versi skema harus 1 atau lebih",
                "ambang kriteria Kepmensos harus 1 sampai 8",
                "aturan ganda untuk \"Jenis lantai terluas: Tanah\"",
            ]
        );
    }

    #[test]
    fn deciles_by_rank() {
        let ids = |n: u32| (0..n).map(|i| (i, -i64::from(i))).collect::<Vec<_>>();
        let deciles = |n| {
            rank(&ids(n))
                .into_iter()
                .map(|r| r.local_decile)
                .collect::<Vec<_>>()
        };
        assert!(deciles(0).is_empty());
        assert_eq!(deciles(1), [10]);
        assert_eq!(deciles(9), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(deciles(10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(deciles(11), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
        let big = deciles(1000);
        for decile in 1..=10 {
            assert_eq!(big.iter().filter(|d| **d == decile).count(), 100);
        }
    }

    #[test]
    fn ties_are_broken_by_id() {
        let ranked = rank(&[("c", 10), ("a", 10), ("b", 30), ("d", -5)]);
        let order: Vec<(&str, usize)> = ranked.iter().map(|r| (r.id, r.rank)).collect();
        assert_eq!(order, [("b", 1), ("a", 2), ("c", 3), ("d", 4)]);
    }

    fn any_instrument() -> impl Strategy<Value = Instrument> {
        fn one_of<T: Copy + std::fmt::Debug + 'static>(
            all: &'static [T],
        ) -> impl Strategy<Value = Option<T>> {
            proptest::option::of((0..all.len()).prop_map(move |i| all[i]))
        }
        fn some_of<T: Copy + std::fmt::Debug + 'static>(
            all: &'static [T],
        ) -> impl Strategy<Value = Option<Vec<T>>> {
            proptest::option::of(proptest::collection::vec(
                (0..all.len()).prop_map(move |i| all[i]),
                0..6,
            ))
        }
        let answers = (
            one_of(Floor::ALL),
            one_of(Wall::ALL),
            one_of(Roof::ALL),
            one_of(Water::ALL),
            one_of(Lighting::ALL),
            one_of(CookingFuel::ALL),
            one_of(ToiletAccess::ALL),
        );
        let rest = (
            some_of(Asset::ALL),
            some_of(Programme::ALL),
            proptest::option::of(0u32..5_000),
            proptest::option::of((0u64..20_000_000, 0u64..20_000_000)),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        );
        (answers, rest).prop_map(
            |(
                (floor, wall, roof, water, lighting, cooking_fuel, toilet),
                (assets, programmes, land_m2, spending, no_shelter, food, clothes),
            )| Instrument {
                no_shelter,
                food_insecure: food,
                no_clothes_spending: clothes,
                floor,
                wall,
                roof,
                water,
                lighting,
                cooking_fuel,
                toilet,
                assets,
                land_m2,
                programmes,
                spending: spending.map(|(total, food)| Spending { total, food }),
            },
        )
    }

    /// The default rules with any points the validation allows.
    fn any_valid_scheme() -> impl Strategy<Value = ScoringScheme> {
        let rules = ScoringScheme::default_v1().rules.len();
        (
            proptest::collection::vec(-MAX_RULE_POINTS..=MAX_RULE_POINTS, rules),
            1u8..=8,
            1u64..2_000_000,
        )
            .prop_map(|(points, threshold, line)| {
                let mut scheme = ScoringScheme::default_v1();
                for (rule, points) in scheme.rules.iter_mut().zip(points) {
                    rule.points = points;
                }
                scheme.kepmensos_threshold = threshold;
                scheme.extreme_poverty_line = line;
                scheme
            })
    }

    proptest! {
        #[test]
        fn scoring_is_deterministic_and_explained(
            instrument in any_instrument(),
            scheme in any_valid_scheme(),
            size in 0usize..12,
            head_working in proptest::option::of(any::<bool>()),
        ) {
            prop_assert_eq!(scheme.validate(), Ok(()));
            let a = scheme.score(&instrument, size, head_working);
            prop_assert_eq!(&a, &scheme.score(&instrument.clone(), size, head_working));
            prop_assert_eq!(a.total, sum_of_lines(&a));
            prop_assert_eq!(a.scheme_version, scheme.version);
            prop_assert_eq!(a.unanswered, instrument.unanswered());
        }

        #[test]
        fn another_roof_changes_exactly_the_roof_line(
            instrument in any_instrument(),
            roofs in (0..Roof::ALL.len(), 1..Roof::ALL.len()),
            size in 1usize..12,
        ) {
            // The roof decides no Kepmensos criterion, so only its own line may move.
            let (first, step) = roofs;
            let mut one = instrument.clone();
            one.roof = Some(Roof::ALL[first]);
            let mut other = instrument;
            other.roof = Some(Roof::ALL[(first + step) % Roof::ALL.len()]);
            let scheme = ScoringScheme::default_v1();
            let (a, b) = (scheme.score(&one, size, None), scheme.score(&other, size, None));
            prop_assert_eq!(a.lines.len(), b.lines.len());
            let changed: Vec<&str> = a
                .lines
                .iter()
                .zip(&b.lines)
                .filter(|(x, y)| x != y)
                .map(|(x, _)| x.question.as_str())
                .collect();
            prop_assert_eq!(changed, ["Jenis atap terluas"]);
            prop_assert_eq!(a.kepmensos, b.kepmensos);
        }

        #[test]
        fn ranks_are_a_permutation_and_deciles_follow_rank(
            scores in proptest::collection::vec(-100i64..200, 1..300),
        ) {
            let input: Vec<(usize, i64)> = scores.iter().copied().enumerate().collect();
            let ranked = rank(&input);
            let mut ranks: Vec<usize> = ranked.iter().map(|r| r.rank).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=input.len()).collect::<Vec<_>>());
            prop_assert!(ranked.windows(2).all(|w| w[0].local_decile <= w[1].local_decile));
            prop_assert!(ranked.windows(2).all(|w| input[w[0].id].1 >= input[w[1].id].1));
            prop_assert!(ranked.iter().all(|r| (1..=10).contains(&r.local_decile)));
            // The input's order does not matter.
            let mut reversed = input.clone();
            reversed.reverse();
            prop_assert_eq!(rank(&reversed), ranked);
        }
    }
}
