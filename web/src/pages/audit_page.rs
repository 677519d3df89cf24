//! "Jejak audit": the dinas reads the audit trail of one family (opened from its details) or of
//! one user (typed here), newest first: when, who, role, device, the action in words, the detail
//! and before → after; older entries page in. Online only: the trail lives on the server.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::words;
use tepat_domain::{FamilyId, Role};
use tepat_protocol::{AuditLine, AuditPage as Page, FamilyDetail, routes};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Whose trail the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// None yet: the page asks for a username.
    Nobody,
    /// One family.
    Family(FamilyId),
    /// One user.
    User(String),
}

/// Props of [`AuditPage`].
#[derive(Properties, PartialEq)]
pub struct AuditProps {
    /// Whose trail.
    pub subject: Subject,
}

/// Whether `role` reads the audit trail (the server decides; this only hides the links).
pub fn reads_audit(role: Role) -> bool {
    matches!(role, Role::OperatorDinas | Role::KepalaDinas | Role::Admin)
}

fn role_words(role: Option<Role>, lang: Lang) -> &'static str {
    match (role, lang) {
        (None, _) => "—",
        (Some(r), Lang::Id) => r.label_id(),
        (Some(r), Lang::En) => r.label_en(),
    }
}

fn row(line: &AuditLine, lang: Lang) -> Html {
    let change = match (&line.before, &line.after) {
        (None, None) => String::new(),
        (before, after) => format!(
            "{} → {}",
            before.as_deref().unwrap_or("—"),
            after.as_deref().unwrap_or("—")
        ),
    };
    html! {
        <tr data-testid="audit-line">
            <td class="nowrap">{ format::date_time(line.at, lang) }</td>
            <td>{ &line.actor }</td>
            <td>{ role_words(line.role, lang) }</td>
            <td class="small">{ line.device.clone().unwrap_or_else(|| "—".into()) }</td>
            <td><strong>{ words::audit_action(line.action, lang) }</strong></td>
            <td class="small">{ &line.detail }</td>
            <td data-testid="audit-change">{ change }</td>
        </tr>
    }
}

/// The audit page.
#[function_component(AuditPage)]
pub fn audit_page(props: &AuditProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let lines = use_state(Vec::<AuditLine>::new);
    let older = use_state(|| None::<u64>);
    let failure = use_state(|| None::<ApiFailure>);
    let loading = use_state(|| false);
    let title = use_state(String::new);
    let typed = use_node_ref();
    let navigator = use_navigator();
    let query = |subject: &Subject, before: Option<u64>| -> Option<String> {
        let before = before.map(|b| b.to_string()).unwrap_or_default();
        match subject {
            Subject::Nobody => None,
            Subject::Family(id) => Some(api::with_query(
                routes::AUDIT,
                &[("family", &id.to_string()), ("before", &before)],
            )),
            Subject::User(name) => Some(api::with_query(
                routes::AUDIT,
                &[("user", name), ("before", &before)],
            )),
        }
    };
    let load = {
        let (lines, older, failure, loading) = (
            lines.clone(),
            older.clone(),
            failure.clone(),
            loading.clone(),
        );
        move |path: String, fresh: bool| {
            let (lines, older, failure, loading) = (
                lines.clone(),
                older.clone(),
                failure.clone(),
                loading.clone(),
            );
            loading.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::get::<Page>(&path).await {
                    Ok(page) => {
                        let mut all = if fresh { Vec::new() } else { (*lines).clone() };
                        all.extend(page.lines);
                        lines.set(all);
                        older.set(page.older);
                        failure.set(None);
                    }
                    Err(e) => failure.set(Some(e)),
                }
                loading.set(false);
            });
        }
    };
    {
        let (load, title) = (load.clone(), title.clone());
        let path = query(&props.subject, None);
        use_effect_with(props.subject.clone(), move |subject| {
            title.set(match subject {
                Subject::User(name) => name.clone(),
                _ => String::new(),
            });
            if let Subject::Family(id) = subject {
                let title = title.clone();
                let path = routes::family_path(id);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(family) = api::get::<FamilyDetail>(&path).await {
                        title.set(family.summary.head_name);
                    }
                });
            }
            if let Some(path) = path {
                load(path, true);
            }
        });
    }
    if app.user().is_none() {
        return html! { <Redirect<Route> to={Route::Login} /> };
    }
    let more = {
        let load = load.clone();
        let path = query(&props.subject, *older);
        Callback::from(move |_| {
            if let Some(path) = path.clone() {
                load(path, false);
            }
        })
    };
    let show_user = {
        let typed = typed.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let name = typed
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_lowercase())
                .unwrap_or_default();
            if let (false, Some(navigator)) = (name.is_empty(), &navigator) {
                navigator.push(&Route::AuditUser { name });
            }
        })
    };
    let heading = match &props.subject {
        Subject::Nobody => Text::AuditTrail.get(lang).to_owned(),
        Subject::Family(_) => format!("{}: {}", Text::AuditOfFamily.get(lang), *title),
        Subject::User(_) => format!("{}: {}", Text::AuditOfUser.get(lang), *title),
    };
    let initial = match &props.subject {
        Subject::User(name) => name.clone(),
        _ => String::new(),
    };
    html! {
        <div class="page">
            <TopBar />
            <main class="audit-page" data-testid="audit-page">
                <h1>{ heading }</h1>
                <form class="audit-user" onsubmit={show_user}>
                    <label for="audit-user">{ Text::AuditUsername.get(lang) }</label>
                    <input id="audit-user" type="text" ref={typed} value={initial} autocapitalize="none" />
                    <button type="submit" class="button">{ Text::AuditShow.get(lang) }</button>
                </form>
                if props.subject == Subject::Nobody {
                    <p class="muted">{ Text::AuditPick.get(lang) }</p>
                }
                if let Some(failure) = &*failure {
                    <p class="field-error" role="alert">{ failure.message(lang) }</p>
                }
                if props.subject != Subject::Nobody && lines.is_empty() && !*loading && failure.is_none() {
                    <p class="muted">{ Text::AuditEmpty.get(lang) }</p>
                }
                if !lines.is_empty() {
                    <div class="table-wrap card" tabindex="0" role="region" aria-label={Text::AuditTrail.get(lang)}>
                        <table class="audit">
                            <thead><tr>
                                <th>{ Text::AuditWhen.get(lang) }</th>
                                <th>{ Text::AuditWho.get(lang) }</th>
                                <th>{ Text::AuditRole.get(lang) }</th>
                                <th>{ Text::AuditDevice.get(lang) }</th>
                                <th>{ Text::AuditWhat.get(lang) }</th>
                                <th>{ Text::AuditDetail.get(lang) }</th>
                                <th>{ Text::AuditChange.get(lang) }</th>
                            </tr></thead>
                            <tbody>{ for lines.iter().map(|l| row(l, lang)) }</tbody>
                        </table>
                    </div>
                }
                if older.is_some() {
                    <button type="button" class="button" onclick={more} disabled={*loading} data-testid="audit-older">
                        { Text::AuditOlder.get(lang) }
                    </button>
                }
            </main>
        </div>
    }
}
