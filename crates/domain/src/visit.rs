//! The verifier's visit: a pendamping/TKSK stands at the house, looks at what the desa recorded
//! (members, address, house pin, the instrument's answers, the photos) and confirms or disputes
//! each part on the spot, with a note (required for a dispute) and a photo. A visit with a
//! dispute goes back to the desa operator, whose answer (what was corrected, or why the record
//! stands) closes it. The rules here run on the tablet before anything is sent and again on the
//! server, which enforces them.

use crate::FamilyId;
use crate::family::PhotoRef;
use crate::region::RegionCode;
use serde::{Deserialize, Serialize};

/// The shortest note that explains a dispute or an answer ("salah" is not enough).
pub const MIN_NOTE_CHARS: usize = 10;
/// The longest note kept.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// A part of the family's record the verifier looks at. Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum VisitItem {
    /// The members and their identity (who lives in the house).
    Members,
    /// The address (dusun, RT/RW, street).
    Address,
    /// The house pin.
    Pin,
    /// The instrument's answers (the house, assets, income).
    Instrument,
    /// The house photos.
    Photos,
}

impl VisitItem {
    /// Every part, in the order the verifier goes through them.
    pub const ALL: [VisitItem; 5] = [
        VisitItem::Members,
        VisitItem::Address,
        VisitItem::Pin,
        VisitItem::Instrument,
        VisitItem::Photos,
    ];
}

/// What the verifier found about one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Verdict {
    /// As recorded.
    Confirmed,
    /// Not as recorded: what the verifier saw instead.
    Disputed(String),
}

/// A visit as the verifier records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewVisit {
    /// The family visited.
    pub family: FamilyId,
    /// The parts looked at, each once.
    pub checks: Vec<(VisitItem, Verdict)>,
    /// A general note (may be empty).
    pub note: String,
    /// A photo taken at the visit.
    pub photo: Option<PhotoRef>,
}

/// The desa operator's answer to a visit's disputes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Resolution {
    /// Who answered.
    pub by: String,
    /// When.
    pub at: jiff::Timestamp,
    /// What was corrected, or why the record stands.
    pub note: String,
}

/// A recorded visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Visit {
    /// Identity (the tablet's UUIDv7).
    pub id: uuid::Uuid,
    /// The family's desa at the visit (scope).
    pub desa: RegionCode,
    /// Who visited (username).
    pub by: String,
    /// When it was recorded.
    pub at: jiff::Timestamp,
    /// What was found.
    pub visit: NewVisit,
    /// The desa's answer to the disputes, once given.
    pub resolution: Option<Resolution>,
}

/// Why a visit or an answer is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VisitError {
    /// Nothing was looked at.
    #[error("pilih Sesuai atau Tidak sesuai untuk paling sedikit satu bagian")]
    Empty,
    /// A part twice.
    #[error("bagian yang sama dinilai dua kali")]
    Twice,
    /// A dispute without a useful note.
    #[error("tulis apa yang tidak sesuai (paling sedikit {MIN_NOTE_CHARS} huruf)")]
    DisputeNote,
    /// A note too long.
    #[error("catatan terlalu panjang (paling banyak {MAX_NOTE_CHARS} huruf)")]
    TooLong,
    /// An answer to a visit with no dispute.
    #[error("kunjungan ini tidak punya temuan yang perlu dijawab")]
    NothingDisputed,
    /// An answer given twice.
    #[error("temuan kunjungan ini sudah dijawab")]
    AlreadyAnswered,
    /// An answer without a useful note.
    #[error(
        "tulis apa yang sudah diperbaiki atau mengapa data tetap (paling sedikit {MIN_NOTE_CHARS} huruf)"
    )]
    AnswerNote,
}

fn useful(note: &str) -> bool {
    note.trim().chars().count() >= MIN_NOTE_CHARS
}

impl NewVisit {
    /// Checks the visit before it is kept: at least one part, each once, every dispute
    /// explained, notes not too long.
    pub fn validate(&self) -> Result<(), VisitError> {
        if self.checks.is_empty() {
            return Err(VisitError::Empty);
        }
        let mut seen = std::collections::BTreeSet::new();
        for (item, verdict) in &self.checks {
            if !seen.insert(*item) {
                return Err(VisitError::Twice);
            }
            if let Verdict::Disputed(note) = verdict {
                if !useful(note) {
                    return Err(VisitError::DisputeNote);
                }
                if note.chars().count() > MAX_NOTE_CHARS {
                    return Err(VisitError::TooLong);
                }
            }
        }
        if self.note.chars().count() > MAX_NOTE_CHARS {
            return Err(VisitError::TooLong);
        }
        Ok(())
    }

