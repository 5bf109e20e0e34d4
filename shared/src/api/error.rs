//! The one error body of the API and its stable codes.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::validation::FieldError;

/// The body of every error response from `/api`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable message in the language the request asked for (`Accept-Language`).
    pub message: String,
    /// Problems with single answers; only for [`ErrorCode::ValidationFailed`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Problems of a form definition; only for [`ErrorCode::DefinitionInvalid`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<super::editor::DefinitionProblem>,
}

/// Stable error codes. Clients branch on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not valid JSON or not of the expected shape.
    MalformedRequest,
    /// 401: not logged in, or the session expired.
    Unauthenticated,
    /// 401: e-mail address or password wrong.
    InvalidCredentials,
    /// 401: the account has a second factor: the code of the authenticator app is needed.
    TotpRequired,
    /// 422: the code of the authenticator app does not fit (wrong, too old, or used already).
    InvalidTotp,
    /// 403: a cross-site request to a state-changing endpoint.
    CrossSiteRequest,
    /// 404: no such resource.
    NotFound,
    /// 413: the body is larger than allowed.
    PayloadTooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 413: an uploaded file is larger than its field allows.
    FileTooLarge,
    /// 415: an uploaded file's type is not allowed for its field, or its content is not of the
    /// type it claims.
    FileTypeNotAllowed,
    /// 400: an uploaded file is empty.
    FileEmpty,
    /// 503: the server takes no uploads for now (its space for unsent files is full).
    UploadsUnavailable,
    /// 422: answers failed validation; see `fields`.
    ValidationFailed,
    /// 422: the form has a privacy notice and the citizen did not confirm reading it.
    PrivacyNotAcknowledged,
    /// 429: too many attempts; retry after the `Retry-After` seconds.
    RateLimited,
    /// 404: no application with this reference number and access code (which of the two is
    /// wrong is not said).
    StatusNotFound,
    /// 403: the account's role does not allow this.
    Forbidden,
    /// 409: the draft was changed by someone else since it was loaded.
    DraftConflict,
    /// 409: another form already has this URL name.
    SlugTaken,
    /// 422: the URL name of a published form cannot change (links to it would break).
    SlugLocked,
    /// 422: the form definition has problems; see `problems`.
    DefinitionInvalid,
    /// 422: the document is not a FIM Stammdatenschema (or not XML).
    ImportInvalid,
    /// 410: the form is archived and takes no new submissions.
    FormArchived,
    /// 422: the draft is the same as the latest published version.
    NothingToPublish,
    /// 422: the status cannot be set (back to `received`), or the message is too long.
    InvalidStatusChange,
    /// 422: an internal note is empty or longer than 4000 characters.
    InvalidNote,
    /// 422: the department is not in the catalogue.
    UnknownDepartment,
    /// 422: the person cannot be assigned the submission (no such account, or not of its
    /// department).
    InvalidAssignee,
    /// 422: a retention period outside 1 to 3650 days.
    InvalidRetention,
    /// 422: a password shorter than 12 characters.
    WeakPassword,
    /// 409: another account has this e-mail address.
    EmailTaken,
    /// 422: an account without a name or a valid e-mail address, or with an unknown department.
    InvalidUser,
    /// 409: the appointment slot was taken by someone else in the meantime.
    SlotTaken,
    /// 410: the hold or the activation link ran out; the slot is free again.
    HoldExpired,
    /// 422: the concerns, location, day or time cannot be booked (unknown, outside the hours or
    /// the booking window, too many items).
    InvalidBooking,
    /// 422: the proof of work is missing, wrong or its challenge ran out.
    ProofOfWorkFailed,
    /// 429: this address or connection holds as many appointments as allowed.
    BookingLimitReached,
    /// 409: the appointment can no longer be changed online (past the cut-off, or over).
    BookingLocked,
    /// 422: a name (1–200 characters) and a valid e-mail address are needed.
    InvalidContact,
    /// 409: the booking is not for today, or is cancelled or already checked in.
    CheckInRefused,
    /// 422: a location's configuration has problems (see the message).
    InvalidLocation,
    /// 500: something went wrong on the server; nothing was saved.
    Internal,
}

