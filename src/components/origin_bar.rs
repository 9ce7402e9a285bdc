//! Where distances are measured from.

use leptos::prelude::*;
use locator_core::{Lang, LatLng};

/// A hint to set a location, or the location in force with a clear button.
#[component]
pub fn OriginBar(
    /// The origin, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called when the buyer clears the origin.
    on_clear: Callback<()>,
) -> impl IntoView {
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
                        }
                            .into_any()
                    }
                }
            }}
        </div>
    }
}
