//! The Bürgerportal single-page app: citizen forms and the staff area.
//!
//! Everything except the entry point lives here so host tests can render components. Only
//! [`api`] talks to the server and only [`browser`] touches browser globals outside of
//! components' own event handlers.

pub mod api;
pub mod app;
// Only the booking bundle uses it; left out of the citizen bundle's build (other bundles and the
// backend's native build compile it, and the linker drops it where nothing refers to it).
#[cfg(not(feature = "citizen-bundle"))]
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
