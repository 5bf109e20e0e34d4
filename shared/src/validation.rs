//! The one validation function, run by the browser for instant feedback and by the server as
//! the authority.
//!
//! A definition is first compiled ([`CompiledForm::new`]): that checks it for mistakes an editor
//! can make and prepares its patterns once. [`CompiledForm::validate`] then turns raw answers into
//! [`ValidAnswers`] or a list of [`FieldError`]s in form order, one per field.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Deserializer, Serialize};

use crate::date::{CalendarDate, ParseDateError};
use crate::i18n::LocalizedText;
use crate::id::FieldKey;
use crate::schema::{Field, FieldKind, FormDefinition, Rule};

/// Longest pattern an editor may write; bounds compile time and memory in the browser.
pub const MAX_PATTERN_LEN: usize = 500;
/// Compiled-size limit for one pattern, in bytes (regex-lite's own accounting).
const PATTERN_SIZE_LIMIT: usize = 100_000;

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

/// One raw answer as JSON carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A tick box.
    Bool(bool),
    /// A number typed as a number.
    Integer(i64),
    /// Anything typed as text (numbers and dates may come as text too).
    Text(String),
}

/// One answer after validation, typed according to its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TypedValue {
    /// Text, e-mail or chosen option value (trimmed).
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A date.
    Date(CalendarDate),
    /// A tick box.
    Bool(bool),
}

/// Answers that passed validation against one form version. Only [`CompiledForm::validate`]
/// constructs it, so holding one proves the data is valid; hidden and unknown keys are gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ValidAnswers(BTreeMap<FieldKey, TypedValue>);

impl ValidAnswers {
    /// The typed answer for `key`, if the citizen gave one.
    pub fn get(&self, key: &FieldKey) -> Option<&TypedValue> {
        self.0.get(key)
    }

    /// All answers, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&FieldKey, &TypedValue)> {
        self.0.iter()
    }
}

/// A problem with one answer, as shown to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field the problem belongs to.
    pub field: FieldKey,
    /// What is wrong; serialised as a stable `code` plus its parameters.
    #[serde(flatten)]
    pub kind: FieldErrorKind,
    /// The message for the citizen, in German and English.
    pub message: LocalizedText,
}

/// What is wrong with an answer. The `code` of each variant is stable API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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
    /// Not a date, or a day that does not exist.
    #[error("not a date")]
    InvalidDate,
    /// A date after today where that is not allowed.
    #[error("date in the future")]
    DateInFuture,
    /// Not a whole number.
    #[error("not a whole number")]
    NotAWholeNumber,
    /// A number below the minimum.
    #[error("too small (min {min})")]
    TooSmall {
        /// The smallest allowed value.
        min: i64,
    },
    /// A number above the maximum.
    #[error("too large (max {max})")]
    TooLarge {
        /// The largest allowed value.
        max: i64,
    },
    /// A value that is not one of the offered options.
    #[error("not an offered option")]
    NotAnOption,
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
    /// What is wrong, in English (for editors and logs).
    pub problem: String,
}

/// A definition checked and prepared for validation; build once per form version and reuse.
#[derive(Debug, Clone)]
pub struct CompiledForm {
    definition: FormDefinition,
    /// Compiled patterns, keyed by (field position in [`FormDefinition::fields`], rule index).
    patterns: BTreeMap<(usize, usize), regex_lite::Regex>,
}

