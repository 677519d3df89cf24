//! Sync on the server. Every write of a family is a change (a tablet's, or the server's own for
//! the JSON API) that is merged into the family's record field by field and recorded in the
//! change log with the next sequence number, in one transaction; only then is it acknowledged.
//! A change id seen before is acknowledged as a duplicate and applied nothing. A tablet pulls the
//! changes of its scope after its cursor, and never sees another desa's.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::family_save::{check_limits_message, find_clashes, find_likely_duplicates};
use crate::proposals;
use crate::state::AppState;
use crate::store::{AcceptedChange, AuditAction, AuditEntry, Store, StoreResult, UserRecord};
use std::collections::HashMap;
use tepat_domain::{Family, FamilyId, RegionCode, RegionLevel};
use tepat_protocol::labels::{LabelCommand, read_label_command};
use tepat_protocol::sync::{
    Ack, AckOutcome, MAX_PULL_CHANGES, MAX_PUSH_CHANGES, ProposalCommand, PullResponse,
    PulledChange, PushRequest, PushResponse, VisitCommand, family_from_fields, family_writes,
    read_proposal_command, read_visit_command,
};
use tepat_sync::{Change, ChangeId, DeviceId, Hlc, Record};

/// The server's own device: changes made through the API rather than on a tablet.
pub const SERVER_DEVICE: DeviceId = DeviceId(uuid::Uuid::from_u128(
    0x7E9A_7000_5E7E_4000_8000_0000_0000_0001,
));

/// The merge record of a family that exists but was never synced (demo data, imports): its
/// fields as they are, stamped before any tablet's change so any real edit wins.
fn seeded(family: &Family) -> Record {
    let mut record = Record::new();
    record.apply(&Change {
        id: ChangeId(uuid::Uuid::from_u128(
            family.id.0.as_u128() ^ 0x5EED_0000_0000_0000_0000_0000_0000_0000,
        )),
        device: SERVER_DEVICE,
        user: "sistem".into(),
        stamp: Hlc {
            wall_ms: 0,
            counter: 0,
            device: SERVER_DEVICE,
        },
        record: family.id.0,
        writes: family_writes(family),
    });
    record
}

/// Records families that come into being on the server (demo data, imports) as changes of the
/// server's device, so that a tablet's first pull receives them like any other change.
pub fn record_created(
    store: &dyn Store,
    families: &[Family],
    audit: &[AuditEntry],
) -> StoreResult<()> {
    let accepted: Vec<AcceptedChange> = families
        .iter()
        .map(|family| {
            let record = seeded(family);
            let change = record
                .fields()
                .values()
                .next()
                .map(|register| register.change)
                .expect("a seeded record has fields");
            AcceptedChange {
                change: Change {
                    id: change,
                    device: SERVER_DEVICE,
                    user: "sistem".into(),
                    stamp: Hlc {
                        wall_ms: 0,
                        counter: 0,
                        device: SERVER_DEVICE,
                    },
                    record: family.id.0,
                    writes: family_writes(family),
                },
                family: family.clone(),
                record,
                desa: vec![family.desa.clone()],
            }
        })
        .collect();
    store.commit_changes(&accepted, &[], audit).map(|_| ())
}

/// The merge record and family a change applies to: from earlier in the batch, or stored.
pub fn prior(store: &dyn Store, id: FamilyId) -> StoreResult<(Record, Option<Family>)> {
    let existing = store.family(id)?;
    let record = match store.sync_record(id)? {
        Some(record) => record,
        None => existing.as_ref().map(seeded).unwrap_or_default(),
    };
    Ok((record, existing))
}

/// Checks one change of `user` against the family it touches and merges it: the accepted entry,
/// or the reason (Indonesian) it is refused.
pub fn accept_change(
    store: &dyn Store,
    user: &UserRecord,
    change: &Change,
    record: &Record,
    existing: Option<&Family>,
) -> StoreResult<Result<AcceptedChange, String>> {
    if !user.role.edits_families() {
        return Ok(Err("Peran Anda tidak berhak mengubah data keluarga.".into()));
    }
    if change.user != user.username {
        return Ok(Err("Perubahan ini dibuat atas nama pengguna lain: masuk sebagai pengguna itu untuk mengirimnya.".into()));
    }
    let mut merged = record.clone();
    merged.apply(change);
    let mut family = match family_from_fields(FamilyId(change.record), merged.fields()) {
        Ok(family) => family,
        Err(e) => return Ok(Err(format!("Perubahan ditolak: {e}."))),
    };
    family.demo = existing.is_some_and(|e| e.demo);
    for desa in std::iter::once(&family.desa).chain(existing.map(|e| &e.desa)) {
        if !user.region.contains(desa) {
            let name = store
                .region(desa)?
                .map(|r| r.display_name())
                .unwrap_or_else(|| desa.to_string());
            return Ok(Err(format!(
                "{name} berada di luar wilayah kerja Anda. Perubahan ditolak."
            )));
        }
    }
    if let Err(message) = check_limits_message(&family) {
        return Ok(Err(message));
    }
    if store
        .region(&family.desa)?
        .is_none_or(|r| r.level != RegionLevel::Desa)
    {
        return Ok(Err(format!(
            "Desa {} tidak dikenal di kabupaten ini.",
            family.desa
        )));
    }
    let mut desa = vec![family.desa.clone()];
    if let Some(old) = existing.filter(|e| e.desa != family.desa) {
        desa.push(old.desa.clone());
    }
    Ok(Ok(AcceptedChange {
        change: change.clone(),
        family,
        record: merged,
        desa,
    }))
}

