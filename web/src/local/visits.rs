//! Verifiers' visits on the tablet, kept like proposals: the server's list of the scope (sealed,
//! key `visits`, refreshed after every sync round) with what this tablet asked on top: a visit
//! recorded here or an answer to its disputes waits in the outbox as a command
//! ([`VisitCommand`]) and is shown at once, marked as not sent; a command the server refused
//! shows on the visit's family with the reason.

use super::{LocalCopy, vault};
use crate::api::{self, ApiFailure};
use std::collections::BTreeSet;
use tepat_domain::FamilyId;
use tepat_domain::visit::{NewVisit, Resolution, Visit};
use tepat_protocol::sync::{VisitCommand, read_visit_command, visit_command};
use tepat_protocol::{VisitList, routes};
use tepat_sync::ChangeId;
use vault::VaultError;

/// The vault key of the server's visit list.
pub const KEY: &str = "visits";

/// When a change was made, by its device's clock.
fn made_at(change: &tepat_sync::Change) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(change.stamp.wall_ms as i64)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// One visit as the tablet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalVisit {
    /// The visit, with an answer given here shown as given.
    pub visit: Visit,
    /// Recorded here and not sent yet.
    pub pending: bool,
    /// Answered here and not sent yet.
    pub answer_pending: bool,
    /// Commands about it the server refused, with the reasons.
    pub refusals: Vec<(ChangeId, String)>,
}

impl LocalVisit {
    /// Whether the desa still has to answer it (nothing sent or waiting for that).
    pub fn waits_for_desa(&self) -> bool {
        self.visit.waits_for_desa()
    }
}

impl LocalCopy {
    /// The visits of one family, newest first: the server's, those recorded here, and those
    /// whose recording the server refused.
    pub fn visits_of(&self, family: FamilyId) -> Vec<LocalVisit> {
        let mut shown: Vec<LocalVisit> = self
            .visits
            .borrow()
            .iter()
            .filter(|v| v.visit.family == family)
            .map(|v| LocalVisit {
                visit: v.clone(),
                pending: false,
                answer_pending: false,
                refusals: Vec::new(),
            })
            .collect();
        let replica = self.replica.borrow();
        let me = &self.user.username;
        for change in replica.pending_commands() {
            match read_visit_command(change) {
                Some(VisitCommand::Record(visit))
                    if visit.family == family
                        && !shown.iter().any(|v| v.visit.id == change.record) =>
                {
                    shown.push(LocalVisit {
                        visit: Visit {
                            id: change.record,
                            desa: self.user.region.code.clone(),
                            by: me.clone(),
                            at: made_at(change),
                            visit,
                            resolution: None,
                        },
                        pending: true,
                        answer_pending: false,
                        refusals: Vec::new(),
                    });
                }
                Some(VisitCommand::Answer(note)) => {
                    if let Some(shown) = shown.iter_mut().find(|v| v.visit.id == change.record) {
                        shown.visit.resolution = Some(Resolution {
                            by: me.clone(),
                            at: made_at(change),
                            note,
                        });
                        shown.answer_pending = true;
                    }
                }
                _ => {}
            }
        }
        for refusal in replica.outbox().refused() {
            let reason = (refusal.change.id, refusal.reason.clone());
            match read_visit_command(&refusal.change) {
                Some(VisitCommand::Record(visit)) if visit.family == family => {
                    shown.push(LocalVisit {
                        visit: Visit {
                            id: refusal.change.record,
                            desa: self.user.region.code.clone(),
                            by: me.clone(),
                            at: made_at(&refusal.change),
                            visit,
                            resolution: None,
                        },
                        pending: false,
                        answer_pending: false,
                        refusals: vec![reason],
                    });
                }
                Some(VisitCommand::Answer(_)) => {
                    if let Some(shown) = shown
                        .iter_mut()
                        .find(|v| v.visit.id == refusal.change.record)
                    {
                        shown.refusals.push(reason);
                    }
                }
                _ => {}
            }
        }
        shown.sort_by_key(|v| std::cmp::Reverse(v.visit.at));
        shown
    }

    /// The families with a visit whose disputes wait for the desa's answer.
    pub fn disputed_families(&self) -> BTreeSet<FamilyId> {
        let families: BTreeSet<FamilyId> = self
            .visits
            .borrow()
            .iter()
            .map(|v| v.visit.family)
            .collect();
        families
            .into_iter()
            .filter(|f| {
                self.visits_of(*f)
                    .iter()
                    .any(|v| !v.pending && v.waits_for_desa())
            })
            .collect()
    }

    /// Queues a visit recorded here; answers its id.
    pub async fn record_visit(&self, visit: NewVisit) -> Result<uuid::Uuid, VaultError> {
        let id = uuid::Uuid::now_v7();
        self.send_visit_command(id, VisitCommand::Record(visit))
            .await?;
        Ok(id)
    }

    /// Queues the desa's answer to visit `id`.
    pub async fn answer_visit(&self, id: uuid::Uuid, note: String) -> Result<(), VaultError> {
        self.send_visit_command(id, VisitCommand::Answer(note))
            .await
    }

    async fn send_visit_command(
        &self,
        visit: uuid::Uuid,
        command: VisitCommand,
    ) -> Result<(), VaultError> {
        self.replica.borrow_mut().command(
            ChangeId(uuid::Uuid::now_v7()),
            visit,
            visit_command(&command),
            &self.user.username,
            js_sys::Date::now() as u64,
        );
        self.save().await
    }
}

/// Loads the kept list into the copy (at unlock).
pub async fn load(copy: &LocalCopy) -> Result<(), VaultError> {
    if let Some(list) = vault::get::<VisitList>(KEY).await? {
        *copy.visits.borrow_mut() = list.visits;
    }
    Ok(())
}

/// The scope's visits as the server has them now.
pub async fn fetch() -> Result<VisitList, ApiFailure> {
    api::get(routes::VISITS).await
}

/// Keeps a fetched list: in the copy at once, then sealed in the vault.
pub async fn keep(copy: &LocalCopy, list: VisitList) {
    copy.visits.borrow_mut().clone_from(&list.visits);
    // A failed write only costs the offline view until the next round.
    let _ = vault::put(KEY, &list).await;
}

/// Fetches the scope's visits from the server and keeps them.
pub async fn refresh(copy: &LocalCopy) -> Result<(), ApiFailure> {
    let list = fetch().await?;
    keep(copy, list).await;
    Ok(())
}
