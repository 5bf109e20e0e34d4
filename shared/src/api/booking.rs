//! Appointment booking (Online-Terminvergabe): the wire types of citizens, staff and admins.
//!
//! A citizen chooses concerns (services with counts), a location or any location, a day and a
//! start; the server holds the slot for a few minutes (after a proof of work, [`crate::pow`]),
//! takes the contact details and mails an activation link. Only the activation makes the
//! booking count (double opt-in); then a confirmation with an iCalendar file, the booking code
//! and a manage link follows. Tokens (hold, activation, manage) travel in JSON bodies, never in
//! URLs: links put them into the fragment (`#…`), which browsers do not send.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::catalogue::Fee;
use crate::date::CalendarDate;
use crate::i18n::{Lang, LocalizedText};
use crate::id::{BookingCode, LocationSlug, ServiceSlug};

/// Minutes of the occupancy grid: durations, steps and opening hours are multiples of it.
pub const GRID_MINUTES: u16 = 5;

/// A time of day in the city's time zone, `HH:MM` on the wire, on the 5-minute grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Midnight.
    pub const MIDNIGHT: Self = Self(0);
    /// The end of the day (24:00), allowed as the end of an interval.
    pub const END_OF_DAY: Self = Self(24 * 60);

    /// The time `minutes` after midnight, if it is on the grid and not after 24:00.
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 24 * 60 && minutes.is_multiple_of(GRID_MINUTES)).then_some(Self(minutes))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl FromStr for TimeOfDay {
    type Err = &'static str;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (hours, minutes) = text.split_once(':').ok_or("expected HH:MM")?;
        if hours.len() != 2 || minutes.len() != 2 {
            return Err("expected HH:MM");
        }
        let hours: u16 = hours.parse().map_err(|_| "expected HH:MM")?;
        let minutes: u16 = minutes.parse().map_err(|_| "expected HH:MM")?;
        if minutes >= 60 {
            return Err("no such time");
        }
        Self::from_minutes(hours * 60 + minutes).ok_or("not a time on the 5-minute grid")
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = &'static str;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<TimeOfDay> for String {
    fn from(time: TimeOfDay) -> Self {
        time.to_string()
    }
}

/// Opening hours `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Start (inclusive).
    pub from: TimeOfDay,
    /// End (exclusive).
    pub to: TimeOfDay,
}

/// One concern of a booking: a service and how many times (2 × Personalausweis).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concern {
    /// The service.
    pub service: ServiceSlug,
    /// How many times (1 or more).
    pub count: u8,
}

/// `concerns` as a query value: `slug:count,slug:count`.
pub fn concerns_query(concerns: &[Concern]) -> String {
    concerns
        .iter()
        .map(|concern| format!("{}:{}", concern.service, concern.count))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`concerns_query`]'s format.
pub fn parse_concerns(text: &str) -> Option<Vec<Concern>> {
    text.split(',')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (service, count) = part.split_once(':')?;
            Some(Concern {
                service: service.parse().ok()?,
                count: count.parse().ok()?,
            })
        })
        .collect()
}

// ----------------------------------------------------------------------------------------------
// Citizens

/// A service that can be booked, with what to bring and what it costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookableService {
    /// URL name.
    pub slug: ServiceSlug,
    /// Name.
    pub name: LocalizedText,
    /// Documents to bring (from the catalogue).
    #[serde(default)]
    pub documents: Vec<LocalizedText>,
    /// Fees (from the catalogue), per item.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// The most items of it in one booking (e.g. passports for a family of five).
    pub max_count: u8,
    /// The locations that offer it, with the minutes one item takes there.
    pub locations: Vec<ServiceAtLocation>,
}

/// A service's duration at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAtLocation {
    /// The location.
    pub location: LocationSlug,
    /// Minutes it takes.
    pub minutes: u16,
}

