//! The poverty instrument on the tablet, in short sections of large answer buttons (one tap per
//! answer, a second tap takes it back), with the score and its breakdown recomputed on the tablet
//! by the domain's scheme as answers change. Every answer may stay open: the form is filled over
//! several visits, and the count of open questions says what is left.

use crate::format;
use crate::i18n::{Lang, Text};
use crate::local;
use crate::words;
use tepat_domain::instrument::{
    Asset, CookingFuel, Floor, Instrument, Lighting, Programme, Question, Roof, Spending,
    ToiletAccess, Wall, Water,
};
use tepat_domain::scoring::ScoringScheme;
use tepat_protocol::routes;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`InstrumentForm`].
#[derive(Properties, PartialEq)]
pub struct InstrumentFormProps {
    /// The answers so far.
    pub value: Instrument,
    /// The answers changed.
    pub on_change: Callback<Instrument>,
    /// Members living in the family (spending per person).
    pub household: usize,
    /// Whether the head works, when known (Kepmensos criterion a).
    pub head_working: Option<bool>,
    /// UI language.
    pub lang: Lang,
}

/// An answer type's stable code and Indonesian label.
type Names<T> = (fn(T) -> &'static str, fn(T) -> &'static str);

/// Sets a number answer (`None`: not answered).
type SetNumber = fn(&mut Instrument, Option<u64>);

/// Makes the callback that applies `edit` to a copy of the answers.
fn editor(
    value: &Instrument,
    on_change: &Callback<Instrument>,
    edit: impl Fn(&mut Instrument) + 'static,
) -> Callback<MouseEvent> {
    let (value, on_change) = (value.clone(), on_change.clone());
    Callback::from(move |_| {
        let mut next = value.clone();
        edit(&mut next);
        on_change.emit(next);
    })
}

fn question_head(question: Question, answered: bool, lang: Lang) -> Html {
    html! {
        <legend>
            { words::question(question, lang) }
            if answered { <span class="answered" aria-label={Text::Answered.get(lang)}>{ " ✓" }</span> }
        </legend>
    }
}

/// One question with one answer from a list.
fn single<T: Copy + PartialEq + 'static>(
    question: Question,
    all: &'static [T],
    (code, label): Names<T>,
    current: Option<T>,
    set: fn(&mut Instrument, Option<T>),
    props: &InstrumentFormProps,
) -> Html {
    let chips: Html = all
        .iter()
        .map(|answer| {
            let answer = *answer;
            let chosen = current == Some(answer);
            let onclick = editor(&props.value, &props.on_change, move |i| {
                set(i, (!chosen).then_some(answer))
            });
            html! {
                <button type="button" class="chip" aria-pressed={chosen.to_string()} {onclick}
                    data-testid={format!("q-{question:?}-{}", code(answer))}>
                    { label(answer) }
                </button>
            }
        })
        .collect();
    html! {
        <fieldset class="question" data-testid={format!("question-{question:?}")}>
            { question_head(question, current.is_some(), props.lang) }
            <div class="chips">{ chips }</div>
        </fieldset>
    }
}

/// A yes/no question.
fn yes_no(
    question: Question,
    current: Option<bool>,
    set: fn(&mut Instrument, Option<bool>),
    props: &InstrumentFormProps,
) -> Html {
    let lang = props.lang;
    let chip = |answer: bool, text: Text| {
        let chosen = current == Some(answer);
        let onclick = editor(&props.value, &props.on_change, move |i| {
            set(i, (!chosen).then_some(answer))
        });
        html! {
            <button type="button" class="chip" aria-pressed={chosen.to_string()} {onclick}
                data-testid={format!("q-{question:?}-{answer}")}>
                { text.get(lang) }
            </button>
        }
    };
    html! {
        <fieldset class="question" data-testid={format!("question-{question:?}")}>
            { question_head(question, current.is_some(), lang) }
            <div class="chips">{ chip(true, Text::AnswerYes) }{ chip(false, Text::AnswerNo) }</div>
        </fieldset>
    }
}

