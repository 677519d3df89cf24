//! The upload layout: one row per active member of each ratified proposal, with the family's
//! region, address and KK repeated on every row (as the DTKS individual list does), then the
//! proposal's kind, score and local decile, and two empty columns (HASIL, ALASAN) that the same
//! sheet can carry back as the national result.
//!
//! Why per member: the national system matches people by NIK (the DTKS list, the Dukcapil
//! check), and a proposal is about a whole KK whose every member is registered; a per-family row
//! would hide the members the national system checks. The proposal id is on every row, so the
//! rows of one proposal are easy to group and the result may be given once per proposal.
//!
//! The column list is data: [`COLUMNS`], a header, its meaning and an extractor each. Change the
//! layout here and in `docs/national-exchange.md` (a test compares the two).

use crate::family::{Family, Member, Sex};
use crate::workflow::ProposalKind;

/// A region's code and name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamedRegion {
    /// Kemendagri code without dots (`3526152012`), as Dukcapil writes `NO_KEL` with its parents.
    pub code: String,
    /// Official name (`LOMBANG DAJAH`, as the region list has it).
    pub name: String,
}

/// The four levels above a family.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionNames {
    /// Provinsi.
    pub provinsi: NamedRegion,
    /// Kabupaten/kota.
    pub kabupaten: NamedRegion,
    /// Kecamatan.
    pub kecamatan: NamedRegion,
    /// Desa/kelurahan.
    pub desa: NamedRegion,
}

/// One proposal of the batch, with what the rows need.
#[derive(Debug, Clone)]
pub struct BatchEntry<'a> {
    /// The proposal's id (ID USULAN).
    pub proposal: uuid::Uuid,
    /// Its kind.
    pub kind: ProposalKind,
    /// The family's score as the proposal carries it.
    pub score: i64,
    /// The family's local decile (1 = poorest tenth), when ranked.
    pub decile: Option<u8>,
    /// The family.
    pub family: &'a Family,
    /// Its regions.
    pub regions: &'a RegionNames,
}

/// One row: a proposal and one of its members (none when the family has no active member left,
/// so that every proposal has at least one row).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a, 'b> {
    /// The proposal.
    pub entry: &'b BatchEntry<'a>,
    /// The member, if any.
    pub member: Option<&'a Member>,
}

/// One column: its header, what it means (for the docs) and how a row fills it.
#[derive(Clone, Copy)]
pub struct Column {
    /// The header cell.
    pub header: &'static str,
    /// What it holds, in Indonesian (written into the docs).
    pub meaning: &'static str,
    /// The cell of a row.
    pub value: fn(&Row<'_, '_>) -> String,
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.header)
    }
}

fn member_text(row: &Row<'_, '_>, f: fn(&Member) -> String) -> String {
    row.member.map(f).unwrap_or_default()
}

/// Sex as the DTKS list writes it.
pub fn sex_label(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "LAKI-LAKI",
        Sex::Female => "PEREMPUAN",
    }
}

