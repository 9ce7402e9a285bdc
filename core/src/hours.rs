//! Opening hours: the weekly schedule as the dataset writes it, dated
//! exceptions, the dataset's time zone, and what the hours mean at a given
//! instant ("open now, closes 21:00", "opens tomorrow at 10:00", "closed
//! today").
//!
//! Times are minutes after local midnight in the dataset's time zone. A range
//! whose end is not after its start runs past midnight; `00:00-24:00` is the
//! whole day. A range belongs to the day it starts on: an exception replaces
//! that day's ranges, but the tail of the night before still runs into it.
//!
//! # Time zones without a time-zone database
//!
//! The app knows the instant as Unix milliseconds (`Date.now()` in the
//! browser), never the viewer's zone. [`TimeZone`] turns that instant into
//! the dataset zone's civil date and time with a fixed offset from a small
//! table of zones in and around China that keep one offset all year
//! ([`TimeZone::from_iana`]), so the answer is the same whatever the viewer's
//! own clock says, and no tz database has to be shipped in the wasm.
//!
//! # Examples
//! A store open 10:00–21:00, at 20:59 and at 21:00 in Shanghai:
//! ```
//! use locator_core::{OpenState, TimeZone, WeeklyHours};
//! let hours: WeeklyHours = serde_json::from_str(
//!     r#"{"mon": ["10:00-21:00"], "tue": ["10:00-21:00"]}"#).unwrap();
//! let zone = TimeZone::from_iana("Asia/Shanghai").unwrap();
//! // 2027-02-08 (a Monday) 20:59 in Shanghai is 12:59 UTC
//! let at = |ms| hours.status_at(zone.local_at(ms).unwrap());
//! let just_before = 1_802_091_540_000; // 2027-02-08T12:59:00Z
//! assert!(matches!(at(just_before), OpenState::OpenNow { .. }));
//! assert!(matches!(at(just_before + 60_000), OpenState::OpensLater { .. }));
//! ```

use crate::date::Date;
use crate::text::LocalText;
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;

/// A day of the week, Monday first (the Chinese and ISO convention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Day {
    /// Monday to Sunday.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// The key of the day in the dataset's `hours` (`mon` … `sun`).
    pub fn id(self) -> &'static str {
        match self {
            Day::Mon => "mon",
            Day::Tue => "tue",
            Day::Wed => "wed",
            Day::Thu => "thu",
            Day::Fri => "fri",
            Day::Sat => "sat",
            Day::Sun => "sun",
        }
    }
}

/// Minutes in a day.
const DAY_MIN: i32 = 1440;

/// One opening range: from `start_min` to `end_min`, minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TimeRange {
    /// Opening time, 0…1439 minutes after midnight.
    pub start_min: u16,
    /// Closing time, 1…1440 minutes after midnight; at or before
    /// `start_min` it falls on the next day.
    pub end_min: u16,
}

impl TimeRange {
    /// Whether the range runs past midnight into the next day.
    pub fn crosses_midnight(self) -> bool {
        self.end_min <= self.start_min
    }

    /// Start and end in minutes after the midnight that begins the range's
    /// day; the end is past 1440 for a range that runs into the next day.
    fn span_min(self) -> (i32, i32) {
        let (start, end) = (i32::from(self.start_min), i32::from(self.end_min));
        (
            start,
            if self.crosses_midnight() {
                end + DAY_MIN
            } else {
                end
            },
        )
    }
}

fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl TryFrom<String> for TimeRange {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let bad = || format!("`{s}` is not a time range like 09:00-18:00");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (start_min, end_min) = (
            parse_hhmm(a).ok_or_else(bad)?,
            parse_hhmm(b).ok_or_else(bad)?,
        );
        if start_min == 24 * 60 {
            return Err(format!("`{s}` opens at 24:00; write 00:00"));
        }
        if start_min == end_min {
            return Err(format!("`{s}` opens and closes at the same time"));
        }
        Ok(TimeRange { start_min, end_min })
    }
}

impl fmt::Display for TimeRange {
    /// `10:00–22:00` (with an en dash).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{}",
            format_time_of_day(self.start_min),
            format_time_of_day(self.end_min)
        )
    }
}

/// A time of day for people, `HH:MM` on the 24-hour clock: `09:30`, and
/// `24:00` for the midnight that ends a day (as the dataset writes it).
///
/// # Units
/// Minutes after midnight in; values past 1440 wrap to the next day.
///
/// # Examples
/// ```
/// use locator_core::format_time_of_day;
/// assert_eq!(format_time_of_day(570), "09:30");
/// assert_eq!(format_time_of_day(1260), "21:00");
/// assert_eq!(format_time_of_day(1440), "24:00");
/// ```
pub fn format_time_of_day(minute: u16) -> String {
    let minute = if minute > 1440 { minute % 1440 } else { minute };
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The ranges of one day; empty means closed.
pub type DayHours = Vec<TimeRange>;

/// Hours that replace the weekly schedule on one date.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HoursException {
    /// The date, in the dataset's time zone.
    pub date: Date,
    /// The ranges of that day; empty means closed.
    pub hours: DayHours,
    /// Why (for example "Closed for the Spring Festival").
    #[serde(default)]
    pub note: Option<LocalText>,
}

/// A weekly schedule with dated exceptions.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WeeklyHours {
    mon: DayHours,
    tue: DayHours,
    wed: DayHours,
    thu: DayHours,
    fri: DayHours,
    sat: DayHours,
    sun: DayHours,
    /// Dates whose hours differ from the week's. When two share a date, the
    /// first one counts.
    pub exceptions: Vec<HoursException>,
}

// ---- time zones -------------------------------------------------------------

/// Why a time zone name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeZoneError {
    /// Not a zone of the table in [`TimeZone::from_iana`].
    #[error(
        "time zone \"{0}\" is not one this app knows: it knows zones in and around China \
         that keep one offset all year, such as Asia/Shanghai"
    )]
    Unknown(String),
}

