//! House labelling on the wire: the `!label` sync command a desa operator's tablet queues (the
//! change's record is the family's id, so a later label of the same house replaces the earlier
//! one) and the scope's labellings as the server holds them ([`LabelList`], GET
//! [`crate::routes::LABELS`]), which every tablet of the desa keeps to show on the family.

use serde::{Deserialize, Serialize};
use tepat_domain::cases::Labelling;
use tepat_sync::{Change, FieldPath, FieldWrite};

/// The path of a label command's one write.
pub const LABEL_COMMAND: &str = "!label";

/// What a tablet asks about a house's label. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum LabelCommand {
    /// The house of the change's record (a family id) was labelled on `on`; `photo` is the
    /// SHA-256 of the photo uploaded beside it.
    Record {
        /// The day the label went up.
        on: jiff::civil::Date,
        /// The photo of the labelled house.
        photo: [u8; 32],
    },
}

/// The write that carries a label command.
pub fn label_command(command: &LabelCommand) -> FieldWrite {
    FieldWrite {
        path: FieldPath::new(LABEL_COMMAND),
        value: postcard::to_stdvec(command).expect("postcard into a Vec cannot fail"),
        base: None,
    }
}

/// The label command a change carries, if it is one.
pub fn read_label_command(change: &Change) -> Option<LabelCommand> {
    match change.writes.as_slice() {
        [write] if write.path.0 == LABEL_COMMAND => postcard::from_bytes(&write.value).ok(),
        _ => None,
    }
}

/// The labellings of the scope, by desa then family.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LabelList {
    /// The labellings.
    pub labellings: Vec<Labelling>,
}
