//! One search box for places and outlets, offline: an ARIA combobox whose
//! suggestions come from the core's search index. The gazetteer loads on
//! first use, so it never delays the list.

use crate::load::{self, Loaded, SearchEngine};
use leptos::prelude::*;
use locator_core::{EmbedEvent, Lang, LatLng, SearchHit};
use std::sync::Arc;

/// Most suggestions shown.
const SUGGESTIONS: usize = 8;

/// One suggestion, ready to show.
#[derive(Clone, PartialEq)]
struct Suggestion {
    /// `place-N` or `outlet-N`, unique in the list.
    key: String,
    label: String,
    detail: String,
    pick: Pick,
}

#[derive(Clone, Copy, PartialEq)]
enum Pick {
    Place(LatLng),
    Outlet(usize),
}

fn suggestions(engine: &SearchEngine, loaded: &Loaded, text: &str, lang: Lang) -> Vec<Suggestion> {
    let s = lang.strings();
    engine
        .index
        .search(text, SUGGESTIONS)
        .into_iter()
        .filter_map(|hit| match hit {
            SearchHit::Place { index, .. } => {
                let place = engine.gazetteer.places.get(index)?;
                let province = engine.gazetteer.province(place).name.get(lang).to_string();
                let name = place.name.get(lang).to_string();
                let detail = if province == name {
                    s.search_place.to_string()
                } else {
                    format!("{} · {province}", s.search_place)
                };
                Some(Suggestion {
                    key: format!("place-{index}"),
                    label: name,
                    detail,
                    pick: Pick::Place(place.location),
                })
            }
            SearchHit::Outlet { index, .. } => {
                let o = loaded.data.outlets.get(index)?;
                Some(Suggestion {
                    key: format!("outlet-{index}"),
                    label: o.name.get(lang).to_string(),
                    detail: format!("{} · {}", s.kind(o.kind), o.city.get(lang)),
                    pick: Pick::Outlet(index),
                })
            }
        })
        .collect()
}

/// The search box.
#[component]
pub fn PlaceSearch(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with a chosen place's centre (WGS-84).
    on_place: Callback<LatLng>,
    /// Called with a chosen outlet's position in the dataset.
    on_outlet: Callback<usize>,
    /// The text in the box (kept in the URL).
    #[prop(into)]
    text: Signal<String>,
    /// Called with the text as the buyer types.
    on_text: Callback<String>,
) -> impl IntoView {
    // A link with search text loads the search data at once.
    let wanted = RwSignal::new(!text.with_untracked(String::is_empty));
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let engine = LocalResource::new({
        let loaded = loaded.clone();
        move || {
            let (wanted, loaded) = (wanted.get(), loaded.clone());
            async move {
                if !wanted {
                    return None;
                }
                let (engine, problem) = load::load_search(&loaded).await;
                if let Some(p) = &problem {
                    crate::url::console_warn(&format!("ev-locator: place search is limited: {p}"));
                }
                Some(engine)
            }
        }
    });
    let ready = move || engine.get().flatten();
    let list = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            let t = text.get();
            match engine.get().flatten() {
                Some(e) if !t.trim().is_empty() => suggestions(&e, &loaded, &t, lang.get()),
                _ => Vec::new(),
            }
        }
    });
    let choose = move |s: &Suggestion| {
        crate::embed::emit(&EmbedEvent::Search {
            text: text.get_untracked(),
            result: match s.pick {
                Pick::Place(_) => "place",
                Pick::Outlet(_) => "outlet",
            },
            label: s.label.clone(),
        });
        match s.pick {
            Pick::Place(p) => {
                on_text.run(s.label.clone());
                on_place.run(p);
            }
            Pick::Outlet(i) => on_outlet.run(i),
        }
        open.set(false);
        active.set(None);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let n = list.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                ev.prevent_default();
                let pick = list.with(|l| l.get(active.get_untracked().unwrap_or(0)).cloned());
                if let Some(s) = pick {
                    choose(&s);
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    open.set(false);
                    active.set(None);
                } else {
                    on_text.run(String::new());
                }
            }
            _ => {}
        }
    };
    let expanded = move || open.get() && !text.with(|t| t.trim().is_empty());

    view! {
        <div class="evl-search" role="search">
            <label class="evl-search-label" for="evl-search-input">{move || lang.get().strings().search_label}</label>
            <input
                id="evl-search-input"
                class="evl-search-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength="100"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="evl-search-list"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || {
                    active.get().and_then(|i| list.with(|l| l.get(i).map(|s| format!("evl-option-{}", s.key))))
                }
                placeholder=move || lang.get().strings().search_placeholder
                prop:value=move || text.get()
                on:focus=move |_| wanted.set(true)
                on:input=move |ev| {
                    wanted.set(true);
                    on_text.run(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_keydown
            />
            <ul id="evl-search-list" class="evl-search-list" role="listbox" hidden=move || !expanded()>
                {move || {
                    list.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let id = format!("evl-option-{}", s.key);
                            let data_outlet = match s.pick {
                                Pick::Outlet(_) => Some(s.key.trim_start_matches("outlet-").to_string()),
                                Pick::Place(_) => None,
                            };
                            let chosen = s.clone();
                            view! {
                                <li
                                    id=id
                                    role="option"
                                    class="evl-search-option"
                                    class:is-active=move || active.get() == Some(i)
                                    aria-selected=move || (active.get() == Some(i)).to_string()
                                    data-kind=match s.pick { Pick::Place(_) => "place", Pick::Outlet(_) => "outlet" }
                                    data-index=data_outlet
                                    on:mousedown=move |ev| ev.prevent_default()
                                    on:click=move |_| choose(&chosen)
                                >
                                    <span class="evl-search-name">{s.label.clone()}</span>
                                    <span class="evl-search-detail">{s.detail.clone()}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="evl-search-status" role="status" aria-live="polite">
                {move || {
                    let t = text.get();
                    if t.trim().is_empty() || !open.get() {
                        None
                    } else if ready().is_none() {
                        Some(lang.get().strings().search_loading.to_string())
                    } else if list.with(Vec::is_empty) {
                        Some(lang.get().strings().search_none(t.trim()))
                    } else {
                        None
                    }
                }}
            </p>
        </div>
    }
}
