//! Synthetic demonstration data: one account per role and 500 invented families (20 in each of
//! the 25 extreme-poverty loci desa that Bangkalan named in 2021), each with members and a house
//! pin. Everything is marked `demo`; names, numbers and places of houses are made up, and the
//! pins are scattered around approximate desa positions. Deterministic: the same every time.

use crate::auth::hash_password;
use crate::store::UserRecord;
use tepat_domain::codes::{HealthInsurance, MaritalStatus, Schooling, WorkCode};
use tepat_domain::family::Address;
use tepat_domain::instrument::{
    Asset, CookingFuel, Floor, Instrument, Lighting, Programme, Roof, Spending, ToiletAccess, Wall,
    Water,
};
use tepat_domain::{
    Family, FamilyId, HouseLocation, Kk, LocationSource, Member, Nik, RegionCode, Relation, Role,
    Sex,
};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "tepat-demo";

/// Families generated per desa.
pub const FAMILIES_PER_DESA: usize = 20;

/// The 25 extreme-poverty loci desa (seed report of 23 Nov 2021), with approximate positions.
/// Names as in the official list (the report spells some differently: Banyoning Laok,
/// Patenteng, Alas Raja, Karang Nangka).
pub const LOCI_DESA: [(&str, f64, f64); 25] = [
    // Kokop
    ("35.26.10.2010", -6.952, 113.128),
    ("35.26.10.2013", -6.935, 113.152),
    ("35.26.10.2009", -6.968, 113.145),
    ("35.26.10.2012", -6.948, 113.172),
    ("35.26.10.2005", -6.975, 113.110),
    // Konang
    ("35.26.17.2003", -7.050, 113.170),
    ("35.26.17.2012", -7.035, 113.192),
    ("35.26.17.2011", -7.040, 113.155),
    ("35.26.17.2013", -7.065, 113.185),
    ("35.26.17.2009", -7.020, 113.175),
    // Geger
    ("35.26.06.2005", -7.005, 112.975),
    ("35.26.06.2007", -6.990, 112.990),
    ("35.26.06.2003", -7.015, 113.005),
    ("35.26.06.2002", -6.995, 112.958),
    ("35.26.06.2006", -7.022, 112.982),
    // Modung
    ("35.26.16.2008", -7.145, 113.035),
    ("35.26.16.2003", -7.160, 113.050),
    ("35.26.16.2011", -7.130, 113.020),
    ("35.26.16.2012", -7.170, 113.025),
    ("35.26.16.2006", -7.150, 113.065),
    // Blega
    ("35.26.15.2004", -7.118, 113.128),
    ("35.26.15.2012", -7.102, 113.142),
    ("35.26.15.2010", -7.125, 113.150),
    ("35.26.15.2006", -7.135, 113.120),
    ("35.26.15.2002", -7.110, 113.165),
];

/// A demo account: username, display name, role, region.
pub const DEMO_USERS: [(&str, &str, Role, &str); 8] = [
    (
        "op.lombangdajah",
        "Operator Desa Lombang Dajah",
        Role::OperatorDesa,
        "35.26.15.2012",
    ),
    (
        "op.alasraja",
        "Operator Desa Alas Rajah",
        Role::OperatorDesa,
        "35.26.15.2004",
    ),
    (
        "tksk.blega",
        "TKSK Kecamatan Blega",
        Role::Pendamping,
        "35.26.15",
    ),
    (
        "kec.blega",
        "Pengelola Data Kecamatan Blega",
        Role::PengelolaKecamatan,
        "35.26.15",
    ),
    (
        "dinsos",
        "Operator DTKS Dinas Sosial",
        Role::OperatorDinas,
        "35.26",
    ),
    (
        "kadinsos",
        "Kepala Dinas Sosial",
        Role::KepalaDinas,
        "35.26",
    ),
    ("bupati", "Bupati Bangkalan", Role::Bupati, "35.26"),
    ("admin", "Admin Tepat", Role::Admin, "35.26"),
];

