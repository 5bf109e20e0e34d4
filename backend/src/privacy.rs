//! Data protection (DSGVO): the retention job, and an admin's look-up, copy (Art. 15) and
//! erasure (Art. 17) of one person's data, found by e-mail address.
//!
//! Erasing a submission removes its answers, files, notes, status messages and e-mails, and
//! keeps its reference number, form, times and status history for the key figures. Each
//! erasure is logged with what it removed (counts), never the data.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use shared::api::audit::AuditAction;
use shared::api::{ErasePerson, ErrorCode, PersonData, PersonSubmission, ProcessingStatus};
use shared::{FormId, LocalizedText};

use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::db;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp, CurrentAdmin};

/// How often the retention job runs.
pub(crate) const RETENTION_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Erases one submission's personal data and deletes its files; `None` if it was erased already.
/// Returns the log's description of what was removed.
async fn erase_submission(state: &AppState, id: &str) -> anyhow::Result<Option<String>> {
    let now_ms = state.clock.now().timestamp_millis();
    let Some(erased) = db::privacy::erase(&state.db, id, now_ms).await? else {
        return Ok(None);
    };
    for file in &erased.files {
        state.files.remove(*file).await?;
    }
    Ok(Some(format!(
        "Antworten, {} Dateien, {} Notizen, {} E-Mails",
        erased.files.len(),
        erased.notes,
        erased.mails
    )))
}

/// Erases every submission whose form's retention period has ended since it was finished;
/// returns how many. Runs every [`RETENTION_INTERVAL`] and can be called at any time.
pub async fn run_retention(state: &AppState) -> anyhow::Result<usize> {
    let now_ms = state.clock.now().timestamp_millis();
    let expired = db::privacy::fetch_expired(&state.db, now_ms).await?;
    let mut erased = 0;
    for (id, reference) in expired {
        if let Some(removed) = erase_submission(state, &id).await? {
            audit::record_system(state, AuditAction::RetentionErased, &reference, &removed)
                .await
                .map_err(|error| anyhow::anyhow!("audit entry: {error:?}"))?;
            erased += 1;
        }
    }
    if erased > 0 {
        tracing::info!(erased, "submissions erased after their retention period");
    }
    Ok(erased)
}

/// The hourly retention job.
pub(crate) async fn retention_job(state: AppState) {
    let mut interval = tokio::time::interval(RETENTION_INTERVAL);
    loop {
        interval.tick().await;
        if let Err(error) = run_retention(&state).await {
            tracing::error!(error = format!("{error:#}"), "the retention job failed");
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct PersonQuery {
    email: String,
}

/// The e-mail address to look for: trimmed, with an `@`, at most 254 characters.
fn email_of(text: &str) -> Result<String, ApiError> {
    let email = text.trim();
    if email.len() > 254 || !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        return Err(ApiError::Client(ErrorCode::MalformedRequest));
    }
    Ok(email.to_owned())
}

/// The submissions in which the e-mail address is an answer, with their forms' titles.
async fn person_submissions(
    state: &AppState,
    email: &str,
) -> Result<Vec<PersonSubmission>, ApiError> {
    let found = db::privacy::find_by_email(&state.db, email).await?;
    let forms = db::staff::fetch_forms_with_counts(&state.db, &db::staff::Scope::all()).await?;
    found
        .into_iter()
        .map(|row| {
            let form_title = forms
                .iter()
                .find(|form| form.form_id.to_string() == row.form_id)
                .map_or_else(
                    || LocalizedText::de(row.form_id.clone()),
                    |form| form.title.clone(),
                );
            Ok(PersonSubmission {
                form_id: row.form_id.parse::<FormId>().map_err(|_| {
                    ApiError::Internal(anyhow::anyhow!("stored form id {}", row.form_id))
                })?,
                reference: row.reference.parse().map_err(|_| {
                    ApiError::Internal(anyhow::anyhow!("stored reference {}", row.reference))
                })?,
                form_title,
                received_at: crate::routes::rfc3339(row.received_at_ms),
                status: ProcessingStatus::from_name(&row.status).ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!("stored status {}", row.status))
                })?,
                erased: row.erased,
                id: row.id,
            })
        })
        .collect()
}

/// `GET /api/admin/persons?email=`: a person's submissions (admins only).
pub(crate) async fn find_person(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    Query(query): Query<PersonQuery>,
) -> Result<Json<PersonData>, ApiError> {
    let email = email_of(&query.email)?;
    Ok(Json(PersonData {
        submissions: person_submissions(&state, &email).await?,
        bookings: crate::booking::person_bookings(&state, &email).await?,
    }))
}

/// `GET /api/admin/persons/export.zip?email=`: a copy of a person's data (Art. 15): the ZIP
/// bundle of their submissions that are not erased. 404 if there are none.
pub(crate) async fn export_person(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    Query(query): Query<PersonQuery>,
) -> Result<Response, ApiError> {
    let email = email_of(&query.email)?;
    let found: Vec<PersonSubmission> = person_submissions(&state, &email)
        .await?
        .into_iter()
        .filter(|submission| !submission.erased)
        .collect();
    let bookings = crate::booking::person_bookings(&state, &email).await?;
    if found.is_empty() && bookings.is_empty() {
        return Err(ApiError::NOT_FOUND);
    }
    let actor = Actor {
        account: &account,
        ip,
    };
    for submission in &found {
        let reference = submission.reference.to_string();
        audit::record(
            &state,
            &actor,
            AuditAction::PersonExported,
            &reference,
            "Art. 15",
        )
        .await?;
    }
    let mut extra = Vec::new();
    if !bookings.is_empty() {
        audit::record(
            &state,
            &actor,
            AuditAction::PersonExported,
            "Termine",
            &format!("Art. 15: {} Termine", bookings.len()),
        )
        .await?;
        extra.push((
            "termine.json".to_owned(),
            serde_json::to_vec_pretty(&bookings)
                .map_err(|error| ApiError::Internal(error.into()))?,
        ));
    }
    let ids: Vec<String> = found.into_iter().map(|submission| submission.id).collect();
    let file = crate::bundle::bundle(
        &state.db,
        &state.files,
        &ids,
        extra,
        state.config.time_zone,
        shared::Lang::De,
    )
    .await
    .map_err(ApiError::Internal)?;
    crate::routes::staff::zip_download("auskunft.zip", file).await
}

/// `POST /api/admin/persons/erase`: erases a person's submissions (Art. 17); answers how many.
pub(crate) async fn erase_person(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(command): ApiJson<ErasePerson>,
) -> Result<(StatusCode, Json<PersonData>), ApiError> {
    let email = email_of(&command.email)?;
    let actor = Actor {
        account: &account,
        ip,
    };
    for submission in person_submissions(&state, &email).await? {
        if submission.erased {
            continue;
        }
        if let Some(removed) = erase_submission(&state, &submission.id)
            .await
            .map_err(ApiError::Internal)?
        {
            let details = format!("Art. 17: {removed}");
            let reference = submission.reference.to_string();
            audit::record(
                &state,
                &actor,
                AuditAction::PersonErased,
                &reference,
                &details,
            )
            .await?;
        }
    }
    let erased = crate::booking::erase_person_bookings(&state, &email).await?;
    if erased > 0 {
        audit::record(
            &state,
            &actor,
            AuditAction::PersonErased,
            "Termine",
            &format!("Art. 17: {erased} Termine"),
        )
        .await?;
    }
    Ok((
        StatusCode::OK,
        Json(PersonData {
            submissions: person_submissions(&state, &email).await?,
            bookings: crate::booking::person_bookings(&state, &email).await?,
        }),
    ))
}
