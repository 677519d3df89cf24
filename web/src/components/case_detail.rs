//! One citizens' case for the desk that works it: what the resident filed, the reporter's phone
//! (a `tel:` link), the register's candidate families to link (masked NIK, dusun, PKH/BPNT,
//! decile), the visit form (date, note, camera photo uploaded whole first), and the decision
//! form (outcome worded per kind, the note the reporter reads, evidence, a proposal of the
//! linked family or a button creating one). The server decides every rule; its refusals show
//! in `case-error`.

use crate::api;
use crate::components::case_row::{kind_words, state_class, state_words};
use crate::evidence;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::words;
use tepat_domain::cases::{CaseKind, CaseSubject, ObjectionReason, Outcome};
use tepat_domain::workflow::{DeactivationReason, ProposalKind};
use tepat_protocol::cases::{CandidateFamily, CaseAction, CaseView};
use tepat_protocol::{NewProposal, ProposalView, routes};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`CaseDetail`].
#[derive(Properties, PartialEq)]
pub struct CaseDetailProps {
    /// The case.
    pub id: uuid::Uuid,
    /// The language.
    pub lang: Lang,
    /// Told after every change (the inbox reloads).
    pub on_changed: Callback<()>,
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// Today in the browser's calendar, as `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

fn outcome_words(outcome: Outcome, kind: CaseKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => outcome.label_id(kind),
        Lang::En => outcome.label_en(kind),
    }
}

fn reason_words(reason: ObjectionReason, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => reason.label_id(),
        Lang::En => reason.label_en(),
    }
}

/// The proposal a confirmed case leads to: a deactivation for a sanggah (its reason), a new
/// family for an usul.
fn proposal_kind(view: &CaseView) -> ProposalKind {
    match &view.subject {
        CaseSubject::Sanggah(s) => ProposalKind::Deactivation(match s.reason {
            ObjectionReason::Died => DeactivationReason::Died,
            ObjectionReason::MovedAway => DeactivationReason::Moved,
            _ => DeactivationReason::NotEligible,
        }),
        CaseSubject::Usul(_) => ProposalKind::NewFamily,
    }
}

fn hex(file: &[u8; 32]) -> String {
    file.iter().map(|b| format!("{b:02x}")).collect()
}

/// One family of the register, short.
fn family_card(family: &CandidateFamily, lang: Lang, action: Html) -> Html {
    let mut programmes = Vec::new();
    if family.pkh {
        programmes.push("PKH");
    }
    if family.bpnt {
        programmes.push("BPNT");
    }
    html! {
        <div class="case-family" data-family={family.id.to_string()}>
            <div class="case-family-text">
                <strong>{ &family.head_name }</strong>
                <span class="muted small">
                    { format!("{} · {} {}", family.dusun, Text::CaseNikMasked.get(lang), family.nik_masked.clone().unwrap_or_else(|| "–".into())) }
                </span>
                <span class="case-family-tags">
                    { for programmes.iter().map(|p| html! { <span class="case-flag programme">{ *p }</span> }) }
                    if let Some(d) = family.decile {
                        <span class="case-flag">{ format!("{} {d}", Text::CaseDecile.get(lang)) }</span>
                    }
                    { for family.proposals.iter().map(|p| html! {
                        <span class="case-flag">{ format!("{} · {}", words::kind(p.kind, lang), words::state(p.state, lang)) }</span>
                    }) }
                </span>
            </div>
            { action }
        </div>
    }
}

