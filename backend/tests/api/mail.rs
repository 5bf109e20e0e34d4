//! Confirmation e-mails through the durable outbox, against a real SMTP conversation, and the
//! PDF receipt.

use axum::http::{Method, StatusCode, header};
use backend::db::outbox::{self, OutboxCounts};
use backend::mail::{DeliveryReport, deliver_due};
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::json;
use shared::FormDefinition;
use shared::api::{
    ChangeStatus, ErrorCode, ProcessingStatus, StatusQuery, SubmissionReceipt, SubmitAnswers, paths,
};

use crate::helpers::{TestApp, on_both_engines};
use crate::smtp_sink::{Mode, SmtpSink};

on_both_engines!(
    a_submission_is_confirmed_by_mail_with_reference_and_fee,
    mail_waits_in_the_outbox_while_the_server_is_down,
    a_rejected_recipient_is_given_up_at_once,
    without_smtp_nothing_is_queued,
    the_pdf_receipt_shows_exactly_what_was_sent,
    a_status_change_reaches_the_citizen_by_mail_and_on_the_status_page,
);

fn dog_form() -> FormDefinition {
    serde_json::from_value(json!({
        "slug": "hund-test",
        "title": { "de": "Hund anmelden", "en": "Register a dog" },
        "payment": { "amount_field": "steuer", "purpose": { "de": "Hundesteuer" } },
        "confirmation_email_field": "email",
        "pages": [
            { "title": { "de": "Halter" }, "fields": [
                { "key": "name", "label": { "de": "Name" }, "type": "text", "required": true },
                { "key": "email", "label": { "de": "E-Mail-Adresse" }, "type": "email", "required": true }
            ]},
            { "title": { "de": "Hunde" }, "fields": [
                { "key": "hunde", "label": { "de": "Hund" }, "type": "group", "fields": [
                    { "key": "rufname", "label": { "de": "Rufname" }, "type": "text", "required": true }
                ]},
                { "key": "steuer", "label": { "de": "Steuer" }, "type": "computed", "display": "money",
                  "expression": "96" }
            ]}
        ]
    }))
    .unwrap()
}

async fn app_with_mail(app: TestApp, sink: &SmtpSink) -> TestApp {
    let url = sink.url.clone();
    app.respawn_with(move |config| {
        config.smtp_url = Some(url);
        config.mail_from = "Stadt Musterstadt <buergerportal@musterstadt.example>".into();
        config.public_url = Some("https://buergerportal.musterstadt.example/".into());
        config.payment_recipient = Some("Stadtkasse Musterstadt".into());
        config.payment_iban = Some("DE89370400440532013000".into());
    })
    .await
}

async fn send(app: &TestApp, language: shared::Lang) -> SubmissionReceipt {
    let definition = dog_form();
    if app.get("/api/forms/hund-test", None).await.status == StatusCode::NOT_FOUND {
        app.publish(definition.clone()).await;
    }
    let command = SubmitAnswers {
        version: 1,
        answers: serde_json::from_value(json!({
            "name": "Şükrü Łukasiewicz",
            "email": "halter@example.org",
            "hunde": [{ "rufname": "Bello" }, { "rufname": "Ζωή" }]
        }))
        .unwrap(),
        privacy_acknowledged: false,
        language,
    };
    let response = app.submit(&definition.slug, &command).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn counts(app: &TestApp) -> OutboxCounts {
    outbox::counts(&app.db).await.unwrap()
}

async fn a_submission_is_confirmed_by_mail_with_reference_and_fee(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    let receipt = send(&app, shared::Lang::De).await;
    assert_eq!(counts(&app).await.pending, 1);

    let report = deliver_due(&app.state).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 1,
            retried: 0,
            failed: 0
        }
    );
    assert_eq!(
        counts(&app).await,
        OutboxCounts {
            pending: 0,
            sent: 1,
            failed: 0
        }
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].recipients, ["halter@example.org"]);
    let message = MessageParser::default()
        .parse(received[0].data.as_bytes())
        .unwrap();
    let reference = receipt.reference.as_str();
    assert_eq!(
        message.subject(),
        Some(format!("Eingangsbestätigung {reference}: Hund anmelden").as_str())
    );
    let text = message.body_text(0).unwrap();
    assert!(text.contains(reference), "{text}");
    assert!(text.contains("96,00 €"), "{text}");
    assert!(text.contains("DE89 3704 0044 0532 0130 00"), "{text}");
    assert!(text.contains(&format!("{reference} Hundesteuer")), "{text}");
    assert!(
        text.contains("https://buergerportal.musterstadt.example/bearbeitungsstand"),
        "{text}"
    );
    // Neither the answers nor the access code travel by e-mail.
    assert!(!text.contains(&receipt.access_code), "{text}");
    assert!(!text.contains("Bello"), "{text}");
    let html = message.body_html(0).unwrap();
    assert!(html.contains("src=\"cid:girocode\""), "{html}");
    let image = message
        .attachments()
        .find(|part| part.content_id() == Some("girocode"))
        .expect("the GiroCode as an inline image");
    assert!(image.contents().starts_with(b"\x89PNG"));

    // Nothing is sent twice.
    assert_eq!(
        deliver_due(&app.state).await.unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(sink.received().len(), 1);
}

