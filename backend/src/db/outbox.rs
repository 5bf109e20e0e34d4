//! The durable outbox of e-mails (migration `create_outbox`): rows are written in the
//! transaction of what they report and claimed by workers with a lease, so a mail is neither
//! lost (SMTP down, process killed) nor sent twice by two instances at once.

use sqlx::{Any, Transaction};
use uuid::Uuid;

use crate::db::Db;

/// What a queued message is about; the worker renders it when sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MailKind {
    /// The confirmation of a new submission.
    SubmissionReceived,
    /// A new status of a submission, with the case worker's message.
    StatusChanged,
    /// The activation link of an appointment (double opt-in).
    BookingActivation,
    /// The confirmation of an appointment, with its calendar file and manage link.
    BookingConfirmed,
    /// The confirmation of a moved appointment.
    BookingMoved,
    /// The reminder before an appointment.
    BookingReminder,
    /// An appointment was cancelled (by the citizen, or because the office closed).
    BookingCancelled,
}

impl MailKind {
    fn name(self) -> &'static str {
        match self {
            Self::SubmissionReceived => "submission_received",
            Self::StatusChanged => "status_changed",
            Self::BookingActivation => "booking_activation",
            Self::BookingConfirmed => "booking_confirmed",
            Self::BookingMoved => "booking_moved",
            Self::BookingReminder => "booking_reminder",
            Self::BookingCancelled => "booking_cancelled",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "submission_received" => Some(Self::SubmissionReceived),
            "status_changed" => Some(Self::StatusChanged),
            "booking_activation" => Some(Self::BookingActivation),
            "booking_confirmed" => Some(Self::BookingConfirmed),
            "booking_moved" => Some(Self::BookingMoved),
            "booking_reminder" => Some(Self::BookingReminder),
            "booking_cancelled" => Some(Self::BookingCancelled),
            _ => None,
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub(crate) struct NewMail<'a> {
    pub(crate) kind: MailKind,
    pub(crate) submission_id: &'a str,
    /// The status change the message reports, if it reports one.
    pub(crate) event_id: Option<&'a str>,
    pub(crate) recipient: &'a str,
    pub(crate) now_ms: i64,
}

/// A claimed message: the claiming worker owns it until its lease ends.
#[derive(Debug, Clone)]
pub(crate) struct MailJob {
    pub(crate) id: String,
    pub(crate) kind: Option<MailKind>,
    pub(crate) submission_id: Option<String>,
    pub(crate) event_id: Option<String>,
    pub(crate) recipient: String,
    /// The booking a message is about.
    pub(crate) booking_id: Option<String>,
    /// The secret link the message carries (activation or manage token); cleared once sent.
    pub(crate) link_token: Option<String>,
    /// Attempts including this one.
    pub(crate) attempts: u32,
}

/// Queues a message inside the caller's transaction: it exists exactly when that commits.
pub(crate) async fn enqueue(
    transaction: &mut Transaction<'_, Any>,
    mail: &NewMail<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into outbox
            (id, kind, submission_id, event_id, recipient, created_at, next_attempt_at)
        values ($1, $2, $3, $4, $5, $6, $6)
        "#,
    )
    .bind(Uuid::new_v4().to_string())
    .bind(mail.kind.name())
    .bind(mail.submission_id)
    .bind(mail.event_id)
    .bind(mail.recipient)
    .bind(mail.now_ms)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

/// A message about a booking.
#[derive(Debug, Clone)]
pub(crate) struct NewBookingMail {
    pub(crate) kind: MailKind,
    pub(crate) booking_id: String,
    pub(crate) recipient: String,
    pub(crate) link_token: Option<String>,
    pub(crate) now_ms: i64,
}

/// Queues a message about a booking inside the caller's transaction.
pub(crate) async fn enqueue_booking(
    transaction: &mut Transaction<'_, Any>,
    mail: &NewBookingMail,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into outbox
            (id, kind, booking_id, link_token, recipient, created_at, next_attempt_at)
        values ($1, $2, $3, $4, $5, $6, $6)
        "#,
    )
    .bind(Uuid::new_v4().to_string())
    .bind(mail.kind.name())
    .bind(&mail.booking_id)
    .bind(mail.link_token.as_deref())
    .bind(&mail.recipient)
    .bind(mail.now_ms)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

type JobRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    Option<String>,
    Option<String>,
);

/// Claims the most overdue message that no live lease holds, for `lease_ms`; `None` when
/// nothing is due. The conditional update decides races between instances: only one wins.
pub(crate) async fn claim_due(
    db: &Db,
    now_ms: i64,
    lease_ms: i64,
) -> sqlx::Result<Option<MailJob>> {
    let candidates: Vec<(String,)> = sqlx::query_as(
        r#"
        select id from outbox
         where sent_at is null and failed_at is null and next_attempt_at <= $1
           and (locked_until is null or locked_until < $1)
         order by next_attempt_at, id
         limit 8
        "#,
    )
    .bind(now_ms)
    .fetch_all(db.writer())
    .await?;
    for (id,) in candidates {
        let row: Option<JobRow> = sqlx::query_as(
            r#"
            update outbox set locked_until = $2, attempts = attempts + 1
             where id = $1 and sent_at is null and failed_at is null
               and (locked_until is null or locked_until < $3)
            returning id, kind, submission_id, event_id, recipient, attempts, booking_id,
                      link_token
            "#,
        )
        .bind(&id)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .fetch_optional(db.writer())
        .await?;
        if let Some((
            id,
            kind,
            submission_id,
            event_id,
            recipient,
            attempts,
            booking_id,
            link_token,
        )) = row
        {
            return Ok(Some(MailJob {
                id,
                kind: MailKind::from_name(&kind),
                submission_id,
                event_id,
                recipient,
                booking_id,
                link_token,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            }));
        }
    }
    Ok(None)
}

/// The message went out.
pub(crate) async fn mark_sent(db: &Db, id: &str, now_ms: i64) -> sqlx::Result<()> {
    sqlx::query(
        // The link's secret is not kept once it is in the citizen's mailbox.
        "update outbox set sent_at = $2, locked_until = null, last_error = null, \
         link_token = null where id = $1",
    )
    .bind(id)
    .bind(now_ms)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The attempt failed for a reason that may pass: try again at `next_attempt_ms`.
pub(crate) async fn mark_retry(
    db: &Db,
    id: &str,
    next_attempt_ms: i64,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update outbox set next_attempt_at = $2, locked_until = null, last_error = $3 \
         where id = $1",
    )
    .bind(id)
    .bind(next_attempt_ms)
    .bind(error)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The message cannot be delivered (permanent SMTP error or too many attempts).
pub(crate) async fn mark_failed(db: &Db, id: &str, now_ms: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "update outbox set failed_at = $2, locked_until = null, last_error = $3, \
         link_token = null where id = $1",
    )
    .bind(id)
    .bind(now_ms)
    .bind(error)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// How many messages wait, were sent and were given up, for monitoring and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Counts the outbox's messages by state.
pub async fn counts(db: &Db) -> sqlx::Result<OutboxCounts> {
    let (pending, sent, failed): (i64, i64, i64) = sqlx::query_as(
        r#"
        select coalesce(sum(case when sent_at is null and failed_at is null then 1 else 0 end), 0),
               coalesce(sum(case when sent_at is not null then 1 else 0 end), 0),
               coalesce(sum(case when failed_at is not null then 1 else 0 end), 0)
          from outbox
        "#,
    )
    .fetch_one(db.reader())
    .await?;
    Ok(OutboxCounts {
        pending,
        sent,
        failed,
    })
}