/// A time zone with one UTC offset all year: the zone the dataset's opening
/// hours are written in.
///
/// Made from an IANA name by [`TimeZone::from_iana`], which knows only zones
/// whose offset is fixed today (no daylight saving time), so converting an
/// instant needs no time-zone database. Instants before a zone's last change
/// of offset (China's daylight saving time of 1986–1991, for example) come
/// out with today's offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeZone {
    name: &'static str,
    offset_min: i16,
}

/// The zones [`TimeZone::from_iana`] knows, with their offsets east of UTC in
/// minutes, as the IANA time-zone database (2024 and later) gives them today.
const ZONES: [(&str, i16); 30] = [
    // China. Chongqing and Harbin are links to Shanghai, Kashgar to Urumqi.
    ("Asia/Shanghai", 480),
    ("Asia/Chongqing", 480),
    ("Asia/Harbin", 480),
    // Xinjiang time, the local custom; Beijing time is official there too.
    ("Asia/Urumqi", 360),
    ("Asia/Kashgar", 360),
    ("Asia/Hong_Kong", 480),
    ("Asia/Macau", 480),
    ("Asia/Macao", 480),
    ("Asia/Taipei", 480),
    // Neighbours without daylight saving time today.
    ("Asia/Ulaanbaatar", 480),
    ("Asia/Irkutsk", 480),
    ("Asia/Vladivostok", 600),
    ("Asia/Pyongyang", 540),
    ("Asia/Seoul", 540),
    ("Asia/Tokyo", 540),
    ("Asia/Manila", 480),
    ("Asia/Singapore", 480),
    ("Asia/Kuala_Lumpur", 480),
    ("Asia/Bangkok", 420),
    ("Asia/Vientiane", 420),
    ("Asia/Ho_Chi_Minh", 420),
    ("Asia/Yangon", 390),
    ("Asia/Thimphu", 360),
    ("Asia/Dhaka", 360),
    ("Asia/Bishkek", 360),
    ("Asia/Kathmandu", 345),
    ("Asia/Kolkata", 330),
    ("Asia/Karachi", 300),
    ("UTC", 0),
    ("Etc/UTC", 0),
];

impl TimeZone {
    /// China Standard Time (Beijing time), UTC+08:00, the zone of the sample
    /// dataset.
    pub const SHANGHAI: TimeZone = TimeZone {
        name: "Asia/Shanghai",
        offset_min: 480,
    };

    /// Coordinated Universal Time.
    pub const UTC: TimeZone = TimeZone {
        name: "UTC",
        offset_min: 0,
    };

    /// The zone with this IANA name (letter case ignored).
    ///
    /// Known: the zones of China (`Asia/Shanghai`, and its links
    /// `Asia/Chongqing` and `Asia/Harbin`, all UTC+08:00; `Asia/Urumqi` and
    /// its link `Asia/Kashgar`, UTC+06:00 as the IANA database gives
    /// Xinjiang's local time), `Asia/Hong_Kong`, `Asia/Macau`
    /// (`Asia/Macao`) and `Asia/Taipei` (UTC+08:00), neighbours that keep one
    /// offset all year (Ulaanbaatar, Irkutsk, Vladivostok, Pyongyang, Seoul,
    /// Tokyo, Manila, Singapore, Kuala Lumpur, Bangkok, Vientiane,
    /// Ho Chi Minh, Yangon, Thimphu, Dhaka, Bishkek, Kathmandu, Kolkata,
    /// Karachi), and `UTC` (`Etc/UTC`). Any other name is an error, rather
    /// than a guess that would show wrong opening states.
    ///
    /// # Examples
    /// ```
    /// use locator_core::TimeZone;
    /// let urumqi = TimeZone::from_iana("Asia/Urumqi").unwrap();
    /// assert_eq!(urumqi.offset_min(), 360);
    /// assert_eq!(TimeZone::from_iana("asia/hong_kong").unwrap().name(), "Asia/Hong_Kong");
    /// assert!(TimeZone::from_iana("Europe/Berlin").is_err()); // daylight saving time
    /// assert!(TimeZone::from_iana("CST").is_err());
    /// ```
    pub fn from_iana(name: &str) -> Result<TimeZone, TimeZoneError> {
        let wanted = name.trim();
        ZONES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(wanted))
            .map(|&(name, offset_min)| TimeZone { name, offset_min })
            .ok_or_else(|| TimeZoneError::Unknown(name.chars().take(64).collect()))
    }

    /// The IANA names [`from_iana`](TimeZone::from_iana) knows.
    pub fn known_names() -> impl Iterator<Item = &'static str> {
        ZONES.iter().map(|(n, _)| *n)
    }

    /// The zone's IANA name as the table writes it.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// The offset from UTC in minutes, positive east of Greenwich (480 for
    /// UTC+08:00).
    pub fn offset_min(self) -> i16 {
        self.offset_min
    }

    /// The zone's civil date and time at an instant, to the minute (seconds
    /// are dropped, so 20:59:59 is still 20:59).
    ///
    /// `None` outside years 1…9999 (JavaScript's `Date.now()` is always
    /// inside).
    ///
    /// # Units
    /// Milliseconds since 1970-01-01T00:00:00Z (Unix time, as
    /// `Date.now()` gives it) in.
    ///
    /// # Examples
    /// The start of 2027 in UTC is already 08:00 in Shanghai:
    /// ```
    /// use locator_core::TimeZone;
    /// let ms = 1_798_761_600_000; // 2027-01-01T00:00:00Z
    /// assert_eq!(TimeZone::SHANGHAI.local_at(ms).unwrap().to_string(), "2027-01-01 08:00");
    /// assert_eq!(TimeZone::UTC.local_at(ms - 1).unwrap().to_string(), "2026-12-31 23:59");
    /// ```
    pub fn local_at(self, unix_ms: i64) -> Option<LocalDateTime> {
        let local_min = unix_ms
            .div_euclid(60_000)
            .checked_add(i64::from(self.offset_min))?;
        let days = local_min.div_euclid(i64::from(DAY_MIN));
        let minute = local_min.rem_euclid(i64::from(DAY_MIN));
        LocalDateTime::new(
            Date::from_days_since_epoch(days)?,
            u16::try_from(minute).ok()?,
        )
    }

    /// The instant at which the zone's clocks show `local`: the inverse of
    /// [`local_at`](TimeZone::local_at) (to the minute).
    ///
    /// # Units
    /// Milliseconds since 1970-01-01T00:00:00Z out.
    ///
    /// # Examples
    /// ```
    /// use locator_core::{LocalDateTime, TimeZone};
    /// let eve: LocalDateTime = "2027-02-05 20:00".parse().unwrap();
    /// let ms = TimeZone::SHANGHAI.unix_ms_at(eve);
    /// assert_eq!(ms, 1_801_828_800_000); // 2027-02-05T12:00:00Z
    /// assert_eq!(TimeZone::SHANGHAI.local_at(ms), Some(eve));
    /// ```
    pub fn unix_ms_at(self, local: LocalDateTime) -> i64 {
        let local_min =
            local.date.days_since_epoch() * i64::from(DAY_MIN) + i64::from(local.minute);
        (local_min - i64::from(self.offset_min)) * 60_000
    }
}

