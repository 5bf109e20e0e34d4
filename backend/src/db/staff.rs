//! Staff accounts and their login sessions.

use shared::api::editor::StaffRole;
use shared::{FormId, FormSlug, LocalizedText};
use uuid::Uuid;

use crate::db::Db;
use crate::db::forms::StoredFormVersion;

/// A staff account as stored.
#[derive(Debug, Clone)]
pub(crate) struct StaffAccount {
    pub(crate) id: String,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) password_hash: String,
    pub(crate) role: StaffRole,
    /// The confirmed second factor (base32 TOTP secret), if set up.
    pub(crate) totp_secret: Option<String>,
    /// The time step of the last accepted code.
    pub(crate) totp_last_step: Option<i64>,
}

type AccountRow = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
);

fn account(
    (id, email, name, password_hash, role, totp_secret, totp_last_step): AccountRow,
) -> sqlx::Result<StaffAccount> {
    Ok(StaffAccount {
        role: StaffRole::from_name(&role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {role}").into()))?,
        id,
        email,
        name,
        password_hash,
        totp_secret,
        totp_last_step,
    })
}

/// A new staff account; the e-mail address is normalised to lower case.
pub(crate) struct NewStaffAccount<'a> {
    pub(crate) email: &'a str,
    pub(crate) name: &'a str,
    pub(crate) password_hash: &'a str,
    pub(crate) role: StaffRole,
}

/// A form with its latest version and submission count, for the staff overview.
pub(crate) struct FormWithCount {
    pub(crate) form_id: FormId,
    pub(crate) slug: FormSlug,
    pub(crate) title: LocalizedText,
    pub(crate) version: u32,
    pub(crate) submission_count: u64,
}

/// The account with this e-mail address (case-insensitive).
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_optional_by_email(
    db: &Db,
    email: &str,
) -> sqlx::Result<Option<StaffAccount>> {
    let row: Option<AccountRow> = sqlx::query_as(
        "select id, email, name, password_hash, role, totp_secret, totp_last_step from staff_users where email = $1 and disabled_at is null",
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(db.reader())
    .await?;
    row.map(account).transpose()
}

/// Creates an account unless one with the same e-mail exists; returns whether it was created.
#[tracing::instrument(skip_all)]
pub(crate) async fn insert_if_absent(
    db: &Db,
    account: &NewStaffAccount<'_>,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        r#"
        insert into staff_users (id, email, name, password_hash, created_at, role)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (email) do nothing
        "#,
    )
    .bind(Uuid::new_v4().to_string())
    .bind(account.email.trim().to_lowercase())
    .bind(account.name)
    .bind(account.password_hash)
    .bind(now_ms)
    .bind(account.role.name())
    .execute(db.writer())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Stores a new session for `user_id`, identified by the hash of its token.
#[tracing::instrument(skip_all)]
pub(crate) async fn insert_session(
    db: &Db,
    token_hash: &str,
    user_id: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("insert into staff_sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now_ms)
        .bind(expires_at_ms)
        .execute(db.writer())
        .await
        .map(|_| ())
}

/// The account owning an unexpired session.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_optional_by_session(
    db: &Db,
    token_hash: &str,
    now_ms: i64,
) -> sqlx::Result<Option<StaffAccount>> {
    let row: Option<AccountRow> = sqlx::query_as(
        r#"
        select u.id, u.email, u.name, u.password_hash, u.role, u.totp_secret, u.totp_last_step
          from staff_sessions s
          join staff_users u on u.id = s.user_id
         where s.token_hash = $1 and s.expires_at > $2 and u.disabled_at is null
        "#,
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(db.reader())
    .await?;
    row.map(account).transpose()
}

/// Ends a session (logout). Deleting an unknown session is not an error.
#[tracing::instrument(skip_all)]
pub(crate) async fn delete_session(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("delete from staff_sessions where token_hash = $1")
        .bind(token_hash)
        .execute(db.writer())
        .await
        .map(|_| ())
}

/// Whose submissions a staff member may see: an admin all, anyone else those of the forms of
/// their departments. Checked in SQL, so a submission out of scope is simply not found.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    everything: bool,
    user_id: String,
}

impl Scope {
    pub(crate) fn of(account: &StaffAccount) -> Self {
        Self {
            everything: account.role == StaffRole::Admin,
            user_id: account.id.clone(),
        }
    }

    /// Everything (for the system and for admin-only views).
    pub(crate) fn all() -> Self {
        Self {
            everything: true,
            user_id: String::new(),
        }
    }

    pub(crate) fn everything(&self) -> bool {
        self.everything
    }

    pub(crate) fn user_id(&self) -> &str {
        &self.user_id
    }
}

/// The account with this id.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_optional_by_id(db: &Db, id: &str) -> sqlx::Result<Option<StaffAccount>> {
    let row: Option<AccountRow> = sqlx::query_as(
        "select id, email, name, password_hash, role, totp_secret, totp_last_step from staff_users where id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    row.map(account).transpose()
}

/// Whether the form `form_id` exists and is in `scope`.
#[tracing::instrument(skip_all)]
pub(crate) async fn form_in_scope(db: &Db, form_id: FormId, scope: &Scope) -> sqlx::Result<bool> {
    let row: Option<(i64,)> = sqlx::query_as(
        r#"
        select 1 from forms f
         where f.id = $1
           and ($2 or f.department_key in (select department_key from staff_departments where user_id = $3))
        "#,
    )
    .bind(form_id.to_string())
    .bind(scope.everything)
    .bind(&scope.user_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.is_some())
}

/// The reference number of the submission `submission_id` if it exists and its form is in
/// `scope`.
#[tracing::instrument(skip_all)]
pub(crate) async fn submission_in_scope(
    db: &Db,
    submission_id: &str,
    scope: &Scope,
) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        r#"
        select s.reference from submissions s
          join forms f on f.id = s.form_id
         where s.id = $1
           and ($2 or f.department_key in (select department_key from staff_departments where user_id = $3))
        "#,
    )
    .bind(submission_id)
    .bind(scope.everything)
    .bind(&scope.user_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|(reference,)| reference))
}

