//! Where houses stand: distances on the ground, and the check that a house pin lies within the
//! cloud of its desa's other houses. Tepat has no desa boundaries (they are not published for
//! every desa), so the neighbours' pins stand in for the desa's area: a pin far beyond where the
//! desa's houses are is most likely a slip of the finger or a GPS fix taken elsewhere.

use crate::family::HouseLocation;
use crate::text::format_number_id;

/// Mean Earth radius in metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The fewest neighbours that make a cloud worth comparing with.
pub const MIN_NEIGHBOURS: usize = 5;

/// A pin is flagged beyond this distance from the cloud's centre, whatever the spread...
pub const MIN_FLAG_DISTANCE_M: f64 = 1_500.0;

/// ...and beyond this many times the cloud's typical distance from its centre.
pub const SPREAD_FACTOR: f64 = 4.0;

/// The great-circle distance between two points, in metres (haversine).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// The point `east_m` east and `north_m` north of `from` (small distances; for tests and for
/// placing things near a pin).
pub fn offset(from: (f64, f64), east_m: f64, north_m: f64) -> (f64, f64) {
    let lat = from.0 + (north_m / EARTH_RADIUS_M).to_degrees();
    let lon = from.1 + (east_m / (EARTH_RADIUS_M * from.0.to_radians().cos())).to_degrees();
    (lat, lon)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// A pin far from its neighbours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FarPin {
    /// From the pin to the centre of the neighbours' pins, in metres.
    pub distance_m: f64,
    /// The neighbours' typical (median) distance from that centre, in metres.
    pub typical_m: f64,
}

impl FarPin {
    /// The warning, in Indonesian.
    pub fn message_id(&self) -> String {
        format!(
            "Titik rumah berjarak {} dari pusat rumah-rumah lain di desa ini (biasanya dalam {}). \
             Periksa apakah titiknya sudah benar.",
            describe_distance(self.distance_m),
            describe_distance(self.typical_m.max(1.0)),
        )
    }
}

/// A distance as people say it: `850 m`, `4,2 km`.
pub fn describe_distance(metres: f64) -> String {
    if metres < 1_000.0 {
        format!("{} m", format_number_id(metres.round() as u64))
    } else {
        let tenths = (metres / 100.0).round() as u64;
        format!("{},{} km", format_number_id(tenths / 10), tenths % 10)
    }
}

/// Where a desa's houses are: the centre of their pins (the median point) and their typical
/// (median) distance from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cloud {
    /// The median point.
    pub centre: (f64, f64),
    /// The pins' median distance from the centre, in metres.
    pub typical_m: f64,
}

impl Cloud {
    /// The cloud of `pins`; `None` with fewer than [`MIN_NEIGHBOURS`]: too few to know where
    /// the desa is.
    pub fn of(pins: &[(f64, f64)]) -> Option<Cloud> {
        if pins.len() < MIN_NEIGHBOURS {
            return None;
        }
        let centre = (
            median(pins.iter().map(|p| p.0).collect()),
            median(pins.iter().map(|p| p.1).collect()),
        );
        let typical_m = median(pins.iter().map(|p| distance_m(*p, centre)).collect());
        Some(Cloud { centre, typical_m })
    }

    /// How far from the centre a pin may lie before it is flagged: [`MIN_FLAG_DISTANCE_M`], or
    /// [`SPREAD_FACTOR`] times the typical distance when that is more.
    pub fn reach_m(&self) -> f64 {
        MIN_FLAG_DISTANCE_M.max(SPREAD_FACTOR * self.typical_m)
    }

    /// Whether `at` lies beyond the reach; with the distance when it does.
    pub fn far(&self, at: (f64, f64)) -> Option<FarPin> {
        let distance_m = distance_m(at, self.centre);
        (distance_m > self.reach_m()).then_some(FarPin {
            distance_m,
            typical_m: self.typical_m,
        })
    }
}

