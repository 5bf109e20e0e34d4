//! Citizen side: list published forms, fetch one, submit answers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::api::{ErrorCode, Form, FormSummary, SubmissionReceipt, SubmitAnswers};
use shared::{CompiledForm, FieldError, FieldErrorKind, FormSlug, UploadId, ValidAnswers};

use crate::app::AppState;
use crate::clock::local_date;
use crate::db;
use crate::db::forms::StoredFormVersion;
use crate::db::submissions::UploadTaken;
use crate::error::ApiError;
use crate::extract::ApiJson;

pub(crate) async fn list_forms(
    State(state): State<AppState>,
) -> Result<Json<Vec<FormSummary>>, ApiError> {
    let versions = db::forms::fetch_latest_versions(&state.db).await?;
    Ok(Json(
        versions
            .into_iter()
            .map(|stored| FormSummary {
                id: stored.form_id,
                slug: stored.definition.slug,
                title: stored.definition.title,
                description: stored.definition.description,
                version: stored.version,
            })
            .collect(),
    ))
}

pub(crate) async fn get_form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Form>, ApiError> {
    let slug = parse_slug(&slug)?;
    let stored = db::forms::fetch_optional_latest_by_slug(&state.db, &slug)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    Ok(Json(form_view(stored)))
}

/// Validates the answers against the version the citizen filled in (the server is the
/// authority; the browser ran the same function) and stores them with a new reference number.
pub(crate) async fn create_submission(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiJson(command): ApiJson<SubmitAnswers>,
) -> Result<(StatusCode, Json<SubmissionReceipt>), ApiError> {
    let slug = parse_slug(&slug)?;
    let stored = db::forms::fetch_optional_version_by_slug(&state.db, &slug, command.version)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    if db::editor::is_archived(&state.db, stored.form_id).await? {
        return Err(ApiError::Client(ErrorCode::FormArchived));
    }
    let compiled = state.compiled_forms.get(&stored)?;
    // Art. 13 DSGVO: the information must have been given before the data is collected.
    if stored.definition.privacy_notice.is_some() && !command.privacy_acknowledged {
        return Err(ApiError::Client(ErrorCode::PrivacyNotAcknowledged));
    }
    let now = state.clock.now();
    let today = local_date(now, state.config.time_zone);
    let answers: ValidAnswers = compiled
        .validate(&command.answers, today)
        .map_err(ApiError::Invalid)?;
    let uploads = check_uploads(&state, &stored, &compiled, &answers).await?;
    let access_code = crate::access_code::new_access_code();
    let payment = crate::payment::due(&state.config, &stored.definition, &answers);
    // Only when mail can go out; an address the engine accepted as an e-mail field's answer.
    let confirmation_to = state
        .mail
        .is_some()
        .then(|| {
            let key = stored.definition.confirmation_email_field.as_ref()?;
            match answers.get(key)? {
                shared::TypedValue::Text(address) => Some(address.as_str()),
                _ => None,
            }
        })
        .flatten();
    let stored_result = db::submissions::insert_submission(
        &state.db,
        &db::submissions::NewSubmission {
            form_id: stored.form_id,
            form_version: stored.version,
            answers: &answers,
            received_at_ms: now.timestamp_millis(),
            year: today.year(),
            uploads: &uploads,
            access_code: &access_code,
            privacy_acknowledged_at_ms: stored
                .definition
                .privacy_notice
                .is_some()
                .then(|| now.timestamp_millis()),
            payment: payment.as_ref(),
            language: command.language,
            confirmation_to,
        },
    )
    .await?;
    let reference = match stored_result {
        Ok(reference) => reference,
        // Another submission took the file in the meantime: report it like a missing one.
        Err(UploadTaken(taken)) => {
            return Err(ApiError::Invalid(upload_errors(
                &compiled,
                &answers,
                |id| id == taken,
            )));
        }
    };
    tracing::info!(%reference, form = %slug, "submission received");
    if confirmation_to.is_some() {
        state.outbox_wakeup.notify_one();
    }
    let received_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let payment = payment
        .as_ref()
        .and_then(|due| crate::payment::details(due, reference.as_str()));
    Ok((
        StatusCode::CREATED,
        Json(SubmissionReceipt {
            reference,
            received_at,
            access_code,
            payment,
            confirmation_email: confirmation_to.map(str::to_owned),
        }),
    ))
}

/// The uploads the answers name, after checking that each is one the server received for this
/// form and field, exactly as described, and not yet part of a submission.
async fn check_uploads(
    state: &AppState,
    stored: &StoredFormVersion,
    compiled: &CompiledForm,
    answers: &ValidAnswers,
) -> Result<Vec<UploadId>, ApiError> {
    let named = answers.files();
    let ids: Vec<UploadId> = named.iter().map(|(_, _, file)| file.id).collect();
    let found = db::uploads::fetch_by_ids(&state.db, &ids).await?;
    let usable = |field: &str, file: &shared::validation::FileRef| {
        found.iter().any(|upload| {
            upload.id == file.id
                && upload.form_id == stored.form_id
                && upload.field == field
                && upload.submission_id.is_none()
                && upload.name == file.name
                && upload.size == file.size
                && upload.media_type == file.media_type
        })
    };
    let errors = upload_errors(compiled, answers, |id| {
        named
            .iter()
            .any(|(_, field, file)| file.id == id && !usable(field, file))
            // The same upload named twice could be attached only once.
            || ids.iter().filter(|other| **other == id).count() > 1
    });
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// `upload_not_found` errors for the files the answers name whose id `bad` picks.
fn upload_errors(
    compiled: &CompiledForm,
    answers: &ValidAnswers,
    bad: impl Fn(UploadId) -> bool,
) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = Vec::new();
    for (path, _, file) in answers.files() {
        if !bad(file.id) || errors.iter().any(|error| error.field == path) {
            continue;
        }
        errors.extend(compiled.error_at(&path, FieldErrorKind::UploadNotFound));
    }
    errors
}

/// The JSON Schema of a published version's submission data, for downstream systems. Public,
/// like the form itself.
pub(crate) async fn get_version_schema(
    State(state): State<AppState>,
    Path((slug, version)): Path<(String, u32)>,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    let slug = parse_slug(&slug)?;
    let stored = db::forms::fetch_optional_version_by_slug(&state.db, &slug, version)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let id = shared::api::paths::form_version_schema(&slug, version);
    let schema = shared::json_schema::submission_schema(&stored.definition, version, &id);
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/schema+json"),
        )],
        Json(schema),
    ))
}

/// An unparsable slug cannot name a form: 404, like an unknown one.
fn parse_slug(slug: &str) -> Result<FormSlug, ApiError> {
    slug.parse().map_err(|_| ApiError::NOT_FOUND)
}

pub(crate) fn form_view(stored: StoredFormVersion) -> Form {
    Form {
        id: stored.form_id,
        version: stored.version,
        definition: stored.definition,
    }
}

/// The published JSON Schema of the form definition exchange format.
const DEFINITION_SCHEMA: &str = include_str!("../../../docs/form-definition.schema.json");

pub(crate) async fn get_definition_schema() -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/schema+json"),
        )],
        DEFINITION_SCHEMA,
    )
}
