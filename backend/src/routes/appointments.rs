//! Appointments: citizens book, move and cancel; staff run the day; admins set up locations.
//! Thin handlers over `crate::booking`.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use shared::CalendarDate;
use shared::api::ErrorCode;
use shared::api::audit::AuditAction;
use shared::api::booking::{
    ActivationSent, BookingOffer, BookingView, CheckIn, Closure, ClosureResult, ContactDetails,
    DayView, HeldSlot, HoldRequest, LocationConfig, LocationInfo, MoveRequest, PowChallenge,
    SlotList, SpecialDays, StaffBooking, StaffBookingRequest, TokenRequest, parse_concerns,
};
use shared::id::LocationSlug;

use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::booking;
use crate::db;
use crate::db::staff::StaffAccount;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp, CurrentAdmin, CurrentStaff};
use crate::routes::staff::attachment;

/// Records what staff did with appointments (DSGVO accountability, as for submissions).
async fn record(
    state: &AppState,
    account: &StaffAccount,
    ip: Option<std::net::IpAddr>,
    action: AuditAction,
    subject: &str,
    details: &str,
) -> Result<(), ApiError> {
    audit::record(state, &Actor { account, ip }, action, subject, details).await
}

/// Records a change of one booking (check-in, no-show, counter booking) under its code.
async fn record_change(
    state: &AppState,
    account: &StaffAccount,
    ip: Option<std::net::IpAddr>,
    booking: &StaffBooking,
    what: &str,
) -> Result<(), ApiError> {
    let subject = booking.code.grouped();
    record(
        state,
        account,
        ip,
        AuditAction::AppointmentChanged,
        &subject,
        what,
    )
    .await
}

/// `GET /api/appointments`.
pub(crate) async fn get_offer(
    State(state): State<AppState>,
) -> Result<Json<BookingOffer>, ApiError> {
    Ok(Json(booking::offer(&state).await?))
}

/// The free-slot query.
#[derive(Debug, Deserialize)]
pub(crate) struct SlotQuery {
    /// `slug:count,slug:count`.
    concerns: String,
    location: Option<String>,
    from: String,
    days: Option<u16>,
}

/// `GET /api/appointments/slots`.
pub(crate) async fn get_slots(
    State(state): State<AppState>,
    Query(query): Query<SlotQuery>,
) -> Result<Json<SlotList>, ApiError> {
    let invalid = || ApiError::Client(ErrorCode::InvalidBooking);
    let concerns = parse_concerns(&query.concerns).ok_or_else(invalid)?;
    let location = query
        .location
        .as_deref()
        .filter(|text| !text.is_empty())
        .map(str::parse::<LocationSlug>)
        .transpose()
        .map_err(|_| invalid())?;
    let from: CalendarDate = query.from.parse().map_err(|_| invalid())?;
    Ok(Json(
        booking::slots(
            &state,
            &concerns,
            location.as_ref(),
            from,
            query.days.unwrap_or(31),
        )
        .await?,
    ))
}

/// `GET /api/appointments/challenge`.
pub(crate) async fn get_challenge(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
) -> Result<Json<PowChallenge>, ApiError> {
    Ok(Json(booking::challenge(&state, ip).await?))
}

/// `POST /api/appointments/holds`.
pub(crate) async fn create_hold(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<HoldRequest>,
) -> Result<(StatusCode, Json<HeldSlot>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(booking::hold(&state, ip, &request).await?),
    ))
}

