//! Texts of the appointment booking (the booking bundle, `/termine`), in German and English;
//! Leichte Sprache falls back to German. Kept apart from [`super::Msg`] so the citizen bundle
//! links only [`book_link`], not the booking texts.

use shared::{CalendarDate, Lang};

/// The link text that leads from a service page or the start page into the booking.
pub fn book_link(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Book an appointment",
        _ => "Termin vereinbaren",
    }
}

/// The start page's link into the booking.
pub fn start_link(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Book an appointment",
        _ => "Termin buchen",
    }
}

/// A text of the booking pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingText {
    PageTitle,
    ConcernsHeading,
    ConcernsLegend,
    ConcernsHint { max_items: u8 },
    CountHint { max: u8 },
    ChooseConcern,
    TooManyItems { max: u8 },
    CountOutOfRange { max: u8 },
    ChecklistHeading,
    ChecklistIntro,
    DocumentsHeading,
    NoDocuments,
    FeesHeading,
    FeesTotal,
    FeesVary,
    NoFees,
    LocationHeading,
    LocationLegend,
    AnyLocation,
    AnyLocationHint,
    Duration { minutes: u16 },
    Accessibility,
    Directions,
    ChooseLocation,
    NoCommonLocation,
    TimeHeading,
    ShowList,
    ShowCalendar,
    PreviousMonth,
    NextMonth,
    FreeTimes(usize),
    NoFreeDaysInMonth,
    NoFreeDaysAtAll,
    LoadingTimes,
    TimesOn(String),
    ChooseDayFirst,
    Holding,
    HeldUntil(String),
    ContactHeading,
    YourAppointment,
    Name,
    Email,
    Phone,
    PrivacyAcknowledge,
    PrivacyLink,
    EnterName,
    NameTooLong,
    EnterEmail,
    PhoneInvalid,
    ConfirmPrivacy,
    SubmitRequest,
    SendingRequest,
    SentHeading,
    SentText { email: String, minutes: u32 },
    SentOnlyAfterClick,
    Activating,
    ActivateHeading,
    BookedHeading,
    BookingCode,
    BookingCodeHint,
    QrAlt(String),
    Date,
    Time,
    DurationLabel,
    Location,
    Concerns,
    Status,
    Minutes(u16),
    Clock(String),
    AddToCalendar,
    CalendarFailed,
    ManageLinkInMail,
    LinkExpired,
    LinkInvalid,
    BookAgain,
    ManageHeading,
    MoveButton,
    CancelButton,
    CancelQuestion,
    CancelWarning,
    CancelYes,
    CancelNo,
    CancelledHeading,
    MoveHeading,
    MoveAbort,
    Moved(String),
    NotChangeable { hours: u16 },
}

