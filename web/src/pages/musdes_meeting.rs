//! One village meeting: when and where, the printable minutes and attendance list, the agenda
//! with a decision per proposal, the four evidence documents with uploads, and closing (refused
//! by the server, in words, until everything is there). Others in scope read it. Online only.

use crate::api;
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::evidence;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::pages::musdes::{Loaded, describe_schedule, fetch_into};
use crate::words;
use tepat_domain::meeting::Decision;
use tepat_domain::musdes::MusdesDocument;
use tepat_protocol::musdes::{AgendaView, MusdesAction, MusdesView};
use tepat_protocol::routes;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`MusdesMeetingPage`].
#[derive(Properties, PartialEq)]
pub struct MusdesMeetingProps {
    /// The meeting.
    pub id: uuid::Uuid,
}

/// Sends `action` and shows the answer (or the refusal under `error_key`).
fn send(
    id: uuid::Uuid,
    action: MusdesAction,
    view: UseStateHandle<Loaded<MusdesView>>,
    errors: UseStateHandle<Option<(String, String)>>,
    error_key: String,
    lang: Lang,
    done: Option<Callback<()>>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match api::post::<_, MusdesView>(&routes::musdes_path(&id), &action).await {
            Ok(answer) => {
                errors.set(None);
                view.set(Loaded::Ready(answer));
            }
            Err(e) => errors.set(Some((error_key, e.message(lang)))),
        }
        if let Some(done) = done {
            done.emit(());
        }
    });
}