/// The panel.
#[function_component(CaseDetail)]
pub fn case_detail(props: &CaseDetailProps) -> Html {
    let lang = props.lang;
    let id = props.id;
    let view = use_state(|| None::<Result<CaseView, String>>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let visit_on = use_state(today);
    let visit_note = use_state(String::new);
    let visit_photo = use_state(|| None::<[u8; 32]>);
    let outcome = use_state(|| None::<Outcome>);
    let decision_note = use_state(String::new);
    let evidence_file = use_state(|| None::<[u8; 32]>);
    let proposal = use_state(|| None::<uuid::Uuid>);
    let uploading = use_state(|| false);
    let panel = use_node_ref();

    let load = {
        let view = view.clone();
        Callback::from(move |_: ()| {
            let view = view.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::get::<CaseView>(&routes::case_path(&id)).await;
                view.set(Some(answer.map_err(|e| e.message(lang))));
            });
        })
    };
    {
        let (load, error, visit_note, visit_photo, outcome, decision_note, evidence_file, proposal) = (
            load.clone(),
            error.clone(),
            visit_note.clone(),
            visit_photo.clone(),
            outcome.clone(),
            decision_note.clone(),
            evidence_file.clone(),
            proposal.clone(),
        );
        let panel = panel.clone();
        use_effect_with(id, move |_| {
            // Stacked in portrait: bring the case into view.
            if let Some(element) = panel.cast::<web_sys::Element>() {
                element.scroll_into_view();
            }
            error.set(None);
            visit_note.set(String::new());
            visit_photo.set(None);
            outcome.set(None);
            decision_note.set(String::new());
            evidence_file.set(None);
            proposal.set(None);
            load.emit(());
        });
    }

    // Sends one action; the answer replaces the view.
    let send = {
        let (view, error, busy, on_changed) = (
            view.clone(),
            error.clone(),
            busy.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |action: CaseAction| {
            let (view, error, busy, on_changed) = (
                view.clone(),
                error.clone(),
                busy.clone(),
                on_changed.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::post::<CaseAction, CaseView>(&routes::case_path(&id), &action).await {
                    Ok(answer) => {
                        error.set(None);
                        view.set(Some(Ok(answer)));
                        on_changed.emit(());
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                busy.set(false);
            });
        })
    };
    // A file from an input, uploaded whole to the case; `target` gets its hash.
    let upload = |target: UseStateHandle<Option<[u8; 32]>>| {
        let (error, uploading) = (error.clone(), uploading.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (target, error, uploading) = (target.clone(), error.clone(), uploading.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let chosen = match evidence::choose(&input).await {
                    Ok(Some(chosen)) => chosen,
                    Ok(None) => return,
                    Err(()) => {
                        error.set(Some(match lang {
                            Lang::Id => "Berkas harus foto (JPEG/PNG) atau PDF.".into(),
                            Lang::En => "The file must be a photo (JPEG/PNG) or a PDF.".into(),
                        }));
                        return;
                    }
                };
                uploading.set(true);
                match evidence::upload_case_file(&id, &chosen).await {
                    Ok(hash) => {
                        target.set(Some(hash));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                uploading.set(false);
            });
        })
    };

    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let body = match &*view {
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(message)) => {
            html! { <p class="field-error" data-testid="case-error">{ message }</p> }
        }
        Some(Ok(v)) => {
            let kind = v.line.kind;
            let filed = match &v.subject {
                CaseSubject::Sanggah(s) => html! {
                    <dl class="case-facts">
                        <dt>{ Text::CaseReason.get(lang) }</dt><dd>{ reason_words(s.reason, lang) }</dd>
                        <dt>{ Text::CaseDetailText.get(lang) }</dt><dd>{ &s.detail }</dd>
                    </dl>
                },
                CaseSubject::Usul(u) => html! {
                    <dl class="case-facts">
                        <dt>{ Text::CaseAddress.get(lang) }</dt>
                        <dd>{ address_line(&u.address) }</dd>
                        if let Some(nik) = u.nik.as_ref().map(|n| n.as_str().to_owned()).or(v.nik_masked.clone()) {
                            <dt>{ "NIK" }</dt><dd class="mono">{ nik }</dd>
                        }
                        <dt>{ Text::CaseReason.get(lang) }</dt><dd>{ &u.reason }</dd>
                        if u.own_family {
                            <dt></dt><dd>{ Text::CaseOwnFamily.get(lang) }</dd>
                        }
                        if let Some(photo) = &u.photo {
                            <dt>{ Text::CaseHasPhoto.get(lang) }</dt>
                            <dd><img class="case-photo" alt={Text::CaseHasPhoto.get(lang)} src={routes::case_file_path(&id, &hex(photo))} /></dd>
                        }
                    </dl>
                },
            };
            let phone = match &v.phone {
                Some(phone) => html! {
                    <p class="case-phone">
                        { format!("{}: ", Text::CaseReporterPhone.get(lang)) }
                        <a href={format!("tel:{phone}")} data-testid="case-phone">{ phone }</a>
                    </p>
                },
                None if v.may_visit => {
                    html! { <p class="muted small">{ Text::CaseNoPhone.get(lang) }</p> }
                }
                None => html! {},
            };
            let linked = v.family.as_ref().map(|f| f.id);
            let candidates = if v.candidates.is_empty() {
                html! { <p class="muted">{ Text::CaseNoCandidates.get(lang) }</p> }
            } else {
                html! {
                    <ul class="case-families">
                        { for v.candidates.iter().map(|c| {
                            let is_linked = linked == Some(c.id);
                            let action = if is_linked {
                                html! { <span class="check ok small">{ Text::CaseLinkedFamily.get(lang) }</span> }
                            } else if v.may_visit {
                                let (send, family) = (send.clone(), c.id);
                                let onclick = Callback::from(move |_: MouseEvent| {
                                    send.emit(CaseAction::Link { family: Some(family) })
                                });
                                html! {
                                    <button type="button" class="button small-button" disabled={*busy}
                                        data-testid="case-link" data-family={c.id.to_string()} onclick={onclick}>
                                        { Text::CaseLinkThis.get(lang) }
                                    </button>
                                }
                            } else {
                                html! {}
                            };
                            html! { <li>{ family_card(c, lang, action) }</li> }
                        }) }
                    </ul>
                }
            };
            let linked_html = match &v.family {
                Some(f) => {
                    let unlink = if v.may_visit {
                        let send = send.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            send.emit(CaseAction::Link { family: None })
                        });
                        html! { <button type="button" class="button small-button" disabled={*busy} onclick={onclick}>{ Text::CaseUnlink.get(lang) }</button> }
                    } else {
                        html! {}
                    };
                    html! {
                        <div class="case-linked" data-testid="case-linked">
                            <h3>{ Text::CaseLinkedFamily.get(lang) }</h3>
                            { family_card(f, lang, unlink) }
                        </div>
                    }
                }
                None => html! { <p class="muted small">{ Text::CaseNoFamilyLinked.get(lang) }</p> },
            };

            let visit_html = match (&v.visit, v.may_visit) {
                (Some(visit), _) if v.decision.is_some() || !v.may_visit => html! {
                    <div class="case-record" data-testid="case-visit">
                        <p><strong>{ format::date(visit.on, lang) }</strong>{ format!(" · {} {}", Text::CaseBy.get(lang), visit.by) }</p>
                        <p>{ &visit.note }</p>
                        if let Some(photo) = &visit.photo {
                            <img class="case-photo" alt={Text::CaseVisitPhoto.get(lang)} src={routes::case_file_path(&id, &hex(photo))} />
                        }
                    </div>
                },
                (_, true) => {
                    let on_date = {
                        let visit_on = visit_on.clone();
                        Callback::from(move |e: Event| {
                            visit_on.set(e.target_unchecked_into::<HtmlInputElement>().value())
                        })
                    };
                    let on_note = {
                        let visit_note = visit_note.clone();
                        Callback::from(move |e: InputEvent| {
                            visit_note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
                        })
                    };
                    let submit = {
                        let (send, visit_on, visit_note, visit_photo, error) = (
                            send.clone(),
                            visit_on.clone(),
                            visit_note.clone(),
                            visit_photo.clone(),
                            error.clone(),
                        );
                        Callback::from(move |_: MouseEvent| {
                            let Ok(on) = visit_on.parse::<jiff::civil::Date>() else {
                                error.set(Some(match lang {
                                    Lang::Id => "Isi tanggal kunjungan.".into(),
                                    Lang::En => "Fill in the date of the visit.".into(),
                                }));
                                return;
                            };
                            send.emit(CaseAction::Visit {
                                on,
                                note: (*visit_note).clone(),
                                photo: *visit_photo,
                            });
                        })
                    };
                    html! {
                        <div class="case-form">
                            if let Some(visit) = &v.visit {
                                <p class="muted small" data-testid="case-visit">
                                    { format!("{} · {} {}: {}", format::date(visit.on, lang), Text::CaseBy.get(lang), visit.by, visit.note) }
                                </p>
                            }
                            <label for="case-visit-on">{ Text::CaseVisitDate.get(lang) }</label>
                            <input id="case-visit-on" type="date" value={(*visit_on).clone()} max={today()} onchange={on_date} />
                            <label for="case-visit-note">{ Text::CaseVisitNote.get(lang) }</label>
                            <textarea id="case-visit-note" rows="3" data-testid="case-visit-note"
                                value={(*visit_note).clone()} oninput={on_note} />
                            <label for="case-visit-photo">{ Text::CaseVisitPhoto.get(lang) }</label>
                            <input id="case-visit-photo" type="file" accept="image/*" capture="environment"
                                data-testid="case-visit-photo" onchange={upload(visit_photo.clone())} />
                            if visit_photo.is_some() {
                                <p class="check ok small" data-testid="case-visit-photo-ready">{ Text::CaseFileReady.get(lang) }</p>
                            }
                            <button type="button" class="button primary" data-testid="case-visit-submit"
                                disabled={*busy || *uploading} onclick={submit}>
                                { Text::CaseVisitSubmit.get(lang) }
                            </button>
                        </div>
                    }
                }
                _ => html! { <p class="muted small">{ state_words(v.line.state, lang) }</p> },
            };

            let decision_html = match (&v.decision, v.may_decide) {
                (Some(d), _) => html! {
                    <div class="case-record" data-testid="case-decision">
                        <p><strong>{ outcome_words(d.outcome, kind, lang) }</strong>
                            { format!(" · {} · {} {}", format::date_time(d.at, lang), Text::CaseBy.get(lang), d.by) }</p>
                        <p>{ &d.note }</p>
                        if let Some(file) = &d.evidence {
                            <p><a href={routes::case_file_path(&id, &hex(file))} target="_blank" rel="noopener">{ Text::CaseEvidence.get(lang) }</a></p>
                        }
                        if let Some(p) = d.proposal {
                            <p class="muted small">{ format!("{}: {}", Text::CaseProposalLink.get(lang), v.family.iter().flat_map(|f| f.proposals.iter()).find(|x| x.id == p).map(|x| words::kind(x.kind, lang)).unwrap_or("–")) }</p>
                        }
                    </div>
                },
                (None, false) if v.visit.is_none() && v.may_visit => {
                    html! { <p class="muted small">{ Text::CaseVisitFirst.get(lang) }</p> }
                }
                (None, false) => html! {},
                (None, true) => {
                    let on_note = {
                        let decision_note = decision_note.clone();
                        Callback::from(move |e: InputEvent| {
                            decision_note
                                .set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
                        })
                    };
                    let radio = |o: Outcome| {
                        let outcome = outcome.clone();
                        let checked = *outcome == Some(o);
                        let onchange = Callback::from(move |_: Event| outcome.set(Some(o)));
                        let name = match o {
                            Outcome::Confirmed => "Confirmed",
                            Outcome::NotConfirmed => "NotConfirmed",
                        };
                        html! {
                            <label class="case-outcome">
                                <input type="radio" name="case-outcome" checked={checked} onchange={onchange}
                                    data-testid={format!("case-outcome-{name}")} />
                                { outcome_words(o, kind, lang) }
                            </label>
                        }
                    };
                    let family_proposals: Vec<_> =
                        v.family.iter().flat_map(|f| f.proposals.clone()).collect();
                    let on_proposal = {
                        let proposal = proposal.clone();
                        Callback::from(move |e: Event| {
                            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                            proposal.set(uuid::Uuid::parse_str(&value).ok());
                        })
                    };
                    let wanted = proposal_kind(v);
                    let create = {
                        let (family, error, proposal, load, busy) = (
                            v.family.as_ref().map(|f| f.id),
                            error.clone(),
                            proposal.clone(),
                            load.clone(),
                            busy.clone(),
                        );
                        Callback::from(move |_: MouseEvent| {
                            let Some(family) = family else { return };
                            let (error, proposal, load, busy) =
                                (error.clone(), proposal.clone(), load.clone(), busy.clone());
                            busy.set(true);
                            wasm_bindgen_futures::spawn_local(async move {
                                let request = NewProposal {
                                    family,
                                    kind: wanted,
                                };
                                match api::post::<NewProposal, ProposalView>(
                                    routes::PROPOSALS,
                                    &request,
                                )
                                .await
                                {
                                    Ok(created) => {
                                        proposal.set(Some(created.id));
                                        error.set(None);
                                        load.emit(());
                                    }
                                    Err(e) => error.set(Some(e.message(lang))),
                                }
                                busy.set(false);
                            });
                        })
                    };
                    let create_label = match wanted {
                        ProposalKind::NewFamily => Text::CaseCreateNewFamily,
                        _ => Text::CaseCreateDeactivation,
                    };
                    let proposal_html = match (&v.family, kind) {
                        (None, CaseKind::Usul) if *outcome == Some(Outcome::Confirmed) => html! {
                            <p class="notice small" data-testid="case-register-first">{ Text::CaseRegisterFirst.get(lang) }</p>
                        },
                        (None, _) => html! {},
                        (Some(_), _) => html! {
                            <>
                                <label for="case-proposal">{ Text::CaseProposalLink.get(lang) }</label>
                                <div class="case-proposal-row">
                                    <select id="case-proposal" data-testid="case-proposal" onchange={on_proposal}>
                                        <option value="" selected={proposal.is_none()}>{ Text::CaseNoProposal.get(lang) }</option>
                                        { for family_proposals.iter().map(|p| html! {
                                            <option value={p.id.to_string()} selected={*proposal == Some(p.id)}>
                                                { format!("{} · {}", words::kind(p.kind, lang), words::state(p.state, lang)) }
                                            </option>
                                        }) }
                                    </select>
                                    if *outcome == Some(Outcome::Confirmed) && proposal.is_none() {
                                        <button type="button" class="button small-button" disabled={*busy}
                                            data-testid="case-create-proposal" onclick={create}>
                                            { create_label.get(lang) }
                                        </button>
                                    }
                                </div>
                            </>
                        },
                    };
                    let submit = {
                        let (send, outcome, decision_note, evidence_file, proposal, error) = (
                            send.clone(),
                            outcome.clone(),
                            decision_note.clone(),
                            evidence_file.clone(),
                            proposal.clone(),
                            error.clone(),
                        );
                        Callback::from(move |_: MouseEvent| {
                            let Some(o) = *outcome else {
                                error.set(Some(match lang {
                                    Lang::Id => "Pilih hasil keputusan.".into(),
                                    Lang::En => "Choose the outcome.".into(),
                                }));
                                return;
                            };
                            send.emit(CaseAction::Decide {
                                outcome: o,
                                note: (*decision_note).clone(),
                                evidence: *evidence_file,
                                proposal: *proposal,
                            });
                        })
                    };
                    html! {
                        <div class="case-form">
                            <fieldset class="case-outcomes">
                                <legend>{ Text::CaseDecisionTitle.get(lang) }</legend>
                                { radio(Outcome::Confirmed) }
                                { radio(Outcome::NotConfirmed) }
                            </fieldset>
                            <label for="case-decision-note">{ Text::CaseDecisionNote.get(lang) }</label>
                            <p class="muted small" id="case-decision-hint">{ Text::CaseDecisionNoteHint.get(lang) }</p>
                            <textarea id="case-decision-note" rows="3" data-testid="case-decision-note"
                                aria-describedby="case-decision-hint" value={(*decision_note).clone()} oninput={on_note} />
                            <label for="case-evidence">{ Text::CaseEvidence.get(lang) }</label>
                            <input id="case-evidence" type="file" accept="image/*,application/pdf"
                                data-testid="case-evidence" onchange={upload(evidence_file.clone())} />
                            if evidence_file.is_some() {
                                <p class="check ok small" data-testid="case-evidence-ready">{ Text::CaseFileReady.get(lang) }</p>
                            }
                            { proposal_html }
                            <button type="button" class="button primary" data-testid="case-decide"
                                disabled={*busy || *uploading} onclick={submit}>
                                { Text::CaseDecide.get(lang) }
                            </button>
                        </div>
                    }
                }
            };

            html! {
                <>
                    <header class="case-detail-head">
                        <div>
                            <span class={match kind { CaseKind::Usul => "case-kind usul", CaseKind::Sanggah => "case-kind sanggah" }}>{ kind_words(kind, lang) }</span>
                            <h2 class="case-code">{ v.line.code.to_string() }</h2>
                        </div>
                        <span class={state_class(v.line.state)} data-testid="case-state">{ state_words(v.line.state, lang) }</span>
                    </header>
                    <section class="case-section">
                        <h3>{ Text::CaseWhatFiled.get(lang) }</h3>
                        <p class="case-named"><strong>{ &v.line.named }</strong>{ format!(" · {} · {}", v.line.dusun, v.line.desa_name) }</p>
                        <p class="muted small">{ format!("{} {}", Text::CaseFiledAt.get(lang), format::date_time(v.line.filed_at, lang)) }</p>
                        { filed }
                        { phone }
                    </section>
                    <section class="case-section">
                        <h3>{ Text::CaseCandidates.get(lang) }</h3>
                        if v.line.maybe_duplicate {
                            <p class="case-flag duplicate">{ Text::CaseMaybeDuplicate.get(lang) }</p>
                        }
                        { candidates }
                        { linked_html }
                    </section>
                    <section class="case-section">
                        <h3>{ Text::CaseVisitTitle.get(lang) }</h3>
                        { visit_html }
                    </section>
                    <section class="case-section">
                        <h3>{ Text::CaseDecisionTitle.get(lang) }</h3>
                        { decision_html }
                    </section>
                    if !v.may_visit && v.decision.is_none() {
                        <p class="muted small">{ Text::CaseReadOnly.get(lang) }</p>
                    }
                </>
            }
        }
    };
    html! {
        <div class="card case-detail" ref={panel} data-testid="case-detail" data-case={id.to_string()}>
            <button type="button" class="button small-button case-close" onclick={close}>{ Text::CaseClose.get(lang) }</button>
            if *uploading {
                <p class="muted small" role="status">{ Text::CaseUploading.get(lang) }</p>
            }
            if let Some(message) = &*error {
                <p class="field-error" role="alert" data-testid="case-error">{ message }</p>
            }
            { body }
        </div>
    }
}

/// An address as filed: street, dusun, then RT/RW only when given.
fn address_line(address: &tepat_domain::family::Address) -> String {
    let mut parts = vec![address.street.trim(), address.dusun.trim()];
    parts.retain(|p| !p.is_empty());
    let mut line = parts.join(", ");
    for (label, value) in [("RT", address.rt.trim()), ("RW", address.rw.trim())] {
        if !value.is_empty() {
            line.push_str(&format!(" {label} {value}"));
        }
    }
    line
}
