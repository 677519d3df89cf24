//! The synthetic kabupaten: `N` invented families over Bangkalan's real desa list, for measuring
//! the server at the size of a real kabupaten (`tepat gen`, `cargo xtask gen|bench`). Everything
//! is marked `demo`; the same seed and day give the same data. `places` lays out the desa,
//! `household` makes one family, `chain` a desa's proposals and meetings over the last year.
//!
//! Writing goes through the `Store` trait only, in big transactions: families as changes of the
//! server's device (`sync::record_created`, as the demo data, so tablets pull them), then
//! proposals (`save_proposals`), meetings (`save_musdes`), the ranking under the scheme in force
//! (`put_scores`), the demo accounts, and one audit entry saying what was generated.

pub mod chain;
pub mod household;
pub mod places;

use crate::demo::Rng;
use crate::store::{AuditAction, AuditEntry, Store};
use chain::{Candidate, DesaYear};
use household::{Household, Serials};
use places::DesaPlace;
use std::time::Instant;
use tepat_domain::scoring::ScoringScheme;
use tepat_domain::{Family, FamilyId, RegionCode};
use tepat_protocol::RankedScore;

/// Bump when the generated data changes, so cached folders (`cargo xtask bench`) are remade.
pub const GENERATOR_VERSION: u32 = 2;

/// Meta key describing a generated folder (JSON, the same as [`Summary`]).
pub const META_SYNTHETIC: &str = "synthetic";

/// Families written per transaction.
const BATCH: usize = 20_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Params {
    /// How many families.
    pub families: usize,
    /// The seed.
    pub seed: u64,
    /// "Now": proposals and meetings lie in the year before it.
    pub now: jiff::Timestamp,
}

/// What was generated, and how fast.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// [`GENERATOR_VERSION`].
    pub version: u32,
    /// The seed.
    pub seed: u64,
    /// Families.
    pub families: u64,
    /// Members.
    pub members: u64,
    /// Families with a house pin.
    pub pinned: u64,
    /// Families with a house photo.
    pub photographed: u64,
    /// Proposals.
    pub proposals: u64,
    /// Village meetings (closed and scheduled).
    pub musdes: u64,
    /// Seconds it took, writing included.
    pub seconds: f64,
    /// Families per second.
    pub families_per_second: f64,
    /// Seconds spent on each part: families, proposals and meetings, scores.
    pub phases: Vec<(String, f64)>,
}

/// One desa generated in memory: its households and its year of proposals and meetings.
pub struct GeneratedDesa {
    /// The desa.
    pub place: DesaPlace,
    /// Its families with their latent welfare.
    pub households: Vec<Household>,
    /// Its proposals and meetings.
    pub year: DesaYear,
}

/// The desa's own random stream: the seed and the desa's place mixed, so that no two desa draw
/// overlapping runs of the same sequence.
fn stream(seed: u64, index: u64) -> Rng {
    let mut mixer = Rng(seed ^ (index + 1).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    Rng(mixer.bits() ^ mixer.bits().rotate_left(17))
}

/// The hamlets (dusun middles) of a desa: two to four points within about 800 m of its centre.
fn hamlets(rng: &mut Rng, desa: &DesaPlace) -> Vec<(f64, f64)> {
    let count = 2 + rng.below(3) as usize;
    (0..count)
        .map(|_| tepat_domain::geo::offset(desa.centre, rng.unit() * 800.0, rng.unit() * 800.0))
        .collect()
}

/// Generates one desa; the same for the same seed, day and plan, whatever else is generated.
pub fn generate_desa(place: &DesaPlace, params: &Params, scheme: &ScoringScheme) -> GeneratedDesa {
    let mut rng = stream(params.seed, u64::from(place.index));
    let hamlets = hamlets(&mut rng, place);
    let today = params
        .now
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .date();
    let mut serials = Serials::default();
    let households: Vec<Household> = (0..place.families)
        .map(|_| household::household(&mut rng, &mut serials, place, &hamlets, today))
        .collect();
    let candidates: Vec<Candidate> = households
        .iter()
        .map(|h| Candidate {
            id: h.family.id,
            score: h.family.score(scheme).total,
            welfare: h.welfare,
        })
        .collect();
    let year = chain::desa_year(&mut rng, place, &candidates, params.now);
    GeneratedDesa {
        place: place.clone(),
        households,
        year,
    }
}

/// Every desa of the kabupaten, generated one after another (for tests and small `N`).
pub fn generate_all(params: &Params, scheme: &ScoringScheme) -> Vec<GeneratedDesa> {
    places::kabupaten(params.families, params.seed)
        .iter()
        .map(|place| generate_desa(place, params, scheme))
        .collect()
}

/// The desa of `plan` generated on a thread of their own, a few ahead of the writer, so that
/// making families and writing them overlap.
fn generated(
    plan: &[DesaPlace],
    params: &Params,
    scheme: &ScoringScheme,
) -> impl Iterator<Item = anyhow::Result<GeneratedDesa>> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(4);
    let (plan, params, scheme) = (plan.to_vec(), params.clone(), scheme.clone());
    let worker = std::thread::spawn(move || {
        for place in &plan {
            if sender.send(generate_desa(place, &params, &scheme)).is_err() {
                break;
            }
        }
    });
    let mut worker = Some(worker);
    let mut desa = receiver.into_iter();
    std::iter::from_fn(move || match desa.next() {
        Some(generated) => Some(Ok(generated)),
        None => {
            let worker = worker.take()?;
            worker
                .join()
                .err()
                .map(|_| Err(anyhow::anyhow!("the generator's thread failed")))
        }
    })
}

