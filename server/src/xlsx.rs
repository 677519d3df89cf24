//! Spreadsheets as XLSX: the national upload written with `rust_xlsxwriter` (one sheet, header
//! bold and frozen, every cell text so NIK and NOKK keep their 16 digits), and a result file read
//! with `calamine` (its first sheet as rows of text, row numbers as the spreadsheet shows them).

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The sheet's name.
pub const SHEET: &str = "Usulan";

/// One cell of a sheet written with [`write_cells`]: text, or a number Excel can sum.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, kept as written (codes, names, dates).
    Text(String),
    /// A whole number.
    Count(u64),
    /// A share in percent, shown with one decimal.
    Percent(f64),
}

impl Cell {
    /// Text from anything printable.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// The cell as a CSV field: counts as digits, percentages with one decimal and the decimal
    /// comma (Excel with Indonesian settings reads `12,5` as a number).
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => format!("{p:.1}").replace('.', ","),
        }
    }
}

/// Whether `bytes` look like an XLSX (a ZIP archive) rather than text.
pub fn looks_like_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The workbook of `rows` (the first being the header).
pub fn write(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let text = Format::new().set_num_format("@");
    let header = Format::new().set_num_format("@").set_bold();
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let format = if r == 0 { &header } else { &text };
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string_with_format(r as u32, c as u16, cell, format)?;
            let width = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(width);
        }
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*width).clamp(6, 50) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// The workbook of `rows` (the first being the header, written bold and frozen) with counts and
/// percentages as numbers.
pub fn write_cells(sheet_name: &str, rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let text = Format::new().set_num_format("@");
    let header = Format::new().set_num_format("@").set_bold();
    let count = Format::new().set_num_format("0");
    let percent = Format::new().set_num_format("0.0");
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, col) = (r as u32, c as u16);
            match cell {
                Cell::Text(t) if r == 0 => sheet.write_string_with_format(r, col, t, &header)?,
                Cell::Text(t) => sheet.write_string_with_format(r, col, t, &text)?,
                Cell::Count(n) => sheet.write_number_with_format(r, col, *n as f64, &count)?,
                Cell::Percent(p) => sheet.write_number_with_format(r, col, *p, &percent)?,
            };
            let width = cell.csv().chars().count();
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(width);
        }
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*width).clamp(6, 40) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// A cell as the text a person sees: whole numbers without `.0` (a NOKK typed as a number
/// comes back as its digits), other values as calamine shows them.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e17 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// The first sheet's rows. Row `i` of the answer is the spreadsheet's row `i + 1`, even when
/// the sheet's used area starts lower (leading blank rows are kept as empty rows); a row ends at
/// its last filled cell, as a CSV line may. A workbook unpacking past [`MAX_UNPACKED_BYTES`] or
/// using a cell beyond [`MAX_ROW`] × [`MAX_COLUMN`] is refused with a message.
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    // calamine can panic on a crafted file (found by `fuzz/`: a dimension `B5:A1` overflows a
    // subtraction); such a file is unreadable, never a failure of the server.
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| {
        Err(
            "File XLSX tidak bisa dibaca: simpan ulang dari Excel sebagai \"Excel Workbook (.xlsx)\", atau unggah CSV."
                .to_owned(),
        )
    })
}

/// The most a workbook may hold once unpacked (all its parts together): a spreadsheet of the
/// import's 200,000 rows is some tens of MB of XML; a "zip bomb" would be gigabytes.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The last row (1-based, as the spreadsheet shows it) a sheet may use.
pub const MAX_ROW: u32 = 250_000;
/// The last column (1-based: 256 is IV) a sheet may use.
pub const MAX_COLUMN: u32 = 256;