/// A location as citizens see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationInfo {
    /// URL name.
    pub slug: LocationSlug,
    /// Name.
    pub name: LocalizedText,
    /// Street and house number.
    pub street: String,
    /// Postal code and city.
    pub city: String,
    /// Step-free access, accessible toilet, induction loop, …
    pub accessibility: LocalizedText,
    /// How to get there (public transport, parking).
    pub directions: LocalizedText,
}

/// What can be booked: `GET` [`super::paths::APPOINTMENTS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingOffer {
    /// The services.
    pub services: Vec<BookableService>,
    /// The locations.
    pub locations: Vec<LocationInfo>,
    /// The most concerns (items, counted) in one booking.
    pub max_items: u8,
}

/// The free starts of one location on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationStarts {
    /// The location.
    pub location: LocationSlug,
    /// Minutes the chosen concerns take there.
    pub minutes: u16,
    /// Free start times, in order.
    pub starts: Vec<TimeOfDay>,
}

/// One day with free starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayStarts {
    /// The day.
    pub date: CalendarDate,
    /// The locations.
    pub locations: Vec<LocationStarts>,
}

/// Free starts: `GET` [`super::paths::APPOINTMENT_SLOTS`]. Days without any are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotList {
    /// The first and last day that can be booked now (minimum notice, booking window).
    pub first_day: CalendarDate,
    /// The last bookable day.
    pub last_day: CalendarDate,
    /// The days.
    pub days: Vec<DayStarts>,
}

/// A proof-of-work challenge: `GET` [`super::paths::APPOINTMENT_CHALLENGE`]; solve it with
/// [`crate::pow::solve`] and send it with the hold within `expires_in_seconds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PowChallenge {
    /// The signed challenge text.
    pub challenge: String,
    /// Leading zero bits the hash needs.
    pub difficulty: u8,
    /// Seconds the challenge stays valid.
    pub expires_in_seconds: u32,
}

/// Hold a slot: `POST` [`super::paths::APPOINTMENT_HOLDS`] → 201 [`HeldSlot`]; 409
/// `slot_taken` when someone else was faster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldRequest {
    /// The concerns.
    pub concerns: Vec<Concern>,
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
    /// The signed challenge text.
    pub challenge: String,
    /// The solution of the challenge.
    pub nonce: u64,
}

/// A held slot. The `hold_token` is the only handle on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldSlot {
    /// The secret handle on the hold.
    pub hold_token: String,
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
    /// Minutes it takes.
    pub minutes: u16,
    /// Seconds until the hold ends unless the contact details come in.
    pub expires_in_seconds: u32,
}

/// A token in a body (hold, activation or manage token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    /// The token.
    pub token: String,
}

/// Contact details for a held slot: `POST` [`super::paths::APPOINTMENT_REQUESTS`] → 202
/// [`ActivationSent`]; an activation link goes to the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// The secret handle on the hold.
    pub hold_token: String,
    /// Name as on the ID (1–200 characters).
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Optional telephone number for questions (at most 40 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The citizen read the privacy notice.
    pub privacy_acknowledged: bool,
    /// The language of the e-mails.
    pub language: Lang,
}

/// The activation link is on its way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationSent {
    /// Minutes the link is valid; after that the slot is free again.
    pub valid_minutes: u32,
}

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Held, no contact details yet.
    Held,
    /// Waiting for the activation link to be clicked.
    Pending,
    /// Booked.
    Confirmed,
    /// The citizen came (checked in by staff).
    CheckedIn,
    /// The citizen did not come.
    NoShow,
    /// Cancelled by the citizen or because the office closed.
    Cancelled,
    /// The hold or activation ran out.
    Expired,
}

