//! What the buyer has set (origin, filters, selection, language), and its
//! form in the URL query string.
//!
//! The URL contract, stable for links and embedders:
//! `at=LAT,LNG` (WGS-84 degrees) sets the origin; `kind=ev_home|partner`;
//! `service=ID`, repeatable or comma-separated; `outlet=ID` selects one;
//! `lang=zh|en`; `open=1` keeps outlets open now; `radius=KM` keeps outlets within that straight-line distance
//! of the origin; `tiles=ID` picks the tile layer (`none`, or a provider id
//! of the configuration); `q=TEXT` is the search box's text;
//! `map=LAT,LNG,ZOOM` is the map's centre (WGS-84 degrees) and zoom level;
//! `embed=1` hides the page's own header when framed by a host site.
//! Other parameters are left alone (a host page may add its own) and named
//! only in the browser console.

use crate::i18n::Lang;
use crate::latlng::{LatLng, LatLngError};
use crate::outlet::{Outlet, OutletKind};
use crate::service::{Service, ServiceSet};

/// Which outlets the list and map show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    /// Only this kind, or both.
    pub kind: Option<OutletKind>,
    /// Only outlets offering every one of these services now (open ones).
    pub services: ServiceSet,
}

impl Filters {
    /// Whether `outlet` passes the filters.
    pub fn matches(&self, outlet: &Outlet) -> bool {
        self.kind.is_none_or(|k| k == outlet.kind)
            && (self.services.is_empty() || outlet.services_now().contains_all(self.services))
    }

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && self.services.is_empty()
    }
}

/// The buyer's whole query; the URL mirrors it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Where the buyer is, WGS-84; distances are measured from here.
    pub origin: Option<LatLng>,
    /// Kind and service filters.
    pub filters: Filters,
    /// Id of the selected outlet.
    pub selected: Option<String>,
    /// Language chosen in the URL; `None` follows the browser.
    pub lang: Option<Lang>,
    /// Only outlets open now (by their hours, in the dataset's time zone).
    pub open_now: bool,
    /// Only outlets within this straight-line distance of the origin, in
    /// kilometres (ignored without an origin).
    pub radius_km: Option<f64>,
    /// Tile layer chosen in the URL (`none` or a provider id); `None` uses
    /// the configuration's default. Whether the id exists is checked against
    /// the configuration by the app.
    pub tiles: Option<String>,
    /// The search box's text, as typed (at most [`MAX_SEARCH_CHARS`]).
    pub search: Option<String>,
    /// The map's centre and zoom; `None` lets the app choose a view.
    pub view: Option<MapView>,
    /// Framed by a host site: the page's own header is hidden.
    pub embed: bool,
    /// Another outlet file named by the link (`data=`), for previews; the
    /// app loads it only from origins it trusts
    /// ([`AppConfig::dataset_from_link`](crate::AppConfig::dataset_from_link)).
    pub dataset: Option<String>,
    /// The service whose booking form is open for the selected outlet
    /// (`book=test_drive`).
    pub booking: Option<Service>,
}

/// The map's centre (WGS-84) and zoom level, as `map=LAT,LNG,ZOOM` writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    /// Centre of the map, WGS-84 degrees.
    pub center: LatLng,
    /// Web Mercator zoom level, [`MIN_ZOOM`] to [`MAX_ZOOM`].
    pub zoom: f64,
}

/// The lowest zoom level `map=` accepts (the whole world).
pub const MIN_ZOOM: f64 = 0.0;
/// The highest zoom level `map=` accepts (street detail).
pub const MAX_ZOOM: f64 = 22.0;
/// The most characters of search text kept from `q=`.
pub const MAX_SEARCH_CHARS: usize = 100;

impl MapView {
    /// Whether `other` shows the same view as far as the URL can say
    /// (centres within about 1 m, same zoom to a hundredth).
    pub fn same_as(&self, other: &MapView) -> bool {
        (self.center.lat - other.center.lat).abs() < 1e-5
            && (self.center.lng - other.center.lng).abs() < 1e-5
            && (self.zoom - other.zoom).abs() < 0.01
    }
}

impl std::fmt::Display for MapView {
    /// `lat,lng,zoom`: 5 decimals (about a metre), zoom to 2 decimals
    /// without trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let zoom = format!("{:.2}", self.zoom);
        let zoom = zoom.trim_end_matches('0').trim_end_matches('.');
        write!(f, "{},{zoom}", self.center)
    }
}

