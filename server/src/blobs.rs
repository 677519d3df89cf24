//! Photos (and later evidence files) as content-addressed files beside the database, never
//! inside redb: `<data>/blobs/ab/abcdef…` named by the SHA-256 of their bytes. Uploads come in
//! chunks that resume after a broken connection (ask how much arrived, send the rest); the blob
//! becomes visible only when the whole file is there and its hash, size and type check out.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

/// The largest photo accepted (the tablet resizes to 1600 px JPEG, far below this).
pub const MAX_PHOTO_BYTES: u64 = 3 * 1024 * 1024;
/// The largest chunk accepted in one request.
pub const MAX_CHUNK_BYTES: usize = 512 * 1024;

/// A SHA-256, the name of a blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobHash(pub [u8; 32]);

impl BlobHash {
    /// Reads 64 lowercase hex digits.
    pub fn parse(text: &str) -> Option<BlobHash> {
        if text.len() != 64
            || !text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()?;
        }
        Some(BlobHash(bytes))
    }

    /// The hash of some bytes.
    pub fn of(bytes: &[u8]) -> BlobHash {
        BlobHash(Sha256::digest(bytes).into())
    }

    /// As 64 hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

pub use tepat_protocol::UploadStatus;

/// Why a chunk was refused.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The chunk does not start where the upload stands.
    #[error("Potongan foto harus dikirim mulai byte {expected}.")]
    Offset {
        /// Where to continue.
        expected: u64,
    },
    /// Bigger than allowed.
    #[error("Foto terlalu besar: paling besar 3 MB. Perkecil foto lalu kirim ulang.")]
    TooLarge,
    /// The bytes do not hash to the name.
    #[error("Foto rusak saat dikirim (sidik SHA-256 tidak cocok): kirim ulang dari awal.")]
    HashMismatch,
    /// Not a JPEG.
    #[error("Berkas bukan foto JPEG.")]
    NotJpeg,
    /// An evidence file bigger than allowed.
    #[error(
        "Berkas bukti terlalu besar: paling besar 10 MB. Pindai dengan resolusi lebih kecil atau foto ulang."
    )]
    EvidenceTooLarge,
    /// An evidence file of a kind not accepted.
    #[error("Berkas bukti harus foto (JPEG/PNG) atau PDF.")]
    NotEvidence,
    /// The disk failed.
    #[error("penyimpanan berkas: {0}")]
    Io(#[from] std::io::Error),
    /// An import file bigger than allowed.
    #[error(
        "File impor terlalu besar: paling besar 20 MB. Pecah file per kecamatan, atau simpan sebagai CSV (lebih kecil dari XLSX)."
    )]
    ImportTooLarge,
    /// An import file that is neither CSV text nor an XLSX workbook.
    #[error(
        "File impor harus CSV (teks) atau XLSX (Excel Workbook). File .xls lama: simpan ulang sebagai .xlsx."
    )]
    NotImport,
}

/// What a blob is for, which sets its largest size and the kinds of file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobKind {
    /// A house photo: JPEG, up to [`MAX_PHOTO_BYTES`].
    Photo,
    /// A musdes evidence file: JPEG, PNG or PDF, up to
    /// [`tepat_domain::meeting::MAX_EVIDENCE_BYTES`].
    Evidence,
    /// A spreadsheet to import: CSV or XLSX, up to [`MAX_IMPORT_BYTES`].
    Import,
}

/// The largest import file accepted.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

impl BlobKind {
    fn max_bytes(self) -> u64 {
        match self {
            BlobKind::Photo => MAX_PHOTO_BYTES,
            BlobKind::Evidence => tepat_domain::meeting::MAX_EVIDENCE_BYTES,
            BlobKind::Import => MAX_IMPORT_BYTES,
        }
    }

    fn too_large(self) -> BlobError {
        match self {
            BlobKind::Photo => BlobError::TooLarge,
            BlobKind::Evidence => BlobError::EvidenceTooLarge,
            BlobKind::Import => BlobError::ImportTooLarge,
        }
    }

    /// `None` when the bytes are of a kind accepted, else why not.
    fn refuse(self, bytes: &[u8]) -> Option<BlobError> {
        match self {
            BlobKind::Photo => {
                (!bytes.starts_with(&[0xFF, 0xD8, 0xFF])).then_some(BlobError::NotJpeg)
            }
            BlobKind::Evidence => tepat_domain::meeting::EvidenceMedia::sniff(bytes)
                .is_none()
                .then_some(BlobError::NotEvidence),
            // An XLSX is a zip; a CSV is text (no NUL bytes, which the old binary .xls has).
            BlobKind::Import => (!crate::xlsx::looks_like_xlsx(bytes)
                && bytes.iter().take(64 * 1024).any(|b| *b == 0))
            .then_some(BlobError::NotImport),
        }
    }
}

