//! Appointments (issue 7): what citizens can book, free slots, holds with a proof of work,
//! double opt-in, the manage link, and what staff and admins do with locations and days.
//!
//! The rules live here; SQL is in `db::appointments`, the free-slot arithmetic in `slots`, and
//! the HTTP handlers in `routes::appointments` are thin. Capacity is decided in the database
//! (see `db::appointments`), so this module may compute free slots from a snapshot: the
//! booking itself either gets its desk or answers 409.

pub(crate) mod ics;
pub(crate) mod mail;
pub(crate) mod pow;

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use anyhow::Context as _;
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use rand::Rng;
use shared::CalendarDate;
use shared::api::ErrorCode;
use shared::api::booking::{
    ActivationSent, BookableService, BookingOffer, BookingStatus, BookingView, Concern,
    ConcernView, ContactDetails, DayStarts, GRID_MINUTES, HeldSlot, HoldRequest, Interval,
    LocationConfig, LocationStarts, MoveRequest, PowChallenge, ServiceAtLocation, SlotList,
    SpecialDay, TimeOfDay,
};
use shared::api::editor::DefinitionProblem;
use shared::catalogue::{Department, Fee, Service};
use shared::id::{BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, LocationSlug, ServiceSlug};
use shared::{Lang, LocalizedText};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::{new_session_token, token_hash};
use crate::clock::local_date;
use crate::db;
use crate::db::appointments::{
    Changed, Contact, Desks, Handle, NewBooking, PlaceError, Placement, StoredBooking,
};
use crate::db::outbox::{MailKind, NewBookingMail};
use crate::error::ApiError;
use crate::slots::{Booked, Schedule};

/// The most items (concerns, counted) in one booking.
pub const MAX_ITEMS: u8 = 10;
/// The most days one free-slot request may cover.
pub const MAX_SLOT_DAYS: u16 = 62;
/// The name of the proof-of-work key in `server_secrets`.
const POW_KEY: &str = "pow_key";

// ---------------------------------------------------------------------------------------------
// Time

/// The instant `minute` minutes after midnight of `date` in the city's time zone. A time that
/// does not exist (the hour skipped in spring) counts as the next that does.
pub(crate) fn local_instant(date: CalendarDate, minute: u16, time_zone: Tz) -> DateTime<Utc> {
    let naive = chrono::NaiveDate::from_ymd_opt(
        date.year(),
        u32::from(date.month()),
        u32::from(date.day()),
    )
    .and_then(|day| day.and_hms_opt(0, 0, 0))
    .unwrap_or_default()
        + Duration::minutes(i64::from(minute));
    time_zone
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            time_zone
                .from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |local| local.with_timezone(&Utc))
}

/// When bookings can start now at a location.
#[derive(Debug, Clone, Copy)]
struct Window {
    earliest: DateTime<Utc>,
    first_day: CalendarDate,
    last_day: CalendarDate,
}

fn window(config: &LocationConfig, now: DateTime<Utc>, time_zone: Tz) -> Window {
    let earliest = now + Duration::hours(i64::from(config.min_notice_hours));
    let today = local_date(now, time_zone);
    Window {
        earliest,
        first_day: local_date(earliest, time_zone),
        last_day: today.add_days(i64::from(config.max_days_ahead)),
    }
}

// ---------------------------------------------------------------------------------------------
// Locations

