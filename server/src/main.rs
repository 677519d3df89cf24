//! `tepat`: the server binary. `tepat serve` runs the server; `tepat user …` manages accounts,
//! `tepat audit verify` checks the audit trail's hash chain, both on the database directly
//! (server stopped); `tepat kabupaten` finds a kabupaten's code; `tepat backup` copies a running
//! server over HTTP and `tepat restore` unpacks a backup into a new data folder.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tepat_domain::{RegionCode, Role};
use tepat_server::auth::hash_password;
use tepat_server::bootstrap::prepare;
use tepat_server::clock::{Clock, OffsetClock, SystemClock};
use tepat_server::demo::{DEMO_PASSWORD, DEMO_USERS};
use tepat_server::store::chain::{hex, verify_store};
use tepat_server::store::{AuditAction, AuditEntry, RedbStore, Store, UserRecord};
use tepat_server::{AppState, ServerConfig, serve};

#[derive(Parser)]
#[command(
    name = "tepat",
    version,
    about = "Tepat: register kesejahteraan sosial kabupaten"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DataArgs {
    /// Folder of the database (created on first start).
    #[arg(long, env = "TEPAT_DATA_DIR", default_value = "./data", global = true)]
    data_dir: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Port to listen on (0 picks a free one).
        #[arg(long, env = "TEPAT_PORT", default_value_t = 8080)]
        port: u16,
        /// Address to listen on; 0.0.0.0 to serve the network.
        #[arg(long, env = "TEPAT_HOST", default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Folder of the built web app (`web/dist`); without it only the API is served.
        #[arg(long, env = "TEPAT_WEB_DIR")]
        web_dir: Option<PathBuf>,
        /// Kemendagri code of the kabupaten this instance serves (first start only).
        #[arg(long, env = "TEPAT_KABUPATEN", default_value = "35.26")]
        kabupaten: String,
        /// Do not load demo data on first start.
        #[arg(long, env = "TEPAT_NO_DEMO")]
        no_demo: bool,
        /// Basemap tile URL template; `none` for no basemap.
        #[arg(long, env = "TEPAT_TILE_URL", default_value = tepat_server::config::DEFAULT_TILE_URL)]
        tile_url: String,
        /// Basemap attribution text.
        #[arg(long, env = "TEPAT_TILE_ATTRIBUTION", default_value = tepat_server::config::DEFAULT_TILE_ATTRIBUTION)]
        tile_attribution: String,
        /// Mark the session cookie Secure (when users reach Tepat over HTTPS, e.g. via a proxy).
        #[arg(long, env = "TEPAT_COOKIE_SECURE")]
        cookie_secure: bool,
        /// Days a tablet may be opened offline after its last online login.
        #[arg(long, env = "TEPAT_OFFLINE_DAYS", default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..=90))]
        offline_days: u16,
        /// Seconds between a tablet's background syncs while online.
        #[arg(long, env = "TEPAT_SYNC_INTERVAL", default_value_t = 60, value_parser = clap::value_parser!(u32).range(2..=3600))]
        sync_interval: u32,
        /// The worst GPS accuracy in metres a house pin takes without the operator confirming it.
        #[arg(long, env = "TEPAT_GPS_ACCURACY", default_value_t = 30, value_parser = clap::value_parser!(u16).range(5..=1000))]
        gps_accuracy: u16,
        /// For trials and tests only: the server's clock starts at this moment (RFC 3339, e.g.
        /// 2026-11-29T03:00:00Z) and runs on from there, so time windows can be tried on any day.
        #[arg(long, env = "TEPAT_CLOCK_AT", hide = true)]
        clock_at: Option<jiff::Timestamp>,
        /// Refuse writes ("storage full", 507) while the data folder's disk has less than this
        /// many MB free, so a full disk never interrupts a database commit (0: no margin).
        #[arg(long, env = "TEPAT_MIN_FREE_MB", default_value_t = tepat_server::space::DEFAULT_MIN_FREE_MB)]
        min_free_mb: u64,
        /// The address of a reverse proxy in front of Tepat (e.g. 127.0.0.1 for Caddy on the same
        /// machine), whose X-Forwarded-For then names the client the rate limits count by;
        /// repeat, or separate with commas, for several. None: the connection's address counts.
        #[arg(long, env = "TEPAT_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxy: Vec<std::net::IpAddr>,
    },
    /// Manage user accounts (with the server stopped).
    User {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        action: UserAction,
    },
    /// Check the audit trail (with the server stopped).
    Audit {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// Generate a synthetic Bangkalan into a new data folder (for measuring; `cargo xtask gen`).
    #[command(hide = true)]
    Gen {
        #[command(flatten)]
        data: DataArgs,
        /// How many families.
        #[arg(long)]
        families: usize,
        /// The seed: the same seed on the same day gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// List kabupaten/kota codes, optionally filtered by name.
    Kabupaten {
        /// Part of the name, e.g. "bangkalan".
        query: Option<String>,
    },
    /// Back up a RUNNING server (database and photos/files) into a tar file, as an admin; the
    /// password is read from TEPAT_PASSWORD or standard input.
    Backup {
        /// The server's address.
        #[arg(long, env = "TEPAT_URL", default_value = "http://127.0.0.1:8080")]
        url: String,
        /// An admin account.
        #[arg(long, default_value = "admin")]
        user: String,
        /// The file to write (must not exist yet).
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into a new, empty data folder (server stopped); the archive is checked
    /// against its manifest before anything is written.
    Restore {
        /// The backup file (from `tepat backup`).
        #[arg(long)]
        from: PathBuf,
        /// The data folder to create (must not exist or be empty).
        #[arg(long, env = "TEPAT_DATA_DIR")]
        data_dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check that no row of the audit trail was altered, deleted, re-ordered or cut off; exits
    /// non-zero naming the first broken row.
    Verify,
}

#[derive(Subcommand)]
enum UserAction {
    /// Add an account; the password is read from standard input.
    Add {
        /// Login name.
        username: String,
        /// Role: operator-desa, pendamping, pengelola-kecamatan, operator-dinas, kepala-dinas, bupati, admin.
        #[arg(long)]
        role: String,
        /// Region code the account is bound to (desa for operator-desa, kecamatan for
        /// pendamping and pengelola-kecamatan, kabupaten for the others).
        #[arg(long)]
        region: String,
        /// Name shown in the app.
        #[arg(long)]
        name: String,
    },
    /// Change an account's password (read from standard input).
    Passwd {
        /// Login name.
        username: String,
    },
    /// List accounts.
    List,
    /// Disable an account (a lost tablet, someone who left) and end its sessions at once.
    Disable {
        /// Login name.
        username: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// Login name.
        username: String,
    },
}

fn open_store(data_dir: &Path) -> anyhow::Result<RedbStore> {
    use tepat_server::store::StoreError;
    let read_only = || {
        anyhow::anyhow!(
            "folder data {} hanya-baca (read-only file system): Tepat perlu menulis di sana. \
             Pasang ulang disknya dengan izin tulis, atau pakai --data-dir lain.",
            data_dir.display()
        )
    };
    let full = || {
        anyhow::anyhow!(
            "disk folder data {} penuh (no space left on device): kosongkan ruang disk dulu.",
            data_dir.display()
        )
    };
    if let Err(e) = std::fs::create_dir_all(data_dir) {
        return Err(match StoreError::from(e) {
            StoreError::ReadOnly(_) => read_only(),
            StoreError::Full(_) => full(),
            other => anyhow::anyhow!(
                "tidak dapat membuat folder data {}: {other}",
                data_dir.display()
            ),
        });
    }
    let path = data_dir.join("tepat.redb");
    RedbStore::open(&path).map_err(|e| match e {
        StoreError::ReadOnly(_) => read_only(),
        StoreError::Full(_) => full(),
        other => anyhow::Error::new(other).context(format!(
            "tidak dapat membuka basis data {} (server masih berjalan?)",
            path.display()
        )),
    })
}

fn read_password() -> anyhow::Result<String> {
    eprintln!("Kata sandi (dibaca dari input standar, minimal 8 karakter):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve {
            data,
            port,
            host,
            web_dir,
            kabupaten,
            no_demo,
            tile_url,
            tile_attribution,
            cookie_secure,
            offline_days,
            sync_interval,
            gps_accuracy,
            clock_at,
            min_free_mb,
            trusted_proxy,
        } => {
            let kabupaten = RegionCode::parse(&kabupaten)?;
            let min_free = min_free_mb.saturating_mul(1024 * 1024);
            let store = open_store(&data.data_dir)?.keep_free(min_free);
            let prepared =
                prepare(&store, &kabupaten, !no_demo, jiff::Timestamp::now()).map_err(|e| {
                    match e.downcast_ref::<tepat_server::store::StoreError>() {
                        Some(tepat_server::store::StoreError::Full(_)) => anyhow::anyhow!(
                            "disk folder data {} (hampir) penuh: Tepat menyisakan {min_free_mb} MB \
                         kosong agar basis data tidak pernah terpotong. Kosongkan ruang disk, atau \
                         perkecil --min-free-mb.",
                            data.data_dir.display()
                        ),
                        _ => e,
                    }
                })?;
            let mut config = ServerConfig::new(kabupaten.clone());
            config.tile_url = (!tile_url.is_empty() && tile_url != "none").then_some(tile_url);
            config.tile_attribution = tile_attribution;
            config.web_dir = web_dir;
            config.cookie_secure = cookie_secure;
            config.blob_dir = data.data_dir.join("blobs");
            config.offline_days = offline_days;
            config.sync_interval_secs = sync_interval;
            config.gps_max_accuracy_m = gps_accuracy;
            config.min_free_bytes = min_free;
            config.trusted_proxies = trusted_proxy;
            let clock: Arc<dyn Clock> = match clock_at {
                Some(at) => {
                    eprintln!("PERHATIAN: jam server digeser ke {at} (hanya untuk uji coba).");
                    Arc::new(OffsetClock::starting_at(at))
                }
                None => Arc::new(SystemClock),
            };
            let state = AppState::new(Arc::new(store), clock, config);
            // The leaders' index is built before the server answers, so no one's first map waits
            // for it (about 2.4 s at 500,000 families); afterwards it is kept up to date.
            let started = std::time::Instant::now();
            state
                .spread
                .update(
                    state.store.as_ref(),
                    &state.config.kabupaten,
                    state.clock.now(),
                )
                .context("peta sebaran tidak dapat disiapkan")?;
            let families = state.spread.read(|index| index.families()).unwrap_or(0);
            println!(
                "Peta sebaran siap: {families} keluarga dalam {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind((host, port))
                    .await
                    .with_context(|| format!("tidak dapat memakai port {port} di {host}"))?;
                let address = listener.local_addr()?;
                print_banner(
                    &data.data_dir,
                    &kabupaten,
                    prepared.demo,
                    prepared.has_users,
                    &state,
                );
                println!("Tepat berjalan di http://{address}");
                tepat_server::spread::Spread::start(&state);
                serve(listener, state, shutdown_signal()).await?;
                println!("Tepat berhenti.");
                anyhow::Ok(())
            })
        }
        Command::User { data, action } => {
            let store = open_store(&data.data_dir)?;
            user_command(&store, action)
        }
        Command::Audit {
            data,
            action: AuditCommand::Verify,
        } => {
            let path = data.data_dir.join("tepat.redb");
            anyhow::ensure!(
                path.exists(),
                "basis data {} tidak ada: periksa --data-dir",
                path.display()
            );
            let store = open_store(&data.data_dir)?;
            match verify_store(&store)? {
                Ok(head) => {
                    println!(
                        "Jejak audit utuh: {} catatan, hash terakhir {}",
                        head.rows,
                        hex(&head.hash)
                    );
                    Ok(())
                }
                Err(broken) => {
                    anyhow::bail!("Jejak audit RUSAK: {broken}.")
                }
            }
        }
        Command::Gen {
            data,
            families,
            seed,
        } => generate(&data.data_dir, families, seed),
        Command::Backup { url, user, out } => backup(&url, &user, &out),
        Command::Restore { from, data_dir } => {
            let restored = tepat_server::backup::restore(&from, &data_dir, jiff::Timestamp::now())?;
            println!(
                "Dipulihkan ke {}: {}.",
                data_dir.display(),
                restored.manifest.summary()
            );
            println!(
                "Jejak audit utuh: {} catatan (termasuk catatan pemulihan ini), hash terakhir {}.",
                restored.head.rows,
                hex(&restored.head.hash)
            );
            println!(
                "Jalankan: tepat serve --data-dir {} (semua pengguna masuk lagi).",
                data_dir.display()
            );
            Ok(())
        }
        Command::Kabupaten { query } => {
            let query = query.unwrap_or_default().to_lowercase();
            for region in tepat_server::regions::all_kabupaten() {
                if region.name.to_lowercase().contains(&query) {
                    println!("{}\t{}", region.code, region.name);
                }
            }
            Ok(())
        }
    }
}

/// `tepat gen`: a new folder with `families` synthetic families, the demo accounts, and
/// `synthetic.json` beside the database saying what it holds (written last: its presence means
/// the folder is whole).
fn generate(data_dir: &Path, families: usize, seed: u64) -> anyhow::Result<()> {
    use tepat_server::synth;
    anyhow::ensure!(
        !data_dir.join("tepat.redb").exists(),
        "folder {} sudah berisi basis data: pakai --data-dir yang baru",
        data_dir.display()
    );
    anyhow::ensure!(families > 0, "--families harus lebih dari 0");
    let store = open_store(data_dir)?;
    let now = jiff::Timestamp::now();
    let kabupaten = RegionCode::parse(synth::places::KABUPATEN)?;
    prepare(&store, &kabupaten, false, now)?;
    let params = synth::Params {
        families,
        seed,
        now,
    };
    let mut shown = 0;
    let summary = synth::generate(&store, &params, &mut |done, all| {
        let tenth = done * 10 / all.max(1);
        if tenth > shown {
            shown = tenth;
            eprintln!("  {done} / {all} keluarga");
        }
    })?;
    let json = serde_json::to_string_pretty(&summary)?;
    std::fs::write(data_dir.join("synthetic.json"), &json)?;
    println!(
        "{} keluarga sintetis ({} anggota, {} usulan, {} musdes) dalam {:.1} s: {:.0} keluarga/s",
        summary.families,
        summary.members,
        summary.proposals,
        summary.musdes,
        summary.seconds,
        summary.families_per_second
    );
    println!(
        "Jalankan: tepat serve --data-dir {} (akun demo, kata sandi {DEMO_PASSWORD})",
        data_dir.display()
    );
    Ok(())
}

/// `tepat backup`: logs in as an admin, downloads `GET backup` into `<out>.part`, checks the
/// archive against its manifest and only then names it `out`.
fn backup(url: &str, user: &str, out: &Path) -> anyhow::Result<()> {
    use tepat_protocol::routes as r;
    anyhow::ensure!(
        !out.exists(),
        "{} sudah ada: pilih nama berkas baru untuk cadangan",
        out.display()
    );
    let password = match std::env::var("TEPAT_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => read_password()?,
    };
    let url = url.trim_end_matches('/').to_owned();
    let part = out.with_extension("part");
    let runtime = tokio::runtime::Runtime::new()?;
    let size = runtime.block_on(async {
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        let unreachable = |e: reqwest::Error| {
            anyhow::anyhow!(
                "server {url} tidak dapat dihubungi ({e}); server berjalan? periksa --url"
            )
        };
        let refused = |response: reqwest::Response, what: &str| {
            let what = what.to_owned();
            async move {
                let status = response.status();
                let message = response
                    .json::<tepat_protocol::ApiError>()
                    .await
                    .map(|e| e.message)
                    .unwrap_or_default();
                anyhow::anyhow!("{what} ditolak ({status}): {message}")
            }
        };
        let login = client
            .post(format!("{url}{}", r::LOGIN))
            .json(&serde_json::json!({ "username": user, "password": password }))
            .send()
            .await
            .map_err(unreachable)?;
        if !login.status().is_success() {
            return Err(refused(login, &format!("masuk sebagai {user}")).await);
        }
        let mut response = client
            .get(format!("{url}{}", r::BACKUP))
            .send()
            .await
            .map_err(unreachable)?;
        if !response.status().is_success() {
            return Err(refused(response, "permintaan cadangan").await);
        }
        let mut file = std::fs::File::create(&part)
            .with_context(|| format!("tidak dapat menulis {}", part.display()))?;
        let mut size = 0u64;
        while let Some(chunk) = response
            .chunk()
            .await
            .context("unduhan cadangan terputus")?
        {
            std::io::Write::write_all(&mut file, &chunk)
                .with_context(|| format!("tidak dapat menulis {}", part.display()))?;
            size += chunk.len() as u64;
        }
        file.sync_all()?;
        let _ = client.post(format!("{url}{}", r::LOGOUT)).send().await;
        anyhow::Ok(size)
    });
    let size = match size {
        Ok(size) => size,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    };
    let manifest = match tepat_server::backup::verify_archive(&part) {
        Ok(manifest) => manifest,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e.context("cadangan yang diterima tidak utuh; tidak disimpan"));
        }
    };
    std::fs::rename(&part, out)?;
    println!(
        "Cadangan tersimpan: {} ({:.1} MB), diperiksa utuh: {}.",
        out.display(),
        size as f64 / 1_048_576.0,
        manifest.summary()
    );
    println!(
        "Pulihkan dengan: tepat restore --from {} --data-dir FOLDER_BARU",
        out.display()
    );
    Ok(())
}

