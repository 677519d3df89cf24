//! The root component: app-wide state in a context, the router, and the start-up calls
//! (instance settings, "am I logged in?"), plus the browser's online/offline events and the
//! `<html lang>` attribute.

use crate::api::{self, ApiFailure};
use crate::components::update_prompt::UpdatePrompt;
use crate::i18n::{Lang, Text};
use crate::local;
use crate::local::sync::{Progress, Schedule, SyncFailure};
use crate::pages::audit_page::{AuditPage, Subject};
use crate::pages::{
    login::LoginPage, map_page::MapPage, musdes::MusdesPage, musdes_meeting::MusdesMeetingPage,
    musdes_print::MusdesPrintPage, national::NationalPage, queue_page::QueuePage,
    register::RegisterPage, spread_map::SpreadMapPage, unlock::UnlockPage,
};
use crate::pages::{rekap_page::RekapPage, targeting_page::TargetingPage};
use crate::prefs;
use crate::state::{Action, AppState, Session, SyncPhase};
use gloo::events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use tepat_protocol::{InstanceConfig, SessionInfo, routes};
use yew::prelude::*;
use yew_router::prelude::*;

/// The app-wide state as components receive it.
pub type AppContext = UseReducerHandle<AppState>;

/// Where the language choice is remembered.
const LANG_KEY: &str = "tepat.lang";
/// Where the instance settings are remembered, so the app starts offline with them (they hold
/// no personal data).
const CONFIG_KEY: &str = "tepat.config";

/// The app's pages.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// Login.
    #[at("/masuk")]
    Login,
    /// The map of the user's region with its families.
    #[at("/peta")]
    Map,
    /// A field user registers a family.
    #[at("/keluarga/baru")]
    NewFamily,
    /// A field user corrects a family.
    #[at("/keluarga/:id/ubah")]
    EditFamily {
        /// The family's id.
        id: String,
    },
    /// Village meetings: the desa's, or each desa's standing in the region.
    #[at("/musdes")]
    MusdesList,
    /// One village meeting.
    #[at("/musdes/:id")]
    Musdes {
        /// The meeting's id.
        id: String,
    },
    /// A musdes paper to print: `berita-acara` or `daftar-hadir`.
    #[at("/musdes/:id/cetak/:document")]
    MusdesPrint {
        /// The meeting's id.
        id: String,
        /// Which paper.
        document: String,
    },
    /// The approval queue of the chain roles ("Antrean", the Bupati's "Pengesahan").
    #[at("/antrean")]
    Queue,
    /// The start: goes to the map or the login.
    #[at("/")]
    Home,
    /// The dinas's audit trail, asking whose.
    #[at("/audit")]
    Audit,
    /// The audit trail of one family.
    #[at("/audit/keluarga/:id")]
    AuditFamily {
        /// The family's id.
        id: String,
    },
    /// The audit trail of one user.
    #[at("/audit/pengguna/:name")]
    AuditUser {
        /// The username.
        name: String,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
    /// The Dinas operator sends the ratified batch to the national system and applies its result.
    #[at("/pusat")]
    National,
    /// The leaders' spread map of every family in the region.
    #[at("/sebaran")]
    Spread,
    /// The Dinas operator imports families, the BPS poor population and desa lists.
    #[at("/impor")]
    Import,
    /// The leaders' table per kecamatan or desa, with charts and downloads.
    #[at("/rekap")]
    Rekap,
    /// The leaders' lists of likely targeting errors.
    #[at("/sasaran")]
    Targeting,
    /// Citizens' usul and sanggah for the desa and kecamatan to visit and decide.
    #[at("/kasus")]
    Cases,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <LoginPage /> },
        Route::Map => html! { <MapPage /> },
        Route::NewFamily => html! { <RegisterPage /> },
        Route::EditFamily { id } => match uuid::Uuid::parse_str(&id) {
            Ok(id) => html! { <RegisterPage editing={Some(tepat_domain::FamilyId(id))} /> },
            Err(_) => html! { <NotFound /> },
        },
        Route::MusdesList => html! { <MusdesPage /> },
        Route::Musdes { id } => match uuid::Uuid::parse_str(&id) {
            Ok(id) => html! { <MusdesMeetingPage {id} /> },
            Err(_) => html! { <NotFound /> },
        },
        Route::MusdesPrint { id, document } => match uuid::Uuid::parse_str(&id) {
            Ok(id) => html! { <MusdesPrintPage {id} {document} /> },
            Err(_) => html! { <NotFound /> },
        },
        Route::Queue => html! { <QueuePage /> },
        Route::Home => html! { <Redirect<Route> to={Route::Map} /> },
        Route::Audit => html! { <AuditPage subject={Subject::Nobody} /> },
        Route::AuditFamily { id } => match uuid::Uuid::parse_str(&id) {
            Ok(id) => {
                html! { <AuditPage subject={Subject::Family(tepat_domain::FamilyId(id))} /> }
            }
            Err(_) => html! { <NotFound /> },
        },
        Route::AuditUser { name } => html! { <AuditPage subject={Subject::User(name)} /> },
        Route::NotFound => html! { <NotFound /> },
        Route::National => html! { <NationalPage /> },
        Route::Spread => html! { <SpreadMapPage /> },
        Route::Import => html! { <crate::pages::import_page::ImportPage /> },
        Route::Rekap => html! { <RekapPage /> },
        Route::Targeting => html! { <TargetingPage /> },
        Route::Cases => html! { <crate::pages::cases_page::CasesPage /> },
    }
}

