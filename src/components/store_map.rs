//! The Leaflet map: schematic base map, optional tiles, the listed outlets
//! clustered in Rust for the part of the map on screen, and the buyer's
//! position. Clicks select outlets, expand clusters or set the position.
//!
//! Positions are stored in WGS-84; when the tile layer is drawn in GCJ-02
//! every marker is shifted to match it, and clicks are shifted back.
//!
//! Map events only bump a signal; the effects below do the work, so no
//! Leaflet call ever runs while the shared state is borrowed.

use crate::components::{kind_class, status_class, BookingActions, BookingContext};
use crate::load::{self, Loaded, BASEMAP_URL};
use crate::map::basemap::BaseMap;
use crate::map::leaflet::{self, ClickHandler, Handler, LayerGroup, Map, Marker};
use crate::map::popup;
use crate::map::tiles::Tiles;
use leptos::prelude::*;
use locator_core::{
    convert, Bounds, Cluster, ClusterId, ClusterIndex, ClusterInput, ClusterItem, ClusterOptions,
    Datum, Lang, LatLng, MapView, Outlet, OutletKind, Ranked, TileProvider,
};
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Zoom at which a single outlet is shown when selected.
const CLOSE_ZOOM: f64 = 13.0;

/// How many of the nearest outlets the view keeps in sight with the origin.
const NEAREST_IN_VIEW: usize = 3;

/// Mainland China, Hainan to Heilongjiang, for the first view.
fn china() -> (LatLng, LatLng) {
    (
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
    /// One marker per outlet of the dataset, created the first time the
    /// outlet is drawn on its own: a network of 100,000 outlets must not
    /// build 100,000 Leaflet markers up front.
    markers: Vec<Option<Marker>>,
    /// Called with the outlet whose marker is clicked.
    on_marker: Rc<dyn Fn(usize)>,
    /// The markers and cluster markers on screen.
    layer: LayerGroup,
    /// Cluster markers on screen.
    clusters: Vec<DrawnCluster>,
    /// Outlets drawn on their own, by position in the dataset.
    points: Vec<usize>,
    /// The language and datum the drawn markers were named in.
    decorated: Option<(Lang, Datum)>,
    /// Clusters of the listed outlets, in display positions.
    index: Option<ClusterIndex>,
    /// For each outlet of the dataset, its position in the index's input.
    input_of: Vec<Option<u32>>,
    /// The datum markers are drawn in.
    datum: Datum,
    origin: Option<Marker>,
    basemap: Option<BaseMap>,
    tiles: Tiles,
    _handlers: Vec<Handler>,
    /// Click handlers of the open popup's buttons.
    popup_handlers: Vec<ClickHandler>,
}

type Shared = Rc<RefCell<Option<MapState>>>;

/// A cluster marker on screen. It stays while a cluster with the same
/// place and counts is drawn, even from a new clustering (a filter there
/// and back), so its element, and the keyboard focus, survive.
struct DrawnCluster {
    marker: Marker,
    /// The cluster it stands for now: the click handler reads it, as a kept
    /// marker takes the cluster id of the latest clustering.
    cluster: Rc<Cell<Cluster>>,
    _handler: Handler,
}

/// What a cluster marker shows, so that equal ones can be kept: its
/// place (exact bits) and counts.
fn looks(c: &Cluster) -> (u64, u64, u32, [u32; 2], Option<u8>) {
    (
        c.position.lat.to_bits(),
        c.position.lng.to_bits(),
        c.count,
        c.counts,
        c.expansion_zoom,
    )
}

impl MapState {
    /// Outlet `i`'s marker, made the first time it is needed, at its place
    /// in the datum drawn.
    fn marker(&mut self, i: usize, outlet: &Outlet) -> Marker {
        if let Some(m) = &self.markers[i] {
            return m.clone();
        }
        let marker = leaflet::marker(
            &leaflet::lat_lng(shown_at(outlet, self.datum)),
            &leaflet::options(&[
                ("icon", outlet_icon(outlet)),
                ("keyboard", true.into()),
                ("riseOnHover", true.into()),
            ]),
        );
        let on_marker = self.on_marker.clone();
        let select = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if leaflet::is_activation(&e) {
                on_marker(i);
            }
        });
        marker.on_marker("click", select.as_ref().unchecked_ref());
        marker.on_marker("keypress", select.as_ref().unchecked_ref());
        self._handlers.push(select);
        self.markers[i] = Some(marker.clone());
        marker
    }
}

/// A marker icon: Leaflet positions the outer element with a transform, so
/// the shape (which rotates and scales) is an inner element. The HTML is
/// built from our own class names and numbers only, never from the dataset.
fn icon(outer_class: &str, inner_html: &str, size_px: u32) -> JsValue {
    leaflet::div_icon(&leaflet::options(&[
        ("className", outer_class.into()),
        (
            "iconSize",
            js_sys::Array::of2(&size_px.into(), &size_px.into()).into(),
        ),
        ("html", inner_html.into()),
    ]))
}

