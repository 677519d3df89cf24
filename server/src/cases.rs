//! Citizens' cases as the desa and kecamatan work them: the inbox in scope with its counts, one
//! case with the register's candidate families (masked NIK, PKH/BPNT, decile, proposals), and
//! the actions: a visit, the family it is about, the decision with evidence and a proposal.
//! Every action is checked here (role, the case's desa in scope, files uploaded whole, a family
//! of the case's desa, a proposal of that family) before the domain's rules on the `Case`, and
//! saved with its audit entry (never the reporter's phone) in one transaction.

use crate::auth::CurrentUser;
use crate::blobs::BlobHash;
use crate::error::AppError;
use crate::policy;
use crate::state::AppState;
use crate::store::{AuditEntry, Store, StoreResult, UserRecord};
use tepat_domain::cases::{Case, CaseDecision, CaseKind, CaseState, CaseSubject, CaseVisit};
use tepat_domain::instrument::Programme;
use tepat_domain::targeting::Receives;
use tepat_domain::workflow::{ProposalKind, ProposalState};
use tepat_domain::{Family, FamilyId, RegionCode, Role};
use tepat_protocol::AuditAction;
use tepat_protocol::cases::{
    CandidateFamily, CaseAction, CaseLine, CaseList, CaseProposal, CaseView,
};

/// The inbox's filter (both optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct CaseFilter {
    /// Only cases in this state.
    pub state: Option<CaseState>,
    /// Only cases of this kind.
    pub kind: Option<CaseKind>,
}

/// Whether a role reads cases at all (every role that reads families).
pub fn reads_cases(role: Role) -> bool {
    role.reads_families()
}

/// Whether the role may see the reporter's phone (those who call back: desa and kecamatan).
fn sees_phone(role: Role) -> bool {
    role.visits_cases()
}

fn desa_name(store: &dyn Store, desa: &RegionCode) -> StoreResult<String> {
    Ok(store
        .region(desa)?
        .map(|r| r.name)
        .unwrap_or_else(|| desa.to_string()))
}

fn line(case: &Case, desa_name: String) -> CaseLine {
    let (reason, has_photo) = match &case.subject {
        CaseSubject::Usul(u) => (None, u.photo.is_some()),
        CaseSubject::Sanggah(s) => (Some(s.reason), false),
    };
    CaseLine {
        id: case.id,
        code: case.code.clone(),
        kind: case.kind(),
        desa: case.desa.clone(),
        desa_name,
        filed_at: case.filed_at,
        state: case.state(),
        named: case.subject.named().to_owned(),
        dusun: case.subject.dusun().to_owned(),
        reason,
        matches: u32::try_from(case.matches.len()).unwrap_or(u32::MAX),
        maybe_duplicate: case.kind() == CaseKind::Usul && !case.matches.is_empty(),
        has_photo,
        outcome: case.decision.as_ref().map(|d| d.outcome),
    }
}

/// The cases of `region` (in scope, already checked) that `filter` keeps, newest first, with
/// the counts by state of all of them.
pub fn list(store: &dyn Store, region: &RegionCode, filter: CaseFilter) -> StoreResult<CaseList> {
    let mut cases = store.cases_in(region)?;
    cases.sort_by_key(|c| std::cmp::Reverse((c.filed_at, c.id)));
    let mut out = CaseList::default();
    let mut names = std::collections::BTreeMap::new();
    for case in &cases {
        match case.state() {
            CaseState::New => out.new += 1,
            CaseState::Visited => out.visited += 1,
            CaseState::Decided => out.decided += 1,
        }
        if filter.state.is_some_and(|s| s != case.state())
            || filter.kind.is_some_and(|k| k != case.kind())
        {
            continue;
        }
        let name = match names.get(&case.desa) {
            Some(name) => String::clone(name),
            None => {
                let name = desa_name(store, &case.desa)?;
                names.insert(case.desa.clone(), name.clone());
                name
            }
        };
        out.cases.push(line(case, name));
    }
    Ok(out)
}

