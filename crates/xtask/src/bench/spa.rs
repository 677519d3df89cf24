//! The SPA's own size: `web/dist` built as `cargo xtask build-web` builds it (release, wasm-opt,
//! precompressed), then the wasm and every JS file of the app at the top of `web/dist` (wasm-bindgen's
//! glue, the service worker, the small helpers) raw and as the server sends them: the `.gz` and
//! `.br` files beside each (gzip for plain HTTP, brotli over HTTPS); Leaflet (`web/dist/vendor`)
//! apart.

use super::rows::{Value, Values};
use crate::cmd::root;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Bytes of `file` raw, gzip and brotli as served: the precompressed file beside it, or (for a
/// file too small to have one) compressed here the same way.
struct Served {
    raw: usize,
    gz: usize,
    br: usize,
}

fn served(file: &Path) -> anyhow::Result<Served> {
    let bytes = std::fs::read(file).with_context(|| format!("read {}", file.display()))?;
    let beside = |suffix: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        std::fs::read(PathBuf::from(name)).ok().map(|b| b.len())
    };
    Ok(Served {
        raw: bytes.len(),
        gz: match beside(".gz") {
            Some(len) => len,
            None => crate::web::gzip_bytes(&bytes)?.len().min(bytes.len()),
        },
        br: match beside(".br") {
            Some(len) => len,
            None => crate::web::brotli_bytes(&bytes)?.len().min(bytes.len()),
        },
    })
}

/// The summed sizes of the files.
fn sizes(files: &[PathBuf]) -> anyhow::Result<Served> {
    let mut sum = Served {
        raw: 0,
        gz: 0,
        br: 0,
    };
    for file in files {
        let one = served(file)?;
        sum.raw += one.raw;
        sum.gz += one.gz;
        sum.br += one.br;
    }
    Ok(sum)
}

/// Measures `dist` (already built): the rows `spa.*` in kB (1,000 bytes).
pub fn measure(dist: &Path) -> anyhow::Result<Values> {
    let wasm = vec![dist.join("tepat_web_bg.wasm")];
    let mut js_files: Vec<_> = std::fs::read_dir(dist)
        .with_context(|| format!("read {}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    js_files.sort();
    let wasm = sizes(&wasm)?;
    let js = sizes(&js_files)?;
    let names: Vec<String> = js_files
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    println!("SPA JS measured: {}", names.join(", "));
    let kb = |b: usize| Value::Number(b as f64 / 1000.0);
    Ok([
        ("spa.wasm_raw_kb", kb(wasm.raw)),
        ("spa.wasm_gz_kb", kb(wasm.gz)),
        ("spa.js_raw_kb", kb(js.raw)),
        ("spa.js_gz_kb", kb(js.gz)),
        ("spa.total_gz_kb", kb(wasm.gz + js.gz)),
        ("spa.total_br_kb", kb(wasm.br + js.br)),
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
            "spa.total_br_kb",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), why.clone()))
        .collect());
    }
    crate::web::build()?;
    measure(&root().join("web/dist"))
}
