//! The life of a proposal (usulan) as a state machine: from the desa's draft through the village
//! meeting (musdes), up the approval chain (kecamatan → Dinas → Kepala Dinas → Bupati), to the
//! national system and the register. One table, [`TRANSITIONS`], says which step may be taken
//! from which state by which role; [`apply`] is the only way to move, and refuses anything else
//! with a reason in Indonesian. Windows and quota are decided by the caller (they need the clock
//! and the ledger) and passed in a [`Gates`], so this stays pure.

use crate::role::Role;
use crate::windows::WindowKind;
use serde::{Deserialize, Serialize};

/// What is proposed. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ProposalKind {
    /// Usulan baru: a family into the register.
    NewFamily,
    /// Perbaikan data: correct a registered family's data.
    Correction,
    /// Penonaktifan: take a family out of the register.
    Deactivation(DeactivationReason),
    /// Bansos PKH.
    BansosPkh,
    /// Bansos BPNT (sembako).
    BansosBpnt,
    /// PBI-JK (health insurance contribution).
    PbiJk,
}

/// Why a family leaves the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum DeactivationReason {
    /// Meninggal.
    Died,
    /// Pindah.
    Moved,
    /// Tidak layak lagi.
    NotEligible,
    /// Ganda.
    Duplicate,
}

impl ProposalKind {
    /// The Indonesian name.
    pub fn label_id(self) -> &'static str {
        match self {
            ProposalKind::NewFamily => "Usulan baru",
            ProposalKind::Correction => "Perbaikan data",
            ProposalKind::Deactivation(DeactivationReason::Died) => "Penonaktifan (meninggal)",
            ProposalKind::Deactivation(DeactivationReason::Moved) => "Penonaktifan (pindah)",
            ProposalKind::Deactivation(DeactivationReason::NotEligible) => {
                "Penonaktifan (tidak layak)"
            }
            ProposalKind::Deactivation(DeactivationReason::Duplicate) => "Penonaktifan (ganda)",
            ProposalKind::BansosPkh => "Usulan bansos PKH",
            ProposalKind::BansosBpnt => "Usulan bansos BPNT",
            ProposalKind::PbiJk => "Usulan PBI-JK",
        }
    }

    /// Whether the desa's quota limits this kind (bansos programmes).
    pub fn has_quota(self) -> bool {
        matches!(self, ProposalKind::BansosPkh | ProposalKind::BansosBpnt)
    }
}

/// Where a proposal stands. Wire-stable: variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ProposalState {
    /// Being prepared by the desa.
    Draft,
    /// Waiting for the next musdes.
    AwaitingMusdes,
    /// The musdes rejected it (final).
    RejectedByMusdes,
    /// The musdes accepted it; waiting for its proposal window to send it up.
    ReadyToSend,
    /// Beyond the desa's quota: on the waiting list (daftar tunggu), best score first.
    WaitingList,
    /// Checked by the kecamatan.
    KecamatanCheck,
    /// Verified by the Dinas Sosial's operator.
    DinasVerification,
    /// Signed off by the Kepala Dinas.
    KepalaDinasSignOff,
    /// Ratified by the Bupati.
    BupatiRatification,
    /// Ratified; to be sent to the national system.
    Ratified,
    /// Sent to the national system; waiting for its answer.
    SentToNational,
    /// In the register (final).
    Final,
    /// Returned to the desa with a reason.
    Returned,
    /// Withdrawn by the desa (final).
    Withdrawn,
}

/// How a state is shown: the ui.md status colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum StatusCategory {
    /// Grey.
    Draft,
    /// Blue.
    WaitingForMusdes,
    /// Amber.
    InApprovalChain,
    /// Red.
    Returned,
    /// Green.
    Final,
    /// Dark grey outline.
    Closed,
}

impl StatusCategory {
    /// How much a family in this status needs attention, most first: returned, in the chain,
    /// waiting for the musdes, a draft, in the register, closed. A family with several
    /// proposals is shown by the most urgent.
    pub fn urgency(self) -> u8 {
        match self {
            StatusCategory::Returned => 0,
            StatusCategory::InApprovalChain => 1,
            StatusCategory::WaitingForMusdes => 2,
            StatusCategory::Draft => 3,
            StatusCategory::Final => 4,
            StatusCategory::Closed => 5,
        }
    }

