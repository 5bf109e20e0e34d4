//! `/redaktion/formulare/:id`: the form editor. An outline of pages and fields (select, add
//! from the palette, move by buttons or drag and drop, copy, delete), a property panel for the
//! selected field, the definition check and advice as the editor types, undo/redo, saving with
//! the draft's revision (a conflict is reported, never overwritten), publishing, a live preview
//! with the citizen's own renderer in a phone- or desktop-sized frame, and the version history
//! with diffs.

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use shared::api::editor::{EditorForm, FormStatus, PublishDraft, SaveDraft, VersionDiff};
use shared::api::{ErrorCode, Form};
use shared::schema::{Check, ChoiceDisplay, Expression};
use shared::{ChoiceOption, CompiledForm, Field, FieldKind, FormId, Lang, LocalizedText, Rule};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::status_notice::status_notice;
use crate::editor_state::{
    EditorAction, EditorState, FieldRef, PALETTE, field_ref_of, key_for, key_from_label, kind_name,
};
use crate::form_flow::LoadedForm;
use crate::i18n::{EditorText, Msg, document_title, use_lang};
use crate::pages::editor_home::failure_text;
use crate::pages::form_fill::FormFlowView;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct FormEditorPageProps {
    pub id: FormId,
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Rc<EditorForm>),
    Failed(String),
}

