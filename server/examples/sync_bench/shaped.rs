//! The first sync over a slow link: a network namespace of the bench's own joined to this one by
//! a veth pair, the link shaped to 1 Mbit/s each way with 300 ms latency, and the desa's
//! operator pulling from inside the namespace (this program again, `shaped-pull URL`) through a
//! relay on the host end of the pair that forwards to the server on loopback.
//!
//! The shaping is `tc netem delay 300ms rate 1mbit` toward the tablet (and `netem rate 1mbit`
//! back) when the kernel has netem. Without it (`CONFIG_NET_SCH_NETEM` not set, as on the
//! Firecracker VMs this was written on) the rate is `tc tbf rate 1mbit` on both ends and the
//! relay holds every chunk from the server 300 ms before passing it on: the same one-way delay,
//! but TCP does not see it as a longer round trip, so slow start costs less than on a real link.
//! The row's note says which was used; when no namespace can be made (not root, no `ip`), the
//! rows say why instead of a number.

use crate::common::{emit, note};
use crate::first_sync::{FAMILIES, pull_all};
use anyhow::{Context, bail};
use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The latency added toward the tablet.
const DELAY: Duration = Duration::from_millis(300);
/// The whole pull may take at most this long before it counts as failed.
const LIMIT: Duration = Duration::from_secs(180);

/// Runs `ip` (or `tc`) and fails with its own words.
fn command(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let output = Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("`{program}` cannot run (iproute2 missing?)"))?;
    if !output.status.success() {
        bail!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// The namespace and veth pair, removed when dropped.
struct Link {
    namespace: String,
    host_if: String,
    host_ip: String,
    /// How the link is shaped, in words for the table.
    how: String,
    /// Whether the relay must add the delay (no netem).
    relay_delays: bool,
}

impl Drop for Link {
    fn drop(&mut self) {
        // Deleting the namespace deletes its end of the pair, and with it the host end.
        let _ = command("ip", &["netns", "del", &self.namespace]);
        let _ = command("ip", &["link", "del", &self.host_if]);
    }
}

fn make_link() -> anyhow::Result<Link> {
    let id = std::process::id() % 10_000;
    let octet = 20 + id % 200;
    let mut link = Link {
        namespace: format!("tepatbench{id}"),
        host_if: format!("tpb{id}h"),
        host_ip: format!("10.213.{octet}.1"),
        how: String::new(),
        relay_delays: false,
    };
    let ns_if = format!("tpb{id}n");
    let ns_ip = format!("10.213.{octet}.2/24");
    command("ip", &["netns", "add", &link.namespace])
        .context("no network namespace (needs root or CAP_SYS_ADMIN)")?;
    let ns = link.namespace.clone();
    command(
        "ip",
        &[
            "link",
            "add",
            &link.host_if,
            "type",
            "veth",
            "peer",
            "name",
            &ns_if,
            "netns",
            &ns,
        ],
    )?;
    command(
        "ip",
        &[
            "addr",
            "add",
            &format!("{}/24", link.host_ip),
            "dev",
            &link.host_if,
        ],
    )?;
    command("ip", &["link", "set", &link.host_if, "up"])?;
    command("ip", &["-n", &ns, "addr", "add", &ns_ip, "dev", &ns_if])?;
    command("ip", &["-n", &ns, "link", "set", &ns_if, "up"])?;
    command("ip", &["-n", &ns, "link", "set", "lo", "up"])?;
    let netem = command(
        "tc",
        &[
            "qdisc",
            "add",
            "dev",
            &link.host_if,
            "root",
            "netem",
            "delay",
            "300ms",
            "rate",
            "1mbit",
        ],
    );
    match netem {
        Ok(()) => {
            command(
                "ip",
                &[
                    "netns", "exec", &ns, "tc", "qdisc", "add", "dev", &ns_if, "root", "netem",
                    "rate", "1mbit",
                ],
            )?;
            link.how = "tc netem delay 300ms rate 1mbit toward the tablet, rate 1mbit back".into();
        }
        Err(why) => {
            let tbf = [
                "root", "tbf", "rate", "1mbit", "burst", "10kb", "latency", "500ms",
            ];
            let mut host = vec!["qdisc", "add", "dev", &link.host_if];
            host.extend(tbf);
            command("tc", &host).with_context(|| format!("no netem ({why}) and no tbf"))?;
            let mut inside = vec!["netns", "exec", &ns, "tc", "qdisc", "add", "dev", &ns_if];
            inside.extend(tbf);
            command("ip", &inside)?;
            link.relay_delays = true;
            link.how = "kernel without sch_netem: tc tbf 1mbit both ways, 300 ms one-way delay \
                        added by a relay (TCP sees a short round trip)"
                .into();
        }
    }
    Ok(link)
}

/// Copies `from` to `to`, each chunk held `delay` after it was read.
async fn delayed_copy(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    delay: Duration,
) {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((read_at, chunk)) = receiver.recv().await {
            tokio::time::sleep_until((read_at + delay).into()).await;
            if to.write_all(&chunk).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut buffer = vec![0u8; 16 * 1024];
    while let Ok(n) = from.read(&mut buffer).await {
        if n == 0 || sender.send((Instant::now(), buffer[..n].to_vec())).is_err() {
            break;
        }
    }
    drop(sender);
    let _ = writer.await;
}

/// Accepts tablets on `listener` and joins each to the server at `port` on loopback.
async fn relay(listener: TcpListener, port: u16, delay: Duration) {
    while let Ok((tablet, _)) = listener.accept().await {
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(("127.0.0.1", port)).await else {
                return;
            };
            let _ = tablet.set_nodelay(true);
            let _ = server.set_nodelay(true);
            let (tablet_read, tablet_write) = tablet.into_split();
            let (server_read, server_write) = server.into_split();
            let up = tokio::spawn(delayed_copy(tablet_read, server_write, Duration::ZERO));
            delayed_copy(server_read, tablet_write, delay).await;
            let _ = up.await;
        });
    }
}