/// The meeting page.
#[function_component(MusdesMeetingPage)]
pub fn musdes_meeting_page(props: &MusdesMeetingProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let view = use_state(|| Loaded::<MusdesView>::Loading);
    // The refusal shown, with the place it belongs to ("close", "agenda", a proposal, a document).
    let errors = use_state(|| None::<(String, String)>);
    {
        let view = view.clone();
        use_effect_with(props.id, move |id| {
            fetch_into(routes::musdes_path(id), view, lang);
        });
    }
    let meeting = match &*view {
        Loaded::Loading => return page(html! { <p class="muted">{ "…" }</p> }),
        Loaded::Failed(message) => {
            return page(
                html! { <p class="banner warning" data-testid="musdes-failed">{ message }</p> },
            );
        }
        Loaded::Ready(meeting) => meeting.clone(),
    };
    let id = props.id;
    let error_at = |key: &str| -> Html {
        match &*errors {
            Some((at, message)) if at == key => {
                html! { <p class="check error" role="alert" data-testid={format!("error-{key}")}>{ message }</p> }
            }
            _ => html! {},
        }
    };
    let act = {
        let (view, errors) = (view.clone(), errors.clone());
        move |action: MusdesAction, key: &str| {
            send(
                id,
                action,
                view.clone(),
                errors.clone(),
                key.to_owned(),
                lang,
                None,
            )
        }
    };
    let refresh = {
        let act = act.clone();
        Callback::from(move |_| act(MusdesAction::RefreshAgenda, "agenda"))
    };
    let close = {
        let act = act.clone();
        Callback::from(move |_| {
            if gloo::dialogs::confirm(Text::MusdesCloseConfirm.get(lang)) {
                act(MusdesAction::Close, "close");
            }
        })
    };
    let editable = meeting.editable;
    let heading = format!(
        "{} {}",
        Text::NavMusdes.get(lang),
        meeting.desa.display_name()
    );
    page(html! {
        <>
            <header class="musdes-head">
                <h1 data-testid="musdes-heading">{ heading }</h1>
                <p class="lead" data-testid="musdes-when">{ describe_schedule(&meeting.schedule, lang) }</p>
                <p class="muted">{ format!("{}: {}", Text::MusdesChair.get(lang), meeting.schedule.chair) }</p>
                <p>
                    <span class={classes!("state-badge", if meeting.closed.is_some() { "final" } else { "musdes" })} data-testid="musdes-state">
                        { if meeting.closed.is_some() { Text::MusdesClosed.get(lang) } else { Text::MusdesOpen.get(lang) } }
                    </span>
                    if let Some(closed) = &meeting.closed {
                        <span class="muted small">
                            { format!(" {} {} · {}", Text::MusdesClosedBy.get(lang), closed.by, format::date_time(closed.at, lang)) }
                        </span>
                    }
                </p>
                <nav class="musdes-actions">
                    <Link<Route> to={Route::MusdesPrint { id: id.to_string(), document: "berita-acara".into() }} classes="button">
                        { Text::MusdesPrintMinutes.get(lang) }
                    </Link<Route>>
                    <Link<Route> to={Route::MusdesPrint { id: id.to_string(), document: "daftar-hadir".into() }} classes="button">
                        { Text::MusdesPrintAttendance.get(lang) }
                    </Link<Route>>
                    <Link<Route> to={Route::MusdesList} classes="button ghost">{ Text::MusdesAllMeetings.get(lang) }</Link<Route>>
                </nav>
            </header>
            if !meeting.outcome.is_empty() {
                <section class="card" data-testid="musdes-outcome">
                    <h2>{ Text::MusdesOutcome.get(lang) }</h2>
                    <ul>{ for meeting.outcome.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
                </section>
            }
            <section class="card" data-testid="musdes-agenda">
                <h2>{ Text::MusdesAgenda.get(lang) }</h2>
                if meeting.agenda.is_empty() {
                    <p class="muted">{ Text::MusdesAgendaEmpty.get(lang) }</p>
                }
                { for meeting.agenda.iter().map(|item| html! {
                    <AgendaCard key={item.proposal.to_string()} item={item.clone()} {editable}
                        on_decide={{
                            let act = act.clone();
                            Callback::from(move |(proposal, decision): (uuid::Uuid, Decision)| {
                                act(MusdesAction::Decide { proposal, decision }, &proposal.to_string())
                            })
                        }}
                        error={error_at(&item.proposal.to_string())} />
                }) }
                if editable {
                    <button type="button" class="button" onclick={refresh} data-testid="refresh-agenda">
                        { Text::MusdesRefreshAgenda.get(lang) }
                    </button>
                    { error_at("agenda") }
                }
            </section>
            <section class="card" data-testid="musdes-evidence">
                <h2>{ Text::MusdesEvidence.get(lang) }</h2>
                if editable {
                    <p class="muted small">{ Text::MusdesEvidenceHint.get(lang) }</p>
                }
                { for MusdesDocument::ALL.iter().map(|document| html! {
                    <EvidenceSlot key={format!("{document:?}")} document={*document} meeting={meeting.clone()}
                        view={view.clone()} errors={errors.clone()} error={error_at(&format!("{document:?}"))} />
                }) }
            </section>
            if editable {
                <section class="card close-musdes">
                    <button type="button" class="button primary" onclick={close} data-testid="close-musdes">
                        { Text::MusdesClose.get(lang) }
                    </button>
                    { error_at("close") }
                </section>
            }
        </>
    })
}

fn page(body: Html) -> Html {
    html! {
        <div class="page">
            <TopBar />
            <main class="musdes-page" data-testid="musdes-meeting">{ body }</main>
        </div>
    }
}

/// Props of [`AgendaCard`].
#[derive(Properties, PartialEq)]
struct AgendaCardProps {
    item: AgendaView,
    editable: bool,
    on_decide: Callback<(uuid::Uuid, Decision)>,
    error: Html,
}

#[function_component(AgendaCard)]
fn agenda_card(props: &AgendaCardProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let item = &props.item;
    let accepted = use_state(|| item.decision.as_ref().map(|d| d.accepted));
    let note = use_state(|| {
        item.decision
            .as_ref()
            .map(|d| d.note.clone())
            .unwrap_or_default()
    });
    let local_error = use_state(|| None::<String>);
    let choose = |value: bool| {
        let accepted = accepted.clone();
        Callback::from(move |_| accepted.set(Some(value)))
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let save = {
        let (accepted, note, local_error) = (accepted.clone(), note.clone(), local_error.clone());
        let (on_decide, proposal) = (props.on_decide.clone(), item.proposal);
        Callback::from(move |_| {
            let Some(accepted) = *accepted else {
                local_error.set(Some("Pilih Disetujui atau Tidak disetujui.".into()));
                return;
            };
            let decision = Decision {
                accepted,
                note: note.trim().to_owned(),
            };
            if let Err(refusal) = decision.validate() {
                local_error.set(Some(refusal.to_string()));
                return;
            }
            local_error.set(None);
            on_decide.emit((proposal, decision));
        })
    };
    let decided = match &item.decision {
        Some(d) if d.accepted => {
            html! { <span class="state-badge final" data-testid="decision">{ Text::MusdesAgreed.get(lang) }</span> }
        }
        Some(_) => {
            html! { <span class="state-badge returned" data-testid="decision">{ Text::MusdesNotAgreed.get(lang) }</span> }
        }
        None => {
            html! { <span class="state-badge draft" data-testid="decision">{ Text::MusdesUndecided.get(lang) }</span> }
        }
    };
    html! {
        <article class="agenda-item" data-proposal={item.proposal.to_string()} data-testid="agenda-item">
            <header>
                <strong data-testid="agenda-name">{ &item.head_name }</strong>
                <span class="muted small">{ format!(" · NIK {} · {}", item.nik_masked, item.address) }</span>
            </header>
            <p>
                { format!("{} · {} {} · ", words::kind(item.kind, lang), Text::MusdesScore.get(lang), item.score) }
                <span class={classes!(words::state_class(item.state))}>{ words::state(item.state, lang) }</span>
                { " · " }{ decided }
            </p>
            if let Some(d) = item.decision.as_ref().filter(|d| !d.note.is_empty()) {
                <p class="muted small">{ format!("{}: {}", Text::MusdesNote.get(lang), d.note) }</p>
            }
            if props.editable {
                <div class="decision-editor">
                    <div class="choice" role="group">
                        <button type="button" data-testid="decide-yes"
                            class={classes!("button", (*accepted == Some(true)).then_some("selected"))}
                            aria-pressed={(*accepted == Some(true)).to_string()} onclick={choose(true)}>
                            { Text::MusdesAgreed.get(lang) }
                        </button>
                        <button type="button" data-testid="decide-no"
                            class={classes!("button", (*accepted == Some(false)).then_some("selected"))}
                            aria-pressed={(*accepted == Some(false)).to_string()} onclick={choose(false)}>
                            { Text::MusdesNotAgreed.get(lang) }
                        </button>
                    </div>
                    <label class="field">
                        <span>{ Text::MusdesNote.get(lang) }</span>
                        <textarea rows="2" value={(*note).clone()} oninput={on_note} data-testid="decision-note" />
                    </label>
                    <button type="button" class="button primary" onclick={save} data-testid="save-decision">
                        { Text::MusdesSaveDecision.get(lang) }
                    </button>
                    if let Some(message) = &*local_error {
                        <p class="check error" role="alert" data-testid="decision-error">{ message }</p>
                    }
                    { props.error.clone() }
                </div>
            }
        </article>
    }
}

/// Props of [`EvidenceSlot`].
#[derive(Properties, PartialEq)]
struct EvidenceSlotProps {
    document: MusdesDocument,
    meeting: MusdesView,
    view: UseStateHandle<Loaded<MusdesView>>,
    errors: UseStateHandle<Option<(String, String)>>,
    error: Html,
}

#[function_component(EvidenceSlot)]
fn evidence_slot(props: &EvidenceSlotProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let progress = use_state(|| None::<u32>);
    let document = props.document;
    let key = format!("{document:?}");
    let files: Vec<_> = props
        .meeting
        .evidence
        .iter()
        .filter(|e| e.document == document)
        .cloned()
        .collect();
    let editable = props.meeting.editable;
    let id = props.meeting.id;
    let on_file = {
        let (progress, view, errors, key) = (
            progress.clone(),
            props.view.clone(),
            props.errors.clone(),
            key.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (progress, view, errors, key) =
                (progress.clone(), view.clone(), errors.clone(), key.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let chosen = match evidence::choose(&input).await {
                    Ok(Some(chosen)) => chosen,
                    Ok(None) => return,
                    Err(()) => {
                        errors.set(Some((
                            key,
                            "Berkas bukti harus foto (JPEG/PNG) atau PDF.".into(),
                        )));
                        return;
                    }
                };
                input.set_value("");
                progress.set(Some(0));
                let shown = progress.clone();
                let sent = evidence::upload(&chosen, move |p| shown.set(Some(p))).await;
                progress.set(None);
                match sent {
                    Ok(()) => {
                        let action = MusdesAction::Attach {
                            document,
                            file: chosen.hash.clone(),
                            name: chosen.name.clone(),
                        };
                        send(id, action, view, errors, key, lang, None);
                    }
                    Err(e) => errors.set(Some((key, e.message(lang)))),
                }
            });
        })
    };
    let missing = files.is_empty();
    html! {
        <div class={classes!("evidence-slot", missing.then_some("missing"))} data-testid={format!("evidence-{key}")}>
            <h3>
                { words::musdes_document(document, lang) }
                if missing {
                    <span class="check warning small">{ format!(" · {}", Text::MusdesMissingEvidence.get(lang)) }</span>
                }
            </h3>
            <ul class="evidence-files">
                { for files.iter().map(|file| {
                    let remove = {
                        let (view, errors, key) = (props.view.clone(), props.errors.clone(), key.clone());
                        let hex: String = file.file.iter().map(|b| format!("{b:02x}")).collect();
                        Callback::from(move |_| {
                            let action = MusdesAction::Detach { document, file: hex.clone() };
                            send(id, action, view.clone(), errors.clone(), key.clone(), lang, None);
                        })
                    };
                    html! {
                        <li data-testid="evidence-file">
                            <a href={evidence::url(&file.file)} target="_blank" rel="noopener">{ &file.name }</a>
                            <span class="muted small">{ format!(" · {} KB · {}", format::number(file.bytes.div_ceil(1024)), file.by) }</span>
                            if editable {
                                <button type="button" class="button ghost small" onclick={remove}>{ Text::MusdesRemove.get(lang) }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if document == MusdesDocument::FotoPengumuman {
                <a class="button" href={format!("/publik/musdes/{}/{}", props.meeting.desa.code, props.meeting.id)}
                    target="_blank" rel="noopener" data-testid="print-public-notice">
                    { Text::PrintPublicNotice.get(lang) }
                </a>
            }
            if editable {
                <label class="button upload">
                    { if progress.is_some() { Text::MusdesUploading.get(lang) } else { Text::MusdesUpload.get(lang) } }
                    <input type="file" accept="image/*,application/pdf" class="visually-hidden"
                        onchange={on_file} disabled={progress.is_some()} data-testid={format!("evidence-input-{key}")} />
                </label>
                if let Some(p) = *progress {
                    <progress max="100" value={p.to_string()} aria-label={Text::MusdesUploading.get(lang)} />
                }
            }
            { props.error.clone() }
        </div>
    }
}
