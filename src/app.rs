//! The root component: loads the configuration and the dataset once, keeps
//! the query in one signal that mirrors the URL (and the browser's history),
//! applies the theme, and connects the host page when embedded.

use crate::components::{LoadFailure, Locator, SiteHeader};
use crate::embed::{self, Bridge};
use crate::load::{self, CONFIG_URL};
use crate::mount::{self, Mount};
use crate::url;
use leptos::prelude::*;
use locator_core::{
    AppConfig, EmbedEvent, HistoryStep, HostCommand, Lang, LocalText, Query, QueryWarning,
};
use send_wrapper::SendWrapper;
use std::sync::Arc;

/// The whole app.
#[component]
pub fn App(
    /// Where the app is mounted and what the host page set.
    mount: Mount,
) -> impl IntoView {
    let in_page = mount.in_page();
    // An in-page app shares the host's URL: it neither reads nor writes it.
    let (initial, warnings) = if in_page {
        (Query::default(), Vec::new())
    } else {
        url::read_query()
    };
    for w in &warnings {
        url::console_warn(&format!("ev-locator: {w}"));
    }
    for p in &mount.problems {
        url::console_warn(&format!("ev-locator: {p}"));
    }
    let url_warnings: Vec<_> = warnings.into_iter().filter(|w| !w.console_only()).collect();
    let query = RwSignal::new(initial);
    let browser_lang = Lang::from_browser(&url::browser_languages());

    let attempt = RwSignal::new(0u32);
    let config_url = mount
        .config
        .as_deref()
        .map_or_else(|| mount::asset_url(CONFIG_URL), mount::resolve);
    let dataset_override = mount.dataset.clone();
    let link_dataset = query.with_untracked(|q| q.dataset.clone());
    let loaded = LocalResource::new(move || {
        attempt.track();
        let (config_url, dataset_override) = (config_url.clone(), dataset_override.clone());
        let link_dataset = link_dataset.clone();
        async move {
            // Unless a link or the host page names the outlet file, it is
            // most likely the default one: ask for it while the
            // configuration loads.
            let early = (link_dataset.is_none() && dataset_override.is_none()).then(|| {
                load::EarlyFetch::start(
                    mount::resolve(&load::expected_dataset()),
                    load::Limits::of(&AppConfig::default()),
                )
            });
            let (config, config_problem) = load::load_config(&config_url).await;
            // The outlet file: a link's (if from a trusted site), the host
            // element's, or the configuration's.
            let page_origin = window().location().origin().unwrap_or_default();
            let from_link = link_dataset
                .as_deref()
                .and_then(|d| config.dataset_from_link(d, &page_origin));
            let refused = match (&link_dataset, &from_link) {
                (Some(d), None) => Some(QueryWarning::DatasetRefused(d.clone())),
                _ => None,
            };
            let url = from_link
                .or(dataset_override)
                .unwrap_or_else(|| config.dataset_to_load().to_string());
            let limits = load::Limits::of(&config);
            let dataset = load::load_dataset(&mount::resolve(&url), limits, early).await;
            Load {
                config: Arc::new(config),
                config_problem,
                refused,
                dataset,
            }
        }
    });
    let config = Memo::new(move |_| loaded.get().map(|l| l.config));
    let host_lang = mount.lang;
    let lang = Memo::new(move |_| {
        query
            .with(|q| q.lang)
            .or(host_lang)
            .or_else(|| config.get().and_then(|c| c.default_lang))
            .unwrap_or(browser_lang)
    });
    let embedded = Memo::new(move |_| query.with(|q| q.embed));

    // The URL mirrors the query, and Back and Forward bring old queries back.
    if !in_page {
        Effect::new(move |previous: Option<Query>| {
            let q = query.get();
            let step = previous.map_or(HistoryStep::Replace, |p| q.history_step(&p));
            url::write_query(&q, step);
            q
        });
        url::on_history(move || {
            let (q, _) = url::read_query();
            query.set(q);
        });
    }
    // The page's language follows the choice (on its own page only).
    Effect::new(move |_| {
        let tag = lang.get().html_tag();
        if !in_page {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", tag);
            }
        }
    });

    // Theme and host connection, once the configuration is known.
    let root = NodeRef::<leptos::html::Div>::new();
    let host = SendWrapper::new(mount.host.clone());
    let scheme = mount.scheme;
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let (Some(config), Some(el)) = (config.get(), root.get()) else {
            return false;
        };
        let style = web_sys::HtmlElement::style(&el);
        for (name, value) in config.theme.css_properties() {
            let _ = style.set_property(name, &value);
        }
        if config.theme.font_inherits() {
            // The page's font, through the shell on a host page.
            let _ = el.set_attribute("data-font", "inherit");
            if let Some(shell) = (*host).as_ref().and(mount::container()) {
                let _ = shell.set_attribute("data-font", "inherit");
            }
        }
        let scheme = scheme.unwrap_or(config.theme.scheme);
        let _ = el.set_attribute("data-theme", scheme.id());
        let bridge = Bridge::new(&config, (*host).clone());
        bridge.listen(&config, move |c| obey(c, query, loaded));
        embed::report_height(&bridge, &el);
        embed::install(bridge);
        true
    });
    Effect::new(move |sent: Option<bool>| {
        if sent == Some(true) {
            return true;
        }
        match loaded.get().map(|l| l.dataset) {
            Some(Ok(l)) => {
                embed::emit(&EmbedEvent::Ready {
                    outlets: l.data.outlets.len(),
                });
                true
            }
            _ => false,
        }
    });

    // The prerendered first view stays on screen, the app hidden beside it,
    // until the app has drawn its own (or says why it cannot).
    let waiting = RwSignal::new(crate::takeover::pending());
    provide_context(crate::takeover::OnScreen(Signal::derive(move || {
        !waiting.get()
    })));
    let drawing = crate::takeover::HiddenDrawing::new();
    provide_context(drawing);
    Effect::new(move |_| {
        // The locator drawn whole, or a failure to show instead.
        let ready = loaded.with(|l| match l {
            None => false,
            Some(Load { dataset: Ok(_), .. }) => drawing.done(),
            Some(_) => true,
        });
        if ready && waiting.get_untracked() {
            if let Some(el) = root.get_untracked() {
                crate::takeover::complete(&el);
            }
            waiting.set(false);
        }
    });

    let dataset = move || loaded.get().and_then(|l| l.dataset.ok());
    let brand = Signal::derive(move || -> Option<LocalText> {
        dataset().map(|l| l.data.meta.brand.clone())
    });
    let sample = Signal::derive(move || dataset().is_some_and(|l| l.data.meta.sample));
    let on_lang = Callback::new(move |l: Lang| query.update(|q| q.lang = Some(l)));
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    let url_warnings = StoredValue::new(url_warnings);

    view! {
        <div
            class="evl-app"
            class:is-embedded=move || embedded.get()
            class:is-in-page=in_page
            class:is-waiting=move || waiting.get()
            node_ref=root
            lang=move || lang.get().html_tag()
        >
            <SiteHeader brand=brand sample=sample lang=lang on_lang=on_lang embedded=embedded />
            {move || match loaded.get() {
                None => {
                    view! {
                        <p class="evl-loading" role="status" aria-live="polite">
                            {move || lang.get().strings().loading}
                        </p>
                    }
                        .into_any()
                }
                Some(Load { dataset: Err(error), .. }) => {
                    view! { <LoadFailure error=error lang=lang on_retry=retry /> }.into_any()
                }
                Some(Load { config, config_problem, refused, dataset: Ok(loaded) }) => {
                    if refused.is_some() {
                        // Out of the URL too, replacing the entry.
                        query.update(|q| q.dataset = None);
                    }
                    let mut warnings = url_warnings.get_value();
                    warnings.extend(refused);
                    view! {
                        <Locator
                            loaded=loaded
                            config=config
                            query=query
                            lang=lang
                            url_warnings=warnings
                            config_problem=config_problem
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// What the app loads before it can show anything.
#[derive(Clone)]
struct Load {
    /// The configuration (the defaults when it could not be used).
    config: Arc<locator_core::AppConfig>,
    /// Why the configuration could not be used.
    config_problem: Option<load::ConfigProblem>,
    /// The link's `data=`, when it named an untrusted site.
    refused: Option<QueryWarning>,
    /// The dataset, or why it could not be loaded.
    dataset: Result<Arc<load::Loaded>, load::LoadError>,
}

/// Applies a command of the host page to the query.
fn obey(command: HostCommand, query: RwSignal<Query>, loaded: LocalResource<Load>) {
    if let HostCommand::SelectOutlet(Some(id)) = &command {
        let known = loaded.with_untracked(
            |l| matches!(l, Some(Load { dataset: Ok(d), .. }) if d.data.index_of(id).is_some()),
        );
        if !known {
            let message = format!("select-outlet: no outlet has the id \"{id}\"");
            url::console_warn(&format!("ev-locator: a command was not obeyed: {message}"));
            embed::emit(&EmbedEvent::Error { message });
            return;
        }
    }
    query.update(|q| match command {
        HostCommand::SetOrigin(p) => {
            q.origin = p;
        }
        HostCommand::SetFilters {
            kind,
            services,
            open_now,
        } => {
            if let Some(k) = kind {
                q.filters.kind = k;
            }
            if let Some(s) = services {
                q.filters.services = s;
            }
            if let Some(o) = open_now {
                q.open_now = o;
            }
        }
        HostCommand::SelectOutlet(id) => q.selected = id,
        HostCommand::SetLanguage(l) => q.lang = Some(l),
    });
}
