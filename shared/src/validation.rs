//! The one validation function, run by the browser for instant feedback and by the server as
//! the authority.
//!
//! A definition is first compiled ([`CompiledForm::new`]): that checks it for every mistake an
//! editor can make (with the exact path, e.g. `pages[2].fields[5].rules[0]`), parses its
//! expressions and patterns once, and fixes the order in which conditions are evaluated.
//! [`CompiledForm::validate`] then turns raw answers into [`ValidAnswers`] or a list of
//! [`FieldError`]s in form order. Fields hidden by a condition are never validated and their
//! answers are dropped; computed values are always recomputed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::date::CalendarDate;
use crate::i18n::{Lang, LocalizedText};
use crate::iban::parse_iban;
use crate::id::{FieldKey, UploadId};
use crate::logic::{Decimal, Expr, Scope, Type, Value};
use crate::schema::{Check, Comparison, ComputedDisplay, Field, FieldKind, FormDefinition, Rule};
use crate::tax_id::parse_tax_id;

/// Longest pattern an editor may write; bounds compile time and memory in the browser.
pub const MAX_PATTERN_LEN: usize = 500;
/// Compiled-size limit for one pattern, in bytes (regex-lite's own accounting).
const PATTERN_SIZE_LIMIT: usize = 100_000;
/// Most fields in one form, groups' fields included; bounds validation work.
pub const MAX_FIELDS: usize = 2_000;

/// Raw answers as sent by a client: field key → value. Absent, `null` and empty-text values all
/// mean "not answered".
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<FieldKey, AnswerValue>);

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or replaces) one answer.
    pub fn set(&mut self, key: FieldKey, value: AnswerValue) {
        self.0.insert(key, value);
    }

    /// Removes one answer.
    pub fn remove(&mut self, key: &FieldKey) {
        self.0.remove(key);
    }

    /// The answer for `key`, if any.
    pub fn get(&self, key: &FieldKey) -> Option<&AnswerValue> {
        self.0.get(key)
    }

    /// All answers by key.
    pub fn iter(&self) -> impl Iterator<Item = (&FieldKey, &AnswerValue)> {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<FieldKey, Option<AnswerValue>>::deserialize(deserializer)?;
        Ok(Self(
            raw.into_iter()
                .filter_map(|(key, value)| Some((key, value?)))
                .collect(),
        ))
    }
}

impl FromIterator<(FieldKey, AnswerValue)> for Answers {
    fn from_iter<I: IntoIterator<Item = (FieldKey, AnswerValue)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// One raw answer as JSON carries it. Fractional JSON numbers arrive as text (so decimals keep
/// their digits); `null` inside objects is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A tick box or yes/no.
    Bool(bool),
    /// A number typed as a whole number.
    Integer(i64),
    /// Anything typed as text (numbers, amounts and dates may come as text too).
    Text(String),
    /// Several values: chosen options, files, or the items of a group.
    List(Vec<AnswerValue>),
    /// Named parts: an address, a file reference, or one item of a group.
    Object(BTreeMap<String, AnswerValue>),
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_json(serde_json::Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

fn from_json(value: serde_json::Value) -> Result<AnswerValue, &'static str> {
    Ok(match value {
        serde_json::Value::Null => return Err("null is only allowed as a whole answer"),
        serde_json::Value::Bool(value) => AnswerValue::Bool(value),
        serde_json::Value::Number(number) => number.as_i64().map_or_else(
            || AnswerValue::Text(number.to_string()),
            AnswerValue::Integer,
        ),
        serde_json::Value::String(text) => AnswerValue::Text(text),
        serde_json::Value::Array(items) => {
            AnswerValue::List(items.into_iter().map(from_json).collect::<Result<_, _>>()?)
        }
        serde_json::Value::Object(map) => AnswerValue::Object(
            map.into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| Ok((key, from_json(value)?)))
                .collect::<Result<_, &'static str>>()?,
        ),
    })
}

/// One answer after validation, typed according to its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TypedValue {
    /// Text, e-mail, phone, postal code, IBAN, tax ID, time (`HH:MM`) or chosen option value.
    Text(String),
    /// A whole number, or an amount of money in cents.
    Integer(i64),
    /// A decimal number (written as a string so no digit is lost).
    Decimal(Decimal),
    /// A date.
    Date(CalendarDate),
    /// A tick box or yes/no.
    Bool(bool),
    /// Chosen options of a multiple choice.
    List(Vec<String>),
    /// Uploaded files.
    Files(Vec<FileRef>),
    /// A postal address.
    Address(Address),
    /// The items of a repeatable group.
    Group(Vec<BTreeMap<FieldKey, TypedValue>>),
}

/// A reference to an uploaded file, as a file field's answer carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The upload's id, issued by the server when the file was received.
    pub id: UploadId,
    /// The file name as the citizen's device named it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type, e.g. `application/pdf`.
    pub media_type: String,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street.
    pub street: String,
    /// House number, with suffix (e.g. `12a`).
    pub house_number: String,
    /// Postal code (five digits in Germany).
    pub postal_code: String,
    /// City or municipality.
    pub city: String,
    /// Country, when the form asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// The parts of an address, in display order: (key, German label, English label, autocomplete).
pub const ADDRESS_PARTS: [(&str, &str, &str, &str); 5] = [
    ("street", "Straße", "Street", "address-line1"),
    (
        "house_number",
        "Hausnummer",
        "House number",
        "address-line2",
    ),
    ("postal_code", "Postleitzahl", "Postcode", "postal-code"),
    ("city", "Ort", "Town or city", "address-level2"),
    ("country", "Land", "Country", "country-name"),
];

/// Answers that passed validation against one form version. Only [`CompiledForm::validate`]
/// constructs it, so holding one proves the data is valid; hidden and unknown keys are gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ValidAnswers(BTreeMap<FieldKey, TypedValue>);

impl ValidAnswers {
    /// The typed answer for `key`, if the citizen gave one (or it was computed).
    pub fn get(&self, key: &FieldKey) -> Option<&TypedValue> {
        self.0.get(key)
    }