#[function_component(NotFound)]
fn not_found() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    html! {
        <main class="centered">
            <div class="card">
                <p>{ Text::PageNotFound.get(app.lang) }</p>
                <Link<Route> to={Route::Map} classes="button primary">{ Text::BackToMap.get(app.lang) }</Link<Route>>
            </div>
        </main>
    }
}

fn browser_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// Where a logout made without a connection is remembered until the server is told.
const LOGOUT_PENDING_KEY: &str = "tepat.logout-pending";

/// Remembers a logout the server has not heard of yet (no connection at the time).
pub fn remember_logout() {
    prefs::set(LOGOUT_PENDING_KEY, "true");
}

/// Decides how the app starts: a server session (a field user must still open the local copy
/// with the password), or, without a connection, the last user's locked copy, or the login.
async fn start_session(state: AppContext) {
    if prefs::get(LOGOUT_PENDING_KEY).is_some_and(|v| v == "true") {
        match api::post_empty(routes::LOGOUT).await {
            Ok(()) => {
                // The user logged out offline: the server session ends now.
                prefs::remove(LOGOUT_PENDING_KEY);
                state.dispatch(Action::LoggedOut);
                return;
            }
            // Still no connection: tell the server next time.
            Err(ApiFailure::Network) => {}
            // No session left to end.
            Err(_) => prefs::remove(LOGOUT_PENDING_KEY),
        }
    }
    match api::get::<SessionInfo>(routes::ME).await {
        Ok(info) if info.role.works_offline() => state.dispatch(Action::Locked {
            username: info.username.clone(),
            online: Some(info),
        }),
        Ok(info) => state.dispatch(Action::LoggedIn(info)),
        Err(ApiFailure::Network) => {
            let last = local::vault::last_user().await.unwrap_or_default();
            if last.is_empty() {
                state.dispatch(Action::LoggedOut);
            } else {
                state.dispatch(Action::Locked {
                    username: last,
                    online: None,
                });
            }
        }
        Err(_) => state.dispatch(Action::LoggedOut),
    }
}

/// Puts a field user to work on their just-opened local copy: the session and its counts.
pub fn enter_local_copy(state: &AppContext) {
    if let Some(copy) = local::open_copy() {
        state.dispatch(Action::Unlocked(copy.user.clone()));
        publish_counts(state);
    }
}

/// After the server accepted `password` from a field user: opens their copy for the instance's
/// offline period and puts them to work on it; answers what to show when the device fails.
pub async fn open_copy_after_login(
    state: &AppContext,
    password: &str,
    info: SessionInfo,
) -> Result<(), String> {
    let days = state.config.as_ref().map(|c| c.offline_days).unwrap_or(7);
    local::open_after_login(password, info, days)
        .await
        .map_err(|e| e.to_string())?;
    enter_local_copy(state);
    Ok(())
}

