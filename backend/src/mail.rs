//! E-mail to citizens through the durable outbox (`db::outbox`): a worker claims due messages,
//! renders them from the stored data, sends them over SMTP and retries failures with
//! exponential backoff. Permanent SMTP errors (unknown mailbox) are not retried.
//!
//! What a confirmation contains is chosen for data protection (Art. 5, 25 DSGVO): e-mail is not
//! end-to-end encrypted, so it carries the reference number and the fee, but neither the answers
//! nor the access code; those stay on the confirmation page and in the PDF receipt the citizen
//! downloads there.

use std::time::Duration;

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use shared::FormDefinition;

use crate::app::AppState;
use crate::db;
use crate::db::outbox::{MailJob, MailKind};
use crate::receipt::Receipt;

/// How long a worker may hold a claimed message before another instance may retry it; longer
/// than any SMTP conversation (the transport times out after 60 s).
const LEASE_MS: i64 = 5 * 60 * 1000;
/// When nothing wakes the worker, it looks for due retries this often.
const POLL_INTERVAL: Duration = Duration::from_secs(30);
/// After this many failed attempts (about four days with the backoff below) a message is given
/// up and logged as an error.
pub const MAX_ATTEMPTS: u32 = 20;
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

/// The SMTP connection settings and the sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: only the sender is shown.
        formatter
            .debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `smtp_url` (`smtp://`, `smtps://`; see `Config::smtp_url`).
    pub fn new(smtp_url: &str, from: &str, public_url: Option<&str>) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("BP_SMTP_URL is not a valid smtp:// or smtps:// URL")?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = from
            .parse()
            .context("BP_MAIL_FROM is not a valid address like `Name <user@example.org>`")?;
        Ok(Self {
            transport,
            from,
            public_url: public_url.map(|url| url.trim_end_matches('/').to_owned()),
        })
    }
}

/// Delay before attempt `attempts + 1` after `attempts` failed ones: 1 min, 2, 4, … capped at
/// 6 hours.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    const MINUTE_MS: i64 = 60 * 1000;
    const CAP_MS: i64 = 6 * 60 * MINUTE_MS;
    let doublings = attempts.saturating_sub(1).min(20);
    (MINUTE_MS << doublings).min(CAP_MS)
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Sends every message that is due now. Returns at once when mail is not configured.
pub async fn deliver_due(state: &AppState) -> anyhow::Result<DeliveryReport> {
    let mut report = DeliveryReport::default();
    let Some(mailer) = &state.mail else {
        return Ok(report);
    };
    loop {
        let now_ms = state.clock.now().timestamp_millis();
        let Some(job) = db::outbox::claim_due(&state.db, now_ms, LEASE_MS).await? else {
            return Ok(report);
        };
        let outcome = match compose(state, mailer, &job).await {
            Ok(message) => mailer
                .transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|error| Failure {
                    permanent: error.is_permanent(),
                    message: error.to_string(),
                }),
            Err(failure) => Err(failure),
        };
        let now_ms = state.clock.now().timestamp_millis();
        match outcome {
            Ok(()) => {
                db::outbox::mark_sent(&state.db, &job.id, now_ms).await?;
                tracing::info!(mail = %job.id, "e-mail sent");
                report.sent += 1;
            }
            Err(failure) if failure.permanent || job.attempts >= MAX_ATTEMPTS => {
                db::outbox::mark_failed(&state.db, &job.id, now_ms, &failure.message).await?;
                tracing::error!(mail = %job.id, attempts = job.attempts, error = %failure.message, "e-mail given up");
                report.failed += 1;
            }
            Err(failure) => {
                let next = now_ms + retry_delay_ms(job.attempts);
                db::outbox::mark_retry(&state.db, &job.id, next, &failure.message).await?;
                tracing::warn!(mail = %job.id, attempts = job.attempts, error = %failure.message, "e-mail not sent, will retry");
                report.retried += 1;
            }
        }
    }
}

struct Failure {
    permanent: bool,
    message: String,
}

/// Runs for the life of the server: delivers when woken (a new message) and every
/// `POLL_INTERVAL` (retries that came due).
pub(crate) async fn run_outbox(state: AppState) {
    loop {
        if let Err(error) = deliver_due(&state).await {
            tracing::error!(error = format!("{error:#}"), "the outbox worker failed");
        }
        tokio::select! {
            () = state.outbox_wakeup.notified() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
        }
    }
}

impl Failure {
    /// Retrying cannot help (bad data): give up at once.
    fn permanent(error: &anyhow::Error) -> Self {
        Self {
            permanent: true,
            message: format!("{error:#}"),
        }
    }
}

