//! "Antrean" (the Bupati's "Pengesahan"): what waits for a user of the approval chain, oldest
//! first, filtered by desa and kind; a selection approved in one go (each proposal answered on
//! its own); each row opens the review (family, history, score, musdes evidence) with the
//! role's step and "Kembalikan" with its reason; and, for the kecamatan and the Dinas, the bansos
//! quota per desa with its waiting list. Online only: the chain works in offices, and every
//! decision is the server's.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::family_detail::FamilyDetail;
use crate::components::musdes_evidence::MusdesEvidence;
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::words;
use std::collections::BTreeSet;
use tepat_domain::Role;
use tepat_domain::windows::WindowStatus;
use tepat_domain::workflow::{Step, StepKind, StepRecord};
use tepat_protocol::{
    BulkOutcome, BulkStep, BulkStepResult, KIND_CODES, ProposalView, QueueItem, QueueQuota,
    QueueView, RegionRef, TakeStep, routes,
};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// The step a chain role takes (the bulk button's and the review's main button).
pub fn role_step(role: Role) -> Option<StepKind> {
    match role {
        Role::PengelolaKecamatan => Some(StepKind::Approve),
        Role::OperatorDinas => Some(StepKind::Verify),
        Role::KepalaDinas => Some(StepKind::SignOff),
        Role::Bupati => Some(StepKind::Ratify),
        _ => None,
    }
}

/// The step to send for a step kind of the chain.
fn chain_step(kind: StepKind) -> Option<Step> {
    match kind {
        StepKind::Approve => Some(Step::Approve),
        StepKind::Verify => Some(Step::Verify),
        StepKind::SignOff => Some(Step::SignOff),
        StepKind::Ratify => Some(Step::Ratify),
        _ => None,
    }
}

/// The page's title for a role: ui.md's landing names.
pub fn title(role: Role) -> Text {
    match role {
        Role::PengelolaKecamatan => Text::QueueTitleKecamatan,
        Role::Bupati => Text::NavRatification,
        _ => Text::NavQueue,
    }
}

/// Whether the role sees "Kuota & daftar tunggu" (the kecamatan and the Dinas, not the Bupati).
pub fn shows_quota(role: Role) -> bool {
    matches!(
        role,
        Role::PengelolaKecamatan | Role::OperatorDinas | Role::KepalaDinas
    )
}

/// The kind codes' names for the filter (a deactivation of any reason is one choice).
fn kind_name(code: &str, lang: Lang) -> &'static str {
    use tepat_domain::workflow::{DeactivationReason, ProposalKind as K};
    let kind = match code {
        "baru" => K::NewFamily,
        "perbaikan" => K::Correction,
        "pkh" => K::BansosPkh,
        "bpnt" => K::BansosBpnt,
        "pbijk" => K::PbiJk,
        _ => K::Deactivation(DeactivationReason::Died),
    };
    match (kind, lang) {
        (K::Deactivation(_), Lang::Id) => "Penonaktifan",
        (K::Deactivation(_), Lang::En) => "Deactivation",
        (kind, lang) => words::kind(kind, lang),
    }
}

/// The window of an item in words, and whether the step can be taken now.
fn window_words(window: WindowStatus, lang: Lang) -> (bool, String) {
    match window {
        WindowStatus::Always => (true, Text::WindowAlways.get(lang).to_owned()),
        WindowStatus::Open { until } => (
            true,
            format!(
                "{} {}",
                Text::WindowOpenUntil.get(lang),
                format::date(until, lang)
            ),
        ),
        WindowStatus::Closed { opens_on } => (
            false,
            format!(
                "{} {}",
                Text::WindowClosedUntil.get(lang),
                format::date(opens_on, lang)
            ),
        ),
    }
}

/// The query of the queue with the chosen filters.
fn queue_path(desa: &str, kind: &str) -> String {
    api::with_query(routes::QUEUE, &[("desa", desa), ("kind", kind)])
}

/// One result line of a bulk step: the family's name and what became of its proposal.
#[derive(Debug, Clone, PartialEq)]
struct ResultLine {
    name: String,
    done: bool,
    text: String,
}

