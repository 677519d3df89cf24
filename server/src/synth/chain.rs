//! Proposals and village meetings of one synthetic desa over the last year. Each desa holds its
//! musdes about every three months (most desa; some skip meetings and are overdue); a proposal
//! is drafted, put on the next meeting's agenda, decided there, and then moves up the chain step
//! by step, a few days to a few weeks apart, until it reaches its target state or today. Every
//! step is taken through the domain's `workflow::apply` (gates open; the waiting list by a full
//! quota), so a generated history is one the server could have written. Closed meetings carry
//! their agenda, decisions and the four evidence documents (by hash only: no files).

use super::household::{hash32, uuid};
use super::places::DesaPlace;
use crate::demo::Rng;
use crate::store::ProposalRecord;
use jiff::{Span, Timestamp, ToSpan};
use tepat_domain::meeting::{
    AgendaItem, Closing, Decision, Evidence, EvidenceMedia, Musdes, MusdesSchedule,
};
use tepat_domain::musdes::MusdesDocument;
use tepat_domain::workflow::{
    Actor, DeactivationReason, Gates, ProposalKind, ProposalState as S, Step, StepRecord,
    TRANSITIONS, apply,
};
use tepat_domain::{FamilyId, Role};

/// A family of the desa as the proposal generator needs it.
pub struct Candidate {
    /// The family.
    pub id: FamilyId,
    /// Its score under the scheme in force.
    pub score: i64,
    /// Its latent welfare (0 poorest).
    pub welfare: f64,
}

/// What one desa's year produced.
#[derive(Default)]
pub struct DesaYear {
    /// Proposals at every state.
    pub proposals: Vec<ProposalRecord>,
    /// Closed meetings (and an upcoming one where proposals wait).
    pub musdes: Vec<Musdes>,
}

/// Target states with their weights (per cent).
const TARGETS: [(S, u64); 14] = [
    (S::Draft, 9),
    (S::AwaitingMusdes, 12),
    (S::RejectedByMusdes, 5),
    (S::ReadyToSend, 7),
    (S::WaitingList, 6),
    (S::KecamatanCheck, 10),
    (S::DinasVerification, 8),
    (S::KepalaDinasSignOff, 6),
    (S::BupatiRatification, 5),
    (S::Ratified, 5),
    (S::SentToNational, 5),
    (S::Final, 13),
    (S::Returned, 6),
    (S::Withdrawn, 3),
];

/// The chain after the musdes, in order.
const CHAIN: [(Step, S); 7] = [
    (Step::SendUp, S::KecamatanCheck),
    (Step::Approve, S::DinasVerification),
    (Step::Verify, S::KepalaDinasSignOff),
    (Step::SignOff, S::BupatiRatification),
    (Step::Ratify, S::Ratified),
    (Step::SendToNational, S::SentToNational),
    (Step::ConfirmFinal, S::Final),
];

const RETURN_REASONS: [&str; 4] = [
    "Foto rumah tidak sesuai dengan alamat; mohon foto ulang.",
    "Data anggota keluarga belum sesuai KK terbaru.",
    "Pengeluaran per bulan belum diisi lengkap.",
    "Titik lokasi rumah jauh dari desa; mohon periksa ulang.",
];

/// The username of the operator of `desa` (the demo logins for Lombang Dajah and Alas Rajah).
pub fn desa_operator(desa: &DesaPlace) -> String {
    match desa.code.as_str() {
        "35.26.15.2012" => "op.lombangdajah".into(),
        "35.26.15.2004" => "op.alasraja".into(),
        _ => format!(
            "op.{}",
            desa.name
                .to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        ),
    }
}

fn actor_name(role: Role, desa: &DesaPlace) -> String {
    match role {
        Role::OperatorDesa => desa_operator(desa),
        Role::PengelolaKecamatan if desa.code.as_str().starts_with("35.26.15.") => {
            "kec.blega".into()
        }
        Role::PengelolaKecamatan => format!(
            "kec.{}",
            desa.code.parent().expect("a desa has a kecamatan").digits()
        ),
        Role::OperatorDinas => "dinsos".into(),
        Role::KepalaDinas => "kadinsos".into(),
        Role::Bupati => "bupati".into(),
        _ => "admin".into(),
    }
}

