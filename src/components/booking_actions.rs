//! An outlet's calls to action: for each service it offers that the
//! configuration makes bookable, a link to the brand's booking page
//! (`booking.links`) or a button that opens the booking form
//! (`booking.form`); "notify me when it opens" for a coming-soon one.
//! Shown on the card (in the app, the prerendered view and the static
//! pages), beside the nearest outlet in the service panel, and (built from
//! the same [`booking_links`]) in the map's popup.

use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{
    booking_links, form_href, Bookable, Booking, BookingTarget, EmbedEvent, Lang, Service,
};
use std::sync::Arc;

/// The configuration's booking, given as context to the components under
/// the locator or a static page ([`provide_booking`]).
#[derive(Clone, Default)]
pub struct BookingContext {
    /// What is bookable, and how.
    pub booking: Arc<Booking>,
    /// Opens the form for an outlet (by index) and service; `None` where no
    /// app runs (the prerendered view, the static pages): the call to
    /// action is then a link to the app with the form open.
    pub open_form: Option<Callback<(usize, Service)>>,
    /// The app's address from the page shown (`../../` on a static page,
    /// empty in the app itself).
    pub app_href: String,
}

/// Makes `booking` the calls to action of every [`BookingActions`] below.
pub fn provide_booking(
    booking: &Booking,
    open_form: Option<Callback<(usize, Service)>>,
    app_href: &str,
) {
    provide_context(BookingContext {
        booking: Arc::new(booking.clone()),
        open_form,
        app_href: app_href.to_string(),
    });
}

/// The calls to action of the outlet at `index`, as a list; nothing when
/// none applies.
#[component]
pub fn BookingActions(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// Position of the outlet in the dataset.
    index: usize,
    /// Only this service's call to action (the service panel's row), when set.
    #[prop(optional)]
    only: Option<Service>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    let cx = use_context::<BookingContext>().unwrap_or_default();
    move || {
        let lang = lang.get();
        let outlet = &loaded.data.outlets[index];
        let links: Vec<_> = booking_links(outlet, &cx.booking, lang)
            .into_iter()
            .filter(|l| only.is_none_or(|s| l.what == Bookable::Service(s)))
            .collect();
        (!links.is_empty()).then(|| {
            let items = links
                .into_iter()
                .map(|l| {
                    let what = l.what;
                    let text = what.action(lang);
                    let event = EmbedEvent::Booking {
                        id: outlet.id.clone(),
                        service: what.id(),
                        via: "link",
                    };
                    let item = match (l.target, what, cx.open_form) {
                        (BookingTarget::Form, Bookable::Service(s), Some(open)) => view! {
                            <button
                                type="button"
                                class="evl-booking-link"
                                data-booking=what.id()
                                aria-haspopup="dialog"
                                on:click=move |_| open.run((index, s))
                            >
                                {text}
                            </button>
                        }
                        .into_any(),
                        (BookingTarget::Form, Bookable::Service(s), None) => view! {
                            <a
                                class="evl-booking-link"
                                href=form_href(&cx.app_href, &outlet.id, s, lang)
                                data-booking=what.id()
                            >
                                {text}
                            </a>
                        }
                        .into_any(),
                        (BookingTarget::Link(url), _, _) => view! {
                            <a
                                class="evl-booking-link"
                                href=url
                                target="_blank"
                                rel="noopener"
                                data-booking=what.id()
                                on:click=move |_| crate::embed::emit(&event)
                            >
                                {text}
                            </a>
                        }
                        .into_any(),
                        (BookingTarget::Form, Bookable::Notify, _) => ().into_any(),
                    };
                    view! { <li>{item}</li> }
                })
                .collect_view();
            view! { <ul class="evl-booking" aria-label=Bookable::actions_label(lang)>{items}</ul> }
        })
    }
}
