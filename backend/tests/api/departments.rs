//! Departments: a case worker sees the submissions (and their files) of their departments'
//! forms only; anything else answers exactly as if it did not exist. Admins see everything.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::api::editor::StaffRole;
use shared::api::{
    AddNote, ChangeStatus, ErrorCode, ProcessingStatus, StaffFormSummary, StaffSubmissionSummary,
    StaffUser, paths,
};

use crate::helpers::{TEST_DEPARTMENT, TestApp, lost_property_form, on_both_engines};
use crate::uploads::{answers, dog_form, slug, upload_pdf};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(case_workers_see_only_their_departments_submissions_and_files);

async fn case_workers_see_only_their_departments_submissions_and_files(app: TestApp) {
    // A submission with a file, for a form of TEST_DEPARTMENT.
    let form_id = app.publish(dog_form()).await;
    let file = upload_pdf(&app, "nachweis").await;
    let response = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [file] })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    // A form without a department: only admins see its submissions.
    let unassigned = app.publish_for(lost_property_form(), None).await;

    app.create_staff("eigene@example.org", PASSWORD).await;
    let own = app.login("eigene@example.org", PASSWORD).await;
    app.create_account(
        "andere@example.org",
        "Andere Person",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    assert!(
        backend::auth::add_to_department(&app.db, "andere@example.org", "standesamt")
            .await
            .unwrap()
    );
    let other = app.login("andere@example.org", PASSWORD).await;
    app.create_account("admin@example.org", "Admin", PASSWORD, StaffRole::Admin)
        .await;
    let admin = app.login("admin@example.org", PASSWORD).await;

    let me: StaffUser = app.get(paths::STAFF_ME, Some(&own)).await.json();
    assert_eq!(me.departments, [TEST_DEPARTMENT]);
    let forms = |cookie: String| {
        let app = &app;
        async move {
            app.get(paths::STAFF_FORMS, Some(&cookie))
                .await
                .json::<Vec<StaffFormSummary>>()
                .into_iter()
                .map(|form| form.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(forms(own.clone()).await, [form_id]);
    assert_eq!(forms(other.clone()).await, []);
    assert_eq!(forms(admin.clone()).await.len(), 2);

    let listed: Vec<StaffSubmissionSummary> = app
        .get(&paths::staff_form_submissions(form_id), Some(&own))
        .await
        .json();
    let id = listed[0].id.clone();
    for cookie in [&own, &admin] {
        assert_eq!(
            app.get(&paths::staff_submission(&id), Some(cookie))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.get(&paths::staff_upload(file.id), Some(cookie))
                .await
                .status,
            StatusCode::OK
        );
    }

    // The other department's case worker: 404 everywhere, as for things that do not exist.
    for path in [
        paths::staff_form_submissions(form_id),
        paths::staff_form_csv(form_id),
        paths::staff_submission(&id),
        paths::staff_upload(file.id),
    ] {
        let response = app.get(&path, Some(&other)).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.error().code, ErrorCode::NotFound, "{path}");
    }
    let note = AddNote {
        text: "Ich darf das nicht".to_owned(),
    };
    let note_response = app
        .send_json(
            Method::POST,
            &paths::staff_submission_notes(&id),
            &note,
            Some(&other),
        )
        .await;
    assert_eq!(note_response.status, StatusCode::NOT_FOUND);
    let status = ChangeStatus {
        status: ProcessingStatus::Completed,
        message: None,
    };
    let status_response = app
        .send_json(
            Method::POST,
            &paths::staff_submission_status(&id),
            &status,
            Some(&other),
        )
        .await;
    assert_eq!(status_response.status, StatusCode::NOT_FOUND);
    // Nothing was written for them.
    let detail: shared::api::StaffSubmission = app
        .get(&paths::staff_submission(&id), Some(&own))
        .await
        .json();
    assert!(detail.notes.is_empty());
    assert_eq!(detail.status, ProcessingStatus::Received);

    // The form without a department: admins only.
    assert_eq!(
        app.get(&paths::staff_form_submissions(unassigned), Some(&own))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&paths::staff_form_submissions(unassigned), Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
}
