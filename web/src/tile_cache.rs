//! The basemap tiles kept on the tablet (`static/tiles.js` over the Cache API cache
//! `tepat-tiles`, which the service worker serves the map from): telling the worker which
//! requests are tiles, counting what is stored, the browser's storage figures, and the download
//! behind "Unduh peta desa" with its progress and cancel. What to download is worked out in
//! [`crate::tile_plan`].

use js_sys::{Array, Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = tepatTiles, js_name = announce, catch)]
    fn js_announce(template: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = tepatTiles, js_name = cachedCount, catch)]
    async fn js_cached_count(urls: Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatTiles, js_name = storage, catch)]
    async fn js_storage() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = tepatTiles, js_name = download, catch)]
    fn js_download(urls: Array, parallel: u32, on_progress: &Function) -> Result<JsValue, JsValue>;
}

/// Tells the service worker the instance's tile template, so it keeps the map's tiles. Quietly
/// does nothing where there is no worker.
pub fn announce(template: &str) {
    let _ = js_announce(template);
}

fn number(object: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(object, &key.into()).ok()?.as_f64()
}

fn count(object: &JsValue, key: &str) -> usize {
    number(object, key).unwrap_or(0.0).max(0.0) as usize
}

/// A non-negative figure, `None` when the browser did not give it.
fn known(object: &JsValue, key: &str) -> Option<u64> {
    number(object, key).filter(|n| *n >= 0.0).map(|n| n as u64)
}

/// How many of `urls` are stored; `None` when the browser cannot say.
pub async fn cached_count(urls: &[String]) -> Option<usize> {
    let array: Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    js_cached_count(array)
        .await
        .ok()?
        .as_f64()
        .map(|n| n as usize)
}

/// What the app keeps on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Storage {
    /// Bytes used by the whole app (local copy, photos, shell, tiles), if known.
    pub usage: Option<u64>,
    /// Bytes the browser lets it use, if known.
    pub quota: Option<u64>,
    /// The browser promised not to clear it when space runs short.
    pub persisted: bool,
    /// Basemap tiles stored, if known.
    pub tiles: Option<u64>,
}

/// The storage figures (`navigator.storage.estimate()`, `persisted()`, the tile cache).
pub async fn storage() -> Storage {
    match js_storage().await {
        Ok(value) => Storage {
            usage: known(&value, "usage"),
            quota: known(&value, "quota"),
            persisted: js_sys::Reflect::get(&value, &"persisted".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            tiles: known(&value, "tiles"),
        },
        Err(_) => Storage::default(),
    }
}

/// How far a download has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Tiles to go through.
    pub total: usize,
    /// Tiles gone through (fetched, skipped or failed).
    pub done: usize,
    /// Tiles fetched and stored.
    pub fetched: usize,
    /// Tiles already stored, not fetched again.
    pub skipped: usize,
    /// Tiles the network or the tile server did not give.
    pub failed: usize,
    /// Bytes of the tiles fetched.
    pub bytes: u64,
}

impl Progress {
    fn from_js(value: &JsValue) -> Progress {
        Progress {
            total: count(value, "total"),
            done: count(value, "done"),
            fetched: count(value, "fetched"),
            skipped: count(value, "skipped"),
            failed: count(value, "failed"),
            bytes: known(value, "bytes").unwrap_or(0),
        }
    }

    /// Whole per cent gone through.
    pub fn percent(&self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(100)
    }
}

/// How a download ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every tile was gone through (some may have failed).
    Complete,
    /// The user cancelled it.
    Cancelled,
    /// The device's storage ran out.
    StorageFull,
}

/// A download's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The figures at the end.
    pub progress: Progress,
    /// Why it ended.
    pub ending: Ending,
}

/// The browser cannot store tiles (no Cache API: not a secure context, or an old browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// A download under way.
pub struct Download {
    job: JsValue,
    /// Called by tiles.js after every tile, for as long as the download runs.
    _on_progress: Closure<dyn FnMut(JsValue)>,
}

impl Download {
    /// Starts downloading the `urls` not stored yet, `parallel` at a time; `on_progress` hears
    /// of every tile.
    pub fn start(
        urls: &[String],
        parallel: usize,
        mut on_progress: impl FnMut(Progress) + 'static,
    ) -> Result<Download, Unavailable> {
        let on_progress = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            on_progress(Progress::from_js(&value));
        });
        let array: Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
        let job = js_download(array, parallel as u32, on_progress.as_ref().unchecked_ref())
            .map_err(|_| Unavailable)?;
        Ok(Download {
            job,
            _on_progress: on_progress,
        })
    }

    /// Stops fetching; what is stored stays.
    pub fn cancel(&self) {
        if let Ok(cancel) = js_sys::Reflect::get(&self.job, &"cancel".into())
            && let Ok(cancel) = cancel.dyn_into::<Function>()
        {
            let _ = cancel.call0(&self.job);
        }
    }

    /// The end of the download, to await (the [`Download`] itself must be kept until then).
    pub fn finished(
        &self,
    ) -> impl std::future::Future<Output = Result<Outcome, Unavailable>> + use<> {
        let promise = js_sys::Reflect::get(&self.job, &"finished".into())
            .ok()
            .and_then(|p| p.dyn_into::<Promise>().ok());
        async move {
            let value = JsFuture::from(promise.ok_or(Unavailable)?)
                .await
                .map_err(|_| Unavailable)?;
            let ending = match js_sys::Reflect::get(&value, &"ending".into())
                .ok()
                .and_then(|e| e.as_string())
                .as_deref()
            {
                Some("cancelled") => Ending::Cancelled,
                Some("full") => Ending::StorageFull,
                _ => Ending::Complete,
            };
            Ok(Outcome {
                progress: Progress::from_js(&value),
                ending,
            })
        }
    }
}
