//! Appointments (issue 7): locations, special days, bookings and the capacity counters.
//!
//! Capacity is decided by `slot_load` (migration `appointments`): every booking adds one per
//! 5-minute unit it covers, with an update that succeeds only while a desk is free. All unit
//! updates of one transaction run in ascending (location, day, unit) order, so concurrent
//! bookings on PostgreSQL queue on the row locks instead of deadlocking; on SQLite the single
//! writer orders them. A booking's status changes are conditional updates of its row (`where
//! status = …`), so of two racing changes (an activation and the expiry, say) exactly one wins,
//! and only the winner gives the capacity back.

use std::collections::BTreeMap;

use shared::CalendarDate;
use shared::api::booking::{BookingStatus, Concern, GRID_MINUTES, LocationConfig, SpecialDay};
use shared::id::{BookingCode, LocationSlug};
use sqlx::{Any, Transaction};

use crate::db::Db;

// ---------------------------------------------------------------------------------------------
// Locations

/// Every location, in the order they were created.
pub(crate) async fn fetch_locations(db: &Db) -> sqlx::Result<Vec<LocationConfig>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select content from locations order by position, slug")
            .fetch_all(db.reader())
            .await?;
    rows.iter().map(|(content,)| decode(content)).collect()
}

/// One location.
pub(crate) async fn fetch_optional_location(
    db: &Db,
    slug: &LocationSlug,
) -> sqlx::Result<Option<LocationConfig>> {
    let row: Option<(String,)> = sqlx::query_as("select content from locations where slug = $1")
        .bind(slug.as_str())
        .fetch_optional(db.reader())
        .await?;
    row.map(|(content,)| decode(&content)).transpose()
}

/// Creates or replaces a location's configuration.
pub(crate) async fn upsert_location(
    db: &Db,
    config: &LocationConfig,
    now_ms: i64,
) -> sqlx::Result<()> {
    let content = encode(config)?;
    sqlx::query(
        r#"
        insert into locations (slug, department_key, position, content, updated_at)
        values ($1, $2, (select coalesce(max(position), 0) + 1 from locations), $3, $4)
        on conflict (slug) do update
           set department_key = excluded.department_key,
               content = excluded.content,
               updated_at = excluded.updated_at
        "#,
    )
    .bind(config.info.slug.as_str())
    .bind(&config.department)
    .bind(content)
    .bind(now_ms)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The special days of a location from `from` to `to` (inclusive).
pub(crate) async fn fetch_special_days(
    db: &Db,
    slug: &LocationSlug,
    from: CalendarDate,
    to: CalendarDate,
) -> sqlx::Result<Vec<SpecialDay>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        r#"
        select day, hours, note from location_days
         where location_slug = $1 and day >= $2 and day <= $3
         order by day
        "#,
    )
    .bind(slug.as_str())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(day, hours, note)| {
            Ok(SpecialDay {
                date: day.parse().map_err(|error| decode_error(&error))?,
                hours: decode(&hours)?,
                note,
            })
        })
        .collect()
}

/// Sets one day's hours (a closure, a holiday, special hours) inside a transaction.
pub(crate) async fn set_special_day(
    transaction: &mut Transaction<'_, Any>,
    slug: &LocationSlug,
    day: &SpecialDay,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into location_days (location_slug, day, hours, note) values ($1, $2, $3, $4)
        on conflict (location_slug, day) do update set hours = excluded.hours, note = excluded.note
        "#,
    )
    .bind(slug.as_str())
    .bind(day.date.to_string())
    .bind(encode(&day.hours)?)
    .bind(&day.note)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

/// Removes the special days from `from` on (before an admin's list replaces them).
pub(crate) async fn delete_special_days_from(
    transaction: &mut Transaction<'_, Any>,
    slug: &LocationSlug,
    from: CalendarDate,
) -> sqlx::Result<()> {
    sqlx::query("delete from location_days where location_slug = $1 and day >= $2")
        .bind(slug.as_str())
        .bind(from.to_string())
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Capacity

/// Desks a booking may use: online bookings only the online desks, staff bookings all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Desks {
    pub(crate) online: i64,
    pub(crate) total: i64,
}