/// Some whole days between `from` and `to`, as hours (a timestamp takes no calendar units).
fn days(rng: &mut Rng, from: u64, to: u64) -> Span {
    day_span(from + rng.below(to - from + 1))
}

fn day_span(days: u64) -> Span {
    (days as i64 * 24).hours()
}

/// The proposals and meetings of `desa` up to `now`, for some of its `families`.
pub fn desa_year(
    rng: &mut Rng,
    desa: &DesaPlace,
    families: &[Candidate],
    now: Timestamp,
) -> DesaYear {
    let mut year = DesaYear::default();
    let operator = desa_operator(desa);
    // Meetings about every three months; a locus desa rarely skips one, others more often.
    let mut held: Vec<Timestamp> = Vec::new();
    for quarter in [330i64, 240, 150, 60] {
        let skip = if desa.locus { 12 } else { 30 };
        if rng.below(100) >= skip {
            let jitter = rng.below(31) as i64 - 15;
            held.push(now - day_span((quarter + jitter) as u64) - 14.hours());
        }
    }
    let mut decided: Vec<Vec<(uuid::Uuid, Decision)>> = vec![Vec::new(); held.len()];
    let mut waiting = Vec::new();
    for family in families {
        let share = if family.welfare < 0.38 { 7 } else { 2 };
        if rng.below(100) >= share {
            continue;
        }
        let kind = if family.welfare < 0.38 {
            match rng.below(20) {
                0..=6 => ProposalKind::BansosPkh,
                7..=12 => ProposalKind::BansosBpnt,
                13..=15 => ProposalKind::PbiJk,
                16..=18 => ProposalKind::NewFamily,
                _ => ProposalKind::Correction,
            }
        } else {
            match rng.below(10) {
                0..=3 => ProposalKind::Correction,
                4..=5 => ProposalKind::Deactivation(DeactivationReason::NotEligible),
                6 => ProposalKind::Deactivation(DeactivationReason::Moved),
                7 => ProposalKind::BansosBpnt,
                _ => ProposalKind::NewFamily,
            }
        };
        let mut roll = rng.below(100);
        let mut target = S::Draft;
        for (state, weight) in TARGETS {
            if roll < weight {
                target = state;
                break;
            }
            roll -= weight;
        }
        let before_musdes = matches!(target, S::Draft | S::AwaitingMusdes | S::Withdrawn);
        // Past the musdes only through a meeting the desa held.
        let meeting =
            (!before_musdes && !held.is_empty()).then(|| rng.below(held.len() as u64) as usize);
        let target = if meeting.is_none() && !before_musdes {
            S::AwaitingMusdes
        } else {
            target
        };
        let created_at = match meeting {
            Some(m) => held[m] - days(rng, 7, 45),
            None => {
                let since = held.last().copied().unwrap_or(now - day_span(120));
                let room = ((now.as_second() - since.as_second()) / 86_400).max(2) as u64;
                now - days(rng, 1, room - 1)
            }
        };
        let mut record = ProposalRecord {
            id: uuid(rng),
            family: family.id,
            desa: desa.code.clone(),
            kind,
            state: S::Draft,
            score: family.score,
            created_at,
            created_by: operator.clone(),
            steps: Vec::new(),
        };
        let mut at = created_at;
        let step = |record: &mut ProposalRecord, step: Step, at: Timestamp, quota: bool| {
            let from = record.state;
            let row = TRANSITIONS
                .iter()
                .find(|t| t.from == from && t.step == step.kind())
                .expect("the generator only takes steps the table has");
            let actor = row.by[0];
            let gates = Gates {
                quota_available: quota,
                ..Gates::open()
            };
            let to = apply(record.kind, from, &step, actor, &gates)
                .expect("the generator only takes allowed steps");
            let (by, role) = match actor {
                Actor::User(role) => (actor_name(role, desa), Some(role)),
                Actor::System => ("sistem".to_owned(), None),
            };
            record.steps.push(StepRecord {
                step,
                by,
                role,
                at,
                device: None,
                from,
                to,
            });
            record.state = to;
        };
        if target == S::Draft {
            year.proposals.push(record);
            continue;
        }
        at += days(rng, 0, 4);
        if target == S::Withdrawn && rng.below(2) == 0 {
            step(&mut record, Step::Withdraw, at.min(now), true);
            year.proposals.push(record);
            continue;
        }
        step(&mut record, Step::SubmitToMusdes, at.min(now), true);
        let Some(m) = meeting else {
            if target == S::Withdrawn {
                step(
                    &mut record,
                    Step::Withdraw,
                    (at + days(rng, 1, 10)).min(now),
                    true,
                );
            } else {
                waiting.push(record.id);
            }
            year.proposals.push(record);
            continue;
        };
        at = held[m];
        let accepted = target != S::RejectedByMusdes;
        step(
            &mut record,
            Step::RecordMusdesDecision { accepted },
            at,
            true,
        );
        decided[m].push((
            record.id,
            Decision {
                accepted,
                note: if accepted {
                    String::new()
                } else {
                    "Keluarga dinilai mampu oleh peserta musdes.".into()
                },
            },
        ));
        if !accepted {
            year.proposals.push(record);
            continue;
        }
        // Up the chain until the target, today, or a return.
        let returns = target == S::Returned;
        let stop = match target {
            S::Returned => CHAIN[rng.below(4) as usize].1,
            S::ReadyToSend => S::ReadyToSend,
            other => other,
        };
        let stop = if target == S::WaitingList && !kind.has_quota() {
            S::KecamatanCheck
        } else {
            stop
        };
        // A full quota sends a bansos proposal to the waiting list.
        let quota = target != S::WaitingList;
        for (chain_step, _) in CHAIN {
            if record.state == stop || record.state == S::WaitingList {
                break;
            }
            let next = at + days(rng, 3, 25);
            if next > now {
                break;
            }
            at = next;
            step(&mut record, chain_step, at, quota);
        }
        if returns && !matches!(record.state, S::ReadyToSend) {
            let next = at + days(rng, 2, 14);
            if next <= now {
                let reason = RETURN_REASONS[rng.below(4) as usize].to_owned();
                step(&mut record, Step::Return { reason }, next, true);
            }
        }
        year.proposals.push(record);
    }
    for (m, when) in held.iter().enumerate() {
        year.musdes.push(meeting(
            rng,
            desa,
            &operator,
            *when,
            std::mem::take(&mut decided[m]),
        ));
    }
    // The next meeting is scheduled where drafts wait for it.
    if !waiting.is_empty() && rng.below(2) == 0 {
        let when = now + days(rng, 5, 40);
        let mut next = meeting(rng, desa, &operator, when, Vec::new());
        next.closed = None;
        next.evidence.clear();
        next.created_at = now - days(rng, 1, 5);
        next.agenda = waiting
            .into_iter()
            .map(|proposal| AgendaItem {
                proposal,
                decision: None,
            })
            .collect();
        year.musdes.push(next);
    }
    year
}

