//! Offline search: one box that finds places of a gazetteer (to set the
//! origin) and outlets by name, address, city or partner group (to select
//! one), in Chinese characters, pinyin or English.
//!
//! # Matching
//! Queries and texts are folded alike: full-width forms become ASCII, letters
//! lowercase, pinyin tone marks go (`Běijīng` is `beijing`), as do tone digits
//! typed after a syllable (`bei3jing1`); ü, v and u are one letter (`lü`,
//! `lv` and `lu` match alike); spaces, apostrophes and hyphens are dropped.
//! Each text gives up to three keys: its Chinese characters, its pinyin (the
//! gazetteer's own, or spelt with a [`PinyinTable`] for outlets) and its
//! English. A query term matches a key, best first, as
//! [`Exact`](MatchKind::Exact), [`Prefix`](MatchKind::Prefix), pinyin
//! [`Initials`](MatchKind::Initials) (`bj`, `sh` as s·h or as the initial
//! sh), [`Substring`](MatchKind::Substring) (anywhere in Chinese, from a
//! syllable or word start in pinyin and English) or, for terms of four
//! letters or more, [`Typo`](MatchKind::Typo): one letter wrong, missing,
//! extra or swapped (Damerau–Levenshtein distance 1) at a word start. The
//! first letter is trusted: a typo there is found only as the first two
//! letters swapped or one letter too many in front.
//!
//! A query of several terms (`beijing chaoyang`) needs every term to match
//! some field of the place or outlet; it is also tried as one term with the
//! spaces taken out (`bei jing`).
//!
//! # Ranking
//! The weakest term's kind of match first, then the field (a place's name,
//! then an outlet's name, city, partner group, a place's province, an
//! outlet's address; an outlet gains a little when the query names its city),
//! then population for places, then the order of the files.
//!
//! # Design
//! Every key sits in one string, with its word starts in one `u16` array and
//! a 32-byte entry per key holding two masks: the letters its words start
//! with, and a Bloom filter of its pairs of adjacent letters. A search scans
//! each record's entries of the term's script once per term, skipping at
//! once those that cannot beat what the record already has or whose masks
//! rule the term out, and keeps the best hits in a short sorted buffer: once
//! it is full, kinds of match that could not enter it are not even tried.
//! It allocates nothing per candidate. The typo pass runs only when the exact
//! passes found fewer hits than asked for, since typos rank below everything
//! else.
//!
//! # Costs
//! Natively, for the shipped gazetteer (2,307 places) and the sample (292
//! outlets): about 6 ms and 0.85 MB to build, 0.07–0.3 ms per keystroke,
//! under 1 ms with a typo. With 100,000 outlets: about 1 s and 107 MB (some
//! 1 KB of keys per outlet) to build, 8–15 ms per keystroke, about 0.13 s
//! when only typos match (`cargo bench -p locator-core --bench search`).

use crate::dataset::Dataset;
use crate::latlng::LatLng;
use crate::outlet::Outlet;
use crate::text::LocalText;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by characters, with a multiply-rotate hash: looked up once or
/// twice per character of every outlet text while indexing, where SipHash's
/// resistance to flooding buys nothing.
type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

/// The hasher of [`CharMap`].
#[derive(Debug, Default, Clone, Copy)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

// ---- the gazetteer --------------------------------------------------------

/// What kind of place a gazetteer entry is, as told by the suffixes of its
/// Chinese names in GeoNames (市, 区, 县, 镇).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A city (市), prefecture- or county-level, or Hong Kong and Macau.
    City,
    /// A district (区, 新区) of a city.
    District,
    /// A county (县, 自治县) or banner (旗).
    County,
    /// A town (镇), township (乡) or subdistrict (街道).
    Town,
    /// A populated place GeoNames gives no such name for.
    Other,
}

impl PlaceKind {
    /// All kinds, larger first.
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::City,
        PlaceKind::District,
        PlaceKind::County,
        PlaceKind::Town,
        PlaceKind::Other,
    ];

    /// The id used in `places.json` (`city`, `district`, `county`, `town`,
    /// `other`).
    pub fn id(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::District => "district",
            PlaceKind::County => "county",
            PlaceKind::Town => "town",
            PlaceKind::Other => "other",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// A province-level division of China: province, autonomous region,
/// municipality, or the special administrative regions and Taiwan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    /// Its name (`{"zh": "广东", "en": "Guangdong"}`).
    pub name: LocalText,
    /// The toneless pinyin of the Chinese name, syllables separated by
    /// spaces (`guang dong`).
    pub pinyin: String,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its name: the everyday Simplified Chinese form, with the suffix of a
    /// district or county (`静安`, `浦东新区`, `苏州`), and the English
    /// (GeoNames) name. A few places have an English name only.
    pub name: LocalText,
    /// The toneless pinyin of the Chinese name without its suffix, syllables
    /// separated by spaces (`pu dong`); for a place with an English name
    /// only, that name split into syllables when it is pinyin, else empty.
    pub pinyin: String,
    /// City, district, county, town or other.
    pub kind: PlaceKind,
    /// Its province: a position in [`Gazetteer::provinces`].
    pub province: usize,
    /// Its centre, WGS-84 degrees (to 4 decimals, about 10 m).
    pub location: LatLng,
    /// Inhabitants, as GeoNames gives them; 0 when unknown.
    pub population: u64,
}

/// The places a search can find, read from `places.json` (built by
/// `tools/gazetteer/make_gazetteer.py` from GeoNames).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    /// The places, most populous first.
    pub places: Vec<Place>,
    /// The province-level divisions the places refer to.
    pub provinces: Vec<Province>,
}

/// Why `places.json` or `pinyin.json` cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GazetteerError {
    /// Nothing but white space.
    #[error("{file} is empty")]
    Empty {
        /// `places.json` or `pinyin.json`.
        file: &'static str,
    },
    /// An HTML page, typically a server's error page.
    #[error(
        "{file} is a web page (HTML), not JSON; the server may have sent an error page instead"
    )]
    Html {
        /// `places.json` or `pinyin.json`.
        file: &'static str,
    },
    /// Not JSON of the expected shape.
    #[error("{file} cannot be read: {message} (line {line}, column {column})")]
    Json {
        /// `places.json` or `pinyin.json`.
        file: &'static str,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// Another format version, or columns this app does not know.
    #[error("{file} is in a format this app does not read: {problem}")]
    Format {
        /// `places.json` or `pinyin.json`.
        file: &'static str,
        /// What differs.
        problem: String,
    },
    /// One place's values are wrong.
    #[error("place {number} of places.json: {problem}")]
    BadPlace {
        /// 1-based position of the place in the file.
        number: usize,
        /// What is wrong.
        problem: String,
    },
}

/// The format version of `places.json` and `pinyin.json` this app reads.
const FORMAT: u64 = 1;
const PLACES_FILE: &str = "places.json";
const PINYIN_FILE: &str = "pinyin.json";
const PLACE_COLUMNS: [&str; 8] = [
    "zh",
    "en",
    "pinyin",
    "kind",
    "province",
    "lat",
    "lng",
    "population",
];

#[derive(Deserialize)]
struct RawGazetteer {
    format: u64,
    columns: Vec<String>,
    kinds: Vec<String>,
    provinces: Vec<(String, String, String)>,
    places: Vec<RawPlace>,
}

/// `[zh, en, pinyin, kind, province, lat, lng, population]`.
type RawPlace = (String, String, String, usize, usize, f64, f64, u64);

/// The checks every data file gets before serde reads it.
fn precheck(text: &str, file: &'static str) -> Result<(), GazetteerError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.is_empty() {
        return Err(GazetteerError::Empty { file });
    }
    if start.starts_with('<') {
        return Err(GazetteerError::Html { file });
    }
    Ok(())
}

