//! The language switch: one button naming the other language.

use crate::app::AppContext;
use crate::i18n::Text;
use crate::state::Action;
use yew::prelude::*;

/// Switches between Bahasa Indonesia and English.
#[function_component(LangSwitch)]
pub fn lang_switch() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::SetLang(app.lang.other())))
    };
    html! {
        <button type="button" class="button ghost" {onclick} data-testid="lang-switch"
            aria-label={Text::SwitchLanguage.get(app.lang)}>
            { Text::SwitchLanguage.get(app.lang) }
        </button>
    }
}
