//! Backups of a running server and their restore (`tepat backup`, `tepat restore`).
//!
//! A backup is a tar archive: `tepat.redb` (a consistent copy made by
//! `RedbStore::snapshot_to` inside one read transaction while writers go on), every published
//! blob (`blobs/ab/ab…`: photos, evidence, import files; blobs are immutable and named by their
//! SHA-256, so copying them after the snapshot misses none the snapshot refers to), and last
//! `manifest.json` ([`Manifest`]: who made it and when, rows per table, the audit chain's head,
//! each file's size and SHA-256). [`write_archive`] streams it; [`verify_archive`] reads an
//! archive whole and checks every file against the manifest without writing anything;
//! [`restore`] verifies first, then unpacks into a new data folder, opens the database and checks
//! its audit chain ends where the manifest says.

pub mod tar;

use crate::blobs::BlobHash;
use crate::store::chain::{AuditHead, hex};
use crate::store::{AuditAction, AuditEntry, RedbStore, Snapshot, Store};
use anyhow::{Context, bail, ensure};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The `format` of a manifest.
pub const FORMAT: &str = "tepat-cadangan";
/// The manifest's layout version.
pub const VERSION: u32 = 1;
/// The database's name in the archive and in a data folder.
pub const DATABASE: &str = "tepat.redb";
/// The manifest's name in the archive (its last file).
pub const MANIFEST: &str = "manifest.json";

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// When the snapshot was taken.
    pub made_at: jiff::Timestamp,
    /// Who asked for it.
    pub made_by: String,
    /// The server version that made it.
    pub server_version: String,
    /// Rows per table in the snapshot.
    pub tables: BTreeMap<String, u64>,
    /// Rows of the audit trail in the snapshot.
    pub audit_rows: u64,
    /// The last audit row's hash, hex.
    pub audit_hash: String,
    /// Every file of the archive but the manifest, in archive order.
    pub files: Vec<FileEntry>,
}

/// One file of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Its path in the archive and under the data folder.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
}

impl Manifest {
    /// How many blob files it holds.
    pub fn blobs(&self) -> usize {
        self.files.iter().filter(|f| f.path != DATABASE).count()
    }

    /// Rows of `table` in the snapshot.
    pub fn rows(&self, table: &str) -> u64 {
        self.tables.get(table).copied().unwrap_or(0)
    }

    /// One line saying what the backup holds.
    pub fn summary(&self) -> String {
        format!(
            "{} keluarga, {} pengguna, {} berkas foto/dokumen, jejak audit {} catatan (hash terakhir {}); dibuat {} oleh {}",
            self.rows("families"),
            self.rows("users"),
            self.blobs(),
            self.audit_rows,
            self.audit_hash,
            self.made_at,
            self.made_by
        )
    }
}

