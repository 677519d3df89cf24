//! Which basemap tiles "Unduh peta desa" keeps on the tablet, and how many: the desa's extent from
//! its house pins, the tiles covering it at the zoom levels a field user looks at (Web Mercator,
//! the "slippy map" numbering every OSM-style tile server uses), each tile's URL written from the
//! instance's template exactly as Leaflet writes it (so the service worker finds the map's own
//! requests in the same cache), the size estimate and the limit of one download. Pure and
//! unit-tested natively; the fetching is in [`crate::tile_cache`].

use std::ops::RangeInclusive;
use tepat_domain::geo;

/// The zoom levels downloaded: 13 shows the desa among its neighbours, 17 single houses.
pub const ZOOMS: RangeInclusive<u8> = 13..=17;

/// The pins' box is widened by this much on every side: the houses at the edge of the desa are
/// seen with their surroundings.
pub const PADDING_M: f64 = 300.0;

/// However few the pins (one house so far), the box reaches at least this far from its centre.
pub const MIN_HALF_SIDE_M: f64 = 600.0;

/// What a tile weighs on average (a rural OSM-style PNG is 5–25 kB): the estimate shown before
/// the download starts.
pub const AVERAGE_TILE_BYTES: u64 = 15_000;

/// The most tiles one download fetches from the kabupaten's own tile server (about 60 MB): a
/// kecamatan-wide pendamping's scope fits, a slip that covers half of Java does not.
pub const MAX_TILES: usize = 4_000;

/// The most tiles one download fetches from OpenStreetMap's own tile servers, whose usage
/// policy strongly discourages bulk downloading: one desa's houses, not more.
pub const MAX_TILES_OSM: usize = 300;

/// How many tiles are fetched at once from the kabupaten's server, and from OpenStreetMap's.
const PARALLEL: usize = 4;
const PARALLEL_OSM: usize = 2;

/// Web Mercator's latitude limit: tiles end here.
const MAX_LATITUDE: f64 = 85.051_128_78;

/// Leaflet's default subdomains for `{s}`.
const SUBDOMAINS: [&str; 3] = ["a", "b", "c"];

/// A box on the map, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Southern edge (latitude).
    pub south: f64,
    /// Western edge (longitude).
    pub west: f64,
    /// Northern edge (latitude).
    pub north: f64,
    /// Eastern edge (longitude).
    pub east: f64,
}

/// The pins without those lying far outside the cloud of the others, by the rule that flags a
/// far house pin ([`geo::far_from_neighbours`]): one pin set by mistake in another kabupaten
/// must not make the download cover everything in between.
fn without_far_pins(pins: &[(f64, f64)]) -> Vec<(f64, f64)> {
    // The rule needs a cloud of others; with too few pins all are kept.
    match geo::Cloud::of(pins).filter(|_| pins.len() > geo::MIN_NEIGHBOURS) {
        Some(cloud) => pins
            .iter()
            .copied()
            .filter(|p| cloud.far(*p).is_none())
            .collect(),
        None => pins.to_vec(),
    }
}

impl Extent {
    /// The box around the desa's house pins (`(lat, lon)`), far ones left out, widened by
    /// [`PADDING_M`] and to at least [`MIN_HALF_SIDE_M`] from its centre. `None` without pins:
    /// then nothing says where the desa is.
    pub fn around_pins(pins: &[(f64, f64)]) -> Option<Extent> {
        let pins: Vec<(f64, f64)> = pins
            .iter()
            .copied()
            .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
            .collect();
        let kept = without_far_pins(&pins);
        let first = kept.first()?;
        let mut extent = Extent {
            south: first.0,
            west: first.1,
            north: first.0,
            east: first.1,
        };
        for (lat, lon) in &kept {
            extent.south = extent.south.min(*lat);
            extent.north = extent.north.max(*lat);
            extent.west = extent.west.min(*lon);
            extent.east = extent.east.max(*lon);
        }
        let centre = (
            (extent.south + extent.north) / 2.0,
            (extent.west + extent.east) / 2.0,
        );
        let (south_west, north_east) = (
            geo::offset((extent.south, extent.west), -PADDING_M, -PADDING_M),
            geo::offset((extent.north, extent.east), PADDING_M, PADDING_M),
        );
        let (min_south_west, min_north_east) = (
            geo::offset(centre, -MIN_HALF_SIDE_M, -MIN_HALF_SIDE_M),
            geo::offset(centre, MIN_HALF_SIDE_M, MIN_HALF_SIDE_M),
        );
        Some(Extent {
            south: south_west.0.min(min_south_west.0).max(-MAX_LATITUDE),
            west: south_west.1.min(min_south_west.1).max(-180.0),
            north: north_east.0.max(min_north_east.0).min(MAX_LATITUDE),
            east: north_east.1.max(min_north_east.1).min(180.0),
        })
    }
}

