//! `/redaktion`: the forms directory for editors: every form with its status, linked services,
//! last change and submissions; create a form, import a JSON export or a FIM schema.
//! Without a session it sends the visitor to the sign-in page.

use shared::api::editor::{EditorFormSummary, FimImportRequest, FormCreated, FormStatus, NewForm};
use shared::{FormDefinition, Lang, LocalizedText};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::i18n::{EditorText, Msg, document_title, use_lang};
use crate::route::Route;

#[derive(Debug, Clone, PartialEq)]
enum Directory {
    Loading,
    Ready(Vec<EditorFormSummary>),
    Failed(String),
}

/// A message for a failed request.
pub(crate) fn failure_text(error: ClientError, lang: Lang) -> String {
    match error {
        ClientError::Api(body) => body.message,
        ClientError::Network(_) => Msg::NetworkError.text(lang),
        ClientError::Decode(_) => shared::api::ErrorCode::Internal.message(lang).to_owned(),
    }
}

/// The status as editors read it, e.g. "Veröffentlicht (Version 2), geändert".
pub(crate) fn status_text(form: &EditorFormSummary, lang: Lang) -> String {
    let status = match (form.status, form.latest_version) {
        (FormStatus::Draft, _) => EditorText::StatusDraft.text(lang),
        (FormStatus::Archived, _) => EditorText::StatusArchived.text(lang),
        (FormStatus::Published, version) => format!(
            "{} {}",
            EditorText::StatusPublished.text(lang),
            version.unwrap_or_default()
        ),
    };
    if form.unpublished_changes && form.status != FormStatus::Draft {
        format!("{status}, {}", EditorText::StatusChanged.text(lang))
    } else {
        status
    }
}

/// What an import brought up, with the way to the new draft.
fn import_report(created: &FormCreated, lang: Lang) -> Html {
    html! {
        <section class="panel panel--secondary import-report" aria-labelledby="import-report-heading" data-testid="import-report">
            <h2 id="import-report-heading" class="panel-title">{ EditorText::ImportReport.text(lang) }</h2>
            <p role="status">{ format!("{} {} · {} {}", created.notes.len(), EditorText::ImportNotes.text(lang), created.problems.len(), EditorText::Errors.text(lang)) }</p>
            if !created.notes.is_empty() {
                <ul>
                    { for created.notes.iter().map(|note| html! {
                        <li>
                            <strong>{ format!("{}: ", note.element) }</strong>
                            { note.message.clone() }
                            if note.blocking {
                                { format!(" ({})", EditorText::Blocking.text(lang)) }
                            }
                        </li>
                    }) }
                </ul>
            }
            if !created.problems.is_empty() {
                <h3>{ EditorText::Errors.text(lang) }</h3>
                <ul>{ for created.problems.iter().map(|problem| html! { <li>{ format!("{}: {}", problem.path, problem.message) }</li> }) }</ul>
            }
            <p>
                <Link<Route> to={Route::FormEditor { id: created.id.to_string() }}>{ EditorText::OpenDraft.text(lang) }</Link<Route>>
            </p>
        </section>
    }
}