    /// All answers, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&FieldKey, &TypedValue)> {
        self.0.iter()
    }

    /// An amount in euro cents from the money field `key` (typed money is stored in cents,
    /// computed money as a decimal); `None` if it is unanswered or not whole cents.
    pub fn cents(&self, key: &FieldKey) -> Option<i64> {
        match self.0.get(key)? {
            TypedValue::Integer(cents) => Some(*cents),
            TypedValue::Decimal(amount) => amount.to_cents(),
            _ => None,
        }
    }

    /// Every uploaded file the answers refer to: where it is (`hunde[1].impfpass`), which file
    /// field took it (`hunde.impfpass`, as the upload endpoint names fields), and the reference.
    pub fn files(&self) -> Vec<(FieldPath, String, &FileRef)> {
        let mut found = Vec::new();
        for (key, value) in &self.0 {
            match value {
                TypedValue::Files(files) => {
                    found.extend(
                        files
                            .iter()
                            .map(|file| (FieldPath::field(key), key.to_string(), file)),
                    );
                }
                TypedValue::Group(items) => {
                    for (index, item) in items.iter().enumerate() {
                        for (child, value) in item {
                            if let TypedValue::Files(files) = value {
                                let path = FieldPath::field(key).item(index, child);
                                found.extend(
                                    files
                                        .iter()
                                        .map(|file| (path.clone(), format!("{key}.{child}"), file)),
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// Where an error is: a field key, an item of a group (`personen[1].vorname`) or a part of a
/// composite field (`anschrift.postal_code`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldPath(String);

impl FieldPath {
    /// The path of a top-level field.
    pub fn field(key: &FieldKey) -> Self {
        Self(key.as_str().to_owned())
    }

    /// The path of `key` inside item `index` of this group.
    pub fn item(&self, index: usize, key: &FieldKey) -> Self {
        Self(format!("{}[{index}].{key}", self.0))
    }

    /// The path of a named part of this composite field.
    pub fn part(&self, part: &str) -> Self {
        Self(format!("{}.{part}", self.0))
    }

    /// The text form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The top-level field key this path starts with.
    pub fn root(&self) -> &str {
        self.0.split(['.', '[']).next().unwrap_or_default()
    }
}

impl From<&str> for FieldPath {
    /// A path as text (`hunde[1].impfpass`); it names a field only if the form has one there.
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A problem with one answer, as shown to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FieldErrorWire")]
pub struct FieldError {
    /// Where the problem is.
    pub field: FieldPath,
    /// What is wrong; serialised as a stable `code` plus its parameters.
    #[serde(flatten)]
    pub kind: FieldErrorKind,
    /// The message for the citizen, in German and English (and Leichte Sprache where written).
    pub message: LocalizedText,
}

/// The flat wire form of a [`FieldError`] (`field`, `code`, parameters, `message`), read by
/// the browser from a 422 body. Deserialising through it, instead of deriving `Deserialize` for
/// an internally tagged enum behind `#[serde(flatten)]`, keeps about 35 KB of generated code out
/// of the citizen bundle. `field_errors_round_trip` proves it reads what `Serialize` writes.
#[derive(Deserialize)]
struct FieldErrorWire {
    field: FieldPath,
    code: String,
    message: LocalizedText,
    #[serde(default)]
    min: Option<serde_json::Value>,
    #[serde(default)]
    max: Option<serde_json::Value>,
    #[serde(default)]
    op: Option<Comparison>,
    #[serde(default)]
    other: Option<FieldKey>,
    #[serde(default)]
    max_bytes: Option<u64>,
}

impl TryFrom<FieldErrorWire> for FieldError {
    type Error = String;

    fn try_from(wire: FieldErrorWire) -> Result<Self, Self::Error> {
        fn param<T: serde::de::DeserializeOwned>(
            value: Option<serde_json::Value>,
            name: &str,
        ) -> Result<T, String> {
            let value = value.ok_or_else(|| format!("missing `{name}`"))?;
            serde_json::from_value(value).map_err(|error| format!("`{name}`: {error}"))
        }
        let FieldErrorWire {
            field,
            code,
            message,
            min,
            max,
            op,
            other,
            max_bytes,
        } = wire;
        let kind = match code.as_str() {
            "required" => FieldErrorKind::Required,
            "too_short" => FieldErrorKind::TooShort {
                min: param(min, "min")?,
            },
            "too_long" => FieldErrorKind::TooLong {
                max: param(max, "max")?,
            },
            "pattern_mismatch" => FieldErrorKind::PatternMismatch,
            "invalid_email" => FieldErrorKind::InvalidEmail,
            "invalid_phone" => FieldErrorKind::InvalidPhone,
            "invalid_date" => FieldErrorKind::InvalidDate,
            "date_in_future" => FieldErrorKind::DateInFuture,
            "date_too_early" => FieldErrorKind::DateTooEarly {
                min: param(min, "min")?,
            },
            "date_too_late" => FieldErrorKind::DateTooLate {
                max: param(max, "max")?,
            },
            "invalid_time" => FieldErrorKind::InvalidTime,
            "not_a_whole_number" => FieldErrorKind::NotAWholeNumber,
            "not_a_number" => FieldErrorKind::NotANumber,
            "too_many_decimals" => FieldErrorKind::TooManyDecimals {
                max: param(max, "max")?,
            },
            "invalid_amount" => FieldErrorKind::InvalidAmount,
            "too_small" => FieldErrorKind::TooSmall {
                min: param(min, "min")?,
            },
            "too_large" => FieldErrorKind::TooLarge {
                max: param(max, "max")?,
            },
            "invalid_postal_code" => FieldErrorKind::InvalidPostalCode,
            "invalid_iban" => FieldErrorKind::InvalidIban,
            "invalid_tax_id" => FieldErrorKind::InvalidTaxId,
            "not_an_option" => FieldErrorKind::NotAnOption,
            "too_few_selections" => FieldErrorKind::TooFewSelections {
                min: param(min, "min")?,
            },
            "too_many_selections" => FieldErrorKind::TooManySelections {
                max: param(max, "max")?,
            },
            "comparison_failed" => FieldErrorKind::ComparisonFailed {
                op: op.ok_or("missing `op`")?,
                other: other.ok_or("missing `other`")?,
            },
            "file_type_not_allowed" => FieldErrorKind::FileTypeNotAllowed,
            "file_too_large" => FieldErrorKind::FileTooLarge {
                max_bytes: max_bytes.ok_or("missing `max_bytes`")?,
            },
            "upload_not_found" => FieldErrorKind::UploadNotFound,
            "upload_in_progress" => FieldErrorKind::UploadInProgress,
            "too_many_files" => FieldErrorKind::TooManyFiles {
                max: param(max, "max")?,
            },
            "too_few_items" => FieldErrorKind::TooFewItems {
                min: param(min, "min")?,
            },
            "too_many_items" => FieldErrorKind::TooManyItems {
                max: param(max, "max")?,
            },
            "wrong_type" => FieldErrorKind::WrongType,
            _ => return Err(format!("unknown field error code `{code}`")),
        };
        Ok(Self {
            field,
            kind,
            message,
        })
    }
}

/// What is wrong with an answer. The `code` of each variant is stable API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldErrorKind {
    /// A required answer is missing (or a required box is not ticked).
    #[error("required")]
    Required,
    /// Text shorter than allowed.
    #[error("too short (min {min})")]
    TooShort {
        /// The minimum number of characters.
        min: usize,
    },
    /// Text longer than allowed.
    #[error("too long (max {max})")]
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
    /// Text does not match the field's pattern.
    #[error("does not match the pattern")]
    PatternMismatch,
    /// Not an e-mail address.
    #[error("not an e-mail address")]
    InvalidEmail,
    /// Not a telephone number.
    #[error("not a telephone number")]
    InvalidPhone,
    /// Not a date, or a day that does not exist.
    #[error("not a date")]
    InvalidDate,
    /// A date after today where that is not allowed.
    #[error("date in the future")]
    DateInFuture,
    /// A date before the earliest allowed.
    #[error("date before {min}")]
    DateTooEarly {
        /// The earliest allowed date.
        min: CalendarDate,
    },
    /// A date after the latest allowed.
    #[error("date after {max}")]
    DateTooLate {
        /// The latest allowed date.
        max: CalendarDate,
    },
    /// Not a time of day.
    #[error("not a time")]
    InvalidTime,
    /// Not a whole number.
    #[error("not a whole number")]
    NotAWholeNumber,
    /// Not a number.
    #[error("not a number")]
    NotANumber,
    /// More digits after the comma than allowed.
    #[error("too many decimals (max {max})")]
    TooManyDecimals {
        /// Digits allowed after the comma.
        max: u8,
    },
    /// Not an amount of money.
    #[error("not an amount")]
    InvalidAmount,
    /// A number below the minimum.
    #[error("too small (min {min})")]
    TooSmall {
        /// The smallest allowed value.
        min: Decimal,
    },
    /// A number above the maximum.
    #[error("too large (max {max})")]
    TooLarge {
        /// The largest allowed value.
        max: Decimal,
    },
    /// Not a German postal code.
    #[error("not a postal code")]
    InvalidPostalCode,
    /// Not a valid IBAN.
    #[error("not an IBAN")]
    InvalidIban,
    /// Not a valid tax identification number.
    #[error("not a tax ID")]
    InvalidTaxId,
    /// A value that is not one of the offered options.
    #[error("not an offered option")]
    NotAnOption,
    /// Fewer options chosen than required.
    #[error("too few selections (min {min})")]
    TooFewSelections {
        /// Fewest selections.
        min: usize,
    },
    /// More options chosen than allowed.
    #[error("too many selections (max {max})")]
    TooManySelections {
        /// Most selections.
        max: usize,
    },
    /// The answer does not compare as required with another field's answer.
    #[error("does not compare {op:?} with {other}")]
    ComparisonFailed {
        /// How it must compare.
        op: Comparison,
        /// The other field.
        other: FieldKey,
    },
    /// A file of a type that is not allowed.
    #[error("file type not allowed")]
    FileTypeNotAllowed,
    /// A file larger than allowed.
    #[error("file too large (max {max_bytes} bytes)")]
    FileTooLarge {
        /// The largest allowed size in bytes.
        max_bytes: u64,
    },
    /// The answer names an upload the server does not have for this field (never uploaded,
    /// deleted as abandoned, or already part of another submission).
    #[error("upload not found")]
    UploadNotFound,
    /// The browser is still uploading a file for this field (never sent by the server).
    #[error("upload in progress")]
    UploadInProgress,
    /// More files than allowed.
    #[error("too many files (max {max})")]
    TooManyFiles {
        /// Most files.
        max: usize,
    },
    /// Fewer group items than required.
    #[error("too few items (min {min})")]
    TooFewItems {
        /// Fewest items.
        min: usize,
    },
    /// More group items than allowed.
    #[error("too many items (max {max})")]
    TooManyItems {
        /// Most items.
        max: usize,
    },
    /// A value of the wrong JSON type for the field, e.g. `true` for a text field.
    #[error("wrong type of value")]
    WrongType,
}

/// A mistake in a form definition, found when it is compiled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct DefinitionError {
    /// Where the mistake is, e.g. `pages[1].fields[0].rules[2]`.
    pub path: String,
    /// What is wrong, in German (the language of the editors' UI and of the logs).
    pub problem: String,
}

/// A definition checked and prepared for validation; build once per form version and reuse.
#[derive(Debug, Clone)]
pub struct CompiledForm {
    definition: FormDefinition,
    fields: Vec<CompiledField>,
    /// Page index of each top-level field.
    field_pages: Vec<usize>,
    page_conditions: Vec<Option<Expr>>,
    /// Top-level field positions in the order their conditions can be evaluated.
    order: Vec<usize>,
}

#[derive(Debug, Clone)]
struct CompiledField {
    field: Field,
    patterns: Vec<Option<regex_lite::Regex>>,
    visible_if: Option<Expr>,
    required_if: Option<Expr>,
    computed: Option<Expr>,
    /// For groups: the item's fields and their evaluation order.
    children: Vec<CompiledField>,
    child_order: Vec<usize>,
    /// Per rule: the label of the field a `compare_field` rule compares with, for its message.
    compare_labels: Vec<Option<LocalizedText>>,
}

/// Field labels by key, for the messages of cross-field rules: a group item's own fields first,
/// then the form's (the same lookup as the logic's scopes).
struct Labels<'a> {
    inner: HashMap<&'a str, &'a LocalizedText>,
    outer: Option<&'a Labels<'a>>,
}

impl Labels<'_> {
    fn get(&self, key: &str) -> Option<&LocalizedText> {
        self.inner
            .get(key)
            .copied()
            .or_else(|| self.outer.and_then(|outer| outer.get(key)))
    }
}

/// The logic type of a field's answer, or `None` for content that has none.
fn field_type(kind: &FieldKind) -> Option<Type> {
    Some(match kind {
        FieldKind::Text
        | FieldKind::TextArea
        | FieldKind::Email
        | FieldKind::Phone
        | FieldKind::Time
        | FieldKind::PostalCode
        | FieldKind::Iban
        | FieldKind::TaxId
        | FieldKind::Choice { .. }
        | FieldKind::Address { .. } => Type::Text,
        FieldKind::Integer
        | FieldKind::Decimal { .. }
        | FieldKind::Money
        | FieldKind::Group { .. } => Type::Number,
        FieldKind::Date => Type::Date,
        FieldKind::YesNo | FieldKind::Checkbox => Type::Bool,
        FieldKind::MultipleChoice { .. } | FieldKind::File { .. } => Type::List,
        FieldKind::Computed { display, .. } => match display {
            ComputedDisplay::Number | ComputedDisplay::Money => Type::Number,
            ComputedDisplay::Text => Type::Text,
            ComputedDisplay::YesNo => Type::Bool,
        },
        FieldKind::Content { .. } => return None,
    })
}

/// Field types visible to expressions: the fields of the current level, then the outer level.
struct TypeScope<'a> {
    inner: HashMap<String, Type>,
    outer: Option<&'a TypeScope<'a>>,
}

impl Scope for TypeScope<'_> {
    fn field_type(&self, key: &str) -> Option<Type> {
        self.inner
            .get(key)
            .copied()
            .or_else(|| self.outer.and_then(|outer| outer.field_type(key)))
    }

    fn value(&self, _key: &str) -> Value {
        Value::Empty
    }
}

/// Field values visible to expressions while validating.
struct ValueScope<'a> {
    inner: &'a HashMap<&'a str, Value>,
    outer: Option<&'a ValueScope<'a>>,
}

impl Scope for ValueScope<'_> {
    fn field_type(&self, _key: &str) -> Option<Type> {
        None
    }

    fn value(&self, key: &str) -> Value {
        match self.inner.get(key) {
            Some(value) => value.clone(),
            None => self.outer.map_or(Value::Empty, |outer| outer.value(key)),
        }
    }
}

/// Collects definition errors.
struct Problems(Vec<DefinitionError>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, problem: impl Into<String>) {
        self.0.push(DefinitionError {
            path: path.into(),
            problem: problem.into(),
        });
    }
}

