//! What needs doing in the field user's families, and the search over them. Pure (tested
//! natively): the map page feeds it the local copy's families, the server's NIK ganda flags, the
//! open conflicts and the returned proposals, and shows the counts as filters ("Perlu
//! dikerjakan") and the list narrowed by them.

use std::collections::{BTreeMap, BTreeSet};
use tepat_domain::checks::{Severity, check_family};
use tepat_domain::{Family, FamilyId};

/// Something a family needs. The order is the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    /// A proposal came back from the chain with a reason.
    Returned,
    /// A verifier's visit disputes part of the record and waits for the desa's answer.
    Disputed,
    /// A NIK of the family is also in another family (the server's flag).
    NikGanda,
    /// A conflict between two devices was resolved and waits to be seen.
    Conflict,
    /// The domain's checks find an error (blocks proposals).
    DataError,
    /// No house pin.
    NoPin,
    /// No front photo of the house.
    NoPhoto,
    /// Instrument questions still open.
    InstrumentOpen,
    /// No verifier has visited the house yet (the pendamping's list).
    NotVisited,
}

impl Need {
    /// Every need, in the order shown.
    pub const ALL: [Need; 9] = [
        Need::Returned,
        Need::Disputed,
        Need::NikGanda,
        Need::Conflict,
        Need::DataError,
        Need::NoPin,
        Need::NoPhoto,
        Need::InstrumentOpen,
        Need::NotVisited,
    ];
}

/// What is known of one family beyond the list line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The KK number and every member's NIK, digits only, and every member's name, lower-case.
    searchable: Vec<String>,
    /// What it needs.
    pub needs: BTreeSet<Need>,
}

/// What is known about the families apart from their records: each set holds the families
/// with that mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marked {
    /// The server flags them as NIK ganda.
    pub nik_ganda: BTreeSet<FamilyId>,
    /// An open conflict.
    pub conflicted: BTreeSet<FamilyId>,
    /// A returned proposal.
    pub returned: BTreeSet<FamilyId>,
    /// A verifier's dispute waiting for the desa.
    pub disputed: BTreeSet<FamilyId>,
    /// Not visited by a verifier yet (filled for the pendamping only).
    pub not_visited: BTreeSet<FamilyId>,
}

/// The facts of every family.
pub fn facts(
    families: &[Family],
    today: jiff::civil::Date,
    marked: &Marked,
) -> BTreeMap<FamilyId, Facts> {
    families
        .iter()
        .map(|family| {
            let mut needs = BTreeSet::new();
            let mut flag = |need, on: bool| {
                if on {
                    needs.insert(need);
                }
            };
            flag(Need::Returned, marked.returned.contains(&family.id));
            flag(Need::Disputed, marked.disputed.contains(&family.id));
            flag(Need::NikGanda, marked.nik_ganda.contains(&family.id));
            flag(Need::Conflict, marked.conflicted.contains(&family.id));
            flag(Need::NotVisited, marked.not_visited.contains(&family.id));
            flag(
                Need::DataError,
                check_family(family, today)
                    .iter()
                    .any(|f| f.severity == Severity::Error),
            );
            flag(Need::NoPin, family.location.is_none());
            flag(Need::NoPhoto, family.photos.front.is_none());
            flag(
                Need::InstrumentOpen,
                !family.instrument.unanswered().is_empty(),
            );
            let mut searchable = vec![family.kk.to_string()];
            for member in family.active_members() {
                searchable.push(member.nik.to_string());
                searchable.push(member.name.to_lowercase());
            }
            (family.id, Facts { searchable, needs })
        })
        .collect()
}

/// Whether a family matches what was typed: a name (any member's, or the head's on the list
/// line), or four or more digits of its KK or a member's NIK.
pub fn matches(head_name: &str, facts: Option<&Facts>, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() || head_name.to_lowercase().contains(&query) {
        return true;
    }
    let Some(facts) = facts else {
        return false;
    };
    let digits = query.chars().all(|c| c.is_ascii_digit());
    if digits && query.len() < 4 {
        return false;
    }
    facts.searchable.iter().any(|s| s.contains(&query))
}

/// How many families have each need.
pub fn counts(facts: &BTreeMap<FamilyId, Facts>) -> BTreeMap<Need, usize> {
    let mut counts = BTreeMap::new();
    for need in facts.values().flat_map(|f| f.needs.iter()) {
        *counts.entry(*need).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::family::Address;
    use tepat_domain::{HouseLocation, Kk, LocationSource, Member, Nik, RegionCode, Relation, Sex};

    fn family(n: u128, nik: &str, name: &str) -> Family {
        let mut head = Member::new(
            Nik::parse(nik).unwrap(),
            name,
            Sex::Male,
            "Bangkalan",
            jiff::civil::date(1985, 11, 23),
            Relation::KepalaKeluarga,
        );
        head.mother_name = "Siti".into();
        Family {
            id: FamilyId(uuid::Uuid::from_u128(n)),
            kk: Kk::parse(&format!("35261501012100{n:02}")).unwrap(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            address: Address::default(),
            location: None,
            members: vec![head],
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        }
    }

    #[test]
    fn search_by_name_nik_or_kk_but_not_by_a_few_digits() {
        let hamid = family(1, "3526152311850001", "Abdul Hamid");
        let all = facts(
            std::slice::from_ref(&hamid),
            jiff::civil::date(2026, 11, 23),
            &Marked::default(),
        );
        let f = all.get(&hamid.id);
        assert!(matches("Abdul Hamid", f, "hamid"));
        assert!(matches("Abdul Hamid", f, "2311850001"), "part of the NIK");
        assert!(
            matches("Abdul Hamid", f, "3526150101210001"),
            "the whole KK"
        );
        assert!(
            !matches("Abdul Hamid", f, "352"),
            "three digits match everyone"
        );
        assert!(!matches("Abdul Hamid", f, "9999"));
        assert!(
            !matches("Abdul Hamid", None, "2311850001"),
            "no facts: names only"
        );
    }

    #[test]
    fn needs_are_counted_per_kind() {
        let mut pinned = family(1, "3526152311850001", "Abdul Hamid");
        pinned.location = Some(HouseLocation {
            lat: -7.1,
            lon: 113.1,
            accuracy_m: None,
            source: LocationSource::Manual,
        });
        let bare = family(2, "3526152311850002", "Bahri");
        let all = facts(
            &[pinned.clone(), bare.clone()],
            jiff::civil::date(2026, 11, 23),
            &Marked {
                nik_ganda: BTreeSet::from([bare.id]),
                returned: BTreeSet::from([pinned.id]),
                disputed: BTreeSet::from([bare.id]),
                not_visited: BTreeSet::from([pinned.id, bare.id]),
                ..Marked::default()
            },
        );
        assert!(!all[&pinned.id].needs.contains(&Need::NoPin));
        assert!(all[&bare.id].needs.contains(&Need::NoPin));
        let counts = counts(&all);
        assert_eq!(counts[&Need::NoPin], 1);
        assert_eq!(counts[&Need::NoPhoto], 2);
        assert_eq!(counts[&Need::NikGanda], 1);
        assert_eq!(counts[&Need::Returned], 1);
        assert_eq!(counts[&Need::Disputed], 1);
        assert_eq!(counts[&Need::NotVisited], 2);
        assert!(all[&bare.id].needs.contains(&Need::Disputed));
        assert_eq!(counts.get(&Need::Conflict), None);
        assert_eq!(counts[&Need::InstrumentOpen], 2);
    }
}
