//! The phone layout's switch between the list and the map (hidden on wider
//! screens, where both are shown side by side).

use leptos::prelude::*;
use locator_core::Lang;

/// Two toggle buttons: list, map.
#[component]
pub fn PaneSwitch(
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Whether the map is the pane shown.
    #[prop(into)]
    showing_map: Signal<bool>,
    /// Called with `true` to show the map, `false` for the list.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="evl-pane-switch" role="group" aria-label=move || lang.get().strings().pane_label>
            <button
                type="button"
                class="evl-pane-button"
                aria-pressed=move || (!showing_map.get()).to_string()
                on:click=move |_| on_change.run(false)
            >
                {move || lang.get().strings().pane_list}
            </button>
            <button
                type="button"
                class="evl-pane-button"
                aria-pressed=move || showing_map.get().to_string()
                on:click=move |_| on_change.run(true)
            >
                {move || lang.get().strings().pane_map}
            </button>
        </div>
    }
}
