//! Forms and their immutable published versions.

use shared::{CompiledForm, FormDefinition, FormId, FormSlug};
use sqlx::{Any, Transaction};

use crate::db::Db;

/// A published form version as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoredFormVersion {
    pub(crate) form_id: FormId,
    pub(crate) version: u32,
    pub(crate) definition: FormDefinition,
}

#[derive(sqlx::FromRow)]
struct FormVersionRow {
    form_id: String,
    version: i64,
    definition: String,
}

impl StoredFormVersion {
    /// Decodes the columns of a `form_versions` row.
    pub(crate) fn try_from_parts(
        form_id: &str,
        version: i64,
        definition: &str,
    ) -> sqlx::Result<Self> {
        let decode = |error: String| sqlx::Error::Decode(error.into());
        Ok(Self {
            form_id: form_id
                .parse()
                .map_err(|error: shared::id::ParseIdError| decode(error.to_string()))?,
            version: u32::try_from(version).map_err(|error| decode(error.to_string()))?,
            definition: serde_json::from_str(definition)
                .map_err(|error| decode(error.to_string()))?,
        })
    }
}

impl TryFrom<FormVersionRow> for StoredFormVersion {
    type Error = sqlx::Error;

    fn try_from(row: FormVersionRow) -> Result<Self, Self::Error> {
        Self::try_from_parts(&row.form_id, row.version, &row.definition)
    }
}

/// The latest published version of every form, ordered by slug.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_latest_versions(db: &Db) -> sqlx::Result<Vec<StoredFormVersion>> {
    sqlx::query_as::<_, FormVersionRow>(
        r#"
        select v.form_id, v.version, v.definition
          from forms f
          join form_versions v on v.form_id = f.id
         where v.version = (select max(latest.version) from form_versions latest where latest.form_id = f.id)
           and f.archived_at is null
         order by f.slug
        "#,
    )
    .fetch_all(db.reader())
    .await?
    .into_iter()
    .map(StoredFormVersion::try_from)
    .collect()
}

/// The latest published version of the form with `slug`.
#[tracing::instrument(skip_all, fields(%slug))]
pub(crate) async fn fetch_optional_latest_by_slug(
    db: &Db,
    slug: &FormSlug,
) -> sqlx::Result<Option<StoredFormVersion>> {
    sqlx::query_as::<_, FormVersionRow>(
        r#"
        select v.form_id, v.version, v.definition
          from forms f
          join form_versions v on v.form_id = f.id
         where f.slug = $1 and f.archived_at is null
         order by v.version desc
         limit 1
        "#,
    )
    .bind(slug.as_str())
    .fetch_optional(db.reader())
    .await?
    .map(StoredFormVersion::try_from)
    .transpose()
}

/// One published version of the form with `slug`.
#[tracing::instrument(skip_all, fields(%slug, version))]
pub(crate) async fn fetch_optional_version_by_slug(
    db: &Db,
    slug: &FormSlug,
    version: u32,
) -> sqlx::Result<Option<StoredFormVersion>> {
    sqlx::query_as::<_, FormVersionRow>(
        r#"
        select v.form_id, v.version, v.definition
          from forms f
          join form_versions v on v.form_id = f.id
         where f.slug = $1 and v.version = $2
        "#,
    )
    .bind(slug.as_str())
    .bind(i64::from(version))
    .fetch_optional(db.reader())
    .await?
    .map(StoredFormVersion::try_from)
    .transpose()
}

/// Every published version of one form, oldest first.
#[tracing::instrument(skip_all, fields(%form_id))]
pub(crate) async fn fetch_versions(
    db: &Db,
    form_id: FormId,
) -> sqlx::Result<Vec<StoredFormVersion>> {
    sqlx::query_as::<_, FormVersionRow>(
        r#"
        select form_id, version, definition
          from form_versions
         where form_id = $1
         order by version
        "#,
    )
    .bind(form_id.to_string())
    .fetch_all(db.reader())
    .await?
    .into_iter()
    .map(StoredFormVersion::try_from)
    .collect()
}

/// Whether a form with `slug` exists.
pub(crate) async fn slug_exists(db: &Db, slug: &FormSlug) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as("select id from forms where slug = $1")
        .bind(slug.as_str())
        .fetch_optional(db.writer())
        .await?;
    Ok(found.is_some())
}

/// Publishes a new form as version 1 and returns its id. Taking a [`CompiledForm`] proves the
/// definition passed the definition check. Used by demo seeding and tests; the form editor
/// (issue 5) will publish through it too.
pub async fn publish_new_form(db: &Db, form: &CompiledForm, now_ms: i64) -> sqlx::Result<FormId> {
    let form_id = FormId::from_uuid(uuid::Uuid::new_v4());
    let mut transaction = db.writer().begin().await?;
    insert_form_with_first_version(&mut transaction, form_id, form, now_ms).await?;
    transaction.commit().await?;
    Ok(form_id)
}

#[tracing::instrument(skip_all, fields(%form_id))]
async fn insert_form_with_first_version(
    transaction: &mut Transaction<'_, Any>,
    form_id: FormId,
    form: &CompiledForm,
    now_ms: i64,
) -> sqlx::Result<()> {
    let definition = form.definition();
    let definition_json =
        serde_json::to_string(definition).map_err(|error| sqlx::Error::Encode(error.into()))?;
    sqlx::query("insert into forms (id, slug, created_at) values ($1, $2, $3)")
        .bind(form_id.to_string())
        .bind(definition.slug.as_str())
        .bind(now_ms)
        .execute(&mut **transaction)
        .await?;
    sqlx::query("insert into form_versions (form_id, version, definition, published_at) values ($1, 1, $2, $3)")
        .bind(form_id.to_string())
        .bind(definition_json)
        .bind(now_ms)
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

/// Sets the department that processes the form's submissions; false if there is no such form.
pub async fn set_department(
    db: &Db,
    form_id: FormId,
    department_key: Option<&str>,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update forms set department_key = $2 where id = $1")
        .bind(form_id.to_string())
        .bind(department_key)
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected() == 1)
}
