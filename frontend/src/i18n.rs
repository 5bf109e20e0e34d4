//! User-interface texts in German (default) and English, and the language context.
//!
//! Form content (titles, labels, messages) comes localized from the server as
//! [`shared::LocalizedText`]; this module only holds the app's own chrome texts. The chosen
//! language is kept in `localStorage` so it survives reloads.

use shared::Lang;
use yew::prelude::*;

use crate::browser;

#[cfg(not(feature = "citizen-bundle"))]
pub mod appointments;
pub mod booking;

/// The site name; a proper noun, the same in both languages.
pub const SITE_NAME: &str = "Bürgerportal Musterstadt";

/// A text of the app's own interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    SkipLink,
    /// The name of a language, in that language (for the language switch).
    LanguageName(Lang),
    StartIntro,
    StatusHeading,
    PrivacyHeading,
    PrivacyAcknowledge,
    PaymentHeading,
    PaymentIntro,
    PaymentAmount,
    PaymentRecipient,
    PaymentRemittance,
    GiroCodeLabel,
    DraftRestored,
    DraftMigrated,
    DiscardDraft,
    DraftSaved,
    StatusIntro,
    StatusLink,
    ReferenceInputLabel,
    AccessCodeLabel,
    EnterReference,
    EnterAccessCode,
    ShowStatus,
    CurrentStatus,
    StatusHistory,
    StatusName(shared::api::ProcessingStatus),
    AccessCodeLabelConfirmation,
    AccessCodeHint,
    ReceiptDownload,
    /// The editor's preview does not send.
    PreviewNotSent,
    ReceiptPreparing,
    ReceiptFailed,
    /// "Eine Bestätigung geht an …" (followed by the address).
    ConfirmationMailTo,
    FormsHeading,
    SearchLabel,
    SearchHint,
    SearchButton,
    TopicsHeading,
    AllServicesHeading,
    SearchResultsHeading,
    /// "3 Leistungen gefunden".
    ResultCount(usize),
    /// "3 Leistungen" (in a topic).
    ServiceCount(usize),
    NoResults,
    AvailabilityOnline,
    AvailabilityPartly,
    AvailabilityInPerson,
    ApplyOnline,
    AppointmentNeeded,
    DescriptionHeading,
    WhoMayApplyHeading,
    DocumentsHeading,
    FeesHeading,
    ProcessingTimeHeading,
    DeadlinesHeading,
    LegalBasisHeading,
    ResponsibleHeading,
    OpeningHours,
    PhoneLabel,
    EmailLabel,
    Free,
    AllServicesLink,
    Loading,
    LoadFailed,
    NoForms,
    StepOf {
        step: usize,
        total: usize,
    },
    Continue,
    Back,
    ErrorSummaryHeading,
    ErrorPrefix,
    Optional,
    Day,
    Month,
    Year,
    PleaseSelect,
    CheckAnswersHeading,
    Change,
    NotAnswered,
    Yes,
    No,
    SendAnswers,
    Sending,
    ConfirmationHeading,
    ReferenceLabel,
    ReferenceHint,
    BackToStart,
    StaffLoginHeading,
    StaffLoginLink,
    Email,
    Password,
    SignIn,
    EnterEmail,
    EnterPassword,
    StaffHomeHeading,
    StaffFormsCaption,
    ColumnForm,
    ColumnVersion,
    ColumnCount,
    ColumnExport,
    Download,
    SignOut,
    SignedInAs,
    TotpCode,
    NotFoundHeading,
    NotFoundText,
    Imprint,
    Privacy,
    AccessibilityStatement,
    DigitalStatusHeading,
    DigitalStatusIntro,
    DigitalStatusCaption,
    ColumnServiceName,
    ColumnAvailability,
    FooterNavLabel,
    PlaceholderText,
    NetworkError,
    AddEntry,
    RemoveEntry,
    InfoPrefix,
    WarningPrefix,
    TimeHint,
    InEuro,
    NotYetCalculated,
    AllowedFileTypes,
    /// The file size and count limits of a file field.
    FileLimits {
        max_megabytes: u64,
        max_count: usize,
    },
    RemoveFile,
    DismissMessage,
    Uploading,
    UploadedSuffix,
    FileCountReached,
    ChooseFiles,
}

