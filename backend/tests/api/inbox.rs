//! The staff inbox: the submissions of the account's departments, filtered by form, status,
//! days and assignee, searched in the answers, counted per status and paged; unread until
//! someone opens them; assigned to people who may process them.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use shared::api::editor::StaffRole;
use shared::api::{
    AssignSubmission, ChangeStatus, Colleague, ErrorCode, InboxPage, ProcessingStatus,
    StaffSubmission, paths,
};

use crate::helpers::{
    TestApp, lost_property_form, on_both_engines, test_start_time, valid_answers, valid_command,
};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(the_inbox_filters_searches_counts_and_pages);

async fn inbox(app: &TestApp, cookie: &str, query: &str) -> InboxPage {
    let response = app
        .get(&format!("{}{query}", paths::STAFF_INBOX), Some(cookie))
        .await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{query}: {}",
        response.text()
    );
    response.json()
}

fn references(page: &InboxPage) -> Vec<String> {
    page.items
        .iter()
        .map(|item| item.reference.to_string())
        .collect()
}

async fn the_inbox_filters_searches_counts_and_pages(app: TestApp) {
    let definition = lost_property_form();
    let form_id = app.publish(definition.clone()).await;
    // 30 submissions, one a day from 23 November; the fourth is "Jürgens Brille, Weiß".
    let mut sent = Vec::new();
    for day in 0..30 {
        app.clock.set(test_start_time() + Duration::days(day));
        let item = if day == 3 {
            "Jürgens Brille, Weiß"
        } else {
            "Schlüsselbund"
        };
        let mut answers = serde_json::to_value(valid_answers()).unwrap();
        answers["gegenstand"] = serde_json::json!(item);
        let command = shared::api::SubmitAnswers {
            answers: serde_json::from_value(answers).unwrap(),
            ..valid_command()
        };
        let response = app.submit(&definition.slug, &command).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        sent.push(
            response
                .json::<shared::api::SubmissionReceipt>()
                .reference
                .to_string(),
        );
    }
    app.create_staff("fall@example.org", PASSWORD).await;
    app.create_account(
        "kollegin@example.org",
        "Kollegin Beispiel",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    assert!(
        backend::auth::add_to_department(
            &app.db,
            "kollegin@example.org",
            crate::helpers::TEST_DEPARTMENT
        )
        .await
        .unwrap()
    );
    let staff = app.login("fall@example.org", PASSWORD).await;

    // Newest first, 25 a page, all unread and unassigned.
    let first = inbox(&app, &staff, "").await;
    assert_eq!(
        (first.total, first.page, first.per_page, first.items.len()),
        (30, 1, 25, 25)
    );
    assert_eq!(first.items[0].reference.to_string(), sent[29]);
    assert!(
        first
            .items
            .iter()
            .all(|item| item.unread && item.assignee.is_none())
    );
    assert_eq!(first.items[0].form_title.de, "Fundsache melden");
    let second = inbox(&app, &staff, "?page=2").await;
    assert_eq!(second.items.len(), 5);
    assert_eq!(second.items[4].reference.to_string(), sent[0]);

    // Search in the answers, German-aware: "weiss" finds "Weiß", "juergen" finds "Jürgen".
    for query in [
        "?q=weiss",
        "?q=JUERGEN+brille",
        "?q=jürgen",
        &format!("?q={}", sent[3]),
    ] {
        assert_eq!(
            references(&inbox(&app, &staff, query).await),
            [sent[3].clone()],
            "{query}"
        );
    }
    assert_eq!(inbox(&app, &staff, "?q=fahrrad").await.total, 0);
    // Only words count: punctuation alone searches for nothing.
    assert_eq!(inbox(&app, &staff, "?q=%25_").await.total, 30);
    // Days (city time), both ends included.
    let days = inbox(&app, &staff, "?from=2026-11-25&to=2026-11-26").await;
    assert_eq!(references(&days), [sent[3].clone(), sent[2].clone()]);
    assert_eq!(
        inbox(&app, &staff, &format!("?form={form_id}")).await.total,
        30
    );

    // Opening a submission marks it read; a status change is counted and filtered.
    let id = days.items[0].id.clone();
    let opened: StaffSubmission = app
        .get(&paths::staff_submission(&id), Some(&staff))
        .await
        .json();
    assert!(opened.assignee.is_none());
    let status = ChangeStatus {
        status: ProcessingStatus::InProgress,
        message: None,
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
    let in_progress = inbox(&app, &staff, "?status=in_progress").await;
    assert_eq!(references(&in_progress), [sent[3].clone()]);
    assert!(!in_progress.items[0].unread);
    let counts: Vec<(ProcessingStatus, u64)> = in_progress
        .counts
        .iter()
        .map(|count| (count.status, count.count))
        .collect();
    assert!(
        counts.contains(&(ProcessingStatus::Received, 29)),
        "{counts:?}"
    );
    assert!(
        counts.contains(&(ProcessingStatus::InProgress, 1)),
        "{counts:?}"
    );

    // Assignment: to a colleague of the department, to oneself, and back to nobody.
    let colleagues: Vec<Colleague> = app.get(paths::STAFF_COLLEAGUES, Some(&staff)).await.json();
    let names: Vec<&str> = colleagues
        .iter()
        .map(|colleague| colleague.name.as_str())
        .collect();
    assert_eq!(names, ["Kollegin Beispiel", "Test Person"]);
    let assign = |assignee: Option<String>| AssignSubmission { assignee };
    let path = paths::staff_submission_assignee(&id);
    let kollegin = colleagues[0].id.clone();
    let response = app
        .send_json(
            Method::PUT,
            &path,
            &assign(Some(kollegin.clone())),
            Some(&staff),
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );
    let assigned = inbox(&app, &staff, &format!("?assigned={kollegin}")).await;
    assert_eq!(references(&assigned), [sent[3].clone()]);
    assert_eq!(
        assigned.items[0].assignee.as_deref(),
        Some("Kollegin Beispiel")
    );
    assert_eq!(inbox(&app, &staff, "?assigned=me").await.total, 0);
    let me = colleagues[1].id.clone();
    let response = app
        .send_json(Method::PUT, &path, &assign(Some(me)), Some(&staff))
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(
        references(&inbox(&app, &staff, "?assigned=me").await),
        [sent[3].clone()]
    );
    let detail: StaffSubmission = app
        .get(&paths::staff_submission(&id), Some(&staff))
        .await
        .json();
    assert_eq!(
        detail.assignee.map(|assignee| assignee.name).as_deref(),
        Some("Test Person")
    );
    assert_eq!(inbox(&app, &staff, "?assigned=nobody").await.total, 29);
    // Someone outside the department cannot be assigned.
    app.create_account(
        "andere@example.org",
        "Andere Person",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    let other = backend::auth::add_to_department(&app.db, "andere@example.org", "standesamt")
        .await
        .unwrap();
    assert!(other);
    let other_view = app.login("andere@example.org", PASSWORD).await;
    assert_eq!(
        inbox(&app, &other_view, "").await.total,
        0,
        "other departments see nothing"
    );
    let outsider: Vec<Colleague> = app
        .get(paths::STAFF_COLLEAGUES, Some(&other_view))
        .await
        .json();
    assert_eq!(outsider.len(), 1, "only the account itself");
    let refused = app
        .send_json(
            Method::PUT,
            &path,
            &assign(Some(outsider[0].id.clone())),
            Some(&staff),
        )
        .await;
    assert_eq!(refused.error().code, ErrorCode::InvalidAssignee);
    let unassigned = app
        .send_json(Method::PUT, &path, &assign(None), Some(&staff))
        .await;
    assert_eq!(unassigned.status, StatusCode::NO_CONTENT);
    assert_eq!(inbox(&app, &staff, "?assigned=nobody").await.total, 30);

    for bad in [
        "?status=erledigt",
        "?from=2026-13-01",
        "?page=0",
        "?form=kein-formular",
    ] {
        let response = app
            .get(&format!("{}{bad}", paths::STAFF_INBOX), Some(&staff))
            .await;
        assert_eq!(response.error().code, ErrorCode::MalformedRequest, "{bad}");
    }
    assert_eq!(
        app.get(paths::STAFF_INBOX, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}
