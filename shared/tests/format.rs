//! The JSON exchange format of form definitions (`docs/editor-guide.md`): fields, rules and date
//! bounds are read by hand (`schema/decode.rs`) and written by derived code, so these tests pin
//! down that the two agree for every kind and rule, that defaults, `null`s and unknown keys read
//! as before, that errors name what is wrong, and that the demo forms read back unchanged.

#![allow(
    clippy::unwrap_used,
    reason = "fixtures are constants; a failure should fail the test"
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "JSON fixtures read best passed by value"
)]

use serde_json::{Value as Json, json};
use shared::logic::Decimal;
use shared::schema::{
    Check, ChoiceDisplay, ChoiceOption, Comparison, ComputedDisplay, ContentStyle, DateBound,
    Expression, Field, FieldKind, FormDefinition, Rule,
};
use shared::{CalendarDate, FieldKey, LocalizedText};

fn key(text: &str) -> FieldKey {
    text.parse().unwrap()
}

fn decimal(text: &str) -> Decimal {
    Decimal::parse(text).unwrap()
}

fn date(text: &str) -> CalendarDate {
    text.parse().unwrap()
}

fn options() -> Vec<ChoiceOption> {
    vec![
        ChoiceOption {
            value: "ja".to_owned(),
            label: LocalizedText::new("Ja", "Yes"),
        },
        ChoiceOption {
            value: "nein".to_owned(),
            label: LocalizedText::de("Nein"),
        },
    ]
}

fn text_field(name: &str) -> Field {
    field(name, FieldKind::Text)
}

/// A field with only the keys every field needs.
fn field(name: &str, kind: FieldKind) -> Field {
    Field {
        key: key(name),
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

/// Every kind, most with parameters that differ from their defaults.
fn kinds() -> Vec<FieldKind> {
    vec![
        FieldKind::Text,
        FieldKind::TextArea,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Integer,
        FieldKind::Decimal { decimals: 3 },
        FieldKind::Money,
        FieldKind::Date,
        FieldKind::Time,
        FieldKind::PostalCode,
        FieldKind::Iban,
        FieldKind::TaxId,
        FieldKind::Choice {
            options: options(),
            display: ChoiceDisplay::Select,
        },
        FieldKind::MultipleChoice {
            options: options(),
            min_selections: Some(1),
            max_selections: Some(2),
        },
        FieldKind::YesNo,
        FieldKind::Checkbox,
        FieldKind::File {
            accept: vec!["application/pdf".to_owned(), "image/*".to_owned()],
            max_size_bytes: 10_485_760,
            max_count: 3,
        },
        FieldKind::Address { with_country: true },
        FieldKind::Group {
            fields: vec![
                text_field("name"),
                field(
                    "kinder",
                    FieldKind::Group {
                        fields: vec![text_field("vorname")],
                        min_items: 0,
                        max_items: 20,
                    },
                ),
            ],
            min_items: 1,
            max_items: 5,
        },
        FieldKind::Computed {
            expression: Expression("anzahl * 12.50".to_owned()),
            display: ComputedDisplay::Money,
        },
        FieldKind::Content {
            text: LocalizedText::new("Hinweis", "Note"),
            style: ContentStyle::Warning,
        },
    ]
}

/// Exhaustive on purpose: a new kind fails to compile here until it is in `kinds()`.
fn kind_is_listed(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Text
        | FieldKind::TextArea
        | FieldKind::Email
        | FieldKind::Phone
        | FieldKind::Integer
        | FieldKind::Decimal { .. }
        | FieldKind::Money
        | FieldKind::Date
        | FieldKind::Time
        | FieldKind::PostalCode
        | FieldKind::Iban
        | FieldKind::TaxId
        | FieldKind::Choice { .. }
        | FieldKind::MultipleChoice { .. }
        | FieldKind::YesNo
        | FieldKind::Checkbox
        | FieldKind::File { .. }
        | FieldKind::Address { .. }
        | FieldKind::Group { .. }
        | FieldKind::Computed { .. }
        | FieldKind::Content { .. } => true,
    }
}

/// Every check, with both forms of date bound.
fn checks() -> Vec<Check> {
    vec![
        Check::MinLength { min: 2 },
        Check::MaxLength { max: 200 },
        Check::Pattern {
            pattern: "[0-9]{15}".to_owned(),
        },
        Check::MinValue {
            min: decimal("0.01"),
        },
        Check::MaxValue {
            max: decimal("-12.5"),
        },
        Check::DateNotInFuture,
        Check::MinDate {
            date: DateBound::Absolute(date("1900-01-01")),
        },
        Check::MaxDate {
            date: DateBound::Relative {
                years: -18,
                months: 2,
                days: -3,
            },
        },
        Check::CompareField {
            op: Comparison::Ge,
            field: key("von"),
        },
    ]
}

/// Exhaustive on purpose: a new check fails to compile here until it is in `checks()`.
fn check_is_listed(check: &Check) -> bool {
    match check {
        Check::MinLength { .. }
        | Check::MaxLength { .. }
        | Check::Pattern { .. }
        | Check::MinValue { .. }
        | Check::MaxValue { .. }
        | Check::DateNotInFuture
        | Check::MinDate { .. }
        | Check::MaxDate { .. }
        | Check::CompareField { .. } => true,
    }
}

/// Serialises `value` and reads it back, which must give `value` again.
fn round_trip<T>(value: &T) -> Json
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let wire = serde_json::to_value(value).unwrap();
    let back: T =
        serde_json::from_value(wire.clone()).unwrap_or_else(|problem| panic!("{wire}: {problem}"));
    assert_eq!(&back, value, "{wire}");
    // And from text, the way the browser and the database read definitions.
    let back: T = serde_json::from_str(&wire.to_string()).unwrap();
    assert_eq!(&back, value, "{wire}");
    wire
}