async fn mail_waits_in_the_outbox_while_the_server_is_down(app: TestApp) {
    let sink = SmtpSink::start().await;
    sink.set_mode(Mode::Unavailable);
    let app = app_with_mail(app, &sink).await;
    send(&app, shared::Lang::En).await;

    let report = deliver_due(&app.state).await.unwrap();
    assert_eq!(report.retried, 1);
    assert_eq!(counts(&app).await.pending, 1);
    // The retry is not due yet, even once the server is back.
    sink.set_mode(Mode::Accept);
    assert_eq!(
        deliver_due(&app.state).await.unwrap(),
        DeliveryReport::default()
    );
    app.clock
        .set(crate::helpers::test_start_time() + chrono::Duration::seconds(61));
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let message = MessageParser::default()
        .parse(received[0].data.as_bytes())
        .unwrap();
    assert!(
        message
            .subject()
            .unwrap_or_default()
            .starts_with("Confirmation of receipt BP-"),
        "{:?}",
        message.subject()
    );
}

async fn a_rejected_recipient_is_given_up_at_once(app: TestApp) {
    let sink = SmtpSink::start().await;
    sink.set_mode(Mode::RejectRecipients);
    let app = app_with_mail(app, &sink).await;
    send(&app, shared::Lang::De).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().failed, 1);
    assert_eq!(
        counts(&app).await,
        OutboxCounts {
            pending: 0,
            sent: 0,
            failed: 1
        }
    );
}

async fn without_smtp_nothing_is_queued(app: TestApp) {
    send(&app, shared::Lang::De).await;
    assert_eq!(counts(&app).await, OutboxCounts::default());
}

async fn the_pdf_receipt_shows_exactly_what_was_sent(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    let receipt = send(&app, shared::Lang::De).await;
    let query = StatusQuery {
        reference: receipt.reference.as_str().to_owned(),
        access_code: receipt.access_code.clone(),
    };
    let response = app
        .send_json(Method::POST, paths::STATUS_RECEIPT, &query, None)
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(
        response.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains(&format!("Eingangsbestaetigung-{}.pdf", receipt.reference))
    );
    let pdf = lopdf::Document::load_mem(&response.body).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    for expected in [
        "Eingangsbestätigung",
        "Hund anmelden",
        receipt.reference.as_str(),
        receipt.access_code.as_str(),
        "Şükrü Łukasiewicz",
        "Hund 2",
        "Ζωή",
        "96,00 €",
        "DE89 3704 0044 0532 0130 00",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    // Tagged for screen readers, with the document's language.
    let catalog = pdf.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    assert!(catalog.get(b"Lang").is_ok());

    let wrong = StatusQuery {
        reference: receipt.reference.as_str().to_owned(),
        access_code: "2222-2222-2222".into(),
    };
    let response = app
        .send_json(Method::POST, paths::STATUS_RECEIPT, &wrong, None)
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.error().code, ErrorCode::StatusNotFound);
}

async fn a_status_change_reaches_the_citizen_by_mail_and_on_the_status_page(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    let receipt = send(&app, shared::Lang::De).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);

    app.create_staff("fall@example.org", "Sachbearbeitung-1")
        .await;
    let cookie = app.login("fall@example.org", "Sachbearbeitung-1").await;
    let form_id = app
        .get(paths::STAFF_FORMS, Some(&cookie))
        .await
        .json::<Vec<shared::api::StaffFormSummary>>()[0]
        .id;
    let id = app
        .get(&paths::staff_form_submissions(form_id), Some(&cookie))
        .await
        .json::<Vec<shared::api::StaffSubmissionSummary>>()[0]
        .id
        .clone();
    let change = |status: ProcessingStatus, message: &str| ChangeStatus {
        status,
        message: Some(message.to_owned()),
    };
    let path = paths::staff_submission_status(&id);
    for refused in [
        change(ProcessingStatus::Received, "zurück"),
        change(ProcessingStatus::InProgress, &"x".repeat(2001)),
    ] {
        let response = app
            .send_json(Method::POST, &path, &refused, Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.error().code, ErrorCode::InvalidStatusChange);
    }
    let request = change(
        ProcessingStatus::MoreInformationNeeded,
        "Bitte senden Sie uns den Impfpass von Bello.",
    );
    assert_eq!(
        app.send_json(Method::POST, &path, &request, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            &paths::staff_submission_status("0b4c9a8e-5f0e-4a53-9a43-3b1c2d9e8f00"),
            &request,
            Some(&cookie)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let response = app
        .send_json(Method::POST, &path, &request, Some(&cookie))
        .await;
    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );

    // By e-mail, through the outbox ...
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    let message = MessageParser::default()
        .parse(received[1].data.as_bytes())
        .unwrap();
    let reference = receipt.reference.as_str();
    assert_eq!(
        message.subject(),
        Some(format!("Neuer Stand zu Ihrem Antrag {reference}: Angaben fehlen").as_str())
    );
    let text = message.body_text(0).unwrap();
    assert!(
        text.contains("Bitte senden Sie uns den Impfpass von Bello."),
        "{text}"
    );
    assert!(!text.contains(&receipt.access_code), "{text}");

    // ... on the status page ...
    let view: shared::api::StatusView = app
        .send_json(
            Method::POST,
            paths::STATUS,
            &StatusQuery {
                reference: reference.to_owned(),
                access_code: receipt.access_code.clone(),
            },
            None,
        )
        .await
        .json();
    assert_eq!(view.status, ProcessingStatus::MoreInformationNeeded);
    assert_eq!(
        view.events
            .last()
            .and_then(|event| event.message.as_deref()),
        Some("Bitte senden Sie uns den Impfpass von Bello.")
    );
    // ... and for staff.
    let detail: shared::api::StaffSubmission = app
        .get(&paths::staff_submission(&id), Some(&cookie))
        .await
        .json();
    assert_eq!(detail.status, ProcessingStatus::MoreInformationNeeded);
    assert_eq!(detail.events.len(), 2);
}
