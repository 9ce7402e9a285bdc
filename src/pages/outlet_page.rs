//! An outlet's own page: its card and facts, a map of where it is and the
//! nearest other outlets of the network.

use super::StaticCard;
use super::{Site, SitePage, StaticMap};
use crate::components::OutletFacts;
use leptos::prelude::*;
use locator_core::{format_distance, locator_query, Lang, MapFrame};
use std::sync::Arc;

/// The page of the outlet at `index`.
#[component]
pub fn OutletPage(
    /// The dataset and the directory.
    site: Site,
    /// The page's language.
    lang: Lang,
    /// The page's path from the site's root, with its language's prefix.
    path: String,
    /// The same page in the other language.
    other_page: String,
    /// The outlet's position in the dataset.
    index: usize,
    /// The trail from the directory.
    trail: Vec<(String, String)>,
    /// The nearest other outlets and their distances in metres.
    nearest: Vec<(usize, f64)>,
    /// The city's map and the link to its base map.
    map: (MapFrame, String),
) -> impl IntoView {
    let s = lang.strings();
    let data = &site.loaded.data;
    let outlet = Arc::new(data.outlets[index].clone());
    let page_of = site.page_of(&path, lang);
    let card =
        |i: usize| view! { <StaticCard site=site.clone() index=i lang=lang page_of=page_of /> };
    let others = nearest
        .iter()
        .map(|&(i, _)| data.outlets[i].location)
        .collect();
    // The nearest others as one line each (name, kind, distance), linked to
    // their pages: five cards would be most of every page's weight.
    let nearby = (!nearest.is_empty()).then(|| {
        let rows = nearest
            .iter()
            .map(|&(i, d)| {
                let o = &data.outlets[i];
                view! {
                    <li data-outlet-id=o.id.clone()>
                        <a href=page_of.run(i)>{o.name.get(lang).to_string()}</a>
                        " · " {s.kind(o.kind)} " · "
                        <span class="evl-distance">{format_distance(d, lang)}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 class="evl-details-sub">{s.nearby}</h3>
            <ol class="evl-nearby">{rows}</ol>
        }
    });
    let locator = format!(
        "{}{}",
        locator_core::to_root(&path),
        locator_query(&outlet.id, lang)
    );
    let (frame, image) = map;
    let heading = outlet.name.get(lang).to_string();
    let own = card(index);
    let (pin, label) = (outlet.location, outlet.address.get(lang).to_string());
    let facts = view! {
        <OutletFacts
            outlet=outlet.clone()
            origin=Signal::stored(None)
            local_now=Signal::stored(None)
            lang=Signal::stored(lang)
        />
    };
    view! {
        <SitePage site=site.clone() lang=lang other_page=other_page trail=trail heading=heading>
            <ol class="evl-list">{own}</ol>
            <section class="evl-details" aria-label=s.details_heading>{facts}</section>
            <StaticMap frame=frame image=image pin=Some(pin) others=others label=label />
            <p class="evl-site-open"><a href=locator>{s.open_in_locator}</a></p>
            {nearby}
        </SitePage>
    }
}
