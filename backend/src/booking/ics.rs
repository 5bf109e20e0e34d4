//! iCalendar files (RFC 5545) of appointments: one for the citizen (attached to the
//! confirmation, downloadable from the manage page) and one of a location's day for staff.
//! Times are written in UTC, which every calendar converts to its own zone.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// One appointment in a calendar file.
#[derive(Debug, Clone)]
pub(crate) struct CalendarEntry {
    /// Stable across changes, so a moved appointment replaces the old entry.
    pub(crate) uid: String,
    pub(crate) summary: String,
    pub(crate) description: String,
    pub(crate) location: String,
    pub(crate) starts: DateTime<Utc>,
    pub(crate) ends: DateTime<Utc>,
    pub(crate) cancelled: bool,
    /// Increases with each change (RFC 5545 SEQUENCE).
    pub(crate) sequence: u32,
}

/// A calendar file named `name` with `entries`.
pub(crate) fn calendar(name: &str, entries: &[CalendarEntry]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for entry in entries {
        calendar.push(
            Event::new()
                .uid(&entry.uid)
                .summary(&entry.summary)
                .description(&entry.description)
                .location(&entry.location)
                .starts(entry.starts)
                .ends(entry.ends)
                .sequence(entry.sequence)
                .status(if entry.cancelled {
                    EventStatus::Cancelled
                } else {
                    EventStatus::Confirmed
                })
                .done(),
        );
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn an_appointment_becomes_a_vevent_in_utc() {
        let starts = Utc
            .with_ymd_and_hms(2026, 12, 7, 8, 0, 0)
            .single()
            .expect("time");
        let text = calendar(
            "Termin",
            &[CalendarEntry {
                uid: "b1@buergerportal".into(),
                summary: "Termin im Bürgerbüro Mitte".into(),
                description: "Buchungscode K7M2-QX9D".into(),
                location: "Rathausplatz 1, 12345 Musterstadt".into(),
                starts,
                ends: starts + chrono::Duration::minutes(30),
                cancelled: false,
                sequence: 0,
            }],
        );
        assert!(text.starts_with("BEGIN:VCALENDAR"));
        assert!(text.contains("BEGIN:VEVENT"));
        assert!(text.contains("DTSTART:20261207T080000Z"));
        assert!(text.contains("DTEND:20261207T083000Z"));
        assert!(text.contains("UID:b1@buergerportal"));
        assert!(text.contains("STATUS:CONFIRMED"));
    }
}
