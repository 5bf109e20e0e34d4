//! Languages and localized text.
//!
//! German is the default and always present; English is optional and falls back to German.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// English.
    En,
    /// Leichte Sprache: plain German for people with reading difficulties; falls back to German.
    #[serde(rename = "de-ls")]
    EasyGerman,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::De | Self::EasyGerman => "de",
            Self::En => "en",
        }
    }

    /// Picks the first supported language of an HTTP `Accept-Language` header, else German.
    pub fn from_accept_language(header: &str) -> Self {
        for part in header.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if tag == "de" || tag.starts_with("de-") {
                return Self::De;
            }
            if tag == "en" || tag.starts_with("en-") {
                return Self::En;
            }
        }
        Self::De
    }
}

/// A text shown to users, in German and optionally English and Leichte Sprache.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalizedText {
    /// German text; required.
    pub de: String,
    /// English text; German is shown when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Leichte Sprache; German is shown when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ls: Option<String>,
}

impl LocalizedText {
    /// A text with both languages.
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            de: de.into(),
            en: Some(en.into()),
            ls: None,
        }
    }

    /// A German-only text.
    pub fn de(de: impl Into<String>) -> Self {
        Self {
            de: de.into(),
            en: None,
            ls: None,
        }
    }

    /// The text in `lang`, falling back to German when the variant is missing or blank.
    pub fn get(&self, lang: Lang) -> &str {
        let variant = match lang {
            Lang::De => None,
            Lang::En => self.en.as_deref(),
            Lang::EasyGerman => self.ls.as_deref(),
        };
        variant
            .filter(|text| !text.trim().is_empty())
            .unwrap_or(&self.de)
    }
}

/// The name of a day of the week (Monday 0 to Sunday 6, as [`crate::CalendarDate::weekday`]).
pub fn weekday_name(weekday: usize, lang: Lang) -> &'static str {
    const DE: [&str; 7] = [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let names = if lang == Lang::En { &EN } else { &DE };
    names[weekday % 7]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_german() {
        let text = LocalizedText::de("Straße");
        assert_eq!(text.get(Lang::En), "Straße");
        let text = LocalizedText {
            de: "Straße".into(),
            en: Some(String::new()),
            ls: None,
        };
        assert_eq!(text.get(Lang::En), "Straße");
        assert_eq!(text.get(Lang::EasyGerman), "Straße");
        let easy = LocalizedText {
            de: "Antrag".into(),
            en: None,
            ls: Some("Antrag auf Geld".into()),
        };
        assert_eq!(easy.get(Lang::EasyGerman), "Antrag auf Geld");
        assert_eq!(
            serde_json::to_string(&Lang::EasyGerman).unwrap(),
            "\"de-ls\""
        );
        assert_eq!(
            LocalizedText::new("Straße", "Street").get(Lang::En),
            "Street"
        );
    }

    #[test]
    fn accept_language_picks_first_supported() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,de;q=0.8"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("fr-FR, de-AT;q=0.5"), Lang::De);
        assert_eq!(Lang::from_accept_language("fr"), Lang::De);
        assert_eq!(Lang::from_accept_language(""), Lang::De);
    }
}
