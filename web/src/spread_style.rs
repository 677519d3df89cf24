//! How the spread map draws what the server counted: each colour class of a colouring with its
//! fill and words (status and decile as on the desa map, `pin_colours`; programmes and extreme
//! poverty in the Okabe–Ito colour-blind-safe palette), a cluster's ring as a CSS conic
//! gradient of its parts, and the legend of a view. Pure, so `cargo test` proves it.

use crate::i18n::Lang;
use crate::pin_colours::PinClass;
use tepat_domain::workflow::StatusCategory;
use tepat_protocol::spread::{ColourBy, SpreadCluster};

/// One class: its fill, a CSS-safe key, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassLook {
    /// Fill colour.
    pub fill: &'static str,
    /// `status-final`, `programme-pkh`, ...: tests and styles read it.
    pub key: String,
    /// Legend words.
    pub label: String,
}

const STATUS_ORDER: [StatusCategory; 6] = [
    StatusCategory::Draft,
    StatusCategory::WaitingForMusdes,
    StatusCategory::InApprovalChain,
    StatusCategory::Returned,
    StatusCategory::Final,
    StatusCategory::Closed,
];

fn pick(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id => id.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn from_pin(class: PinClass, lang: Lang) -> ClassLook {
    let look = class.look();
    ClassLook {
        fill: look.fill,
        key: look.class,
        label: class.label(lang),
    }
}

/// The classes of a colouring, in the order of a cluster's `parts`.
pub fn classes(by: ColourBy, lang: Lang) -> Vec<ClassLook> {
    let own = |fill: &'static str, key: &str, label: String| ClassLook {
        fill,
        key: key.to_owned(),
        label,
    };
    match by {
        ColourBy::Status => std::iter::once(PinClass::Status(None))
            .chain(STATUS_ORDER.map(|s| PinClass::Status(Some(s))))
            .map(|c| from_pin(c, lang))
            .collect(),
        ColourBy::Decile => std::iter::once(PinClass::Decile(None))
            .chain((1..=10).map(|d| PinClass::Decile(Some(d))))
            .map(|c| from_pin(c, lang))
            .collect(),
        ColourBy::Programme => vec![
            own(
                "#5b6472",
                "programme-none",
                pick(lang, "Tidak menerima", "Receives none"),
            ),
            own("#0072b2", "programme-pkh", "PKH".to_owned()),
            own(
                "#009e73",
                "programme-bpnt",
                pick(lang, "BPNT (tanpa PKH)", "BPNT (no PKH)"),
            ),
            own(
                "#cc79a7",
                "programme-pbijk",
                pick(lang, "Hanya PBI-JK", "PBI-JK only"),
            ),
            own(
                "#e69f00",
                "programme-other",
                pick(lang, "Program lain (BLT, PIP)", "Other (BLT, PIP)"),
            ),
        ],
        ColourBy::Extreme => vec![
            own(
                "#5b6472",
                "extreme-unknown",
                pick(lang, "Belum diketahui", "Unknown"),
            ),
            own(
                "#d55e00",
                "extreme-yes",
                pick(lang, "Miskin ekstrem", "Extreme poor"),
            ),
            own(
                "#56b4e9",
                "extreme-no",
                pick(lang, "Bukan miskin ekstrem", "Not extreme poor"),
            ),
        ],
    }
}

/// A cluster's ring: its parts as slices of a conic gradient, in class order.
pub fn ring(parts: &[u32], looks: &[ClassLook]) -> String {
    let total: u32 = parts.iter().sum();
    if total == 0 {
        return "#5b6472".to_owned();
    }
    let mut stops = Vec::new();
    let mut from = 0u32;
    for (n, look) in parts.iter().zip(looks) {
        if *n == 0 {
            continue;
        }
        let to = from + n;
        stops.push(format!(
            "{} {:.1}% {:.1}%",
            look.fill,
            f64::from(from) * 100.0 / f64::from(total),
            f64::from(to) * 100.0 / f64::from(total)
        ));
        from = to;
    }
    format!("conic-gradient({})", stops.join(","))
}

/// The index of the class most families of a cluster are in.
pub fn main_class(parts: &[u32]) -> usize {
    parts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i)
}

/// The legend of a view: each class with families in view, with how many.
pub fn legend(clusters: &[SpreadCluster], classes: usize) -> Vec<(usize, u32)> {
    let mut sums = vec![0u32; classes];
    for cluster in clusters {
        for (sum, n) in sums.iter_mut().zip(&cluster.parts) {
            *sum += n;
        }
    }
    sums.into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The share `part` of `whole` in words: `12,5%` (Indonesian comma), `–` of nothing.
pub fn share(part: u32, whole: u32, lang: Lang) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let text = format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole));
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colouring_has_as_many_looks_as_the_server_has_classes() {
        for by in ColourBy::ALL {
            assert_eq!(classes(by, Lang::Id).len(), by.classes(), "{by:?}");
            assert_eq!(classes(by, Lang::En).len(), by.classes(), "{by:?}");
        }
        assert_eq!(classes(ColourBy::Status, Lang::Id)[5].key, "status-final");
        assert_eq!(classes(ColourBy::Decile, Lang::Id)[1].key, "decile-1");
    }

    #[test]
    fn a_ring_gives_each_present_class_its_share() {
        let looks = classes(ColourBy::Extreme, Lang::Id);
        assert_eq!(
            ring(&[0, 1, 3], &looks),
            "conic-gradient(#d55e00 0.0% 25.0%,#56b4e9 25.0% 100.0%)"
        );
        assert_eq!(ring(&[0, 0, 0], &looks), "#5b6472");
        assert_eq!(main_class(&[1, 3, 3]), 1, "ties go to the first class");
    }

    #[test]
    fn the_legend_sums_clusters_and_shares_read_as_people_write_them() {
        let cluster = |parts: Vec<u32>| SpreadCluster {
            lat: 0.0,
            lon: 0.0,
            count: parts.iter().sum(),
            bounds: tepat_protocol::spread::Bounds {
                south: 0.0,
                west: 0.0,
                north: 0.0,
                east: 0.0,
            },
            parts,
            family: None,
        };
        let view = [cluster(vec![1, 0, 2]), cluster(vec![0, 0, 5])];
        assert_eq!(legend(&view, 3), vec![(0, 1), (2, 7)]);
        assert_eq!(share(1, 8, Lang::Id), "12,5%");
        assert_eq!(share(1, 8, Lang::En), "12.5%");
        assert_eq!(share(1, 0, Lang::Id), "–");
    }
}
