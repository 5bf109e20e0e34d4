//! Administrators: the audit log and the staff accounts.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::ErrorCode;
use shared::api::audit::{AuditAction, AuditEntry, AuditPage};
use shared::api::editor::{ManagedUser, NewUser, ResetPassword, StaffRole, UpdateUser};

use crate::app::AppState;
use crate::audit;
use crate::db;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp, CurrentAdmin};
use crate::routes::query::{self, given, malformed};

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

/// `GET /api/admin/audit`: one page of the audit log, newest first; a filter value that does
/// not parse (an unknown action, a date that is none, a page that is no number) is 400.
pub(crate) async fn list_audit(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let action = given(query.action.as_ref())
        .map(|name| AuditAction::from_name(name).ok_or_else(malformed))
        .transpose()?;
    let (from_ms, before_ms) = query::days(
        query.from.as_ref(),
        query.to.as_ref(),
        state.config.time_zone,
    )?;
    let page = query::page(query.page.as_ref())?;
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

/// Shortest password an account may have (BSI: length counts most).
const MIN_PASSWORD_CHARS: usize = 12;

/// The password, if long enough.
fn strong(password: &str) -> Result<String, ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::Client(ErrorCode::WeakPassword));
    }
    Ok(password.to_owned())
}

/// A name, an e-mail address and only departments of the catalogue, else 422 `invalid_user`.
async fn check_user(
    state: &AppState,
    name: &str,
    email: Option<&str>,
    departments: &[String],
) -> Result<(), ApiError> {
    let invalid = || ApiError::Client(ErrorCode::InvalidUser);
    if name.trim().is_empty() || name.chars().count() > 200 {
        return Err(invalid());
    }
    if let Some(email) = email {
        let valid = email.len() <= 254
            && email
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
        if !valid {
            return Err(invalid());
        }
    }
    let known = db::catalogue::fetch_departments(&state.db).await?;
    if departments
        .iter()
        .any(|key| !known.iter().any(|department| department.key == *key))
    {
        return Err(invalid());
    }
    Ok(())
}

fn managed_view(account: db::staff::ManagedAccount) -> Result<ManagedUser, ApiError> {
    Ok(ManagedUser {
        role: StaffRole::from_name(&account.role)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored role {}", account.role)))?,
        id: account.id,
        name: account.name,
        email: account.email,
        departments: account.departments,
        disabled: account.disabled,
    })
}

/// `GET /api/admin/users`: every account, by name.
pub(crate) async fn list_users(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> Result<Json<Vec<ManagedUser>>, ApiError> {
    db::staff::fetch_managed(&state.db)
        .await?
        .into_iter()
        .map(managed_view)
        .collect::<Result<_, _>>()
        .map(Json)
}

/// `POST /api/admin/users`: a new account (201 with the accounts), 409 `email_taken`.
pub(crate) async fn create_user(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(command): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<Vec<ManagedUser>>), ApiError> {
    let email = command.email.trim().to_lowercase();
    check_user(&state, &command.name, Some(&email), &command.departments).await?;
    let password = strong(&command.password)?;
    let now_ms = state.clock.now().timestamp_millis();
    let name = command.name.trim();
    if !crate::auth::create_staff_account(&state.db, &email, name, &password, command.role, now_ms)
        .await
        .map_err(ApiError::Internal)?
    {
        return Err(ApiError::Client(ErrorCode::EmailTaken));
    }
    let created = db::staff::fetch_optional_by_email(&state.db, &email)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new account is gone")))?;
    db::staff::update_managed(
        &state.db,
        &created.id,
        name,
        command.role,
        &command.departments,
        None,
    )
    .await?;
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = format!(
        "{}, {}",
        command.role.name(),
        command.departments.join(", ")
    );
    audit::record(&state, &actor, AuditAction::UserCreated, &email, &details).await?;
    let users = list_users(State(state), CurrentAdmin { account }).await?;
    Ok((StatusCode::CREATED, users))
}

/// `PUT /api/admin/users/{id}`: name, role, departments, disabled. Admins cannot disable or
/// demote themselves (there must stay one who can undo it): 422 `invalid_user`.
pub(crate) async fn update_user(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(command): ApiJson<UpdateUser>,
) -> Result<StatusCode, ApiError> {
    check_user(&state, &command.name, None, &command.departments).await?;
    if id == account.id && (command.disabled || command.role != StaffRole::Admin) {
        return Err(ApiError::Client(ErrorCode::InvalidUser));
    }
    let disabled_at = command
        .disabled
        .then(|| state.clock.now().timestamp_millis());
    let changed = db::staff::update_managed(
        &state.db,
        &id,
        command.name.trim(),
        command.role,
        &command.departments,
        disabled_at,
    )
    .await?;
    if !changed {
        return Err(ApiError::NOT_FOUND);
    }
    let target = db::staff::fetch_optional_by_id(&state.db, &id)
        .await?
        .map(|user| user.email)
        .unwrap_or_default();
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = format!(
        "{}, {}{}",
        command.role.name(),
        command.departments.join(", "),
        if command.disabled { ", gesperrt" } else { "" }
    );
    audit::record(&state, &actor, AuditAction::UserChanged, &target, &details).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/users/{id}/password`: a new password; the account's sessions end and its
/// second factor is removed (a lost authenticator app).
pub(crate) async fn reset_password(
    State(state): State<AppState>,
    CurrentAdmin { account }: CurrentAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(command): ApiJson<ResetPassword>,
) -> Result<StatusCode, ApiError> {
    let password = strong(&command.password)?;
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?
        .map_err(ApiError::Internal)?;
    if !db::staff::set_password(&state.db, &id, &hash, None).await? {
        return Err(ApiError::NOT_FOUND);
    }
    // A reset is also how someone who lost their authenticator gets back in.
    db::staff::clear_totp(&state.db, &id).await?;
    let target = db::staff::fetch_optional_by_id(&state.db, &id)
        .await?
        .map(|user| user.email)
        .unwrap_or_default();
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    audit::record(&state, &actor, AuditAction::PasswordReset, &target, "").await?;
    Ok(StatusCode::NO_CONTENT)
}
