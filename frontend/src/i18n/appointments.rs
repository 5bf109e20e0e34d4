//! Texts of the staff's appointment pages: the appointment day and the locations (German and
//! English; Leichte Sprache falls back to German, as in the rest of the staff area).

use shared::Lang;

/// A text of the appointment pages for staff and admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentText {
    FiguresHeading,
    FiguresBooked,
    FiguresOnline,
    FiguresCheckedIn,
    FiguresCancelled,
    PrivacyBookingsCaption,
    DayHeading,
    NoLocations,
    Location,
    Date,
    PreviousDay,
    NextDay,
    CheckInHeading,
    BookingCode,
    BookingCodeHint,
    CheckIn,
    EnterCode,
    CheckedIn,
    /// Monday 0 to Sunday 6.
    Weekday(usize),
    Closed,
    OpenFrom,
    DownloadCsv,
    DownloadIcs,
    NoBookings,
    BookingsCaption,
    Time,
    Duration,
    MinutesShort,
    Concerns,
    Name,
    Contact,
    Status,
    Action,
    ByStaff,
    NoShow,
    NoShowDone,
    BookHeading,
    Concern,
    Service,
    Count,
    /// The most items of a service in one booking.
    CountRange(u8),
    ChooseService,
    Remove,
    AddConcern,
    Start,
    EnterStart,
    EnterName,
    EmailOptional,
    PhoneOptional,
    Book,
    Booked,
    CloseHeading,
    CloseWhat,
    WholeDay,
    PartOfDay,
    ClosedFrom,
    ClosedTo,
    EnterPart,
    Reason,
    EnterReason,
    Close,
    /// How many bookings the closure cancels.
    ConfirmClosure(usize),
    ConfirmClose,
    Abort,
    /// How many bookings a closure cancelled.
    Cancelled(u32),
    TimeInvalid,
    TimeMissing,
    TimeEndNotAfterStart,
    TimeOverlap,
    LocationsHeading,
    NoLocationsYet,
    NewLocation,
    BackToLocations,
    WhatCitizensSee,
    Slug,
    SlugHint,
    SlugInvalid,
    NameDe,
    NameEn,
    EnterLocationName,
    Street,
    EnterStreet,
    City,
    EnterCity,
    ChooseDepartment,
    AccessibilityDe,
    AccessibilityEn,
    DirectionsDe,
    DirectionsEn,
    ServicesHeading,
    MinutesPerItem,
    MinutesRange,
    MaxCount,
    MaxCountRange,
    AddService,
    WeeklyHeading,
    WeeklyHint,
    RulesHeading,
    DesksOnline,
    DesksStaff,
    StepMinutes,
    MinNoticeHours,
    MaxDaysAhead,
    CutoffHours,
    ReminderHours,
    EnterNumber,
    SaveLocation,
    LocationSaved,
    SpecialDaysHeading,
    SpecialDaysHint,
    NoSpecialDays,
    SpecialDay,
    Note,
    EnterDate,
    AddSpecialDay,
    SaveSpecialDays,
    SpecialDaysSaved,
}

/// The label of one time input of a day's hours, e.g. "Montag, 1. Zeitraum von": unique on the
/// page, so a screen reader's list of controls tells them apart.
pub fn interval_label(owner: &str, number: usize, to: bool, lang: Lang) -> String {
    match (lang, to) {
        (Lang::En, false) => format!("{owner}, period {number} from"),
        (Lang::En, true) => format!("{owner}, period {number} to"),
        (_, false) => format!("{owner}, {number}. Zeitraum von"),
        (_, true) => format!("{owner}, {number}. Zeitraum bis"),
    }
}

