//! What staff and admins do with appointments: the day of a location, check-in, no-shows,
//! bookings at the counter, closures, the day's exports, and the locations themselves.

use std::collections::HashMap;

use shared::CalendarDate;
use shared::api::ErrorCode;
use shared::api::booking::{
    BookingStatus, Closure, ClosureResult, DayView, Interval, LocationConfig, LocationInfo,
    SpecialDay, SpecialDays, StaffBooking, StaffBookingRequest, TimeOfDay,
};
use shared::api::editor::{DefinitionProblem, StaffRole};
use shared::catalogue::Service;
use shared::id::{BookingCode, LocationSlug, ServiceSlug};
use uuid::Uuid;

use super::{
    Details, check_start, concern_views, desks, duration, email_hash, interval_problem,
    local_instant, location, new_code, place_error, problems, services_by_slug,
};
use crate::app::AppState;
use crate::auth::{new_session_token, token_hash};
use crate::clock::local_date;
use crate::db;
use crate::db::appointments::{
    Changed, Contact, DayBookings, Handle, NewBooking, Placement, StoredBooking,
};
use crate::db::outbox::{MailKind, NewBookingMail};
use crate::db::staff::StaffAccount;
use crate::error::ApiError;

/// The departments whose locations `account` works with; `None` for admins (all).
async fn departments(
    state: &AppState,
    account: &StaffAccount,
) -> Result<Option<Vec<String>>, ApiError> {
    if account.role == StaffRole::Admin {
        return Ok(None);
    }
    Ok(Some(
        db::staff::fetch_department_keys(&state.db, &account.id).await?,
    ))
}

/// The location if `account` may work with it; 404 otherwise (as for other departments' data).
async fn scoped_location(
    state: &AppState,
    account: &StaffAccount,
    slug: &LocationSlug,
) -> Result<LocationConfig, ApiError> {
    let config = db::appointments::fetch_optional_location(&state.db, slug)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    match departments(state, account).await? {
        Some(keys) if !keys.contains(&config.department) => Err(ApiError::NOT_FOUND),
        _ => Ok(config),
    }
}

/// The locations of the account's departments (admins: all).
pub(crate) async fn staff_locations(
    state: &AppState,
    account: &StaffAccount,
) -> Result<Vec<LocationInfo>, ApiError> {
    let keys = departments(state, account).await?;
    Ok(db::appointments::fetch_locations(&state.db)
        .await?
        .into_iter()
        .filter(|config| {
            keys.as_ref()
                .is_none_or(|keys| keys.contains(&config.department))
        })
        .map(|config| config.info)
        .collect())
}

fn staff_booking(
    services: &HashMap<ServiceSlug, Service>,
    booking: &StoredBooking,
) -> StaffBooking {
    StaffBooking {
        id: booking.id.clone(),
        code: booking.code.clone(),
        location: booking.placement.location.clone(),
        date: booking.placement.date,
        start: TimeOfDay::from_minutes(booking.placement.start).unwrap_or(TimeOfDay::MIDNIGHT),
        minutes: booking.placement.minutes,
        status: booking.status,
        concerns: concern_views(services, &booking.concerns),
        name: booking.name.clone().unwrap_or_default(),
        email: booking.email.clone(),
        phone: booking.phone.clone(),
        by_staff: booking.by_staff,
    }
}

