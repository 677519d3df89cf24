//! Village meetings on the server. The desa's operator schedules one (the agenda is the desa's
//! proposals waiting for deliberation), records a decision per proposal, attaches the four
//! evidence documents and closes it; closing is refused, naming what is missing, until the four
//! documents are there and every proposal is decided. Closing records each decision on its
//! proposal and sends the agreed ones up the chain through `proposals::decide_gated` (the musdes gate open), so the
//! workflow's rules, windows and quota stay the only path. Everyone in scope reads; only the
//! desa's operator changes. Every level sees each desa's standing: last held, next, overdue.

use crate::error::AppError;
use crate::policy;
use crate::proposals::{self, Decided};
use crate::store::{AuditAction, AuditEntry, ProposalRecord, Store, StoreResult, UserRecord};
use tepat_domain::meeting::{
    AgendaItem, Closing, Evidence, EvidenceMedia, Musdes, MusdesError, MusdesSchedule,
};
use tepat_domain::musdes::MusdesPolicy;
use tepat_domain::workflow::{ProposalState, Step};
use tepat_domain::{RegionCode, RegionLevel, Role};
use tepat_protocol::RegionRef;
use tepat_protocol::musdes::{
    AgendaView, DesaMusdes, MusdesAction, MusdesList, MusdesSummary, MusdesView, NewMusdes,
};

fn refused(error: MusdesError) -> AppError {
    AppError::BadRequest(error.to_string())
}

fn today(store: &dyn Store, now: jiff::Timestamp) -> StoreResult<jiff::civil::Date> {
    Ok(policy::windows(store)?.zone.local_date(now))
}

/// The desa's proposals waiting for a musdes, oldest first.
fn waiting_in(store: &dyn Store, desa: &RegionCode) -> StoreResult<Vec<ProposalRecord>> {
    let mut waiting: Vec<ProposalRecord> = store
        .proposals_in(desa)?
        .into_iter()
        .filter(|p| p.state == ProposalState::AwaitingMusdes)
        .collect();
    waiting.sort_by_key(|p| (p.created_at, p.id));
    Ok(waiting)
}

/// Whether `user` may change meetings of `desa`: its own desa's operator.
fn may_change(user: &UserRecord, desa: &RegionCode) -> bool {
    user.role == Role::OperatorDesa && user.region == *desa
}

fn audit(
    user: &UserRecord,
    now: jiff::Timestamp,
    action: AuditAction,
    detail: String,
) -> AuditEntry {
    AuditEntry::by(now, user, action, detail)
}

/// Decides a new meeting for the operator's desa. A retry of the same request answers the
/// meeting already made. Nothing is written.
pub fn decide_schedule(
    store: &dyn Store,
    user: &UserRecord,
    request: &NewMusdes,
    now: jiff::Timestamp,
) -> StoreResult<Result<(Musdes, AuditEntry), AppError>> {
    if user.role != Role::OperatorDesa || user.region.level() != RegionLevel::Desa {
        return Ok(Err(AppError::Forbidden(
            "menjadwalkan musdes (hanya operator desa)",
        )));
    }
    let desa = user.region.clone();
    if let Some(existing) = store.musdes(request.id)? {
        if existing.desa == desa && existing.schedule == request.schedule {
            let entry = audit(user, now, AuditAction::MusdesScheduled, "ulang".into());
            return Ok(Ok((existing, entry)));
        }
        return Ok(Err(AppError::BadRequest(
            "ID musdes ini sudah dipakai musdes lain.".into(),
        )));
    }
    if let Err(e) = request.schedule.validate(today(store, now)?) {
        return Ok(Err(refused(e)));
    }
    if let Some(open) = store.musdes_in(&desa)?.into_iter().find(Musdes::is_open) {
        return Ok(Err(refused(MusdesError::AnotherOpen(
            tepat_domain::text::format_date_id(open.schedule.date),
        ))));
    }
    let agenda = waiting_in(store, &desa)?
        .into_iter()
        .map(|p| AgendaItem {
            proposal: p.id,
            decision: None,
        })
        .collect();
    let musdes = Musdes {
        id: request.id,
        desa,
        schedule: request.schedule.clone(),
        agenda,
        evidence: Vec::new(),
        created_by: user.username.clone(),
        created_at: now,
        closed: None,
    };
    let entry = audit(
        user,
        now,
        AuditAction::MusdesScheduled,
        format!(
            "musdes {} pada {} di {}, {} usulan",
            musdes.id,
            musdes.schedule.date,
            musdes.schedule.place,
            musdes.agenda.len()
        ),
    );
    Ok(Ok((musdes, entry)))
}

