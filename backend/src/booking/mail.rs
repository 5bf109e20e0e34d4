//! The e-mails about appointments: the activation link (double opt-in), the confirmation with
//! the calendar file, the booking code as a QR code and the manage link, the confirmation of a
//! move, the reminder and the cancellation. Rendered by the outbox worker from what is stored
//! when it sends; the links' secrets come from the outbox row, which forgets them once sent.

use anyhow::Context;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use shared::Lang;

use super::Details;
use crate::app::AppState;
use crate::config::Config;
use crate::db;
use crate::db::appointments::{Handle, StoredBooking};
use crate::db::outbox::{MailJob, MailKind};

/// Why a message about a booking cannot be made now.
#[derive(Debug)]
pub(crate) enum ComposeError {
    /// The database did not answer; try again later.
    Transient(String),
    /// It will never work (the booking is gone, a link is missing).
    Permanent(anyhow::Error),
}

/// The address links in e-mails start with: `BP_PUBLIC_URL`, or the local server.
pub(crate) fn base_url(config: &Config) -> String {
    config.public_url.as_ref().map_or_else(
        || format!("http://localhost:{}", config.port),
        |url| url.trim_end_matches('/').to_owned(),
    )
}

/// The message for a claimed job about a booking.
pub(crate) async fn compose(
    state: &AppState,
    from: &Mailbox,
    job: &MailJob,
    kind: MailKind,
    to: Mailbox,
) -> Result<Message, ComposeError> {
    let id = job
        .booking_id
        .as_deref()
        .context("a booking message without a booking")
        .map_err(ComposeError::Permanent)?;
    let booking = db::appointments::fetch_optional_booking(&state.db, Handle::Id(id))
        .await
        .map_err(|error| ComposeError::Transient(error.to_string()))?
        .context("the booking no longer exists")
        .map_err(ComposeError::Permanent)?;
    let details = Details::load(state, &booking)
        .await
        .map_err(|error| ComposeError::Transient(error.to_string()))?;
    let link = |page: &str| {
        job.link_token
            .as_ref()
            .map(|token| format!("{}{page}#{token}", base_url(&state.config)))
    };
    let mail = Mail::new(state, &booking, &details);
    let message = match kind {
        MailKind::BookingActivation => {
            let link = link("/termine/aktivieren")
                .context("an activation message without its link")
                .map_err(ComposeError::Permanent)?;
            mail.activation(&link)
        }
        MailKind::BookingConfirmed | MailKind::BookingMoved => {
            mail.confirmation(kind == MailKind::BookingMoved, link("/termine/verwalten"))
        }
        MailKind::BookingReminder => mail.reminder(),
        MailKind::BookingCancelled => mail.cancelled(),
        MailKind::SubmissionReceived | MailKind::StatusChanged => {
            return Err(ComposeError::Permanent(anyhow::anyhow!(
                "a submission message about a booking"
            )));
        }
    };
    let (subject, body) = message;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(body)
        .context("cannot build the e-mail")
        .map_err(ComposeError::Permanent)
}

struct Mail<'a> {
    state: &'a AppState,
    booking: &'a StoredBooking,
    details: &'a Details,
    lang: Lang,
}

impl<'a> Mail<'a> {
    fn new(state: &'a AppState, booking: &'a StoredBooking, details: &'a Details) -> Self {
        Self {
            state,
            booking,
            details,
            lang: details.lang,
        }
    }

    fn de_en(&self, de: &str, en: &str) -> String {
        if self.lang == Lang::En { en } else { de }.to_owned()
    }

    /// "Montag, 07.12.2026, 09:00 Uhr"
    fn when(&self) -> String {
        let date = self.booking.placement.date;
        let start = self.booking.placement.start;
        let time = format!("{:02}:{:02}", start / 60, start % 60);
        let weekday = shared::i18n::weekday_name(date.weekday(), self.lang);
        if self.lang == Lang::En {
            format!("{weekday}, {date}, {time}")
        } else {
            format!("{weekday}, {}, {time} Uhr", date.to_german())
        }
    }

    /// The facts of the appointment, one per line.
    fn facts(&self) -> String {
        let mut lines = vec![
            format!("{}: {}", self.de_en("Termin", "Appointment"), self.when()),
            format!(
                "{}: {} {}",
                self.de_en("Dauer", "Duration"),
                self.booking.placement.minutes,
                self.de_en("Minuten", "minutes")
            ),
            format!(
                "{}: {}, {}",
                self.de_en("Ort", "Place"),
                self.details.location_name(),
                self.details.address()
            ),
            format!(
                "{}: {}",
                self.de_en("Buchungscode", "Booking code"),
                self.booking.code.grouped()
            ),
            format!("{}:", self.de_en("Anliegen", "Concerns")),
        ];
        for line in self.details.concern_lines(&self.booking.concerns) {
            lines.push(format!("  - {line}"));
        }
        lines.join("\n")
    }

    fn greeting(&self) -> String {
        let name = self.booking.name.as_deref().unwrap_or_default();
        if self.lang == Lang::En {
            format!("Hello {name},")
        } else {
            format!("Guten Tag {name},")
        }
    }

    fn closing(&self) -> String {
        self.de_en(
            "Mit freundlichen Grüßen\nIhre Stadtverwaltung",
            "Kind regards\nYour city administration",
        )
    }

    fn plain(text: String) -> MultiPart {
        MultiPart::mixed().singlepart(SinglePart::plain(text))
    }