impl std::str::FromStr for MapView {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (at, zoom) = s.rsplit_once(',').ok_or(())?;
        let center: LatLng = at.parse().map_err(|_| ())?;
        let zoom = crate::number::parse_f64(zoom.trim()).ok_or(())?;
        if !(MIN_ZOOM..=MAX_ZOOM).contains(&zoom) {
            return Err(());
        }
        Ok(MapView { center, zoom })
    }
}

/// How a change of the query enters the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryStep {
    /// Nothing the URL shows changed.
    None,
    /// A small move (typing, panning): the current entry is replaced.
    Replace,
    /// A real navigation (origin, filters, selection, language...): a new
    /// entry, so the browser's Back button returns to the previous state.
    Push,
}

/// A URL parameter that was ignored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryWarning {
    /// `at=` is not a position.
    #[error("at=\"{value}\" was ignored: {error}")]
    BadOrigin {
        /// The value as given.
        value: String,
        /// Why it is not a position.
        error: LatLngError,
    },
    /// `kind=` names no kind.
    #[error("kind=\"{0}\" was ignored: use ev_home or partner")]
    UnknownKind(String),
    /// `service=` names a service outside the catalogue.
    #[error("service=\"{0}\" was ignored: use sales, test_drive, delivery, after_sales, body_paint or charging")]
    UnknownService(String),
    /// `lang=` names a language the app does not have.
    #[error("lang=\"{0}\" was ignored: use zh or en")]
    UnknownLang(String),
    /// `outlet=` is empty.
    #[error("outlet= was ignored: it is empty")]
    EmptyOutlet,
    /// `open=` is not `1` or `0`.
    #[error("open=\"{0}\" was ignored: use open=1 for outlets open now")]
    BadOpen(String),
    /// `radius=` is not a distance.
    #[error("radius=\"{0}\" was ignored: give kilometres, more than 0 and at most 5000")]
    BadRadius(String),
    /// `tiles=` is not an id.
    #[error("tiles=\"{0}\" was ignored: use none or a tile provider's id, such as osm or amap")]
    BadTiles(String),
    /// `map=` is not a view.
    #[error("map=\"{0}\" was ignored: write latitude,longitude,zoom, like 31.23,121.47,11")]
    BadView(String),
    /// `embed=` is not `1` or `0`.
    #[error("embed=\"{0}\" was ignored: use embed=1")]
    BadEmbed(String),
    /// `q=` is longer than [`MAX_SEARCH_CHARS`]; the start was kept.
    #[error("q= was cut to its first {MAX_SEARCH_CHARS} characters")]
    LongSearch,
    /// `data=` names an outlet file on a site the app does not trust.
    #[error("data=\"{0}\" was refused: an outlet file may come only from this site or one its configuration allows")]
    DatasetRefused(String),
    /// `tiles=` names no tile layer of the configuration.
    #[error("tiles=\"{0}\" was ignored: no tile layer has this id")]
    NoSuchTiles(String),
    /// `outlet=` names no outlet of the dataset.
    #[error("outlet=\"{0}\" was ignored: no outlet has this id")]
    NoSuchOutlet(String),
    /// `book=` names a service outside the catalogue.
    #[error("book=\"{0}\" was ignored: use test_drive, after_sales or another service id")]
    UnknownBooking(String),
    /// `book=` names a service the outlet cannot be booked for here.
    #[error("book=\"{0}\" was ignored: this outlet cannot be booked for it here")]
    NotBookable(&'static str),
    /// A parameter this app does not use (a host page's own, or a typo).
    /// Only logged to the console: it is not the buyer's concern.
    #[error("parameter \"{0}\" is not one of this app's and was left alone")]
    UnknownParameter(String),
}

impl QueryWarning {
    /// Whether only the browser console should hear of it (not the buyer).
    pub fn console_only(&self) -> bool {
        matches!(self, QueryWarning::UnknownParameter(_))
    }
}

/// The parameters this module reads and writes; others are left alone.
pub const QUERY_KEYS: [&str; 13] = [
    "at", "kind", "service", "open", "outlet", "lang", "radius", "tiles", "q", "map", "embed",
    "data", "book",
];

/// The largest radius accepted, in kilometres (China is about 5,000 km across).
pub const MAX_RADIUS_KM: f64 = 5000.0;

