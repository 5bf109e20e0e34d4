//! Administrators: the audit log.

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use shared::CalendarDate;
use shared::api::ErrorCode;
use shared::api::audit::{AuditAction, AuditEntry, AuditPage};

use crate::app::AppState;
use crate::clock::start_of_day_ms;
use crate::db;
use crate::error::ApiError;
use crate::extract::CurrentAdmin;

/// Entries per page of the audit log.
const AUDIT_PAGE_SIZE: u32 = 50;

/// The filter of the audit log; empty values mean "any".
#[derive(Debug, Deserialize)]
pub(crate) struct AuditQuery {
    action: Option<String>,
    actor: Option<String>,
    subject: Option<String>,
    /// First day, `YYYY-MM-DD` (city time).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (city time).
    to: Option<String>,
    page: Option<String>,
}

fn given(value: Option<&String>) -> Option<&str> {
    value
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
}

/// `GET /api/admin/audit`: one page of the audit log, newest first; a filter value that does
/// not parse (an unknown action, a date that is none, a page that is no number) is 400.
pub(crate) async fn list_audit(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let bad = || ApiError::Client(ErrorCode::MalformedRequest);
    let action = given(query.action.as_ref())
        .map(|name| AuditAction::from_name(name).ok_or_else(bad))
        .transpose()?;
    let day = |text: Option<&String>| {
        given(text)
            .map(|text| text.parse::<CalendarDate>().map_err(|_| bad()))
            .transpose()
    };
    let zone = state.config.time_zone;
    let from_ms = day(query.from.as_ref())?.map(|date| start_of_day_ms(date, zone));
    let before_ms = day(query.to.as_ref())?.map(|date| start_of_day_ms(date.add_days(1), zone));
    let page = given(query.page.as_ref())
        .map(|page| {
            page.parse::<u32>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(bad)
        })
        .transpose()?
        .unwrap_or(1);
    let filter = db::audit::Filter {
        action: action.map(|action| action.name().to_owned()),
        actor: given(query.actor.as_ref()).map(str::to_owned),
        subject: given(query.subject.as_ref()).map(str::to_owned),
        from_ms,
        before_ms,
    };
    let offset = u64::from(page - 1) * u64::from(AUDIT_PAGE_SIZE);
    let (rows, total) = db::audit::fetch_page(&state.db, &filter, AUDIT_PAGE_SIZE, offset).await?;
    let entries = rows
        .into_iter()
        .map(|row| {
            Ok(AuditEntry {
                at: crate::routes::rfc3339(row.at_ms),
                actor: row.actor,
                action: AuditAction::from_name(&row.action).ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!("stored audit action {}", row.action))
                })?,
                subject: row.subject,
                details: row.details,
                ip: row.ip,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(AuditPage {
        entries,
        total,
        page,
        per_page: AUDIT_PAGE_SIZE,
    }))
}
