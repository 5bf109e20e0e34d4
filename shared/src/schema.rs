//! The form-definition model: what an editor authors and a citizen fills in.
//!
//! A definition is data, interpreted at run time by [`crate::validation`] in the browser and on
//! the server. It is stored as JSON; the serde layout below is the documented exchange format
//! (`docs/editor-guide.md`). `Field`, `Rule` and `DateBound` are read by hand (`schema/decode.rs`)
//! to keep serde's buffering code out of the citizen bundle; everything else is derived.

mod decode;

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::i18n::LocalizedText;
use crate::id::{FieldKey, FormSlug};
use crate::logic::Decimal;

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
    /// The fee to pay after sending, if the form has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// The information under Art. 13 DSGVO (controller, purposes, legal basis, recipients,
    /// retention, rights); paragraphs separated by a blank line. When set, citizens confirm
    /// having read it before sending, and the confirmation is stored with the submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_notice: Option<LocalizedText>,
    /// Ask one question per step (the GOV.UK pattern, easier on phones and for people who need
    /// focus): each page is shown as one step per question, content blocks with the question
    /// after them. Validation and data are the same either way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_question_per_page: bool,
    /// The top-level e-mail field whose address receives the confirmation (reference number,
    /// access code, fee and the PDF receipt). Without it, no confirmation is mailed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_email_field: Option<FieldKey>,
}

/// A fee paid by bank transfer after sending: the confirmation shows the amount, the city's
/// account and a GiroCode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The top-level money field (typed, or computed with `"display": "money"`) holding the
    /// amount.
    pub amount_field: FieldKey,
    /// What the fee is for, as the transfer's text after the reference number, e.g.
    /// "Hundesteuer".
    pub purpose: LocalizedText,
}

impl FormDefinition {
    /// All top-level fields in page order (fields inside groups are not listed separately).
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.pages.iter().flat_map(|page| page.fields.iter())
    }

    /// The top-level field with `key`, if any.
    pub fn field(&self, key: &FieldKey) -> Option<&Field> {
        self.fields().find(|field| &field.key == key)
    }
}

/// One page (step) of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Heading of the page.
    pub title: LocalizedText,
    /// When set, the page is shown only while this condition holds; otherwise it is skipped and
    /// its answers are dropped. It may use only fields of earlier pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Expression>,
    /// Fields in display order.
    pub fields: Vec<Field>,
}

/// A condition or calculation in the expression language of [`crate::logic`], as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Expression(pub String);

/// One question (or piece of static content) of a form. Its kind's `type` and parameters sit in
/// the same JSON object as the common keys; unknown keys are ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Unique key within the form (within its group for fields of a group); names the answer.
    pub key: FieldKey,
    /// Visible label; for static content, its heading.
    pub label: LocalizedText,
    /// Help text shown between label and input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalizedText>,
    /// What kind of answer is expected.
    #[serde(flatten)]
    pub kind: FieldKind,
    /// Whether an answer is required (for a checkbox: whether it must be ticked).
    pub required: bool,
    /// When set, the answer is required while this condition holds (in addition to `required`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_if: Option<Expression>,
    /// When set, the field is shown only while this condition holds; hidden fields are not
    /// validated and their answers are dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Expression>,
    /// Further rules, checked in order after the kind's own checks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// An HTML `autocomplete` token (WCAG 1.3.5); defaults to the kind's own where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
}

impl Field {
    /// The `autocomplete` token: the editor's, else the kind's default.
    pub fn autocomplete(&self) -> Option<&str> {
        self.autocomplete
            .as_deref()
            .or_else(|| self.kind.default_autocomplete())
    }
}

/// The kind of a field: decides the input control and the type of the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// Single-line text.
    Text,
    /// Multi-line text.
    TextArea,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// A whole number.
    Integer,
    /// A decimal number with at most `decimals` digits after the comma.
    Decimal {
        /// Digits allowed after the decimal comma (0 to 6); 2 when not given.
        decimals: u8,
    },
    /// An amount in euros; stored as cents.
    Money,
    /// A calendar date, entered as day, month and year.
    Date,
    /// A time of day, `HH:MM`.
    Time,
    /// A German postal code (five digits).
    PostalCode,
    /// An IBAN (ISO 13616, mod-97 checked).
    Iban,
    /// A German tax identification number (Steuer-IdNr., 11 digits with check digit).
    TaxId,
    /// One answer out of a list.
    Choice {
        /// The offered answers, in display order.
        options: Vec<ChoiceOption>,
        /// Radio buttons or a drop-down list.
        display: ChoiceDisplay,
    },
    /// Several answers out of a list (checkboxes).
    MultipleChoice {
        /// The offered answers, in display order.
        options: Vec<ChoiceOption>,
        /// Fewest selections when answered (and when required).
        #[serde(skip_serializing_if = "Option::is_none")]
        min_selections: Option<usize>,
        /// Most selections.
        #[serde(skip_serializing_if = "Option::is_none")]
        max_selections: Option<usize>,
    },
    /// Yes or no, as two radio buttons; `required` means one must be chosen.
    YesNo,
    /// A single tick box, e.g. a consent; `required` means it must be ticked.
    Checkbox,
    /// File uploads.
    File {
        /// Allowed media types, e.g. `application/pdf`, `image/jpeg`; empty allows any.
        accept: Vec<String>,
        /// Largest file, in bytes.
        max_size_bytes: u64,
        /// Most files; 1 when not given.
        max_count: usize,
    },
    /// A postal address: street, house number, postal code, city and optionally country.
    Address {
        /// Whether to ask for the country (otherwise Germany).
        with_country: bool,
    },
    /// A repeatable group of fields, e.g. "weitere Personen".
    Group {
        /// The fields of one item.
        fields: Vec<Field>,
        /// Fewest items (when answered, and when required).
        min_items: usize,
        /// Most items; 20 when not given.
        max_items: usize,
    },
    /// A value computed from other answers, shown read-only and stored with the answers.
    Computed {
        /// The calculation.
        expression: Expression,
        /// How the result is shown.
        display: ComputedDisplay,
    },
    /// Static content with no answer: a heading, a paragraph, or an info or warning box. The
    /// field's label is its heading (may be empty for a paragraph).
    Content {
        /// The text.
        text: LocalizedText,
        /// How it is shown.
        style: ContentStyle,
    },
}