/// The message for a claimed job, rendered from what is stored now. A database error may pass
/// (retry); anything else about the job will not.
async fn compose(state: &AppState, mailer: &Mailer, job: &MailJob) -> Result<Message, Failure> {
    let kind = job
        .kind
        .context("unknown kind of message")
        .map_err(|error| Failure::permanent(&error))?;
    let recipient: Mailbox = job
        .recipient
        .parse()
        .context("the recipient is not a valid address")
        .map_err(|error| Failure::permanent(&error))?;
    if job.booking_id.is_some() {
        return crate::booking::mail::compose(state, &mailer.from, job, kind, recipient)
            .await
            .map_err(|error| match error {
                crate::booking::mail::ComposeError::Transient(message) => Failure {
                    permanent: false,
                    message,
                },
                crate::booking::mail::ComposeError::Permanent(error) => Failure::permanent(&error),
            });
    }
    let transient = |error: sqlx::Error| Failure {
        permanent: false,
        message: error.to_string(),
    };
    let id = job
        .submission_id
        .as_deref()
        .context("a message without a submission")
        .map_err(|error| Failure::permanent(&error))?;
    let stored = db::submissions::fetch_optional_receipt(&state.db, id)
        .await
        .map_err(transient)?
        .context("the submission no longer exists")
        .map_err(|error| Failure::permanent(&error))?;
    let definition: FormDefinition = serde_json::from_str(&stored.definition)
        .context("stored definition")
        .map_err(|error| Failure::permanent(&error))?;
    let receipt = Receipt::build(&stored, &definition, state.config.time_zone, None);
    match kind {
        MailKind::SubmissionReceived => {
            confirmation(mailer, recipient, &receipt).map_err(|error| Failure::permanent(&error))
        }
        MailKind::BookingActivation
        | MailKind::BookingConfirmed
        | MailKind::BookingMoved
        | MailKind::BookingReminder
        | MailKind::BookingCancelled => Err(Failure::permanent(&anyhow::anyhow!(
            "a booking message without its booking"
        ))),
        MailKind::StatusChanged => {
            let event = job
                .event_id
                .as_deref()
                .context("a status message without its status change")
                .map_err(|error| Failure::permanent(&error))?;
            let (status, message) = db::submissions::fetch_optional_event(&state.db, event)
                .await
                .map_err(transient)?
                .context("the status change no longer exists")
                .map_err(|error| Failure::permanent(&error))?;
            status_changed(mailer, recipient, &receipt, status, message.as_deref())
                .map_err(|error| Failure::permanent(&error))
        }
    }
}

/// A new status of a submission, with the case worker's message: plain text only (it carries
/// no image), and still no answers or access code.
fn status_changed(
    mailer: &Mailer,
    to: Mailbox,
    receipt: &Receipt,
    status: shared::api::ProcessingStatus,
    message: Option<&str>,
) -> anyhow::Result<Message> {
    let words = words(receipt.lang);
    let label = status.label(receipt.lang);
    let subject = format!("{} {}: {label}", words.new_status, receipt.reference);
    let status_page = mailer.public_url.as_ref().map_or_else(
        || words.status_page.to_owned(),
        |url| format!("{url}{}", words.status_path),
    );
    let mut text = format!(
        "{}\n\n{}\n\n{}: {label}\n",
        words.greeting,
        words
            .status_intro
            .replace("{form}", &receipt.form_title)
            .replace("{reference}", &receipt.reference),
        words.status_label,
    );
    if let Some(message) = message {
        text.push_str(&format!("\n{}:\n{message}\n", words.message_label));
    }
    text.push_str(&format!(
        "\n{} {status_page}\n\n{}\n",
        words.status, words.closing
    ));
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .singlepart(SinglePart::plain(text))
        .context("cannot build the e-mail")
}

