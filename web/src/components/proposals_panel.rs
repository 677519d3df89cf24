//! A family's proposals on a field user's tablet: each with its status colour, the reason when
//! it came back from the chain, its history, the steps waiting to be sent, and the server's
//! reason for any step it refused; buttons for the desa's next steps and a new proposal. Works
//! offline: what is asked waits in the outbox and the server decides at the next sync.

use crate::app::{AppContext, publish_counts};
use crate::components::sync_notes::DismissRefusal;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::local::{self, proposals::LocalProposal};
use crate::words;
use tepat_domain::FamilyId;
use tepat_domain::workflow::{ProposalKind, Step, StepKind, StepRecord};
use tepat_protocol::sync::ProposalCommand;
use yew::prelude::*;

/// Props of [`ProposalsPanel`].
#[derive(Properties, PartialEq)]
pub struct ProposalsPanelProps {
    /// The family.
    pub family: FamilyId,
}

fn history_line(record: &StepRecord, lang: Lang) -> Html {
    let reason = match &record.step {
        Step::Return { reason } => format!(" · {reason}"),
        _ => String::new(),
    };
    html! {
        <li>
            <span class="muted small">{ format!("{} · {} · ", format::date_time(record.at, lang), record.by) }</span>
            { format!("{} → {}{reason}", words::state(record.from, lang), words::state(record.to, lang)) }
        </li>
    }
}

/// Queues a command and tells the app (counts, sync soon).
fn send(app: &AppContext, proposal: uuid::Uuid, command: ProposalCommand) {
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(copy) = local::open_copy() else {
            return;
        };
        if copy.send_command(proposal, command).await.is_ok() {
            publish_counts(&app);
            local::sync::wake_soon();
        }
    });
}

fn proposal_card(app: &AppContext, proposal: &LocalProposal) -> Html {
    let lang = app.lang;
    let shown_state = proposal.expected.or(proposal.confirmed);
    let badge = match shown_state {
        Some(state) => html! {
            <span class={classes!(words::state_class(state))} data-testid="proposal-state">
                { words::state(state, lang) }
            </span>
        },
        None => html! {
            <span class="state-badge closed" data-testid="proposal-state">{ Text::ProposalNotMade.get(lang) }</span>
        },
    };
    let waiting: Vec<&str> = proposal
        .pending
        .iter()
        .map(|s| words::step(*s, lang))
        .collect();
    let buttons: Html = proposal
        .possible
        .iter()
        .map(|step| {
            let (app2, id, step) = (app.clone(), proposal.id, *step);
            let onclick = Callback::from(move |_| {
                let command = match step {
                    StepKind::SubmitToMusdes => Step::SubmitToMusdes,
                    StepKind::SendUp => Step::SendUp,
                    StepKind::Revise => Step::Revise,
                    StepKind::Withdraw => {
                        if !gloo::dialogs::confirm(Text::WithdrawConfirm.get(app2.lang)) {
                            return;
                        }
                        Step::Withdraw
                    }
                    _ => return,
                };
                send(&app2, id, ProposalCommand::Step(command));
            });
            let class = if step == StepKind::Withdraw { "button ghost" } else { "button" };
            html! {
                <button type="button" class={class} {onclick} data-testid={format!("step-{step:?}")}>
                    { words::step(step, lang) }
                </button>
            }
        })
        .collect();
    html! {
        <article class="proposal" data-testid="proposal">
            <div class="proposal-head">
                <strong>{ words::kind(proposal.kind, lang) }</strong>
                { badge }
            </div>
            if let Some(reason) = &proposal.returned_because {
                <p class="check error" data-testid="returned-reason">
                    <strong>{ Text::ReturnedBecause.get(lang) }</strong>{ " " }{ reason }
                </p>
            }
            { for proposal.refusals.iter().map(|(change, reason)| html! {
                <div class="check error refusal-note" data-testid="proposal-refusal">
                    <p><strong>{ Text::StepRefusedByServer.get(lang) }</strong>{ " " }{ reason }</p>
                    <DismissRefusal change={*change} />
                </div>
            }) }
            if proposal.created_here || !waiting.is_empty() {
                <p class="muted small pending-note" data-testid="proposal-pending">
                    { Text::LocalOnly.get(lang) }{ ": " }
                    { if proposal.created_here { Text::ProposalCreatedHere.get(lang).to_owned() } else { String::new() } }
                    { if proposal.created_here && !waiting.is_empty() { ", " } else { "" } }
                    { waiting.join(", ") }
                </p>
            }
            if !proposal.history.is_empty() {
                <details>
                    <summary>{ format!("{} ({})", Text::ProposalHistory.get(lang), proposal.history.len()) }</summary>
                    <ul class="history">{ for proposal.history.iter().map(|r| history_line(r, lang)) }</ul>
                </details>
            }
            if !proposal.possible.is_empty() {
                <div class="actions">{ buttons }</div>
            }
        </article>
    }
}

/// The proposals section of a family on the tablet.
#[function_component(ProposalsPanel)]
pub fn proposals_panel(props: &ProposalsPanelProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let chosen = use_state(|| None::<ProposalKind>);
    let Some(copy) = local::open_copy() else {
        return html! {};
    };
    let proposals = copy.proposals_of(props.family);
    let kinds = copy.proposable_kinds(props.family);
    let selected = chosen
        .filter(|k| kinds.contains(k))
        .or(kinds.first().copied());
    let on_kind = {
        let (chosen, kinds) = (chosen.clone(), kinds.clone());
        Callback::from(move |e: Event| {
            let index = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .selected_index();
            chosen.set(
                usize::try_from(index)
                    .ok()
                    .and_then(|i| kinds.get(i).copied()),
            );
        })
    };
    let create = {
        let (app, family) = (app.clone(), props.family);
        Callback::from(move |_| {
            let Some(kind) = selected else { return };
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(copy) = local::open_copy() else {
                    return;
                };
                if copy.propose(family, kind).await.is_ok() {
                    publish_counts(&app);
                    local::sync::wake_soon();
                }
            });
        })
    };
    html! {
        <section class="proposals" data-testid="proposals">
            <h3>{ Text::Proposals.get(lang) }</h3>
            if proposals.is_empty() {
                <p class="muted">{ Text::NoProposals.get(lang) }</p>
            }
            { for proposals.iter().map(|p| proposal_card(&app, p)) }
            if !kinds.is_empty() {
                <div class="new-proposal">
                    <label for="new-proposal-kind">{ Text::NewProposal.get(lang) }</label>
                    <select id="new-proposal-kind" onchange={on_kind} data-testid="proposal-kind">
                        { for kinds.iter().map(|k| html! {
                            <option selected={Some(*k) == selected}>{ words::kind(*k, lang) }</option>
                        }) }
                    </select>
                    <button type="button" class="button" onclick={create} data-testid="create-proposal">
                        { Text::CreateProposal.get(lang) }
                    </button>
                </div>
            }
        </section>
    }
}
