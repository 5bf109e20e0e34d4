//! The citizen's draft of one form: what was typed into each control, exactly as typed.
//!
//! Raw input is kept as entered (so nothing is lost or reformatted after an error, WCAG 3.3.7)
//! and turned into [`Answers`] only for validation and submission, where `shared` decides what
//! is valid. This module also renders answers for the check-your-answers list.

use std::collections::BTreeMap;

use shared::{
    AnswerValue, Answers, CalendarDate, Field, FieldKey, FieldKind, FormDefinition, Lang,
};

use crate::i18n::Msg;

/// What a citizen entered into one field's control(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// Text, e-mail, number or chosen option value.
    Text(String),
    /// The three parts of a date input.
    Date {
        day: String,
        month: String,
        year: String,
    },
    /// A tick box.
    Checked(bool),
}

/// Raw values of all fields touched so far, by field key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    values: BTreeMap<FieldKey, RawValue>,
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

    /// The answers to send or validate: one per non-empty field of `definition`.
    pub fn answers(&self, definition: &FormDefinition) -> Answers {
        definition
            .fields()
            .filter_map(|field| {
                let raw = self.values.get(&field.key)?;
                Some((field.key.clone(), answer_value(&field.kind, raw)?))
            })
            .collect()
    }
}

/// The answer a raw value stands for; `None` for "not answered".
pub fn answer_value(kind: &FieldKind, raw: &RawValue) -> Option<AnswerValue> {
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
    }
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

/// How the answer to `field` reads in the check-your-answers list.
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
        assert_eq!(
            answer_value(&FieldKind::Integer, &RawValue::Text(" 42 ".into())),
            Some(AnswerValue::Integer(42))
        );
        assert_eq!(
            answer_value(&FieldKind::Integer, &RawValue::Text("4,5".into())),
            Some(AnswerValue::Text("4,5".into()))
        );
        assert_eq!(
            answer_value(&FieldKind::Integer, &RawValue::Text("  ".into())),
            None
        );
        assert_eq!(
            answer_value(&FieldKind::Checkbox, &RawValue::Checked(false)),
            Some(AnswerValue::Bool(false))
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
    }
}
