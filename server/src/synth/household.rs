//! One synthetic household: its members (sizes 1–9, mean about 3.7; ages, sex and relations
//! that agree with each other), NIK and KK numbers that are well formed and unique in the
//! kabupaten, a house pin near one of the desa's hamlets (about 90 % pinned), a front photo by
//! hash only (about 70 %), and instrument answers drawn from the family's welfare, including
//! programmes received: most but not all of the poor, and some of the better-off, so that the
//! register shows targeting errors as real ones do.

use super::places::{DesaPlace, gauss};
use crate::demo::{CHILDREN_F, CHILDREN_M, DUSUN, MEN, Rng, WOMEN, nik};
use jiff::civil::Date;
use std::collections::HashMap;
use tepat_domain::codes::{HealthInsurance, MaritalStatus, Schooling, WorkCode};
use tepat_domain::family::{Address, HousePhotos, PhotoRef};
use tepat_domain::instrument::{
    Asset, CookingFuel, Floor, Instrument, Lighting, Programme, Roof, Spending, ToiletAccess, Wall,
    Water,
};
use tepat_domain::{
    Family, FamilyId, HouseLocation, Kk, LocationSource, Member, Nik, Relation, Sex,
};

/// Second names, so that the register is not all namesakes.
const SECOND: [&str; 16] = [
    "Hasan", "Efendi", "Sholeh", "Qomar", "Hadi", "Rahman", "Wahyudi", "Anwar", "Zaini", "Mansur",
    "Hidayat", "Syafi'i", "Ridwan", "Mahmud", "Yasin", "Ghofur",
];

/// Household sizes 1..=9 in tenths of a percent (mean 3.7).
const SIZE_WEIGHTS: [u64; 9] = [80, 160, 240, 230, 150, 80, 40, 15, 5];

/// The answer options of each question from poorest to best off.
const FLOORS: [Floor; 6] = [
    Floor::Earth,
    Floor::Bamboo,
    Floor::Wood,
    Floor::CementPlaster,
    Floor::Tiles,
    Floor::Ceramic,
];
const WALLS: [Wall; 5] = [
    Wall::Bamboo,
    Wall::Board,
    Wall::PlasteredBambooWire,
    Wall::UnplasteredBrick,
    Wall::PlasteredMasonry,
];
const ROOFS: [Roof; 6] = [
    Roof::Thatch,
    Roof::Bamboo,
    Roof::Zinc,
    Roof::Asbestos,
    Roof::ClayTile,
    Roof::Concrete,
];
const WATERS: [Water; 7] = [
    Water::Surface,
    Water::UnprotectedWell,
    Water::UnprotectedSpring,
    Water::ProtectedWell,
    Water::Borehole,
    Water::Piped,
    Water::Bottled,
];
const LIGHTS: [Lighting; 6] = [
    Lighting::NotElectric,
    Lighting::PlnNoMeter,
    Lighting::Pln450,
    Lighting::Pln900,
    Lighting::Pln1300,
    Lighting::Pln2200,
];
const FUELS: [CookingFuel; 4] = [
    CookingFuel::Firewood,
    CookingFuel::Kerosene,
    CookingFuel::Lpg3kg,
    CookingFuel::LpgLarge,
];
const TOILETS: [ToiletAccess; 4] = [
    ToiletAccess::None,
    ToiletAccess::Communal,
    ToiletAccess::Shared,
    ToiletAccess::Own,
];
/// Assets with the welfare above which a household usually owns them.
const ASSETS: [(Asset, f64); 9] = [
    (Asset::Smartphone, 0.15),
    (Asset::Motorcycle, 0.35),
    (Asset::SmallLivestock, 0.30),
    (Asset::BankAccount, 0.50),
    (Asset::Fridge, 0.55),
    (Asset::LargeTv, 0.62),
    (Asset::Gold, 0.70),
    (Asset::LargeLivestock, 0.60),
    (Asset::Car, 0.88),
];

/// Serial numbers handed out in one desa. A NIK's serial is the desa's place in its kecamatan
/// × 400 plus a counter per birth date and sex, a KK's likewise per issue date, so numbers are
/// unique in the kabupaten while every desa is generated on its own.
#[derive(Default)]
pub struct Serials {
    niks: HashMap<(Date, Sex), u32>,
    kks: HashMap<Date, u32>,
}