fn outlet_icon(o: &Outlet) -> JsValue {
    let shape = format!(
        "<span class=\"evl-swatch {} {}\"></span>",
        kind_class(o.kind),
        status_class(o.status)
    );
    icon("evl-marker", &shape, 22)
}

/// A cluster's icon: its count in a ring whose blue share is the EV Home
/// stores' share (the rest, orange, the partners'), in steps of 5% so that a
/// class draws it (`evl-share-N`): no inline style, which a strict
/// Content-Security-Policy would refuse.
fn cluster_icon(c: &Cluster) -> JsValue {
    let share = share_step(c.counts[0] as usize, c.count as usize);
    let size = match c.count {
        0..=9 => 34,
        10..=99 => 40,
        _ => 48,
    };
    let html = format!(
        "<span class=\"evl-cluster evl-share-{share}\"><span class=\"evl-cluster-count\">{}</span></span>",
        c.count
    );
    let class = if c.is_stack() {
        "evl-marker evl-cluster-icon is-stack"
    } else {
        "evl-marker evl-cluster-icon"
    };
    icon(class, &html, size)
}

/// The outlet's position as drawn in `datum`.
fn shown_at(o: &Outlet, datum: Datum) -> LatLng {
    convert(o.location, Datum::Wgs84, datum)
}

/// Names a marker's element for screen readers and tests, and marks the
/// selected or hovered one. Leaflet recreates the element each time a marker
/// is added, so this runs on every render.
fn decorate_outlet(
    marker: &Marker,
    outlet: &Outlet,
    at: LatLng,
    lang: Lang,
    selected: bool,
    hovered: bool,
) {
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
    let _ = el.set_attribute("data-lat", &format!("{:.7}", at.lat));
    let _ = el.set_attribute("data-lng", &format!("{:.7}", at.lng));
    let _ = el.set_attribute("aria-pressed", "false");
    mark(marker, selected, hovered);
}

/// Marks a drawn marker as holding the selected or the hovered outlet.
fn mark(marker: &Marker, selected: bool, hovered: bool) {
    let Some(el) = marker.get_element() else {
        return;
    };
    let _ = el.class_list().toggle_with_force("is-selected", selected);
    let _ = el.class_list().toggle_with_force("is-hover", hovered);
    if el.has_attribute("aria-pressed") {
        let _ = el.set_attribute("aria-pressed", if selected { "true" } else { "false" });
    }
    marker.set_z_index_offset(if selected {
        1000.0
    } else if hovered {
        900.0
    } else {
        0.0
    });
}

fn decorate_cluster(marker: &Marker, c: &Cluster, lang: Lang, selected: bool, hovered: bool) {
    let Some(el) = marker.get_element() else {
        return;
    };
    let s = lang.strings();
    let (ev_home, partner) = (c.counts[0] as usize, c.counts[1] as usize);
    let label = if c.is_stack() {
        format!(
            "{} · {}",
            s.same_place(c.count as usize),
            s.cluster_label(c.count as usize, ev_home, partner)
        )
    } else {
        s.cluster_label(c.count as usize, ev_home, partner)
    };
    let _ = el.set_attribute("aria-label", &label);
    let _ = el.set_attribute("title", &label);
    let _ = el.set_attribute("role", "button");
    let _ = el.set_attribute("data-count", &c.count.to_string());
    let _ = el.set_attribute("data-ev-home", &ev_home.to_string());
    let _ = el.set_attribute("data-partner", &partner.to_string());
    mark(marker, selected, hovered);
}

/// The part of the map on screen, widened by half a screen each way so that
/// short pans need no new clustering to look complete.
fn padded_view(map: &Map) -> Bounds {
    let b = map.get_bounds();
    let (w, s, e, n) = (b.west(), b.south(), b.east(), b.north());
    let (dx, dy) = ((e - w) / 2.0, (n - s) / 2.0);
    Bounds {
        west: w - dx,
        south: (s - dy).max(-90.0),
        east: e + dx,
        north: (n + dy).min(90.0),
    }
}