/// What is wrong with a location's configuration, by path.
pub(crate) fn problems(
    config: &LocationConfig,
    services: &[Service],
    departments: &[Department],
) -> Vec<DefinitionProblem> {
    let mut problems = Vec::new();
    let mut problem = |path: &str, message: &str| {
        problems.push(DefinitionProblem {
            path: path.to_owned(),
            message: message.to_owned(),
        });
    };
    let text_ok = |text: &str, max: usize| !text.trim().is_empty() && text.chars().count() <= max;
    if !text_ok(&config.info.name.de, 200) {
        problem(
            "info.name",
            "Der Name fehlt oder ist länger als 200 Zeichen",
        );
    }
    if !text_ok(&config.info.street, 200) {
        problem(
            "info.street",
            "Die Straße fehlt oder ist länger als 200 Zeichen",
        );
    }
    if !text_ok(&config.info.city, 200) {
        problem("info.city", "Der Ort fehlt oder ist länger als 200 Zeichen");
    }
    for (path, text) in [
        ("info.accessibility", &config.info.accessibility),
        ("info.directions", &config.info.directions),
    ] {
        if text.de.chars().count() > 2000 {
            problem(path, "Höchstens 2000 Zeichen");
        }
    }
    if !departments
        .iter()
        .any(|department| department.key == config.department)
    {
        problem("department", "Dieses Amt gibt es im Leistungskatalog nicht");
    }
    let mut seen = Vec::new();
    for (index, offered) in config.services.iter().enumerate() {
        let path = format!("services[{index}]");
        if !services
            .iter()
            .any(|service| service.slug == offered.service)
        {
            problem(&path, "Diese Leistung gibt es im Leistungskatalog nicht");
        }
        if seen.contains(&&offered.service) {
            problem(&path, "Diese Leistung steht zweimal in der Liste");
        }
        seen.push(&offered.service);
        if offered.minutes == 0
            || offered.minutes > 240
            || !offered.minutes.is_multiple_of(GRID_MINUTES)
        {
            problem(
                &format!("{path}.minutes"),
                "Die Dauer muss ein Vielfaches von 5 Minuten zwischen 5 und 240 sein",
            );
        }
        if offered.max_count == 0 || offered.max_count > MAX_ITEMS {
            problem(
                &format!("{path}.max_count"),
                "Die Höchstzahl muss zwischen 1 und 10 liegen",
            );
        }
    }
    for (day, intervals) in config.weekly.iter().enumerate() {
        if let Some(message) = interval_problem(intervals) {
            problem(&format!("weekly[{day}]"), message);
        }
    }
    if config.desks_online > 100 || config.desks_staff > 100 {
        problem("desks_online", "Höchstens 100 Plätze");
    }
    if config.step_minutes == 0
        || config.step_minutes > 120
        || !config.step_minutes.is_multiple_of(GRID_MINUTES)
    {
        problem(
            "step_minutes",
            "Der Takt muss ein Vielfaches von 5 Minuten zwischen 5 und 120 sein",
        );
    }
    if config.max_days_ahead == 0 || config.max_days_ahead > 365 {
        problem("max_days_ahead", "Zwischen 1 und 365 Tagen");
    }
    for (path, hours) in [
        ("min_notice_hours", config.min_notice_hours),
        ("cutoff_hours", config.cutoff_hours),
        ("reminder_hours", config.reminder_hours),
    ] {
        if hours > 720 {
            problem(path, "Höchstens 720 Stunden (30 Tage)");
        }
    }
    problems
}

/// Why intervals of one day are not usable: unordered, empty or overlapping.
pub(crate) fn interval_problem(intervals: &[Interval]) -> Option<&'static str> {
    let mut end = TimeOfDay::MIDNIGHT;
    for (index, interval) in intervals.iter().enumerate() {
        if interval.from >= interval.to {
            return Some("Ein Zeitraum endet, bevor er beginnt");
        }
        if index > 0 && interval.from < end {
            return Some("Die Zeiträume überschneiden sich oder sind nicht der Reihe nach");
        }
        end = interval.to;
    }
    None
}

fn minutes(intervals: &[Interval]) -> Vec<(u16, u16)> {
    intervals
        .iter()
        .map(|interval| (interval.from.minutes(), interval.to.minutes()))
        .collect()
}

/// The opening hours of a location for the free-slot engine.
fn schedule(config: &LocationConfig, special: &[SpecialDay]) -> Schedule {
    Schedule {
        weekly: config.weekly.clone().map(|day| minutes(&day)),
        exceptions: special
            .iter()
            .map(|day| (day.date, minutes(&day.hours)))
            .collect(),
        desks: config.desks_online,
        total_desks: config.desks_online + config.desks_staff,
        step: config.step_minutes,
    }
}

fn desks(config: &LocationConfig) -> Desks {
    Desks {
        online: i64::from(config.desks_online),
        total: i64::from(config.desks_online) + i64::from(config.desks_staff),
    }
}

/// The minutes `concerns` take at `config`, or `invalid_booking` when it does not offer one of
/// them, a count is out of range, a service is named twice or there are too many items.
pub(crate) fn duration(config: &LocationConfig, concerns: &[Concern]) -> Result<u16, ApiError> {
    let invalid = ApiError::Client(ErrorCode::InvalidBooking);
    if concerns.is_empty() {
        return Err(invalid);
    }
    let mut total_minutes = 0_u16;
    let mut items = 0_u16;
    for (index, concern) in concerns.iter().enumerate() {
        if concerns[..index]
            .iter()
            .any(|other| other.service == concern.service)
        {
            return Err(invalid);
        }
        let offered = config
            .services
            .iter()
            .find(|offered| offered.service == concern.service)
            .ok_or(ApiError::Client(ErrorCode::InvalidBooking))?;
        if concern.count == 0 || concern.count > offered.max_count {
            return Err(invalid);
        }
        items += u16::from(concern.count);
        total_minutes += offered.minutes * u16::from(concern.count);
    }
    if items > u16::from(MAX_ITEMS) {
        return Err(invalid);
    }
    Ok(total_minutes)
}

fn offers_all(config: &LocationConfig, concerns: &[Concern]) -> bool {
    concerns.iter().all(|concern| {
        config
            .services
            .iter()
            .any(|offered| offered.service == concern.service)
    })
}