/// Reads the file chosen in the `<input type=file>` of `event` as text.
async fn chosen_text(input: &web_sys::HtmlInputElement, index: u32) -> Option<String> {
    let file = input.files()?.get(index)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

/// The forms directory.
#[component]
pub fn EditorHomePage() -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let directory = use_state(|| Directory::Loading);
    let message = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);

    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &EditorText::DirectoryHeading.text(*lang),
            false,
            *lang,
        ));
    });
    {
        let (directory, navigator) = (directory.clone(), navigator.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api::list_editor_forms(lang).await {
                    Ok(forms) => directory.set(Directory::Ready(forms)),
                    Err(ClientError::Api(body)) if body.code.status() == 401 => {
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::StaffLogin);
                        }
                    }
                    Err(error) => directory.set(Directory::Failed(failure_text(error, lang))),
                }
            });
        });
    }

    // After a create or import: open the new draft, or say what went wrong.
    // An import with findings shows its report first; a clean one opens the draft.
    let report = use_state(|| None::<FormCreated>);
    let open_created = {
        let (navigator, message, report) = (navigator, message.clone(), report.clone());
        Callback::from(
            move |result: Result<FormCreated, ClientError>| match result {
                Ok(created) if !created.notes.is_empty() || !created.problems.is_empty() => {
                    report.set(Some(created));
                }
                Ok(created) => {
                    if let Some(navigator) = &navigator {
                        navigator.push(&Route::FormEditor {
                            id: created.id.to_string(),
                        });
                    }
                }
                Err(error) => message.set(Some(failure_text(error, lang))),
            },
        )
    };
    let create = {
        let open_created = open_created.clone();
        Callback::from(move |_: MouseEvent| {
            let open_created = open_created.clone();
            let definition = FormDefinition {
                slug: format!("neues-formular-{}", browser::now_ms() % 100_000)
                    .parse()
                    .unwrap_or_else(|_| unreachable!("a valid slug")),
                title: LocalizedText::de("Neues Formular"),
                description: None,
                pages: vec![shared::Page {
                    title: LocalizedText::de("Seite 1"),
                    visible_if: None,
                    // Keyed as its label reads, so the key follows the label the editor types.
                    fields: vec![crate::editor_state::new_field(
                        "text",
                        "neue_frage"
                            .parse()
                            .unwrap_or_else(|_| unreachable!("a valid key")),
                    )],
                }],
                payment: None,
                privacy_notice: None,
                one_question_per_page: false,
                confirmation_email_field: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                open_created.emit(api::create_form(&NewForm { definition }, lang).await);
            });
        })
    };
    let import_json = {
        let (open_created, message) = (open_created.clone(), message.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let (open_created, message) = (open_created.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(text) = chosen_text(&input, 0).await else {
                    return;
                };
                match serde_json::from_str::<FormDefinition>(&text) {
                    Ok(definition) => {
                        open_created.emit(api::create_form(&NewForm { definition }, lang).await);
                    }
                    Err(error) => message.set(Some(format!(
                        "{} {error}",
                        EditorText::ImportJsonInvalid.text(lang)
                    ))),
                }
            });
        })
    };
    let import_fim = {
        let open_created = open_created;
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let open_created = open_created.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The first file is the schema; further files are its genericode code lists.
                let count = input.files().map_or(0, |files| files.length());
                let mut documents = Vec::new();
                for index in 0..count {
                    if let Some(text) = chosen_text(&input, index).await {
                        documents.push(text);
                    }
                }
                if documents.is_empty() {
                    return;
                }
                // The schema is the document that is not a genericode list.
                let position = documents
                    .iter()
                    .position(|text| !text.contains("genericode"))
                    .unwrap_or(0);
                let schema = documents.remove(position);
                let command = FimImportRequest {
                    schema,
                    code_lists: documents,
                };
                open_created.emit(api::import_fim(&command, lang).await);
            });
        })
    };

    let body = match &*directory {
        Directory::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Directory::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Directory::Ready(forms) => html! {
            <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="editor-forms-caption">
                <table class="table">
                    <caption class="table-caption" id="editor-forms-caption">
                        { EditorText::DirectoryCaption.text(lang) }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ Msg::ColumnForm.text(lang) }</th>
                            <th scope="col">{ EditorText::ColumnStatus.text(lang) }</th>
                            <th scope="col">{ EditorText::ColumnService.text(lang) }</th>
                            <th scope="col">{ EditorText::ColumnDepartment.text(lang) }</th>
                            <th scope="col">{ EditorText::ColumnChanged.text(lang) }</th>
                            <th scope="col" class="numeric">{ Msg::ColumnCount.text(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for forms.iter().map(|form| {
                            let changed = match &form.updated_by {
                                Some(by) => format!("{} ({by})", browser::local_date_time(&form.updated_at)),
                                None => browser::local_date_time(&form.updated_at),
                            };
                            html! {
                                <tr>
                                    <th scope="row">
                                        <Link<Route> to={Route::FormEditor { id: form.id.to_string() }}>
                                            { form.title.get(lang).to_owned() }
                                        </Link<Route>>
                                    </th>
                                    <td>{ status_text(form, lang) }</td>
                                    <td>{ form.services.join(", ") }</td>
                                    <td>{ form.departments.join(", ") }</td>
                                    <td>{ changed }</td>
                                    <td class="numeric">{ form.submission_count }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ EditorText::DirectoryHeading.text(lang) }</h1>
            if let Some(text) = &*message {
                <div class="alert" role="alert">{ text.clone() }</div>
            }
            if let Some(created) = &*report {
                { import_report(created, lang) }
            }
            <div class="button-group">
                <button type="button" class="button" onclick={create}>{ EditorText::NewForm.text(lang) }</button>
            </div>
            <div class="editor-imports">
                <div class="field">
                    <label class="field-label" for="import-json">{ EditorText::ImportJson.text(lang) }</label>
                    <input id="import-json" class="file-input" type="file" accept="application/json,.json" onchange={import_json} />
                </div>
                <div class="field">
                    <label class="field-label" for="import-fim">{ EditorText::ImportFim.text(lang) }</label>
                    <p class="field-hint" id="import-fim-hint">{ EditorText::ImportFimHint.text(lang) }</p>
                    <input id="import-fim" class="file-input" type="file" multiple=true accept="application/xml,text/xml,.xml" aria-describedby="import-fim-hint" onchange={import_fim} />
                </div>
            </div>
            { body }
        </>
    }
}
