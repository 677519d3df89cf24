//! "Pelabelan rumah penerima" on a recipient family (PKH or BPNT): the label text
//! ([`LABEL_TEXT`]), whether and when the house was labelled with the photo, and for the desa
//! operator a form (date, default today; photo with the camera; "Simpan"). Works offline: the
//! label waits in the outbox as a `!label` command beside its queued photo and the server
//! decides at the next sync (see `local::labels`); a refusal shows here with its reason.

use crate::app::{AppContext, publish_counts};
use crate::components::house_photo::{PhotoInput, PhotoView};
use crate::components::sync_notes::DismissRefusal;
use crate::format;
use crate::i18n::Text;
use crate::local;
use tepat_domain::cases::LABEL_TEXT;
use tepat_domain::family::PhotoRef;
use tepat_domain::{FamilyId, Role};
use yew::prelude::*;

/// Props of [`LabelPanel`].
#[derive(Properties, PartialEq)]
pub struct LabelPanelProps {
    /// The family.
    pub family: FamilyId,
    /// It receives PKH or BPNT (`LocalCopy::receives_bansos`).
    pub recipient: bool,
    /// Today in the kabupaten.
    pub today: jiff::civil::Date,
}

/// The desa operator's form: the day and the photo.
#[function_component(LabelForm)]
fn label_form(props: &LabelPanelProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let day = use_state(|| props.today.to_string());
    let photo = use_state(|| None::<PhotoRef>);
    let problem = use_state(|| None::<String>);
    let saved = use_state(|| false);
    let on_day = {
        let day = day.clone();
        Callback::from(move |e: InputEvent| {
            day.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_photo = {
        let photo = photo.clone();
        Callback::from(move |p: PhotoRef| photo.set(Some(p)))
    };
    let save = {
        let (day, photo, problem, saved, app) = (
            day.clone(),
            photo.clone(),
            problem.clone(),
            saved.clone(),
            app.clone(),
        );
        let (family, today) = (props.family, props.today);
        Callback::from(move |_| {
            let Ok(on) = day.parse::<jiff::civil::Date>() else {
                problem.set(Some(Text::LabelBadDate.get(app.lang).to_owned()));
                return;
            };
            // The server's rule, checked here too so the operator hears it at once.
            if let Err(refusal) = tepat_domain::cases::check_label_day(on, today) {
                problem.set(Some(refusal.0));
                return;
            }
            let Some(taken) = *photo else {
                problem.set(Some(Text::LabelNeedsPhoto.get(app.lang).to_owned()));
                return;
            };
            problem.set(None);
            let (photo, saved, app) = (photo.clone(), saved.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(copy) = local::open_copy()
                    && copy.record_label(family, on, taken).await.is_ok()
                {
                    photo.set(None);
                    saved.set(true);
                    publish_counts(&app);
                    local::sync::wake_soon();
                }
            });
        })
    };
    html! {
        <div class="label-form">
            <div class="form-field">
                <label for="label-date">{ Text::LabelDate.get(lang) }</label>
                <input id="label-date" type="date" value={(*day).clone()} max={props.today.to_string()}
                    oninput={on_day} data-testid="label-date" />
            </div>
            <PhotoInput id="label-photo" label={Text::LabelPhoto.get(lang)} value={*photo} on_change={on_photo} lang={lang} />
            if let Some(message) = (*problem).clone() {
                <p class="field-error" data-testid="field-error">{ message }</p>
            }
            if *saved {
                <p class="check ok" data-testid="label-saved">{ Text::LabelSaved.get(lang) }</p>
            }
            <button type="button" class="button primary" onclick={save} data-testid="label-save">
                { Text::LabelSave.get(lang) }
            </button>
        </div>
    }
}

/// The panel (nothing for a family that receives neither PKH nor BPNT and was never labelled).
#[function_component(LabelPanel)]
pub fn label_panel(props: &LabelPanelProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let Some(copy) = local::open_copy() else {
        return html! {};
    };
    let shown = copy.label_of(props.family);
    if !props.recipient && shown.labelling.is_none() && shown.refusals.is_empty() {
        return html! {};
    }
    let operator = copy.user.role == Role::OperatorDesa;
    let state = match &shown.labelling {
        Some(l) => {
            let mut text = format!("{} {}", Text::LabelDone.get(lang), format::date(l.on, lang));
            if shown.pending {
                text.push_str(&format!(" · {}", Text::VisitNotSent.get(lang)));
            }
            let class = if shown.pending {
                "state-badge draft"
            } else {
                "state-badge final"
            };
            html! { <span class={class} data-testid="label-state">{ text }</span> }
        }
        None => html! {
            <span class="state-badge returned" data-testid="label-state">{ Text::LabelNotYet.get(lang) }</span>
        },
    };
    html! {
        <section class="label-panel card" data-testid="label-panel">
            <div class="proposal-head">
                <h3>{ Text::LabelTitle.get(lang) }</h3>
                { state }
            </div>
            <p class="label-text">
                <span class="muted small">{ Text::LabelTextCaption.get(lang) }</span>
                <strong>{ LABEL_TEXT }</strong>
            </p>
            if let Some(l) = &shown.labelling {
                <div class="label-done">
                    <PhotoView photo={PhotoRef(l.photo)} caption={format!("{} · {} {}", Text::LabelPhoto.get(lang), Text::LabelBy.get(lang), l.by)} />
                </div>
            }
            { for shown.refusals.iter().map(|(change, reason)| html! {
                <div class="check error" data-testid="label-refused">
                    <strong>{ Text::RefusedTitle.get(lang) }</strong>{ format!(" · {reason}") }
                    <DismissRefusal change={*change} />
                </div>
            }) }
            if operator && props.recipient {
                if shown.labelling.is_some() {
                    <details class="label-again">
                        <summary>{ Text::LabelRecordAgain.get(lang) }</summary>
                        <LabelForm family={props.family} recipient={props.recipient} today={props.today} />
                    </details>
                } else {
                    <LabelForm family={props.family} recipient={props.recipient} today={props.today} />
                }
            }
        </section>
    }
}