impl Msg {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let (de, en): (&str, &str) = match self {
            Self::SkipLink => ("Zum Inhalt springen", "Skip to content"),
            Self::LanguageName(name) => {
                return match name {
                    Lang::De => "Deutsch",
                    Lang::En => "English",
                    Lang::EasyGerman => "Leichte Sprache",
                }
                .to_owned();
            }
            Self::StartIntro => (
                "Hier erledigen Sie Anliegen bei der Stadtverwaltung online, ohne Termin und ohne Papier.",
                "Here you can deal with the city administration online, without an appointment and without paper.",
            ),
            Self::FormsHeading => ("Online-Anträge", "Online services"),
            Self::StatusHeading => (
                "Bearbeitungsstand abfragen",
                "Check the status of an application",
            ),
            Self::PaymentHeading => ("Gebühr bezahlen", "Pay the fee"),
            Self::PrivacyHeading => ("Datenschutzhinweise", "Privacy notice"),
            Self::PrivacyAcknowledge => (
                "Ich habe die Datenschutzhinweise gelesen.",
                "I have read the privacy notice.",
            ),
            Self::PaymentIntro => (
                "Überweisen Sie den Betrag mit diesem Verwendungszweck. Viele Banking-Apps lesen alle Angaben aus dem GiroCode: Scannen Sie ihn mit der App.",
                "Transfer the amount with this payment reference. Many banking apps read all details from the GiroCode: scan it with the app.",
            ),
            Self::PaymentAmount => ("Betrag", "Amount"),
            Self::PaymentRecipient => ("Empfänger", "Recipient"),
            Self::PaymentRemittance => ("Verwendungszweck", "Payment reference"),
            Self::GiroCodeLabel => ("GiroCode für die Überweisung", "GiroCode for the transfer"),
            Self::DraftRestored => (
                "Ihre Angaben vom letzten Besuch sind wiederhergestellt.",
                "Your answers from your last visit have been restored.",
            ),
            Self::DraftMigrated => (
                "Das Formular wurde inzwischen geändert. Ihre Angaben, die noch passen, haben wir übernommen. Prüfen Sie bitte alle Seiten.",
                "The form has changed since. We kept your answers that still fit. Please check every page.",
            ),
            Self::DiscardDraft => ("Verwerfen und neu beginnen", "Discard and start again"),
            Self::DraftSaved => (
                "Entwurf gespeichert: Ihre Angaben bleiben auf diesem Gerät, bis Sie sie absenden.",
                "Draft saved: your answers stay on this device until you send them.",
            ),
            Self::StatusIntro => (
                "Geben Sie das Aktenzeichen und den Zugangscode aus Ihrer Eingangsbestätigung ein.",
                "Enter the reference number and the access code from your confirmation.",
            ),
            Self::StatusLink => (
                "Bearbeitungsstand abfragen",
                "Check the status of an application",
            ),
            Self::ReferenceInputLabel => ("Aktenzeichen", "Reference number"),
            Self::AccessCodeLabel => ("Zugangscode", "Access code"),
            Self::EnterReference => (
                "Geben Sie das Aktenzeichen ein",
                "Enter the reference number",
            ),
            Self::EnterAccessCode => ("Geben Sie den Zugangscode ein", "Enter the access code"),
            Self::ShowStatus => ("Stand anzeigen", "Show status"),
            Self::CurrentStatus => ("Aktueller Stand", "Current status"),
            Self::StatusHistory => ("Verlauf", "History"),
            Self::StatusName(status) => {
                return status.label(lang).to_owned();
            }
            Self::AccessCodeLabelConfirmation => ("Ihr Zugangscode", "Your access code"),
            Self::AccessCodeHint => (
                "Mit Aktenzeichen und Zugangscode sehen Sie jederzeit, wie weit Ihr Antrag ist. Notieren Sie beides: Der Zugangscode wird nicht noch einmal angezeigt.",
                "With the reference number and access code you can see at any time how far your application is. Write both down: the access code is not shown again.",
            ),
            Self::PreviewNotSent => (
                "Vorschau: Hier wird nichts gesendet. Alle Prüfungen waren erfolgreich.",
                "Preview: nothing is sent here. All checks passed.",
            ),
            Self::ReceiptDownload => (
                "Eingangsbestätigung herunterladen (PDF)",
                "Download the confirmation of receipt (PDF)",
            ),
            Self::ReceiptPreparing => (
                "Die Eingangsbestätigung wird erstellt …",
                "Preparing the confirmation of receipt …",
            ),
            Self::ReceiptFailed => (
                "Die Eingangsbestätigung konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.",
                "The confirmation of receipt could not be created. Please try again.",
            ),
            Self::ConfirmationMailTo => (
                "Eine Bestätigung mit dem Aktenzeichen schicken wir per E-Mail an:",
                "We are sending a confirmation with the reference number by email to:",
            ),
            Self::SearchLabel => ("Wonach suchen Sie?", "What are you looking for?"),
            Self::SearchHint => (
                "Zum Beispiel: Personalausweis, Umzug, Sperrmüll",
                "For example: ID card, moving house, bulky waste",
            ),
            Self::SearchButton => ("Suchen", "Search"),
            Self::TopicsHeading => ("Lebenslagen", "Topics"),
            Self::AllServicesHeading => ("Alle Leistungen von A bis Z", "All services from A to Z"),
            Self::SearchResultsHeading => ("Suchergebnisse", "Search results"),
            Self::ResultCount(count) | Self::ServiceCount(count) => {
                let found = matches!(self, Self::ResultCount(_));
                return match (lang, count, found) {
                    (Lang::En, 1, true) => "1 service found".to_owned(),
                    (Lang::En, _, true) => format!("{count} services found"),
                    (Lang::En, 1, false) => "1 service".to_owned(),
                    (Lang::En, _, false) => format!("{count} services"),
                    (_, 1, true) => "1 Leistung gefunden".to_owned(),
                    (_, _, true) => format!("{count} Leistungen gefunden"),
                    (_, 1, false) => "1 Leistung".to_owned(),
                    (_, _, false) => format!("{count} Leistungen"),
                };
            }
            Self::NoResults => (
                "Keine Leistung gefunden. Versuchen Sie ein anderes Wort oder wählen Sie eine Lebenslage.",
                "No service found. Try another word or choose a topic.",
            ),
            Self::DigitalStatusHeading => ("Digitalisierungsstand", "Digital services status"),
            Self::DigitalStatusIntro => (
                "Welche Leistungen der Stadt Sie vollständig online erledigen können, welche teilweise und welche nur vor Ort.",
                "Which of the city's services you can do fully online, which partly, and which only in person.",
            ),
            Self::DigitalStatusCaption => (
                "Alle Leistungen und wie Sie sie erledigen können",
                "All services and how you can do them",
            ),
            Self::ColumnServiceName => ("Leistung", "Service"),
            Self::ColumnAvailability => ("Online verfügbar", "Available online"),
            Self::AvailabilityOnline => ("Vollständig online", "Fully online"),
            Self::AvailabilityPartly => ("Teilweise online", "Partly online"),
            Self::AvailabilityInPerson => ("Nur vor Ort", "In person only"),
            Self::ApplyOnline => ("Online beantragen", "Apply online"),
            Self::AppointmentNeeded => (
                "Für diese Leistung kommen Sie bitte persönlich vorbei. Vereinbaren Sie vorher einen Termin.",
                "For this service, please come in person. Make an appointment first.",
            ),
            Self::DescriptionHeading => ("Beschreibung", "Description"),
            Self::WhoMayApplyHeading => ("Wer kann das beantragen?", "Who can apply?"),
            Self::DocumentsHeading => ("Was Sie brauchen", "What you need"),
            Self::FeesHeading => ("Kosten", "Fees"),
            Self::ProcessingTimeHeading => ("Bearbeitungsdauer", "Processing time"),
            Self::DeadlinesHeading => ("Fristen", "Deadlines"),
            Self::LegalBasisHeading => ("Rechtsgrundlage", "Legal basis"),
            Self::ResponsibleHeading => ("Zuständige Stelle", "Responsible office"),
            Self::OpeningHours => ("Öffnungszeiten", "Opening hours"),
            Self::PhoneLabel => ("Telefon", "Telephone"),
            Self::EmailLabel => ("E-Mail", "Email"),
            Self::Free => ("kostenlos", "free of charge"),
            Self::AllServicesLink => ("Alle Leistungen von A bis Z", "All services from A to Z"),
            Self::Loading => ("Wird geladen …", "Loading …"),
            Self::LoadFailed => (
                "Die Daten konnten nicht geladen werden. Versuchen Sie es später erneut.",
                "The data could not be loaded. Try again later.",
            ),
            Self::NoForms => (
                "Zurzeit gibt es keine Online-Anträge.",
                "There are no online services at the moment.",
            ),
            Self::StepOf { step, total } => {
                return match lang {
                    Lang::De | Lang::EasyGerman => format!("Schritt {step} von {total}"),
                    Lang::En => format!("Step {step} of {total}"),
                };
            }
            Self::Continue => ("Weiter", "Continue"),
            Self::Back => ("Zurück", "Back"),
            Self::ErrorSummaryHeading => ("Es gibt ein Problem", "There is a problem"),
            Self::ErrorPrefix => ("Fehler:", "Error:"),
            Self::Optional => ("(optional)", "(optional)"),
            Self::Day => ("Tag", "Day"),
            Self::Month => ("Monat", "Month"),
            Self::Year => ("Jahr", "Year"),
            Self::PleaseSelect => ("Bitte auswählen", "Please select"),
            Self::CheckAnswersHeading => ("Prüfen Sie Ihre Angaben", "Check your answers"),
            Self::Change => ("Ändern", "Change"),
            Self::NotAnswered => ("Nicht angegeben", "Not provided"),
            Self::Yes => ("Ja", "Yes"),
            Self::No => ("Nein", "No"),
            Self::SendAnswers => ("Angaben absenden", "Send answers"),
            Self::Sending => ("Ihre Angaben werden gesendet …", "Sending your answers …"),
            Self::ConfirmationHeading => (
                "Ihre Angaben sind eingegangen",
                "Your answers have been received",
            ),
            Self::ReferenceLabel => ("Ihr Aktenzeichen", "Your reference number"),
            Self::ReferenceHint => (
                "Notieren Sie sich das Aktenzeichen. Geben Sie es bei Rückfragen an.",
                "Write down the reference number. Quote it if you contact us.",
            ),
            Self::BackToStart => ("Zur Startseite", "Back to the start page"),
            Self::StaffLoginHeading => ("Anmeldung für Mitarbeitende", "Staff sign-in"),
            Self::StaffLoginLink => ("Anmeldung für Mitarbeitende", "Staff sign-in"),
            Self::Email => ("E-Mail-Adresse", "Email address"),
            Self::Password => ("Passwort", "Password"),
            Self::SignIn => ("Anmelden", "Sign in"),
            Self::EnterEmail => (
                "Geben Sie Ihre E-Mail-Adresse ein",
                "Enter your email address",
            ),
            Self::EnterPassword => ("Geben Sie Ihr Passwort ein", "Enter your password"),
            Self::StaffHomeHeading => ("Eingegangene Anträge", "Received applications"),
            Self::StaffFormsCaption => (
                "Formulare und Anzahl der Eingänge",
                "Forms and number of submissions",
            ),
            Self::ColumnForm => ("Formular", "Form"),
            Self::ColumnVersion => ("Version", "Version"),
            Self::ColumnCount => ("Eingänge", "Submissions"),
            Self::ColumnExport => ("Export", "Export"),
            Self::Download => ("herunterladen", "download"),
            Self::SignOut => ("Abmelden", "Sign out"),
            Self::SignedInAs => ("Angemeldet als", "Signed in as"),
            Self::TotpCode => (
                "Code aus Ihrer Authenticator-App (6 Ziffern)",
                "Code from your authenticator app (6 digits)",
            ),
            Self::NotFoundHeading => ("Seite nicht gefunden", "Page not found"),
            Self::NotFoundText => (
                "Die Adresse ist falsch oder die Seite gibt es nicht mehr.",
                "The address is wrong or the page no longer exists.",
            ),
            Self::Imprint => ("Impressum", "Legal notice"),
            Self::Privacy => ("Datenschutz", "Privacy"),
            Self::AccessibilityStatement => {
                ("Erklärung zur Barrierefreiheit", "Accessibility statement")
            }
            Self::FooterNavLabel => ("Rechtliches", "Legal"),
            Self::PlaceholderText => (
                "Der Inhalt dieser Seite wird von der Stadtverwaltung gepflegt.",
                "The content of this page is maintained by the city administration.",
            ),
            Self::NetworkError => (
                "Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
                "The server cannot be reached. Check your internet connection and try again.",
            ),
            Self::AddEntry => ("Eintrag hinzufügen", "Add entry"),
            Self::RemoveEntry => ("Eintrag entfernen", "Remove entry"),
            Self::InfoPrefix => ("Hinweis:", "Note:"),
            Self::WarningPrefix => ("Warnung:", "Warning:"),
            Self::TimeHint => ("Zum Beispiel: 14:30", "For example: 14:30"),
            Self::InEuro => ("in Euro", "in euros"),
            Self::NotYetCalculated => (
                "Wird berechnet, sobald die nötigen Angaben gemacht sind.",
                "Calculated once the answers it needs are given.",
            ),
            Self::AllowedFileTypes => ("Erlaubte Dateiformate:", "Allowed file types:"),
            Self::FileLimits {
                max_megabytes,
                max_count,
            } => {
                return match (lang, max_count) {
                    (Lang::En, 1) => format!("One file, at most {max_megabytes} MB."),
                    (Lang::En, _) => {
                        format!("Up to {max_count} files, each at most {max_megabytes} MB.")
                    }
                    (_, 1) => format!("Eine Datei, höchstens {max_megabytes} MB groß."),
                    (_, _) => format!(
                        "Bis zu {max_count} Dateien, jede höchstens {max_megabytes} MB groß."
                    ),
                };
            }
            Self::RemoveFile => ("Entfernen", "Remove"),
            Self::DismissMessage => ("Meldung schließen", "Close message"),
            Self::Uploading => ("Wird hochgeladen", "Uploading"),
            Self::UploadedSuffix => ("wurde hochgeladen", "has been uploaded"),
            Self::FileCountReached => (
                "Mehr Dateien sind hier nicht möglich. Entfernen Sie eine, um eine andere hochzuladen.",
                "No more files are possible here. Remove one to upload another.",
            ),
            Self::ChooseFiles => (
                "Sie können eine Datei wählen oder mit dem Handy ein Foto machen.",
                "You can choose a file or take a photo with your phone.",
            ),
        };
        match lang {
            Lang::De => de.to_owned(),
            Lang::EasyGerman => self.easy().unwrap_or(de).to_owned(),
            Lang::En => en.to_owned(),
        }
    }

    /// The Leichte Sprache text of the start page and the form flow (short sentences, common
    /// words, long words split with a hyphen); other texts fall back to German.
    fn easy(self) -> Option<&'static str> {
        Some(match self {
            Self::StartIntro => {
                "Hier können Sie Sachen bei der Stadt erledigen. Das geht im Internet. Sie brauchen keinen Termin."
            }
            Self::SearchLabel => "Was möchten Sie erledigen?",
            Self::SearchHint => "Zum Beispiel: Ausweis, Umzug, Sperr-Müll",
            Self::TopicsHeading => "Themen",
            Self::FormsHeading => "Anträge im Internet",
            Self::StatusLink => "Nachsehen: Wie weit ist mein Antrag?",
            Self::Loading => "Bitte warten. Die Seite lädt.",
            Self::LoadFailed => {
                "Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal."
            }
            Self::ErrorSummaryHeading => "Da stimmt etwas nicht.",
            Self::Optional => "(freiwillig)",
            Self::CheckAnswersHeading => "Stimmt alles?",
            Self::NotAnswered => "Keine Angabe",
            Self::SendAnswers => "Abschicken",
            Self::Sending => "Wird geschickt. Bitte warten.",
            Self::ConfirmationHeading => "Danke! Wir haben Ihren Antrag bekommen.",
            Self::ReferenceLabel => "Ihre Nummer für den Antrag",
            Self::ReferenceHint => {
                "Schreiben Sie die Nummer auf. Sie brauchen die Nummer, wenn Sie uns etwas fragen."
            }
            Self::AccessCodeLabelConfirmation => "Ihr Geheim-Code",
            Self::AccessCodeHint => {
                "Mit der Nummer und dem Geheim-Code sehen Sie: So weit ist Ihr Antrag. Schreiben Sie beides auf. Wir zeigen den Code nur einmal."
            }
            Self::BackToStart => "Zurück zur Start-Seite",
            Self::DraftSaved => "Ihre Angaben sind auf diesem Gerät gespeichert.",
            Self::DraftRestored => "Ihre Angaben vom letzten Mal sind wieder da.",
            Self::DiscardDraft => "Löschen und neu anfangen",
            Self::PrivacyHeading => "Daten-Schutz",
            Self::PrivacyAcknowledge => "Ich habe die Hinweise zum Daten-Schutz gelesen.",
            Self::ReceiptDownload => "Bestätigung als Datei speichern (PDF)",
            Self::ReceiptPreparing => "Die Datei wird gemacht. Bitte warten.",
            Self::ConfirmationMailTo => {
                "Wir schicken Ihnen eine E-Mail mit der Nummer. An diese Adresse:"
            }
            Self::PaymentHeading => "So bezahlen Sie",
            Self::PaymentIntro => {
                "Überweisen Sie das Geld. Schreiben Sie den Verwendungs-Zweck dazu. Oder scannen Sie den Code mit Ihrer Bank-App."
            }
            Self::NoResults => {
                "Wir haben nichts gefunden. Versuchen Sie ein anderes Wort. Oder wählen Sie ein Thema."
            }
            _ => return None,
        })
    }
}

