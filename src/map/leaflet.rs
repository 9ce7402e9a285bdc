//! Thin bindings to the parts of Leaflet 1.9 the map uses, through
//! `window.__evlL`: our own copy of `node_modules/leaflet` (never a CDN),
//! loaded as a module that leaves the page's `L` alone, so a host page's own
//! Leaflet and ours never meet (`tools/build/postbuild.mjs`). The page does
//! not load it up front: [`load_library`] does, when the map is first shown.
//!
//! Leaflet takes positions as `[lat, lng]` arrays ([`lat_lng`]); GeoJSON data
//! handed to [`geo_json`] stays `[lng, lat]`. Nothing from the dataset is
//! passed as HTML: markers are styled by class and named by attributes.

use js_sys::{Array, Function, Object, Reflect};
use locator_core::LatLng;
use wasm_bindgen::prelude::*;

/// Why the map library is not on the page.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LibraryError {
    /// The page has neither our Leaflet nor the start-up script's loader
    /// (`window.__evlLeaflet`, written by `tools/build/postbuild.mjs`).
    #[error("the page has no map library and no way to load it")]
    Missing,
    /// The loader's request failed; `file` is what it asked for.
    #[error("the map library could not be loaded ({file})")]
    Failed { file: String },
}

/// Makes sure Leaflet's script and stylesheet are on the page, through the
/// start-up script's loader, which asks for each once (and again after a
/// failure). Without the loader, a page that has `__evlL` is taken as it is.
pub async fn load_library() -> Result<(), LibraryError> {
    let window: JsValue = js_sys::global().into();
    let has_l = Reflect::get(&window, &"__evlL".into()).is_ok_and(|l| l.is_object());
    let loader = Reflect::get(&window, &"__evlLeaflet".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let Some(loader) = loader else {
        return if has_l {
            Ok(())
        } else {
            Err(LibraryError::Missing)
        };
    };
    let promise = loader
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or(LibraryError::Missing)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| LibraryError::Failed {
            file: e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default(),
        })
}

