//! Families from a Dukcapil (SIAK) or DTKS list: one row per person, grouped into families by
//! their KK number. Every cell that cannot be read is a [`Problem`] of its row and column; the
//! families are built from the rows that could be read, with their desa still as typed (the
//! server matches it to the official list). A family's own checks (one head, NIK twice) are
//! reported on the rows of its members once its desa is known ([`ImportedFamily::check`]).

use super::columns::{Column, Header, find_header};
use super::values;
use super::{Problem, blank, sentence};
use crate::checks::{Field, Severity, check_family};
use crate::family::{Address, Family, FamilyId, HousePhotos, Member};
use crate::identity::{Kk, Nik};
use crate::instrument::{Instrument, Programme};
use crate::region::RegionCode;
use std::collections::{BTreeMap, HashMap};

/// The columns a families file must have (the desa by name or by code, besides).
pub const REQUIRED: &[Column] = &[
    Column::Kk,
    Column::Nik,
    Column::Name,
    Column::Sex,
    Column::BirthDate,
    Column::Relation,
];

/// The desa of a family as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PlaceText {
    /// The desa's name or code as written.
    pub desa: String,
    /// The kecamatan's name as written (may be empty).
    pub kecamatan: String,
}

impl PlaceText {
    /// How the place is shown and asked about: `Banyoning Laok (Kec. Geger)`.
    pub fn label(&self) -> String {
        if self.kecamatan.is_empty() {
            self.desa.clone()
        } else {
            format!("{} (Kec. {})", self.desa, self.kecamatan)
        }
    }
}

/// One family read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFamily {
    /// Its KK number.
    pub kk: Kk,
    /// Its desa as written on its first row.
    pub place: PlaceText,
    /// Its address (from its first row).
    pub address: Address,
    /// Its members with the row each was read from, in file order.
    pub members: Vec<(u32, Member)>,
    /// The programmes received, when the file has programme columns.
    pub programmes: Option<Vec<Programme>>,
}

impl ImportedFamily {
    /// The row it starts on.
    pub fn first_row(&self) -> u32 {
        self.members.first().map(|(r, _)| *r).unwrap_or(0)
    }

    /// The family as the register keeps it, living in `desa`.
    pub fn to_family(&self, id: FamilyId, desa: RegionCode) -> Family {
        Family {
            id,
            kk: self.kk.clone(),
            desa,
            address: self.address.clone(),
            location: None,
            members: self.members.iter().map(|(_, m)| m.clone()).collect(),
            demo: false,
            photos: HousePhotos::default(),
            events: Vec::new(),
            instrument: Instrument {
                programmes: self.programmes.clone(),
                ..Instrument::default()
            },
        }
    }

    /// The family's own errors (no head or two, a member's impossible data) as problems of its
    /// rows; warnings, and the mother's name still missing, are kept, not reported.
    pub fn check(
        &self,
        family: &Family,
        today: jiff::civil::Date,
        header: &Header,
    ) -> Vec<Problem> {
        check_family(family, today)
            .into_iter()
            // A missing mother's name blocks a proposal, not the register: the family is kept
            // (as a save keeps it) and the desa completes it.
            .filter(|f| f.severity == Severity::Error && f.field != Field::MotherName)
            .map(|finding| {
                let row = finding
                    .member
                    .and_then(|i| self.members.get(i))
                    .map(|(r, _)| *r)
                    .unwrap_or_else(|| self.first_row());
                let column = match finding.field {
                    Field::Kk => Column::Kk,
                    Field::Nik => Column::Nik,
                    Field::Name => Column::Name,
                    Field::BirthDate => Column::BirthDate,
                    Field::BirthPlace => Column::BirthPlace,
                    Field::Sex => Column::Sex,
                    Field::MotherName => Column::Mother,
                    Field::Relation | Field::Location => Column::Relation,
                };
                let message = match finding.member {
                    None => format!("KK {}: {}", self.kk, finding.message),
                    Some(_) => finding.message,
                };
                Problem::new(row, header.label(column), message)
            })
            .collect()
    }
}

/// What was read from a families file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FamiliesRead {
    /// Where the columns are.
    pub header: Header,
    /// Data rows read (not counting the header and blank rows).
    pub rows: u32,
    /// The families, in file order of their first row.
    pub families: Vec<ImportedFamily>,
    /// Every problem found, by row.
    pub problems: Vec<Problem>,
}

