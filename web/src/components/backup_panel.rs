//! "Cadangan data tablet": the unsent changes saved to a file, and a file read back, on the
//! field user's map page. A last resort when a tablet cannot reach the server (or is failing):
//! the file is sealed with the owner's password.

use crate::app::{AppContext, publish_counts};
use crate::i18n::Text;
use crate::local::{self, backup};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The backup panel.
#[function_component(BackupPanel)]
pub fn backup_panel() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let file = use_node_ref();
    let password = use_node_ref();
    let message = use_state(|| None::<(bool, String)>);
    let archived = use_state(|| 0usize);
    let old_password = use_node_ref();
    {
        let archived = archived.clone();
        use_effect_with(app.sync.data_version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                archived.set(local::archives().await.len());
            });
        });
    }
    let recover = {
        let (message, app, old_password, archived) = (
            message.clone(),
            app.clone(),
            old_password.clone(),
            archived.clone(),
        );
        Callback::from(move |_| {
            let (message, app, archived) = (message.clone(), app.clone(), archived.clone());
            let Some(secret) = old_password.cast::<HtmlInputElement>() else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                match local::recover_archives(&secret.value()).await {
                    Ok(n) => {
                        secret.set_value("");
                        archived.set(local::archives().await.len());
                        publish_counts(&app);
                        local::sync::wake_soon();
                        message.set(Some((
                            true,
                            format!("{n} {}", Text::BackupImported.get(app.lang)),
                        )));
                    }
                    Err(_) => message.set(Some((
                        false,
                        Text::OldPasswordWrong.get(app.lang).to_owned(),
                    ))),
                }
            });
        })
    };
    let export = {
        let (message, app) = (message.clone(), app.clone());
        Callback::from(move |_| {
            let (message, app) = (message.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(copy) = local::open_copy() else {
                    return;
                };
                message.set(Some(match backup::export(&copy).await {
                    Ok(n) => (true, format!("{n} {}", Text::BackupSaved.get(app.lang))),
                    Err(e) => (false, e.to_string()),
                }));
            });
        })
    };
    let import = {
        let (message, app, file, password) =
            (message.clone(), app.clone(), file.clone(), password.clone());
        Callback::from(move |_| {
            let (message, app) = (message.clone(), app.clone());
            let (Some(input), Some(secret)) = (
                file.cast::<HtmlInputElement>(),
                password.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let Some(copy) = local::open_copy() else {
                    return;
                };
                let outcome = backup::import(&copy, &input, &secret.value()).await;
                message.set(Some(match outcome {
                    Ok(n) => {
                        secret.set_value("");
                        publish_counts(&app);
                        local::sync::wake_soon();
                        (true, format!("{n} {}", Text::BackupImported.get(app.lang)))
                    }
                    Err(e) => (false, e.message(app.lang)),
                }));
            });
        })
    };
    html! {
        <details id="backup" class="backup card" data-testid="backup" open={*archived > 0 || message.is_some()}>
            <summary>{ Text::BackupTitle.get(lang) }</summary>
            if *archived > 0 {
                <div class="notice" data-testid="archived">
                    <p>{ Text::ArchivedCopy.get(lang) }</p>
                    <div class="form-field">
                        <label for="old-password">{ Text::OldPassword.get(lang) }</label>
                        <input id="old-password" ref={old_password} type="password" autocomplete="off" />
                    </div>
                    <button type="button" class="button" onclick={recover} data-testid="recover-archive">
                        { Text::RecoverArchive.get(lang) }
                    </button>
                </div>
            }
            <p class="muted small">{ Text::BackupHint.get(lang) }</p>
            <button type="button" class="button" onclick={export} disabled={app.sync.pending == 0} data-testid="backup-export">
                { Text::BackupExport.get(lang) }
            </button>
            <div class="form-field">
                <label for="backup-file">{ Text::BackupFile.get(lang) }</label>
                <input id="backup-file" ref={file} type="file" accept=".tepat" data-testid="backup-file" />
            </div>
            <div class="form-field">
                <label for="backup-password">{ Text::BackupPassword.get(lang) }</label>
                <input id="backup-password" ref={password} type="password" autocomplete="off" />
            </div>
            <button type="button" class="button" onclick={import} data-testid="backup-import">{ Text::BackupImport.get(lang) }</button>
            if let Some((ok, text)) = (*message).clone() {
                <p class={if ok { "check ok" } else { "field-error" }} data-testid="backup-message">{ text }</p>
            }
        </details>
    }
}
