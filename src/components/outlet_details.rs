//! The rest of what a buyer needs about the selected outlet, under its card
//! (which already says whether it is open): its facts ([`OutletFacts`]) and
//! a link to share.

use crate::components::OutletFacts;
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{Lang, LatLng, LocalDateTime};
use std::sync::Arc;

/// The details panel of one outlet. Focus moves to its heading when it opens.
#[component]
pub fn OutletDetails(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// Position of the outlet in the dataset.
    index: usize,
    /// The buyer's position (WGS-84), for the distance and directions.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The date and time now in the dataset's time zone, if known.
    #[prop(into)]
    local_now: Signal<Option<LocalDateTime>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called when the buyer closes the panel.
    on_close: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    // The focus follows the buyer's own action (a card or marker they
    // activated), never a link or a host page opening the details.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if crate::components::focus_is_inside_app() {
                let _ = h.focus();
            }
        }
    });
    let copied = RwSignal::new(false);
    let o = loaded.data.outlets[index].clone();
    let share_url = share_link(&o.id);
    let o = Arc::new(o);

    let body = view! {
        <OutletFacts outlet=o.clone() origin=origin local_now=local_now lang=lang />
    };

    let share = {
        let url = share_url.clone();
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                // navigator.clipboard exists only on secure pages; without it
                // the link stays on screen to copy by hand.
                let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
                    return;
                };
                let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
                    .is_ok_and(|c| !c.is_undefined() && !c.is_null());
                if !has_clipboard {
                    return;
                }
                let promise = navigator.clipboard().write_text(&url);
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        }
    };

    view! {
        <section
            class="evl-details"
            aria-labelledby="evl-details-heading"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="evl-details-head">
                <h2 id="evl-details-heading" tabindex="-1" node_ref=heading>
                    {move || lang.get().strings().details_heading}
                </h2>
                <button
                    type="button"
                    class="evl-notice-close"
                    aria-label=move || lang.get().strings().details_close
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </div>
            {body}
            <p class="evl-share">
                <a href=share_url.clone() class="evl-share-link">{share_url.clone()}</a>
                " "
                <button type="button" class="evl-link-button" on:click=share>
                    {move || if copied.get() { lang.get().strings().copied } else { lang.get().strings().share }}
                </button>
            </p>
        </section>
    }
}

/// The page's address with only `outlet=ID` as its query: the link that
/// reopens this outlet.
fn share_link(id: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return format!("?outlet={id}");
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new().ok();
    let query = params
        .map(|p| {
            p.append("outlet", id);
            String::from(p.to_string())
        })
        .unwrap_or_else(|| format!("outlet={id}"));
    format!("{origin}{path}?{query}")
}
