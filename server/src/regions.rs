//! The official region list (Kemendagri codes, from the `idn-area-data` package under ODbL; see
//! `server/data/idn-area/ATTRIBUTION.md`), embedded in the binary. An instance serves one
//! kabupaten: at first start its province, kabupaten, kecamatan and desa are loaded into the store.

use tepat_domain::{RegionCode, RegionLevel};
use tepat_protocol::RegionRef;

const PROVINCES: &str = include_str!("../data/idn-area/provinces.csv");
const REGENCIES: &str = include_str!("../data/idn-area/regencies.csv");
const DISTRICTS: &str = include_str!("../data/idn-area/districts.csv");
const VILLAGES: &str = include_str!("../data/idn-area/villages.csv");

/// Why a kabupaten cannot be selected.
#[derive(Debug, thiserror::Error)]
pub enum RegionSelectError {
    /// The code is not a kabupaten/kota code.
    #[error("'{0}' bukan kode kabupaten/kota (contoh: 35.26 untuk Kabupaten Bangkalan)")]
    NotKabupaten(String),
    /// No kabupaten has this code.
    #[error("kabupaten/kota dengan kode {0} tidak ada dalam daftar wilayah Kemendagri")]
    Unknown(String),
}

/// Rows of a CSV as (code, name). The code is the first column, the name the column at
/// `name_col` and everything after it (a quoted name may contain commas; `""` is a quote).
fn rows(csv: &'static str, name_col: usize) -> impl Iterator<Item = (&'static str, String)> {
    csv.lines().skip(1).filter_map(move |line| {
        let mut parts = line.splitn(name_col + 1, ',');
        let code = parts.next()?;
        let name = parts.nth(name_col - 1)?;
        let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
            Some(quoted) => quoted.replace("\"\"", "\""),
            None => name.to_owned(),
        };
        Some((code, name))
    })
}

fn region(code: &str, name: &str) -> Option<RegionRef> {
    let code = RegionCode::parse(code).ok()?;
    Some(RegionRef {
        level: code.level(),
        code,
        name: name.to_owned(),
    })
}

/// Every kabupaten/kota of Indonesia, for the CLI's list.
pub fn all_kabupaten() -> Vec<RegionRef> {
    rows(REGENCIES, 2)
        .filter_map(|(c, n)| region(c, &n))
        .collect()
}

/// The province, the kabupaten, and all kecamatan and desa of `kabupaten`.
pub fn regions_of(kabupaten: &str) -> Result<Vec<RegionRef>, RegionSelectError> {
    let code = RegionCode::parse(kabupaten)
        .ok()
        .filter(|c| c.level() == RegionLevel::Kabupaten)
        .ok_or_else(|| RegionSelectError::NotKabupaten(kabupaten.to_owned()))?;
    let kab = rows(REGENCIES, 2)
        .find(|(c, _)| *c == code.as_str())
        .and_then(|(c, n)| region(c, &n))
        .ok_or_else(|| RegionSelectError::Unknown(kabupaten.to_owned()))?;
    let province = code.parent().expect("a kabupaten code has a province");
    let mut out: Vec<RegionRef> = rows(PROVINCES, 1)
        .filter(|(c, _)| *c == province.as_str())
        .filter_map(|(c, n)| region(c, &n))
        .collect();
    out.push(kab);
    let inside = |c: &str| {
        c.starts_with(code.as_str()) && c.as_bytes().get(code.as_str().len()) == Some(&b'.')
    };
    out.extend(
        rows(DISTRICTS, 2)
            .filter(|(c, _)| inside(c))
            .filter_map(|(c, n)| region(c, &n)),
    );
    out.extend(
        rows(VILLAGES, 2)
            .filter(|(c, _)| inside(c))
            .filter_map(|(c, n)| region(c, &n)),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bangkalan_has_18_kecamatan_and_281_desa() {
        let regions = regions_of("35.26").unwrap();
        let count = |level| regions.iter().filter(|r| r.level == level).count();
        assert_eq!(count(RegionLevel::Provinsi), 1);
        assert_eq!(count(RegionLevel::Kabupaten), 1);
        assert_eq!(count(RegionLevel::Kecamatan), 18);
        assert_eq!(count(RegionLevel::Desa), 281);
        let lombang = regions
            .iter()
            .find(|r| r.code.as_str() == "35.26.15.2012")
            .unwrap();
        assert_eq!(lombang.name, "Lombang Dajah");
        assert_eq!(regions[0].name, "Jawa Timur");
    }

    #[test]
    fn refuses_codes_that_are_not_a_known_kabupaten() {
        assert!(matches!(
            regions_of("35"),
            Err(RegionSelectError::NotKabupaten(_))
        ));
        assert!(matches!(
            regions_of("35.99"),
            Err(RegionSelectError::Unknown(_))
        ));
        assert!(all_kabupaten().len() > 500);
    }

    #[test]
    fn quoted_names_keep_their_commas_and_quotes() {
        let names: Vec<String> = rows(VILLAGES, 2)
            .filter(|(c, _)| ["12.07.28.1007", "35.13.15.2017"].contains(c))
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["Lubuk Pakam I,II", "Soka\"an"]);
    }
}
