//! Online appointment booking for citizens (Online-Terminvergabe): the booking bundle's root
//! (`src/bin/booking.rs`, `frontend/booking.html`, feature `booking-bundle`) for `/termine`
//! and its sub-paths. It has no router: the page is chosen once from the address, and every
//! link out of it is a plain `<a href>` (a full page load of the citizen app).

pub mod calendar;
pub mod concerns;
pub mod confirmation;
pub mod request;

use yew::prelude::*;

use crate::browser;
use crate::components::site_layout::SiteLayout;
use crate::i18n::LangProvider;
use crate::pages::not_found::NotFoundPage;

/// The pages of the booking bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingPage {
    /// `/termine`: book an appointment.
    Request,
    /// `/termine/aktivieren#<token>`: the e-mailed activation link.
    Activate,
    /// `/termine/verwalten#<token>`: the e-mailed manage link.
    Manage,
    NotFound,
}

/// The page for an address's path.
pub fn page_of(path: &str) -> BookingPage {
    match path.trim_end_matches('/') {
        "/termine" => BookingPage::Request,
        "/termine/aktivieren" => BookingPage::Activate,
        "/termine/verwalten" => BookingPage::Manage,
        _ => BookingPage::NotFound,
    }
}

/// The booking bundle's whole app.
#[component]
pub fn BookingApp() -> Html {
    let page = use_memo((), |()| page_of(&browser::location_path()));
    html! {
        <LangProvider>
            <SiteLayout>
                { match *page {
                    BookingPage::Request => html! { <request::RequestPage /> },
                    BookingPage::Activate => html! { <confirmation::ActivatePage /> },
                    BookingPage::Manage => html! { <confirmation::ManagePage /> },
                    BookingPage::NotFound => html! { <NotFoundPage /> },
                } }
            </SiteLayout>
        </LangProvider>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_chosen_by_path() {
        assert_eq!(page_of("/termine"), BookingPage::Request);
        assert_eq!(page_of("/termine/"), BookingPage::Request);
        assert_eq!(page_of("/termine/aktivieren"), BookingPage::Activate);
        assert_eq!(page_of("/termine/verwalten"), BookingPage::Manage);
        assert_eq!(page_of("/termine/x"), BookingPage::NotFound);
    }
}
