//! XDatenfelder 2.0 and 3.0.0 read into one model (standards.md §1.2–1.9). Reading is tolerant of
//! element order and of missing optional parts; what cannot be read is noted, not fatal.

use super::xml::Element;
use super::{FimVersion, Note, NoteCode};

/// A Stammdatenschema.
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    pub(crate) id: String,
    pub(crate) version: Option<String>,
    pub(crate) title: String,
    pub(crate) help: Option<String>,
    pub(crate) legal_basis: Vec<String>,
    pub(crate) rules: Vec<RuleText>,
    pub(crate) children: Vec<Child>,
}

/// One entry of a `struktur`: an element with its multiplicity.
#[derive(Debug, Clone)]
pub(crate) struct Child {
    pub(crate) min: u32,
    /// `None`: unbounded (`*`).
    pub(crate) max: Option<u32>,
    pub(crate) item: Item,
}

#[derive(Debug, Clone)]
pub(crate) enum Item {
    Group(Group),
    Field(Box<Field>),
}

#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) id: String,
    pub(crate) version: Option<String>,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    /// `art` = `X`: the citizen fills exactly one child branch.
    pub(crate) choice: bool,
    pub(crate) rules: Vec<RuleText>,
    pub(crate) children: Vec<Child>,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) id: String,
    pub(crate) version: Option<String>,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    pub(crate) feldart: String,
    pub(crate) datentyp: String,
    pub(crate) precision: Precision,
    pub(crate) content: Option<String>,
    /// Inline `werte` (v3) or a resolved code list: `(code, name, help)`.
    pub(crate) values: Option<Vec<(String, String, Option<String>)>>,
    /// A referenced code list (canonical version URI, else canonical URI), when present.
    pub(crate) code_list: Option<String>,
    pub(crate) prefill: Option<String>,
    pub(crate) max_size: Option<u64>,
    pub(crate) media_types: Vec<String>,
    pub(crate) rules: Vec<RuleText>,
}

/// Präzisierung: as strings, interpreted per data type when mapped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Precision {
    pub(crate) min_length: Option<String>,
    pub(crate) max_length: Option<String>,
    pub(crate) min_value: Option<String>,
    pub(crate) max_value: Option<String>,
    pub(crate) pattern: Option<String>,
}

/// A FIM rule, kept as text for the editor (never executed).
#[derive(Debug, Clone)]
pub(crate) struct RuleText {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) text: String,
}