fn meeting(
    rng: &mut Rng,
    desa: &DesaPlace,
    operator: &str,
    when: Timestamp,
    decided: Vec<(uuid::Uuid, Decision)>,
) -> Musdes {
    let date = when
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .date();
    let evidence = MusdesDocument::ALL
        .iter()
        .map(|document| {
            let file = hash32(rng);
            let (name, media) = match document {
                MusdesDocument::BeritaAcara | MusdesDocument::DaftarHadir => {
                    (format!("{document:?}.pdf"), EvidenceMedia::Pdf)
                }
                _ => (format!("{document:?}.jpg"), EvidenceMedia::Jpeg),
            };
            Evidence {
                document: *document,
                file,
                name: name.to_lowercase(),
                media,
                bytes: 150_000 + rng.below(900_000),
                by: operator.to_owned(),
                at: when,
            }
        })
        .collect();
    Musdes {
        id: uuid(rng),
        desa: desa.code.clone(),
        schedule: MusdesSchedule {
            date,
            time: jiff::civil::time(9, 0, 0, 0),
            place: format!("Balai Desa {}", desa.name),
            chair: format!("Kepala Desa {}", desa.name),
        },
        agenda: decided
            .into_iter()
            .map(|(proposal, decision)| AgendaItem {
                proposal,
                decision: Some(decision),
            })
            .collect(),
        evidence,
        created_by: operator.to_owned(),
        created_at: when - day_span(21),
        closed: Some(Closing {
            at: when + 3.hours(),
            by: operator.to_owned(),
        }),
    }
}