impl ErrorCode {
    /// The HTTP status that carries this code.
    pub fn status(self) -> u16 {
        match self {
            Self::MalformedRequest => 400,
            Self::Unauthenticated | Self::InvalidCredentials | Self::TotpRequired => 401,
            Self::CrossSiteRequest | Self::Forbidden => 403,
            Self::DraftConflict
            | Self::SlugTaken
            | Self::EmailTaken
            | Self::SlotTaken
            | Self::BookingLocked
            | Self::CheckInRefused => 409,
            Self::HoldExpired => 410,
            Self::InvalidBooking
            | Self::ProofOfWorkFailed
            | Self::InvalidContact
            | Self::InvalidLocation => 422,
            Self::BookingLimitReached => 429,
            Self::SlugLocked
            | Self::DefinitionInvalid
            | Self::ImportInvalid
            | Self::NothingToPublish
            | Self::InvalidStatusChange
            | Self::InvalidNote
            | Self::UnknownDepartment
            | Self::InvalidAssignee
            | Self::InvalidRetention
            | Self::WeakPassword
            | Self::InvalidUser
            | Self::InvalidTotp => 422,
            Self::FormArchived => 410,
            Self::NotFound | Self::StatusNotFound => 404,
            Self::PayloadTooLarge | Self::FileTooLarge => 413,
            Self::UnsupportedMediaType | Self::FileTypeNotAllowed => 415,
            Self::FileEmpty => 400,
            Self::UploadsUnavailable => 503,
            Self::ValidationFailed | Self::PrivacyNotAcknowledged => 422,
            Self::RateLimited => 429,
            Self::Internal => 500,
        }
    }