/// The published blobs under `root` (`ab/ab…`, unfinished uploads left out), sorted, with
/// their archive paths.
pub fn list_blobs(root: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let dirs = match std::fs::read_dir(root) {
        Ok(dirs) => dirs,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for dir in dirs {
        let dir = dir?;
        let prefix = dir.file_name().to_string_lossy().into_owned();
        if prefix.len() != 2 || !dir.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir.path())? {
            let file = file?;
            let name = file.file_name().to_string_lossy().into_owned();
            if BlobHash::parse(&name).is_some() && name.starts_with(&prefix) {
                out.push((format!("blobs/{prefix}/{name}"), file.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes the archive of a snapshot already taken (`database`, with what `snapshot` says it
/// holds) and the blobs under `blob_root` into `out`; the manifest it ends with.
pub fn write_archive(
    out: impl Write,
    database: &Path,
    snapshot: &Snapshot,
    blob_root: &Path,
    made_by: &str,
    made_at: jiff::Timestamp,
) -> anyhow::Result<Manifest> {
    let mut writer = tar::Writer::new(out);
    let mut files = Vec::new();
    let mut add = |writer: &mut tar::Writer<_>, path: &str, file: &Path| -> anyhow::Result<()> {
        let mut data = std::fs::File::open(file)
            .with_context(|| format!("tidak dapat membaca {}", file.display()))?;
        let size = data.metadata()?.len();
        let hash = writer.append(path, size, &mut data)?;
        files.push(FileEntry {
            path: path.to_owned(),
            size,
            sha256: hex(&hash),
        });
        Ok(())
    };
    add(&mut writer, DATABASE, database)?;
    for (path, file) in list_blobs(blob_root)? {
        add(&mut writer, &path, &file)?;
    }
    let head = snapshot.audit_head.unwrap_or(AuditHead::EMPTY);
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        made_at,
        made_by: made_by.into(),
        server_version: env!("CARGO_PKG_VERSION").into(),
        tables: snapshot.tables.iter().cloned().collect(),
        audit_rows: head.rows,
        audit_hash: hex(&head.hash),
        files,
    };
    let json = serde_json::to_vec_pretty(&manifest)?;
    writer.append(MANIFEST, json.len() as u64, &mut json.as_slice())?;
    writer.finish()?;
    Ok(manifest)
}

/// Whether `path` is a name a backup may hold (the database or a blob), so nothing in an
/// archive can be written outside the data folder.
fn allowed(path: &str) -> bool {
    if path == DATABASE {
        return true;
    }
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), ["blobs", prefix, name]
        if prefix.len() == 2 && BlobHash::parse(name).is_some() && name.starts_with(prefix))
}

/// Reads the archive at `from` through and checks it against its manifest: the manifest last
/// and of this format, every file listed once with its size and SHA-256, nothing more, every
/// blob's bytes hashing to its name. Writes nothing. The manifest, when all holds.
pub fn verify_archive(from: &Path) -> anyhow::Result<Manifest> {
    let file = std::fs::File::open(from)
        .with_context(|| format!("berkas cadangan {} tidak dapat dibuka", from.display()))?;
    let mut seen: Vec<FileEntry> = Vec::new();
    let mut manifest: Option<Manifest> = None;
    tar::read_entries(std::io::BufReader::new(file), &mut |name, size, data| {
        let invalid = |what: String| std::io::Error::new(std::io::ErrorKind::InvalidData, what);
        if manifest.is_some() {
            return Err(invalid(format!("{name} sesudah manifest")));
        }
        if name == MANIFEST {
            let mut json = Vec::new();
            data.take(16 * 1024 * 1024).read_to_end(&mut json)?;
            manifest = Some(
                serde_json::from_slice(&json)
                    .map_err(|e| invalid(format!("manifest tidak terbaca: {e}")))?,
            );
            return Ok(());
        }
        if !allowed(name) {
            return Err(invalid(format!("berkas tak dikenal dalam arsip: {name}")));
        }
        let mut hasher = Sha256::new();
        std::io::copy(data, &mut HashWriter(&mut hasher))?;
        seen.push(FileEntry {
            path: name.to_owned(),
            size,
            sha256: hex(&hasher.finalize().into()),
        });
        Ok(())
    })
    .with_context(|| format!("{} bukan arsip cadangan yang utuh", from.display()))?;
    let Some(manifest) = manifest else {
        bail!(
            "{} tidak berisi {MANIFEST}: bukan cadangan Tepat, atau terpotong",
            from.display()
        );
    };
    ensure!(
        manifest.format == FORMAT && manifest.version == VERSION,
        "format cadangan {} versi {} tidak dikenal (versi ini membaca {FORMAT} versi {VERSION})",
        manifest.format,
        manifest.version
    );
    for (listed, found) in manifest.files.iter().zip(&seen) {
        ensure!(
            listed == found,
            "berkas {} dalam cadangan tidak cocok dengan manifest (ukuran {} vs {}, SHA-256 {} vs {}): cadangan rusak",
            found.path,
            found.size,
            listed.size,
            found.sha256,
            listed.sha256
        );
        if let Some(name) = found.path.strip_prefix("blobs/").map(|p| &p[3..]) {
            ensure!(
                found.sha256 == name,
                "isi berkas {} tidak sesuai namanya: cadangan rusak",
                found.path
            );
        }
    }
    ensure!(
        manifest.files.len() == seen.len(),
        "manifest mencatat {} berkas, arsip berisi {}: cadangan tidak lengkap",
        manifest.files.len(),
        seen.len()
    );
    ensure!(
        seen.first().map(|f| f.path.as_str()) == Some(DATABASE),
        "cadangan tidak berisi {DATABASE}"
    );
    Ok(manifest)
}

struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The backup's manifest.
    pub manifest: Manifest,
    /// The audit chain's head after the restore's own entry.
    pub head: AuditHead,
}

/// Restores the backup at `from` into the data folder `data_dir`, which must not exist or be
/// empty (the server stopped). The archive is verified whole before anything is written; it
/// is unpacked into a folder beside `data_dir` and moved into place only when complete; the
/// database is then opened, its audit chain verified against the manifest, and the restore
/// itself recorded in the trail.
pub fn restore(from: &Path, data_dir: &Path, now: jiff::Timestamp) -> anyhow::Result<Restored> {
    if data_dir.exists() {
        let mut entries = std::fs::read_dir(data_dir)
            .with_context(|| format!("folder data {} tidak dapat dibaca", data_dir.display()))?;
        ensure!(
            entries.next().is_none(),
            "folder data {} tidak kosong: pulihkan ke folder baru atau kosong (data yang ada tidak ditimpa)",
            data_dir.display()
        );
    }
    let manifest = verify_archive(from)?;
    let name = data_dir
        .file_name()
        .context("--data-dir harus menyebut sebuah folder")?
        .to_string_lossy()
        .into_owned();
    let staging = data_dir.with_file_name(format!(".{name}.memulihkan-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let unpacked = unpack(from, &staging, &manifest);
    if let Err(e) = unpacked {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if data_dir.exists() {
        std::fs::remove_dir(data_dir)?;
    }
    std::fs::rename(&staging, data_dir).with_context(|| {
        format!(
            "folder {} tidak dapat dipindah ke {}",
            staging.display(),
            data_dir.display()
        )
    })?;
    let store = RedbStore::open(&data_dir.join(DATABASE))
        .with_context(|| format!("basis data pulihan di {} tidak terbuka", data_dir.display()))?;
    let head = match crate::store::chain::verify_store(&store)? {
        Ok(head) => head,
        Err(broken) => bail!("jejak audit basis data pulihan RUSAK: {broken}"),
    };
    ensure!(
        head.rows == manifest.audit_rows && hex(&head.hash) == manifest.audit_hash,
        "jejak audit pulihan berakhir di catatan {} ({}), manifest menyebut {} ({})",
        head.rows,
        hex(&head.hash),
        manifest.audit_rows,
        manifest.audit_hash
    );
    store.append_audit(
        &AuditEntry::new(
            now,
            "cli",
            AuditAction::BackupRestored,
            format!(
                "dipulihkan dari cadangan {} buatan {} ({})",
                manifest.made_at, manifest.made_by, manifest.audit_hash
            ),
        )
        .device(Some("baris perintah".into())),
    )?;
    let head = store.audit_head()?.unwrap_or(AuditHead::EMPTY);
    Ok(Restored { manifest, head })
}

/// Writes the archive's files under `into` (created), checking each against the manifest
/// again as it is written, and syncs them to disk.
fn unpack(from: &Path, into: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    std::fs::create_dir_all(into)
        .with_context(|| format!("folder {} tidak dapat dibuat", into.display()))?;
    let listed: BTreeMap<&str, &FileEntry> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let file = std::fs::File::open(from)?;
    tar::read_entries(std::io::BufReader::new(file), &mut |name, _, data| {
        if name == MANIFEST {
            return Ok(());
        }
        let invalid = |what: String| std::io::Error::new(std::io::ErrorKind::InvalidData, what);
        let entry = listed
            .get(name)
            .filter(|_| allowed(name))
            .ok_or_else(|| invalid(format!("{name} tidak ada di manifest")))?;
        let target = into.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = std::fs::File::create(&target)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 256 * 1024];
        loop {
            let got = data.read(&mut buffer)?;
            if got == 0 {
                break;
            }
            hasher.update(&buffer[..got]);
            out.write_all(&buffer[..got])?;
        }
        out.sync_all()?;
        if hex(&hasher.finalize().into()) != entry.sha256 {
            return Err(invalid(format!("{name} berubah sejak diperiksa")));
        }
        Ok(())
    })
    .with_context(|| format!("cadangan tidak dapat dibuka ke {}", into.display()))?;
    Ok(())
}
