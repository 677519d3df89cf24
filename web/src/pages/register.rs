//! "Daftarkan keluarga": a field user registers a family on the tablet, with or without a
//! signal. The KK and address, the members (NIK checked as typed), the house pin by tap or GPS;
//! every problem shown under its input, the domain's checks shown before saving. Saving writes
//! one change into the encrypted local copy (it shows on the map at once and counts as unsent)
//! and asks for a sync.

use crate::app::{AppContext, Route, publish_counts};
use crate::components::house_photo::PhotoInput;
use crate::components::instrument_form::InstrumentForm;
use crate::components::pin_picker::PinPicker;
use crate::components::topbar::TopBar;
use crate::family_form::{
    FamilyDraft, Field, LeaveKind, Leaving, MemberDraft, MemberField, Problem,
};
use crate::i18n::Text;
use crate::local;
use tepat_domain::checks::{Severity, check_family};
use tepat_domain::{Family, FamilyId, MemberStatus, RegionCode, Relation, Sex};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

const RELATIONS: [Relation; 11] = [
    Relation::KepalaKeluarga,
    Relation::Suami,
    Relation::Istri,
    Relation::Anak,
    Relation::Menantu,
    Relation::Cucu,
    Relation::Orangtua,
    Relation::Mertua,
    Relation::FamiliLain,
    Relation::Pembantu,
    Relation::Lainnya,
];

fn problem_for(problems: &[Problem], field: &Field) -> Html {
    problems
        .iter()
        .filter(|p| &p.field == field)
        .map(|p| html! { <p class="field-error" data-testid="field-error">{ &p.message }</p> })
        .collect()
}

fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}

/// One text input bound to a part of the draft.
fn text_input(
    id: &str,
    label: &str,
    value: &str,
    problems: &[Problem],
    field: Field,
    inputmode: &'static str,
    on_input: Callback<InputEvent>,
) -> Html {
    html! {
        <div class="form-field">
            <label for={id.to_owned()}>{ label }</label>
            <input id={id.to_owned()} type="text" value={value.to_owned()} inputmode={inputmode} oninput={on_input} />
            { problem_for(problems, &field) }
        </div>
    }
}

/// The registration page.
/// Props of [`RegisterPage`].
#[derive(Properties, PartialEq)]
pub struct RegisterProps {
    /// The family being corrected; none to register a new one.
    #[prop_or_default]
    pub editing: Option<FamilyId>,
}

/// Builds the family from the form: onto the recorded one when correcting.
fn build(
    draft: &FamilyDraft,
    base: Option<&Family>,
    id: FamilyId,
    desa: RegionCode,
    lang: crate::i18n::Lang,
) -> Result<Family, Vec<Problem>> {
    match base {
        Some(base) => draft.build_onto(base, lang),
        None => draft.build(id, desa, lang),
    }
}

