//! Today's time windows, so users see a closed window (and when it opens) before they try a
//! step that needs it. The server enforces the same windows.

use crate::app::AppContext;
use crate::format;
use crate::i18n::{Lang, Text};
use tepat_domain::windows::{WindowKind, WindowStatus};
use tepat_protocol::WindowsView;
use yew::prelude::*;

/// Props of [`WindowsStrip`].
#[derive(Properties, PartialEq)]
pub struct WindowsStripProps {
    /// The windows as the server computed them for today.
    pub windows: WindowsView,
}

fn label(kind: WindowKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (k, Lang::Id) => k.label_id(),
        (WindowKind::Verification, Lang::En) => "Verification",
        (WindowKind::Ratification, Lang::En) => "Ratification",
        (WindowKind::BansosProposal, Lang::En) => "Bansos proposals",
        (WindowKind::PbiJkProposal, Lang::En) => "PBI-JK proposals",
    }
}

/// The strip.
#[function_component(WindowsStrip)]
pub fn windows_strip(props: &WindowsStripProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let items: Html = props
        .windows
        .windows
        .iter()
        .filter(|w| w.kind != WindowKind::Verification)
        .map(|w| {
            let (class, text) = match w.status {
                WindowStatus::Always => ("open", Text::WindowAlways.get(lang).to_owned()),
                WindowStatus::Open { until } => (
                    "open",
                    format!(
                        "{} {}",
                        Text::WindowOpenUntil.get(lang),
                        format::date(until, lang)
                    ),
                ),
                WindowStatus::Closed { opens_on } => (
                    "closed",
                    format!(
                        "{} {}",
                        Text::WindowClosedUntil.get(lang),
                        format::date(opens_on, lang)
                    ),
                ),
            };
            html! {
                <li class={classes!("window", class)} title={w.rule.clone()}>
                    <strong>{ label(w.kind, lang) }</strong>{ ": " }{ text }
                </li>
            }
        })
        .collect();
    // A schedule kept from an earlier day (a tablet offline since) says which day it is for.
    let today = tepat_domain::windows::Zone::Wib.local_date(jiff::Timestamp::now());
    let title = if props.windows.today == today {
        format!(
            "{} ({})",
            Text::ScheduleToday.get(lang),
            format::date(props.windows.today, lang)
        )
    } else {
        format!(
            "{} {}",
            Text::ScheduleOf.get(lang),
            format::date(props.windows.today, lang)
        )
    };
    html! {
        <section class="windows-strip" data-testid="windows">
            <span class="windows-title" data-testid="windows-title">{ title }</span>
            <ul>{ items }</ul>
        </section>
    }
}
