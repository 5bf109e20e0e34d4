//! Submissions: the answers a citizen sent, pinned to the form version they were validated
//! against, with their reference number.

use futures_util::{Stream, StreamExt};
use shared::api::ProcessingStatus;
use shared::{FormId, Lang, Reference, UploadId, ValidAnswers};
use sqlx::{Any, Transaction};
use uuid::Uuid;

use crate::db::Db;
use crate::db::outbox::{self, MailKind, NewMail};
use crate::payment::PaymentDue;

/// A stored submission, as exports read it.
#[derive(Debug, Clone)]
pub(crate) struct StoredSubmission {
    pub(crate) reference: String,
    pub(crate) form_version: u32,
    /// The answers as stored (JSON object keyed by field key).
    pub(crate) answers: serde_json::Map<String, serde_json::Value>,
    pub(crate) received_at_ms: i64,
}

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    reference: String,
    form_version: i64,
    answers: String,
    received_at: i64,
}

impl TryFrom<SubmissionRow> for StoredSubmission {
    type Error = sqlx::Error;

    fn try_from(row: SubmissionRow) -> Result<Self, Self::Error> {
        Ok(Self {
            reference: row.reference,
            form_version: u32::try_from(row.form_version)
                .map_err(|error| sqlx::Error::Decode(error.into()))?,
            answers: serde_json::from_str(&row.answers)
                .map_err(|error| sqlx::Error::Decode(error.into()))?,
            received_at_ms: row.received_at,
        })
    }
}

/// A submission about to be stored. Built only from [`ValidAnswers`], so unvalidated data
/// cannot reach the database.
pub(crate) struct NewSubmission<'a> {
    pub(crate) form_id: FormId,
    pub(crate) form_version: u32,
    pub(crate) answers: &'a ValidAnswers,
    pub(crate) received_at_ms: i64,
    /// The calendar year of `received_at` in the city's time zone; numbers restart each year.
    pub(crate) year: i32,
    /// Uploads the answers name; they become part of this submission.
    pub(crate) uploads: &'a [UploadId],
    /// The citizen's access code; stored as a hash bound to the reference number.
    pub(crate) access_code: &'a str,
    /// When the citizen confirmed the privacy notice, if the form has one.
    pub(crate) privacy_acknowledged_at_ms: Option<i64>,
    /// The fee the citizen is asked to transfer.
    pub(crate) payment: Option<&'a PaymentDue>,
    /// The language the citizen used.
    pub(crate) language: Lang,
    /// Where to mail the confirmation (queued in the outbox with the submission), if anywhere.
    pub(crate) confirmation_to: Option<&'a str>,
}

/// An upload was taken by another submission between the check and the insert (two tabs sending
/// the same file at once); nothing was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UploadTaken(pub(crate) UploadId);

