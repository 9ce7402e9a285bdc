//! What the buyer sees if the app meets a bug it cannot recover from (a Rust
//! panic): a plain message in both languages and a link that reloads the
//! page, in place of the app; the details go to the console for developers.
//! The message is built with DOM calls only, since the app itself has
//! stopped by the time anyone reads it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the panic hook: console report, then the message.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

fn show() -> Option<()> {
    let document = web_sys::window()?.document()?;
    let place = crate::mount::query(".evl-app")
        .or_else(|| crate::mount::query(".evl-shell"))
        .or_else(|| document.body().map(Into::into))?;
    let element = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_class_name(class);
        e.set_text_content(Some(text));
        Some(e)
    };
    let alert = element("section", "evl-load-failure evl-crash", "")?;
    let _ = alert.set_attribute("role", "alert");
    let heading = element("h2", "", "出错了 · Something went wrong")?;
    let text = element(
        "p",
        "evl-error-detail",
        "门店查询遇到意外错误，已停止运行，请重新加载页面。 The store locator hit an unexpected error and stopped; please reload the page.",
    )?;
    alert.append_child(&heading).ok()?;
    alert.append_child(&text).ok()?;
    let reload = element("a", "evl-button", "重新加载 · Reload")?;
    let href = web_sys::window()?.location().href().ok()?;
    let _ = reload.set_attribute("href", &href);
    alert.append_child(&reload).ok()?;
    place.set_text_content(None);
    place.append_child(&alert).ok()?;
    let _ = alert.set_attribute("tabindex", "-1");
    let _ = alert.dyn_ref::<web_sys::HtmlElement>()?.focus();
    Some(())
}

/// Panics on purpose, to check from a browser that a bug still ends in the
/// message above (the end-to-end tests call it as
/// `window.wasmBindings.simulate_crash()`). Harmless: it only stops this
/// page's copy of the app, as any bug would.
#[wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulated crash, for testing the message shown to the buyer");
}
