//! Golden tests for the field kinds and rules added for the full form engine (issue 3): German
//! inputs, boundary values, conditional logic, groups and computed values.

#![allow(
    clippy::unwrap_used,
    reason = "fixtures are constants; a failure should fail the test"
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "JSON fixtures read best passed by value"
)]

use serde_json::{Value as Json, json};
use shared::{Answers, CalendarDate, CompiledForm, FormDefinition};

fn compile(fields: Json) -> CompiledForm {
    compile_pages(json!([{ "title": { "de": "Seite" }, "fields": fields }]))
}

fn compile_pages(pages: Json) -> CompiledForm {
    let definition: FormDefinition = serde_json::from_value(
        json!({ "slug": "test", "title": { "de": "Test" }, "pages": pages }),
    )
    .unwrap();
    CompiledForm::new(definition).unwrap_or_else(|errors| panic!("{errors:?}"))
}

fn today() -> CalendarDate {
    "2026-11-23".parse().unwrap()
}

/// Validates `answers` and returns either the stored JSON or the error codes by path.
fn run(form: &CompiledForm, answers: Json) -> Result<Json, Vec<(String, String)>> {
    let answers: Answers = serde_json::from_value(answers).unwrap();
    match form.validate(&answers, today()) {
        Ok(valid) => Ok(serde_json::to_value(&valid).unwrap()),
        Err(errors) => Err(errors
            .iter()
            .map(|error| {
                let wire = serde_json::to_value(error).unwrap();
                (
                    error.field.to_string(),
                    wire["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()),
    }
}

fn one(kind: Json) -> CompiledForm {
    let mut field = kind;
    field["key"] = json!("feld");
    field["label"] = json!({ "de": "Feld" });
    compile(json!([field]))
}

fn accepts(form: &CompiledForm, input: Json, stored: Json) {
    assert_eq!(
        run(form, json!({ "feld": input })),
        Ok(json!({ "feld": stored })),
        "{input}"
    );
}

fn rejects(form: &CompiledForm, input: Json, code: &str) {
    let result = run(form, json!({ "feld": input }));
    assert_eq!(
        result,
        Err(vec![("feld".to_owned(), code.to_owned())]),
        "{input}"
    );
}

#[test]
fn phone_numbers_as_people_write_them() {
    let form = one(json!({ "type": "phone" }));
    for good in ["0351 123456", "+49 (351) 123-456", "0351/123456"] {
        accepts(&form, json!(good), json!(good));
    }
    for bad in ["123", "0351 abc", "++49 351", "12345678901234567890123"] {
        rejects(&form, json!(bad), "invalid_phone");
    }
}

#[test]
fn decimals_accept_german_and_machine_notation() {
    let form = one(json!({ "type": "decimal", "decimals": 2,
        "rules": [{ "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": "1000.5" }] }));
    accepts(&form, json!("12,5"), json!("12.5"));
    accepts(&form, json!("1.000,50"), json!("1000.5"));
    accepts(&form, json!(12.25), json!("12.25"));
    accepts(&form, json!(7), json!("7"));
    rejects(&form, json!("1,234"), "too_many_decimals");
    rejects(&form, json!("1000,51"), "too_large");
    rejects(&form, json!("-0,01"), "too_small");
    for bad in ["zwölf", "1,2,3", "1.23.4", ",5", "1.2345.678"] {
        rejects(&form, json!(bad), "not_a_number");
    }
}

#[test]
fn money_is_stored_in_cents() {
    let form = one(json!({ "type": "money", "rules": [{ "rule": "min_value", "min": "0.01" }] }));
    accepts(&form, json!("12,50"), json!(1250));
    accepts(&form, json!("12,50 €"), json!(1250));
    accepts(&form, json!("1.234,5"), json!(123_450));
    accepts(&form, json!("0,01"), json!(1));
    rejects(&form, json!("0,00"), "too_small");
    rejects(&form, json!("12,505"), "invalid_amount");
    rejects(&form, json!("zwölf Euro"), "invalid_amount");
}

#[test]
fn times_are_normalised() {
    let form = one(json!({ "type": "time" }));
    accepts(&form, json!("9:05"), json!("09:05"));
    accepts(&form, json!("23.59"), json!("23:59"));
    accepts(&form, json!("1430"), json!("14:30"));
    accepts(&form, json!("930"), json!("09:30"));
    accepts(&form, json!("14 Uhr"), json!("14:00"));
    accepts(&form, json!(" 8.15 Uhr "), json!("08:15"));
    for bad in [
        "24:00", "12:60", "12", "12:5", "ab:cd", "2400", "12345", "Uhr", "1260",
    ] {
        rejects(&form, json!(bad), "invalid_time");
    }
}

#[test]
fn postal_codes_keep_their_leading_zero() {
    let form = one(json!({ "type": "postal_code" }));
    accepts(&form, json!("01067"), json!("01067"));
    accepts(&form, json!(" 01067 "), json!("01067"));
    for bad in ["1067", "010677", "0106a", "00000"] {
        rejects(&form, json!(bad), "invalid_postal_code");
    }
}

#[test]
fn ibans_with_spaces_are_normalised_and_checked() {
    let form = one(json!({ "type": "iban" }));
    accepts(
        &form,
        json!("de89 3704 0044 0532 0130 00"),
        json!("DE89370400440532013000"),
    );
    rejects(&form, json!("DE89 3704 0044 0532 0130 01"), "invalid_iban");
}

#[test]
fn tax_ids_are_checked() {
    let form = one(json!({ "type": "tax_id" }));
    accepts(&form, json!("86 095 742 719"), json!("86095742719"));
    rejects(&form, json!("86095742718"), "invalid_tax_id");
}

#[test]
fn multiple_choice_counts_selections_and_keeps_option_order() {
    let options: Vec<Json> = ["a", "b", "c", "d"]
        .map(|value| json!({ "value": value, "label": { "de": value.to_uppercase() } }))
        .into();
    let form = one(
        json!({ "type": "multiple_choice", "required": true, "min_selections": 2, "max_selections": 3, "options": options }),
    );
    accepts(&form, json!(["c", "a"]), json!(["a", "c"]));
    rejects(&form, json!(["a"]), "too_few_selections");
    rejects(&form, json!(["a", "b", "c", "d"]), "too_many_selections");
    rejects(&form, json!(["a", "x"]), "not_an_option");
    rejects(&form, json!([]), "required");
    rejects(&form, json!("a"), "wrong_type");
}

#[test]
fn yes_no_requires_an_answer_either_way() {
    let form = one(json!({ "type": "yes_no", "required": true }));
    accepts(&form, json!(false), json!(false));
    accepts(&form, json!(true), json!(true));
    assert_eq!(
        run(&form, json!({})),
        Err(vec![("feld".into(), "required".into())])
    );
}

#[test]
fn files_are_checked_for_count_type_and_size() {
    let form = one(
        json!({ "type": "file", "accept": ["application/pdf", "image/*"], "max_size_bytes": 1000, "max_count": 2 }),
    );
    // Upload ids are the server's UUIDs; the name's length makes each distinct.
    let file = |name: &str, size: u64, media_type: &str| json!({ "id": format!("00000000-0000-4000-8000-{:012}", name.len()), "name": name, "size": size, "media_type": media_type });
    accepts(
        &form,
        json!([
            file("a.pdf", 1000, "application/pdf"),
            file("b.jpg", 10, "image/jpeg")
        ]),
        json!([
            file("a.pdf", 1000, "application/pdf"),
            file("b.jpg", 10, "image/jpeg")
        ]),
    );
    rejects(
        &form,
        json!([file("a.pdf", 1001, "application/pdf")]),
        "file_too_large",
    );
    rejects(
        &form,
        json!([file("a.exe", 10, "application/x-msdownload")]),
        "file_type_not_allowed",
    );
    let three = vec![file("a.pdf", 1, "application/pdf"); 3];
    rejects(&form, json!(three), "too_many_files");
    rejects(&form, json!([{ "name": "a.pdf" }]), "wrong_type");
    let mut forged = file("a.pdf", 1, "application/pdf");
    forged["id"] = json!("../../etc/passwd");
    rejects(&form, json!([forged]), "wrong_type");
}

#[test]
fn addresses_report_each_missing_part() {
    let form = one(json!({ "type": "address", "required": true }));
    accepts(
        &form,
        json!({ "street": "Hauptstraße", "house_number": "1a", "postal_code": "01067", "city": "Dresden" }),
        json!({ "street": "Hauptstraße", "house_number": "1a", "postal_code": "01067", "city": "Dresden" }),
    );
    assert_eq!(
        run(
            &form,
            json!({ "feld": { "street": "Hauptstraße", "postal_code": "1067" } })
        ),
        Err(vec![
            ("feld.house_number".into(), "required".into()),
            ("feld.postal_code".into(), "invalid_postal_code".into()),
            ("feld.city".into(), "required".into()),
        ])
    );
    assert_eq!(
        run(&form, json!({})),
        Err(vec![("feld.street".into(), "required".into())])
    );
}

#[test]
fn dates_relative_to_today_for_age_limits() {
    // Born at least 18 years ago, and not before 1900.
    let form = one(json!({ "type": "date", "rules": [
        { "rule": "max_date", "date": { "years": -18 } },
        { "rule": "min_date", "date": "1900-01-01" } ] }));
    accepts(&form, json!("2008-11-23"), json!("2008-11-23"));
    rejects(&form, json!("2008-11-24"), "date_too_late");
    rejects(&form, json!("1899-12-31"), "date_too_early");
}

#[test]
fn extreme_relative_dates_clamp_to_the_calendar() {
    // Found by fuzzing: `years * 12` overflowed i32. Bounds now clamp to years 1..=9999.
    let form = one(json!({ "type": "date", "rules": [
        { "rule": "max_date", "date": { "years": 2_147_483_647, "months": 2_147_483_647, "days": 2_147_483_647 } },
        { "rule": "min_date", "date": { "years": -2_147_483_648, "days": -2_147_483_648 } } ] }));
    accepts(&form, json!("9999-12-31"), json!("9999-12-31"));
    accepts(&form, json!("0001-01-01"), json!("0001-01-01"));
}

#[test]
fn cross_field_comparisons() {
    let form = compile(json!([
        { "key": "email", "label": { "de": "E-Mail" }, "type": "email", "required": true },
        { "key": "email_wiederholung", "label": { "de": "E-Mail wiederholen" }, "type": "email", "required": true,
          "rules": [{ "rule": "compare_field", "op": "eq", "field": "email" }] },
        { "key": "von", "label": { "de": "Von" }, "type": "date" },
        { "key": "bis", "label": { "de": "Bis" }, "type": "date", "rules": [{ "rule": "compare_field", "op": "ge", "field": "von",
          "message": { "de": "„Bis“ darf nicht vor „Von“ liegen", "en": "“To” must not be before “From”" } }] }
    ]));
    let ok = run(
        &form,
        json!({ "email": "a@b.de", "email_wiederholung": "A@B.de", "von": "2026-01-02", "bis": "2026-01-02" }),
    );
    assert!(ok.is_ok(), "{ok:?}");
    let answers: Answers =
        serde_json::from_value(json!({ "email": "a@b.de", "email_wiederholung": "c@b.de", "von": "2026-01-02", "bis": "2026-01-01" })).unwrap();
    let errors = form.validate(&answers, today()).unwrap_err();
    let codes: Vec<_> = errors
        .iter()
        .map(|error| {
            (
                error.field.as_str(),
                serde_json::to_value(error).unwrap()["code"].clone(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("email_wiederholung", json!("comparison_failed")),
            ("bis", json!("comparison_failed"))
        ]
    );
    assert_eq!(errors[1].message.de, "„Bis“ darf nicht vor „Von“ liegen");
    // The default message names the other field by its label, not its key.
    assert_eq!(
        errors[0].message.de,
        "„E-Mail wiederholen“ muss übereinstimmen mit „E-Mail“"
    );
}

#[test]
fn hidden_fields_are_neither_validated_nor_stored() {
    let form = compile(json!([
        { "key": "art", "label": { "de": "Art" }, "type": "choice", "required": true,
          "options": [{ "value": "privat", "label": { "de": "Privat" } }, { "value": "firma", "label": { "de": "Firma" } }] },
        { "key": "firmenname", "label": { "de": "Firmenname" }, "type": "text", "required": true, "visible_if": "art = \"firma\"" },
        { "key": "telefon", "label": { "de": "Telefon" }, "type": "phone", "required_if": "art = \"firma\"" }
    ]));
    // Hidden: the smuggled company name is dropped, and not required.
    assert_eq!(
        run(
            &form,
            json!({ "art": "privat", "firmenname": "Geheim GmbH" })
        ),
        Ok(json!({ "art": "privat" }))
    );
    assert_eq!(
        run(&form, json!({ "art": "firma" })),
        Err(vec![
            ("firmenname".into(), "required".into()),
            ("telefon".into(), "required".into())
        ])
    );
    let state = form.state(
        &serde_json::from_value(json!({ "art": "privat" })).unwrap(),
        today(),
    );
    assert!(state.hidden.contains(&"firmenname".parse().unwrap()));
}

#[test]
fn skipped_pages_drop_their_answers() {
    let form = compile_pages(json!([
        { "title": { "de": "Eins" }, "fields": [{ "key": "kinder", "label": { "de": "Haben Sie Kinder?" }, "type": "yes_no", "required": true }] },
        { "title": { "de": "Kinder" }, "visible_if": "kinder", "fields": [
            { "key": "anzahl", "label": { "de": "Anzahl" }, "type": "integer", "required": true }] }
    ]));
    assert_eq!(
        run(&form, json!({ "kinder": false, "anzahl": 3 })),
        Ok(json!({ "kinder": false }))
    );
    assert_eq!(
        run(&form, json!({ "kinder": true })),
        Err(vec![("anzahl".into(), "required".into())])
    );
    let state = form.state(
        &serde_json::from_value(json!({ "kinder": false })).unwrap(),
        today(),
    );
    assert_eq!(state.visible_pages, [true, false]);
}

#[test]
fn computed_values_are_recomputed_by_the_server() {
    let form = compile(json!([
        { "key": "anzahl", "label": { "de": "Anzahl" }, "type": "integer", "required": true },
        { "key": "gebuehr", "label": { "de": "Gebühr" }, "type": "computed", "expression": "anzahl * 12.50", "display": "money" }
    ]));
    // Whatever the client claims the fee is, the stored value is computed.
    assert_eq!(
        run(&form, json!({ "anzahl": 3, "gebuehr": "0" })),
        Ok(json!({ "anzahl": 3, "gebuehr": "37.5" }))
    );
}

#[test]
fn groups_validate_each_item_with_paths() {
    let form = compile(json!([
        { "key": "personen", "label": { "de": "Weitere Personen" }, "type": "group", "min_items": 1, "max_items": 3, "fields": [
            { "key": "vorname", "label": { "de": "Vorname" }, "type": "text", "required": true },
            { "key": "geburtsdatum", "label": { "de": "Geburtsdatum" }, "type": "date", "rules": [{ "rule": "date_not_in_future" }] },
            { "key": "schule", "label": { "de": "Schule" }, "type": "text", "required": true,
              "visible_if": "years_between(geburtsdatum, today()) < 18" }
        ]}
    ]));
    assert_eq!(
        run(
            &form,
            json!({ "personen": [{ "vorname": "Anna", "geburtsdatum": "1990-01-01", "schule": "x" }] })
        ),
        Ok(json!({ "personen": [{ "vorname": "Anna", "geburtsdatum": "1990-01-01" }] }))
    );
    assert_eq!(
        run(
            &form,
            json!({ "personen": [{ "vorname": "Anna" }, { "geburtsdatum": "2015-05-05" }] })
        ),
        Err(vec![
            ("personen[1].vorname".into(), "required".into()),
            ("personen[1].schule".into(), "required".into())
        ])
    );
    // Messages name the item, for the error summary.
    let answers: Answers = serde_json::from_value(
        json!({ "personen": [{ "vorname": "Anna" }, { "geburtsdatum": "2015-05-05" }] }),
    )
    .unwrap();
    let errors = form.validate(&answers, today()).unwrap_err();
    assert_eq!(
        errors[0].message.de,
        "Weitere Personen 2: Füllen Sie „Vorname“ aus"
    );
    assert!(
        errors[0]
            .message
            .get(shared::Lang::En)
            .starts_with("Weitere Personen 2: ")
    );
    assert_eq!(
        run(
            &form,
            json!({ "personen": [{ "vorname": "A" }, { "vorname": "B" }, { "vorname": "C" }, { "vorname": "D" }] })
        ),
        Err(vec![("personen".into(), "too_many_items".into())])
    );
}

#[test]
fn state_reports_hidden_children_and_computed_values_per_item() {
    use shared::FieldKey;
    let form = compile(json!([
        { "key": "personen", "label": { "de": "Weitere Personen" }, "type": "group", "max_items": 3, "fields": [
            { "key": "geburtsdatum", "label": { "de": "Geburtsdatum" }, "type": "date" },
            { "key": "schule", "label": { "de": "Schule" }, "type": "text",
              "visible_if": "years_between(geburtsdatum, today()) < 18" },
            { "key": "tage", "label": { "de": "Tage" }, "type": "integer" },
            { "key": "kosten", "label": { "de": "Kosten" }, "type": "computed", "expression": "tage * 2.50", "display": "money" }
        ]}
    ]));
    let answers: Answers = serde_json::from_value(json!({ "personen": [
        { "geburtsdatum": "1990-01-01", "tage": 2 },
        { "geburtsdatum": "2015-05-05", "tage": "x" }
    ] }))
    .unwrap();
    let state = form.state(&answers, today());
    let items = &state.items[&FieldKey::try_from("personen".to_owned()).unwrap()];
    let key = |text: &str| FieldKey::try_from(text.to_owned()).unwrap();
    assert_eq!(items.len(), 2);
    assert!(items[0].hidden.contains(&key("schule")));
    assert!(!items[1].hidden.contains(&key("schule")));
    assert_eq!(
        serde_json::to_value(&items[0].computed[&key("kosten")]).unwrap(),
        json!("5"),
        "2 × 2,50 €"
    );
    assert!(
        !items[1].computed.contains_key(&key("kosten")),
        "no value from an invalid input"
    );
}

#[test]
fn definition_check_finds_logic_mistakes_with_paths() {
    let definition: FormDefinition = serde_json::from_value(json!({
        "slug": "kaputt", "title": { "de": "Kaputt" },
        "pages": [
            { "title": { "de": "Eins" }, "visible_if": "x = 1", "fields": [
                { "key": "a", "label": { "de": "A" }, "type": "integer", "visible_if": "b > 1" },
                { "key": "b", "label": { "de": "B" }, "type": "integer", "visible_if": "a > 1" },
                { "key": "c", "label": { "de": "C" }, "type": "text", "visible_if": "unbekannt = 1" },
                { "key": "d", "label": { "de": "D" }, "type": "text", "required_if": "a + 1" },
                { "key": "e", "label": { "de": "E" }, "type": "text", "rules": [{ "rule": "compare_field", "op": "eq", "field": "a" }] }
            ]},
            { "title": { "de": "Zwei" }, "visible_if": "false", "fields": [{ "key": "f", "label": { "de": "F" }, "type": "text" }] }
        ]
    }))
    .unwrap();
    let errors = CompiledForm::new(definition).unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|error| (error.path.as_str(), error.problem.as_str()))
        .collect();
    let has = |path: &str, fragment: &str| {
        found
            .iter()
            .any(|(p, problem)| *p == path && problem.contains(fragment))
    };
    assert!(
        has("pages[0].visible_if", "Es gibt kein Feld „x“"),
        "{found:?}"
    );
    assert!(has("pages[1].visible_if", "nie angezeigt"), "{found:?}");
    assert!(
        has(
            "pages[0].fields[2].visible_if",
            "Es gibt kein Feld „unbekannt“"
        ),
        "{found:?}"
    );
    assert!(
        has("pages[0].fields[3].required_if", "muss ja/nein ergeben"),
        "{found:?}"
    );
    assert!(
        has(
            "pages[0].fields[4].rules[0].field",
            "nicht mit diesem Feld vergleichen"
        ),
        "{found:?}"
    );
    assert!(has("pages[0].fields[0]", "Kreis"), "{found:?}");
}

#[test]
fn field_errors_round_trip() {
    use shared::schema::Comparison;
    use shared::{FieldError, FieldErrorKind};
    let date: CalendarDate = "2026-11-23".parse().unwrap();
    let amount = serde_json::from_value(json!("12.5")).unwrap();
    let kinds = [
        FieldErrorKind::Required,
        FieldErrorKind::TooShort { min: 2 },
        FieldErrorKind::TooLong { max: 200 },
        FieldErrorKind::PatternMismatch,
        FieldErrorKind::InvalidEmail,
        FieldErrorKind::InvalidPhone,
        FieldErrorKind::InvalidDate,
        FieldErrorKind::DateInFuture,
        FieldErrorKind::DateTooEarly { min: date },
        FieldErrorKind::DateTooLate { max: date },
        FieldErrorKind::InvalidTime,
        FieldErrorKind::NotAWholeNumber,
        FieldErrorKind::NotANumber,
        FieldErrorKind::TooManyDecimals { max: 2 },
        FieldErrorKind::InvalidAmount,
        FieldErrorKind::TooSmall { min: amount },
        FieldErrorKind::TooLarge { max: amount },
        FieldErrorKind::InvalidPostalCode,
        FieldErrorKind::InvalidIban,
        FieldErrorKind::InvalidTaxId,
        FieldErrorKind::NotAnOption,
        FieldErrorKind::TooFewSelections { min: 1 },
        FieldErrorKind::TooManySelections { max: 3 },
        FieldErrorKind::ComparisonFailed {
            op: Comparison::Ge,
            other: serde_json::from_value(json!("von")).unwrap(),
        },
        FieldErrorKind::FileTypeNotAllowed,
        FieldErrorKind::FileTooLarge {
            max_bytes: 10_485_760,
        },
        FieldErrorKind::UploadNotFound,
        FieldErrorKind::UploadInProgress,
        FieldErrorKind::TooManyFiles { max: 5 },
        FieldErrorKind::TooFewItems { min: 1 },
        FieldErrorKind::TooManyItems { max: 9 },
        FieldErrorKind::WrongType,
    ];
    // Exhaustive on purpose: a new variant fails to compile here until it is in `kinds`.
    let listed = |kind: &FieldErrorKind| match kind {
        FieldErrorKind::Required
        | FieldErrorKind::TooShort { .. }
        | FieldErrorKind::TooLong { .. }
        | FieldErrorKind::PatternMismatch
        | FieldErrorKind::InvalidEmail
        | FieldErrorKind::InvalidPhone
        | FieldErrorKind::InvalidDate
        | FieldErrorKind::DateInFuture
        | FieldErrorKind::DateTooEarly { .. }
        | FieldErrorKind::DateTooLate { .. }
        | FieldErrorKind::InvalidTime
        | FieldErrorKind::NotAWholeNumber
        | FieldErrorKind::NotANumber
        | FieldErrorKind::TooManyDecimals { .. }
        | FieldErrorKind::InvalidAmount
        | FieldErrorKind::TooSmall { .. }
        | FieldErrorKind::TooLarge { .. }
        | FieldErrorKind::InvalidPostalCode
        | FieldErrorKind::InvalidIban
        | FieldErrorKind::InvalidTaxId
        | FieldErrorKind::NotAnOption
        | FieldErrorKind::TooFewSelections { .. }
        | FieldErrorKind::TooManySelections { .. }
        | FieldErrorKind::ComparisonFailed { .. }
        | FieldErrorKind::FileTypeNotAllowed
        | FieldErrorKind::FileTooLarge { .. }
        | FieldErrorKind::UploadNotFound
        | FieldErrorKind::UploadInProgress
        | FieldErrorKind::TooManyFiles { .. }
        | FieldErrorKind::TooFewItems { .. }
        | FieldErrorKind::TooManyItems { .. }
        | FieldErrorKind::WrongType => true,
    };
    for kind in kinds {
        assert!(listed(&kind));
        let error = FieldError {
            field: serde_json::from_value(json!("hunde[1].name")).unwrap(),
            kind,
            message: serde_json::from_value(json!({ "de": "Fehler", "en": "Error" })).unwrap(),
        };
        let wire = serde_json::to_value(&error).unwrap();
        let back: FieldError = serde_json::from_value(wire.clone())
            .unwrap_or_else(|problem| panic!("{wire}: {problem}"));
        assert_eq!(back, error, "{wire}");
    }
    let unknown = serde_json::from_value::<FieldError>(
        json!({ "field": "x", "code": "no_such_code", "message": { "de": "x" } }),
    );
    assert!(unknown.is_err());
}

#[test]
fn a_fee_must_come_from_a_money_field() {
    let definition = |field: &str| -> FormDefinition {
        serde_json::from_value(json!({
            "slug": "gebuehr", "title": { "de": "Gebühr" },
            "payment": { "amount_field": field, "purpose": { "de": "Gebühr" } },
            "pages": [{ "title": { "de": "S" }, "fields": [
                { "key": "anzahl", "label": { "de": "Anzahl" }, "type": "integer" },
                { "key": "betrag", "label": { "de": "Betrag" }, "type": "computed", "display": "money", "expression": "anzahl * 12.50" }
            ]}]
        }))
        .unwrap()
    };
    let form = CompiledForm::new(definition("betrag")).unwrap();
    let answers: Answers = serde_json::from_value(json!({ "anzahl": 3 })).unwrap();
    let valid = form.validate(&answers, today()).unwrap();
    assert_eq!(valid.cents(&"betrag".parse().unwrap()), Some(3750));
    for wrong in ["anzahl", "fehlt"] {
        let errors = CompiledForm::new(definition(wrong)).unwrap_err();
        assert_eq!(errors[0].path, "payment.amount_field", "{wrong}");
    }
}

#[test]
fn the_confirmation_goes_to_a_top_level_email_field() {
    let definition = |field: &str| -> FormDefinition {
        serde_json::from_value(json!({
            "slug": "kontakt", "title": { "de": "Kontakt" },
            "confirmation_email_field": field,
            "pages": [{ "title": { "de": "S" }, "fields": [
                { "key": "name", "label": { "de": "Name" }, "type": "text" },
                { "key": "email", "label": { "de": "E-Mail" }, "type": "email" }
            ]}]
        }))
        .unwrap()
    };
    assert!(CompiledForm::new(definition("email")).is_ok());
    for wrong in ["name", "fehlt"] {
        let errors = CompiledForm::new(definition(wrong)).unwrap_err();
        assert_eq!(errors[0].path, "confirmation_email_field", "{wrong}");
    }
}

#[test]
fn a_page_whose_questions_are_all_hidden_is_not_shown() {
    let form = compile_pages(json!([
        { "title": { "de": "Eins" }, "fields": [
            { "key": "art", "label": { "de": "Art" }, "type": "text" }
        ]},
        { "title": { "de": "Zwei" }, "fields": [
            { "key": "menge", "label": { "de": "Menge" }, "type": "integer", "visible_if": "art = \"viel\"" },
            { "key": "notiz", "label": { "de": "Notiz" }, "type": "content", "text": { "de": "Nur bei viel." } }
        ]},
        { "title": { "de": "Drei" }, "fields": [
            { "key": "danke", "label": { "de": "Danke" }, "type": "content", "text": { "de": "Danke." } }
        ]}
    ]));
    let state = |art: &str| {
        let answers: Answers = serde_json::from_value(json!({ "art": art })).unwrap();
        form.state(&answers, today()).visible_pages
    };
    assert_eq!(
        state("wenig"),
        [true, false, true],
        "content-only pages stay"
    );
    assert_eq!(state("viel"), [true, true, true]);
}
