//! The page for unknown addresses.

use crate::components::app_link::AppLink;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{Msg, document_title, use_lang};
use crate::route::Route;

/// Any path no route matches, and forms that do not exist.
#[component]
pub fn NotFoundPage() -> Html {
    let lang = use_lang();
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &Msg::NotFoundHeading.text(*lang),
            false,
            *lang,
        ));
    });
    html! {
        <>
            <h1 tabindex="-1">{ Msg::NotFoundHeading.text(lang) }</h1>
            <p>{ Msg::NotFoundText.text(lang) }</p>
            <p><AppLink to={Route::Start}>{ Msg::BackToStart.text(lang) }</AppLink></p>
        </>
    }
}