impl BookingText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let english = lang == Lang::En;
        let pick = |de: &str, en: &str| if english { en } else { de }.to_owned();
        match self {
            Self::PageTitle => pick("Termin vereinbaren", "Book an appointment"),
            Self::ConcernsHeading => pick("Anliegen wählen", "Choose your concerns"),
            Self::ConcernsLegend => pick(
                "Wofür brauchen Sie einen Termin?",
                "What do you need an appointment for?",
            ),
            Self::ConcernsHint { max_items } => {
                if english {
                    format!(
                        "Enter how many of each you need, e.g. 2 for two identity cards. At most {max_items} in one appointment."
                    )
                } else {
                    format!(
                        "Geben Sie an, wie oft Sie jede Leistung brauchen, z. B. 2 für zwei Personalausweise. Höchstens {max_items} Anliegen je Termin."
                    )
                }
            }
            Self::CountHint { max } => {
                if english {
                    format!("0 to {max}")
                } else {
                    format!("0 bis {max}")
                }
            }
            Self::ChooseConcern => pick(
                "Wählen Sie mindestens ein Anliegen",
                "Choose at least one concern",
            ),
            Self::TooManyItems { max } => {
                if english {
                    format!("Choose at most {max} concerns for one appointment")
                } else {
                    format!("Wählen Sie höchstens {max} Anliegen für einen Termin")
                }
            }
            Self::CountOutOfRange { max } => {
                if english {
                    format!("Enter a number from 0 to {max}")
                } else {
                    format!("Geben Sie eine Zahl von 0 bis {max} ein")
                }
            }
            Self::ChecklistHeading => pick("Was Sie mitbringen müssen", "What to bring"),
            Self::ChecklistIntro => pick(
                "Bitte bringen Sie zum Termin mit:",
                "Please bring to the appointment:",
            ),
            Self::DocumentsHeading => pick("Unterlagen", "Documents"),
            Self::NoDocuments => pick(
                "Für diese Anliegen sind keine Unterlagen angegeben.",
                "No documents are listed for these concerns.",
            ),
            Self::FeesHeading => pick("Gebühren", "Fees"),
            Self::FeesTotal => pick("Summe", "Total"),
            Self::FeesVary => pick(
                "Dazu kommen Gebühren, deren Höhe erst vor Ort feststeht.",
                "Fees whose amount is set at the office come on top.",
            ),
            Self::NoFees => pick(
                "Für diese Anliegen sind keine Gebühren angegeben.",
                "No fees are listed for these concerns.",
            ),
            Self::LocationHeading => pick("Standort wählen", "Choose a location"),
            Self::LocationLegend => pick(
                "Wo möchten Sie Ihren Termin wahrnehmen?",
                "Where would you like to go?",
            ),
            Self::AnyLocation => pick("Beliebiger Standort", "Any location"),
            Self::AnyLocationHint => pick(
                "Sie sehen die freien Zeiten aller passenden Standorte.",
                "You see the free times of every suitable location.",
            ),
            Self::Duration { minutes } => {
                if english {
                    format!("Duration: about {minutes} minutes")
                } else {
                    format!("Dauer: etwa {minutes} Minuten")
                }
            }
            Self::Accessibility => pick("Barrierefreiheit", "Accessibility"),
            Self::Directions => pick("Anfahrt", "Directions"),
            Self::ChooseLocation => pick("Wählen Sie einen Standort", "Choose a location"),
            Self::NoCommonLocation => pick(
                "Kein Standort bietet alle gewählten Anliegen an. Bitte wählen Sie weniger Anliegen und vereinbaren Sie für die übrigen einen weiteren Termin.",
                "No location offers all the chosen concerns. Please choose fewer and book another appointment for the rest.",
            ),
            Self::TimeHeading => pick("Tag und Uhrzeit wählen", "Choose a day and time"),
            Self::ShowList => pick("Als Liste anzeigen", "Show as a list"),
            Self::ShowCalendar => pick("Als Kalender anzeigen", "Show as a calendar"),
            Self::PreviousMonth => pick("Vorheriger Monat", "Previous month"),
            Self::NextMonth => pick("Nächster Monat", "Next month"),
            Self::FreeTimes(count) => match (count, english) {
                (0, false) => "keine freien Zeiten".to_owned(),
                (0, true) => "no free times".to_owned(),
                (1, false) => "1 freie Zeit".to_owned(),
                (1, true) => "1 free time".to_owned(),
                (count, false) => format!("{count} freie Zeiten"),
                (count, true) => format!("{count} free times"),
            },
            Self::NoFreeDaysInMonth => pick(
                "In diesem Monat ist kein Termin mehr frei.",
                "No appointment is free in this month.",
            ),
            Self::NoFreeDaysAtAll => pick(
                "Zurzeit ist kein Termin frei. Bitte versuchen Sie es später erneut.",
                "No appointment is free at the moment. Please try again later.",
            ),
            Self::LoadingTimes => pick("Freie Zeiten werden geladen …", "Loading free times …"),
            Self::TimesOn(date) => {
                if english {
                    format!("Free times on {date}")
                } else {
                    format!("Freie Zeiten am {date}")
                }
            }
            Self::ChooseDayFirst => pick(
                "Wählen Sie einen Tag, um die freien Uhrzeiten zu sehen.",
                "Choose a day to see its free times.",
            ),
            Self::Holding => pick(
                "Der Termin wird für Sie reserviert …",
                "Reserving the appointment for you …",
            ),
            Self::HeldUntil(time) => {
                if english {
                    format!("This appointment is reserved for you until {time}.")
                } else {
                    format!("Dieser Termin ist für Sie reserviert bis {time} Uhr.")
                }
            }
            Self::ContactHeading => pick("Ihre Kontaktdaten", "Your contact details"),
            Self::YourAppointment => pick("Ihr Termin", "Your appointment"),
            Self::Name => pick("Vor- und Nachname", "First and last name"),
            Self::Email => pick("E-Mail-Adresse", "Email address"),
            Self::Phone => pick(
                "Telefonnummer für Rückfragen (freiwillig)",
                "Telephone number for questions (optional)",
            ),
            Self::PrivacyAcknowledge => pick(
                "Ich habe die Datenschutzhinweise gelesen.",
                "I have read the privacy notice.",
            ),
            Self::PrivacyLink => pick(
                "Datenschutzhinweise lesen (öffnet in einem neuen Fenster)",
                "Read the privacy notice (opens in a new window)",
            ),
            Self::EnterName => pick("Geben Sie Ihren Namen an", "Enter your name"),
            Self::NameTooLong => pick(
                "Der Name darf höchstens 200 Zeichen lang sein",
                "The name can be at most 200 characters long",
            ),
            Self::EnterEmail => pick(
                "Geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.de",
                "Enter a valid email address, e.g. name@example.com",
            ),
            Self::PhoneInvalid => pick(
                "Geben Sie die Telefonnummer nur mit Ziffern an, z. B. 030 123456 oder +49 30 123456",
                "Enter the telephone number with digits only, e.g. 030 123456 or +49 30 123456",
            ),
            Self::ConfirmPrivacy => pick(
                "Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben",
                "Confirm that you have read the privacy notice",
            ),
            Self::SubmitRequest => pick("Termin verbindlich anfragen", "Request the appointment"),
            Self::SendingRequest => pick("Ihre Anfrage wird gesendet …", "Sending your request …"),
            Self::SentHeading => pick(
                "Fast geschafft: Bitte bestätigen Sie Ihren Termin",
                "Almost done: please confirm your appointment",
            ),
            Self::SentText { email, minutes } => {
                if english {
                    format!("We have sent a link to {email}. It is valid for {minutes} minutes.")
                } else {
                    format!(
                        "Wir haben einen Link an {email} geschickt. Er ist {minutes} Minuten gültig."
                    )
                }
            }
            Self::SentOnlyAfterClick => pick(
                "Der Termin gilt erst, wenn Sie den Link anklicken. Klicken Sie ihn nicht rechtzeitig an, wird der Termin wieder für andere frei.",
                "The appointment only counts once you click the link. If you do not click it in time, the time is free for others again.",
            ),
            Self::Activating => pick(
                "Ihr Termin wird bestätigt …",
                "Confirming your appointment …",
            ),
            Self::ActivateHeading => pick("Termin bestätigen", "Confirm your appointment"),
            Self::BookedHeading => pick("Ihr Termin ist gebucht", "Your appointment is booked"),
            Self::BookingCode => pick("Buchungscode", "Booking code"),
            Self::BookingCodeHint => pick(
                "Zeigen Sie den Code oder den QR-Code am Standort vor.",
                "Show the code or the QR code at the location.",
            ),
            Self::QrAlt(code) => {
                if english {
                    format!("QR code of the booking code {code}")
                } else {
                    format!("QR-Code des Buchungscodes {code}")
                }
            }
            Self::Date => pick("Datum", "Date"),
            Self::Time => pick("Uhrzeit", "Time"),
            Self::DurationLabel => pick("Dauer", "Duration"),
            Self::Location => pick("Standort", "Location"),
            Self::Concerns => pick("Anliegen", "Concerns"),
            Self::Status => pick("Stand", "Status"),
            Self::Minutes(minutes) => {
                if english {
                    format!("{minutes} minutes")
                } else {
                    format!("{minutes} Minuten")
                }
            }
            Self::Clock(time) => {
                if english {
                    time
                } else {
                    format!("{time} Uhr")
                }
            }
            Self::AddToCalendar => pick(
                "Termin in den Kalender übernehmen (.ics)",
                "Add the appointment to your calendar (.ics)",
            ),
            Self::CalendarFailed => pick(
                "Die Kalenderdatei konnte nicht geladen werden. Bitte versuchen Sie es erneut.",
                "The calendar file could not be loaded. Please try again.",
            ),
            Self::ManageLinkInMail => pick(
                "Den Link zum Verschieben oder Absagen finden Sie in der Bestätigungs-E-Mail.",
                "You find the link to move or cancel the appointment in the confirmation email.",
            ),
            Self::LinkExpired => pick(
                "Der Link ist abgelaufen, und der Termin ist wieder frei. Bitte vereinbaren Sie einen neuen Termin.",
                "The link has run out and the time is free again. Please book a new appointment.",
            ),
            Self::LinkInvalid => pick(
                "Dieser Link ist ungültig oder wurde schon benutzt.",
                "This link is not valid or has already been used.",
            ),
            Self::BookAgain => pick("Neuen Termin vereinbaren", "Book a new appointment"),
            Self::ManageHeading => pick("Ihr Termin", "Your appointment"),
            Self::MoveButton => pick("Termin verschieben", "Move the appointment"),
            Self::CancelButton => pick("Termin absagen", "Cancel the appointment"),
            Self::CancelQuestion => pick("Wirklich absagen?", "Really cancel?"),
            Self::CancelWarning => pick(
                "Der Termin wird für andere freigegeben. Das lässt sich nicht rückgängig machen.",
                "The time is given to others. This cannot be undone.",
            ),
            Self::CancelYes => pick("Ja, Termin absagen", "Yes, cancel the appointment"),
            Self::CancelNo => pick("Nein, Termin behalten", "No, keep the appointment"),
            Self::CancelledHeading => {
                pick("Ihr Termin ist abgesagt", "Your appointment is cancelled")
            }
            Self::MoveHeading => pick(
                "Neuen Tag und neue Uhrzeit wählen",
                "Choose a new day and time",
            ),
            Self::MoveAbort => pick("Nicht verschieben", "Do not move"),
            Self::Moved(when) => {
                if english {
                    format!("Your appointment has been moved to {when}.")
                } else {
                    format!("Ihr Termin ist verschoben auf {when}.")
                }
            }
            Self::NotChangeable { hours } => {
                if english {
                    format!(
                        "Appointments can be moved or cancelled online until {hours} hours before they start. Please contact the location directly:"
                    )
                } else {
                    format!(
                        "Termine können bis {hours} Stunden vor Beginn online verschoben oder abgesagt werden. Bitte wenden Sie sich direkt an den Standort:"
                    )
                }
            }
        }
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub use shared::i18n::weekday_name;

