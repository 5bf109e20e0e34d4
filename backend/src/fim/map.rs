//! FIM model → form definition (standards.md §1.11). Top-level groups become pages; a repeatable
//! group becomes a repeatable group field; other nested groups become a sub-heading followed by
//! their fields. Field keys are the FIM ids in lower case (`f60000000227`), numbered on reuse.

use std::collections::HashSet;

use shared::logic::Decimal;
use shared::schema::{Check, ChoiceDisplay, ContentStyle, DateBound, Page};
use shared::{
    CalendarDate, ChoiceOption, Field, FieldKey, FieldKind, FormDefinition, FormSlug,
    LocalizedText, Rule,
};

use super::model::{self, Child, Group, Item, RuleText, Schema, element_name};
use super::{CodeList, Note, NoteCode};

/// A group without a bound on its items gets the form model's default maximum.
const DEFAULT_MAX_ITEMS: usize = 20;
/// Upload limit for file fields without `maxSize`.
const DEFAULT_MAX_FILE_BYTES: u64 = 10_000_000;
/// Radio buttons up to this many options, a drop-down above.
const MAX_RADIO_OPTIONS: usize = 7;
/// Texts longer than this get a multi-line input.
const TEXT_AREA_FROM: usize = 200;

pub(crate) fn to_definition(
    schema: &Schema,
    lists: &[CodeList],
    notes: &mut Vec<Note>,
) -> FormDefinition {
    let mut mapper = Mapper { lists, notes };
    mapper.rules(
        &schema.rules,
        &element_name(&schema.id, schema.version.as_deref()),
    );
    let mut keys = HashSet::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut loose: Vec<Field> = Vec::new();
    let flush = |loose: &mut Vec<Field>, pages: &mut Vec<Page>| {
        if !loose.is_empty() {
            pages.push(page("Angaben", std::mem::take(loose)));
        }
    };
    for child in &schema.children {
        match &child.item {
            Item::Group(group) if repeatable(child) => {
                flush(&mut loose, &mut pages);
                let field = mapper.repeatable_group(group, child, &mut keys);
                pages.push(page(&group.label, vec![field]));
            }
            Item::Group(group) => {
                flush(&mut loose, &mut pages);
                let mut fields = Vec::new();
                if let Some(hint) = &group.hint {
                    fields.push(content(
                        &mut keys,
                        &group.id,
                        "",
                        hint,
                        ContentStyle::Paragraph,
                    ));
                }
                fields.extend(mapper.group_fields(group, child.min > 0, false, &mut keys));
                pages.push(page(&group.label, fields));
            }
            Item::Field(field) => {
                loose.extend(mapper.field(field, child, child.min > 0, &mut keys));
            }
        }
    }
    flush(&mut loose, &mut pages);
    let description = schema.help.clone().or_else(|| {
        (!schema.legal_basis.is_empty())
            .then(|| format!("Rechtsgrundlage: {}", schema.legal_basis.join("; ")))
    });
    FormDefinition {
        slug: slug(&schema.title, &schema.id),
        title: LocalizedText::de(if schema.title.is_empty() {
            schema.id.clone()
        } else {
            schema.title.clone()
        }),
        description: description.map(LocalizedText::de),
        pages,
        payment: None,
        privacy_notice: None,
        one_question_per_page: false,
        confirmation_email_field: None,
    }
}

fn repeatable(child: &Child) -> bool {
    child.max != Some(1)
}

fn page(title: &str, fields: Vec<Field>) -> Page {
    Page {
        title: LocalizedText::de(title),
        visible_if: None,
        fields,
    }
}

struct Mapper<'a> {
    lists: &'a [CodeList],
    notes: &'a mut Vec<Note>,
}

