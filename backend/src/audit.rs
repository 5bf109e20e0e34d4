//! Recording to the audit log (DSGVO accountability, issue 6): every view and download of a
//! submission, every change to one, sign-ins and changes to forms, with who, when and from
//! where. Entries name records (reference numbers, form addresses, file ids), never answers.
//!
//! An entry is written before the data is answered (views, downloads) or right after the
//! change (status, notes, forms); if it cannot be written the request fails with 500, so no
//! access goes unrecorded.

use std::net::IpAddr;

use shared::api::audit::AuditAction;

use crate::app::AppState;
use crate::db;
use crate::db::staff::StaffAccount;
use crate::error::ApiError;

/// Who acts, and from where.
pub(crate) struct Actor<'a> {
    pub(crate) account: &'a StaffAccount,
    pub(crate) ip: Option<IpAddr>,
}

/// Appends an entry made by the system itself (the retention job), not by an account.
pub(crate) async fn record_system(
    state: &AppState,
    action: AuditAction,
    subject: &str,
    details: &str,
) -> Result<(), ApiError> {
    db::audit::insert(
        &state.db,
        &db::audit::NewEntry {
            at_ms: state.clock.now().timestamp_millis(),
            actor_id: None,
            actor: SYSTEM_ACTOR,
            action: action.name(),
            subject,
            details,
            ip: None,
        },
    )
    .await?;
    Ok(())
}

/// Who the system's own entries name.
pub(crate) const SYSTEM_ACTOR: &str = "System (Aufbewahrungsfristen)";

/// Appends an entry: `actor` did `action` to `subject` (`details`: more about it, no answers).
pub(crate) async fn record(
    state: &AppState,
    actor: &Actor<'_>,
    action: AuditAction,
    subject: &str,
    details: &str,
) -> Result<(), ApiError> {
    let label = format!("{} <{}>", actor.account.name, actor.account.email);
    db::audit::insert(
        &state.db,
        &db::audit::NewEntry {
            at_ms: state.clock.now().timestamp_millis(),
            actor_id: Some(&actor.account.id),
            actor: &label,
            action: action.name(),
            subject,
            details,
            ip: actor.ip.map(|ip| ip.to_string()),
        },
    )
    .await?;
    Ok(())
}
