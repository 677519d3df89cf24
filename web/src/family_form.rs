//! The registration form's content as typed, and its conversion into a [`Family`]: every field
//! checked with a message in Indonesian (English on the switch) next to the field, nothing
//! thrown away on a mistake. Pure, so `cargo test` proves it; the domain's own checks
//! ([`tepat_domain::checks::check_family`]) then run on the built family.

use crate::i18n::Lang;
use tepat_domain::family::{Address, HousePhotos, LifeEvent, LifeEventRecord, MemberStatus};
use tepat_domain::instrument::Instrument;
use tepat_domain::{Family, FamilyId, HouseLocation, Kk, Member, MemberId, Nik, RegionCode};
use tepat_domain::{Relation, Sex};

pub use tepat_domain::text::sentence;

/// How a recorded member leaves the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveKind {
    /// Died.
    Died,
    /// Moved out.
    MovedOut,
}

/// A recorded member marked as leaving, with the date as the date input gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaving {
    /// Died or moved out.
    pub kind: LeaveKind,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// One member as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberDraft {
    /// The member's record id when correcting a recorded member (none for a new one): the
    /// fields this form does not show are kept from the record.
    pub id: Option<MemberId>,
    /// NIK (16 digits).
    pub nik: String,
    /// Full name.
    pub name: String,
    /// Sex, once chosen.
    pub sex: Option<Sex>,
    /// Place of birth.
    pub birth_place: String,
    /// Date of birth as the date input gives it (`YYYY-MM-DD`).
    pub birth_date: String,
    /// Relation to the head, once chosen.
    pub relation: Option<Relation>,
    /// Mother's maiden name (Dukcapil's check of identity; the domain's checks ask for it).
    pub mother_name: String,
    /// Whether the recorded member still lives in the family (one who left is shown, not edited).
    pub status: MemberStatus,
    /// Marked in this form as died or moved out (recorded members only): saved as a life event.
    pub leaving: Option<Leaving>,
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyDraft {
    /// KK number.
    pub kk: String,
    /// Street and house number.
    pub street: String,
    /// Dusun.
    pub dusun: String,
    /// RT.
    pub rt: String,
    /// RW.
    pub rw: String,
    /// The house pin.
    pub location: Option<HouseLocation>,
    /// The house photos taken so far.
    pub photos: HousePhotos,
    /// Members, head first.
    pub members: Vec<MemberDraft>,
    /// The poverty instrument's answers so far.
    pub instrument: Instrument,
}

impl Default for FamilyDraft {
    fn default() -> FamilyDraft {
        FamilyDraft {
            kk: String::new(),
            street: String::new(),
            dusun: String::new(),
            rt: String::new(),
            rw: String::new(),
            location: None,
            photos: HousePhotos::default(),
            members: vec![MemberDraft {
                relation: Some(Relation::KepalaKeluarga),
                ..MemberDraft::default()
            }],
            instrument: Instrument::default(),
        }
    }
}

/// Which input a problem belongs to (the form shows the message under it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// KK number.
    Kk,
    /// Street.
    Street,
    /// Dusun.
    Dusun,
    /// RT.
    Rt,
    /// RW.
    Rw,
    /// The members as a whole.
    Members,
    /// One member's input.
    Member(usize, MemberField),
}

/// A member's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberField {
    /// NIK.
    Nik,
    /// Name.
    Name,
    /// Sex.
    Sex,
    /// Place of birth.
    BirthPlace,
    /// Date of birth.
    BirthDate,
    /// Relation.
    Relation,
    /// The date a member died or moved out.
    Leaving,
}

/// A problem with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub field: Field,
    /// What, in the user's language.
    pub message: String,
}

fn say(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id => id.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// RT and RW are written with three digits (`4` → `004`).
fn rt_rw(text: &str) -> Option<String> {
    let text = text.trim();
    let ok = !text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit());
    ok.then(|| format!("{:0>3}", text))
}

fn required(text: &str, field: Field, lang: Lang, problems: &mut Vec<Problem>) -> String {
    let text = text.trim();
    if text.is_empty() {
        problems.push(Problem {
            field,
            message: say(lang, "Wajib diisi.", "Required."),
        });
    }
    text.to_owned()
}

