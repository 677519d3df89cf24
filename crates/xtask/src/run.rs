//! `cargo xtask run`: build the web app and the server (release), then start the server on
//! `./data` with demo data at http://127.0.0.1:8080 unless told otherwise.

use crate::cmd::{self, root, target_dir};
use crate::web;
use anyhow::Context;
use std::process::Command;

/// Builds and starts; `server_args` go to `tepat serve` and override the defaults.
pub fn run(server_args: Vec<String>) -> anyhow::Result<()> {
    cmd::step("Building the web app");
    web::build()?;
    cmd::step("Building the server");
    cmd::run(cmd::cargo().args(["build", "--release", "-p", "tepat-server", "--bin", "tepat"]))?;
    let binary = target_dir()?.join("release/tepat");

    let given = |flag: &str, env: &str| {
        server_args
            .iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")))
            || std::env::var_os(env).is_some()
    };
    let mut args = vec!["serve".to_owned()];
    if !given("--port", "TEPAT_PORT") {
        args.extend(["--port".into(), "8080".into()]);
    }
    if !given("--data-dir", "TEPAT_DATA_DIR") {
        args.extend([
            "--data-dir".into(),
            root().join("data").display().to_string(),
        ]);
    }
    if !given("--web-dir", "TEPAT_WEB_DIR") {
        args.extend([
            "--web-dir".into(),
            root().join("web/dist").display().to_string(),
        ]);
    }
    args.extend(server_args);
    cmd::step("Starting Tepat (Ctrl+C stops it)");
    cmd::run(Command::new(&binary).args(&args).current_dir(root()))
        .with_context(|| format!("the server {} stopped with an error", binary.display()))
}