pub(crate) const MEN: [&str; 20] = [
    "Abdul Hamid",
    "Moh. Holil",
    "Ahmad Fauzi",
    "Matrawi",
    "Sulaiman",
    "Rofiqi",
    "Marsuki",
    "Busiri",
    "Jamaluddin",
    "Mahfud",
    "Samsul Arifin",
    "Syaiful Bahri",
    "Abd. Rahman",
    "Kholik",
    "Mukri",
    "Suhaimi",
    "Moh. Toyyib",
    "Hasyim",
    "Musleh",
    "Ach. Sodiq",
];
pub(crate) const WOMEN: [&str; 20] = [
    "Siti Aminah",
    "Maimunah",
    "Fatimah",
    "Hotimah",
    "Nurhayati",
    "Halimah",
    "Munawaroh",
    "Sutini",
    "Rukayyah",
    "Asiyah",
    "Zainab",
    "Masruroh",
    "Khotijah",
    "Sumiati",
    "Muniroh",
    "Salamah",
    "Mutmainnah",
    "Romlah",
    "Sa'diyah",
    "Juma'ati",
];
pub(crate) const CHILDREN_M: [&str; 8] = [
    "Moh. Rizki",
    "Ahmad Farid",
    "Fathor Rozi",
    "Hairul Anam",
    "Moh. Ilham",
    "Rasyid",
    "Nur Hasan",
    "Imam Syafi'i",
];
pub(crate) const CHILDREN_F: [&str; 8] = [
    "Nur Azizah",
    "Siti Rohmah",
    "Lailatul Qodriyah",
    "Ummi Kulsum",
    "Faridatul",
    "Nurul Hidayah",
    "Anisa",
    "Dewi Masitoh",
];
const HEAD_WORK: [WorkCode; 6] = [
    WorkCode::FARMER,
    WorkCode::FARM_LABOURER,
    WorkCode::DAY_LABOURER,
    WorkCode::SELF_EMPLOYED,
    WorkCode::NOT_WORKING,
    WorkCode::FARMER,
];
pub(crate) const DUSUN: [&str; 4] = ["Dusun Barat", "Dusun Timur", "Dusun Tengah", "Dusun Laok"];

