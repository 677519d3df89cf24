//! The leaders' view of a whole kabupaten: an in-memory index of every family (`index`), kept
//! up to date from the families the store notes as touched, and the answers made from it
//! without reading the database: clusters per viewport and zoom (`cluster`), region markers
//! (`markers`), the tables per kecamatan and desa (`table`). `tepat serve` builds the index before
//! it answers (elsewhere, as in tests, it is built on first use); it is brought up to date before
//! each answer and every second.

pub mod cluster;
pub mod export;
pub mod index;
pub mod markers;
pub mod mercator;
pub mod selection;
pub mod table;

use crate::store::{Store, StoreResult};
use index::SpreadIndex;
use std::collections::HashSet;
use std::sync::{Mutex, RwLock};
use tepat_domain::RegionCode;

/// How often the background task takes in touched families.
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The index and the one lock its updates take turns under.
#[derive(Default)]
pub struct Spread {
    index: RwLock<Option<SpreadIndex>>,
    updating: Mutex<()>,
    started: std::sync::atomic::AtomicBool,
}

/// The kabupaten's extreme-poverty loci desa (as imported, or the default list).
pub fn loci(store: &dyn Store) -> StoreResult<HashSet<RegionCode>> {
    Ok(crate::import::loci_desa(store)?.into_iter().collect())
}

impl Spread {
    /// Brings the index up to date: built whole the first time and when the scoring scheme
    /// changed (every decile moves), else the touched families are read again.
    pub fn update(
        &self,
        store: &dyn Store,
        kabupaten: &RegionCode,
        now: jiff::Timestamp,
    ) -> StoreResult<()> {
        let _turn = self.updating.lock().unwrap_or_else(|e| e.into_inner());
        let scheme = crate::policy::scoring(store)?.version;
        let built = self
            .index
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(|i| i.scheme_version == scheme && &i.kabupaten == kabupaten);
        if !built {
            let _ = store.touched().take();
            let index = SpreadIndex::build(store, kabupaten, &loci(store)?, now)?;
            *self.index.write().unwrap_or_else(|e| e.into_inner()) = Some(index);
            return Ok(());
        }
        let loci = loci(store)?;
        let same = self.read(|index| index.loci_are(&loci)).unwrap_or(true);
        if !same
            && let Some(index) = self
                .index
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .as_mut()
        {
            index.set_loci(&loci);
        }
        let touched = store.touched().take();
        let read = {
            let guard = self.index.read().unwrap_or_else(|e| e.into_inner());
            let index = guard.as_ref().expect("built above");
            index.read_touched(store, &touched)
        };
        let data = match read {
            Ok(data) => data,
            Err(e) => {
                store.touched().note(touched);
                return Err(e);
            }
        };
        let mut guard = self.index.write().unwrap_or_else(|e| e.into_inner());
        let index = guard.as_mut().expect("built above");
        for desa in data {
            index.apply(desa);
        }
        index.as_of = now;
        Ok(())
    }

    /// Reads the index (`None` before it was first built).
    pub fn read<R>(&self, work: impl FnOnce(&SpreadIndex) -> R) -> Option<R> {
        let guard = self.index.read().unwrap_or_else(|e| e.into_inner());
        guard.as_ref().map(work)
    }

    /// Starts the background task that builds the index and then takes in touched families
    /// every [`REFRESH_EVERY`]; once per server, later calls do nothing.
    pub fn start(state: &crate::AppState) {
        use std::sync::atomic::Ordering;
        if state.spread.started.swap(true, Ordering::SeqCst) {
            return;
        }
        // Holds the store weakly, so a server that stopped lets its database go.
        let store = std::sync::Arc::downgrade(&state.store);
        let spread = state.spread.clone();
        let clock = state.clock.clone();
        let kabupaten = state.config.kabupaten.clone();
        tokio::spawn(async move {
            loop {
                let Some(store) = store.upgrade() else { return };
                let (spread, kabupaten, now) = (spread.clone(), kabupaten.clone(), clock.now());
                let result = tokio::task::spawn_blocking(move || {
                    spread.update(store.as_ref(), &kabupaten, now)
                })
                .await;
                match result {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!("spread index update failed: {e}"),
                    Err(e) => tracing::warn!("spread index update panicked: {e}"),
                }
                tokio::time::sleep(REFRESH_EVERY).await;
            }
        });
    }
}
