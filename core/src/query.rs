//! What the buyer has set (origin, filters, selection, language), and its
//! form in the URL query string.
//!
//! The URL contract, stable for links and embedders:
//! `at=LAT,LNG` (WGS-84 degrees) sets the origin; `kind=ev_home|partner`;
//! `service=ID`, repeatable or comma-separated; `outlet=ID` selects one;
//! `lang=zh|en`; `open=1` keeps outlets open now; `radius=KM` keeps outlets within that straight-line distance
//! of the origin; `tiles=ID` picks the tile layer (`none`, or a provider id
//! of the configuration). Other parameters are left alone (a host page may
//! add its own).

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
}

/// The parameters this module reads and writes; others are left alone.
pub const QUERY_KEYS: [&str; 8] = [
    "at", "kind", "service", "open", "outlet", "lang", "radius", "tiles",
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
                "radius" => match value.parse::<f64>() {
                    Ok(r) if r > 0.0 && r <= MAX_RADIUS_KM => q.radius_km = Some(r),
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
                _ => {}
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
        pairs
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
            ("utm_source", "weibo"),
        ]);
        assert!(w.is_empty(), "{w:?}");
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
        ]);
        assert_eq!(q.origin, None);
        assert_eq!(q.filters.kind, None);
        assert_eq!(
            q.filters.services.iter().collect::<Vec<_>>(),
            [Service::TestDrive]
        );
        assert_eq!(w.len(), 7, "{w:?}");
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
        ]);
        let pairs = q.to_pairs();
        assert_eq!(pairs[0], ("at", "31.23041,121.47370".to_string()));
        assert_eq!(pairs[2], ("service", "sales,delivery".to_string()));
        let (again, w) = Query::from_pairs(pairs);
        assert!(w.is_empty());
        assert_eq!(again, q);
    }
}
