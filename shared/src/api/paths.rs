//! Route templates of the API next to the client's path builders, so they cannot drift apart.
//!
//! Templates use axum 0.8's `{param}` syntax; a backend test checks that every builder's output
//! is routed.

use crate::id::{FormId, FormSlug, ServiceSlug, TopicSlug, UploadId};

/// Liveness and readiness: `GET`.
pub const HEALTH: &str = "/api/health";
/// Services: `GET` `?q=<words>&topic=<slug>` → `Vec<ServiceSummary>` (search results best
/// first; without `q` all A–Z).
pub const SERVICES: &str = "/api/services";
/// One service: `GET` → `ServicePage`.
pub const SERVICE: &str = "/api/services/{slug}";
/// Topics (Lebenslagen): `GET` → `Vec<TopicSummary>`.
pub const TOPICS: &str = "/api/topics";
/// Published forms: `GET` → `Vec<FormSummary>`.
pub const FORMS: &str = "/api/forms";
/// The latest published version of a form: `GET` → `Form`.
pub const FORM: &str = "/api/forms/{slug}";
/// Submissions to a form: `POST` `SubmitAnswers` → 201 `SubmissionReceipt`.
pub const FORM_SUBMISSIONS: &str = "/api/forms/{slug}/submissions";
/// Files for a form's file fields: `POST` the raw file (`Content-Type` its media type, the name
/// percent-encoded in [`super::UPLOAD_NAME_HEADER`]), query `version` and `field` (`key`, or
/// `group.key` inside a repeatable group) → 201 `FileRef`.
pub const FORM_UPLOADS: &str = "/api/forms/{slug}/uploads";
/// The JSON Schema (2020-12) of one version's submission data: `GET` → `application/schema+json`.
pub const FORM_VERSION_SCHEMA: &str = "/api/forms/{slug}/versions/{version}/schema.json";
/// The JSON Schema of the form definition exchange format (`docs/form-definition.schema.json`).
pub const FORM_DEFINITION_SCHEMA: &str = "/api/schemas/form-definition.json";
/// The processing status of an application: `POST` `StatusQuery` → `StatusView` (a POST, so
/// the access code never appears in a URL or log).
pub const STATUS: &str = "/api/status";
/// POST: the PDF receipt of a submission, for its reference number and access code.
pub const STATUS_RECEIPT: &str = "/api/status/receipt";
/// Staff session: `POST` `StaffLogin` → 200 `StaffUser`; `DELETE` logs out.
pub const STAFF_SESSION: &str = "/api/staff/session";
/// The logged-in staff member: `GET` → `StaffUser`.
pub const STAFF_ME: &str = "/api/staff/me";
/// Forms with submission counts: `GET` → `Vec<StaffFormSummary>`.
pub const STAFF_FORMS: &str = "/api/staff/forms";
/// One uploaded file of a submission: `GET` → the file, as an attachment.
pub const STAFF_UPLOAD: &str = "/api/staff/uploads/{upload_id}";
/// All submissions of a form as CSV: `GET` → `text/csv`.
pub const STAFF_FORM_CSV: &str = "/api/staff/forms/{form_id}/submissions.csv";
/// All submissions of a form as an Excel workbook: `GET`.
pub const STAFF_FORM_XLSX: &str = "/api/staff/forms/{form_id}/submissions.xlsx";
/// All submissions of a form as JSON: `GET`.
pub const STAFF_FORM_JSON: &str = "/api/staff/forms/{form_id}/submissions.json";
/// One submission as PDF: `GET`.
pub const STAFF_SUBMISSION_PDF: &str = "/api/staff/submissions/{submission_id}/antrag.pdf";
/// One submission as a ZIP bundle (PDF, JSON, attachments): `GET`.
pub const STAFF_SUBMISSION_ZIP: &str = "/api/staff/submissions/{submission_id}/bundle.zip";
/// Several submissions as one ZIP bundle: `GET ?ids=<id>,<id>,…`.
pub const STAFF_BUNDLE: &str = "/api/staff/bundle.zip";
/// Staff: `GET` a form's submissions, newest first.
pub const STAFF_FORM_SUBMISSIONS: &str = "/api/staff/forms/{form_id}/submissions";
/// Staff: `GET` one submission, rendered with its version's fields.
pub const STAFF_SUBMISSION: &str = "/api/staff/submissions/{submission_id}";
/// Staff: `POST` `ChangeStatus` → 204.
pub const STAFF_SUBMISSION_STATUS: &str = "/api/staff/submissions/{submission_id}/status";
/// Staff: `POST` `AddNote` → 201.
pub const STAFF_SUBMISSION_NOTES: &str = "/api/staff/submissions/{submission_id}/notes";
/// Editors: `GET` the forms directory, `POST` `NewForm` to create a form (also the JSON import).
pub const EDITOR_FORMS: &str = "/api/editor/forms";
/// Editors: `POST` `FimImportRequest` to import a FIM Stammdatenschema as a new draft.
pub const EDITOR_FIM_IMPORT: &str = "/api/editor/forms/import-fim";
/// Editors: `GET` a form with its draft and history.
pub const EDITOR_FORM: &str = "/api/editor/forms/{form_id}";
/// Editors: `PUT` `SaveDraft`.
pub const EDITOR_FORM_DRAFT: &str = "/api/editor/forms/{form_id}/draft";
/// Editors: `POST` `PublishDraft` to publish the draft as the next version.
pub const EDITOR_FORM_PUBLISH: &str = "/api/editor/forms/{form_id}/publish";
/// Editors: `GET` one published version's definition.
pub const EDITOR_FORM_VERSION: &str = "/api/editor/forms/{form_id}/versions/{version}";
/// Editors: `GET ?from=1&to=2` the changes between two versions (without `to`: to the draft).
pub const EDITOR_FORM_DIFF: &str = "/api/editor/forms/{form_id}/diff";
/// Editors: `POST` to copy a form into a new draft.
pub const EDITOR_FORM_DUPLICATE: &str = "/api/editor/forms/{form_id}/duplicate";
/// Editors: `POST` `{ "archived": true }` to archive (or `false` to restore) a form.
pub const EDITOR_FORM_ARCHIVE: &str = "/api/editor/forms/{form_id}/archive";
/// Staff: `GET` the inbox (`?form=&status=&from=&to=&assigned=&q=&page=`).
pub const STAFF_INBOX: &str = "/api/staff/inbox";
/// Staff: `GET` the people submissions can be assigned to.
pub const STAFF_COLLEAGUES: &str = "/api/staff/colleagues";
/// Staff: `PUT` who works on a submission.
pub const STAFF_SUBMISSION_ASSIGNEE: &str = "/api/staff/submissions/{submission_id}/assignee";
/// Admins: `GET` a person's submissions (`?email=`).
pub const ADMIN_PERSONS: &str = "/api/admin/persons";
/// Admins: `GET` a copy of a person's data as ZIP (`?email=`, Art. 15 DSGVO).
pub const ADMIN_PERSON_EXPORT: &str = "/api/admin/persons/export.zip";
/// Admins: `POST` erase a person's data (Art. 17 DSGVO).
pub const ADMIN_PERSON_ERASE: &str = "/api/admin/persons/erase";
/// Editors: `PUT` how long a form's finished submissions are kept.
pub const EDITOR_FORM_RETENTION: &str = "/api/editor/forms/{form_id}/retention";
/// Staff: `GET` the key figures of their departments (admins: all), `?from=&to=`.
pub const STAFF_FIGURES: &str = "/api/staff/figures";
/// Admins: `GET` every account, `POST` a new one.
pub const ADMIN_USERS: &str = "/api/admin/users";
/// Admins: `PUT` an account's name, role, departments and whether it is disabled.
pub const ADMIN_USER: &str = "/api/admin/users/{user_id}";
/// Admins: `POST` a new password for an account.
pub const ADMIN_USER_PASSWORD: &str = "/api/admin/users/{user_id}/password";
/// Staff: `POST` start setting up a second factor (answers a `TotpSetup`).
pub const STAFF_TOTP: &str = "/api/staff/me/totp";
/// Staff: `POST` a first code, which turns the second factor on.
pub const STAFF_TOTP_CONFIRM: &str = "/api/staff/me/totp/confirm";
/// Staff: `POST` a code, which turns the second factor off.
pub const STAFF_TOTP_DISABLE: &str = "/api/staff/me/totp/disable";
/// Staff: `POST` change one's own password.
pub const STAFF_PASSWORD: &str = "/api/staff/me/password";
/// Admins: `GET` the audit log, newest first (`?action=&actor=&subject=&from=&to=&page=`).
pub const ADMIN_AUDIT: &str = "/api/admin/audit";
/// Editors: `PUT` the department that processes the form's submissions.
pub const EDITOR_FORM_DEPARTMENT: &str = "/api/editor/forms/{form_id}/department";
/// Editors: `GET` the departments forms can belong to.
pub const EDITOR_DEPARTMENTS: &str = "/api/editor/departments";
/// Editors: `GET` the draft as a JSON file in the exchange format.
pub const EDITOR_FORM_EXPORT: &str = "/api/editor/forms/{form_id}/export.json";

