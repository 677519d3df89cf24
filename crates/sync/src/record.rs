//! A record as a set of last-writer-wins registers, one per field, plus the values that lost.
//! Applying the same set of changes in any order gives the same record (fields and history):
//! the greatest stamp wins, ties cannot happen (stamps carry the device), and a change id seen
//! before is ignored.

use crate::change::{Change, ChangeId, DeviceId, FieldPath, FieldWrite};
use crate::hlc::Hlc;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The current value of one field and the change that set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Register {
    /// The value, encoded.
    pub value: Vec<u8>,
    /// The stamp of the change that set it.
    pub stamp: Hlc,
    /// The change that set it.
    pub change: ChangeId,
    /// Who made that change.
    pub user: String,
    /// The change whose value the editor replaced (see [`crate::FieldWrite::base`]).
    pub base: Option<ChangeId>,
}

impl Register {
    /// Whether two writes of one field were made without either editor seeing the other's
    /// value: only then did two people disagree. A write made after seeing the other is an
    /// ordinary correction, whichever device made it.
    pub fn concurrent_with(&self, other: &Register) -> bool {
        self.change != other.change
            && self.base != Some(other.change)
            && other.base != Some(self.change)
    }
}

/// A value that lost to another: kept so it can be shown and restored (restoring is a new
/// change). What it lost to is the field's current register; which write beat it first depends
/// on arrival order, so it is deliberately not recorded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Overwritten {
    /// The field.
    pub path: FieldPath,
    /// The stamp of the losing write.
    pub stamp: Hlc,
    /// The losing change.
    pub change: ChangeId,
    /// Who made the losing change.
    pub user: String,
    /// The losing value, encoded.
    pub value: Vec<u8>,
}

/// What applying a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The change was applied before; nothing happened.
    Duplicate,
    /// The change was applied. `conflicts` lists the fields where it met a write made without
    /// knowledge of it, or it without knowledge of that one (whichever won): the users are told
    /// a conflict was resolved and how.
    Applied {
        /// Fields where writes of two devices met.
        conflicts: Vec<FieldPath>,
    },
}

/// A record under merge.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Record {
    fields: BTreeMap<FieldPath, Register>,
    /// Kept sorted, so that the history too is the same whatever the arrival order.
    history: Vec<Overwritten>,
    applied: BTreeSet<ChangeId>,
}

impl Record {
    /// An empty record.
    pub fn new() -> Record {
        Record::default()
    }

    /// The current fields.
    pub fn fields(&self) -> &BTreeMap<FieldPath, Register> {
        &self.fields
    }

    /// The current value of one field.
    pub fn get(&self, path: &FieldPath) -> Option<&Register> {
        self.fields.get(path)
    }

    /// Every value that lost, ordered by field then stamp.
    pub fn history(&self) -> &[Overwritten] {
        &self.history
    }

    /// Whether the change was applied already.
    pub fn has_applied(&self, id: ChangeId) -> bool {
        self.applied.contains(&id)
    }

    fn keep_lost(&mut self, lost: Overwritten) {
        let at = self.history.binary_search(&lost).unwrap_or_else(|i| i);
        self.history.insert(at, lost);
    }

    /// Applies a change: each field takes the value with the greater stamp.
    pub fn apply(&mut self, change: &Change) -> Applied {
        if !self.applied.insert(change.id) {
            return Applied::Duplicate;
        }
        // Within one change the last write of a path counts.
        let mut writes: BTreeMap<&FieldPath, &FieldWrite> = BTreeMap::new();
        for write in &change.writes {
            writes.insert(&write.path, write);
        }
        let mut conflicts = Vec::new();
        for (path, write) in writes {
            let incoming = Register {
                value: write.value.clone(),
                stamp: change.stamp,
                change: change.id,
                user: change.user.clone(),
                base: write.base,
            };
            let Some(current) = self.fields.get(path) else {
                self.fields.insert(path.clone(), incoming);
                continue;
            };
            if current.concurrent_with(&incoming) {
                conflicts.push(path.clone());
            }
            let loser = if change.stamp > current.stamp {
                self.fields.insert(path.clone(), incoming).expect("present")
            } else {
                incoming
            };
            self.keep_lost(Overwritten {
                path: path.clone(),
                stamp: loser.stamp,
                change: loser.change,
                user: loser.user,
                value: loser.value,
            });
        }
        Applied::Applied { conflicts }
    }

    /// Fills each write's base with the change that set the field now: what an editor who sees
    /// this record replaces.
    pub fn based(&self, writes: Vec<FieldWrite>) -> Vec<FieldWrite> {
        writes
            .into_iter()
            .map(|w| FieldWrite {
                base: self.get(&w.path).map(|r| r.change),
                ..w
            })
            .collect()
    }

