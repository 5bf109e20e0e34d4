//! File uploads: streamed to disk with the field's limits, checked by content, attached to the
//! submission that names them, downloadable by staff, and purged when abandoned.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;
use shared::api::{ErrorCode, SubmitAnswers, UPLOAD_NAME_HEADER, paths};
use shared::validation::FileRef;
use shared::{FormDefinition, FormSlug};

use crate::helpers::{TestApp, on_both_engines, test_start_time};

on_both_engines!(
    uploaded_file_is_attached_to_the_submission_and_downloadable_by_staff,
    uploads_outside_the_fields_limits_are_refused_and_leave_nothing_behind,
    submissions_may_only_name_unused_uploads_of_their_field,
    files_in_repeatable_groups_have_item_paths,
    abandoned_uploads_are_purged_after_a_day,
    the_space_for_unsent_uploads_is_bounded,
    uploads_are_limited_per_client_behind_a_trusted_proxy,
);

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n% Impfpass\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

pub(crate) fn dog_form() -> FormDefinition {
    serde_json::from_value(json!({
        "slug": "hund-test",
        "title": { "de": "Hund anmelden" },
        "pages": [{ "title": { "de": "Hund" }, "fields": [
            { "key": "name", "label": { "de": "Ihr Name" }, "type": "text", "required": true },
            { "key": "nachweis", "label": { "de": "Nachweis" }, "type": "file", "required": true,
              "accept": ["application/pdf", "image/*"], "max_size_bytes": 100, "max_count": 2 },
            { "key": "hunde", "label": { "de": "Hund" }, "type": "group", "max_items": 3, "fields": [
                { "key": "rufname", "label": { "de": "Rufname" }, "type": "text", "required": true },
                { "key": "impfpass", "label": { "de": "Impfpass" }, "type": "file",
                  "accept": ["application/pdf"], "max_size_bytes": 100 }
            ]}
        ]}]
    }))
    .unwrap()
}

pub(crate) fn slug() -> FormSlug {
    "hund-test".parse().unwrap()
}

async fn upload(
    app: &TestApp,
    field: &str,
    media_type: &str,
    name: Option<&str>,
    bytes: &[u8],
) -> crate::helpers::TestResponse {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(paths::form_uploads(&slug(), 1, field))
        .header(header::CONTENT_TYPE, media_type);
    if let Some(name) = name {
        builder = builder.header(UPLOAD_NAME_HEADER, name);
    }
    app.request(builder.body(Body::from(bytes.to_vec())).unwrap())
        .await
}