async fn location(state: &AppState, slug: &LocationSlug) -> Result<LocationConfig, ApiError> {
    db::appointments::fetch_optional_location(&state.db, slug)
        .await?
        .ok_or(ApiError::Client(ErrorCode::InvalidBooking))
}

/// Whether `start` is a start the location offers for `minutes` on `date` now: on the step
/// grid, inside the opening hours and inside the booking window (`staff`: any time today or
/// later, inside the hours).
async fn check_start(
    state: &AppState,
    config: &LocationConfig,
    date: CalendarDate,
    start: TimeOfDay,
    minutes: u16,
    staff: bool,
) -> Result<(), ApiError> {
    let special =
        db::appointments::fetch_special_days(&state.db, &config.info.slug, date, date).await?;
    let schedule = schedule(config, &special);
    let start_minute = start.minutes();
    let inside = schedule
        .hours(date)
        .iter()
        .any(|&(open, close)| start_minute >= open && start_minute + minutes <= close);
    let on_grid = staff || start_minute.is_multiple_of(config.step_minutes.max(GRID_MINUTES));
    let now = state.clock.now();
    let in_window = if staff {
        date >= local_date(now, state.config.time_zone)
    } else {
        let window = window(config, now, state.config.time_zone);
        local_instant(date, start_minute, state.config.time_zone) >= window.earliest
            && date <= window.last_day
    };
    if inside && on_grid && in_window {
        Ok(())
    } else {
        Err(ApiError::Client(ErrorCode::InvalidBooking))
    }
}

// ---------------------------------------------------------------------------------------------
// Citizens

/// What can be booked.
pub(crate) async fn offer(state: &AppState) -> Result<BookingOffer, ApiError> {
    let locations = db::appointments::fetch_locations(&state.db).await?;
    let services = db::catalogue::fetch_services(&state.db).await?;
    let bookable = services
        .into_iter()
        .filter_map(|service| {
            let at: Vec<(ServiceAtLocation, u8)> = locations
                .iter()
                .filter_map(|location| {
                    location
                        .services
                        .iter()
                        .find(|offered| offered.service == service.slug)
                        .map(|offered| {
                            (
                                ServiceAtLocation {
                                    location: location.info.slug.clone(),
                                    minutes: offered.minutes,
                                },
                                offered.max_count,
                            )
                        })
                })
                .collect();
            let max_count = at.iter().map(|(_, max)| *max).max()?;
            Some(BookableService {
                slug: service.slug,
                name: service.name,
                documents: service.documents,
                fees: service.fees,
                max_count,
                locations: at.into_iter().map(|(at, _)| at).collect(),
            })
        })
        .collect();
    Ok(BookingOffer {
        services: bookable,
        locations: locations
            .into_iter()
            .map(|location| location.info)
            .collect(),
        max_items: MAX_ITEMS,
    })
}

/// Free starts for `concerns` at `location` (or every location offering them all).
pub(crate) async fn slots(
    state: &AppState,
    concerns: &[Concern],
    only: Option<&LocationSlug>,
    from: CalendarDate,
    days: u16,
) -> Result<SlotList, ApiError> {
    if days == 0 || days > MAX_SLOT_DAYS {
        return Err(ApiError::Client(ErrorCode::InvalidBooking));
    }
    let now = state.clock.now();
    let time_zone = state.config.time_zone;
    let today = local_date(now, time_zone);
    let mut candidates: Vec<LocationConfig> = db::appointments::fetch_locations(&state.db)
        .await?
        .into_iter()
        .filter(|config| only.is_none_or(|slug| *slug == config.info.slug))
        .filter(|config| offers_all(config, concerns))
        .collect();
    if candidates.is_empty() {
        return Err(ApiError::Client(ErrorCode::InvalidBooking));
    }
    let mut by_day: BTreeMap<CalendarDate, Vec<LocationStarts>> = BTreeMap::new();
    let mut first_day = None::<CalendarDate>;
    let mut last_day = None::<CalendarDate>;
    for config in &mut candidates {
        let minutes = duration(config, concerns)?;
        let window = window(config, now, time_zone);
        first_day = Some(first_day.map_or(window.first_day, |day| day.min(window.first_day)));
        last_day = Some(last_day.map_or(window.last_day, |day| day.max(window.last_day)));
        let start = from.max(window.first_day).max(today);
        let end = from.add_days(i64::from(days) - 1).min(window.last_day);
        if start > end {
            continue;
        }
        let span = u32::try_from(end.days_since_epoch() - start.days_since_epoch() + 1)
            .unwrap_or_default();
        let special =
            db::appointments::fetch_special_days(&state.db, &config.info.slug, start, end).await?;
        let booked: Vec<Booked> = db::appointments::fetch_occupying(
            &state.db,
            &config.info.slug,
            start,
            end,
            now.timestamp_millis(),
        )
        .await?
        .into_iter()
        .map(|(date, start, minutes, online)| Booked {
            date,
            start,
            minutes,
            online,
        })
        .collect();
        let schedule = schedule(config, &special);
        let mut per_day: BTreeMap<CalendarDate, Vec<TimeOfDay>> = BTreeMap::new();
        for slot in crate::slots::free_slots(&schedule, &booked, start, span, minutes) {
            if local_instant(slot.date, slot.start, time_zone) < window.earliest {
                continue;
            }
            if let Some(time) = TimeOfDay::from_minutes(slot.start) {
                per_day.entry(slot.date).or_default().push(time);
            }
        }
        for (date, starts) in per_day {
            by_day.entry(date).or_default().push(LocationStarts {
                location: config.info.slug.clone(),
                minutes,
                starts,
            });
        }
    }
    Ok(SlotList {
        first_day: first_day.unwrap_or(today),
        last_day: last_day.unwrap_or(today),
        days: by_day
            .into_iter()
            .map(|(date, locations)| DayStarts { date, locations })
            .collect(),
    })
}

