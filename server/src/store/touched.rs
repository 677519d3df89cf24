//! The families whose dashboard figures a write may have changed (their record, proposals,
//! visit or score), noted by each store after its transaction commits and taken by the leaders'
//! spread index (`crate::spread`) to bring itself up to date without re-reading the kabupaten.

use std::collections::HashSet;
use std::sync::Mutex;
use tepat_domain::FamilyId;

/// A set of touched families, filled by the store and drained by its one reader.
#[derive(Debug, Default)]
pub struct Touched {
    ids: Mutex<HashSet<FamilyId>>,
}

impl Touched {
    /// Notes families as touched.
    pub fn note(&self, ids: impl IntoIterator<Item = FamilyId>) {
        let mut set = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        set.extend(ids);
    }

    /// Takes every family noted since the last take.
    pub fn take(&self) -> Vec<FamilyId> {
        let mut set = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        set.drain().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_empties_and_repeats_count_once() {
        let touched = Touched::default();
        let a = FamilyId(uuid::Uuid::from_u128(1));
        touched.note([a, a]);
        assert_eq!(touched.take(), vec![a]);
        assert!(touched.take().is_empty());
    }
}
