//! The phone layout's switch between the list and the map (hidden on wider
//! screens, where both are shown side by side).

use leptos::prelude::*;
use locator_core::Lang;
use wasm_bindgen::prelude::*;

/// The media query of the phone layout, as `style/main.css` writes it (and
/// the start-up script, `tools/build/postbuild.mjs`, which preloads the map
/// on wider screens).
const PHONE_LAYOUT: &str = "(max-width: 760px)";

/// Whether the page is in the phone layout (one pane at a time), following
/// the window as it is resized or turned.
pub fn phone_layout() -> Signal<bool> {
    if !cfg!(target_arch = "wasm32") {
        // Rendered natively (the prerendered first view): a desktop's.
        return Signal::stored(false);
    }
    let query = web_sys::window().and_then(|w| w.match_media(PHONE_LAYOUT).ok().flatten());
    let Some(query) = query else {
        return Signal::stored(false);
    };
    let phone = RwSignal::new(query.matches());
    let changed = Closure::<dyn Fn(JsValue)>::new({
        let query = query.clone();
        move |_| {
            let _ = phone.try_set(query.matches());
        }
    });
    let _ = query.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
    changed.forget();
    phone.into()
}

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