    /// Of several statuses, the one a family shows (see [`StatusCategory::urgency`]).
    pub fn most_urgent(all: impl IntoIterator<Item = StatusCategory>) -> Option<StatusCategory> {
        all.into_iter().min_by_key(|c| c.urgency())
    }
}

impl ProposalState {
    /// Every state.
    pub const ALL: [ProposalState; 14] = [
        Self::Draft,
        Self::AwaitingMusdes,
        Self::RejectedByMusdes,
        Self::ReadyToSend,
        Self::WaitingList,
        Self::KecamatanCheck,
        Self::DinasVerification,
        Self::KepalaDinasSignOff,
        Self::BupatiRatification,
        Self::Ratified,
        Self::SentToNational,
        Self::Final,
        Self::Returned,
        Self::Withdrawn,
    ];

    /// The Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Draft => "Draf",
            Self::AwaitingMusdes => "Menunggu musdes",
            Self::RejectedByMusdes => "Ditolak musdes",
            Self::ReadyToSend => "Siap dikirim",
            Self::WaitingList => "Daftar tunggu",
            Self::KecamatanCheck => "Pemeriksaan kecamatan",
            Self::DinasVerification => "Verifikasi Dinas Sosial",
            Self::KepalaDinasSignOff => "Persetujuan Kepala Dinas",
            Self::BupatiRatification => "Pengesahan Bupati",
            Self::Ratified => "Disahkan",
            Self::SentToNational => "Dikirim ke pusat",
            Self::Final => "Masuk register",
            Self::Returned => "Dikembalikan",
            Self::Withdrawn => "Dibatalkan",
        }
    }

    /// The colour category.
    pub fn category(self) -> StatusCategory {
        match self {
            Self::Draft => StatusCategory::Draft,
            Self::AwaitingMusdes | Self::ReadyToSend => StatusCategory::WaitingForMusdes,
            Self::WaitingList
            | Self::KecamatanCheck
            | Self::DinasVerification
            | Self::KepalaDinasSignOff
            | Self::BupatiRatification
            | Self::Ratified
            | Self::SentToNational => StatusCategory::InApprovalChain,
            Self::Returned => StatusCategory::Returned,
            Self::Final => StatusCategory::Final,
            Self::RejectedByMusdes | Self::Withdrawn => StatusCategory::Closed,
        }
    }

    /// Whether nothing more can happen.
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Final | Self::RejectedByMusdes | Self::Withdrawn)
    }
}

/// A step someone takes. Wire-stable: variants only appended.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Step {
    /// Put the draft on the next musdes's agenda.
    SubmitToMusdes,
    /// Record the musdes's decision.
    RecordMusdesDecision {
        /// Accepted or rejected.
        accepted: bool,
    },
    /// Send the accepted proposal up to the kecamatan (in its window; past the quota it goes to
    /// the waiting list).
    SendUp,
    /// A place in the quota freed: the best waiting proposal moves on (done by the system).
    PromoteFromWaitingList,
    /// The kecamatan approves.
    Approve,
    /// The Dinas operator verifies.
    Verify,
    /// The Kepala Dinas signs off.
    SignOff,
    /// The Bupati ratifies.
    Ratify,
    /// The Dinas sends it to the national system.
    SendToNational,
    /// The national system accepted it: in the register.
    ConfirmFinal,
    /// Return to the desa, with a reason.
    Return {
        /// Why; must not be empty.
        reason: String,
    },
    /// The desa reworks a returned proposal.
    Revise,
    /// The desa withdraws it.
    Withdraw,
}

/// The kind of a step, without its data: what the transition table speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum StepKind {
    /// [`Step::SubmitToMusdes`].
    SubmitToMusdes,
    /// [`Step::RecordMusdesDecision`].
    RecordMusdesDecision,
    /// [`Step::SendUp`].
    SendUp,
    /// [`Step::PromoteFromWaitingList`].
    PromoteFromWaitingList,
    /// [`Step::Approve`].
    Approve,
    /// [`Step::Verify`].
    Verify,
    /// [`Step::SignOff`].
    SignOff,
    /// [`Step::Ratify`].
    Ratify,
    /// [`Step::SendToNational`].
    SendToNational,
    /// [`Step::ConfirmFinal`].
    ConfirmFinal,
    /// [`Step::Return`].
    Return,
    /// [`Step::Revise`].
    Revise,
    /// [`Step::Withdraw`].
    Withdraw,
}

