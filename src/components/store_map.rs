//! The Leaflet map: schematic base map, one marker per listed outlet, the
//! buyer's position; clicks select outlets or set the position.

use crate::leaflet::{self, Layer, LayerGroup, Map, Marker};
use crate::load::{self, Loaded, BASEMAP_URL};
use leptos::prelude::*;
use locator_core::{Lang, LatLng, Outlet, OutletKind, OutletStatus, Ranked};
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Zoom at which a single outlet is shown when selected or an origin is set.
const CLOSE_ZOOM: f64 = 12.0;

/// Mainland China, Hainan to Heilongjiang, for the first view.
fn china() -> JsValue {
    leaflet::bounds(
        LatLng {
            lat: 18.0,
            lng: 73.5,
        },
        LatLng {
            lat: 53.6,
            lng: 134.8,
        },
    )
}

/// Everything the map's effects share. Lives on the UI thread only.
struct MapState {
    map: Map,
    markers: Vec<Marker>,
    layer: LayerGroup,
    origin: Option<Marker>,
    shown: Vec<usize>,
    selected: Option<usize>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    _style: Option<Closure<dyn Fn(JsValue) -> JsValue>>,
}

fn marker_class(o: &Outlet) -> String {
    let kind = match o.kind {
        OutletKind::EvHome => "is-ev-home",
        OutletKind::Partner => "is-partner",
    };
    let status = match o.status {
        OutletStatus::Open => "is-open",
        OutletStatus::ComingSoon => "is-coming-soon",
        OutletStatus::Relocated => "is-relocated",
    };
    format!("evl-swatch {kind} {status}")
}

/// A marker icon: Leaflet positions the outer element with a transform, so
/// the shape (which rotates and scales) is an inner element. The HTML is
/// built from our own class names only, never from the dataset.
fn icon(shape_class: &str, size_px: u32) -> JsValue {
    leaflet::div_icon(&leaflet::options(&[
        ("className", "evl-marker".into()),
        (
            "iconSize",
            js_sys::Array::of2(&size_px.into(), &size_px.into()).into(),
        ),
        (
            "html",
            format!("<span class=\"{shape_class}\"></span>").into(),
        ),
    ]))
}

/// Names a marker's element for screen readers and tooltips, and marks the
/// selected one. Leaflet recreates the element each time a marker is added.
fn decorate(marker: &Marker, outlet: &Outlet, lang: Lang, selected: bool) {
    let Some(el) = marker.get_element() else {
        return;
    };
    let s = lang.strings();
    let mut label = format!("{} · {}", outlet.name.get(lang), s.kind(outlet.kind));
    if let Some(status) = s.status(outlet.status) {
        label = format!("{label} · {status}");
    }
    let _ = el.set_attribute("aria-label", &label);
    let _ = el.set_attribute("title", &label);
    let _ = el.set_attribute("data-outlet-id", &outlet.id);
    let _ = el.set_attribute("aria-pressed", if selected { "true" } else { "false" });
    let _ = el.class_list().toggle_with_force("is-selected", selected);
    marker.set_z_index_offset(if selected { 1000.0 } else { 0.0 });
}

/// Creates the map in `element` with a marker per outlet (not yet shown).
fn create(
    element: &web_sys::HtmlElement,
    loaded: &Loaded,
    on_select: Callback<usize>,
    on_origin: Callback<LatLng>,
) -> MapState {
    let map = leaflet::new_map(
        element,
        &leaflet::options(&[
            ("minZoom", 3.into()),
            ("maxZoom", 18.into()),
            ("worldCopyJump", true.into()),
            ("zoomSnap", 0.5.into()),
        ]),
    );
    map.fit_bounds(&china(), &JsValue::UNDEFINED);
    let mut handlers = Vec::new();

    let click = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Some(p) = leaflet::event_lat_lng(&e) {
            on_origin.run(p);
        }
    });
    map.on("click", click.as_ref().unchecked_ref());
    handlers.push(click);

    let markers = loaded
        .data
        .outlets
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let marker = leaflet::marker(
                &leaflet::lat_lng(o.location),
                &leaflet::options(&[
                    ("icon", icon(&marker_class(o), 22)),
                    ("keyboard", true.into()),
                    ("riseOnHover", true.into()),
                ]),
            );
            let select = Closure::<dyn FnMut(JsValue)>::new(move |_| on_select.run(i));
            marker.on_marker("click", select.as_ref().unchecked_ref());
            handlers.push(select);
            marker
        })
        .collect();
    let layer = leaflet::layer_group();
    layer.add_to(&map);
    MapState {
        map,
        markers,
        layer,
        origin: None,
        shown: Vec::new(),
        selected: None,
        _handlers: handlers,
        _style: None,
    }
}

