//! The locator's first view as `index.html` shows it before the wasm runs:
//! the app's own header and [`Locator`] with no origin, no filter and the
//! time unknown, in the default language. The app takes it over
//! ([`crate::takeover`]).

use crate::components::{Locator, SiteHeader};
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{AppConfig, Lang, LocalText, Query};
use std::sync::Arc;

/// The first view, marked `data-evl-prerendered`.
#[component]
pub fn FirstView(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The configuration.
    config: Arc<AppConfig>,
    /// The language shown.
    lang: Lang,
) -> impl IntoView {
    let brand: Option<LocalText> = Some(loaded.data.meta.brand.clone());
    let sample = loaded.data.meta.sample;
    let scheme = config.theme.scheme.id();
    view! {
        <div class="evl-app" lang=lang.html_tag() data-theme=scheme data-evl-prerendered="">
            <SiteHeader
                brand=Signal::stored(brand)
                sample=Signal::stored(sample)
                lang=Signal::stored(lang)
                on_lang=Callback::new(|_| ())
                embedded=Signal::stored(false)
            />
            <Locator
                loaded=loaded
                config=config
                query=RwSignal::new(Query { lang: Some(lang), ..Default::default() })
                lang=Signal::stored(lang)
                url_warnings=Vec::new()
                config_problem=None
            />
        </div>
    }
}
