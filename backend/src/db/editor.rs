//! The form editor's storage: drafts with revisions (optimistic concurrency), publishing a
//! draft as the next immutable version, version history and archiving.

use shared::{CompiledForm, FormDefinition, FormId};
use sqlx::{Any, Transaction};
use uuid::Uuid;

use crate::db::Db;

/// Why a write was refused; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteConflict {
    /// The draft's revision is not the one the write was based on.
    Revision,
    /// Another form has the slug.
    SlugTaken,
    /// The form was published, so its slug is fixed.
    SlugLocked,
}

/// A form's draft as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoredDraft {
    pub(crate) definition: FormDefinition,
    pub(crate) revision: u64,
    pub(crate) updated_at_ms: i64,
    pub(crate) updated_by: Option<String>,
}

/// A form as the editor sees it: its draft (if it has one), latest version and counts.
#[derive(Debug, Clone)]
pub(crate) struct EditorEntry {
    pub(crate) form_id: FormId,
    pub(crate) slug: String,
    pub(crate) created_at_ms: i64,
    pub(crate) archived: bool,
    pub(crate) draft: Option<StoredDraft>,
    /// The latest published version and its definition.
    pub(crate) latest: Option<(u32, FormDefinition)>,
    pub(crate) submission_count: u64,
    /// The department that processes the submissions.
    pub(crate) department_key: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: String,
    slug: String,
    created_at: i64,
    archived_at: Option<i64>,
    draft: Option<String>,
    revision: Option<i64>,
    updated_at: Option<i64>,
    updated_by: Option<String>,
    version: Option<i64>,
    published: Option<String>,
    submission_count: i64,
    department_key: Option<String>,
}

const ENTRY_QUERY: &str = r#"
    select f.id, f.slug, f.created_at, f.archived_at, f.department_key,
           d.definition as draft, d.revision, d.updated_at, u.name as updated_by,
           v.version, v.definition as published,
           (select count(*) from submissions s where s.form_id = f.id) as submission_count
      from forms f
      left join form_drafts d on d.form_id = f.id
      left join staff_users u on u.id = d.updated_by
      left join form_versions v
             on v.form_id = f.id
            and v.version = (select max(x.version) from form_versions x where x.form_id = f.id)
"#;

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> sqlx::Result<T> {
    serde_json::from_str(json).map_err(|error| sqlx::Error::Decode(error.into()))
}

fn number<T: TryFrom<i64>>(value: i64) -> sqlx::Result<T> {
    T::try_from(value).map_err(|_| sqlx::Error::Decode(format!("{value} out of range").into()))
}

impl TryFrom<EntryRow> for EditorEntry {
    type Error = sqlx::Error;

    fn try_from(row: EntryRow) -> sqlx::Result<Self> {
        let draft = match (row.draft, row.revision, row.updated_at) {
            (Some(definition), Some(revision), Some(updated_at_ms)) => Some(StoredDraft {
                definition: decode(&definition)?,
                revision: number(revision)?,
                updated_at_ms,
                updated_by: row.updated_by,
            }),
            _ => None,
        };
        let latest = match (row.version, row.published) {
            (Some(version), Some(definition)) => Some((number(version)?, decode(&definition)?)),
            _ => None,
        };
        Ok(Self {
            form_id: row.id.parse().map_err(|error: shared::id::ParseIdError| {
                sqlx::Error::Decode(error.to_string().into())
            })?,
            slug: row.slug,
            created_at_ms: row.created_at,
            archived: row.archived_at.is_some(),
            draft,
            latest,
            submission_count: number(row.submission_count)?,
            department_key: row.department_key,
        })
    }
}

/// Every form, by slug, in one query.
#[tracing::instrument(skip_all)]
pub(crate) async fn fetch_entries(db: &Db) -> sqlx::Result<Vec<EditorEntry>> {
    sqlx::query_as::<_, EntryRow>(&format!("{ENTRY_QUERY} order by f.slug"))
        .fetch_all(db.reader())
        .await?
        .into_iter()
        .map(EditorEntry::try_from)
        .collect()
}

