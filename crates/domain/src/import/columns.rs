//! The columns an import understands and the headers they go by, kept as data: the Dukcapil
//! (SIAK) field names, the DTKS individual list's headers, and the words people type. A header
//! is compared in upper case with `_`, `.`, `-` and `/` read as spaces, so `NO_KK`, `No. KK`
//! and `NO KK` are one header.

/// A column an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// Nomor KK.
    Kk,
    /// NIK.
    Nik,
    /// Full name.
    Name,
    /// Sex (code or label).
    Sex,
    /// Place of birth.
    BirthPlace,
    /// Date of birth.
    BirthDate,
    /// Relation to the head (SHDK code or label).
    Relation,
    /// Address line.
    Address,
    /// Dusun.
    Dusun,
    /// RT.
    Rt,
    /// RW.
    Rw,
    /// Desa or kelurahan (name or code).
    Desa,
    /// Desa code (Kemendagri).
    DesaCode,
    /// Kecamatan name.
    Kecamatan,
    /// Mother's maiden name.
    Mother,
    /// Receives PKH.
    Pkh,
    /// Receives BPNT/sembako.
    Bpnt,
    /// Receives PBI JKN.
    PbiJk,
    /// The BPS poor population (a number).
    Poor,
}

/// Every column with its accepted headers (normalised as [`normalise_header`] does).
pub const ALIASES: &[(Column, &[&str])] = &[
    (
        Column::Kk,
        &["NO KK", "NOKK", "NOMOR KK", "NO KARTU KELUARGA", "KK"],
    ),
    (Column::Nik, &["NIK", "NOMOR NIK", "NO NIK"]),
    (
        Column::Name,
        &["NAMA LGKP", "NAMA", "NAMA LENGKAP", "NAMA ART"],
    ),
    (
        Column::Sex,
        &["JENIS KLMIN", "JENIS KELAMIN", "JK", "KELAMIN", "SEX"],
    ),
    (Column::BirthPlace, &["TMPT LHR", "TEMPAT LAHIR"]),
    (
        Column::BirthDate,
        &["TGL LHR", "TANGGAL LAHIR", "TGL LAHIR"],
    ),
    (
        Column::Relation,
        &[
            "STAT HBKEL",
            "HUB KELUARGA",
            "HUBUNGAN KELUARGA",
            "SHDK",
            "HUBUNGAN DALAM KELUARGA",
            "HUB KEL",
        ],
    ),
    (Column::Address, &["ALAMAT"]),
    (Column::Dusun, &["DUSUN", "NAMA DUSUN"]),
    (Column::Rt, &["NO RT", "RT"]),
    (Column::Rw, &["NO RW", "RW"]),
    (
        Column::Desa,
        &[
            "KEL NAME",
            "DESA",
            "KELURAHAN",
            "DESA KELURAHAN",
            "DESA KELUARAHAN",
            "NAMA DESA",
            "NAMA KELURAHAN",
        ],
    ),
    (
        Column::DesaCode,
        &[
            "KODE DESA",
            "NO KEL",
            "KODE WILAYAH",
            "KODE KELURAHAN",
            "KODE DESA KELURAHAN",
        ],
    ),
    (
        Column::Kecamatan,
        &["KEC NAME", "KECAMATAN", "NAMA KECAMATAN"],
    ),
    (
        Column::Mother,
        &[
            "NAMA LGKP IBU",
            "NAMA IBU KANDUNG",
            "NAMA IBU",
            "IBU KANDUNG",
        ],
    ),
    (Column::Pkh, &["BANSOS PKH", "PKH"]),
    (
        Column::Bpnt,
        &["BANSOS BPNT", "BPNT", "SEMBAKO", "BANSOS SEMBAKO"],
    ),
    (Column::PbiJk, &["PBI JKN", "PBI JK", "PBI"]),
    (
        Column::Poor,
        &[
            "PENDUDUK MISKIN",
            "JUMLAH PENDUDUK MISKIN",
            "JUMLAH MISKIN",
            "MISKIN",
            "JUMLAH",
            "JIWA MISKIN",
        ],
    ),
];