impl Serials {
    fn next(counter: &mut u32, local_index: u32) -> u32 {
        *counter += 1;
        assert!(
            *counter < 400,
            "more than 399 numbers for one day in one desa"
        );
        local_index * 400 + *counter
    }
}

/// A household as generated: the family and its welfare (0 poorest .. 1).
pub struct Household {
    /// The family.
    pub family: Family,
    /// The latent welfare its answers were drawn from.
    pub welfare: f64,
}

fn pick_by<T: Copy>(rng: &mut Rng, options: &[T], welfare: f64) -> T {
    let at = (welfare + 0.18 * gauss(rng)).clamp(0.0, 0.999) * options.len() as f64;
    options[at as usize]
}

fn born(rng: &mut Rng, year: i16, today: Date) -> Date {
    let date = jiff::civil::date(year, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
    if date > today {
        today
            .checked_sub(jiff::Span::new().days(rng.below(200) as i64))
            .unwrap_or(today)
    } else {
        date
    }
}

fn man(rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        format!("{} {}", rng.pick(&MEN), rng.pick(&SECOND))
    } else {
        rng.pick(&MEN).to_owned()
    }
}

fn woman(rng: &mut Rng) -> String {
    rng.pick(&WOMEN).to_owned()
}

/// A new random id with the UUID v4 marks, from the generator (so deterministic).
pub(crate) fn uuid(rng: &mut Rng) -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.bits().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.bits().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// 32 bytes from the generator: a made-up SHA-256 of a file that does not exist.
pub(crate) fn hash32(rng: &mut Rng) -> [u8; 32] {
    let mut hash = [0u8; 32];
    for chunk in hash.chunks_mut(8) {
        chunk.copy_from_slice(&rng.bits().to_le_bytes());
    }
    hash
}

struct People<'a> {
    rng: &'a mut Rng,
    serials: &'a mut Serials,
    desa: &'a DesaPlace,
    kecamatan: String,
    today: Date,
    welfare: f64,
}

impl People<'_> {
    fn nik(&mut self, sex: Sex, born: Date) -> Nik {
        let counter = self.serials.niks.entry((born, sex)).or_default();
        let serial = Serials::next(counter, self.desa.local_index);
        nik(&self.kecamatan, sex, born, serial)
    }

    fn member(&mut self, sex: Sex, year: i16, relation: Relation, name: String) -> Member {
        let date = born(self.rng, year, self.today);
        let nik = self.nik(sex, date);
        let place = if self.rng.below(6) == 0 {
            "Sampang"
        } else {
            "Bangkalan"
        };
        let mut member = Member::new(nik, &name, sex, place, date, relation);
        member.mother_name = woman(self.rng);
        let age = self.today.year() - date.year();
        member.schooling = Some(if age < 7 {
            Schooling::TidakSekolah
        } else if age < 13 {
            Schooling::BelumTamatSd
        } else {
            pick_by(self.rng, &Schooling::ALL[..8], self.welfare * 0.8)
        });
        member.work = Some(if age < 5 {
            WorkCode::NOT_WORKING
        } else if age < 19 {
            WorkCode::STUDENT
        } else if age > 70 {
            WorkCode::NOT_WORKING
        } else {
            pick_by(
                self.rng,
                &[
                    WorkCode::NOT_WORKING,
                    WorkCode::FARM_LABOURER,
                    WorkCode::DAY_LABOURER,
                    WorkCode::FARMER,
                    WorkCode::SELF_EMPLOYED,
                ],
                self.welfare,
            )
        });
        member.marital_status = Some(MaritalStatus::BelumKawin);
        member.health_insurance = Some(if self.welfare < 0.35 && self.rng.below(3) != 0 {
            HealthInsurance::BpjsPbi
        } else {
            pick_by(
                self.rng,
                &[
                    HealthInsurance::None,
                    HealthInsurance::BpjsDaerah,
                    HealthInsurance::BpjsNonPbi,
                ],
                self.welfare,
            )
        });
        member
    }

    fn child(&mut self, relation: Relation, mother: &str, from: i16, to: i16) -> Member {
        let sex = if self.rng.below(2) == 0 {
            Sex::Male
        } else {
            Sex::Female
        };
        let year = from + self.rng.below((to - from).max(0) as u64 + 1) as i16;
        let name = match sex {
            Sex::Male => self.rng.pick(&CHILDREN_M).to_owned(),
            Sex::Female => self.rng.pick(&CHILDREN_F).to_owned(),
        };
        let mut child = self.member(sex, year, relation, name);
        child.mother_name = mother.to_owned();
        child
    }
}

