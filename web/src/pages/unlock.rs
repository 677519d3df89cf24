//! The unlock page: the device holds the user's encrypted copy and only the password opens it
//! (after a reload, or when the app starts without a signal). Online, the server checks the
//! password first (a wrong one never touches the copy); offline, the copy's own verifier does,
//! and only within the offline period the instance allows.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, enter_local_copy, open_copy_after_login};
use crate::components::lang_switch::LangSwitch;
use crate::i18n::Text;
use crate::local::{self, vault::Unlock};
use crate::state::{Action, Session};
use tepat_protocol::{LoginRequest, SessionInfo, routes};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Opens the copy offline, answering the message to show on failure.
async fn unlock_offline(username: &str, password: &str, app: &AppContext) -> Option<Text> {
    if !local::offline_period_running(username).await {
        return Some(Text::OfflineExpired);
    }
    match local::unlock(username, password, None).await {
        Ok(Unlock::Opened | Unlock::Created) => {
            enter_local_copy(app);
            None
        }
        Ok(Unlock::WrongPassword) => Some(Text::WrongPassword),
        Ok(Unlock::Absent) => Some(Text::NoLocalCopy),
        Err(_) => Some(Text::NoLocalCopy),
    }
}

/// The unlock page.
#[function_component(UnlockPage)]
pub fn unlock_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let password = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let Session::Locked { username, online } = app.session.clone() else {
        return html! {};
    };
    let onsubmit = {
        let (app, password, busy, error) =
            (app.clone(), password.clone(), busy.clone(), error.clone());
        let (username, online) = (username.clone(), online.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let secret = password
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            busy.set(true);
            error.set(None);
            let (app, busy, error) = (app.clone(), busy.clone(), error.clone());
            let (username, online) = (username.clone(), online.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let lang = app.lang;
                let request = LoginRequest {
                    username: username.clone(),
                    password: secret.clone(),
                };
                let checked = if online.is_some() {
                    Some(api::post::<_, SessionInfo>(routes::LOGIN, &request).await)
                } else {
                    None
                };
                let problem = match checked {
                    Some(Ok(info)) => open_copy_after_login(&app, &secret, info).await.err(),
                    Some(Err(ApiFailure::Network)) | None => {
                        unlock_offline(&username, &secret, &app)
                            .await
                            .map(|t| t.get(lang).to_owned())
                    }
                    Some(Err(failure)) => Some(failure.message(lang)),
                };
                error.set(problem);
                busy.set(false);
            });
        })
    };
    let other_user = {
        let app = app.clone();
        Callback::from(move |_| {
            local::lock();
            app.dispatch(Action::LoggedOut);
        })
    };
    html! {
        <main class="login-page">
            <div class="login-lang"><LangSwitch /></div>
            <section class="login-card card" data-testid="unlock-page">
                <div class="brand-block">
                    <img src="/icon.svg" alt="" class="brand-mark" width="56" height="56" />
                    <div>
                        <h1 class="brand">{ "Tepat" }</h1>
                        <p class="muted">{ Text::AppTagline.get(lang) }</p>
                    </div>
                </div>
                <h2>{ Text::UnlockTitle.get(lang) }</h2>
                <p class="muted">{ Text::UnlockHint.get(lang) }</p>
                if !app.online {
                    <p class="notice" data-testid="offline-login">{ Text::OfflineLogin.get(lang) }</p>
                }
                <form {onsubmit} novalidate=true>
                    <label for="unlock-user">{ Text::Username.get(lang) }</label>
                    <input id="unlock-user" type="text" value={username.clone()} readonly=true autocomplete="username" />
                    <label for="unlock-password">{ Text::Password.get(lang) }</label>
                    <input id="unlock-password" ref={password} type="password" autocomplete="current-password" required=true />
                    if let Some(message) = (*error).clone() {
                        <p class="field-error" role="alert" data-testid="unlock-error">{ message }</p>
                    }
                    <button type="submit" class="button primary wide" disabled={*busy} data-testid="unlock-submit">
                        { if *busy { Text::Unlocking.get(lang) } else { Text::UnlockButton.get(lang) } }
                    </button>
                </form>
                <button type="button" class="button ghost wide other-user" onclick={other_user}>{ Text::OtherUser.get(lang) }</button>
            </section>
        </main>
    }
}