fn json_error(file: &'static str, e: &serde_json::Error) -> GazetteerError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    };
    GazetteerError::Json {
        file,
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Whether a pinyin text is lowercase ASCII syllables separated by spaces.
fn is_pinyin(text: &str) -> bool {
    text.split(' ')
        .all(|s| !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_lowercase()))
}

impl Gazetteer {
    /// Reads the text of `places.json`: a header (`format`, `columns`,
    /// `kinds`, `provinces` as `[zh, en, pinyin]`) and one array per place,
    /// `[zh, en, pinyin, kind, province, lat, lng, population]`.
    ///
    /// # Examples
    /// ```
    /// use locator_core::{Gazetteer, PlaceKind};
    /// let text = r#"{"format": 1,
    ///   "columns": ["zh", "en", "pinyin", "kind", "province", "lat", "lng", "population"],
    ///   "kinds": ["city", "district", "county", "town", "other"],
    ///   "provinces": [["上海", "Shanghai", "shang hai"]],
    ///   "places": [["上海", "Shanghai", "shang hai", 0, 0, 31.2222, 121.4581, 24874500],
    ///              ["静安", "Jing'an", "jing an", 4, 0, 31.22, 121.4158, 936500]]}"#;
    /// let gazetteer = Gazetteer::parse(text).unwrap();
    /// let jingan = &gazetteer.places[1];
    /// assert_eq!(jingan.kind, PlaceKind::Other);
    /// assert_eq!(gazetteer.province(jingan).name.en.as_deref(), Some("Shanghai"));
    /// ```
    pub fn parse(text: &str) -> Result<Gazetteer, GazetteerError> {
        let file = PLACES_FILE;
        precheck(text, file)?;
        let text = text.trim_start_matches('\u{feff}');
        let raw: RawGazetteer = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
        let format = |problem: String| GazetteerError::Format { file, problem };
        if raw.format != FORMAT {
            return Err(format(format!(
                "format version {}, this app reads version {FORMAT}",
                raw.format
            )));
        }
        if raw.columns != PLACE_COLUMNS {
            return Err(format(format!(
                "columns {:?}, expected {PLACE_COLUMNS:?}",
                raw.columns
            )));
        }
        let kinds = raw
            .kinds
            .iter()
            .map(|k| PlaceKind::from_id(k).ok_or_else(|| format(format!("unknown kind \"{k}\""))))
            .collect::<Result<Vec<_>, _>>()?;
        let mut provinces = Vec::with_capacity(raw.provinces.len());
        for (zh, en, pinyin) in raw.provinces {
            if !is_pinyin(&pinyin) {
                return Err(format(format!("province {en}: pinyin \"{pinyin}\"")));
            }
            provinces.push(Province {
                name: local_text(zh, en),
                pinyin,
            });
        }
        let mut places = Vec::with_capacity(raw.places.len());
        for (i, (zh, en, pinyin, kind, province, lat, lng, population)) in
            raw.places.into_iter().enumerate()
        {
            let bad = |problem: String| GazetteerError::BadPlace {
                number: i + 1,
                problem,
            };
            if zh.trim().is_empty() && en.trim().is_empty() {
                return Err(bad("no name".into()));
            }
            if !pinyin.is_empty() && !is_pinyin(&pinyin) {
                return Err(bad(format!(
                    "pinyin \"{pinyin}\" is not toneless syllables"
                )));
            }
            let kind = *kinds
                .get(kind)
                .ok_or_else(|| bad(format!("kind {kind} is not in `kinds`")))?;
            if province >= provinces.len() {
                return Err(bad(format!("province {province} is not in `provinces`")));
            }
            let location = LatLng::new(lat, lng).map_err(|e| bad(e.to_string()))?;
            places.push(Place {
                name: local_text(zh, en),
                pinyin,
                kind,
                province,
                location,
                population,
            });
        }
        Ok(Gazetteer { places, provinces })
    }

    /// The province of a place of this gazetteer.
    ///
    /// # Panics
    /// If `place` comes from another gazetteer with more provinces; the
    /// parser checks every index of its own places.
    pub fn province(&self, place: &Place) -> &Province {
        &self.provinces[place.province]
    }
}

fn local_text(zh: String, en: String) -> LocalText {
    let keep = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    LocalText {
        zh: keep(zh),
        en: keep(en),
    }
}

// ---- the pinyin table -----------------------------------------------------

/// Toneless pinyin readings of Chinese characters, read from `pinyin.json`,
/// so that outlet names can be searched in pinyin. A character may have
/// several readings (行 xing, hang); the first is the most common.
#[derive(Debug, Clone, Default)]
pub struct PinyinTable {
    syllables: Vec<Box<str>>,
    readings: CharMap<Vec<u16>>,
}

#[derive(Deserialize)]
struct RawPinyin {
    format: u64,
    readings: Vec<BTreeMap<String, String>>,
}

impl PinyinTable {
    /// Reads the text of `pinyin.json`: `readings` is a list of layers, each
    /// mapping a syllable to the characters whose first (second, third...)
    /// reading it is.
    ///
    /// # Examples
    /// ```
    /// use locator_core::PinyinTable;
    /// let table = PinyinTable::parse(
    ///     r#"{"format": 1, "readings": [{"xing": "行", "bei": "北", "jing": "京"}, {"hang": "行"}]}"#,
    /// ).unwrap();
    /// assert_eq!(table.readings('行').collect::<Vec<_>>(), ["xing", "hang"]);
    /// assert_eq!(table.spell("北京"), "bei jing");
    /// ```
    pub fn parse(text: &str) -> Result<PinyinTable, GazetteerError> {
        let file = PINYIN_FILE;
        precheck(text, file)?;
        let text = text.trim_start_matches('\u{feff}');
        let raw: RawPinyin = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
        let format = |problem: String| GazetteerError::Format { file, problem };
        if raw.format != FORMAT {
            return Err(format(format!(
                "format version {}, this app reads version {FORMAT}",
                raw.format
            )));
        }
        let mut table = PinyinTable::default();
        let mut ids: HashMap<String, u16> = HashMap::new();
        for (depth, layer) in raw.readings.into_iter().enumerate() {
            for (syllable, chars) in layer {
                if !is_pinyin(&syllable) || syllable.contains(' ') {
                    return Err(format(format!("\"{syllable}\" is not a toneless syllable")));
                }
                let next = table.syllables.len();
                let id = match ids.get(&syllable) {
                    Some(&id) => id,
                    None => {
                        let id = u16::try_from(next)
                            .map_err(|_| format("more than 65,536 syllables".into()))?;
                        table.syllables.push(syllable.clone().into_boxed_str());
                        ids.insert(syllable, id);
                        id
                    }
                };
                for c in chars.chars() {
                    let list = table.readings.entry(c).or_default();
                    if list.len() != depth {
                        return Err(format(format!(
                            "{c} has a reading in layer {} but not in every layer before",
                            depth + 1
                        )));
                    }
                    list.push(id);
                }
            }
        }
        Ok(table)
    }

    /// The readings of a character, most common first; none for a character
    /// the table does not have.
    pub fn readings(&self, c: char) -> impl Iterator<Item = &str> + '_ {
        self.readings
            .get(&c)
            .into_iter()
            .flatten()
            .map(|&id| &*self.syllables[usize::from(id)])
    }

    /// The pinyin of the Chinese characters of `text`, first readings,
    /// separated by spaces; other characters are left out.
    pub fn spell(&self, text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if let Some(reading) = self.readings(c).next() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(reading);
            }
        }
        out
    }

    /// How many characters the table has.
    pub fn len(&self) -> usize {
        self.readings.len()
    }

    /// Whether the table has no character (searches then work on Chinese
    /// characters and English only for outlets).
    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }
}

// ---- hits -----------------------------------------------------------------

/// The field of a place or outlet that a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchField {
    /// The name of the place or outlet.
    Name,
    /// A place's province.
    Province,
    /// An outlet's street address.
    Address,
    /// An outlet's city.
    City,
    /// A partner's dealer group.
    PartnerGroup,
}

impl MatchField {
    /// Weight in a score: within a kind of match, a higher one ranks first.
    fn weight(self, place: bool) -> u32 {
        match (self, place) {
            (MatchField::Name, true) => 90,
            (MatchField::Name, false) => 80,
            (MatchField::City, _) => 70,
            (MatchField::PartnerGroup, _) => 60,
            (MatchField::Province, _) => 40,
            (MatchField::Address, _) => 30,
        }
    }
}

/// Which form of the field's text matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchForm {
    /// The Chinese text.
    Chinese,
    /// The pinyin of the Chinese text.
    Pinyin,
    /// The English text.
    English,
}

/// How well a query term matched, ordered from worst to best:
/// `Exact > Prefix > Initials > Substring > Typo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// One letter wrong, missing, extra or swapped, at a word start.
    Typo,
    /// Inside the text: anywhere in Chinese, from a syllable or word start in
    /// pinyin and English.
    Substring,
    /// The first letters of the pinyin syllables (`bj` for Beijing; zh, ch
    /// and sh may count as one letter or two).
    Initials,
    /// The start of the text.
    Prefix,
    /// The whole text (for a place, its name without 市, 区 or 县).
    Exact,
}

