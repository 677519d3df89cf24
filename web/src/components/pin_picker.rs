//! Setting a house pin: a small map where a tap places the pin and a drag corrects it, and
//! "Lokasi saya", which asks the tablet for its position while the operator stands at the house:
//! the map comes to it, its accuracy is drawn as a circle and kept, and a fix worse than the
//! instance's limit is taken only when the operator confirms. The desa's other houses are drawn
//! small for orientation. Works without a basemap: the pin is the point, the tiles only help.

use crate::components::div_icon;
use crate::i18n::{Lang, Text};
use leaflet::{
    Circle, CircleMarker, CircleOptions, DivIconOptions, LatLng, Map, MapOptions, Marker,
    MarkerOptions, PathOptions, Point, TileLayer, TileLayerOptions,
};
use std::cell::RefCell;
use std::rc::Rc;
use tepat_domain::{HouseLocation, LocationSource};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use yew::prelude::*;

/// Props of [`PinPicker`].
#[derive(Properties, PartialEq)]
pub struct PinPickerProps {
    /// The pin so far.
    pub value: Option<HouseLocation>,
    /// A new pin.
    pub on_change: Callback<HouseLocation>,
    /// Where to look first (the desa's families), when there is no pin yet.
    pub center: (f64, f64),
    /// Basemap tile URL template, if any.
    pub tile_url: Option<String>,
    /// The desa's other houses, drawn small for orientation.
    #[prop_or_default]
    pub neighbours: Rc<Vec<(f64, f64)>>,
    /// The worst GPS accuracy (metres) taken without asking.
    pub max_accuracy_m: u16,
    /// UI language.
    pub lang: Lang,
}

/// Zoom after "Lokasi saya": close enough to see the house among its neighbours and to drag
/// the pin by a few metres.
const HOUSE_ZOOM: f64 = 18.0;

struct Handles {
    map: Map,
    marker: Option<Marker>,
    accuracy: Option<Circle>,
    _on_click: Closure<dyn FnMut(JsValue)>,
    on_drag: Closure<dyn FnMut(JsValue)>,
}

fn number(object: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(object, &key.into()).ok()?.as_f64()
}

fn manual(lat: f64, lon: f64) -> HouseLocation {
    HouseLocation {
        lat,
        lon,
        accuracy_m: None,
        source: LocationSource::Manual,
    }
}

/// The picker map's options. Leaflet's keyboard handler focuses the map on every press, which
/// scrolls the form to show the whole map under the finger and throws a drag off by as much:
/// it is off here (the pin is set without a pointer by "Lokasi saya").
fn picker_options() -> MapOptions {
    let options = MapOptions::new();
    options.set_keyboard(false);
    // A zoom still animating ends on its own target: a second fix right after the first would
    // be thrown back there. Jumps are immediate instead (and cheaper on a low-end tablet).
    options.set_zoom_animation(false);
    options
}

/// The pin: a large round handle that can be dragged.
fn pin_marker(at: &LatLng) -> Marker {
    let icon = DivIconOptions::new();
    icon.set_class_name("pin-handle".into());
    icon.set_html(String::new());
    icon.set_icon_size(Point::new(30.0, 30.0));
    icon.set_icon_anchor(Point::new(15.0, 15.0));
    let options = MarkerOptions::new();
    if let Some(icon) = div_icon(&icon) {
        options.set_icon(icon);
    }
    options.set_draggable(true);
    // Not focusable: focusing it on a touch would scroll the page under the finger mid-drag.
    // The keyboard sets the pin with "Lokasi saya" instead.
    options.set_keyboard(false);
    options.set_title("Titik rumah".into());
    Marker::new_with_options(at, &options)
}

