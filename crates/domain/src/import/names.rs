//! Matching region names typed by people ("Ds. Banyoning Laok", "KEL. LOMBANG DAJA") to the
//! official list. Names are normalised (case, spaces, punctuation, the prefixes "Desa", "Kel.",
//! "Ds." ...); an exact normalised name that is unique is taken; otherwise Jaro-Winkler
//! similarity ranks the candidates (within the kecamatan when it is given): one clearly best
//! above [`LIKELY`] is *likely*, several close ones are *ambiguous* (the user chooses), none
//! above [`CANDIDATE`] is *not found*. A likely match is still shown to the user to confirm:
//! nothing is taken on similarity alone.

use crate::region::RegionCode;

/// Similarity from which one candidate is the likely one (when clearly ahead of the next).
pub const LIKELY: f64 = 0.92;
/// Similarity from which a name is offered as a candidate.
pub const CANDIDATE: f64 = 0.86;
/// How far the best must be ahead of the second to be *likely*.
pub const MARGIN: f64 = 0.04;
/// The most candidates offered for one name.
pub const MAX_CANDIDATES: usize = 5;

/// Words that only say what kind of place follows.
const PREFIXES: &[&str] = &[
    "desa",
    "ds",
    "kel",
    "kelurahan",
    "kec",
    "kecamatan",
    "kab",
    "kabupaten",
];