/// The day's hours of a location and its note.
async fn day_hours(
    state: &AppState,
    config: &LocationConfig,
    date: CalendarDate,
) -> Result<(Vec<Interval>, Option<String>), ApiError> {
    let special =
        db::appointments::fetch_special_days(&state.db, &config.info.slug, date, date).await?;
    Ok(match special.into_iter().next() {
        Some(day) => (day.hours, Some(day.note).filter(|note| !note.is_empty())),
        None => {
            let weekday = usize::try_from((date.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0);
            (
                config.weekly.get(weekday).cloned().unwrap_or_default(),
                None,
            )
        }
    })
}

/// A location's day for staff.
pub(crate) async fn day_view(
    state: &AppState,
    account: &StaffAccount,
    slug: &LocationSlug,
    date: CalendarDate,
) -> Result<(DayView, Details), ApiError> {
    let config = scoped_location(state, account, slug).await?;
    let (hours, note) = day_hours(state, &config, date).await?;
    let bookings = db::appointments::fetch_day(&state.db, slug, date, DayBookings::Staff).await?;
    let details = Details {
        services: services_by_slug(state).await?,
        lang: shared::Lang::De,
        config: config.clone(),
    };
    let view = DayView {
        location: config.info,
        date,
        hours,
        note,
        bookings: bookings
            .iter()
            .map(|booking| staff_booking(&details.services, booking))
            .collect(),
    };
    Ok((view, details))
}

/// The day as CSV (`;`-separated with a BOM, as German spreadsheet programs expect).
pub(crate) fn day_csv(view: &DayView) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "Datum",
        "Beginn",
        "Minuten",
        "Buchungscode",
        "Status",
        "Anliegen",
        "Name",
        "E-Mail",
        "Telefon",
        "Gebucht durch",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|cell| (*cell).to_owned()).collect()];
    for booking in &view.bookings {
        rows.push(vec![
            view.date.to_german(),
            booking.start.to_string(),
            booking.minutes.to_string(),
            booking.code.grouped(),
            booking.status.label(shared::Lang::De).to_owned(),
            booking
                .concerns
                .iter()
                .map(|concern| format!("{} × {}", concern.count, concern.name.de))
                .collect::<Vec<_>>()
                .join(", "),
            booking.name.clone(),
            booking.email.clone().unwrap_or_default(),
            booking.phone.clone().unwrap_or_default(),
            if booking.by_staff {
                "Verwaltung"
            } else {
                "online"
            }
            .to_owned(),
        ]);
    }
    for row in rows {
        // Cells that a spreadsheet would run as a formula are neutralised as in the exports.
        let cells: Vec<String> = row
            .into_iter()
            .map(|cell| crate::export::neutralize_formula(&cell))
            .collect();
        if writer.write_record(&cells).is_err() {
            break;
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// The day as an iCalendar file (confirmed and checked-in bookings).
pub(crate) fn day_ics(
    state: &AppState,
    view: &DayView,
    details: &Details,
) -> Result<String, ApiError> {
    let mut entries = Vec::new();
    for booking in &view.bookings {
        if !matches!(
            booking.status,
            BookingStatus::Confirmed | BookingStatus::CheckedIn
        ) {
            continue;
        }
        let starts = local_instant(view.date, booking.start.minutes(), state.config.time_zone);
        entries.push(super::ics::CalendarEntry {
            uid: format!("{}@buergerportal", booking.id),
            summary: format!("{} ({})", booking.name, booking.code.grouped()),
            description: booking
                .concerns
                .iter()
                .map(|concern| format!("{} × {}", concern.count, concern.name.de))
                .collect::<Vec<_>>()
                .join("\n"),
            location: details.address(),
            starts,
            ends: starts + chrono::Duration::minutes(i64::from(booking.minutes)),
            cancelled: false,
            sequence: 0,
        });
    }
    Ok(super::ics::calendar(
        &format!("{} {}", view.location.name.de, view.date.to_german()),
        &entries,
    ))
}

async fn scoped_booking(
    state: &AppState,
    account: &StaffAccount,
    handle: Handle<'_>,
) -> Result<(StoredBooking, LocationConfig), ApiError> {
    let booking = db::appointments::fetch_optional_booking(&state.db, handle)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let config = scoped_location(state, account, &booking.placement.location).await?;
    Ok((booking, config))
}

async fn staff_view(state: &AppState, booking_id: &str) -> Result<StaffBooking, ApiError> {
    let booking = db::appointments::fetch_optional_booking(&state.db, Handle::Id(booking_id))
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    Ok(staff_booking(&services_by_slug(state).await?, &booking))
}

/// Checks a citizen in by the booking code: only a confirmed booking of today.
pub(crate) async fn check_in(
    state: &AppState,
    account: &StaffAccount,
    typed: &str,
) -> Result<StaffBooking, ApiError> {
    let code = BookingCode::parse_typed(typed).map_err(|_| ApiError::NOT_FOUND)?;
    let (booking, _) = scoped_booking(state, account, Handle::Code(code.as_str())).await?;
    let now = state.clock.now();
    if booking.placement.date != local_date(now, state.config.time_zone)
        || db::appointments::mark(
            &state.db,
            &booking.id,
            BookingStatus::CheckedIn,
            now.timestamp_millis(),
        )
        .await?
            != Changed::Yes
    {
        return Err(ApiError::Client(ErrorCode::CheckInRefused));
    }
    staff_view(state, &booking.id).await
}

/// Marks a confirmed booking of today or earlier as not come.
pub(crate) async fn no_show(
    state: &AppState,
    account: &StaffAccount,
    booking_id: &str,
) -> Result<StaffBooking, ApiError> {
    let (booking, _) = scoped_booking(state, account, Handle::Id(booking_id)).await?;
    let now = state.clock.now();
    if booking.placement.date > local_date(now, state.config.time_zone)
        || db::appointments::mark(
            &state.db,
            &booking.id,
            BookingStatus::NoShow,
            now.timestamp_millis(),
        )
        .await?
            != Changed::Yes
    {
        return Err(ApiError::Client(ErrorCode::CheckInRefused));
    }
    staff_view(state, &booking.id).await
}

/// A booking made by staff (phone, counter): all desks, no activation.
pub(crate) async fn staff_book(
    state: &AppState,
    account: &StaffAccount,
    request: &StaffBookingRequest,
) -> Result<StaffBooking, ApiError> {
    let config = scoped_location(state, account, &request.location).await?;
    let name = request.name.trim();
    let email = request
        .email
        .as_deref()
        .map(str::trim)
        .filter(|email| !email.is_empty());
    let phone = request
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|phone| !phone.is_empty());
    if name.is_empty()
        || name.chars().count() > 200
        || email.is_some_and(|email| email.len() > 254 || !shared::validation::is_email(email))
        || phone.is_some_and(|phone| phone.chars().count() > 40)
    {
        return Err(ApiError::Client(ErrorCode::InvalidContact));
    }
    let minutes = duration(&config, &request.concerns)?;
    check_start(state, &config, request.date, request.start, minutes, true).await?;
    let now_ms = state.clock.now().timestamp_millis();
    let id = Uuid::now_v7().to_string();
    let code = new_code();
    let manage = new_session_token();
    let manage_hash = token_hash(&manage);
    let email_hash = email.map(email_hash);
    db::appointments::place(
        &state.db,
        &NewBooking {
            id: &id,
            code: &code,
            placement: &Placement {
                location: request.location.clone(),
                date: request.date,
                start: request.start.minutes(),
                minutes,
            },
            concerns: &request.concerns,
            status: BookingStatus::Confirmed,
            by_staff: true,
            hold_hash: None,
            manage_hash: Some(&manage_hash),
            contact: Some(&Contact {
                name,
                email,
                phone,
                email_hash: email_hash.as_deref(),
            }),
            ip_hash: None,
            language: "de",
            expires_at: None,
            now_ms,
        },
        desks(&config),
    )
    .await
    .map_err(place_error)?;
    if let Some(email) = email {
        // The confirmation is queued after the booking exists; if this fails the booking
        // stands and staff tell the citizen themselves.
        let mut transaction = state.db.writer().begin().await?;
        db::outbox::enqueue_booking(
            &mut transaction,
            &NewBookingMail {
                kind: MailKind::BookingConfirmed,
                booking_id: id.clone(),
                recipient: email.to_owned(),
                link_token: Some(manage),
                now_ms,
            },
        )
        .await?;
        transaction.commit().await?;
        state.outbox_wakeup.notify_one();
    }
    staff_view(state, &id).await
}

/// `hours` without `closed` (the whole day when `None`).
fn remaining(hours: &[Interval], closed: Option<Interval>) -> Vec<Interval> {
    let Some(closed) = closed else {
        return Vec::new();
    };
    let mut left = Vec::new();
    for interval in hours {
        if interval.to <= closed.from || interval.from >= closed.to {
            left.push(*interval);
            continue;
        }
        if interval.from < closed.from {
            left.push(Interval {
                from: interval.from,
                to: closed.from,
            });
        }
        if interval.to > closed.to {
            left.push(Interval {
                from: closed.to,
                to: interval.to,
            });
        }
    }
    left
}

/// Whether a booking lies wholly inside `hours`.
fn fits(booking: &StoredBooking, hours: &[Interval]) -> bool {
    let start = booking.placement.start;
    let end = start + booking.placement.minutes;
    hours
        .iter()
        .any(|interval| interval.from.minutes() <= start && end <= interval.to.minutes())
}

/// The bookings of `date` at `location` that `hours` no longer cover, with their notices.
async fn displaced(
    state: &AppState,
    location: &LocationSlug,
    date: CalendarDate,
    hours: &[Interval],
) -> Result<Vec<(StoredBooking, Option<NewBookingMail>)>, ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    Ok(
        db::appointments::fetch_day(&state.db, location, date, DayBookings::Active)
            .await?
            .into_iter()
            .filter(|booking| !fits(booking, hours))
            .map(|booking| {
                let mail = booking
                    .email
                    .clone()
                    .filter(|_| booking.status == BookingStatus::Confirmed)
                    .map(|email| NewBookingMail {
                        kind: MailKind::BookingCancelled,
                        booking_id: booking.id.clone(),
                        recipient: email,
                        link_token: None,
                        now_ms,
                    });
                (booking, mail)
            })
            .collect(),
    )
}

