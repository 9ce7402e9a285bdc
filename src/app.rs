//! The root component: loads the dataset once, keeps the query in one signal
//! that mirrors the URL, and hands both to the locator view.

use crate::components::{LoadFailure, Locator, SiteHeader};
use crate::load::{self, CONFIG_URL, DATASET_URL};
use crate::url;
use leptos::prelude::*;
use locator_core::{Lang, LocalText};
use std::sync::Arc;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (initial, url_warnings) = url::read_query();
    for w in &url_warnings {
        url::console_warn(&format!("ev-locator: {w}"));
    }
    let query = RwSignal::new(initial);
    let browser_lang = Lang::from_browser(&url::browser_languages());
    let lang = Memo::new(move |_| query.with(|q| q.lang).unwrap_or(browser_lang));

    let attempt = RwSignal::new(0u32);
    let dataset = LocalResource::new(move || {
        attempt.track();
        load::load_dataset(DATASET_URL)
    });
    let config = LocalResource::new(|| async {
        let (config, problem) = load::load_config(CONFIG_URL).await;
        if let Some(p) = &problem {
            url::console_warn(&format!("ev-locator: {p}"));
        }
        (Arc::new(config), problem)
    });

    // The URL mirrors the query; the page's language follows the choice.
    Effect::new(move |_| query.with(url::write_query));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().html_tag());
        }
    });

    let brand = Signal::derive(move || -> Option<LocalText> {
        dataset
            .get()
            .and_then(|r| r.ok())
            .map(|l| l.data.meta.brand.clone())
    });
    let sample = Signal::derive(move || {
        dataset
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|l| l.data.meta.sample)
    });
    let on_lang = Callback::new(move |l: Lang| query.update(|q| q.lang = Some(l)));
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    let url_warnings = StoredValue::new(url_warnings);

    view! {
        <div class="evl-app">
            <SiteHeader brand=brand sample=sample lang=lang on_lang=on_lang />
            {move || match (dataset.get(), config.get()) {
                (None, _) | (_, None) => {
                    view! {
                        <p class="evl-loading" role="status" aria-live="polite">
                            {move || lang.get().strings().loading}
                        </p>
                    }
                        .into_any()
                }
                (Some(Err(error)), _) => view! { <LoadFailure error=error lang=lang on_retry=retry /> }.into_any(),
                (Some(Ok(loaded)), Some((config, config_problem))) => {
                    view! {
                        <Locator
                            loaded=loaded
                            config=config
                            query=query
                            lang=lang
                            url_warnings=url_warnings.get_value()
                            config_problem=config_problem
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
