//! Clusters for one viewport and zoom, made on every request from the in-memory index so any
//! filter applies: the families in view (padded by the cluster radius) are first summed into
//! small grid cells in screen pixels, then the cells are merged greedily the way supercluster
//! merges points (the fullest cell first takes every cell whose centre lies within the radius of
//! its own). The cost is one pass over the families of the desa in view plus a few thousand
//! cells, whatever the zoom. From zoom 17 each family is drawn on its own.

use super::index::{FamilyPoint, SpreadIndex, flag};
use super::mercator::{self, units_per_pixel};
use super::selection::Selection;
use tepat_domain::FamilyId;
use tepat_protocol::spread::{Bounds, ClusterQuery, ColourBy, SpreadCluster};

/// Cluster radius in screen pixels.
pub const RADIUS_PX: u32 = 50;
/// Grid cell in screen pixels (cells are merged, so the radius, not the grid, shapes clusters).
pub const CELL_PX: u32 = 16;
/// From this zoom on every family is drawn on its own (a desa's houses are told apart).
pub const SEPARATE_FROM_ZOOM: u8 = 17;
/// The most single families one answer draws; a larger view is clustered even zoomed in.
pub const MAX_SINGLES: u32 = 3_000;
/// The highest zoom asked for.
pub const MAX_QUERY_ZOOM: u8 = 20;
const _: () = assert!(MAX_QUERY_ZOOM <= mercator::MAX_ZOOM);
/// The most grid cells one view may need (a 4K screen needs about 40,000).
const MAX_CELLS: u64 = 250_000;

/// Why a viewport cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// Edges not in order or not numbers on the globe.
    #[error("Batas peta tidak sah: barat harus di kiri timur dan selatan di bawah utara.")]
    Bounds,
    /// Zoom beyond the map's.
    #[error("Zoom peta harus 0 sampai 20.")]
    Zoom,
    /// More screen than any screen has.
    #[error("Bagian peta yang diminta terlalu besar untuk zoom ini.")]
    TooLarge,
}

/// A viewport in world units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    zoom: u8,
}

impl Viewport {
    /// The viewport of a query, checked.
    pub fn of(query: &ClusterQuery) -> Result<Viewport, ViewError> {
        let finite = [query.west, query.south, query.east, query.north]
            .iter()
            .all(|v| v.is_finite());
        if !finite
            || query.west >= query.east
            || query.south >= query.north
            || query.south < -90.0
            || query.north > 90.0
            || query.west < -180.0
            || query.east > 180.0
        {
            return Err(ViewError::Bounds);
        }
        if query.zoom > MAX_QUERY_ZOOM {
            return Err(ViewError::Zoom);
        }
        let (x0, y0) = mercator::project(query.north, query.west);
        let (x1, y1) = mercator::project(query.south, query.east);
        let cell = u64::from(CELL_PX) * u64::from(units_per_pixel(query.zoom));
        let cells = (u64::from(x1 - x0) / cell + 8) * (u64::from(y1 - y0) / cell + 8);
        if cells > MAX_CELLS {
            return Err(ViewError::TooLarge);
        }
        Ok(Viewport {
            x0,
            y0,
            x1,
            y1,
            zoom: query.zoom,
        })
    }

    /// The viewport's rectangle in world units (west, north, east, south).
    pub fn rect(&self) -> (u32, u32, u32, u32) {
        (self.x0, self.y0, self.x1, self.y1)
    }

    /// The zoom.
    pub fn zoom(&self) -> u8 {
        self.zoom
    }

