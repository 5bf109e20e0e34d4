//! Listing and fetching published forms.

use axum::http::StatusCode;
use shared::api::{ErrorCode, Form, FormSummary, paths};

use crate::helpers::{TestApp, lost_property_form, on_both_engines};

on_both_engines!(
    health_answers_ok,
    published_forms_are_listed_with_their_version,
    form_is_fetched_by_slug,
    unknown_or_malformed_slug_is_a_json_404,
    unknown_api_path_is_a_json_404,
    each_version_has_a_json_schema_of_its_submission_data,
    the_definition_format_has_a_published_json_schema,
);

async fn the_definition_format_has_a_published_json_schema(app: TestApp) {
    let response = app.get(paths::FORM_DEFINITION_SCHEMA, None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.headers[axum::http::header::CONTENT_TYPE],
        "application/schema+json"
    );
    let schema: serde_json::Value = response.json();
    assert_eq!(schema["$id"], paths::FORM_DEFINITION_SCHEMA);
    assert_eq!(
        schema["required"],
        serde_json::json!(["slug", "title", "pages"])
    );
}

async fn each_version_has_a_json_schema_of_its_submission_data(app: TestApp) {
    let definition = lost_property_form();
    app.publish(definition.clone()).await;

    let response = app
        .get(&paths::form_version_schema(&definition.slug, 1), None)
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(
        response.headers[axum::http::header::CONTENT_TYPE],
        "application/schema+json"
    );
    let schema: serde_json::Value = response.json();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["$id"],
        "/api/forms/fundsache-test/versions/1/schema.json"
    );
    let properties = schema["properties"].as_object().unwrap();
    let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    for key in [
        "gegenstand",
        "funddatum",
        "kategorie",
        "wert",
        "email",
        "bemerkung",
        "datenschutz",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(properties["wert"]["type"], "integer");
    assert_eq!(properties["funddatum"]["format"], "date");
    assert_eq!(schema["additionalProperties"], false);
    let required = schema["required"].as_array().unwrap();
    assert!(required.contains(&serde_json::json!("gegenstand")));
    assert!(!required.contains(&serde_json::json!("bemerkung")));

    let unknown = app
        .get(&paths::form_version_schema(&definition.slug, 2), None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn health_answers_ok(app: TestApp) {
    let response = app.get(paths::HEALTH, None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<serde_json::Value>()["status"], "ok");
}

async fn published_forms_are_listed_with_their_version(app: TestApp) {
    assert!(
        app.get(paths::FORMS, None)
            .await
            .json::<Vec<FormSummary>>()
            .is_empty()
    );
    let id = app.publish(lost_property_form()).await;

    let forms: Vec<FormSummary> = app.get(paths::FORMS, None).await.json();

    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].id, id);
    assert_eq!(forms[0].slug.as_str(), "fundsache-test");
    assert_eq!(forms[0].title.de, "Fundsache melden");
    assert_eq!(forms[0].version, 1);
}

async fn form_is_fetched_by_slug(app: TestApp) {
    let definition = lost_property_form();
    let id = app.publish(definition.clone()).await;

    let response = app.get(&paths::form(&definition.slug), None).await;

    assert_eq!(response.status, StatusCode::OK);
    let form: Form = response.json();
    assert_eq!(
        form,
        Form {
            id,
            version: 1,
            definition
        }
    );
}

async fn unknown_or_malformed_slug_is_a_json_404(app: TestApp) {
    for path in ["/api/forms/gibt-es-nicht", "/api/forms/Not_A_Slug"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        let error = response.error();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.message, "Das Gesuchte gibt es nicht (mehr)");
    }
}

async fn unknown_api_path_is_a_json_404(app: TestApp) {
    let response = app.get("/api/nothing/here", None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.error().code, ErrorCode::NotFound);
}