pub(crate) async fn upload_pdf(app: &TestApp, field: &str) -> FileRef {
    let response = upload(
        app,
        field,
        "application/pdf",
        Some("Impfpass%20B%C3%A4r.pdf"),
        PDF,
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

pub(crate) fn answers(value: serde_json::Value) -> SubmitAnswers {
    SubmitAnswers {
        version: 1,
        answers: serde_json::from_value(value).unwrap(),
        privacy_acknowledged: false,
        language: shared::Lang::De,
    }
}

/// The files in the upload directory (finished and partial).
fn files_on_disk(app: &TestApp) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(app.data_dir().join("uploads")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn uploaded_file_is_attached_to_the_submission_and_downloadable_by_staff(app: TestApp) {
    app.publish(dog_form()).await;
    let file = upload_pdf(&app, "nachweis").await;
    assert_eq!(file.name, "Impfpass Bär.pdf");
    assert_eq!(file.size, PDF.len() as u64);
    assert_eq!(file.media_type, "application/pdf");
    assert_eq!(files_on_disk(&app), [file.id.to_string()]);

    app.create_staff("staff@example.org", "Ein-langes-Passwort-1")
        .await;
    let cookie = app
        .login("staff@example.org", "Ein-langes-Passwort-1")
        .await;
    // Not part of any submission yet: staff cannot see it.
    let early = app.get(&paths::staff_upload(file.id), Some(&cookie)).await;
    assert_eq!(early.status, StatusCode::NOT_FOUND);

    // A photo type without a checked signature: stored, but served as plain bytes.
    let heic: FileRef = upload(
        &app,
        "nachweis",
        "image/heic",
        Some("foto.heic"),
        b"\0\0\0\x18ftypheic\0\0\0\0",
    )
    .await
    .json();
    let response = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [file, heic] })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let photo = app.get(&paths::staff_upload(heic.id), Some(&cookie)).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(
        photo.headers[header::CONTENT_TYPE],
        "application/octet-stream"
    );

    let anonymous = app.get(&paths::staff_upload(file.id), None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let download = app.get(&paths::staff_upload(file.id), Some(&cookie)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body, PDF);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        download.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"Impfpass B_r.pdf\"; filename*=UTF-8''Impfpass%20B%C3%A4r%2Epdf"
    );
    // Personal data: never cached (the API's security headers).
    assert_eq!(download.headers[header::CACHE_CONTROL], "no-store");

    // The submission's detail lists both files, linked by id.
    let form_id = app
        .get(paths::STAFF_FORMS, Some(&cookie))
        .await
        .json::<Vec<shared::api::StaffFormSummary>>()[0]
        .id;
    let listed: Vec<shared::api::StaffSubmissionSummary> = app
        .get(&paths::staff_form_submissions(form_id), Some(&cookie))
        .await
        .json();
    let detail: shared::api::StaffSubmission = app
        .get(&paths::staff_submission(&listed[0].id), Some(&cookie))
        .await
        .json();
    let files: Vec<(&str, u64)> = detail
        .files
        .iter()
        .map(|file| (file.name.as_str(), file.size))
        .collect();
    assert_eq!(
        files,
        [
            ("Impfpass Bär.pdf", PDF.len() as u64),
            ("foto.heic", heic.size)
        ]
    );
    assert_eq!(detail.files[0].id, file.id);
}

async fn uploads_outside_the_fields_limits_are_refused_and_leave_nothing_behind(app: TestApp) {
    app.publish(dog_form()).await;
    let code = |response: &crate::helpers::TestResponse| response.error().code;

    let too_large = upload(
        &app,
        "nachweis",
        "application/pdf",
        Some("a.pdf"),
        &[b'%'; 101],
    )
    .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(code(&too_large), ErrorCode::FileTooLarge);
    // Without a Content-Length (chunked), the limit holds while the bytes arrive.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(PDF.to_vec()), Ok(vec![b' '; 60])];
    let streamed = app
        .request(
            Request::builder()
                .method(Method::POST)
                .uri(paths::form_uploads(&slug(), 1, "nachweis"))
                .header(header::CONTENT_TYPE, "application/pdf")
                .header(UPLOAD_NAME_HEADER, "b.pdf")
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap(),
        )
        .await;
    assert_eq!(streamed.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(code(&streamed), ErrorCode::FileTooLarge);
    // Exactly the limit is fine.
    let mut at_limit = PDF.to_vec();
    at_limit.resize(100, b' ');
    let ok = upload(
        &app,
        "nachweis",
        "application/pdf",
        Some("a.pdf"),
        &at_limit,
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());

    let wrong_type = upload(&app, "nachweis", "text/plain", Some("a.txt"), b"hallo").await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(code(&wrong_type), ErrorCode::FileTypeNotAllowed);
    // A program renamed to look like a photo.
    let disguised = upload(
        &app,
        "nachweis",
        "image/png",
        Some("foto.png"),
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff",
    )
    .await;
    assert_eq!(code(&disguised), ErrorCode::FileTypeNotAllowed);
    let empty = upload(&app, "nachweis", "application/pdf", Some("a.pdf"), b"").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&empty), ErrorCode::FileEmpty);
    let nameless = upload(&app, "nachweis", "application/pdf", None, PDF).await;
    assert_eq!(code(&nameless), ErrorCode::MalformedRequest);
    for field in [
        "name",
        "unbekannt",
        "hunde",
        "hunde.rufname",
        "hunde.unbekannt",
    ] {
        let response = upload(&app, field, "application/pdf", Some("a.pdf"), PDF).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{field}");
    }
    // German error messages by default.
    assert_eq!(too_large.error().message, "Die Datei ist zu groß");

    let kept: FileRef = ok.json();
    assert_eq!(
        files_on_disk(&app),
        [kept.id.to_string()],
        "no partial files remain"
    );
}

