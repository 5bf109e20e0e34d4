//! The form editor's state: the draft being edited, the revision it is based on, the selected
//! field and undo/redo. Pure (no browser calls), so it is unit-tested on the host; the page
//! (`pages/form_editor.rs`) renders it and performs saves.

use std::rc::Rc;

use shared::api::editor::EditorForm;
use shared::schema::{ChoiceDisplay, ContentStyle, Page};
use shared::{ChoiceOption, Field, FieldKey, FieldKind, FormDefinition, FormId, LocalizedText};
use yew::Reducible;

/// Most steps kept for undo.
const MAX_UNDO: usize = 100;

/// A field: page and position on it, and for a field of a repeatable group its position in
/// the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRef {
    pub page: usize,
    pub index: usize,
    pub child: Option<usize>,
}

impl FieldRef {
    /// A top-level field.
    pub fn top(page: usize, index: usize) -> Self {
        Self {
            page,
            index,
            child: None,
        }
    }

    /// The group field this field belongs to (itself for a top-level field).
    pub fn parent(self) -> Self {
        Self::top(self.page, self.index)
    }
}

/// The kinds an editor can add, with their German names (the palette's order).
pub const PALETTE: [(&str, &str); 21] = [
    ("text", "Text (einzeilig)"),
    ("text_area", "Text (mehrzeilig)"),
    ("email", "E-Mail-Adresse"),
    ("phone", "Telefonnummer"),
    ("integer", "Ganze Zahl"),
    ("decimal", "Dezimalzahl"),
    ("money", "Geldbetrag"),
    ("date", "Datum"),
    ("time", "Uhrzeit"),
    ("postal_code", "Postleitzahl"),
    ("iban", "IBAN"),
    ("tax_id", "Steuer-Identifikationsnummer"),
    ("choice", "Auswahl (eine)"),
    ("multiple_choice", "Auswahl (mehrere)"),
    ("yes_no", "Ja/Nein"),
    ("checkbox", "Ankreuzfeld"),
    ("file", "Datei-Upload"),
    ("address", "Anschrift"),
    ("group", "Wiederholbare Gruppe"),
    ("computed", "Berechneter Wert"),
    ("content", "Text-Baustein (keine Frage)"),
];

/// The German name of a kind.
pub fn kind_name(kind: &FieldKind) -> &'static str {
    PALETTE
        .iter()
        .find(|(name, _)| *name == kind.name())
        .map_or("?", |(_, label)| label)
}

/// What the editor can do.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorAction {
    /// A fresh copy from the server (after loading, or to resolve a conflict).
    Loaded(Box<EditorForm>),
    /// The server stored the draft as `revision`.
    Saved {
        revision: u64,
        definition: Box<FormDefinition>,
    },
    Select(Option<FieldRef>),
    AddField {
        page: usize,
        kind: &'static str,
    },
    AddPage,
    RemovePage(usize),
    /// Moves a page one place up or down.
    MovePage {
        page: usize,
        up: bool,
    },
    SetPageTitle(usize, String),
    /// Moves a field one place up or down; at a page's edge it moves to the next page.
    MoveField {
        field: FieldRef,
        up: bool,
    },
    /// Adds a field of `kind` to the repeatable group at `group`.
    AddChild {
        group: FieldRef,
        kind: &'static str,
    },
    /// Moves a field to before `to` (drag and drop).
    MoveFieldTo {
        field: FieldRef,
        to: FieldRef,
    },
    DuplicateField(FieldRef),
    DeleteField(FieldRef),
    /// Replaces a field with the edited one (from the property panel).
    UpdateField(FieldRef, Box<Field>),
    /// Replaces the whole definition (form-level properties).
    UpdateDefinition(Box<FormDefinition>),
    Undo,
    Redo,
}

/// The editor's state.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    pub id: FormId,
    /// The revision the draft is based on; sent with the next save.
    pub revision: u64,
    pub definition: FormDefinition,
    /// The last saved definition: the draft has unsaved changes while they differ.
    pub saved: FormDefinition,
    pub selected: Option<FieldRef>,
    undo: Vec<FormDefinition>,
    redo: Vec<FormDefinition>,
    /// The field the last edit changed through the property panel: further edits of it join
    /// that undo step, so undo takes back a typed label at once, not letter by letter.
    typing: Option<FieldRef>,
}

impl EditorState {
    /// The state for a form loaded from the server.
    pub fn new(form: &EditorForm) -> Self {
        Self {
            id: form.id,
            revision: form.revision,
            definition: form.definition.clone(),
            saved: form.definition.clone(),
            selected: None,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
        }
    }

