//! The tablet's own copy of the user's scope, for the roles that work in the field
//! ([`tepat_domain::Role::works_offline`]): a [`Replica`] of the sync engine kept in the
//! encrypted [`vault`], loaded when the user unlocks it, saved after every change, and synced by
//! [`sync`]. Pages read families from here, so they work the same with or without a signal.
//!
//! Vault keys: `session` (the user's [`SessionInfo`]), `replica` ([`ReplicaMeta`]: device,
//! clock, cursor, outbox, conflict notices), `rec/<family id>` (confirmed records) and
//! `proposals` (the server's proposals of the scope, see [`proposals`]), `visits` (the
//! verifiers' visits of the scope, see [`visits`]), `labels` (the house labellings of the
//! scope, see [`labels`]).

pub mod backup;
pub mod cache;
pub mod labels;
pub mod photos;
pub mod proposals;
pub mod sync;
pub mod vault;
pub mod visits;

use std::cell::RefCell;
use std::rc::Rc;
use tepat_domain::{Family, FamilyId};
use tepat_protocol::sync::{changed_writes, family_from_fields};
use tepat_protocol::views::family_summary;
use tepat_protocol::{FamilySummary, SessionInfo};
use tepat_sync::{ChangeId, DeviceId, Record, Replica, ReplicaMeta};
use vault::{Unlock, VaultError};

const SESSION_KEY: &str = "session";
const META_KEY: &str = "replica";
const RECORD_PREFIX: &str = "rec/";

/// The open copy.
pub struct LocalCopy {
    /// Whose copy it is.
    pub user: SessionInfo,
    /// The records, outbox and clock.
    pub replica: RefCell<Replica>,
    /// Photos not yet whole on the server (kept current by [`photos`]).
    pub photos_pending: std::cell::Cell<usize>,
    /// The scope's proposals as the server last gave them (see [`proposals`]).
    pub proposals: RefCell<Vec<tepat_protocol::ProposalView>>,
    /// The scope's verifiers' visits as the server last gave them (see [`visits`]).
    pub visits: RefCell<Vec<tepat_domain::visit::Visit>>,
    /// The scope's house labellings as the server last gave them (see [`labels`]).
    pub labels: RefCell<Vec<tepat_domain::cases::Labelling>>,
}

thread_local! {
    static OPEN: RefCell<Option<Rc<LocalCopy>>> = const { RefCell::new(None) };
}

/// The open copy, if the user has one unlocked.
pub fn open_copy() -> Option<Rc<LocalCopy>> {
    OPEN.with(|open| open.borrow().clone())
}

pub use crate::state::LocalCounts as Counts;

impl LocalCopy {
    /// The counts shown in the top bar.
    pub fn counts(&self) -> Counts {
        let replica = self.replica.borrow();
        Counts {
            pending: replica.outbox().pending_len(),
            refused: replica.outbox().refused().len(),
            conflicts: replica.open_conflicts(None).len(),
            photos: self.photos_pending.get(),
        }
    }

    /// Every family as the user sees it (confirmed plus pending edits); records that do not
    /// make a whole family yet are left out.
    pub fn families(&self) -> Vec<Family> {
        let replica = self.replica.borrow();
        replica
            .ids()
            .into_iter()
            .filter_map(|id| {
                let record = replica.view(id)?;
                family_from_fields(FamilyId(id), record.fields()).ok()
            })
            .collect()
    }

    /// One family as the user sees it.
    pub fn family(&self, id: FamilyId) -> Option<Family> {
        let record = self.replica.borrow().view(id.0)?;
        family_from_fields(id, record.fields()).ok()
    }

    /// List lines of every family, by head's name.
    pub fn summaries(&self) -> Vec<FamilySummary> {
        let mut list: Vec<FamilySummary> = self
            .families()
            .iter()
            .map(|f| family_summary(f, false))
            .collect();
        list.sort_by(|a, b| a.head_name.cmp(&b.head_name));
        list
    }

    /// Writes what changed since the last save: the records touched and the replica's state,
    /// in one transaction.
    pub async fn save(&self) -> Result<(), VaultError> {
        let (meta, records) = {
            let mut replica = self.replica.borrow_mut();
            let dirty = replica.take_dirty();
            let records: Vec<(String, Vec<u8>)> = dirty
                .into_iter()
                .filter_map(|id| {
                    let record = replica.confirmed_record(id)?;
                    Some((format!("{RECORD_PREFIX}{id}"), encode(record)))
                })
                .collect();
            (replica.meta(), records)
        };
        let mut entries = records;
        entries.push((META_KEY.to_owned(), encode(&meta)));
        vault::put_many(entries).await
    }
}

impl LocalCopy {
    /// Records a family registered (`before` none) or corrected on the tablet: one change of
    /// the fields that differ, in the outbox and in the vault before this returns.
    pub async fn record(&self, before: Option<&Family>, after: &Family) -> Result<(), VaultError> {
        let writes = changed_writes(before, after);
        if writes.is_empty() {
            return Ok(());
        }
        self.replica.borrow_mut().edit(
            ChangeId(uuid::Uuid::now_v7()),
            after.id.0,
            writes,
            &self.user.username,
            js_sys::Date::now() as u64,
        );
        self.save().await
    }
}

impl LocalCopy {
    /// Forgets a refusal the user has read (of a family edit or a proposal command), and saves.
    pub async fn dismiss_refusal(&self, change: ChangeId) -> Result<(), VaultError> {
        self.replica.borrow_mut().dismiss_refusal(change);
        self.save().await
    }
}

