//! JSON Schema (draft 2020-12) of the submission data of a form version, for downstream
//! systems that receive exports. It describes exactly what [`crate::ValidAnswers`] serialises
//! to for that version.

use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::schema::{Check, ComputedDisplay, Field, FieldKind, FormDefinition};

/// The schema of the answers of one form version; `id` becomes `$id`.
pub fn submission_schema(definition: &FormDefinition, version: u32, id: &str) -> Value {
    let (properties, required) = object_schema(definition.fields());
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": id,
        "title": format!("{} (Version {version})", definition.title.get(Lang::De)),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Properties and required keys for a list of fields (a form or one group item).
fn object_schema<'a>(fields: impl Iterator<Item = &'a Field>) -> (Map<String, Value>, Vec<Value>) {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let Some(mut schema) = field_schema(field) else {
            continue;
        };
        schema.insert("title".into(), json!(field.label.get(Lang::De)));
        if let Some(hint) = &field.hint {
            schema.insert("description".into(), json!(hint.get(Lang::De)));
        }
        // A tick box always has an answer (unticked is `false`); other fields only when given
        // and visible, so conditional fields are never listed as required.
        let always = field.kind == FieldKind::Checkbox && field.visible_if.is_none();
        if (field.required && field.visible_if.is_none()) || always {
            required.push(json!(field.key.as_str()));
        }
        properties.insert(field.key.as_str().to_owned(), Value::Object(schema));
    }
    (properties, required)
}

