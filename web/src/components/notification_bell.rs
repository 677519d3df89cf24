//! The bell in the top bar: how many notifications the user's scope has (a proposal returned to
//! the desa, NIK ganda, a window opening soon, …), opening their list; each links to its family
//! on the map. Fetched when online, from the last answer kept on a field tablet when not.

use crate::app::{AppContext, Route};
use crate::format;
use crate::i18n::Text;
use crate::local;
use tepat_protocol::{NotificationList, routes};
use yew::prelude::*;
use yew_router::prelude::*;

/// The query that makes the map open a family's details: `/peta?keluarga=<id>`.
pub const FAMILY_QUERY: &str = "keluarga";

/// The bell and its list.
#[function_component(NotificationBell)]
pub fn notification_bell() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let list = use_state(|| None::<NotificationList>);
    let open = use_state(|| false);
    let navigator = use_navigator();
    let reads = app.user().is_some_and(|u| u.role.reads_families());
    {
        let list = list.clone();
        use_effect_with(
            (reads, app.online, app.sync.data_version),
            move |(reads, _, _)| {
                if *reads {
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(answer) =
                            local::cache::get::<NotificationList>(routes::NOTIFICATIONS).await
                        {
                            list.set(Some(answer));
                        }
                    });
                }
            },
        );
    }
    if !reads {
        return html! {};
    }
    let count = list.as_ref().map_or(0, |l| l.notifications.len());
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let items: Html = list
        .as_ref()
        .map(|l| {
            l.notifications
                .iter()
                .map(|n| {
                    let see = n.family.map(|family| {
                        let navigator = navigator.clone();
                        let open = open.clone();
                        Callback::from(move |_| {
                            open.set(false);
                            if let Some(navigator) = &navigator {
                                let _ = navigator.push_with_query(
                                    &Route::Map,
                                    &[(FAMILY_QUERY, family.to_string())],
                                );
                            }
                        })
                    });
                    html! {
                        <li class="notification" data-testid="notification">
                            <span class="small muted">
                                { format!("{} · {}", format::date_time(n.at, lang), n.desa.display_name()) }
                            </span>
                            <span>{ &n.message }</span>
                            if let Some(see) = see {
                                <button type="button" class="button" onclick={see} data-testid="notification-family">
                                    { Text::SeeFamily.get(lang) }
                                </button>
                            }
                        </li>
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <div class="bell">
            <button type="button" class="button ghost bell-button" onclick={toggle} data-testid="bell"
                aria-expanded={(*open).to_string()}
                aria-label={format!("{count} {}", Text::Notifications.get(lang))}>
                <svg class="bell-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
                        fill="currentColor" />
                </svg>
                if count > 0 {
                    <span class="bell-count" data-testid="bell-count">{ count }</span>
                }
            </button>
            if *open {
                <div class="bell-list card" data-testid="notifications" role="region"
                    aria-label={Text::Notifications.get(lang)}>
                    <h2>{ Text::Notifications.get(lang) }</h2>
                    if count == 0 {
                        <p class="muted">{ Text::NoNotifications.get(lang) }</p>
                    } else {
                        <ul>{ items }</ul>
                    }
                </div>
            }
        </div>
    }
}