/// A question answered by ticking every item that applies, or "none".
fn many<T: Copy + PartialEq + 'static>(
    question: Question,
    all: &'static [T],
    (code, label): Names<T>,
    current: Option<&Vec<T>>,
    set: fn(&mut Instrument, Option<Vec<T>>),
    props: &InstrumentFormProps,
) -> Html {
    let lang = props.lang;
    let ticked: Vec<T> = current.cloned().unwrap_or_default();
    let chips: Html = all
        .iter()
        .map(|item| {
            let item = *item;
            let on = ticked.contains(&item);
            let before = ticked.clone();
            let onclick = editor(&props.value, &props.on_change, move |i| {
                let mut list: Vec<T> = before.iter().copied().filter(|t| *t != item).collect();
                if !on {
                    list.push(item);
                }
                set(i, Some(list));
            });
            html! {
                <button type="button" class="chip" aria-pressed={on.to_string()} {onclick}
                    data-testid={format!("q-{question:?}-{}", code(item))}>
                    { label(item) }
                </button>
            }
        })
        .collect();
    let none_chosen = current.is_some_and(|list| list.is_empty());
    let none = editor(&props.value, &props.on_change, move |i| {
        set(i, (!none_chosen).then(Vec::new))
    });
    html! {
        <fieldset class="question" data-testid={format!("question-{question:?}")}>
            { question_head(question, current.is_some(), lang) }
            <div class="chips">
                { chips }
                <button type="button" class="chip none" aria-pressed={none_chosen.to_string()} onclick={none}
                    data-testid={format!("q-{question:?}-none")}>
                    { Text::NoneOfThese.get(lang) }
                </button>
            </div>
        </fieldset>
    }
}

/// A whole number typed in (empty: not answered).
fn number_input(
    id: &'static str,
    label: String,
    current: Option<u64>,
    set: SetNumber,
    props: &InstrumentFormProps,
) -> Html {
    let (value, on_change) = (props.value.clone(), props.on_change.clone());
    let oninput = Callback::from(move |event: InputEvent| {
        let text: String = event
            .target_unchecked_into::<HtmlInputElement>()
            .value()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let mut next = value.clone();
        set(&mut next, text.parse().ok());
        on_change.emit(next);
    });
    html! {
        <div class="form-field number">
            <label for={id}>{ label }</label>
            <input {id} inputmode="numeric" value={current.map(|n| n.to_string()).unwrap_or_default()}
                {oninput} data-testid={id} />
        </div>
    }
}

/// The score as the answers stand, with its breakdown.
fn score_preview(scheme: &ScoringScheme, props: &InstrumentFormProps) -> Html {
    let lang = props.lang;
    let result = scheme.score(&props.value, props.household, props.head_working);
    let lines: Html = result
        .lines
        .iter()
        .map(|l| html! { <tr><td>{ &l.question }</td><td>{ &l.answer }</td><td class="num">{ format!("{:+}", l.points) }</td></tr> })
        .collect();
    let open = result.unanswered.len();
    html! {
        <section class="score live-score" data-testid="live-score" aria-live="polite">
            <div class="score-facts">
                <span><strong>{ Text::ScoreSoFar.get(lang) }</strong>{ " " }<span data-testid="live-score-total">{ result.total }</span></span>
                if let Some(per_person) = result.per_capita_spending {
                    <span><strong>{ Text::PerPerson.get(lang) }</strong>{ format!(" {}", format::rupiah(per_person)) }</span>
                }
            </div>
            <p class="muted small" data-testid="open-questions">
                { format!("{} {} {} {}", Question::ALL.len() - open, Text::Of.get(lang), Question::ALL.len(), Text::QuestionsAnswered.get(lang)) }
            </p>
            if !result.lines.is_empty() {
                <details>
                    <summary data-testid="live-breakdown-toggle">{ Text::ScoreBreakdown.get(lang) }</summary>
                    <table class="breakdown" data-testid="live-breakdown"><tbody>{ lines }</tbody></table>
                </details>
            }
        </section>
    }
}

