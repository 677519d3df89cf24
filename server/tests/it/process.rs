//! The real `tepat` binary in its own process, for the fault tests (SIGKILL, backups, full or
//! read-only disks): start it on a data folder, log in, build many valid new families as sync
//! changes, push them, upload photos, and read back what a desa's tablet would pull.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use tepat_domain::Family;
use tepat_protocol::routes as r;
use tepat_protocol::sync::family_writes;
use tepat_server::blobs::BlobHash;
use tepat_sync::{Change, ChangeId, DeviceId, HlcClock};

/// The binary under test.
pub fn tepat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tepat"))
}

/// Starts `tepat serve` on a free port over `data`; returns it and its base URL once it listens
/// (read from its own output, no sleeping).
pub fn start(data: &std::path::Path) -> (Child, String) {
    start_with(data, &[])
}

/// [`start`] with more arguments for `tepat serve`.
pub fn start_with(data: &std::path::Path, more: &[&str]) -> (Child, String) {
    let mut child = tepat()
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data)
        .args(more)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(at) = line.find("http://127.0.0.1:") {
            break line[at..].trim().to_owned();
        }
    };
    // Keep reading its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

/// A client logged in as the demo user `username`.
pub async fn login(url: &str, username: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let body = json!({ "username": username, "password": tepat_server::demo::DEMO_PASSWORD });
    let response = client
        .post(format!("{url}{}", r::LOGIN))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "login as {username}");
    client
}

/// `count` new, valid families of `desa` (synthetic households: unique ids, KK and NIK), the
/// same for the same `seed`.
pub fn new_families(desa: &str, count: usize, seed: u64) -> Vec<Family> {
    use tepat_server::synth;
    let mut place = synth::places::kabupaten(1_000, seed)
        .into_iter()
        .find(|p| p.code.as_str() == desa)
        .expect("a desa of Bangkalan");
    place.families = count;
    let params = synth::Params {
        families: count,
        seed,
        now: "2026-11-20T02:00:00Z".parse().unwrap(),
    };
    let scheme = tepat_domain::scoring::ScoringScheme::default_v1();
    synth::generate_desa(&place, &params, &scheme)
        .households
        .into_iter()
        .map(|h| h.family)
        .collect()
}

/// Each family as one change registering it, made by `user` on device `device`.
pub fn changes_of(families: &[Family], user: &str, device: u128) -> Vec<Change> {
    let mut clock = HlcClock::new(DeviceId(uuid::Uuid::from_u128(device)));
    families
        .iter()
        .enumerate()
        .map(|(i, family)| {
            let stamp = clock.tick(1_000 + i as u64);
            Change {
                id: ChangeId(uuid::Uuid::from_u128((device << 32) + i as u128)),
                device: stamp.device,
                user: user.into(),
                stamp,
                record: family.id.0,
                writes: family_writes(family),
            }
        })
        .collect()
}

/// Pushes a batch; the ids acknowledged as accepted (with their sequence numbers) and every
/// other outcome, or `None` when the server did not answer (killed, refused the connection).
pub async fn push(
    client: &reqwest::Client,
    url: &str,
    batch: &[Change],
) -> Option<(Vec<(ChangeId, u64)>, Vec<Value>)> {
    let response = client
        .post(format!("{url}{}", r::SYNC_PUSH))
        .json(&json!({ "changes": batch }))
        .send()
        .await
        .ok()?;
    let body = response.json::<Value>().await.ok()?;
    let mut accepted = Vec::new();
    let mut other = Vec::new();
    for ack in body["acks"].as_array()? {
        let id: ChangeId = serde_json::from_value(ack["change"].clone()).unwrap();
        match ack["outcome"]["Accepted"]["seq"].as_u64() {
            Some(seq) => accepted.push((id, seq)),
            None => other.push(ack.clone()),
        }
    }
    Some((accepted, other))
}

/// The ids of every change `user` made that the user's desa tablet pulls, in log order
/// (repeats kept, so a doubled change shows).
pub async fn pulled_changes_of(client: &reqwest::Client, url: &str, user: &str) -> Vec<ChangeId> {
    let mut seen = Vec::new();
    let mut cursor = 0;
    loop {
        let page: Value = client
            .get(format!("{url}{}?after={cursor}", r::SYNC_PULL))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for pulled in page["changes"].as_array().unwrap() {
            if pulled["change"]["user"] == user {
                seen.push(serde_json::from_value(pulled["change"]["id"].clone()).unwrap());
            }
        }
        cursor = page["cursor"].as_u64().unwrap();
        if page["more"] == false {
            return seen;
        }
    }
}

/// A JPEG-looking photo of `len` bytes, different per `seed`.
pub fn photo(len: usize, seed: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1, seed];
    bytes.extend((0..len).map(|i| (i * 13 % 253) as u8 ^ seed));
    bytes
}

/// Uploads a photo whole in chunks; its hash. Panics unless the server took it.
pub async fn upload_photo(client: &reqwest::Client, url: &str, bytes: &[u8]) -> BlobHash {
    let hash = BlobHash::of(bytes);
    let photo = format!("{url}{}", r::PHOTO.replace("{hash}", &hash.hex()));
    crate::helpers::upload_in_chunks(client, &photo, bytes, 256 * 1024).await;
    hash
}

/// GET a photo's bytes, or the status when refused.
pub async fn download_photo(
    client: &reqwest::Client,
    url: &str,
    hash: &BlobHash,
) -> Result<Vec<u8>, u16> {
    let response = client
        .get(format!("{url}{}", r::PHOTO.replace("{hash}", &hash.hex())))
        .send()
        .await
        .unwrap();
    if response.status() != 200 {
        return Err(response.status().as_u16());
    }
    Ok(response.bytes().await.unwrap().to_vec())
}

/// Runs the binary with `args` (and `env`) to its end; (success, stdout + stderr).
pub fn run(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> (bool, String) {
    let mut command = tepat();
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.stdin(Stdio::null()).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Kills the server with SIGKILL and waits for it.
pub fn kill(mut server: Child) {
    let _ = server.kill();
    let _ = server.wait();
}
