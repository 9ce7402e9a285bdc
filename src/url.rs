//! Reading and writing the query in the page's URL. The parameters are
//! described in [`locator_core::Query`]; others (a host page's own) are kept.

use locator_core::{Query, QueryWarning, QUERY_KEYS};
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

/// Replaces the URL's query with `query`, keeping foreign parameters, without
/// adding a history entry.
pub fn write_query(query: &Query) {
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
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
    }
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
