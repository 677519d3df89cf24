//! Time windows of the verification process, as settings the Dinas can change (Bangkalan 2024
//! by default): verification any day; ratification (pengesahan) only on H-1, the day before the
//! month's last day; bansos proposals from the 15th until before H-5 (so the last day they are
//! open is H-6); PBI-JK proposals from the 1st to the 11th. Days are the kabupaten's local days
//! (WIB, WITA or WIT: fixed offsets, Indonesia has no daylight saving, so no time-zone database
//! is needed, in the browser either). The domain answers "open now?" and "opens when?".

use crate::text::format_date_id;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The kabupaten's time zone. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Zone {
    /// Waktu Indonesia Barat, UTC+7.
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    Wit,
}

impl Zone {
    /// Hours ahead of UTC.
    pub fn utc_offset_hours(self) -> i8 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    /// The local calendar date at an instant.
    pub fn local_date(self, at: jiff::Timestamp) -> Date {
        let offset = jiff::tz::Offset::constant(self.utc_offset_hours());
        at.to_zoned(jiff::tz::TimeZone::fixed(offset)).date()
    }
}

/// One end of a range of days in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum DayBound {
    /// Day N of the month (clamped to the month's last day).
    DayOfMonth(u8),
    /// N days before the month's last day: 0 is the last day, 1 is H-1.
    BeforeMonthEnd(u8),
}

impl DayBound {
    fn in_month(self, last_day: u8) -> u8 {
        match self {
            DayBound::DayOfMonth(n) => n.clamp(1, last_day),
            DayBound::BeforeMonthEnd(n) => last_day.saturating_sub(n).max(1),
        }
    }

    fn describe(self) -> String {
        match self {
            DayBound::DayOfMonth(n) => format!("tanggal {n}"),
            DayBound::BeforeMonthEnd(0) => "hari terakhir bulan".into(),
            DayBound::BeforeMonthEnd(n) => format!("H-{n} akhir bulan"),
        }
    }
}

/// When a window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum WindowRule {
    /// Every day.
    Always,
    /// The days from `from` to `to` of every month, both included.
    Days {
        /// First open day.
        from: DayBound,
        /// Last open day.
        to: DayBound,
    },
}

impl WindowRule {
    /// The rule in Indonesian words: "pada H-1 akhir bulan", "tanggal 1 sampai tanggal 11".
    pub fn describe(self) -> String {
        match self {
            WindowRule::Always => "setiap hari".into(),
            WindowRule::Days { from, to } if from == to => format!("pada {}", from.describe()),
            WindowRule::Days { from, to } => {
                format!("{} sampai {}", from.describe(), to.describe())
            }
        }
    }

    /// The open days of the month of `date`, if any.
    fn days_in_month_of(self, date: Date) -> Option<(u8, u8)> {
        match self {
            WindowRule::Always => Some((1, date.days_in_month() as u8)),
            WindowRule::Days { from, to } => {
                let last = date.days_in_month() as u8;
                let (first, last) = (from.in_month(last), to.in_month(last));
                (first <= last).then_some((first, last))
            }
        }
    }
}

/// The windows of the process. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum WindowKind {
    /// Verification of eligibility.
    Verification,
    /// Ratification (pengesahan) by the Bupati.
    Ratification,
    /// Bansos (PKH, BPNT) proposals.
    BansosProposal,
    /// PBI-JK proposals.
    PbiJkProposal,
}

impl WindowKind {
    /// The Indonesian name.
    pub fn label_id(self) -> &'static str {
        match self {
            WindowKind::Verification => "Verifikasi",
            WindowKind::Ratification => "Pengesahan",
            WindowKind::BansosProposal => "Usulan bansos",
            WindowKind::PbiJkProposal => "Usulan PBI-JK",
        }
    }
}

/// Whether a window is open on a day, and until or from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum WindowStatus {
    /// Open every day.
    Always,
    /// Open today, up to and including `until`.
    Open {
        /// The last open day of this stretch.
        until: Date,
    },
    /// Closed today; opens on `opens_on`.
    Closed {
        /// The next open day.
        opens_on: Date,
    },
}

impl WindowStatus {
    /// Whether the window is open.
    pub fn is_open(self) -> bool {
        !matches!(self, WindowStatus::Closed { .. })
    }
}

/// The windows of one kabupaten, versioned: a policy change is a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WindowPolicy {
    /// Version of this policy (1, 2, …).
    pub version: u32,
    /// The kabupaten's time zone.
    pub zone: Zone,
    /// Verification.
    pub verification: WindowRule,
    /// Ratification.
    pub ratification: WindowRule,
    /// Bansos proposals.
    pub bansos_proposal: WindowRule,
    /// PBI-JK proposals.
    pub pbi_jk_proposal: WindowRule,
}

impl WindowPolicy {
    /// Bangkalan's windows of 2024 (WIB).
    pub fn bangkalan_2024() -> WindowPolicy {
        WindowPolicy {
            version: 1,
            zone: Zone::Wib,
            verification: WindowRule::Always,
            ratification: WindowRule::Days {
                from: DayBound::BeforeMonthEnd(1),
                to: DayBound::BeforeMonthEnd(1),
            },
            bansos_proposal: WindowRule::Days {
                from: DayBound::DayOfMonth(15),
                to: DayBound::BeforeMonthEnd(6),
            },
            pbi_jk_proposal: WindowRule::Days {
                from: DayBound::DayOfMonth(1),
                to: DayBound::DayOfMonth(11),
            },
        }
    }

