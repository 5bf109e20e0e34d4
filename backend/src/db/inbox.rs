//! The staff inbox: submissions filtered, searched, counted and paged in SQL, their assignment
//! and whether anyone opened them yet.

use shared::FormId;

use crate::db::Db;
use crate::db::staff::Scope;

/// Whom a submission is assigned to, as a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Assigned {
    Anyone,
    Nobody,
    /// An account id.
    Person(String),
}

/// What the inbox shows; `None` and empty mean "any".
#[derive(Debug, Clone)]
pub(crate) struct InboxFilter {
    pub(crate) form_id: Option<FormId>,
    pub(crate) status: Option<&'static str>,
    pub(crate) from_ms: Option<i64>,
    pub(crate) before_ms: Option<i64>,
    pub(crate) assigned: Assigned,
    /// Folded query words (`search::words`); every one must occur. At most [`MAX_WORDS`].
    pub(crate) words: Vec<String>,
}

/// Query words the search considers.
pub(crate) const MAX_WORDS: usize = 4;

/// One line of the inbox.
pub(crate) struct InboxRow {
    pub(crate) id: String,
    pub(crate) reference: String,
    pub(crate) form_id: String,
    pub(crate) received_at_ms: i64,
    pub(crate) status: String,
    pub(crate) opened: bool,
    pub(crate) assignee: Option<String>,
}

