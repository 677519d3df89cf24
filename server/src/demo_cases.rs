//! Demo citizens' cases, saved with the demo families: in Lombang Dajah (35.26.15.2012) three
//! sanggahs against registered families (preferring PKH/BPNT recipients) — one new, one
//! visited, one decided — an usul of a family not in the register and one whose head is already
//! registered (flagged "kemungkinan ganda"); in Alas Rajah (35.26.15.2004) one new sanggah.
//! Ids and codes are fixed, so tests can name them ([`DEMO_CASES`]).

use crate::store::{AuditEntry, Store, StoreResult};
use tepat_domain::cases::{
    Case, CaseCode, CaseDecision, CaseKind, CaseSubject, CaseVisit, ObjectionReason, Outcome,
    Sanggah, Usul,
};
use tepat_domain::family::Address;
use tepat_domain::instrument::Programme;
use tepat_domain::{Family, RegionCode};
use tepat_protocol::AuditAction;

/// The demo cases: (id, code's random bytes, kind). The first is Lombang Dajah's new sanggah.
pub const DEMO_CASES: [(u128, [u8; 8], CaseKind); 6] = [
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c01,
        [11, 42, 7, 99, 3, 18, 27, 5],
        CaseKind::Sanggah,
    ),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c02,
        [21, 8, 14, 77, 60, 2, 9, 31],
        CaseKind::Sanggah,
    ),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c03,
        [5, 5, 90, 12, 41, 66, 1, 0],
        CaseKind::Sanggah,
    ),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c04,
        [33, 10, 20, 30, 40, 50, 61, 71],
        CaseKind::Usul,
    ),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c05,
        [2, 4, 6, 8, 10, 12, 14, 16],
        CaseKind::Usul,
    ),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0c06,
        [17, 19, 23, 29, 37, 43, 47, 53],
        CaseKind::Sanggah,
    ),
];

/// The id and code of demo case `n` (0-based, in [`DEMO_CASES`] order).
pub fn demo_case(n: usize) -> (uuid::Uuid, CaseCode) {
    let (id, random, kind) = DEMO_CASES[n];
    (
        uuid::Uuid::from_u128(id),
        CaseCode::from_random(kind, random),
    )
}

const LOMBANG_DAJAH: &str = "35.26.15.2012";
const ALAS_RAJAH: &str = "35.26.15.2004";

fn recipient(family: &Family) -> bool {
    family
        .instrument
        .programmes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .any(|p| matches!(p, Programme::Pkh | Programme::Bpnt))
}

/// The desa's families, recipients first (then in the demo's order).
fn targets<'a>(families: &'a [Family], desa: &str) -> Vec<&'a Family> {
    let mut out: Vec<&Family> = families
        .iter()
        .filter(|f| f.desa.as_str() == desa)
        .collect();
    out.sort_by_key(|f| !recipient(f));
    out
}

fn head_name(family: &Family) -> String {
    family.head().map(|h| h.name.clone()).unwrap_or_default()
}

fn sanggah(
    n: usize,
    family: &Family,
    reason: ObjectionReason,
    detail: &str,
    at: jiff::Timestamp,
) -> Case {
    let (id, code) = demo_case(n);
    let named = head_name(family);
    Case {
        id,
        code,
        desa: family.desa.clone(),
        filed_at: at,
        subject: CaseSubject::Sanggah(Sanggah {
            named,
            dusun: family.address.dusun.clone(),
            reason,
            detail: detail.into(),
        }),
        phone: Some(format!("08123450{:04}", 7100 + n)),
        matches: Vec::new(),
        family: None,
        visit: None,
        decision: None,
    }
}

fn usul(
    n: usize,
    desa: &RegionCode,
    head_name: &str,
    dusun: &str,
    reason: &str,
    at: jiff::Timestamp,
) -> Case {
    let (id, code) = demo_case(n);
    Case {
        id,
        code,
        desa: desa.clone(),
        filed_at: at,
        subject: CaseSubject::Usul(Usul {
            head_name: head_name.into(),
            nik: None,
            address: Address {
                street: "Jl. Raya Lombang Dajah".into(),
                dusun: dusun.into(),
                rw: "02".into(),
                rt: "01".into(),
            },
            reason: reason.into(),
            own_family: n == 3,
            photo: None,
        }),
        phone: (n == 3).then(|| "081234509876".to_owned()),
        matches: Vec::new(),
        family: None,
        visit: None,
        decision: None,
    }
}