impl MatchKind {
    fn rank(self) -> u32 {
        match self {
            MatchKind::Typo => 1,
            MatchKind::Substring => 2,
            MatchKind::Initials => 3,
            MatchKind::Prefix => 4,
            MatchKind::Exact => 5,
        }
    }
}

/// One result of [`SearchIndex::search`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchHit {
    /// A place: choosing it sets the origin.
    Place {
        /// Position in [`Gazetteer::places`].
        index: usize,
        /// Higher is better; comparable within one search only.
        score: u32,
        /// The most telling field matched (the name over the province).
        field: MatchField,
        /// The form that matched in that field.
        form: MatchForm,
        /// The weakest term's kind of match.
        kind: MatchKind,
    },
    /// An outlet: choosing it selects it.
    Outlet {
        /// Position in [`Dataset::outlets`].
        index: usize,
        /// Higher is better; comparable within one search only.
        score: u32,
        /// The most telling field matched (the name over the city).
        field: MatchField,
        /// The form that matched in that field.
        form: MatchForm,
        /// The weakest term's kind of match.
        kind: MatchKind,
    },
}

impl SearchHit {
    /// The score: higher is better.
    pub fn score(&self) -> u32 {
        match *self {
            SearchHit::Place { score, .. } | SearchHit::Outlet { score, .. } => score,
        }
    }

    /// The field that matched.
    pub fn field(&self) -> MatchField {
        match *self {
            SearchHit::Place { field, .. } | SearchHit::Outlet { field, .. } => field,
        }
    }

    /// The form of the field that matched.
    pub fn form(&self) -> MatchForm {
        match *self {
            SearchHit::Place { form, .. } | SearchHit::Outlet { form, .. } => form,
        }
    }

    /// How well it matched.
    pub fn kind(&self) -> MatchKind {
        match *self {
            SearchHit::Place { kind, .. } | SearchHit::Outlet { kind, .. } => kind,
        }
    }
}

// ---- folding text ---------------------------------------------------------

/// What a character becomes in a search key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// This character.
    Char(char),
    /// Nothing, and the next character starts a word (spaces, punctuation).
    Break,
    /// Nothing (apostrophes inside a word: `Jing'an`).
    Silent,
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// The base letter of an accented Latin letter (lowercase), with ü as u.
fn latin_base(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ế' | 'ề' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ĭ' | 'į' | 'ǐ' | 'ı' => 'i',
        'ḿ' => 'm',
        'ñ' | 'ń' | 'ň' | 'ǹ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
            'u'
        }
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ğ' => 'g',
        _ => return None,
    })
}

/// How one character enters a key: full-width forms as ASCII, lowercase,
/// accents and tone marks off, v and ü as u.
fn fold(c: char) -> Fold {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'v' | 'V' => Fold::Char('u'),
        'a'..='z' | '0'..='9' => Fold::Char(c),
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' => Fold::Silent,
        _ if c.is_ascii() => Fold::Break,
        _ if is_han(c) => Fold::Char(c),
        _ => {
            let low = crate::case::to_lower(c);
            if let Some(base) = latin_base(low) {
                Fold::Char(base)
            } else if low.is_alphanumeric() {
                Fold::Char(low)
            } else {
                Fold::Break
            }
        }
    }
}

/// Suffixes of Chinese place names that a search may leave out, longest
/// first: 苏州市 is found as 苏州, 浦东新区 as 浦东.
const SUFFIXES: [&str; 11] = [
    "特别行政区",
    "自治县",
    "自治旗",
    "街道",
    "新区",
    "市",
    "区",
    "县",
    "旗",
    "镇",
    "乡",
];

/// The name without its suffix, when at least two characters remain.
fn stem(name: &str) -> &str {
    for suffix in SUFFIXES {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().nth(1).is_some() {
                return stem;
            }
        }
    }
    name
}

/// A query term, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    /// Has Chinese characters (or other non-ASCII letters): matched against
    /// Chinese keys; otherwise against pinyin and English keys.
    han: bool,
    /// ASCII letters only: may match as initials or with a typo.
    letters: bool,
    /// Bloom filter of its pairs of adjacent bytes: a key holds every pair
    /// of a term it contains.
    bigrams: u64,
}

impl Term {
    fn new(text: String) -> Term {
        let han = !text.is_ascii();
        let letters = text.bytes().all(|b| b.is_ascii_lowercase());
        let text = if han { stem(&text).to_string() } else { text };
        let bigrams = bigram_mask(text.as_bytes());
        Term {
            text,
            han,
            letters,
            bigrams,
        }
    }

    fn allows_typo(&self) -> bool {
        self.letters && self.text.len() >= 4
    }
}

/// A query split into terms at spaces and commas, each folded, with tone
/// digits after a letter (`bei3jing1`) dropped; with several terms, also all
/// of them as one (`bei jing`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Query {
    terms: Vec<Term>,
    joined: Option<Term>,
}

impl Query {
    fn parse(text: &str) -> Query {
        let mut terms = Vec::new();
        let mut current = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let splits = c.is_whitespace() || matches!(c, ',' | ';' | '，' | '、' | '；');
            if splits {
                if !current.is_empty() {
                    terms.push(Term::new(std::mem::take(&mut current)));
                }
                continue;
            }
            match fold(c) {
                Fold::Char(f) => {
                    // A tone digit: 1-5 right after a letter, not followed
                    // by another digit.
                    let tone = matches!(f, '1'..='5')
                        && current.ends_with(|p: char| p.is_ascii_lowercase())
                        && !chars.peek().is_some_and(|n| n.is_ascii_digit());
                    if !tone {
                        current.push(f);
                    }
                }
                Fold::Break | Fold::Silent => {}
            }
        }
        if !current.is_empty() {
            terms.push(Term::new(current));
        }
        let joined = match terms.len() {
            0 => None,
            1 => Some(terms.remove(0)),
            _ => Some(Term::new(terms.iter().map(|t| t.text.as_str()).collect())),
        };
        Query { terms, joined }
    }

    fn is_empty(&self) -> bool {
        self.joined.is_none()
    }

    fn allows_typo(&self) -> bool {
        self.terms
            .iter()
            .chain(self.joined.as_ref())
            .any(Term::allows_typo)
    }
}

// ---- the index ------------------------------------------------------------

/// What a record of the index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Place(u32),
    Outlet(u32),
}

/// One key: a field of a record in one form.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the key starts in `SearchIndex::text`.
    start: u32,
    /// Where its word starts (relative to `start`) begin in
    /// `SearchIndex::starts`.
    starts_from: u32,
    /// Byte length of the key.
    len: u16,
    /// Byte length of the key without a place-name suffix.
    stem_len: u16,
    /// How many word starts it has.
    starts_len: u16,
    /// Chinese terms of fewer bytes do not match (a place's "province +
    /// name" key answers 上海浦 but not 上海).
    min_term_len: u8,
    /// The field's weight for this record.
    weight: u8,
    /// Bit per first byte of its words (see [`letter_bit`]).
    first_letters: u32,
    field: MatchField,
    form: MatchForm,
    /// Matches initials (pinyin keys, and a place's English name).
    initials: bool,
    /// Its first byte.
    first: u8,
    /// Bloom filter of its pairs of adjacent bytes (see [`bigram_bit`]).
    bigrams: u64,
}

/// One place or outlet and its keys: Chinese ones, then pinyin and English
/// ones, each run in falling weight.
#[derive(Debug, Clone, Copy)]
struct Record {
    target: Target,
    entries_from: u32,
    ascii_from: u32,
    entries_to: u32,
    population: u64,
}

/// Keys are cut at this many bytes (a name or address is far shorter).
const MAX_KEY_LEN: usize = 4096;

/// The bit of a key's first-letter mask for a byte: a–z get their own bits,
/// digits share one, everything else another.
fn letter_bit(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << 26,
        _ => 1 << 31,
    }
}

/// The bit of a key's bigram Bloom filter for two adjacent bytes.
fn bigram_bit(a: u8, b: u8) -> u64 {
    let pair = (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1);
    1 << (pair >> 26)
}

/// The Bloom filter of all pairs of adjacent bytes of `text`.
fn bigram_mask(text: &[u8]) -> u64 {
    text.windows(2)
        .fold(0, |mask, w| mask | bigram_bit(w[0], w[1]))
}

