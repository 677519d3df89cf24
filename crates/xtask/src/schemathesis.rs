//! The JSON API fuzzed against its own OpenAPI document with schemathesis (PyPI, pinned,
//! installed into a venv under the target folder). The real `tepat serve` starts with demo data
//! on a free port and a fresh data folder; each run logs in as one demo role and sends every
//! documented operation generated valid and invalid requests, checking: no 5xx, every status,
//! content type and body as documented. `POST /api/v1/auth/logout` is left out: it would end the
//! session the run works with. The test command runs it briefly (`cargo xtask test`); by hand,
//! `cargo xtask schemathesis --examples 200` runs it longer.

use crate::cmd::{self, target_dir};
use anyhow::{Context, bail};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The schemathesis release the document is checked with.
const VERSION: &str = "4.32.5";
/// The checks run on every answer.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_schema_conformance";
/// The routes never called (see the module's text).
const EXCLUDED_PATHS: &[&str] = &["/api/v1/auth/logout"];
/// Fixed, so a failure in the test command comes back the same when run again.
const SEED: &str = "20261203";

/// Real records of the demo data for the routes that name one (a generated id finds nothing):
/// the first demo family and the first demo case (Lombang Dajah), as schemathesis's config.
const CONFIG: &str = r#"
[[operations]]
include-operation-id-regex = "^(family|save_family|family_score)$"
parameters = { "path.id" = "de300000-0000-0000-0000-000000000001" }

[[operations]]
include-operation-id-regex = "^(case|case_action)$"
parameters = { "path.id" = "01930000-0000-7000-8000-000000000c01" }
"#;

/// One run: who logs in, and how many generated cases per operation and phase.
struct Run {
    username: &'static str,
    examples: u32,
}

/// The runs of the test command: the Dinas operator reaches most routes; a desa operator
/// reaches the desa's own (families, musdes, cases) briefly.
const RUNS: &[Run] = &[
    Run {
        username: "dinsos",
        examples: 6,
    },
    Run {
        username: "op.lombangdajah",
        examples: 3,
    },
];

/// `cargo xtask test`'s step.
pub fn test_step() -> anyhow::Result<()> {
    run_all(None)
}

/// `cargo xtask schemathesis [--examples N]`: longer runs by hand.
pub fn command(args: &[String]) -> anyhow::Result<()> {
    let examples = match args {
        [] => None,
        [flag, n] if flag == "--examples" => Some(n.parse().context("--examples N")?),
        _ => bail!("usage: cargo xtask schemathesis [--examples N]"),
    };
    cmd::run(cmd::cargo().args(["build", "-p", "tepat-server", "--bin", "tepat"]))?;
    run_all(examples)
}

fn run_all(examples: Option<u32>) -> anyhow::Result<()> {
    let schemathesis = ensure_schemathesis()?;
    let work = target_dir()?.join("schemathesis");
    let data = work.join(format!("data-{}", std::process::id()));
    if data.exists() {
        std::fs::remove_dir_all(&data)?;
    }
    std::fs::create_dir_all(&data)?;
    let config = work.join("schemathesis.toml");
    std::fs::write(&config, CONFIG)?;
    let mut server = Server::start(&target_dir()?.join("debug/tepat"), &data)?;
    let result = (|| {
        for run in RUNS {
            let token = login(&server.address, run.username)?;
            println!(
                "schemathesis as {} against http://{}",
                run.username, server.address
            );
            let mut command = Command::new(&schemathesis);
            command
                .arg("--config-file")
                .arg(&config)
                .args(["--no-color", "run"])
                .arg(format!(
                    "http://{}{}",
                    server.address, "/api/v1/openapi.json"
                ))
                .args(["--checks", CHECKS])
                .args(["--phases", "examples,coverage,fuzzing"])
                .args([
                    "--max-examples",
                    &examples.unwrap_or(run.examples).to_string(),
                ])
                .args(["--seed", SEED, "--workers", "2"])
                .args(["--header", &format!("Cookie: tepat_session={token}")])
                .args(["--report", "junit"])
                .arg("--report-junit-path")
                .arg(work.join(format!("{}.xml", run.username)))
                .current_dir(&work);
            for path in EXCLUDED_PATHS {
                command.args(["--exclude-path", path]);
            }
            cmd::run(&mut command)?;
        }
        Ok(())
    })();
    server.stop();
    std::fs::remove_dir_all(&data).ok();
    result
}

/// The pinned schemathesis in `<target>/schemathesis/venv`, installed from PyPI when missing.
fn ensure_schemathesis() -> anyhow::Result<PathBuf> {
    let venv = target_dir()?.join("schemathesis/venv");
    let bin = venv.join("bin/schemathesis");
    let have = cmd::output(Command::new(&bin).arg("--version")).unwrap_or_default();
    if !have.contains(VERSION) {
        println!(
            "schemathesis {VERSION} is needed (found: {}); installing it",
            have.trim()
        );
        if !venv.join("bin/pip").exists() {
            cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
                .context("python3 -m venv (needs Python 3.10+ with venv)")?;
        }
        cmd::run(
            Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .arg(format!("schemathesis=={VERSION}")),
        )?;
    }
    Ok(bin)
}

/// The real server on a free loopback port.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(binary: &Path, data: &Path) -> anyhow::Result<Server> {
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--data-dir"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let stdout = child.stdout.take().context("the server's output")?;
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let Some(line) = lines.next() else {
                let status = child.wait()?;
                bail!("the server stopped before it listened ({status})");
            };
            if let Some(rest) = line?.split("berjalan di http://").nth(1) {
                break rest.trim().to_owned();
            }
        };
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { child, address })
    }

    fn stop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Logs in as a demo user (password `tepat-demo`) and returns the session token.
fn login(address: &str, username: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({ "username": username, "password": "tepat-demo" }).to_string();
    let mut stream = TcpStream::connect(address).with_context(|| format!("connect {address}"))?;
    write!(
        stream,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let cookie = format!("{}=", "tepat_session");
    answer
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .find_map(|l| {
            let value = l.split_once(':')?.1.trim();
            let token = value.strip_prefix(&cookie)?.split(';').next()?;
            Some(token.to_owned())
        })
        .with_context(|| {
            format!(
                "login as {username} gave no session: {}",
                answer.lines().next().unwrap_or("")
            )
        })
}
