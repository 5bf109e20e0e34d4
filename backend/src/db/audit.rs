//! The audit log: inserted, read and counted, never changed or deleted.

use uuid::Uuid;

use crate::db::Db;

/// An entry to record.
pub(crate) struct NewEntry<'a> {
    pub(crate) at_ms: i64,
    pub(crate) actor_id: Option<&'a str>,
    /// Name and e-mail address.
    pub(crate) actor: &'a str,
    /// [`shared::api::audit::AuditAction::name`].
    pub(crate) action: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) details: &'a str,
    pub(crate) ip: Option<String>,
}

/// A stored entry.
pub(crate) struct StoredEntry {
    pub(crate) at_ms: i64,
    pub(crate) actor: String,
    pub(crate) action: String,
    pub(crate) subject: String,
    pub(crate) details: String,
    pub(crate) ip: Option<String>,
}

/// What to look for; every part is optional. Texts match anywhere, ignoring case.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) action: Option<String>,
    pub(crate) actor: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) from_ms: Option<i64>,
    pub(crate) before_ms: Option<i64>,
}

#[tracing::instrument(skip_all, fields(action = entry.action))]
pub(crate) async fn insert(db: &Db, entry: &NewEntry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into audit_log (id, at, actor_id, actor, action, subject, details, ip)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        "#,
    )
    // Time-ordered ids (monotonic within this process): entries of the same millisecond keep
    // the order they were written in.
    .bind(Uuid::now_v7().to_string())
    .bind(entry.at_ms)
    .bind(entry.actor_id)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.subject)
    .bind(entry.details)
    .bind(entry.ip.as_deref())
    .execute(db.writer())
    .await
    .map(|_| ())
}

/// `%text%` for `like … escape '\'`, lower case, with `%`, `_` and `\` taken literally.
fn pattern(text: Option<&String>) -> Option<String> {
    text.map(|text| {
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    })
}

const WHERE: &str = r#"
     where ($1 is null or action = $1)
       and ($2 is null or lower(actor) like $2 escape '\')
       and ($3 is null or lower(subject) like $3 escape '\')
       and ($4 is null or at >= $4)
       and ($5 is null or at < $5)
"#;

/// One page of the entries matching `filter`, newest first, and how many match in all.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_page(
    db: &Db,
    filter: &Filter,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<StoredEntry>, u64)> {
    let (actor, subject) = (
        pattern(filter.actor.as_ref()),
        pattern(filter.subject.as_ref()),
    );
    let (total,): (i64,) = sqlx::query_as(&format!("select count(*) from audit_log {WHERE}"))
        .bind(filter.action.as_deref())
        .bind(actor.as_deref())
        .bind(subject.as_deref())
        .bind(filter.from_ms)
        .bind(filter.before_ms)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<(i64, String, String, String, String, Option<String>)> =
        sqlx::query_as(&format!(
            "select at, actor, action, subject, details, ip from audit_log {WHERE} \
         order by at desc, id desc limit $6 offset $7"
        ))
        .bind(filter.action.as_deref())
        .bind(actor.as_deref())
        .bind(subject.as_deref())
        .bind(filter.from_ms)
        .bind(filter.before_ms)
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(db.reader())
        .await?;
    let entries = rows
        .into_iter()
        .map(|(at_ms, actor, action, subject, details, ip)| StoredEntry {
            at_ms,
            actor,
            action,
            subject,
            details,
            ip,
        })
        .collect();
    Ok((entries, u64::try_from(total).unwrap_or_default()))
}
