//! The citizen's draft of one form: what was typed into each control, exactly as typed.
//!
//! Raw input is kept as entered (so nothing is lost or reformatted after an error, WCAG 3.3.7)
//! and turned into [`Answers`] only for validation and submission, where `shared` decides what
//! is valid. This module also renders answers for the check-your-answers list.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use shared::logic::Decimal;
use shared::schema::ComputedDisplay;
use shared::validation::{ADDRESS_PARTS, Address, FileRef};
use shared::{
    AnswerValue, Answers, CalendarDate, Field, FieldKey, FieldKind, FormDefinition, Lang,
    TypedValue,
};

use crate::i18n::Msg;

/// The raw values of one item of a repeatable group, by the group's child keys.
pub type GroupItem = BTreeMap<FieldKey, RawValue>;

/// What a citizen entered into one field's control(s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RawValue {
    /// Text, e-mail, number, time, IBAN … or chosen option value.
    Text(String),
    /// The three parts of a date input.
    Date {
        day: String,
        month: String,
        year: String,
    },
    /// A tick box, or yes (`true`) / no (`false`).
    Checked(bool),
    /// The ticked options of a multiple choice, by value.
    Choices(Vec<String>),
    /// The parts of an address, by part key (`street`, `house_number`, …).
    Parts(BTreeMap<String, String>),
    /// The items of a repeatable group.
    Items(Vec<GroupItem>),
    /// Files already uploaded for a file field, as the server described them.
    Files(Vec<FileRef>),
}

/// Raw values of all fields touched so far, by field key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    values: BTreeMap<FieldKey, RawValue>,
}

/// A draft as kept on the device between visits, with the form version it was typed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub version: u32,
    pub draft: Draft,
}

/// What became of a saved draft when the form was opened again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restored {
    /// The same version: everything is back.
    Complete,
    /// The form changed since: what still fits was taken over.
    Migrated,
}

impl SavedDraft {
    /// The draft for `version` of `definition`: all of it if the version is the same, otherwise
    /// the answers to fields that still exist with an input of the same shape. `None` when
    /// nothing is left.
    pub fn restore(self, version: u32, definition: &FormDefinition) -> Option<(Draft, Restored)> {
        if self.version == version {
            return (!self.draft.is_empty()).then_some((self.draft, Restored::Complete));
        }
        let values: BTreeMap<FieldKey, RawValue> = self
            .draft
            .values
            .into_iter()
            .filter(|(key, raw)| {
                definition
                    .field(key)
                    .is_some_and(|field| fits(&field.kind, raw))
            })
            .collect();
        (!values.is_empty()).then_some((Draft { values }, Restored::Migrated))
    }
}

/// Whether a raw value has the shape the control of `kind` produces.
fn fits(kind: &FieldKind, raw: &RawValue) -> bool {
    match raw {
        RawValue::Text(_) => {
            kind.takes_input()
                && !matches!(
                    kind,
                    FieldKind::Date
                        | FieldKind::Checkbox
                        | FieldKind::YesNo
                        | FieldKind::MultipleChoice { .. }
                        | FieldKind::Address { .. }
                        | FieldKind::Group { .. }
                        | FieldKind::File { .. }
                )
        }
        RawValue::Date { .. } => *kind == FieldKind::Date,
        RawValue::Checked(_) => matches!(kind, FieldKind::Checkbox | FieldKind::YesNo),
        RawValue::Choices(_) => matches!(kind, FieldKind::MultipleChoice { .. }),
        RawValue::Parts(_) => matches!(kind, FieldKind::Address { .. }),
        // Each item's answers must fit the group's fields as they are now.
        RawValue::Items(items) => match kind {
            FieldKind::Group { fields, .. } => items.iter().all(|item| {
                item.iter().all(|(key, raw)| {
                    fields
                        .iter()
                        .find(|field| &field.key == key)
                        .is_some_and(|field| fits(&field.kind, raw))
                })
            }),
            _ => false,
        },
        RawValue::Files(_) => matches!(kind, FieldKind::File { .. }),
    }
}

