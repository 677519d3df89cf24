//! "Impor data" (`/impor`): the Dinas operator's imports. Choose the kind (families, BPS poor
//! population, desa list) and a CSV/XLSX file; the file is uploaded in resumable chunks with a
//! progress bar, checked by the server (an indeterminate bar meanwhile) and shown as a report:
//! counts, every bad row (row, column, problem), the desa names to confirm each with a choice
//! of candidates. "Terapkan" is enabled only when nothing is wrong and every name is chosen;
//! the server applies all or nothing and answers the result. See `docs/imports.md`.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::{Lang, Text};
use js_sys::{Array, Uint8Array};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;
use tepat_domain::{RegionCode, Role};
use tepat_protocol::{
    ImportKind, ImportPhase, ImportProgress, ImportReport, ImportRequest, NameChoice, UploadStatus,
    routes,
};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The chosen file as [bytes, sha256, name] (`static/photo.js`), undefined when none.
    #[wasm_bindgen(js_namespace = tepatPhoto, js_name = file, catch)]
    async fn js_file(input: &HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// Bytes per upload request (the server takes up to 512 KiB).
const CHUNK_BYTES: usize = 256 * 1024;

/// The file being imported.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    hash: String,
    name: String,
}

/// Where the page stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Uploading(u32),
    Checking,
    Report(ImportReport),
    Applying(ImportReport),
    Failed(String),
}

/// Uploads `bytes` named `hash`, resuming where the server got to; `progress` hears percents.
async fn upload(bytes: &[u8], hash: &str, progress: impl Fn(u32)) -> Result<(), ApiFailure> {
    let path = routes::import_file_path(hash);
    let mut status: UploadStatus =
        api::get(&routes::IMPORT_FILE_STATUS.replace("{hash}", hash)).await?;
    let total = bytes.len();
    while !status.complete {
        let from = usize::try_from(status.received).unwrap_or(total).min(total);
        if from == total {
            return Err(ApiFailure::Unreadable);
        }
        progress((from * 100 / total.max(1)) as u32);
        let to = (from + CHUNK_BYTES).min(total);
        let query = api::with_query(
            &path,
            &[("offset", &from.to_string()), ("total", &total.to_string())],
        );
        status = api::put_bytes(&query, &bytes[from..to]).await?;
    }
    progress(100);
    Ok(())
}

fn kind_hint(kind: ImportKind) -> Text {
    match kind {
        ImportKind::Families => Text::ImportHintFamilies,
        ImportKind::PoorPopulation => Text::ImportHintPoor,
        ImportKind::DesaList => Text::ImportHintDesa,
    }
}

fn kind_code(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Families => "families",
        ImportKind::PoorPopulation => "poor",
        ImportKind::DesaList => "desa",
    }
}

/// Whether "Terapkan" may be pressed for `report` with `choices` made.
fn can_apply(report: &ImportReport, choices: &BTreeMap<String, String>) -> bool {
    report.applied.is_none()
        && report.problems_total == 0
        && report
            .questions
            .iter()
            .all(|q| choices.get(&q.asked).is_some_and(|c| !c.is_empty()))
}

/// The choices a new report starts with: the likely candidate of each question.
fn preselect(report: &ImportReport, choices: &mut BTreeMap<String, String>) {
    for question in &report.questions {
        if let Some(likely) = &question.likely {
            choices
                .entry(question.asked.clone())
                .or_insert_with(|| likely.to_string());
        }
    }
}

fn request(kind: ImportKind, chosen: &Chosen, choices: &BTreeMap<String, String>) -> ImportRequest {
    ImportRequest {
        kind,
        file: chosen.hash.clone(),
        file_name: chosen.name.clone(),
        choices: choices
            .iter()
            .filter_map(|(asked, code)| {
                RegionCode::parse(code).ok().map(|chosen| NameChoice {
                    asked: asked.clone(),
                    chosen,
                })
            })
            .collect(),
    }
}

/// While `running` holds, asks the server every 700 ms how far the file's check or apply has
/// come and shows it.
fn poll_progress(
    hash: String,
    shown: UseStateHandle<Option<ImportProgress>>,
    running: Rc<Cell<bool>>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let path = routes::import_progress_path(&hash);
        while running.get() {
            crate::app::sleep(700).await;
            if !running.get() {
                break;
            }
            if let Ok(progress) = api::get::<ImportProgress>(&path).await
                && running.get()
            {
                shown.set(Some(progress));
            }
        }
        shown.set(None);
    });
}

