//! Imports from spreadsheets (rows of cells, read from CSV or XLSX by the caller): families
//! from a Dukcapil/SIAK or DTKS list ([`families`]), the BPS poor population per desa
//! ([`poor`]) and a list of desa typed by hand ([`desa_list`]). Columns are found by their
//! header through a table of aliases kept as data ([`columns`]); values in codes or labels
//! ([`values`]); typed region names matched to the official list ([`names`]). Every problem
//! is a numbered row, a column and an Indonesian sentence ([`Problem`]); the server checks the
//! rest against the register and applies a file all or nothing (`docs/imports.md`).

pub mod columns;
pub mod desa_list;
pub mod families;
pub mod names;
pub mod poor;
pub mod values;

/// The most rows one file may have.
pub const MAX_ROWS: usize = 200_000;

/// One problem in a file: the row as the spreadsheet numbers it, the column's header, and what
/// to fix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Row number (1 is the first line).
    pub row: u32,
    /// The column's header as written in the file (empty for the row as a whole).
    pub column: String,
    /// What is wrong and what to fix, in Indonesian.
    pub message: String,
}

impl Problem {
    /// A problem of `row` in `column`.
    pub fn new(row: u32, column: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            row,
            column: column.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "Baris {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "Baris {}, kolom {}: {}",
                self.row, self.column, self.message
            )
        }
    }
}

pub(crate) use crate::text::sentence;

/// Whether a row has nothing in it.
pub(crate) fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_as_a_sentence() {
        assert_eq!(
            Problem::new(12, "NIK", sentence("NIK harus 16 angka")).to_string(),
            "Baris 12, kolom NIK: NIK harus 16 angka."
        );
        assert_eq!(
            Problem::new(3, "", "Baris kosong di tengah.").to_string(),
            "Baris 3: Baris kosong di tengah."
        );
    }
}
