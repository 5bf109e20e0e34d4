//! Time, injected so that tests move it instead of sleeping.

use std::sync::Mutex;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use shared::CalendarDate;

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock showing `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self(Mutex::new(now))
    }

    /// Sets the time.
    pub fn set(&self, now: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = now;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The calendar date of `instant` in the city's time zone: what "today" means for date rules
/// and which year a reference number belongs to.
pub fn local_date(instant: DateTime<Utc>, time_zone: Tz) -> CalendarDate {
    let local = instant.with_timezone(&time_zone).date_naive();
    let month = u8::try_from(local.month()).unwrap_or(1);
    let day = u8::try_from(local.day()).unwrap_or(1);
    CalendarDate::from_ymd(local.year(), month, day)
        .unwrap_or_else(|| CalendarDate::from_days_since_epoch(0))
}

/// The first instant of `date` in the city's time zone, as unix milliseconds.
pub(crate) fn start_of_day_ms(date: CalendarDate, time_zone: Tz) -> i64 {
    use chrono::TimeZone;
    let naive = chrono::NaiveDate::from_ymd_opt(
        date.year(),
        u32::from(date.month()),
        u32::from(date.day()),
    )
    .and_then(|day| day.and_hms_opt(0, 0, 0))
    .unwrap_or_default();
    // A day starts at most once; a gap (no midnight that day) starts at the first instant after.
    time_zone
        .from_local_datetime(&naive)
        .earliest()
        .map_or_else(
            || naive.and_utc().timestamp_millis(),
            |start| start.timestamp_millis(),
        )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn local_date_uses_the_city_time_zone() {
        // 23:30 UTC on 31 December is already New Year in Berlin (UTC+1 in winter).
        let instant = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            local_date(instant, chrono_tz::Europe::Berlin).to_string(),
            "2027-01-01"
        );
        assert_eq!(
            local_date(instant, chrono_tz::UTC).to_string(),
            "2026-12-31"
        );
    }
}
