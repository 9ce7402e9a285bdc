//! What every static page has around its content: the app's header (with
//! the link to the page in the other language), the trail from the
//! directory, a heading, and the data's date at the end.

use super::{Breadcrumbs, Site};
use crate::components::SiteHeader;
use leptos::prelude::*;
use locator_core::{Lang, LocalText};

/// A static page around `children`.
#[component]
pub fn SitePage(
    /// The dataset and the directory.
    site: Site,
    /// The page's language.
    lang: Lang,
    /// The same page in the other language.
    other_page: String,
    /// The trail from the directory.
    trail: Vec<(String, String)>,
    /// The page's heading.
    heading: String,
    /// The page's content.
    children: Children,
) -> impl IntoView {
    let data = &site.loaded.data;
    let brand: Option<LocalText> = Some(data.meta.brand.clone());
    let updated = data.meta.updated.to_string();
    view! {
        <div class="evl-app evl-site" lang=lang.html_tag()>
            <SiteHeader
                brand=Signal::stored(brand)
                sample=Signal::stored(data.meta.sample)
                lang=Signal::stored(lang)
                on_lang=Callback::new(|_| ())
                embedded=Signal::stored(false)
                other_page=other_page
            />
            <main class="evl-site-main">
                <Breadcrumbs trail=trail lang=lang />
                <h2>{heading}</h2>
                {children()}
                <p class="evl-site-footer">{lang.strings().updated} " " {updated}</p>
            </main>
        </div>
    }
}
