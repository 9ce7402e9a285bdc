//! Calendar dates written `YYYY-MM-DD`.

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

impl Date {
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
}