impl Step {
    /// The step's kind.
    pub fn kind(&self) -> StepKind {
        match self {
            Step::SubmitToMusdes => StepKind::SubmitToMusdes,
            Step::RecordMusdesDecision { .. } => StepKind::RecordMusdesDecision,
            Step::SendUp => StepKind::SendUp,
            Step::PromoteFromWaitingList => StepKind::PromoteFromWaitingList,
            Step::Approve => StepKind::Approve,
            Step::Verify => StepKind::Verify,
            Step::SignOff => StepKind::SignOff,
            Step::Ratify => StepKind::Ratify,
            Step::SendToNational => StepKind::SendToNational,
            Step::ConfirmFinal => StepKind::ConfirmFinal,
            Step::Return { .. } => StepKind::Return,
            Step::Revise => StepKind::Revise,
            Step::Withdraw => StepKind::Withdraw,
        }
    }
}

impl StepKind {
    /// The Indonesian name of the step (the button's label).
    pub fn label_id(self) -> &'static str {
        match self {
            StepKind::SubmitToMusdes => "Ajukan ke musdes",
            StepKind::RecordMusdesDecision => "Catat keputusan musdes",
            StepKind::SendUp => "Kirim ke kecamatan",
            StepKind::PromoteFromWaitingList => "Naik dari daftar tunggu",
            StepKind::Approve => "Setujui",
            StepKind::Verify => "Verifikasi",
            StepKind::SignOff => "Setujui (Kepala Dinas)",
            StepKind::Ratify => "Sahkan",
            StepKind::SendToNational => "Kirim ke pusat",
            StepKind::ConfirmFinal => "Konfirmasi masuk register",
            StepKind::Return => "Kembalikan",
            StepKind::Revise => "Perbaiki",
            StepKind::Withdraw => "Batalkan",
        }
    }
}

/// Who takes a step: a user in a role, or the system itself (waiting-list promotion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Actor {
    /// A user.
    User(Role),
    /// Tepat itself.
    System,
}

/// One row of the transition table: from `from`, step `step` by one of `by` leads to `to`.
/// (`SendUp` and `RecordMusdesDecision` have two rows each: the gate or the data picks one.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// From this state.
    pub from: ProposalState,
    /// This step.
    pub step: StepKind,
    /// Taken by one of these.
    pub by: &'static [Actor],
    /// Leads here.
    pub to: ProposalState,
}

use Actor::{System, User};
use ProposalState as S;
use Role as R;
use StepKind as K;

const DESA: &[Actor] = &[User(R::OperatorDesa)];

