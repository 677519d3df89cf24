//! The audit trail on the wire: what an entry records ([`AuditAction`], also the stored form on
//! the server) and the pages of it the dinas reads per family or per user ([`AuditPage`]).

use serde::{Deserialize, Serialize};
use tepat_domain::{FamilyId, Role};

/// What an audit entry records. Variants only appended (stored and sent as postcard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// A leaders' table or family list downloaded (CSV, XLSX, GeoJSON): what and how many rows.
    SpreadExported,
    /// A resident checked a status on the public page (the NIK masked in the detail).
    PublicCheck,
    /// A resident filed an usul or a sanggah on the public page.
    CaseFiled,
    /// A case visited on the spot.
    CaseVisited,
    /// A case linked to a family of the register.
    CaseLinked,
    /// A case decided.
    CaseDecided,
    /// A recipient house recorded as labelled.
    HouseLabelled,
    /// A backup of the whole database and its files downloaded (`tepat backup`).
    BackupMade,
    /// The database restored from a backup (`tepat restore`).
    BackupRestored,
}

impl AuditAction {
    /// A sign-in, a failed one, or a sign-out: written even while a nearly full disk refuses
    /// data writes (the server's free-space margin), so the admin can still sign in.
    pub fn is_session(self) -> bool {
        matches!(
            self,
            AuditAction::Login | AuditAction::LoginFailed | AuditAction::Logout
        )
    }
}

/// One line of the audit trail as the dinas reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditLine {
    /// Its row number in the chain (1 is the first entry ever written).
    pub seq: u64,
    /// When.
    pub at: jiff::Timestamp,
    /// Who (username, or `sistem`/`cli`).
    pub actor: String,
    /// The actor's role then, when a user acted.
    pub role: Option<Role>,
    /// The device it came from, when known (a tablet's id, `server`).
    pub device: Option<String>,
    /// What.
    pub action: AuditAction,
    /// On what, in words (Indonesian).
    pub detail: String,
    /// The family concerned, when one is.
    pub family: Option<FamilyId>,
    /// The proposal concerned, when one is.
    pub proposal: Option<uuid::Uuid>,
    /// A short summary of the state before (e.g. a proposal's state, the changed fields' old values).
    pub before: Option<String>,
    /// The same after.
    pub after: Option<String>,
}

/// A page of the audit trail of one family or one user, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditPage {
    /// The lines.
    pub lines: Vec<AuditLine>,
    /// When older lines exist: pass as `?before=` for the next page.
    pub older: Option<u64>,
}