/// Where and when a booking sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) location: LocationSlug,
    pub(crate) date: CalendarDate,
    pub(crate) start: u16,
    pub(crate) minutes: u16,
}

impl Placement {
    fn units(&self) -> std::ops::Range<i64> {
        let grid = i64::from(GRID_MINUTES);
        let first = i64::from(self.start) / grid;
        let end = (i64::from(self.start) + i64::from(self.minutes) + grid - 1) / grid;
        first..end
    }
}

/// A change of the counters of one unit.
#[derive(Debug, Clone, Copy, Default)]
struct UnitChange {
    online: i64,
    total: i64,
}

type UnitKey = (String, String, i64);

/// Adds `placement`'s units (with `desks` as the limit) and removes `release`'s, in one ordered
/// pass; `false` when a unit had no free desk left (the caller rolls back).
async fn change_units(
    transaction: &mut Transaction<'_, Any>,
    take: Option<(&Placement, bool, Desks)>,
    release: Option<(&Placement, bool)>,
) -> sqlx::Result<bool> {
    let mut changes: BTreeMap<UnitKey, UnitChange> = BTreeMap::new();
    let mut limits = None;
    for (placement, online, sign) in take
        .iter()
        .map(|(placement, online, desks)| {
            limits = Some(*desks);
            (*placement, *online, 1)
        })
        .chain(
            release
                .iter()
                .map(|(placement, online)| (*placement, *online, -1)),
        )
    {
        for unit in placement.units() {
            let change = changes
                .entry((
                    placement.location.as_str().to_owned(),
                    placement.date.to_string(),
                    unit,
                ))
                .or_default();
            change.total += sign;
            if online {
                change.online += sign;
            }
        }
    }
    let new_rows: Vec<&UnitKey> = changes
        .iter()
        .filter(|(_, change)| change.total > 0)
        .map(|(key, _)| key)
        .collect();
    for chunk in new_rows.chunks(100) {
        let mut sql = String::from("insert into slot_load (location_slug, day, unit) values ");
        for index in 0..chunk.len() {
            if index > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!(
                "(${}, ${}, ${})",
                index * 3 + 1,
                index * 3 + 2,
                index * 3 + 3
            ));
        }
        sql.push_str(" on conflict (location_slug, day, unit) do nothing");
        let mut query = sqlx::query(&sql);
        for (location, day, unit) in chunk {
            query = query.bind(location.as_str()).bind(day.as_str()).bind(*unit);
        }
        query.execute(&mut **transaction).await?;
    }
    let desks = limits.unwrap_or(Desks {
        online: i64::MAX,
        total: i64::MAX,
    });
    for ((location, day, unit), change) in &changes {
        if change.total == 0 && change.online == 0 {
            continue;
        }
        let affected = if change.total > 0 || change.online > 0 {
            sqlx::query(
                r#"
                update slot_load set online = online + $4, total = total + $5
                 where location_slug = $1 and day = $2 and unit = $3
                   and online + $4 <= $6 and total + $5 <= $7
                "#,
            )
            .bind(location)
            .bind(day)
            .bind(*unit)
            .bind(change.online)
            .bind(change.total)
            .bind(desks.online)
            .bind(desks.total)
            .execute(&mut **transaction)
            .await?
            .rows_affected()
        } else {
            sqlx::query(
                r#"
                update slot_load set online = online + $4, total = total + $5
                 where location_slug = $1 and day = $2 and unit = $3
                "#,
            )
            .bind(location)
            .bind(day)
            .bind(*unit)
            .bind(change.online)
            .bind(change.total)
            .execute(&mut **transaction)
            .await?
            .rows_affected()
        };
        if affected != 1 {
            return Ok(false);
        }
    }
    Ok(true)
}

// ---------------------------------------------------------------------------------------------
// Bookings

/// A new booking: a citizen's hold or a staff member's booking.
#[derive(Debug, Clone)]
pub(crate) struct NewBooking<'a> {
    pub(crate) id: &'a str,
    pub(crate) code: &'a str,
    pub(crate) placement: &'a Placement,
    pub(crate) concerns: &'a [Concern],
    pub(crate) status: BookingStatus,
    pub(crate) by_staff: bool,
    pub(crate) hold_hash: Option<&'a str>,
    pub(crate) manage_hash: Option<&'a str>,
    pub(crate) contact: Option<&'a Contact<'a>>,
    pub(crate) ip_hash: Option<&'a str>,
    pub(crate) language: &'a str,
    pub(crate) expires_at: Option<i64>,
    pub(crate) now_ms: i64,
}

