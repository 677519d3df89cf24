//! `cargo xtask gen` and `cargo xtask bench`: a synthetic kabupaten (the hidden `tepat gen`) and
//! the server measured on it. The bench builds release, generates 100,000 and 500,000 families
//! (or reuses a folder under the target dir made by the same generator version, size and seed),
//! runs the `bench` example of the server crate against the real `tepat serve` on each, and
//! prints one markdown table, also written to `<target>/bench.md`. A measurement is a row of
//! [`ROWS`]: add one there (and emit its key from the example) to extend the bench.

use crate::cmd::{self, target_dir};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One row of the table: the example's key, its name, and the target it must meet.
struct Row {
    key: &'static str,
    name: &'static str,
    target: Target,
}

/// What a value must be.
enum Target {
    /// Shown, not judged.
    None,
    /// At most this (in the row's unit).
    AtMost(f64),
    /// At least this.
    AtLeast(f64),
}

/// Every measurement, in the order of the table. Targets are for 500,000 families; smaller
/// kabupaten are judged by the same.
const ROWS: &[Row] = &[
    Row {
        key: "gen.seconds",
        name: "generation time (s)",
        target: Target::None,
    },
    Row {
        key: "gen.families_per_second",
        // 500,000 families in five minutes at most.
        name: "generation speed (families/s)",
        target: Target::AtLeast(1_700.0),
    },
    Row {
        key: "startup_ms",
        // Includes building the leaders' spread index of every family.
        name: "server start (spread index built) until /api/v1/config answers (ms)",
        target: Target::None,
    },
    Row {
        key: "rss_start_mib",
        name: "server memory after start, VmRSS (MiB)",
        target: Target::None,
    },
    Row {
        // "Any viewport well under a second" holds for the first call too: the index is
        // built before the server answers, so no user waits for it.
        key: "clusters.first_ms",
        name: "cluster query, first call (ms)",
        target: Target::AtMost(1000.0),
    },
    Row {
        key: "clusters.p50_ms",
        name: "cluster query p50 (ms)",
        target: Target::None,
    },
    Row {
        key: "clusters.p95_ms",
        name: "cluster query p95 (ms)",
        target: Target::AtMost(20.0),
    },
    Row {
        key: "clusters.max_ms",
        name: "cluster query max (ms)",
        target: Target::AtMost(1000.0),
    },
    Row {
        key: "regions_kecamatan.p50_ms",
        name: "kecamatan table p50 (ms)",
        target: Target::None,
    },
    Row {
        key: "regions_kecamatan.p95_ms",
        name: "kecamatan table p95 (ms)",
        target: Target::AtMost(100.0),
    },
    Row {
        key: "regions_desa.p50_ms",
        name: "desa table p50 (ms)",
        target: Target::None,
    },
    Row {
        key: "regions_desa.p95_ms",
        name: "desa table p95 (ms)",
        target: Target::AtMost(1000.0),
    },
    Row {
        key: "rss_after_mib",
        name: "server memory after the queries, VmRSS (MiB)",
        target: Target::None,
    },
];

/// A measurement's outcome: a number, or why there is none.
#[derive(Debug, Clone)]
enum Value {
    Number(f64),
    Note(String),
}

struct Options {
    sizes: Vec<usize>,
    seed: u64,
    data_dir: Option<PathBuf>,
}

fn options(args: &[String], default_sizes: &[usize]) -> anyhow::Result<Options> {
    let mut options = Options {
        sizes: default_sizes.to_vec(),
        seed: 1,
        data_dir: None,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
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
) -> anyhow::Result<(PathBuf, BTreeMap<String, Value>, bool)> {
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
    let mut values = BTreeMap::new();
    for key in ["seconds", "families_per_second"] {
        if let Some(v) = summary[key].as_f64() {
            values.insert(format!("gen.{key}"), Value::Number(v));
        }
    }
    Ok((dir, values, reused))
}

/// `cargo xtask bench [--families 100000,500000] [--seed S]`.
pub fn bench(args: &[String]) -> anyhow::Result<()> {
    let started = Instant::now();
    let options = options(args, &[100_000, 500_000])?;
    let release = build()?;
    let version =
        cmd::output(Command::new(release.join("examples/bench")).arg("generator-version"))
            .context("the bench example cannot tell the generator's version")?
            .trim()
            .to_owned();
    let mut columns = Vec::new();
    for families in &options.sizes {
        let (dir, mut values, reused) = kabupaten(&release, *families, options.seed, &version)?;
        cmd::step(&format!(
            "Measuring {families} families in {}",
            dir.display()
        ));
        let output = Command::new(release.join("examples/bench"))
            .args([
                "--tepat",
                &release.join("tepat").display().to_string(),
                "--data-dir",
                &dir.display().to_string(),
                "--seed",
                &options.seed.to_string(),
            ])
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("cannot run the bench example")?;
        if !output.status.success() {
            bail!("the bench example failed ({})", output.status);
        }
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let row: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("the bench example printed {line:?}"))?;
            let key = row["key"].as_str().unwrap_or_default();
            let value = match (row["value"].as_f64(), row["note"].as_str()) {
                (Some(v), _) => Value::Number(v),
                (None, Some(note)) => Value::Note(note.to_owned()),
                _ => continue,
            };
            // A route's note stands for all its numbers.
            if let Value::Note(_) = value {
                for row in ROWS
                    .iter()
                    .filter(|r| r.key.starts_with(&format!("{key}.")))
                {
                    values.insert(row.key.to_owned(), value.clone());
                }
            }
            values.insert(key.to_owned(), value);
        }
        columns.push((*families, values, reused));
    }
    let table = table(&columns);
    println!("\n{table}");
    println!("(whole bench: {:.0} s)", started.elapsed().as_secs_f64());
    let out = target_dir()?.join("bench.md");
    std::fs::write(&out, &table).with_context(|| format!("cannot write {}", out.display()))?;
    println!("written to {}", out.display());
    Ok(())
}

fn format_number(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// The markdown table: measurement | value | target | ok?, one block of rows per size.
fn table(columns: &[(usize, BTreeMap<String, Value>, bool)]) -> String {
    let mut out = String::from("| measurement | value | target | ok? |\n|---|---|---|---|\n");
    for (families, values, reused) in columns {
        for row in ROWS {
            let value = values.get(row.key);
            let (shown, ok) = match value {
                Some(Value::Number(v)) => {
                    let ok = match row.target {
                        Target::None => None,
                        Target::AtMost(t) => Some(*v <= t),
                        Target::AtLeast(t) => Some(*v >= t),
                    };
                    let mut shown = format_number(*v);
                    if row.key.starts_with("gen.") && *reused {
                        shown.push_str(" (cached run)");
                    }
                    (shown, ok)
                }
                Some(Value::Note(note)) => (note.clone(), None),
                None => ("not measured".to_owned(), None),
            };
            let target = match row.target {
                Target::None => "—".to_owned(),
                Target::AtMost(t) => format!("≤ {}", format_number(t)),
                Target::AtLeast(t) => format!("≥ {}", format_number(t)),
            };
            let ok = match ok {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "—",
            };
            out.push_str(&format!(
                "| {} families: {} | {shown} | {target} | {ok} |\n",
                thousands(*families),
                row.name
            ));
        }
    }
    out
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
