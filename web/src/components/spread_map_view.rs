//! The spread map's Leaflet part: it draws what the server counted for the current view (a
//! cluster as a ring of its classes with its number, a single family as a coloured circle,
//! kecamatan or desa figures as labelled markers) and tells the page where the map looks after
//! every move or zoom. A cluster tapped zooms to the houses in it; a family or a region tapped
//! is the page's to open.

use crate::components::{div_icon, escape_html};
use crate::format;
use crate::i18n::Lang;
use crate::spread_style::{self, ClassLook};
use leaflet::{
    CircleMarker, DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker,
    MarkerOptions, PathOptions, Point,
};
use std::cell::RefCell;
use std::rc::Rc;
use tepat_domain::FamilyId;
use tepat_protocol::spread::{Bounds, RegionMarker, SpreadClusters};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use yew::prelude::*;

/// Where the map first looks (Kabupaten Bangkalan) before the page moves it.
const START: (f64, f64, f64) = (-7.05, 112.95, 10.0);

/// Where the map looks: its bounds and zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    /// The visible rectangle, clamped to the globe.
    pub bounds: Bounds,
    /// Whole zoom level.
    pub zoom: u8,
}

/// A move the page asks of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Focus {
    /// Show this rectangle.
    Bounds(Bounds),
    /// Centre here at this zoom.
    Point(f64, f64, u8),
}

/// Props of [`SpreadMapView`].
#[derive(Properties, PartialEq)]
pub struct SpreadMapViewProps {
    /// The server's answer for the current view.
    pub answer: Option<Rc<SpreadClusters>>,
    /// Draw the kecamatan/desa figures.
    pub show_regions: bool,
    /// The family opened, ringed.
    pub selected: Option<FamilyId>,
    /// A move to make; the number makes the same move twice two moves.
    pub focus: Option<(u32, Focus)>,
    /// The map moved or zoomed.
    pub on_view: Callback<MapView>,
    /// A single family was tapped.
    pub on_family: Callback<FamilyId>,
    /// A region's marker was tapped.
    pub on_region: Callback<RegionMarker>,
    /// Basemap tile URL template, if any.
    pub tile_url: Option<String>,
    /// Basemap attribution.
    pub attribution: String,
    /// UI language.
    pub lang: Lang,
}

struct Handles {
    map: Map,
    layer: LayerGroup,
    _map_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    marker_handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

fn view_of(map: &Map) -> MapView {
    let b = map.get_bounds();
    let (sw, ne) = (b.get_south_west(), b.get_north_east());
    MapView {
        bounds: Bounds {
            south: sw.lat().clamp(-85.0, 85.0),
            west: sw.lng().clamp(-180.0, 180.0),
            north: ne.lat().clamp(-85.0, 85.0),
            east: ne.lng().clamp(-180.0, 180.0),
        },
        zoom: map.get_zoom().round().clamp(0.0, 20.0) as u8,
    }
}

/// Shows `bounds` with a margin, no closer than zoom 18.
pub fn fit(map: &Map, bounds: &Bounds) {
    let area = LatLngBounds::new(
        &LatLng::new(bounds.south, bounds.west),
        &LatLng::new(bounds.north, bounds.east),
    );
    let options = js_sys::Object::new();
    let padding = js_sys::Array::of2(&JsValue::from(40), &JsValue::from(40));
    let _ = js_sys::Reflect::set(&options, &"padding".into(), &padding);
    let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from(18));
    map.fit_bounds_with_options(&area, &options);
}

