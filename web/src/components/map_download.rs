//! "Unduh peta desa": the field user's panel that keeps the basemap around the desa's house pins
//! on the tablet, for the days without a signal. Before starting it says how many tiles and about
//! how much space ([`tile_plan`]), or why it cannot (no basemap, no pins yet, more than one
//! download may take); while downloading it shows the count, the per cent and a progress bar and
//! can be cancelled; at the end one sentence says what is stored and what failed. It also says
//! how much the app stores and asks the browser to keep it ([`tile_cache`]).

use crate::app::AppContext;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::local;
use crate::tile_cache::{self, Download, Ending, Outcome, Progress, Storage};
use crate::tile_plan::{self, Plan};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// `text` with each `{name}` replaced by its value.
fn fill(text: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(text.to_owned(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
    })
}

fn count(n: usize) -> String {
    format::number(n as u64)
}

/// Where the panel is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Nothing started (or a result shown below).
    Idle(Option<Outcome>),
    /// Downloading.
    Running(Progress),
    /// The browser cannot store tiles.
    Unavailable,
}

/// The house pins of the open copy, `(lat, lon)`.
fn house_pins() -> Vec<(f64, f64)> {
    local::open_copy()
        .map(|copy| {
            copy.summaries()
                .iter()
                .filter_map(|f| f.location.map(|l| (l.lat, l.lon)))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the screen is high-density (Leaflet then writes `{r}` as `@2x`).
fn retina() -> bool {
    web_sys::window().is_some_and(|w| w.device_pixel_ratio() > 1.0)
}

/// What the plan says before a download.
fn plan_text(plan: &Plan, stored: Option<usize>, lang: Lang) -> Html {
    match plan {
        Plan::NoBasemap => html! {
            <p class="muted" data-testid="tiles-plan">{ Text::MapDownloadNoBasemap.get(lang) }</p>
        },
        Plan::NoPins => html! {
            <p class="notice" data-testid="tiles-plan">{ Text::MapDownloadNoPins.get(lang) }</p>
        },
        Plan::TooLarge { tiles, max, osm } => html! {
            <p class="field-error" data-testid="tiles-plan">
                { fill(Text::MapDownloadTooLarge.get(lang), &[("tiles", count(*tiles)), ("max", count(*max))]) }
                if *osm { { " " }{ Text::MapDownloadOsmLimit.get(lang) } }
            </p>
        },
        Plan::Ready { urls } => {
            let zooms = format!("{}–{}", tile_plan::ZOOMS.start(), tile_plan::ZOOMS.end());
            let estimate = fill(
                Text::MapDownloadEstimate.get(lang),
                &[
                    ("tiles", count(urls.len())),
                    (
                        "size",
                        tile_plan::size_text(tile_plan::estimated_bytes(urls.len())),
                    ),
                    ("zooms", zooms),
                ],
            );
            html! {
                <>
                    <p class="tiles-estimate" data-testid="tiles-estimate" data-tiles={urls.len().to_string()}>{ estimate }</p>
                    if let Some(stored) = stored.filter(|n| *n > 0) {
                        <p class="muted small" data-testid="tiles-stored">
                            if stored >= urls.len() {
                                { Text::MapDownloadAllStored.get(lang) }
                            } else {
                                { fill(Text::MapDownloadAlreadyStored.get(lang), &[("tiles", count(stored))]) }
                            }
                        </p>
                    }
                </>
            }
        }
    }
}

/// The sentence at the end of a download.
fn outcome_text(outcome: &Outcome, lang: Lang) -> Html {
    let p = &outcome.progress;
    let (ok, text) = match outcome.ending {
        Ending::Complete if p.failed == 0 && p.fetched == 0 => (
            true,
            fill(
                Text::MapDownloadNothingNew.get(lang),
                &[("tiles", count(p.skipped))],
            ),
        ),
        Ending::Complete if p.failed == 0 => (
            true,
            fill(
                Text::MapDownloadComplete.get(lang),
                &[
                    ("fetched", count(p.fetched)),
                    ("size", tile_plan::size_text(p.bytes)),
                    ("skipped", count(p.skipped)),
                ],
            ),
        ),
        Ending::Complete => (
            false,
            fill(
                Text::MapDownloadIncomplete.get(lang),
                &[("failed", count(p.failed)), ("total", count(p.total))],
            ),
        ),
        Ending::Cancelled => (
            false,
            fill(
                Text::MapDownloadCancelled.get(lang),
                &[("done", count(p.done)), ("total", count(p.total))],
            ),
        ),
        Ending::StorageFull => (
            false,
            fill(
                Text::MapDownloadStorageFull.get(lang),
                &[("done", count(p.done)), ("total", count(p.total))],
            ),
        ),
    };
    html! {
        <p class={if ok { "check ok" } else { "check warning" }} data-testid="tiles-result"
            data-ending={format!("{:?}", outcome.ending)} data-fetched={p.fetched.to_string()}
            data-skipped={p.skipped.to_string()} data-failed={p.failed.to_string()}>
            { text }
        </p>
    }
}

/// The storage figures, as far as the browser gives them.
fn storage_text(storage: &Storage, lang: Lang) -> Html {
    let usage = match (storage.usage, storage.quota) {
        (Some(used), Some(quota)) if quota > 0 => Some(fill(
            Text::MapStorageUsage.get(lang),
            &[
                ("used", tile_plan::size_text(used)),
                ("quota", tile_plan::size_text(quota)),
            ],
        )),
        _ => None,
    };
    let tiles = storage.tiles.map(|n| {
        fill(
            Text::MapStorageTiles.get(lang),
            &[("tiles", format::number(n))],
        )
    });
    let kept = if storage.persisted {
        Text::MapStoragePersisted
    } else {
        Text::MapStorageNotPersisted
    };
    html! {
        <p class="muted small" data-testid="tiles-storage">
            { for [usage, tiles].into_iter().flatten().map(|t| html! { <>{ t }{ " " }</> }) }
            { kept.get(lang) }
        </p>
    }
}

/// The panel.
#[function_component(MapDownload)]
pub fn map_download() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let template = app.config.as_ref().and_then(|c| c.tile_url.clone());
    let plan = use_memo(
        (template.clone(), app.sync.data_version),
        |(template, _)| tile_plan::plan(template.as_deref(), &house_pins(), retina()),
    );
    let phase = use_state(|| Phase::Idle(None));
    let stored = use_state(|| None::<usize>);
    let storage = use_state(|| None::<Storage>);
    // Bumped after a download, so the stored counts are read again.
    let looked = use_state(|| 0u32);
    let job: Rc<RefCell<Option<Download>>> = use_mut_ref(|| None);

    {
        // The worker learns the template from here too (not only from the map), and a download
        // left running stops with the panel.
        let (template, job) = (template.clone(), job.clone());
        use_effect_with(template, move |template| {
            if let Some(template) = template {
                tile_cache::announce(template);
            }
            move || {
                if let Some(download) = job.borrow_mut().take() {
                    download.cancel();
                }
            }
        });
    }
    {
        let (stored, storage) = (stored.clone(), storage.clone());
        use_effect_with((plan.clone(), *looked), move |(plan, _)| {
            let urls = match &**plan {
                Plan::Ready { urls } => Some(urls.clone()),
                _ => None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(urls) = urls {
                    stored.set(tile_cache::cached_count(&urls).await);
                }
                storage.set(Some(tile_cache::storage().await));
            });
        });
    }

    let start = {
        let (plan, phase, job, looked) = (plan.clone(), phase.clone(), job.clone(), looked.clone());
        let parallel = template.as_deref().map(tile_plan::parallel).unwrap_or(1);
        Callback::from(move |_| {
            let Plan::Ready { urls } = &*plan else {
                return;
            };
            let progress = phase.clone();
            let started = Download::start(urls, parallel, move |p| progress.set(Phase::Running(p)));
            let download = match started {
                Ok(download) => download,
                Err(_) => {
                    phase.set(Phase::Unavailable);
                    return;
                }
            };
            phase.set(Phase::Running(Progress {
                total: urls.len(),
                ..Progress::default()
            }));
            let finished = download.finished();
            *job.borrow_mut() = Some(download);
            let (phase, job, looked) = (phase.clone(), job.clone(), looked.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Downloaded tiles are worth keeping through a full disk: asked once per download.
                crate::local::vault::persist().await;
                let outcome = finished.await;
                job.borrow_mut().take();
                phase.set(match outcome {
                    Ok(outcome) => Phase::Idle(Some(outcome)),
                    Err(_) => Phase::Unavailable,
                });
                looked.set(*looked + 1);
            });
        })
    };
    let cancel = {
        let job = job.clone();
        Callback::from(move |_| {
            if let Some(download) = job.borrow().as_ref() {
                download.cancel();
            }
        })
    };

    let ready = matches!(&*plan, Plan::Ready { .. });
    let body = match &*phase {
        Phase::Running(p) => html! {
            <div class="tiles-progress" data-testid="tiles-progress">
                <progress max={p.total.max(1).to_string()} value={p.done.to_string()}
                    aria-label={Text::MapDownloadTitle.get(lang)}></progress>
                <p data-testid="tiles-count" aria-live="polite">
                    { fill(Text::MapDownloadProgress.get(lang), &[
                        ("done", count(p.done)), ("total", count(p.total)), ("percent", p.percent().to_string()),
                    ]) }
                </p>
                <button type="button" class="button" onclick={cancel} data-testid="tiles-cancel">
                    { Text::MapDownloadCancel.get(lang) }
                </button>
            </div>
        },
        Phase::Unavailable => html! {
            <p class="field-error" data-testid="tiles-result">{ Text::MapDownloadUnavailable.get(lang) }</p>
        },
        Phase::Idle(outcome) => html! {
            <>
                if let Some(outcome) = outcome {
                    { outcome_text(outcome, lang) }
                }
                if ready {
                    if !app.online {
                        <p class="muted small" data-testid="tiles-offline">{ Text::MapDownloadOffline.get(lang) }</p>
                    }
                    <button type="button" class="button wide tiles-download" onclick={start}
                        disabled={!app.online} data-testid="tiles-download">
                        { Text::MapDownloadStart.get(lang) }
                    </button>
                }
            </>
        },
    };
    html! {
        <section class="map-download card" data-testid="map-download" aria-labelledby="map-download-title">
            <h2 id="map-download-title">{ Text::MapDownloadTitle.get(lang) }</h2>
            <p class="muted small">{ Text::MapDownloadHint.get(lang) }</p>
            { plan_text(&plan, *stored, lang) }
            { body }
            if let Some(storage) = &*storage {
                { storage_text(storage, lang) }
            }
        </section>
    }
}
