//! Labelling recipient houses on the server. A desa operator records that a house of their desa
//! receiving PKH or BPNT (per the family's instrument answer on the programmes received, or a
//! bansos proposal that reached the register: the same rule the leaders' counts use) was
//! labelled with [`tepat_domain::cases::LABEL_TEXT`], on a day and with a photo. The record
//! arrives as a sync command (`tepat_protocol::labels::LabelCommand`, queued offline like
//! visits); it is refused until the photo is whole on the server (the tablet uploads photos
//! before it pushes, so a refusal means the photo never arrived), and saved with its
//! `HouseLabelled` audit entry. A later label of the same house replaces the earlier one.

use crate::blobs::{BlobHash, FileBlobStore};
use crate::store::{AuditAction, AuditEntry, Store, StoreResult, UserRecord};
use tepat_domain::cases::{Labelling, check_label_day};
use tepat_domain::targeting::Receives;
use tepat_domain::text::format_date_id;
use tepat_domain::workflow::{ProposalKind, ProposalState};
use tepat_domain::{Family, FamilyId, Role};

/// A decided command: the labelling to save and its audit line, or the reason it is refused.
pub type Decided = Result<(Labelling, AuditEntry), String>;

/// Whether a family's instrument answers that it receives PKH or BPNT.
pub fn receives_bansos_answer(family: &Family) -> bool {
    Receives::from_programmes(family.instrument.programmes.as_deref().unwrap_or_default()).bansos()
}

/// Whether a family receives PKH or BPNT: by its instrument's programmes answer, or by a PKH or
/// BPNT proposal of it that reached the register.
pub fn receives_bansos(store: &dyn Store, family: &Family) -> StoreResult<bool> {
    if receives_bansos_answer(family) {
        return Ok(true);
    }
    Ok(store.proposals_in(&family.desa)?.iter().any(|p| {
        p.family == family.id
            && p.state == ProposalState::Final
            && matches!(p.kind, ProposalKind::BansosPkh | ProposalKind::BansosBpnt)
    }))
}

/// The desa operator records the label of `family`'s house, put up on `on` (`today` is the
/// kabupaten's local date).
#[allow(clippy::too_many_arguments)]
pub fn decide_record(
    store: &dyn Store,
    blobs: &FileBlobStore,
    user: &UserRecord,
    family: FamilyId,
    on: jiff::civil::Date,
    photo: [u8; 32],
    now: jiff::Timestamp,
    today: jiff::civil::Date,
) -> StoreResult<Decided> {
    if user.role != Role::OperatorDesa {
        return Ok(Err(
            "Hanya operator desa yang mencatat pelabelan rumah penerima.".into(),
        ));
    }
    let Some(family) = store.family(family)? else {
        return Ok(Err("Keluarga yang dilabel tidak ada di server.".into()));
    };
    if !user.region.contains(&family.desa) {
        return Ok(Err(
            "Keluarga ini berada di luar desa Anda: pelabelan dicatat oleh operator desanya."
                .into(),
        ));
    }
    if !receives_bansos(store, &family)? {
        return Ok(Err(
            "Keluarga ini tidak tercatat menerima PKH atau BPNT: rumahnya tidak dilabel.".into(),
        ));
    }
    if let Err(refusal) = check_label_day(on, today) {
        return Ok(Err(refusal.0));
    }
    let whole = blobs
        .status(&BlobHash(photo))
        .map(|s| s.complete)
        .unwrap_or(false);
    if !whole {
        return Ok(Err(
            "Foto rumah berlabel belum sampai utuh di server: ambil foto lagi lalu simpan ulang."
                .into(),
        ));
    }
    let before = store
        .labelling(family.id)?
        .map(|l| format!("dilabel {}", format_date_id(l.on)))
        .unwrap_or_else(|| "belum dilabel".into());
    let audit = AuditEntry::by(
        now,
        user,
        AuditAction::HouseLabelled,
        format!("pelabelan rumah keluarga {} di {}", family.id, family.desa),
    )
    .family(family.id)
    .change(before, format!("dilabel {}", format_date_id(on)));
    Ok(Ok((
        Labelling {
            family: family.id,
            desa: family.desa,
            on,
            photo,
            by: user.username.clone(),
            recorded_at: now,
        },
        audit,
    )))
}
