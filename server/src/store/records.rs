//! What the server stores besides the domain's own types: accounts, sessions, the audit trail,
//! and the versioned encoding of every stored value (a schema byte, then postcard).

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use tepat_domain::workflow::{ProposalKind, ProposalState, StepRecord};
use tepat_domain::{FamilyId, Nik, RegionCode, Role};

/// Schema version of stored values; bumped with a migration when a stored type changes shape.
/// 2: a sync register remembers the change its editor replaced (`base`). 3: audit entries carry
/// role, device, subject and before/after, hash-chained. Versions 1 and 2 were never released,
/// so there is no migration from them: the store refuses such a file by name.
pub(crate) const SCHEMA_VERSION: u8 = 3;

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

/// What an audit entry records (the wire's enum, stored as it is). Variants only appended.
pub use tepat_protocol::AuditAction;

/// One line of the audit trail: who (and in which role, from which device) did what, when, to
/// which family or proposal, with what it was before and after. Stored hash-chained (see
/// `chain`); built with [`AuditEntry::new`] or [`AuditEntry::by`] and the setters below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: jiff::Timestamp,
    /// Who (username, or `sistem`/`cli`).
    pub actor: String,
    /// The actor's role then, when a user acted.
    pub role: Option<Role>,
    /// The device it came from, when known.
    pub device: Option<String>,
    /// What.
    pub action: AuditAction,
    /// On what, in words.
    pub detail: String,
    /// The family concerned, when one is (the trail is indexed by it).
    pub family: Option<FamilyId>,
    /// The proposal concerned, when one is.
    pub proposal: Option<uuid::Uuid>,
    /// A short summary of what it was before.
    pub before: Option<String>,
    /// A short summary of what it is after.
    pub after: Option<String>,
}

impl AuditEntry {
    /// An entry by `actor` (a system actor: `sistem`, `cli`, or a name without an account).
    pub fn new(
        at: jiff::Timestamp,
        actor: impl Into<String>,
        action: AuditAction,
        detail: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            at,
            actor: actor.into(),
            role: None,
            device: None,
            action,
            detail: detail.into(),
            family: None,
            proposal: None,
            before: None,
            after: None,
        }
    }

    /// An entry by a user, with their role.
    pub fn by(
        at: jiff::Timestamp,
        user: &UserRecord,
        action: AuditAction,
        detail: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            role: Some(user.role),
            ..AuditEntry::new(at, user.username.clone(), action, detail)
        }
    }

    /// From which device.
    pub fn device(mut self, device: Option<String>) -> AuditEntry {
        self.device = device;
        self
    }

    /// About which family.
    pub fn family(mut self, family: FamilyId) -> AuditEntry {
        self.family = Some(family);
        self
    }

    /// About which proposal.
    pub fn proposal(mut self, proposal: uuid::Uuid) -> AuditEntry {
        self.proposal = Some(proposal);
        self
    }

    /// What it was before and after (short summaries; empty means none).
    pub fn change(mut self, before: impl Into<String>, after: impl Into<String>) -> AuditEntry {
        let some = |s: String| (!s.is_empty()).then_some(s);
        self.before = some(before.into());
        self.after = some(after.into());
        self
    }
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
    /// A proposal for `family` was returned to the desa, with why and by whom.
    ProposalReturned {
        /// The family proposed.
        family: FamilyId,
        /// The proposal.
        proposal: uuid::Uuid,
        /// Who returned it (username).
        by: String,
        /// Why.
        reason: String,
    },
    /// A resident filed a case (usul or sanggah) for the desa on the public pages.
    CaseFiled {
        /// The case.
        case: uuid::Uuid,
        /// Its code.
        code: tepat_domain::cases::CaseCode,
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