#[function_component(RegisterPage)]
pub fn register_page(props: &RegisterProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let navigator = use_navigator();
    let lang = app.lang;
    // The record being corrected, as the tablet holds it when the form opened.
    let base = use_state(|| {
        props
            .editing
            .and_then(|id| local::open_copy().and_then(|c| c.family(id)))
    });
    let draft = use_state(|| {
        base.as_ref()
            .map(FamilyDraft::from_family)
            .unwrap_or_default()
    });
    let tried = use_state(|| false);
    let saving = use_state(|| false);
    let save_error = use_state(|| None::<String>);
    let family_id = use_state(|| {
        props
            .editing
            .unwrap_or_else(|| FamilyId(uuid::Uuid::now_v7()))
    });
    // The desa's other houses: drawn on the pin map, and the cloud a new pin is checked against.
    let neighbours = {
        let home = base
            .as_ref()
            .map(|f| f.desa.clone())
            .or_else(|| app.user().map(|u| u.region.code.clone()));
        let editing = props.editing;
        use_memo((), move |_| {
            let (Some(copy), Some(home)) = (local::open_copy(), home) else {
                return Vec::new();
            };
            copy.families()
                .iter()
                .filter(|f| home.contains(&f.desa) && Some(f.id) != editing)
                .filter_map(|f| f.location.map(|l| (l.lat, l.lon)))
                .collect::<Vec<_>>()
        })
    };
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    if !app.sync.local {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let desa = user.region.code.clone();
    let today = tepat_domain::windows::Zone::Wib.local_date(jiff::Timestamp::now());
    if props.editing.is_some() && base.is_none() {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let built = build(&draft, base.as_ref(), *family_id, desa.clone(), lang);
    // Problems are shown once the user tried to save, then follow every keystroke.
    let shown: Vec<Problem> = if *tried {
        built.as_ref().err().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    let update = |change: fn(&mut FamilyDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let mut next = (*draft).clone();
            change(&mut next, input_value(&event));
            draft.set(next);
        })
    };
    let member_input = |index: usize, change: fn(&mut MemberDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let mut next = (*draft).clone();
            if let Some(member) = next.members.get_mut(index) {
                change(member, input_value(&event));
            }
            draft.set(next);
        })
    };
    let member_select = |index: usize, change: fn(&mut MemberDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            if let Some(member) = next.members.get_mut(index) {
                change(member, select_value(&event));
            }
            draft.set(next);
        })
    };
    let add_member = {
        let draft = draft.clone();
        Callback::from(move |_| {
            let mut next = (*draft).clone();
            next.members.push(MemberDraft::default());
            draft.set(next);
        })
    };
    let on_pin = {
        let draft = draft.clone();
        Callback::from(move |location| {
            let mut next = (*draft).clone();
            next.location = Some(location);
            draft.set(next);
        })
    };
    let on_photo = |front: bool| {
        let draft = draft.clone();
        Callback::from(move |photo| {
            let mut next = (*draft).clone();
            if front {
                next.photos.front = Some(photo);
            } else {
                next.photos.inside = Some(photo);
            }
            draft.set(next);
        })
    };
    let members: Html = draft
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let remove = {
                let draft = draft.clone();
                Callback::from(move |_| {
                    let mut next = (*draft).clone();
                    if i < next.members.len() {
                        next.members.remove(i);
                    }
                    draft.set(next);
                })
            };
            let at = |f| Field::Member(i, f);
            let relation_options: Html = RELATIONS
                .iter()
                .map(|r| {
                    let label = crate::components::family_detail::relation(*r, lang);
                    html! { <option value={r.shdk_code().to_string()} selected={m.relation == Some(*r)}>{ label }</option> }
                })
                .collect();
            if m.status != MemberStatus::Active {
                // A member who left is part of the family's history: shown, not edited.
                return html! {
                    <fieldset class="member-form card left" data-testid="member-form">
                        <legend>{ format!("{} {}", Text::Member.get(lang), i + 1) }</legend>
                        <p class="member-left"><strong>{ &m.name }</strong>{ " " }
                            <span class="tag">{ crate::words::member_status(&m.status, lang) }</span></p>
                    </fieldset>
                };
            }
            let leave_kind = {
                let draft = draft.clone();
                Callback::from(move |event: Event| {
                    let mut next = (*draft).clone();
                    if let Some(member) = next.members.get_mut(i) {
                        let kind = match select_value(&event).as_str() {
                            "died" => Some(LeaveKind::Died),
                            "moved" => Some(LeaveKind::MovedOut),
                            _ => None,
                        };
                        let date = member.leaving.take().map(|l| l.date).unwrap_or_default();
                        member.leaving = kind.map(|kind| Leaving { kind, date });
                    }
                    draft.set(next);
                })
            };
            let leave_date = member_input(i, |m, v| {
                if let Some(leaving) = &mut m.leaving {
                    leaving.date = v;
                }
            });
            let leaving_kind = m.leaving.as_ref().map(|l| l.kind);
            html! {
                <fieldset class="member-form card" data-testid="member-form">
                    <legend>{ format!("{} {}", Text::Member.get(lang), i + 1) }</legend>
                    { text_input(&format!("nik-{i}"), Text::Nik.get(lang), &m.nik, &shown, at(MemberField::Nik), "numeric",
                        member_input(i, |m, v| m.nik = v)) }
                    { text_input(&format!("name-{i}"), Text::Name.get(lang), &m.name, &shown, at(MemberField::Name), "text",
                        member_input(i, |m, v| m.name = v)) }
                    <div class="form-row">
                        <div class="form-field">
                            <label for={format!("sex-{i}")}>{ Text::Sex.get(lang) }</label>
                            <select id={format!("sex-{i}")} onchange={member_select(i, |m, v| m.sex = match v.as_str() {
                                "1" => Some(Sex::Male), "2" => Some(Sex::Female), _ => None })}>
                                <option value="" selected={m.sex.is_none()}>{ "–" }</option>
                                <option value="1" selected={m.sex == Some(Sex::Male)}>{ Text::Male.get(lang) }</option>
                                <option value="2" selected={m.sex == Some(Sex::Female)}>{ Text::Female.get(lang) }</option>
                            </select>
                            { problem_for(&shown, &at(MemberField::Sex)) }
                        </div>
                        <div class="form-field">
                            <label for={format!("relation-{i}")}>{ Text::Relation.get(lang) }</label>
                            <select id={format!("relation-{i}")} onchange={member_select(i, |m, v| {
                                m.relation = v.parse::<usize>().ok().and_then(|c| RELATIONS.get(c.wrapping_sub(1)).copied())
                            })}>
                                <option value="" selected={m.relation.is_none()}>{ "–" }</option>
                                { relation_options }
                            </select>
                            { problem_for(&shown, &at(MemberField::Relation)) }
                        </div>
                    </div>
                    { text_input(&format!("mother-{i}"), Text::MotherName.get(lang), &m.mother_name, &shown,
                        at(MemberField::Name), "text", member_input(i, |m, v| m.mother_name = v)) }
                    <div class="form-row">
                        { text_input(&format!("birth-place-{i}"), Text::BirthPlace.get(lang), &m.birth_place, &shown,
                            at(MemberField::BirthPlace), "text", member_input(i, |m, v| m.birth_place = v)) }
                        <div class="form-field">
                            <label for={format!("birth-date-{i}")}>{ Text::BirthDate.get(lang) }</label>
                            <input id={format!("birth-date-{i}")} type="date" value={m.birth_date.clone()}
                                oninput={member_input(i, |m, v| m.birth_date = v)} />
                            { problem_for(&shown, &at(MemberField::BirthDate)) }
                        </div>
                    </div>
                    // A recorded member leaves by a life event (moved, died), never by deletion.
                    if m.id.is_some() {
                        <div class="form-row leaving">
                            <div class="form-field">
                                <label for={format!("leaving-{i}")}>{ Text::MemberLeaves.get(lang) }</label>
                                <select id={format!("leaving-{i}")} onchange={leave_kind} data-testid="member-leaving">
                                    <option value="" selected={leaving_kind.is_none()}>{ Text::MemberStays.get(lang) }</option>
                                    <option value="died" selected={leaving_kind == Some(LeaveKind::Died)}>{ Text::MemberDied.get(lang) }</option>
                                    <option value="moved" selected={leaving_kind == Some(LeaveKind::MovedOut)}>{ Text::MemberMovedOut.get(lang) }</option>
                                </select>
                            </div>
                            if let Some(leaving) = &m.leaving {
                                <div class="form-field">
                                    <label for={format!("leave-date-{i}")}>{ Text::LeaveDate.get(lang) }</label>
                                    <input id={format!("leave-date-{i}")} type="date" value={leaving.date.clone()}
                                        max={today.to_string()} oninput={leave_date} data-testid="member-leave-date" />
                                    { problem_for(&shown, &at(MemberField::Leaving)) }
                                </div>
                            }
                        </div>
                    }
                    if draft.members.len() > 1 && m.id.is_none() {
                        <button type="button" class="button ghost danger" onclick={remove}>{ Text::RemoveMember.get(lang) }</button>
                    }
                </fieldset>
            }
        })
        .collect();
    let findings: Html = match &built {
        Ok(family) => {
            let found = check_family(family, today);
            if found.is_empty() {
                html! { <p class="check ok" data-testid="no-findings">{ Text::NoFindings.get(lang) }</p> }
            } else {
                found
                    .iter()
                    .map(|f| {
                        let (class, label) = match f.severity {
                            Severity::Error => ("check error", Text::ErrorLabel.get(lang)),
                            Severity::Warning => ("check warning", Text::WarningLabel.get(lang)),
                        };
                        html! {
                            <p class={class} data-testid="finding">
                                <strong>{ label }</strong>{ " · " }{ &f.message }
                            </p>
                        }
                    })
                    .collect()
            }
        }
        Err(_) => html! {
            <p class="muted" data-testid="checks-waiting">{ Text::ChecksAfterFixes.get(lang) }</p>
        },
    };
    let on_save = {
        let (draft, tried, saving, save_error, app) = (
            draft.clone(),
            tried.clone(),
            saving.clone(),
            save_error.clone(),
            app.clone(),
        );
        let (family_id, desa, navigator) = (*family_id, desa.clone(), navigator.clone());
        let base = (*base).clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            tried.set(true);
            let Ok(family) = build(&draft, base.as_ref(), family_id, desa.clone(), app.lang) else {
                return;
            };
            // The domain's findings do not stop a save (the data is the operator's best
            // knowledge today); errors among them block a proposal until fixed.
            if *saving {
                return;
            }
            saving.set(true);
            let base = base.clone();
            let (saving, save_error, app, navigator) = (
                saving.clone(),
                save_error.clone(),
                app.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match local::record_family(base.as_ref(), &family).await {
                    Ok(()) => {
                        publish_counts(&app);
                        local::sync::wake_soon();
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Map);
                        }
                    }
                    Err(e) => {
                        save_error.set(Some(e.to_string()));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let on_instrument = {
        let draft = draft.clone();
        Callback::from(move |instrument| {
            let mut next = (*draft).clone();
            next.instrument = instrument;
            draft.set(next);
        })
    };
    // Whether the head works is asked with the members' other details (kept from the record).
    let head_working = base.as_ref().and_then(|f| f.head_working());
    let tile_url = app.config.as_ref().and_then(|c| c.tile_url.clone());
    let max_accuracy_m = app.config.as_ref().map_or(30, |c| c.gps_max_accuracy_m);
    let center = if neighbours.is_empty() {
        (-7.05, 112.95)
    } else {
        let n = neighbours.len() as f64;
        (
            neighbours.iter().map(|p| p.0).sum::<f64>() / n,
            neighbours.iter().map(|p| p.1).sum::<f64>() / n,
        )
    };
    let far = draft
        .location
        .and_then(|pin| tepat_domain::geo::far_from_neighbours(&pin, &neighbours));
    html! {
        <div class="page">
            <TopBar />
            <main class="form-page">
                <form class="family-form" onsubmit={on_save} novalidate=true data-testid="register-form">
                    <header class="form-head">
                        <h1>{ if props.editing.is_some() { Text::EditFamily.get(lang) } else { Text::RegisterFamily.get(lang) } }</h1>
                        <p class="muted">{ format!("{} · {}", user.region.display_name(), Text::SavedOnTablet.get(lang)) }</p>
                    </header>
                    <section class="card form-section">
                        <h2>{ Text::KkAndAddress.get(lang) }</h2>
                        { text_input("kk", Text::KkNumber.get(lang), &draft.kk, &shown, Field::Kk, "numeric", update(|d, v| d.kk = v)) }
                        { text_input("street", Text::Street.get(lang), &draft.street, &shown, Field::Street, "text", update(|d, v| d.street = v)) }
                        <div class="form-row">
                            { text_input("dusun", "Dusun", &draft.dusun, &shown, Field::Dusun, "text", update(|d, v| d.dusun = v)) }
                            { text_input("rt", "RT", &draft.rt, &shown, Field::Rt, "numeric", update(|d, v| d.rt = v)) }
                            { text_input("rw", "RW", &draft.rw, &shown, Field::Rw, "numeric", update(|d, v| d.rw = v)) }
                        </div>
                    </section>
                    <section class="card form-section">
                        <h2>{ Text::HousePin.get(lang) }</h2>
                        <PinPicker value={draft.location} on_change={on_pin} center={center} tile_url={tile_url}
                            neighbours={neighbours.clone()} max_accuracy_m={max_accuracy_m} lang={lang} />
                        if let Some(far) = far {
                            <p class="check warning" data-testid="pin-far">
                                <strong>{ Text::WarningLabel.get(lang) }</strong>{ " · " }{ far.message_id() }
                            </p>
                        }
                    </section>
                    <section class="card form-section">
                        <h2>{ Text::HousePhotos.get(lang) }</h2>
                        <div class="form-row">
                            <PhotoInput id="photo-front" label={Text::PhotoFront.get(lang)} value={draft.photos.front}
                                on_change={on_photo(true)} lang={lang} />
                            <PhotoInput id="photo-inside" label={Text::PhotoInside.get(lang)} value={draft.photos.inside}
                                on_change={on_photo(false)} lang={lang} />
                        </div>
                    </section>
                    <section class="card form-section">
                        <h2>{ Text::InstrumentTitle.get(lang) }</h2>
                        <InstrumentForm value={draft.instrument.clone()} on_change={on_instrument}
                            household={draft.members.len()} head_working={head_working} lang={lang} />
                    </section>
                    <section class="form-section">
                        <h2>{ format!("{} ({})", Text::Members.get(lang), draft.members.len()) }</h2>
                        { members }
                        { problem_for(&shown, &Field::Members) }
                        <button type="button" class="button" onclick={add_member} data-testid="add-member">{ Text::AddMember.get(lang) }</button>
                    </section>
                    <section class="card form-section checks">
                        <h2>{ Text::DataChecks.get(lang) }</h2>
                        { findings }
                    </section>
                    if let Some(message) = (*save_error).clone() {
                        <p class="field-error" role="alert">{ message }</p>
                    }
                    <div class="form-actions">
                        <Link<Route> to={Route::Map} classes="button ghost">{ Text::Cancel.get(lang) }</Link<Route>>
                        <button type="submit" class="button primary" disabled={*saving} data-testid="save-family">
                            { Text::SaveFamily.get(lang) }
                        </button>
                    </div>
                </form>
            </main>
        </div>
    }
}
