//! "A new version of Tepat is ready": shown when the service worker has installed a new build in
//! the background; the button puts it in force (the page reloads once).

use crate::app::AppContext;
use crate::i18n::Text;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn apply_update() {
    let window = gloo::utils::window();
    let apply = js_sys::Reflect::get(&window, &"tepatApplyUpdate".into()).ok();
    if let Some(function) = apply.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = function.call0(&window);
    }
}

/// The prompt; renders nothing until an update is ready.
#[function_component(UpdatePrompt)]
pub fn update_prompt() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "tepat-update-ready", move |_| {
                    ready.set(true)
                });
            move || drop(listener)
        });
    }
    if !*ready {
        return html! {};
    }
    html! {
        <div class="banner update" role="status" data-testid="update-ready">
            { Text::UpdateReady.get(app.lang) }
            <button type="button" class="button primary" onclick={Callback::from(|_| apply_update())}>
                { Text::UpdateNow.get(app.lang) }
            </button>
        </div>
    }
}