async fn submissions_may_only_name_unused_uploads_of_their_field(app: TestApp) {
    app.publish(dog_form()).await;
    let file = upload_pdf(&app, "nachweis").await;
    let unknown = json!({ "id": "0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90", "name": "x.pdf", "size": 10, "media_type": "application/pdf" });
    let mut tampered = serde_json::to_value(&file).unwrap();
    tampered["size"] = json!(1);
    let from_other_field = upload_pdf(&app, "hunde.impfpass").await;

    for bad in [
        unknown,
        tampered,
        serde_json::to_value(&from_other_field).unwrap(),
    ] {
        let response = app
            .submit(
                &slug(),
                &answers(json!({ "name": "Erika", "nachweis": [bad] })),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            response.text()
        );
        let error = response.error();
        assert_eq!(error.fields.len(), 1);
        assert_eq!(error.fields[0].field.as_str(), "nachweis");
        assert_eq!(
            serde_json::to_value(&error.fields[0]).unwrap()["code"],
            "upload_not_found"
        );
        assert_eq!(
            error.fields[0].message.de,
            "Die Datei bei „Nachweis“ ist nicht mehr vorhanden. Laden Sie sie erneut hoch"
        );
    }
    // The same file twice in one answer.
    let twice = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [file, file] })),
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        serde_json::to_value(&twice.error().fields[0]).unwrap()["code"],
        "upload_not_found"
    );

    let first = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [file] })),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    // A file belongs to one submission only.
    let again = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Max", "nachweis": [file] })),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn files_in_repeatable_groups_have_item_paths(app: TestApp) {
    app.publish(dog_form()).await;
    let proof = upload_pdf(&app, "nachweis").await;
    let vaccination = upload_pdf(&app, "hunde.impfpass").await;
    let unknown = json!({ "id": "0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90", "name": "x.pdf", "size": 10, "media_type": "application/pdf" });

    let rejected = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [proof], "hunde": [
                { "rufname": "Bello", "impfpass": [vaccination] },
                { "rufname": "Luna", "impfpass": [unknown] }
            ] })),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = rejected.error();
    assert_eq!(error.fields[0].field.as_str(), "hunde[1].impfpass");
    assert!(
        error.fields[0]
            .message
            .de
            .starts_with("Hund 2: Die Datei bei „Impfpass“"),
        "{}",
        error.fields[0].message.de
    );

    // Nothing was attached by the refused submission: both files can still be sent.
    let accepted = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [proof], "hunde": [
                { "rufname": "Bello", "impfpass": [vaccination] }
            ] })),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text());
}

async fn abandoned_uploads_are_purged_after_a_day(app: TestApp) {
    app.publish(dog_form()).await;
    let kept = upload_pdf(&app, "nachweis").await;
    let abandoned = upload_pdf(&app, "nachweis").await;
    let response = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [kept] })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let files = backend::uploads::FileStore::new(&app.data_dir());
    let start_ms = test_start_time().timestamp_millis();

    // Within the day nothing goes.
    let hour_ms = 60 * 60 * 1000;
    let removed = backend::uploads::purge_abandoned(&app.db, &files, start_ms + 23 * hour_ms)
        .await
        .unwrap();
    assert_eq!(removed, 0);
    let removed = backend::uploads::purge_abandoned(&app.db, &files, start_ms + 25 * hour_ms)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    assert_eq!(files_on_disk(&app), [kept.id.to_string()]);

    // The abandoned one is gone for good: a late submission naming it is refused.
    let late = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [abandoned] })),
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn the_space_for_unsent_uploads_is_bounded(app: TestApp) {
    // A server whose space for unsent uploads holds one PDF.
    let app = app
        .respawn_with(|config| config.max_pending_upload_bytes = PDF.len() as u64 + 10)
        .await;
    app.publish(dog_form()).await;
    let first = upload_pdf(&app, "nachweis").await;
    let refused = upload(&app, "nachweis", "application/pdf", Some("b.pdf"), PDF).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.error().code, ErrorCode::UploadsUnavailable);
    // Once sent, a file no longer counts against the space.
    let sent = app
        .submit(
            &slug(),
            &answers(json!({ "name": "Erika", "nachweis": [first] })),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
    upload_pdf(&app, "nachweis").await;
}

async fn uploads_are_limited_per_client_behind_a_trusted_proxy(app: TestApp) {
    let proxy: std::net::IpAddr = "127.0.0.1".parse().unwrap();
    let app = app
        .respawn_with(|config| config.trusted_proxies = vec![proxy])
        .await;
    app.publish(dog_form()).await;
    let from = |client: &str| {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(paths::form_uploads(&slug(), 1, "nachweis"))
            .header(header::CONTENT_TYPE, "application/pdf")
            .header(UPLOAD_NAME_HEADER, "a.pdf")
            .header("x-forwarded-for", client)
            .body(Body::from(PDF.to_vec()))
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(
                proxy, 40_000,
            )));
        request
    };
    for attempt in 0..backend::app::UPLOADS_PER_HOUR {
        let response = app.request(from("198.51.100.7")).await;
        assert_eq!(response.status, StatusCode::CREATED, "upload {attempt}");
    }
    let limited = app.request(from("198.51.100.7")).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    // Another citizen behind the same proxy is not affected.
    let other = app.request(from("203.0.113.20")).await;
    assert_eq!(other.status, StatusCode::CREATED);
}