/// A citizen's contact details.
#[derive(Debug, Clone)]
pub(crate) struct Contact<'a> {
    pub(crate) name: &'a str,
    pub(crate) email: Option<&'a str>,
    pub(crate) phone: Option<&'a str>,
    pub(crate) email_hash: Option<&'a str>,
}

/// Why a booking could not be placed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlaceError {
    /// No desk free for some part of the time.
    #[error("no capacity left")]
    Taken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Takes the capacity and writes the booking, all or nothing.
pub(crate) async fn place(
    db: &Db,
    booking: &NewBooking<'_>,
    desks: Desks,
) -> Result<(), PlaceError> {
    let mut transaction = db.writer().begin().await?;
    let online = !booking.by_staff;
    if !change_units(
        &mut transaction,
        Some((booking.placement, online, desks)),
        None,
    )
    .await?
    {
        transaction.rollback().await?;
        return Err(PlaceError::Taken);
    }
    let contact = booking.contact;
    sqlx::query(
        r#"
        insert into bookings
            (id, code, location_slug, day, start_minute, minutes, concerns, status, by_staff,
             hold_hash, manage_hash, name, email, phone, email_hash, ip_hash, language,
             expires_at, created_at, confirmed_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                $18, $19, $20)
        "#,
    )
    .bind(booking.id)
    .bind(booking.code)
    .bind(booking.placement.location.as_str())
    .bind(booking.placement.date.to_string())
    .bind(i64::from(booking.placement.start))
    .bind(i64::from(booking.placement.minutes))
    .bind(encode(&booking.concerns)?)
    .bind(booking.status.as_str())
    .bind(i64::from(booking.by_staff))
    .bind(booking.hold_hash)
    .bind(booking.manage_hash)
    .bind(contact.map(|contact| contact.name))
    .bind(contact.and_then(|contact| contact.email))
    .bind(contact.and_then(|contact| contact.phone))
    .bind(contact.and_then(|contact| contact.email_hash))
    .bind(booking.ip_hash)
    .bind(booking.language)
    .bind(booking.expires_at)
    .bind(booking.now_ms)
    .bind((booking.status == BookingStatus::Confirmed).then_some(booking.now_ms))
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// A stored booking.
#[derive(Debug, Clone)]
pub(crate) struct StoredBooking {
    pub(crate) id: String,
    pub(crate) code: BookingCode,
    pub(crate) placement: Placement,
    pub(crate) concerns: Vec<Concern>,
    pub(crate) status: BookingStatus,
    pub(crate) by_staff: bool,
    pub(crate) name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) language: String,
    pub(crate) cancel_reason: Option<String>,
}

const BOOKING_COLUMNS: &str = "id, code, location_slug, day, start_minute, minutes, concerns, \
     status, by_staff, name, email, phone, language, cancel_reason";

type BookingRow = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

fn booking(row: BookingRow) -> sqlx::Result<StoredBooking> {
    let (
        id,
        code,
        location,
        day,
        start,
        minutes,
        concerns,
        status,
        by_staff,
        name,
        email,
        phone,
        language,
        cancel_reason,
    ) = row;
    Ok(StoredBooking {
        id,
        code: code.parse().map_err(|error| decode_error(&error))?,
        placement: Placement {
            location: location.parse().map_err(|error| decode_error(&error))?,
            date: day.parse().map_err(|error| decode_error(&error))?,
            start: u16::try_from(start).map_err(|error| decode_error(&error))?,
            minutes: u16::try_from(minutes).map_err(|error| decode_error(&error))?,
        },
        concerns: decode(&concerns)?,
        status: BookingStatus::from_name(&status)
            .ok_or_else(|| decode_error(&format!("unknown booking status {status}")))?,
        by_staff: by_staff != 0,
        name,
        email,
        phone,
        language,
        cancel_reason,
    })
}

