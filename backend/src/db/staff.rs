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
}

type AccountRow = (String, String, String, String, String);

fn account((id, email, name, password_hash, role): AccountRow) -> sqlx::Result<StaffAccount> {
    Ok(StaffAccount {
        role: StaffRole::from_name(&role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {role}").into()))?,
        id,
        email,
        name,
        password_hash,
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
        "select id, email, name, password_hash, role from staff_users where email = $1",
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
        select u.id, u.email, u.name, u.password_hash, u.role
          from staff_sessions s
          join staff_users u on u.id = s.user_id
         where s.token_hash = $1 and s.expires_at > $2
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

#[derive(sqlx::FromRow)]
struct FormCountRow {
    form_id: String,
    version: i64,
    definition: String,
    submission_count: i64,
}

/// Every form with its latest version and number of submissions, in one query.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_forms_with_counts(db: &Db) -> sqlx::Result<Vec<FormWithCount>> {
    let rows: Vec<FormCountRow> = sqlx::query_as(
        r#"
        select v.form_id, v.version, v.definition,
               (select count(*) from submissions s where s.form_id = f.id) as submission_count
          from forms f
          join form_versions v on v.form_id = f.id
         where v.version = (select max(latest.version) from form_versions latest where latest.form_id = f.id)
         order by f.slug
        "#,
    )
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
