//! Where the synthetic families live: Bangkalan's real 18 kecamatan and 281 desa (the official
//! list in `regions.rs`), each desa with a made-up centre and a share of the families. There are
//! no official desa coordinates: kecamatan centres are approximate positions inside the
//! kabupaten's real extent, desa are laid on a spiral around their kecamatan's centre, and the 25
//! extreme-poverty loci keep the positions `demo.rs` gives them. Deterministic from the seed.

use crate::demo::{LOCI_DESA, Rng};
use crate::regions::regions_of;
use tepat_domain::{RegionCode, RegionLevel};

/// The kabupaten generated.
pub const KABUPATEN: &str = "35.26";

/// The kabupaten's extent on the map: south, west, north, east (degrees).
pub const EXTENT: (f64, f64, f64, f64) = (-7.20, 112.65, -6.85, 113.20);

/// Approximate centres of Bangkalan's kecamatan (lat, lon), by the kecamatan's last two digits.
const KECAMATAN_CENTRES: [(&str, f64, f64); 18] = [
    ("01", -7.035, 112.745), // Bangkalan (the town)
    ("02", -7.080, 112.700), // Socah
    ("03", -7.045, 112.805), // Burneh
    ("04", -7.160, 112.720), // Kamal
    ("05", -6.955, 112.850), // Arosbaya
    ("06", -7.005, 112.980), // Geger
    ("07", -6.905, 112.900), // Klampis
    ("08", -6.890, 112.990), // Sepulu
    ("09", -6.880, 113.090), // Tanjung Bumi
    ("10", -6.955, 113.140), // Kokop
    ("11", -7.165, 112.860), // Kwanyar
    ("12", -7.135, 112.785), // Labang
    ("13", -7.100, 112.930), // Tanah Merah
    ("14", -7.070, 112.865), // Tragah
    ("15", -7.120, 113.140), // Blega
    ("16", -7.150, 113.040), // Modung
    ("17", -7.045, 113.175), // Konang
    ("18", -7.085, 113.030), // Galis
];

/// One desa of the generated kabupaten.
#[derive(Debug, Clone, PartialEq)]
pub struct DesaPlace {
    /// Its official code.
    pub code: RegionCode,
    /// Its official name.
    pub name: String,
    /// Its position among its kecamatan's desa (0-based, by code); keeps NIK serials apart.
    pub local_index: u32,
    /// Its position in the kabupaten's list (0-based, by code).
    pub index: u32,
    /// The made-up centre (lat, lon).
    pub centre: (f64, f64),
    /// How many families to generate in it.
    pub families: usize,
    /// The desa's typical welfare, 0 (poorest) to 1: lower in the loci and in the hills of the
    /// north and east, higher in the town and near the bridge.
    pub welfare: f64,
    /// One of the 25 extreme-poverty loci.
    pub locus: bool,
}

/// A normally distributed number (Box–Muller), mean 0, deviation 1.
pub(crate) fn gauss(rng: &mut Rng) -> f64 {
    let u1 = ((rng.bits() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
    let u2 = (rng.bits() >> 11) as f64 / (1u64 << 53) as f64;
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Every desa of the kabupaten with its centre and its share of `families` (largest remainder
/// of lognormal weights, so desa range from a few hundred to a few thousand families at 500,000).
pub fn kabupaten(families: usize, seed: u64) -> Vec<DesaPlace> {
    let regions = regions_of(KABUPATEN).expect("Bangkalan is in the embedded region list");
    let mut rng = Rng(seed ^ 0xD15A_0000_0000_0035);
    let mut out: Vec<DesaPlace> = Vec::new();
    let mut per_kecamatan: std::collections::HashMap<RegionCode, u32> = Default::default();
    let mut weights = Vec::new();
    for region in regions.iter().filter(|r| r.level == RegionLevel::Desa) {
        let kecamatan = region.code.parent().expect("a desa has a kecamatan");
        let local_index = per_kecamatan.entry(kecamatan.clone()).or_default();
        let suffix = &kecamatan.as_str()[6..];
        let (_, klat, klon) = KECAMATAN_CENTRES
            .iter()
            .find(|(k, ..)| *k == suffix)
            .copied()
            .expect("every Bangkalan kecamatan has a centre");
        let locus = LOCI_DESA
            .iter()
            .find(|(code, ..)| *code == region.code.as_str());
        let centre = match locus {
            Some((_, lat, lon)) => (*lat, *lon),
            None => {
                // A golden-angle spiral: desa about 1.5 km apart, the first at the centre.
                let i = *local_index as f64;
                let radius = 0.013 * (i + 0.3).sqrt();
                let angle = i * 2.399_963 + (rng.unit() * 0.4);
                (
                    (klat + radius * angle.sin()).clamp(EXTENT.0 + 0.01, EXTENT.2 - 0.01),
                    (klon + radius * angle.cos()).clamp(EXTENT.1 + 0.01, EXTENT.3 - 0.01),
                )
            }
        };
        // Kelurahan (codes 1xxx) and each kecamatan's first desa are the busier places.
        let town = region.code.as_str()[9..].starts_with('1') || *local_index == 0;
        let mut weight = (0.55 * gauss(&mut rng)).exp();
        if town {
            weight *= 1.6;
        }
        let weight = weight.clamp(0.25, 3.2);
        weights.push(weight);
        let base = match suffix {
            "01" | "04" => 0.62,
            "02" | "03" | "12" => 0.52,
            "10" | "17" | "06" | "16" => 0.36,
            _ => 0.45,
        };
        let welfare = if locus.is_some() { 0.26 } else { base } + 0.05 * gauss(&mut rng);
        out.push(DesaPlace {
            code: region.code.clone(),
            name: region.name.clone(),
            local_index: *local_index,
            index: out.len() as u32,
            centre,
            families: 0,
            welfare: welfare.clamp(0.1, 0.8),
            locus: locus.is_some(),
        });
        *local_index += 1;
    }
    // Largest remainder: the counts add up to `families` exactly.
    let total: f64 = weights.iter().sum();
    let shares: Vec<f64> = weights
        .iter()
        .map(|w| w / total * families as f64)
        .collect();
    for (desa, share) in out.iter_mut().zip(&shares) {
        desa.families = share.floor() as usize;
    }
    let mut left = families - out.iter().map(|d| d.families).sum::<usize>();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|a, b| {
        let ra = shares[*a] - shares[*a].floor();
        let rb = shares[*b] - shares[*b].floor();
        rb.total_cmp(&ra).then(a.cmp(b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        out[i].families += 1;
        left -= 1;
    }
    out
}
