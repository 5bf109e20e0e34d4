//! A readable diff between two versions of a form: what editors and case workers need to see
//! ("Feld „Fundort“ (fundort): Pflichtangabe: nein → ja"), not a JSON patch. Fields are matched
//! by key (fields of a repeatable group as `group.field`), pages by position.

use serde_json::{Map, Value};
use shared::api::editor::{Change, ChangeKind};
use shared::{Field, FieldKind, FormDefinition};

/// Longest rendering of a changed value before it is shortened.
const MAX_VALUE_CHARS: usize = 80;

/// The changes from `old` to `new`, form first, then pages, then fields in the new order,
/// then removed fields.
pub(crate) fn diff(old: &FormDefinition, new: &FormDefinition) -> Vec<Change> {
    let mut changes = Vec::new();
    let details = property_changes(&form_properties(old), &form_properties(new));
    if !details.is_empty() {
        changes.push(Change {
            kind: ChangeKind::Changed,
            subject: "Formular".to_owned(),
            details,
        });
    }
    for (index, page) in new.pages.iter().enumerate() {
        let subject = format!("Seite {} „{}“", index + 1, page.title.de);
        match old.pages.get(index) {
            None => changes.push(Change {
                kind: ChangeKind::Added,
                subject,
                details: Vec::new(),
            }),
            Some(before) => {
                let strip = |page: &shared::Page| {
                    let mut value = serde_json::to_value(page).unwrap_or(Value::Null);
                    if let Value::Object(map) = &mut value {
                        map.remove("fields");
                    }
                    value
                };
                let details = property_changes(&object(strip(before)), &object(strip(page)));
                if !details.is_empty() {
                    changes.push(Change {
                        kind: ChangeKind::Changed,
                        subject,
                        details,
                    });
                }
            }
        }
    }
    for (index, page) in old.pages.iter().enumerate().skip(new.pages.len()) {
        changes.push(Change {
            kind: ChangeKind::Removed,
            subject: format!("Seite {} „{}“", index + 1, page.title.de),
            details: Vec::new(),
        });
    }
    let old_fields = fields(old);
    let new_fields = fields(new);
    for (path, page, field) in &new_fields {
        let subject = format!("Feld „{}“ ({path})", field.label.de);
        match old_fields.iter().find(|(other, _, _)| other == path) {
            None => changes.push(Change {
                kind: ChangeKind::Added,
                subject,
                details: vec![format!("auf Seite {}", page + 1)],
            }),
            Some((_, old_page, before)) => {
                let mut details = Vec::new();
                if old_page != page {
                    details.push(format!("Seite: {} → {}", old_page + 1, page + 1));
                }
                details.extend(property_changes(
                    &field_properties(before),
                    &field_properties(field),
                ));
                if !details.is_empty() {
                    changes.push(Change {
                        kind: ChangeKind::Changed,
                        subject,
                        details,
                    });
                }
            }
        }
    }
    for (path, _, field) in &old_fields {
        if !new_fields.iter().any(|(other, _, _)| other == path) {
            changes.push(Change {
                kind: ChangeKind::Removed,
                subject: format!("Feld „{}“ ({path})", field.label.de),
                details: Vec::new(),
            });
        }
    }
    changes
}

/// Every field with its path (`key`, or `group.key` inside a repeatable group) and page index.
fn fields(definition: &FormDefinition) -> Vec<(String, usize, &Field)> {
    let mut found = Vec::new();
    for (index, page) in definition.pages.iter().enumerate() {
        for field in &page.fields {
            found.push((field.key.to_string(), index, field));
            if let FieldKind::Group { fields, .. } = &field.kind {
                for child in fields {
                    found.push((format!("{}.{}", field.key, child.key), index, child));
                }
            }
        }
    }
    found
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn form_properties(definition: &FormDefinition) -> Map<String, Value> {
    let mut map = object(serde_json::to_value(definition).unwrap_or(Value::Null));
    map.remove("pages");
    map
}

/// A field's properties without its group's children (they are compared as fields).
fn field_properties(field: &Field) -> Map<String, Value> {
    let mut map = object(serde_json::to_value(field).unwrap_or(Value::Null));
    map.remove("fields");
    map.remove("key");
    map
}

/// "Name: before → after" for every property that differs, in a fixed order.
fn property_changes(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort_by_key(|key| (property_rank(key), key.as_str()));
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (old.get(key), new.get(key));
            if before == after {
                return None;
            }
            let name = property_name(key);
            if key == "options" {
                return Some(format!("{name}: {}", option_changes(before, after)));
            }
            Some(format!("{name}: {} → {}", render(before), render(after)))
        })
        .collect()
}

fn property_rank(key: &str) -> usize {
    [
        "title",
        "label",
        "type",
        "required",
        "hint",
        "options",
        "visible_if",
        "required_if",
        "rules",
    ]
    .iter()
    .position(|known| *known == key)
    .unwrap_or(usize::MAX)
}

