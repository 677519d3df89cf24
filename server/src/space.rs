//! Free disk space under the data folder. A write is refused with a "storage full" error
//! *before* it starts when less than a margin is free, so neither the database nor an upload
//! ever runs the disk to its last byte: the database stays readable and whole, and writes go on
//! by themselves once space is freed. (Should the disk still fill mid-write, the error is the
//! same, see `RedbStore`.) Signing in and out may use three quarters of the margin
//! ([`SpaceGuard::check_session`]): while data writes are refused, the admin can still sign in to
//! take a backup or see what fills the disk, and a user can still sign out.

use std::path::{Path, PathBuf};

/// The margin `tepat serve` keeps free by default (`--min-free-mb`).
pub const DEFAULT_MIN_FREE_MB: u64 = 64;

/// Bytes free for an unprivileged writer on the file system holding `path` (or its nearest
/// existing ancestor).
pub fn free_bytes(path: &Path) -> std::io::Result<u64> {
    let mut at = path;
    while !at.exists() {
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    let stats = rustix::fs::statvfs(at).map_err(std::io::Error::from)?;
    Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
}

/// Refuses writes under a folder when its disk has less than `min_free` bytes left.
#[derive(Debug, Clone, Default)]
pub struct SpaceGuard {
    /// The folder watched; `None` watches nothing.
    dir: Option<PathBuf>,
    min_free: u64,
}

impl SpaceGuard {
    /// Keeps at least `min_free` bytes free on the disk of `dir` (0: no check).
    pub fn new(dir: PathBuf, min_free: u64) -> SpaceGuard {
        SpaceGuard {
            dir: (min_free > 0).then_some(dir),
            min_free,
        }
    }

    /// `Ok` when `more` bytes can be written leaving the margin free; else an error of kind
    /// `StorageFull` saying how much is free.
    pub fn check(&self, more: u64) -> std::io::Result<()> {
        self.check_keeping(self.min_free, more)
    }

    /// As [`SpaceGuard::check`] for the few bytes of a sign-in or sign-out (a session, its audit
    /// row), which only a quarter of the margin is kept free from.
    pub fn check_session(&self) -> std::io::Result<()> {
        self.check_keeping(self.min_free / 4, 0)
    }

    fn check_keeping(&self, keep: u64, more: u64) -> std::io::Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let free = free_bytes(dir)?;
        if free < keep.saturating_add(more) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                format!(
                    "{} byte free under {}, {} kept free: write refused",
                    free,
                    dir.display(),
                    keep
                ),
            ));
        }
        Ok(())
    }
}
