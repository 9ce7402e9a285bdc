//! One search box for places and outlets, offline: an ARIA combobox whose
//! suggestions come from the search worker ([`crate::search_worker`]),
//! started on first use, so it never delays the list.

use crate::load::Loaded;
use crate::search_worker::{Heard, SearchWorker};
use leptos::prelude::*;
use locator_core::{EmbedEvent, Lang, LatLng, SearchReply, Suggested};
use std::sync::Arc;

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

fn suggestion(hit: &Suggested, loaded: &Loaded, lang: Lang) -> Option<Suggestion> {
    let s = lang.strings();
    match hit {
        Suggested::Place {
            index,
            name,
            province,
            ..
        } => {
            let province = province.get(lang);
            let name = name.get(lang).to_string();
            let detail = if province == name {
                s.search_place.to_string()
            } else {
                format!("{} · {province}", s.search_place)
            };
            Some(Suggestion {
                key: format!("place-{index}"),
                label: name,
                detail,
                pick: Pick::Place(hit.location()?),
            })
        }
        &Suggested::Outlet { index } => {
            let o = loaded.data.outlets.get(index)?;
            Some(Suggestion {
                key: format!("outlet-{index}"),
                label: o.name.get(lang).to_string(),
                detail: format!("{} · {}", s.kind(o.kind), o.city.get(lang)),
                pick: Pick::Outlet(index),
            })
        }
    }
}

/// Where the search worker is.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Starting, or making its index.
    Loading,
    Ready,
    /// It cannot run (said on the console).
    Failed,
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
    // A link with search text starts the search at once.
    let wanted = RwSignal::new(!text.with_untracked(String::is_empty));
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let stage = RwSignal::new(Stage::Loading);
    // The number of the latest query asked, and the latest answer.
    let asked = RwSignal::new(0u32);
    let found = RwSignal::new((0u32, Vec::<Suggested>::new()));
    // Enter pressed before the latest query's answer: choose its first.
    let choose_first = StoredValue::new(false);
    let hear = move |heard: Heard| match heard {
        Ok(SearchReply::Built { problem }) => {
            if let Some(p) = problem {
                crate::url::console_warn(&format!("ev-locator: place search is limited: {p}"));
            }
            stage.try_set(Stage::Ready);
        }
        Ok(SearchReply::Found { ask, hits }) => {
            found.try_set((ask, hits));
        }
        Err(e) => {
            crate::url::console_warn(&format!("ev-locator: the search box cannot search: {e}"));
            stage.try_set(Stage::Failed);
        }
    };
    let worker = StoredValue::new_local(None::<SearchWorker>);
    Effect::new({
        let loaded = loaded.clone();
        move |_| {
            let t = text.get();
            if !wanted.get() {
                return;
            }
            worker.update_value(|w| {
                let w = w.get_or_insert_with(|| SearchWorker::start(loaded.clone(), hear));
                if !t.trim().is_empty() {
                    let ask = asked.get_untracked() + 1;
                    asked.set(ask);
                    w.ask(ask, &t, &hear);
                }
            });
        }
    });
    let answered = move || found.with(|f| f.0) == asked.get();
    let list = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            if text.with(|t| t.trim().is_empty()) {
                return Vec::new();
            }
            let lang = lang.get();
            found.with(|(_, hits)| {
                hits.iter()
                    .filter_map(|h| suggestion(h, &loaded, lang))
                    .collect()
            })
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
                if !answered() && stage.get_untracked() != Stage::Failed {
                    choose_first.set_value(true);
                    return;
                }
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
    Effect::new(move |_| {
        if answered() && choose_first.get_value() {
            choose_first.set_value(false);
            if let Some(s) = list.with(|l| l.first().cloned()) {
                choose(&s);
            }
        }
    });
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
                    choose_first.set_value(false);
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
                    } else if stage.get() == Stage::Failed {
                        Some(lang.get().strings().search_failed.to_string())
                    } else if stage.get() == Stage::Loading {
                        Some(lang.get().strings().search_loading.to_string())
                    } else if answered() && list.with(Vec::is_empty) {
                        Some(lang.get().strings().search_none(t.trim()))
                    } else {
                        None
                    }
                }}
            </p>
        </div>
    }
}