/// Stores a submission, attaches its uploads and assigns the next reference number of its year,
/// atomically: a failed insert rolls the counter back, so numbers have no gaps.
#[tracing::instrument(skip_all, fields(form_id = %submission.form_id, version = submission.form_version))]
pub(crate) async fn insert_submission(
    db: &Db,
    submission: &NewSubmission<'_>,
) -> sqlx::Result<Result<Reference, UploadTaken>> {
    let answers_json = serde_json::to_string(submission.answers)
        .map_err(|error| sqlx::Error::Encode(error.into()))?;
    // Write first: on SQLite the transaction takes the write lock with its first statement, so
    // it never has to upgrade a read lock (ARCHITECTURE.md, "one writer").
    let mut transaction = db.writer().begin().await?;
    let (number,): (i64,) = sqlx::query_as(
        r#"
        insert into reference_counters (counter_year, last_number) values ($1, 1)
        on conflict (counter_year) do update set last_number = reference_counters.last_number + 1
        returning last_number
        "#,
    )
    .bind(i64::from(submission.year))
    .fetch_one(&mut *transaction)
    .await?;
    let reference = Reference::new(submission.year, u64::try_from(number).unwrap_or_default());
    let submission_id = Uuid::new_v4().to_string();
    let search_text = serde_json::to_value(submission.answers)
        .map(|answers| crate::search::answer_text(&answers, reference.as_str()))
        .map_err(|error| sqlx::Error::Encode(error.into()))?;
    sqlx::query(
        r#"
        insert into submissions
            (id, form_id, form_version, reference, answers, received_at, access_code_hash,
             privacy_acknowledged_at, payment_amount_cents, payment_recipient, payment_iban,
             payment_purpose, language, search_text)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        "#,
    )
    .bind(&submission_id)
    .bind(submission.form_id.to_string())
    .bind(i64::from(submission.form_version))
    .bind(reference.as_str())
    .bind(answers_json)
    .bind(submission.received_at_ms)
    .bind(crate::access_code::code_hash(
        reference.as_str(),
        submission.access_code,
    ))
    .bind(submission.privacy_acknowledged_at_ms)
    .bind(submission.payment.map(|due| due.amount_cents))
    .bind(submission.payment.map(|due| due.recipient.as_str()))
    .bind(submission.payment.map(|due| due.iban.as_str()))
    .bind(submission.payment.map(|due| due.purpose.as_str()))
    .bind(submission.language.tag())
    .bind(search_text)
    .execute(&mut *transaction)
    .await?;
    insert_event(
        &mut transaction,
        &submission_id,
        ProcessingStatus::Received,
        None,
        submission.received_at_ms,
    )
    .await?;
    for id in submission.uploads {
        // Only an unattached upload can be taken: the condition makes a race lose cleanly.
        let attached = sqlx::query(
            "update uploads set submission_id = $1 where id = $2 and submission_id is null",
        )
        .bind(&submission_id)
        .bind(id.to_string())
        .execute(&mut *transaction)
        .await?;
        if attached.rows_affected() != 1 {
            transaction.rollback().await?;
            return Ok(Err(UploadTaken(*id)));
        }
    }
    if let Some(recipient) = submission.confirmation_to {
        outbox::enqueue(
            &mut transaction,
            &NewMail {
                kind: MailKind::SubmissionReceived,
                submission_id: &submission_id,
                event_id: None,
                recipient,
                now_ms: submission.received_at_ms,
            },
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(Ok(reference))
}

/// All submissions of a form, oldest first, as a stream so exports never hold them all in
/// memory.
pub(crate) fn stream_by_form(
    db: &Db,
    form_id: FormId,
) -> impl Stream<Item = sqlx::Result<StoredSubmission>> + Send + '_ {
    sqlx::query_as::<_, SubmissionRow>(
        r#"
        select reference, form_version, answers, received_at
          from submissions
         where form_id = $1
         order by received_at, reference
        "#,
    )
    .bind(form_id.to_string())
    .fetch(db.reader())
    .map(|row| row.and_then(StoredSubmission::try_from))
}

/// Appends a status change to a submission's history; returns the event's id.
async fn insert_event(
    transaction: &mut Transaction<'_, Any>,
    submission_id: &str,
    status: ProcessingStatus,
    message: Option<&str>,
    at_ms: i64,
) -> sqlx::Result<String> {
    let id = Uuid::new_v4().to_string();
    sqlx::query(
        r#"
        insert into submission_events (id, submission_id, status, message, created_at, position)
        values ($1, $2, $3, $4, $5,
                (select count(*) from submission_events where submission_id = $2))
        "#,
    )
    .bind(&id)
    .bind(submission_id)
    .bind(status.name())
    .bind(message)
    .bind(at_ms)
    .execute(&mut **transaction)
    .await?;
    Ok(id)
}

/// Takes the write lock on a submission's row (write first on SQLite's one writer; the row lock
/// on PostgreSQL), so the positions of its events and notes cannot collide; `false` when there is
/// no such submission.
async fn lock_submission(
    transaction: &mut Transaction<'_, Any>,
    submission_id: &str,
) -> sqlx::Result<bool> {
    let locked: Option<(String,)> =
        sqlx::query_as("update submissions set id = id where id = $1 returning id")
            .bind(submission_id)
            .fetch_optional(&mut **transaction)
            .await?;
    Ok(locked.is_some())
}

/// Records a new status with the case worker's message and, when `mail_to` is given, queues
/// the e-mail that reports it, in one transaction. `false` when there is no such submission.
pub(crate) async fn insert_status_change(
    db: &Db,
    submission_id: &str,
    status: ProcessingStatus,
    message: Option<&str>,
    at_ms: i64,
    mail_to: Option<&str>,
) -> sqlx::Result<bool> {
    let mut transaction = db.writer().begin().await?;
    if !lock_submission(&mut transaction, submission_id).await? {
        transaction.rollback().await?;
        return Ok(false);
    }
    let event_id = insert_event(&mut transaction, submission_id, status, message, at_ms).await?;
    // The inbox filters by the current status; the retention period runs from the finish.
    let finished = matches!(
        status,
        ProcessingStatus::Completed | ProcessingStatus::Rejected
    );
    sqlx::query("update submissions set status = $2, finished_at = $3 where id = $1")
        .bind(submission_id)
        .bind(status.name())
        .bind(finished.then_some(at_ms))
        .execute(&mut *transaction)
        .await?;
    if let Some(recipient) = mail_to {
        outbox::enqueue(
            &mut transaction,
            &NewMail {
                kind: MailKind::StatusChanged,
                submission_id,
                event_id: Some(&event_id),
                recipient,
                now_ms: at_ms,
            },
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// One status change: `(status, message)`.
pub(crate) async fn fetch_optional_event(
    db: &Db,
    event_id: &str,
) -> sqlx::Result<Option<(ProcessingStatus, Option<String>)>> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("select status, message from submission_events where id = $1")
            .bind(event_id)
            .fetch_optional(db.reader())
            .await?;
    row.map(|(status, message)| {
        ProcessingStatus::from_name(&status)
            .map(|status| (status, message))
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status}").into()))
    })
    .transpose()
}

/// What the status page needs of one submission before the access code is checked.
#[derive(Debug, Clone)]
pub(crate) struct StoredStatus {
    pub(crate) id: String,
    pub(crate) reference: String,
    /// `None` for submissions from before access codes existed.
    pub(crate) access_code_hash: Option<String>,
    /// The definition of the version it was filled in, as stored (JSON).
    pub(crate) definition: String,
}

/// The submission with `reference`, for the status page.
pub(crate) async fn fetch_optional_status(
    db: &Db,
    reference: &str,
) -> sqlx::Result<Option<StoredStatus>> {
    let row: Option<(String, String, Option<String>, String)> = sqlx::query_as(
        r#"
        select submissions.id, submissions.reference, submissions.access_code_hash,
               form_versions.definition
          from submissions
          join form_versions on form_versions.form_id = submissions.form_id
                            and form_versions.version = submissions.form_version
         where submissions.reference = $1
        "#,
    )
    .bind(reference)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(
        |(id, reference, access_code_hash, definition)| StoredStatus {
            id,
            reference,
            access_code_hash,
            definition,
        },
    ))
}

/// The status history of a submission, `(status, message, at)`, oldest first.
pub(crate) async fn fetch_events(
    db: &Db,
    submission_id: &str,
) -> sqlx::Result<Vec<(ProcessingStatus, Option<String>, i64)>> {
    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        r#"
        select status, message, created_at
          from submission_events
         where submission_id = $1
         order by position, created_at, id
        "#,
    )
    .bind(submission_id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(status, message, at)| {
            ProcessingStatus::from_name(&status)
                .map(|status| (status, message, at))
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status}").into()))
        })
        .collect()
}

