//! The form editor's API types: the forms directory, drafts with optimistic concurrency,
//! publishing immutable versions, version history and diffs, import and export.

use serde::{Deserialize, Serialize};

use crate::i18n::LocalizedText;
use crate::id::{FormId, FormSlug};
use crate::schema::FormDefinition;

/// A staff member's role. Editors design forms; admins also manage the portal; staff (case
/// workers) process submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Case worker.
    #[default]
    Staff,
    /// Form editor.
    Editor,
    /// Administrator.
    Admin,
}

impl StaffRole {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    /// The role with the stored `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "staff" => Some(Self::Staff),
            "editor" => Some(Self::Editor),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    /// Whether the role may create, change and publish forms.
    pub fn may_edit_forms(self) -> bool {
        matches!(self, Self::Editor | Self::Admin)
    }
}

/// Where a form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormStatus {
    /// Never published: citizens cannot see it.
    Draft,
    /// Citizens fill in the latest published version.
    Published,
    /// No new submissions; existing ones stay.
    Archived,
}

/// A form in the editors' directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorFormSummary {
    /// The form's id.
    pub id: FormId,
    /// URL name.
    pub slug: FormSlug,
    /// The draft's title.
    pub title: LocalizedText,
    /// Where the form stands.
    pub status: FormStatus,
    /// The latest published version, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_version: Option<u32>,
    /// The draft differs from the latest published version.
    pub unpublished_changes: bool,
    /// Names of the services of the catalogue that link to the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// The departments responsible for those services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
    /// Last change of the draft (or the form's creation), RFC 3339.
    pub updated_at: String,
    /// Who changed it last, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// Submissions over all versions.
    pub submission_count: u64,
}

/// A published version in a form's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    /// The version number (1, 2, …).
    pub version: u32,
    /// RFC 3339.
    pub published_at: String,
    /// Who published it, when known (demo content has no author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_by: Option<String>,
}

/// A form opened in the editor: its draft and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorForm {
    /// The form's id.
    pub id: FormId,
    /// Where the form stands.
    pub status: FormStatus,
    /// The saved draft differs from the latest published version (or nothing is published).
    pub unpublished_changes: bool,
    /// The draft's revision; a save or publish names the revision it was based on.
    pub revision: u64,
    /// The form definition.
    pub definition: FormDefinition,
    /// Oldest first.
    pub versions: Vec<VersionSummary>,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// Who changed it last, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// The key of the department that processes the submissions; none: only admins see them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Days the submissions are kept once completed or rejected; none: until erased by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
}

/// A department a form can belong to (from the catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOption {
    /// The catalogue's department key.
    pub key: String,
    /// The department's German name.
    pub name: String,
}

/// Command: the department that processes a form's submissions (`None`: only admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetDepartment {
    /// A department key of the catalogue.
    pub department: Option<String>,
}

/// Command: save the draft, based on `revision`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveDraft {
    /// The draft's revision.
    pub revision: u64,
    /// The form definition.
    pub definition: FormDefinition,
}

/// Command: publish the draft at `revision` as a new immutable version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishDraft {
    /// The draft's revision.
    pub revision: u64,
}

/// Answer to a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    /// The draft's new revision.
    pub revision: u64,
}

/// Answer to a publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The version number (1, 2, …).
    pub version: u32,
}

/// Command: create a form from a definition (a new form, an imported JSON export, a copy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewForm {
    /// The form definition.
    pub definition: FormDefinition,
}

/// Command: import a FIM XDatenfelder 2.0 or 3.0.0 Stammdatenschema (XML text), with the
/// genericode code lists its selection fields reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FimImportRequest {
    /// The schema document (XML).
    pub schema: String,
    /// genericode documents (XML).
    #[serde(default)]
    pub code_lists: Vec<String>,
}

/// A problem with a definition, at a path such as `pages[1].fields[0].rules[2]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    /// Where in the definition.
    pub path: String,
    /// What is wrong or what happened.
    pub message: String,
}

/// An item of a FIM import report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportNote {
    /// The FIM element, `id version`.
    pub element: String,
    /// Stable code, e.g. `code_list_missing`.
    pub code: String,
    /// Publishing is blocked until the editor resolves it.
    pub blocking: bool,
    /// German text for the editor.
    pub message: String,
}

/// Answer to a create or import: the new draft and what the editor must look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormCreated {
    /// The form's id.
    pub id: FormId,
    /// The draft's revision.
    pub revision: u64,
    /// Problems the definition check finds (publishing is refused while there are any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<DefinitionProblem>,
    /// The FIM import report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ImportNote>,
}

/// What changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    /// The older version.
    pub from: u32,
    /// The newer version.
    pub to: u32,
    /// The changes, in form order.
    pub changes: Vec<Change>,
}

/// One change, readable: `subject` names what changed, `details` how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// e.g. `Feld „Fundort“ (fundort)`, `Seite 2 „Kontakt“`, `Formular`.
    pub subject: String,
    /// e.g. `Pflichtangabe: nein → ja`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

/// The kind of a [`Change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Something new.
    Added,
    /// Something gone.
    Removed,
    /// Something different.
    Changed,
}

/// A staff account as admins manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedUser {
    /// The account's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// E-mail address (lower case), used to sign in.
    pub email: String,
    /// What the account may do.
    pub role: StaffRole,
    /// Keys of the departments whose submissions it sees.
    pub departments: Vec<String>,
    /// It cannot sign in.
    pub disabled: bool,
}

/// Command: create an account (admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// E-mail address, used to sign in.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What the account may do.
    pub role: StaffRole,
    /// Department keys of the catalogue.
    pub departments: Vec<String>,
    /// The first password (at least 12 characters); the person changes it.
    pub password: String,
}

/// Command: change an account (admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateUser {
    /// Display name.
    pub name: String,
    /// What the account may do.
    pub role: StaffRole,
    /// Department keys of the catalogue.
    pub departments: Vec<String>,
    /// It cannot sign in (its sessions end).
    pub disabled: bool,
}

/// Command: set a new password for an account (admins), ending its sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPassword {
    /// At least 12 characters.
    pub password: String,
}

/// Command: change one's own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePassword {
    /// The password used now.
    pub current: String,
    /// The new one, at least 12 characters.
    pub new: String,
}
