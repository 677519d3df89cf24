//! Proposals on the server: creating a draft, and taking workflow steps. Every step goes through
//! `tepat_domain::workflow::apply` with gates the server decides now: the time window from the
//! policy and the clock, the desa's quota from the proposals already placed. Steps are taken one
//! at a time (`AppState::workflow_lock`), so two steps never both take a desa's last place; a
//! freed place promotes the best waiting proposal in the same transaction.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::policy;
use crate::state::AppState;
use crate::store::{
    AuditAction, AuditEntry, Notification, NotificationKind, ProposalRecord, Store, StoreResult,
    UserRecord,
};
use tepat_domain::quota::{QuotaLedger, split_quota};
use tepat_domain::windows::WindowStatus;
use tepat_domain::workflow::{
    Actor, Gates, ProposalKind, ProposalState, Step, StepRecord, allowed_steps, apply, window_for,
};
use tepat_domain::{RegionCode, RegionLevel, Role};
use tepat_protocol::{NewProposal, ProposalView};

/// States in which a bansos proposal holds one of its desa's places.
pub fn holds_place(state: ProposalState) -> bool {
    matches!(
        state,
        ProposalState::KecamatanCheck
            | ProposalState::DinasVerification
            | ProposalState::KepalaDinasSignOff
            | ProposalState::BupatiRatification
            | ProposalState::Ratified
            | ProposalState::SentToNational
            | ProposalState::Final
    )
}

/// The quota ledger of one programme in one desa, rebuilt from its proposals: the places taken
/// first, then the waiting ones in the order they arrived (the ledger keeps them poorest first).
pub(crate) fn ledger(
    store: &dyn Store,
    desa: &RegionCode,
    programme: ProposalKind,
) -> StoreResult<QuotaLedger<uuid::Uuid>> {
    let shares = match policy::quota(store, programme)? {
        Some(settings) => split_quota(settings.kabupaten_quota, &settings.poor_by_desa),
        None => Default::default(),
    };
    let mut ledger = QuotaLedger::new(shares);
    let mut mine: Vec<ProposalRecord> = store
        .proposals_in(desa)?
        .into_iter()
        .filter(|p| p.kind == programme)
        .collect();
    mine.sort_by_key(|p| p.created_at);
    for proposal in mine.iter().filter(|p| holds_place(p.state)) {
        ledger.place(desa, proposal.id, proposal.score);
    }
    for proposal in mine
        .iter()
        .filter(|p| p.state == ProposalState::WaitingList)
    {
        ledger.place(desa, proposal.id, proposal.score);
    }
    Ok(ledger)
}

/// The view of a proposal for a user in `role`.
pub fn view(store: &dyn Store, proposal: &ProposalRecord, role: Role) -> StoreResult<ProposalView> {
    let head_name = store
        .family(proposal.family)?
        .map(|f| f.head_name().to_owned())
        .unwrap_or_default();
    let waiting_position = if proposal.state == ProposalState::WaitingList {
        let ledger = ledger(store, &proposal.desa, proposal.kind)?;
        ledger
            .desa(&proposal.desa)
            .and_then(|q| q.waiting.iter().position(|w| w.id == proposal.id))
            .map(|i| i as u32 + 1)
    } else {
        None
    };
    Ok(ProposalView {
        id: proposal.id,
        family: proposal.family,
        head_name,
        desa: store.region_or_code(&proposal.desa)?,
        kind: proposal.kind,
        state: proposal.state,
        score: proposal.score,
        waiting_position,
        steps: proposal.steps.clone(),
        allowed_steps: allowed_steps(proposal.state, Actor::User(role)),
    })
}

/// A request decided: the proposal as it now stands, every proposal it changed (a freed place
/// promotes a waiting one) and their audit entries, to be saved in one transaction.
pub struct Decided {
    /// The proposal asked about.
    pub proposal: ProposalRecord,
    /// Every proposal to write.
    pub changed: Vec<ProposalRecord>,
    /// What the audit trail records.
    pub audit: Vec<AuditEntry>,
    /// What the desa is told (a proposal returned to it).
    pub notifications: Vec<Notification>,
}

/// `Some` refusal when `region` lies outside the user's scope (both named).
fn out_of_scope(
    store: &dyn Store,
    user: &UserRecord,
    region: &RegionCode,
) -> StoreResult<Option<AppError>> {
    if user.region.contains(region) {
        return Ok(None);
    }
    let name = |code: &RegionCode| -> StoreResult<String> {
        Ok(store
            .region(code)?
            .map(|r| r.display_name())
            .unwrap_or_else(|| code.to_string()))
    };
    Ok(Some(AppError::OutOfScope {
        region: name(region)?,
        scope: name(&user.region)?,
    }))
}