/// The texts of one outlet that the search box finds it by.
#[derive(Debug, Clone, Copy)]
pub struct OutletTexts<'t> {
    /// Its name.
    pub name: &'t LocalText,
    /// Its city.
    pub city: &'t LocalText,
    /// The dealer group of a partner.
    pub partner_group: Option<&'t LocalText>,
    /// Its street address.
    pub address: &'t LocalText,
}

impl<'t> OutletTexts<'t> {
    /// `outlet`'s texts.
    pub fn of(outlet: &'t Outlet) -> OutletTexts<'t> {
        OutletTexts {
            name: &outlet.name,
            city: &outlet.city,
            partner_group: outlet.partner_group.as_deref(),
            address: &outlet.address,
        }
    }
}

/// An index of places and outlets for the search box, built once when the
/// data is loaded.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    text: String,
    starts: Vec<u16>,
    entries: Vec<Entry>,
    records: Vec<Record>,
}

/// The pinyin of one Chinese character of an outlet's text.
#[derive(Clone, Copy)]
enum Spelling<'a> {
    /// From a place name of the gazetteer (长宁 is chang ning).
    Fixed(&'a str),
    /// From the table: first reading, and a second one if any.
    Table(&'a str, Option<&'a str>),
    /// Not a Chinese character, or unknown to the table.
    None,
}

/// Writes keys into the index's arrays.
struct Builder<'a> {
    index: SearchIndex,
    pinyin: &'a PinyinTable,
    /// Place names whose pinyin the table's first readings get wrong
    /// (重庆, 长沙, 厦门) with their pinyin, by first character, longest
    /// first.
    phrases: CharMap<Vec<(&'a str, &'a str)>>,
    record_entries: u32,
}

/// Writes one key.
struct KeyWriter<'b> {
    text: &'b mut String,
    starts: &'b mut Vec<u16>,
    base: usize,
    at_break: bool,
    word_starts: bool,
}

impl KeyWriter<'_> {
    fn push(&mut self, c: char) {
        if self.text.len() - self.base + c.len_utf8() > MAX_KEY_LEN {
            return;
        }
        if self.at_break && self.word_starts {
            // Keys are at most MAX_KEY_LEN bytes.
            self.starts.push((self.text.len() - self.base) as u16);
        }
        self.at_break = false;
        self.text.push(c);
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            match fold(c) {
                Fold::Char(f) => self.push(f),
                Fold::Break => self.at_break = true,
                Fold::Silent => {}
            }
        }
    }

    /// A pinyin syllable as one word.
    fn push_syllable(&mut self, syllable: &str) {
        self.at_break = true;
        self.push_text(syllable);
        self.at_break = true;
    }
}

impl<'a> Builder<'a> {
    /// Adds a key written by `write`; dropped when empty, without a Chinese
    /// character in Chinese form, or the same as an earlier ASCII key of the
    /// same field of this record.
    fn key(
        &mut self,
        field: MatchField,
        form: MatchForm,
        place: bool,
        write: impl FnOnce(&mut KeyWriter),
    ) {
        self.key_from(field, form, place, 0, write);
    }

    /// [`key`](Builder::key), matching only terms of `min_term_len` bytes
    /// or more.
    fn key_from(
        &mut self,
        field: MatchField,
        form: MatchForm,
        place: bool,
        min_term_len: usize,
        write: impl FnOnce(&mut KeyWriter),
    ) {
        let index = &mut self.index;
        let start = index.text.len();
        let starts_from = index.starts.len();
        let mut writer = KeyWriter {
            text: &mut index.text,
            starts: &mut index.starts,
            base: start,
            at_break: true,
            word_starts: form != MatchForm::Chinese,
        };
        write(&mut writer);
        let key = &index.text[start..];
        let duplicate = form != MatchForm::Chinese
            && index.entries[index.entries.len() - self.record_entries as usize..]
                .iter()
                .any(|e| {
                    e.field == field
                        && e.form != MatchForm::Chinese
                        && &index.text[e.start as usize..][..usize::from(e.len)] == key
                });
        let useless = key.is_empty() || (form == MatchForm::Chinese && !key.chars().any(is_han));
        if duplicate || useless {
            index.text.truncate(start);
            index.starts.truncate(starts_from);
            return;
        }
        let stem_len = if form == MatchForm::Chinese {
            stem(key).len()
        } else {
            key.len()
        };
        let first_letters = index.starts[starts_from..]
            .iter()
            .fold(0, |mask, &s| mask | letter_bit(key.as_bytes()[s as usize]));
        let bigrams = if form == MatchForm::Chinese {
            0
        } else {
            bigram_mask(key.as_bytes())
        };
        // Keys are at most MAX_KEY_LEN bytes, so lengths fit in u16.
        index.entries.push(Entry {
            start: start as u32,
            starts_from: starts_from as u32,
            len: key.len() as u16,
            stem_len: stem_len as u16,
            starts_len: (index.starts.len() - starts_from) as u16,
            min_term_len: min_term_len.min(usize::from(u8::MAX)) as u8,
            weight: field.weight(place) as u8,
            first_letters,
            field,
            form,
            initials: form == MatchForm::Pinyin || (place && form == MatchForm::English),
            first: key.as_bytes()[0],
            bigrams,
        });
        self.record_entries += 1;
    }

    fn record(&mut self, target: Target, population: u64, add_keys: impl FnOnce(&mut Self)) {
        let from = self.index.entries.len();
        self.record_entries = 0;
        add_keys(self);
        let entries = &mut self.index.entries[from..];
        // Stable: each run keeps the order of weights.
        entries.sort_by_key(|e| e.form != MatchForm::Chinese);
        let chinese = entries
            .iter()
            .filter(|e| e.form == MatchForm::Chinese)
            .count();
        self.index.records.push(Record {
            target,
            entries_from: from as u32,
            ascii_from: (from + chinese) as u32,
            entries_to: self.index.entries.len() as u32,
            population,
        });
    }

    /// Chinese, pinyin (given) and English keys of a place's text.
    fn place_keys(&mut self, field: MatchField, name: &LocalText, pinyin: &str) {
        if let Some(zh) = &name.zh {
            self.key(field, MatchForm::Chinese, true, |w| w.push_text(zh));
        }
        self.key(field, MatchForm::Pinyin, true, |w| {
            pinyin.split(' ').for_each(|s| w.push_syllable(s))
        });
        if let Some(en) = &name.en {
            self.key(field, MatchForm::English, true, |w| w.push_text(en));
        }
    }

    /// How each character of `text` is spelt in pinyin.
    fn spellings(&self, text: &'a str) -> Vec<Spelling<'a>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        'chars: while i < chars.len() {
            let (at, c) = chars[i];
            if !is_han(c) {
                out.push(Spelling::None);
                i += 1;
                continue;
            }
            // The longest place name starting here.
            for &(phrase, pinyin) in self.phrases.get(&c).into_iter().flatten() {
                if text[at..].starts_with(phrase) {
                    out.extend(pinyin.split(' ').map(Spelling::Fixed));
                    i += phrase.chars().count();
                    continue 'chars;
                }
            }
            let mut readings = self.pinyin.readings(c);
            out.push(match readings.next() {
                Some(first) => Spelling::Table(first, readings.next()),
                None => Spelling::None,
            });
            i += 1;
        }
        out
    }

    /// Chinese, pinyin and English keys of an outlet's text. When a
    /// character has a second reading, a second pinyin key uses it (长河 is
    /// zhang he and chang he).
    fn outlet_keys(&mut self, field: MatchField, text: &'a LocalText) {
        if let Some(zh) = &text.zh {
            self.key(field, MatchForm::Chinese, false, |w| w.push_text(zh));
            let spellings = self.spellings(zh);
            let has_second = spellings
                .iter()
                .any(|s| matches!(s, Spelling::Table(_, Some(_))));
            for second in [false, true] {
                if second && !has_second {
                    break;
                }
                self.key(field, MatchForm::Pinyin, false, |w| {
                    for (c, spelling) in zh.chars().zip(&spellings) {
                        match *spelling {
                            Spelling::Fixed(s) | Spelling::Table(s, None) => w.push_syllable(s),
                            Spelling::Table(first, Some(other)) => {
                                w.push_syllable(if second { other } else { first })
                            }
                            Spelling::None if is_han(c) => w.at_break = true,
                            Spelling::None => match fold(c) {
                                Fold::Char(f) if f.is_ascii() => w.push(f),
                                Fold::Char(_) | Fold::Break => w.at_break = true,
                                Fold::Silent => {}
                            },
                        }
                    }
                });
            }
        }
        if let Some(en) = &text.en {
            self.key(field, MatchForm::English, false, |w| w.push_text(en));
        }
    }
}

