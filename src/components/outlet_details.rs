//! The rest of what a buyer needs about the selected outlet, under its card
//! (which already says whether it is open): the week's hours with today
//! marked, services, phone,
//! directions in the map apps buyers use, and a link to share.

use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{directions_links, Day, Lang, LatLng, LocalDateTime};
use std::sync::Arc;

/// The details panel of one outlet. Focus moves to its heading when it opens.
#[component]
pub fn OutletDetails(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// Position of the outlet in the dataset.
    index: usize,
    /// The buyer's position (WGS-84), for the distance and directions.
    #[prop(into)]
    origin: Signal<Option<LatLng>>,
    /// The date and time now in the dataset's time zone, if known.
    #[prop(into)]
    local_now: Signal<Option<LocalDateTime>>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called when the buyer closes the panel.
    on_close: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    // The focus follows the buyer's own action (a card or marker they
    // activated), never a link or a host page opening the details.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if crate::components::focus_is_inside_app() {
                let _ = h.focus();
            }
        }
    });
    let copied = RwSignal::new(false);
    let o = loaded.data.outlets[index].clone();
    let share_url = share_link(&o.id);
    let hours = o.hours.clone();
    let o = Arc::new(o);

    let body = {
        let o = o.clone();
        move || {
            let lang = lang.get();
            let s = lang.strings();
            let o = o.clone();
            let week = match (&hours, local_now.get()) {
                (Some(h), Some(now)) => {
                    let rows = h
                        .week_from(now.date())
                        .into_iter()
                        .enumerate()
                        .map(|(i, d)| {
                            let ranges = if d.ranges.is_empty() {
                                s.closed.to_string()
                            } else {
                                d.ranges.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                            };
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
                    // The dataset's time zone is unknown: the usual week,
                    // without today marked.
                    let rows = Day::ALL
                        .iter()
                        .map(|&d| {
                            let ranges = h.day(d);
                            let text = if ranges.is_empty() {
                                s.closed.to_string()
                            } else {
                                ranges
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            };
                            view! {
                                <tr>
                                    <th scope="row">{s.day_name(d)}</th>
                                    <td>{text}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    hours_table(s.hours_heading, rows).into_any()
                }
                (None, _) => {
                    view! { <p class="evl-card-meta">{s.hours_not_published}</p> }.into_any()
                }
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
    };

    let share = {
        let url = share_url.clone();
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                // navigator.clipboard exists only on secure pages; without it
                // the link stays on screen to copy by hand.
                let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
                    return;
                };
                let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
                    .is_ok_and(|c| !c.is_undefined() && !c.is_null());
                if !has_clipboard {
                    return;
                }
                let promise = navigator.clipboard().write_text(&url);
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        }
    };

    view! {
        <section
            class="evl-details"
            aria-labelledby="evl-details-heading"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="evl-details-head">
                <h2 id="evl-details-heading" tabindex="-1" node_ref=heading>
                    {move || lang.get().strings().details_heading}
                </h2>
                <button
                    type="button"
                    class="evl-notice-close"
                    aria-label=move || lang.get().strings().details_close
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </div>
            {body}
            <p class="evl-share">
                <a href=share_url.clone() class="evl-share-link">{share_url.clone()}</a>
                " "
                <button type="button" class="evl-link-button" on:click=share>
                    {move || if copied.get() { lang.get().strings().copied } else { lang.get().strings().share }}
                </button>
            </p>
        </section>
    }
}

/// The page's address with only `outlet=ID` as its query: the link that
/// reopens this outlet.
fn share_link(id: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return format!("?outlet={id}");
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new().ok();
    let query = params
        .map(|p| {
            p.append("outlet", id);
            String::from(p.to_string())
        })
        .unwrap_or_else(|| format!("outlet={id}"));
    format!("{origin}{path}?{query}")
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
