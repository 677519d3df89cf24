//! The bar on every page after login: the app, the user's region and role, the connection state,
//! the language switch and logout.

use crate::api;
use crate::app::AppContext;
use crate::components::lang_switch::LangSwitch;
use crate::i18n::{Lang, Text};
use crate::state::Action;
use tepat_protocol::routes;
use yew::prelude::*;

/// The top bar.
#[function_component(TopBar)]
pub fn top_bar() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let Some(user) = app.user().cloned() else {
        return html! {};
    };
    let logout = {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Whatever the server says, this device forgets the session.
                let _ = api::post_empty(routes::LOGOUT).await;
                app.dispatch(Action::LoggedOut);
            });
        })
    };
    let role = match lang {
        Lang::Id => user.role.label_id(),
        Lang::En => user.role.label_en(),
    };
    let (status_class, status_text) = if app.online {
        ("status online", Text::Online.get(lang))
    } else {
        ("status offline", Text::Offline.get(lang))
    };
    let demo = app.config.as_ref().is_some_and(|c| c.demo);
    html! {
        <>
            <header class="topbar">
                <div class="topbar-brand">
                    <img src="/icon.svg" alt="" width="32" height="32" />
                    <span class="brand">{ "Tepat" }</span>
                    <span class="nav-current">{ Text::NavVillageMap.get(lang) }</span>
                </div>
                <div class="topbar-user">
                    <span class="region" data-testid="user-region">
                        { user.region.display_name() }
                    </span>
                    <span class="role">{ format!("{} · {}", user.display_name, role) }</span>
                </div>
                <div class="topbar-actions">
                    <span class={status_class} data-testid="sync-status">{ status_text }</span>
                    <LangSwitch />
                    <button type="button" class="button ghost" onclick={logout} data-testid="logout">
                        { Text::LogOut.get(lang) }
                    </button>
                </div>
            </header>
            if demo {
                <p class="banner demo" data-testid="demo-banner">{ Text::DemoBanner.get(lang) }</p>
            }
        </>
    }
}
