//! Prop-driven building blocks: they render what they are given and report input through
//! callbacks; none of them fetches data.

pub mod app_link;
pub mod date_input;
pub mod error_summary;
pub mod field_input;
pub mod file_upload;
pub mod simple_input;
pub mod site_layout;
pub mod status_notice;
pub mod summary_list;
