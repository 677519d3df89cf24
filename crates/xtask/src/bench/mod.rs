//! `cargo xtask gen` and `cargo xtask bench`: a synthetic kabupaten (the hidden `tepat gen`) and
//! the server measured on it. The bench builds release, builds the web app and measures its size
//! (`spa.rs`), generates 100,000 and 500,000 families (or reuses a folder under the target dir
//! made by the same generator version, size and seed) and runs the `bench` example of the server
//! crate against the real `tepat serve` on each; then, once, the `sync_bench` example (ingest
//! through HTTP against straight into redb, a desa's first sync on loopback and over a shaped
//! link) and the `load` example (500 tablets on a copy of the smallest kabupaten). It prints one
//! markdown table with each figure beside its target, also written to `<target>/bench.md`, and
//! then fails naming every missed target. A measurement is a row of `rows.rs`: add one there
//! (and emit its key from an example) to extend the bench.

mod rows;
mod spa;

use crate::cmd::{self, target_dir};
use anyhow::{Context, bail};
use rows::{Block, Value, Values};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Options {
    sizes: Vec<usize>,
    seed: u64,
    data_dir: Option<PathBuf>,
    /// Families pushed per ingest measurement.
    ingest_families: usize,
    tablets: usize,
    load_seconds: u64,
    /// Skip building and measuring the web app.
    no_web: bool,
}

fn options(args: &[String], default_sizes: &[usize]) -> anyhow::Result<Options> {
    let mut options = Options {
        sizes: default_sizes.to_vec(),
        seed: 1,
        data_dir: None,
        ingest_families: 20_000,
        tablets: 500,
        load_seconds: 45,
        no_web: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--quick" => {
                options.sizes = vec![20_000];
                options.ingest_families = 5_000;
                options.load_seconds = 20;
                continue;
            }
            "--no-web" => {
                options.no_web = true;
                continue;
            }
            _ => {}
        }
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--families" => {
                options.sizes = value
                    .split(',')
                    .map(|n| n.replace('_', "").parse())
                    .collect::<Result<_, _>>()
                    .context("--families takes numbers, e.g. 100000,500000")?
            }
            "--seed" => options.seed = value.parse()?,
            "--data-dir" => options.data_dir = Some(PathBuf::from(value)),
            "--ingest-families" => options.ingest_families = value.parse()?,
            "--tablets" => options.tablets = value.parse()?,
            "--load-seconds" => options.load_seconds = value.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(options)
}

fn build() -> anyhow::Result<PathBuf> {
    cmd::step("Building the server (release) and the bench client");
    cmd::run(cmd::cargo().args([
        "build",
        "--release",
        "-p",
        "tepat-server",
        "--bin",
        "tepat",
        "--example",
        "bench",
        "--example",
        "sync_bench",
        "--example",
        "load",
    ]))?;
    Ok(target_dir()?.join("release"))
}

/// Runs `tepat gen` into `dir` (which must not hold a database yet).
fn generate(release: &Path, dir: &Path, families: usize, seed: u64) -> anyhow::Result<()> {
    cmd::run(Command::new(release.join("tepat")).args([
        "gen",
        "--data-dir",
        &dir.display().to_string(),
        "--families",
        &families.to_string(),
        "--seed",
        &seed.to_string(),
    ]))
}

/// `cargo xtask gen --families N [--data-dir DIR] [--seed S]`.
pub fn gen_command(args: &[String]) -> anyhow::Result<()> {
    let options = options(args, &[])?;
    let [families] = options.sizes[..] else {
        bail!("usage: cargo xtask gen --families N [--data-dir DIR] [--seed S]");
    };
    let release = build()?;
    let dir = match options.data_dir {
        Some(dir) => dir,
        None => target_dir()?.join(format!("gen-{families}")),
    };
    cmd::step(&format!(
        "Generating {families} families into {}",
        dir.display()
    ));
    generate(&release, &dir, families, options.seed)?;
    println!(
        "\nServe it with: cargo xtask run -- --data-dir {}",
        dir.display()
    );
    Ok(())
}

/// A generated folder for `families`, reused when its `synthetic.json` says it was made by
/// `version` with the same size and seed; the generation's numbers from that file.
fn kabupaten(
    release: &Path,
    families: usize,
    seed: u64,
    version: &str,
) -> anyhow::Result<(PathBuf, Values, bool)> {
    let dir = target_dir()?
        .join("bench")
        .join(format!("gen-{families}-seed{seed}-v{version}"));
    let marker = dir.join("synthetic.json");
    let read = |marker: &Path| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(marker).ok()?).ok()
    };
    let matches = |summary: &serde_json::Value| {
        summary["families"].as_u64() == Some(families as u64)
            && summary["seed"].as_u64() == Some(seed)
            && summary["version"]
                .as_u64()
                .map(|v| v.to_string())
                .as_deref()
                == Some(version)
    };
    let mut reused = true;
    if !read(&marker).is_some_and(|s| matches(&s)) {
        reused = false;
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the old {}", dir.display()))?;
        }
        cmd::step(&format!("Generating {families} families"));
        generate(release, &dir, families, seed)?;
    }
    let summary = read(&marker).context("the generator wrote no synthetic.json")?;
    let mut values = Values::new();
    for key in ["seconds", "families_per_second"] {
        if let Some(v) = summary[key].as_f64() {
            values.insert(format!("gen.{key}"), Value::Number(v));
        }
    }
    Ok((dir, values, reused))
}

