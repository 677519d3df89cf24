//! "Kunjungan verifikasi" on a family: the verifiers' visits with what they found (each part
//! confirmed, or disputed with what they saw), the general note and photo, and the desa's
//! answer. A pendamping/TKSK records a visit on the spot; the desa operator answers a visit's
//! disputes (what was corrected, or why the record stands). Works offline: both wait in the
//! outbox as commands and the server decides at the next sync.

use crate::app::{AppContext, publish_counts};
use crate::components::house_photo::{PhotoInput, PhotoView};
use crate::components::sync_notes::DismissRefusal;
use crate::family_form::sentence;
use crate::format;
use crate::i18n::Text;
use crate::local::{self, visits::LocalVisit};
use crate::words;
use std::collections::BTreeMap;
use tepat_domain::family::PhotoRef;
use tepat_domain::visit::{NewVisit, Verdict, VisitItem};
use tepat_domain::{FamilyId, Role};
use yew::prelude::*;

/// Props of [`VisitPanel`].
#[derive(Properties, PartialEq)]
pub struct VisitPanelProps {
    /// The family.
    pub family: FamilyId,
}

fn textarea_value(event: &InputEvent) -> String {
    event
        .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value()
}

/// One visit as a card: who and when, each part's verdict, the notes, the desa's answer.
fn visit_card(app: &AppContext, shown: &LocalVisit, answer_form: Html) -> Html {
    let lang = app.lang;
    let visit = &shown.visit;
    let badge = if shown.pending {
        html! { <span class="state-badge draft" data-testid="visit-state">{ Text::VisitNotSent.get(lang) }</span> }
    } else if visit.waits_for_desa() {
        html! { <span class="state-badge returned" data-testid="visit-state">{ Text::VisitWaits.get(lang) }</span> }
    } else if visit.resolution.is_some() {
        html! { <span class="state-badge final" data-testid="visit-state">{ Text::VisitAnswered.get(lang) }</span> }
    } else {
        html! { <span class="state-badge final" data-testid="visit-state">{ Text::VisitAllConfirmed.get(lang) }</span> }
    };
    let checks: Html = visit
        .visit
        .checks
        .iter()
        .map(|(item, verdict)| match verdict {
            Verdict::Confirmed => html! {
                <li class="visit-check ok">{ format!("{}: {}", words::visit_item(*item, lang), Text::VisitConfirm.get(lang)) }</li>
            },
            Verdict::Disputed(note) => html! {
                <li class="visit-check disputed" data-testid="visit-dispute">
                    <strong>{ format!("{}: {}", words::visit_item(*item, lang), Text::VisitDispute.get(lang)) }</strong>
                    { format!(" · {note}") }
                </li>
            },
        })
        .collect();
    html! {
        <article class="visit card" data-testid="visit">
            <div class="proposal-head">
                <strong>{ format!("{} · {}", visit.by, format::date_time(visit.at, lang)) }</strong>
                { badge }
            </div>
            <ul class="visit-checks">{ checks }</ul>
            if !visit.visit.note.is_empty() {
                <p class="muted">{ &visit.visit.note }</p>
            }
            if let Some(photo) = visit.visit.photo {
                <PhotoView photo={photo} caption={Text::VisitPhoto.get(lang)} />
            }
            if let Some(answer) = &visit.resolution {
                <p class="visit-answer" data-testid="visit-answer">
                    <strong>{ format!("{} ({} · {}): ", Text::AnswerVisit.get(lang), answer.by, format::date_time(answer.at, lang)) }</strong>
                    { &answer.note }
                    if shown.answer_pending {
                        { format!(" · {}", Text::VisitNotSent.get(lang)) }
                    }
                </p>
            }
            { for shown.refusals.iter().map(|(change, reason)| html! {
                <div class="check error" data-testid="visit-refused">
                    <strong>{ Text::RefusedTitle.get(lang) }</strong>{ format!(" · {reason}") }
                    <DismissRefusal change={*change} />
                </div>
            }) }
            { answer_form }
        </article>
    }
}

/// The desa operator's answer to a visit's disputes.
#[derive(Properties, PartialEq)]
struct AnswerFormProps {
    visit: uuid::Uuid,
}

#[function_component(AnswerForm)]
fn answer_form(props: &AnswerFormProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let text = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(textarea_value(&e)))
    };
    let onclick = {
        let (text, problem, app, id) = (text.clone(), problem.clone(), app.clone(), props.visit);
        Callback::from(move |_| {
            let note = text.trim().to_owned();
            if note.chars().count() < tepat_domain::visit::MIN_NOTE_CHARS {
                problem.set(Some(sentence(
                    &tepat_domain::visit::VisitError::AnswerNote.to_string(),
                )));
                return;
            }
            problem.set(None);
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(copy) = local::open_copy()
                    && copy.answer_visit(id, note).await.is_ok()
                {
                    publish_counts(&app);
                    local::sync::wake_soon();
                }
            });
        })
    };
    let id = format!("answer-{}", props.visit);
    html! {
        <div class="visit-answer-form">
            <label for={id.clone()}>{ Text::AnswerVisit.get(lang) }</label>
            <textarea id={id} rows="3" value={(*text).clone()} {oninput}
                placeholder={Text::AnswerHint.get(lang)} data-testid="visit-answer-text" />
            if let Some(message) = (*problem).clone() {
                <p class="field-error" data-testid="field-error">{ message }</p>
            }
            <button type="button" class="button primary" {onclick} data-testid="visit-answer-send">
                { Text::SendAnswer.get(lang) }
            </button>
        </div>
    }
}

/// What the verifier has marked so far: per part, confirmed (`None`) or disputed with a note.
type Marks = BTreeMap<VisitItem, Option<String>>;