/// A name reduced for comparison: lower case, letters and digits, single spaces, without the
/// leading "Desa"/"Kel."/"Ds."/"Kecamatan" words. `"Ds. Banyoning  LAOK"` → `"banyoning laok"`.
pub fn normalise(name: &str) -> String {
    let lowered: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = lowered.split_whitespace().collect();
    while words.len() > 1 && PREFIXES.contains(&words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

/// Levenshtein similarity: 1 − edits ÷ the longer length.
pub fn edit_similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let replace = previous[j] + usize::from(ca != cb);
            current.push(replace.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    1.0 - previous[b.len()] as f64 / longest as f64
}

/// Whether `typed` may mean `official`: close by Jaro-Winkler (which favours a shared start),
/// and either close by edits too or the one the other's first words ("Lombang" of
/// "Lombang Dajah"). Names sharing only an ending ("Surabaya", "Arosbaya") are not.
fn close(typed: &str, official: &str) -> Option<f64> {
    let score = jaro_winkler(typed, official);
    let words_prefix = |a: &str, b: &str| b.starts_with(a) && b[a.len()..].starts_with(' ');
    let related = edit_similarity(typed, official) >= 0.6
        || words_prefix(typed, official)
        || words_prefix(official, typed);
    (score >= CANDIDATE && related).then_some(score)
}

/// Jaro-Winkler similarity of two strings (1.0 equal, 0.0 nothing in common).
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_matched = vec![false; a.len()];
    let mut b_matched = vec![false; b.len()];
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let start = i.saturating_sub(window);
        let end = (i + window + 1).min(b.len());
        for j in start..end {
            if !b_matched[j] && b[j] == *ca {
                a_matched[i] = true;
                b_matched[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let a_seq = a
        .iter()
        .zip(&a_matched)
        .filter(|(_, m)| **m)
        .map(|(c, _)| c);
    let b_seq = b
        .iter()
        .zip(&b_matched)
        .filter(|(_, m)| **m)
        .map(|(c, _)| c);
    let transpositions = a_seq.zip(b_seq).filter(|(x, y)| x != y).count() / 2;
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// One official region a typed name may mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its code.
    pub code: RegionCode,
    /// Its official name (`Banyoneng Laok`).
    pub name: String,
    /// The name of the region it lies in (the kecamatan of a desa), for "within the kecamatan".
    pub parent_name: String,
}

/// What a typed name was matched to.
#[derive(Debug, Clone, PartialEq)]
pub enum NameMatch {
    /// The same name (once normalised), or the region's code, and only one region has it.
    Exact(RegionCode),
    /// One candidate is clearly the best and very close (`Banyoning Laok` → `Banyoneng Laok`):
    /// confirm it.
    Likely(RegionCode),
    /// Several candidates, best first: the user chooses.
    Ambiguous(Vec<RegionCode>),
    /// Nothing close.
    NotFound,
}

/// The official places of a kabupaten (or any set), for matching.
#[derive(Debug, Clone, Default)]
pub struct NameMatcher {
    places: Vec<(Place, String, String)>,
}

impl NameMatcher {
    /// A matcher over `places`.
    pub fn new(places: impl IntoIterator<Item = Place>) -> NameMatcher {
        NameMatcher {
            places: places
                .into_iter()
                .map(|p| {
                    let name = normalise(&p.name);
                    let parent = normalise(&p.parent_name);
                    (p, name, parent)
                })
                .collect(),
        }
    }

    /// The place with `code`.
    pub fn place(&self, code: &RegionCode) -> Option<&Place> {
        self.places
            .iter()
            .map(|(p, ..)| p)
            .find(|p| p.code == *code)
    }

    /// Matches `typed` (a name, or a code as `35.26.15.2012` or `3526152012`), within the
    /// region named `parent` when it is given and known.
    pub fn find(&self, typed: &str, parent: Option<&str>) -> NameMatch {
        if let Some(code) = code_of(typed) {
            return match self.places.iter().find(|(p, ..)| p.code == code) {
                Some((p, ..)) => NameMatch::Exact(p.code.clone()),
                None => NameMatch::NotFound,
            };
        }
        let wanted = normalise(typed);
        if wanted.is_empty() {
            return NameMatch::NotFound;
        }
        // Within the parent when it names one (by similarity too: "Kec. Blegah").
        let parent = parent.map(normalise).filter(|p| !p.is_empty());
        let within: Vec<&(Place, String, String)> = match &parent {
            Some(parent) => {
                let inside: Vec<_> = self
                    .places
                    .iter()
                    .filter(|(_, _, p)| p == parent || jaro_winkler(p, parent) >= LIKELY)
                    .collect();
                if inside.is_empty() {
                    self.places.iter().collect()
                } else {
                    inside
                }
            }
            None => self.places.iter().collect(),
        };
        let exact: Vec<&RegionCode> = within
            .iter()
            .filter(|(_, n, _)| *n == wanted)
            .map(|(p, ..)| &p.code)
            .collect();
        match exact.as_slice() {
            [one] => return NameMatch::Exact((*one).clone()),
            [] => {}
            many => return NameMatch::Ambiguous(many.iter().map(|c| (*c).clone()).collect()),
        }
        let mut scored: Vec<(f64, &RegionCode)> = within
            .iter()
            .filter_map(|(p, n, _)| close(&wanted, n).map(|s| (s, &p.code)))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored.truncate(MAX_CANDIDATES);
        match scored.as_slice() {
            [] => NameMatch::NotFound,
            [(best, code), rest @ ..]
                if *best >= LIKELY && rest.first().is_none_or(|(s, _)| best - s >= MARGIN) =>
            {
                NameMatch::Likely((*code).clone())
            }
            _ => NameMatch::Ambiguous(scored.into_iter().map(|(_, c)| c.clone()).collect()),
        }
    }
}

/// A region code typed as `35.26.15.2012` or as its digits `3526152012` (desa), `352615`
/// (kecamatan).
pub fn code_of(typed: &str) -> Option<RegionCode> {
    let typed = typed.trim();
    if let Ok(code) = RegionCode::parse(typed) {
        return Some(code);
    }
    if !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let dotted = match typed.len() {
        10 => format!(
            "{}.{}.{}.{}",
            &typed[..2],
            &typed[2..4],
            &typed[4..6],
            &typed[6..]
        ),
        6 => format!("{}.{}.{}", &typed[..2], &typed[2..4], &typed[4..]),
        _ => return None,
    };
    RegionCode::parse(&dotted).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(code: &str, name: &str, kecamatan: &str) -> Place {
        Place {
            code: RegionCode::parse(code).unwrap(),
            name: name.into(),
            parent_name: kecamatan.into(),
        }
    }

    /// Real Bangkalan desa (server/data/idn-area/villages.csv, kabupaten 35.26).
    fn bangkalan() -> NameMatcher {
        NameMatcher::new([
            place("35.26.06.2002", "Banyoneng Laok", "Geger"),
            place("35.26.06.2013", "Banyoneng Dajah", "Geger"),
            place("35.26.06.2009", "Kampak", "Geger"),
            place("35.26.15.2012", "Lombang Dajah", "Blega"),
            place("35.26.15.2004", "Alas Rajah", "Blega"),
            place("35.26.15.2011", "Lombang Laok", "Blega"),
            place("35.26.09.2006", "Bandang Dajah", "Tanjung Bumi"),
            place("35.26.06.2010", "Campor", "Geger"),
            place("35.26.17.2008", "Campor", "Konang"),
            place("35.26.05.2001", "Arosbaya", "Arosbaya"),
        ])
    }

    fn code(text: &str) -> RegionCode {
        RegionCode::parse(text).unwrap()
    }

    #[test]
    fn names_are_normalised() {
        for (typed, expected) in [
            ("Ds. Banyoning  LAOK", "banyoning laok"),
            ("KEL. Lombang-Dajah", "lombang dajah"),
            ("Desa Alas Rajah ", "alas rajah"),
            ("desa", "desa"),
        ] {
            assert_eq!(normalise(typed), expected, "{typed}");
        }
    }

    #[test]
    fn exact_misspelt_ambiguous_and_unknown_names() {
        let m = bangkalan();
        let cases: &[(&str, Option<&str>, NameMatch)] = &[
            (
                "Desa Banyoneng Laok",
                None,
                NameMatch::Exact(code("35.26.06.2002")),
            ),
            (
                "BANYONING LAOK",
                None,
                NameMatch::Likely(code("35.26.06.2002")),
            ),
            (
                "Lombang Daja",
                Some("Blega"),
                NameMatch::Likely(code("35.26.15.2012")),
            ),
            ("Alas Raja", None, NameMatch::Likely(code("35.26.15.2004"))),
            ("3526152012", None, NameMatch::Exact(code("35.26.15.2012"))),
            (
                "35.26.06.2009",
                None,
                NameMatch::Exact(code("35.26.06.2009")),
            ),
            ("35.26.99.2005", None, NameMatch::NotFound),
            ("Surabaya", None, NameMatch::NotFound),
            // Shares "-baya" with Arosbaya (35.26.05.2001), yet is not offered for it.
            ("Arosbaya", None, NameMatch::Exact(code("35.26.05.2001"))),
            ("", None, NameMatch::NotFound),
            // Two desa of that name in the kabupaten: ask, unless the kecamatan says which.
            (
                "Campor",
                None,
                NameMatch::Ambiguous(vec![code("35.26.06.2010"), code("35.26.17.2008")]),
            ),
            (
                "Campor",
                Some("Kec. Konang"),
                NameMatch::Exact(code("35.26.17.2008")),
            ),
        ];
        for (typed, kecamatan, expected) in cases {
            assert_eq!(
                &m.find(typed, *kecamatan),
                expected,
                "{typed} / {kecamatan:?}"
            );
        }
    }

    #[test]
    fn close_names_in_one_kecamatan_are_asked_about() {
        // "Lombang" alone is as close to Lombang Dajah as to Lombang Laok.
        match bangkalan().find("Lombang", Some("Blega")) {
            NameMatch::Ambiguous(candidates) => {
                assert!(candidates.contains(&code("35.26.15.2012")));
                assert!(candidates.contains(&code("35.26.15.2011")));
            }
            other => panic!("expected a question, got {other:?}"),
        }
    }

    #[test]
    fn jaro_winkler_known_values() {
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 1e-3);
        assert_eq!(jaro_winkler("abc", "abc"), 1.0);
        assert_eq!(jaro_winkler("abc", "xyz"), 0.0);
        assert!((edit_similarity("banyoning laok", "banyoneng laok") - 13.0 / 14.0).abs() < 1e-9);
        assert_eq!(edit_similarity("surabaya", "arosbaya"), 0.5);
    }
}
