//! The musdes page. A desa operator sees whether the desa is overdue, its open meeting or the
//! form to schedule the next one (checked here with the domain's rules, decided by the server),
//! and the meetings recorded. Every other level sees each desa's standing in its region (last
//! held, next scheduled, proposals waiting, overdue first) and the meetings. Online only.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use tepat_domain::Role;
use tepat_domain::meeting::MusdesSchedule;
use tepat_protocol::musdes::{DesaMusdes, MusdesList, MusdesSummary, MusdesView, NewMusdes};
use tepat_protocol::routes;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// What the page shows.
#[derive(Clone, PartialEq)]
pub enum Loaded<T> {
    /// Asking the server.
    Loading,
    /// The server's answer.
    Ready(T),
    /// Why not.
    Failed(String),
}

/// Fetches `path` into `state`.
pub fn fetch_into<T: serde::de::DeserializeOwned + 'static>(
    path: String,
    state: UseStateHandle<Loaded<T>>,
    lang: Lang,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match api::get::<T>(&path).await {
            Ok(value) => state.set(Loaded::Ready(value)),
            Err(ApiFailure::Network) => {
                state.set(Loaded::Failed(Text::MusdesNeedsConnection.get(lang).into()))
            }
            Err(e) => state.set(Loaded::Failed(e.message(lang))),
        }
    });
}

/// "Rabu, 25 Nov 2026 · 09:00 · Balai Desa".
pub fn describe_schedule(schedule: &MusdesSchedule, lang: Lang) -> String {
    format!(
        "{}, {} · {} · {}",
        crate::words::weekday(schedule.date, lang),
        format::date(schedule.date, lang),
        format::clock(schedule.time),
        schedule.place
    )
}

/// The musdes page.
#[function_component(MusdesPage)]
pub fn musdes_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let list = use_state(|| Loaded::<MusdesList>::Loading);
    let reload = use_state(|| 0u32);
    {
        let list = list.clone();
        use_effect_with(*reload, move |_| {
            fetch_into(routes::MUSDES_LIST.to_owned(), list, lang);
        });
    }
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    let body = match &*list {
        Loaded::Loading => html! { <p class="muted" data-testid="musdes-loading">{ "…" }</p> },
        Loaded::Failed(message) => {
            html! { <p class="banner warning" data-testid="musdes-failed">{ message }</p> }
        }
        Loaded::Ready(list) if user.role == Role::OperatorDesa => desa_view(
            list,
            lang,
            Callback::from({
                let reload = reload.clone();
                move |_| reload.set(*reload + 1)
            }),
        ),
        Loaded::Ready(list) => region_view(list, lang),
    };
    html! {
        <div class="page">
            <TopBar />
            <main class="musdes-page" data-testid="musdes-page">
                <h1>{ Text::MusdesTitle.get(lang) }</h1>
                { body }
            </main>
        </div>
    }
}

fn desa_view(list: &MusdesList, lang: Lang, on_changed: Callback<()>) -> Html {
    let standing = list.desa.first();
    let open = list.meetings.iter().find(|m| m.closed.is_none());
    html! {
        <>
            if let Some(overdue) = standing.and_then(|s| s.overdue.as_ref()) {
                <p class="banner warning" data-testid="musdes-overdue">
                    { format!("{} {overdue}.", Text::MusdesOverdueBanner.get(lang)) }
                </p>
            }
            if let Some(open) = open {
                <section class="card" data-testid="open-musdes">
                    <h2>{ Text::MusdesNext.get(lang) }</h2>
                    <p class="lead">{ describe_schedule(&open.schedule, lang) }</p>
                    <p class="muted">{ summary_counts(open, lang) }</p>
                    <Link<Route> to={Route::Musdes { id: open.id.to_string() }} classes="button primary">
                        { Text::MusdesOpenMeeting.get(lang) }
                    </Link<Route>>
                </section>
            } else {
                <ScheduleForm waiting={standing.map(|s| s.waiting).unwrap_or(0)} {on_changed} />
            }
            { meetings(&list.meetings, lang) }
        </>
    }
}

fn summary_counts(meeting: &MusdesSummary, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{} / {} {}",
        meeting.decided,
        meeting.agenda,
        Text::MusdesDecided.get(lang)
    )];
    if meeting.missing > 0 {
        parts.push(format!(
            "{} {}",
            meeting.missing,
            Text::MusdesDocsMissing.get(lang)
        ));
    }
    parts.join(" · ")
}

