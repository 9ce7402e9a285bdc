//! Where distances are measured from.

use leptos::prelude::*;
use locator_core::{format_distance, Lang, LatLng};

/// The radii offered, in kilometres.
const RADII_KM: [f64; 6] = [5.0, 10.0, 25.0, 50.0, 100.0, 200.0];

/// A hint to set a location, or the location in force with a clear button.
#[component]
pub fn OriginBar(
    /// The origin, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The radius in force, kilometres.
    #[prop(into)]
    radius_km: Signal<Option<f64>>,
    /// Called when the buyer clears the origin.
    on_clear: Callback<()>,
    /// Called with the radius the buyer picks (`None`: any distance).
    on_radius: Callback<Option<f64>>,
) -> impl IntoView {
    // Built once per origin: the value is a property, so changing it neither
    // rebuilds the list nor drops the keyboard focus.
    let radius_choice = move || {
        let value = move || radius_km.get().map(|r| r.to_string()).unwrap_or_default();
        let options = RADII_KM
            .iter()
            .map(|&r| view! { <option value=r.to_string()>{move || format_distance(r * 1000.0, lang.get())}</option> })
            .collect_view();
        // A radius from a link that is not one of ours is offered too.
        let custom = move || {
            radius_km.get().filter(|r| !RADII_KM.contains(r)).map(|r| {
                view! { <option value=r.to_string()>{format_distance(r * 1000.0, lang.get())}</option> }
            })
        };
        view! {
            <label class="evl-radius">
                {move || lang.get().strings().radius_label} " "
                <select
                    prop:value=value
                    on:change=move |ev| on_radius.run(locator_core::parse_f64(&event_target_value(&ev)))
                >
                    <option value="">{move || lang.get().strings().radius_any}</option>
                    {options}
                    {custom}
                </select>
            </label>
        }
    };
    view! {
        <div class="evl-origin">
            {move || {
                let s = lang.get().strings();
                match origin.get() {
                    None => view! { <p class="evl-origin-hint">{s.origin_hint}</p> }.into_any(),
                    Some(p) => {
                        view! {
                            <p class="evl-origin-set">
                                <span class="evl-origin-swatch" aria-hidden="true"></span>
                                {s.origin_set}
                                " ("
                                {s.straight_line}
                                ") "
                                <span class="evl-origin-coords">{p.to_string()}</span>
                                " "
                                <button type="button" class="evl-link-button" on:click=move |_| on_clear.run(())>
                                    {s.clear_origin}
                                </button>
                            </p>
                            {radius_choice}
                        }
                            .into_any()
                    }
                }
            }}
        </div>
    }
}