/// Decides a new draft proposal `id` for a family of the operator's desa. Nothing is written.
pub fn decide_create(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    request: &NewProposal,
    now: jiff::Timestamp,
) -> StoreResult<Result<Decided, AppError>> {
    if user.role != Role::OperatorDesa {
        return Ok(Err(AppError::Forbidden(
            "membuat usulan (hanya operator desa)",
        )));
    }
    let Some(family) = store.family(request.family)? else {
        return Ok(Err(AppError::NotFound("Keluarga")));
    };
    if let Some(refusal) = out_of_scope(store, user, &family.desa)? {
        return Ok(Err(refusal));
    }
    if store.proposal(id)?.is_some() {
        return Ok(Err(AppError::BadRequest(
            "ID usulan ini sudah dipakai usulan lain.".into(),
        )));
    }
    let open = store
        .proposals_in(&family.desa)?
        .into_iter()
        .any(|p| p.family == family.id && p.kind == request.kind && !p.state.is_terminal());
    if open {
        return Ok(Err(AppError::BadRequest(format!(
            "Keluarga ini sudah punya {} yang masih berjalan: lanjutkan usulan itu.",
            request.kind.label_id().to_lowercase()
        ))));
    }
    let scheme = policy::scoring(store)?;
    let proposal = ProposalRecord {
        id,
        family: family.id,
        desa: family.desa.clone(),
        kind: request.kind,
        state: ProposalState::Draft,
        score: family.score(&scheme).total,
        created_at: now,
        created_by: user.username.clone(),
        steps: Vec::new(),
    };
    let audit = AuditEntry::by(
        now,
        user,
        AuditAction::ProposalCreated,
        format!("usulan {}", request.kind.label_id()),
    )
    .family(family.id)
    .proposal(proposal.id)
    .change("", proposal.state.label_id());
    Ok(Ok(Decided {
        changed: vec![proposal.clone()],
        proposal,
        audit: vec![audit],
        notifications: Vec::new(),
    }))
}

/// Why a musdes decision is refused as a step of its own.
pub const DECISION_ONLY_AT_MUSDES: &str = "Keputusan musdes dicatat di halaman Musdes: catat keputusan tiap usulan, \
unggah empat bukti (berita acara, foto rapat, daftar hadir, foto pengumuman hasil), lalu tutup musdes.";

/// Decides `step` on proposal `id` for `user` as a request of its own (the step route, a sync
/// command), with the gates as they are `now`. A musdes decision is refused here by the
/// workflow's musdes gate: it is taken only by closing a musdes with its evidence
/// ([`crate::musdes`]). Nothing is written; the caller holds `AppState::workflow_lock` until it
/// saved the result.
pub fn decide_step(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    step: &Step,
    device: Option<String>,
    now: jiff::Timestamp,
) -> StoreResult<Result<Decided, AppError>> {
    let outside_a_meeting = Some(DECISION_ONLY_AT_MUSDES.to_owned());
    decide_gated(store, user, id, step, device, now, outside_a_meeting)
}

/// Decides a step with the musdes gate given: `None` only when closing a musdes that has its
/// four documents ([`crate::musdes`]), else why a musdes decision cannot be recorded.
pub(crate) fn decide_gated(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    step: &Step,
    device: Option<String>,
    now: jiff::Timestamp,
    musdes_evidence_missing: Option<String>,
) -> StoreResult<Result<Decided, AppError>> {
    if !user.role.reads_families() {
        return Ok(Err(AppError::Forbidden("mengubah usulan")));
    }
    let Some(mut proposal) = store.proposal(id)? else {
        return Ok(Err(AppError::NotFound("Usulan")));
    };
    if let Some(refusal) = out_of_scope(store, user, &proposal.desa)? {
        return Ok(Err(refusal));
    }
    let windows = policy::windows(store)?;
    let window_closed =
        window_for(proposal.kind, step.kind()).and_then(|kind| match windows.status(kind, now) {
            WindowStatus::Closed { opens_on } => Some(windows.closed_message(kind, opens_on)),
            WindowStatus::Open { .. } | WindowStatus::Always => None,
        });
    let mut quota = ledger(store, &proposal.desa, proposal.kind)?;
    if matches!(step, Step::SendUp)
        && let Some(family) = store.family(proposal.family)?
    {
        // The waiting list orders by today's score, not the one at creation.
        proposal.score = family.score(&policy::scoring(store)?).total;
    }
    let gates = Gates {
        window_closed,
        quota_available: quota.has_place(&proposal.desa),
        musdes_evidence_missing,
    };
    let actor = Actor::User(user.role);
    let to = match apply(proposal.kind, proposal.state, step, actor, &gates) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(AppError::StepRefused(refusal.to_string()))),
    };
    let from = proposal.state;
    proposal.state = to;
    proposal.steps.push(StepRecord {
        step: step.clone(),
        by: user.username.clone(),
        role: Some(user.role),
        at: now,
        device: device.clone(),
        from,
        to,
    });
    let mut audit = vec![
        AuditEntry::by(
            now,
            user,
            AuditAction::ProposalStep,
            match step {
                Step::Return { reason } => format!(
                    "usulan {}: {} ({reason})",
                    proposal.kind.label_id(),
                    step.kind().label_id()
                ),
                _ => format!(
                    "usulan {}: {}",
                    proposal.kind.label_id(),
                    step.kind().label_id()
                ),
            },
        )
        .device(device)
        .family(proposal.family)
        .proposal(proposal.id)
        .change(from.label_id(), to.label_id()),
    ];
    let mut notifications = Vec::new();
    if let Step::Return { reason } = step {
        notifications.push(returned(store, &proposal, user, reason, now)?);
    }
    let mut changed = vec![proposal.clone()];
    // A place freed in a programme with a quota goes to the best waiting proposal.
    if proposal.kind.has_quota()
        && holds_place(from)
        && !holds_place(to)
        && let Some(promoted_id) = quota.release(&proposal.desa, &proposal.id)
        && let Some(mut promoted) = store.proposal(promoted_id)?
    {
        let promoted_from = promoted.state;
        let promoted_to = apply(
            promoted.kind,
            promoted_from,
            &Step::PromoteFromWaitingList,
            Actor::System,
            &Gates::open(),
        )
        .map_err(|e| crate::store::StoreError::Backend(format!("promotion refused: {e}")))?;
        promoted.state = promoted_to;
        promoted.steps.push(StepRecord {
            step: Step::PromoteFromWaitingList,
            by: "sistem".into(),
            role: None,
            at: now,
            device: None,
            from: promoted_from,
            to: promoted_to,
        });
        audit.push(
            AuditEntry::new(
                now,
                "sistem",
                AuditAction::ProposalStep,
                format!(
                    "usulan {} naik dari daftar tunggu",
                    promoted.kind.label_id()
                ),
            )
            .family(promoted.family)
            .proposal(promoted.id)
            .change(promoted_from.label_id(), promoted_to.label_id()),
        );
        changed.push(promoted);
    }
    Ok(Ok(Decided {
        proposal,
        changed,
        audit,
        notifications,
    }))
}