#[test]
fn every_field_kind_round_trips() {
    let kinds = kinds();
    for kind in &kinds {
        assert!(kind_is_listed(kind));
        let wire = round_trip(kind);
        assert_eq!(wire["type"], kind.name(), "{wire}");

        round_trip(&field("feld", kind.clone()));
        // With every common key set too, which must not be mistaken for parameters.
        round_trip(&Field {
            key: key("feld"),
            label: LocalizedText::new("Feld", "Field"),
            hint: Some(LocalizedText::de("Hinweis")),
            kind: kind.clone(),
            required: true,
            required_if: Some(Expression("not empty(telefon)".to_owned())),
            visible_if: Some(Expression("art = \"firma\"".to_owned())),
            rules: checks().into_iter().map(Rule::new).collect(),
            autocomplete: Some("street-address".to_owned()),
        });
    }
    let mut names: Vec<&str> = kinds.iter().map(FieldKind::name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), kinds.len(), "each kind once");
}

#[test]
fn every_check_round_trips() {
    for check in checks() {
        assert!(check_is_listed(&check));
        round_trip(&check);
        round_trip(&Rule::new(check.clone()));
        round_trip(&Rule {
            check,
            message: Some(LocalizedText::new("Bitte prüfen", "Please check")),
        });
    }
    for bound in [
        DateBound::Absolute(date("2026-01-01")),
        DateBound::Relative {
            years: 0,
            months: 0,
            days: 0,
        },
    ] {
        round_trip(&bound);
    }
}

fn read_field(json: Json) -> Result<Field, String> {
    serde_json::from_value(json).map_err(|error| error.to_string())
}

fn read_kind(kind: Json) -> FieldKind {
    let mut json = json!({ "key": "feld", "label": { "de": "Feld" } });
    json.as_object_mut()
        .unwrap()
        .extend(kind.as_object().unwrap().clone());
    read_field(json).unwrap().kind
}

fn read_rule(json: Json) -> Result<Rule, String> {
    serde_json::from_value(json).map_err(|error| error.to_string())
}