impl FamilyDraft {
    /// The form filled from a recorded family, to correct it.
    pub fn from_family(family: &Family) -> FamilyDraft {
        FamilyDraft {
            kk: family.kk.to_string(),
            street: family.address.street.clone(),
            dusun: family.address.dusun.clone(),
            rt: family.address.rt.clone(),
            rw: family.address.rw.clone(),
            location: family.location,
            photos: family.photos,
            members: family
                .members
                .iter()
                .map(|m| MemberDraft {
                    id: Some(m.id),
                    nik: m.nik.to_string(),
                    name: m.name.clone(),
                    sex: Some(m.sex),
                    birth_place: m.birth_place.clone(),
                    birth_date: m.birth_date.to_string(),
                    relation: Some(m.relation),
                    mother_name: m.mother_name.clone(),
                    status: m.status.clone(),
                    leaving: None,
                })
                .collect(),
            instrument: family.instrument.clone(),
        }
    }

    /// Builds the family as corrected: `base` is the record being corrected; what the form does
    /// not show (events, the members' other answers) is kept from it.
    pub fn build_onto(&self, base: &Family, lang: Lang) -> Result<Family, Vec<Problem>> {
        let mut family = self.build(base.id, base.desa.clone(), lang)?;
        for member in &mut family.members {
            if let Some(before) = base.members.iter().find(|m| m.id == member.id) {
                *member = Member {
                    nik: member.nik.clone(),
                    name: member.name.clone(),
                    sex: member.sex,
                    birth_place: member.birth_place.clone(),
                    birth_date: member.birth_date,
                    relation: member.relation,
                    mother_name: member.mother_name.clone(),
                    ..before.clone()
                };
            }
        }
        family.demo = base.demo;
        family.events = base.events.clone();
        self.record_leaving(&mut family, lang)?;
        Ok(family)
    }

