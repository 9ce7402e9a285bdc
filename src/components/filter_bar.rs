//! Kind and service filters.

use leptos::prelude::*;
use locator_core::{Filters, Lang, OutletKind, Service};

/// Radio buttons for the kind and check boxes for the services.
#[component]
pub fn FilterBar(
    /// The filters in force.
    #[prop(into)]
    filters: Signal<Filters>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Whether only outlets open now are shown.
    #[prop(into)]
    open_now: Signal<bool>,
    /// Called with the new filters when the buyer changes one.
    on_change: Callback<Filters>,
    /// Called when the buyer switches "open now".
    on_open_now: Callback<bool>,
) -> impl IntoView {
    let kind_option = move |kind: Option<OutletKind>| {
        let id = kind.map_or("all", OutletKind::id);
        view! {
            <label class=format!("evl-chip evl-chip-kind-{id}")>
                <input
                    type="radio"
                    name="evl-kind"
                    value=id
                    prop:checked=move || filters.get().kind == kind
                    // Also as the attribute: the prerendered view has no properties.
                    checked=move || filters.get().kind == kind
                    on:change=move |_| on_change.run(Filters { kind, ..filters.get_untracked() })
                />
                <span>
                    {move || match kind {
                        None => lang.get().strings().kind_all,
                        Some(k) => lang.get().strings().kind(k),
                    }}
                </span>
            </label>
        }
    };
    let service_option = move |service: Service| {
        view! {
            <label class="evl-chip">
                <input
                    type="checkbox"
                    name="evl-service"
                    value=service.id()
                    prop:checked=move || filters.get().services.contains(service)
                    // Also as the attribute: the prerendered view has no properties.
                    checked=move || filters.get().services.contains(service)
                    on:change=move |ev| {
                        let mut f = filters.get_untracked();
                        if event_target_checked(&ev) {
                            f.services.insert(service);
                        } else {
                            f.services.remove(service);
                        }
                        on_change.run(f);
                    }
                />
                <span>{move || lang.get().strings().service(service)}</span>
            </label>
        }
    };
    view! {
        <form class="evl-filters" on:submit=|ev| ev.prevent_default()>
            <fieldset class="evl-filter-group">
                <legend>{move || lang.get().strings().kind_label}</legend>
                {kind_option(None)}
                {OutletKind::ALL.into_iter().map(|k| kind_option(Some(k))).collect::<Vec<_>>()}
            </fieldset>
            <fieldset class="evl-filter-group">
                <legend>{move || lang.get().strings().services_label}</legend>
                {Service::ALL.into_iter().map(service_option).collect::<Vec<_>>()}
            </fieldset>
            <div class="evl-filter-group">
                <label class="evl-chip evl-chip-open">
                    <input
                        type="checkbox"
                        name="evl-open"
                        value="1"
                        prop:checked=move || open_now.get()
                    // Also as the attribute: the prerendered view has no properties.
                    checked=move || open_now.get()
                        on:change=move |ev| on_open_now.run(event_target_checked(&ev))
                    />
                    <span>{move || lang.get().strings().open_now}</span>
                </label>
            </div>
        </form>
    }
}