/// Which secret finds a booking.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Handle<'a> {
    Hold(&'a str),
    Activation(&'a str),
    Manage(&'a str),
    Code(&'a str),
    Id(&'a str),
}

/// The booking a handle names.
pub(crate) async fn fetch_optional_booking(
    db: &Db,
    handle: Handle<'_>,
) -> sqlx::Result<Option<StoredBooking>> {
    let (column, value) = match handle {
        Handle::Hold(hash) => ("hold_hash", hash),
        Handle::Activation(hash) => ("activation_hash", hash),
        Handle::Manage(hash) => ("manage_hash", hash),
        Handle::Code(code) => ("code", code),
        Handle::Id(id) => ("id", id),
    };
    let row: Option<BookingRow> = sqlx::query_as(&format!(
        "select {BOOKING_COLUMNS} from bookings where {column} = $1"
    ))
    .bind(value)
    .fetch_optional(db.reader())
    .await?;
    row.map(booking).transpose()
}

/// The bookings that take capacity at `location` from `from` to `to` (inclusive): holds and
/// unconfirmed ones until they expire, confirmed and checked-in ones.
pub(crate) async fn fetch_occupying(
    db: &Db,
    location: &LocationSlug,
    from: CalendarDate,
    to: CalendarDate,
    now_ms: i64,
) -> sqlx::Result<Vec<(CalendarDate, u16, u16, bool)>> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        r#"
        select day, start_minute, minutes, by_staff from bookings
         where location_slug = $1 and day >= $2 and day <= $3
           and (status in ('confirmed', 'checked_in', 'no_show')
                or (status in ('held', 'pending') and expires_at > $4))
        "#,
    )
    .bind(location.as_str())
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(now_ms)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(day, start, minutes, by_staff)| {
            Ok((
                day.parse().map_err(|error| decode_error(&error))?,
                u16::try_from(start).map_err(|error| decode_error(&error))?,
                u16::try_from(minutes).map_err(|error| decode_error(&error))?,
                by_staff == 0,
            ))
        })
        .collect()
}

/// Which bookings of a day to read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DayBookings {
    /// What staff see: confirmed, checked-in, no-show and cancelled ones.
    Staff,
    /// What holds capacity: confirmed ones, holds and unconfirmed ones (for closures).
    Active,
}

/// The bookings of a location's day, by start.
pub(crate) async fn fetch_day(
    db: &Db,
    location: &LocationSlug,
    date: CalendarDate,
    which: DayBookings,
) -> sqlx::Result<Vec<StoredBooking>> {
    let statuses = match which {
        DayBookings::Staff => "'confirmed', 'checked_in', 'no_show', 'cancelled'",
        DayBookings::Active => "'confirmed', 'pending', 'held'",
    };
    let rows: Vec<BookingRow> = sqlx::query_as(&format!(
        "select {BOOKING_COLUMNS} from bookings \
          where location_slug = $1 and day = $2 and status in ({statuses}) \
          order by start_minute, created_at"
    ))
    .bind(location.as_str())
    .bind(date.to_string())
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(booking).collect()
}

/// Active holds and unconfirmed bookings from one client address.
pub(crate) async fn count_active_holds_by_ip(
    db: &Db,
    ip_hash: &str,
    now_ms: i64,
) -> sqlx::Result<i64> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from bookings where ip_hash = $1 \
           and status in ('held', 'pending') and expires_at > $2",
    )
    .bind(ip_hash)
    .bind(now_ms)
    .fetch_one(db.reader())
    .await?;
    Ok(count)
}

/// Upcoming bookings (unconfirmed or confirmed) of one e-mail address.
pub(crate) async fn count_active_by_email(
    db: &Db,
    email_hash: &str,
    today: CalendarDate,
    now_ms: i64,
) -> sqlx::Result<i64> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from bookings where email_hash = $1 and day >= $2 \
           and (status = 'confirmed' or (status = 'pending' and expires_at > $3))",
    )
    .bind(email_hash)
    .bind(today.to_string())
    .bind(now_ms)
    .fetch_one(db.reader())
    .await?;
    Ok(count)
}

