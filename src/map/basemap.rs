//! The schematic base map: China's provinces (with Hong Kong, Macau and
//! Taiwan) and neighbouring land from `data/basemap.geojson`, with province
//! names at the zooms where they fit. Always under everything else, so the
//! map means something with no tile server at all.

use super::leaflet::{self, Layer, Map, Marker};
use js_sys::Reflect;
use locator_core::{Lang, LatLng};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A province name on the map.
struct Label {
    marker: Marker,
    element: web_sys::HtmlElement,
    name_zh: String,
    name_en: String,
    min_zoom: f64,
    shown: bool,
}

/// The base map's layers once loaded.
pub struct BaseMap {
    _layer: Layer,
    labels: Vec<Label>,
    _style: Closure<dyn Fn(JsValue) -> JsValue>,
}

fn get_str(v: &JsValue, key: &str) -> Option<String> {
    Reflect::get(v, &key.into()).ok()?.as_string()
}

impl BaseMap {
    /// Draws the base map from the parsed GeoJSON `data` onto `map`.
    pub fn add(map: &Map, data: &JsValue, lang: Lang) -> BaseMap {
        let style = Closure::<dyn Fn(JsValue) -> JsValue>::new(|feature: JsValue| {
            let role = Reflect::get(&feature, &"properties".into())
                .ok()
                .and_then(|p| get_str(&p, "role"));
            let province = role.as_deref() == Some("province");
            leaflet::options(&[
                (
                    "className",
                    if province { "evl-province" } else { "evl-land" }.into(),
                ),
                ("weight", if province { 1.0 } else { 0.6 }.into()),
            ])
        });
        let layer = leaflet::geo_json(
            data,
            &leaflet::options(&[
                ("style", style.as_ref().clone()),
                ("interactive", false.into()),
            ]),
        );
        layer.add_to(map);
        map.attribution_control()
            .add_attribution("Natural Earth (public domain)");

        let mut labels = Vec::new();
        let features = Reflect::get(data, &"features".into()).unwrap_or(JsValue::UNDEFINED);
        for feature in js_sys::Array::from(&features).iter() {
            let Ok(props) = Reflect::get(&feature, &"properties".into()) else {
                continue;
            };
            if get_str(&props, "role").as_deref() != Some("province") {
                continue;
            }
            let Ok(label) = Reflect::get(&props, &"label".into()) else {
                continue;
            };
            let label = js_sys::Array::from(&label);
            let (Some(lng), Some(lat)) = (label.get(0).as_f64(), label.get(1).as_f64()) else {
                continue;
            };
            let Ok(at) = LatLng::new(lat, lng) else {
                continue;
            };
            let min_zoom = Reflect::get(&props, &"label_min_zoom".into())
                .ok()
                .and_then(|z| z.as_f64())
                .unwrap_or(5.0);
            let Some(element) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("span").ok())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            element.set_class_name("evl-province-label");
            let icon = leaflet::div_icon(&leaflet::options(&[
                ("className", "evl-province-label-box".into()),
                ("html", element.clone().into()),
                ("iconSize", JsValue::NULL),
            ]));
            let marker = leaflet::marker(
                &leaflet::lat_lng(at),
                &leaflet::options(&[
                    ("icon", icon),
                    ("interactive", false.into()),
                    ("keyboard", false.into()),
                    ("pane", "overlayPane".into()),
                ]),
            );
            labels.push(Label {
                marker,
                element,
                name_zh: get_str(&props, "name_zh").unwrap_or_default(),
                name_en: get_str(&props, "name_en").unwrap_or_default(),
                min_zoom,
                shown: false,
            });
        }
        let mut base = BaseMap {
            _layer: layer,
            labels,
            _style: style,
        };
        base.set_lang(lang);
        base.update_zoom(map);
        base
    }

    /// Writes the province names in `lang` (as text, never HTML).
    pub fn set_lang(&mut self, lang: Lang) {
        for l in &self.labels {
            let name = match lang {
                Lang::Zh => &l.name_zh,
                Lang::En => &l.name_en,
            };
            l.element.set_text_content(Some(name));
        }
    }

    /// Shows the names whose minimum zoom the map has reached.
    pub fn update_zoom(&mut self, map: &Map) {
        let zoom = map.get_zoom();
        for l in &mut self.labels {
            let show = zoom >= l.min_zoom && zoom < 10.0;
            if show && !l.shown {
                l.marker.add_to(map);
            } else if !show && l.shown {
                l.marker.remove_layer();
            }
            l.shown = show;
        }
    }
}