/// A small deterministic generator (splitmix64): demo data is the same on every install.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        self.bits() % n
    }
    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    /// Uniform in [-1, 1).
    pub fn unit(&mut self) -> f64 {
        (self.bits() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

fn date(rng: &mut Rng, from_year: i16, to_year: i16) -> jiff::civil::Date {
    let year = from_year + rng.below((to_year - from_year + 1) as u64) as i16;
    let month = 1 + rng.below(12) as i8;
    let day = 1 + rng.below(28) as i8;
    jiff::civil::date(year, month, day)
}

pub(crate) fn nik(kecamatan: &str, sex: Sex, born: jiff::civil::Date, serial: u32) -> Nik {
    let day = born.day() as u32 + if sex == Sex::Female { 40 } else { 0 };
    let text = format!(
        "{kecamatan}{day:02}{:02}{:02}{serial:04}",
        born.month(),
        born.year() % 100
    );
    Nik::parse(&text).expect("generated NIKs are well formed")
}

/// Plausible answers for a household in an extreme-poverty locus: mostly poor houses, a few
/// comfortable ones, and some forms not finished yet (spending not asked).
fn instrument(rng: &mut Rng, household: u64) -> Instrument {
    let comfortable = rng.below(6) == 0;
    let pick = |rng: &mut Rng, poor: &[usize], rich: &[usize]| {
        let options = if comfortable { rich } else { poor };
        options[rng.below(options.len() as u64) as usize]
    };
    let floor = Floor::ALL[pick(rng, &[7, 7, 5, 6, 4], &[1, 3, 5])];
    let wall = Wall::ALL[pick(rng, &[4, 1, 3, 4, 0], &[0, 0, 1])];
    let roof = Roof::ALL[pick(rng, &[1, 3, 2, 6], &[1, 0])];
    let water = Water::ALL[pick(rng, &[3, 4, 6, 2, 8], &[0, 1, 2])];
    let lighting = Lighting::ALL[pick(rng, &[0, 0, 1, 5, 6], &[1, 2, 3])];
    let cooking_fuel = CookingFuel::ALL[pick(rng, &[5, 2, 5, 4], &[2, 1])];
    let toilet = ToiletAccess::ALL[pick(rng, &[1, 2, 3, 0], &[0])];
    let mut assets = vec![Asset::Smartphone];
    if comfortable {
        assets.extend([
            Asset::Motorcycle,
            Asset::Fridge,
            Asset::LargeTv,
            Asset::BankAccount,
        ]);
    } else if rng.below(3) == 0 {
        assets.push(Asset::Motorcycle);
    }
    if rng.below(4) == 0 {
        assets.push(Asset::SmallLivestock);
    }
    let per_person = if comfortable {
        900_000 + rng.below(900_000)
    } else {
        200_000 + rng.below(450_000)
    };
    let total = per_person * household;
    Instrument {
        no_shelter: Some(false),
        food_insecure: Some(!comfortable && rng.below(2) == 0),
        no_clothes_spending: Some(!comfortable && rng.below(3) == 0),
        floor: Some(floor),
        wall: Some(wall),
        roof: Some(roof),
        water: Some(water),
        lighting: Some(lighting),
        cooking_fuel: Some(cooking_fuel),
        toilet: Some(toilet),
        assets: Some(assets),
        land_m2: Some(rng.below(if comfortable { 3_000 } else { 400 }) as u32),
        programmes: Some(vec![]),
        spending: (rng.below(10) != 0).then(|| Spending {
            total,
            food: total * (45 + rng.below(30)) / 100,
        }),
    }
}

/// Some families of the Blega loci receive bansos (the houses a desa labels): every third one
/// that is not comfortable (no fridge), PKH and BPNT in turn. Decided without the random
/// stream, so every other demo value stays as it was.
fn with_bansos(mut instrument: Instrument, desa: &RegionCode, i: usize) -> Instrument {
    let comfortable = instrument
        .assets
        .as_ref()
        .is_some_and(|a| a.contains(&Asset::Fridge));
    if desa.as_str().starts_with("35.26.15.") && i.is_multiple_of(3) && !comfortable {
        let programme = if i.is_multiple_of(6) {
            Programme::Pkh
        } else {
            Programme::Bpnt
        };
        instrument.programmes = Some(vec![programme]);
    }
    instrument
}

/// The 500 demo families.
pub fn families() -> Vec<Family> {
    let mut rng = Rng(0x0007_E9A7_2021_1123);
    let mut serial = 0u32;
    let mut out = Vec::with_capacity(LOCI_DESA.len() * FAMILIES_PER_DESA);
    for (desa_index, (desa, lat, lon)) in LOCI_DESA.iter().enumerate() {
        let desa = RegionCode::parse(desa).expect("loci codes are valid");
        let kecamatan = desa.parent().expect("a desa has a kecamatan").digits();
        for i in 0..FAMILIES_PER_DESA {
            let mut next_serial = || {
                serial += 1;
                serial
            };
            let head_born = date(&mut rng, 1950, 1995);
            let head_is_woman = rng.below(6) == 0;
            let (head_sex, head_name) = if head_is_woman {
                (Sex::Female, rng.pick(&WOMEN))
            } else {
                (Sex::Male, rng.pick(&MEN))
            };
            let birth_place = if rng.below(5) == 0 {
                "Sampang"
            } else {
                "Bangkalan"
            };
            let married = !head_is_woman && rng.below(8) != 0;
            let mut head = Member::new(
                nik(&kecamatan, head_sex, head_born, next_serial()),
                head_name,
                head_sex,
                birth_place,
                head_born,
                Relation::KepalaKeluarga,
            );
            head.mother_name = rng.pick(&WOMEN).to_owned();
            head.marital_status = Some(if married {
                MaritalStatus::Kawin
            } else if head_is_woman {
                MaritalStatus::CeraiMati
            } else {
                MaritalStatus::CeraiHidup
            });
            head.schooling = Some(Schooling::ALL[rng.below(5) as usize]);
            head.work = Some(HEAD_WORK[rng.below(HEAD_WORK.len() as u64) as usize]);
            head.health_insurance = Some(HealthInsurance::ALL[rng.below(3) as usize]);
            let mut members = vec![head];
            if married {
                let born = date(&mut rng, head_born.year(), (head_born.year() + 8).min(2000));
                let mut wife = Member::new(
                    nik(&kecamatan, Sex::Female, born, next_serial()),
                    rng.pick(&WOMEN),
                    Sex::Female,
                    "Bangkalan",
                    born,
                    Relation::Istri,
                );
                wife.mother_name = rng.pick(&WOMEN).to_owned();
                wife.marital_status = Some(MaritalStatus::Kawin);
                wife.schooling = Some(Schooling::ALL[rng.below(4) as usize]);
                wife.work = Some(WorkCode::HOUSEHOLD);
                members.push(wife);
            }
            let mother = members.last().map(|m| m.name.clone()).unwrap_or_default();
            for _ in 0..rng.below(5) {
                let sex = if rng.below(2) == 0 {
                    Sex::Male
                } else {
                    Sex::Female
                };
                let born = date(&mut rng, (head_born.year() + 18).min(2020), 2022);
                let name = if sex == Sex::Male {
                    rng.pick(&CHILDREN_M)
                } else {
                    rng.pick(&CHILDREN_F)
                };
                let mut child = Member::new(
                    nik(&kecamatan, sex, born, next_serial()),
                    name,
                    sex,
                    "Bangkalan",
                    born,
                    Relation::Anak,
                );
                child.mother_name = mother.clone();
                child.marital_status = Some(MaritalStatus::BelumKawin);
                child.work = Some(if born.year() > 2004 {
                    WorkCode::STUDENT
                } else {
                    WorkCode::DAY_LABOURER
                });
                members.push(child);
            }
            let kk_issued = date(&mut rng, 2010, 2023);
            let kk = Kk::parse(&format!(
                "{kecamatan}{:02}{:02}{:02}{:04}",
                kk_issued.day(),
                kk_issued.month(),
                kk_issued.year() % 100,
                desa_index * FAMILIES_PER_DESA + i + 1
            ))
            .expect("generated KKs are well formed");
            let rw = 1 + rng.below(4);
            let members_len = members.len() as u64;
            out.push(Family {
                id: FamilyId(uuid::Uuid::from_u128(
                    0xDE30_0000_0000_0000_0000_0000_0000_0000 | (out.len() as u128 + 1),
                )),
                kk,
                desa: desa.clone(),
                address: Address {
                    street: format!("Jl. Desa No. {}", 1 + rng.below(120)),
                    dusun: DUSUN[(rw - 1) as usize].to_owned(),
                    rw: format!("{rw:03}"),
                    rt: format!("{:03}", 1 + rng.below(5)),
                },
                location: Some(HouseLocation {
                    lat: lat + rng.unit() * 0.006,
                    lon: lon + rng.unit() * 0.006,
                    accuracy_m: Some(4.0 + rng.below(12) as f32),
                    source: LocationSource::Gps,
                }),
                members,
                demo: true,
                photos: Default::default(),
                events: vec![],
                instrument: with_bansos(instrument(&mut rng, members_len), &desa, i),
            });
        }
    }
    out
}

/// The demo accounts, with hashed passwords.
pub fn users() -> Result<Vec<UserRecord>, crate::auth::PasswordError> {
    let hash = hash_password(DEMO_PASSWORD)?;
    Ok(DEMO_USERS
        .iter()
        .map(|(username, display, role, region)| UserRecord {
            username: (*username).to_owned(),
            display_name: (*display).to_owned(),
            role: *role,
            region: RegionCode::parse(region).expect("demo regions are valid"),
            password_hash: hash.clone(),
            disabled: false,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn five_hundred_families_in_the_25_loci_with_unique_valid_numbers() {
        let families = families();
        assert_eq!(families.len(), 500);
        let desa: HashSet<_> = families.iter().map(|f| f.desa.clone()).collect();
        assert_eq!(desa.len(), 25);
        let niks: Vec<_> = families
            .iter()
            .flat_map(|f| f.members.iter().map(|m| m.nik.clone()))
            .collect();
        let unique: HashSet<_> = niks.iter().collect();
        assert_eq!(unique.len(), niks.len(), "no NIK ganda in demo data");
        let kks: HashSet<_> = families.iter().map(|f| f.kk.clone()).collect();
        assert_eq!(kks.len(), 500);
        assert!(
            families
                .iter()
                .all(|f| f.demo && f.location.is_some() && f.head().is_some())
        );
        // Every NIK opens with the family's own kecamatan code.
        assert!(families.iter().all(|f| {
            let kec = f.desa.parent().unwrap().digits();
            f.members.iter().all(|m| m.nik.as_str().starts_with(&kec))
        }));
    }

    #[test]
    fn demo_families_pass_the_domain_checks_without_errors() {
        let today = jiff::civil::date(2026, 11, 22);
        for family in families() {
            let findings = tepat_domain::checks::check_family(&family, today);
            assert!(
                !tepat_domain::checks::has_errors(&findings),
                "{}: {findings:?}",
                family.id
            );
        }
        assert!(tepat_domain::checks::nik_clashes(&families()).is_empty());
    }

    #[test]
    fn demo_scores_spread_so_ranks_and_waiting_lists_mean_something() {
        let scheme = tepat_domain::scoring::ScoringScheme::default_v1();
        let scores: Vec<_> = families().iter().map(|f| f.score(&scheme)).collect();
        let distinct: HashSet<i64> = scores.iter().map(|s| s.total).collect();
        assert!(distinct.len() > 40, "{} distinct totals", distinct.len());
        let extreme = scores
            .iter()
            .filter(|s| s.extreme_poor == Some(true))
            .count();
        let not_extreme = scores
            .iter()
            .filter(|s| s.extreme_poor == Some(false))
            .count();
        let unknown = scores.iter().filter(|s| s.extreme_poor.is_none()).count();
        assert!(
            extreme > 50 && not_extreme > 50 && unknown > 10,
            "{extreme} {not_extreme} {unknown}"
        );
    }

    #[test]
    fn the_same_every_time() {
        assert_eq!(families(), families());
    }

    #[test]
    fn every_role_has_a_demo_account_bound_at_its_level() {
        for role in Role::ALL {
            assert!(DEMO_USERS.iter().any(|u| u.2 == role), "{role:?}");
        }
        for (_, _, role, region) in DEMO_USERS {
            assert_eq!(
                RegionCode::parse(region).unwrap().level(),
                role.region_level()
            );
        }
    }
}
