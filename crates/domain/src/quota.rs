//! Bansos quota: a kabupaten's quota for a programme split over its desa in proportion to their
//! poor population (largest remainder, so shares add up exactly), and a ledger per programme in
//! which a desa under its share places proposals, a desa at its share puts them on the waiting
//! list (daftar tunggu, poorest first), and a freed place promotes the best waiting one.

use crate::region::RegionCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Splits `quota` over desa in proportion to their poor population; the shares sum to `quota`
/// exactly (largest remainder; ties by region code). With no poor population at all, every
/// share is 0.
pub fn split_quota(quota: u32, poor_by_desa: &[(RegionCode, u32)]) -> BTreeMap<RegionCode, u32> {
    let total: u64 = poor_by_desa.iter().map(|(_, n)| u64::from(*n)).sum();
    let mut shares: BTreeMap<RegionCode, u32> = BTreeMap::new();
    if total == 0 {
        for (desa, _) in poor_by_desa {
            shares.insert(desa.clone(), 0);
        }
        return shares;
    }
    let mut remainders = Vec::with_capacity(poor_by_desa.len());
    let mut given = 0u64;
    for (desa, poor) in poor_by_desa {
        let exact = u64::from(quota) * u64::from(*poor);
        let share = exact / total;
        given += share;
        *shares.entry(desa.clone()).or_default() += share as u32;
        remainders.push((exact % total, desa.clone()));
    }
    // Largest remainders first; equal remainders by code, so the result never depends on order.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, desa) in remainders
        .into_iter()
        .take((u64::from(quota) - given) as usize)
    {
        *shares.entry(desa).or_default() += 1;
    }
    shares
}

/// Where a proposal went when placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Placement {
    /// Inside the desa's share.
    Accepted,
    /// On the waiting list, at this position (1 = next to move up).
    Waiting(usize),
}

/// A waiting proposal: its id and its poverty score (higher = poorer = first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Waiting<Id> {
    /// The proposal.
    pub id: Id,
    /// Its family's score.
    pub score: i64,
}

/// One desa's quota in one programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DesaQuota<Id> {
    /// Places the desa has.
    pub share: u32,
    /// Proposals holding a place.
    pub placed: Vec<Id>,
    /// Proposals waiting, poorest first (ties: earlier first).
    pub waiting: Vec<Waiting<Id>>,
}

/// The quota ledger of one programme across the kabupaten's desa.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuotaLedger<Id> {
    desa: BTreeMap<RegionCode, DesaQuota<Id>>,
}

impl<Id: Clone + PartialEq> QuotaLedger<Id> {
    /// A ledger with these shares and nothing placed.
    pub fn new(shares: BTreeMap<RegionCode, u32>) -> QuotaLedger<Id> {
        QuotaLedger {
            desa: shares
                .into_iter()
                .map(|(d, share)| {
                    (
                        d,
                        DesaQuota {
                            share,
                            placed: Vec::new(),
                            waiting: Vec::new(),
                        },
                    )
                })
                .collect(),
        }
    }

    /// One desa's standing.
    pub fn desa(&self, desa: &RegionCode) -> Option<&DesaQuota<Id>> {
        self.desa.get(desa)
    }

    /// Whether the desa has a free place.
    pub fn has_place(&self, desa: &RegionCode) -> bool {
        self.desa
            .get(desa)
            .is_some_and(|q| (q.placed.len() as u32) < q.share)
    }

    /// Places a proposal of `desa` with its family's `score`: accepted while under the share,
    /// waiting otherwise. A desa without a share gets none (everything waits).
    pub fn place(&mut self, desa: &RegionCode, id: Id, score: i64) -> Placement {
        let quota = self.desa.entry(desa.clone()).or_insert(DesaQuota {
            share: 0,
            placed: Vec::new(),
            waiting: Vec::new(),
        });
        if (quota.placed.len() as u32) < quota.share {
            quota.placed.push(id);
            return Placement::Accepted;
        }
        // Poorest first; among equals, whoever came first stays ahead.
        let at = quota
            .waiting
            .iter()
            .position(|w| w.score < score)
            .unwrap_or(quota.waiting.len());
        quota.waiting.insert(at, Waiting { id, score });
        Placement::Waiting(at + 1)
    }

