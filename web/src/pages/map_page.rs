//! "Peta desa": the map of the user's region with every family's house pinned, the family list
//! beside it (below it on a portrait tablet), and the selected family's details. Users above a
//! desa can narrow to a kecamatan or desa.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::backup_panel::BackupPanel;
use crate::components::map_download::MapDownload;
use crate::components::{
    family_detail::FamilyDetail, family_list::FamilyList, map_view::MapView,
    region_picker::RegionPicker, topbar::TopBar, windows_strip::WindowsStrip,
};
use crate::format;
use crate::i18n::Text;
use crate::local;
use crate::pin_colours::{self, ColourBy, PinClass};
use crate::state::Action;
use crate::words;
use crate::worklist::{self, Facts, Need};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;
use tepat_domain::workflow::ProposalState;
use tepat_domain::{FamilyId, RegionCode, RegionLevel};
use tepat_protocol::{FamilyList as List, FamilySummary, WindowsView, routes};
use yew::prelude::*;
use yew_router::prelude::*;

/// What the families request has given so far.
#[derive(Debug, Clone, PartialEq)]
enum Families {
    Loading,
    Loaded(Rc<Vec<FamilySummary>>),
    Failed(ApiFailure),
}

/// What only the server knows of a field user's families (the whole kabupaten is needed):
/// the NIK ganda flags and the local deciles, laid over the tablet's own list. Kept on the
/// tablet (see [`local::cache`]) so the map shows them offline too.
#[derive(Debug, Clone, Default, PartialEq)]
struct ServerFacts {
    nik_ganda: BTreeSet<FamilyId>,
    deciles: HashMap<FamilyId, u8>,
}

impl ServerFacts {
    fn of(list: &List) -> ServerFacts {
        ServerFacts {
            nik_ganda: list
                .families
                .iter()
                .filter(|f| f.nik_ganda)
                .map(|f| f.id)
                .collect(),
            deciles: list
                .families
                .iter()
                .filter_map(|f| f.local_decile.map(|d| (f.id, d)))
                .collect(),
        }
    }
}

/// "Warna titik": the pins' colouring (status or decile) and its classes with their counts,
/// each a filter of the map and the list.
fn colour_panel(
    families: &[FamilySummary],
    by: &UseStateHandle<ColourBy>,
    chosen: &UseStateHandle<Option<PinClass>>,
    lang: crate::i18n::Lang,
) -> Html {
    let entries = pin_colours::legend(**by, families.iter().map(|f| (f.status, f.local_decile)));
    let switch = |mode: ColourBy, label: Text, testid: &'static str| {
        let on = **by == mode;
        let onclick = {
            let (by, chosen) = (by.clone(), chosen.clone());
            Callback::from(move |_| {
                by.set(mode);
                chosen.set(None);
            })
        };
        html! {
            <button type="button" class="segment" aria-pressed={on.to_string()} {onclick} data-testid={testid}>
                { label.get(lang) }
            </button>
        }
    };
    let chips: Html = entries
        .into_iter()
        .map(|(class, count)| {
            let look = class.look();
            let on = **chosen == Some(class);
            let onclick = {
                let chosen = chosen.clone();
                Callback::from(move |_| chosen.set((!on).then_some(class)))
            };
            html! {
                <button type="button" class="chip legend-entry" aria-pressed={on.to_string()} {onclick}
                    data-testid={format!("legend-{}", look.class)} data-count={count.to_string()}>
                    <span class="dot" style={format!("background:{};border-color:{}", look.fill, look.outline)}></span>
                    { class.label(lang) }
                    <span class="legend-count">{ format::number(count as u64) }</span>
                </button>
            }
        })
        .collect();
    html! {
        <section class="pin-colours pad" data-testid="map-legend">
            <div class="legend-head">
                <h2>{ Text::PinColours.get(lang) }</h2>
                <div class="segmented" role="group" aria-label={Text::PinColours.get(lang)}>
                    { switch(ColourBy::Status, Text::ByStatus, "colour-by-status") }
                    { switch(ColourBy::Decile, Text::ByDecile, "colour-by-decile") }
                </div>
            </div>
            <div class="chips">{ chips }</div>
        </section>
    }
}