/// One tile: zoom, column (west to east) and row (north to south).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tile {
    /// Zoom level.
    pub z: u8,
    /// Column.
    pub x: u32,
    /// Row.
    pub y: u32,
}

fn last_index(z: u8) -> u32 {
    (1u32 << z) - 1
}

/// The column of the tile holding longitude `lon` at zoom `z`.
pub fn tile_x(lon: f64, z: u8) -> u32 {
    let n = f64::from(1u32 << z);
    let x = ((lon + 180.0) / 360.0 * n).floor();
    (x.max(0.0) as u32).min(last_index(z))
}

/// The row of the tile holding latitude `lat` at zoom `z`.
pub fn tile_y(lat: f64, z: u8) -> u32 {
    let n = f64::from(1u32 << z);
    let rad = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let y = ((1.0 - (rad.tan() + 1.0 / rad.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor();
    (y.max(0.0) as u32).min(last_index(z))
}

/// The north-west corner of a tile, `(lat, lon)`.
pub fn north_west(tile: Tile) -> (f64, f64) {
    let n = f64::from(1u32 << tile.z);
    let lon = f64::from(tile.x) / n * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * f64::from(tile.y) / n))
        .sinh()
        .atan()
        .to_degrees();
    (lat, lon)
}

/// Tiles added around the extent on every side at zoom `z`. Below the closest zoom, a glance at
/// the whole desa (the map fits the pins at zoom 16 or less) shows more than the pins' box on a
/// wide screen, so one more tile is kept all round; at the closest zoom the padding already is
/// about a tile.
fn margin(z: u8) -> u32 {
    if z < *ZOOMS.end() { 1 } else { 0 }
}

/// The columns and rows covering `extent` at zoom `z`, with [`margin`].
fn ranges(extent: &Extent, z: u8) -> (RangeInclusive<u32>, RangeInclusive<u32>) {
    let m = margin(z);
    let columns =
        tile_x(extent.west, z).saturating_sub(m)..=(tile_x(extent.east, z) + m).min(last_index(z));
    let rows = tile_y(extent.north, z).saturating_sub(m)
        ..=(tile_y(extent.south, z) + m).min(last_index(z));
    (columns, rows)
}

/// How many tiles cover `extent` at [`ZOOMS`].
pub fn tile_count(extent: &Extent) -> usize {
    ZOOMS
        .map(|z| {
            let (columns, rows) = ranges(extent, z);
            (columns.count()) * (rows.count())
        })
        .sum()
}

/// The tiles covering `extent` at [`ZOOMS`], zoom by zoom, row by row.
pub fn tiles(extent: &Extent) -> Vec<Tile> {
    let mut out = Vec::with_capacity(tile_count(extent));
    for z in ZOOMS {
        let (columns, rows) = ranges(extent, z);
        for y in rows {
            for x in columns.clone() {
                out.push(Tile { z, x, y });
            }
        }
    }
    out
}

/// A tile's URL from an OSM-style template, as Leaflet 1.9's `TileLayer.getTileUrl` writes it
/// for the layers Tepat makes (default options): `{z}`, `{x}`, `{y}`, `{-y}` (rows from the
/// south), `{s}` (subdomain `a`/`b`/`c` by `|x + y| mod 3`), `{r}` (`@2x` on a high-density
/// screen). Other placeholders are left as they are.
pub fn tile_url(template: &str, tile: Tile, retina: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let key = after[1..close].trim();
        match key {
            "z" => out.push_str(&tile.z.to_string()),
            "x" => out.push_str(&tile.x.to_string()),
            "y" => out.push_str(&tile.y.to_string()),
            "-y" => out.push_str(&(last_index(tile.z) - tile.y).to_string()),
            "s" => out.push_str(SUBDOMAINS[((tile.x + tile.y) % 3) as usize]),
            "r" => out.push_str(if retina { "@2x" } else { "" }),
            _ => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether the template points at OpenStreetMap's own tile servers.
pub fn is_osm(template: &str) -> bool {
    template.contains("tile.openstreetmap.org")
}

/// The most tiles one download may fetch from this tile server.
pub fn max_tiles(template: &str) -> usize {
    if is_osm(template) {
        MAX_TILES_OSM
    } else {
        MAX_TILES
    }
}

/// How many tiles to fetch at once from this tile server.
pub fn parallel(template: &str) -> usize {
    if is_osm(template) {
        PARALLEL_OSM
    } else {
        PARALLEL
    }
}

/// What "Unduh peta desa" can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// The instance has no basemap (`--tile-url none`).
    NoBasemap,
    /// No house is pinned: nothing says where the desa is.
    NoPins,
    /// More tiles than one download may fetch.
    TooLarge {
        /// Tiles needed.
        tiles: usize,
        /// The limit for this tile server.
        max: usize,
        /// The tile server is OpenStreetMap's own.
        osm: bool,
    },
    /// The tiles' URLs, ready to fetch.
    Ready {
        /// One per tile, at [`ZOOMS`].
        urls: Vec<String>,
    },
}

/// The plan for the desa with these house pins (`(lat, lon)`), for the instance's tile
/// template (`None`: no basemap); `retina` as the map's `{r}`.
pub fn plan(template: Option<&str>, pins: &[(f64, f64)], retina: bool) -> Plan {
    let Some(template) = template else {
        return Plan::NoBasemap;
    };
    let Some(extent) = Extent::around_pins(pins) else {
        return Plan::NoPins;
    };
    let (count, max) = (tile_count(&extent), max_tiles(template));
    if count > max {
        return Plan::TooLarge {
            tiles: count,
            max,
            osm: is_osm(template),
        };
    }
    Plan::Ready {
        urls: tiles(&extent)
            .into_iter()
            .map(|tile| tile_url(template, tile, retina))
            .collect(),
    }
}

/// The estimated size of `tiles` tiles, in bytes.
pub fn estimated_bytes(tiles: usize) -> u64 {
    tiles as u64 * AVERAGE_TILE_BYTES
}

/// A size as people read it, with the Indonesian decimal comma: `0,4 MB`, `18 MB`, `1,2 GB`.
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1_000_000;
    const GB: u64 = 1_000_000_000;
    let tenths = |value: u64, unit: u64| {
        let t = (value * 10 + unit / 2) / unit;
        format!("{},{}", t / 10, t % 10)
    };
    if bytes >= GB {
        format!("{} GB", tenths(bytes, GB))
    } else if bytes >= 10 * MB {
        format!(
            "{} MB",
            tepat_domain::text::format_number_id((bytes + MB / 2) / MB)
        )
    } else if bytes >= MB / 10 {
        format!("{} MB", tenths(bytes, MB))
    } else {
        "< 0,1 MB".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A house in Lombang Dajah (the demo desa).
    const LOMBANG: (f64, f64) = (-7.1041, 113.1431);
    const OWN_SERVER: &str = "https://peta.bangkalankab.go.id/{z}/{x}/{y}.png";
    const OSM: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// Pins spread over about 1.3 km around Lombang Dajah, like the demo desa's.
    fn desa_pins() -> Vec<(f64, f64)> {
        (0..20)
            .map(|i| {
                let (east, north) = (f64::from(i % 5) * 320.0, f64::from(i / 5) * 400.0);
                geo::offset(LOMBANG, east - 640.0, north - 600.0)
            })
            .collect()
    }

    #[test]
    fn tiles_are_numbered_as_osm_numbers_them() {
        // Worked out independently (the OSM wiki's formulas in Python).
        assert_eq!(
            (tile_x(LOMBANG.1, 17), tile_y(LOMBANG.0, 17)),
            (106_730, 68_129)
        );
        assert_eq!(
            (tile_x(LOMBANG.1, 13), tile_y(LOMBANG.0, 13)),
            (6_670, 4_258)
        );
        assert_eq!((tile_x(0.0, 1), tile_y(0.0, 1)), (1, 1));
        // The edges of the world stay on the grid.
        assert_eq!((tile_x(180.0, 3), tile_y(-89.0, 3)), (7, 7));
        assert_eq!((tile_x(-180.0, 3), tile_y(89.0, 3)), (0, 0));
    }

    #[test]
    fn a_point_lies_inside_its_tile() {
        for z in ZOOMS {
            let tile = Tile {
                z,
                x: tile_x(LOMBANG.1, z),
                y: tile_y(LOMBANG.0, z),
            };
            let (north, west) = north_west(tile);
            let (south, east) = north_west(Tile {
                z,
                x: tile.x + 1,
                y: tile.y + 1,
            });
            assert!(west <= LOMBANG.1 && LOMBANG.1 < east, "zoom {z}");
            assert!(south < LOMBANG.0 && LOMBANG.0 <= north, "zoom {z}");
        }
    }

    #[test]
    fn the_extent_is_the_pins_box_padded_by_a_few_hundred_metres() {
        let pins = desa_pins();
        let extent = Extent::around_pins(&pins).unwrap();
        let westmost = pins.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let northmost = pins.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        let west_pad = geo::distance_m((LOMBANG.0, westmost), (LOMBANG.0, extent.west));
        let north_pad = geo::distance_m((northmost, LOMBANG.1), (extent.north, LOMBANG.1));
        assert!((west_pad - PADDING_M).abs() < 1.0, "{west_pad}");
        assert!((north_pad - PADDING_M).abs() < 1.0, "{north_pad}");
        for (lat, lon) in pins {
            assert!(extent.south < lat && lat < extent.north);
            assert!(extent.west < lon && lon < extent.east);
        }
    }

    #[test]
    fn one_pin_still_gives_a_neighbourhood_and_no_pin_gives_nothing() {
        let extent = Extent::around_pins(&[LOMBANG]).unwrap();
        let width = geo::distance_m((LOMBANG.0, extent.west), (LOMBANG.0, extent.east));
        assert!((width - 2.0 * MIN_HALF_SIDE_M).abs() < 2.0, "{width}");
        assert_eq!(Extent::around_pins(&[]), None);
        assert_eq!(Extent::around_pins(&[(f64::NAN, 113.0)]), None);
        assert_eq!(plan(Some(OWN_SERVER), &[], false), Plan::NoPins);
        assert_eq!(plan(None, &desa_pins(), false), Plan::NoBasemap);
    }

    #[test]
    fn a_pin_set_far_away_by_mistake_does_not_widen_the_download() {
        let pins = desa_pins();
        let mut with_slip = pins.clone();
        with_slip.push(geo::offset(LOMBANG, 40_000.0, 25_000.0));
        assert_eq!(
            Extent::around_pins(&with_slip),
            Extent::around_pins(&pins),
            "the far pin is left out"
        );
    }

    #[test]
    fn a_desa_needs_a_few_hundred_tiles_most_of_them_at_the_closest_zoom() {
        let extent = Extent::around_pins(&desa_pins()).unwrap();
        let all = tiles(&extent);
        assert_eq!(all.len(), tile_count(&extent));
        let at = |z: u8| all.iter().filter(|t| t.z == z).count();
        assert!((40..=120).contains(&at(17)), "{}", at(17));
        assert!(at(17) > at(16) && at(16) > at(15) && at(15) >= at(14) && at(14) >= at(13));
        // Below the closest zoom a tile's ring is kept around the box: at least 3 × 3.
        assert!(at(13) >= 9);
        // Every tile once.
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
        // Every pin's own tile is among them at every zoom.
        for (lat, lon) in desa_pins() {
            for z in ZOOMS {
                let own = Tile {
                    z,
                    x: tile_x(lon, z),
                    y: tile_y(lat, z),
                };
                assert!(all.contains(&own));
            }
        }
        assert!(all.len() <= MAX_TILES_OSM, "{}", all.len());
    }

    #[test]
    fn too_many_tiles_are_refused_with_the_limit_of_the_tile_server() {
        // Houses spread over about 12 km (a whole kecamatan).
        let pins: Vec<(f64, f64)> = (0..100)
            .map(|i| {
                geo::offset(
                    LOMBANG,
                    f64::from(i % 10) * 1_300.0,
                    f64::from(i / 10) * 1_300.0,
                )
            })
            .collect();
        match plan(Some(OSM), &pins, false) {
            Plan::TooLarge { tiles, max, osm } => {
                assert!(tiles > MAX_TILES_OSM);
                assert_eq!((max, osm), (MAX_TILES_OSM, true));
            }
            other => panic!("{other:?}"),
        }
        match plan(Some(OWN_SERVER), &pins, false) {
            Plan::Ready { urls } => assert!(urls.len() > MAX_TILES_OSM && urls.len() <= MAX_TILES),
            other => panic!("{other:?}"),
        }
        // Houses spread over about 40 km: more than a download may take from any server.
        let spread: Vec<(f64, f64)> = (0..100)
            .map(|i| {
                geo::offset(
                    LOMBANG,
                    f64::from(i % 10) * 4_000.0,
                    f64::from(i / 10) * 4_000.0,
                )
            })
            .collect();
        assert!(matches!(
            plan(Some(OWN_SERVER), &spread, false),
            Plan::TooLarge {
                max: MAX_TILES,
                osm: false,
                ..
            }
        ));
    }

    #[test]
    fn urls_are_written_as_leaflet_writes_them() {
        let tile = Tile {
            z: 17,
            x: 106_730,
            y: 68_129,
        };
        assert_eq!(
            tile_url(OSM, tile, false),
            "https://tile.openstreetmap.org/17/106730/68129.png"
        );
        // (106730 + 68129) mod 3 = 1: "b", as Leaflet picks it.
        assert_eq!(
            tile_url("https://{s}.tiles.example/{z}/{x}/{y}{r}.png", tile, true),
            "https://b.tiles.example/17/106730/68129@2x.png"
        );
        assert_eq!(
            tile_url("/peta/{ z }/{x}/{-y}.png?key={key}", tile, false),
            format!(
                "/peta/17/106730/{}.png?key={{key}}",
                (1u32 << 17) - 1 - 68_129
            )
        );
        let Plan::Ready { urls } = plan(Some(OWN_SERVER), &desa_pins(), false) else {
            panic!("a desa fits");
        };
        assert!(urls[0].starts_with("https://peta.bangkalankab.go.id/13/"));
        assert!(urls.iter().all(|u| !u.contains('{')));
    }

    #[test]
    fn limits_follow_the_tile_server() {
        assert_eq!(max_tiles(OSM), MAX_TILES_OSM);
        assert_eq!(max_tiles(OWN_SERVER), MAX_TILES);
        assert_eq!(parallel(OSM), 2);
        assert_eq!(parallel(OWN_SERVER), 4);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(estimated_bytes(1_234), 18_510_000);
        assert_eq!(size_text(estimated_bytes(1_234)), "19 MB");
        assert_eq!(size_text(18_000_000), "18 MB");
        assert_eq!(size_text(1_450_000), "1,5 MB");
        assert_eq!(size_text(400_000), "0,4 MB");
        assert_eq!(size_text(20_000), "< 0,1 MB");
        assert_eq!(size_text(1_234_000_000), "1,2 GB");
    }
}
