//! A list of desa typed by hand (the kabupaten's loci desa, say): one name per line, or a
//! column `DESA` (with `KECAMATAN` when the list has it) of a spreadsheet. Names are matched to
//! the official list by the server ([`super::names`]).

use super::columns::{Column, find_header};
use super::families::PlaceText;
use super::{Problem, blank};

/// One name of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDesa {
    /// Its row.
    pub row: u32,
    /// As typed.
    pub place: PlaceText,
}

/// Reads the list. A file without a `DESA` header is read as one name per line (the first
/// cell), a kecamatan after a comma or in the second cell (`Banyoning Laok, Geger`).
pub fn read(rows: &[Vec<String>]) -> (Vec<ListedDesa>, Vec<Problem>) {
    let mut listed = Vec::new();
    let problems = Vec::new();
    let header = find_header(rows, 1).filter(|h| h.has(Column::Desa) || h.has(Column::DesaCode));
    match header {
        Some(header) => {
            let column = if header.has(Column::Desa) {
                Column::Desa
            } else {
                Column::DesaCode
            };
            for (index, row) in rows.iter().enumerate().skip(header.row + 1) {
                let desa = header.cell(row, column);
                if desa.is_empty() {
                    continue;
                }
                listed.push(ListedDesa {
                    row: index as u32 + 1,
                    place: PlaceText {
                        desa: desa.to_owned(),
                        kecamatan: header.cell(row, Column::Kecamatan).to_owned(),
                    },
                });
            }
        }
        None => {
            for (index, row) in rows.iter().enumerate() {
                if blank(row) {
                    continue;
                }
                let first = row[0].trim();
                let (desa, kecamatan) = match first.split_once(',') {
                    Some((d, k)) => (d.trim(), k.trim()),
                    None => (first, row.get(1).map(|c| c.trim()).unwrap_or("")),
                };
                let desa = desa.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || c == '.' || c == ')' || c == ' '
                });
                if desa.is_empty() {
                    continue;
                }
                listed.push(ListedDesa {
                    row: index as u32 + 1,
                    place: PlaceText {
                        desa: desa.to_owned(),
                        kecamatan: kecamatan
                            .trim_start_matches("Kec.")
                            .trim_start_matches("Kecamatan")
                            .trim()
                            .to_owned(),
                    },
                });
            }
        }
    }
    (listed, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines.iter().map(|l| vec![(*l).to_owned()]).collect()
    }

    #[test]
    fn one_name_per_line() {
        let (listed, problems) = read(&rows(&[
            "1. Banyoning Laok, Kec. Geger",
            "",
            "Lombang Dajah",
            "2) Patenteng",
        ]));
        assert!(problems.is_empty());
        let names: Vec<(u32, &str, &str)> = listed
            .iter()
            .map(|l| (l.row, l.place.desa.as_str(), l.place.kecamatan.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                (1, "Banyoning Laok", "Geger"),
                (3, "Lombang Dajah", ""),
                (4, "Patenteng", "")
            ]
        );
    }

    #[test]
    fn a_desa_column() {
        let rows: Vec<Vec<String>> = vec![
            vec!["NO".into(), "KECAMATAN".into(), "DESA".into()],
            vec!["1".into(), "Blega".into(), "Alas Raja".into()],
            vec!["2".into(), "".into(), "".into()],
        ];
        let (listed, _) = read(&rows);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].row, 2);
        assert_eq!(listed[0].place.desa, "Alas Raja");
        assert_eq!(listed[0].place.kecamatan, "Blega");
    }
}