const FROM_WHERE: &str = r#"
      from submissions s
      join forms f on f.id = s.form_id
      left join staff_users u on u.id = s.assigned_to
     where ($1 or f.department_key in (select department_key from staff_departments where user_id = $2))
       and ($3 is null or s.form_id = $3)
       and ($4 is null or s.status = $4)
       and ($5 is null or s.received_at >= $5)
       and ($6 is null or s.received_at < $6)
       and ($7 = 'anyone' or ($7 = 'nobody' and s.assigned_to is null) or s.assigned_to = $7)
       and ($8 is null or s.search_text like $8 escape '\')
       and ($9 is null or s.search_text like $9 escape '\')
       and ($10 is null or s.search_text like $10 escape '\')
       and ($11 is null or s.search_text like $11 escape '\')
"#;

fn like(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Binds `$1`–`$11` of [`FROM_WHERE`].
macro_rules! bind_filter {
    ($query:expr, $scope:expr, $filter:expr, $status:expr, $patterns:expr) => {
        $query
            .bind($scope.everything())
            .bind($scope.user_id())
            .bind($filter.form_id.map(|id| id.to_string()))
            .bind($status)
            .bind($filter.from_ms)
            .bind($filter.before_ms)
            .bind(match &$filter.assigned {
                Assigned::Anyone => "anyone".to_owned(),
                Assigned::Nobody => "nobody".to_owned(),
                Assigned::Person(id) => id.clone(),
            })
            .bind($patterns[0].as_deref())
            .bind($patterns[1].as_deref())
            .bind($patterns[2].as_deref())
            .bind($patterns[3].as_deref())
    };
}

/// One page of the inbox.
pub(crate) struct InboxResult {
    /// Newest first.
    pub(crate) rows: Vec<InboxRow>,
    /// How many match in all.
    pub(crate) total: u64,
    /// How many match per status (stored name) when the status filter is left out.
    pub(crate) counts: Vec<(String, u64)>,
}

/// One page of the inbox, with its counts.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_page(
    db: &Db,
    scope: &Scope,
    filter: &InboxFilter,
    limit: u32,
    offset: u64,
) -> sqlx::Result<InboxResult> {
    let mut patterns: [Option<String>; MAX_WORDS] = Default::default();
    for (slot, word) in patterns.iter_mut().zip(&filter.words) {
        *slot = Some(like(word));
    }
    type Row = (
        String,
        String,
        String,
        i64,
        String,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Row> = bind_filter!(
        sqlx::query_as(&format!(
            "select s.id, s.reference, s.form_id, s.received_at, s.status, s.opened_at, u.name \
             {FROM_WHERE} order by s.received_at desc, s.id desc limit $12 offset $13"
        )),
        scope,
        filter,
        filter.status,
        patterns
    )
    .bind(i64::from(limit))
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .fetch_all(db.reader())
    .await?;
    let (total,): (i64,) = bind_filter!(
        sqlx::query_as(&format!("select count(*) {FROM_WHERE}")),
        scope,
        filter,
        filter.status,
        patterns
    )
    .fetch_one(db.reader())
    .await?;
    let counts: Vec<(String, i64)> = bind_filter!(
        sqlx::query_as(&format!(
            "select s.status, count(*) {FROM_WHERE} group by s.status order by s.status"
        )),
        scope,
        filter,
        None::<&str>,
        patterns
    )
    .fetch_all(db.reader())
    .await?;
    let count = |value: i64| u64::try_from(value).unwrap_or_default();
    Ok(InboxResult {
        rows: rows
            .into_iter()
            .map(
                |(id, reference, form_id, received_at_ms, status, opened_at, assignee)| InboxRow {
                    id,
                    reference,
                    form_id,
                    received_at_ms,
                    status,
                    opened: opened_at.is_some(),
                    assignee,
                },
            )
            .collect(),
        total: count(total),
        counts: counts
            .into_iter()
            .map(|(status, n)| (status, count(n)))
            .collect(),
    })
}

/// Notes that someone opened the submission (the first time only).
#[tracing::instrument(skip_all)]
pub(crate) async fn mark_opened(db: &Db, submission_id: &str, at_ms: i64) -> sqlx::Result<()> {
    sqlx::query("update submissions set opened_at = $2 where id = $1 and opened_at is null")
        .bind(submission_id)
        .bind(at_ms)
        .execute(db.writer())
        .await
        .map(|_| ())
}

/// Assigns the submission to an account (or to nobody); false if there is no such submission.
#[tracing::instrument(skip_all)]
pub(crate) async fn assign(
    db: &Db,
    submission_id: &str,
    account_id: Option<&str>,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update submissions set assigned_to = $2 where id = $1")
        .bind(submission_id)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// The id and name of the account the submission is assigned to.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_assignee(
    db: &Db,
    submission_id: &str,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "select u.id, u.name from submissions s join staff_users u on u.id = s.assigned_to where s.id = $1",
    )
    .bind(submission_id)
    .fetch_optional(db.reader())
    .await
}

/// The accounts that share a department with the scope's account (all accounts for admins),
/// by name: whom a submission can be assigned to.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_colleagues(
    db: &Db,
    scope: &Scope,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        r#"
        select distinct u.id, u.name
          from staff_users u
          left join staff_departments d on d.user_id = u.id
         where $1 or u.id = $2
            or d.department_key in (select department_key from staff_departments where user_id = $2)
         order by u.name, u.id
        "#,
    )
    .bind(scope.everything())
    .bind(scope.user_id())
    .fetch_all(db.reader())
    .await
}

/// Fills the search text of submissions stored before it existed, in batches; returns how many.
pub(crate) async fn fill_missing_search_texts(db: &Db) -> sqlx::Result<u64> {
    let mut filled = 0;
    loop {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "select id, reference, answers from submissions where search_text is null limit 200",
        )
        .fetch_all(db.reader())
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        for (id, reference, answers) in rows {
            // A row whose answers do not parse is searchable by its reference number only
            // (and never blocks the start or loops here).
            let text = match serde_json::from_str::<serde_json::Value>(&answers) {
                Ok(answers) => crate::search::answer_text(&answers, &reference),
                Err(error) => {
                    tracing::error!(%error, submission = %id, "stored answers do not parse");
                    crate::search::answer_text(&serde_json::Value::Null, &reference)
                }
            };
            sqlx::query("update submissions set search_text = $2 where id = $1")
                .bind(&id)
                .bind(text)
                .execute(db.writer())
                .await?;
            filled += 1;
        }
    }
}