/// Loads the form, then shows the editor.
#[component]
pub fn FormEditorPage(props: &FormEditorPageProps) -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let load = use_state(|| Load::Loading);
    {
        let (load, navigator) = (load.clone(), navigator);
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_editor_form(id, lang).await {
                    Ok(form) => load.set(Load::Ready(Rc::new(form))),
                    Err(ClientError::Api(body)) if body.code.status() == 401 => {
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::StaffLogin);
                        }
                    }
                    Err(error) => load.set(Load::Failed(failure_text(error, lang))),
                }
            });
        });
    }
    match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! {
            <>
                <h1 tabindex="-1">{ EditorText::EditorHeading.text(lang) }</h1>
                <div class="alert" role="alert">{ text.clone() }</div>
            </>
        },
        Load::Ready(form) => html! { <EditorView form={form.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct EditorViewProps {
    form: Rc<EditorForm>,
}

/// What the last server action said.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    None,
    Info(String),
    Error(String),
    /// Someone else saved in the meantime: offer to load their version.
    Conflict(String),
}

#[component]
fn EditorView(props: &EditorViewProps) -> Html {
    let lang = use_lang();
    let state = use_reducer(|| EditorState::new(&props.form));
    let status = use_state(|| props.form.status);
    // Whether there is anything to publish: saved changes since the latest version.
    let unpublished = use_state(|| props.form.unpublished_changes);
    let versions = use_state(|| props.form.versions.clone());
    let notice = use_state(|| Notice::None);
    let preview_phone = use_state(|| true);
    let diff = use_state(|| None::<VersionDiff>);
    let busy = use_state(|| false);

    let title = state.definition.title.de.clone();
    use_effect_with((title.clone(), lang), |(title, lang)| {
        browser::set_title(&document_title(
            &format!("{title} – {}", EditorText::EditorHeading.text(*lang)),
            false,
            *lang,
        ));
    });

    // The definition check and the advice, as the editor types.
    let problems = use_memo(state.definition.clone(), |definition| {
        CompiledForm::new(definition.clone())
            .err()
            .unwrap_or_default()
    });
    let advice = use_memo(state.definition.clone(), shared::lint::warnings);
    let preview_for = {
        let id = state.id;
        use_memo(state.definition.clone(), move |definition| {
            preview_form(id, definition)
        })
    };

    let reload = {
        let (state, notice, status, versions, unpublished) = (
            state.clone(),
            notice.clone(),
            status.clone(),
            versions.clone(),
            unpublished.clone(),
        );
        let id = state.id;
        Callback::from(move |_: MouseEvent| {
            let (state, notice, status, versions, unpublished) = (
                state.clone(),
                notice.clone(),
                status.clone(),
                versions.clone(),
                unpublished.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_editor_form(id, lang).await {
                    Ok(form) => {
                        status.set(form.status);
                        versions.set(form.versions.clone());
                        unpublished.set(form.unpublished_changes);
                        state.dispatch(EditorAction::Loaded(Box::new(form)));
                        notice.set(Notice::Info(EditorText::Reloaded.text(lang)));
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
            });
        })
    };
    let save = {
        let (state, notice, busy, unpublished) = (
            state.clone(),
            notice.clone(),
            busy.clone(),
            unpublished.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (state, notice, busy, unpublished) = (
                state.clone(),
                notice.clone(),
                busy.clone(),
                unpublished.clone(),
            );
            let command = SaveDraft {
                revision: state.revision,
                definition: state.definition.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_draft(state.id, &command, lang).await {
                    Ok(saved) => {
                        state.dispatch(EditorAction::Saved {
                            revision: saved.revision,
                            definition: Box::new(command.definition),
                        });
                        notice.set(Notice::Info(EditorText::Saved.text(lang)));
                        unpublished.set(true);
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::DraftConflict => {
                        notice.set(Notice::Conflict(body.message));
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
                busy.set(false);
            });
        })
    };
    let publish = {
        let (state, notice, busy, status, versions, unpublished) = (
            state.clone(),
            notice.clone(),
            busy,
            status.clone(),
            versions.clone(),
            unpublished.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            if state.unsaved() {
                notice.set(Notice::Error(EditorText::SaveFirst.text(lang)));
                return;
            }
            busy.set(true);
            let (state, notice, busy, status, versions, unpublished) = (
                state.clone(),
                notice.clone(),
                busy.clone(),
                status.clone(),
                versions.clone(),
                unpublished.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let command = PublishDraft {
                    revision: state.revision,
                };
                match api::publish_draft(state.id, &command, lang).await {
                    Ok(published) => {
                        unpublished.set(false);
                        notice.set(Notice::Info(format!(
                            "{} {}",
                            EditorText::PublishedAs.text(lang),
                            published.version
                        )));
                        if let Ok(form) = api::get_editor_form(state.id, lang).await {
                            status.set(form.status);
                            versions.set(form.versions);
                        }
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::DraftConflict => {
                        notice.set(Notice::Conflict(body.message));
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::DefinitionInvalid => {
                        notice.set(Notice::Error(format!(
                            "{} ({})",
                            body.message,
                            body.problems
                                .iter()
                                .map(|problem| format!("{}: {}", problem.path, problem.message))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )));
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
                busy.set(false);
            });
        })
    };
    let archive = {
        let (state, notice, status) = (state.clone(), notice.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let archived = *status != FormStatus::Archived;
            let (id, notice, status) = (state.id, notice.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::set_archived(id, archived, lang).await {
                    Ok(()) => {
                        if let Ok(form) = api::get_editor_form(id, lang).await {
                            status.set(form.status);
                        }
                        notice.set(Notice::Info(if archived {
                            EditorText::ArchivedNotice.text(lang)
                        } else {
                            EditorText::RestoredNotice.text(lang)
                        }));
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
            });
        })
    };
    let show_diff = {
        let (state, diff, notice) = (state.clone(), diff.clone(), notice.clone());
        Callback::from(move |(from, to): (u32, Option<u32>)| {
            let (id, diff, notice) = (state.id, diff.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_diff(id, from, to, lang).await {
                    Ok(found) => diff.set(Some(found)),
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
            });
        })
    };
    let duplicate = {
        let (id, notice) = (state.id, notice.clone());
        let navigator = use_navigator();
        Callback::from(move |_: MouseEvent| {
            let (notice, navigator) = (notice.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::duplicate_form(id, lang).await {
                    Ok(created) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::FormEditor {
                                id: created.id.to_string(),
                            });
                        }
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
            });
        })
    };
    let old_version = use_state(|| None::<(u32, shared::FormDefinition)>);
    let view_version = {
        let (id, old_version, notice) = (state.id, old_version.clone(), notice.clone());
        Callback::from(move |version: u32| {
            let (old_version, notice) = (old_version.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_form_version(id, version, lang).await {
                    Ok(definition) => {
                        old_version.set(Some((version, definition)));
                    }
                    Err(error) => notice.set(Notice::Error(failure_text(error, lang))),
                }
            });
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: EditorAction| state.dispatch(action))
    };

    let status_line = {
        let mut parts = vec![match *status {
            FormStatus::Draft => EditorText::StatusDraft.text(lang),
            FormStatus::Published => {
                EditorText::StatusPublished.text(lang)
                    + &format!(" {}", versions.last().map_or(0, |version| version.version))
            }
            FormStatus::Archived => EditorText::StatusArchived.text(lang),
        }];
        if state.unsaved() {
            parts.push(EditorText::Unsaved.text(lang));
        }
        parts.join(" · ")
    };
    let notice_html = match &*notice {
        Notice::None => Html::default(),
        Notice::Info(text) => html! { <p class="notice" role="status">{ text.clone() }</p> },
        Notice::Error(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Notice::Conflict(text) => html! {
            <div class="alert" role="alert">
                <p>{ text.clone() }</p>
                <button type="button" class="button button--secondary" onclick={reload}>
                    { EditorText::Reload.text(lang) }
                </button>
            </div>
        },
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::Undo))
    };
    let redo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::Redo))
    };

    html! {
        <div class="editor">
            <h1 tabindex="-1">{ format!("{title} – {}", EditorText::EditorHeading.text(lang)) }</h1>
            <p class="editor-status" data-testid="editor-status">{ status_line }</p>
            <div class="editor-toolbar">
                <button type="button" class="button button--secondary" onclick={undo} disabled={!state.can_undo()}>
                    { EditorText::Undo.text(lang) }
                </button>
                <button type="button" class="button button--secondary" onclick={redo} disabled={!state.can_redo()}>
                    { EditorText::Redo.text(lang) }
                </button>
                <button type="button" class="button" onclick={save} disabled={!state.unsaved()}>
                    { EditorText::Save.text(lang) }
                </button>
                <button type="button" class="button" onclick={publish}
                    disabled={!problems.is_empty() || *status == FormStatus::Archived || !(*unpublished || state.unsaved())}>
                    { EditorText::Publish.text(lang) }
                </button>
                <button type="button" class="button button--secondary" onclick={archive}>
                    { if *status == FormStatus::Archived { EditorText::Restore.text(lang) } else { EditorText::Archive.text(lang) } }
                </button>
                <button type="button" class="button button--secondary" onclick={duplicate}>
                    { EditorText::CopyForm.text(lang) }
                </button>
                <a class="editor-export" href={api::editor_export_url(state.id)} download="">{ EditorText::Export.text(lang) }</a>
                <Link<Route> to={Route::EditorHome}>{ EditorText::BackToDirectory.text(lang) }</Link<Route>>
            </div>
            { notice_html }
            <div class="editor-layout">
                <Outline state={state.clone()} {dispatch} problems={problems.clone()} />
                <Properties state={state.clone()} keys_locked={*status != FormStatus::Draft} dispatch={{
                    let state = state.clone();
                    Callback::from(move |action| state.dispatch(action))
                }} />
            </div>
            <FormSettings state={state.clone()} dispatch={{
                let state = state.clone();
                Callback::from(move |action| state.dispatch(action))
            }} />
            <DepartmentChoice id={state.id} current={props.form.department.clone()} />
            <RetentionChoice id={state.id} current={props.form.retention_days} />
            <CheckList problems={problems.clone()} advice={advice.clone()} dispatch={{
                let state = state.clone();
                Callback::from(move |action| state.dispatch(action))
            }} />
            <section class="editor-section" aria-labelledby="preview-heading">
                <h2 id="preview-heading">{ EditorText::Preview.text(lang) }</h2>
                <fieldset class="fieldset">
                    <legend class="fieldset-legend">{ EditorText::PreviewSize.text(lang) }</legend>
                    <div class="radios--inline">
                        { for [(true, EditorText::Phone), (false, EditorText::Desktop)].into_iter().map(|(phone, text)| {
                            let preview_phone = preview_phone.clone();
                            let id = if phone { "preview-phone" } else { "preview-desktop" };
                            html! {
                                <div class="checkbox">
                                    <input class="checkbox-input" type="radio" name="preview-size" id={id}
                                        checked={*preview_phone == phone}
                                        onchange={Callback::from(move |_| preview_phone.set(phone))} />
                                    <label class="checkbox-label" for={id}>{ text.text(lang) }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
                { preview(&preview_for, &state.definition.slug, *preview_phone, lang) }
            </section>
            <section class="editor-section" aria-labelledby="versions-heading">
                <h2 id="versions-heading">{ EditorText::Versions.text(lang) }</h2>
                if versions.is_empty() {
                    <p>{ EditorText::NoVersions.text(lang) }</p>
                } else {
                    <ul class="editor-versions">
                        { for versions.iter().map(|version| {
                            let when = browser::local_date_time(&version.published_at);
                            let by = version.published_by.clone().map(|by| format!(", {by}")).unwrap_or_default();
                            let number = version.version;
                            html! {
                                <li>
                                    { format!("{} {number} – {when}{by}", EditorText::Version.text(lang)) }
                                    { " " }
                                    <button type="button" class="link-button" onclick={{
                                        let view_version = view_version.clone();
                                        Callback::from(move |_: MouseEvent| view_version.emit(number))
                                    }}>
                                        { format!("{} {number} {}", EditorText::Version.text(lang), EditorText::ViewVersion.text(lang)) }
                                    </button>
                                    if number > 1 {
                                        { " " }
                                        <button type="button" class="link-button" onclick={{
                                            let show_diff = show_diff.clone();
                                            Callback::from(move |_: MouseEvent| show_diff.emit((number - 1, Some(number))))
                                        }}>
                                            { format!("{} {} → {number}", EditorText::ShowChanges.text(lang), number - 1) }
                                        </button>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    if let Some(latest) = versions.last().map(|version| version.version) {
                        <button type="button" class="button button--secondary" onclick={{
                            let show_diff = show_diff.clone();
                            Callback::from(move |_: MouseEvent| show_diff.emit((latest, None)))
                        }}>
                            { format!("{} {latest}", EditorText::DraftChanges.text(lang)) }
                        </button>
                    }
                }
                if let Some(found) = &*diff {
                    { diff_html(found, lang) }
                }
                if let Some((number, definition)) = &*old_version {
                    { version_outline(*number, definition, lang) }
                }
            </section>
        </div>
    }
}

/// The citizen's renderer on the current draft, in a phone- or desktop-sized frame.
/// The preview's form, compiled once per definition, with a key that changes with it (a changed
/// definition starts the preview afresh); `None` while the definition check finds errors.
type PreviewForm = Option<(Rc<LoadedForm>, String)>;

fn preview_form(id: FormId, definition: &shared::FormDefinition) -> PreviewForm {
    let loaded = LoadedForm::new(Form {
        id,
        version: 0,
        definition: definition.clone(),
    })?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(definition)
        .unwrap_or_default()
        .hash(&mut hasher);
    Some((Rc::new(loaded), hasher.finish().to_string()))
}

/// The citizen's renderer on the current draft, in a phone- or desktop-sized frame.
fn preview(form: &PreviewForm, slug: &shared::FormSlug, phone: bool, lang: Lang) -> Html {
    let Some((form, key)) = form else {
        return html! { <p>{ EditorText::PreviewNeedsNoErrors.text(lang) }</p> };
    };
    let class = if phone {
        "preview preview--phone"
    } else {
        "preview preview--desktop"
    };
    html! {
        <div class={class} role="region" aria-label={EditorText::Preview.text(lang)} data-testid="preview">
            <FormFlowView key={key.clone()} form={form.clone()} slug={slug.clone()} preview=true />
        </div>
    }
}

/// A published version's pages and fields, read-only.
fn version_outline(number: u32, definition: &shared::FormDefinition, lang: Lang) -> Html {
    html! {
        <div class="editor-version" data-testid="version-outline">
            <h3>{ format!("{} {number}: {}", EditorText::Version.text(lang), definition.title.de) }</h3>
            { for definition.pages.iter().enumerate().map(|(index, page)| html! {
                <>
                    <h4>{ format!("{} {}: {}", EditorText::Page.text(lang), index + 1, page.title.de) }</h4>
                    <ul>
                        { for page.fields.iter().map(|field| {
                            let required = if field.required { format!(", {}", EditorText::Required.text(lang)) } else { String::new() };
                            html! { <li>{ format!("{} ({}, {}{required})", field.label.de, kind_name(&field.kind), field.key) }</li> }
                        }) }
                    </ul>
                </>
            }) }
        </div>
    }
}

fn diff_html(diff: &VersionDiff, lang: Lang) -> Html {
    let heading = if diff.changes.is_empty() {
        EditorText::NoChanges.text(lang)
    } else {
        format!(
            "{} {} → {}",
            EditorText::ChangesBetween.text(lang),
            diff.from,
            diff.to
        )
    };
    html! {
        <div class="editor-diff" data-testid="diff">
            <h3>{ heading }</h3>
            <ul>
                { for diff.changes.iter().map(|change| {
                    let kind = match change.kind {
                        shared::api::editor::ChangeKind::Added => EditorText::Added,
                        shared::api::editor::ChangeKind::Removed => EditorText::Removed,
                        shared::api::editor::ChangeKind::Changed => EditorText::Changed,
                    };
                    html! {
                        <li>
                            <strong>{ format!("{}: {}", kind.text(lang), change.subject) }</strong>
                            if !change.details.is_empty() {
                                <ul>{ for change.details.iter().map(|detail| html! { <li>{ detail.clone() }</li> }) }</ul>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OutlineProps {
    state: UseReducerHandle<EditorState>,
    dispatch: Callback<EditorAction>,
    problems: Rc<Vec<shared::DefinitionError>>,
}

/// Pages and fields: select, add, move (buttons and drag and drop), copy, delete.
#[component]
fn Outline(props: &OutlineProps) -> Html {
    let lang = use_lang();
    let dragged = use_state(|| None::<FieldRef>);
    let definition = &props.state.definition;
    let dispatch = props.dispatch.clone();
    let on_title = {
        let (state, dispatch) = (props.state.clone(), dispatch.clone());
        Callback::from(move |event: InputEvent| {
            let value = input_value(&event);
            let mut definition = state.definition.clone();
            definition.title.de = value;
            dispatch.emit(EditorAction::UpdateDefinition(Box::new(definition)));
        })
    };
    let on_slug = {
        let (state, dispatch) = (props.state.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            let value = change_value(&event);
            if let Ok(slug) = value.trim().parse() {
                let mut definition = state.definition.clone();
                definition.slug = slug;
                dispatch.emit(EditorAction::UpdateDefinition(Box::new(definition)));
            }
        })
    };
    let pages = definition.pages.iter().enumerate().map(|(page_index, page)| {
        let fields = page.fields.iter().enumerate().map(|(index, field)| {
            let at = FieldRef::top(page_index, index);
            let selected = props.state.selected == Some(at);
            let has_problem = props
                .problems
                .iter()
                .any(|problem| field_ref_of(&problem.path) == Some(at));
            let label = if field.label.de.is_empty() {
                field.key.to_string()
            } else {
                field.label.de.clone()
            };
            let ondragstart = {
                let dragged = dragged.clone();
                Callback::from(move |_: DragEvent| dragged.set(Some(at)))
            };
            let ondrop = {
                let (dragged, dispatch) = (dragged.clone(), dispatch.clone());
                Callback::from(move |event: DragEvent| {
                    event.prevent_default();
                    if let Some(from) = *dragged {
                        dispatch.emit(EditorAction::MoveFieldTo { field: from, to: at });
                    }
                    dragged.set(None);
                })
            };
            let nested = match &field.kind {
                FieldKind::Group { fields, .. } => html! {
                    <>
                        <ol class="editor-fields editor-fields--nested" aria-label={format!("{} „{label}“", EditorText::GroupFields.text(lang))}>
                            { for fields.iter().enumerate().map(|(child, child_field)| {
                                let child_at = FieldRef { child: Some(child), ..at };
                                let child_problem = props
                                    .problems
                                    .iter()
                                    .any(|problem| field_ref_of(&problem.path) == Some(child_at));
                                field_item(&ItemView {
                                    at: child_at,
                                    field: child_field,
                                    selected: props.state.selected == Some(child_at),
                                    has_problem: child_problem,
                                    dispatch: dispatch.clone(),
                                    lang,
                                    drag: None,
                                    nested: Html::default(),
                                })
                            }) }
                        </ol>
                        <ChildPalette group={at} dispatch={dispatch.clone()} label={label} />
                    </>
                },
                _ => Html::default(),
            };
            field_item(&ItemView {
                at,
                field,
                selected,
                has_problem,
                dispatch: dispatch.clone(),
                lang,
                drag: Some((ondragstart, ondrop)),
                nested,
            })
        });
        let title_id = format!("page-title-{page_index}");
        let palette_id = format!("palette-{page_index}");
        let on_page_title = {
            let dispatch = dispatch.clone();
            Callback::from(move |event: InputEvent| {
                dispatch.emit(EditorAction::SetPageTitle(page_index, input_value(&event)));
            })
        };
        let on_add = {
            let dispatch = dispatch.clone();
            Callback::from(move |kind: &'static str| {
                dispatch.emit(EditorAction::AddField {
                    page: page_index,
                    kind,
                });
            })
        };
        let remove_page = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::RemovePage(page_index)))
        };
        html! {
            <section class="editor-page" aria-labelledby={format!("page-heading-{page_index}")}>
                <h3 id={format!("page-heading-{page_index}")}>{ format!("{} {}", EditorText::Page.text(lang), page_index + 1) }</h3>
                <div class="field">
                    <label class="field-label" for={title_id.clone()}>{ EditorText::PageTitle.text(lang) }</label>
                    <input class="input" id={title_id} value={page.title.de.clone()} oninput={on_page_title} />
                </div>
                { page_translation(&props.state, &dispatch, page_index, Lang::En, lang) }
                { page_translation(&props.state, &dispatch, page_index, Lang::EasyGerman, lang) }
                <ol class="editor-fields">{ for fields }</ol>
                <Palette
                    id={palette_id}
                    label={EditorText::NewField.text(lang)}
                    button={format!("{} ({} {})", EditorText::Add.text(lang), EditorText::Page.text(lang), page_index + 1)}
                    groups=true
                    {on_add} />
                if definition.pages.len() > 1 {
                    <div class="editor-field-actions">
                        { for [(true, EditorText::PageUp), (false, EditorText::PageDown)].into_iter().map(|(up, text)| {
                            let dispatch = dispatch.clone();
                            html! {
                                <button type="button" class="button button--small button--secondary"
                                    onclick={Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::MovePage { page: page_index, up }))}>
                                    { format!("{} {} {}", EditorText::Page.text(lang), page_index + 1, text.text(lang)) }
                                </button>
                            }
                        }) }
                    </div>
                    <button type="button" class="link-button" onclick={remove_page}>
                        { format!("{} {} {}", EditorText::Page.text(lang), page_index + 1, EditorText::Delete.text(lang).to_lowercase()) }
                    </button>
                }
            </section>
        }
    });
    let add_page = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::AddPage))
    };
    html! {
        <section class="editor-outline" aria-labelledby="outline-heading">
            <h2 id="outline-heading">{ EditorText::Outline.text(lang) }</h2>
            <div class="field">
                <label class="field-label" for="form-title">{ EditorText::FormTitle.text(lang) }</label>
                <input class="input" id="form-title" value={definition.title.de.clone()} oninput={on_title} />
            </div>
            <div class="field">
                <label class="field-label" for="form-slug">{ EditorText::FormSlug.text(lang) }</label>
                <p class="field-hint" id="form-slug-hint">{ EditorText::FormSlugHint.text(lang) }</p>
                <input class="input" id="form-slug" value={definition.slug.to_string()} aria-describedby="form-slug-hint" onchange={on_slug} />
            </div>
            { for pages }
            <button type="button" class="button button--secondary" onclick={add_page}>{ EditorText::AddPage.text(lang) }</button>
        </section>
    }
}

/// The input for a page title's English or Leichte Sprache version.
fn page_translation(
    state: &UseReducerHandle<EditorState>,
    dispatch: &Callback<EditorAction>,
    page_index: usize,
    target: Lang,
    lang: Lang,
) -> Html {
    let Some(page) = state.definition.pages.get(page_index) else {
        return Html::default();
    };
    let (id, label, value) = match target {
        Lang::En => (
            format!("page-title-en-{page_index}"),
            EditorText::PageTitleEnglish,
            page.title.en.clone(),
        ),
        _ => (
            format!("page-title-ls-{page_index}"),
            EditorText::PageTitleEasy,
            page.title.ls.clone(),
        ),
    };
    let oninput = {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        Callback::from(move |event: InputEvent| {
            let text = input_value(&event);
            let mut definition = state.definition.clone();
            if let Some(page) = definition.pages.get_mut(page_index) {
                let translation = (!text.is_empty()).then_some(text);
                match target {
                    Lang::En => page.title.en = translation,
                    _ => page.title.ls = translation,
                }
            }
            dispatch.emit(EditorAction::UpdateDefinition(Box::new(definition)));
        })
    };
    html! {
        <div class="field">
            <label class="field-label" for={id.clone()}>{ label.text(lang) }</label>
            <input class="input" id={id} value={value.unwrap_or_default()} {oninput} />
        </div>
    }
}

/// What an outline entry shows.
struct ItemView<'a> {
    at: FieldRef,
    field: &'a Field,
    selected: bool,
    has_problem: bool,
    dispatch: Callback<EditorAction>,
    lang: Lang,
    /// Drag and drop handlers (top-level fields only).
    drag: Option<(Callback<DragEvent>, Callback<DragEvent>)>,
    /// A group's own fields.
    nested: Html,
}

/// One outline entry: select, move up and down, copy, delete.
fn field_item(view: &ItemView<'_>) -> Html {
    let (at, field, lang) = (view.at, view.field, view.lang);
    let label = if field.label.de.is_empty() {
        field.key.to_string()
    } else {
        field.label.de.clone()
    };
    let button = |text: EditorText, action: EditorAction| {
        let dispatch = view.dispatch.clone();
        html! {
            <button type="button" class="button button--small button--secondary"
                aria-label={format!("„{label}“ {}", text.text(lang))}
                onclick={Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))}>
                { text.text(lang) }
            </button>
        }
    };
    let select = {
        let dispatch = view.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::Select(Some(at))))
    };
    let (draggable, ondragstart, ondrop) = match &view.drag {
        Some((start, drop)) => ("true", Some(start.clone()), Some(drop.clone())),
        None => ("false", None, None),
    };
    let ondragover = view
        .drag
        .as_ref()
        .map(|_| Callback::from(|event: DragEvent| event.prevent_default()));
    html! {
        <li class={classes!("editor-field", view.selected.then_some("editor-field--selected"))}
            {draggable} {ondragstart} {ondragover} {ondrop}>
            <button type="button" class="link-button editor-field-name" aria-pressed={view.selected.to_string()} onclick={select}>
                { label.clone() }
            </button>
            <span class="editor-field-kind">
                { format!("{} · {}", kind_name(&field.kind), field.key) }
                if view.has_problem { { format!(" · {}", EditorText::HasProblem.text(lang)) } }
            </span>
            <span class="editor-field-actions">
                { button(EditorText::MoveUp, EditorAction::MoveField { field: at, up: true }) }
                { button(EditorText::MoveDown, EditorAction::MoveField { field: at, up: false }) }
                { button(EditorText::Duplicate, EditorAction::DuplicateField(at)) }
                { button(EditorText::Delete, EditorAction::DeleteField(at)) }
            </span>
            { view.nested.clone() }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ChildPaletteProps {
    group: FieldRef,
    label: String,
    dispatch: Callback<EditorAction>,
}

/// Adds a field to a repeatable group (any kind but another group).
#[component]
fn ChildPalette(props: &ChildPaletteProps) -> Html {
    let lang = use_lang();
    let on_add = {
        let (dispatch, group) = (props.dispatch.clone(), props.group);
        Callback::from(move |kind: &'static str| {
            dispatch.emit(EditorAction::AddChild { group, kind });
        })
    };
    html! {
        <Palette
            id={format!("child-palette-{}-{}", props.group.page, props.group.index)}
            label={format!("{} („{}“)", EditorText::NewGroupField.text(lang), props.label)}
            button={format!("{} („{}“)", EditorText::Add.text(lang), props.label)}
            groups=false
            {on_add} />
    }
}

#[derive(Properties, PartialEq)]
struct PaletteProps {
    id: String,
    label: String,
    /// The add button's text (names where the field goes).
    button: String,
    /// Whether repeatable groups may be added (not inside a group).
    groups: bool,
    on_add: Callback<&'static str>,
}

/// The palette: a choice of field kind and a button to add one.
#[component]
fn Palette(props: &PaletteProps) -> Html {
    let choice = use_state(|| "text");
    let onchange = choose_from(&PALETTE, choice.clone());
    let onclick = {
        let (choice, on_add) = (choice.clone(), props.on_add.clone());
        Callback::from(move |_: MouseEvent| on_add.emit(*choice))
    };
    let groups = props.groups;
    html! {
        <div class="editor-palette">
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            <select class="select" id={props.id.clone()} {onchange}>
                { for PALETTE.iter().filter(|(kind, _)| groups || *kind != "group").map(|(kind, name)| html! {
                    <option value={*kind} selected={*choice == *kind}>{ *name }</option>
                }) }
            </select>
            <button type="button" class="button button--secondary" {onclick}>{ props.button.clone() }</button>
        </div>
    }
}

/// A `<select>`'s change handler that stores the chosen name from `table` (`(name, label)`).
fn choose_from(
    table: &'static [(&'static str, &'static str)],
    chosen: UseStateHandle<&'static str>,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let value = change_value(&event);
        if let Some((name, _)) = table.iter().find(|(name, _)| *name == value) {
            chosen.set(name);
        }
    })
}

