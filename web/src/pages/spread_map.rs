//! "Peta sebaran" (`/sebaran`): where the families of the whole region are and how far their
//! verification has come, for the Dinas, the Bupati and the kecamatan. Online: the server
//! counts every family in scope for each view (clusters, kecamatan or desa figures) and the map
//! draws only what it answered. Colour by status, decile, programme or extreme poverty; filter
//! (status, decile, programme, extreme poor, targeting errors, loci desa); tap a cluster to zoom
//! in, a kecamatan or desa to drill down (a desa lists its families), a family to open it.
//! `?family=<id>` opens a family at its house (the targeting-error lists link here).

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::family_detail::FamilyDetail;
use crate::components::spread_map_view::{Focus, MapView, SpreadMapView};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::spread_style;
use std::cell::Cell;
use std::rc::Rc;
use tepat_domain::{FamilyId, RegionCode, RegionLevel};
use tepat_protocol::spread::{
    ColourBy, RegionMarker, STATUS_CLASSES, SpreadClusters, SpreadFilter, TargetingError,
};
use tepat_protocol::{FamilyDetail as FamilyView, FamilyList, routes};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// Whether the role has the spread map in its menu: the leaders and the kecamatan (the field
/// roles have their desa map).
pub fn sees_spread(role: tepat_domain::Role) -> bool {
    use tepat_domain::Role as R;
    matches!(
        role,
        R::OperatorDinas | R::KepalaDinas | R::Bupati | R::PengelolaKecamatan
    )
}

/// The clusters' query for a view, colouring and filter.
pub fn clusters_path(view: &MapView, colour: ColourBy, filter: &SpreadFilter) -> String {
    let number = |v: f64| format!("{v:.6}");
    let colour = colour.code();
    let error = filter.error.map(TargetingError::code);
    let decile = filter.decile_max.map(|d| d.to_string());
    let extreme = filter.extreme.map(|e| e.to_string());
    let loci = filter.loci.map(|l| l.to_string());
    api::with_query(
        routes::SPREAD_CLUSTERS,
        &[
            ("west", &number(view.bounds.west)),
            ("south", &number(view.bounds.south)),
            ("east", &number(view.bounds.east)),
            ("north", &number(view.bounds.north)),
            ("zoom", &view.zoom.to_string()),
            ("colour", colour),
            ("region", filter.region.as_deref().unwrap_or("")),
            ("status", filter.status.as_deref().unwrap_or("")),
            ("decile_max", decile.as_deref().unwrap_or("")),
            ("programme", filter.programme.as_deref().unwrap_or("")),
            ("extreme", extreme.as_deref().unwrap_or("")),
            ("error", error.unwrap_or("")),
            ("loci", loci.as_deref().unwrap_or("")),
        ],
    )
}