/// Creates the map in `element`; outlet markers come when first drawn.
/// Map and marker events only report: they call the callbacks or bump
/// `view_changed`.
fn create(
    element: &web_sys::HtmlElement,
    loaded: &Loaded,
    on_marker: Rc<dyn Fn(usize)>,
    on_click: Rc<dyn Fn(LatLng)>,
    view_changed: RwSignal<u32>,
    initial: Option<(LatLng, f64)>,
) -> MapState {
    let still = prefers_reduced_motion();
    let map = leaflet::new_map(
        element,
        &leaflet::options(&[
            ("minZoom", 3.into()),
            ("maxZoom", 18.into()),
            ("worldCopyJump", true.into()),
            ("zoomSnap", 1.into()),
            ("zoomAnimation", (!still).into()),
            ("fadeAnimation", (!still).into()),
            ("markerZoomAnimation", (!still).into()),
        ]),
    );
    match initial {
        Some((center, zoom)) => map.set_view(&leaflet::lat_lng(center), zoom),
        None => {
            let (sw, ne) = china();
            map.fit_bounds(&leaflet::bounds(sw, ne), &JsValue::UNDEFINED);
        }
    }
    let mut handlers = Vec::new();

    let click = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Some(p) = leaflet::event_lat_lng(&e) {
            on_click(p);
        }
    });
    map.on("click", click.as_ref().unchecked_ref());
    // A long press on a touch screen (and a right click) also sets the position.
    map.on("contextmenu", click.as_ref().unchecked_ref());
    handlers.push(click);
    let moved = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        view_changed.update(|n| *n = n.wrapping_add(1))
    });
    map.on("moveend", moved.as_ref().unchecked_ref());
    handlers.push(moved);

    let layer = leaflet::layer_group();
    layer.add_to(&map);
    MapState {
        map,
        markers: vec![None; loaded.data.outlets.len()],
        on_marker,
        layer,
        clusters: Vec::new(),
        points: Vec::new(),
        decorated: None,
        index: None,
        input_of: vec![None; loaded.data.outlets.len()],
        datum: Datum::Wgs84,
        origin: None,
        basemap: None,
        tiles: Tiles::default(),
        _handlers: handlers,
        popup_handlers: Vec::new(),
    }
}

/// `part` of `whole` in percent, to the nearest 5, never 0 or 100 unless
/// it is exactly so (one store of a hundred still shows).
fn share_step(part: usize, whole: usize) -> usize {
    let whole = whole.max(1);
    let step = ((part * 20 + whole / 2) / whole) * 5;
    match step {
        0 if part > 0 => 5,
        100 if part < whole => 95,
        s => s,
    }
}

/// Whether the buyer asked their system for less motion.
fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The map's centre (WGS-84) and zoom, as the URL keeps them.
fn current_view(map: &Map, datum: Datum) -> Option<MapView> {
    let centre = leaflet::read_lat_lng(&map.get_center())?;
    Some(MapView {
        center: convert(centre, datum, Datum::Wgs84),
        zoom: map.get_zoom(),
    })
}

/// Leaflet's own control titles in the interface language.
fn label_controls(map: &Map, lang: Lang) {
    let s = lang.strings();
    let container = map.get_container();
    for (selector, label) in [
        (".leaflet-control-zoom-in", s.zoom_in),
        (".leaflet-control-zoom-out", s.zoom_out),
        (".leaflet-popup-close-button", s.close_popup),
    ] {
        if let Ok(list) = container.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(el) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.set_attribute("title", label);
                    let _ = el.set_attribute("aria-label", label);
                }
            }
        }
    }
}

/// Loads the schematic base map and puts it under the markers. The list does
/// not wait for it; if it fails the map still works, on a plain background.
fn add_basemap(state: Shared, lang: Signal<Lang>) {
    leptos::task::spawn_local(async move {
        let data = match load::fetch_text(&crate::mount::asset_url(BASEMAP_URL)).await {
            Ok(text) => js_sys::JSON::parse(&text).map_err(|_| "it is not JSON".to_string()),
            Err(e) => Err(e.to_string()),
        };
        match data {
            Ok(data) => {
                let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                    return;
                };
                let base = BaseMap::add(&map, &data, lang.get_untracked());
                if let Some(st) = state.borrow_mut().as_mut() {
                    st.basemap = Some(base);
                }
            }
            Err(e) => crate::url::console_warn(&format!("ev-locator: base map not shown: {e}")),
        }
    });
}

/// Bounds around `points` (display positions), or `None` for none.
fn bounds_of(points: impl IntoIterator<Item = LatLng>) -> Option<(LatLng, LatLng)> {
    points.into_iter().fold(None, |acc, p| {
        let (sw, ne) = acc.unwrap_or((p, p));
        Some((
            LatLng {
                lat: sw.lat.min(p.lat),
                lng: sw.lng.min(p.lng),
            },
            LatLng {
                lat: ne.lat.max(p.lat),
                lng: ne.lng.max(p.lng),
            },
        ))
    })
}

fn fit(map: &Map, (sw, ne): (LatLng, LatLng), max_zoom: f64) {
    map.fit_bounds(
        &leaflet::bounds(sw, ne),
        &leaflet::options(&[
            ("padding", js_sys::Array::of2(&40.into(), &40.into()).into()),
            ("maxZoom", max_zoom.into()),
        ]),
    );
}

