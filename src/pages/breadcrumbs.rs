//! The trail from the directory to a static page.

use leptos::prelude::*;
use locator_core::Lang;

/// Links to the pages above this one, then this one's name (not a link).
#[component]
pub fn Breadcrumbs(
    /// Each step's name and link; the last is the page itself.
    trail: Vec<(String, String)>,
    /// The page's language.
    lang: Lang,
) -> impl IntoView {
    let last = trail.len().saturating_sub(1);
    let steps = trail
        .into_iter()
        .enumerate()
        .map(|(i, (name, href))| {
            if i == last {
                view! { <li><span aria-current="page">{name}</span></li> }.into_any()
            } else {
                view! { <li><a href=href>{name}</a></li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <nav class="evl-breadcrumb" aria-label=lang.strings().breadcrumb>
            <ol>{steps}</ol>
        </nav>
    }
}
