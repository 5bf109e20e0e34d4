//! Staff side: log in and out, list forms, download submissions.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashSet;

use serde::Deserialize;
use shared::FormDefinition;
use shared::FormId;
use shared::api::audit::AuditAction;
use shared::api::{
    AddNote, AnswerRow, AnswerSection, ChangeStatus, Colleague, ErrorCode, MAX_NOTE_CHARS,
    MAX_STATUS_MESSAGE_CHARS, ProcessingStatus, StaffFile, StaffFormSummary, StaffLogin, StaffNote,
    StaffSubmission, StaffSubmissionSummary, StaffUser,
};

use crate::app::AppState;
use crate::audit;
use crate::auth;
use crate::db;
use crate::db::staff::Scope;
use crate::error::ApiError;
use crate::export::{self, CsvSeparator};
use crate::extract::{ApiJson, ClientIp, CurrentStaff};
use crate::receipt::Receipt;
use crate::routes::rfc3339;

pub(crate) async fn create_session(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    ApiJson(login): ApiJson<StaffLogin>,
) -> Result<Response, ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    let mut throttle_keys = vec![format!("account:{}", login.email.trim().to_lowercase())];
    if let Some(ip) = client_ip {
        throttle_keys.push(format!("ip:{ip}"));
    }
    if let Some(retry_after_secs) = state
        .login_throttle
        .retry_after_secs(&throttle_keys, now_ms)
    {
        return Err(ApiError::RateLimited { retry_after_secs });
    }
    let account = db::staff::fetch_optional_by_email(&state.db, &login.email).await?;
    let stored_hash = account.as_ref().map_or_else(
        || auth::dummy_hash().to_owned(),
        |account| account.password_hash.clone(),
    );
    let password = login.password;
    // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
    let matches =
        tokio::task::spawn_blocking(move || auth::verify_password(&password, &stored_hash))
            .await
            .map_err(|error| ApiError::Internal(error.into()))?;
    let Some(account) = account.filter(|_| matches) else {
        tracing::info!("failed staff login");
        state.login_throttle.record(&throttle_keys, now_ms);
        return Err(ApiError::Client(ErrorCode::InvalidCredentials));
    };
    // The second factor: without a code the client is asked for one; a wrong or reused code
    // counts as a failed login.
    if let Some(secret) = &account.totp_secret {
        let Some(code) = login.totp.as_deref().filter(|code| !code.trim().is_empty()) else {
            return Err(ApiError::Client(ErrorCode::TotpRequired));
        };
        let now_secs = u64::try_from(now_ms / 1000).unwrap_or_default();
        let step = crate::totp::verify(secret, code, now_secs, account.totp_last_step);
        let accepted = match step {
            Some(step) => db::staff::use_totp_step(&state.db, &account.id, step).await?,
            None => false,
        };
        if !accepted {
            tracing::info!("failed staff login (second factor)");
            state.login_throttle.record(&throttle_keys, now_ms);
            return Err(ApiError::Client(ErrorCode::InvalidCredentials));
        }
    }
    state.login_throttle.clear(&throttle_keys);
    let token = auth::new_session_token();
    db::staff::insert_session(
        &state.db,
        &auth::token_hash(&token),
        &account.id,
        now_ms,
        now_ms + auth::SESSION_LIFETIME_MS,
    )
    .await?;
    tracing::info!(user = %account.id, "staff login");
    let actor = audit::Actor {
        account: &account,
        ip: client_ip,
    };
    audit::record(&state, &actor, AuditAction::SignedIn, &account.email, "").await?;
    let cookie = HeaderValue::from_str(&auth::session_cookie(&token, state.config.secure_cookies))
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(user_view(&state, &account).await?),
    )
        .into_response())
}

