//! Sync ingest: the same changes (one whole new family each) taken three ways, each on a fresh
//! data folder with the demo data, in batches of 100 and 1,000 families:
//! - `api`: POST sync/push to the real `tepat serve`, postcard envelopes (bodies encoded before
//!   the clock starts); a batch above the protocol's 500 changes per push goes as several pushes,
//!   as a tablet sends it;
//! - `handler`: `tepat_server::sync::push` called in-process (every check, no HTTP);
//! - `direct`: `Store::commit_changes` with the merged records built beforehand (the storage
//!   limit: change log, desa index, merge record, family and its indexes, one transaction);
//! - `raw`: only the families' own postcard values, one redb table keyed by id, nothing else
//!   (what the disk and redb allow for these bytes; how far the store's indexes are from it);
//! - `persisted`: the least the sync design must keep durable for each family before it acks —
//!   the family, its change (what tablets pull) and its merge record (what field-by-field merge
//!   needs) — three redb tables, no index, no check: the ceiling of any push through this design.

use crate::common::{self, emit};
use crate::data::{self, OPERATOR};
use crate::{Args, fresh};
use anyhow::{Context, bail};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tepat_domain::RegionCode;
use tepat_protocol::routes;
use tepat_protocol::sync::{AckOutcome, MAX_PUSH_CHANGES, PushRequest, PushResponse};
use tepat_protocol::{CONTENT_TYPE_POSTCARD, decode, encode};
use tepat_server::auth::CurrentUser;
use tepat_server::bootstrap::prepare;
use tepat_server::clock::SystemClock;
use tepat_server::store::{AcceptedChange, RedbStore, Store};
use tepat_server::{AppState, ServerConfig};
use tepat_sync::{Change, Record};

/// Batch sizes measured.
const BATCHES: [usize; 2] = [100, 1_000];

pub async fn run(args: &Args) -> anyhow::Result<()> {
    eprintln!(
        "ingest: generating {} families of Lombang Dajah",
        args.ingest_families
    );
    let families = data::families(args.ingest_families, args.seed ^ 0x1A6E_5700)?;
    let changes = data::changes(&families);
    for batch in BATCHES {
        let n = changes.len() as f64;
        let api = n / api(args, &changes, batch).await?.as_secs_f64();
        let handler = n / handler(args, &changes, batch).await?.as_secs_f64();
        let direct = n / direct(args, &changes, batch)?.as_secs_f64();
        let raw = n / raw(args, &families, batch)?.as_secs_f64();
        let persisted = n / persisted(args, &changes, batch)?.as_secs_f64();
        eprintln!(
            "ingest batch {batch}: api {api:.0}/s, handler {handler:.0}/s, direct {direct:.0}/s, raw {raw:.0}/s, persisted {persisted:.0}/s"
        );
        emit(&format!("ingest.api_{batch}"), api, "families/s");
        emit(&format!("ingest.handler_{batch}"), handler, "families/s");
        emit(&format!("ingest.direct_{batch}"), direct, "families/s");
        emit(&format!("ingest.ratio_{batch}"), api / direct, "ratio");
        emit(&format!("ingest.raw_{batch}"), raw, "families/s");
        emit(&format!("ingest.raw_ratio_{batch}"), api / raw, "ratio");
        emit(
            &format!("ingest.persisted_{batch}"),
            persisted,
            "families/s",
        );
        emit(
            &format!("ingest.persisted_ratio_{batch}"),
            persisted / raw,
            "ratio",
        );
    }
    Ok(())
}

/// Every ack must be an acceptance: a refused family would make the rate meaningless.
fn check_acks(acks: &PushResponse) -> anyhow::Result<()> {
    for ack in &acks.acks {
        if !matches!(ack.outcome, AckOutcome::Accepted { .. }) {
            bail!("a pushed family was not accepted: {:?}", ack.outcome);
        }
    }
    Ok(())
}

