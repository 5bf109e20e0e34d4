//! Import of FIM XDatenfelder 2.0 and 3.0.0 Stammdatenschemata (`xdatenfelder.stammdatenschema.0102`)
//! into a draft form, with a report of everything that could not be mapped (standards.md §1.11).
//!
//! The form editor finishes an import by hand: FIM rules are free text (never executed), code lists
//! may be missing, and FIM has concepts the form model lacks (hidden fields, choice groups). A note
//! marked `blocking` means the draft cannot be published before the editor fixes that element.

mod map;
mod model;
mod xml;

use shared::FormDefinition;

/// The XDatenfelder version of an imported document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FimVersion {
    V2,
    V3,
}

const NAMESPACE_V2: &str = "urn:xoev-de:fim:standard:xdatenfelder_2";
const NAMESPACE_V3: &str = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0";
const SCHEMA_MESSAGE: &str = "xdatenfelder.stammdatenschema.0102";
const GENERICODE_NAMESPACE: &str = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";

/// A document that is not a readable FIM Stammdatenschema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FimError {
    /// Not well-formed XML.
    #[error("not well-formed XML: {0}")]
    Xml(String),
    /// XML, but not in an XDatenfelder namespace.
    #[error("not an XDatenfelder 2.0 or 3.0.0 document (namespace {0:?})")]
    UnknownNamespace(String),
    /// XDatenfelder, but another message than a Stammdatenschema.
    #[error("the message {0} is not a Stammdatenschema (xdatenfelder.stammdatenschema.0102)")]
    NotASchema(String),
    /// A supplied code list is not a genericode document.
    #[error("code list {0}: {1}")]
    CodeList(usize, String),
}

/// What the importer reports about one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteCode {
    /// A FIM rule: shown as text for the editor to re-model as a condition or rule.
    RuleNotImported,
    /// A selection field whose code list was not supplied: imported without options.
    CodeListMissing,
    /// A v2 Präzisierung that is not JSON, or a bound that does not fit the data type.
    PrecisionInvalid,
    /// A `pattern` that does not compile; the rule was dropped.
    PatternInvalid,
    /// Data type `obj` (a binary object) has no form equivalent; skipped.
    ObjectSkipped,
    /// Data type `datetime`, imported as text.
    DatetimeAsText,
    /// A prefill the FIM schema requires (`vorbefuellung` = `verpflichtend`) has no source here.
    PrefillRequired,
    /// A hidden field: not shown to citizens, skipped.
    HiddenSkipped,
    /// A locked field: shown as information, not as an input.
    LockedAsText,
    /// A choice group (`art` = `X`): all branches imported as optional.
    ChoiceGroup,
    /// A repeatable group inside a repeatable group: imported once per outer item.
    NestedRepeat,
    /// A field that may occur several times (other than a file field): imported once.
    MultipleValues,
    /// A default value (`inhalt`) of an input: not imported.
    DefaultIgnored,
    /// An unknown `feldart` or `datentyp`: the element was skipped.
    UnknownCode,
    /// An invalid multiplicity (`anzahl`): imported as 1:1.
    CountInvalid,
}

impl NoteCode {
    /// The stable code for APIs and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RuleNotImported => "rule_not_imported",
            Self::CodeListMissing => "code_list_missing",
            Self::PrecisionInvalid => "precision_invalid",
            Self::PatternInvalid => "pattern_invalid",
            Self::ObjectSkipped => "object_skipped",
            Self::DatetimeAsText => "datetime_as_text",
            Self::PrefillRequired => "prefill_required",
            Self::HiddenSkipped => "hidden_skipped",
            Self::LockedAsText => "locked_as_text",
            Self::ChoiceGroup => "choice_group",
            Self::NestedRepeat => "nested_repeat",
            Self::MultipleValues => "multiple_values",
            Self::DefaultIgnored => "default_ignored",
            Self::UnknownCode => "unknown_code",
            Self::CountInvalid => "count_invalid",
        }
    }
}

/// One item of the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The FIM element, `id version` (e.g. `F60000000227 1.0.0`).
    pub element: String,
    pub code: NoteCode,
    /// The draft cannot be published until the editor resolves it.
    pub blocking: bool,
    /// What happened, in German, for the editor.
    pub message: String,
}