/// One form.
#[tracing::instrument(skip_all, fields(%form_id))]
pub(crate) async fn fetch_optional_entry(
    db: &Db,
    form_id: FormId,
) -> sqlx::Result<Option<EditorEntry>> {
    sqlx::query_as::<_, EntryRow>(&format!("{ENTRY_QUERY} where f.id = $1"))
        .bind(form_id.to_string())
        .fetch_optional(db.reader())
        .await?
        .map(EditorEntry::try_from)
        .transpose()
}

/// The published versions of a form, oldest first: `(version, published at, by whom)`.
pub(crate) async fn fetch_history(
    db: &Db,
    form_id: FormId,
) -> sqlx::Result<Vec<(u32, i64, Option<String>)>> {
    let rows: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
        r#"
        select v.version, v.published_at, u.name
          from form_versions v
          left join staff_users u on u.id = v.published_by
         where v.form_id = $1
         order by v.version
        "#,
    )
    .bind(form_id.to_string())
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(version, at, by)| Ok((number(version)?, at, by)))
        .collect()
}

/// One published version's definition.
pub(crate) async fn fetch_optional_version(
    db: &Db,
    form_id: FormId,
    version: u32,
) -> sqlx::Result<Option<FormDefinition>> {
    let row: Option<(String,)> =
        sqlx::query_as("select definition from form_versions where form_id = $1 and version = $2")
            .bind(form_id.to_string())
            .bind(i64::from(version))
            .fetch_optional(db.reader())
            .await?;
    row.map(|(definition,)| decode(&definition)).transpose()
}

/// Creates a form that exists only as a draft (revision 1).
#[tracing::instrument(skip_all)]
pub(crate) async fn insert_form(
    db: &Db,
    definition: &FormDefinition,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<Result<FormId, WriteConflict>> {
    let form_id = FormId::from_uuid(Uuid::new_v4());
    let json = encode(definition)?;
    let mut transaction = db.writer().begin().await?;
    let inserted = sqlx::query(
        "insert into forms (id, slug, created_at) values ($1, $2, $3) on conflict (slug) do nothing",
    )
    .bind(form_id.to_string())
    .bind(definition.slug.as_str())
    .bind(now_ms)
    .execute(&mut *transaction)
    .await?;
    if inserted.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(Err(WriteConflict::SlugTaken));
    }
    sqlx::query(
        r#"
        insert into form_drafts (form_id, definition, revision, updated_at, updated_by)
        values ($1, $2, 1, $3, $4)
        "#,
    )
    .bind(form_id.to_string())
    .bind(json)
    .bind(now_ms)
    .bind(by)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(Ok(form_id))
}

/// Saves the draft if it is still at `expected` (0: the form has no draft row yet, its draft
/// is its latest version); returns the new revision.
#[tracing::instrument(skip_all, fields(%form_id, expected))]
pub(crate) async fn save_draft(
    db: &Db,
    form_id: FormId,
    expected: u64,
    definition: &FormDefinition,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<Result<u64, WriteConflict>> {
    let json = encode(definition)?;
    let expected_i64 = i64::try_from(expected).unwrap_or(i64::MAX);
    // Write first (one writer on SQLite; the row lock on PostgreSQL orders concurrent saves).
    let mut transaction = db.writer().begin().await?;
    let written = if expected == 0 {
        sqlx::query(
            r#"
            insert into form_drafts (form_id, definition, revision, updated_at, updated_by)
            values ($1, $2, 1, $3, $4)
            on conflict (form_id) do nothing
            "#,
        )
        .bind(form_id.to_string())
        .bind(&json)
        .bind(now_ms)
        .bind(by)
        .execute(&mut *transaction)
        .await?
    } else {
        sqlx::query(
            r#"
            update form_drafts
               set definition = $3, revision = revision + 1, updated_at = $4, updated_by = $5
             where form_id = $1 and revision = $2
            "#,
        )
        .bind(form_id.to_string())
        .bind(expected_i64)
        .bind(&json)
        .bind(now_ms)
        .bind(by)
        .execute(&mut *transaction)
        .await?
    };
    if written.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(Err(WriteConflict::Revision));
    }
    if let Err(conflict) = follow_slug(&mut transaction, form_id, definition).await? {
        transaction.rollback().await?;
        return Ok(Err(conflict));
    }
    transaction.commit().await?;
    Ok(Ok(expected + 1))
}

