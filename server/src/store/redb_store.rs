//! The production store: one redb file. Values are versioned postcard (see `records`); families
//! have a second table indexing them by `desa/id`, so listing a region is one range scan.

use super::AcceptedChange;
use super::chain::{self, AuditHead};
use super::records::{self, AuditEntry, SessionRecord, TokenHash, UserRecord};
use super::records::{Notification, ProposalRecord};
use super::{
    AuditSubject, Store, StoreError, StoreResult, nik_index_key, notification_key,
    region_index_key, region_index_prefix, score_key,
};
use redb::{
    Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition, TableHandle,
};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use tepat_domain::{Family, FamilyId, Nik, RegionCode};
use tepat_protocol::RegionRef;

const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// The meta key holding the schema version of the file's values.
const SCHEMA_KEY: &str = "schema_version";
const REGIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("regions");
const USERS: TableDefinition<&str, &[u8]> = TableDefinition::new("users");
const SESSIONS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("sessions");
const FAMILIES: TableDefinition<u128, &[u8]> = TableDefinition::new("families");
const FAMILIES_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("families_by_region");
const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
const FAMILIES_BY_NIK: TableDefinition<&str, ()> = TableDefinition::new("families_by_nik");
const NOTIFICATIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("notifications");
const NOTIFICATION_SEQ: &str = "notification_seq";
const PROPOSALS: TableDefinition<u128, &[u8]> = TableDefinition::new("proposals");
const PROPOSALS_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("proposals_by_region");
const VISITS: TableDefinition<u128, &[u8]> = TableDefinition::new("visits");
const VISITS_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("visits_by_region");
const MUSDES: TableDefinition<u128, &[u8]> = TableDefinition::new("musdes");
const MUSDES_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("musdes_by_region");
const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");
const SCORES: TableDefinition<&str, &[u8]> = TableDefinition::new("scores");
const FAMILIES_BY_PERSON: TableDefinition<&str, ()> = TableDefinition::new("families_by_person");
const FAMILIES_BY_PHOTO: TableDefinition<&str, ()> = TableDefinition::new("families_by_photo");
const CHANGES: TableDefinition<u64, &[u8]> = TableDefinition::new("changes");
const CHANGES_BY_DESA: TableDefinition<&str, u64> = TableDefinition::new("changes_by_desa");
const ACCEPTED_CHANGES: TableDefinition<u128, u64> = TableDefinition::new("accepted_changes");
const SYNC_RECORDS: TableDefinition<u128, &[u8]> = TableDefinition::new("sync_records");
const PHOTO_HASHES: TableDefinition<&[u8; 32], u64> = TableDefinition::new("photo_hashes");
const CASES: TableDefinition<u128, &[u8]> = TableDefinition::new("cases");
const CASES_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("cases_by_region");
/// Cases by the code their reporter holds.
const CASES_BY_CODE: TableDefinition<&str, u128> = TableDefinition::new("cases_by_code");
/// House labellings by family.
const LABELLINGS: TableDefinition<u128, &[u8]> = TableDefinition::new("labellings");
const LABELLINGS_BY_REGION: TableDefinition<&str, ()> =
    TableDefinition::new("labellings_by_region");
/// Audit rows by subject: `f/<family>/<row>` and `u/<username>/<row>` (see `AuditSubject`).
const AUDIT_BY_SUBJECT: TableDefinition<&str, u64> = TableDefinition::new("audit_by_subject");
/// The meta key holding the audit chain's head (`chain::AuditHead::to_meta`).
const AUDIT_HEAD: &str = "audit_head";

/// A redb failure as a store error; a full disk and a read-only file system are told apart (the
/// user gets "storage full" instead of a generic failure).
fn backend(e: impl Into<redb::Error>) -> StoreError {
    match e.into() {
        redb::Error::Io(io) => StoreError::from(io),
        other => StoreError::Backend(other.to_string()),
    }
}

/// The page cache redb keeps in memory.
const CACHE_BYTES: usize = 256 * 1024 * 1024;

/// The redb-backed store.
pub struct RedbStore {
    /// The open database; `None` between closing a handle a failed write poisoned and opening
    /// the file again (see [`RedbStore::reopen`]).
    db: std::sync::RwLock<Option<Arc<Database>>>,
    /// A write failed on I/O (a full disk): redb then refuses every later write on this handle,
    /// so the next write opens the file again first. Reads go on meanwhile.
    failed: std::sync::atomic::AtomicBool,
    touched: super::touched::Touched,
    /// The database file.
    path: std::path::PathBuf,
    /// Refuses write transactions when the disk is nearly full (see `crate::space`).
    space: crate::space::SpaceGuard,
}

impl RedbStore {
    /// Opens (or creates) the database file and makes sure every table exists.
    pub fn open(path: &Path) -> StoreResult<RedbStore> {
        Ok(RedbStore {
            db: std::sync::RwLock::new(Some(Arc::new(Self::open_database(path)?))),
            failed: Default::default(),
            touched: Default::default(),
            path: path.to_owned(),
            space: Default::default(),
        })
    }