/// Everything a receipt (PDF, confirmation e-mail) of one submission shows.
#[derive(Debug, Clone)]
pub(crate) struct StoredReceipt {
    pub(crate) reference: String,
    pub(crate) received_at_ms: i64,
    /// The answers as stored (JSON object keyed by field key).
    pub(crate) answers: serde_json::Map<String, serde_json::Value>,
    /// The definition of the version it was filled in, as stored (JSON).
    pub(crate) definition: String,
    pub(crate) payment: Option<PaymentDue>,
    pub(crate) language: Lang,
}

type ReceiptRow = (
    String,
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// The receipt of the submission with `id`.
pub(crate) async fn fetch_optional_receipt(
    db: &Db,
    id: &str,
) -> sqlx::Result<Option<StoredReceipt>> {
    let row: Option<ReceiptRow> = sqlx::query_as(
        r#"
        select submissions.reference, submissions.received_at, submissions.answers,
               form_versions.definition, submissions.payment_amount_cents,
               submissions.payment_recipient, submissions.payment_iban,
               submissions.payment_purpose, submissions.language
          from submissions
          join form_versions on form_versions.form_id = submissions.form_id
                            and form_versions.version = submissions.form_version
         where submissions.id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some((
        reference,
        received_at_ms,
        answers,
        definition,
        amount_cents,
        recipient,
        iban,
        purpose,
        language,
    )) = row
    else {
        return Ok(None);
    };
    let payment = match (amount_cents, recipient, iban, purpose) {
        (Some(amount_cents), Some(recipient), Some(iban), Some(purpose)) => Some(PaymentDue {
            amount_cents,
            recipient,
            iban,
            purpose,
        }),
        _ => None,
    };
    Ok(Some(StoredReceipt {
        reference,
        received_at_ms,
        answers: serde_json::from_str(&answers)
            .map_err(|error| sqlx::Error::Decode(error.into()))?,
        definition,
        payment,
        language: Lang::from_accept_language(&language),
    }))
}

/// The submissions of a form, newest first, at most `limit`: `(id, reference, received at, version)`.
pub(crate) async fn fetch_summaries(
    db: &Db,
    form_id: FormId,
    limit: u32,
) -> sqlx::Result<Vec<(String, String, i64, u32)>> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        r#"
        select id, reference, received_at, form_version
          from submissions
         where form_id = $1
         order by received_at desc, reference desc
         limit $2
        "#,
    )
    .bind(form_id.to_string())
    .bind(i64::from(limit))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(id, reference, at, version)| {
            let version =
                u32::try_from(version).map_err(|error| sqlx::Error::Decode(error.into()))?;
            Ok((id, reference, at, version))
        })
        .collect()
}

