//! The published JSON Schema of the form definition format (docs/form-definition.schema.json)
//! accepts every real definition (the demo forms, FIM imports, what the editor creates) and
//! refuses malformed ones.

#![allow(
    clippy::unwrap_used,
    reason = "a failed set-up step should fail the test loudly"
)]

use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../../docs/form-definition.schema.json");

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn real_definitions_follow_the_schema() {
    let validator = validator();
    let mut definitions: Vec<(String, Value)> = [
        (
            "fundsache-melden",
            include_str!("../demo/fundsache-melden.json"),
        ),
        ("hund-anmelden", include_str!("../demo/hund-anmelden.json")),
        (
            "sperrmuell-anmelden",
            include_str!("../demo/sperrmuell-anmelden.json"),
        ),
    ]
    .into_iter()
    .map(|(name, json)| (name.to_owned(), serde_json::from_str(json).unwrap()))
    .collect();
    for (name, xml) in [
        ("fim v2", include_str!("fixtures/fim/hundesteuer-xdf2.xml")),
        (
            "fim v3",
            include_str!("fixtures/fim/bewohnerparken-xdf3.xml"),
        ),
    ] {
        let imported = backend::fim::import(
            xml,
            &[include_str!("fixtures/fim/hunderasse-genericode.xml")],
        )
        .unwrap();
        definitions.push((
            name.to_owned(),
            serde_json::to_value(&imported.definition).unwrap(),
        ));
    }
    for (name, definition) in &definitions {
        let found = errors(&validator, definition);
        assert!(found.is_empty(), "{name}: {found:#?}");
        // And what the schema accepts here, the server reads.
        serde_json::from_value::<shared::FormDefinition>(definition.clone()).unwrap();
    }
}

/// Where the error must be reported, and how to break a valid definition there.
type Breakage<'a> = (&'a str, &'a dyn Fn(&mut Value));

#[test]
fn malformed_definitions_are_refused_at_the_right_place() {
    let validator = validator();
    let valid = json!({
        "slug": "test", "title": { "de": "Test" },
        "pages": [{ "title": { "de": "Seite" }, "fields": [
            { "key": "art", "label": { "de": "Art" }, "type": "choice",
              "options": [{ "value": "a", "label": { "de": "A" } }],
              "rules": [{ "rule": "max_length", "max": 5 }] }
        ]}]
    });
    assert!(errors(&validator, &valid).is_empty());
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut definition = valid.clone();
        change(&mut definition);
        errors(&validator, &definition)
    };
    let cases: [Breakage<'_>; 6] = [
        ("/title", &|d| d["title"] = json!("Test")),
        ("/slug", &|d| d["slug"] = json!("Test Form")),
        ("/pages/0/fields/0/type", &|d| {
            d["pages"][0]["fields"][0]["type"] = json!("colour");
        }),
        ("/pages/0/fields/0", &|d| {
            d["pages"][0]["fields"][0]
                .as_object_mut()
                .unwrap()
                .remove("options");
        }),
        ("/pages/0/fields/0/key", &|d| {
            d["pages"][0]["fields"][0]["key"] = json!("Art");
        }),
        ("/pages/0/fields/0/rules/0", &|d| {
            d["pages"][0]["fields"][0]["rules"][0] = json!({ "rule": "max_length" });
        }),
    ];
    for (place, change) in cases {
        let found = broken(change);
        assert!(
            found
                .iter()
                .any(|error| error.ends_with(&format!(" at {place}"))),
            "{place}: {found:#?}"
        );
    }
}
