//! Reading and checking the outlet dataset (a GeoJSON FeatureCollection,
//! format version 1, described in `docs/dataset.md`).
//!
//! Problems come in three sizes. A [`DatasetError`] means nothing can be
//! shown (not JSON, not a FeatureCollection, another schema version). A
//! [`RecordError`] concerns one feature: that outlet is left out and named,
//! and every valid outlet around it is kept; a feature with several mistakes
//! gets one error for each (`feature.rs` reads every property on its own). A
//! [`DatasetWarning`] is worth a look but leaves the outlet in: a partner
//! without a dealer group, an outlet far from its stated city, an unknown
//! key in the hours.
//!
//! Every problem knows its place in the file: the 1-based line and column
//! (in characters) of the value at fault, the feature's number and id, and
//! the field as a path (`properties.hours.mon[0]`). The browser and the
//! command-line validator (`evl-data validate`, through
//! [`validate`](crate::validate())) read files with this same code.
//!
//! Positions must lie in the expected [`Region`] (China, unless
//! [`ParseOptions`] say otherwise); a position outside it whose swapped
//! numbers lie inside is named as swapped.

mod feature;
pub(crate) mod position;

#[cfg(feature = "city-check")]
use crate::cities::find_city;
use crate::date::Date;
use crate::hours::{TimeZone, TimeZoneError};
use crate::latlng::LatLngError;
use crate::outlet::{Outlet, OutletKind};
use crate::pack::PackProblem;
use crate::region::Region;
use crate::text::LocalText;
use feature::{bare_message, raw, FeatureRead, Found};
pub(crate) use feature::{is_outlet_id, is_phone, is_website};
use position::{offset_in_slice, offset_of_slice, Positions};
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

/// A dataset that was read: its valid outlets, its rejected records and its
/// warnings.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Collection-level facts.
    pub meta: DatasetMeta,
    /// The valid outlets, in file order.
    pub outlets: Vec<Outlet>,
    /// What is wrong with the features that were left out, in file order:
    /// one entry per problem, so a feature with several problems appears
    /// several times (with the same [`number`](RecordError::number)).
    pub rejected: Vec<RecordError>,
    /// Things worth a look that left the outlets in (and the collection's
    /// own, such as an unknown time zone), in file order.
    pub warnings: Vec<DatasetWarning>,
    by_id: HashMap<String, usize>,
    default_order: Vec<usize>,
}

/// How to read a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParseOptions {
    /// Where the outlets must be; [`Region::China`] by default.
    pub region: Region,
}

/// Why the dataset cannot be shown at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DatasetError {
    /// Nothing but white space.
    #[error("the outlet file is empty")]
    Empty,
    /// Bytes that are not UTF-8 text.
    #[error("the outlet file is not UTF-8 text (line {line}, column {column}); save it as UTF-8")]
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
    },
    /// An HTML page, typically a server's error or login page.
    #[error("the outlet file is a web page (HTML), not GeoJSON; the server may have sent an error page instead")]
    Html,
    /// Not well-formed JSON (for example cut off in transfer).
    #[error("the outlet file is not valid JSON: {message} (line {line}, column {column})")]
    NotJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
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
    /// A packed dataset (made by `evl-data pack`) that is cut off, damaged
    /// or inconsistent.
    #[error("the packed outlet file is damaged at byte {offset}: {problem}; build it again with `evl-data pack`")]
    BadPack {
        /// 0-based byte offset in the file where the problem was found.
        offset: usize,
        /// What is wrong there.
        problem: PackProblem,
    },
    /// A packed dataset in another version of the packed form.
    #[error("the packed outlet file is in pack format {found}; this app reads pack format {expected}: build it again with `evl-data pack`")]
    PackVersion {
        /// The version written in the file.
        found: u8,
        /// The version this app reads ([`PACK_VERSION`](crate::PACK_VERSION)).
        expected: u8,
    },
}