impl FromStr for TimeZone {
    type Err = TimeZoneError;

    /// Same as [`TimeZone::from_iana`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimeZone::from_iana(s)
    }
}

impl fmt::Display for TimeZone {
    /// The IANA name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A civil date and time to the minute, in some time zone (the dataset's,
/// when it comes from [`TimeZone::local_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    date: Date,
    minute: u16,
}

impl LocalDateTime {
    /// The date at `minute` after its midnight, if `minute` is 0…1439.
    pub fn new(date: Date, minute: u16) -> Option<LocalDateTime> {
        (minute < 1440).then_some(LocalDateTime { date, minute })
    }

    /// The date.
    pub fn date(self) -> Date {
        self.date
    }

    /// Minutes after midnight, 0…1439.
    pub fn minute(self) -> u16 {
        self.minute
    }

    /// The day of the week.
    pub fn weekday(self) -> Day {
        self.date.weekday()
    }
}

impl FromStr for LocalDateTime {
    type Err = String;

    /// Reads `YYYY-MM-DD HH:MM` (or with a `T` between date and time).
    ///
    /// ```
    /// use locator_core::LocalDateTime;
    /// let t: LocalDateTime = "2027-02-06T09:59".parse().unwrap();
    /// assert_eq!(t.minute(), 9 * 60 + 59);
    /// assert!("2027-02-06 24:00".parse::<LocalDateTime>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date and time like 2027-02-06 09:59");
        let (date, time) = s.split_once([' ', 'T']).ok_or_else(bad)?;
        let date: Date = date.parse()?;
        let minute = parse_hhmm(time).ok_or_else(bad)?;
        LocalDateTime::new(date, minute).ok_or_else(bad)
    }
}

impl fmt::Display for LocalDateTime {
    /// `2027-02-06 09:59`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, format_time_of_day(self.minute))
    }
}

// ---- what the hours say at an instant -------------------------------------

/// A coming opening or closing time, relative to the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The date it falls on.
    pub date: Date,
    /// That date's day of the week.
    pub weekday: Day,
    /// Days after the day asked about: 0 today, 1 tomorrow, … 7.
    pub days_ahead: u8,
    /// Minutes after midnight of `date`, 0…1440; 1440 is the midnight that
    /// ends `date` (a closing "at 24:00").
    pub minute: u16,
}

/// What an outlet's hours say at one local date and time, for the label on
/// its card ("Open now · closes 21:00") and the "open now" filter.
///
/// Words are left to the interface; notes are the dataset's own text.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenState {
    /// Open now.
    OpenNow {
        /// When it closes; `None` when it stays open for the whole of the
        /// next 7 days (open around the clock).
        closes: Option<Moment>,
        /// The note of the exception whose hours apply now (special hours),
        /// if any.
        note: Option<LocalText>,
    },
    /// Closed now, and opens within the next 7 days. (A day closed by an
    /// exception is [`ClosedToday`](OpenState::ClosedToday) instead.)
    OpensLater {
        /// When it opens.
        opens: Moment,
        /// The note of the exception on the opening day (a special opening),
        /// if any.
        note: Option<LocalText>,
    },
    /// Closed now, and all day by an exception (a public holiday such as the
    /// Spring Festival).
    ClosedToday {
        /// The exception's note ("Closed for the Spring Festival"), if any.
        note: Option<LocalText>,
        /// When it opens next, within the next 7 days.
        reopens: Option<Moment>,
    },
    /// Closed now, with no opening in the next 7 days.
    ClosedUntilFurtherNotice,
}

impl OpenState {
    /// Whether the outlet is open.
    pub fn is_open(&self) -> bool {
        matches!(self, OpenState::OpenNow { .. })
    }
}

/// One day of the week view: its date, its ranges after exceptions, and the
/// exception's note.
#[derive(Debug, Clone, PartialEq)]
pub struct DaySchedule {
    /// The date.
    pub date: Date,
    /// Its day of the week.
    pub weekday: Day,
    /// The ranges starting that day, in the dataset's order; empty means
    /// closed.
    pub ranges: Vec<TimeRange>,
    /// Whether an exception replaced the usual hours of that day.
    pub exception: bool,
    /// The exception's note, if any.
    pub note: Option<LocalText>,
}

/// An opening range placed on a timeline in minutes from the midnight that
/// begins the day asked about; `day` is the offset of the day it starts on.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: i32,
    end: i32,
    day: i64,
}

