//! One outlet in the list.

use crate::components::{kind_class, status_class, BookingActions, OutletDetails};
use crate::load::Loaded;
use leptos::either::Either;
use leptos::prelude::*;
use locator_core::{format_distance, Lang, LatLng, LocalDateTime, OutletStatus};
use std::sync::Arc;

/// A list row: kind and status, name, address, distance, services, the
/// booking links, and for a relocated outlet a link to its new home.
///
/// A list draws many cards at once (a page of them when the data arrives,
/// again after each filter), so a card is built as a few blocks that follow
/// the language as a whole, rather than one reactive text per label: the
/// row's button and the `<li>` itself stay when the language, the distance
/// or the selection changes, so focus is kept.
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
    let (kind, status) = (outlet.kind, outlet.status);
    let id = outlet.id.clone();
    let distance_attr = move || distance_m.get().map(|d| format!("{}", d.round() as u64));
    let moved_to = outlet
        .relocated_to
        .as_deref()
        .and_then(|to| loaded.data.index_of(to));
    let (kind_class, status_class) = (kind_class(kind), status_class(status));
    // Links are for the static pages only: the browser build leaves them out.
    let page_of = page_of.filter(|_| cfg!(feature = "ssr"));

    // The row's face, in the language of the moment: what the button (or
    // the static page's link) holds.
    let face = {
        let loaded = loaded.clone();
        move || {
            let lang = lang.get();
            let strings = lang.strings();
            let outlet = &loaded.data.outlets[index];
            let hours = outlet
                .hours
                .clone()
                .filter(|_| status == OutletStatus::Open);
            // Before the time is known (a prerendered page), the line is kept
            // empty, so that the card does not grow when it is.
            let open_state = hours.map(|hours| {
                move || match local_now.get() {
                    None => Either::Left(view! { <span class="evl-open-state"></span> }),
                    Some(now) => {
                        let state = hours.status_at(now);
                        let class = if state.is_open() {
                            "evl-open-state is-open-now"
                        } else {
                            "evl-open-state"
                        };
                        Either::Right(
                            view! { <span class=class>{strings.open_state(&state, lang)}</span> },
                        )
                    }
                }
            });
            let distance = move || {
                distance_m.get().map(|d| {
                    view! {
                        <span class="evl-distance" title=strings.straight_line>
                            {format_distance(d, lang)}
                        </span>
                    }
                })
            };
            view! {
                <span class=format!("evl-swatch {kind_class} {status_class}") aria-hidden="true"></span>
                <span class="evl-card-text">
                    <span class="evl-card-name">{outlet.name.get(lang).to_string()}</span>
                    <span class="evl-badges">
                        <span class=format!("evl-badge {kind_class}")>{strings.kind(kind)}</span>
                        {strings
                            .status(status)
                            .map(|s| view! { <span class=format!("evl-badge {status_class}")>{s}</span> })}
                    </span>
                    <span class="evl-card-address">{outlet.address.get(lang).to_string()}</span>
                    {open_state}
                </span>
                {distance}
            }
        }
    };
    let main = match page_of {
        Some(page_of) => Either::Left(view! {
            <a class="evl-card-main" href=page_of.run(index)>{face}</a>
        }),
        None => Either::Right(view! {
            <button
                type="button"
                class="evl-card-main"
                aria-pressed=move || if selected.get() { "true" } else { "false" }
                on:click=move |_| on_select.run(index)
            >
                {face}
            </button>
        }),
    };

    // Everything under the face, in the language of the moment: the notes,
    // the services, the calls to action and the contacts.
    let below = {
        let loaded = loaded.clone();
        move || {
            let lang = lang.get();
            let strings = lang.strings();
            let outlet = &loaded.data.outlets[index];
            let opening = outlet
                .opening_date
                .filter(|_| status == OutletStatus::ComingSoon)
                .map(|date| {
                    view! { <p class="evl-card-note">{strings.expected_opening} " " {date.to_string()}</p> }
                });
            let moved = moved_to.map(|m| {
                let to = &loaded.data.outlets[m];
                let label = format!("{} · {}", to.name.get(lang), to.address.get(lang));
                view! {
                    <p class="evl-card-note">
                        {strings.moved_to} " "
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
            });
            let services = outlet
                .services
                .iter()
                .map(|s| view! { <li class="evl-service">{strings.service(s)}</li> })
                .collect_view();
            let group = outlet.partner_group.as_ref().map(|g| {
                view! { <p class="evl-card-meta">{strings.dealer_group} ": " {g.get(lang).to_string()}</p> }
            });
            let phone = outlet.phone.clone().map(|p| {
                let href = locator_core::tel_uri(&p);
                view! { <p class="evl-card-meta">{strings.phone} ": " <a href=href>{p}</a></p> }
            });
            view! {
                {opening}
                {moved}
                <ul class="evl-services" aria-label=strings.services_label>{services}</ul>
                <BookingActions loaded=loaded.clone() index=index lang=Signal::stored(lang) />
                {group}
                {phone}
            }
        }
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
            {below}
            {details}
        </li>
    }
}