/// What an uploaded evidence file turned out to be (read from the blob store by the route).
#[derive(Debug, Clone, Copy)]
pub struct UploadedFile {
    /// Its kind.
    pub media: EvidenceMedia,
    /// Its size.
    pub bytes: u64,
}

/// A change decided: the meeting as it now stands, the proposals it moved, the audit entries,
/// and what closing did to each agreed proposal, in words.
pub struct MusdesChange {
    /// The meeting.
    pub musdes: Musdes,
    /// Proposals to write with it.
    pub proposals: Vec<ProposalRecord>,
    /// What the audit trail records.
    pub audit: Vec<AuditEntry>,
    /// The agreed proposals to send up once this is saved.
    pub send_up: Vec<uuid::Uuid>,
}

/// Decides `action` on meeting `id` for `user`. `file` is what the blob store holds for an
/// `Attach` (None when the upload is not complete). Nothing is written; the caller holds
/// `AppState::workflow_lock` when closing.
pub fn decide_action(
    store: &dyn Store,
    user: &UserRecord,
    id: uuid::Uuid,
    action: &MusdesAction,
    file: Option<UploadedFile>,
    now: jiff::Timestamp,
) -> StoreResult<Result<MusdesChange, AppError>> {
    let Some(mut musdes) = store.musdes(id)? else {
        return Ok(Err(AppError::NotFound("Musdes")));
    };
    if !user.region.contains(&musdes.desa) {
        return Ok(Err(AppError::NotFound("Musdes")));
    }
    if !may_change(user, &musdes.desa) {
        return Ok(Err(AppError::Forbidden(
            "mengubah musdes (hanya operator desanya)",
        )));
    }
    let today = today(store, now)?;
    let mut proposals = Vec::new();
    let mut send_up = Vec::new();
    let mut step_audit = Vec::new();
    let (result, action_word, detail) = match action {
        MusdesAction::RefreshAgenda => {
            let waiting: Vec<uuid::Uuid> = waiting_in(store, &musdes.desa)?
                .iter()
                .map(|p| p.id)
                .collect();
            (
                musdes.refresh_agenda(&waiting),
                AuditAction::MusdesChanged,
                "agenda diperbarui".to_owned(),
            )
        }
        MusdesAction::Decide { proposal, decision } => (
            musdes.decide(*proposal, decision.clone(), today),
            AuditAction::MusdesChanged,
            format!(
                "keputusan usulan {proposal}: {}",
                if decision.accepted {
                    "disetujui"
                } else {
                    "tidak disetujui"
                }
            ),
        ),
        MusdesAction::Attach {
            document,
            file: hash,
            name,
        } => {
            let Some(bytes) = crate::blobs::BlobHash::parse(hash) else {
                return Ok(Err(AppError::BadRequest(
                    "Sidik berkas harus 64 angka heksadesimal (SHA-256).".into(),
                )));
            };
            let Some(file) = file else {
                return Ok(Err(AppError::BadRequest(
                    "Berkas bukti belum selesai diunggah: unggah lagi.".into(),
                )));
            };
            let name: String = name.trim().chars().take(120).collect();
            let evidence = Evidence {
                document: *document,
                file: bytes.0,
                name: if name.is_empty() {
                    document.label_id().to_owned()
                } else {
                    name
                },
                media: file.media,
                bytes: file.bytes,
                by: user.username.clone(),
                at: now,
            };
            (
                musdes.attach(evidence),
                AuditAction::MusdesChanged,
                format!("bukti {} diunggah ({hash})", document.label_id()),
            )
        }
        MusdesAction::Detach {
            document,
            file: hash,
        } => {
            let Some(bytes) = crate::blobs::BlobHash::parse(hash) else {
                return Ok(Err(refused(MusdesError::NoSuchFile)));
            };
            (
                musdes.detach(*document, bytes.0),
                AuditAction::MusdesChanged,
                format!("bukti {} dihapus ({hash})", document.label_id()),
            )
        }
        MusdesAction::Close => {
            let closing = Closing {
                at: now,
                by: user.username.clone(),
            };
            let result = musdes.close(closing, today);
            if result.is_ok() {
                for item in &musdes.agenda {
                    let Some(decision) = &item.decision else {
                        continue;
                    };
                    let step = Step::RecordMusdesDecision {
                        accepted: decision.accepted,
                    };
                    // A proposal withdrawn since it was put on the agenda has nothing to record.
                    if let Ok(Decided {
                        changed, audit: a, ..
                    }) =
                        proposals::decide_gated(store, user, item.proposal, &step, None, now, None)?
                    {
                        proposals.extend(changed);
                        if decision.accepted {
                            send_up.push(item.proposal);
                        }
                        step_audit.extend(a);
                    }
                }
            }
            (
                result,
                AuditAction::MusdesClosed,
                format!("musdes {} ditutup", musdes.id),
            )
        }
    };
    if let Err(e) = result {
        return Ok(Err(refused(e)));
    }
    let entry = audit(
        user,
        now,
        action_word,
        format!("musdes {}: {detail}", musdes.id),
    );
    let mut audit = vec![entry];
    audit.extend(step_audit);
    Ok(Ok(MusdesChange {
        musdes,
        proposals,
        audit,
        send_up,
    }))
}

