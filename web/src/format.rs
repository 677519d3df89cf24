//! Numbers and dates the way Indonesian users write them: `1.234`, `Rp 600.000`, `23 Nov 2021`.

use crate::i18n::Lang;

/// A count with thousands separated by dots: `1.234` (the domain's rule, shared with the server).
pub fn number(n: u64) -> String {
    tepat_domain::text::format_number_id(n)
}

/// Money in rupiah: `Rp 600.000`.
pub fn rupiah(amount: u64) -> String {
    tepat_domain::text::format_rupiah(amount)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date: `23 Nov 2021` (`23 Agu 2021` in Indonesian, `23 Aug 2021` in English).
pub fn date(date: jiff::civil::Date, lang: Lang) -> String {
    let months = match lang {
        Lang::Id => tepat_domain::text::MONTHS_ID,
        Lang::En => MONTHS_EN,
    };
    format!(
        "{} {} {}",
        date.day(),
        months[date.month() as usize - 1],
        date.year()
    )
}

/// A moment as a Bangkalan clock shows it (WIB): `23 Nov 2026 09:30`.
pub fn date_time(at: jiff::Timestamp, lang: Lang) -> String {
    let local = at.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)));
    format!("{} {}", date(local.date(), lang), clock(local.time()))
}

/// A time of day as the clock shows it: `09:30` (what jiff's `strftime("%H:%M")` writes, without
/// pulling jiff's whole strftime engine into the app).
pub fn clock(time: jiff::civil::Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A moment in UTC as a file name takes it: `20261123-0230` (`strftime("%Y%m%d-%H%M")`).
pub fn file_stamp(at: jiff::Timestamp) -> String {
    let utc = jiff::tz::Offset::UTC.to_datetime(at);
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        utc.year(),
        utc.month(),
        utc.day(),
        utc.hour(),
        utc.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_money_and_dates() {
        let table = [
            (0, "0"),
            (999, "999"),
            (1_000, "1.000"),
            (1_234_567, "1.234.567"),
        ];
        for (n, text) in table {
            assert_eq!(number(n), text);
        }
        assert_eq!(rupiah(600_000), "Rp 600.000");
        let day = jiff::civil::date(2021, 8, 23);
        assert_eq!(date(day, Lang::Id), "23 Agu 2021");
        assert_eq!(date(day, Lang::En), "23 Aug 2021");
        for (h, m) in [(0, 0), (9, 5), (23, 59)] {
            let time = jiff::civil::time(h, m, 7, 0);
            assert_eq!(clock(time), time.strftime("%H:%M").to_string());
        }
        let at: jiff::Timestamp = "2026-11-23T02:30:59Z".parse().expect("a timestamp");
        assert_eq!(file_stamp(at), "20261123-0230");
        assert_eq!(file_stamp(at), at.strftime("%Y%m%d-%H%M").to_string());
    }
}