fn input_value(event: &InputEvent) -> String {
    browser::event_value(event)
}

fn change_value(event: &Event) -> String {
    browser::event_value(event)
}

fn checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

#[derive(Properties, PartialEq)]
struct PropertiesProps {
    state: UseReducerHandle<EditorState>,
    dispatch: Callback<EditorAction>,
    /// Once a form is published, keys change only when the editor edits them: a key names the
    /// answers in every version and export.
    keys_locked: bool,
}

/// The selected field's properties.
#[component]
fn Properties(props: &PropertiesProps) -> Html {
    let lang = use_lang();
    let state = &props.state;
    let Some((at, field)) = state
        .selected
        .and_then(|at| state.field(at).map(|field| (at, field.clone())))
    else {
        return html! {
            <section class="editor-properties" aria-labelledby="properties-heading">
                <h2 id="properties-heading">{ EditorText::Properties.text(lang) }</h2>
                <p>{ EditorText::SelectAField.text(lang) }</p>
            </section>
        };
    };
    // Every property edit replaces the field as a whole.
    let update = {
        let dispatch = props.dispatch.clone();
        let field = field.clone();
        move |change: Edit| {
            let (dispatch, field) = (dispatch.clone(), field.clone());
            Callback::from(move |value: String| {
                let mut edited = field.clone();
                change(&mut edited, value);
                dispatch.emit(EditorAction::UpdateField(at, Box::new(edited)));
            })
        }
    };
    let keys_locked = props.keys_locked;
    let on_label = update(Box::new({
        let definition = state.definition.clone();
        move |field: &mut Field, value: String| {
            // A key that still follows the label keeps following it (until publication).
            let follows = !keys_locked
                && (field.key.as_str().starts_with("feld")
                    || field.key.as_str() == key_from_label(&field.label.de));
            field.label.de = value;
            if follows {
                field.key = key_for(&definition, at, &field.label.de);
            }
        }
    }));
    let on_label_en = update(Box::new(|field: &mut Field, value: String| {
        field.label.en = (!value.is_empty()).then_some(value);
    }));
    let on_label_ls = update(Box::new(|field: &mut Field, value: String| {
        field.label.ls = (!value.is_empty()).then_some(value);
    }));
    let on_key = update(Box::new(|field: &mut Field, value: String| {
        if let Ok(key) = value.trim().parse() {
            field.key = key;
        }
    }));
    let on_hint = update(Box::new(|field: &mut Field, value: String| {
        field.hint = (!value.is_empty()).then(|| {
            let mut hint = field.hint.clone().unwrap_or_default();
            hint.de = value;
            hint
        });
    }));
    let on_hint_en = update(Box::new(|field: &mut Field, value: String| {
        let mut hint = field.hint.clone().unwrap_or_default();
        hint.en = (!value.is_empty()).then_some(value);
        field.hint = Some(hint);
    }));
    let on_hint_ls = update(Box::new(|field: &mut Field, value: String| {
        let mut hint = field.hint.clone().unwrap_or_default();
        hint.ls = (!value.is_empty()).then_some(value);
        field.hint = Some(hint);
    }));
    let on_required = update(Box::new(|field: &mut Field, value: String| {
        field.required = value == "true";
    }));
    let on_visible_if = update(Box::new(|field: &mut Field, value: String| {
        field.visible_if = (!value.trim().is_empty()).then_some(Expression(value));
    }));
    let on_required_if = update(Box::new(|field: &mut Field, value: String| {
        field.required_if = (!value.trim().is_empty()).then_some(Expression(value));
    }));
    let text_input = |id: &str, label: EditorText, value: String, callback: Callback<String>| {
        let oninput = Callback::from(move |event: InputEvent| callback.emit(input_value(&event)));
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                <input class="input" id={id.to_owned()} {value} {oninput} />
            </div>
        }
    };
    let kind_specific = kind_properties(&field, &update, lang);
    let on_required_change = {
        let on_required = on_required;
        Callback::from(move |event: Event| on_required.emit(checked(&event).to_string()))
    };
    html! {
        <section class="editor-properties" aria-labelledby="properties-heading">
            <h2 id="properties-heading">{ format!("{}: {}", EditorText::Properties.text(lang), field.label.de) }</h2>
            <p class="field-hint">{ kind_name(&field.kind) }</p>
            { text_input("prop-label", EditorText::Label, field.label.de.clone(), on_label) }
            { text_input("prop-label-en", EditorText::LabelEnglish, field.label.en.clone().unwrap_or_default(), on_label_en) }
            { text_input("prop-label-ls", EditorText::LabelEasy, field.label.ls.clone().unwrap_or_default(), on_label_ls) }
            { text_input("prop-key", EditorText::Key, field.key.to_string(), on_key) }
            if field.kind.takes_input() {
                { text_input("prop-hint", EditorText::Hint, field.hint.as_ref().map(|hint| hint.de.clone()).unwrap_or_default(), on_hint) }
                { text_input("prop-hint-en", EditorText::HintEnglish, field.hint.as_ref().and_then(|hint| hint.en.clone()).unwrap_or_default(), on_hint_en) }
                { text_input("prop-hint-ls", EditorText::HintEasy, field.hint.as_ref().and_then(|hint| hint.ls.clone()).unwrap_or_default(), on_hint_ls) }
                <div class="checkbox">
                    <input class="checkbox-input" type="checkbox" id="prop-required" checked={field.required} onchange={on_required_change} />
                    <label class="checkbox-label" for="prop-required">{ EditorText::Required.text(lang) }</label>
                </div>
                { text_input("prop-required-if", EditorText::RequiredIf, field.required_if.as_ref().map(|expression| expression.0.clone()).unwrap_or_default(), on_required_if) }
            }
            { text_input("prop-visible-if", EditorText::VisibleIf, field.visible_if.as_ref().map(|expression| expression.0.clone()).unwrap_or_default(), on_visible_if) }
            { kind_specific }
            if field.kind.takes_input() && !matches!(field.kind, FieldKind::Group { .. }) {
                <RulesEditor field={field.clone()} on_change={{
                    let dispatch = props.dispatch.clone();
                    Callback::from(move |edited: Field| dispatch.emit(EditorAction::UpdateField(at, Box::new(edited))))
                }} />
            }
        </section>
    }
}

