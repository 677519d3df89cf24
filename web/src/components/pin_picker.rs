//! Setting a house pin: a small map where a tap places (or moves) the pin, and a "use GPS"
//! button that asks the tablet for its position while the operator stands at the house (with
//! the accuracy kept). Works without a basemap: the pin is the point, the tiles only help.

use crate::i18n::{Lang, Text};
use leaflet::{CircleMarker, LatLng, Map, MapOptions, PathOptions, TileLayer, TileLayerOptions};
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
    /// UI language.
    pub lang: Lang,
}

struct Handles {
    map: Map,
    marker: Option<CircleMarker>,
    _on_click: Closure<dyn FnMut(JsValue)>,
}

fn number(object: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(object, &key.into()).ok()?.as_f64()
}

/// The pin picker.
#[function_component(PinPicker)]
pub fn pin_picker(props: &PinPickerProps) -> Html {
    let container = use_node_ref();
    let handles: Rc<RefCell<Option<Handles>>> = use_mut_ref(|| None);
    let gps_state = use_state(|| None::<String>);
    {
        let (container, handles) = (container.clone(), handles.clone());
        let (on_change, center, tile_url) = (
            props.on_change.clone(),
            props.center,
            props.tile_url.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(element) = container.cast::<web_sys::HtmlElement>()
                && let Ok(map) = Map::new_with_element(&element, &MapOptions::new())
            {
                map.set_view(&LatLng::new(center.0, center.1), 16.0);
                if let Some(url) = tile_url {
                    let options = TileLayerOptions::new();
                    options.set_max_zoom(19.0);
                    TileLayer::new_options(&url, &options).add_to(&map);
                }
                let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    let Ok(at) = js_sys::Reflect::get(&event, &"latlng".into()) else {
                        return;
                    };
                    if let (Some(lat), Some(lon)) = (number(&at, "lat"), number(&at, "lng")) {
                        on_change.emit(HouseLocation {
                            lat,
                            lon,
                            accuracy_m: None,
                            source: LocationSource::Manual,
                        });
                    }
                });
                leaflet::Evented::on(&map, "click", on_click.as_ref().unchecked_ref());
                *handles.borrow_mut() = Some(Handles {
                    map,
                    marker: None,
                    _on_click: on_click,
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
        use_effect_with(props.value.map(|l| (l.lat, l.lon)), move |value| {
            if let Some(h) = handles.borrow_mut().as_mut() {
                if let Some(old) = h.marker.take() {
                    old.remove();
                }
                if let Some((lat, lon)) = *value {
                    let options = PathOptions::new();
                    options.set_class_name("tepat-pin new-pin".into());
                    options.set_color("#ffffff".into());
                    options.set_weight(3.0);
                    options.set_fill_color("#1d4ed8".into());
                    options.set_fill_opacity(0.95);
                    let marker = CircleMarker::new_with_options(&LatLng::new(lat, lon), &options);
                    marker.set_radius(11.0);
                    marker.add_to(&h.map);
                    h.map.pan_to(&LatLng::new(lat, lon));
                    h.marker = Some(marker);
                }
            }
        });
    }
    let use_gps = {
        let (on_change, gps_state, lang) = (props.on_change.clone(), gps_state.clone(), props.lang);
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
                    on_change.emit(HouseLocation {
                        lat,
                        lon,
                        accuracy_m: number(&coords, "accuracy").map(|a| a as f32),
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
