//! The Leaflet map: every family with a house pin as a circle marker (class `tepat-pin` and
//! its [`PinClass`]'s class), a popup with the head of family, masked KK, member count and the
//! pin's class in words, and the basemap from the instance's tile URL. Zoomed out, nearby pins
//! are drawn as one numbered group ([`crate::cluster`]) that zooms in when tapped. When tiles
//! cannot load (no internet in the village, or no tile URL) the pins stay on a neutral
//! background and a notice says the basemap is offline.

use crate::cluster;
use crate::components::{div_icon, escape_html};
use crate::i18n::{Lang, Text};
use crate::pin_colours::PinClass;
use leaflet::{
    CircleMarker, DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker,
    MarkerOptions, PathOptions, Point, TileLayer, TileLayerOptions,
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
/// The selected pin's ring.
const PIN_SELECTED_RING: &str = "#111827";

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
    /// Each family's pin class (colour); a family missing here is drawn grey.
    #[prop_or_default]
    pub classes: Rc<HashMap<FamilyId, PinClass>>,
}

/// What is drawn: kept apart from the props so that a zoom can redraw on its own.
#[derive(Default)]
struct Drawing {
    families: Rc<Vec<FamilySummary>>,
    classes: Rc<HashMap<FamilyId, PinClass>>,
    selected: Option<FamilyId>,
    /// The selected family's popup opens once its pin is drawn by itself.
    open_selected: bool,
    on_select: Callback<FamilyId>,
    lang: Lang,
}

/// The live Leaflet objects of one map, kept across renders.
struct MapHandles {
    map: Map,
    pins: LayerGroup,
    markers: HashMap<FamilyId, CircleMarker>,
    /// The basemap's and the zoom's handlers: Leaflet calls them for the map's life.
    _tile_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// The pins' click handlers, replaced with the pins.
    pin_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

type Shared<T> = Rc<RefCell<T>>;

fn pin_style(selected: bool, class: PinClass) -> PathOptions {
    let look = class.look();
    let options = PathOptions::new();
    options.set_class_name(format!("tepat-pin {}", look.class));
    options.set_color(
        (if selected {
            PIN_SELECTED_RING
        } else {
            look.outline
        })
        .into(),
    );
    options.set_weight(if selected { 4.0 } else { 1.5 });
    options.set_fill_color(look.fill.into());
    options.set_fill_opacity(0.92);
    options
}

fn class_of(drawing: &Drawing, id: FamilyId) -> PinClass {
    drawing
        .classes
        .get(&id)
        .copied()
        .unwrap_or(PinClass::Status(None))
}

fn popup_html(family: &FamilySummary, class: PinClass, lang: Lang) -> String {
    format!(
        "<div class=\"pin-popup\"><strong>{}</strong><br>{}: {}<br>{} {}<br>{}</div>",
        escape_html(&family.head_name),
        Text::KkNumber.get(lang),
        escape_html(&family.kk_masked),
        family.member_count,
        Text::MembersCount.get(lang),
        escape_html(&class.label(lang)),
    )
}

/// A group's marker: a round badge with the number of houses, in its houses' colour when
/// they all share one (dark grey otherwise).
fn group_marker(at: &LatLng, count: usize, shared: Option<PinClass>, lang: Lang) -> Marker {
    let size = match count {
        0..=9 => 40.0,
        10..=99 => 46.0,
        _ => 54.0,
    };
    let icon = DivIconOptions::new();
    icon.set_class_name("pin-group".into());
    let style = shared.map_or_else(String::new, |class| {
        let look = class.look();
        let text = if look.outline == "#ffffff" {
            "#ffffff"
        } else {
            "#17202a"
        };
        format!(" style=\"background:{};color:{text}\"", look.fill)
    });
    icon.set_html(format!("<span{style}>{count}</span>"));
    icon.set_icon_size(Point::new(size, size));
    icon.set_icon_anchor(Point::new(size / 2.0, size / 2.0));
    let options = MarkerOptions::new();
    if let Some(icon) = div_icon(&icon) {
        options.set_icon(icon);
    }
    options.set_title(match lang {
        Lang::Id => format!("{count} keluarga: ketuk untuk memperbesar"),
        Lang::En => format!("{count} families: tap to zoom in"),
    });
    Marker::new_with_options(at, &options)
}

/// Fits the view to `points` (a few pixels of margin, no closer than `max_zoom`).
fn fit(map: &Map, points: impl IntoIterator<Item = (f64, f64)>, max_zoom: f64) {
    let mut bounds: Option<LatLngBounds> = None;
    for (lat, lon) in points {
        let at = LatLng::new(lat, lon);
        match &bounds {
            Some(b) => {
                b.extend(&at);
            }
            None => bounds = Some(LatLngBounds::new(&at, &at)),
        }
    }
    if let Some(bounds) = bounds {
        let options = js_sys::Object::new();
        let padding = js_sys::Array::of2(&JsValue::from(32), &JsValue::from(32));
        let _ = js_sys::Reflect::set(&options, &"padding".into(), &padding);
        let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from(max_zoom));
        map.fit_bounds_with_options(&bounds, &options);
    }
}

