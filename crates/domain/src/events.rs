//! Life changes flowing into a family record: births, deaths, moves in and out (of a member or
//! the whole family, keeping its history), and pecah KK (members leaving to form a new family).
//! Each change updates the members and is kept as a dated event with the operator's note.

use crate::family::{Family, FamilyId, LifeEvent, LifeEventRecord, Member, MemberStatus, Relation};
use crate::identity::{Kk, Nik};
use crate::region::RegionCode;

/// Why a life event cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    /// The event names a member not in this KK (or no longer living in it).
    #[error("Tidak ada anggota aktif dengan NIK {0} di KK ini.")]
    NoSuchMember(String),
    /// The newcomer's NIK is already in the family.
    #[error("NIK {0} sudah tercatat di KK ini.")]
    AlreadyMember(String),
    /// A birth or move-in without the person's data.
    #[error("Isi data anggota baru (NIK, nama, tanggal lahir) untuk mencatat {0}.")]
    MissingMember(&'static str),
    /// The newcomer's NIK does not match the event.
    #[error("NIK anggota baru berbeda dengan NIK pada peristiwa.")]
    NikMismatch,
    /// A split that takes nobody, or everybody.
    #[error("Pecah KK harus memindahkan sebagian anggota, tidak semua dan tidak kosong.")]
    SplitSize,
    /// A move of the whole family to the desa it is already in.
    #[error("Keluarga sudah berada di desa {0}.")]
    SameDesa(String),
}

fn active_index(family: &Family, nik: &Nik) -> Result<usize, EventError> {
    family
        .members
        .iter()
        .position(|m| &m.nik == nik && m.is_active())
        .ok_or_else(|| EventError::NoSuchMember(nik.masked()))
}

impl Family {
    /// Applies a life event with its date and note; `arriving` is the new member's data for a
    /// birth or a move in. On error nothing changes.
    pub fn apply_event(
        &mut self,
        record: LifeEventRecord,
        arriving: Option<Member>,
    ) -> Result<(), EventError> {
        let date = record.date;
        match &record.event {
            LifeEvent::Birth(nik) | LifeEvent::MoveIn(nik, _) => {
                let what = if matches!(record.event, LifeEvent::Birth(_)) {
                    "kelahiran"
                } else {
                    "pindah masuk"
                };
                let member = arriving.ok_or(EventError::MissingMember(what))?;
                if &member.nik != nik {
                    return Err(EventError::NikMismatch);
                }
                if self.active_members().any(|m| &m.nik == nik) {
                    return Err(EventError::AlreadyMember(nik.masked()));
                }
                self.members.push(member);
            }
            LifeEvent::Death(nik) => {
                let at = active_index(self, nik)?;
                self.members[at].status = MemberStatus::Died(date);
            }
            LifeEvent::MoveOut(nik, to) => {
                let at = active_index(self, nik)?;
                self.members[at].status = MemberStatus::MovedOut(date, to.clone());
            }
            LifeEvent::FamilyMovedOut(to) | LifeEvent::FamilyMovedIn(to) => {
                if to == &self.desa {
                    return Err(EventError::SameDesa(to.to_string()));
                }
                if matches!(record.event, LifeEvent::FamilyMovedOut(_)) {
                    self.desa = to.clone();
                }
            }
            LifeEvent::SplitKk(..) => return Err(EventError::SplitSize),
        }
        self.events.push(record);
        Ok(())
    }

    /// Pecah KK: the members `leaving` form a new family with KK `new_kk` (same desa and
    /// address; the first leaving member becomes its head). Both families keep the event.
    pub fn split(
        &mut self,
        new_id: FamilyId,
        new_kk: Kk,
        leaving: &[Nik],
        date: jiff::civil::Date,
        note: &str,
    ) -> Result<Family, EventError> {
        let active = self.active_members().count();
        if leaving.is_empty() || leaving.len() >= active {
            return Err(EventError::SplitSize);
        }
        let indexes = leaving
            .iter()
            .map(|nik| active_index(self, nik))
            .collect::<Result<Vec<_>, _>>()?;
        let record = LifeEventRecord {
            event: LifeEvent::SplitKk(new_kk.clone(), leaving.to_vec()),
            date,
            note: note.to_owned(),
        };
        let mut members: Vec<Member> = indexes.iter().map(|i| self.members[*i].clone()).collect();
        for (position, member) in members.iter_mut().enumerate() {
            member.relation = if position == 0 {
                Relation::KepalaKeluarga
            } else {
                member.relation
            };
        }
        for i in indexes {
            self.members[i].status = MemberStatus::SplitOff(date, new_kk.clone());
        }
        self.events.push(record.clone());
        Ok(Family {
            id: new_id,
            kk: new_kk,
            desa: self.desa.clone(),
            address: self.address.clone(),
            location: self.location,
            members,
            demo: self.demo,
            photos: Default::default(),
            events: vec![record],
            instrument: Default::default(),
        })
    }
}

