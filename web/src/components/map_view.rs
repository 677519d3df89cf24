//! The Leaflet map: every family with a house pin as a circle marker (class `tepat-pin`), a popup
//! with the head of family, masked KK and member count, and the basemap from the instance's tile
//! URL. When tiles cannot load (no internet in the village, or no tile URL) the pins stay on a
//! neutral background and a notice says the basemap is offline.

use crate::components::escape_html;
use crate::i18n::{Lang, Text};
use leaflet::{
    CircleMarker, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, PathOptions, TileLayer,
    TileLayerOptions,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tepat_domain::FamilyId;
use tepat_protocol::FamilySummary;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use yew::prelude::*;

/// Where the map looks before there are pins (Kabupaten Bangkalan).
const DEFAULT_CENTER: (f64, f64) = (-7.05, 112.95);
/// Pin colours (ui.md): recorded families are grey until they enter a proposal.
const PIN_COLOUR: &str = "#5b6472";
const PIN_SELECTED: &str = "#1d4ed8";

/// Props of [`MapView`].
#[derive(Properties, PartialEq)]
pub struct MapViewProps {
    /// Families to pin.
    pub families: Rc<Vec<FamilySummary>>,
    /// The selected family (its pin is highlighted and its popup opened).
    pub selected: Option<FamilyId>,
    /// A pin was clicked.
    pub on_select: Callback<FamilyId>,
    /// Basemap tile URL template, if any.
    pub tile_url: Option<String>,
    /// Basemap attribution.
    pub attribution: String,
    /// UI language (for the popups).
    pub lang: Lang,
}

/// The live Leaflet objects of one map, kept across renders.
struct MapHandles {
    map: Map,
    pins: LayerGroup,
    markers: HashMap<FamilyId, CircleMarker>,
    /// The basemap's handlers: Leaflet calls them for the map's life.
    _tile_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// The pins' click handlers, replaced with the pins.
    pin_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

fn pin_style(selected: bool) -> PathOptions {
    let options = PathOptions::new();
    options.set_class_name("tepat-pin".into());
    options.set_color("#ffffff".into());
    options.set_weight(if selected { 3.0 } else { 1.5 });
    options.set_fill_color((if selected { PIN_SELECTED } else { PIN_COLOUR }).into());
    options.set_fill_opacity(0.9);
    options
}

fn popup_html(family: &FamilySummary, lang: Lang) -> String {
    format!(
        "<div class=\"pin-popup\"><strong>{}</strong><br>{}: {}<br>{} {}</div>",
        escape_html(&family.head_name),
        Text::KkNumber.get(lang),
        escape_html(&family.kk_masked),
        family.member_count,
        Text::MembersCount.get(lang),
    )
}

/// The map.
#[function_component(MapView)]
pub fn map_view(props: &MapViewProps) -> Html {
    let container = use_node_ref();
    let handles: Rc<RefCell<Option<MapHandles>>> = use_mut_ref(|| None);
    let basemap_offline = use_state(|| props.tile_url.is_none());

    // Create the map once the container is in the document.
    {
        let (container, handles, basemap_offline) =
            (container.clone(), handles.clone(), basemap_offline.clone());
        let (tile_url, attribution) = (props.tile_url.clone(), props.attribution.clone());
        use_effect_with((), move |_| {
            let element = container
                .cast::<web_sys::HtmlElement>()
                .expect("map container");
            let options = MapOptions::new();
            options.set_zoom_control(true);
            if let Ok(map) = Map::new_with_element(&element, &options) {
                map.set_view(&LatLng::new(DEFAULT_CENTER.0, DEFAULT_CENTER.1), 10.0);
                let mut handlers = Vec::new();
                if let Some(url) = tile_url {
                    let tile_options = TileLayerOptions::new();
                    tile_options.set_attribution(attribution);
                    tile_options.set_max_zoom(19.0);
                    let tiles = TileLayer::new_options(&url, &tile_options);
                    let offline = basemap_offline.clone();
                    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| offline.set(true));
                    leaflet::Evented::on(&tiles, "tileerror", on_error.as_ref().unchecked_ref());
                    handlers.push(on_error);
                    tiles.add_to(&map);
                }
                let pins = LayerGroup::new();
                pins.add_to(&map);
                *handles.borrow_mut() = Some(MapHandles {
                    map,
                    pins,
                    markers: HashMap::new(),
                    _tile_handlers: handlers,
                    pin_handlers: Vec::new(),
                });
            }
            move || {
                if let Some(h) = handles.borrow_mut().take() {
                    h.map.remove();
                }
            }
        });
    }

    // Redraw the pins when the families change, and fit the view to them.
    {
        let (handles, on_select, lang) = (handles.clone(), props.on_select.clone(), props.lang);
        use_effect_with((props.families.clone(), lang), move |(families, lang)| {
            let mut guard = handles.borrow_mut();
            if let Some(h) = guard.as_mut() {
                h.pins.clear_layers();
                h.markers.clear();
                h.pin_handlers.clear();
                let mut bounds: Option<LatLngBounds> = None;
                // Many pins (a kecamatan or kabupaten) are drawn smaller so clusters stay legible.
                let radius = if families.len() > 100 { 5.0 } else { 9.0 };
                for family in families.iter() {
                    let Some(location) = family.location else {
                        continue;
                    };
                    let at = LatLng::new(location.lat, location.lon);
                    let marker = CircleMarker::new_with_options(&at, &pin_style(false));
                    marker.set_radius(radius);
                    marker.bind_popup_with_options(
                        &JsValue::from_str(&popup_html(family, *lang)),
                        &JsValue::UNDEFINED,
                    );
                    let (id, on_select) = (family.id, on_select.clone());
                    let on_click = Closure::<dyn FnMut(JsValue)>::new(move |_| on_select.emit(id));
                    leaflet::Evented::on(&marker, "click", on_click.as_ref().unchecked_ref());
                    h.pin_handlers.push(on_click);
                    marker.add_to_layer_group(&h.pins);
                    match &bounds {
                        Some(b) => {
                            b.extend(&at);
                        }
                        None => bounds = Some(LatLngBounds::new(&at, &at)),
                    }
                    h.markers.insert(family.id, marker);
                }
                if let Some(bounds) = bounds {
                    let options = js_sys::Object::new();
                    let padding = js_sys::Array::of2(&JsValue::from(32), &JsValue::from(32));
                    let _ = js_sys::Reflect::set(&options, &"padding".into(), &padding);
                    let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from(16));
                    h.map.fit_bounds_with_options(&bounds, &options);
                }
            }
        });
    }

    // Highlight the selected pin and open its popup.
    {
        let handles = handles.clone();
        use_effect_with(
            (props.selected, props.families.clone()),
            move |(selected, _)| {
                if let Some(h) = handles.borrow().as_ref() {
                    for (id, marker) in &h.markers {
                        let is_selected = Some(*id) == *selected;
                        marker.set_style(&pin_style(is_selected));
                        if is_selected {
                            marker.bring_to_front();
                            marker.open_popup();
                            h.map.pan_to(&marker.get_lat_lng());
                        }
                    }
                }
            },
        );
    }

    html! {
        <div class={classes!("map-frame", (*basemap_offline).then_some("basemap-offline"))}>
            <div class="map" ref={container} data-testid="map"></div>
            if *basemap_offline {
                <p class="map-notice" data-testid="basemap-offline">{ Text::BasemapOffline.get(props.lang) }</p>
            }
        </div>
    }
}
