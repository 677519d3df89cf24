//! The BPS poor population per desa: a file with the desa (name or code, with the kecamatan
//! when the file has it) and a number. The numbers set the quota split (`quota.rs` divides a
//! kabupaten's places by them).

use super::columns::{Column, Header, find_header};
use super::families::PlaceText;
use super::{Problem, blank};

/// One desa's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoorLine {
    /// Its row.
    pub row: u32,
    /// The desa as written.
    pub place: PlaceText,
    /// Poor population (persons).
    pub poor: u32,
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PoorRead {
    /// Where the columns are.
    pub header: Header,
    /// Data rows read.
    pub rows: u32,
    /// The lines that could be read.
    pub lines: Vec<PoorLine>,
    /// Every problem.
    pub problems: Vec<Problem>,
}

/// The largest number taken for one desa (more people than any desa has).
pub const MAX_POOR: u32 = 1_000_000;

/// Reads the poor population per desa.
pub fn read(rows: &[Vec<String>]) -> Result<PoorRead, String> {
    let header = find_header(rows, 2)
        .filter(|h| (h.has(Column::Desa) || h.has(Column::DesaCode)) && h.has(Column::Poor))
        .ok_or_else(|| {
            "Kolom tidak ditemukan: baris judul harus berisi DESA (nama desa) atau KODE DESA, \
             dan PENDUDUK MISKIN (jumlah jiwa); KECAMATAN boleh ditambahkan."
                .to_owned()
        })?;
    let mut read = PoorRead {
        header: header.clone(),
        ..PoorRead::default()
    };
    let desa_column = if header.has(Column::Desa) {
        Column::Desa
    } else {
        Column::DesaCode
    };
    for (index, row) in rows.iter().enumerate().skip(header.row + 1) {
        if blank(row) {
            continue;
        }
        let number = index as u32 + 1;
        read.rows += 1;
        let mut desa = header.cell(row, desa_column);
        if desa.is_empty() {
            desa = header.cell(row, Column::DesaCode);
        }
        if desa.is_empty() {
            read.problems.push(Problem::new(
                number,
                header.label(desa_column),
                "Desa kosong: isi nama atau kode desa.",
            ));
            continue;
        }
        let text = header.cell(row, Column::Poor);
        let digits: String = text.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        let poor = match digits.parse::<u32>() {
            Ok(n) if n <= MAX_POOR => n,
            _ => {
                read.problems.push(Problem::new(
                    number,
                    header.label(Column::Poor),
                    format!(
                        "Jumlah penduduk miskin \"{text}\" bukan bilangan bulat 0–{MAX_POOR}: isi jumlah jiwa, misalnya 1234."
                    ),
                ));
                continue;
            }
        };
        read.lines.push(PoorLine {
            row: number,
            place: PlaceText {
                desa: desa.to_owned(),
                kecamatan: header.cell(row, Column::Kecamatan).to_owned(),
            },
            poor,
        });
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(';').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn numbers_per_desa() {
        let read = read(&rows(
            "KECAMATAN;DESA;PENDUDUK MISKIN\nGeger;Banyoning Laok;1.234\nBlega;Lombang Dajah;87\nBlega;Alas Rajah;banyak\n;;\nBlega;;3",
        ))
        .unwrap();
        assert_eq!(read.rows, 4);
        assert_eq!(read.lines.len(), 2);
        assert_eq!(read.lines[0].poor, 1234);
        assert_eq!(read.lines[1].place.kecamatan, "Blega");
        let shown: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "Baris 4, kolom PENDUDUK MISKIN: Jumlah penduduk miskin \"banyak\" bukan bilangan bulat 0–1000000: isi jumlah jiwa, misalnya 1234.",
                "Baris 6, kolom DESA: Desa kosong: isi nama atau kode desa.",
            ]
        );
        assert!(super::read(&rows("NAMA;NILAI\nx;1")).is_err());
    }
}
