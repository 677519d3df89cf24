//! "Salah sasaran" (`/sasaran`): likely targeting errors as lists. Two tabs, "Inklusi"
//! (receives bansos but scores as well-off) and "Eksklusi" (among the poorest with no
//! programme); a desa filter whose entries carry each desa's count from the desa table; the
//! paged list from `GET spread/families?error=` (NIK as the server gives it: masked unless the
//! role sees it whole), each family linking to the leaders' map at the family
//! (`/sebaran?family=<id>`); downloads of the whole list as CSV, XLSX and GeoJSON.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::pages::rekap_page::reads_rekap;
use crate::pin_colours::PinClass;
use tepat_domain::workflow::StatusCategory;
use tepat_protocol::routes;
use tepat_protocol::spread::{RegionTable, SpreadFamilyLine, SpreadFamilyPage, TargetingError};
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Load<T> {
    Loading,
    Loaded(T),
    Failed(ApiFailure),
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq)]
struct Query {
    error: TargetingError,
    desa: String,
    page: u32,
}

impl Query {
    fn path(&self, format: Option<&str>) -> String {
        let error = self.error.code();
        let page = self.page.to_string();
        let mut params = vec![("error", error), ("region", self.desa.as_str())];
        match format {
            Some(format) => params.push(("format", format)),
            None => params.push(("page", &page)),
        }
        api::with_query(routes::SPREAD_FAMILIES, &params)
    }
}

/// The status class name as the map's legend says it.
fn status_words(class: &str, lang: Lang) -> String {
    use StatusCategory as C;
    let category = match class {
        "draft" => Some(C::Draft),
        "musdes" => Some(C::WaitingForMusdes),
        "chain" => Some(C::InApprovalChain),
        "returned" => Some(C::Returned),
        "final" => Some(C::Final),
        "closed" => Some(C::Closed),
        _ => None,
    };
    match category {
        None => Text::NoStatus.get(lang).to_owned(),
        some => PinClass::Status(some).label(lang),
    }
}

