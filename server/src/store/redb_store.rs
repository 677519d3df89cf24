//! The production store: one redb file. Values are versioned postcard (see `records`); families
//! have a second table indexing them by `desa/id`, so listing a region is one range scan.

use super::records::{self, AuditEntry, SessionRecord, TokenHash, UserRecord};
use super::{Store, StoreError, StoreResult, region_index_key, region_index_prefix};
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::Path;
use tepat_domain::{Family, FamilyId, RegionCode};
use tepat_protocol::RegionRef;

const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
const REGIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("regions");
const USERS: TableDefinition<&str, &[u8]> = TableDefinition::new("users");
const SESSIONS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("sessions");
const FAMILIES: TableDefinition<u128, &[u8]> = TableDefinition::new("families");
const FAMILIES_BY_REGION: TableDefinition<&str, ()> = TableDefinition::new("families_by_region");
const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// The redb-backed store.
pub struct RedbStore {
    db: Database,
}

impl RedbStore {
    /// Opens (or creates) the database file and makes sure every table exists.
    pub fn open(path: &Path) -> StoreResult<RedbStore> {
        let db = Database::create(path).map_err(backend)?;
        let txn = db.begin_write().map_err(backend)?;
        txn.open_table(META).map_err(backend)?;
        txn.open_table(REGIONS).map_err(backend)?;
        txn.open_table(USERS).map_err(backend)?;
        txn.open_table(SESSIONS).map_err(backend)?;
        txn.open_table(FAMILIES).map_err(backend)?;
        txn.open_table(FAMILIES_BY_REGION).map_err(backend)?;
        txn.open_table(AUDIT).map_err(backend)?;
        txn.commit().map_err(backend)?;
        Ok(RedbStore { db })
    }

    fn write<R>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        let txn = self.db.begin_write().map_err(backend)?;
        let out = f(&txn).map_err(backend)?;
        txn.commit().map_err(backend)?;
        Ok(out)
    }

    fn read<R>(
        &self,
        f: impl FnOnce(&redb::ReadTransaction) -> Result<R, redb::Error>,
    ) -> StoreResult<R> {
        let txn = self.db.begin_read().map_err(backend)?;
        f(&txn).map_err(backend)
    }
}

fn decoded<T: serde::de::DeserializeOwned>(table: &'static str, bytes: &[u8]) -> StoreResult<T> {
    records::decode(bytes).ok_or(StoreError::Corrupt { table })
}

impl Store for RedbStore {
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
        self.write(|txn| {
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
        self.write(|txn| {
            txn.open_table(SESSIONS)?.remove(token)?;
            Ok(())
        })
    }

    fn put_families(&self, families: &[Family]) -> StoreResult<()> {
        self.write(|txn| {
            let mut table = txn.open_table(FAMILIES)?;
            let mut index = txn.open_table(FAMILIES_BY_REGION)?;
            for family in families {
                let key = family.id.0.as_u128();
                // A family that moved desa must leave its old index entry behind.
                if let Some(old) = table.get(key)?
                    && let Some(old) = records::decode::<Family>(old.value())
                {
                    index.remove(region_index_key(&old.desa, old.id).as_str())?;
                }
                table.insert(key, records::encode(family).as_slice())?;
                index.insert(region_index_key(&family.desa, family.id).as_str(), ())?;
            }
            Ok(())
        })
    }

    fn family(&self, id: FamilyId) -> StoreResult<Option<Family>> {
        let bytes = self.read(|txn| {
            Ok(txn
                .open_table(FAMILIES)?
                .get(id.0.as_u128())?
                .map(|v| v.value().to_vec()))
        })?;
        bytes.map(|b| decoded("families", &b)).transpose()
    }

    fn families_in(&self, region: &RegionCode) -> StoreResult<Vec<Family>> {
        let prefix = region_index_prefix(region);
        let rows = self.read(|txn| {
            let index = txn.open_table(FAMILIES_BY_REGION)?;
            let table = txn.open_table(FAMILIES)?;
            let mut rows = Vec::new();
            for entry in index.range(prefix.as_str()..)? {
                let (key, _) = entry?;
                let key = key.value();
                if !key.starts_with(&prefix) {
                    break;
                }
                let Some(id) = key
                    .rsplit('/')
                    .next()
                    .and_then(|s| uuid::Uuid::parse_str(s).ok())
                else {
                    continue;
                };
                if let Some(value) = table.get(id.as_u128())? {
                    rows.push(value.value().to_vec());
                }
            }
            Ok(rows)
        })?;
        rows.iter().map(|b| decoded("families", b)).collect()
    }

    fn family_count(&self) -> StoreResult<u64> {
        self.read(|txn| Ok(txn.open_table(FAMILIES)?.len()?))
    }

    fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        self.write(|txn| {
            let mut table = txn.open_table(AUDIT)?;
            let next = table.last()?.map(|(k, _)| k.value() + 1).unwrap_or(1);
            table.insert(next, records::encode(entry).as_slice())?;
            Ok(())
        })
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
        rows.iter().map(|b| decoded("audit", b)).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redb_store_passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tepat.redb");
        super::super::run_conformance(&|| super::RedbStore::open(&path).unwrap(), true);
    }
}