fn field_schema(field: &Field) -> Option<Map<String, Value>> {
    let mut schema = Map::new();
    let mut set = |key: &str, value: Value| {
        schema.insert(key.to_owned(), value);
    };
    let text = |max: usize| json!({ "type": "string", "minLength": 1, "maxLength": max });
    match &field.kind {
        FieldKind::Text | FieldKind::TextArea | FieldKind::Email | FieldKind::Phone => {
            let mut max_length = field.kind.hard_max_length();
            set("type", json!("string"));
            set("minLength", json!(1));
            for rule in &field.rules {
                match &rule.check {
                    Check::MinLength { min } => set("minLength", json!(min)),
                    Check::MaxLength { max } => max_length = max_length.min(*max),
                    Check::Pattern { pattern } => set("pattern", json!(format!("^(?:{pattern})$"))),
                    _ => {}
                }
            }
            set("maxLength", json!(max_length));
            if field.kind == FieldKind::Email {
                set("format", json!("email"));
            }
        }
        FieldKind::Date => {
            set("type", json!("string"));
            set("format", json!("date"));
        }
        FieldKind::Time => {
            set("type", json!("string"));
            set("pattern", json!("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
        }
        FieldKind::PostalCode => {
            set("type", json!("string"));
            set("pattern", json!("^[0-9]{5}$"));
        }
        FieldKind::Iban => {
            set("type", json!("string"));
            set("pattern", json!("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"));
        }
        FieldKind::TaxId => {
            set("type", json!("string"));
            set("pattern", json!("^[1-9][0-9]{10}$"));
        }
        FieldKind::Integer | FieldKind::Money => {
            set("type", json!("integer"));
            if field.kind == FieldKind::Money {
                set("description", json!("Betrag in Cent"));
            }
            let scale = |bound: &crate::logic::Decimal| {
                let text = bound.to_string();
                match (&field.kind, text.parse::<i64>()) {
                    (FieldKind::Money, _) => json!(bound.to_cents()),
                    (_, Ok(whole)) => json!(whole),
                    (_, Err(_)) => json!(text.parse::<f64>().ok()),
                }
            };
            for rule in &field.rules {
                match &rule.check {
                    Check::MinValue { min } => set("minimum", scale(min)),
                    Check::MaxValue { max } => set("maximum", scale(max)),
                    _ => {}
                }
            }
        }
        FieldKind::Decimal { .. } => {
            set("type", json!("string"));
            set("pattern", json!("^-?[0-9]+(\\.[0-9]+)?$"));
        }
        FieldKind::Choice { options, .. } => {
            set("type", json!("string"));
            set(
                "enum",
                options.iter().map(|option| json!(option.value)).collect(),
            );
        }
        FieldKind::MultipleChoice {
            options,
            min_selections,
            max_selections,
        } => {
            set("type", json!("array"));
            set(
                "items",
                json!({ "enum": options.iter().map(|option| &option.value).collect::<Vec<_>>() }),
            );
            set("uniqueItems", json!(true));
            set("minItems", json!(min_selections.unwrap_or(1)));
            if let Some(max) = max_selections {
                set("maxItems", json!(max));
            }
        }
        FieldKind::YesNo => set("type", json!("boolean")),
        FieldKind::Checkbox => {
            set("type", json!("boolean"));
            if field.required {
                set("const", json!(true));
            }
        }
        FieldKind::File {
            max_count,
            max_size_bytes,
            ..
        } => {
            set("type", json!("array"));
            set("minItems", json!(1));
            set("maxItems", json!(max_count));
            set(
                "items",
                json!({
                    "type": "object",
                    "properties": {
                        "id": { "type": "string", "format": "uuid" }, "name": { "type": "string" },
                        "size": { "type": "integer", "minimum": 0, "maximum": max_size_bytes },
                        "media_type": { "type": "string" }
                    },
                    "required": ["id", "name", "size", "media_type"],
                    "additionalProperties": false
                }),
            );
        }
        FieldKind::Address { with_country } => {
            let mut parts = json!({
                "street": text(200), "house_number": text(200), "postal_code": text(200), "city": text(200)
            });
            if *with_country {
                parts["country"] = text(200);
            }
            set("type", json!("object"));
            set("properties", parts);
            set(
                "required",
                json!(["street", "house_number", "postal_code", "city"]),
            );
            set("additionalProperties", json!(false));
        }
        FieldKind::Group {
            fields,
            min_items,
            max_items,
        } => {
            let (properties, required) = object_schema(fields.iter());
            set("type", json!("array"));
            set("minItems", json!((*min_items).max(1)));
            set("maxItems", json!(max_items));
            set(
                "items",
                json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false }),
            );
        }
        FieldKind::Computed { display, .. } => match display {
            ComputedDisplay::Number | ComputedDisplay::Money => {
                set("type", json!("string"));
                set("pattern", json!("^-?[0-9]+(\\.[0-9]+)?$"));
            }
            ComputedDisplay::Text => set("type", json!("string")),
            ComputedDisplay::YesNo => set("type", json!("boolean")),
        },
        FieldKind::Content { .. } => return None,
    }
    Some(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_each_field_with_its_constraints() {
        let definition: FormDefinition = serde_json::from_value(json!({
            "slug": "s", "title": { "de": "Fundsache" },
            "pages": [{ "title": { "de": "S" }, "fields": [
                { "key": "plz", "label": { "de": "PLZ" }, "type": "text", "required": true,
                  "rules": [{ "rule": "pattern", "pattern": "[0-9]{5}", "message": { "de": "x" } }, { "rule": "max_length", "max": 5 }] },
                { "key": "wert", "label": { "de": "Wert" }, "type": "integer", "rules": [{ "rule": "min_value", "min": 0 }] },
                { "key": "art", "label": { "de": "Art" }, "type": "choice", "options": [{ "value": "a", "label": { "de": "A" } }] },
                { "key": "ok", "label": { "de": "OK" }, "type": "checkbox", "required": true },
                { "key": "tag", "label": { "de": "Tag" }, "type": "date" }
            ]}]
        }))
        .unwrap();

        let schema = submission_schema(&definition, 3, "urn:test");

        assert_eq!(schema["title"], "Fundsache (Version 3)");
        assert_eq!(schema["required"], json!(["plz", "ok"]));
        assert_eq!(schema["additionalProperties"], false);
        let properties = &schema["properties"];
        assert_eq!(properties["plz"]["pattern"], "^(?:[0-9]{5})$");
        assert_eq!(properties["plz"]["maxLength"], 5);
        assert_eq!(
            properties["wert"],
            json!({ "title": "Wert", "type": "integer", "minimum": 0 })
        );
        assert_eq!(properties["art"]["enum"], json!(["a"]));
        assert_eq!(properties["ok"]["const"], true);
        assert_eq!(properties["tag"]["format"], "date");
    }
}