impl CompiledForm {
    /// Checks `definition` and compiles its patterns. Reports every mistake with its path.
    pub fn new(definition: FormDefinition) -> Result<Self, Vec<DefinitionError>> {
        let mut errors = Vec::new();
        let mut patterns = BTreeMap::new();
        let mut seen_keys = HashSet::new();
        let mut error =
            |path: String, problem: String| errors.push(DefinitionError { path, problem });

        if definition.title.de.trim().is_empty() {
            error("title".into(), "the German title is empty".into());
        }
        if definition.pages.is_empty() {
            error("pages".into(), "a form needs at least one page".into());
        }
        let mut position = 0;
        for (page_index, page) in definition.pages.iter().enumerate() {
            if page.fields.is_empty() {
                error(
                    format!("pages[{page_index}].fields"),
                    "a page needs at least one field".into(),
                );
            }
            for (field_index, field) in page.fields.iter().enumerate() {
                let path = format!("pages[{page_index}].fields[{field_index}]");
                if !seen_keys.insert(field.key.clone()) {
                    error(
                        format!("{path}.key"),
                        format!("the key '{}' is used twice", field.key),
                    );
                }
                if field.label.de.trim().is_empty() {
                    error(format!("{path}.label"), "the German label is empty".into());
                }
                if let FieldKind::Choice { options, .. } = &field.kind {
                    if options.is_empty() {
                        error(
                            format!("{path}.options"),
                            "a choice needs at least one option".into(),
                        );
                    }
                    let mut values = HashSet::new();
                    for (option_index, option) in options.iter().enumerate() {
                        if option.value.is_empty() || !values.insert(&option.value) {
                            error(
                                format!("{path}.options[{option_index}].value"),
                                "option values must be non-empty and unique".into(),
                            );
                        }
                    }
                }
                for (rule_index, rule) in field.rules.iter().enumerate() {
                    let rule_path = format!("{path}.rules[{rule_index}]");
                    if let Err(problem) = check_rule_fits(&field.kind, rule) {
                        error(rule_path.clone(), problem.into());
                    }
                    if let Rule::Pattern { pattern, .. } = rule {
                        match compile_pattern(pattern) {
                            Ok(regex) => {
                                patterns.insert((position, rule_index), regex);
                            }
                            Err(problem) => error(rule_path, problem),
                        }
                    }
                }
                check_bounds(&field.rules, &path, &mut error);
                position += 1;
            }
        }
        if errors.is_empty() {
            Ok(Self {
                definition,
                patterns,
            })
        } else {
            Err(errors)
        }
    }

    /// The definition this was compiled from.
    pub fn definition(&self) -> &FormDefinition {
        &self.definition
    }

    /// Validates all answers. `today` is the current date in the city's time zone (server) or
    /// on the device (browser). Answers to unknown fields are dropped.
    pub fn validate(
        &self,
        answers: &Answers,
        today: CalendarDate,
    ) -> Result<ValidAnswers, Vec<FieldError>> {
        let mut valid = BTreeMap::new();
        let mut errors = Vec::new();
        for (position, field) in self.definition.fields().enumerate() {
            match self.validate_field(position, field, answers.get(&field.key), today) {
                Ok(Some(value)) => {
                    valid.insert(field.key.clone(), value);
                }
                Ok(None) => {}
                Err(kind) => errors.push(FieldError::new(field, kind)),
            }
        }
        if errors.is_empty() {
            Ok(ValidAnswers(valid))
        } else {
            Err(errors)
        }
    }

    /// Validates the answers to the fields of one page only, for the "continue" button.
    pub fn validate_page(
        &self,
        page_index: usize,
        answers: &Answers,
        today: CalendarDate,
    ) -> Vec<FieldError> {
        let first = self
            .definition
            .pages
            .iter()
            .take(page_index)
            .map(|page| page.fields.len())
            .sum::<usize>();
        let Some(page) = self.definition.pages.get(page_index) else {
            return Vec::new();
        };
        page.fields
            .iter()
            .enumerate()
            .filter_map(|(offset, field)| {
                self.validate_field(first + offset, field, answers.get(&field.key), today)
                    .err()
                    .map(|kind| FieldError::new(field, kind))
            })
            .collect()
    }

    /// Validates one answer; `Ok(None)` means "not answered, and that is fine".
    fn validate_field(
        &self,
        position: usize,
        field: &Field,
        answer: Option<&AnswerValue>,
        today: CalendarDate,
    ) -> Result<Option<TypedValue>, FieldErrorKind> {
        let value = match (answer, &field.kind) {
            (None, FieldKind::Checkbox) | (Some(AnswerValue::Bool(false)), FieldKind::Checkbox) => {
                return if field.required {
                    Err(FieldErrorKind::Required)
                } else {
                    Ok(Some(TypedValue::Bool(false)))
                };
            }
            (Some(AnswerValue::Bool(true)), FieldKind::Checkbox) => {
                return Ok(Some(TypedValue::Bool(true)));
            }
            (_, FieldKind::Checkbox) | (Some(AnswerValue::Bool(_)), _) => {
                return Err(FieldErrorKind::WrongType);
            }
            (None, _) => return missing(field),
            (Some(AnswerValue::Integer(number)), FieldKind::Integer) => {
                TypedValue::Integer(*number)
            }
            (Some(AnswerValue::Integer(_)), _) => return Err(FieldErrorKind::WrongType),
            (Some(AnswerValue::Text(text)), kind) => {
                let text = text.trim();
                if text.is_empty() {
                    return missing(field);
                }
                let max = kind.hard_max_length();
                if text.chars().count() > max {
                    return Err(FieldErrorKind::TooLong { max });
                }
                parse_text(kind, text)?
            }
        };
        for (rule_index, rule) in field.rules.iter().enumerate() {
            self.check_rule(position, rule_index, rule, &value, today)?;
        }
        Ok(Some(value))
    }