/// Draws the pins at the map's zoom: single houses as circles, nearby houses as one group.
fn draw(handles: &Shared<Option<MapHandles>>, drawing: &Shared<Drawing>) {
    let mut guard = handles.borrow_mut();
    let Some(h) = guard.as_mut() else {
        return;
    };
    let mut drawing = drawing.borrow_mut();
    h.pins.clear_layers();
    h.markers.clear();
    h.pin_handlers.clear();
    let zoom = h.map.get_zoom();
    let points: Vec<(usize, f64, f64)> = drawing
        .families
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.location.map(|l| (i, l.lat, l.lon)))
        .collect();
    for group in cluster::cluster(&points, zoom) {
        let at = LatLng::new(group.lat, group.lon);
        if let [only] = group.members[..] {
            let family = &drawing.families[only];
            let class = class_of(&drawing, family.id);
            let selected = drawing.selected == Some(family.id);
            let marker = CircleMarker::new_with_options(&at, &pin_style(selected, class));
            marker.set_radius(9.0);
            marker.bind_popup_with_options(
                &JsValue::from_str(&popup_html(family, class, drawing.lang)),
                &JsValue::UNDEFINED,
            );
            let (id, on_select) = (family.id, drawing.on_select.clone());
            let on_click = Closure::<dyn FnMut(JsValue)>::new(move |_| on_select.emit(id));
            leaflet::Evented::on(&marker, "click", on_click.as_ref().unchecked_ref());
            h.pin_handlers.push(on_click);
            marker.add_to_layer_group(&h.pins);
            h.markers.insert(family.id, marker);
        } else {
            let first = class_of(&drawing, drawing.families[group.members[0]].id);
            let shared = group
                .members
                .iter()
                .all(|i| class_of(&drawing, drawing.families[*i].id) == first)
                .then_some(first);
            let marker = group_marker(&at, group.members.len(), shared, drawing.lang);
            let members: Vec<(f64, f64)> = group
                .members
                .iter()
                .filter_map(|i| drawing.families[*i].location.map(|l| (l.lat, l.lon)))
                .collect();
            let map = h.map.clone();
            let on_click = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                fit(&map, members.iter().copied(), cluster::SEPARATE_FROM_ZOOM);
            });
            leaflet::Evented::on(&marker, "click", on_click.as_ref().unchecked_ref());
            h.pin_handlers.push(on_click);
            marker.add_to_layer_group(&h.pins);
        }
    }
    if let Some(marker) = drawing.selected.and_then(|id| h.markers.get(&id)) {
        marker.bring_to_front();
        if drawing.open_selected {
            drawing.open_selected = false;
            marker.open_popup();
        }
    }
}