impl BookingStatus {
    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::CheckedIn => "checked_in",
            Self::NoShow => "no_show",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    /// Reads [`Self::as_str`].
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Self::Held,
            Self::Pending,
            Self::Confirmed,
            Self::CheckedIn,
            Self::NoShow,
            Self::Cancelled,
            Self::Expired,
        ]
        .into_iter()
        .find(|status| status.as_str() == name)
    }

    /// A label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Held, Lang::En) => "Held",
            (Self::Held, _) => "Reserviert",
            (Self::Pending, Lang::En) => "Waiting for confirmation",
            (Self::Pending, _) => "Wartet auf Bestätigung",
            (Self::Confirmed, Lang::En) => "Booked",
            (Self::Confirmed, _) => "Gebucht",
            (Self::CheckedIn, Lang::En) => "Checked in",
            (Self::CheckedIn, _) => "Erschienen",
            (Self::NoShow, Lang::En) => "Did not come",
            (Self::NoShow, _) => "Nicht erschienen",
            (Self::Cancelled, Lang::En) => "Cancelled",
            (Self::Cancelled, _) => "Abgesagt",
            (Self::Expired, Lang::En) => "Expired",
            (Self::Expired, _) => "Verfallen",
        }
    }
}

/// A concern with its name, as a booking shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernView {
    /// The service.
    pub service: ServiceSlug,
    /// Name.
    pub name: LocalizedText,
    /// How many times (1 or more).
    pub count: u8,
}

/// A booking as its citizen sees it (after activation, and through the manage link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    /// The booking code.
    pub code: BookingCode,
    /// Where it stands.
    pub status: BookingStatus,
    /// The location.
    pub location: LocationInfo,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
    /// Minutes it takes.
    pub minutes: u16,
    /// The concerns.
    pub concerns: Vec<ConcernView>,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Whether it can still be moved or cancelled online (before the cut-off).
    pub changeable: bool,
    /// Hours before the start after which it can no longer be changed online.
    pub cutoff_hours: u16,
    /// The booking code as a QR code, to show at the counter: a `data:image/svg+xml;base64,` URI
    /// for an `<img>`.
    pub code_qr_svg: String,
    /// Documents to bring and fees, combined over the concerns.
    pub documents: Vec<LocalizedText>,
    /// Fees, combined over the concerns.
    pub fees: Vec<Fee>,
    /// How to reach the office that runs the location (its department in the catalogue), for
    /// changes after the cut-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<OfficeContact>,
}

/// Telephone and e-mail of an office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeContact {
    /// The office's name, e.g. "Bürgerbüro".
    pub name: LocalizedText,
    /// Telephone number as written for people.
    pub phone: String,
    /// E-mail address.
    pub email: String,
}

/// Move a booking: `POST` [`super::paths::APPOINTMENT_MOVE`] → [`BookingView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveRequest {
    /// The token.
    pub token: String,
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
}

// ----------------------------------------------------------------------------------------------
// Staff

/// A booking in the staff day view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBooking {
    /// The booking's id.
    pub id: String,
    /// The booking code.
    pub code: BookingCode,
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
    /// Minutes it takes.
    pub minutes: u16,
    /// Where it stands.
    pub status: BookingStatus,
    /// The concerns.
    pub concerns: Vec<ConcernView>,
    /// Empty once anonymised.
    pub name: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Booked by staff (at the counter or on the phone), not online.
    pub by_staff: bool,
}

/// A location's day: `GET` [`super::paths::STAFF_APPOINTMENT_DAY`] `?location=&date=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    /// The location.
    pub location: LocationInfo,
    /// The day.
    pub date: CalendarDate,
    /// The day's opening hours (empty: closed).
    pub hours: Vec<Interval>,
    /// The note of a special day or closure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Confirmed, checked-in, no-show and cancelled bookings, by start.
    pub bookings: Vec<StaffBooking>,
}

/// Check a citizen in: `POST` [`super::paths::STAFF_APPOINTMENT_CHECK_IN`] → [`StaffBooking`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The booking code as typed or scanned (any case, dashes and spaces allowed).
    pub code: String,
}

/// A booking made by staff: `POST` [`super::paths::STAFF_APPOINTMENTS`] → 201
/// [`StaffBooking`]. It may use the staff-only desks and needs no activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBookingRequest {
    /// The concerns.
    pub concerns: Vec<Concern>,
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The start time.
    pub start: TimeOfDay,
    /// Name.
    pub name: String,
    /// When given, the citizen gets the confirmation by e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Close a location for a day or part of it: `POST` [`super::paths::STAFF_APPOINTMENT_CLOSURES`]