#[test]
fn absent_parameters_take_their_defaults() {
    let field = read_field(json!({ "key": "feld", "label": { "de": "Feld" }, "type": "text" }));
    assert_eq!(field, Ok(text_field("feld")));

    let cases = [
        (
            json!({ "type": "decimal" }),
            FieldKind::Decimal { decimals: 2 },
        ),
        (
            json!({ "type": "choice", "options": [] }),
            FieldKind::Choice {
                options: Vec::new(),
                display: ChoiceDisplay::Radio,
            },
        ),
        (
            json!({ "type": "multiple_choice", "options": [] }),
            FieldKind::MultipleChoice {
                options: Vec::new(),
                min_selections: None,
                max_selections: None,
            },
        ),
        (
            json!({ "type": "file", "max_size_bytes": 1024 }),
            FieldKind::File {
                accept: Vec::new(),
                max_size_bytes: 1024,
                max_count: 1,
            },
        ),
        (
            json!({ "type": "address" }),
            FieldKind::Address {
                with_country: false,
            },
        ),
        (
            json!({ "type": "group", "fields": [] }),
            FieldKind::Group {
                fields: Vec::new(),
                min_items: 0,
                max_items: 20,
            },
        ),
        (
            json!({ "type": "computed", "expression": "1 + 1" }),
            FieldKind::Computed {
                expression: Expression("1 + 1".to_owned()),
                display: ComputedDisplay::Number,
            },
        ),
        (
            json!({ "type": "content", "text": { "de": "Text" } }),
            FieldKind::Content {
                text: LocalizedText::de("Text"),
                style: ContentStyle::Paragraph,
            },
        ),
    ];
    for (json, kind) in cases {
        assert_eq!(read_kind(json), kind);
    }

    assert_eq!(
        read_rule(json!({ "rule": "max_date", "date": {} })),
        Ok(Rule::new(Check::MaxDate {
            date: DateBound::Relative {
                years: 0,
                months: 0,
                days: 0
            }
        }))
    );
}

#[test]
fn null_reads_as_absent_where_a_key_is_optional_only() {
    let field = read_field(json!({
        "key": "feld", "label": { "de": "Feld" }, "type": "multiple_choice", "options": [],
        "hint": null, "required_if": null, "visible_if": null, "autocomplete": null,
        "min_selections": null, "max_selections": null,
    }));
    assert_eq!(
        field,
        Ok(self::field(
            "feld",
            FieldKind::MultipleChoice {
                options: Vec::new(),
                min_selections: None,
                max_selections: None,
            }
        ))
    );
    assert_eq!(
        read_rule(json!({ "rule": "date_not_in_future", "message": null })),
        Ok(Rule::new(Check::DateNotInFuture))
    );
    for (name, value) in [
        ("required", json!({ "type": "text" })),
        ("rules", json!({ "type": "text" })),
        ("decimals", json!({ "type": "decimal" })),
        ("max_items", json!({ "type": "group", "fields": [] })),
    ] {
        let mut json = json!({ "key": "feld", "label": { "de": "Feld" } });
        json.as_object_mut()
            .unwrap()
            .extend(value.as_object().unwrap().clone());
        json[name] = Json::Null;
        let error = read_field(json).unwrap_err();
        assert!(
            error.starts_with(&format!("{name}: invalid type: null")),
            "{error}"
        );
    }
}

#[test]
fn unknown_keys_and_other_kinds_parameters_are_ignored() {
    let field = read_field(json!({
        "key": "feld", "label": { "de": "Feld" }, "type": "text",
        "x-editor-note": { "anything": [1, 2] },
        "options": "not read for text", "max_items": -1, "rule": "nope",
    }));
    assert_eq!(field, Ok(text_field("feld")));
    let rule = read_rule(json!({ "rule": "max_length", "max": 5, "min": "x", "type": 1 }));
    assert_eq!(rule, Ok(Rule::new(Check::MaxLength { max: 5 })));
}

#[test]
fn an_unknown_type_or_rule_is_named_with_the_allowed_ones() {
    let error = read_field(json!({ "key": "feld", "label": { "de": "Feld" }, "type": "textbox" }))
        .unwrap_err();
    assert!(
        error.starts_with("unknown field type `textbox`, expected one of `text`, `text_area`,"),
        "{error}"
    );
    let kinds = kinds();
    for kind in &kinds {
        assert!(error.contains(&format!("`{}`", kind.name())), "{error}");
    }
    assert_eq!(error.matches('`').count(), 2 * (kinds.len() + 1), "{error}");

    let error = read_rule(json!({ "rule": "minimum" })).unwrap_err();
    assert!(
        error.starts_with("unknown rule `minimum`, expected one of `min_length`,"),
        "{error}"
    );
    let checks = checks();
    for check in &checks {
        let name = serde_json::to_value(check).unwrap()["rule"].clone();
        assert!(
            error.contains(&format!("`{}`", name.as_str().unwrap())),
            "{error}"
        );
    }
    assert_eq!(
        error.matches('`').count(),
        2 * (checks.len() + 1),
        "{error}"
    );

    // The tag is a name: serde's derive also took a variant's index, which nobody wrote on
    // purpose.
    let error =
        read_field(json!({ "key": "feld", "label": { "de": "Feld" }, "type": 0 })).unwrap_err();
    assert_eq!(error, "type: invalid type: integer `0`, expected a string");
}

