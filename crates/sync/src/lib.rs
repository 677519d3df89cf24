//! The sync engine both the tablet and the server run, pure so that `cargo test` proves it:
//! hybrid logical clocks ([`hlc`]), changes with identities ([`change`]), the deterministic
//! field-level merge that keeps what lost ([`record`]), the tablet's outbox ([`outbox`]) and its
//! replica of its scope ([`replica`]).
//! The invariants it serves are in `shared/design/sync.md`: a change applies at most once, the
//! greatest stamp wins everywhere whatever the arrival order, and the losing value is kept.

pub mod change;
pub mod hlc;
pub mod outbox;
pub mod record;
pub mod replica;

pub use change::{COMMAND_PREFIX, Change, ChangeId, DeviceId, FieldPath, FieldWrite};
pub use hlc::{Hlc, HlcClock};
pub use outbox::Outbox;
pub use record::{Applied, Overwritten, Record, Register};
pub use replica::{ConflictNotice, ConflictSide, PushOutcome, Replica, ReplicaMeta};