impl Draft {
    /// The raw value of `key`, if the citizen touched that field.
    pub fn get(&self, key: &FieldKey) -> Option<&RawValue> {
        self.values.get(key)
    }

    /// Records what is now in `key`'s control.
    pub fn set(&mut self, key: FieldKey, value: RawValue) {
        self.values.insert(key, value);
    }

    /// Whether nothing was entered yet.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The answers to send or validate: one per non-empty field of `definition`. Groups that
    /// were never touched count with the items they are shown with.
    pub fn answers(&self, definition: &FormDefinition) -> Answers {
        definition
            .fields()
            .filter_map(|field| {
                let value = match (&field.kind, self.values.get(&field.key)) {
                    (FieldKind::Group { .. }, raw) => {
                        group_answer(field, &group_items(field, raw))?
                    }
                    (_, raw) => answer_value(field, raw?)?,
                };
                Some((field.key.clone(), value))
            })
            .collect()
    }
}

/// The items a group shows: the entered ones, or as many empty ones as it starts with.
pub fn group_items(field: &Field, raw: Option<&RawValue>) -> Vec<GroupItem> {
    match raw {
        Some(RawValue::Items(items)) => items.clone(),
        _ => vec![GroupItem::new(); initial_items(field)],
    }
}

/// How many (empty) items a group starts with: its minimum, and one if it is required.
pub fn initial_items(field: &Field) -> usize {
    match &field.kind {
        FieldKind::Group { min_items, .. } => (*min_items).max(usize::from(field.required)),
        _ => 0,
    }
}

/// The answer a raw value stands for; `None` for "not answered".
pub fn answer_value(field: &Field, raw: &RawValue) -> Option<AnswerValue> {
    let kind = &field.kind;
    match raw {
        RawValue::Checked(checked) => Some(AnswerValue::Bool(*checked)),
        RawValue::Date { day, month, year } => {
            compose_date(day, month, year).map(AnswerValue::Text)
        }
        RawValue::Text(text) if text.trim().is_empty() => None,
        // A number that does not parse is still sent as text, so the shared validator names the
        // problem ("not a whole number") instead of the client silently dropping it.
        RawValue::Text(text) if matches!(kind, FieldKind::Integer) => Some(
            text.trim()
                .parse::<i64>()
                .map_or_else(|_| AnswerValue::Text(text.clone()), AnswerValue::Integer),
        ),
        RawValue::Text(text) => Some(AnswerValue::Text(text.clone())),
        RawValue::Choices(values) if values.is_empty() => None,
        RawValue::Choices(values) => Some(AnswerValue::List(
            values.iter().cloned().map(AnswerValue::Text).collect(),
        )),
        RawValue::Parts(parts) => {
            let with_country = matches!(kind, FieldKind::Address { with_country: true });
            let object: BTreeMap<String, AnswerValue> = parts
                .iter()
                .filter(|(part, text)| {
                    !text.trim().is_empty() && (with_country || part.as_str() != "country")
                })
                .map(|(part, text)| (part.clone(), AnswerValue::Text(text.clone())))
                .collect();
            (!object.is_empty()).then_some(AnswerValue::Object(object))
        }
        RawValue::Items(items) => group_answer(field, items),
        RawValue::Files(files) if files.is_empty() => None,
        RawValue::Files(files) => Some(AnswerValue::List(
            files
                .iter()
                .map(|file| {
                    let text = |text: &str| AnswerValue::Text(text.to_owned());
                    AnswerValue::Object(BTreeMap::from([
                        ("id".to_owned(), text(&file.id.to_string())),
                        ("name".to_owned(), text(&file.name)),
                        (
                            "size".to_owned(),
                            AnswerValue::Integer(i64::try_from(file.size).unwrap_or(i64::MAX)),
                        ),
                        ("media_type".to_owned(), text(&file.media_type)),
                    ]))
                })
                .collect(),
        )),
    }
}