    /// Applies the members marked as died or moved out as life events (the domain sets their
    /// status and keeps the event in the family's history).
    fn record_leaving(&self, family: &mut Family, lang: Lang) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        for (i, draft) in self.members.iter().enumerate() {
            let (Some(leaving), Some(member)) = (&draft.leaving, family.members.get(i)) else {
                continue;
            };
            let field = Field::Member(i, MemberField::Leaving);
            let Ok(date) = leaving.date.trim().parse::<jiff::civil::Date>() else {
                problems.push(Problem {
                    field,
                    message: say(lang, "Isi tanggalnya.", "Enter the date."),
                });
                continue;
            };
            if date < member.birth_date {
                problems.push(Problem {
                    field,
                    message: say(
                        lang,
                        "Tanggal ini sebelum tanggal lahirnya.",
                        "This date is before the date of birth.",
                    ),
                });
                continue;
            }
            let nik = member.nik.clone();
            let event = match leaving.kind {
                LeaveKind::Died => LifeEvent::Death(nik),
                LeaveKind::MovedOut => LifeEvent::MoveOut(nik, None),
            };
            let record = LifeEventRecord {
                event,
                date,
                note: String::new(),
            };
            if let Err(e) = family.apply_event(record, None) {
                problems.push(Problem {
                    field,
                    message: sentence(&e.to_string()),
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Builds the family, or every problem at once.
    pub fn build(
        &self,
        id: FamilyId,
        desa: RegionCode,
        lang: Lang,
    ) -> Result<Family, Vec<Problem>> {
        let mut problems = Vec::new();
        let kk = match Kk::parse(self.kk.trim()) {
            Ok(kk) => Some(kk),
            Err(e) => {
                problems.push(Problem {
                    field: Field::Kk,
                    message: sentence(&e.to_string()),
                });
                None
            }
        };
        let street = required(&self.street, Field::Street, lang, &mut problems);
        let dusun = required(&self.dusun, Field::Dusun, lang, &mut problems);
        let mut three_digits = |text: &str, field: Field| {
            rt_rw(text).unwrap_or_else(|| {
                problems.push(Problem {
                    field,
                    message: say(
                        lang,
                        "Isi 1–3 angka, mis. 004.",
                        "Enter 1–3 digits, e.g. 004.",
                    ),
                });
                String::new()
            })
        };
        let rt = three_digits(&self.rt, Field::Rt);
        let rw = three_digits(&self.rw, Field::Rw);
        if self.members.is_empty() {
            problems.push(Problem {
                field: Field::Members,
                message: say(
                    lang,
                    "Tambahkan paling sedikit satu anggota.",
                    "Add at least one member.",
                ),
            });
        }
        let mut members = Vec::new();
        for (i, draft) in self.members.iter().enumerate() {
            if let Some(member) = draft.build(i, lang, &mut problems) {
                members.push(member);
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, member) in members.iter().enumerate() {
            if !seen.insert(member.nik.clone()) {
                problems.push(Problem {
                    field: Field::Member(i, MemberField::Nik),
                    message: say(
                        lang,
                        "NIK ini sudah dipakai anggota lain di KK ini.",
                        "Another member of this KK has this NIK.",
                    ),
                });
            }
        }
        match kk {
            Some(kk) if problems.is_empty() => Ok(Family {
                id,
                kk,
                desa,
                address: Address {
                    street,
                    dusun,
                    rw,
                    rt,
                },
                location: self.location,
                members,
                demo: false,
                photos: self.photos,
                events: Vec::new(),
                instrument: self.instrument.clone(),
            }),
            _ => Err(problems),
        }
    }
}

impl MemberDraft {
    fn build(&self, index: usize, lang: Lang, problems: &mut Vec<Problem>) -> Option<Member> {
        let at = |field| Field::Member(index, field);
        let before = problems.len();
        let nik = Nik::parse(self.nik.trim())
            .map_err(|e| {
                problems.push(Problem {
                    field: at(MemberField::Nik),
                    message: sentence(&e.to_string()),
                })
            })
            .ok();
        let name = required(&self.name, at(MemberField::Name), lang, problems);
        let birth_place = required(
            &self.birth_place,
            at(MemberField::BirthPlace),
            lang,
            problems,
        );
        let birth_date = self
            .birth_date
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| {
                problems.push(Problem {
                    field: at(MemberField::BirthDate),
                    message: say(lang, "Isi tanggal lahir.", "Enter the date of birth."),
                })
            })
            .ok();
        let choose = say(lang, "Pilih salah satu.", "Choose one.");
        if self.sex.is_none() {
            problems.push(Problem {
                field: at(MemberField::Sex),
                message: choose.clone(),
            });
        }
        if self.relation.is_none() {
            problems.push(Problem {
                field: at(MemberField::Relation),
                message: choose,
            });
        }
        if problems.len() > before {
            return None;
        }
        let mut member = Member::new(
            nik?,
            name,
            self.sex?,
            birth_place,
            birth_date?,
            self.relation?,
        );
        member.mother_name = self.mother_name.trim().to_owned();
        if let Some(id) = self.id {
            member = member.with_id(id);
        }
        Some(member)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desa() -> RegionCode {
        RegionCode::parse("35.26.15.2012").unwrap()
    }

    #[test]
    fn domain_messages_read_as_sentences_under_an_input() {
        assert_eq!(
            sentence("nomor urut NIK tidak boleh 0000"),
            "Nomor urut NIK tidak boleh 0000."
        );
        assert_eq!(sentence("Sudah kalimat."), "Sudah kalimat.");
        assert_eq!(sentence(""), "");
    }

    fn filled() -> FamilyDraft {
        FamilyDraft {
            kk: "3526151803130423".into(),
            street: "Jl. Desa No. 1".into(),
            dusun: "Tengah".into(),
            rt: "4".into(),
            rw: "03".into(),
            location: None,
            photos: HousePhotos::default(),
            members: vec![MemberDraft {
                id: None,
                nik: "3526152606891594".into(),
                name: "Abdul Hamid".into(),
                sex: Some(Sex::Male),
                birth_place: "Bangkalan".into(),
                birth_date: "1989-06-26".into(),
                relation: Some(Relation::KepalaKeluarga),
                mother_name: "Siti".into(),
                ..MemberDraft::default()
            }],
            instrument: Instrument::default(),
        }
    }

    #[test]
    fn a_filled_form_makes_a_family_with_padded_rt_rw() {
        let family = filled()
            .build(FamilyId(uuid::Uuid::nil()), desa(), Lang::Id)
            .unwrap();
        assert_eq!(
            (family.address.rt.as_str(), family.address.rw.as_str()),
            ("004", "003")
        );
        assert_eq!(family.head_name(), "Abdul Hamid");
        assert!(!family.demo);
    }

    #[test]
    fn every_problem_is_reported_at_once_next_to_its_input() {
        let mut draft = filled();
        draft.kk = "12345".into();
        draft.rt = "ab".into();
        draft.members[0].name = "  ".into();
        draft.members[0].sex = None;
        draft.members.push(draft.members[0].clone());
        let problems = draft
            .build(FamilyId(uuid::Uuid::nil()), desa(), Lang::Id)
            .unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field.clone()).collect();
        assert!(fields.contains(&Field::Kk));
        assert!(fields.contains(&Field::Rt));
        assert!(fields.contains(&Field::Member(0, MemberField::Name)));
        assert!(fields.contains(&Field::Member(1, MemberField::Sex)));
        let kk = problems.iter().find(|p| p.field == Field::Kk).unwrap();
        assert!(kk.message.contains("16 angka"), "{}", kk.message);
    }

    #[test]
    fn a_correction_keeps_what_the_form_does_not_show() {
        let mut recorded = filled()
            .build(FamilyId(uuid::Uuid::nil()), desa(), Lang::Id)
            .unwrap();
        recorded.demo = true;
        recorded.members[0].schooling = Some(tepat_domain::codes::Schooling::Sd);
        let recorded_id = MemberId(uuid::Uuid::from_u128(7));
        recorded.members[0].id = recorded_id;
        let mut draft = FamilyDraft::from_family(&recorded);
        assert_eq!(draft.rt, "004");
        draft.members[0].name = "Abd. Hamid".into();
        draft.street = "Jl. Baru 2".into();
        let corrected = draft.build_onto(&recorded, Lang::Id).unwrap();
        assert_eq!(
            corrected.members[0].id, recorded_id,
            "same member, same record"
        );
        assert_eq!(corrected.members[0].name, "Abd. Hamid");
        assert_eq!(
            corrected.members[0].schooling,
            recorded.members[0].schooling
        );
        assert_eq!(corrected.address.street, "Jl. Baru 2");
        assert!(corrected.demo);
        assert_eq!(
            FamilyDraft::from_family(&corrected).build_onto(&corrected, Lang::Id),
            Ok(corrected)
        );
    }

    #[test]
    fn two_members_with_one_nik_are_refused() {
        let mut draft = filled();
        let mut child = draft.members[0].clone();
        child.name = "Anak".into();
        child.relation = Some(Relation::Anak);
        draft.members.push(child);
        let problems = draft
            .build(FamilyId(uuid::Uuid::nil()), desa(), Lang::En)
            .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Member(1, MemberField::Nik));
    }

    #[test]
    fn a_member_marked_died_or_moved_leaves_by_a_life_event_not_by_deletion() {
        let mut draft = filled();
        let mut child = draft.members[0].clone();
        child.nik = "3526151203150002".into();
        child.name = "Rina".into();
        child.sex = Some(Sex::Female);
        child.birth_date = "2015-03-12".into();
        child.relation = Some(Relation::Anak);
        draft.members.push(child);
        let recorded = draft
            .build(FamilyId(uuid::Uuid::nil()), desa(), Lang::Id)
            .unwrap();
        let mut form = FamilyDraft::from_family(&recorded);
        form.members[1].leaving = Some(Leaving {
            kind: LeaveKind::MovedOut,
            date: "2026-10-01".into(),
        });
        let after = form.build_onto(&recorded, Lang::Id).unwrap();
        assert_eq!(after.members.len(), 2);
        assert_eq!(
            after.members[1].status,
            MemberStatus::MovedOut(jiff::civil::date(2026, 10, 1), None)
        );
        assert_eq!(after.active_members().count(), 1);
        assert_eq!(after.events.len(), 1);
        // Opened again, the member who left is shown as such and stays so.
        let again = FamilyDraft::from_family(&after);
        assert!(matches!(
            again.members[1].status,
            MemberStatus::MovedOut(..)
        ));
        assert_eq!(again.build_onto(&after, Lang::Id).unwrap(), after);

        form.members[1].leaving = Some(Leaving {
            kind: LeaveKind::Died,
            date: "2014-01-01".into(),
        });
        let problems = form.build_onto(&recorded, Lang::Id).unwrap_err();
        assert_eq!(problems[0].field, Field::Member(1, MemberField::Leaving));
        assert!(problems[0].message.contains("sebelum tanggal lahir"));
        form.members[1].leaving = Some(Leaving {
            kind: LeaveKind::Died,
            date: String::new(),
        });
        assert_eq!(
            form.build_onto(&recorded, Lang::Id).unwrap_err()[0].message,
            "Isi tanggalnya."
        );
    }
}
