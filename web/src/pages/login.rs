//! The login page: username and password, the server's answer shown next to the form (wrong
//! password, too many attempts, no connection), a busy button while waiting.

use crate::api;
use crate::app::{AppContext, Route, open_copy_after_login};
use crate::components::lang_switch::LangSwitch;
use crate::i18n::Text;
use crate::state::{Action, Session};
use tepat_protocol::{LoginRequest, SessionInfo, routes};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// The login page.
#[function_component(LoginPage)]
pub fn login_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let username = use_node_ref();
    let password = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let lang = app.lang;

    if app.user().is_some() {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }

    let onsubmit = {
        let (app, username, password, busy, error) = (
            app.clone(),
            username.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let request = LoginRequest {
                username: value(&username),
                password: value(&password),
            };
            busy.set(true);
            error.set(None);
            let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::post::<_, SessionInfo>(routes::LOGIN, &request).await {
                    Ok(info) if info.role.works_offline() => {
                        // Field roles work on the tablet's encrypted copy, opened with the
                        // password just checked.
                        if let Err(e) = open_copy_after_login(&app, &request.password, info).await {
                            error.set(Some(e));
                        }
                    }
                    Ok(info) => app.dispatch(Action::LoggedIn(info)),
                    Err(failure) => error.set(Some(failure.message(app.lang))),
                }
                busy.set(false);
            });
        })
    };

    let expired = matches!(app.session, Session::LoggedOut { expired: true });
    let kabupaten = app
        .config
        .as_ref()
        .map(|c| c.kabupaten.name.clone())
        .unwrap_or_default();
    let demo = app.config.as_ref().is_some_and(|c| c.demo);
    html! {
        <main class="login-page">
            <div class="login-lang"><LangSwitch /></div>
            <section class="login-card card">
                <div class="brand-block">
                    <img src="/icon.svg" alt="" class="brand-mark" width="56" height="56" />
                    <div>
                        <h1 class="brand">{ "Tepat" }</h1>
                        <p class="muted">{ Text::AppTagline.get(lang) }</p>
                        <p class="kabupaten">{ kabupaten }</p>
                    </div>
                </div>
                if demo {
                    <p class="banner demo" data-testid="demo-banner">{ Text::DemoBanner.get(lang) }</p>
                }
                <h2>{ Text::LoginTitle.get(lang) }</h2>
                if !app.online {
                    <p class="notice" data-testid="offline-login">{ Text::OfflineLogin.get(lang) }</p>
                }
                if expired {
                    <p class="notice">{ Text::SessionExpired.get(lang) }</p>
                }
                <form {onsubmit} novalidate=true>
                    <label for="username">{ Text::Username.get(lang) }</label>
                    <input id="username" ref={username} type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" required=true />
                    <label for="password">{ Text::Password.get(lang) }</label>
                    <input id="password" ref={password} type="password" autocomplete="current-password" required=true />
                    if let Some(message) = (*error).clone() {
                        <p class="field-error" role="alert" data-testid="login-error">{ message }</p>
                    }
                    <button type="submit" class="button primary wide" disabled={*busy} data-testid="login-submit">
                        { if *busy { Text::LoggingIn.get(lang) } else { Text::LogIn.get(lang) } }
                    </button>
                </form>
                <p class="muted small">{ Text::LoginHint.get(lang) }</p>
                <p class="small"><a href="/publik" data-testid="public-link">{ Text::PublicServicesLink.get(lang) }</a></p>
            </section>
        </main>
    }
}