    fn activation(&self, link: &str) -> (String, MultiPart) {
        let minutes = self.state.config.booking_activation_minutes;
        let subject = self.de_en(
            "Bitte bestätigen Sie Ihren Termin",
            "Please confirm your appointment",
        );
        let text = format!(
            "{}\n\n{}\n\n{link}\n\n{}\n\n{}\n\n{}\n",
            self.greeting(),
            self.de_en(
                &format!(
                    "Sie haben einen Termin reserviert. Er gilt erst, wenn Sie ihn mit diesem Link innerhalb von {minutes} Minuten bestätigen:"
                ),
                &format!(
                    "You have reserved an appointment. It only counts once you confirm it with this link within {minutes} minutes:"
                ),
            ),
            self.facts(),
            self.de_en(
                "Wenn Sie keinen Termin reserviert haben, ignorieren Sie diese E-Mail; die Reservierung verfällt dann.",
                "If you did not reserve an appointment, ignore this e-mail; the reservation then lapses.",
            ),
            self.closing(),
        );
        (subject, Self::plain(text))
    }

    fn documents(&self) -> String {
        let (documents, _) = self.details.checklist(&self.booking.concerns);
        if documents.is_empty() {
            return String::new();
        }
        let mut text = format!(
            "{}\n",
            self.de_en("Bitte bringen Sie mit:", "Please bring:")
        );
        for document in documents {
            text.push_str(&format!("  - {}\n", document.get(self.lang)));
        }
        text
    }

    fn calendar(&self) -> Option<SinglePart> {
        let entry = self.details.calendar_entry(self.state, self.booking);
        let ics = super::ics::calendar(&self.details.location_name(), &[entry]);
        let content_type =
            ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH").ok()?;
        Some(Attachment::new("termin.ics".to_owned()).body(ics.into_bytes(), content_type))
    }

    fn confirmation(&self, moved: bool, manage_link: Option<String>) -> (String, MultiPart) {
        let subject = format!(
            "{} {}: {}",
            if moved {
                self.de_en("Termin verschoben", "Appointment moved")
            } else {
                self.de_en("Terminbestätigung", "Appointment confirmed")
            },
            self.booking.code.grouped(),
            self.when()
        );
        let cutoff = self.details.config.cutoff_hours;
        let manage = manage_link.map_or_else(String::new, |link| {
            format!(
                "{}\n{link}\n",
                self.de_en(
                    &format!(
                        "Verschieben oder absagen können Sie den Termin bis {cutoff} Stunden vorher hier:"
                    ),
                    &format!("You can move or cancel the appointment until {cutoff} hours before here:"),
                )
            )
        });
        let intro = if moved {
            self.de_en(
                "Ihr Termin wurde verschoben.",
                "Your appointment was moved.",
            )
        } else {
            self.de_en("Ihr Termin ist gebucht.", "Your appointment is booked.")
        };
        let code_note = self.de_en(
            "Zeigen Sie den Buchungscode oder den QR-Code im Anhang bei der Anmeldung vor Ort vor.",
            "Show the booking code or the attached QR code when you arrive.",
        );
        let text = format!(
            "{}\n\n{intro}\n\n{}\n\n{}\n{code_note}\n\n{manage}\n{}\n",
            self.greeting(),
            self.facts(),
            self.documents(),
            self.closing(),
        );
        let mut body = MultiPart::mixed().singlepart(SinglePart::plain(text));
        if let Some(calendar) = self.calendar() {
            body = body.singlepart(calendar);
        }
        if let (Some(png), Ok(content_type)) = (
            super::code_png(self.booking.code.as_str()),
            ContentType::parse("image/png"),
        ) {
            body = body.singlepart(
                Attachment::new(format!("buchungscode-{}.png", self.booking.code.as_str()))
                    .body(png, content_type),
            );
        }
        (subject, body)
    }

    fn reminder(&self) -> (String, MultiPart) {
        let subject = format!(
            "{}: {}",
            self.de_en("Erinnerung an Ihren Termin", "Reminder of your appointment"),
            self.when()
        );
        let text = format!(
            "{}\n\n{}\n\n{}\n\n{}\n{}\n\n{}\n",
            self.greeting(),
            self.de_en(
                "wir erinnern Sie an Ihren Termin:",
                "this is a reminder of your appointment:"
            ),
            self.facts(),
            self.documents(),
            self.de_en(
                "Wenn Sie nicht kommen können, sagen Sie den Termin bitte über den Link in Ihrer Bestätigungs-E-Mail ab, damit andere ihn nutzen können.",
                "If you cannot come, please cancel with the link in your confirmation e-mail so that others can use the time.",
            ),
            self.closing(),
        );
        (subject, Self::plain(text))
    }

    fn cancelled(&self) -> (String, MultiPart) {
        let subject = format!(
            "{}: {}",
            self.de_en("Termin abgesagt", "Appointment cancelled"),
            self.when()
        );
        let reason = self.booking_reason();
        let text = format!(
            "{}\n\n{}\n\n{}\n{}\n{}\n{}/termine\n\n{}\n",
            self.greeting(),
            self.de_en(
                "Ihr Termin wurde abgesagt:",
                "Your appointment has been cancelled:"
            ),
            self.facts(),
            reason.map_or_else(String::new, |reason| format!(
                "\n{}: {reason}\n",
                self.de_en("Grund", "Reason")
            )),
            self.de_en(
                "Einen neuen Termin können Sie hier buchen:",
                "You can book a new appointment here:"
            ),
            base_url(&self.state.config),
            self.closing(),
        );
        let mut body = Self::plain(text);
        if let Some(calendar) = self.calendar() {
            body = body.singlepart(calendar);
        }
        (subject, body)
    }

    fn booking_reason(&self) -> Option<String> {
        self.booking
            .cancel_reason
            .clone()
            .filter(|reason| !reason.is_empty())
    }
}
