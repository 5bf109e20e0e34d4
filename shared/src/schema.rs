//! The form-definition model: what an editor authors and a citizen fills in.
//!
//! A definition is data, interpreted at run time by [`crate::validation`] in the browser and on
//! the server. It is stored as JSON; the serde layout below is the documented exchange format
//! (`docs/api.md`).

use serde::{Deserialize, Serialize};

use crate::i18n::LocalizedText;
use crate::id::{FieldKey, FormSlug};

/// A complete form as authored by an editor. Published versions of it never change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDefinition {
    /// URL name, unique among forms.
    pub slug: FormSlug,
    /// Title shown as the form's main heading.
    pub title: LocalizedText,
    /// Short introduction shown on the start page and above the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Pages in order; a citizen moves through them one at a time.
    pub pages: Vec<Page>,
}

impl FormDefinition {
    /// All fields in page order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.pages.iter().flat_map(|page| page.fields.iter())
    }

    /// The field with `key`, if any.
    pub fn field(&self, key: &FieldKey) -> Option<&Field> {
        self.fields().find(|field| &field.key == key)
    }
}

/// One page (step) of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Heading of the page.
    pub title: LocalizedText,
    /// Fields in display order.
    pub fields: Vec<Field>,
}

/// One question of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Unique key within the form; names the answer.
    pub key: FieldKey,
    /// Visible label.
    pub label: LocalizedText,
    /// Help text shown between label and input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalizedText>,
    /// What kind of answer is expected.
    #[serde(flatten)]
    pub kind: FieldKind,
    /// Whether an answer is required (for a checkbox: whether it must be ticked).
    #[serde(default)]
    pub required: bool,
    /// Further rules, checked in order after the kind's own checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// An HTML `autocomplete` token (WCAG 1.3.5), e.g. `email` or `given-name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
}

/// The kind of a field: decides the input control and the type of the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// Single-line text.
    Text,
    /// Multi-line text.
    TextArea,
    /// An e-mail address.
    Email,
    /// A calendar date, entered as day, month and year.
    Date,
    /// A whole number.
    Integer,
    /// One answer out of a list.
    Choice {
        /// The offered answers, in display order.
        options: Vec<ChoiceOption>,
        /// Radio buttons or a drop-down list.
        #[serde(default)]
        display: ChoiceDisplay,
    },
    /// A single tick box, e.g. a consent; its answer is yes or no.
    Checkbox,
}

impl FieldKind {
    /// Stable name of the kind, as in the JSON `type` tag.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::TextArea => "text_area",
            Self::Email => "email",
            Self::Date => "date",
            Self::Integer => "integer",
            Self::Choice { .. } => "choice",
            Self::Checkbox => "checkbox",
        }
    }

    /// The HTML `inputmode` that brings up the right phone keyboard, where one helps.
    pub fn input_mode(&self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Date | Self::Integer => Some("numeric"),
            Self::Text | Self::TextArea | Self::Choice { .. } | Self::Checkbox => None,
        }
    }

    /// Upper bound on the length of any text answer of this kind, whatever the rules say, so
    /// storage and exports stay bounded.
    pub fn hard_max_length(&self) -> usize {
        match self {
            Self::TextArea => 10_000,
            Self::Email => 254,
            Self::Text | Self::Date | Self::Integer | Self::Choice { .. } | Self::Checkbox => 1_000,
        }
    }
}

/// How a choice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceDisplay {
    /// Radio buttons in a fieldset (best for up to about seven options).
    #[default]
    Radio,
    /// A drop-down list.
    Select,
}

/// One offered answer of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// The stored value.
    pub value: String,
    /// The visible text.
    pub label: LocalizedText,
}

/// A rule an answer must satisfy, beyond its kind's own checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// Text has at least `min` characters.
    MinLength {
        /// Minimum number of characters (Unicode scalar values).
        min: usize,
    },
    /// Text has at most `max` characters.
    MaxLength {
        /// Maximum number of characters (Unicode scalar values).
        max: usize,
    },
    /// The whole text matches a regular expression (regex-lite syntax).
    Pattern {
        /// The expression; it is anchored at both ends.
        pattern: String,
        /// What the citizen is told when the text does not match, e.g. the expected format.
        message: LocalizedText,
    },
    /// A number is at least `min`.
    MinValue {
        /// The smallest allowed value.
        min: i64,
    },
    /// A number is at most `max`.
    MaxValue {
        /// The largest allowed value.
        max: i64,
    },
    /// A date is today or earlier (in the city's time zone).
    DateNotInFuture,
}