#[test]
fn a_missing_key_is_named() {
    let cases = [
        (json!({ "label": { "de": "Feld" }, "type": "text" }), "key"),
        (json!({ "key": "feld", "type": "text" }), "label"),
        (json!({ "key": "feld", "label": { "de": "Feld" } }), "type"),
        (
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "file" }),
            "max_size_bytes",
        ),
        (
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "group" }),
            "fields",
        ),
        (
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "choice" }),
            "options",
        ),
        (
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "computed" }),
            "expression",
        ),
        (
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "content" }),
            "text",
        ),
    ];
    for (json, name) in cases {
        assert_eq!(
            read_field(json),
            Err(format!("missing field `{name}`")),
            "{name}"
        );
    }
    let cases = [
        (json!({ "max": 3 }), "rule"),
        (json!({ "rule": "min_length" }), "min"),
        (json!({ "rule": "max_value" }), "max"),
        (json!({ "rule": "pattern" }), "pattern"),
        (json!({ "rule": "min_date" }), "date"),
        (json!({ "rule": "compare_field", "field": "von" }), "op"),
        (json!({ "rule": "compare_field", "op": "eq" }), "field"),
    ];
    for (json, name) in cases {
        assert_eq!(
            read_rule(json),
            Err(format!("missing field `{name}`")),
            "{name}"
        );
    }
}

#[test]
fn errors_say_where_in_the_field_they_are() {
    let group = json!({
        "key": "hunde", "label": { "de": "Hunde" }, "type": "group",
        "fields": [
            { "key": "name", "label": { "de": "Name" }, "type": "text" },
            { "key": "chip", "label": { "de": "Chip" }, "type": "text",
              "rules": [{ "rule": "max_length", "max": 15 }, { "rule": "min_value", "min": "viel" }] },
        ],
    });
    assert_eq!(
        read_field(group),
        Err("fields[1].rules[1].min: 'viel' is not a decimal number".to_owned())
    );
    assert_eq!(
        read_rule(json!({ "rule": "min_date", "date": "2026-02-30" })),
        Err("date: no such day".to_owned())
    );
    assert_eq!(
        read_rule(json!({ "rule": "min_date", "date": [1, 2, 3] })),
        Err(
            "date: invalid type: sequence, expected a date `YYYY-MM-DD` or an object of `years`, \
             `months` and `days`"
                .to_owned()
        )
    );
    assert_eq!(
        read_field(
            json!({ "key": "feld", "label": { "de": "Feld" }, "type": "text", "rules": {} })
        ),
        Err("rules: invalid type: map, expected a sequence".to_owned())
    );
    assert_eq!(
        read_field(json!("feld")),
        Err("invalid type: string \"feld\", expected a field".to_owned())
    );
}

#[test]
fn a_key_given_twice_is_refused() {
    let text = r#"{ "key": "feld", "label": { "de": "Feld" }, "type": "decimal",
        "decimals": 1, "decimals": 3 }"#;
    let error = serde_json::from_str::<Field>(text).unwrap_err().to_string();
    assert!(error.starts_with("duplicate field `decimals`"), "{error}");

    let text = r#"{ "key": "feld", "label": { "de": "Feld" }, "type": "text",
        "rules": [{ "rule": "max_length", "max": 1, "rule": "min_length" }] }"#;
    let error = serde_json::from_str::<Field>(text).unwrap_err().to_string();
    assert!(error.starts_with("duplicate field `rule`"), "{error}");
}

