//! Reading and checking the outlet dataset (a GeoJSON FeatureCollection,
//! format version 1, described in `docs/dataset.md`).
//!
//! Problems come in two sizes. A [`DatasetError`] means nothing can be shown
//! (not JSON, not a FeatureCollection, another schema version). A
//! [`RecordError`] concerns one feature: that outlet is left out and named,
//! and every valid outlet around it is kept.

use crate::date::Date;
use crate::hours::{TimeZone, TimeZoneError, WeeklyHours};
use crate::latlng::{LatLng, LatLngError};
use crate::outlet::{Outlet, OutletKind, OutletStatus};
use crate::service::Service;
use crate::services::MobileService;
use crate::text::LocalText;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;

/// The dataset format version this app reads.
pub const SCHEMA_VERSION: u64 = 1;

/// The collection-level facts about the dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetMeta {
    /// The brand's name.
    pub brand: LocalText,
    /// When the data was last checked.
    pub updated: Date,
    /// IANA time zone of the opening hours (`Asia/Shanghai`).
    pub time_zone: String,
    /// Whether the outlets are made up (sample data).
    pub sample: bool,
}

impl DatasetMeta {
    /// The time zone of the opening hours, for [`TimeZone::local_at`].
    ///
    /// An error for a zone [`TimeZone::from_iana`] does not know; the hours
    /// can then still be listed, but not compared with the current time.
    ///
    /// ```
    /// use locator_core::{Date, DatasetMeta, LocalText, TimeZone};
    /// let meta = DatasetMeta {
    ///     brand: LocalText::new("青云汽车", "Qingyun Motors"),
    ///     updated: "2026-11-20".parse::<Date>().unwrap(),
    ///     time_zone: "Asia/Shanghai".into(),
    ///     sample: true,
    /// };
    /// assert_eq!(meta.zone(), Ok(TimeZone::SHANGHAI));
    /// ```
    pub fn zone(&self) -> Result<TimeZone, TimeZoneError> {
        TimeZone::from_iana(&self.time_zone)
    }
}

/// A dataset that was read: its valid outlets and its rejected records.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Collection-level facts.
    pub meta: DatasetMeta,
    /// The valid outlets, in file order.
    pub outlets: Vec<Outlet>,
    /// The features that were left out, in file order, each with its reason.
    pub rejected: Vec<RecordError>,
    by_id: HashMap<String, usize>,
    default_order: Vec<usize>,
}

/// Why the dataset cannot be shown at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DatasetError {
    /// Nothing but white space.
    #[error("the outlet file is empty")]
    Empty,
    /// An HTML page, typically a server's error or login page.
    #[error("the outlet file is a web page (HTML), not GeoJSON; the server may have sent an error page instead")]
    Html,
    /// Not well-formed JSON (for example cut off in transfer).
    #[error("the outlet file is not valid JSON: {message} (line {line}, column {column})")]
    NotJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// Valid JSON of another shape.
    #[error("the outlet file is JSON but not a GeoJSON FeatureCollection: {found}")]
    NotFeatureCollection {
        /// What was found instead.
        found: String,
    },
    /// No `schema_version` member.
    #[error("the outlet file has no `schema_version`; this app reads version {SCHEMA_VERSION}")]
    MissingVersion,
    /// A version this app cannot read.
    #[error(
        "the outlet file is in format version {found}; this app reads version {SCHEMA_VERSION}"
    )]
    UnsupportedVersion {
        /// The version as written in the file.
        found: String,
    },
    /// A required collection member is missing or malformed.
    #[error("the outlet file's `{member}` {problem}")]
    BadMember {
        /// The member's name.
        member: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

/// One feature that was left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    /// 1-based position of the feature in `features`.
    pub number: usize,
    /// 1-based line of the file where the problem is.
    pub line: usize,
    /// The outlet's id, when it could be read.
    pub id: Option<String>,
    /// The field at fault, as a path (`properties.kind`, `geometry.coordinates`).
    pub field: String,
    /// What is wrong.
    pub problem: RecordProblem,
}

