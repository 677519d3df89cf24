//! The sync wire: what a tablet pushes (changes with their ids) and pulls (the changes of its
//! scope after a cursor), and how a family is cut into fields that merge one by one. A field is
//! the unit of last-writer-wins merge: `kk`, `desa`, `address`, `location`, `photos`,
//! `instrument`, `events`, and one field per member, `members/<member id>`. Paths are only ever
//! added (finer paths may come, never renamed), like every wire type.

use crate::NewProposal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tepat_domain::workflow::Step;
use tepat_domain::{Family, FamilyId, Member, MemberId};
use tepat_sync::{Change, ChangeId, FieldPath, FieldWrite, Register};

/// The most changes one push may carry.
pub const MAX_PUSH_CHANGES: usize = 500;
/// The most changes one pull answers with.
pub const MAX_PULL_CHANGES: usize = 1_000;

/// A batch of changes from one tablet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PushRequest {
    /// The changes, oldest first.
    pub changes: Vec<Change>,
}

/// What became of one pushed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum AckOutcome {
    /// Recorded now, at this server sequence number (durable: the transaction committed).
    Accepted {
        /// Server sequence number.
        seq: u64,
    },
    /// Recorded before (a retry): nothing applied twice.
    Duplicate {
        /// The sequence number it got the first time.
        seq: u64,
    },
    /// Refused, with the reason to show; the tablet does not retry it.
    Refused {
        /// Why, in Indonesian.
        reason: String,
    },
}

/// The answer for one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Ack {
    /// Which change.
    pub change: ChangeId,
    /// What became of it.
    pub outcome: AckOutcome,
}

/// The answer to a push: one ack per change, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PushResponse {
    /// The acks.
    pub acks: Vec<Ack>,
}

/// A change as pulled, with its server sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PulledChange {
    /// Server sequence number.
    pub seq: u64,
    /// The change.
    pub change: Change,
}

/// The changes of the tablet's scope after its cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PullResponse {
    /// Changes, by sequence number.
    pub changes: Vec<PulledChange>,
    /// The cursor to ask from next time.
    pub cursor: u64,
    /// Whether more changes wait beyond this page.
    pub more: bool,
    /// About how many changes wait beyond this page (a change that moved a family between two
    /// desa counts twice): what the first sync's progress bar is measured against.
    pub remaining: u64,
}

/// The path of a proposal command: a change whose record is the proposal's id and whose one
/// write is `!proposal` with a [`ProposalCommand`] is a request the server decides, in order,
/// after the batch's family edits (so a proposal may follow the family it is for).
pub const PROPOSAL_COMMAND: &str = "!proposal";

/// What a tablet asks of a proposal. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ProposalCommand {
    /// Create a draft with the change's record id as the proposal's id.
    Create(NewProposal),
    /// Take a workflow step.
    Step(Step),
}

/// The write that carries a proposal command.
pub fn proposal_command(command: &ProposalCommand) -> FieldWrite {
    FieldWrite {
        path: FieldPath::new(PROPOSAL_COMMAND),
        value: encode(command),
        base: None,
    }
}

/// The proposal command a change carries, if it is one.
pub fn read_proposal_command(change: &Change) -> Option<ProposalCommand> {
    match change.writes.as_slice() {
        [write] if write.path.0 == PROPOSAL_COMMAND => postcard::from_bytes(&write.value).ok(),
        _ => None,
    }
}

/// The path of a visit command's one write.
pub const VISIT_COMMAND: &str = "!visit";

/// What a tablet asks about a verifier's visit. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum VisitCommand {
    /// The verifier records a visit with the change's record id as the visit's id.
    Record(tepat_domain::visit::NewVisit),
    /// The desa operator answers the visit's disputes (the change's record is the visit).
    Answer(String),
}

/// The write that carries a visit command.
pub fn visit_command(command: &VisitCommand) -> FieldWrite {
    FieldWrite {
        path: FieldPath::new(VISIT_COMMAND),
        value: encode(command),
        base: None,
    }
}

/// The visit command a change carries, if it is one.
pub fn read_visit_command(change: &Change) -> Option<VisitCommand> {
    match change.writes.as_slice() {
        [write] if write.path.0 == VISIT_COMMAND => postcard::from_bytes(&write.value).ok(),
        _ => None,
    }
}

/// Why fields do not make a family.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// A required field has never been written.
    #[error("data keluarga belum lengkap: bagian '{0}' belum pernah dikirim")]
    Missing(&'static str),
    /// A field's bytes do not decode.
    #[error("data keluarga rusak pada bagian '{0}'")]
    Corrupt(String),
    /// A path this version does not know.
    #[error("bagian data '{0}' tidak dikenal oleh versi ini")]
    UnknownPath(String),
}