/// "Dezember 2026".
pub fn month_title(first: CalendarDate, lang: Lang) -> String {
    let names = if lang == Lang::En {
        &MONTHS_EN
    } else {
        &MONTHS_DE
    };
    let month = names[usize::from(first.month().saturating_sub(1)) % 12];
    format!("{month} {}", first.year())
}

/// "Montag, 7. Dezember 2026" / "Monday, 7 December 2026".
pub fn long_date(date: CalendarDate, lang: Lang) -> String {
    let weekday = weekday_name(date.weekday(), lang);
    let month = month_title(date, lang);
    if lang == Lang::En {
        format!("{weekday}, {} {month}", date.day())
    } else {
        format!("{weekday}, {}. {month}", date.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        text.parse().expect("a date")
    }

    #[test]
    fn dates_read_with_weekday_and_month_name() {
        assert_eq!(date("1970-01-01").weekday(), 3);
        assert_eq!(
            long_date(date("2026-12-07"), Lang::De),
            "Montag, 7. Dezember 2026"
        );
        assert_eq!(
            long_date(date("2026-03-01"), Lang::En),
            "Sunday, 1 March 2026"
        );
        assert_eq!(
            long_date(date("2026-03-01"), Lang::EasyGerman),
            "Sonntag, 1. März 2026"
        );
    }

    #[test]
    fn counts_and_clock_times_read_naturally() {
        assert_eq!(BookingText::FreeTimes(1).text(Lang::De), "1 freie Zeit");
        assert_eq!(BookingText::FreeTimes(4).text(Lang::En), "4 free times");
        assert_eq!(
            BookingText::Clock("09:00".into()).text(Lang::De),
            "09:00 Uhr"
        );
        assert_eq!(book_link(Lang::De), "Termin vereinbaren");
    }
}