/// A hold's contact details and activation secret.
#[derive(Debug, Clone)]
pub(crate) struct ActivationRequest<'a> {
    pub(crate) hold_hash: &'a str,
    pub(crate) contact: &'a Contact<'a>,
    pub(crate) activation_hash: &'a str,
    pub(crate) language: &'a str,
    pub(crate) expires_at: i64,
    pub(crate) now_ms: i64,
}

/// Gives a hold its contact details and activation secret: `held` → `pending`, queueing the
/// activation mail `mail` makes for the booking id. `None` when the hold is gone or ran out.
pub(crate) async fn request_activation(
    db: &Db,
    request: &ActivationRequest<'_>,
    mail: impl FnOnce(&str) -> Option<crate::db::outbox::NewBookingMail>,
) -> sqlx::Result<Option<String>> {
    let mut transaction = db.writer().begin().await?;
    let updated: Option<(String,)> = sqlx::query_as(
        r#"
        update bookings
           set status = 'pending', name = $2, email = $3, phone = $4, email_hash = $5,
               activation_hash = $6, language = $7, expires_at = $8
         where hold_hash = $1 and status = 'held' and expires_at > $9
        returning id
        "#,
    )
    .bind(request.hold_hash)
    .bind(request.contact.name)
    .bind(request.contact.email)
    .bind(request.contact.phone)
    .bind(request.contact.email_hash)
    .bind(request.activation_hash)
    .bind(request.language)
    .bind(request.expires_at)
    .bind(request.now_ms)
    .fetch_optional(&mut *transaction)
    .await?;
    let Some((id,)) = updated else {
        transaction.rollback().await?;
        return Ok(None);
    };
    if let Some(new_mail) = mail(&id) {
        crate::db::outbox::enqueue_booking(&mut transaction, &new_mail).await?;
    }
    transaction.commit().await?;
    Ok(Some(id))
}

/// What a status change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Changed {
    /// This call changed it.
    Yes,
    /// It was not in a state that allows the change (or is gone).
    No,
}

/// `pending` → `confirmed` with its manage secret, if the activation is still valid; queues
/// the confirmation from `mail` in the same transaction.
pub(crate) async fn activate(
    db: &Db,
    id: &str,
    manage_hash: &str,
    now_ms: i64,
    mail: Option<crate::db::outbox::NewBookingMail>,
) -> sqlx::Result<Changed> {
    let mut transaction = db.writer().begin().await?;
    let affected = sqlx::query(
        r#"
        update bookings
           set status = 'confirmed', manage_hash = $2, confirmed_at = $3, expires_at = null,
               hold_hash = null
         where id = $1 and status = 'pending' and expires_at > $3
        "#,
    )
    .bind(id)
    .bind(manage_hash)
    .bind(now_ms)
    .execute(&mut *transaction)
    .await?
    .rows_affected();
    if affected != 1 {
        transaction.rollback().await?;
        return Ok(Changed::No);
    }
    if let Some(mail) = mail {
        crate::db::outbox::enqueue_booking(&mut transaction, &mail).await?;
    }
    transaction.commit().await?;
    Ok(Changed::Yes)
}

/// Ends a hold or booking whose time ran out (`expires_at` passed), giving its capacity back.
pub(crate) async fn expire(db: &Db, booking: &StoredBooking, now_ms: i64) -> sqlx::Result<Changed> {
    let mut transaction = db.writer().begin().await?;
    let changed = end_in(
        &mut transaction,
        booking,
        &[BookingStatus::Held, BookingStatus::Pending],
        BookingStatus::Expired,
        None,
        now_ms,
        true,
    )
    .await?;
    transaction.commit().await?;
    Ok(changed)
}

/// Ends a booking from one of `from` states with `to` (cancelled, expired) and gives its
/// capacity back, all in one transaction. Queues `mail` when it changed.
pub(crate) async fn end(
    db: &Db,
    booking: &StoredBooking,
    from: &[BookingStatus],
    to: BookingStatus,
    reason: Option<&str>,
    now_ms: i64,
    mail: Option<crate::db::outbox::NewBookingMail>,
) -> sqlx::Result<Changed> {
    let mut transaction = db.writer().begin().await?;
    let changed = end_in(&mut transaction, booking, from, to, reason, now_ms, false).await?;
    if changed == Changed::Yes {
        if let Some(mail) = mail {
            crate::db::outbox::enqueue_booking(&mut transaction, &mail).await?;
        }
        transaction.commit().await?;
    } else {
        transaction.rollback().await?;
    }
    Ok(changed)
}

