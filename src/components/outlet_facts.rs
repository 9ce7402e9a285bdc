//! What a buyer needs to go to an outlet: phone, web page, services, the
//! week's hours (with today marked when the time is known, otherwise the
//! usual week and its dated exceptions) and directions in the map apps
//! buyers use. Shown in the app's details and on the outlet's static page.

use leptos::prelude::*;
use locator_core::{directions_links, Day, Lang, LatLng, LocalDateTime, Outlet, TimeRange};
use std::sync::Arc;

/// The facts of one outlet.
#[component]
pub fn OutletFacts(
    /// The outlet.
    outlet: Arc<Outlet>,
    /// The buyer's position (WGS-84), for the directions.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The date and time now in the dataset's time zone, if known.
    #[prop(into)]
    local_now: Signal<Option<LocalDateTime>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let o = outlet.clone();
        let week = match (&o.hours, local_now.get()) {
            (Some(h), Some(now)) => {
                let rows = h
                    .week_from(now.date())
                    .into_iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let ranges = ranges_text(&d.ranges, lang);
                        let note = d.note.as_ref().map(|n| format!(" ({})", n.get(lang)));
                        let today = i == 0;
                        view! {
                            <tr class:is-today=today aria-current=if today { Some("date") } else { None }>
                                <th scope="row">
                                    {s.day_name(d.weekday)}
                                    {today.then(|| format!(" · {}", s.today))}
                                    <span class="evl-hours-date">{format!(" {:02}-{:02}", d.date.month, d.date.day)}</span>
                                </th>
                                <td>{ranges}{note}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                hours_table(s.hours_heading, rows).into_any()
            }
            (Some(h), None) => {
                // The time now is unknown (the dataset's time zone is not,
                // or the page is static): the usual week, without today
                // marked, then the dated exceptions.
                let rows = Day::ALL
                    .iter()
                    .map(|&d| {
                        view! {
                            <tr>
                                <th scope="row">{s.day_name(d)}</th>
                                <td>{ranges_text(h.day(d), lang)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let exceptions = (!h.exceptions.is_empty()).then(|| {
                    let rows = h
                        .exceptions
                        .iter()
                        .map(|e| {
                            let note = e.note.as_ref().map(|n| format!(" ({})", n.get(lang)));
                            view! {
                                <tr>
                                    <th scope="row">{e.date.to_string()}</th>
                                    <td>{ranges_text(&e.hours, lang)}{note}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    hours_table(s.special_hours, rows)
                });
                view! { {hours_table(s.hours_heading, rows)} {exceptions} }.into_any()
            }
            (None, _) => view! { <p class="evl-card-meta">{s.hours_not_published}</p> }.into_any(),
        };
        let links = directions_links(&o, origin.get(), lang)
            .into_iter()
            .map(|l| {
                let event = locator_core::EmbedEvent::Directions {
                    id: o.id.clone(),
                    provider: l.provider.id(),
                };
                view! {
                    <li>
                        <a
                            href=l.url
                            target="_blank"
                            rel="noopener noreferrer"
                            data-provider=l.provider.id()
                            class="evl-directions-link"
                            on:click=move |_| crate::embed::emit(&event)
                        >
                            {s.map_provider(l.provider)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        let services = o
            .services
            .iter()
            .map(|sv| view! { <li class="evl-service">{s.service(sv)}</li> })
            .collect_view();
        view! {
            {o.phone.clone().map(|p| {
                let href = locator_core::tel_uri(&p);
                view! { <p class="evl-card-meta">{s.phone} ": " <a href=href>{p}</a></p> }
            })}
            // Checked as https:/http: when the dataset was read.
            {o.website.clone().map(|w| {
                view! {
                    <p class="evl-card-meta evl-website">
                        <a href=w target="_blank" rel="noopener noreferrer">{s.website}</a>
                    </p>
                }
            })}
            <h3 class="evl-details-sub">{s.services_heading}</h3>
            <ul class="evl-services evl-details-services">{services}</ul>
            {week}
            <h3 class="evl-details-sub">{s.directions}</h3>
            <ul class="evl-directions">{links}</ul>
        }
    }
}

/// A day's ranges as text ("10:00–22:00, …"), or "closed".
fn ranges_text(ranges: &[TimeRange], lang: Lang) -> String {
    if ranges.is_empty() {
        lang.strings().closed.to_string()
    } else {
        ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The table of a week's hours, rows already made.
fn hours_table(caption: &'static str, rows: impl IntoView) -> impl IntoView {
    view! {
        <table class="evl-hours">
            <caption>{caption}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}
