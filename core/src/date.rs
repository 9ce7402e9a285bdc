//! Calendar dates written `YYYY-MM-DD`, and the arithmetic opening hours
//! need: days since 1970-01-01 both ways (the "days from civil" algorithm of
//! the proleptic Gregorian calendar), adding days, and the day of the week.

use crate::hours::Day;
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar, with no time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    /// Year, 1…9999.
    pub year: u16,
    /// Month, 1…12.
    pub month: u8,
    /// Day of the month, 1…31.
    pub day: u8,
}

/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
const EPOCH_SHIFT_DAYS: i64 = 719_468;
/// Days in a 400-year cycle of the Gregorian calendar.
const DAYS_PER_ERA: i64 = 146_097;

impl Date {
    /// The date, if it is a day of the calendar (year 1…9999).
    ///
    /// ```
    /// use locator_core::Date;
    /// assert!(Date::new(2027, 2, 6).is_some());
    /// assert!(Date::new(2027, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= Date::days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (the Unix epoch), negative before it.
    ///
    /// Counts in years that begin on 1 March, so that the leap day is the
    /// last day of its year, and in 400-year eras of 146,097 days.
    ///
    /// ```
    /// use locator_core::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("1970-01-01").days_since_epoch(), 0);
    /// assert_eq!(d("2027-02-06").days_since_epoch(), 20_855);
    /// ```
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT_DAYS
    }

    /// The date `days` after 1970-01-01 (before it if negative), or `None`
    /// outside years 1…9999.
    ///
    /// ```
    /// use locator_core::Date;
    /// assert_eq!(Date::from_days_since_epoch(20_855).unwrap().to_string(), "2027-02-06");
    /// assert!(Date::from_days_since_epoch(i64::MAX).is_none());
    /// ```
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let shifted = days.checked_add(EPOCH_SHIFT_DAYS)?;
        let era = shifted.div_euclid(DAYS_PER_ERA);
        let day_of_era = shifted - era * DAYS_PER_ERA;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = era
            .checked_mul(400)?
            .checked_add(year_of_era + i64::from(month <= 2))?;
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `days` later (earlier if negative), or `None` outside years
    /// 1…9999.
    ///
    /// ```
    /// use locator_core::Date;
    /// let eve: Date = "2027-02-28".parse().unwrap();
    /// assert_eq!(eve.add_days(1).unwrap().to_string(), "2027-03-01");
    /// assert_eq!(eve.add_days(-59).unwrap().to_string(), "2026-12-31");
    /// ```
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// The day of the week.
    ///
    /// ```
    /// use locator_core::{Date, Day};
    /// // Chinese New Year's Day 2027 is a Saturday.
    /// let new_year: Date = "2027-02-06".parse().unwrap();
    /// assert_eq!(new_year.weekday(), Day::Sat);
    /// ```
    pub fn weekday(self) -> Day {
        // 1970-01-01 was a Thursday, index 3 counting from Monday.
        Day::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// Number of days in `month` of `year`.
    fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (year.is_multiple_of(4) && !year.is_multiple_of(100))
                || year.is_multiple_of(400) =>
            {
                29
            }
            _ => 28,
        }
    }
}

impl FromStr for Date {
    type Err = String;

    /// Reads `YYYY-MM-DD`, checking that the day exists.
    ///
    /// ```
    /// use locator_core::Date;
    /// assert!("2027-02-06".parse::<Date>().is_ok());
    /// assert!("2027-02-29".parse::<Date>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date like 2027-02-06");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if year == 0 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        let (month, day) = (month as u8, day as u8);
        if day == 0 || day > Date::days_in_month(year, month) {
            return Err(format!("`{s}` is not a day of the calendar"));
        }
        Ok(Date { year, month, day })
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d: Date = "2026-11-20".parse().unwrap();
        assert_eq!(
            d,
            Date {
                year: 2026,
                month: 11,
                day: 20
            }
        );
        assert_eq!(d.to_string(), "2026-11-20");
    }

    #[test]
    fn refuses_impossible_days() {
        for s in [
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "2026-1-01",
            "20261120",
            "2026-11-2x",
            "+026-11-20",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2100-02-29".parse::<Date>().is_err());
    }

    mod arithmetic {
        use super::*;

        #[test]
        fn days_round_trip_over_every_day_of_four_centuries() {
            let mut date = Date::new(1900, 1, 1).unwrap();
            let start = date.days_since_epoch();
            assert_eq!(start, -25_567);
            for n in 0..(4 * DAYS_PER_ERA) {
                assert_eq!(date.days_since_epoch(), start + n, "{date}");
                assert_eq!(Date::from_days_since_epoch(start + n), Some(date));
                // the next day by counting, not by the algorithm
                date = if date.day < Date::days_in_month(date.year, date.month) {
                    Date {
                        day: date.day + 1,
                        ..date
                    }
                } else if date.month < 12 {
                    Date {
                        month: date.month + 1,
                        day: 1,
                        ..date
                    }
                } else {
                    Date {
                        year: date.year + 1,
                        month: 1,
                        day: 1,
                    }
                };
            }
        }

        #[test]
        fn ends_of_the_calendar() {
            let first = Date::new(1, 1, 1).unwrap();
            let last = Date::new(9999, 12, 31).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(first.days_since_epoch()),
                Some(first)
            );
            assert_eq!(
                Date::from_days_since_epoch(last.days_since_epoch()),
                Some(last)
            );
            assert_eq!(first.add_days(-1), None);
            assert_eq!(last.add_days(1), None);
            assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
        }

        #[test]
        fn weekdays_of_known_days() {
            let day = |s: &str| s.parse::<Date>().unwrap().weekday();
            assert_eq!(day("1970-01-01"), Day::Thu);
            assert_eq!(day("2000-02-29"), Day::Tue);
            assert_eq!(day("2026-11-20"), Day::Fri);
            assert_eq!(day("2027-02-08"), Day::Mon);
            assert_eq!(day("0001-01-01"), Day::Mon);
        }
    }
}