/// What a click on cluster `c` does: zoom to where it splits, or for a
/// stack (outlets at one address) list them together in a popup.
fn cluster_click(
    state: &Shared,
    loaded: &Arc<Loaded>,
    cluster: Rc<Cell<Cluster>>,
    on_select: Callback<usize>,
    lang: Signal<Lang>,
) -> Closure<dyn FnMut(JsValue)> {
    let (state, loaded) = (state.clone(), loaded.clone());
    Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if !leaflet::is_activation(&e) {
            return;
        }
        let c = cluster.get();
        let (map, leaves) = {
            let guard = state.borrow();
            let Some(st) = guard.as_ref() else { return };
            let leaves = st
                .index
                .as_ref()
                .and_then(|ix| ix.leaves(c.id))
                .map(<[u32]>::to_vec)
                .unwrap_or_default();
            (st.map.clone(), leaves)
        };
        let Some(z) = c.expansion_zoom else {
            let outlets: Vec<(usize, &Outlet)> = leaves
                .iter()
                .map(|&i| (i as usize, &loaded.data.outlets[i as usize]))
                .collect();
            let popup_map = map.clone();
            let pick = move |i: usize| {
                on_select.run(i);
                popup_map.close_popup();
            };
            let Some((content, handlers)) = popup::stack(&outlets, lang.get_untracked(), pick)
            else {
                return;
            };
            map.open_popup(&content, &leaflet::lat_lng(c.position), &JsValue::UNDEFINED);
            if let Some(st) = state.borrow_mut().as_mut() {
                st.popup_handlers = handlers;
            }
            return;
        };
        map.set_view(
            &leaflet::lat_lng(c.position),
            f64::from(z).min(map.get_max_zoom()),
        );
    })
}

/// Builds the cluster index of `inputs` (the listed outlets, drawn in
/// `datum`) and moves the markers made so far to `datum`. With `refit`, a
/// list none of which is on screen any more is brought into view.
fn recluster(
    state: &Shared,
    loaded: &Loaded,
    inputs: Vec<ClusterInput>,
    datum: Datum,
    refit: bool,
) {
    let mut guard = state.borrow_mut();
    let Some(st) = guard.as_mut() else { return };
    st.input_of.iter_mut().for_each(|x| *x = None);
    for (k, input) in inputs.iter().enumerate() {
        st.input_of[input.id as usize] = Some(k as u32);
    }
    let options = ClusterOptions {
        max_zoom: 15,
        ..ClusterOptions::default()
    };
    // Only a refit needs the positions again once the index has them.
    let positions: Option<Vec<LatLng>> = refit.then(|| inputs.iter().map(|p| p.position).collect());
    // The old index goes first: two at once would double the memory they take.
    st.index = None;
    st.index =
        match crate::timing::measure("evl:cluster-index", || ClusterIndex::new(inputs, options)) {
            Ok(index) => Some(index),
            Err(e) => {
                crate::url::console_warn(&format!("ev-locator: clustering failed: {e}"));
                None
            }
        };
    if st.datum != datum {
        st.datum = datum;
        for (i, m) in st.markers.iter().enumerate() {
            let Some(m) = m else { continue };
            m.set_lat_lng(&leaflet::lat_lng(shown_at(&loaded.data.outlets[i], datum)));
        }
    }
    let map = st.map.clone();
    drop(guard);
    if let Some(positions) = positions.filter(|p| !p.iter().any(|&p| map.contains(p))) {
        if let Some(b) = bounds_of(positions) {
            fit(&map, b, CLOSE_ZOOM);
        }
    }
}

