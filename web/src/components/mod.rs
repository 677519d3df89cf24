//! Reusable pieces of the pages, one module each.

pub mod backup_panel;
pub mod case_detail;
pub mod case_row;
pub mod family_detail;
pub mod family_list;
pub mod house_photo;
pub mod instrument_form;
pub mod label_panel;
pub mod lang_switch;
pub mod map_download;
pub mod map_view;
pub mod musdes_evidence;
pub mod notification_bell;
pub mod pin_picker;
pub mod proposals_panel;
pub mod region_picker;
pub mod spread_map_view;
pub mod sync_notes;
pub mod topbar;
pub mod update_prompt;
pub mod visit_panel;
pub mod windows_strip;

/// Escapes text for insertion into HTML built as a string (Leaflet popups): names are typed by
/// people and must never become markup.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `L.divIcon(options)`. (The `leaflet` crate's `DivIcon::new` constructs an `L.Icon`, which
/// throws without an image URL.)
pub fn div_icon(options: &leaflet::DivIconOptions) -> Option<leaflet::Icon> {
    use wasm_bindgen::JsCast;
    let leaflet = js_sys::Reflect::get(&js_sys::global(), &"L".into()).ok()?;
    let make: js_sys::Function = js_sys::Reflect::get(&leaflet, &"divIcon".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some(make.call1(&leaflet, options).ok()?.unchecked_into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_never_become_markup() {
        assert_eq!(
            super::escape_html("<b>Sa'diyah & co</b>"),
            "&lt;b&gt;Sa&#39;diyah &amp; co&lt;/b&gt;"
        );
    }
}