impl AppointmentText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let (de, en_text): (&str, &str) = match self {
            Self::Weekday(day) => (
                shared::i18n::weekday_name(day, Lang::De),
                shared::i18n::weekday_name(day, Lang::En),
            ),
            Self::CountRange(max) => {
                return if en {
                    format!("Enter a number from 1 to {max}.")
                } else {
                    format!("Bitte geben Sie eine Anzahl von 1 bis {max} ein.")
                };
            }
            Self::ConfirmClosure(count) => {
                return match (en, count) {
                    (true, 1) => {
                        "1 appointment will be cancelled and the citizen notified.".to_owned()
                    }
                    (true, _) => {
                        format!("{count} appointments will be cancelled and the citizens notified.")
                    }
                    (false, 1) => {
                        "1 Termin wird abgesagt und die Bürgerin oder der Bürger benachrichtigt."
                            .to_owned()
                    }
                    (false, _) => format!(
                        "{count} Termine werden abgesagt und die Bürger*innen benachrichtigt."
                    ),
                };
            }
            Self::Cancelled(count) => {
                return match (en, count) {
                    (true, 1) => "1 appointment cancelled.".to_owned(),
                    (true, _) => format!("{count} appointments cancelled."),
                    (false, 1) => "1 Termin abgesagt.".to_owned(),
                    (false, _) => format!("{count} Termine abgesagt."),
                };
            }
            Self::FiguresHeading => (
                "Termine je Monat und Standort",
                "Appointments per month and location",
            ),
            Self::FiguresBooked => ("Gebucht", "Booked"),
            Self::FiguresOnline => ("davon online", "of them online"),
            Self::FiguresCheckedIn => ("Erschienen", "Came"),
            Self::FiguresCancelled => ("Abgesagt", "Cancelled"),
            Self::PrivacyBookingsCaption => (
                "Termine mit dieser E-Mail-Adresse",
                "Appointments with this e-mail address",
            ),
            Self::DayHeading => ("Termine", "Appointments"),
            Self::NoLocations => (
                "Ihnen ist kein Standort mit Terminvergabe zugeordnet.",
                "No location with appointments is assigned to you.",
            ),
            Self::Location => ("Standort", "Location"),
            Self::Date => ("Datum", "Date"),
            Self::PreviousDay => ("Vorheriger Tag", "Previous day"),
            Self::NextDay => ("Nächster Tag", "Next day"),
            Self::CheckInHeading => ("Ankunft erfassen", "Check in"),
            Self::BookingCode => ("Buchungscode", "Booking code"),
            Self::BookingCodeHint => (
                "Code eintippen oder den QR-Code der Bestätigung scannen, z. B. K7M2-QX9D.",
                "Type the code or scan the QR code of the confirmation, e.g. K7M2-QX9D.",
            ),
            Self::CheckIn => ("Einchecken", "Check in"),
            Self::EnterCode => (
                "Bitte geben Sie den Buchungscode ein.",
                "Enter the booking code.",
            ),
            Self::CheckedIn => ("Eingecheckt:", "Checked in:"),
            Self::Closed => ("Geschlossen", "Closed"),
            Self::OpenFrom => ("Geöffnet:", "Open:"),
            Self::DownloadCsv => ("Tag als CSV", "Day as CSV"),
            Self::DownloadIcs => ("Tag als iCalendar", "Day as iCalendar"),
            Self::NoBookings => (
                "An diesem Tag gibt es keine Termine.",
                "There are no appointments on this day.",
            ),
            Self::BookingsCaption => ("Termine am", "Appointments on"),
            Self::Time => ("Uhrzeit", "Time"),
            Self::Duration => ("Dauer", "Duration"),
            Self::MinutesShort => ("Min.", "min"),
            Self::Concerns => ("Anliegen", "Concerns"),
            Self::Name => ("Name", "Name"),
            Self::Contact => ("Telefon / E-Mail", "Phone / e-mail"),
            Self::Status => ("Status", "Status"),
            Self::Action => ("Aktion", "Action"),
            Self::ByStaff => ("vor Ort gebucht", "booked by staff"),
            Self::NoShow => ("Nicht erschienen", "Did not come"),
            Self::NoShowDone => ("Als nicht erschienen vermerkt:", "Marked as not come:"),
            Self::BookHeading => ("Termin vor Ort buchen", "Book an appointment for a citizen"),
            Self::Concern => ("Anliegen", "Concern"),
            Self::Service => ("Leistung", "Service"),
            Self::Count => ("Anzahl", "Number"),
            Self::ChooseService => ("Bitte wählen Sie eine Leistung.", "Choose a service."),
            Self::Remove => ("entfernen", "remove"),
            Self::AddConcern => ("Weiteres Anliegen", "Add a concern"),
            Self::Start => ("Beginn", "Start"),
            Self::EnterStart => ("Bitte geben Sie den Beginn an.", "Enter the start time."),
            Self::EnterName => ("Bitte geben Sie den Namen an.", "Enter the name."),
            Self::EmailOptional => (
                "E-Mail-Adresse (freiwillig, für die Bestätigung)",
                "E-mail address (optional, for the confirmation)",
            ),
            Self::PhoneOptional => ("Telefon (freiwillig)", "Phone (optional)"),
            Self::Book => ("Termin buchen", "Book appointment"),
            Self::Booked => ("Termin gebucht:", "Appointment booked:"),
            Self::CloseHeading => ("Schließen", "Close"),
            Self::CloseWhat => ("Was wird geschlossen?", "What closes?"),
            Self::WholeDay => ("Der ganze Tag", "The whole day"),
            Self::PartOfDay => ("Ein Zeitraum des Tages", "Part of the day"),
            Self::ClosedFrom => ("Geschlossen von", "Closed from"),
            Self::ClosedTo => ("Geschlossen bis", "Closed until"),
            Self::EnterPart => (
                "Bitte geben Sie an, von wann bis wann geschlossen ist.",
                "Enter from when until when it is closed.",
            ),
            Self::Reason => (
                "Grund (wird den Bürger*innen mitgeteilt)",
                "Reason (told to the citizens)",
            ),
            Self::EnterReason => (
                "Bitte geben Sie einen Grund an (höchstens 500 Zeichen).",
                "Enter a reason (at most 500 characters).",
            ),
            Self::Close => ("Schließen …", "Close …"),
            Self::ConfirmClose => ("Ja, schließen", "Yes, close"),
            Self::Abort => ("Abbrechen", "Cancel"),
            Self::TimeInvalid => (
                "Bitte geben Sie eine Uhrzeit im 5-Minuten-Takt an, z. B. 08:30.",
                "Enter a time on the 5-minute grid, e.g. 08:30.",
            ),
            Self::TimeMissing => (
                "Bitte geben Sie Beginn und Ende an.",
                "Enter both the start and the end.",
            ),
            Self::TimeEndNotAfterStart => (
                "Das Ende muss nach dem Beginn liegen.",
                "The end must be after the start.",
            ),
            Self::TimeOverlap => (
                "Der Zeitraum muss nach dem vorigen enden und beginnen.",
                "The period must start after the previous one ends.",
            ),
            Self::LocationsHeading => ("Standorte", "Locations"),
            Self::NoLocationsYet => ("Es gibt noch keinen Standort.", "There is no location yet."),
            Self::NewLocation => ("Neuer Standort", "New location"),
            Self::BackToLocations => ("Zurück zu den Standorten", "Back to the locations"),
            Self::WhatCitizensSee => ("Was Bürger*innen sehen", "What citizens see"),
            Self::Slug => ("URL-Name", "URL name"),
            Self::SlugHint => (
                "Kleinbuchstaben, Ziffern und Bindestriche, z. B. buergerbuero-mitte; später nicht änderbar.",
                "Lower-case letters, digits and hyphens, e.g. buergerbuero-mitte; cannot change later.",
            ),
            Self::SlugInvalid => (
                "Bitte geben Sie einen URL-Namen aus Kleinbuchstaben, Ziffern und Bindestrichen an.",
                "Enter a URL name of lower-case letters, digits and hyphens.",
            ),
            Self::NameDe => ("Name (Deutsch)", "Name (German)"),
            Self::NameEn => ("Name (Englisch)", "Name (English)"),
            Self::EnterLocationName => (
                "Bitte geben Sie den deutschen Namen an.",
                "Enter the German name.",
            ),
            Self::Street => ("Straße und Hausnummer", "Street and number"),
            Self::EnterStreet => (
                "Bitte geben Sie Straße und Hausnummer an.",
                "Enter the street and number.",
            ),
            Self::City => ("Postleitzahl und Ort", "Postcode and town"),
            Self::EnterCity => (
                "Bitte geben Sie Postleitzahl und Ort an.",
                "Enter the postcode and town.",
            ),
            Self::ChooseDepartment => (
                "Bitte wählen Sie das zuständige Amt.",
                "Choose the department.",
            ),
            Self::AccessibilityDe => ("Barrierefreiheit (Deutsch)", "Accessibility (German)"),
            Self::AccessibilityEn => ("Barrierefreiheit (Englisch)", "Accessibility (English)"),
            Self::DirectionsDe => ("Anfahrt (Deutsch)", "Directions (German)"),
            Self::DirectionsEn => ("Anfahrt (Englisch)", "Directions (English)"),
            Self::ServicesHeading => ("Angebotene Leistungen", "Services offered"),
            Self::MinutesPerItem => ("Minuten je Vorgang", "Minutes per item"),
            Self::MinutesRange => (
                "Bitte geben Sie 5 bis 240 Minuten im 5-Minuten-Takt an.",
                "Enter 5 to 240 minutes in steps of 5.",
            ),
            Self::MaxCount => ("Höchstzahl je Buchung", "Most items per booking"),
            Self::MaxCountRange => (
                "Bitte geben Sie eine Zahl von 1 bis 10 an.",
                "Enter a number from 1 to 10.",
            ),
            Self::AddService => ("Weitere Leistung", "Add a service"),
            Self::WeeklyHeading => ("Öffnungszeiten je Wochentag", "Opening hours per weekday"),
            Self::WeeklyHint => (
                "Bis zu zwei Zeiträume je Tag; ein Tag ohne Zeiten ist geschlossen.",
                "Up to two periods a day; a day without times is closed.",
            ),
            Self::RulesHeading => ("Schalter und Buchungsregeln", "Desks and booking rules"),
            Self::DesksOnline => ("Schalter für Online-Buchungen", "Desks for online bookings"),
            Self::DesksStaff => (
                "Weitere Schalter nur für Buchungen durch Mitarbeitende",
                "Further desks only for bookings by staff",
            ),
            Self::StepMinutes => (
                "Abstand der Startzeiten (Minuten)",
                "Minutes between start times",
            ),
            Self::MinNoticeHours => ("Mindestvorlauf (Stunden)", "Minimum notice (hours)"),
            Self::MaxDaysAhead => (
                "Buchbar im Voraus (Tage, 1 bis 365)",
                "Bookable ahead (days, 1 to 365)",
            ),
            Self::CutoffHours => (
                "Online änderbar bis (Stunden vor dem Termin)",
                "Changeable online until (hours before)",
            ),
            Self::ReminderHours => (
                "Erinnerung (Stunden vor dem Termin, 0 = keine)",
                "Reminder (hours before, 0 = none)",
            ),
            Self::EnterNumber => (
                "Bitte geben Sie eine ganze Zahl an.",
                "Enter a whole number.",
            ),
            Self::SaveLocation => ("Standort speichern", "Save location"),
            Self::LocationSaved => ("Der Standort ist gespeichert.", "The location is saved."),
            Self::SpecialDaysHeading => ("Sondertage", "Special days"),
            Self::SpecialDaysHint => (
                "Feiertage, Schließtage und besondere Öffnungszeiten. Ohne Zeiten ist an dem Tag geschlossen. Termine außerhalb der neuen Zeiten werden abgesagt und die Bürger*innen benachrichtigt.",
                "Holidays, closures and special hours. Without times the day is closed. Appointments outside the new hours are cancelled and the citizens notified.",
            ),
            Self::NoSpecialDays => ("Keine Sondertage eingetragen.", "No special days."),
            Self::SpecialDay => ("Sondertag", "Special day"),
            Self::Note => ("Anlass", "Occasion"),
            Self::EnterDate => ("Bitte geben Sie ein Datum an.", "Enter a date."),
            Self::AddSpecialDay => ("Sondertag hinzufügen", "Add a special day"),
            Self::SaveSpecialDays => ("Sondertage speichern", "Save special days"),
            Self::SpecialDaysSaved => (
                "Die Sondertage sind gespeichert.",
                "The special days are saved.",
            ),
        };
        if en { en_text } else { de }.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_counts_read_naturally() {
        assert_eq!(
            AppointmentText::ConfirmClosure(3).text(Lang::De),
            "3 Termine werden abgesagt und die Bürger*innen benachrichtigt."
        );
        assert_eq!(
            AppointmentText::Cancelled(1).text(Lang::En),
            "1 appointment cancelled."
        );
        assert_eq!(
            interval_label("Montag", 1, false, Lang::De),
            "Montag, 1. Zeitraum von"
        );
    }
}