/// Tells the UI the local copy's counts (and that its data changed).
pub fn publish_counts(state: &AppContext) {
    if let Some(copy) = local::open_copy() {
        let counts = copy.counts();
        state.dispatch(Action::LocalChanged(counts));
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs sync rounds while the local copy is open: at once, then every `interval_secs`, sooner
/// when woken (reconnect, button, edit), backing off after failures.
async fn sync_loop(state: AppContext, interval_secs: u32, stop: Rc<Cell<bool>>) {
    let mut schedule = Schedule::new(interval_secs, js_sys::Date::now());
    while !stop.get() && local::open_copy().is_some() {
        sleep(500).await;
        let now = js_sys::Date::now();
        if local::sync::take_wake() {
            schedule.wake(now);
        }
        if !schedule.is_due(now) || stop.get() {
            continue;
        }
        state.dispatch(Action::Sync(SyncPhase::Running {
            sent: 0,
            received: 0,
            total: 0,
        }));
        let progress_state = state.clone();
        let sent = Cell::new(0);
        let outcome = local::sync::round(move |p| {
            let (s, received, total) = match p {
                Progress::Sending(n) => {
                    sent.set(n);
                    (n, 0, 0)
                }
                Progress::Receiving { received, total } => (sent.get(), received, total),
            };
            progress_state.dispatch(Action::Sync(SyncPhase::Running {
                sent: s,
                received,
                total,
            }));
        })
        .await;
        let now = js_sys::Date::now();
        // Pages re-read the copy only when a round moved something.
        let moved = matches!(outcome, Ok(round) if round != Default::default());
        match outcome {
            Ok(_) => {
                schedule.succeeded(now);
                state.dispatch(Action::Sync(SyncPhase::Synced));
                state.dispatch(Action::Online(true));
            }
            Err(SyncFailure::Api(failure)) if failure.is_unauthenticated() => {
                schedule.succeeded(now);
                state.dispatch(Action::SessionExpired);
            }
            Err(SyncFailure::Closed) => break,
            Err(failure) => {
                schedule.failed(now);
                let message = match failure {
                    SyncFailure::Api(f) => f.message(state.lang),
                    SyncFailure::Storage(e) => e,
                    SyncFailure::Closed => String::new(),
                };
                state.dispatch(Action::Sync(SyncPhase::Failed(message)));
            }
        }
        if moved {
            publish_counts(&state);
        }
    }
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let lang = prefs::get(LANG_KEY)
            .map(|c| Lang::from_code(&c))
            .unwrap_or_default();
        AppState::new(lang, browser_online())
    });

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if let Some(config) = prefs::get_config(CONFIG_KEY) {
                state.dispatch(Action::Configured(config));
            }
            let config_state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(config) = api::get::<InstanceConfig>(routes::CONFIG).await {
                    prefs::set_config(CONFIG_KEY, &config);
                    config_state.dispatch(Action::Configured(config));
                }
            });
            wasm_bindgen_futures::spawn_local(start_session(state.clone()));
            let window = web_sys::window().expect("a browser window");
            let online_state = state.clone();
            let online = EventListener::new(&window, "online", move |_| {
                local::sync::wake_soon();
                online_state.dispatch(Action::Online(true))
            });
            let offline_state = state.clone();
            let offline = EventListener::new(&window, "offline", move |_| {
                offline_state.dispatch(Action::Online(false))
            });
            move || drop((online, offline))
        });
    }

    {
        let interval = state
            .config
            .as_ref()
            .map(|c| c.sync_interval_secs)
            .unwrap_or(60);
        let sync_state = state.clone();
        use_effect_with((state.sync.local, interval), move |(local, interval)| {
            let stop = Rc::new(Cell::new(false));
            if *local {
                wasm_bindgen_futures::spawn_local(sync_loop(sync_state, *interval, stop.clone()));
            }
            move || stop.set(true)
        });
    }

    {
        use_effect_with(state.lang, move |lang| {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            prefs::set(LANG_KEY, lang.code());
        });
    }

    let body = match state.session {
        Session::Checking => html! {
            <main class="centered"><p class="muted">{ Text::Loading.get(state.lang) }</p></main>
        },
        Session::Locked { .. } => html! { <UnlockPage /> },
        _ => html! { <Switch<Route> render={switch} /> },
    };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <UpdatePrompt />
            <BrowserRouter>{ body }</BrowserRouter>
        </ContextProvider<AppContext>>
    }
}