/// How the audit trail names a tablet.
fn tablet(change: &Change) -> String {
    format!("tablet {}", change.device.0)
}

enum Pending {
    Ready(AckOutcome),
    Batch(usize),
    Command(usize),
}

/// Decides one proposal or visit command of `user` and saves it with its change id: the outcome to ack.
fn decide_command(
    store: &dyn Store,
    blobs: &crate::blobs::FileBlobStore,
    user: &UserRecord,
    change: &Change,
    now: jiff::Timestamp,
) -> StoreResult<AckOutcome> {
    if change.user != user.username {
        return Ok(AckOutcome::Refused {
            reason: "Perintah ini dibuat atas nama pengguna lain: masuk sebagai pengguna itu untuk mengirimnya.".into(),
        });
    }
    if let Some(LabelCommand::Record { on, photo }) = read_label_command(change) {
        let today = crate::policy::windows(store)?.zone.local_date(now);
        let family = FamilyId(change.record);
        let decided =
            crate::labels::decide_record(store, blobs, user, family, on, photo, now, today)?;
        return Ok(match decided {
            Ok((labelling, audit)) => {
                let audit = audit.device(Some(tablet(change)));
                store.save_labelling(&labelling, &audit, Some(change.id))?;
                AckOutcome::Accepted { seq: 0 }
            }
            Err(reason) => AckOutcome::Refused { reason },
        });
    }
    if let Some(command) = read_visit_command(change) {
        let decided = match command {
            VisitCommand::Record(visit) => {
                crate::visits::decide_record(store, user, change.record, &visit, now)?
            }
            VisitCommand::Answer(note) => {
                crate::visits::decide_answer(store, user, change.record, &note, now)?
            }
        };
        return Ok(match decided {
            Ok((visit, audit)) => {
                let audit = audit.device(Some(tablet(change)));
                store.save_visit(&visit, &audit, Some(change.id))?;
                AckOutcome::Accepted { seq: 0 }
            }
            Err(reason) => AckOutcome::Refused { reason },
        });
    }
    let decided = match read_proposal_command(change) {
        None => {
            return Ok(AckOutcome::Refused {
                reason: "Perintah ini tidak dikenal oleh versi server ini.".into(),
            });
        }
        Some(ProposalCommand::Create(request)) => {
            proposals::decide_create(store, user, change.record, &request, now)?
        }
        Some(ProposalCommand::Step(step)) => {
            let device = Some(tablet(change));
            proposals::decide_step(store, user, change.record, &step, device, now)?
        }
    };
    Ok(match decided {
        Ok(decided) => {
            store.save_proposals(
                &decided.changed,
                &decided.audit,
                &decided.notifications,
                Some(change.id),
            )?;
            AckOutcome::Accepted { seq: 0 }
        }
        Err(refusal) => AckOutcome::Refused {
            reason: refusal.parts().2,
        },
    })
}