impl Query {
    /// Reads the query from decoded URL parameters, in order. Malformed
    /// values are skipped and reported; the rest still applies.
    ///
    /// ```
    /// use locator_core::{Query, Service};
    /// let (q, warnings) = Query::from_pairs([("at", "31.23,121.47"), ("service", "test_drive,delivery")]);
    /// assert!(warnings.is_empty());
    /// assert_eq!(q.origin.unwrap().lat, 31.23);
    /// assert!(q.filters.services.contains(Service::Delivery));
    /// ```
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> (Query, Vec<QueryWarning>)
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = Query::default();
        let mut warnings = Vec::new();
        let mut kinds: Vec<OutletKind> = Vec::new();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "at" => match value.parse::<LatLng>() {
                    Ok(p) => q.origin = Some(p),
                    Err(error) => warnings.push(QueryWarning::BadOrigin {
                        value: value.into(),
                        error,
                    }),
                },
                "kind" => {
                    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        match OutletKind::from_id(part) {
                            Some(k) if !kinds.contains(&k) => kinds.push(k),
                            Some(_) => {}
                            None => warnings.push(QueryWarning::UnknownKind(part.into())),
                        }
                    }
                }
                "service" => {
                    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        match Service::from_id(part) {
                            Some(s) => q.filters.services.insert(s),
                            None => warnings.push(QueryWarning::UnknownService(part.into())),
                        }
                    }
                }
                "outlet" if value.is_empty() => warnings.push(QueryWarning::EmptyOutlet),
                "outlet" => q.selected = Some(value.into()),
                "lang" => match Lang::from_id(value) {
                    Some(l) => q.lang = Some(l),
                    None => warnings.push(QueryWarning::UnknownLang(value.into())),
                },
                "open" => match value {
                    "1" | "true" => q.open_now = true,
                    "0" | "false" => q.open_now = false,
                    _ => warnings.push(QueryWarning::BadOpen(value.chars().take(32).collect())),
                },
                "radius" => match crate::number::parse_f64(value) {
                    Some(r) if r > 0.0 && r <= MAX_RADIUS_KM => q.radius_km = Some(r),
                    _ => warnings.push(QueryWarning::BadRadius(value.chars().take(32).collect())),
                },
                "tiles" => {
                    let id_like = !value.is_empty()
                        && value.len() <= 64
                        && value
                            .bytes()
                            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
                    if id_like {
                        q.tiles = Some(value.into());
                    } else {
                        warnings.push(QueryWarning::BadTiles(value.chars().take(64).collect()));
                    }
                }
                "q" => {
                    let raw = value;
                    if raw.chars().count() > MAX_SEARCH_CHARS {
                        warnings.push(QueryWarning::LongSearch);
                    }
                    let text: String = raw.chars().take(MAX_SEARCH_CHARS).collect();
                    q.search = (!text.is_empty()).then_some(text);
                }
                "map" => match value.parse::<MapView>() {
                    Ok(v) => q.view = Some(v),
                    Err(()) => {
                        warnings.push(QueryWarning::BadView(value.chars().take(64).collect()))
                    }
                },
                "embed" => match value {
                    "1" | "true" => q.embed = true,
                    "0" | "false" => q.embed = false,
                    _ => warnings.push(QueryWarning::BadEmbed(value.chars().take(32).collect())),
                },
                "data" => {
                    q.dataset = (!value.is_empty()).then(|| value.chars().take(2000).collect())
                }
                "book" => match Service::from_id(value) {
                    Some(s) => q.booking = Some(s),
                    None => warnings.push(QueryWarning::UnknownBooking(
                        value.chars().take(32).collect(),
                    )),
                },
                other => warnings.push(QueryWarning::UnknownParameter(
                    other.chars().take(64).collect(),
                )),
            }
        }
        // Both kinds named is the same as no kind filter.
        q.filters.kind = match kinds.as_slice() {
            [k] => Some(*k),
            _ => None,
        };
        (q, warnings)
    }

    /// The query as URL parameters (not yet percent-encoded), in a fixed order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(p) = self.origin {
            pairs.push(("at", p.to_string()));
        }
        if let Some(k) = self.filters.kind {
            pairs.push(("kind", k.id().to_string()));
        }
        if !self.filters.services.is_empty() {
            let ids: Vec<&str> = self.filters.services.iter().map(Service::id).collect();
            pairs.push(("service", ids.join(",")));
        }
        if self.open_now {
            pairs.push(("open", "1".into()));
        }
        if let Some(id) = &self.selected {
            pairs.push(("outlet", id.clone()));
        }
        if let Some(l) = self.lang {
            pairs.push(("lang", l.id().to_string()));
        }
        if let Some(r) = self.radius_km {
            pairs.push(("radius", format!("{r}")));
        }
        if let Some(t) = &self.tiles {
            pairs.push(("tiles", t.clone()));
        }
        if let Some(text) = &self.search {
            pairs.push(("q", text.clone()));
        }
        if let Some(v) = &self.view {
            pairs.push(("map", v.to_string()));
        }
        if self.embed {
            pairs.push(("embed", "1".into()));
        }
        if let Some(d) = &self.dataset {
            pairs.push(("data", d.clone()));
        }
        if let Some(s) = self.booking {
            pairs.push(("book", s.id().to_string()));
        }
        pairs
    }

    /// How going from `previous` to `self` enters the browser's history:
    /// typing, moving the map and dropping a refused `data=` replace the
    /// current entry; anything else the URL shows is a navigation of its own.
    ///
    /// ```
    /// use locator_core::{HistoryStep, Query};
    /// let (a, _) = Query::from_pairs([("at", "31.23,121.47")]);
    /// let (b, _) = Query::from_pairs([("at", "31.23,121.47"), ("map", "31.2,121.4,11")]);
    /// let (c, _) = Query::from_pairs([("at", "39.9,116.4")]);
    /// assert_eq!(b.history_step(&a), HistoryStep::Replace);
    /// assert_eq!(c.history_step(&a), HistoryStep::Push);
    /// assert_eq!(a.history_step(&a), HistoryStep::None);
    /// ```
    pub fn history_step(&self, previous: &Query) -> HistoryStep {
        let small = |q: &Query| Query {
            search: None,
            view: None,
            dataset: None,
            ..q.clone()
        };
        if self.to_pairs() == previous.to_pairs() {
            HistoryStep::None
        } else if small(self).to_pairs() == small(previous).to_pairs() {
            HistoryStep::Replace
        } else {
            HistoryStep::Push
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter() {
        let (q, w) = Query::from_pairs([
            ("at", "22.54,114.06"),
            ("kind", "partner"),
            ("service", "after_sales"),
            ("service", "body_paint,charging"),
            ("outlet", "ptn-shenzhen-01"),
            ("lang", "en"),
            ("tiles", "amap"),
            ("radius", "25"),
            ("open", "1"),
            ("q", "  上海 "),
            ("map", "31.2,121.45,10.5"),
            ("embed", "1"),
            ("book", "after_sales"),
            ("utm_source", "weibo"),
        ]);
        assert_eq!(w, [QueryWarning::UnknownParameter("utm_source".into())]);
        assert!(w[0].console_only());
        assert_eq!(q.search.as_deref(), Some("上海"));
        assert_eq!(q.view.unwrap().zoom, 10.5);
        assert!(q.embed);
        assert_eq!(
            q.origin,
            Some(LatLng {
                lat: 22.54,
                lng: 114.06
            })
        );
        assert_eq!(q.filters.kind, Some(OutletKind::Partner));
        let services: Vec<_> = q.filters.services.iter().collect();
        assert_eq!(
            services,
            [Service::AfterSales, Service::BodyPaint, Service::Charging]
        );
        assert_eq!(q.selected.as_deref(), Some("ptn-shenzhen-01"));
        assert_eq!(q.lang, Some(Lang::En));
        assert_eq!(q.tiles.as_deref(), Some("amap"));
        assert_eq!(q.radius_km, Some(25.0));
        assert!(q.open_now);
        assert_eq!(q.booking, Some(Service::AfterSales));
        assert!(q.to_pairs().contains(&("book", "after_sales".into())));
        let (_, w) = Query::from_pairs([("book", "valet")]);
        assert_eq!(w, [QueryWarning::UnknownBooking("valet".into())]);
    }

    #[test]
    fn malformed_values_are_skipped_and_named() {
        let (q, w) = Query::from_pairs([
            ("at", "shanghai"),
            ("kind", "dealer"),
            ("service", "wash,test_drive"),
            ("lang", "fr"),
            ("outlet", ""),
            ("tiles", "<script>"),
            ("radius", "-3"),
            ("map", "31.2,121.4"),
            ("map", "31.2,121.4,40"),
            ("embed", "yes"),
        ]);
        assert_eq!(q.origin, None);
        assert_eq!(q.filters.kind, None);
        assert_eq!(
            q.filters.services.iter().collect::<Vec<_>>(),
            [Service::TestDrive]
        );
        assert_eq!(w.len(), 10, "{w:?}");
        assert_eq!(w[7], QueryWarning::BadView("31.2,121.4".into()));
        assert_eq!(w[8], QueryWarning::BadView("31.2,121.4,40".into()));
        assert_eq!(w[9], QueryWarning::BadEmbed("yes".into()));
        assert!(q.view.is_none() && !q.embed);
        assert!(!w.iter().any(QueryWarning::console_only));
        assert_eq!(w[6], QueryWarning::BadRadius("-3".into()));
        assert_eq!(w[5], QueryWarning::BadTiles("<script>".into()));
        assert!(matches!(&w[0], QueryWarning::BadOrigin { value, .. } if value == "shanghai"));
        assert_eq!(w[1], QueryWarning::UnknownKind("dealer".into()));
        assert_eq!(w[2], QueryWarning::UnknownService("wash".into()));
        assert!(w[0].to_string().contains("at=\"shanghai\""));
    }

    #[test]
    fn both_kinds_means_no_kind_filter() {
        let (q, _) = Query::from_pairs([("kind", "ev_home,partner")]);
        assert_eq!(q.filters.kind, None);
    }

    #[test]
    fn pairs_round_trip() {
        let (q, _) = Query::from_pairs([
            ("at", "31.23041,121.47370"),
            ("kind", "ev_home"),
            ("service", "delivery,sales"),
            ("outlet", "evh-shanghai-01"),
            ("lang", "zh"),
            ("tiles", "osm"),
            ("radius", "7.5"),
            ("open", "1"),
            ("q", "静安 & 徐汇"),
            ("map", "31.23041,121.4737,12.25"),
            ("embed", "1"),
            ("data", "previews/other.geojson"),
        ]);
        let pairs = q.to_pairs();
        assert_eq!(pairs[0], ("at", "31.23041,121.47370".to_string()));
        assert_eq!(pairs[2], ("service", "sales,delivery".to_string()));
        assert_eq!(
            pairs.last(),
            Some(&("data", "previews/other.geojson".to_string()))
        );
        let (again, w) = Query::from_pairs(pairs);
        assert!(w.is_empty());
        assert_eq!(again, q);
    }

    #[test]
    fn long_search_text_is_cut() {
        let long = "长".repeat(MAX_SEARCH_CHARS + 5);
        let (q, w) = Query::from_pairs([("q", long.as_str())]);
        assert_eq!(w, [QueryWarning::LongSearch]);
        assert_eq!(q.search.unwrap().chars().count(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn history_steps() {
        let base = Query::from_pairs([("at", "31.23,121.47"), ("q", "shang")]).0;
        let typed = Query {
            search: Some("shanghai".into()),
            ..base.clone()
        };
        assert_eq!(typed.history_step(&base), HistoryStep::Replace);
        let selected = Query {
            selected: Some("evh-1".into()),
            ..base.clone()
        };
        assert_eq!(selected.history_step(&base), HistoryStep::Push);
        let filtered = Query {
            open_now: true,
            ..typed.clone()
        };
        assert_eq!(filtered.history_step(&base), HistoryStep::Push);
        // The same view written twice is no step at all.
        let moved = |z: f64| Query {
            view: Some(MapView {
                center: LatLng {
                    lat: 31.0,
                    lng: 121.0,
                },
                zoom: z,
            }),
            ..base.clone()
        };
        assert_eq!(moved(10.0).history_step(&moved(10.0)), HistoryStep::None);
        assert_eq!(moved(11.0).history_step(&moved(10.0)), HistoryStep::Replace);
        // The app only ever drops `data=` (a link's, refused): no entry of its own.
        let linked = Query {
            dataset: Some("https://elsewhere.example/outlets.geojson".into()),
            ..base.clone()
        };
        assert_eq!(base.history_step(&linked), HistoryStep::Replace);
    }

    #[test]
    fn map_view_text() {
        let v: MapView = "31.230411,121.473701,11".parse().unwrap();
        assert_eq!(v.to_string(), "31.23041,121.47370,11");
        assert!("31.2,121.4,-1".parse::<MapView>().is_err());
        assert!("a,b,c".parse::<MapView>().is_err());
        assert!(v.same_as(&"31.230414,121.473699,11".parse().unwrap()));
        assert!(!v.same_as(&"31.230411,121.473701,12".parse().unwrap()));
    }
}
