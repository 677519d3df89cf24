//! The sync half of `cargo xtask bench`, never shipped. Prints one JSON line per measurement
//! (`{"key", "value", "unit"}` or `{"key", "note"}`) for xtask's table:
//! - `ingest`: families per second pushed through the real HTTP sync API of `tepat serve` (postcard
//!   envelopes as the tablets send them), through the push handler in-process (no HTTP), and
//!   written with `Store::commit_changes` (the store's own storage work), and the families'
//!   values alone into one redb table (the physical reference), each in batches of 100 and
//!   1,000 on a fresh data folder;
//! - `first_sync`: a desa of 3,000 generated families pulled by its operator on loopback (time,
//!   bytes on the wire, bytes per family in postcard and in JSON), then over a link shaped to
//!   1 Mbit/s with 300 ms latency in a network namespace of its own (`shaped`).
//!
//! Usage: `sync_bench --tepat PATH --scratch DIR [--ingest-families 20000] [--seed 1]`;
//! `sync_bench shaped-pull URL` is the client run inside the namespace.

#[path = "../common/mod.rs"]
mod common;
mod data;
mod first_sync;
mod ingest;
mod shaped;

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

/// Where the folders of the measurement go, and how much to push.
pub struct Args {
    pub tepat: String,
    pub scratch: PathBuf,
    pub ingest_families: usize,
    pub seed: u64,
}

fn args() -> anyhow::Result<Args> {
    let mut args = Args {
        tepat: String::new(),
        scratch: PathBuf::new(),
        ingest_families: 20_000,
        seed: 1,
    };
    for (flag, value) in common::flag_pairs(std::env::args().skip(1))? {
        match flag.as_str() {
            "--tepat" => args.tepat = value,
            "--scratch" => args.scratch = PathBuf::from(value),
            "--ingest-families" => args.ingest_families = value.parse()?,
            "--seed" => args.seed = value.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    if args.tepat.is_empty() || args.scratch.as_os_str().is_empty() {
        bail!("usage: sync_bench --tepat PATH --scratch DIR [--ingest-families N] [--seed S]");
    }
    Ok(args)
}

/// A new empty folder `name` under `scratch` (an old one removed first).
pub fn fresh(scratch: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let dir = scratch.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("remove {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    Ok(dir)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut raw = std::env::args().skip(1);
    if raw.next().as_deref() == Some("shaped-pull") {
        let url = raw.next().context("shaped-pull URL")?;
        return shaped::client(&url).await;
    }
    let args = args()?;
    ingest::run(&args).await?;
    first_sync::run(&args).await?;
    Ok(())
}