/// The current language and a way to change it; provided by [`LangProvider`].
#[derive(Debug, Clone, PartialEq)]
pub struct LangHandle {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The current language; German outside a [`LangProvider`] (as in host render tests).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangHandle>().map_or(Lang::De, |handle| handle.lang)
}

/// The language handle, to switch languages.
#[hook]
pub fn use_lang_handle() -> LangHandle {
    use_context::<LangHandle>().expect("use_lang_handle requires <LangProvider>")
}

#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    pub children: Html,
    /// A fixed starting language instead of the one stored on the device: the server renders
    /// a form's first view in German, with no device to ask.
    #[prop_or_default]
    pub initial: Option<Lang>,
}

/// Holds the language, restores it from `localStorage` and mirrors it to `<html lang>`.
#[component]
pub fn LangProvider(props: &LangProviderProps) -> Html {
    let initial = props.initial;
    let lang = use_state(|| initial.unwrap_or_else(|| browser::stored_lang().unwrap_or_default()));
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| browser::apply_lang(*lang));
    }
    let set = {
        let lang = lang.clone();
        Callback::from(move |new_lang: Lang| {
            browser::store_lang(new_lang);
            lang.set(new_lang);
        })
    };
    let handle = LangHandle { lang: *lang, set };
    html! {
        <ContextProvider<LangHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LangHandle>>
    }
}

