//! The packed form of a dataset: the outlets the reader kept, in a compact
//! binary file the app decodes about twenty times faster than it parses the
//! GeoJSON (a 100,000-outlet network is 83 MB of GeoJSON).
//!
//! GeoJSON stays the source of truth: people edit and review it, and
//! `evl-data validate` checks it. `evl-data pack` reads it with the same
//! reader ([`Dataset::parse`]) and writes [`pack`] of what was kept; the app
//! tells the two forms apart by the first bytes ([`is_pack`]).
//!
//! # Layout
//! All numbers are little-endian; "varint" is unsigned LEB128.
//!
//! 1. `EVLPACK`, then the format version as one byte ([`PACK_VERSION`]);
//! 2. the text table: the number of texts, their total length in bytes, the
//!    length of each, then all of them as one UTF-8 run. Every text (names,
//!    cities, provinces, dealer groups, ids, notes) is stored once and
//!    referred to by its number plus one, 0 meaning "none"; in the outlets,
//!    1 means "the next text not used yet" (the texts come in the order of
//!    their first use) and a used one is its number plus two, so that the
//!    many texts used once (ids, names, addresses) cost one byte that
//!    compresses well;
//! 3. the collection: brand (Chinese, English), updated (year varint,
//!    month, day), time zone, sample (0 or 1);
//! 4. the distinct opening hours: each day Monday first as a count of
//!    ranges and their start and end minutes (varints), then the exceptions
//!    (date, ranges, note in both languages);
//! 5. the distinct mobile services: the services as a bit set (the order
//!    of [`Service::ALL`]), then 0 and the radius in km, or 1 and the
//!    polygons' rings of `[lng, lat]` positions;
//! 6. the number of texts used before the outlets, the number of outlets,
//!    and the outlets, each: id; kind and status in one byte; services;
//!    relocated to; opening date (year 0 for none); latitude and longitude;
//!    name, address, city, province (two text numbers each); phone; website;
//!    its own booking pages (a count, then for each what it books as one
//!    byte, a service's place in [`Service::ALL`] or 6 for `notify`, and the
//!    URL's text; version 2 on); dealer group; the numbers (plus one) of its
//!    hours and mobile service.
//!
//! A number of degrees or kilometres is the decimal the GeoJSON wrote, as
//! digits and a count of decimals (`31.2304` is 312304 and 4: a varint of
//! `1 + 2 × decimals + sign`, then the digits as a varint), which gives back
//! exactly the same `f64`; a number this cannot hold exactly is a 0 and its
//! eight bytes.
//!
//! Decoding ([`Dataset::from_pack`]) trusts nothing: every count is checked
//! against the bytes left before anything is allocated, and every value is
//! checked again as the GeoJSON reader checks it (ids, positions, hours,
//! phone numbers, links, relocations), so a damaged or edited file gives a
//! [`DatasetError::BadPack`], never a panic or a dataset the app cannot
//! trust. A pack holds no rejected records or warnings: `evl-data pack`
//! prints them when it builds the file.

use crate::dataset::{is_outlet_id, is_phone, is_website, Dataset, DatasetError, DatasetMeta};
use crate::date::Date;
use crate::hours::{Day, DayHours, HoursException, TimeRange, WeeklyHours};
use crate::latlng::LatLng;
use crate::outlet::{Outlet, OutletKind, OutletStatus};
use crate::service::{Bookable, Service, ServiceSet};
use crate::services::{MobileService, ServiceArea, MAX_MOBILE_RADIUS_KM};
use crate::text::{LocalText, TextPool};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;
use std::sync::Arc;

/// The first bytes of every packed dataset.
pub const PACK_MAGIC: &[u8; 7] = b"EVLPACK";

/// The version of the packed form this code writes; it follows the magic
/// bytes. Version 2 adds the outlets' own booking pages.
pub const PACK_VERSION: u8 = 2;

/// The oldest version this code still reads (its outlets book nothing of
/// their own).
pub const OLDEST_PACK_VERSION: u8 = 1;

/// The fewest bytes an outlet record can take: a lower bound used to refuse
/// an outlet count that the rest of the file cannot hold.
const MIN_OUTLET_BYTES: usize = 23;

/// The fewest bytes a number takes (a header and one digit byte).
const MIN_NUMBER_BYTES: usize = 2;

/// Powers of ten that are exact `f64`s: a whole number of at most 2^53
/// divided by one of them is the correctly rounded value of the decimal.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The largest digits of an exact decimal number.
const MAX_DIGITS: u64 = 1 << 53;

/// Minutes in a day.
const DAY_MIN: u64 = 1440;

/// What is wrong in a packed dataset ([`DatasetError::BadPack`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackProblem {
    /// The file does not start with [`PACK_MAGIC`].
    #[error("it does not start with EVLPACK, so it is not a packed dataset")]
    NotAPack,
    /// The file stops in the middle of something.
    #[error("the file ends too early (cut off in transfer?)")]
    Truncated,
    /// A number does not fit in 64 bits.
    #[error("a number is too large")]
    Overflow,
    /// A count of items that the rest of the file cannot hold.
    #[error("it announces {count} {what}, more than the rest of the file can hold")]
    CountTooLarge {
        /// What is counted (`outlets`, `texts`).
        what: &'static str,
        /// The count as written.
        count: u64,
    },
    /// The text table is not UTF-8.
    #[error("its text is not UTF-8")]
    NotUtf8,
    /// A reference to a text, hours or mobile service the file does not have.
    #[error("the {what} refers to entry {index} of a table of {len}")]
    NoSuchEntry {
        /// What refers (`outlet's hours`).
        what: &'static str,
        /// The entry, counted from 1.
        index: u64,
        /// How many entries the table has.
        len: usize,
    },
    /// A value the GeoJSON reader would have refused; names the field as
    /// the dataset format does (`kind`, `hours`, `website`).
    #[error("its `{0}` is not valid")]
    Invalid(&'static str),
    /// An outlet position that is not a latitude and longitude in range.
    #[error("outlet \"{0}\" has no valid position")]
    BadPosition(String),
    /// Two outlets with the same id.
    #[error("id \"{0}\" is used by two outlets")]
    DuplicateId(String),
    /// A relocation to an outlet the file does not have.
    #[error("outlet \"{id}\" moved to \"{to}\", which is not in the file")]
    UnknownRelocationTarget {
        /// The outlet that moved.
        id: String,
        /// Where it says it moved.
        to: String,
    },
    /// Bytes after the last outlet.
    #[error("{0} bytes follow the last outlet")]
    TrailingBytes(usize),
}

