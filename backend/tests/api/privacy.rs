//! Data protection: the retention job erases finished submissions when their form's period
//! ends (answers, files, notes, messages; the record and its history stay), and an admin finds,
//! copies (Art. 15) and erases (Art. 17) one person's submissions by e-mail address. All of it
//! is in the audit log, without the data.

use std::io::Cursor;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::editor::StaffRole;
use shared::api::{
    AddNote, ChangeStatus, ErasePerson, ErrorCode, PersonData, ProcessingStatus, SetRetention,
    StaffSubmission, StaffSubmissionSummary, paths,
};

use crate::helpers::{TestApp, on_both_engines, test_start_time};
use crate::uploads::{answers, dog_form, slug, upload_pdf};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(
    the_retention_job_erases_finished_submissions_after_their_period,
    an_admin_finds_copies_and_erases_a_persons_data
);

/// A submission of the dog form with a file, naming `email`; its id and reference number.
async fn submit_with_file(app: &TestApp, name: &str, email: &str) -> (String, String) {
    let file = upload_pdf(app, "nachweis").await;
    let sent = app
        .submit(
            &slug(),
            &answers(json!({ "name": name, "nachweis": [file], "hunde": [], "mail": email })),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
    let reference = sent
        .json::<shared::api::SubmissionReceipt>()
        .reference
        .to_string();
    let admin = admin(app).await;
    let listed: Vec<StaffSubmissionSummary> = app
        .get(
            &paths::staff_form_submissions(form_id(app, &admin).await),
            Some(&admin),
        )
        .await
        .json();
    let id = listed
        .into_iter()
        .find(|item| item.reference.to_string() == reference)
        .unwrap()
        .id;
    (id, reference)
}

async fn admin(app: &TestApp) -> String {
    app.create_account("admin@example.org", "Ada Admin", PASSWORD, StaffRole::Admin)
        .await;
    app.login("admin@example.org", PASSWORD).await
}

async fn form_id(app: &TestApp, cookie: &str) -> shared::FormId {
    app.get(paths::STAFF_FORMS, Some(cookie))
        .await
        .json::<Vec<shared::api::StaffFormSummary>>()[0]
        .id
}

async fn log(app: &TestApp, cookie: &str, action: AuditAction) -> AuditPage {
    app.get(
        &format!("{}?action={}", paths::ADMIN_AUDIT, action.name()),
        Some(cookie),
    )
    .await
    .json()
}

fn files_on_disk(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("uploads")).map_or(0, Iterator::count)
}

fn dog_form_with_email() -> shared::FormDefinition {
    let mut definition = dog_form();
    definition.pages[0].fields.push(
        serde_json::from_value(
            json!({ "key": "mail", "label": { "de": "E-Mail" }, "type": "email" }),
        )
        .unwrap(),
    );
    definition
}

async fn the_retention_job_erases_finished_submissions_after_their_period(app: TestApp) {
    app.publish(dog_form_with_email()).await;
    let (finished, reference) =
        submit_with_file(&app, "Erika Mustermann", "erika@example.org").await;
    let (open, _) = submit_with_file(&app, "Otto Offen", "otto@example.org").await;
    let admin = admin(&app).await;
    let editor = app.editor_cookie().await;
    let form = form_id(&app, &admin).await;
    let retention = |days: Option<u32>| SetRetention { days };
    let path = paths::editor_form(paths::EDITOR_FORM_RETENTION, form);
    for bad in [Some(0), Some(3651)] {
        let response = app
            .send_json(Method::PUT, &path, &retention(bad), Some(&editor))
            .await;
        assert_eq!(response.error().code, ErrorCode::InvalidRetention);
    }
    let set = app
        .send_json(Method::PUT, &path, &retention(Some(90)), Some(&editor))
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT);
    let opened: shared::api::editor::EditorForm = app
        .get(&paths::editor_form(paths::EDITOR_FORM, form), Some(&editor))
        .await
        .json();
    assert_eq!(opened.retention_days, Some(90));

    let note = AddNote {
        text: "Halterin angerufen".to_owned(),
    };
    app.send_json(
        Method::POST,
        &paths::staff_submission_notes(&finished),
        &note,
        Some(&admin),
    )
    .await;
    let done = ChangeStatus {
        status: ProcessingStatus::Completed,
        message: Some("Erledigt, danke Frau Mustermann".to_owned()),
    };
    let changed = app
        .send_json(
            Method::POST,
            &paths::staff_submission_status(&finished),
            &done,
            Some(&admin),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT);
    assert_eq!(files_on_disk(&app), 2);

    // Day 89 after completion: nothing yet. Day 90: the finished one goes, the open one stays.
    app.clock.set(test_start_time() + Duration::days(89));
    assert_eq!(
        backend::privacy::run_retention(&app.state).await.unwrap(),
        0
    );
    app.clock.set(test_start_time() + Duration::days(90));
    assert_eq!(
        backend::privacy::run_retention(&app.state).await.unwrap(),
        1
    );
    assert_eq!(
        backend::privacy::run_retention(&app.state).await.unwrap(),
        0,
        "once"
    );
    // Sessions last 8 hours: sign in again, 90 days later.
    let admin = app.login("admin@example.org", PASSWORD).await;

    let erased: StaffSubmission = app
        .get(&paths::staff_submission(&finished), Some(&admin))
        .await
        .json();
    assert!(erased.sections.is_empty(), "{:?}", erased.sections);
    assert!(erased.files.is_empty() && erased.notes.is_empty());
    assert_eq!(erased.status, ProcessingStatus::Completed);
    assert_eq!(erased.events.len(), 2, "the history stays");
    assert!(erased.events.iter().all(|event| event.message.is_none()));
    assert_eq!(
        files_on_disk(&app),
        1,
        "only the open submission's file is left"
    );
    let kept: StaffSubmission = app
        .get(&paths::staff_submission(&open), Some(&admin))
        .await
        .json();
    assert!(!kept.sections.is_empty());

    let entries = log(&app, &admin, AuditAction::RetentionErased).await;
    assert_eq!(entries.total, 1);
    assert_eq!(entries.entries[0].subject, reference);
    assert_eq!(entries.entries[0].actor, "System (Aufbewahrungsfristen)");
    assert_eq!(
        entries.entries[0].details,
        "Antworten, 1 Dateien, 1 Notizen, 0 E-Mails"
    );
    let text = serde_json::to_string(&entries).unwrap();
    assert!(
        !text.contains("Mustermann") && !text.contains("erika@"),
        "{text}"
    );
}

