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
use tepat_domain::workflow::StatusCategory;
use tepat_protocol::FamilySummary;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use yew::prelude::*;

/// Where the map looks before there are pins (Kabupaten Bangkalan).
const DEFAULT_CENTER: (f64, f64) = (-7.05, 112.95);
/// The selected pin's ring.
const PIN_SELECTED_RING: &str = "#111827";

/// A pin's fill and CSS class by the status of the family's proposals (ui.md colours): grey
/// while there is none or a draft, blue waiting for the musdes, amber in the approval chain, red
/// returned, green in the register, white with a dark outline when closed.
fn pin_colour(status: Option<StatusCategory>) -> (&'static str, &'static str) {
    match status {
        None => ("#5b6472", "none"),
        Some(StatusCategory::Draft) => ("#5b6472", "draft"),
        Some(StatusCategory::WaitingForMusdes) => ("#1d4ed8", "musdes"),
        Some(StatusCategory::InApprovalChain) => ("#b45309", "chain"),
        Some(StatusCategory::Returned) => ("#b42318", "returned"),
        Some(StatusCategory::Final) => ("#0f5132", "final"),
        Some(StatusCategory::Closed) => ("#ffffff", "closed"),
    }
}

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
    /// The status of each family's proposals, where known (pins are coloured by it).
    #[prop_or_default]
    pub statuses: Rc<HashMap<FamilyId, StatusCategory>>,
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

fn pin_style(selected: bool, status: Option<StatusCategory>) -> PathOptions {
    let (fill, class) = pin_colour(status);
    let options = PathOptions::new();
    options.set_class_name(format!("tepat-pin status-{class}"));
    let outline = if status == Some(StatusCategory::Closed) {
        "#374151"
    } else {
        "#ffffff"
    };
    options.set_color((if selected { PIN_SELECTED_RING } else { outline }).into());
    options.set_weight(if selected { 4.0 } else { 1.5 });
    options.set_fill_color(fill.into());
    options.set_fill_opacity(0.9);
    options
}

/// The colours in use, explained (only when some family has a proposal).
fn legend(statuses: &HashMap<FamilyId, StatusCategory>, lang: Lang) -> Html {
    use StatusCategory as C;
    let present: Vec<C> = [
        C::Draft,
        C::WaitingForMusdes,
        C::InApprovalChain,
        C::Returned,
        C::Final,
        C::Closed,
    ]
    .into_iter()
    .filter(|c| statuses.values().any(|s| s == c))
    .collect();
    if present.is_empty() {
        return html! {};
    }
    let label = |c: C| match (c, lang) {
        (C::Draft, Lang::Id) => "Draf",
        (C::Draft, Lang::En) => "Draft",
        (C::WaitingForMusdes, Lang::Id) => "Menunggu musdes",
        (C::WaitingForMusdes, Lang::En) => "Waiting for musdes",
        (C::InApprovalChain, Lang::Id) => "Dalam persetujuan",
        (C::InApprovalChain, Lang::En) => "In approval",
        (C::Returned, Lang::Id) => "Dikembalikan",
        (C::Returned, Lang::En) => "Returned",
        (C::Final, Lang::Id) => "Masuk register",
        (C::Final, Lang::En) => "In the register",
        (C::Closed, Lang::Id) => "Selesai/ditolak",
        (C::Closed, Lang::En) => "Closed",
    };
    html! {
        <ul class="map-legend" data-testid="map-legend">
            <li><span class="dot status-none"></span>{ Text::NoProposal.get(lang) }</li>
            { for present.into_iter().map(|c| {
                let (_, class) = pin_colour(Some(c));
                html! { <li><span class={classes!("dot", format!("status-{class}"))}></span>{ label(c) }</li> }
            }) }
        </ul>
    }
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
                    // CORS, so the service worker keeps readable tiles (not opaque ones, which
                    // cost megabytes of quota each); it learns which requests are tiles here.
                    tile_options.set_cross_origin("anonymous".into());
                    crate::tile_cache::announce(&url);
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
        use_effect_with(
            (props.families.clone(), lang, props.statuses.clone()),
            move |(families, lang, statuses)| {
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
                        let marker = CircleMarker::new_with_options(
                            &at,
                            &pin_style(false, statuses.get(&family.id).copied()),
                        );
                        marker.set_radius(radius);
                        marker.bind_popup_with_options(
                            &JsValue::from_str(&popup_html(family, *lang)),
                            &JsValue::UNDEFINED,
                        );
                        let (id, on_select) = (family.id, on_select.clone());
                        let on_click =
                            Closure::<dyn FnMut(JsValue)>::new(move |_| on_select.emit(id));
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
                        let _ =
                            js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from(16));
                        h.map.fit_bounds_with_options(&bounds, &options);
                    }
                }
            },
        );
    }

    // Highlight the selected pin and open its popup.
    {
        let handles = handles.clone();
        use_effect_with(
            (
                props.selected,
                props.families.clone(),
                props.statuses.clone(),
            ),
            move |(selected, _, statuses)| {
                if let Some(h) = handles.borrow().as_ref() {
                    for (id, marker) in &h.markers {
                        let is_selected = Some(*id) == *selected;
                        marker.set_style(&pin_style(is_selected, statuses.get(id).copied()));
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
            { legend(&props.statuses, props.lang) }
            if *basemap_offline {
                <p class="map-notice" data-testid="basemap-offline">{ Text::BasemapOffline.get(props.lang) }</p>
            }
        </div>
    }
}
