//! The pure logic of the EV store locator: everything that does not need a
//! browser, built and tested natively.
//!
//! The app (the `ev-locator` crate) only wires Leptos signals to these
//! functions. The flow is one way:
//!
//! 1. [`Dataset::parse`] reads the GeoJSON file once, keeping every valid
//!    outlet and naming every rejected one ([`RecordError`]);
//! 2. [`SpatialIndex::new`] indexes the outlets' positions once;
//! 3. [`Query`] holds what the buyer set (origin, filters, selection) and
//!    round-trips through the URL ([`Query::from_pairs`], [`Query::to_pairs`]);
//! 4. [`rank`] turns dataset, index and query into the ordered list.
//!
//! Coordinates are WGS-84 degrees ([`LatLng`]); distances are metres on a
//! sphere (`distance_m`).
//!
//! Outside the app, the command-line tool `evl-data` uses the same reading:
//! [`validate`] lists every problem of a dataset file, located, for people
//! and CI; [`generate`] makes synthetic datasets of any size for tests and
//! benchmarks; [`pack`] writes the outlets kept in a compact binary form
//! that [`Dataset::from_pack`] reads back fast (large networks load from it
//! instead of the GeoJSON; [`is_pack`] tells the two apart).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod booking;
mod case;
mod cities;
mod cluster;
mod config;
mod dataset;
mod date;
mod datum;
mod directions;
mod embed;
mod hours;
mod i18n;
mod index;
mod latlng;
mod lead;
mod messages;
mod number;
mod outlet;
mod pack;
mod query;
mod rank;
mod reading;
mod region;
mod search;
mod searching;
mod service;
mod services;
mod site;
mod synth;
mod text;
mod validate;

pub use booking::{
    booking_links, books_by_form, form_href, is_endpoint_url, Bookable, Booking, BookingForm,
    BookingLink, BookingProblem, BookingTarget, LinkTemplate, TemplateProblem,
};
pub use cities::{cities, find_city, City, FAR_FROM_CITY_KM};
pub use cluster::{
    Bounds, Cluster, ClusterError, ClusterId, ClusterIndex, ClusterInput, ClusterItem,
    ClusterOptions, MAX_CLUSTER_ZOOM,
};
pub use config::{
    is_css_color, is_css_radius, is_dataset_url, is_font_family, parse_origin, AppConfig,
    ColorScheme, ConfigError, Packed, Theme, TileProvider, DEFAULT_DATASET_URL, NO_TILES,
};
pub use dataset::{
    Dataset, DatasetError, DatasetMeta, DatasetWarning, ParseOptions, RecordError, RecordProblem,
    WarningProblem, SCHEMA_VERSION,
};
pub use date::Date;
pub use datum::{
    bd09_to_gcj02, bd09_to_wgs84, convert, gcj02_to_bd09, gcj02_to_wgs84, in_mainland_china,
    wgs84_to_bd09, wgs84_to_gcj02, Datum,
};
pub use directions::{directions_links, DirectionsLink, MapProvider, AMAP_SOURCE, BAIDU_SOURCE};
pub use embed::{
    EmbedEvent, HostCommand, MessageError, OLDEST_VERSION, PROTOCOL, PROTOCOL_VERSION,
};
pub use hours::{
    format_time_of_day, Day, DayHours, DaySchedule, HoursException, LocalDateTime, Moment,
    OpenState, TimeRange, TimeZone, TimeZoneError, WeeklyHours,
};
pub use i18n::{format_count, format_distance, Lang, LocateFailure, Strings};
pub use index::SpatialIndex;
pub use latlng::{LatLng, LatLngError};
pub use lead::{
    closed_days_hint, date_range, mainland_mobile, read_lead_answer, FieldProblem, Lead, LeadError,
    LeadField, LeadForm, LeadWords, DEFAULT_LEAD_TIMEOUT_S, MAX_DAYS_AHEAD, MAX_NAME_CHARS,
};
pub use messages::Localized;
pub use number::parse_f64;
pub use outlet::{tel_uri, Outlet, OutletKind, OutletStatus};
pub use pack::{is_pack, named_as_pack, pack, PackProblem, PACK_MAGIC, PACK_VERSION};
pub use query::{
    Filters, HistoryStep, MapView, Query, QueryWarning, MAX_RADIUS_KM, MAX_SEARCH_CHARS, MAX_ZOOM,
    MIN_ZOOM, QUERY_KEYS,
};
pub use rank::{
    keep_matching, list_order, rank, within_radius, RadiusOutcome, Ranked, NEAREST_WHEN_NONE_WITHIN,
};
pub use reading::{read_geojson, worded_rejected, ReadReport, Worded, WordedRecord, MAX_WARNINGS};
pub use region::Region;
pub use search::{
    Gazetteer, GazetteerError, MatchField, MatchForm, MatchKind, OutletTexts, PinyinTable, Place,
    PlaceKind, Province, SearchHit, SearchIndex,
};
pub use searching::{
    outlet_texts, read_outlet_texts, OutletRecord, SearchReply, Searcher, Suggested, SUGGESTIONS,
};
pub use service::{Service, ServiceSet};
pub use services::{
    service_options, MobileService, NearestOutlet, ServiceArea, ServiceOption, MAX_MOBILE_RADIUS_KM,
};
pub use site::{
    lang_path, locator_query, opening_hours_spec, outlet_json_ld, robots_txt, script_safe_json,
    sitemap_xml, slug, to_root, with_slash, xml_escape, CityEntry, Directory, MapFrame, PageFacts,
    ProvinceEntry, SitemapEntry, StaticBaseMap, DIRECTORY,
};
pub use synth::{generate, generate_dataset, spread_origins, write_generated};
pub use text::LocalText;
pub use validate::{
    validate, validate_bytes, validate_file, validate_with, Diagnostic, Report, Severity,
};