/// → [`ClosureResult`]. Bookings in the closed time are cancelled and their citizens told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    /// The location.
    pub location: LocationSlug,
    /// The day.
    pub date: CalendarDate,
    /// The closed part; `None` closes the whole day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Interval>,
    /// The reason, told to the citizens (1–500 characters).
    pub reason: String,
}

/// What a closure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureResult {
    /// Bookings cancelled (each citizen with an e-mail address is told).
    pub cancelled: u32,
    /// The day's opening hours now.
    pub hours: Vec<Interval>,
}

// ----------------------------------------------------------------------------------------------
// Admins

/// A service offered at a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationService {
    /// The service.
    pub service: ServiceSlug,
    /// Minutes one item takes (a multiple of 5, 5–240).
    pub minutes: u16,
    /// The most items of it in one booking (1–10).
    pub max_count: u8,
}

/// A day that differs from the week: a holiday or closure (no intervals) or special hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    /// The day.
    pub date: CalendarDate,
    /// Opening hours.
    pub hours: Vec<Interval>,
    /// E.g. "Heiligabend" or "Betriebsversammlung"; shown to staff, and to citizens on closure.
    pub note: String,
}

/// A location with everything that decides its free slots: `GET`/`PUT`
/// [`super::paths::ADMIN_LOCATION`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationConfig {
    /// What citizens see.
    pub info: LocationInfo,
    /// The department that runs it (its staff see its days).
    pub department: String,
    /// The services.
    pub services: Vec<LocationService>,
    /// Opening hours per weekday, Monday first.
    pub weekly: [Vec<Interval>; 7],
    /// Desks that serve online bookings at the same time.
    pub desks_online: u16,
    /// Further desks only staff can book (phone, counter).
    pub desks_staff: u16,
    /// Minutes between two possible starts (a multiple of 5, 5–120).
    pub step_minutes: u16,
    /// Hours of notice an online booking needs.
    pub min_notice_hours: u16,
    /// How many days ahead citizens can book (1–365).
    pub max_days_ahead: u16,
    /// Hours before the start until which citizens can move or cancel online.
    pub cutoff_hours: u16,
    /// Hours before the start the reminder e-mail goes out (0: none).
    pub reminder_hours: u16,
}

/// Special days of a location: `GET`/`PUT` [`super::paths::ADMIN_LOCATION_DAYS`] (the `PUT`
/// replaces the list from today on; bookings outside new hours are cancelled as by a closure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDays {
    /// The days.
    pub days: Vec<SpecialDay>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_on_the_five_minute_grid() {
        assert_eq!(
            "08:30".parse::<TimeOfDay>().map(TimeOfDay::minutes),
            Ok(510)
        );
        assert_eq!("24:00".parse::<TimeOfDay>(), Ok(TimeOfDay::END_OF_DAY));
        assert!("08:31".parse::<TimeOfDay>().is_err());
        assert!("8:30".parse::<TimeOfDay>().is_err());
        assert!("24:05".parse::<TimeOfDay>().is_err());
        assert!("07:60".parse::<TimeOfDay>().is_err());
        assert_eq!(
            TimeOfDay::from_minutes(545).map(String::from),
            Some("09:05".into())
        );
    }

    #[test]
    fn concerns_round_trip_through_the_query() {
        let concerns = vec![
            Concern {
                service: "personalausweis-beantragen".parse().expect("slug"),
                count: 2,
            },
            Concern {
                service: "meldebescheinigung".parse().expect("slug"),
                count: 1,
            },
        ];
        let query = concerns_query(&concerns);
        assert_eq!(query, "personalausweis-beantragen:2,meldebescheinigung:1");
        assert_eq!(parse_concerns(&query), Some(concerns));
        assert_eq!(parse_concerns("x:abc"), None);
    }
}
