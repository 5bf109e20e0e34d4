//! Placeholder pages for the legal texts every page links to (Impressum, Datenschutz,
//! Erklärung zur Barrierefreiheit); the city fills in the content.

use yew::prelude::*;

use crate::browser;
use crate::i18n::{Msg, document_title, use_lang};

/// Which legal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalTopic {
    Imprint,
    Privacy,
    Accessibility,
}

impl LegalTopic {
    fn heading(self) -> Msg {
        match self {
            Self::Imprint => Msg::Imprint,
            Self::Privacy => Msg::Privacy,
            Self::Accessibility => Msg::AccessibilityStatement,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LegalPageProps {
    pub topic: LegalTopic,
}

/// A legal page with its heading and a placeholder text.
#[component]
pub fn LegalPage(props: &LegalPageProps) -> Html {
    let lang = use_lang();
    let heading = props.topic.heading().text(lang);
    {
        let heading = heading.clone();
        use_effect_with((heading, lang), |(heading, lang)| {
            browser::set_title(&document_title(heading, false, *lang));
        });
    }
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            <p>{ Msg::PlaceholderText.text(lang) }</p>
        </>
    }
}
