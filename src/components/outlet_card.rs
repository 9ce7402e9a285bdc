//! One outlet in the list.

use crate::components::{kind_class, status_class, BookingActions, OutletDetails};
use crate::load::Loaded;
use leptos::either::Either;
use leptos::prelude::*;
use locator_core::{format_distance, Lang, LatLng, LocalDateTime, OutletStatus};
use std::sync::Arc;

/// A list row: kind and status, name, address, distance, services, the
/// booking links, and for a relocated outlet a link to its new home.
#[component]
pub fn OutletCard(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// Position of the outlet in the dataset.
    index: usize,
    /// Straight-line distance from the origin in metres, when one is set.
    #[prop(into)]
    distance_m: Signal<Option<f64>>,
    /// The date and time now in the dataset's zone, if known.
    #[prop(into)]
    local_now: Signal<Option<LocalDateTime>>,
    /// The buyer's position, WGS-84.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// Called when the buyer closes the details.
    on_close: Callback<()>,
    /// Whether this outlet is selected.
    #[prop(into)]
    selected: Signal<bool>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with an outlet's position when the buyer selects it (this one,
    /// or the one a relocated outlet moved to).
    on_select: Callback<usize>,
    /// Called with this outlet when the pointer or focus enters the card,
    /// `None` when it leaves.
    on_hover: Callback<Option<usize>>,
    /// On a static page, the page of an outlet by its position: the card and
    /// a relocated outlet's new home become links to their pages.
    #[prop(optional)]
    page_of: Option<Callback<usize, String>>,
) -> impl IntoView {
    let details = {
        let loaded = loaded.clone();
        move || {
            selected.get().then(|| {
                view! {
                    <OutletDetails
                        loaded=loaded.clone()
                        index=index
                        origin=origin
                        local_now=local_now
                        lang=lang
                        on_close=on_close
                    />
                }
            })
        }
    };
    let outlet = &loaded.data.outlets[index];
    let kind = outlet.kind;
    let status = outlet.status;
    let id = outlet.id.clone();
    let distance_attr = move || distance_m.get().map(|d| format!("{}", d.round() as u64));
    let moved_to = outlet
        .relocated_to
        .as_deref()
        .and_then(|to| loaded.data.index_of(to));
    let text = {
        let loaded = loaded.clone();
        move |f: fn(&locator_core::Outlet) -> &locator_core::LocalText| {
            let loaded = loaded.clone();
            move || f(&loaded.data.outlets[index]).get(lang.get()).to_string()
        }
    };
    let name = text(|o| &o.name);
    let address = text(|o| &o.address);
    let group = outlet.partner_group.clone();
    let phone = outlet.phone.clone();
    let opening = outlet.opening_date.map(|d| d.to_string());
    let services = outlet.services;
    let open_state = {
        let hours = outlet
            .hours
            .clone()
            .filter(|_| status == OutletStatus::Open);
        move || {
            hours.as_ref()?;
            // Before the time is known (a prerendered page), the line is
            // kept empty, so that the card does not grow when it is.
            let Some((h, now)) = hours.as_ref().zip(local_now.get()) else {
                return Some(view! { <span class="evl-open-state"></span> }.into_any());
            };
            let state = h.status_at(now);
            let class = if state.is_open() {
                "evl-open-state is-open-now"
            } else {
                "evl-open-state"
            };
            Some(
                view! { <span class=class>{lang.get().strings().open_state(&state, lang.get())}</span> }
                    .into_any(),
            )
        }
    };
    let (kind_class, status_class) = (kind_class(kind), status_class(status));
    let moved_to_name = moved_to.map(|m| {
        let loaded = loaded.clone();
        move || {
            let o = &loaded.data.outlets[m];
            format!("{} · {}", o.name.get(lang.get()), o.address.get(lang.get()))
        }
    });

    let inner = view! {
                <span class=format!("evl-swatch {kind_class} {status_class}") aria-hidden="true"></span>
                <span class="evl-card-text">
                    <span class="evl-card-name">{name}</span>
                    <span class="evl-badges">
                        <span class=format!("evl-badge {kind_class}")>{move || lang.get().strings().kind(kind)}</span>
                        {move || {
                            lang.get()
                                .strings()
                                .status(status)
                                .map(|s| view! { <span class=format!("evl-badge {status_class}")>{s}</span> })
                        }}
                    </span>
                    <span class="evl-card-address">{address}</span>
                    {open_state}
                </span>
                {move || {
                    distance_m
                        .get()
                        .map(|d| {
                            view! {
                                <span class="evl-distance" title=move || lang.get().strings().straight_line>
                                    {format_distance(d, lang.get())}
                                </span>
                            }
                        })
                }}
    };
    // Links are for the static pages only: the browser build leaves them out.
    let page_of = page_of.filter(|_| cfg!(feature = "ssr"));
    let main = match page_of {
        Some(page_of) => Either::Left(view! {
            <a class="evl-card-main" href=page_of.run(index)>{inner}</a>
        }),
        None => Either::Right(view! {
            <button
                type="button"
                class="evl-card-main"
                aria-pressed=move || if selected.get() { "true" } else { "false" }
                on:click=move |_| on_select.run(index)
            >
                {inner}
            </button>
        }),
    };

    view! {
        <li
            class=format!("evl-card {kind_class} {status_class}")
            class:is-selected=move || selected.get()
            data-outlet-id=id
            data-distance-m=distance_attr
            on:mouseenter=move |_| on_hover.run(Some(index))
            on:mouseleave=move |_| on_hover.run(None)
            on:focusin=move |_| on_hover.run(Some(index))
            on:focusout=move |_| on_hover.run(None)
        >
            {main}
            {opening.filter(|_| status == OutletStatus::ComingSoon).map(|date| {
                view! { <p class="evl-card-note">{move || lang.get().strings().expected_opening} " " {date.clone()}</p> }
            })}
            {moved_to.zip(moved_to_name).map(|(m, label)| {
                view! {
                    <p class="evl-card-note">
                        {move || lang.get().strings().moved_to} " "
                        {match page_of {
                            Some(page_of) => Either::Left(view! { <a href=page_of.run(m)>{label}</a> }),
                            None => Either::Right(view! {
                                <button type="button" class="evl-link-button" on:click=move |_| on_select.run(m)>
                                    {label}
                                </button>
                            }),
                        }}
                    </p>
                }
            })}
            <ul class="evl-services" aria-label=move || lang.get().strings().services_label>
                {services
                    .iter()
                    .map(|s| view! { <li class="evl-service">{move || lang.get().strings().service(s)}</li> })
                    .collect_view()}
            </ul>
            <BookingActions loaded=loaded.clone() index=index lang=lang />
            {group.map(|g| {
                view! {
                    <p class="evl-card-meta">
                        {move || lang.get().strings().dealer_group} ": " {move || g.get(lang.get()).to_string()}
                    </p>
                }
            })}
            {phone.map(|p| {
                let href = locator_core::tel_uri(&p);
                view! {
                    <p class="evl-card-meta">
                        {move || lang.get().strings().phone} ": " <a href=href>{p}</a>
                    </p>
                }
            })}
            {details}
        </li>
    }
}