/// Runs an example of the server crate; its JSON lines into `values` (by `rows`).
fn example(
    release: &Path,
    name: &str,
    args: &[String],
    rows: &[rows::Row],
    values: &mut Values,
) -> anyhow::Result<()> {
    let output = Command::new(release.join("examples").join(name))
        .args(args)
        .stderr(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run the {name} example"))?;
    if !output.status.success() {
        bail!("the {name} example failed ({})", output.status);
    }
    rows::read_lines(&String::from_utf8_lossy(&output.stdout), rows, values)
}

/// `cargo xtask bench [--families 100000,500000] [--seed S] [--quick] [--no-web]
/// [--ingest-families N] [--tablets N] [--load-seconds S]`.
pub fn bench(args: &[String]) -> anyhow::Result<()> {
    let started = Instant::now();
    let options = options(args, &[100_000, 500_000])?;
    anyhow::ensure!(
        !options.sizes.is_empty(),
        "--families needs at least one size"
    );
    let release = build()?;
    let tepat = release.join("tepat").display().to_string();
    let version =
        cmd::output(Command::new(release.join("examples/bench")).arg("generator-version"))
            .context("the bench example cannot tell the generator's version")?
            .trim()
            .to_owned();

    // The web app first: its build must not run beside the measurements.
    cmd::step("Building the web app (release) and measuring its size");
    let mut once = spa::build_and_measure(options.no_web)?;

    let mut columns = Vec::new();
    for families in &options.sizes {
        let (dir, mut values, reused) = kabupaten(&release, *families, options.seed, &version)?;
        cmd::step(&format!(
            "Measuring {families} families in {}",
            dir.display()
        ));
        let args = [
            "--tepat",
            &tepat,
            "--data-dir",
            &dir.display().to_string(),
            "--seed",
            &options.seed.to_string(),
        ]
        .map(String::from);
        example(&release, "bench", &args, rows::PER_SIZE, &mut values)?;
        columns.push((*families, dir, values, reused));
    }

    let scratch = target_dir()?.join("bench/scratch");
    crate::tools::ensure_iproute2();
    cmd::step("Sync: ingest through HTTP against straight into redb; a desa's first sync");
    let args = [
        "--tepat",
        &tepat,
        "--scratch",
        &scratch.display().to_string(),
        "--ingest-families",
        &options.ingest_families.to_string(),
        "--seed",
        &options.seed.to_string(),
    ]
    .map(String::from);
    example(&release, "sync_bench", &args, rows::ONCE, &mut once)?;

    let (families, dir, _, _) = columns
        .iter()
        .min_by_key(|c| c.0)
        .expect("at least one size");
    cmd::step(&format!(
        "Load: {} tablets on a copy of the {families}-family kabupaten",
        options.tablets
    ));
    let copy = scratch.join("load");
    if copy.exists() {
        std::fs::remove_dir_all(&copy).with_context(|| format!("remove {}", copy.display()))?;
    }
    cmd::copy_dir(dir, &copy)?;
    once.insert("load.families".into(), Value::Number(*families as f64));
    let args = [
        "--tepat",
        &tepat,
        "--data-dir",
        &copy.display().to_string(),
        "--tablets",
        &options.tablets.to_string(),
        "--seconds",
        &options.load_seconds.to_string(),
        "--seed",
        &options.seed.to_string(),
    ]
    .map(String::from);
    example(&release, "load", &args, rows::ONCE, &mut once)?;
    std::fs::remove_dir_all(&copy).with_context(|| format!("remove {}", copy.display()))?;

    let total = started.elapsed().as_secs_f64();
    once.insert("bench.seconds".into(), Value::Number(total));
    let mut blocks: Vec<Block> = columns
        .iter()
        .map(|(families, _, values, reused)| Block {
            prefix: format!("{} families: ", rows::thousands(*families)),
            rows: rows::PER_SIZE,
            values,
            cached: *reused,
        })
        .collect();
    blocks.push(Block {
        prefix: String::new(),
        rows: rows::ONCE,
        values: &once,
        cached: false,
    });
    let (table, missed) = rows::table(&blocks);
    println!("\n{table}");
    println!("(whole bench: {total:.0} s)");
    let out = target_dir()?.join("bench.md");
    std::fs::write(&out, &table).with_context(|| format!("cannot write {}", out.display()))?;
    println!("written to {}", out.display());
    if !missed.is_empty() {
        bail!(
            "BENCH FAILED: {} target(s) missed:\n  - {}",
            missed.len(),
            missed.join("\n  - ")
        );
    }
    Ok(())
}
