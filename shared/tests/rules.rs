//! Every field kind and rule of the validator, with boundary values and German inputs.

#![allow(
    clippy::unwrap_used,
    reason = "fixtures are constants; a failure should fail the test"
)]

use serde_json::json;
use shared::logic::Decimal;
use shared::{
    AnswerValue, Answers, CalendarDate, CompiledForm, FieldErrorKind, FieldKey, FormDefinition,
    Lang, TypedValue,
};

/// A one-field form with the given field JSON (key `feld`, label "Feld").
fn form(field: serde_json::Value) -> CompiledForm {
    let mut field = field;
    field["key"] = json!("feld");
    field["label"] = json!({ "de": "Feld", "en": "Field" });
    let definition: FormDefinition = serde_json::from_value(json!({
        "slug": "test",
        "title": { "de": "Test" },
        "pages": [{ "title": { "de": "Seite" }, "fields": [field] }]
    }))
    .unwrap();
    CompiledForm::new(definition).unwrap()
}

fn today() -> CalendarDate {
    "2026-11-23".parse().unwrap()
}

fn key() -> FieldKey {
    "feld".parse().unwrap()
}

/// Validates a single answer (`None`: no answer) and returns the typed value or the error code.
fn check(
    form: &CompiledForm,
    answer: Option<AnswerValue>,
) -> Result<Option<TypedValue>, FieldErrorKind> {
    let mut answers = Answers::new();
    if let Some(answer) = answer {
        answers.set(key(), answer);
    }
    match form.validate(&answers, today()) {
        Ok(valid) => Ok(valid.get(&key()).cloned()),
        Err(errors) => {
            assert_eq!(errors.len(), 1, "one error per field");
            assert_eq!(errors[0].field.as_str(), "feld");
            Err(errors[0].kind.clone())
        }
    }
}

fn text(value: &str) -> Option<AnswerValue> {
    Some(AnswerValue::Text(value.to_owned()))
}

#[test]
fn required_rejects_missing_empty_and_blank_answers() {
    let required = form(json!({ "type": "text", "required": true }));
    for answer in [None, text(""), text("   \t")] {
        assert_eq!(check(&required, answer), Err(FieldErrorKind::Required));
    }
    assert_eq!(
        check(&required, text(" Rucksack ")),
        Ok(Some(TypedValue::Text("Rucksack".into())))
    );
    let optional = form(json!({ "type": "text" }));
    assert_eq!(check(&optional, None), Ok(None));
    assert_eq!(check(&optional, text("  ")), Ok(None));
}

#[test]
fn null_answers_count_as_missing() {
    let answers: Answers = serde_json::from_value(json!({ "feld": null })).unwrap();
    let required = form(json!({ "type": "text", "required": true }));
    let errors = required.validate(&answers, today()).unwrap_err();
    assert_eq!(errors[0].kind, FieldErrorKind::Required);
}

#[test]
fn length_rules_count_characters_not_bytes_at_the_boundaries() {
    let field = form(json!({ "type": "text", "rules": [
        { "rule": "min_length", "min": 3 }, { "rule": "max_length", "max": 5 } ] }));
    assert_eq!(
        check(&field, text("ab")),
        Err(FieldErrorKind::TooShort { min: 3 })
    );
    assert!(check(&field, text("abc")).is_ok());
    // "Straß" is five characters but six bytes.
    assert!(check(&field, text("Straß")).is_ok());
    assert!(check(&field, text("ÄÖÜäß")).is_ok());
    assert_eq!(
        check(&field, text("Straße")),
        Err(FieldErrorKind::TooLong { max: 5 })
    );
}

#[test]
fn every_text_has_a_hard_length_limit() {
    let field = form(json!({ "type": "text" }));
    assert!(check(&field, text(&"a".repeat(1_000))).is_ok());
    assert_eq!(
        check(&field, text(&"a".repeat(1_001))),
        Err(FieldErrorKind::TooLong { max: 1_000 })
    );
    let area = form(json!({ "type": "text_area" }));
    assert!(check(&area, text(&"ä".repeat(10_000))).is_ok());
    assert_eq!(
        check(&area, text(&"ä".repeat(10_001))),
        Err(FieldErrorKind::TooLong { max: 10_000 })
    );
}