/// The instrument's sections and the live score.
#[function_component(InstrumentForm)]
pub fn instrument_form(props: &InstrumentFormProps) -> Html {
    let lang = props.lang;
    // The scheme comes from the server and is kept on the tablet for offline use.
    let scheme = use_state(|| None::<ScoringScheme>);
    {
        let scheme = scheme.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                scheme.set(
                    local::cache::get::<ScoringScheme>(routes::SCORING)
                        .await
                        .ok(),
                );
            });
        });
    }
    let i = &props.value;
    let spending = i.spending;
    let set_total: SetNumber = |i, total| {
        let food = i.spending.map_or(0, |s| s.food);
        i.spending = total.map(|total| Spending { total, food });
    };
    let set_food: SetNumber = |i, food| {
        if let Some(spending) = &mut i.spending {
            spending.food = food.unwrap_or(0);
        }
    };
    let set_land: SetNumber = |i, land| i.land_m2 = land.and_then(|m| u32::try_from(m).ok());
    html! {
        <div class="instrument" data-testid="instrument">
            <section class="instrument-section">
                <h3>{ Text::SectionHouse.get(lang) }</h3>
                { single(Question::Floor, Floor::ALL, (Floor::code, Floor::label_id), i.floor, |i, a| i.floor = a, props) }
                { single(Question::Wall, Wall::ALL, (Wall::code, Wall::label_id), i.wall, |i, a| i.wall = a, props) }
                { single(Question::Roof, Roof::ALL, (Roof::code, Roof::label_id), i.roof, |i, a| i.roof = a, props) }
            </section>
            <section class="instrument-section">
                <h3>{ Text::SectionUtilities.get(lang) }</h3>
                { single(Question::Water, Water::ALL, (Water::code, Water::label_id), i.water, |i, a| i.water = a, props) }
                { single(Question::Lighting, Lighting::ALL, (Lighting::code, Lighting::label_id), i.lighting, |i, a| i.lighting = a, props) }
                { single(Question::CookingFuel, CookingFuel::ALL, (CookingFuel::code, CookingFuel::label_id), i.cooking_fuel, |i, a| i.cooking_fuel = a, props) }
                { single(Question::Toilet, ToiletAccess::ALL, (ToiletAccess::code, ToiletAccess::label_id), i.toilet, |i, a| i.toilet = a, props) }
            </section>
            <section class="instrument-section">
                <h3>{ Text::SectionNeeds.get(lang) }</h3>
                { yes_no(Question::NoShelter, i.no_shelter, |i, a| i.no_shelter = a, props) }
                { yes_no(Question::FoodInsecure, i.food_insecure, |i, a| i.food_insecure = a, props) }
                { yes_no(Question::NoClothesSpending, i.no_clothes_spending, |i, a| i.no_clothes_spending = a, props) }
            </section>
            <section class="instrument-section">
                <h3>{ Text::SectionAssets.get(lang) }</h3>
                { many(Question::Assets, Asset::ALL, (Asset::code, Asset::label_id), i.assets.as_ref(), |i, a| i.assets = a, props) }
                { number_input("land-m2", format!("{} (m²)", words::question(Question::Land, lang)), i.land_m2.map(u64::from), set_land, props) }
                { many(Question::Programmes, Programme::ALL, (Programme::code, Programme::label_id), i.programmes.as_ref(), |i, a| i.programmes = a, props) }
            </section>
            <section class="instrument-section">
                <h3>{ words::question(Question::Spending, lang) }</h3>
                <div class="form-row">
                    { number_input("spending-total", Text::SpendingTotal.get(lang).to_owned(), spending.map(|s| s.total), set_total, props) }
                    if spending.is_some() {
                        { number_input("spending-food", Text::SpendingFood.get(lang).to_owned(), spending.map(|s| s.food), set_food, props) }
                    }
                </div>
            </section>
            if let Some(scheme) = &*scheme {
                { score_preview(scheme, props) }
            }
        </div>
    }
}