fn result_lines(result: &BulkStepResult, items: &[QueueItem], lang: Lang) -> Vec<ResultLine> {
    result
        .outcomes
        .iter()
        .map(|(id, outcome)| {
            let name = items
                .iter()
                .find(|i| i.proposal == *id)
                .map(|i| i.head_name.clone())
                .unwrap_or_else(|| id.to_string());
            match outcome {
                BulkOutcome::Done(state) => ResultLine {
                    name,
                    done: true,
                    text: format!(
                        "{} · {}",
                        Text::OutcomeDone.get(lang),
                        words::state(*state, lang)
                    ),
                },
                BulkOutcome::Refused(reason) => ResultLine {
                    name,
                    done: false,
                    text: format!("{} · {reason}", Text::OutcomeRefused.get(lang)),
                },
            }
        })
        .collect()
}

fn quota_section(quota: &[QueueQuota], lang: Lang) -> Html {
    let rows: Html = quota
        .iter()
        .map(|q| {
            let waiting: Html = q
                .waiting
                .iter()
                .map(|w| html! { <li>{ format!("{} · {} {}", w.head_name, Text::Score.get(lang), w.score) }</li> })
                .collect();
            let full = q.placed >= q.share;
            html! {
                <tr data-testid="quota-row">
                    <td>{ words::kind(q.programme, lang) }</td>
                    <td>{ &q.desa.name }</td>
                    <td class="num">{ q.share }</td>
                    <td class={classes!("num", full.then_some("full"))}>{ q.placed }</td>
                    <td>
                        if q.waiting.is_empty() {
                            { "–" }
                        } else {
                            <ol class="waiting-list" data-testid="waiting-list">{ waiting }</ol>
                        }
                    </td>
                </tr>
            }
        })
        .collect();
    html! {
        <section class="card quota-section" data-testid="quota">
            <h2>{ Text::QuotaTitle.get(lang) }</h2>
            if quota.is_empty() {
                <p class="muted">{ Text::QuotaNone.get(lang) }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-label={Text::QuotaTitle.get(lang)}>
                    <table class="queue-table">
                        <thead><tr>
                            <th>{ Text::Programme.get(lang) }</th><th>{ Text::Desa.get(lang) }</th>
                            <th class="num">{ Text::QuotaShare.get(lang) }</th><th class="num">{ Text::QuotaUsed.get(lang) }</th>
                            <th>{ Text::WaitingListLabel.get(lang) }</th>
                        </tr></thead>
                        <tbody>{ rows }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// The page.
#[function_component(QueuePage)]
pub fn queue_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let view = use_state(|| None::<Result<QueueView, ApiFailure>>);
    let desa = use_state(String::new);
    let kind = use_state(String::new);
    let known_desa = use_state(Vec::<RegionRef>::new);
    let selected = use_state(BTreeSet::<uuid::Uuid>::new);
    let opened = use_state(|| None::<QueueItem>);
    let results = use_state(Vec::<ResultLine>::new);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);
    let notice = use_state(|| None::<String>);
    let online = app.online;
    {
        let (view, known_desa, selected) = (view.clone(), known_desa.clone(), selected.clone());
        use_effect_with(
            ((*desa).clone(), (*kind).clone(), *reload, online),
            move |(desa, kind, _, online)| {
                if *online {
                    let path = queue_path(desa, kind);
                    let unfiltered = desa.is_empty();
                    wasm_bindgen_futures::spawn_local(async move {
                        let answer = api::get::<QueueView>(&path).await;
                        if let Ok(answer) = &answer
                            && unfiltered
                        {
                            // The desa filter offers the desa that have something to show.
                            let mut all: Vec<RegionRef> = answer
                                .items
                                .iter()
                                .map(|i| i.desa.clone())
                                .chain(answer.quota.iter().map(|q| q.desa.clone()))
                                .collect();
                            all.sort_by(|a, b| a.name.cmp(&b.name).then(a.code.cmp(&b.code)));
                            all.dedup_by(|a, b| a.code == b.code);
                            known_desa.set(all);
                        }
                        selected.set(BTreeSet::new());
                        view.set(Some(answer));
                    });
                }
            },
        );
    }
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    let Some(step) = role_step(user.role) else {
        return html! { <Redirect<Route> to={Route::Map} /> };
    };
    let items: Vec<QueueItem> = match &*view {
        Some(Ok(v)) => v.items.clone(),
        _ => Vec::new(),
    };
    let decidable: Vec<uuid::Uuid> = items
        .iter()
        .filter(|i| window_words(i.window, lang).0)
        .map(|i| i.proposal)
        .collect();

    let on_desa = {
        let desa = desa.clone();
        Callback::from(move |e: Event| {
            desa.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let select_all = {
        let (selected, decidable) = (selected.clone(), decidable.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            selected.set(if on {
                decidable.iter().copied().collect()
            } else {
                BTreeSet::new()
            });
        })
    };
    let bulk = {
        let (selected, results, busy, reload, items) = (
            selected.clone(),
            results.clone(),
            busy.clone(),
            reload.clone(),
            items.clone(),
        );
        Callback::from(move |_| {
            let proposals: Vec<uuid::Uuid> = selected.iter().copied().collect();
            let Some(sent) = chain_step(step) else {
                return;
            };
            if proposals.is_empty() {
                return;
            }
            let question = Text::BulkConfirm
                .get(lang)
                .replace("{step}", words::step(step, lang))
                .replace("{n}", &proposals.len().to_string());
            if !gloo::dialogs::confirm(&question) {
                return;
            }
            let (results, busy, reload, items) =
                (results.clone(), busy.clone(), reload.clone(), items.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let body = BulkStep {
                    proposals,
                    step: sent,
                    device: None,
                };
                let lines = match api::post::<_, BulkStepResult>(routes::QUEUE_STEPS, &body).await {
                    Ok(answer) => result_lines(&answer, &items, lang),
                    Err(failure) => vec![ResultLine {
                        name: String::new(),
                        done: false,
                        text: failure.message(lang),
                    }],
                };
                results.set(lines);
                busy.set(false);
                reload.set(*reload + 1);
            });
        })
    };
    let on_decided = {
        let (opened, reload, notice, results) = (
            opened.clone(),
            reload.clone(),
            notice.clone(),
            results.clone(),
        );
        Callback::from(move |text: String| {
            opened.set(None);
            results.set(Vec::new());
            notice.set(Some(text));
            reload.set(*reload + 1);
        })
    };
    let close_review = {
        let opened = opened.clone();
        Callback::from(move |_| opened.set(None))
    };

    let list = match &*view {
        _ if !online => html! {},
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(failure)) => html! {
            <div class="empty">
                <p class="field-error">{ failure.message(lang) }</p>
                <button type="button" class="button primary" onclick={{
                    let reload = reload.clone();
                    Callback::from(move |_| reload.set(*reload + 1))
                }}>{ Text::Retry.get(lang) }</button>
            </div>
        },
        Some(Ok(_)) if items.is_empty() => {
            html! { <p class="muted empty" data-testid="queue-empty">{ Text::QueueEmpty.get(lang) }</p> }
        }
        Some(Ok(_)) => {
            let rows: Html = items
                .iter()
                .map(|item| {
                    let (open_now, window_text) = window_words(item.window, lang);
                    let checked = selected.contains(&item.proposal);
                    let toggle = {
                        let (selected, id) = (selected.clone(), item.proposal);
                        Callback::from(move |_| {
                            let mut now = (*selected).clone();
                            if !now.remove(&id) {
                                now.insert(id);
                            }
                            selected.set(now);
                        })
                    };
                    let open = {
                        let (opened, item) = (opened.clone(), item.clone());
                        Callback::from(move |_| opened.set(Some(item.clone())))
                    };
                    let is_open = opened.as_ref().is_some_and(|o| o.proposal == item.proposal);
                    let decile = item.decile.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
                    html! {
                        <tr data-testid="queue-row" data-proposal={item.proposal.to_string()}
                            class={classes!(is_open.then_some("opened"))}>
                            <td class="pick">
                                <input type="checkbox" data-testid="queue-pick" checked={checked}
                                    disabled={!open_now} onchange={toggle}
                                    aria-label={format!("{} {}", Text::SelectProposal.get(lang), item.head_name)} />
                            </td>
                            <td>
                                <button type="button" class="linklike" onclick={open} data-testid="queue-open">
                                    { &item.head_name }
                                </button>
                                <span class="muted small block">{ &item.desa.name }</span>
                            </td>
                            <td>{ words::kind(item.kind, lang) }</td>
                            <td class="num">{ format!("{} / {decile}", item.score) }</td>
                            <td>
                                { format::date(tepat_domain::windows::Zone::Wib.local_date(item.since), lang) }
                                <span class="muted small block">{ format!("{} {}", item.waiting_days, Text::Days.get(lang)) }</span>
                            </td>
                            <td class={classes!("window-cell", (!open_now).then_some("closed"))}>{ window_text }</td>
                        </tr>
                    }
                })
                .collect();
            let all_checked =
                !decidable.is_empty() && decidable.iter().all(|d| selected.contains(d));
            html! {
                <div class="table-wrap" tabindex="0" role="region" aria-label={title(user.role).get(lang)}>
                    <table class="queue-table" data-testid="queue-table">
                        <thead><tr>
                            <th class="pick">
                                <input type="checkbox" checked={all_checked} onchange={select_all}
                                    data-testid="queue-pick-all" disabled={decidable.is_empty()}
                                    aria-label={Text::SelectAllShown.get(lang)} />
                            </th>
                            <th>{ Text::HeadOfFamily.get(lang) }</th>
                            <th>{ Text::ProposalKindLabel.get(lang) }</th>
                            <th class="num">{ format!("{} / {}", Text::Score.get(lang), Text::Decile.get(lang)) }</th>
                            <th>{ Text::WaitingSince.get(lang) }</th>
                            <th>{ Text::WindowLabel.get(lang) }</th>
                        </tr></thead>
                        <tbody>{ rows }</tbody>
                    </table>
                </div>
            }
        }
    };
    let desa_options: Html = known_desa
        .iter()
        .map(|d| {
            let code = d.code.to_string();
            html! { <option value={code.clone()} selected={*desa == code}>{ &d.name }</option> }
        })
        .collect();
    let kind_options: Html = KIND_CODES
        .iter()
        .map(|code| html! { <option value={*code} selected={*kind == *code}>{ kind_name(code, lang) }</option> })
        .collect();
    let count = selected.len();
    let result_list: Html = results
        .iter()
        .map(|line| {
            html! {
                <li class={if line.done { "outcome done" } else { "outcome refused" }} data-testid="bulk-result">
                    if !line.name.is_empty() { <strong>{ &line.name }</strong>{ " · " } }
                    { &line.text }
                </li>
            }
        })
        .collect();
    let quota = match &*view {
        Some(Ok(v)) if online && shows_quota(user.role) => quota_section(&v.quota, lang),
        _ => html! {},
    };
    html! {
        <div class="page">
            <TopBar />
            <main class="queue-layout" data-testid="queue-page">
                <section class="queue-main">
                    <div class="card queue-card">
                        <h1>{ title(user.role).get(lang) }</h1>
                        if !online {
                            <p class="notice offline-needed" data-testid="queue-offline" role="status">
                                { Text::QueueNeedsInternet.get(lang) }
                            </p>
                        }
                        <div class="queue-filters">
                            <div>
                                <label for="queue-desa">{ Text::Desa.get(lang) }</label>
                                <select id="queue-desa" data-testid="queue-desa" onchange={on_desa}>
                                    <option value="" selected={desa.is_empty()}>{ Text::AllDesa.get(lang) }</option>
                                    { desa_options }
                                </select>
                            </div>
                            <div>
                                <label for="queue-kind">{ Text::ProposalKindLabel.get(lang) }</label>
                                <select id="queue-kind" data-testid="queue-kind" onchange={on_kind}>
                                    <option value="" selected={kind.is_empty()}>{ Text::AllKinds.get(lang) }</option>
                                    { kind_options }
                                </select>
                            </div>
                        </div>
                        if online && matches!(&*view, Some(Ok(_))) {
                            <p class="queue-count" data-testid="queue-count">
                                <strong>{ items.len() }</strong>{ format!(" {}", Text::QueueWaitingCount.get(lang)) }
                            </p>
                        }
                        if let Some(text) = &*notice {
                            <p class="notice" data-testid="queue-notice" role="status">{ text }</p>
                        }
                        { list }
                        if online && !items.is_empty() {
                            <div class="bulk-bar">
                                <button type="button" class="button primary" data-testid="bulk-approve"
                                    disabled={count == 0 || *busy} onclick={bulk}>
                                    { format!("{} {} ({count})", words::step(step, lang), Text::TheSelected.get(lang)) }
                                </button>
                            </div>
                        }
                        if !results.is_empty() {
                            <section class="bulk-results" aria-live="polite">
                                <h3>{ Text::BulkResultTitle.get(lang) }</h3>
                                <ul>{ result_list }</ul>
                            </section>
                        }
                    </div>
                    { quota }
                </section>
                if let Some(item) = &*opened {
                    <aside class="queue-review">
                        <Review item={item.clone()} step={step} on_decided={on_decided} on_close={close_review} />
                    </aside>
                }
            </main>
        </div>
    }
}

/// Props of [`Review`].
#[derive(Properties, PartialEq)]
struct ReviewProps {
    item: QueueItem,
    step: StepKind,
    on_decided: Callback<String>,
    on_close: Callback<()>,
}

fn history_line(record: &StepRecord, lang: Lang) -> Html {
    let reason = match &record.step {
        Step::Return { reason } => {
            html! { <span class="return-reason">{ format!(" · {reason}") }</span> }
        }
        _ => html! {},
    };
    html! {
        <li data-testid="history-line">
            <span class="muted small">{ format!("{} · {} · ", format::date_time(record.at, lang), record.by) }</span>
            { format!("{} → {}", words::state(record.from, lang), words::state(record.to, lang)) }
            { reason }
        </li>
    }
}

/// One proposal under review: its history, musdes evidence, the decision, and the family.
#[function_component(Review)]
fn review(props: &ReviewProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let proposal = use_state(|| None::<Result<ProposalView, ApiFailure>>);
    let returning = use_state(|| false);
    let reason = use_state(String::new);
    let reason_error = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    {
        let proposal = proposal.clone();
        let (returning, reason, reason_error, failure) = (
            returning.clone(),
            reason.clone(),
            reason_error.clone(),
            failure.clone(),
        );
        use_effect_with(props.item.proposal, move |id| {
            let path = routes::proposal_path(id);
            proposal.set(None);
            returning.set(false);
            reason.set(String::new());
            reason_error.set(None);
            failure.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                proposal.set(Some(api::get::<ProposalView>(&path).await));
            });
        });
    }
    let take = {
        let (busy, failure, on_decided) = (busy.clone(), failure.clone(), props.on_decided.clone());
        let id = props.item.proposal;
        let name = props.item.head_name.clone();
        Callback::from(move |step: Step| {
            let (busy, failure, on_decided, name) = (
                busy.clone(),
                failure.clone(),
                on_decided.clone(),
                name.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let body = TakeStep { step, device: None };
                match api::post::<_, ProposalView>(&routes::proposal_steps_path(&id), &body).await {
                    Ok(view) => on_decided.emit(format!(
                        "{}: {} · {}",
                        Text::StepTaken.get(lang),
                        name,
                        words::state(view.state, lang)
                    )),
                    Err(refused) => failure.set(Some(refused.message(lang))),
                }
                busy.set(false);
            });
        })
    };
    let (open_now, window_text) = window_words(props.item.window, lang);
    let main_step = {
        let take = take.clone();
        let step = chain_step(props.step);
        Callback::from(move |_| {
            if let Some(step) = step.clone() {
                take.emit(step);
            }
        })
    };
    let start_return = {
        let returning = returning.clone();
        Callback::from(move |_| returning.set(true))
    };
    let on_reason = {
        let (reason, reason_error) = (reason.clone(), reason_error.clone());
        Callback::from(move |e: InputEvent| {
            reason.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            reason_error.set(None);
        })
    };
    let send_return = {
        let (reason, reason_error, take) = (reason.clone(), reason_error.clone(), take.clone());
        Callback::from(move |_| {
            let text = reason.trim().to_owned();
            if text.is_empty() {
                reason_error.set(Some(Text::ReturnReasonRequired.get(lang).to_owned()));
                return;
            }
            take.emit(Step::Return { reason: text });
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let history = match &*proposal {
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(f)) => html! { <p class="field-error">{ f.message(lang) }</p> },
        Some(Ok(view)) => {
            let lines: Html = view.steps.iter().map(|s| history_line(s, lang)).collect();
            html! { <ol class="history" data-testid="proposal-history">{ lines }</ol> }
        }
    };
    let item = &props.item;
    html! {
        <section class="card review" data-testid="review" aria-label={Text::ReviewTitle.get(lang)}>
            <div class="review-head">
                <h2>{ format!("{} · {}", words::kind(item.kind, lang), item.head_name) }</h2>
                <span class={classes!(words::state_class(item.state))}>{ words::state(item.state, lang) }</span>
            </div>
            <div class="review-actions">
                <button type="button" class="button primary" data-testid="review-step"
                    disabled={!open_now || *busy} onclick={main_step}>
                    { words::step(props.step, lang) }
                </button>
                <button type="button" class="button ghost" data-testid="review-return"
                    disabled={*busy} onclick={start_return}>
                    { words::step(StepKind::Return, lang) }
                </button>
                <button type="button" class="button ghost" onclick={close}>{ Text::Close.get(lang) }</button>
            </div>
            if let WindowStatus::Closed { opens_on } = props.item.window {
                <p class="notice" data-testid="review-window" title={window_text}>
                    { format!("{} {}.", Text::StepClosedOpens.get(lang), format::date(opens_on, lang)) }
                </p>
            }
            if *returning {
                <div class="return-form">
                    <label for="return-reason">{ Text::ReturnReason.get(lang) }</label>
                    <textarea id="return-reason" data-testid="return-reason" rows="3"
                        value={(*reason).clone()} oninput={on_reason}
                        aria-invalid={reason_error.is_some().to_string()}
                        aria-describedby="return-reason-error" />
                    if let Some(message) = &*reason_error {
                        <p class="field-error" id="return-reason-error" data-testid="return-reason-error">{ message }</p>
                    }
                    <button type="button" class="button primary" data-testid="return-send"
                        disabled={*busy} onclick={send_return}>
                        { Text::SendReturn.get(lang) }
                    </button>
                </div>
            }
            if let Some(message) = &*failure {
                <p class="field-error" data-testid="review-refused" role="alert">{ message }</p>
            }
            <h3>{ Text::ProposalHistory.get(lang) }</h3>
            { history }
            <MusdesEvidence proposal={item.proposal} />
            <p><Link<Route> to={Route::Map} classes="button ghost">{ Text::ViewOnMap.get(lang) }</Link<Route>></p>
            <FamilyDetail id={item.family} on_close={props.on_close.clone()} today={None} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chain_role_has_its_step_title_and_quota() {
        let check = [
            (
                Role::PengelolaKecamatan,
                Some(StepKind::Approve),
                Text::QueueTitleKecamatan,
                true,
            ),
            (
                Role::OperatorDinas,
                Some(StepKind::Verify),
                Text::NavQueue,
                true,
            ),
            (
                Role::KepalaDinas,
                Some(StepKind::SignOff),
                Text::NavQueue,
                true,
            ),
            (
                Role::Bupati,
                Some(StepKind::Ratify),
                Text::NavRatification,
                false,
            ),
        ];
        for (role, step, page_title, quota) in check {
            assert_eq!(role_step(role), step, "{role:?}");
            assert_eq!(title(role), page_title, "{role:?}");
            assert_eq!(shows_quota(role), quota, "{role:?}");
            assert!(chain_step(step.unwrap()).is_some());
        }
        assert_eq!(role_step(Role::OperatorDesa), None);
        assert_eq!(chain_step(StepKind::Return), None);
    }

    #[test]
    fn every_kind_code_has_a_name() {
        for code in KIND_CODES {
            assert!(!kind_name(code, Lang::Id).is_empty());
        }
        assert_eq!(kind_name("penonaktifan", Lang::Id), "Penonaktifan");
        assert_eq!(
            tepat_protocol::kind_code(tepat_domain::workflow::ProposalKind::BansosPkh),
            "pkh"
        );
    }
}
