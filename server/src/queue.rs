//! Approval queues: what waits for a user of the approval chain (pengelola data kecamatan,
//! operator and kepala Dinas Sosial, Bupati), oldest first, with each step's window today; the
//! bansos quota and waiting lists of the desa in scope; and one step taken on several proposals
//! at once, each through [`crate::proposals::decide_step`] (a refused one changes nothing).

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::policy;
use crate::proposals::{self, holds_place};
use crate::state::AppState;
use crate::store::{ProposalRecord, Store, StoreError, StoreResult};
use tepat_domain::windows::{WindowPolicy, WindowStatus, Zone};
use tepat_domain::workflow::{
    Actor, ProposalKind, ProposalState, Step, StepKind, allowed_steps, window_for,
};
use tepat_domain::{RegionCode, Role};
use tepat_protocol::{
    BulkOutcome, BulkStep, BulkStepResult, QueueItem, QueueQuota, QueueView, QueueWaiting,
    kind_code,
};

/// The steps of the approval chain, one per level: the ones a queue waits for and a bulk step
/// may take (a return needs its own reason, so it is taken one proposal at a time).
pub const CHAIN_STEPS: [StepKind; 4] = [
    StepKind::Approve,
    StepKind::Verify,
    StepKind::SignOff,
    StepKind::Ratify,
];

/// Most proposals one bulk step may name.
pub const MAX_BULK: usize = 200;

/// Whether the role has an approval queue.
pub fn has_queue(role: Role) -> bool {
    matches!(
        role,
        Role::PengelolaKecamatan | Role::OperatorDinas | Role::KepalaDinas | Role::Bupati
    )
}

/// The chain step `role` takes on a proposal in `state`, if it waits for one (a state where
/// the role could only return it does not wait for the role).
pub fn waiting_step(state: ProposalState, role: Role) -> Option<StepKind> {
    allowed_steps(state, Actor::User(role))
        .into_iter()
        .find(|s| CHAIN_STEPS.contains(s))
}

/// When the proposal reached its current state: its last step, or its creation.
pub fn reached_at(proposal: &ProposalRecord) -> jiff::Timestamp {
    proposal
        .steps
        .last()
        .map(|s| s.at)
        .unwrap_or(proposal.created_at)
}

/// Whole calendar days from `since` to `now` in the kabupaten's zone (0 the same day).
pub fn waiting_days(since: jiff::Timestamp, now: jiff::Timestamp, zone: Zone) -> u32 {
    let days = (zone.local_date(now) - zone.local_date(since)).get_days();
    days.max(0) as u32
}

/// The window of `step` on a proposal of `kind` today (`Always` when it needs none).
pub fn step_window(
    policy: &WindowPolicy,
    kind: ProposalKind,
    step: StepKind,
    now: jiff::Timestamp,
) -> WindowStatus {
    match window_for(kind, step) {
        Some(window) => policy.status(window, now),
        None => WindowStatus::Always,
    }
}

/// Oldest first (by when they reached their state), ties by id so the order never changes.
pub fn sort_oldest_first(items: &mut [QueueItem]) {
    items.sort_by(|a, b| a.since.cmp(&b.since).then(a.proposal.cmp(&b.proposal)));
}

fn head_name(store: &dyn Store, proposal: &ProposalRecord) -> StoreResult<String> {
    Ok(store
        .family(proposal.family)?
        .map(|f| f.head_name().to_owned())
        .unwrap_or_default())
}

/// The family's local decile under the scheme in force, when ranked.
fn decile(
    store: &dyn Store,
    family: tepat_domain::FamilyId,
    version: u32,
) -> StoreResult<Option<u8>> {
    Ok(store
        .scores_of(family)?
        .into_iter()
        .find(|s| s.result.scheme_version == version)
        .and_then(|s| s.local_decile))
}

/// What the queue is asked for: the region (in scope, already checked) and the kind code.
pub struct QueueQuery {
    /// The desa (or wider region) to show.
    pub region: RegionCode,
    /// Only this kind (a [`kind_code`]), when given.
    pub kind: Option<String>,
}

