//! A small map of where an outlet is, for pages without script: the city's
//! base map (an SVG file drawn by `evl-site` from our own base map) with the
//! outlets marked on it. No tiles, no script.

use leptos::prelude::*;
use locator_core::{LatLng, MapFrame};

/// The base map `image` of `frame`, the outlet `pin` and `others` as dots.
#[component]
pub fn StaticMap(
    /// The map's rectangle and size.
    frame: MapFrame,
    /// The link to the base map's SVG file.
    image: String,
    /// The outlet the page is about, WGS-84.
    pin: Option<LatLng>,
    /// Other outlets to show, WGS-84.
    others: Vec<LatLng>,
    /// What the map shows, for screen readers.
    label: String,
) -> impl IntoView {
    let view_box = format!("0 0 {} {}", frame.width, frame.height);
    let dots = others
        .into_iter()
        .map(|p| {
            let (x, y) = frame.project(p);
            view! { <circle class="evl-static-other" cx=format!("{x:.1}") cy=format!("{y:.1}") r="4"></circle> }
        })
        .collect_view();
    let pin = pin.map(|p| {
        let (x, y) = frame.project(p);
        view! { <circle class="evl-static-pin" cx=format!("{x:.1}") cy=format!("{y:.1}") r="8"></circle> }
    });
    view! {
        <svg class="evl-static-map" viewBox=view_box role="img" aria-label=label>
            <image href=image width=frame.width.to_string() height=frame.height.to_string()></image>
            {dots}
            {pin}
        </svg>
    }
}