fn read_unguarded(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let unreadable = |e: &dyn std::fmt::Display| {
        tracing::info!("unreadable xlsx: {e}");
        "File XLSX tidak bisa dibaca: simpan ulang dari Excel sebagai \"Excel Workbook (.xlsx)\", atau unggah CSV.".to_owned()
    };
    check_unpacked_size(bytes, MAX_UNPACKED_BYTES).map_err(|e| match e {
        Unpacked::TooLarge => format!(
            "File XLSX ini terlalu besar setelah dibuka (lebih dari {} MB): pecah menjadi beberapa file, atau unggah CSV.",
            MAX_UNPACKED_BYTES >> 20
        ),
        Unpacked::Unreadable(e) => unreadable(&e),
    })?;
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Some(first) = workbook.sheet_names().into_iter().next() else {
        return Ok(Vec::new());
    };
    // Cell by cell rather than calamine's dense range: a sheet naming a cell far out (XFD1048576)
    // would otherwise ask for memory for every cell in between and abort the server.
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|e| unreadable(&e))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROW || column >= MAX_COLUMN {
            return Err(format!(
                "Lembar pertama memakai sel di luar batas (baris {}, kolom {}): paling banyak {MAX_ROW} baris dan {MAX_COLUMN} kolom. Hapus isi di luar tabel, lalu unggah lagi.",
                u64::from(row) + 1,
                u64::from(column) + 1
            ));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let cells_of_row = &mut rows[row];
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    Ok(rows)
}

/// Why a workbook's parts could not all be unpacked.
enum Unpacked {
    TooLarge,
    Unreadable(String),
}

