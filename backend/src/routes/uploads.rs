//! Files for file fields: citizens upload them before submitting (so a phone shows progress per
//! file and a failed file can be retried alone); staff download those of submissions.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::api::audit::AuditAction;
use shared::api::{ErrorCode, UPLOAD_NAME_HEADER};
use shared::schema::FieldKind;
use shared::validation::{FileRef, check_file};
use shared::{FieldErrorKind, FormDefinition, UploadId};

use crate::app::AppState;
use crate::db;
use crate::db::uploads::StoredUpload;
use crate::error::ApiError;
use crate::extract::{ClientIp, CurrentStaff};
use crate::uploads::{ReceiveError, clean_file_name, is_checked_type};

#[derive(Debug, Deserialize)]
pub(crate) struct UploadTarget {
    version: u32,
    /// `key`, or `group.key` for a file field inside a repeatable group.
    field: String,
}

/// Receives one file for a file field of a published form version.
pub(crate) async fn create_upload(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(target): Query<UploadTarget>,
    ClientIp(client_ip): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<FileRef>), ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    if let Some(ip) = client_ip {
        let keys = [format!("ip:{ip}")];
        if let Some(retry_after_secs) = state.upload_throttle.retry_after_secs(&keys, now_ms) {
            return Err(ApiError::RateLimited { retry_after_secs });
        }
        state.upload_throttle.record(&keys, now_ms);
    }
    let slug = slug.parse().map_err(|_| ApiError::NOT_FOUND)?;
    let stored = db::forms::fetch_optional_version_by_slug(&state.db, &slug, target.version)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let (accept, max_size_bytes) =
        file_field(&stored.definition, &target.field).ok_or(ApiError::NOT_FOUND)?;
    let max_bytes = max_size_bytes.min(state.config.max_upload_bytes);
    let media_type = media_type(&headers).ok_or(ApiError::Client(ErrorCode::FileTypeNotAllowed))?;
    let name = headers
        .get(UPLOAD_NAME_HEADER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .ok()
        })
        .and_then(|name| clean_file_name(&name))
        .ok_or(ApiError::Client(ErrorCode::MalformedRequest))?;
    // Refuse early what the declared size already rules out; the stream is checked again.
    let declared_size = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .unwrap_or(0);
    check_file(accept, max_bytes, &media_type, declared_size).map_err(|kind| match kind {
        FieldErrorKind::FileTooLarge { .. } => ApiError::Client(ErrorCode::FileTooLarge),
        _ => ApiError::Client(ErrorCode::FileTypeNotAllowed),
    })?;

    // The disk guard: abandoned uploads stay a day, so their total is bounded here; a file that
    // would not fit into what is left is stopped while it arrives.
    let pending = db::uploads::pending_bytes(&state.db).await?;
    let room = state
        .config
        .max_pending_upload_bytes
        .saturating_sub(pending);
    if room < declared_size.max(1) {
        tracing::warn!(
            pending,
            "upload refused: the space for unsent uploads is full"
        );
        return Err(ApiError::Client(ErrorCode::UploadsUnavailable));
    }
    let limit = max_bytes.min(room);
    let id = UploadId::from_uuid(uuid::Uuid::new_v4());
    let received = state
        .files
        .receive(id, &media_type, limit, body.into_data_stream())
        .await
        .map_err(|error| match error {
            ReceiveError::TooLarge { .. } if limit < max_bytes => {
                tracing::warn!(
                    pending,
                    "upload refused: the space for unsent uploads is full"
                );
                ApiError::Client(ErrorCode::UploadsUnavailable)
            }
            ReceiveError::TooLarge { .. } => ApiError::Client(ErrorCode::FileTooLarge),
            ReceiveError::ContentMismatch => ApiError::Client(ErrorCode::FileTypeNotAllowed),
            ReceiveError::Empty => ApiError::Client(ErrorCode::FileEmpty),
            ReceiveError::Interrupted(_) => ApiError::Client(ErrorCode::MalformedRequest),
            ReceiveError::Io(error) => ApiError::Internal(error.into()),
        })?;
    let upload = StoredUpload {
        id,
        form_id: stored.form_id,
        field: target.field,
        name,
        media_type,
        size: received.size,
        sha256: received.sha256,
        submission_id: None,
    };
    if let Err(error) = db::uploads::insert_upload(&state.db, &upload, now_ms).await {
        let _ = state.files.remove(id).await;
        return Err(error.into());
    }
    tracing::info!(%id, size = upload.size, media_type = %upload.media_type, "upload received");
    Ok((
        StatusCode::CREATED,
        Json(FileRef {
            id,
            name: upload.name,
            size: upload.size,
            media_type: upload.media_type,
        }),
    ))
}

/// A file of a submission, for staff, as an attachment that the browser does not render inline.
pub(crate) async fn download_upload(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id: UploadId = id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    // A file of a submission the account may not see does not exist for it.
    let reference = db::staff::upload_in_scope(&state.db, id, &db::staff::Scope::of(&account))
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let upload = db::uploads::fetch_optional_attached(&state.db, id)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let file =
        state.files.open(id).await.map_err(|error| {
            ApiError::Internal(anyhow::Error::from(error).context("upload file"))
        })?;
    let actor = crate::audit::Actor {
        account: &account,
        ip,
    };
    let details = format!("Datei {id}");
    crate::audit::record(
        &state,
        &actor,
        AuditAction::FileDownloaded,
        &reference,
        &details,
    )
    .await?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let disposition = content_disposition(&upload.name);
    let media_type = if is_checked_type(&upload.media_type) {
        HeaderValue::from_str(&upload.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"))
    } else {
        HeaderValue::from_static("application/octet-stream")
    };
    let headers = [
        (header::CONTENT_TYPE, media_type),
        (header::CONTENT_LENGTH, HeaderValue::from(upload.size)),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
        ),
    ];
    Ok((headers, body).into_response())
}

/// `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187).
fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// The media type of the body, lower-cased and without parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty() && essence.contains('/')).then_some(essence)
}

/// The accepted media types and size limit of the file field `spec` (`key` or `group.key`).
fn file_field<'a>(definition: &'a FormDefinition, spec: &str) -> Option<(&'a [String], u64)> {
    let (outer, inner) = match spec.split_once('.') {
        Some((group, child)) => (group, Some(child)),
        None => (spec, None),
    };
    let field = definition
        .fields()
        .find(|field| field.key.as_str() == outer)?;
    let field = match (inner, &field.kind) {
        (None, _) => field,
        (Some(child), FieldKind::Group { fields, .. }) => {
            fields.iter().find(|field| field.key.as_str() == child)?
        }
        (Some(_), _) => return None,
    };
    match &field.kind {
        FieldKind::File {
            accept,
            max_size_bytes,
            ..
        } => Some((accept.as_slice(), *max_size_bytes)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_keep_the_exact_name_and_an_ascii_fallback() {
        assert_eq!(
            content_disposition("Impfpass Bello (2).pdf"),
            "attachment; filename=\"Impfpass Bello (2).pdf\"; filename*=UTF-8''Impfpass%20Bello%20%282%29%2Epdf"
        );
        assert_eq!(
            content_disposition("Führerschein\".jpg"),
            "attachment; filename=\"F_hrerschein_.jpg\"; filename*=UTF-8''F%C3%BChrerschein%22%2Ejpg"
        );
    }
}
