//! The load half of `cargo xtask bench`, never shipped: `--tablets` simulated tablets (500)
//! syncing at once against the real `tepat serve` on loopback for `--seconds`. Each tablet has
//! its own device id, its own connection and a desa: it pulls its desa whole (its first sync,
//! into a `tepat_sync::Replica` as the web app keeps it), then, every `--period-ms` with ±50 %
//! jitter, edits one to three of its families as a field operator would (a house's RT), pushes
//! its outbox (postcard, the tablet's envelope) and pulls what changed. Tablets start spread over
//! the first period. One operator account per desa is written into the (copied) data folder
//! before the server starts, all with one password hash, and each logs in once: argon2 is slow
//! on purpose, so a desa's tablets share their operator's session.
//!
//! Prints JSON lines for xtask's table: requests, errors (failed requests and refused changes),
//! push p50/p95, pull p95 (after the first sync), first-sync page p95, server memory.
//!
//! Usage: `load --tepat PATH --data-dir DIR [--tablets 500] [--seconds 45] [--period-ms 5000]
//! [--seed 1]`; DIR is changed (accounts, edits): give it a copy.

mod common;

use anyhow::{Context, bail};
use common::{emit, ms, percentile};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tepat_domain::{FamilyId, RegionCode, RegionLevel, Role};
use tepat_protocol::sync::{
    AckOutcome, MAX_PUSH_CHANGES, PullResponse, PushRequest, PushResponse, changed_writes,
    family_from_fields,
};
use tepat_protocol::{CONTENT_TYPE_POSTCARD, decode, encode, routes};
use tepat_server::demo::Rng;
use tepat_server::store::{RedbStore, Store, UserRecord};
use tepat_sync::{ChangeId, DeviceId, PushOutcome, Replica};

struct Args {
    tepat: String,
    data_dir: String,
    tablets: usize,
    seconds: u64,
    period_ms: u64,
    seed: u64,
}

