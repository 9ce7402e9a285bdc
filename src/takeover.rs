//! Taking over the prerendered first view.
//!
//! The release build writes the first view (header, filters, count and the
//! first page of the list, in the default order and language) into
//! `index.html` as HTML, marked `data-evl-prerendered`, so that it is on
//! screen before the wasm arrives (`evl-site`, `src/pages/first_view.rs`);
//! the start-up script puts the other language's, from a template, in its
//! place when the app will be in that language.
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

/// Whether the app is on screen: the [`OnScreen`] context, or always
/// outside the app (rendered natively, or without a takeover).
pub fn on_screen() -> Signal<bool> {
    use_context::<OnScreen>().map_or_else(|| Signal::stored(true), |s| s.0)
}

/// What the app has drawn while hidden beside the prerendered view, given
/// as context by the app. It draws in steps, a task each, so that no task
/// holds the page up for long (a phone's blocking time counts what a task
/// takes over 50 ms): the list a few rows at a time (`OutletList`), the
/// panels around it one after another ([`panels`]). The takeover waits for
/// both, as the prerendered view already shows them all.
#[derive(Debug, Clone, Copy)]
pub struct HiddenDrawing {
    /// The list's first page is whole.
    pub list: RwSignal<bool>,
    /// The panels around the list are all drawn.
    pub panels: RwSignal<bool>,
}

impl HiddenDrawing {
    /// Nothing drawn yet.
    pub fn new() -> HiddenDrawing {
        HiddenDrawing {
            list: RwSignal::new(false),
            panels: RwSignal::new(false),
        }
    }

    /// Whether everything is drawn (tracked).
    pub fn done(&self) -> bool {
        self.list.get() && self.panels.get()
    }
}

impl Default for HiddenDrawing {
    fn default() -> Self {
        HiddenDrawing::new()
    }
}

/// How many of a component's `n` panels to draw, in order: all of them on
/// screen (or rendered natively); hidden beside the prerendered view, none
/// at first and one more in each later task, the last followed by
/// [`HiddenDrawing::panels`].
pub fn panels(n: u8) -> Signal<u8> {
    let drawing = use_context::<HiddenDrawing>();
    match drawing {
        Some(drawing) if pending() => {
            let drawn = RwSignal::new(0);
            next_panel(drawn, n, drawing.panels);
            drawn.into()
        }
        _ => Signal::stored(n),
    }
}

/// Draws one more panel in the next task, until all `n` are.
fn next_panel(drawn: RwSignal<u8>, n: u8, done: RwSignal<bool>) {
    set_timeout(
        move || match drawn.try_get_untracked() {
            Some(k) if k < n => {
                drawn.set(k + 1);
                next_panel(drawn, n, done);
            }
            Some(_) => done.set(true),
            None => {}
        },
        std::time::Duration::ZERO,
    );
}

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
