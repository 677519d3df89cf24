//! `cargo xtask fuzz [TARGET] [--seconds N]`: the libFuzzer targets of `fuzz/` (cargo-fuzz),
//! each run for N seconds from its committed seeds (`fuzz/seeds/<target>/`) and the corpus it
//! grew before (`<target>/fuzz/corpus/<target>/`, kept so CI's cache makes later runs reach
//! further). `cargo xtask test` runs every target briefly ([`TEST_SECONDS`]).
//!
//! The toolchain here is stable and no nightly can be fetched, but cargo-fuzz passes unstable
//! flags to rustc and cargo (`-Z` options), so the runs set `RUSTC_BOOTSTRAP=1`: stable rustc then
//! accepts them. The sanitizer is `none` (the targets and what they call are safe Rust: a panic,
//! an overflow with debug assertions (`-a`), a timeout or running out of memory is what is
//! looked for). By hand the build is optimised (more runs per second); within `cargo xtask test`
//! it is the unoptimised dev build, which compiles many times faster on a fresh machine (an
//! optimised single-unit build of the server took most of an hour on two busy cores) and still
//! makes thousands of runs per target. Both live in `<target>/fuzz`, apart from the workspace's.
//! A crash leaves its input in `<target>/fuzz/artifacts/<target>/` and fails the run; fix it
//! and keep the input as a unit test beside the code it broke.

use crate::cmd::{self, root};
use crate::tools;
use anyhow::{Context, bail};
use std::path::PathBuf;

/// The fuzz targets (binaries of `fuzz/Cargo.toml`).
pub const TARGETS: &[&str] = &[
    "request_body",
    "sync_push",
    "import_file",
    "national_result",
];

/// Seconds per target within `cargo xtask test`.
pub const TEST_SECONDS: u64 = 20;

/// Seconds per target by hand unless `--seconds` says otherwise.
const DEFAULT_SECONDS: u64 = 120;

/// `cargo xtask fuzz [TARGET] [--seconds N]`.
pub fn fuzz_command(args: &[String]) -> anyhow::Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .context("--seconds needs a number")?
                    .parse()
                    .context("--seconds needs a whole number")?;
            }
            name => match TARGETS.iter().find(|t| **t == name) {
                Some(target) => targets.push(target),
                None => bail!(
                    "unknown fuzz target '{name}': one of {}",
                    TARGETS.join(", ")
                ),
            },
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    run(&targets, seconds, Build::Optimised)
}

/// The folder under the main target folder where fuzzing builds and keeps its corpus.
fn fuzz_dir() -> anyhow::Result<PathBuf> {
    Ok(cmd::target_dir()?.join("fuzz"))
}

/// How the targets are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Optimised: for long runs by hand.
    Optimised,
    /// Unoptimised (`--dev`): quick to compile, for the brief runs of `cargo xtask test`.
    Quick,
}

/// `cargo fuzz <verb>` for `fuzz/`, with the flags every run shares.
fn cargo_fuzz(verb: &str, target_dir: &std::path::Path, build: Build) -> std::process::Command {
    let mut command = cmd::cargo();
    command.args(["fuzz", verb, "--fuzz-dir", "fuzz", "--sanitizer", "none"]);
    if build == Build::Quick {
        command.arg("--dev");
    }
    command
        // Debug assertions: an arithmetic overflow is a finding, as in the debug test build.
        .arg("--debug-assertions")
        .arg("--target-dir")
        .arg(target_dir)
        // cargo-fuzz passes `-Z` flags; stable rustc and cargo take them with this (see above).
        .env("RUSTC_BOOTSTRAP", "1");
    command
}

/// Builds the targets once, then runs each for `seconds`.
pub fn run(targets: &[&str], seconds: u64, build: Build) -> anyhow::Result<()> {
    tools::ensure_cargo_fuzz()?;
    let dir = fuzz_dir()?;
    cmd::run(&mut cargo_fuzz("build", &dir, build))?;
    for target in targets {
        let corpus = dir.join("corpus").join(target);
        let artifacts = dir.join("artifacts").join(target);
        std::fs::create_dir_all(&corpus)?;
        std::fs::create_dir_all(&artifacts)?;
        let seeds = root().join("fuzz/seeds").join(target);
        let mut command = cargo_fuzz("run", &dir, build);
        command
            .arg(target)
            .arg(&corpus)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            // One input may take a few seconds at most and 2 GB of memory: past that, a finding.
            .arg("-timeout=10")
            .arg("-rss_limit_mb=2048")
            .arg("-max_len=65536")
            .arg("-print_final_stats=1");
        cmd::run(&mut command).with_context(|| {
            format!(
                "fuzz target {target} failed: the input is in {} (reproduce with `cargo xtask fuzz {target}`)",
                artifacts.display()
            )
        })?;
    }
    Ok(())
}