/// The pushes of each batch: a batch above the protocol's limit is several pushes.
fn pushes(changes: &[Change], batch: usize) -> Vec<PushRequest> {
    changes
        .chunks(batch)
        .flat_map(|b| b.chunks(MAX_PUSH_CHANGES))
        .map(|c| PushRequest {
            changes: c.to_vec(),
        })
        .collect()
}

async fn api(args: &Args, changes: &[Change], batch: usize) -> anyhow::Result<Duration> {
    let dir = fresh(&args.scratch, &format!("ingest-api-{batch}"))?;
    let server = common::start(&args.tepat, &dir.display().to_string(), true)?;
    let client = reqwest::Client::new();
    common::wait_ready(&client, &server.base, Duration::from_secs(120)).await?;
    let client = common::session_client(&common::login(&client, &server.base, OPERATOR).await?)?;
    let bodies: Vec<Vec<u8>> = pushes(changes, batch).iter().map(encode).collect();
    let url = format!("{}{}", server.base, routes::SYNC_PUSH);
    let started = Instant::now();
    for body in bodies {
        let response = client
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE_POSTCARD)
            .header(reqwest::header::ACCEPT, CONTENT_TYPE_POSTCARD)
            .body(body)
            .send()
            .await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        if !status.is_success() {
            bail!(
                "push answered {status}: {}",
                String::from_utf8_lossy(&bytes)
            );
        }
        check_acks(&decode(&bytes)?)?;
    }
    let elapsed = started.elapsed();
    drop(server);
    std::fs::remove_dir_all(&dir)?;
    Ok(elapsed)
}

/// A fresh store as `tepat serve` leaves it on first start with the demo data.
fn prepared(dir: &std::path::Path) -> anyhow::Result<(RedbStore, RegionCode)> {
    let store = RedbStore::open(&dir.join("tepat.redb"))?;
    let kabupaten = RegionCode::parse("35.26")?;
    prepare(&store, &kabupaten, true, jiff::Timestamp::now())?;
    Ok((store, kabupaten))
}

async fn handler(args: &Args, changes: &[Change], batch: usize) -> anyhow::Result<Duration> {
    let dir = fresh(&args.scratch, &format!("ingest-handler-{batch}"))?;
    let (store, kabupaten) = prepared(&dir)?;
    let mut config = ServerConfig::new(kabupaten);
    config.blob_dir = dir.join("blobs");
    let state = AppState::new(Arc::new(store), Arc::new(SystemClock), config);
    let user = state
        .store
        .user(OPERATOR)?
        .context("the demo operator is missing")?;
    let current = CurrentUser {
        user,
        token: [0; 32],
    };
    let requests = pushes(changes, batch);
    let started = Instant::now();
    for request in requests {
        let acks = tepat_server::sync::push(&state, &current, request)
            .await
            .map_err(|e| anyhow::anyhow!("push refused: {e:?}"))?;
        check_acks(&acks)?;
    }
    let elapsed = started.elapsed();
    drop(state);
    std::fs::remove_dir_all(&dir)?;
    Ok(elapsed)
}

/// A new family's change merged into an empty record, and the family it makes.
fn merged(change: &Change) -> anyhow::Result<(Record, tepat_domain::Family)> {
    let mut record = Record::new();
    record.apply(change);
    let family = tepat_protocol::sync::family_from_fields(
        tepat_domain::FamilyId(change.record),
        record.fields(),
    )?;
    Ok((record, family))
}