/// POST sync/push: applies a batch, acknowledging each change after the transaction commits.
/// Family edits are merged and committed in one transaction; then the proposal commands are
/// decided in the order sent, each saved with its step (so a proposal can follow the new family
/// it is for in the same batch).
pub async fn push(
    state: &AppState,
    current: &CurrentUser,
    request: PushRequest,
) -> Result<PushResponse, AppError> {
    current.require(
        current.user.role.edits_families(),
        "mengirim perubahan data keluarga",
    )?;
    if request.changes.len() > MAX_PUSH_CHANGES {
        return Err(AppError::BadRequest(format!(
            "Satu kiriman paling banyak {MAX_PUSH_CHANGES} perubahan; sisanya dikirim berikutnya."
        )));
    }
    let user = current.user.clone();
    let now = state.clock.now();
    let _guard = state.workflow_lock.lock().await;
    let blobs = state.blobs.clone();
    state
        .blocking(move |store| {
            let mut answers: Vec<(ChangeId, Pending)> = Vec::new();
            let mut accepted: Vec<AcceptedChange> = Vec::new();
            let mut in_batch: HashMap<ChangeId, usize> = HashMap::new();
            let mut state_of: HashMap<FamilyId, (Record, Option<Family>)> = HashMap::new();
            let (mut notifications, mut audit) = (Vec::new(), Vec::new());
            let mut commands: Vec<&Change> = Vec::new();
            for change in &request.changes {
                if let Some(seq) = store.accepted_seq(change.id)? {
                    answers.push((change.id, Pending::Ready(AckOutcome::Duplicate { seq })));
                    continue;
                }
                if let Some(at) = in_batch.get(&change.id) {
                    answers.push((change.id, Pending::Batch(*at)));
                    continue;
                }
                if change.is_command() {
                    if let Some(at) = commands.iter().position(|c: &&Change| c.id == change.id) {
                        answers.push((change.id, Pending::Command(at)));
                    } else {
                        answers.push((change.id, Pending::Command(commands.len())));
                        commands.push(change);
                    }
                    continue;
                }
                let id = FamilyId(change.record);
                let (record, existing) = match state_of.get(&id) {
                    Some(known) => known.clone(),
                    None => prior(store, id)?,
                };
                match accept_change(store, &user, change, &record, existing.as_ref())? {
                    Err(reason) => {
                        answers.push((change.id, Pending::Ready(AckOutcome::Refused { reason })))
                    }
                    Ok(entry) => {
                        let desa = store.region_or_code(&entry.family.desa)?;
                        notifications.extend(
                            find_clashes(store, &entry.family, existing.as_ref(), &desa, now)?.1,
                        );
                        notifications.extend(
                            find_likely_duplicates(
                                store,
                                &entry.family,
                                existing.as_ref(),
                                &desa,
                                now,
                            )?
                            .1,
                        );
                        notifications.extend(crate::photo_likeness::find_shared_photos(
                            store,
                            &entry.family,
                            existing.as_ref(),
                            &desa,
                            now,
                        )?);
                        let (before, after) =
                            crate::audit::family_change(existing.as_ref(), &entry.family);
                        audit.push(
                            AuditEntry::by(
                                now,
                                &user,
                                AuditAction::FamilySaved,
                                format!(
                                    "sinkron: keluarga {} di {} (perubahan {})",
                                    entry.family.id, desa.name, change.id.0
                                ),
                            )
                            .family(entry.family.id)
                            .device(Some(tablet(change)))
                            .change(before, after),
                        );
                        state_of.insert(id, (entry.record.clone(), Some(entry.family.clone())));
                        in_batch.insert(change.id, accepted.len());
                        answers.push((change.id, Pending::Batch(accepted.len())));
                        accepted.push(entry);
                    }
                }
            }
            let seqs = if accepted.is_empty() {
                Vec::new()
            } else {
                store.commit_changes(&accepted, &notifications, &audit)?
            };
            let mut decided = Vec::with_capacity(commands.len());
            for change in &commands {
                decided.push(decide_command(store, &blobs, &user, change, now)?);
            }
            let acks = answers
                .into_iter()
                .map(|(change, pending)| Ack {
                    change,
                    outcome: match pending {
                        Pending::Ready(outcome) => outcome,
                        Pending::Batch(at) => AckOutcome::Accepted { seq: seqs[at] },
                        Pending::Command(at) => decided[at].clone(),
                    },
                })
                .collect();
            Ok(PushResponse { acks })
        })
        .await
}

/// Every desa inside `region`.
fn desa_in(store: &dyn Store, region: &RegionCode) -> StoreResult<Vec<RegionCode>> {
    if region.level() == RegionLevel::Desa {
        return Ok(vec![region.clone()]);
    }
    let mut out = Vec::new();
    for child in store.region_children(region)? {
        out.extend(desa_in(store, &child.code)?);
    }
    Ok(out)
}

/// GET sync/pull?after=N: the changes of the user's scope after the cursor, a page at a time.
pub async fn pull(
    state: &AppState,
    current: &CurrentUser,
    after: u64,
) -> Result<PullResponse, AppError> {
    current.require(current.user.role.reads_families(), "menerima data keluarga")?;
    let scope = current.user.region.clone();
    state
        .blocking(move |store| {
            let mut changes: Vec<(u64, Change)> = Vec::new();
            let desa_list = desa_in(store, &scope)?;
            for desa in &desa_list {
                changes.extend(store.changes_after(desa, after, MAX_PULL_CHANGES + 1)?);
            }
            changes.sort_by_key(|(seq, _)| *seq);
            changes.dedup_by_key(|(seq, _)| *seq);
            let more = changes.len() > MAX_PULL_CHANGES;
            changes.truncate(MAX_PULL_CHANGES);
            let cursor = changes.last().map(|(seq, _)| *seq).unwrap_or(after);
            let mut remaining = 0;
            if more {
                for desa in &desa_list {
                    remaining += store.count_changes_after(desa, cursor)?;
                }
            }
            Ok(PullResponse {
                changes: changes
                    .into_iter()
                    .map(|(seq, change)| PulledChange { seq, change })
                    .collect(),
                cursor,
                more,
                remaining,
            })
        })
        .await
}