/// `POST /api/appointments/holds/release`.
pub(crate) async fn release_hold(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<StatusCode, ApiError> {
    booking::release(&state, &request.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/appointments/requests`.
pub(crate) async fn create_request(
    State(state): State<AppState>,
    ApiJson(details): ApiJson<ContactDetails>,
) -> Result<(StatusCode, Json<ActivationSent>), ApiError> {
    Ok((
        StatusCode::ACCEPTED,
        Json(booking::request(&state, &details).await?),
    ))
}

/// `POST /api/appointments/activate`.
pub(crate) async fn activate(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Json<BookingView>, ApiError> {
    Ok(Json(booking::activate(&state, &request.token).await?))
}

/// `POST /api/appointments/manage`.
pub(crate) async fn manage(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Json<BookingView>, ApiError> {
    Ok(Json(booking::manage(&state, &request.token).await?))
}

/// `POST /api/appointments/manage/cancel`.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Json<BookingView>, ApiError> {
    Ok(Json(booking::cancel(&state, &request.token).await?))
}

/// `POST /api/appointments/manage/move`.
pub(crate) async fn move_booking(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<MoveRequest>,
) -> Result<Json<BookingView>, ApiError> {
    Ok(Json(booking::move_booking(&state, &request).await?))
}

/// `POST /api/appointments/manage/calendar.ics`.
pub(crate) async fn calendar(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Response, ApiError> {
    let ics = booking::calendar_file(&state, &request.token).await?;
    attachment(
        "text/calendar; charset=utf-8",
        "termin.ics",
        Body::from(ics),
    )
}

/// `GET /api/staff/appointments/locations`.
pub(crate) async fn staff_locations(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
) -> Result<Json<Vec<LocationInfo>>, ApiError> {
    Ok(Json(booking::staff_locations(&state, &account).await?))
}

/// Which day of which location.
#[derive(Debug, Deserialize)]
pub(crate) struct DayQuery {
    location: String,
    date: String,
}

impl DayQuery {
    fn parse(&self) -> Result<(LocationSlug, CalendarDate), ApiError> {
        Ok((
            self.location.parse().map_err(|_| ApiError::NOT_FOUND)?,
            self.date
                .parse()
                .map_err(|_| ApiError::Client(ErrorCode::InvalidBooking))?,
        ))
    }
}

/// `GET /api/staff/appointments/day`.
pub(crate) async fn day(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Query(query): Query<DayQuery>,
) -> Result<Json<DayView>, ApiError> {
    let (location, date) = query.parse()?;
    let (view, _) = booking::day_view(&state, &account, &location, date).await?;
    let subject = format!("{location} {date}");
    record(
        &state,
        &account,
        ip,
        AuditAction::AppointmentsViewed,
        &subject,
        "",
    )
    .await?;
    Ok(Json(view))
}

/// A day's download: the day as CSV or iCalendar, recorded in the audit log first.
async fn day_download(
    state: &AppState,
    account: &StaffAccount,
    ip: Option<std::net::IpAddr>,
    query: &DayQuery,
    format: DayFormat,
) -> Result<Response, ApiError> {
    let (location, date) = query.parse()?;
    let (view, details) = booking::day_view(state, account, &location, date).await?;
    let (label, media_type, extension) = match format {
        DayFormat::Csv => ("CSV", "text/csv; charset=utf-8", "csv"),
        DayFormat::Ics => ("iCalendar", "text/calendar; charset=utf-8", "ics"),
    };
    let subject = format!("{location} {date}");
    record(
        state,
        account,
        ip,
        AuditAction::AppointmentsExported,
        &subject,
        label,
    )
    .await?;
    let body = match format {
        DayFormat::Csv => Body::from(booking::day_csv(&view)),
        DayFormat::Ics => Body::from(booking::day_ics(state, &view, &details)?),
    };
    attachment(
        media_type,
        &format!("termine-{location}-{date}.{extension}"),
        body,
    )
}

#[derive(Debug, Clone, Copy)]
enum DayFormat {
    Csv,
    Ics,
}

/// `GET /api/staff/appointments/day.csv`.
pub(crate) async fn day_csv(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Query(query): Query<DayQuery>,
) -> Result<Response, ApiError> {
    day_download(&state, &account, ip, &query, DayFormat::Csv).await
}

/// `GET /api/staff/appointments/day.ics`.
pub(crate) async fn day_ics(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Query(query): Query<DayQuery>,
) -> Result<Response, ApiError> {
    day_download(&state, &account, ip, &query, DayFormat::Ics).await
}

/// `POST /api/staff/appointments/check-in`.
pub(crate) async fn check_in(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<CheckIn>,
) -> Result<Json<StaffBooking>, ApiError> {
    let checked = booking::check_in(&state, &account, &request.code).await?;
    record_change(&state, &account, ip, &checked, "checked_in").await?;
    Ok(Json(checked))
}

/// `POST /api/staff/appointments/{booking_id}/no-show`.
pub(crate) async fn no_show(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(booking_id): Path<String>,
) -> Result<Json<StaffBooking>, ApiError> {
    let marked = booking::no_show(&state, &account, &booking_id).await?;
    record_change(&state, &account, ip, &marked, "no_show").await?;
    Ok(Json(marked))
}

/// `POST /api/staff/appointments`.
pub(crate) async fn staff_book(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<StaffBookingRequest>,
) -> Result<(StatusCode, Json<StaffBooking>), ApiError> {
    let booked = booking::staff_book(&state, &account, &request).await?;
    record_change(&state, &account, ip, &booked, "booked").await?;
    Ok((StatusCode::CREATED, Json(booked)))
}

/// `POST /api/staff/appointments/closures`.
pub(crate) async fn close(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    ApiJson(closure): ApiJson<Closure>,
) -> Result<Json<ClosureResult>, ApiError> {
    let result = booking::close(&state, &account, &closure).await?;
    let subject = format!("{} {}", closure.location, closure.date);
    let details = format!("closed, {} cancelled", result.cancelled);
    record(
        &state,
        &account,
        ip,
        AuditAction::AppointmentChanged,
        &subject,
        &details,
    )
    .await?;
    Ok(Json(result))
}

fn slug(text: &str) -> Result<LocationSlug, ApiError> {
    text.parse().map_err(|_| ApiError::NOT_FOUND)
}

/// `GET /api/admin/locations`.
pub(crate) async fn list_locations(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> Result<Json<Vec<LocationConfig>>, ApiError> {
    Ok(Json(db::appointments::fetch_locations(&state.db).await?))
}

/// `GET /api/admin/locations/{slug}`.
pub(crate) async fn get_location(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    Path(text): Path<String>,
) -> Result<Json<LocationConfig>, ApiError> {
    Ok(Json(
        db::appointments::fetch_optional_location(&state.db, &slug(&text)?)
            .await?
            .ok_or(ApiError::NOT_FOUND)?,
    ))
}

/// `PUT /api/admin/locations/{slug}`.
pub(crate) async fn put_location(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    Path(text): Path<String>,
    ApiJson(config): ApiJson<LocationConfig>,
) -> Result<Json<LocationConfig>, ApiError> {
    booking::put_location(&state, &slug(&text)?, &config).await?;
    record(
        &state,
        &account,
        ip,
        AuditAction::LocationChanged,
        &text,
        "settings",
    )
    .await?;
    Ok(Json(config))
}

/// `GET /api/admin/locations/{slug}/days`.
pub(crate) async fn get_days(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    Path(text): Path<String>,
) -> Result<Json<SpecialDays>, ApiError> {
    Ok(Json(booking::special_days(&state, &slug(&text)?).await?))
}

/// `PUT /api/admin/locations/{slug}/days`.
pub(crate) async fn put_days(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    Path(text): Path<String>,
    ApiJson(days): ApiJson<SpecialDays>,
) -> Result<Json<SpecialDays>, ApiError> {
    let location = slug(&text)?;
    let cancelled = booking::put_special_days(&state, &location, &days).await?;
    let details = format!("special days, {cancelled} cancelled");
    record(
        &state,
        &account,
        ip,
        AuditAction::LocationChanged,
        &text,
        &details,
    )
    .await?;
    Ok(Json(booking::special_days(&state, &location).await?))
}
