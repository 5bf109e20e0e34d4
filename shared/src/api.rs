//! Wire types of the HTTP API: commands the client sends and views the server returns.
//!
//! Both sides (de)serialise exactly these types, so the contract is checked by the compiler.
//! Every response body of `/api` is one of these or an [`ErrorBody`].

pub mod audit;
pub mod booking;
pub mod editor;
pub mod error;
pub mod paths;

use serde::{Deserialize, Serialize};

pub use error::{ErrorBody, ErrorCode};

use crate::i18n::{Lang, LocalizedText};
use crate::id::{FormId, FormSlug, Reference};
use crate::schema::FormDefinition;
use crate::validation::Answers;

/// Request header of an upload that carries the file's name, percent-encoded UTF-8 (header values
/// are ASCII). A header, not the URL, because file names can be personal data and URLs end up in
/// access logs.
pub const UPLOAD_NAME_HEADER: &str = "x-file-name";

/// A published form as the start page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSummary {
    /// The form's id.
    pub id: FormId,
    /// URL name.
    pub slug: FormSlug,
    /// Title.
    pub title: LocalizedText,
    /// Short introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The latest published version.
    pub version: u32,
}

/// One published version of a form, with everything needed to render and validate it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    /// The form's id.
    pub id: FormId,
    /// Which published version this is (1, 2, …); immutable once published.
    pub version: u32,
    /// The definition of this version.
    pub definition: FormDefinition,
}

/// Command: submit the answers to one version of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmitAnswers {
    /// The version the citizen filled in; the answers are validated against it.
    pub version: u32,
    /// The answers.
    pub answers: Answers,
    /// The citizen confirmed having read the form's privacy notice (required when it has one).
    #[serde(default)]
    pub privacy_acknowledged: bool,
    /// The language the citizen used; the confirmation e-mail and PDF receipt are written in it.
    #[serde(default)]
    pub language: Lang,
}

/// What the citizen gets back for a successful submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionReceipt {
    /// The reference number to quote in any contact.
    pub reference: Reference,
    /// When the submission was received, RFC 3339 in UTC.
    pub received_at: String,
    /// The secret that, with the reference number, shows the processing status. Shown once;
    /// the server keeps only a hash.
    pub access_code: String,
    /// The fee to transfer, when the form has one and it is above zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<PaymentDetails>,
    /// The address a confirmation e-mail is queued for, if one is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_email: Option<String>,
}

/// How to pay a fee by bank transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDetails {
    /// Amount in euro cents.
    pub amount_cents: i64,
    /// Account holder, e.g. "Stadtkasse Musterstadt".
    pub recipient: String,
    /// The account's IBAN, in groups of four.
    pub iban: String,
    /// The transfer text: reference number and purpose; the office matches payments by it.
    pub remittance: String,
    /// The GiroCode (EPC QR, version 002, error correction M) as an SVG `data:` URI, for an
    /// `<img>`.
    pub girocode: String,
}

/// Where an application stands (Verfahrensstand). The names are stable API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessingStatus {
    /// Received, not yet worked on.
    Received,
    /// A case worker is on it.
    InProgress,
    /// The citizen must send more information.
    MoreInformationNeeded,
    /// Done.
    Completed,
    /// Refused.
    Rejected,
}

impl ProcessingStatus {
    /// Every status, in the order of a typical procedure; also the parse table of
    /// [`Self::from_name`].
    pub const ALL: [Self; 5] = [
        Self::Received,
        Self::InProgress,
        Self::MoreInformationNeeded,
        Self::Completed,
        Self::Rejected,
    ];

    /// The stable name, as stored and sent.
    pub fn name(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::InProgress => "in_progress",
            Self::MoreInformationNeeded => "more_information_needed",
            Self::Completed => "completed",
            Self::Rejected => "rejected",
        }
    }

    /// The status with this stable name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.name() == name)
    }

    /// What citizens and staff read (Leichte Sprache uses the German words).
    pub fn label(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Self::Received => ("Eingegangen", "Received"),
            Self::InProgress => ("In Bearbeitung", "In progress"),
            Self::MoreInformationNeeded => ("Angaben fehlen", "More information needed"),
            Self::Completed => ("Abgeschlossen", "Completed"),
            Self::Rejected => ("Abgelehnt", "Rejected"),
        };
        match lang {
            Lang::En => en,
            Lang::De | Lang::EasyGerman => de,
        }
    }
}