/// Unpacks every part of the archive without keeping it, counting the bytes that actually come
/// out (not what the archive claims), and stops past `limit` ([`MAX_UNPACKED_BYTES`]).
fn check_unpacked_size(bytes: &[u8], limit: u64) -> Result<(), Unpacked> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Unpacked::Unreadable(e.to_string()))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index(index)
            .map_err(|e| Unpacked::Unreadable(e.to_string()))?;
        let left = limit - total;
        let mut limited = std::io::Read::take(part, left + 1);
        total += std::io::copy(&mut limited, &mut std::io::sink())
            .map_err(|e| Unpacked::Unreadable(e.to_string()))?;
        if total > limit {
            return Err(Unpacked::TooLarge);
        }
    }
    Ok(())
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
    fn what_is_written_reads_back_as_text() {
        let rows = strings(&[
            &["ID USULAN", "NOKK", "NAMA", "RT"],
            &[
                "x",
                "3526151234560001",
                "Moh. Hasan; \"Pak\"\nbaris dua",
                "001",
            ],
            &["y", "0352615000000001", "", "010"],
        ]);
        let bytes = write(&rows).unwrap();
        assert!(looks_like_xlsx(&bytes));
        // The empty cell is written, so it reads back as an empty string in place.
        assert_eq!(read(&bytes).unwrap(), rows);
    }

    #[test]
    fn numbers_typed_into_cells_read_as_their_digits_and_rows_keep_their_numbers() {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(2, 1, "NOKK").unwrap();
        sheet.write_string(2, 2, "HASIL").unwrap();
        sheet.write_number(3, 1, 3526151234560001.0).unwrap();
        sheet.write_number(3, 2, 1.0).unwrap();
        let rows = read(&workbook.save_to_buffer().unwrap()).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].is_empty() && rows[1].is_empty());
        assert_eq!(rows[2], strings(&[&["", "NOKK", "HASIL"]])[0]);
        assert_eq!(rows[3], strings(&[&["", "3526151234560001", "1"]])[0]);
    }

    #[test]
    fn counts_and_percentages_are_numbers_and_read_back() {
        let rows = vec![
            vec![
                Cell::text("Kecamatan"),
                Cell::text("Keluarga"),
                Cell::text("%"),
            ],
            vec![Cell::text("Blega"), Cell::Count(1234), Cell::Percent(12.5)],
        ];
        let bytes = write_cells("Rekap", &rows).unwrap();
        let mut workbook = Xlsx::new(std::io::Cursor::new(&bytes)).unwrap();
        let range = workbook.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(range.get((1, 1)), Some(&Data::Float(1234.0)));
        assert_eq!(range.get((1, 2)), Some(&Data::Float(12.5)));
        assert_eq!(read(&bytes).unwrap()[1], ["Blega", "1234", "12.5"]);
        assert_eq!(rows[1][2].csv(), "12,5");
    }

    #[test]
    fn the_fuzz_seed_workbooks_read() {
        // The XLSX seeds of `fuzz/` (tiny, synthetic) were written by `write`: they stay readable,
        // so the fuzzer starts from workbooks the server reads rather than from noise.
        for bytes in [
            include_bytes!("../../fuzz/seeds/import_file/families.xlsx").as_slice(),
            include_bytes!("../../fuzz/seeds/national_result/result.xlsx").as_slice(),
        ] {
            let rows = read(bytes).unwrap();
            assert!(rows.len() >= 2 && rows[0].len() >= 3, "{rows:?}");
        }
    }

    #[test]
    fn a_workbook_that_panicked_calamine_is_refused_with_a_message() {
        // Found by `cargo xtask fuzz national_result`: an inverted sheet dimension.
        let crash = include_bytes!("../tests/data/fuzz-crash-dimension.xlsx");
        let err = read(crash).unwrap_err();
        assert!(err.starts_with("File XLSX tidak bisa dibaca"), "{err}");
    }

    #[test]
    fn a_broken_file_is_refused_with_a_message() {
        let err = read(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(err.starts_with("File XLSX tidak bisa dibaca"));
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    /// One cell at A1 and one at the grid's last cell, XFD1048576: calamine's dense range would
    /// ask for 17 billion cells and abort the process (it did, before the cell-by-cell reader).
    #[test]
    fn a_sheet_naming_a_cell_far_out_is_refused_without_asking_for_the_memory() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "NIK").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        assert!(bytes.len() < 10_000);
        let error = read(&bytes).unwrap_err();
        assert!(
            error.contains("di luar batas (baris 1048576, kolom 16384)"),
            "{error}"
        );
        // Within the bounds the same layout reads.
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "NIK").unwrap();
        sheet
            .write_string(MAX_ROW - 1, (MAX_COLUMN - 1) as u16, "x")
            .unwrap();
        let rows = read(&workbook.save_to_buffer().unwrap()).unwrap();
        assert_eq!(rows.len(), MAX_ROW as usize);
        assert_eq!(rows[MAX_ROW as usize - 1][MAX_COLUMN as usize - 1], "x");
    }

    /// An archive of `parts` parts of `mb` MB of blanks each: a few kB packed.
    fn blanks(parts: usize, mb: usize) -> Vec<u8> {
        use std::io::Write;
        let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for part in 0..parts {
            archive
                .start_file(format!("xl/worksheets/sheet{part}.xml"), deflated)
                .unwrap();
            archive.write_all(&vec![b' '; mb << 20]).unwrap();
        }
        archive.finish().unwrap().into_inner()
    }

    /// A workbook unpacking to more than the limit (a "zip bomb": kilobytes of archive, hundreds
    /// of MB of XML) is refused before calamine reads it, counting what really comes out, across
    /// parts.
    #[test]
    fn a_workbook_unpacking_past_the_limit_is_refused() {
        let bomb = blanks(3, 2);
        assert!(bomb.len() < 64 << 10, "{} bytes", bomb.len());
        assert!(check_unpacked_size(&bomb, 7 << 20).is_ok());
        assert!(matches!(
            check_unpacked_size(&bomb, 5 << 20),
            Err(Unpacked::TooLarge)
        ));
        assert!(matches!(
            check_unpacked_size(&blanks(1, 6), 5 << 20),
            Err(Unpacked::TooLarge)
        ));
        assert!(matches!(
            check_unpacked_size(b"PK\x03\x04 bukan zip", 5 << 20),
            Err(Unpacked::Unreadable(_))
        ));
    }
}
