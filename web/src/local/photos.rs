//! House photos on the tablet: taken with the camera, shrunk on the device (`static/photo.js`),
//! named by their SHA-256, kept sealed in the vault (`photo/<hex>`) and queued (`uploads`) until
//! the server holds them whole. Uploads go in chunks and resume where the server says it got
//! to, so a connection that drops mid-photo costs only the chunk in flight.

use super::vault::{self, VaultError};
use crate::api::{self, ApiFailure};
use js_sys::{Array, Uint8Array};
use std::collections::BTreeSet;
use tepat_domain::family::PhotoRef;
use tepat_protocol::{UploadStatus, routes};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = tepatPhoto, js_name = prepare, catch)]
    async fn js_prepare(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatPhoto, js_name = url)]
    fn js_url(bytes: Uint8Array) -> String;
    #[wasm_bindgen(js_namespace = tepatPhoto, js_name = revoke)]
    fn js_revoke(url: &str);
}

/// Bytes per upload request (the server takes up to 512 KiB).
const CHUNK_BYTES: usize = 256 * 1024;
const UPLOADS_KEY: &str = "uploads";

/// A photo's name in hex, as the API and the vault spell it.
pub fn hex(photo: &PhotoRef) -> String {
    photo.0.iter().map(|b| format!("{b:02x}")).collect()
}

fn key(photo: &PhotoRef) -> String {
    format!("photo/{}", hex(photo))
}

/// The server's address of a photo.
pub fn server_url(photo: &PhotoRef) -> String {
    routes::PHOTO.replace("{hash}", &hex(photo))
}

/// Takes the photo chosen in `input`: shrinks it, stores it sealed and queues its upload.
/// Answers its name, or none when no file was chosen.
pub async fn take(input: &web_sys::HtmlInputElement) -> Result<Option<PhotoRef>, VaultError> {
    let prepared = js_prepare(input)
        .await
        .map_err(|_| VaultError::Storage("foto tidak dapat dibaca".into()))?;
    if prepared.is_undefined() {
        return Ok(None);
    }
    let parts = Array::from(&prepared);
    let bytes = Uint8Array::new(&parts.get(0)).to_vec();
    let hash: [u8; 32] = Uint8Array::new(&parts.get(1))
        .to_vec()
        .try_into()
        .map_err(|_| VaultError::Storage("sidik foto salah".into()))?;
    let photo = PhotoRef(hash);
    vault::put(&key(&photo), &bytes).await?;
    let mut queue = pending().await?;
    queue.insert(hex(&photo));
    vault::put(UPLOADS_KEY, &queue).await?;
    note_pending(queue.len());
    Ok(Some(photo))
}

fn note_pending(count: usize) {
    if let Some(copy) = super::open_copy() {
        copy.photos_pending.set(count);
    }
}

/// Keeps a photo recovered from elsewhere (an archived copy) and queues its upload.
pub async fn keep(name: &str, bytes: &Vec<u8>) -> Result<(), VaultError> {
    vault::put(&format!("photo/{name}"), bytes).await?;
    let mut queue = pending().await?;
    queue.insert(name.to_owned());
    vault::put(UPLOADS_KEY, &queue).await?;
    note_pending(queue.len());
    Ok(())
}

/// Photos not yet whole on the server.
pub async fn pending() -> Result<BTreeSet<String>, VaultError> {
    Ok(vault::get::<BTreeSet<String>>(UPLOADS_KEY)
        .await?
        .unwrap_or_default())
}

/// A URL showing a photo kept on the tablet (an object URL; see [`release`]), or none.
pub async fn local_url(photo: &PhotoRef) -> Option<String> {
    let bytes = vault::get::<Vec<u8>>(&key(photo)).await.ok()??;
    Some(js_url(Uint8Array::from(bytes.as_slice())))
}

/// Frees an object URL from [`local_url`].
pub fn release(url: &str) {
    if url.starts_with("blob:") {
        js_revoke(url);
    }
}

/// Why an upload stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadFailure {
    /// The server could not be reached or answered with an error.
    Api(ApiFailure),
    /// The tablet's storage failed.
    Storage(String),
}

/// Sends every queued photo, resuming each where the server got to; answers how many became
/// whole on the server.
pub async fn upload_pending() -> Result<usize, UploadFailure> {
    let storage = |e: VaultError| UploadFailure::Storage(e.to_string());
    let mut queue = pending().await.map_err(storage)?;
    let mut done = 0;
    for name in queue.clone() {
        let Some(bytes) = vault::get::<Vec<u8>>(&format!("photo/{name}"))
            .await
            .map_err(storage)?
        else {
            // Nothing to send (the copy was replaced): drop it from the queue.
            queue.remove(&name);
            continue;
        };
        let path = routes::PHOTO.replace("{hash}", &name);
        let mut status: UploadStatus = api::get(&routes::PHOTO_STATUS.replace("{hash}", &name))
            .await
            .map_err(UploadFailure::Api)?;
        let total = bytes.len();
        while !status.complete {
            let from = usize::try_from(status.received).unwrap_or(total).min(total);
            if from == total {
                // Everything sent and still not whole: the server refused it on its check.
                return Err(UploadFailure::Api(ApiFailure::Unreadable));
            }
            let to = (from + CHUNK_BYTES).min(total);
            let query = api::with_query(
                &path,
                &[("offset", &from.to_string()), ("total", &total.to_string())],
            );
            status = api::put_bytes(&query, &bytes[from..to])
                .await
                .map_err(UploadFailure::Api)?;
        }
        queue.remove(&name);
        vault::put(UPLOADS_KEY, &queue).await.map_err(storage)?;
        note_pending(queue.len());
        done += 1;
    }
    vault::put(UPLOADS_KEY, &queue).await.map_err(storage)?;
    note_pending(queue.len());
    Ok(done)
}
