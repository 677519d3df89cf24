//! A fixture for the browser tests, never shipped: prepares a data folder as `tepat serve` does
//! on first start (kabupaten 35.26 with the demo data), then puts the first `N` demo families of
//! each desa given in a proposal ratified by the Bupati, written straight into the store. The
//! national exchange is then tested without driving the whole approval chain (whose musdes step
//! needs a meeting with its evidence). Run it before the server starts on that folder.
//!
//! Usage: `seed_ratified DATA_DIR N DESA_CODE...`

use tepat_domain::RegionCode;
use tepat_domain::workflow::{ProposalKind, ProposalState, Step, StepRecord};
use tepat_server::store::{ProposalRecord, RedbStore, Store};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, count, desa @ ..] = args.as_slice() else {
        anyhow::bail!("usage: seed_ratified DATA_DIR N DESA_CODE...");
    };
    let count: usize = count.parse()?;
    let data = std::path::Path::new(data);
    std::fs::create_dir_all(data)?;
    let store = RedbStore::open(&data.join("tepat.redb"))?;
    let kabupaten = RegionCode::parse("35.26")?;
    let now = jiff::Timestamp::now();
    tepat_server::bootstrap::prepare(&store, &kabupaten, true, now)?;
    let scheme = tepat_server::policy::scoring(&store)?;
    let mut proposals = Vec::new();
    for code in desa {
        let code = RegionCode::parse(code)?;
        for family in store.families_in(&code)?.into_iter().take(count) {
            proposals.push(ProposalRecord {
                id: uuid::Uuid::now_v7(),
                family: family.id,
                desa: family.desa.clone(),
                kind: ProposalKind::NewFamily,
                state: ProposalState::Ratified,
                score: family.score(&scheme).total,
                created_at: now,
                created_by: "seed".into(),
                steps: vec![StepRecord {
                    step: Step::Ratify,
                    by: "bupati".into(),
                    role: Some(tepat_domain::Role::Bupati),
                    at: now,
                    device: None,
                    from: ProposalState::BupatiRatification,
                    to: ProposalState::Ratified,
                }],
            });
        }
    }
    store.save_proposals(&proposals, &[], &[], None)?;
    for p in &proposals {
        println!("{}", p.id);
    }
    Ok(())
}
