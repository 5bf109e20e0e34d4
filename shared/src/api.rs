//! Wire types of the HTTP API: commands the client sends and views the server returns.
//!
//! Both sides (de)serialise exactly these types, so the contract is checked by the compiler.
//! Every response body of `/api` is one of these or an [`ErrorBody`].

pub mod error;
pub mod paths;

use serde::{Deserialize, Serialize};

pub use error::{ErrorBody, ErrorCode};

use crate::i18n::LocalizedText;
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
}

/// What the citizen gets back for a successful submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionReceipt {
    /// The reference number to quote in any contact.
    pub reference: Reference,
    /// When the submission was received, RFC 3339 in UTC.
    pub received_at: String,
}

/// Command: log a staff member in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLogin {
    /// E-mail address of the account (case-insensitive).
    pub email: String,
    /// Password.
    pub password: String,
}

/// The logged-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    /// Display name.
    pub name: String,
    /// E-mail address (lower case).
    pub email: String,
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
