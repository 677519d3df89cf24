//! The leaders' summary made ready to draw, pure and unit-tested: the table's sortable columns
//! (the value each sorts by, ties by name), shares in percent, waiting per level with the
//! 14-day alarm, and the geometry of the two charts (horizontal bars per kecamatan, grouped
//! bars per month) in SVG units, with a round axis maximum.

use tepat_protocol::spread::{MonthProgress, RegionRow};

/// A proposal waiting longer than this many days is highlighted.
pub const LONG_WAIT_DAYS: u32 = 14;

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Region name (A–Z).
    Name,
    /// Families.
    Families,
    /// Members.
    Members,
    /// Share pinned.
    Pinned,
    /// Share with a house photo.
    Photo,
    /// Share verified.
    Verified,
    /// Extreme poor.
    Extreme,
    /// Likely inclusion errors.
    Inclusion,
    /// Likely exclusion errors.
    Exclusion,
    /// Proposals waiting anywhere.
    Waiting,
    /// Share of the quota used.
    Quota,
    /// Last musdes (never held first).
    Musdes,
    /// Share of the recipient houses labelled.
    Labelled,
    /// Sanggah (inclusion signals) still open.
    Sanggah,
    /// Usul (exclusion signals) still open.
    Usul,
}

/// Per mille of `part` in `whole` (0 when `whole` is 0), for sorting shares exactly.
fn per_mille(part: u32, whole: u32) -> u64 {
    if whole == 0 {
        0
    } else {
        u64::from(part) * 1000 / u64::from(whole)
    }
}

/// `part` of `whole` in percent, one decimal, as the Indonesian write it (`12,5%`).
pub fn percent(part: u32, whole: u32) -> String {
    // A share of nothing is no share: a dash, not "0%".
    if whole == 0 {
        return "–".into();
    }
    let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole);
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{},{}%", tenths / 10, tenths % 10)
    }
}

/// Proposals waiting at every level together.
pub fn waiting_total(row: &RegionRow) -> u32 {
    row.waiting.iter().map(|w| w.count).sum()
}

fn key_value(row: &RegionRow, key: SortKey) -> u64 {
    match key {
        SortKey::Name => 0,
        SortKey::Families => row.families.into(),
        SortKey::Members => row.members.into(),
        SortKey::Pinned => per_mille(row.pinned, row.families),
        SortKey::Photo => per_mille(row.with_photo, row.families),
        SortKey::Verified => per_mille(row.verified, row.families),
        SortKey::Extreme => row.extreme.into(),
        SortKey::Inclusion => row.inclusion_errors.into(),
        SortKey::Exclusion => row.exclusion_errors.into(),
        SortKey::Waiting => waiting_total(row).into(),
        SortKey::Quota => per_mille(row.quota.used, row.quota.share),
        SortKey::Musdes => row
            .last_musdes
            .map(|d| {
                (i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day()))
                    as u64
            })
            .unwrap_or(0),
        SortKey::Labelled => per_mille(row.labelled, row.recipients),
        SortKey::Sanggah => u64::from(row.sanggah_open) << 32 | u64::from(row.sanggah_total),
        SortKey::Usul => u64::from(row.usul_open) << 32 | u64::from(row.usul_total),
    }
}

/// The rows in the order of `key` (`descending` for the larger first), ties by name.
pub fn sorted(rows: &[RegionRow], key: SortKey, descending: bool) -> Vec<RegionRow> {
    let mut out = rows.to_vec();
    out.sort_by(|a, b| {
        let order = if key == SortKey::Name {
            a.name.cmp(&b.name)
        } else {
            key_value(a, key)
                .cmp(&key_value(b, key))
                .then_with(|| a.name.cmp(&b.name))
        };
        if descending { order.reverse() } else { order }
    });
    out
}

/// A round axis maximum at or above `max` (1, 2 or 5 times a power of ten; at least 1).
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            if step * m >= max.max(1) {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// One horizontal bar pair of the kecamatan chart.
#[derive(Debug, Clone, PartialEq)]
pub struct HBar {
    /// Kecamatan name.
    pub label: String,
    /// Top of the row, SVG units.
    pub y: f64,
    /// Width of the families bar.
    pub families: f64,
    /// Width of the extreme-poor bar.
    pub extreme: f64,
    /// The counts, for labels.
    pub counts: (u32, u32),
    /// A loci kecamatan.
    pub loci: bool,
}

/// Width of the bar area of the kecamatan chart, SVG units.
pub const BAR_AREA: f64 = 420.0;
/// Height of one kecamatan's row.
pub const BAR_ROW: f64 = 30.0;

/// The kecamatan chart: families and extreme poor per row, scaled to [`BAR_AREA`] by a round
/// maximum (returned).
pub fn kecamatan_bars(rows: &[RegionRow]) -> (Vec<HBar>, u64) {
    let max = nice_max(
        rows.iter()
            .map(|r| u64::from(r.families))
            .max()
            .unwrap_or(0),
    );
    let width = |n: u32| f64::from(n) / max as f64 * BAR_AREA;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| HBar {
            label: r.name.clone(),
            y: i as f64 * BAR_ROW,
            families: width(r.families),
            extreme: width(r.extreme),
            counts: (r.families, r.extreme),
            loci: r.loci,
        })
        .collect();
    (bars, max)
}

/// Height of the month chart's plot area.
pub const MONTH_PLOT: f64 = 160.0;
/// Width of one month's group.
pub const MONTH_SLOT: f64 = 48.0;

