//! A tablet's copy of its scope: the records as the server confirmed them, the outbox of local
//! edits not yet acknowledged, the device's clock and pull cursor, and the conflicts the user
//! must be told about. What the user sees is the confirmed record with the pending edits laid on
//! top, so a change the server refuses simply disappears from the view (and is shown with its
//! reason), while an acknowledged change joins the confirmed record at once.
//!
//! Commands ([`Change::is_command`], e.g. a workflow step) travel through the same outbox, so
//! they are retried, acknowledged, exported and refused like edits, but they are never laid on a
//! record: the server decides them and the tablet learns the outcome from the server's views.
//!
//! Pure and IO-free: the web app persists it (encrypted) and runs the network; `cargo test`
//! proves the behaviour here.

use crate::change::{Change, ChangeId, DeviceId, FieldPath, FieldWrite};
use crate::hlc::{Hlc, HlcClock};
use crate::outbox::{Outbox, Refusal};
use crate::record::{Applied, Record, Register};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// One side of a resolved conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConflictSide {
    /// Who wrote it.
    pub user: String,
    /// When (its stamp).
    pub stamp: Hlc,
    /// The value, encoded.
    pub value: Vec<u8>,
}

/// Two devices wrote the same field; the later stamp won. Shown to the user, who may restore the
/// other value (a new change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConflictNotice {
    /// The record.
    pub record: Uuid,
    /// The field.
    pub path: FieldPath,
    /// The value now in force.
    pub kept: ConflictSide,
    /// The value that lost (kept in the record's history as well).
    pub lost: ConflictSide,
    /// Whether the user has dealt with it (restored or dismissed).
    pub settled: bool,
}

/// What one push answer meant for one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// The server holds it (now or from an earlier try).
    Stored,
    /// The server refused it, with this reason.
    Refused(String),
}

/// The tablet's replica.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Replica {
    device: DeviceId,
    clock: HlcClock,
    cursor: u64,
    confirmed: BTreeMap<Uuid, Record>,
    outbox: Outbox,
    notices: Vec<ConflictNotice>,
    #[serde(skip)]
    dirty: BTreeSet<Uuid>,
}

/// A replica's state without its records, for storing apart from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReplicaMeta {
    /// The device.
    pub device: DeviceId,
    /// Its clock.
    pub clock: HlcClock,
    /// Pull cursor.
    pub cursor: u64,
    /// Unsent and refused changes.
    pub outbox: Outbox,
    /// Conflicts to tell the user about.
    pub notices: Vec<ConflictNotice>,
}

impl Replica {
    /// An empty replica for a device.
    pub fn new(device: DeviceId) -> Replica {
        Replica {
            device,
            clock: HlcClock::new(device),
            cursor: 0,
            confirmed: BTreeMap::new(),
            outbox: Outbox::new(),
            notices: Vec::new(),
            dirty: BTreeSet::new(),
        }
    }

    /// A replica from what [`Replica::meta`] and [`Replica::confirmed_records`] stored.
    pub fn from_parts(
        meta: ReplicaMeta,
        records: impl IntoIterator<Item = (Uuid, Record)>,
    ) -> Replica {
        Replica {
            device: meta.device,
            clock: meta.clock,
            cursor: meta.cursor,
            confirmed: records.into_iter().collect(),
            outbox: meta.outbox,
            notices: meta.notices,
            dirty: BTreeSet::new(),
        }
    }

    /// Everything but the records.
    pub fn meta(&self) -> ReplicaMeta {
        ReplicaMeta {
            device: self.device,
            clock: self.clock.clone(),
            cursor: self.cursor,
            outbox: self.outbox.clone(),
            notices: self.notices.clone(),
        }
    }

    /// The confirmed record of an id.
    pub fn confirmed_record(&self, id: Uuid) -> Option<&Record> {
        self.confirmed.get(&id)
    }

    /// The ids of records changed since the last call: what must be written to storage.
    pub fn take_dirty(&mut self) -> BTreeSet<Uuid> {
        std::mem::take(&mut self.dirty)
    }

    /// This device.
    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// The pull cursor: the server sequence number seen last.
    pub fn cursor(&self) -> u64 {
        self.cursor
    }

