//! Web Mercator (the projection of the map's tiles) in whole numbers: a position is a pair of
//! `u32` across the world square, so a pixel at zoom `z` (256-pixel tiles) is the position
//! shifted right by `24 - z`, and clustering needs no floating point.

use std::f64::consts::PI;

/// The highest zoom whose pixels the whole-number positions still tell apart.
pub const MAX_ZOOM: u8 = 24;

const SCALE: f64 = 4_294_967_296.0; // 2^32

/// The world position of a point in degrees (latitudes beyond the projection's ±85.05° are
/// clamped to its edge).
pub fn project(lat: f64, lon: f64) -> (u32, u32) {
    let x = (lon + 180.0) / 360.0;
    let sin = lat.to_radians().sin().clamp(-0.9999, 0.9999);
    let y = 0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * PI);
    (to_u32(x), to_u32(y))
}

/// The degrees (lat, lon) of a world position.
pub fn unproject(x: u32, y: u32) -> (f64, f64) {
    let lon = f64::from(x) / SCALE * 360.0 - 180.0;
    let n = PI - 2.0 * PI * (f64::from(y) / SCALE);
    let lat = n.sinh().atan().to_degrees();
    (lat, lon)
}

/// The same as [`unproject`] for a sum of `count` positions' coordinates (their centre).
pub fn unproject_mean(sum_x: u64, sum_y: u64, count: u64) -> (f64, f64) {
    let count = count.max(1);
    unproject((sum_x / count) as u32, (sum_y / count) as u32)
}

fn to_u32(unit: f64) -> u32 {
    (unit.clamp(0.0, 1.0) * SCALE).min(SCALE - 1.0) as u32
}

/// How many world units one pixel spans at `zoom`.
pub fn units_per_pixel(zoom: u8) -> u32 {
    1u32 << (MAX_ZOOM - zoom.min(MAX_ZOOM))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_comes_back_within_a_centimetre() {
        for (lat, lon) in [(-7.05, 112.93), (0.0, 0.0), (60.5, -120.25), (-45.0, 179.9)] {
            let (x, y) = project(lat, lon);
            let (lat2, lon2) = unproject(x, y);
            assert!((lat - lat2).abs() < 1e-6, "{lat} {lat2}");
            assert!((lon - lon2).abs() < 1e-6, "{lon} {lon2}");
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let (x1, y1) = project(-7.0, 112.9);
        let (x2, y2) = project(-7.1, 113.0);
        assert!(x2 > x1 && y2 > y1);
    }

    #[test]
    fn a_pixel_at_zoom_zero_is_a_256th_of_the_world() {
        assert_eq!(u64::from(units_per_pixel(0)) * 256, 1u64 << 32);
        assert_eq!(units_per_pixel(24), 1);
    }
}