    /// Whether there are changes the server does not have.
    pub fn unsaved(&self) -> bool {
        self.definition != self.saved
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The field at `at`, if it exists.
    pub fn field(&self, at: FieldRef) -> Option<&Field> {
        let top = self.definition.pages.get(at.page)?.fields.get(at.index)?;
        match (at.child, &top.kind) {
            (None, _) => Some(top),
            (Some(child), FieldKind::Group { fields, .. }) => fields.get(child),
            (Some(_), _) => None,
        }
    }

    /// Applies an edit, remembering the state before it for undo.
    fn edit(&mut self, change: impl FnOnce(&mut FormDefinition, &mut Option<FieldRef>)) {
        self.typing = None;
        let before = self.definition.clone();
        change(&mut self.definition, &mut self.selected);
        if self.definition != before {
            self.undo.push(before);
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    /// Applies `action` (the reducer's logic, on an owned state).
    pub fn apply(mut self, action: EditorAction) -> Self {
        match action {
            EditorAction::Loaded(form) => return Self::new(&form),
            EditorAction::Saved {
                revision,
                definition,
            } => {
                self.revision = revision;
                self.saved = *definition;
            }
            EditorAction::Select(selected) => {
                self.selected = selected;
                self.typing = None;
            }
            EditorAction::AddField { page, kind } => self.edit(|definition, selected| {
                let key = unique_key(definition, "feld");
                let Some(target) = definition.pages.get_mut(page) else {
                    return;
                };
                target.fields.push(new_field(kind, key));
                *selected = Some(FieldRef {
                    page,
                    index: target.fields.len() - 1,
                    child: None,
                });
            }),
            EditorAction::AddPage => self.edit(|definition, _| {
                let number = definition.pages.len() + 1;
                definition.pages.push(Page {
                    title: LocalizedText::de(format!("Seite {number}")),
                    visible_if: None,
                    fields: Vec::new(),
                });
            }),
            EditorAction::RemovePage(page) => self.edit(|definition, selected| {
                if page < definition.pages.len() && definition.pages.len() > 1 {
                    definition.pages.remove(page);
                    *selected = None;
                }
            }),
            EditorAction::MovePage { page, up } => self.edit(|definition, selected| {
                let target = if up {
                    page.checked_sub(1)
                } else {
                    Some(page + 1)
                };
                if let Some(target) = target.filter(|target| *target < definition.pages.len()) {
                    definition.pages.swap(page, target);
                    *selected = None;
                }
            }),
            EditorAction::SetPageTitle(page, title) => self.edit(|definition, _| {
                if let Some(target) = definition.pages.get_mut(page) {
                    target.title.de = title;
                }
            }),
            EditorAction::MoveField { field, up } => self.edit(|definition, selected| {
                *selected = match field.child {
                    None => move_field(definition, field, up),
                    Some(child) => siblings(definition, field).and_then(|fields| {
                        let target = if up { child.checked_sub(1)? } else { child + 1 };
                        if target >= fields.len() {
                            return None;
                        }
                        fields.swap(child, target);
                        Some(FieldRef {
                            child: Some(target),
                            ..field
                        })
                    }),
                }
                .or(*selected);
            }),
            EditorAction::AddChild { group, kind } => self.edit(|definition, selected| {
                let Some(fields) = siblings(
                    definition,
                    FieldRef {
                        child: Some(0),
                        ..group.parent()
                    },
                ) else {
                    return;
                };
                let key = unique_among(fields, "feld");
                fields.push(new_field(kind, key));
                *selected = Some(FieldRef {
                    child: Some(fields.len() - 1),
                    ..group.parent()
                });
            }),
            EditorAction::MoveFieldTo { field, to } => self.edit(|definition, selected| {
                *selected = move_field_to(definition, field, to).or(*selected);
            }),
            EditorAction::DuplicateField(at) => self.edit(|definition, selected| {
                let top_keys = definition.clone();
                let Some(fields) = siblings(definition, at) else {
                    return;
                };
                let position = at.child.unwrap_or(at.index);
                let Some(mut copy) = fields.get(position).cloned() else {
                    return;
                };
                copy.key = match at.child {
                    None => unique_key(&top_keys, copy.key.as_str()),
                    Some(_) => unique_among(fields, copy.key.as_str()),
                };
                fields.insert(position + 1, copy);
                *selected = Some(match at.child {
                    None => FieldRef::top(at.page, at.index + 1),
                    Some(child) => FieldRef {
                        child: Some(child + 1),
                        ..at
                    },
                });
            }),
            EditorAction::DeleteField(at) => self.edit(|definition, selected| {
                if let Some(fields) = siblings(definition, at) {
                    let position = at.child.unwrap_or(at.index);
                    if position < fields.len() {
                        fields.remove(position);
                        *selected = None;
                    }
                }
            }),
            EditorAction::UpdateField(at, field) => {
                let joins = self.typing == Some(at) && !self.undo.is_empty();
                if joins {
                    if let Some(slot) = slot(&mut self.definition, at) {
                        *slot = *field;
                    }
                } else {
                    self.edit(|definition, _| {
                        if let Some(slot) = slot(definition, at) {
                            *slot = *field;
                        }
                    });
                    self.typing = Some(at);
                }
                self.redo.clear();
            }
            EditorAction::UpdateDefinition(definition) => self.edit(|current, _| {
                *current = *definition;
            }),
            EditorAction::Undo => {
                self.typing = None;
                if let Some(previous) = self.undo.pop() {
                    self.redo
                        .push(std::mem::replace(&mut self.definition, previous));
                    self.selected = self.selected.filter(|at| self.field(*at).is_some());
                }
            }
            EditorAction::Redo => {
                self.typing = None;
                if let Some(next) = self.redo.pop() {
                    self.undo
                        .push(std::mem::replace(&mut self.definition, next));
                    self.selected = self.selected.filter(|at| self.field(*at).is_some());
                }
            }
        }
        self
    }
}

impl Reducible for EditorState {
    type Action = EditorAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

/// The list `at` is in: its page's fields, or its group's fields for a field of a group.
fn siblings(definition: &mut FormDefinition, at: FieldRef) -> Option<&mut Vec<Field>> {
    let page = definition.pages.get_mut(at.page)?;
    match at.child {
        None => Some(&mut page.fields),
        Some(_) => match &mut page.fields.get_mut(at.index)?.kind {
            FieldKind::Group { fields, .. } => Some(fields),
            _ => None,
        },
    }
}

/// The field at `at`, to change it.
fn slot(definition: &mut FormDefinition, at: FieldRef) -> Option<&mut Field> {
    let position = at.child.unwrap_or(at.index);
    siblings(definition, at)?.get_mut(position)
}

/// A key for the field at `at` from `label`, unique among the keys it must differ from (the
/// form's top-level fields, or its group's fields), not counting its own.
pub fn key_for(definition: &FormDefinition, at: FieldRef, label: &str) -> FieldKey {
    let mut others = definition.clone();
    if let Some(field) = slot(&mut others, at) {
        field.key = "platzhalter_ohne_bedeutung"
            .parse()
            .unwrap_or_else(|_| unreachable!("a valid key"));
    }
    let base = key_from_label(label);
    if at.child.is_some()
        && let Some(fields) = siblings(&mut others, at)
    {
        return unique_among(fields, &base);
    }
    unique_key(&others, &base)
}

/// `base`, or `base_2`, … : the first key none of `fields` has.
fn unique_among(fields: &[Field], base: &str) -> FieldKey {
    let taken = |key: &str| fields.iter().any(|field| field.key.as_str() == key);
    let base = base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    let base = if base.is_empty() { "feld" } else { base };
    let mut candidate = base.to_owned();
    let mut number = 1;
    while taken(&candidate) {
        number += 1;
        candidate = format!("{base}_{number}");
    }
    candidate.parse().unwrap_or_else(|_| {
        "feld"
            .parse()
            .unwrap_or_else(|_| unreachable!("a valid key"))
    })
}

fn move_field(definition: &mut FormDefinition, at: FieldRef, up: bool) -> Option<FieldRef> {
    let page_count = definition.pages.len();
    let fields_on = |definition: &FormDefinition, page: usize| definition.pages[page].fields.len();
    if at.page >= page_count || at.index >= fields_on(definition, at.page) {
        return None;
    }
    let target = match (up, at.index) {
        (true, 0) if at.page > 0 => FieldRef {
            page: at.page - 1,
            index: fields_on(definition, at.page - 1),
            child: None,
        },
        (true, 0) => return None,
        (true, index) => FieldRef {
            page: at.page,
            index: index - 1,
            child: None,
        },
        (false, index) if index + 1 < fields_on(definition, at.page) => FieldRef {
            page: at.page,
            index: index + 1,
            child: None,
        },
        (false, _) if at.page + 1 < page_count => FieldRef {
            page: at.page + 1,
            index: 0,
            child: None,
        },
        (false, _) => return None,
    };
    let field = definition.pages[at.page].fields.remove(at.index);
    definition.pages[target.page]
        .fields
        .insert(target.index, field);
    Some(target)
}

fn move_field_to(definition: &mut FormDefinition, at: FieldRef, to: FieldRef) -> Option<FieldRef> {
    if at == to || at.page >= definition.pages.len() || to.page >= definition.pages.len() {
        return None;
    }
    if at.index >= definition.pages[at.page].fields.len() {
        return None;
    }
    let field = definition.pages[at.page].fields.remove(at.index);
    let mut index = to.index;
    if at.page == to.page && at.index < to.index {
        index -= 1;
    }
    let index = index.min(definition.pages[to.page].fields.len());
    definition.pages[to.page].fields.insert(index, field);
    Some(FieldRef {
        page: to.page,
        index,
        child: None,
    })
}

/// The field a definition-check or advice path (`pages[1].fields[3]…`, or
/// `pages[1].fields[3].fields[0]…` inside a group) points at.
pub fn field_ref_of(path: &str) -> Option<FieldRef> {
    let rest = path.strip_prefix("pages[")?;
    let (page, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".fields[")?;
    let (index, rest) = rest.split_once(']')?;
    let child = rest
        .strip_prefix(".fields[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(child, _)| child.parse().ok());
    Some(FieldRef {
        page: page.parse().ok()?,
        index: index.parse().ok()?,
        child,
    })
}

/// `base`, or `base_2`, `base_3`, … : the first key no top-level field has.
pub fn unique_key(definition: &FormDefinition, base: &str) -> FieldKey {
    let taken = |key: &str| definition.fields().any(|field| field.key.as_str() == key);
    let base = base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    let base = if base.is_empty() { "feld" } else { base };
    let mut number = 1;
    loop {
        let candidate = if number == 1 && !taken(base) {
            base.to_owned()
        } else {
            number += 1;
            format!("{base}_{number}")
        };
        if !taken(&candidate) {
            if let Ok(key) = candidate.parse() {
                return key;
            }
            return "feld"
                .parse()
                .unwrap_or_else(|_| unreachable!("a valid key"));
        }
    }
}

/// A key from a label: lower case, umlauts spelled out, words joined by `_`.
pub fn key_from_label(label: &str) -> String {
    let key = shared::id::ascii_name(label, '_', 48);
    if key.starts_with(|c: char| c.is_ascii_lowercase()) {
        key
    } else if key.is_empty() {
        "feld".to_owned()
    } else {
        format!("feld_{key}")
    }
}

/// A new field of `kind` with sensible defaults.
pub fn new_field(kind: &str, key: FieldKey) -> Field {
    let option = |value: &str, label: &str| ChoiceOption {
        value: value.to_owned(),
        label: LocalizedText::de(label),
    };
    let kind = match kind {
        "text_area" => FieldKind::TextArea,
        "email" => FieldKind::Email,
        "phone" => FieldKind::Phone,
        "integer" => FieldKind::Integer,
        "decimal" => FieldKind::Decimal { decimals: 2 },
        "money" => FieldKind::Money,
        "date" => FieldKind::Date,
        "time" => FieldKind::Time,
        "postal_code" => FieldKind::PostalCode,
        "iban" => FieldKind::Iban,
        "tax_id" => FieldKind::TaxId,
        "choice" => FieldKind::Choice {
            options: vec![
                option("option_1", "Möglichkeit 1"),
                option("option_2", "Möglichkeit 2"),
            ],
            display: ChoiceDisplay::Radio,
        },
        "multiple_choice" => FieldKind::MultipleChoice {
            options: vec![
                option("option_1", "Möglichkeit 1"),
                option("option_2", "Möglichkeit 2"),
            ],
            min_selections: None,
            max_selections: None,
        },
        "yes_no" => FieldKind::YesNo,
        "checkbox" => FieldKind::Checkbox,
        "file" => FieldKind::File {
            accept: vec![
                "application/pdf".into(),
                "image/jpeg".into(),
                "image/png".into(),
            ],
            max_size_bytes: 10_000_000,
            max_count: 1,
        },
        "address" => FieldKind::Address {
            with_country: false,
        },
        "group" => FieldKind::Group {
            fields: vec![Field {
                key: "angabe"
                    .parse()
                    .unwrap_or_else(|_| unreachable!("a valid key")),
                ..plain_field(FieldKind::Text, "feld")
            }],
            min_items: 1,
            max_items: 10,
        },
        "computed" => FieldKind::Computed {
            expression: shared::schema::Expression("0".into()),
            display: shared::schema::ComputedDisplay::Number,
        },
        "content" => FieldKind::Content {
            text: LocalizedText::de("Text"),
            style: ContentStyle::Paragraph,
        },
        _ => FieldKind::Text,
    };
    let label = match kind {
        FieldKind::Content { .. } => "Überschrift",
        _ => "Neue Frage",
    };
    let mut field = plain_field(kind, key.as_str());
    field.key = key;
    field.label = LocalizedText::de(label);
    field
}

fn plain_field(kind: FieldKind, key: &str) -> Field {
    Field {
        key: key.parse().unwrap_or_else(|_| {
            "feld"
                .parse()
                .unwrap_or_else(|_| unreachable!("a valid key"))
        }),
        label: LocalizedText::de("Angabe"),
        hint: None,
        kind,
        required: false,
        required_if: None,
        visible_if: None,
        rules: Vec::new(),
        autocomplete: None,
    }
}

#[cfg(test)]
mod tests {
    use shared::api::editor::FormStatus;

    use super::*;

    fn state() -> EditorState {
        let definition: FormDefinition = serde_json::from_value(serde_json::json!({
            "slug": "test", "title": { "de": "Test" },
            "pages": [
                { "title": { "de": "Eins" }, "fields": [
                    { "key": "a", "label": { "de": "A" }, "type": "text" },
                    { "key": "b", "label": { "de": "B" }, "type": "text" }
                ]},
                { "title": { "de": "Zwei" }, "fields": [
                    { "key": "c", "label": { "de": "C" }, "type": "text" }
                ]}
            ]
        }))
        .expect("a definition");
        EditorState::new(&EditorForm {
            id: "00000000-0000-0000-0000-000000000007"
                .parse()
                .expect("a form id"),
            status: FormStatus::Draft,
            unpublished_changes: true,
            revision: 3,
            definition,
            versions: Vec::new(),
            updated_at: String::new(),
            updated_by: None,
            department: None,
            retention_days: None,
        })
    }

    fn keys(state: &EditorState) -> Vec<Vec<&str>> {
        state
            .definition
            .pages
            .iter()
            .map(|page| page.fields.iter().map(|field| field.key.as_str()).collect())
            .collect()
    }

    #[test]
    fn fields_move_by_buttons_across_pages_and_by_drag_and_drop() {
        let state = state().apply(EditorAction::MoveField {
            field: FieldRef {
                page: 0,
                index: 1,
                child: None,
            },
            up: false,
        });
        assert_eq!(keys(&state), [vec!["a"], vec!["b", "c"]]);
        assert_eq!(
            state.selected,
            Some(FieldRef {
                page: 1,
                index: 0,
                child: None
            })
        );
        let state = state.apply(EditorAction::MoveField {
            field: FieldRef {
                page: 1,
                index: 0,
                child: None,
            },
            up: true,
        });
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c"]]);
        let state = state.apply(EditorAction::MoveFieldTo {
            field: FieldRef {
                page: 1,
                index: 0,
                child: None,
            },
            to: FieldRef {
                page: 0,
                index: 0,
                child: None,
            },
        });
        assert_eq!(keys(&state), [vec!["c", "a", "b"], vec![]]);
        let state = state.apply(EditorAction::MoveFieldTo {
            field: FieldRef {
                page: 0,
                index: 0,
                child: None,
            },
            to: FieldRef {
                page: 0,
                index: 2,
                child: None,
            },
        });
        assert_eq!(keys(&state), [vec!["a", "c", "b"], vec![]]);
    }

    #[test]
    fn edits_undo_and_redo_and_saving_clears_unsaved() {
        let state = state();
        assert!(!state.unsaved());
        let state = state
            .apply(EditorAction::AddField {
                page: 1,
                kind: "choice",
            })
            .apply(EditorAction::DuplicateField(FieldRef {
                page: 0,
                index: 0,
                child: None,
            }));
        assert_eq!(keys(&state), [vec!["a", "a_2", "b"], vec!["c", "feld"]]);
        assert!(state.unsaved());
        let state = state.apply(EditorAction::Undo);
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c", "feld"]]);
        let state = state.apply(EditorAction::Undo);
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c"]]);
        assert!(!state.unsaved());
        assert!(!state.can_undo());
        let state = state.apply(EditorAction::Redo);
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c", "feld"]]);
        let definition = state.definition.clone();
        let state = state.apply(EditorAction::Saved {
            revision: 4,
            definition: Box::new(definition),
        });
        assert!(!state.unsaved());
        assert_eq!(state.revision, 4);
        // A new edit drops what could be redone.
        let state = state
            .apply(EditorAction::Undo)
            .apply(EditorAction::DeleteField(FieldRef {
                page: 0,
                index: 0,
                child: None,
            }));
        assert!(!state.can_redo());
        assert_eq!(keys(&state), [vec!["b"], vec!["c"]]);
    }

    #[test]
    fn pages_move_up_and_down() {
        let state = state().apply(EditorAction::MovePage { page: 1, up: true });
        assert_eq!(keys(&state), [vec!["c"], vec!["a", "b"]]);
        let state = state.apply(EditorAction::MovePage { page: 1, up: false });
        assert_eq!(keys(&state), [vec!["c"], vec!["a", "b"]]);
        let state = state.apply(EditorAction::MovePage { page: 0, up: false });
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut state = state();
        let at = FieldRef {
            page: 0,
            index: 0,
            child: None,
        };
        for label in ["N", "Na", "Nam", "Name"] {
            let mut field = state.field(at).cloned().expect("a field");
            field.label = LocalizedText::de(label);
            state = state.apply(EditorAction::UpdateField(at, Box::new(field)));
        }
        assert_eq!(
            state.field(at).map(|field| field.label.de.as_str()),
            Some("Name")
        );
        let state = state.apply(EditorAction::Undo);
        assert_eq!(
            state.field(at).map(|field| field.label.de.as_str()),
            Some("A")
        );
        assert!(!state.can_undo());
    }

    #[test]
    fn problem_paths_point_at_fields() {
        assert_eq!(
            field_ref_of("pages[1].fields[3].rules[0]"),
            Some(FieldRef {
                page: 1,
                index: 3,
                child: None
            })
        );
        assert_eq!(
            field_ref_of("pages[0].fields[1].fields[2].rules[0]"),
            Some(FieldRef {
                page: 0,
                index: 1,
                child: Some(2)
            })
        );
        assert_eq!(field_ref_of("pages[2].visible_if"), None);
        assert_eq!(field_ref_of("title"), None);
    }

    #[test]
    fn fields_of_a_group_are_added_moved_copied_and_deleted_inside_it() {
        let group = FieldRef::top(1, 1);
        let state = state()
            .apply(EditorAction::AddField {
                page: 1,
                kind: "group",
            })
            .apply(EditorAction::AddChild {
                group,
                kind: "date",
            });
        let child_keys = |state: &EditorState| -> Vec<String> {
            match &state.field(group).expect("the group").kind {
                FieldKind::Group { fields, .. } => {
                    fields.iter().map(|field| field.key.to_string()).collect()
                }
                _ => Vec::new(),
            }
        };
        assert_eq!(child_keys(&state), ["angabe", "feld"]);
        let second = FieldRef {
            child: Some(1),
            ..group
        };
        assert_eq!(state.selected, Some(second));
        let state = state
            .apply(EditorAction::MoveField {
                field: second,
                up: true,
            })
            .apply(EditorAction::DuplicateField(FieldRef {
                child: Some(0),
                ..group
            }));
        assert_eq!(child_keys(&state), ["feld", "feld_2", "angabe"]);
        let mut renamed = state.field(second).cloned().expect("a child");
        renamed.label = LocalizedText::de("Geburtsdatum");
        let state = state
            .apply(EditorAction::UpdateField(second, Box::new(renamed)))
            .apply(EditorAction::DeleteField(FieldRef {
                child: Some(0),
                ..group
            }));
        assert_eq!(child_keys(&state), ["feld_2", "angabe"]);
        assert_eq!(
            state
                .field(FieldRef {
                    child: Some(0),
                    ..group
                })
                .map(|field| field.label.de.as_str()),
            Some("Geburtsdatum")
        );
        // Top-level keys are untouched by the group's.
        assert_eq!(keys(&state), [vec!["a", "b"], vec!["c", "feld"]]);
    }

    #[test]
    fn keys_come_from_labels() {
        assert_eq!(
            key_from_label("Straße und Hausnummer"),
            "strasse_und_hausnummer"
        );
        assert_eq!(key_from_label("  Größe (cm)?"), "groesse_cm");
        assert_eq!(key_from_label("1. Frage"), "feld_1_frage");
        assert_eq!(key_from_label("!!!"), "feld");
    }
}
