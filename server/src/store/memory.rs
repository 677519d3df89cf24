//! An in-memory store with the same behaviour as the redb one, for tests that do not need a
//! file. Both pass the same conformance suite.

use super::AcceptedChange;
use super::chain::{self, AuditHead};
use super::records::{AuditEntry, SessionRecord, TokenHash, UserRecord};
use super::records::{Notification, ProposalRecord};
use super::{AuditSubject, Store, StoreError, StoreResult, region_index_key, region_index_prefix};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};
use tepat_domain::{Family, FamilyId, Nik, RegionCode};
use tepat_protocol::RegionRef;

#[derive(Default)]
struct Inner {
    meta: BTreeMap<String, String>,
    regions: BTreeMap<String, RegionRef>,
    users: BTreeMap<String, UserRecord>,
    sessions: BTreeMap<TokenHash, SessionRecord>,
    families: BTreeMap<FamilyId, Family>,
    families_by_region: BTreeMap<String, FamilyId>,
    /// Stored audit rows, as the redb store keeps them (row n at index n - 1), and the head.
    audit: Vec<Vec<u8>>,
    audit_head: Option<AuditHead>,
    notifications: Vec<Notification>,
    proposals: BTreeMap<uuid::Uuid, ProposalRecord>,
    visits: BTreeMap<uuid::Uuid, tepat_domain::visit::Visit>,
    musdes: BTreeMap<uuid::Uuid, tepat_domain::meeting::Musdes>,
    cases: BTreeMap<uuid::Uuid, tepat_domain::cases::Case>,
    labellings: BTreeMap<FamilyId, tepat_domain::cases::Labelling>,
    settings: BTreeMap<String, Vec<u8>>,
    scores: BTreeMap<(FamilyId, u32), tepat_protocol::RankedScore>,
    changes: BTreeMap<u64, tepat_sync::Change>,
    changes_by_desa: BTreeMap<(RegionCode, u64), ()>,
    accepted: BTreeMap<tepat_sync::ChangeId, u64>,
    sync_records: BTreeMap<FamilyId, tepat_sync::Record>,
    photo_hashes: BTreeMap<[u8; 32], u64>,
}

impl Inner {
    fn write_family(&mut self, family: &Family) {
        if let Some(old) = self.families.get(&family.id) {
            let old_key = region_index_key(&old.desa, old.id);
            self.families_by_region.remove(&old_key);
        }
        self.families_by_region
            .insert(region_index_key(&family.desa, family.id), family.id);
        self.families.insert(family.id, family.clone());
    }

    fn append_audit(&mut self, entry: &AuditEntry) {
        let last = self
            .audit
            .last()
            .map(|bytes| AuditHead {
                rows: self.audit.len() as u64,
                hash: chain::stored_hash(bytes),
            })
            .unwrap_or(AuditHead::EMPTY);
        let (bytes, head) = chain::seal(&last, entry);
        self.audit.push(bytes);
        self.audit_head = Some(head);
    }
}

