//! One module per [`crate::route::Route`] variant; pages load data through [`crate::api`] and
//! compose components.

pub mod editor_home;
pub mod form_editor;
pub mod form_fill;
pub mod legal;
pub mod not_found;
pub mod services;
pub mod staff_home;
pub mod staff_login;
pub mod start;
pub mod status;