/// Longest message staff may send with a status change.
pub const MAX_STATUS_MESSAGE_CHARS: usize = 2000;

/// Command (staff): set a submission's status, optionally with a message to the citizen (shown
/// on the status page and mailed when the form has a confirmation e-mail field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeStatus {
    /// The new status; `received` cannot be set again.
    pub status: ProcessingStatus,
    /// A message to the citizen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Command: show the processing status of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusQuery {
    /// The reference number, e.g. `BP-2026-000123` (spaces and case are forgiven).
    pub reference: String,
    /// The access code from the confirmation (spaces, dashes and case are forgiven).
    pub access_code: String,
}

/// One step of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// The status from this step on.
    pub status: ProcessingStatus,
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// What the office wrote to the citizen, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The processing status of an application, for the citizen who holds its access code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    /// The reference number.
    pub reference: Reference,
    /// The form's title.
    pub form_title: LocalizedText,
    /// The current status.
    pub status: ProcessingStatus,
    /// Every step, oldest first.
    pub events: Vec<StatusEvent>,
}

/// Command: log a staff member in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLogin {
    /// E-mail address of the account (case-insensitive).
    pub email: String,
    /// Password.
    pub password: String,
    /// The code of the authenticator app, for accounts with a second factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<String>,
}

/// The logged-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    /// Display name.
    pub name: String,
    /// E-mail address (lower case).
    pub email: String,
    /// What the account may do.
    #[serde(default)]
    pub role: editor::StaffRole,
    /// The names of the departments whose submissions the account sees (admins see all).
    #[serde(default)]
    pub departments: Vec<String>,
    /// Signing in needs a code of an authenticator app too.
    #[serde(default)]
    pub totp: bool,
}

/// A submission in a form's list, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSubmissionSummary {
    /// The submission's id (for its detail view).
    pub id: String,
    /// Reference number (Aktenzeichen).
    pub reference: Reference,
    /// When it was received, RFC 3339 in UTC.
    pub received_at: String,
    /// The form version it was filled in.
    pub version: u32,
}

/// One submission for staff: the answers rendered with the fields of the version it was
/// filled in, and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSubmission {
    /// Reference number (Aktenzeichen).
    pub reference: Reference,
    /// When it was received, RFC 3339 in UTC.
    pub received_at: String,
    /// The form's title in that version.
    pub form_title: String,
    /// The form version it was filled in.
    pub version: u32,
    /// One section per page with answers.
    pub sections: Vec<AnswerSection>,
    /// The uploaded files.
    pub files: Vec<StaffFile>,
    /// The current status.
    pub status: ProcessingStatus,
    /// Every status change, oldest first.
    pub events: Vec<StatusEvent>,
    /// Internal notes of case workers, oldest first (never shown to the citizen).
    pub notes: Vec<StaffNote>,
    /// The person working on it, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Colleague>,
}

/// A staff account a submission can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    /// The account's id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Command: assign a submission to a person (an account id from the colleagues), or to nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignSubmission {
    /// The account's id; `None`: nobody.
    pub assignee: Option<String>,
}

/// A submission in the staff inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    /// The submission's id (for its page).
    pub id: String,
    /// Its reference number.
    pub reference: Reference,
    /// The form it was sent with.
    pub form_id: FormId,
    /// The form's title (latest version).
    pub form_title: LocalizedText,
    /// RFC 3339.
    pub received_at: String,
    /// Where it stands.
    pub status: ProcessingStatus,
    /// No one has opened it yet.
    pub unread: bool,
    /// The name of the person working on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// How many submissions of the filtered inbox have a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The status.
    pub status: ProcessingStatus,
    /// How many.
    pub count: u64,
}

/// One page of the staff inbox, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    /// The submissions on this page.
    pub items: Vec<InboxItem>,
    /// How many match the filter.
    pub total: u64,
    /// The page (1-based).
    pub page: u32,
    /// Submissions per page.
    pub per_page: u32,
    /// Per status, how many match the filter without its status part.
    pub counts: Vec<StatusCount>,
}

/// An internal note on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNote {
    /// Who wrote it (the staff member's name), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When, RFC 3339.
    pub at: String,
    /// The note.
    pub text: String,
}

/// Longest internal note.
pub const MAX_NOTE_CHARS: usize = 4000;

/// Command (staff): add an internal note to a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddNote {
    /// The note (1 to 4000 characters).
    pub text: String,
}