/// The confirmation of a submission: plain text and HTML, with the GiroCode as an inline image
/// when there is a fee.
fn confirmation(mailer: &Mailer, to: Mailbox, receipt: &Receipt) -> anyhow::Result<Message> {
    let words = words(receipt.lang);
    let texts = receipt.texts();
    let subject = format!(
        "{} {}: {}",
        texts.title, receipt.reference, receipt.form_title
    );
    let status_page = mailer.public_url.as_ref().map_or_else(
        || words.status_page.to_owned(),
        |url| format!("{url}{}", words.status_path),
    );
    let mut text = format!(
        "{}\n\n{}\n\n{}: {}\n{}: {}\n\n{} {}\n",
        words.greeting,
        words.received.replace("{form}", &receipt.form_title),
        texts.reference,
        receipt.reference,
        texts.received_at,
        receipt.received_at,
        words.status,
        status_page,
    );
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body><p>{greeting}</p><p>{received}</p>\
         <table role=\"presentation\"><tr><th scope=\"row\" align=\"left\">{reference_label}</th><td>{reference}</td></tr>\
         <tr><th scope=\"row\" align=\"left\">{received_label}</th><td>{received_at}</td></tr></table>\
         <p>{status} {status_page}</p>",
        lang = receipt.lang.tag(),
        subject = escape(&subject),
        greeting = escape(words.greeting),
        received = escape(&words.received.replace("{form}", &receipt.form_title)),
        reference_label = escape(texts.reference),
        reference = escape(&receipt.reference),
        received_label = escape(texts.received_at),
        received_at = escape(&receipt.received_at),
        status = escape(words.status),
        status_page = escape(&status_page),
    );
    let mut image = None;
    if let Some(payment) = &receipt.payment {
        text.push_str(&format!(
            "\n{}\n{}: {}\n{}: {}\nIBAN: {}\n{}: {}\n",
            words.pay,
            texts.amount,
            payment.amount,
            texts.recipient,
            payment.recipient,
            payment.iban,
            texts.remittance,
            payment.remittance,
        ));
        html.push_str(&format!(
            "<h2>{fee}</h2><p>{pay}</p><table role=\"presentation\">\
             <tr><th scope=\"row\" align=\"left\">{amount_label}</th><td>{amount}</td></tr>\
             <tr><th scope=\"row\" align=\"left\">{recipient_label}</th><td>{recipient}</td></tr>\
             <tr><th scope=\"row\" align=\"left\">IBAN</th><td>{iban}</td></tr>\
             <tr><th scope=\"row\" align=\"left\">{remittance_label}</th><td>{remittance}</td></tr></table>",
            fee = escape(texts.fee),
            pay = escape(words.pay),
            amount_label = escape(texts.amount),
            amount = escape(&payment.amount),
            recipient_label = escape(texts.recipient),
            recipient = escape(&payment.recipient),
            iban = escape(&payment.iban),
            remittance_label = escape(texts.remittance),
            remittance = escape(&payment.remittance),
        ));
        if let Some(code) = &payment.giro_code {
            text.push_str(&format!("\n{}\n", words.giro_code_in_html));
            html.push_str(&format!(
                "<p><img src=\"cid:girocode\" width=\"180\" height=\"180\" alt=\"{alt}\"></p><p>{alt}</p>",
                alt = escape(texts.giro_code),
            ));
            image = Some(crate::payment::png(code, 6));
        }
    }
    text.push_str(&format!("\n{}\n", words.closing));
    html.push_str(&format!("<p>{}</p></body></html>", escape(words.closing)));
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(text))
        .singlepart(SinglePart::html(html));
    let body = match image {
        Some(png) => MultiPart::related().multipart(alternative).singlepart(
            Attachment::new_inline("girocode".to_owned()).body(
                png,
                ContentType::parse("image/png").context("content type")?,
            ),
        ),
        None => alternative,
    };
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .multipart(body)
        .context("cannot build the e-mail")
}

/// The e-mail's own sentences.
struct Words {
    greeting: &'static str,
    /// `{form}` is replaced by the form's title.
    received: &'static str,
    status: &'static str,
    status_page: &'static str,
    status_path: &'static str,
    pay: &'static str,
    giro_code_in_html: &'static str,
    closing: &'static str,
    new_status: &'static str,
    /// `{form}` and `{reference}` are replaced.
    status_intro: &'static str,
    status_label: &'static str,
    message_label: &'static str,
}

fn words(lang: shared::Lang) -> &'static Words {
    const GERMAN: Words = Words {
        greeting: "Guten Tag,",
        received: "vielen Dank. Ihr Antrag „{form}“ ist bei uns eingegangen.",
        status: "Den Bearbeitungsstand sehen Sie mit dem Aktenzeichen und dem Zugangscode von der \
                 Bestätigungsseite (er steht auch in der PDF-Eingangsbestätigung) unter:",
        status_page: "„Bearbeitungsstand“ im Bürgerportal",
        status_path: "/bearbeitungsstand",
        pay: "Bitte überweisen Sie die Gebühr:",
        giro_code_in_html: "Den GiroCode für Ihre Banking-App finden Sie in der HTML-Ansicht dieser E-Mail \
                            und in der PDF-Eingangsbestätigung.",
        closing: "Diese E-Mail wurde automatisch erstellt. Bitte antworten Sie nicht darauf.",
        new_status: "Neuer Stand zu Ihrem Antrag",
        status_intro: "es gibt einen neuen Stand zu Ihrem Antrag „{form}“ mit dem Aktenzeichen {reference}.",
        status_label: "Stand",
        message_label: "Nachricht der Sachbearbeitung",
    };
    const ENGLISH: Words = Words {
        greeting: "Hello,",
        received: "thank you. We have received your application \"{form}\".",
        status: "To see the processing status, use the reference number and the access code from \
                 the confirmation page (it is also in the PDF receipt) at:",
        status_page: "\"Processing status\" on the portal",
        status_path: "/bearbeitungsstand",
        pay: "Please transfer the fee:",
        giro_code_in_html: "The GiroCode for your banking app is in the HTML view of this e-mail and \
                            in the PDF receipt.",
        closing: "This e-mail was created automatically. Please do not reply to it.",
        new_status: "New status of your application",
        status_intro: "there is news about your application \"{form}\" with the reference number {reference}.",
        status_label: "Status",
        message_label: "Message from the case worker",
    };
    match lang {
        shared::Lang::En => &ENGLISH,
        shared::Lang::De | shared::Lang::EasyGerman => &GERMAN,
    }
}

/// Text as HTML content or attribute value.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_six_hours() {
        let minutes: Vec<i64> = (1..=11).map(|n| retry_delay_ms(n) / 60_000).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS), 6 * 60 * 60 * 1000);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape("<b>\"Tom\" & 'Jerry'</b>"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }
}
