//! The app's outlet card as the static pages show it: no distance, no
//! time, nothing selected, and links to the outlets' pages.

use super::Site;
use crate::components::OutletCard;
use leptos::prelude::*;
use locator_core::Lang;

/// The card of the outlet at `index`.
#[component]
pub fn StaticCard(
    /// The dataset and the directory.
    site: Site,
    /// The outlet's position in the dataset.
    index: usize,
    /// The page's language.
    lang: Lang,
    /// The link to each outlet's page from this page.
    page_of: Callback<usize, String>,
) -> impl IntoView {
    view! {
        <OutletCard
            loaded=site.loaded
            index=index
            distance_m=Signal::stored(None)
            local_now=Signal::stored(None)
            origin=Signal::stored(None)
            on_close=Callback::new(|_| ())
            selected=Signal::stored(false)
            lang=Signal::stored(lang)
            on_select=Callback::new(|_| ())
            on_hover=Callback::new(|_| ())
            page_of=page_of
        />
    }
}
