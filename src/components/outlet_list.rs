//! The ranked list of outlets.

use crate::components::OutletCard;
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{format_count, Lang, LatLng, LocalDateTime, Ranked};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The result count and one card per outlet, in rank order. Scrolls the
/// selected outlet into view when the selection changes.
#[component]
pub fn OutletList(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The outlets to show, in order.
    #[prop(into)]
    ranked: Signal<Vec<Ranked>>,
    /// Position of the selected outlet in the dataset.
    #[prop(into)]
    selected: Signal<Option<usize>>,
    /// Number of outlets in the dataset.
    total: usize,
    /// The date and time now in the dataset's zone, if known.
    #[prop(into)]
    local_now: Signal<Option<LocalDateTime>>,
    /// The buyer's position, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// Called when the buyer closes the selected outlet's details.
    on_close: Callback<()>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the position of the outlet the buyer selects.
    on_select: Callback<usize>,
    /// Called with the outlet the buyer points at or focuses, `None` when
    /// they leave it.
    on_hover: Callback<Option<usize>>,
    /// Called when the buyer clears the filters from the empty state.
    on_clear_filters: Callback<()>,
) -> impl IntoView {
    let list_ref = NodeRef::<leptos::html::Ol>::new();
    let selected_id = {
        let loaded = loaded.clone();
        move || selected.get().map(|i| loaded.data.outlets[i].id.clone())
    };
    Effect::new(move |_| {
        let (Some(id), Some(list)) = (selected_id(), list_ref.get()) else {
            return;
        };
        let selector = format!("[data-outlet-id=\"{}\"]", id.replace('"', ""));
        if let Ok(Some(row)) = list.query_selector(&selector) {
            if let Ok(row) = row.dyn_into::<web_sys::HtmlElement>() {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });

    // Distances by outlet, so that rows keep their identity (and focus) when
    // the origin moves and only their distance changes.
    let distances = Memo::new(move |_| {
        let mut by_outlet = vec![None; total];
        ranked.with(|r| {
            for row in r {
                if let Some(slot) = by_outlet.get_mut(row.index) {
                    *slot = row.distance_m;
                }
            }
        });
        by_outlet
    });

    view! {
        <div class="evl-results">
            <p class="evl-count" role="status" aria-live="polite">
                {move || format_count(ranked.with(Vec::len), total, lang.get())}
            </p>
            <Show when=move || ranked.with(Vec::is_empty)>
                <div class="evl-empty">
                    <p>{move || lang.get().strings().no_results}</p>
                    <button type="button" class="evl-button" on:click=move |_| on_clear_filters.run(())>
                        {move || lang.get().strings().clear_filters}
                    </button>
                </div>
            </Show>
            <ol class="evl-list" node_ref=list_ref aria-label=move || lang.get().strings().list_label>
                <For
                    each=move || ranked.get()
                    key=|r| r.index
                    children=move |r| {
                        view! {
                            <OutletCard
                                loaded=loaded.clone()
                                index=r.index
                                distance_m=Signal::derive(move || distances.with(|d| d.get(r.index).copied().flatten()))
                                local_now=local_now
                                origin=origin
                                on_close=on_close
                                selected=Signal::derive(move || selected.get() == Some(r.index))
                                lang=lang
                                on_select=on_select
                                on_hover=on_hover
                            />
                        }
                    }
                />
            </ol>
        </div>
    }
}