fn args() -> anyhow::Result<Args> {
    let mut args = Args {
        tepat: String::new(),
        data_dir: String::new(),
        tablets: 500,
        seconds: 45,
        period_ms: 5_000,
        seed: 1,
    };
    for (flag, value) in common::flag_pairs(std::env::args().skip(1))? {
        match flag.as_str() {
            "--tepat" => args.tepat = value,
            "--data-dir" => args.data_dir = value,
            "--tablets" => args.tablets = value.parse()?,
            "--seconds" => args.seconds = value.parse()?,
            "--period-ms" => args.period_ms = value.parse()?,
            "--seed" => args.seed = value.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    if args.tepat.is_empty() || args.data_dir.is_empty() {
        bail!("usage: load --tepat PATH --data-dir DIR [--tablets N] [--seconds S]");
    }
    Ok(args)
}

/// What every tablet adds to.
#[derive(Default)]
struct Stats {
    requests: u64,
    failed: u64,
    refused: u64,
    accepted: u64,
    push_ms: Vec<f64>,
    pull_ms: Vec<f64>,
    first_page_ms: Vec<f64>,
    messages: Vec<String>,
}

impl Stats {
    fn fail(&mut self, message: String) {
        self.failed += 1;
        if self.messages.len() < 5 {
            self.messages.push(message);
        }
    }
}

/// Every desa of the kabupaten in the store, in code order.
fn desa_of(store: &dyn Store, region: &RegionCode) -> anyhow::Result<Vec<RegionCode>> {
    let mut out = Vec::new();
    for child in store.region_children(region)? {
        if child.level == RegionLevel::Desa {
            out.push(child.code);
        } else {
            out.extend(desa_of(store, &child.code)?);
        }
    }
    Ok(out)
}

/// Writes one desa operator per desa the tablets use; their usernames, by desa.
fn accounts(data_dir: &str, tablets: usize) -> anyhow::Result<Vec<(String, RegionCode)>> {
    let store = RedbStore::open(&std::path::Path::new(data_dir).join("tepat.redb"))?;
    let kabupaten = RegionCode::parse(tepat_server::synth::places::KABUPATEN)?;
    let desa = desa_of(&store, &kabupaten)?;
    anyhow::ensure!(!desa.is_empty(), "the data folder has no desa");
    let hash = tepat_server::demo::users()?
        .into_iter()
        .next()
        .context("no demo user")?
        .password_hash;
    let mut users = Vec::new();
    for (i, code) in desa.iter().take(tablets).enumerate() {
        let username = format!("muat.{i:03}");
        store.put_user(&UserRecord {
            username: username.clone(),
            display_name: format!("Operator uji beban {i}"),
            role: Role::OperatorDesa,
            region: code.clone(),
            password_hash: hash.clone(),
            disabled: false,
        })?;
        users.push((username, code.clone()));
    }
    Ok(users)
}

/// One tablet's life until `deadline`.
struct Tablet {
    client: reqwest::Client,
    base: String,
    user: String,
    replica: Replica,
    rng: Rng,
    stats: Arc<Mutex<Stats>>,
}

impl Tablet {
    fn stats(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Pulls every page after the cursor; each page's time goes to `first` or steady pulls.
    async fn pull(&mut self, first: bool) {
        loop {
            let url = format!(
                "{}{}?after={}",
                self.base,
                routes::SYNC_PULL,
                self.replica.cursor()
            );
            let started = Instant::now();
            let response = self
                .client
                .get(&url)
                .header(reqwest::header::ACCEPT, CONTENT_TYPE_POSTCARD)
                .header(reqwest::header::ACCEPT_ENCODING, "gzip")
                .send()
                .await;
            let page = match read(response).await {
                Ok(body) => decode::<PullResponse>(&body).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            let took = ms(started.elapsed());
            let mut stats = self.stats();
            stats.requests += 1;
            let page = match page {
                Ok(page) => page,
                Err(e) => {
                    stats.fail(format!("pull: {e}"));
                    return;
                }
            };
            if first {
                stats.first_page_ms.push(took);
            } else {
                stats.pull_ms.push(took);
            }
            drop(stats);
            let changes: Vec<_> = page.changes.into_iter().map(|p| p.change).collect();
            self.replica.apply_pulled(&changes, page.cursor, now_ms());
            if !page.more {
                return;
            }
        }
    }

    /// Edits one to three families (a new RT for the house) and pushes the outbox.
    async fn edit_and_push(&mut self) {
        let ids: Vec<_> = self.replica.ids().into_iter().collect();
        if ids.is_empty() {
            return;
        }
        for _ in 0..1 + self.rng.below(3) {
            let id = ids[self.rng.below(ids.len() as u64) as usize];
            let Some(record) = self.replica.view(id) else {
                continue;
            };
            let Ok(before) = family_from_fields(FamilyId(id), record.fields()) else {
                continue;
            };
            let mut after = before.clone();
            while after.address.rt == before.address.rt {
                after.address.rt = format!("{:03}", 1 + self.rng.below(20));
            }
            let writes = changed_writes(Some(&before), &after);
            let change = ChangeId(uuid::Uuid::now_v7());
            self.replica.edit(change, id, writes, &self.user, now_ms());
        }
        let batch = self.replica.outbox().next_batch(MAX_PUSH_CHANGES);
        let started = Instant::now();
        let response = self
            .client
            .post(format!("{}{}", self.base, routes::SYNC_PUSH))
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE_POSTCARD)
            .header(reqwest::header::ACCEPT, CONTENT_TYPE_POSTCARD)
            .body(encode(&PushRequest { changes: batch }))
            .send()
            .await;
        let answer = match read(response).await {
            Ok(body) => decode::<PushResponse>(&body).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let took = ms(started.elapsed());
        let mut stats = self.stats();
        stats.requests += 1;
        let answer = match answer {
            Ok(answer) => answer,
            Err(e) => {
                stats.fail(format!("push: {e}"));
                return;
            }
        };
        stats.push_ms.push(took);
        let mut outcomes = Vec::new();
        for ack in answer.acks {
            let outcome = match ack.outcome {
                AckOutcome::Accepted { .. } | AckOutcome::Duplicate { .. } => {
                    stats.accepted += 1;
                    PushOutcome::Stored
                }
                AckOutcome::Refused { reason } => {
                    stats.refused += 1;
                    if stats.messages.len() < 5 {
                        stats.messages.push(format!("refused: {reason}"));
                    }
                    PushOutcome::Refused(reason)
                }
            };
            outcomes.push((ack.change, outcome));
        }
        drop(stats);
        self.replica.acknowledge(&outcomes);
    }

    async fn live(mut self, start_after: Duration, period_ms: u64, deadline: Instant) {
        tokio::time::sleep(start_after).await;
        self.pull(true).await;
        loop {
            let jitter = 0.5 + (self.rng.unit() + 1.0) / 2.0;
            let wait = Duration::from_millis((period_ms as f64 * jitter) as u64);
            if Instant::now() + wait >= deadline {
                return;
            }
            tokio::time::sleep(wait).await;
            self.edit_and_push().await;
            self.pull(false).await;
        }
    }
}

fn now_ms() -> u64 {
    jiff::Timestamp::now().as_millisecond() as u64
}

/// The body of a successful answer (gunzipped when it came compressed), or what went wrong.
async fn read(response: reqwest::Result<reqwest::Response>) -> Result<Vec<u8>, String> {
    let response = response.map_err(|e| e.to_string())?;
    let status = response.status();
    let gzip = response
        .headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .is_some_and(|v| v == "gzip");
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
    }
    if !gzip {
        return Ok(body.to_vec());
    }
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
        .map_err(|e| e.to_string())?;
    Ok(plain)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    let users = accounts(&args.data_dir, args.tablets)?;
    let server = common::start(&args.tepat, &args.data_dir, false)?;
    let client = reqwest::Client::new();
    common::wait_ready(&client, &server.base, Duration::from_secs(300)).await?;

    let logins = Instant::now();
    // Four logins at a time: the server hashes on its blocking threads, two cores here.
    let mut sessions = Vec::with_capacity(users.len());
    for group in users.chunks(4) {
        let logins: Vec<_> = group
            .iter()
            .map(|(username, _)| {
                let (client, base, username) =
                    (client.clone(), server.base.clone(), username.clone());
                tokio::spawn(async move { common::login(&client, &base, &username).await })
            })
            .collect();
        for login in logins {
            sessions.push(login.await??);
        }
    }
    eprintln!(
        "load: {} operators logged in in {:.1} s",
        users.len(),
        logins.elapsed().as_secs_f64()
    );

    let stats = Arc::new(Mutex::new(Stats::default()));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let mut rng = Rng(args.seed ^ 0x10AD_0000);
    let mut tasks = Vec::with_capacity(args.tablets);
    for i in 0..args.tablets {
        let (user, _) = &users[i % users.len()];
        let tablet = Tablet {
            client: common::session_client(&sessions[i % users.len()])?,
            base: server.base.clone(),
            user: user.clone(),
            replica: Replica::new(DeviceId(uuid::Uuid::now_v7())),
            rng: Rng(rng.bits()),
            stats: stats.clone(),
        };
        let start_after = Duration::from_millis(rng.below(args.period_ms.max(1)));
        tasks.push(tokio::spawn(tablet.live(
            start_after,
            args.period_ms,
            deadline,
        )));
    }
    for task in tasks {
        task.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let rss = common::rss_kib(server.child.id());
    drop(server);

    let mut guard = stats.lock().unwrap_or_else(|p| p.into_inner());
    let stats = &mut *guard;
    for message in &stats.messages {
        eprintln!("load: {message}");
    }
    for times in [
        &mut stats.push_ms,
        &mut stats.pull_ms,
        &mut stats.first_page_ms,
    ] {
        times.sort_by(f64::total_cmp);
    }
    eprintln!(
        "load: {} tablets, {} requests in {seconds:.0} s, {} failed, {} refused",
        args.tablets, stats.requests, stats.failed, stats.refused
    );
    emit("load.tablets", args.tablets as f64, "tablets");
    emit("load.accounts", users.len() as f64, "accounts");
    emit("load.seconds", seconds, "s");
    emit("load.requests", stats.requests as f64, "requests");
    emit("load.accepted", stats.accepted as f64, "changes");
    emit(
        "load.errors",
        (stats.failed + stats.refused) as f64,
        "errors",
    );
    emit("load.push_p50_ms", percentile(&stats.push_ms, 0.5), "ms");
    emit("load.push_p95_ms", percentile(&stats.push_ms, 0.95), "ms");
    emit("load.pull_p95_ms", percentile(&stats.pull_ms, 0.95), "ms");
    emit(
        "load.first_page_p95_ms",
        percentile(&stats.first_page_ms, 0.95),
        "ms",
    );
    if let Some(rss) = rss {
        emit("load.rss_mib", rss / 1024.0, "MiB");
    }
    Ok(())
}
