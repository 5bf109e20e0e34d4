//! API tests: the real router on a real database, every test once on SQLite and once on
//! PostgreSQL (`BP_TEST_POSTGRES_URL`, started by `scripts/test`).

#![allow(
    clippy::unwrap_used,
    reason = "a failed set-up step should fail the test loudly"
)]

mod helpers;
mod smtp_sink;

mod appointments;
mod audit;
mod catalogue;
mod departments;
mod downloads;
mod editor;
mod figures;
mod forms;
mod inbox;
mod mail;
mod paths;
mod payment;
mod privacy;
mod spa;
mod staff;
mod status;
mod submissions;
mod totp;
mod uploads;
mod users;