fn property_name(key: &str) -> &str {
    match key {
        "title" => "Titel",
        "description" => "Beschreibung",
        "label" => "Beschriftung",
        "hint" => "Hinweistext",
        "type" => "Feldart",
        "required" => "Pflichtangabe",
        "required_if" => "Pflicht, wenn",
        "visible_if" => "Anzeigen, wenn",
        "rules" => "Prüfregeln",
        "options" => "Auswahlmöglichkeiten",
        "display" => "Darstellung",
        "autocomplete" => "Autovervollständigung",
        "payment" => "Gebühr",
        "privacy_notice" => "Datenschutzhinweise",
        "one_question_per_page" => "Eine Frage pro Seite",
        "confirmation_email_field" => "Bestätigung an",
        "accept" => "Erlaubte Dateiarten",
        "max_size_bytes" => "Größte Datei (Bytes)",
        "max_count" => "Höchstzahl Dateien",
        "min_items" => "Mindestzahl Einträge",
        "max_items" => "Höchstzahl Einträge",
        "expression" => "Berechnung",
        "text" => "Text",
        "slug" => "Adresse",
        other => other,
    }
}

/// Options added and removed, by their German labels.
fn option_changes(before: Option<&Value>, after: Option<&Value>) -> String {
    let labels = |value: Option<&Value>| -> Vec<(String, String)> {
        value
            .and_then(Value::as_array)
            .map(|options| {
                options
                    .iter()
                    .map(|option| {
                        let value = option["value"].as_str().unwrap_or_default().to_owned();
                        let label = option["label"]["de"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned();
                        (value, label)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (labels(before), labels(after));
    let mut parts = Vec::new();
    for (value, label) in &new {
        match old.iter().find(|(other, _)| other == value) {
            None => parts.push(format!("+ „{label}“")),
            Some((_, before)) if before != label => {
                parts.push(format!("„{before}“ → „{label}“"));
            }
            Some(_) => {}
        }
    }
    for (value, label) in &old {
        if !new.iter().any(|(other, _)| other == value) {
            parts.push(format!("− „{label}“"));
        }
    }
    if parts.is_empty() {
        "Reihenfolge geändert".to_owned()
    } else {
        parts.join(", ")
    }
}

/// A value as editors read it: texts quoted (German version of a localized text), yes/no.
fn render(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::Bool(true)) => "ja".to_owned(),
        Some(Value::Bool(false)) => "nein".to_owned(),
        Some(Value::String(text)) => format!("„{text}“"),
        Some(Value::Object(map)) if map.contains_key("de") => {
            format!("„{}“", map["de"].as_str().unwrap_or_default())
        }
        Some(other) => other.to_string(),
    };
    if text.chars().count() > MAX_VALUE_CHARS {
        let short: String = text.chars().take(MAX_VALUE_CHARS - 1).collect();
        format!("{short}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn definition(value: Value) -> FormDefinition {
        serde_json::from_value(value).expect("a definition")
    }

    #[test]
    fn changes_read_like_sentences() {
        let old = definition(json!({
            "slug": "fund", "title": { "de": "Fundsache" },
            "pages": [
                { "title": { "de": "Fund" }, "fields": [
                    { "key": "ort", "label": { "de": "Fundort" }, "type": "text" },
                    { "key": "art", "label": { "de": "Art" }, "type": "choice", "options": [
                        { "value": "a", "label": { "de": "Schlüssel" } },
                        { "value": "b", "label": { "de": "Tasche" } }
                    ]},
                    { "key": "alt", "label": { "de": "Alt" }, "type": "text" }
                ]}
            ]
        }));
        let new = definition(json!({
            "slug": "fund", "title": { "de": "Fundsache melden" },
            "pages": [
                { "title": { "de": "Fund" }, "fields": [
                    { "key": "ort", "label": { "de": "Fundort" }, "type": "text", "required": true,
                      "hint": { "de": "Straße oder Platz" } },
                    { "key": "art", "label": { "de": "Art" }, "type": "choice", "options": [
                        { "value": "a", "label": { "de": "Schlüsselbund" } },
                        { "value": "c", "label": { "de": "Handy" } }
                    ]}
                ]},
                { "title": { "de": "Kontakt" }, "fields": [
                    { "key": "email", "label": { "de": "E-Mail" }, "type": "email" }
                ]}
            ]
        }));
        let changes = diff(&old, &new);
        let lines: Vec<String> = changes
            .iter()
            .map(|change| {
                format!(
                    "{:?} {}: {}",
                    change.kind,
                    change.subject,
                    change.details.join("; ")
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                "Changed Formular: Titel: „Fundsache“ → „Fundsache melden“",
                "Added Seite 2 „Kontakt“: ",
                "Changed Feld „Fundort“ (ort): Pflichtangabe: nein → ja; Hinweistext: — → „Straße oder Platz“",
                "Changed Feld „Art“ (art): Auswahlmöglichkeiten: „Schlüssel“ → „Schlüsselbund“, + „Handy“, − „Tasche“",
                "Added Feld „E-Mail“ (email): auf Seite 2",
                "Removed Feld „Alt“ (alt): ",
            ]
        );
        assert!(diff(&new, &new).is_empty());
    }
}
