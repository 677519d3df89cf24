//! Acknowledged means durable: a client pushes in a loop, the server process is killed with
//! SIGKILL in the middle, restarted on the same database, and the client retries everything.
//! Every change acknowledged before the kill is there, and nothing is there twice.

use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use tepat_domain::FamilyId;
use tepat_protocol::routes as r;
use tepat_protocol::sync::family_writes;
use tepat_sync::{Change, ChangeId, DeviceId, HlcClock};

/// Starts the real binary on a free port over `data`; returns it and its base URL once it
/// listens (read from its own output, no sleeping).
fn start(data: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tepat"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data)
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

async fn login(url: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let body =
        json!({ "username": "op.lombangdajah", "password": tepat_server::demo::DEMO_PASSWORD });
    assert_eq!(
        client
            .post(format!("{url}{}", r::LOGIN))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    client
}

/// One new family per change, registered in Lombang Dajah.
fn changes(count: usize) -> Vec<Change> {
    let template = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == "35.26.15.2012")
        .unwrap();
    let mut clock = HlcClock::new(DeviceId(uuid::Uuid::from_u128(77)));
    (0..count)
        .map(|i| {
            let mut family = template.clone();
            family.id = FamilyId(uuid::Uuid::from_u128(0xC4A5_0000 + i as u128));
            family.kk = tepat_domain::Kk::parse(&format!("35261522112{:05}", i + 1)).unwrap();
            let stamp = clock.tick(1_000 + i as u64);
            Change {
                id: ChangeId(uuid::Uuid::from_u128(0xC4A5_1000_0000 + i as u128)),
                device: stamp.device,
                user: "op.lombangdajah".into(),
                stamp,
                record: family.id.0,
                writes: family_writes(&family),
            }
        })
        .collect()
}

#[tokio::test]
async fn acknowledged_changes_survive_a_sigkill_and_retries_double_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let all = changes(120);
    let (mut server, url) = start(dir.path());
    let client = login(&url).await;

    // Push in batches of 5 until the server dies under us; remember every acknowledgement.
    let mut acknowledged: BTreeMap<ChangeId, u64> = BTreeMap::new();
    let pid = server.id().to_string();
    for (index, batch) in all.chunks(5).enumerate() {
        if index == 3 {
            // Three batches are acknowledged; SIGKILL the server while the fourth goes out.
            let pid = pid.clone();
            std::thread::spawn(move || Command::new("kill").args(["-9", &pid]).status());
        }
        let response = client
            .post(format!("{url}{}", r::SYNC_PUSH))
            .json(&json!({ "changes": batch }))
            .send()
            .await;
        let Ok(response) = response else { break };
        let Ok(body) = response.json::<Value>().await else {
            break;
        };
        for ack in body["acks"].as_array().unwrap() {
            let id: ChangeId = serde_json::from_value(ack["change"].clone()).unwrap();
            if let Some(seq) = ack["outcome"]["Accepted"]["seq"].as_u64() {
                acknowledged.insert(id, seq);
            }
        }
    }
    let _ = server.wait();
    assert!(
        !acknowledged.is_empty(),
        "some batches were acknowledged before the kill"
    );
    assert!(
        acknowledged.len() < all.len(),
        "the kill interrupted the pushing"
    );

    // Restart on the same file; the client retries everything it has.
    let (mut server, url) = start(dir.path());
    let client = login(&url).await;
    for batch in all.chunks(25) {
        let body: Value = client
            .post(format!("{url}{}", r::SYNC_PUSH))
            .json(&json!({ "changes": batch }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for ack in body["acks"].as_array().unwrap() {
            let id: ChangeId = serde_json::from_value(ack["change"].clone()).unwrap();
            if let Some(seq) = acknowledged.get(&id) {
                // Acknowledged before the kill: durable, and now a duplicate with the same number.
                assert_eq!(ack["outcome"], json!({ "Duplicate": { "seq": seq } }));
            } else {
                assert!(
                    ack["outcome"]["Accepted"].is_object()
                        || ack["outcome"]["Duplicate"].is_object(),
                    "{ack}"
                );
            }
        }
    }

    // Count: every change exactly once in the log.
    let mut seen: Vec<ChangeId> = Vec::new();
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
            // The desa's demo families arrive too; count this client's changes.
            if pulled["change"]["user"] == "op.lombangdajah" {
                seen.push(serde_json::from_value(pulled["change"]["id"].clone()).unwrap());
            }
        }
        cursor = page["cursor"].as_u64().unwrap();
        if page["more"] == false {
            break;
        }
    }
    let distinct: BTreeSet<ChangeId> = seen.iter().copied().collect();
    assert_eq!(seen.len(), all.len(), "no change is doubled");
    assert_eq!(distinct.len(), all.len(), "every change is there");
    server.kill().unwrap();
    let _ = server.wait();
}
