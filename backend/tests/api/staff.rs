//! Staff login, session cookie, throttling, and the CSV download.

use axum::http::{Method, StatusCode, header};
use chrono::Duration;
use shared::api::{ErrorCode, StaffFormSummary, StaffUser, SubmitAnswers, paths};

use crate::helpers::{
    TestApp, lost_property_form, on_both_engines, test_start_time, valid_answers, valid_command,
};

const EMAIL: &str = "sachbearbeitung@example.org";
const PASSWORD: &str = "Korrekt-Pferd-Batterie-Heftklammer";

on_both_engines!(
    login_sets_a_strict_http_only_cookie,
    wrong_password_or_unknown_account_is_401,
    logout_ends_the_session,
    sessions_expire,
    repeated_failed_logins_are_throttled,
    staff_endpoints_require_login,
    forms_are_listed_with_submission_counts,
    csv_has_bom_header_and_one_row_per_submission,
    csv_neutralizes_formulas_and_offers_comma_separator,
    csv_of_unknown_form_is_404,
    internal_notes_are_kept_in_order_and_never_shown_to_the_citizen,
);

async fn internal_notes_are_kept_in_order_and_never_shown_to_the_citizen(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    let receipt: shared::api::SubmissionReceipt =
        app.submit(&definition.slug, &valid_command()).await.json();
    app.create_staff("fall@example.org", "Sachbearbeitung-1")
        .await;
    let cookie = app.login("fall@example.org", "Sachbearbeitung-1").await;
    let id = app
        .get(&paths::staff_form_submissions(form_id), Some(&cookie))
        .await
        .json::<Vec<shared::api::StaffSubmissionSummary>>()[0]
        .id
        .clone();
    let note = |text: &str| shared::api::AddNote {
        text: text.to_owned(),
    };
    let path = paths::staff_submission_notes(&id);
    for text in ["Fundort geprüft.", "Eigentümer angerufen."] {
        let response = app
            .send_json(Method::POST, &path, &note(text), Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    for refused in ["   ", &"x".repeat(4001)] {
        let response = app
            .send_json(Method::POST, &path, &note(refused), Some(&cookie))
            .await;
        assert_eq!(response.error().code, ErrorCode::InvalidNote);
    }
    assert_eq!(
        app.send_json(Method::POST, &path, &note("ohne Anmeldung"), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let detail: shared::api::StaffSubmission = app
        .get(&paths::staff_submission(&id), Some(&cookie))
        .await
        .json();
    let notes: Vec<(Option<&str>, &str)> = detail
        .notes
        .iter()
        .map(|note| (note.author.as_deref(), note.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (Some("Test Person"), "Fundort geprüft."),
            (Some("Test Person"), "Eigentümer angerufen.")
        ]
    );
    // The citizen's status page does not show them.
    let view = app
        .send_json(
            Method::POST,
            paths::STATUS,
            &shared::api::StatusQuery {
                reference: receipt.reference.as_str().to_owned(),
                access_code: receipt.access_code,
            },
            None,
        )
        .await;
    assert!(!view.text().contains("Fundort geprüft"), "{}", view.text());
}

async fn login_sets_a_strict_http_only_cookie(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;

    let response = app
        .try_login("  SachBearbeitung@Example.org ", PASSWORD)
        .await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<StaffUser>().email, EMAIL);
    let cookie = response
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("bp_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
}

async fn wrong_password_or_unknown_account_is_401(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;
    for (email, password) in [(EMAIL, "falsch"), ("niemand@example.org", PASSWORD)] {
        let response = app.try_login(email, password).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
        let error = response.error();
        assert_eq!(error.code, ErrorCode::InvalidCredentials);
        assert_eq!(error.message, "E-Mail-Adresse oder Passwort stimmen nicht");
        assert!(response.headers.get(header::SET_COOKIE).is_none());
    }
}

async fn logout_ends_the_session(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&cookie)).await.status,
        StatusCode::OK
    );

    let response = app
        .send_json(Method::DELETE, paths::STAFF_SESSION, &(), Some(&cookie))
        .await;

    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(
        response
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let me = app.get(paths::STAFF_ME, Some(&cookie)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.error().code, ErrorCode::Unauthenticated);
}

async fn sessions_expire(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;

    app.clock
        .set(test_start_time() + Duration::hours(8) - Duration::seconds(1));
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&cookie)).await.status,
        StatusCode::OK
    );
    app.clock.set(test_start_time() + Duration::hours(8));
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn repeated_failed_logins_are_throttled(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;
    for _ in 0..10 {
        assert_eq!(
            app.try_login(EMAIL, "falsch").await.status,
            StatusCode::UNAUTHORIZED
        );
    }

    // Even the right password is refused while the account is throttled.
    let throttled = app.try_login(EMAIL, PASSWORD).await;

    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.error().code, ErrorCode::RateLimited);
    assert_eq!(throttled.headers.get(header::RETRY_AFTER).unwrap(), "900");
    app.clock.set(test_start_time() + Duration::minutes(15));
    assert_eq!(app.try_login(EMAIL, PASSWORD).await.status, StatusCode::OK);
}