    fn check_rule(
        &self,
        position: usize,
        rule_index: usize,
        rule: &Rule,
        value: &TypedValue,
        today: CalendarDate,
    ) -> Result<(), FieldErrorKind> {
        match (rule, value) {
            (Rule::MinLength { min }, TypedValue::Text(text)) if text.chars().count() < *min => {
                Err(FieldErrorKind::TooShort { min: *min })
            }
            (Rule::MaxLength { max }, TypedValue::Text(text)) if text.chars().count() > *max => {
                Err(FieldErrorKind::TooLong { max: *max })
            }
            (Rule::Pattern { .. }, TypedValue::Text(text)) => {
                let regex = self.patterns.get(&(position, rule_index));
                if regex.is_some_and(|regex| regex.is_match(text)) {
                    Ok(())
                } else {
                    Err(FieldErrorKind::PatternMismatch)
                }
            }
            (Rule::MinValue { min }, TypedValue::Integer(number)) if number < min => {
                Err(FieldErrorKind::TooSmall { min: *min })
            }
            (Rule::MaxValue { max }, TypedValue::Integer(number)) if number > max => {
                Err(FieldErrorKind::TooLarge { max: *max })
            }
            (Rule::DateNotInFuture, TypedValue::Date(date)) if *date > today => {
                Err(FieldErrorKind::DateInFuture)
            }
            _ => Ok(()),
        }
    }
}

impl FieldError {
    /// The error for `field`, with its localized message.
    pub fn new(field: &Field, kind: FieldErrorKind) -> Self {
        let message = message(field, &kind);
        Self {
            field: field.key.clone(),
            kind,
            message,
        }
    }
}

fn missing(field: &Field) -> Result<Option<TypedValue>, FieldErrorKind> {
    if field.required {
        Err(FieldErrorKind::Required)
    } else {
        Ok(None)
    }
}

fn parse_text(kind: &FieldKind, text: &str) -> Result<TypedValue, FieldErrorKind> {
    match kind {
        FieldKind::Text | FieldKind::TextArea => Ok(TypedValue::Text(text.to_owned())),
        FieldKind::Email if is_email(text) => Ok(TypedValue::Text(text.to_owned())),
        FieldKind::Email => Err(FieldErrorKind::InvalidEmail),
        FieldKind::Date => text
            .parse::<CalendarDate>()
            .map(TypedValue::Date)
            .map_err(|_: ParseDateError| FieldErrorKind::InvalidDate),
        FieldKind::Integer => text
            .parse::<i64>()
            .map(TypedValue::Integer)
            .map_err(|_| FieldErrorKind::NotAWholeNumber),
        FieldKind::Choice { options, .. } => options
            .iter()
            .find(|option| option.value == text)
            .map(|option| TypedValue::Text(option.value.clone()))
            .ok_or(FieldErrorKind::NotAnOption),
        FieldKind::Checkbox => Err(FieldErrorKind::WrongType),
    }
}

/// A pragmatic e-mail check: one `@`, a non-empty local part, a dotted domain of letters,
/// digits, `-` and non-ASCII (IDN) characters, no spaces. Deliverability is proven by mail, not
/// by syntax.
fn is_email(text: &str) -> bool {
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
            "the pattern is longer than {MAX_PATTERN_LEN} characters"
        ));
    }
    regex_lite::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|error| format!("the pattern is not valid: {error}"))
}

fn check_rule_fits(kind: &FieldKind, rule: &Rule) -> Result<(), &'static str> {
    let text_like = matches!(
        kind,
        FieldKind::Text | FieldKind::TextArea | FieldKind::Email
    );
    let fits = match rule {
        Rule::MinLength { .. } | Rule::MaxLength { .. } | Rule::Pattern { .. } => text_like,
        Rule::MinValue { .. } | Rule::MaxValue { .. } => matches!(kind, FieldKind::Integer),
        Rule::DateNotInFuture => matches!(kind, FieldKind::Date),
    };
    if fits {
        Ok(())
    } else {
        Err("this rule does not apply to this kind of field")
    }
}

