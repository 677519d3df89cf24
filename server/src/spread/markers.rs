//! Kecamatan or desa figures as markers on the spread map: zoomed out each kecamatan, closer
//! each desa, at the centre of its pinned houses with its families and extreme poor.

use super::index::{Extent, SpreadIndex};
use super::mercator;
use super::selection::Selection;
use tepat_protocol::spread::{Bounds, RegionMarker};

/// Up to this zoom the markers are kecamatan.
pub const KECAMATAN_UP_TO_ZOOM: u8 = 11;
/// Up to this zoom (from the kecamatan's on) the markers are desa; closer, none.
pub const DESA_UP_TO_ZOOM: u8 = 14;

/// The bounds of an extent.
pub fn bounds(extent: &Extent) -> Bounds {
    let (north, west) = mercator::unproject(extent.min_x, extent.min_y);
    let (south, east) = mercator::unproject(extent.max_x, extent.max_y);
    Bounds {
        south,
        west,
        north,
        east,
    }
}

fn marker(
    code: String,
    name: String,
    extent: &Extent,
    families: u32,
    extreme: u32,
    loci: bool,
) -> RegionMarker {
    let (lat, lon) = mercator::unproject_mean(extent.sum_x, extent.sum_y, extent.pinned);
    RegionMarker {
        code,
        name,
        lat,
        lon,
        bounds: bounds(extent),
        families,
        extreme,
        loci,
    }
}

/// The rectangle of the pinned houses of the desa the selection allows.
pub fn scope_bounds(index: &SpreadIndex, selection: &Selection) -> Option<Bounds> {
    index
        .desa
        .iter()
        .enumerate()
        .filter(|(d, _)| selection.desa[*d])
        .filter_map(|(_, b)| b.extent)
        .reduce(Extent::union)
        .map(|e| bounds(&e))
}

/// The markers for a zoom whose region meets the rectangle (world units), among the desa the
/// selection allows.
pub fn markers(
    index: &SpreadIndex,
    selection: &Selection,
    zoom: u8,
    (x0, y0, x1, y1): (u32, u32, u32, u32),
) -> Vec<RegionMarker> {
    if zoom > DESA_UP_TO_ZOOM {
        return Vec::new();
    }
    let allowed = index
        .desa
        .iter()
        .enumerate()
        .filter(|(d, b)| selection.desa[*d] && b.extent.is_some());
    if zoom > KECAMATAN_UP_TO_ZOOM {
        return allowed
            .filter_map(|(_, b)| {
                let extent = b.extent?;
                extent.meets(x0, y0, x1, y1).then(|| {
                    marker(
                        b.code.to_string(),
                        b.name.clone(),
                        &extent,
                        b.points.len() as u32,
                        b.extreme,
                        b.loci,
                    )
                })
            })
            .collect();
    }
    let mut per_kecamatan: Vec<Option<(Extent, u32, u32, bool)>> =
        vec![None; index.kecamatan.len()];
    for (_, b) in allowed {
        let extent = b.extent.expect("filtered");
        let entry = &mut per_kecamatan[b.kecamatan];
        *entry = Some(match entry.take() {
            None => (extent, b.points.len() as u32, b.extreme, b.loci),
            Some((e, n, x, loci)) => (
                e.union(extent),
                n + b.points.len() as u32,
                x + b.extreme,
                loci || b.loci,
            ),
        });
    }
    per_kecamatan
        .into_iter()
        .enumerate()
        .filter_map(|(k, entry)| {
            let (extent, families, extreme, loci) = entry?;
            let kec = &index.kecamatan[k];
            extent.meets(x0, y0, x1, y1).then(|| {
                marker(
                    kec.code.to_string(),
                    kec.name.clone(),
                    &extent,
                    families,
                    extreme,
                    loci,
                )
            })
        })
        .collect()
}
