//! Proposals on the tablet. The server decides every proposal (windows, quota, who may do
//! what), so the tablet keeps the server's list of its scope (sealed, key `proposals`, refreshed
//! after every sync round) and queues what the operator asks as commands in the outbox
//! ([`ProposalCommand`]): sent, retried and acknowledged like edits. What the operator sees is
//! the server's state with the pending steps previewed on top, and every command the server
//! refused with its reason, on the family it concerns.

use super::{LocalCopy, vault};
use crate::api::{self, ApiFailure};
use std::collections::{BTreeSet, HashMap};
use tepat_domain::FamilyId;
use tepat_domain::workflow::{
    Actor, Gates, ProposalKind, ProposalState, StatusCategory, Step, StepKind, StepRecord,
    allowed_steps, apply,
};
use tepat_protocol::sync::{ProposalCommand, proposal_command, read_proposal_command};
use tepat_protocol::{NewProposal, ProposalList, routes};
use tepat_sync::ChangeId;
use vault::VaultError;

/// The vault key of the server's proposal list.
pub const KEY: &str = "proposals";

/// The steps a desa operator takes on the tablet (the musdes decision is recorded with the
/// musdes itself, and the rest of the chain is not field work).
const FIELD_STEPS: [StepKind; 4] = [
    StepKind::SubmitToMusdes,
    StepKind::SendUp,
    StepKind::Revise,
    StepKind::Withdraw,
];

/// One proposal of a family as the tablet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalProposal {
    /// Identity (made on the tablet for a proposal created here).
    pub id: uuid::Uuid,
    /// What is proposed.
    pub kind: ProposalKind,
    /// The state the server confirmed (`None`: not on the server yet, or refused there).
    pub confirmed: Option<ProposalState>,
    /// The state once the pending steps are taken (a preview: the server decides).
    pub expected: Option<ProposalState>,
    /// The steps so far, as the server recorded them.
    pub history: Vec<StepRecord>,
    /// Steps waiting to be sent, oldest first.
    pub pending: Vec<StepKind>,
    /// Whether the creation itself waits to be sent.
    pub created_here: bool,
    /// Commands the server refused, with its reasons.
    pub refusals: Vec<(ChangeId, String)>,
    /// The steps the user may ask for now.
    pub possible: Vec<StepKind>,
    /// The reason of the last return to the desa, while it is returned.
    pub returned_because: Option<String>,
}

impl LocalCopy {
    /// The proposals of one family: the server's, those made here and not yet sent, and those
    /// whose creation the server refused; oldest first.
    pub fn proposals_of(&self, family: FamilyId) -> Vec<LocalProposal> {
        let replica = self.replica.borrow();
        let role = self.user.role;
        let mut shown: Vec<LocalProposal> = self
            .proposals
            .borrow()
            .iter()
            .filter(|p| p.family == family)
            .map(|p| LocalProposal {
                id: p.id,
                kind: p.kind,
                confirmed: Some(p.state),
                expected: Some(p.state),
                history: p.steps.clone(),
                pending: Vec::new(),
                created_here: false,
                refusals: Vec::new(),
                possible: Vec::new(),
                returned_because: None,
            })
            .collect();
        shown.reverse();
        let find = |shown: &mut Vec<LocalProposal>, id, kind| -> usize {
            match shown.iter().position(|p| p.id == id) {
                Some(at) => at,
                None => {
                    shown.push(LocalProposal {
                        id,
                        kind,
                        confirmed: None,
                        expected: None,
                        history: Vec::new(),
                        pending: Vec::new(),
                        created_here: false,
                        refusals: Vec::new(),
                        possible: Vec::new(),
                        returned_because: None,
                    });
                    shown.len() - 1
                }
            }
        };
        for change in replica.pending_commands() {
            match read_proposal_command(change) {
                Some(ProposalCommand::Create(request)) if request.family == family => {
                    let at = find(&mut shown, change.record, request.kind);
                    shown[at].created_here = true;
                    shown[at].expected = Some(ProposalState::Draft);
                }
                Some(ProposalCommand::Step(step)) => {
                    if let Some(proposal) = shown.iter_mut().find(|p| p.id == change.record) {
                        proposal.pending.push(step.kind());
                        proposal.expected = proposal.expected.and_then(|state| {
                            apply(
                                proposal.kind,
                                state,
                                &step,
                                Actor::User(role),
                                &Gates::open(),
                            )
                            .ok()
                        });
                    }
                }
                _ => {}
            }
        }
        for refusal in replica.outbox().refused() {
            match read_proposal_command(&refusal.change) {
                Some(ProposalCommand::Create(request)) if request.family == family => {
                    let at = find(&mut shown, refusal.change.record, request.kind);
                    shown[at]
                        .refusals
                        .push((refusal.change.id, refusal.reason.clone()));
                }
                Some(ProposalCommand::Step(_)) => {
                    if let Some(proposal) = shown.iter_mut().find(|p| p.id == refusal.change.record)
                    {
                        proposal
                            .refusals
                            .push((refusal.change.id, refusal.reason.clone()));
                    }
                }
                _ => {}
            }
        }
        for proposal in &mut shown {
            proposal.possible = proposal
                .expected
                .map(|state| allowed_steps(state, Actor::User(role)))
                .unwrap_or_default()
                .into_iter()
                .filter(|s| FIELD_STEPS.contains(s))
                .collect();
            if proposal.expected == Some(ProposalState::Returned) {
                proposal.returned_because =
                    proposal.history.iter().rev().find_map(|r| match &r.step {
                        Step::Return { reason } => Some(reason.clone()),
                        _ => None,
                    });
            }
        }
        shown
    }

