//! The root component: providers, the router and the site layout around the routed page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::site_layout::SiteLayout;
use crate::i18n::LangProvider;
use crate::route::{Route, switch};

/// The whole app.
#[component]
pub fn App() -> Html {
    html! {
        <LangProvider>
            <BrowserRouter>
                <SiteLayout>
                    <Switch<Route> render={switch} />
                </SiteLayout>
            </BrowserRouter>
        </LangProvider>
    }
}
