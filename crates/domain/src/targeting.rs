//! Likely targeting errors, the complaint the Dinas hears most: aid reaching families that score
//! as well-off (inclusion errors) and the poorest families receiving nothing (exclusion errors).
//! They are signals to verify on the spot, never verdicts; the thresholds are here, once.

use crate::instrument::Programme;

/// A family receiving bansos (PKH or BPNT) from this local decile up is a likely inclusion error.
/// Bansos targets deciles 1–4; 5 and 6 are left as the margin of an instrument's error.
pub const INCLUSION_FROM_DECILE: u8 = 7;

/// A family up to this local decile (the poorest fifth) receiving no programme at all is a
/// likely exclusion error.
pub const EXCLUSION_UP_TO_DECILE: u8 = 2;

/// What a family receives, as far as the register knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Receives {
    /// PKH.
    pub pkh: bool,
    /// BPNT/sembako.
    pub bpnt: bool,
    /// PBI-JK.
    pub pbi_jk: bool,
    /// Another programme (BLT, PIP).
    pub other: bool,
}

impl Receives {
    /// From the instrument's "programmes received" answer.
    pub fn from_programmes(programmes: &[Programme]) -> Receives {
        let mut out = Receives::default();
        for programme in programmes {
            out.add(*programme);
        }
        out
    }

    /// Adds one programme.
    pub fn add(&mut self, programme: Programme) {
        match programme {
            Programme::Pkh => self.pkh = true,
            Programme::Bpnt => self.bpnt = true,
            Programme::PbiJk => self.pbi_jk = true,
            Programme::Blt | Programme::Pip => self.other = true,
        }
    }

    /// PKH or BPNT, the bansos the quota governs.
    pub fn bansos(self) -> bool {
        self.pkh || self.bpnt
    }

    /// Any programme at all.
    pub fn any(self) -> bool {
        self.bansos() || self.pbi_jk || self.other
    }
}

/// Receives bansos while scoring as well-off.
pub fn likely_inclusion_error(receives: Receives, local_decile: Option<u8>) -> bool {
    receives.bansos() && local_decile.is_some_and(|d| d >= INCLUSION_FROM_DECILE)
}

/// Among the poorest by score (or below the extreme-poverty line) and receives nothing.
pub fn likely_exclusion_error(
    receives: Receives,
    local_decile: Option<u8>,
    extreme_poor: Option<bool>,
) -> bool {
    let poorest =
        local_decile.is_some_and(|d| d <= EXCLUSION_UP_TO_DECILE) || extreme_poor == Some(true);
    poorest && !receives.any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bansos_to_a_well_off_family_is_a_likely_inclusion_error() {
        let pkh = Receives::from_programmes(&[Programme::Pkh]);
        assert!(likely_inclusion_error(pkh, Some(7)));
        assert!(likely_inclusion_error(pkh, Some(10)));
        assert!(!likely_inclusion_error(pkh, Some(6)), "the margin");
        assert!(!likely_inclusion_error(pkh, None), "unscored is no signal");
        let pbi_only = Receives::from_programmes(&[Programme::PbiJk]);
        assert!(
            !likely_inclusion_error(pbi_only, Some(9)),
            "PBI-JK is not bansos"
        );
    }

    #[test]
    fn the_poorest_without_any_programme_are_likely_exclusion_errors() {
        let nothing = Receives::default();
        assert!(likely_exclusion_error(nothing, Some(1), None));
        assert!(likely_exclusion_error(nothing, Some(2), Some(false)));
        assert!(!likely_exclusion_error(nothing, Some(3), Some(false)));
        assert!(
            likely_exclusion_error(nothing, Some(5), Some(true)),
            "extreme poor"
        );
        assert!(!likely_exclusion_error(nothing, None, None));
        let blt = Receives::from_programmes(&[Programme::Blt]);
        assert!(!likely_exclusion_error(blt, Some(1), Some(true)));
    }
}