/// The form version a submission was filled in.
pub(crate) async fn fetch_optional_version(db: &Db, id: &str) -> sqlx::Result<Option<u32>> {
    let row: Option<(i64,)> = sqlx::query_as("select form_version from submissions where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    row.map(|(version,)| u32::try_from(version).map_err(|error| sqlx::Error::Decode(error.into())))
        .transpose()
}

/// Adds an internal note; `false` when there is no such submission.
pub(crate) async fn insert_note(
    db: &Db,
    submission_id: &str,
    author_id: &str,
    note: &str,
    at_ms: i64,
) -> sqlx::Result<bool> {
    let mut transaction = db.writer().begin().await?;
    if !lock_submission(&mut transaction, submission_id).await? {
        transaction.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        r#"
        insert into submission_notes (id, submission_id, author_id, note, created_at, position)
        values ($1, $2, $3, $4, $5,
                (select count(*) from submission_notes where submission_id = $2))
        "#,
    )
    .bind(Uuid::new_v4().to_string())
    .bind(submission_id)
    .bind(author_id)
    .bind(note)
    .bind(at_ms)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(true)
}

/// A submission's internal notes, oldest first: `(author's name, at, note)`.
pub(crate) async fn fetch_notes(
    db: &Db,
    submission_id: &str,
) -> sqlx::Result<Vec<(Option<String>, i64, String)>> {
    sqlx::query_as(
        r#"
        select staff_users.name, submission_notes.created_at, submission_notes.note
          from submission_notes
          left join staff_users on staff_users.id = submission_notes.author_id
         where submission_notes.submission_id = $1
         order by submission_notes.position
        "#,
    )
    .bind(submission_id)
    .fetch_all(db.reader())
    .await
}
