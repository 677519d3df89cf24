//! The HTTP half of `cargo xtask bench`, never shipped: starts the real `tepat serve` (release)
//! on a generated data folder at a loopback port, measures what a user would wait for, and prints
//! one JSON object per measurement (`{"key", "value", "unit"}` or `{"key", "note"}`) for xtask's
//! table. Measurements: server start until the instance settings answer; the leaders' cluster
//! query over random viewports at zooms 9–18 inside the kabupaten (and the whole kabupaten at
//! zooms 9 and 10); the kecamatan and desa tables; the server's resident memory afterwards.
//! A route the server does not have is reported "not available (404)", not failed.
//!
//! Usage: `bench --tepat PATH --data-dir DIR [--viewports 200] [--calls 30] [--seed 1]`;
//! `bench generator-version` prints the generator's version (for xtask's cache).

mod common;

use anyhow::bail;
use common::{emit, ms, note, percentile, rss_kib};
use std::time::{Duration, Instant};
use tepat_protocol::routes::{self, SPREAD_CLUSTERS, SPREAD_REGIONS};
use tepat_server::demo::{DEMO_PASSWORD, Rng};
use tepat_server::synth::{GENERATOR_VERSION, places::EXTENT};

/// A screen the map fills (the tablet in landscape).
const SCREEN_PX: (f64, f64) = (1280.0, 800.0);

struct Args {
    tepat: String,
    data_dir: String,
    viewports: usize,
    calls: usize,
    seed: u64,
}

fn args() -> anyhow::Result<Option<Args>> {
    let mut args = Args {
        tepat: String::new(),
        data_dir: String::new(),
        viewports: 200,
        calls: 30,
        seed: 1,
    };
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.iter().any(|a| a == "generator-version") {
        println!("{GENERATOR_VERSION}");
        return Ok(None);
    }
    for (flag, value) in common::flag_pairs(raw)? {
        match flag.as_str() {
            "--tepat" => args.tepat = value,
            "--data-dir" => args.data_dir = value,
            "--viewports" => args.viewports = value.parse()?,
            "--calls" => args.calls = value.parse()?,
            "--seed" => args.seed = value.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    if args.tepat.is_empty() || args.data_dir.is_empty() {
        bail!("usage: bench --tepat PATH --data-dir DIR [--viewports N] [--calls N] [--seed S]");
    }
    Ok(Some(args))
}

/// Times `urls` one after another (after one call not timed); `None` when the route is missing.
async fn time_calls(
    client: &reqwest::Client,
    key: &str,
    urls: &[String],
) -> anyhow::Result<Option<Vec<f64>>> {
    let first = Instant::now();
    let response = client
        .get(&urls[0])
        .header("Accept", "application/json")
        .send()
        .await?;
    if response.status() == reqwest::StatusCode::NOT_FOUND {
        note(key, "not available (404)");
        return Ok(None);
    }
    if !response.status().is_success() {
        note(key, &format!("failed ({})", response.status()));
        return Ok(None);
    }
    let bytes = response.bytes().await?.len();
    emit(&format!("{key}.first_ms"), ms(first.elapsed()), "ms");
    emit(&format!("{key}.bytes"), bytes as f64, "bytes");
    let mut times = Vec::with_capacity(urls.len());
    for url in urls {
        let started = Instant::now();
        let response = client
            .get(url)
            .header("Accept", "application/json")
            .send()
            .await?;
        let status = response.status();
        response.bytes().await?;
        if !status.is_success() {
            note(key, &format!("failed ({status}) for {url}"));
            return Ok(None);
        }
        times.push(ms(started.elapsed()));
    }
    times.sort_by(f64::total_cmp);
    emit(&format!("{key}.p50_ms"), percentile(&times, 0.5), "ms");
    emit(&format!("{key}.p95_ms"), percentile(&times, 0.95), "ms");
    emit(&format!("{key}.max_ms"), percentile(&times, 1.0), "ms");
    Ok(Some(times))
}

/// A viewport of the screen at `zoom` centred at (lat, lon): west, south, east, north.
fn viewport(lat: f64, lon: f64, zoom: u8) -> (f64, f64, f64, f64) {
    let degrees_per_px = 360.0 / (256.0 * f64::from(1u32 << zoom));
    let half_w = SCREEN_PX.0 / 2.0 * degrees_per_px;
    let half_h = SCREEN_PX.1 / 2.0 * degrees_per_px * lat.to_radians().cos();
    (lon - half_w, lat - half_h, lon + half_w, lat + half_h)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let Some(args) = args()? else {
        return Ok(());
    };
    let started = Instant::now();
    let server = common::start(&args.tepat, &args.data_dir, false)?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    common::wait_ready(&client, &server.base, Duration::from_secs(300)).await?;
    emit("startup_ms", ms(started.elapsed()), "ms");
    let pid = server.child.id();
    if let Some(rss) = rss_kib(pid) {
        emit("rss_start_mib", rss / 1024.0, "MiB");
    }

    let login = client
        .post(format!("{}{}", server.base, routes::LOGIN))
        .json(&serde_json::json!({ "username": "dinsos", "password": DEMO_PASSWORD }))
        .send()
        .await?;
    if !login.status().is_success() {
        bail!("login as dinsos failed: {}", login.status());
    }

    let (south, west, north, east) = EXTENT;
    let mut rng = Rng(args.seed ^ 0xBE4C_0000_0000_0000);
    let mut urls = Vec::with_capacity(args.viewports + 2);
    let url = |(w, s, e, n): (f64, f64, f64, f64), zoom: u8| {
        format!(
            "{}{SPREAD_CLUSTERS}?west={w:.6}&south={s:.6}&east={e:.6}&north={n:.6}&zoom={zoom}",
            server.base
        )
    };
    urls.push(url((west, south, east, north), 9));
    urls.push(url((west, south, east, north), 10));
    for _ in 0..args.viewports {
        let zoom = 9 + rng.below(10) as u8;
        let lat = south + (north - south) * (rng.unit() + 1.0) / 2.0;
        let lon = west + (east - west) * (rng.unit() + 1.0) / 2.0;
        urls.push(url(viewport(lat, lon, zoom), zoom));
    }
    time_calls(&client, "clusters", &urls).await?;

    for level in ["kecamatan", "desa"] {
        let urls: Vec<String> = (0..args.calls)
            .map(|_| format!("{}{SPREAD_REGIONS}?level={level}", server.base))
            .collect();
        time_calls(&client, &format!("regions_{level}"), &urls).await?;
    }
    if let Some(rss) = rss_kib(pid) {
        emit("rss_after_mib", rss / 1024.0, "MiB");
    }
    drop(server);
    Ok(())
}