/// The server's progress as a bar: a determinate one while families are checked.
fn server_progress(
    progress: Option<ImportProgress>,
    fallback: Text,
    testid: &'static str,
    lang: Lang,
) -> Html {
    let (words, value) = match progress {
        Some(ImportProgress {
            phase: ImportPhase::Checking,
            done,
            total,
        }) if total > 0 => (
            Text::ImportCheckedOf
                .get(lang)
                .replace("{done}", &format::number(u64::from(done)))
                .replace("{total}", &format::number(u64::from(total))),
            Some((done, total)),
        ),
        Some(ImportProgress {
            phase: ImportPhase::Writing,
            total,
            ..
        }) => (
            Text::ImportWritingAll
                .get(lang)
                .replace("{total}", &format::number(u64::from(total))),
            None,
        ),
        _ => (fallback.get(lang).to_owned(), None),
    };
    html! {
        <div class="import-progress" data-testid={testid}>
            <p class="muted" data-testid="import-progress-words">{ words.clone() }</p>
            if let Some((done, total)) = value {
                <progress class="upload-progress" max={total.to_string()} value={done.to_string()} aria-label={words} />
            } else {
                <progress class="upload-progress" aria-label={words} />
            }
        </div>
    }
}

/// The page.
#[function_component(ImportPage)]
pub fn import_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let kind = use_state(|| ImportKind::Families);
    let phase = use_state(|| Phase::Idle);
    let chosen = use_state(|| None::<Chosen>);
    let choices = use_state(BTreeMap::<String, String>::new);
    let file = use_node_ref();
    let progress = use_state(|| None::<ImportProgress>);
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    if user.role != Role::OperatorDinas {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let busy = matches!(
        *phase,
        Phase::Uploading(_) | Phase::Checking | Phase::Applying(_)
    );

    let choose_kind = |k: ImportKind, label: Text| {
        let (kind, phase, chosen, choices) =
            (kind.clone(), phase.clone(), chosen.clone(), choices.clone());
        let pressed = *kind == k;
        html! {
            <button type="button" class="segment" aria-pressed={pressed.to_string()}
                data-testid={format!("import-kind-{}", kind_code(k))} disabled={busy}
                onclick={Callback::from(move |_: MouseEvent| {
                    kind.set(k);
                    phase.set(Phase::Idle);
                    chosen.set(None);
                    choices.set(BTreeMap::new());
                })}>
                { label.get(lang) }
            </button>
        }
    };

    let check = {
        let (kind, phase, chosen, choices, file) = (
            kind.clone(),
            phase.clone(),
            chosen.clone(),
            choices.clone(),
            file.clone(),
        );
        let shown = progress.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(input) = file.cast::<HtmlInputElement>() else {
                return;
            };
            let (kind, phase, chosen, choices) =
                (*kind, phase.clone(), chosen.clone(), choices.clone());
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let picked = js_file(&input).await.unwrap_or(JsValue::UNDEFINED);
                if picked.is_undefined() {
                    phase.set(Phase::Failed(Text::ImportNoFile.get(lang).to_owned()));
                    return;
                }
                let parts = Array::from(&picked);
                let bytes = Uint8Array::new(&parts.get(0)).to_vec();
                let hash: String = Uint8Array::new(&parts.get(1))
                    .to_vec()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                let file = Chosen {
                    hash,
                    name: parts.get(2).as_string().unwrap_or_default(),
                };
                phase.set(Phase::Uploading(0));
                let progress = {
                    let phase = phase.clone();
                    move |pct: u32| phase.set(Phase::Uploading(pct))
                };
                if let Err(e) = upload(&bytes, &file.hash, progress).await {
                    phase.set(Phase::Failed(e.message(lang)));
                    return;
                }
                phase.set(Phase::Checking);
                let running = Rc::new(Cell::new(true));
                poll_progress(file.hash.clone(), shown, running.clone());
                let mut made = BTreeMap::new();
                let asked = request(kind, &file, &made);
                let answer =
                    api::post::<ImportRequest, ImportReport>(routes::IMPORT_CHECK, &asked).await;
                running.set(false);
                match answer {
                    Ok(report) => {
                        preselect(&report, &mut made);
                        choices.set(made);
                        chosen.set(Some(file));
                        phase.set(Phase::Report(report));
                    }
                    Err(e) => phase.set(Phase::Failed(e.message(lang))),
                }
            });
        })
    };

    let apply = {
        let (kind, phase, chosen, choices) =
            (kind.clone(), phase.clone(), chosen.clone(), choices.clone());
        let shown = progress.clone();
        Callback::from(move |_: MouseEvent| {
            let (Phase::Report(report), Some(file)) = ((*phase).clone(), (*chosen).clone()) else {
                return;
            };
            let asked = request(*kind, &file, &choices);
            let phase = phase.clone();
            phase.set(Phase::Applying(report.clone()));
            let running = Rc::new(Cell::new(true));
            poll_progress(file.hash.clone(), shown.clone(), running.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer =
                    api::post::<ImportRequest, ImportReport>(routes::IMPORT_APPLY, &asked).await;
                running.set(false);
                match answer {
                    Ok(answer) => phase.set(Phase::Report(answer)),
                    Err(e) => phase.set(Phase::Failed(e.message(lang))),
                }
            });
        })
    };

    let reset = {
        let (phase, chosen, choices, file) =
            (phase.clone(), chosen.clone(), choices.clone(), file.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file.cast::<HtmlInputElement>() {
                input.set_value("");
            }
            phase.set(Phase::Idle);
            chosen.set(None);
            choices.set(BTreeMap::new());
        })
    };

    let progress_html = match &*phase {
        Phase::Uploading(pct) => html! {
            <div class="import-progress" data-testid="import-uploading">
                <p class="muted">{ format!("{} {pct}%", Text::ImportUploading.get(lang)) }</p>
                <progress class="upload-progress" max="100" value={pct.to_string()}
                    aria-label={Text::ImportUploading.get(lang)} />
            </div>
        },
        Phase::Checking => {
            server_progress(*progress, Text::ImportChecking, "import-checking", lang)
        }
        Phase::Applying(_) => {
            server_progress(*progress, Text::ImportApplying, "import-applying", lang)
        }
        Phase::Failed(message) => html! {
            <p class="field-error" role="alert" data-testid="import-error">{ message.clone() }</p>
        },
        _ => html! {},
    };

    let report_html = match &*phase {
        Phase::Idle | Phase::Failed(_) | Phase::Uploading(_) | Phase::Checking => html! {
            <div class="empty-state" data-testid="import-empty">
                <p><strong>{ Text::ImportEmpty.get(lang) }</strong></p>
                <p class="muted">{ Text::ImportEmptyHint.get(lang) }</p>
            </div>
        },
        Phase::Report(report) | Phase::Applying(report) => {
            let applying = matches!(*phase, Phase::Applying(_));
            let name = chosen.as_ref().map(|c| c.name.clone()).unwrap_or_default();
            report_view(
                report,
                &name,
                lang,
                &choices,
                applying,
                apply.clone(),
                reset.clone(),
            )
        }
    };

    html! {
        <div class="page page-scroll">
            <TopBar />
            <main class="national-page import-page pad">
                <section class="card national-section" data-testid="import-form">
                    <h2>{ Text::ImportTitle.get(lang) }</h2>
                    <p class="muted">{ Text::ImportIntro.get(lang) }</p>
                    <p class="import-label">{ Text::ImportKindLabel.get(lang) }</p>
                    <div class="segmented import-kinds" role="group" aria-label={Text::ImportKindLabel.get(lang)}>
                        { choose_kind(ImportKind::Families, Text::ImportKindFamilies) }
                        { choose_kind(ImportKind::PoorPopulation, Text::ImportKindPoor) }
                        { choose_kind(ImportKind::DesaList, Text::ImportKindDesa) }
                    </div>
                    <p class="muted small import-hint" data-testid="import-hint">{ kind_hint(*kind).get(lang) }</p>
                    <label for="import-file" class="import-label">{ Text::ImportFileLabel.get(lang) }</label>
                    <input id="import-file" ref={file} type="file" disabled={busy}
                        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        data-testid="import-file" />
                    <div class="national-actions">
                        <button type="button" class="button primary" onclick={check} disabled={busy}
                            data-testid="import-check">
                            { Text::ImportCheck.get(lang) }
                        </button>
                    </div>
                    { progress_html }
                </section>
                <section class="card national-section" data-testid="import-report-section">
                    { report_html }
                </section>
            </main>
        </div>
    }
}

