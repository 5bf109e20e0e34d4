//! A calendar date without time zone.
//!
//! Hand-written instead of `chrono`/`time` because the browser bundle needs only ISO parsing,
//! comparison and validity (chrono adds ~13 KB gzip, `performance.md`). "Today" is never read
//! here: callers pass it in (the server from its clock in the city's time zone, the browser from
//! the device).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A valid proleptic Gregorian date, written `YYYY-MM-DD` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseDateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("expected YYYY-MM-DD")]
    Format,
    /// Well-formed but not a day of the calendar, such as 2026-02-30.
    #[error("no such day")]
    NoSuchDay,
}

impl CalendarDate {
    /// A date from its parts, if that day exists (years 1 to 9999).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days_since_epoch(days: i64) -> Self {
        // Howard Hinnant's civil_from_days, valid for the whole supported range.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (negative: before); the inverse of [`Self::from_days_since_epoch`].
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days later (earlier when negative), clamped to the supported years.
    pub fn add_days(self, days: i64) -> Self {
        let target = self
            .days_since_epoch()
            .saturating_add(days)
            .clamp(-719_162, 2_932_896);
        Self::from_days_since_epoch(target)
    }

    /// The same day `months` months later (earlier when negative); the day is clamped to the
    /// month's length (31 January + 1 month = 28 or 29 February), years to 1..=9999.
    pub fn add_months(self, months: i64) -> Self {
        let index = (i64::from(self.year) * 12 + i64::from(self.month) - 1).saturating_add(months);
        let index = index.clamp(12, 9999 * 12 + 11);
        let year = (index / 12) as i32;
        let month = (index % 12 + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Self { year, month, day }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The day of the week, Monday 0 to Sunday 6.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday (index 3); `rem_euclid(7)` is always 0..7.
        usize::try_from((self.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// German display form, e.g. `03.10.2026`.
    pub fn to_german(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for CalendarDate {
    type Err = ParseDateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 10
            || bytes[4] != b'-'
            || bytes[7] != b'-'
            || !digits_at(0..4)
            || !digits_at(5..7)
            || !digits_at(8..10)
        {
            return Err(ParseDateError::Format);
        }
        let number = |range: std::ops::Range<usize>| -> u32 {
            bytes[range]
                .iter()
                .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0'))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        Self::from_ymd(year as i32, month as u8, day as u8).ok_or(ParseDateError::NoSuchDay)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = ParseDateError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> Self {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn weekdays_count_from_monday() {
        let date = |d| CalendarDate::from_ymd(2026, 11, d).expect("date");
        // 30 November 2026 is a Monday, 6 December a Sunday; 1 January 1970 a Thursday.
        assert_eq!(date(30).weekday(), 0);
        assert_eq!(date(30).add_days(6).weekday(), 6);
        assert_eq!(CalendarDate::from_days_since_epoch(0).weekday(), 3);
        assert_eq!(CalendarDate::from_days_since_epoch(-1).weekday(), 2);
    }
    use super::*;

    #[test]
    fn parses_iso_dates_and_rejects_impossible_days() {
        let date: CalendarDate = "2024-02-29".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2024, 2, 29));
        assert_eq!(
            "2023-02-29".parse::<CalendarDate>(),
            Err(ParseDateError::NoSuchDay)
        );
        assert_eq!(
            "1900-02-29".parse::<CalendarDate>(),
            Err(ParseDateError::NoSuchDay)
        );
        assert!("2000-02-29".parse::<CalendarDate>().is_ok());
        assert_eq!(
            "2026-04-31".parse::<CalendarDate>(),
            Err(ParseDateError::NoSuchDay)
        );
        assert_eq!(
            "2026-13-01".parse::<CalendarDate>(),
            Err(ParseDateError::NoSuchDay)
        );
        assert_eq!(
            "0000-01-01".parse::<CalendarDate>(),
            Err(ParseDateError::NoSuchDay)
        );
        for bad in [
            "",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "01.01.2026",
            "2026-01-0a",
            "2026-01-01 ",
        ] {
            assert_eq!(
                bad.parse::<CalendarDate>(),
                Err(ParseDateError::Format),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn days_since_epoch_round_trip_known_dates() {
        assert_eq!(
            CalendarDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            CalendarDate::from_days_since_epoch(-1).to_string(),
            "1969-12-31"
        );
        assert_eq!(
            CalendarDate::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
        assert_eq!(
            CalendarDate::from_days_since_epoch(20_415).to_string(),
            "2025-11-23"
        );
    }

    #[test]
    fn adds_days_and_months_with_clamping() {
        let date = |text: &str| text.parse::<CalendarDate>().unwrap();
        assert_eq!(date("2026-01-31").add_months(1), date("2026-02-28"));
        assert_eq!(date("2024-01-31").add_months(1), date("2024-02-29"));
        assert_eq!(date("2026-11-23").add_months(-18 * 12), date("2008-11-23"));
        assert_eq!(date("2024-02-29").add_months(12), date("2025-02-28"));
        assert_eq!(date("2026-12-31").add_days(1), date("2027-01-01"));
        assert_eq!(date("2026-03-01").add_days(-1), date("2026-02-28"));
        assert_eq!(date("9999-12-31").add_days(5), date("9999-12-31"));
    }

    #[test]
    fn orders_chronologically_and_formats_german() {
        let a: CalendarDate = "2025-12-31".parse().unwrap();
        let b: CalendarDate = "2026-01-01".parse().unwrap();
        assert!(a < b);
        assert_eq!(b.to_german(), "01.01.2026");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"2026-01-01\"");
        assert!(serde_json::from_str::<CalendarDate>("\"2026-02-30\"").is_err());
    }
}
