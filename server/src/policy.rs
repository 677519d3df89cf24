//! The policy settings the Dinas changes (time windows, scoring scheme, quota per programme),
//! read from the store's settings table with Tepat's defaults where none was set yet.

use crate::store::{Store, StoreResult, decode_value};
use tepat_domain::scoring::ScoringScheme;
use tepat_domain::windows::WindowPolicy;
use tepat_domain::workflow::ProposalKind;
use tepat_protocol::QuotaSettings;

/// Settings key of the window policy.
pub const WINDOWS_KEY: &str = "policy/windows";
/// Settings key of the scoring scheme.
pub const SCORING_KEY: &str = "policy/scoring";

/// The settings key of a programme's quota.
pub fn quota_key(programme: ProposalKind) -> String {
    format!("quota/{}", programme_code(programme))
}

/// A programme's code in paths and keys (`PKH`, `BPNT`).
pub fn programme_code(programme: ProposalKind) -> &'static str {
    match programme {
        ProposalKind::BansosBpnt => "BPNT",
        _ => "PKH",
    }
}

/// The programme with a quota named by `code`.
pub fn programme_from_code(code: &str) -> Option<ProposalKind> {
    match code.to_ascii_uppercase().as_str() {
        "PKH" => Some(ProposalKind::BansosPkh),
        "BPNT" => Some(ProposalKind::BansosBpnt),
        _ => None,
    }
}

fn read<T: serde::de::DeserializeOwned>(store: &dyn Store, key: &str) -> StoreResult<Option<T>> {
    Ok(store.setting(key)?.and_then(|bytes| decode_value(&bytes)))
}

/// The window policy in force.
pub fn windows(store: &dyn Store) -> StoreResult<WindowPolicy> {
    Ok(read(store, WINDOWS_KEY)?.unwrap_or_else(WindowPolicy::bangkalan_2024))
}

/// The scoring scheme in force.
pub fn scoring(store: &dyn Store) -> StoreResult<ScoringScheme> {
    Ok(read(store, SCORING_KEY)?.unwrap_or_else(ScoringScheme::default_v1))
}

/// A programme's quota settings, if the Dinas entered them (none: no desa has places yet).
pub fn quota(store: &dyn Store, programme: ProposalKind) -> StoreResult<Option<QuotaSettings>> {
    read(store, &quota_key(programme))
}

/// The kabupaten's loci desa (imported, or the Bangkalan 25 by default): see `import::loci`.
pub use crate::import::loci::{LOCI_KEY, loci_desa};