/// Every column of the upload, in order.
pub const COLUMNS: &[Column] = &[
    Column {
        header: "ID USULAN",
        meaning: "ID usulan di Tepat (UUID); sama untuk semua anggota satu usulan. Dipakai lagi di file hasil.",
        value: |r| r.entry.proposal.to_string(),
    },
    Column {
        header: "KODE PROVINSI",
        meaning: "Kode Kemendagri provinsi (2 angka)",
        value: |r| r.entry.regions.provinsi.code.clone(),
    },
    Column {
        header: "PROVINSI",
        meaning: "Nama provinsi",
        value: |r| r.entry.regions.provinsi.name.clone(),
    },
    Column {
        header: "KODE KABUPATEN/KOTA",
        meaning: "Kode Kemendagri kabupaten/kota tanpa titik (4 angka)",
        value: |r| r.entry.regions.kabupaten.code.clone(),
    },
    Column {
        header: "KABUPATEN/KOTA",
        meaning: "Nama kabupaten/kota",
        value: |r| r.entry.regions.kabupaten.name.clone(),
    },
    Column {
        header: "KODE KECAMATAN",
        meaning: "Kode Kemendagri kecamatan tanpa titik (6 angka)",
        value: |r| r.entry.regions.kecamatan.code.clone(),
    },
    Column {
        header: "KECAMATAN",
        meaning: "Nama kecamatan",
        value: |r| r.entry.regions.kecamatan.name.clone(),
    },
    Column {
        header: "KODE DESA/KELURAHAN",
        meaning: "Kode Kemendagri desa/kelurahan tanpa titik (10 angka)",
        value: |r| r.entry.regions.desa.code.clone(),
    },
    Column {
        header: "DESA/KELURAHAN",
        meaning: "Nama desa/kelurahan",
        value: |r| r.entry.regions.desa.name.clone(),
    },
    Column {
        header: "ALAMAT",
        meaning: "Alamat (jalan/baris alamat bebas)",
        value: |r| r.entry.family.address.street.clone(),
    },
    Column {
        header: "DUSUN",
        meaning: "Dusun",
        value: |r| r.entry.family.address.dusun.clone(),
    },
    Column {
        header: "RT",
        meaning: "Nomor RT seperti tertulis (\"001\")",
        value: |r| r.entry.family.address.rt.clone(),
    },
    Column {
        header: "RW",
        meaning: "Nomor RW seperti tertulis (\"003\")",
        value: |r| r.entry.family.address.rw.clone(),
    },
    Column {
        header: "NOKK",
        meaning: "Nomor Kartu Keluarga (16 angka, utuh)",
        value: |r| r.entry.family.kk.as_str().to_owned(),
    },
    Column {
        header: "NIK",
        meaning: "NIK anggota (16 angka, utuh; NIK sementara diawali 0)",
        value: |r| member_text(r, |m| m.nik.as_str().to_owned()),
    },
    Column {
        header: "NAMA",
        meaning: "Nama lengkap seperti di KK",
        value: |r| member_text(r, |m| m.name.clone()),
    },
    Column {
        header: "TANGGAL LAHIR",
        meaning: "Tanggal lahir, TTTT-BB-HH (ISO 8601)",
        value: |r| member_text(r, |m| m.birth_date.to_string()),
    },
    Column {
        header: "TEMPAT LAHIR",
        meaning: "Tempat lahir",
        value: |r| member_text(r, |m| m.birth_place.clone()),
    },
    Column {
        header: "JENIS KELAMIN",
        meaning: "LAKI-LAKI atau PEREMPUAN (Dukcapil 1 dan 2)",
        value: |r| member_text(r, |m| sex_label(m.sex).to_owned()),
    },
    Column {
        header: "PEKERJAAN",
        meaning: "Pekerjaan, label Dukcapil (kosong bila belum ditanyakan)",
        value: |r| {
            member_text(r, |m| {
                m.work.map(|w| w.label().to_owned()).unwrap_or_default()
            })
        },
    },
    Column {
        header: "NAMA IBU KANDUNG",
        meaning: "Nama ibu kandung (data tanpa nama ibu ditolak pusat)",
        value: |r| member_text(r, |m| m.mother_name.clone()),
    },
    Column {
        header: "KODE HUB KELUARGA",
        meaning: "Kode SHDK Dukcapil 1-11",
        value: |r| member_text(r, |m| m.relation.shdk_code().to_string()),
    },
    Column {
        header: "HUB KELUARGA",
        meaning: "Hubungan dalam keluarga (SHDK), huruf besar",
        value: |r| member_text(r, |m| m.relation.label_id().to_uppercase()),
    },
    Column {
        header: "JENIS USULAN",
        meaning: "Jenis usulan (Usulan baru, Perbaikan data, Penonaktifan (...), Usulan bansos PKH/BPNT, Usulan PBI-JK)",
        value: |r| r.entry.kind.label_id().to_owned(),
    },
    Column {
        header: "SKOR",
        meaning: "Skor kemiskinan keluarga menurut skema skor Tepat yang berlaku saat usulan",
        value: |r| r.entry.score.to_string(),
    },
    Column {
        header: "DESIL",
        meaning: "Desil lokal di kabupaten (1 = 10% termiskin); kosong bila belum diperingkat",
        value: |r| r.entry.decile.map(|d| d.to_string()).unwrap_or_default(),
    },
    Column {
        header: "HASIL",
        meaning: "Kosong saat dikirim; diisi DITERIMA atau DITOLAK bila file ini dipakai sebagai file hasil",
        value: |_| String::new(),
    },
    Column {
        header: "ALASAN",
        meaning: "Kosong saat dikirim; alasan penolakan dari pusat",
        value: |_| String::new(),
    },
];

/// The header row.
pub fn header() -> Vec<String> {
    COLUMNS.iter().map(|c| c.header.to_owned()).collect()
}

/// The rows of `entries` (header not included): every active member of each, head first as the
/// family lists them; one row without member fields for a family with no active member.
pub fn rows(entries: &[BatchEntry<'_>]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for entry in entries {
        let members: Vec<&Member> = entry.family.active_members().collect();
        let mut push = |member: Option<&Member>| {
            let row = Row { entry, member };
            out.push(COLUMNS.iter().map(|c| (c.value)(&row)).collect());
        };
        if members.is_empty() {
            push(None);
        }
        for member in members {
            push(Some(member));
        }
    }
    out
}

