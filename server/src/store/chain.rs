//! The hash chain of the audit trail, shared by both stores, and its pure verifier.
//!
//! Row `n` (numbered from 1) is stored as `[schema] ‖ hash ‖ postcard(entry)` where
//! `hash = SHA-256(previous hash ‖ n as 8 bytes big-endian ‖ postcard(entry))` and the row before
//! the first has 32 zero bytes. The entry's bytes are hashed exactly as stored, so any altered
//! byte of an entry changes its hash, an altered hash no longer matches, a deleted or re-ordered
//! row breaks the link of the row after it, and the [`AuditHead`] (row count and last hash, kept
//! beside the rows and written in the same transaction) shows a cut-off tail. Whoever can rewrite
//! the whole file can rewrite the whole chain: the last hash printed by `tepat audit verify` is
//! what to note down elsewhere to catch that.

use super::records::{AuditEntry, SCHEMA_VERSION};
use sha2::{Digest, Sha256};

/// The hash the first row chains from.
pub const GENESIS: [u8; 32] = [0; 32];

/// The end of the chain: how many rows, and the last one's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditHead {
    /// Rows written (the last row's number).
    pub rows: u64,
    /// The last row's hash ([`GENESIS`] when there is none).
    pub hash: [u8; 32],
}

impl AuditHead {
    /// The head of an empty trail.
    pub const EMPTY: AuditHead = AuditHead {
        rows: 0,
        hash: GENESIS,
    };

    /// As kept in the store's meta table: `<rows> <hex hash>`.
    pub fn to_meta(&self) -> String {
        format!("{} {}", self.rows, hex(&self.hash))
    }

    /// Read back from [`AuditHead::to_meta`]; `None` when malformed.
    pub fn from_meta(text: &str) -> Option<AuditHead> {
        let (rows, hash) = text.split_once(' ')?;
        let rows = rows.parse().ok()?;
        if hash.len() != 64 {
            return None;
        }
        let mut out = [0; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hash.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(AuditHead { rows, hash: out })
    }
}

/// Lower-case hex of a hash.
pub fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn link(previous: &[u8; 32], row: u64, entry_bytes: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(row.to_be_bytes());
    hasher.update(entry_bytes);
    hasher.finalize().into()
}

/// The stored bytes of the row after `head`, and the new head.
pub fn seal(head: &AuditHead, entry: &AuditEntry) -> (Vec<u8>, AuditHead) {
    let entry_bytes = postcard::to_stdvec(entry).expect("postcard into a Vec cannot fail");
    let row = head.rows + 1;
    let hash = link(&head.hash, row, &entry_bytes);
    let mut bytes = Vec::with_capacity(1 + 32 + entry_bytes.len());
    bytes.push(SCHEMA_VERSION);
    bytes.extend_from_slice(&hash);
    bytes.extend_from_slice(&entry_bytes);
    (bytes, AuditHead { rows: row, hash })
}

/// The hash and the entry's bytes of a stored row, `None` when it is too short or of another schema.
fn split(bytes: &[u8]) -> Option<([u8; 32], &[u8])> {
    let (&schema, rest) = bytes.split_first()?;
    if schema != SCHEMA_VERSION || rest.len() < 32 {
        return None;
    }
    let (hash, entry) = rest.split_at(32);
    Some((hash.try_into().ok()?, entry))
}

/// The hash a stored row carries (whatever its content; [`GENESIS`] when it is too short), so
/// the next row chains from what is there and the verifier judges it.
pub fn stored_hash(bytes: &[u8]) -> [u8; 32] {
    bytes
        .get(1..33)
        .and_then(|h| h.try_into().ok())
        .unwrap_or(GENESIS)
}

/// The entry of a stored row, `None` when it cannot be read.
pub fn open(bytes: &[u8]) -> Option<AuditEntry> {
    postcard::from_bytes(split(bytes)?.1).ok()
}

/// What is wrong with the first broken row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// The row cannot be read (wrong schema, cut short, not an entry).
    Unreadable,
    /// The row's content does not give its stored hash, or its link to the row before is broken.
    HashMismatch,
    /// The row that should come here is missing (the next one found is `found`).
    Missing {
        /// The row number found instead.
        found: u64,
    },
    /// Rows are missing at the end: the head records `head` rows.
    TailMissing {
        /// Rows the head records.
        head: u64,
    },
    /// The head records a different last hash, or is missing while rows exist.
    HeadMismatch,
}

