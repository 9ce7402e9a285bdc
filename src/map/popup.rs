//! Popup contents, built as DOM nodes with text content only: nothing from
//! the dataset is ever parsed as HTML.

use super::leaflet::ClickHandler;
use locator_core::{format_distance, Lang, Outlet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// An element with a class and optional text.
fn element(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<HtmlElement> {
    let el = doc
        .create_element(tag)
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    el.set_class_name(class);
    if let Some(t) = text {
        el.set_text_content(Some(t));
    }
    Some(el)
}

fn append(parent: &HtmlElement, child: &HtmlElement) -> Option<()> {
    parent.append_child(child).ok().map(|_| ())
}

/// A short summary of an outlet: name, kind and status, address, distance.
pub fn summary(outlet: &Outlet, distance_m: Option<f64>, lang: Lang) -> Option<HtmlElement> {
    let doc = document()?;
    let s = lang.strings();
    let root = element(&doc, "div", "evl-popup", None)?;
    append(
        &root,
        &element(&doc, "p", "evl-popup-name", Some(outlet.name.get(lang)))?,
    )?;
    let mut kind = s.kind(outlet.kind).to_string();
    if let Some(status) = s.status(outlet.status) {
        kind = format!("{kind} · {status}");
    }
    append(&root, &element(&doc, "p", "evl-popup-kind", Some(&kind))?)?;
    append(
        &root,
        &element(
            &doc,
            "p",
            "evl-popup-address",
            Some(outlet.address.get(lang)),
        )?,
    )?;
    if let Some(d) = distance_m {
        let text = format!("{} ({})", format_distance(d, lang), s.straight_line);
        append(
            &root,
            &element(&doc, "p", "evl-popup-distance", Some(&text))?,
        )?;
    }
    Some(root)
}

/// An empty element at the end of `popup`, for a view mounted into it
/// (the outlet's calls to action, the app's own component).
pub fn slot(popup: &HtmlElement) -> Option<HtmlElement> {
    let el = element(&document()?, "div", "evl-popup-actions", None)?;
    append(popup, &el)?;
    Some(el)
}

/// A list of outlets at one place (same coordinates), each a button that
/// calls `on_pick` with its position in the dataset. Returns the element and
/// the click handlers, which must live as long as the popup.
pub fn stack(
    outlets: &[(usize, &Outlet)],
    lang: Lang,
    on_pick: impl Fn(usize) + Clone + 'static,
) -> Option<(HtmlElement, Vec<ClickHandler>)> {
    let doc = document()?;
    let root = element(&doc, "div", "evl-popup evl-popup-stack", None)?;
    let heading = lang.strings().same_place(outlets.len());
    append(
        &root,
        &element(&doc, "p", "evl-popup-kind", Some(&heading))?,
    )?;
    let list = element(&doc, "ul", "evl-popup-list", None)?;
    let mut handlers = Vec::new();
    for &(index, outlet) in outlets {
        let item = element(&doc, "li", "", None)?;
        let button = element(&doc, "button", "evl-link-button", None)?;
        button.set_attribute("type", "button").ok()?;
        button.set_attribute("data-outlet-id", &outlet.id).ok()?;
        let label = format!(
            "{} · {}",
            outlet.name.get(lang),
            lang.strings().kind(outlet.kind)
        );
        button.set_text_content(Some(&label));
        let pick = on_pick.clone();
        let handler = Closure::<dyn FnMut()>::new(move || pick(index));
        button.set_onclick(Some(handler.as_ref().unchecked_ref()));
        handlers.push(handler);
        append(&item, &button)?;
        append(&list, &item)?;
    }
    append(&root, &list)?;
    Some((root, handlers))
}