/// The meeting as `user` sees it; `outcome` says what closing did (empty otherwise).
pub fn view(
    store: &dyn Store,
    musdes: &Musdes,
    user: &UserRecord,
    outcome: Vec<String>,
) -> StoreResult<MusdesView> {
    let mut agenda = Vec::with_capacity(musdes.agenda.len());
    for item in &musdes.agenda {
        let Some(proposal) = store.proposal(item.proposal)? else {
            continue;
        };
        let family = store.family(proposal.family)?;
        let (head_name, nik_masked, address) = match &family {
            Some(f) => (
                f.head_name().to_owned(),
                f.head().map(|m| m.nik.masked()).unwrap_or_default(),
                address_line(&f.address),
            ),
            None => Default::default(),
        };
        agenda.push(AgendaView {
            proposal: proposal.id,
            family: proposal.family,
            head_name,
            nik_masked,
            address,
            kind: proposal.kind,
            state: proposal.state,
            score: proposal.score,
            decision: item.decision.clone(),
        });
    }
    let kecamatan = match musdes.desa.parent() {
        Some(code) => Some(store.region_or_code(&code)?),
        None => None,
    };
    Ok(MusdesView {
        id: musdes.id,
        desa: store.region_or_code(&musdes.desa)?,
        kecamatan,
        schedule: musdes.schedule.clone(),
        agenda,
        evidence: musdes.evidence.clone(),
        missing: musdes.missing_documents(),
        created_by: musdes.created_by.clone(),
        closed: musdes.closed.clone(),
        editable: musdes.is_open() && may_change(user, &musdes.desa),
        outcome,
    })
}

/// "Jl. Raya 3, Dusun Krajan, RT 001/RW 002".
fn address_line(address: &tepat_domain::family::Address) -> String {
    let mut parts = Vec::new();
    if !address.street.trim().is_empty() {
        parts.push(address.street.trim().to_owned());
    }
    let dusun = address.dusun.trim();
    if !dusun.is_empty() {
        // Written with or without the word.
        if dusun.to_lowercase().starts_with("dusun") {
            parts.push(dusun.to_owned());
        } else {
            parts.push(format!("Dusun {dusun}"));
        }
    }
    if !address.rt.trim().is_empty() || !address.rw.trim().is_empty() {
        parts.push(format!("RT {}/RW {}", address.rt.trim(), address.rw.trim()));
    }
    parts.join(", ")
}

/// What happened to each agreed proposal once the meeting closed, in words.
pub fn describe_outcome(
    proposal: &ProposalRecord,
    head_name: &str,
    refusal: Option<&str>,
) -> String {
    match (proposal.state, refusal) {
        (ProposalState::KecamatanCheck, _) => format!("{head_name}: dikirim ke kecamatan."),
        (ProposalState::WaitingList, _) => {
            format!("{head_name}: kuota desa penuh, masuk daftar tunggu.")
        }
        (_, Some(why)) => format!("{head_name}: belum dikirim. {why}"),
        (state, None) => format!("{head_name}: {}.", state.label_id()),
    }
}

/// The desa in `region` (the region itself when a desa), by code.
fn desa_within(store: &dyn Store, region: &RegionCode) -> StoreResult<Vec<RegionRef>> {
    if region.level() == RegionLevel::Desa {
        return Ok(store.region(region)?.into_iter().collect());
    }
    let mut out = Vec::new();
    for child in store.region_children(region)? {
        if child.level == RegionLevel::Desa {
            out.push(child);
        } else {
            out.extend(desa_within(store, &child.code)?);
        }
    }
    Ok(out)
}