impl CompiledForm {
    /// Checks `definition` and prepares it. Reports every mistake with its path.
    pub fn new(definition: FormDefinition) -> Result<Self, Vec<DefinitionError>> {
        let mut problems = Problems(Vec::new());
        if definition.title.de.trim().is_empty() {
            problems.add("title", "Der deutsche Titel fehlt");
        }
        if definition.pages.is_empty() {
            problems.add("pages", "Ein Formular braucht mindestens eine Seite");
        }
        let mut field_count = 0;
        let mut fields = Vec::new();
        let mut field_pages = Vec::new();
        let mut paths = Vec::new();
        for (page_index, page) in definition.pages.iter().enumerate() {
            if page.fields.is_empty() {
                problems.add(
                    format!("pages[{page_index}].fields"),
                    "Eine Seite braucht mindestens ein Feld",
                );
            }
            for (field_index, field) in page.fields.iter().enumerate() {
                let path = format!("pages[{page_index}].fields[{field_index}]");
                fields.push(compile_field(field, &path, &mut problems, &mut field_count));
                field_pages.push(page_index);
                paths.push(path);
            }
        }
        if field_count > MAX_FIELDS {
            problems.add(
                "pages",
                format!("Ein Formular darf höchstens {MAX_FIELDS} Felder haben"),
            );
        }
        check_unique_keys(&fields, &paths, &mut problems);
        if let Some(payment) = &definition.payment {
            let money = fields.iter().any(|compiled| {
                compiled.field.key == payment.amount_field
                    && matches!(
                        compiled.field.kind,
                        FieldKind::Money
                            | FieldKind::Computed {
                                display: ComputedDisplay::Money,
                                ..
                            }
                    )
            });
            if !money {
                problems.add(
                    "payment.amount_field",
                    format!(
                        "Es gibt kein Geldbetrag-Feld „{}“ auf oberster Ebene für die Gebühr",
                        payment.amount_field
                    ),
                );
            }
            if payment.purpose.de.trim().is_empty() {
                problems.add("payment.purpose", "Der deutsche Verwendungszweck fehlt");
            }
        }

        if let Some(key) = &definition.confirmation_email_field {
            let email = fields.iter().any(|compiled| {
                compiled.field.key == *key && matches!(compiled.field.kind, FieldKind::Email)
            });
            if !email {
                problems.add(
                    "confirmation_email_field",
                    format!(
                        "Es gibt kein E-Mail-Feld „{key}“ auf oberster Ebene für die Bestätigung"
                    ),
                );
            }
        }

        // Types of the top-level fields, for checking expressions.
        let scope = TypeScope {
            inner: types_of(&fields),
            outer: None,
        };
        let mut page_conditions = Vec::new();
        for (page_index, page) in definition.pages.iter().enumerate() {
            let path = format!("pages[{page_index}].visible_if");
            let condition = page.visible_if.as_ref().and_then(|source| {
                let expr = parse_condition(&source.0, &path, &scope, &mut problems)?;
                let earlier: HashSet<&str> = fields
                    .iter()
                    .zip(&field_pages)
                    .filter(|(_, page)| **page < page_index)
                    .map(|(field, _)| field.field.key.as_str())
                    .collect();
                for key in expr.references() {
                    if !earlier.contains(key) {
                        problems.add(
                            &path,
                            format!(
                                "Eine Seite kann nur von Feldern früherer Seiten abhängen, nicht von „{key}“"
                            ),
                        );
                    }
                }
                if expr.references().is_empty()
                    && !expr
                        .evaluate(&scope, CalendarDate::from_days_since_epoch(0))
                        .is_true()
                {
                    problems.add(&path, "Die Seite wird nie angezeigt");
                }
                Some(expr)
            });
            page_conditions.push(condition);
        }
        check_expressions(&mut fields, &paths, &scope, None, &mut problems);
        let order = match evaluation_order(&fields, |index| {
            page_conditions[field_pages[index]]
                .as_ref()
                .map(|expr| expr.references().into_iter().map(str::to_owned).collect())
                .unwrap_or_default()
        }) {
            Ok(order) => order,
            Err(cycle) => {
                problems.add(
                    &paths[cycle],
                    "Die Bedingungen oder die Berechnung hängen von sich selbst ab (ein Kreis)",
                );
                Vec::new()
            }
        };
        if problems.0.is_empty() {
            Ok(Self {
                definition,
                fields,
                field_pages,
                page_conditions,
                order,
            })
        } else {
            Err(problems.0)
        }
    }

    /// The definition this was compiled from.
    pub fn definition(&self) -> &FormDefinition {
        &self.definition
    }

    /// Validates all answers. `today` is the current date in the city's time zone (server) or
    /// on the device (browser). Answers to unknown or hidden fields are dropped.
    pub fn validate(
        &self,
        answers: &Answers,
        today: CalendarDate,
    ) -> Result<ValidAnswers, Vec<FieldError>> {
        let outcome = self.evaluate(answers, today, false);
        if outcome.errors.is_empty() {
            Ok(ValidAnswers(outcome.valid))
        } else {
            Err(outcome.errors)
        }
    }

    /// Validates the answers to the visible fields of one page only, for the "continue" button.
    pub fn validate_page(
        &self,
        page_index: usize,
        answers: &Answers,
        today: CalendarDate,
    ) -> Vec<FieldError> {
        let outcome = self.evaluate(answers, today, false);
        outcome
            .errors
            .into_iter()
            .filter(|error| self.page_of(error.field.root()) == Some(page_index))
            .collect()
    }

    /// Which fields and pages are visible for these answers, and the computed values; what a
    /// renderer needs to show the form as the citizen fills it in.
    pub fn state(&self, answers: &Answers, today: CalendarDate) -> FormState {
        let outcome = self.evaluate(answers, today, true);
        FormState {
            visible_pages: outcome.visible_pages,
            hidden: outcome.hidden,
            computed: outcome.computed,
            items: outcome.items,
        }
    }

    /// An error found outside the engine (e.g. by the server's check of uploads) at `path`
    /// (`key` or `group[i].key`), with the default message the engine gives there ("Hund 2: …"
    /// inside a group). `None` if the path names no field of this form.
    pub fn error_at(&self, path: &FieldPath, kind: FieldErrorKind) -> Option<FieldError> {
        let root = path.root();
        let compiled = self
            .fields
            .iter()
            .find(|compiled| compiled.field.key.as_str() == root)?;
        let rest = &path.as_str()[root.len()..];
        if rest.is_empty() {
            return Some(error_for(path.clone(), &compiled.field, kind, None));
        }
        let (index, child) = rest.strip_prefix('[')?.split_once("].")?;
        let index: usize = index.parse().ok()?;
        let child = compiled
            .children
            .iter()
            .find(|child_field| child_field.field.key.as_str() == child)?;
        let error = error_for(path.clone(), &child.field, kind, None);
        let message = compiled.name_item(index, &error.message);
        Some(FieldError { message, ..error })
    }

    fn page_of(&self, key: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|field| field.field.key.as_str() == key)
            .map(|position| self.field_pages[position])
    }

    /// Evaluates the whole form; `with_items` also collects the per-item states of groups,
    /// which only a renderer needs (it evaluates each item a second time).
    fn evaluate(&self, answers: &Answers, today: CalendarDate, with_items: bool) -> Outcome {
        let mut values: HashMap<&str, Value> = HashMap::new();
        let mut items = BTreeMap::new();
        let mut valid = BTreeMap::new();
        let mut errors: Vec<(usize, FieldError)> = Vec::new();
        let mut hidden = HashSet::new();
        let mut computed = BTreeMap::new();
        let mut page_visible: Vec<Option<bool>> = vec![None; self.page_conditions.len()];
        for &position in &self.order {
            let compiled = &self.fields[position];
            let key = compiled.field.key.as_str();
            let page = self.field_pages[position];
            let scope = ValueScope {
                inner: &values,
                outer: None,
            };
            let page_shown = *page_visible[page].get_or_insert_with(|| {
                self.page_conditions[page]
                    .as_ref()
                    .is_none_or(|expr| expr.evaluate(&scope, today).is_true())
            });
            let shown = page_shown
                && compiled
                    .visible_if
                    .as_ref()
                    .is_none_or(|expr| expr.evaluate(&scope, today).is_true());
            if !shown {
                hidden.insert(compiled.field.key.clone());
                continue;
            }
            let path = FieldPath::field(&compiled.field.key);
            let mut field_errors = Vec::new();
            let value = compiled.validate(
                &path,
                answers.get(&compiled.field.key),
                &scope,
                today,
                &mut field_errors,
            );
            if let (Some(value), FieldKind::Computed { .. }) = (&value, &compiled.field.kind) {
                computed.insert(compiled.field.key.clone(), value.clone());
            }
            if with_items && !compiled.children.is_empty() {
                let states = compiled.item_states(answers.get(&compiled.field.key), &scope, today);
                items.insert(compiled.field.key.clone(), states);
            }
            if field_errors.is_empty() {
                if let Some(value) = value {
                    values.insert(key, logic_value(&value));
                    valid.insert(compiled.field.key.clone(), value);
                }
            } else {
                errors.extend(field_errors.into_iter().map(|error| (position, error)));
            }
        }
        // Report in the order the citizen sees the fields, not the evaluation order.
        errors.sort_by_key(|(position, _)| *position);
        let visible_pages = (0..self.page_conditions.len())
            .map(|page| {
                let shown = page_visible[page].unwrap_or_else(|| {
                    let scope = ValueScope {
                        inner: &values,
                        outer: None,
                    };
                    self.page_conditions[page]
                        .as_ref()
                        .is_none_or(|expr| expr.evaluate(&scope, today).is_true())
                });
                // A page whose every question is hidden has nothing to ask; a page of content
                // only is shown as it is.
                let mut questions = self
                    .fields
                    .iter()
                    .zip(&self.field_pages)
                    .filter(|(compiled, on)| **on == page && compiled.field.kind.takes_input())
                    .peekable();
                let asks = questions.peek().is_some();
                shown
                    && (!asks
                        || questions.any(|(compiled, _)| !hidden.contains(&compiled.field.key)))
            })
            .collect();
        Outcome {
            valid,
            errors: errors.into_iter().map(|(_, error)| error).collect(),
            visible_pages,
            hidden,
            computed,
            items,
        }
    }
}

