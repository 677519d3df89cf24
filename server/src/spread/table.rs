//! The leaders' table per kecamatan or per desa, counted from the index in one pass over the
//! families in scope: families, members, pins, photos, visits, extreme poor, programmes and
//! likely targeting errors, proposals waiting at each level and for how long, the bansos quota
//! and the musdes standing; with the last twelve months' progress. Recipient houses labelled
//! and citizens' cases (sanggah: inclusion signals, usul: exclusion signals) come from the
//! store's labellings and cases, read per request (they are few), matched to the index's ids.

use super::index::{DesaBucket, SpreadIndex, flag};
use crate::policy;
use crate::proposals::holds_place;
use crate::store::{Store, StoreResult};
use std::collections::{BTreeMap, HashMap, HashSet};
use tepat_domain::FamilyId;
use tepat_domain::RegionCode;
use tepat_domain::cases::{CaseKind, CaseState};
use tepat_domain::musdes::MusdesPolicy;
use tepat_domain::windows::Zone;
use tepat_domain::workflow::{ProposalKind, ProposalState};
use tepat_protocol::spread::{
    MonthProgress, QuotaUse, RegionRow, RegionTable, TableLevel, WaitLevel, Waiting,
};

/// What the table needs besides the index, read from the store (a few settings and the
/// meetings; nothing per family).
pub struct TableContext {
    now: jiff::Timestamp,
    zone: Zone,
    shares: HashMap<RegionCode, u32>,
    last_musdes: BTreeMap<RegionCode, jiff::civil::Date>,
    musdes: MusdesPolicy,
    labelled: HashSet<FamilyId>,
    cases: HashMap<RegionCode, CaseCounts>,
}

/// A desa's citizens' cases: sanggah open and total, usul open and total.
#[derive(Default, Clone, Copy)]
struct CaseCounts {
    sanggah_open: u32,
    sanggah_total: u32,
    usul_open: u32,
    usul_total: u32,
}

impl TableContext {
    /// Reads the context for the kabupaten.
    pub fn read(
        store: &dyn Store,
        kabupaten: &RegionCode,
        now: jiff::Timestamp,
    ) -> StoreResult<TableContext> {
        let mut shares: HashMap<RegionCode, u32> = HashMap::new();
        for programme in [ProposalKind::BansosPkh, ProposalKind::BansosBpnt] {
            if let Some(settings) = policy::quota(store, programme)? {
                let split = tepat_domain::quota::split_quota(
                    settings.kabupaten_quota,
                    &settings.poor_by_desa,
                );
                for (desa, share) in split {
                    *shares.entry(desa).or_default() += share;
                }
            }
        }
        let meetings = store.musdes_in(kabupaten)?;
        let labelled = store
            .labellings_in(kabupaten)?
            .into_iter()
            .map(|l| l.family)
            .collect();
        let mut cases: HashMap<RegionCode, CaseCounts> = HashMap::new();
        for case in store.cases_in(kabupaten)? {
            let counts = cases.entry(case.desa.clone()).or_default();
            let open = u32::from(case.state() != CaseState::Decided);
            match case.kind() {
                CaseKind::Sanggah => {
                    counts.sanggah_total += 1;
                    counts.sanggah_open += open;
                }
                CaseKind::Usul => {
                    counts.usul_total += 1;
                    counts.usul_open += open;
                }
            }
        }
        Ok(TableContext {
            now,
            zone: policy::windows(store)?.zone,
            shares,
            last_musdes: tepat_domain::meeting::last_held(&meetings),
            musdes: MusdesPolicy::default_policy(),
            labelled,
            cases,
        })
    }
}

