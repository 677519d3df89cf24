//! What a pin's colour says: the status of the family's proposals (the ui.md colours) or, on
//! the switch, its local decile on a sequential scale, desil 1 darkest. The legend lists the
//! classes present with their counts, in words (colour is never the only signal), and a tap on
//! one narrows the map and the list to it. Pure, so `cargo test` proves it.

use crate::i18n::{Lang, Text};
use tepat_domain::workflow::StatusCategory;

/// What the pins are coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourBy {
    /// The status of the family's proposals.
    #[default]
    Status,
    /// The family's local decile.
    Decile,
}

/// A class of pins: one legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PinClass {
    /// Families with proposals in this status (none: no proposal).
    Status(Option<StatusCategory>),
    /// Families in this decile (none: not ranked yet).
    Decile(Option<u8>),
}

/// How a class is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    /// Fill colour.
    pub fill: &'static str,
    /// Outline colour (dark where the fill is pale).
    pub outline: &'static str,
    /// CSS class of the pin (`status-…` or `decile-…`): tests and styles read it.
    pub class: String,
}

/// Desil 1 (the poorest tenth) darkest, desil 10 palest: ColorBrewer's PuBu, extended.
const DECILE_FILLS: [&str; 10] = [
    "#023858", "#045a8d", "#0570b0", "#3690c0", "#74a9cf", "#a6bddb", "#c6cde4", "#dcdcec",
    "#ece7f2", "#fff7fb",
];
const GREY: &str = "#5b6472";
const WHITE_OUTLINE: &str = "#ffffff";
const DARK_OUTLINE: &str = "#374151";

impl PinClass {
    /// The class of a family with this status and decile.
    pub fn of(by: ColourBy, status: Option<StatusCategory>, decile: Option<u8>) -> PinClass {
        match by {
            ColourBy::Status => PinClass::Status(status),
            ColourBy::Decile => PinClass::Decile(decile.filter(|d| (1..=10).contains(d))),
        }
    }

    /// Every class of `by`, in legend order.
    pub fn all(by: ColourBy) -> Vec<PinClass> {
        use StatusCategory as C;
        match by {
            ColourBy::Status => std::iter::once(None)
                .chain(
                    [
                        C::Draft,
                        C::WaitingForMusdes,
                        C::InApprovalChain,
                        C::Returned,
                        C::Final,
                        C::Closed,
                    ]
                    .map(Some),
                )
                .map(PinClass::Status)
                .collect(),
            ColourBy::Decile => (1..=10)
                .map(Some)
                .chain(std::iter::once(None))
                .map(PinClass::Decile)
                .collect(),
        }
    }

    /// How pins of this class are drawn.
    pub fn look(self) -> Look {
        use StatusCategory as C;
        let (fill, outline, class) = match self {
            PinClass::Status(status) => {
                let (fill, name) = match status {
                    None => (GREY, "none"),
                    Some(C::Draft) => (GREY, "draft"),
                    Some(C::WaitingForMusdes) => ("#1d4ed8", "musdes"),
                    Some(C::InApprovalChain) => ("#b45309", "chain"),
                    Some(C::Returned) => ("#b42318", "returned"),
                    Some(C::Final) => ("#0f5132", "final"),
                    Some(C::Closed) => ("#ffffff", "closed"),
                };
                let outline = if status == Some(C::Closed) {
                    DARK_OUTLINE
                } else {
                    WHITE_OUTLINE
                };
                (fill, outline, format!("status-{name}"))
            }
            PinClass::Decile(None) => (GREY, WHITE_OUTLINE, "decile-none".to_owned()),
            PinClass::Decile(Some(d)) => {
                let fill = DECILE_FILLS[usize::from(d.clamp(1, 10)) - 1];
                let outline = if d >= 6 { DARK_OUTLINE } else { WHITE_OUTLINE };
                (fill, outline, format!("decile-{d}"))
            }
        };
        Look {
            fill,
            outline,
            class,
        }
    }