/// The notification telling a proposal's desa that it was returned, by whom and why.
fn returned(
    store: &dyn Store,
    proposal: &ProposalRecord,
    user: &UserRecord,
    reason: &str,
    now: jiff::Timestamp,
) -> StoreResult<Notification> {
    let head = store
        .family(proposal.family)?
        .map(|f| f.head_name().to_owned())
        .unwrap_or_else(|| proposal.family.to_string());
    Ok(Notification {
        at: now,
        desa: proposal.desa.clone(),
        kind: NotificationKind::ProposalReturned {
            family: proposal.family,
            proposal: proposal.id,
            by: user.username.clone(),
            reason: reason.to_owned(),
        },
        message: format!(
            "Usulan {} untuk keluarga {head} dikembalikan oleh {} ({}): {reason}",
            proposal.kind.label_id(),
            user.username,
            user.role.label_id()
        ),
    })
}

/// Saves what was decided and answers with the view, or the refusal.
fn save_decided(
    store: &dyn Store,
    decided: Result<Decided, AppError>,
    role: Role,
) -> StoreResult<Result<ProposalView, AppError>> {
    match decided {
        Err(refusal) => Ok(Err(refusal)),
        Ok(decided) => {
            store.save_proposals(
                &decided.changed,
                &decided.audit,
                &decided.notifications,
                None,
            )?;
            Ok(Ok(view(store, &decided.proposal, role)?))
        }
    }
}

/// Creates a draft proposal for a family of the operator's desa (the JSON API; a tablet sends
/// [`tepat_protocol::sync::ProposalCommand::Create`] through sync instead).
pub async fn create(
    state: &AppState,
    current: &CurrentUser,
    request: NewProposal,
) -> Result<ProposalView, AppError> {
    let now = state.clock.now();
    let user = current.user.clone();
    let _guard = state.workflow_lock.lock().await;
    state
        .blocking(move |s| {
            let decided = decide_create(s, &user, uuid::Uuid::now_v7(), &request, now)?;
            save_decided(s, decided, user.role)
        })
        .await?
}

/// Takes a step on a proposal for the current user.
pub async fn take_step(
    state: &AppState,
    current: &CurrentUser,
    id: uuid::Uuid,
    step: Step,
    device: Option<String>,
) -> Result<ProposalView, AppError> {
    let _guard = state.workflow_lock.lock().await;
    let now = state.clock.now();
    let user = current.user.clone();
    state
        .blocking(move |s| {
            let decided = decide_step(s, &user, id, &step, device, now)?;
            save_decided(s, decided, user.role)
        })
        .await?
}

/// Checks quota settings against the kabupaten: every code a desa of it, none twice.
pub fn check_quota_settings(
    store: &dyn Store,
    kabupaten: &RegionCode,
    settings: &tepat_protocol::QuotaSettings,
) -> StoreResult<Result<(), String>> {
    let mut seen = std::collections::BTreeSet::new();
    for (desa, _) in &settings.poor_by_desa {
        if !seen.insert(desa.clone()) {
            return Ok(Err(format!("Desa {desa} tercantum dua kali.")));
        }
        let known = kabupaten.contains(desa)
            && store
                .region(desa)?
                .is_some_and(|r| r.level == RegionLevel::Desa);
        if !known {
            return Ok(Err(format!("{desa} bukan desa di kabupaten ini.")));
        }
    }
    Ok(Ok(()))
}