impl SearchIndex {
    /// Indexes the places of the gazetteer and the outlets of the dataset.
    /// Outlet texts are spelt in pinyin with `pinyin`, place names of the
    /// gazetteer taking their own pinyin (重庆 is chong qing, not zhong qing).
    ///
    /// # Examples
    /// ```
    /// use locator_core::{Dataset, Gazetteer, PinyinTable, SearchHit, SearchIndex};
    /// let gazetteer = Gazetteer::parse(r#"{"format": 1,
    ///   "columns": ["zh", "en", "pinyin", "kind", "province", "lat", "lng", "population"],
    ///   "kinds": ["city", "district", "county", "town", "other"],
    ///   "provinces": [["上海", "Shanghai", "shang hai"], ["北京", "Beijing", "bei jing"]],
    ///   "places": [["上海", "Shanghai", "shang hai", 0, 0, 31.2222, 121.4581, 24874500],
    ///              ["北京", "Beijing", "bei jing", 0, 1, 39.9075, 116.3972, 18960744]]}"#).unwrap();
    /// let pinyin = PinyinTable::parse(
    ///     r#"{"format": 1, "readings": [{"shang": "上", "hai": "海", "jing": "静", "an": "安"}]}"#,
    /// ).unwrap();
    /// let dataset = Dataset::parse(r#"{"type": "FeatureCollection", "schema_version": 1,
    ///   "brand": {"zh": "青云汽车", "en": "Qingyun Motors"}, "updated": "2026-11-20",
    ///   "time_zone": "Asia/Shanghai", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4581, 31.2222]},
    ///    "properties": {"id": "evh-sh-01", "kind": "ev_home", "name": {"zh": "上海静安 EV Home"},
    ///     "address": {"zh": "南京西路 1 号"}, "city": {"zh": "上海"}, "province": {"zh": "上海"},
    ///     "services": ["sales"]}}]}"#).unwrap();
    /// let index = SearchIndex::new(&gazetteer, &dataset, &pinyin);
    ///
    /// let hits = index.search("Běijīng", 5);
    /// assert!(matches!(hits[0], SearchHit::Place { index: 1, .. }));
    /// let hits = index.search("jingan", 5);
    /// assert!(matches!(hits[..], [SearchHit::Outlet { index: 0, .. }]));
    /// ```
    pub fn new(gazetteer: &Gazetteer, dataset: &Dataset, pinyin: &PinyinTable) -> SearchIndex {
        SearchIndex::of_outlets(
            gazetteer,
            dataset.outlets.iter().map(OutletTexts::of),
            pinyin,
        )
    }

    /// [`new`](SearchIndex::new) for outlets given by their texts alone (as
    /// the search worker gets them), in the dataset's order: an outlet hit's
    /// index is its position in `outlets`.
    pub fn of_outlets<'t>(
        gazetteer: &'t Gazetteer,
        outlets: impl IntoIterator<Item = OutletTexts<'t>>,
        pinyin: &'t PinyinTable,
    ) -> SearchIndex {
        let mut phrases: CharMap<Vec<(&str, &str)>> = CharMap::default();
        for place in &gazetteer.places {
            let Some(zh) = place.name.zh.as_deref() else {
                continue;
            };
            let name = stem(zh);
            let count = name.chars().count();
            if count < 2 || place.pinyin.split(' ').count() != count {
                continue;
            }
            let first_readings = name
                .chars()
                .map(|c| pinyin.readings(c).next().unwrap_or(""));
            let Some(first) = name.chars().next() else {
                continue;
            };
            if !first_readings.eq(place.pinyin.split(' ')) {
                let list = phrases.entry(first).or_default();
                // The most populous place of a name gives its reading.
                if list.iter().all(|&(p, _)| p != name) {
                    list.push((name, place.pinyin.as_str()));
                }
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|&(p, _)| std::cmp::Reverse(p.len()));
        }
        let mut builder = Builder {
            index: SearchIndex::default(),
            pinyin,
            phrases,
            record_entries: 0,
        };

        for (i, place) in gazetteer.places.iter().enumerate() {
            builder.record(Target::Place(i as u32), place.population, |b| {
                b.place_keys(MatchField::Name, &place.name, &place.pinyin);
                // "上海浦东" finds 浦东 of Shanghai.
                let province = gazetteer.provinces.get(place.province);
                if let (Some(province), Some(zh)) = (province, &place.name.zh) {
                    if let Some(pzh) = province.name.zh.as_deref().filter(|p| *p != stem(zh)) {
                        b.key_from(
                            MatchField::Name,
                            MatchForm::Chinese,
                            true,
                            pzh.len() + 1,
                            |w| {
                                w.push_text(pzh);
                                w.push_text(zh);
                            },
                        );
                    }
                }
                if let Some(province) = province {
                    b.place_keys(MatchField::Province, &province.name, &province.pinyin);
                }
            });
        }
        for (i, outlet) in outlets.into_iter().enumerate() {
            builder.record(Target::Outlet(i as u32), 0, |b| {
                b.outlet_keys(MatchField::Name, outlet.name);
                b.outlet_keys(MatchField::City, outlet.city);
                if let Some(group) = outlet.partner_group {
                    b.outlet_keys(MatchField::PartnerGroup, group);
                }
                b.outlet_keys(MatchField::Address, outlet.address);
            });
        }
        let mut index = builder.index;
        index.text.shrink_to_fit();
        index.starts.shrink_to_fit();
        index.entries.shrink_to_fit();
        index.records.shrink_to_fit();
        index
    }

    /// The best `limit` places and outlets for what was typed, best first;
    /// none for an empty query.
    ///
    /// # Examples
    /// See [`SearchIndex::new`].
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let query = Query::parse(query);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut found = self.best_records(&query, false, limit);
        if found.len() < limit && query.allows_typo() {
            found = self.best_records(&query, true, limit);
        }
        found
            .into_iter()
            .map(|(f, record)| match record.target {
                Target::Place(i) => SearchHit::Place {
                    index: i as usize,
                    score: f.score,
                    field: f.field,
                    form: f.form,
                    kind: f.kind,
                },
                Target::Outlet(i) => SearchHit::Outlet {
                    index: i as usize,
                    score: f.score,
                    field: f.field,
                    form: f.form,
                    kind: f.kind,
                },
            })
            .collect()
    }

    /// The best `limit` records for the query, best first: for a short list
    /// a sorted buffer that a record enters only when it beats the last one
    /// kept, else all hits sorted.
    fn best_records(&self, query: &Query, typo: bool, limit: usize) -> Vec<(Found, &Record)> {
        // Score, then population, then places before outlets in file order.
        let rank = |(f, r): &(Found, &Record)| {
            (
                std::cmp::Reverse(f.score),
                std::cmp::Reverse(r.population),
                r.target,
            )
        };
        if limit > SHORT_LIST {
            let mut all: Vec<_> = self
                .records
                .iter()
                .filter_map(|r| Some((self.score(r, query, typo, 0)?, r)))
                .collect();
            all.sort_unstable_by_key(rank);
            all.truncate(limit);
            return all;
        }
        let mut best: Vec<(Found, &Record)> = Vec::with_capacity(limit + 1);
        for record in &self.records {
            // Once the list is full, only a score as high as its last can enter.
            let floor = match best.last() {
                Some((last, _)) if best.len() == limit => last.score,
                _ => 0,
            };
            let Some(found) = self.score(record, query, typo, floor) else {
                continue;
            };
            let hit = (found, record);
            if best.len() == limit && best.last().is_some_and(|last| rank(last) <= rank(&hit)) {
                continue;
            }
            let at = best.partition_point(|kept| rank(kept) <= rank(&hit));
            best.insert(at, hit);
            best.truncate(limit);
        }
        best
    }

    /// The record's best match for the query: as one joined term, or with
    /// every term matching some key.
    /// Matches that would score under `floor` may be missed: they could not
    /// enter the list anyway.
    fn score(&self, record: &Record, query: &Query, typo: bool, floor: u32) -> Option<Found> {
        let floor = floor.saturating_sub(CITY_BOOST);
        let chinese = &self.entries[record.entries_from as usize..record.ascii_from as usize];
        let ascii = &self.entries[record.ascii_from as usize..record.entries_to as usize];
        let entries = |t: &Term| if t.han { chinese } else { ascii };
        let outlet = matches!(record.target, Target::Outlet(_));
        let boost = |f: Found| {
            if outlet && f.field == MatchField::City && f.kind >= MatchKind::Initials {
                CITY_BOOST
            } else {
                0
            }
        };
        let joined = query
            .joined
            .as_ref()
            .and_then(|t| self.best(entries(t), t, typo, floor))
            .map(|f| Found {
                score: f.score + boost(f),
                ..f
            });
        if query.terms.len() < 2 {
            return joined;
        }
        let mut weakest: Option<Found> = None;
        let mut shown: Option<Found> = None;
        let mut bonus = 0;
        for term in &query.terms {
            let Some(f) = self.best(entries(term), term, typo, floor) else {
                return joined;
            };
            bonus = bonus.max(boost(f));
            if weakest.is_none_or(|w| f.score < w.score) {
                weakest = Some(f);
            }
            if shown.is_none_or(|s| (f.weight, f.score) > (s.weight, s.score)) {
                shown = Some(f);
            }
        }
        let split = match (weakest, shown) {
            (Some(weakest), Some(shown)) => Found {
                score: weakest.score + bonus,
                kind: weakest.kind,
                ..shown
            },
            _ => return joined,
        };
        match joined {
            Some(j) if j.score >= split.score => Some(j),
            _ => Some(split),
        }
    }

    /// The best of a record's keys (all of the term's script) for one term.
    /// Matches scoring under `floor` are not looked for: they could not
    /// enter the list.
    fn best(&self, entries: &[Entry], term: &Term, typo: bool, floor: u32) -> Option<Found> {
        let mut best: Option<Found> = None;
        let &first = term.text.as_bytes().first()?;
        let typo = typo && term.allows_typo();
        for entry in entries {
            let weight = u32::from(entry.weight);
            // The weakest kind of match that would still count here.
            let bar = best.map_or(floor, |b| floor.max(b.score + 1));
            let least = bar.saturating_sub(weight).div_ceil(KIND_SCALE);
            if least > MatchKind::Exact.rank() {
                continue;
            }
            let kind = if term.han {
                self.match_chinese(entry, &term.text, least)
            } else if may_match(entry, term, first, typo && least <= 1) {
                self.match_ascii(entry, term, typo, least)
            } else {
                None
            };
            let Some(kind) = kind else { continue };
            let score = kind.rank() * KIND_SCALE + weight;
            if best.is_none_or(|b| score > b.score) {
                best = Some(Found {
                    score,
                    field: entry.field,
                    form: entry.form,
                    kind,
                    weight,
                });
            }
        }
        best
    }

    fn key(&self, entry: &Entry) -> &str {
        &self.text[entry.start as usize..][..usize::from(entry.len)]
    }

    /// A Chinese key against a Chinese term; kinds ranked under `least`
    /// are not tried.
    fn match_chinese(&self, entry: &Entry, term: &str, least: u32) -> Option<MatchKind> {
        if term.len() < usize::from(entry.min_term_len) {
            return None;
        }
        let key = self.key(entry);
        if key == term || &key[..usize::from(entry.stem_len)] == term {
            Some(MatchKind::Exact)
        } else if least <= MatchKind::Prefix.rank() && key.starts_with(term) {
            Some(MatchKind::Prefix)
        } else if least <= MatchKind::Substring.rank() && key.contains(term) {
            Some(MatchKind::Substring)
        } else {
            None
        }
    }

    /// A pinyin or English key against an ASCII term; `typo` also tries one
    /// edit at each word start. Kinds ranked under `least` are not tried.
    fn match_ascii(&self, entry: &Entry, term: &Term, typo: bool, least: u32) -> Option<MatchKind> {
        let key = self.key(entry).as_bytes();
        let t = term.text.as_bytes();
        if key == t {
            return Some(MatchKind::Exact);
        }
        if least > MatchKind::Prefix.rank() {
            return None;
        }
        if key.starts_with(t) {
            return Some(MatchKind::Prefix);
        }
        if least > MatchKind::Initials.rank() {
            return None;
        }
        let starts = &self.starts[entry.starts_from as usize..][..usize::from(entry.starts_len)];
        if entry.initials && term.letters && t.len() >= 2 && initials(key, starts, t) {
            return Some(MatchKind::Initials);
        }
        if least > MatchKind::Substring.rank() {
            return None;
        }
        if starts
            .iter()
            .skip(1)
            .any(|&s| key[s as usize..].starts_with(t))
        {
            return Some(MatchKind::Substring);
        }
        if typo && least <= MatchKind::Typo.rank() {
            // The first letter is trusted, unless swapped with the second or
            // preceded by one too many.
            let m = t.len();
            let near = |s: usize| {
                (key[s] == t[0] || key[s] == t[1])
                    && [m, m + 1, m - 1]
                        .into_iter()
                        .any(|len| s + len <= key.len() && within_one_edit(t, &key[s..s + len]))
            };
            if starts.iter().any(|&s| near(s as usize)) {
                return Some(MatchKind::Typo);
            }
        }
        None
    }
}

