//! The Bürgerportal server: serves the single-page app and the `/api`, stores forms and
//! submissions in SQLite or PostgreSQL. See `ARCHITECTURE.md` for the map.

mod access_code;
pub mod app;
mod audit;
pub mod auth;
pub mod bench;
pub mod booking;
mod bundle;
pub mod catalogue;
pub mod clock;
mod compiled_forms;
pub mod config;
pub mod db;
mod demo;
mod diff;
mod error;
mod export;
mod extract;
pub mod fim;
pub mod mail;
mod payment;
mod pdf;
pub mod privacy;
mod receipt;
mod routes;
mod search;
mod security;
pub mod slots;
mod ssr;
mod telemetry;
mod throttle;
pub mod totp;
pub mod uploads;
