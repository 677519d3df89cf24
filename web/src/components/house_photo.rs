//! House photos: [`PhotoInput`] takes one with the tablet's camera (or picks a file) in the
//! form, [`PhotoView`] shows one, from the tablet's own sealed copy when it has it and from the
//! server otherwise (which serves it only to users whose scope holds the family).

use crate::i18n::{Lang, Text};
use crate::local::photos;
use tepat_domain::family::PhotoRef;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`PhotoView`].
#[derive(Properties, PartialEq)]
pub struct PhotoViewProps {
    /// The photo.
    pub photo: PhotoRef,
    /// Its caption.
    pub caption: String,
}

/// One photo.
#[function_component(PhotoView)]
pub fn photo_view(props: &PhotoViewProps) -> Html {
    let src = use_state(|| None::<String>);
    // The object URL made for this photo, freed when the photo changes or the view goes.
    let made = use_mut_ref(|| None::<String>);
    {
        let src = src.clone();
        use_effect_with(props.photo, move |photo| {
            let photo = *photo;
            let mine = made.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let url = photos::local_url(&photo)
                    .await
                    .unwrap_or_else(|| photos::server_url(&photo));
                *mine.borrow_mut() = Some(url.clone());
                src.set(Some(url));
            });
            move || {
                if let Some(url) = made.borrow_mut().take() {
                    photos::release(&url);
                }
            }
        });
    }
    html! {
        <figure class="house-photo">
            if let Some(url) = (*src).clone() {
                <img src={url} alt={props.caption.clone()} loading="lazy" data-testid="house-photo" />
            }
            <figcaption>{ &props.caption }</figcaption>
        </figure>
    }
}

/// Props of [`PhotoInput`].
#[derive(Properties, PartialEq)]
pub struct PhotoInputProps {
    /// Input id (and test id).
    pub id: AttrValue,
    /// Its label.
    pub label: AttrValue,
    /// The photo so far.
    pub value: Option<PhotoRef>,
    /// A new photo was taken and stored.
    pub on_change: Callback<PhotoRef>,
    /// UI language.
    pub lang: Lang,
}

/// Takes one photo.
#[function_component(PhotoInput)]
pub fn photo_input(props: &PhotoInputProps) -> Html {
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let onchange = {
        let (busy, error, on_change) = (busy.clone(), error.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let (busy, error, on_change) = (busy.clone(), error.clone(), on_change.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match photos::take(&input).await {
                    Ok(Some(photo)) => on_change.emit(photo),
                    Ok(None) => {}
                    Err(e) => error.set(Some(e.to_string())),
                }
                busy.set(false);
            });
        })
    };
    let lang = props.lang;
    html! {
        <div class="form-field photo-input">
            <span class="label">{ &props.label }</span>
            if let Some(photo) = props.value {
                <PhotoView photo={photo} caption={props.label.to_string()} />
            }
            // The native file input says "Choose file" in the browser's language: a button-like
            // label in ours opens the camera instead; the input stays for the browser's work.
            <input id={props.id.clone()} class="visually-hidden" type="file" accept="image/*"
                capture="environment" {onchange} data-testid={props.id.clone()} />
            <label for={props.id.clone()} class="button photo-button">
                <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none"
                    stroke="currentColor" stroke-width="2" stroke-linejoin="round">
                    <path d="M3 8h4l2-3h6l2 3h4v11H3z" />
                    <circle cx="12" cy="13" r="3.5" />
                </svg>
                { if props.value.is_some() { Text::RetakePhoto.get(lang) } else { Text::TakePhoto.get(lang) } }
                <span class="visually-hidden">{ format!(" · {}", props.label) }</span>
            </label>
            if *busy {
                <p class="muted small">{ Text::PhotoProcessing.get(lang) }</p>
            }
            if let Some(message) = (*error).clone() {
                <p class="field-error">{ message }</p>
            }
        </div>
    }
}