/// One household of `desa`, its house near one of the desa's `hamlets`.
pub fn household(
    rng: &mut Rng,
    serials: &mut Serials,
    desa: &DesaPlace,
    hamlets: &[(f64, f64)],
    today: Date,
) -> Household {
    let welfare = (desa.welfare + 0.17 * gauss(rng)).clamp(0.0, 1.0);
    let kecamatan = desa.code.parent().expect("a desa has a kecamatan").digits();
    let mut size = 1;
    let mut roll = rng.below(SIZE_WEIGHTS.iter().sum());
    for (i, weight) in SIZE_WEIGHTS.iter().enumerate() {
        if roll < *weight {
            size = i + 1;
            break;
        }
        roll -= weight;
    }
    let year = today.year();
    let head_age = (45.0 + 13.0 * gauss(rng)).clamp(21.0, 88.0) as i16;
    let mut people = People {
        rng,
        serials,
        desa,
        kecamatan: kecamatan.clone(),
        today,
        welfare,
    };
    // A woman heads one household in six: a widow, alone or with her children.
    let woman_head = size == 1 && people.rng.below(2) == 0 || people.rng.below(6) == 0;
    let married = !woman_head && size >= 2 && people.rng.below(12) != 0;
    let mut members = Vec::with_capacity(size);
    let head = if woman_head {
        let name = woman(people.rng);
        let mut head = people.member(Sex::Female, year - head_age, Relation::KepalaKeluarga, name);
        head.marital_status = Some(MaritalStatus::CeraiMati);
        head
    } else {
        let name = man(people.rng);
        let mut head = people.member(Sex::Male, year - head_age, Relation::KepalaKeluarga, name);
        head.marital_status = Some(if married {
            MaritalStatus::Kawin
        } else if size == 1 {
            MaritalStatus::BelumKawin
        } else {
            MaritalStatus::CeraiHidup
        });
        head
    };
    let head_year = head.birth_date.year();
    members.push(head);
    let mut mother_year = head_year;
    if married {
        let age_gap = people.rng.below(9) as i16;
        let wife_year = (head_year + age_gap).min(year - 18);
        let name = woman(people.rng);
        let mut wife = people.member(Sex::Female, wife_year, Relation::Istri, name);
        wife.marital_status = Some(MaritalStatus::Kawin);
        wife.work = Some(WorkCode::HOUSEHOLD);
        mother_year = wife.birth_date.year();
        members.push(wife);
    }
    // The children's mother: the wife, the woman heading the family, or (a divorced father's
    // children) a woman no longer in it.
    let mother = match members.last() {
        Some(m) if m.sex == Sex::Female => m.name.clone(),
        _ => woman(people.rng),
    };
    // An old parent lives with one household in ten that has room.
    if members.len() < size && head_age < 60 && people.rng.below(10) == 0 {
        let parent_year = head_year - 20 - people.rng.below(15) as i16;
        let name = woman(people.rng);
        let mut parent = people.member(Sex::Female, parent_year, Relation::Orangtua, name);
        parent.marital_status = Some(MaritalStatus::CeraiMati);
        members.push(parent);
    }
    while members.len() < size {
        // Children born when their mother was 18 to 44; grandchildren in older households.
        let first = mother_year + 18;
        let last = (mother_year + 44).min(year);
        let member = if first <= year && (head_age < 58 || people.rng.below(2) == 0) {
            people.child(Relation::Anak, &mother, first, last)
        } else {
            people.child(Relation::Cucu, &mother, (year - 14).max(first), year)
        };
        members.push(member);
    }
    let People { rng, serials, .. } = people;

    let issued_year = 2010 + rng.below(16) as i16;
    let issued = born(rng, issued_year, today);
    let counter = serials.kks.entry(issued).or_default();
    let serial = Serials::next(counter, desa.local_index);
    let kk = Kk::parse(&format!(
        "{kecamatan}{:02}{:02}{:02}{serial:04}",
        issued.day(),
        issued.month(),
        issued.year() % 100
    ))
    .expect("generated KKs are well formed");

    let hamlet = rng.below(hamlets.len() as u64) as usize;
    let location = (rng.below(10) != 0).then(|| {
        let (lat, lon) = hamlets[hamlet];
        // About 250 m around the hamlet's middle.
        let (north, east) = (gauss(rng) * 250.0, gauss(rng) * 250.0);
        let (lat, lon) = tepat_domain::geo::offset((lat, lon), east, north);
        HouseLocation {
            lat,
            lon,
            accuracy_m: Some(3.0 + rng.below(20) as f32),
            source: LocationSource::Gps,
        }
    });
    let front = rng.below(10) < 7;
    let inside = rng.below(10) < 3;
    let photos = HousePhotos {
        front: front.then(|| PhotoRef(hash32(rng))),
        inside: inside.then(|| PhotoRef(hash32(rng))),
    };
    let rw = 1 + hamlet as u64 % DUSUN.len() as u64;
    let address = Address {
        street: format!("Jl. Desa No. {}", 1 + rng.below(200)),
        dusun: DUSUN[(rw - 1) as usize].to_owned(),
        rw: format!("{rw:03}"),
        rt: format!("{:03}", 1 + rng.below(8)),
    };
    let instrument = instrument(rng, welfare, members.len() as u64);
    Household {
        family: Family {
            id: FamilyId(uuid(rng)),
            kk,
            desa: desa.code.clone(),
            address,
            location,
            members,
            demo: true,
            photos,
            events: vec![],
            instrument,
        },
        welfare,
    }
}