/// Where a proposal in `state` waits, if it waits in the chain.
pub fn wait_level(state: ProposalState) -> Option<WaitLevel> {
    match state {
        ProposalState::Draft
        | ProposalState::AwaitingMusdes
        | ProposalState::ReadyToSend
        | ProposalState::Returned => Some(WaitLevel::Desa),
        ProposalState::KecamatanCheck => Some(WaitLevel::Kecamatan),
        ProposalState::DinasVerification => Some(WaitLevel::Dinas),
        ProposalState::KepalaDinasSignOff => Some(WaitLevel::KepalaDinas),
        ProposalState::BupatiRatification => Some(WaitLevel::Bupati),
        ProposalState::Ratified | ProposalState::SentToNational => Some(WaitLevel::Pusat),
        ProposalState::WaitingList
        | ProposalState::Final
        | ProposalState::RejectedByMusdes
        | ProposalState::Withdrawn => None,
    }
}

fn empty_row(code: String, name: String, kecamatan: Option<String>) -> RegionRow {
    RegionRow {
        code,
        name,
        kecamatan,
        loci: false,
        families: 0,
        members: 0,
        pinned: 0,
        with_photo: 0,
        verified: 0,
        extreme: 0,
        receiving: 0,
        inclusion_errors: 0,
        exclusion_errors: 0,
        waiting: vec![Waiting::default(); WaitLevel::ALL.len()],
        quota: QuotaUse::default(),
        last_musdes: None,
        musdes_overdue: 0,
        recipients: 0,
        labelled: 0,
        sanggah_open: 0,
        sanggah_total: 0,
        usul_open: 0,
        usul_total: 0,
    }
}

fn desa_row(index: &SpreadIndex, bucket: &DesaBucket, ctx: &TableContext) -> RegionRow {
    let mut row = empty_row(
        bucket.code.to_string(),
        bucket.name.clone(),
        Some(index.kecamatan[bucket.kecamatan].name.clone()),
    );
    row.loci = bucket.loci;
    row.families = bucket.points.len() as u32;
    for (p, id) in bucket.points.iter().zip(&bucket.ids) {
        let recipient = p.has(flag::PKH) || p.has(flag::BPNT);
        row.recipients += u32::from(recipient);
        row.labelled += u32::from(recipient && ctx.labelled.contains(id));
        row.members += u32::from(p.members);
        row.pinned += u32::from(p.has(flag::PINNED));
        row.with_photo += u32::from(p.has(flag::PHOTO));
        row.verified += u32::from(p.has(flag::VISITED));
        row.extreme += u32::from(p.has(flag::EXTREME));
        row.receiving += u32::from(p.programme_class() != 0);
        row.inclusion_errors += u32::from(p.has(flag::INCLUSION));
        row.exclusion_errors += u32::from(p.has(flag::EXCLUSION));
    }
    for proposal in &bucket.proposals {
        if proposal.kind.has_quota() {
            row.quota.used += u32::from(holds_place(proposal.state));
            row.quota.waiting_list += u32::from(proposal.state == ProposalState::WaitingList);
        }
        let Some(level) = wait_level(proposal.state) else {
            continue;
        };
        let at = WaitLevel::ALL
            .iter()
            .position(|l| *l == level)
            .expect("all");
        let days = crate::queue::waiting_days(proposal.reached, ctx.now, ctx.zone);
        let waiting = &mut row.waiting[at];
        waiting.count += 1;
        waiting.oldest_days = waiting.oldest_days.max(days);
    }
    let cases = ctx.cases.get(&bucket.code).copied().unwrap_or_default();
    row.sanggah_open = cases.sanggah_open;
    row.sanggah_total = cases.sanggah_total;
    row.usul_open = cases.usul_open;
    row.usul_total = cases.usul_total;
    row.quota.share = ctx.shares.get(&bucket.code).copied().unwrap_or(0);
    row.last_musdes = ctx.last_musdes.get(&bucket.code).copied();
    let today = ctx.zone.local_date(ctx.now);
    row.musdes_overdue = u32::from(
        !ctx.musdes
            .overdue(&[(bucket.code.clone(), row.last_musdes)], today)
            .is_empty(),
    );
    row
}

