//! The root component of the form bundle (`src/bin/form.rs`, `frontend/form.html`, feature
//! `form-bundle`): the providers, layout and form page of [`crate::app::App`] for
//! `/formulare/:slug` only, without the router. Every link to another page is a plain
//! `<a href>` (a full page load of the full app), see [`crate::components::app_link`].
//!
//! The backend renders this component on the server (feature `ssr`, Yew's `ServerRenderer`)
//! with a [`FirstView`]: the form's first page is in the HTML and accepts input before any
//! WASM arrives. It embeds the same data as JSON (`#bp-first-view`), so the bundle, loaded on
//! the first interaction, renders without fetching the form and then takes over the page: it
//! renders into its own root and the page's loader script carries over what was typed and
//! replays clicks (see `backend/src/ssr.rs`). A client render, not hydration: the two trees
//! need not be equal (a saved draft or another language show at once), and there is no
//! mismatch to trap on.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use shared::api::Form;
use shared::{CalendarDate, FormSlug, Lang};
use yew::prelude::*;

use crate::components::site_layout::SiteLayout;
use crate::form_flow::{FormFlow, LoadedForm};
use crate::i18n::{LangProvider, document_title};
use crate::pages::form_fill::{FormPage, step_title};
use crate::pages::not_found::NotFoundPage;

/// Element id of the JSON the backend embeds next to a server-rendered first view.
pub const FIRST_VIEW_ID: &str = "bp-first-view";
/// Element id of the server-rendered view; the loader script removes it at the takeover.
pub const SERVER_ROOT_ID: &str = "bp-server-view";
/// Element id of the (hidden) element the bundle renders into when the server rendered the
/// first view.
pub const APP_ROOT_ID: &str = "bp-app";
/// The loader script's function that swaps the server's view for the app's, called once the
/// app has rendered (see `backend/src/ssr.rs`).
const TAKEOVER_FUNCTION: &str = "bpTakeover";

/// What the server rendered the first view from; the client renders with the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstViewData {
    pub slug: FormSlug,
    /// The city's date when the server rendered the page: conditions and rules of the first
    /// view evaluate with it on the server (the browser uses its own date).
    pub today: CalendarDate,
    pub form: Form,
}

/// A form delivered with the page instead of fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstView {
    pub slug: FormSlug,
    pub form: Rc<LoadedForm>,
    /// Rendering on the server: German, no device storage, the city's `today`.
    pub on_server: Option<CalendarDate>,
}

impl FirstView {
    /// The view the server renders; `None` when the form does not compile.
    pub fn for_server(data: FirstViewData) -> Option<Self> {
        Some(Self {
            slug: data.slug,
            on_server: Some(data.today),
            form: Rc::new(LoadedForm::new(data.form)?),
        })
    }

    /// The view the bundle renders from the JSON the server embedded, if this page has one.
    pub fn from_page() -> Option<Self> {
        let json = web_sys::window()?
            .document()?
            .get_element_by_id(FIRST_VIEW_ID)?
            .text_content()?;
        let data: FirstViewData = serde_json::from_str(&json).ok()?;
        Some(Self {
            slug: data.slug,
            on_server: None,
            form: Rc::new(LoadedForm::new(data.form)?),
        })
    }
}

impl FirstView {
    /// The document title of the first step on `today`, as the app sets it once it runs.
    pub fn document_title(&self, today: CalendarDate) -> String {
        let flow = FormFlow::new(self.form.clone(), today);
        let title = step_title(self.form.definition(), &flow.step, Lang::De);
        document_title(&title, false, Lang::De)
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct FormAppProps {
    #[prop_or_default]
    pub first: Option<FirstView>,
}

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
pub fn FormApp(props: &FormAppProps) -> Html {
    let first = props.first.clone();
    let slug = use_memo((), |()| match &first {
        Some(first) => Some(first.slug.clone()),
        None => slug_from_location(),
    });
    let on_server = props.first.as_ref().and_then(|first| first.on_server);
    let takes_over = props.first.is_some() && on_server.is_none();
    // Effects run after the first render is in the DOM and before the browser paints, so the
    // citizen never sees an empty page or both views.
    use_effect_with((), move |()| {
        if takes_over {
            take_over_server_view();
        }
    });
    html! {
        <LangProvider initial={on_server.map(|_| Lang::De)}>
            <SiteLayout>
                if let Some(slug) = (*slug).clone() {
                    <FormPage {slug} first={props.first.clone()} />
                } else {
                    <NotFoundPage />
                }
            </SiteLayout>
        </LangProvider>
    }
}

/// Calls the loader's takeover function (it carries typed values and pending clicks over).
fn take_over_server_view() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let takeover = js_sys::Reflect::get(&window, &TAKEOVER_FUNCTION.into())
        .ok()
        .and_then(|value| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(value).ok());
    if let Some(takeover) = takeover {
        let _ = takeover.call0(&window);
    }
}
