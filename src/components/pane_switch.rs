//! The phone layout's switch between the list and the map (hidden on wider
//! screens, where both are shown side by side).

use leptos::prelude::*;
use locator_core::Lang;
use wasm_bindgen::prelude::*;

/// The widest app, in CSS pixels, that has the phone layout, as
/// `style/main.css` writes its container query (and the start-up script,
/// `tools/build/postbuild.mjs`, whose media query preloads the map on wider
/// screens).
const PHONE_WIDTH_PX: f64 = 760.0;

/// Whether the app is in the phone layout (one pane at a time): whether its
/// own width (a host's column, or the window) is a phone's, following it as
/// it is resized or turned.
pub fn phone_layout() -> Signal<bool> {
    if !cfg!(target_arch = "wasm32") {
        // Rendered natively (the prerendered first view): a desktop's.
        return Signal::stored(false);
    }
    let Some(container) = crate::mount::container() else {
        return Signal::stored(false);
    };
    let narrow =
        |el: &web_sys::HtmlElement| el.get_bounding_client_rect().width() <= PHONE_WIDTH_PX;
    let phone = RwSignal::new(narrow(&container));
    let changed = Closure::<dyn Fn()>::new({
        let container = container.clone();
        move || {
            let now = narrow(&container);
            if phone.try_get_untracked().is_some_and(|was| was != now) {
                phone.set(now);
            }
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()) {
        observer.observe(&container);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
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