/// Every allowed move. Nothing else is possible.
pub const TRANSITIONS: &[Transition] = &[
    Transition {
        from: S::Draft,
        step: K::SubmitToMusdes,
        by: DESA,
        to: S::AwaitingMusdes,
    },
    Transition {
        from: S::AwaitingMusdes,
        step: K::RecordMusdesDecision,
        by: DESA,
        to: S::ReadyToSend,
    },
    Transition {
        from: S::AwaitingMusdes,
        step: K::RecordMusdesDecision,
        by: DESA,
        to: S::RejectedByMusdes,
    },
    Transition {
        from: S::ReadyToSend,
        step: K::SendUp,
        by: DESA,
        to: S::KecamatanCheck,
    },
    Transition {
        from: S::ReadyToSend,
        step: K::SendUp,
        by: DESA,
        to: S::WaitingList,
    },
    Transition {
        from: S::WaitingList,
        step: K::PromoteFromWaitingList,
        by: &[System],
        to: S::KecamatanCheck,
    },
    Transition {
        from: S::KecamatanCheck,
        step: K::Approve,
        by: &[User(R::PengelolaKecamatan)],
        to: S::DinasVerification,
    },
    Transition {
        from: S::DinasVerification,
        step: K::Verify,
        by: &[User(R::OperatorDinas)],
        to: S::KepalaDinasSignOff,
    },
    Transition {
        from: S::KepalaDinasSignOff,
        step: K::SignOff,
        by: &[User(R::KepalaDinas)],
        to: S::BupatiRatification,
    },
    Transition {
        from: S::BupatiRatification,
        step: K::Ratify,
        by: &[User(R::Bupati)],
        to: S::Ratified,
    },
    Transition {
        from: S::Ratified,
        step: K::SendToNational,
        by: &[User(R::OperatorDinas)],
        to: S::SentToNational,
    },
    Transition {
        from: S::SentToNational,
        step: K::ConfirmFinal,
        by: &[User(R::OperatorDinas)],
        to: S::Final,
    },
    Transition {
        from: S::KecamatanCheck,
        step: K::Return,
        by: &[User(R::PengelolaKecamatan)],
        to: S::Returned,
    },
    Transition {
        from: S::DinasVerification,
        step: K::Return,
        by: &[User(R::OperatorDinas)],
        to: S::Returned,
    },
    Transition {
        from: S::KepalaDinasSignOff,
        step: K::Return,
        by: &[User(R::KepalaDinas)],
        to: S::Returned,
    },
    Transition {
        from: S::BupatiRatification,
        step: K::Return,
        by: &[User(R::Bupati)],
        to: S::Returned,
    },
    Transition {
        from: S::SentToNational,
        step: K::Return,
        by: &[User(R::OperatorDinas)],
        to: S::Returned,
    },
    Transition {
        from: S::WaitingList,
        step: K::Return,
        by: &[User(R::OperatorDinas)],
        to: S::Returned,
    },
    Transition {
        from: S::Returned,
        step: K::Revise,
        by: DESA,
        to: S::Draft,
    },
    Transition {
        from: S::Draft,
        step: K::Withdraw,
        by: DESA,
        to: S::Withdrawn,
    },
    Transition {
        from: S::AwaitingMusdes,
        step: K::Withdraw,
        by: DESA,
        to: S::Withdrawn,
    },
    Transition {
        from: S::ReadyToSend,
        step: K::Withdraw,
        by: DESA,
        to: S::Withdrawn,
    },
    Transition {
        from: S::WaitingList,
        step: K::Withdraw,
        by: DESA,
        to: S::Withdrawn,
    },
    Transition {
        from: S::Returned,
        step: K::Withdraw,
        by: DESA,
        to: S::Withdrawn,
    },
];

/// The window a step of a kind needs, if any.
pub fn window_for(kind: ProposalKind, step: StepKind) -> Option<WindowKind> {
    match (step, kind) {
        (StepKind::SendUp, ProposalKind::BansosPkh | ProposalKind::BansosBpnt) => {
            Some(WindowKind::BansosProposal)
        }
        (StepKind::SendUp, ProposalKind::PbiJk) => Some(WindowKind::PbiJkProposal),
        (StepKind::Verify, _) => Some(WindowKind::Verification),
        (StepKind::Ratify, _) => Some(WindowKind::Ratification),
        _ => None,
    }
}

/// What the caller found out before the step, from the clock, the quota ledger and the musdes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gates {
    /// The step's window: `None` when open (or none needed), else the Indonesian refusal with
    /// the next opening date (`WindowPolicy::closed_message`).
    pub window_closed: Option<String>,
    /// Whether the desa still has a place in its quota (only asked for kinds with a quota).
    pub quota_available: bool,
    /// For a musdes decision (either way): why the meeting's result cannot be recorded now, in
    /// Indonesian (evidence documents missing, or not recorded through a closed musdes), if so.
    pub musdes_evidence_missing: Option<String>,
}

