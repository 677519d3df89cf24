//! The list of families beside the map: search by head of family, a count, one row each.
//! Selecting a row selects the family on the map too.

use crate::app::AppContext;
use crate::format;
use crate::i18n::Text;
use std::rc::Rc;
use tepat_domain::FamilyId;
use tepat_protocol::FamilySummary;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`FamilyList`].
#[derive(Properties, PartialEq)]
pub struct FamilyListProps {
    /// The families to list (already filtered by the search).
    pub families: Rc<Vec<FamilySummary>>,
    /// How many families the region has before the search.
    pub total: usize,
    /// The search text.
    pub search: String,
    /// The search text changed.
    pub on_search: Callback<String>,
    /// The selected family.
    pub selected: Option<FamilyId>,
    /// A row was chosen.
    pub on_select: Callback<FamilyId>,
}

/// The family list.
#[function_component(FamilyList)]
pub fn family_list(props: &FamilyListProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    // A field user's copy is empty until its first sync ends: say so rather than "no families".
    let first_sync =
        app.sync.local && matches!(app.sync.phase, crate::state::SyncPhase::Running { .. });
    let search_hint = if app.sync.local {
        Text::SearchByNameNikKk.get(lang)
    } else {
        Text::SearchByName.get(lang)
    };
    let oninput = {
        let on_search = props.on_search.clone();
        Callback::from(move |event: InputEvent| {
            on_search.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    // Narrowed by the search or a filter: how many of how many.
    let count = if props.families.len() == props.total {
        format!(
            "{} {}",
            format::number(props.total as u64),
            Text::Families.get(lang).to_lowercase()
        )
    } else {
        format!(
            "{} / {} {}",
            format::number(props.families.len() as u64),
            format::number(props.total as u64),
            Text::Families.get(lang).to_lowercase()
        )
    };
    let rows: Html = props
        .families
        .iter()
        .map(|family| {
            let id = family.id;
            let onclick = {
                let on_select = props.on_select.clone();
                Callback::from(move |_| on_select.emit(id))
            };
            let selected = props.selected == Some(id);
            let address = format!("{} · RT {} / RW {}", family.dusun, family.rt, family.rw);
            html! {
                <li key={id.to_string()}>
                    <button type="button" class={classes!("family-row", selected.then_some("selected"))}
                        {onclick} data-testid="family-row" data-family={id.to_string()} aria-pressed={selected.to_string()}>
                        <span class="row-main">
                            <span class="row-name">{ &family.head_name }</span>
                            <span class="row-sub">{ address }</span>
                        </span>
                        <span class="row-side">
                            <span class="row-kk">{ &family.kk_masked }</span>
                            <span class="row-count">{ format!("{} {}", family.member_count, Text::MembersCount.get(lang)) }</span>
                            if family.nik_ganda {
                                <span class="tag danger" data-testid="nik-ganda">{ Text::NikGanda.get(lang) }</span>
                            }
                            if family.location.is_none() {
                                <span class="tag warn">{ Text::NoPin.get(lang) }</span>
                            }
                        </span>
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="family-list">
            <div class="list-head">
                <input type="search" value={props.search.clone()} {oninput}
                    placeholder={search_hint} aria-label={search_hint}
                    data-testid="family-search" />
                <span class="count" data-testid="family-count">{ count }</span>
            </div>
            if props.total == 0 && first_sync {
                <div class="empty" data-testid="first-sync-note">
                    <p><strong>{ Text::FirstSyncTitle.get(lang) }</strong></p>
                    <p class="muted">{ Text::FirstSyncHint.get(lang) }</p>
                </div>
            } else if props.total == 0 {
                <div class="empty">
                    <p><strong>{ Text::NoFamiliesHere.get(lang) }</strong></p>
                    <p class="muted">{ Text::NoFamiliesHint.get(lang) }</p>
                </div>
            } else if props.families.is_empty() {
                <div class="empty"><p class="muted">{ Text::NoSearchResults.get(lang) }</p></div>
            } else {
                <ul class="rows">{ rows }</ul>
            }
        </section>
    }
}