impl DatasetError {
    /// A stable identifier of the kind of problem, for tools and CI
    /// (`not_json`, `unsupported_schema_version`...).
    pub fn code(&self) -> &'static str {
        match self {
            DatasetError::Empty => "empty_file",
            DatasetError::NotUtf8 { .. } => "not_utf8",
            DatasetError::Html => "html_page",
            DatasetError::NotJson { .. } => "not_json",
            DatasetError::NotFeatureCollection { .. } => "not_feature_collection",
            DatasetError::MissingVersion => "missing_schema_version",
            DatasetError::UnsupportedVersion { .. } => "unsupported_schema_version",
            DatasetError::BadMember { .. } => "bad_collection_member",
            DatasetError::BadPack { .. } => "bad_pack",
            DatasetError::PackVersion { .. } => "unsupported_pack_version",
        }
    }

    /// The collection member at fault, as a field path (`schema_version`,
    /// `brand`), or "" for the file as a whole.
    pub fn field(&self) -> &'static str {
        match self {
            DatasetError::MissingVersion | DatasetError::UnsupportedVersion { .. } => {
                "schema_version"
            }
            DatasetError::BadMember { member, .. } => member,
            _ => "",
        }
    }
}

/// One problem of a feature that was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    /// 1-based position of the feature in `features`.
    pub number: usize,
    /// 1-based line of the file where the problem is.
    pub line: usize,
    /// 1-based column (in characters) of the file where the problem is.
    pub column: usize,
    /// The outlet's id as written, when there is one.
    pub id: Option<String>,
    /// The field at fault, as a path (`properties.kind`, `geometry.coordinates`,
    /// `properties.hours.mon[0]`); empty for the feature as a whole.
    pub field: String,
    /// What is wrong.
    pub problem: RecordProblem,
}

impl fmt::Display for RecordError {
    /// `outlet 12 (line 340, id "evh-sh-01"): properties.kind: unknown variant ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(
            f,
            Some(self.number),
            self.line,
            self.id.as_deref(),
            &self.field,
        )?;
        write!(f, "{}", self.problem)
    }
}

/// `outlet 12 (line 340, id "x"): field: `, the start of a problem's line
/// (only `field: ` for the collection, `number` `None`).
fn write_place(
    f: &mut fmt::Formatter<'_>,
    number: Option<usize>,
    line: usize,
    id: Option<&str>,
    field: &str,
) -> fmt::Result {
    if let Some(number) = number {
        write!(f, "outlet {number} (line {line}")?;
        if let Some(id) = id {
            write!(f, ", id \"{id}\"")?;
        }
        write!(f, "): ")?;
    }
    if !field.is_empty() {
        write!(f, "{field}: ")?;
    }
    Ok(())
}

impl std::error::Error for RecordError {}

/// What is wrong with one feature.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordProblem {
    /// A required member or property is absent.
    #[error("required, but missing")]
    Missing,
    /// A value of the wrong JSON type (a number for a text, say); the text
    /// is the JSON reader's own explanation.
    #[error("{0}")]
    WrongType(String),
    /// A value of the right type that is not allowed (an unknown kind, a
    /// malformed id, date or phone number); the reader's explanation.
    #[error("{0}")]
    Invalid(String),
    /// A service id that is not in the catalogue.
    #[error("\"{0}\" is not a service of the catalogue (sales, test_drive, delivery, after_sales, body_paint, charging)")]
    UnknownService(String),
    /// The opening hours cannot be read (a malformed range, a day given
    /// twice, a bad exception).
    #[error("the hours cannot be read: {0}")]
    Hours(String),
    /// A point does not have 2 (or 3, with altitude) coordinates.
    #[error("a point needs two numbers, [longitude, latitude]; found {0}")]
    CoordinateCount(usize),
    /// The coordinates are not a position on the earth.
    #[error("{0} (GeoJSON order is [longitude, latitude])")]
    Position(LatLngError),
    /// Latitude and longitude are the wrong way round: the position is
    /// outside the region, or not a position at all, but swapped it is in.
    #[error("latitude {lat} and longitude {lng} lie outside {}, but swapped they lie inside: GeoJSON order is [longitude, latitude]", region.name())]
    SwappedCoordinates {
        /// The latitude as written (the second number).
        lat: f64,
        /// The longitude as written (the first number).
        lng: f64,
        /// The region the outlets must be in.
        region: Region,
    },
    /// A position outside the region the outlets must be in.
    #[error("latitude {lat}, longitude {lng} lies outside {} (GeoJSON order is [longitude, latitude])", region.name())]
    OutsideRegion {
        /// The latitude as written.
        lat: f64,
        /// The longitude as written.
        lng: f64,
        /// The region the outlets must be in.
        region: Region,
    },
    /// A relocated outlet that does not say where it went.
    #[error("status is \"relocated\" but relocated_to is missing")]
    RelocatedWithoutTarget,
    /// `relocated_to` names an id that no feature has.
    #[error("relocated_to names \"{0}\", which is not in the list")]
    UnknownRelocationTarget(String),
    /// `relocated_to` names a feature that is left out for its own problems.
    #[error("relocated_to names \"{id}\" (outlet {number}), which is left out for its own errors")]
    RelocationTargetLeftOut {
        /// The id named.
        id: String,
        /// 1-based position of the feature with that id.
        number: usize,
    },
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