/// A change of a field from the value of one input.
type Edit = Box<dyn Fn(&mut Field, String)>;
type Update<'a> = dyn Fn(Edit) -> Callback<String> + 'a;

/// Inputs for what only some kinds have: options, lengths, files, groups, calculations, text.
fn kind_properties(field: &Field, update: &Update<'_>, lang: Lang) -> Html {
    let textarea = |id: &str,
                    label: EditorText,
                    hint: Option<EditorText>,
                    value: String,
                    callback: Callback<String>| {
        let oninput = Callback::from(move |event: InputEvent| callback.emit(input_value(&event)));
        let hint_id = format!("{id}-hint");
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                if let Some(hint) = hint {
                    <p class="field-hint" id={hint_id.clone()}>{ hint.text(lang) }</p>
                }
                <textarea class="textarea" id={id.to_owned()} rows="6" {value} {oninput}
                    aria-describedby={hint.map(|_| hint_id)} />
            </div>
        }
    };
    let number_input = |id: &str, label: EditorText, value: String, callback: Callback<String>| {
        let oninput = Callback::from(move |event: InputEvent| callback.emit(input_value(&event)));
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                <input class="input input--short" id={id.to_owned()} inputmode="numeric" {value} {oninput} />
            </div>
        }
    };
    match &field.kind {
        FieldKind::Choice { options, .. } | FieldKind::MultipleChoice { options, .. } => {
            let lines = options
                .iter()
                .map(|option| {
                    if option.value == key_from_label(&option.label.de) {
                        option.label.de.clone()
                    } else {
                        format!("{} = {}", option.value, option.label.de)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let on_options = update(Box::new(|field: &mut Field, value: String| {
                let mut parsed = parse_options(&value);
                match &mut field.kind {
                    FieldKind::Choice { options, display } => {
                        keep_translations(&mut parsed, options);
                        *options = parsed;
                        if options.len() > shared::lint::MAX_RADIO_OPTIONS {
                            *display = ChoiceDisplay::Select;
                        }
                    }
                    FieldKind::MultipleChoice { options, .. } => {
                        keep_translations(&mut parsed, options);
                        *options = parsed;
                    }
                    _ => {}
                }
            }));
            let translated = |lang: Lang| {
                options
                    .iter()
                    .map(|option| match lang {
                        Lang::En => option.label.en.clone().unwrap_or_default(),
                        _ => option.label.ls.clone().unwrap_or_default(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let on_english = update(Box::new(|field: &mut Field, value: String| {
                set_translations(&mut field.kind, &value, Lang::En);
            }));
            let on_easy = update(Box::new(|field: &mut Field, value: String| {
                set_translations(&mut field.kind, &value, Lang::EasyGerman);
            }));
            html! {
                <>
                    { textarea("prop-options", EditorText::Options, Some(EditorText::OptionsHint), lines, on_options) }
                    { textarea("prop-options-en", EditorText::OptionsEnglish, Some(EditorText::OptionsTranslationHint), translated(Lang::En), on_english) }
                    { textarea("prop-options-ls", EditorText::OptionsEasy, Some(EditorText::OptionsTranslationHint), translated(Lang::EasyGerman), on_easy) }
                </>
            }
        }
        FieldKind::Text | FieldKind::TextArea => {
            let max = field.rules.iter().find_map(|rule| match rule.check {
                Check::MaxLength { max } => Some(max.to_string()),
                _ => None,
            });
            let on_max = update(Box::new(|field: &mut Field, value: String| {
                field
                    .rules
                    .retain(|rule| !matches!(rule.check, Check::MaxLength { .. }));
                if let Ok(max) = value.trim().parse::<usize>() {
                    field.rules.push(Rule::new(Check::MaxLength { max }));
                }
            }));
            number_input(
                "prop-max-length",
                EditorText::MaxLength,
                max.unwrap_or_default(),
                on_max,
            )
        }
        FieldKind::File {
            accept,
            max_size_bytes,
            max_count,
        } => {
            let on_accept = update(Box::new(|field: &mut Field, value: String| {
                if let FieldKind::File { accept, .. } = &mut field.kind {
                    *accept = value
                        .split(',')
                        .map(|item| item.trim().to_owned())
                        .filter(|item| !item.is_empty())
                        .collect();
                }
            }));
            let on_size = update(Box::new(|field: &mut Field, value: String| {
                if let (FieldKind::File { max_size_bytes, .. }, Ok(megabytes)) =
                    (&mut field.kind, value.trim().parse::<u64>())
                {
                    *max_size_bytes = megabytes * 1_000_000;
                }
            }));
            let on_count = update(Box::new(|field: &mut Field, value: String| {
                if let (FieldKind::File { max_count, .. }, Ok(count)) =
                    (&mut field.kind, value.trim().parse::<usize>())
                {
                    *max_count = count;
                }
            }));
            html! {
                <>
                    { textarea("prop-accept", EditorText::FileTypes, Some(EditorText::FileTypesHint), accept.join(", "), on_accept) }
                    { number_input("prop-max-size", EditorText::MaxSizeMb, (max_size_bytes / 1_000_000).to_string(), on_size) }
                    { number_input("prop-max-count", EditorText::MaxCount, max_count.to_string(), on_count) }
                </>
            }
        }
        FieldKind::Computed { expression, .. } => {
            let on_expression = update(Box::new(|field: &mut Field, value: String| {
                if let FieldKind::Computed { expression, .. } = &mut field.kind {
                    expression.0 = value;
                }
            }));
            textarea(
                "prop-expression",
                EditorText::Expression,
                None,
                expression.0.clone(),
                on_expression,
            )
        }
        FieldKind::Content { text, .. } => {
            let on_text = update(Box::new(|field: &mut Field, value: String| {
                if let FieldKind::Content { text, .. } = &mut field.kind {
                    text.de = value;
                }
            }));
            let on_english = update(Box::new(|field: &mut Field, value: String| {
                if let FieldKind::Content { text, .. } = &mut field.kind {
                    text.en = (!value.is_empty()).then_some(value);
                }
            }));
            let on_easy = update(Box::new(|field: &mut Field, value: String| {
                if let FieldKind::Content { text, .. } = &mut field.kind {
                    text.ls = (!value.is_empty()).then_some(value);
                }
            }));
            html! {
                <>
                    { textarea("prop-text", EditorText::ContentText, None, text.de.clone(), on_text) }
                    { textarea("prop-text-en", EditorText::ContentTextEnglish, None, text.en.clone().unwrap_or_default(), on_english) }
                    { textarea("prop-text-ls", EditorText::ContentTextEasy, None, text.ls.clone().unwrap_or_default(), on_easy) }
                </>
            }
        }
        FieldKind::Group {
            fields,
            min_items,
            max_items,
        } => {
            let on_min = update(Box::new(|field: &mut Field, value: String| {
                if let (FieldKind::Group { min_items, .. }, Ok(count)) =
                    (&mut field.kind, value.trim().parse())
                {
                    *min_items = count;
                }
            }));
            let on_max = update(Box::new(|field: &mut Field, value: String| {
                if let (FieldKind::Group { max_items, .. }, Ok(count)) =
                    (&mut field.kind, value.trim().parse())
                {
                    *max_items = count;
                }
            }));
            html! {
                <>
                    { number_input("prop-min-items", EditorText::MinItems, min_items.to_string(), on_min) }
                    { number_input("prop-max-items", EditorText::MaxItems, max_items.to_string(), on_max) }
                    <p>{ format!("{}: {}", EditorText::GroupFields.text(lang), fields.iter().map(|child| child.label.de.clone()).collect::<Vec<_>>().join(", ")) }</p>
                </>
            }
        }
        _ => Html::default(),
    }
}

/// Keeps the English and Leichte Sprache labels of options whose value stays.
fn keep_translations(parsed: &mut [ChoiceOption], old: &[ChoiceOption]) {
    for option in parsed {
        if let Some(before) = old.iter().find(|before| before.value == option.value) {
            option.label.en.clone_from(&before.label.en);
            option.label.ls.clone_from(&before.label.ls);
        }
    }
}

/// Sets the options' labels in `lang` from `text`, one per line in the options' order (an empty
/// line: no translation, German is shown).
pub(crate) fn set_translations(kind: &mut FieldKind, text: &str, lang: Lang) {
    let (FieldKind::Choice { options, .. } | FieldKind::MultipleChoice { options, .. }) = kind
    else {
        return;
    };
    let mut lines = text.lines();
    for option in options.iter_mut() {
        let line = lines.next().map(str::trim).filter(|line| !line.is_empty());
        let translation = line.map(str::to_owned);
        match lang {
            Lang::En => option.label.en = translation,
            Lang::De | Lang::EasyGerman => option.label.ls = translation,
        }
    }
}

/// One option per line: `Label`, or `value = Label` to set the stored value.
pub(crate) fn parse_options(text: &str) -> Vec<ChoiceOption> {
    let mut options: Vec<ChoiceOption> = Vec::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let (value, label) = match line.split_once(" = ") {
            Some((value, label)) => (value.trim().to_owned(), label.trim().to_owned()),
            None => (key_from_label(line), line.to_owned()),
        };
        let mut unique = value.clone();
        let mut number = 2;
        while options.iter().any(|option| option.value == unique) {
            unique = format!("{value}_{number}");
            number += 1;
        }
        options.push(ChoiceOption {
            value: unique,
            label: LocalizedText::de(label),
        });
    }
    options
}

/// The kinds of rules an editor can add, with their German names; `date_not_in_future` takes no
/// value, the date rules an absolute date (`YYYY-MM-DD`).
const RULE_KINDS: [(&str, &str); 8] = [
    ("max_length", "Höchstlänge (Zeichen)"),
    ("min_length", "Mindestlänge (Zeichen)"),
    ("pattern", "Muster (regulärer Ausdruck)"),
    ("min_value", "Mindestwert"),
    ("max_value", "Höchstwert"),
    ("date_not_in_future", "Datum nicht in der Zukunft"),
    ("min_date", "Frühestes Datum (JJJJ-MM-TT)"),
    ("max_date", "Spätestes Datum (JJJJ-MM-TT)"),
];

/// A rule from the editor's inputs; `None` when the value does not fit the kind.
pub(crate) fn rule_from(kind: &str, value: &str, message: &str) -> Option<Rule> {
    let value = value.trim();
    let check = match kind {
        "max_length" => Check::MaxLength {
            max: value.parse().ok()?,
        },
        "min_length" => Check::MinLength {
            min: value.parse().ok()?,
        },
        "pattern" if !value.is_empty() => Check::Pattern {
            pattern: value.to_owned(),
        },
        "min_value" => Check::MinValue {
            min: shared::logic::Decimal::parse(&value.replace(',', "."))?,
        },
        "max_value" => Check::MaxValue {
            max: shared::logic::Decimal::parse(&value.replace(',', "."))?,
        },
        "date_not_in_future" => Check::DateNotInFuture,
        "min_date" => Check::MinDate {
            date: shared::schema::DateBound::Absolute(value.parse().ok()?),
        },
        "max_date" => Check::MaxDate {
            date: shared::schema::DateBound::Absolute(value.parse().ok()?),
        },
        _ => return None,
    };
    Some(Rule {
        check,
        message: (!message.trim().is_empty()).then(|| LocalizedText::de(message.trim())),
    })
}

/// A rule as editors read it: "Höchstlänge (Zeichen): 50".
fn rule_text(rule: &Rule) -> String {
    let serialized = serde_json::to_value(&rule.check).unwrap_or_default();
    let name = serialized["rule"].as_str().unwrap_or_default();
    let label = RULE_KINDS
        .iter()
        .find(|(kind, _)| *kind == name)
        .map_or(name, |(_, label)| label);
    let value = ["max", "min", "pattern", "date", "field"]
        .iter()
        .find_map(|key| serialized.get(*key))
        .map(|value| {
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned)
        });
    match value {
        Some(value) => format!("{label}: {value}"),
        None => label.to_owned(),
    }
}

#[derive(Properties, PartialEq)]
struct RulesEditorProps {
    field: Field,
    on_change: Callback<Field>,
}

/// A field's rules: each with its own message, removable; new ones from a kind and a value.
#[component]
fn RulesEditor(props: &RulesEditorProps) -> Html {
    let lang = use_lang();
    let kind = use_state(|| RULE_KINDS[0].0);
    let value = use_state(String::new);
    let message = use_state(String::new);
    let invalid = use_state(|| false);
    let rules = props.field.rules.iter().enumerate().map(|(index, rule)| {
        let text = rule_text(rule);
        let remove = {
            let (field, on_change) = (props.field.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut edited = field.clone();
                edited.rules.remove(index);
                on_change.emit(edited);
            })
        };
        let on_message = {
            let (field, on_change) = (props.field.clone(), props.on_change.clone());
            Callback::from(move |event: InputEvent| {
                let text = input_value(&event);
                let mut edited = field.clone();
                if let Some(rule) = edited.rules.get_mut(index) {
                    rule.message = (!text.trim().is_empty()).then(|| LocalizedText::de(text));
                }
                on_change.emit(edited);
            })
        };
        let id = format!("rule-message-{index}");
        html! {
            <li class="editor-rule">
                <strong>{ text.clone() }</strong>
                <div class="field">
                    <label class="field-label" for={id.clone()}>{ format!("{} ({text})", EditorText::RuleMessage.text(lang)) }</label>
                    <input class="input" id={id} value={rule.message.as_ref().map(|message| message.de.clone()).unwrap_or_default()} oninput={on_message} />
                </div>
                <button type="button" class="button button--small button--secondary" onclick={remove}
                    aria-label={format!("{}: {text}", EditorText::RemoveRule.text(lang))}>
                    { EditorText::RemoveRule.text(lang) }
                </button>
            </li>
        }
    });
    let add = {
        let (field, on_change) = (props.field.clone(), props.on_change.clone());
        let (kind, value, message, invalid) = (
            kind.clone(),
            value.clone(),
            message.clone(),
            invalid.clone(),
        );
        Callback::from(
            move |_: MouseEvent| match rule_from(*kind, &value, &message) {
                Some(rule) => {
                    let mut edited = field.clone();
                    edited.rules.push(rule);
                    on_change.emit(edited);
                    value.set(String::new());
                    message.set(String::new());
                    invalid.set(false);
                }
                None => invalid.set(true),
            },
        )
    };
    let on_kind = choose_from(&RULE_KINDS, kind.clone());
    let on_value = {
        let value = value.clone();
        Callback::from(move |event: InputEvent| value.set(input_value(&event)))
    };
    let on_new_message = {
        let message = message.clone();
        Callback::from(move |event: InputEvent| message.set(input_value(&event)))
    };
    html! {
        <fieldset class="fieldset editor-rules">
            <legend class="fieldset-legend">{ EditorText::Rules.text(lang) }</legend>
            if props.field.rules.is_empty() {
                <p>{ EditorText::NoRules.text(lang) }</p>
            } else {
                <ul class="editor-rule-list">{ for rules }</ul>
            }
            <div class="field">
                <label class="field-label" for="new-rule-kind">{ EditorText::RuleKind.text(lang) }</label>
                <select class="select" id="new-rule-kind" onchange={on_kind}>
                    { for RULE_KINDS.iter().map(|(name, label)| html! {
                        <option value={*name} selected={*kind == *name}>{ *label }</option>
                    }) }
                </select>
            </div>
            if *kind != "date_not_in_future" {
                <div class={classes!("field", invalid.then_some("field--error"))}>
                    <label class="field-label" for="new-rule-value">{ EditorText::RuleValue.text(lang) }</label>
                    if *invalid {
                        <p class="field-error" id="new-rule-value-error">{ EditorText::RuleValueInvalid.text(lang) }</p>
                    }
                    <input class="input" id="new-rule-value" value={(*value).clone()} oninput={on_value}
                        aria-invalid={invalid.to_string()}
                        aria-describedby={invalid.then_some("new-rule-value-error")} />
                </div>
            }
            <div class="field">
                <label class="field-label" for="new-rule-message">{ EditorText::RuleMessage.text(lang) }</label>
                <input class="input" id="new-rule-message" value={(*message).clone()} oninput={on_new_message} />
            </div>
            <button type="button" class="button button--secondary" onclick={add}>{ EditorText::AddRule.text(lang) }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FormSettingsProps {
    state: UseReducerHandle<EditorState>,
    dispatch: Callback<EditorAction>,
}

/// What applies to the whole form: description, privacy notice, fee, confirmation e-mail, one
/// question per page.
#[component]
fn FormSettings(props: &FormSettingsProps) -> Html {
    let lang = use_lang();
    let definition = &props.state.definition;
    let change = |edit: fn(&mut shared::FormDefinition, String)| {
        let (state, dispatch) = (props.state.clone(), props.dispatch.clone());
        Callback::from(move |value: String| {
            let mut changed = state.definition.clone();
            edit(&mut changed, value);
            dispatch.emit(EditorAction::UpdateDefinition(Box::new(changed)));
        })
    };
    let on_description = change(|definition, value| {
        definition.description = (!value.trim().is_empty()).then(|| LocalizedText {
            de: value,
            ..definition.description.clone().unwrap_or_default()
        });
    });
    let on_privacy = change(|definition, value| {
        definition.privacy_notice = (!value.trim().is_empty()).then(|| LocalizedText {
            de: value,
            ..definition.privacy_notice.clone().unwrap_or_default()
        });
    });
    let on_email = change(|definition, value| {
        definition.confirmation_email_field = value.parse().ok();
    });
    let on_fee_field = change(|definition, value| {
        definition.payment = match value.parse() {
            Ok(amount_field) => Some(shared::schema::Payment {
                amount_field,
                purpose: definition.payment.as_ref().map_or_else(
                    || definition.title.clone(),
                    |payment| payment.purpose.clone(),
                ),
            }),
            Err(_) => None,
        };
    });
    let on_fee_purpose = change(|definition, value| {
        if let Some(payment) = &mut definition.payment {
            payment.purpose.de = value;
        }
    });
    let on_one_question = change(|definition, value| {
        definition.one_question_per_page = value == "true";
    });
    let email_fields: Vec<&Field> = definition
        .fields()
        .filter(|field| matches!(field.kind, FieldKind::Email))
        .collect();
    let money_fields: Vec<&Field> = definition
        .fields()
        .filter(|field| {
            matches!(
                field.kind,
                FieldKind::Money
                    | FieldKind::Computed {
                        display: shared::schema::ComputedDisplay::Money,
                        ..
                    }
            )
        })
        .collect();
    let select = |id: &str,
                  label: EditorText,
                  fields: &[&Field],
                  chosen: Option<&str>,
                  callback: Callback<String>| {
        let onchange = Callback::from(move |event: Event| callback.emit(change_value(&event)));
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                <select class="select" id={id.to_owned()} {onchange}>
                    <option value="" selected={chosen.is_none()}>{ EditorText::Nothing.text(lang) }</option>
                    { for fields.iter().map(|field| html! {
                        <option value={field.key.to_string()} selected={chosen == Some(field.key.as_str())}>
                            { format!("{} ({})", field.label.de, field.key) }
                        </option>
                    }) }
                </select>
            </div>
        }
    };
    let textarea = |id: &str, label: EditorText, value: String, callback: Callback<String>| {
        let oninput = Callback::from(move |event: InputEvent| callback.emit(input_value(&event)));
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                <textarea class="textarea" id={id.to_owned()} rows="4" {value} {oninput} />
            </div>
        }
    };
    let one_question = {
        let callback = on_one_question;
        Callback::from(move |event: Event| callback.emit(checked(&event).to_string()))
    };
    html! {
        <section class="editor-section" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{ EditorText::Settings.text(lang) }</h2>
            { textarea("form-description", EditorText::Description, definition.description.as_ref().map(|text| text.de.clone()).unwrap_or_default(), on_description) }
            { textarea("form-privacy", EditorText::PrivacyNotice, definition.privacy_notice.as_ref().map(|text| text.de.clone()).unwrap_or_default(), on_privacy) }
            { select("form-email", EditorText::ConfirmationEmail, &email_fields, definition.confirmation_email_field.as_ref().map(|key| key.as_str()), on_email) }
            { select("form-fee", EditorText::FeeField, &money_fields, definition.payment.as_ref().map(|payment| payment.amount_field.as_str()), on_fee_field) }
            if let Some(payment) = &definition.payment {
                <div class="field">
                    <label class="field-label" for="form-fee-purpose">{ EditorText::FeePurpose.text(lang) }</label>
                    <input class="input" id="form-fee-purpose" value={payment.purpose.de.clone()}
                        oninput={Callback::from(move |event: InputEvent| on_fee_purpose.emit(input_value(&event)))} />
                </div>
            }
            <div class="checkbox">
                <input class="checkbox-input" type="checkbox" id="form-one-question" checked={definition.one_question_per_page} onchange={one_question} />
                <label class="checkbox-label" for="form-one-question">{ EditorText::OneQuestionPerPage.text(lang) }</label>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DepartmentChoiceProps {
    id: FormId,
    current: Option<String>,
}

/// Which department's case workers see the submissions; saved at once (it is not part of the
/// definition, so not of drafts and versions).
#[component]
fn DepartmentChoice(props: &DepartmentChoiceProps) -> Html {
    let lang = use_lang();
    let options = use_state(Vec::new);
    let chosen = use_state(|| props.current.clone());
    let notice = use_state(|| None::<Result<String, String>>);
    {
        let options = options.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = api::list_departments(lang).await {
                    options.set(found);
                }
            });
        });
    }
    let onchange = {
        let (id, chosen, notice) = (props.id, chosen.clone(), notice.clone());
        Callback::from(move |event: Event| {
            let value = change_value(&event);
            let department = (!value.is_empty()).then_some(value);
            let (chosen, notice) = (chosen.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::set_department(id, department.clone(), lang).await {
                    Ok(()) => {
                        chosen.set(department);
                        notice.set(Some(Ok(EditorText::DepartmentSaved.text(lang))));
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let current = (*chosen).clone().unwrap_or_default();
    html! {
        <div class="editor-section">
            <div class="field">
                <label class="field-label" for="form-department">{ EditorText::Department.text(lang) }</label>
                <select class="select" id="form-department" {onchange}>
                    <option value="" selected={current.is_empty()}>{ EditorText::NoDepartment.text(lang) }</option>
                    { for options.iter().map(|option| html! {
                        <option value={option.key.clone()} selected={option.key == current}>{ option.name.clone() }</option>
                    }) }
                </select>
            </div>
            { status_notice(&notice) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RetentionChoiceProps {
    id: FormId,
    current: Option<u32>,
}

/// How long finished submissions are kept (DSGVO Art. 5 (1) e); saved with its own button.
#[component]
fn RetentionChoice(props: &RetentionChoiceProps) -> Html {
    let lang = use_lang();
    let days = use_state(|| {
        props
            .current
            .map(|days| days.to_string())
            .unwrap_or_default()
    });
    let notice = use_state(|| None::<Result<String, String>>);
    let oninput = {
        let days = days.clone();
        Callback::from(move |event: InputEvent| days.set(input_value(&event)))
    };
    let onclick = {
        let (id, days, notice) = (props.id, days.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let text = days.trim().to_owned();
            let notice = notice.clone();
            let parsed = if text.is_empty() {
                Ok(None)
            } else {
                text.parse::<u32>().map(Some)
            };
            wasm_bindgen_futures::spawn_local(async move {
                let result = match parsed {
                    Ok(days) => api::set_retention(id, days, lang)
                        .await
                        .map_err(|error| failure_text(error, lang)),
                    Err(_) => Err(ErrorCode::InvalidRetention.message(lang).to_owned()),
                };
                notice.set(Some(result.map(|()| EditorText::RetentionSaved.text(lang))));
            });
        })
    };
    html! {
        <div class="editor-section">
            <div class="field">
                <label class="field-label" for="form-retention">{ EditorText::Retention.text(lang) }</label>
                <div class="field-hint" id="form-retention-hint">{ EditorText::RetentionHint.text(lang) }</div>
                <input class="input input--width-5" id="form-retention" inputmode="numeric" aria-describedby="form-retention-hint"
                    value={(*days).clone()} {oninput} />
            </div>
            <button type="button" class="button button--secondary" {onclick}>{ EditorText::SaveRetention.text(lang) }</button>
            { status_notice(&notice) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CheckListProps {
    problems: Rc<Vec<shared::DefinitionError>>,
    advice: Rc<Vec<shared::lint::Warning>>,
    dispatch: Callback<EditorAction>,
}

/// The definition check (errors block publishing) and advice, each pointing at its field.
#[component]
fn CheckList(props: &CheckListProps) -> Html {
    let lang = use_lang();
    let item = |path: &str, text: String| {
        let target = field_ref_of(path);
        let dispatch = props.dispatch.clone();
        html! {
            <li>
                if let Some(at) = target {
                    <button type="button" class="link-button" onclick={Callback::from(move |_: MouseEvent| dispatch.emit(EditorAction::Select(Some(at))))}>
                        { format!("{path}: {text}") }
                    </button>
                } else {
                    { format!("{path}: {text}") }
                }
            </li>
        }
    };
    html! {
        <section class="editor-section" aria-labelledby="check-heading">
            <h2 id="check-heading">{ EditorText::Check.text(lang) }</h2>
            if props.problems.is_empty() {
                <p data-testid="check-ok">{ EditorText::NoProblems.text(lang) }</p>
            } else {
                <h3>{ format!("{} ({})", EditorText::Errors.text(lang), props.problems.len()) }</h3>
                <ul class="editor-problems">{ for props.problems.iter().map(|problem| item(&problem.path, problem.problem.clone())) }</ul>
            }
            if !props.advice.is_empty() {
                <h3>{ format!("{} ({})", EditorText::Advice.text(lang), props.advice.len()) }</h3>
                <ul class="editor-advice">{ for props.advice.iter().map(|warning| item(&warning.path, warning.code.message().to_owned())) }</ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_come_from_a_kind_a_value_and_a_message() {
        let rule = rule_from("max_length", " 50 ", "Höchstens 50 Zeichen").expect("a rule");
        assert_eq!(rule.check, Check::MaxLength { max: 50 });
        assert_eq!(
            rule.message.map(|message| message.de),
            Some("Höchstens 50 Zeichen".into())
        );
        assert!(rule_from("max_length", "viel", "").is_none());
        assert!(rule_from("min_value", "12,50", "").is_some());
        assert!(rule_from("min_date", "2026-13-01", "").is_none());
        assert_eq!(
            rule_from("date_not_in_future", "", "").map(|rule| rule.check),
            Some(Check::DateNotInFuture)
        );
        assert_eq!(
            rule_text(&rule_from("max_length", "50", "").expect("a rule")),
            "Höchstlänge (Zeichen): 50"
        );
    }

    #[test]
    fn translations_follow_the_options_and_survive_german_edits() {
        let mut kind = FieldKind::Choice {
            options: parse_options("Schlüssel\nTasche"),
            display: ChoiceDisplay::Radio,
        };
        set_translations(&mut kind, "Keys\nBag", Lang::En);
        set_translations(&mut kind, "\nTasche (zum Tragen)", Lang::EasyGerman);
        let FieldKind::Choice { options, .. } = &mut kind else {
            panic!("a choice");
        };
        assert_eq!(options[0].label.en.as_deref(), Some("Keys"));
        assert_eq!(options[0].label.ls, None);
        assert_eq!(options[1].label.ls.as_deref(), Some("Tasche (zum Tragen)"));
        // Adding an option in German keeps the others' translations.
        let mut edited = parse_options("Schlüssel\nHandy\nTasche");
        keep_translations(&mut edited, options);
        let english: Vec<Option<&str>> = edited
            .iter()
            .map(|option| option.label.en.as_deref())
            .collect();
        assert_eq!(english, [Some("Keys"), None, Some("Bag")]);
    }

    #[test]
    fn options_are_pasted_one_per_line() {
        let options = parse_options("Schlüssel\n\n  Tasche \nhandy = Mobiltelefon\nTasche");
        let pairs: Vec<(&str, &str)> = options
            .iter()
            .map(|option| (option.value.as_str(), option.label.de.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("schluessel", "Schlüssel"),
                ("tasche", "Tasche"),
                ("handy", "Mobiltelefon"),
                ("tasche_2", "Tasche"),
            ]
        );
    }
}
