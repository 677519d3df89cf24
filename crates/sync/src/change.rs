//! A change: one edit made on one device, with an identity that makes it safe to send any number
//! of times. Values travel as opaque bytes (postcard of the field's type): the merge needs only
//! the stamps, so the engine never has to know the domain's types.

use crate::hlc::Hlc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The identity of a change, generated on the device (UUIDv7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ChangeId(pub Uuid);

/// The identity of a device (a browser profile on a tablet), generated once on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DeviceId(pub Uuid);

/// The path of a field inside a record, e.g. `address.street` or `members/<id>/name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldPath(pub String);

impl FieldPath {
    /// A path from text.
    pub fn new(path: impl Into<String>) -> FieldPath {
        FieldPath(path.into())
    }
}

/// One field set to one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldWrite {
    /// Which field.
    pub path: FieldPath,
    /// The new value, encoded.
    pub value: Vec<u8>,
    /// The change that set the value the editor saw (`None` when the field was empty): a write
    /// that replaces a value its editor never saw is a conflict the users are told about.
    pub base: Option<ChangeId>,
}

/// Fields whose path starts with this are commands, not data: a request the server decides
/// (a workflow step), never merged into a record. See [`Change::is_command`].
pub const COMMAND_PREFIX: &str = "!";

impl FieldPath {
    /// Whether this path names a command rather than a field.
    pub fn is_command(&self) -> bool {
        self.0.starts_with(COMMAND_PREFIX)
    }
}

/// An edit of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Change {
    /// Identity: the same id is applied at most once.
    pub id: ChangeId,
    /// Where it was made.
    pub device: DeviceId,
    /// Who made it.
    pub user: String,
    /// When, by the device's hybrid logical clock.
    pub stamp: Hlc,
    /// The record it edits.
    pub record: Uuid,
    /// The fields it sets.
    pub writes: Vec<FieldWrite>,
}

impl Change {
    /// Whether this change is a command (its writes are commands): the server decides it and
    /// answers stored or refused; it never joins a record on the tablet or in the change log.
    pub fn is_command(&self) -> bool {
        !self.writes.is_empty() && self.writes.iter().all(|w| w.path.is_command())
    }
}