/// Adds a row's counts into a sum (the last musdes kept is the longest ago; never held wins).
fn add_into(sum: &mut RegionRow, row: &RegionRow, first: bool) {
    sum.loci |= row.loci;
    sum.families += row.families;
    sum.members += row.members;
    sum.pinned += row.pinned;
    sum.with_photo += row.with_photo;
    sum.verified += row.verified;
    sum.extreme += row.extreme;
    sum.receiving += row.receiving;
    sum.inclusion_errors += row.inclusion_errors;
    sum.exclusion_errors += row.exclusion_errors;
    for (s, w) in sum.waiting.iter_mut().zip(&row.waiting) {
        s.count += w.count;
        s.oldest_days = s.oldest_days.max(w.oldest_days);
    }
    sum.quota.share += row.quota.share;
    sum.quota.used += row.quota.used;
    sum.quota.waiting_list += row.quota.waiting_list;
    sum.last_musdes = if first {
        row.last_musdes
    } else {
        match (sum.last_musdes, row.last_musdes) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        }
    };
    sum.musdes_overdue += row.musdes_overdue;
    sum.recipients += row.recipients;
    sum.labelled += row.labelled;
    sum.sanggah_open += row.sanggah_open;
    sum.sanggah_total += row.sanggah_total;
    sum.usul_open += row.usul_open;
    sum.usul_total += row.usul_total;
}

/// The table of the regions of `level` within `scope`.
pub fn table(
    index: &SpreadIndex,
    ctx: &TableContext,
    scope: &RegionCode,
    level: TableLevel,
) -> RegionTable {
    let desa_rows: Vec<(usize, RegionRow)> = index
        .desa
        .iter()
        .filter(|b| scope.contains(&b.code))
        .map(|b| (b.kecamatan, desa_row(index, b, ctx)))
        .collect();
    let mut total = empty_row(scope.to_string(), String::new(), None);
    for (n, (_, row)) in desa_rows.iter().enumerate() {
        add_into(&mut total, row, n == 0);
    }
    let rows = match level {
        TableLevel::Desa => desa_rows.into_iter().map(|(_, row)| row).collect(),
        TableLevel::Kecamatan => {
            let mut per: BTreeMap<usize, (RegionRow, bool)> = BTreeMap::new();
            for (k, row) in &desa_rows {
                let kec = &index.kecamatan[*k];
                let (sum, seen) = per.entry(*k).or_insert_with(|| {
                    (
                        empty_row(kec.code.to_string(), kec.name.clone(), None),
                        false,
                    )
                });
                add_into(sum, row, !*seen);
                *seen = true;
            }
            per.into_values().map(|(row, _)| row).collect()
        }
    };
    RegionTable {
        level,
        rows,
        total,
        progress: progress(index, ctx, scope),
        as_of: index.as_of,
    }
}

/// Proposals made, proposals that reached the register and visits, per month for the last
/// twelve months (the kabupaten's local calendar).
fn progress(index: &SpreadIndex, ctx: &TableContext, scope: &RegionCode) -> Vec<MonthProgress> {
    let today = ctx.zone.local_date(ctx.now);
    let month_of =
        |date: jiff::civil::Date| i32::from(date.year()) * 12 + i32::from(date.month()) - 1;
    let this_month = month_of(today);
    let mut months: Vec<MonthProgress> = (0..12)
        .map(|back| {
            let m = this_month - 11 + back;
            MonthProgress {
                month: format!("{:04}-{:02}", m / 12, m % 12 + 1),
                proposed: 0,
                finalised: 0,
                visits: 0,
            }
        })
        .collect();
    let slot = |at: jiff::Timestamp| {
        let back = this_month - month_of(ctx.zone.local_date(at));
        (0..12).contains(&back).then(|| (11 - back) as usize)
    };
    for bucket in index.desa.iter().filter(|b| scope.contains(&b.code)) {
        for p in &bucket.proposals {
            if let Some(i) = slot(p.created) {
                months[i].proposed += 1;
            }
            if p.state == ProposalState::Final
                && let Some(i) = slot(p.reached)
            {
                months[i].finalised += 1;
            }
        }
        for at in &bucket.visits {
            if let Some(i) = slot(*at) {
                months[i].visits += 1;
            }
        }
    }
    months
}
