//! The generator's invariants on a small kabupaten (2,000 families).

use super::*;
use crate::store::MemoryStore;
use std::collections::{HashMap, HashSet};
use tepat_domain::RegionLevel;
use tepat_domain::workflow::{ProposalState, allowed_steps};

const N: usize = 2_000;

fn params() -> Params {
    Params {
        families: N,
        seed: 7,
        now: "2026-11-23T03:00:00Z".parse().unwrap(),
    }
}

fn generated() -> Vec<GeneratedDesa> {
    generate_all(&params(), &ScoringScheme::default_v1())
}

fn families(all: &[GeneratedDesa]) -> Vec<&Family> {
    all.iter()
        .flat_map(|d| d.households.iter().map(|h| &h.family))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_kabupaten_and_another_seed_another() {
    let scheme = ScoringScheme::default_v1();
    let a = generate_all(&params(), &scheme);
    let b = generate_all(&params(), &scheme);
    assert_eq!(families(&a), families(&b));
    let proposals = |all: &[GeneratedDesa]| {
        all.iter()
            .flat_map(|d| d.year.proposals.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(proposals(&a), proposals(&b));
    let other = generate_all(
        &Params {
            seed: 8,
            ..params()
        },
        &scheme,
    );
    assert_ne!(families(&a), families(&other));
}

#[test]
fn counts_add_up_over_every_real_desa_of_bangkalan() {
    let plan = places::kabupaten(N, 7);
    let official: HashSet<RegionCode> = crate::regions::regions_of("35.26")
        .unwrap()
        .into_iter()
        .filter(|r| r.level == RegionLevel::Desa)
        .map(|r| r.code)
        .collect();
    assert_eq!(plan.len(), 281);
    assert_eq!(plan.iter().map(|d| d.families).sum::<usize>(), N);
    assert!(plan.iter().all(|d| official.contains(&d.code)));
    // Sizes vary: the largest desa holds several times the smallest.
    let big = plan.iter().map(|d| d.families).max().unwrap();
    let small = plan.iter().map(|d| d.families).min().unwrap();
    assert!(big >= 3 * small.max(1), "{small}..{big}");
    let at_500k = places::kabupaten(500_000, 7);
    let (small, big) = (
        at_500k.iter().map(|d| d.families).min().unwrap(),
        at_500k.iter().map(|d| d.families).max().unwrap(),
    );
    assert!(
        small >= 200 && (3_000..10_000).contains(&big),
        "{small}..{big}"
    );

    let all = generated();
    let families = families(&all);
    assert_eq!(families.len(), N);
    for desa in &all {
        assert_eq!(desa.households.len(), desa.place.families);
        assert!(
            desa.households
                .iter()
                .all(|h| h.family.desa == desa.place.code)
        );
    }
    let kecamatan: HashSet<_> = families.iter().map(|f| f.desa.parent().unwrap()).collect();
    assert_eq!(kecamatan.len(), 18);
}

#[test]
fn nik_and_kk_are_valid_unique_and_of_the_familys_kecamatan() {
    let all = generated();
    let families = families(&all);
    let mut niks = HashSet::new();
    let mut kks = HashSet::new();
    for family in &families {
        let kecamatan = family.desa.parent().unwrap().digits();
        assert!(family.kk.as_str().starts_with(&kecamatan));
        assert!(kks.insert(family.kk.clone()), "KK ganda {}", family.kk);
        for member in &family.members {
            assert!(member.nik.as_str().starts_with(&kecamatan));
            assert!(niks.insert(member.nik.clone()), "NIK ganda {}", member.nik);
        }
    }
    // Parsing validated every number when it was made; the domain's checks find no error.
    let today = jiff::civil::date(2026, 11, 23);
    for family in &families {
        let findings = tepat_domain::checks::check_family(family, today);
        assert!(
            !tepat_domain::checks::has_errors(&findings),
            "{}: {findings:?}",
            family.id
        );
        assert!(family.demo);
    }
}

#[test]
fn households_are_plausible() {
    let all = generated();
    let families = families(&all);
    let sizes: Vec<usize> = families.iter().map(|f| f.members.len()).collect();
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    assert!((3.4..4.0).contains(&mean), "mean household {mean}");
    assert!(sizes.iter().all(|s| (1..=9).contains(s)));
    let today = jiff::civil::date(2026, 11, 23);
    for family in &families {
        let head = family.head().expect("a head");
        assert!(head.birth_date <= today.saturating_sub(jiff::Span::new().years(20)));
        for member in &family.members {
            assert!(member.birth_date <= today);
            if member.relation == tepat_domain::Relation::Istri {
                assert_eq!(member.sex, tepat_domain::Sex::Female);
            }
            if member.relation == tepat_domain::Relation::Anak {
                assert!(
                    member.birth_date > head.birth_date,
                    "a child younger than the head"
                );
                // Whoever in the family bears the mother's name is a woman.
                for m in &family.members {
                    if m.name == member.mother_name {
                        assert_eq!(m.sex, tepat_domain::Sex::Female, "{}", family.id);
                    }
                }
            }
        }
    }
    let share = |count: usize| count as f64 / families.len() as f64;
    let pinned = share(families.iter().filter(|f| f.location.is_some()).count());
    let photo = share(families.iter().filter(|f| f.photos.front.is_some()).count());
    assert!((0.86..0.94).contains(&pinned), "pinned {pinned}");
    assert!((0.65..0.75).contains(&photo), "photo {photo}");
}

#[test]
fn pins_lie_near_their_desa_inside_the_kabupaten() {
    let all = generated();
    for desa in &all {
        let (s, w, n, e) = places::EXTENT;
        let (lat, lon) = desa.place.centre;
        assert!(
            (s..n).contains(&lat) && (w..e).contains(&lon),
            "{}",
            desa.place.code
        );
        for household in &desa.households {
            if let Some(pin) = &household.family.location {
                let away = tepat_domain::geo::distance_m(desa.place.centre, (pin.lat, pin.lon));
                assert!(away < 2_500.0, "{} m from {}", away, desa.place.code);
            }
        }
    }
    // The 25 loci keep the positions the demo data gives them.
    for (code, lat, lon) in crate::demo::LOCI_DESA {
        let desa = all.iter().find(|d| d.place.code.as_str() == code).unwrap();
        assert_eq!(desa.place.centre, (lat, lon));
        assert!(desa.place.locus);
    }
}

#[test]
fn the_loci_are_poorer_and_programmes_miss_some_poor_and_reach_some_better_off() {
    let scheme = ScoringScheme::default_v1();
    let all = generated();
    let mean_score = |locus: bool| {
        let scores: Vec<i64> = all
            .iter()
            .filter(|d| d.place.locus == locus)
            .flat_map(|d| d.households.iter().map(|h| h.family.score(&scheme).total))
            .collect();
        scores.iter().sum::<i64>() as f64 / scores.len() as f64
    };
    assert!(mean_score(true) > mean_score(false) + 5.0);
    let households: Vec<&Household> = all.iter().flat_map(|d| &d.households).collect();
    let receives = |h: &Household| {
        h.family
            .instrument
            .programmes
            .as_ref()
            .is_some_and(|p| !p.is_empty())
    };
    let poor_missed = households
        .iter()
        .filter(|h| h.welfare < 0.3 && !receives(h))
        .count();
    let better_off_helped = households
        .iter()
        .filter(|h| h.welfare > 0.6 && receives(h))
        .count();
    let poor_helped = households
        .iter()
        .filter(|h| h.welfare < 0.3 && receives(h))
        .count();
    assert!(poor_helped > poor_missed, "{poor_helped} {poor_missed}");
    assert!(poor_missed > 0 && better_off_helped > 0);
}

#[test]
fn proposals_reach_every_state_by_allowed_steps_within_the_last_year() {
    // Enough families for some hundreds of proposals, so that every state is drawn.
    let all = generate_all(
        &Params {
            families: 8_000,
            ..params()
        },
        &ScoringScheme::default_v1(),
    );
    let now = params().now;
    let a_year_ago = now - jiff::Span::new().hours(24 * 400);
    let ids: HashSet<FamilyId> = families(&all).iter().map(|f| f.id).collect();
    let mut states: HashMap<ProposalState, usize> = HashMap::new();
    for desa in &all {
        for proposal in &desa.year.proposals {
            assert!(ids.contains(&proposal.family));
            *states.entry(proposal.state).or_default() += 1;
            assert!(proposal.created_at > a_year_ago && proposal.created_at <= now);
            let mut state = ProposalState::Draft;
            let mut at = proposal.created_at;
            for step in &proposal.steps {
                assert_eq!(step.from, state);
                assert!(step.at >= at && step.at <= now, "{step:?}");
                state = step.to;
                at = step.at;
            }
            assert_eq!(state, proposal.state);
        }
        // Every decided proposal sits on a closed meeting's agenda, decided the same way.
        for proposal in &desa.year.proposals {
            if let Some(decision) = proposal.steps.iter().find_map(|s| match s.step {
                tepat_domain::workflow::Step::RecordMusdesDecision { accepted } => Some(accepted),
                _ => None,
            }) {
                let on_agenda = desa.year.musdes.iter().any(|m| {
                    m.closed.is_some()
                        && m.agenda.iter().any(|i| {
                            i.proposal == proposal.id
                                && i.decision.as_ref().map(|d| d.accepted) == Some(decision)
                        })
                });
                assert!(on_agenda, "{}", proposal.id);
            }
        }
    }
    for state in ProposalState::ALL {
        assert!(
            states.get(&state).copied().unwrap_or(0) > 0,
            "no proposal {state:?}: {states:?}"
        );
    }
    // The chain's roles have work waiting.
    let waiting = states[&ProposalState::KecamatanCheck];
    assert!(
        !allowed_steps(
            ProposalState::KecamatanCheck,
            tepat_domain::workflow::Actor::User(tepat_domain::Role::PengelolaKecamatan)
        )
        .is_empty()
            && waiting > 0
    );
    let held = all
        .iter()
        .flat_map(|d| &d.year.musdes)
        .filter(|m| m.closed.is_some())
        .count();
    assert!(held > 281, "{held} meetings held");
}

#[test]
fn generating_into_a_store_writes_everything_and_the_demo_logins() {
    let store = MemoryStore::new();
    let kabupaten = RegionCode::parse("35.26").unwrap();
    crate::bootstrap::prepare(&store, &kabupaten, false, params().now).unwrap();
    let summary = generate(&store, &params(), &mut |_, _| {}).unwrap();
    assert_eq!(summary.families, N as u64);
    assert_eq!(store.family_count().unwrap(), N as u64);
    assert_eq!(
        store.proposals_in(&kabupaten).unwrap().len() as u64,
        summary.proposals
    );
    assert_eq!(
        store.musdes_in(&kabupaten).unwrap().len() as u64,
        summary.musdes
    );
    assert!(store.user("dinsos").unwrap().is_some());
    assert!(store.user("op.lombangdajah").unwrap().is_some());
    let family = store.families_in(&kabupaten).unwrap()[0].clone();
    let scores = store.scores_of(family.id).unwrap();
    assert_eq!(scores.len(), 1);
    assert_eq!(scores[0].ranked_among, N as u32);
    assert!(scores[0].rank.is_some());
    // A tablet's first pull gets the desa's families.
    let lombang = RegionCode::parse("35.26.15.2012").unwrap();
    let in_desa = store.families_in(&lombang).unwrap().len() as u64;
    assert_eq!(store.count_changes_after(&lombang, 0).unwrap(), in_desa);
    // The server's own start finds nothing to add: no demo families on top.
    let prepared = crate::bootstrap::prepare(&store, &kabupaten, true, params().now).unwrap();
    assert!(prepared.has_users);
    assert_eq!(store.family_count().unwrap(), N as u64);
    let meta: Summary =
        serde_json::from_str(&store.meta(META_SYNTHETIC).unwrap().unwrap()).unwrap();
    assert_eq!(meta.families, N as u64);
    // A second run on the same folder is refused.
    assert!(generate(&store, &params(), &mut |_, _| {}).is_err());
}
