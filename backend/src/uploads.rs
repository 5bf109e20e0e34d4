//! Uploaded files on disk: received as a stream (never whole in memory), checked against the
//! field's limits and their own content while they arrive, made durable before they are
//! acknowledged, and deleted when abandoned.
//!
//! Layout: `<data dir>/uploads/<upload id>`; a file being received is `.<id>.part` beside it, so
//! a crash never leaves a half file under a real id. With several backend instances the data
//! directory must be shared storage (docs/operator-guide.md).

use std::io;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use shared::UploadId;
use tokio::io::AsyncWriteExt;

use crate::db::{self, Db};

/// How long an upload may wait for the submission that names it before it is deleted.
pub const ABANDONED_AFTER_MS: i64 = 24 * 60 * 60 * 1000;

/// How often the server looks for abandoned uploads.
pub const PURGE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The directory of uploaded files.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
}

/// What arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Received {
    pub(crate) size: u64,
    /// Hex SHA-256 of the bytes.
    pub(crate) sha256: String,
}

/// Why a file was not kept; nothing of it remains on disk.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReceiveError {
    #[error("the file is larger than {max} bytes")]
    TooLarge { max: u64 },
    #[error("the file's content is not of its declared type")]
    ContentMismatch,
    #[error("the file is empty")]
    Empty,
    #[error("the upload was interrupted: {0}")]
    Interrupted(String),
    #[error("cannot store the file: {0}")]
    Io(#[from] io::Error),
}