/// The map of the listed outlets.
#[component]
pub fn StoreMap(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The listed outlets; only these are drawn.
    #[prop(into)]
    ranked: Signal<Vec<Ranked>>,
    /// Position of the selected outlet in the dataset.
    #[prop(into)]
    selected: Signal<Option<usize>>,
    /// Position of the outlet the buyer points at in the list.
    #[prop(into)]
    hovered: Signal<Option<usize>>,
    /// The buyer's position, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The tile layer, or `None` for the schematic base map alone.
    #[prop(into)]
    tiles: Signal<Option<TileProvider>>,
    /// The view the URL asks for (centre WGS-84, zoom).
    #[prop(into)]
    view: Signal<Option<MapView>>,
    /// Called with the view after the buyer or the app moves the map.
    on_view: Callback<MapView>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the position of the outlet whose marker is clicked.
    on_select: Callback<usize>,
    /// Called with the position (WGS-84) the buyer clicks on the map.
    on_origin: Callback<LatLng>,
    /// Whether the map is on screen (a phone shows the list or the map).
    /// Leaflet is loaded and the map made the first time it is.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let state: Shared = Rc::new(RefCell::new(None));
    let ready = RwSignal::new(false);
    let view_changed = RwSignal::new(0u32);
    let reclustered = RwSignal::new(0u32);
    let rendered = RwSignal::new(0u32);
    let datum = Memo::new(move |_| tiles.with(|t| t.as_ref().map_or(Datum::Wgs84, |p| p.datum)));
    // A link that names the view shows exactly that view: none of the
    // automatic moves below apply to what came with it.
    let link_view = view.get_untracked();
    let link_selection = selected.get_untracked();

    // Marker click: select, and open the outlet's summary.
    let booking = use_context::<BookingContext>().unwrap_or_default();
    let popup_view: Rc<RefCell<Option<Box<dyn std::any::Any>>>> = Rc::default();
    let on_marker: Rc<dyn Fn(usize)> = {
        let popup_view = popup_view.clone();
        let (state, loaded) = (state.clone(), loaded.clone());
        Rc::new(move |i: usize| {
            on_select.run(i);
            let o = &loaded.data.outlets[i];
            let distance = origin.get_untracked().map(|p| p.distance_m(o.location));
            let Some(content) = popup::summary(o, distance, lang.get_untracked()) else {
                return;
            };
            // The outlet's calls to action: the card's own component.
            if let Some(slot) = popup::slot(&content) {
                let (loaded, cx) = (loaded.clone(), booking.clone());
                let handle = leptos::mount::mount_to(slot, move || {
                    provide_context(cx);
                    view! { <BookingActions loaded=loaded index=i lang=lang /> }
                });
                // Dropping the previous popup's handle unmounts its view.
                *popup_view.borrow_mut() = Some(Box::new(handle));
            }
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            let at = shown_at(o, datum.get_untracked());
            map.open_popup(
                &content,
                &leaflet::lat_lng(at),
                &leaflet::options(&[(
                    "offset",
                    js_sys::Array::of2(&0.into(), &(-8).into()).into(),
                )]),
            );
        })
    };
    // Map click: the buyer's position, shifted back to WGS-84.
    let on_click: Rc<dyn Fn(LatLng)> =
        Rc::new(move |p: LatLng| on_origin.run(convert(p, datum.get_untracked(), Datum::Wgs84)));

    // The map is made once it is on screen, after the list has been painted
    // and Leaflet loaded: a buyer sees the results first, and a phone that
    // shows only the list loads no map at all. `attempt` counts the buyer's
    // tries after a failed load.
    let failed = RwSignal::new(false);
    let attempt = RwSignal::new(0u32);
    let scheduled = Rc::new(Cell::new(None::<u32>));
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            let try_number = attempt.get();
            let Some(el) = container.get() else { return };
            if !shown.get() || scheduled.get().is_some_and(|n| n >= try_number) {
                return;
            }
            scheduled.set(Some(try_number));
            let (state, loaded) = (state.clone(), loaded.clone());
            let (on_marker, on_click) = (on_marker.clone(), on_click.clone());
            let make = move || {
                let Some(datum) = datum.try_get_untracked() else {
                    return;
                };
                let initial = link_view.map(|v| (convert(v.center, Datum::Wgs84, datum), v.zoom));
                *state.borrow_mut() = Some(create(
                    &el,
                    &loaded,
                    on_marker,
                    on_click,
                    view_changed,
                    initial,
                ));
                add_basemap(state.clone(), lang);
                // The map follows its box (a phone's pane switch, a resized frame).
                if let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) {
                    let resized = Closure::<dyn Fn()>::new(move || map.invalidate_size());
                    if let Ok(observer) =
                        web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref())
                    {
                        observer.observe(&el);
                        std::mem::forget(observer);
                    }
                    resized.forget();
                }
                let _ = ready.try_set(true);
            };
            leptos::task::spawn_local(async move {
                match leaflet::load_library().await {
                    Ok(()) => {
                        let _ = failed.try_set(false);
                        request_animation_frame(move || {
                            set_timeout(make, std::time::Duration::ZERO)
                        });
                    }
                    Err(e) => {
                        crate::url::console_warn(&format!("ev-locator: map not shown: {e}"));
                        let _ = failed.try_set(true);
                    }
                }
            });
        }
    });

    // The tile layer.
    Effect::new({
        let state = state.clone();
        move |_| {
            let provider = tiles.get();
            if !ready.get() {
                return;
            }
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            if let Some(st) = state.borrow_mut().as_mut() {
                st.tiles.set(&map, provider.as_ref());
            }
        }
    });

    // Cluster the listed outlets (in the datum they are drawn in). After the
    // first time, in a task of its own: the list and the count show a new
    // filter in the frame it was chosen, and the map follows (a network of
    // 100,000 outlets takes tens of milliseconds to cluster). Changes that
    // come faster than that are clustered once, for the latest.
    let latest = Rc::new(Cell::new(0u32));
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |previous: Option<Option<Datum>>| -> Option<Datum> {
            let datum = datum.get();
            ranked.track();
            if !ready.get() {
                return None;
            }
            // The list changed (not the datum, not the first time): if none of
            // it is on screen any more, show all of it.
            let refit = previous.flatten() == Some(datum) && !crate::url::restoring();
            let generation = latest.get().wrapping_add(1);
            latest.set(generation);
            let (state, loaded, latest) = (state.clone(), loaded.clone(), latest.clone());
            let work = move || {
                if latest.get() != generation {
                    return;
                }
                let Some(inputs) = ranked.try_with_untracked(|r| {
                    r.iter()
                        .map(|r| {
                            let o = &loaded.data.outlets[r.index];
                            ClusterInput {
                                position: shown_at(o, datum),
                                id: r.index as u32,
                                category: u8::from(o.kind == OutletKind::Partner),
                            }
                        })
                        .collect::<Vec<_>>()
                }) else {
                    return;
                };
                recluster(&state, &loaded, inputs, datum, refit);
                let _ = reclustered.try_update(|n| *n = n.wrapping_add(1));
            };
            if previous.flatten().is_none() {
                work();
            } else {
                set_timeout(work, std::time::Duration::ZERO);
            }
            Some(datum)
        }
    });

    // Draw what is on screen: single markers and cluster markers.
    let lang_signal = lang;
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            view_changed.track();
            reclustered.track();
            let lang = lang.get();
            let (selected, hovered) = (selected.get_untracked(), hovered.get_untracked());
            if !ready.get() {
                return;
            }
            crate::timing::measure("evl:render", || {
                let mut guard = state.borrow_mut();
                let Some(st) = guard.as_mut() else { return };
                let zoom = st.map.get_zoom();
                // The view, for tests and embedders: zoom, and south,west,north,east in the drawn datum.
                let container = st.map.get_container();
                let b = st.map.get_bounds();
                let _ = container.set_attribute("data-zoom", &zoom.to_string());
                let _ = container.set_attribute(
                    "data-bounds",
                    &format!(
                        "{:.5},{:.5},{:.5},{:.5}",
                        b.south(),
                        b.west(),
                        b.north(),
                        b.east()
                    ),
                );
                if let Some(base) = st.basemap.as_mut() {
                    base.set_lang(lang);
                    base.update_zoom(&st.map);
                }
                let Some(index) = st.index.as_ref() else {
                    return;
                };
                let items = crate::timing::measure("evl:clusters", || {
                    index.clusters(padded_view(&st.map), zoom)
                });
                // The markers holding the selected and hovered outlets.
                let holder = |i: Option<usize>| -> Option<ClusterItem> {
                    let k = st.input_of.get(i?).copied().flatten()?;
                    index.containing(k as usize, zoom)
                };
                let (sel_item, hov_item) = (holder(selected), holder(hovered));
                let holds = |h: &Option<ClusterItem>, id: ClusterId| matches!(h, Some(ClusterItem::Cluster(x)) if x.id == id);
                let focused = crate::mount::active_element().filter(|el| {
                    el.class_list().contains("leaflet-marker-icon") && container.contains(Some(el))
                });

                // Markers that stay keep their elements (and the keyboard focus):
                // only what left the view is removed and only what entered it is
                // added. An outlet's marker is its own across clusterings; a
                // cluster marker stays while one looking the same is drawn.
                let mut new_points = std::collections::HashSet::new();
                let mut new_clusters = std::collections::HashMap::new();
                let mut positions = std::collections::HashMap::new();
                for item in items {
                    match item {
                        ClusterItem::Point { id, position, .. } => {
                            new_points.insert(id as usize);
                            positions.insert(id as usize, position);
                        }
                        ClusterItem::Cluster(c) => {
                            new_clusters.insert(looks(&c), c);
                        }
                    }
                }
                for &i in st.points.iter().filter(|i| !new_points.contains(i)) {
                    if let Some(m) = &st.markers[i] {
                        st.layer.remove_member(m);
                    }
                }
                st.points.retain(|i| new_points.contains(i));
                let (kept, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut st.clusters)
                    .into_iter()
                    .partition(|d| new_clusters.contains_key(&looks(&d.cluster.get())));
                for d in &gone {
                    st.layer.remove_member(&d.marker);
                }
                st.clusters = kept;
                // Markers kept need their names again only when the language
                // or the datum changed; new ones always (Leaflet makes a new
                // element each time a marker is added).
                let all = st.decorated != Some((lang, st.datum));
                st.decorated = Some((lang, st.datum));
                let (kept_points, kept_clusters) = if all {
                    (0, 0)
                } else {
                    (st.points.len(), st.clusters.len())
                };
                let drawn_points: std::collections::HashSet<usize> =
                    st.points.iter().copied().collect();
                for &i in &new_points {
                    if !drawn_points.contains(&i) {
                        let marker = st.marker(i, &loaded.data.outlets[i]);
                        st.layer.add_layer(&marker);
                        st.points.push(i);
                    }
                }
                for d in &st.clusters {
                    if let Some(c) = new_clusters.remove(&looks(&d.cluster.get())) {
                        d.cluster.set(c);
                    }
                }
                for c in new_clusters.into_values() {
                    let marker = leaflet::marker(
                        &leaflet::lat_lng(c.position),
                        &leaflet::options(&[("icon", cluster_icon(&c)), ("keyboard", true.into())]),
                    );
                    st.layer.add_layer(&marker);
                    let cluster = Rc::new(Cell::new(c));
                    let handler =
                        cluster_click(&state, &loaded, cluster.clone(), on_select, lang_signal);
                    marker.on_marker("click", handler.as_ref().unchecked_ref());
                    marker.on_marker("keypress", handler.as_ref().unchecked_ref());
                    st.clusters.push(DrawnCluster {
                        marker,
                        cluster,
                        _handler: handler,
                    });
                }
                for &i in &st.points[kept_points..] {
                    let at = positions
                        .get(&i)
                        .copied()
                        .unwrap_or(loaded.data.outlets[i].location);
                    let Some(marker) = &st.markers[i] else {
                        continue;
                    };
                    decorate_outlet(
                        marker,
                        &loaded.data.outlets[i],
                        at,
                        lang,
                        selected == Some(i),
                        hovered == Some(i),
                    );
                }
                for d in &st.clusters[kept_clusters..] {
                    let c = d.cluster.get();
                    decorate_cluster(
                        &d.marker,
                        &c,
                        lang,
                        holds(&sel_item, c.id),
                        holds(&hov_item, c.id),
                    );
                }
                // A focused marker that left the view hands the focus to the map.
                if focused.is_some_and(|el| !el.is_connected()) {
                    let _ = container.focus();
                }
                // Handlers of removed clusters drop here, after their markers left.
                drop(gone);
                drop(guard);
            });
            rendered.update(|n| *n = n.wrapping_add(1));
        }
    });

    // Highlight the selected and hovered outlets (or the clusters holding
    // them) without drawing anything again: a redraw between a press and its
    // release would swallow the click.
    Effect::new({
        let state = state.clone();
        move |_| {
            rendered.track();
            let (selected, hovered) = (selected.get(), hovered.get());
            let guard = state.borrow();
            let Some(st) = guard.as_ref() else { return };
            let Some(index) = st.index.as_ref() else {
                return;
            };
            let zoom = st.map.get_zoom();
            let holder = |i: Option<usize>| -> Option<ClusterId> {
                let k = st.input_of.get(i?).copied().flatten()?;
                match index.containing(k as usize, zoom)? {
                    ClusterItem::Cluster(c) => Some(c.id),
                    ClusterItem::Point { .. } => None,
                }
            };
            let (sel_cluster, hov_cluster) = (holder(selected), holder(hovered));
            for &i in &st.points {
                if let Some(m) = &st.markers[i] {
                    mark(m, selected == Some(i), hovered == Some(i));
                }
            }
            for d in &st.clusters {
                let id = d.cluster.get().id;
                mark(&d.marker, sel_cluster == Some(id), hov_cluster == Some(id));
            }
        }
    });

    // The selection: bring it into view, zoomed in until it stands on its
    // own (or with the outlets at its address). Only when the selection
    // changes: re-clustering matters only until the outlet has been placed
    // once, so a later filter or origin change never drags the map back.
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |handled: Option<(Option<usize>, bool)>| -> (Option<usize>, bool) {
            let selected = selected.get();
            reclustered.track();
            if !ready.get() {
                return (selected, false);
            }
            if handled == Some((selected, true)) {
                return (selected, true);
            }
            let Some(i) = selected else {
                return (None, true);
            };
            // Going back or forward, or a link with its view: the view is
            // the one the URL names.
            let from_link = link_view.is_some()
                && selected == link_selection
                && handled.is_none_or(|(s, _)| s == selected);
            if crate::url::restoring() || from_link {
                return (selected, true);
            }
            let at = shown_at(&loaded.data.outlets[i], datum.get_untracked());
            let (map, zoom, placed) = {
                let guard = state.borrow();
                let Some(st) = guard.as_ref() else {
                    return (selected, false);
                };
                let placed = st.index.is_some();
                let max = st.map.get_max_zoom();
                let zoom_now = st.map.get_zoom();
                let alone = |z: f64| {
                    let k = st.input_of.get(i).copied().flatten();
                    match (k, st.index.as_ref()) {
                        (Some(k), Some(ix)) => match ix.containing(k as usize, z) {
                            Some(ClusterItem::Cluster(c)) => c.is_stack(),
                            _ => true,
                        },
                        _ => true,
                    }
                };
                if st.map.contains(at) && alone(zoom_now) {
                    return (selected, placed);
                }
                let mut z = zoom_now.max(CLOSE_ZOOM - 2.0).min(max);
                while z < max && !alone(z) {
                    z += 1.0;
                }
                (st.map.clone(), z, placed)
            };
            map.set_view(&leaflet::lat_lng(at), zoom);
            (selected, placed)
        }
    });

    // The buyer's position, drawn; and kept in sight with its nearest outlets.
    Effect::new({
        let (state, loaded) = (state.clone(), loaded.clone());
        move |drawn_before: Option<bool>| -> bool {
            let (origin, datum) = (origin.get(), datum.get());
            if !ready.get() {
                return false;
            }
            // The first origin drawn came with the link: show it up close.
            let from_link = drawn_before != Some(true);
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return false;
            };
            let shown = origin.map(|p| convert(p, Datum::Wgs84, datum));
            {
                let mut guard = state.borrow_mut();
                let Some(st) = guard.as_mut() else {
                    return false;
                };
                match (shown, &st.origin) {
                    (None, Some(m)) => {
                        m.remove_layer();
                        st.origin = None;
                    }
                    (Some(p), Some(m)) => m.set_lat_lng(&leaflet::lat_lng(p)),
                    (Some(p), None) => {
                        let m = leaflet::marker(
                            &leaflet::lat_lng(p),
                            &leaflet::options(&[
                                (
                                    "icon",
                                    icon(
                                        "evl-marker evl-origin-icon",
                                        "<span class=\"evl-swatch is-origin\"></span>",
                                        18,
                                    ),
                                ),
                                ("interactive", false.into()),
                                ("keyboard", false.into()),
                                ("zIndexOffset", 2000.into()),
                            ]),
                        );
                        m.add_to(&map);
                        if let Some(el) = m.get_element() {
                            let _ = el.set_attribute("aria-hidden", "true");
                        }
                        st.origin = Some(m);
                    }
                    (None, None) => {}
                }
            }
            let Some(p) = shown else { return true };
            if crate::url::restoring() || (from_link && link_view.is_some()) {
                return true;
            }
            // A link that selects an outlet shows the outlet, not the origin.
            if from_link && selected.get_untracked().is_some() {
                return true;
            }
            let nearest = ranked.with_untracked(|r| {
                r.iter()
                    .take(NEAREST_IN_VIEW)
                    .map(|r| shown_at(&loaded.data.outlets[r.index], datum))
                    .collect::<Vec<_>>()
            });
            let all_in_view = std::iter::once(p)
                .chain(nearest.iter().copied())
                .all(|q| map.contains(q));
            if from_link || !all_in_view {
                if let Some(b) = bounds_of(std::iter::once(p).chain(nearest)) {
                    fit(&map, b, CLOSE_ZOOM);
                }
            }
            true
        }
    });

    // The view, both ways: a move is reported for the URL; a view from the
    // URL (a link, Back or Forward) is shown.
    Effect::new({
        let state = state.clone();
        move |_| {
            view_changed.track();
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            label_controls(&map, lang.get_untracked());
            if let Some(v) = current_view(&map, datum.get_untracked()) {
                if !view.get_untracked().is_some_and(|u| u.same_as(&v)) {
                    on_view.run(v);
                }
            }
        }
    });
    Effect::new({
        let state = state.clone();
        move |_| {
            let wanted = view.get();
            let datum = datum.get();
            if !ready.get() {
                return;
            }
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            label_controls(&map, lang.get());
            let Some(v) = wanted else { return };
            if !current_view(&map, datum).is_some_and(|now| now.same_as(&v)) {
                map.set_view(
                    &leaflet::lat_lng(convert(v.center, Datum::Wgs84, datum)),
                    v.zoom,
                );
            }
        }
    });

    let fit_results = {
        let (state, loaded) = (state.clone(), loaded.clone());
        move |_| {
            let datum = datum.get_untracked();
            let points: Vec<LatLng> = ranked.with_untracked(|r| {
                let take = if origin.get_untracked().is_some() {
                    10
                } else {
                    usize::MAX
                };
                r.iter()
                    .take(take)
                    .map(|r| shown_at(&loaded.data.outlets[r.index], datum))
                    .collect()
            });
            let points = origin
                .get_untracked()
                .map(|p| convert(p, Datum::Wgs84, datum))
                .into_iter()
                .chain(points);
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            if let Some(b) = bounds_of(points) {
                fit(&map, b, CLOSE_ZOOM);
            }
        }
    };
    let search_area = {
        let state = state.clone();
        move |_| {
            let Some(map) = state.borrow().as_ref().map(|s| s.map.clone()) else {
                return;
            };
            if let Some(centre) = leaflet::read_lat_lng(&map.get_center()) {
                on_origin.run(convert(centre, datum.get_untracked(), Datum::Wgs84));
            }
        }
    };

    let cleanup = SendWrapper::new(state);
    on_cleanup(move || {
        if let Some(st) = cleanup.take().borrow_mut().take() {
            st.map.remove();
        }
    });

    view! {
        <div class="evl-map" node_ref=container aria-label=move || lang.get().strings().map_label></div>
        {move || failed.get().then(|| view! {
            <div class="evl-map-failed" role="alert">
                <p>{move || lang.get().strings().map_failed}</p>
                <button type="button" class="evl-map-button" on:click=move |_| attempt.update(|n| *n += 1)>
                    {move || lang.get().strings().map_retry}
                </button>
            </div>
        })}
        <div class="evl-map-actions">
            <button type="button" class="evl-map-button" on:click=fit_results>
                {move || lang.get().strings().fit_results}
            </button>
            <button type="button" class="evl-map-button" on:click=search_area>
                {move || lang.get().strings().search_area}
            </button>
        </div>
    }
}
