//! Pins grouped when the map is zoomed out, so a desa of two thousand houses stays legible and
//! quick on a cheap tablet. Greedy distance clustering in Web Mercator pixels at the map's zoom
//! (the approach of Leaflet.markercluster): each pin joins the first group whose seed lies
//! within the radius, else seeds a new group; a grid of radius-sized cells keeps the search to
//! the nine cells around a pin. Pure, so `cargo test` proves it.

use std::collections::HashMap;

/// From this zoom on every pin is drawn by itself (houses can be told apart and tapped).
pub const SEPARATE_FROM_ZOOM: f64 = 16.0;

/// So few pins stay legible as they are: they are never grouped.
pub const GROUP_FROM_PINS: usize = 60;

/// Pins closer than this on screen (CSS pixels) are grouped.
pub const RADIUS_PX: f64 = 40.0;

/// A point's place in Web Mercator pixels at `zoom` (256-pixel tiles).
pub fn project(lat: f64, lon: f64, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let sin = lat.clamp(-85.05, 85.05).to_radians().sin();
    let x = (lon + 180.0) / 360.0 * scale;
    let y = (0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * std::f64::consts::PI)) * scale;
    (x, y)
}

/// Pins drawn as one marker: a single house, or a group with its members.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<T> {
    /// The pins of the group, in input order.
    pub members: Vec<T>,
    /// Where the marker goes: the members' mean position.
    pub lat: f64,
    /// See `lat`.
    pub lon: f64,
}

/// Groups `points` (item, lat, lon) for the map at `zoom`. Below [`SEPARATE_FROM_ZOOM`], pins
/// within [`RADIUS_PX`] of a group's seed join it; from there on, or with no more than
/// [`GROUP_FROM_PINS`] pins, each pin is its own group.
pub fn cluster<T: Clone>(points: &[(T, f64, f64)], zoom: f64) -> Vec<Group<T>> {
    if zoom >= SEPARATE_FROM_ZOOM || points.len() <= GROUP_FROM_PINS {
        return points
            .iter()
            .map(|(item, lat, lon)| Group {
                members: vec![item.clone()],
                lat: *lat,
                lon: *lon,
            })
            .collect();
    }
    struct Forming<T> {
        seed: (f64, f64),
        members: Vec<T>,
        sum: (f64, f64),
    }
    let cell = |(x, y): (f64, f64)| {
        (
            (x / RADIUS_PX).floor() as i64,
            (y / RADIUS_PX).floor() as i64,
        )
    };
    let mut groups: Vec<Forming<T>> = Vec::new();
    let mut seeds: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (item, lat, lon) in points {
        let at = project(*lat, *lon, zoom);
        let (cx, cy) = cell(at);
        let near = (cx - 1..=cx + 1)
            .flat_map(|x| (cy - 1..=cy + 1).map(move |y| (x, y)))
            .filter_map(|c| seeds.get(&c))
            .flatten()
            .copied()
            .filter(|g| {
                let (sx, sy) = groups[*g].seed;
                (sx - at.0).hypot(sy - at.1) <= RADIUS_PX
            })
            .min();
        match near {
            Some(g) => {
                let group = &mut groups[g];
                group.members.push(item.clone());
                group.sum.0 += lat;
                group.sum.1 += lon;
            }
            None => {
                seeds.entry((cx, cy)).or_default().push(groups.len());
                groups.push(Forming {
                    seed: at,
                    members: vec![item.clone()],
                    sum: (*lat, *lon),
                });
            }
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let n = g.members.len() as f64;
            Group {
                lat: g.sum.0 / n,
                lon: g.sum.1 / n,
                members: g.members,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid of `n`×`n` houses `step` degrees apart around a Lombang Dajah corner.
    fn houses(n: usize, step: f64) -> Vec<(usize, f64, f64)> {
        (0..n * n)
            .map(|i| {
                (
                    i,
                    -7.10 + (i / n) as f64 * step,
                    113.14 + (i % n) as f64 * step,
                )
            })
            .collect()
    }

    #[test]
    fn projection_doubles_with_each_zoom_and_puts_the_equator_mid_map() {
        let (x0, y0) = project(0.0, 0.0, 0.0);
        assert!((x0 - 128.0).abs() < 1e-9 && (y0 - 128.0).abs() < 1e-9);
        let (a, b) = (project(-7.1, 113.1, 12.0), project(-7.1, 113.1, 13.0));
        assert!((b.0 - 2.0 * a.0).abs() < 1e-6 && (b.1 - 2.0 * a.1).abs() < 1e-6);
        // South of the equator is further down the map.
        assert!(project(-7.1, 113.1, 10.0).1 > project(0.0, 113.1, 10.0).1);
    }

    #[test]
    fn a_desa_seen_from_afar_is_one_group_holding_every_house() {
        let points = houses(20, 0.0005);
        let groups = cluster(&points, 10.0);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members.len(), 400);
        assert!((groups[0].lat - (-7.10 + 19.0 * 0.0005 / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn zooming_in_splits_groups_and_every_house_stays_in_exactly_one() {
        let points = houses(30, 0.0004);
        let mut previous = 0;
        for zoom in [12.0, 14.0, 15.0, 16.0] {
            let groups = cluster(&points, zoom);
            let mut seen: Vec<usize> = groups.iter().flat_map(|g| g.members.clone()).collect();
            seen.sort();
            assert_eq!(seen, (0..900).collect::<Vec<_>>(), "zoom {zoom}");
            assert!(
                groups.len() > previous,
                "zoom {zoom}: {} groups",
                groups.len()
            );
            previous = groups.len();
        }
    }

    #[test]
    fn no_two_pins_of_a_group_are_further_apart_than_twice_the_radius() {
        let points = houses(25, 0.0003);
        let zoom = 15.0;
        for group in cluster(&points, zoom) {
            let at: Vec<(f64, f64)> = group
                .members
                .iter()
                .map(|i| project(points[*i].1, points[*i].2, zoom))
                .collect();
            for a in &at {
                for b in &at {
                    assert!((a.0 - b.0).hypot(a.1 - b.1) <= 2.0 * RADIUS_PX + 1e-6);
                }
            }
        }
    }

    #[test]
    fn close_up_every_house_is_its_own_pin() {
        let points = houses(5, 0.00001);
        let groups = cluster(&points, SEPARATE_FROM_ZOOM);
        assert_eq!(groups.len(), 25);
        // A handful of houses is never grouped, however far the map is zoomed out.
        let few = houses(7, 0.00001);
        assert_eq!(cluster(&few, 10.0).len(), 49);
        let many = houses(8, 0.00001);
        assert_eq!(cluster(&many, 10.0).len(), 1);
        assert!(groups.iter().all(|g| g.members.len() == 1));
        assert!(cluster::<usize>(&[], 12.0).is_empty());
    }
}
