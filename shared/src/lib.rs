//! Types and rules both sides agree on.
//!
//! `shared` is the only code compiled for the browser (WASM) and for the server. It holds the
//! form-definition model, the one validation function, the wire types of the HTTP API, and
//! localized texts. It performs no I/O: "today" and the user's language are passed in.

#![warn(missing_docs)]

pub mod api;
pub mod catalogue;
pub mod date;
pub mod epc;
pub mod i18n;
pub mod iban;
pub mod id;
pub mod json_schema;
pub mod lint;
pub mod logic;
pub mod pow;
pub mod schema;
pub mod tax_id;
pub mod validation;

pub use date::CalendarDate;
pub use i18n::{Lang, LocalizedText};
pub use id::{FieldKey, FormId, FormSlug, Reference, UploadId};
pub use schema::{ChoiceDisplay, ChoiceOption, Field, FieldKind, FormDefinition, Page, Rule};
pub use validation::{
    AnswerValue, Answers, CompiledForm, DefinitionError, FieldError, FieldErrorKind, TypedValue,
    ValidAnswers,
};