/// Adds the instance's basemap to `map` (CORS, so the service worker keeps readable tiles, not
/// opaque ones costing megabytes of quota each; it learns here which requests are tiles);
/// `offline` is called when a tile fails. Answers the failure handler, to keep for the map's life.
pub fn add_basemap(
    map: &Map,
    url: &str,
    attribution: String,
    offline: impl Fn() + 'static,
) -> Closure<dyn FnMut(JsValue)> {
    let tile_options = TileLayerOptions::new();
    tile_options.set_attribution(attribution);
    tile_options.set_max_zoom(19.0);
    tile_options.set_cross_origin("anonymous".into());
    crate::tile_cache::announce(url);
    let tiles = TileLayer::new_options(url, &tile_options);
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| offline());
    leaflet::Evented::on(&tiles, "tileerror", on_error.as_ref().unchecked_ref());
    tiles.add_to(map);
    on_error
}

/// The map.
#[function_component(MapView)]
pub fn map_view(props: &MapViewProps) -> Html {
    let container = use_node_ref();
    let handles: Shared<Option<MapHandles>> = use_mut_ref(|| None);
    let drawing: Shared<Drawing> = use_mut_ref(Drawing::default);
    let basemap_offline = use_state(|| props.tile_url.is_none());

    // Create the map once the container is in the document.
    {
        let (container, handles, basemap_offline) =
            (container.clone(), handles.clone(), basemap_offline.clone());
        let drawing = drawing.clone();
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
                    let offline = basemap_offline.clone();
                    handlers.push(add_basemap(&map, &url, attribution, move || {
                        offline.set(true)
                    }));
                }
                let pins = LayerGroup::new();
                pins.add_to(&map);
                let (again, drawn) = (handles.clone(), drawing.clone());
                let on_zoom = Closure::<dyn FnMut(JsValue)>::new(move |_| draw(&again, &drawn));
                leaflet::Evented::on(&map, "zoomend", on_zoom.as_ref().unchecked_ref());
                handlers.push(on_zoom);
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

    // Redraw the pins when the families or their colours change; fit the view to new families.
    {
        let (handles, drawing) = (handles.clone(), drawing.clone());
        let (on_select, lang) = (props.on_select.clone(), props.lang);
        use_effect_with(
            (props.families.clone(), lang, props.classes.clone()),
            move |(families, lang, classes)| {
                let moved = {
                    let mut d = drawing.borrow_mut();
                    // A new status or name keeps the view; other families or pins refit it.
                    let places = |list: &[FamilySummary]| -> Vec<_> {
                        list.iter().map(|f| (f.id, f.location)).collect()
                    };
                    let moved = places(&d.families) != places(families);
                    d.families = families.clone();
                    d.classes = classes.clone();
                    d.on_select = on_select;
                    d.lang = *lang;
                    moved
                };
                draw(&handles, &drawing);
                if moved {
                    let map = handles.borrow().as_ref().map(|h| h.map.clone());
                    if let Some(map) = map {
                        let points: Vec<(f64, f64)> = families
                            .iter()
                            .filter_map(|f| f.location.map(|l| (l.lat, l.lon)))
                            .collect();
                        fit(&map, points, 16.0);
                    }
                }
            },
        );
    }

    // Highlight the selected pin and open its popup, zooming in when it is inside a group.
    {
        let (handles, drawing) = (handles.clone(), drawing.clone());
        use_effect_with(props.selected, move |selected| {
            let location = {
                let mut d = drawing.borrow_mut();
                d.selected = *selected;
                d.open_selected = selected.is_some();
                selected.and_then(|id| d.families.iter().find(|f| f.id == id)?.location)
            };
            draw(&handles, &drawing);
            // Leaflet may fire `zoomend` (and so redraw) inside these calls: nothing is borrowed.
            let map = handles.borrow().as_ref().map(|h| {
                let drawn_alone = selected.is_some_and(|id| h.markers.contains_key(&id));
                (h.map.clone(), drawn_alone)
            });
            if let (Some((map, drawn_alone)), Some(at)) = (map, location) {
                let at = LatLng::new(at.lat, at.lon);
                if drawn_alone {
                    map.pan_to(&at);
                } else {
                    // Inside a group: zoom in; the redraw at the new zoom opens the popup.
                    map.set_view(&at, cluster::SEPARATE_FROM_ZOOM);
                }
            }
        });
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