impl WeeklyHours {
    /// Hours from the ranges of each day, Monday first, and the exceptions:
    /// what the dataset reader builds after checking each range on its own.
    pub(crate) fn from_days(days: [DayHours; 7], exceptions: Vec<HoursException>) -> WeeklyHours {
        let [mon, tue, wed, thu, fri, sat, sun] = days;
        WeeklyHours {
            mon,
            tue,
            wed,
            thu,
            fri,
            sat,
            sun,
            exceptions,
        }
    }

    /// The ranges of a day of the usual week.
    pub fn day(&self, day: Day) -> &[TimeRange] {
        match day {
            Day::Mon => &self.mon,
            Day::Tue => &self.tue,
            Day::Wed => &self.wed,
            Day::Thu => &self.thu,
            Day::Fri => &self.fri,
            Day::Sat => &self.sat,
            Day::Sun => &self.sun,
        }
    }

    /// The exception for `date`, if there is one (the first, if several).
    pub fn exception_on(&self, date: Date) -> Option<&HoursException> {
        self.exceptions.iter().find(|e| e.date == date)
    }

    /// The ranges starting on `date`: the exception's if there is one, else
    /// the usual ones of its day of the week.
    pub fn ranges_on(&self, date: Date) -> &[TimeRange] {
        match self.exception_on(date) {
            Some(e) => &e.hours,
            None => self.day(date.weekday()),
        }
    }

    /// Seven days from `first`, with exceptions applied: the week view of an
    /// outlet's card. Fewer than seven only at the end of year 9999.
    ///
    /// # Examples
    /// The Spring Festival week of 2027 for a store closed on New Year's Day:
    /// ```
    /// use locator_core::{Day, WeeklyHours};
    /// let hours: WeeklyHours = serde_json::from_str(r#"{
    ///   "mon": ["10:00-22:00"], "tue": ["10:00-22:00"], "wed": ["10:00-22:00"],
    ///   "thu": ["10:00-22:00"], "fri": ["10:00-22:00"], "sat": ["10:00-22:00"],
    ///   "sun": ["10:00-22:00"],
    ///   "exceptions": [{"date": "2027-02-06", "hours": [],
    ///                   "note": {"zh": "春节休息", "en": "Closed for the Spring Festival"}}]
    /// }"#).unwrap();
    /// let week = hours.week_from("2027-02-04".parse().unwrap());
    /// assert_eq!(week.len(), 7);
    /// assert_eq!(week[2].weekday, Day::Sat);
    /// assert!(week[2].ranges.is_empty() && week[2].exception);
    /// assert_eq!(week[3].ranges[0].to_string(), "10:00–22:00");
    /// ```
    pub fn week_from(&self, first: Date) -> Vec<DaySchedule> {
        (0..7)
            .filter_map(|k| first.add_days(k))
            .map(|date| {
                let exception = self.exception_on(date);
                DaySchedule {
                    date,
                    weekday: date.weekday(),
                    ranges: self.ranges_on(date).to_vec(),
                    exception: exception.is_some(),
                    note: exception.and_then(|e| e.note.clone()),
                }
            })
            .collect()
    }

    /// What the hours say at `now`, a civil date and time in the dataset's
    /// zone (from [`TimeZone::local_at`]): open until when, or closed and
    /// opening when.
    ///
    /// Looks at yesterday (for a range running past midnight into today) and
    /// the next 7 days, with exceptions applied. Ranges that touch (one ending
    /// at 24:00, the next starting at 00:00) count as one opening. An outlet
    /// is open from the minute a range starts to the minute before it ends:
    /// at 21:00 a store open 10:00–21:00 is closed.
    ///
    /// # Examples
    /// Chinese New Year's Day 2027 at 09:59 in Shanghai, at a store closed for
    /// the Spring Festival from the 5th to the 7th:
    /// ```
    /// use locator_core::{Day, OpenState, WeeklyHours};
    /// let hours: WeeklyHours = serde_json::from_str(r#"{
    ///   "mon": ["10:00-21:30"], "tue": ["10:00-21:30"], "wed": ["10:00-21:30"],
    ///   "thu": ["10:00-21:30"], "fri": ["10:00-21:30"], "sat": ["10:00-22:00"],
    ///   "sun": ["10:00-22:00"],
    ///   "exceptions": [
    ///     {"date": "2027-02-05", "hours": [], "note": {"zh": "春节休息"}},
    ///     {"date": "2027-02-06", "hours": [], "note": {"zh": "春节休息"}},
    ///     {"date": "2027-02-07", "hours": [], "note": {"zh": "春节休息"}}]
    /// }"#).unwrap();
    /// match hours.status_at("2027-02-06 09:59".parse().unwrap()) {
    ///     OpenState::ClosedToday { note, reopens: Some(reopens) } => {
    ///         assert_eq!(note.unwrap().zh.as_deref(), Some("春节休息"));
    ///         assert_eq!((reopens.weekday, reopens.days_ahead, reopens.minute), (Day::Mon, 2, 600));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn status_at(&self, now: LocalDateTime) -> OpenState {
        let t = i32::from(now.minute);
        let mut spans: Vec<Span> = Vec::new();
        for day in -1..=7 {
            let Some(date) = now.date.add_days(day) else {
                continue;
            };
            let base = day as i32 * DAY_MIN;
            spans.extend(self.ranges_on(date).iter().map(|r| {
                let (start, end) = r.span_min();
                Span {
                    start: base + start,
                    end: base + end,
                    day,
                }
            }));
        }

        if let Some(current) = spans.iter().find(|s| s.start <= t && t < s.end) {
            // Follow ranges that overlap or touch until one ends.
            let mut end = current.end;
            while let Some(later) = spans
                .iter()
                .filter(|s| s.start <= end && s.end > end)
                .map(|s| s.end)
                .max()
            {
                end = later;
            }
            // Past the last day looked at, the ranges of the day after could
            // still continue it.
            let closes = if end >= 8 * DAY_MIN {
                None
            } else {
                moment(now.date, end, true)
            };
            return OpenState::OpenNow {
                closes,
                note: self.note_of(now.date, current.day),
            };
        }