/// Whether `pin` lies far outside the cloud of `neighbours` (the desa's other pins): farther
/// from their centre than the cloud's reach ([`Cloud::reach_m`]). `None` with fewer than
/// [`MIN_NEIGHBOURS`] neighbours.
pub fn far_from_neighbours(pin: &HouseLocation, neighbours: &[(f64, f64)]) -> Option<FarPin> {
    Cloud::of(neighbours)?.far((pin.lat, pin.lon))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::LocationSource;

    const LOMBANG: (f64, f64) = (-7.1041, 113.1431);

    fn pin(at: (f64, f64)) -> HouseLocation {
        HouseLocation {
            lat: at.0,
            lon: at.1,
            accuracy_m: None,
            source: LocationSource::Manual,
        }
    }

    /// Twenty houses within about 400 m of the desa's centre.
    fn desa() -> Vec<(f64, f64)> {
        (0..20)
            .map(|i| {
                let angle = f64::from(i) * 0.9;
                let r = 40.0 + 18.0 * f64::from(i);
                offset(LOMBANG, r * angle.cos(), r * angle.sin())
            })
            .collect()
    }

    #[test]
    fn distances_on_the_ground() {
        let east = offset(LOMBANG, 30.0, 0.0);
        assert!((distance_m(LOMBANG, east) - 30.0).abs() < 0.01);
        let north = offset(LOMBANG, 0.0, 1_000.0);
        assert!((distance_m(LOMBANG, north) - 1_000.0).abs() < 0.1);
        // Bangkalan to Surabaya, about 25 km.
        let d = distance_m((-7.0455, 112.7351), (-7.2575, 112.7521));
        assert!((23_000.0..25_000.0).contains(&d), "{d}");
        assert_eq!(describe_distance(850.4), "850 m");
        assert_eq!(describe_distance(4_230.0), "4,2 km");
        assert_eq!(describe_distance(12_960.0), "13,0 km");
    }

    #[test]
    fn a_pin_among_its_neighbours_is_not_flagged() {
        let houses = desa();
        assert_eq!(
            far_from_neighbours(&pin(offset(LOMBANG, 300.0, -200.0)), &houses),
            None
        );
        // At the cloud's edge, a little beyond the farthest house.
        assert_eq!(
            far_from_neighbours(&pin(offset(LOMBANG, 0.0, 700.0)), &houses),
            None
        );
    }

    #[test]
    fn a_pin_in_another_desa_is_flagged_with_how_far() {
        let far = far_from_neighbours(&pin(offset(LOMBANG, 4_200.0, 0.0)), &desa()).unwrap();
        assert!((far.distance_m - 4_200.0).abs() < 150.0, "{far:?}");
        assert!(far.typical_m < 400.0);
        assert!(far.message_id().starts_with("Titik rumah berjarak 4,"));
        // The GPS of a tablet left in the kabupaten office: tens of km away.
        let office = far_from_neighbours(&pin((-7.0455, 112.7351)), &desa()).unwrap();
        assert!(office.distance_m > 40_000.0);
    }

    #[test]
    fn too_few_neighbours_say_nothing() {
        let houses: Vec<_> = desa().into_iter().take(MIN_NEIGHBOURS - 1).collect();
        assert_eq!(
            far_from_neighbours(&pin((-7.0455, 112.7351)), &houses),
            None
        );
    }

    #[test]
    fn a_spread_out_desa_allows_more() {
        // Houses scattered over 3 km: a pin 2 km out is within four times the spread.
        let wide: Vec<_> = (0..12)
            .map(|i| {
                let angle = f64::from(i) * 0.52;
                offset(LOMBANG, 1_500.0 * angle.cos(), 1_500.0 * angle.sin())
            })
            .collect();
        assert_eq!(
            far_from_neighbours(&pin(offset(LOMBANG, 2_000.0, 0.0)), &wide),
            None
        );
    }
}
