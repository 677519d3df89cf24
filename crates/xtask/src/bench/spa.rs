//! The SPA's own size: `web/dist` built as `cargo xtask build-web` builds it (release, wasm-opt),
//! then the wasm and every JS file of the app at the top of `web/dist` (wasm-bindgen's glue, the
//! service worker, the small helpers) raw and gzip-compressed at the level the server's
//! compression uses; Leaflet (`web/dist/vendor`) apart.

use super::rows::{Value, Values};
use crate::cmd::root;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Bytes of `bytes` gzip-compressed at the default level (tower-http's, as the server sends).
fn gzip_len(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// (raw, gzip) bytes of the files.
fn sizes(files: &[std::path::PathBuf]) -> anyhow::Result<(usize, usize)> {
    let (mut raw, mut gz) = (0, 0);
    for file in files {
        let bytes = std::fs::read(file).with_context(|| format!("read {}", file.display()))?;
        raw += bytes.len();
        gz += gzip_len(&bytes)?;
    }
    Ok((raw, gz))
}

/// Measures `dist` (already built): the rows `spa.*` in kB (1,000 bytes).
pub fn measure(dist: &Path) -> anyhow::Result<Values> {
    let wasm = vec![dist.join("tepat_web_bg.wasm")];
    let mut js: Vec<_> = std::fs::read_dir(dist)
        .with_context(|| format!("read {}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    js.sort();
    let (wasm_raw, wasm_gz) = sizes(&wasm)?;
    let (js_raw, js_gz) = sizes(&js)?;
    let names: Vec<String> = js
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    println!("SPA JS measured: {}", names.join(", "));
    let kb = |b: usize| Value::Number(b as f64 / 1000.0);
    Ok([
        ("spa.wasm_raw_kb", kb(wasm_raw)),
        ("spa.wasm_gz_kb", kb(wasm_gz)),
        ("spa.js_raw_kb", kb(js_raw)),
        ("spa.js_gz_kb", kb(js_gz)),
        ("spa.total_gz_kb", kb(wasm_gz + js_gz)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect())
}

/// Builds the web app in release and measures it; `skip` leaves every row saying why.
pub fn build_and_measure(skip: bool) -> anyhow::Result<Values> {
    if skip {
        let why = Value::Note("not measured (--no-web)".into());
        return Ok([
            "spa.wasm_raw_kb",
            "spa.wasm_gz_kb",
            "spa.js_raw_kb",
            "spa.js_gz_kb",
            "spa.total_gz_kb",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), why.clone()))
        .collect());
    }
    crate::web::build()?;
    measure(&root().join("web/dist"))
}
