//! "Rekap" (`/rekap`): the leaders' table per kecamatan or per desa from `GET spread/regions`
//! (families, members, pins, photos and verification with their shares, extreme poor, likely
//! targeting errors, proposals waiting per level with the oldest, the bansos quota, the last
//! musdes and overdue desa; loci rows marked), sortable by any column; a kecamatan opens its
//! desa; a total row; the bar chart per kecamatan and the twelve months' progress as SVG drawn
//! here (`crate::rekap` holds the geometry); "Unduh CSV/XLSX" are plain links to the same
//! route with `format=`, so the browser downloads the server's file. Online only.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::rekap::{self, SortKey};
use tepat_domain::Role;
use tepat_protocol::routes;
use tepat_protocol::spread::{RegionRow, RegionTable, WaitLevel};
use yew::prelude::*;
use yew_router::prelude::*;

/// Whether a role has the leaders' Rekap and "Salah sasaran" pages.
pub fn reads_rekap(role: Role) -> bool {
    matches!(
        role,
        Role::OperatorDinas | Role::KepalaDinas | Role::Bupati | Role::PengelolaKecamatan
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Box<RegionTable>),
    Failed(ApiFailure),
}

/// Which table is shown.
#[derive(Debug, Clone, PartialEq)]
struct View {
    desa_level: bool,
    /// The kecamatan opened (code, name).
    within: Option<(String, String)>,
}

