//! The service catalogue: topics, departments and services, each stored as its JSON item.

use shared::catalogue::{Catalogue, Department, Service, Topic};
use shared::id::ServiceSlug;

use crate::db::Db;

fn encode<T: serde::Serialize>(value: &T) -> sqlx::Result<String> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(error.into()))
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> sqlx::Result<T> {
    serde_json::from_str(text).map_err(|error| sqlx::Error::Decode(error.into()))
}

fn position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

/// Replaces the whole catalogue in one transaction: readers see the old one or the new one.
pub(crate) async fn replace(db: &Db, catalogue: &Catalogue) -> sqlx::Result<()> {
    let mut transaction = db.writer().begin().await?;
    // Write first (one-writer rule); children before parents for the foreign keys.
    for table in ["services", "departments", "topics"] {
        sqlx::query(&format!("delete from {table}"))
            .execute(&mut *transaction)
            .await?;
    }
    for (index, topic) in catalogue.topics.iter().enumerate() {
        sqlx::query("insert into topics (slug, position, content) values ($1, $2, $3)")
            .bind(topic.slug.as_str())
            .bind(position(index))
            .bind(encode(topic)?)
            .execute(&mut *transaction)
            .await?;
    }
    for department in &catalogue.departments {
        sqlx::query("insert into departments (department_key, content) values ($1, $2)")
            .bind(&department.key)
            .bind(encode(department)?)
            .execute(&mut *transaction)
            .await?;
    }
    for (index, service) in catalogue.services.iter().enumerate() {
        sqlx::query(
            "insert into services (slug, position, department_key, content) values ($1, $2, $3, $4)",
        )
        .bind(service.slug.as_str())
        .bind(position(index))
        .bind(&service.department)
        .bind(encode(service)?)
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await
}

/// Whether any service is stored.
pub(crate) async fn is_empty(db: &Db) -> sqlx::Result<bool> {
    let (count,): (i64,) = sqlx::query_as("select count(*) from services")
        .fetch_one(db.reader())
        .await?;
    Ok(count == 0)
}

/// All services in catalogue order (a city has hundreds at most: search runs over all of them).
pub(crate) async fn fetch_services(db: &Db) -> sqlx::Result<Vec<Service>> {
    let rows: Vec<(String,)> = sqlx::query_as("select content from services order by position")
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(|(content,)| decode(content)).collect()
}

/// All departments.
pub(crate) async fn fetch_departments(db: &Db) -> sqlx::Result<Vec<Department>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select content from departments order by department_key")
            .fetch_all(db.reader())
            .await?;
    rows.iter().map(|(content,)| decode(content)).collect()
}

/// All topics in display order.
pub(crate) async fn fetch_topics(db: &Db) -> sqlx::Result<Vec<Topic>> {
    let rows: Vec<(String,)> = sqlx::query_as("select content from topics order by position")
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(|(content,)| decode(content)).collect()
}

/// One service with its department.
pub(crate) async fn fetch_optional_service(
    db: &Db,
    slug: &ServiceSlug,
) -> sqlx::Result<Option<(Service, Department)>> {
    let row: Option<(String, String)> = sqlx::query_as(
        r#"
        select services.content, departments.content
          from services
          join departments on departments.department_key = services.department_key
         where services.slug = $1
        "#,
    )
    .bind(slug.as_str())
    .fetch_optional(db.reader())
    .await?;
    row.map(|(service, department)| Ok((decode(&service)?, decode(&department)?)))
        .transpose()
}