/// What a renderer needs to know about the current answers.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// For each page, whether it is shown: its condition holds and it asks at least one
    /// question that is not hidden (or it has content only).
    pub visible_pages: Vec<bool>,
    /// Top-level fields hidden by a condition (or on a hidden page).
    pub hidden: HashSet<FieldKey>,
    /// Computed values of visible computed fields.
    pub computed: BTreeMap<FieldKey, TypedValue>,
    /// Per visible repeatable group, one state per item, in item order.
    pub items: BTreeMap<FieldKey, Vec<ItemState>>,
}

/// What a renderer needs to know about one item of a repeatable group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    /// Children hidden by their condition in this item.
    pub hidden: HashSet<FieldKey>,
    /// Computed values of this item's visible computed children.
    pub computed: BTreeMap<FieldKey, TypedValue>,
}

#[derive(Default)]
struct ItemOutcome {
    valid: BTreeMap<FieldKey, TypedValue>,
    errors: Vec<FieldError>,
    hidden: HashSet<FieldKey>,
    computed: BTreeMap<FieldKey, TypedValue>,
}

struct Outcome {
    valid: BTreeMap<FieldKey, TypedValue>,
    errors: Vec<FieldError>,
    visible_pages: Vec<bool>,
    hidden: HashSet<FieldKey>,
    computed: BTreeMap<FieldKey, TypedValue>,
    items: BTreeMap<FieldKey, Vec<ItemState>>,
}

fn compile_field(
    field: &Field,
    path: &str,
    problems: &mut Problems,
    count: &mut usize,
) -> CompiledField {
    *count += 1;
    if field.label.de.trim().is_empty() && !matches!(field.kind, FieldKind::Content { .. }) {
        problems.add(format!("{path}.label"), "Die deutsche Beschriftung fehlt");
    }
    match &field.kind {
        FieldKind::Choice { options, .. } | FieldKind::MultipleChoice { options, .. } => {
            if options.is_empty() {
                problems.add(
                    format!("{path}.options"),
                    "Eine Auswahl braucht mindestens eine Möglichkeit",
                );
            }
            let mut values = HashSet::new();
            for (index, option) in options.iter().enumerate() {
                if option.value.is_empty() || !values.insert(&option.value) {
                    problems.add(
                        format!("{path}.options[{index}].value"),
                        "Die Werte der Möglichkeiten müssen ausgefüllt und verschieden sein",
                    );
                }
                if option.label.de.trim().is_empty() {
                    problems.add(
                        format!("{path}.options[{index}].label"),
                        "Die deutsche Beschriftung fehlt",
                    );
                }
            }
            if let FieldKind::MultipleChoice {
                min_selections,
                max_selections,
                ..
            } = &field.kind
            {
                if let (Some(min), Some(max)) = (min_selections, max_selections)
                    && min > max
                {
                    problems.add(
                        path,
                        "Die Mindestzahl der Auswahlen ist größer als die Höchstzahl",
                    );
                }
                if max_selections.is_some_and(|max| max == 0 || max > options.len()) {
                    problems.add(
                        path,
                        "Die Höchstzahl der Auswahlen muss zwischen 1 und der Zahl der Möglichkeiten liegen",
                    );
                }
            }
        }
        FieldKind::Decimal { decimals } if *decimals > 6 => {
            problems.add(
                format!("{path}.decimals"),
                "Höchstens 6 Nachkommastellen sind möglich",
            );
        }
        FieldKind::File {
            max_size_bytes,
            max_count,
            ..
        } if *max_size_bytes == 0 || *max_count == 0 => {
            problems.add(
                path,
                "Größte Datei und Höchstzahl der Dateien müssen mindestens 1 sein",
            );
        }
        FieldKind::Group {
            min_items,
            max_items,
            fields,
        } => {
            if min_items > max_items || *max_items == 0 {
                problems.add(
                    path,
                    "Die Mindestzahl der Einträge darf die Höchstzahl nicht übersteigen, und die Höchstzahl muss mindestens 1 sein",
                );
            }
            if fields.is_empty() {
                problems.add(
                    format!("{path}.fields"),
                    "Eine Gruppe braucht mindestens ein Feld",
                );
            }
        }
        _ => {}
    }
    if field.required && !field.kind.takes_input() {
        problems.add(
            format!("{path}.required"),
            "Text-Bausteine und berechnete Werte können keine Pflichtangabe sein",
        );
    }
    let mut patterns = Vec::new();
    for (index, rule) in field.rules.iter().enumerate() {
        let rule_path = format!("{path}.rules[{index}]");
        if let Err(problem) = check_rule_fits(&field.kind, &rule.check) {
            problems.add(&rule_path, problem);
        }
        patterns.push(match &rule.check {
            Check::Pattern { pattern } => match compile_pattern(pattern) {
                Ok(regex) => Some(regex),
                Err(problem) => {
                    problems.add(&rule_path, problem);
                    None
                }
            },
            _ => None,
        });
    }
    check_bounds(&field.rules, path, problems);
    let children: Vec<CompiledField> = match &field.kind {
        FieldKind::Group { fields, .. } => fields
            .iter()
            .enumerate()
            .map(|(index, child)| {
                let child_path = format!("{path}.fields[{index}]");
                if matches!(child.kind, FieldKind::Group { .. }) {
                    problems.add(&child_path, "Gruppen können keine Gruppen enthalten");
                }
                compile_field(child, &child_path, problems, count)
            })
            .collect(),
        _ => Vec::new(),
    };
    CompiledField {
        field: field.clone(),
        patterns,
        visible_if: None,
        required_if: None,
        computed: None,
        children,
        child_order: Vec::new(),
        compare_labels: Vec::new(),
    }
}

fn check_unique_keys(fields: &[CompiledField], paths: &[String], problems: &mut Problems) {
    let mut seen = HashSet::new();
    for (field, path) in fields.iter().zip(paths) {
        if !seen.insert(field.field.key.as_str()) {
            problems.add(
                format!("{path}.key"),
                format!("Der Schlüssel „{}“ kommt zweimal vor", field.field.key),
            );
        }
        let child_paths: Vec<String> = (0..field.children.len())
            .map(|index| format!("{path}.fields[{index}]"))
            .collect();
        check_unique_keys(&field.children, &child_paths, problems);
    }
}

fn types_of(fields: &[CompiledField]) -> HashMap<String, Type> {
    fields
        .iter()
        .filter_map(|field| {
            Some((
                field.field.key.as_str().to_owned(),
                field_type(&field.field.kind)?,
            ))
        })
        .collect()
}

/// Parses and type-checks the expressions of `fields` (and of group items, recursively), and
/// checks that compared fields exist with a comparable type.
fn check_expressions(
    fields: &mut [CompiledField],
    paths: &[String],
    scope: &TypeScope<'_>,
    labels: Option<&Labels<'_>>,
    problems: &mut Problems,
) {
    let owned: Vec<(String, LocalizedText)> = fields
        .iter()
        .map(|compiled| (compiled.field.key.to_string(), compiled.field.label.clone()))
        .collect();
    let labels = Labels {
        inner: owned
            .iter()
            .map(|(key, label)| (key.as_str(), label))
            .collect(),
        outer: labels,
    };
    for (compiled, path) in fields.iter_mut().zip(paths) {
        let field = &compiled.field;
        compiled.compare_labels = field
            .rules
            .iter()
            .map(|rule| match &rule.check {
                Check::CompareField { field: other, .. } => labels.get(other.as_str()).cloned(),
                _ => None,
            })
            .collect();
        compiled.visible_if = field.visible_if.as_ref().and_then(|source| {
            parse_condition(&source.0, &format!("{path}.visible_if"), scope, problems)
        });
        compiled.required_if = field.required_if.as_ref().and_then(|source| {
            parse_condition(&source.0, &format!("{path}.required_if"), scope, problems)
        });
        if let FieldKind::Computed {
            expression,
            display,
        } = &field.kind
        {
            let expression_path = format!("{path}.expression");
            compiled.computed = parse_expression(&expression.0, &expression_path, scope, problems)
                .and_then(|(expr, found)| {
                    let expected = field_type(&field.kind).unwrap_or(Type::Number);
                    if found == expected {
                        Some(expr)
                    } else {
                        problems.add(
                            &expression_path,
                            format!(
                                "Die Berechnung ergibt {found}, das Feld zeigt aber {display:?}"
                            ),
                        );
                        None
                    }
                });
        }
        let own_type = field_type(&field.kind);
        for (index, rule) in field.rules.iter().enumerate() {
            if let Check::CompareField { field: other, .. } = &rule.check {
                let other_type = scope.field_type(other.as_str());
                if other_type.is_none() {
                    problems.add(
                        format!("{path}.rules[{index}].field"),
                        format!("Es gibt kein Feld „{other}“"),
                    );
                } else if other_type != own_type || other == &field.key {
                    problems.add(
                        format!("{path}.rules[{index}].field"),
                        format!("„{other}“ lässt sich nicht mit diesem Feld vergleichen"),
                    );
                }
            }
        }
        if !compiled.children.is_empty() {
            let child_paths: Vec<String> = (0..compiled.children.len())
                .map(|index| format!("{path}.fields[{index}]"))
                .collect();
            let inner = TypeScope {
                inner: types_of(&compiled.children),
                outer: Some(scope),
            };
            check_expressions(
                &mut compiled.children,
                &child_paths,
                &inner,
                Some(&labels),
                problems,
            );
            match evaluation_order(&compiled.children, |_| Vec::new()) {
                Ok(order) => compiled.child_order = order,
                Err(cycle) => problems.add(
                    &child_paths[cycle],
                    "Die Bedingungen oder die Berechnung hängen von sich selbst ab (ein Kreis)",
                ),
            }
        }
    }
}

fn parse_expression(
    source: &str,
    path: &str,
    scope: &TypeScope<'_>,
    problems: &mut Problems,
) -> Option<(Expr, Type)> {
    let parsed = Expr::parse(source).and_then(|expr| expr.check(scope).map(|found| (expr, found)));
    match parsed {
        Ok(result) => Some(result),
        Err(error) => {
            problems.add(
                path,
                format!("{} (bei Zeichen {})", error.message, error.position + 1),
            );
            None
        }
    }
}

fn parse_condition(
    source: &str,
    path: &str,
    scope: &TypeScope<'_>,
    problems: &mut Problems,
) -> Option<Expr> {
    let (expr, found) = parse_expression(source, path, scope, problems)?;
    if found == Type::Bool {
        Some(expr)
    } else {
        problems.add(
            path,
            format!("Eine Bedingung muss ja/nein ergeben, nicht {found}"),
        );
        None
    }
}