    /// The outbox.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// Records an edit made here: a change stamped by this device's clock, queued for the
    /// server. `id` is a fresh UUIDv7 from the caller (this crate has no randomness).
    pub fn edit(
        &mut self,
        id: ChangeId,
        record: Uuid,
        writes: Vec<FieldWrite>,
        user: &str,
        now_ms: u64,
    ) -> Change {
        let writes = match self.view(record) {
            Some(seen) => seen.based(writes),
            None => writes,
        };
        self.queue(id, record, writes, user, now_ms)
    }

    /// Stamps a change made here and puts it in the outbox.
    fn queue(
        &mut self,
        id: ChangeId,
        record: Uuid,
        writes: Vec<FieldWrite>,
        user: &str,
        now_ms: u64,
    ) -> Change {
        let change = Change {
            id,
            device: self.device,
            user: user.to_owned(),
            stamp: self.clock.tick(now_ms),
            record,
            writes,
        };
        self.outbox.push(change.clone());
        change
    }

    /// Queues a command (a request the server decides) about `record`.
    pub fn command(
        &mut self,
        id: ChangeId,
        record: Uuid,
        command: FieldWrite,
        user: &str,
        now_ms: u64,
    ) -> Change {
        debug_assert!(
            command.path.is_command(),
            "a command's path starts with '!'"
        );
        self.queue(id, record, vec![command], user, now_ms)
    }

    /// The commands waiting for the server, oldest first.
    pub fn pending_commands(&self) -> impl Iterator<Item = &Change> {
        self.outbox.pending().filter(|c| c.is_command())
    }

    /// The edits (not commands) waiting for the server.
    fn pending_edits(&self) -> impl Iterator<Item = &Change> {
        self.outbox.pending().filter(|c| !c.is_command())
    }

    /// A record as the user sees it: confirmed, with the pending edits on top.
    pub fn view(&self, id: Uuid) -> Option<Record> {
        let pending: Vec<&Change> = self.pending_edits().filter(|c| c.record == id).collect();
        let confirmed = self.confirmed.get(&id);
        if confirmed.is_none() && pending.is_empty() {
            return None;
        }
        let mut record = confirmed.cloned().unwrap_or_default();
        for change in pending {
            record.apply(change);
        }
        Some(record)
    }

    /// Every record id the user can see.
    pub fn ids(&self) -> BTreeSet<Uuid> {
        let mut ids: BTreeSet<Uuid> = self.confirmed.keys().copied().collect();
        ids.extend(self.pending_edits().map(|c| c.record));
        ids
    }

    fn side(register: &Register) -> ConflictSide {
        ConflictSide {
            user: register.user.clone(),
            stamp: register.stamp,
            value: register.value.clone(),
        }
    }

    /// Applies a change to the confirmed record, noting conflicts that involve this device.
    fn confirm(&mut self, change: &Change) {
        let record = self.confirmed.entry(change.record).or_default();
        let before: BTreeMap<FieldPath, Register> = change
            .writes
            .iter()
            .filter_map(|w| record.get(&w.path).map(|r| (w.path.clone(), r.clone())))
            .collect();
        let Applied::Applied { conflicts } = record.apply(change) else {
            return;
        };
        self.dirty.insert(change.record);
        for path in conflicts {
            let (Some(previous), Some(now)) = (before.get(&path), record.get(&path)) else {
                continue;
            };
            let incoming_value = change
                .writes
                .iter()
                .rev()
                .find(|w| w.path == path)
                .map(|w| w.value.clone())
                .unwrap_or_default();
            let incoming = ConflictSide {
                user: change.user.clone(),
                stamp: change.stamp,
                value: incoming_value,
            };
            let (kept, lost) = if now.change == change.id {
                (incoming, Self::side(previous))
            } else {
                (Self::side(now), incoming)
            };
            let mine = kept.stamp.device == self.device || lost.stamp.device == self.device;
            if mine && kept.value != lost.value {
                self.notices.push(ConflictNotice {
                    record: change.record,
                    path,
                    kept,
                    lost,
                    settled: false,
                });
            }
        }
    }

