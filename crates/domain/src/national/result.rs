//! Reading the national result: rows of cells (from CSV or XLSX) with a header row naming
//! `ID USULAN` and/or `NOKK`, `HASIL` and `ALASAN` (labels in any case, spaces, dots or
//! underscores alike; other columns are ignored, so the exported sheet with HASIL and ALASAN
//! filled in is a valid result file). `HASIL` takes `DITERIMA`/`TERIMA`/`1`/`YA` or
//! `DITOLAK`/`TOLAK`/`0`/`TIDAK` in any case; a rejection needs its `ALASAN`. A row with an empty
//! `HASIL` has no answer yet and is skipped (counted). Rows of one proposal (one per member in
//! the exported sheet) must agree. Every row that cannot be read is reported with its row number
//! (as the spreadsheet shows it, the header being row 1 when it is on the first line) and why.

/// Which proposal a row answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResultKey {
    /// By `ID USULAN`.
    Proposal(uuid::Uuid),
    /// By `NOKK` only (the server finds the family's proposal sent to the national system).
    Kk(String),
}

impl std::fmt::Display for ResultKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResultKey::Proposal(id) => write!(f, "usulan {id}"),
            ResultKey::Kk(kk) => write!(f, "NOKK {kk}"),
        }
    }
}

/// The national system's answer on one proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted: the proposal goes into the register.
    Accepted,
    /// Rejected, with the national system's reason.
    Rejected(String),
}

/// One answer read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The first row it was read from.
    pub row: u32,
    /// Which proposal.
    pub key: ResultKey,
    /// The answer.
    pub outcome: Outcome,
}

/// A row that could not be read (or applied), and why, in Indonesian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    /// Why.
    pub reason: String,
}

/// What was read from a result file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedResult {
    /// One answer per proposal, in file order.
    pub answers: Vec<ResultRow>,
    /// Rows with an empty HASIL (no answer yet), skipped.
    pub pending: u32,
    /// Rows that could not be read.
    pub problems: Vec<RowProblem>,
}

/// Why a file is not a result file at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// Nothing but blank rows.
    #[error("File kosong: tidak ada baris judul maupun data.")]
    Empty,
    /// The header lacks a column.
    #[error(
        "Baris judul (baris {row}) tidak punya kolom {missing}. Kolom yang dibaca: {found}. File hasil perlu kolom ID USULAN atau NOKK, HASIL, dan ALASAN."
    )]
    Missing {
        /// The header's row number.
        row: u32,
        /// What is missing, in words.
        missing: &'static str,
        /// The headers found.
        found: String,
    },
    /// A column named twice.
    #[error("Kolom {0} ada dua kali di baris judul: hapus salah satunya.")]
    Twice(&'static str),
}

