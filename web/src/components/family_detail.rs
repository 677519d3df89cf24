//! One family in full: KK, address, pin and the members table. NIKs come as the server decided
//! for the user's role (whole or masked).

use crate::api::{self, ApiFailure};
use crate::app::AppContext;
use crate::format;
use crate::i18n::{Lang, Text};
use tepat_domain::{FamilyId, Relation, Sex};
use tepat_protocol::{FamilyDetail as Detail, routes};
use yew::prelude::*;

/// Props of [`FamilyDetail`].
#[derive(Properties, PartialEq)]
pub struct FamilyDetailProps {
    /// The family to show.
    pub id: FamilyId,
    /// Close the panel.
    pub on_close: Callback<()>,
}

fn relation(relation: Relation, lang: Lang) -> &'static str {
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
    {
        let detail = detail.clone();
        use_effect_with(props.id, move |id| {
            detail.set(None);
            let path = routes::family_path(id);
            wasm_bindgen_futures::spawn_local(async move {
                detail.set(Some(api::get::<Detail>(&path).await));
            });
        });
    }
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
                    html! {
                        <tr>
                            <td><span class="member-name">{ &m.name }</span><span class="member-rel">{ relation(m.relation, lang) }</span></td>
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
                    <h3>{ format!("{} ({})", Text::Members.get(lang), family.members.len()) }</h3>
                    <div class="table-wrap">
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
