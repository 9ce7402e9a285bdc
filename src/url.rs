//! Reading and writing the query in the page's URL. The parameters are
//! described in [`locator_core::Query`]; others (a host page's own) are kept.

use locator_core::{HistoryStep, Query, QueryWarning, QUERY_KEYS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::UrlSearchParams;

fn current_params() -> Option<UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

/// The query in the current URL, and the parameters that were ignored.
pub fn read_query() -> (Query, Vec<QueryWarning>) {
    let mut pairs = Vec::new();
    if let Some(params) = current_params() {
        let entries = js_sys::try_iter(&params).ok().flatten();
        for entry in entries.into_iter().flatten().flatten() {
            let entry = js_sys::Array::from(&entry);
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    Query::from_pairs(pairs)
}

/// Writes `query` into the URL, keeping foreign parameters: a new history
/// entry for [`HistoryStep::Push`], the current one replaced otherwise.
/// Nothing happens when the URL already says it.
pub fn write_query(query: &Query, step: HistoryStep) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(params) = current_params().or_else(|| UrlSearchParams::new().ok()) else {
        return;
    };
    for key in QUERY_KEYS {
        params.delete(key);
    }
    for (key, value) in query.to_pairs() {
        params.append(key, &value);
    }
    let search: String = params.to_string().into();
    let target = if search.is_empty() {
        window.location().pathname().unwrap_or_default()
    } else {
        format!("?{search}")
    };
    let current = window.location().search().unwrap_or_default();
    if current.trim_start_matches('?') == search {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = match step {
            HistoryStep::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&target)),
            HistoryStep::Replace | HistoryStep::None => {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
            }
        };
    }
}

thread_local! {
    static RESTORING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the query is being restored from the history (Back, Forward):
/// the map then shows the view the URL names and makes no moves of its own.
pub fn restoring() -> bool {
    RESTORING.with(|r| r.get())
}

/// Runs `f` whenever the buyer goes back or forward in the history, with
/// [`restoring`] true until the effects it causes have run; the listener
/// lives as long as the page.
pub fn on_history(f: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn()>::new(move || {
        RESTORING.with(|r| r.set(true));
        f();
        leptos::prelude::set_timeout(
            || RESTORING.with(|r| r.set(false)),
            std::time::Duration::from_millis(0),
        );
    });
    let _ = window.add_event_listener_with_callback("popstate", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// The browser's preferred language tags (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let nav = window.navigator();
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Logs a warning to the browser console.
pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}
