//! The few parts of the POSIX tar format (ustar) a backup needs: regular files with short
//! relative names, written and read as a stream, each file's SHA-256 computed on the way.
//! Sizes beyond ustar's 8 GiB use the GNU base-256 form, so a large database still fits.

use sha2::{Digest, Sha256};
use std::io::{self, Read, Write};

const BLOCK: usize = 512;

/// Writes a tar stream.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    /// A tar stream into `out`.
    pub fn new(out: W) -> Writer<W> {
        Writer { out }
    }

    /// Appends a file `name` of exactly `size` bytes read from `data`; its SHA-256.
    pub fn append(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<[u8; 32]> {
        self.out.write_all(&header(name, size)?)?;
        let mut hasher = Sha256::new();
        let mut left = size;
        let mut buffer = vec![0u8; 256 * 1024];
        while left > 0 {
            let want = buffer
                .len()
                .min(usize::try_from(left).unwrap_or(usize::MAX));
            let got = data.read(&mut buffer[..want])?;
            if got == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("{name} lebih pendek dari {size} byte saat dibaca"),
                ));
            }
            hasher.update(&buffer[..got]);
            self.out.write_all(&buffer[..got])?;
            left -= got as u64;
        }
        self.out.write_all(&[0u8; BLOCK][..padding(size)])?;
        Ok(hasher.finalize().into())
    }

    /// Ends the stream (two zero blocks) and flushes it; the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(&[0u8; 2 * BLOCK])?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn padding(size: u64) -> usize {
    (BLOCK - (size % BLOCK as u64) as usize) % BLOCK
}

fn header(name: &str, size: u64) -> io::Result<[u8; BLOCK]> {
    if name.is_empty() || name.len() > 99 || !name.is_ascii() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("nama berkas arsip tidak didukung: {name}"),
        ));
    }
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..108].copy_from_slice(b"0000644\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    if size < 8 * 1024 * 1024 * 1024 {
        h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
    } else {
        // GNU base-256: the high bit of the first byte set, the number big-endian.
        h[124] = 0x80;
        h[128..136].copy_from_slice(&size.to_be_bytes());
    }
    h[136..148].copy_from_slice(b"00000000000\0");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    Ok(h)
}

/// Reads a tar stream written by [`Writer`]: every regular file in order, handed to `visit`
/// with its name, size and a reader of exactly its bytes. Anything else (links, folders, a bad
/// checksum, a stream cut before its end blocks) is an error.
pub fn read_entries<R: Read>(
    mut input: R,
    visit: &mut dyn FnMut(&str, u64, &mut dyn Read) -> io::Result<()>,
) -> io::Result<()> {
    let bad = |what: String| io::Error::new(io::ErrorKind::InvalidData, what);
    let mut block = [0u8; BLOCK];
    loop {
        input.read_exact(&mut block).map_err(|e| {
            if e.kind() == io::ErrorKind::UnexpectedEof {
                bad("arsip terpotong: akhir arsip tidak ditemukan".into())
            } else {
                e
            }
        })?;
        if block.iter().all(|b| *b == 0) {
            return Ok(());
        }
        let stored = octal(&block[148..156]).ok_or_else(|| bad("kepala arsip rusak".into()))?;
        let mut copy = block;
        copy[148..156].copy_from_slice(b"        ");
        let sum: u64 = copy.iter().map(|b| u64::from(*b)).sum();
        if sum != stored {
            return Err(bad("kepala arsip rusak (checksum tidak cocok)".into()));
        }
        let end = block[..100].iter().position(|b| *b == 0).unwrap_or(100);
        let name = std::str::from_utf8(&block[..end])
            .map_err(|_| bad("nama berkas dalam arsip bukan teks".into()))?
            .to_owned();
        if !matches!(block[156], b'0' | 0) || block[345] != 0 {
            return Err(bad(format!("{name}: bukan berkas biasa")));
        }
        let size = if block[124] & 0x80 != 0 {
            u64::from_be_bytes(block[128..136].try_into().expect("8 bytes"))
        } else {
            octal(&block[124..136]).ok_or_else(|| bad(format!("{name}: ukuran rusak")))?
        };
        let mut data = (&mut input).take(size);
        visit(&name, size, &mut data)?;
        // Whatever the visitor left unread, then the padding.
        io::copy(&mut data, &mut io::sink())?;
        if data.limit() > 0 {
            return Err(bad(format!("{name}: arsip terpotong")));
        }
        let mut pad = [0u8; BLOCK];
        input.read_exact(&mut pad[..padding(size)])?;
    }
}

fn octal(field: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(field).ok()?;
    let digits = text.trim_matches(|c: char| c == '\0' || c == ' ');
    if digits.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(digits, 8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_in_and_come_out_with_their_hashes() {
        let mut writer = Writer::new(Vec::new());
        let one = b"satu".to_vec();
        let big: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        let h1 = writer.append("a.txt", 4, &mut one.as_slice()).unwrap();
        let h2 = writer
            .append("blobs/ab/big", big.len() as u64, &mut big.as_slice())
            .unwrap();
        assert_eq!(h1, <[u8; 32]>::from(Sha256::digest(&one)));
        assert_eq!(h2, <[u8; 32]>::from(Sha256::digest(&big)));
        let bytes = writer.finish().unwrap();
        assert_eq!(bytes.len() % BLOCK, 0);
        let mut seen = Vec::new();
        read_entries(bytes.as_slice(), &mut |name, size, data| {
            let mut all = Vec::new();
            data.read_to_end(&mut all)?;
            assert_eq!(all.len() as u64, size);
            seen.push((name.to_owned(), all));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![("a.txt".to_owned(), one), ("blobs/ab/big".to_owned(), big)]
        );
        // The system's tar reads it too (when there is one).
        if let Ok(mut tar) = std::process::Command::new("tar")
            .arg("-t")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
        {
            tar.stdin.take().unwrap().write_all(&bytes).unwrap();
            let out = tar.wait_with_output().unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                "a.txt\nblobs/ab/big\n"
            );
        }
    }

    #[test]
    fn a_cut_or_altered_stream_is_refused() {
        let mut writer = Writer::new(Vec::new());
        writer.append("a", 3, &mut &b"abc"[..]).unwrap();
        let bytes = writer.finish().unwrap();
        let cut = &bytes[..bytes.len() - BLOCK * 2];
        let mut ignore = |_: &str, _: u64, _: &mut dyn Read| Ok(());
        assert!(read_entries(cut, &mut ignore).is_err());
        let mut altered = bytes.clone();
        altered[0] = b'b';
        assert!(read_entries(altered.as_slice(), &mut ignore).is_err());
        assert!(read_entries(bytes.as_slice(), &mut ignore).is_ok());
    }
}