#[wasm_bindgen]
extern "C" {
    /// `L.Map`.
    #[derive(Clone, Debug)]
    pub type Map;

    /// `L.map(element, options)`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = map)]
    pub fn new_map(element: &web_sys::HtmlElement, options: &JsValue) -> Map;

    /// `map.setView([lat, lng], zoom)`.
    #[wasm_bindgen(method, js_name = setView)]
    pub fn set_view(this: &Map, center: &JsValue, zoom: f64);

    /// `map.fitBounds([[lat, lng], [lat, lng]], options)`.
    #[wasm_bindgen(method, js_name = fitBounds)]
    pub fn fit_bounds(this: &Map, bounds: &JsValue, options: &JsValue);

    /// `map.panTo([lat, lng])`.
    #[wasm_bindgen(method, js_name = panTo)]
    pub fn pan_to(this: &Map, center: &JsValue);

    /// `map.getZoom()`.
    #[wasm_bindgen(method, js_name = getZoom)]
    pub fn get_zoom(this: &Map) -> f64;

    /// `map.getBounds()`: the part of the map on screen.
    #[wasm_bindgen(method, js_name = getBounds)]
    pub fn get_bounds(this: &Map) -> Bounds;

    /// `map.getCenter()`.
    #[wasm_bindgen(method, js_name = getCenter)]
    pub fn get_center(this: &Map) -> JsValue;

    /// `map.getMaxZoom()`.
    #[wasm_bindgen(method, js_name = getMaxZoom)]
    pub fn get_max_zoom(this: &Map) -> f64;

    /// `map.setMaxZoom(zoom)`.
    #[wasm_bindgen(method, js_name = setMaxZoom)]
    pub fn set_max_zoom(this: &Map, zoom: f64);

    /// `map.getContainer()`.
    #[wasm_bindgen(method, js_name = getContainer)]
    pub fn get_container(this: &Map) -> web_sys::HtmlElement;

    /// `map.openPopup(content, [lat, lng], options)`.
    #[wasm_bindgen(method, js_name = openPopup)]
    pub fn open_popup(this: &Map, content: &web_sys::HtmlElement, at: &JsValue, options: &JsValue);

    /// `map.closePopup()`.
    #[wasm_bindgen(method, js_name = closePopup)]
    pub fn close_popup(this: &Map);

    /// `map.invalidateSize()`, after the container changed size.
    #[wasm_bindgen(method, js_name = invalidateSize)]
    pub fn invalidate_size(this: &Map);

    /// `map.createPane(name)`.
    #[wasm_bindgen(method, js_name = createPane)]
    pub fn create_pane(this: &Map, name: &str) -> web_sys::HtmlElement;

    /// `map.on(event, handler)`.
    #[wasm_bindgen(method, js_name = on)]
    pub fn on(this: &Map, event: &str, handler: &Function);

    /// `map.remove()`.
    #[wasm_bindgen(method, js_name = remove)]
    pub fn remove(this: &Map);

    /// `L.LatLngBounds`.
    #[derive(Clone, Debug)]
    pub type Bounds;

    #[wasm_bindgen(method)]
    fn contains(this: &Bounds, point: &JsValue) -> bool;

    /// `bounds.getWest()`, degrees.
    #[wasm_bindgen(method, js_name = getWest)]
    pub fn west(this: &Bounds) -> f64;

    /// `bounds.getSouth()`, degrees.
    #[wasm_bindgen(method, js_name = getSouth)]
    pub fn south(this: &Bounds) -> f64;

    /// `bounds.getEast()`, degrees.
    #[wasm_bindgen(method, js_name = getEast)]
    pub fn east(this: &Bounds) -> f64;

    /// `bounds.getNorth()`, degrees.
    #[wasm_bindgen(method, js_name = getNorth)]
    pub fn north(this: &Bounds) -> f64;

    /// `L.tileLayer(urlTemplate, options)`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = tileLayer)]
    pub fn tile_layer(url_template: &str, options: &JsValue) -> Layer;

    /// `L.Layer`: anything that can be put on the map.
    #[derive(Clone, Debug)]
    pub type Layer;

    /// `layer.addTo(map)`.
    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &Layer, map: &Map);

    /// `layer.remove()`.
    #[wasm_bindgen(method, js_name = remove)]
    pub fn remove_layer(this: &Layer);

    /// `L.LayerGroup`.
    #[wasm_bindgen(extends = Layer)]
    #[derive(Clone, Debug)]
    pub type LayerGroup;

    /// `L.layerGroup()`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = layerGroup)]
    pub fn layer_group() -> LayerGroup;

    /// `group.addLayer(layer)`.
    #[wasm_bindgen(method, js_name = addLayer)]
    pub fn add_layer(this: &LayerGroup, layer: &Layer);

    /// `group.removeLayer(layer)`.
    #[wasm_bindgen(method, js_name = removeLayer)]
    pub fn remove_member(this: &LayerGroup, layer: &Layer);

    /// `group.clearLayers()`.
    #[wasm_bindgen(method, js_name = clearLayers)]
    pub fn clear_layers(this: &LayerGroup);

    /// `L.Marker`.
    #[wasm_bindgen(extends = Layer)]
    #[derive(Clone, Debug)]
    pub type Marker;

    /// `L.marker([lat, lng], options)`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = marker)]
    pub fn marker(at: &JsValue, options: &JsValue) -> Marker;

    /// `marker.setLatLng([lat, lng])`.
    #[wasm_bindgen(method, js_name = setLatLng)]
    pub fn set_lat_lng(this: &Marker, at: &JsValue);

    /// `marker.setZIndexOffset(offset)`.
    #[wasm_bindgen(method, js_name = setZIndexOffset)]
    pub fn set_z_index_offset(this: &Marker, offset: f64);

    /// `marker.getElement()`: the icon's element once on the map.
    #[wasm_bindgen(method, js_name = getElement)]
    pub fn get_element(this: &Marker) -> Option<web_sys::HtmlElement>;

    /// `marker.on(event, handler)`.
    #[wasm_bindgen(method, js_name = on)]
    pub fn on_marker(this: &Marker, event: &str, handler: &Function);

    /// `L.divIcon(options)`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = divIcon)]
    pub fn div_icon(options: &JsValue) -> JsValue;

    /// `L.geoJSON(data, options)`.
    #[wasm_bindgen(js_namespace = __evlL, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> Layer;

    /// `L.control.attribution`'s `addAttribution`, through the map's control.
    #[wasm_bindgen(method, getter, js_name = attributionControl)]
    pub fn attribution_control(this: &Map) -> AttributionControl;

    /// `L.Control.Attribution`.
    #[derive(Clone, Debug)]
    pub type AttributionControl;

    /// `control.addAttribution(html)`. Leaflet inserts it as HTML: pass
    /// text through [`locator_core::xml_escape`].
    #[wasm_bindgen(method, js_name = addAttribution)]
    pub fn add_attribution(this: &AttributionControl, html: &str);

    /// `control.removeAttribution(html)`.
    #[wasm_bindgen(method, js_name = removeAttribution)]
    pub fn remove_attribution(this: &AttributionControl, html: &str);

    /// `control.setPrefix(text)`; `false` hides Leaflet's own link.
    #[wasm_bindgen(method, js_name = setPrefix)]
    pub fn set_prefix(this: &AttributionControl, prefix: &JsValue);
}