/// `"<page> – Bürgerportal Musterstadt"`, prefixed with "Fehler: " while errors are shown.
pub fn document_title(page: &str, has_errors: bool, lang: Lang) -> String {
    let prefix = if has_errors {
        format!("{} ", Msg::ErrorPrefix.text(lang))
    } else {
        String::new()
    };
    format!("{prefix}{page} – {SITE_NAME}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_titles_get_the_prefix_in_each_language() {
        assert_eq!(
            document_title("Fundsache melden", true, Lang::De),
            "Fehler: Fundsache melden – Bürgerportal Musterstadt"
        );
        assert_eq!(
            document_title("Lost property", false, Lang::En),
            "Lost property – Bürgerportal Musterstadt"
        );
        assert_eq!(
            document_title("Lost property", true, Lang::En),
            "Error: Lost property – Bürgerportal Musterstadt"
        );
    }

    #[test]
    fn leichte_sprache_has_its_own_texts_and_falls_back_to_german() {
        assert_eq!(
            Msg::CheckAnswersHeading.text(Lang::EasyGerman),
            "Stimmt alles?"
        );
        assert_ne!(
            Msg::StartIntro.text(Lang::EasyGerman),
            Msg::StartIntro.text(Lang::De)
        );
        // Texts without their own version are the German ones.
        assert_eq!(
            Msg::StaffLoginHeading.text(Lang::EasyGerman),
            Msg::StaffLoginHeading.text(Lang::De)
        );
    }

    #[test]
    fn step_progress_counts_from_one() {
        assert_eq!(
            Msg::StepOf { step: 1, total: 2 }.text(Lang::De),
            "Schritt 1 von 2"
        );
        assert_eq!(
            Msg::StepOf { step: 2, total: 2 }.text(Lang::En),
            "Step 2 of 2"
        );
    }
}

/// Texts of the form editor (staff only: German and English; Leichte Sprache falls back to
/// German).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorText {
    Department,
    NoDepartment,
    DepartmentSaved,
    Retention,
    RetentionHint,
    SaveRetention,
    RetentionSaved,
    YourDepartments,
    AllDepartments,
    NoDepartments,
    PageUp,
    PageDown,
    OptionsEnglish,
    OptionsEasy,
    OptionsTranslationHint,
    ContentTextEnglish,
    ContentTextEasy,
    PageTitleEnglish,
    PageTitleEasy,
    ColumnDepartment,
    ImportReport,
    ImportNotes,
    Blocking,
    OpenDraft,
    CopyForm,
    ViewVersion,
    NewGroupField,
    RuleValueInvalid,
    Settings,
    Description,
    PrivacyNotice,
    ConfirmationEmail,
    FeeField,
    FeePurpose,
    OneQuestionPerPage,
    Nothing,
    Rules,
    AddRule,
    RuleKind,
    RuleValue,
    RuleMessage,
    RemoveRule,
    HintEnglish,
    HintEasy,
    NoRules,
    EditorHeading,
    DirectoryHeading,
    DirectoryCaption,
    ColumnStatus,
    ColumnService,
    ColumnChanged,
    StatusDraft,
    StatusArchived,
    StatusPublished,
    StatusChanged,
    NewForm,
    ImportJson,
    ImportJsonInvalid,
    ImportFim,
    ImportFimHint,
    Reloaded,
    Saved,
    SaveFirst,
    PublishedAs,
    ArchivedNotice,
    RestoredNotice,
    Unsaved,
    Reload,
    Undo,
    Redo,
    Save,
    Publish,
    Restore,
    Archive,
    Export,
    BackToDirectory,
    Preview,
    PreviewSize,
    Phone,
    Desktop,
    Versions,
    NoVersions,
    Version,
    ShowChanges,
    DraftChanges,
    PreviewNeedsNoErrors,
    NoChanges,
    ChangesBetween,
    Added,
    Removed,
    Changed,
    HasProblem,
    MoveUp,
    MoveDown,
    Duplicate,
    Delete,
    Page,
    PageTitle,
    NewField,
    Add,
    Outline,
    FormTitle,
    FormSlug,
    FormSlugHint,
    AddPage,
    Properties,
    SelectAField,
    Label,
    LabelEnglish,
    LabelEasy,
    Key,
    Hint,
    Required,
    RequiredIf,
    VisibleIf,
    Options,
    OptionsHint,
    MaxLength,
    FileTypes,
    FileTypesHint,
    MaxSizeMb,
    MaxCount,
    Expression,
    ContentText,
    MinItems,
    MaxItems,
    GroupFields,
    Check,
    NoProblems,
    Errors,
    Advice,
}

