//! What the server stores besides the domain's own types: accounts, sessions, the audit trail,
//! and the versioned encoding of every stored value (a schema byte, then postcard).

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use tepat_domain::workflow::{ProposalKind, ProposalState, StepRecord};
use tepat_domain::{FamilyId, Nik, RegionCode, Role};

/// Schema version of stored values; bumped with a migration when a stored type changes shape.
/// 2: a sync register remembers the change its editor replaced (`base`). Version 1 was never
/// released, so there is no migration from it: the store refuses such a file by name.
pub(crate) const SCHEMA_VERSION: u8 = 2;

/// Encodes a value for storage.
pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = vec![SCHEMA_VERSION];
    bytes.extend(postcard::to_stdvec(value).expect("postcard into a Vec cannot fail"));
    bytes
}

/// Decodes a stored value, or `None` when it is of an unknown schema or corrupt.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match bytes.split_first() {
        Some((&SCHEMA_VERSION, rest)) => postcard::from_bytes(rest).ok(),
        _ => None,
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    /// Login name, lower-case.
    pub username: String,
    /// Name shown in the app.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The region the account is bound to.
    pub region: RegionCode,
    /// argon2id PHC string.
    pub password_hash: String,
    /// A disabled account cannot log in.
    pub disabled: bool,
}

/// SHA-256 of a session token: the token itself is never stored.
pub type TokenHash = [u8; 32];

/// A logged-in session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Whose session.
    pub username: String,
    /// When it started.
    pub created_at: jiff::Timestamp,
    /// When it stops being valid.
    pub expires_at: jiff::Timestamp,
}

/// What an audit entry records. Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    /// Successful login.
    Login,
    /// Failed login (wrong password, unknown or disabled user).
    LoginFailed,
    /// Logout.
    Logout,
    /// Account created.
    UserAdded,
    /// Password changed.
    PasswordChanged,
    /// Demo data loaded.
    DemoLoaded,
    /// Regions of the kabupaten loaded.
    RegionsLoaded,
    /// A family record created or changed.
    FamilySaved,
    /// A proposal created.
    ProposalCreated,
    /// A workflow step taken on a proposal.
    ProposalStep,
    /// A policy setting (quota, windows, scoring) changed.
    SettingChanged,
    /// An account disabled; its sessions ended.
    UserDisabled,
    /// An account enabled again.
    UserEnabled,
    /// A verifier's visit recorded.
    VisitRecorded,
    /// The desa answered a visit's disputes.
    VisitAnswered,
    /// A village meeting scheduled.
    MusdesScheduled,
    /// A village meeting's agenda, decisions or evidence changed.
    MusdesChanged,
    /// A village meeting closed; its decisions applied.
    MusdesClosed,
    /// The ratified batch downloaded for the national system (full NIK: always recorded).
    NationalExported,
    /// A national result file applied (or refused as a whole).
    NationalResultImported,
}

/// One line of the audit trail: who did what, when, to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: jiff::Timestamp,
    /// Who (username, or `system`/`cli`).
    pub actor: String,
    /// What.
    pub action: AuditAction,
    /// On what, in words.
    pub detail: String,
}

/// What a notification is about. Variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    /// The same NIK is held by a member of `family` (in the notified desa) and of `other`.
    NikGanda {
        /// The NIK.
        nik: Nik,
        /// The family in the notified desa.
        family: FamilyId,
        /// The family elsewhere holding the same NIK.
        other: FamilyId,
    },
    /// A member of `family` (in the notified desa) is likely the same person as one in `other`.
    LikelyDuplicate {
        /// The family in the notified desa.
        family: FamilyId,
        /// The other family.
        other: FamilyId,
    },
    /// A house photo of `family` (in the notified desa) is, or looks like, one of `other`.
    SharedHousePhoto {
        /// The family in the notified desa.
        family: FamilyId,
        /// The other family.
        other: FamilyId,
    },
}

/// A message for the operators of one desa (and the levels above it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// When.
    pub at: jiff::Timestamp,
    /// The desa whose operators are told.
    pub desa: RegionCode,
    /// What about.
    pub kind: NotificationKind,
    /// The message, in Indonesian.
    pub message: String,
}

/// A proposal and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRecord {
    /// Identity.
    pub id: uuid::Uuid,
    /// The family proposed.
    pub family: FamilyId,
    /// The family's desa when proposed.
    pub desa: RegionCode,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where it stands.
    pub state: ProposalState,
    /// The family's score when last computed (orders the waiting list).
    pub score: i64,
    /// When created.
    pub created_at: jiff::Timestamp,
    /// Who created it.
    pub created_by: String,
    /// Every step, oldest first.
    pub steps: Vec<StepRecord>,
}
