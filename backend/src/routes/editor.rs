//! The form editor's API: directory, drafts (optimistic concurrency), publishing, versions,
//! diffs, copies, archiving, JSON export and import, FIM import. Editors and admins only.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::api::ErrorCode;
use shared::api::audit::AuditAction;
use shared::api::editor::{
    DefinitionProblem, DepartmentOption, DraftSaved, EditorForm, EditorFormSummary,
    FimImportRequest, FormCreated, FormStatus, ImportNote, NewForm, PublishDraft, Published,
    SaveDraft, SetDepartment, VersionDiff, VersionSummary,
};
use shared::{CompiledForm, FormDefinition, FormId, LocalizedText};

use crate::app::AppState;
use crate::audit;
use crate::db;
use crate::db::editor::{EditorEntry, WriteConflict};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientIp, CurrentEditor};
use crate::routes::rfc3339;

/// Largest FIM import (schema and code lists together): real schemas reach about 600 KB.
pub(crate) const MAX_FIM_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// Largest definition the editor stores (a 500-field form is about 200 KB of JSON).
pub(crate) const MAX_DEFINITION_BYTES: usize = 2 * 1024 * 1024;

pub(crate) async fn list_forms(
    State(state): State<AppState>,
    _editor: CurrentEditor,
) -> Result<Json<Vec<EditorFormSummary>>, ApiError> {
    let entries = db::editor::fetch_entries(&state.db).await?;
    let services = db::catalogue::fetch_services(&state.db).await?;
    let departments = db::catalogue::fetch_departments(&state.db).await?;
    Ok(Json(
        entries
            .iter()
            .map(|entry| {
                let linked: Vec<&shared::catalogue::Service> = services
                    .iter()
                    .filter(|service| {
                        service.form.as_ref().map(shared::FormSlug::as_str)
                            == Some(entry.slug.as_str())
                    })
                    .collect();
                // The department that processes the submissions.
                let responsible: Vec<String> = entry
                    .department_key
                    .iter()
                    .map(|key| {
                        departments
                            .iter()
                            .find(|department| department.key == *key)
                            .map_or_else(|| key.clone(), |department| department.name.de.clone())
                    })
                    .collect();
                let names = linked
                    .iter()
                    .map(|service| service.name.de.clone())
                    .collect();
                summary(entry, names, responsible)
            })
            .collect(),
    ))
}

fn status(entry: &EditorEntry) -> FormStatus {
    if entry.archived {
        FormStatus::Archived
    } else if entry.latest.is_some() {
        FormStatus::Published
    } else {
        FormStatus::Draft
    }
}

/// The draft: the stored one, else (revision 0) the latest version.
fn draft_of(entry: &EditorEntry) -> Option<(u64, &FormDefinition, i64, Option<String>)> {
    match (&entry.draft, &entry.latest) {
        (Some(draft), _) => Some((
            draft.revision,
            &draft.definition,
            draft.updated_at_ms,
            draft.updated_by.clone(),
        )),
        (None, Some((_, definition))) => Some((0, definition, entry.created_at_ms, None)),
        (None, None) => None,
    }
}