fn colour_words(by: ColourBy) -> Text {
    match by {
        ColourBy::Status => Text::SpreadColourStatus,
        ColourBy::Decile => Text::SpreadColourDecile,
        ColourBy::Programme => Text::SpreadColourProgramme,
        ColourBy::Extreme => Text::SpreadColourExtreme,
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A select bound to one filter field; "" is "all".
fn filter_select(
    label: Text,
    testid: &'static str,
    current: String,
    options: Vec<(String, String)>,
    on_change: Callback<Event>,
    lang: Lang,
) -> Html {
    html! {
        <label class="field compact">
            <span>{ label.get(lang) }</span>
            <select data-testid={testid} onchange={on_change}>
                <option value="" selected={current.is_empty()}>{ Text::SpreadAll.get(lang) }</option>
                { for options.into_iter().map(|(value, words)| html! {
                    <option value={value.clone()} selected={current == value}>{ words }</option>
                }) }
            </select>
        </label>
    }
}

/// The page.
#[function_component(SpreadMapPage)]
pub fn spread_map_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let view = use_state(|| None::<MapView>);
    let colour = use_state(ColourBy::default);
    let filter = use_state(SpreadFilter::default);
    let show_regions = use_state(|| true);
    let answer = use_state(|| None::<Rc<SpreadClusters>>);
    let failure = use_state(|| None::<String>);
    let counting = use_state(|| false);
    let asked = use_mut_ref(|| Cell::new(0u32));
    let selected = use_state(|| None::<FamilyId>);
    let region = use_state(|| None::<RegionMarker>);
    let region_families = use_state(|| None::<Result<FamilyList, ApiFailure>>);
    let focus = use_state(|| None::<(u32, Focus)>);
    let location = use_location();
    let online = app.online;
    let asked_family = location
        .as_ref()
        .and_then(|l| l.query_str().strip_prefix("?family=").map(str::to_owned))
        .and_then(|id| uuid::Uuid::parse_str(&id).ok())
        .map(FamilyId);
    // The first answer fits the map to the houses in scope (unless a family link moves it).
    let fitted = use_mut_ref(|| Cell::new(asked_family.is_some()));

    // Count for every view, colouring and filter; an answer to an older question is dropped.
    {
        let (answer, failure, counting, asked) = (
            answer.clone(),
            failure.clone(),
            counting.clone(),
            asked.clone(),
        );
        let (focus, fitted) = (focus.clone(), fitted.clone());
        use_effect_with(
            ((*view), *colour, (*filter).clone(), online),
            move |(view, colour, filter, online)| {
                if let (Some(view), true) = (view, *online) {
                    let path = clusters_path(view, *colour, filter);
                    let number = asked.borrow().get() + 1;
                    asked.borrow().set(number);
                    counting.set(true);
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = api::get::<SpreadClusters>(&path).await;
                        if asked.borrow().get() != number {
                            return;
                        }
                        counting.set(false);
                        match result {
                            Ok(found) => {
                                failure.set(None);
                                if let Some(scope) = found.scope
                                    && !fitted.borrow().replace(true)
                                {
                                    focus.set(Some((1, Focus::Bounds(scope))));
                                }
                                answer.set(Some(Rc::new(found)));
                            }
                            Err(e) => failure.set(Some(e.message(lang))),
                        }
                    });
                }
            },
        );
    }

    // `?family=<id>`: open that family at its house.
    {
        let (selected, focus) = (selected.clone(), focus.clone());
        use_effect_with(asked_family, move |family| {
            if let Some(id) = *family {
                selected.set(Some(id));
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(found) = api::get::<FamilyView>(&routes::family_path(&id)).await
                        && let Some(pin) = found.summary.location
                    {
                        focus.set(Some((1, Focus::Point(pin.lat, pin.lon, 18))));
                    }
                });
            }
        });
    }

    // A desa drilled into: its families.
    {
        let region_families = region_families.clone();
        let code = (*region).as_ref().map(|r| r.code.clone());
        use_effect_with(code, move |code| {
            region_families.set(None);
            let desa = code
                .as_deref()
                .and_then(|c| RegionCode::parse(c).ok())
                .filter(|c| c.level() == RegionLevel::Desa);
            if let Some(desa) = desa {
                let path = api::with_query(routes::FAMILIES, &[("region", desa.as_str())]);
                wasm_bindgen_futures::spawn_local(async move {
                    region_families.set(Some(api::get::<FamilyList>(&path).await));
                });
            }
        });
    }

    let Some(_user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    let (tile_url, attribution) = app
        .config
        .as_ref()
        .map(|c| (c.tile_url.clone(), c.tile_attribution.clone()))
        .unwrap_or_default();

    let on_view = {
        let view = view.clone();
        Callback::from(move |v: MapView| view.set(Some(v)))
    };
    let on_family = {
        let selected = selected.clone();
        Callback::from(move |id: FamilyId| selected.set(Some(id)))
    };
    let next_focus = {
        let focus = focus.clone();
        move |f: Focus| focus.set(Some(((*focus).map_or(0, |(n, _)| n) + 1, f)))
    };
    let on_region = {
        let (region, next_focus) = (region.clone(), next_focus.clone());
        Callback::from(move |r: RegionMarker| {
            next_focus(Focus::Bounds(r.bounds));
            region.set(Some(r));
        })
    };
    let on_colour = {
        let colour = colour.clone();
        Callback::from(move |e: Event| {
            colour.set(ColourBy::from_code(&select_value(&e)).unwrap_or_default());
        })
    };
    let set_filter = |change: fn(&mut SpreadFilter, String)| {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let mut next = (*filter).clone();
            change(&mut next, select_value(&e));
            filter.set(next);
        })
    };
    let on_status = set_filter(|f, v| f.status = (!v.is_empty()).then_some(v));
    let on_decile = set_filter(|f, v| f.decile_max = v.parse().ok());
    let on_programme = set_filter(|f, v| f.programme = (!v.is_empty()).then_some(v));
    let on_extreme = set_filter(|f, v| f.extreme = v.parse().ok());
    let on_error = set_filter(|f, v| f.error = TargetingError::from_code(&v));
    let on_loci = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next = (*filter).clone();
            next.loci = on.then_some(true);
            filter.set(next);
        })
    };
    let on_regions = {
        let show_regions = show_regions.clone();
        Callback::from(move |e: Event| {
            show_regions.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let close_region = {
        let region = region.clone();
        Callback::from(move |_| region.set(None))
    };
    let close_family = {
        let selected = selected.clone();
        Callback::from(move |_| selected.set(None))
    };

    let status_options: Vec<(String, String)> = STATUS_CLASSES
        .iter()
        .zip(spread_style::classes(ColourBy::Status, lang))
        .map(|(key, look)| ((*key).to_owned(), look.label))
        .collect();
    let decile_options: Vec<(String, String)> = (1..=10)
        .map(|d| {
            (
                d.to_string(),
                format!("{} {d}", Text::SpreadColourDecile.get(lang)),
            )
        })
        .collect();
    let programme_options: Vec<(String, String)> = tepat_protocol::spread::PROGRAMME_CLASSES
        .iter()
        .zip(spread_style::classes(ColourBy::Programme, lang))
        .map(|(key, look)| ((*key).to_owned(), look.label))
        .collect();
    let extreme_options = vec![
        (
            "true".to_owned(),
            Text::SpreadOnlyExtreme.get(lang).to_owned(),
        ),
        (
            "false".to_owned(),
            Text::SpreadNotExtreme.get(lang).to_owned(),
        ),
    ];
    let error_options = TargetingError::ALL
        .iter()
        .map(|e| {
            let words = match e {
                TargetingError::Inclusion => Text::SpreadInclusion,
                TargetingError::Exclusion => Text::SpreadExclusion,
            };
            (e.code().to_owned(), words.get(lang).to_owned())
        })
        .collect();
    let error_value = filter.error.map_or("", TargetingError::code);

    let figures = (*answer).as_ref().map(|a| {
        let words = Text::SpreadFigures
            .get(lang)
            .replace("{matching}", &format::number(u64::from(a.matching)))
            .replace("{in_view}", &format::number(u64::from(a.in_view)))
            .replace("{unpinned}", &format::number(u64::from(a.unpinned)));
        let as_of = Text::SpreadAsOf
            .get(lang)
            .replace("{time}", &format::date_time(a.as_of, lang));
        html! {
            <>
                <p class="spread-figures" data-testid="spread-figures">{ words }</p>
                <p class="muted small">{ as_of }</p>
            </>
        }
    });
    let legend = (*answer).as_ref().map(|a| {
        let entries = spread_style::legend(&a.clusters, a.colour.classes());
        let looks = spread_style::classes(a.colour, lang);
        html! {
            <ul class="legend spread-legend" data-testid="spread-legend">
                { for entries.into_iter().map(|(class, n)| {
                    let look = &looks[class];
                    html! {
                        <li class={look.key.clone()}>
                            <span class="swatch" style={format!("background:{}", look.fill)}></span>
                            <span>{ &look.label }</span>
                            <strong>{ format::number(u64::from(n)) }</strong>
                        </li>
                    }
                }) }
            </ul>
        }
    });
    let region_panel = (*region).as_ref().map(|r| {
        let extreme = format!(
            "{} {} ({})",
            format::number(u64::from(r.extreme)),
            Text::SpreadColourExtreme.get(lang).to_lowercase(),
            spread_style::share(r.extreme, r.families, lang)
        );
        let families = match &*region_families {
            None if RegionCode::parse(&r.code).is_ok_and(|c| c.level() == RegionLevel::Desa) => {
                html! { <p class="muted">{ Text::Loading.get(lang) }</p> }
            }
            None => html! { <p class="muted">{ Text::SpreadZoomForDesa.get(lang) }</p> },
            Some(Err(e)) => html! { <p class="error">{ e.message(lang) }</p> },
            Some(Ok(list)) => html! {
                <>
                    <h3>{ Text::SpreadDesaFamilies.get(lang) }</h3>
                    <ul class="spread-families" data-testid="spread-desa-families">
                        { for list.families.iter().map(|f| {
                            let (selected, next_focus) = (selected.clone(), next_focus.clone());
                            let (id, pin) = (f.id, f.location);
                            let open = Callback::from(move |_| {
                                selected.set(Some(id));
                                if let Some(pin) = pin {
                                    next_focus(Focus::Point(pin.lat, pin.lon, 18));
                                }
                            });
                            html! {
                                <li>
                                    <button class="linklike" onclick={open}>{ &f.head_name }</button>
                                    <span class="muted">{ format!(" · {} · {} {}", f.kk_masked, f.member_count, Text::MembersCount.get(lang)) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </>
            },
        };
        html! {
            <section class="card spread-region-panel" data-testid="spread-region">
                <div class="panel-head">
                    <h2>{ &r.name }
                        if r.loci { <span class="badge loci">{ Text::SpreadLoci.get(lang) }</span> }
                    </h2>
                    <button class="button" onclick={close_region.clone()}>{ Text::Close.get(lang) }</button>
                </div>
                <p>{ format!("{} KK · {extreme}", format::number(u64::from(r.families))) }</p>
                { families }
            </section>
        }
    });

    html! {
        <div class="page">
            <TopBar />
            <div class="map-layout spread-layout">
                <div class="map-pane" data-zoom={view.map(|v| v.zoom.to_string())}>
                    <SpreadMapView answer={(*answer).clone()} show_regions={*show_regions}
                        selected={*selected} focus={*focus} on_view={on_view}
                        on_family={on_family} on_region={on_region}
                        tile_url={tile_url} attribution={attribution} lang={lang} />
                </div>
                <aside class="side-pane spread-panel">
                    <h1>{ Text::SpreadTitle.get(lang) }</h1>
                    if !online {
                        <p class="notice warning">{ Text::SpreadNeedsInternet.get(lang) }</p>
                    }
                    { figures.unwrap_or_default() }
                    if *counting {
                        <p class="muted small" data-testid="spread-counting">{ Text::SpreadCounting.get(lang) }</p>
                    }
                    if let Some(message) = &*failure {
                        <p class="error" role="alert">{ message }</p>
                    }
                    <div class="spread-controls">
                        <label class="field compact">
                            <span>{ Text::SpreadColourBy.get(lang) }</span>
                            <select data-testid="spread-colour" onchange={on_colour}>
                                { for ColourBy::ALL.iter().map(|by| html! {
                                    <option value={by.code()} selected={*colour == *by}>
                                        { colour_words(*by).get(lang) }
                                    </option>
                                }) }
                            </select>
                        </label>
                        { filter_select(Text::SpreadColourStatus, "spread-status", filter.status.clone().unwrap_or_default(), status_options, on_status, lang) }
                        { filter_select(Text::SpreadDecileMax, "spread-decile", filter.decile_max.map(|d| d.to_string()).unwrap_or_default(), decile_options, on_decile, lang) }
                        { filter_select(Text::SpreadColourProgramme, "spread-programme", filter.programme.clone().unwrap_or_default(), programme_options, on_programme, lang) }
                        { filter_select(Text::SpreadColourExtreme, "spread-extreme", filter.extreme.map(|e| e.to_string()).unwrap_or_default(), extreme_options, on_extreme, lang) }
                        { filter_select(Text::SpreadErrors, "spread-error", error_value.to_owned(), error_options, on_error, lang) }
                        <label class="check-line">
                            <input type="checkbox" data-testid="spread-loci" checked={filter.loci == Some(true)} onchange={on_loci} />
                            { Text::SpreadOnlyLoci.get(lang) }
                        </label>
                        <label class="check-line">
                            <input type="checkbox" data-testid="spread-regions" checked={*show_regions} onchange={on_regions} />
                            { Text::SpreadShowRegions.get(lang) }
                        </label>
                    </div>
                    <h2 class="small-heading">{ Text::SpreadLegend.get(lang) }</h2>
                    { legend.unwrap_or_default() }
                    { region_panel.unwrap_or_default() }
                    if let Some(id) = *selected {
                        <FamilyDetail id={id} on_close={close_family} today={None::<jiff::civil::Date>} />
                    }
                    <p class="muted small">{ Text::SpreadHint.get(lang) }</p>
                </aside>
            </div>
        </div>
    }
}
