//! HTTP handlers, one module per resource. Handlers are thin: extract, call `shared`
//! validation, call `db`, map to a view type.

/// Administrators: the audit log.
pub(crate) mod admin;
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