    /// Frees the place of `id` (deactivated, withdrawn, returned) or takes it off the waiting
    /// list. A freed place goes to the best waiting proposal, which is returned.
    pub fn release(&mut self, desa: &RegionCode, id: &Id) -> Option<Id> {
        let quota = self.desa.get_mut(desa)?;
        if let Some(at) = quota.waiting.iter().position(|w| &w.id == id) {
            quota.waiting.remove(at);
            return None;
        }
        let at = quota.placed.iter().position(|p| p == id)?;
        quota.placed.remove(at);
        if (quota.placed.len() as u32) < quota.share && !quota.waiting.is_empty() {
            let next = quota.waiting.remove(0).id;
            quota.placed.push(next.clone());
            return Some(next);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(n: u32) -> RegionCode {
        RegionCode::parse(&format!("35.26.15.{:04}", 2000 + n)).unwrap()
    }

    #[test]
    fn shares_follow_poor_population_and_sum_exactly() {
        let shares = split_quota(10, &[(code(1), 50), (code(2), 30), (code(3), 20)]);
        assert_eq!(shares.values().copied().collect::<Vec<_>>(), [5, 3, 2]);
        // 10 over three equal desa: 4, 3, 3 with the extra place to the lowest code.
        let shares = split_quota(10, &[(code(3), 1), (code(1), 1), (code(2), 1)]);
        assert_eq!(shares[&code(1)], 4);
        assert_eq!(shares.values().sum::<u32>(), 10);
        assert!(split_quota(5, &[(code(1), 0)]).values().all(|s| *s == 0));
    }

    #[test]
    fn past_the_share_proposals_wait_poorest_first_and_move_up_when_a_place_frees() {
        let mut ledger: QuotaLedger<u32> = QuotaLedger::new(BTreeMap::from([(code(1), 2)]));
        assert_eq!(ledger.place(&code(1), 1, 50), Placement::Accepted);
        assert_eq!(ledger.place(&code(1), 2, 40), Placement::Accepted);
        assert_eq!(ledger.place(&code(1), 3, 30), Placement::Waiting(1));
        assert_eq!(ledger.place(&code(1), 4, 80), Placement::Waiting(1));
        assert_eq!(ledger.place(&code(1), 5, 80), Placement::Waiting(2));
        assert_eq!(ledger.release(&code(1), &1), Some(4));
        assert_eq!(ledger.desa(&code(1)).unwrap().placed, [2, 4]);
        // Leaving the waiting list promotes nobody.
        assert_eq!(ledger.release(&code(1), &3), None);
        assert_eq!(ledger.release(&code(1), &2), Some(5));
        assert!(!ledger.has_place(&code(1)));
        // A desa without a share waits.
        assert_eq!(ledger.place(&code(9), 7, 1), Placement::Waiting(1));
    }

    proptest! {
        #[test]
        fn shares_always_sum_to_the_quota(quota in 0u32..5_000, poor in proptest::collection::vec(0u32..10_000, 1..30)) {
            let desa: Vec<_> = poor.iter().enumerate().map(|(i, p)| (code(i as u32), *p)).collect();
            let shares = split_quota(quota, &desa);
            let total: u32 = shares.values().sum();
            if poor.iter().any(|p| *p > 0) {
                prop_assert_eq!(total, quota);
            } else {
                prop_assert_eq!(total, 0);
            }
        }

        /// Whatever is placed and released, no desa holds more than its share, the waiting list
        /// stays poorest first, and a place never stays empty while someone waits.
        #[test]
        fn no_desa_ever_exceeds_its_share(ops in proptest::collection::vec((0u32..3, any::<bool>(), 0u32..40, 0i64..100), 0..200)) {
            let shares = BTreeMap::from([(code(0), 3), (code(1), 0), (code(2), 5)]);
            let mut ledger: QuotaLedger<u32> = QuotaLedger::new(shares.clone());
            for (desa, place, id, score) in ops {
                let desa = code(desa);
                if place {
                    ledger.place(&desa, id, score);
                } else {
                    ledger.release(&desa, &id);
                }
                let q = ledger.desa(&desa).unwrap();
                prop_assert!(q.placed.len() as u32 <= shares[&desa]);
                prop_assert!(q.waiting.windows(2).all(|w| w[0].score >= w[1].score));
                prop_assert!(q.waiting.is_empty() || q.placed.len() as u32 == q.share);
            }
        }
    }
}
