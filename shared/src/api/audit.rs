//! The audit log (admins only): who did what to which record, when and from where.

use serde::{Deserialize, Serialize};

/// What was done. The names are stable: they are stored and filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A staff member signed in.
    SignedIn,
    /// A submission was opened (its answers, files and notes shown).
    SubmissionViewed,
    /// A form's submissions were downloaded (CSV).
    SubmissionsExported,
    /// An uploaded file was downloaded.
    FileDownloaded,
    /// A submission's processing status was set.
    StatusChanged,
    /// An internal note was added to a submission.
    NoteAdded,
    /// A submission was assigned to a person (or to nobody).
    Assigned,
    /// A form version was published.
    FormPublished,
    /// A form was archived or restored.
    FormArchived,
    /// The department of a form was set.
    FormDepartmentChanged,
    /// The retention period of a form was set.
    FormRetentionChanged,
    /// A submission's personal data was erased at the end of its retention period.
    RetentionErased,
    /// A copy of a person's data was downloaded (Art. 15 DSGVO).
    PersonExported,
    /// A submission's personal data was erased at the person's request (Art. 17 DSGVO).
    PersonErased,
    /// An admin created an account.
    UserCreated,
    /// An admin changed an account (name, role, departments, disabled).
    UserChanged,
    /// An admin set a new password for an account.
    PasswordReset,
    /// Someone changed their own password.
    PasswordChanged,
    /// Someone turned on the second factor of their account.
    TotpEnabled,
    /// Someone turned off the second factor of their account.
    TotpDisabled,
    /// A location's appointments of a day were shown (names, contact details).
    AppointmentsViewed,
    /// A location's appointments of a day were downloaded (CSV, iCalendar).
    AppointmentsExported,
    /// An appointment was checked in, marked as not come or booked at the counter, or a day
    /// was closed.
    AppointmentChanged,
    /// A location's settings or special days were changed.
    LocationChanged,
}

impl AuditAction {
    /// Every action, in the order the filter offers them.
    pub const ALL: [Self; 24] = [
        Self::SignedIn,
        Self::SubmissionViewed,
        Self::SubmissionsExported,
        Self::FileDownloaded,
        Self::StatusChanged,
        Self::NoteAdded,
        Self::Assigned,
        Self::FormPublished,
        Self::FormArchived,
        Self::FormDepartmentChanged,
        Self::FormRetentionChanged,
        Self::RetentionErased,
        Self::PersonExported,
        Self::PersonErased,
        Self::UserCreated,
        Self::UserChanged,
        Self::PasswordReset,
        Self::PasswordChanged,
        Self::TotpEnabled,
        Self::TotpDisabled,
        Self::AppointmentsViewed,
        Self::AppointmentsExported,
        Self::AppointmentChanged,
        Self::LocationChanged,
    ];

    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Self::SignedIn => "signed_in",
            Self::SubmissionViewed => "submission_viewed",
            Self::SubmissionsExported => "submissions_exported",
            Self::FileDownloaded => "file_downloaded",
            Self::StatusChanged => "status_changed",
            Self::NoteAdded => "note_added",
            Self::Assigned => "assigned",
            Self::FormPublished => "form_published",
            Self::FormArchived => "form_archived",
            Self::FormDepartmentChanged => "form_department_changed",
            Self::FormRetentionChanged => "form_retention_changed",
            Self::RetentionErased => "retention_erased",
            Self::PersonExported => "person_exported",
            Self::PersonErased => "person_erased",
            Self::UserCreated => "user_created",
            Self::UserChanged => "user_changed",
            Self::PasswordReset => "password_reset",
            Self::PasswordChanged => "password_changed",
            Self::TotpEnabled => "totp_enabled",
            Self::TotpDisabled => "totp_disabled",
            Self::AppointmentsViewed => "appointments_viewed",
            Self::AppointmentsExported => "appointments_exported",
            Self::AppointmentChanged => "appointment_changed",
            Self::LocationChanged => "location_changed",
        }
    }

    /// The action with this stored name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.name() == name)
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When, RFC 3339.
    pub at: String,
    /// Who: the account's name and e-mail address at the time.
    pub actor: String,
    /// What.
    pub action: AuditAction,
    /// Which record: a reference number, a form's address, …
    pub subject: String,
    /// More about it (a status, a file name, a format), never answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
    /// From where: the client's IP address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

/// One page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries on this page.
    pub entries: Vec<AuditEntry>,
    /// How many entries match the filter.
    pub total: u64,
    /// The page (1-based).
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
}
