//! The map legend: what each marker means.

use leptos::prelude::*;
use locator_core::{Lang, OutletKind, OutletStatus};

/// Marker shapes and colours by kind and status, and the buyer's position.
#[component]
pub fn Legend(
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    let entry = move |class: &'static str,
                      label: Box<dyn Fn(Lang) -> &'static str + Send + Sync>| {
        view! {
            <li>
                <span class=format!("evl-swatch {class}") aria-hidden="true"></span>
                {move || label(lang.get())}
            </li>
        }
    };
    let status = |s| move |l: Lang| l.strings().status(s).unwrap_or_default();
    view! {
        <section class="evl-legend" aria-label=move || lang.get().strings().legend>
            <ul>
                {entry("is-ev-home is-open", Box::new(|l| l.strings().kind(OutletKind::EvHome)))}
                {entry("is-partner is-open", Box::new(|l| l.strings().kind(OutletKind::Partner)))}
                {entry("is-ev-home is-coming-soon", Box::new(status(OutletStatus::ComingSoon)))}
                {entry("is-ev-home is-relocated", Box::new(status(OutletStatus::Relocated)))}
                {entry("is-origin", Box::new(|l| l.strings().your_location))}
                <li>
                    <span class="evl-cluster evl-legend-cluster" aria-hidden="true">
                        <span class="evl-cluster-count">"3"</span>
                    </span>
                    {move || lang.get().strings().legend_cluster}
                </li>
            </ul>
            <p class="evl-basemap-note">{move || lang.get().strings().basemap_note}</p>
        </section>
    }
}