/// The demo forms, as the backend seeds them.
const DEMO_FORMS: [(&str, &str); 3] = [
    (
        "fundsache-melden",
        include_str!("../../backend/demo/fundsache-melden.json"),
    ),
    (
        "hund-anmelden",
        include_str!("../../backend/demo/hund-anmelden.json"),
    ),
    (
        "sperrmuell-anmelden",
        include_str!("../../backend/demo/sperrmuell-anmelden.json"),
    ),
];

/// Whether everything the author wrote in `written` is in `read` (the definition as read and
/// written again), with the same value; `read` may add defaults. A decimal written as a number
/// comes back as text.
fn keeps(written: &Json, read: &Json) -> bool {
    match (written, read) {
        (Json::Object(written), Json::Object(read)) => written
            .iter()
            .all(|(key, value)| read.get(key).is_some_and(|read| keeps(value, read))),
        (Json::Array(written), Json::Array(read)) => {
            written.len() == read.len() && written.iter().zip(read).all(|(w, r)| keeps(w, r))
        }
        (Json::Number(written), Json::String(read)) => {
            Decimal::parse(&written.to_string()) == Decimal::parse(read)
        }
        _ => written == read,
    }
}

#[test]
fn demo_forms_read_back_unchanged() {
    for (name, text) in DEMO_FORMS {
        let definition: FormDefinition =
            serde_json::from_str(text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let written: Json = serde_json::from_str(text).unwrap();
        let read = serde_json::to_value(&definition).unwrap();
        assert!(keeps(&written, &read), "{name}: {read}");
        assert_eq!(
            serde_json::from_value::<FormDefinition>(read).unwrap(),
            definition,
            "{name}"
        );
    }
}

#[test]
fn editor_guide_examples_read_as_documented() {
    let field = read_field(json!({
        "key": "fundort",
        "label": { "de": "Wo haben Sie die Sache gefunden?" },
        "hint": { "de": "Straße, Haltestelle oder Gebäude." },
        "type": "text",
        "required": true,
        "rules": [{ "rule": "max_length", "max": 200 }],
        "autocomplete": "street-address"
    }));
    assert_eq!(
        field,
        Ok(Field {
            key: key("fundort"),
            label: LocalizedText::de("Wo haben Sie die Sache gefunden?"),
            hint: Some(LocalizedText::de("Straße, Haltestelle oder Gebäude.")),
            kind: FieldKind::Text,
            required: true,
            required_if: None,
            visible_if: None,
            rules: vec![Rule::new(Check::MaxLength { max: 200 })],
            autocomplete: Some("street-address".to_owned()),
        })
    );

    let rules = [
        (
            json!({ "rule": "max_length", "max": 200 }),
            Rule::new(Check::MaxLength { max: 200 }),
        ),
        (
            json!({ "rule": "pattern", "pattern": "[0-9]{15}", "message": { "de": "Geben Sie die Chipnummer mit 15 Ziffern an" } }),
            Rule {
                check: Check::Pattern {
                    pattern: "[0-9]{15}".to_owned(),
                },
                message: Some(LocalizedText::de(
                    "Geben Sie die Chipnummer mit 15 Ziffern an",
                )),
            },
        ),
        (
            json!({ "rule": "min_value", "min": "0.01" }),
            Rule::new(Check::MinValue {
                min: decimal("0.01"),
            }),
        ),
        (
            json!({ "rule": "min_value", "min": 0 }),
            Rule::new(Check::MinValue { min: decimal("0") }),
        ),
        (
            json!({ "rule": "date_not_in_future" }),
            Rule::new(Check::DateNotInFuture),
        ),
        (
            json!({ "rule": "max_date", "date": { "years": -18 } }),
            Rule::new(Check::MaxDate {
                date: DateBound::Relative {
                    years: -18,
                    months: 0,
                    days: 0,
                },
            }),
        ),
        (
            json!({ "rule": "min_date", "date": "1900-01-01" }),
            Rule::new(Check::MinDate {
                date: DateBound::Absolute(date("1900-01-01")),
            }),
        ),
        (
            json!({ "rule": "compare_field", "op": "eq", "field": "email" }),
            Rule::new(Check::CompareField {
                op: Comparison::Eq,
                field: key("email"),
            }),
        ),
    ];
    for (json, rule) in rules {
        assert_eq!(read_rule(json.clone()), Ok(rule), "{json}");
    }
}
