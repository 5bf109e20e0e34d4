//! Retention periods and the erasure of a submission's personal data (retention job, Art. 17),
//! and finding a person's submissions by e-mail address (Art. 15).

use shared::{FormId, UploadId};

use crate::db::Db;

/// Sets how many days a form's finished submissions are kept (`None`: until erased by hand);
/// false if there is no such form.
pub(crate) async fn set_retention(
    db: &Db,
    form_id: FormId,
    days: Option<u32>,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update forms set retention_days = $2 where id = $1")
        .bind(form_id.to_string())
        .bind(days.map(i64::from))
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// The retention period of a form, in days.
pub(crate) async fn fetch_retention(db: &Db, form_id: FormId) -> sqlx::Result<Option<u32>> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("select retention_days from forms where id = $1")
            .bind(form_id.to_string())
            .fetch_optional(db.reader())
            .await?;
    Ok(row
        .and_then(|(days,)| days)
        .and_then(|days| u32::try_from(days).ok()))
}

/// The submissions whose retention period ended by `now_ms`: `(id, reference)`.
pub(crate) async fn fetch_expired(db: &Db, now_ms: i64) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        r#"
        select s.id, s.reference
          from submissions s
          join forms f on f.id = s.form_id
         where s.erased_at is null
           and f.retention_days is not null
           and s.finished_at is not null
           and s.finished_at + f.retention_days * 86400000 <= $1
         order by s.finished_at
        "#,
    )
    .bind(now_ms)
    .fetch_all(db.reader())
    .await
}

/// A submission found for a person.
pub(crate) struct PersonSubmission {
    pub(crate) id: String,
    pub(crate) reference: String,
    pub(crate) form_id: String,
    pub(crate) received_at_ms: i64,
    pub(crate) status: String,
    pub(crate) erased: bool,
}

/// The submissions in which `email` is an answer (any field, whole value, ignoring case).
pub(crate) async fn find_by_email(db: &Db, email: &str) -> sqlx::Result<Vec<PersonSubmission>> {
    // Answers are stored as JSON: the address as a whole value is `"<address>"`.
    let escaped = email
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let rows: Vec<(String, String, String, i64, String, Option<i64>)> = sqlx::query_as(
        r#"
        select id, reference, form_id, received_at, status, erased_at
          from submissions
         where lower(answers) like $1 escape '\'
         order by received_at, reference
        "#,
    )
    .bind(format!("%\"{escaped}\"%"))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, reference, form_id, received_at_ms, status, erased_at)| PersonSubmission {
                id,
                reference,
                form_id,
                received_at_ms,
                status,
                erased: erased_at.is_some(),
            },
        )
        .collect())
}

/// What an erasure removed (counts only, for the log).
#[derive(Debug, Default)]
pub(crate) struct Erased {
    /// The files to delete from disk (their rows are gone).
    pub(crate) files: Vec<UploadId>,
    pub(crate) notes: u64,
    pub(crate) mails: u64,
}

/// Erases the personal data of a submission in one transaction: answers, search text, payment
/// details, files (rows; the caller deletes the files), internal notes, the messages of its
/// status history and its e-mails in the outbox. `None` if it does not exist or was erased.
pub(crate) async fn erase(
    db: &Db,
    submission_id: &str,
    now_ms: i64,
) -> sqlx::Result<Option<Erased>> {
    let mut transaction = db.writer().begin().await?;
    let updated = sqlx::query(
        r#"
        update submissions
           set answers = '{}', search_text = '', payment_amount_cents = null,
               payment_recipient = null, payment_iban = null, payment_purpose = null,
               assigned_to = null, erased_at = $2
         where id = $1 and erased_at is null
        "#,
    )
    .bind(submission_id)
    .bind(now_ms)
    .execute(&mut *transaction)
    .await?;
    if updated.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(None);
    }
    let files: Vec<(String,)> =
        sqlx::query_as("delete from uploads where submission_id = $1 returning id")
            .bind(submission_id)
            .fetch_all(&mut *transaction)
            .await?;
    let notes = sqlx::query("delete from submission_notes where submission_id = $1")
        .bind(submission_id)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
    sqlx::query("update submission_events set message = null where submission_id = $1")
        .bind(submission_id)
        .execute(&mut *transaction)
        .await?;
    let mails = sqlx::query("delete from outbox where submission_id = $1")
        .bind(submission_id)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
    transaction.commit().await?;
    let files = files
        .into_iter()
        .map(|(id,)| {
            id.parse().map_err(|error: shared::id::ParseIdError| {
                sqlx::Error::Decode(error.to_string().into())
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Some(Erased {
        files,
        notes,
        mails,
    }))
}