    /// The devices whose writes are present in the current fields.
    pub fn devices(&self) -> BTreeSet<DeviceId> {
        self.fields.values().map(|r| r.stamp.device).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn device(n: u128) -> DeviceId {
        DeviceId(Uuid::from_u128(n))
    }

    fn change(id: u128, dev: u128, wall_ms: u64, writes: &[(&str, u8)]) -> Change {
        Change {
            id: ChangeId(Uuid::from_u128(id)),
            device: device(dev),
            user: format!("user{dev}"),
            stamp: Hlc {
                wall_ms,
                counter: 0,
                device: device(dev),
            },
            record: Uuid::from_u128(99),
            writes: writes
                .iter()
                .map(|(p, v)| FieldWrite {
                    path: FieldPath::new(*p),
                    value: vec![*v],
                    base: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_later_write_wins_and_the_loser_is_kept() {
        let mut record = Record::new();
        record.apply(&change(1, 1, 100, &[("name", 1), ("rt", 1)]));
        let outcome = record.apply(&change(2, 2, 200, &[("name", 2)]));
        assert_eq!(
            outcome,
            Applied::Applied {
                conflicts: vec![FieldPath::new("name")]
            }
        );
        assert_eq!(record.get(&FieldPath::new("name")).unwrap().value, vec![2]);
        assert_eq!(record.get(&FieldPath::new("rt")).unwrap().value, vec![1]);
        let lost = &record.history()[0];
        assert_eq!(
            (lost.value.clone(), lost.change),
            (vec![1], ChangeId(Uuid::from_u128(1)))
        );
        // An older write arriving late loses, and is kept too.
        record.apply(&change(3, 3, 150, &[("name", 3)]));
        assert_eq!(record.get(&FieldPath::new("name")).unwrap().value, vec![2]);
        assert_eq!(record.history().len(), 2);
    }

    #[test]
    fn a_change_applies_at_most_once() {
        let mut record = Record::new();
        let c = change(1, 1, 100, &[("name", 1)]);
        assert!(matches!(record.apply(&c), Applied::Applied { .. }));
        assert_eq!(record.apply(&c), Applied::Duplicate);
        assert!(record.history().is_empty());
        assert!(record.has_applied(c.id));
    }

    #[test]
    fn a_write_made_after_seeing_the_other_is_not_a_conflict() {
        let mut record = Record::new();
        record.apply(&change(1, 1, 100, &[("name", 1)]));
        // Another device, but its editor saw change 1: a correction, not a disagreement.
        let mut correction = change(2, 2, 200, &[("name", 2)]);
        correction.writes = record.based(correction.writes);
        assert_eq!(
            correction.writes[0].base,
            Some(ChangeId(Uuid::from_u128(1)))
        );
        let mut elsewhere = record.clone();
        assert_eq!(
            record.apply(&correction),
            Applied::Applied { conflicts: vec![] }
        );
        // Arriving before the write it corrects (another replica's order): still no conflict.
        let mut late = Record::new();
        late.apply(&correction);
        assert_eq!(
            late.apply(&change(1, 1, 100, &[("name", 1)])),
            Applied::Applied { conflicts: vec![] }
        );
        assert_eq!(late, record);
        // A write of a device that had not seen change 1 is one.
        assert_eq!(
            elsewhere.apply(&change(3, 3, 300, &[("name", 3)])),
            Applied::Applied {
                conflicts: vec![FieldPath::new("name")]
            }
        );
    }

    fn arbitrary_changes() -> impl Strategy<Value = Vec<Change>> {
        let paths = ["name", "rt", "rw", "lat"];
        proptest::collection::vec(
            (
                1u128..4,
                0u64..20,
                proptest::collection::vec((0usize..4, any::<u8>()), 1..4),
            ),
            1..12,
        )
        .prop_map(move |raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (dev, wall, writes))| {
                    let writes: Vec<(&str, u8)> =
                        writes.into_iter().map(|(p, v)| (paths[p], v)).collect();
                    let mut c = change(i as u128 + 1, dev, wall, &writes);
                    // Stamps of one device never repeat: the counter carries the sequence.
                    c.stamp.counter = i as u32;
                    c
                })
                .collect()
        })
    }

    proptest! {
        /// Three devices, any interleaving (with repeats): the same record everywhere.
        #[test]
        fn any_order_of_the_same_changes_converges(changes in arbitrary_changes(), seed in any::<u64>()) {
            let mut in_order = Record::new();
            for c in &changes {
                in_order.apply(c);
            }
            let mut shuffled = changes.clone();
            // A deterministic shuffle from the seed, plus every change delivered twice.
            let mut state = seed;
            for i in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
            shuffled.extend(changes.iter().cloned());
            let mut other = Record::new();
            for c in &shuffled {
                other.apply(c);
            }
            prop_assert_eq!(&in_order, &other);
            // Every write is either current or in the history: nothing is lost.
            let writes: usize = changes.iter().map(|c| c.writes.iter().map(|w| &w.path).collect::<BTreeSet<_>>().len()).sum();
            prop_assert_eq!(writes, in_order.fields().len() + in_order.history().len());
        }
    }
}