/// The proof-of-work key: made by the first instance, stored, and read once per process (a
/// challenge is asked for on every booking, so it must not cost a database write).
async fn pow_key(state: &AppState) -> Result<String, ApiError> {
    Ok(state
        .pow_key
        .get_or_try_init(|| db::appointments::shared_secret(&state.db, POW_KEY, new_session_token))
        .await?
        .clone())
}

fn client_name(ip: Option<IpAddr>) -> String {
    ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// A new proof-of-work challenge for the client.
pub(crate) async fn challenge(
    state: &AppState,
    ip: Option<IpAddr>,
) -> Result<PowChallenge, ApiError> {
    let key = pow_key(state).await?;
    let difficulty = state.config.booking_pow_difficulty.min(pow::MAX_DIFFICULTY);
    Ok(PowChallenge {
        challenge: pow::issue(
            key.as_bytes(),
            &client_name(ip),
            difficulty,
            state.clock.now().timestamp_millis(),
        ),
        difficulty,
        expires_in_seconds: u32::try_from(pow::VALID_MS / 1000).unwrap_or(300),
    })
}

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..BOOKING_CODE_LENGTH)
        .map(|_| char::from(BOOKING_CODE_ALPHABET[rng.gen_range(0..BOOKING_CODE_ALPHABET.len())]))
        .collect()
}

fn ip_hash(key: &str, ip: Option<IpAddr>) -> Option<String> {
    ip.map(|ip| token_hash(&format!("ip:{key}:{ip}")))
}

fn email_hash(email: &str) -> String {
    token_hash(&format!("email:{}", email.trim().to_lowercase()))
}

/// Holds a slot for a citizen after checking the proof of work and the per-address limit.
pub(crate) async fn hold(
    state: &AppState,
    ip: Option<IpAddr>,
    request: &HoldRequest,
) -> Result<HeldSlot, ApiError> {
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let key = pow_key(state).await?;
    if !pow::verify(
        key.as_bytes(),
        &client_name(ip),
        &request.challenge,
        request.nonce,
        state.config.booking_pow_difficulty.min(pow::MAX_DIFFICULTY),
        now_ms,
    ) {
        return Err(ApiError::Client(ErrorCode::ProofOfWorkFailed));
    }
    expire_due(state).await?;
    let ip_hash = ip_hash(&key, ip);
    if let Some(ip_hash) = &ip_hash {
        let active = db::appointments::count_active_holds_by_ip(&state.db, ip_hash, now_ms).await?;
        if active >= i64::from(state.config.booking_holds_per_ip) {
            return Err(ApiError::Client(ErrorCode::BookingLimitReached));
        }
    }
    let config = location(state, &request.location).await?;
    let minutes = duration(&config, &request.concerns)?;
    check_start(state, &config, request.date, request.start, minutes, false).await?;
    let token = new_session_token();
    let placement = Placement {
        location: request.location.clone(),
        date: request.date,
        start: request.start.minutes(),
        minutes,
    };
    let hold_minutes = i64::from(state.config.booking_hold_minutes);
    let id = Uuid::now_v7().to_string();
    let code = new_code();
    let hold_hash = token_hash(&token);
    db::appointments::place(
        &state.db,
        &NewBooking {
            id: &id,
            code: &code,
            placement: &placement,
            concerns: &request.concerns,
            status: BookingStatus::Held,
            by_staff: false,
            hold_hash: Some(&hold_hash),
            manage_hash: None,
            contact: None,
            ip_hash: ip_hash.as_deref(),
            language: "de",
            expires_at: Some(now_ms + hold_minutes * 60_000),
            now_ms,
        },
        desks(&config),
    )
    .await
    .map_err(place_error)?;
    Ok(HeldSlot {
        hold_token: token,
        location: placement.location,
        date: placement.date,
        start: request.start,
        minutes,
        expires_in_seconds: u32::try_from(hold_minutes * 60).unwrap_or(600),
    })
}