pub(crate) async fn delete_session(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = auth::session_token(&headers, state.config.secure_cookies) {
        db::staff::delete_session(&state.db, &auth::token_hash(&token)).await?;
    }
    let cookie = HeaderValue::from_str(&auth::expired_session_cookie(state.config.secure_cookies))
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// `POST /api/staff/me/password`: a new password after the current one; the account's other
/// sessions end. A wrong current password counts as a failed login (throttled).
pub(crate) async fn change_password(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    ApiJson(command): ApiJson<shared::api::editor::ChangePassword>,
) -> Result<StatusCode, ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    let throttle_keys = vec![format!("account:{}", account.email)];
    if let Some(retry_after_secs) = state
        .login_throttle
        .retry_after_secs(&throttle_keys, now_ms)
    {
        return Err(ApiError::RateLimited { retry_after_secs });
    }
    if command.new.chars().count() < 12 {
        return Err(ApiError::Client(ErrorCode::WeakPassword));
    }
    let (current, stored) = (command.current.clone(), account.password_hash.clone());
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&current, &stored))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?;
    if !matches {
        state.login_throttle.record(&throttle_keys, now_ms);
        return Err(ApiError::Client(ErrorCode::InvalidCredentials));
    }
    let new = command.new;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&new))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?
        .map_err(ApiError::Internal)?;
    let keep = auth::session_token(&headers, state.config.secure_cookies)
        .map(|token| auth::token_hash(&token));
    db::staff::set_password(&state.db, &account.id, &hash, keep.as_deref()).await?;
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(
        &state,
        &actor,
        AuditAction::PasswordChanged,
        &account.email,
        "",
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/staff/me/totp`: a new secret for the authenticator app, waiting for its first
/// code (an earlier one not yet confirmed is replaced; a confirmed one stays until then).
pub(crate) async fn start_totp(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
) -> Result<Json<shared::api::TotpSetup>, ApiError> {
    let secret = crate::totp::new_secret();
    db::staff::set_totp_pending(&state.db, &account.id, &secret).await?;
    let uri = crate::totp::provisioning_uri(&secret, &account.email);
    let qr = crate::totp::qr_data_uri(&uri).map_err(ApiError::Internal)?;
    Ok(Json(shared::api::TotpSetup { secret, uri, qr }))
}

/// `POST /api/staff/me/totp/confirm`: the first code turns the second factor on.
pub(crate) async fn confirm_totp(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    ApiJson(command): ApiJson<shared::api::TotpCode>,
) -> Result<StatusCode, ApiError> {
    let pending = db::staff::fetch_totp_pending(&state.db, &account.id)
        .await?
        .ok_or(ApiError::Client(ErrorCode::InvalidTotp))?;
    let now_secs = u64::try_from(state.clock.now().timestamp()).unwrap_or_default();
    let step = crate::totp::verify(&pending, &command.code, now_secs, None)
        .ok_or(ApiError::Client(ErrorCode::InvalidTotp))?;
    if !db::staff::confirm_totp(&state.db, &account.id, step).await? {
        return Err(ApiError::Client(ErrorCode::InvalidTotp));
    }
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(&state, &actor, AuditAction::TotpEnabled, &account.email, "").await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/staff/me/totp/disable`: a current code turns the second factor off.
pub(crate) async fn disable_totp(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    ApiJson(command): ApiJson<shared::api::TotpCode>,
) -> Result<StatusCode, ApiError> {
    let secret = account
        .totp_secret
        .as_deref()
        .ok_or(ApiError::Client(ErrorCode::InvalidTotp))?;
    let now_secs = u64::try_from(state.clock.now().timestamp()).unwrap_or_default();
    let step = crate::totp::verify(secret, &command.code, now_secs, account.totp_last_step)
        .ok_or(ApiError::Client(ErrorCode::InvalidTotp))?;
    if !db::staff::use_totp_step(&state.db, &account.id, step).await? {
        return Err(ApiError::Client(ErrorCode::InvalidTotp));
    }
    db::staff::clear_totp(&state.db, &account.id).await?;
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(
        &state,
        &actor,
        AuditAction::TotpDisabled,
        &account.email,
        "",
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn get_me(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<StaffUser>, ApiError> {
    Ok(Json(user_view(&state, &staff.account).await?))
}

/// The submission's reference number if it exists and the account may see it (its form's
/// department), else 404.
pub(crate) async fn visible_submission(
    state: &AppState,
    account: &db::staff::StaffAccount,
    id: &str,
) -> Result<String, ApiError> {
    // Ids are UUIDs; anything else names no submission.
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(ApiError::NOT_FOUND);
    }
    db::staff::submission_in_scope(&state.db, id, &Scope::of(account))
        .await?
        .ok_or(ApiError::NOT_FOUND)
}

/// The form with this id if the account may see its submissions, else 404.
async fn visible_form(
    state: &AppState,
    account: &db::staff::StaffAccount,
    form_id: &str,
) -> Result<FormId, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    if !db::staff::form_in_scope(&state.db, form_id, &Scope::of(account)).await? {
        return Err(ApiError::NOT_FOUND);
    }
    Ok(form_id)
}

pub(crate) async fn list_forms(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
) -> Result<Json<Vec<StaffFormSummary>>, ApiError> {
    let forms = db::staff::fetch_forms_with_counts(&state.db, &Scope::of(&account)).await?;
    Ok(Json(
        forms
            .into_iter()
            .map(|form| StaffFormSummary {
                id: form.form_id,
                slug: form.slug,
                title: form.title,
                version: form.version,
                submission_count: form.submission_count,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct CsvQuery {
    /// `semicolon` (default; what German Excel expects) or `comma`.
    #[serde(default)]
    separator: CsvSeparator,
}

/// Streams every submission of a form as CSV (UTF-8 with BOM), one column per field of any
/// version of the form.
pub(crate) async fn download_submissions_csv(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
    Query(query): Query<CsvQuery>,
) -> Result<Response, ApiError> {
    let (form_id, versions, slug) = form_download(&state, &account, ip, &form_id, "CSV").await?;
    let rows = export::csv_stream(
        state.db.clone(),
        form_id,
        versions,
        state.config.time_zone,
        query.separator,
    );
    attachment(
        "text/csv; charset=utf-8",
        &format!("{slug}-antraege.csv"),
        Body::from_stream(rows),
    )
}

/// Every submission of a form as an Excel workbook (the CSV's columns).
pub(crate) async fn download_submissions_xlsx(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
) -> Result<Response, ApiError> {
    let (form_id, versions, slug) = form_download(&state, &account, ip, &form_id, "Excel").await?;
    let file = export::xlsx_file(&state.db, form_id, versions, state.config.time_zone)
        .await
        .map_err(ApiError::Internal)?;
    attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{slug}-antraege.xlsx"),
        file_body(file).await?,
    )
}

/// Every submission of a form as a JSON array (answers as stored, per the version's schema).
pub(crate) async fn download_submissions_json(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
) -> Result<Response, ApiError> {
    let (form_id, _, slug) = form_download(&state, &account, ip, &form_id, "JSON").await?;
    let rows = export::json_stream(state.db.clone(), form_id);
    attachment(
        "application/json",
        &format!("{slug}-antraege.json"),
        Body::from_stream(rows),
    )
}

/// One submission as PDF, with the labels of its version.
pub(crate) async fn download_submission_pdf(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let reference = submission_download(&state, &account, ip, &id, "PDF").await?;
    let (_, receipt) = staff_receipt(&state, &id, &headers).await?;
    let pdf = tokio::task::spawn_blocking(move || crate::pdf::receipt_pdf(&receipt))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?
        .map_err(ApiError::Internal)?;
    attachment(
        "application/pdf",
        &format!("antrag-{reference}.pdf"),
        Body::from(pdf),
    )
}

/// One submission as a ZIP bundle: PDF, JSON and attachments.
pub(crate) async fn download_submission_zip(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let reference = submission_download(&state, &account, ip, &id, "ZIP").await?;
    let lang = crate::error::request_lang(&headers);
    let file = crate::bundle::bundle(
        &state.db,
        &state.files,
        &[id],
        Vec::new(),
        state.config.time_zone,
        lang,
    )
    .await
    .map_err(ApiError::Internal)?;
    attachment(
        "application/zip",
        &format!("antrag-{reference}.zip"),
        file_body(file).await?,
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct BundleQuery {
    /// Submission ids, comma-separated.
    ids: String,
}

/// Several submissions (a selection in the inbox) as one ZIP bundle, a folder per submission;
/// every one must be visible to the account (else 404), at most 100 (else 400).
pub(crate) async fn download_bundle(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Query(query): Query<BundleQuery>,
) -> Result<Response, ApiError> {
    let ids: Vec<String> = query
        .ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() || ids.len() > crate::bundle::MAX_BUNDLE_SUBMISSIONS {
        return Err(ApiError::Client(ErrorCode::MalformedRequest));
    }
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let mut references = Vec::with_capacity(ids.len());
    for id in &ids {
        references.push(visible_submission(&state, &account, id).await?);
    }
    references.sort();
    for reference in &references {
        audit::record(
            &state,
            &actor,
            AuditAction::SubmissionsExported,
            reference,
            "ZIP",
        )
        .await?;
    }
    let lang = crate::error::request_lang(&headers);
    let file = crate::bundle::bundle(
        &state.db,
        &state.files,
        &ids,
        Vec::new(),
        state.config.time_zone,
        lang,
    )
    .await
    .map_err(ApiError::Internal)?;
    zip_download("antraege.zip", file).await
}

/// A submission and its receipt (answers with the labels of its version), in the staff
/// member's language (`Accept-Language`), whatever the citizen used.
async fn staff_receipt(
    state: &AppState,
    id: &str,
    headers: &axum::http::HeaderMap,
) -> Result<(db::submissions::StoredReceipt, Receipt), ApiError> {
    let mut stored = db::submissions::fetch_optional_receipt(&state.db, id)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let definition: FormDefinition = serde_json::from_str(&stored.definition)
        .map_err(|error| ApiError::Internal(anyhow::Error::from(error).context("definition")))?;
    stored.language = crate::error::request_lang(headers);
    let receipt = Receipt::build(&stored, &definition, state.config.time_zone, None);
    Ok((stored, receipt))
}

/// The reference number of a submission the account may see (else 404), its download
/// recorded in the audit log as `format`.
async fn submission_download(
    state: &AppState,
    account: &db::staff::StaffAccount,
    ip: Option<std::net::IpAddr>,
    id: &str,
    format: &str,
) -> Result<String, ApiError> {
    let reference = visible_submission(state, account, id).await?;
    let actor = audit::Actor { account, ip };
    audit::record(
        state,
        &actor,
        AuditAction::SubmissionsExported,
        &reference,
        format,
    )
    .await?;
    Ok(reference)
}

/// The form of a download if the account may see it, with all its versions (oldest first) and
/// its slug; the download is recorded in the audit log as `format`.
async fn form_download(
    state: &AppState,
    account: &db::staff::StaffAccount,
    ip: Option<std::net::IpAddr>,
    form_id: &str,
    format: &str,
) -> Result<(FormId, Vec<db::forms::StoredFormVersion>, String), ApiError> {
    let form_id = visible_form(state, account, form_id).await?;
    let versions = db::forms::fetch_versions(&state.db, form_id).await?;
    let slug = versions
        .last()
        .map(|latest| latest.definition.slug.to_string())
        .ok_or(ApiError::NOT_FOUND)?;
    let actor = audit::Actor { account, ip };
    audit::record(
        state,
        &actor,
        AuditAction::SubmissionsExported,
        &slug,
        format,
    )
    .await?;
    Ok((form_id, versions, slug))
}

/// A download: `body` of `media_type`, saved as `filename`.
pub(crate) fn attachment(
    media_type: &'static str,
    filename: &str,
    body: Body,
) -> Result<Response, ApiError> {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// A ZIP download from a temporary file.
pub(crate) async fn zip_download(
    filename: &str,
    file: tempfile::NamedTempFile,
) -> Result<Response, ApiError> {
    attachment("application/zip", filename, file_body(file).await?)
}

/// Streams a temporary file; it is unlinked now, and its bytes go when the stream ends.
async fn file_body(file: tempfile::NamedTempFile) -> Result<Body, ApiError> {
    let opened = tokio::fs::File::open(file.path())
        .await
        .map_err(|error| ApiError::Internal(error.into()))?;
    drop(file);
    Ok(Body::from_stream(tokio_util::io::ReaderStream::new(opened)))
}

/// Most submissions listed for one form (a paged, filtered inbox comes with the back office).
const MAX_LISTED_SUBMISSIONS: u32 = 500;

pub(crate) async fn list_submissions(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    Path(form_id): Path<String>,
) -> Result<Json<Vec<StaffSubmissionSummary>>, ApiError> {
    let form_id = visible_form(&state, &account, &form_id).await?;
    let rows = db::submissions::fetch_summaries(&state.db, form_id, MAX_LISTED_SUBMISSIONS).await?;
    rows.into_iter()
        .map(|(id, reference, at, version)| {
            Ok(StaffSubmissionSummary {
                id,
                reference: reference.parse().map_err(|error| {
                    ApiError::Internal(anyhow::anyhow!("stored reference: {error}"))
                })?,
                received_at: rfc3339(at),
                version,
            })
        })
        .collect::<Result<_, ApiError>>()
        .map(Json)
}

/// One submission, rendered with the fields of the version it was filled in.
pub(crate) async fn get_submission(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<StaffSubmission>, ApiError> {
    let reference = visible_submission(&state, &account, &id).await?;
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(
        &state,
        &actor,
        AuditAction::SubmissionViewed,
        &reference,
        "",
    )
    .await?;
    db::inbox::mark_opened(&state.db, &id, state.clock.now().timestamp_millis()).await?;
    let assignee = db::inbox::fetch_assignee(&state.db, &id)
        .await?
        .map(|(id, name)| Colleague { id, name });
    let (stored, receipt) = staff_receipt(&state, &id, &headers).await?;
    let version = db::submissions::fetch_optional_version(&state.db, &id)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let files = db::uploads::fetch_by_submission(&state.db, &id).await?;
    let (status, events) = crate::routes::status::timeline(&state, &id).await?;
    let notes = db::submissions::fetch_notes(&state.db, &id).await?;
    Ok(Json(StaffSubmission {
        reference: receipt
            .reference
            .parse()
            .map_err(|error| ApiError::Internal(anyhow::anyhow!("stored reference: {error}")))?,
        received_at: rfc3339(stored.received_at_ms),
        form_title: receipt.form_title,
        version,
        sections: receipt
            .sections
            .into_iter()
            .map(|section| AnswerSection {
                heading: section.heading,
                rows: section
                    .rows
                    .into_iter()
                    .map(|row| AnswerRow {
                        label: row.label,
                        value: row.value,
                        nested: row.nested,
                    })
                    .collect(),
            })
            .collect(),
        files: files
            .into_iter()
            .map(|(id, name, size)| StaffFile { id, name, size })
            .collect(),
        status,
        events,
        notes: notes
            .into_iter()
            .map(|(author, at, text)| StaffNote {
                author,
                at: rfc3339(at),
                text,
            })
            .collect(),
        assignee,
    }))
}

/// Adds an internal note to a submission (staff only; never shown to the citizen).
pub(crate) async fn add_note(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(command): ApiJson<AddNote>,
) -> Result<StatusCode, ApiError> {
    let reference = visible_submission(&state, &account, &id).await?;
    let text = command.text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        return Err(ApiError::Client(ErrorCode::InvalidNote));
    }
    let now_ms = state.clock.now().timestamp_millis();
    if !db::submissions::insert_note(&state.db, &id, &account.id, text, now_ms).await? {
        return Err(ApiError::NOT_FOUND);
    }
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(&state, &actor, AuditAction::NoteAdded, &reference, "").await?;
    Ok(StatusCode::CREATED)
}

/// Sets a submission's status with an optional message to the citizen: on the status page at
/// once, and by e-mail (durable outbox) when the form names a confirmation e-mail field.
pub(crate) async fn change_status(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(command): ApiJson<ChangeStatus>,
) -> Result<StatusCode, ApiError> {
    let reference = visible_submission(&state, &account, &id).await?;
    let message = command
        .message
        .as_deref()
        .map(str::trim)
        .filter(|message| !message.is_empty());
    if command.status == ProcessingStatus::Received
        || message.is_some_and(|message| message.chars().count() > MAX_STATUS_MESSAGE_CHARS)
    {
        return Err(ApiError::Client(ErrorCode::InvalidStatusChange));
    }
    let stored = db::submissions::fetch_optional_receipt(&state.db, &id)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let definition: FormDefinition = serde_json::from_str(&stored.definition)
        .map_err(|error| ApiError::Internal(anyhow::Error::from(error).context("definition")))?;
    // The address the citizen gave for the confirmation, if mail can go out.
    let mail_to = state
        .mail
        .is_some()
        .then(|| {
            let key = definition.confirmation_email_field.as_ref()?;
            stored.answers.get(key.as_str())?.as_str()
        })
        .flatten();
    let now_ms = state.clock.now().timestamp_millis();
    if !db::submissions::insert_status_change(
        &state.db,
        &id,
        command.status,
        message,
        now_ms,
        mail_to,
    )
    .await?
    {
        return Err(ApiError::NOT_FOUND);
    }
    tracing::info!(submission = %id, status = command.status.name(), by = %account.id, "status changed");
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let status = command.status.name();
    audit::record(
        &state,
        &actor,
        AuditAction::StatusChanged,
        &reference,
        status,
    )
    .await?;
    if mail_to.is_some() {
        state.outbox_wakeup.notify_one();
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The account as its owner sees it, with the names of its departments.
async fn user_view(
    state: &AppState,
    account: &db::staff::StaffAccount,
) -> Result<StaffUser, ApiError> {
    let keys = db::staff::fetch_department_keys(&state.db, &account.id).await?;
    let departments = db::catalogue::fetch_departments(&state.db).await?;
    Ok(StaffUser {
        totp: account.totp_secret.is_some(),
        name: account.name.clone(),
        email: account.email.clone(),
        role: account.role,
        departments: keys
            .iter()
            .map(|key| {
                departments
                    .iter()
                    .find(|department| department.key == *key)
                    .map_or_else(|| key.clone(), |department| department.name.de.clone())
            })
            .collect(),
    })
}
