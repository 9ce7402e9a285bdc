//! Step 1: a file dropped or chosen, the site's own data, or the work this
//! browser kept.

use super::browser;
use super::state::studio;
use evl_studio::settings::Settings;
use evl_studio::source::too_large;
use evl_studio::text::words;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The open step.
#[component]
pub fn OpenStep() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let dragging = RwSignal::new(false);
    let take = move |file: web_sys::File| {
        // Too large to open: said before a byte is read.
        if let Some(e) = too_large(&file.name(), file.size() as usize) {
            s.error.set(Some(e.to_string()));
            return;
        }
        s.busy.set(Some("read"));
        spawn_local(async move {
            let name = file.name();
            let read = browser::read_file(&file).await;
            s.busy.set(None);
            match read {
                Ok(bytes) => s.open(&name, bytes),
                Err(e) => s.error.set(Some(format!("{name}: {e}"))),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take(file);
        }
    };
    let open_site = move |_| {
        s.busy.set(Some("read"));
        spawn_local(async move {
            // The site's settings first: they name its dataset.
            let mut path = "data/outlets.geojson".to_string();
            if let Ok(bytes) = browser::fetch_site("config.json").await {
                match Settings::from_text(&String::from_utf8_lossy(&bytes)) {
                    Ok(settings) => {
                        let named = settings.get("dataset");
                        if !named.is_empty() && !named.contains("://") && !named.starts_with('/') {
                            path = named;
                        }
                        s.settings.set(settings);
                    }
                    Err(e) => s.error.set(Some(e)),
                }
            }
            let fetched = browser::fetch_site(&path).await;
            s.busy.set(None);
            match fetched {
                Ok(bytes) => {
                    let name = path
                        .rsplit('/')
                        .next()
                        .unwrap_or("outlets.geojson")
                        .to_string();
                    s.open(&name, bytes);
                }
                Err(e) => s.error.set(Some(e)),
            }
        });
    };
    view! {
        {move || {
            s.offered
                .get()
                .map(|(_, saved)| {
                    view! {
                        <div class="studio-offer" role="region" aria-label=move || w().restore>
                            <p>{move || w().saved_found} <strong>{saved.name.clone()}</strong></p>
                            <button type="button" id="studio-restore" on:click=move |_| s.restore()>
                                {move || w().restore}
                            </button>
                            <button type="button" id="studio-discard" on:click=move |_| s.discard()>
                                {move || w().discard}
                            </button>
                        </div>
                    }
                })
        }}
        <label
            class="studio-drop"
            class:studio-drop-over=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <span class="studio-drop-text">{move || w().drop}</span>
            <span class="studio-drop-kinds">{move || w().drop_kinds}</span>
            <input
                type="file"
                id="studio-file"
                accept=".csv,.tsv,.txt,.geojson,.json,.evlpack,text/csv,application/geo+json"
                on:change=on_pick
            />
        </label>
        <p>
            <button type="button" id="studio-open-site" on:click=open_site>
                {move || w().open_site}
            </button>
        </p>
        {move || {
            s.work
                .with(|w| w.as_ref().map(|w| w.name.clone()))
                .map(|name| view! { <p class="studio-opened">{move || w().opened} {name.clone()}</p> })
        }}
    }
}

/// The element an event came from, as `T`.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event's target").unchecked_into()
}
