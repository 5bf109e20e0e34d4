//! Uploaded files: what each is, which form field took it, and which submission (if any) it
//! belongs to. The bytes are on disk (`crate::uploads::FileStore`).

use shared::{FormId, UploadId};

use crate::db::Db;

/// An upload as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredUpload {
    pub(crate) id: UploadId,
    pub(crate) form_id: FormId,
    /// The file field: `key`, or `group.key` inside a repeatable group.
    pub(crate) field: String,
    pub(crate) name: String,
    pub(crate) media_type: String,
    pub(crate) size: u64,
    /// Hex SHA-256 of the bytes, to detect damage on disk.
    pub(crate) sha256: String,
    pub(crate) submission_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UploadRow {
    id: String,
    form_id: String,
    field: String,
    name: String,
    media_type: String,
    size: i64,
    sha256: String,
    submission_id: Option<String>,
}

impl TryFrom<UploadRow> for StoredUpload {
    type Error = sqlx::Error;

    fn try_from(row: UploadRow) -> Result<Self, Self::Error> {
        let decode = |error: String| sqlx::Error::Decode(error.into());
        Ok(Self {
            id: row.id.parse().map_err(|error| decode(format!("{error}")))?,
            form_id: row
                .form_id
                .parse()
                .map_err(|error| decode(format!("{error}")))?,
            field: row.field,
            name: row.name,
            media_type: row.media_type,
            size: u64::try_from(row.size).map_err(|error| decode(error.to_string()))?,
            sha256: row.sha256,
            submission_id: row.submission_id,
        })
    }
}

const COLUMNS: &str = "id, form_id, field, name, media_type, size, sha256, submission_id";

/// Records a file that is complete on disk.
pub(crate) async fn insert_upload(
    db: &Db,
    upload: &StoredUpload,
    created_at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into uploads (id, form_id, field, name, media_type, size, sha256, created_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        "#,
    )
    .bind(upload.id.to_string())
    .bind(upload.form_id.to_string())
    .bind(&upload.field)
    .bind(&upload.name)
    .bind(&upload.media_type)
    .bind(i64::try_from(upload.size).unwrap_or(i64::MAX))
    .bind(&upload.sha256)
    .bind(created_at_ms)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The uploads with these ids, in one query (a submission may name many files).
pub(crate) async fn fetch_by_ids(db: &Db, ids: &[UploadId]) -> sqlx::Result<Vec<StoredUpload>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "select {COLUMNS} from uploads where id in ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, UploadRow>(&sql);
    for id in ids {
        query = query.bind(id.to_string());
    }
    query
        .fetch_all(db.reader())
        .await?
        .into_iter()
        .map(StoredUpload::try_from)
        .collect()
}

/// Bytes of all uploads that no submission has taken (yet).
pub(crate) async fn pending_bytes(db: &Db) -> sqlx::Result<u64> {
    // The cast: PostgreSQL sums bigints as numeric, which `Any` cannot decode.
    let (bytes,): (i64,) = sqlx::query_as(
        "select cast(coalesce(sum(size), 0) as bigint) from uploads where submission_id is null",
    )
    .fetch_one(db.reader())
    .await?;
    Ok(u64::try_from(bytes).unwrap_or_default())
}

/// An upload that belongs to a submission (what staff may download).
pub(crate) async fn fetch_optional_attached(
    db: &Db,
    id: UploadId,
) -> sqlx::Result<Option<StoredUpload>> {
    sqlx::query_as::<_, UploadRow>(&format!(
        "select {COLUMNS} from uploads where id = $1 and submission_id is not null"
    ))
    .bind(id.to_string())
    .fetch_optional(db.reader())
    .await?
    .map(StoredUpload::try_from)
    .transpose()
}

/// Deletes the rows of uploads that no submission took and that are older than
/// `created_before_ms`; returns their ids so the caller can delete the files.
pub(crate) async fn delete_abandoned(
    db: &Db,
    created_before_ms: i64,
) -> sqlx::Result<Vec<UploadId>> {
    // One statement, so atomic on its own; `returning` names what it removed.
    let rows: Vec<(String,)> = sqlx::query_as(
        "delete from uploads where submission_id is null and created_at < $1 returning id",
    )
    .bind(created_before_ms)
    .fetch_all(db.writer())
    .await?;
    rows.into_iter()
        .map(|(id,)| {
            id.parse()
                .map_err(|error: shared::id::ParseIdError| sqlx::Error::Decode(error.into()))
        })
        .collect()
}

/// The files of a submission, by name: `(id, name, size)`.
pub(crate) async fn fetch_by_submission(
    db: &Db,
    submission_id: &str,
) -> sqlx::Result<Vec<(UploadId, String, u64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "select id, name, size from uploads where submission_id = $1 order by name, id",
    )
    .bind(submission_id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(id, name, size)| {
            Ok((
                id.parse().map_err(|error: shared::id::ParseIdError| {
                    sqlx::Error::Decode(error.to_string().into())
                })?,
                name,
                u64::try_from(size).map_err(|error| sqlx::Error::Decode(error.into()))?,
            ))
        })
        .collect()
}
