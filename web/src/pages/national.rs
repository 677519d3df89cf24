//! "Kirim ke pusat": the Dinas operator's page for the national system. The ratified batch
//! (count per desa), its download as CSV or XLSX (exactly the batch shown: the link carries the
//! batch's moment), "Tandai sudah dikirim" for exactly those proposals, and the upload of the
//! national result with the server's report (accepted, rejected, rows not understood). The
//! server decides everything; see `docs/national-exchange.md`.

use crate::api::{self, ApiFailure};
use crate::app::{AppContext, Route};
use crate::components::topbar::TopBar;
use crate::format;
use crate::i18n::Text;
use js_sys::Uint8Array;
use tepat_domain::Role;
use tepat_protocol::{MarkSent, MarkedSent, NationalBatch, NationalResultReport, routes};
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The chosen file's bytes (`static/vault.js`), undefined when none is chosen.
    #[wasm_bindgen(js_namespace = tepatVault, js_name = readChosen, catch)]
    async fn js_read_chosen(input: &HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// What the batch request has given.
#[derive(Debug, Clone, PartialEq)]
enum Batch {
    Loading,
    Loaded(NationalBatch),
    Failed(ApiFailure),
}

/// Where the result upload stands.
#[derive(Debug, Clone, PartialEq)]
enum Upload {
    Idle,
    Running,
    Done(NationalResultReport),
    Failed(String),
}

fn export_link(batch: &NationalBatch, format: &str) -> String {
    api::with_query(
        routes::NATIONAL_EXPORT,
        &[("format", format), ("until", &batch.as_of.to_string())],
    )
}

/// The page.
#[function_component(NationalPage)]
pub fn national_page() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let batch = use_state(|| Batch::Loading);
    let downloaded = use_state(|| false);
    let marking = use_state(|| false);
    let marked = use_state(|| None::<Result<u32, String>>);
    let upload = use_state(|| Upload::Idle);
    let file = use_node_ref();
    let reload = {
        let batch = batch.clone();
        Callback::from(move |_: ()| {
            let batch = batch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                batch.set(
                    match api::get::<NationalBatch>(routes::NATIONAL_BATCH).await {
                        Ok(b) => Batch::Loaded(b),
                        Err(e) => Batch::Failed(e),
                    },
                );
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(()));
    }
    let Some(user) = app.user().cloned() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    if user.role != Role::OperatorDinas {
        return html! { <Redirect<Route> to={Route::Map} /> };
    }
    let on_download = {
        let downloaded = downloaded.clone();
        Callback::from(move |_: MouseEvent| downloaded.set(true))
    };
    let mark_sent = {
        let (batch, marking, marked, downloaded, reload, app) = (
            batch.clone(),
            marking.clone(),
            marked.clone(),
            downloaded.clone(),
            reload.clone(),
            app.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Batch::Loaded(current) = (*batch).clone() else {
                return;
            };
            let question = Text::NationalMarkConfirm
                .get(app.lang)
                .replace("{n}", &format::number(current.proposals.len() as u64));
            if !gloo::dialogs::confirm(&question) {
                return;
            }
            let (marking, marked, downloaded, reload, app) = (
                marking.clone(),
                marked.clone(),
                downloaded.clone(),
                reload.clone(),
                app.clone(),
            );
            marking.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let request = MarkSent {
                    proposals: current.proposals,
                };
                let answer =
                    api::post::<MarkSent, MarkedSent>(routes::NATIONAL_SENT, &request).await;
                marked.set(Some(
                    answer.map(|m| m.sent).map_err(|e| e.message(app.lang)),
                ));
                marking.set(false);
                downloaded.set(false);
                reload.emit(());
            });
        })
    };
    let send_result = {
        let (upload, file, app) = (upload.clone(), file.clone(), app.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(input) = file.cast::<HtmlInputElement>() else {
                return;
            };
            let (upload, app) = (upload.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let chosen = js_read_chosen(&input).await.unwrap_or(JsValue::UNDEFINED);
                if chosen.is_undefined() {
                    upload.set(Upload::Failed(
                        Text::NationalNoFile.get(app.lang).to_owned(),
                    ));
                    return;
                }
                upload.set(Upload::Running);
                let bytes = Uint8Array::new(&chosen).to_vec();
                upload.set(
                    match api::post_bytes::<NationalResultReport>(routes::NATIONAL_RESULT, &bytes)
                        .await
                    {
                        Ok(report) => Upload::Done(report),
                        Err(e) => Upload::Failed(e.message(app.lang)),
                    },
                );
            });
        })
    };

    let batch_html = match &*batch {
        Batch::Loading => html! { <p class="muted">{ Text::Loading.get(lang) }</p> },
        Batch::Failed(e) => html! { <p class="field-error">{ e.message(lang) }</p> },
        Batch::Loaded(b) if b.proposals.is_empty() => html! {
            <div class="empty-state" data-testid="national-empty">
                <p><strong>{ Text::NationalEmpty.get(lang) }</strong></p>
                <p class="muted">{ Text::NationalEmptyHint.get(lang) }</p>
            </div>
        },
        Batch::Loaded(b) => html! {
            <>
                <p class="national-count" data-testid="national-count">
                    <strong>{ format::number(b.proposals.len() as u64) }</strong>
                    { format!(" {} · {} {}", Text::NationalWaiting.get(lang), format::number(b.rows as u64), Text::NationalRows.get(lang)) }
                </p>
                <div class="table-wrap">
                    <table class="members national-desa" data-testid="national-desa">
                        <thead><tr>
                            <th>{ Text::NationalDesa.get(lang) }</th>
                            <th class="num">{ Text::NationalProposals.get(lang) }</th>
                            <th class="num">{ Text::NationalMembers.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for b.desa.iter().map(|d| html! {
                                <tr>
                                    <td>{ d.desa.display_name() }</td>
                                    <td class="num">{ format::number(d.proposals as u64) }</td>
                                    <td class="num">{ format::number(d.members as u64) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="muted small">{ Text::NationalFullNik.get(lang) }</p>
                <div class="national-actions">
                    <a class="button" href={export_link(b, "csv")} download="" onclick={on_download.clone()} data-testid="download-csv">
                        { Text::NationalDownloadCsv.get(lang) }
                    </a>
                    <a class="button" href={export_link(b, "xlsx")} download="" onclick={on_download} data-testid="download-xlsx">
                        { Text::NationalDownloadXlsx.get(lang) }
                    </a>
                    <button type="button" class="button primary" onclick={mark_sent}
                        disabled={!*downloaded || *marking} data-testid="mark-sent">
                        { Text::NationalMarkSent.get(lang) }
                    </button>
                </div>
                if !*downloaded {
                    <p class="muted small">{ Text::NationalMarkHint.get(lang) }</p>
                }
            </>
        },
    };
    let marked_html = match &*marked {
        None => html! {},
        Some(Ok(n)) => html! {
            <p class="check ok" data-testid="marked">{ format!("{} {}", format::number(*n as u64), Text::NationalMarked.get(lang)) }</p>
        },
        Some(Err(message)) => {
            html! { <p class="field-error" data-testid="marked">{ message.clone() }</p> }
        }
    };
    let report_html = match &*upload {
        Upload::Idle => html! {},
        Upload::Running => html! {
            <div data-testid="upload-running">
                <p class="muted">{ Text::NationalUploading.get(lang) }</p>
                <progress class="upload-progress" aria-label={Text::NationalUploading.get(lang)} />
            </div>
        },
        Upload::Failed(message) => {
            html! { <p class="field-error" data-testid="result-error">{ message.clone() }</p> }
        }
        Upload::Done(report) => {
            let line = |n: u32, text: Text| {
                (n > 0).then(|| html! { <li>{ format!("{} {}", format::number(n as u64), text.get(lang)) }</li> })
            };
            html! {
                <div class="national-report" data-testid="result-report">
                    if report.applied {
                        <p class="check ok">{ Text::NationalApplied.get(lang) }</p>
                    } else {
                        <p class="check error">{ Text::NationalNotApplied.get(lang) }</p>
                    }
                    <ul>
                        { for line(report.accepted, Text::NationalAccepted) }
                        { for line(report.rejected, Text::NationalRejected) }
                        { for line(report.already, Text::NationalAlready) }
                        { for line(report.pending, Text::NationalPending) }
                    </ul>
                    if !report.problems.is_empty() {
                        <h3>{ Text::NationalProblems.get(lang) }</h3>
                        <div class="table-wrap">
                            <table class="members" data-testid="result-problems">
                                <thead><tr>
                                    <th class="num">{ Text::NationalRow.get(lang) }</th>
                                    <th>{ Text::NationalReason.get(lang) }</th>
                                </tr></thead>
                                <tbody>
                                    { for report.problems.iter().map(|p| html! {
                                        <tr><td class="num">{ p.row }</td><td>{ p.reason.clone() }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                </div>
            }
        }
    };
    html! {
        <div class="page page-scroll">
            <TopBar />
            <main class="national-page pad">
                <section class="card national-section" data-testid="national-batch">
                    <h2>{ Text::NationalTitle.get(lang) }</h2>
                    <p class="muted">{ Text::NationalIntro.get(lang) }</p>
                    { batch_html }
                    { marked_html }
                </section>
                <section class="card national-section" data-testid="national-result">
                    <h2>{ Text::NationalResultTitle.get(lang) }</h2>
                    <p class="muted">{ Text::NationalResultHint.get(lang) }</p>
                    <label for="result-file">{ Text::NationalResultFile.get(lang) }</label>
                    <input id="result-file" ref={file} type="file" accept=".csv,.xlsx,text/csv" data-testid="result-file" />
                    <button type="button" class="button primary" onclick={send_result}
                        disabled={*upload == Upload::Running} data-testid="upload-result">
                        { Text::NationalUpload.get(lang) }
                    </button>
                    { report_html }
                </section>
            </main>
        </div>
    }
}