/// Closes a location for a day or part of it and cancels the bookings in that time.
pub(crate) async fn close(
    state: &AppState,
    account: &StaffAccount,
    closure: &Closure,
) -> Result<ClosureResult, ApiError> {
    let config = scoped_location(state, account, &closure.location).await?;
    let reason = closure.reason.trim();
    if reason.is_empty()
        || reason.chars().count() > 500
        || closure
            .part
            .is_some_and(|part| interval_problem(&[part]).is_some())
        || closure.date < local_date(state.clock.now(), state.config.time_zone)
    {
        return Err(ApiError::Client(ErrorCode::InvalidBooking));
    }
    let (hours, _) = day_hours(state, &config, closure.date).await?;
    let hours = remaining(&hours, closure.part);
    let cancel = displaced(state, &closure.location, closure.date, &hours).await?;
    let cancelled = db::appointments::set_days_cancelling(
        &state.db,
        &closure.location,
        None,
        &[SpecialDay {
            date: closure.date,
            hours: hours.clone(),
            note: reason.to_owned(),
        }],
        &cancel,
        state.clock.now().timestamp_millis(),
    )
    .await?;
    state.outbox_wakeup.notify_one();
    Ok(ClosureResult { cancelled, hours })
}

// ---------------------------------------------------------------------------------------------
// Admins

