//! Citizen side: list published forms, fetch one, submit answers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::api::{Form, FormSummary, SubmissionReceipt, SubmitAnswers};
use shared::{FormSlug, ValidAnswers};

use crate::app::AppState;
use crate::clock::local_date;
use crate::db;
use crate::db::forms::StoredFormVersion;
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
    let compiled = state.compiled_forms.get(&stored)?;
    let now = state.clock.now();
    let today = local_date(now, state.config.time_zone);
    let answers: ValidAnswers = compiled
        .validate(&command.answers, today)
        .map_err(ApiError::Invalid)?;
    let reference = db::submissions::insert_submission(
        &state.db,
        &db::submissions::NewSubmission {
            form_id: stored.form_id,
            form_version: stored.version,
            answers: &answers,
            received_at_ms: now.timestamp_millis(),
            year: today.year(),
        },
    )
    .await?;
    tracing::info!(%reference, form = %slug, "submission received");
    let received_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok((
        StatusCode::CREATED,
        Json(SubmissionReceipt {
            reference,
            received_at,
        }),
    ))
}

/// An unparsable slug cannot name a form: 404, like an unknown one.
fn parse_slug(slug: &str) -> Result<FormSlug, ApiError> {
    slug.parse().map_err(|_| ApiError::NOT_FOUND)
}

fn form_view(stored: StoredFormVersion) -> Form {
    Form {
        id: stored.form_id,
        version: stored.version,
        definition: stored.definition,
    }
}
