//! The last-resort backup: the unsent changes written to a file (a broken tablet, a USB stick
//! carried to the kecamatan office) and read back on another device. The changes are sealed
//! with the owner's password (AES-GCM, the salt in the file), so a lost stick leaks nothing;
//! importing them sends them from the new device exactly as they were made (same ids: a change
//! already on the server is not applied twice).

use super::{LocalCopy, vault::VaultError};
use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use tepat_sync::{Change, DeviceId};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = tepatVault, js_name = exportSeal, catch)]
    async fn js_export_seal(bytes: Uint8Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = importOpen, catch)]
    async fn js_import_open(
        password: &str,
        salt: Uint8Array,
        iv: Uint8Array,
        sealed: Uint8Array,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = download)]
    fn js_download(name: &str, bytes: Uint8Array);
    #[wasm_bindgen(js_namespace = tepatVault, js_name = readChosen, catch)]
    async fn js_read_chosen(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// The first bytes of every backup file.
const MAGIC: &[u8] = b"TEPAT-CADANGAN-1\n";

/// A backup file after its magic line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BackupFile {
    /// Whose changes.
    user: String,
    /// The device they were made on.
    device: DeviceId,
    /// When the file was made (ms since the epoch).
    made_ms: u64,
    /// The owner's vault salt.
    salt: Vec<u8>,
    /// AES-GCM IV.
    iv: Vec<u8>,
    /// `postcard(Vec<Change>)`, sealed.
    sealed: Vec<u8>,
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not a Tepat backup file.
    NotABackup,
    /// The password does not open it.
    WrongPassword,
    /// No file was chosen.
    NoFile,
    /// The device's storage failed.
    Storage(String),
}

impl ImportError {
    /// What to tell the user.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let text = match (self, lang) {
            (ImportError::Storage(e), _) => return e.clone(),
            (ImportError::NotABackup, Lang::Id) => "Berkas ini bukan cadangan Tepat.",
            (ImportError::NotABackup, Lang::En) => "This file is not a Tepat backup.",
            (ImportError::WrongPassword, Lang::Id) => {
                "Kata sandi pemilik cadangan tidak cocok dengan berkas ini."
            }
            (ImportError::WrongPassword, Lang::En) => {
                "The backup owner's password does not open this file."
            }
            (ImportError::NoFile, Lang::Id) => "Pilih berkas cadangan terlebih dahulu.",
            (ImportError::NoFile, Lang::En) => "Choose a backup file first.",
        };
        text.to_owned()
    }
}

fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

/// Writes the unsent changes to a downloaded file; answers how many.
pub async fn export(copy: &LocalCopy) -> Result<usize, VaultError> {
    let (changes, device) = {
        let replica = copy.replica.borrow();
        (replica.outbox().next_batch(usize::MAX), replica.device())
    };
    let plain = postcard::to_stdvec(&changes).expect("postcard into a Vec cannot fail");
    let sealed = js_export_seal(Uint8Array::from(plain.as_slice()))
        .await
        .map_err(|e| VaultError::Storage(format!("{e:?}")))?;
    let parts = Array::from(&sealed);
    let now = js_sys::Date::now();
    let file = BackupFile {
        user: copy.user.username.clone(),
        device,
        made_ms: now as u64,
        salt: bytes(&parts.get(0)),
        iv: bytes(&parts.get(1)),
        sealed: bytes(&parts.get(2)),
    };
    let mut out = MAGIC.to_vec();
    out.extend(postcard::to_stdvec(&file).expect("postcard into a Vec cannot fail"));
    let day = jiff::Timestamp::from_millisecond(now as i64)
        .map(crate::format::file_stamp)
        .unwrap_or_default();
    js_download(
        &format!("tepat-cadangan-{}-{day}.tepat", copy.user.username),
        Uint8Array::from(out.as_slice()),
    );
    Ok(changes.len())
}

/// Reads the chosen backup file with its owner's password and queues its changes here;
/// answers how many were new.
pub async fn import(
    copy: &LocalCopy,
    input: &web_sys::HtmlInputElement,
    password: &str,
) -> Result<usize, ImportError> {
    let chosen = js_read_chosen(input)
        .await
        .map_err(|_| ImportError::NoFile)?;
    if chosen.is_undefined() {
        return Err(ImportError::NoFile);
    }
    let raw = bytes(&chosen);
    let body = raw.strip_prefix(MAGIC).ok_or(ImportError::NotABackup)?;
    let file: BackupFile = postcard::from_bytes(body).map_err(|_| ImportError::NotABackup)?;
    let plain = js_import_open(
        password,
        Uint8Array::from(file.salt.as_slice()),
        Uint8Array::from(file.iv.as_slice()),
        Uint8Array::from(file.sealed.as_slice()),
    )
    .await
    .map_err(|_| ImportError::WrongPassword)?;
    let changes: Vec<Change> =
        postcard::from_bytes(&bytes(&plain)).map_err(|_| ImportError::NotABackup)?;
    let added = copy.replica.borrow_mut().import(changes);
    copy.save()
        .await
        .map_err(|e| ImportError::Storage(e.to_string()))?;
    Ok(added)
}