/// The reference number of the submission the upload `upload_id` belongs to, if that is in
/// `scope`.
#[tracing::instrument(skip_all)]
pub(crate) async fn upload_in_scope(
    db: &Db,
    upload_id: shared::UploadId,
    scope: &Scope,
) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        r#"
        select s.reference from uploads u
          join submissions s on s.id = u.submission_id
          join forms f on f.id = s.form_id
         where u.id = $1
           and ($2 or f.department_key in (select department_key from staff_departments where user_id = $3))
        "#,
    )
    .bind(upload_id.to_string())
    .bind(scope.everything)
    .bind(&scope.user_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|(reference,)| reference))
}

/// The keys of the departments `user_id` belongs to, in key order.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_department_keys(db: &Db, user_id: &str) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "select department_key from staff_departments where user_id = $1 order by department_key",
    )
    .bind(user_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(|(key,)| key).collect())
}

/// Makes `user_id` a member of `department_key` (nothing changes if it is one already).
#[tracing::instrument(skip_all)]
pub(crate) async fn insert_department_membership(
    db: &Db,
    user_id: &str,
    department_key: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into staff_departments (user_id, department_key) values ($1, $2) on conflict do nothing",
    )
    .bind(user_id)
    .bind(department_key)
    .execute(db.writer())
    .await
    .map(|_| ())
}

#[derive(sqlx::FromRow)]
struct FormCountRow {
    form_id: String,
    version: i64,
    definition: String,
    submission_count: i64,
}

/// Every form in `scope` with its latest version and number of submissions, in one query.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_forms_with_counts(
    db: &Db,
    scope: &Scope,
) -> sqlx::Result<Vec<FormWithCount>> {
    let rows: Vec<FormCountRow> = sqlx::query_as(
        r#"
        select v.form_id, v.version, v.definition,
               (select count(*) from submissions s where s.form_id = f.id) as submission_count
          from forms f
          join form_versions v on v.form_id = f.id
         where v.version = (select max(latest.version) from form_versions latest where latest.form_id = f.id)
           and ($1 or f.department_key in (select department_key from staff_departments where user_id = $2))
         order by f.slug
        "#,
    )
    .bind(scope.everything)
    .bind(&scope.user_id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            let submission_count = u64::try_from(row.submission_count).unwrap_or_default();
            let stored =
                StoredFormVersion::try_from_parts(&row.form_id, row.version, &row.definition)?;
            Ok(FormWithCount {
                form_id: stored.form_id,
                slug: stored.definition.slug,
                title: stored.definition.title,
                version: stored.version,
                submission_count,
            })
        })
        .collect()
}

/// An account as admins manage it.
pub(crate) struct ManagedAccount {
    pub(crate) id: String,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) disabled: bool,
    /// Department keys, in order.
    pub(crate) departments: Vec<String>,
}

