//! NIK and KK numbers: their structure (`PP KK CC DDMMYY SSSS`) and masking for display.
//! Structural errors refuse a number; disagreements with the person's data are warnings,
//! because a NIK is never changed once issued.

use crate::region::{RegionCode, RegionLevel};
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
    /// A number opening with 0 that is not `0` + a desa code + a 5-digit serial.
    #[error("NIK sementara harus 0 + kode desa 10 angka + nomor urut 5 angka")]
    TemporaryShape,
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

/// What a NIK says about its holder's birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NikBirth {
    /// Day of month (1–31), the women's +40 removed.
    pub day: u8,
    /// Month (1–12).
    pub month: u8,
    /// The last two digits of the year.
    pub year2: u8,
    /// True when the day was written +40.
    pub female: bool,
}

/// Reads DDMMYY of a 16-digit NIK; `None` when that date is impossible in every century.
fn birth_part(digits: &str) -> Option<NikBirth> {
    let day: u8 = digits[6..8].parse().ok()?;
    let month: u8 = digits[8..10].parse().ok()?;
    let year2: u8 = digits[10..12].parse().ok()?;
    let female = day > 40;
    let day = if female { day - 40 } else { day };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // The century is not in the NIK, but YY decides leap years within any century
        // (00 is a leap year in 2000, though not in 1900: accept it).
        2 if year2.is_multiple_of(4) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then_some(NikBirth {
        day,
        month,
        year2,
        female,
    })
}

/// A structurally valid NIK (Nomor Induk Kependudukan).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

impl Nik {
    /// Checks the structure: 16 digits, province prefix, a possible DDMMYY (day +40 for women),
    /// serial not 0000. A number opening with `0` is read as a temporary NIK (see
    /// [`Nik::temporary`]).
    pub fn parse(text: &str) -> Result<Nik, IdentityError> {
        let trimmed = text.trim();
        if trimmed.starts_with('0')
            && trimmed.len() == 16
            && trimmed.bytes().all(|b| b.is_ascii_digit())
        {
            return Self::parse_temporary(trimmed);
        }
        let digits = digits16("NIK", text)?;
        if birth_part(&digits).is_none() {
            return Err(IdentityError::BirthDate {
                ddmmyy: digits[6..12].to_owned(),
            });
        }
        if &digits[12..] == "0000" {
            return Err(IdentityError::Serial);
        }
        Ok(Nik(digits))
    }

    fn parse_temporary(digits: &str) -> Result<Nik, IdentityError> {
        let province: u8 = digits[1..3].parse().unwrap_or(0);
        if !(11..=96).contains(&province) {
            return Err(IdentityError::TemporaryShape);
        }
        if &digits[11..] == "00000" {
            return Err(IdentityError::Serial);
        }
        Ok(Nik(digits.to_owned()))
    }

    /// A temporary NIK for a member who has none yet: `0` + the desa's 10-digit code + a
    /// 5-digit serial (1–99999) kept by the desa.
    pub fn temporary(desa: &RegionCode, serial: u32) -> Result<Nik, IdentityError> {
        let digits = desa.digits();
        if desa.level() != RegionLevel::Desa || !(1..=99_999).contains(&serial) {
            return Err(IdentityError::TemporaryShape);
        }
        Ok(Nik(format!("0{digits}{serial:05}")))
    }

    /// Whether this is a temporary NIK (no Dukcapil number yet).
    pub fn is_temporary(&self) -> bool {
        self.0.starts_with('0')
    }

    /// The birth date part of a real NIK: (day, month, two-digit year, female).
    pub fn birth_part(&self) -> Option<NikBirth> {
        if self.is_temporary() {
            None
        } else {
            birth_part(&self.0)
        }
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
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

impl TryFrom<String> for Nik {
    type Error = IdentityError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nik::parse(&value)
    }
}

impl From<Nik> for String {
    fn from(value: Nik) -> String {
        value.0
    }
}

impl TryFrom<String> for Kk {
    type Error = IdentityError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Kk::parse(&value)
    }
}

impl From<Kk> for String {
    fn from(value: Kk) -> String {
        value.0
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
        let table: Vec<(&str, Result<(), IdentityError>)> = vec![
            ("3526152311850001", Ok(())),
            // A woman born 23 Nov 1985: day + 40.
            ("3526156311850002", Ok(())),
            // 29 Feb exists in some year.
            ("3526152902000003", Ok(())),
            // 29 Feb only in a year divisible by four.
            (
                "3526152902010003",
                Err(IdentityError::BirthDate {
                    ddmmyy: "290201".into(),
                }),
            ),
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
            ("0026152311850001", Err(IdentityError::TemporaryShape)),
            (
                "9926152311850001",
                Err(IdentityError::Province {
                    kind: "NIK",
                    prefix: "99".into(),
                }),
            ),
        ];
        for (text, expected) in table {
            assert_eq!(Nik::parse(text).map(|_| ()), expected, "{text}");
        }
    }

    #[test]
    fn temporary_niks() {
        let desa = RegionCode::parse("35.26.15.2012").unwrap();
        let temp = Nik::temporary(&desa, 7).unwrap();
        assert_eq!(temp.as_str(), "0352615201200007");
        assert!(temp.is_temporary());
        assert_eq!(temp.birth_part(), None);
        assert_eq!(Nik::parse("0352615201200007"), Ok(temp));
        assert_eq!(Nik::parse("0352615201200000"), Err(IdentityError::Serial));
        assert_eq!(
            Nik::parse("0002615201200001"),
            Err(IdentityError::TemporaryShape)
        );
        let kecamatan = RegionCode::parse("35.26.15").unwrap();
        assert_eq!(
            Nik::temporary(&kecamatan, 1),
            Err(IdentityError::TemporaryShape)
        );
        assert_eq!(
            Nik::temporary(&desa, 100_000),
            Err(IdentityError::TemporaryShape)
        );
        assert!(!Nik::parse("3526152311850001").unwrap().is_temporary());
    }

    #[test]
    fn birth_part_reads_women_plus_forty() {
        let birth = Nik::parse("3526156311850002")
            .unwrap()
            .birth_part()
            .unwrap();
        assert_eq!(
            birth,
            NikBirth {
                day: 23,
                month: 11,
                year2: 85,
                female: true
            }
        );
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<Nik>("\"3526152311850001\"").is_ok());
        assert!(serde_json::from_str::<Nik>("\"3526153002000003\"").is_err());
        assert!(serde_json::from_str::<Kk>("\"12\"").is_err());
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