impl EditorText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let (de, en): (&str, &str) = match self {
            Self::PageUp => ("nach oben", "up"),
            Self::PageDown => ("nach unten", "down"),
            Self::OptionsEnglish => ("Auswahlmöglichkeiten auf Englisch", "Options in English"),
            Self::OptionsEasy => (
                "Auswahlmöglichkeiten in Leichter Sprache",
                "Options in Easy German",
            ),
            Self::OptionsTranslationHint => (
                "Eine Zeile je Möglichkeit, in derselben Reihenfolge; eine leere Zeile zeigt die deutsche Fassung.",
                "One line per option, in the same order; an empty line shows the German text.",
            ),
            Self::ContentTextEnglish => ("Text auf Englisch", "Text in English"),
            Self::ContentTextEasy => ("Text in Leichter Sprache", "Text in Easy German"),
            Self::PageTitleEnglish => ("Seitentitel auf Englisch", "Page title in English"),
            Self::PageTitleEasy => (
                "Seitentitel in Leichter Sprache",
                "Page title in Easy German",
            ),
            Self::ColumnDepartment => ("Fachbereich", "Department"),
            Self::ImportReport => ("Importbericht", "Import report"),
            Self::ImportNotes => ("Hinweise", "notes"),
            Self::Blocking => (
                "muss vor der Veröffentlichung gelöst werden",
                "must be resolved before publishing",
            ),
            Self::OpenDraft => ("Entwurf öffnen", "Open the draft"),
            Self::CopyForm => ("Formular kopieren", "Copy the form"),
            Self::ViewVersion => ("ansehen", "view"),
            Self::NewGroupField => ("Neues Feld in der Gruppe", "New field in the group"),
            Self::RuleValueInvalid => (
                "Dieser Wert passt nicht zur Art der Prüfregel",
                "This value does not fit the kind of rule",
            ),
            Self::Settings => ("Einstellungen des Formulars", "Form settings"),
            Self::Description => (
                "Einleitung (auf der ersten Seite)",
                "Introduction (on the first page)",
            ),
            Self::PrivacyNotice => (
                "Datenschutzhinweise (Art. 13 DSGVO; Absätze mit Leerzeile trennen)",
                "Privacy notice (Art. 13 GDPR; separate paragraphs with a blank line)",
            ),
            Self::ConfirmationEmail => ("Bestätigung per E-Mail an", "Confirmation e-mail to"),
            Self::FeeField => ("Gebühr aus dem Feld", "Fee from the field"),
            Self::FeePurpose => ("Verwendungszweck der Gebühr", "Purpose of the fee"),
            Self::OneQuestionPerPage => ("Eine Frage pro Seite", "One question per page"),
            Self::Department => (
                "Zuständiger Fachbereich (sieht die Anträge)",
                "Responsible department (sees the submissions)",
            ),
            Self::NoDepartment => (
                "Keiner (nur die Administration sieht die Anträge)",
                "None (only administrators see the submissions)",
            ),
            Self::DepartmentSaved => ("Fachbereich gespeichert.", "Department saved."),
            Self::Retention => (
                "Aufbewahrungsfrist in Tagen nach Abschluss",
                "Retention period in days after completion",
            ),
            Self::RetentionHint => (
                "Danach werden die Angaben, Dateien und Notizen eines abgeschlossenen oder abgelehnten Antrags automatisch gelöscht. Leer lassen: keine automatische Löschung.",
                "After it, the answers, files and notes of a completed or rejected submission are erased automatically. Leave empty: no automatic erasure.",
            ),
            Self::SaveRetention => ("Frist speichern", "Save the period"),
            Self::RetentionSaved => ("Aufbewahrungsfrist gespeichert.", "Retention period saved."),
            Self::YourDepartments => ("Ihre Fachbereiche:", "Your departments:"),
            Self::AllDepartments => (
                "Sie sehen die Anträge aller Fachbereiche (Administration).",
                "You see the submissions of all departments (administrator).",
            ),
            Self::NoDepartments => (
                "Sie gehören keinem Fachbereich an und sehen daher keine Anträge.",
                "You belong to no department, so you see no submissions.",
            ),
            Self::Nothing => ("(keins)", "(none)"),
            Self::Rules => ("Prüfregeln", "Rules"),
            Self::AddRule => ("Prüfregel hinzufügen", "Add a rule"),
            Self::RuleKind => ("Art der Prüfregel", "Kind of rule"),
            Self::RuleValue => ("Wert", "Value"),
            Self::RuleMessage => (
                "Eigene Fehlermeldung (optional)",
                "Own error message (optional)",
            ),
            Self::RemoveRule => ("Prüfregel entfernen", "Remove rule"),
            Self::HintEnglish => ("Hinweistext auf Englisch", "Hint in English"),
            Self::HintEasy => ("Hinweistext in Leichter Sprache", "Hint in Easy German"),
            Self::NoRules => ("Keine Prüfregeln.", "No rules."),
            Self::EditorHeading => ("Formular bearbeiten", "Edit form"),
            Self::DirectoryHeading => ("Formulare", "Forms"),
            Self::DirectoryCaption => (
                "Alle Formulare mit Stand, Leistung, letzter Änderung und Zahl der Anträge",
                "All forms with status, service, last change and number of applications",
            ),
            Self::ColumnStatus => ("Stand", "Status"),
            Self::ColumnService => ("Leistung", "Service"),
            Self::ColumnChanged => ("Zuletzt geändert", "Last changed"),
            Self::StatusDraft => ("Entwurf", "Draft"),
            Self::StatusArchived => ("Archiviert", "Archived"),
            Self::StatusPublished => ("Veröffentlicht, Version", "Published, version"),
            Self::StatusChanged => ("Entwurf geändert", "draft changed"),
            Self::NewForm => ("Neues Formular", "New form"),
            Self::ImportJson => (
                "Formular aus JSON-Datei importieren",
                "Import a form from a JSON file",
            ),
            Self::ImportJsonInvalid => (
                "Die Datei ist kein Formular im JSON-Format:",
                "The file is not a form in JSON format:",
            ),
            Self::ImportFim => (
                "FIM-Stammdatenschema importieren (XDatenfelder 2.0 oder 3.0.0)",
                "Import a FIM master data schema (XDatenfelder 2.0 or 3.0.0)",
            ),
            Self::ImportFimHint => (
                "Wählen Sie die XML-Datei des Schemas und, falls vorhanden, die genericode-Dateien seiner Codelisten.",
                "Choose the schema's XML file and, if there are any, the genericode files of its code lists.",
            ),
            Self::Reloaded => (
                "Der aktuelle Entwurf wurde geladen.",
                "The current draft was loaded.",
            ),
            Self::Saved => ("Entwurf gespeichert.", "Draft saved."),
            Self::SaveFirst => (
                "Speichern Sie den Entwurf, bevor Sie ihn veröffentlichen.",
                "Save the draft before you publish it.",
            ),
            Self::PublishedAs => ("Veröffentlicht als Version", "Published as version"),
            Self::ArchivedNotice => (
                "Das Formular ist archiviert: Es nimmt keine Anträge mehr an.",
                "The form is archived: it takes no more applications.",
            ),
            Self::RestoredNotice => (
                "Das Formular ist wieder aktiv.",
                "The form is active again.",
            ),
            Self::Unsaved => ("ungespeicherte Änderungen", "unsaved changes"),
            Self::Reload => (
                "Aktuellen Entwurf laden (meine Änderungen verwerfen)",
                "Load the current draft (discard my changes)",
            ),
            Self::Undo => ("Rückgängig", "Undo"),
            Self::Redo => ("Wiederholen", "Redo"),
            Self::Save => ("Speichern", "Save"),
            Self::Publish => ("Veröffentlichen", "Publish"),
            Self::Restore => ("Wieder aktivieren", "Restore"),
            Self::Archive => ("Archivieren", "Archive"),
            Self::Export => ("Als JSON exportieren", "Export as JSON"),
            Self::BackToDirectory => ("Zur Formularliste", "Back to the forms"),
            Self::Preview => ("Vorschau", "Preview"),
            Self::PreviewSize => ("Vorschau als", "Preview as"),
            Self::Phone => ("Telefon", "Phone"),
            Self::Desktop => ("Desktop", "Desktop"),
            Self::Versions => ("Versionen", "Versions"),
            Self::NoVersions => (
                "Noch keine Version veröffentlicht.",
                "No version published yet.",
            ),
            Self::Version => ("Version", "Version"),
            Self::ShowChanges => ("Änderungen anzeigen", "Show changes"),
            Self::DraftChanges => (
                "Änderungen des Entwurfs seit Version",
                "Changes of the draft since version",
            ),
            Self::PreviewNeedsNoErrors => (
                "Die Vorschau erscheint, sobald das Formular keine Fehler mehr hat.",
                "The preview appears once the form has no errors.",
            ),
            Self::NoChanges => ("Keine Änderungen.", "No changes."),
            Self::ChangesBetween => ("Änderungen von Version", "Changes from version"),
            Self::Added => ("Neu", "Added"),
            Self::Removed => ("Entfernt", "Removed"),
            Self::Changed => ("Geändert", "Changed"),
            Self::HasProblem => ("hat Fehler", "has errors"),
            Self::MoveUp => ("nach oben", "move up"),
            Self::MoveDown => ("nach unten", "move down"),
            Self::Duplicate => ("kopieren", "copy"),
            Self::Delete => ("löschen", "delete"),
            Self::Page => ("Seite", "Page"),
            Self::PageTitle => ("Seitentitel", "Page title"),
            Self::NewField => ("Neues Feld", "New field"),
            Self::Add => ("Hinzufügen", "Add"),
            Self::Outline => ("Aufbau", "Structure"),
            Self::FormTitle => ("Titel des Formulars", "Form title"),
            Self::FormSlug => ("Adresse (/formulare/…)", "Address (/formulare/…)"),
            Self::FormSlugHint => (
                "Kleinbuchstaben, Ziffern und Bindestriche; nach der ersten Veröffentlichung nicht mehr änderbar.",
                "Lower-case letters, digits and hyphens; fixed after the first publication.",
            ),
            Self::AddPage => ("Seite hinzufügen", "Add a page"),
            Self::Properties => ("Eigenschaften", "Properties"),
            Self::SelectAField => (
                "Wählen Sie im Aufbau ein Feld aus, um es zu bearbeiten.",
                "Choose a field in the structure to edit it.",
            ),
            Self::Label => ("Beschriftung", "Label"),
            Self::LabelEnglish => ("Beschriftung auf Englisch", "Label in English"),
            Self::LabelEasy => ("Beschriftung in Leichter Sprache", "Label in Easy German"),
            Self::Key => (
                "Schlüssel (Name der Angabe in Exporten)",
                "Key (name of the answer in exports)",
            ),
            Self::Hint => ("Hinweistext", "Hint"),
            Self::Required => ("Pflichtangabe", "Required"),
            Self::RequiredIf => ("Pflicht, wenn (Bedingung)", "Required if (condition)"),
            Self::VisibleIf => ("Anzeigen, wenn (Bedingung)", "Show if (condition)"),
            Self::Options => (
                "Auswahlmöglichkeiten (eine pro Zeile)",
                "Options (one per line)",
            ),
            Self::OptionsHint => (
                "Sie können viele Zeilen auf einmal einfügen. „wert = Bezeichnung“ legt den gespeicherten Wert fest.",
                "You can paste many lines at once. “value = label” sets the stored value.",
            ),
            Self::MaxLength => ("Höchstlänge (Zeichen)", "Maximum length (characters)"),
            Self::FileTypes => ("Erlaubte Dateiarten", "Allowed file types"),
            Self::FileTypesHint => (
                "Durch Kommas getrennt, z. B. application/pdf, image/jpeg",
                "Separated by commas, e.g. application/pdf, image/jpeg",
            ),
            Self::MaxSizeMb => ("Größte Datei (MB)", "Largest file (MB)"),
            Self::MaxCount => ("Höchstzahl Dateien", "Most files"),
            Self::Expression => ("Berechnung", "Calculation"),
            Self::ContentText => ("Text", "Text"),
            Self::MinItems => ("Mindestzahl Einträge", "Fewest entries"),
            Self::MaxItems => ("Höchstzahl Einträge", "Most entries"),
            Self::GroupFields => ("Felder der Gruppe", "Fields of the group"),
            Self::Check => ("Prüfung", "Check"),
            Self::NoProblems => (
                "Keine Fehler: Das Formular kann veröffentlicht werden.",
                "No errors: the form can be published.",
            ),
            Self::Errors => ("Fehler", "Errors"),
            Self::Advice => ("Hinweise", "Advice"),
        };
        match lang {
            Lang::En => en,
            Lang::De | Lang::EasyGerman => de,
        }
        .to_owned()
    }
}