impl View {
    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![(
            "level",
            if self.desa_level { "desa" } else { "kecamatan" }.to_owned(),
        )];
        if let Some((code, _)) = &self.within {
            params.push(("within", code.clone()));
        }
        params
    }

    fn path(&self, format: Option<&str>) -> String {
        let mut params = self.params();
        if let Some(format) = format {
            params.push(("format", format.to_owned()));
        }
        let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        api::with_query(routes::SPREAD_REGIONS, &borrowed)
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn wait_label(level: WaitLevel) -> Text {
    match level {
        WaitLevel::Desa => Text::WaitLevelDesa,
        WaitLevel::Kecamatan => Text::WaitLevelKecamatan,
        WaitLevel::Dinas => Text::WaitLevelDinas,
        WaitLevel::KepalaDinas => Text::WaitLevelKepalaDinas,
        WaitLevel::Bupati => Text::WaitLevelBupati,
        WaitLevel::Pusat => Text::WaitLevelPusat,
    }
}

/// A count with its share: `45 · 90%`.
fn share_cell(part: u32, whole: u32) -> Html {
    html! {
        <td class="num">
            <span class="rekap-count">{ format::number(part.into()) }</span>
            <span class="rekap-share">{ rekap::percent(part, whole) }</span>
        </td>
    }
}

fn count_cell(n: u32) -> Html {
    html! { <td class="num">{ format::number(n.into()) }</td> }
}

fn waiting_cell(row: &RegionRow, lang: Lang) -> Html {
    let lines: Vec<Html> = WaitLevel::ALL
        .iter()
        .zip(&row.waiting)
        .filter(|(_, w)| w.count > 0)
        .map(|(level, w)| {
            let long = w.oldest_days > rekap::LONG_WAIT_DAYS;
            html! {
                <span class={classes!("rekap-wait", long.then_some("long"))}>
                    { format!("{}: {} · {} {}", wait_label(*level).get(lang), format::number(w.count.into()), w.oldest_days, Text::DaysShort.get(lang)) }
                </span>
            }
        })
        .collect();
    if lines.is_empty() {
        html! { <td class="muted">{ Text::NoneWaiting.get(lang) }</td> }
    } else {
        html! { <td class="rekap-waiting">{ for lines }</td> }
    }
}

fn quota_cell(row: &RegionRow) -> Html {
    if row.quota.share == 0 && row.quota.used == 0 {
        return html! { <td class="num muted">{ "—" }</td> };
    }
    html! {
        <td class="num">
            <span class="rekap-count">{ format!("{} / {}", format::number(row.quota.used.into()), format::number(row.quota.share.into())) }</span>
            <span class="rekap-share">{ rekap::percent(row.quota.used, row.quota.share) }</span>
        </td>
    }
}

fn musdes_cell(row: &RegionRow, desa_row: bool, lang: Lang) -> Html {
    let date = match row.last_musdes {
        Some(d) => format::date(d, lang),
        None => Text::NeverHeld.get(lang).to_owned(),
    };
    let late = if row.musdes_overdue == 0 {
        html! {}
    } else if desa_row {
        html! { <span class="tag warn">{ Text::OverdueBadge.get(lang) }</span> }
    } else {
        html! {
            <span class="tag warn">{ format!("{} {}", format::number(row.musdes_overdue.into()), Text::DesaOverdueCount.get(lang)) }</span>
        }
    };
    html! { <td class="rekap-musdes">{ date }{ late }</td> }
}

/// Recipient houses labelled of all recipients, with the share and a thin progress bar.
fn labelled_cell(row: &RegionRow) -> Html {
    if row.recipients == 0 {
        return html! { <td class="num muted" data-testid="rekap-labelled">{ "—" }</td> };
    }
    let width = f64::from(row.labelled.min(row.recipients)) / f64::from(row.recipients) * 100.0;
    html! {
        <td class="num" data-testid="rekap-labelled">
            <span class="rekap-count">{ format!("{} / {}", format::number(row.labelled.into()), format::number(row.recipients.into())) }</span>
            <span class="rekap-share">{ rekap::percent(row.labelled, row.recipients) }</span>
            <span class="rekap-bar" aria-hidden="true"><span style={format!("width: {width:.1}%")} /></span>
        </td>
    }
}

/// Citizens' cases: open of filed (`2 / 5 terbuka`).
fn cases_cell(open: u32, total: u32, testid: &'static str, lang: Lang) -> Html {
    if total == 0 {
        return html! { <td class="num muted" data-testid={testid}>{ "0" }</td> };
    }
    html! {
        <td class="num" data-testid={testid}>
            <span class={classes!("rekap-count", (open > 0).then_some("open-cases"))}>{ format!("{} / {}", format::number(open.into()), format::number(total.into())) }</span>
            <span class="rekap-share">{ Text::CasesOpenShort.get(lang) }</span>
        </td>
    }
}

/// The figures of one row after its name cell.
fn figure_cells(row: &RegionRow, desa_row: bool, lang: Lang) -> Html {
    html! {
        <>
            { count_cell(row.families) }
            { count_cell(row.members) }
            { share_cell(row.pinned, row.families) }
            { share_cell(row.with_photo, row.families) }
            { share_cell(row.verified, row.families) }
            { share_cell(row.extreme, row.families) }
            { count_cell(row.inclusion_errors) }
            { count_cell(row.exclusion_errors) }
            { waiting_cell(row, lang) }
            { quota_cell(row) }
            { musdes_cell(row, desa_row, lang) }
            { labelled_cell(row) }
            { cases_cell(row.sanggah_open, row.sanggah_total, "rekap-sanggah", lang) }
            { cases_cell(row.usul_open, row.usul_total, "rekap-usul", lang) }
        </>
    }
}

fn kecamatan_chart(rows: &[RegionRow], lang: Lang) -> Html {
    const LABEL: f64 = 150.0;
    let (bars, max) = rekap::kecamatan_bars(rows);
    let height = bars.len() as f64 * rekap::BAR_ROW + 24.0;
    let width = LABEL + rekap::BAR_AREA + 110.0;
    let title = Text::ChartKecamatanTitle.get(lang);
    html! {
        <figure class="card rekap-chart" data-testid="chart-kecamatan">
            <figcaption><h2>{ title }</h2></figcaption>
            <svg viewBox={format!("0 0 {width} {height}")} role="img" aria-label={title} class="rekap-svg">
                <line x1={LABEL.to_string()} y1="0" x2={LABEL.to_string()} y2={(height - 20.0).to_string()} class="axis" />
                <text x={(LABEL + rekap::BAR_AREA).to_string()} y={(height - 4.0).to_string()} text-anchor="end" class="axis-label">{ format::number(max) }</text>
                <text x={LABEL.to_string()} y={(height - 4.0).to_string()} class="axis-label">{ "0" }</text>
                { for bars.iter().map(|b| html! {
                    <g>
                        <title>{ format!("{}: {} {}, {} {}", b.label, format::number(b.counts.0.into()), Text::ColFamilies.get(lang), format::number(b.counts.1.into()), Text::ColExtreme.get(lang)) }</title>
                        <text x={(LABEL - 8.0).to_string()} y={(b.y + 19.0).to_string()} text-anchor="end" class={classes!("bar-label", b.loci.then_some("loci"))}>{ b.label.clone() }</text>
                        <rect x={LABEL.to_string()} y={(b.y + 4.0).to_string()} width={b.families.max(1.0).to_string()} height="12" class="bar families" />
                        <rect x={LABEL.to_string()} y={(b.y + 17.0).to_string()} width={b.extreme.max(if b.counts.1 > 0 { 1.0 } else { 0.0 }).to_string()} height="9" class="bar extreme" />
                        <text x={(LABEL + b.families + 6.0).to_string()} y={(b.y + 15.0).to_string()} class="bar-value">
                            { format!("{} · {}", format::number(b.counts.0.into()), format::number(b.counts.1.into())) }
                        </text>
                    </g>
                }) }
            </svg>
            <p class="rekap-legend small">
                <span class="swatch families" />{ Text::ColFamilies.get(lang) }
                <span class="swatch extreme" />{ Text::ColExtreme.get(lang) }
            </p>
        </figure>
    }
}

fn progress_chart(table: &RegionTable, lang: Lang) -> Html {
    const LEFT: f64 = 40.0;
    const TOP: f64 = 12.0;
    let months = match lang {
        Lang::Id => tepat_domain::text::MONTHS_ID,
        Lang::En => MONTHS_EN,
    };
    let (bars, max) = rekap::month_bars(&table.progress, months);
    let width = LEFT + bars.len() as f64 * rekap::MONTH_SLOT + 8.0;
    let base = TOP + rekap::MONTH_PLOT;
    let height = base + 26.0;
    let series = [
        (Text::SeriesProposed, "proposed"),
        (Text::SeriesFinalised, "finalised"),
        (Text::SeriesVisits, "visits"),
    ];
    let title = Text::ChartProgressTitle.get(lang);
    html! {
        <figure class="card rekap-chart" data-testid="chart-progress">
            <figcaption><h2>{ title }</h2></figcaption>
            <svg viewBox={format!("0 0 {width} {height}")} role="img" aria-label={title} class="rekap-svg">
                <line x1={LEFT.to_string()} y1={base.to_string()} x2={(width - 4.0).to_string()} y2={base.to_string()} class="axis" />
                <text x={(LEFT - 6.0).to_string()} y={(TOP + 4.0).to_string()} text-anchor="end" class="axis-label">{ format::number(max) }</text>
                <text x={(LEFT - 6.0).to_string()} y={base.to_string()} text-anchor="end" class="axis-label">{ "0" }</text>
                { for bars.iter().enumerate().map(|(i, m)| {
                    let x0 = LEFT + i as f64 * rekap::MONTH_SLOT + 6.0;
                    html! {
                        <g>
                            <title>{ format!("{}: {} {}, {} {}, {} {}", m.label, m.counts[0], series[0].0.get(lang), m.counts[1], series[1].0.get(lang), m.counts[2], series[2].0.get(lang)) }</title>
                            { for m.heights.iter().enumerate().map(|(s, h)| html! {
                                <rect x={(x0 + s as f64 * 12.0).to_string()} y={(base - h).to_string()} width="11" height={h.to_string()} class={classes!("bar", series[s].1)} />
                            }) }
                            <text x={(x0 + 18.0).to_string()} y={(base + 18.0).to_string()} text-anchor="middle" class="axis-label">{ m.label.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            if bars.iter().all(|m| m.counts == [0, 0, 0]) {
                <p class="muted small empty-chart">{ Text::ProgressEmpty.get(lang) }</p>
            }
            <p class="rekap-legend small">
                { for series.iter().map(|(text, class)| html! {
                    <><span class={classes!("swatch", *class)} />{ text.get(lang) }</>
                }) }
            </p>
        </figure>
    }
}

/// The page.
#[function_component(RekapPage)]
pub fn rekap_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let kecamatan_user = app
        .user()
        .is_some_and(|u| u.role == Role::PengelolaKecamatan);
    let view = use_state(|| View {
        desa_level: kecamatan_user,
        within: None,
    });
    let load = use_state(|| Load::Loading);
    let sort = use_state(|| (SortKey::Name, false));
    {
        let load = load.clone();
        use_effect_with((*view).clone(), move |view| {
            load.set(Load::Loading);
            let (load, path) = (load.clone(), view.path(None));
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api::get::<RegionTable>(&path).await {
                    Ok(t) => Load::Loaded(Box::new(t)),
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
    let set_level = |desa_level: bool| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            view.set(View {
                desa_level,
                within: None,
            })
        })
    };
    let open = |code: String, name: String| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            view.set(View {
                desa_level: true,
                within: Some((code.clone(), name.clone())),
            })
        })
    };
    let header = |key: SortKey, label: &str, numeric: bool| {
        let (current, descending) = *sort;
        let active = current == key;
        let aria = match (active, descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (active, descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (current, descending) = *sort;
                // A new column sorts names A–Z and figures largest first; again flips it.
                sort.set(if current == key {
                    (key, !descending)
                } else {
                    (key, key != SortKey::Name)
                });
            })
        };
        html! {
            <th aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort-button" onclick={onclick}>
                    { label.to_owned() }<span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let desa_level = view.desa_level;
    let body = match &*load {
        Load::Loading => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Load::Failed(e) => html! { <p class="field-error">{ e.message(lang) }</p> },
        Load::Loaded(table) if table.rows.is_empty() => {
            html! { <p class="empty-state">{ Text::RekapEmpty.get(lang) }</p> }
        }
        Load::Loaded(table) => {
            let (key, descending) = *sort;
            let rows = rekap::sorted(&table.rows, key, descending);
            let name_label = if desa_level {
                Text::LevelDesa
            } else {
                Text::LevelKecamatan
            };
            html! {
                <>
                    <div class="card table-wrap rekap-table-wrap">
                        <table class="members rekap-table" data-testid="rekap-table">
                            <thead><tr>
                                { header(SortKey::Name, name_label.get(lang), false) }
                                { header(SortKey::Families, Text::ColFamilies.get(lang), true) }
                                { header(SortKey::Members, Text::ColMembers.get(lang), true) }
                                { header(SortKey::Pinned, Text::ColPinned.get(lang), true) }
                                { header(SortKey::Photo, Text::ColPhoto.get(lang), true) }
                                { header(SortKey::Verified, Text::ColVerified.get(lang), true) }
                                { header(SortKey::Extreme, Text::ColExtreme.get(lang), true) }
                                { header(SortKey::Inclusion, Text::ColInclusion.get(lang), true) }
                                { header(SortKey::Exclusion, Text::ColExclusion.get(lang), true) }
                                { header(SortKey::Waiting, Text::ColWaiting.get(lang), false) }
                                { header(SortKey::Quota, Text::ColQuota.get(lang), true) }
                                { header(SortKey::Musdes, Text::ColMusdes.get(lang), false) }
                                { header(SortKey::Labelled, Text::ColLabelled.get(lang), true) }
                                { header(SortKey::Sanggah, Text::ColSanggah.get(lang), true) }
                                { header(SortKey::Usul, Text::ColUsul.get(lang), true) }
                            </tr></thead>
                            <tbody>
                                { for rows.iter().map(|row| {
                                    let name = if desa_level {
                                        html! {
                                            <>
                                                <span class="rekap-name">{ row.name.clone() }</span>
                                                if view.within.is_none() && let Some(k) = &row.kecamatan {
                                                    <span class="muted small rekap-sub">{ k.clone() }</span>
                                                }
                                            </>
                                        }
                                    } else {
                                        html! {
                                            <button type="button" class="link-button rekap-name" data-testid="open-kecamatan"
                                                onclick={open(row.code.clone(), row.name.clone())}>
                                                { row.name.clone() }
                                            </button>
                                        }
                                    };
                                    html! {
                                        <tr class={classes!(row.loci.then_some("loci"))} data-code={row.code.clone()} data-testid="rekap-row">
                                            <th scope="row" class="rekap-region">
                                                { name }
                                                if row.loci {
                                                    <span class="tag loci" data-testid="loci-badge">{ Text::LociBadge.get(lang) }</span>
                                                }
                                            </th>
                                            { figure_cells(row, desa_level, lang) }
                                        </tr>
                                    }
                                }) }
                            </tbody>
                            <tfoot>
                                <tr data-testid="rekap-total">
                                    <th scope="row">{ Text::TotalRow.get(lang) }</th>
                                    { figure_cells(&table.total, false, lang) }
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                    <p class="muted small">
                        { format!("{} {}", Text::FiguresAsOf.get(lang), format::date_time(table.as_of, lang)) }
                    </p>
                    <div class="rekap-charts">
                        if !desa_level {
                            { kecamatan_chart(&table.rows, lang) }
                        }
                        { progress_chart(table, lang) }
                    </div>
                </>
            }
        }
    };
    html! {
        <div class="page page-scroll">
            <TopBar />
            <main class="rekap-page pad">
                <section class="rekap-head">
                    <h1>{ Text::RekapTitle.get(lang) }</h1>
                    <p class="muted">{ Text::RekapIntro.get(lang) }</p>
                    <div class="rekap-controls">
                        if let Some((_, name)) = &view.within {
                            <button type="button" class="button ghost" onclick={set_level(false)} data-testid="rekap-back">
                                { Text::RekapAllKecamatan.get(lang) }
                            </button>
                            <h2 class="rekap-within" data-testid="rekap-within">{ format!("{} {name}", Text::LevelKecamatan.get(lang)) }</h2>
                        } else {
                            <div class="chips" role="group" aria-label={Text::RekapTitle.get(lang)}>
                                <button type="button" class="chip" aria-pressed={(!desa_level).to_string()} onclick={set_level(false)} data-testid="level-kecamatan">
                                    { Text::LevelKecamatan.get(lang) }
                                </button>
                                <button type="button" class="chip" aria-pressed={desa_level.to_string()} onclick={set_level(true)} data-testid="level-desa">
                                    { Text::LevelDesa.get(lang) }
                                </button>
                            </div>
                        }
                        <span class="rekap-downloads">
                            <a class="button" href={view.path(Some("csv"))} download="" data-testid="download-csv">{ Text::DownloadCsv.get(lang) }</a>
                            <a class="button" href={view.path(Some("xlsx"))} download="" data-testid="download-xlsx">{ Text::DownloadXlsx.get(lang) }</a>
                            if desa_level {
                                <a class="button" href={view.path(Some("geojson"))} download="" data-testid="download-geojson">{ Text::DownloadGeojson.get(lang) }</a>
                            }
                        </span>
                    </div>
                </section>
                { body }
            </main>
        </div>
    }
}
