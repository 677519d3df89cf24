//! The root component: app-wide state in a context, the router, and the start-up calls
//! (instance settings, "am I logged in?"), plus the browser's online/offline events and the
//! `<html lang>` attribute.

use crate::api;
use crate::components::update_prompt::UpdatePrompt;
use crate::i18n::{Lang, Text};
use crate::pages::{login::LoginPage, map_page::MapPage};
use crate::state::{Action, AppState, Session};
use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use tepat_protocol::{InstanceConfig, SessionInfo, routes};
use yew::prelude::*;
use yew_router::prelude::*;

/// The app-wide state as components receive it.
pub type AppContext = UseReducerHandle<AppState>;

/// Where the language choice is remembered.
const LANG_KEY: &str = "tepat.lang";

/// The app's pages.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// Login.
    #[at("/masuk")]
    Login,
    /// The map of the user's region with its families.
    #[at("/peta")]
    Map,
    /// The start: goes to the map or the login.
    #[at("/")]
    Home,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <LoginPage /> },
        Route::Map => html! { <MapPage /> },
        Route::Home => html! { <Redirect<Route> to={Route::Map} /> },
        Route::NotFound => html! { <NotFound /> },
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

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let lang = LocalStorage::get::<String>(LANG_KEY)
            .map(|c| Lang::from_code(&c))
            .unwrap_or_default();
        AppState::new(lang, browser_online())
    });

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let config_state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(config) = api::get::<InstanceConfig>(routes::CONFIG).await {
                    config_state.dispatch(Action::Configured(config));
                }
            });
            let session_state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::get::<SessionInfo>(routes::ME).await {
                    Ok(info) => session_state.dispatch(Action::LoggedIn(info)),
                    Err(_) => session_state.dispatch(Action::LoggedOut),
                }
            });
            let window = web_sys::window().expect("a browser window");
            let online_state = state.clone();
            let online = EventListener::new(&window, "online", move |_| {
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
        use_effect_with(state.lang, move |lang| {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            let _ = LocalStorage::set(LANG_KEY, lang.code());
        });
    }

    let body = match state.session {
        Session::Checking => html! {
            <main class="centered"><p class="muted">{ Text::Loading.get(state.lang) }</p></main>
        },
        _ => html! { <Switch<Route> render={switch} /> },
    };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <UpdatePrompt />
            <BrowserRouter>{ body }</BrowserRouter>
        </ContextProvider<AppContext>>
    }
}