/// The queue of a user in `role` over `query.region`, as it stands `now`.
pub fn queue_view(
    store: &dyn Store,
    role: Role,
    query: &QueueQuery,
    now: jiff::Timestamp,
) -> StoreResult<QueueView> {
    let windows = policy::windows(store)?;
    let version = policy::scoring(store)?.version;
    let in_region = store.proposals_in(&query.region)?;
    let mut items = Vec::new();
    for proposal in &in_region {
        if query
            .kind
            .as_deref()
            .is_some_and(|k| k != kind_code(proposal.kind))
        {
            continue;
        }
        let Some(step) = waiting_step(proposal.state, role) else {
            continue;
        };
        let since = reached_at(proposal);
        items.push(QueueItem {
            proposal: proposal.id,
            family: proposal.family,
            head_name: head_name(store, proposal)?,
            desa: store.region_or_code(&proposal.desa)?,
            kind: proposal.kind,
            state: proposal.state,
            step,
            score: proposal.score,
            decile: decile(store, proposal.family, version)?,
            since,
            waiting_days: waiting_days(since, now, windows.zone),
            window: step_window(&windows, proposal.kind, step, now),
        });
    }
    sort_oldest_first(&mut items);
    let mut quota = Vec::new();
    for programme in [ProposalKind::BansosPkh, ProposalKind::BansosBpnt] {
        if query
            .kind
            .as_deref()
            .is_some_and(|k| k != kind_code(programme))
        {
            continue;
        }
        let shares = match policy::quota(store, programme)? {
            Some(settings) => {
                tepat_domain::quota::split_quota(settings.kabupaten_quota, &settings.poor_by_desa)
            }
            None => Default::default(),
        };
        let mut desa: std::collections::BTreeSet<RegionCode> = shares
            .keys()
            .filter(|d| query.region.contains(d))
            .cloned()
            .collect();
        desa.extend(
            in_region
                .iter()
                .filter(|p| p.kind == programme)
                .map(|p| p.desa.clone()),
        );
        for code in desa {
            let ledger = proposals::ledger(store, &code, programme)?;
            let placed = in_region
                .iter()
                .filter(|p| p.desa == code && p.kind == programme && holds_place(p.state))
                .count() as u32;
            let mut waiting = Vec::new();
            for entry in ledger
                .desa(&code)
                .map(|q| q.waiting.as_slice())
                .unwrap_or(&[])
            {
                let proposal = store
                    .proposal(entry.id)?
                    .ok_or(StoreError::Corrupt { table: "proposals" })?;
                waiting.push(QueueWaiting {
                    proposal: proposal.id,
                    family: proposal.family,
                    head_name: head_name(store, &proposal)?,
                    score: entry.score,
                });
            }
            quota.push(QueueQuota {
                programme,
                desa: store.region_or_code(&code)?,
                share: shares.get(&code).copied().unwrap_or(0),
                placed,
                waiting,
            });
        }
    }
    Ok(QueueView {
        today: windows.zone.local_date(now),
        items,
        quota,
    })
}

/// Refuses a bulk request that is not one chain step on 1..=[`MAX_BULK`] proposals.
pub fn check_bulk(request: &BulkStep) -> Result<(), String> {
    if !CHAIN_STEPS.contains(&request.step.kind()) {
        return Err(
            "Langkah massal hanya untuk Setujui, Verifikasi, Setujui (Kepala Dinas) atau Sahkan; \
             kembalikan usulan satu per satu dengan alasannya."
                .into(),
        );
    }
    if request.proposals.is_empty() {
        return Err("Pilih minimal satu usulan.".into());
    }
    if request.proposals.len() > MAX_BULK {
        return Err(format!(
            "Paling banyak {MAX_BULK} usulan sekali jalan: pilih lebih sedikit."
        ));
    }
    Ok(())
}