fn programme_words(line: &SpreadFamilyLine, lang: Lang) -> String {
    if line.programmes.is_empty() {
        return Text::NoProgramme.get(lang).to_owned();
    }
    line.programmes
        .iter()
        .map(|p| match p.as_str() {
            "pkh" => "PKH",
            "bpnt" => "BPNT",
            "pbijk" => "PBI-JK",
            _ => match lang {
                Lang::Id => "lainnya",
                Lang::En => "other",
            },
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn address(line: &SpreadFamilyLine) -> String {
    let mut parts = Vec::new();
    if !line.dusun.is_empty() {
        parts.push(line.dusun.clone());
    }
    if !line.rt.is_empty() || !line.rw.is_empty() {
        parts.push(format!("RT {}/RW {}", line.rt, line.rw));
    }
    parts.join(", ")
}

/// The page.
#[function_component(TargetingPage)]
pub fn targeting_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let query = use_state(|| Query {
        error: TargetingError::Inclusion,
        desa: String::new(),
        page: 0,
    });
    let list = use_state(|| Load::<SpreadFamilyPage>::Loading);
    let table = use_state(|| Load::<RegionTable>::Loading);
    {
        let table = table.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let path = api::with_query(routes::SPREAD_REGIONS, &[("level", "desa")]);
                table.set(match api::get::<RegionTable>(&path).await {
                    Ok(t) => Load::Loaded(t),
                    Err(e) => Load::Failed(e),
                });
            });
        });
    }
    {
        let list = list.clone();
        use_effect_with((*query).clone(), move |query| {
            list.set(Load::Loading);
            let (list, path) = (list.clone(), query.path(None));
            wasm_bindgen_futures::spawn_local(async move {
                list.set(match api::get::<SpreadFamilyPage>(&path).await {
                    Ok(p) => Load::Loaded(p),
                    Err(e) => Load::Failed(e),
                });
            });
        });
    }
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    if !reads_rekap(user.role) {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let tab = |error: TargetingError, label: Text, testid: &'static str| {
        let selected = query.error == error;
        let onclick = {
            let query = query.clone();
            Callback::from(move |_: MouseEvent| {
                query.set(Query {
                    error,
                    desa: query.desa.clone(),
                    page: 0,
                })
            })
        };
        html! {
            <button type="button" role="tab" class="tab" aria-selected={selected.to_string()}
                onclick={onclick} data-testid={testid}>
                { label.get(lang) }
            </button>
        }
    };
    let on_desa = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let desa = e.target_unchecked_into::<HtmlSelectElement>().value();
            query.set(Query {
                error: query.error,
                desa,
                page: 0,
            })
        })
    };
    let go = |page: u32| {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            query.set(Query {
                page,
                ..(*query).clone()
            })
        })
    };
    let per_desa: Vec<(String, String, u32)> = match &*table {
        Load::Loaded(t) => t
            .rows
            .iter()
            .map(|r| {
                let n = match query.error {
                    TargetingError::Inclusion => r.inclusion_errors,
                    TargetingError::Exclusion => r.exclusion_errors,
                };
                (r.code.clone(), r.name.clone(), n)
            })
            .filter(|(_, _, n)| *n > 0)
            .collect(),
        _ => Vec::new(),
    };
    let all_count: u32 = per_desa.iter().map(|(_, _, n)| n).sum();
    let hint = match query.error {
        TargetingError::Inclusion => Text::TabInclusionHint,
        TargetingError::Exclusion => Text::TabExclusionHint,
    };
    let list_html = match &*list {
        Load::Loading => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Load::Failed(e) => html! { <p class="field-error">{ e.message(lang) }</p> },
        Load::Loaded(page) if page.lines.is_empty() => html! {
            <p class="empty-state" data-testid="targeting-empty">{ Text::TargetingEmpty.get(lang) }</p>
        },
        Load::Loaded(page) => {
            let pages = page.total.div_ceil(page.page_size.max(1)).max(1);
            html! {
                <>
                    <p class="targeting-count" data-testid="targeting-count">
                        <strong>{ format::number(page.total.into()) }</strong>{ format!(" {}", Text::FamiliesFound.get(lang)) }
                        if page.nik_masked {
                            <span class="muted small">{ format!(" · {}", Text::NikMaskedNote.get(lang)) }</span>
                        }
                    </p>
                    <div class="card table-wrap">
                        <table class="members targeting-table" data-testid="targeting-list">
                            <thead><tr>
                                <th>{ Text::ColHead.get(lang) }</th>
                                <th>{ Text::ColNik.get(lang) }</th>
                                <th>{ Text::LevelDesa.get(lang) }</th>
                                <th>{ Text::ColAddress.get(lang) }</th>
                                <th class="num">{ Text::ColMembers.get(lang) }</th>
                                <th class="num">{ Text::ColDecile.get(lang) }</th>
                                <th>{ Text::ColProgrammes.get(lang) }</th>
                                <th>{ Text::ColStatus.get(lang) }</th>
                            </tr></thead>
                            <tbody>
                                { for page.lines.iter().map(|l| html! {
                                    <tr data-testid="targeting-row">
                                        <td class="targeting-head">
                                            <span class="targeting-name">{ l.head_name.clone() }</span>
                                            if l.extreme == Some(true) {
                                                <span class="tag warn">{ Text::ColExtreme.get(lang) }</span>
                                            }
                                            <a class="button small-button" href={format!("/sebaran?family={}", l.id)} data-testid="targeting-map">
                                                { Text::OnMap.get(lang) }
                                            </a>
                                        </td>
                                        <td class="mono" data-testid="targeting-nik">{ l.head_nik.clone().unwrap_or_default() }</td>
                                        <td>{ l.desa_name.clone() }</td>
                                        <td>{ address(l) }</td>
                                        <td class="num">{ l.members }</td>
                                        <td class="num">{ l.decile.map(|d| d.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                        <td>{ programme_words(l, lang) }</td>
                                        <td>{ status_words(&l.status, lang) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <nav class="pager" aria-label={Text::PageOf.get(lang).replace("{p}", "").replace("{n}", "")}>
                        <button type="button" class="button ghost" disabled={page.page == 0}
                            onclick={go(page.page.saturating_sub(1))} data-testid="page-previous">
                            { Text::PagePrevious.get(lang) }
                        </button>
                        <span data-testid="page-of">{ Text::PageOf.get(lang).replace("{p}", &(page.page + 1).to_string()).replace("{n}", &pages.to_string()) }</span>
                        <button type="button" class="button ghost" disabled={page.page + 1 >= pages}
                            onclick={go(page.page + 1)} data-testid="page-next">
                            { Text::PageNext.get(lang) }
                        </button>
                    </nav>
                </>
            }
        }
    };
    html! {
        <div class="page page-scroll">
            <TopBar />
            <main class="targeting-page pad">
                <h1>{ Text::TargetingTitle.get(lang) }</h1>
                <p class="muted">{ Text::TargetingIntro.get(lang) }</p>
                <div class="tabs" role="tablist">
                    { tab(TargetingError::Inclusion, Text::TabInclusion, "tab-inclusion") }
                    { tab(TargetingError::Exclusion, Text::TabExclusion, "tab-exclusion") }
                </div>
                <p class="targeting-hint" data-testid="targeting-hint">{ hint.get(lang) }</p>
                <div class="targeting-controls">
                    <div class="targeting-filter">
                        <label for="targeting-desa">{ Text::CountsPerDesa.get(lang) }</label>
                        <select id="targeting-desa" onchange={on_desa} data-testid="targeting-desa">
                            <option value="" selected={query.desa.is_empty()}>
                                { format!("{} ({})", Text::AllDesa.get(lang), format::number(all_count.into())) }
                            </option>
                            { for per_desa.iter().map(|(code, name, n)| html! {
                                <option value={code.clone()} selected={&query.desa == code}>
                                    { format!("{name} ({})", format::number((*n).into())) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <span class="rekap-downloads">
                        <a class="button" href={query.path(Some("csv"))} download="" data-testid="download-csv">{ Text::DownloadCsv.get(lang) }</a>
                        <a class="button" href={query.path(Some("xlsx"))} download="" data-testid="download-xlsx">{ Text::DownloadXlsx.get(lang) }</a>
                        <a class="button" href={query.path(Some("geojson"))} download="" data-testid="download-geojson">{ Text::DownloadGeojson.get(lang) }</a>
                    </span>
                </div>
                <p class="muted small">{ Text::GeojsonNote.get(lang) }</p>
                { list_html }
            </main>
        </div>
    }
}
