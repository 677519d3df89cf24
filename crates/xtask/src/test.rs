//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure.

use crate::cmd::{self, root, target_dir};
use crate::{tools, web};
use anyhow::bail;
use std::process::Command;
use std::time::Instant;

/// Crates that must stay pure: they build for wasm32 and pull in no runtime or IO stack.
const SHARED_CRATES: [&str; 3] = ["tepat-domain", "tepat-protocol", "tepat-sync"];
/// What a shared crate must never depend on.
const FORBIDDEN_IN_SHARED: [&str; 8] = [
    "tokio",
    "axum",
    "hyper",
    "redb",
    "web-sys",
    "wasm-bindgen",
    "js-sys",
    "bincode",
];

fn check_shared_crates_are_pure() -> anyhow::Result<()> {
    for krate in SHARED_CRATES {
        let tree = cmd::output(
            cmd::cargo().args(["tree", "-p", krate, "-e", "normal", "--prefix", "none"]),
        )
        .unwrap_or_default();
        for line in tree.lines() {
            let name = line.split_whitespace().next().unwrap_or("");
            if FORBIDDEN_IN_SHARED.contains(&name) {
                bail!(
                    "{krate} depends on {name}: shared crates must not pull in runtime or IO crates"
                );
            }
        }
    }
    // Postcard is the wire and storage format: bincode (unmaintained) must not be in the build
    // at all. yew 0.23 would pull it in through gloo 0.11's `worker` default; the workspace
    // patches gloo 0.11 without it (vendor/gloo-0.11).
    for lock in ["Cargo.lock", "fuzz/Cargo.lock"] {
        let text = std::fs::read_to_string(root().join(lock)).unwrap_or_default();
        if text.contains("name = \"bincode\"") {
            bail!("{lock} holds bincode: Tepat uses postcard (see vendor/gloo-0.11)");
        }
    }
    // The wire types' JSON Schemas (`openapi` feature) are for the server's document only.
    let web = cmd::output(cmd::cargo().args(["tree", "-p", "tepat-web", "-e", "features"]))
        .unwrap_or_default();
    if web.contains("schemars") {
        bail!("tepat-web pulls in schemars: only the server may enable the `openapi` feature");
    }
    println!("shared crates are pure: {}", SHARED_CRATES.join(", "));
    Ok(())
}

/// Runs the whole suite.
pub fn test() -> anyhow::Result<()> {
    let started = Instant::now();
    let timed = |title: &str, work: &mut dyn FnMut() -> anyhow::Result<()>| -> anyhow::Result<()> {
        cmd::step(title);
        let at = Instant::now();
        work()?;
        println!("({title}: {:.0?})", at.elapsed());
        Ok(())
    };
    timed("Formatting (cargo fmt --check)", &mut || {
        cmd::run(cmd::cargo().args(["fmt", "--all", "--check"]))
    })?;
    timed("Shared crates stay pure", &mut check_shared_crates_are_pure)?;
    timed("Tools for the web build", &mut || {
        tools::ensure_wasm_target()?;
        tools::ensure_wasm_bindgen()
    })?;
    timed("Lints (clippy -D warnings), native and wasm32", &mut || {
        cmd::run(cmd::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        cmd::run(cmd::cargo().args([
            "clippy",
            "-p",
            "tepat-web",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    timed(
        "Unit and integration tests (the web app's pure parts run natively)",
        &mut || cmd::run(cmd::cargo().args(["test", "--workspace"])),
    )?;
    timed("Shared crates build for wasm32", &mut || {
        let mut build = cmd::cargo();
        build.args(["build", "--target", "wasm32-unknown-unknown"]);
        for krate in SHARED_CRATES {
            build.args(["-p", krate]);
        }
        cmd::run(&mut build)
    })?;
    timed("Web app build", &mut || web::build_dist(false))?;
    timed("Server build", &mut || {
        cmd::run(cmd::cargo().args([
            "build",
            "-p",
            "tepat-server",
            "--bin",
            "tepat",
            "--example",
            "seed_ratified",
        ]))
    })?;
    timed("Browser tests (Chromium)", &mut browser_tests)?;
    timed(
        "JSON API against its OpenAPI document (schemathesis)",
        &mut crate::schemathesis::test_step,
    )?;
    timed(
        "Fuzz targets, each briefly (cargo-fuzz, libFuzzer)",
        &mut || {
            crate::fuzz::run(
                crate::fuzz::TARGETS,
                crate::fuzz::TEST_SECONDS,
                crate::fuzz::Build::Quick,
            )
        },
    )?;
    println!("\nAll checks passed in {:.0?}.", started.elapsed());
    Ok(())
}

fn browser_tests() -> anyhow::Result<()> {
    let chromium = tools::ensure_chromium()?;
    let e2e = root().join("tests/e2e");
    tools::ensure_npm_packages(&e2e)?;
    let screens = target_dir()?.join("e2e-screens");
    if screens.exists() {
        std::fs::remove_dir_all(&screens)?;
    }
    std::fs::create_dir_all(&screens)?;
    let mut tests: Vec<_> = std::fs::read_dir(&e2e)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    if tests.is_empty() {
        bail!("no browser tests found in {}", e2e.display());
    }
    cmd::run(
        Command::new("node")
            .arg("--test")
            .arg("--test-concurrency=1")
            .args(&tests)
            .current_dir(&e2e)
            .env("TEPAT_BIN", target_dir()?.join("debug/tepat"))
            .env("TEPAT_WEB_DIR", root().join("web/dist"))
            .env("TEPAT_SCREENS_DIR", &screens)
            .env("CHROMIUM", chromium),
    )?;
    println!("screenshots: {}", screens.display());
    Ok(())
}
