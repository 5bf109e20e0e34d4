//! The form editor's API: roles, drafts with optimistic concurrency, publishing immutable
//! versions, history and diffs, copies, archiving, export and import (JSON and FIM).

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::api::editor::{
    ChangeKind, DepartmentOption, DraftSaved, EditorForm, EditorFormSummary, FimImportRequest,
    FormCreated, FormStatus, NewForm, PublishDraft, Published, SaveDraft, SetDepartment,
    VersionDiff,
};
use shared::api::{ErrorCode, paths};
use shared::{FormDefinition, FormId};

use crate::helpers::{TestApp, lost_property_form, on_both_engines, valid_command};

on_both_engines!(
    only_editors_and_admins_may_edit,
    a_draft_is_saved_published_and_versioned,
    a_stale_draft_is_never_saved_over_a_newer_one,
    concurrent_saves_of_one_revision_let_exactly_one_win,
    an_invalid_draft_is_not_published,
    slugs_are_unique_and_fixed_once_published,
    archived_forms_take_no_submissions,
    forms_are_copied_exported_and_imported,
    fim_schemas_are_imported_as_drafts_with_a_report,
);

fn form_path(template: &str, id: FormId) -> String {
    paths::editor_form(template, id)
}

async fn create(app: &TestApp, cookie: &str, definition: &FormDefinition) -> FormCreated {
    let response = app
        .send_json(
            Method::POST,
            paths::EDITOR_FORMS,
            &NewForm {
                definition: definition.clone(),
            },
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn open(app: &TestApp, cookie: &str, id: FormId) -> EditorForm {
    let response = app
        .get(&form_path(paths::EDITOR_FORM, id), Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn save(
    app: &TestApp,
    cookie: &str,
    id: FormId,
    revision: u64,
    definition: &FormDefinition,
) -> crate::helpers::TestResponse {
    app.send_json(
        Method::PUT,
        &form_path(paths::EDITOR_FORM_DRAFT, id),
        &SaveDraft {
            revision,
            definition: definition.clone(),
        },
        Some(cookie),
    )
    .await
}

async fn publish(
    app: &TestApp,
    cookie: &str,
    id: FormId,
    revision: u64,
) -> crate::helpers::TestResponse {
    app.send_json(
        Method::POST,
        &form_path(paths::EDITOR_FORM_PUBLISH, id),
        &PublishDraft { revision },
        Some(cookie),
    )
    .await
}

async fn directory(app: &TestApp, cookie: &str) -> Vec<EditorFormSummary> {
    let response = app.get(paths::EDITOR_FORMS, Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn only_editors_and_admins_may_edit(app: TestApp) {
    assert_eq!(
        app.get(paths::EDITOR_FORMS, None).await.error().code,
        ErrorCode::Unauthenticated
    );
    app.create_staff("fall@example.org", "Sachbearbeitung-1")
        .await;
    let case_worker = app.login("fall@example.org", "Sachbearbeitung-1").await;
    let refused = app.get(paths::EDITOR_FORMS, Some(&case_worker)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error().code, ErrorCode::Forbidden);
    let creation = app
        .send_json(
            Method::POST,
            paths::EDITOR_FORMS,
            &NewForm {
                definition: lost_property_form(),
            },
            Some(&case_worker),
        )
        .await;
    assert_eq!(creation.status, StatusCode::FORBIDDEN);

    let editor = app.editor_cookie().await;
    assert!(directory(&app, &editor).await.is_empty());
    let me: shared::api::StaffUser = app.get(paths::STAFF_ME, Some(&editor)).await.json();
    assert_eq!(me.role, shared::api::editor::StaffRole::Editor);
}

async fn a_draft_is_saved_published_and_versioned(app: TestApp) {
    let editor = app.editor_cookie().await;
    let mut definition = lost_property_form();
    let created = create(&app, &editor, &definition).await;
    assert!(created.problems.is_empty(), "{:?}", created.problems);
    let id = created.id;

    // A draft is invisible to citizens.
    assert_eq!(
        app.get("/api/forms/fundsache-test", None).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = directory(&app, &editor).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, FormStatus::Draft);
    assert_eq!(listed[0].updated_by.as_deref(), Some("Erika Redaktion"));
    assert!(listed[0].unpublished_changes);

    definition.pages[0].fields[0].hint = Some(shared::LocalizedText::de("Zum Beispiel: Schlüssel"));
    let saved = save(&app, &editor, id, 1, &definition).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json::<DraftSaved>().revision, 2);

    let published = publish(&app, &editor, id, 2).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    assert_eq!(published.json::<Published>().version, 1);
    // Publishing the same draft again would only repeat version 1.
    assert!(!open(&app, &editor, id).await.unpublished_changes);
    let again = publish(&app, &editor, id, 2).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error().code, ErrorCode::NothingToPublish);
    let form: shared::api::Form = app.get("/api/forms/fundsache-test", None).await.json();
    assert_eq!(form.version, 1);
    assert_eq!(
        app.submit(&definition.slug, &valid_command()).await.status,
        StatusCode::CREATED
    );

    // The catalogue's service for the form names the department responsible.
    let catalogue: shared::catalogue::Catalogue = serde_json::from_value(json!({
        "topics": [{ "slug": "sonstiges", "name": { "de": "Sonstiges" } }],
        "departments": [{ "key": "buergerbuero", "name": { "de": "Bürgerbüro" },
            "street": "Marktplatz 1", "city": "12345 Musterstadt", "phone": "0123 4567-100",
            "email": "buergerbuero@musterstadt.example", "opening_hours": [] }],
        "services": [{ "slug": "fundsache-melden", "name": { "de": "Fundsache melden" },
            "summary": { "de": "Kurz" }, "description": { "de": "Lang" }, "documents": [], "fees": [],
            "legal_basis": [], "department": "buergerbuero", "topics": ["sonstiges"], "keywords": [],
            "availability": "online", "appointment_required": false, "form": "fundsache-test" }]
    }))
    .unwrap();
    backend::catalogue::import(&app.db, &catalogue)
        .await
        .unwrap();
    // The department that processes the submissions is one of the catalogue's.
    let options: Vec<DepartmentOption> = app
        .get(paths::EDITOR_DEPARTMENTS, Some(&editor))
        .await
        .json();
    assert_eq!(
        options,
        [DepartmentOption {
            key: "buergerbuero".to_owned(),
            name: "Bürgerbüro".to_owned()
        }]
    );
    let department = |key: &str| SetDepartment {
        department: Some(key.to_owned()),
    };
    let department_path = form_path(paths::EDITOR_FORM_DEPARTMENT, id);
    let unknown = app
        .send_json(
            Method::PUT,
            &department_path,
            &department("gibt-es-nicht"),
            Some(&editor),
        )
        .await;
    assert_eq!(unknown.error().code, ErrorCode::UnknownDepartment);
    let set = app
        .send_json(
            Method::PUT,
            &department_path,
            &department("buergerbuero"),
            Some(&editor),
        )
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.text());
    assert_eq!(
        open(&app, &editor, id).await.department.as_deref(),
        Some("buergerbuero")
    );
    assert!(
        backend::auth::add_to_department(&app.db, "redaktion@example.org", "buergerbuero")
            .await
            .unwrap()
    );
    let listed = directory(&app, &editor).await;
    assert_eq!(listed[0].services, ["Fundsache melden"]);
    assert_eq!(listed[0].departments, ["Bürgerbüro"]);
    assert_eq!(listed[0].status, FormStatus::Published);
    assert_eq!(listed[0].latest_version, Some(1));
    assert!(!listed[0].unpublished_changes);
    assert_eq!(listed[0].submission_count, 1);

    // Version 2: a label changes and a field becomes required.
    definition.pages[1].fields[1].label = shared::LocalizedText::de("Ihre Nachricht an uns");
    definition.pages[1].fields[1].required = true;
    let opened = open(&app, &editor, id).await;
    assert_eq!(opened.revision, 2);
    let saved: DraftSaved = save(&app, &editor, id, 2, &definition).await.json();
    assert!(directory(&app, &editor).await[0].unpublished_changes);
    let published: Published = publish(&app, &editor, id, saved.revision).await.json();
    assert_eq!(published.version, 2);

    let opened = open(&app, &editor, id).await;
    let history: Vec<(u32, Option<&str>)> = opened
        .versions
        .iter()
        .map(|version| (version.version, version.published_by.as_deref()))
        .collect();
    assert_eq!(
        history,
        [(1, Some("Erika Redaktion")), (2, Some("Erika Redaktion"))]
    );
    // Old versions stay as they were.
    let first: FormDefinition = app
        .get(
            &form_path(paths::EDITOR_FORM_VERSION, id).replace("{version}", "1"),
            Some(&editor),
        )
        .await
        .json();
    assert_eq!(first.pages[1].fields[1].label.de, "Bemerkung");

    // Staff still see the version-1 submission with version 1's fields.
    let listed: Vec<shared::api::StaffSubmissionSummary> = app
        .get(&paths::staff_form_submissions(id), Some(&editor))
        .await
        .json();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, 1);
    let response = app
        .get(&paths::staff_submission(&listed[0].id), Some(&editor))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let submission: shared::api::StaffSubmission = response.json();
    assert_eq!(submission.version, 1);
    let labels: Vec<&str> = submission
        .sections
        .iter()
        .flat_map(|section| section.rows.iter().map(|row| row.label.as_str()))
        .collect();
    assert!(labels.contains(&"Bemerkung"), "{labels:?}");
    assert!(!labels.contains(&"Ihre Nachricht an uns"), "{labels:?}");
    assert_eq!(
        app.get(&paths::staff_submission(&listed[0].id), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&paths::staff_submission("kein-antrag"), Some(&editor))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let diff: VersionDiff = app
        .get(
            &format!("{}?from=1&to=2", form_path(paths::EDITOR_FORM_DIFF, id)),
            Some(&editor),
        )
        .await
        .json();
    assert_eq!(diff.changes.len(), 1, "{diff:?}");
    assert_eq!(diff.changes[0].kind, ChangeKind::Changed);
    assert_eq!(
        diff.changes[0].subject,
        "Feld „Ihre Nachricht an uns“ (bemerkung)"
    );
    assert_eq!(
        diff.changes[0].details,
        [
            "Beschriftung: „Bemerkung“ → „Ihre Nachricht an uns“",
            "Pflichtangabe: nein → ja"
        ]
    );
}

async fn a_stale_draft_is_never_saved_over_a_newer_one(app: TestApp) {
    let editor = app.editor_cookie().await;
    let definition = lost_property_form();
    let id = create(&app, &editor, &definition).await.id;
    let mut mine = definition.clone();
    mine.title = shared::LocalizedText::de("Meine Fassung");
    let mut theirs = definition.clone();
    theirs.title = shared::LocalizedText::de("Ihre Fassung");
    assert_eq!(
        save(&app, &editor, id, 1, &theirs).await.status,
        StatusCode::OK
    );
    let refused = save(&app, &editor, id, 1, &mine).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.error().code, ErrorCode::DraftConflict);
    assert_eq!(
        open(&app, &editor, id).await.definition.title.de,
        "Ihre Fassung"
    );
    // Publishing a revision that is not the draft's is refused the same way.
    assert_eq!(
        publish(&app, &editor, id, 1).await.error().code,
        ErrorCode::DraftConflict
    );
}

async fn concurrent_saves_of_one_revision_let_exactly_one_win(app: TestApp) {
    let editor = app.editor_cookie().await;
    let definition = lost_property_form();
    let id = create(&app, &editor, &definition).await.id;
    let attempts = (0..12).map(|index| {
        let mut changed = definition.clone();
        changed.title = shared::LocalizedText::de(format!("Fassung {index}"));
        let (app, editor) = (&app, &editor);
        async move { save(app, editor, id, 1, &changed).await.status }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let won = statuses
        .iter()
        .filter(|status| **status == StatusCode::OK)
        .count();
    let lost = statuses
        .iter()
        .filter(|status| **status == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 11), "{statuses:?}");
    assert_eq!(open(&app, &editor, id).await.revision, 2);
}

async fn an_invalid_draft_is_not_published(app: TestApp) {
    let editor = app.editor_cookie().await;
    let mut definition = lost_property_form();
    definition.pages[0].fields[0].visible_if =
        Some(shared::schema::Expression("gibt_es_nicht = 1".into()));
    let created = create(&app, &editor, &definition).await;
    assert!(!created.problems.is_empty());
    let refused = publish(&app, &editor, created.id, 1).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = refused.error();
    assert_eq!(error.code, ErrorCode::DefinitionInvalid);
    assert_eq!(error.problems[0].path, "pages[0].fields[0].visible_if");
}

async fn slugs_are_unique_and_fixed_once_published(app: TestApp) {
    let editor = app.editor_cookie().await;
    let definition = lost_property_form();
    let id = create(&app, &editor, &definition).await.id;
    let twin = app
        .send_json(
            Method::POST,
            paths::EDITOR_FORMS,
            &NewForm {
                definition: definition.clone(),
            },
            Some(&editor),
        )
        .await;
    assert_eq!(twin.status, StatusCode::CONFLICT);
    assert_eq!(twin.error().code, ErrorCode::SlugTaken);

    let mut renamed = definition.clone();
    renamed.slug = "fundsache-neu".parse().unwrap();
    let saved: DraftSaved = save(&app, &editor, id, 1, &renamed).await.json();
    publish(&app, &editor, id, saved.revision).await;
    assert_eq!(
        app.get("/api/forms/fundsache-neu", None).await.status,
        StatusCode::OK
    );
    let mut again = renamed.clone();
    again.slug = "fundsache-anders".parse().unwrap();
    let locked = save(&app, &editor, id, saved.revision, &again).await;
    assert_eq!(locked.error().code, ErrorCode::SlugLocked);
}

async fn archived_forms_take_no_submissions(app: TestApp) {
    let editor = app.editor_cookie().await;
    let definition = lost_property_form();
    let id = create(&app, &editor, &definition).await.id;
    publish(&app, &editor, id, 1).await;
    let archive = |archived: bool| {
        let (app, editor) = (&app, &editor);
        async move {
            app.send_json(
                Method::POST,
                &form_path(paths::EDITOR_FORM_ARCHIVE, id),
                &json!({ "archived": archived }),
                Some(editor),
            )
            .await
            .status
        }
    };
    assert_eq!(archive(true).await, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/forms/fundsache-test", None).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = app.submit(&definition.slug, &valid_command()).await;
    assert_eq!(refused.status, StatusCode::GONE);
    assert_eq!(refused.error().code, ErrorCode::FormArchived);
    assert_eq!(
        directory(&app, &editor).await[0].status,
        FormStatus::Archived
    );
    assert_eq!(
        publish(&app, &editor, id, 1).await.error().code,
        ErrorCode::FormArchived
    );

    assert_eq!(archive(false).await, StatusCode::NO_CONTENT);
    assert_eq!(
        app.submit(&definition.slug, &valid_command()).await.status,
        StatusCode::CREATED
    );
}

async fn forms_are_copied_exported_and_imported(app: TestApp) {
    let editor = app.editor_cookie().await;
    let definition = lost_property_form();
    let id = create(&app, &editor, &definition).await.id;
    let copy = app
        .send_json(
            Method::POST,
            &form_path(paths::EDITOR_FORM_DUPLICATE, id),
            &json!({}),
            Some(&editor),
        )
        .await;
    assert_eq!(copy.status, StatusCode::CREATED, "{}", copy.text());
    let copy: FormCreated = copy.json();
    let copied = open(&app, &editor, copy.id).await;
    assert_eq!(copied.definition.slug.as_str(), "fundsache-test-kopie");
    assert_eq!(copied.definition.title.de, "Kopie von Fundsache melden");
    assert_eq!(copied.definition.pages, definition.pages);

    let exported = app
        .get(&form_path(paths::EDITOR_FORM_EXPORT, id), Some(&editor))
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    let mut round_trip: FormDefinition = exported.json();
    assert_eq!(round_trip, definition);
    round_trip.slug = "fundsache-import".parse().unwrap();
    let imported = create(&app, &editor, &round_trip).await;
    assert_eq!(
        open(&app, &editor, imported.id).await.definition,
        round_trip
    );
    assert_eq!(directory(&app, &editor).await.len(), 3);
}

async fn fim_schemas_are_imported_as_drafts_with_a_report(app: TestApp) {
    let editor = app.editor_cookie().await;
    let import = |schema: &str, code_lists: Vec<String>| {
        let (app, editor) = (&app, &editor);
        let request = FimImportRequest {
            schema: schema.to_owned(),
            code_lists,
        };
        async move {
            app.send_json(
                Method::POST,
                paths::EDITOR_FIM_IMPORT,
                &request,
                Some(editor),
            )
            .await
        }
    };
    let v3 = import(
        include_str!("../fixtures/fim/bewohnerparken-xdf3.xml"),
        Vec::new(),
    )
    .await;
    assert_eq!(v3.status, StatusCode::CREATED, "{}", v3.text());
    let created: FormCreated = v3.json();
    assert!(created.problems.is_empty(), "{:?}", created.problems);
    assert!(created.notes.iter().any(|note| note.code == "choice_group"));
    let opened = open(&app, &editor, created.id).await;
    assert_eq!(opened.status, FormStatus::Draft);
    assert_eq!(opened.definition.title.de, "Bewohnerparkausweis beantragen");
    // It can be published as it is.
    assert_eq!(
        publish(&app, &editor, created.id, 1).await.status,
        StatusCode::OK
    );

    // Without its code list the v2 schema imports, but cannot be published yet.
    let v2 = import(
        include_str!("../fixtures/fim/hundesteuer-xdf2.xml"),
        Vec::new(),
    )
    .await;
    let created: FormCreated = v2.json();
    assert!(
        created
            .notes
            .iter()
            .any(|note| note.blocking && note.code == "code_list_missing")
    );
    assert!(!created.problems.is_empty());
    let with_list = import(
        include_str!("../fixtures/fim/hundesteuer-xdf2.xml"),
        vec![include_str!("../fixtures/fim/hunderasse-genericode.xml").to_owned()],
    )
    .await;
    let created: FormCreated = with_list.json();
    assert!(created.problems.is_empty(), "{:?}", created.problems);
    // The second import of the same schema got a free address.
    assert_eq!(
        open(&app, &editor, created.id)
            .await
            .definition
            .slug
            .as_str(),
        "anmeldung-eines-hundes-zur-hundesteuer-2"
    );

    let refused = import("<html><body>kein FIM</body></html>", Vec::new()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error().code, ErrorCode::ImportInvalid);
}
