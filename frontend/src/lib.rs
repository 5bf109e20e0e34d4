//! The Bürgerportal single-page app: citizen forms and the staff area.
//!
//! Everything except the entry point lives here so host tests can render components. Only
//! [`api`] talks to the server and only [`browser`] touches browser globals outside of
//! components' own event handlers.

pub mod api;
pub mod app;
// Only the booking bundle uses it; left out of the citizen and form bundles' builds.
#[cfg(not(any(feature = "citizen-bundle", feature = "form-bundle")))]
pub mod booking;
pub mod browser;
pub mod components;
pub mod draft;
pub mod editor_state;
pub mod form_app;
pub mod form_flow;
pub mod i18n;
pub mod pages;
pub mod route;
