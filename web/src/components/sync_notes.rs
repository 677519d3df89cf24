//! What sync has to tell about one family on a field user's tablet: conflicts that were resolved
//! (which value is in force, which one lost, and a button to restore the loser) and changes the
//! server refused, with its reason. Shown at the top of the family's detail.

use crate::app::{AppContext, publish_counts};
use crate::format;
use crate::i18n::{Lang, Text};
use crate::local;
use tepat_domain::family::Address;
use tepat_domain::{FamilyId, HouseLocation, Kk, Member};
use tepat_sync::{ConflictSide, FieldPath};
use yew::prelude::*;

/// A field's name for people.
fn field_label(path: &FieldPath, lang: Lang) -> String {
    let (id, en) = match path.0.as_str() {
        "kk" => ("Nomor KK", "KK number"),
        "desa" => ("Desa", "Village"),
        "address" => ("Alamat", "Address"),
        "location" => ("Titik rumah", "House pin"),
        "photos" => ("Foto rumah", "House photos"),
        "instrument" => ("Jawaban instrumen", "Instrument answers"),
        "events" => ("Peristiwa kependudukan", "Life events"),
        p if p.starts_with("members/") => ("Anggota keluarga", "Family member"),
        _ => ("Data", "Data"),
    };
    match lang {
        Lang::Id => id.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// A field's value for people (what can be shown briefly).
fn value_text(path: &FieldPath, bytes: &[u8], lang: Lang) -> String {
    let unreadable = || "–".to_owned();
    match path.0.as_str() {
        "kk" => postcard::from_bytes::<Kk>(bytes)
            .map(|k| k.to_string())
            .unwrap_or_else(|_| unreadable()),
        "address" => postcard::from_bytes::<Address>(bytes)
            .map(|a| format!("{}, {}, RT {} / RW {}", a.street, a.dusun, a.rt, a.rw))
            .unwrap_or_else(|_| unreadable()),
        "location" => match postcard::from_bytes::<Option<HouseLocation>>(bytes) {
            Ok(Some(l)) => format!("{:.5}, {:.5}", l.lat, l.lon),
            Ok(None) => Text::NoPin.get(lang).to_owned(),
            Err(_) => unreadable(),
        },
        p if p.starts_with("members/") => postcard::from_bytes::<Member>(bytes)
            .map(|m| format!("{} · {}", m.name, format::date(m.birth_date, lang)))
            .unwrap_or_else(|_| unreadable()),
        _ => String::new(),
    }
}

fn side(label: Text, side: &ConflictSide, path: &FieldPath, lang: Lang) -> Html {
    let when = jiff::Timestamp::from_millisecond(side.stamp.wall_ms as i64)
        .map(|t| format::date_time(t, lang))
        .unwrap_or_default();
    html! {
        <p class="conflict-side">
            <strong>{ label.get(lang) }</strong>{ ": " }
            <span class="conflict-value">{ value_text(path, &side.value, lang) }</span>
            <span class="muted small">{ format!(" · {} · {when}", side.user) }</span>
        </p>
    }
}

/// Props of [`DismissRefusal`].
#[derive(Properties, PartialEq)]
pub struct DismissRefusalProps {
    /// The refused change.
    pub change: tepat_sync::ChangeId,
}

/// The button that puts a refusal away once read (nothing is sent again).
#[function_component(DismissRefusal)]
pub fn dismiss_refusal(props: &DismissRefusalProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let onclick = {
        let (app, change) = (app.clone(), props.change);
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(copy) = local::open_copy() else {
                    return;
                };
                if copy.dismiss_refusal(change).await.is_ok() {
                    publish_counts(&app);
                }
            });
        })
    };
    html! {
        <button type="button" class="button ghost" {onclick} data-testid="refusal-dismiss">
            { Text::Dismiss.get(app.lang) }
        </button>
    }
}

/// Props of [`SyncNotes`].
#[derive(Properties, PartialEq)]
pub struct SyncNotesProps {
    /// The family.
    pub id: FamilyId,
}

/// Conflicts and refusals of one family (nothing when there are none).
#[function_component(SyncNotes)]
pub fn sync_notes(props: &SyncNotesProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let Some(copy) = local::open_copy() else {
        return html! {};
    };
    let replica = copy.replica.borrow();
    let conflicts: Html = replica
        .open_conflicts(Some(props.id.0))
        .into_iter()
        .map(|(index, notice)| {
            let act = |restore: bool| {
                let app = app.clone();
                Callback::from(move |_| {
                    let app = app.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let Some(copy) = local::open_copy() else {
                            return;
                        };
                        {
                            let mut replica = copy.replica.borrow_mut();
                            if restore {
                                let id = tepat_sync::ChangeId(uuid::Uuid::now_v7());
                                replica.restore(index, id, &copy.user.username, js_sys::Date::now() as u64);
                            } else {
                                replica.settle(index);
                            }
                        }
                        let _ = copy.save().await;
                        publish_counts(&app);
                        local::sync::wake_soon();
                    });
                })
            };
            html! {
                <div class="conflict" data-testid="conflict">
                    <p><strong>{ field_label(&notice.path, lang) }</strong></p>
                    { side(Text::ConflictKept, &notice.kept, &notice.path, lang) }
                    { side(Text::ConflictLost, &notice.lost, &notice.path, lang) }
                    <div class="actions">
                        <button type="button" class="button" onclick={act(true)} data-testid="conflict-restore">
                            { Text::Restore.get(lang) }
                        </button>
                        <button type="button" class="button ghost" onclick={act(false)} data-testid="conflict-dismiss">
                            { Text::Dismiss.get(lang) }
                        </button>
                    </div>
                </div>
            }
        })
        .collect();
    let refusals: Html = replica
        .refusals_of(props.id.0)
        .into_iter()
        .map(|refusal| {
            let fields: Vec<String> = refusal
                .change
                .writes
                .iter()
                .map(|w| field_label(&w.path, lang))
                .collect();
            html! {
                <div class="check error refusal-note" data-testid="refusal">
                    <p><strong>{ fields.join(", ") }</strong>{ ": " }{ &refusal.reason }</p>
                    <DismissRefusal change={refusal.change.id} />
                </div>
            }
        })
        .collect();
    let has_conflicts = !replica.open_conflicts(Some(props.id.0)).is_empty();
    let has_refusals = !replica.refusals_of(props.id.0).is_empty();
    html! {
        <>
            if has_conflicts {
                <section class="sync-notes conflicts" data-testid="conflicts">
                    <h3>{ Text::ConflictsTitle.get(lang) }</h3>
                    { conflicts }
                </section>
            }
            if has_refusals {
                <section class="sync-notes refusals" data-testid="refusals">
                    <h3>{ Text::RefusedTitle.get(lang) }</h3>
                    { refusals }
                </section>
            }
        </>
    }
}
