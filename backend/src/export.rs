//! Downloads of submissions for staff. CSV for now (UTF-8 with BOM so Excel detects the
//! encoding); rows are streamed from the database, so memory stays bounded for any number of
//! submissions.

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use chrono::TimeZone;
use chrono_tz::Tz;
use futures_util::{Stream, StreamExt};
use serde::Deserialize;
use shared::logic::Decimal;
use shared::schema::ComputedDisplay;
use shared::{CalendarDate, ChoiceOption, FieldKind, FormDefinition, FormId, Lang};
use tokio_stream::wrappers::ReceiverStream;

use crate::db::Db;
use crate::db::forms::StoredFormVersion;
use crate::db::submissions::{self, StoredSubmission};

/// The column separator of a CSV download.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CsvSeparator {
    /// `;`, what Excel expects in a German locale.
    #[default]
    Semicolon,
    /// `,`, for tools that expect RFC 4180 defaults.
    Comma,
}

/// The CSV of all submissions of a form, as a byte stream. `versions` are all published
/// versions of the form, oldest first; each submission is rendered with its own version.
pub(crate) fn csv_stream(
    db: Db,
    form_id: FormId,
    versions: Vec<StoredFormVersion>,
    time_zone: Tz,
    separator: CsvSeparator,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    // The database stream borrows the pool, so it runs in its own task and hands rows over a
    // small bounded channel: back-pressure from a slow download reaches the database cursor.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(32);
    tokio::spawn(async move {
        let table = CsvTable::new(&versions, separator);
        if sender.send(Ok(table.header())).await.is_err() {
            return;
        }
        let mut rows = submissions::stream_by_form(&db, form_id);
        while let Some(row) = rows.next().await {
            let chunk = match row {
                Ok(submission) => Ok(table.row(&submission, time_zone)),
                Err(error) => {
                    tracing::error!(%error, %form_id, "CSV export aborted");
                    Err(std::io::Error::other("export aborted"))
                }
            };
            let failed = chunk.is_err();
            if sender.send(chunk).await.is_err() || failed {
                return;
            }
        }
    });
    ReceiverStream::new(receiver)
}

/// Column layout and cell rendering of one form's CSV.
struct CsvTable<'a> {
    separator: u8,
    /// Field keys, newest version's order first, then fields only older versions had.
    columns: Vec<(&'a str, &'a str)>,
    definitions: HashMap<u32, &'a FormDefinition>,
}

impl<'a> CsvTable<'a> {
    fn new(versions: &'a [StoredFormVersion], separator: CsvSeparator) -> Self {
        let mut seen = HashSet::new();
        let columns = versions
            .iter()
            .rev()
            .flat_map(|version| version.definition.fields())
            .filter(|field| seen.insert(field.key.as_str()))
            .map(|field| (field.key.as_str(), field.label.get(Lang::De)))
            .collect();
        let definitions = versions
            .iter()
            .map(|version| (version.version, &version.definition))
            .collect();
        let separator = match separator {
            CsvSeparator::Semicolon => b';',
            CsvSeparator::Comma => b',',
        };
        Self {
            separator,
            columns,
            definitions,
        }
    }

    fn header(&self) -> Bytes {
        let mut cells = vec![
            "Referenznummer".to_owned(),
            "Eingegangen am".to_owned(),
            "Formularversion".to_owned(),
        ];
        cells.extend(self.columns.iter().map(|(_, label)| (*label).to_owned()));
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(&self.encode(&cells));
        Bytes::from(bytes)
    }

