//! For users above one desa: narrow the map and list to a kecamatan, then a desa.

use crate::api;
use crate::app::AppContext;
use crate::i18n::Text;
use tepat_domain::RegionLevel;
use tepat_protocol::{RegionList, RegionRef, routes};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`RegionPicker`].
#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// The user's own region (kecamatan or kabupaten).
    pub scope: RegionRef,
    /// Called with the chosen region code, or the scope's own code for "all".
    pub on_change: Callback<String>,
}

fn load_children(parent: String, into: UseStateHandle<Vec<RegionRef>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let path = api::with_query(routes::REGIONS, &[("parent", &parent)]);
        if let Ok(list) = crate::local::cache::get::<RegionList>(&path).await {
            into.set(list.regions);
        }
    });
}

/// Kecamatan and desa selects.
#[function_component(RegionPicker)]
pub fn region_picker(props: &RegionPickerProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let kecamatan_list = use_state(Vec::<RegionRef>::new);
    let desa_list = use_state(Vec::<RegionRef>::new);
    let kecamatan = use_state(String::new);
    let at_kabupaten = props.scope.level == RegionLevel::Kabupaten;

    {
        let (scope, kecamatan_list, desa_list) = (
            props.scope.code.to_string(),
            kecamatan_list.clone(),
            desa_list.clone(),
        );
        use_effect_with(scope, move |scope| {
            if at_kabupaten {
                load_children(scope.clone(), kecamatan_list);
            } else {
                load_children(scope.clone(), desa_list);
            }
        });
    }

    let on_kecamatan = {
        let (on_change, kecamatan, desa_list, scope) = (
            props.on_change.clone(),
            kecamatan.clone(),
            desa_list.clone(),
            props.scope.code.to_string(),
        );
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            kecamatan.set(value.clone());
            desa_list.set(Vec::new());
            if value.is_empty() {
                on_change.emit(scope.clone());
            } else {
                load_children(value.clone(), desa_list.clone());
                on_change.emit(value);
            }
        })
    };
    let on_desa = {
        let (on_change, kecamatan, scope) = (
            props.on_change.clone(),
            kecamatan.clone(),
            props.scope.code.to_string(),
        );
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let fallback = if kecamatan.is_empty() {
                scope.clone()
            } else {
                (*kecamatan).clone()
            };
            on_change.emit(if value.is_empty() { fallback } else { value });
        })
    };

    let options = |regions: &[RegionRef]| -> Html {
        regions
            .iter()
            .map(|r| html! { <option value={r.code.to_string()}>{ &r.name }</option> })
            .collect()
    };
    html! {
        <div class="region-picker" data-testid="region-picker">
            if at_kabupaten {
                <label>
                    <span>{ Text::Kecamatan.get(lang) }</span>
                    <select onchange={on_kecamatan}>
                        <option value="">{ Text::AllKecamatan.get(lang) }</option>
                        { options(&kecamatan_list) }
                    </select>
                </label>
            }
            <label>
                <span>{ Text::Desa.get(lang) }</span>
                <select onchange={on_desa} disabled={at_kabupaten && kecamatan.is_empty()}>
                    <option value="">{ Text::AllDesa.get(lang) }</option>
                    { options(&desa_list) }
                </select>
            </label>
        </div>
    }
}
