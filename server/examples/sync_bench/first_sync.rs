//! A desa's first sync: a fresh folder holding exactly one desa of 3,000 generated families
//! (written as `tepat gen` writes them, so they are changes a tablet pulls) and the demo
//! accounts; its operator pulls every page from cursor 0 as the web app does (postcard, gzip as
//! the server sends it). Measured: time from the first request to the last page, bytes on the
//! wire, postcard bytes per family; the same pull as JSON (`Accept: application/json`, not
//! compressed) and the families themselves as JSON per family; then the pull over a shaped link.

use crate::common::{self, emit};
use crate::data::{self, OPERATOR};
use crate::{Args, fresh};
use anyhow::{Context, bail};
use std::time::{Duration, Instant};
use tepat_domain::RegionCode;
use tepat_protocol::sync::PullResponse;
use tepat_protocol::{CONTENT_TYPE_POSTCARD, decode, routes};
use tepat_server::bootstrap::prepare;
use tepat_server::store::{RedbStore, Store};

/// Families in the desa.
pub const FAMILIES: usize = 3_000;

/// What a whole first pull took.
pub struct Pulled {
    pub seconds: f64,
    /// Bytes of the bodies as they came over the wire (compressed when asked).
    pub wire: usize,
    /// Bytes of the bodies uncompressed.
    pub raw: usize,
    pub changes: usize,
}

/// Pulls every page from cursor 0: postcard with gzip as the web app asks, or JSON plain.
pub async fn pull_all(
    client: &reqwest::Client,
    base: &str,
    postcard: bool,
) -> anyhow::Result<Pulled> {
    let started = Instant::now();
    let (mut cursor, mut wire, mut raw, mut changes) = (0u64, 0, 0, 0);
    loop {
        let mut request = client.get(format!("{base}{}?after={cursor}", routes::SYNC_PULL));
        request = if postcard {
            request
                .header(reqwest::header::ACCEPT, CONTENT_TYPE_POSTCARD)
                .header(reqwest::header::ACCEPT_ENCODING, "gzip")
        } else {
            request.header(reqwest::header::ACCEPT, "application/json")
        };
        let response = request.send().await?;
        if !response.status().is_success() {
            bail!("pull answered {}", response.status());
        }
        let gzip = response
            .headers()
            .get(reqwest::header::CONTENT_ENCODING)
            .is_some_and(|v| v == "gzip");
        let body = response.bytes().await?;
        wire += body.len();
        let plain = if gzip {
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)?;
            plain
        } else {
            body.to_vec()
        };
        raw += plain.len();
        let page: PullResponse = if postcard {
            decode(&plain)?
        } else {
            serde_json::from_slice(&plain)?
        };
        changes += page.changes.len();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    Ok(Pulled {
        seconds: started.elapsed().as_secs_f64(),
        wire,
        raw,
        changes,
    })
}

pub async fn run(args: &Args) -> anyhow::Result<()> {
    let dir = fresh(&args.scratch, "first-sync")?;
    eprintln!("first sync: generating a desa of {FAMILIES} families");
    let families = data::families(FAMILIES, args.seed ^ 0x0F1A_5700)?;
    {
        let store = RedbStore::open(&dir.join("tepat.redb"))?;
        prepare(
            &store,
            &RegionCode::parse("35.26")?,
            false,
            jiff::Timestamp::now(),
        )?;
        tepat_server::sync::record_created(&store, &families, &[])?;
        for user in tepat_server::demo::users()? {
            store.put_user(&user)?;
        }
    }
    let per_family = |bytes: usize| bytes as f64 / FAMILIES as f64;
    let json: usize = families
        .iter()
        .map(|f| serde_json::to_vec(f).map(|v| v.len()))
        .sum::<Result<_, _>>()?;
    drop(families);

    let server = common::start(&args.tepat, &dir.display().to_string(), false)?;
    let client = reqwest::Client::new();
    common::wait_ready(&client, &server.base, Duration::from_secs(120)).await?;
    let cookie = common::login(&client, &server.base, OPERATOR).await?;
    let client = common::session_client(&cookie)?;
    let pulled = pull_all(&client, &server.base, true).await?;
    if pulled.changes != FAMILIES {
        bail!(
            "the first sync brought {} changes, not {FAMILIES}",
            pulled.changes
        );
    }
    emit("first_sync.seconds", pulled.seconds, "s");
    emit("first_sync.wire_mb", pulled.wire as f64 / 1e6, "MB");
    emit(
        "first_sync.postcard_per_family",
        per_family(pulled.raw),
        "bytes",
    );
    let as_json = pull_all(&client, &server.base, false).await?;
    emit(
        "first_sync.json_per_family",
        per_family(as_json.raw),
        "bytes",
    );
    emit(
        "first_sync.family_json_per_family",
        per_family(json),
        "bytes",
    );

    let port = server
        .base
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .context("the server's address has no port")?;
    crate::shaped::run(port).await;
    drop(server);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