impl RecordProblem {
    /// A stable identifier of the kind of problem, for tools and CI
    /// (`missing_field`, `duplicate_id`...).
    pub fn code(&self) -> &'static str {
        match self {
            RecordProblem::Missing => "missing_field",
            RecordProblem::WrongType(_) => "wrong_type",
            RecordProblem::Invalid(_) => "invalid_value",
            RecordProblem::UnknownService(_) => "unknown_service",
            RecordProblem::Hours(_) => "unreadable_hours",
            RecordProblem::CoordinateCount(_) => "coordinate_count",
            RecordProblem::Position(_) => "coordinates_out_of_range",
            RecordProblem::SwappedCoordinates { .. } => "swapped_coordinates",
            RecordProblem::OutsideRegion { .. } => "outside_region",
            RecordProblem::RelocatedWithoutTarget => "relocation_without_target",
            RecordProblem::UnknownRelocationTarget(_) => "unknown_relocation_target",
            RecordProblem::RelocationTargetLeftOut { .. } => "relocation_target_left_out",
            RecordProblem::RelocatedToItself => "relocated_to_itself",
            RecordProblem::DuplicateId { .. } => "duplicate_id",
        }
    }
}

/// Something worth a look that does not leave anything out.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetWarning {
    /// 1-based position of the feature in `features`; `None` for the
    /// collection itself.
    pub number: Option<usize>,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column (in characters) of the file.
    pub column: usize,
    /// The outlet's id, for a feature.
    pub id: Option<String>,
    /// The field concerned, as a path (`properties.partner_group`).
    pub field: String,
    /// What is odd.
    pub problem: WarningProblem,
}

impl fmt::Display for DatasetWarning {
    /// `outlet 12 (line 340, id "ptn-xuzhou-01"): properties.partner_group: ...`,
    /// or `time_zone: ...` for the collection.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(f, self.number, self.line, self.id.as_deref(), &self.field)?;
        write!(f, "{}", self.problem)
    }
}

/// What a [`DatasetWarning`] is about.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WarningProblem {
    /// An authorized partner without `partner_group`.
    #[error("a partner without a partner_group: name the dealer group it belongs to")]
    PartnerWithoutGroup,
    /// The outlet lies far from the centre of the city its `city` names
    /// (see [`City::far_limit_km`](crate::City::far_limit_km)).
    #[error("the position is {distance_km:.0} km from the centre of {city}, the outlet's city (more than {limit_km:.0} km): is the position or the city wrong?")]
    FarFromCity {
        /// The city, as the table names it (`苏州 Suzhou`).
        city: String,
        /// Distance from the city's centre, kilometres.
        distance_km: f64,
        /// The distance above which this warning is given, kilometres.
        limit_km: f64,
    },
    /// A key in `hours` that is neither a day (`mon` … `sun`) nor
    /// `exceptions`, which the app ignores.
    #[error(
        "\"{0}\" is not a day (mon, tue, wed, thu, fri, sat, sun) or exceptions, so it is ignored"
    )]
    UnknownHoursKey(String),
    /// The collection's time zone is not one the app can evaluate hours in.
    #[error("{0}; the app lists the hours but cannot tell whether an outlet is open now")]
    UnknownTimeZone(TimeZoneError),
}