/// Loads the schematic base map and puts it under the markers. The list
/// does not wait for it; if it fails the map still works, on a plain
/// background.
fn add_basemap(state: Rc<RefCell<Option<MapState>>>) {
    leptos::task::spawn_local(async move {
        let text = match load::fetch_text(BASEMAP_URL).await {
            Ok(t) => t,
            Err(e) => {
                return crate::url::console_warn(&format!("ev-locator: base map not shown: {e}"))
            }
        };
        let Ok(data) = js_sys::JSON::parse(&text) else {
            return crate::url::console_warn("ev-locator: base map not shown: it is not JSON");
        };
        let style = Closure::<dyn Fn(JsValue) -> JsValue>::new(|feature: JsValue| {
            let role = js_sys::Reflect::get(&feature, &"properties".into())
                .and_then(|p| js_sys::Reflect::get(&p, &"role".into()))
                .ok()
                .and_then(|r| r.as_string());
            let province = role.as_deref() == Some("province");
            leaflet::options(&[
                (
                    "className",
                    if province { "evl-province" } else { "evl-land" }.into(),
                ),
                ("weight", if province { 1.0 } else { 0.6 }.into()),
            ])
        });
        let layer: Layer = leaflet::geo_json(
            &data,
            &leaflet::options(&[
                ("style", style.as_ref().clone()),
                ("interactive", false.into()),
            ]),
        );
        let mut guard = state.borrow_mut();
        let Some(st) = guard.as_mut() else { return };
        layer.add_to(&st.map);
        st.map
            .attribution_control()
            .add_attribution("Base map: Natural Earth (public domain), schematic");
        st._style = Some(style);
    });
}

/// The map of the listed outlets.
#[component]
pub fn StoreMap(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The listed outlets; only these get markers.
    #[prop(into)]
    ranked: Signal<Vec<Ranked>>,
    /// Position of the selected outlet in the dataset.
    #[prop(into)]
    selected: Signal<Option<usize>>,
    /// The buyer's position, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the position of the outlet whose marker is clicked.
    on_select: Callback<usize>,
    /// Called with the position the buyer clicks on the map.
    on_origin: Callback<LatLng>,
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let state: Rc<RefCell<Option<MapState>>> = Rc::new(RefCell::new(None));
    let ready = RwSignal::new(false);

    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            let Some(el) = container.get() else { return };
            if state.borrow().is_some() {
                return;
            }
            *state.borrow_mut() = Some(create(&el, &loaded, on_select, on_origin));
            add_basemap(state.clone());
            ready.set(true);
        }
    });

    // Markers for exactly the listed outlets.
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            let shown: Vec<usize> = ranked.with(|r| r.iter().map(|r| r.index).collect());
            let (lang, selected) = (lang.get(), selected.get());
            if !ready.get() {
                return;
            }
            let mut guard = state.borrow_mut();
            let Some(st) = guard.as_mut() else { return };
            st.layer.clear_layers();
            for &i in &shown {
                st.layer.add_layer(&st.markers[i]);
                decorate(
                    &st.markers[i],
                    &loaded.data.outlets[i],
                    lang,
                    selected == Some(i),
                );
            }
            st.shown = shown;
        }
    });

    // The selection: mark it and bring it into view.
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            let (selected, lang) = (selected.get(), lang.get_untracked());
            if !ready.get() {
                return;
            }
            let mut guard = state.borrow_mut();
            let Some(st) = guard.as_mut() else { return };
            if let Some(prev) = st.selected.take() {
                decorate(&st.markers[prev], &loaded.data.outlets[prev], lang, false);
            }
            if let Some(i) = selected {
                let at = loaded.data.outlets[i].location;
                decorate(&st.markers[i], &loaded.data.outlets[i], lang, true);
                if !st.map.contains(at) || st.map.get_zoom() < CLOSE_ZOOM - 2.0 {
                    st.map
                        .set_view(&leaflet::lat_lng(at), st.map.get_zoom().max(CLOSE_ZOOM));
                }
                st.selected = Some(i);
            }
        }
    });

    // The buyer's position. A position from the link is brought into view;
    // one the buyer clicks is already in view.
    Effect::new({
        let state = state.clone();
        move |first: Option<bool>| -> bool {
            let origin = origin.get();
            if !ready.get() {
                return true;
            }
            let mut guard = state.borrow_mut();
            let Some(st) = guard.as_mut() else {
                return true;
            };
            match (origin, &st.origin) {
                (None, Some(m)) => {
                    m.remove_layer();
                    st.origin = None;
                }
                (Some(p), Some(m)) => m.set_lat_lng(&leaflet::lat_lng(p)),
                (Some(p), None) => {
                    let m = leaflet::marker(
                        &leaflet::lat_lng(p),
                        &leaflet::options(&[
                            ("icon", icon("evl-swatch is-origin", 18)),
                            ("interactive", false.into()),
                            ("zIndexOffset", 2000.into()),
                        ]),
                    );
                    m.add_to(&st.map);
                    if let Some(el) = m.get_element() {
                        let _ = el.set_attribute("aria-hidden", "true");
                    }
                    st.origin = Some(m);
                }
                (None, None) => {}
            }
            if let (Some(p), true, None) = (origin, first.unwrap_or(true), selected.get_untracked())
            {
                st.map.set_view(&leaflet::lat_lng(p), CLOSE_ZOOM - 1.0);
            }
            false
        }
    });

    let cleanup = SendWrapper::new(state);
    on_cleanup(move || {
        if let Some(st) = cleanup.take().borrow_mut().take() {
            st.map.remove();
        }
    });

    view! { <div class="evl-map" node_ref=container role="application" aria-label=move || lang.get().strings().map_label></div> }
}
