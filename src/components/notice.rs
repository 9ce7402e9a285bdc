//! A dismissible notice listing things the buyer should know about.

use leptos::prelude::*;
use locator_core::Lang;

/// A polite status notice: a heading and a list of items, with a close
/// button. Renders nothing when `items` is empty.
#[component]
pub fn Notice(
    /// The heading, in the interface language.
    #[prop(into)]
    heading: Signal<String>,
    /// One line per item, in the interface language (the list scrolls, so
    /// it takes the keyboard focus to be scrolled by keys).
    #[prop(into)]
    items: Signal<Vec<String>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Extra class for styling (`evl-notice-data`, `evl-notice-url`).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let open = RwSignal::new(!items.with_untracked(Vec::is_empty));
    view! {
        <Show when=move || open.get()>
            <section class=format!("evl-notice {class}") role="status">
                <div class="evl-notice-head">
                    <p class="evl-notice-heading">{move || heading.get()}</p>
                    <button
                        type="button"
                        class="evl-notice-close"
                        aria-label=move || lang.get().strings().dismiss
                        on:click=move |_| {
                            open.set(false);
                            // The focus goes on to the search box, not back to the page's top.
                            crate::components::focus("#evl-search-input");
                        }
                    >
                        "×"
                    </button>
                </div>
                <ul tabindex="0">{move || items.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </section>
        </Show>
    }
}