/// Creates or changes a location; 422 with the problems when it is not consistent.
pub(crate) async fn put_location(
    state: &AppState,
    slug: &LocationSlug,
    config: &LocationConfig,
) -> Result<(), ApiError> {
    let services = db::catalogue::fetch_services(&state.db).await?;
    let departments = db::catalogue::fetch_departments(&state.db).await?;
    let mut found = problems(config, &services, &departments);
    if config.info.slug != *slug {
        found.push(DefinitionProblem {
            path: "info.slug".to_owned(),
            message: "Die Adresse im Pfad und in den Angaben unterscheiden sich".to_owned(),
        });
    }
    if !found.is_empty() {
        return Err(ApiError::InvalidLocation(found));
    }
    db::appointments::upsert_location(&state.db, config, state.clock.now().timestamp_millis())
        .await?;
    Ok(())
}

/// A location's special days from today on.
pub(crate) async fn special_days(
    state: &AppState,
    slug: &LocationSlug,
) -> Result<SpecialDays, ApiError> {
    let config = location(state, slug)
        .await
        .map_err(|_| ApiError::NOT_FOUND)?;
    let today = local_date(state.clock.now(), state.config.time_zone);
    Ok(SpecialDays {
        days: db::appointments::fetch_special_days(
            &state.db,
            &config.info.slug,
            today,
            today.add_days(3660),
        )
        .await?,
    })
}

