//! The locator once the dataset is loaded: filters, list and map side by
//! side, all derived from the one query signal.

use crate::components::{
    BookingForm, FilterBar, Legend, LocateButton, Notice, OriginBar, OutletList, PaneSwitch,
    PlaceSearch, ServicePanel, StoreMap,
};
use crate::load::{ConfigProblem, Loaded};
use leptos::prelude::*;
use locator_core::{
    books_by_form, keep_matching, list_order, within_radius, AppConfig, Date, EmbedEvent, Filters,
    Lang, LatLng, Localized, MapView, OutletStatus, Query, QueryWarning, RadiusOutcome, Service,
    TileProvider, TimeZone, TimeZoneError, NO_TILES,
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
    config_problem: Option<ConfigProblem>,
) -> impl IntoView {
    // The time now in the dataset's zone, to the minute, for hours and "open now".
    let zone = TimeZone::from_iana(&loaded.data.meta.time_zone);
    // Rendered natively (the prerendered first view), the time is not
    // known: it is the buyer's, not the build's.
    let in_browser = cfg!(target_arch = "wasm32");
    let now_ms = RwSignal::new(in_browser.then(|| js_sys::Date::now() as i64));
    if in_browser {
        set_interval(
            move || now_ms.set(Some(js_sys::Date::now() as i64)),
            Duration::from_secs(15),
        );
    }
    let local_now = Memo::new({
        let zone = zone.clone().ok();
        move |_| zone.and_then(|z| z.local_at(now_ms.get()?))
    });

    let origin = Memo::new(move |_| query.with(|q| q.origin));
    let filters = Memo::new(move |_| query.with(|q| q.filters));
    let open_now = Memo::new(move |_| query.with(|q| q.open_now));
    let radius_km = Memo::new(move |_| query.with(|q| q.radius_km));
    // Every outlet nearest-first from the origin: worked out again only when
    // the origin moves, so a filter (or a pan, a selection) only picks from it.
    let order = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            let origin = origin.get();
            crate::timing::measure("evl:order", || list_order(&loaded.data, origin))
        }
    });
    let ranking = Memo::new({
        let loaded = loaded.clone();
        move |_| {
            let (filters, open_now) = (filters.get(), open_now.get());
            let radius_km = origin.get().and(radius_km.get());
            order.with(|order| {
                crate::timing::measure("evl:rank", || {
                    let mut ranked = keep_matching(&loaded.data, order, &filters);
                    if open_now {
                        let now = local_now.get();
                        ranked.retain(|r| {
                            let o = &loaded.data.outlets[r.index];
                            let hours = o.hours.as_ref().filter(|_| o.status == OutletStatus::Open);
                            matches!((hours, now), (Some(h), Some(now)) if h.is_open_at(now))
                        });
                    }
                    within_radius(ranked, radius_km)
                })
            })
        }
    });
    let ranked = Memo::new(move |_| ranking.with(|(rows, _)| rows.clone()));
    let radius_outcome = Memo::new(move |_| ranking.with(|(_, outcome)| *outcome));
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

    let on_select = Callback::new({
        let loaded = loaded.clone();
        move |i: usize| {
            let o = &loaded.data.outlets[i];
            crate::embed::emit(&EmbedEvent::selected(o));
            query.update(|q| q.selected = Some(o.id.clone()));
        }
    });
    // A booking call to action: the form opens over the selected outlet.
    let on_book = Callback::new({
        let loaded = loaded.clone();
        move |(i, s): (usize, Service)| {
            let id = loaded.data.outlets[i].id.clone();
            query.update(|q| {
                q.selected = Some(id);
                q.booking = Some(s);
            })
        }
    });
    crate::components::provide_booking(&config.booking, in_browser.then_some(on_book), "");
    let on_origin = Callback::new(move |p: Option<LatLng>| query.update(|q| q.origin = p));
    let on_filters = Callback::new(move |f: Filters| query.update(|q| q.filters = f));

    // What the buyer should know: parameters of the link that were ignored
    // (including an outlet id that is not in the data) and rejected records.
    let mut link_problems: Vec<Problem> = url_warnings.into_iter().map(Problem::Link).collect();
    if let Some(id) = query.with_untracked(|q| q.tiles.clone()) {
        if id != NO_TILES && config.provider(&id).is_none() {
            link_problems.push(Problem::Link(QueryWarning::NoSuchTiles(id)));
            query.update(|q| q.tiles = None);
        }
    }
    link_problems.extend(config_problem.map(Problem::Config));
    if let Err(e) = &zone {
        link_problems.push(Problem::Hours(e.clone()));
    }
    if let Some(id) = query.with_untracked(|q| q.selected.clone()) {
        if loaded.data.index_of(&id).is_none() {
            link_problems.push(Problem::Link(QueryWarning::NoSuchOutlet(id)));
            query.update(|q| q.selected = None);
        }
    }
    // `book=` only for an outlet selected that the form can book for it.
    if let Some(s) = query.with_untracked(|q| q.booking) {
        let bookable = query
            .with_untracked(|q| q.selected.clone())
            .and_then(|id| loaded.data.index_of(&id))
            .is_some_and(|i| books_by_form(&loaded.data.outlets[i], &config.booking, s));
        if !bookable {
            link_problems.push(Problem::Link(QueryWarning::NotBookable(s.id())));
            query.update(|q| q.booking = None);
        }
    }
    let link_problems = Signal::derive(move || {
        let lang = lang.get();
        link_problems
            .iter()
            .map(|p| p.localized(lang))
            .collect::<Vec<_>>()
    });
    let rejected = Signal::derive({
        let loaded = loaded.clone();
        move || {
            let lang = lang.get();
            loaded
                .rejected
                .iter()
                .map(|r| r.localized(lang))
                .collect::<Vec<_>>()
        }
    });
    // A record can have several problems: count the records.
    let rejected_count = {
        let mut numbers: Vec<usize> = loaded.rejected.iter().map(|r| r.number).collect();
        numbers.dedup();
        numbers.len()
    };
    let search_text = Memo::new(move |_| query.with(|q| q.search.clone().unwrap_or_default()));
    let view = Memo::new(move |_| query.with(|q| q.view));
    // On a phone, the list or the map fills the screen.
    let pane = RwSignal::new(Pane::List);
    let phone = crate::components::phone_layout();
    // Not while the app is hidden beside the prerendered view: a map made in
    // a box of no size would be placed wrong.
    let on_screen = crate::takeover::on_screen();
    let map_shown =
        Signal::derive(move || on_screen.get() && (!phone.get() || pane.get() == Pane::Map));
    let total = loaded.data.outlets.len();
    let updated = loaded.data.meta.updated.to_string();
    // The booking form, over the selected outlet, while `book=` is set.
    let form_open = Memo::new(move |_| Some((selected.get()?, query.with(|q| q.booking)?)));
    let booking_form = {
        let loaded = loaded.clone();
        let form = config.booking.form.clone();
        move || {
            let (index, service) = form_open.get()?;
            let today = local_now
                .get_untracked()
                .map(|t| t.date())
                .or_else(|| Date::from_days_since_epoch(js_sys::Date::now() as i64 / 86_400_000))?;
            Some(view! {
                <BookingForm
                    loaded=loaded.clone()
                    index=index
                    service=service
                    form=form.clone()?
                    today=today
                    lang=lang
                    on_close=Callback::new(move |()| query.update(|q| q.booking = None))
                />
            })
        }
    };

    // Hidden beside the prerendered view, the app is drawn a part per task
    // (see `takeover::HiddenDrawing`): the list, the search and filters
    // above it, the origin and the services nearest to it, the map's panel.
    // On screen, all at once.
    let panels = crate::takeover::panels(4);
    let drawn = move |n: u8| Memo::new(move |_| panels.get() >= n);
    let (list_shown, filters_shown, services_shown, map_panel_shown) =
        (drawn(1), drawn(2), drawn(3), drawn(4));
    let search_and_filters = {
        let loaded = loaded.clone();
        move || {
            filters_shown.get().then(|| {
                view! {
                    <Notice
                        heading=Signal::derive(move || lang.get().strings().url_warning_heading.to_string())
                        items=link_problems
                        lang=lang
                        class="evl-notice-url"
                    />
                    <Notice
                        heading=Signal::derive(move || lang.get().strings().rejected_heading(rejected_count))
                        items=rejected
                        lang=lang
                        class="evl-notice-data"
                    />
                    <PlaceSearch
                        loaded=loaded.clone()
                        lang=lang
                        text=search_text
                        on_text=Callback::new(move |t: String| {
                            query.update(|q| q.search = (!t.is_empty()).then_some(t))
                        })
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
                }
                .into_any()
            })
        }
    };
    let origin_and_services = {
        let loaded = loaded.clone();
        move || {
            services_shown.get().then(|| {
                let loaded = loaded.clone();
                view! {
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
                    {move || {
                        origin.get().map(|p| {
                            view! { <ServicePanel loaded=loaded.clone() origin=p lang=lang on_select=on_select /> }
                        })
                    }}
                }
                .into_any()
            })
        }
    };
    let list = {
        let loaded = loaded.clone();
        move || {
            list_shown.get().then(|| {
                view! {
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
                }
                .into_any()
            })
        }
    };

    view! {
        <div class="evl-locator" data-pane=move || pane.get().id()>
            {booking_form}
            <PaneSwitch
                lang=lang
                showing_map=Signal::derive(move || pane.get() == Pane::Map)
                on_change=Callback::new(move |map: bool| pane.set(if map { Pane::Map } else { Pane::List }))
            />
            <aside class="evl-side" aria-label=move || lang.get().strings().list_label>
                {search_and_filters}
                {origin_and_services}
                {list}
                <p class="evl-updated">{move || lang.get().strings().updated} " " {updated}</p>
            </aside>
            <section class="evl-map-panel" aria-label=move || lang.get().strings().map_label>
                {move || map_panel_shown.get().then(|| {
                    view! {
                        <StoreMap
                            loaded=loaded.clone()
                            ranked=ranked
                            selected=selected
                            hovered=hovered
                            origin=origin
                            tiles=tiles
                            view=view
                            lang=lang
                            on_view=Callback::new(move |v: MapView| query.update(|q| q.view = Some(v)))
                            on_select=on_select
                            on_origin=Callback::new(move |p: LatLng| on_origin.run(Some(p)))
                            shown=map_shown
                        />
                        <Legend lang=lang />
                    }
                    .into_any()
                })}
            </section>
        </div>
    }
}

/// Which half of the screen a phone shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    List,
    Map,
}

impl Pane {
    fn id(self) -> &'static str {
        match self {
            Pane::List => "list",
            Pane::Map => "map",
        }
    }
}

/// Something the buyer is told about, in their language.
enum Problem {
    Link(QueryWarning),
    Config(ConfigProblem),
    Hours(TimeZoneError),
}

impl Problem {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Link(w), _) => w.localized(lang),
            (Problem::Config(c), _) => c.localized(lang),
            (Problem::Hours(e), Lang::Zh) => format!("无法计算营业时间：{}", e.chinese()),
            (Problem::Hours(e), Lang::En) => format!("opening hours cannot be evaluated: {e}"),
        }
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
