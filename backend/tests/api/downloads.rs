//! Downloads for staff: every format opens with a real reader and holds what was sent (Excel
//! with calamine, JSON against the version's JSON Schema, PDF with lopdf, ZIP with zip), only
//! for the account's departments, and each download is in the audit log.

use std::io::{Cursor, Read};

use axum::http::{StatusCode, header};
use calamine::Reader;
use serde_json::json;
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::editor::StaffRole;
use shared::api::{StaffSubmissionSummary, paths};

use crate::helpers::{TestApp, on_both_engines};
use crate::uploads::{PDF, answers, dog_form, slug, upload_pdf};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(every_download_format_opens_and_holds_the_submissions);

fn pdf_text(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pdf.extract_text(&pages).unwrap()
}

async fn every_download_format_opens_and_holds_the_submissions(app: TestApp) {
    let form_id = app.publish(dog_form()).await;
    let mut references = Vec::new();
    let mut files = Vec::new();
    for name in ["Erika Mustermann", "=HYPERLINK(\"x\")"] {
        let file = upload_pdf(&app, "nachweis").await;
        let sent = app
            .submit(
                &slug(),
                &answers(json!({ "name": name, "nachweis": [file] })),
            )
            .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
        references.push(
            sent.json::<shared::api::SubmissionReceipt>()
                .reference
                .to_string(),
        );
        files.push(file);
    }
    app.create_staff("fall@example.org", PASSWORD).await;
    let staff = app.login("fall@example.org", PASSWORD).await;
    let get = |path: String| {
        let (app, staff) = (&app, staff.clone());
        async move {
            let response = app.get(&path, Some(&staff)).await;
            assert_eq!(
                response.status,
                StatusCode::OK,
                "{path}: {}",
                response.text()
            );
            response
        }
    };

    // Excel: one row per submission under a header, formulas kept as text.
    let xlsx = get(paths::staff_form_download(paths::STAFF_FORM_XLSX, form_id)).await;
    assert_eq!(
        xlsx.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"hund-test-antraege.xlsx\""
    );
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx.body.clone())).unwrap();
    let sheet = workbook.worksheet_range("Anträge").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][..4],
        [
            "Referenznummer",
            "Eingegangen am",
            "Formularversion",
            "Ihr Name"
        ]
    );
    assert_eq!(rows[1][0], references[0]);
    assert_eq!(rows[1][3], "Erika Mustermann");
    assert_eq!(
        rows[2][3], "=HYPERLINK(\"x\")",
        "a text cell, not a formula"
    );

    // JSON: every submission's answers validate against its version's JSON Schema.
    let json = get(paths::staff_form_download(paths::STAFF_FORM_JSON, form_id)).await;
    let items: Vec<serde_json::Value> = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(items.len(), 2);
    let schema: serde_json::Value = app
        .get(&paths::form_version_schema(&slug(), 1), None)
        .await
        .json();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (item, reference) in items.iter().zip(&references) {
        assert_eq!(item["reference"], reference.as_str());
        assert_eq!(item["version"], 1);
        assert!(validator.is_valid(&item["answers"]), "{item}");
    }
    assert_eq!(items[0]["answers"]["name"], "Erika Mustermann");

    // PDF of one submission, and its ZIP bundle.
    let listed: Vec<StaffSubmissionSummary> = app
        .get(&paths::staff_form_submissions(form_id), Some(&staff))
        .await
        .json();
    let first = listed
        .iter()
        .find(|item| item.reference.to_string() == references[0])
        .unwrap();
    let pdf = get(paths::staff_submission_download(
        paths::STAFF_SUBMISSION_PDF,
        &first.id,
    ))
    .await;
    let text = pdf_text(&pdf.body);
    assert!(text.contains(&references[0]), "{text}");
    assert!(text.contains("Erika Mustermann"), "{text}");

    let zip = get(paths::staff_submission_download(
        paths::STAFF_SUBMISSION_ZIP,
        &first.id,
    ))
    .await;
    let mut archive = zip::ZipArchive::new(Cursor::new(zip.body.clone())).unwrap();
    let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    names.sort();
    let folder = &references[0];
    assert_eq!(
        names,
        [
            format!("{folder}/anlagen/Impfpass Bär.pdf"),
            format!("{folder}/antrag.json"),
            format!("{folder}/antrag.pdf"),
        ]
    );
    let mut attachment = Vec::new();
    archive
        .by_name(&format!("{folder}/anlagen/Impfpass Bär.pdf"))
        .unwrap()
        .read_to_end(&mut attachment)
        .unwrap();
    assert_eq!(attachment, PDF);
    let mut inner_pdf = Vec::new();
    archive
        .by_name(&format!("{folder}/antrag.pdf"))
        .unwrap()
        .read_to_end(&mut inner_pdf)
        .unwrap();
    assert!(pdf_text(&inner_pdf).contains("Erika Mustermann"));

    // A selection: a folder per submission; limits and departments hold.
    let ids: Vec<String> = listed.iter().map(|item| item.id.clone()).collect();
    let bundle = get(format!("{}?ids={}", paths::STAFF_BUNDLE, ids.join(","))).await;
    let archive = zip::ZipArchive::new(Cursor::new(bundle.body.clone())).unwrap();
    let mut folders: Vec<&str> = archive
        .file_names()
        .filter_map(|name| name.strip_suffix("/antrag.json"))
        .collect();
    folders.sort_unstable();
    assert_eq!(folders, [references[0].as_str(), references[1].as_str()]);
    let too_many = vec![ids[0].clone(); 1]
        .into_iter()
        .chain((0..100).map(|n| format!("00000000-0000-0000-0000-{n:012}")))
        .collect::<Vec<_>>()
        .join(",");
    let response = app
        .get(
            &format!("{}?ids={too_many}", paths::STAFF_BUNDLE),
            Some(&staff),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    app.create_account(
        "andere@example.org",
        "Andere Person",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    let other = app.login("andere@example.org", PASSWORD).await;
    for path in [
        paths::staff_form_download(paths::STAFF_FORM_XLSX, form_id),
        paths::staff_form_download(paths::STAFF_FORM_JSON, form_id),
        paths::staff_submission_download(paths::STAFF_SUBMISSION_PDF, &first.id),
        paths::staff_submission_download(paths::STAFF_SUBMISSION_ZIP, &first.id),
        format!("{}?ids={}", paths::STAFF_BUNDLE, ids.join(",")),
    ] {
        assert_eq!(
            app.get(&path, Some(&other)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // Each download is in the audit log.
    app.create_account("admin@example.org", "Admin", PASSWORD, StaffRole::Admin)
        .await;
    let admin = app.login("admin@example.org", PASSWORD).await;
    let log: AuditPage = app
        .get(
            &format!("{}?action=submissions_exported", paths::ADMIN_AUDIT),
            Some(&admin),
        )
        .await
        .json();
    let mut formats: Vec<&str> = log
        .entries
        .iter()
        .map(|entry| entry.details.as_str())
        .collect();
    formats.sort_unstable();
    assert_eq!(formats, ["Excel", "JSON", "PDF", "ZIP", "ZIP", "ZIP"]);
    assert!(
        log.entries
            .iter()
            .all(|entry| entry.action == AuditAction::SubmissionsExported)
    );
}