/// The first broken row and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The row number (from 1).
    pub row: u64,
    /// What is wrong.
    pub breach: Breach,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let row = self.row;
        match &self.breach {
            Breach::Unreadable => write!(f, "catatan {row} tidak terbaca (rusak atau terpotong)"),
            Breach::HashMismatch => write!(
                f,
                "catatan {row} diubah: hash-nya tidak cocok dengan isinya atau dengan catatan sebelumnya"
            ),
            Breach::Missing { found } => write!(
                f,
                "catatan {row} hilang (sesudah catatan {} langsung catatan {found})",
                row - 1
            ),
            Breach::TailMissing { head } => write!(
                f,
                "catatan {row} sampai {head} hilang dari ujung jejak (kepala jejak mencatat {head} catatan)"
            ),
            Breach::HeadMismatch => write!(
                f,
                "kepala jejak tidak cocok dengan catatan {row} (catatan terakhir): jejak dipotong atau kepala diubah"
            ),
        }
    }
}

/// Walks the chain row by row; feed it every row in order, then [`Verifier::finish`] with the head.
#[derive(Debug)]
pub struct Verifier {
    at: AuditHead,
    broken: Option<Broken>,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new()
    }
}

impl Verifier {
    /// A verifier at the start of the chain.
    pub fn new() -> Verifier {
        Verifier {
            at: AuditHead::EMPTY,
            broken: None,
        }
    }

    /// The rows checked so far (the last good row's number).
    pub fn rows(&self) -> u64 {
        self.at.rows
    }

    /// Checks the next stored row, numbered `row`. After the first break, rows are ignored.
    pub fn row(&mut self, row: u64, bytes: &[u8]) {
        if self.broken.is_some() {
            return;
        }
        let expected = self.at.rows + 1;
        let breach = if row != expected {
            Some((expected, Breach::Missing { found: row }))
        } else {
            match split(bytes) {
                Some((_, entry)) if postcard::from_bytes::<AuditEntry>(entry).is_err() => {
                    Some((row, Breach::Unreadable))
                }
                Some((hash, entry)) if link(&self.at.hash, row, entry) == hash => {
                    self.at = AuditHead { rows: row, hash };
                    None
                }
                Some(_) => Some((row, Breach::HashMismatch)),
                None => Some((row, Breach::Unreadable)),
            }
        };
        if let Some((row, breach)) = breach {
            self.broken = Some(Broken { row, breach });
        }
    }

    /// The verdict, given the head the store keeps: the rows and last hash, or the first break.
    pub fn finish(self, head: Option<AuditHead>) -> Result<AuditHead, Broken> {
        if let Some(broken) = self.broken {
            return Err(broken);
        }
        let head = head.unwrap_or(AuditHead::EMPTY);
        if head.rows > self.at.rows {
            return Err(Broken {
                row: self.at.rows + 1,
                breach: Breach::TailMissing { head: head.rows },
            });
        }
        if head != self.at {
            return Err(Broken {
                row: self.at.rows,
                breach: Breach::HeadMismatch,
            });
        }
        Ok(self.at)
    }
}

