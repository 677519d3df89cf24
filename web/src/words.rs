//! Names of the domain's things (proposal kinds, states, steps, the instrument's questions) in the user's language:
//! Indonesian from the domain crate (one source with the server's messages), English here. The
//! matches are exhaustive, so a new variant cannot go unnamed.

use crate::i18n::Lang;
use tepat_domain::instrument::Question;
use tepat_domain::workflow::{DeactivationReason, ProposalKind, ProposalState, StepKind};

/// A proposal kind.
pub fn kind(kind: ProposalKind, lang: Lang) -> &'static str {
    if lang == Lang::Id {
        return kind.label_id();
    }
    match kind {
        ProposalKind::NewFamily => "New",
        ProposalKind::Correction => "Correction",
        ProposalKind::Deactivation(DeactivationReason::Died) => "Deactivation (died)",
        ProposalKind::Deactivation(DeactivationReason::Moved) => "Deactivation (moved)",
        ProposalKind::Deactivation(DeactivationReason::NotEligible) => {
            "Deactivation (not eligible)"
        }
        ProposalKind::Deactivation(DeactivationReason::Duplicate) => "Deactivation (duplicate)",
        ProposalKind::BansosPkh => "PKH aid",
        ProposalKind::BansosBpnt => "BPNT aid",
        ProposalKind::PbiJk => "PBI-JK health cover",
    }
}

/// A proposal state.
pub fn state(state: ProposalState, lang: Lang) -> &'static str {
    if lang == Lang::Id {
        return state.label_id();
    }
    match state {
        ProposalState::Draft => "Draft",
        ProposalState::AwaitingMusdes => "Waiting for the village meeting",
        ProposalState::RejectedByMusdes => "Rejected by the village meeting",
        ProposalState::ReadyToSend => "Ready to send",
        ProposalState::WaitingList => "Waiting list",
        ProposalState::KecamatanCheck => "Sub-district check",
        ProposalState::DinasVerification => "Social office verification",
        ProposalState::KepalaDinasSignOff => "Head of office sign-off",
        ProposalState::BupatiRatification => "Regent ratification",
        ProposalState::Ratified => "Ratified",
        ProposalState::SentToNational => "Sent to the national system",
        ProposalState::Final => "In the register",
        ProposalState::Returned => "Returned",
        ProposalState::Withdrawn => "Withdrawn",
    }
}

/// A step (the button's label).
pub fn step(step: StepKind, lang: Lang) -> &'static str {
    if lang == Lang::Id {
        return step.label_id();
    }
    match step {
        StepKind::SubmitToMusdes => "Put on the village meeting",
        StepKind::RecordMusdesDecision => "Record the meeting's decision",
        StepKind::SendUp => "Send to the sub-district",
        StepKind::PromoteFromWaitingList => "Move up from the waiting list",
        StepKind::Approve => "Approve",
        StepKind::Verify => "Verify",
        StepKind::SignOff => "Sign off (head of office)",
        StepKind::Ratify => "Ratify",
        StepKind::SendToNational => "Send to the national system",
        StepKind::ConfirmFinal => "Confirm in the register",
        StepKind::Return => "Return",
        StepKind::Revise => "Rework",
        StepKind::Withdraw => "Withdraw",
    }
}

/// The CSS class of a state's colour (`shared/design/ui.md`: grey, blue, amber, red, green, dark
/// grey outline).
pub fn state_class(state: ProposalState) -> &'static str {
    use tepat_domain::workflow::StatusCategory as C;
    match state.category() {
        C::Draft => "state-badge draft",
        C::WaitingForMusdes => "state-badge musdes",
        C::InApprovalChain => "state-badge chain",
        C::Returned => "state-badge returned",
        C::Final => "state-badge final",
        C::Closed => "state-badge closed",
    }
}

/// An instrument question.
pub fn question(question: Question, lang: Lang) -> &'static str {
    if lang == Lang::Id {
        return question.label_id();
    }
    match question {
        Question::NoShelter => "No place to shelter",
        Question::FoodInsecure => "Worried about food or went without, past year",
        Question::NoClothesSpending => "Bought no clothes in the past year",
        Question::Floor => "Main floor",
        Question::Wall => "Main walls",
        Question::Roof => "Main roof",
        Question::Water => "Drinking water",
        Question::Lighting => "Lighting",
        Question::CookingFuel => "Cooking fuel",
        Question::Toilet => "Toilet",
        Question::Assets => "Assets owned",
        Question::Land => "Land owned",
        Question::Programmes => "Aid received",
        Question::Spending => "Spending per month",
    }
}

/// What a family needs, as a filter's label.
pub fn need(need: crate::worklist::Need, lang: Lang) -> &'static str {
    use crate::worklist::Need;
    match (need, lang) {
        (Need::NotVisited, Lang::Id) => "belum dikunjungi",
        (Need::NotVisited, Lang::En) => "not visited yet",
        (Need::Disputed, Lang::Id) => "temuan pendamping",
        (Need::Disputed, Lang::En) => "verifier findings",
        (Need::Returned, Lang::Id) => "usulan dikembalikan",
        (Need::Returned, Lang::En) => "proposals returned",
        (Need::NikGanda, Lang::Id) => "NIK ganda",
        (Need::NikGanda, Lang::En) => "duplicate NIK",
        (Need::Conflict, Lang::Id) => "konflik data",
        (Need::Conflict, Lang::En) => "data conflicts",
        (Need::DataError, Lang::Id) => "data salah",
        (Need::DataError, Lang::En) => "data errors",
        (Need::NoPin, Lang::Id) => "belum bertitik",
        (Need::NoPin, Lang::En) => "no house pin",
        (Need::NoPhoto, Lang::Id) => "tanpa foto rumah",
        (Need::NoPhoto, Lang::En) => "no house photo",
        (Need::InstrumentOpen, Lang::Id) => "instrumen belum lengkap",
        (Need::InstrumentOpen, Lang::En) => "instrument incomplete",
    }
}