/// Blobs on the local disk.
pub struct FileBlobStore {
    root: PathBuf,
    space: crate::space::SpaceGuard,
}

impl FileBlobStore {
    /// Blobs under `root` (created when needed).
    pub fn new(root: PathBuf) -> FileBlobStore {
        FileBlobStore {
            root,
            space: Default::default(),
        }
    }

    /// Refuses a chunk (an I/O error of kind `StorageFull`) that would leave less free space
    /// than `space` keeps.
    pub fn with_space(mut self, space: crate::space::SpaceGuard) -> FileBlobStore {
        self.space = space;
        self
    }

    fn final_path(&self, hash: &BlobHash) -> PathBuf {
        let hex = hash.hex();
        self.root.join(&hex[..2]).join(hex)
    }

    fn part_path(&self, hash: &BlobHash) -> PathBuf {
        self.root
            .join("incoming")
            .join(format!("{}.part", hash.hex()))
    }

    /// How far the upload of `hash` has come.
    pub fn status(&self, hash: &BlobHash) -> std::io::Result<UploadStatus> {
        if self.final_path(hash).exists() {
            let size = std::fs::metadata(self.final_path(hash))?.len();
            return Ok(UploadStatus {
                received: size,
                complete: true,
            });
        }
        let received = std::fs::metadata(self.part_path(hash))
            .map(|m| m.len())
            .unwrap_or(0);
        Ok(UploadStatus {
            received,
            complete: false,
        })
    }

    /// Appends a chunk of a house photo (see [`FileBlobStore::append_as`]).
    pub fn append(
        &self,
        hash: &BlobHash,
        offset: u64,
        total: u64,
        chunk: &[u8],
    ) -> Result<UploadStatus, BlobError> {
        self.append_as(BlobKind::Photo, hash, offset, total, chunk)
    }