/// An order of `fields` in which every field comes after the fields its conditions,
/// calculation and comparisons read (ties in form order). `Err(position)` names a field on a
/// cycle.
fn evaluation_order(
    fields: &[CompiledField],
    extra: impl Fn(usize) -> Vec<String>,
) -> Result<Vec<usize>, usize> {
    let index: HashMap<&str, usize> = fields
        .iter()
        .enumerate()
        .map(|(position, field)| (field.field.key.as_str(), position))
        .collect();
    let dependencies: Vec<Vec<usize>> = fields
        .iter()
        .enumerate()
        .map(|(position, field)| {
            let mut keys: Vec<String> = [&field.visible_if, &field.required_if, &field.computed]
                .into_iter()
                .flatten()
                .flat_map(|expr| expr.references().into_iter().map(str::to_owned))
                .collect();
            keys.extend(
                field
                    .field
                    .rules
                    .iter()
                    .filter_map(|rule| match &rule.check {
                        Check::CompareField { field, .. } => Some(field.as_str().to_owned()),
                        _ => None,
                    }),
            );
            keys.extend(extra(position));
            // Conditions inside a group item can read top-level fields too.
            for child in &field.children {
                keys.extend(
                    [&child.visible_if, &child.required_if, &child.computed]
                        .into_iter()
                        .flatten()
                        .flat_map(|expr| expr.references().into_iter().map(str::to_owned)),
                );
            }
            keys.iter()
                .filter_map(|key| index.get(key.as_str()).copied())
                .collect()
        })
        .collect();
    let mut order = Vec::with_capacity(fields.len());
    let mut done = vec![false; fields.len()];
    while order.len() < fields.len() {
        let next = (0..fields.len()).find(|&position| {
            !done[position]
                && dependencies[position]
                    .iter()
                    .all(|&dependency| done[dependency])
        });
        match next {
            Some(position) => {
                done[position] = true;
                order.push(position);
            }
            None => {
                return Err((0..fields.len())
                    .find(|&position| !done[position])
                    .unwrap_or(0));
            }
        }
    }
    Ok(order)
}

impl CompiledField {
    /// Validates one field's answer; problems go into `errors`. Returns the typed value when the
    /// field has one (`None`: not answered, and that is fine, or content).
    fn validate(
        &self,
        path: &FieldPath,
        answer: Option<&AnswerValue>,
        scope: &ValueScope<'_>,
        today: CalendarDate,
        errors: &mut Vec<FieldError>,
    ) -> Option<TypedValue> {
        let field = &self.field;
        let required = field.required
            || self
                .required_if
                .as_ref()
                .is_some_and(|expr| expr.evaluate(scope, today).is_true());
        let mut fail =
            |kind: FieldErrorKind| errors.push(error_for(path.clone(), field, kind, None));
        match &field.kind {
            FieldKind::Content { .. } => None,
            FieldKind::Computed { .. } => self
                .computed
                .as_ref()
                .and_then(|expr| typed_from_logic(expr.evaluate(scope, today))),
            FieldKind::Checkbox => match answer {
                None | Some(AnswerValue::Bool(false)) if required => {
                    fail(FieldErrorKind::Required);
                    None
                }
                None | Some(AnswerValue::Bool(false)) => Some(TypedValue::Bool(false)),
                Some(AnswerValue::Bool(true)) => Some(TypedValue::Bool(true)),
                Some(_) => {
                    fail(FieldErrorKind::WrongType);
                    None
                }
            },
            FieldKind::YesNo => match answer {
                Some(AnswerValue::Bool(value)) => Some(TypedValue::Bool(*value)),
                Some(AnswerValue::Text(text)) if text.trim().is_empty() => {
                    missing(required, &mut fail)
                }
                None => missing(required, &mut fail),
                Some(_) => {
                    fail(FieldErrorKind::WrongType);
                    None
                }
            },
            FieldKind::MultipleChoice {
                options,
                min_selections,
                max_selections,
            } => {
                let chosen = match answer {
                    None => Vec::new(),
                    Some(AnswerValue::List(items)) => {
                        let mut chosen = Vec::new();
                        for item in items {
                            match item {
                                AnswerValue::Text(value)
                                    if options.iter().any(|option| &option.value == value) =>
                                {
                                    if !chosen.contains(value) {
                                        chosen.push(value.clone());
                                    }
                                }
                                AnswerValue::Text(_) => {
                                    fail(FieldErrorKind::NotAnOption);
                                    return None;
                                }
                                _ => {
                                    fail(FieldErrorKind::WrongType);
                                    return None;
                                }
                            }
                        }
                        chosen
                    }
                    Some(_) => {
                        fail(FieldErrorKind::WrongType);
                        return None;
                    }
                };
                if chosen.is_empty() {
                    return missing(required, &mut fail);
                }
                if let Some(min) = min_selections.filter(|min| chosen.len() < *min) {
                    fail(FieldErrorKind::TooFewSelections { min });
                    return None;
                }
                if let Some(max) = max_selections.filter(|max| chosen.len() > *max) {
                    fail(FieldErrorKind::TooManySelections { max });
                    return None;
                }
                // Keep the offered order, whatever order the client sent.
                Some(TypedValue::List(
                    options
                        .iter()
                        .filter(|option| chosen.contains(&option.value))
                        .map(|option| option.value.clone())
                        .collect(),
                ))
            }
            FieldKind::File {
                accept,
                max_size_bytes,
                max_count,
            } => {
                let files: Vec<FileRef> = match answer {
                    None => Vec::new(),
                    Some(AnswerValue::List(items)) => {
                        match items.iter().map(file_ref).collect::<Option<Vec<_>>>() {
                            Some(files) => files,
                            None => {
                                fail(FieldErrorKind::WrongType);
                                return None;
                            }
                        }
                    }
                    Some(_) => {
                        fail(FieldErrorKind::WrongType);
                        return None;
                    }
                };
                if files.is_empty() {
                    return missing(required, &mut fail);
                }
                if files.len() > *max_count {
                    fail(FieldErrorKind::TooManyFiles { max: *max_count });
                    return None;
                }
                for file in &files {
                    if let Err(kind) =
                        check_file(accept, *max_size_bytes, &file.media_type, file.size)
                    {
                        fail(kind);
                        return None;
                    }
                }
                Some(TypedValue::Files(files))
            }
            FieldKind::Address { with_country } => {
                self.validate_address(path, answer, required, *with_country, errors)
            }
            FieldKind::Group { .. } => {
                self.validate_group(path, answer, required, scope, today, errors)
            }
            kind => {
                let text = match answer {
                    None => return missing(required, &mut fail),
                    Some(AnswerValue::Integer(number))
                        if matches!(
                            kind,
                            FieldKind::Integer | FieldKind::Decimal { .. } | FieldKind::Money
                        ) =>
                    {
                        number.to_string()
                    }
                    Some(AnswerValue::Text(text)) => text.trim().to_owned(),
                    Some(_) => {
                        fail(FieldErrorKind::WrongType);
                        return None;
                    }
                };
                if text.is_empty() {
                    return missing(required, &mut fail);
                }
                let max = kind.hard_max_length();
                if text.chars().count() > max {
                    fail(FieldErrorKind::TooLong { max });
                    return None;
                }
                let value = match parse_scalar(kind, &text) {
                    Ok(value) => value,
                    Err(kind) => {
                        fail(kind);
                        return None;
                    }
                };
                for (index, rule) in field.rules.iter().enumerate() {
                    if let Err(kind) = self.check_rule(index, rule, &value, scope, today) {
                        let mut error = error_for(path.clone(), field, kind, rule.message.as_ref());
                        // Name the compared field by its label, not its key.
                        if let (
                            FieldErrorKind::ComparisonFailed { op, .. },
                            None,
                            Some(Some(other)),
                        ) = (&error.kind, &rule.message, self.compare_labels.get(index))
                        {
                            error.message = comparison_message(&field.label, *op, other);
                        }
                        errors.push(error);
                        return None;
                    }
                }
                Some(value)
            }
        }
    }

    fn validate_address(
        &self,
        path: &FieldPath,
        answer: Option<&AnswerValue>,
        required: bool,
        with_country: bool,
        errors: &mut Vec<FieldError>,
    ) -> Option<TypedValue> {
        let parts = match answer {
            None => BTreeMap::new(),
            Some(AnswerValue::Object(parts)) => parts.clone(),
            Some(_) => {
                errors.push(error_for(
                    path.clone(),
                    &self.field,
                    FieldErrorKind::WrongType,
                    None,
                ));
                return None;
            }
        };
        let text = |key: &str| match parts.get(key) {
            Some(AnswerValue::Text(text)) => {
                Some(text.trim().to_owned()).filter(|text| !text.is_empty())
            }
            _ => None,
        };
        let used: Vec<(&str, &str, &str)> = ADDRESS_PARTS
            .iter()
            .filter(|(key, ..)| with_country || *key != "country")
            .map(|(key, de, en, _)| (*key, *de, *en))
            .collect();
        if used.iter().all(|(key, ..)| text(key).is_none()) {
            if required {
                errors.push(error_for(
                    path.part("street"),
                    &self.field,
                    FieldErrorKind::Required,
                    None,
                ));
            }
            return None;
        }
        let before = errors.len();
        for (key, de, en) in &used {
            let label = LocalizedText {
                de: (*de).to_owned(),
                en: Some((*en).to_owned()),
                ls: None,
            };
            let part_path = path.part(key);
            match text(key) {
                None if *key != "country" => {
                    errors.push(part_error(part_path, &label, &FieldErrorKind::Required));
                }
                Some(value) if value.chars().count() > 200 => {
                    errors.push(part_error(
                        part_path,
                        &label,
                        &FieldErrorKind::TooLong { max: 200 },
                    ));
                }
                Some(value)
                    if *key == "postal_code"
                        && (!with_country
                            || text("country").is_none_or(|country| is_germany(&country)))
                        && !is_postal_code(&value) =>
                {
                    errors.push(part_error(
                        part_path,
                        &label,
                        &FieldErrorKind::InvalidPostalCode,
                    ));
                }
                _ => {}
            }
        }
        (errors.len() == before).then(|| {
            TypedValue::Address(Address {
                street: text("street").unwrap_or_default(),
                house_number: text("house_number").unwrap_or_default(),
                postal_code: text("postal_code").unwrap_or_default(),
                city: text("city").unwrap_or_default(),
                country: if with_country { text("country") } else { None },
            })
        })
    }