fn place_error(error: PlaceError) -> ApiError {
    match error {
        PlaceError::Taken => ApiError::Client(ErrorCode::SlotTaken),
        PlaceError::Database(error) => ApiError::Database(error),
    }
}

/// Gives a held slot back (the citizen went back to choose another).
pub(crate) async fn release(state: &AppState, token: &str) -> Result<(), ApiError> {
    let booking =
        db::appointments::fetch_optional_booking(&state.db, Handle::Hold(&token_hash(token)))
            .await?
            .ok_or(ApiError::NOT_FOUND)?;
    db::appointments::end(
        &state.db,
        &booking,
        &[BookingStatus::Held, BookingStatus::Pending],
        BookingStatus::Expired,
        None,
        state.clock.now().timestamp_millis(),
        None,
    )
    .await?;
    Ok(())
}

/// The citizen's contact details for a hold; queues the activation link.
pub(crate) async fn request(
    state: &AppState,
    details: &ContactDetails,
) -> Result<ActivationSent, ApiError> {
    let name = details.name.trim();
    let email = details.email.trim();
    let phone = details
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|phone| !phone.is_empty());
    if name.is_empty()
        || name.chars().count() > 200
        || email.len() > 254
        || !shared::validation::is_email(email)
        || phone.is_some_and(|phone| !shared::validation::is_phone(phone))
    {
        return Err(ApiError::Client(ErrorCode::InvalidContact));
    }
    if !details.privacy_acknowledged {
        return Err(ApiError::Client(ErrorCode::PrivacyNotAcknowledged));
    }
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let email_hash = email_hash(email);
    let active = db::appointments::count_active_by_email(
        &state.db,
        &email_hash,
        local_date(now, state.config.time_zone),
        now_ms,
    )
    .await?;
    if active >= i64::from(state.config.booking_limit_per_email) {
        return Err(ApiError::Client(ErrorCode::BookingLimitReached));
    }
    let hold_hash = token_hash(&details.hold_token);
    let activation = new_session_token();
    let valid_minutes = state.config.booking_activation_minutes;
    let language = details.language.tag();
    let updated = db::appointments::request_activation(
        &state.db,
        &db::appointments::ActivationRequest {
            hold_hash: &hold_hash,
            contact: &Contact {
                name,
                email: Some(email),
                phone,
                email_hash: Some(&email_hash),
            },
            activation_hash: &token_hash(&activation),
            language,
            expires_at: now_ms + i64::from(valid_minutes) * 60_000,
            now_ms,
        },
        |id| {
            Some(NewBookingMail {
                kind: MailKind::BookingActivation,
                booking_id: id.to_owned(),
                recipient: email.to_owned(),
                link_token: Some(activation.clone()),
                now_ms,
            })
        },
    )
    .await?;
    if updated.is_none() {
        let known =
            db::appointments::fetch_optional_booking(&state.db, Handle::Hold(&hold_hash)).await?;
        return Err(match known {
            Some(_) => ApiError::Client(ErrorCode::HoldExpired),
            None => ApiError::NOT_FOUND,
        });
    }
    mail_queued(state, "activation", &activation);
    Ok(ActivationSent { valid_minutes })
}

/// Wakes the outbox worker; without SMTP (a demo, a development machine) logs the link so the
/// flow can still be finished by hand.
fn mail_queued(state: &AppState, what: &str, token: &str) {
    if state.mail.is_some() {
        state.outbox_wakeup.notify_one();
    } else {
        let page = if what == "activation" {
            "/termine/aktivieren"
        } else {
            "/termine/verwalten"
        };
        tracing::warn!(
            "no BP_SMTP_URL: the {what} link is {}{page}#{token}",
            mail::base_url(&state.config)
        );
    }
}

/// Confirms a booking from its activation link (a second click shows it again).
pub(crate) async fn activate(state: &AppState, token: &str) -> Result<BookingView, ApiError> {
    let hash = token_hash(token);
    let booking = db::appointments::fetch_optional_booking(&state.db, Handle::Activation(&hash))
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let now_ms = state.clock.now().timestamp_millis();
    if booking.status == BookingStatus::Pending {
        let manage = new_session_token();
        let mail = booking.email.as_ref().map(|email| NewBookingMail {
            kind: MailKind::BookingConfirmed,
            booking_id: booking.id.clone(),
            recipient: email.clone(),
            link_token: Some(manage.clone()),
            now_ms,
        });
        if db::appointments::activate(&state.db, &booking.id, &token_hash(&manage), now_ms, mail)
            .await?
            == Changed::Yes
        {
            mail_queued(state, "manage", &manage);
        }
    }
    let booking = db::appointments::fetch_optional_booking(&state.db, Handle::Activation(&hash))
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    match booking.status {
        BookingStatus::Confirmed | BookingStatus::CheckedIn | BookingStatus::NoShow => {
            view(state, &booking).await
        }
        BookingStatus::Cancelled => Err(ApiError::Client(ErrorCode::BookingLocked)),
        BookingStatus::Held | BookingStatus::Pending | BookingStatus::Expired => {
            Err(ApiError::Client(ErrorCode::HoldExpired))
        }
    }
}