impl Map {
    /// Whether `at` lies in the part of the map on screen.
    pub fn contains(&self, at: LatLng) -> bool {
        self.get_bounds().contains(&lat_lng(at))
    }
}

/// A Rust closure handed to Leaflet as an event handler; it must live as
/// long as Leaflet may call it.
pub type Handler = Closure<dyn FnMut(JsValue)>;

/// A Rust closure for a DOM button's click.
pub type ClickHandler = Closure<dyn FnMut()>;

/// A position as Leaflet takes it: `[lat, lng]`.
pub fn lat_lng(at: LatLng) -> JsValue {
    Array::of2(&at.lat.into(), &at.lng.into()).into()
}

/// Bounds as Leaflet takes them: `[[south, west], [north, east]]`.
pub fn bounds(south_west: LatLng, north_east: LatLng) -> JsValue {
    Array::of2(&lat_lng(south_west), &lat_lng(north_east)).into()
}

/// A plain options object from key–value pairs.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// Whether a Leaflet event on a marker activates it: a click, or Enter or
/// Space while it has the keyboard focus (Leaflet itself only opens popups
/// on Enter, and reports keys as `keypress` events on the marker).
pub fn is_activation(event: &JsValue) -> bool {
    let kind = Reflect::get(event, &"type".into())
        .ok()
        .and_then(|t| t.as_string());
    if kind.as_deref() != Some("keypress") {
        return true;
    }
    let key = Reflect::get(event, &"originalEvent".into())
        .and_then(|e| Reflect::get(&e, &"key".into()))
        .ok()
        .and_then(|k| k.as_string());
    matches!(key.as_deref(), Some("Enter" | " "))
}

/// The `latlng` of a Leaflet mouse event, as a checked position.
pub fn event_lat_lng(event: &JsValue) -> Option<LatLng> {
    read_lat_lng(&Reflect::get(event, &"latlng".into()).ok()?)
}

/// A Leaflet `L.LatLng` object as a checked position (longitude wrapped
/// into −180…180).
pub fn read_lat_lng(at: &JsValue) -> Option<LatLng> {
    let lat = Reflect::get(at, &"lat".into()).ok()?.as_f64()?;
    let lng = Reflect::get(at, &"lng".into()).ok()?.as_f64()?;
    // Leaflet wraps nothing: a click after panning round the world can
    // give lng beyond 180; bring it back.
    let lng = (lng + 180.0).rem_euclid(360.0) - 180.0;
    LatLng::new(lat, lng).ok()
}