/// Makes the form's slug the draft's: allowed until the first publication, if no other form
/// has it.
async fn follow_slug(
    transaction: &mut Transaction<'_, Any>,
    form_id: FormId,
    definition: &FormDefinition,
) -> sqlx::Result<Result<(), WriteConflict>> {
    let (slug, versions): (String, i64) = sqlx::query_as(
        "select slug, (select count(*) from form_versions v where v.form_id = f.id) from forms f where f.id = $1",
    )
    .bind(form_id.to_string())
    .fetch_one(&mut **transaction)
    .await?;
    if slug == definition.slug.as_str() {
        return Ok(Ok(()));
    }
    if versions > 0 {
        return Ok(Err(WriteConflict::SlugLocked));
    }
    let renamed = sqlx::query(
        r#"
        update forms set slug = $2
         where id = $1 and not exists (select 1 from forms other where other.slug = $2)
        "#,
    )
    .bind(form_id.to_string())
    .bind(definition.slug.as_str())
    .execute(&mut **transaction)
    .await?;
    Ok(if renamed.rows_affected() == 1 {
        Ok(())
    } else {
        Err(WriteConflict::SlugTaken)
    })
}

/// Publishes `form` (the compiled draft at revision `expected`) as the form's next version;
/// returns its number.
#[tracing::instrument(skip_all, fields(%form_id, expected))]
pub(crate) async fn publish_draft(
    db: &Db,
    form_id: FormId,
    expected: u64,
    form: &CompiledForm,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<Result<u32, WriteConflict>> {
    let json = encode(form.definition())?;
    let mut transaction = db.writer().begin().await?;
    // A no-op write that locks the draft row and proves it is still at `expected`, so two
    // publications cannot pick the same version number.
    let locked = sqlx::query(
        "update form_drafts set revision = revision where form_id = $1 and revision = $2",
    )
    .bind(form_id.to_string())
    .bind(i64::try_from(expected).unwrap_or(i64::MAX))
    .execute(&mut *transaction)
    .await?;
    if locked.rows_affected() != 1 {
        transaction.rollback().await?;
        return Ok(Err(WriteConflict::Revision));
    }
    let (latest,): (i64,) =
        sqlx::query_as("select coalesce(max(version), 0) from form_versions where form_id = $1")
            .bind(form_id.to_string())
            .fetch_one(&mut *transaction)
            .await?;
    let version = latest + 1;
    sqlx::query(
        r#"
        insert into form_versions (form_id, version, definition, published_at, published_by)
        values ($1, $2, $3, $4, $5)
        "#,
    )
    .bind(form_id.to_string())
    .bind(version)
    .bind(json)
    .bind(now_ms)
    .bind(by)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(Ok(number(version)?))
}

/// Archives a form (`Some(now)`) or takes it back (`None`); false if there is no such form.
pub(crate) async fn set_archived(
    db: &Db,
    form_id: FormId,
    archived_at_ms: Option<i64>,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update forms set archived_at = $2 where id = $1")
        .bind(form_id.to_string())
        .bind(archived_at_ms)
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Gives every form without a department the department of a catalogue service that links to
/// it (the demo content: forms and catalogue are seeded separately); returns how many.
pub(crate) async fn assign_departments_from_catalogue(db: &Db) -> sqlx::Result<u64> {
    let services = crate::db::catalogue::fetch_services(db).await?;
    let mut assigned = 0;
    for service in services {
        let Some(form) = service.form else { continue };
        let result = sqlx::query(
            "update forms set department_key = $2 where slug = $1 and department_key is null",
        )
        .bind(form.as_str())
        .bind(&service.department)
        .execute(db.writer())
        .await?;
        assigned += result.rows_affected();
    }
    Ok(assigned)
}

/// Whether the form is archived.
pub(crate) async fn is_archived(db: &Db, form_id: FormId) -> sqlx::Result<bool> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("select archived_at from forms where id = $1")
        .bind(form_id.to_string())
        .fetch_optional(db.reader())
        .await?;
    Ok(matches!(row, Some((Some(_),))))
}

fn encode(definition: &FormDefinition) -> sqlx::Result<String> {
    serde_json::to_string(definition).map_err(|error| sqlx::Error::Encode(error.into()))
}