    /// Evaluates one item of a repeatable group: its children in dependency order, each with
    /// the item's own answers in scope first and the form's answers behind them.
    fn evaluate_item(
        &self,
        path: &FieldPath,
        index: usize,
        parts: &BTreeMap<String, AnswerValue>,
        scope: &ValueScope<'_>,
        today: CalendarDate,
    ) -> ItemOutcome {
        let mut values: HashMap<&str, Value> = HashMap::new();
        let mut outcome = ItemOutcome::default();
        let mut errors: Vec<(usize, FieldError)> = Vec::new();
        for &position in &self.child_order {
            let child = &self.children[position];
            let inner = ValueScope {
                inner: &values,
                outer: Some(scope),
            };
            if child
                .visible_if
                .as_ref()
                .is_some_and(|expr| !expr.evaluate(&inner, today).is_true())
            {
                outcome.hidden.insert(child.field.key.clone());
                continue;
            }
            let child_path = path.item(index, &child.field.key);
            let mut child_errors = Vec::new();
            let value = child.validate(
                &child_path,
                parts.get(child.field.key.as_str()),
                &inner,
                today,
                &mut child_errors,
            );
            if let (Some(value), FieldKind::Computed { .. }) = (&value, &child.field.kind) {
                outcome
                    .computed
                    .insert(child.field.key.clone(), value.clone());
            }
            if child_errors.is_empty() {
                if let Some(value) = value {
                    values.insert(child.field.key.as_str(), logic_value(&value));
                    outcome.valid.insert(child.field.key.clone(), value);
                }
            } else {
                errors.extend(child_errors.into_iter().map(|error| {
                    let message = self.name_item(index, &error.message);
                    (position, FieldError { message, ..error })
                }));
            }
        }
        // In the order the citizen sees the children.
        errors.sort_by_key(|(position, _)| *position);
        outcome.errors = errors.into_iter().map(|(_, error)| error).collect();
        outcome
    }

    /// `message` prefixed with the item's name ("Hund 2: …"), so that the error summary says
    /// which of several equal-looking items is meant.
    fn name_item(&self, index: usize, message: &LocalizedText) -> LocalizedText {
        let label = &self.field.label;
        let number = index + 1;
        let named = |lang: Lang| format!("{} {number}: {}", label.get(lang), message.get(lang));
        LocalizedText {
            de: named(Lang::De),
            en: Some(named(Lang::En)),
            ls: (label.ls.is_some() || message.ls.is_some()).then(|| named(Lang::EasyGerman)),
        }
    }

    /// What the renderer needs per item of a repeatable group (see [`FormState::items`]).
    fn item_states(
        &self,
        answer: Option<&AnswerValue>,
        scope: &ValueScope<'_>,
        today: CalendarDate,
    ) -> Vec<ItemState> {
        let Some(AnswerValue::List(items)) = answer else {
            return Vec::new();
        };
        let path = FieldPath::field(&self.field.key);
        let empty = BTreeMap::new();
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let parts = match item {
                    AnswerValue::Object(parts) => parts,
                    _ => &empty,
                };
                let outcome = self.evaluate_item(&path, index, parts, scope, today);
                ItemState {
                    hidden: outcome.hidden,
                    computed: outcome.computed,
                }
            })
            .collect()
    }

    fn validate_group(
        &self,
        path: &FieldPath,
        answer: Option<&AnswerValue>,
        required: bool,
        scope: &ValueScope<'_>,
        today: CalendarDate,
        errors: &mut Vec<FieldError>,
    ) -> Option<TypedValue> {
        let FieldKind::Group {
            min_items,
            max_items,
            ..
        } = &self.field.kind
        else {
            return None;
        };
        let items: &[AnswerValue] = match answer {
            None => &[],
            Some(AnswerValue::List(items)) => items,
            Some(_) => {
                errors.push(error_for(
                    path.clone(),
                    &self.field,
                    FieldErrorKind::WrongType,
                    None,
                ));
                return None;
            }
        };
        if items.is_empty() {
            if required {
                errors.push(error_for(
                    path.clone(),
                    &self.field,
                    FieldErrorKind::Required,
                    None,
                ));
            }
            return None;
        }
        if items.len() < *min_items {
            errors.push(error_for(
                path.clone(),
                &self.field,
                FieldErrorKind::TooFewItems { min: *min_items },
                None,
            ));
            return None;
        }
        if items.len() > *max_items {
            errors.push(error_for(
                path.clone(),
                &self.field,
                FieldErrorKind::TooManyItems { max: *max_items },
                None,
            ));
            return None;
        }
        let before = errors.len();
        let mut valid_items = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let AnswerValue::Object(parts) = item else {
                errors.push(error_for(
                    path.clone(),
                    &self.field,
                    FieldErrorKind::WrongType,
                    None,
                ));
                return None;
            };
            let outcome = self.evaluate_item(path, index, parts, scope, today);
            errors.extend(outcome.errors);
            valid_items.push(outcome.valid);
        }
        (errors.len() == before).then_some(TypedValue::Group(valid_items))
    }

    fn check_rule(
        &self,
        index: usize,
        rule: &Rule,
        value: &TypedValue,
        scope: &ValueScope<'_>,
        today: CalendarDate,
    ) -> Result<(), FieldErrorKind> {
        let number = match value {
            TypedValue::Integer(number) if self.field.kind == FieldKind::Money => {
                Some(Decimal::from_cents(*number))
            }
            TypedValue::Integer(number) => Some(Decimal::from_int(*number)),
            TypedValue::Decimal(number) => Some(*number),
            _ => None,
        };
        match (&rule.check, value) {
            (Check::MinLength { min }, TypedValue::Text(text)) if text.chars().count() < *min => {
                Err(FieldErrorKind::TooShort { min: *min })
            }
            (Check::MaxLength { max }, TypedValue::Text(text)) if text.chars().count() > *max => {
                Err(FieldErrorKind::TooLong { max: *max })
            }
            (Check::Pattern { .. }, TypedValue::Text(text)) => {
                let regex = self.patterns.get(index).and_then(Option::as_ref);
                if regex.is_some_and(|regex| regex.is_match(text)) {
                    Ok(())
                } else {
                    Err(FieldErrorKind::PatternMismatch)
                }
            }
            (Check::MinValue { min }, _) if number.is_some_and(|number| number < *min) => {
                Err(FieldErrorKind::TooSmall { min: *min })
            }
            (Check::MaxValue { max }, _) if number.is_some_and(|number| number > *max) => {
                Err(FieldErrorKind::TooLarge { max: *max })
            }
            (Check::DateNotInFuture, TypedValue::Date(date)) if *date > today => {
                Err(FieldErrorKind::DateInFuture)
            }
            (Check::MinDate { date: bound }, TypedValue::Date(date))
                if *date < bound.resolve(today) =>
            {
                Err(FieldErrorKind::DateTooEarly {
                    min: bound.resolve(today),
                })
            }
            (Check::MaxDate { date: bound }, TypedValue::Date(date))
                if *date > bound.resolve(today) =>
            {
                Err(FieldErrorKind::DateTooLate {
                    max: bound.resolve(today),
                })
            }
            (Check::CompareField { op, field }, _) => {
                let other = scope.value(field.as_str());
                let own = logic_value(value);
                let ordering = match (&own, &other) {
                    (_, Value::Empty) => return Ok(()),
                    (Value::Number(a), Value::Number(b)) => a.cmp(b),
                    (Value::Date(a), Value::Date(b)) => a.cmp(b),
                    (Value::Text(a), Value::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
                    (a, b) if a == b => std::cmp::Ordering::Equal,
                    _ => std::cmp::Ordering::Less,
                };
                let holds = match op {
                    Comparison::Eq => ordering.is_eq(),
                    Comparison::Ne => ordering.is_ne(),
                    Comparison::Lt => ordering.is_lt(),
                    Comparison::Le => ordering.is_le(),
                    Comparison::Gt => ordering.is_gt(),
                    Comparison::Ge => ordering.is_ge(),
                };
                if holds {
                    Ok(())
                } else {
                    Err(FieldErrorKind::ComparisonFailed {
                        op: *op,
                        other: field.clone(),
                    })
                }
            }
            _ => Ok(()),
        }
    }
}

fn missing(required: bool, fail: &mut impl FnMut(FieldErrorKind)) -> Option<TypedValue> {
    if required {
        fail(FieldErrorKind::Required);
    }
    None
}

fn file_ref(value: &AnswerValue) -> Option<FileRef> {
    let AnswerValue::Object(parts) = value else {
        return None;
    };
    let text = |key: &str| match parts.get(key) {
        Some(AnswerValue::Text(text)) if !text.is_empty() && text.len() <= 255 => {
            Some(text.clone())
        }
        _ => None,
    };
    let size = match parts.get("size") {
        Some(AnswerValue::Integer(size)) => u64::try_from(*size).ok()?,
        _ => return None,
    };
    Some(FileRef {
        id: text("id")?.parse().ok()?,
        name: text("name")?,
        size,
        media_type: text("media_type")?.to_ascii_lowercase(),
    })
}

/// Whether a file of `media_type` and `size` bytes may be uploaded to a file field with these
/// constraints. The browser checks before uploading, the upload endpoint while receiving, and
/// validation again on submission.
pub fn check_file(
    accept: &[String],
    max_size_bytes: u64,
    media_type: &str,
    size: u64,
) -> Result<(), FieldErrorKind> {
    if !accept.is_empty()
        && !accept
            .iter()
            .any(|allowed| media_type_matches(allowed, media_type))
    {
        return Err(FieldErrorKind::FileTypeNotAllowed);
    }
    if size > max_size_bytes {
        return Err(FieldErrorKind::FileTooLarge {
            max_bytes: max_size_bytes,
        });
    }
    Ok(())
}

/// `image/*` matches any image type; otherwise media types must be equal (case-insensitive).
fn media_type_matches(allowed: &str, actual: &str) -> bool {
    let allowed = allowed.to_ascii_lowercase();
    match allowed.strip_suffix("/*") {
        Some(family) => actual.split('/').next() == Some(family),
        None => allowed == actual,
    }
}

fn is_germany(country: &str) -> bool {
    matches!(
        country.trim().to_lowercase().as_str(),
        "deutschland" | "germany" | "de" | "bundesrepublik deutschland"
    )
}