/// Whether an ASCII term may match a key, from the key's masks alone: a
/// word of the key starts with the term's first letter and the key has every
/// pair of adjacent letters of the term; or the key starts with that letter
/// and takes initials; or, with `typo`, a word starts with one of the term's
/// first two letters and the key has all but three of the term's pairs (one
/// edit changes at most three).
fn may_match(entry: &Entry, term: &Term, first: u8, typo: bool) -> bool {
    let starts_a_word = entry.first_letters & letter_bit(first) != 0;
    if starts_a_word && entry.bigrams & term.bigrams == term.bigrams {
        return true;
    }
    if entry.initials && term.letters && entry.first == first {
        return true;
    }
    let second = term.text.as_bytes().get(1).map_or(0, |&b| letter_bit(b));
    typo && (starts_a_word || entry.first_letters & second != 0)
        && (term.bigrams & !entry.bigrams).count_ones() <= 3
}

/// Points per step of [`MatchKind`]: more than any field weight and boost,
/// so the kind of match always ranks first.
const KIND_SCALE: u32 = 1000;
/// Up to this many hits are kept in a sorted buffer while scanning.
const SHORT_LIST: usize = 64;
/// Extra points for an outlet when the query names its city.
const CITY_BOOST: u32 = 5;

/// A match of a term or query in one record.
#[derive(Debug, Clone, Copy)]
struct Found {
    score: u32,
    field: MatchField,
    form: MatchForm,
    kind: MatchKind,
    weight: u32,
}

/// Whether `term` spells the initials of the key's syllables from the first
/// one on: each syllable gives its first letter, or zh, ch, sh.
fn initials(key: &[u8], starts: &[u16], term: &[u8]) -> bool {
    let Some(&letter) = term.first() else {
        return true;
    };
    let Some((&start, rest)) = starts.split_first() else {
        return false;
    };
    let syllable = &key[start as usize..];
    if syllable.first() != Some(&letter) {
        return false;
    }
    if initials(key, rest, &term[1..]) {
        return true;
    }
    matches!(letter, b'z' | b'c' | b's')
        && syllable.get(1) == Some(&b'h')
        && term.get(1) == Some(&b'h')
        && initials(key, rest, &term[2..])
}