    /// Checks a policy before it is put in force: a version, and day bounds that exist.
    pub fn validate(&self) -> Result<(), String> {
        if self.version == 0 {
            return Err("versi kebijakan jadwal harus 1 atau lebih".into());
        }
        let bounds_ok = |rule: WindowRule| match rule {
            WindowRule::Always => true,
            WindowRule::Days { from, to } => [from, to].iter().all(|b| match b {
                DayBound::DayOfMonth(n) => (1..=31).contains(n),
                DayBound::BeforeMonthEnd(n) => *n <= 27,
            }),
        };
        let all = [
            self.verification,
            self.ratification,
            self.bansos_proposal,
            self.pbi_jk_proposal,
        ];
        if all.into_iter().all(bounds_ok) {
            Ok(())
        } else {
            Err("batas hari tidak sah: tanggal 1–31, atau H-0 sampai H-27 akhir bulan".into())
        }
    }

    /// The rule of one window.
    pub fn rule(&self, kind: WindowKind) -> WindowRule {
        match kind {
            WindowKind::Verification => self.verification,
            WindowKind::Ratification => self.ratification,
            WindowKind::BansosProposal => self.bansos_proposal,
            WindowKind::PbiJkProposal => self.pbi_jk_proposal,
        }
    }

    /// The window's status on a local date.
    pub fn status_on(&self, kind: WindowKind, today: Date) -> WindowStatus {
        let rule = self.rule(kind);
        if rule == WindowRule::Always {
            return WindowStatus::Always;
        }
        if let Some((first, last)) = rule.days_in_month_of(today) {
            let day = today.day() as u8;
            if (first..=last).contains(&day) {
                return WindowStatus::Open {
                    until: today.with().day(last as i8).build().unwrap_or(today),
                };
            }
            if day < first {
                return WindowStatus::Closed {
                    opens_on: today.with().day(first as i8).build().unwrap_or(today),
                };
            }
        }
        // Later months: the first month whose range is not empty (a rule may be empty in
        // February only, say; two years is far beyond any sensible rule).
        let mut month = today.first_of_month();
        for _ in 0..24 {
            month = month
                .checked_add(jiff::Span::new().months(1))
                .unwrap_or(month);
            if let Some((first, _)) = rule.days_in_month_of(month) {
                return WindowStatus::Closed {
                    opens_on: month.with().day(first as i8).build().unwrap_or(month),
                };
            }
        }
        WindowStatus::Closed { opens_on: month }
    }

    /// The window's status at an instant, on the kabupaten's local day.
    pub fn status(&self, kind: WindowKind, now: jiff::Timestamp) -> WindowStatus {
        self.status_on(kind, self.zone.local_date(now))
    }

