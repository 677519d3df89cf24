//! The bench's table: every row (the key an example prints, its name, its target), the table
//! drawn from the values of one run, and the targets it missed. Rows of [`PER_SIZE`] repeat for
//! each generated kabupaten; rows of [`ONCE`] are measured once per run.

use std::collections::BTreeMap;

/// One row of the table: the example's key, its name, and the target it must meet.
pub struct Row {
    pub key: &'static str,
    pub name: &'static str,
    pub target: Target,
}

/// What a value must be.
#[derive(Clone, Copy)]
pub enum Target {
    /// Shown, not judged.
    None,
    /// At most this (in the row's unit).
    AtMost(f64),
    /// At least this.
    AtLeast(f64),
}

/// A measurement's outcome: a number, or why there is none.
#[derive(Debug, Clone)]
pub enum Value {
    Number(f64),
    Note(String),
}

/// The values of one block of rows, by key.
pub type Values = BTreeMap<String, Value>;

const fn row(key: &'static str, name: &'static str, target: Target) -> Row {
    Row { key, name, target }
}

/// Measured on each generated kabupaten. Targets are for 500,000 families; smaller kabupaten
/// are judged by the same.
pub const PER_SIZE: &[Row] = &[
    row("gen.seconds", "generation time (s)", Target::None),
    // 500,000 families in five minutes at most.
    row(
        "gen.families_per_second",
        "generation speed (families/s)",
        Target::AtLeast(1_700.0),
    ),
    // Includes building the leaders' spread index of every family.
    row(
        "startup_ms",
        "server start (spread index built) until /api/v1/config answers (ms)",
        Target::None,
    ),
    row(
        "rss_start_mib",
        "server resident memory after start, VmRSS (MiB)",
        Target::AtMost(500.0),
    ),
    // "Any viewport well under a second" holds for the first call too: the index is built
    // before the server answers, so no user waits for it.
    row(
        "clusters.first_ms",
        "cluster query, first call (ms)",
        Target::AtMost(1000.0),
    ),
    row("clusters.p50_ms", "cluster query p50 (ms)", Target::None),
    row(
        "clusters.p95_ms",
        "cluster query p95 (ms)",
        Target::AtMost(20.0),
    ),
    row(
        "clusters.max_ms",
        "cluster query max (ms)",
        Target::AtMost(1000.0),
    ),
    row(
        "regions_kecamatan.p50_ms",
        "kecamatan table p50 (ms)",
        Target::None,
    ),
    row(
        "regions_kecamatan.p95_ms",
        "kecamatan table p95 (ms)",
        Target::AtMost(100.0),
    ),
    row("regions_desa.p50_ms", "desa table p50 (ms)", Target::None),
    row(
        "regions_desa.p95_ms",
        "desa table p95 (ms)",
        Target::AtMost(1000.0),
    ),
    row(
        "rss_after_mib",
        "server resident memory after the queries, VmRSS (MiB)",
        Target::AtMost(500.0),
    ),
];

