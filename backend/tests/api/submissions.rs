//! Submitting answers: validation by the server, reference numbers, and every error shape.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use chrono::{TimeZone, Utc};
use shared::api::{ErrorCode, SubmissionReceipt, SubmitAnswers, paths};
use shared::{AnswerValue, CompiledForm, FieldErrorKind, FieldKey};

use crate::helpers::{TestApp, lost_property_form, on_both_engines, valid_answers, valid_command};

on_both_engines!(
    valid_submission_gets_sequential_reference_numbers,
    reference_numbers_restart_in_the_new_local_year,
    invalid_answers_get_the_same_errors_as_the_client_computes,
    errors_are_localized_by_accept_language,
    malformed_json_is_400,
    wrong_content_type_is_415,
    oversized_body_is_413,
    unknown_form_or_version_is_404,
    unknown_answer_keys_are_not_stored,
    concurrent_submissions_get_distinct_gapless_references,
    cross_site_post_is_refused,
);

async fn valid_submission_gets_sequential_reference_numbers(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let command = valid_command();

    let first = app.submit(&definition.slug, &command).await;
    let second = app.submit(&definition.slug, &command).await;

    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first: SubmissionReceipt = first.json();
    let second: SubmissionReceipt = second.json();
    assert_eq!(first.reference.as_str(), "BP-2026-000001");
    assert_eq!(second.reference.as_str(), "BP-2026-000002");
    assert_eq!(first.received_at, "2026-11-23T10:00:00Z");
}

async fn reference_numbers_restart_in_the_new_local_year(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let command = valid_command();
    app.submit(&definition.slug, &command).await;

    // 23:30 UTC on New Year's Eve is already 2027 in Berlin.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap());
    let receipt: SubmissionReceipt = app.submit(&definition.slug, &command).await.json();

    assert_eq!(receipt.reference.as_str(), "BP-2027-000001");
}

async fn invalid_answers_get_the_same_errors_as_the_client_computes(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let mut answers = valid_answers();
    answers.set(key("gegenstand"), AnswerValue::Text("x".repeat(21)));
    answers.set(key("funddatum"), AnswerValue::Text("2026-11-24".into()));
    answers.set(key("wert"), AnswerValue::Text("zwölf".into()));
    answers.remove(&key("email"));
    answers.set(key("datenschutz"), AnswerValue::Bool(false));

    let response = app
        .submit(
            &definition.slug,
            &SubmitAnswers {
                version: 1,
                answers: answers.clone(),
                privacy_acknowledged: false,
                language: shared::Lang::De,
            },
        )
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = response.error();
    assert_eq!(error.code, ErrorCode::ValidationFailed);
    // What the browser computes with the same shared function on the same day.
    let today = "2026-11-23".parse().unwrap();
    let client_errors = CompiledForm::new(definition)
        .unwrap()
        .validate(&answers, today)
        .unwrap_err();
    assert_eq!(error.fields, client_errors);
    let codes: Vec<_> = error
        .fields
        .iter()
        .map(|field| (field.field.as_str(), field.kind.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            ("gegenstand", FieldErrorKind::TooLong { max: 20 }),
            ("funddatum", FieldErrorKind::DateInFuture),
            ("wert", FieldErrorKind::NotAWholeNumber),
            ("email", FieldErrorKind::Required),
            ("datenschutz", FieldErrorKind::Required),
        ]
    );
    assert_eq!(
        error.fields[3].message.de,
        "Füllen Sie „E-Mail-Adresse“ aus"
    );
}