/// Records a family in the open copy (see [`LocalCopy::record`]).
pub async fn record_family(before: Option<&Family>, after: &Family) -> Result<(), VaultError> {
    match open_copy() {
        Some(copy) => copy.record(before, after).await,
        None => Err(VaultError::Storage("vault terkunci".into())),
    }
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    postcard::to_stdvec(value).expect("postcard into a Vec cannot fail")
}

/// Opens the user's copy with the password. `online` is the session the server confirmed (after
/// an online login): then a missing copy is created and the session stored; offline, the stored
/// session is used and a missing copy is [`Unlock::Absent`].
pub async fn unlock(
    username: &str,
    password: &str,
    online: Option<SessionInfo>,
) -> Result<Unlock, VaultError> {
    let mut outcome = vault::unlock(username, password, online.is_some()).await?;
    if outcome == Unlock::WrongPassword && online.is_some() {
        // The server took this password, so it was changed since the copy was made: the old
        // copy opens only with the old password. It is moved aside, not deleted (it may hold
        // unsent work: see `recover_archives`), and a new copy starts.
        vault::archive(username).await?;
        outcome = vault::unlock(username, password, true).await?;
    }
    if !matches!(outcome, Unlock::Opened | Unlock::Created) {
        return Ok(outcome);
    }
    let user = match online {
        Some(info) => {
            vault::put(SESSION_KEY, &info).await?;
            info
        }
        None => match vault::get::<SessionInfo>(SESSION_KEY).await? {
            Some(info) => info,
            None => return Ok(Unlock::Absent),
        },
    };
    let meta = vault::get::<ReplicaMeta>(META_KEY).await?;
    let replica = match meta {
        Some(meta) => {
            let mut records = Vec::new();
            for (key, bytes) in vault::entries(RECORD_PREFIX).await? {
                let id = key
                    .strip_prefix(RECORD_PREFIX)
                    .and_then(|id| uuid::Uuid::parse_str(id).ok());
                let record = postcard::from_bytes::<Record>(&bytes).ok();
                match (id, record) {
                    (Some(id), Some(record)) => records.push((id, record)),
                    _ => return Err(VaultError::Unreadable(key)),
                }
            }
            Replica::from_parts(meta, records)
        }
        None => Replica::new(DeviceId(uuid::Uuid::now_v7())),
    };
    let copy = Rc::new(LocalCopy {
        user,
        replica: RefCell::new(replica),
        photos_pending: std::cell::Cell::new(photos::pending().await?.len()),
        proposals: RefCell::new(Vec::new()),
        visits: RefCell::new(Vec::new()),
        labels: RefCell::new(Vec::new()),
    });
    proposals::load(&copy).await?;
    visits::load(&copy).await?;
    labels::load(&copy).await?;
    copy.save().await?;
    OPEN.with(|open| *open.borrow_mut() = Some(copy));
    vault::set_last_user(username).await?;
    Ok(outcome)
}

/// After the server accepted `password`: opens (or makes) the user's copy, restarts the offline
/// period and asks the browser to keep the storage.
pub async fn open_after_login(
    password: &str,
    info: SessionInfo,
    offline_days: u16,
) -> Result<(), VaultError> {
    let username = info.username.clone();
    unlock(&username, password, Some(info)).await?;
    let until = js_sys::Date::now() + f64::from(offline_days) * 86_400_000.0;
    vault::set_offline_until(&username, until).await?;
    vault::persist().await;
    Ok(())
}

/// Whether the user's offline period on this device is still running.
pub async fn offline_period_running(username: &str) -> bool {
    vault::offline_until(username)
        .await
        .is_ok_and(|until| until > js_sys::Date::now())
}

/// Copies sealed with an earlier password of the open user, waiting to be recovered.
pub async fn archives() -> Vec<String> {
    match open_copy() {
        Some(copy) => vault::archives(&copy.user.username)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// Opens the copies moved aside after a password change with the earlier password, takes their
/// unsent changes and photos into the open copy (same change ids: nothing applies twice) and
/// deletes them. Answers how many changes were new; a wrong password changes nothing.
pub async fn recover_archives(old_password: &str) -> Result<usize, VaultError> {
    let copy = open_copy().ok_or_else(|| VaultError::Storage("vault terkunci".into()))?;
    let mut added = 0;
    for archive in archives().await {
        let meta: Option<ReplicaMeta> =
            vault::get_archived(&archive, old_password, META_KEY).await?;
        let unsent = meta
            .map(|m| m.outbox.next_batch(usize::MAX))
            .unwrap_or_default();
        let photos: std::collections::BTreeSet<String> =
            vault::get_archived(&archive, old_password, "uploads")
                .await?
                .unwrap_or_default();
        for name in &photos {
            let key = format!("photo/{name}");
            if let Some(bytes) =
                vault::get_archived::<Vec<u8>>(&archive, old_password, &key).await?
            {
                photos::keep(name, &bytes).await?;
            }
        }
        added += copy.replica.borrow_mut().import(unsent);
        copy.save().await?;
        vault::wipe(&archive).await?;
    }
    Ok(added)
}

/// Closes the copy: the key is forgotten, the data stays sealed on the device.
pub fn lock() {
    OPEN.with(|open| *open.borrow_mut() = None);
    vault::lock();
}

/// Deletes the user's copy from the device.
pub async fn wipe(username: &str) -> Result<(), VaultError> {
    lock();
    vault::wipe(username).await
}
