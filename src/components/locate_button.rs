//! "Use my location": the browser's position as the origin, asked for only
//! on request, with a specific message when it cannot be had.

use crate::geolocation;
use leptos::prelude::*;
use locator_core::{Lang, LatLng, LocateFailure};

/// A button that sets the origin to the device's position.
#[component]
pub fn LocateButton(
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the position found (WGS-84).
    on_found: Callback<LatLng>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<LocateFailure>);
    // Each press starts afresh: a browser that never answers (a permission
    // prompt left open) must not leave the button stuck; late answers to an
    // earlier press are ignored.
    let attempt = RwSignal::new(0u32);
    let locate = move |_| {
        let mine = attempt.get_untracked().wrapping_add(1);
        attempt.set(mine);
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let result = geolocation::current_position().await;
            if attempt.get_untracked() != mine {
                return;
            }
            match result {
                Ok(p) => on_found.run(p),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="evl-locate">
            <button type="button" class="evl-button evl-locate-button" on:click=locate aria-busy=move || busy.get().to_string()>
                <span class="evl-locate-icon" aria-hidden="true"></span>
                {move || if busy.get() { lang.get().strings().locating } else { lang.get().strings().locate }}
            </button>
            {move || {
                failure
                    .get()
                    .map(|f| {
                        view! {
                            <p class="evl-locate-failure" role="alert" data-failure=f.id()>
                                {lang.get().strings().locate_failure(f)} " "
                                <button type="button" class="evl-link-button" on:click=move |_| focus_search()>
                                    {lang.get().strings().search_instead}
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Moves the keyboard focus to the search box, the way forward when the
/// browser cannot tell where the buyer is.
fn focus_search() {
    crate::components::focus("#evl-search-input");
}