/// A header as compared: upper case, `_ . - /` as spaces, single spaces, no BOM.
pub fn normalise_header(label: &str) -> String {
    label
        .trim()
        .trim_start_matches('\u{feff}')
        .to_uppercase()
        .replace(['.', '_', '-', '/'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column a header names, if any.
pub fn column_of(header: &str) -> Option<Column> {
    let header = normalise_header(header);
    ALIASES
        .iter()
        .find(|(_, aliases)| aliases.contains(&header.as_str()))
        .map(|(column, _)| *column)
}

/// Where the columns are: the header row's index and, per column, its index and its header as
/// written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// Index (0-based) of the header row in the rows.
    pub row: usize,
    /// Found columns: column, cell index, header as written.
    pub columns: Vec<(Column, usize, String)>,
}

impl Header {
    /// The cell index of `column`.
    pub fn index(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, ..)| *c == column)
            .map(|(_, i, _)| *i)
    }

    /// Whether the file has `column`.
    pub fn has(&self, column: Column) -> bool {
        self.index(column).is_some()
    }

    /// The header of `column` as the file writes it (or a default name).
    pub fn label(&self, column: Column) -> String {
        self.columns
            .iter()
            .find(|(c, ..)| *c == column)
            .map(|(_, _, label)| label.trim().trim_start_matches('\u{feff}').to_owned())
            .unwrap_or_else(|| format!("{column:?}").to_uppercase())
    }

    /// The trimmed cell of `column` in `row` (empty when absent).
    pub fn cell<'r>(&self, row: &'r [String], column: Column) -> &'r str {
        self.index(column)
            .and_then(|i| row.get(i))
            .map(|c| c.trim())
            .unwrap_or("")
    }
}

/// Finds the header row among the first 20 rows: the first with at least `min_known` known
/// headers. The first header of a column wins when one is repeated.
pub fn find_header(rows: &[Vec<String>], min_known: usize) -> Option<Header> {
    rows.iter().take(20).enumerate().find_map(|(r, row)| {
        let mut columns: Vec<(Column, usize, String)> = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            if let Some(column) = column_of(cell)
                && !columns.iter().any(|(c, ..)| *c == column)
            {
                columns.push((column, i, cell.clone()));
            }
        }
        (columns.len() >= min_known).then_some(Header { row: r, columns })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dukcapil_and_dtks_headers_are_known() {
        for (header, column) in [
            ("NO_KK", Column::Kk),
            ("NOKK", Column::Kk),
            ("Nomor KK", Column::Kk),
            ("\u{feff}NIK", Column::Nik),
            ("NAMA_LGKP", Column::Name),
            ("JENIS_KLMIN", Column::Sex),
            ("JENIS KELAMIN", Column::Sex),
            ("TGL_LHR", Column::BirthDate),
            ("tanggal lahir", Column::BirthDate),
            ("STAT_HBKEL", Column::Relation),
            ("HUB KELUARGA", Column::Relation),
            ("KEL_NAME", Column::Desa),
            ("DESA/KELURAHAN", Column::Desa),
            ("KEC_NAME", Column::Kecamatan),
            ("NAMA_LGKP_IBU", Column::Mother),
            ("BANSOS PKH", Column::Pkh),
            ("PBI JKN", Column::PbiJk),
            ("No. RT", Column::Rt),
        ] {
            assert_eq!(column_of(header), Some(column), "{header}");
        }
        assert_eq!(column_of("KETERANGAN PADAN"), None);
    }

    #[test]
    fn the_header_may_sit_below_a_title() {
        let rows: Vec<Vec<String>> = vec![
            vec!["Data DTKS Kabupaten Bangkalan".into()],
            vec![],
            vec!["ID DTKS".into(), "NOKK".into(), "NIK".into(), "NAMA".into()],
        ];
        let header = find_header(&rows, 3).unwrap();
        assert_eq!(header.row, 2);
        assert_eq!(header.index(Column::Nik), Some(2));
        assert_eq!(header.label(Column::Kk), "NOKK");
        assert!(find_header(&rows, 5).is_none());
    }
}