impl Mapper<'_> {
    fn rules(&mut self, rules: &[RuleText], owner: &str) {
        for rule in rules {
            let text = if rule.text.is_empty() {
                &rule.name
            } else {
                &rule.text
            };
            self.notes.push(Note::warning(
                if rule.id.is_empty() {
                    owner.to_owned()
                } else {
                    rule.id.clone()
                },
                NoteCode::RuleNotImported,
                format!(
                    "Regel „{}“ von {owner} bitte als Bedingung oder Prüfung nachbilden: {text}",
                    rule.name
                ),
            ));
        }
    }

    /// The fields of a non-repeatable group, flattened; `required` is false inside optional or
    /// choice groups.
    fn group_fields(
        &mut self,
        group: &Group,
        required: bool,
        in_repeat: bool,
        keys: &mut HashSet<String>,
    ) -> Vec<Field> {
        let name = element_name(&group.id, group.version.as_deref());
        self.rules(&group.rules, &name);
        let required = if group.choice {
            self.notes.push(Note::warning(
                name.clone(),
                NoteCode::ChoiceGroup,
                format!(
                    "„{}“ ist eine Auswahlgruppe: Bürgerinnen und Bürger füllen genau einen Zweig aus. Alle Zweige wurden als freiwillig übernommen; bitte mit Bedingungen nachbilden.",
                    group.label
                ),
            ));
            false
        } else {
            required
        };
        let mut fields = Vec::new();
        for child in &group.children {
            match &child.item {
                Item::Field(field) => {
                    fields.extend(self.field(field, child, required && child.min > 0, keys));
                }
                Item::Group(inner) if repeatable(child) && !in_repeat => {
                    fields.push(self.repeatable_group(inner, child, keys));
                }
                Item::Group(inner) => {
                    if repeatable(child) {
                        self.notes.push(Note::warning(
                            element_name(&inner.id, inner.version.as_deref()),
                            NoteCode::NestedRepeat,
                            format!("„{}“ wiederholt sich innerhalb einer wiederholbaren Gruppe; übernommen als einmalige Angaben je Eintrag.", inner.label),
                        ));
                    }
                    fields.push(content(
                        keys,
                        &inner.id,
                        &inner.label,
                        inner.hint.as_deref().unwrap_or(""),
                        ContentStyle::Heading,
                    ));
                    fields.extend(self.group_fields(
                        inner,
                        required && child.min > 0,
                        in_repeat,
                        keys,
                    ));
                }
            }
        }
        fields
    }

    fn repeatable_group(
        &mut self,
        group: &Group,
        child: &Child,
        keys: &mut HashSet<String>,
    ) -> Field {
        let mut inner_keys = HashSet::new();
        let fields = self.group_fields(group, true, true, &mut inner_keys);
        let max_items = child.max.map_or(DEFAULT_MAX_ITEMS, |max| max as usize);
        Field {
            key: key(keys, &group.id),
            label: LocalizedText::de(&group.label),
            hint: group.hint.clone().map(LocalizedText::de),
            kind: FieldKind::Group {
                fields,
                min_items: child.min as usize,
                max_items,
            },
            required: child.min > 0,
            required_if: None,
            visible_if: None,
            rules: Vec::new(),
            autocomplete: None,
        }
    }

    fn field(
        &mut self,
        field: &model::Field,
        child: &Child,
        required: bool,
        keys: &mut HashSet<String>,
    ) -> Option<Field> {
        let name = element_name(&field.id, field.version.as_deref());
        self.rules(&field.rules, &name);
        if field.prefill.as_deref() == Some("verpflichtend") {
            self.notes.push(Note::warning(
                name.clone(),
                NoteCode::PrefillRequired,
                format!("„{}“ soll laut FIM verpflichtend vorbefüllt werden; dafür gibt es hier keine Datenquelle.", field.label),
            ));
        }
        let many = child.max != Some(1);
        let kind = match (field.feldart.as_str(), field.datentyp.as_str()) {
            ("label", _) => {
                let text = field
                    .content
                    .clone()
                    .or_else(|| field.hint.clone())
                    .unwrap_or_default();
                return Some(content(
                    keys,
                    &field.id,
                    &field.label,
                    &text,
                    ContentStyle::Paragraph,
                ));
            }
            ("hidden", _) => {
                self.notes.push(Note::warning(
                    name,
                    NoteCode::HiddenSkipped,
                    format!(
                        "Das versteckte Feld „{}“ wurde nicht übernommen.",
                        field.label
                    ),
                ));
                return None;
            }
            ("locked", _) => {
                self.notes.push(Note::warning(
                    name,
                    NoteCode::LockedAsText,
                    format!(
                        "Das gesperrte Feld „{}“ wird als Information angezeigt.",
                        field.label
                    ),
                ));
                let text = field.content.clone().unwrap_or_default();
                return Some(content(
                    keys,
                    &field.id,
                    &field.label,
                    &text,
                    ContentStyle::Info,
                ));
            }
            ("select", _) => self.choice(field, &name),
            ("input", "text" | "text_latin") => {
                let long = field
                    .precision
                    .max_length
                    .as_deref()
                    .and_then(|max| max.parse::<usize>().ok())
                    .is_some_and(|max| max > TEXT_AREA_FROM);
                if long {
                    FieldKind::TextArea
                } else {
                    FieldKind::Text
                }
            }
            ("input", "date") => FieldKind::Date,
            ("input", "time") => FieldKind::Time,
            ("input", "datetime") => {
                self.notes.push(Note::warning(
                    name.clone(),
                    NoteCode::DatetimeAsText,
                    format!("„{}“ (Datum mit Uhrzeit) wurde als Textfeld übernommen; besser in ein Datums- und ein Uhrzeitfeld teilen.", field.label),
                ));
                FieldKind::Text
            }
            ("input", "bool") => FieldKind::Checkbox,
            ("input", "num") => FieldKind::Decimal { decimals: 2 },
            ("input", "num_int") => FieldKind::Integer,
            ("input", "num_currency") => FieldKind::Money,
            ("input", "file") => FieldKind::File {
                accept: field.media_types.clone(),
                max_size_bytes: field.max_size.unwrap_or(DEFAULT_MAX_FILE_BYTES),
                max_count: child.max.map_or(10, |max| max as usize),
            },
            ("input", "obj") => {
                self.notes.push(Note::warning(
                    name,
                    NoteCode::ObjectSkipped,
                    format!("„{}“ hat den Datentyp „obj“ (Objekt), den Formulare nicht abfragen können; nicht übernommen.", field.label),
                ));
                return None;
            }
            (feldart, datentyp) => {
                self.notes.push(Note::blocking(
                    name,
                    NoteCode::UnknownCode,
                    format!("„{}“: Feldart „{feldart}“ mit Datentyp „{datentyp}“ ist unbekannt; nicht übernommen.", field.label),
                ));
                return None;
            }
        };
        if many && !matches!(kind, FieldKind::File { .. }) {
            self.notes.push(Note::warning(
                name.clone(),
                NoteCode::MultipleValues,
                format!(
                    "„{}“ darf laut FIM mehrfach vorkommen; übernommen als eine Angabe.",
                    field.label
                ),
            ));
        }
        if field.feldart == "input" && field.content.is_some() {
            self.notes.push(Note::warning(
                name.clone(),
                NoteCode::DefaultIgnored,
                format!(
                    "Der Vorgabewert von „{}“ wurde nicht übernommen.",
                    field.label
                ),
            ));
        }
        let rules = self.precision_rules(field, &kind, &name);
        Some(Field {
            key: key(keys, &field.id),
            label: LocalizedText::de(&field.label),
            hint: field.hint.clone().map(LocalizedText::de),
            // A tick box that is "required" must be ticked, which FIM's 1:1 does not mean.
            required: required && !matches!(kind, FieldKind::Checkbox),
            kind,
            required_if: None,
            visible_if: None,
            rules,
            autocomplete: None,
        })
    }

    fn choice(&mut self, field: &model::Field, name: &str) -> FieldKind {
        let values: Vec<(String, String)> = match (&field.values, &field.code_list) {
            (Some(values), _) => values
                .iter()
                .map(|(code, label, _)| (code.clone(), label.clone()))
                .collect(),
            (None, Some(uri)) => match self
                .lists
                .iter()
                .find(|list| list.uris.iter().any(|known| known == uri))
            {
                Some(list) => list.rows.clone(),
                None => {
                    self.notes.push(Note::blocking(
                        name.to_owned(),
                        NoteCode::CodeListMissing,
                        format!("Die Codeliste {uri} für „{}“ fehlt: bitte hochladen oder die Auswahl von Hand eintragen.", field.label),
                    ));
                    Vec::new()
                }
            },
            (None, None) => {
                self.notes.push(Note::blocking(
                    name.to_owned(),
                    NoteCode::CodeListMissing,
                    format!(
                        "„{}“ ist ein Auswahlfeld ohne Werte: bitte die Auswahl eintragen.",
                        field.label
                    ),
                ));
                Vec::new()
            }
        };
        let options: Vec<ChoiceOption> = values
            .into_iter()
            .map(|(value, label)| ChoiceOption {
                value,
                label: LocalizedText::de(label),
            })
            .collect();
        let display = if options.len() > MAX_RADIO_OPTIONS {
            ChoiceDisplay::Select
        } else {
            ChoiceDisplay::Radio
        };
        FieldKind::Choice { options, display }
    }

    /// Präzisierung → rules that fit the field's kind; anything else is reported.
    fn precision_rules(&mut self, field: &model::Field, kind: &FieldKind, name: &str) -> Vec<Rule> {
        let precision = &field.precision;
        let mut rules = Vec::new();
        let invalid = |what: &str, value: &str, notes: &mut Vec<Note>| {
            notes.push(Note::warning(
                name.to_owned(),
                NoteCode::PrecisionInvalid,
                format!(
                    "„{}“: {what} „{value}“ passt nicht zum Datentyp; nicht übernommen.",
                    field.label
                ),
            ));
        };
        let text = matches!(kind, FieldKind::Text | FieldKind::TextArea);
        for (bound, is_min) in [
            (&precision.min_length, true),
            (&precision.max_length, false),
        ] {
            let Some(value) = bound else { continue };
            match value.trim().parse::<usize>() {
                Ok(length) if text => rules.push(Rule::new(if is_min {
                    Check::MinLength { min: length }
                } else {
                    Check::MaxLength { max: length }
                })),
                _ => invalid("Länge", value, self.notes),
            }
        }
        for (bound, is_min) in [(&precision.min_value, true), (&precision.max_value, false)] {
            let Some(value) = bound else { continue };
            let value = value.trim();
            let check = match kind {
                FieldKind::Integer | FieldKind::Decimal { .. } | FieldKind::Money => {
                    Decimal::parse(&value.replace(',', ".")).map(|number| {
                        if is_min {
                            Check::MinValue { min: number }
                        } else {
                            Check::MaxValue { max: number }
                        }
                    })
                }
                FieldKind::Date => value.parse::<CalendarDate>().ok().map(|date| {
                    let date = DateBound::Absolute(date);
                    if is_min {
                        Check::MinDate { date }
                    } else {
                        Check::MaxDate { date }
                    }
                }),
                _ => None,
            };
            match check {
                Some(check) => rules.push(Rule::new(check)),
                None => invalid("Wertebereich", value, self.notes),
            }
        }
        if let Some(pattern) = &precision.pattern {
            let compiles = regex_lite::Regex::new(&format!("^(?:{pattern})$")).is_ok();
            if compiles && text {
                rules.push(Rule::new(Check::Pattern {
                    pattern: pattern.clone(),
                }));
            } else {
                self.notes.push(Note::warning(
                    name.to_owned(),
                    NoteCode::PatternInvalid,
                    format!("„{}“: das Muster „{pattern}“ lässt sich nicht übernehmen; bitte von Hand prüfen.", field.label),
                ));
            }
        }
        rules
    }
}

