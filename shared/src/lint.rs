//! Advice for form editors: things that are allowed but usually make a form harder to fill in
//! (a question without hint text, a very long label, a choice with one option). Unlike the
//! definition check (`CompiledForm::new`) these never block publishing. The editor shows them
//! next to the field as the editor types.

use crate::schema::{ChoiceDisplay, Field, FieldKind, FormDefinition};

/// Labels longer than this are hard to take in; put the detail into the hint.
pub const LONG_LABEL_CHARS: usize = 100;
/// More radio buttons than this are hard to scan; a drop-down list or a search fits better.
pub const MAX_RADIO_OPTIONS: usize = 7;

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningCode {
    /// A question without hint text.
    MissingHint,
    /// A label longer than [`LONG_LABEL_CHARS`].
    LongLabel,
    /// A choice with only one option.
    SingleOption,
    /// Radio buttons with more than [`MAX_RADIO_OPTIONS`] options.
    ManyRadioOptions,
    /// A single-line text without a maximum length.
    NoMaxLength,
    /// A file field that accepts any type of file.
    AnyFileType,
    /// A page without any question (only static text).
    PageWithoutQuestion,
}

impl WarningCode {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingHint => "missing_hint",
            Self::LongLabel => "long_label",
            Self::SingleOption => "single_option",
            Self::ManyRadioOptions => "many_radio_options",
            Self::NoMaxLength => "no_max_length",
            Self::AnyFileType => "any_file_type",
            Self::PageWithoutQuestion => "page_without_question",
        }
    }

    /// Advice for the editor, in German.
    pub fn message(self) -> &'static str {
        match self {
            Self::MissingHint => {
                "Ein Hinweistext hilft beim Ausfüllen (Beispiel, Format, wo man die Angabe findet)."
            }
            Self::LongLabel => {
                "Die Beschriftung ist sehr lang: Kürzen Sie sie und schreiben Sie Einzelheiten in den Hinweistext."
            }
            Self::SingleOption => {
                "Eine Auswahl mit nur einer Möglichkeit: Ist ein Ankreuzfeld gemeint?"
            }
            Self::ManyRadioOptions => {
                "Viele Auswahlknöpfe sind schwer zu überblicken: Eine Auswahlliste passt besser."
            }
            Self::NoMaxLength => {
                "Ohne Höchstlänge kann sehr viel Text eingegeben werden: Legen Sie eine Prüfregel „Höchstlänge“ fest."
            }
            Self::AnyFileType => {
                "Jede Dateiart ist erlaubt: Legen Sie die erwarteten Dateiarten fest (z. B. PDF, JPEG)."
            }
            Self::PageWithoutQuestion => "Diese Seite enthält keine Frage.",
        }
    }
}

/// One piece of advice, at a path like the definition check's (`pages[0].fields[2]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where.
    pub path: String,
    /// What.
    pub code: WarningCode,
}

/// All warnings for `definition`, in form order.
pub fn warnings(definition: &FormDefinition) -> Vec<Warning> {
    let mut found = Vec::new();
    for (page_index, page) in definition.pages.iter().enumerate() {
        let page_path = format!("pages[{page_index}]");
        if !page.fields.iter().any(|field| field.kind.takes_input()) {
            found.push(Warning {
                path: page_path.clone(),
                code: WarningCode::PageWithoutQuestion,
            });
        }
        for (index, field) in page.fields.iter().enumerate() {
            field_warnings(field, &format!("{page_path}.fields[{index}]"), &mut found);
        }
    }
    found
}

fn field_warnings(field: &Field, path: &str, found: &mut Vec<Warning>) {
    let mut warn = |code| {
        found.push(Warning {
            path: path.to_owned(),
            code,
        });
    };
    if field.label.de.chars().count() > LONG_LABEL_CHARS {
        warn(WarningCode::LongLabel);
    }
    let asks = field.kind.takes_input()
        && !matches!(
            field.kind,
            FieldKind::Group { .. } | FieldKind::Checkbox | FieldKind::YesNo
        );
    if asks
        && field
            .hint
            .as_ref()
            .is_none_or(|hint| hint.de.trim().is_empty())
    {
        warn(WarningCode::MissingHint);
    }
    match &field.kind {
        FieldKind::Choice { options, display } => {
            if options.len() == 1 {
                warn(WarningCode::SingleOption);
            }
            if *display == ChoiceDisplay::Radio && options.len() > MAX_RADIO_OPTIONS {
                warn(WarningCode::ManyRadioOptions);
            }
        }
        FieldKind::MultipleChoice { options, .. } if options.len() == 1 => {
            warn(WarningCode::SingleOption);
        }
        FieldKind::Text
            if !field
                .rules
                .iter()
                .any(|rule| matches!(rule.check, crate::schema::Check::MaxLength { .. })) =>
        {
            warn(WarningCode::NoMaxLength);
        }
        FieldKind::File { accept, .. } if accept.is_empty() => warn(WarningCode::AnyFileType),
        FieldKind::Group { fields, .. } => {
            for (index, child) in fields.iter().enumerate() {
                field_warnings(child, &format!("{path}.fields[{index}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn advice_points_at_the_field() {
        let definition: FormDefinition = serde_json::from_value(json!({
            "slug": "test", "title": { "de": "Test" },
            "pages": [
                { "title": { "de": "Eins" }, "fields": [
                    { "key": "name", "label": { "de": "Name" }, "type": "text",
                      "hint": { "de": "Wie im Ausweis" }, "rules": [{ "rule": "max_length", "max": 50 }] },
                    { "key": "art", "label": { "de": "Art" }, "type": "choice",
                      "hint": { "de": "Bitte wählen" },
                      "options": [{ "value": "a", "label": { "de": "A" } }] },
                    { "key": "notiz", "label": { "de": "Notiz" }, "type": "text" }
                ]},
                { "title": { "de": "Zwei" }, "fields": [
                    { "key": "info", "label": { "de": "" }, "type": "content", "text": { "de": "Nur Text." } }
                ]}
            ]
        }))
        .expect("a definition");
        let found: Vec<(String, &str)> = warnings(&definition)
            .into_iter()
            .map(|warning| (warning.path, warning.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("pages[0].fields[1]".to_owned(), "single_option"),
                ("pages[0].fields[2]".to_owned(), "missing_hint"),
                ("pages[0].fields[2]".to_owned(), "no_max_length"),
                ("pages[1]".to_owned(), "page_without_question"),
            ]
        );
    }
}
