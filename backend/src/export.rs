//! Downloads of submissions for staff. CSV for now (UTF-8 with BOM so Excel detects the
//! encoding); rows are streamed from the database, so memory stays bounded for any number of
//! submissions.

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use chrono::TimeZone;
use chrono_tz::Tz;
use futures_util::{Stream, StreamExt};
use serde::Deserialize;
use shared::{CalendarDate, FieldKind, FormDefinition, FormId, Lang};
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
                .map(|value| render_cell(kind, value))
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

/// A stored answer as a spreadsheet cell, in German.
fn render_cell(kind: Option<&FieldKind>, value: &serde_json::Value) -> String {
    match (kind, value) {
        (Some(FieldKind::Choice { options, .. }), serde_json::Value::String(chosen)) => options
            .iter()
            .find(|option| &option.value == chosen)
            .map_or_else(|| chosen.clone(), |option| option.label.de.clone()),
        (Some(FieldKind::Date), serde_json::Value::String(text)) => text
            .parse::<CalendarDate>()
            .map_or_else(|_| text.clone(), CalendarDate::to_german),
        (_, serde_json::Value::Bool(true)) => "Ja".to_owned(),
        (_, serde_json::Value::Bool(false)) => "Nein".to_owned(),
        (_, serde_json::Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
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

    #[test]
    fn formulas_are_neutralized_but_plain_text_is_kept() {
        assert_eq!(
            neutralize_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralize_formula("-5"), "'-5");
        assert_eq!(neutralize_formula("Schlüssel"), "Schlüssel");
    }
}
