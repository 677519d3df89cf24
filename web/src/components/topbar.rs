//! The bar on every page after login: the app (and the audit trail for the dinas), the user's
//! region and role, the connection state, the notifications bell, the language switch and logout.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::lang_switch::LangSwitch;
use crate::components::notification_bell::NotificationBell;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::local;
use crate::state::{Action, SyncPhase};
use tepat_domain::Role;
use tepat_protocol::routes;
use yew::prelude::*;
use yew_router::prelude::*;

/// The top bar.
#[function_component(TopBar)]
pub fn top_bar() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let route = use_route::<Route>();
    let Some(user) = app.user().cloned() else {
        return html! {};
    };
    let logout = {
        let app = app.clone();
        let username = user.username.clone();
        Callback::from(move |_| {
            let app = app.clone();
            let username = username.clone();
            let unsent = app.sync.local
                && local::open_copy().is_some_and(|c| {
                    let counts = c.counts();
                    counts.pending > 0 || counts.photos > 0
                });
            if unsent {
                let confirmed = gloo::dialogs::confirm(Text::LogoutPendingWarning.get(app.lang));
                if !confirmed {
                    return;
                }
            }
            wasm_bindgen_futures::spawn_local(async move {
                if app.sync.local {
                    if unsent {
                        // Kept sealed on the device; sent after the next login.
                        local::lock();
                    } else {
                        // Everything is on the server: the device keeps nothing.
                        let _ = local::wipe(&username).await;
                    }
                }
                // Whatever the server says, this device forgets the session; without a
                // connection the server is told at the next start.
                if let Err(ApiFailure::Network) = api::post_empty(routes::LOGOUT).await {
                    crate::app::remember_logout();
                }
                app.dispatch(Action::LoggedOut);
            });
        })
    };
    let sync_now = Callback::from(|_| local::sync::wake_soon());
    let log_in_again = {
        let app = app.clone();
        Callback::from(move |_| {
            local::lock();
            app.dispatch(Action::LoggedOut);
        })
    };
    let role = match lang {
        Lang::Id => user.role.label_id(),
        Lang::En => user.role.label_en(),
    };
    let sync = &app.sync;
    let (status_class, status_text) = match (&sync.phase, app.online) {
        (
            SyncPhase::Running {
                sent,
                received,
                total,
            },
            _,
        ) => {
            // The first sync says how far it got, once the server said how much there is.
            let (of_total, percent) = if total > received {
                (
                    format!(" {} {}", Text::Of.get(lang), format::number(*total as u64)),
                    format!(" ({}%)", received * 100 / total),
                )
            } else {
                (String::new(), String::new())
            };
            (
                "status syncing",
                format!(
                    "{} {} {} · {}{of_total} {}{percent}",
                    Text::Syncing.get(lang),
                    format::number(*sent as u64),
                    Text::Sending.get(lang),
                    format::number(*received as u64),
                    Text::Receiving.get(lang)
                ),
            )
        }
        (_, false) => ("status offline", Text::Offline.get(lang).to_owned()),
        (SyncPhase::NeedsLogin, _) => ("status warning", Text::SyncNeedsLogin.get(lang).to_owned()),
        (SyncPhase::Failed(_), _) => ("status warning", Text::SyncFailed.get(lang).to_owned()),
        // Only a finished round with nothing left to send is "synced".
        (SyncPhase::Synced, _) if sync.pending == 0 && sync.photos == 0 => {
            ("status online", Text::Online.get(lang).to_owned())
        }
        _ if sync.local => ("status waiting", Text::WaitingToSync.get(lang).to_owned()),
        _ => ("status online", Text::Connected.get(lang).to_owned()),
    };
    let status_title = match &sync.phase {
        SyncPhase::Failed(reason) => reason.clone(),
        _ => String::new(),
    };
    let demo = app.config.as_ref().is_some_and(|c| c.demo);
    // The chain roles' queue ("Pengesahan" for the Bupati).
    let queue_label = match user.role {
        Role::Bupati => Text::NavRatification,
        _ => Text::NavQueue,
    };
    let has_queue = crate::pages::queue_page::role_step(user.role).is_some();
    html! {
        <>
            <header class="topbar">
                <div class="topbar-brand">
                    <img src="/icon.svg" alt="" width="32" height="32" />
                    <span class="brand">{ "Tepat" }</span>
                </div>
                <nav class="topbar-nav" aria-label="Menu">
                    <span data-testid="nav-map">{ nav_link(Route::Map, Text::NavMap.get(lang), &route) }</span>
                    if has_queue {
                        <span data-testid="nav-queue">{ nav_link(Route::Queue, queue_label.get(lang), &route) }</span>
                    }
                    if crate::pages::spread_map::sees_spread(user.role) {
                        <span data-testid="nav-spread">{ nav_link(Route::Spread, Text::NavSpread.get(lang), &route) }</span>
                    }
                    if user.role.reads_families() {
                        { nav_link(Route::MusdesList, Text::NavMusdes.get(lang), &route) }
                    }
                    if user.role == Role::OperatorDinas {
                        { nav_link(Route::National, Text::NavNational.get(lang), &route) }
                        <span data-testid="nav-import">{ nav_link(Route::Import, Text::NavImport.get(lang), &route) }</span>
                    }
                    if crate::pages::rekap_page::reads_rekap(user.role) {
                        <span data-testid="nav-rekap">{ nav_link(Route::Rekap, Text::NavRekap.get(lang), &route) }</span>
                        <span data-testid="nav-targeting">{ nav_link(Route::Targeting, Text::NavTargeting.get(lang), &route) }</span>
                    }
                    if crate::pages::audit_page::reads_audit(user.role) {
                        <span data-testid="nav-audit">
                            { nav_link(Route::Audit, Text::AuditTrail.get(lang), &route) }
                        </span>
                    }
                    if crate::pages::cases_page::reads_cases(user.role) {
                        <span data-testid="nav-cases">{ nav_link(Route::Cases, Text::NavCases.get(lang), &route) }</span>
                    }
                </nav>
                <div class="topbar-user">
                    <span class="region" data-testid="user-region">
                        { user.region.display_name() }
                    </span>
                    <span class="role">{ format!("{} · {}", user.display_name, role) }</span>
                </div>
                <div class="topbar-actions">
                    <span class={status_class} data-testid="sync-status" title={status_title}>{ status_text }</span>
                    if sync.local && sync.pending > 0 {
                        <span class="status pending" data-testid="pending-count">
                            { format!("{} {}", sync.pending, Text::PendingChanges.get(lang)) }
                        </span>
                    }
                    if sync.local && sync.photos > 0 {
                        <span class="status pending" data-testid="pending-photos">
                            { format!("{} {}", sync.photos, Text::PhotosPending.get(lang)) }
                        </span>
                    }
                    if sync.local && sync.refused > 0 {
                        <span class="status warning" data-testid="refused-count">
                            { format!("{} {}", sync.refused, Text::RefusedChanges.get(lang)) }
                        </span>
                    }
                    if sync.local && sync.phase == SyncPhase::NeedsLogin {
                        <button type="button" class="button" onclick={log_in_again}>{ Text::LogIn.get(lang) }</button>
                    } else if sync.local {
                        <button type="button" class="button" onclick={sync_now} data-testid="sync-now"
                            disabled={matches!(sync.phase, SyncPhase::Running { .. })}>
                            { Text::SyncNow.get(lang) }
                        </button>
                    }
                    <NotificationBell />
                    <LangSwitch />
                    <button type="button" class="button ghost" onclick={logout} data-testid="logout">
                        { Text::LogOut.get(lang) }
                    </button>
                </div>
            </header>
            if let SyncPhase::Running { received, total, .. } = sync.phase && total > received {
                <progress class="sync-progress" data-testid="sync-progress"
                    max={total.to_string()} value={received.to_string()}
                    aria-label={Text::Syncing.get(lang)} />
            }
            if demo {
                <p class="banner demo" data-testid="demo-banner">{ Text::DemoBanner.get(lang) }</p>
            }
        </>
    }
}

/// A menu link, marked when it is the page shown (a meeting and its papers count as Musdes).
fn nav_link(to: Route, label: &str, current: &Option<Route>) -> Html {
    let here = match (&to, current) {
        (
            Route::MusdesList,
            Some(Route::MusdesList | Route::Musdes { .. } | Route::MusdesPrint { .. }),
        ) => true,
        (
            Route::Audit,
            Some(Route::Audit | Route::AuditFamily { .. } | Route::AuditUser { .. }),
        ) => true,
        (to, Some(current)) => to == current,
        _ => false,
    };
    html! {
        <Link<Route> to={to} classes={classes!("nav-link", here.then_some("current"))}>
            <span aria-current={here.then_some("page")}>{ label.to_owned() }</span>
        </Link<Route>>
    }
}