#[test]
fn pattern_matches_the_whole_text_with_a_custom_message() {
    let field = form(
        json!({ "type": "text", "rules": [{ "rule": "pattern", "pattern": "[0-9]{5}",
        "message": { "de": "Geben Sie 5 Ziffern an", "en": "Enter 5 digits" } }] }),
    );
    assert_eq!(
        check(&field, text("01067")),
        Ok(Some(TypedValue::Text("01067".into())))
    );
    for bad in ["1067", "010677", "a01067", "01067a", "0106 7"] {
        assert_eq!(
            check(&field, text(bad)),
            Err(FieldErrorKind::PatternMismatch),
            "{bad}"
        );
    }
    let mut answers = Answers::new();
    answers.set(key(), AnswerValue::Text("123".into()));
    let error = &field.validate(&answers, today()).unwrap_err()[0];
    assert_eq!(error.message.get(Lang::De), "Geben Sie 5 Ziffern an");
    assert_eq!(error.message.get(Lang::En), "Enter 5 digits");
}

#[test]
fn email_accepts_common_and_international_addresses_only() {
    let field = form(json!({ "type": "email" }));
    for good in [
        "a@b.de",
        "vorname.nachname+tag@stadt-musterstadt.de",
        "müller@bürgeramt.de",
    ] {
        assert!(check(&field, text(good)).is_ok(), "{good}");
    }
    for bad in [
        "keine-adresse",
        "a@b",
        "@b.de",
        "a@.de",
        "a@b.d",
        "a b@c.de",
        "a@b..de",
        ".a@b.de",
        "a@-b.de",
        "a@@b.de",
    ] {
        assert_eq!(
            check(&field, text(bad)),
            Err(FieldErrorKind::InvalidEmail),
            "{bad}"
        );
    }
}

#[test]
fn dates_must_exist_and_may_be_limited_to_the_past() {
    let field = form(json!({ "type": "date", "rules": [{ "rule": "date_not_in_future" }] }));
    assert_eq!(
        check(&field, text("2026-11-23")),
        Ok(Some(TypedValue::Date(today())))
    );
    assert_eq!(
        check(&field, text("2026-11-24")),
        Err(FieldErrorKind::DateInFuture)
    );
    assert_eq!(
        check(&field, text("2024-02-29")).map(|value| value.is_some()),
        Ok(true)
    );
    for bad in [
        "2026-02-29",
        "2026-13-01",
        "23.11.2026",
        "2026-11",
        "morgen",
    ] {
        assert_eq!(
            check(&field, text(bad)),
            Err(FieldErrorKind::InvalidDate),
            "{bad}"
        );
    }
    let any_date = form(json!({ "type": "date" }));
    assert!(check(&any_date, text("2099-01-01")).is_ok());
}

#[test]
fn whole_numbers_accept_numbers_and_numeric_text_within_range() {
    let field = form(json!({ "type": "integer", "rules": [
        { "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": 1000 } ] }));
    assert_eq!(
        check(&field, Some(AnswerValue::Integer(0))),
        Ok(Some(TypedValue::Integer(0)))
    );
    assert_eq!(
        check(&field, Some(AnswerValue::Integer(1000))),
        Ok(Some(TypedValue::Integer(1000)))
    );
    assert_eq!(
        check(&field, text(" 42 ")),
        Ok(Some(TypedValue::Integer(42)))
    );
    assert_eq!(
        check(&field, Some(AnswerValue::Integer(-1))),
        Err(FieldErrorKind::TooSmall {
            min: Decimal::from_int(0)
        })
    );
    assert_eq!(
        check(&field, Some(AnswerValue::Integer(1001))),
        Err(FieldErrorKind::TooLarge {
            max: Decimal::from_int(1000)
        })
    );
    for bad in ["zwölf", "1,5", "1.5", "1e3", "99999999999999999999"] {
        assert_eq!(
            check(&field, text(bad)),
            Err(FieldErrorKind::NotAWholeNumber),
            "{bad}"
        );
    }
}

#[test]
fn choices_accept_only_offered_values() {
    let field = form(json!({ "type": "choice", "required": true, "options": [
        { "value": "ja", "label": { "de": "Ja" } }, { "value": "nein", "label": { "de": "Nein" } } ] }));
    assert_eq!(
        check(&field, text("nein")),
        Ok(Some(TypedValue::Text("nein".into())))
    );
    assert_eq!(check(&field, text("Ja")), Err(FieldErrorKind::NotAnOption));
    assert_eq!(
        check(&field, text("vielleicht")),
        Err(FieldErrorKind::NotAnOption)
    );
    assert_eq!(check(&field, None), Err(FieldErrorKind::Required));
}

#[test]
fn required_checkbox_must_be_ticked() {
    let consent = form(json!({ "type": "checkbox", "required": true }));
    assert_eq!(
        check(&consent, Some(AnswerValue::Bool(true))),
        Ok(Some(TypedValue::Bool(true)))
    );
    assert_eq!(
        check(&consent, Some(AnswerValue::Bool(false))),
        Err(FieldErrorKind::Required)
    );
    assert_eq!(check(&consent, None), Err(FieldErrorKind::Required));
    assert_eq!(
        check(&consent, text("true")),
        Err(FieldErrorKind::WrongType)
    );
    let optional = form(json!({ "type": "checkbox" }));
    assert_eq!(check(&optional, None), Ok(Some(TypedValue::Bool(false))));
}