/// Takes one chain step on each proposal in turn under the workflow lock, each saved on its
/// own (so the next sees the quota as the previous left it); one outcome per proposal.
pub async fn take_bulk(
    state: &AppState,
    current: &CurrentUser,
    request: BulkStep,
) -> Result<BulkStepResult, AppError> {
    check_bulk(&request).map_err(AppError::BadRequest)?;
    let _guard = state.workflow_lock.lock().await;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            let mut outcomes = Vec::with_capacity(request.proposals.len());
            let mut seen = std::collections::BTreeSet::new();
            for id in request.proposals {
                if !seen.insert(id) {
                    continue;
                }
                let step: &Step = &request.step;
                let outcome = match proposals::decide_step(
                    s,
                    &user,
                    id,
                    step,
                    request.device.clone(),
                    now,
                )? {
                    Ok(decided) => {
                        s.save_proposals(
                            &decided.changed,
                            &decided.audit,
                            &decided.notifications,
                            None,
                        )?;
                        BulkOutcome::Done(decided.proposal.state)
                    }
                    Err(refusal) => BulkOutcome::Refused(refusal.parts().2),
                };
                outcomes.push((id, outcome));
            }
            Ok(BulkStepResult { outcomes })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::workflow::StepRecord;

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn each_chain_role_waits_for_its_own_step_and_no_one_else_has_a_queue() {
        use ProposalState as S;
        let check = [
            (
                S::KecamatanCheck,
                Role::PengelolaKecamatan,
                Some(StepKind::Approve),
            ),
            (
                S::DinasVerification,
                Role::OperatorDinas,
                Some(StepKind::Verify),
            ),
            (
                S::KepalaDinasSignOff,
                Role::KepalaDinas,
                Some(StepKind::SignOff),
            ),
            (S::BupatiRatification, Role::Bupati, Some(StepKind::Ratify)),
            // The Dinas could only return a waiting-list proposal: not in its queue.
            (S::WaitingList, Role::OperatorDinas, None),
            // Sending to the national system is not an approval.
            (S::Ratified, Role::OperatorDinas, None),
            (S::KecamatanCheck, Role::OperatorDinas, None),
            (S::KecamatanCheck, Role::OperatorDesa, None),
            (S::DinasVerification, Role::KepalaDinas, None),
        ];
        for (state, role, expected) in check {
            assert_eq!(waiting_step(state, role), expected, "{state:?} {role:?}");
        }
        let with_queue: Vec<Role> = Role::ALL.into_iter().filter(|r| has_queue(*r)).collect();
        assert_eq!(
            with_queue,
            [
                Role::PengelolaKecamatan,
                Role::OperatorDinas,
                Role::KepalaDinas,
                Role::Bupati
            ]
        );
    }

    #[test]
    fn waiting_days_count_calendar_days_in_the_kabupaten() {
        let check = [
            // 23:30 and 00:30 WIB the next day: one day.
            ("2026-11-22T16:30:00Z", "2026-11-22T17:30:00Z", 1),
            ("2026-11-20T03:00:00Z", "2026-11-23T02:00:00Z", 3),
            ("2026-11-23T01:00:00Z", "2026-11-23T02:00:00Z", 0),
            // A clock set back never gives a negative wait.
            ("2026-11-24T01:00:00Z", "2026-11-23T02:00:00Z", 0),
        ];
        for (since, now, days) in check {
            assert_eq!(waiting_days(at(since), at(now), Zone::Wib), days, "{since}");
        }
    }

    #[test]
    fn a_proposal_waits_since_its_last_step() {
        let mut proposal = ProposalRecord {
            id: uuid::Uuid::from_u128(1),
            family: tepat_domain::FamilyId(uuid::Uuid::from_u128(2)),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            kind: ProposalKind::NewFamily,
            state: ProposalState::Draft,
            score: 10,
            created_at: at("2026-11-01T00:00:00Z"),
            created_by: "op.lombangdajah".into(),
            steps: Vec::new(),
        };
        assert_eq!(reached_at(&proposal), at("2026-11-01T00:00:00Z"));
        proposal.steps.push(StepRecord {
            step: Step::SubmitToMusdes,
            by: "op.lombangdajah".into(),
            role: Some(Role::OperatorDesa),
            at: at("2026-11-05T00:00:00Z"),
            device: None,
            from: ProposalState::Draft,
            to: ProposalState::AwaitingMusdes,
        });
        assert_eq!(reached_at(&proposal), at("2026-11-05T00:00:00Z"));
    }

    #[test]
    fn the_window_of_a_queue_step() {
        let policy = WindowPolicy::bangkalan_2024();
        // 23 Nov 2026: verification is open, ratification only on H-1 (29 Nov).
        let now = at("2026-11-23T02:00:00Z");
        assert_eq!(
            step_window(&policy, ProposalKind::NewFamily, StepKind::Approve, now),
            WindowStatus::Always
        );
        assert_eq!(
            step_window(&policy, ProposalKind::NewFamily, StepKind::Ratify, now),
            WindowStatus::Closed {
                opens_on: jiff::civil::date(2026, 11, 29)
            }
        );
    }

    #[test]
    fn a_bulk_step_is_one_chain_step_on_a_bounded_list() {
        let one = vec![uuid::Uuid::from_u128(1)];
        let request = |proposals: Vec<uuid::Uuid>, step: Step| BulkStep {
            proposals,
            step,
            device: None,
        };
        assert_eq!(check_bulk(&request(one.clone(), Step::Approve)), Ok(()));
        assert!(
            check_bulk(&request(
                one.clone(),
                Step::Return {
                    reason: "Foto tidak jelas".into()
                }
            ))
            .unwrap_err()
            .contains("satu per satu")
        );
        assert!(check_bulk(&request(one, Step::SendUp)).is_err());
        assert_eq!(
            check_bulk(&request(Vec::new(), Step::Verify)),
            Err("Pilih minimal satu usulan.".into())
        );
        let many = (0..=MAX_BULK as u128).map(uuid::Uuid::from_u128).collect();
        assert!(check_bulk(&request(many, Step::Ratify)).is_err());
    }

    #[test]
    fn oldest_first_then_by_id() {
        let item = |id: u128, since: &str| QueueItem {
            proposal: uuid::Uuid::from_u128(id),
            family: tepat_domain::FamilyId(uuid::Uuid::from_u128(id)),
            head_name: String::new(),
            desa: tepat_protocol::RegionRef {
                code: RegionCode::parse("35.26.15.2012").unwrap(),
                name: "Lombang Dajah".into(),
                level: tepat_domain::RegionLevel::Desa,
            },
            kind: ProposalKind::NewFamily,
            state: ProposalState::KecamatanCheck,
            step: StepKind::Approve,
            score: 0,
            decile: None,
            since: at(since),
            waiting_days: 0,
            window: WindowStatus::Always,
        };
        let mut items = vec![
            item(3, "2026-11-03T00:00:00Z"),
            item(2, "2026-11-01T00:00:00Z"),
            item(1, "2026-11-03T00:00:00Z"),
        ];
        sort_oldest_first(&mut items);
        let order: Vec<u128> = items.iter().map(|i| i.proposal.as_u128()).collect();
        assert_eq!(order, [2, 1, 3]);
    }
}
