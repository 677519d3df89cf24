//! Persistence behind one trait, [`Store`], with the redb implementation used in production and
//! an in-memory one for fast tests; `conformance` holds the suite both must pass. The trait is
//! synchronous (redb is): async handlers call it through `spawn_blocking`.

pub mod chain;
mod conformance;
mod memory;
mod records;
mod redb_store;
pub mod touched;

pub use memory::MemoryStore;
pub use records::{
    AuditAction, AuditEntry, Notification, NotificationKind, ProposalRecord, SessionRecord,
    TokenHash, UserRecord,
};
pub(crate) use records::{decode as decode_value, encode as encode_value};
pub use redb_store::RedbStore;

#[cfg(test)]
pub(crate) use conformance::run_conformance;

use tepat_domain::{Family, FamilyId, Nik, RegionCode};
use tepat_protocol::RegionRef;

/// A change the server accepted, with what it leads to.
#[derive(Debug, Clone)]
pub struct AcceptedChange {
    /// The change.
    pub change: tepat_sync::Change,
    /// The family after it.
    pub family: Family,
    /// The family's merge state after it.
    pub record: tepat_sync::Record,
    /// The desa whose tablets must pull it (the family's desa, and the one it left, if it moved).
    pub desa: Vec<RegionCode>,
}

/// A failure of the storage layer. The cause is for the log, never for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database engine failed.
    #[error("database: {0}")]
    Backend(String),
    /// A stored value could not be decoded.
    #[error("corrupt or unknown record in table {table}")]
    Corrupt {
        /// The table holding the bad value.
        table: &'static str,
    },
    /// The disk holding the data folder is full (ENOSPC): the write did not happen.
    #[error("disk full: {0}")]
    Full(String),
    /// The data folder is on a read-only file system (EROFS): the write did not happen.
    #[error("read-only file system: {0}")]
    ReadOnly(String),
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                StoreError::Full(e.to_string())
            }
            std::io::ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnly(e.to_string()),
            _ => StoreError::Backend(e.to_string()),
        }
    }
}

/// Result of a storage call.
pub type StoreResult<T> = Result<T, StoreError>;

/// What a consistent copy of the database holds (see `RedbStore::snapshot_to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Rows per table, by table name.
    pub tables: Vec<(String, u64)>,
    /// The audit chain's head as of the copy.
    pub audit_head: Option<chain::AuditHead>,
}

