//! Typed access to the encrypted IndexedDB vault (`web/static/vault.js`): values are postcard
//! bytes sealed with a key derived from the user's password. Every call fails with a
//! [`VaultError`] rather than panicking: a full disk or a locked vault must never lose the
//! user's work silently.

use js_sys::{Array, Uint8Array};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = tepatVault, js_name = unlock, catch)]
    async fn js_unlock(user: &str, password: &str, create: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = lock)]
    fn js_lock();
    #[wasm_bindgen(js_namespace = tepatVault, js_name = offlineUntil, catch)]
    async fn js_offline_until(user: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = setOfflineUntil, catch)]
    async fn js_set_offline_until(user: &str, until: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = lastUser, catch)]
    async fn js_last_user() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = setLastUser, catch)]
    async fn js_set_last_user(user: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = put, catch)]
    async fn js_put(key: &str, bytes: Uint8Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = putMany, catch)]
    async fn js_put_many(keys: Array, values: Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = get, catch)]
    async fn js_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = entries, catch)]
    async fn js_entries(prefix: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = wipe, catch)]
    async fn js_wipe(user: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = persist, catch)]
    async fn js_persist() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = archive, catch)]
    async fn js_archive(user: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = archives, catch)]
    async fn js_archives(user: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatVault, js_name = readArchived, catch)]
    async fn js_read_archived(archive: &str, password: &str, key: &str)
    -> Result<JsValue, JsValue>;
}

/// Why the vault failed.
#[derive(Debug, Clone, PartialEq)]
pub enum VaultError {
    /// The browser's storage failed (full, blocked, or the vault is locked).
    Storage(String),
    /// A stored value does not decode (written by another version).
    Unreadable(String),
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VaultError::Storage(e) => write!(f, "penyimpanan tablet gagal: {e}"),
            VaultError::Unreadable(key) => write!(f, "data tablet tidak terbaca: {key}"),
        }
    }
}

fn storage(error: JsValue) -> VaultError {
    let text = js_sys::Error::from(error)
        .message()
        .as_string()
        .unwrap_or_else(|| "tidak diketahui".into());
    VaultError::Storage(text)
}

/// How an unlock went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlock {
    /// The vault opened.
    Opened,
    /// A new, empty vault was made for the user.
    Created,
    /// The password does not open this user's vault.
    WrongPassword,
    /// There is no vault for this user on the device.
    Absent,
}

/// Opens the user's vault with the password (making it when `create` and none exists).
pub async fn unlock(user: &str, password: &str, create: bool) -> Result<Unlock, VaultError> {
    let answer = js_unlock(user, password, create).await.map_err(storage)?;
    Ok(match answer.as_string().as_deref() {
        Some("ok") => Unlock::Opened,
        Some("created") => Unlock::Created,
        Some("wrong") => Unlock::WrongPassword,
        _ => Unlock::Absent,
    })
}

/// Forgets the key: the vault must be unlocked with the password again.
pub fn lock() {
    js_lock();
}

/// Until when (ms since the epoch) the user may open the app offline; 0 when never.
pub async fn offline_until(user: &str) -> Result<f64, VaultError> {
    Ok(js_offline_until(user)
        .await
        .map_err(storage)?
        .as_f64()
        .unwrap_or(0.0))
}

/// Sets the offline deadline after an online login.
pub async fn set_offline_until(user: &str, until_ms: f64) -> Result<(), VaultError> {
    js_set_offline_until(user, until_ms)
        .await
        .map(drop)
        .map_err(storage)
}

/// The user who last logged in on this device ("" when none).
pub async fn last_user() -> Result<String, VaultError> {
    Ok(js_last_user()
        .await
        .map_err(storage)?
        .as_string()
        .unwrap_or_default())
}

/// Remembers the user who logged in, to offer the offline unlock.
pub async fn set_last_user(user: &str) -> Result<(), VaultError> {
    js_set_last_user(user).await.map(drop).map_err(storage)
}

/// Stores a value.
pub async fn put<T: Serialize>(key: &str, value: &T) -> Result<(), VaultError> {
    let bytes = postcard::to_stdvec(value).expect("postcard into a Vec cannot fail");
    js_put(key, Uint8Array::from(bytes.as_slice()))
        .await
        .map(drop)
        .map_err(storage)
}

/// Stores several encoded values in one transaction (all or none).
pub async fn put_many(entries: Vec<(String, Vec<u8>)>) -> Result<(), VaultError> {
    if entries.is_empty() {
        return Ok(());
    }
    let keys = Array::new();
    let values = Array::new();
    for (key, bytes) in entries {
        keys.push(&JsValue::from_str(&key));
        values.push(&Uint8Array::from(bytes.as_slice()));
    }
    js_put_many(keys, values).await.map(drop).map_err(storage)
}

/// Decodes a value the script opened (`undefined` when there is none).
fn decoded<T: DeserializeOwned>(value: JsValue, key: &str) -> Result<Option<T>, VaultError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let bytes = Uint8Array::new(&value).to_vec();
    postcard::from_bytes(&bytes)
        .map(Some)
        .map_err(|_| VaultError::Unreadable(key.to_owned()))
}

/// Reads a value.
pub async fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, VaultError> {
    decoded(js_get(key).await.map_err(storage)?, key)
}

/// Every stored `(key, encoded value)` whose key starts with `prefix`.
pub async fn entries(prefix: &str) -> Result<Vec<(String, Vec<u8>)>, VaultError> {
    let list = Array::from(&js_entries(prefix).await.map_err(storage)?);
    Ok(list
        .iter()
        .map(|pair| {
            let pair = Array::from(&pair);
            let key = pair.get(0).as_string().unwrap_or_default();
            (key, Uint8Array::new(&pair.get(1)).to_vec())
        })
        .collect())
}

/// Deletes everything of `user` on this device.
pub async fn wipe(user: &str) -> Result<(), VaultError> {
    js_wipe(user).await.map(drop).map_err(storage)
}

/// Asks the browser to keep the vault under storage pressure.
pub async fn persist() -> bool {
    js_persist()
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Moves the user's copy aside (it was sealed with a password that no longer opens it).
pub async fn archive(user: &str) -> Result<(), VaultError> {
    js_archive(user).await.map(drop).map_err(storage)
}

/// The user's copies moved aside, oldest first.
pub async fn archives(user: &str) -> Result<Vec<String>, VaultError> {
    let list = Array::from(&js_archives(user).await.map_err(storage)?);
    Ok(list.iter().filter_map(|v| v.as_string()).collect())
}

/// Reads one value of an archive with the password that sealed it: `Ok(None)` when the archive
/// has no such value, `Err` on a wrong password.
pub async fn get_archived<T: DeserializeOwned>(
    archive: &str,
    password: &str,
    key: &str,
) -> Result<Option<T>, VaultError> {
    let value = js_read_archived(archive, password, key)
        .await
        .map_err(storage)?;
    decoded(value, key)
}