const MEMBERS: &str = "members/";

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_stdvec(value).expect("postcard into a Vec cannot fail")
}

/// Every field of a family, for a first write of the whole record.
pub fn family_writes(family: &Family) -> Vec<FieldWrite> {
    let mut writes = vec![
        FieldWrite {
            path: FieldPath::new("kk"),
            value: encode(&family.kk),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("desa"),
            value: encode(&family.desa),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("address"),
            value: encode(&family.address),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("location"),
            value: encode(&family.location),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("photos"),
            value: encode(&family.photos),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("instrument"),
            value: encode(&family.instrument),
            base: None,
        },
        FieldWrite {
            path: FieldPath::new("events"),
            value: encode(&family.events),
            base: None,
        },
    ];
    for member in &family.members {
        writes.push(FieldWrite {
            path: FieldPath::new(format!("{MEMBERS}{}", member.id)),
            value: encode(member),
            base: None,
        });
    }
    writes
}

/// The fields that differ between `before` and `after` (all of them for a new family): what a
/// tablet sends for an edit.
pub fn changed_writes(before: Option<&Family>, after: &Family) -> Vec<FieldWrite> {
    let old: BTreeMap<FieldPath, Vec<u8>> = before
        .map(family_writes)
        .unwrap_or_default()
        .into_iter()
        .map(|w| (w.path, w.value))
        .collect();
    family_writes(after)
        .into_iter()
        .filter(|w| old.get(&w.path) != Some(&w.value))
        .collect()
}

fn field<T: serde::de::DeserializeOwned>(
    fields: &BTreeMap<FieldPath, Register>,
    name: &'static str,
) -> Result<T, FieldError> {
    let register = fields
        .get(&FieldPath::new(name))
        .ok_or(FieldError::Missing(name))?;
    postcard::from_bytes(&register.value).map_err(|_| FieldError::Corrupt(name.to_owned()))
}