impl Note {
    pub(crate) fn warning(element: String, code: NoteCode, message: String) -> Self {
        Self {
            element,
            code,
            blocking: false,
            message,
        }
    }

    pub(crate) fn blocking(element: String, code: NoteCode, message: String) -> Self {
        Self {
            element,
            code,
            blocking: true,
            message,
        }
    }
}

/// An imported schema: the draft form and the report.
#[derive(Debug, Clone)]
pub struct FimImport {
    pub version: FimVersion,
    /// The schema's FIM id and version, kept for export.
    pub schema_id: String,
    pub schema_version: Option<String>,
    pub definition: FormDefinition,
    pub notes: Vec<Note>,
}

/// Imports a Stammdatenschema; `code_lists` are genericode documents its select fields may
/// reference (matched by canonical version URI or canonical URI).
pub fn import(xml: &str, code_lists: &[&str]) -> Result<FimImport, FimError> {
    let document = xml::parse(xml).map_err(FimError::Xml)?;
    let version = match document.namespace.as_deref() {
        Some(NAMESPACE_V2) => FimVersion::V2,
        Some(NAMESPACE_V3) => FimVersion::V3,
        other => return Err(FimError::UnknownNamespace(other.unwrap_or("").to_owned())),
    };
    if document.root.name != SCHEMA_MESSAGE {
        return Err(FimError::NotASchema(document.root.name));
    }
    let lists = code_lists
        .iter()
        .enumerate()
        .map(|(index, text)| {
            read_code_list(text).map_err(|error| FimError::CodeList(index + 1, error))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut notes = Vec::new();
    let schema_element = document
        .root
        .child("stammdatenschema")
        .ok_or_else(|| FimError::NotASchema(document.root.name.clone()))?;
    let schema = model::read_schema(schema_element, version, &mut notes);
    let definition = map::to_definition(&schema, &lists, &mut notes);
    Ok(FimImport {
        version,
        schema_id: schema.id,
        schema_version: schema.version,
        definition,
        notes,
    })
}

/// A genericode code list: its URIs and `(code, name)` rows.
#[derive(Debug, Clone)]
pub(crate) struct CodeList {
    pub(crate) uris: Vec<String>,
    pub(crate) rows: Vec<(String, String)>,
}

fn read_code_list(text: &str) -> Result<CodeList, String> {
    let document = xml::parse(text)?;
    if document.namespace.as_deref() != Some(GENERICODE_NAMESPACE)
        || document.root.name != "CodeList"
    {
        return Err("not a genericode CodeList".to_owned());
    }
    let root = &document.root;
    let identification = root.child("Identification").ok_or("no Identification")?;
    let uris = ["CanonicalVersionUri", "CanonicalUri"]
        .iter()
        .filter_map(|name| identification.text_of(name))
        .collect();
    let columns: Vec<String> = root
        .child("ColumnSet")
        .map(|set| {
            set.children_named("Column")
                .filter_map(|column| column.attribute("Id").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let key_column = root
        .child("ColumnSet")
        .and_then(|set| set.child("Key"))
        .and_then(|key| key.child("ColumnRef"))
        .and_then(|reference| reference.attribute("Ref"))
        .map(str::to_owned)
        .or_else(|| columns.first().cloned())
        .ok_or("no columns")?;
    let name_column = columns
        .iter()
        .find(|column| {
            matches!(
                column.to_lowercase().as_str(),
                "name" | "beschreibung" | "wert"
            )
        })
        .or_else(|| columns.iter().find(|column| **column != key_column))
        .cloned()
        .unwrap_or_else(|| key_column.clone());
    let rows = root
        .child("SimpleCodeList")
        .map(|list| {
            list.children_named("Row")
                .filter_map(|row| {
                    let value = |column: &str| {
                        row.children_named("Value")
                            .find(|value| value.attribute("ColumnRef") == Some(column))
                            .and_then(|value| value.text_of("SimpleValue"))
                    };
                    let code = value(&key_column)?;
                    let name = value(&name_column).unwrap_or_else(|| code.clone());
                    Some((code, name))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CodeList { uris, rows })
}