/// The instrument's answers for a household of this welfare: the house, utilities, assets,
/// land, spending, the Kepmensos questions and programmes received. One form in twenty is not
/// finished (spending not asked yet); one in fifty is hardly started.
fn instrument(rng: &mut Rng, welfare: f64, household: u64) -> Instrument {
    if rng.below(50) == 0 {
        return Instrument {
            floor: Some(pick_by(rng, &FLOORS, welfare)),
            ..Instrument::default()
        };
    }
    let assets: Vec<Asset> = ASSETS
        .iter()
        .filter(|(_, above)| welfare + 0.12 * gauss(rng) > *above)
        .map(|(asset, _)| *asset)
        .collect();
    let per_person =
        (180_000.0 + 1_900_000.0 * welfare.powf(1.6) * (0.8 + 0.4 * rng.unit().abs())) as u64;
    let total = per_person * household;
    let poor = welfare < 0.38;
    // Coverage: most of the poor get something, some not at all (exclusion); some of the
    // better-off get help they should not (inclusion).
    let chance = |rng: &mut Rng, poor_pct: u64, other_pct: u64| {
        rng.below(100) < if poor { poor_pct } else { other_pct }
    };
    let mut programmes = Vec::new();
    if chance(rng, 45, 6) {
        programmes.push(Programme::Pkh);
    }
    if chance(rng, 60, 10) {
        programmes.push(Programme::Bpnt);
    }
    if chance(rng, 70, 18) {
        programmes.push(Programme::PbiJk);
    }
    Instrument {
        no_shelter: Some(welfare < 0.05 && rng.below(4) == 0),
        food_insecure: Some(welfare < 0.3 && rng.below(2) == 0),
        no_clothes_spending: Some(welfare < 0.25 && rng.below(3) == 0),
        floor: Some(pick_by(rng, &FLOORS, welfare)),
        wall: Some(pick_by(rng, &WALLS, welfare)),
        roof: Some(pick_by(rng, &ROOFS, welfare)),
        water: Some(pick_by(rng, &WATERS, welfare)),
        lighting: Some(pick_by(rng, &LIGHTS, welfare)),
        cooking_fuel: Some(pick_by(rng, &FUELS, welfare)),
        toilet: Some(pick_by(rng, &TOILETS, welfare)),
        assets: Some(assets),
        land_m2: Some((welfare * welfare * 4_000.0 * rng.unit().abs()) as u32),
        programmes: Some(programmes),
        spending: (rng.below(20) != 0).then(|| Spending {
            total,
            food: total * (40 + rng.below(30) - (welfare * 15.0) as u64) / 100,
        }),
    }
}
