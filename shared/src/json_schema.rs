//! JSON Schema (draft 2020-12) of the submission data of a form version, for downstream
//! systems that receive exports. It describes exactly what [`crate::ValidAnswers`] serialises
//! to for that version.

use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::schema::{FieldKind, FormDefinition, Rule};

/// The schema of the answers of one form version; `id` becomes `$id`.
pub fn submission_schema(definition: &FormDefinition, version: u32, id: &str) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in definition.fields() {
        let mut schema = Map::new();
        schema.insert("title".into(), json!(field.label.get(Lang::De)));
        if let Some(hint) = &field.hint {
            schema.insert("description".into(), json!(hint.get(Lang::De)));
        }
        match &field.kind {
            FieldKind::Text | FieldKind::TextArea | FieldKind::Email => {
                schema.insert("type".into(), json!("string"));
                schema.insert("minLength".into(), json!(1));
                let mut max_length = field.kind.hard_max_length();
                for rule in &field.rules {
                    match rule {
                        Rule::MinLength { min } => {
                            schema.insert("minLength".into(), json!(min));
                        }
                        Rule::MaxLength { max } => max_length = max_length.min(*max),
                        Rule::Pattern { pattern, .. } => {
                            schema.insert("pattern".into(), json!(format!("^(?:{pattern})$")));
                        }
                        _ => {}
                    }
                }
                schema.insert("maxLength".into(), json!(max_length));
                if field.kind == FieldKind::Email {
                    schema.insert("format".into(), json!("email"));
                }
            }
            FieldKind::Date => {
                schema.insert("type".into(), json!("string"));
                schema.insert("format".into(), json!("date"));
            }
            FieldKind::Integer => {
                schema.insert("type".into(), json!("integer"));
                for rule in &field.rules {
                    match rule {
                        Rule::MinValue { min } => {
                            schema.insert("minimum".into(), json!(min));
                        }
                        Rule::MaxValue { max } => {
                            schema.insert("maximum".into(), json!(max));
                        }
                        _ => {}
                    }
                }
            }
            FieldKind::Choice { options, .. } => {
                schema.insert("type".into(), json!("string"));
                schema.insert(
                    "enum".into(),
                    options.iter().map(|option| json!(option.value)).collect(),
                );
            }
            FieldKind::Checkbox => {
                schema.insert("type".into(), json!("boolean"));
                if field.required {
                    schema.insert("const".into(), json!(true));
                }
            }
        }
        // A tick box always has an answer (unticked is `false`); other fields only when given.
        if field.required || field.kind == FieldKind::Checkbox {
            required.push(json!(field.key.as_str()));
        }
        properties.insert(field.key.as_str().to_owned(), Value::Object(schema));
    }
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