/// The header and the rows: the whole sheet.
pub fn sheet(entries: &[BatchEntry<'_>]) -> Vec<Vec<String>> {
    let mut out = vec![header()];
    out.extend(rows(entries));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::family::{Address, Relation};
    use crate::identity::{Kk, Nik};
    use crate::region::RegionCode;

    pub(crate) fn family() -> Family {
        let date = |y, m, d| jiff::civil::date(y, m, d);
        let head = Member::new(
            Nik::parse("3526151203800001").unwrap(),
            "Moh. Hasan; \"Pak Hasan\"",
            Sex::Male,
            "Bangkalan",
            date(1980, 3, 12),
            Relation::KepalaKeluarga,
        );
        let mut wife = Member::new(
            Nik::parse("3526155507850002").unwrap(),
            "Siti Aminah",
            Sex::Female,
            "Bangkalan",
            date(1985, 7, 15),
            Relation::Istri,
        );
        wife.mother_name = "Hj. Maimunah".into();
        let mut gone = Member::new(
            Nik::parse("3526150101500003").unwrap(),
            "Marsuki",
            Sex::Male,
            "Bangkalan",
            date(1950, 1, 1),
            Relation::Orangtua,
        );
        gone.status = crate::family::MemberStatus::Died(date(2025, 1, 2));
        Family {
            id: crate::family::FamilyId(uuid::Uuid::from_u128(1)),
            kk: Kk::parse("3526151234560001").unwrap(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            address: Address {
                street: "Jl. Raya Blega, gang 2\nbelakang masjid".into(),
                dusun: "Dusun Barat".into(),
                rw: "003".into(),
                rt: "001".into(),
            },
            location: None,
            members: vec![head, wife, gone],
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        }
    }

    pub(crate) fn regions() -> RegionNames {
        let named = |code: &str, name: &str| NamedRegion {
            code: code.into(),
            name: name.into(),
        };
        RegionNames {
            provinsi: named("35", "JAWA TIMUR"),
            kabupaten: named("3526", "KABUPATEN BANGKALAN"),
            kecamatan: named("352615", "BLEGA"),
            desa: named("3526152012", "LOMBANG DAJAH"),
        }
    }

    fn cell<'a>(sheet: &'a [Vec<String>], row: usize, header: &str) -> &'a str {
        let col = COLUMNS.iter().position(|c| c.header == header).unwrap();
        &sheet[row][col]
    }

    #[test]
    fn one_row_per_active_member_with_the_family_repeated() {
        let family = family();
        let regions = regions();
        let id = uuid::Uuid::from_u128(7);
        let entry = BatchEntry {
            proposal: id,
            kind: ProposalKind::BansosPkh,
            score: 42,
            decile: Some(1),
            family: &family,
            regions: &regions,
        };
        let sheet = sheet(&[entry]);
        // Header plus two members: the one who died is not sent.
        assert_eq!(sheet.len(), 3);
        assert!(sheet.iter().all(|r| r.len() == COLUMNS.len()));
        assert_eq!(sheet[0][0], "ID USULAN");
        for row in 1..=2 {
            assert_eq!(cell(&sheet, row, "ID USULAN"), id.to_string());
            assert_eq!(cell(&sheet, row, "NOKK"), "3526151234560001");
            assert_eq!(cell(&sheet, row, "KODE DESA/KELURAHAN"), "3526152012");
            assert_eq!(cell(&sheet, row, "DESA/KELURAHAN"), "LOMBANG DAJAH");
            assert_eq!(cell(&sheet, row, "RT"), "001");
            assert_eq!(cell(&sheet, row, "JENIS USULAN"), "Usulan bansos PKH");
            assert_eq!(cell(&sheet, row, "SKOR"), "42");
            assert_eq!(cell(&sheet, row, "DESIL"), "1");
            assert_eq!(cell(&sheet, row, "HASIL"), "");
        }
        assert_eq!(cell(&sheet, 1, "NIK"), "3526151203800001");
        assert_eq!(cell(&sheet, 1, "HUB KELUARGA"), "KEPALA KELUARGA");
        assert_eq!(cell(&sheet, 1, "KODE HUB KELUARGA"), "1");
        assert_eq!(cell(&sheet, 1, "TANGGAL LAHIR"), "1980-03-12");
        assert_eq!(cell(&sheet, 2, "JENIS KELAMIN"), "PEREMPUAN");
        assert_eq!(cell(&sheet, 2, "NAMA IBU KANDUNG"), "Hj. Maimunah");
        assert_eq!(cell(&sheet, 2, "KODE HUB KELUARGA"), "3");
    }

    #[test]
    fn a_family_with_no_active_member_still_has_its_row() {
        let mut family = family();
        family.members.clear();
        let regions = regions();
        let entry = BatchEntry {
            proposal: uuid::Uuid::from_u128(9),
            kind: ProposalKind::Deactivation(crate::workflow::DeactivationReason::Died),
            score: 0,
            decile: None,
            family: &family,
            regions: &regions,
        };
        let rows = rows(&[entry]);
        assert_eq!(rows.len(), 1);
        assert_eq!(cell(&[header(), rows[0].clone()], 1, "NIK"), "");
        assert_eq!(cell(&[header(), rows[0].clone()], 1, "DESIL"), "");
    }

    #[test]
    fn headers_are_unique_and_the_docs_list_every_one() {
        let mut seen = std::collections::BTreeSet::new();
        assert!(COLUMNS.iter().all(|c| seen.insert(c.header)));
        let docs = include_str!("../../../../docs/national-exchange.md");
        for column in COLUMNS {
            assert!(
                docs.contains(&format!("| `{}` |", column.header)),
                "docs/national-exchange.md does not list {}",
                column.header
            );
        }
    }
}