        let next = spans
            .iter()
            .filter(|s| s.start > t && s.start <= t + 7 * DAY_MIN)
            .min_by_key(|s| s.start);
        let opens = next.and_then(|s| moment(now.date, s.start, false));
        if let Some(e) = self.exception_on(now.date) {
            if e.hours.is_empty() {
                return OpenState::ClosedToday {
                    note: e.note.clone(),
                    reopens: opens,
                };
            }
        }
        match (next, opens) {
            (Some(s), Some(opens)) => OpenState::OpensLater {
                opens,
                note: self.note_of(now.date, s.day),
            },
            _ => OpenState::ClosedUntilFurtherNotice,
        }
    }

    /// Whether the outlet is open at `now` (local to the dataset's zone):
    /// the "open now" filter.
    ///
    /// ```
    /// use locator_core::WeeklyHours;
    /// let late: WeeklyHours = serde_json::from_str(r#"{"fri": ["20:00-02:00"]}"#).unwrap();
    /// // 2027-02-13 is a Saturday: Friday's range is still running at 01:30
    /// assert!(late.is_open_at("2027-02-13 01:30".parse().unwrap()));
    /// assert!(!late.is_open_at("2027-02-13 02:00".parse().unwrap()));
    /// ```
    pub fn is_open_at(&self, now: LocalDateTime) -> bool {
        self.status_at(now).is_open()
    }

    /// The note of the exception on the day `day` days after `today`.
    fn note_of(&self, today: Date, day: i64) -> Option<LocalText> {
        let date = today.add_days(day)?;
        self.exception_on(date)?.note.clone()
    }
}

