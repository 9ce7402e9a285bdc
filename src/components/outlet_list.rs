//! The ranked list of outlets.

use crate::components::OutletCard;
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{format_count, Lang, LatLng, LocalDateTime, Ranked};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Rows drawn at first, and added by each "show more" (or on scrolling near
/// the end): a network of 100,000 outlets must not put 100,000 cards in the
/// page, and a filter must redraw within a frame. Three screens of a
/// desktop list.
const PAGE: usize = 30;

/// Rows of a list's first drawing, about a screen: the rest of the first
/// page follows in a later task, so results paint sooner and no single task
/// holds the page up for long.
const FIRST: usize = 8;

/// Rows added per task to a list drawn hidden beside the prerendered view
/// it will replace (10 to 25 ms on a phone's CPU, 4x): no task holds the
/// page up for more than 50 ms, and the takeover comes once the page is
/// whole.
const STEP: usize = 6;

/// The result count and one card per outlet, in rank order, a page at a
/// time: more rows come as the buyer scrolls to the end (or presses "show
/// more"). Scrolls the selected outlet into view when the selection changes.
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
    // Until the app takes over the prerendered view it is hidden, and a
    // hidden row cannot be scrolled to: a link to an outlet (`?outlet=`)
    // scrolls to its row once the app is on screen.
    let on_screen = crate::takeover::on_screen();
    Effect::new(move |_| {
        let (Some(id), Some(list), true) = (selected_id(), list_ref.get(), on_screen.get()) else {
            return;
        };
        let selector = format!("[data-outlet-id=\"{}\"]", id.replace('"', ""));
        // In the next frame: the app's own elements (shown by the takeover,
        // the row just drawn) are in their places by then.
        let list: web_sys::Element = list.into();
        request_animation_frame(move || {
            if let Ok(Some(row)) = list.query_selector(&selector) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });

    // How many rows are drawn: a page, more on request; a new ranking starts
    // again at one page, and the selected outlet is always drawn. The first
    // page comes in steps, at the start and after each new ranking: on
    // screen, a screen of rows at once and the rest once that has been
    // painted; hidden beside the prerendered view, a few rows per task, and
    // the takeover once the page is whole (`HiddenDrawing`). Prerendered
    // (natively), the whole page at once.
    let first_page = use_context::<crate::takeover::HiddenDrawing>().map(|d| d.list);
    let first_rows = move || {
        if on_screen.get_untracked() {
            FIRST
        } else {
            STEP
        }
    };
    let limit = RwSignal::new(if cfg!(target_arch = "wasm32") {
        first_rows()
    } else {
        PAGE
    });
    let fill_page = move || {
        if limit.try_get_untracked().is_none_or(|n| n >= PAGE) {
            return;
        }
        if on_screen.get_untracked() {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if limit.try_get_untracked() == Some(FIRST) {
                            limit.set(PAGE);
                        }
                    },
                    std::time::Duration::ZERO,
                )
            });
        } else {
            grow_hidden(limit, ranked, first_page);
        }
    };
    fill_page();
    Effect::new(move |previous: Option<()>| {
        ranked.track();
        if previous.is_some() {
            limit.set(first_rows());
            fill_page();
        }
    });
    let shown = Memo::new(move |_| {
        let wanted = limit.get();
        let chosen = selected.get();
        ranked.with(|r| {
            let through_selected = chosen
                .and_then(|i| r.iter().position(|row| row.index == i))
                .map_or(0, |p| p + 1);
            r[..wanted.max(through_selected).min(r.len())].to_vec()
        })
    });
    let remaining = move || ranked.with(Vec::len).saturating_sub(shown.with(Vec::len));
    let more = move || limit.set(shown.with(Vec::len) + PAGE);
    // Scrolling near the end draws the next page, as if "show more" were pressed.
    let more_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let Some(button) = more_ref.get() else { return };
        let seen = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let visible = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if visible {
                    more();
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("400px");
        if let Ok(observer) =
            web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options)
        {
            observer.observe(&button);
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        }
        seen.forget();
    });

    // Distances of the drawn rows by outlet, so that rows keep their identity
    // (and focus) when the origin moves and only their distance changes.
    let distances = Memo::new(move |_| {
        shown.with(|rows| {
            rows.iter()
                .map(|r| (r.index, r.distance_m))
                .collect::<std::collections::HashMap<_, _>>()
        })
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
            <ol
                class="evl-list"
                node_ref=list_ref
                aria-label=move || lang.get().strings().list_label
                data-count=move || ranked.with(Vec::len)
            >
                <For
                    each=move || shown.get()
                    key=|r| r.index
                    children=move |r| {
                        view! {
                            <OutletCard
                                loaded=loaded.clone()
                                index=r.index
                                distance_m=Signal::derive(move || distances.with(|d| d.get(&r.index).copied().flatten()))
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
            <Show when=move || { remaining() > 0 }>
                <button type="button" class="evl-button evl-more" node_ref=more_ref on:click=move |_| more()>
                    {move || lang.get().strings().show_more(PAGE.min(remaining()), shown.with(Vec::len), ranked.with(Vec::len))}
                </button>
            </Show>
        </div>
    }
}

/// Draws `STEP` more rows of the hidden list in the next task, and so on
/// until its first page is whole (or all of `ranked` is drawn); the task
/// after that sets `first_page`, once the last rows are in the page.
fn grow_hidden(
    limit: RwSignal<usize>,
    ranked: Signal<Vec<Ranked>>,
    first_page: Option<RwSignal<bool>>,
) {
    set_timeout(
        move || {
            let (Some(n), Some(len)) = (
                limit.try_get_untracked(),
                ranked.try_with_untracked(Vec::len),
            ) else {
                return;
            };
            if n >= PAGE {
                if let Some(drawn) = first_page {
                    drawn.set(true);
                }
                return;
            }
            limit.set(if n + STEP >= PAGE.min(len) {
                PAGE
            } else {
                n + STEP
            });
            grow_hidden(limit, ranked, first_page);
        },
        std::time::Duration::ZERO,
    );
}