/// Each desa's standing in `region` on `today` (with `waiting`, the proposals waiting for a
/// musdes per desa), overdue first.
fn standing(
    store: &dyn Store,
    region: &RegionCode,
    today: jiff::civil::Date,
    meetings: &[Musdes],
    waiting: &std::collections::BTreeMap<RegionCode, u32>,
) -> StoreResult<Vec<DesaMusdes>> {
    let last = tepat_domain::meeting::last_held(meetings);
    let mut next = std::collections::BTreeMap::<&RegionCode, &MusdesSchedule>::new();
    for m in meetings.iter().filter(|m| m.is_open()) {
        let earliest = next.entry(&m.desa).or_insert(&m.schedule);
        if (m.schedule.date, m.schedule.time) < (earliest.date, earliest.time) {
            *earliest = &m.schedule;
        }
    }
    let policy = MusdesPolicy::default_policy();
    let mut desa: Vec<DesaMusdes> = desa_within(store, region)?
        .into_iter()
        .map(|r| {
            let last_held = last.get(&r.code).copied();
            let overdue = policy
                .overdue(&[(r.code.clone(), last_held)], today)
                .first()
                .map(|o| o.describe_id());
            DesaMusdes {
                next: next.get(&r.code).map(|s| (*s).clone()),
                waiting: waiting.get(&r.code).copied().unwrap_or(0),
                desa: r,
                last_held,
                overdue,
            }
        })
        .collect();
    desa.sort_by(|a, b| {
        b.overdue
            .is_some()
            .cmp(&a.overdue.is_some())
            .then_with(|| a.last_held.cmp(&b.last_held))
            .then_with(|| a.desa.name.cmp(&b.desa.name))
    });
    Ok(desa)
}

/// The meetings in `region` and each desa's standing on `now`, overdue first.
pub fn list(
    store: &dyn Store,
    region: &RegionCode,
    now: jiff::Timestamp,
) -> StoreResult<MusdesList> {
    let meetings = store.musdes_in(region)?;
    let mut waiting = std::collections::BTreeMap::<RegionCode, u32>::new();
    for p in store.proposals_in(region)? {
        if p.state == ProposalState::AwaitingMusdes {
            *waiting.entry(p.desa).or_default() += 1;
        }
    }
    let desa = standing(store, region, today(store, now)?, &meetings, &waiting)?;
    let mut summaries = Vec::with_capacity(meetings.len());
    for m in &meetings {
        summaries.push(MusdesSummary {
            id: m.id,
            desa: store.region_or_code(&m.desa)?,
            schedule: m.schedule.clone(),
            agenda: m.agenda.len() as u32,
            decided: (m.agenda.len() - m.undecided()) as u32,
            missing: m.missing_documents().len() as u32,
            closed: m.closed.clone(),
        });
    }
    summaries.sort_by(|a, b| {
        (b.schedule.date, b.schedule.time, b.id).cmp(&(a.schedule.date, a.schedule.time, a.id))
    });
    Ok(MusdesList {
        meetings: summaries,
        desa,
    })
}

/// Schedules a meeting for the current user's desa.
pub async fn schedule(
    state: &crate::AppState,
    user: UserRecord,
    request: NewMusdes,
) -> Result<MusdesView, AppError> {
    let now = state.clock.now();
    let _guard = state.workflow_lock.lock().await;
    state
        .blocking(move |s| {
            let (musdes, entry) = match decide_schedule(s, &user, &request, now)? {
                Ok(decided) => decided,
                Err(refusal) => return Ok(Err(refusal)),
            };
            s.save_musdes(&musdes, &[], &[entry])?;
            Ok(Ok(view(s, &musdes, &user, Vec::new())?))
        })
        .await?
}

