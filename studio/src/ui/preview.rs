//! The preview: the buyer's locator itself (`../locator.js`, in a frame of
//! its own: `preview.html`), mounted on the outlets the last check kept and
//! the settings as they stand, and mounted again, in a new frame, a moment
//! after either changes.

use super::browser;
use super::state::studio;
use evl_studio::text::words;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;

/// How long the preview waits after a change before it is mounted again,
/// in milliseconds (so typing a colour does not start ten locators).
const SETTLE_MS: i32 = 600;

/// The preview pane.
#[component]
pub fn Preview() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let slot = NodeRef::<leptos::html::Div>::new();
    let failed = RwSignal::new(None::<String>);
    let generation = Rc::new(Cell::new(0u32));
    let has_data = move || {
        s.checked.track();
        s.files.with_value(|f| f.pack.is_some())
    };
    Effect::new(move |_| {
        s.checked.track();
        let pack = s.files.with_value(|f| f.pack.clone());
        let config = s.settings.with(|st| st.for_preview());
        let lang = s.settings.with(|st| st.get("default_lang"));
        let Some(el) = slot.get() else { return };
        let Some(pack) = pack else {
            browser::clear_preview(&el);
            return;
        };
        let this = generation.get() + 1;
        generation.set(this);
        let generation = generation.clone();
        spawn_local(async move {
            gloo_timeout(SETTLE_MS).await;
            if generation.get() != this {
                return;
            }
            let lang = if lang.is_empty() {
                "zh".to_string()
            } else {
                lang
            };
            let title = words(s.lang.get_untracked()).preview;
            match browser::mount_preview(&el, &pack, &config, &lang, title).await {
                Ok(()) => failed.set(None),
                Err(e) => failed.set(Some(e)),
            }
        });
    });
    view! {
        <section class="studio-preview" aria-labelledby="studio-preview-heading">
            <h2 id="studio-preview-heading">{move || w().preview}</h2>
            <Show when=move || !has_data()>
                <p class="studio-hint">{move || w().no_preview}</p>
            </Show>
            {move || failed.get().map(|e| view! { <p class="studio-error" role="alert">{e}</p> })}
            <div class="studio-preview-slot" node_ref=slot></div>
        </section>
    }
}

/// Waits `ms` milliseconds.
async fn gloo_timeout(ms: i32) {
    let promise = js_sys::Promise::new(&mut |done, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