/// A group's answer: one object per shown item. When every item is still empty, an optional
/// group counts as not answered; a required one is sent as it is, so the validator names the
/// missing answers of the items the citizen sees (and error paths match the shown items).
fn group_answer(field: &Field, items: &[GroupItem]) -> Option<AnswerValue> {
    let FieldKind::Group { fields, .. } = &field.kind else {
        return None;
    };
    let objects: Vec<BTreeMap<String, AnswerValue>> = items
        .iter()
        .map(|item| {
            fields
                .iter()
                .filter_map(|child| {
                    let value = answer_value(child, item.get(&child.key)?)?;
                    Some((child.key.as_str().to_owned(), value))
                })
                .collect()
        })
        .collect();
    let all_empty = objects.iter().all(BTreeMap::is_empty);
    if objects.is_empty() || (all_empty && !field.required) {
        return None;
    }
    Some(AnswerValue::List(
        objects.into_iter().map(AnswerValue::Object).collect(),
    ))
}

/// `YYYY-MM-DD` from day, month and year as typed; `None` if all three are empty.
///
/// A partly filled or non-numeric date is returned in a form that fails to parse, so the
/// validator reports it as an invalid date rather than as missing.
pub fn compose_date(day: &str, month: &str, year: &str) -> Option<String> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return None;
    }
    let numeric = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if numeric(day)
        && numeric(month)
        && numeric(year)
        && day.len() <= 2
        && month.len() <= 2
        && year.len() == 4
    {
        Some(format!("{year}-{month:0>2}-{day:0>2}"))
    } else {
        Some(format!("{year}-{month}-{day}"))
    }
}

/// How the answer to `field` reads in the check-your-answers list, from what was typed (used
/// when no validated value is at hand).
pub fn display_answer(field: &Field, raw: Option<&RawValue>, lang: Lang) -> String {
    let not_answered = || Msg::NotAnswered.text(lang);
    let Some(raw) = raw else {
        return match field.kind {
            FieldKind::Checkbox => Msg::No.text(lang),
            _ => not_answered(),
        };
    };
    match (&field.kind, raw) {
        (_, RawValue::Checked(true)) => Msg::Yes.text(lang),
        (_, RawValue::Checked(false)) => Msg::No.text(lang),
        (_, RawValue::Date { day, month, year }) => match compose_date(day, month, year) {
            None => not_answered(),
            Some(iso) => iso
                .parse::<CalendarDate>()
                .map_or(iso, CalendarDate::to_german),
        },
        (_, RawValue::Text(text)) if text.trim().is_empty() => not_answered(),
        (FieldKind::Choice { options, .. }, RawValue::Text(value)) => options
            .iter()
            .find(|option| &option.value == value)
            .map_or_else(|| value.clone(), |option| option.label.get(lang).to_owned()),
        (_, RawValue::Text(text)) => text.trim().to_owned(),
        (FieldKind::MultipleChoice { options, .. }, RawValue::Choices(values)) => {
            let labels: Vec<&str> = options
                .iter()
                .filter(|option| values.contains(&option.value))
                .map(|option| option.label.get(lang))
                .collect();
            if labels.is_empty() {
                not_answered()
            } else {
                labels.join(", ")
            }
        }
        (_, RawValue::Parts(parts)) => {
            let text = |key: &str| parts.get(key).map_or("", |text| text.trim());
            let line = address_line(
                text("street"),
                text("house_number"),
                text("postal_code"),
                text("city"),
                Some(text("country")),
            );
            if line.is_empty() {
                not_answered()
            } else {
                line
            }
        }
        (FieldKind::Group { fields, .. }, RawValue::Items(items)) if !items.is_empty() => {
            items_text(field, fields, items, lang, |child, item| {
                display_answer(child, item.get(&child.key), lang)
            })
        }
        _ => not_answered(),
    }
}