/// Appointments: `GET` what can be booked → `BookingOffer`.
pub const APPOINTMENTS: &str = "/api/appointments";
/// Appointments: `GET ?concerns=slug:n,…&location=&from=&days=` free starts → `SlotList`
/// (without `location`: every location that offers all concerns).
pub const APPOINTMENT_SLOTS: &str = "/api/appointments/slots";
/// Appointments: `GET` a proof-of-work challenge → `PowChallenge`.
pub const APPOINTMENT_CHALLENGE: &str = "/api/appointments/challenge";
/// Appointments: `POST` `HoldRequest` → 201 `HeldSlot`.
pub const APPOINTMENT_HOLDS: &str = "/api/appointments/holds";
/// Appointments: `POST` `TokenRequest` (the hold token) → 204: give a held slot back.
pub const APPOINTMENT_RELEASE: &str = "/api/appointments/holds/release";
/// Appointments: `POST` `ContactDetails` → 202 `ActivationSent`.
pub const APPOINTMENT_REQUESTS: &str = "/api/appointments/requests";
/// Appointments: `POST` `TokenRequest` (the activation token) → `BookingView`.
pub const APPOINTMENT_ACTIVATE: &str = "/api/appointments/activate";
/// Appointments: `POST` `TokenRequest` (the manage token) → `BookingView`.
pub const APPOINTMENT_MANAGE: &str = "/api/appointments/manage";
/// Appointments: `POST` `TokenRequest` (the manage token) → `BookingView`, cancelled.
pub const APPOINTMENT_CANCEL: &str = "/api/appointments/manage/cancel";
/// Appointments: `POST` `MoveRequest` → `BookingView` at the new time.
pub const APPOINTMENT_MOVE: &str = "/api/appointments/manage/move";
/// Appointments: `POST` `TokenRequest` (the manage token, or the activation token of a confirmed
/// booking) → the booking as `text/calendar`.
pub const APPOINTMENT_CALENDAR: &str = "/api/appointments/manage/calendar.ics";
/// Staff: `GET` the locations of the staff member's departments (admins: all) →
/// `Vec<LocationInfo>`; `POST` `StaffBookingRequest` books (see [`STAFF_APPOINTMENTS`]).
pub const STAFF_APPOINTMENT_LOCATIONS: &str = "/api/staff/appointments/locations";
/// Staff: `POST` `StaffBookingRequest` → 201 `StaffBooking`.
pub const STAFF_APPOINTMENTS: &str = "/api/staff/appointments";
/// Staff: `GET ?location=&date=` → `DayView`.
pub const STAFF_APPOINTMENT_DAY: &str = "/api/staff/appointments/day";
/// Staff: `GET ?location=&date=` the day as CSV.
pub const STAFF_APPOINTMENT_DAY_CSV: &str = "/api/staff/appointments/day.csv";
/// Staff: `GET ?location=&date=` the day as iCalendar.
pub const STAFF_APPOINTMENT_DAY_ICS: &str = "/api/staff/appointments/day.ics";
/// Staff: `POST` `CheckIn` → `StaffBooking`.
pub const STAFF_APPOINTMENT_CHECK_IN: &str = "/api/staff/appointments/check-in";
/// Staff: `POST` mark a booking as not come → `StaffBooking`.
pub const STAFF_APPOINTMENT_NO_SHOW: &str = "/api/staff/appointments/{booking_id}/no-show";
/// Staff: `POST` `Closure` → `ClosureResult`.
pub const STAFF_APPOINTMENT_CLOSURES: &str = "/api/staff/appointments/closures";
/// Admins: `GET` every location's configuration → `Vec<LocationConfig>`.
pub const ADMIN_LOCATIONS: &str = "/api/admin/locations";
/// Admins: `GET` one location's configuration, `PUT` a `LocationConfig` to create or change it.
pub const ADMIN_LOCATION: &str = "/api/admin/locations/{slug}";
/// Admins: `GET`/`PUT` a location's special days (`SpecialDays`).
pub const ADMIN_LOCATION_DAYS: &str = "/api/admin/locations/{slug}/days";

