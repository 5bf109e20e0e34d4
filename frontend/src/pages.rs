//! One module per [`crate::route::Route`] variant; pages load data through [`crate::api`] and
//! compose components.

#[cfg(not(feature = "citizen-bundle"))]
pub mod appointment_day;
#[cfg(not(feature = "citizen-bundle"))]
mod appointment_forms;
#[cfg(not(feature = "citizen-bundle"))]
pub mod audit_log;
#[cfg(not(feature = "citizen-bundle"))]
pub mod editor_home;
#[cfg(not(feature = "citizen-bundle"))]
mod filter_form;
#[cfg(not(feature = "citizen-bundle"))]
pub mod form_editor;
pub mod form_fill;
#[cfg(not(feature = "citizen-bundle"))]
pub mod inbox;
#[cfg(not(feature = "citizen-bundle"))]
pub mod key_figures;
pub mod legal;
#[cfg(not(feature = "citizen-bundle"))]
pub mod locations;
pub mod not_found;
#[cfg(not(feature = "citizen-bundle"))]
pub mod privacy_requests;
pub mod services;
#[cfg(not(feature = "citizen-bundle"))]
pub mod staff_home;
#[cfg(not(feature = "citizen-bundle"))]
pub mod staff_login;
#[cfg(not(feature = "citizen-bundle"))]
pub mod staff_submissions;
pub mod start;
pub mod status;
#[cfg(not(feature = "citizen-bundle"))]
pub mod users;