/// Measured once per run.
pub const ONCE: &[Row] = &[
    row(
        "ingest.api_100",
        "sync ingest via HTTP push (postcard), batches of 100 (families/s)",
        Target::AtLeast(10_000.0),
    ),
    row(
        "ingest.handler_100",
        "sync ingest via the push handler in-process, no HTTP, batches of 100 (families/s)",
        Target::None,
    ),
    row(
        "ingest.direct_100",
        "sync ingest straight into redb (Store::commit_changes), batches of 100 (families/s)",
        Target::None,
    ),
    row(
        "ingest.ratio_100",
        "sync ingest HTTP ÷ the store's own commit (Store::commit_changes), batches of 100",
        Target::None,
    ),
    row(
        "ingest.raw_100",
        "the families' values alone into one redb table, no log or index, batches of 100 (families/s)",
        Target::None,
    ),
    row(
        "ingest.raw_ratio_100",
        "sync ingest HTTP ÷ the families alone straight into redb, batches of 100",
        Target::AtLeast(0.5),
    ),
    row(
        "ingest.persisted_100",
        "the least a push must keep (family, change, merge record: three redb tables, no index or check), batches of 100 (families/s)",
        Target::None,
    ),
    row(
        "ingest.persisted_ratio_100",
        "that least ÷ the families alone: the highest HTTP ÷ families-alone ratio this sync design allows, batches of 100",
        Target::None,
    ),
    row(
        "ingest.api_1000",
        "sync ingest via HTTP push, batches of 1,000 sent as 2 pushes of 500 (the protocol's limit) (families/s)",
        Target::AtLeast(10_000.0),
    ),
    row(
        "ingest.handler_1000",
        "sync ingest via the push handler in-process, batches of 1,000 as 2 × 500 (families/s)",
        Target::None,
    ),
    row(
        "ingest.direct_1000",
        "sync ingest straight into redb, batches of 1,000 (families/s)",
        Target::None,
    ),
    row(
        "ingest.ratio_1000",
        "sync ingest HTTP ÷ the store's own commit (Store::commit_changes), batches of 1,000",
        Target::None,
    ),
    row(
        "ingest.raw_1000",
        "the families' values alone into one redb table, batches of 1,000 (families/s)",
        Target::None,
    ),
    row(
        "ingest.raw_ratio_1000",
        "sync ingest HTTP ÷ the families alone straight into redb, batches of 1,000",
        Target::AtLeast(0.5),
    ),
    row(
        "ingest.persisted_1000",
        "the least a push must keep (family, change, merge record: three redb tables, no index or check), batches of 1,000 (families/s)",
        Target::None,
    ),
    row(
        "ingest.persisted_ratio_1000",
        "that least ÷ the families alone: the highest HTTP ÷ families-alone ratio this sync design allows, batches of 1,000",
        Target::None,
    ),
    row(
        "ingest.family_bytes",
        "a pushed family's own postcard value (bytes)",
        Target::None,
    ),
    row(
        "ingest.persisted_bytes",
        "what a push keeps per family at least: family + change + merge record (bytes)",
        Target::None,
    ),
    row(
        "first_sync.seconds",
        "a desa's first sync, 3,000 families with members, loopback (s)",
        Target::AtMost(2.0),
    ),
    row(
        "first_sync.wire_mb",
        "a desa's first sync on the wire, gzip as served (MB)",
        Target::AtMost(1.5),
    ),
    row(
        "first_sync.postcard_per_family",
        "first sync, postcard bytes per family (uncompressed)",
        Target::None,
    ),
    row(
        "first_sync.json_per_family",
        "the same pull as JSON (Accept: application/json), bytes per family (uncompressed)",
        Target::None,
    ),
    row(
        "first_sync.family_json_per_family",
        "the same families as JSON objects (serde_json of Family), bytes per family",
        Target::None,
    ),
    row(
        "first_sync_shaped.how",
        "shaped link (network namespace)",
        Target::None,
    ),
    row(
        "first_sync_shaped.seconds",
        "a desa's first sync over 1 Mbit/s with 300 ms latency (s)",
        Target::AtMost(30.0),
    ),
    row(
        "first_sync_shaped.wire_mb",
        "first sync over the shaped link, on the wire (MB)",
        Target::None,
    ),
    row(
        "spa.wasm_raw_kb",
        "SPA wasm (tepat_web_bg.wasm, release + wasm-opt), raw (kB)",
        Target::None,
    ),
    row(
        "spa.wasm_gz_kb",
        "SPA wasm, gzip as served (precompressed, best level) (kB)",
        Target::None,
    ),
    row(
        "spa.js_raw_kb",
        "SPA's own JS (web/dist/*.js, Leaflet apart), raw (kB)",
        Target::None,
    ),
    row("spa.js_gz_kb", "SPA's own JS, gzip (kB)", Target::None),
    row(
        "spa.total_gz_kb",
        "SPA's own wasm + JS, gzip, Leaflet apart (kB)",
        Target::AtMost(250.0),
    ),
    row(
        "spa.total_br_kb",
        "SPA's own wasm + JS, brotli as served over HTTPS, Leaflet apart (kB)",
        Target::None,
    ),
    row(
        "load.families",
        "load: families in the kabupaten the tablets sync",
        Target::None,
    ),
    row(
        "load.tablets",
        "load: simulated tablets, concurrent",
        Target::None,
    ),
    row(
        "load.accounts",
        "load: desa operator accounts (one login each, shared by the desa's tablets)",
        Target::None,
    ),
    row("load.seconds", "load: duration (s)", Target::None),
    row(
        "load.requests",
        "load: requests (pull pages and pushes)",
        Target::None,
    ),
    row(
        "load.accepted",
        "load: edits pushed and acknowledged",
        Target::None,
    ),
    row(
        "load.errors",
        "load: errors (failed requests and refused edits)",
        Target::AtMost(0.0),
    ),
    row(
        "load.push_p50_ms",
        "load: push latency p50 (ms)",
        Target::None,
    ),
    row(
        "load.push_p95_ms",
        "load: push latency p95 (ms)",
        Target::AtMost(500.0),
    ),
    row(
        "load.pull_p95_ms",
        "load: pull latency p95, after the first sync (ms)",
        Target::None,
    ),
    row(
        "load.first_page_p95_ms",
        "load: first-sync page latency p95, 1,000 changes a page (ms)",
        Target::None,
    ),
    row(
        "load.rss_mib",
        "load: server resident memory at the end, VmRSS (MiB)",
        Target::None,
    ),
    row(
        "bench.seconds",
        "whole bench, this run (s)",
        Target::AtMost(900.0),
    ),
];

