//! The frame of every page: skip link, header with site name and language switch, `<main>`,
//! and the footer with the legal links and the staff sign-in.

use crate::components::app_link::AppLink;
use shared::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{Msg, SITE_NAME, use_lang_handle};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct SiteLayoutProps {
    pub children: Html,
}

/// Header, main landmark and footer around `children`.
#[component]
pub fn SiteLayout(props: &SiteLayoutProps) -> Html {
    let handle = use_lang_handle();
    let lang = handle.lang;
    // Offer the languages other than the current one; English first so the switch keeps its
    // place for people who know it.
    let others: Vec<Lang> = [Lang::En, Lang::De, Lang::EasyGerman]
        .into_iter()
        .filter(|other| *other != lang)
        .collect();
    let switches = others.into_iter().map(|other| {
        let onclick = handle.set.reform(move |_: MouseEvent| other);
        html! {
            <button type="button" class="language-switch" lang={other.tag()} {onclick}>
                { Msg::LanguageName(other).text(lang) }
            </button>
        }
    });
    // After in-app navigation the clicked link is gone and focus would fall back to `<body>`;
    // moving it to `<main>` lets screen readers start at the new content. Not on first load.
    // (The form and booking bundles have no router and no in-app navigation.)
    #[cfg(not(any(feature = "form-bundle", feature = "booking-bundle")))]
    {
        use yew_router::prelude::use_location;
        let path = use_location().map(|location| location.path().to_owned());
        let initial_path = use_mut_ref(|| path.clone());
        use_effect_with(path, move |path| {
            if *initial_path.borrow() != *path {
                initial_path.borrow_mut().take();
                browser::focus_id("main");
            }
        });
    }
    // Focus `<main>` directly: a plain `#main` jump does not move focus in every browser, and
    // the router must not see it as navigation.
    let skip = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        browser::focus_id("main");
    });
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ Msg::SkipLink.text(lang) }</a>
            <header class="site-header">
                <div class="site-header-inner">
                    <AppLink classes="site-name" to={Route::Start}>{ SITE_NAME }</AppLink>
                    <div class="language-switches">{ for switches }</div>
                </div>
            </header>
            <main id="main" class="site-main" tabindex="-1">
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <nav class="site-footer-inner" aria-label={Msg::FooterNavLabel.text(lang)}>
                    <ul class="footer-links">
                        <li><AppLink to={Route::Imprint}>{ Msg::Imprint.text(lang) }</AppLink></li>
                        <li><AppLink to={Route::Privacy}>{ Msg::Privacy.text(lang) }</AppLink></li>
                        <li><AppLink to={Route::Accessibility}>{ Msg::AccessibilityStatement.text(lang) }</AppLink></li>
                        <li><AppLink to={Route::DigitalStatus}>{ Msg::DigitalStatusHeading.text(lang) }</AppLink></li>
                        <li><AppLink to={Route::StaffLogin}>{ Msg::StaffLoginLink.text(lang) }</AppLink></li>
                    </ul>
                </nav>
            </footer>
        </>
    }
}