/// Reads families from `rows` (row 1 is `rows[0]`). Refused whole (with what to fix) when the
/// header lacks a required column.
pub fn read(rows: &[Vec<String>]) -> Result<FamiliesRead, String> {
    let header = find_header(rows, 3).ok_or_else(|| {
        "Baris judul kolom tidak ditemukan: baris pertama harus berisi judul seperti NO_KK, NIK, \
         NAMA_LGKP, JENIS_KLMIN, TGL_LHR, STAT_HBKEL, KEL_NAME (format Dukcapil) atau NOKK, NIK, \
         NAMA, TANGGAL LAHIR, JENIS KELAMIN, HUB KELUARGA, DESA/KELURAHAN (format DTKS)."
            .to_owned()
    })?;
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !header.has(**c))
        .map(|c| required_name(*c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "Kolom {} tidak ada di file: tambahkan kolom itu dengan judulnya di baris judul.",
            missing.join(", ")
        ));
    }
    if !header.has(Column::Desa) && !header.has(Column::DesaCode) {
        return Err(
            "Kolom desa tidak ada: tambahkan kolom KEL_NAME / DESA (nama desa) atau KODE DESA."
                .into(),
        );
    }
    let programme_columns: Vec<(Column, Programme, &str)> = [
        (Column::Pkh, Programme::Pkh, "PKH"),
        (Column::Bpnt, Programme::Bpnt, "BPNT"),
        (Column::PbiJk, Programme::PbiJk, "PBI"),
    ]
    .into_iter()
    .filter(|(c, ..)| header.has(*c))
    .collect();

    let mut read = FamiliesRead {
        header: header.clone(),
        ..FamiliesRead::default()
    };
    let mut by_kk: HashMap<String, usize> = HashMap::new();
    let mut nik_rows: HashMap<String, u32> = HashMap::new();
    for (index, row) in rows.iter().enumerate().skip(header.row + 1) {
        if blank(row) {
            continue;
        }
        let number = index as u32 + 1;
        read.rows += 1;
        let cell = |c: Column| header.cell(row, c);
        let mut problem = |c: Column, message: String| {
            read.problems
                .push(Problem::new(number, header.label(c), message));
        };
        let kk = match Kk::parse(cell(Column::Kk)) {
            Ok(kk) => Some(kk),
            Err(e) => {
                problem(Column::Kk, sentence(&e.to_string()));
                None
            }
        };
        let nik = match Nik::parse(cell(Column::Nik)) {
            Ok(nik) => {
                if let Some(first) = nik_rows.get(nik.as_str()) {
                    problem(
                        Column::Nik,
                        format!(
                            "NIK {} sudah ada di baris {first}: satu NIK hanya untuk satu orang.",
                            nik.as_str()
                        ),
                    );
                } else {
                    nik_rows.insert(nik.as_str().to_owned(), number);
                }
                Some(nik)
            }
            Err(e) => {
                problem(Column::Nik, sentence(&e.to_string()));
                None
            }
        };
        let name = cell(Column::Name).to_owned();
        if name.is_empty() {
            problem(
                Column::Name,
                "Nama kosong: isi nama lengkap seperti di KK.".into(),
            );
        }
        let sex = values::sex(cell(Column::Sex)).map_err(|m| problem(Column::Sex, m));
        let born = values::date(cell(Column::BirthDate)).map_err(|m| problem(Column::BirthDate, m));
        let relation =
            values::relation(cell(Column::Relation)).map_err(|m| problem(Column::Relation, m));
        let place = PlaceText {
            desa: if header.has(Column::Desa) && !cell(Column::Desa).is_empty() {
                cell(Column::Desa).to_owned()
            } else {
                cell(Column::DesaCode).to_owned()
            },
            kecamatan: cell(Column::Kecamatan).to_owned(),
        };
        if place.desa.is_empty() {
            let column = if header.has(Column::Desa) {
                Column::Desa
            } else {
                Column::DesaCode
            };
            problem(column, "Desa kosong: isi nama atau kode desa.".into());
        }
        let mut programmes = Vec::new();
        for (column, programme, word) in &programme_columns {
            match values::yes(cell(*column), word) {
                Ok(true) => programmes.push(*programme),
                Ok(false) => {}
                Err(m) => problem(*column, m),
            }
        }
        let (Some(kk), Some(nik), Ok(sex), Ok(born), Ok(relation)) = (kk, nik, sex, born, relation)
        else {
            continue;
        };
        if name.is_empty() || place.desa.is_empty() {
            continue;
        }
        let mut member = Member::new(nik, name, sex, cell(Column::BirthPlace), born, relation);
        member.mother_name = cell(Column::Mother).to_owned();
        let family = match by_kk.get(kk.as_str()) {
            Some(&i) => {
                let family = &mut read.families[i];
                if family.place != place {
                    read.problems.push(Problem::new(
                        number,
                        header.label(if header.has(Column::Desa) {
                            Column::Desa
                        } else {
                            Column::DesaCode
                        }),
                        format!(
                            "KK {kk} di baris {} tertulis di {}, di baris ini di {}: satu KK tinggal di satu desa.",
                            family.first_row(),
                            family.place.label(),
                            place.label()
                        ),
                    ));
                    continue;
                }
                family
            }
            None => {
                by_kk.insert(kk.as_str().to_owned(), read.families.len());
                read.families.push(ImportedFamily {
                    kk,
                    place,
                    address: Address {
                        street: cell(Column::Address).to_owned(),
                        dusun: cell(Column::Dusun).to_owned(),
                        rt: cell(Column::Rt).to_owned(),
                        rw: cell(Column::Rw).to_owned(),
                    },
                    members: Vec::new(),
                    programmes: (!programme_columns.is_empty()).then(Vec::new),
                });
                read.families.last_mut().expect("just pushed")
            }
        };
        if let Some(have) = family.programmes.as_mut() {
            for p in programmes {
                if !have.contains(&p) {
                    have.push(p);
                }
            }
        }
        family.members.push((number, member));
    }
    read.problems.sort();
    Ok(read)
}