/// Whether a member still lives in the family, in words with the date ("Meninggal 12 Mar 2026").
pub fn member_status(status: &tepat_domain::MemberStatus, lang: Lang) -> String {
    use tepat_domain::MemberStatus as S;
    let (word, date) = match (status, lang) {
        (S::Active, _) => return String::new(),
        (S::Died(d), Lang::Id) => ("Meninggal", d),
        (S::Died(d), Lang::En) => ("Died", d),
        (S::MovedOut(d, _), Lang::Id) => ("Pindah keluar", d),
        (S::MovedOut(d, _), Lang::En) => ("Moved out", d),
        (S::SplitOff(d, _), Lang::Id) => ("Pecah KK", d),
        (S::SplitOff(d, _), Lang::En) => ("Split off", d),
    };
    format!("{word} {}", crate::format::date(*date, lang))
}

/// A part of the record a verifier looks at.
pub fn visit_item(item: tepat_domain::visit::VisitItem, lang: Lang) -> &'static str {
    use tepat_domain::visit::VisitItem as I;
    match (item, lang) {
        (I::Members, Lang::Id) => "Anggota keluarga",
        (I::Members, Lang::En) => "Members",
        (I::Address, Lang::Id) => "Alamat",
        (I::Address, Lang::En) => "Address",
        (I::Pin, Lang::Id) => "Titik rumah",
        (I::Pin, Lang::En) => "House pin",
        (I::Instrument, Lang::Id) => "Jawaban instrumen",
        (I::Instrument, Lang::En) => "Instrument answers",
        (I::Photos, Lang::Id) => "Foto rumah",
        (I::Photos, Lang::En) => "House photos",
    }
}

/// A musdes evidence document.
pub fn musdes_document(document: tepat_domain::musdes::MusdesDocument, lang: Lang) -> &'static str {
    use tepat_domain::musdes::MusdesDocument as D;
    match (document, lang) {
        (D::BeritaAcara, Lang::Id) => "Berita acara (ditandatangani)",
        (D::BeritaAcara, Lang::En) => "Signed minutes",
        (D::FotoRapat, Lang::Id) => "Foto rapat",
        (D::FotoRapat, Lang::En) => "Photos of the meeting",
        (D::DaftarHadir, Lang::Id) => "Daftar hadir (ditandatangani)",
        (D::DaftarHadir, Lang::En) => "Signed attendance list",
        (D::FotoPengumuman, Lang::Id) => "Foto pengumuman hasil",
        (D::FotoPengumuman, Lang::En) => "Photo of the published result",
    }
}

/// The day of the week, for the minutes ("Senin").
pub fn weekday(date: jiff::civil::Date, lang: Lang) -> &'static str {
    use jiff::civil::Weekday as W;
    let i = match date.weekday() {
        W::Monday => 0,
        W::Tuesday => 1,
        W::Wednesday => 2,
        W::Thursday => 3,
        W::Friday => 4,
        W::Saturday => 5,
        W::Sunday => 6,
    };
    match lang {
        Lang::Id => [
            "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
        ][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

/// What an audit entry records.
pub fn audit_action(action: tepat_protocol::AuditAction, lang: Lang) -> &'static str {
    use tepat_protocol::AuditAction as A;
    let (id, en) = match action {
        A::Login => ("Masuk", "Logged in"),
        A::LoginFailed => ("Gagal masuk", "Failed login"),
        A::Logout => ("Keluar", "Logged out"),
        A::UserAdded => ("Akun dibuat", "Account created"),
        A::PasswordChanged => ("Kata sandi diganti", "Password changed"),
        A::DemoLoaded => ("Data demo dimuat", "Demo data loaded"),
        A::RegionsLoaded => ("Wilayah dimuat", "Regions loaded"),
        A::FamilySaved => ("Data keluarga disimpan", "Family record saved"),
        A::ProposalCreated => ("Usulan dibuat", "Proposal created"),
        A::ProposalStep => ("Langkah usulan", "Proposal step"),
        A::SettingChanged => ("Pengaturan diubah", "Setting changed"),
        A::UserDisabled => ("Akun dinonaktifkan", "Account disabled"),
        A::UserEnabled => ("Akun diaktifkan", "Account enabled"),
        A::VisitRecorded => ("Kunjungan dicatat", "Visit recorded"),
        A::VisitAnswered => ("Temuan kunjungan dijawab", "Visit findings answered"),
        A::MusdesScheduled => ("Musdes dijadwalkan", "Village meeting scheduled"),
        A::MusdesChanged => ("Musdes diubah", "Village meeting changed"),
        A::MusdesClosed => ("Musdes ditutup", "Village meeting closed"),
        A::NationalExported => ("Berkas pusat diunduh", "National file downloaded"),
        A::NationalResultImported => ("Hasil pusat diimpor", "National result imported"),
        A::SpreadExported => ("Rekap diunduh", "Summary exported"),
        A::PublicCheck => ("Cek status publik", "Public status check"),
        A::CaseFiled => ("Kasus warga diterima", "Resident's case filed"),
        A::CaseVisited => ("Kasus dikunjungi", "Case visited"),
        A::CaseLinked => ("Kasus ditautkan ke keluarga", "Case linked to a family"),
        A::CaseDecided => ("Kasus diputuskan", "Case decided"),
        A::HouseLabelled => ("Rumah penerima dilabel", "Recipient house labelled"),
        A::BackupMade => ("Cadangan dibuat", "Backup made"),
        A::BackupRestored => ("Dipulihkan dari cadangan", "Restored from a backup"),
    };
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}