/// Families that match the search (see [`worklist::matches`]) and have the chosen need.
fn matching(
    families: &[FamilySummary],
    facts: &BTreeMap<FamilyId, Facts>,
    search: &str,
    need: Option<Need>,
) -> Vec<FamilySummary> {
    families
        .iter()
        .filter(|f| worklist::matches(&f.head_name, facts.get(&f.id), search))
        .filter(|f| need.is_none_or(|n| facts.get(&f.id).is_some_and(|x| x.needs.contains(&n))))
        .cloned()
        .collect()
}

/// The worklist facts of the open copy's families.
fn local_facts(nik_ganda: &BTreeSet<FamilyId>) -> BTreeMap<FamilyId, Facts> {
    let Some(copy) = local::open_copy() else {
        return BTreeMap::new();
    };
    let families = copy.families();
    let ids = || families.iter().map(|f| f.id);
    let marked = worklist::Marked {
        nik_ganda: nik_ganda.clone(),
        conflicted: copy
            .replica
            .borrow()
            .open_conflicts(None)
            .iter()
            .map(|(_, n)| FamilyId(n.record))
            .collect(),
        returned: ids()
            .filter(|id| {
                copy.proposals_of(*id)
                    .iter()
                    .any(|p| p.expected == Some(ProposalState::Returned))
            })
            .collect(),
        disputed: copy.disputed_families(),
        // The verifier's own list: the houses no one has visited yet.
        not_visited: if copy.user.role == tepat_domain::Role::Pendamping {
            ids()
                .filter(|id| {
                    // A visit refused by the server does not count.
                    !copy
                        .visits_of(*id)
                        .iter()
                        .any(|v| v.pending || v.refusals.is_empty())
                })
                .collect()
        } else {
            BTreeSet::new()
        },
    };
    let today = tepat_domain::windows::Zone::Wib.local_date(jiff::Timestamp::now());
    worklist::facts(&families, today, &marked)
}

/// "Perlu dikerjakan": a filter per need, with how many families have it.
fn needs_panel(
    facts: &BTreeMap<FamilyId, Facts>,
    chosen: &UseStateHandle<Option<Need>>,
    lang: crate::i18n::Lang,
) -> Html {
    let counts = worklist::counts(facts);
    if counts.is_empty() {
        return html! {};
    }
    let chips: Html = Need::ALL
        .iter()
        .filter_map(|need| counts.get(need).map(|n| (*need, *n)))
        .map(|(need, count)| {
            let on = **chosen == Some(need);
            let onclick = {
                let chosen = chosen.clone();
                Callback::from(move |_| chosen.set((!on).then_some(need)))
            };
            html! {
                <button type="button" class="chip" aria-pressed={on.to_string()} {onclick}
                    data-testid={format!("need-{need:?}")}>
                    { format!("{} {}", format::number(count as u64), words::need(need, lang)) }
                </button>
            }
        })
        .collect();
    html! {
        <section class="needs pad" data-testid="needs">
            <h2>{ Text::NeedsTitle.get(lang) }</h2>
            <div class="chips">{ chips }</div>
        </section>
    }
}

/// The families of `region` (all when none).
fn within(families: Vec<FamilySummary>, region: Option<&str>) -> Vec<FamilySummary> {
    match region.and_then(|r| RegionCode::parse(r).ok()) {
        Some(region) => families
            .into_iter()
            .filter(|f| region.contains(&f.desa))
            .collect(),
        None => families,
    }
}