/// The moment `minutes` after the midnight that begins `today`. A closing
/// exactly at a midnight is written as 24:00 of the day before.
fn moment(today: Date, minutes: i32, closing: bool) -> Option<Moment> {
    let (mut days, mut minute) = (minutes.div_euclid(DAY_MIN), minutes.rem_euclid(DAY_MIN));
    if closing && minute == 0 && days > 0 {
        days -= 1;
        minute = DAY_MIN;
    }
    let date = today.add_days(i64::from(days))?;
    Some(Moment {
        date,
        weekday: date.weekday(),
        days_ahead: u8::try_from(days).ok()?,
        minute: u16::try_from(minute).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> Result<TimeRange, String> {
        TimeRange::try_from(s.to_string())
    }

    fn hours(json: &str) -> WeeklyHours {
        serde_json::from_str(json).unwrap()
    }

    fn at(s: &str) -> LocalDateTime {
        s.parse().unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// Unix milliseconds of a civil time `offset_min` east of UTC.
    fn unix_ms(local: &str, offset_min: i64) -> i64 {
        let t = at(local);
        (t.date().days_since_epoch() * 1440 + i64::from(t.minute()) - offset_min) * 60_000
    }

    /// An EV Home of the sample dataset: 10:00–21:30 on weekdays, 10:00–22:00
    /// at weekends, closed 5–7 February 2027 for the Spring Festival, with a
    /// special opening on Saturday 13 February.
    fn ev_home() -> WeeklyHours {
        hours(
            r#"{
            "mon": ["10:00-21:30"], "tue": ["10:00-21:30"], "wed": ["10:00-21:30"],
            "thu": ["10:00-21:30"], "fri": ["10:00-21:30"],
            "sat": ["10:00-22:00"], "sun": ["10:00-22:00"],
            "exceptions": [
              {"date": "2027-02-05", "hours": [], "note": {"zh": "春节休息", "en": "Closed for the Spring Festival"}},
              {"date": "2027-02-06", "hours": [], "note": {"zh": "春节休息", "en": "Closed for the Spring Festival"}},
              {"date": "2027-02-07", "hours": [], "note": {"zh": "春节休息", "en": "Closed for the Spring Festival"}},
              {"date": "2027-02-13", "hours": ["10:00-16:00"], "note": {"en": "Special opening"}}
            ]}"#,
        )
    }

    fn opens(state: OpenState) -> (u8, Day, u16) {
        match state {
            OpenState::OpensLater { opens, .. } => (opens.days_ahead, opens.weekday, opens.minute),
            other => panic!("expected OpensLater, got {other:?}"),
        }
    }

    fn closes(state: OpenState) -> (u8, u16) {
        match state {
            OpenState::OpenNow {
                closes: Some(c), ..
            } => (c.days_ahead, c.minute),
            other => panic!("expected OpenNow with a closing, got {other:?}"),
        }
    }

    mod ranges {
        use super::*;

        #[test]
        fn reads_ranges() {
            assert_eq!(
                range("09:30-18:00").unwrap(),
                TimeRange {
                    start_min: 570,
                    end_min: 1080
                }
            );
            assert_eq!(
                range("00:00-24:00").unwrap(),
                TimeRange {
                    start_min: 0,
                    end_min: 1440
                }
            );
            let late = range("20:00-02:00").unwrap();
            assert!(late.crosses_midnight());
            assert_eq!(late.to_string(), "20:00–02:00");
        }

        #[test]
        fn refuses_bad_ranges() {
            for s in [
                "9:00-18:00",
                "09:00",
                "25:00-26:00",
                "09:60-10:00",
                "10:00-10:00",
                "24:00-02:00",
                "ab:cd-ef:gh",
            ] {
                assert!(range(s).is_err(), "{s}");
            }
        }

        #[test]
        fn reads_a_week_with_exceptions() {
            let h = hours(
                r#"{"mon": ["10:00-22:00"], "sat": ["09:30-12:00", "13:00-18:00"],
                "exceptions": [{"date": "2027-02-06", "hours": [], "note": {"zh": "春节休息"}}]}"#,
            );
            assert_eq!(h.day(Day::Mon).len(), 1);
            assert_eq!(h.day(Day::Sat).len(), 2);
            assert!(h.day(Day::Sun).is_empty());
            assert_eq!(h.exceptions[0].date.to_string(), "2027-02-06");
        }

        #[test]
        fn formats_times_of_day() {
            assert_eq!(format_time_of_day(0), "00:00");
            assert_eq!(format_time_of_day(1439), "23:59");
            assert_eq!(format_time_of_day(1440), "24:00");
            assert_eq!(format_time_of_day(1500), "01:00");
        }
    }

    mod time_zones {
        use super::*;

        #[test]
        fn knows_the_zones_of_china() {
            for (name, offset) in [
                ("Asia/Shanghai", 480),
                ("Asia/Chongqing", 480),
                ("Asia/Harbin", 480),
                ("Asia/Urumqi", 360),
                ("Asia/Hong_Kong", 480),
                ("Asia/Macau", 480),
                ("Asia/Taipei", 480),
                ("UTC", 0),
            ] {
                let zone: TimeZone = name.parse().unwrap();
                assert_eq!((zone.name(), zone.offset_min()), (name, offset));
            }
            assert_eq!(TimeZone::from_iana("Asia/Shanghai"), Ok(TimeZone::SHANGHAI));
            assert_eq!(TimeZone::known_names().count(), ZONES.len());
        }

        #[test]
        fn refuses_unknown_and_seasonal_zones() {
            for name in [
                "",
                "CST",
                "Beijing",
                "Asia/Beijing",
                "America/New_York",
                "+08:00",
            ] {
                assert_eq!(
                    TimeZone::from_iana(name),
                    Err(TimeZoneError::Unknown(name.to_string())),
                    "{name}"
                );
            }
            let message = TimeZone::from_iana("Asia/Beijing").unwrap_err().to_string();
            assert!(message.contains("Asia/Beijing") && message.contains("Asia/Shanghai"));
        }

        #[test]
        fn converts_instants_to_local_time() {
            let ms = unix_ms("2027-02-06 09:59", 480);
            assert_eq!(ms, 1_801_879_140_000);
            let shanghai = TimeZone::SHANGHAI.local_at(ms).unwrap();
            assert_eq!(shanghai.to_string(), "2027-02-06 09:59");
            assert_eq!(shanghai.weekday(), Day::Sat);
            let urumqi = TimeZone::from_iana("Asia/Urumqi").unwrap();
            assert_eq!(urumqi.local_at(ms).unwrap().to_string(), "2027-02-06 07:59");
            assert_eq!(
                TimeZone::UTC.local_at(ms).unwrap().to_string(),
                "2027-02-06 01:59"
            );
            // seconds are dropped, not rounded
            assert_eq!(TimeZone::SHANGHAI.local_at(ms + 59_999).unwrap(), shanghai);
        }

        #[test]
        fn round_trips_and_handles_the_edges() {
            for ms in [0, -1, 1_801_879_140_000, -62_135_596_800_000] {
                let local = TimeZone::SHANGHAI.local_at(ms).unwrap();
                let back = TimeZone::SHANGHAI.unix_ms_at(local);
                assert!(back <= ms && ms - back < 60_000, "{ms}");
            }
            assert_eq!(
                TimeZone::UTC.local_at(-1).unwrap().to_string(),
                "1969-12-31 23:59"
            );
            assert_eq!(TimeZone::SHANGHAI.local_at(i64::MAX), None);
            assert_eq!(TimeZone::SHANGHAI.local_at(i64::MIN), None);
        }
    }

    mod status {
        use super::*;

        #[test]
        fn open_until_the_minute_of_closing() {
            let h = hours(r#"{"mon": ["10:00-21:00"], "tue": ["10:00-21:00"]}"#);
            // 2027-02-08 is a Monday
            assert_eq!(closes(h.status_at(at("2027-02-08 10:00"))), (0, 1260));
            assert_eq!(closes(h.status_at(at("2027-02-08 20:59"))), (0, 1260));
            assert!(!h.is_open_at(at("2027-02-08 21:00")));
            assert_eq!(
                opens(h.status_at(at("2027-02-08 21:00"))),
                (1, Day::Tue, 600)
            );
            assert_eq!(
                opens(h.status_at(at("2027-02-08 09:59"))),
                (0, Day::Mon, 600)
            );
        }

        #[test]
        fn several_ranges_a_day() {
            let h = hours(r#"{"sun": ["08:30-12:00", "13:30-18:30"]}"#);
            // 2027-02-14 is a Sunday
            assert_eq!(closes(h.status_at(at("2027-02-14 11:00"))), (0, 720));
            assert_eq!(
                opens(h.status_at(at("2027-02-14 12:00"))),
                (0, Day::Sun, 810)
            );
            assert_eq!(closes(h.status_at(at("2027-02-14 13:30"))), (0, 1110));
            // next Sunday
            assert_eq!(
                opens(h.status_at(at("2027-02-14 18:30"))),
                (7, Day::Sun, 510)
            );
        }

        #[test]
        fn a_range_past_midnight_runs_into_the_next_day() {
            let h = hours(r#"{"fri": ["20:00-02:00"], "sat": ["10:00-12:00"]}"#);
            // Friday 2027-02-12 at 23:00: closes tomorrow at 02:00
            assert_eq!(closes(h.status_at(at("2027-02-12 23:00"))), (1, 120));
            // Saturday at 01:59, from yesterday's range
            assert_eq!(closes(h.status_at(at("2027-02-13 01:59"))), (0, 120));
            assert_eq!(
                opens(h.status_at(at("2027-02-13 02:00"))),
                (0, Day::Sat, 600)
            );
        }

        #[test]
        fn a_night_range_still_ends_on_a_holiday() {
            // Friday night runs into a Saturday closed by an exception.
            let h = hours(
                r#"{"fri": ["20:00-02:00"], "sat": ["20:00-02:00"], "sun": ["20:00-02:00"],
                "exceptions": [{"date": "2027-02-13", "hours": [], "note": {"en": "Closed"}}]}"#,
            );
            assert_eq!(closes(h.status_at(at("2027-02-13 01:00"))), (0, 120));
            match h.status_at(at("2027-02-13 03:00")) {
                OpenState::ClosedToday {
                    reopens: Some(r), ..
                } => assert_eq!((r.days_ahead, r.weekday, r.minute), (1, Day::Sun, 1200)),
                other => panic!("{other:?}"),
            }
            // and Saturday's own range is gone, so Sunday 01:00 is closed
            assert_eq!(
                opens(h.status_at(at("2027-02-14 01:00"))),
                (0, Day::Sun, 1200)
            );
        }

        #[test]
        fn ranges_touching_at_midnight_are_one_opening() {
            let h = hours(r#"{"fri": ["18:00-24:00"], "sat": ["00:00-03:00", "09:00-12:00"]}"#);
            assert_eq!(closes(h.status_at(at("2027-02-12 23:59"))), (1, 180));
            assert_eq!(closes(h.status_at(at("2027-02-13 00:00"))), (0, 180));
            // a closing at midnight reads 24:00 of the day
            let h = hours(r#"{"fri": ["18:00-24:00"]}"#);
            match h.status_at(at("2027-02-12 20:00")) {
                OpenState::OpenNow {
                    closes: Some(c), ..
                } => {
                    assert_eq!(
                        (c.days_ahead, c.minute, c.date),
                        (0, 1440, date("2027-02-12"))
                    );
                    assert_eq!(format_time_of_day(c.minute), "24:00");
                }
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn open_around_the_clock() {
            let all_day = r#"["00:00-24:00"]"#;
            let h = hours(&format!(
                r#"{{"mon": {all_day}, "tue": {all_day}, "wed": {all_day}, "thu": {all_day},
                "fri": {all_day}, "sat": {all_day}, "sun": {all_day}}}"#
            ));
            assert_eq!(
                h.status_at(at("2027-02-10 03:00")),
                OpenState::OpenNow {
                    closes: None,
                    note: None
                }
            );
            // the same week with a holiday on Friday closes on Thursday at 24:00
            let mut h = h;
            h.exceptions.push(HoursException {
                date: date("2027-02-12"),
                hours: vec![],
                note: None,
            });
            assert_eq!(closes(h.status_at(at("2027-02-10 03:00"))), (1, 1440));
        }

        #[test]
        fn spring_festival_closing() {
            let h = ev_home();
            // Thursday 4 February, the evening before: open until 21:30
            assert_eq!(closes(h.status_at(at("2027-02-04 21:29"))), (0, 1290));
            // Saturday 6 February (New Year's Day) at 09:59
            let state = h.status_at(at("2027-02-06 09:59"));
            match &state {
                OpenState::ClosedToday {
                    note: Some(note),
                    reopens: Some(r),
                } => {
                    assert_eq!(note.en.as_deref(), Some("Closed for the Spring Festival"));
                    assert_eq!(r.date, date("2027-02-08"));
                    assert_eq!((r.days_ahead, r.weekday, r.minute), (2, Day::Mon, 600));
                }
                other => panic!("{other:?}"),
            }
            assert!(!state.is_open());
            // Thursday night: tomorrow is a holiday, so it opens on Monday
            match h.status_at(at("2027-02-04 22:00")) {
                OpenState::OpensLater { opens, note } => {
                    assert_eq!((opens.days_ahead, opens.weekday), (4, Day::Mon));
                    assert_eq!(note, None);
                }
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn a_special_opening_replaces_the_day() {
            let h = ev_home();
            // Saturday 13 February: 10:00–16:00 instead of 10:00–22:00
            match h.status_at(at("2027-02-13 15:00")) {
                OpenState::OpenNow {
                    closes: Some(c),
                    note: Some(note),
                } => {
                    assert_eq!((c.days_ahead, c.minute), (0, 960));
                    assert_eq!(note.en.as_deref(), Some("Special opening"));
                }
                other => panic!("{other:?}"),
            }
            assert!(!h.is_open_at(at("2027-02-13 16:00")));
            // seen from the evening before, the note comes with the opening
            match h.status_at(at("2027-02-12 22:00")) {
                OpenState::OpensLater {
                    opens,
                    note: Some(note),
                } => {
                    assert_eq!((opens.days_ahead, opens.minute), (1, 600));
                    assert_eq!(note.en.as_deref(), Some("Special opening"));
                }
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn an_exception_can_open_a_closed_day() {
            let h = hours(
                r#"{"mon": [], "tue": ["09:00-18:00"],
                "exceptions": [{"date": "2027-01-11", "hours": ["09:00-18:00"]}]}"#,
            );
            // 2027-01-11 is a Monday
            assert!(h.is_open_at(at("2027-01-11 12:00")));
            assert!(!h.is_open_at(at("2027-01-18 12:00")));
        }

        #[test]
        fn nothing_in_the_next_seven_days() {
            assert_eq!(
                WeeklyHours::default().status_at(at("2027-02-06 12:00")),
                OpenState::ClosedUntilFurtherNotice
            );
            // only exceptions, long past
            let h = hours(r#"{"exceptions": [{"date": "2026-01-01", "hours": ["10:00-12:00"]}]}"#);
            assert_eq!(
                h.status_at(at("2027-02-06 12:00")),
                OpenState::ClosedUntilFurtherNotice
            );
            // an exception closing today with nothing after it
            let h = hours(r#"{"exceptions": [{"date": "2027-02-06", "hours": []}]}"#);
            assert_eq!(
                h.status_at(at("2027-02-06 12:00")),
                OpenState::ClosedToday {
                    note: None,
                    reopens: None
                }
            );
        }

        #[test]
        fn the_first_exception_of_a_date_counts() {
            let h = hours(
                r#"{"sat": ["10:00-22:00"], "exceptions": [
                {"date": "2027-02-13", "hours": []},
                {"date": "2027-02-13", "hours": ["10:00-12:00"]}]}"#,
            );
            assert!(!h.is_open_at(at("2027-02-13 11:00")));
        }
    }

    mod viewer_clock {
        use super::*;

        /// The state is a function of the instant, read in the outlet's zone:
        /// a viewer in New York (UTC−05:00) whose clock reads 21:00 on
        /// Thursday 4 February sees what a viewer in Shanghai sees at 10:00 on
        /// Friday 5 February, the first day of the Spring Festival closing.
        #[test]
        fn the_viewers_zone_does_not_matter() {
            let h = ev_home();
            let zone = TimeZone::from_iana("Asia/Shanghai").unwrap();
            let state = |ms| h.status_at(zone.local_at(ms).unwrap());
            let from_new_york = unix_ms("2027-02-04 21:00", -300);
            let from_shanghai = unix_ms("2027-02-05 10:00", 480);
            let from_london = unix_ms("2027-02-05 02:00", 0);
            assert_eq!(from_new_york, from_shanghai);
            assert_eq!(from_london, from_shanghai);
            assert!(matches!(
                state(from_new_york),
                OpenState::ClosedToday { note: Some(_), .. }
            ));
            // Read on the viewer's own wall clock, Thursday 21:00 would
            // wrongly say "open, closes 21:30".
            assert!(h.is_open_at(at("2027-02-04 21:00")));
        }

        #[test]
        fn new_years_day_at_nine_fifty_nine() {
            let ms = 1_801_879_140_000; // 2027-02-06 09:59 in Shanghai
            let local = TimeZone::SHANGHAI.local_at(ms).unwrap();
            assert_eq!(local, at("2027-02-06 09:59"));
            match ev_home().status_at(local) {
                OpenState::ClosedToday {
                    reopens: Some(r), ..
                } => assert_eq!((r.weekday, r.minute), (Day::Mon, 600)),
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn closing_minute_from_unix_time() {
            // Monday 8 February 2027, 21:30 in Shanghai is 13:30 UTC.
            let h = ev_home();
            let closing = unix_ms("2027-02-08 21:30", 480);
            let zone = TimeZone::SHANGHAI;
            assert!(h.is_open_at(zone.local_at(closing - 1).unwrap()));
            assert!(!h.is_open_at(zone.local_at(closing).unwrap()));
        }

        #[test]
        fn an_outlet_in_urumqi_time() {
            // 10:00–19:00 Xinjiang time is 12:00–21:00 Beijing time.
            let h = hours(r#"{"mon": ["10:00-19:00"]}"#);
            let urumqi = TimeZone::from_iana("Asia/Urumqi").unwrap();
            let beijing_noon = unix_ms("2027-02-08 12:00", 480);
            assert!(h.is_open_at(urumqi.local_at(beijing_noon).unwrap()));
            assert!(!h.is_open_at(urumqi.local_at(beijing_noon - 1).unwrap()));
        }
    }

    mod sample_dataset {
        use super::*;
        use crate::dataset::Dataset;

        #[test]
        fn new_years_morning_across_the_network() {
            let d = Dataset::parse(include_str!("../../public/data/outlets.geojson")).unwrap();
            let zone = d.meta.zone().unwrap();
            let now = zone.local_at(1_801_879_140_000).unwrap(); // 2027-02-06 09:59
            let states: Vec<OpenState> = d
                .outlets
                .iter()
                .filter_map(|o| o.open_state_at(now))
                .collect();
            let closed_for_the_festival = states
                .iter()
                .filter(|s| {
                    matches!(s, OpenState::ClosedToday { note: Some(n), .. }
                    if n.zh.as_deref() == Some("春节休息"))
                })
                .count();
            let with_festival_closing = d
                .outlets
                .iter()
                .filter(|o| o.status == crate::OutletStatus::Open)
                .filter_map(|o| o.hours.as_ref())
                .filter(|h| h.exception_on(date("2027-02-06")).is_some())
                .count();
            assert!(closed_for_the_festival > 50, "{closed_for_the_festival}");
            assert_eq!(closed_for_the_festival, with_festival_closing);
            // partners open at 08:30 or 09:00, so some are open; no EV Home is
            let open: Vec<&crate::Outlet> =
                d.outlets.iter().filter(|o| o.is_open_at(now)).collect();
            assert!(!open.is_empty());
            assert!(open.iter().all(|o| o.kind == crate::OutletKind::Partner));
        }
    }

    mod week_view {
        use super::*;

        #[test]
        fn applies_exceptions_with_their_notes() {
            let week = ev_home().week_from(date("2027-02-05"));
            let days: Vec<Day> = week.iter().map(|d| d.weekday).collect();
            assert_eq!(
                days,
                [
                    Day::Fri,
                    Day::Sat,
                    Day::Sun,
                    Day::Mon,
                    Day::Tue,
                    Day::Wed,
                    Day::Thu
                ]
            );
            for d in &week[..3] {
                assert!(d.exception && d.ranges.is_empty());
                assert_eq!(
                    d.note.as_ref().and_then(|n| n.zh.as_deref()),
                    Some("春节休息")
                );
            }
            assert!(!week[3].exception && week[3].note.is_none());
            assert_eq!(week[3].ranges, vec![range("10:00-21:30").unwrap()]);
            assert_eq!(week[6].date, date("2027-02-11"));
        }

        #[test]
        fn stops_at_the_end_of_the_calendar() {
            assert_eq!(ev_home().week_from(date("9999-12-29")).len(), 3);
        }
    }
}
