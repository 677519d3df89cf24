//! The roles of Tepat's users, the region level each is bound to, and what each may see.

use crate::region::RegionLevel;
use serde::{Deserialize, Serialize};

/// A user's role. Wire-stable: variants are only ever appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Role {
    /// Operator desa: registers and updates the families of one desa.
    OperatorDesa,
    /// Pendamping / TKSK: field verifier of a kecamatan.
    Pendamping,
    /// Pengelola data kecamatan: checks the desa proposals of a kecamatan.
    PengelolaKecamatan,
    /// Operator / pengelola DTKS at the Dinas Sosial.
    OperatorDinas,
    /// Kepala Dinas Sosial: verifies (signs off) proposals.
    KepalaDinas,
    /// Bupati / pimpinan: ratifies and watches the spread.
    Bupati,
    /// Admin: users, regions, policy settings.
    Admin,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 7] = [
        Role::OperatorDesa,
        Role::Pendamping,
        Role::PengelolaKecamatan,
        Role::OperatorDinas,
        Role::KepalaDinas,
        Role::Bupati,
        Role::Admin,
    ];

    /// The level of the region a user of this role is bound to.
    pub fn region_level(self) -> RegionLevel {
        match self {
            Role::OperatorDesa => RegionLevel::Desa,
            Role::Pendamping | Role::PengelolaKecamatan => RegionLevel::Kecamatan,
            Role::OperatorDinas | Role::KepalaDinas | Role::Bupati | Role::Admin => {
                RegionLevel::Kabupaten
            }
        }
    }

    /// Whether this role works with full NIK and KK numbers. The others see them masked:
    /// leaders decide on spreads and counts, not on identity numbers.
    pub fn sees_full_identity(self) -> bool {
        match self {
            Role::OperatorDesa | Role::Pendamping | Role::OperatorDinas => true,
            Role::PengelolaKecamatan | Role::KepalaDinas | Role::Bupati | Role::Admin => false,
        }
    }

    /// Whether this role reads family records at all (admins manage users, not families).
    pub fn reads_families(self) -> bool {
        !matches!(self, Role::Admin)
    }

    /// Whether this role registers and corrects family records (within its scope).
    pub fn edits_families(self) -> bool {
        matches!(
            self,
            Role::OperatorDesa | Role::Pendamping | Role::OperatorDinas
        )
    }

    /// Whether this role works in the field and so keeps an encrypted copy of its scope on the
    /// tablet, editing offline and syncing later (operators of desa, pendamping). The others
    /// work online at a desk over a whole kabupaten.
    pub fn works_offline(self) -> bool {
        matches!(self, Role::OperatorDesa | Role::Pendamping)
    }

    /// Whether this role manages user accounts.
    pub fn manages_users(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Stable machine name, used by the CLI and the JSON API.
    pub fn slug(self) -> &'static str {
        match self {
            Role::OperatorDesa => "operator-desa",
            Role::Pendamping => "pendamping",
            Role::PengelolaKecamatan => "pengelola-kecamatan",
            Role::OperatorDinas => "operator-dinas",
            Role::KepalaDinas => "kepala-dinas",
            Role::Bupati => "bupati",
            Role::Admin => "admin",
        }
    }

    /// The role for a machine name.
    pub fn from_slug(slug: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// The Indonesian name of the role, as the UI shows it.
    pub fn label_id(self) -> &'static str {
        match self {
            Role::OperatorDesa => "Operator desa",
            Role::Pendamping => "Pendamping / TKSK",
            Role::PengelolaKecamatan => "Pengelola data kecamatan",
            Role::OperatorDinas => "Operator Dinas Sosial",
            Role::KepalaDinas => "Kepala Dinas Sosial",
            Role::Bupati => "Bupati / pimpinan",
            Role::Admin => "Admin",
        }
    }

    /// The English name of the role.
    pub fn label_en(self) -> &'static str {
        match self {
            Role::OperatorDesa => "Village operator",
            Role::Pendamping => "Field verifier (TKSK)",
            Role::PengelolaKecamatan => "Sub-district data officer",
            Role::OperatorDinas => "Social Affairs operator",
            Role::KepalaDinas => "Head of Social Affairs",
            Role::Bupati => "Regent / leadership",
            Role::Admin => "Admin",
        }
    }

    /// Whether this role visits citizens' cases on the spot and settles which family one is
    /// about (the desa operator and the kecamatan's verifiers), within its region.
    pub fn visits_cases(self) -> bool {
        matches!(
            self,
            Role::OperatorDesa | Role::Pendamping | Role::PengelolaKecamatan
        )
    }

    /// Whether this role decides citizens' cases (the desa operator and the kecamatan).
    pub fn decides_cases(self) -> bool {
        matches!(self, Role::OperatorDesa | Role::PengelolaKecamatan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for role in Role::ALL {
            assert_eq!(Role::from_slug(role.slug()), Some(role));
        }
        assert_eq!(Role::from_slug("root"), None);
    }

    #[test]
    fn leaders_see_identity_numbers_masked() {
        assert!(Role::OperatorDesa.sees_full_identity());
        assert!(!Role::Bupati.sees_full_identity());
        assert!(!Role::KepalaDinas.sees_full_identity());
        assert!(Role::OperatorDesa.works_offline() && Role::Pendamping.works_offline());
        assert!(!Role::OperatorDinas.works_offline() && !Role::PengelolaKecamatan.works_offline());
    }
}
