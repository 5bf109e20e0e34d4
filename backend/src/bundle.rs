//! ZIP bundles of submissions for staff: per submission a folder `<reference>/` with the
//! application as PDF (`antrag.pdf`), its data as JSON (`antrag.json`: reference number, time
//! of receipt, form version, answers as stored) and its attachments (`anlagen/`). Written to a
//! temporary file in a blocking task (PDF drawing is CPU work; files are copied, never held in
//! memory), then streamed.

use std::collections::HashSet;
use std::io::Write;

use chrono_tz::Tz;
use shared::{FormDefinition, Lang, UploadId};

use crate::db::{self, Db};
use crate::receipt::Receipt;
use crate::uploads::FileStore;

/// Most submissions in one bundle (a selection in the inbox is a page at most).
pub(crate) const MAX_BUNDLE_SUBMISSIONS: usize = 100;

/// What goes into the bundle for one submission.
struct Entry {
    receipt: Receipt,
    json: String,
    /// `(id, name)` of each attachment.
    files: Vec<(UploadId, String)>,
}

/// The bundle of the submissions with `ids` (that exist), staff reading in `lang`, plus `extra`
/// files (name, content) at the top level. The returned file is deleted when the handle is
/// dropped.
pub(crate) async fn bundle(
    db: &Db,
    files: &FileStore,
    ids: &[String],
    extra: Vec<(String, Vec<u8>)>,
    time_zone: Tz,
    lang: Lang,
) -> anyhow::Result<tempfile::NamedTempFile> {
    // A bounded selection: a few queries per submission.
    let mut entries = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(mut stored) = db::submissions::fetch_optional_receipt(db, id).await? else {
            continue;
        };
        let Some(version) = db::submissions::fetch_optional_version(db, id).await? else {
            continue;
        };
        let definition: FormDefinition = serde_json::from_str(&stored.definition)?;
        stored.language = lang;
        let json = serde_json::to_string_pretty(&serde_json::json!({
            "reference": stored.reference,
            "received_at": crate::routes::rfc3339(stored.received_at_ms),
            "version": version,
            "answers": stored.answers,
        }))?;
        let attachments = db::uploads::fetch_by_submission(db, id)
            .await?
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect();
        entries.push(Entry {
            receipt: Receipt::build(&stored, &definition, time_zone, None),
            json,
            files: attachments,
        });
    }
    let files = files.clone();
    tokio::task::spawn_blocking(move || write_zip(&entries, &extra, &files)).await?
}

fn write_zip(
    entries: &[Entry],
    extra: &[(String, Vec<u8>)],
    files: &FileStore,
) -> anyhow::Result<tempfile::NamedTempFile> {
    let file = tempfile::NamedTempFile::new()?;
    let mut zip = zip::ZipWriter::new(file.reopen()?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in extra {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(content)?;
    }
    for entry in entries {
        let folder = &entry.receipt.reference;
        zip.start_file(format!("{folder}/antrag.pdf"), options)?;
        zip.write_all(&crate::pdf::receipt_pdf(&entry.receipt)?)?;
        zip.start_file(format!("{folder}/antrag.json"), options)?;
        zip.write_all(entry.json.as_bytes())?;
        let mut names = HashSet::new();
        for (id, name) in &entry.files {
            // Two files of the same name keep both: the second gets its id in front.
            let name = if names.insert(name.clone()) {
                name.clone()
            } else {
                format!("{id}-{name}")
            };
            zip.start_file(format!("{folder}/anlagen/{name}"), options)?;
            std::io::copy(&mut std::fs::File::open(files.path(*id))?, &mut zip)?;
        }
    }
    zip.finish()?.flush()?;
    Ok(file)
}