fn meetings(list: &[MusdesSummary], lang: Lang) -> Html {
    html! {
        <section class="card">
            <h2>{ Text::MusdesHistory.get(lang) }</h2>
            if list.is_empty() {
                <p class="muted" data-testid="musdes-empty">{ Text::MusdesNone.get(lang) }</p>
            } else {
                <ul class="musdes-list" data-testid="musdes-list">
                    { for list.iter().map(|m| html! {
                        <li data-musdes={m.id.to_string()}>
                            <Link<Route> to={Route::Musdes { id: m.id.to_string() }}>
                                <strong>{ format!("{} · ", m.desa.name) }</strong>
                                { describe_schedule(&m.schedule, lang) }
                            </Link<Route>>
                            <span class={classes!("state-badge", if m.closed.is_some() { "final" } else { "musdes" })}>
                                { if m.closed.is_some() { Text::MusdesClosed.get(lang) } else { Text::MusdesOpen.get(lang) } }
                            </span>
                            <span class="muted small">{ summary_counts(m, lang) }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn region_view(list: &MusdesList, lang: Lang) -> Html {
    let row = |d: &DesaMusdes| {
        let last = d
            .last_held
            .map(|date| format::date(date, lang))
            .unwrap_or_else(|| Text::MusdesNever.get(lang).to_owned());
        let next = d
            .next
            .as_ref()
            .map(|s| describe_schedule(s, lang))
            .unwrap_or_else(|| "—".into());
        html! {
            <tr data-desa={d.desa.code.to_string()} class={classes!(d.overdue.is_some().then_some("overdue"))}>
                <th scope="row">{ &d.desa.name }</th>
                <td>{ last }</td>
                <td>{ next }</td>
                <td class="number">{ format::number(u64::from(d.waiting)) }</td>
                <td>
                    if let Some(overdue) = &d.overdue {
                        <span class="check error">{ overdue }</span>
                    } else {
                        <span class="muted">{ Text::MusdesOnTime.get(lang) }</span>
                    }
                </td>
            </tr>
        }
    };
    html! {
        <>
            <section class="card">
                <h2>{ Text::MusdesDesaStanding.get(lang) }</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="musdes-standing">
                        <thead>
                            <tr>
                                <th scope="col">{ "Desa" }</th>
                                <th scope="col">{ Text::MusdesLastHeld.get(lang) }</th>
                                <th scope="col">{ Text::MusdesNext.get(lang) }</th>
                                <th scope="col">{ Text::MusdesWaiting.get(lang) }</th>
                                <th scope="col">{ "Status" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for list.desa.iter().map(row) }</tbody>
                    </table>
                </div>
            </section>
            { meetings(&list.meetings, lang) }
        </>
    }
}

/// Props of [`ScheduleForm`].
#[derive(Properties, PartialEq)]
struct ScheduleFormProps {
    /// Proposals waiting for a musdes (they make the agenda).
    waiting: u32,
    /// Told once a meeting is scheduled.
    on_changed: Callback<()>,
}

fn today_wib() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .date()
}

#[function_component(ScheduleForm)]
fn schedule_form(props: &ScheduleFormProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let navigator = use_navigator();
    let lang = app.lang;
    let date = use_state(|| today_wib().to_string());
    let time = use_state(|| "09:00".to_owned());
    let place = use_state(String::new);
    let chair = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let submit = {
        let (date, time, place, chair, error, busy) = (
            date.clone(),
            time.clone(),
            place.clone(),
            chair.clone(),
            error.clone(),
            busy.clone(),
        );
        let on_changed = props.on_changed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(day) = date.parse::<jiff::civil::Date>() else {
                error.set(Some("Pilih tanggal musdes.".into()));
                return;
            };
            let Ok(hour) = time.parse::<jiff::civil::Time>() else {
                error.set(Some("Pilih jam musdes.".into()));
                return;
            };
            let schedule = MusdesSchedule {
                date: day,
                time: hour,
                place: place.trim().to_owned(),
                chair: chair.trim().to_owned(),
            };
            if let Err(refusal) = schedule.validate(today_wib()) {
                error.set(Some(refusal.to_string()));
                return;
            }
            error.set(None);
            busy.set(true);
            let (error, busy, on_changed, navigator) = (
                error.clone(),
                busy.clone(),
                on_changed.clone(),
                navigator.clone(),
            );
            let request = NewMusdes {
                id: uuid::Uuid::now_v7(),
                schedule,
            };
            wasm_bindgen_futures::spawn_local(async move {
                match api::post::<_, MusdesView>(routes::MUSDES_LIST, &request).await {
                    Ok(view) => {
                        on_changed.emit(());
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Musdes {
                                id: view.id.to_string(),
                            });
                        }
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="card form-section" onsubmit={submit} novalidate=true data-testid="schedule-form">
            <h2>{ Text::MusdesSchedule.get(lang) }</h2>
            <p class="muted" data-testid="schedule-waiting">
                { format!("{} {}", format::number(u64::from(props.waiting)), Text::MusdesWaitingToAgenda.get(lang)) }
            </p>
            <div class="form-row">
                <label class="field">
                    <span>{ Text::MusdesDate.get(lang) }</span>
                    <input type="date" value={(*date).clone()} oninput={field(&date)} data-testid="musdes-date" />
                </label>
                <label class="field">
                    <span>{ Text::MusdesTime.get(lang) }</span>
                    <input type="time" value={(*time).clone()} oninput={field(&time)} data-testid="musdes-time" />
                </label>
            </div>
            <label class="field">
                <span>{ Text::MusdesPlace.get(lang) }</span>
                <input type="text" value={(*place).clone()} oninput={field(&place)} data-testid="musdes-place"
                    placeholder="Balai Desa" />
            </label>
            <label class="field">
                <span>{ Text::MusdesChair.get(lang) }</span>
                <input type="text" value={(*chair).clone()} oninput={field(&chair)} data-testid="musdes-chair"
                    placeholder="Ketua BPD" />
            </label>
            if let Some(message) = &*error {
                <p class="check error" role="alert" data-testid="schedule-error">{ message }</p>
            }
            <button type="submit" class="button primary" disabled={*busy} data-testid="schedule-submit">
                { Text::MusdesSchedule.get(lang) }
            </button>
        </form>
    }
}
