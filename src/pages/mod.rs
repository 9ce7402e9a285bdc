//! The static pages, rendered natively to HTML by `evl-site` (feature
//! `ssr`) from the same components as the app: the location directory
//! (outlets, cities, provinces) and the prerendered first view of
//! `index.html`. One component per file; what goes where, and the markup
//! for search engines, is [`locator_core::Directory`]'s and
//! `locator_core::site`'s.

mod area_page;
mod breadcrumbs;
mod first_view;
mod outlet_page;
mod site_page;
mod static_card;
mod static_map;

pub use area_page::{AreaLink, AreaPage};
pub use breadcrumbs::Breadcrumbs;
pub use first_view::FirstView;
pub use outlet_page::OutletPage;
pub use site_page::SitePage;
pub use static_card::StaticCard;
pub use static_map::StaticMap;

use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{lang_path, Directory, Lang};
use std::sync::Arc;

/// What every static page is made from.
#[derive(Clone)]
pub struct Site {
    /// The dataset and its index.
    pub loaded: Arc<Loaded>,
    /// Where each page is.
    pub dir: Arc<Directory>,
}

impl Site {
    /// The link from the page at `from` (a path from the site's root, with
    /// its language's prefix) to the site path `to` in `lang`.
    pub fn link(&self, from: &str, to: &str, lang: Lang) -> String {
        format!("{}{}", locator_core::to_root(from), lang_path(to, lang))
    }

    /// For cards on the page at `from`: the link to each outlet's page.
    pub fn page_of(&self, from: &str, lang: Lang) -> Callback<usize, String> {
        let site = self.clone();
        let from = from.to_string();
        Callback::new(move |i| site.link(&from, &site.dir.outlet_path(i), lang))
    }
}
