//! One family in full: KK, address, pin, photos, its proposals, visits and house label (on a
//! field user's tablet) and the members table. NIKs come as the server decided
//! for the user's role (whole or masked).

use crate::api::{self, ApiFailure};
use crate::app::AppContext;
use crate::components::house_photo::PhotoView;
use crate::components::label_panel::LabelPanel;
use crate::components::proposals_panel::ProposalsPanel;
use crate::components::sync_notes::SyncNotes;
use crate::components::visit_panel::VisitPanel;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::local;
use tepat_domain::checks::{Severity, check_family};
use tepat_domain::{Family, FamilyId, Relation, Sex};
use tepat_protocol::{FamilyDetail as Detail, ScoreView, routes, views};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`FamilyDetail`].
#[derive(Properties, PartialEq)]
pub struct FamilyDetailProps {
    /// The family to show.
    pub id: FamilyId,
    /// Close the panel.
    pub on_close: Callback<()>,
    /// The server flagged one of its NIKs as held in another family too (a field user's local
    /// view cannot know this by itself).
    #[prop_or_default]
    pub nik_ganda: bool,
    /// Today in the kabupaten (from the server's windows), for the checks.
    pub today: Option<jiff::civil::Date>,
}

/// The domain's checks, run here on the tablet on the whole record: the same rules the server
/// applies when the record is saved.
fn findings(record: &Family, today: jiff::civil::Date, lang: Lang) -> Html {
    let found = check_family(record, today);
    if found.is_empty() {
        return html! { <p class="check ok" data-testid="no-findings">{ Text::NoFindings.get(lang) }</p> };
    }
    found
        .iter()
        .map(|f| {
            let (class, label) = match f.severity {
                Severity::Error => ("check error", Text::ErrorLabel.get(lang)),
                Severity::Warning => ("check warning", Text::WarningLabel.get(lang)),
            };
            let who = f.member.and_then(|i| record.members.get(i)).map(|m| format!("{}: ", m.name)).unwrap_or_default();
            html! { <p class={class} data-testid="finding"><strong>{ label }</strong>{ " · " }{ who }{ &f.message }</p> }
        })
        .collect()
}

fn score_panel(score: &ScoreView, lang: Lang) -> Html {
    let current = &score.current;
    let extreme = match current.result.extreme_poor {
        Some(true) => Text::Yes.get(lang),
        Some(false) => Text::No.get(lang),
        None => Text::Unknown.get(lang),
    };
    let decile = current
        .local_decile
        .map(|d| d.to_string())
        .unwrap_or_else(|| "–".into());
    let lines: Html = current
        .result
        .lines
        .iter()
        .map(|l| html! { <tr><td>{ &l.question }</td><td>{ &l.answer }</td><td class="num">{ format!("{:+}", l.points) }</td></tr> })
        .collect();
    let unanswered = current.result.unanswered.len();
    html! {
        <section class="score" data-testid="score">
            <div class="score-facts">
                <span><strong>{ Text::Score.get(lang) }</strong>{ format!(" {}", current.result.total) }</span>
                <span><strong>{ Text::Decile.get(lang) }</strong>{ format!(" {decile}") }</span>
                <span><strong>{ Text::ExtremePoor.get(lang) }</strong>{ format!(" {extreme}") }</span>
            </div>
            if unanswered > 0 {
                <p class="muted small">{ format!("{unanswered} {}", Text::UnansweredQuestions.get(lang)) }</p>
            }
            <details>
                <summary>{ Text::ScoreBreakdown.get(lang) }</summary>
                <table class="breakdown"><tbody>{ lines }</tbody></table>
            </details>
        </section>
    }
}

/// A relation to the head, in the user's language.
pub fn relation(relation: Relation, lang: Lang) -> &'static str {
    match (relation, lang) {
        (r, Lang::Id) => r.label_id(),
        (Relation::KepalaKeluarga, Lang::En) => "Head of family",
        (Relation::Suami, Lang::En) => "Husband",
        (Relation::Istri, Lang::En) => "Wife",
        (Relation::Anak, Lang::En) => "Child",
        (Relation::Menantu, Lang::En) => "Child-in-law",
        (Relation::Cucu, Lang::En) => "Grandchild",
        (Relation::Orangtua, Lang::En) => "Parent",
        (Relation::Mertua, Lang::En) => "Parent-in-law",
        (Relation::FamiliLain, Lang::En) => "Other relative",
        (Relation::Pembantu, Lang::En) => "Household help",
        (Relation::Lainnya, Lang::En) => "Other",
    }
}