/// A header label made comparable: upper case, `.`/`_`/`-` as spaces, spaces collapsed.
fn normalise(label: &str) -> String {
    label
        .trim()
        .trim_start_matches('\u{feff}')
        .to_uppercase()
        .replace(['.', '_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Kk,
    Result,
    Reason,
}

fn field_of(label: &str) -> Option<Field> {
    match normalise(label).as_str() {
        "ID USULAN" | "IDUSULAN" | "ID" => Some(Field::Id),
        "NOKK" | "NO KK" | "NOMOR KK" | "NO KARTU KELUARGA" => Some(Field::Kk),
        "HASIL" | "HASIL PUSAT" | "STATUS HASIL" => Some(Field::Result),
        "ALASAN" | "ALASAN PENOLAKAN" | "KETERANGAN" => Some(Field::Reason),
        _ => None,
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Id => "ID USULAN",
        Field::Kk => "NOKK",
        Field::Result => "HASIL",
        Field::Reason => "ALASAN",
    }
}

/// What a HASIL cell says: `Some(true)` accepted, `Some(false)` rejected, `None` unreadable.
pub fn read_verdict(cell: &str) -> Option<bool> {
    match normalise(cell).as_str() {
        "DITERIMA" | "TERIMA" | "1" | "YA" | "ACCEPTED" => Some(true),
        "DITOLAK" | "TOLAK" | "0" | "TIDAK" | "REJECTED" => Some(false),
        _ => None,
    }
}

/// A NOKK cell as 16 digits, or why not (Excel's `3.52615E+15` named as such).
fn read_kk(cell: &str) -> Result<String, String> {
    let text = cell.trim().trim_start_matches('\'');
    if text.contains(['E', 'e']) && text.contains(['.', ',']) {
        return Err(format!(
            "NOKK \"{text}\" sudah diubah Excel menjadi angka pendek: format kolom NOKK sebagai Teks dan isi ulang, atau pakai kolom ID USULAN."
        ));
    }
    if text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err(format!("NOKK \"{text}\" harus 16 angka."))
    }
}

/// Reads the result rows. `Err` when the file has no usable header (nothing else is read);
/// otherwise every row is either an answer, pending, or a problem.
pub fn parse(rows: &[Vec<String>]) -> Result<ParsedResult, HeaderError> {
    let blank = |row: &Vec<String>| row.iter().all(|c| c.trim().is_empty());
    let Some(header_index) = rows.iter().position(|r| !blank(r)) else {
        return Err(HeaderError::Empty);
    };
    let header_row = header_index as u32 + 1;
    let mut columns: Vec<(Field, usize)> = Vec::new();
    for (i, label) in rows[header_index].iter().enumerate() {
        if let Some(field) = field_of(label) {
            if columns.iter().any(|(f, _)| *f == field) {
                return Err(HeaderError::Twice(field_name(field)));
            }
            columns.push((field, i));
        }
    }
    let col = |field: Field| columns.iter().find(|(f, _)| *f == field).map(|(_, i)| *i);
    let found = || {
        rows[header_index]
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| format!("\"{}\"", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing = |missing| HeaderError::Missing {
        row: header_row,
        missing,
        found: found(),
    };
    let (id_col, kk_col) = (col(Field::Id), col(Field::Kk));
    if id_col.is_none() && kk_col.is_none() {
        return Err(missing("ID USULAN atau NOKK"));
    }
    let result_col = col(Field::Result).ok_or_else(|| missing("HASIL"))?;
    let reason_col = col(Field::Reason).ok_or_else(|| missing("ALASAN"))?;

    let mut parsed = ParsedResult::default();
    for (index, cells) in rows.iter().enumerate().skip(header_index + 1) {
        if blank(cells) {
            continue;
        }
        let row = index as u32 + 1;
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map(|s| s.trim()).unwrap_or("");
        let problem = |reason: String| RowProblem { row, reason };
        let verdict_text = cell(Some(result_col));
        let reason = cell(Some(reason_col));
        let key = match (cell(id_col), cell(kk_col)) {
            ("", "") => Err("ID USULAN dan NOKK kosong: isi salah satunya.".to_owned()),
            ("", kk) => read_kk(kk).map(ResultKey::Kk),
            (id, _) => uuid::Uuid::parse_str(id)
                .map(ResultKey::Proposal)
                .map_err(|_| {
                    format!("ID USULAN \"{id}\" tidak sah: salin dari file ekspor Tepat.")
                }),
        };
        let key = match key {
            Ok(key) => key,
            Err(reason) => {
                parsed.problems.push(problem(reason));
                continue;
            }
        };
        if verdict_text.is_empty() {
            parsed.pending += 1;
            continue;
        }
        let outcome = match read_verdict(verdict_text) {
            Some(true) => Outcome::Accepted,
            Some(false) if reason.is_empty() => {
                parsed.problems.push(problem(
                    "HASIL DITOLAK tanpa ALASAN: tuliskan alasan dari pusat agar desa tahu apa yang harus diperbaiki.".into(),
                ));
                continue;
            }
            Some(false) => Outcome::Rejected(reason.to_owned()),
            None => {
                parsed.problems.push(problem(format!(
                    "HASIL \"{verdict_text}\" tidak dikenal: tulis DITERIMA atau DITOLAK."
                )));
                continue;
            }
        };
        match parsed.answers.iter().find(|a| a.key == key) {
            Some(earlier) if earlier.outcome == outcome => {}
            Some(earlier) => parsed.problems.push(problem(format!(
                "Hasil untuk {key} berbeda dengan baris {}: satu usulan hanya punya satu hasil.",
                earlier.row
            ))),
            None => parsed.answers.push(ResultRow { row, key, outcome }),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    const A: &str = "0192f000-0000-7000-8000-000000000001";
    const B: &str = "0192f000-0000-7000-8000-000000000002";

    fn id(text: &str) -> ResultKey {
        ResultKey::Proposal(uuid::Uuid::parse_str(text).unwrap())
    }

    #[test]
    fn labels_and_verdicts_in_any_case() {
        let parsed = parse(&rows(&[
            &["id_usulan", "Hasil", "alasan"],
            &[A, "diterima", ""],
            &[B, "DITOLAK", "NIK tidak padan Dukcapil"],
        ]))
        .unwrap();
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(
            parsed.answers,
            vec![
                ResultRow {
                    row: 2,
                    key: id(A),
                    outcome: Outcome::Accepted
                },
                ResultRow {
                    row: 3,
                    key: id(B),
                    outcome: Outcome::Rejected("NIK tidak padan Dukcapil".into())
                },
            ]
        );
        for (cell, verdict) in [
            ("1", Some(true)),
            (" Terima ", Some(true)),
            ("0", Some(false)),
            ("tolak", Some(false)),
            ("mungkin", None),
        ] {
            assert_eq!(read_verdict(cell), verdict, "{cell}");
        }
    }

    #[test]
    fn blank_lines_and_a_late_header_keep_spreadsheet_row_numbers() {
        let parsed = parse(&rows(&[
            &[""],
            &["NO. KK", "HASIL", "ALASAN", "CATATAN"],
            &["", "", ""],
            &["3526151234560001", "1", "", "apa saja"],
            &["3.52615E+15", "1", ""],
        ]))
        .unwrap();
        assert_eq!(
            parsed.answers,
            vec![ResultRow {
                row: 4,
                key: ResultKey::Kk("3526151234560001".into()),
                outcome: Outcome::Accepted
            }]
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].row, 5);
        assert!(parsed.problems[0].reason.contains("Excel"));
    }

    #[test]
    fn unreadable_rows_are_reported_with_their_number_and_reason() {
        let parsed = parse(&rows(&[
            &["ID USULAN", "NOKK", "HASIL", "ALASAN"],
            &["bukan-id", "", "DITERIMA", ""],
            &["", "", "DITERIMA", ""],
            &[A, "", "DITOLAK", ""],
            &[B, "", "lulus", ""],
            &["", "12345", "DITERIMA", ""],
        ]))
        .unwrap();
        assert!(parsed.answers.is_empty());
        let rows: Vec<u32> = parsed.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, vec![2, 3, 4, 5, 6]);
        assert!(
            parsed.problems[0]
                .reason
                .contains("ID USULAN \"bukan-id\" tidak sah")
        );
        assert!(parsed.problems[1].reason.contains("kosong"));
        assert!(parsed.problems[2].reason.contains("tanpa ALASAN"));
        assert!(
            parsed.problems[3]
                .reason
                .contains("\"lulus\" tidak dikenal")
        );
        assert!(parsed.problems[4].reason.contains("16 angka"));
    }

    #[test]
    fn rows_of_one_proposal_must_agree_and_empty_results_wait() {
        let parsed = parse(&rows(&[
            &["ID USULAN", "NIK", "HASIL", "ALASAN"],
            &[A, "1", "DITERIMA", ""],
            &[A, "2", "diterima", ""],
            &[A, "3", "", ""],
            &[B, "4", "DITERIMA", ""],
            &[B, "5", "DITOLAK", "ganda"],
        ]))
        .unwrap();
        assert_eq!(parsed.answers.len(), 2);
        assert_eq!(parsed.pending, 1);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].row, 6);
        assert!(parsed.problems[0].reason.contains("berbeda dengan baris 5"));
    }

    #[test]
    fn a_wrong_header_is_one_clear_error() {
        assert_eq!(parse(&rows(&[&[""], &[" "]])), Err(HeaderError::Empty));
        let err = parse(&rows(&[&["NAMA", "HASIL", "ALASAN"], &["x", "1", ""]])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Baris judul (baris 1) tidak punya kolom ID USULAN atau NOKK. Kolom yang dibaca: \"NAMA\", \"HASIL\", \"ALASAN\". File hasil perlu kolom ID USULAN atau NOKK, HASIL, dan ALASAN."
        );
        let err = parse(&rows(&[&["ID USULAN", "STATUS", "ALASAN"]])).unwrap_err();
        assert!(matches!(
            err,
            HeaderError::Missing {
                missing: "HASIL",
                ..
            }
        ));
        let err = parse(&rows(&[&["ID USULAN", "HASIL", "Hasil"]])).unwrap_err();
        assert_eq!(err, HeaderError::Twice("HASIL"));
    }

    #[test]
    fn the_exported_sheet_with_results_filled_in_is_a_result_file() {
        use crate::national::layout::{BatchEntry, COLUMNS, sheet, tests};
        let family = tests::family();
        let regions = tests::regions();
        let entry = BatchEntry {
            proposal: uuid::Uuid::parse_str(A).unwrap(),
            kind: crate::workflow::ProposalKind::NewFamily,
            score: 1,
            decile: None,
            family: &family,
            regions: &regions,
        };
        let mut sheet = sheet(&[entry]);
        let hasil = COLUMNS.iter().position(|c| c.header == "HASIL").unwrap();
        let alasan = COLUMNS.iter().position(|c| c.header == "ALASAN").unwrap();
        for row in sheet.iter_mut().skip(1) {
            row[hasil] = "DITOLAK".into();
            row[alasan] = "Data ganda di DTKS".into();
        }
        let parsed = parse(&sheet).unwrap();
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(
            parsed.answers,
            vec![ResultRow {
                row: 2,
                key: id(A),
                outcome: Outcome::Rejected("Data ganda di DTKS".into())
            }]
        );
    }
}