impl Gates {
    /// Everything open and complete.
    pub fn open() -> Gates {
        Gates {
            window_closed: None,
            quota_available: true,
            musdes_evidence_missing: None,
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepRefusal {
    /// The step does not exist from this state.
    #[error("Usulan berstatus \"{}\" tidak dapat di-\"{}\". Langkah yang mungkin: {}.", .state.label_id(), .step.label_id(), .possible)]
    NotFromThisState {
        /// The state.
        state: ProposalState,
        /// The step tried.
        step: StepKind,
        /// What could be done instead, in words.
        possible: String,
    },
    /// The step exists, but not for this actor.
    #[error("Langkah \"{}\" hanya boleh dilakukan oleh {}.", .step.label_id(), .allowed)]
    WrongRole {
        /// The step tried.
        step: StepKind,
        /// Who may, in words.
        allowed: String,
    },
    /// A return without a reason.
    #[error("Tuliskan alasan pengembalian agar desa tahu apa yang harus diperbaiki.")]
    ReasonRequired,
    /// The step's window is closed.
    #[error("{0}")]
    WindowClosed(String),
    /// The musdes result lacks evidence documents.
    #[error("{0}")]
    EvidenceIncomplete(String),
}

fn describe_actors(actors: &[Actor]) -> String {
    actors
        .iter()
        .map(|a| match a {
            Actor::User(role) => role.label_id(),
            Actor::System => "sistem (otomatis)",
        })
        .collect::<Vec<_>>()
        .join(" atau ")
}

/// The step kinds `actor` may take from `state` (the buttons to show).
pub fn allowed_steps(state: ProposalState, actor: Actor) -> Vec<StepKind> {
    let mut steps: Vec<StepKind> = TRANSITIONS
        .iter()
        .filter(|t| t.from == state && t.by.contains(&actor))
        .map(|t| t.step)
        .collect();
    steps.dedup();
    steps
}

/// Takes `step` on a proposal of `kind` in `state` for `actor`, given the gates; the new state,
/// or why not. A refused step changes nothing.
pub fn apply(
    kind: ProposalKind,
    state: ProposalState,
    step: &Step,
    actor: Actor,
    gates: &Gates,
) -> Result<ProposalState, StepRefusal> {
    let step_kind = step.kind();
    let rows: Vec<&Transition> = TRANSITIONS
        .iter()
        .filter(|t| t.from == state && t.step == step_kind)
        .collect();
    if rows.is_empty() {
        let mut possible: Vec<&str> = TRANSITIONS
            .iter()
            .filter(|t| t.from == state)
            .map(|t| t.step.label_id())
            .collect();
        possible.dedup();
        let possible = if possible.is_empty() {
            "tidak ada (sudah selesai)".to_owned()
        } else {
            possible.join(", ")
        };
        return Err(StepRefusal::NotFromThisState {
            state,
            step: step_kind,
            possible,
        });
    }
    if !rows[0].by.contains(&actor) {
        return Err(StepRefusal::WrongRole {
            step: step_kind,
            allowed: describe_actors(rows[0].by),
        });
    }
    if window_for(kind, step_kind).is_some()
        && let Some(message) = &gates.window_closed
    {
        return Err(StepRefusal::WindowClosed(message.clone()));
    }
    let to = match step {
        Step::Return { reason } if reason.trim().is_empty() => {
            return Err(StepRefusal::ReasonRequired);
        }
        Step::RecordMusdesDecision { accepted } => {
            if let Some(missing) = &gates.musdes_evidence_missing {
                return Err(StepRefusal::EvidenceIncomplete(missing.clone()));
            }
            if *accepted {
                S::ReadyToSend
            } else {
                S::RejectedByMusdes
            }
        }
        Step::SendUp if kind.has_quota() && !gates.quota_available => S::WaitingList,
        Step::SendUp => S::KecamatanCheck,
        _ => rows[0].to,
    };
    debug_assert!(
        rows.iter().any(|t| t.to == to),
        "every outcome is a row of the table"
    );
    Ok(to)
}

/// One step as recorded: who, when, from which device, why, from what to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StepRecord {
    /// The step.
    pub step: Step,
    /// Username, or `sistem`.
    pub by: String,
    /// The actor's role (none for the system).
    pub role: Option<Role>,
    /// When.
    pub at: jiff::Timestamp,
    /// The device it came from, when known.
    pub device: Option<String>,
    /// State before.
    pub from: ProposalState,
    /// State after.
    pub to: ProposalState,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PKH: ProposalKind = ProposalKind::BansosPkh;

    fn user(role: Role) -> Actor {
        Actor::User(role)
    }

    #[test]
    fn the_happy_path_of_a_bansos_proposal() {
        let path = [
            (Step::SubmitToMusdes, R::OperatorDesa, S::AwaitingMusdes),
            (
                Step::RecordMusdesDecision { accepted: true },
                R::OperatorDesa,
                S::ReadyToSend,
            ),
            (Step::SendUp, R::OperatorDesa, S::KecamatanCheck),
            (Step::Approve, R::PengelolaKecamatan, S::DinasVerification),
            (Step::Verify, R::OperatorDinas, S::KepalaDinasSignOff),
            (Step::SignOff, R::KepalaDinas, S::BupatiRatification),
            (Step::Ratify, R::Bupati, S::Ratified),
            (Step::SendToNational, R::OperatorDinas, S::SentToNational),
            (Step::ConfirmFinal, R::OperatorDinas, S::Final),
        ];
        let mut state = S::Draft;
        for (step, role, expected) in path {
            state = apply(PKH, state, &step, user(role), &Gates::open()).unwrap();
            assert_eq!(state, expected, "{step:?}");
        }
        assert!(state.is_terminal());
        assert!(allowed_steps(state, user(R::OperatorDinas)).is_empty());
    }

    #[test]
    fn refusals_say_why() {
        let gates = Gates::open();
        // Wrong role.
        let err = apply(
            PKH,
            S::KecamatanCheck,
            &Step::Approve,
            user(R::OperatorDesa),
            &gates,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Langkah \"Setujui\" hanya boleh dilakukan oleh Pengelola data kecamatan."
        );
        // Not from this state.
        let err = apply(PKH, S::Draft, &Step::Ratify, user(R::Bupati), &gates).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Usulan berstatus \"Draf\" tidak dapat di-\"Sahkan\". Langkah yang mungkin: Ajukan ke musdes, Batalkan."
        );
        // Return needs a reason.
        let err = apply(
            PKH,
            S::KecamatanCheck,
            &Step::Return {
                reason: "  ".into(),
            },
            user(R::PengelolaKecamatan),
            &gates,
        )
        .unwrap_err();
        assert_eq!(err, StepRefusal::ReasonRequired);
        // A window closed.
        let closed = Gates {
            window_closed: Some(
                "Pengesahan hanya dibuka pada H-1 akhir bulan. Dibuka lagi 29 Nov 2026.".into(),
            ),
            ..Gates::open()
        };
        let err = apply(
            PKH,
            S::BupatiRatification,
            &Step::Ratify,
            user(R::Bupati),
            &closed,
        )
        .unwrap_err();
        assert!(err.to_string().contains("29 Nov 2026"));
        // The window matters only for steps that have one.
        assert_eq!(
            apply(
                PKH,
                S::KecamatanCheck,
                &Step::Approve,
                user(R::PengelolaKecamatan),
                &closed
            ),
            Ok(S::DinasVerification)
        );
        // Musdes evidence.
        let missing = Gates {
            musdes_evidence_missing: Some("Lengkapi: daftar hadir.".into()),
            ..Gates::open()
        };
        let err = apply(
            PKH,
            S::AwaitingMusdes,
            &Step::RecordMusdesDecision { accepted: true },
            user(R::OperatorDesa),
            &missing,
        )
        .unwrap_err();
        assert_eq!(
            err,
            StepRefusal::EvidenceIncomplete("Lengkapi: daftar hadir.".into())
        );
        // A rejection is a musdes result too: it needs the same evidence.
        assert_eq!(
            apply(
                PKH,
                S::AwaitingMusdes,
                &Step::RecordMusdesDecision { accepted: false },
                user(R::OperatorDesa),
                &missing,
            ),
            Err(StepRefusal::EvidenceIncomplete(
                "Lengkapi: daftar hadir.".into()
            ))
        );
        // Only the system promotes from the waiting list.
        let err = apply(
            PKH,
            S::WaitingList,
            &Step::PromoteFromWaitingList,
            user(R::OperatorDinas),
            &gates,
        )
        .unwrap_err();
        assert!(matches!(err, StepRefusal::WrongRole { .. }));
        assert_eq!(
            apply(
                PKH,
                S::WaitingList,
                &Step::PromoteFromWaitingList,
                Actor::System,
                &gates
            ),
            Ok(S::KecamatanCheck)
        );
    }

    #[test]
    fn past_the_quota_a_bansos_proposal_waits_and_others_do_not() {
        let full = Gates {
            quota_available: false,
            ..Gates::open()
        };
        assert_eq!(
            apply(
                PKH,
                S::ReadyToSend,
                &Step::SendUp,
                user(R::OperatorDesa),
                &full
            ),
            Ok(S::WaitingList)
        );
        assert_eq!(
            apply(
                ProposalKind::NewFamily,
                S::ReadyToSend,
                &Step::SendUp,
                user(R::OperatorDesa),
                &full
            ),
            Ok(S::KecamatanCheck)
        );
    }

    #[test]
    fn windows_per_kind_and_step() {
        assert_eq!(window_for(PKH, K::SendUp), Some(WindowKind::BansosProposal));
        assert_eq!(
            window_for(ProposalKind::PbiJk, K::SendUp),
            Some(WindowKind::PbiJkProposal)
        );
        assert_eq!(window_for(ProposalKind::NewFamily, K::SendUp), None);
        assert_eq!(
            window_for(ProposalKind::NewFamily, K::Ratify),
            Some(WindowKind::Ratification)
        );
        assert_eq!(window_for(PKH, K::Verify), Some(WindowKind::Verification));
    }

    #[test]
    fn every_level_can_return_and_the_desa_revises() {
        for (state, role) in [
            (S::KecamatanCheck, R::PengelolaKecamatan),
            (S::DinasVerification, R::OperatorDinas),
            (S::KepalaDinasSignOff, R::KepalaDinas),
            (S::BupatiRatification, R::Bupati),
        ] {
            let step = Step::Return {
                reason: "Foto rumah tidak jelas".into(),
            };
            assert_eq!(
                apply(PKH, state, &step, user(role), &Gates::open()),
                Ok(S::Returned)
            );
        }
        assert_eq!(
            allowed_steps(S::Returned, user(R::OperatorDesa)),
            [K::Revise, K::Withdraw]
        );
    }

    fn any_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::SubmitToMusdes),
            any::<bool>().prop_map(|accepted| Step::RecordMusdesDecision { accepted }),
            Just(Step::SendUp),
            Just(Step::PromoteFromWaitingList),
            Just(Step::Approve),
            Just(Step::Verify),
            Just(Step::SignOff),
            Just(Step::Ratify),
            Just(Step::SendToNational),
            Just(Step::ConfirmFinal),
            prop_oneof![Just(String::new()), Just("alasan".to_owned())]
                .prop_map(|reason| Step::Return { reason }),
            Just(Step::Revise),
            Just(Step::Withdraw),
        ]
    }

    fn any_actor() -> impl Strategy<Value = Actor> {
        prop_oneof![
            Just(Actor::System),
            (0..Role::ALL.len()).prop_map(|i| Actor::User(Role::ALL[i]))
        ]
    }

    fn any_gates() -> impl Strategy<Value = Gates> {
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(window, quota, evidence)| Gates {
            window_closed: (!window).then(|| "tutup".to_owned()),
            quota_available: quota,
            musdes_evidence_missing: (!evidence).then(|| "kurang".to_owned()),
        })
    }

    proptest! {
        /// No sequence of steps by anyone reaches a state the table does not allow: every move is
        /// a row of the table, taken by an actor the row names; refusals change nothing; terminal
        /// states accept nothing.
        #[test]
        fn only_the_table_moves_a_proposal(steps in proptest::collection::vec((any_step(), any_actor(), any_gates()), 0..60), kind_index in 0usize..4) {
            let kind = [PKH, ProposalKind::BansosBpnt, ProposalKind::PbiJk, ProposalKind::NewFamily][kind_index];
            let mut state = S::Draft;
            for (step, actor, gates) in steps {
                // A refused step returns an error and the state stays as it was.
                if let Ok(next) = apply(kind, state, &step, actor, &gates) {
                    prop_assert!(!state.is_terminal());
                    prop_assert!(TRANSITIONS.iter().any(|t| t.from == state && t.step == step.kind() && t.to == next && t.by.contains(&actor)),
                        "{:?} --{:?} by {:?}--> {:?} is not in the table", state, step, actor, next);
                    if next == S::Returned {
                        let has_reason = matches!(&step, Step::Return { reason } if !reason.trim().is_empty());
                        prop_assert!(has_reason, "returned without a reason");
                    }
                    if next == S::WaitingList {
                        prop_assert!(kind.has_quota() && !gates.quota_available);
                    }
                    state = next;
                }
            }
        }
    }

    #[test]
    fn every_state_is_reachable_from_a_draft() {
        let mut reached = std::collections::BTreeSet::from([S::Draft]);
        loop {
            let before = reached.len();
            for t in TRANSITIONS {
                if reached.contains(&t.from) {
                    reached.insert(t.to);
                }
            }
            if reached.len() == before {
                break;
            }
        }
        assert_eq!(reached.len(), ProposalState::ALL.len());
    }
}
