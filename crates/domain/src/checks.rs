//! The checks a family record gets before it is saved or proposed, with Indonesian messages.
//! Errors block a proposal; warnings are shown and kept, because Dukcapil data is what it is:
//! a NIK is never changed, even when it disagrees with the birth date or sex.
//! Kabupaten-wide: NIK ganda (one NIK in two places) and likely duplicate persons among members
//! without a real NIK (same name, birth date, birth place and sex).

use crate::family::{Family, FamilyId, Member, Relation, Sex};
use crate::identity::Nik;
use crate::text::format_date_id;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Severity {
    /// Must be fixed before the family can be proposed.
    Error,
    /// Shown to the operator; does not block.
    Warning,
}

/// The field a finding is about, so the form can show it next to that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Field {
    /// KK number.
    Kk,
    /// NIK.
    Nik,
    /// Name.
    Name,
    /// Date of birth.
    BirthDate,
    /// Place of birth.
    BirthPlace,
    /// Sex.
    Sex,
    /// Mother's maiden name.
    MotherName,
    /// Relation to the head.
    Relation,
    /// House pin.
    Location,
}

/// One thing to tell the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Blocks or not.
    pub severity: Severity,
    /// Index of the member in `Family::members`, or none for the family itself.
    pub member: Option<usize>,
    /// Which field.
    pub field: Field,
    /// What is wrong and what to do, in Indonesian.
    pub message: String,
}

impl Finding {
    fn new(severity: Severity, member: Option<usize>, field: Field, message: String) -> Finding {
        Finding {
            severity,
            member,
            field,
            message,
        }
    }
}

/// Checks one member (index `index` in its family) as of `today`.
pub fn check_member(member: &Member, index: usize, today: jiff::civil::Date) -> Vec<Finding> {
    let at = Some(index);
    let mut out = Vec::new();
    let name = member.name.trim();
    if name.is_empty() {
        out.push(Finding::new(
            Severity::Error,
            at,
            Field::Name,
            "Nama wajib diisi sesuai KK.".into(),
        ));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        out.push(Finding::new(
            Severity::Error,
            at,
            Field::Name,
            format!("Nama \"{name}\" berisi angka: tulis nama sesuai KK."),
        ));
    }
    if member.birth_date > today {
        out.push(Finding::new(
            Severity::Error,
            at,
            Field::BirthDate,
            format!(
                "Tanggal lahir {} ada di masa depan.",
                format_date_id(member.birth_date)
            ),
        ));
    }
    if member.birth_place.trim().is_empty() {
        out.push(Finding::new(
            Severity::Warning,
            at,
            Field::BirthPlace,
            "Tempat lahir belum diisi.".into(),
        ));
    }
    let mother = member.mother_name.trim();
    if mother.is_empty() {
        out.push(Finding::new(
            Severity::Error,
            at,
            Field::MotherName,
            "Nama ibu kandung wajib diisi: data tanpa nama ibu ditolak sistem pusat.".into(),
        ));
    } else if mother.chars().filter(|c| c.is_alphabetic()).count() < 3
        || mother.chars().any(|c| c.is_ascii_digit())
    {
        out.push(Finding::new(
            Severity::Warning,
            at,
            Field::MotherName,
            format!(
                "Nama ibu kandung \"{mother}\" tampak tidak lengkap: periksa ejaannya sesuai KK."
            ),
        ));
    }
    match member.nik.birth_part() {
        None => out.push(Finding::new(
            Severity::Warning,
            at,
            Field::Nik,
            "NIK sementara: anggota ini belum punya NIK dari Dukcapil; bantu urus NIK-nya.".into(),
        )),
        Some(birth) => {
            let born = member.birth_date;
            let matches_date = birth.day == born.day() as u8
                && birth.month == born.month() as u8
                && birth.year2 == (born.year() % 100) as u8;
            if !matches_date {
                out.push(Finding::new(
                    Severity::Warning,
                    at,
                    Field::BirthDate,
                    format!(
                        "Tanggal lahir dalam NIK ({:02}-{:02}-{:02}) berbeda dengan tanggal lahir tercatat ({}). \
                         NIK tidak diubah; pastikan tanggal lahir sesuai KK.",
                        birth.day,
                        birth.month,
                        birth.year2,
                        format_date_id(born)
                    ),
                ));
            }
            let nik_sex = if birth.female { Sex::Female } else { Sex::Male };
            if nik_sex != member.sex {
                let (said, recorded) = match nik_sex {
                    Sex::Female => ("perempuan", "laki-laki"),
                    Sex::Male => ("laki-laki", "perempuan"),
                };
                out.push(Finding::new(
                    Severity::Warning,
                    at,
                    Field::Sex,
                    format!(
                        "NIK menunjukkan {said}, tetapi jenis kelamin tercatat {recorded}. \
                         NIK tidak diubah; pastikan jenis kelamin sesuai KK."
                    ),
                ));
            }
        }
    }
    out
}

