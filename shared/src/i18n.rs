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
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::De => "de",
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

/// A text shown to users, in German and optionally English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalizedText {
    /// German text; required.
    pub de: String,
    /// English text; German is shown when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedText {
    /// A text with both languages.
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            de: de.into(),
            en: Some(en.into()),
        }
    }

    /// A German-only text.
    pub fn de(de: impl Into<String>) -> Self {
        Self {
            de: de.into(),
            en: None,
        }
    }

    /// The text in `lang`, falling back to German.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => self
                .en
                .as_deref()
                .filter(|en| !en.is_empty())
                .unwrap_or(&self.de),
        }
    }
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
        };
        assert_eq!(text.get(Lang::En), "Straße");
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