impl WarningProblem {
    /// A stable identifier of the kind of warning, for tools and CI
    /// (`partner_without_group`, `far_from_city`...).
    pub fn code(&self) -> &'static str {
        match self {
            WarningProblem::PartnerWithoutGroup => "partner_without_group",
            WarningProblem::FarFromCity { .. } => "far_from_city",
            WarningProblem::UnknownHoursKey(_) => "unknown_hours_key",
            WarningProblem::UnknownTimeZone(_) => "unknown_time_zone",
        }
    }
}

// ---- the collection -------------------------------------------------------

#[derive(Deserialize)]
#[serde(expecting = "a GeoJSON FeatureCollection object")]
struct RawCollection<'a> {
    #[serde(rename = "type", borrow, default, deserialize_with = "raw")]
    type_: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    schema_version: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    brand: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    updated: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    time_zone: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    sample: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    features: Option<&'a RawValue>,
}

/// A problem that keeps the dataset from being shown, with its place.
#[derive(Debug, Clone)]
pub(crate) struct FatalAt {
    pub(crate) error: DatasetError,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Everything one read of a file found.
pub(crate) struct Reading {
    /// The collection's facts, or why the file cannot be used (at least one
    /// error; several when several collection members are wrong).
    pub(crate) meta: Result<DatasetMeta, Vec<FatalAt>>,
    /// The valid outlets (empty when the features could not be reached).
    pub(crate) outlets: Vec<Outlet>,
    /// The problems of the features left out.
    pub(crate) rejected: Vec<RecordError>,
    /// The warnings, collection and features.
    pub(crate) warnings: Vec<DatasetWarning>,
}

/// Records a fatal problem at `offset`.
fn fail(fatal: &mut Vec<FatalAt>, positions: &mut Positions, error: DatasetError, offset: usize) {
    let (line, column) = positions.line_column(offset);
    fatal.push(FatalAt {
        error,
        line,
        column,
    });
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

/// Reads the whole file: collection members, then every feature, then the
/// checks across features (duplicate ids, relocations) and the warnings.
pub(crate) fn read(text: &str, options: ParseOptions) -> Reading {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut positions = Positions::new(text);
    let mut reading = Reading {
        meta: Err(Vec::new()),
        outlets: Vec::new(),
        rejected: Vec::new(),
        warnings: Vec::new(),
    };
    let mut fatal = Vec::new();
    let start = text.trim_start();
    let start_offset = text.len() - start.len();
    let not_json = |positions: &mut Positions, e: &serde_json::Error| {
        let offset = offset_in_slice(text, e.line(), e.column());
        let (line, column) = positions.line_column(offset);
        (
            DatasetError::NotJson {
                line,
                column,
                message: bare_message(e),
            },
            offset,
        )
    };

    let collection = if start.is_empty() {
        fail(&mut fatal, &mut positions, DatasetError::Empty, 0);
        None
    } else if start.starts_with('<') {
        fail(&mut fatal, &mut positions, DatasetError::Html, start_offset);
        None
    } else if !start.starts_with('{') {
        // serde would read a struct from an array too; say what it is.
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(e) => {
                let (error, offset) = not_json(&mut positions, &e);
                fail(&mut fatal, &mut positions, error, offset);
            }
            Ok(_) => fail(
                &mut fatal,
                &mut positions,
                DatasetError::NotFeatureCollection {
                    found: kind_of_json(start).into(),
                },
                start_offset,
            ),
        }
        None
    } else {
        match serde_json::from_str::<RawCollection>(text) {
            Ok(raw) => Some(raw),
            Err(e) => {
                let (error, offset) = not_json(&mut positions, &e);
                let error = match e.classify() {
                    serde_json::error::Category::Data => DatasetError::NotFeatureCollection {
                        found: bare_message(&e),
                    },
                    _ => error,
                };
                fail(&mut fatal, &mut positions, error, offset);
                None
            }
        }
    };
    let Some(raw) = collection else {
        reading.meta = Err(fatal);
        return reading;
    };

    let at =
        |part: Option<&RawValue>| part.map_or(start_offset, |p| offset_of_slice(text, p.get()));
    let type_: Option<String> = raw.type_.and_then(|t| serde_json::from_str(t.get()).ok());
    if type_.as_deref() != Some("FeatureCollection") {
        let found = match raw.type_ {
            Some(t) => format!(
                "its \"type\" is {}",
                t.get().chars().take(40).collect::<String>()
            ),
            None => "it has no \"type\" member".into(),
        };
        fail(
            &mut fatal,
            &mut positions,
            DatasetError::NotFeatureCollection { found },
            at(raw.type_),
        );
        reading.meta = Err(fatal);
        return reading;
    }
    match raw.schema_version {
        None => fail(
            &mut fatal,
            &mut positions,
            DatasetError::MissingVersion,
            start_offset,
        ),
        Some(v) if serde_json::from_str::<u64>(v.get()).ok() != Some(SCHEMA_VERSION) => fail(
            &mut fatal,
            &mut positions,
            DatasetError::UnsupportedVersion {
                found: v.get().chars().take(40).collect(),
            },
            at(Some(v)),
        ),
        Some(_) => {}
    }
    if !fatal.is_empty() {
        // Another version's features may follow other rules: stop here.
        reading.meta = Err(fatal);
        return reading;
    }

    // The collection members: each one checked, all reported.
    let bad = |fatal: &mut Vec<FatalAt>,
               positions: &mut Positions,
               e: DatasetError,
               part: Option<&RawValue>| { fail(fatal, positions, e, at(part)) };
    let brand = member::<LocalText>(raw.brand, "brand")
        .map_err(|e| bad(&mut fatal, &mut positions, e, raw.brand))
        .ok();
    let updated = member::<Date>(raw.updated, "updated")
        .map_err(|e| bad(&mut fatal, &mut positions, e, raw.updated))
        .ok();
    let time_zone = member::<String>(raw.time_zone, "time_zone")
        .and_then(|tz| {
            if tz.contains('/') || tz == "UTC" {
                Ok(tz)
            } else {
                Err(DatasetError::BadMember {
                    member: "time_zone",
                    problem: format!("\"{tz}\" is not a time zone name like Asia/Shanghai"),
                })
            }
        })
        .map_err(|e| bad(&mut fatal, &mut positions, e, raw.time_zone))
        .ok();
    let sample = match raw.sample {
        None => Some(false),
        Some(_) => member::<bool>(raw.sample, "sample")
            .map_err(|e| bad(&mut fatal, &mut positions, e, raw.sample))
            .ok(),
    };
    if let (Some(tz), Some(tz_raw)) = (&time_zone, raw.time_zone) {
        if let Err(e) = TimeZone::from_iana(tz) {
            let (line, column) = positions.line_column(offset_of_slice(text, tz_raw.get()));
            reading.warnings.push(DatasetWarning {
                number: None,
                line,
                column,
                id: None,
                field: "time_zone".into(),
                problem: WarningProblem::UnknownTimeZone(e),
            });
        }
    }
    // Borrowed slices of `text`, so no feature's text is copied and each
    // one's offset (hence its line and column) is known.
    let features = match raw.features {
        None => {
            bad(
                &mut fatal,
                &mut positions,
                DatasetError::BadMember {
                    member: "features",
                    problem: "is missing".into(),
                },
                None,
            );
            None
        }
        Some(f) => match serde_json::from_str::<Vec<&RawValue>>(f.get()) {
            Ok(list) => Some(list),
            Err(e) => {
                bad(
                    &mut fatal,
                    &mut positions,
                    DatasetError::BadMember {
                        member: "features",
                        problem: format!("must be an array of features: {}", bare_message(&e)),
                    },
                    Some(f),
                );
                None
            }
        },
    };
    reading.meta = match (brand, updated, time_zone, sample) {
        (Some(brand), Some(updated), Some(time_zone), Some(sample)) if fatal.is_empty() => {
            Ok(DatasetMeta {
                brand,
                updated,
                time_zone,
                sample,
            })
        }
        _ => Err(fatal),
    };
    if let Some(features) = features {
        read_features(text, &features, options, &mut positions, &mut reading);
    }
    reading
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

/// Reads every feature, checks ids and relocations across them, and adds
/// the warnings of the outlets kept.
fn read_features(
    text: &str,
    features: &[&RawValue],
    options: ParseOptions,
    positions: &mut Positions,
    reading: &mut Reading,
) {
    let mut seen = feature::Seen::default();
    let mut reads: Vec<FeatureRead> = features
        .iter()
        .map(|f| feature::read_feature(text, f, options.region, &mut seen))
        .collect();

    // The first feature with an id owns it; any later one is a duplicate.
    let mut first_with: HashMap<String, usize> = HashMap::with_capacity(reads.len());
    for (i, r) in reads.iter_mut().enumerate() {
        if let Some((id, offset)) = &r.id {
            if let Some(&first) = first_with.get(id) {
                r.problems.push(Found {
                    field: "properties.id".into(),
                    offset: *offset,
                    problem: RecordProblem::DuplicateId {
                        id: id.clone(),
                        first_number: first + 1,
                    },
                });
                r.outlet = None;
            } else {
                first_with.insert(id.clone(), i);
            }
        }
    }

    // Relocations must name a feature of the file...
    for r in &mut reads {
        if let Some((to, offset)) = &r.relocated_to {
            let own = r.id.as_ref().map(|(id, _)| id);
            if own != Some(to) && !first_with.contains_key(to) {
                r.problems.push(Found {
                    field: "properties.relocated_to".into(),
                    offset: *offset,
                    problem: RecordProblem::UnknownRelocationTarget(to.clone()),
                });
                r.outlet = None;
            }
        }
    }
    // ... that is kept; leaving one out can leave out the outlets that
    // moved to it, so repeat until nothing changes.
    loop {
        let mut changed = false;
        for i in 0..reads.len() {
            let target = match (&reads[i].outlet, &reads[i].relocated_to) {
                (Some(_), Some((to, offset))) => first_with
                    .get(to)
                    .filter(|&&j| j != i && reads[j].outlet.is_none())
                    .map(|&j| (to.clone(), *offset, j)),
                _ => None,
            };
            if let Some((id, offset, j)) = target {
                let r = &mut reads[i];
                r.problems.push(Found {
                    field: "properties.relocated_to".into(),
                    offset,
                    problem: RecordProblem::RelocationTargetLeftOut { id, number: j + 1 },
                });
                r.outlet = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    for (i, mut r) in reads.into_iter().enumerate() {
        let number = i + 1;
        if let Some(outlet) = &r.outlet {
            let found = outlet_warnings(outlet, r.properties_offset, r.coordinates_offset);
            r.warnings.extend(found);
        }
        let mut problems = std::mem::take(&mut r.problems);
        problems.sort_by_key(|p| p.offset);
        let mut warnings = std::mem::take(&mut r.warnings);
        warnings.sort_by_key(|w| w.offset);
        // Positions in increasing order, so that each is counted on from the
        // last (a minified file is one long line).
        let mut offsets: Vec<usize> = problems
            .iter()
            .map(|p| p.offset)
            .chain(warnings.iter().map(|w| w.offset))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let places: Vec<(usize, usize)> =
            offsets.iter().map(|&o| positions.line_column(o)).collect();
        let place = |offset: usize| {
            places[offsets
                .partition_point(|&o| o < offset)
                .min(places.len() - 1)]
        };
        for p in problems {
            let (line, column) = place(p.offset);
            reading.rejected.push(RecordError {
                number,
                line,
                column,
                id: r.name.clone(),
                field: p.field,
                problem: p.problem,
            });
        }
        for w in warnings {
            let (line, column) = place(w.offset);
            reading.warnings.push(DatasetWarning {
                number: Some(number),
                line,
                column,
                id: r.name.clone(),
                field: w.field,
                problem: w.problem,
            });
        }
        if let Some(outlet) = r.outlet {
            reading.outlets.push(outlet);
        }
    }
}

/// The warnings of an outlet that is kept.
fn outlet_warnings(
    outlet: &Outlet,
    properties_offset: usize,
    coordinates_offset: usize,
) -> Vec<Found<WarningProblem>> {
    let mut warnings = Vec::new();
    if outlet.kind == OutletKind::Partner && outlet.partner_group.is_none() {
        warnings.push(Found {
            field: "properties.partner_group".into(),
            offset: properties_offset,
            problem: WarningProblem::PartnerWithoutGroup,
        });
    }
    #[cfg(not(feature = "city-check"))]
    let _ = coordinates_offset;
    #[cfg(feature = "city-check")]
    if let Some(city) = find_city(&outlet.city, Some(&outlet.province)) {
        let distance_km = outlet.location.distance_m(city.location()) / 1000.0;
        let limit_km = city.far_limit_km();
        if distance_km > limit_km {
            warnings.push(Found {
                field: "geometry.coordinates".into(),
                offset: coordinates_offset,
                problem: WarningProblem::FarFromCity {
                    city: format!("{} {}", city.zh, city.en),
                    distance_km,
                    limit_km,
                },
            });
        }
    }
    warnings
}

/// The list's order without an origin (see [`Dataset::default_order`]):
/// province, city (English), EV Home first, name (English), id.
///
/// Provinces and cities repeat, so each is ranked once among the distinct
/// names and the sort compares those ranks, and texts only within a city
/// (a third of the time of comparing the texts throughout, at 100,000
/// outlets).
fn default_order(outlets: &[Outlet]) -> Vec<usize> {
    fn ranks<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u64> {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let per_outlet: Vec<u32> = names
            .map(|name| {
                let next = ids.len() as u32;
                *ids.entry(name).or_insert(next)
            })
            .collect();
        let mut distinct: Vec<(&str, u32)> = ids.into_iter().collect();
        distinct.sort_unstable();
        let mut rank = vec![0u64; distinct.len()];
        for (r, (_, id)) in distinct.iter().enumerate() {
            rank[*id as usize] = r as u64;
        }
        per_outlet.into_iter().map(|id| rank[id as usize]).collect()
    }
    fn en(t: &LocalText) -> &str {
        t.en.as_deref().unwrap_or_default()
    }
    let province = ranks(outlets.iter().map(|o| en(&o.province)));
    let city = ranks(outlets.iter().map(|o| en(&o.city)));
    let keys: Vec<u64> = (0..outlets.len())
        .map(|k| {
            province[k] << 33 | city[k] << 1 | u64::from(outlets[k].kind != OutletKind::EvHome)
        })
        .collect();
    let mut order: Vec<usize> = (0..outlets.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| outlets[a].name.en.cmp(&outlets[b].name.en))
            .then_with(|| outlets[a].id.cmp(&outlets[b].id))
    });
    order
}

impl Dataset {
    /// The file's bytes as text, or where they stop being UTF-8 (a file
    /// saved as GBK, say), as [`DatasetError::NotUtf8`].
    ///
    /// ```
    /// use locator_core::{Dataset, DatasetError};
    /// assert_eq!(Dataset::decode(b"{}".to_vec()).unwrap(), "{}");
    /// assert_eq!(
    ///     Dataset::decode(b"{\n  \"a\": \"\xc9\xcf\"}".to_vec()),
    ///     Err(DatasetError::NotUtf8 { line: 2, column: 9 })
    /// );
    /// ```
    pub fn decode(bytes: Vec<u8>) -> Result<String, DatasetError> {
        String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let valid = &bytes[..e.utf8_error().valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            DatasetError::NotUtf8 { line, column }
        })
    }

    /// Reads a dataset from the text of a GeoJSON file, expecting its
    /// outlets in China ([`Region::China`]).
    ///
    /// Features with problems are left out and listed in
    /// [`rejected`](Dataset::rejected); an `Err` means the file as a whole
    /// cannot be used (the first reason, if there are several).
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
    /// // the second outlet is left out, with every problem it has
    /// let fields: Vec<&str> = data.rejected.iter().map(|e| e.field.as_str()).collect();
    /// assert_eq!(fields, ["properties.name", "properties.address", "properties.city",
    ///                     "properties.province", "properties.services", "properties.kind"]);
    /// let kind = &data.rejected[5];
    /// assert_eq!((kind.number, kind.line, kind.column), (2, 9, 38));
    /// assert_eq!(kind.to_string(), r#"outlet 2 (line 9, id "x"): properties.kind: unknown variant `dealer`, expected `ev_home` or `partner`"#);
    /// ```
    pub fn parse(text: &str) -> Result<Dataset, DatasetError> {
        Dataset::parse_with(text, ParseOptions::default())
    }

    /// Reads a dataset as [`parse`](Dataset::parse) does, with `options`.
    pub fn parse_with(text: &str, options: ParseOptions) -> Result<Dataset, DatasetError> {
        let reading = read(text, options);
        let meta = reading.meta.map_err(|fatal| {
            fatal
                .into_iter()
                .next()
                .map_or(DatasetError::Empty, |f| f.error)
        })?;
        Ok(Dataset::from_reading(
            meta,
            reading.outlets,
            reading.rejected,
            reading.warnings,
        ))
    }

    pub(crate) fn from_reading(
        meta: DatasetMeta,
        outlets: Vec<Outlet>,
        rejected: Vec<RecordError>,
        warnings: Vec<DatasetWarning>,
    ) -> Dataset {
        let by_id = outlets
            .iter()
            .enumerate()
            .map(|(k, o)| (o.id.clone(), k))
            .collect();
        let default_order = default_order(&outlets);
        Dataset {
            meta,
            outlets,
            rejected,
            warnings,
            by_id,
            default_order,
        }
    }

    /// How many distinct ids the outlets have: their number when the ids
    /// are unique.
    pub(crate) fn distinct_ids(&self) -> usize {
        self.by_id.len()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// The order as first written: texts compared throughout.
    fn naive_order(outlets: &[Outlet]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..outlets.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&outlets[a], &outlets[b]);
            fn key(o: &Outlet) -> (&str, &str, bool) {
                (
                    o.province.en.as_deref().unwrap_or_default(),
                    o.city.en.as_deref().unwrap_or_default(),
                    o.kind != OutletKind::EvHome,
                )
            }
            key(a)
                .cmp(&key(b))
                .then_with(|| a.name.en.cmp(&b.name.en))
                .then_with(|| a.id.cmp(&b.id))
        });
        order
    }

    #[test]
    fn default_order_ranks_places_as_their_names_sort() {
        let sample = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data/outlets.geojson"),
        )
        .unwrap();
        let mut data = vec![Dataset::parse(&sample).unwrap()];
        for (count, seed) in [(0, 0), (1, 1), (2000, 7)] {
            data.push(crate::generate_dataset(count, seed).unwrap());
        }
        // Places without an English name sort first, as "".
        let mut d = data[1].clone();
        for o in d.outlets.iter_mut().step_by(3) {
            Arc::make_mut(&mut o.city).en = None;
        }
        for o in d.outlets.iter_mut().step_by(5) {
            Arc::make_mut(&mut o.province).en = None;
            o.name.en = None;
        }
        data.push(d);
        for d in data {
            assert_eq!(default_order(&d.outlets), naive_order(&d.outlets));
        }
    }
}