/// The map page.
#[function_component(MapPage)]
pub fn map_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let user = app.user().cloned();
    let region = use_state(|| None::<String>);
    let families = use_state(|| Families::Loading);
    let attempt = use_state(|| 0u32);
    let search = use_state(String::new);
    let need = use_state(|| None::<Need>);
    let selected = use_state(|| None::<FamilyId>);
    let windows = use_state(|| None::<WindowsView>);
    let server_facts = use_state(|| Rc::new(ServerFacts::default()));
    let colour_by = use_state(ColourBy::default);
    let pin_filter = use_state(|| None::<PinClass>);
    let navigator = use_navigator();
    let archived = use_state(|| 0usize);
    {
        let archived = archived.clone();
        use_effect_with(app.sync.data_version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                archived.set(local::archives().await.len());
            });
        });
    }
    {
        let windows = windows.clone();
        let logged_in = user.is_some();
        use_effect_with(logged_in, move |logged_in| {
            if *logged_in {
                wasm_bindgen_futures::spawn_local(async move {
                    // Kept on a field tablet, so the schedule shows offline too (dated).
                    if let Ok(view) = local::cache::get::<WindowsView>(routes::WINDOWS).await {
                        windows.set(Some(view));
                    }
                });
            }
        });
    }

    {
        let (families, app, selected) = (families.clone(), app.clone(), selected.clone());
        let server_facts = server_facts.clone();
        let logged_in = user.is_some();
        let local = app.sync.local;
        let version = app.sync.data_version;
        use_effect_with(
            ((*region).clone(), *attempt, logged_in, local, version),
            move |(region, _, logged_in, local, _)| {
                if *logged_in && *local {
                    // Field users read their own copy: the same with or without a signal.
                    let list = local::open_copy()
                        .map(|copy| within(copy.summaries(), region.as_deref()))
                        .unwrap_or_default();
                    families.set(Families::Loaded(Rc::new(list)));
                    // NIK ganda and deciles need the whole kabupaten, which only the server
                    // sees: they are laid over the local list when it answers (or from the
                    // last answer kept on the tablet).
                    let path = api::with_query(
                        routes::FAMILIES,
                        &[("region", region.as_deref().unwrap_or(""))],
                    );
                    let facts = server_facts.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(list) = local::cache::get::<List>(&path).await {
                            facts.set(Rc::new(ServerFacts::of(&list)));
                        }
                    });
                } else if *logged_in {
                    families.set(Families::Loading);
                    selected.set(None);
                    let path = api::with_query(
                        routes::FAMILIES,
                        &[("region", region.as_deref().unwrap_or(""))],
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        match api::get::<List>(&path).await {
                            Ok(list) => families.set(Families::Loaded(Rc::new(list.families))),
                            Err(failure) if failure.is_unauthenticated() => {
                                app.dispatch(Action::SessionExpired)
                            }
                            Err(failure) => families.set(Families::Failed(failure)),
                        }
                    });
                }
            },
        );
    }

    // A field user's own families: what each needs, and what the search can look in
    // (worked out again only when the copy or the server's flags change).
    let facts = use_memo(
        (
            app.sync.local,
            app.sync.data_version,
            (*server_facts).clone(),
        ),
        |(local, _, server)| {
            if *local {
                local_facts(&server.nik_ganda)
            } else {
                BTreeMap::new()
            }
        },
    );
    let statuses = use_memo((app.sync.local, app.sync.data_version), |(local, _)| {
        local
            .then(local::open_copy)
            .flatten()
            .map(|copy| copy.statuses())
            .unwrap_or_default()
    });
    {
        // `?keluarga=<id>` (a notification's link) opens that family's details (after the
        // list's effect above, which clears the selection when a server list starts loading).
        let asked = use_location().and_then(|l| {
            l.query_str()
                .trim_start_matches('?')
                .split('&')
                .find_map(|p| {
                    p.strip_prefix(crate::components::notification_bell::FAMILY_QUERY)?
                        .strip_prefix('=')
                })
                .and_then(|id| uuid::Uuid::parse_str(id).ok())
                .map(FamilyId)
        });
        let selected = selected.clone();
        use_effect_with(asked, move |asked| {
            if let Some(id) = asked {
                selected.set(Some(*id));
            }
        });
    }
    let Some(user) = user else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };

    let on_search = {
        let search = search.clone();
        Callback::from(move |text: String| search.set(text))
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: FamilyId| {
            selected.set(Some(id));
            // Bring the row into view when the pin was clicked.
            let row = gloo::utils::document()
                .query_selector(&format!("[data-family=\"{id}\"]"))
                .ok()
                .flatten();
            if let Some(row) = row {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        })
    };
    let on_close = {
        let selected = selected.clone();
        Callback::from(move |_| selected.set(None))
    };
    let on_region = {
        let region = region.clone();
        Callback::from(move |code: String| region.set(Some(code)))
    };
    let register = {
        let navigator = navigator.clone();
        Callback::from(move |_| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::NewFamily);
            }
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };

    let (tile_url, attribution) = app
        .config
        .as_ref()
        .map(|c| (c.tile_url.clone(), c.tile_attribution.clone()))
        .unwrap_or((None, String::new()));
    let (all, shown) = match &*families {
        Families::Loaded(list) => {
            // The tablet's statuses include its unsent steps; the server's come with the list.
            let known: Vec<FamilySummary> = list
                .iter()
                .cloned()
                .map(|mut f| {
                    f.nik_ganda |= server_facts.nik_ganda.contains(&f.id);
                    if app.sync.local {
                        f.status = statuses.get(&f.id).copied();
                    }
                    f.local_decile = f
                        .local_decile
                        .or_else(|| server_facts.deciles.get(&f.id).copied());
                    f
                })
                .collect();
            // A need filter whose last family was dealt with lets go (its chip is gone).
            let need = need.filter(|n| worklist::counts(&facts).contains_key(n));
            let shown: Vec<FamilySummary> = matching(&known, &facts, &search, need)
                .into_iter()
                .filter(|f| {
                    pin_filter
                        .is_none_or(|c| PinClass::of(*colour_by, f.status, f.local_decile) == c)
                })
                .collect();
            (Rc::new(known), Rc::new(shown))
        }
        _ => (Rc::new(Vec::new()), Rc::new(Vec::new())),
    };
    let classes: Rc<HashMap<FamilyId, PinClass>> = Rc::new(
        all.iter()
            .map(|f| (f.id, PinClass::of(*colour_by, f.status, f.local_decile)))
            .collect(),
    );
    let colour_panel = colour_panel(&all, &colour_by, &pin_filter, lang);
    let needs_panel = needs_panel(&facts, &need, lang);
    let side = match &*families {
        Families::Loading => html! { <p class="muted pad">{ Text::Loading.get(lang) }</p> },
        Families::Failed(failure) => html! {
            <div class="empty">
                <p class="field-error">{ failure.message(lang) }</p>
                <button type="button" class="button primary" onclick={retry}>{ Text::Retry.get(lang) }</button>
            </div>
        },
        Families::Loaded(_) => html! {
            <FamilyList families={shown.clone()} total={all.len()} search={(*search).clone()}
                on_search={on_search} selected={*selected} on_select={on_select.clone()} />
        },
    };
    html! {
        <div class="page">
            <TopBar />
            <main class="map-layout">
                <section class="map-pane">
                    <MapView families={shown} selected={*selected} on_select={on_select} classes={classes}
                        tile_url={tile_url} attribution={attribution} lang={lang} />
                </section>
                <aside class="side-pane">
                    if user.region.level != RegionLevel::Desa {
                        <RegionPicker scope={user.region.clone()} on_change={on_region} />
                    }
                    if let Some(view) = (*windows).clone() {
                        <WindowsStrip windows={view} />
                    }
                    if app.sync.local && *archived > 0 {
                        // Work sealed with an old password waits: said first, not only below the list.
                        <p class="notice pad" data-testid="archived-banner">
                            { Text::ArchivedBanner.get(lang) }{ " " }<a href="#backup">{ Text::BackupTitle.get(lang) }</a>
                        </p>
                    }
                    if app.sync.local {
                        <div class="pad">
                            <button type="button" class="button primary wide register" onclick={register} data-testid="register-family">
                                { Text::RegisterFamily.get(lang) }
                            </button>
                        </div>
                    }
                    if app.sync.local {
                        { needs_panel }
                    }
                    { colour_panel }
                    if let Some(id) = *selected {
                        <FamilyDetail id={id} nik_ganda={server_facts.nik_ganda.contains(&id)} on_close={on_close} today={(*windows).as_ref().map(|w| w.today)} />
                    }
                    { side }
                    if app.sync.local {
                        <div class="pad"><BackupPanel /></div>
                        <div class="pad"><MapDownload /></div>
                    }
                </aside>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str) -> FamilySummary {
        FamilySummary {
            id: FamilyId(uuid::Uuid::nil()),
            kk_masked: String::new(),
            head_name: name.into(),
            member_count: 1,
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            dusun: String::new(),
            rt: String::new(),
            rw: String::new(),
            location: None,
            demo: true,
            nik_ganda: false,
            status: None,
            local_decile: None,
        }
    }

    #[test]
    fn search_matches_part_of_the_head_name_in_any_case() {
        let families = vec![
            summary("Abdul Hamid"),
            summary("Siti Aminah"),
            summary("Moh. Holil"),
        ];
        let names = |s: &str| {
            matching(&families, &BTreeMap::new(), s, None)
                .into_iter()
                .map(|f| f.head_name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("hami"), ["Abdul Hamid"]);
        assert_eq!(names("  SITI "), ["Siti Aminah"]);
        assert_eq!(names("").len(), 3);
        assert!(names("zzz").is_empty());
    }
}