/// The desa a family moved to, if its last move event says so.
pub fn moved_to(family: &Family) -> Option<&RegionCode> {
    family.events.iter().rev().find_map(|e| match &e.event {
        LifeEvent::FamilyMovedOut(to) => Some(to),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Address, Sex};
    use jiff::civil::date;

    fn nik(s: &str) -> Nik {
        Nik::parse(s).unwrap()
    }

    fn family() -> Family {
        let head = Member::new(
            nik("3526152311850001"),
            "Abdul Hamid",
            Sex::Male,
            "Bangkalan",
            date(1985, 11, 23),
            Relation::KepalaKeluarga,
        );
        let wife = Member::new(
            nik("3526156311870002"),
            "Siti Aminah",
            Sex::Female,
            "Bangkalan",
            date(1987, 11, 23),
            Relation::Istri,
        );
        let son = Member::new(
            nik("3526150101050003"),
            "Moh. Rizki",
            Sex::Male,
            "Bangkalan",
            date(2005, 1, 1),
            Relation::Anak,
        );
        Family {
            id: FamilyId(uuid::Uuid::from_u128(1)),
            kk: Kk::parse("3526150101210007").unwrap(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            address: Address::default(),
            location: None,
            members: vec![head, wife, son],
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        }
    }

    fn event(event: LifeEvent) -> LifeEventRecord {
        LifeEventRecord {
            event,
            date: date(2026, 11, 20),
            note: "dicatat saat kunjungan".into(),
        }
    }

    #[test]
    fn births_deaths_and_moves_change_members_and_keep_history() {
        let mut f = family();
        let baby_nik = Nik::temporary(&f.desa, 1).unwrap();
        let baby = Member::new(
            baby_nik.clone(),
            "Bayi",
            Sex::Female,
            "Bangkalan",
            date(2026, 11, 19),
            Relation::Anak,
        );
        f.apply_event(event(LifeEvent::Birth(baby_nik.clone())), Some(baby))
            .unwrap();
        assert_eq!(f.active_members().count(), 4);
        f.apply_event(event(LifeEvent::Death(nik("3526152311850001"))), None)
            .unwrap();
        assert_eq!(f.members[0].status, MemberStatus::Died(date(2026, 11, 20)));
        // The head died: the family has no head until the operator names one.
        assert!(f.head().is_none());
        let to = RegionCode::parse("35.26.16.2003").ok();
        f.apply_event(
            event(LifeEvent::MoveOut(nik("3526150101050003"), to.clone())),
            None,
        )
        .unwrap();
        assert_eq!(
            f.members[2].status,
            MemberStatus::MovedOut(date(2026, 11, 20), to)
        );
        assert_eq!(f.events.len(), 3);
        // The family moves desa; its history goes with it.
        let new_desa = RegionCode::parse("35.26.15.2004").unwrap();
        f.apply_event(event(LifeEvent::FamilyMovedOut(new_desa.clone())), None)
            .unwrap();
        assert_eq!(f.desa, new_desa);
        assert_eq!(moved_to(&f), Some(&new_desa));
        assert_eq!(f.events.len(), 4);
    }

    #[test]
    fn bad_events_change_nothing() {
        let f = family();
        let table: Vec<(LifeEventRecord, Option<Member>, EventError)> = vec![
            (
                event(LifeEvent::Death(nik("3526150101990009"))),
                None,
                EventError::NoSuchMember("352615••••••••09".into()),
            ),
            (
                event(LifeEvent::Birth(nik("3526150101250004"))),
                None,
                EventError::MissingMember("kelahiran"),
            ),
            (
                event(LifeEvent::MoveIn(nik("3526150101050003"), None)),
                Some(f.members[2].clone()),
                EventError::AlreadyMember("352615••••••••03".into()),
            ),
            (
                event(LifeEvent::Birth(nik("3526150101250004"))),
                Some(f.members[2].clone()),
                EventError::NikMismatch,
            ),
            (
                event(LifeEvent::FamilyMovedOut(f.desa.clone())),
                None,
                EventError::SameDesa("35.26.15.2012".into()),
            ),
        ];
        for (record, arriving, expected) in table {
            let mut copy = f.clone();
            assert_eq!(copy.apply_event(record, arriving), Err(expected));
            assert_eq!(copy, f);
        }
    }

    #[test]
    fn pecah_kk_makes_a_new_family_and_both_keep_the_event() {
        let mut f = family();
        let new_kk = Kk::parse("3526152011260001").unwrap();
        let new = f
            .split(
                FamilyId(uuid::Uuid::from_u128(2)),
                new_kk.clone(),
                &[nik("3526150101050003")],
                date(2026, 11, 20),
                "menikah",
            )
            .unwrap();
        assert_eq!(new.members.len(), 1);
        assert_eq!(new.head().unwrap().name, "Moh. Rizki");
        assert_eq!(f.active_members().count(), 2);
        assert_eq!(
            f.members[2].status,
            MemberStatus::SplitOff(date(2026, 11, 20), new_kk)
        );
        assert_eq!(f.events, new.events);
        // Nobody, or everybody, is not a split.
        let mut g = family();
        assert_eq!(
            g.split(
                FamilyId(uuid::Uuid::from_u128(3)),
                Kk::parse("3526152011260002").unwrap(),
                &[],
                date(2026, 1, 1),
                ""
            ),
            Err(EventError::SplitSize)
        );
        let all: Vec<Nik> = g.members.iter().map(|m| m.nik.clone()).collect();
        assert_eq!(
            g.split(
                FamilyId(uuid::Uuid::from_u128(3)),
                Kk::parse("3526152011260002").unwrap(),
                &all,
                date(2026, 1, 1),
                ""
            ),
            Err(EventError::SplitSize)
        );
    }
}