fn is_postal_code(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|byte| byte.is_ascii_digit()) && text != "00000"
}

fn parse_scalar(kind: &FieldKind, text: &str) -> Result<TypedValue, FieldErrorKind> {
    let plain = || Ok(TypedValue::Text(text.to_owned()));
    match kind {
        FieldKind::Text | FieldKind::TextArea => plain(),
        FieldKind::Email if is_email(text) => plain(),
        FieldKind::Email => Err(FieldErrorKind::InvalidEmail),
        FieldKind::Phone if is_phone(text) => plain(),
        FieldKind::Phone => Err(FieldErrorKind::InvalidPhone),
        FieldKind::Date => text
            .parse::<CalendarDate>()
            .map(TypedValue::Date)
            .map_err(|_| FieldErrorKind::InvalidDate),
        FieldKind::Time => parse_time(text)
            .map(TypedValue::Text)
            .ok_or(FieldErrorKind::InvalidTime),
        FieldKind::Integer => text
            .parse::<i64>()
            .map(TypedValue::Integer)
            .map_err(|_| FieldErrorKind::NotAWholeNumber),
        FieldKind::Decimal { decimals } => {
            let normalized = normalize_number(text).ok_or(FieldErrorKind::NotANumber)?;
            let fraction = normalized
                .split_once('.')
                .map_or(0, |(_, fraction)| fraction.len());
            if fraction > usize::from(*decimals) {
                return Err(FieldErrorKind::TooManyDecimals { max: *decimals });
            }
            Decimal::parse(&normalized)
                .map(TypedValue::Decimal)
                .ok_or(FieldErrorKind::NotANumber)
        }
        FieldKind::Money => {
            let normalized =
                normalize_number(text.trim_end_matches('€').trim_end_matches("EUR").trim())
                    .ok_or(FieldErrorKind::InvalidAmount)?;
            if normalized
                .split_once('.')
                .is_some_and(|(_, fraction)| fraction.len() > 2)
            {
                return Err(FieldErrorKind::InvalidAmount);
            }
            Decimal::parse(&normalized)
                .and_then(Decimal::to_cents)
                .map(TypedValue::Integer)
                .ok_or(FieldErrorKind::InvalidAmount)
        }
        FieldKind::PostalCode if is_postal_code(text) => plain(),
        FieldKind::PostalCode => Err(FieldErrorKind::InvalidPostalCode),
        FieldKind::Iban => parse_iban(text)
            .map(TypedValue::Text)
            .map_err(|_| FieldErrorKind::InvalidIban),
        FieldKind::TaxId => parse_tax_id(text)
            .map(TypedValue::Text)
            .map_err(|_| FieldErrorKind::InvalidTaxId),
        FieldKind::Choice { options, .. } => options
            .iter()
            .find(|option| option.value == text)
            .map(|option| TypedValue::Text(option.value.clone()))
            .ok_or(FieldErrorKind::NotAnOption),
        _ => Err(FieldErrorKind::WrongType),
    }
}

/// A number as Germans write it (`1.234,56`, `12,5`, `-3`) or as machines do (`1234.56`), in
/// machine form (`1234.56`); `None` if it is not a number.
fn normalize_number(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let (sign, digits) = compact
        .strip_prefix('-')
        .map_or(("", compact.as_str()), |rest| ("-", rest));
    let normalized = if digits.contains(',') {
        // German: ',' is the decimal comma, '.' groups thousands.
        let (whole, fraction) = digits.split_once(',')?;
        let whole_ok = whole.split('.').enumerate().all(|(index, group)| {
            group.bytes().all(|byte| byte.is_ascii_digit())
                && (index == 0 && !group.is_empty() || group.len() == 3)
        });
        if !whole_ok || fraction.contains([',', '.']) {
            return None;
        }
        format!("{}.{fraction}", whole.replace('.', ""))
    } else if digits.matches('.').count() > 1 {
        // Several points can only be thousands separators: "1.234.567".
        let groups: Vec<&str> = digits.split('.').collect();
        if groups.iter().skip(1).any(|group| group.len() != 3) {
            return None;
        }
        groups.concat()
    } else {
        digits.to_owned()
    };
    let normalized = normalized.trim_end_matches('.').to_owned();
    let valid = !normalized.is_empty()
        && normalized
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'.')
        && !normalized.starts_with('.')
        && !normalized.ends_with('.');
    valid.then(|| format!("{sign}{normalized}"))
}

/// `9:05`, `09:05`, `09.05`, `905`, `9 Uhr` → `09:05` / `09:00`.
fn parse_time(text: &str) -> Option<String> {
    // "14:30", "14.30", "1430", "930", "14 Uhr", "14:30 Uhr" (how people write times here).
    // A bare "12" stays ambiguous (a typo?) unless "Uhr" says it is a time.
    let text = text.trim();
    let without_uhr = text
        .strip_suffix("Uhr")
        .or_else(|| text.strip_suffix("uhr"))
        .map(str::trim_end);
    let text = without_uhr.unwrap_or(text);
    let digits_only = !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    let (hours, minutes) = match text.len() {
        1 | 2 if digits_only && without_uhr.is_some() => (text, "00"),
        3 | 4 if digits_only => text.split_at(text.len() - 2),
        _ => text.split_once([':', '.'])?,
    };
    let all_digits = |part: &str| {
        !part.is_empty() && part.len() <= 2 && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !all_digits(hours) || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    let (hours, minutes): (u8, u8) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then(|| format!("{hours:02}:{minutes:02}"))
}

/// A telephone number: digits with optional `+` at the start and the separators people write
/// (space, `/`, `-`, parentheses); 5 to 20 digits. Also the rule of appointment contact details.
pub fn is_phone(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || " /-()".contains(c))
        && (5..=20).contains(&digits)
}

/// A pragmatic e-mail check: one `@`, a non-empty local part, a dotted domain of letters,
/// digits, `-` and non-ASCII (IDN) characters, no spaces. Deliverability is proven by mail, not
/// by syntax. Also the rule of appointment contact details, in the browser and on the server.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"@,;:<>()[]\\\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
    local_ok && domain_ok
}

fn compile_pattern(pattern: &str) -> Result<regex_lite::Regex, String> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(format!(
            "Das Muster ist länger als {MAX_PATTERN_LEN} Zeichen"
        ));
    }
    regex_lite::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|error| format!("Das Muster ist ungültig: {error}"))
}

fn check_rule_fits(kind: &FieldKind, check: &Check) -> Result<(), &'static str> {
    let text_like = matches!(
        kind,
        FieldKind::Text | FieldKind::TextArea | FieldKind::Email | FieldKind::Phone
    );
    let numeric = matches!(
        kind,
        FieldKind::Integer | FieldKind::Decimal { .. } | FieldKind::Money
    );
    let fits = match check {
        Check::MinLength { .. } | Check::MaxLength { .. } | Check::Pattern { .. } => text_like,
        Check::MinValue { .. } | Check::MaxValue { .. } => numeric,
        Check::DateNotInFuture | Check::MinDate { .. } | Check::MaxDate { .. } => {
            matches!(kind, FieldKind::Date)
        }
        Check::CompareField { .. } => {
            kind.takes_input() && field_type(kind).is_some_and(|kind| kind != Type::List)
        }
    };
    if fits {
        Ok(())
    } else {
        Err("Diese Prüfregel passt nicht zu dieser Feldart")
    }
}

fn check_bounds(rules: &[Rule], path: &str, problems: &mut Problems) {
    let first =
        |pick: fn(&Check) -> Option<Decimal>| rules.iter().find_map(|rule| pick(&rule.check));
    let min_length = first(|check| match check {
        Check::MinLength { min } => {
            Some(Decimal::from_int(i64::try_from(*min).unwrap_or(i64::MAX)))
        }
        _ => None,
    });
    let max_length = first(|check| match check {
        Check::MaxLength { max } => {
            Some(Decimal::from_int(i64::try_from(*max).unwrap_or(i64::MAX)))
        }
        _ => None,
    });
    let min_value = first(|check| match check {
        Check::MinValue { min } => Some(*min),
        _ => None,
    });
    let max_value = first(|check| match check {
        Check::MaxValue { max } => Some(*max),
        _ => None,
    });
    if let (Some(min), Some(max)) = (min_length, max_length)
        && min > max
    {
        problems.add(
            format!("{path}.rules"),
            "Die Mindestlänge ist größer als die Höchstlänge",
        );
    }
    if let (Some(min), Some(max)) = (min_value, max_value)
        && min > max
    {
        problems.add(
            format!("{path}.rules"),
            "Der Mindestwert ist größer als der Höchstwert",
        );
    }
}

/// A typed answer as the expression language sees it.
fn logic_value(value: &TypedValue) -> Value {
    match value {
        TypedValue::Text(text) => Value::Text(text.clone()),
        TypedValue::Integer(number) => Value::Number(Decimal::from_int(*number)),
        TypedValue::Decimal(number) => Value::Number(*number),
        TypedValue::Date(date) => Value::Date(*date),
        TypedValue::Bool(value) => Value::Bool(*value),
        TypedValue::List(items) => Value::List(items.clone()),
        TypedValue::Files(files) => {
            Value::List(files.iter().map(|file| file.name.clone()).collect())
        }
        TypedValue::Address(address) => Value::Text(format!(
            "{} {}, {} {}",
            address.street, address.house_number, address.postal_code, address.city
        )),
        TypedValue::Group(items) => Value::Number(Decimal::from_int(
            i64::try_from(items.len()).unwrap_or(i64::MAX),
        )),
    }
}

/// The stored form of a computed value.
fn typed_from_logic(value: Value) -> Option<TypedValue> {
    match value {
        Value::Empty => None,
        Value::Bool(value) => Some(TypedValue::Bool(value)),
        Value::Number(number) => Some(TypedValue::Decimal(number)),
        Value::Text(text) => Some(TypedValue::Text(text)),
        Value::Date(date) => Some(TypedValue::Date(date)),
        Value::List(items) => Some(TypedValue::List(items)),
    }
}

fn error_for(
    path: FieldPath,
    field: &Field,
    kind: FieldErrorKind,
    custom: Option<&LocalizedText>,
) -> FieldError {
    let message = match custom.filter(|custom| !custom.de.trim().is_empty()) {
        Some(custom) => custom.clone(),
        None => default_message(&field.label, &field.kind, &kind),
    };
    FieldError {
        field: path,
        kind,
        message,
    }
}