/// Whether `bytes` are a packed dataset (they start with [`PACK_MAGIC`]),
/// rather than GeoJSON text. Any version: [`Dataset::from_pack`] says when
/// it is one this code does not read.
///
/// ```
/// use locator_core::is_pack;
/// assert!(is_pack(b"EVLPACK\x01..."));
/// assert!(!is_pack(br#"{"type": "FeatureCollection"}"#));
/// ```
pub fn is_pack(bytes: &[u8]) -> bool {
    bytes.starts_with(PACK_MAGIC)
}

/// Whether `url`'s path ends as a pack's name usually does (`.evlpack`, as
/// the build and `evl-data pack`'s examples name it, or `.pack`): the app
/// starts its GeoJSON reader early for any other. [`is_pack`], on the
/// file's first bytes, decides in the end.
///
/// ```
/// use locator_core::named_as_pack;
/// assert!(named_as_pack("data/outlets.evlpack"));
/// assert!(named_as_pack("https://cdn.brand.cn/outlets.pack?v=3#x"));
/// assert!(!named_as_pack("data/outlets.geojson"));
/// assert!(!named_as_pack("data/outlets.json?as=.evlpack"));
/// ```
pub fn named_as_pack(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.ends_with(".evlpack") || path.ends_with(".pack")
}

/// The packed form of `dataset`: its collection facts and its outlets (not
/// its rejected records or warnings). [`Dataset::from_pack`] reads it back
/// equal, for any dataset the GeoJSON reader made.
///
/// ```
/// use locator_core::{generate, pack, Dataset};
/// let data = Dataset::parse(&generate(100, 1)).unwrap();
/// let bytes = pack(&data);
/// let back = Dataset::from_pack(&bytes).unwrap();
/// assert_eq!((back.meta, back.outlets), (data.meta, data.outlets));
/// ```
pub fn pack(dataset: &Dataset) -> Vec<u8> {
    pack_as(dataset, PACK_VERSION)
}

/// [`pack`] in `version` of the packed form (an older one leaves out what
/// it cannot hold).
fn pack_as(dataset: &Dataset, version: u8) -> Vec<u8> {
    let mut p = Packer {
        version,
        ..Packer::default()
    };
    let mut meta = Vec::new();
    let m = &dataset.meta;
    p.local_text(&mut meta, Some(&m.brand));
    date(&mut meta, m.updated);
    let tz = p.text(Some(&m.time_zone));
    varint(&mut meta, tz);
    meta.push(u8::from(m.sample));

    // The tables first, so that the texts of their notes come before those
    // of the outlets, in the order the reader meets them.
    let tables: Vec<(u64, u64)> = dataset
        .outlets
        .iter()
        .map(|o| {
            (
                o.hours.as_ref().map_or(0, |h| p.hours(h)),
                o.mobile_service.as_ref().map_or(0, |m| p.mobile(m)),
            )
        })
        .collect();
    let texts_before_outlets = p.texts.len();
    p.in_outlets = true;
    let mut outlets = Vec::with_capacity(dataset.outlets.len() * 64);
    for (o, (hours, mobile)) in dataset.outlets.iter().zip(tables) {
        p.outlet(&mut outlets, o, hours, mobile);
    }

    let texts_len: usize = p.texts.iter().map(|t| t.len()).sum();
    let mut out = Vec::with_capacity(
        16 + texts_len
            + p.texts.len() * 2
            + meta.len()
            + p.hours.len()
            + p.mobile.len()
            + outlets.len(),
    );
    out.extend_from_slice(PACK_MAGIC);
    out.push(version);
    varint(&mut out, p.texts.len() as u64);
    varint(&mut out, texts_len as u64);
    for t in &p.texts {
        varint(&mut out, t.len() as u64);
    }
    for t in &p.texts {
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&meta);
    varint(&mut out, p.hours_ids.len() as u64);
    out.extend_from_slice(&p.hours);
    varint(&mut out, p.mobile_ids.len() as u64);
    out.extend_from_slice(&p.mobile);
    varint(&mut out, texts_before_outlets as u64);
    varint(&mut out, dataset.outlets.len() as u64);
    out.extend_from_slice(&outlets);
    out
}