async fn managed(state: &AppState, token: &str) -> Result<StoredBooking, ApiError> {
    db::appointments::fetch_optional_booking(&state.db, Handle::Manage(&token_hash(token)))
        .await?
        .ok_or(ApiError::NOT_FOUND)
}

/// The booking behind a manage link.
pub(crate) async fn manage(state: &AppState, token: &str) -> Result<BookingView, ApiError> {
    let booking = managed(state, token).await?;
    view(state, &booking).await
}

fn changeable(state: &AppState, booking: &StoredBooking, config: &LocationConfig) -> bool {
    booking.status == BookingStatus::Confirmed
        && state.clock.now() + Duration::hours(i64::from(config.cutoff_hours))
            < local_instant(
                booking.placement.date,
                booking.placement.start,
                state.config.time_zone,
            )
}

/// Cancels a booking from its manage link, before the cut-off.
pub(crate) async fn cancel(state: &AppState, token: &str) -> Result<BookingView, ApiError> {
    let booking = managed(state, token).await?;
    let config = location(state, &booking.placement.location).await?;
    if booking.status == BookingStatus::Cancelled {
        return view(state, &booking).await;
    }
    if !changeable(state, &booking, &config) {
        return Err(ApiError::Client(ErrorCode::BookingLocked));
    }
    let now_ms = state.clock.now().timestamp_millis();
    let mail = booking.email.as_ref().map(|email| NewBookingMail {
        kind: MailKind::BookingCancelled,
        booking_id: booking.id.clone(),
        recipient: email.clone(),
        link_token: None,
        now_ms,
    });
    db::appointments::end(
        &state.db,
        &booking,
        &[BookingStatus::Confirmed],
        BookingStatus::Cancelled,
        None,
        now_ms,
        mail,
    )
    .await?;
    state.outbox_wakeup.notify_one();
    manage(state, token).await
}

/// Moves a booking from its manage link to another free start, before the cut-off.
pub(crate) async fn move_booking(
    state: &AppState,
    request: &MoveRequest,
) -> Result<BookingView, ApiError> {
    let booking = managed(state, &request.token).await?;
    let config = location(state, &booking.placement.location).await?;
    if !changeable(state, &booking, &config) {
        return Err(ApiError::Client(ErrorCode::BookingLocked));
    }
    let target = location(state, &request.location).await?;
    let minutes = duration(&target, &booking.concerns)?;
    check_start(state, &target, request.date, request.start, minutes, false).await?;
    let now_ms = state.clock.now().timestamp_millis();
    let mail = booking.email.as_ref().map(|email| NewBookingMail {
        kind: MailKind::BookingMoved,
        booking_id: booking.id.clone(),
        recipient: email.clone(),
        link_token: Some(request.token.clone()),
        now_ms,
    });
    let to = Placement {
        location: request.location.clone(),
        date: request.date,
        start: request.start.minutes(),
        minutes,
    };
    match db::appointments::move_booking(&state.db, &booking, &to, desks(&target), mail).await {
        Ok(Changed::Yes) => state.outbox_wakeup.notify_one(),
        Ok(Changed::No) => return Err(ApiError::Client(ErrorCode::BookingLocked)),
        Err(error) => return Err(place_error(error)),
    }
    manage(state, &request.token).await
}

/// The calendar file of the booking behind a manage link, or behind the activation link of a
/// confirmed booking (the confirmation page has only that one).
pub(crate) async fn calendar_file(state: &AppState, token: &str) -> Result<String, ApiError> {
    let hash = token_hash(token);
    let booking =
        match db::appointments::fetch_optional_booking(&state.db, Handle::Manage(&hash)).await? {
            Some(booking) => booking,
            None => db::appointments::fetch_optional_booking(&state.db, Handle::Activation(&hash))
                .await?
                .filter(|booking| booking.status == BookingStatus::Confirmed)
                .ok_or(ApiError::NOT_FOUND)?,
        };
    let details = Details::load(state, &booking).await?;
    Ok(ics::calendar(
        &details.location_name(),
        &[details.calendar_entry(state, &booking)],
    ))
}

/// What a view of a booking needs besides the booking: its location and the catalogue.
pub(crate) struct Details {
    pub(crate) config: LocationConfig,
    pub(crate) services: HashMap<ServiceSlug, Service>,
    pub(crate) lang: Lang,
}