/// The detail panel.
#[function_component(FamilyDetail)]
pub fn family_detail(props: &FamilyDetailProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let detail = use_state(|| None::<Result<Detail, ApiFailure>>);
    let score = use_state(|| None::<ScoreView>);
    {
        let (detail, score) = (detail.clone(), score.clone());
        let local = app.sync.local;
        let role = app.user().map(|u| u.role);
        let nik_ganda = props.nik_ganda;
        use_effect_with(
            (props.id, local, app.sync.data_version, nik_ganda),
            move |(id, local, _, nik_ganda)| {
                let id = *id;
                let score_path = routes::FAMILY_SCORE.replace("{id}", &id.to_string());
                let local_family = local::open_copy()
                    .filter(|_| *local)
                    .and_then(|c| c.family(id));
                match (local_family, role) {
                    // A field user's own copy: the same view the server would give.
                    (Some(family), Some(role)) => {
                        detail.set(Some(Ok(views::family_detail(&family, role, *nik_ganda))))
                    }
                    _ => {
                        detail.set(None);
                        let path = routes::family_path(&id);
                        let detail = detail.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            detail.set(Some(api::get::<Detail>(&path).await));
                        });
                    }
                }
                // The score is computed by the server; offline the last one seen on this tablet is shown.
                wasm_bindgen_futures::spawn_local(async move {
                    score.set(local::cache::get::<ScoreView>(&score_path).await.ok());
                });
            },
        );
    }
    let today = props
        .today
        .unwrap_or_else(|| tepat_domain::windows::Zone::Wib.local_date(jiff::Timestamp::now()));
    let navigator = use_navigator();
    let edit = {
        let id = props.id;
        Callback::from(move |_| {
            if let Some(navigator) = &navigator {
                navigator.push(&crate::app::Route::EditFamily { id: id.to_string() });
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let body = match &*detail {
        None => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Some(Err(failure)) => html! { <p class="field-error">{ failure.message(lang) }</p> },
        Some(Ok(family)) => {
            let s = &family.summary;
            let members: Html = family
                .members
                .iter()
                .map(|m| {
                    let sex = match m.sex {
                        Sex::Male => Text::Male.get(lang),
                        Sex::Female => Text::Female.get(lang),
                    };
                    let left = m.status != tepat_domain::MemberStatus::Active;
                    html! {
                        <tr class={classes!(left.then_some("member-left"))}>
                            <td><span class="member-name">{ &m.name }</span><span class="member-rel">{ relation(m.relation, lang) }</span>
                                if left {
                                    <span class="tag" data-testid="member-status">{ crate::words::member_status(&m.status, lang) }</span>
                                }
                            </td>
                            <td class="mono">{ &m.nik }</td>
                            <td>{ sex }</td>
                            <td>{ format!("{}, {}", m.birth_place, format::date(m.birth_date, lang)) }</td>
                        </tr>
                    }
                })
                .collect();
            let pin = match s.location {
                Some(l) => {
                    format!("{:.5}, {:.5}", l.lat, l.lon)
                        + &l.accuracy_m
                            .map(|a| format!(" (±{a:.0} m)"))
                            .unwrap_or_default()
                }
                None => Text::NoPin.get(lang).to_owned(),
            };
            html! {
                <>
                    <h2>{ &s.head_name }
                        if s.demo { <span class="tag demo">{ Text::DemoRecord.get(lang) }</span> }
                    </h2>
                    <dl class="facts">
                        <dt>{ Text::KkNumber.get(lang) }</dt><dd class="mono">{ &family.kk }</dd>
                        <dt>{ Text::Address.get(lang) }</dt>
                        <dd>{ format!("{}, {}, RT {} / RW {}", family.street, s.dusun, s.rt, s.rw) }</dd>
                        <dt>{ Text::HousePin.get(lang) }</dt><dd>{ pin }</dd>
                    </dl>
                    if family.photos.front.is_some() || family.photos.inside.is_some() {
                            <div class="photos">
                                if let Some(photo) = family.photos.front {
                                    <PhotoView photo={photo} caption={Text::PhotoFront.get(lang)} />
                                }
                                if let Some(photo) = family.photos.inside {
                                    <PhotoView photo={photo} caption={Text::PhotoInside.get(lang)} />
                                }
                            </div>
                    }
                    <SyncNotes id={props.id} />
                    if app.user().is_some_and(|u| crate::pages::audit_page::reads_audit(u.role)) {
                        <span data-testid="family-audit">
                            <Link<crate::app::Route> to={crate::app::Route::AuditFamily { id: props.id.to_string() }}
                                classes="button">
                                { Text::AuditTrail.get(lang) }
                            </Link<crate::app::Route>>
                        </span>
                    }
                    if app.sync.local && family.record.is_some() {
                        <ProposalsPanel family={props.id} />
                    }
                    if app.sync.local {
                        <VisitPanel family={props.id} />
                    }
                    if app.sync.local && let Some(record) = &family.record {
                        <LabelPanel family={props.id} today={today}
                            recipient={local::open_copy().is_some_and(|c| c.receives_bansos(record))} />
                    }
                    if app.sync.local && family.record.is_some() {
                        <button type="button" class="button" onclick={edit.clone()} data-testid="edit-family">
                            { Text::EditFamily.get(lang) }
                        </button>
                    }
                    if s.nik_ganda {
                        <p class="check error">{ Text::NikGanda.get(lang) }</p>
                    }
                    if let Some(score) = &*score {
                        { score_panel(score, lang) }
                    }
                    if let Some(record) = &family.record {
                        <section class="checks" data-testid="checks">
                            <h3>{ Text::DataChecks.get(lang) }</h3>
                            { findings(record, today, lang) }
                        </section>
                    }
                    <h3>{ format!("{} ({})", Text::Members.get(lang), family.members.len()) }</h3>
                    <div class="table-wrap" tabindex="0" role="region" aria-label={Text::Members.get(lang)}>
                        <table class="members">
                            <thead><tr>
                                <th>{ Text::Name.get(lang) }</th><th>{ Text::Nik.get(lang) }</th>
                                <th>{ Text::Sex.get(lang) }</th><th>{ Text::BirthPlaceDate.get(lang) }</th>
                            </tr></thead>
                            <tbody>{ members }</tbody>
                        </table>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="family-detail card" data-testid="family-detail" aria-live="polite">
            <button type="button" class="button ghost close" onclick={close} aria-label={Text::Close.get(lang)}>
                { "✕" }
            </button>
            { body }
        </section>
    }
}