// ---- writing ----------------------------------------------------------------

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `v` as decimal digits and a count of decimals when that gives back the
/// same bits, else as its eight bytes.
fn number(out: &mut Vec<u8>, v: f64) {
    match decimal(v) {
        Some((digits, decimals)) => {
            varint(out, 1 + 2 * decimals + u64::from(v.is_sign_negative()));
            varint(out, digits);
        }
        None => {
            varint(out, 0);
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// The digits and count of decimals of the shortest decimal that reads
/// back as `v` (Rust prints that one), when they are exact in [`from_decimal`].
fn decimal(v: f64) -> Option<(u64, u64)> {
    let text = v.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let decimals = fraction.len() as u64;
    let digits: u64 = format!("{whole}{fraction}").parse().ok()?;
    let back = from_decimal(digits, decimals, v.is_sign_negative())?;
    (back.to_bits() == v.to_bits()).then_some((digits, decimals))
}

/// `digits` / 10^`decimals`, negative if `negative`: exact (correctly
/// rounded) for digits up to 2^53 and up to 22 decimals, `None` beyond.
fn from_decimal(digits: u64, decimals: u64, negative: bool) -> Option<f64> {
    let scale = POW10.get(usize::try_from(decimals).ok()?)?;
    if digits > MAX_DIGITS {
        return None;
    }
    let v = digits as f64 / scale;
    Some(if negative { -v } else { v })
}

fn date(out: &mut Vec<u8>, d: Date) {
    varint(out, u64::from(d.year));
    out.push(d.month);
    out.push(d.day);
}

fn service_bits(set: ServiceSet) -> u8 {
    Service::ALL
        .iter()
        .enumerate()
        .filter(|(_, s)| set.contains(**s))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

fn ranges(out: &mut Vec<u8>, ranges: &[TimeRange]) {
    varint(out, ranges.len() as u64);
    for r in ranges {
        varint(out, u64::from(r.start_min));
        varint(out, u64::from(r.end_min));
    }
}

/// The tables filled while the outlets are written: texts, and the
/// encodings of distinct hours and mobile services.
#[derive(Default)]
struct Packer<'a> {
    /// The version written.
    version: u8,
    /// Whether texts are written as in the outlets (1 for a new one).
    in_outlets: bool,
    texts: Vec<&'a str>,
    text_ids: HashMap<&'a str, u64>,
    hours: Vec<u8>,
    hours_ids: HashMap<Vec<u8>, u64>,
    mobile: Vec<u8>,
    mobile_ids: HashMap<Vec<u8>, u64>,
}

impl<'a> Packer<'a> {
    /// How a text is referred to: 0 for none; its number plus one, or in
    /// the outlets 1 for a new one and its number plus two for a used one.
    fn text(&mut self, text: Option<&'a str>) -> u64 {
        let Some(text) = text else { return 0 };
        if let Some(&id) = self.text_ids.get(text) {
            return id + u64::from(self.in_outlets);
        }
        self.texts.push(text);
        let id = self.texts.len() as u64;
        self.text_ids.insert(text, id);
        if self.in_outlets {
            1
        } else {
            id
        }
    }

    fn local_text(&mut self, out: &mut Vec<u8>, text: Option<&'a LocalText>) {
        let zh = self.text(text.and_then(|t| t.zh.as_deref()));
        let en = self.text(text.and_then(|t| t.en.as_deref()));
        varint(out, zh);
        varint(out, en);
    }

    /// The number (plus one) of `encoded` in a table of distinct entries.
    fn entry(table: &mut Vec<u8>, ids: &mut HashMap<Vec<u8>, u64>, encoded: Vec<u8>) -> u64 {
        if let Some(&id) = ids.get(&encoded) {
            return id;
        }
        table.extend_from_slice(&encoded);
        let id = ids.len() as u64 + 1;
        ids.insert(encoded, id);
        id
    }

    fn hours(&mut self, hours: &'a WeeklyHours) -> u64 {
        let mut e = Vec::new();
        for day in Day::ALL {
            ranges(&mut e, hours.day(day));
        }
        varint(&mut e, hours.exceptions.len() as u64);
        for x in &hours.exceptions {
            date(&mut e, x.date);
            ranges(&mut e, &x.hours);
            self.local_text(&mut e, x.note.as_ref());
        }
        Packer::entry(&mut self.hours, &mut self.hours_ids, e)
    }

    fn mobile(&mut self, mobile: &MobileService) -> u64 {
        let mut e = vec![service_bits(mobile.services)];
        match &mobile.area {
            ServiceArea::Radius { radius_km } => {
                e.push(0);
                number(&mut e, *radius_km);
            }
            ServiceArea::Polygons(polygons) => {
                e.push(1);
                varint(&mut e, polygons.0.len() as u64);
                for polygon in &polygons.0 {
                    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
                    varint(&mut e, 1 + polygon.interiors().len() as u64);
                    for ring in rings {
                        varint(&mut e, ring.0.len() as u64);
                        for c in &ring.0 {
                            number(&mut e, c.x);
                            number(&mut e, c.y);
                        }
                    }
                }
            }
        }
        Packer::entry(&mut self.mobile, &mut self.mobile_ids, e)
    }

    fn outlet(&mut self, out: &mut Vec<u8>, o: &'a Outlet, hours: u64, mobile: u64) {
        let id = self.text(Some(&o.id));
        varint(out, id);
        let kind = match o.kind {
            OutletKind::EvHome => 0,
            OutletKind::Partner => 1,
        };
        let status = match o.status {
            OutletStatus::Open => 0,
            OutletStatus::ComingSoon => 1,
            OutletStatus::Relocated => 2,
        };
        out.push(kind | status << 1);
        out.push(service_bits(o.services));
        let to = self.text(o.relocated_to.as_deref());
        varint(out, to);
        match o.opening_date {
            Some(d) => date(out, d),
            None => varint(out, 0),
        }
        number(out, o.location.lat);
        number(out, o.location.lng);
        for text in [&o.name, &o.address, &o.city, &o.province] {
            self.local_text(out, Some(text));
        }
        let phone = self.text(o.phone.as_deref());
        varint(out, phone);
        let website = self.text(o.website.as_deref());
        varint(out, website);
        if self.version >= 2 {
            varint(out, o.booking.len() as u64);
            for (what, url) in &o.booking {
                out.push(what.number());
                let url = self.text(Some(url));
                varint(out, url);
            }
        }
        self.local_text(out, o.partner_group.as_deref());
        varint(out, hours);
        varint(out, mobile);
    }
}

// ---- reading ----------------------------------------------------------------

/// A cursor over the bytes; every read checks what is left.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// In the outlets, the number of the next text not used yet.
    next_new_text: Option<usize>,
    /// The version of the packed form being read.
    version: u8,
    /// Cities, provinces and dealer groups read so far, each held once.
    shared: TextPool,
}

fn bad(offset: usize, problem: PackProblem) -> DatasetError {
    DatasetError::BadPack { offset, problem }
}

impl<'a> Reader<'a> {
    fn error(&self, problem: PackProblem) -> DatasetError {
        bad(self.at, problem)
    }

    fn rest(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DatasetError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error(PackProblem::Truncated))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DatasetError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.error(PackProblem::Truncated))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DatasetError> {
        let start = self.at;
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return Err(bad(start, PackProblem::Overflow));
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    /// A number written by [`number`]; `None` for decimals this code
    /// would not have written.
    fn number(&mut self) -> Result<Option<f64>, DatasetError> {
        let header = self.varint()?;
        if header == 0 {
            let mut b = [0u8; 8];
            b.copy_from_slice(self.take(8)?);
            return Ok(Some(f64::from_le_bytes(b)));
        }
        let digits = self.varint()?;
        let header = header - 1;
        Ok(from_decimal(digits, header >> 1, header & 1 == 1))
    }

    /// A count of items of at least `min_bytes` each, checked against the
    /// bytes left so that no allocation exceeds the file's size.
    fn count(&mut self, what: &'static str, min_bytes: usize) -> Result<usize, DatasetError> {
        let start = self.at;
        let count = self.varint()?;
        if count > (self.rest() / min_bytes) as u64 {
            return Err(bad(start, PackProblem::CountTooLarge { what, count }));
        }
        Ok(count as usize)
    }

    /// An entry number plus one of a table of `len`, 0 for none.
    fn entry(&mut self, what: &'static str, len: usize) -> Result<Option<usize>, DatasetError> {
        let start = self.at;
        match self.varint()? {
            0 => Ok(None),
            index if index <= len as u64 => Ok(Some(index as usize - 1)),
            index => Err(bad(start, PackProblem::NoSuchEntry { what, index, len })),
        }
    }

    /// A text as [`Packer::text`] refers to it.
    fn text(
        &mut self,
        texts: &[&'a str],
        what: &'static str,
    ) -> Result<Option<&'a str>, DatasetError> {
        let Some(next) = self.next_new_text else {
            return Ok(self.entry(what, texts.len())?.map(|i| texts[i]));
        };
        let start = self.at;
        let index = match self.varint()? {
            0 => return Ok(None),
            1 => {
                self.next_new_text = Some(next + 1);
                next as u64
            }
            code => code - 2,
        };
        usize::try_from(index)
            .ok()
            .and_then(|i| texts.get(i))
            .map(|t| Some(*t))
            .ok_or_else(|| {
                bad(
                    start,
                    PackProblem::NoSuchEntry {
                        what,
                        index: index.saturating_add(1),
                        len: texts.len(),
                    },
                )
            })
    }

    fn local_text(
        &mut self,
        texts: &[&'a str],
        what: &'static str,
    ) -> Result<Option<LocalText>, DatasetError> {
        let zh = self.text(texts, what)?;
        let en = self.text(texts, what)?;
        Ok((zh.is_some() || en.is_some()).then(|| LocalText {
            zh: zh.map(String::from),
            en: en.map(String::from),
        }))
    }

    fn required_text(
        &mut self,
        texts: &[&'a str],
        what: &'static str,
    ) -> Result<LocalText, DatasetError> {
        let start = self.at;
        self.local_text(texts, what)?
            .ok_or_else(|| bad(start, PackProblem::Invalid(what)))
    }

    fn date(&mut self, what: &'static str) -> Result<Option<Date>, DatasetError> {
        let start = self.at;
        let year = self.varint()?;
        if year == 0 {
            return Ok(None);
        }
        let (month, day) = (self.byte()?, self.byte()?);
        u16::try_from(year)
            .ok()
            .and_then(|year| Date::new(year, month, day))
            .map(Some)
            .ok_or_else(|| bad(start, PackProblem::Invalid(what)))
    }

    fn services(&mut self, what: &'static str) -> Result<ServiceSet, DatasetError> {
        let start = self.at;
        let bits = self.byte()?;
        if bits >> Service::ALL.len() != 0 {
            return Err(bad(start, PackProblem::Invalid(what)));
        }
        Ok(Service::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & 1 << i != 0)
            .map(|(_, s)| *s)
            .collect())
    }

    fn ranges(&mut self) -> Result<DayHours, DatasetError> {
        let n = self.count("opening ranges", 2)?;
        let mut ranges = Vec::with_capacity(n);
        for _ in 0..n {
            let start = self.at;
            let (start_min, end_min) = (self.varint()?, self.varint()?);
            if start_min >= DAY_MIN || end_min > DAY_MIN || start_min == end_min {
                return Err(bad(start, PackProblem::Invalid("hours")));
            }
            ranges.push(TimeRange {
                start_min: start_min as u16,
                end_min: end_min as u16,
            });
        }
        Ok(ranges)
    }

    fn hours(&mut self, texts: &[&'a str]) -> Result<WeeklyHours, DatasetError> {
        let mut days: [DayHours; 7] = Default::default();
        for day in &mut days {
            *day = self.ranges()?;
        }
        let n = self.count("hours exceptions", 6)?;
        let mut exceptions = Vec::with_capacity(n);
        for _ in 0..n {
            let start = self.at;
            let date = self
                .date("hours")?
                .ok_or_else(|| bad(start, PackProblem::Invalid("hours")))?;
            let hours = self.ranges()?;
            let note = self.local_text(texts, "hours")?;
            exceptions.push(HoursException { date, hours, note });
        }
        Ok(WeeklyHours::from_days(days, exceptions))
    }

    fn mobile(&mut self) -> Result<MobileService, DatasetError> {
        let start = self.at;
        let services = self.services("mobile_service")?;
        if services.is_empty() {
            return Err(bad(start, PackProblem::Invalid("mobile_service")));
        }
        let area_at = self.at;
        let area = match self.byte()? {
            0 => {
                let radius_km = self.number()?.unwrap_or(f64::NAN);
                if !(radius_km > 0.0 && radius_km <= MAX_MOBILE_RADIUS_KM) {
                    return Err(bad(area_at, PackProblem::Invalid("mobile_service")));
                }
                ServiceArea::Radius { radius_km }
            }
            1 => {
                // A polygon takes at least its ring count, one ring's
                // position count and 4 positions.
                let n = self.count("polygons", 2 + 8 * MIN_NUMBER_BYTES)?;
                let mut polygons = Vec::with_capacity(n);
                for _ in 0..n {
                    polygons.push(self.polygon()?);
                }
                if polygons.is_empty() {
                    return Err(bad(area_at, PackProblem::Invalid("mobile_service")));
                }
                ServiceArea::Polygons(MultiPolygon::new(polygons))
            }
            _ => return Err(bad(area_at, PackProblem::Invalid("mobile_service"))),
        };
        Ok(MobileService { services, area })
    }

    fn polygon(&mut self) -> Result<Polygon<f64>, DatasetError> {
        let start = self.at;
        let n = self.count("rings", 1 + 8 * MIN_NUMBER_BYTES)?;
        let mut rings = Vec::with_capacity(n);
        for _ in 0..n {
            let ring_at = self.at;
            let points = self.count("positions", 2 * MIN_NUMBER_BYTES)?;
            let mut ring = Vec::with_capacity(points);
            for _ in 0..points {
                let (lng, lat) = (self.number()?, self.number()?);
                let p = LatLng::new(lat.unwrap_or(f64::NAN), lng.unwrap_or(f64::NAN))
                    .map_err(|_| bad(ring_at, PackProblem::Invalid("mobile_service")))?;
                ring.push(Coord { x: p.lng, y: p.lat });
            }
            if ring.len() < 4 || ring.first() != ring.last() {
                return Err(bad(ring_at, PackProblem::Invalid("mobile_service")));
            }
            rings.push(LineString::new(ring));
        }
        let mut rings = rings.into_iter();
        let outer = rings
            .next()
            .ok_or_else(|| bad(start, PackProblem::Invalid("mobile_service")))?;
        Ok(Polygon::new(outer, rings.collect()))
    }

    fn texts(&mut self) -> Result<Vec<&'a str>, DatasetError> {
        // Each text takes its length and at least one byte.
        let n = self.count("texts", 2)?;
        let total_at = self.at;
        let total = self.varint()?;
        if total > self.rest() as u64 {
            return Err(bad(
                total_at,
                PackProblem::CountTooLarge {
                    what: "bytes of text",
                    count: total,
                },
            ));
        }
        let mut ends = Vec::with_capacity(n);
        let mut end = 0u64;
        for _ in 0..n {
            let start = self.at;
            let len = self.varint()?;
            end = end.saturating_add(len);
            if len == 0 || end > total {
                return Err(bad(start, PackProblem::Invalid("text table")));
            }
            ends.push(end as usize);
        }
        if end != total {
            return Err(self.error(PackProblem::Invalid("text table")));
        }
        let run_at = self.at;
        let run = std::str::from_utf8(self.take(total as usize)?)
            .map_err(|e| bad(run_at + e.valid_up_to(), PackProblem::NotUtf8))?;
        let mut texts = Vec::with_capacity(n);
        let mut start = 0;
        for end in ends {
            texts.push(
                run.get(start..end)
                    .ok_or_else(|| bad(run_at + start, PackProblem::NotUtf8))?,
            );
            start = end;
        }
        Ok(texts)
    }

    fn meta(&mut self, texts: &[&'a str]) -> Result<DatasetMeta, DatasetError> {
        let brand = self.required_text(texts, "brand")?;
        let start = self.at;
        let updated = self
            .date("updated")?
            .ok_or_else(|| bad(start, PackProblem::Invalid("updated")))?;
        let start = self.at;
        let time_zone = self
            .text(texts, "time_zone")?
            .filter(|tz| tz.contains('/') || *tz == "UTC")
            .ok_or_else(|| bad(start, PackProblem::Invalid("time_zone")))?;
        let start = self.at;
        let sample = match self.byte()? {
            0 => false,
            1 => true,
            _ => return Err(bad(start, PackProblem::Invalid("sample"))),
        };
        Ok(DatasetMeta {
            brand,
            updated,
            time_zone: time_zone.to_string(),
            sample,
        })
    }

    /// An outlet's own booking pages, each checked as a website, in
    /// catalogue order without a repeat.
    fn booking(&mut self, texts: &[&'a str]) -> Result<Box<[(Bookable, String)]>, DatasetError> {
        // Each has its byte and its text's number.
        let n = self.count("booking pages", 2)?;
        let mut out: Vec<(Bookable, String)> = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.at;
            let what = Bookable::from_number(self.byte()?)
                .filter(|w| out.last().is_none_or(|(last, _)| last < w))
                .ok_or_else(|| bad(at, PackProblem::Invalid("booking")))?;
            let at = self.at;
            let url = self
                .text(texts, "booking")?
                .filter(|u| is_website(u))
                .ok_or_else(|| bad(at, PackProblem::Invalid("booking")))?;
            out.push((what, url.to_string()));
        }
        Ok(out.into())
    }

    fn outlet(
        &mut self,
        texts: &[&'a str],
        hours: &[Arc<WeeklyHours>],
        mobile: &[MobileService],
    ) -> Result<Outlet, DatasetError> {
        let start = self.at;
        let id = self
            .text(texts, "id")?
            .filter(|id| is_outlet_id(id))
            .ok_or_else(|| bad(start, PackProblem::Invalid("id")))?;
        let flags_at = self.at;
        let flags = self.byte()?;
        let kind = if flags & 1 == 0 {
            OutletKind::EvHome
        } else {
            OutletKind::Partner
        };
        let status = match flags >> 1 {
            0 => OutletStatus::Open,
            1 => OutletStatus::ComingSoon,
            2 => OutletStatus::Relocated,
            _ => return Err(bad(flags_at, PackProblem::Invalid("status"))),
        };
        let services = self.services("services")?;
        let to_at = self.at;
        let relocated_to = self.text(texts, "relocated_to")?;
        let to_ok = match relocated_to {
            Some(to) => to != id && is_outlet_id(to),
            None => status != OutletStatus::Relocated,
        };
        if !to_ok {
            return Err(bad(to_at, PackProblem::Invalid("relocated_to")));
        }
        let opening_date = self.date("opening_date")?;
        let at = self.at;
        let (lat, lng) = (self.number()?, self.number()?);
        let location = LatLng::new(lat.unwrap_or(f64::NAN), lng.unwrap_or(f64::NAN))
            .map_err(|_| bad(at, PackProblem::BadPosition(id.into())))?;
        let name = self.required_text(texts, "name")?;
        let address = self.required_text(texts, "address")?;
        let city = self.required_text(texts, "city")?;
        let city = self.shared.share(city);
        let province = self.required_text(texts, "province")?;
        let province = self.shared.share(province);
        let at = self.at;
        let phone = self.text(texts, "phone")?;
        if phone.is_some_and(|p| !is_phone(p)) {
            return Err(bad(at, PackProblem::Invalid("phone")));
        }
        let at = self.at;
        let website = self.text(texts, "website")?;
        if website.is_some_and(|w| !is_website(w)) {
            return Err(bad(at, PackProblem::Invalid("website")));
        }
        let booking = if self.version >= 2 {
            self.booking(texts)?
        } else {
            Box::default()
        };
        let partner_group = self
            .local_text(texts, "partner_group")?
            .map(|g| self.shared.share(g));
        let hours = self.entry("hours", hours.len())?.map(|i| hours[i].clone());
        let mobile_service = self
            .entry("mobile_service", mobile.len())?
            .map(|i| mobile[i].clone());
        Ok(Outlet {
            id: id.into(),
            kind,
            status,
            relocated_to: relocated_to.map(String::from),
            opening_date,
            location,
            name,
            address,
            city,
            province,
            phone: phone.map(String::from),
            website: website.map(String::from),
            booking,
            services,
            partner_group,
            hours,
            mobile_service,
        })
    }
}

impl Dataset {
    /// Panics unless what the app relies on in any dataset holds: ids
    /// unique, relocations to kept outlets, valid positions, a default order
    /// of every outlet. For tests and fuzz targets.
    #[doc(hidden)]
    pub fn assert_consistent(&self) {
        for (i, o) in self.outlets.iter().enumerate() {
            assert_eq!(self.index_of(&o.id), Some(i), "ids are unique");
            if let Some(to) = &o.relocated_to {
                assert!(self.index_of(to).is_some(), "relocated to a kept outlet");
            }
            assert!(LatLng::new(o.location.lat, o.location.lng).is_ok());
        }
        assert_eq!(self.default_order().len(), self.outlets.len());
    }
}

impl Dataset {
    /// Reads a packed dataset, the output of [`pack`] (`evl-data pack`).
    ///
    /// The result is the dataset that was packed, built as the GeoJSON
    /// reader builds it (same outlets, same [`default_order`], same ids),
    /// with no rejected records or warnings.
    ///
    /// A file that does not start with [`PACK_MAGIC`], is cut off, damaged
    /// or edited into something the GeoJSON reader would refuse is a
    /// [`DatasetError::BadPack`]; another version of the packed form is a
    /// [`DatasetError::PackVersion`]. Both ask for the file to be built
    /// again.
    ///
    /// [`default_order`]: Dataset::default_order
    ///
    /// ```
    /// use locator_core::{Dataset, DatasetError, PackProblem};
    /// assert_eq!(
    ///     Dataset::from_pack(b"EVLPACK\x09").unwrap_err(),
    ///     DatasetError::PackVersion { found: 9, expected: 2 }
    /// );
    /// assert!(matches!(
    ///     Dataset::from_pack(b"{}").unwrap_err(),
    ///     DatasetError::BadPack { offset: 0, problem: PackProblem::NotAPack }
    /// ));
    /// ```
    pub fn from_pack(bytes: &[u8]) -> Result<Dataset, DatasetError> {
        if !is_pack(bytes) {
            return Err(bad(0, PackProblem::NotAPack));
        }
        let mut r = Reader {
            bytes,
            at: PACK_MAGIC.len(),
            next_new_text: None,
            version: 0,
            shared: Default::default(),
        };
        let version = r.byte()?;
        if !(OLDEST_PACK_VERSION..=PACK_VERSION).contains(&version) {
            return Err(DatasetError::PackVersion {
                found: version,
                expected: PACK_VERSION,
            });
        }
        r.version = version;
        let texts = r.texts()?;
        let meta = r.meta(&texts)?;
        // Each hours entry has at least 7 day counts and an exception count.
        let n = r.count("opening hours", 8)?;
        let mut hours = Vec::with_capacity(n);
        for _ in 0..n {
            hours.push(Arc::new(r.hours(&texts)?));
        }
        // Each mobile service has its services, its area's tag and a number.
        let n = r.count("mobile services", 2 + MIN_NUMBER_BYTES)?;
        let mut mobile = Vec::with_capacity(n);
        for _ in 0..n {
            mobile.push(r.mobile()?);
        }
        let start = r.at;
        let texts_before_outlets = r.varint()?;
        if texts_before_outlets > texts.len() as u64 {
            return Err(bad(start, PackProblem::Invalid("text table")));
        }
        r.next_new_text = Some(texts_before_outlets as usize);
        let n = r.count("outlets", MIN_OUTLET_BYTES)?;
        let mut outlets = Vec::with_capacity(n);
        let mut offsets = Vec::with_capacity(n);
        for _ in 0..n {
            offsets.push(r.at);
            outlets.push(r.outlet(&texts, &hours, &mobile)?);
        }
        if r.rest() > 0 {
            return Err(r.error(PackProblem::TrailingBytes(r.rest())));
        }

        let data = Dataset::from_reading(meta, outlets, Vec::new(), Vec::new());
        // What the GeoJSON reader checks across outlets: unique ids (the
        // index keeps one outlet per id), relocations to outlets of the file.
        if data.distinct_ids() != data.outlets.len() {
            if let Some((i, o)) = data
                .outlets
                .iter()
                .enumerate()
                .find(|(i, o)| data.index_of(&o.id) != Some(*i))
            {
                return Err(bad(offsets[i], PackProblem::DuplicateId(o.id.clone())));
            }
        }
        for (i, o) in data.outlets.iter().enumerate() {
            if let Some(to) = &o.relocated_to {
                if data.index_of(to).is_none() {
                    return Err(bad(
                        offsets[i],
                        PackProblem::UnknownRelocationTarget {
                            id: o.id.clone(),
                            to: to.clone(),
                        },
                    ));
                }
            }
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{generate, generate_dataset, Region};
    use proptest::prelude::*;
    use std::path::Path;

    fn repo(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    }

    /// `Dataset::from_pack(&pack(d))` is `d`: meta, outlets, ids, order.
    fn assert_round_trip(d: &Dataset) -> Vec<u8> {
        let bytes = pack(d);
        assert!(is_pack(&bytes));
        let back = Dataset::from_pack(&bytes).unwrap();
        assert_eq!(back.meta, d.meta);
        assert_eq!(back.outlets, d.outlets);
        for (a, b) in back.outlets.iter().zip(&d.outlets) {
            // `==` on f64 takes -0.0 for 0.0: compare the bits.
            assert_eq!(a.location.lat.to_bits(), b.location.lat.to_bits());
            assert_eq!(a.location.lng.to_bits(), b.location.lng.to_bits());
        }
        assert_eq!(back.default_order(), d.default_order());
        for (i, o) in d.outlets.iter().enumerate() {
            assert_eq!(back.index_of(&o.id), Some(i));
        }
        assert!(back.rejected.is_empty() && back.warnings.is_empty());
        bytes
    }

    fn small_pack() -> Vec<u8> {
        pack(&generate_dataset(40, 3).unwrap())
    }

    mod round_trip {
        use super::*;

        #[test]
        fn the_sample() {
            let text = std::fs::read_to_string(repo("public/data/outlets.geojson")).unwrap();
            let d = Dataset::parse(&text).unwrap();
            let bytes = assert_round_trip(&d);
            assert!(bytes.len() * 3 < text.len(), "{} bytes", bytes.len());
        }

        #[test]
        fn every_usable_file_of_the_corpus() {
            let mut usable = 0;
            for dir in ["malformed", "warnings"] {
                for entry in std::fs::read_dir(repo("tests/datasets").join(dir)).unwrap() {
                    let path = entry.unwrap().path();
                    if path.extension().is_none_or(|e| e != "geojson") {
                        continue;
                    }
                    let bytes = std::fs::read(&path).unwrap();
                    let Ok(text) = std::str::from_utf8(&bytes) else {
                        continue;
                    };
                    // Positions are checked for range only when unpacked:
                    // read the corpus as `evl-data pack` would.
                    for region in [Region::China, Region::Anywhere] {
                        let options = crate::ParseOptions { region };
                        if let Ok(d) = Dataset::parse_with(text, options) {
                            assert_round_trip(&d);
                            usable += 1;
                        }
                    }
                }
            }
            assert!(usable >= 20, "{usable}");
        }

        #[test]
        fn generated_networks() {
            for (count, seed) in [(0, 0), (1, 1), (300, 2), (3000, 3)] {
                assert_round_trip(&generate_dataset(count, seed).unwrap());
            }
        }

        #[test]
        fn repeated_texts_hours_and_areas_are_stored_once() {
            let text = generate(3000, 5);
            let d = Dataset::parse(&text).unwrap();
            let bytes = pack(&d);
            let mut r = Reader {
                bytes: &bytes,
                at: PACK_MAGIC.len() + 1,
                next_new_text: None,
                version: PACK_VERSION,
                shared: Default::default(),
            };
            let texts = r.texts().unwrap();
            let distinct: std::collections::HashSet<&&str> = texts.iter().collect();
            assert_eq!(distinct.len(), texts.len());
            r.meta(&texts).unwrap();
            let hours = r.count("hours", 8).unwrap();
            assert!(hours < 100, "{hours} distinct hours for 3,000 outlets");
            assert!(
                bytes.len() * 3 < text.len(),
                "{} of {}",
                bytes.len(),
                text.len()
            );
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]
            #[test]
            fn any_generated_network(count in 0usize..80, seed in any::<u64>()) {
                assert_round_trip(&generate_dataset(count, seed).unwrap());
            }
        }
    }

    mod numbers {
        use super::*;

        #[test]
        fn every_number_reads_back_to_the_same_bits() {
            let values = [
                0.0,
                -0.0,
                31.2304,
                121.458_123_4,
                -33.868_82,
                180.0,
                -90.0,
                0.1 + 0.2,
                1e-7,
                5e-324,
                f64::MAX,
                f64::NAN,
                f64::INFINITY,
                std::f64::consts::PI,
            ];
            for v in values {
                let mut bytes = Vec::new();
                number(&mut bytes, v);
                let mut r = Reader {
                    bytes: &bytes,
                    at: 0,
                    next_new_text: None,
                    version: PACK_VERSION,
                    shared: Default::default(),
                };
                let back = r.number().unwrap().unwrap();
                assert_eq!(back.to_bits(), v.to_bits(), "{v}");
                assert_eq!(r.rest(), 0);
            }
            let mut short = Vec::new();
            number(&mut short, 31.2304);
            assert_eq!(short, [1 + 2 * 4, 0xf0, 0x87, 0x13]);
        }

        #[test]
        fn decimals_beyond_exact_are_refused() {
            assert_eq!(from_decimal(MAX_DIGITS + 1, 0, false), None);
            assert_eq!(from_decimal(1, 23, false), None);
            assert_eq!(from_decimal(15, 1, true), Some(-1.5));
        }
    }

    mod damage {
        use super::*;

        #[test]
        fn every_truncation_is_an_error() {
            let bytes = small_pack();
            for end in 0..bytes.len() {
                match Dataset::from_pack(&bytes[..end]) {
                    Err(DatasetError::BadPack { offset, .. }) => assert!(offset <= end),
                    other => panic!("cut at {end}: {:?}", other.map(|d| d.outlets.len())),
                }
            }
        }

        #[test]
        fn flipped_bytes_give_an_error_or_a_consistent_dataset() {
            let bytes = small_pack();
            for at in PACK_MAGIC.len() + 1..bytes.len() {
                for mask in [0x01, 0x02, 0x10, 0x80, 0xff] {
                    let mut damaged = bytes.clone();
                    damaged[at] ^= mask;
                    if let Ok(d) = Dataset::from_pack(&damaged) {
                        d.assert_consistent();
                    }
                }
            }
        }

        #[test]
        fn outlets_own_booking_pages() {
            let mut d = generate_dataset(20, 4).unwrap();
            d.outlets[2].booking = [
                (
                    Bookable::Service(Service::TestDrive),
                    "https://dealer.cn/td?s=2".to_string(),
                ),
                (Bookable::Notify, "https://dealer.cn/n".to_string()),
            ]
            .into();
            d.outlets[7].booking = [(
                Bookable::Service(Service::AfterSales),
                "https://dealer.cn/td?s=2".to_string(),
            )]
            .into();
            assert_round_trip(&d);
        }

        #[test]
        fn version_1_is_still_read() {
            let d = generate_dataset(40, 3).unwrap();
            let old = pack_as(&d, 1);
            assert_eq!(old[PACK_MAGIC.len()], 1);
            assert!(old.len() < pack(&d).len());
            let back = Dataset::from_pack(&old).unwrap();
            assert_eq!(back.outlets, d.outlets);
        }

        #[test]
        fn wrong_magic_and_version() {
            let mut bytes = small_pack();
            assert_eq!(
                Dataset::from_pack(br#"{"type": "FeatureCollection"}"#).unwrap_err(),
                bad(0, PackProblem::NotAPack)
            );
            bytes[7] = 3;
            assert_eq!(
                Dataset::from_pack(&bytes).unwrap_err(),
                DatasetError::PackVersion {
                    found: 3,
                    expected: 2
                }
            );
            bytes[0] = b'e';
            assert!(!is_pack(&bytes));
        }

        #[test]
        fn huge_counts_are_refused_before_any_allocation() {
            let mut bytes = b"EVLPACK\x01".to_vec();
            varint(&mut bytes, u64::MAX);
            assert_eq!(
                Dataset::from_pack(&bytes).unwrap_err(),
                bad(
                    8,
                    PackProblem::CountTooLarge {
                        what: "texts",
                        count: u64::MAX
                    }
                )
            );
            let mut bytes = b"EVLPACK\x01".to_vec();
            bytes.extend_from_slice(&[0xff; 11]);
            assert_eq!(
                Dataset::from_pack(&bytes).unwrap_err(),
                bad(8, PackProblem::Overflow)
            );
        }

        #[test]
        fn trailing_bytes() {
            let mut bytes = small_pack();
            bytes.push(0);
            assert!(matches!(
                Dataset::from_pack(&bytes),
                Err(DatasetError::BadPack {
                    problem: PackProblem::TrailingBytes(1),
                    ..
                })
            ));
        }

        proptest! {
            #[test]
            fn any_bytes_after_the_header(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
                let mut bytes = b"EVLPACK\x01".to_vec();
                bytes.extend_from_slice(&tail);
                if let Ok(d) = Dataset::from_pack(&bytes) {
                    d.assert_consistent();
                }
            }
        }
    }

    /// Packs made from edited datasets: what the GeoJSON reader refuses,
    /// the pack reader refuses too.
    mod edited {
        use super::*;

        fn refused(edit: impl FnOnce(&mut Dataset)) -> PackProblem {
            let mut d = generate_dataset(30, 9).unwrap();
            edit(&mut d);
            match Dataset::from_pack(&pack(&d)) {
                Err(DatasetError::BadPack { problem, .. }) => problem,
                other => panic!("{:?}", other.map(|d| d.outlets.len())),
            }
        }

        #[test]
        fn duplicate_ids_and_lost_relocations() {
            assert_eq!(
                refused(|d| d.outlets[5].id = d.outlets[2].id.clone()),
                PackProblem::DuplicateId(generate_dataset(30, 9).unwrap().outlets[2].id.clone())
            );
            assert!(matches!(
                refused(|d| d.outlets[3].relocated_to = Some("nowhere".into())),
                PackProblem::UnknownRelocationTarget { .. }
            ));
            assert_eq!(
                refused(|d| d.outlets[3].relocated_to = Some(d.outlets[3].id.clone())),
                PackProblem::Invalid("relocated_to")
            );
            assert_eq!(
                refused(|d| {
                    d.outlets[3].status = OutletStatus::Relocated;
                    d.outlets[3].relocated_to = None;
                }),
                PackProblem::Invalid("relocated_to")
            );
        }

        #[test]
        fn values_the_reader_refuses() {
            assert!(matches!(
                refused(|d| d.outlets[0].location.lat = f64::NAN),
                PackProblem::BadPosition(_)
            ));
            assert!(matches!(
                refused(|d| d.outlets[0].location.lng = 181.0),
                PackProblem::BadPosition(_)
            ));
            assert_eq!(
                refused(|d| d.outlets[1].website = Some("javascript:alert(1)".into())),
                PackProblem::Invalid("website")
            );
            assert_eq!(
                refused(|d| d.outlets[1].phone = Some("call me".into())),
                PackProblem::Invalid("phone")
            );
            assert_eq!(
                refused(|d| {
                    d.outlets[1].booking =
                        [(Bookable::Notify, "javascript:alert(1)".to_string())].into()
                }),
                PackProblem::Invalid("booking")
            );
            // Twice the same service, or out of order: not as the reader makes it.
            let url = || "https://a.cn/b".to_string();
            assert_eq!(
                refused(|d| {
                    d.outlets[1].booking = [
                        (Bookable::Notify, url()),
                        (Bookable::Service(Service::Sales), url()),
                    ]
                    .into()
                }),
                PackProblem::Invalid("booking")
            );
            assert_eq!(
                refused(|d| d.outlets[1].id = "has space".into()),
                PackProblem::Invalid("id")
            );
            assert_eq!(
                refused(|d| d.outlets[1].name = LocalText::default()),
                PackProblem::Invalid("name")
            );
            assert_eq!(
                refused(|d| {
                    let bad = TimeRange {
                        start_min: 600,
                        end_min: 600,
                    };
                    d.outlets[1].hours = Some(Arc::new(WeeklyHours::from_days(
                        [vec![bad], vec![], vec![], vec![], vec![], vec![], vec![]],
                        vec![],
                    )));
                }),
                PackProblem::Invalid("hours")
            );
            assert_eq!(
                refused(|d| {
                    d.outlets[1].mobile_service = Some(MobileService {
                        services: [Service::AfterSales].into_iter().collect(),
                        area: ServiceArea::Radius { radius_km: 0.0 },
                    })
                }),
                PackProblem::Invalid("mobile_service")
            );
        }
    }

    mod messages {
        use super::*;
        use crate::{Lang, Localized};

        #[test]
        fn in_both_languages_with_the_way_forward() {
            let errors = [
                bad(12, PackProblem::Truncated),
                bad(0, PackProblem::NotAPack),
                bad(40, PackProblem::DuplicateId("evh-sh-01".into())),
                DatasetError::PackVersion {
                    found: 2,
                    expected: 1,
                },
            ];
            for e in errors {
                let (en, zh) = (e.localized(Lang::En), e.localized(Lang::Zh));
                assert!(en.contains("evl-data pack"), "{en}");
                assert!(zh.contains("evl-data pack"), "{zh}");
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
                assert!(!e.code().is_empty());
            }
            assert_eq!(
                bad(12, PackProblem::Truncated).to_string(),
                "the packed outlet file is damaged at byte 12: the file ends too early (cut off in transfer?); build it again with `evl-data pack`"
            );
        }
    }
}
