//! Scores on the server: every family scored and ranked in the kabupaten under the scheme in
//! force, stored per scheme version so that a new scheme re-scores everything while the old
//! version's results stay visible. Ranks are recomputed when the scheme changes (and at first
//! start); a family's own current score is always computed from its answers as they are now.

use crate::policy;
use crate::store::{AuditEntry, Store, StoreResult, encode_value};
use tepat_domain::scoring::{ScoringScheme, rank};
use tepat_domain::{FamilyId, RegionCode};
use tepat_protocol::RankedScore;

/// Scores and ranks every family of the kabupaten under `scheme`.
pub fn score_all(
    store: &dyn Store,
    kabupaten: &RegionCode,
    scheme: &ScoringScheme,
) -> StoreResult<Vec<(FamilyId, RankedScore)>> {
    let families = store.families_in(kabupaten)?;
    let results: Vec<_> = families.iter().map(|f| (f.id, f.score(scheme))).collect();
    let totals: Vec<(FamilyId, i64)> = results.iter().map(|(id, r)| (*id, r.total)).collect();
    let mut places: std::collections::BTreeMap<FamilyId, (u32, u8)> = rank(&totals)
        .into_iter()
        .map(|r| (r.id, (r.rank as u32, r.local_decile)))
        .collect();
    let among = results.len() as u32;
    Ok(results
        .into_iter()
        .map(|(id, result)| {
            let place = places.remove(&id);
            (
                id,
                RankedScore {
                    result,
                    rank: place.map(|p| p.0),
                    local_decile: place.map(|p| p.1),
                    ranked_among: among,
                },
            )
        })
        .collect())
}

/// Stores the ranking under the scheme in force if there is none yet (first start).
pub fn ensure_ranked(store: &dyn Store, kabupaten: &RegionCode) -> StoreResult<()> {
    let scheme = policy::scoring(store)?;
    let Some(first) = first_family(store, kabupaten)? else {
        return Ok(());
    };
    if store
        .scores_of(first)?
        .iter()
        .any(|s| s.result.scheme_version == scheme.version)
    {
        return Ok(());
    }
    let scores = score_all(store, kabupaten, &scheme)?;
    store.put_scores(scheme.version, &scores, None, None)
}

/// One family of the kabupaten, found desa by desa so that a start does not read every family.
fn first_family(store: &dyn Store, kabupaten: &RegionCode) -> StoreResult<Option<FamilyId>> {
    for kecamatan in store.region_children(kabupaten)? {
        for desa in store.region_children(&kecamatan.code)? {
            if let Some(family) = store.families_in(&desa.code)?.first() {
                return Ok(Some(family.id));
            }
        }
    }
    // Families in a region the list lacks (never in practice): the slow way.
    Ok(store.families_in(kabupaten)?.first().map(|f| f.id))
}

/// Puts a new scheme in force: the old version's ranking is kept (stored first if it never
/// was), every family is scored and ranked under the new one, and the scheme is saved, all in
/// one transaction for the new version.
pub fn replace_scheme(
    store: &dyn Store,
    kabupaten: &RegionCode,
    scheme: &ScoringScheme,
    audit: &AuditEntry,
) -> StoreResult<u32> {
    ensure_ranked(store, kabupaten)?;
    let scores = score_all(store, kabupaten, scheme)?;
    let encoded = encode_value(scheme);
    store.put_scores(
        scheme.version,
        &scores,
        Some((policy::SCORING_KEY, &encoded)),
        Some(audit),
    )?;
    Ok(scores.len() as u32)
}
