//! "Kasus" (`/kasus`): citizens' usul and sanggah for the desa and kecamatan (and read only for
//! the Dinas and leaders): the inbox with state and kind filters, newest first, and the case
//! opened beside it (landscape) or below it (portrait). Online only: the page says so offline.

use crate::api;
use crate::app::{AppContext, Route};
use crate::components::case_detail::CaseDetail;
use crate::components::case_row::{CaseRow, kind_words, state_short};
use crate::components::topbar::TopBar;
use crate::i18n::Text;
use tepat_domain::Role;
use tepat_domain::cases::{CaseKind, CaseState};
use tepat_protocol::cases::{CaseList, kind_code, state_code};
use tepat_protocol::routes;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Whether a role has the page (every role that reads families).
pub fn reads_cases(role: Role) -> bool {
    role.reads_families()
}

/// The page.
#[function_component(CasesPage)]
pub fn cases_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let online = app.online;
    let state_filter = use_state(String::new);
    let kind_filter = use_state(String::new);
    let list = use_state(|| None::<Result<CaseList, String>>);
    let opened = use_state(|| None::<uuid::Uuid>);
    let load = {
        let (list, state_filter, kind_filter) =
            (list.clone(), state_filter.clone(), kind_filter.clone());
        Callback::from(move |_: ()| {
            let list = list.clone();
            let path = api::with_query(
                routes::CASES,
                &[("state", &state_filter), ("kind", &kind_filter)],
            );
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::get::<CaseList>(&path).await;
                list.set(Some(answer.map_err(|e| e.message(lang))));
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with(
            ((*state_filter).clone(), (*kind_filter).clone(), online),
            move |(_, _, online)| {
                if *online {
                    load.emit(());
                }
            },
        );
    }
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    if !reads_cases(user.role) {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let on_state = {
        let state_filter = state_filter.clone();
        Callback::from(move |e: Event| {
            state_filter.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_kind = {
        let kind_filter = kind_filter.clone();
        Callback::from(move |e: Event| {
            kind_filter.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_open = {
        let opened = opened.clone();
        Callback::from(move |id: uuid::Uuid| opened.set(Some(id)))
    };
    let on_close = {
        let opened = opened.clone();
        Callback::from(move |_: ()| opened.set(None))
    };
    let states = [CaseState::New, CaseState::Visited, CaseState::Decided];
    let kinds = [CaseKind::Usul, CaseKind::Sanggah];
    let inbox = match &*list {
        _ if !online => html! {},
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(message)) => {
            html! { <p class="field-error" data-testid="case-error">{ message }</p> }
        }
        Some(Ok(l)) if l.cases.is_empty() => html! {
            <div class="empty-state" data-testid="cases-empty">
                <p>{ Text::CasesEmpty.get(lang) }</p>
            </div>
        },
        Some(Ok(l)) => html! {
            <ul class="case-list" data-testid="case-list">
                { for l.cases.iter().map(|line| html! {
                    <CaseRow line={line.clone()} selected={*opened == Some(line.id)}
                        on_open={on_open.clone()} lang={lang} />
                }) }
            </ul>
        },
    };
    let counts = match &*list {
        Some(Ok(l)) if online => html! {
            <p class="case-counts" data-testid="case-counts">
                <span class="case-badge new">{ format!("{} {}", l.new, state_short(CaseState::New, lang)) }</span>
                <span class="case-badge visited">{ format!("{} {}", l.visited, state_short(CaseState::Visited, lang)) }</span>
                <span class="case-badge decided">{ format!("{} {}", l.decided, state_short(CaseState::Decided, lang)) }</span>
            </p>
        },
        _ => html! {},
    };
    let on_changed = {
        let load = load.clone();
        Callback::from(move |_: ()| load.emit(()))
    };
    html! {
        <div class="page">
            <TopBar />
            <main class="cases-layout" data-testid="cases-page">
                <section class="cases-main">
                    <div class="card cases-card">
                        <h1>{ Text::CasesTitle.get(lang) }</h1>
                        <p class="muted small">{ Text::CasesIntro.get(lang) }</p>
                        if !online {
                            <p class="notice offline-needed" role="status" data-testid="cases-offline">
                                { Text::CasesNeedsInternet.get(lang) }
                            </p>
                        }
                        <div class="queue-filters">
                            <div>
                                <label for="case-filter-state">{ Text::CasesStateLabel.get(lang) }</label>
                                <select id="case-filter-state" data-testid="case-filter-state" onchange={on_state}>
                                    <option value="" selected={state_filter.is_empty()}>{ Text::CasesAllStates.get(lang) }</option>
                                    { for states.iter().map(|s| html! {
                                        <option value={state_code(*s)} selected={*state_filter == state_code(*s)}>{ state_short(*s, lang) }</option>
                                    }) }
                                </select>
                            </div>
                            <div>
                                <label for="case-filter-kind">{ Text::CasesKindLabel.get(lang) }</label>
                                <select id="case-filter-kind" data-testid="case-filter-kind" onchange={on_kind}>
                                    <option value="" selected={kind_filter.is_empty()}>{ Text::CasesAllKinds.get(lang) }</option>
                                    { for kinds.iter().map(|k| html! {
                                        <option value={kind_code(*k)} selected={*kind_filter == kind_code(*k)}>{ kind_words(*k, lang) }</option>
                                    }) }
                                </select>
                            </div>
                        </div>
                        { counts }
                        { inbox }
                    </div>
                </section>
                if online {
                    <aside class="cases-side">
                        if let Some(id) = *opened {
                            <CaseDetail id={id} lang={lang} on_changed={on_changed} on_close={on_close} />
                        } else {
                            <div class="card case-detail-empty"><p class="muted">{ Text::CaseChoose.get(lang) }</p></div>
                        }
                    </aside>
                }
            </main>
        </div>
    }
}
