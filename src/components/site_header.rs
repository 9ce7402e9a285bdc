//! The page header: brand, title, language switch, sample-data banner.

use leptos::either::Either;
use leptos::prelude::*;
use locator_core::{Lang, LocalText};

/// The header across the top of the page.
#[component]
pub fn SiteHeader(
    /// The brand's name, once the dataset has loaded.
    #[prop(into)]
    brand: Signal<Option<LocalText>>,
    /// Whether the dataset is sample data.
    #[prop(into)]
    sample: Signal<bool>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the language the buyer switches to.
    on_lang: Callback<Lang>,
    /// Framed by a host site (`embed=1`): the title row is the host's job;
    /// only the sample-data banner stays.
    #[prop(into)]
    embedded: Signal<bool>,
    /// On a static page, the same page in the other language: the switch
    /// is a link to it.
    #[prop(optional)]
    other_page: Option<String>,
) -> impl IntoView {
    // A link for the static pages only: the browser build leaves it out.
    let other_page = other_page.filter(|_| cfg!(feature = "ssr"));
    let other = move || match lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <header class="evl-header">
            <div class="evl-header-row" hidden=move || embedded.get()>
                <h1 class="evl-title">
                    <span class="evl-brand">{move || brand.get().map(|b| b.get(lang.get()).to_string())}</span>
                    " "
                    <span class="evl-subtitle">{move || lang.get().strings().title}</span>
                </h1>
                {match other_page {
                    Some(href) => Either::Left(view! {
                        <a class="evl-lang" href=href hreflang=move || other().html_tag() lang=move || other().html_tag()>
                            {move || lang.get().strings().other_language}
                        </a>
                    }),
                    None => Either::Right(view! {
                        <button
                            type="button"
                            class="evl-lang"
                            lang=move || other().html_tag()
                            on:click=move |_| on_lang.run(other())
                        >
                            {move || lang.get().strings().other_language}
                        </button>
                    }),
                }}
            </div>
            <Show when=move || sample.get()>
                <p class="evl-sample-banner">{move || lang.get().strings().sample_banner}</p>
            </Show>
        </header>
    }
}