/// Every account with its departments, by name (two queries, not one per account).
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_managed(db: &Db) -> sqlx::Result<Vec<ManagedAccount>> {
    let accounts: Vec<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "select id, email, name, role, disabled_at from staff_users order by name, email",
    )
    .fetch_all(db.reader())
    .await?;
    let memberships: Vec<(String, String)> = sqlx::query_as(
        "select user_id, department_key from staff_departments order by department_key",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(accounts
        .into_iter()
        .map(|(id, email, name, role, disabled_at)| ManagedAccount {
            departments: memberships
                .iter()
                .filter(|(user, _)| *user == id)
                .map(|(_, key)| key.clone())
                .collect(),
            id,
            email,
            name,
            role,
            disabled: disabled_at.is_some(),
        })
        .collect())
}

/// Changes an account's name, role, departments and whether it is disabled, in one
/// transaction; disabling ends its sessions. False if there is no such account.
#[tracing::instrument(skip_all)]
pub(crate) async fn update_managed(
    db: &Db,
    id: &str,
    name: &str,
    role: StaffRole,
    departments: &[String],
    disabled_at_ms: Option<i64>,
) -> sqlx::Result<bool> {
    let mut transaction = db.writer().begin().await?;
    let updated = sqlx::query(
        r#"
        update staff_users
           set name = $2, role = $3,
               disabled_at = case when $4 is null then null else coalesce(disabled_at, $4) end
         where id = $1
        "#,
    )
    .bind(id)
    .bind(name)
    .bind(role.name())
    .bind(disabled_at_ms)
    .execute(&mut *transaction)
    .await?;
    if updated.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(false);
    }
    sqlx::query("delete from staff_departments where user_id = $1")
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    for department in departments {
        sqlx::query("insert into staff_departments (user_id, department_key) values ($1, $2)")
            .bind(id)
            .bind(department)
            .execute(&mut *transaction)
            .await?;
    }
    if disabled_at_ms.is_some() {
        sqlx::query("delete from staff_sessions where user_id = $1")
            .bind(id)
            .execute(&mut *transaction)
            .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// Sets a new password hash and ends every session of the account but `keep_session` (the
/// one that changed its own password); false if there is no such account.
#[tracing::instrument(skip_all)]
pub(crate) async fn set_password(
    db: &Db,
    id: &str,
    password_hash: &str,
    keep_session: Option<&str>,
) -> sqlx::Result<bool> {
    let mut transaction = db.writer().begin().await?;
    let updated = sqlx::query("update staff_users set password_hash = $2 where id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(&mut *transaction)
        .await?;
    if updated.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "delete from staff_sessions where user_id = $1 and ($2 is null or token_hash <> $2)",
    )
    .bind(id)
    .bind(keep_session)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(true)
}

/// Starts setting up a second factor: `secret` waits for its first code.
#[tracing::instrument(skip_all)]
pub(crate) async fn set_totp_pending(db: &Db, id: &str, secret: &str) -> sqlx::Result<()> {
    sqlx::query("update staff_users set totp_pending = $2 where id = $1")
        .bind(id)
        .bind(secret)
        .execute(db.writer())
        .await
        .map(|_| ())
}

/// The secret being set up, if any.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_totp_pending(db: &Db, id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("select totp_pending from staff_users where id = $1")
            .bind(id)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.and_then(|(pending,)| pending))
}

/// The pending secret becomes the second factor, its first code used at `step`.
#[tracing::instrument(skip_all)]
pub(crate) async fn confirm_totp(db: &Db, id: &str, step: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "update staff_users set totp_secret = totp_pending, totp_pending = null, totp_last_step = $2 where id = $1 and totp_pending is not null",
    )
    .bind(id)
    .bind(step)
    .execute(db.writer())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Removes the second factor (the account signs in with its password alone).
#[tracing::instrument(skip_all)]
pub(crate) async fn clear_totp(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "update staff_users set totp_secret = null, totp_pending = null, totp_last_step = null where id = $1",
    )
    .bind(id)
    .execute(db.writer())
    .await
    .map(|_| ())
}

/// Records that a code for `step` was used; false if one for this or a later step was used
/// already (two sign-ins with the same code at once: one wins).
#[tracing::instrument(skip_all)]
pub(crate) async fn use_totp_step(db: &Db, id: &str, step: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "update staff_users set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)",
    )
    .bind(id)
    .bind(step)
    .execute(db.writer())
    .await?;
    Ok(result.rows_affected() == 1)
}
