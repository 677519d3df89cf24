//! House labels on the tablet, kept like visits: the server's labellings of the scope (sealed,
//! key `labels`, refreshed after every sync round) with what this tablet recorded on top: a
//! label recorded here waits in the outbox as a `!label` command ([`LabelCommand`], its record
//! the family's id) beside its queued photo, and shows at once marked as not sent; a label the
//! server refused shows on the family with the reason.

use super::{LocalCopy, vault};
use crate::api::{self, ApiFailure};
use tepat_domain::FamilyId;
use tepat_domain::cases::Labelling;
use tepat_domain::family::PhotoRef;
use tepat_protocol::labels::{LabelCommand, LabelList, label_command, read_label_command};
use tepat_protocol::routes;
use tepat_sync::{Change, ChangeId};
use vault::VaultError;

/// The vault key of the server's labelling list.
pub const KEY: &str = "labels";

/// A family's label as the tablet shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LocalLabel {
    /// The label: the newest one recorded here and not sent, else the server's.
    pub labelling: Option<Labelling>,
    /// Recorded here and not sent yet.
    pub pending: bool,
    /// Labels of this house the server refused, with the reasons.
    pub refusals: Vec<(ChangeId, String)>,
}

fn as_labelling(copy: &LocalCopy, change: &Change) -> Option<Labelling> {
    let LabelCommand::Record { on, photo } = read_label_command(change)?;
    Some(Labelling {
        family: FamilyId(change.record),
        desa: copy.user.region.code.clone(),
        on,
        photo,
        by: change.user.clone(),
        recorded_at: jiff::Timestamp::from_millisecond(change.stamp.wall_ms as i64)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
    })
}

impl LocalCopy {
    /// Whether `family` receives PKH or BPNT, by the server's rule (`server/src/labels.rs`): its
    /// instrument's programmes answer, or a PKH/BPNT proposal of it that reached the register.
    pub fn receives_bansos(&self, family: &tepat_domain::Family) -> bool {
        use tepat_domain::workflow::{ProposalKind, ProposalState};
        let answered = tepat_domain::targeting::Receives::from_programmes(
            family.instrument.programmes.as_deref().unwrap_or_default(),
        );
        answered.bansos()
            || self.proposals.borrow().iter().any(|p| {
                p.family == family.id
                    && p.state == ProposalState::Final
                    && matches!(p.kind, ProposalKind::BansosPkh | ProposalKind::BansosBpnt)
            })
    }

    /// The label of `family`'s house.
    pub fn label_of(&self, family: FamilyId) -> LocalLabel {
        let mut shown = LocalLabel {
            labelling: self
                .labels
                .borrow()
                .iter()
                .find(|l| l.family == family)
                .cloned(),
            ..LocalLabel::default()
        };
        let replica = self.replica.borrow();
        for change in replica.pending_commands() {
            if change.record == family.0
                && let Some(labelling) = as_labelling(self, change)
            {
                shown.labelling = Some(labelling);
                shown.pending = true;
            }
        }
        for refusal in replica.outbox().refused() {
            if refusal.change.record == family.0 && read_label_command(&refusal.change).is_some() {
                shown
                    .refusals
                    .push((refusal.change.id, refusal.reason.clone()));
            }
        }
        shown
    }

    /// Queues the label of `family`'s house, put up on `on`, with its photo (already queued
    /// for upload by [`super::photos::take`]).
    pub async fn record_label(
        &self,
        family: FamilyId,
        on: jiff::civil::Date,
        photo: PhotoRef,
    ) -> Result<(), VaultError> {
        let command = LabelCommand::Record { on, photo: photo.0 };
        self.replica.borrow_mut().command(
            ChangeId(uuid::Uuid::now_v7()),
            family.0,
            label_command(&command),
            &self.user.username,
            js_sys::Date::now() as u64,
        );
        self.save().await
    }
}

/// Loads the kept list into the copy (at unlock).
pub async fn load(copy: &LocalCopy) -> Result<(), VaultError> {
    if let Some(list) = vault::get::<LabelList>(KEY).await? {
        *copy.labels.borrow_mut() = list.labellings;
    }
    Ok(())
}

/// The scope's labellings as the server has them now.
pub async fn fetch() -> Result<LabelList, ApiFailure> {
    api::get(routes::LABELS).await
}

/// Keeps a fetched list: in the copy at once, then sealed in the vault.
pub async fn keep(copy: &LocalCopy, list: LabelList) {
    copy.labels.borrow_mut().clone_from(&list.labellings);
    // A failed write only costs the offline view until the next round.
    let _ = vault::put(KEY, &list).await;
}

/// Fetches the scope's labellings from the server and keeps them.
pub async fn refresh(copy: &LocalCopy) -> Result<(), ApiFailure> {
    let list = fetch().await?;
    keep(copy, list).await;
    Ok(())
}