/// Generates the kabupaten into `store`, which must hold no families yet; `progress` hears
/// (families written, families in all). Regions must be loaded (`bootstrap::prepare`).
pub fn generate(
    store: &dyn Store,
    params: &Params,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<Summary> {
    anyhow::ensure!(
        store.family_count()? == 0,
        "basis data ini sudah berisi keluarga: pakai --data-dir yang baru"
    );
    let kabupaten = RegionCode::parse(places::KABUPATEN)?;
    let started = Instant::now();
    let scheme = crate::policy::scoring(store)?;
    let plan = places::kabupaten(params.families, params.seed);
    let mut summary = Summary {
        version: GENERATOR_VERSION,
        seed: params.seed,
        families: 0,
        members: 0,
        pinned: 0,
        photographed: 0,
        proposals: 0,
        musdes: 0,
        seconds: 0.0,
        families_per_second: 0.0,
        phases: Vec::new(),
    };
    let mut phase = Instant::now();
    let mut lap = |summary: &mut Summary, name: &str| {
        summary
            .phases
            .push((name.to_owned(), phase.elapsed().as_secs_f64()));
        phase = Instant::now();
    };
    let mut totals: Vec<(FamilyId, i64)> = Vec::with_capacity(params.families);
    let mut batch: Vec<Family> = Vec::with_capacity(BATCH);
    let mut proposals = Vec::new();
    let mut meetings = Vec::new();
    for desa in generated(&plan, params, &scheme) {
        let desa = desa?;
        for household in desa.households {
            let family = household.family;
            summary.members += family.members.len() as u64;
            summary.pinned += u64::from(family.location.is_some());
            summary.photographed += u64::from(family.photos.front.is_some());
            totals.push((family.id, family.score(&scheme).total));
            batch.push(family);
        }
        proposals.extend(desa.year.proposals);
        meetings.extend(desa.year.musdes);
        if batch.len() >= BATCH {
            crate::sync::record_created(store, &batch, &[])?;
            summary.families += batch.len() as u64;
            progress(summary.families, params.families as u64);
            batch.clear();
        }
    }
    crate::sync::record_created(store, &batch, &[])?;
    summary.families += batch.len() as u64;
    progress(summary.families, params.families as u64);
    drop(batch);
    lap(&mut summary, "families");

    summary.proposals = proposals.len() as u64;
    for chunk in proposals.chunks(BATCH) {
        store.save_proposals(chunk, &[], &[], None)?;
    }
    drop(proposals);
    summary.musdes = meetings.len() as u64;
    for meeting in &meetings {
        store.save_musdes(meeting, &[], &[])?;
    }
    drop(meetings);
    lap(&mut summary, "proposals and meetings");

    // The ranking: places from every total, then each desa regenerated for its full results
    // (cheaper than holding half a million score breakdowns).
    let among = totals.len() as u32;
    let places: std::collections::HashMap<FamilyId, (u32, u8)> =
        tepat_domain::scoring::rank(&totals)
            .into_iter()
            .map(|r| (r.id, (r.rank as u32, r.local_decile)))
            .collect();
    drop(totals);
    let mut scores: Vec<(FamilyId, RankedScore)> = Vec::with_capacity(BATCH);
    for desa in generated(&plan, params, &scheme) {
        for household in desa?.households {
            let id = household.family.id;
            let place = places.get(&id).copied();
            scores.push((
                id,
                RankedScore {
                    result: household.family.score(&scheme),
                    rank: place.map(|p| p.0),
                    local_decile: place.map(|p| p.1),
                    ranked_among: among,
                },
            ));
        }
        if scores.len() >= BATCH {
            store.put_scores(scheme.version, &scores, None, None)?;
            scores.clear();
        }
    }
    store.put_scores(scheme.version, &scores, None, None)?;
    lap(&mut summary, "scores");

    for user in crate::demo::users()? {
        store.put_user(&user)?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.families_per_second = summary.families as f64 / summary.seconds.max(1e-9);
    store.set_meta(META_SYNTHETIC, &serde_json::to_string(&summary)?)?;
    store.append_audit(&AuditEntry::new(
        params.now,
        "sistem",
        AuditAction::DemoLoaded,
        format!(
            "{} keluarga sintetis di {} (seed {}, generator v{GENERATOR_VERSION})",
            summary.families, kabupaten, params.seed
        ),
    ))?;
    Ok(summary)
}

#[cfg(test)]
mod tests;