/// Path of [`SERVICE`].
pub fn service(slug: &ServiceSlug) -> String {
    format!("/api/services/{slug}")
}

/// Path (with query) of [`SERVICES`]: a search, optionally within a topic. The words are
/// percent-encoded here, so any text is safe.
pub fn services(query: &str, topic: Option<&TopicSlug>) -> String {
    let mut path = String::from(SERVICES);
    let mut separator = '?';
    if !query.is_empty() {
        path.push_str("?q=");
        for byte in query.bytes() {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                path.push(char::from(byte));
            } else {
                path.push_str(&format!("%{byte:02X}"));
            }
        }
        separator = '&';
    }
    if let Some(topic) = topic {
        path.push(separator);
        path.push_str("topic=");
        path.push_str(topic.as_str());
    }
    path
}

/// Path of [`FORM`].
pub fn form(slug: &FormSlug) -> String {
    format!("/api/forms/{slug}")
}

/// Path of [`FORM_SUBMISSIONS`].
pub fn form_submissions(slug: &FormSlug) -> String {
    format!("/api/forms/{slug}/submissions")
}

/// Path of [`STAFF_FORM_CSV`].
pub fn staff_form_csv(form_id: FormId) -> String {
    format!("/api/staff/forms/{form_id}/submissions.csv")
}