async fn errors_are_localized_by_accept_language(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let request = Request::builder()
        .method(Method::POST)
        .uri(paths::form_submissions(&definition.slug))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(Body::from(r#"{"version": 1, "answers": {}}"#))
        .unwrap();

    let error = app.request(request).await.error();

    assert_eq!(error.message, "Some answers need to be corrected");
    assert_eq!(
        error.fields[0].message.get(shared::Lang::En),
        "Enter “What did you find?”"
    );
}

async fn malformed_json_is_400(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    for body in [
        r#"{"version": 1, "answers": "#,
        r#"{"version": "eins", "answers": {}}"#,
        r#"{"version": 1, "answers": {"Bad Key": 1}}"#,
    ] {
        let request = Request::builder()
            .method(Method::POST)
            .uri(paths::form_submissions(&definition.slug))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app.request(request).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(response.error().code, ErrorCode::MalformedRequest);
    }
}

async fn wrong_content_type_is_415(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let request = Request::builder()
        .method(Method::POST)
        .uri(paths::form_submissions(&definition.slug))
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    let response = app.request(request).await;
    assert_eq!(response.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(response.error().code, ErrorCode::UnsupportedMediaType);
}

async fn oversized_body_is_413(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let mut answers = valid_answers();
    answers.set(
        key("bemerkung"),
        AnswerValue::Text("a".repeat(backend::app::MAX_JSON_BODY_BYTES)),
    );

    let response = app
        .submit(
            &definition.slug,
            &SubmitAnswers {
                version: 1,
                answers,
                privacy_acknowledged: false,
                language: shared::Lang::De,
            },
        )
        .await;

    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.error().code, ErrorCode::PayloadTooLarge);
    // Nothing was stored: the next reference is still the first.
    let receipt: SubmissionReceipt = app.submit(&definition.slug, &valid_command()).await.json();
    assert_eq!(receipt.reference.as_str(), "BP-2026-000001");
}

async fn unknown_form_or_version_is_404(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let unknown_form = app
        .submit(&"gibt-es-nicht".parse().unwrap(), &valid_command())
        .await;
    let unknown_version = app
        .submit(
            &definition.slug,
            &SubmitAnswers {
                version: 2,
                answers: valid_answers(),
                privacy_acknowledged: false,
                language: shared::Lang::De,
            },
        )
        .await;
    for response in [unknown_form, unknown_version] {
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        assert_eq!(response.error().code, ErrorCode::NotFound);
    }
}

async fn unknown_answer_keys_are_not_stored(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    let mut answers = valid_answers();
    answers.set(key("eingeschmuggelt"), AnswerValue::Text("geheim".into()));

    let response = app
        .submit(
            &definition.slug,
            &SubmitAnswers {
                version: 1,
                answers,
                privacy_acknowledged: false,
                language: shared::Lang::De,
            },
        )
        .await;

    assert_eq!(response.status, StatusCode::CREATED);
    app.create_staff("pruefer@example.org", "ein-langes-passwort")
        .await;
    let cookie = app
        .login("pruefer@example.org", "ein-langes-passwort")
        .await;
    let csv = app
        .get(&paths::staff_form_csv(form_id), Some(&cookie))
        .await
        .text();
    assert!(csv.contains("Schlüsselbund"));
    assert!(!csv.contains("geheim"), "{csv}");
}

async fn concurrent_submissions_get_distinct_gapless_references(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let command = valid_command();

    let responses =
        futures_util::future::join_all((0..20).map(|_| app.submit(&definition.slug, &command)))
            .await;

    let mut references: Vec<String> = responses
        .iter()
        .map(|response| {
            assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
            response.json::<SubmissionReceipt>().reference.to_string()
        })
        .collect();
    references.sort();
    let expected: Vec<String> = (1..=20)
        .map(|number| format!("BP-2026-{number:06}"))
        .collect();
    assert_eq!(references, expected);
}

async fn cross_site_post_is_refused(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;
    let request = Request::builder()
        .method(Method::POST)
        .uri(paths::form_submissions(&definition.slug))
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(serde_json::to_vec(&valid_command()).unwrap()))
        .unwrap();

    let response = app.request(request).await;

    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.error().code, ErrorCode::CrossSiteRequest);
}

fn key(name: &str) -> FieldKey {
    name.parse().unwrap()
}