async fn end_in(
    transaction: &mut Transaction<'_, Any>,
    booking: &StoredBooking,
    from: &[BookingStatus],
    to: BookingStatus,
    reason: Option<&str>,
    now_ms: i64,
    only_if_expired: bool,
) -> sqlx::Result<Changed> {
    let allowed = from
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    // Expiry only ends what has run out: an activation in the same moment wins or loses whole.
    let expiry = if only_if_expired {
        " and expires_at <= $3"
    } else {
        ""
    };
    let affected = sqlx::query(&format!(
        "update bookings set status = $2, cancelled_at = $3, cancel_reason = $4, \
                expires_at = null \
          where id = $1 and status in ({allowed}){expiry}"
    ))
    .bind(&booking.id)
    .bind(to.as_str())
    .bind(now_ms)
    .bind(reason)
    .execute(&mut **transaction)
    .await?
    .rows_affected();
    if affected != 1 {
        return Ok(Changed::No);
    }
    change_units(
        transaction,
        None,
        Some((&booking.placement, !booking.by_staff)),
    )
    .await?;
    Ok(Changed::Yes)
}

/// Moves a confirmed booking to `to`: takes the new capacity and gives the old back in one
/// ordered pass, so a move within overlapping times does not compete with itself.
pub(crate) async fn move_booking(
    db: &Db,
    booking: &StoredBooking,
    to: &Placement,
    desks: Desks,
    mail: Option<crate::db::outbox::NewBookingMail>,
) -> Result<Changed, PlaceError> {
    let mut transaction = db.writer().begin().await?;
    let affected = sqlx::query(
        r#"
        update bookings set location_slug = $2, day = $3, start_minute = $4, minutes = $5,
               reminded_at = null
         where id = $1 and status = 'confirmed'
           and location_slug = $6 and day = $7 and start_minute = $8
        "#,
    )
    .bind(&booking.id)
    .bind(to.location.as_str())
    .bind(to.date.to_string())
    .bind(i64::from(to.start))
    .bind(i64::from(to.minutes))
    .bind(booking.placement.location.as_str())
    .bind(booking.placement.date.to_string())
    .bind(i64::from(booking.placement.start))
    .execute(&mut *transaction)
    .await?
    .rows_affected();
    if affected != 1 {
        transaction.rollback().await?;
        return Ok(Changed::No);
    }
    let online = !booking.by_staff;
    if !change_units(
        &mut transaction,
        Some((to, online, desks)),
        Some((&booking.placement, online)),
    )
    .await?
    {
        transaction.rollback().await?;
        return Err(PlaceError::Taken);
    }
    if let Some(mail) = mail {
        crate::db::outbox::enqueue_booking(&mut transaction, &mail).await?;
    }
    transaction.commit().await?;
    Ok(Changed::Yes)
}

/// Sets special days (after removing those from `replace_from` on, when given) and cancels
/// `cancel` (the bookings their hours no longer cover) with the day's note as the reason, in one
/// transaction, queueing each notice. How many were cancelled.
pub(crate) async fn set_days_cancelling(
    db: &Db,
    location: &LocationSlug,
    replace_from: Option<CalendarDate>,
    days: &[SpecialDay],
    cancel: &[(StoredBooking, Option<crate::db::outbox::NewBookingMail>)],
    now_ms: i64,
) -> sqlx::Result<u32> {
    let mut transaction = db.writer().begin().await?;
    if let Some(from) = replace_from {
        delete_special_days_from(&mut transaction, location, from).await?;
    }
    for day in days {
        set_special_day(&mut transaction, location, day).await?;
    }
    let mut cancelled = 0;
    for (booking, mail) in cancel {
        let reason = days
            .iter()
            .find(|day| day.date == booking.placement.date)
            .map_or("", |day| day.note.as_str());
        let changed = end_in(
            &mut transaction,
            booking,
            &[
                BookingStatus::Confirmed,
                BookingStatus::Pending,
                BookingStatus::Held,
            ],
            BookingStatus::Cancelled,
            Some(reason),
            now_ms,
            false,
        )
        .await?;
        if changed == Changed::Yes {
            cancelled += 1;
            if let Some(mail) = mail {
                crate::db::outbox::enqueue_booking(&mut transaction, mail).await?;
            }
        }
    }
    transaction.commit().await?;
    Ok(cancelled)
}

