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
    let locate = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match geolocation::current_position().await {
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
                            <p class="evl-locate-failure" role="alert" data-failure=format!("{f:?}").to_lowercase()>
                                {lang.get().strings().locate_failure(f)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