/// Checks a whole family as of `today`: its members, its head, NIKs repeated within it, its KK
/// against its kecamatan, and its house pin.
pub fn check_family(family: &Family, today: jiff::civil::Date) -> Vec<Finding> {
    let mut out = Vec::new();
    let kecamatan = family.desa.parent().map(|k| k.digits()).unwrap_or_default();
    if !family.kk.as_str().starts_with(&kecamatan) {
        out.push(Finding::new(
            Severity::Warning,
            None,
            Field::Kk,
            format!(
                "Nomor KK diawali kode {}, bukan kode kecamatan keluarga ini ({kecamatan}). \
                 KK berganti bila keluarga pindah kecamatan: periksa apakah KK sudah diperbarui.",
                &family.kk.as_str()[..6]
            ),
        ));
    }
    let heads = family
        .active_members()
        .filter(|m| m.relation == Relation::KepalaKeluarga)
        .count();
    match heads {
        1 => {}
        0 => out.push(Finding::new(
            Severity::Error,
            None,
            Field::Relation,
            "Belum ada kepala keluarga: tandai satu anggota sebagai kepala keluarga.".into(),
        )),
        n => out.push(Finding::new(
            Severity::Error,
            None,
            Field::Relation,
            format!("Ada {n} kepala keluarga: satu KK hanya punya satu kepala keluarga."),
        )),
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, member) in family.members.iter().enumerate() {
        if !member.is_active() {
            continue;
        }
        out.extend(check_member(member, index, today));
        if let Some(first) = seen.insert(member.nik.as_str(), index) {
            out.push(Finding::new(
                Severity::Error,
                Some(index),
                Field::Nik,
                format!(
                    "NIK {} dipakai dua kali dalam keluarga ini (juga oleh {}).",
                    member.nik, family.members[first].name
                ),
            ));
        }
    }
    if family.location.is_none() {
        out.push(Finding::new(
            Severity::Warning,
            None,
            Field::Location,
            "Titik rumah belum dipasang di peta.".into(),
        ));
    }
    out
}

/// Whether any finding blocks a proposal.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Where a member is: family and index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberRef {
    /// The family.
    pub family: FamilyId,
    /// Index in `Family::members`.
    pub index: usize,
}

/// One NIK held by more than one active member (NIK ganda): every holder is flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NikClash {
    /// The NIK.
    pub nik: Nik,
    /// Every member holding it.
    pub holders: Vec<MemberRef>,
}

/// All NIK ganda among `families` (real NIKs of active members only), ordered by NIK.
pub fn nik_clashes<'a>(families: impl IntoIterator<Item = &'a Family>) -> Vec<NikClash> {
    let mut by_nik: BTreeMap<&Nik, Vec<MemberRef>> = BTreeMap::new();
    for family in families {
        for (index, member) in family.members.iter().enumerate() {
            if member.is_active() && !member.nik.is_temporary() {
                by_nik.entry(&member.nik).or_default().push(MemberRef {
                    family: family.id,
                    index,
                });
            }
        }
    }
    by_nik
        .into_iter()
        .filter(|(_, holders)| holders.len() > 1)
        .map(|(nik, holders)| NikClash {
            nik: nik.clone(),
            holders,
        })
        .collect()
}

/// Members that are likely the same person although one has no real NIK yet: the same
/// normalised name, birth date, birth place and sex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LikelySamePerson {
    /// The matching members (at least one with a temporary NIK).
    pub members: Vec<MemberRef>,
}