/// The answers of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSection {
    /// The page's title.
    pub heading: String,
    /// Its answers in order.
    pub rows: Vec<AnswerRow>,
}

/// One answer (or, with an empty value, the heading of a group item whose answers follow
/// nested).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRow {
    /// The field's label in that version.
    pub label: String,
    /// The answer as text.
    pub value: String,
    /// Part of a group item.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nested: bool,
}

/// An uploaded file of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFile {
    /// The upload's id (for the download link).
    pub id: crate::id::UploadId,
    /// The file name as the citizen's device named it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
}

/// A form as the staff overview lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffFormSummary {
    /// The form's id.
    pub id: FormId,
    /// URL name.
    pub slug: FormSlug,
    /// Title.
    pub title: LocalizedText,
    /// The latest published version.
    pub version: u32,
    /// How many submissions have been received, over all versions.
    pub submission_count: u64,
}

/// A submission found for a person (admins, DSGVO Art. 15/17).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSubmission {
    /// The submission's id.
    pub id: String,
    /// Its reference number.
    pub reference: Reference,
    /// The form it was sent with.
    pub form_id: FormId,
    /// The form's title.
    pub form_title: LocalizedText,
    /// RFC 3339.
    pub received_at: String,
    /// Where it stands.
    pub status: ProcessingStatus,
    /// Its personal data was erased.
    pub erased: bool,
}

/// What the portal holds about a person: their submissions and appointments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    /// Oldest first.
    pub submissions: Vec<PersonSubmission>,
    /// Appointments booked with the address, by day (anonymised ones are not found).
    #[serde(default)]
    pub bookings: Vec<booking::StaffBooking>,
}

/// Command: erase a person's data (Art. 17 DSGVO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasePerson {
    /// The e-mail address the person gave.
    pub email: String,
}

/// Command: how many days a form's finished submissions are kept (`None`: until erased by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRetention {
    /// 1 to 3650 days after the submission was completed or rejected.
    pub days: Option<u32>,
}

/// Key figures of the submissions an account may see, for a period (staff: their departments;
/// admins: all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigures {
    /// First day of the period, `YYYY-MM-DD`.
    pub from: String,
    /// Last day of the period, `YYYY-MM-DD`.
    pub to: String,
    /// Submissions per month (`YYYY-MM`, city time), form and department.
    pub monthly: Vec<MonthlyCount>,
    /// Processing time from receipt to completion, per form (completed submissions only).
    pub processing: Vec<ProcessingTime>,
    /// How many submissions received in the period have each status now.
    pub statuses: Vec<StatusCount>,
    /// The services of the catalogue by how far they are online.
    pub online: OnlineShare,
    /// Appointments per month and location (by the appointment's day).
    #[serde(default)]
    pub appointments: Vec<AppointmentCount>,
}

/// Appointments of one location in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentCount {
    /// `YYYY-MM`.
    pub month: String,
    /// The location's name (German).
    pub location: String,
    /// Booked (and not cancelled), whatever came of them.
    pub booked: u64,
    /// Of those, booked online (the rest by staff).
    pub online: u64,
    /// Checked in.
    pub checked_in: u64,
    /// Not come.
    pub no_show: u64,
    /// Cancelled (by the citizen or a closure).
    pub cancelled: u64,
}

/// Submissions of one form in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyCount {
    /// `YYYY-MM`.
    pub month: String,
    /// The form's title (German).
    pub form: String,
    /// The department's name, if the form has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// How many.
    pub count: u64,
}

/// Processing times of one form's completed submissions, in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessingTime {
    /// The form's title (German).
    pub form: String,
    /// How many were completed.
    pub completed: u64,
    /// Median, in hours.
    pub median_hours: f64,
    /// 90th percentile, in hours.
    pub p90_hours: f64,
}

/// Services by availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineShare {
    /// Fully online.
    pub online: u64,
    /// Partly online (a form or booking, and a visit).
    pub partly: u64,
    /// In person only.
    pub in_person: u64,
}

/// A second factor being set up: what the authenticator app needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The secret, base32, to type in by hand.
    pub secret: String,
    /// The `otpauth://` URI.
    pub uri: String,
    /// The URI as a QR code (an SVG data URI).
    pub qr: String,
}

/// Command: a code of the authenticator app (to confirm or remove the second factor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpCode {
    /// Six digits.
    pub code: String,
}
