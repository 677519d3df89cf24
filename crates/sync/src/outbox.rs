//! The tablet's outbox: changes not yet acknowledged by the server. A change leaves only when the
//! server acknowledged it (it is then durable there) or refused it (it is then shown to the user
//! with the server's reason, never retried blindly).

use crate::change::{Change, ChangeId};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// A change the server refused, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Refusal {
    /// The change.
    pub change: Change,
    /// Why, in Indonesian.
    pub reason: String,
}

/// Unsent and refused changes, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Outbox {
    pending: VecDeque<Change>,
    refused: Vec<Refusal>,
}

impl Outbox {
    /// An empty outbox.
    pub fn new() -> Outbox {
        Outbox::default()
    }

    /// Queues a change.
    pub fn push(&mut self, change: Change) {
        self.pending.push_back(change);
    }

    /// How many changes wait to be sent.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// The changes waiting for the server, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &Change> {
        self.pending.iter()
    }

    /// The next batch to send: the oldest `max` changes (they stay until acknowledged).
    pub fn next_batch(&self, max: usize) -> Vec<Change> {
        self.pending.iter().take(max).cloned().collect()
    }

    /// Removes the acknowledged changes. Unknown ids (an ack repeated) are ignored.
    pub fn acknowledge(&mut self, ids: &[ChangeId]) {
        self.pending.retain(|c| !ids.contains(&c.id));
    }

    /// Moves a refused change out of the queue, to be shown with its reason.
    pub fn refuse(&mut self, id: ChangeId, reason: String) {
        if let Some(at) = self.pending.iter().position(|c| c.id == id) {
            let change = self.pending.remove(at).expect("position is in range");
            self.refused.push(Refusal { change, reason });
        }
    }

    /// Changes the server refused.
    pub fn refused(&self) -> &[Refusal] {
        &self.refused
    }

    /// Forgets a refusal the user has read (the change stays in no queue: it is not resent).
    pub fn dismiss(&mut self, id: ChangeId) {
        self.refused.retain(|r| r.change.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::DeviceId;
    use crate::hlc::Hlc;
    use uuid::Uuid;

    fn change(n: u128) -> Change {
        let device = DeviceId(Uuid::from_u128(1));
        Change {
            id: ChangeId(Uuid::from_u128(n)),
            device,
            user: "op".into(),
            stamp: Hlc {
                wall_ms: n as u64,
                counter: 0,
                device,
            },
            record: Uuid::from_u128(7),
            writes: vec![],
        }
    }

    #[test]
    fn changes_leave_only_when_acknowledged_or_refused() {
        let mut outbox = Outbox::new();
        for n in 1..=5 {
            outbox.push(change(n));
        }
        let batch = outbox.next_batch(2);
        assert_eq!(batch, vec![change(1), change(2)]);
        // Sending does not remove; a lost answer means the same batch goes again.
        assert_eq!(outbox.next_batch(2), batch);
        outbox.acknowledge(&[change(1).id]);
        outbox.acknowledge(&[change(1).id]);
        outbox.refuse(change(2).id, "di luar wilayah".into());
        assert_eq!(outbox.pending_len(), 3);
        assert_eq!(outbox.next_batch(10)[0], change(3));
        assert_eq!(outbox.refused()[0].reason, "di luar wilayah");
        outbox.dismiss(change(2).id);
        assert!(outbox.refused().is_empty());
        assert_eq!(outbox.pending_len(), 3, "dismissing sends nothing again");
    }
}