    /// Appends a chunk at `offset` of a blob of `total` bytes; verifies (hash, size, kind of
    /// file) and publishes the blob when it is complete. A failed verification discards the
    /// upload.
    pub fn append_as(
        &self,
        kind: BlobKind,
        hash: &BlobHash,
        offset: u64,
        total: u64,
        chunk: &[u8],
    ) -> Result<UploadStatus, BlobError> {
        let status = self.status(hash)?;
        if status.complete {
            return Ok(status);
        }
        // `checked_add`: an offset near u64::MAX from a client must be refused, not overflow.
        let end = offset.checked_add(chunk.len() as u64);
        if total > kind.max_bytes() || end.is_none_or(|end| end > total) {
            return Err(kind.too_large());
        }
        if offset != status.received {
            return Err(BlobError::Offset {
                expected: status.received,
            });
        }
        self.space.check(chunk.len() as u64)?;
        let part = self.part_path(hash);
        std::fs::create_dir_all(part.parent().expect("incoming folder"))?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&part)?;
        file.write_all(chunk)?;
        file.sync_all()?;
        let received = offset + chunk.len() as u64;
        if received < total {
            return Ok(UploadStatus {
                received,
                complete: false,
            });
        }
        // Another upload of the same blob (a second tablet, a retry) may have verified and
        // moved or removed the part meanwhile: then the blob's status answers, not the disk.
        let bytes = match std::fs::read(&part) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return self.raced(hash),
            Err(e) => return Err(e.into()),
        };
        let verdict = if BlobHash::of(&bytes) != *hash {
            Err(BlobError::HashMismatch)
        } else if let Some(refusal) = kind.refuse(&bytes) {
            Err(refusal)
        } else {
            Ok(())
        };
        if let Err(error) = verdict {
            match std::fs::remove_file(&part) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => return Err(error),
            }
        }
        let target = self.final_path(hash);
        std::fs::create_dir_all(target.parent().expect("blob folder"))?;
        match std::fs::rename(&part, &target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.raced(hash),
            Err(e) => Err(e.into()),
            Ok(()) => Ok(UploadStatus {
                received,
                complete: true,
            }),
        }
    }

    /// The answer to an upload whose part another upload of the same blob took away: done
    /// when that one published it, else start again from where the blob stands.
    fn raced(&self, hash: &BlobHash) -> Result<UploadStatus, BlobError> {
        let status = self.status(hash)?;
        if status.complete {
            Ok(status)
        } else {
            Err(BlobError::Offset {
                expected: status.received,
            })
        }
    }

    /// A complete blob's first `n` bytes (its kind) and its size, without reading it whole.
    pub fn head(&self, hash: &BlobHash, n: usize) -> std::io::Result<Option<(Vec<u8>, u64)>> {
        use std::io::Read;
        let file = match std::fs::File::open(self.final_path(hash)) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let size = file.metadata()?.len();
        let mut head = Vec::with_capacity(n);
        file.take(n as u64).read_to_end(&mut head)?;
        Ok(Some((head, size)))
    }

    /// A complete blob's bytes.
    pub fn read(&self, hash: &BlobHash) -> std::io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.final_path(hash)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(len: usize) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
        bytes.extend((0..len).map(|i| (i * 7 % 251) as u8));
        bytes
    }

    #[test]
    fn the_same_blob_uploaded_twice_at_once_never_fails_on_the_disk() {
        // Found by schemathesis: two uploads of one hash at once, one removing or moving the
        // part the other was about to read, answered 500 (NotFound from the file system).
        let dir = tempfile::tempdir().unwrap();
        let blobs = std::sync::Arc::new(FileBlobStore::new(dir.path().to_path_buf()));
        let mut answers = Vec::new();
        for round in 0..100 {
            let good = jpeg(round);
            let hash = BlobHash::of(&good);
            let start = std::sync::Arc::new(std::sync::Barrier::new(6));
            let uploads: Vec<_> = (0..6)
                .map(|i| {
                    let (blobs, start) = (blobs.clone(), start.clone());
                    // Some send the real bytes, some nothing at all (refused: wrong hash).
                    let bytes = if i % 2 == 0 { good.clone() } else { Vec::new() };
                    std::thread::spawn(move || {
                        start.wait();
                        blobs.append(&hash, 0, bytes.len() as u64, &bytes)
                    })
                })
                .collect();
            answers.extend(uploads.into_iter().map(|u| u.join().unwrap()));
        }
        let failed: Vec<_> = answers
            .iter()
            .filter(|a| matches!(a, Err(BlobError::Io(_))))
            .collect();
        assert!(
            failed.is_empty(),
            "{} of {}: {failed:?}",
            failed.len(),
            answers.len()
        );
    }

    #[test]
    fn chunks_resume_and_publish_only_a_verified_blob() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = FileBlobStore::new(dir.path().to_path_buf());
        let photo = jpeg(10_000);
        let hash = BlobHash::of(&photo);
        let total = photo.len() as u64;
        assert_eq!(
            blobs.append(&hash, 0, total, &photo[..4000]).unwrap(),
            UploadStatus {
                received: 4000,
                complete: false
            }
        );
        // The connection broke; the tablet asks where to go on, and a wrong offset is refused.
        assert_eq!(blobs.status(&hash).unwrap().received, 4000);
        assert!(matches!(
            blobs.append(&hash, 0, total, &photo[..10]),
            Err(BlobError::Offset { expected: 4000 })
        ));
        assert_eq!(
            blobs.read(&hash).unwrap(),
            None,
            "not visible before it is whole"
        );
        let done = blobs.append(&hash, 4000, total, &photo[4000..]).unwrap();
        assert!(done.complete);
        assert_eq!(blobs.read(&hash).unwrap(), Some(photo.clone()));
        // Sending it again is harmless.
        assert!(blobs.append(&hash, 0, total, &photo).unwrap().complete);
    }

    #[test]
    fn an_offset_near_the_end_of_u64_is_refused_not_overflowed() {
        // Found by server/tests/it/bad_input.rs: `offset + len` overflowed (a 500 in debug).
        let dir = tempfile::tempdir().unwrap();
        let blobs = FileBlobStore::new(dir.path().to_path_buf());
        let bytes = jpeg(10);
        let hash = BlobHash::of(&bytes);
        let refused = blobs.append(&hash, u64::MAX, bytes.len() as u64, &bytes);
        assert!(matches!(refused, Err(BlobError::TooLarge)), "{refused:?}");
        assert_eq!(blobs.status(&hash).unwrap().received, 0);
    }

    #[test]
    fn bad_uploads_are_refused_and_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = FileBlobStore::new(dir.path().to_path_buf());
        let photo = jpeg(100);
        let wrong = BlobHash::of(b"something else");
        assert!(matches!(
            blobs.append(&wrong, 0, photo.len() as u64, &photo),
            Err(BlobError::HashMismatch)
        ));
        assert_eq!(blobs.status(&wrong).unwrap().received, 0);
        let text = b"bukan foto".to_vec();
        assert!(matches!(
            blobs.append(&BlobHash::of(&text), 0, text.len() as u64, &text),
            Err(BlobError::NotJpeg)
        ));
        assert!(matches!(
            blobs.append(&wrong, 0, MAX_PHOTO_BYTES + 1, &photo),
            Err(BlobError::TooLarge)
        ));
        assert_eq!(
            BlobHash::parse(&BlobHash::of(&photo).hex()),
            Some(BlobHash::of(&photo))
        );
        assert_eq!(BlobHash::parse("ABC"), None);
    }
}