    /// The legend's words for this class.
    pub fn label(self, lang: Lang) -> String {
        use StatusCategory as C;
        let pick = |id: &str, en: &str| match lang {
            Lang::Id => id.to_owned(),
            Lang::En => en.to_owned(),
        };
        match self {
            PinClass::Status(None) => Text::NoProposal.get(lang).to_owned(),
            PinClass::Status(Some(c)) => match c {
                C::Draft => pick("Draf", "Draft"),
                C::WaitingForMusdes => pick("Menunggu musdes", "Waiting for musdes"),
                C::InApprovalChain => pick("Dalam persetujuan", "In approval"),
                C::Returned => pick("Dikembalikan", "Returned"),
                C::Final => pick("Masuk register", "In the register"),
                C::Closed => pick("Selesai/ditolak", "Closed"),
            },
            PinClass::Decile(Some(d)) => match (d, lang) {
                (1, Lang::Id) => "Desil 1 (termiskin)".to_owned(),
                (1, Lang::En) => "Decile 1 (poorest)".to_owned(),
                (d, Lang::Id) => format!("Desil {d}"),
                (d, Lang::En) => format!("Decile {d}"),
            },
            PinClass::Decile(None) => pick("Belum berperingkat", "Not ranked yet"),
        }
    }
}

/// The legend: each class of `by` that some family has, with how many, in legend order.
pub fn legend(
    by: ColourBy,
    families: impl IntoIterator<Item = (Option<StatusCategory>, Option<u8>)>,
) -> Vec<(PinClass, usize)> {
    let mut counts: std::collections::HashMap<PinClass, usize> = Default::default();
    for (status, decile) in families {
        *counts.entry(PinClass::of(by, status, decile)).or_insert(0) += 1;
    }
    PinClass::all(by)
        .into_iter()
        .filter_map(|class| counts.get(&class).map(|n| (class, *n)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatusCategory as C;

    #[test]
    fn status_pins_keep_the_ui_colours_and_closed_ones_a_dark_outline() {
        let look = PinClass::of(ColourBy::Status, Some(C::WaitingForMusdes), Some(1)).look();
        assert_eq!(
            (look.fill, look.class.as_str()),
            ("#1d4ed8", "status-musdes")
        );
        let closed = PinClass::Status(Some(C::Closed)).look();
        assert_eq!((closed.fill, closed.outline), ("#ffffff", DARK_OUTLINE));
        assert_eq!(PinClass::Status(None).look().class, "status-none");
    }

    #[test]
    fn deciles_run_from_darkest_to_palest_and_out_of_range_is_unranked() {
        let luminance = |hex: &str| {
            let v = u32::from_str_radix(&hex[1..], 16).unwrap();
            let (r, g, b) = ((v >> 16) & 255, (v >> 8) & 255, v & 255);
            299 * r + 587 * g + 114 * b
        };
        let fills: Vec<u32> = (1..=10)
            .map(|d| luminance(PinClass::Decile(Some(d)).look().fill))
            .collect();
        assert!(fills.windows(2).all(|w| w[0] < w[1]), "{fills:?}");
        assert_eq!(
            PinClass::of(ColourBy::Decile, None, Some(11)),
            PinClass::Decile(None)
        );
        assert_eq!(PinClass::Decile(Some(3)).look().class, "decile-3");
    }

    #[test]
    fn the_legend_lists_present_classes_in_order_with_counts() {
        let families = [
            (Some(C::Returned), Some(4)),
            (None, Some(1)),
            (Some(C::Draft), Some(1)),
            (None, None),
        ];
        assert_eq!(
            legend(ColourBy::Status, families),
            [
                (PinClass::Status(None), 2),
                (PinClass::Status(Some(C::Draft)), 1),
                (PinClass::Status(Some(C::Returned)), 1),
            ]
        );
        assert_eq!(
            legend(ColourBy::Decile, families),
            [
                (PinClass::Decile(Some(1)), 2),
                (PinClass::Decile(Some(4)), 1),
                (PinClass::Decile(None), 1),
            ]
        );
        assert_eq!(
            PinClass::Decile(Some(1)).label(Lang::Id),
            "Desil 1 (termiskin)"
        );
    }
}