/// Texts of the staff pages beyond the overview (German and English; Leichte Sprache falls
/// back to German).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffText {
    TotpHeading,
    TotpIntro,
    TotpSetUp,
    TotpScan,
    TotpQrAlt,
    TotpSecret,
    TotpTurnOn,
    TotpTurnOff,
    TotpIsOn,
    TotpOn,
    TotpOff,
    UsersHeading,
    UsersList,
    NewUser,
    UserName,
    UserEmail,
    UserRole,
    UserDepartment,
    NoDepartmentChosen,
    FirstPassword,
    PasswordHint,
    CreateUser,
    UserCreated,
    UserDisabled,
    SaveUser,
    UserSaved,
    NewPassword,
    SetPassword,
    PasswordSet,
    PasswordHeading,
    CurrentPassword,
    ChangePassword,
    PasswordChanged,
    RoleStaff,
    RoleEditor,
    RoleAdmin,
    FiguresHeading,
    FiguresShow,
    FiguresPeriod,
    FiguresTable,
    FiguresCsv,
    FiguresMonthly,
    FiguresMonth,
    FiguresDepartment,
    FiguresCount,
    FiguresProcessing,
    FiguresCompleted,
    FiguresMedian,
    FiguresP90,
    FiguresStatuses,
    FiguresOnline,
    FiguresAvailability,
    FiguresServices,
    FiguresShare,
    FiguresFullyOnline,
    FiguresPartlyOnline,
    FiguresInPerson,
    PrivacyHeading,
    PrivacyIntro,
    PrivacyEmail,
    PrivacySearch,
    PrivacyNone,
    PrivacyCaption,
    PrivacyCopyHeading,
    PrivacyCopy,
    PrivacyEraseHeading,
    PrivacyConfirm,
    PrivacyErase,
    PrivacyErased,
    InboxHeading,
    InboxFilter,
    InboxSearch,
    InboxSearchHint,
    InboxForm,
    InboxAny,
    InboxStatus,
    InboxAssigned,
    InboxToMe,
    InboxToNobody,
    InboxEmpty,
    InboxCaption,
    InboxAssignee,
    InboxNew,
    InboxNewer,
    InboxOlder,
    InboxSelect,
    InboxBundle,
    Assignee,
    Nobody,
    Assigned,
    AuditHeading,
    AuditIntro,
    AuditAnyAction,
    AuditActionLabel,
    AuditActor,
    AuditSubject,
    AuditFrom,
    AuditTo,
    AuditFilter,
    AuditCaption,
    AuditWhen,
    AuditWhere,
    AuditDetails,
    AuditNone,
    AuditNewer,
    AuditOlder,
    AuditPage,
    Action(shared::api::audit::AuditAction),
    Notes,
    NoNotes,
    NewNote,
    NoteHint,
    SaveNote,
    ChangeStatus,
    StatusChanged,
    NewStatus,
    MessageToCitizen,
    MessageHint,
    SetStatus,
    SubmissionsHeading,
    SubmissionsCaption,
    NoSubmissions,
    BackToOverview,
    Reference,
    Received,
    Submission,
    Files,
    ShowSubmissions,
}

