//! The studio's page: one component per file, wired to the library
//! (`evl_studio`) through the state in [`state`].

mod app;
mod brand_fields;
mod browser;
mod check_step;
mod columns_step;
mod configure_step;
mod export_step;
mod next_step;
mod open_step;
mod preview;
mod problem_list;
mod record_form;
mod state;
mod step_nav;

/// Reports panics in the console and draws the page; in the check's
/// worker (no window), draws nothing: the worker calls
/// [`browser::studio_check`].
pub fn start() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(app::App);
    }
}

/// Moves the keyboard focus to the element `selector` names, once drawn.
pub fn focus(selector: &'static str) {
    leptos::task::spawn_local(async move {
        browser::next_frame().await;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