    /// Whether a position is in the viewport.
    pub fn holds(&self, x: u32, y: u32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    /// The viewport grown by the cluster radius on every side.
    fn padded(&self) -> (u32, u32, u32, u32) {
        let pad = RADIUS_PX * units_per_pixel(self.zoom);
        (
            self.x0.saturating_sub(pad),
            self.y0.saturating_sub(pad),
            self.x1.saturating_add(pad),
            self.y1.saturating_add(pad),
        )
    }
}

/// What a viewport holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewAnswer {
    /// Clusters and single families whose centre is in view.
    pub clusters: Vec<SpreadCluster>,
    /// Matching families drawn: the sum of the clusters' counts (a family in view whose
    /// cluster's centre lies outside is drawn, and counted, when the map moves to it).
    pub in_view: u32,
    /// Matching families in scope.
    pub matching: u32,
    /// Of them without a house pin.
    pub unpinned: u32,
}

/// Families summed into one grid cell or cluster.
#[derive(Debug, Clone)]
struct Tally {
    count: u32,
    sum_x: u64,
    sum_y: u64,
    min_x: u32,
    min_y: u32,
    max_x: u32,
    max_y: u32,
    parts: [u32; 11],
    first: FamilyId,
}

impl Tally {
    fn new(id: FamilyId) -> Tally {
        Tally {
            count: 0,
            sum_x: 0,
            sum_y: 0,
            min_x: u32::MAX,
            min_y: u32::MAX,
            max_x: 0,
            max_y: 0,
            parts: [0; 11],
            first: id,
        }
    }

    fn add(&mut self, p: &FamilyPoint, class: usize) {
        self.count += 1;
        self.sum_x += u64::from(p.x);
        self.sum_y += u64::from(p.y);
        self.min_x = self.min_x.min(p.x);
        self.min_y = self.min_y.min(p.y);
        self.max_x = self.max_x.max(p.x);
        self.max_y = self.max_y.max(p.y);
        self.parts[class] += 1;
    }

    fn merge(&mut self, other: &Tally) {
        self.count += other.count;
        self.sum_x += other.sum_x;
        self.sum_y += other.sum_y;
        self.min_x = self.min_x.min(other.min_x);
        self.min_y = self.min_y.min(other.min_y);
        self.max_x = self.max_x.max(other.max_x);
        self.max_y = self.max_y.max(other.max_y);
        for (a, b) in self.parts.iter_mut().zip(other.parts) {
            *a += b;
        }
    }

    fn centre(&self) -> (u32, u32) {
        let n = u64::from(self.count.max(1));
        ((self.sum_x / n) as u32, (self.sum_y / n) as u32)
    }

    fn into_cluster(self, colour: ColourBy) -> SpreadCluster {
        let (lat, lon) = mercator::unproject_mean(self.sum_x, self.sum_y, u64::from(self.count));
        let (north, west) = mercator::unproject(self.min_x, self.min_y);
        let (south, east) = mercator::unproject(self.max_x, self.max_y);
        SpreadCluster {
            lat,
            lon,
            count: self.count,
            bounds: Bounds {
                south,
                west,
                north,
                east,
            },
            parts: self.parts[..colour.classes()].to_vec(),
            family: (self.count == 1).then_some(self.first),
        }
    }
}