/// Path of [`FORM_VERSION_SCHEMA`].
pub fn form_version_schema(slug: &FormSlug, version: u32) -> String {
    format!("/api/forms/{slug}/versions/{version}/schema.json")
}

/// Path (with query) of [`FORM_UPLOADS`] for the file field `field` (`key` or `group.key`) of
/// version `version`. Field keys are `[a-z0-9_]`, so they need no escaping.
pub fn form_uploads(slug: &FormSlug, version: u32, field: &str) -> String {
    format!("/api/forms/{slug}/uploads?version={version}&field={field}")
}

/// Path of [`STAFF_UPLOAD`].
pub fn staff_upload(id: UploadId) -> String {
    format!("/api/staff/uploads/{id}")
}

/// The path of an editor resource of `form_id`: `template` with `{form_id}` filled in.
pub fn editor_form(template: &str, form_id: FormId) -> String {
    template.replace("{form_id}", &form_id.to_string())
}

/// Staff: the submissions of `form_id`.
pub fn staff_form_submissions(form_id: FormId) -> String {
    STAFF_FORM_SUBMISSIONS.replace("{form_id}", &form_id.to_string())
}

/// Staff: one submission.
pub fn staff_submission(id: &str) -> String {
    STAFF_SUBMISSION.replace("{submission_id}", id)
}

/// Staff: the status of one submission.
pub fn staff_submission_status(id: &str) -> String {
    STAFF_SUBMISSION_STATUS.replace("{submission_id}", id)
}

/// Staff: the internal notes of one submission.
pub fn staff_submission_notes(id: &str) -> String {
    STAFF_SUBMISSION_NOTES.replace("{submission_id}", id)
}

/// Path of a form's download in `template` ([`STAFF_FORM_CSV`], [`STAFF_FORM_XLSX`],
/// [`STAFF_FORM_JSON`]).
pub fn staff_form_download(template: &str, form_id: FormId) -> String {
    template.replace("{form_id}", &form_id.to_string())
}

/// Path of a submission's download in `template` ([`STAFF_SUBMISSION_PDF`],
/// [`STAFF_SUBMISSION_ZIP`]).
pub fn staff_submission_download(template: &str, id: &str) -> String {
    template.replace("{submission_id}", id)
}

/// Path of an account's admin endpoint in `template` ([`ADMIN_USER`], [`ADMIN_USER_PASSWORD`]).
pub fn admin_user(template: &str, user_id: &str) -> String {
    template.replace("{user_id}", user_id)
}

/// Path of [`STAFF_SUBMISSION_ASSIGNEE`].
pub fn staff_submission_assignee(id: &str) -> String {
    STAFF_SUBMISSION_ASSIGNEE.replace("{submission_id}", id)
}

/// Path of [`APPOINTMENT_SLOTS`].
pub fn appointment_slots(
    concerns: &[super::booking::Concern],
    location: Option<&crate::id::LocationSlug>,
    from: crate::CalendarDate,
    days: u16,
) -> String {
    let mut path = format!(
        "{APPOINTMENT_SLOTS}?concerns={}&from={from}&days={days}",
        super::booking::concerns_query(concerns)
    );
    if let Some(location) = location {
        path.push_str("&location=");
        path.push_str(location.as_str());
    }
    path
}

/// Path of a location's day in `template` ([`STAFF_APPOINTMENT_DAY`] and its CSV and iCalendar).
pub fn staff_appointment_day(
    template: &str,
    location: &crate::id::LocationSlug,
    date: crate::CalendarDate,
) -> String {
    format!("{template}?location={location}&date={date}")
}

/// Path of [`STAFF_APPOINTMENT_NO_SHOW`].
pub fn staff_appointment_no_show(booking_id: &str) -> String {
    STAFF_APPOINTMENT_NO_SHOW.replace("{booking_id}", booking_id)
}

/// Path of a location's admin endpoint in `template` ([`ADMIN_LOCATION`],
/// [`ADMIN_LOCATION_DAYS`]).
pub fn admin_location(template: &str, slug: &crate::id::LocationSlug) -> String {
    template.replace("{slug}", slug.as_str())
}
