//! A link to a route of the app. In the full app it is the router's `Link` (in-app navigation);
//! in the form and booking bundles (features `form-bundle`, `booking-bundle`) there is no router,
//! so it is a plain `<a href>`:
//! a full page load, which the backend answers with the full app (`index.html`).

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct AppLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link to `to` with `children` as its text.
#[cfg(not(any(feature = "form-bundle", feature = "booking-bundle")))]
#[component]
pub fn AppLink(props: &AppLinkProps) -> Html {
    use yew_router::prelude::Link;
    html! {
        <Link<Route> classes={props.classes.clone()} to={props.to.clone()}>{ props.children.clone() }</Link<Route>>
    }
}

/// A link to `to` with `children` as its text.
#[cfg(any(feature = "form-bundle", feature = "booking-bundle"))]
#[component]
pub fn AppLink(props: &AppLinkProps) -> Html {
    use yew_router::Routable as _;
    html! {
        <a class={props.classes.clone()} href={props.to.to_path()}>{ props.children.clone() }</a>
    }
}
