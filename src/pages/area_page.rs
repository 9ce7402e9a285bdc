//! A page of the directory: all outlets, a province or a city.

use super::StaticCard;
use super::{Site, SitePage, StaticMap};
use leptos::prelude::*;
use locator_core::{format_count, Lang, MapFrame};

/// A link to a page further down the directory.
#[derive(Debug, Clone)]
pub struct AreaLink {
    /// The area's name.
    pub name: String,
    /// The link to its page.
    pub href: String,
    /// How many outlets it has.
    pub outlets: usize,
}

/// The list of an area's provinces or cities, then its outlets' cards.
#[component]
pub fn AreaPage(
    /// The dataset and the directory.
    site: Site,
    /// The page's language.
    lang: Lang,
    /// The page's path from the site's root, with its language's prefix.
    path: String,
    /// The same page in the other language.
    other_page: String,
    /// The page's heading.
    heading: String,
    /// The trail from the directory.
    trail: Vec<(String, String)>,
    /// The areas below this one.
    areas: Vec<AreaLink>,
    /// The outlets listed here, by position in the dataset.
    outlets: Vec<usize>,
    /// The area's map and the link to its base map, when it has one.
    map: Option<(MapFrame, String)>,
) -> impl IntoView {
    let s = lang.strings();
    let data = &site.loaded.data;
    let area_list = (!areas.is_empty()).then(|| {
        let items = areas
            .into_iter()
            .map(|a| {
                view! {
                    <li><a href=a.href>{a.name}</a> " (" {format_count(a.outlets, a.outlets, lang)} ")"</li>
                }
            })
            .collect_view();
        view! { <ul class="evl-area-list">{items}</ul> }
    });
    let page_of = site.page_of(&path, lang);
    let map = map.map(|(frame, image)| {
        let points = outlets.iter().map(|&i| data.outlets[i].location).collect();
        view! { <StaticMap frame=frame image=image pin=None others=points label=heading.clone() /> }
    });
    let count = format_count(outlets.len(), outlets.len(), lang);
    let cards = outlets
        .iter()
        .map(|&i| {
            view! { <StaticCard site=site.clone() index=i lang=lang page_of=page_of /> }
        })
        .collect_view();
    view! {
        <SitePage site=site.clone() lang=lang other_page=other_page trail=trail heading=heading>
            {area_list}
            {map}
            <p class="evl-count">{count}</p>
            <ol class="evl-list" aria-label=s.list_label>{cards}</ol>
        </SitePage>
    }
}