/// A family as a candidate: masked NIK, programmes, decile, proposals.
fn candidate(store: &dyn Store, family: &Family, version: u32) -> StoreResult<CandidateFamily> {
    let proposals: Vec<_> = store
        .proposals_in(&family.desa)?
        .into_iter()
        .filter(|p| p.family == family.id)
        .collect();
    let mut receives =
        Receives::from_programmes(family.instrument.programmes.as_deref().unwrap_or_default());
    for p in proposals.iter().filter(|p| p.state == ProposalState::Final) {
        match p.kind {
            ProposalKind::BansosPkh => receives.add(Programme::Pkh),
            ProposalKind::BansosBpnt => receives.add(Programme::Bpnt),
            _ => {}
        }
    }
    let decile = store
        .scores_of(family.id)?
        .into_iter()
        .find(|s| s.result.scheme_version == version)
        .and_then(|s| s.local_decile);
    let head = family.head();
    Ok(CandidateFamily {
        id: family.id,
        head_name: head.map(|h| h.name.clone()).unwrap_or_default(),
        dusun: family.address.dusun.clone(),
        nik_masked: head.map(|h| h.nik.masked()),
        pkh: receives.pkh,
        bpnt: receives.bpnt,
        decile,
        proposals: proposals
            .iter()
            .map(|p| CaseProposal {
                id: p.id,
                kind: p.kind,
                state: p.state,
            })
            .collect(),
    })
}

/// The case as `user` (whose scope holds it) sees it.
pub fn view(store: &dyn Store, case: &Case, user: &UserRecord) -> StoreResult<CaseView> {
    let version = policy::scoring(store)?.version;
    let mut candidates = Vec::new();
    for id in &case.matches {
        if let Some(family) = store.family(*id)? {
            candidates.push(candidate(store, &family, version)?);
        }
    }
    let family = match case.family {
        Some(id) => match store.family(id)? {
            Some(family) => Some(candidate(store, &family, version)?),
            None => None,
        },
        None => None,
    };
    let mut subject = case.subject.clone();
    let mut nik_masked = None;
    if let CaseSubject::Usul(usul) = &mut subject {
        nik_masked = usul.nik.as_ref().map(|n| n.masked());
        if !user.role.sees_full_identity() {
            usul.nik = None;
        }
    }
    let open = case.decision.is_none();
    Ok(CaseView {
        line: line(case, desa_name(store, &case.desa)?),
        subject,
        nik_masked,
        phone: sees_phone(user.role).then(|| case.phone.clone()).flatten(),
        candidates,
        family,
        visit: case.visit.clone(),
        decision: case.decision.clone(),
        may_visit: open && user.role.visits_cases(),
        may_decide: open && user.role.decides_cases() && case.visit.is_some(),
    })
}

/// The case `id` when `user`'s scope holds it (`None` otherwise, so its existence is not told).
pub fn in_scope(store: &dyn Store, id: uuid::Uuid, user: &UserRecord) -> StoreResult<Option<Case>> {
    Ok(store
        .case(id)?
        .filter(|case| user.region.contains(&case.desa)))
}

/// Whether a case refers to a file (the usul's photo, the visit photo, the evidence).
pub fn refers_to(case: &Case, file: &[u8; 32]) -> bool {
    let usul_photo = match &case.subject {
        CaseSubject::Usul(u) => u.photo.as_ref(),
        CaseSubject::Sanggah(_) => None,
    };
    [
        usul_photo,
        case.visit.as_ref().and_then(|v| v.photo.as_ref()),
        case.decision.as_ref().and_then(|d| d.evidence.as_ref()),
    ]
    .into_iter()
    .flatten()
    .any(|f| f == file)
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::BadRequest(message.into())
}

