//! Weekly opening hours, as the dataset writes them.
//!
//! Times are minutes after local midnight in the dataset's time zone. A range
//! whose end is not after its start runs past midnight; `00:00-24:00` is the
//! whole day.

use crate::date::Date;
use crate::text::LocalText;
use serde::Deserialize;
use std::fmt;

/// A day of the week, Monday first (the Chinese and ISO convention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
}

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
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{}–{}", hm(self.start_min), hm(self.end_min))
    }
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
    /// Dates whose hours differ from the week's.
    pub exceptions: Vec<HoursException>,
}

impl WeeklyHours {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> Result<TimeRange, String> {
        TimeRange::try_from(s.to_string())
    }

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
        let h: WeeklyHours = serde_json::from_str(
            r#"{"mon": ["10:00-22:00"], "sat": ["09:30-12:00", "13:00-18:00"],
                "exceptions": [{"date": "2027-02-06", "hours": [], "note": {"zh": "春节休息"}}]}"#,
        )
        .unwrap();
        assert_eq!(h.day(Day::Mon).len(), 1);
        assert_eq!(h.day(Day::Sat).len(), 2);
        assert!(h.day(Day::Sun).is_empty());
        assert_eq!(h.exceptions[0].date.to_string(), "2027-02-06");
    }
}
