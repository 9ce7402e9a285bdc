//! The alert shown when the dataset cannot be loaded at all.

use crate::load::LoadError;
use leptos::prelude::*;
use locator_core::{Lang, Localized};

/// A plain-language alert with the reason and a retry button.
#[component]
pub fn LoadFailure(
    /// What went wrong.
    error: LoadError,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called when the buyer asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let detail = move || error.localized(lang.get());
    view! {
        <section class="evl-load-failure" role="alert">
            <h2>{move || lang.get().strings().load_failed}</h2>
            <p class="evl-error-detail">{detail}</p>
            <button type="button" class="evl-button" on:click=move |_| on_retry.run(())>
                {move || lang.get().strings().retry}
            </button>
        </section>
    }
}
