//! The export benchmark behind `scripts/bench-export` (issue 6: 10,000 submissions export in
//! under 5 seconds with bounded memory).
//!
//! Seeds a fresh SQLite database in a temporary directory with the demo form "Fundsache
//! melden" and `count` submissions, then downloads the CSV, Excel and JSON exports through the
//! real router (an admin's session, the audit log included), reading each body to the end, and
//! reports the time, the bytes and how far the process's peak memory (`VmHWM`, reset before
//! each download) rose above what it used before.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, header};
use futures_util::StreamExt;
use shared::api::editor::StaffRole;
use shared::api::paths;

use crate::app::{AppState, router};
use crate::clock::{SystemClock, local_date};
use crate::config::Config;
use crate::db::{self, Db, PoolSizes};

/// One measured download.
#[derive(Debug)]
pub struct Measurement {
    pub format: &'static str,
    pub elapsed: Duration,
    pub bytes: u64,
    /// Resident memory just before the download, in KiB.
    pub before_kib: u64,
    /// Peak resident memory during the download, in KiB.
    pub peak_kib: u64,
}

/// What the benchmark measured.
#[derive(Debug)]
pub struct Report {
    pub submissions: usize,
    /// Peak resident memory after seeding, before the first download, in KiB.
    pub seeded_peak_kib: u64,
    pub downloads: Vec<Measurement>,
}

/// A memory figure of this process from `/proc/self/status` (`VmHWM:` peak, `VmRSS:` now),
/// in KiB (Linux), 0 where unknown.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn peak_kib() -> u64 {
    status_kib("VmHWM:")
}

/// Resets the peak to the memory in use now (Linux 4.0+), so that the next peak is that of the
/// next download alone, not of the seeding before it. Returns the memory in use.
fn reset_peak() -> u64 {
    // Without the file (another system) the peak is not reset: the bar then compares against
    // a higher baseline, reported as such.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kib("VmRSS:")
}

/// Seeds `count` submissions and measures the three exports of their form.
pub async fn export_benchmark(count: usize) -> anyhow::Result<Report> {
    let dir = tempfile::tempdir()?;
    let db = Db::open_sqlite(&dir.path().join("bench.db"), PoolSizes::default()).await?;
    db.migrate().await?;
    let clock = Arc::new(SystemClock);
    let form = crate::demo::demo_forms()?
        .into_iter()
        .find(|form| form.definition().slug.as_str() == "fundsache-melden")
        .context("the demo form fundsache-melden")?;
    let now = chrono::Utc::now();
    let form_id = db::forms::publish_new_form(&db, &form, now.timestamp_millis()).await?;
    let mut config = Config::for_tests();
    config.data_dir = dir.path().join("data");
    let today = local_date(now, config.time_zone);
    for number in 0..count {
        let answers: shared::Answers = serde_json::from_value(serde_json::json!({
            "gegenstand": format!("Schlüsselbund Nr. {number}"),
            "beschreibung": "Drei Schlüssel an einem roten Ring, einer davon mit Gummikappe; gefunden neben der Bank am Brunnen.",
            "funddatum": "2026-11-22",
            "fundort": "Marktplatz, vor dem Rathaus",
            "kategorie": "schluessel",
            "wert": number % 500,
            "vorname": "Erika",
            "nachname": format!("Mustermann-{number}"),
            "email": format!("erika.{number}@example.org"),
            "postleitzahl": "12345",
            "finderlohn": "ja"
        }))?;
        let valid = form
            .validate(&answers, today)
            .map_err(|errors| anyhow::anyhow!("benchmark answers invalid: {errors:?}"))?;
        db::submissions::insert_submission(
            &db,
            &db::submissions::NewSubmission {
                form_id,
                form_version: 1,
                answers: &valid,
                received_at_ms: now.timestamp_millis() + i64::try_from(number)?,
                year: chrono::Datelike::year(&now),
                uploads: &[],
                access_code: "AAAA-BBBB-CCCC",
                privacy_acknowledged_at_ms: None,
                payment: None,
                language: shared::Lang::De,
                confirmation_to: None,
            },
        )
        .await?
        .map_err(|taken| anyhow::anyhow!("upload taken: {taken:?}"))?;
    }
    crate::auth::create_staff_account(
        &db,
        "bench@example.org",
        "Bench",
        "Bench-Passwort-1",
        StaffRole::Admin,
        0,
    )
    .await?;
    let account = db::staff::fetch_optional_by_email(&db, "bench@example.org")
        .await?
        .context("the bench account")?;
    let token = crate::auth::new_session_token();
    db::staff::insert_session(
        &db,
        &crate::auth::token_hash(&token),
        &account.id,
        now.timestamp_millis(),
        now.timestamp_millis() + crate::auth::SESSION_LIFETIME_MS,
    )
    .await?;
    let cookie = crate::auth::session_cookie(&token, false);
    let cookie = cookie.split(';').next().unwrap_or_default().to_owned();
    let app = router(AppState::new(db, config, clock)?);
    let seeded_peak_kib = peak_kib();
    let mut downloads = Vec::new();
    for (format, template) in [
        ("CSV", paths::STAFF_FORM_CSV),
        ("Excel", paths::STAFF_FORM_XLSX),
        ("JSON", paths::STAFF_FORM_JSON),
    ] {
        let before_kib = reset_peak();
        let request = Request::get(paths::staff_form_download(template, form_id))
            .header(header::COOKIE, &cookie)
            .body(Body::empty())?;
        let started = Instant::now();
        let response = tower::ServiceExt::oneshot(app.clone(), request).await?;
        anyhow::ensure!(
            response.status().is_success(),
            "{format}: {}",
            response.status()
        );
        let mut body = response.into_body().into_data_stream();
        let mut bytes = 0u64;
        while let Some(chunk) = body.next().await {
            bytes += u64::try_from(chunk?.len())?;
        }
        downloads.push(Measurement {
            format,
            elapsed: started.elapsed(),
            bytes,
            before_kib,
            peak_kib: peak_kib(),
        });
    }
    Ok(Report {
        submissions: count,
        seeded_peak_kib,
        downloads,
    })
}
