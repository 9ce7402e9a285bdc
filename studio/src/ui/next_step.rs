//! The "next step" button at the end of a step.

use super::state::{studio, Step};
use evl_studio::text::words;
use leptos::prelude::*;

/// Goes on to step `to`.
#[component]
pub fn NextStep(
    /// The step it opens.
    to: Step,
) -> impl IntoView {
    let s = studio();
    view! {
        <p>
            <button type="button" class="studio-next" on:click=move |_| s.go(to)>
                {move || words(s.lang.get()).next}
            </button>
        </p>
    }
}