/// A name or place reduced for comparison: lower case, letters and single spaces only, and the
/// common Madurese/Javanese abbreviations written out (`Moh.` → `muhammad`, `Abd.` → `abdul`).
pub fn normalise_name(name: &str) -> String {
    let lowered: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect();
    lowered
        .split_whitespace()
        .map(|word| match word {
            "moh" | "moch" | "mochammad" | "mohammad" | "mohamad" | "muhamad" | "muh" | "mhd"
            | "m" => "muhammad",
            "abd" | "abdul" => "abdul",
            "ach" | "achmad" | "akhmad" => "ahmad",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key that likely-duplicate detection compares: normalised name, birth date, normalised
/// birth place and sex (`abdul hamid|1985-11-23|bangkalan|L`). Contains no `/`.
pub fn person_key(member: &Member) -> String {
    let sex = if member.sex == Sex::Female { "P" } else { "L" };
    format!(
        "{}|{}|{}|{sex}",
        normalise_name(&member.name),
        member.birth_date,
        normalise_name(&member.birth_place)
    )
}

/// Likely duplicate persons among `families`: groups sharing name, birth date, birth place and
/// sex in which at least one member has a temporary NIK.
pub fn likely_same_persons<'a>(
    families: impl IntoIterator<Item = &'a Family>,
) -> Vec<LikelySamePerson> {
    type Key = (String, jiff::civil::Date, String, bool);
    let mut groups: BTreeMap<Key, (Vec<MemberRef>, bool)> = BTreeMap::new();
    for family in families {
        for (index, m) in family.members.iter().enumerate() {
            if !m.is_active() {
                continue;
            }
            let key = (
                normalise_name(&m.name),
                m.birth_date,
                normalise_name(&m.birth_place),
                m.sex == Sex::Female,
            );
            let entry = groups.entry(key).or_default();
            entry.0.push(MemberRef {
                family: family.id,
                index,
            });
            entry.1 |= m.nik.is_temporary();
        }
    }
    groups
        .into_values()
        .filter(|(members, any_temporary)| members.len() > 1 && *any_temporary)
        .map(|(members, _)| LikelySamePerson { members })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Address, HouseLocation, LocationSource, MemberStatus};
    use crate::identity::Kk;
    use crate::region::RegionCode;
    use jiff::civil::date;

    fn today() -> jiff::civil::Date {
        date(2026, 11, 22)
    }

    fn member(
        nik: &str,
        name: &str,
        sex: Sex,
        born: jiff::civil::Date,
        relation: Relation,
    ) -> Member {
        let mut m = Member::new(
            Nik::parse(nik).unwrap(),
            name,
            sex,
            "Bangkalan",
            born,
            relation,
        );
        m.mother_name = "Siti Maimunah".into();
        m
    }

    fn family(n: u128, members: Vec<Member>) -> Family {
        Family {
            id: FamilyId(uuid::Uuid::from_u128(n)),
            kk: Kk::parse("3526150101210007").unwrap(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            address: Address::default(),
            location: Some(HouseLocation {
                lat: -7.1,
                lon: 113.1,
                accuracy_m: None,
                source: LocationSource::Gps,
            }),
            members,
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        }
    }

    fn head() -> Member {
        member(
            "3526152311850001",
            "Abdul Hamid",
            Sex::Male,
            date(1985, 11, 23),
            Relation::KepalaKeluarga,
        )
    }

    fn messages(findings: &[Finding]) -> Vec<(Severity, Field)> {
        findings.iter().map(|f| (f.severity, f.field)).collect()
    }

    #[test]
    fn a_clean_member_has_no_findings() {
        assert_eq!(check_member(&head(), 0, today()), vec![]);
    }

    #[test]
    fn member_rule_table() {
        type Case = (&'static str, fn(&mut Member), Vec<(Severity, Field)>);
        let cases: Vec<Case> = vec![
            (
                "NIK date differs: a warning, never an error",
                |m| m.birth_date = date(1985, 11, 24),
                vec![(Severity::Warning, Field::BirthDate)],
            ),
            (
                "NIK says male, recorded female",
                |m| m.sex = Sex::Female,
                vec![(Severity::Warning, Field::Sex)],
            ),
            (
                "no mother's name blocks",
                |m| m.mother_name = " ".into(),
                vec![(Severity::Error, Field::MotherName)],
            ),
            (
                "suspicious mother's name warns",
                |m| m.mother_name = "S.".into(),
                vec![(Severity::Warning, Field::MotherName)],
            ),
            (
                "future birth date",
                |m| m.birth_date = date(2027, 1, 1),
                vec![
                    (Severity::Error, Field::BirthDate),
                    (Severity::Warning, Field::BirthDate),
                ],
            ),
            (
                "name with digits",
                |m| m.name = "Abdul 2".into(),
                vec![(Severity::Error, Field::Name)],
            ),
            (
                "empty name",
                |m| m.name = "".into(),
                vec![(Severity::Error, Field::Name)],
            ),
            (
                "temporary NIK",
                |m| m.nik = Nik::parse("0352615201200007").unwrap(),
                vec![(Severity::Warning, Field::Nik)],
            ),
            (
                "no birth place",
                |m| m.birth_place = "".into(),
                vec![(Severity::Warning, Field::BirthPlace)],
            ),
        ];
        for (what, change, expected) in cases {
            let mut m = head();
            change(&mut m);
            assert_eq!(messages(&check_member(&m, 0, today())), expected, "{what}");
        }
    }

    #[test]
    fn women_plus_forty_is_understood() {
        let wife = member(
            "3526156311850002",
            "Siti Aminah",
            Sex::Female,
            date(1985, 11, 23),
            Relation::Istri,
        );
        assert_eq!(check_member(&wife, 1, today()), vec![]);
    }

    #[test]
    fn family_rules() {
        assert_eq!(check_family(&family(1, vec![head()]), today()), vec![]);
        // No head.
        let mut child = head();
        child.relation = Relation::Anak;
        assert_eq!(
            messages(&check_family(&family(1, vec![child]), today())),
            [(Severity::Error, Field::Relation)]
        );
        // Same NIK twice in one family.
        let mut twin = head();
        twin.relation = Relation::Anak;
        let findings = check_family(&family(1, vec![head(), twin]), today());
        assert_eq!(messages(&findings), [(Severity::Error, Field::Nik)]);
        assert!(findings[0].message.contains("dipakai dua kali"));
        assert!(has_errors(&findings));
        // A dead head does not count; a KK from another kecamatan warns; a missing pin warns.
        let mut dead = head();
        dead.status = MemberStatus::Died(date(2025, 1, 1));
        let mut f = family(1, vec![dead]);
        f.kk = Kk::parse("3526100101210007").unwrap();
        f.location = None;
        assert_eq!(
            messages(&check_family(&f, today())),
            [
                (Severity::Warning, Field::Kk),
                (Severity::Error, Field::Relation),
                (Severity::Warning, Field::Location)
            ]
        );
    }

    #[test]
    fn nik_ganda_across_families_flags_every_holder() {
        let a = family(1, vec![head()]);
        let b = family(2, vec![head()]);
        let mut c_head = head();
        c_head.nik = Nik::parse("3526152311850009").unwrap();
        let c = family(3, vec![c_head]);
        let clashes = nik_clashes([&a, &b, &c]);
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            clashes[0].holders,
            [
                MemberRef {
                    family: a.id,
                    index: 0
                },
                MemberRef {
                    family: b.id,
                    index: 0
                }
            ]
        );
        // A member who died no longer holds the NIK against the living.
        let mut b_dead = b.clone();
        b_dead.members[0].status = MemberStatus::Died(date(2025, 1, 1));
        assert!(nik_clashes([&a, &b_dead]).is_empty());
    }

    #[test]
    fn likely_same_person_without_nik() {
        let a = family(1, vec![head()]);
        let mut copy = head();
        copy.nik = Nik::parse("0352615201200001").unwrap();
        copy.name = "ABD. HAMID".into();
        let b = family(2, vec![copy.clone()]);
        // Name variants normalise: "Abd." and "Abdul" are the same.
        assert_eq!(likely_same_persons([&a, &b]).len(), 1);
        // Two real NIKs with the same data are NIK matters, not this check.
        assert!(likely_same_persons([&a, &family(3, vec![head()])]).is_empty());
        // A different birth date is a different person.
        copy.birth_date = date(1985, 11, 24);
        assert!(likely_same_persons([&a, &family(2, vec![copy])]).is_empty());
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalise_name("Moh. Holil"), "muhammad holil");
        assert_eq!(normalise_name("  ACH.  Sodiq "), "ahmad sodiq");
        assert_eq!(normalise_name("Sa'diyah"), "sa diyah");
    }
}