impl Details {
    pub(crate) async fn load(state: &AppState, booking: &StoredBooking) -> Result<Self, ApiError> {
        let config =
            db::appointments::fetch_optional_location(&state.db, &booking.placement.location)
                .await?
                .ok_or(ApiError::NOT_FOUND)?;
        Ok(Self {
            config,
            services: services_by_slug(state).await?,
            lang: Lang::from_accept_language(&booking.language),
        })
    }

    pub(crate) fn location_name(&self) -> String {
        self.config.info.name.get(self.lang).to_owned()
    }

    pub(crate) fn address(&self) -> String {
        format!("{}, {}", self.config.info.street, self.config.info.city)
    }

    pub(crate) fn concerns(&self, concerns: &[Concern]) -> Vec<ConcernView> {
        concern_views(&self.services, concerns)
    }

    /// The documents (each once) and fees (each per item) of the concerns.
    pub(crate) fn checklist(&self, concerns: &[Concern]) -> (Vec<LocalizedText>, Vec<Fee>) {
        let mut documents: Vec<LocalizedText> = Vec::new();
        let mut fees = Vec::new();
        for concern in concerns {
            let Some(service) = self.services.get(&concern.service) else {
                continue;
            };
            for document in &service.documents {
                if !documents.contains(document) {
                    documents.push(document.clone());
                }
            }
            for _ in 0..concern.count {
                fees.extend(service.fees.iter().cloned());
            }
        }
        (documents, fees)
    }

    /// One line per concern, `2 × Personalausweis beantragen`.
    pub(crate) fn concern_lines(&self, concerns: &[Concern]) -> Vec<String> {
        self.concerns(concerns)
            .into_iter()
            .map(|concern| format!("{} × {}", concern.count, concern.name.get(self.lang)))
            .collect()
    }

    pub(crate) fn calendar_entry(
        &self,
        state: &AppState,
        booking: &StoredBooking,
    ) -> ics::CalendarEntry {
        let time_zone = state.config.time_zone;
        let starts = local_instant(booking.placement.date, booking.placement.start, time_zone);
        let code = booking.code.grouped();
        let (summary, code_label) = if self.lang == Lang::En {
            (
                format!("Appointment: {}", self.location_name()),
                "Booking code",
            )
        } else {
            (format!("Termin: {}", self.location_name()), "Buchungscode")
        };
        ics::CalendarEntry {
            uid: format!("{}@buergerportal", booking.id),
            summary,
            description: format!(
                "{code_label}: {code}\n{}",
                self.concern_lines(&booking.concerns).join("\n")
            ),
            location: format!("{}, {}", self.location_name(), self.address()),
            starts,
            ends: starts + Duration::minutes(i64::from(booking.placement.minutes)),
            cancelled: booking.status == BookingStatus::Cancelled,
            sequence: 0,
        }
    }
}

/// The catalogue's services by slug.
pub(crate) async fn services_by_slug(
    state: &AppState,
) -> Result<HashMap<ServiceSlug, Service>, ApiError> {
    Ok(db::catalogue::fetch_services(&state.db)
        .await?
        .into_iter()
        .map(|service| (service.slug.clone(), service))
        .collect())
}

/// Concerns with their services' names (the slug when a service left the catalogue).
pub(crate) fn concern_views(
    services: &HashMap<ServiceSlug, Service>,
    concerns: &[Concern],
) -> Vec<ConcernView> {
    concerns
        .iter()
        .map(|concern| ConcernView {
            service: concern.service.clone(),
            name: services.get(&concern.service).map_or_else(
                || LocalizedText::de(concern.service.as_str()),
                |service| service.name.clone(),
            ),
            count: concern.count,
        })
        .collect()
}

/// The booking as its citizen sees it.
async fn view(state: &AppState, booking: &StoredBooking) -> Result<BookingView, ApiError> {
    let details = Details::load(state, booking).await?;
    let code = booking.code.clone();
    let (documents, fees) = details.checklist(&booking.concerns);
    Ok(BookingView {
        code_qr_svg: code_qr(&code).unwrap_or_default(),
        code,
        status: booking.status,
        location: details.config.info.clone(),
        date: booking.placement.date,
        start: TimeOfDay::from_minutes(booking.placement.start).unwrap_or(TimeOfDay::MIDNIGHT),
        minutes: booking.placement.minutes,
        concerns: details.concerns(&booking.concerns),
        name: booking.name.clone().unwrap_or_default(),
        email: booking.email.clone().unwrap_or_default(),
        changeable: changeable(state, booking, &details.config),
        cutoff_hours: details.config.cutoff_hours,
        documents,
        fees,
        office: db::catalogue::fetch_departments(&state.db)
            .await?
            .into_iter()
            .find(|department| department.key == details.config.department)
            .map(|department| shared::api::booking::OfficeContact {
                name: department.name,
                phone: department.phone,
                email: department.email,
            }),
    })
}