/// The family a record's merged fields describe. Members come head first, then by birth date.
/// `demo` is false: only the server marks demo data.
pub fn family_from_fields(
    id: FamilyId,
    fields: &BTreeMap<FieldPath, Register>,
) -> Result<Family, FieldError> {
    let mut members: Vec<Member> = Vec::new();
    for (path, register) in fields {
        let Some(member_id) = path.0.strip_prefix(MEMBERS) else {
            if ![
                "kk",
                "desa",
                "address",
                "location",
                "photos",
                "instrument",
                "events",
            ]
            .contains(&path.0.as_str())
            {
                return Err(FieldError::UnknownPath(path.0.clone()));
            }
            continue;
        };
        let member: Member = postcard::from_bytes(&register.value)
            .map_err(|_| FieldError::Corrupt(path.0.clone()))?;
        if uuid::Uuid::parse_str(member_id).map(MemberId) != Ok(member.id) {
            return Err(FieldError::Corrupt(path.0.clone()));
        }
        members.push(member);
    }
    members.sort_by(|a, b| {
        a.relation
            .shdk_code()
            .cmp(&b.relation.shdk_code())
            .then(a.birth_date.cmp(&b.birth_date))
            .then(a.id.cmp(&b.id))
    });
    Ok(Family {
        id,
        kk: field(fields, "kk")?,
        desa: field(fields, "desa")?,
        address: field(fields, "address")?,
        location: field(fields, "location")?,
        members,
        demo: false,
        photos: field(fields, "photos")?,
        events: field(fields, "events")?,
        instrument: field(fields, "instrument")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::family::Address;
    use tepat_domain::{HouseLocation, Kk, LocationSource, Nik, RegionCode, Relation, Sex};
    use tepat_sync::{DeviceId, Hlc, HlcClock, Record};

    fn family() -> Family {
        let mut head = Member::new(
            Nik::parse("3526152311850001").unwrap(),
            "Abdul Hamid",
            Sex::Male,
            "Bangkalan",
            jiff::civil::date(1985, 11, 23),
            Relation::KepalaKeluarga,
        );
        head.mother_name = "Siti Maimunah".into();
        let child = Member::new(
            Nik::parse("3526150101100003").unwrap(),
            "Moh. Rizki",
            Sex::Male,
            "Bangkalan",
            jiff::civil::date(2010, 1, 1),
            Relation::Anak,
        );
        Family {
            id: FamilyId(uuid::Uuid::from_u128(7)),
            kk: Kk::parse("3526150101210007").unwrap(),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            address: Address {
                street: "Jl. Desa 5".into(),
                dusun: "Dusun Barat".into(),
                rw: "002".into(),
                rt: "001".into(),
            },
            location: Some(HouseLocation {
                lat: -7.1,
                lon: 113.14,
                accuracy_m: Some(6.0),
                source: LocationSource::Gps,
            }),
            members: vec![head, child],
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        }
    }

    fn change(clock: &mut HlcClock, now_ms: u64, id: u128, writes: Vec<FieldWrite>) -> Change {
        let stamp: Hlc = clock.tick(now_ms);
        Change {
            id: ChangeId(uuid::Uuid::from_u128(id)),
            device: stamp.device,
            user: "op".into(),
            stamp,
            record: uuid::Uuid::from_u128(7),
            writes,
        }
    }

    #[test]
    fn a_family_survives_fields_and_back() {
        let original = family();
        let mut record = Record::new();
        let mut clock = HlcClock::new(DeviceId(uuid::Uuid::from_u128(1)));
        record.apply(&change(&mut clock, 1_000, 1, family_writes(&original)));
        assert_eq!(
            family_from_fields(original.id, record.fields()),
            Ok(original)
        );
    }

    #[test]
    fn an_edit_sends_only_what_changed() {
        let before = family();
        let mut after = before.clone();
        after.address.rt = "004".into();
        after.members[1].name = "Moh. Rizky".into();
        let paths: Vec<String> = changed_writes(Some(&before), &after)
            .into_iter()
            .map(|w| w.path.0)
            .collect();
        assert_eq!(
            paths,
            [
                "address".to_owned(),
                format!("members/{}", before.members[1].id)
            ]
        );
        assert_eq!(changed_writes(None, &before).len(), 9);
        assert!(changed_writes(Some(&before), &before).is_empty());
    }

    #[test]
    fn two_tablets_editing_offline_merge_field_by_field() {
        let base = family();
        let mut record = Record::new();
        let mut a = HlcClock::new(DeviceId(uuid::Uuid::from_u128(1)));
        let mut b = HlcClock::new(DeviceId(uuid::Uuid::from_u128(2)));
        record.apply(&change(&mut a, 1_000, 1, family_writes(&base)));
        // Tablet A corrects the address and the child's name; tablet B, later, the child's name
        // too and the pin.
        let mut on_a = base.clone();
        on_a.address.rt = "004".into();
        on_a.members[1].name = "Moh. Rizky".into();
        let mut on_b = base.clone();
        on_b.members[1].name = "Mohammad Rizki".into();
        on_b.location.as_mut().unwrap().lat = -7.2;
        let from_a = change(&mut a, 2_000, 2, changed_writes(Some(&base), &on_a));
        let from_b = change(&mut b, 3_000, 3, changed_writes(Some(&base), &on_b));
        let mut other_order = record.clone();
        record.apply(&from_a);
        record.apply(&from_b);
        other_order.apply(&from_b);
        other_order.apply(&from_a);
        assert_eq!(record, other_order);
        let merged = family_from_fields(base.id, record.fields()).unwrap();
        assert_eq!(merged.address.rt, "004", "A's field kept");
        assert_eq!(merged.location.unwrap().lat, -7.2, "B's field kept");
        assert_eq!(
            merged.members[1].name, "Mohammad Rizki",
            "the later write wins the same field"
        );
        // A's losing value is kept to show and restore.
        let lost: Member = postcard::from_bytes(&record.history().last().unwrap().value).unwrap();
        assert_eq!(lost.name, "Moh. Rizky");
    }

    #[test]
    fn unknown_or_broken_fields_are_refused() {
        let mut record = Record::new();
        let mut clock = HlcClock::new(DeviceId(uuid::Uuid::from_u128(1)));
        let mut writes = family_writes(&family());
        writes.push(FieldWrite {
            path: FieldPath::new("rahasia"),
            value: vec![1],
            base: None,
        });
        record.apply(&change(&mut clock, 1, 1, writes));
        assert_eq!(
            family_from_fields(family().id, record.fields()),
            Err(FieldError::UnknownPath("rahasia".into()))
        );
        let mut partial = Record::new();
        partial.apply(&change(
            &mut clock,
            2,
            2,
            vec![FieldWrite {
                path: FieldPath::new("kk"),
                value: vec![0],
                base: None,
            }],
        ));
        assert!(matches!(
            family_from_fields(family().id, partial.fields()),
            Err(FieldError::Corrupt(_))
        ));
    }
}