impl fmt::Display for RecordError {
    /// `outlet 12 (line 340, id "evh-sh-01"): properties.kind: unknown variant ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "outlet {} (line {}", self.number, self.line)?;
        if let Some(id) = &self.id {
            write!(f, ", id \"{id}\"")?;
        }
        write!(f, "): ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for RecordError {}

/// What is wrong with one feature.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordProblem {
    /// A property is missing, of the wrong type, or has a value outside its
    /// catalogue; the text is the JSON reader's own explanation.
    #[error("{0}")]
    Invalid(String),
    /// A point does not have 2 (or 3, with altitude) coordinates.
    #[error("a point needs [longitude, latitude], found {0} numbers")]
    CoordinateCount(usize),
    /// The coordinates are not a position on the earth.
    #[error("{0} (GeoJSON order is [longitude, latitude])")]
    Position(LatLngError),
    /// A relocated outlet that does not say where it went.
    #[error("status is \"relocated\" but relocated_to is missing")]
    RelocatedWithoutTarget,
    /// `relocated_to` names an id that is not among the valid outlets.
    #[error("relocated_to names \"{0}\", which is not in the list")]
    UnknownRelocationTarget(String),
    /// `relocated_to` names the outlet itself.
    #[error("relocated_to names the outlet itself")]
    RelocatedToItself,
    /// The id was already used by an earlier feature.
    #[error("id \"{id}\" is already used by outlet {first_number}")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// 1-based position of the feature that has it first.
        first_number: usize,
    },
}

// ---- raw shapes, as serde reads them ------------------------------------

#[derive(Deserialize)]
#[serde(expecting = "a GeoJSON FeatureCollection object")]
struct RawCollection<'a> {
    #[serde(rename = "type", borrow, default)]
    type_: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema_version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    brand: Option<&'a RawValue>,
    #[serde(borrow, default)]
    updated: Option<&'a RawValue>,
    #[serde(borrow, default)]
    time_zone: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sample: Option<&'a RawValue>,
    #[serde(borrow, default)]
    features: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(expecting = "\"Feature\"")]
enum FeatureType {
    Feature,
}

#[derive(Deserialize)]
#[serde(expecting = "\"Point\"")]
enum PointType {
    Point,
}

#[derive(Deserialize)]
#[serde(expecting = "a GeoJSON Feature object")]
struct RawFeature<'a> {
    #[serde(rename = "type")]
    _type: FeatureType,
    #[serde(borrow)]
    geometry: RawPoint<'a>,
    properties: RawProperties,
}

#[derive(Deserialize)]
#[serde(expecting = "a Point geometry object")]
struct RawPoint<'a> {
    #[serde(rename = "type")]
    _type: PointType,
    /// Read after the type is known to be a Point, whatever the key order.
    #[serde(borrow)]
    coordinates: &'a RawValue,
}

/// An id: 1 to 64 letters, digits, `-`, `_`, `.`.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct OutletId(String);

