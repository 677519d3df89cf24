//! NIK and KK numbers: their structure (`PP KK CC DDMMYY SSSS`) and masking for display.
//! Structural errors refuse a number; disagreements with the person's data are warnings,
//! because a NIK is never changed once issued.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a text is not a NIK or KK number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// Not exactly 16 digits.
    #[error("{kind} harus 16 angka (tertulis {len} karakter)")]
    Length {
        /// "NIK" or "Nomor KK".
        kind: &'static str,
        /// The length that was given.
        len: usize,
    },
    /// Contains something other than digits.
    #[error("{kind} hanya boleh berisi angka")]
    NotDigits {
        /// "NIK" or "Nomor KK".
        kind: &'static str,
    },
    /// The first two digits are not an Indonesian province code.
    #[error("{kind} harus diawali kode provinsi yang sah (11–96), bukan {0}", .prefix)]
    Province {
        /// "NIK" or "Nomor KK".
        kind: &'static str,
        /// The two digits found.
        prefix: String,
    },
    /// The birth-date part (DDMMYY, women +40 on the day) is impossible.
    #[error("tanggal lahir dalam NIK ({0}) tidak mungkin; untuk perempuan tanggal ditambah 40", .ddmmyy)]
    BirthDate {
        /// The six digits found.
        ddmmyy: String,
    },
    /// The serial is 0000.
    #[error("nomor urut NIK tidak boleh 0000")]
    Serial,
}

fn digits16(kind: &'static str, text: &str) -> Result<String, IdentityError> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdentityError::NotDigits { kind });
    }
    if text.len() != 16 {
        return Err(IdentityError::Length {
            kind,
            len: text.chars().count(),
        });
    }
    let province: u8 = text[..2].parse().unwrap_or(0);
    if !(11..=96).contains(&province) {
        return Err(IdentityError::Province {
            kind,
            prefix: text[..2].to_owned(),
        });
    }
    Ok(text.to_owned())
}

/// A structurally valid NIK (Nomor Induk Kependudukan).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Nik(String);

impl Nik {
    /// Checks the structure: 16 digits, province prefix, a possible DDMMYY (day +40 for women),
    /// serial not 0000.
    pub fn parse(text: &str) -> Result<Nik, IdentityError> {
        let digits = digits16("NIK", text)?;
        let day: u8 = digits[6..8].parse().unwrap_or(0);
        let month: u8 = digits[8..10].parse().unwrap_or(0);
        let day = if day > 40 { day - 40 } else { day };
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            // The century is not in the NIK: 29 Feb is possible in some year ending so.
            2 => 29,
            _ => 0,
        };
        if day == 0 || day > days_in_month {
            return Err(IdentityError::BirthDate {
                ddmmyy: digits[6..12].to_owned(),
            });
        }
        if &digits[12..] == "0000" {
            return Err(IdentityError::Serial);
        }
        Ok(Nik(digits))
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The NIK as shown to roles that do not need it whole.
    pub fn masked(&self) -> String {
        mask_digits(&self.0)
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A structurally valid KK (Kartu Keluarga) number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Kk(String);

impl Kk {
    /// Checks the structure: 16 digits opening with a province code.
    pub fn parse(text: &str) -> Result<Kk, IdentityError> {
        digits16("Nomor KK", text).map(Kk)
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The KK number as shown where the whole number is not needed.
    pub fn masked(&self) -> String {
        mask_digits(&self.0)
    }
}

impl fmt::Display for Kk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Masks an identity number for display: the region prefix (first 6) and the last 2 stay,
/// the birth date and serial are hidden: `352615••••••••12`.
pub fn mask_digits(digits: &str) -> String {
    let n = digits.chars().count();
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 6 || i + 2 >= n { c } else { '•' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nik_structure_table() {
        let table: [(&str, Result<(), IdentityError>); 10] = [
            ("3526152311850001", Ok(())),
            // A woman born 23 Nov 1985: day + 40.
            ("3526156311850002", Ok(())),
            // 29 Feb exists in some year.
            ("3526152902000003", Ok(())),
            ("3526156902000003", Ok(())),
            (
                "3526157102000003",
                Err(IdentityError::BirthDate {
                    ddmmyy: "710200".into(),
                }),
            ),
            (
                "3526153002000003",
                Err(IdentityError::BirthDate {
                    ddmmyy: "300200".into(),
                }),
            ),
            ("3526152311850000", Err(IdentityError::Serial)),
            (
                "352615231185001",
                Err(IdentityError::Length {
                    kind: "NIK",
                    len: 15,
                }),
            ),
            (
                "35261523118500a1",
                Err(IdentityError::NotDigits { kind: "NIK" }),
            ),
            (
                "0026152311850001",
                Err(IdentityError::Province {
                    kind: "NIK",
                    prefix: "00".into(),
                }),
            ),
        ];
        for (text, expected) in table {
            assert_eq!(Nik::parse(text).map(|_| ()), expected, "{text}");
        }
    }

    #[test]
    fn masking_keeps_region_and_last_two() {
        assert_eq!(mask_digits("3526152311850001"), "352615••••••••01");
        assert_eq!(
            Kk::parse("3526150101210007").unwrap().masked(),
            "352615••••••••07"
        );
    }

    #[test]
    fn messages_are_indonesian_and_say_what_to_fix() {
        let err = Nik::parse("123").unwrap_err();
        assert_eq!(err.to_string(), "NIK harus 16 angka (tertulis 3 karakter)");
    }
}