    /// A general message for the code, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        // Leichte Sprache variants of these messages are not written yet: German it is.
        let lang = if lang == Lang::EasyGerman {
            Lang::De
        } else {
            lang
        };
        match (self, lang) {
            (Self::MalformedRequest, Lang::De) => "Die Anfrage hat nicht die erwartete Form",
            (Self::MalformedRequest, Lang::En) => "The request is not in the expected form",
            (Self::Unauthenticated, Lang::De) => "Melden Sie sich an, um fortzufahren",
            (Self::Unauthenticated, Lang::En) => "Sign in to continue",
            (Self::InvalidCredentials, Lang::De) => "E-Mail-Adresse oder Passwort stimmen nicht",
            (Self::InvalidCredentials, Lang::En) => "The email address or password is not correct",
            (Self::CrossSiteRequest, Lang::De) => {
                "Die Anfrage kam von einer fremden Seite und wurde abgelehnt"
            }
            (Self::CrossSiteRequest, Lang::En) => {
                "The request came from another site and was refused"
            }
            (Self::NotFound, Lang::De) => "Das Gesuchte gibt es nicht (mehr)",
            (Self::NotFound, Lang::En) => "What you are looking for does not exist",
            (Self::PayloadTooLarge, Lang::De) => "Die gesendeten Daten sind zu groß",
            (Self::PayloadTooLarge, Lang::En) => "The data sent is too large",
            (Self::UnsupportedMediaType, Lang::De) => "Die Daten müssen als JSON gesendet werden",
            (Self::UnsupportedMediaType, Lang::En) => "The data must be sent as JSON",
            (Self::StatusNotFound, Lang::De) => {
                "Zu diesem Aktenzeichen und diesem Zugangscode gibt es keinen Antrag. Prüfen Sie beide Angaben"
            }
            (Self::StatusNotFound, Lang::En) => {
                "There is no application with this reference number and access code. Check both"
            }
            (Self::FileTooLarge, Lang::De) => "Die Datei ist zu groß",
            (Self::FileTooLarge, Lang::En) => "The file is too large",
            (Self::FileTypeNotAllowed, Lang::De) => {
                "Dateien dieser Art können hier nicht hochgeladen werden"
            }
            (Self::FileTypeNotAllowed, Lang::En) => "Files of this type cannot be uploaded here",
            (Self::UploadsUnavailable, Lang::De) => {
                "Zurzeit können keine Dateien angenommen werden. Versuchen Sie es später erneut"
            }
            (Self::UploadsUnavailable, Lang::En) => {
                "Files cannot be accepted at the moment. Try again later"
            }
            (Self::FileEmpty, Lang::De) => "Die Datei ist leer",
            (Self::FileEmpty, Lang::En) => "The file is empty",
            (Self::PrivacyNotAcknowledged, Lang::De) => {
                "Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben"
            }
            (Self::PrivacyNotAcknowledged, Lang::En) => {
                "Confirm that you have read the privacy notice"
            }
            (Self::ValidationFailed, Lang::De) => "Einige Angaben müssen korrigiert werden",
            (Self::ValidationFailed, Lang::En) => "Some answers need to be corrected",
            (Self::RateLimited, Lang::De) => {
                "Zu viele Versuche. Warten Sie kurz und versuchen Sie es erneut"
            }
            (Self::RateLimited, Lang::En) => "Too many attempts. Wait a moment and try again",
            (Self::Forbidden, Lang::De) => "Dafür fehlt Ihrem Konto die Berechtigung",
            (Self::Forbidden, Lang::En) => "Your account is not allowed to do this",
            (Self::DraftConflict, Lang::De) => {
                "Der Entwurf wurde inzwischen von jemand anderem geändert. Laden Sie ihn neu; Ihre Änderungen sind nicht gespeichert"
            }
            (Self::DraftConflict, Lang::En) => {
                "Someone else changed the draft in the meantime. Reload it; your changes were not saved"
            }
            (Self::SlugTaken, Lang::De) => "Ein anderes Formular hat schon diese Adresse",
            (Self::SlugTaken, Lang::En) => "Another form already has this address",
            (Self::SlugLocked, Lang::De) => {
                "Die Adresse eines veröffentlichten Formulars kann nicht geändert werden"
            }
            (Self::SlugLocked, Lang::En) => "The address of a published form cannot change",
            (Self::DefinitionInvalid, Lang::De) => {
                "Das Formular hat Fehler und kann so nicht veröffentlicht werden"
            }
            (Self::DefinitionInvalid, Lang::En) => {
                "The form has errors and cannot be published like this"
            }
            (Self::ImportInvalid, Lang::De) => {
                "Die Datei ist kein FIM-Stammdatenschema (XDatenfelder 2.0 oder 3.0.0)"
            }
            (Self::ImportInvalid, Lang::En) => {
                "The file is not a FIM master data schema (XDatenfelder 2.0 or 3.0.0)"
            }
            (Self::FormArchived, Lang::De) => "Dieses Formular nimmt keine Anträge mehr an",
            (Self::FormArchived, Lang::En) => "This form no longer accepts applications",
            (Self::NothingToPublish, Lang::De) => {
                "Der Entwurf unterscheidet sich nicht von der veröffentlichten Version"
            }
            (Self::NothingToPublish, Lang::En) => "The draft is the same as the published version",
            (Self::InvalidStatusChange, Lang::De) => {
                "Dieser Stand kann nicht gesetzt werden, oder die Nachricht ist zu lang (höchstens 2000 Zeichen)"
            }
            (Self::InvalidNote, Lang::De) => "Die Notiz ist leer oder länger als 4000 Zeichen",
            (Self::InvalidNote, Lang::En) => "The note is empty or longer than 4000 characters",
            (Self::UnknownDepartment, Lang::De) => {
                "Diesen Fachbereich gibt es im Leistungskatalog nicht"
            }
            (Self::UnknownDepartment, Lang::En) => "The service catalogue has no such department",
            (Self::InvalidAssignee, Lang::De) => {
                "Diese Person kann den Antrag nicht bearbeiten (sie gehört nicht zu seinem Fachbereich)"
            }
            (Self::InvalidRetention, Lang::De) => {
                "Die Aufbewahrungsfrist muss zwischen 1 und 3650 Tagen liegen"
            }
            (Self::TotpRequired, Lang::De) => "Geben Sie den Code aus Ihrer Authenticator-App ein",
            (Self::TotpRequired, Lang::En) => "Enter the code from your authenticator app",
            (Self::InvalidTotp, Lang::De) => {
                "Der Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer Authenticator-App ein"
            }
            (Self::InvalidTotp, Lang::En) => {
                "The code is not right. Enter the current code from your authenticator app"
            }
            (Self::WeakPassword, Lang::De) => "Das Passwort muss mindestens 12 Zeichen lang sein",
            (Self::WeakPassword, Lang::En) => "The password must be at least 12 characters long",
            (Self::EmailTaken, Lang::De) => "Ein anderes Konto hat schon diese E-Mail-Adresse",
            (Self::EmailTaken, Lang::En) => "Another account already has this e-mail address",
            (Self::SlotTaken, Lang::De) => {
                "Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen Termin"
            }
            (Self::SlotTaken, Lang::En) => {
                "This appointment was just taken. Please choose another time"
            }
            (Self::HoldExpired, Lang::De) => {
                "Die Reservierung ist abgelaufen und der Termin wieder frei. Bitte wählen Sie erneut einen Termin"
            }
            (Self::HoldExpired, Lang::En) => {
                "The reservation has run out and the time is free again. Please choose a time again"
            }
            (Self::InvalidBooking, Lang::De) => "Diese Terminauswahl ist nicht buchbar",
            (Self::InvalidBooking, Lang::En) => "This choice cannot be booked",
            (Self::ProofOfWorkFailed, Lang::De) => {
                "Die automatische Sicherheitsprüfung ist abgelaufen. Bitte versuchen Sie es erneut"
            }
            (Self::ProofOfWorkFailed, Lang::En) => {
                "The automatic security check has run out. Please try again"
            }
            (Self::BookingLimitReached, Lang::De) => {
                "Für diese E-Mail-Adresse oder diesen Anschluss sind schon so viele Termine gebucht oder reserviert wie erlaubt"
            }
            (Self::BookingLimitReached, Lang::En) => {
                "This email address or connection already has as many appointments as allowed"
            }
            (Self::BookingLocked, Lang::De) => {
                "Dieser Termin kann online nicht mehr geändert werden. Bitte rufen Sie uns an"
            }
            (Self::BookingLocked, Lang::En) => {
                "This appointment can no longer be changed online. Please call us"
            }
            (Self::InvalidContact, Lang::De) => {
                "Geben Sie Ihren Namen und eine gültige E-Mail-Adresse an"
            }
            (Self::InvalidContact, Lang::En) => "Enter your name and a valid email address",
            (Self::CheckInRefused, Lang::De) => {
                "Dieser Termin ist nicht für heute oder wurde abgesagt oder schon eingecheckt"
            }
            (Self::CheckInRefused, Lang::En) => {
                "This appointment is not for today, or was cancelled or already checked in"
            }
            (Self::InvalidLocation, Lang::De) => "Die Angaben zum Standort sind nicht stimmig",
            (Self::InvalidLocation, Lang::En) => "The location's settings are not consistent",
            (Self::InvalidUser, Lang::De) => {
                "Geben Sie einen Namen, eine gültige E-Mail-Adresse und nur Fachbereiche des Leistungskatalogs an"
            }
            (Self::InvalidUser, Lang::En) => {
                "Give a name, a valid e-mail address and only departments of the service catalogue"
            }
            (Self::InvalidRetention, Lang::En) => {
                "The retention period must be between 1 and 3650 days"
            }
            (Self::InvalidAssignee, Lang::En) => {
                "This person cannot process the submission (not in its department)"
            }
            (Self::InvalidStatusChange, Lang::En) => {
                "This status cannot be set, or the message is too long (at most 2000 characters)"
            }
            (Self::Internal, Lang::De) => {
                "Ein technischer Fehler ist aufgetreten. Ihre Angaben wurden nicht gespeichert"
            }
            (Self::Internal, Lang::En) => "A technical error occurred. Your answers were not saved",
            (_, Lang::EasyGerman) => self.message(Lang::De),
        }
    }
}