impl TryFrom<String> for OutletId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
        if ok {
            Ok(OutletId(s))
        } else {
            Err(format!(
                "id \"{}\" must be 1 to 64 letters, digits, '-', '_' or '.'",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

/// A phone number: digits, spaces, `+ - ( )`, and at least 3 digits.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Phone(String);

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_string();
        let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if allowed && (3..=20).contains(&digits) {
            Ok(Phone(s))
        } else {
            Err(format!(
                "phone \"{}\" may hold only digits, spaces and + - ( )",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

#[derive(Deserialize)]
#[serde(expecting = "an object of outlet properties")]
struct RawProperties {
    id: OutletId,
    kind: OutletKind,
    #[serde(default)]
    status: OutletStatus,
    #[serde(default)]
    relocated_to: Option<String>,
    #[serde(default)]
    opening_date: Option<Date>,
    name: LocalText,
    address: LocalText,
    city: LocalText,
    province: LocalText,
    #[serde(default)]
    phone: Option<Phone>,
    services: Vec<Service>,
    #[serde(default)]
    partner_group: Option<LocalText>,
    #[serde(default)]
    hours: Option<WeeklyHours>,
    #[serde(default)]
    mobile_service: Option<MobileService>,
}

/// Only the id, to name a feature whose other properties fail.
#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    properties: Option<IdOnlyProperties>,
}

#[derive(Deserialize)]
struct IdOnlyProperties {
    #[serde(default)]
    id: Option<serde_json::Value>,
}

// ---- parsing --------------------------------------------------------------

/// serde_json's message without its " at line L column C" suffix.
fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) if err.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// 1-based line numbers of byte offsets, computed once on first need.
struct Lines<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
}

impl<'a> Lines<'a> {
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&s| s <= offset)
    }
}

fn member<T: DeserializeOwned>(
    raw: Option<&RawValue>,
    member: &'static str,
) -> Result<T, DatasetError> {
    let raw = raw.ok_or(DatasetError::BadMember {
        member,
        problem: "is missing".into(),
    })?;
    serde_json::from_str(raw.get()).map_err(|e| DatasetError::BadMember {
        member,
        problem: format!("is invalid: {}", bare_message(&e)),
    })
}

fn kind_of_json(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

impl Dataset {
    /// Reads a dataset from the text of a GeoJSON file.
    ///
    /// Features with problems are left out and listed in
    /// [`rejected`](Dataset::rejected); an `Err` means the file as a whole
    /// cannot be used.
    ///
    /// ```
    /// use locator_core::Dataset;
    /// let text = r#"{"type": "FeatureCollection", "schema_version": 1,
    ///   "brand": {"zh": "青云汽车", "en": "Qingyun Motors"}, "updated": "2026-11-20",
    ///   "time_zone": "Asia/Shanghai", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4581, 31.2222]},
    ///    "properties": {"id": "evh-sh-01", "kind": "ev_home", "name": {"zh": "上海静安 EV Home"},
    ///     "address": {"zh": "南京西路 1 号"}, "city": {"zh": "上海"}, "province": {"zh": "上海"},
    ///     "services": ["sales", "test_drive"]}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.5, 31.2]},
    ///    "properties": {"id": "x", "kind": "dealer"}}]}"#;
    /// let data = Dataset::parse(text).unwrap();
    /// assert_eq!(data.outlets.len(), 1);
    /// assert_eq!(data.rejected[0].field, "properties.kind");
    /// ```
    pub fn parse(text: &str) -> Result<Dataset, DatasetError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let start = text.trim_start();
        if start.is_empty() {
            return Err(DatasetError::Empty);
        }
        if start.starts_with('<') {
            return Err(DatasetError::Html);
        }
        let not_json = |e: serde_json::Error| DatasetError::NotJson {
            line: e.line(),
            column: e.column(),
            message: bare_message(&e),
        };
        if !start.starts_with('{') {
            // serde would read a struct from an array too; say what it is.
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
            return Err(DatasetError::NotFeatureCollection {
                found: kind_of_json(start).into(),
            });
        }
        let raw: RawCollection = serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => DatasetError::NotFeatureCollection {
                found: bare_message(&e),
            },
            _ => not_json(e),
        })?;

        let type_: Option<String> = raw.type_.and_then(|t| serde_json::from_str(t.get()).ok());
        if type_.as_deref() != Some("FeatureCollection") {
            return Err(DatasetError::NotFeatureCollection {
                found: match raw.type_ {
                    Some(t) => format!(
                        "its \"type\" is {}",
                        t.get().chars().take(40).collect::<String>()
                    ),
                    None => "it has no \"type\" member".into(),
                },
            });
        }
        let version = raw.schema_version.ok_or(DatasetError::MissingVersion)?;
        if serde_json::from_str::<u64>(version.get()).ok() != Some(SCHEMA_VERSION) {
            return Err(DatasetError::UnsupportedVersion {
                found: version.get().chars().take(40).collect(),
            });
        }
        let meta = DatasetMeta {
            brand: member(raw.brand, "brand")?,
            updated: member(raw.updated, "updated")?,
            time_zone: member::<String>(raw.time_zone, "time_zone").and_then(|tz| {
                if tz.contains('/') || tz == "UTC" {
                    Ok(tz)
                } else {
                    Err(DatasetError::BadMember {
                        member: "time_zone",
                        problem: format!("\"{tz}\" is not a time zone name like Asia/Shanghai"),
                    })
                }
            })?,
            sample: match raw.sample {
                None => false,
                Some(_) => member(raw.sample, "sample")?,
            },
        };
        let features_raw = raw.features.ok_or(DatasetError::BadMember {
            member: "features",
            problem: "is missing".into(),
        })?;
        // Borrowed slices of `text`, so no feature's text is copied and each
        // one's offset (hence its line) is known.
        let features: Vec<&RawValue> =
            serde_json::from_str(features_raw.get()).map_err(|e| DatasetError::BadMember {
                member: "features",
                problem: format!("must be an array of features: {}", bare_message(&e)),
            })?;

        let mut lines = Lines { text, starts: None };
        let mut outlets = Vec::with_capacity(features.len());
        let mut numbers = Vec::with_capacity(features.len());
        let mut lines_of_kept = Vec::with_capacity(features.len());
        let mut rejected = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(features.len());

        for (i, feature) in features.iter().enumerate() {
            let number = i + 1;
            let offset = feature.get().as_ptr() as usize - text.as_ptr() as usize;
            match read_feature(feature.get()) {
                Ok(outlet) => {
                    if let Some(&first) = by_id.get(&outlet.id) {
                        rejected.push(RecordError {
                            number,
                            line: lines.line_of(offset),
                            id: Some(outlet.id.clone()),
                            field: "properties.id".into(),
                            problem: RecordProblem::DuplicateId {
                                id: outlet.id.clone(),
                                first_number: numbers[first],
                            },
                        });
                        continue;
                    }
                    by_id.insert(outlet.id.clone(), outlets.len());
                    numbers.push(number);
                    lines_of_kept.push(offset);
                    outlets.push(outlet);
                }
                Err((field, inner_offset, problem)) => {
                    let id = serde_json::from_str::<IdOnly>(feature.get())
                        .ok()
                        .and_then(|f| f.properties?.id)
                        .map(|v| match v {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .map(|s| s.chars().take(64).collect());
                    let line = lines.line_of(offset + inner_offset);
                    rejected.push(RecordError {
                        number,
                        line,
                        id,
                        field,
                        problem,
                    });
                }
            }
        }

        // Relocations must point to a kept outlet other than themselves.
        let mut dropped = vec![false; outlets.len()];
        for (k, outlet) in outlets.iter().enumerate() {
            let problem = match (outlet.status, &outlet.relocated_to) {
                (OutletStatus::Relocated, None) => Some(RecordProblem::RelocatedWithoutTarget),
                (_, Some(to)) if *to == outlet.id => Some(RecordProblem::RelocatedToItself),
                (_, Some(to)) if !by_id.contains_key(to) => {
                    Some(RecordProblem::UnknownRelocationTarget(to.clone()))
                }
                _ => None,
            };
            if let Some(problem) = problem {
                dropped[k] = true;
                rejected.push(RecordError {
                    number: numbers[k],
                    line: lines.line_of(lines_of_kept[k]),
                    id: Some(outlet.id.clone()),
                    field: "properties.relocated_to".into(),
                    problem,
                });
            }
        }
        if dropped.iter().any(|&d| d) {
            let mut k = 0;
            outlets.retain(|_| {
                k += 1;
                !dropped[k - 1]
            });
            by_id = outlets
                .iter()
                .enumerate()
                .map(|(k, o)| (o.id.clone(), k))
                .collect();
            rejected.sort_by_key(|r| r.number);
        }

        let mut default_order: Vec<usize> = (0..outlets.len()).collect();
        default_order.sort_by(|&a, &b| {
            let (a, b) = (&outlets[a], &outlets[b]);
            let key = |o: &Outlet| {
                (
                    o.province.en.clone().unwrap_or_default(),
                    o.city.en.clone().unwrap_or_default(),
                    o.kind != OutletKind::EvHome,
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.name.en.cmp(&b.name.en))
                .then_with(|| a.id.cmp(&b.id))
        });

        Ok(Dataset {
            meta,
            outlets,
            rejected,
            by_id,
            default_order,
        })
    }

    /// The position in [`outlets`](Dataset::outlets) of the outlet with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The outlet with this id.
    pub fn outlet(&self, id: &str) -> Option<&Outlet> {
        self.index_of(id).map(|i| &self.outlets[i])
    }

    /// Outlet positions in the order the list uses when no origin is set:
    /// by province, then city (English names, which are pinyin for Chinese
    /// places), EV Home stores before partners, then name.
    pub fn default_order(&self) -> &[usize] {
        &self.default_order
    }
}

/// The byte offset of serde_json's 1-based `line` and `column` in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Reads one feature; on failure returns the field path, the byte offset of
/// the problem within the feature's text, and the problem.
fn read_feature(text: &str) -> Result<Outlet, (String, usize, RecordProblem)> {
    // Fast path without path tracking; on error, read again to find the path.
    let raw: RawFeature = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(first) => {
            let de = &mut serde_json::Deserializer::from_str(text);
            let (path, inner) = match serde_path_to_error::deserialize::<_, RawFeature>(de) {
                Err(err) => (err.path().to_string(), err.into_inner()),
                Ok(_) => (String::new(), first),
            };
            let path = if path == "." { String::new() } else { path };
            let offset = offset_of(text, inner.line(), inner.column());
            return Err((path, offset, RecordProblem::Invalid(bare_message(&inner))));
        }
    };
    let coordinates = raw.geometry.coordinates.get();
    let coordinates_offset = coordinates.as_ptr() as usize - text.as_ptr() as usize;
    let at = |p: RecordProblem| ("geometry.coordinates".to_string(), coordinates_offset, p);
    let c: Vec<f64> = serde_json::from_str(coordinates).map_err(|e| {
        let inner = offset_of(coordinates, e.line(), e.column());
        let (field, offset, problem) = at(RecordProblem::Invalid(bare_message(&e)));
        (field, offset + inner, problem)
    })?;
    if !(2..=3).contains(&c.len()) {
        return Err(at(RecordProblem::CoordinateCount(c.len())));
    }
    let location = LatLng::new(c[1], c[0]).map_err(|e| at(RecordProblem::Position(e)))?;
    let p = raw.properties;
    Ok(Outlet {
        id: p.id.0,
        kind: p.kind,
        status: p.status,
        relocated_to: p.relocated_to,
        opening_date: p.opening_date,
        location,
        name: p.name,
        address: p.address,
        city: p.city,
        province: p.province,
        phone: p.phone.map(|p| p.0),
        services: p.services.into_iter().collect(),
        partner_group: p.partner_group,
        hours: p.hours,
        mobile_service: p.mobile_service,
    })
}
