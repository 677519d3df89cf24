//! Cell values as people and systems write them: dates (`23-11-1985`, `1985-11-23`,
//! `23/11/1985`, `23.11.1985`, an Excel date serial `31374`), sex and relation as Dukcapil codes
//! or labels, yes/no columns. Each reader answers the value or an Indonesian sentence saying what
//! is accepted.

use crate::family::{Relation, Sex};
use jiff::civil::Date;

/// Reads a date of birth.
pub fn date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let refuse = || {
        format!(
            "Tanggal \"{text}\" tidak terbaca: tulis hari-bulan-tahun (23-11-1985), \
             tahun-bulan-hari (1985-11-23) atau 23/11/1985."
        )
    };
    if text.is_empty() {
        return Err("Tanggal lahir kosong: isi hari-bulan-tahun (23-11-1985).".into());
    }
    // An Excel date serial (days since 30 Dec 1899), as a cell formatted as number shows it.
    if let Ok(serial) = text.parse::<f64>()
        && !text.contains(['-', '/'])
    {
        if !(1.0..=2_958_465.0).contains(&serial) {
            return Err(refuse());
        }
        let days = serial.trunc() as i64;
        return Date::new(1899, 12, 30)
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days(days)).ok())
            .ok_or_else(refuse);
    }
    // "1985-11-23 00:00:00" (a date cell read as text) counts as its date.
    let text_date = text.split([' ', 'T']).next().unwrap_or(text);
    let parts: Vec<&str> = text_date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(refuse());
    };
    let number = |p: &str| p.trim().parse::<i32>().ok();
    let (year, month, day) = match (number(a), number(b), number(c)) {
        (Some(y), Some(m), Some(d)) if a.len() == 4 => (y, m, d),
        (Some(d), Some(m), Some(y)) if c.len() == 4 => (y, m, d),
        _ => return Err(refuse()),
    };
    let (Ok(year), Ok(month), Ok(day)) =
        (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        return Err(refuse());
    };
    Date::new(year, month, day).map_err(|_| {
        format!("Tanggal \"{text}\" tidak ada di kalender: periksa hari dan bulannya.")
    })
}

/// Reads sex: `1`/`L`/`LAKI-LAKI`/`PRIA` or `2`/`P`/`PEREMPUAN`/`WANITA`.
pub fn sex(text: &str) -> Result<Sex, String> {
    match super::columns::normalise_header(text).as_str() {
        "1" | "L" | "LK" | "LAKI LAKI" | "LAKI" | "PRIA" => Ok(Sex::Male),
        "2" | "P" | "PR" | "PEREMPUAN" | "WANITA" => Ok(Sex::Female),
        "" => Err("Jenis kelamin kosong: isi 1/L (laki-laki) atau 2/P (perempuan).".into()),
        _ => Err(format!(
            "Jenis kelamin \"{}\" tidak dikenal: isi 1/L (laki-laki) atau 2/P (perempuan).",
            text.trim()
        )),
    }
}

/// Reads the relation to the head: a SHDK code 1–11 or its label.
pub fn relation(text: &str) -> Result<Relation, String> {
    use Relation::*;
    let label = super::columns::normalise_header(text);
    if let Some(relation) = label.parse::<u8>().ok().and_then(Relation::from_shdk_code) {
        return Ok(relation);
    }
    Ok(match label.as_str() {
        "KEPALA KELUARGA" | "KK" | "KEPALA RUMAH TANGGA" | "KRT" => KepalaKeluarga,
        "SUAMI" => Suami,
        "ISTRI" | "ISTERI" => Istri,
        "ANAK" | "ANAK KANDUNG" | "ANAK ANGKAT" | "ANAK TIRI" => Anak,
        "MENANTU" => Menantu,
        "CUCU" => Cucu,
        "ORANG TUA" | "ORANGTUA" | "AYAH" | "IBU" => Orangtua,
        "MERTUA" => Mertua,
        "FAMILI LAIN" | "FAMILI" | "SAUDARA" => FamiliLain,
        "PEMBANTU" => Pembantu,
        "LAINNYA" | "LAIN LAIN" | "LAIN" => Lainnya,
        "" => {
            return Err(
                "Hubungan keluarga kosong: isi kode SHDK 1–11 (1 kepala keluarga, 3 istri, 4 anak) atau namanya."
                    .into(),
            );
        }
        _ => {
            return Err(format!(
                "Hubungan keluarga \"{}\" tidak dikenal: isi kode SHDK 1–11 (1 kepala keluarga, 3 istri, 4 anak) atau namanya.",
                text.trim()
            ));
        }
    })
}

/// Reads a yes/no cell of a programme column: `YA`/`Y`/`1`/`ADA`/`TRUE` (or the programme's
/// name) is yes, empty/`TIDAK`/`T`/`0`/`-`/`FALSE` is no.
pub fn yes(text: &str, programme: &str) -> Result<bool, String> {
    let value = super::columns::normalise_header(text);
    match value.as_str() {
        "" | "TIDAK" | "T" | "0" | "N" | "NO" | "FALSE" | "BUKAN" | "TIDAK ADA" => Ok(false),
        "YA" | "Y" | "1" | "ADA" | "YES" | "TRUE" | "PENERIMA" => Ok(true),
        other if other == programme => Ok(true),
        _ => Err(format!(
            "Isian \"{}\" tidak terbaca: isi YA atau TIDAK (atau 1/0).",
            text.trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_layout() {
        for (text, expected) in [
            ("23-11-1985", d(1985, 11, 23)),
            ("1985-11-23", d(1985, 11, 23)),
            ("23/11/1985", d(1985, 11, 23)),
            ("3/1/2001", d(2001, 1, 3)),
            ("23.11.1985", d(1985, 11, 23)),
            ("1985-11-23 00:00:00", d(1985, 11, 23)),
            // Excel serials: 31374 is 23 Nov 1985; 36526 is 1 Jan 2000.
            ("31374", d(1985, 11, 23)),
            ("36526", d(2000, 1, 1)),
            ("36526.0", d(2000, 1, 1)),
        ] {
            assert_eq!(date(text), Ok(expected), "{text}");
        }
        for bad in ["", "31-02-1990", "kemarin", "11-1985", "85-11-23", "-5"] {
            assert!(date(bad).is_err(), "{bad}");
        }
        assert!(
            date("31-02-1990")
                .unwrap_err()
                .contains("tidak ada di kalender")
        );
    }

    #[test]
    fn sex_and_relation_as_codes_or_labels() {
        assert_eq!(sex("2"), Ok(Sex::Female));
        assert_eq!(sex("Perempuan"), Ok(Sex::Female));
        assert_eq!(sex("laki-laki"), Ok(Sex::Male));
        assert!(sex("X").unwrap_err().contains("\"X\""));
        assert_eq!(relation("1"), Ok(Relation::KepalaKeluarga));
        assert_eq!(relation("Kepala Keluarga"), Ok(Relation::KepalaKeluarga));
        assert_eq!(relation("3"), Ok(Relation::Istri));
        assert_eq!(relation("ANAK"), Ok(Relation::Anak));
        assert_eq!(relation("11"), Ok(Relation::Lainnya));
        assert!(relation("12").is_err());
        assert!(relation("tetangga").is_err());
    }

    #[test]
    fn yes_no_cells() {
        assert_eq!(yes("YA", "PKH"), Ok(true));
        assert_eq!(yes("pkh", "PKH"), Ok(true));
        assert_eq!(yes("", "PKH"), Ok(false));
        assert_eq!(yes("-", "PKH"), Ok(false));
        assert!(yes("mungkin", "PKH").is_err());
    }
}
