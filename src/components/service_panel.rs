//! For the buyer's position: the nearest outlet for each service, and mobile
//! service that covers where they are.

use crate::components::BookingActions;
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{format_distance, service_options, Lang, LatLng};
use std::sync::Arc;

/// One row per service: the nearest outlet offering it now, its distance
/// (straight line) and kind; a selectable name; its booking link for that
/// service, when configured.
#[component]
pub fn ServicePanel(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The buyer's position, WGS-84.
    origin: LatLng,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the outlet the buyer picks.
    on_select: Callback<usize>,
) -> impl IntoView {
    let options = service_options(&loaded.data, &loaded.index, origin);
    view! {
        <section class="evl-service-panel" aria-labelledby="evl-service-panel-heading">
            <h2 id="evl-service-panel-heading" class="evl-details-sub">
                {move || lang.get().strings().service_panel_heading}
            </h2>
            <ul>
                {options
                    .into_iter()
                    .map(|option| {
                        let (loaded, loaded_mobile) = (loaded.clone(), loaded.clone());
                        view! {
                            <li data-service=option.service.id()>
                                <span class="evl-service-name">{move || lang.get().strings().service(option.service)}</span>
                                {move || {
                                    let lang = lang.get();
                                    let s = lang.strings();
                                    match option.nearest {
                                        None => view! { <span class="evl-card-meta">{s.none_offers}</span> }.into_any(),
                                        Some(n) => {
                                            let o = &loaded.data.outlets[n.index];
                                            let name = o.name.get(lang).to_string();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="evl-link-button"
                                                    data-outlet-id=o.id.clone()
                                                    on:click=move |_| on_select.run(n.index)
                                                >
                                                    {name}
                                                </button>
                                                <span class="evl-service-meta">
                                                    {format!(" · {} · {} ({})", s.kind(n.kind), format_distance(n.distance_m, lang), s.straight_line)}
                                                </span>
                                                <BookingActions
                                                    loaded=loaded.clone()
                                                    index=n.index
                                                    only=option.service
                                                    lang=Signal::stored(lang)
                                                />
                                            }
                                                .into_any()
                                        }
                                    }
                                }}
                                {(!option.mobile.is_empty()).then(|| {
                                    let loaded = loaded_mobile;
                                    let mobile = option.mobile.clone();
                                    move || {
                                        let lang = lang.get();
                                        let names: Vec<String> = mobile
                                            .iter()
                                            .map(|&i| loaded.data.outlets[i].name.get(lang).to_string())
                                            .collect();
                                        view! {
                                            <p class="evl-mobile-service">
                                                {lang.strings().mobile_service} " " {names.join(if lang == Lang::Zh { "、" } else { ", " })}
                                            </p>
                                        }
                                    }
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