    fn open_database(path: &Path) -> StoreResult<Database> {
        // redb's page cache (1 GiB by default) is the server's largest use of memory; the
        // families the leaders' views need live in the spread index instead.
        let db = redb::Builder::new()
            .set_cache_size(CACHE_BYTES)
            .create(path)
            .map_err(backend)?;
        let txn = db.begin_write().map_err(backend)?;
        txn.open_table(META).map_err(backend)?;
        txn.open_table(REGIONS).map_err(backend)?;
        txn.open_table(USERS).map_err(backend)?;
        txn.open_table(SESSIONS).map_err(backend)?;
        txn.open_table(FAMILIES).map_err(backend)?;
        txn.open_table(FAMILIES_BY_REGION).map_err(backend)?;
        txn.open_table(AUDIT).map_err(backend)?;
        txn.open_table(FAMILIES_BY_NIK).map_err(backend)?;
        txn.open_table(NOTIFICATIONS).map_err(backend)?;
        txn.open_table(PROPOSALS).map_err(backend)?;
        txn.open_table(PROPOSALS_BY_REGION).map_err(backend)?;
        txn.open_table(SETTINGS).map_err(backend)?;
        txn.open_table(VISITS).map_err(backend)?;
        txn.open_table(VISITS_BY_REGION).map_err(backend)?;
        txn.open_table(MUSDES).map_err(backend)?;
        txn.open_table(MUSDES_BY_REGION).map_err(backend)?;
        txn.open_table(SCORES).map_err(backend)?;
        txn.open_table(FAMILIES_BY_PERSON).map_err(backend)?;
        txn.open_table(FAMILIES_BY_PHOTO).map_err(backend)?;
        txn.open_table(CHANGES).map_err(backend)?;
        txn.open_table(CHANGES_BY_DESA).map_err(backend)?;
        txn.open_table(ACCEPTED_CHANGES).map_err(backend)?;
        txn.open_table(SYNC_RECORDS).map_err(backend)?;
        txn.open_table(PHOTO_HASHES).map_err(backend)?;
        txn.open_table(AUDIT_BY_SUBJECT).map_err(backend)?;
        txn.open_table(CASES).map_err(backend)?;
        txn.open_table(CASES_BY_REGION).map_err(backend)?;
        txn.open_table(CASES_BY_CODE).map_err(backend)?;
        txn.open_table(LABELLINGS).map_err(backend)?;
        txn.open_table(LABELLINGS_BY_REGION).map_err(backend)?;
        {
            // A file written by another schema is refused by name rather than read as corrupt
            // values one by one.
            let mut meta = txn.open_table(META).map_err(backend)?;
            let current = records::SCHEMA_VERSION.to_string();
            let found = match meta.get(SCHEMA_KEY).map_err(backend)? {
                Some(v) => Some(v.value().to_owned()),
                // Files of schema 1 did not record it; they always hold accounts.
                None if !txn
                    .open_table(USERS)
                    .map_err(backend)?
                    .is_empty()
                    .map_err(backend)? =>
                {
                    Some("1".to_owned())
                }
                None => None,
            };
            match found {
                Some(found) if found != current => {
                    return Err(StoreError::Backend(format!(
                        "berkas basis data ini memakai skema {found}, versi ini membaca skema \
                         {current}; buat basis data baru (belum ada migrasi dari skema {found})"
                    )));
                }
                Some(_) => {}
                None => {
                    meta.insert(SCHEMA_KEY, current.as_str()).map_err(backend)?;
                }
            }
        }
        txn.commit().map_err(backend)?;
        Ok(db)
    }