impl StaffText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        use shared::api::audit::AuditAction;
        let (de, en): (&str, &str) = match self {
            Self::TotpHeading => ("Zweiter Faktor", "Second factor"),
            Self::TotpIntro => (
                "Schützen Sie Ihr Konto zusätzlich: Bei jeder Anmeldung fragt das Portal dann nach einem Code aus einer Authenticator-App auf Ihrem Handy.",
                "Protect your account further: every sign-in then asks for a code from an authenticator app on your phone.",
            ),
            Self::TotpSetUp => ("Zweiten Faktor einrichten", "Set up a second factor"),
            Self::TotpScan => (
                "Scannen Sie den QR-Code mit Ihrer Authenticator-App (oder geben Sie den Schlüssel ein) und bestätigen Sie mit dem ersten Code.",
                "Scan the QR code with your authenticator app (or type in the key) and confirm with the first code.",
            ),
            Self::TotpQrAlt => (
                "QR-Code für die Authenticator-App (der Schlüssel steht darunter)",
                "QR code for the authenticator app (the key is below)",
            ),
            Self::TotpSecret => ("Schlüssel:", "Key:"),
            Self::TotpTurnOn => ("Einschalten", "Turn on"),
            Self::TotpTurnOff => ("Ausschalten", "Turn off"),
            Self::TotpIsOn => (
                "Der zweite Faktor ist eingeschaltet. Zum Ausschalten geben Sie einen aktuellen Code ein.",
                "The second factor is on. To turn it off, enter a current code.",
            ),
            Self::TotpOn => (
                "Der zweite Faktor ist eingeschaltet.",
                "The second factor is on.",
            ),
            Self::TotpOff => (
                "Der zweite Faktor ist ausgeschaltet.",
                "The second factor is off.",
            ),
            Self::UsersHeading => ("Benutzerkonten", "User accounts"),
            Self::UsersList => ("Alle Konten", "All accounts"),
            Self::NewUser => ("Neues Konto", "New account"),
            Self::UserName => ("Name", "Name"),
            Self::UserEmail => (
                "E-Mail-Adresse (zum Anmelden)",
                "E-mail address (to sign in)",
            ),
            Self::UserRole => ("Rolle", "Role"),
            Self::UserDepartment => ("Fachbereich", "Department"),
            Self::NoDepartmentChosen => ("keiner", "none"),
            Self::FirstPassword => ("Erstes Passwort", "First password"),
            Self::PasswordHint => (
                "Mindestens 12 Zeichen. Die Person ändert es nach der ersten Anmeldung.",
                "At least 12 characters. The person changes it after signing in.",
            ),
            Self::CreateUser => ("Konto anlegen", "Create the account"),
            Self::UserCreated => ("Das Konto wurde angelegt.", "The account was created."),
            Self::UserDisabled => (
                "Gesperrt (kann sich nicht anmelden)",
                "Disabled (cannot sign in)",
            ),
            Self::SaveUser => ("Änderungen speichern", "Save the changes"),
            Self::UserSaved => ("Gespeichert.", "Saved."),
            Self::NewPassword => ("Neues Passwort", "New password"),
            Self::SetPassword => ("Passwort setzen", "Set the password"),
            Self::PasswordSet => (
                "Das Passwort wurde gesetzt; die Person wurde abgemeldet.",
                "The password was set; the person was signed out.",
            ),
            Self::PasswordHeading => ("Passwort ändern", "Change password"),
            Self::CurrentPassword => ("Bisheriges Passwort", "Current password"),
            Self::ChangePassword => ("Passwort ändern", "Change the password"),
            Self::PasswordChanged => (
                "Ihr Passwort wurde geändert. Andere Anmeldungen wurden beendet.",
                "Your password was changed. Other sessions were ended.",
            ),
            Self::RoleStaff => ("Sachbearbeitung", "Case worker"),
            Self::RoleEditor => ("Redaktion", "Editor"),
            Self::RoleAdmin => ("Administration", "Administrator"),
            Self::FiguresHeading => ("Kennzahlen", "Key figures"),
            Self::FiguresShow => ("Anzeigen", "Show"),
            Self::FiguresPeriod => ("Zeitraum (Eingang):", "Period (received):"),
            Self::FiguresTable => ("Tabelle", "table"),
            Self::FiguresCsv => ("CSV herunterladen", "Download CSV"),
            Self::FiguresMonthly => ("Anträge pro Monat", "Submissions per month"),
            Self::FiguresMonth => ("Monat", "Month"),
            Self::FiguresDepartment => ("Fachbereich", "Department"),
            Self::FiguresCount => ("Anzahl", "Count"),
            Self::FiguresProcessing => (
                "Bearbeitungsdauer vom Eingang bis zum Abschluss",
                "Processing time from receipt to completion",
            ),
            Self::FiguresCompleted => ("Abgeschlossen", "Completed"),
            Self::FiguresMedian => ("Median (Tage)", "Median (days)"),
            Self::FiguresP90 => ("90. Perzentil (Tage)", "90th percentile (days)"),
            Self::FiguresStatuses => ("Anträge nach Status", "Submissions by status"),
            Self::FiguresOnline => (
                "Leistungen nach Online-Angebot",
                "Services by online availability",
            ),
            Self::FiguresAvailability => ("Angebot", "Availability"),
            Self::FiguresServices => ("Leistungen", "Services"),
            Self::FiguresShare => ("Anteil", "Share"),
            Self::FiguresFullyOnline => ("vollständig online", "fully online"),
            Self::FiguresPartlyOnline => ("teilweise online", "partly online"),
            Self::FiguresInPerson => ("nur vor Ort", "in person only"),
            Self::PrivacyHeading => ("Auskunft und Löschung", "Access and erasure"),
            Self::PrivacyIntro => (
                "Findet alle Anträge, in denen eine E-Mail-Adresse angegeben wurde: für eine Auskunft (Art. 15 DSGVO) oder eine Löschung (Art. 17 DSGVO). Auskunft und Löschung werden im Protokoll vermerkt.",
                "Finds every submission that gives an e-mail address: for a copy (Art. 15 GDPR) or an erasure (Art. 17 GDPR). Both are recorded in the audit log.",
            ),
            Self::PrivacyEmail => ("E-Mail-Adresse der Person", "The person's e-mail address"),
            Self::PrivacySearch => ("Suchen", "Search"),
            Self::PrivacyNone => (
                "Zu dieser E-Mail-Adresse sind keine Daten (mehr) gespeichert.",
                "No data is (any longer) stored for this e-mail address.",
            ),
            Self::PrivacyCaption => ("Anträge dieser Person", "This person's submissions"),
            Self::PrivacyCopyHeading => ("Auskunft (Art. 15 DSGVO)", "Copy (Art. 15 GDPR)"),
            Self::PrivacyCopy => (
                "Kopie aller Anträge herunterladen (ZIP: PDF, Daten, Anlagen)",
                "Download a copy of all submissions (ZIP: PDF, data, attachments)",
            ),
            Self::PrivacyEraseHeading => ("Löschung (Art. 17 DSGVO)", "Erasure (Art. 17 GDPR)"),
            Self::PrivacyConfirm => (
                "Ich habe den Antrag auf Löschung geprüft. Die Angaben, Dateien und Notizen dieser Anträge werden endgültig gelöscht.",
                "I have checked the request for erasure. The answers, files and notes of these submissions will be erased for good.",
            ),
            Self::PrivacyErase => ("Endgültig löschen", "Erase for good"),
            Self::PrivacyErased => ("Die Daten wurden gelöscht.", "The data was erased."),
            Self::InboxHeading => ("Posteingang", "Inbox"),
            Self::InboxFilter => ("Anträge filtern", "Filter submissions"),
            Self::InboxSearch => ("Suche in den Angaben", "Search the answers"),
            Self::InboxSearchHint => (
                "Zum Beispiel ein Name, ein Ort oder ein Aktenzeichen.",
                "For example a name, a place or a reference number.",
            ),
            Self::InboxForm => ("Formular", "Form"),
            Self::InboxAny => ("Alle", "All"),
            Self::InboxStatus => ("Status", "Status"),
            Self::InboxAssigned => ("Zugewiesen", "Assigned"),
            Self::InboxToMe => ("mir", "to me"),
            Self::InboxToNobody => ("niemandem", "to nobody"),
            Self::InboxEmpty => (
                "Keine Anträge für diesen Filter.",
                "No submissions for this filter.",
            ),
            Self::InboxCaption => ("Anträge, neueste zuerst", "Submissions, newest first"),
            Self::InboxAssignee => ("Bearbeitet von", "Processed by"),
            Self::InboxNew => ("neu", "new"),
            Self::InboxNewer => ("Neuere Anträge", "Newer submissions"),
            Self::InboxOlder => ("Ältere Anträge", "Older submissions"),
            Self::InboxSelect => ("Auswählen", "Select"),
            Self::InboxBundle => (
                "Auswahl als ZIP herunterladen (PDF, Daten, Anlagen)",
                "Download the selection as ZIP (PDF, data, attachments)",
            ),
            Self::Assignee => ("Bearbeitet von", "Processed by"),
            Self::Nobody => ("niemandem zugewiesen", "not assigned"),
            Self::Assigned => ("Zuweisung gespeichert.", "Assignment saved."),
            Self::AuditHeading => ("Protokoll", "Audit log"),
            Self::AuditIntro => (
                "Wer hat wann welchen Antrag angesehen, heruntergeladen oder geändert, und von wo. Die Einträge lassen sich nicht ändern oder löschen.",
                "Who viewed, downloaded or changed which submission, when and from where. Entries cannot be changed or deleted.",
            ),
            Self::AuditAnyAction => ("Alle Vorgänge", "All actions"),
            Self::AuditActionLabel => ("Vorgang", "Action"),
            Self::AuditActor => ("Person (Name oder E-Mail)", "Person (name or e-mail)"),
            Self::AuditSubject => (
                "Datensatz (z. B. Aktenzeichen)",
                "Record (e.g. reference number)",
            ),
            Self::AuditFrom => ("Von (Tag)", "From (day)"),
            Self::AuditTo => ("Bis (Tag)", "To (day)"),
            Self::AuditFilter => ("Filtern", "Filter"),
            Self::AuditCaption => ("Einträge, neueste zuerst", "Entries, newest first"),
            Self::AuditWhen => ("Zeitpunkt", "When"),
            Self::AuditWhere => ("IP-Adresse", "IP address"),
            Self::AuditDetails => ("Einzelheiten", "Details"),
            Self::AuditNone => (
                "Keine Einträge für diesen Filter.",
                "No entries for this filter.",
            ),
            Self::AuditNewer => ("Neuere Einträge", "Newer entries"),
            Self::AuditOlder => ("Ältere Einträge", "Older entries"),
            Self::AuditPage => ("Seite", "Page"),
            Self::Action(action) => match action {
                AuditAction::SignedIn => ("Anmeldung", "Signed in"),
                AuditAction::SubmissionViewed => ("Antrag angesehen", "Submission viewed"),
                AuditAction::SubmissionsExported => {
                    ("Anträge heruntergeladen", "Submissions downloaded")
                }
                AuditAction::FileDownloaded => ("Datei heruntergeladen", "File downloaded"),
                AuditAction::StatusChanged => ("Status geändert", "Status changed"),
                AuditAction::NoteAdded => ("Notiz hinzugefügt", "Note added"),
                AuditAction::Assigned => ("Antrag zugewiesen", "Submission assigned"),
                AuditAction::FormPublished => ("Formular veröffentlicht", "Form published"),
                AuditAction::FormArchived => (
                    "Formular archiviert/wiederhergestellt",
                    "Form archived/restored",
                ),
                AuditAction::FormDepartmentChanged => (
                    "Fachbereich eines Formulars geändert",
                    "Form department changed",
                ),
                AuditAction::FormRetentionChanged => (
                    "Aufbewahrungsfrist eines Formulars geändert",
                    "Form retention changed",
                ),
                AuditAction::RetentionErased => {
                    ("Nach Ablauf der Frist gelöscht", "Erased after retention")
                }
                AuditAction::PersonExported => {
                    ("Auskunft erteilt (Art. 15)", "Copy of data given (Art. 15)")
                }
                AuditAction::PersonErased => (
                    "Auf Antrag gelöscht (Art. 17)",
                    "Erased on request (Art. 17)",
                ),
                AuditAction::UserCreated => ("Konto angelegt", "Account created"),
                AuditAction::UserChanged => ("Konto geändert", "Account changed"),
                AuditAction::PasswordReset => ("Passwort zurückgesetzt", "Password reset"),
                AuditAction::PasswordChanged => {
                    ("Eigenes Passwort geändert", "Own password changed")
                }
                AuditAction::TotpEnabled => {
                    ("Zweiter Faktor eingeschaltet", "Second factor turned on")
                }
                AuditAction::TotpDisabled => {
                    ("Zweiter Faktor ausgeschaltet", "Second factor turned off")
                }
                AuditAction::AppointmentsViewed => ("Termine eingesehen", "Appointments viewed"),
                AuditAction::AppointmentsExported => {
                    ("Termine heruntergeladen", "Appointments downloaded")
                }
                AuditAction::AppointmentChanged => ("Termin bearbeitet", "Appointment changed"),
                AuditAction::LocationChanged => ("Standort geändert", "Location changed"),
            },
            Self::Notes => ("Interne Notizen", "Internal notes"),
            Self::NoNotes => ("Noch keine Notizen.", "No notes yet."),
            Self::NewNote => ("Neue Notiz", "New note"),
            Self::NoteHint => (
                "Nur für Mitarbeitende sichtbar, nie für die antragstellende Person; höchstens 4000 Zeichen.",
                "Only visible to staff, never to the applicant; at most 4000 characters.",
            ),
            Self::SaveNote => ("Notiz speichern", "Save note"),
            Self::ChangeStatus => ("Stand ändern", "Change the status"),
            Self::StatusChanged => (
                "Der Stand ist geändert. Die Person sieht ihn auf der Seite „Bearbeitungsstand“ und bekommt eine E-Mail, wenn sie eine Adresse angegeben hat.",
                "The status has been changed. The person sees it on the status page and gets an e-mail if they gave an address.",
            ),
            Self::NewStatus => ("Neuer Stand", "New status"),
            Self::MessageToCitizen => (
                "Nachricht an die antragstellende Person (freiwillig)",
                "Message to the applicant (optional)",
            ),
            Self::MessageHint => (
                "Steht auf der Seite „Bearbeitungsstand“ und in der E-Mail; höchstens 2000 Zeichen.",
                "Shown on the status page and in the e-mail; at most 2000 characters.",
            ),
            Self::SetStatus => ("Stand setzen", "Set status"),
            Self::SubmissionsHeading => (
                "Eingegangene Anträge des Formulars",
                "The form's applications",
            ),
            Self::SubmissionsCaption => {
                ("Anträge, die neuesten zuerst", "Applications, newest first")
            }
            Self::NoSubmissions => (
                "Zu diesem Formular ist noch kein Antrag eingegangen.",
                "No applications have been received for this form yet.",
            ),
            Self::BackToOverview => ("Zurück zur Übersicht", "Back to the overview"),
            Self::Reference => ("Aktenzeichen", "Reference number"),
            Self::Received => ("Eingegangen am", "Received on"),
            Self::Submission => ("Antrag", "Application"),
            Self::Files => ("Dateien", "Files"),
            Self::ShowSubmissions => ("Anträge ansehen", "View applications"),
        };
        match lang {
            Lang::En => en,
            Lang::De | Lang::EasyGerman => de,
        }
        .to_owned()
    }
}
