//! The root component of the form bundle (`src/bin/form.rs`, `frontend/form.html`, feature
//! `form-bundle`): the providers, layout and form page of [`crate::app::App`] for
//! `/formulare/:slug` only, without the router. The backend serves `form.html` for those paths;
//! every link to another page is a plain `<a href>` (a full page load of the full app), see
//! [`crate::components::app_link`].

use shared::FormSlug;
use yew::prelude::*;

use crate::components::site_layout::SiteLayout;
use crate::i18n::LangProvider;
use crate::pages::form_fill::FormPage;
use crate::pages::not_found::NotFoundPage;

/// The form slug in the address (`/formulare/<slug>`), if it is one.
fn slug_from_location() -> Option<FormSlug> {
    let path = web_sys::window()?.location().pathname().ok()?;
    path.strip_prefix("/formulare/")?
        .trim_end_matches('/')
        .parse()
        .ok()
}

/// The form bundle's whole app.
#[component]
pub fn FormApp() -> Html {
    let slug = use_memo((), |()| slug_from_location());
    html! {
        <LangProvider>
            <SiteLayout>
                if let Some(slug) = (*slug).clone() {
                    <FormPage {slug} />
                } else {
                    <NotFoundPage />
                }
            </SiteLayout>
        </LangProvider>
    }
}