fn check_bounds(rules: &[Rule], path: &str, error: &mut impl FnMut(String, String)) {
    let find = |pick: fn(&Rule) -> Option<i128>| rules.iter().find_map(pick);
    let min_length = find(|rule| match rule {
        Rule::MinLength { min } => Some(*min as i128),
        _ => None,
    });
    let max_length = find(|rule| match rule {
        Rule::MaxLength { max } => Some(*max as i128),
        _ => None,
    });
    let min_value = find(|rule| match rule {
        Rule::MinValue { min } => Some(i128::from(*min)),
        _ => None,
    });
    let max_value = find(|rule| match rule {
        Rule::MaxValue { max } => Some(i128::from(*max)),
        _ => None,
    });
    if let (Some(min), Some(max)) = (min_length, max_length)
        && min > max
    {
        error(
            format!("{path}.rules"),
            "the minimum length is greater than the maximum length".into(),
        );
    }
    if let (Some(min), Some(max)) = (min_value, max_value)
        && min > max
    {
        error(
            format!("{path}.rules"),
            "the minimum value is greater than the maximum value".into(),
        );
    }
}

/// The default message for an error, naming the field so it reads well in the error summary.
fn message(field: &Field, kind: &FieldErrorKind) -> LocalizedText {
    let de = field.label.de.as_str();
    let en = field.label.get(crate::Lang::En);
    let (de, en) = match kind {
        FieldErrorKind::Required => match field.kind {
            FieldKind::Choice { .. } => (
                format!("Wählen Sie bei „{de}“ eine Antwort aus"),
                format!("Select an answer for “{en}”"),
            ),
            FieldKind::Checkbox => (format!("Bestätigen Sie „{de}“"), format!("Confirm “{en}”")),
            FieldKind::Date => (
                format!("Geben Sie bei „{de}“ ein Datum an"),
                format!("Enter a date for “{en}”"),
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
        FieldErrorKind::PatternMismatch => {
            let custom = field.rules.iter().find_map(|rule| match rule {
                Rule::Pattern { message, .. } if !message.de.trim().is_empty() => Some(message),
                _ => None,
            });
            match custom {
                Some(custom) => (custom.de.clone(), custom.get(crate::Lang::En).to_owned()),
                None => (
                    format!("„{de}“ hat nicht das erwartete Format"),
                    format!("“{en}” is not in the expected format"),
                ),
            }
        }
        FieldErrorKind::InvalidEmail => (
            format!("Geben Sie bei „{de}“ eine E-Mail-Adresse im Format name@beispiel.de an"),
            format!(
                "Enter an email address in the correct format, like name@example.com, for “{en}”"
            ),
        ),
        FieldErrorKind::InvalidDate => (
            format!("Geben Sie bei „{de}“ ein Datum an, das es gibt, z. B. 27.3.2026"),
            format!("Enter a real date for “{en}”, like 27 3 2026"),
        ),
        FieldErrorKind::DateInFuture => (
            format!("„{de}“ darf nicht in der Zukunft liegen"),
            format!("“{en}” must be today or in the past"),
        ),
        FieldErrorKind::NotAWholeNumber => (
            format!("Geben Sie bei „{de}“ eine ganze Zahl an, z. B. 3"),
            format!("Enter a whole number for “{en}”, like 3"),
        ),
        FieldErrorKind::TooSmall { min } => (
            format!("„{de}“ muss mindestens {min} sein"),
            format!("“{en}” must be {min} or more"),
        ),
        FieldErrorKind::TooLarge { max } => (
            format!("„{de}“ darf höchstens {max} sein"),
            format!("“{en}” must be {max} or less"),
        ),
        FieldErrorKind::NotAnOption => (
            format!("Wählen Sie bei „{de}“ eine der angebotenen Antworten aus"),
            format!("Select one of the offered answers for “{en}”"),
        ),
        FieldErrorKind::WrongType => (
            format!("Die Antwort bei „{de}“ hat eine unerwartete Form"),
            format!("The answer for “{en}” has an unexpected form"),
        ),
    };
    LocalizedText { de, en: Some(en) }
}