/// The demo cases over the demo `families`, as of `now` (filed over the days before it).
pub fn cases(families: &[Family], now: jiff::Timestamp, today: jiff::civil::Date) -> Vec<Case> {
    let hours = |h: i64| now - jiff::SignedDuration::from_hours(h);
    let lombang = targets(families, LOMBANG_DAJAH);
    let alas = targets(families, ALAS_RAJAH);
    let desa: RegionCode = LOMBANG_DAJAH.parse().expect("demo desa code");
    let mut out = vec![
        sanggah(
            0,
            lombang[0],
            ObjectionReason::OwnsCar,
            "Keluarga ini punya mobil pikap dan sering dipakai berjualan ke pasar.",
            hours(5),
        ),
        sanggah(
            1,
            lombang[1],
            ObjectionReason::CivilServant,
            "Kepala keluarga bekerja sebagai guru PNS di SD negeri.",
            hours(30),
        ),
        sanggah(
            2,
            lombang[2],
            ObjectionReason::WellOff,
            "Rumahnya baru dibangun dari tembok dan keramik, punya toko.",
            hours(75),
        ),
        usul(
            3,
            &desa,
            "Rokayyah Binti Sanemo",
            "Dajah",
            "Janda tua tinggal sendiri di rumah bambu, tidak punya penghasilan.",
            hours(20),
        ),
        usul(
            4,
            &desa,
            &head_name(lombang[3]),
            &lombang[3].address.dusun.clone(),
            "Suami sakit menahun dan tidak bisa bekerja, anak masih sekolah.",
            hours(50),
        ),
        sanggah(
            5,
            alas[0],
            ObjectionReason::MovedAway,
            "Sekeluarga sudah pindah ke Surabaya sejak tahun lalu.",
            hours(10),
        ),
    ];
    for case in &mut out {
        case.matches = crate::cases::likely_heads(families, &case.desa, case.subject.named());
    }
    let two_days_ago = today
        .checked_sub(jiff::Span::new().days(2))
        .unwrap_or(today);
    for n in [1, 2] {
        out[n].visit = Some(CaseVisit {
            on: two_days_ago,
            by: "op.lombangdajah".into(),
            note: "Rumah dikunjungi bersama kepala dusun; keluarga ditemui langsung.".into(),
            photo: None,
            recorded_at: hours(48),
        });
    }
    out[2].family = Some(lombang[2].id);
    out[2].decision = Some(CaseDecision {
        outcome: Outcome::NotConfirmed,
        note: "Rumah dibangun dari bantuan bedah rumah; toko kecil milik tetangga.".into(),
        evidence: None,
        proposal: None,
        by: "op.lombangdajah".into(),
        at: hours(40),
    });
    out
}

/// Saves the demo cases, each with its filing in the audit trail (no phone in it).
pub fn save(
    store: &dyn Store,
    families: &[Family],
    now: jiff::Timestamp,
    today: jiff::civil::Date,
) -> StoreResult<()> {
    for case in cases(families, now, today) {
        let entry = AuditEntry::new(
            case.filed_at,
            "warga",
            AuditAction::CaseFiled,
            format!("{} {} (demo)", case.kind().label_id(), case.code),
        );
        store.save_case(&case, &[entry], &[])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::cases::CaseState;

    #[test]
    fn demo_cases_are_fixed_and_cover_each_state() {
        let families = crate::demo::families();
        let now: jiff::Timestamp = "2026-11-23T02:00:00Z".parse().unwrap();
        let today = jiff::civil::date(2026, 11, 23);
        let cases = cases(&families, now, today);
        assert_eq!(cases, super::cases(&families, now, today), "deterministic");
        let states: Vec<_> = cases.iter().map(|c| c.state()).collect();
        assert!(states.contains(&CaseState::New));
        assert!(states.contains(&CaseState::Visited));
        assert!(states.contains(&CaseState::Decided));
        for (n, case) in cases.iter().enumerate() {
            assert_eq!((case.id, case.code.clone()), demo_case(n));
            assert_eq!(CaseCode::parse(case.code.as_str()), Some(case.code.clone()));
        }
        // Sanggahs name registered heads; the first usul is new, the second a duplicate.
        assert!(
            cases[0]
                .matches
                .contains(&targets(&families, LOMBANG_DAJAH)[0].id)
        );
        assert!(cases[3].matches.is_empty(), "{:?}", cases[3].matches);
        assert!(!cases[4].matches.is_empty());
        assert_eq!(cases[5].desa.as_str(), ALAS_RAJAH);
    }
}
