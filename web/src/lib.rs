//! The Tepat web app: a Yew single-page app that village operators use on tablets and leaders on
//! laptops. It talks to the server in postcard ([`api`]), keeps session and language in a pure
//! reducer ([`state`]), keeps field users' data in an encrypted local copy that syncs by itself
//! ([`local`]), and draws families on a Leaflet map ([`components::map_view`]).
//! Bahasa Indonesia first, English as a switch ([`i18n`]).

pub mod api;
pub mod app;
pub mod cluster;
pub mod components;
pub mod evidence;
pub mod family_form;
pub mod format;
pub mod i18n;
pub mod local;
pub mod pages;
pub mod pin_colours;
pub mod prefs;
pub mod rekap;
pub mod spread_style;
pub mod state;
pub mod tile_cache;
pub mod tile_plan;
pub mod words;
pub mod worklist;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point: mounts the app on `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