/// Reads the JSON lines an example printed into `values`. A note for a key stands for every row
/// under it (`clusters` for `clusters.p95_ms`).
pub fn read_lines(stdout: &str, rows: &[Row], values: &mut Values) -> anyhow::Result<()> {
    for line in stdout.lines() {
        let row: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("an example printed {line:?}: {e}"))?;
        let key = row["key"].as_str().unwrap_or_default();
        let value = match (row["value"].as_f64(), row["note"].as_str()) {
            (Some(v), _) => Value::Number(v),
            (None, Some(note)) => Value::Note(note.to_owned()),
            _ => continue,
        };
        if let Value::Note(_) = value {
            for row in rows
                .iter()
                .filter(|r| r.key.starts_with(&format!("{key}.")))
            {
                values.insert(row.key.to_owned(), value.clone());
            }
        }
        values.insert(key.to_owned(), value);
    }
    Ok(())
}

fn format_number(v: f64) -> String {
    if v.is_nan() {
        "none".to_owned()
    } else if v >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// A value shown and judged: (shown, Some(met) when the row has a target).
fn judge(row: &Row, value: Option<&Value>, cached: bool) -> (String, Option<bool>) {
    match value {
        Some(Value::Number(v)) => {
            let ok = match row.target {
                Target::None => None,
                Target::AtMost(t) => Some(*v <= t),
                Target::AtLeast(t) => Some(*v >= t),
            };
            let mut shown = format_number(*v);
            if row.key.starts_with("gen.") && cached {
                shown.push_str(" (cached run)");
            }
            (shown, ok)
        }
        Some(Value::Note(note)) => (note.clone(), None),
        None => ("not measured".to_owned(), None),
    }
}

fn target(row: &Row) -> String {
    match row.target {
        Target::None => "—".to_owned(),
        Target::AtMost(t) => format!("≤ {}", format_number(t)),
        Target::AtLeast(t) => format!("≥ {}", format_number(t)),
    }
}

/// A block of rows: (prefix of the names, its values, whether generation was cached).
pub struct Block<'a> {
    pub prefix: String,
    pub rows: &'a [Row],
    pub values: &'a Values,
    pub cached: bool,
}

/// The markdown table (measurement | value | target | ok?) and every missed target in words.
pub fn table(blocks: &[Block]) -> (String, Vec<String>) {
    let mut out = String::from("| measurement | value | target | ok? |\n|---|---|---|---|\n");
    let mut missed = Vec::new();
    for block in blocks {
        for row in block.rows {
            let (shown, ok) = judge(row, block.values.get(row.key), block.cached);
            let target = target(row);
            let name = format!("{}{}", block.prefix, row.name);
            if ok == Some(false) {
                missed.push(format!("{name}: {shown} (target {target})"));
            }
            let ok = match ok {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "—",
            };
            out.push_str(&format!("| {name} | {shown} | {target} | {ok} |\n"));
        }
    }
    (out, missed)
}

/// `n` with thousands separated by commas.
pub fn thousands(n: usize) -> String {
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