#[test]
fn values_of_the_wrong_json_type_are_rejected() {
    let field = form(json!({ "type": "text" }));
    assert_eq!(
        check(&field, Some(AnswerValue::Bool(true))),
        Err(FieldErrorKind::WrongType)
    );
    assert_eq!(
        check(&field, Some(AnswerValue::Integer(3))),
        Err(FieldErrorKind::WrongType)
    );
}

#[test]
fn messages_name_the_field_in_german_and_english() {
    let field = form(json!({ "type": "text", "required": true }));
    let errors = field.validate(&Answers::new(), today()).unwrap_err();
    assert_eq!(errors[0].message.get(Lang::De), "Füllen Sie „Feld“ aus");
    assert_eq!(errors[0].message.get(Lang::En), "Enter “Field”");
    let wire = serde_json::to_value(&errors[0]).unwrap();
    assert_eq!(wire["code"], "required");
    assert_eq!(wire["field"], "feld");
    let too_long = form(json!({ "type": "text", "rules": [{ "rule": "max_length", "max": 2 }] }));
    let mut answers = Answers::new();
    answers.set(key(), AnswerValue::Text("abc".into()));
    let wire = serde_json::to_value(&too_long.validate(&answers, today()).unwrap_err()[0]).unwrap();
    assert_eq!(
        (wire["code"].as_str(), wire["max"].as_u64()),
        (Some("too_long"), Some(2))
    );
}

#[test]
fn unknown_answer_keys_are_dropped() {
    let field = form(json!({ "type": "text" }));
    let answers: Answers = serde_json::from_value(json!({ "feld": "a", "fremd": "b" })).unwrap();
    let valid = field.validate(&answers, today()).unwrap();
    assert_eq!(
        serde_json::to_value(&valid).unwrap(),
        json!({ "feld": "a" })
    );
}

#[test]
fn validate_page_checks_only_that_page() {
    let definition: FormDefinition = serde_json::from_value(json!({
        "slug": "zwei-seiten", "title": { "de": "Zwei Seiten" },
        "pages": [
            { "title": { "de": "Eins" }, "fields": [{ "key": "a", "label": { "de": "A" }, "type": "text", "required": true }] },
            { "title": { "de": "Zwei" }, "fields": [{ "key": "b", "label": { "de": "B" }, "type": "text", "required": true }] }
        ]
    }))
    .unwrap();
    let form = CompiledForm::new(definition).unwrap();
    let errors = form.validate_page(1, &Answers::new(), today());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field.as_str(), "b");
    assert!(form.validate_page(7, &Answers::new(), today()).is_empty());
}

#[test]
fn definition_mistakes_are_reported_with_their_path() {
    let definition: FormDefinition = serde_json::from_value(json!({
        "slug": "kaputt", "title": { "de": " " },
        "pages": [
            { "title": { "de": "Eins" }, "fields": [
                { "key": "a", "label": { "de": "A" }, "type": "text", "rules": [{ "rule": "pattern", "pattern": "(", "message": { "de": "x" } }] },
                { "key": "a", "label": { "de": "" }, "type": "choice", "options": [] },
                { "key": "n", "label": { "de": "N" }, "type": "integer", "rules": [
                    { "rule": "min_value", "min": 5 }, { "rule": "max_value", "max": 1 }, { "rule": "max_length", "max": 3 } ] }
            ]},
            { "title": { "de": "Leer" }, "fields": [] }
        ]
    }))
    .unwrap();
    let errors = CompiledForm::new(definition).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "title",
            "pages[0].fields[0].rules[0]",
            "pages[0].fields[1].label",
            "pages[0].fields[1].options",
            "pages[0].fields[2].rules[2]",
            "pages[0].fields[2].rules",
            "pages[1].fields",
            "pages[0].fields[1].key",
        ]
    );
}

#[test]
fn overlong_or_huge_patterns_are_refused() {
    let definition = |pattern: String| -> FormDefinition {
        serde_json::from_value(json!({
            "slug": "p", "title": { "de": "P" },
            "pages": [{ "title": { "de": "S" }, "fields": [{ "key": "a", "label": { "de": "A" }, "type": "text",
                "rules": [{ "rule": "pattern", "pattern": pattern, "message": { "de": "x" } }] }] }]
        }))
        .unwrap()
    };
    assert!(
        CompiledForm::new(definition(
            "a".repeat(shared::validation::MAX_PATTERN_LEN + 1)
        ))
        .is_err()
    );
    assert!(CompiledForm::new(definition("(a{1,100}){1,100}".into())).is_err());
}
