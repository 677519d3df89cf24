//! Building the web app into `web/dist`: the wasm32 build (the size-first `web` profile with
//! wasm-opt from the npm `binaryen` package when optimising, plain release otherwise),
//! wasm-bindgen's JS glue (`--target web`), the static files of `web/static`, and Leaflet 1.9.4
//! from the npm registry. An optimised build also leaves each file precompressed beside itself
//! (`.br`, `.gz`), which the server sends to browsers that accept it instead of compressing on
//! every request.

use crate::cmd::{self, root, target_dir};
use crate::tools;
use anyhow::Context;
use std::path::Path;
use std::process::Command;

/// Builds `web/dist`, optimised with wasm-opt (as `cargo xtask run` and `build-web` do).
pub fn build() -> anyhow::Result<()> {
    build_dist(true)
}

/// Builds `web/dist`. `optimise` builds with the `web` profile (whole-program LTO, size first)
/// and runs wasm-opt: a slower build, a smaller download (what `run` and `build-web` serve).
/// Without it, the plain release profile (what the browser tests use, to build quickly).
pub fn build_dist(optimise: bool) -> anyhow::Result<()> {
    let profile = if optimise { "web" } else { "release" };
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    let web = root().join("web");
    tools::ensure_npm_packages(&web)?;
    cmd::run(cmd::cargo().args([
        "build",
        "-p",
        "tepat-web",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        profile,
    ]))?;
    let wasm = target_dir()?
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("tepat_web.wasm");
    let dist = web.join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).context("clear web/dist")?;
    }
    cmd::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "tepat_web",
                "--out-dir",
            ])
            .arg(&dist)
            .arg(&wasm),
    )?;
    if optimise {
        let bindgen_wasm = dist.join("tepat_web_bg.wasm");
        cmd::run(
            Command::new(web.join("node_modules/.bin/wasm-opt"))
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                    "-o",
                ])
                .arg(&bindgen_wasm)
                .arg(&bindgen_wasm),
        )?;
    }
    cmd::copy_dir(&web.join("static"), &dist)?;
    stamp_wasm_size(&dist)?;
    stamp_service_worker(&dist)?;
    copy_leaflet(
        &web.join("node_modules/leaflet/dist"),
        &dist.join("vendor/leaflet"),
    )?;
    if optimise {
        precompress(&dist)?;
    }
    let size = std::fs::metadata(dist.join("tepat_web_bg.wasm"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "web app built in {} (wasm {} KiB)",
        dist.display(),
        size / 1024
    );
    Ok(())
}

/// Copies what the app loads of Leaflet's `dist` (the minified script, its style sheet and
/// images; not the unminified sources and source maps the package also ships).
fn copy_leaflet(from: &Path, to: &Path) -> anyhow::Result<()> {
    cmd::copy_dir(&from.join("images"), &to.join("images"))?;
    for file in ["leaflet.js", "leaflet.css"] {
        std::fs::copy(from.join(file), to.join(file))
            .with_context(|| format!("copy Leaflet's {file}"))?;
    }
    Ok(())
}

/// Writes the wasm's size into `boot.js`, which shows the download's progress against it (the
/// length of a compressed answer would not match the decoded bytes the page counts).
fn stamp_wasm_size(dist: &Path) -> anyhow::Result<()> {
    let size = std::fs::metadata(dist.join("tepat_web_bg.wasm"))
        .context("the built wasm")?
        .len();
    let path = dist.join("boot.js");
    let script = std::fs::read_to_string(&path).context("read boot.js")?;
    anyhow::ensure!(
        script.contains("__TEPAT_WASM_BYTES__"),
        "boot.js has no __TEPAT_WASM_BYTES__ to stamp"
    );
    std::fs::write(
        &path,
        script.replace("__TEPAT_WASM_BYTES__", &size.to_string()),
    )
    .context("write boot.js")
}

/// Writes the build's fingerprint into `sw.js`, so a new build installs a new shell cache (and the
/// app offers the update) while an unchanged build keeps the cache it has.
fn stamp_service_worker(dist: &Path) -> anyhow::Result<()> {
    // FNV-1a over what the shell is made of: stable across runs, no dependency needed.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in [
        "tepat_web_bg.wasm",
        "tepat_web.js",
        "index.html",
        "boot.js",
        "styles.css",
    ] {
        let bytes = std::fs::read(dist.join(file)).with_context(|| format!("read {file}"))?;
        for byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let path = dist.join("sw.js");
    let script = std::fs::read_to_string(&path).context("read sw.js")?;
    std::fs::write(
        &path,
        script.replace("__TEPAT_BUILD__", &format!("{hash:016x}")),
    )
    .context("write sw.js")
}

/// The kinds of file worth compressing (text and wasm; images and fonts are compressed already).
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "svg", "json"];

/// Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, best level) beside every
/// compressible file under `dir`, where that is smaller: the server's `ServeDir` picks them by the
/// browser's Accept-Encoding (brotli over HTTPS, gzip otherwise).
pub fn precompress(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
        for (suffix, compressed) in [("br", brotli_bytes(&bytes)?), ("gz", gzip_bytes(&bytes)?)] {
            if compressed.len() < bytes.len() {
                let mut name = path.clone().into_os_string();
                name.push(format!(".{suffix}"));
                std::fs::write(&name, compressed)
                    .with_context(|| format!("write {}", Path::new(&name).display()))?;
            }
        }
    }
    Ok(())
}

/// `bytes` brotli-compressed at the best quality and a 4 MiB window.
pub fn brotli_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

/// `bytes` gzip-compressed at the best level.
pub fn gzip_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