/// The pin picker.
#[function_component(PinPicker)]
pub fn pin_picker(props: &PinPickerProps) -> Html {
    let container = use_node_ref();
    let handles: Rc<RefCell<Option<Handles>>> = use_mut_ref(|| None);
    let gps_state = use_state(|| None::<String>);
    {
        let (container, handles) = (container.clone(), handles.clone());
        let (on_change, center, tile_url, neighbours) = (
            props.on_change.clone(),
            props.center,
            props.tile_url.clone(),
            props.neighbours.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(element) = container.cast::<web_sys::HtmlElement>()
                && let Ok(map) = Map::new_with_element(&element, &picker_options())
            {
                map.set_view(&LatLng::new(center.0, center.1), 16.0);
                if let Some(url) = tile_url {
                    let options = TileLayerOptions::new();
                    options.set_max_zoom(19.0);
                    // CORS and announced, as the main map's tiles (see `map_view`).
                    options.set_cross_origin("anonymous".into());
                    crate::tile_cache::announce(&url);
                    TileLayer::new_options(&url, &options).add_to(&map);
                }
                for (lat, lon) in neighbours.iter() {
                    let options = PathOptions::new();
                    options.set_class_name("tepat-pin neighbour-pin".into());
                    options.set_color("#ffffff".into());
                    options.set_weight(1.0);
                    options.set_fill_color("#5b6472".into());
                    options.set_fill_opacity(0.7);
                    options.set_interactive(false);
                    let dot = CircleMarker::new_with_options(&LatLng::new(*lat, *lon), &options);
                    dot.set_radius(5.0);
                    dot.add_to(&map);
                }
                let on_tap = on_change.clone();
                let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    let Ok(at) = js_sys::Reflect::get(&event, &"latlng".into()) else {
                        return;
                    };
                    if let (Some(lat), Some(lon)) = (number(&at, "lat"), number(&at, "lng")) {
                        on_tap.emit(manual(lat, lon));
                    }
                });
                leaflet::Evented::on(&map, "click", on_click.as_ref().unchecked_ref());
                // A dragged pin was moved by hand: its GPS accuracy no longer applies.
                let on_drag = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    let Ok(target) = js_sys::Reflect::get(&event, &"target".into()) else {
                        return;
                    };
                    let at = target.unchecked_into::<Marker>().get_lat_lng();
                    on_change.emit(manual(at.lat(), at.lng()));
                });
                *handles.borrow_mut() = Some(Handles {
                    map,
                    marker: None,
                    accuracy: None,
                    _on_click: on_click,
                    on_drag,
                });
            }
            move || {
                if let Some(h) = handles.borrow_mut().take() {
                    h.map.remove();
                }
            }
        });
    }
    {
        let handles = handles.clone();
        use_effect_with(props.value, move |value| {
            if let Some(h) = handles.borrow_mut().as_mut() {
                if let Some(old) = h.accuracy.take() {
                    old.remove();
                }
                match value {
                    None => {
                        if let Some(old) = h.marker.take() {
                            old.remove();
                        }
                    }
                    Some(location) => {
                        let at = LatLng::new(location.lat, location.lon);
                        match &h.marker {
                            Some(marker) => marker.set_lat_lng(&at),
                            None => {
                                let marker = pin_marker(&at);
                                leaflet::Evented::on(
                                    &marker,
                                    "dragend",
                                    h.on_drag.as_ref().unchecked_ref(),
                                );
                                marker.add_to(&h.map);
                                h.marker = Some(marker);
                            }
                        }
                        if let (LocationSource::Gps, Some(accuracy)) =
                            (location.source, location.accuracy_m)
                        {
                            let options = CircleOptions::new();
                            options.set_radius(f64::from(accuracy));
                            options.set_class_name("accuracy-circle".into());
                            options.set_color("#1d4ed8".into());
                            options.set_weight(2.0);
                            options.set_fill_color("#1d4ed8".into());
                            options.set_fill_opacity(0.12);
                            options.set_interactive(false);
                            let circle = Circle::new_with_options(&at, &options);
                            circle.add_to(&h.map);
                            h.accuracy = Some(circle);
                            // "Lokasi saya": the map comes to the fix, close up (measured
                            // afresh: the form may have moved since the map was made).
                            h.map.invalidate_size(false);
                            h.map.set_view(&at, HOUSE_ZOOM);
                        } else if !h.map.get_bounds().contains(&at) {
                            // A pin set by hand is where the finger is: the map only follows
                            // one set elsewhere (a correction opened far away).
                            h.map.pan_to(&at);
                        }
                    }
                }
            }
        });
    }
    let use_gps = {
        let (on_change, gps_state, lang, max_accuracy_m) = (
            props.on_change.clone(),
            gps_state.clone(),
            props.lang,
            props.max_accuracy_m,
        );
        Callback::from(move |_| {
            let Some(geolocation) = web_sys::window()
                .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"geolocation".into()).ok())
                .filter(|g| !g.is_undefined())
            else {
                gps_state.set(Some(Text::GpsUnavailable.get(lang).to_owned()));
                return;
            };
            gps_state.set(Some(Text::GpsLocating.get(lang).to_owned()));
            let (on_change, done, failed) =
                (on_change.clone(), gps_state.clone(), gps_state.clone());
            let success = Closure::once_into_js(move |position: JsValue| {
                let coords = js_sys::Reflect::get(&position, &"coords".into()).unwrap_or_default();
                if let (Some(lat), Some(lon)) =
                    (number(&coords, "latitude"), number(&coords, "longitude"))
                {
                    let accuracy = number(&coords, "accuracy").map(|a| a as f32);
                    if let Some(worse) = accuracy.filter(|a| *a > f32::from(max_accuracy_m)) {
                        let question = Text::GpsInaccurateConfirm
                            .get(lang)
                            .replace("{accuracy}", &format!("{worse:.0}"))
                            .replace("{max}", &max_accuracy_m.to_string());
                        if !gloo::dialogs::confirm(&question) {
                            done.set(Some(Text::GpsNotUsed.get(lang).to_owned()));
                            return;
                        }
                    }
                    on_change.emit(HouseLocation {
                        lat,
                        lon,
                        accuracy_m: accuracy,
                        source: LocationSource::Gps,
                    });
                    done.set(None);
                }
            });
            let failure = Closure::once_into_js(move |_: JsValue| {
                failed.set(Some(Text::GpsFailed.get(lang).to_owned()));
            });
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"enableHighAccuracy".into(), &JsValue::TRUE);
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from(30_000));
            if let Ok(get) = js_sys::Reflect::get(&geolocation, &"getCurrentPosition".into()) {
                let get: js_sys::Function = get.unchecked_into();
                let _ = get.call3(&geolocation, &success, &failure, &options);
            }
        })
    };
    let lang = props.lang;
    let described = match props.value {
        Some(l) => {
            let accuracy = l
                .accuracy_m
                .map(|a| format!(" (±{a:.0} m)"))
                .unwrap_or_default();
            let source = match l.source {
                LocationSource::Gps => "GPS",
                _ => Text::PinByHand.get(lang),
            };
            format!("{:.5}, {:.5}{accuracy} · {source}", l.lat, l.lon)
        }
        None => Text::NoPin.get(lang).to_owned(),
    };
    html! {
        <div class="pin-picker">
            <div class="pin-map" ref={container} data-testid="pin-map"></div>
            <div class="pin-actions">
                <button type="button" class="button" onclick={use_gps} data-testid="use-gps">{ Text::UseGps.get(lang) }</button>
                <span data-testid="pin-value">{ described }</span>
            </div>
            <p class="muted small">{ Text::PinHint.get(lang) }</p>
            if let Some(message) = (*gps_state).clone() {
                <p class="notice" data-testid="gps-state">{ message }</p>
            }
        </div>
    }
}