    /// The disputed parts with the verifier's notes.
    pub fn disputes(&self) -> impl Iterator<Item = (VisitItem, &str)> {
        self.checks
            .iter()
            .filter_map(|(item, verdict)| match verdict {
                Verdict::Disputed(note) => Some((*item, note.as_str())),
                Verdict::Confirmed => None,
            })
    }
}

impl Visit {
    /// Whether the visit waits for the desa's answer (it has a dispute, not yet answered).
    pub fn waits_for_desa(&self) -> bool {
        self.resolution.is_none() && self.visit.disputes().next().is_some()
    }

    /// The desa operator answers the disputes.
    pub fn answer(&mut self, by: &str, at: jiff::Timestamp, note: &str) -> Result<(), VisitError> {
        if self.visit.disputes().next().is_none() {
            return Err(VisitError::NothingDisputed);
        }
        if self.resolution.is_some() {
            return Err(VisitError::AlreadyAnswered);
        }
        if !useful(note) {
            return Err(VisitError::AnswerNote);
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(VisitError::TooLong);
        }
        self.resolution = Some(Resolution {
            by: by.to_owned(),
            at,
            note: note.trim().to_owned(),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(checks: Vec<(VisitItem, Verdict)>) -> Visit {
        Visit {
            id: uuid::Uuid::nil(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            by: "tksk.blega".into(),
            at: "2026-11-23T03:00:00Z".parse().unwrap(),
            visit: NewVisit {
                family: FamilyId(uuid::Uuid::nil()),
                checks,
                note: String::new(),
                photo: None,
            },
            resolution: None,
        }
    }

    #[test]
    fn a_visit_needs_a_part_each_once_and_every_dispute_explained() {
        let mut v = visit(vec![]);
        assert_eq!(v.visit.validate(), Err(VisitError::Empty));
        v.visit.checks = vec![
            (VisitItem::Pin, Verdict::Confirmed),
            (VisitItem::Pin, Verdict::Confirmed),
        ];
        assert_eq!(v.visit.validate(), Err(VisitError::Twice));
        v.visit.checks = vec![(VisitItem::Members, Verdict::Disputed("salah".into()))];
        assert_eq!(v.visit.validate(), Err(VisitError::DisputeNote));
        v.visit.checks = vec![(
            VisitItem::Members,
            Verdict::Disputed("x".repeat(MAX_NOTE_CHARS + 1)),
        )];
        assert_eq!(v.visit.validate(), Err(VisitError::TooLong));
        v.visit.checks = vec![
            (VisitItem::Members, Verdict::Confirmed),
            (
                VisitItem::Pin,
                Verdict::Disputed("Rumah ada di seberang jalan".into()),
            ),
        ];
        assert_eq!(v.visit.validate(), Ok(()));
        assert_eq!(
            v.visit.disputes().collect::<Vec<_>>(),
            [(VisitItem::Pin, "Rumah ada di seberang jalan")]
        );
    }

    #[test]
    fn a_dispute_waits_for_the_desa_until_answered_once_with_a_reason() {
        let at: jiff::Timestamp = "2026-11-24T03:00:00Z".parse().unwrap();
        let mut confirmed = visit(vec![(VisitItem::Pin, Verdict::Confirmed)]);
        assert!(!confirmed.waits_for_desa());
        assert_eq!(
            confirmed.answer("op", at, "Sudah diperiksa ulang"),
            Err(VisitError::NothingDisputed)
        );
        let mut disputed = visit(vec![(
            VisitItem::Pin,
            Verdict::Disputed("Rumah ada di seberang jalan".into()),
        )]);
        assert!(disputed.waits_for_desa());
        assert_eq!(disputed.answer("op", at, "ok"), Err(VisitError::AnswerNote));
        disputed
            .answer("op", at, "  Titik rumah sudah dipindah  ")
            .unwrap();
        assert!(!disputed.waits_for_desa());
        assert_eq!(
            disputed.resolution.as_ref().unwrap().note,
            "Titik rumah sudah dipindah"
        );
        assert_eq!(
            disputed.answer("op", at, "Titik rumah sudah dipindah"),
            Err(VisitError::AlreadyAnswered)
        );
    }
}
