//! Key figures: submissions per month and form (city time), processing times (median and 90th
//! percentile of received → completed), statuses, within the account's departments.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use shared::api::editor::StaffRole;
use shared::api::{
    ChangeStatus, ErrorCode, KeyFigures, ProcessingStatus, StaffSubmissionSummary, paths,
};

use crate::helpers::{
    TEST_DEPARTMENT, TestApp, lost_property_form, on_both_engines, test_start_time, valid_command,
};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(key_figures_count_time_and_status_per_department);

async fn key_figures_count_time_and_status_per_department(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    // Two submissions in November, one in December (city time: 23:30 UTC on 30 November is
    // already 1 December in Berlin).
    for at in [
        test_start_time(),
        test_start_time() + Duration::days(1),
        test_start_time() + Duration::days(7) + Duration::hours(13) + Duration::minutes(30),
    ] {
        app.clock.set(at);
        let response = app.submit(&definition.slug, &valid_command()).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    app.create_staff("fall@example.org", PASSWORD).await;
    let staff = app.login("fall@example.org", PASSWORD).await;
    let listed: Vec<StaffSubmissionSummary> = app
        .get(&paths::staff_form_submissions(form_id), Some(&staff))
        .await
        .json();
    // Completed after 24 and 72 hours.
    let mut oldest_first = listed.clone();
    oldest_first.reverse();
    for (item, hours) in oldest_first.iter().take(2).zip([24, 72]) {
        app.clock.set(
            chrono::DateTime::parse_from_rfc3339(&item.received_at)
                .unwrap()
                .to_utc()
                + Duration::hours(hours),
        );
        let staff = app.login("fall@example.org", PASSWORD).await;
        let done = ChangeStatus {
            status: ProcessingStatus::Completed,
            message: None,
        };
        let response = app
            .send_json(
                Method::POST,
                &paths::staff_submission_status(&item.id),
                &done,
                Some(&staff),
            )
            .await;
        assert_eq!(response.status, StatusCode::NO_CONTENT);
    }
    let staff = app.login("fall@example.org", PASSWORD).await;
    let figures: KeyFigures = app
        .get(
            &format!("{}?from=2026-11-01&to=2026-12-31", paths::STAFF_FIGURES),
            Some(&staff),
        )
        .await
        .json();
    let monthly: Vec<(&str, &str, Option<&str>, u64)> = figures
        .monthly
        .iter()
        .map(|row| {
            (
                row.month.as_str(),
                row.form.as_str(),
                row.department.as_deref(),
                row.count,
            )
        })
        .collect();
    assert_eq!(
        monthly,
        [
            ("2026-11", "Fundsache melden", Some(TEST_DEPARTMENT), 2),
            ("2026-12", "Fundsache melden", Some(TEST_DEPARTMENT), 1)
        ]
    );
    assert_eq!(figures.processing.len(), 1);
    assert_eq!(figures.processing[0].completed, 2);
    assert!((figures.processing[0].median_hours - 24.0).abs() < 0.01);
    assert!((figures.processing[0].p90_hours - 72.0).abs() < 0.01);
    let statuses: Vec<(ProcessingStatus, u64)> = figures
        .statuses
        .iter()
        .map(|count| (count.status, count.count))
        .collect();
    assert!(statuses.contains(&(ProcessingStatus::Completed, 2)));
    assert!(statuses.contains(&(ProcessingStatus::Received, 1)));
    // The period filters by day of receipt.
    let december: KeyFigures = app
        .get(
            &format!("{}?from=2026-12-01&to=2026-12-31", paths::STAFF_FIGURES),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(december.monthly.len(), 1);
    assert!(december.processing.is_empty());

    // Another department's case worker sees nothing of it; bad periods are refused.
    app.create_account("andere@example.org", "Andere", PASSWORD, StaffRole::Staff)
        .await;
    let other = app.login("andere@example.org", PASSWORD).await;
    let theirs: KeyFigures = app
        .get(
            &format!("{}?from=2026-11-01&to=2026-12-31", paths::STAFF_FIGURES),
            Some(&other),
        )
        .await
        .json();
    assert!(theirs.monthly.is_empty() && theirs.processing.is_empty());
    for bad in ["?from=2026-12-31&to=2026-11-01", "?from=gestern"] {
        let response = app
            .get(&format!("{}{bad}", paths::STAFF_FIGURES), Some(&staff))
            .await;
        assert_eq!(response.error().code, ErrorCode::MalformedRequest, "{bad}");
    }
}