fn report_view(
    report: &ImportReport,
    file_name: &str,
    lang: Lang,
    choices: &UseStateHandle<BTreeMap<String, String>>,
    applying: bool,
    apply: Callback<MouseEvent>,
    reset: Callback<MouseEvent>,
) -> Html {
    let n = |v: u32| format::number(u64::from(v));
    if let Some(result) = &report.applied {
        let desa_only = report.kind != ImportKind::Families;
        return html! {
            <div class="import-result" data-testid="import-result" data-file={report.file.clone()}>
                <h2>{ format!("{}: {}", Text::ImportResultTitle.get(lang), file_name) }</h2>
                <p class="check ok import-result-line">
                    if desa_only {
                        { format!("{} {}", n(result.desa), Text::ImportAppliedDesa.get(lang)) }
                    } else {
                        { format!("{} {} ({} {})", n(result.families), Text::ImportAppliedFamilies.get(lang), n(result.members), Text::ImportMembersNew.get(lang)) }
                    }
                </p>
                if result.known > 0 {
                    <p class="muted">{ format!("{} {}", n(result.known), Text::ImportKnown.get(lang)) }</p>
                }
                if result.repeated {
                    <p class="muted" data-testid="import-repeated">{ Text::ImportRepeated.get(lang) }</p>
                }
                <button type="button" class="button" onclick={reset} data-testid="import-another">
                    { Text::ImportAnother.get(lang) }
                </button>
            </div>
        };
    }
    let ready = can_apply(report, choices);
    let summary = {
        let mut parts = vec![format!(
            "{} {}",
            n(report.rows),
            Text::ImportRowsRead.get(lang)
        )];
        if report.kind == ImportKind::Families {
            parts.push(format!(
                "{} {}",
                n(report.families),
                Text::ImportFamiliesNew.get(lang)
            ));
            parts.push(format!(
                "{} {}",
                n(report.members),
                Text::ImportMembersNew.get(lang)
            ));
        }
        parts.push(format!(
            "{} {}",
            n(report.lines.len() as u32),
            Text::ImportDesaCount.get(lang)
        ));
        parts.join(" · ")
    };
    let problems_html = (report.problems_total > 0).then(|| {
        let shown = Text::ImportShownOf
            .get(lang)
            .replace("{shown}", &n(report.problems.len() as u32))
            .replace("{total}", &n(report.problems_total));
        html! {
            <div class="import-problems">
                <h3>{ format!("{} ({})", Text::ImportProblemsTitle.get(lang), n(report.problems_total)) }</h3>
                <p class="check error">{ Text::ImportProblemsHint.get(lang) }</p>
                if (report.problems.len() as u32) < report.problems_total {
                    <p class="muted small">{ shown }</p>
                }
                <div class="table-wrap">
                    <table class="members import-problem-table" data-testid="import-problems">
                        <thead><tr>
                            <th class="num">{ Text::ImportRow.get(lang) }</th>
                            <th>{ Text::ImportColumn.get(lang) }</th>
                            <th>{ Text::ImportProblem.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for report.problems.iter().map(|p| html! {
                                <tr>
                                    <td class="num">{ p.row }</td>
                                    <td class="import-column">{ if p.column.is_empty() { "—".to_owned() } else { p.column.clone() } }</td>
                                    <td>{ p.message.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </div>
        }
    });
    let questions_html = (!report.questions.is_empty()).then(|| {
        html! {
            <div class="import-questions" data-testid="import-questions">
                <h3>{ Text::ImportQuestionsTitle.get(lang) }</h3>
                <p class="muted">{ Text::ImportQuestionsHint.get(lang) }</p>
                { for report.questions.iter().map(|q| {
                    let current = choices.get(&q.asked).cloned().unwrap_or_default();
                    let onchange = {
                        let (choices, asked) = (choices.clone(), q.asked.clone());
                        Callback::from(move |e: Event| {
                            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                            let mut next = (*choices).clone();
                            next.insert(asked.clone(), value);
                            choices.set(next);
                        })
                    };
                    let id = format!("q-{}", q.row);
                    html! {
                        <div class="import-question form-field" data-testid="import-question">
                            <label for={id.clone()}>
                                <strong>{ format!("\u{201c}{}\u{201d}", q.asked) }</strong>
                                { format!(" · {} {} · {} {}", Text::ImportRow.get(lang), q.row, n(q.uses), Text::ImportUses.get(lang)) }
                            </label>
                            <select id={id} {onchange} disabled={applying}>
                                <option value="" selected={current.is_empty()}>{ Text::ImportChoose.get(lang) }</option>
                                { for q.candidates.iter().map(|c| {
                                    let code = c.desa.code.to_string();
                                    html! {
                                        <option value={code.clone()} selected={current == code}>
                                            { format!("{} → {}, Kec. {} ({})", q.asked, c.desa.name, c.kecamatan, c.desa.code) }
                                        </option>
                                    }
                                }) }
                            </select>
                        </div>
                    }
                }) }
            </div>
        }
    });
    let known_html = (!report.known.is_empty()).then(|| {
        html! {
            <details class="import-known" data-testid="import-known">
                <summary>{ format!("{} {}", n(report.known.len() as u32), Text::ImportKnown.get(lang)) }</summary>
                <ul>
                    { for report.known.iter().map(|k| html! {
                        <li>{ format!("{} {} · KK {} · {}", Text::ImportRow.get(lang), k.row, k.kk_masked, k.desa.display_name()) }</li>
                    }) }
                </ul>
            </details>
        }
    });
    let lines_html = (!report.lines.is_empty()).then(|| {
        html! {
            <details class="import-lines">
                <summary>{ Text::ImportPerDesa.get(lang) }</summary>
                <div class="table-wrap">
                    <table class="members" data-testid="import-lines">
                        <thead><tr>
                            <th>{ Text::NationalDesa.get(lang) }</th>
                            <th class="num">{ Text::ImportCount.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for report.lines.iter().map(|l| html! {
                                <tr><td>{ l.desa.display_name() }</td><td class="num">{ n(l.count) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        }
    });
    html! {
        <div class="import-report" data-testid="import-report" data-file={report.file.clone()}>
            <h2>{ format!("{}: {}", Text::ImportReportTitle.get(lang), file_name) }</h2>
            <p class="national-count" data-testid="import-summary">{ summary }</p>
            if report.problems_total == 0 && report.questions.is_empty() {
                <p class="check ok">{ Text::ImportReady.get(lang) }</p>
            }
            { for problems_html }
            { for questions_html }
            { for known_html }
            { for lines_html }
            <div class="national-actions">
                <button type="button" class="button primary" onclick={apply}
                    disabled={!ready || applying} data-testid="import-apply">
                    { Text::ImportApply.get(lang) }
                </button>
                <button type="button" class="button" onclick={reset} disabled={applying}>
                    { Text::ImportAnother.get(lang) }
                </button>
            </div>
            if !ready {
                <p class="muted small" data-testid="import-apply-hint">{ Text::ImportApplyBlocked.get(lang) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_protocol::{Candidate, ImportProblem, NameQuestion, RegionRef};

    fn report() -> ImportReport {
        let desa = |code: &str, name: &str| Candidate {
            desa: RegionRef {
                code: RegionCode::parse(code).unwrap(),
                name: name.into(),
                level: tepat_domain::RegionLevel::Desa,
            },
            kecamatan: "Geger".into(),
        };
        ImportReport {
            kind: ImportKind::DesaList,
            file: "ab".repeat(32),
            rows: 2,
            families: 0,
            members: 0,
            lines: vec![],
            known: vec![],
            problems: vec![],
            problems_total: 0,
            questions: vec![
                NameQuestion {
                    asked: "Banyoning Laok".into(),
                    row: 1,
                    uses: 1,
                    likely: Some(RegionCode::parse("35.26.06.2002").unwrap()),
                    candidates: vec![desa("35.26.06.2002", "Banyoneng Laok")],
                },
                NameQuestion {
                    asked: "Campor".into(),
                    row: 2,
                    uses: 1,
                    likely: None,
                    candidates: vec![desa("35.26.06.2010", "Campor")],
                },
            ],
            ready: false,
            applied: None,
        }
    }

    #[test]
    fn apply_waits_for_every_choice_and_a_clean_file() {
        let mut report = report();
        let mut choices = BTreeMap::new();
        preselect(&report, &mut choices);
        assert_eq!(choices.len(), 1, "only the likely one is pre-selected");
        assert!(!can_apply(&report, &choices));
        choices.insert("Campor".into(), "35.26.06.2010".into());
        assert!(can_apply(&report, &choices));
        let asked = request(
            ImportKind::DesaList,
            &Chosen {
                hash: report.file.clone(),
                name: "lokus.txt".into(),
            },
            &choices,
        );
        assert_eq!(asked.choices.len(), 2);
        report.problems_total = 1;
        report.problems.push(ImportProblem {
            row: 3,
            column: "DESA".into(),
            message: "x".into(),
        });
        assert!(!can_apply(&report, &choices));
    }
}
