//! The raw facts behind the key figures, within a staff scope: bucketing by month and the
//! percentiles happen in Rust (`routes/figures.rs`), with the city's time zone.

use crate::db::Db;
use crate::db::staff::Scope;

/// Per submission in scope received in `[from_ms, before_ms)`: `(form_id, received_at,
/// status, finished_at)`. Four small columns; no answers are read.
pub(crate) async fn fetch_facts(
    db: &Db,
    scope: &Scope,
    from_ms: i64,
    before_ms: i64,
) -> sqlx::Result<Vec<(String, i64, String, Option<i64>)>> {
    sqlx::query_as(
        r#"
        select s.form_id, s.received_at, s.status, s.finished_at
          from submissions s
          join forms f on f.id = s.form_id
         where ($1 or f.department_key in (select department_key from staff_departments where user_id = $2))
           and s.received_at >= $3 and s.received_at < $4
         order by s.received_at
        "#,
    )
    .bind(scope.everything())
    .bind(scope.user_id())
    .bind(from_ms)
    .bind(before_ms)
    .fetch_all(db.reader())
    .await
}

/// The department key of every form in scope: `(form_id, department_key)`.
pub(crate) async fn fetch_form_departments(
    db: &Db,
    scope: &Scope,
) -> sqlx::Result<Vec<(String, Option<String>)>> {
    sqlx::query_as(
        r#"
        select f.id, f.department_key
          from forms f
         where $1 or f.department_key in (select department_key from staff_departments where user_id = $2)
        "#,
    )
    .bind(scope.everything())
    .bind(scope.user_id())
    .fetch_all(db.reader())
    .await
}