/// One month's three bar heights (proposed, finalised, visits) in SVG units.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthBars {
    /// `Nov` / `Agu`.
    pub label: String,
    /// Heights, in the series' order.
    pub heights: [f64; 3],
    /// The counts.
    pub counts: [u32; 3],
}

/// The progress chart: each month's three series scaled to [`MONTH_PLOT`] by a round maximum
/// (returned). `months` names the months (12 short names, January first).
pub fn month_bars(progress: &[MonthProgress], months: [&str; 12]) -> (Vec<MonthBars>, u64) {
    let counts = |m: &MonthProgress| [m.proposed, m.finalised, m.visits];
    let max = nice_max(
        progress
            .iter()
            .flat_map(counts)
            .map(u64::from)
            .max()
            .unwrap_or(0),
    );
    let bars = progress
        .iter()
        .map(|m| {
            let month: usize = m
                .month
                .split('-')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let c = counts(m);
            MonthBars {
                label: months[(month.clamp(1, 12)) - 1].to_owned(),
                heights: c.map(|n| f64::from(n) / max as f64 * MONTH_PLOT),
                counts: c,
            }
        })
        .collect();
    (bars, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_protocol::spread::{QuotaUse, Waiting};

    fn row(name: &str, families: u32, pinned: u32, musdes: Option<(i16, i8, i8)>) -> RegionRow {
        RegionRow {
            code: name.into(),
            name: name.into(),
            kecamatan: None,
            loci: false,
            families,
            members: families * 4,
            pinned,
            with_photo: 0,
            verified: 0,
            extreme: families / 10,
            receiving: 0,
            inclusion_errors: 0,
            exclusion_errors: 0,
            waiting: vec![Waiting::default(); 6],
            quota: QuotaUse::default(),
            last_musdes: musdes.map(|(y, m, d)| jiff::civil::date(y, m, d)),
            musdes_overdue: 0,
            recipients: 0,
            labelled: 0,
            sanggah_open: 0,
            sanggah_total: 0,
            usul_open: 0,
            usul_total: 0,
        }
    }

    #[test]
    fn sorting_by_share_count_name_and_date() {
        let rows = vec![
            row("Blega", 100, 50, Some((2026, 9, 1))),
            row("Arosbaya", 10, 9, None),
            row("Kokop", 40, 20, Some((2026, 3, 5))),
        ];
        let names = |rows: Vec<RegionRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(
            names(sorted(&rows, SortKey::Name, false)),
            ["Arosbaya", "Blega", "Kokop"]
        );
        assert_eq!(
            names(sorted(&rows, SortKey::Families, true)),
            ["Blega", "Kokop", "Arosbaya"]
        );
        // 90% pinned beats 50%; the two at 50% by name.
        assert_eq!(
            names(sorted(&rows, SortKey::Pinned, true)),
            ["Arosbaya", "Kokop", "Blega"]
        );
        // Never held first when ascending.
        assert_eq!(
            names(sorted(&rows, SortKey::Musdes, false)),
            ["Arosbaya", "Kokop", "Blega"]
        );
    }

    #[test]
    fn percentages_and_round_maxima() {
        assert_eq!(percent(1, 8), "12,5%");
        assert_eq!(percent(1, 2), "50%");
        assert_eq!(percent(2, 3), "66,7%");
        assert_eq!(percent(5, 0), "–");
        for (max, nice) in [
            (0, 1),
            (1, 1),
            (3, 5),
            (7, 10),
            (11, 20),
            (140, 200),
            (500, 500),
        ] {
            assert_eq!(nice_max(max), nice, "{max}");
        }
    }

    #[test]
    fn chart_geometry_scales_to_the_round_maximum() {
        let rows = vec![row("A", 140, 0, None), row("B", 70, 0, None)];
        let (bars, max) = kecamatan_bars(&rows);
        assert_eq!(max, 200);
        assert_eq!(bars[0].families, 140.0 / 200.0 * BAR_AREA);
        assert_eq!(bars[1].y, BAR_ROW);
        assert_eq!(bars[1].extreme, 7.0 / 200.0 * BAR_AREA);
        let progress = vec![MonthProgress {
            month: "2026-11".into(),
            proposed: 4,
            finalised: 1,
            visits: 5,
        }];
        let months = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        let (bars, max) = month_bars(&progress, months);
        assert_eq!(max, 5);
        assert_eq!(bars[0].label, "Nov");
        assert_eq!(bars[0].heights[2], MONTH_PLOT);
        assert_eq!(bars[0].counts, [4, 1, 5]);
    }

    #[test]
    fn labelling_sorts_by_share_and_cases_by_open_then_filed() {
        let mut a = row("A", 10, 0, None);
        (a.recipients, a.labelled, a.sanggah_open, a.sanggah_total) = (4, 1, 1, 5);
        (a.usul_open, a.usul_total) = (1, 1);
        let mut b = row("B", 10, 0, None);
        (b.recipients, b.labelled, b.sanggah_open, b.sanggah_total) = (10, 5, 2, 2);
        (b.usul_open, b.usul_total) = (0, 3);
        // Nothing to label sorts as 0%, below any share.
        let c = row("C", 10, 0, None);
        let names = |rows: Vec<RegionRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
        let rows = vec![a, b, c];
        assert_eq!(
            names(sorted(&rows, SortKey::Labelled, true)),
            ["B", "A", "C"]
        );
        assert_eq!(
            names(sorted(&rows, SortKey::Sanggah, true)),
            ["B", "A", "C"]
        );
        // Open first, then filed: one open of one before none open of three.
        assert_eq!(names(sorted(&rows, SortKey::Usul, true)), ["A", "B", "C"]);
    }
}