/// Refuses a file not uploaded whole.
async fn require_whole(
    state: &AppState,
    file: Option<[u8; 32]>,
    what: &str,
) -> Result<(), AppError> {
    let Some(file) = file else {
        return Ok(());
    };
    let blobs = state.blobs.clone();
    let status = tokio::task::spawn_blocking(move || blobs.status(&BlobHash(file)))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if status.complete {
        Ok(())
    } else {
        Err(refused(format!(
            "{what} belum terkirim utuh ke server. Tunggu unggahan selesai, lalu coba lagi."
        )))
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Takes `action` on case `id` for `current` and answers the case as it now is. Nothing is
/// changed when anything is refused.
pub async fn act(
    state: &AppState,
    current: &CurrentUser,
    id: uuid::Uuid,
    action: CaseAction,
) -> Result<CaseView, AppError> {
    let user = current.user.clone();
    current.require(
        user.role.visits_cases(),
        "mengerjakan kasus warga (hanya operator desa, pendamping dan kecamatan)",
    )?;
    if let CaseAction::Decide { .. } = action {
        current.require(
            user.role.decides_cases(),
            "memutuskan kasus warga (hanya operator desa dan kecamatan)",
        )?;
    }
    match &action {
        CaseAction::Visit { photo, .. } => require_whole(state, *photo, "Foto kunjungan").await?,
        CaseAction::Decide { evidence, .. } => {
            require_whole(state, *evidence, "Bukti keputusan").await?
        }
        CaseAction::Link { .. } => {}
    }
    let now = state.clock.now();
    let _serial = state.workflow_lock.lock().await;
    state
        .blocking(move |s| Ok(decide(s, &user, id, action, now)))
        .await?
}

/// Decides and saves one action (under the caller's lock).
fn decide(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    action: CaseAction,
    now: jiff::Timestamp,
) -> Result<CaseView, AppError> {
    let Some(mut case) = in_scope(store, id, user)? else {
        return Err(AppError::NotFound("Kasus"));
    };
    let by = |action, detail: String| AuditEntry::by(now, user, action, detail);
    let code = case.code.clone();
    let entry = match action {
        CaseAction::Visit { on, note, photo } => {
            let today = policy::windows(store)?.zone.local_date(now);
            let note = tepat_domain::cases::tidy(&note);
            if note.chars().count() > tepat_domain::cases::MAX_TEXT_CHARS {
                return Err(refused(format!(
                    "Catatan kunjungan terlalu panjang (paling banyak {} huruf).",
                    tepat_domain::cases::MAX_TEXT_CHARS
                )));
            }
            let visit = CaseVisit {
                on,
                by: user.username.clone(),
                note: note.clone(),
                photo,
                recorded_at: now,
            };
            case.record_visit(visit, today).map_err(|e| refused(e.0))?;
            by(
                AuditAction::CaseVisited,
                format!("Kasus {code} dikunjungi {on}: {}", short(&note)),
            )
        }
        CaseAction::Link { family } => {
            let before = case.family.map(|f| f.to_string()).unwrap_or_default();
            if let Some(family) = family {
                let found = store
                    .family(family)?
                    .ok_or_else(|| refused("Keluarga yang dipilih tidak ada di DTSEN."))?;
                if found.desa != case.desa {
                    return Err(refused(
                        "Keluarga yang dipilih tinggal di desa lain: pilih keluarga dari desa kasus ini.",
                    ));
                }
            }
            case.link_family(family).map_err(|e| refused(e.0))?;
            let after = family.map(|f| f.to_string()).unwrap_or_default();
            let mut entry = by(
                AuditAction::CaseLinked,
                format!("Kasus {code} ditautkan ke keluarga"),
            )
            .change(before, after);
            if let Some(family) = family {
                entry = entry.family(family);
            }
            entry
        }
        CaseAction::Decide {
            outcome,
            note,
            evidence,
            proposal,
        } => {
            let note = tepat_domain::cases::tidy(&note);
            if note.chars().count() > tepat_domain::cases::MAX_TEXT_CHARS {
                return Err(refused(format!(
                    "Alasan keputusan terlalu panjang (paling banyak {} huruf).",
                    tepat_domain::cases::MAX_TEXT_CHARS
                )));
            }
            if let Some(proposal) = proposal {
                let Some(family) = case.family else {
                    return Err(refused(
                        "Tautkan keluarga kasus ini dulu sebelum menautkan usulan.",
                    ));
                };
                let found = store
                    .proposal(proposal)?
                    .ok_or_else(|| refused("Usulan yang dipilih tidak ditemukan."))?;
                if found.family != family {
                    return Err(refused(
                        "Usulan yang dipilih bukan milik keluarga yang ditautkan ke kasus ini.",
                    ));
                }
            }
            let kind = case.kind();
            case.decide(CaseDecision {
                outcome,
                note: note.clone(),
                evidence,
                proposal,
                by: user.username.clone(),
                at: now,
            })
            .map_err(|e| refused(e.0))?;
            let mut entry = by(
                AuditAction::CaseDecided,
                format!("Kasus {code}: {}. {}", outcome.label_id(kind), short(&note)),
            );
            if let Some(family) = case.family {
                entry = entry.family(family);
            }
            if let Some(proposal) = proposal {
                entry = entry.proposal(proposal);
            }
            entry
        }
    };
    store.save_case(&case, &[entry], &[])?;
    Ok(view(store, &case, user)?)
}

/// The family ids of a desa's register whose head is likely `named`, PKH or BPNT recipients
/// first (a sanggah is about a recipient): the matches a sanggah or a duplicate usul carries,
/// for the public filing and the demo data alike.
pub fn likely_heads(families: &[Family], desa: &RegionCode, named: &str) -> Vec<FamilyId> {
    let mut found: Vec<&Family> = families
        .iter()
        .filter(|f| &f.desa == desa)
        .filter(|f| tepat_domain::cases::likely_same_name(f.head_name(), named))
        .collect();
    found.sort_by_key(|f| !crate::labels::receives_bansos_answer(f));
    found.into_iter().map(|f| f.id).collect()
}