fn direct(args: &Args, changes: &[Change], batch: usize) -> anyhow::Result<Duration> {
    let dir = fresh(&args.scratch, &format!("ingest-direct-{batch}"))?;
    let (store, _) = prepared(&dir)?;
    let accepted = changes
        .iter()
        .map(|change| {
            let (record, family) = merged(change)?;
            Ok(AcceptedChange {
                change: change.clone(),
                desa: vec![family.desa.clone()],
                family,
                record,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let started = Instant::now();
    for chunk in accepted.chunks(batch) {
        store.commit_changes(chunk, &[], &[])?;
    }
    let elapsed = started.elapsed();
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(elapsed)
}

/// The families' postcard values alone into one redb table, in the same batches, one durable
/// commit each, as the store commits.
fn raw(args: &Args, families: &[tepat_domain::Family], batch: usize) -> anyhow::Result<Duration> {
    const TABLE: redb::TableDefinition<u128, &[u8]> = redb::TableDefinition::new("families");
    let dir = fresh(&args.scratch, &format!("ingest-raw-{batch}"))?;
    let db = redb::Database::create(dir.join("raw.redb"))?;
    let values: Vec<(u128, Vec<u8>)> = families
        .iter()
        .map(|f| Ok((f.id.0.as_u128(), postcard::to_stdvec(f)?)))
        .collect::<anyhow::Result<_>>()?;
    let started = Instant::now();
    for chunk in values.chunks(batch) {
        let txn = db.begin_write()?;
        {
            let mut table = txn.open_table(TABLE)?;
            for (id, value) in chunk {
                table.insert(id, value.as_slice())?;
            }
        }
        txn.commit()?;
    }
    let elapsed = started.elapsed();
    drop(db);
    std::fs::remove_dir_all(&dir)?;
    Ok(elapsed)
}

/// The three values the sync design keeps for each pushed family (family, change, merge record),
/// postcard-encoded beforehand as the store encodes them.
struct Persisted {
    id: u128,
    family: Vec<u8>,
    change: Vec<u8>,
    record: Vec<u8>,
}

/// The least a push must make durable, in the same batches: each family's value, its change and
/// its merge record into three redb tables (ids and sequence numbers as keys), one durable commit
/// per batch, no index and no check. With the first batch size, also the bytes per family of
/// both.
fn persisted(args: &Args, changes: &[Change], batch: usize) -> anyhow::Result<Duration> {
    const FAMILIES: redb::TableDefinition<u128, &[u8]> = redb::TableDefinition::new("families");
    const CHANGES: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("changes");
    const RECORDS: redb::TableDefinition<u128, &[u8]> = redb::TableDefinition::new("records");
    let dir = fresh(&args.scratch, &format!("ingest-persisted-{batch}"))?;
    let db = redb::Database::create(dir.join("persisted.redb"))?;
    let values = changes
        .iter()
        .map(|change| {
            let (record, family) = merged(change)?;
            Ok(Persisted {
                id: change.record.as_u128(),
                family: postcard::to_stdvec(&family)?,
                change: postcard::to_stdvec(change)?,
                record: postcard::to_stdvec(&record)?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if batch == BATCHES[0] {
        let per_family = |bytes: fn(&Persisted) -> usize| {
            values.iter().map(bytes).sum::<usize>() as f64 / values.len().max(1) as f64
        };
        emit(
            "ingest.family_bytes",
            per_family(|v| v.family.len()),
            "bytes",
        );
        emit(
            "ingest.persisted_bytes",
            per_family(|v| v.family.len() + v.change.len() + v.record.len()),
            "bytes",
        );
    }
    let started = Instant::now();
    let mut seq = 0u64;
    for chunk in values.chunks(batch) {
        let txn = db.begin_write()?;
        {
            let mut families = txn.open_table(FAMILIES)?;
            let mut log = txn.open_table(CHANGES)?;
            let mut records = txn.open_table(RECORDS)?;
            for value in chunk {
                seq += 1;
                families.insert(value.id, value.family.as_slice())?;
                log.insert(seq, value.change.as_slice())?;
                records.insert(value.id, value.record.as_slice())?;
            }
        }
        txn.commit()?;
    }
    let elapsed = started.elapsed();
    drop(db);
    std::fs::remove_dir_all(&dir)?;
    Ok(elapsed)
}