async fn an_admin_finds_copies_and_erases_a_persons_data(app: TestApp) {
    app.publish(dog_form_with_email()).await;
    let (first, first_reference) =
        submit_with_file(&app, "Erika Mustermann", "Erika@Example.org").await;
    let (second, _) = submit_with_file(&app, "Erika M.", "erika@example.org").await;
    let (other, _) = submit_with_file(&app, "Otto", "otto.erika@example.org").await;
    let admin = admin(&app).await;
    let find = |email: &str| format!("{}?email={email}", paths::ADMIN_PERSONS);

    // Found by the whole address, ignoring case; not by a part of another address.
    let found: PersonData = app
        .get(&find("ERIKA%40example.org"), Some(&admin))
        .await
        .json();
    let ids: Vec<&str> = found
        .submissions
        .iter()
        .map(|item| item.id.as_str())
        .collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert_eq!(found.submissions[0].reference.to_string(), first_reference);
    assert!(found.submissions.iter().all(|item| !item.erased));
    assert_eq!(
        app.get(&find("kein-at-zeichen"), Some(&admin))
            .await
            .error()
            .code,
        ErrorCode::MalformedRequest
    );

    // Art. 15: a copy of everything, as a ZIP with a folder per submission.
    let copy = app
        .get(
            &format!("{}?email=erika%40example.org", paths::ADMIN_PERSON_EXPORT),
            Some(&admin),
        )
        .await;
    assert_eq!(copy.status, StatusCode::OK);
    let archive = zip::ZipArchive::new(Cursor::new(copy.body.clone())).unwrap();
    assert_eq!(
        archive
            .file_names()
            .filter(|name| name.ends_with("/antrag.json"))
            .count(),
        2
    );

    // Only admins.
    app.create_staff("fall@example.org", PASSWORD).await;
    let staff = app.login("fall@example.org", PASSWORD).await;
    assert_eq!(
        app.get(&find("erika%40example.org"), Some(&staff))
            .await
            .error()
            .code,
        ErrorCode::Forbidden
    );

    // Art. 17: both erased, the other person's untouched.
    let erase = ErasePerson {
        email: "erika@example.org".to_owned(),
    };
    let response = app
        .send_json(
            Method::POST,
            paths::ADMIN_PERSON_ERASE,
            &erase,
            Some(&admin),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let after: PersonData = response.json();
    assert!(
        after.submissions.is_empty(),
        "the address is gone with the answers"
    );
    for id in [&first, &second] {
        let erased: StaffSubmission = app
            .get(&paths::staff_submission(id), Some(&admin))
            .await
            .json();
        assert!(erased.sections.is_empty() && erased.files.is_empty());
    }
    let kept: StaffSubmission = app
        .get(&paths::staff_submission(&other), Some(&admin))
        .await
        .json();
    assert!(!kept.sections.is_empty());
    assert_eq!(files_on_disk(&app), 1);
    assert_eq!(
        app.get(
            &format!("{}?email=erika%40example.org", paths::ADMIN_PERSON_EXPORT),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let exported = log(&app, &admin, AuditAction::PersonExported).await;
    assert_eq!(exported.total, 2);
    let erased = log(&app, &admin, AuditAction::PersonErased).await;
    assert_eq!(erased.total, 2);
    assert!(
        erased
            .entries
            .iter()
            .all(|entry| entry.details.starts_with("Art. 17: Antworten, 1 Dateien"))
    );
}
