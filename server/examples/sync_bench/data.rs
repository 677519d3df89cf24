//! The families the sync measurements push and pull: the synthetic generator's households of one
//! desa (members, pins, answers as `tepat gen` makes them), and the changes a tablet would send
//! for them as new families.

use anyhow::Context;
use tepat_domain::Family;
use tepat_domain::scoring::ScoringScheme;
use tepat_protocol::sync::family_writes;
use tepat_server::synth::{Params, generate_desa, places};
use tepat_sync::{Change, ChangeId, DeviceId, HlcClock};

/// The desa of the demo operator `op.lombangdajah`.
pub const DESA: &str = "35.26.15.2012";
/// Its operator.
pub const OPERATOR: &str = "op.lombangdajah";

/// `count` generated families of [`DESA`], as a tablet registers them: not marked demo, and
/// each with a fresh time-ordered id (UUID v7, what `web/src/pages/register.rs` gives a new
/// family) rather than the generator's random one.
pub fn families(count: usize, seed: u64) -> anyhow::Result<Vec<Family>> {
    let mut place = places::kabupaten(1_000, seed)
        .into_iter()
        .find(|p| p.code.as_str() == DESA)
        .context("the generator's plan has no Lombang Dajah")?;
    place.families = count;
    let params = Params {
        families: count,
        seed,
        now: jiff::Timestamp::now(),
    };
    Ok(generate_desa(&place, &params, &ScoringScheme::default_v1())
        .households
        .into_iter()
        .map(|h| {
            let mut family = h.family;
            family.demo = false;
            family.id = tepat_domain::FamilyId(uuid::Uuid::now_v7());
            family
        })
        .collect())
}

/// One change per family, registering it whole, by [`OPERATOR`] on one tablet.
pub fn changes(families: &[Family]) -> Vec<Change> {
    let device = DeviceId(uuid::Uuid::from_u128(
        0xBE4C_0000_0000_7000_8000_0000_0000_0001,
    ));
    let mut clock = HlcClock::new(device);
    let now_ms = jiff::Timestamp::now().as_millisecond() as u64;
    families
        .iter()
        .enumerate()
        .map(|(i, family)| {
            let stamp = clock.tick(now_ms + i as u64);
            Change {
                id: ChangeId(uuid::Uuid::now_v7()),
                device,
                user: OPERATOR.into(),
                stamp,
                record: family.id.0,
                writes: family_writes(family),
            }
        })
        .collect()
}