/// The verifier's form: each part confirmed or disputed, a note, a photo.
#[function_component(RecordForm)]
fn record_form(props: &VisitPanelProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let marks = use_state(Marks::new);
    let note = use_state(String::new);
    let photo = use_state(|| None::<PhotoRef>);
    let problem = use_state(|| None::<String>);
    let saved = use_state(|| false);
    let rows: Html = VisitItem::ALL
        .iter()
        .map(|item| {
            let item = *item;
            let mark = marks.get(&item).cloned();
            let set = |value: Option<Option<String>>| {
                let marks = marks.clone();
                Callback::from(move |_| {
                    let mut next = (*marks).clone();
                    match &value {
                        Some(v) if next.get(&item) != Some(v) => {
                            next.insert(item, v.clone());
                        }
                        // A second tap takes the answer back.
                        _ => {
                            next.remove(&item);
                        }
                    }
                    marks.set(next);
                })
            };
            let disputed = matches!(mark, Some(Some(_)));
            let on_note = {
                let marks = marks.clone();
                Callback::from(move |e: InputEvent| {
                    let mut next = (*marks).clone();
                    next.insert(item, Some(textarea_value(&e)));
                    marks.set(next);
                })
            };
            let key = format!("{item:?}");
            html! {
                <div class="visit-item" data-testid={format!("visit-item-{key}")}>
                    <span class="visit-item-name">{ words::visit_item(item, lang) }</span>
                    <div class="chips">
                        <button type="button" class="chip" aria-pressed={(mark == Some(None)).to_string()}
                            onclick={set(Some(None))} data-testid="visit-confirm">{ Text::VisitConfirm.get(lang) }</button>
                        <button type="button" class="chip none" aria-pressed={disputed.to_string()}
                            onclick={set(Some(Some(String::new())))} data-testid="visit-dispute-button">{ Text::VisitDispute.get(lang) }</button>
                    </div>
                    if let Some(Some(text)) = mark {
                        <textarea rows="2" value={text} oninput={on_note} aria-label={Text::VisitDisputeNote.get(lang)}
                            placeholder={Text::VisitDisputeNote.get(lang)} data-testid="visit-dispute-note" />
                    }
                </div>
            }
        })
        .collect();
    let on_general = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(textarea_value(&e)))
    };
    let on_photo = {
        let photo = photo.clone();
        Callback::from(move |p: PhotoRef| photo.set(Some(p)))
    };
    let save = {
        let (marks, note, photo, problem, saved, app) = (
            marks.clone(),
            note.clone(),
            photo.clone(),
            problem.clone(),
            saved.clone(),
            app.clone(),
        );
        let family = props.family;
        Callback::from(move |_| {
            let visit = NewVisit {
                family,
                checks: marks
                    .iter()
                    .map(|(item, mark)| {
                        let verdict = match mark {
                            None => Verdict::Confirmed,
                            Some(text) => Verdict::Disputed(text.trim().to_owned()),
                        };
                        (*item, verdict)
                    })
                    .collect(),
                note: note.trim().to_owned(),
                photo: *photo,
            };
            if let Err(e) = visit.validate() {
                problem.set(Some(sentence(&e.to_string())));
                return;
            }
            problem.set(None);
            let (marks, note, photo, saved, app) = (
                marks.clone(),
                note.clone(),
                photo.clone(),
                saved.clone(),
                app.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(copy) = local::open_copy()
                    && copy.record_visit(visit).await.is_ok()
                {
                    marks.set(Marks::new());
                    note.set(String::new());
                    photo.set(None);
                    saved.set(true);
                    publish_counts(&app);
                    local::sync::wake_soon();
                }
            });
        })
    };
    html! {
        <div class="visit-form card" data-testid="visit-form">
            <h4>{ Text::RecordVisit.get(lang) }</h4>
            { rows }
            <label for="visit-note">{ Text::VisitNote.get(lang) }</label>
            <textarea id="visit-note" rows="2" value={(*note).clone()} oninput={on_general} data-testid="visit-note" />
            <PhotoInput id="visit-photo" label={Text::VisitPhoto.get(lang)} value={*photo} on_change={on_photo} lang={lang} />
            if let Some(message) = (*problem).clone() {
                <p class="field-error" data-testid="field-error">{ message }</p>
            }
            if *saved {
                <p class="check ok" data-testid="visit-saved">{ Text::VisitSaved.get(lang) }</p>
            }
            <button type="button" class="button primary" onclick={save} data-testid="visit-save">{ Text::SaveVisit.get(lang) }</button>
        </div>
    }
}

/// The family's visits, and the form for the user's part in them.
#[function_component(VisitPanel)]
pub fn visit_panel(props: &VisitPanelProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let Some(copy) = local::open_copy() else {
        return html! {};
    };
    let role = copy.user.role;
    let visits = copy.visits_of(props.family);
    if visits.is_empty() && role != Role::Pendamping {
        return html! {};
    }
    let cards: Html = visits
        .iter()
        .map(|v| {
            let answer = if role == Role::OperatorDesa && !v.pending && v.waits_for_desa() {
                html! { <AnswerForm visit={v.visit.id} /> }
            } else {
                html! {}
            };
            visit_card(&app, v, answer)
        })
        .collect();
    html! {
        <section class="visits" data-testid="visits">
            <h3>{ Text::VisitsTitle.get(lang) }</h3>
            if visits.is_empty() {
                <p class="muted">{ Text::NoVisits.get(lang) }</p>
            }
            { cards }
            if role == Role::Pendamping {
                <RecordForm family={props.family} />
            }
        </section>
    }
}
