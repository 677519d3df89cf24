//! CSV as the operators' spreadsheets read it. Writing: RFC 4180 (a field with the separator,
//! a quote, CR or LF is quoted, quotes doubled; CRLF line ends), UTF-8 with a byte-order mark so
//! Excel reads the names right, and `;` as the separator because Excel with Indonesian regional
//! settings (decimal comma) splits columns on `;` when the file is opened with a double click.
//! Reading: the separator is found from the first non-blank line (`;`, `,`, tab or `|`, as DTKS
//! lists use), a BOM is dropped, CRLF, LF and quoted line breaks are all accepted.

/// The separator Tepat writes.
pub const SEPARATOR: char = ';';

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// Why a CSV file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// Not UTF-8 text.
    #[error(
        "File bukan teks UTF-8. Simpan ulang dari Excel sebagai \"CSV UTF-8\", atau unggah file XLSX."
    )]
    NotUtf8,
    /// A quoted field never closed.
    #[error("Tanda kutip di baris {0} tidak ditutup: periksa isi sel di baris itu.")]
    UnclosedQuote(u32),
}

fn quote(field: &str, separator: char) -> String {
    if field.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// The file of `rows` (the first being the header): BOM, `;`, CRLF after every row.
pub fn write(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from(BOM);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote(c, SEPARATOR)).collect();
        out.push_str(&cells.join(&SEPARATOR.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The separator of a file: the candidate seen most often, outside quotes, on its first
/// non-blank line (`;` when none is).
fn sniff(text: &str) -> char {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0), ('|', 0)];
    let mut quoted = false;
    for ch in line.chars() {
        if ch == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(c, _)| *c == ch) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| *c)
        .unwrap_or(SEPARATOR)
}

/// The rows of a CSV file. A blank line is kept as a row with one empty cell, so row numbers
/// stay those a spreadsheet shows (row 1 is the first line).
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, CsvError> {
    let text = std::str::from_utf8(bytes).map_err(|_| CsvError::NotUtf8)?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let separator = sniff(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut row_start = 1u32;
    let mut line = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(ch),
            }
            continue;
        }
        match ch {
            '"' if field.is_empty() => quoted = true,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                line += 1;
                row_start = line;
            }
            c if c == separator => row.push(std::mem::take(&mut field)),
            _ => field.push(ch),
        }
    }
    if quoted {
        return Err(CsvError::UnclosedQuote(row_start));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn fields_with_separator_quote_or_line_break_are_quoted() {
        let rows = strings(&[
            &["NAMA", "ALAMAT"],
            &["Moh. Hasan; \"Pak Hasan\"", "Jl. Raya\nbelakang masjid"],
            &["Siti, Aminah", "biasa"],
        ]);
        let bytes = write(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "\u{feff}NAMA;ALAMAT\r\n\"Moh. Hasan; \"\"Pak Hasan\"\"\";\"Jl. Raya\nbelakang masjid\"\r\nSiti, Aminah;biasa\r\n"
        );
        assert_eq!(read(&bytes).unwrap(), rows);
    }

    #[test]
    fn the_whole_export_reads_back_as_written() {
        use crate::national::layout::{BatchEntry, sheet, tests};
        let family = tests::family();
        let regions = tests::regions();
        let entry = BatchEntry {
            proposal: uuid::Uuid::from_u128(3),
            kind: crate::workflow::ProposalKind::NewFamily,
            score: -5,
            decile: Some(10),
            family: &family,
            regions: &regions,
        };
        let sheet = sheet(&[entry]);
        assert_eq!(read(&write(&sheet)).unwrap(), sheet);
    }

    #[test]
    fn comma_tab_and_pipe_files_lf_endings_and_no_bom_are_read() {
        assert_eq!(
            read(b"ID USULAN,HASIL\nabc,\"DITOLAK, alasan\"\n").unwrap(),
            strings(&[&["ID USULAN", "HASIL"], &["abc", "DITOLAK, alasan"]])
        );
        assert_eq!(
            read(b"A\tB\r\n1\t2").unwrap(),
            strings(&[&["A", "B"], &["1", "2"]])
        );
        assert_eq!(
            read(b"NOKK|HASIL\n1|2\n").unwrap(),
            strings(&[&["NOKK", "HASIL"], &["1", "2"]])
        );
    }

    #[test]
    fn blank_lines_keep_their_row_numbers() {
        let rows = read(b"A;B\n\n1;2\n").unwrap();
        assert_eq!(rows, strings(&[&["A", "B"], &[""], &["1", "2"]]));
    }

    #[test]
    fn broken_files_say_what_is_wrong() {
        assert_eq!(read(b"A;B\n\"open;2\n"), Err(CsvError::UnclosedQuote(2)));
        assert_eq!(read(&[0x41, 0xff, 0x3b]), Err(CsvError::NotUtf8));
        assert_eq!(read(b"").unwrap(), Vec::<Vec<String>>::new());
    }
}
