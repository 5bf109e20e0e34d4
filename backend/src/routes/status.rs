//! The processing status (Verfahrensstand) of an application, for whoever holds its reference
//! number and access code. A wrong code and an unknown reference get the same answer, so the
//! endpoint does not tell which references exist. Failures are throttled per address and per
//! reference from that address (so nobody can lock a citizen out of their own application);
//! without a known address (router tests), per reference.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{TimeZone, Utc};
use shared::FormDefinition;
use shared::api::{ErrorCode, ProcessingStatus, StatusEvent, StatusQuery, StatusView};

use crate::access_code::{code_hash, normalize_reference, same_hash};
use crate::app::AppState;
use crate::db;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp};
use crate::receipt::Receipt;

/// A stored hash to compare with when the reference is unknown, so both cases take equally long.
const NO_SUCH_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) async fn get_status(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    ApiJson(query): ApiJson<StatusQuery>,
) -> Result<Json<StatusView>, ApiError> {
    let stored = authorize(&state, client_ip, &query).await?;
    let definition: FormDefinition = serde_json::from_str(&stored.definition)
        .map_err(|error| ApiError::Internal(anyhow::Error::from(error).context("definition")))?;
    // Only now, so a wrong code costs the same whether or not the reference exists.
    let (status, events) = timeline(&state, &stored.id).await?;
    Ok(Json(StatusView {
        reference: stored
            .reference
            .parse()
            .map_err(|error| ApiError::Internal(anyhow::anyhow!("stored reference: {error}")))?,
        form_title: definition.title,
        status,
        events,
    }))
}

/// A submission's current status and its history, oldest first (the status page and staff).
pub(crate) async fn timeline(
    state: &AppState,
    submission_id: &str,
) -> Result<(ProcessingStatus, Vec<StatusEvent>), ApiError> {
    let history = db::submissions::fetch_events(&state.db, submission_id).await?;
    let events: Vec<StatusEvent> = history
        .into_iter()
        .map(|(status, message, at_ms)| StatusEvent {
            status,
            at: Utc
                .timestamp_millis_opt(at_ms)
                .single()
                .unwrap_or_default()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            message,
        })
        .collect();
    let status = events
        .last()
        .map_or(ProcessingStatus::Received, |event| event.status);
    Ok((status, events))
}

/// The submission the query names, if its access code matches; otherwise `status_not_found`,
/// the same for an unknown reference, after recording the failure in the throttle.
async fn authorize(
    state: &AppState,
    client_ip: Option<std::net::IpAddr>,
    query: &StatusQuery,
) -> Result<db::submissions::StoredStatus, ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    // Bounded input before it becomes a throttle key, a hash or a query.
    let plausible = query.reference.len() <= 64 && query.access_code.len() <= 64;
    let reference = if plausible {
        normalize_reference(&query.reference)
    } else {
        String::new()
    };
    let keys = match client_ip {
        Some(ip) => vec![format!("ip:{ip}"), format!("ip:{ip}:reference:{reference}")],
        None => vec![format!("reference:{reference}")],
    };
    if let Some(retry_after_secs) = state.status_throttle.retry_after_secs(&keys, now_ms) {
        return Err(ApiError::RateLimited { retry_after_secs });
    }
    let stored = if plausible {
        db::submissions::fetch_optional_status(&state.db, &reference).await?
    } else {
        None
    };
    let expected = stored
        .as_ref()
        .and_then(|stored| stored.access_code_hash.as_deref())
        .unwrap_or(NO_SUCH_HASH);
    let matches = same_hash(&code_hash(&reference, &query.access_code), expected);
    let Some(stored) = stored.filter(|_| matches) else {
        tracing::info!("status look-up with a wrong reference or access code");
        state.status_throttle.record(&keys, now_ms);
        return Err(ApiError::Client(ErrorCode::StatusNotFound));
    };
    Ok(stored)
}

/// The PDF receipt (Eingangsbestätigung) of exactly what was sent, with the access code, for
/// whoever holds reference number and access code; same checks and throttle as the status.
pub(crate) async fn get_receipt(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    ApiJson(query): ApiJson<StatusQuery>,
) -> Result<Response, ApiError> {
    let stored = authorize(&state, client_ip, &query).await?;
    let receipt = db::submissions::fetch_optional_receipt(&state.db, &stored.id)
        .await?
        .ok_or(ApiError::Client(ErrorCode::StatusNotFound))?;
    let definition: FormDefinition = serde_json::from_str(&receipt.definition)
        .map_err(|error| ApiError::Internal(anyhow::Error::from(error).context("definition")))?;
    let receipt = Receipt::build(
        &receipt,
        &definition,
        state.config.time_zone,
        Some(query.access_code.trim()),
    );
    // Drawing takes a few milliseconds of CPU: off the async workers.
    let reference = receipt.reference.clone();
    let pdf = tokio::task::spawn_blocking(move || crate::pdf::receipt_pdf(&receipt))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?
        .map_err(ApiError::Internal)?;
    let disposition = format!("attachment; filename=\"Eingangsbestaetigung-{reference}.pdf\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .map_err(|error| ApiError::Internal(error.into()))?,
            ),
        ],
        pdf,
    )
        .into_response())
}