/// Reads the `stammdatenschema` element.
pub(crate) fn read_schema(element: &Element, version: FimVersion, notes: &mut Vec<Note>) -> Schema {
    let (id, schema_version) = identification(element);
    let title = match version {
        FimVersion::V3 => element.text_of("bezeichnung"),
        FimVersion::V2 => element.text_of("bezeichnungEingabe"),
    }
    .or_else(|| element.text_of("name"))
    .unwrap_or_default();
    Schema {
        legal_basis: element
            .children_named("bezug")
            .map(|bezug| bezug.text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .collect(),
        help: element.text_of("hilfetext"),
        rules: rules(element, version),
        children: structure(element, version, notes),
        id,
        version: schema_version,
        title,
    }
}

fn identification(element: &Element) -> (String, Option<String>) {
    let identification = element.child("identifikation");
    (
        identification
            .and_then(|ident| ident.text_of("id"))
            .unwrap_or_default(),
        identification.and_then(|ident| ident.text_of("version")),
    )
}

/// `id version` for messages.
pub(crate) fn element_name(id: &str, version: Option<&str>) -> String {
    match version {
        Some(version) => format!("{id} {version}"),
        None => id.to_owned(),
    }
}

fn structure(element: &Element, version: FimVersion, notes: &mut Vec<Note>) -> Vec<Child> {
    let mut children = Vec::new();
    for entry in element.children_named("struktur") {
        let Some(content) = entry.child("enthaelt") else {
            continue;
        };
        let item = if let Some(group) = content.child("datenfeldgruppe") {
            Item::Group(read_group(group, version, notes))
        } else if let Some(field) = content.child("datenfeld") {
            Item::Field(Box::new(read_field(field, version, notes)))
        } else {
            continue;
        };
        let (min, max) = match entry.text_of("anzahl").as_deref().map(parse_count) {
            Some(Ok(count)) => count,
            Some(Err(text)) => {
                notes.push(Note::warning(
                    item_name(&item),
                    NoteCode::CountInvalid,
                    format!("Die Anzahl „{text}“ ist ungültig; übernommen als 1:1."),
                ));
                (1, Some(1))
            }
            None => (1, Some(1)),
        };
        children.push(Child { min, max, item });
    }
    children
}

fn item_name(item: &Item) -> String {
    match item {
        Item::Group(group) => element_name(&group.id, group.version.as_deref()),
        Item::Field(field) => element_name(&field.id, field.version.as_deref()),
    }
}

/// `min:max` with `*` for unbounded; `0:0` and min > max are invalid.
pub(crate) fn parse_count(text: &str) -> Result<(u32, Option<u32>), String> {
    let invalid = || text.to_owned();
    let (min, max) = text.trim().split_once(':').ok_or_else(invalid)?;
    let min: u32 = min.parse().map_err(|_| invalid())?;
    let max = if max == "*" {
        None
    } else {
        Some(max.parse::<u32>().map_err(|_| invalid())?)
    };
    match max {
        Some(0) => Err(invalid()),
        Some(max) if min > max => Err(invalid()),
        _ => Ok((min, max)),
    }
}

fn read_group(element: &Element, version: FimVersion, notes: &mut Vec<Note>) -> Group {
    let (id, group_version) = identification(element);
    Group {
        label: element
            .text_of("bezeichnungEingabe")
            .or_else(|| element.text_of("name"))
            .unwrap_or_default(),
        hint: element.text_of("hilfetextEingabe"),
        choice: element.child("art").and_then(Element::code).as_deref() == Some("X"),
        rules: rules(element, version),
        children: structure(element, version, notes),
        id,
        version: group_version,
    }
}

fn read_field(element: &Element, version: FimVersion, notes: &mut Vec<Note>) -> Field {
    let (id, field_version) = identification(element);
    let name = element_name(&id, field_version.as_deref());
    let precision = match (version, element.child("praezisierung")) {
        (_, None) => Precision::default(),
        (FimVersion::V3, Some(precision)) => Precision {
            min_length: precision.attribute("minLength").map(str::to_owned),
            max_length: precision.attribute("maxLength").map(str::to_owned),
            min_value: precision.attribute("minValue").map(str::to_owned),
            max_value: precision.attribute("maxValue").map(str::to_owned),
            pattern: precision.attribute("pattern").map(str::to_owned),
        },
        (FimVersion::V2, Some(precision)) => v2_precision(precision.text.trim(), &name, notes),
    };
    let values: Option<Vec<_>> = element.child("werte").map(|values| {
        values
            .children_named("wert")
            .filter_map(|value| {
                Some((
                    value.text_of("code")?,
                    value
                        .text_of("name")
                        .or_else(|| value.text_of("code"))
                        .unwrap_or_default(),
                    value.text_of("hilfe"),
                ))
            })
            .collect()
    });
    let code_list = element.child("codelisteReferenz").and_then(|reference| {
        let identification = reference
            .child("genericodeIdentification")
            .unwrap_or(reference);
        identification
            .text_of("canonicalVersionUri")
            .or_else(|| identification.text_of("canonicalIdentification"))
    });
    Field {
        label: element
            .text_of("bezeichnungEingabe")
            .or_else(|| element.text_of("name"))
            .unwrap_or_default(),
        hint: element.text_of("hilfetextEingabe"),
        feldart: element
            .child("feldart")
            .and_then(Element::code)
            .unwrap_or_default(),
        datentyp: element
            .child("datentyp")
            .and_then(Element::code)
            .unwrap_or_default(),
        precision,
        content: element.text_of("inhalt"),
        values,
        code_list,
        prefill: element.child("vorbefuellung").and_then(Element::code),
        max_size: element
            .text_of("maxSize")
            .and_then(|size| size.parse().ok()),
        media_types: element
            .children_named("mediaType")
            .map(|media| media.text.trim().to_owned())
            .filter(|media| !media.is_empty())
            .collect(),
        rules: rules(element, version),
        id,
        version: field_version,
    }
}

/// v2 Präzisierung: a JSON object of strings; anything else is noted and ignored.
fn v2_precision(text: &str, name: &str, notes: &mut Vec<Note>) -> Precision {
    if text.is_empty() {
        return Precision::default();
    }
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        notes.push(Note::warning(
            name.to_owned(),
            NoteCode::PrecisionInvalid,
            format!("Die Präzisierung „{text}“ ist kein gültiges JSON; das Feld wurde ohne Einschränkungen übernommen."),
        ));
        return Precision::default();
    };
    let get = |key: &str| {
        object.get(key).and_then(|value| match value {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    };
    Precision {
        min_length: get("minLength"),
        max_length: get("maxLength"),
        min_value: get("minValue"),
        max_value: get("maxValue"),
        pattern: get("pattern"),
    }
}

fn rules(element: &Element, version: FimVersion) -> Vec<RuleText> {
    element
        .children_named("regel")
        .map(|rule| {
            let (id, _) = identification(rule);
            let text = match version {
                FimVersion::V3 => rule
                    .text_of("freitextRegel")
                    .or_else(|| rule.text_of("beschreibung")),
                FimVersion::V2 => rule
                    .text_of("definition")
                    .or_else(|| rule.text_of("beschreibung")),
            }
            .unwrap_or_default();
            RuleText {
                id,
                name: rule.text_of("name").unwrap_or_default(),
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_fim_pattern() {
        assert_eq!(parse_count("0:1"), Ok((0, Some(1))));
        assert_eq!(parse_count("1:*"), Ok((1, None)));
        assert_eq!(parse_count("2:5"), Ok((2, Some(5))));
        for bad in ["0:0", "3:2", "1", "a:b", "1:-1", ""] {
            assert!(parse_count(bad).is_err(), "{bad}");
        }
    }
}