/// A static text block.
fn content(
    keys: &mut HashSet<String>,
    id: &str,
    label: &str,
    text: &str,
    style: ContentStyle,
) -> Field {
    Field {
        key: key(keys, &format!("text_{id}")),
        label: LocalizedText::de(label),
        hint: None,
        kind: FieldKind::Content {
            text: LocalizedText::de(text),
            style,
        },
        required: false,
        required_if: None,
        visible_if: None,
        rules: Vec::new(),
        autocomplete: None,
    }
}

/// A unique key from a FIM id: lower case, other characters as `_`, numbered on reuse.
fn key(keys: &mut HashSet<String>, id: &str) -> FieldKey {
    let mut base: String = id
        .chars()
        .map(|character| {
            let lower = character.to_ascii_lowercase();
            if lower.is_ascii_lowercase() || lower.is_ascii_digit() {
                lower
            } else {
                '_'
            }
        })
        .collect();
    if !base.starts_with(|character: char| character.is_ascii_lowercase()) {
        base = format!("feld_{base}");
    }
    base.truncate(56);
    let mut candidate = base.clone();
    let mut number = 2;
    while keys.contains(&candidate) {
        candidate = format!("{base}_{number}");
        number += 1;
    }
    keys.insert(candidate.clone());
    candidate.parse().unwrap_or_else(|_| {
        // Only ASCII letters, digits and `_` were produced, starting with a letter.
        "feld"
            .parse()
            .unwrap_or_else(|_| unreachable!("a fixed valid key"))
    })
}