    /// Takes the server's answers to a push: stored changes join the confirmed records and leave
    /// the outbox; refused ones leave it too and are kept, with the reason, to be shown.
    pub fn acknowledge(&mut self, outcomes: &[(ChangeId, PushOutcome)]) {
        for (id, outcome) in outcomes {
            let Some(change) = self.outbox.pending().find(|c| c.id == *id).cloned() else {
                continue;
            };
            match outcome {
                PushOutcome::Stored => {
                    if !change.is_command() {
                        self.confirm(&change);
                    }
                    self.outbox.acknowledge(&[*id]);
                }
                PushOutcome::Refused(reason) => {
                    self.outbox.refuse(*id, reason.clone());
                    self.dirty.insert(change.record);
                }
            }
        }
    }

    /// Takes one page of pulled changes (in server order) and the cursor after them.
    pub fn apply_pulled(&mut self, changes: &[Change], cursor: u64, now_ms: u64) {
        for change in changes {
            self.clock.observe(change.stamp, now_ms);
            self.confirm(change);
        }
        self.cursor = self.cursor.max(cursor);
    }

    /// Adds changes exported from another device's outbox (a file carried over): they are sent
    /// from here as they were made there. Changes already known are skipped; returns how many
    /// were added.
    pub fn import(&mut self, changes: Vec<Change>) -> usize {
        let mut added = 0;
        for change in changes {
            let known = self.outbox.pending().any(|c| c.id == change.id)
                || self
                    .confirmed
                    .get(&change.record)
                    .is_some_and(|r| r.has_applied(change.id));
            if !known {
                self.clock.observe(change.stamp, change.stamp.wall_ms);
                self.dirty.insert(change.record);
                self.outbox.push(change);
                added += 1;
            }
        }
        added
    }

