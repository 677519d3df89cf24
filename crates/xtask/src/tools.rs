//! Installing what the build needs, from the package registries only: the wasm32 target
//! (rustup), `wasm-bindgen-cli` at the version in Cargo.lock (crates.io), npm packages (the npm
//! registry) and Debian's Chromium (apt). Each check is quick when the tool is already there.

use crate::cmd::{self, root};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm32 target for the web app.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The version of the `wasm-bindgen` crate in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry: is the web crate in the workspace?")
}

/// `wasm-bindgen` at the locked version, installed with cargo when missing or different.
pub fn ensure_wasm_bindgen() -> anyhow::Result<()> {
    let wanted = locked_wasm_bindgen_version()?;
    let have = cmd::output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) != Some(wanted.as_str()) {
        println!(
            "wasm-bindgen {wanted} is needed (found: {}); installing it (a few minutes, once)",
            have.trim()
        );
        // No --locked: it fails on this registry mirror. --force: cargo's record of installed
        // crates may list the CLI although its binary is gone, and would then skip the install.
        cmd::run(Command::new("cargo").args([
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
        ]))?;
    }
    Ok(())
}

/// The npm packages of `dir` (its package.json and package-lock.json), installed when
/// node_modules is missing or older than the lock file.
pub fn ensure_npm_packages(dir: &Path) -> anyhow::Result<()> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&marker), modified(&lock)) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    };
    if !fresh {
        let verb = if lock.exists() { "ci" } else { "install" };
        cmd::run(
            Command::new("npm")
                .args([verb, "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(dir),
        )?;
    }
    Ok(())
}

/// Debian's Chromium for the browser tests, installed with apt when missing.
pub fn ensure_chromium() -> anyhow::Result<PathBuf> {
    let path =
        PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if !path.exists() {
        println!("Chromium is missing: installing Debian's chromium package");
        cmd::run(Command::new("apt-get").arg("update"))
            .context("apt-get update (the browser tests need Debian's chromium; run as root)")?;
        cmd::run(
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "chromium"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    Ok(path)
}

/// `ip` and `tc` (Debian's iproute2) for the bench's shaped link, installed with apt when
/// missing. A failure is only reported: the bench's row then says why it has no number.
pub fn ensure_iproute2() {
    let have = |tool: &str| {
        ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
            .iter()
            .any(|dir| Path::new(dir).join(tool).exists())
    };
    if have("ip") && have("tc") {
        return;
    }
    println!("iproute2 is missing: installing Debian's iproute2 package");
    let installed = cmd::run(Command::new("apt-get").arg("update")).and_then(|()| {
        cmd::run(
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "iproute2"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    });
    if let Err(e) = installed {
        println!("iproute2 could not be installed ({e:#}); the shaped-link rows will say so");
    }
}

/// cargo-fuzz (crates.io), installed with cargo when `cargo fuzz` is missing.
pub fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    if cmd::output(cmd::cargo().args(["fuzz", "--version"])).is_none() {
        println!("cargo-fuzz is missing: installing it (a few minutes, once)");
        // No --locked: it fails on this registry mirror.
        cmd::run(cmd::cargo().args(["install", "cargo-fuzz"]))?;
    }
    Ok(())
}
