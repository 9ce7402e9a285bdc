//! Reading one feature of the collection into an [`Outlet`], or into the
//! list of everything wrong with it.
//!
//! Each member and property is read on its own from its raw JSON text, so a
//! feature with three mistakes gets three problems, each at its own field and
//! offset, rather than only the first one a single typed read would stop at.
//! Lists (`services`, each day of `hours`, `exceptions`) are read element by
//! element for the same reason.

use super::position::{offset_in_slice, offset_of_slice};
use super::{RecordProblem, WarningProblem};
use crate::date::Date;
use crate::hours::{Day, DayHours, HoursException, TimeRange, WeeklyHours};
use crate::latlng::LatLng;
use crate::outlet::{Outlet, OutletKind, OutletStatus};
use crate::region::Region;
use crate::service::{Bookable, Service};
use crate::services::MobileService;
use crate::text::{LocalText, TextPool};
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// A problem (or warning) at a field, with its byte offset in the file.
#[derive(Debug, Clone)]
pub(super) struct Found<P> {
    pub field: String,
    pub offset: usize,
    pub problem: P,
}

/// What reading one feature gave.
pub(super) struct FeatureRead {
    /// The outlet, when nothing is wrong with the feature.
    pub outlet: Option<Outlet>,
    /// Everything wrong with it, in the order the fields were read.
    pub problems: Vec<Found<RecordProblem>>,
    /// Things worth a look that leave the outlet in.
    pub warnings: Vec<Found<WarningProblem>>,
    /// The id as written (any JSON value, as text), to name the feature.
    pub name: Option<String>,
    /// The id, when it is a valid id, with its offset: for duplicate checks.
    pub id: Option<(String, usize)>,
    /// `relocated_to` when it reads as a string, with its offset.
    pub relocated_to: Option<(String, usize)>,
    /// Whether `status` reads as `relocated`.
    pub relocated: bool,
    /// Offset of the feature's `properties` (or of the feature).
    pub properties_offset: usize,
    /// Offset of `geometry.coordinates` (or of the feature).
    pub coordinates_offset: usize,
}

// ---- raw shapes ---------------------------------------------------------

/// Reads a member as its raw text, `null` included (a derived
/// `Option<&RawValue>` would read `null` as absent).
pub(super) fn raw<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(expecting = "a GeoJSON Feature object")]
struct RawFeature<'a> {
    #[serde(rename = "type", borrow, default, deserialize_with = "raw")]
    type_: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    geometry: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    properties: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(expecting = "a Point geometry object")]
struct RawGeometry<'a> {
    #[serde(rename = "type", borrow, default, deserialize_with = "raw")]
    type_: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    coordinates: Option<&'a RawValue>,
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
#[serde(expecting = "an object of outlet properties")]
struct RawProperties<'a> {
    #[serde(borrow, default, deserialize_with = "raw")]
    id: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    status: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    relocated_to: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    opening_date: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    name: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    address: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    city: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    province: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    phone: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    website: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    booking: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    services: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    partner_group: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    hours: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "raw")]
    mobile_service: Option<&'a RawValue>,
}

/// The members of a JSON object in file order, values left raw.
struct RawObject<'a>(Vec<(Key<'a>, &'a RawValue)>);

/// An object key, borrowed from the file unless it has escapes.
struct Key<'a>(Cow<'a, str>);

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some((key, value)) = map.next_entry::<Key<'de>, &'de RawValue>()? {
                    members.push((key, value));
                }
                Ok(RawObject(members))
            }
        }
        d.deserialize_map(ObjectVisitor)
    }
}

/// An id: 1 to 64 letters, digits, `-`, `_`, `.`.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct OutletId(String);