/// A store that lives in memory only.
#[derive(Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
    touched: super::touched::Touched,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave a half-applied change: every method
        // mutates after all fallible work, so the data is still consistent.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for MemoryStore {
    fn touched(&self) -> &super::touched::Touched {
        &self.touched
    }

    fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self.lock().meta.get(key).cloned())
    }

    fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        self.lock().meta.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn put_regions(&self, regions: &[RegionRef]) -> StoreResult<()> {
        let mut inner = self.lock();
        for region in regions {
            inner
                .regions
                .insert(region.code.to_string(), region.clone());
        }
        Ok(())
    }

    fn region(&self, code: &RegionCode) -> StoreResult<Option<RegionRef>> {
        Ok(self.lock().regions.get(code.as_str()).cloned())
    }

    fn region_children(&self, parent: &RegionCode) -> StoreResult<Vec<RegionRef>> {
        let prefix = format!("{parent}.");
        Ok(self
            .lock()
            .regions
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('.'))
            .map(|(_, v)| v.clone())
            .collect())
    }

    fn put_user(&self, user: &UserRecord) -> StoreResult<()> {
        self.lock()
            .users
            .insert(user.username.clone(), user.clone());
        Ok(())
    }

    fn user(&self, username: &str) -> StoreResult<Option<UserRecord>> {
        Ok(self.lock().users.get(username).cloned())
    }

    fn users(&self) -> StoreResult<Vec<UserRecord>> {
        Ok(self.lock().users.values().cloned().collect())
    }

    fn put_session(&self, token: &TokenHash, session: &SessionRecord) -> StoreResult<()> {
        self.lock().sessions.insert(*token, session.clone());
        Ok(())
    }

    fn session(&self, token: &TokenHash) -> StoreResult<Option<SessionRecord>> {
        Ok(self.lock().sessions.get(token).cloned())
    }

    fn delete_session(&self, token: &TokenHash) -> StoreResult<()> {
        self.lock().sessions.remove(token);
        Ok(())
    }

    fn delete_sessions_of(&self, username: &str) -> StoreResult<usize> {
        let mut inner = self.lock();
        let before = inner.sessions.len();
        inner.sessions.retain(|_, s| s.username != username);
        Ok(before - inner.sessions.len())
    }

    fn purge_expired_sessions(&self, now: jiff::Timestamp) -> StoreResult<usize> {
        let mut inner = self.lock();
        let before = inner.sessions.len();
        inner.sessions.retain(|_, s| s.expires_at > now);
        Ok(before - inner.sessions.len())
    }

    fn put_families(&self, families: &[Family]) -> StoreResult<()> {
        let mut inner = self.lock();
        for family in families {
            inner.write_family(family);
        }
        drop(inner);
        self.touched.note(families.iter().map(|f| f.id));
        Ok(())
    }

    fn family(&self, id: FamilyId) -> StoreResult<Option<Family>> {
        Ok(self.lock().families.get(&id).cloned())
    }

    fn scan_families(&self, visit: &mut dyn FnMut(Family)) -> StoreResult<()> {
        let families: Vec<Family> = self.lock().families.values().cloned().collect();
        families.into_iter().for_each(visit);
        Ok(())
    }

    fn families_in(&self, region: &RegionCode) -> StoreResult<Vec<Family>> {
        let prefix = region_index_prefix(region);
        let inner = self.lock();
        Ok(inner
            .families_by_region
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(_, id)| inner.families.get(id).cloned())
            .collect())
    }

    fn family_count(&self) -> StoreResult<u64> {
        Ok(self.lock().families.len() as u64)
    }

    fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        self.lock().append_audit(entry);
        Ok(())
    }

    fn recent_audit(&self, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.lock()
            .audit
            .iter()
            .rev()
            .take(limit)
            .map(|b| chain::open(b).ok_or(StoreError::Corrupt { table: "audit" }))
            .collect()
    }

    fn audit_rows(&self, after: u64, limit: usize) -> StoreResult<Vec<(u64, Vec<u8>)>> {
        Ok(self
            .lock()
            .audit
            .iter()
            .enumerate()
            .map(|(i, b)| (i as u64 + 1, b.clone()))
            .skip_while(|(row, _)| *row <= after)
            .take(limit)
            .collect())
    }

    fn audit_head(&self) -> StoreResult<Option<AuditHead>> {
        Ok(self.lock().audit_head)
    }

    fn audit_of(
        &self,
        subject: &AuditSubject,
        before: Option<u64>,
        limit: usize,
    ) -> StoreResult<Vec<(u64, AuditEntry)>> {
        // Scanning is fine for a test double; the redb store keeps an index.
        let inner = self.lock();
        let mut found = Vec::new();
        for (i, bytes) in inner.audit.iter().enumerate().rev() {
            let row = i as u64 + 1;
            if before.is_some_and(|b| row >= b) {
                continue;
            }
            if found.len() >= limit {
                break;
            }
            let entry = chain::open(bytes).ok_or(StoreError::Corrupt { table: "audit" })?;
            let key = format!("{}{row:020}", subject.prefix());
            if AuditSubject::keys_of(&entry, row).contains(&key) {
                found.push((row, entry));
            }
        }
        Ok(found)
    }

    fn families_with_nik(&self, nik: &Nik) -> StoreResult<Vec<FamilyId>> {
        // Scanning is fine for a test double; the redb store keeps an index.
        Ok(self
            .lock()
            .families
            .values()
            .filter(|f| f.members.iter().any(|m| &m.nik == nik))
            .map(|f| f.id)
            .collect())
    }

    fn put_photo_hash(&self, photo: &[u8; 32], difference_hash: u64) -> StoreResult<()> {
        self.lock().photo_hashes.insert(*photo, difference_hash);
        Ok(())
    }

    fn photo_hashes(&self) -> StoreResult<Vec<([u8; 32], u64)>> {
        Ok(self
            .lock()
            .photo_hashes
            .iter()
            .map(|(p, d)| (*p, *d))
            .collect())
    }

    fn families_with_photo(&self, hash: &[u8; 32]) -> StoreResult<Vec<FamilyId>> {
        Ok(self
            .lock()
            .families
            .values()
            .filter(|f| {
                [f.photos.front, f.photos.inside]
                    .into_iter()
                    .flatten()
                    .any(|p| &p.0 == hash)
            })
            .map(|f| f.id)
            .collect())
    }

    fn families_with_person(&self, key: &str) -> StoreResult<Vec<FamilyId>> {
        Ok(self
            .lock()
            .families
            .values()
            .filter(|f| {
                f.members
                    .iter()
                    .any(|m| tepat_domain::checks::person_key(m) == key)
            })
            .map(|f| f.id)
            .collect())
    }

    fn save_proposals(
        &self,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
        notifications: &[Notification],
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        if let Some(command) = command {
            inner.accepted.insert(command, 0);
        }
        for proposal in proposals {
            inner.proposals.insert(proposal.id, proposal.clone());
        }
        inner.notifications.extend(notifications.iter().cloned());
        for entry in audit {
            inner.append_audit(entry);
        }
        drop(inner);
        self.touched.note(proposals.iter().map(|p| p.family));
        Ok(())
    }

    fn proposal(&self, id: uuid::Uuid) -> StoreResult<Option<ProposalRecord>> {
        Ok(self.lock().proposals.get(&id).cloned())
    }

    fn save_visit(
        &self,
        visit: &tepat_domain::visit::Visit,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        if let Some(command) = command {
            inner.accepted.insert(command, 0);
        }
        inner.visits.insert(visit.id, visit.clone());
        inner.append_audit(audit);
        drop(inner);
        self.touched.note([visit.visit.family]);
        Ok(())
    }

    fn save_musdes(
        &self,
        musdes: &tepat_domain::meeting::Musdes,
        proposals: &[ProposalRecord],
        audit: &[AuditEntry],
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        inner.musdes.insert(musdes.id, musdes.clone());
        for proposal in proposals {
            inner.proposals.insert(proposal.id, proposal.clone());
        }
        for entry in audit {
            inner.append_audit(entry);
        }
        drop(inner);
        self.touched.note(proposals.iter().map(|p| p.family));
        Ok(())
    }

    fn musdes(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::meeting::Musdes>> {
        Ok(self.lock().musdes.get(&id).cloned())
    }

    fn musdes_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::meeting::Musdes>> {
        let mut found: Vec<_> = self
            .lock()
            .musdes
            .values()
            .filter(|m| region.contains(&m.desa))
            .cloned()
            .collect();
        // The same order as the redb index: by desa, then id.
        found.sort_by(|a, b| a.desa.cmp(&b.desa).then(a.id.cmp(&b.id)));
        Ok(found)
    }

    fn save_case(
        &self,
        case: &tepat_domain::cases::Case,
        audit: &[AuditEntry],
        notifications: &[Notification],
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        inner.cases.insert(case.id, case.clone());
        inner.notifications.extend(notifications.iter().cloned());
        for entry in audit {
            inner.append_audit(entry);
        }
        drop(inner);
        self.touched.note(case.family);
        Ok(())
    }

    fn case(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::cases::Case>> {
        Ok(self.lock().cases.get(&id).cloned())
    }

    fn case_by_code(
        &self,
        code: &tepat_domain::cases::CaseCode,
    ) -> StoreResult<Option<tepat_domain::cases::Case>> {
        Ok(self
            .lock()
            .cases
            .values()
            .find(|c| &c.code == code)
            .cloned())
    }

    fn cases_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::cases::Case>> {
        let mut found: Vec<_> = self
            .lock()
            .cases
            .values()
            .filter(|c| region.contains(&c.desa))
            .cloned()
            .collect();
        // The same order as the redb index: by desa, then id.
        found.sort_by(|a, b| a.desa.cmp(&b.desa).then(a.id.cmp(&b.id)));
        Ok(found)
    }

    fn save_labelling(
        &self,
        labelling: &tepat_domain::cases::Labelling,
        audit: &AuditEntry,
        command: Option<tepat_sync::ChangeId>,
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        if let Some(command) = command {
            inner.accepted.insert(command, 0);
        }
        inner.labellings.insert(labelling.family, labelling.clone());
        inner.append_audit(audit);
        drop(inner);
        self.touched.note([labelling.family]);
        Ok(())
    }

    fn labelling(&self, family: FamilyId) -> StoreResult<Option<tepat_domain::cases::Labelling>> {
        Ok(self.lock().labellings.get(&family).cloned())
    }

    fn labellings_in(
        &self,
        region: &RegionCode,
    ) -> StoreResult<Vec<tepat_domain::cases::Labelling>> {
        let mut found: Vec<_> = self
            .lock()
            .labellings
            .values()
            .filter(|l| region.contains(&l.desa))
            .cloned()
            .collect();
        found.sort_by(|a, b| a.desa.cmp(&b.desa).then(a.family.cmp(&b.family)));
        Ok(found)
    }

    fn visit(&self, id: uuid::Uuid) -> StoreResult<Option<tepat_domain::visit::Visit>> {
        Ok(self.lock().visits.get(&id).cloned())
    }

    fn visits_in(&self, region: &RegionCode) -> StoreResult<Vec<tepat_domain::visit::Visit>> {
        let mut found: Vec<_> = self
            .lock()
            .visits
            .values()
            .filter(|v| region.contains(&v.desa))
            .cloned()
            .collect();
        // The same order as the redb index: by desa, then id.
        found.sort_by(|a, b| a.desa.cmp(&b.desa).then(a.id.cmp(&b.id)));
        Ok(found)
    }

    fn proposals_in(&self, region: &RegionCode) -> StoreResult<Vec<ProposalRecord>> {
        let mut found: Vec<ProposalRecord> = self
            .lock()
            .proposals
            .values()
            .filter(|p| region.contains(&p.desa))
            .cloned()
            .collect();
        // The same order as the redb index: by desa, then id.
        found.sort_by(|a, b| a.desa.cmp(&b.desa).then(a.id.cmp(&b.id)));
        Ok(found)
    }

    fn setting(&self, key: &str) -> StoreResult<Option<Vec<u8>>> {
        Ok(self.lock().settings.get(key).cloned())
    }

    fn put_setting(&self, key: &str, value: &[u8], audit: &AuditEntry) -> StoreResult<()> {
        let mut inner = self.lock();
        inner.settings.insert(key.to_owned(), value.to_vec());
        inner.append_audit(audit);
        Ok(())
    }

    fn put_settings(
        &self,
        settings: &[(String, Vec<u8>)],
        audit: &[AuditEntry],
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        for (key, value) in settings {
            inner.settings.insert(key.clone(), value.clone());
        }
        for entry in audit {
            inner.append_audit(entry);
        }
        Ok(())
    }

    fn put_scores(
        &self,
        version: u32,
        scores: &[(FamilyId, tepat_protocol::RankedScore)],
        setting: Option<(&str, &[u8])>,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<()> {
        let mut inner = self.lock();
        for (family, score) in scores {
            inner.scores.insert((*family, version), score.clone());
        }
        if let Some((key, value)) = setting {
            inner.settings.insert(key.to_owned(), value.to_vec());
        }
        if let Some(entry) = audit {
            inner.append_audit(entry);
        }
        drop(inner);
        self.touched.note(scores.iter().map(|(f, _)| *f));
        Ok(())
    }

    fn scan_scores(
        &self,
        version: u32,
        visit: &mut dyn FnMut(FamilyId, tepat_protocol::RankedScore),
    ) -> StoreResult<()> {
        let scores: Vec<(FamilyId, tepat_protocol::RankedScore)> = self
            .lock()
            .scores
            .iter()
            .filter(|((_, v), _)| *v == version)
            .map(|((f, _), s)| (*f, s.clone()))
            .collect();
        for (family, score) in scores {
            visit(family, score);
        }
        Ok(())
    }

    fn scores_of(&self, family: FamilyId) -> StoreResult<Vec<tepat_protocol::RankedScore>> {
        Ok(self
            .lock()
            .scores
            .range((family, 0)..=(family, u32::MAX))
            .map(|(_, s)| s.clone())
            .collect())
    }

    fn sync_record(&self, family: FamilyId) -> StoreResult<Option<tepat_sync::Record>> {
        Ok(self.lock().sync_records.get(&family).cloned())
    }

    fn accepted_seq(&self, change: tepat_sync::ChangeId) -> StoreResult<Option<u64>> {
        Ok(self.lock().accepted.get(&change).copied())
    }

    fn commit_changes(
        &self,
        accepted: &[AcceptedChange],
        notifications: &[Notification],
        audit: &[AuditEntry],
    ) -> StoreResult<Vec<u64>> {
        let mut inner = self.lock();
        let mut seqs = Vec::new();
        for entry in accepted {
            let seq = inner.changes.keys().next_back().map(|s| s + 1).unwrap_or(1);
            inner.changes.insert(seq, entry.change.clone());
            for desa in &entry.desa {
                inner.changes_by_desa.insert((desa.clone(), seq), ());
            }
            inner.accepted.insert(entry.change.id, seq);
            inner
                .sync_records
                .insert(entry.family.id, entry.record.clone());
            inner.write_family(&entry.family);
            seqs.push(seq);
        }
        inner.notifications.extend(notifications.iter().cloned());
        for entry in audit {
            inner.append_audit(entry);
        }
        drop(inner);
        self.touched.note(accepted.iter().map(|a| a.family.id));
        Ok(seqs)
    }

    fn changes_after(
        &self,
        desa: &RegionCode,
        after: u64,
        limit: usize,
    ) -> StoreResult<Vec<(u64, tepat_sync::Change)>> {
        let inner = self.lock();
        Ok(inner
            .changes_by_desa
            .range((desa.clone(), after.saturating_add(1))..=(desa.clone(), u64::MAX))
            .take(limit)
            .filter_map(|((_, seq), _)| inner.changes.get(seq).map(|c| (*seq, c.clone())))
            .collect())
    }

    fn count_changes_after(&self, desa: &RegionCode, after: u64) -> StoreResult<u64> {
        let inner = self.lock();
        Ok(inner
            .changes_by_desa
            .range((desa.clone(), after.saturating_add(1))..=(desa.clone(), u64::MAX))
            .count() as u64)
    }

    fn notifications_in(
        &self,
        region: &RegionCode,
        limit: usize,
    ) -> StoreResult<Vec<Notification>> {
        Ok(self
            .lock()
            .notifications
            .iter()
            .rev()
            .filter(|n| region.contains(&n.desa))
            .take(limit)
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn memory_store_passes_the_conformance_suite() {
        super::super::run_conformance(&super::MemoryStore::new, false);
    }
}
