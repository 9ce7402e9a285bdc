//! Taking over the prerendered first view.
//!
//! The release build writes the first view (header, filters, count and the
//! first page of the list, in the default order and language) into
//! `index.html` as HTML, marked `data-evl-prerendered`, so that it is on
//! screen before the wasm arrives (`evl-site`, `src/pages/first_view.rs`).
//! The app mounts beside it, hidden, and when its own list is drawn it
//! replaces it in one step: `window.__evlTakeover` (written into the start-up
//! script by `tools/build/postbuild.mjs`) removes the prerendered view and
//! repeats on the app's elements the clicks the buyer made on it meanwhile.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Whether the app is on screen (the prerendered view taken over, or none
/// was there), given to the components as context: an element of the app
/// cannot take the focus before (a modal dialog waits for it).
#[derive(Debug, Clone, Copy)]
pub struct OnScreen(pub Signal<bool>);

thread_local! {
    /// Whether a prerendered view waits to be taken over (`None`: not yet looked).
    static PENDING: Cell<Option<bool>> = const { Cell::new(None) };
}

/// The prerendered view, if it is on the page.
fn prerendered() -> Option<web_sys::Element> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?
        .document()?
        .query_selector("[data-evl-prerendered]")
        .ok()
        .flatten()
}

/// Whether the page shows a prerendered view the app has not yet taken over.
pub fn pending() -> bool {
    PENDING.with(|p| match p.get() {
        Some(v) => v,
        None => {
            let v = prerendered().is_some();
            p.set(Some(v));
            v
        }
    })
}

/// Replaces the prerendered view by the app's `root`, which is shown from
/// now on, and replays the clicks made on it.
pub fn complete(root: &web_sys::HtmlElement) {
    if !pending() {
        return;
    }
    PENDING.with(|p| p.set(Some(false)));
    let hand_over = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__evlTakeover".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match hand_over {
        Some(f) => {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, root);
        }
        None => {
            if let Some(old) = prerendered() {
                old.remove();
            }
        }
    }
}