    fn row(&self, submission: &StoredSubmission, time_zone: Tz) -> Bytes {
        let received = time_zone
            .timestamp_millis_opt(submission.received_at_ms)
            .single()
            .map(|time| time.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let definition = self.definitions.get(&submission.form_version).copied();
        let mut cells = vec![
            submission.reference.clone(),
            received,
            submission.form_version.to_string(),
        ];
        cells.extend(self.columns.iter().map(|(key, _)| {
            let kind = definition
                .and_then(|definition| definition.fields().find(|field| field.key.as_str() == *key))
                .map(|field| &field.kind);
            submission
                .answers
                .get(*key)
                .map(|value| render_cell(kind, value, Lang::De))
                .unwrap_or_default()
        }));
        Bytes::from(self.encode(&cells))
    }

    fn encode(&self, cells: &[String]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(self.separator)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail; an error here would be a bug in the csv crate.
        let _ = writer.write_record(cells.iter().map(|cell| neutralize_formula(cell)));
        writer.into_inner().unwrap_or_default()
    }
}

/// A stored answer as one line of text (a spreadsheet cell, a line of a receipt).
pub(crate) fn render_cell(
    kind: Option<&FieldKind>,
    value: &serde_json::Value,
    lang: Lang,
) -> String {
    use serde_json::Value;
    let option_label = |options: &[ChoiceOption], chosen: &str| {
        options
            .iter()
            .find(|option| option.value == chosen)
            .map_or_else(
                || chosen.to_owned(),
                |option| option.label.get(lang).to_owned(),
            )
    };
    match (kind, value) {
        (Some(FieldKind::Choice { options, .. }), Value::String(chosen)) => {
            option_label(options, chosen)
        }
        (Some(FieldKind::MultipleChoice { options, .. }), Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), |chosen| option_label(options, chosen))
            })
            .collect::<Vec<_>>()
            .join(", "),
        (Some(FieldKind::Date), Value::String(text)) => text
            .parse::<CalendarDate>()
            .map_or_else(|_| text.clone(), CalendarDate::to_german),
        (Some(FieldKind::Money), Value::Number(cents)) => cents
            .as_i64()
            .map_or_else(|| cents.to_string(), german_euros),
        (
            Some(FieldKind::Computed {
                display: ComputedDisplay::Money,
                ..
            }),
            Value::String(number),
        ) if Decimal::parse(number).and_then(Decimal::to_cents).is_some() => Decimal::parse(number)
            .and_then(Decimal::to_cents)
            .map_or_else(String::new, german_euros),
        (Some(FieldKind::Decimal { .. } | FieldKind::Computed { .. }), Value::String(number))
            if number
                .bytes()
                .all(|byte| byte.is_ascii_digit() || byte == b'.' || byte == b'-') =>
        {
            number.replace('.', ",")
        }
        (Some(FieldKind::File { .. }), Value::Array(files)) => files
            .iter()
            .filter_map(|file| file.get("name").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(", "),
        (Some(FieldKind::Address { .. }), Value::Object(parts)) => {
            let part = |key: &str| parts.get(key).and_then(Value::as_str).unwrap_or_default();
            let mut line = format!(
                "{} {}, {} {}",
                part("street"),
                part("house_number"),
                part("postal_code"),
                part("city")
            );
            if !part("country").is_empty() {
                line = format!("{line}, {}", part("country"));
            }
            line
        }
        (Some(FieldKind::Group { fields, .. }), Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let answers = fields
                    .iter()
                    .filter_map(|field| {
                        let answer = item.get(field.key.as_str())?;
                        Some(format!(
                            "{}: {}",
                            field.label.get(lang),
                            render_cell(Some(&field.kind), answer, lang)
                        ))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{}. {answers}", index + 1)
            })
            .collect::<Vec<_>>()
            .join(" | "),
        (_, Value::Bool(yes)) => match (lang, yes) {
            (Lang::En, true) => "Yes",
            (Lang::En, false) => "No",
            (_, true) => "Ja",
            (_, false) => "Nein",
        }
        .to_owned(),
        (_, Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
}

/// Cents as a German euro amount, e.g. `1234,50 €`.
pub(crate) fn german_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!(
        "{sign}{},{:02} €",
        cents.unsigned_abs() / 100,
        cents.unsigned_abs() % 100
    )
}

/// Spreadsheets execute cells that start with `=`, `+`, `-`, `@` (and tab/CR) as formulas;
/// a leading apostrophe makes them plain text (OWASP "CSV Injection").
fn neutralize_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(kind: Option<&FieldKind>, value: &serde_json::Value) -> String {
        render_cell(kind, value, Lang::De)
    }

    #[test]
    fn formulas_are_neutralized_but_plain_text_is_kept() {
        assert_eq!(
            neutralize_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralize_formula("-5"), "'-5");
        assert_eq!(neutralize_formula("Schlüssel"), "Schlüssel");
    }

    #[test]
    fn cells_render_each_kind_in_german() {
        use serde_json::json;
        let kind = |value: serde_json::Value| serde_json::from_value::<FieldKind>(value).unwrap();
        assert_eq!(cell(Some(&FieldKind::Money), &json!(123_450)), "1234,50 €");
        assert_eq!(
            cell(Some(&kind(json!({ "type": "decimal" }))), &json!("12.5")),
            "12,5"
        );
        assert_eq!(
            cell(Some(&FieldKind::Date), &json!("2026-03-27")),
            "27.03.2026"
        );
        assert_eq!(
            cell(
                Some(&kind(json!({ "type": "address" }))),
                &json!({ "street": "Markt", "house_number": "1", "postal_code": "01067", "city": "Dresden" })
            ),
            "Markt 1, 01067 Dresden"
        );
        let choices = kind(json!({ "type": "multiple_choice", "options": [
            { "value": "a", "label": { "de": "Alpha" } }, { "value": "b", "label": { "de": "Beta" } }] }));
        assert_eq!(cell(Some(&choices), &json!(["a", "b"])), "Alpha, Beta");
        let group = kind(
            json!({ "type": "group", "fields": [{ "key": "vorname", "label": { "de": "Vorname" }, "type": "text" }] }),
        );
        assert_eq!(
            cell(
                Some(&group),
                &json!([{ "vorname": "Anna" }, { "vorname": "Ben" }])
            ),
            "1. Vorname: Anna | 2. Vorname: Ben"
        );
        assert_eq!(cell(None, &json!(true)), "Ja");
        assert_eq!(render_cell(None, &json!(true), Lang::En), "Yes");
    }
}