/// Check-in or no-show: `confirmed` → `to`.
pub(crate) async fn mark(
    db: &Db,
    id: &str,
    to: BookingStatus,
    now_ms: i64,
) -> sqlx::Result<Changed> {
    let affected = sqlx::query(
        "update bookings set status = $2, checked_in_at = $3 where id = $1 and status = 'confirmed'",
    )
    .bind(id)
    .bind(to.as_str())
    .bind((to == BookingStatus::CheckedIn).then_some(now_ms))
    .execute(db.writer())
    .await?
    .rows_affected();
    Ok(if affected == 1 {
        Changed::Yes
    } else {
        Changed::No
    })
}

/// Holds and unconfirmed bookings whose time ran out (at most `limit`).
pub(crate) async fn fetch_expired(
    db: &Db,
    now_ms: i64,
    limit: i64,
) -> sqlx::Result<Vec<StoredBooking>> {
    let rows: Vec<BookingRow> = sqlx::query_as(&format!(
        "select {BOOKING_COLUMNS} from bookings \
          where status in ('held', 'pending') and expires_at <= $1 \
          order by expires_at limit $2"
    ))
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(booking).collect()
}

/// Confirmed bookings from `from_day` to `to_day` not reminded yet, with the reminder lead of
/// their location decided by the caller.
pub(crate) async fn fetch_unreminded(
    db: &Db,
    from_day: CalendarDate,
    to_day: CalendarDate,
) -> sqlx::Result<Vec<StoredBooking>> {
    let rows: Vec<BookingRow> = sqlx::query_as(&format!(
        "select {BOOKING_COLUMNS} from bookings \
          where status = 'confirmed' and reminded_at is null and email is not null \
            and day >= $1 and day <= $2"
    ))
    .bind(from_day.to_string())
    .bind(to_day.to_string())
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(booking).collect()
}

/// Marks a booking reminded and queues the reminder, once: of two instances only one wins.
pub(crate) async fn remind(
    db: &Db,
    id: &str,
    now_ms: i64,
    mail: &crate::db::outbox::NewBookingMail,
) -> sqlx::Result<Changed> {
    let mut transaction = db.writer().begin().await?;
    let affected = sqlx::query(
        "update bookings set reminded_at = $2 where id = $1 and reminded_at is null \
           and status = 'confirmed'",
    )
    .bind(id)
    .bind(now_ms)
    .execute(&mut *transaction)
    .await?
    .rows_affected();
    if affected != 1 {
        transaction.rollback().await?;
        return Ok(Changed::No);
    }
    crate::db::outbox::enqueue_booking(&mut transaction, mail).await?;
    transaction.commit().await?;
    Ok(Changed::Yes)
}

/// Erases the personal data of bookings on days before `before` (the statistics stay), and of
/// the unsent e-mails about them; the number of bookings anonymised.
pub(crate) async fn anonymise_before(
    db: &Db,
    before: CalendarDate,
    now_ms: i64,
) -> sqlx::Result<u64> {
    let mut transaction = db.writer().begin().await?;
    sqlx::query(
        "delete from outbox where sent_at is null and booking_id in \
           (select id from bookings where day < $1 and anonymised_at is null)",
    )
    .bind(before.to_string())
    .execute(&mut *transaction)
    .await?;
    let affected =
        anonymise_where(&mut transaction, "day < $1", before.to_string(), now_ms).await?;
    transaction.commit().await?;
    Ok(affected)
}

async fn anonymise_where(
    transaction: &mut Transaction<'_, Any>,
    condition: &str,
    value: String,
    now_ms: i64,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(&format!(
        "update bookings set name = null, email = null, phone = null, email_hash = null, \
                ip_hash = null, hold_hash = null, activation_hash = null, manage_hash = null, \
                anonymised_at = $2, \
                status = case when status in ('held', 'pending') then 'expired' else status end \
          where {condition} and anonymised_at is null"
    ))
    .bind(value)
    .bind(now_ms)
    .execute(&mut **transaction)
    .await?
    .rows_affected())
}