impl TryFrom<String> for OutletId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if is_outlet_id(&s) {
            Ok(OutletId(s))
        } else {
            Err(format!(
                "id \"{}\" must be 1 to 64 letters, digits, '-', '_' or '.'",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

/// Whether `s` is a valid outlet id: 1 to 64 letters, digits, `-`, `_`, `.`.
pub(crate) fn is_outlet_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// A phone number: digits, spaces, `+ - ( )`, and 3 to 20 digits.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Phone(String);

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_string();
        if is_phone(&s) {
            Ok(Phone(s))
        } else {
            Err(format!(
                "phone \"{}\" may hold only digits, spaces and + - ( ), with 3 to 20 digits",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

/// Whether `s` (trimmed) is a phone number as [`Phone`] accepts it.
pub(crate) fn is_phone(s: &str) -> bool {
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    allowed && (3..=20).contains(&digits)
}

/// A web page link: `https://` or `http://`, a host, no spaces or control
/// characters, at most 2,000 characters. Anything else (`javascript:`,
/// `data:`, a bare `www.` name) is refused: the app links to it.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Website(String);

impl TryFrom<String> for Website {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_string();
        if is_website(&s) {
            Ok(Website(s))
        } else {
            Err(format!(
                "website \"{}\" must be an https:// or http:// address",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

/// An outlet's own booking pages: `{"test_drive": "https://...", ...}`,
/// each key a service id of the catalogue or `notify`, each value a link
/// as [`Website`] accepts it; held in catalogue order.
#[derive(Deserialize)]
#[serde(from = "std::collections::BTreeMap<BookingKey, BookingUrl>")]
struct OwnBooking(Box<[(Bookable, String)]>);

impl From<std::collections::BTreeMap<BookingKey, BookingUrl>> for OwnBooking {
    fn from(links: std::collections::BTreeMap<BookingKey, BookingUrl>) -> Self {
        OwnBooking(links.into_iter().map(|(k, u)| (k.0, u.0)).collect())
    }
}

/// A key of an outlet's `booking`.
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(try_from = "String")]
struct BookingKey(Bookable);

impl TryFrom<String> for BookingKey {
    type Error = String;
    fn try_from(key: String) -> Result<Self, String> {
        Bookable::from_id(&key).map(BookingKey).ok_or_else(|| {
            format!(
                "booking key \"{}\" is neither a service id of the catalogue nor notify",
                key.chars().take(40).collect::<String>()
            )
        })
    }
}

/// A booking page of an outlet's `booking`, checked as a [`Website`].
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct BookingUrl(String);

impl TryFrom<String> for BookingUrl {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_string();
        if is_website(&s) {
            Ok(BookingUrl(s))
        } else {
            Err(format!(
                "booking page \"{}\" must be an https:// or http:// address",
                s.chars().take(80).collect::<String>()
            ))
        }
    }
}

/// Whether `s` (trimmed) is a link as [`Website`] accepts it.
pub(crate) fn is_website(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || ".-:[]".contains(c))
    });
    let clean = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"\\`".contains(c));
    host_ok && clean && s.len() <= 2000
}

// ---- reading ------------------------------------------------------------

/// serde_json's message without its " at line L column C" suffix.
pub(super) fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) if err.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// Reads a text again as the type that failed on it: the error, if any.
/// [`error_path`] uses it where the text alone cannot tell which value an
/// error is about.
type Again = fn(&str) -> Option<serde_json::Error>;

/// [`Again`] for a type that owns its data.
fn again<T: DeserializeOwned>(text: &str) -> Option<serde_json::Error> {
    serde_json::from_str::<T>(text).err()
}

/// [`Again`] for the borrowed shapes (a feature, its geometry and
/// properties, a list or object of raw values): their members are raw JSON,
/// already known to be well formed, so an error is never a member's and the
/// text is never read again.
fn raw_shape(_: &str) -> Option<serde_json::Error> {
    None
}

/// The path within `text` (`[1]`, `zh`, `area.coordinates[0][3]`, or empty
/// for `text` itself) of the value `err` is about, written as
/// serde_path_to_error writes it.
///
/// The text read up to the error says which value the reader was in: the
/// member after the last `:` of each open object, the element after the
/// last `,` of each open array. One case is ambiguous: an error a value's
/// own check (a `try_from`) raises after reading it is placed by the
/// object or array around it, once it has read on past the closing
/// bracket, or past the `,` of an array. An error right after a bracket is
/// thus about that object or array (a missing field) or about its last
/// member; right after a `,`, about the element after it (a wrong type) or
/// the one before. The text is then read again (with `again`) with a stray
/// `x` before that bracket or comma: an error of the value before it comes
/// back unchanged, now placed before the `x`; any other turns into a
/// syntax error at the `x`.
fn error_path(text: &str, err: &serde_json::Error, again: Again) -> String {
    if err.line() == 0 {
        // Not placed: the value's own check, after reading all of it.
        return String::new();
    }
    let mut text = Cow::Borrowed(text);
    let mut end = index_of(&text, err.line(), err.column());
    if bare_message(err) == "expected value" {
        // An enum given a list or a number: placed at the byte serde_json
        // looked at, which it did not read.
        end = end.saturating_sub(1);
    }
    loop {
        let read = text[..end].trim_end_matches([' ', '\n', '\r', '\t']);
        if !read.ends_with(['}', ']', ',']) {
            break;
        }
        let bracket = read.len() - 1;
        let retried = format!("{}x{}", &text[..bracket], &text[bracket..]);
        match again(&retried) {
            Some(e) if e.line() > 0 && bare_message(&e) == bare_message(err) => {
                let at = index_of(&retried, e.line(), e.column());
                if at > bracket {
                    break;
                }
                (text, end) = (Cow::Owned(retried), at);
            }
            _ => break,
        }
    }
    path_at(&text[..end.min(text.len())])
}

/// The byte index serde_json's 1-based `line` and byte `column` stand for:
/// the length of the text it had read.
fn index_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// The path of the value being read at the end of `read`, the start of a
/// well-formed JSON text (see [`error_path`]).
fn path_at(read: &str) -> String {
    /// An open object (the key being read, once its `:` is passed) or
    /// array (the index of the element being read).
    enum Open<'a> {
        Object(Option<&'a str>, bool),
        Array(usize),
    }
    let bytes = read.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Open::Object(None, false)),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' => {
                open.pop();
            }
            b':' => {
                if let Some(Open::Object(_, value)) = open.last_mut() {
                    *value = true;
                }
            }
            b',' => match open.last_mut() {
                Some(Open::Array(n)) => *n += 1,
                Some(Open::Object(key, value)) => (*key, *value) = (None, false),
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let (Some(Open::Object(key, false)), Some(quoted)) =
                    (open.last_mut(), read.get(start..=i))
                {
                    *key = Some(quoted);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for o in &open {
        match o {
            Open::Object(Some(key), true) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&serde_json::from_str::<String>(key).unwrap_or_default());
            }
            Open::Object(..) => {}
            Open::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The problem for a serde message: a wrong JSON type, or another invalid
/// value.
fn invalid(message: String) -> RecordProblem {
    if message.starts_with("invalid type: ") {
        RecordProblem::WrongType(message)
    } else {
        RecordProblem::Invalid(message)
    }
}

/// A field path, made into text only when a problem needs it (most
/// features have none, and a feature has many fields).
#[derive(Clone, Copy)]
enum Field<'a> {
    /// A whole path: `properties.kind`.
    Name(&'a str),
    /// A member of an object: `properties.hours` and `mon`.
    Key(&'a str, &'a str),
    /// An element of a list.
    Item(&'a Field<'a>, usize),
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Name(name) => f.write_str(name),
            Field::Key(object, key) => write!(f, "{object}.{key}"),
            Field::Item(list, i) => write!(f, "{list}[{i}]"),
        }
    }
}

/// Collects the problems of one feature as it is read.
struct Reader<'f, 'c> {
    file: &'f str,
    problems: Vec<Found<RecordProblem>>,
    warnings: Vec<Found<WarningProblem>>,
    /// Hours already read without a problem or a warning, by their JSON
    /// text: a network's outlets share a few timetables, which are then
    /// read once and held once.
    seen: &'c mut Seen<'f>,
}

/// Opening hours read so far, by their text in the file.
/// Values many outlets repeat, read so far: each is held once.
#[derive(Default)]
pub(super) struct Seen<'f> {
    /// Opening hours by their JSON text.
    hours: HashMap<&'f str, Arc<WeeklyHours>>,
    /// Cities, provinces and dealer groups.
    texts: TextPool,
}

impl<'f> Reader<'f, '_> {
    fn offset(&self, part: &str) -> usize {
        offset_of_slice(self.file, part)
    }

    fn problem(&mut self, field: String, offset: usize, problem: RecordProblem) {
        self.problems.push(Found {
            field,
            offset,
            problem,
        });
    }

    /// Reads `raw` as a `T`; on failure records the problem at the exact
    /// path and offset inside it (`properties.hours` + `.mon[0]`), made by
    /// `wrap` from serde's message.
    fn value_as<'a, T: Deserialize<'a>>(
        &mut self,
        raw: &'a RawValue,
        field: Field,
        wrap: fn(String) -> RecordProblem,
        again: Again,
    ) -> Option<T> {
        let text = raw.get();
        serde_json::from_str::<T>(text)
            .map_err(|err| self.failed(text, &err, field, wrap, again))
            .ok()
    }

    /// Records the problem `err` met reading `text` (see [`Reader::value_as`]).
    fn failed(
        &mut self,
        text: &str,
        err: &serde_json::Error,
        field: Field,
        wrap: fn(String) -> RecordProblem,
        again: Again,
    ) {
        // At the value itself, point at its start; deeper, where the reader
        // stopped (the end of the nested value at fault).
        let path = error_path(text, err, again);
        let (field, inner) = match path.as_str() {
            "" => (field.to_string(), 0),
            p if p.starts_with('[') => (format!("{field}{p}"), 1),
            p => (format!("{field}.{p}"), 1),
        };
        let inner = inner * offset_in_slice(text, err.line(), err.column());
        let offset = self.offset(text) + inner;
        self.problem(field, offset, wrap(bare_message(err)));
    }

    /// A property read as `T` with the usual problems.
    fn read<T: DeserializeOwned>(&mut self, raw: &RawValue, field: &str) -> Option<T> {
        self.value_as(raw, Field::Name(field), invalid, again::<T>)
    }

    /// A required member: missing is a problem at `container_offset`.
    fn required<T: DeserializeOwned>(
        &mut self,
        raw: Option<&RawValue>,
        field: &str,
        container_offset: usize,
    ) -> Option<T> {
        self.required_with(raw, field, container_offset, again::<T>)
    }

    /// [`Reader::required`] for any `T`, borrowed shapes included, read
    /// again by `again` to place an error.
    fn required_with<'a, T: Deserialize<'a>>(
        &mut self,
        raw: Option<&'a RawValue>,
        field: &str,
        container_offset: usize,
        again: Again,
    ) -> Option<T> {
        match raw {
            Some(raw) => self.value_as(raw, Field::Name(field), invalid, again),
            None => {
                self.problem(field.into(), container_offset, RecordProblem::Missing);
                None
            }
        }
    }

    /// An optional member: absent or `null` is `Some(None)`; a bad value is
    /// `None`.
    fn optional<T: DeserializeOwned>(
        &mut self,
        raw: Option<&RawValue>,
        field: &str,
    ) -> Option<Option<T>> {
        match raw {
            None => Some(None),
            Some(raw) if raw.get() == "null" => Some(None),
            Some(raw) => self.read(raw, field).map(Some),
        }
    }

    /// `services`: a list of catalogue ids, each element checked.
    fn services(
        &mut self,
        raw: Option<&RawValue>,
        container_offset: usize,
    ) -> Option<Vec<Service>> {
        let list: Vec<&RawValue> =
            self.required_with(raw, "properties.services", container_offset, raw_shape)?;
        let mut services = Vec::with_capacity(list.len());
        let mut ok = true;
        for (i, element) in list.iter().enumerate() {
            match serde_json::from_str::<Service>(element.get()) {
                Ok(s) => services.push(s),
                Err(e) => {
                    ok = false;
                    let offset = self.offset(element.get());
                    let problem = match serde_json::from_str::<String>(element.get()) {
                        Ok(id) => RecordProblem::UnknownService(id.chars().take(64).collect()),
                        Err(_) => invalid(bare_message(&e)),
                    };
                    self.problem(format!("properties.services[{i}]"), offset, problem);
                }
            }
        }
        ok.then_some(services)
    }

    /// `hours`: each day's ranges and each exception read on their own; a
    /// key that is neither a day nor `exceptions` is a warning.
    fn hours(&mut self, raw: Option<&'f RawValue>) -> Option<Option<Arc<WeeklyHours>>> {
        let raw = match raw {
            None => return Some(None),
            Some(raw) if raw.get() == "null" => return Some(None),
            Some(raw) => raw,
        };
        if let Some(seen) = self.seen.hours.get(raw.get()) {
            return Some(Some(seen.clone()));
        }
        let found = (self.problems.len(), self.warnings.len());
        let object: RawObject = self.value_as(
            raw,
            Field::Name("properties.hours"),
            RecordProblem::Hours,
            raw_shape,
        )?;
        let mut days: [Option<DayHours>; 7] = Default::default();
        let mut exceptions: Option<Vec<HoursException>> = None;
        let mut ok = true;
        for (key, value) in &object.0 {
            let key: &str = key;
            let field = Field::Key("properties.hours", key);
            let offset = self.offset(value.get());
            let day = Day::ALL.iter().position(|d| d.id() == key);
            let seen = match day {
                Some(d) => days[d].is_some(),
                None if key == "exceptions" => exceptions.is_some(),
                None => false,
            };
            if seen {
                ok = false;
                self.problem(
                    field.to_string(),
                    offset,
                    RecordProblem::Hours(format!("`{key}` is given twice")),
                );
                continue;
            }
            match day {
                Some(d) => match self.list::<TimeRange>(value, field) {
                    Some(ranges) => days[d] = Some(ranges),
                    None => {
                        ok = false;
                        days[d] = Some(Vec::new());
                    }
                },
                None if key == "exceptions" => match self.list::<HoursException>(value, field) {
                    Some(list) => exceptions = Some(list),
                    None => {
                        ok = false;
                        exceptions = Some(Vec::new());
                    }
                },
                None => self.warnings.push(Found {
                    field: field.to_string(),
                    offset,
                    problem: WarningProblem::UnknownHoursKey(key.chars().take(64).collect()),
                }),
            }
        }
        if !ok {
            return None;
        }
        let hours = Arc::new(WeeklyHours::from_days(
            days.map(Option::unwrap_or_default),
            exceptions.unwrap_or_default(),
        ));
        if (self.problems.len(), self.warnings.len()) == found {
            self.seen.hours.insert(raw.get(), hours.clone());
        }
        Some(Some(hours))
    }

    /// A list of hours items, each read on its own (anything but a list,
    /// `null` included, is refused).
    fn list<T: DeserializeOwned>(&mut self, raw: &RawValue, field: Field) -> Option<Vec<T>> {
        let elements: Vec<&RawValue> =
            self.value_as(raw, field, RecordProblem::Hours, raw_shape)?;
        let mut out = Vec::with_capacity(elements.len());
        let mut ok = true;
        for (i, element) in elements.iter().enumerate() {
            let item = Field::Item(&field, i);
            match self.value_as::<T>(element, item, RecordProblem::Hours, again::<T>) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// `geometry`: a Point at a position in `region`.
    fn geometry(
        &mut self,
        raw: Option<&RawValue>,
        feature_offset: usize,
        region: Region,
        coordinates_offset: &mut usize,
    ) -> Option<LatLng> {
        let geometry: RawGeometry =
            self.required_with(raw, "geometry", feature_offset, raw_shape)?;
        let geometry_offset = raw.map_or(feature_offset, |r| self.offset(r.get()));
        let _: PointType = self.required(geometry.type_, "geometry.type", geometry_offset)?;
        let raw = geometry.coordinates;
        let c: Vec<f64> = self.required(raw, "geometry.coordinates", geometry_offset)?;
        let offset = raw.map_or(geometry_offset, |r| self.offset(r.get()));
        *coordinates_offset = offset;
        let field = "geometry.coordinates";
        if !(2..=3).contains(&c.len()) {
            self.problem(
                field.into(),
                offset,
                RecordProblem::CoordinateCount(c.len()),
            );
            return None;
        }
        let (lng, lat) = (c[0], c[1]);
        let as_written = LatLng::new(lat, lng);
        let inside = as_written.as_ref().is_ok_and(|p| region.contains(*p));
        if !inside && region != Region::Anywhere {
            let swapped_inside = LatLng::new(lng, lat).is_ok_and(|p| region.contains(p));
            if swapped_inside {
                self.problem(
                    field.into(),
                    offset,
                    RecordProblem::SwappedCoordinates { lat, lng, region },
                );
                return None;
            }
        }
        match as_written {
            Err(e) => {
                self.problem(field.into(), offset, RecordProblem::Position(e));
                None
            }
            Ok(_) if !inside => {
                self.problem(
                    field.into(),
                    offset,
                    RecordProblem::OutsideRegion { lat, lng, region },
                );
                None
            }
            Ok(p) => Some(p),
        }
    }
}

/// Reads the feature `raw`, a slice of `file`, checking its position against
/// `region`.
pub(super) fn read_feature<'f>(
    file: &'f str,
    raw: &'f RawValue,
    region: Region,
    seen: &mut Seen<'f>,
) -> FeatureRead {
    let mut r = Reader {
        file,
        problems: Vec::new(),
        warnings: Vec::new(),
        seen,
    };
    let feature_offset = r.offset(raw.get());
    let mut read = FeatureRead {
        outlet: None,
        problems: Vec::new(),
        warnings: Vec::new(),
        name: None,
        id: None,
        relocated_to: None,
        relocated: false,
        properties_offset: feature_offset,
        coordinates_offset: feature_offset,
    };
    let Some(feature) = r.value_as::<RawFeature>(raw, Field::Name(""), invalid, raw_shape) else {
        read.problems = r.problems;
        return read;
    };
    let _: Option<FeatureType> = r.required(feature.type_, "type", feature_offset);
    let location = r.geometry(
        feature.geometry,
        feature_offset,
        region,
        &mut read.coordinates_offset,
    );
    let outlet = feature.properties.and_then(|raw_props| {
        read.properties_offset = r.offset(raw_props.get());
        let props: RawProperties =
            r.value_as(raw_props, Field::Name("properties"), invalid, raw_shape)?;
        if let Some(id) = props.id {
            read.name = Some(match serde_json::from_str::<String>(id.get()) {
                Ok(s) => s.chars().take(64).collect(),
                Err(_) => id.get().chars().take(64).collect(),
            });
        }
        read_properties(&mut r, &mut read, &props, location)
    });
    if feature.properties.is_none() {
        r.problem("properties".into(), feature_offset, RecordProblem::Missing);
    }
    read.outlet = outlet.filter(|_| r.problems.is_empty());
    read.problems = r.problems;
    read.warnings = r.warnings;
    read
}

/// Reads every property; the outlet when all of them (and `location`) are
/// good.
fn read_properties<'f>(
    r: &mut Reader<'f, '_>,
    read: &mut FeatureRead,
    p: &RawProperties<'f>,
    location: Option<LatLng>,
) -> Option<Outlet> {
    let at = read.properties_offset;
    let id: Option<OutletId> = r.required(p.id, "properties.id", at);
    if let (Some(id), Some(raw)) = (&id, p.id) {
        read.id = Some((id.0.clone(), r.offset(raw.get())));
    }
    let kind: Option<OutletKind> = r.required(p.kind, "properties.kind", at);
    let status: Option<OutletStatus> = match p.status {
        None => Some(OutletStatus::default()),
        Some(raw) => r.read(raw, "properties.status"),
    };
    read.relocated = status == Some(OutletStatus::Relocated);
    let relocated_to: Option<Option<String>> =
        r.optional(p.relocated_to, "properties.relocated_to");
    if let (Some(Some(to)), Some(raw)) = (&relocated_to, p.relocated_to) {
        read.relocated_to = Some((to.clone(), r.offset(raw.get())));
    }
    match (&relocated_to, &id, p.relocated_to) {
        (Some(None), _, _) if read.relocated => r.problem(
            "properties.relocated_to".into(),
            at,
            RecordProblem::RelocatedWithoutTarget,
        ),
        (Some(Some(to)), Some(id), Some(raw)) if *to == id.0 => {
            let offset = r.offset(raw.get());
            r.problem(
                "properties.relocated_to".into(),
                offset,
                RecordProblem::RelocatedToItself,
            );
        }
        _ => {}
    }
    let opening_date: Option<Option<Date>> = r.optional(p.opening_date, "properties.opening_date");
    let name: Option<LocalText> = r.required(p.name, "properties.name", at);
    let address: Option<LocalText> = r.required(p.address, "properties.address", at);
    let city: Option<LocalText> = r.required(p.city, "properties.city", at);
    let province: Option<LocalText> = r.required(p.province, "properties.province", at);
    let phone: Option<Option<Phone>> = r.optional(p.phone, "properties.phone");
    let website: Option<Option<Website>> = r.optional(p.website, "properties.website");
    let booking: Option<Option<OwnBooking>> = r.optional(p.booking, "properties.booking");
    let services = r.services(p.services, at);
    let partner_group: Option<Option<LocalText>> =
        r.optional(p.partner_group, "properties.partner_group");
    let hours = r.hours(p.hours);
    let mobile_service: Option<Option<MobileService>> =
        r.optional(p.mobile_service, "properties.mobile_service");
    Some(Outlet {
        id: id?.0,
        kind: kind?,
        status: status?,
        relocated_to: relocated_to?,
        opening_date: opening_date?,
        location: location?,
        name: name?,
        address: address?,
        city: r.seen.texts.share(city?),
        province: r.seen.texts.share(province?),
        phone: phone?.map(|p| p.0),
        website: website?.map(|w| w.0),
        booking: booking?.map(|b| b.0).unwrap_or_default(),
        services: services?.into_iter().collect(),
        partner_group: partner_group?.map(|g| r.seen.texts.share(g)),
        hours: hours?,
        mobile_service: mobile_service?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::HoursException;
    use serde_json::{json, Map, Value};

    /// Checks `error_path` against serde_path_to_error on `text` read as
    /// `T`; whether it failed.
    fn same_path<'a, T: Deserialize<'a>>(text: &'a str, again: Again) -> bool {
        let Err(err) = serde_json::from_str::<T>(text) else {
            return false;
        };
        let de = &mut serde_json::Deserializer::from_str(text);
        let tracked = serde_path_to_error::deserialize::<_, T>(de)
            .err()
            .expect("fails with path tracking too");
        let want = match tracked.path().to_string() {
            p if p == "." => String::new(),
            p => p,
        };
        let inner = tracked.into_inner();
        assert_eq!(
            (inner.to_string(), inner.line(), inner.column()),
            (err.to_string(), err.line(), err.column())
        );
        assert_eq!(
            error_path(text, &err, again),
            want,
            "path of {err} in {text}"
        );
        true
    }

    /// `v` as JSON text, compact, pretty or with spaces around every `,`
    /// and `:`, with the `dup`-th object member (counting all objects'
    /// members in order) written twice.
    fn write(v: &Value, style: u8, dup: &mut Option<usize>, out: &mut String) {
        let (gap, comma, colon) =
            [("", ",", ":"), ("\n  ", ",", ": "), (" ", " , ", " : ")][style as usize];
        match v {
            Value::Object(m) => {
                let mut members = Vec::new();
                for member in m {
                    members.push(member);
                    if *dup == Some(0) {
                        members.push(member);
                    }
                    *dup = dup.map(|d| d.wrapping_sub(1));
                }
                out.push('{');
                for (i, (k, v)) in members.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(comma);
                    }
                    out.push_str(gap);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push_str(colon);
                    write(v, style, dup, out);
                }
                out.push_str(gap);
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push_str(comma);
                    }
                    out.push_str(gap);
                    write(v, style, dup, out);
                }
                out.push_str(gap);
                out.push(']');
            }
            _ => out.push_str(&v.to_string()),
        }
    }

    /// Every value of `v` replaced by each of `with`, each member and
    /// element left out, each array given one more element.
    fn mutants(v: &Value, with: &[Value]) -> Vec<Value> {
        let mut out: Vec<Value> = with.to_vec();
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let mut less = m.clone();
                    less.remove(k);
                    out.push(Value::Object(less));
                    for c in mutants(child, with) {
                        let mut m2: Map<String, Value> = m.clone();
                        m2.insert(k.clone(), c);
                        out.push(Value::Object(m2));
                    }
                }
            }
            Value::Array(a) => {
                let mut more = a.clone();
                more.push(a.last().cloned().unwrap_or(json!(1)));
                out.push(Value::Array(more));
                for (i, child) in a.iter().enumerate() {
                    let mut less = a.clone();
                    less.remove(i);
                    out.push(Value::Array(less));
                    for c in mutants(child, with) {
                        let mut a2 = a.clone();
                        a2[i] = c;
                        out.push(Value::Array(a2));
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn texts(v: &Value) -> Vec<String> {
        let mut texts = Vec::new();
        for style in 0..3 {
            for dup in [None, Some(0), Some(1), Some(2), Some(3), Some(5)] {
                let mut s = String::new();
                write(v, style, &mut dup.clone(), &mut s);
                texts.push(s);
            }
        }
        texts
    }

    fn check_all<T: DeserializeOwned>(sample: Value) -> usize {
        let with = [
            json!("x"),
            json!(""),
            json!(1),
            json!(-1),
            json!(0),
            json!(1.5),
            json!(null),
            json!(true),
            json!([]),
            json!({}),
            json!([1]),
            json!([1, 2]),
            json!({"a": 1}),
            json!("25:00-26:00"),
            json!("09:00-18:00"),
            json!("sales"),
            json!("Polygon"),
            json!([[1, 2]]),
            json!({"zh": ""}),
            json!({"en": "x"}),
            json!("2026-13-01"),
        ];
        let mut failed = 0;
        for m in mutants(&sample, &with) {
            for text in texts(&m) {
                failed += usize::from(same_path::<T>(&text, again::<T>));
                let huge = text.replacen("1.5", "1e999", 1);
                failed += usize::from(same_path::<T>(&huge, again::<T>));
            }
        }
        failed
    }

    #[test]
    fn error_paths_are_serde_path_to_errors() {
        let ring = json!([[121.0, 31.0], [121.5, 31.0], [121.5, 31.5], [121.0, 31.0]]);
        let mut failed = 0;
        failed += check_all::<HoursException>(json!({
            "date": "2026-02-10", "hours": ["10:00-16:00", "18:00-20:00"],
            "note": {"zh": "春节", "en": "Spring \"Festival\""}
        }));
        failed += check_all::<MobileService>(
            json!({"services": ["after_sales", "delivery"], "radius_km": 20}),
        );
        failed += check_all::<MobileService>(json!({"services": ["sales"],
            "area": {"type": "Polygon", "coordinates": [ring]}}));
        failed += check_all::<MobileService>(json!({"area": {"type": "MultiPolygon",
            "coordinates": [[ring], [ring, ring]]}, "services": ["sales"]}));
        failed += check_all::<LocalText>(json!({"zh": "苏州", "en": "Suzhou"}));
        failed += check_all::<Vec<f64>>(json!([121.47, 31.23, 1.5]));
        failed += check_all::<Vec<TimeRange>>(json!(["10:00-16:00", "18:00-20:00"]));
        failed += check_all::<Date>(json!("2026-02-10"));
        assert!(failed > 5000, "only {failed} failing texts");
    }

    #[test]
    fn error_paths_of_borrowed_shapes() {
        let feature = json!({"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [121.47, 31.23]},
            "properties": {"id": "a", "hours": {"mon": ["09:00-18:00"]}, "services": ["sales"]}});
        let with = [
            json!(1),
            json!("x"),
            json!([]),
            json!({}),
            json!(null),
            json!([1]),
        ];
        let mut failed = 0;
        for m in mutants(&feature, &with) {
            for text in texts(&m) {
                failed += usize::from(same_path::<RawFeature>(&text, raw_shape));
                failed += usize::from(same_path::<RawGeometry>(&text, raw_shape));
                failed += usize::from(same_path::<RawProperties>(&text, raw_shape));
                failed += usize::from(same_path::<RawObject>(&text, raw_shape));
                failed += usize::from(same_path::<Vec<&RawValue>>(&text, raw_shape));
            }
        }
        assert!(failed > 500, "only {failed} failing texts");
    }
}