/// How a validated (or computed) answer to `field` reads in the check-your-answers list.
pub fn display_typed(field: &Field, value: &TypedValue, lang: Lang) -> String {
    match (&field.kind, value) {
        (FieldKind::Choice { options, .. }, TypedValue::Text(value)) => options
            .iter()
            .find(|option| &option.value == value)
            .map_or_else(|| value.clone(), |option| option.label.get(lang).to_owned()),
        // Printed in groups of four, as on bank cards and statements.
        (FieldKind::Iban, TypedValue::Text(iban)) => iban
            .chars()
            .collect::<Vec<_>>()
            .chunks(4)
            .map(|chunk| chunk.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" "),
        (_, TypedValue::Text(text)) => text.clone(),
        (FieldKind::Money, TypedValue::Integer(cents)) => format_money(*cents, lang),
        (_, TypedValue::Integer(number)) => number.to_string(),
        (
            FieldKind::Computed {
                display: ComputedDisplay::Money,
                ..
            },
            TypedValue::Decimal(number),
        ) => number.to_cents().map_or_else(
            || format_decimal(*number, lang),
            |cents| format_money(cents, lang),
        ),
        (_, TypedValue::Decimal(number)) => format_decimal(*number, lang),
        (_, TypedValue::Date(date)) => date.to_german(),
        (_, TypedValue::Bool(true)) => Msg::Yes.text(lang),
        (_, TypedValue::Bool(false)) => Msg::No.text(lang),
        (FieldKind::MultipleChoice { options, .. }, TypedValue::List(values)) => options
            .iter()
            .filter(|option| values.contains(&option.value))
            .map(|option| option.label.get(lang))
            .collect::<Vec<_>>()
            .join(", "),
        (_, TypedValue::List(values)) => values.join(", "),
        (_, TypedValue::Files(files)) => files
            .iter()
            .map(|file| file.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        (_, TypedValue::Address(address)) => format_address(address),
        (FieldKind::Group { fields, .. }, TypedValue::Group(items)) => {
            items_text(field, fields, items, lang, |child, item| {
                item.get(&child.key).map_or_else(
                    || match child.kind {
                        FieldKind::Checkbox => Msg::No.text(lang),
                        _ => Msg::NotAnswered.text(lang),
                    },
                    |value| display_typed(child, value, lang),
                )
            })
        }
        (_, TypedValue::Group(items)) => items.len().to_string(),
    }
}

/// An address on one line: `Musterstraße 1, 01067 Dresden, Deutschland`.
pub fn format_address(address: &Address) -> String {
    address_line(
        &address.street,
        &address.house_number,
        &address.postal_code,
        &address.city,
        address.country.as_deref(),
    )
}

fn address_line(
    street: &str,
    house_number: &str,
    postal_code: &str,
    city: &str,
    country: Option<&str>,
) -> String {
    let join = |a: &str, b: &str| {
        [a, b]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        join(street, house_number),
        join(postal_code, city),
        country.unwrap_or_default().to_owned(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// A group's items for the summary: "Hund 1", then "Name: Bello" per child that takes input,
/// items separated by a blank line.
fn items_text<T>(
    field: &Field,
    children: &[Field],
    items: &[T],
    lang: Lang,
    answer: impl Fn(&Field, &T) -> String,
) -> String {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let lines: Vec<String> = children
                .iter()
                .filter(|child| child.kind.takes_input())
                .map(|child| format!("{}: {}", child.label.get(lang), answer(child, item)))
                .collect();
            format!(
                "{} {}\n{}",
                field.label.get(lang),
                index + 1,
                lines.join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The labels of the address parts in `lang`, with their keys and autocomplete tokens.
pub fn address_parts(
    with_country: bool,
    lang: Lang,
) -> Vec<(&'static str, &'static str, &'static str)> {
    ADDRESS_PARTS
        .iter()
        .filter(|(key, ..)| with_country || *key != "country")
        .map(|(key, de, en, token)| (*key, if lang == Lang::En { *en } else { *de }, *token))
        .collect()
}

/// An amount of money: `1.234,50 €` in German, `€1,234.50` in English.
pub fn format_money(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    let (euros, rest) = (magnitude / 100, magnitude % 100);
    let digits = euros.to_string();
    let separator = if lang == Lang::En { ',' } else { '.' };
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    if lang == Lang::En {
        format!("{sign}€{grouped}.{rest:02}")
    } else {
        format!("{sign}{grouped},{rest:02}\u{a0}€")
    }
}

/// A number with a decimal comma in German (`12,5`), a point in English.
pub fn format_decimal(number: Decimal, lang: Lang) -> String {
    let text = number.to_string();
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use shared::{ChoiceDisplay, ChoiceOption, LocalizedText};

    use super::*;

    fn field(kind: FieldKind) -> Field {
        Field {
            key: "feld".parse().unwrap(),
            label: LocalizedText::de("Feld"),
            hint: None,
            kind,
            required: false,
            required_if: None,
            visible_if: None,
            rules: Vec::new(),
            autocomplete: None,
        }
    }

    #[test]
    fn dates_are_zero_padded_when_complete() {
        assert_eq!(
            compose_date("5", "3", "2026").as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(
            compose_date(" 27 ", "12", "1999").as_deref(),
            Some("1999-12-27")
        );
        assert_eq!(compose_date("", "", ""), None);
    }

    #[test]
    fn partly_filled_dates_fail_to_parse() {
        for (day, month, year) in [
            ("5", "", "2026"),
            ("5", "3", "26"),
            ("a", "3", "2026"),
            ("123", "3", "2026"),
        ] {
            let composed = compose_date(day, month, year).unwrap();
            assert!(composed.parse::<CalendarDate>().is_err(), "{composed}");
        }
    }

    #[test]
    fn integers_parse_or_stay_text_for_the_validator() {
        let integer = field(FieldKind::Integer);
        assert_eq!(
            answer_value(&integer, &RawValue::Text(" 42 ".into())),
            Some(AnswerValue::Integer(42))
        );
        assert_eq!(
            answer_value(&integer, &RawValue::Text("4,5".into())),
            Some(AnswerValue::Text("4,5".into()))
        );
        assert_eq!(answer_value(&integer, &RawValue::Text("  ".into())), None);
        assert_eq!(
            answer_value(&field(FieldKind::Checkbox), &RawValue::Checked(false)),
            Some(AnswerValue::Bool(false))
        );
        assert_eq!(
            answer_value(&field(FieldKind::Money), &RawValue::Text("12,5".into())),
            Some(AnswerValue::Text("12,5".into()))
        );
    }

    #[test]
    fn composite_answers_have_the_shared_shapes() {
        let address = field(FieldKind::Address {
            with_country: false,
        });
        let parts: BTreeMap<String, String> = [
            ("street", "Markt"),
            ("house_number", "1"),
            ("country", "Ignoriert"),
            ("city", " "),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
        let Some(AnswerValue::Object(object)) = answer_value(&address, &RawValue::Parts(parts))
        else {
            panic!("an object");
        };
        assert_eq!(
            object.keys().collect::<Vec<_>>(),
            ["house_number", "street"],
            "empty parts and an unasked country are left out"
        );

        let choices = field(FieldKind::MultipleChoice {
            options: Vec::new(),
            min_selections: None,
            max_selections: None,
        });
        assert_eq!(answer_value(&choices, &RawValue::Choices(Vec::new())), None);
        assert_eq!(
            answer_value(&choices, &RawValue::Choices(vec!["a".into()])),
            Some(AnswerValue::List(vec![AnswerValue::Text("a".into())]))
        );

        let mut group = field(FieldKind::Group {
            fields: vec![Field {
                key: "name".parse().unwrap(),
                ..field(FieldKind::Text)
            }],
            min_items: 1,
            max_items: 3,
        });
        let empty = RawValue::Items(vec![GroupItem::new()]);
        assert_eq!(
            answer_value(&group, &empty),
            None,
            "an untouched optional group is not answered"
        );
        group.required = true;
        assert_eq!(
            answer_value(&group, &empty),
            Some(AnswerValue::List(vec![
                AnswerValue::Object(BTreeMap::new())
            ]))
        );
        let filled = RawValue::Items(vec![
            GroupItem::new(),
            [("name".parse().unwrap(), RawValue::Text("Bello".into()))].into(),
        ]);
        let Some(AnswerValue::List(items)) = answer_value(&group, &filled) else {
            panic!("a list");
        };
        assert_eq!(items.len(), 2, "item positions match what is shown");
    }

    #[test]
    fn money_and_numbers_read_the_german_way() {
        assert_eq!(format_money(3750, Lang::De), "37,50\u{a0}€");
        assert_eq!(format_money(123_456_789, Lang::De), "1.234.567,89\u{a0}€");
        assert_eq!(format_money(-5, Lang::De), "-0,05\u{a0}€");
        assert_eq!(format_money(3750, Lang::En), "€37.50");
        let number = Decimal::parse("12.5").unwrap();
        assert_eq!(format_decimal(number, Lang::De), "12,5");
        let computed = field(FieldKind::Computed {
            expression: shared::schema::Expression("1".into()),
            display: ComputedDisplay::Money,
        });
        assert_eq!(
            display_typed(
                &computed,
                &TypedValue::Decimal(Decimal::from_int(216)),
                Lang::De
            ),
            "216,00\u{a0}€"
        );
        assert_eq!(
            display_typed(
                &field(FieldKind::Money),
                &TypedValue::Integer(1250),
                Lang::De
            ),
            "12,50\u{a0}€"
        );
        assert_eq!(
            display_typed(&field(FieldKind::YesNo), &TypedValue::Bool(false), Lang::De),
            "Nein"
        );
        assert_eq!(
            display_typed(
                &field(FieldKind::Iban),
                &TypedValue::Text("DE89370400440532013000".into()),
                Lang::De
            ),
            "DE89 3704 0044 0532 0130 00"
        );
    }

    #[test]
    fn answers_read_naturally_in_the_summary() {
        let date = field(FieldKind::Date);
        let raw = RawValue::Date {
            day: "3".into(),
            month: "10".into(),
            year: "2026".into(),
        };
        assert_eq!(display_answer(&date, Some(&raw), Lang::De), "03.10.2026");
        assert_eq!(display_answer(&date, None, Lang::De), "Nicht angegeben");

        let choice = field(FieldKind::Choice {
            options: vec![ChoiceOption {
                value: "rad".into(),
                label: LocalizedText::new("Fahrrad", "Bicycle"),
            }],
            display: ChoiceDisplay::Radio,
        });
        assert_eq!(
            display_answer(&choice, Some(&RawValue::Text("rad".into())), Lang::En),
            "Bicycle"
        );

        let multiple = field(FieldKind::MultipleChoice {
            options: vec![
                ChoiceOption {
                    value: "a".into(),
                    label: LocalizedText::de("Alpha"),
                },
                ChoiceOption {
                    value: "b".into(),
                    label: LocalizedText::de("Beta"),
                },
            ],
            min_selections: None,
            max_selections: None,
        });
        assert_eq!(
            display_typed(
                &multiple,
                &TypedValue::List(vec!["a".into(), "b".into()]),
                Lang::De
            ),
            "Alpha, Beta"
        );

        let checkbox = field(FieldKind::Checkbox);
        assert_eq!(
            display_answer(&checkbox, Some(&RawValue::Checked(true)), Lang::De),
            "Ja"
        );
        assert_eq!(display_answer(&checkbox, None, Lang::De), "Nein");

        let text = field(FieldKind::Text);
        assert_eq!(
            display_answer(&text, Some(&RawValue::Text("  ".into())), Lang::En),
            "Not provided"
        );

        let address = Address {
            street: "Markt".into(),
            house_number: "1a".into(),
            postal_code: "01067".into(),
            city: "Dresden".into(),
            country: None,
        };
        assert_eq!(format_address(&address), "Markt 1a, 01067 Dresden");
    }
}