/// The bookings of one e-mail address (Art. 15 DSGVO).
pub(crate) async fn fetch_by_email_hash(
    db: &Db,
    email_hash: &str,
) -> sqlx::Result<Vec<StoredBooking>> {
    let rows: Vec<BookingRow> = sqlx::query_as(&format!(
        "select {BOOKING_COLUMNS} from bookings where email_hash = $1 order by day, start_minute"
    ))
    .bind(email_hash)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(booking).collect()
}

/// Erases the personal data of one e-mail address's bookings (Art. 17 DSGVO); upcoming ones
/// are cancelled first so their capacity is freed.
pub(crate) async fn erase_by_email_hash(
    db: &Db,
    email_hash: &str,
    today: CalendarDate,
    now_ms: i64,
) -> sqlx::Result<u64> {
    for booking in fetch_by_email_hash(db, email_hash).await? {
        if booking.placement.date >= today {
            end(
                db,
                &booking,
                &[
                    BookingStatus::Held,
                    BookingStatus::Pending,
                    BookingStatus::Confirmed,
                ],
                BookingStatus::Cancelled,
                Some("Löschung auf Wunsch (Art. 17 DSGVO)"),
                now_ms,
                None,
            )
            .await?;
        }
    }
    let mut transaction = db.writer().begin().await?;
    sqlx::query(
        "delete from outbox where sent_at is null and booking_id in \
           (select id from bookings where email_hash = $1)",
    )
    .bind(email_hash)
    .execute(&mut *transaction)
    .await?;
    let affected = anonymise_where(
        &mut transaction,
        "email_hash = $1",
        email_hash.to_owned(),
        now_ms,
    )
    .await?;
    transaction.commit().await?;
    Ok(affected)
}

/// Per day and status: bookings and their channel, for the key figures.
pub(crate) async fn fetch_figures(
    db: &Db,
    from: CalendarDate,
    to: CalendarDate,
    departments: Option<&[String]>,
) -> sqlx::Result<Vec<(String, String, String, bool)>> {
    let rows: Vec<(String, String, String, i64, String)> = sqlx::query_as(
        r#"
        select b.day, b.location_slug, b.status, b.by_staff, l.department_key
          from bookings b join locations l on l.slug = b.location_slug
         where b.day >= $1 and b.day <= $2
           and b.status in ('confirmed', 'checked_in', 'no_show', 'cancelled')
        "#,
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| departments.is_none_or(|keys| keys.contains(&row.4)))
        .map(|(day, location, status, by_staff, _)| (day, location, status, by_staff != 0))
        .collect())
}

/// Every capacity counter as `(online, total)`, by location, day and unit: for monitoring and
/// for tests that check nothing was counted twice.
pub async fn unit_loads(db: &Db) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as("select online, total from slot_load order by location_slug, day, unit")
        .fetch_all(db.reader())
        .await
}

/// How many bookings have each status.
pub async fn status_counts(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("select status, count(*) from bookings group by status order by status")
        .fetch_all(db.reader())
        .await
}

// ---------------------------------------------------------------------------------------------
// Secrets

/// The secret called `name`, made by `make` and stored if there is none yet; every instance
/// reads the same one.
pub(crate) async fn shared_secret(
    db: &Db,
    name: &str,
    make: impl FnOnce() -> String,
) -> sqlx::Result<String> {
    sqlx::query(
        "insert into server_secrets (name, value) values ($1, $2) on conflict (name) do nothing",
    )
    .bind(name)
    .bind(make())
    .execute(db.writer())
    .await?;
    let (value,): (String,) = sqlx::query_as("select value from server_secrets where name = $1")
        .bind(name)
        .fetch_one(db.writer())
        .await?;
    Ok(value)
}

fn encode<T: serde::Serialize + ?Sized>(value: &T) -> sqlx::Result<String> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(Box::new(error)))
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> sqlx::Result<T> {
    serde_json::from_str(json).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

fn decode_error(error: &dyn std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(error.to_string().into())
}
