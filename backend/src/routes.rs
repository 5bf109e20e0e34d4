//! HTTP handlers, one module per resource. Handlers are thin: extract, call `shared`
//! validation, call `db`, map to a view type.

/// Administrators: the audit log.
pub(crate) mod admin;
/// Appointments: booking (citizens), the day (staff), locations (admins).
pub(crate) mod appointments;
/// Citizen side: the service catalogue.
pub(crate) mod catalogue;
/// Editors: drafts, publishing, versions, import and export of forms.
pub(crate) mod editor;
/// Staff side: key figures.
pub(crate) mod figures;
/// Citizen side: published forms and submissions.
pub(crate) mod forms;
/// Liveness and readiness.
pub(crate) mod health;
/// Staff side: the inbox and assignment.
pub(crate) mod inbox;
/// Staff side: login session, overview and downloads.
pub(crate) mod staff;
/// Citizen side: the processing status of an application.
pub(crate) mod status;
/// Files for file fields: citizens' uploads, staff downloads.
pub(crate) mod uploads;

/// Unix milliseconds as an RFC 3339 UTC time with seconds, as every API view carries times.
pub(crate) fn rfc3339(at_ms: i64) -> String {
    chrono::TimeZone::timestamp_millis_opt(&chrono::Utc, at_ms)
        .single()
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Parsing of the optional query parameters of list endpoints (inbox, audit log): empty means
/// "any"; a value that does not parse is 400 `malformed_request`.
pub(crate) mod query {
    use chrono_tz::Tz;
    use shared::CalendarDate;
    use shared::api::ErrorCode;

    use crate::clock::start_of_day_ms;
    use crate::error::ApiError;

    /// The trimmed value, `None` when absent or empty.
    pub(crate) fn given(value: Option<&String>) -> Option<&str> {
        value
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }

    pub(crate) fn malformed() -> ApiError {
        ApiError::Client(ErrorCode::MalformedRequest)
    }

    /// The days `from` and `to` (`YYYY-MM-DD`, both included) as `[from_ms, before_ms)` in the
    /// city's time zone.
    pub(crate) fn days(
        from: Option<&String>,
        to: Option<&String>,
        zone: Tz,
    ) -> Result<(Option<i64>, Option<i64>), ApiError> {
        let day = |text: Option<&String>| {
            given(text)
                .map(|text| text.parse::<CalendarDate>().map_err(|_| malformed()))
                .transpose()
        };
        Ok((
            day(from)?.map(|date| start_of_day_ms(date, zone)),
            day(to)?.map(|date| start_of_day_ms(date.add_days(1), zone)),
        ))
    }

    /// The page number, 1 when absent.
    pub(crate) fn page(value: Option<&String>) -> Result<u32, ApiError> {
        given(value)
            .map(|page| {
                page.parse::<u32>()
                    .ok()
                    .filter(|page| *page >= 1)
                    .ok_or_else(malformed)
            })
            .transpose()
            .map(|page| page.unwrap_or(1))
    }
}