    /// Why a step is refused when its window is closed, and when to come back, in Indonesian.
    pub fn closed_message(&self, kind: WindowKind, opens_on: Date) -> String {
        format!(
            "{} hanya dibuka {}. Dibuka lagi {}.",
            kind.label_id(),
            self.rule(kind).describe(),
            format_date_id(opens_on)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn status(kind: WindowKind, d: Date) -> WindowStatus {
        WindowPolicy::bangkalan_2024().status_on(kind, d)
    }

    fn open_until(d: Date) -> WindowStatus {
        WindowStatus::Open { until: d }
    }

    fn closed(d: Date) -> WindowStatus {
        WindowStatus::Closed { opens_on: d }
    }

    #[test]
    fn ratification_only_on_h_minus_1_for_months_of_28_29_30_31_days() {
        use WindowKind::Ratification as R;
        let table = [
            // 28 days (Feb 2026): H-1 is the 27th.
            (date(2026, 2, 26), closed(date(2026, 2, 27))),
            (date(2026, 2, 27), open_until(date(2026, 2, 27))),
            (date(2026, 2, 28), closed(date(2026, 3, 30))),
            // 29 days (Feb 2024): the 28th.
            (date(2024, 2, 28), open_until(date(2024, 2, 28))),
            (date(2024, 2, 29), closed(date(2024, 3, 30))),
            (date(2024, 2, 27), closed(date(2024, 2, 28))),
            // 30 days (Nov 2026): the 29th.
            (date(2026, 11, 29), open_until(date(2026, 11, 29))),
            (date(2026, 11, 30), closed(date(2026, 12, 30))),
            (date(2026, 11, 1), closed(date(2026, 11, 29))),
            // 31 days (Dec 2026): the 30th; the next is January's 30th.
            (date(2026, 12, 30), open_until(date(2026, 12, 30))),
            (date(2026, 12, 31), closed(date(2027, 1, 30))),
        ];
        for (day, expected) in table {
            assert_eq!(status(R, day), expected, "{day}");
        }
    }

    #[test]
    fn bansos_from_the_15th_until_before_h_minus_5() {
        use WindowKind::BansosProposal as B;
        let table = [
            (date(2026, 2, 14), closed(date(2026, 2, 15))),
            (date(2026, 2, 15), open_until(date(2026, 2, 22))),
            (date(2026, 2, 22), open_until(date(2026, 2, 22))),
            // H-5 of a 28-day month is the 23rd: closed from then.
            (date(2026, 2, 23), closed(date(2026, 3, 15))),
            (date(2024, 2, 23), open_until(date(2024, 2, 23))),
            (date(2024, 2, 24), closed(date(2024, 3, 15))),
            (date(2026, 11, 24), open_until(date(2026, 11, 24))),
            (date(2026, 11, 25), closed(date(2026, 12, 15))),
            (date(2026, 12, 25), open_until(date(2026, 12, 25))),
            (date(2026, 12, 26), closed(date(2027, 1, 15))),
        ];
        for (day, expected) in table {
            assert_eq!(status(B, day), expected, "{day}");
        }
    }

    #[test]
    fn pbi_jk_from_the_1st_to_the_11th_and_verification_always() {
        use WindowKind::PbiJkProposal as P;
        assert_eq!(status(P, date(2026, 11, 1)), open_until(date(2026, 11, 11)));
        assert_eq!(
            status(P, date(2026, 11, 11)),
            open_until(date(2026, 11, 11))
        );
        assert_eq!(status(P, date(2026, 11, 12)), closed(date(2026, 12, 1)));
        assert_eq!(status(P, date(2026, 12, 31)), closed(date(2027, 1, 1)));
        assert_eq!(
            status(WindowKind::Verification, date(2026, 2, 28)),
            WindowStatus::Always
        );
    }

    #[test]
    fn the_local_day_decides_across_time_zones() {
        // 16:30 UTC on 28 Nov 2026 is 23:30 WIB (still the 28th) but 00:30 WITA and 01:30 WIT
        // on the 29th, H-1 of November.
        let instant: jiff::Timestamp = "2026-11-28T16:30:00Z".parse().unwrap();
        let mut policy = WindowPolicy::bangkalan_2024();
        assert_eq!(
            policy.status(WindowKind::Ratification, instant),
            closed(date(2026, 11, 29))
        );
        policy.zone = Zone::Wita;
        assert!(policy.status(WindowKind::Ratification, instant).is_open());
        policy.zone = Zone::Wit;
        assert!(policy.status(WindowKind::Ratification, instant).is_open());
        // One minute before midnight WIB of the 29th is still open; at midnight it closes.
        policy.zone = Zone::Wib;
        let last_minute: jiff::Timestamp = "2026-11-29T16:59:00Z".parse().unwrap();
        assert!(
            policy
                .status(WindowKind::Ratification, last_minute)
                .is_open()
        );
        let midnight: jiff::Timestamp = "2026-11-29T17:00:00Z".parse().unwrap();
        assert!(!policy.status(WindowKind::Ratification, midnight).is_open());
    }

    #[test]
    fn refusals_say_the_rule_and_the_next_opening() {
        let policy = WindowPolicy::bangkalan_2024();
        assert_eq!(
            policy.closed_message(WindowKind::Ratification, date(2026, 11, 29)),
            "Pengesahan hanya dibuka pada H-1 akhir bulan. Dibuka lagi 29 Nov 2026."
        );
        assert_eq!(
            policy.closed_message(WindowKind::BansosProposal, date(2026, 12, 15)),
            "Usulan bansos hanya dibuka tanggal 15 sampai H-6 akhir bulan. Dibuka lagi 15 Des 2026."
        );
    }

    #[test]
    fn policies_are_validated() {
        assert_eq!(WindowPolicy::bangkalan_2024().validate(), Ok(()));
        let mut bad = WindowPolicy::bangkalan_2024();
        bad.pbi_jk_proposal = WindowRule::Days {
            from: DayBound::DayOfMonth(0),
            to: DayBound::DayOfMonth(11),
        };
        assert!(bad.validate().unwrap_err().contains("tanggal 1–31"));
        bad = WindowPolicy::bangkalan_2024();
        bad.version = 0;
        assert!(bad.validate().is_err());
    }

    #[test]
    fn a_rule_empty_in_short_months_skips_them() {
        let mut policy = WindowPolicy::bangkalan_2024();
        policy.pbi_jk_proposal = WindowRule::Days {
            from: DayBound::DayOfMonth(30),
            to: DayBound::DayOfMonth(31),
        };
        // February has no 30th: clamping makes 28..28, so the range is the last day only.
        assert_eq!(
            policy.status_on(WindowKind::PbiJkProposal, date(2026, 2, 1)),
            closed(date(2026, 2, 28))
        );
        policy.pbi_jk_proposal = WindowRule::Days {
            from: DayBound::DayOfMonth(20),
            to: DayBound::BeforeMonthEnd(10),
        };
        // 30-day months: 20..20; 28-day February: 20..18 is empty, so March's 20th.
        assert_eq!(
            policy.status_on(WindowKind::PbiJkProposal, date(2026, 2, 1)),
            closed(date(2026, 3, 20))
        );
    }
}