fn required_name(column: Column) -> &'static str {
    match column {
        Column::Kk => "NO_KK",
        Column::Nik => "NIK",
        Column::Name => "NAMA_LGKP",
        Column::Sex => "JENIS_KLMIN",
        Column::BirthDate => "TGL_LHR",
        Column::Relation => "STAT_HBKEL",
        _ => "?",
    }
}

/// The distinct places of `families`, each with the first row it appears on.
pub fn places(families: &[ImportedFamily]) -> BTreeMap<PlaceText, u32> {
    let mut out: BTreeMap<PlaceText, u32> = BTreeMap::new();
    for family in families {
        let row = family.first_row();
        out.entry(family.place.clone())
            .and_modify(|r| *r = (*r).min(row))
            .or_insert(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Relation, Sex};

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split('|').map(str::to_owned).collect())
            .collect()
    }

    const DUKCAPIL: &str = "\
NO_KK|NIK|NAMA_LGKP|JENIS_KLMIN|TMPT_LHR|TGL_LHR|STAT_HBKEL|ALAMAT|DUSUN|NO_RT|NO_RW|KEL_NAME|KEC_NAME|NAMA_LGKP_IBU
3526151501200001|3526151203800001|MOH. HASAN|1|BANGKALAN|12-03-1980|1|JL. RAYA BLEGA|DSN. TIMUR|001|002|LOMBANG DAJAH|BLEGA|SITI
3526151501200001|3526155408850002|SITI AMINAH|PEREMPUAN|BANGKALAN|1985-08-14|ISTRI|JL. RAYA BLEGA|DSN. TIMUR|001|002|LOMBANG DAJAH|BLEGA|HALIMAH
3526151501200002|3526150101900003|ABD. ROSYID|L|SAMPANG|32874|1|||||LOMBANG DAJAH|BLEGA|";

    #[test]
    fn dukcapil_rows_grouped_by_kk() {
        let read = read(&rows(DUKCAPIL)).unwrap();
        assert_eq!(read.problems, vec![]);
        assert_eq!(read.rows, 3);
        assert_eq!(read.families.len(), 2);
        let first = &read.families[0];
        assert_eq!(first.kk.as_str(), "3526151501200001");
        assert_eq!(first.members.len(), 2);
        assert_eq!(first.members[1].0, 3);
        let siti = &first.members[1].1;
        assert_eq!(siti.sex, Sex::Female);
        assert_eq!(siti.relation, Relation::Istri);
        assert_eq!(siti.mother_name, "HALIMAH");
        assert_eq!(first.address.rt, "001");
        assert_eq!(first.place.label(), "LOMBANG DAJAH (Kec. BLEGA)");
        assert_eq!(first.programmes, None);
        // 32874 is the Excel serial of 1 Jan 1990.
        assert_eq!(
            read.families[1].members[0].1.birth_date,
            jiff::civil::date(1990, 1, 1)
        );
        assert_eq!(places(&read.families).len(), 1);
    }

    #[test]
    fn every_bad_cell_is_a_numbered_problem() {
        let text = "\
NO_KK|NIK|NAMA_LGKP|JENIS_KLMIN|TGL_LHR|STAT_HBKEL|KEL_NAME
3526151501200001|35261512038|MOH. HASAN|1|12-03-1980|1|LOMBANG DAJAH
3526151501200001|3526155408850002||X|31-02-1985|ipar|LOMBANG DAJAH

35261515012000|3526155408850002|SITI|2|14-08-1985|3|";
        let read = read(&rows(text)).unwrap();
        let shown: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "Baris 2, kolom NIK: NIK harus 16 angka (tertulis 11 karakter).",
                "Baris 3, kolom JENIS_KLMIN: Jenis kelamin \"X\" tidak dikenal: isi 1/L (laki-laki) atau 2/P (perempuan).",
                "Baris 3, kolom NAMA_LGKP: Nama kosong: isi nama lengkap seperti di KK.",
                "Baris 3, kolom STAT_HBKEL: Hubungan keluarga \"ipar\" tidak dikenal: isi kode SHDK 1–11 (1 kepala keluarga, 3 istri, 4 anak) atau namanya.",
                "Baris 3, kolom TGL_LHR: Tanggal \"31-02-1985\" tidak ada di kalender: periksa hari dan bulannya.",
                "Baris 5, kolom KEL_NAME: Desa kosong: isi nama atau kode desa.",
                "Baris 5, kolom NIK: NIK 3526155408850002 sudah ada di baris 3: satu NIK hanya untuk satu orang.",
                "Baris 5, kolom NO_KK: Nomor KK harus 16 angka (tertulis 14 karakter).",
            ]
        );
        assert_eq!(read.rows, 3);
        assert!(read.families.is_empty());
    }

    #[test]
    fn dtks_layout_with_programmes() {
        let text = "\
ID DTKS|PROVINSI|KABUPATEN/KOTA|KECAMATAN|DESA/KELURAHAN|ALAMAT|DUSUN|RT|RW|NOKK|NIK|NAMA|TANGGAL LAHIR|TEMPAT LAHIR|JENIS KELAMIN|PEKERJAAN|NAMA IBU KANDUNG|HUB KELUARGA|KETERANGAN PADAN|BANSOS BPNT|BANSOS PKH|BANSOS BPNT-PPKM|PBI JKN
1|JAWA TIMUR|BANGKALAN|GEGER|BANYONING LAOK|DSN. LAOK|LAOK|003|001|3526061501200001|3526061203800001|SUKARDI|12/03/1980|BANGKALAN|LAKI-LAKI|PETANI|MARWIYAH|KEPALA KELUARGA|PADAN|YA|TIDAK|TIDAK|YA
2|JAWA TIMUR|BANGKALAN|GEGER|BANYONING LAOK|DSN. LAOK|LAOK|003|001|3526061501200001|3526065408850002|MUNAWAROH|14/08/1985|BANGKALAN|PEREMPUAN|IRT|SAMIYAH|ISTRI|PADAN|TIDAK|YA|TIDAK|YA";
        let read = read(&rows(text)).unwrap();
        assert_eq!(read.problems, vec![]);
        assert_eq!(read.families.len(), 1);
        let family = &read.families[0];
        assert_eq!(family.place.desa, "BANYONING LAOK");
        assert_eq!(family.place.kecamatan, "GEGER");
        assert_eq!(
            family.programmes,
            Some(vec![Programme::Bpnt, Programme::PbiJk, Programme::Pkh])
        );
        let built = family.to_family(
            FamilyId(uuid::Uuid::nil()),
            RegionCode::parse("35.26.06.2002").unwrap(),
        );
        assert_eq!(built.members.len(), 2);
        assert_eq!(built.instrument.programmes.as_ref().unwrap().len(), 3);
        let today = jiff::civil::date(2026, 11, 23);
        assert_eq!(family.check(&built, today, &read.header), vec![]);
    }

    #[test]
    fn a_family_without_head_is_reported_on_its_first_row() {
        let text = "\
NOKK|NIK|NAMA|JENIS KELAMIN|TANGGAL LAHIR|HUB KELUARGA|DESA
3526061501200001|3526065408850002|MUNAWAROH|P|14-08-1985|3|Kampak";
        let read = read(&rows(text)).unwrap();
        let family = &read.families[0];
        let built = family.to_family(
            FamilyId(uuid::Uuid::nil()),
            RegionCode::parse("35.26.06.2009").unwrap(),
        );
        let problems = family.check(&built, jiff::civil::date(2026, 11, 23), &read.header);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "Baris 2, kolom HUB KELUARGA: KK 3526061501200001: Belum ada kepala keluarga: tandai satu anggota sebagai kepala keluarga."
        );
    }

    #[test]
    fn a_file_without_its_columns_is_refused_whole() {
        let missing = read(&rows("NOKK|NIK|NAMA|DESA\n1|2|3|4")).unwrap_err();
        assert!(
            missing.contains("JENIS_KLMIN, TGL_LHR, STAT_HBKEL"),
            "{missing}"
        );
        assert!(read(&rows("a|b\n1|2")).unwrap_err().contains("judul kolom"));
    }
}
