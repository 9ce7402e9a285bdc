//! The locator once the dataset is loaded: filters, list and map side by
//! side, all derived from the one query signal.

use crate::components::{
    FilterBar, Legend, LocateButton, Notice, OriginBar, OutletList, PlaceSearch, ServicePanel,
    StoreMap,
};
use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{
    rank, within_radius, AppConfig, Filters, Lang, LatLng, OutletStatus, Query, QueryWarning,
    RadiusOutcome, TileProvider, TimeZone, NO_TILES,
};
use std::sync::Arc;
use std::time::Duration;

/// List and map of the outlets that match the query.
#[component]
pub fn Locator(
    /// The dataset and its index.
    loaded: Arc<Loaded>,
    /// The buyer's query; the single source of truth, mirrored in the URL.
    query: RwSignal<Query>,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The app's configuration.
    config: Arc<AppConfig>,
    /// URL parameters that were ignored, and configuration problems, to
    /// tell the buyer about.
    url_warnings: Vec<QueryWarning>,
    /// A problem with the configuration file, if any.
    config_problem: Option<String>,
) -> impl IntoView {
    // The time now in the dataset's zone, to the minute, for hours and "open now".
    let zone = TimeZone::from_iana(&loaded.data.meta.time_zone);
    let now_ms = RwSignal::new(js_sys::Date::now() as i64);
    set_interval(
        move || now_ms.set(js_sys::Date::now() as i64),
        Duration::from_secs(15),
    );
    let local_now = Memo::new({
        let zone = zone.clone().ok();
        move |_| zone.and_then(|z| z.local_at(now_ms.get()))
    });

    let ranking = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            query.with(|q| {
                let mut ranked = rank(&loaded.data, &loaded.index, &q.filters, q.origin);
                if q.open_now {
                    let now = local_now.get();
                    ranked.retain(|r| {
                        let o = &loaded.data.outlets[r.index];
                        let hours = o.hours.as_ref().filter(|_| o.status == OutletStatus::Open);
                        matches!((hours, now), (Some(h), Some(now)) if h.is_open_at(now))
                    });
                }
                within_radius(ranked, q.origin.and(q.radius_km))
            })
        }
    });
    let ranked = Memo::new(move |_| ranking.with(|(rows, _)| rows.clone()));
    let radius_outcome = Memo::new(move |_| ranking.with(|(_, outcome)| *outcome));
    let radius_km = Memo::new(move |_| query.with(|q| q.radius_km));
    let selected = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            query.with(|q| {
                q.selected
                    .as_deref()
                    .and_then(|id| loaded.data.index_of(id))
            })
        }
    });
    let origin = Memo::new(move |_| query.with(|q| q.origin));
    let hovered = RwSignal::new(None::<usize>);
    let tiles = Memo::new({
        let config = config.clone();
        move |_| -> Option<TileProvider> {
            let id = query
                .with(|q| q.tiles.clone())
                .unwrap_or_else(|| config.default_tiles.clone());
            config.provider(&id).cloned()
        }
    });
    let filters = Memo::new(move |_| query.with(|q| q.filters));
    let open_now = Memo::new(move |_| query.with(|q| q.open_now));

    let on_select = Callback::new({
        let loaded = loaded.clone();
        move |i: usize| {
            let id = loaded.data.outlets[i].id.clone();
            query.update(|q| q.selected = Some(id));
        }
    });
    let on_origin = Callback::new(move |p: Option<LatLng>| query.update(|q| q.origin = p));
    let on_filters = Callback::new(move |f: Filters| query.update(|q| q.filters = f));

    // What the buyer should know: parameters of the link that were ignored
    // (including an outlet id that is not in the data) and rejected records.
    let mut link_problems: Vec<String> = url_warnings.iter().map(ToString::to_string).collect();
    if let Some(id) = query.with_untracked(|q| q.tiles.clone()) {
        if id != NO_TILES && config.provider(&id).is_none() {
            link_problems.push(format!(
                "tiles=\"{id}\" was ignored: no tile layer has this id"
            ));
            query.update(|q| q.tiles = None);
        }
    }
    link_problems.extend(config_problem);
    if let Err(e) = &zone {
        link_problems.push(format!("opening hours cannot be evaluated: {e}"));
    }
    if let Some(id) = query.with_untracked(|q| q.selected.clone()) {
        if loaded.data.index_of(&id).is_none() {
            link_problems.push(format!(
                "outlet=\"{id}\" was ignored: no outlet has this id"
            ));
            query.update(|q| q.selected = None);
        }
    }
    let rejected: Vec<String> = loaded
        .data
        .rejected
        .iter()
        .map(ToString::to_string)
        .collect();
    let total = loaded.data.outlets.len();
    let updated = loaded.data.meta.updated.to_string();

    view! {
        <div class="evl-locator">
            <aside class="evl-side">
                <Notice
                    heading=Signal::derive(move || lang.get().strings().url_warning_heading)
                    items=link_problems
                    lang=lang
                    class="evl-notice-url"
                />
                <Notice
                    heading=Signal::derive(move || lang.get().strings().rejected_heading)
                    items=rejected
                    lang=lang
                    class="evl-notice-data"
                />
                <PlaceSearch
                    loaded=loaded.clone()
                    lang=lang
                    on_place=Callback::new(move |p| {
                        query.update(|q| {
                            q.origin = Some(p);
                            q.selected = None;
                        })
                    })
                    on_outlet=on_select
                />
                <LocateButton lang=lang on_found=Callback::new(move |p| on_origin.run(Some(p))) />
                <FilterBar
                    filters=filters
                    open_now=open_now
                    lang=lang
                    on_change=on_filters
                    on_open_now=Callback::new(move |v| query.update(|q| q.open_now = v))
                />
                <OriginBar
                    origin=origin
                    radius_km=radius_km
                    lang=lang
                    on_clear=Callback::new(move |()| on_origin.run(None))
                    on_radius=Callback::new(move |r| query.update(|q| q.radius_km = r))
                />
                {move || match radius_outcome.get() {
                    RadiusOutcome::NoneWithin { nearest_m } => {
                        let r = radius_km.get().unwrap_or_default();
                        Some(view! { <p class="evl-radius-note" role="status">{lang.get().strings().none_within(r, nearest_m)}</p> })
                    }
                    _ => None,
                }}
                {
                    let loaded = loaded.clone();
                    move || {
                        origin.get().map(|p| {
                            view! { <ServicePanel loaded=loaded.clone() origin=p lang=lang on_select=on_select /> }
                        })
                    }
                }
                <OutletList
                    loaded=loaded.clone()
                    local_now=local_now
                    origin=origin
                    on_close=Callback::new(move |()| {
                        let id = query.with_untracked(|q| q.selected.clone());
                        query.update(|q| q.selected = None);
                        focus_row(id.as_deref());
                    })
                    ranked=ranked
                    selected=selected
                    total=total
                    lang=lang
                    on_select=on_select
                    on_hover=Callback::new(move |i| hovered.set(i))
                    on_clear_filters=Callback::new(move |()| {
                        query.update(|q| {
                            q.filters = Filters::default();
                            q.open_now = false;
                        })
                    })
                />
                <p class="evl-updated">{move || lang.get().strings().updated} " " {updated}</p>
            </aside>
            <section class="evl-map-panel" aria-label=move || lang.get().strings().map_label>
                <StoreMap
                    loaded=loaded
                    ranked=ranked
                    selected=selected
                    hovered=hovered
                    origin=origin
                    tiles=tiles
                    lang=lang
                    on_select=on_select
                    on_origin=Callback::new(move |p: LatLng| on_origin.run(Some(p)))
                />
                <Legend lang=lang />
            </section>
        </div>
    }
}

/// Puts the keyboard focus back on an outlet's row in the list.
fn focus_row(id: Option<&str>) {
    let Some(id) = id else { return };
    crate::components::focus(&format!(
        ".evl-list > [data-outlet-id=\"{}\"] .evl-card-main",
        id.replace('"', "")
    ));
}