fn part_error(path: FieldPath, label: &LocalizedText, kind: &FieldErrorKind) -> FieldError {
    FieldError {
        field: path,
        kind: kind.clone(),
        message: default_message(label, &FieldKind::Text, kind),
    }
}

impl FieldError {
    /// The error for a top-level `field`, with its default message.
    pub fn new(field: &Field, kind: FieldErrorKind) -> Self {
        error_for(FieldPath::field(&field.key), field, kind, None)
    }
}

/// The default message of a failed `compare_field` rule, naming both fields by their labels.
fn comparison_message(
    label: &LocalizedText,
    op: Comparison,
    other: &LocalizedText,
) -> LocalizedText {
    let (de, en) = (label.de.as_str(), label.get(Lang::En));
    let (other_de, other_en) = (other.de.as_str(), other.get(Lang::En));
    let (de_op, en_op) = match op {
        Comparison::Eq => ("muss übereinstimmen mit", "must match"),
        Comparison::Ne => ("muss sich unterscheiden von", "must differ from"),
        Comparison::Lt => (
            "muss kleiner oder früher sein als",
            "must be less than or before",
        ),
        Comparison::Le => (
            "darf nicht größer oder später sein als",
            "must not be greater than or after",
        ),
        Comparison::Gt => (
            "muss größer oder später sein als",
            "must be greater than or after",
        ),
        Comparison::Ge => (
            "darf nicht kleiner oder früher sein als",
            "must not be less than or before",
        ),
    };
    LocalizedText {
        de: format!("„{de}“ {de_op} „{other_de}“"),
        en: Some(format!("“{en}” {en_op} “{other_en}”")),
        ls: None,
    }
}

/// The default message for an error, naming the field so it reads well in the error summary.
fn default_message(
    label: &LocalizedText,
    field_kind: &FieldKind,
    kind: &FieldErrorKind,
) -> LocalizedText {
    let de = label.de.as_str();
    let en = label.get(Lang::En);
    let (de, en) = match kind {
        FieldErrorKind::Required => match field_kind {
            FieldKind::Choice { .. } | FieldKind::YesNo => (
                format!("Wählen Sie bei „{de}“ eine Antwort aus"),
                format!("Select an answer for “{en}”"),
            ),
            FieldKind::MultipleChoice { .. } => (
                format!("Wählen Sie bei „{de}“ mindestens eine Antwort aus"),
                format!("Select at least one answer for “{en}”"),
            ),
            FieldKind::Checkbox => (format!("Bestätigen Sie „{de}“"), format!("Confirm “{en}”")),
            FieldKind::Date => (
                format!("Geben Sie bei „{de}“ ein Datum an"),
                format!("Enter a date for “{en}”"),
            ),
            FieldKind::File { .. } => (
                format!("Laden Sie bei „{de}“ eine Datei hoch"),
                format!("Upload a file for “{en}”"),
            ),
            FieldKind::Group { .. } => (
                format!("Fügen Sie bei „{de}“ einen Eintrag hinzu"),
                format!("Add an entry for “{en}”"),
            ),
            _ => (format!("Füllen Sie „{de}“ aus"), format!("Enter “{en}”")),
        },
        FieldErrorKind::TooShort { min } => (
            format!("„{de}“ muss mindestens {min} Zeichen lang sein"),
            format!("“{en}” must be {min} characters or more"),
        ),
        FieldErrorKind::TooLong { max } => (
            format!("„{de}“ darf höchstens {max} Zeichen lang sein"),
            format!("“{en}” must be {max} characters or fewer"),
        ),
        FieldErrorKind::PatternMismatch => (
            format!("„{de}“ hat nicht das erwartete Format"),
            format!("“{en}” is not in the expected format"),
        ),
        FieldErrorKind::InvalidEmail => (
            format!("Geben Sie bei „{de}“ eine E-Mail-Adresse im Format name@beispiel.de an"),
            format!(
                "Enter an email address in the correct format, like name@example.com, for “{en}”"
            ),
        ),
        FieldErrorKind::InvalidPhone => (
            format!(
                "Geben Sie bei „{de}“ eine Telefonnummer an, z. B. 0351 123456 oder +49 351 123456"
            ),
            format!("Enter a telephone number for “{en}”, like +49 351 123456"),
        ),
        FieldErrorKind::InvalidDate => (
            format!("Geben Sie bei „{de}“ ein Datum an, das es gibt, z. B. 27.3.2026"),
            format!("Enter a real date for “{en}”, like 27 3 2026"),
        ),
        FieldErrorKind::DateInFuture => (
            format!("„{de}“ darf nicht in der Zukunft liegen"),
            format!("“{en}” must be today or in the past"),
        ),
        FieldErrorKind::DateTooEarly { min } => (
            format!("„{de}“ darf nicht vor dem {} liegen", min.to_german()),
            format!("“{en}” must be on or after {}", min.to_german()),
        ),
        FieldErrorKind::DateTooLate { max } => (
            format!("„{de}“ darf nicht nach dem {} liegen", max.to_german()),
            format!("“{en}” must be on or before {}", max.to_german()),
        ),
        FieldErrorKind::InvalidTime => (
            format!("Geben Sie bei „{de}“ eine Uhrzeit an, z. B. 14:30"),
            format!("Enter a time for “{en}”, like 14:30"),
        ),
        FieldErrorKind::NotAWholeNumber => (
            format!("Geben Sie bei „{de}“ eine ganze Zahl an, z. B. 3"),
            format!("Enter a whole number for “{en}”, like 3"),
        ),
        FieldErrorKind::NotANumber => (
            format!("Geben Sie bei „{de}“ eine Zahl an, z. B. 12,5"),
            format!("Enter a number for “{en}”, like 12.5"),
        ),
        FieldErrorKind::TooManyDecimals { max } => (
            format!("„{de}“ darf höchstens {max} Nachkommastellen haben"),
            format!("“{en}” must have {max} decimal places or fewer"),
        ),
        FieldErrorKind::InvalidAmount => (
            format!("Geben Sie bei „{de}“ einen Betrag in Euro an, z. B. 12,50"),
            format!("Enter an amount in euros for “{en}”, like 12.50"),
        ),
        FieldErrorKind::TooSmall { min } => {
            let number = german_number(*min, field_kind);
            (
                format!("„{de}“ muss mindestens {number} sein"),
                format!("“{en}” must be {min} or more"),
            )
        }
        FieldErrorKind::TooLarge { max } => {
            let number = german_number(*max, field_kind);
            (
                format!("„{de}“ darf höchstens {number} sein"),
                format!("“{en}” must be {max} or less"),
            )
        }
        FieldErrorKind::InvalidPostalCode => (
            format!("Geben Sie bei „{de}“ eine Postleitzahl mit 5 Ziffern an, z. B. 01067"),
            format!("Enter a postcode with 5 digits for “{en}”, like 01067"),
        ),
        FieldErrorKind::InvalidIban => (
            format!(
                "Geben Sie bei „{de}“ eine IBAN an, z. B. DE89 3704 0044 0532 0130 00; prüfen Sie sie auf Tippfehler"
            ),
            format!(
                "Enter an IBAN for “{en}”, like DE89 3704 0044 0532 0130 00, and check it for typos"
            ),
        ),
        FieldErrorKind::InvalidTaxId => (
            format!(
                "Geben Sie bei „{de}“ Ihre 11-stellige Steuer-Identifikationsnummer an; prüfen Sie sie auf Tippfehler"
            ),
            format!("Enter your 11-digit German tax ID for “{en}” and check it for typos"),
        ),
        FieldErrorKind::NotAnOption => (
            format!("Wählen Sie bei „{de}“ eine der angebotenen Antworten aus"),
            format!("Select one of the offered answers for “{en}”"),
        ),
        FieldErrorKind::TooFewSelections { min } => (
            format!("Wählen Sie bei „{de}“ mindestens {min} Antworten aus"),
            format!("Select at least {min} answers for “{en}”"),
        ),
        FieldErrorKind::TooManySelections { max } => (
            format!("Wählen Sie bei „{de}“ höchstens {max} Antworten aus"),
            format!("Select at most {max} answers for “{en}”"),
        ),
        FieldErrorKind::ComparisonFailed { op, other } => {
            return comparison_message(label, *op, &LocalizedText::de(other.to_string()));
        }
        FieldErrorKind::FileTypeNotAllowed => (
            format!("Die Datei bei „{de}“ hat ein Format, das nicht erlaubt ist"),
            format!("The file for “{en}” is of a type that is not allowed"),
        ),
        FieldErrorKind::UploadNotFound => (
            format!("Die Datei bei „{de}“ ist nicht mehr vorhanden. Laden Sie sie erneut hoch"),
            format!("The file for “{en}” is no longer there. Upload it again"),
        ),
        FieldErrorKind::UploadInProgress => (
            format!("Warten Sie, bis die Datei bei „{de}“ hochgeladen ist"),
            format!("Wait until the file for “{en}” has been uploaded"),
        ),
        FieldErrorKind::FileTooLarge { max_bytes } => {
            let megabytes = max_bytes.div_ceil(1_000_000);
            (
                format!("Die Datei bei „{de}“ darf höchstens {megabytes} MB groß sein"),
                format!("The file for “{en}” must be {megabytes} MB or smaller"),
            )
        }
        FieldErrorKind::TooManyFiles { max } => (
            format!("Laden Sie bei „{de}“ höchstens {max} Dateien hoch"),
            format!("Upload at most {max} files for “{en}”"),
        ),
        FieldErrorKind::TooFewItems { min } => (
            format!("Fügen Sie bei „{de}“ mindestens {min} Einträge hinzu"),
            format!("Add at least {min} entries for “{en}”"),
        ),
        FieldErrorKind::TooManyItems { max } => (
            format!("Bei „{de}“ sind höchstens {max} Einträge möglich"),
            format!("“{en}” allows at most {max} entries"),
        ),
        FieldErrorKind::WrongType => (
            format!("Die Antwort bei „{de}“ hat eine unerwartete Form"),
            format!("The answer for “{en}” has an unexpected form"),
        ),
    };
    LocalizedText {
        de,
        en: Some(en),
        ls: None,
    }
}

/// A bound in German notation: `12,50 €` for money, `1,5` for decimals.
fn german_number(number: Decimal, kind: &FieldKind) -> String {
    let text = number.to_string().replace('.', ",");
    if *kind == FieldKind::Money {
        let cents = number.to_cents().unwrap_or_default();
        format!("{},{:02} €", cents / 100, (cents % 100).abs())
    } else {
        text
    }
}