impl FileStore {
    /// The store under `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("uploads"),
        }
    }

    /// Where the stored file `id` is.
    pub(crate) fn path(&self, id: UploadId) -> PathBuf {
        self.dir.join(id.to_string())
    }

    /// Streams `body` to disk as upload `id`, stopping as soon as it exceeds `max_bytes` or its
    /// first bytes contradict `media_type`. On success the file is on stable storage.
    pub(crate) async fn receive<S, E>(
        &self,
        id: UploadId,
        media_type: &str,
        max_bytes: u64,
        body: S,
    ) -> Result<Received, ReceiveError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        tokio::fs::create_dir_all(&self.dir).await?;
        let part = self.dir.join(format!(".{id}.part"));
        let result = self.write_part(&part, media_type, max_bytes, body).await;
        match result {
            Ok(received) => {
                tokio::fs::rename(&part, self.path(id)).await?;
                sync_dir(&self.dir).await?;
                Ok(received)
            }
            Err(error) => {
                // Best effort: a leftover part file is harmless and never served.
                let _ = tokio::fs::remove_file(&part).await;
                Err(error)
            }
        }
    }

    async fn write_part<S, E>(
        &self,
        part: &Path,
        media_type: &str,
        max_bytes: u64,
        mut body: S,
    ) -> Result<Received, ReceiveError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(part)
            .await?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|error| ReceiveError::Interrupted(error.to_string()))?;
            size += chunk.len() as u64;
            if size > max_bytes {
                return Err(ReceiveError::TooLarge { max: max_bytes });
            }
            if head.len() < SNIFF_BYTES {
                let take = (SNIFF_BYTES - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
                if head.len() == SNIFF_BYTES && !content_matches(media_type, &head) {
                    return Err(ReceiveError::ContentMismatch);
                }
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        if size == 0 {
            return Err(ReceiveError::Empty);
        }
        if head.len() < SNIFF_BYTES && !content_matches(media_type, &head) {
            return Err(ReceiveError::ContentMismatch);
        }
        file.sync_all().await?;
        Ok(Received {
            size,
            sha256: format!("{:x}", hasher.finalize()),
        })
    }

    /// Opens a stored file for reading.
    pub(crate) async fn open(&self, id: UploadId) -> io::Result<tokio::fs::File> {
        tokio::fs::File::open(self.path(id)).await
    }

    /// Deletes `.part` files older than [`ABANDONED_AFTER_MS`] (by their modification time).
    async fn remove_stale_parts(&self) -> io::Result<()> {
        let mut entries = match tokio::fs::read_dir(&self.dir).await {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        };
        let max_age = std::time::Duration::from_millis(ABANDONED_AFTER_MS.unsigned_abs());
        while let Some(entry) = entries.next_entry().await? {
            let name = entry.file_name();
            if !name.to_string_lossy().ends_with(".part") {
                continue;
            }
            let age = entry
                .metadata()
                .await?
                .modified()?
                .elapsed()
                .unwrap_or_default();
            if age > max_age {
                tokio::fs::remove_file(entry.path()).await?;
            }
        }
        Ok(())
    }

    /// Deletes a stored file; a missing file is not an error (deleting twice is fine).
    pub(crate) async fn remove(&self, id: UploadId) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(id)).await {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

/// Deletes uploads that no submission took within [`ABANDONED_AFTER_MS`]: rows first (so no
/// submission can take one any more), then files; also `.part` files of receptions that never
/// finished (a dropped connection, a crash). Returns how many uploads were removed.
pub async fn purge_abandoned(db: &Db, files: &FileStore, now_ms: i64) -> anyhow::Result<usize> {
    let ids = db::uploads::delete_abandoned(db, now_ms - ABANDONED_AFTER_MS).await?;
    for id in &ids {
        if let Err(error) = files.remove(*id).await {
            tracing::warn!(%id, %error, "cannot delete an abandoned upload's file");
        }
    }
    if let Err(error) = files.remove_stale_parts().await {
        tracing::warn!(%error, "cannot clean up unfinished uploads");
    }
    if !ids.is_empty() {
        tracing::info!(count = ids.len(), "deleted abandoned uploads");
    }
    Ok(ids.len())
}

/// Whether uploads of `media_type` had their content checked ([`content_matches`]); only those
/// are served with their own type, others as `application/octet-stream`, so an HTML or SVG file
/// can never run in the portal's origin.
pub(crate) fn is_checked_type(media_type: &str) -> bool {
    matches!(
        media_type,
        "application/pdf" | "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Enough bytes for every signature [`content_matches`] knows.
const SNIFF_BYTES: usize = 12;

/// Whether a file's first bytes fit its declared type. Types with a reliable signature are
/// checked, so a renamed program cannot pass as a PDF or photo; others (HEIC photos, plain text,
/// office documents) are taken as declared, since the field's list of allowed types already
/// limits them.
fn content_matches(media_type: &str, head: &[u8]) -> bool {
    match media_type {
        "application/pdf" => head.starts_with(b"%PDF-"),
        "image/png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => head.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/gif" => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        "image/webp" => head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP",
        _ => true,
    }
}

/// Makes a rename durable: the directory entry must reach the disk too.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || std::fs::File::open(dir)?.sync_all())
        .await
        .map_err(io::Error::other)?
}

/// Longest stored file name in bytes; the engine refuses longer names in answers
/// (`shared::validation::file_ref`), so every stored name can be submitted.
const MAX_NAME_BYTES: usize = 255;

/// A file name as a citizen's device sent it, made safe to store and show: path parts and
/// control characters removed, at most [`MAX_NAME_BYTES`] of UTF-8. `None` when nothing is left.
pub(crate) fn clean_file_name(raw: &str) -> Option<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::new();
    for c in base.chars().filter(|c| !c.is_control()) {
        if cleaned.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        cleaned.push(c);
    }
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\Erika\\Impfpass Bello.pdf").as_deref(),
            Some("Impfpass Bello.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_file_name("a\u{0}b\nc.jpg").as_deref(),
            Some("abc.jpg")
        );
        assert_eq!(clean_file_name(".htaccess").as_deref(), Some("htaccess"));
        assert_eq!(clean_file_name("  /  "), None);
        assert_eq!(
            clean_file_name(&"ä".repeat(300)).map(|name| name.chars().count()),
            Some(127)
        );
    }

    #[test]
    fn signatures_are_checked_where_types_have_one() {
        assert!(content_matches("application/pdf", b"%PDF-1.7\n%"));
        assert!(!content_matches("application/pdf", b"MZ\x90\x00"));
        assert!(content_matches("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\r"));
        assert!(!content_matches("image/jpeg", b"%PDF-1.7"));
        assert!(content_matches("image/webp", b"RIFF\0\0\0\0WEBP"));
        assert!(!content_matches("image/webp", b"RIFF\0\0\0\0WAVE"));
        assert!(content_matches("image/heic", b"\0\0\0\x18ftypheic"));
    }
}