/// A URL name from the title: lower case, umlauts spelled out, words joined by `-`.
fn slug(title: &str, id: &str) -> FormSlug {
    let slug = shared::id::ascii_name(title, '-', 72);
    let fallback = || {
        format!(
            "fim-{}",
            id.to_ascii_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        )
    };
    let candidate = if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        slug
    } else {
        fallback()
    };
    candidate
        .parse()
        .or_else(|_| fallback().parse())
        .unwrap_or_else(|_| {
            "fim-import"
                .parse()
                .unwrap_or_else(|_| unreachable!("a fixed valid slug"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_ids_and_are_unique() {
        let mut keys = HashSet::new();
        assert_eq!(key(&mut keys, "F60000000227").as_str(), "f60000000227");
        assert_eq!(key(&mut keys, "F60000000227").as_str(), "f60000000227_2");
        assert_eq!(key(&mut keys, "").as_str(), "feld_");
        assert_eq!(key(&mut keys, "123").as_str(), "feld_123");
    }

    #[test]
    fn slugs_spell_out_umlauts() {
        assert_eq!(
            slug("Antrag auf Erteilung: Bewohnerparkausweis (Änderung)", "S1").as_str(),
            "antrag-auf-erteilung-bewohnerparkausweis-aenderung"
        );
        assert_eq!(slug("", "S05000058").as_str(), "fim-s05000058");
        assert_eq!(slug("123 Test", "S1").as_str(), "fim-s1");
    }
}
