//! The musdes rule: every desa must hold a village meeting (musyawarah desa) at least every
//! three months (a setting), and its result counts only with four evidence documents.

use crate::region::RegionCode;
use crate::text::format_date_id;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The evidence a musdes result needs. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum MusdesDocument {
    /// Berita acara (minutes).
    BeritaAcara,
    /// Foto rapat (photos of the meeting).
    FotoRapat,
    /// Daftar hadir (attendance list).
    DaftarHadir,
    /// Foto pengumuman hasil (photo of the published result).
    FotoPengumuman,
}

impl MusdesDocument {
    /// All four, in the order the form asks for them.
    pub const ALL: [MusdesDocument; 4] = [
        Self::BeritaAcara,
        Self::FotoRapat,
        Self::DaftarHadir,
        Self::FotoPengumuman,
    ];

    /// The Indonesian name.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::BeritaAcara => "berita acara",
            Self::FotoRapat => "foto rapat",
            Self::DaftarHadir => "daftar hadir",
            Self::FotoPengumuman => "foto pengumuman hasil",
        }
    }
}

/// `None` when all four documents are there, else the Indonesian message naming the missing ones.
pub fn missing_evidence(present: &[MusdesDocument]) -> Option<String> {
    let missing: Vec<&str> = MusdesDocument::ALL
        .iter()
        .filter(|d| !present.contains(d))
        .map(|d| d.label_id())
        .collect();
    (!missing.is_empty())
        .then(|| format!("Hasil musdes belum lengkap: unggah {}.", missing.join(", ")))
}

/// The musdes policy: how often a desa must meet, and from when the rule counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MusdesPolicy {
    /// Version of this policy.
    pub version: u32,
    /// Months allowed between two musdes.
    pub every_months: u8,
    /// From this date the rule applies: a desa that never met is overdue from this date plus
    /// the period.
    pub counting_from: Date,
}

impl MusdesPolicy {
    /// Every three months, counted from 1 Jan 2024.
    pub fn default_policy() -> MusdesPolicy {
        MusdesPolicy {
            version: 1,
            every_months: 3,
            counting_from: jiff::civil::date(2024, 1, 1),
        }
    }

    /// The date by which the next musdes is due after one held on `last` (or never).
    pub fn due_date(&self, last: Option<Date>) -> Date {
        let from = last.unwrap_or(self.counting_from);
        // jiff clamps month ends: 30 Nov + 3 months is 28 (or 29) Feb.
        from.checked_add(jiff::Span::new().months(i64::from(self.every_months)))
            .unwrap_or(from)
    }

    /// The desa overdue on `today` with the date each became overdue (the day after its due
    /// date), longest overdue first.
    pub fn overdue(&self, last_musdes: &[(RegionCode, Option<Date>)], today: Date) -> Vec<Overdue> {
        let mut out: Vec<Overdue> = last_musdes
            .iter()
            .filter_map(|(desa, last)| {
                let due = self.due_date(*last);
                (today > due).then(|| Overdue {
                    desa: desa.clone(),
                    last_musdes: *last,
                    overdue_since: due.tomorrow().unwrap_or(due),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.overdue_since
                .cmp(&b.overdue_since)
                .then_with(|| a.desa.cmp(&b.desa))
        });
        out
    }
}

/// A desa overdue for its musdes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Overdue {
    /// The desa.
    pub desa: RegionCode,
    /// Its last musdes, if any.
    pub last_musdes: Option<Date>,
    /// The first day it was overdue.
    pub overdue_since: Date,
}

impl Overdue {
    /// In Indonesian: "terlambat sejak 1 Mar 2026 (musdes terakhir 30 Nov 2025)".
    pub fn describe_id(&self) -> String {
        match self.last_musdes {
            Some(last) => format!(
                "terlambat sejak {} (musdes terakhir {})",
                format_date_id(self.overdue_since),
                format_date_id(last)
            ),
            None => format!(
                "terlambat sejak {} (belum pernah musdes)",
                format_date_id(self.overdue_since)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn code(n: u32) -> RegionCode {
        RegionCode::parse(&format!("35.26.15.{:04}", 2000 + n)).unwrap()
    }

    #[test]
    fn overdue_desa_and_since_when() {
        let policy = MusdesPolicy::default_policy();
        let today = date(2026, 3, 1);
        let desa = [
            (code(1), Some(date(2025, 11, 30))), // due 28 Feb 2026: overdue since 1 Mar
            (code(2), Some(date(2025, 12, 1))),  // due 1 Mar 2026: not yet
            (code(3), None),                     // never: due 1 Apr 2024
            (code(4), Some(date(2026, 2, 20))),
        ];
        let overdue = policy.overdue(&desa, today);
        assert_eq!(overdue.len(), 2);
        assert_eq!(
            (overdue[0].desa.clone(), overdue[0].overdue_since),
            (code(3), date(2024, 4, 2))
        );
        assert_eq!(
            (overdue[1].desa.clone(), overdue[1].overdue_since),
            (code(1), date(2026, 3, 1))
        );
        assert_eq!(
            overdue[1].describe_id(),
            "terlambat sejak 1 Mar 2026 (musdes terakhir 30 Nov 2025)"
        );
        assert_eq!(
            overdue[0].describe_id(),
            "terlambat sejak 2 Apr 2024 (belum pernah musdes)"
        );
    }

    #[test]
    fn month_ends_clamp() {
        let policy = MusdesPolicy::default_policy();
        assert_eq!(policy.due_date(Some(date(2023, 11, 30))), date(2024, 2, 29));
        assert_eq!(policy.due_date(Some(date(2026, 5, 31))), date(2026, 8, 31));
    }

    #[test]
    fn evidence_names_what_is_missing() {
        assert_eq!(missing_evidence(&MusdesDocument::ALL), None);
        assert_eq!(
            missing_evidence(&[MusdesDocument::BeritaAcara, MusdesDocument::FotoRapat]),
            Some("Hasil musdes belum lengkap: unggah daftar hadir, foto pengumuman hasil.".into())
        );
    }
}