/// Takes `action` on meeting `id`; closing then sends each agreed proposal up (in its window;
/// past the quota to the waiting list) and says what happened to each.
pub async fn act(
    state: &crate::AppState,
    user: UserRecord,
    id: uuid::Uuid,
    action: MusdesAction,
) -> Result<MusdesView, AppError> {
    let file = match &action {
        MusdesAction::Attach { file, .. } => uploaded_file(state, file).await?,
        _ => None,
    };
    let now = state.clock.now();
    let _guard = state.workflow_lock.lock().await;
    let decided_user = user.clone();
    let change = state
        .blocking(move |s| {
            let change = match decide_action(s, &decided_user, id, &action, file, now)? {
                Ok(change) => change,
                Err(refusal) => return Ok(Err(refusal)),
            };
            s.save_musdes(&change.musdes, &change.proposals, &change.audit)?;
            Ok(Ok(change))
        })
        .await??;
    state
        .blocking(move |s| {
            let mut outcome = Vec::new();
            for proposal_id in &change.send_up {
                let decided =
                    proposals::decide_step(s, &user, *proposal_id, &Step::SendUp, None, now)?;
                let refusal = match decided {
                    Ok(decided) => {
                        s.save_proposals(
                            &decided.changed,
                            &decided.audit,
                            &decided.notifications,
                            None,
                        )?;
                        None
                    }
                    Err(refusal) => Some(refusal.parts().2),
                };
                if let Some(proposal) = s.proposal(*proposal_id)? {
                    let head = s
                        .family(proposal.family)?
                        .map(|f| f.head_name().to_owned())
                        .unwrap_or_default();
                    outcome.push(describe_outcome(&proposal, &head, refusal.as_deref()));
                }
            }
            view(s, &change.musdes, &user, outcome)
        })
        .await
}

/// What the blob store holds under `hash` as an evidence file (None while incomplete).
async fn uploaded_file(
    state: &crate::AppState,
    hash: &str,
) -> Result<Option<UploadedFile>, AppError> {
    let Some(hash) = crate::blobs::BlobHash::parse(hash) else {
        return Ok(None);
    };
    let blobs = state.blobs.clone();
    let head = tokio::task::spawn_blocking(move || blobs.head(&hash, 16))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(head.and_then(|(first, size)| {
        EvidenceMedia::sniff(&first).map(|media| UploadedFile { media, bytes: size })
    }))
}

/// The latest meeting whose agenda holds `proposal` (closed ones first: those decided it).
pub fn of_proposal(
    store: &dyn Store,
    proposal: &ProposalRecord,
) -> StoreResult<Option<tepat_protocol::musdes::ProposalMusdes>> {
    let found = store
        .musdes_in(&proposal.desa)?
        .into_iter()
        .filter_map(|m| {
            let item = m.agenda.iter().find(|i| i.proposal == proposal.id)?.clone();
            Some((m, item))
        })
        .max_by_key(|(m, _)| (m.closed.is_some(), m.schedule.date, m.schedule.time, m.id));
    Ok(
        found.map(|(m, item)| tepat_protocol::musdes::ProposalMusdes {
            musdes: m.id,
            schedule: m.schedule,
            decision: item.decision,
            evidence: m.evidence,
            closed: m.closed,
        }),
    )
}

/// What the notifications say about overdue musdes on `now`: the desa operator hears about
/// their own desa; the kecamatan and the dinas how many desa in their region are overdue.
pub fn overdue_notifications(
    store: &dyn Store,
    user: &UserRecord,
    now: jiff::Timestamp,
) -> StoreResult<Vec<tepat_protocol::NotificationView>> {
    let concerned = matches!(
        user.role,
        Role::OperatorDesa
            | Role::PengelolaKecamatan
            | Role::OperatorDinas
            | Role::KepalaDinas
            | Role::Bupati
    );
    if !concerned {
        return Ok(Vec::new());
    }
    // Only the meetings matter here: the proposals waiting are not read.
    let meetings = store.musdes_in(&user.region)?;
    let desa = standing(
        store,
        &user.region,
        today(store, now)?,
        &meetings,
        &Default::default(),
    )?;
    let overdue: Vec<&DesaMusdes> = desa.iter().filter(|d| d.overdue.is_some()).collect();
    let region = store.region_or_code(&user.region)?;
    let message = match (user.role, overdue.as_slice()) {
        (_, []) => return Ok(Vec::new()),
        (Role::OperatorDesa, [own, ..]) => format!(
            "Musdes desa ini {}. Jadwalkan musdes di menu Musdes.",
            own.overdue.as_deref().unwrap_or_default()
        ),
        (_, all) => format!(
            "{} desa terlambat musdes (lebih dari 3 bulan sejak musdes terakhir); lihat menu Musdes.",
            all.len()
        ),
    };
    Ok(vec![tepat_protocol::NotificationView {
        at: now,
        desa: region,
        family: None,
        message,
    }])
}
