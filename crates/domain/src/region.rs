//! Region codes of the Kemendagri hierarchy (`35`, `35.26`, `35.26.15`, `35.26.15.2012`) and the
//! containment rule that every scope check rests on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The level of a region in the hierarchy, from province down to village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum RegionLevel {
    /// Provinsi, e.g. `35`.
    Provinsi,
    /// Kabupaten or kota, e.g. `35.26`.
    Kabupaten,
    /// Kecamatan, e.g. `35.26.15`.
    Kecamatan,
    /// Desa or kelurahan, e.g. `35.26.15.2012`.
    Desa,
}

impl RegionLevel {
    /// The Indonesian name of the level, as the UI shows it.
    pub fn label_id(self) -> &'static str {
        match self {
            RegionLevel::Provinsi => "Provinsi",
            RegionLevel::Kabupaten => "Kabupaten",
            RegionLevel::Kecamatan => "Kecamatan",
            RegionLevel::Desa => "Desa",
        }
    }

    /// The level one step down, if any.
    pub fn child(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::Provinsi => Some(RegionLevel::Kabupaten),
            RegionLevel::Kabupaten => Some(RegionLevel::Kecamatan),
            RegionLevel::Kecamatan => Some(RegionLevel::Desa),
            RegionLevel::Desa => None,
        }
    }
}

/// Why a text is not a region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionCodeError {
    /// The text has the wrong shape.
    #[error("kode wilayah '{0}' tidak sah: contoh yang benar 35.26.15.2012")]
    Malformed(String),
}

/// A validated Kemendagri region code in dotted form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses a dotted code; each part must be digits of the official width (2, 2, 2, 4).
    pub fn parse(text: &str) -> Result<RegionCode, RegionCodeError> {
        const WIDTHS: [usize; 4] = [2, 2, 2, 4];
        let parts: Vec<&str> = text.split('.').collect();
        let well_formed = !parts.is_empty()
            && parts.len() <= WIDTHS.len()
            && parts
                .iter()
                .zip(WIDTHS)
                .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
        if well_formed {
            Ok(RegionCode(text.to_owned()))
        } else {
            Err(RegionCodeError::Malformed(text.to_owned()))
        }
    }

    /// The code as dotted text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level this code names.
    pub fn level(&self) -> RegionLevel {
        match self.0.split('.').count() {
            1 => RegionLevel::Provinsi,
            2 => RegionLevel::Kabupaten,
            3 => RegionLevel::Kecamatan,
            _ => RegionLevel::Desa,
        }
    }

    /// The code one level up, if any.
    pub fn parent(&self) -> Option<RegionCode> {
        self.0
            .rfind('.')
            .map(|i| RegionCode(self.0[..i].to_owned()))
    }

    /// The ancestor (or self) at `level`, if this code is at or below it.
    pub fn ancestor_at(&self, level: RegionLevel) -> Option<RegionCode> {
        let parts = level as usize + 1;
        let all: Vec<&str> = self.0.split('.').collect();
        (all.len() >= parts).then(|| RegionCode(all[..parts].join(".")))
    }

    /// True when `other` is this region or lies inside it. The rule behind every scope check.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0 == self.0
            || (other.0.len() > self.0.len()
                && other.0.starts_with(&self.0)
                && other.0.as_bytes()[self.0.len()] == b'.')
    }

    /// The code without dots (`352615`), as it opens a NIK or KK number.
    pub fn digits(&self) -> String {
        self.0.replace('.', "")
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&value)
    }
}

impl From<RegionCode> for String {
    fn from(value: RegionCode) -> String {
        value.0
    }
}

impl std::str::FromStr for RegionCode {
    type Err = RegionCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegionCode::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn parses_official_shapes_and_refuses_others() {
        let table = [
            ("35", true),
            ("35.26", true),
            ("35.26.15", true),
            ("35.26.15.2012", true),
            ("", false),
            ("3", false),
            ("35.2", false),
            ("35.26.15.201", false),
            ("35.26.15.2012.1", false),
            ("35.26.1a", false),
            ("35..15", false),
        ];
        for (text, ok) in table {
            assert_eq!(RegionCode::parse(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn containment_follows_the_hierarchy_not_the_text() {
        let table = [
            ("35.26", "35.26.15.2012", true),
            ("35.26.15", "35.26.15.2012", true),
            ("35.26.15.2012", "35.26.15.2012", true),
            ("35.26.15.2012", "35.26.15", false),
            ("35.26.15", "35.26.16.2001", false),
            ("35.2", "35.26", false),
            ("35.26.1", "35.26.15", false),
        ];
        for (outer, inner, expected) in table {
            let (Ok(o), Ok(i)) = (RegionCode::parse(outer), RegionCode::parse(inner)) else {
                // Malformed codes cannot even be built: containment is never asked.
                assert!(!expected);
                continue;
            };
            assert_eq!(o.contains(&i), expected, "{outer} ⊇ {inner}");
        }
    }

    #[test]
    fn levels_parents_and_digits() {
        let desa = code("35.26.15.2012");
        assert_eq!(desa.level(), RegionLevel::Desa);
        assert_eq!(desa.parent(), Some(code("35.26.15")));
        assert_eq!(
            desa.ancestor_at(RegionLevel::Kabupaten),
            Some(code("35.26"))
        );
        assert_eq!(code("35.26").ancestor_at(RegionLevel::Desa), None);
        assert_eq!(code("35").parent(), None);
        assert_eq!(desa.digits(), "3526152012");
    }

    #[test]
    fn serde_refuses_malformed_codes() {
        assert!(serde_json::from_str::<RegionCode>("\"35.26.15\"").is_ok());
        assert!(serde_json::from_str::<RegionCode>("\"35.26.x\"").is_err());
    }
}