    /// The status each family with a proposal shows on the map: of its proposals, the one that
    /// most needs attention (returned, then in the chain, waiting for the musdes, a draft, in
    /// the register, closed), as the tablet expects it after the pending steps.
    pub fn statuses(&self) -> HashMap<FamilyId, StatusCategory> {
        let mut families: BTreeSet<FamilyId> =
            self.proposals.borrow().iter().map(|p| p.family).collect();
        for change in self.replica.borrow().pending_commands() {
            if let Some(ProposalCommand::Create(request)) = read_proposal_command(change) {
                families.insert(request.family);
            }
        }
        families
            .into_iter()
            .filter_map(|family| {
                StatusCategory::most_urgent(
                    self.proposals_of(family)
                        .iter()
                        .filter_map(|p| p.expected.map(ProposalState::category)),
                )
                .map(|c| (family, c))
            })
            .collect()
    }

    /// The kinds a new proposal for `family` may have: those without one still running.
    pub fn proposable_kinds(&self, family: FamilyId) -> Vec<ProposalKind> {
        if !self.user.role.works_offline() || self.user.role != tepat_domain::Role::OperatorDesa {
            return Vec::new();
        }
        let running: Vec<ProposalKind> = self
            .proposals_of(family)
            .into_iter()
            .filter(|p| p.expected.is_some_and(|s| !s.is_terminal()))
            .map(|p| p.kind)
            .collect();
        [
            ProposalKind::BansosPkh,
            ProposalKind::BansosBpnt,
            ProposalKind::PbiJk,
            ProposalKind::NewFamily,
            ProposalKind::Correction,
        ]
        .into_iter()
        .filter(|k| !running.contains(k))
        .collect()
    }

    /// Queues a command about proposal `proposal` and saves the copy before returning.
    pub async fn send_command(
        &self,
        proposal: uuid::Uuid,
        command: ProposalCommand,
    ) -> Result<(), VaultError> {
        self.replica.borrow_mut().command(
            ChangeId(uuid::Uuid::now_v7()),
            proposal,
            proposal_command(&command),
            &self.user.username,
            js_sys::Date::now() as u64,
        );
        self.save().await
    }

    /// Queues a new proposal for a family; answers its id.
    pub async fn propose(
        &self,
        family: FamilyId,
        kind: ProposalKind,
    ) -> Result<uuid::Uuid, VaultError> {
        let id = uuid::Uuid::now_v7();
        self.send_command(id, ProposalCommand::Create(NewProposal { family, kind }))
            .await?;
        Ok(id)
    }
}

/// Loads the kept list into the copy (at unlock).
pub async fn load(copy: &LocalCopy) -> Result<(), VaultError> {
    if let Some(list) = vault::get::<ProposalList>(KEY).await? {
        *copy.proposals.borrow_mut() = list.proposals;
    }
    Ok(())
}

/// The scope's proposals as the server has them now.
pub async fn fetch() -> Result<ProposalList, ApiFailure> {
    api::get(routes::PROPOSALS).await
}

/// Keeps a fetched list: in the copy at once (before any await, so a page never sees an
/// acknowledged command without its outcome), then sealed in the vault.
pub async fn keep(copy: &LocalCopy, list: ProposalList) {
    copy.proposals.borrow_mut().clone_from(&list.proposals);
    // A failed write only costs the offline view until the next round.
    let _ = vault::put(KEY, &list).await;
}

/// Fetches the scope's proposals from the server and keeps them.
pub async fn refresh(copy: &LocalCopy) -> Result<(), ApiFailure> {
    let list = fetch().await?;
    keep(copy, list).await;
    Ok(())
}