/// The booking code as a QR code (`data:` URI of an SVG).
fn code_qr(code: &shared::id::BookingCode) -> Option<String> {
    let qr = qrcode::QrCode::with_error_correction_level(code.as_str(), qrcode::EcLevel::M).ok()?;
    Some(crate::payment::svg_data_uri(&qr))
}

/// The booking code as a PNG (for e-mail).
pub(crate) fn code_png(code: &str) -> Option<Vec<u8>> {
    let qr = qrcode::QrCode::with_error_correction_level(code, qrcode::EcLevel::M).ok()?;
    Some(crate::payment::png(&qr, 6))
}

// ---------------------------------------------------------------------------------------------
// Jobs

/// What one run of the booking jobs did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    /// Holds and unconfirmed bookings that ran out.
    pub expired: u32,
    /// Reminders queued.
    pub reminded: u32,
    /// Bookings whose personal data was erased.
    pub anonymised: u64,
}

/// Frees the capacity of holds and unconfirmed bookings that ran out.
async fn expire_due(state: &AppState) -> Result<u32, ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    let mut expired = 0;
    for booking in db::appointments::fetch_expired(&state.db, now_ms, 500).await? {
        if db::appointments::expire(&state.db, &booking, now_ms).await? == Changed::Yes {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Runs the expiry, the reminders and the anonymisation once.
pub async fn run_due(state: &AppState) -> anyhow::Result<JobReport> {
    let expired = expire_due(state)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let time_zone = state.config.time_zone;
    let today = local_date(now, time_zone);
    let locations: HashMap<LocationSlug, LocationConfig> =
        db::appointments::fetch_locations(&state.db)
            .await?
            .into_iter()
            .map(|config| (config.info.slug.clone(), config))
            .collect();
    let mut reminded = 0;
    // Reminders go out at most 30 days ahead (the largest lead the configuration allows).
    for booking in db::appointments::fetch_unreminded(&state.db, today, today.add_days(31)).await? {
        let Some(config) = locations.get(&booking.placement.location) else {
            continue;
        };
        let Some(email) = &booking.email else {
            continue;
        };
        if config.reminder_hours == 0 {
            continue;
        }
        let starts = local_instant(booking.placement.date, booking.placement.start, time_zone);
        if now < starts && now + Duration::hours(i64::from(config.reminder_hours)) >= starts {
            let mail = NewBookingMail {
                kind: MailKind::BookingReminder,
                booking_id: booking.id.clone(),
                recipient: email.clone(),
                link_token: None,
                now_ms,
            };
            if db::appointments::remind(&state.db, &booking.id, now_ms, &mail).await?
                == Changed::Yes
            {
                reminded += 1;
            }
        }
    }
    if reminded > 0 {
        state.outbox_wakeup.notify_one();
    }
    let anonymised = db::appointments::anonymise_before(
        &state.db,
        today.add_days(-i64::from(state.config.booking_anonymise_days)),
        now_ms,
    )
    .await?;
    Ok(JobReport {
        expired,
        reminded,
        anonymised,
    })
}

/// Runs [`run_due`] every 30 seconds (holds last minutes, so expiry must be prompt).
pub(crate) async fn run_jobs(state: AppState) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(30));
    loop {
        interval.tick().await;
        if let Err(error) = run_due(&state).await {
            tracing::error!(error = format!("{error:#}"), "the appointment jobs failed");
        }
    }
}

/// Creates the benchmark's location `slug` offering `service` (5 minutes): 20 online desks,
/// Monday to Saturday 07:00–20:00, starts every 5 minutes, 62 days ahead, no notice.
pub async fn bench_location(state: &AppState, slug: &str, service: &str) -> anyhow::Result<()> {
    let day = vec![Interval {
        from: TimeOfDay::from_minutes(7 * 60).context("time")?,
        to: TimeOfDay::from_minutes(20 * 60).context("time")?,
    }];
    let config = LocationConfig {
        info: shared::api::booking::LocationInfo {
            slug: slug.parse()?,
            name: LocalizedText::de("Bürgerbüro (Lasttest)"),
            street: "Rathausplatz 1".into(),
            city: "12345 Musterstadt".into(),
            accessibility: LocalizedText::de(""),
            directions: LocalizedText::de(""),
        },
        department: "buergerbuero".into(),
        services: vec![shared::api::booking::LocationService {
            service: service.parse()?,
            minutes: 5,
            max_count: 1,
        }],
        weekly: [
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day,
            Vec::new(),
        ],
        desks_online: 20,
        desks_staff: 0,
        step_minutes: 5,
        min_notice_hours: 0,
        max_days_ahead: 62,
        cutoff_hours: 24,
        reminder_hours: 0,
    };
    put_location(state, &config.info.slug.clone(), &config)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))
}

pub(crate) use staff::*;

mod staff;