fn cluster_marker(at: &LatLng, count: u32, background: &str, lang: Lang) -> Marker {
    let size = match count {
        0..=99 => 44.0,
        100..=9_999 => 52.0,
        _ => 62.0,
    };
    let icon = DivIconOptions::new();
    icon.set_class_name("spread-cluster".into());
    icon.set_html(format!(
        "<span class=\"ring\" style=\"background:{background}\"><span class=\"count\">{}</span></span>",
        format::number(u64::from(count))
    ));
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

fn region_marker(region: &RegionMarker, lang: Lang) -> Marker {
    let icon = DivIconOptions::new();
    icon.set_class_name(if region.loci {
        "spread-region loci".into()
    } else {
        "spread-region".into()
    });
    let extreme = spread_style::share(region.extreme, region.families, lang);
    let (families, extreme_words) = match lang {
        Lang::Id => ("KK", "ekstrem"),
        Lang::En => ("families", "extreme"),
    };
    icon.set_html(format!(
        "<strong>{}</strong><span>{} {families} · {extreme} {extreme_words}</span>",
        escape_html(&region.name),
        format::number(u64::from(region.families)),
    ));
    // Below the centre of its houses, so the cluster there stays visible.
    icon.set_icon_size(Point::new(176.0, 44.0));
    icon.set_icon_anchor(Point::new(88.0, -30.0));
    let options = MarkerOptions::new();
    if let Some(icon) = div_icon(&icon) {
        options.set_icon(icon);
    }
    options.set_title(region.name.clone());
    options.set_z_index_offset(1000.0);
    Marker::new_with_options(&LatLng::new(region.lat, region.lon), &options)
}

fn family_marker(at: &LatLng, look: &ClassLook, selected: bool) -> CircleMarker {
    let options = PathOptions::new();
    options.set_class_name(format!("spread-family {}", look.key));
    options.set_color(if selected { "#111827" } else { "#ffffff" }.into());
    options.set_weight(if selected { 4.0 } else { 1.5 });
    options.set_fill_color(look.fill.into());
    options.set_fill_opacity(0.92);
    let marker = CircleMarker::new_with_options(at, &options);
    marker.set_radius(9.0);
    marker
}

struct Drawn {
    answer: Option<Rc<SpreadClusters>>,
    show_regions: bool,
    selected: Option<FamilyId>,
    on_family: Callback<FamilyId>,
    on_region: Callback<RegionMarker>,
    lang: Lang,
}

fn draw(handles: &Rc<RefCell<Option<Handles>>>, drawn: &Drawn) {
    let mut guard = handles.borrow_mut();
    let Some(h) = guard.as_mut() else { return };
    h.layer.clear_layers();
    h.marker_handlers.clear();
    let Some(answer) = &drawn.answer else { return };
    let looks = spread_style::classes(answer.colour, drawn.lang);
    for cluster in &answer.clusters {
        let at = LatLng::new(cluster.lat, cluster.lon);
        if let (1, Some(id)) = (cluster.count, cluster.family) {
            let look = &looks[spread_style::main_class(&cluster.parts).min(looks.len() - 1)];
            let marker = family_marker(&at, look, drawn.selected == Some(id));
            let on_family = drawn.on_family.clone();
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| on_family.emit(id));
            leaflet::Evented::on(&marker, "click", click.as_ref().unchecked_ref());
            h.marker_handlers.push(click);
            marker.add_to_layer_group(&h.layer);
        } else {
            let ring = spread_style::ring(&cluster.parts, &looks);
            let marker = cluster_marker(&at, cluster.count, &ring, drawn.lang);
            let (map, bounds) = (h.map.clone(), cluster.bounds);
            let zoom = answer.zoom;
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if bounds.north - bounds.south < 1e-6 && bounds.east - bounds.west < 1e-6 {
                    // Houses on one spot: come close enough to tell them apart.
                    map.set_view(&LatLng::new(bounds.north, bounds.west), f64::from(zoom + 3));
                } else {
                    fit(&map, &bounds);
                }
            });
            leaflet::Evented::on(&marker, "click", click.as_ref().unchecked_ref());
            h.marker_handlers.push(click);
            marker.add_to_layer_group(&h.layer);
        }
    }
    if drawn.show_regions {
        for region in &answer.regions {
            let marker = region_marker(region, drawn.lang);
            let (on_region, region) = (drawn.on_region.clone(), region.clone());
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| on_region.emit(region.clone()));
            leaflet::Evented::on(&marker, "click", click.as_ref().unchecked_ref());
            h.marker_handlers.push(click);
            marker.add_to_layer_group(&h.layer);
        }
    }
}

/// The spread map.
#[function_component(SpreadMapView)]
pub fn spread_map_view(props: &SpreadMapViewProps) -> Html {
    let container = use_node_ref();
    let handles: Rc<RefCell<Option<Handles>>> = use_mut_ref(|| None);
    let basemap_offline = use_state(|| props.tile_url.is_none());
    {
        let (container, handles, offline) =
            (container.clone(), handles.clone(), basemap_offline.clone());
        let (tile_url, attribution, on_view) = (
            props.tile_url.clone(),
            props.attribution.clone(),
            props.on_view.clone(),
        );
        use_effect_with((), move |_| {
            let element = container
                .cast::<web_sys::HtmlElement>()
                .expect("map container");
            let options = MapOptions::new();
            options.set_zoom_control(true);
            if let Ok(map) = Map::new_with_element(&element, &options) {
                map.set_view(&LatLng::new(START.0, START.1), START.2);
                let mut handlers = Vec::new();
                if let Some(url) = tile_url {
                    let offline = offline.clone();
                    handlers.push(crate::components::map_view::add_basemap(
                        &map,
                        &url,
                        attribution,
                        move || offline.set(true),
                    ));
                }
                let layer = LayerGroup::new();
                layer.add_to(&map);
                let (moved_map, moved) = (map.clone(), on_view.clone());
                let on_move =
                    Closure::<dyn FnMut(JsValue)>::new(move |_| moved.emit(view_of(&moved_map)));
                leaflet::Evented::on(&map, "moveend", on_move.as_ref().unchecked_ref());
                handlers.push(on_move);
                on_view.emit(view_of(&map));
                *handles.borrow_mut() = Some(Handles {
                    map,
                    layer,
                    _map_handlers: handlers,
                    marker_handlers: Vec::new(),
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
        let drawn = Drawn {
            answer: props.answer.clone(),
            show_regions: props.show_regions,
            selected: props.selected,
            on_family: props.on_family.clone(),
            on_region: props.on_region.clone(),
            lang: props.lang,
        };
        use_effect_with(
            (
                props.answer.clone(),
                props.show_regions,
                props.selected,
                props.lang,
            ),
            move |_| draw(&handles, &drawn),
        );
    }
    {
        let handles = handles.clone();
        use_effect_with(props.focus, move |focus| {
            let map = handles.borrow().as_ref().map(|h| h.map.clone());
            if let (Some(map), Some((_, focus))) = (map, focus) {
                match focus {
                    Focus::Bounds(bounds) => fit(&map, bounds),
                    Focus::Point(lat, lon, zoom) => {
                        map.set_view(&LatLng::new(*lat, *lon), f64::from(*zoom));
                    }
                }
            }
        });
    }
    html! {
        <div class={classes!("map-frame", "spread-frame", (*basemap_offline).then_some("basemap-offline"))}>
            <div class="map" ref={container} data-testid="spread-map"></div>
        </div>
    }
}