/// Everything the server keeps. Each method is one transaction.
pub trait Store: Send + Sync + 'static {
    /// Reads an instance setting.
    fn meta(&self, key: &str) -> StoreResult<Option<String>>;
    /// Writes an instance setting.
    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;

    /// Adds or replaces regions, all in one transaction.
    fn put_regions(&self, regions: &[RegionRef]) -> StoreResult<()>;
    /// One region.
    fn region(&self, code: &RegionCode) -> StoreResult<Option<RegionRef>>;
    /// One region, or a reference naming it by its code when the list lacks it (shown, never
    /// refused).
    fn region_or_code(&self, code: &RegionCode) -> StoreResult<RegionRef> {
        Ok(self.region(code)?.unwrap_or_else(|| RegionRef {
            code: code.clone(),
            name: code.to_string(),
            level: code.level(),
        }))
    }
    /// The direct children of a region, ordered by code.
    fn region_children(&self, parent: &RegionCode) -> StoreResult<Vec<RegionRef>>;

    /// Adds or replaces a user account.
    fn put_user(&self, user: &UserRecord) -> StoreResult<()>;
    /// One account by username (exact, lower-case).
    fn user(&self, username: &str) -> StoreResult<Option<UserRecord>>;
    /// All accounts, ordered by username.
    fn users(&self) -> StoreResult<Vec<UserRecord>>;

    /// Records a session under the hash of its token.
    fn put_session(&self, token: &TokenHash, session: &SessionRecord) -> StoreResult<()>;
    /// A session by token hash.
    fn session(&self, token: &TokenHash) -> StoreResult<Option<SessionRecord>>;
    /// Ends a session.
    fn delete_session(&self, token: &TokenHash) -> StoreResult<()>;
    /// Ends every session of `username` (a lost tablet, a disabled account); how many.
    fn delete_sessions_of(&self, username: &str) -> StoreResult<usize>;
    /// Removes every session that expired before `now`; how many.
    fn purge_expired_sessions(&self, now: jiff::Timestamp) -> StoreResult<usize>;

    /// The families whose record, proposals, visits or score a committed write changed, for
    /// the spread index; every write method below notes them after its commit.
    fn touched(&self) -> &touched::Touched;

    /// Adds or replaces families, all in one transaction.
    fn put_families(&self, families: &[Family]) -> StoreResult<()>;
    /// One family.
    fn family(&self, id: FamilyId) -> StoreResult<Option<Family>>;
    /// Every family, in storage order, one at a time (the spread index's build reads the whole
    /// kabupaten without holding it).
    fn scan_families(&self, visit: &mut dyn FnMut(Family)) -> StoreResult<()>;
    /// The families living in `region` (a desa, or everything below a kecamatan or kabupaten).
    fn families_in(&self, region: &RegionCode) -> StoreResult<Vec<Family>>;
    /// How many families are stored.
    fn family_count(&self) -> StoreResult<u64>;
    /// The families with a member (of any status) holding `nik`.
    fn families_with_nik(&self, nik: &Nik) -> StoreResult<Vec<FamilyId>>;
    /// The families whose house photos include the blob with this SHA-256.
    fn families_with_photo(&self, hash: &[u8; 32]) -> StoreResult<Vec<FamilyId>>;
    /// Records a photo's perceptual difference hash (see `photo_likeness`), once it is whole.
    fn put_photo_hash(&self, photo: &[u8; 32], difference_hash: u64) -> StoreResult<()>;
    /// Every photo's difference hash.
    fn photo_hashes(&self) -> StoreResult<Vec<([u8; 32], u64)>>;
    /// The families with a member (of any status) whose `checks::person_key` is `key`.
    fn families_with_person(&self, key: &str) -> StoreResult<Vec<FamilyId>>;
    /// Writes proposals (a step and the promotion it causes) with their audit entries, in one
    /// transaction; `command`, when the request came through sync, is recorded as accepted in
    /// the same transaction (with sequence number 0: commands are not in the change log), so a
    /// retried push never takes the step twice.
    /// The notifications the step causes (a return to the desa) are stored with them.
    fn save_proposals(
        &self,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
        notifications: &[Notification],
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()>;
    /// One proposal.
    fn proposal(&self, id: uuid::Uuid) -> StoreResult<Option<ProposalRecord>>;
    /// The proposals of desa inside `region`.
    fn proposals_in(&self, region: &RegionCode) -> StoreResult<Vec<ProposalRecord>>;
    /// Saves a verifier's visit (new or answered) with its audit entry, and the sync command
    /// that carried it as accepted, in one transaction.
    fn save_visit(
        &self,
        visit: &tepat_domain::visit::Visit,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()>;
    /// Saves a village meeting with the proposals its closing moved and the audit entries, in
    /// one transaction.
    fn save_musdes(
        &self,
        musdes: &tepat_domain::meeting::Musdes,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
    ) -> StoreResult<()>;
    /// One village meeting.
    fn musdes(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::meeting::Musdes>>;
    /// The village meetings of desa inside `region`.
    fn musdes_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::meeting::Musdes>>;
    /// Saves a citizens' case (new or changed) with its audit entries and the notifications it
    /// causes (a new case tells its desa), in one transaction; indexed by desa and by its code.
    fn save_case(
        &self,
        case: &tepat_domain::cases::Case,
        audit: &[AuditEntry],
        notifications: &[Notification],
    ) -> StoreResult<()>;
    /// One case.
    fn case(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::cases::Case>>;
    /// One case by the code its reporter holds.
    fn case_by_code(
        &self,
        code: &tepat_domain::cases::CaseCode,
    ) -> StoreResult<Option<tepat_domain::cases::Case>>;
    /// The cases of desa inside `region`, by desa then id (ids are UUIDv7: filing order).
    fn cases_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::cases::Case>>;
    /// Records (or replaces) the labelling of a recipient house with its audit entry, and the
    /// sync command that carried it as accepted, in one transaction.
    fn save_labelling(
        &self,
        labelling: &tepat_domain::cases::Labelling,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()>;
    /// A family's house labelling, if recorded.
    fn labelling(&self, family: FamilyId) -> StoreResult<Option<tepat_domain::cases::Labelling>>;
    /// The labellings of desa inside `region`, by desa then family.
    fn labellings_in(
        &self,
        region: &RegionCode,
    ) -> StoreResult<Vec<tepat_domain::cases::Labelling>>;
    /// One visit.
    fn visit(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::visit::Visit>>;
    /// The visits of desa inside `region`.
    fn visits_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::visit::Visit>>;
    /// A policy setting, encoded (versioned postcard).
    fn setting(&self, key: &str) -> StoreResult<Option<Vec<u8>>>;
    /// Writes a policy setting with its audit entry, in one transaction.
    fn put_setting(&self, key: &str, value: &[u8], audit: &AuditEntry) -> StoreResult<()>;
    /// Writes several settings with their audit entries, all in one transaction (an import
    /// setting the poor population of both programmes, and its record).
    fn put_settings(&self, settings: &[(String, Vec<u8>)], audit: &[AuditEntry])
    -> StoreResult<()>;

    /// Stores the scores of one scheme version (replacing that version's earlier ones for the
    /// same families), optionally with a setting (the scheme itself) and an audit entry, in one
    /// transaction.
    fn put_scores(
        &self,
        version: u32,
        scores: &[(FamilyId, tepat_protocol::RankedScore)],
        setting: Option<(&str, &[u8])>,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<()>;
    /// A family's stored scores, one per scheme version, oldest version first.
    fn scores_of(&self, family: FamilyId) -> StoreResult<Vec<tepat_protocol::RankedScore>>;
    /// Every family's score under scheme `version`, one at a time.
    fn scan_scores(
        &self,
        version: u32,
        visit: &mut dyn FnMut(FamilyId, tepat_protocol::RankedScore),
    ) -> StoreResult<()>;

    /// The merge state (fields, history, applied change ids) of a family's record.
    fn sync_record(&self, family: FamilyId) -> StoreResult<Option<tepat_sync::Record>>;
    /// The sequence number a change got when it was accepted, if it was.
    fn accepted_seq(&self, change: tepat_sync::ChangeId) -> StoreResult<Option<u64>>;
    /// Records accepted changes in one transaction: each gets the next sequence number, is
    /// indexed under the desa it touches, marks its id as applied, and its family and merge
    /// record are written; with the notifications and audit entries they cause. Returns the
    /// sequence numbers, in order. Durable when this returns.
    fn commit_changes(
        &self,
        accepted: &[AcceptedChange],
        notifications: &[Notification],
        audit: &[AuditEntry],
    ) -> StoreResult<Vec<u64>>;
    /// Changes indexed under `desa` with a sequence number above `after`, oldest first.
    fn changes_after(
        &self,
        desa: &RegionCode,
        after: u64,
        limit: usize,
    ) -> StoreResult<Vec<(u64, tepat_sync::Change)>>;
    /// How many changes are indexed under `desa` above `after` (for a pull's progress).
    fn count_changes_after(&self, desa: &RegionCode, after: u64) -> StoreResult<u64>;

    /// The newest `limit` notifications for desa inside `region`, newest first.
    fn notifications_in(&self, region: &RegionCode, limit: usize)
    -> StoreResult<Vec<Notification>>;

    /// Appends to the audit trail (every method taking audit entries appends them the same
    /// way, in its own transaction): the row is chained to the one before (see [`chain`]), the
    /// head moves on, and the row is indexed under its family and its actor.
    fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// Writes a consistent copy of the whole database (sessions apart) into a new file at `to`
    /// (see `RedbStore::snapshot_to`); a store without a file cannot.
    fn snapshot_to(&self, _to: &std::path::Path) -> StoreResult<Snapshot> {
        Err(StoreError::Backend(
            "this store keeps no file to back up".into(),
        ))
    }
    /// The newest `limit` audit entries, newest first.
    fn recent_audit(&self, limit: usize) -> StoreResult<Vec<AuditEntry>>;
    /// The stored audit rows numbered above `after`, at most `limit`, oldest first, as stored
    /// (for the verifier).
    fn audit_rows(&self, after: u64, limit: usize) -> StoreResult<Vec<(u64, Vec<u8>)>>;
    /// The head of the audit chain (`None` before the first row).
    fn audit_head(&self) -> StoreResult<Option<chain::AuditHead>>;
    /// The newest `limit` audit entries about `subject` numbered below `before` (all when
    /// `None`), newest first, with their row numbers. Read through an index, not a scan.
    fn audit_of(
        &self,
        subject: &AuditSubject,
        before: Option<u64>,
        limit: usize,
    ) -> StoreResult<Vec<(u64, AuditEntry)>>;
}

/// Whose audit trail to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditSubject {
    /// Everything about one family.
    Family(FamilyId),
    /// Everything one user did.
    User(String),
}

impl AuditSubject {
    /// The index key prefix of the subject's rows.
    pub(crate) fn prefix(&self) -> String {
        match self {
            AuditSubject::Family(id) => format!("f/{id}/"),
            AuditSubject::User(name) => format!("u/{name}/"),
        }
    }

    /// The index keys of one entry (row `seq`): its family's and its actor's.
    pub(crate) fn keys_of(entry: &AuditEntry, seq: u64) -> Vec<String> {
        let mut subjects = vec![AuditSubject::User(entry.actor.clone())];
        subjects.extend(entry.family.map(AuditSubject::Family));
        subjects
            .iter()
            .map(|s| format!("{}{seq:020}", s.prefix()))
            .collect()
    }
}

/// The key under which a family is indexed by region: `35.26.15.2012/<id>`. A kecamatan's
/// families are then the keys starting `35.26.15.`, a desa's those starting `35.26.15.2012/`.
pub(crate) fn region_index_key(desa: &RegionCode, id: FamilyId) -> String {
    format!("{desa}/{id}")
}

/// The key under which a family is indexed by the NIK of one of its members.
pub(crate) fn nik_index_key(nik: &Nik, id: FamilyId) -> String {
    format!("{nik}/{id}")
}

/// The key of a family's score under one scheme version: `<family>/<version>`, so one prefix
/// scan gives all versions in order.
pub(crate) fn score_key(family: FamilyId, version: u32) -> String {
    format!("{family}/{version:010}")
}

/// The key under which a notification for `desa` is kept, in arrival order.
pub(crate) fn notification_key(desa: &RegionCode, seq: u64) -> String {
    format!("{desa}/{seq:020}")
}

/// The key prefix selecting every family inside `region`.
pub(crate) fn region_index_prefix(region: &RegionCode) -> String {
    match region.level() {
        tepat_domain::RegionLevel::Desa => format!("{region}/"),
        _ => format!("{region}."),
    }
}
