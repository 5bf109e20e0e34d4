//! Downloads of a form's submissions for staff: CSV (UTF-8 with BOM so Excel detects the
//! encoding), Excel (.xlsx) and JSON. Rows are streamed from the database and written out as
//! they come (the workbook in rust_xlsxwriter's constant-memory mode, through a temporary
//! file), so memory stays bounded for any number of submissions; `scripts/bench-export`
//! measures 10,000.

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
    let table = Table::new(versions, separator);
    rows_stream(db, form_id, "CSV", move |part| match part {
        Part::Head => table.header(),
        Part::Row(submission, _) => table.row(submission, time_zone),
        Part::Tail => Bytes::new(),
    })
}

/// All submissions of a form as a JSON array, streamed: per submission its reference number,
/// time of receipt (RFC 3339), form version and answers as stored. The answers of each
/// submission validate against the JSON Schema of its version (`GET
/// /api/forms/{slug}/versions/{n}/schema.json`).
pub(crate) fn json_stream(
    db: Db,
    form_id: FormId,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    rows_stream(db, form_id, "JSON", |part| match part {
        Part::Head => Bytes::from_static(b"["),
        Part::Row(submission, first) => {
            let item = serde_json::json!({
                "reference": submission.reference,
                "received_at": crate::routes::rfc3339(submission.received_at_ms),
                "version": submission.form_version,
                "answers": submission.answers,
            });
            let separator = if first { "\n" } else { ",\n" };
            Bytes::from(format!("{separator}{item}"))
        }
        Part::Tail => Bytes::from_static(b"\n]\n"),
    })
}

/// A piece of a streamed download.
enum Part<'a> {
    Head,
    /// A submission, and whether it is the first.
    Row(&'a StoredSubmission, bool),
    Tail,
}

/// Streams `render`ed parts: the head, every submission of the form in order of receipt, the
/// tail. The database stream borrows the pool, so it runs in its own task and hands chunks over
/// a small bounded channel: back-pressure from a slow download reaches the database cursor. A
/// database error ends the download with an error (the client sees a broken transfer, never a
/// silently short file).
fn rows_stream(
    db: Db,
    form_id: FormId,
    format: &'static str,
    render: impl Fn(Part<'_>) -> Bytes + Send + 'static,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(32);
    tokio::spawn(async move {
        if sender.send(Ok(render(Part::Head))).await.is_err() {
            return;
        }
        let mut rows = submissions::stream_by_form(&db, form_id);
        let mut first = true;
        while let Some(row) = rows.next().await {
            let chunk = match row {
                Ok(submission) => Ok(render(Part::Row(&submission, first))),
                Err(error) => {
                    tracing::error!(%error, %form_id, format, "export aborted");
                    Err(std::io::Error::other("export aborted"))
                }
            };
            first = false;
            let failed = chunk.is_err();
            if sender.send(chunk).await.is_err() || failed {
                return;
            }
        }
        let _ = sender.send(Ok(render(Part::Tail))).await;
    });
    ReceiverStream::new(receiver)
}

/// All submissions of a form as an Excel workbook in a temporary file (deleted when the
/// returned handle is dropped; an open file keeps its bytes). Columns as in the CSV; the
/// workbook is written in constant-memory mode while rows arrive from the database.
pub(crate) async fn xlsx_file(
    db: &Db,
    form_id: FormId,
    versions: Vec<StoredFormVersion>,
    time_zone: Tz,
) -> anyhow::Result<tempfile::NamedTempFile> {
    // A bounded tokio channel: the database side awaits when the writer falls behind (never
    // blocking a runtime thread); the writer thread receives with `blocking_recv`.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<StoredSubmission>(64);
    let writer = tokio::task::spawn_blocking(move || -> anyhow::Result<tempfile::NamedTempFile> {
        let table = Table::new(versions, CsvSeparator::Semicolon);
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let sheet = workbook.add_worksheet_with_constant_memory();
        sheet.set_name("Anträge")?;
        for (column, cell) in table.header_cells().iter().enumerate() {
            sheet.write_string_with_format(0, u16::try_from(column)?, cell, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut row = 0u32;
        while let Some(submission) = receiver.blocking_recv() {
            row += 1;
            for (column, cell) in table.row_cells(&submission, time_zone).iter().enumerate() {
                // Text, never formulas: a cell that starts with "=" stays text.
                sheet.write_string(row, u16::try_from(column)?, cell)?;
            }
        }
        let file = tempfile::NamedTempFile::new()?;
        workbook.save(file.path())?;
        Ok(file)
    });
    let mut rows = submissions::stream_by_form(db, form_id);
    while let Some(row) = rows.next().await {
        if sender.send(row?).await.is_err() {
            break;
        }
    }
    drop(sender);
    writer.await?
}

/// Column layout and cell rendering of one form's table (CSV and Excel).
struct Table {
    separator: u8,
    /// Field keys and labels, newest version's order first, then fields only older versions
    /// had.
    columns: Vec<(String, String)>,
    definitions: HashMap<u32, FormDefinition>,
}

impl Table {
    fn new(versions: Vec<StoredFormVersion>, separator: CsvSeparator) -> Self {
        let mut seen = HashSet::new();
        let columns = versions
            .iter()
            .rev()
            .flat_map(|version| version.definition.fields())
            .filter(|field| seen.insert(field.key.as_str()))
            .map(|field| (field.key.to_string(), field.label.get(Lang::De).to_owned()))
            .collect();
        let definitions = versions
            .into_iter()
            .map(|version| (version.version, version.definition))
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

    fn header_cells(&self) -> Vec<String> {
        let mut cells = vec![
            "Referenznummer".to_owned(),
            "Eingegangen am".to_owned(),
            "Formularversion".to_owned(),
        ];
        cells.extend(self.columns.iter().map(|(_, label)| label.clone()));
        cells
    }

    fn header(&self) -> Bytes {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(&self.encode(&self.header_cells()));
        Bytes::from(bytes)
    }

    fn row(&self, submission: &StoredSubmission, time_zone: Tz) -> Bytes {
        Bytes::from(self.encode(&self.row_cells(submission, time_zone)))
    }

    fn row_cells(&self, submission: &StoredSubmission, time_zone: Tz) -> Vec<String> {
        let received = time_zone
            .timestamp_millis_opt(submission.received_at_ms)
            .single()
            .map(|time| time.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let definition = self.definitions.get(&submission.form_version);
        let mut cells = vec![
            submission.reference.clone(),
            received,
            submission.form_version.to_string(),
        ];
        cells.extend(self.columns.iter().map(|(key, _)| {
            let kind = definition
                .and_then(|definition| definition.fields().find(|field| field.key.as_str() == key))
                .map(|field| &field.kind);
            submission
                .answers
                .get(key.as_str())
                .map(|value| render_cell(kind, value, Lang::De))
                .unwrap_or_default()
        }));
        cells
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
pub(crate) fn neutralize_formula(cell: &str) -> String {
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