    /// The open database (opening the file again if a failed write closed it).
    fn db(&self) -> StoreResult<Arc<Database>> {
        if let Some(db) = self
            .db
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            return Ok(db.clone());
        }
        self.reopen()?;
        self.db()
    }

    /// After a write failed on I/O: once the disk has room again, waits for the requests still
    /// using the poisoned handle, closes it and opens the file again (redb repairs it from its
    /// last commit, which the failure never touched). While the disk is still full (or the
    /// folder read-only) the old handle stays, so reads go on, and the write is refused
    /// as [`StoreError::Full`] (or [`StoreError::ReadOnly`]).
    fn reopen(&self) -> StoreResult<()> {
        let mut slot = self.db.write().unwrap_or_else(PoisonError::into_inner);
        if slot.is_some() && !self.failed.load(Ordering::SeqCst) {
            return Ok(());
        }
        let dir = self.path.parent().map(Path::to_owned).unwrap_or_default();
        crate::space::SpaceGuard::new(dir.clone(), 4 * 1024 * 1024).check(0)?;
        // A folder turned read-only keeps the old handle too (and with it the reads).
        let probe = dir.join(".uji-tulis");
        std::fs::write(&probe, b"ok").and_then(|_| std::fs::remove_file(&probe))?;
        if let Some(db) = slot.as_ref() {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while Arc::strong_count(db) > 1 {
                if std::time::Instant::now() > deadline {
                    return Err(StoreError::Backend(
                        "database busy: cannot reopen after a failed write".into(),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
        drop(slot.take());
        let db = Self::open_database(&self.path)?;
        tracing::warn!(path = %self.path.display(), "database reopened after a failed write");
        *slot = Some(Arc::new(db));
        self.failed.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// Refuses every write transaction with [`StoreError::Full`] before it starts while fewer
    /// than `min_free` bytes are free on the database's disk, so a full disk never interrupts a
    /// commit (0: no check).
    pub fn keep_free(mut self, min_free: u64) -> RedbStore {
        let dir = self.path.parent().map(Path::to_owned).unwrap_or_default();
        self.space = crate::space::SpaceGuard::new(dir, min_free);
        self
    }

    /// Copies every table except the sessions into a new redb file at `to`, all read in ONE
    /// read transaction: a consistent snapshot while writers go on. Returns the rows per table
    /// and the audit chain's head as of the snapshot. Sessions are left out: a restored server
    /// starts with everyone logged out.
    pub fn snapshot_to(&self, to: &Path) -> StoreResult<super::Snapshot> {
        // The copy is at most as large as the file: refused up front when it would fill the disk.
        let size = std::fs::metadata(&self.path)?.len();
        crate::space::SpaceGuard::new(to.parent().map(Path::to_owned).unwrap_or_default(), 1)
            .check(size)?;
        self.space.check(size)?;
        let db = self.db()?;
        let source = db.begin_read().map_err(backend)?;
        let target = redb::Builder::new().create(to).map_err(backend)?;
        let txn = target.begin_write().map_err(backend)?;
        let mut tables = Vec::new();
        macro_rules! copy {
            ($($table:ident),* $(,)?) => {
                $(tables.push((
                    $table.name().to_owned(),
                    copy_table(&source, &txn, $table).map_err(backend)?,
                ));)*
            };
        }
        copy!(
            META,
            REGIONS,
            USERS,
            FAMILIES,
            FAMILIES_BY_REGION,
            AUDIT,
            FAMILIES_BY_NIK,
            NOTIFICATIONS,
            PROPOSALS,
            PROPOSALS_BY_REGION,
            SETTINGS,
            VISITS,
            VISITS_BY_REGION,
            MUSDES,
            MUSDES_BY_REGION,
            SCORES,
            FAMILIES_BY_PERSON,
            FAMILIES_BY_PHOTO,
            CHANGES,
            CHANGES_BY_DESA,
            ACCEPTED_CHANGES,
            SYNC_RECORDS,
            PHOTO_HASHES,
            AUDIT_BY_SUBJECT,
            CASES,
            CASES_BY_REGION,
            CASES_BY_CODE,
            LABELLINGS,
            LABELLINGS_BY_REGION,
        );
        txn.open_table(SESSIONS).map_err(backend)?;
        let head = source
            .open_table(META)
            .map_err(backend)?
            .get(AUDIT_HEAD)
            .map_err(backend)?
            .map(|v| v.value().to_owned());
        txn.commit().map_err(backend)?;
        drop(target);
        let audit_head = match head {
            None => None,
            Some(text) => {
                Some(AuditHead::from_meta(&text).ok_or(StoreError::Corrupt { table: "meta" })?)
            }
        };
        Ok(super::Snapshot { tables, audit_head })
    }

    fn write<R>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        self.space.check(0)?;
        self.write_unguarded(f)
    }

    /// A sign-in's or sign-out's write: allowed into most of the free-space margin (see
    /// `crate::space`), so the admin can sign in while data writes are refused.
    fn write_session<R>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        self.space.check_session()?;
        self.write_unguarded(f)
    }

    /// A write transaction, the free space already checked.
    fn write_unguarded<R>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        if self.failed.load(Ordering::SeqCst) {
            self.reopen()?;
        }
        let db = self.db()?;
        let written = (|| {
            let txn = db.begin_write()?;
            let out = f(&txn)?;
            txn.commit()?;
            Ok::<_, redb::Error>(out)
        })();
        written.map_err(|e| {
            if matches!(e, redb::Error::Io(_) | redb::Error::PreviousIo) {
                self.failed.store(true, Ordering::SeqCst);
            }
            backend(e)
        })
    }

    fn read<R>(
        &self,
        f: impl FnOnce(&redb::ReadTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        let db = self.db()?;
        let txn = db.begin_read().map_err(backend)?;
        f(&txn).map_err(backend)
    }

    /// One record of a table keyed by UUID (`name` says which, should it not decode).
    fn by_id<T: serde::de::DeserializeOwned>(
        &self,
        table: TableDefinition<u128, &[u8]>,
        name: &'static str,
        id: uuid::Uuid,
    ) -> StoreResult<Option<T>> {
        let bytes = self.read(|txn| {
            Ok(txn
                .open_table(table)?
                .get(id.as_u128())?
                .map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded(name, &b)).transpose()
    }
}

fn decoded<T: serde::de::DeserializeOwned>(table: &'static str, bytes: &[u8]) -> StoreResult<T> {
    records::decode(bytes).ok_or(StoreError::Corrupt { table })
}

impl Store for RedbStore {
    fn touched(&self) -> &super::touched::Touched {
        &self.touched
    }

    fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        self.read(|txn| {
            let table = txn.open_table(META)?;
            Ok(table.get(key)?.map(|v| v.value().to_owned()))
        })
    }

    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        self.write(|txn| {
            txn.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    fn put_regions(&self, regions: &[RegionRef]) -> StoreResult<()> {
        self.write(|txn| {
            let mut table = txn.open_table(REGIONS)?;
            for region in regions {
                table.insert(region.code.as_str(), records::encode(region).as_slice())?;
            }
            Ok(())
        })
    }

    fn region(&self, code: &RegionCode) -> StoreResult<Option<RegionRef>> {
        let bytes = self.read(|txn| {
            let table = txn.open_table(REGIONS)?;
            Ok(table.get(code.as_str())?.map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded("regions", &b)).transpose()
    }

    fn region_children(&self, parent: &RegionCode) -> StoreResult<Vec<RegionRef>> {
        let prefix = format!("{parent}.");
        let rows = self.read(|txn| {
            let table = txn.open_table(REGIONS)?;
            let mut rows = Vec::new();
            for entry in table.range(prefix.as_str()..)? {
                let (key, value) = entry?;
                if !key.value().starts_with(&prefix) {
                    break;
                }
                // Direct children only: no further dot after the prefix.
                if !key.value()[prefix.len()..].contains('.') {
                    rows.push(value.value().to_vec());
                }
            }
            Ok(rows)
        })?;
        rows.iter().map(|b| decoded("regions", b)).collect()
    }

    fn put_user(&self, user: &UserRecord) -> StoreResult<()> {
        self.write(|txn| {
            txn.open_table(USERS)?
                .insert(user.username.as_str(), records::encode(user).as_slice())?;
            Ok(())
        })
    }

    fn user(&self, username: &str) -> StoreResult<Option<UserRecord>> {
        let bytes = self.read(|txn| {
            Ok(txn
                .open_table(USERS)?
                .get(username)?
                .map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded("users", &b)).transpose()
    }

    fn users(&self) -> StoreResult<Vec<UserRecord>> {
        let rows = self.read(|txn| {
            let table = txn.open_table(USERS)?;
            table
                .iter()?
                .map(|e| Ok(e?.1.value().to_vec()))
                .collect::<Result<Vec<_>, redb::Error>>()
        })?;
        rows.iter().map(|b| decoded("users", b)).collect()
    }

    fn put_session(&self, token: &TokenHash, session: &SessionRecord) -> StoreResult<()> {
        self.write_session(|txn| {
            txn.open_table(SESSIONS)?
                .insert(token, records::encode(session).as_slice())?;
            Ok(())
        })
    }

    fn session(&self, token: &TokenHash) -> StoreResult<Option<SessionRecord>> {
        let bytes = self.read(|txn| {
            Ok(txn
                .open_table(SESSIONS)?
                .get(token)?
                .map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded("sessions", &b)).transpose()
    }

    fn delete_session(&self, token: &TokenHash) -> StoreResult<()> {
        self.write_session(|txn| {
            txn.open_table(SESSIONS)?.remove(token)?;
            Ok(())
        })
    }

    fn delete_sessions_of(&self, username: &str) -> StoreResult<usize> {
        self.write(|txn| {
            let mut table = txn.open_table(SESSIONS)?;
            let mut theirs = Vec::new();
            for entry in table.iter()? {
                let (token, value) = entry?;
                let session: Option<SessionRecord> = records::decode(value.value());
                if session.is_some_and(|s| s.username == username) {
                    theirs.push(*token.value());
                }
            }
            for token in &theirs {
                table.remove(token)?;
            }
            Ok(theirs.len())
        })
    }

    fn purge_expired_sessions(&self, now: jiff::Timestamp) -> StoreResult<usize> {
        self.write(|txn| {
            let mut table = txn.open_table(SESSIONS)?;
            let mut expired = Vec::new();
            for entry in table.iter()? {
                let (token, value) = entry?;
                let session: Option<SessionRecord> = records::decode(value.value());
                if session.is_none_or(|s| s.expires_at <= now) {
                    expired.push(*token.value());
                }
            }
            for token in &expired {
                table.remove(token)?;
            }
            Ok(expired.len())
        })
    }

    fn put_families(&self, families: &[Family]) -> StoreResult<()> {
        self.write(|txn| {
            let mut tables = FamilyTables::open(txn)?;
            for family in families {
                tables.write(family)?;
            }
            Ok(())
        })?;
        self.touched.note(families.iter().map(|f| f.id));
        Ok(())
    }

    fn family(&self, id: FamilyId) -> StoreResult<Option<Family>> {
        self.by_id(FAMILIES, "families", id.0)
    }

    fn scan_families(&self, visit: &mut dyn FnMut(Family)) -> StoreResult<()> {
        let db = self.db()?;
        let txn = db.begin_read().map_err(backend)?;
        let table = txn.open_table(FAMILIES).map_err(backend)?;
        for entry in table.iter().map_err(backend)? {
            let (_, value) = entry.map_err(backend)?;
            visit(decoded("families", value.value())?);
        }
        Ok(())
    }

    fn families_in(&self, region: &RegionCode) -> StoreResult<Vec<Family>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| rows_by_index(txn, FAMILIES_BY_REGION, FAMILIES, &prefix))?;
        rows.iter().map(|b| decoded("families", b)).collect()
    }

    fn family_count(&self) -> StoreResult<u64> {
        self.read(|txn| Ok(txn.open_table(FAMILIES)?.len()?))
    }

    fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        if entry.action.is_session() {
            self.write_session(|txn| write_audit(txn, entry))
        } else {
            self.write(|txn| write_audit(txn, entry))
        }
    }

    fn snapshot_to(&self, to: &Path) -> StoreResult<super::Snapshot> {
        RedbStore::snapshot_to(self, to)
    }

    fn families_with_nik(&self, nik: &Nik) -> StoreResult<Vec<FamilyId>> {
        let prefix = format!("{nik}/");
        let ids = self.read(|txn| ids_with_prefix(txn, FAMILIES_BY_NIK, &prefix))?;
        Ok(ids.into_iter().map(FamilyId).collect())
    }

    fn put_photo_hash(&self, photo: &[u8; 32], difference_hash: u64) -> StoreResult<()> {
        self.write(|txn| {
            txn.open_table(PHOTO_HASHES)?
                .insert(photo, difference_hash)?;
            Ok(())
        })
    }

    fn photo_hashes(&self) -> StoreResult<Vec<([u8; 32], u64)>> {
        self.read(|txn| {
            let table = txn.open_table(PHOTO_HASHES)?;
            let mut out = Vec::new();
            for entry in table.iter()? {
                let (photo, hash) = entry?;
                out.push((*photo.value(), hash.value()));
            }
            Ok(out)
        })
    }

    fn families_with_photo(&self, hash: &[u8; 32]) -> StoreResult<Vec<FamilyId>> {
        let prefix = format!(
            "{}/",
            hash.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let ids = self.read(|txn| ids_with_prefix(txn, FAMILIES_BY_PHOTO, &prefix))?;
        Ok(ids.into_iter().map(FamilyId).collect())
    }

    fn families_with_person(&self, key: &str) -> StoreResult<Vec<FamilyId>> {
        let prefix = format!("{key}/");
        let ids = self.read(|txn| ids_with_prefix(txn, FAMILIES_BY_PERSON, &prefix))?;
        Ok(ids.into_iter().map(FamilyId).collect())
    }

    fn save_proposals(
        &self,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
        notifications: &[Notification],
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        self.write(|txn| {
            write_notifications(txn, notifications)?;
            if let Some(command) = command {
                txn.open_table(ACCEPTED_CHANGES)?
                    .insert(command.0.as_u128(), 0)?;
            }
            {
                let mut table = txn.open_table(PROPOSALS)?;
                let mut index = txn.open_table(PROPOSALS_BY_REGION)?;
                for proposal in proposals {
                    table.insert(proposal.id.as_u128(), records::encode(proposal).as_slice())?;
                    index.insert(format!("{}/{}", proposal.desa, proposal.id).as_str(), ())?;
                }
            }
            write_audits(txn, audit)?;
            Ok(())
        })?;
        self.touched.note(proposals.iter().map(|p| p.family));
        Ok(())
    }

    fn proposal(&self, id: uuid::Uuid) -> StoreResult<Option<ProposalRecord>> {
        self.by_id(PROPOSALS, "proposals", id)
    }

    fn proposals_in(&self, region: &RegionCode) -> StoreResult<Vec<ProposalRecord>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| rows_by_index(txn, PROPOSALS_BY_REGION, PROPOSALS, &prefix))?;
        rows.iter().map(|b| decoded("proposals", b)).collect()
    }

    fn save_visit(
        &self,
        visit: &tepat_domain::visit::Visit,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        self.write(|txn| {
            if let Some(command) = command {
                txn.open_table(ACCEPTED_CHANGES)?
                    .insert(command.0.as_u128(), 0)?;
            }
            txn.open_table(VISITS)?
                .insert(visit.id.as_u128(), records::encode(visit).as_slice())?;
            txn.open_table(VISITS_BY_REGION)?
                .insert(format!("{}/{}", visit.desa, visit.id).as_str(), ())?;
            write_audit(txn, audit)
        })?;
        self.touched.note([visit.visit.family]);
        Ok(())
    }

    fn save_musdes(
        &self,
        musdes: &tepat_domain::meeting::Musdes,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
    ) -> StoreResult<()> {
        self.write(|txn| {
            txn.open_table(MUSDES)?
                .insert(musdes.id.as_u128(), records::encode(musdes).as_slice())?;
            txn.open_table(MUSDES_BY_REGION)?
                .insert(format!("{}/{}", musdes.desa, musdes.id).as_str(), ())?;
            {
                let mut table = txn.open_table(PROPOSALS)?;
                let mut index = txn.open_table(PROPOSALS_BY_REGION)?;
                for proposal in proposals {
                    table.insert(proposal.id.as_u128(), records::encode(proposal).as_slice())?;
                    index.insert(format!("{}/{}", proposal.desa, proposal.id).as_str(), ())?;
                }
            }
            write_audits(txn, audit)?;
            Ok(())
        })?;
        self.touched.note(proposals.iter().map(|p| p.family));
        Ok(())
    }

    fn musdes(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::meeting::Musdes>> {
        self.by_id(MUSDES, "musdes", id)
    }

    fn musdes_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::meeting::Musdes>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| rows_by_index(txn, MUSDES_BY_REGION, MUSDES, &prefix))?;
        rows.iter().map(|b| decoded("musdes", b)).collect()
    }

    fn save_case(
        &self,
        case: &tepat_domain::cases::Case,
        audit: &[AuditEntry],
        notifications: &[Notification],
    ) -> StoreResult<()> {
        self.write(|txn| {
            write_notifications(txn, notifications)?;
            txn.open_table(CASES)?
                .insert(case.id.as_u128(), records::encode(case).as_slice())?;
            txn.open_table(CASES_BY_REGION)?
                .insert(format!("{}/{}", case.desa, case.id).as_str(), ())?;
            txn.open_table(CASES_BY_CODE)?
                .insert(case.code.as_str(), case.id.as_u128())?;
            write_audits(txn, audit)?;
            Ok(())
        })?;
        self.touched.note(case.family);
        Ok(())
    }

    fn case(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::cases::Case>> {
        self.by_id(CASES, "cases", id)
    }

    fn case_by_code(
        &self,
        code: &tepat_domain::cases::CaseCode,
    ) -> StoreResult<Option<tepat_domain::cases::Case>> {
        let id = self.read(|txn| {
            Ok(txn
                .open_table(CASES_BY_CODE)?
                .get(code.as_str())?
                .map(|v| v.value()))
        })?;
        match id {
            Some(id) => self.case(uuid::Uuid::from_u128(id)),
            None => Ok(None),
        }
    }

    fn cases_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::cases::Case>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| rows_by_index(txn, CASES_BY_REGION, CASES, &prefix))?;
        rows.iter().map(|b| decoded("cases", b)).collect()
    }

    fn save_labelling(
        &self,
        labelling: &tepat_domain::cases::Labelling,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        self.write(|txn| {
            if let Some(command) = command {
                txn.open_table(ACCEPTED_CHANGES)?
                    .insert(command.0.as_u128(), 0)?;
            }
            let id = labelling.family.0;
            txn.open_table(LABELLINGS)?
                .insert(id.as_u128(), records::encode(labelling).as_slice())?;
            txn.open_table(LABELLINGS_BY_REGION)?
                .insert(format!("{}/{}", labelling.desa, id).as_str(), ())?;
            write_audit(txn, audit)
        })?;
        self.touched.note([labelling.family]);
        Ok(())
    }

    fn labelling(&self, family: FamilyId) -> StoreResult<Option<tepat_domain::cases::Labelling>> {
        self.by_id(LABELLINGS, "labellings", family.0)
    }

    fn labellings_in(
        &self,
        region: &RegionCode,
    ) -> StoreResult<Vec<tepat_domain::cases::Labelling>> {
        let prefix = region_index_prefix(region);
        let rows =
            self.read(|txn| rows_by_index(txn, LABELLINGS_BY_REGION, LABELLINGS, &prefix))?;
        rows.iter().map(|b| decoded("labellings", b)).collect()
    }

    fn visit(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::visit::Visit>> {
        self.by_id(VISITS, "visits", id)
    }

    fn visits_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::visit::Visit>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| rows_by_index(txn, VISITS_BY_REGION, VISITS, &prefix))?;
        rows.iter().map(|b| decoded("visits", b)).collect()
    }

    fn setting(&self, key: &str) -> StoreResult<Option<Vec<u8>>> {
        self.read(|txn| {
            Ok(txn
                .open_table(SETTINGS)?
                .get(key)?
                .map(|v| v.value().to_vec()))
        })
    }

    fn put_setting(&self, key: &str, value: &[u8], audit: &AuditEntry) -> StoreResult<()> {
        self.write(|txn| {
            txn.open_table(SETTINGS)?.insert(key, value)?;
            write_audit(txn, audit)
        })
    }

    fn put_settings(
        &self,
        settings: &[(String, Vec<u8>)],
        audit: &[AuditEntry],
    ) -> StoreResult<()> {
        self.write(|txn| {
            {
                let mut table = txn.open_table(SETTINGS)?;
                for (key, value) in settings {
                    table.insert(key.as_str(), value.as_slice())?;
                }
            }
            write_audits(txn, audit)?;
            Ok(())
        })
    }

    fn put_scores(
        &self,
        version: u32,
        scores: &[(FamilyId, tepat_protocol::RankedScore)],
        setting: Option<(&str, &[u8])>,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<()> {
        self.write(|txn| {
            {
                let mut table = txn.open_table(SCORES)?;
                for (family, score) in scores {
                    table.insert(
                        score_key(*family, version).as_str(),
                        records::encode(score).as_slice(),
                    )?;
                }
            }
            if let Some((key, value)) = setting {
                txn.open_table(SETTINGS)?.insert(key, value)?;
            }
            if let Some(entry) = audit {
                write_audit(txn, entry)?;
            }
            Ok(())
        })?;
        self.touched.note(scores.iter().map(|(f, _)| *f));
        Ok(())
    }

    fn scan_scores(
        &self,
        version: u32,
        visit: &mut dyn FnMut(FamilyId, tepat_protocol::RankedScore),
    ) -> StoreResult<()> {
        let suffix = format!("/{version:010}");
        let db = self.db()?;
        let txn = db.begin_read().map_err(backend)?;
        let table = txn.open_table(SCORES).map_err(backend)?;
        for entry in table.iter().map_err(backend)? {
            let (key, value) = entry.map_err(backend)?;
            let Some(family) = key.value().strip_suffix(suffix.as_str()) else {
                continue;
            };
            let family = uuid::Uuid::parse_str(family)
                .map_err(|_| StoreError::Corrupt { table: "scores" })?;
            visit(FamilyId(family), decoded("scores", value.value())?);
        }
        Ok(())
    }

    fn scores_of(&self, family: FamilyId) -> StoreResult<Vec<tepat_protocol::RankedScore>> {
        let prefix = format!("{family}/");
        let rows = self.read(|txn| {
            let table = txn.open_table(SCORES)?;
            let mut rows = Vec::new();
            for entry in table.range(prefix.as_str()..)? {
                let (key, value) = entry?;
                if !key.value().starts_with(&prefix) {
                    break;
                }
                rows.push(value.value().to_vec());
            }
            Ok(rows)
        })?;
        rows.iter().map(|b| decoded("scores", b)).collect()
    }

    fn sync_record(&self, family: FamilyId) -> StoreResult<Option<tepat_sync::Record>> {
        let bytes = self.read(|txn| {
            Ok(txn
                .open_table(SYNC_RECORDS)?
                .get(family.0.as_u128())?
                .map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded("sync_records", &b)).transpose()
    }

    fn accepted_seq(&self, change: tepat_sync::ChangeId) -> StoreResult<Option<u64>> {
        self.read(|txn| {
            Ok(txn
                .open_table(ACCEPTED_CHANGES)?
                .get(change.0.as_u128())?
                .map(|v| v.value()))
        })
    }

    fn commit_changes(
        &self,
        accepted: &[AcceptedChange],
        notifications: &[Notification],
        audit: &[AuditEntry],
    ) -> StoreResult<Vec<u64>> {
        let seqs = self.write(|txn| {
            let mut seqs = Vec::with_capacity(accepted.len());
            {
                let mut log = txn.open_table(CHANGES)?;
                let mut by_desa = txn.open_table(CHANGES_BY_DESA)?;
                let mut accepted_ids = txn.open_table(ACCEPTED_CHANGES)?;
                let mut sync_records = txn.open_table(SYNC_RECORDS)?;
                let mut families = FamilyTables::open(txn)?;
                let mut seq = log.last()?.map(|(k, _)| k.value()).unwrap_or(0);
                for entry in accepted {
                    seq += 1;
                    log.insert(seq, records::encode(&entry.change).as_slice())?;
                    for desa in &entry.desa {
                        by_desa.insert(format!("{desa}/{seq:020}").as_str(), seq)?;
                    }
                    accepted_ids.insert(entry.change.id.0.as_u128(), seq)?;
                    sync_records.insert(
                        entry.family.id.0.as_u128(),
                        records::encode(&entry.record).as_slice(),
                    )?;
                    families.write(&entry.family)?;
                    seqs.push(seq);
                }
            }
            write_notifications(txn, notifications)?;
            write_audits(txn, audit)?;
            Ok(seqs)
        })?;
        self.touched.note(accepted.iter().map(|a| a.family.id));
        Ok(seqs)
    }

    fn changes_after(
        &self,
        desa: &RegionCode,
        after: u64,
        limit: usize,
    ) -> StoreResult<Vec<(u64, tepat_sync::Change)>> {
        let from = format!("{desa}/{:020}", after.saturating_add(1));
        let prefix = format!("{desa}/");
        let rows = self.read(|txn| {
            let index = txn.open_table(CHANGES_BY_DESA)?;
            let log = txn.open_table(CHANGES)?;
            let mut rows = Vec::new();
            for entry in index.range(from.as_str()..)? {
                let (key, seq) = entry?;
                if !key.value().starts_with(&prefix) || rows.len() >= limit {
                    break;
                }
                if let Some(bytes) = log.get(seq.value())? {
                    rows.push((seq.value(), bytes.value().to_vec()));
                }
            }
            Ok(rows)
        })?;
        rows.into_iter()
            .map(|(seq, b)| Ok((seq, decoded("changes", &b)?)))
            .collect()
    }

    fn count_changes_after(&self, desa: &RegionCode, after: u64) -> StoreResult<u64> {
        let from = format!("{desa}/{:020}", after.saturating_add(1));
        // '0' follows '/': every key of this desa sorts below it.
        let to = format!("{desa}0");
        self.read(|txn| {
            let index = txn.open_table(CHANGES_BY_DESA)?;
            let mut count = 0;
            for entry in index.range(from.as_str()..to.as_str())? {
                entry?;
                count += 1;
            }
            Ok(count)
        })
    }

    fn notifications_in(
        &self,
        region: &RegionCode,
        limit: usize,
    ) -> StoreResult<Vec<Notification>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| {
            let table = txn.open_table(NOTIFICATIONS)?;
            let mut rows = Vec::new();
            for entry in table.range(prefix.as_str()..)? {
                let (key, value) = entry?;
                if !key.value().starts_with(&prefix) {
                    break;
                }
                rows.push((
                    key.value().rsplit('/').next().unwrap_or("").to_owned(),
                    value.value().to_vec(),
                ));
            }
            Ok(rows)
        })?;
        let mut rows = rows;
        // Keys sort by desa first; newest first across desa is by sequence number.
        rows.sort_by(|a, b| b.0.cmp(&a.0));
        rows.iter()
            .take(limit)
            .map(|(_, b)| decoded("notifications", b))
            .collect()
    }

    fn recent_audit(&self, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        let rows = self.read(|txn| {
            let table = txn.open_table(AUDIT)?;
            table
                .iter()?
                .rev()
                .take(limit)
                .map(|e| Ok(e?.1.value().to_vec()))
                .collect::<Result<Vec<_>, redb::Error>>()
        })?;
        rows.iter()
            .map(|b| chain::open(b).ok_or(StoreError::Corrupt { table: "audit" }))
            .collect()
    }

    fn audit_rows(&self, after: u64, limit: usize) -> StoreResult<Vec<(u64, Vec<u8>)>> {
        self.read(|txn| {
            let table = txn.open_table(AUDIT)?;
            let mut rows = Vec::new();
            for entry in table.range(after.saturating_add(1)..)?.take(limit) {
                let (row, value) = entry?;
                rows.push((row.value(), value.value().to_vec()));
            }
            Ok(rows)
        })
    }

    fn audit_head(&self) -> StoreResult<Option<AuditHead>> {
        match self.meta(AUDIT_HEAD)? {
            None => Ok(None),
            Some(text) => AuditHead::from_meta(&text)
                .map(Some)
                .ok_or(StoreError::Corrupt { table: "meta" }),
        }
    }

    fn audit_of(
        &self,
        subject: &AuditSubject,
        before: Option<u64>,
        limit: usize,
    ) -> StoreResult<Vec<(u64, AuditEntry)>> {
        let prefix = subject.prefix();
        let to = format!("{prefix}{:020}", before.unwrap_or(u64::MAX));
        let rows = self.read(|txn| {
            let index = txn.open_table(AUDIT_BY_SUBJECT)?;
            let table = txn.open_table(AUDIT)?;
            let mut rows = Vec::new();
            for entry in index.range(prefix.as_str()..to.as_str())?.rev().take(limit) {
                let row = entry?.1.value();
                if let Some(value) = table.get(row)? {
                    rows.push((row, value.value().to_vec()));
                }
            }
            Ok(rows)
        })?;
        rows.into_iter()
            .map(|(row, b)| {
                Ok((
                    row,
                    chain::open(&b).ok_or(StoreError::Corrupt { table: "audit" })?,
                ))
            })
            .collect()
    }
}

/// Stores notifications, each under its desa and the next notification number.
fn write_notifications(
    txn: &redb::WriteTransaction,
    notifications: &[Notification],
) -> Result<(), redb::Error> {
    if notifications.is_empty() {
        return Ok(());
    }
    let mut meta = txn.open_table(META)?;
    let mut seq: u64 = meta
        .get(NOTIFICATION_SEQ)?
        .and_then(|v| v.value().parse().ok())
        .unwrap_or(0);
    let mut table = txn.open_table(NOTIFICATIONS)?;
    for notification in notifications {
        seq += 1;
        table.insert(
            notification_key(&notification.desa, seq).as_str(),
            records::encode(notification).as_slice(),
        )?;
    }
    meta.insert(NOTIFICATION_SEQ, seq.to_string().as_str())?;
    Ok(())
}

/// The ids at the end of the keys (`…/<uuid>`) of a `&str → ()` index that start with `prefix`.
fn ids_with_prefix(
    txn: &redb::ReadTransaction,
    index: TableDefinition<&str, ()>,
    prefix: &str,
) -> Result<Vec<uuid::Uuid>, redb::Error> {
    let index = txn.open_table(index)?;
    let mut ids = Vec::new();
    for entry in index.range(prefix..)? {
        let (key, _) = entry?;
        let key = key.value();
        if !key.starts_with(prefix) {
            break;
        }
        if let Some(id) = key
            .rsplit('/')
            .next()
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
        {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The stored values of `table` for the ids an index gives under `prefix`.
fn rows_by_index(
    txn: &redb::ReadTransaction,
    index: TableDefinition<&str, ()>,
    table: TableDefinition<u128, &[u8]>,
    prefix: &str,
) -> Result<Vec<Vec<u8>>, redb::Error> {
    let table = txn.open_table(table)?;
    let mut rows = Vec::new();
    for id in ids_with_prefix(txn, index, prefix)? {
        if let Some(value) = table.get(id.as_u128())? {
            rows.push(value.value().to_vec());
        }
    }
    Ok(rows)
}

/// A family's table and its indexes (region, NIK, person, photo), opened once for every family
/// a write transaction stores: opening a redb table costs a lookup and, on close, an update of
/// the table tree, which per family and per table was most of a sync push's storage work.
struct FamilyTables<'t> {
    families: redb::Table<'t, u128, &'static [u8]>,
    by_region: redb::Table<'t, &'static str, ()>,
    by_nik: redb::Table<'t, &'static str, ()>,
    by_person: redb::Table<'t, &'static str, ()>,
    by_photo: redb::Table<'t, &'static str, ()>,
}

impl<'t> FamilyTables<'t> {
    fn open(txn: &'t redb::WriteTransaction) -> Result<Self, redb::Error> {
        Ok(FamilyTables {
            families: txn.open_table(FAMILIES)?,
            by_region: txn.open_table(FAMILIES_BY_REGION)?,
            by_nik: txn.open_table(FAMILIES_BY_NIK)?,
            by_person: txn.open_table(FAMILIES_BY_PERSON)?,
            by_photo: txn.open_table(FAMILIES_BY_PHOTO)?,
        })
    }

    /// Writes one family and keeps its indexes true, also when it moved desa, changed members
    /// or photos.
    fn write(&mut self, family: &Family) -> Result<(), redb::Error> {
        let key = family.id.0.as_u128();
        let old = self
            .families
            .get(key)?
            .and_then(|v| records::decode::<Family>(v.value()));
        if let Some(old) = old {
            self.by_region
                .remove(region_index_key(&old.desa, old.id).as_str())?;
            for member in &old.members {
                self.by_nik
                    .remove(nik_index_key(&member.nik, old.id).as_str())?;
                self.by_person
                    .remove(person_index_key(member, old.id).as_str())?;
            }
            for key in photo_index_keys(&old) {
                self.by_photo.remove(key.as_str())?;
            }
        }
        self.families
            .insert(key, records::encode(family).as_slice())?;
        self.by_region
            .insert(region_index_key(&family.desa, family.id).as_str(), ())?;
        for member in &family.members {
            self.by_nik
                .insert(nik_index_key(&member.nik, family.id).as_str(), ())?;
            self.by_person
                .insert(person_index_key(member, family.id).as_str(), ())?;
        }
        for key in photo_index_keys(family) {
            self.by_photo.insert(key.as_str(), ())?;
        }
        Ok(())
    }
}

/// The key under which a family is indexed by one member's person key (name and birth date).
fn person_index_key(member: &tepat_domain::Member, id: FamilyId) -> String {
    format!("{}/{id}", tepat_domain::checks::person_key(member))
}

/// The keys under which a family is indexed by its photos: `<sha-256 hex>/<family>`.
fn photo_index_keys(family: &Family) -> Vec<String> {
    use std::fmt::Write;
    [family.photos.front, family.photos.inside]
        .into_iter()
        .flatten()
        .map(|photo| {
            let mut key = String::with_capacity(64 + 1 + 36);
            for byte in photo.0 {
                let _ = write!(key, "{byte:02x}");
            }
            let _ = write!(key, "/{}", family.id);
            key
        })
        .collect()
}

/// The audit table and its index by subject, opened once for every row a write transaction
/// appends; the chain's head is carried along in memory and written to the meta table at the end.
struct AuditTables<'t> {
    rows: redb::Table<'t, u64, &'static [u8]>,
    by_subject: redb::Table<'t, &'static str, u64>,
    head: AuditHead,
}

impl<'t> AuditTables<'t> {
    fn open(txn: &'t redb::WriteTransaction) -> Result<Self, redb::Error> {
        let rows = txn.open_table(AUDIT)?;
        // The rows themselves say where the chain stands (the head is written for the verifier).
        let head = rows
            .last()?
            .map(|(k, v)| AuditHead {
                rows: k.value(),
                hash: chain::stored_hash(v.value()),
            })
            .unwrap_or(AuditHead::EMPTY);
        Ok(AuditTables {
            rows,
            by_subject: txn.open_table(AUDIT_BY_SUBJECT)?,
            head,
        })
    }

    /// Appends one row chained to the one before, and indexes it.
    fn append(&mut self, entry: &AuditEntry) -> Result<(), redb::Error> {
        let (bytes, head) = chain::seal(&self.head, entry);
        self.rows.insert(head.rows, bytes.as_slice())?;
        for key in AuditSubject::keys_of(entry, head.rows) {
            self.by_subject.insert(key.as_str(), head.rows)?;
        }
        self.head = head;
        Ok(())
    }

    /// Closes the tables and records the chain's head.
    fn finish(self, txn: &redb::WriteTransaction) -> Result<(), redb::Error> {
        let head = self.head.to_meta();
        drop(self);
        txn.open_table(META)?.insert(AUDIT_HEAD, head.as_str())?;
        Ok(())
    }
}

/// Appends audit rows (see [`AuditTables`]); nothing when there are none.
fn write_audits(txn: &redb::WriteTransaction, entries: &[AuditEntry]) -> Result<(), redb::Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut tables = AuditTables::open(txn)?;
    for entry in entries {
        tables.append(entry)?;
    }
    tables.finish(txn)
}

/// Appends one audit row chained to the last stored one, and indexes it.
fn write_audit(txn: &redb::WriteTransaction, entry: &AuditEntry) -> Result<(), redb::Error> {
    write_audits(txn, std::slice::from_ref(entry))
}

/// Copies every row of `table` as read by `source` into the same table of `target`; how many.
fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    source: &redb::ReadTransaction,
    target: &redb::WriteTransaction,
    table: TableDefinition<K, V>,
) -> Result<u64, redb::Error> {
    let from = source.open_table(table)?;
    let mut to = target.open_table(table)?;
    let mut rows = 0;
    for entry in from.iter()? {
        let (key, value) = entry?;
        to.insert(key.value(), value.value())?;
        rows += 1;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn a_file_of_another_schema_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tepat.redb");
        let store = super::RedbStore::open(&path).unwrap();
        assert_eq!(
            store.meta(super::SCHEMA_KEY).unwrap().as_deref(),
            Some(crate::store::records::SCHEMA_VERSION.to_string().as_str())
        );
        store.set_meta(super::SCHEMA_KEY, "1").unwrap();
        drop(store);
        let Err(error) = super::RedbStore::open(&path) else {
            panic!("a schema-1 file was opened");
        };
        assert!(error.to_string().contains("memakai skema 1"), "{error}");
    }

    #[test]
    fn redb_store_passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tepat.redb");
        super::super::run_conformance(&|| super::RedbStore::open(&path).unwrap(), true);
    }
}