/// Whether `a` and `b` differ by at most one substitution, insertion,
/// deletion or swap of adjacent letters (Damerau–Levenshtein distance ≤ 1).
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[same..], &b[same..]);
    match (a.len(), b.len()) {
        (0, 0) => true,
        (x, y) if x == y => {
            a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (x, y) if x == y + 1 => a[1..] == *b,
        (x, y) if y == x + 1 => *a == b[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::Outlet;
    use std::sync::OnceLock;

    struct Data {
        gazetteer: Gazetteer,
        dataset: Dataset,
        index: SearchIndex,
    }

    /// The shipped gazetteer, pinyin table and sample dataset.
    fn data() -> &'static Data {
        static DATA: OnceLock<Data> = OnceLock::new();
        DATA.get_or_init(|| {
            let gazetteer =
                Gazetteer::parse(include_str!("../../public/data/places.json")).unwrap();
            let pinyin = PinyinTable::parse(include_str!("../../public/data/pinyin.json")).unwrap();
            let dataset =
                Dataset::parse(include_str!("../../public/data/outlets.geojson")).unwrap();
            let index = SearchIndex::new(&gazetteer, &dataset, &pinyin);
            Data {
                gazetteer,
                dataset,
                index,
            }
        })
    }

    fn search(query: &str) -> Vec<SearchHit> {
        data().index.search(query, 20)
    }

    /// The English name of the first hit, which must be a place.
    fn first_place(query: &str) -> &'static str {
        match search(query).first() {
            Some(&SearchHit::Place { index, .. }) => data().gazetteer.places[index]
                .name
                .en
                .as_deref()
                .unwrap_or(""),
            other => panic!("{query}: first hit {other:?}"),
        }
    }

    fn outlet_ids(hits: &[SearchHit]) -> Vec<&'static str> {
        hits.iter()
            .filter_map(|h| match *h {
                SearchHit::Outlet { index, .. } => Some(data().dataset.outlets[index].id.as_str()),
                SearchHit::Place { .. } => None,
            })
            .collect()
    }

    mod folding {
        use super::*;

        fn terms(q: &str) -> Vec<String> {
            let q = Query::parse(q);
            if q.terms.is_empty() {
                q.joined.into_iter().map(|t| t.text).collect()
            } else {
                q.terms.into_iter().map(|t| t.text).collect()
            }
        }

        #[test]
        fn full_width_and_case() {
            assert_eq!(terms("ＳＨＡＮＧＨＡＩ"), ["shanghai"]);
            assert_eq!(terms("Ｅｖ　Ｈｏｍｅ"), ["eu", "home"]);
        }

        #[test]
        fn tone_marks_and_digits() {
            assert_eq!(terms("Běijīng"), ["beijing"]);
            assert_eq!(terms("bei3jing1"), ["beijing"]);
            assert_eq!(terms("Shàng hǎi"), ["shang", "hai"]);
            assert_eq!(Query::parse("Shàng hǎi").joined.unwrap().text, "shanghai");
            // Digits that are not tones stay.
            assert_eq!(terms("b12"), ["b12"]);
            assert_eq!(terms("1191"), ["1191"]);
        }

        #[test]
        fn u_umlaut_and_v_are_u() {
            assert_eq!(terms("Lǚliáng"), terms("lvliang"));
            assert_eq!(terms("lüliang"), ["luliang"]);
        }

        #[test]
        fn punctuation_and_suffixes() {
            assert_eq!(terms("\"Jing'an\""), ["jingan"]);
            assert_eq!(terms("xi-an"), ["xian"]);
            assert_eq!(terms("北京，朝阳区"), ["北京", "朝阳"]);
            assert_eq!(terms("苏州市"), ["苏州"]);
            // A one-character stem keeps its suffix.
            assert_eq!(terms("芒市"), ["芒市"]);
        }

        #[test]
        fn one_edit() {
            assert!(within_one_edit(b"shangahi", b"shanghai"));
            assert!(within_one_edit(b"shanhai", b"shanghai"));
            assert!(within_one_edit(b"shangghai", b"shanghai"));
            assert!(within_one_edit(b"shanghei", b"shanghai"));
            assert!(!within_one_edit(b"shnaghia", b"shanghai"));
            assert!(!within_one_edit(b"sanghia", b"shanghai"));
        }
    }

    mod files {
        use super::*;

        #[test]
        fn the_shipped_gazetteer_reads() {
            let g = &data().gazetteer;
            assert!(g.places.len() > 2000, "{}", g.places.len());
            assert_eq!(g.provinces.len(), 34);
            let shanghai = &g.places[0];
            assert_eq!(shanghai.name, LocalText::new("上海", "Shanghai"));
            assert_eq!(shanghai.pinyin, "shang hai");
            assert_eq!(shanghai.kind, PlaceKind::City);
            assert!((shanghai.location.lat - 31.22).abs() < 0.05);
            let chongqing = g
                .places
                .iter()
                .find(|p| p.name.zh.as_deref() == Some("重庆"))
                .unwrap();
            assert_eq!(chongqing.pinyin, "chong qing");
            assert_eq!(g.province(chongqing).name.en.as_deref(), Some("Chongqing"));
        }

        #[test]
        fn the_shipped_pinyin_table_keeps_every_reading() {
            let t = PinyinTable::parse(include_str!("../../public/data/pinyin.json")).unwrap();
            assert!(t.len() > 3700, "{}", t.len());
            let readings = |c| t.readings(c).collect::<Vec<_>>();
            assert!(readings('行').starts_with(&["xing", "hang"]));
            assert!(readings('重').starts_with(&["zhong", "chong"]));
            assert_eq!(readings('长'), ["chang", "zhang"]);
            assert!(readings('😀').is_empty());
        }

        #[test]
        fn refuses_what_is_not_a_gazetteer() {
            assert!(matches!(
                Gazetteer::parse(" "),
                Err(GazetteerError::Empty { .. })
            ));
            assert!(matches!(
                Gazetteer::parse("<!doctype html>"),
                Err(GazetteerError::Html { .. })
            ));
            let err = Gazetteer::parse("{\"format\": 1,").unwrap_err();
            assert!(matches!(err, GazetteerError::Json { line: 1, .. }), "{err}");
            let err = Gazetteer::parse(
                r#"{"format": 2, "columns": [], "kinds": [], "provinces": [], "places": []}"#,
            )
            .unwrap_err();
            assert!(err.to_string().contains("version 2"), "{err}");
            assert!(PinyinTable::parse("[]").is_err());
        }

        #[test]
        fn names_a_bad_place() {
            let text = r#"{"format": 1,
              "columns": ["zh", "en", "pinyin", "kind", "province", "lat", "lng", "population"],
              "kinds": ["city"], "provinces": [["上海", "Shanghai", "shang hai"]],
              "places": [["上海", "Shanghai", "shang hai", 0, 0, 31.2, 121.5, 1],
                         ["北京", "Beijing", "bei jing", 0, 3, 39.9, 116.4, 1]]}"#;
            let err = Gazetteer::parse(text).unwrap_err();
            assert_eq!(
                err,
                GazetteerError::BadPlace {
                    number: 2,
                    problem: "province 3 is not in `provinces`".into()
                }
            );
            let swapped = text
                .replace("39.9, 116.4", "116.4, 39.9")
                .replace(", 3, ", ", 0, ");
            assert!(matches!(
                Gazetteer::parse(&swapped),
                Err(GazetteerError::BadPlace { number: 2, .. })
            ));
        }
    }

    mod places {
        use super::*;

        #[test]
        fn shanghai_first_however_written() {
            for query in [
                "上海",
                "shanghai",
                "Shàng hǎi",
                "sh",
                "shangahi",
                "\"Shanghai\"",
                "SHANGHAI",
                "shang",
                "上",
            ] {
                assert_eq!(first_place(query), "Shanghai", "{query}");
            }
        }

        #[test]
        fn by_initials() {
            assert_eq!(first_place("bj"), "Beijing");
            assert_eq!(first_place("cq"), "Chongqing");
            assert_eq!(first_place("sz"), "Shenzhen");
            let hit = search("bj")[0];
            assert_eq!(hit.kind(), MatchKind::Initials);
            // sh as the one initial of shen zhen, then zh.
            assert!(initials(b"shenzhen", &[0, 4], b"shzh"));
            assert!(initials(b"shenzhen", &[0, 4], b"sz"));
            assert!(!initials(b"shenzhen", &[0, 4], b"szz"));
        }

        #[test]
        fn heteronyms_read_as_the_place_name() {
            assert_eq!(first_place("chongqing"), "Chongqing");
            assert_eq!(first_place("xiamen"), "Xiamen");
            assert_eq!(first_place("changsha"), "Changsha");
        }

        #[test]
        fn english_chinese_and_suffixes() {
            assert_eq!(first_place("Pudong"), "Pudong");
            assert_eq!(first_place("浦东新区"), "Pudong");
            assert_eq!(first_place("苏州市"), "Suzhou");
            assert_eq!(first_place("上海浦东"), "Pudong");
            // "Province + name" needs more than the province: 上 finds places
            // named 上…, not every place in Shanghai.
            for hit in search("上").iter().take(5) {
                if let SearchHit::Place { index, .. } = *hit {
                    let zh = data().gazetteer.places[index].name.zh.as_deref().unwrap();
                    assert!(zh.starts_with('上'), "{zh}");
                }
            }
            assert_eq!(first_place("hong kong"), "Hong Kong");
            assert_eq!(first_place("Urumqi"), "Ürümqi");
            let hit = search("上海")[0];
            assert_eq!(
                (hit.field(), hit.form(), hit.kind()),
                (MatchField::Name, MatchForm::Chinese, MatchKind::Exact)
            );
        }

        #[test]
        fn several_terms_must_all_match() {
            // 静安 of Shanghai, not the Jing'an of Jiangsu.
            for query in ["shanghai jingan", "上海 静安", "上海静安"] {
                let hits = search(query);
                let Some(&SearchHit::Place { index, field, .. }) = hits.first() else {
                    panic!("{query}: {hits:?}");
                };
                let place = &data().gazetteer.places[index];
                assert_eq!(place.name.zh.as_deref(), Some("静安"), "{query}");
                assert_eq!(field, MatchField::Name);
            }
            assert!(search("beijing jingan")
                .iter()
                .all(|h| !matches!(h, SearchHit::Place { index, .. } if data().gazetteer.places[*index].name.zh.as_deref() == Some("静安"))));
        }

        #[test]
        fn a_typo_ranks_below_a_match() {
            let hits = search("shangahi");
            assert_eq!(hits[0].kind(), MatchKind::Typo);
            // Short terms get no typo.
            assert!(search("shn").iter().all(|h| h.kind() != MatchKind::Typo));
        }
    }

    mod outlets {
        use super::*;

        /// The sample's outlets whose Chinese name has `part`.
        fn named(part: &str) -> Vec<&'static str> {
            data()
                .dataset
                .outlets
                .iter()
                .filter(|o| o.name.zh.as_deref().is_some_and(|n| n.contains(part)))
                .map(|o| o.id.as_str())
                .collect()
        }

        #[test]
        fn by_district_in_chinese_and_pinyin() {
            // The sample has no outlet in Jing'an; Changning (长宁, whose 长
            // is also read zhang) has several.
            let expected = named("长宁");
            assert!(expected.len() >= 3, "{expected:?}");
            for query in [
                "长宁",
                "changning",
                "chang ning",
                "Chángníng",
                "上海 长宁",
                "shanghai changning",
            ] {
                let found = outlet_ids(&search(query));
                for id in &expected {
                    assert!(found.contains(id), "{query}: {id} not in {found:?}");
                }
            }
        }

        #[test]
        fn jingan_outlet_in_chinese_and_pinyin() {
            let dataset = Dataset::parse(
                r#"{"type": "FeatureCollection", "schema_version": 1,
                  "brand": {"zh": "青云汽车", "en": "Qingyun Motors"}, "updated": "2026-11-20",
                  "time_zone": "Asia/Shanghai", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4581, 31.2222]},
                   "properties": {"id": "evh-sh-01", "kind": "ev_home",
                    "name": {"zh": "上海静安 EV Home", "en": "EV Home Shanghai Jing'an"},
                    "address": {"zh": "南京西路 1 号", "en": "1 Nanjing West Road"},
                    "city": {"zh": "上海", "en": "Shanghai"}, "province": {"zh": "上海", "en": "Shanghai"},
                    "services": ["sales"]}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4, 31.2]},
                   "properties": {"id": "evh-sh-02", "kind": "ev_home",
                    "name": {"zh": "上海长宁 EV Home", "en": "EV Home Shanghai Changning"},
                    "address": {"zh": "长宁路 1 号", "en": "1 Changning Road"},
                    "city": {"zh": "上海", "en": "Shanghai"}, "province": {"zh": "上海", "en": "Shanghai"},
                    "services": ["sales"]}}]}"#,
            )
            .unwrap();
            let pinyin = PinyinTable::parse(include_str!("../../public/data/pinyin.json")).unwrap();
            let index = SearchIndex::new(&data().gazetteer, &dataset, &pinyin);
            for query in [
                "静安",
                "jingan",
                "Jìng'ān",
                "jing an",
                "上海静安",
                "shanghai jingan",
                "jingan ev home",
            ] {
                let outlets: Vec<_> = index
                    .search(query, 50)
                    .into_iter()
                    .filter_map(|h| match h {
                        SearchHit::Outlet { index, field, .. } => Some((index, field)),
                        SearchHit::Place { .. } => None,
                    })
                    .collect();
                assert_eq!(outlets, [(0, MatchField::Name)], "{query}");
            }
        }

        #[test]
        fn by_partner_group() {
            let group: Vec<&str> = data()
                .dataset
                .outlets
                .iter()
                .filter(|o| {
                    o.partner_group.as_ref().and_then(|g| g.zh.as_deref()) == Some("华晟汽车服务")
                })
                .map(|o| o.id.as_str())
                .collect();
            assert!(group.len() > 20);
            for query in ["华晟", "huasheng", "Huasheng Auto", "hs"] {
                let hits = data().index.search(query, 400);
                let found = outlet_ids(&hits);
                if query == "hs" {
                    // Initials find the group among many others.
                    assert!(group.iter().all(|id| found.contains(id)), "{query}");
                    continue;
                }
                // The group's outlets first, matched on the group.
                assert!(found.len() >= group.len(), "{query}");
                assert!(
                    found[..group.len()].iter().all(|id| group.contains(id)),
                    "{query}"
                );
                let first = hits
                    .iter()
                    .find(|h| matches!(h, SearchHit::Outlet { .. }))
                    .unwrap();
                assert_eq!(first.field(), MatchField::PartnerGroup, "{query}");
            }
        }

        #[test]
        fn the_city_named_in_the_query_comes_first() {
            // Outlets in Beijing whose name has 朝阳 rank above any outlet
            // elsewhere that merely has both words in its address.
            let hits = search("北京 朝阳");
            let outlets: Vec<_> = hits
                .iter()
                .filter_map(|h| match *h {
                    SearchHit::Outlet { index, .. } => Some(&data().dataset.outlets[index]),
                    SearchHit::Place { .. } => None,
                })
                .collect();
            assert!(!outlets.is_empty());
            assert_eq!(outlets[0].city.zh.as_deref(), Some("北京"));
            assert!(outlets[0].name.zh.as_deref().unwrap().contains("朝阳"));
        }

        #[test]
        fn by_address_and_city() {
            let hits = search("suzhou");
            let SearchHit::Place { index, .. } = hits[0] else {
                panic!("{hits:?}");
            };
            assert_eq!(
                data().gazetteer.places[index].name.zh.as_deref(),
                Some("苏州")
            );
            assert!(outlet_ids(&hits).iter().any(|id| id.contains("suzhou")));
            // A street, in Chinese and in English.
            let on_street = |o: &Outlet| {
                o.address
                    .zh
                    .as_deref()
                    .is_some_and(|a| a.contains("东风路"))
            };
            let expected: Vec<&str> = data()
                .dataset
                .outlets
                .iter()
                .filter(|o| on_street(o))
                .map(|o| o.id.as_str())
                .collect();
            assert!(!expected.is_empty());
            for query in ["东风路", "dongfeng road", "dongfenglu"] {
                let found = outlet_ids(&data().index.search(query, 400));
                assert!(
                    expected.iter().all(|id| found.contains(id)),
                    "{query}: {found:?}"
                );
            }
        }
    }

    mod edges {
        use super::*;

        #[test]
        fn empty_query_finds_nothing() {
            assert!(search("").is_empty());
            assert!(search("  　 ").is_empty());
            assert!(search("'-,").is_empty());
            assert!(data().index.search("shanghai", 0).is_empty());
        }

        #[test]
        fn nonsense_finds_nothing() {
            assert!(search("xqzvkw").is_empty());
            assert!(search("火星基地").is_empty());
        }

        #[test]
        fn limit_and_order_are_kept() {
            let hits = data().index.search("s", 7);
            assert_eq!(hits.len(), 7);
            assert!(hits.windows(2).all(|w| w[0].score() >= w[1].score()));
            assert_eq!(data().index.search("s", 7), hits);
        }

        #[test]
        fn the_short_list_is_the_head_of_the_full_list() {
            // The short list skips matches that cannot enter it; the full
            // list scores everything.
            let queries = [
                "s",
                "sh",
                "shang",
                "上",
                "上海",
                "bj",
                "beijing chaoyang",
                "北京 朝阳",
                "hs",
                "jinan",
                "shangahi",
                "changning",
                "ev home",
                "qingyun",
                "road",
                "1191",
            ];
            for query in queries {
                let all = data().index.search(query, 100_000);
                for limit in [1, 5, 20] {
                    let short = data().index.search(query, limit);
                    let expected = &all[..limit.min(all.len())];
                    assert_eq!(short, expected, "{query} {limit}");
                }
            }
        }

        #[test]
        fn an_empty_index_finds_nothing() {
            assert!(SearchIndex::default().search("shanghai", 5).is_empty());
        }
    }
}
