//! One citizens' case in the inbox: code, kind and state badges, the name and dusun as filed,
//! the desa, when filed, and the "kemungkinan ganda" flag of an usul that may be registered.

use crate::format;
use crate::i18n::{Lang, Text};
use tepat_domain::cases::{CaseKind, CaseState};
use tepat_protocol::cases::{CaseLine, state_code};
use yew::prelude::*;

/// The badge class of a state.
pub fn state_class(state: CaseState) -> &'static str {
    match state {
        CaseState::New => "case-badge new",
        CaseState::Visited => "case-badge visited",
        CaseState::Decided => "case-badge decided",
    }
}

/// A state's words.
pub fn state_words(state: CaseState, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => state.label_id(),
        Lang::En => state.label_en(),
    }
}

/// A state's short word, for badges and filters.
pub fn state_short(state: CaseState, lang: Lang) -> &'static str {
    match (state, lang) {
        (CaseState::New, Lang::Id) => "Baru",
        (CaseState::Visited, Lang::Id) => "Sudah dikunjungi",
        (CaseState::Decided, Lang::Id) => "Selesai",
        (CaseState::New, Lang::En) => "New",
        (CaseState::Visited, Lang::En) => "Visited",
        (CaseState::Decided, Lang::En) => "Closed",
    }
}

/// A kind's words.
pub fn kind_words(kind: CaseKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (_, Lang::Id) => kind.label_id(),
        (CaseKind::Usul, Lang::En) => "Proposal",
        (CaseKind::Sanggah, Lang::En) => "Objection",
    }
}

/// Properties of [`CaseRow`].
#[derive(Properties, PartialEq)]
pub struct CaseRowProps {
    /// The case.
    pub line: CaseLine,
    /// Whether it is the one open.
    pub selected: bool,
    /// Opens it.
    pub on_open: Callback<uuid::Uuid>,
    /// The language.
    pub lang: Lang,
}

/// One inbox line, a button opening the case.
#[function_component(CaseRow)]
pub fn case_row(props: &CaseRowProps) -> Html {
    let line = &props.line;
    let lang = props.lang;
    let onclick = {
        let (on_open, id) = (props.on_open.clone(), line.id);
        Callback::from(move |_: MouseEvent| on_open.emit(id))
    };
    let kind_class = match line.kind {
        CaseKind::Usul => "case-kind usul",
        CaseKind::Sanggah => "case-kind sanggah",
    };
    html! {
        <li>
            <button type="button" class={classes!("case-row", props.selected.then_some("selected"))}
                aria-pressed={props.selected.to_string()} onclick={onclick}
                data-testid="case-row" data-case={line.id.to_string()} data-code={line.code.to_string()}
                data-state={state_code(line.state)}>
                <span class="case-row-top">
                    <span class={kind_class}>{ kind_words(line.kind, lang) }</span>
                    <span class="case-code">{ line.code.to_string() }</span>
                    <span class={state_class(line.state)} title={state_words(line.state, lang)}>{ state_short(line.state, lang) }</span>
                </span>
                <span class="case-row-name">{ &line.named }</span>
                <span class="case-row-meta muted small">
                    { format!("{} · {} · {}", line.dusun, line.desa_name, format::date_time(line.filed_at, lang)) }
                </span>
                if line.maybe_duplicate || line.has_photo {
                    <span class="case-row-flags">
                        if line.maybe_duplicate {
                            <span class="case-flag duplicate" data-testid="case-duplicate">{ Text::CaseMaybeDuplicate.get(lang) }</span>
                        }
                        if line.has_photo {
                            <span class="case-flag">{ Text::CaseHasPhoto.get(lang) }</span>
                        }
                    </span>
                }
            </button>
        </li>
    }
}