/// Whether the draft differs from the latest published version (or nothing is published yet).
fn unpublished_changes(entry: &EditorEntry) -> bool {
    match (&entry.draft, &entry.latest) {
        (Some(draft), Some((_, latest))) => draft.definition != *latest,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

fn summary(
    entry: &EditorEntry,
    services: Vec<String>,
    departments: Vec<String>,
) -> EditorFormSummary {
    let status = status(entry);
    let (title, updated_at, updated_by) = draft_of(entry).map_or_else(
        || {
            (
                LocalizedText::de(entry.slug.clone()),
                entry.created_at_ms,
                None,
            )
        },
        |(_, definition, at, by)| (definition.title.clone(), at, by),
    );
    let unpublished_changes = unpublished_changes(entry);
    EditorFormSummary {
        id: entry.form_id,
        slug: entry.slug.parse().unwrap_or_else(|_| title_slug_fallback()),
        title,
        status,
        latest_version: entry.latest.as_ref().map(|(version, _)| *version),
        unpublished_changes,
        services,
        departments,
        updated_at: rfc3339(updated_at),
        updated_by,
        submission_count: entry.submission_count,
    }
}

/// Slugs in the database were checked on the way in; this is never used in practice.
fn title_slug_fallback() -> shared::FormSlug {
    "formular"
        .parse()
        .unwrap_or_else(|_| unreachable!("a fixed valid slug"))
}

async fn entry(state: &AppState, form_id: &str) -> Result<EditorEntry, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    db::editor::fetch_optional_entry(&state.db, form_id)
        .await?
        .ok_or(ApiError::NOT_FOUND)
}

pub(crate) async fn get_form(
    State(state): State<AppState>,
    _editor: CurrentEditor,
    Path(form_id): Path<String>,
) -> Result<Json<EditorForm>, ApiError> {
    let entry = entry(&state, &form_id).await?;
    let history = db::editor::fetch_history(&state.db, entry.form_id).await?;
    let (revision, definition, updated_at, updated_by) =
        draft_of(&entry).ok_or(ApiError::NOT_FOUND)?;
    Ok(Json(EditorForm {
        id: entry.form_id,
        status: status(&entry),
        unpublished_changes: unpublished_changes(&entry),
        revision,
        definition: definition.clone(),
        versions: history
            .into_iter()
            .map(|(version, at, by)| VersionSummary {
                version,
                published_at: rfc3339(at),
                published_by: by,
            })
            .collect(),
        updated_at: rfc3339(updated_at),
        updated_by,
        department: entry.department_key.clone(),
        retention_days: db::privacy::fetch_retention(&state.db, entry.form_id).await?,
    }))
}

/// Longest retention period an editor can set (ten years).
const MAX_RETENTION_DAYS: u32 = 3650;

/// Sets how many days the form's submissions are kept once completed or rejected.
pub(crate) async fn set_retention(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
    ApiJson(command): ApiJson<shared::api::SetRetention>,
) -> Result<StatusCode, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    if command
        .days
        .is_some_and(|days| days == 0 || days > MAX_RETENTION_DAYS)
    {
        return Err(ApiError::Client(ErrorCode::InvalidRetention));
    }
    if !db::privacy::set_retention(&state.db, form_id, command.days).await? {
        return Err(ApiError::NOT_FOUND);
    }
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = command
        .days
        .map(|days| format!("{days} Tage"))
        .unwrap_or_default();
    let subject = form_id.to_string();
    audit::record(
        &state,
        &actor,
        AuditAction::FormRetentionChanged,
        &subject,
        &details,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The departments of the catalogue, for the editor's choice of who processes a form.
pub(crate) async fn list_departments(
    State(state): State<AppState>,
    _editor: CurrentEditor,
) -> Result<Json<Vec<DepartmentOption>>, ApiError> {
    let departments = db::catalogue::fetch_departments(&state.db).await?;
    Ok(Json(
        departments
            .into_iter()
            .map(|department| DepartmentOption {
                key: department.key,
                name: department.name.de,
            })
            .collect(),
    ))
}

/// Sets the department whose case workers see the form's submissions.
pub(crate) async fn set_department(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
    ApiJson(command): ApiJson<SetDepartment>,
) -> Result<StatusCode, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    if let Some(key) = &command.department {
        let departments = db::catalogue::fetch_departments(&state.db).await?;
        if !departments.iter().any(|department| department.key == *key) {
            return Err(ApiError::Client(ErrorCode::UnknownDepartment));
        }
    }
    if !db::forms::set_department(&state.db, form_id, command.department.as_deref()).await? {
        return Err(ApiError::NOT_FOUND);
    }
    tracing::info!(form = %form_id, department = ?command.department, by = %account.id, "form department changed");
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = command.department.as_deref().unwrap_or_default();
    let subject = form_id.to_string();
    audit::record(
        &state,
        &actor,
        AuditAction::FormDepartmentChanged,
        &subject,
        details,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the definition check finds (nothing for a publishable definition).
fn problems(definition: FormDefinition) -> Vec<DefinitionProblem> {
    CompiledForm::new(definition)
        .err()
        .map(wire)
        .unwrap_or_default()
}

fn wire(errors: Vec<shared::DefinitionError>) -> Vec<DefinitionProblem> {
    errors
        .into_iter()
        .map(|error| DefinitionProblem {
            path: error.path,
            message: error.problem,
        })
        .collect()
}

fn conflict(conflict: WriteConflict) -> ApiError {
    ApiError::Client(match conflict {
        WriteConflict::Revision => ErrorCode::DraftConflict,
        WriteConflict::SlugTaken => ErrorCode::SlugTaken,
        WriteConflict::SlugLocked => ErrorCode::SlugLocked,
    })
}

/// Creates a form from a definition (a new form, or an imported JSON export); it starts as a
/// draft, with the definition check's findings in the answer.
pub(crate) async fn create_form(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ApiJson(command): ApiJson<NewForm>,
) -> Result<(StatusCode, Json<FormCreated>), ApiError> {
    let now_ms = state.clock.now().timestamp_millis();
    let id = db::editor::insert_form(&state.db, &command.definition, &account.id, now_ms)
        .await?
        .map_err(conflict)?;
    tracing::info!(form = %id, by = %account.id, "form created");
    Ok((
        StatusCode::CREATED,
        Json(FormCreated {
            id,
            revision: 1,
            problems: problems(command.definition),
            notes: Vec::new(),
        }),
    ))
}

pub(crate) async fn save_draft(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    Path(form_id): Path<String>,
    ApiJson(command): ApiJson<SaveDraft>,
) -> Result<Json<DraftSaved>, ApiError> {
    let entry = entry(&state, &form_id).await?;
    let now_ms = state.clock.now().timestamp_millis();
    let revision = db::editor::save_draft(
        &state.db,
        entry.form_id,
        command.revision,
        &command.definition,
        &account.id,
        now_ms,
    )
    .await?
    .map_err(conflict)?;
    Ok(Json(DraftSaved { revision }))
}

/// Publishes the draft as the next immutable version, if it is still at the revision the
/// editor looked at and passes the definition check.
pub(crate) async fn publish(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
    ApiJson(command): ApiJson<PublishDraft>,
) -> Result<Json<Published>, ApiError> {
    let entry = entry(&state, &form_id).await?;
    if entry.archived {
        return Err(ApiError::Client(ErrorCode::FormArchived));
    }
    if entry.draft.is_some() && !unpublished_changes(&entry) {
        return Err(ApiError::Client(ErrorCode::NothingToPublish));
    }
    let Some(draft) = entry
        .draft
        .filter(|draft| draft.revision == command.revision)
    else {
        return Err(ApiError::Client(ErrorCode::DraftConflict));
    };
    let compiled = CompiledForm::new(draft.definition)
        .map_err(|errors| ApiError::DefinitionInvalid(wire(errors)))?;
    let now_ms = state.clock.now().timestamp_millis();
    let version = db::editor::publish_draft(
        &state.db,
        entry.form_id,
        command.revision,
        &compiled,
        &account.id,
        now_ms,
    )
    .await?
    .map_err(conflict)?;
    tracing::info!(form = %entry.form_id, version, by = %account.id, "form version published");
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = format!("Version {version}");
    audit::record(
        &state,
        &actor,
        AuditAction::FormPublished,
        &entry.slug,
        &details,
    )
    .await?;
    Ok(Json(Published { version }))
}

pub(crate) async fn get_version(
    State(state): State<AppState>,
    _editor: CurrentEditor,
    Path((form_id, version)): Path<(String, u32)>,
) -> Result<Json<FormDefinition>, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    db::editor::fetch_optional_version(&state.db, form_id, version)
        .await?
        .map(Json)
        .ok_or(ApiError::NOT_FOUND)
}

#[derive(Debug, Deserialize)]
pub(crate) struct DiffQuery {
    from: u32,
    /// Without it: the draft.
    to: Option<u32>,
}

pub(crate) async fn get_diff(
    State(state): State<AppState>,
    _editor: CurrentEditor,
    Path(form_id): Path<String>,
    Query(query): Query<DiffQuery>,
) -> Result<Json<VersionDiff>, ApiError> {
    let entry = entry(&state, &form_id).await?;
    let old = db::editor::fetch_optional_version(&state.db, entry.form_id, query.from)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let (to, new) = match query.to {
        Some(to) => (
            to,
            db::editor::fetch_optional_version(&state.db, entry.form_id, to)
                .await?
                .ok_or(ApiError::NOT_FOUND)?,
        ),
        None => {
            let (_, definition, _, _) = draft_of(&entry).ok_or(ApiError::NOT_FOUND)?;
            let next = entry.latest.as_ref().map_or(1, |(version, _)| version + 1);
            (next, definition.clone())
        }
    };
    Ok(Json(VersionDiff {
        from: query.from,
        to,
        changes: crate::diff::diff(&old, &new),
    }))
}

/// Copies a form's draft into a new form: "Kopie von …", at the first free `…-kopie` slug.
pub(crate) async fn duplicate(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    Path(form_id): Path<String>,
) -> Result<(StatusCode, Json<FormCreated>), ApiError> {
    let entry = entry(&state, &form_id).await?;
    let (_, original, _, _) = draft_of(&entry).ok_or(ApiError::NOT_FOUND)?;
    let now_ms = state.clock.now().timestamp_millis();
    let mut copy = original.clone();
    copy.title = LocalizedText {
        de: format!("Kopie von {}", original.title.de),
        en: original.title.en.as_ref().map(|en| format!("Copy of {en}")),
        ls: None,
    };
    for attempt in 1..=20 {
        let base: String = original.slug.as_str().chars().take(70).collect();
        let candidate = if attempt == 1 {
            format!("{base}-kopie")
        } else {
            format!("{base}-kopie-{attempt}")
        };
        copy.slug = candidate.parse().map_err(|error| {
            ApiError::Internal(anyhow::anyhow!("copy slug {candidate}: {error}"))
        })?;
        match db::editor::insert_form(&state.db, &copy, &account.id, now_ms).await? {
            Ok(id) => {
                // The copy is processed where the original is.
                db::forms::set_department(&state.db, id, entry.department_key.as_deref()).await?;
                return Ok((
                    StatusCode::CREATED,
                    Json(FormCreated {
                        id,
                        revision: 1,
                        problems: problems(copy),
                        notes: Vec::new(),
                    }),
                ));
            }
            Err(WriteConflict::SlugTaken) => {}
            Err(other) => return Err(conflict(other)),
        }
    }
    Err(ApiError::Client(ErrorCode::SlugTaken))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ArchiveCommand {
    archived: bool,
}

pub(crate) async fn archive(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ClientIp(ip): ClientIp,
    Path(form_id): Path<String>,
    ApiJson(command): ApiJson<ArchiveCommand>,
) -> Result<StatusCode, ApiError> {
    let form_id: FormId = form_id.parse().map_err(|_| ApiError::NOT_FOUND)?;
    let at = command
        .archived
        .then(|| state.clock.now().timestamp_millis());
    if !db::editor::set_archived(&state.db, form_id, at).await? {
        return Err(ApiError::NOT_FOUND);
    }
    tracing::info!(form = %form_id, archived = command.archived, by = %account.id, "form archive state changed");
    let actor = audit::Actor {
        account: &account,
        ip,
    };
    let details = if command.archived {
        "archiviert"
    } else {
        "wiederhergestellt"
    };
    audit::record(
        &state,
        &actor,
        AuditAction::FormArchived,
        &form_id.to_string(),
        details,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The draft in the documented exchange format, as a file.
pub(crate) async fn export(
    State(state): State<AppState>,
    _editor: CurrentEditor,
    Path(form_id): Path<String>,
) -> Result<Response, ApiError> {
    let entry = entry(&state, &form_id).await?;
    let (_, definition, _, _) = draft_of(&entry).ok_or(ApiError::NOT_FOUND)?;
    let json =
        serde_json::to_vec_pretty(definition).map_err(|error| ApiError::Internal(error.into()))?;
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}.json\"",
        definition.slug
    ))
    .map_err(|error| ApiError::Internal(error.into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        json,
    )
        .into_response())
}

/// Imports a FIM Stammdatenschema as a new draft, with the import report.
pub(crate) async fn import_fim(
    State(state): State<AppState>,
    CurrentEditor { account }: CurrentEditor,
    ApiJson(command): ApiJson<FimImportRequest>,
) -> Result<(StatusCode, Json<FormCreated>), ApiError> {
    let FimImportRequest { schema, code_lists } = command;
    // Parsing a large schema takes a few milliseconds of CPU: off the async workers.
    let imported = tokio::task::spawn_blocking(move || {
        let lists: Vec<&str> = code_lists.iter().map(String::as_str).collect();
        crate::fim::import(&schema, &lists)
    })
    .await
    .map_err(|error| ApiError::Internal(error.into()))?
    .map_err(|error| {
        tracing::info!(%error, "FIM import refused");
        ApiError::Client(ErrorCode::ImportInvalid)
    })?;
    let now_ms = state.clock.now().timestamp_millis();
    let mut definition = imported.definition;
    let base = definition.slug.to_string();
    let mut attempt = 1;
    let id = loop {
        match db::editor::insert_form(&state.db, &definition, &account.id, now_ms).await? {
            Ok(id) => break id,
            Err(WriteConflict::SlugTaken) if attempt < 20 => {
                attempt += 1;
                definition.slug =
                    format!("{}-{attempt}", base.chars().take(70).collect::<String>())
                        .parse()
                        .map_err(|error| ApiError::Internal(anyhow::anyhow!("slug: {error}")))?;
            }
            Err(other) => return Err(conflict(other)),
        }
    };
    tracing::info!(form = %id, fim = %imported.schema_id, by = %account.id, "FIM schema imported");
    Ok((
        StatusCode::CREATED,
        Json(FormCreated {
            id,
            revision: 1,
            problems: problems(definition),
            notes: imported
                .notes
                .into_iter()
                .map(|note| ImportNote {
                    element: note.element,
                    code: note.code.as_str().to_owned(),
                    blocking: note.blocking,
                    message: note.message,
                })
                .collect(),
        }),
    ))
}