/// Measures the shaped first sync against the server at `port`; emits its rows or says why not.
pub async fn run(port: u16) {
    if let Err(why) = measure(port).await {
        let why = format!("not measured: {why:#}");
        eprintln!("shaped first sync {why}");
        note("first_sync_shaped.how", &why);
        note("first_sync_shaped.seconds", "not measured (see above)");
    }
}

async fn measure(port: u16) -> anyhow::Result<()> {
    let link = tokio::task::spawn_blocking(make_link).await??;
    let listener = TcpListener::bind((link.host_ip.as_str(), 0)).await?;
    let address: SocketAddr = listener.local_addr()?;
    let delay = if link.relay_delays {
        DELAY
    } else {
        Duration::ZERO
    };
    let relay = tokio::spawn(relay(listener, port, delay));
    let exe = std::env::current_exe()?;
    let (namespace, url) = (link.namespace.clone(), format!("http://{address}"));
    let output = tokio::task::spawn_blocking(move || {
        Command::new("ip")
            .args(["netns", "exec", &namespace])
            .arg(exe)
            .args(["shaped-pull", &url])
            .output()
    })
    .await??;
    relay.abort();
    if !output.status.success() {
        bail!(
            "the client in the namespace failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let result: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let changes = result["changes"].as_u64().unwrap_or(0);
    if changes != FAMILIES as u64 {
        bail!("the shaped pull brought {changes} changes, not {FAMILIES}");
    }
    note("first_sync_shaped.how", &link.how);
    emit(
        "first_sync_shaped.seconds",
        result["seconds"].as_f64().unwrap_or(f64::NAN),
        "s",
    );
    emit(
        "first_sync_shaped.wire_mb",
        result["wire"].as_f64().unwrap_or(f64::NAN) / 1e6,
        "MB",
    );
    drop(link);
    Ok(())
}

/// Inside the namespace: log in, pull the whole desa as the web app does, print what it took.
pub async fn client(url: &str) -> anyhow::Result<()> {
    let work = async {
        let client = reqwest::Client::new();
        let cookie = crate::common::login(&client, url, crate::data::OPERATOR).await?;
        let client = crate::common::session_client(&cookie)?;
        pull_all(&client, url, true).await
    };
    let pulled = tokio::time::timeout(LIMIT, work)
        .await
        .with_context(|| format!("the pull took more than {LIMIT:?}"))??;
    println!(
        "{}",
        serde_json::json!({
            "seconds": pulled.seconds,
            "wire": pulled.wire,
            "changes": pulled.changes,
        })
    );
    Ok(())
}
