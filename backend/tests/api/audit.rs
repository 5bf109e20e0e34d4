//! The audit log: every view, download and change of a submission and every sign-in is
//! recorded with who, when and what (never the answers), and admins find entries by filter.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::editor::StaffRole;
use shared::api::{
    AddNote, ChangeStatus, ErrorCode, ProcessingStatus, StaffSubmissionSummary, paths,
};

use crate::helpers::{TestApp, on_both_engines};
use crate::uploads::{answers, dog_form, slug, upload_pdf};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(staff_access_is_recorded_and_admins_find_it);

async fn audit(app: &TestApp, cookie: &str, query: &str) -> AuditPage {
    let response = app
        .get(&format!("{}{query}", paths::ADMIN_AUDIT), Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn staff_access_is_recorded_and_admins_find_it(app: TestApp) {
    let form_id = app.publish(dog_form()).await;
    let file = upload_pdf(&app, "nachweis").await;
    let sent = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika Mustermann", "nachweis": [file] })),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    let reference = sent
        .json::<shared::api::SubmissionReceipt>()
        .reference
        .to_string();

    app.create_staff("fall@example.org", PASSWORD).await;
    let staff = app.login("fall@example.org", PASSWORD).await;
    let id = app
        .get(&paths::staff_form_submissions(form_id), Some(&staff))
        .await
        .json::<Vec<StaffSubmissionSummary>>()[0]
        .id
        .clone();
    for path in [
        paths::staff_submission(&id),
        paths::staff_upload(file.id),
        paths::staff_form_csv(form_id),
    ] {
        assert_eq!(
            app.get(&path, Some(&staff)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    let status = ChangeStatus {
        status: ProcessingStatus::InProgress,
        message: Some("Wir prüfen Ihre Angaben.".to_owned()),
    };
    let changed = app
        .send_json(
            Method::POST,
            &paths::staff_submission_status(&id),
            &status,
            Some(&staff),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT);
    let note = AddNote {
        text: "Halterin angerufen".to_owned(),
    };
    let noted = app
        .send_json(
            Method::POST,
            &paths::staff_submission_notes(&id),
            &note,
            Some(&staff),
        )
        .await;
    assert_eq!(noted.status, StatusCode::CREATED);

    // Only admins read the log.
    assert_eq!(
        app.get(paths::ADMIN_AUDIT, Some(&staff)).await.error().code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        app.get(paths::ADMIN_AUDIT, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.create_account("admin@example.org", "Ada Admin", PASSWORD, StaffRole::Admin)
        .await;
    let admin = app.login("admin@example.org", PASSWORD).await;

    let all = audit(&app, &admin, "").await;
    let actions: Vec<(AuditAction, &str)> = all
        .entries
        .iter()
        .map(|entry| (entry.action, entry.subject.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (AuditAction::SignedIn, "admin@example.org"),
            (AuditAction::NoteAdded, reference.as_str()),
            (AuditAction::StatusChanged, reference.as_str()),
            (AuditAction::SubmissionsExported, "hund-test"),
            (AuditAction::FileDownloaded, reference.as_str()),
            (AuditAction::SubmissionViewed, reference.as_str()),
            (AuditAction::SignedIn, "fall@example.org"),
        ],
        "newest first"
    );
    assert_eq!(all.total, 7);
    assert!(
        all.entries[1..]
            .iter()
            .all(|entry| entry.actor == "Test Person <fall@example.org>")
    );
    assert_eq!(all.entries[2].details, "in_progress");
    assert_eq!(all.entries[4].details, format!("Datei {}", file.id));
    assert!(
        all.entries
            .iter()
            .all(|entry| entry.at == "2026-11-23T10:00:00Z")
    );
    // Records, not data: neither the answers nor the note's or message's text.
    let text = serde_json::to_string(&all).unwrap();
    for secret in ["Erika", "Halterin", "prüfen"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // Filters: action, person, record, days (city time), and combinations.
    let by_action = audit(&app, &admin, "?action=status_changed").await;
    assert_eq!(by_action.total, 1);
    assert_eq!(by_action.entries[0].action, AuditAction::StatusChanged);
    assert_eq!(audit(&app, &admin, "?actor=FALL%40example").await.total, 6);
    assert_eq!(
        audit(&app, &admin, &format!("?subject={reference}"))
            .await
            .total,
        4
    );
    assert_eq!(
        audit(&app, &admin, "?subject=%25").await.total,
        0,
        "% is a literal"
    );
    assert_eq!(
        audit(&app, &admin, "?from=2026-11-23&to=2026-11-23")
            .await
            .total,
        7
    );
    assert_eq!(audit(&app, &admin, "?from=2026-11-24").await.total, 0);
    assert_eq!(audit(&app, &admin, "?to=2026-11-22").await.total, 0);
    assert_eq!(
        audit(&app, &admin, "?action=signed_in&actor=admin")
            .await
            .total,
        1
    );
    // Pages of 50.
    let second = audit(&app, &admin, "?page=2").await;
    assert!(second.entries.is_empty());
    assert_eq!((second.total, second.page, second.per_page), (7, 2, 50));
    for bad in [
        "?action=gelöscht",
        "?from=2026-02-30",
        "?page=0",
        "?page=zwei",
    ] {
        let response = app
            .get(&format!("{}{bad}", paths::ADMIN_AUDIT), Some(&admin))
            .await;
        assert_eq!(response.error().code, ErrorCode::MalformedRequest, "{bad}");
    }
}
