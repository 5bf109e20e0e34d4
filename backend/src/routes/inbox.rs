//! Staff: the inbox of the account's departments (filters, search, counts, pages, unread) and
//! assigning a submission to a person.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::audit::AuditAction;
use shared::api::{
    AssignSubmission, Colleague, ErrorCode, InboxItem, InboxPage, ProcessingStatus, StatusCount,
};
use shared::{FormId, LocalizedText};

use crate::app::AppState;
use crate::audit;
use crate::db;
use crate::db::inbox::{Assigned, InboxFilter, MAX_WORDS};
use crate::db::staff::Scope;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp, CurrentStaff};
use crate::routes::query::{self, given, malformed};
use crate::routes::rfc3339;
use crate::routes::staff::visible_submission;

/// Submissions per page of the inbox.
const INBOX_PAGE_SIZE: u32 = 25;

/// The inbox filter; empty values mean "any".
#[derive(Debug, Deserialize)]
pub(crate) struct InboxQuery {
    form: Option<String>,
    status: Option<String>,
    /// First day, `YYYY-MM-DD` (city time).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (city time).
    to: Option<String>,
    /// `me`, `nobody` or an account id.
    assigned: Option<String>,
    /// Words to find in the answers or the reference number.
    q: Option<String>,
    page: Option<String>,
}

/// `GET /api/staff/inbox`: one page of the submissions the account may see, newest first; a
/// filter value that does not parse is 400.
pub(crate) async fn list_inbox(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    Query(query): Query<InboxQuery>,
) -> Result<Json<InboxPage>, ApiError> {
    let form_id = given(query.form.as_ref())
        .map(|id| id.parse::<FormId>().map_err(|_| malformed()))
        .transpose()?;
    let status = given(query.status.as_ref())
        .map(|name| ProcessingStatus::from_name(name).ok_or_else(malformed))
        .transpose()?;
    let (from_ms, before_ms) = query::days(
        query.from.as_ref(),
        query.to.as_ref(),
        state.config.time_zone,
    )?;
    let assigned = match given(query.assigned.as_ref()) {
        None => Assigned::Anyone,
        Some("nobody") => Assigned::Nobody,
        Some("me") => Assigned::Person(account.id.clone()),
        Some(id) => Assigned::Person(id.to_owned()),
    };
    let page = query::page(query.page.as_ref())?;
    let words: Vec<String> = given(query.q.as_ref())
        .map(|q| crate::search::words(&q.chars().take(200).collect::<String>()))
        .unwrap_or_default()
        .into_iter()
        .take(MAX_WORDS)
        .collect();
    let filter = InboxFilter {
        form_id,
        status: status.map(ProcessingStatus::name),
        from_ms,
        before_ms,
        assigned,
        words,
    };
    let scope = Scope::of(&account);
    let offset = u64::from(page - 1) * u64::from(INBOX_PAGE_SIZE);
    let db::inbox::InboxResult {
        rows,
        total,
        counts,
    } = db::inbox::fetch_page(&state.db, &scope, &filter, INBOX_PAGE_SIZE, offset).await?;
    // The titles of the forms, in one query (not one per line).
    let forms = db::staff::fetch_forms_with_counts(&state.db, &scope).await?;
    let title = |form_id: &str| -> LocalizedText {
        forms
            .iter()
            .find(|form| form.form_id.to_string() == form_id)
            .map_or_else(|| LocalizedText::de(form_id), |form| form.title.clone())
    };
    let decode =
        |what: &str, value: &str| ApiError::Internal(anyhow::anyhow!("stored {what} {value}"));
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(InboxItem {
                form_title: title(&row.form_id),
                form_id: row
                    .form_id
                    .parse()
                    .map_err(|_| decode("form id", &row.form_id))?,
                reference: row
                    .reference
                    .parse()
                    .map_err(|_| decode("reference", &row.reference))?,
                received_at: rfc3339(row.received_at_ms),
                status: ProcessingStatus::from_name(&row.status)
                    .ok_or_else(|| decode("status", &row.status))?,
                unread: !row.opened,
                assignee: row.assignee,
                id: row.id,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let counts = counts
        .into_iter()
        .filter_map(|(status, count)| {
            ProcessingStatus::from_name(&status).map(|status| StatusCount { status, count })
        })
        .collect();
    Ok(Json(InboxPage {
        items,
        total,
        page,
        per_page: INBOX_PAGE_SIZE,
        counts,
    }))
}

/// `GET /api/staff/colleagues`: whom submissions can be assigned to (the accounts sharing a
/// department with this one; all for admins).
pub(crate) async fn list_colleagues(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
) -> Result<Json<Vec<Colleague>>, ApiError> {
    let colleagues = db::inbox::fetch_colleagues(&state.db, &Scope::of(&account)).await?;
    Ok(Json(
        colleagues
            .into_iter()
            .map(|(id, name)| Colleague { id, name })
            .collect(),
    ))
}

/// `PUT /api/staff/submissions/{id}/assignee`: who works on it. The person must be able to
/// see the submission (its form's department), else 422 `invalid_assignee`.
pub(crate) async fn assign(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(command): ApiJson<AssignSubmission>,
) -> Result<StatusCode, ApiError> {
    let reference = visible_submission(&state, &account, &id).await?;
    let assignee = match &command.assignee {
        None => None,
        Some(assignee_id) => {
            let assignee = db::staff::fetch_optional_by_id(&state.db, assignee_id)
                .await?
                .ok_or(ApiError::Client(ErrorCode::InvalidAssignee))?;
            db::staff::submission_in_scope(&state.db, &id, &Scope::of(&assignee))
                .await?
                .ok_or(ApiError::Client(ErrorCode::InvalidAssignee))?;
            Some(assignee)
        }
    };
    if !db::inbox::assign(
        &state.db,
        &id,
        assignee.as_ref().map(|assignee| assignee.id.as_str()),
    )
    .await?
    {
        return Err(ApiError::NOT_FOUND);
    }
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = assignee
        .as_ref()
        .map(|assignee| format!("{} <{}>", assignee.name, assignee.email))
        .unwrap_or_default();
    audit::record(&state, &actor, AuditAction::Assigned, &reference, &details).await?;
    Ok(StatusCode::NO_CONTENT)
}
