//! What the bench examples share (`bench`, `sync_bench`, `load`): the JSON lines they print for
//! xtask's table, the real `tepat serve` started on a data folder and stopped as an operator
//! would, logging in, percentiles, the server's resident memory and the `--flag value` command
//! line they all take.

#![allow(dead_code)]

use anyhow::{Context, bail};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tepat_protocol::routes;

/// One measurement for xtask's table.
pub fn emit(key: &str, value: f64, unit: &str) {
    println!(
        "{}",
        serde_json::json!({ "key": key, "value": value, "unit": unit })
    );
}

/// Why a measurement has no number (shown in its row instead).
pub fn note(key: &str, note: &str) {
    println!("{}", serde_json::json!({ "key": key, "note": note }));
}

/// The server process, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    /// Stops the server as an operator would (SIGTERM, then it closes the database), so that the
    /// next start on the folder is not a repair after a crash; killed after 30 s.
    fn drop(&mut self) {
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        while asked && Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tepat serve` on port 0 of 127.0.0.1 over `data_dir` and waits for its "berjalan di"
/// line; `demo` loads the demo data on a first start.
pub fn start(tepat: &str, data_dir: &str, demo: bool) -> anyhow::Result<Server> {
    let mut command = Command::new(tepat);
    command.args(["serve", "--data-dir", data_dir, "--port", "0"]);
    if !demo {
        command.arg("--no-demo");
    }
    let mut child = command
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("cannot start {tepat}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = std::io::BufReader::new(stdout).lines();
    let base = loop {
        let Some(line) = lines.next() else {
            let _ = child.wait();
            bail!("the server stopped before it listened");
        };
        if let Some(at) = line?.split("berjalan di ").nth(1) {
            break at.trim().to_owned();
        }
    };
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Server { child, base })
}

/// Waits until the instance settings answer (the server is serving), at most `limit`.
pub async fn wait_ready(
    client: &reqwest::Client,
    base: &str,
    limit: Duration,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = format!("{base}{}", routes::CONFIG);
    loop {
        if let Ok(response) = client.get(&config).send().await
            && response.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        if started.elapsed() > limit {
            bail!("the server did not answer {config} within {limit:?}");
        }
    }
}

/// Logs `username` in with the demo password; the session cookie (`name=value`) to send.
pub async fn login(client: &reqwest::Client, base: &str, username: &str) -> anyhow::Result<String> {
    let response = client
        .post(format!("{base}{}", routes::LOGIN))
        .json(&serde_json::json!({
            "username": username,
            "password": tepat_server::demo::DEMO_PASSWORD,
        }))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("login as {username} failed: {}", response.status());
    }
    let cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .context("the login answered no session cookie")?;
    Ok(cookie.to_owned())
}

/// A client that sends `cookie` (a session) with every request.
pub fn session_client(cookie: &str) -> anyhow::Result<reqwest::Client> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse()?);
    Ok(reqwest::Client::builder()
        .default_headers(headers)
        .build()?)
}

/// The value at fraction `p` of `sorted` (nearest rank); NaN when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// Milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A process's resident memory (VmRSS) in KiB.
pub fn rss_kib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The command line after the program's name as `--flag value` pairs, in order; a flag without
/// its value is an error naming it.
pub fn flag_pairs(raw: impl IntoIterator<Item = String>) -> anyhow::Result<Vec<(String, String)>> {
    let mut raw = raw.into_iter();
    let mut pairs = Vec::new();
    while let Some(flag) = raw.next() {
        let value = raw
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        pairs.push((flag, value));
    }
    Ok(pairs)
}