/// Verifies a whole store's trail, reading it in pages.
pub fn verify_store(store: &dyn super::Store) -> super::StoreResult<Result<AuditHead, Broken>> {
    const PAGE: usize = 1000;
    let mut verifier = Verifier::new();
    let mut after = 0;
    loop {
        let rows = store.audit_rows(after, PAGE)?;
        for (row, bytes) in &rows {
            verifier.row(*row, bytes);
            after = *row;
        }
        if rows.len() < PAGE || verifier.broken.is_some() {
            break;
        }
    }
    Ok(verifier.finish(store.audit_head()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AuditAction;

    fn entry(n: i64) -> AuditEntry {
        AuditEntry::new(
            jiff::Timestamp::from_second(n).unwrap(),
            "op.lombangdajah",
            AuditAction::FamilySaved,
            format!("keluarga nomor {n}"),
        )
    }

    /// A chain of `n` rows and its head.
    fn chain(n: i64) -> (Vec<(u64, Vec<u8>)>, AuditHead) {
        let mut head = AuditHead::EMPTY;
        let mut rows = Vec::new();
        for i in 1..=n {
            let (bytes, next) = seal(&head, &entry(i));
            rows.push((next.rows, bytes));
            head = next;
        }
        (rows, head)
    }

    fn verify(rows: &[(u64, Vec<u8>)], head: Option<AuditHead>) -> Result<AuditHead, Broken> {
        let mut verifier = Verifier::new();
        for (row, bytes) in rows {
            verifier.row(*row, bytes);
        }
        verifier.finish(head)
    }

    fn broken(row: u64, breach: Breach) -> Result<AuditHead, Broken> {
        Err(Broken { row, breach })
    }

    #[test]
    fn an_untouched_chain_verifies_and_an_empty_one_too() {
        let (rows, head) = chain(5);
        assert_eq!(verify(&rows, Some(head)), Ok(head));
        assert_eq!(head.rows, 5);
        assert_eq!(verify(&[], None), Ok(AuditHead::EMPTY));
        assert_eq!(AuditHead::from_meta(&head.to_meta()), Some(head));
        assert_eq!(open(&rows[2].1), Some(entry(3)));
    }

    #[test]
    fn every_single_flipped_byte_is_found_at_its_row() {
        let (rows, head) = chain(3);
        for i in 0..rows[1].1.len() {
            let mut altered = rows.clone();
            altered[1].1[i] ^= 0x01;
            let verdict = verify(&altered, Some(head));
            let Err(found) = verdict else {
                panic!("byte {i} flipped went unnoticed");
            };
            assert_eq!(found.row, 2, "byte {i}: {found}");
        }
    }

    #[test]
    fn deleted_reordered_and_cut_rows_are_named() {
        let (rows, head) = chain(5);
        let mut deleted = rows.clone();
        deleted.remove(2);
        assert_eq!(
            verify(&deleted, Some(head)),
            broken(3, Breach::Missing { found: 4 })
        );
        // Swapping two rows' contents under their numbers breaks the first of them.
        let mut swapped = rows.clone();
        let (a, b) = (swapped[1].1.clone(), swapped[2].1.clone());
        swapped[1].1 = b;
        swapped[2].1 = a;
        assert_eq!(
            verify(&swapped, Some(head)),
            broken(2, Breach::HashMismatch)
        );
        // Deleting row 3 and renumbering the rest still breaks at 3.
        let mut renumbered: Vec<_> = rows.iter().filter(|(r, _)| *r != 3).cloned().collect();
        for (i, row) in renumbered.iter_mut().enumerate() {
            row.0 = i as u64 + 1;
        }
        assert_eq!(
            verify(&renumbered, Some(head)),
            broken(3, Breach::HashMismatch)
        );
        // A cut tail is seen against the head; a forged head against the last row.
        assert_eq!(
            verify(&rows[..3], Some(head)),
            broken(4, Breach::TailMissing { head: 5 })
        );
        assert_eq!(verify(&rows, None), broken(5, Breach::HeadMismatch));
        let forged = AuditHead {
            rows: 5,
            hash: [7; 32],
        };
        assert_eq!(verify(&rows, Some(forged)), broken(5, Breach::HeadMismatch));
        assert!(
            Broken {
                row: 3,
                breach: Breach::Missing { found: 4 }
            }
            .to_string()
            .contains("catatan 3 hilang")
        );
    }
}