impl FieldKind {
    /// Stable name of the kind, as in the JSON `type` tag.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::TextArea => "text_area",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Integer => "integer",
            Self::Decimal { .. } => "decimal",
            Self::Money => "money",
            Self::Date => "date",
            Self::Time => "time",
            Self::PostalCode => "postal_code",
            Self::Iban => "iban",
            Self::TaxId => "tax_id",
            Self::Choice { .. } => "choice",
            Self::MultipleChoice { .. } => "multiple_choice",
            Self::YesNo => "yes_no",
            Self::Checkbox => "checkbox",
            Self::File { .. } => "file",
            Self::Address { .. } => "address",
            Self::Group { .. } => "group",
            Self::Computed { .. } => "computed",
            Self::Content { .. } => "content",
        }
    }

    /// Whether the kind collects an answer from the citizen (static content and computed values
    /// do not).
    pub fn takes_input(&self) -> bool {
        !matches!(self, Self::Content { .. } | Self::Computed { .. })
    }

    /// The HTML `inputmode` that brings up the right phone keyboard, where one helps.
    pub fn input_mode(&self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Phone => Some("tel"),
            Self::Integer | Self::Date | Self::PostalCode | Self::TaxId => Some("numeric"),
            Self::Decimal { .. } | Self::Money => Some("decimal"),
            _ => None,
        }
    }

    /// The HTML `autocomplete` token the kind implies (WHATWG autofill), if any.
    pub fn default_autocomplete(&self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Phone => Some("tel"),
            Self::PostalCode => Some("postal-code"),
            _ => None,
        }
    }

    /// Upper bound on the length of any text answer of this kind, whatever the rules say, so
    /// storage and exports stay bounded.
    pub fn hard_max_length(&self) -> usize {
        match self {
            Self::TextArea => 10_000,
            Self::Email => 254,
            Self::Phone => 30,
            Self::Iban => 42,
            _ => 1_000,
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

/// How a computed value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComputedDisplay {
    /// A plain number.
    #[default]
    Number,
    /// An amount in euros, e.g. "37,50 €".
    Money,
    /// Text.
    Text,
    /// Yes or no.
    YesNo,
}

/// How static content is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentStyle {
    /// A paragraph under an optional heading.
    #[default]
    Paragraph,
    /// A sub-heading.
    Heading,
    /// An information box.
    Info,
    /// A warning box.
    Warning,
}

/// One offered answer of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// The stored value.
    pub value: String,
    /// The visible text.
    pub label: LocalizedText,
}

/// A rule an answer must satisfy, with an optional editor-written message per language. Its
/// check's `rule` and parameters sit in the same JSON object as `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// What is checked.
    #[serde(flatten)]
    pub check: Check,
    /// Replaces the default message when the rule fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<LocalizedText>,
}

impl Rule {
    /// A rule with the default message.
    pub fn new(check: Check) -> Self {
        Self {
            check,
            message: None,
        }
    }
}

/// What a rule checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Check {
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
    /// The whole text matches a regular expression (regex-lite syntax, bounded size).
    Pattern {
        /// The expression; it is anchored at both ends.
        pattern: String,
    },
    /// A number (or amount in euros) is at least `min`.
    MinValue {
        /// The smallest allowed value, e.g. `0` or `"12.50"`.
        min: Decimal,
    },
    /// A number (or amount in euros) is at most `max`.
    MaxValue {
        /// The largest allowed value.
        max: Decimal,
    },
    /// A date is today or earlier (in the city's time zone).
    DateNotInFuture,
    /// A date is on or after a bound.
    MinDate {
        /// The earliest allowed date.
        date: DateBound,
    },
    /// A date is on or before a bound.
    MaxDate {
        /// The latest allowed date.
        date: DateBound,
    },
    /// The answer compares with another field's answer, e.g. end ≥ start or an e-mail
    /// confirmation equal to the e-mail address. Passes when the other field is unanswered.
    CompareField {
        /// How the answers must compare.
        op: Comparison,
        /// The other field (top-level, or in the same group item).
        field: FieldKey,
    },
}

/// A date bound: a fixed date or one relative to today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DateBound {
    /// A fixed date, `"2026-01-01"`.
    Absolute(CalendarDate),
    /// Today moved by years, months and days, e.g. `{"years": -18}` for "at least 18 years
    /// ago" as a maximum birth date.
    Relative {
        /// Years to add (negative: into the past).
        years: i32,
        /// Months to add.
        months: i32,
        /// Days to add.
        days: i32,
    },
}

impl DateBound {
    /// The bound's date for `today`.
    pub fn resolve(&self, today: CalendarDate) -> CalendarDate {
        match self {
            Self::Absolute(date) => *date,
            Self::Relative {
                years,
                months,
                days,
            } => today
                // i64: `years * 12` overflows i32 for years above 178 956 970 (found by fuzzing).
                .add_months(i64::from(*years) * 12 + i64::from(*months))
                .add_days(i64::from(*days)),
        }
    }
}

/// How two answers must compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Equal.
    Eq,
    /// Not equal.
    Ne,
    /// Less than.
    Lt,
    /// Less than or equal.
    Le,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Ge,
}
