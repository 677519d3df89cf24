//! The musdes that decided a proposal, as the approval chain reads it: when and where, its
//! decision, and a link to each evidence document (or a plain note when no musdes decided it).

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::evidence;
use crate::format;
use crate::i18n::Text;
use crate::pages::musdes::describe_schedule;
use crate::words;
use tepat_domain::musdes::MusdesDocument;
use tepat_protocol::musdes::ProposalMusdes;
use tepat_protocol::routes;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`MusdesEvidence`].
#[derive(Properties, PartialEq)]
pub struct MusdesEvidenceProps {
    /// The proposal.
    pub proposal: uuid::Uuid,
}

/// The section.
#[function_component(MusdesEvidence)]
pub fn musdes_evidence(props: &MusdesEvidenceProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let found = use_state(|| None::<Result<ProposalMusdes, ApiFailure>>);
    {
        let found = found.clone();
        use_effect_with(props.proposal, move |id| {
            let path = routes::PROPOSAL_MUSDES.replace("{id}", &id.to_string());
            found.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                found.set(Some(api::get::<ProposalMusdes>(&path).await));
            });
        });
    }
    let body = match &*found {
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(ApiFailure::Server(e))) if e.code == tepat_protocol::ErrorCode::NotFound => {
            html! { <p class="muted">{ Text::MusdesEvidenceNone.get(lang) }</p> }
        }
        Some(Err(failure)) => html! { <p class="field-error">{ failure.message(lang) }</p> },
        Some(Ok(meeting)) => {
            let decision = match &meeting.decision {
                Some(d) if d.accepted => Text::MusdesAgreed.get(lang),
                Some(_) => Text::MusdesNotAgreed.get(lang),
                None => Text::MusdesUndecided.get(lang),
            };
            html! {
                <>
                    <p>
                        <Link<Route> to={Route::Musdes { id: meeting.musdes.to_string() }}>
                            { describe_schedule(&meeting.schedule, lang) }
                        </Link<Route>>
                        { format!(" · {decision}") }
                        if let Some(closed) = &meeting.closed {
                            <span class="muted small">{ format!(" · {} {}", Text::MusdesClosed.get(lang), format::date_time(closed.at, lang)) }</span>
                        }
                    </p>
                    <ul class="evidence-files" data-testid="musdes-evidence-files">
                        { for MusdesDocument::ALL.iter().map(|document| {
                            let files: Vec<_> = meeting.evidence.iter().filter(|e| e.document == *document).collect();
                            html! {
                                <li>
                                    <strong>{ format!("{}: ", words::musdes_document(*document, lang)) }</strong>
                                    if files.is_empty() {
                                        <span class="check warning small">{ Text::MusdesMissingEvidence.get(lang) }</span>
                                    }
                                    { for files.iter().map(|f| html! {
                                        <a href={evidence::url(&f.file)} target="_blank" rel="noopener">{ format!("{} ", f.name) }</a>
                                    }) }
                                </li>
                            }
                        }) }
                    </ul>
                </>
            }
        }
    };
    html! {
        <section class="musdes-evidence" data-testid="musdes-evidence">
            <h3>{ Text::MusdesEvidence.get(lang) }</h3>
            { body }
        </section>
    }
}
