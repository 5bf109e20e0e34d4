//! What a form asks beyond its fields: a fee paid by transfer (amount, account, transfer text
//! and a GiroCode on the receipt) and the acknowledgement of its privacy notice.

use axum::http::StatusCode;
use base64::Engine as _;
use serde_json::json;
use shared::FormDefinition;
use shared::api::{SubmissionReceipt, SubmitAnswers};

use crate::helpers::{TestApp, on_both_engines};

on_both_engines!(
    a_form_with_a_fee_answers_with_payment_details,
    without_a_configured_account_no_payment_details_are_shown,
    a_privacy_notice_must_be_acknowledged_before_sending,
);

fn licence_form() -> FormDefinition {
    serde_json::from_value(json!({
        "slug": "hund-test",
        "title": { "de": "Hund anmelden" },
        "payment": { "amount_field": "steuer", "purpose": { "de": "Hundesteuer" } },
        "pages": [{ "title": { "de": "Hund" }, "fields": [
            { "key": "hunde", "label": { "de": "Anzahl Hunde" }, "type": "integer", "required": true },
            { "key": "steuer", "label": { "de": "Steuer" }, "type": "computed", "display": "money",
              "expression": "if(hunde > 1, 96 + (hunde - 1) * 120, 96)" }
        ]}]
    }))
    .unwrap()
}

async fn send(app: &TestApp, dogs: i64) -> SubmissionReceipt {
    let definition = licence_form();
    if app.get("/api/forms/hund-test", None).await.status == StatusCode::NOT_FOUND {
        app.publish(definition.clone()).await;
    }
    let command = SubmitAnswers {
        version: 1,
        answers: serde_json::from_value(json!({ "hunde": dogs })).unwrap(),
        privacy_acknowledged: false,
        language: shared::Lang::De,
    };
    let response = app.submit(&definition.slug, &command).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn a_form_with_a_fee_answers_with_payment_details(app: TestApp) {
    let app = app
        .respawn_with(|config| {
            config.payment_recipient = Some("Stadtkasse Musterstadt".into());
            config.payment_iban = Some("DE89370400440532013000".into());
        })
        .await;
    let receipt = send(&app, 2).await;
    let payment = receipt.payment.expect("payment details");
    assert_eq!(payment.amount_cents, 21_600);
    assert_eq!(payment.recipient, "Stadtkasse Musterstadt");
    assert_eq!(payment.iban, "DE89 3704 0044 0532 0130 00");
    assert_eq!(
        payment.remittance,
        format!("{} Hundesteuer", receipt.reference)
    );
    let svg = payment
        .girocode
        .strip_prefix("data:image/svg+xml;base64,")
        .map(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap()
        })
        .expect("an SVG data URI");
    assert!(String::from_utf8_lossy(&svg).starts_with("<?xml"));
}

async fn without_a_configured_account_no_payment_details_are_shown(app: TestApp) {
    let receipt = send(&app, 1).await;
    assert_eq!(receipt.payment, None);
}

/// A form with an Art. 13 privacy notice.
fn noticed_form() -> FormDefinition {
    let mut definition = licence_form();
    definition.slug = "hinweis-test".parse().unwrap();
    definition.payment = None;
    definition.privacy_notice = Some(shared::LocalizedText::de(
        "Verantwortlich ist die Stadt Musterstadt.\n\nIhre Angaben werden zwei Jahre gespeichert.",
    ));
    definition
}

async fn a_privacy_notice_must_be_acknowledged_before_sending(app: TestApp) {
    let definition = noticed_form();
    app.publish(definition.clone()).await;
    let mut command = SubmitAnswers {
        version: 1,
        answers: serde_json::from_value(json!({ "hunde": 1 })).unwrap(),
        privacy_acknowledged: false,
        language: shared::Lang::De,
    };
    let refused = app.submit(&definition.slug, &command).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = refused.error();
    assert_eq!(error.code, shared::api::ErrorCode::PrivacyNotAcknowledged);
    assert_eq!(
        error.message,
        "Bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben"
    );
    command.privacy_acknowledged = true;
    let accepted = app.submit(&definition.slug, &command).await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text());
}