/// The clusters of a viewport.
pub fn clusters(
    index: &SpreadIndex,
    view: &Viewport,
    selection: &Selection,
    colour: ColourBy,
) -> ViewAnswer {
    let (px0, py0, px1, py1) = view.padded();
    let upp = units_per_pixel(view.zoom);
    let cell = CELL_PX * upp;
    let (gx0, gy0) = (px0 / cell, py0 / cell);
    let width = (px1 / cell - gx0 + 1) as usize;
    let height = (py1 / cell - gy0 + 1) as usize;
    let mut cells: Vec<Option<Tally>> = vec![None; width * height];
    let mut singles = Vec::new();
    let mut in_view = 0u32;
    let separate = view.zoom >= SEPARATE_FROM_ZOOM;
    let (mut matching, mut unpinned) = (0u32, 0u32);
    for (d, bucket) in index.desa.iter().enumerate() {
        if !selection.desa[d] {
            continue;
        }
        let near = bucket.extent.is_some_and(|e| e.meets(px0, py0, px1, py1));
        for (p, id) in bucket.points.iter().zip(&bucket.ids) {
            if !selection.matches(p) {
                continue;
            }
            matching += 1;
            if !p.has(flag::PINNED) {
                unpinned += 1;
                continue;
            }
            if !near || p.x < px0 || p.x > px1 || p.y < py0 || p.y > py1 {
                continue;
            }
            let class = p.class(colour);
            if view.holds(p.x, p.y) {
                in_view += 1;
                if separate && singles.len() <= MAX_SINGLES as usize {
                    let mut one = Tally::new(*id);
                    one.add(p, class);
                    singles.push(one);
                }
            }
            let at = ((p.y / cell - gy0) as usize) * width + (p.x / cell - gx0) as usize;
            cells[at]
                .get_or_insert_with(|| Tally::new(*id))
                .add(p, class);
        }
    }
    let tallies = if separate && in_view <= MAX_SINGLES {
        singles
    } else {
        merge_cells(cells, width, upp, view)
    };
    ViewAnswer {
        in_view: tallies.iter().map(|t| t.count).sum(),
        clusters: tallies
            .into_iter()
            .map(|t| t.into_cluster(colour))
            .collect(),
        matching,
        unpinned,
    }
}

/// Supercluster's greedy step over grid cells: the fullest cell not yet taken takes every cell
/// within the radius of its centre; clusters whose centre is outside the view are left out.
fn merge_cells(
    mut cells: Vec<Option<Tally>>,
    width: usize,
    upp: u32,
    view: &Viewport,
) -> Vec<Tally> {
    let mut order: Vec<usize> = (0..cells.len()).filter(|i| cells[*i].is_some()).collect();
    order.sort_by_key(|i| {
        (
            std::cmp::Reverse(cells[*i].as_ref().map_or(0, |t| t.count)),
            *i,
        )
    });
    let reach = RADIUS_PX.div_ceil(CELL_PX) as isize;
    let radius = f64::from(RADIUS_PX);
    let height = (cells.len() / width) as isize;
    let mut out = Vec::new();
    for seed in order {
        let Some(mut cluster) = cells[seed].take() else {
            continue;
        };
        let (cx, cy) = cluster.centre();
        let (sx, sy) = ((seed % width) as isize, (seed / width) as isize);
        for ny in (sy - reach).max(0)..=(sy + reach).min(height - 1) {
            for nx in (sx - reach).max(0)..=(sx + reach).min(width as isize - 1) {
                let at = ny as usize * width + nx as usize;
                let Some(near) = &cells[at] else { continue };
                let (x, y) = near.centre();
                let dx = (f64::from(x) - f64::from(cx)) / f64::from(upp);
                let dy = (f64::from(y) - f64::from(cy)) / f64::from(upp);
                if dx * dx + dy * dy <= radius * radius {
                    let near = cells[at].take().expect("present");
                    cluster.merge(&near);
                }
            }
        }
        let (x, y) = cluster.centre();
        if view.holds(x, y) {
            out.push(cluster);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(west: f64, south: f64, east: f64, north: f64, zoom: u8) -> ClusterQuery {
        ClusterQuery {
            west,
            south,
            east,
            north,
            zoom,
            colour: ColourBy::Status,
        }
    }

    #[test]
    fn a_viewport_is_checked() {
        assert!(Viewport::of(&query(112.6, -7.3, 113.2, -6.8, 10)).is_ok());
        assert_eq!(
            Viewport::of(&query(113.2, -7.3, 112.6, -6.8, 10)),
            Err(ViewError::Bounds)
        );
        assert_eq!(
            Viewport::of(&query(f64::NAN, -7.3, 113.2, -6.8, 10)),
            Err(ViewError::Bounds)
        );
        assert_eq!(
            Viewport::of(&query(112.6, -7.3, 113.2, -6.8, 21)),
            Err(ViewError::Zoom)
        );
        assert_eq!(
            Viewport::of(&query(-180.0, -85.0, 180.0, 85.0, 18)),
            Err(ViewError::TooLarge)
        );
    }
}