async fn staff_endpoints_require_login(app: TestApp) {
    let form_id = app.publish(lost_property_form()).await;
    for path in [
        paths::STAFF_ME.to_owned(),
        paths::STAFF_FORMS.to_owned(),
        paths::staff_form_csv(form_id),
    ] {
        for cookie in [None, Some("bp_session=forged-token")] {
            let response = app.get(&path, cookie).await;
            assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(response.error().code, ErrorCode::Unauthenticated);
        }
    }
}

async fn forms_are_listed_with_submission_counts(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    for _ in 0..3 {
        app.submit(&definition.slug, &valid_command()).await;
    }
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;

    let forms: Vec<StaffFormSummary> = app.get(paths::STAFF_FORMS, Some(&cookie)).await.json();

    assert_eq!(forms.len(), 1);
    assert_eq!(
        (forms[0].id, forms[0].version, forms[0].submission_count),
        (form_id, 1, 3)
    );
}

async fn csv_has_bom_header_and_one_row_per_submission(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    app.submit(&definition.slug, &valid_command()).await;
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;

    let response = app
        .get(&paths::staff_form_csv(form_id), Some(&cookie))
        .await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        response.headers.get(header::CONTENT_DISPOSITION).unwrap(),
        "attachment; filename=\"fundsache-test-antraege.csv\""
    );
    assert!(
        response.body.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    let text = response.text();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Referenznummer;Eingegangen am;Formularversion;Was haben Sie gefunden?;Funddatum;Art;Wert in Euro;\
         E-Mail-Adresse;Bemerkung;Einverstanden"
    );
    assert_eq!(
        lines[1],
        "BP-2026-000001;23.11.2026 11:00;1;Schlüsselbund;22.11.2026;Schlüssel;25;finderin@example.org;\
         \"Am Brunnen; Marktplatz\";Ja"
    );
    assert_eq!(lines[2], "", "rows end with CRLF and nothing follows");
    assert_eq!(lines.len(), 3);
}

async fn csv_neutralizes_formulas_and_offers_comma_separator(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    let mut answers = valid_answers();
    answers.set(
        "gegenstand".parse().unwrap(),
        shared::AnswerValue::Text("=1+1".into()),
    );
    app.submit(
        &definition.slug,
        &SubmitAnswers {
            version: 1,
            answers,
            privacy_acknowledged: false,
            language: shared::Lang::De,
        },
    )
    .await;
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;

    let text = app
        .get(
            &format!("{}?separator=comma", paths::staff_form_csv(form_id)),
            Some(&cookie),
        )
        .await
        .text();

    let row = text.split("\r\n").nth(1).unwrap();
    assert!(
        row.starts_with("BP-2026-000001,23.11.2026 11:00,1,'=1+1,22.11.2026,"),
        "{row}"
    );
}

async fn csv_of_unknown_form_is_404(app: TestApp) {
    app.create_staff(EMAIL, PASSWORD).await;
    let cookie = app.login(EMAIL, PASSWORD).await;
    for path in [
        "/api/staff/forms/00000000-0000-0000-0000-000000000000/submissions.csv",
        "/api/staff/forms/kein-uuid/submissions.csv",
    ] {
        let response = app.get(path, Some(&cookie)).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.error().code, ErrorCode::NotFound);
    }
}