fn print_banner(
    data_dir: &Path,
    kabupaten: &RegionCode,
    demo: bool,
    has_users: bool,
    state: &AppState,
) {
    let name = state
        .store
        .region(kabupaten)
        .ok()
        .flatten()
        .map(|r| r.name)
        .unwrap_or_default();
    println!("Tepat — {name} ({kabupaten})");
    println!("Basis data: {}", data_dir.join("tepat.redb").display());
    if state.config.web_dir.is_none() {
        println!("Aplikasi web tidak disajikan (tanpa --web-dir): hanya API.");
    }
    let synthetic = state
        .store
        .meta(tepat_server::synth::META_SYNTHETIC)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str::<tepat_server::synth::Summary>(&json).ok());
    if let Some(summary) = synthetic {
        println!(
            "DATA SINTETIS: {} keluarga rekaan (seed {}). Akun demo, kata sandi semua: {DEMO_PASSWORD}",
            summary.families, summary.seed
        );
        for (username, _, role, region) in DEMO_USERS {
            println!("  {username:<17} {:<26} {region}", role.label_id());
        }
    } else if demo {
        println!(
            "DATA DEMO dimuat (500 keluarga rekaan). Akun demo, kata sandi semua: {DEMO_PASSWORD}"
        );
        for (username, _, role, region) in DEMO_USERS {
            println!("  {username:<17} {:<26} {region}", role.label_id());
        }
    } else if !has_users {
        println!(
            "Belum ada pengguna. Hentikan server lalu buat admin:\n  \
             tepat user add admin --role admin --region {kabupaten} --name \"Admin\""
        );
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

fn user_command(store: &RedbStore, action: UserAction) -> anyhow::Result<()> {
    let audit = |action, detail: String| {
        store.append_audit(
            &AuditEntry::new(jiff::Timestamp::now(), "cli", action, detail)
                .device(Some("baris perintah".into())),
        )
    };
    match action {
        UserAction::Add {
            username,
            role,
            region,
            name,
        } => {
            let username = username.trim().to_lowercase();
            anyhow::ensure!(
                !username.is_empty()
                    && username
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                "nama pengguna hanya boleh huruf, angka, titik, garis bawah dan tanda hubung"
            );
            anyhow::ensure!(
                store.user(&username)?.is_none(),
                "pengguna {username} sudah ada"
            );
            let role = Role::from_slug(&role).with_context(|| {
                let all: Vec<_> = Role::ALL.iter().map(|r| r.slug()).collect();
                format!(
                    "peran '{role}' tidak dikenal; pilih salah satu: {}",
                    all.join(", ")
                )
            })?;
            let region = RegionCode::parse(&region)?;
            let found = store.region(&region)?.with_context(|| {
                format!("wilayah {region} tidak ada di basis data ini (jalankan `tepat serve` sekali dulu)")
            })?;
            anyhow::ensure!(
                region.level() == role.region_level(),
                "{} harus terikat pada {}, bukan {} {}",
                role.label_id(),
                role.region_level().label_id().to_lowercase(),
                found.level.label_id().to_lowercase(),
                found.name
            );
            let password_hash = hash_password(&read_password()?)?;
            store.put_user(&UserRecord {
                username: username.clone(),
                display_name: name,
                role,
                region: region.clone(),
                password_hash,
                disabled: false,
            })?;
            audit(
                AuditAction::UserAdded,
                format!("{username} ({}, {region})", role.slug()),
            )?;
            println!(
                "Pengguna {username} dibuat: {} di {} {}.",
                role.label_id(),
                found.level.label_id(),
                found.name
            );
        }
        UserAction::Passwd { username } => {
            let mut user = store
                .user(&username)?
                .with_context(|| format!("pengguna {username} tidak ada"))?;
            user.password_hash = hash_password(&read_password()?)?;
            store.put_user(&user)?;
            audit(AuditAction::PasswordChanged, username.clone())?;
            println!("Kata sandi {username} diganti.");
        }
        UserAction::Disable { username } | UserAction::Enable { username }
            if store.user(&username)?.is_none() =>
        {
            anyhow::bail!("pengguna {username} tidak ada")
        }
        UserAction::Disable { username } => {
            let mut user = store.user(&username)?.expect("checked above");
            user.disabled = true;
            store.put_user(&user)?;
            let ended = store.delete_sessions_of(&username)?;
            audit(
                AuditAction::UserDisabled,
                format!("{username} ({ended} sesi diakhiri)"),
            )?;
            println!("Pengguna {username} dinonaktifkan; {ended} sesi diakhiri.");
        }
        UserAction::Enable { username } => {
            let mut user = store.user(&username)?.expect("checked above");
            user.disabled = false;
            store.put_user(&user)?;
            audit(AuditAction::UserEnabled, username.clone())?;
            println!("Pengguna {username} diaktifkan kembali.");
        }
        UserAction::List => {
            for user in store.users()? {
                let status = if user.disabled { " (nonaktif)" } else { "" };
                println!(
                    "{:<20} {:<26} {}{status}",
                    user.username,
                    user.role.label_id(),
                    user.region
                );
            }
        }
    }
    Ok(())
}