    /// Conflicts not yet settled, of one record or of all.
    pub fn open_conflicts(&self, record: Option<Uuid>) -> Vec<(usize, &ConflictNotice)> {
        self.notices
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.settled && record.is_none_or(|r| n.record == r))
            .collect()
    }

    /// Marks a conflict as dealt with.
    pub fn settle(&mut self, index: usize) {
        if let Some(notice) = self.notices.get_mut(index) {
            notice.settled = true;
        }
    }

    /// Restores the value that lost a conflict: a new edit of that field, which settles it.
    pub fn restore(
        &mut self,
        index: usize,
        id: ChangeId,
        user: &str,
        now_ms: u64,
    ) -> Option<Change> {
        let notice = self.notices.get(index)?.clone();
        self.settle(index);
        Some(self.edit(
            id,
            notice.record,
            vec![FieldWrite {
                path: notice.path,
                value: notice.lost.value,
                base: None,
            }],
            user,
            now_ms,
        ))
    }

    /// Forgets a refusal the user has read.
    pub fn dismiss_refusal(&mut self, id: ChangeId) {
        if let Some(refusal) = self.outbox.refused().iter().find(|r| r.change.id == id) {
            self.dirty.insert(refusal.change.record);
        }
        self.outbox.dismiss(id);
    }

    /// Refused changes of one record.
    pub fn refusals_of(&self, record: Uuid) -> Vec<&Refusal> {
        self.outbox
            .refused()
            .iter()
            .filter(|r| r.change.record == record)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(n: u128) -> DeviceId {
        DeviceId(Uuid::from_u128(n))
    }

    fn id(n: u128) -> ChangeId {
        ChangeId(Uuid::from_u128(1_000 + n))
    }

    fn write(path: &str, value: u8) -> FieldWrite {
        FieldWrite {
            path: FieldPath::new(path),
            value: vec![value],
            base: None,
        }
    }

    const FAMILY: Uuid = Uuid::from_u128(42);

    fn value(replica: &Replica, path: &str) -> Option<u8> {
        replica
            .view(FAMILY)?
            .get(&FieldPath::new(path))
            .map(|r| r.value[0])
    }

    #[test]
    fn an_edit_is_seen_at_once_and_stays_until_acknowledged() {
        let mut tablet = Replica::new(device(1));
        tablet.edit(
            id(1),
            FAMILY,
            vec![write("kk", 1), write("address", 1)],
            "op",
            1_000,
        );
        assert_eq!(value(&tablet, "kk"), Some(1));
        assert_eq!(tablet.outbox().pending_len(), 1);
        assert!(tablet.ids().contains(&FAMILY));
        tablet.acknowledge(&[(id(1), PushOutcome::Stored)]);
        assert_eq!(tablet.outbox().pending_len(), 0);
        assert_eq!(value(&tablet, "kk"), Some(1), "confirmed, still shown");
        assert_eq!(tablet.take_dirty(), BTreeSet::from([FAMILY]));
        // The change comes back in a pull: nothing new happens.
        let echo = tablet.confirmed_record(FAMILY).unwrap().clone();
        let change = Change {
            id: id(1),
            device: device(1),
            user: "op".into(),
            stamp: tablet.clock.last(),
            record: FAMILY,
            writes: vec![write("kk", 1), write("address", 1)],
        };
        tablet.apply_pulled(&[change], 9, 2_000);
        assert_eq!(tablet.confirmed_record(FAMILY), Some(&echo));
        assert_eq!(tablet.cursor(), 9);
        assert!(tablet.take_dirty().is_empty());
    }

    #[test]
    fn a_refused_edit_leaves_the_view_and_is_kept_with_its_reason() {
        let mut tablet = Replica::new(device(1));
        tablet.edit(id(1), FAMILY, vec![write("kk", 1)], "op", 1_000);
        tablet.acknowledge(&[(id(1), PushOutcome::Stored)]);
        tablet.edit(id(2), FAMILY, vec![write("kk", 2)], "op", 2_000);
        assert_eq!(value(&tablet, "kk"), Some(2));
        tablet.acknowledge(&[(id(2), PushOutcome::Refused("jendela tutup".into()))]);
        assert_eq!(value(&tablet, "kk"), Some(1));
        assert_eq!(tablet.refusals_of(FAMILY)[0].reason, "jendela tutup");
        assert_eq!(tablet.outbox().pending_len(), 0);
    }

    #[test]
    fn a_command_waits_in_the_outbox_but_never_joins_a_record() {
        let proposal = Uuid::from_u128(7);
        let mut tablet = Replica::new(device(1));
        tablet.edit(id(1), FAMILY, vec![write("kk", 1)], "op", 1_000);
        tablet.command(id(2), proposal, write("!proposal", 1), "op", 2_000);
        tablet.command(id(3), proposal, write("!proposal", 2), "op", 3_000);
        assert_eq!(tablet.outbox().pending_len(), 3, "sent like any change");
        assert_eq!(tablet.ids(), BTreeSet::from([FAMILY]), "not a record");
        assert!(tablet.view(proposal).is_none());
        assert_eq!(
            tablet.pending_commands().map(|c| c.id).collect::<Vec<_>>(),
            [id(2), id(3)]
        );
        tablet.acknowledge(&[
            (id(1), PushOutcome::Stored),
            (id(2), PushOutcome::Stored),
            (id(3), PushOutcome::Refused("sudah dibatalkan".into())),
        ]);
        assert_eq!(tablet.outbox().pending_len(), 0);
        assert!(
            tablet.confirmed_record(proposal).is_none(),
            "a stored command leaves no record"
        );
        assert_eq!(tablet.refusals_of(proposal)[0].reason, "sudah dibatalkan");
        assert_eq!(value(&tablet, "kk"), Some(1));
    }

    /// Two tablets edit the same family offline: one field each plus one field both. After both
    /// synced (push, then pull), they hold the same record, the later write of the shared field
    /// won, both are told, and the loser can restore its value.
    #[test]
    fn two_tablets_merge_field_by_field_and_both_see_the_conflict() {
        let server_log = |changes: &mut Vec<Change>, tablet: &mut Replica| {
            let batch = tablet.outbox().next_batch(100);
            let acks: Vec<_> = batch.iter().map(|c| (c.id, PushOutcome::Stored)).collect();
            changes.extend(batch);
            tablet.acknowledge(&acks);
            let cursor = changes.len() as u64;
            tablet.apply_pulled(changes, cursor, 10_000);
        };
        let mut log = Vec::new();
        let mut a = Replica::new(device(1));
        let mut b = Replica::new(device(2));
        let base = [write("kk", 0), write("address", 0), write("instrument", 0)];
        a.edit(id(1), FAMILY, base.to_vec(), "op.a", 100);
        server_log(&mut log, &mut a);
        server_log(&mut log, &mut b);
        assert_eq!(value(&b, "address"), Some(0));

        a.edit(
            id(2),
            FAMILY,
            vec![write("address", 1), write("kk", 1)],
            "op.a",
            1_000,
        );
        b.edit(
            id(3),
            FAMILY,
            vec![write("address", 2), write("instrument", 2)],
            "op.b",
            2_000,
        );
        server_log(&mut log, &mut a);
        server_log(&mut log, &mut b);
        server_log(&mut log, &mut a);
        assert_eq!(a.view(FAMILY), b.view(FAMILY));
        assert_eq!(value(&a, "kk"), Some(1));
        assert_eq!(value(&a, "instrument"), Some(2));
        assert_eq!(value(&a, "address"), Some(2), "b wrote later");
        for tablet in [&a, &b] {
            let open = tablet.open_conflicts(Some(FAMILY));
            assert_eq!(open.len(), 1);
            let notice = open[0].1;
            assert_eq!(notice.path, FieldPath::new("address"));
            assert_eq!(
                (notice.kept.user.as_str(), notice.kept.value[0]),
                ("op.b", 2)
            );
            assert_eq!(
                (notice.lost.user.as_str(), notice.lost.value[0]),
                ("op.a", 1)
            );
        }
        // A restores its address: a new change that wins everywhere.
        let index = a.open_conflicts(Some(FAMILY))[0].0;
        a.restore(index, id(4), "op.a", 3_000).unwrap();
        assert!(a.open_conflicts(None).is_empty());
        server_log(&mut log, &mut a);
        server_log(&mut log, &mut b);
        assert_eq!(value(&b, "address"), Some(1));
        assert_eq!(a.view(FAMILY), b.view(FAMILY));
    }

    /// B corrects a field after pulling A's value: no one is told of a conflict.
    #[test]
    fn a_correction_made_after_a_pull_is_no_conflict() {
        let mut log: Vec<Change> = Vec::new();
        let mut a = Replica::new(device(1));
        let mut b = Replica::new(device(2));
        a.edit(id(1), FAMILY, vec![write("address", 1)], "op.a", 100);
        log.extend(a.outbox().next_batch(10));
        a.acknowledge(&[(id(1), PushOutcome::Stored)]);
        b.apply_pulled(&log, 1, 200);
        b.edit(id(2), FAMILY, vec![write("address", 2)], "op.b", 300);
        log.extend(b.outbox().next_batch(10));
        b.acknowledge(&[(id(2), PushOutcome::Stored)]);
        a.apply_pulled(&log, 2, 400);
        assert_eq!(value(&a, "address"), Some(2));
        assert!(a.open_conflicts(None).is_empty());
        assert!(b.open_conflicts(None).is_empty());
    }

    #[test]
    fn stored_and_restored_parts_make_the_same_replica() {
        let mut tablet = Replica::new(device(1));
        tablet.edit(id(1), FAMILY, vec![write("kk", 1)], "op", 1_000);
        tablet.acknowledge(&[(id(1), PushOutcome::Stored)]);
        tablet.edit(id(2), FAMILY, vec![write("kk", 2)], "op", 2_000);
        let records: Vec<(Uuid, Record)> = tablet
            .ids()
            .into_iter()
            .filter_map(|i| tablet.confirmed_record(i).map(|r| (i, r.clone())))
            .collect();
        let again = Replica::from_parts(tablet.meta(), records);
        assert_eq!(again.view(FAMILY), tablet.view(FAMILY));
        assert_eq!(again.meta(), tablet.meta());
    }

    #[test]
    fn importing_an_exported_outbox_adds_each_change_once() {
        let mut field = Replica::new(device(1));
        field.edit(id(1), FAMILY, vec![write("kk", 7)], "op", 1_000);
        let exported = field.outbox().next_batch(usize::MAX);
        let mut office = Replica::new(device(2));
        assert_eq!(office.import(exported.clone()), 1);
        assert_eq!(office.import(exported), 0);
        assert_eq!(value(&office, "kk"), Some(7));
        assert_eq!(office.outbox().pending_len(), 1);
    }
}