/// Replaces a location's special days from today on; bookings outside new hours are cancelled.
pub(crate) async fn put_special_days(
    state: &AppState,
    slug: &LocationSlug,
    days: &SpecialDays,
) -> Result<u32, ApiError> {
    location(state, slug)
        .await
        .map_err(|_| ApiError::NOT_FOUND)?;
    let today = local_date(state.clock.now(), state.config.time_zone);
    let mut found = Vec::new();
    for (index, day) in days.days.iter().enumerate() {
        if let Some(message) = interval_problem(&day.hours) {
            found.push(DefinitionProblem {
                path: format!("days[{index}].hours"),
                message: message.to_owned(),
            });
        }
        if day.note.chars().count() > 200 {
            found.push(DefinitionProblem {
                path: format!("days[{index}].note"),
                message: "Höchstens 200 Zeichen".to_owned(),
            });
        }
        if day.date < today
            || days.days[..index]
                .iter()
                .any(|other| other.date == day.date)
        {
            found.push(DefinitionProblem {
                path: format!("days[{index}].date"),
                message: "Der Tag liegt in der Vergangenheit oder steht zweimal in der Liste"
                    .to_owned(),
            });
        }
    }
    if !found.is_empty() {
        return Err(ApiError::InvalidLocation(found));
    }
    let mut cancel = Vec::new();
    for day in &days.days {
        cancel.extend(displaced(state, slug, day.date, &day.hours).await?);
    }
    let cancelled = db::appointments::set_days_cancelling(
        &state.db,
        slug,
        Some(today),
        &days.days,
        &cancel,
        state.clock.now().timestamp_millis(),
    )
    .await?;
    state.outbox_wakeup.notify_one();
    Ok(cancelled)
}

// ---------------------------------------------------------------------------------------------
// Key figures and privacy

/// Appointments per month and location of the account's departments (admins: all).
pub(crate) async fn figures(
    state: &AppState,
    account: &StaffAccount,
    from: CalendarDate,
    to: CalendarDate,
) -> Result<Vec<shared::api::AppointmentCount>, ApiError> {
    let keys = departments(state, account).await?;
    let names: std::collections::HashMap<String, String> =
        db::appointments::fetch_locations(&state.db)
            .await?
            .into_iter()
            .map(|config| (config.info.slug.as_str().to_owned(), config.info.name.de))
            .collect();
    let mut counts: std::collections::BTreeMap<(String, String), shared::api::AppointmentCount> =
        std::collections::BTreeMap::new();
    for (day, location, status, by_staff) in
        db::appointments::fetch_figures(&state.db, from, to, keys.as_deref()).await?
    {
        let month = day.get(..7).unwrap_or_default().to_owned();
        let name = names.get(&location).cloned().unwrap_or(location);
        let count = counts
            .entry((month.clone(), name.clone()))
            .or_insert_with(|| shared::api::AppointmentCount {
                month,
                location: name,
                booked: 0,
                online: 0,
                checked_in: 0,
                no_show: 0,
                cancelled: 0,
            });
        if status == "cancelled" {
            count.cancelled += 1;
            continue;
        }
        count.booked += 1;
        if !by_staff {
            count.online += 1;
        }
        match status.as_str() {
            "checked_in" => count.checked_in += 1,
            "no_show" => count.no_show += 1,
            _ => {}
        }
    }
    Ok(counts.into_values().collect())
}

/// The appointments booked with an e-mail address (Art. 15 DSGVO).
pub(crate) async fn person_bookings(
    state: &AppState,
    email: &str,
) -> Result<Vec<StaffBooking>, ApiError> {
    let services = services_by_slug(state).await?;
    Ok(
        db::appointments::fetch_by_email_hash(&state.db, &email_hash(email))
            .await?
            .iter()
            .map(|booking| staff_booking(&services, booking))
            .collect(),
    )
}

/// Erases the personal data of an e-mail address's appointments (Art. 17 DSGVO); upcoming ones
/// are cancelled first, which frees their time. How many were erased.
pub(crate) async fn erase_person_bookings(state: &AppState, email: &str) -> Result<u64, ApiError> {
    let now = state.clock.now();
    Ok(db::appointments::erase_by_email_hash(
        &state.db,
        &email_hash(email),
        local_date(now, state.config.time_zone),
        now.timestamp_millis(),
    )
    .await?)
}
