//! Musdes evidence files from the browser: read from a file input (`static/photo.js`: a PDF as
//! it is, a photo shrunk to 1600 px JPEG), named by SHA-256, and uploaded in chunks that resume
//! where the server says it got to. Online only: the meeting is recorded at the desa office.

use crate::api::{self, ApiFailure};
use js_sys::{Array, Uint8Array};
use tepat_protocol::{UploadStatus, routes};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = tepatPhoto, js_name = evidence, catch)]
    async fn js_evidence(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// Bytes per upload request (the server takes up to 512 KiB).
const CHUNK_BYTES: usize = 256 * 1024;

/// A file ready to upload.
pub struct ChosenFile {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its SHA-256 in hex.
    pub hash: String,
    /// The name to show.
    pub name: String,
}

/// The file chosen in `input`, or none; `Err` when it cannot be read (not an image or PDF).
pub async fn choose(input: &web_sys::HtmlInputElement) -> Result<Option<ChosenFile>, ()> {
    let chosen = js_evidence(input).await.map_err(|_| ())?;
    if chosen.is_undefined() {
        return Ok(None);
    }
    let parts = Array::from(&chosen);
    let bytes = Uint8Array::new(&parts.get(0)).to_vec();
    let hash: String = Uint8Array::new(&parts.get(1))
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = parts.get(2).as_string().unwrap_or_default();
    Ok(Some(ChosenFile { bytes, hash, name }))
}

/// Uploads `file`, resuming where the server got to; `progress` hears the percentage sent.
pub async fn upload(file: &ChosenFile, progress: impl Fn(u32)) -> Result<(), ApiFailure> {
    let path = routes::EVIDENCE.replace("{hash}", &file.hash);
    let mut status: UploadStatus =
        api::get(&routes::EVIDENCE_STATUS.replace("{hash}", &file.hash)).await?;
    let total = file.bytes.len();
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
        status = api::put_bytes(&query, &file.bytes[from..to]).await?;
    }
    progress(100);
    Ok(())
}

/// The address of an uploaded evidence file.
pub fn url(file: &[u8; 32]) -> String {
    let hex: String = file.iter().map(|b| format!("{b:02x}")).collect();
    routes::EVIDENCE.replace("{hash}", &hex)
}

/// Uploads `file` as a file of citizens' case `case` (`routes::CASE_FILE`), resuming where the
/// server got to; answers the file's SHA-256 for the action that refers to it.
pub async fn upload_case_file(
    case: &uuid::Uuid,
    file: &ChosenFile,
) -> Result<[u8; 32], ApiFailure> {
    let path = routes::case_file_path(case, &file.hash);
    let mut status: UploadStatus = api::get(&format!("{path}/status")).await?;
    let total = file.bytes.len();
    while !status.complete {
        let from = usize::try_from(status.received).unwrap_or(total).min(total);
        if from == total {
            return Err(ApiFailure::Unreadable);
        }
        let to = (from + CHUNK_BYTES).min(total);
        let query = api::with_query(
            &path,
            &[("offset", &from.to_string()), ("total", &total.to_string())],
        );
        status = api::put_bytes(&query, &file.bytes[from..to]).await?;
    }
    let mut hash = [0u8; 32];
    for (i, byte) in hash.iter_mut().enumerate() {
        *byte = u8::from_str_radix(file.hash.get(i * 2..i * 2 + 2).unwrap_or("00"), 16)
            .map_err(|_| ApiFailure::Unreadable)?;
    }
    Ok(hash)
}
