//! First start of an instance: load the selected kabupaten's regions and, unless switched off,
//! the demo data. Later starts check that the database belongs to the same kabupaten.

use crate::demo;
use crate::regions::regions_of;
use crate::store::{AuditAction, AuditEntry, Store};
use tepat_domain::RegionCode;

/// Meta key holding the instance's kabupaten code.
pub const META_KABUPATEN: &str = "kabupaten";
/// Meta key set to `1` once demo data is loaded.
pub const META_DEMO: &str = "demo";

/// What the first start did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Regions were loaded now (first start).
    pub regions_loaded: bool,
    /// The database holds demo data (loaded now or before).
    pub demo: bool,
    /// Whether any account exists.
    pub has_users: bool,
}

/// Prepares `store` for serving `kabupaten`.
pub fn prepare(
    store: &dyn Store,
    kabupaten: &RegionCode,
    load_demo: bool,
    now: jiff::Timestamp,
) -> anyhow::Result<Prepared> {
    let audit = |action, detail: String| {
        store.append_audit(&AuditEntry::new(now, "sistem", action, detail))
    };
    let mut regions_loaded = false;
    match store.meta(META_KABUPATEN)? {
        Some(existing) if existing != kabupaten.as_str() => anyhow::bail!(
            "basis data ini milik kabupaten {existing}, bukan {kabupaten}: \
             pakai --data-dir lain untuk kabupaten lain"
        ),
        Some(_) => {}
        None => {
            let regions = regions_of(kabupaten.as_str())?;
            store.put_regions(&regions)?;
            store.set_meta(META_KABUPATEN, kabupaten.as_str())?;
            audit(
                AuditAction::RegionsLoaded,
                format!("{} wilayah {kabupaten}", regions.len()),
            )?;
            regions_loaded = true;
        }
    }
    let mut demo = store.meta(META_DEMO)?.as_deref() == Some("1");
    let fresh = store.users()?.is_empty() && store.family_count()? == 0;
    if load_demo && !demo && fresh {
        anyhow::ensure!(
            kabupaten.as_str() == "35.26",
            "data demo hanya tersedia untuk Kabupaten Bangkalan (35.26); jalankan dengan --no-demo"
        );
        let families = demo::families();
        // As changes, so that tablets receive them on their first pull.
        crate::sync::record_created(store, &families, &[])?;
        for user in demo::users()? {
            store.put_user(&user)?;
        }
        let today = crate::policy::windows(store)?.zone.local_date(now);
        crate::demo_cases::save(store, &families, now, today)?;
        store.set_meta(META_DEMO, "1")?;
        audit(
            AuditAction::DemoLoaded,
            format!("{} keluarga demo", families.len()),
        )?;
        demo = true;
    }
    crate::scoring::ensure_ranked(store, kabupaten)?;
    store.purge_expired_sessions(now)?;
    Ok(Prepared {
        regions_loaded,
        demo,
        has_users: !store.users()?.is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn bangkalan() -> RegionCode {
        RegionCode::parse("35.26").unwrap()
    }

    #[test]
    fn first_start_loads_regions_and_demo_once() {
        let store = MemoryStore::new();
        let now = jiff::Timestamp::UNIX_EPOCH;
        let first = prepare(&store, &bangkalan(), true, now).unwrap();
        assert_eq!(
            first,
            Prepared {
                regions_loaded: true,
                demo: true,
                has_users: true
            }
        );
        assert_eq!(store.family_count().unwrap(), 500);
        let second = prepare(&store, &bangkalan(), true, now).unwrap();
        assert!(!second.regions_loaded);
        assert_eq!(store.family_count().unwrap(), 500);
    }

    #[test]
    fn no_demo_means_no_demo_and_another_kabupaten_is_refused() {
        let store = MemoryStore::new();
        let now = jiff::Timestamp::UNIX_EPOCH;
        let prepared = prepare(&store, &bangkalan(), false, now).unwrap();
        assert!(!prepared.demo && !prepared.has_users);
        assert_eq!(store.family_count().unwrap(), 0);
        let other = RegionCode::parse("35.27").unwrap();
        let err = prepare(&store, &other, false, now).unwrap_err();
        assert!(err.to_string().contains("milik kabupaten 35.26"));
    }
}
