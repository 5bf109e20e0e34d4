//! Processing status: only reference number and access code together show it; wrong guesses
//! learn nothing and are throttled.

use axum::http::{Method, StatusCode, header};
use shared::api::{ErrorCode, ProcessingStatus, StatusQuery, StatusView, SubmissionReceipt, paths};

use crate::helpers::{TestApp, lost_property_form, on_both_engines, valid_command};

on_both_engines!(
    reference_and_access_code_show_the_status,
    wrong_codes_and_unknown_references_look_the_same,
    guessing_is_throttled_per_reference,
);

async fn submitted(app: &TestApp) -> SubmissionReceipt {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let command = valid_command();
    let response = app.submit(&definition.slug, &command).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn look_up(
    app: &TestApp,
    reference: &str,
    access_code: &str,
) -> crate::helpers::TestResponse {
    let query = StatusQuery {
        reference: reference.to_owned(),
        access_code: access_code.to_owned(),
    };
    app.send_json(Method::POST, paths::STATUS, &query, None)
        .await
}

async fn reference_and_access_code_show_the_status(app: TestApp) {
    let receipt = submitted(&app).await;
    assert_eq!(receipt.access_code.len(), 14, "{}", receipt.access_code);

    let response = look_up(&app, receipt.reference.as_str(), &receipt.access_code).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let view: StatusView = response.json();
    assert_eq!(view.reference, receipt.reference);
    assert_eq!(view.form_title.de, "Fundsache melden");
    assert_eq!(view.status, ProcessingStatus::Received);
    assert_eq!(view.events.len(), 1);
    assert_eq!(view.events[0].status, ProcessingStatus::Received);
    assert_eq!(view.events[0].at, "2026-11-23T10:00:00Z");

    // Typed as people type: lower case, spaces instead of dashes.
    let typed_code = receipt.access_code.to_lowercase().replace('-', " ");
    let typed_reference = format!(" {} ", receipt.reference.as_str().to_lowercase());
    let response = look_up(&app, &typed_reference, &typed_code).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

async fn wrong_codes_and_unknown_references_look_the_same(app: TestApp) {
    let receipt = submitted(&app).await;
    let wrong_code = look_up(&app, receipt.reference.as_str(), "2222-2222-2222").await;
    let unknown_reference = look_up(&app, "BP-2026-999999", &receipt.access_code).await;
    for response in [&wrong_code, &unknown_reference] {
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        assert_eq!(response.error().code, ErrorCode::StatusNotFound);
    }
    assert_eq!(wrong_code.body, unknown_reference.body);
    // Oversized input is just as wrong, not an error of its own.
    let long = look_up(&app, &"B".repeat(5000), &"C".repeat(5000)).await;
    assert_eq!(long.body, wrong_code.body);
}

async fn guessing_is_throttled_per_reference(app: TestApp) {
    let receipt = submitted(&app).await;
    for attempt in 0..10 {
        let response = look_up(
            &app,
            receipt.reference.as_str(),
            &format!("2222-2222-{attempt:04}"),
        )
        .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND);
    }
    // Now even the right code waits until the window has passed.
    let blocked = look_up(&app, receipt.reference.as_str(), &receipt.access_code).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(blocked.error().code, ErrorCode::RateLimited);

    app.clock
        .set(crate::helpers::test_start_time() + chrono::Duration::minutes(16));
    let later = look_up(&app, receipt.reference.as_str(), &receipt.access_code).await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.text());
}
